//! petrel-formats: see Cargo.toml description. (Being built.)
