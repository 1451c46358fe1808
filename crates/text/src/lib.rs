//! petrel-text: see Cargo.toml description. (Being built.)
