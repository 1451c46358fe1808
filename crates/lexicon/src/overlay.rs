//! The overlay of current officeholders (being built).
