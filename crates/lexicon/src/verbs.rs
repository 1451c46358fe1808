//! The verb/pattern dictionary (PETRARCH `CAMEO.2.0.txt`, `PETR.Validate.verbs*.txt`).
//!
//! Being built by the coder's owner: the public signatures below are stable.

use petrel_model::Diagnostic;
use std::collections::HashMap;

/// Where a pattern (or verb) was defined: `file:line` for the event's `rule` field.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rule {
    pub file: String,
    pub line: u32,
}

/// The compiled verb dictionary: synsets, verb blocks with their patterns, transformations.
#[derive(Clone, Debug, Default)]
pub struct VerbDict {
    /// Synset name (`&TREATY`) -> its phrases, upper-case words.
    pub synsets: HashMap<String, Vec<Vec<String>>>,
}

impl VerbDict {
    /// Add every verb, pattern, synset and transformation of `other`; later definitions are
    /// appended (patterns of the same verb are tried together, most specific first).
    pub fn merge(&mut self, other: VerbDict) {
        for (k, v) in other.synsets {
            self.synsets.entry(k).or_default().extend(v);
        }
    }
}

/// Read a PETRARCH verb dictionary. Never fails: problems come back as `V0xx` diagnostics.
pub fn parse(text: &str, file: &str) -> (VerbDict, Vec<Diagnostic>) {
    let _ = (text, file);
    (VerbDict::default(), Vec::new())
}
