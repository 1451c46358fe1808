//! petrel-lexicon: see Cargo.toml description. (Being built.)
