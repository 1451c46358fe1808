//! The verb/pattern dictionary (being built by the coder's owner).
