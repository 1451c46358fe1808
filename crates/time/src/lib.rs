//! petrel-time: see Cargo.toml description. (Being built.)
