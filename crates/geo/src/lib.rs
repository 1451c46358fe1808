//! petrel-geo: see Cargo.toml description. (Being built.)
