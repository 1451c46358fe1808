//! petrel-nlp: see Cargo.toml description. (Being built.)
