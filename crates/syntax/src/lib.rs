//! petrel-syntax: see Cargo.toml description. (Being built.)
