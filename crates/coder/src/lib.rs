//! petrel-coder: see Cargo.toml description. (Being built.)
