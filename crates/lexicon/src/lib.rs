//! PETRARCH dictionaries read with diagnostics and compiled into one immutable snapshot.
//!
//! Module owners while the crate is being built (keep these `pub mod` lines):
//! - `types`: shared entry types (dated codes, actor entries).
//! - `verbs`: the verb/pattern dictionary (`CAMEO.2.0.txt`, `PETR.Validate.verbs*.txt`).
//! - `overlay`: the maintained overlay of current officeholders (`data/actors/overlay/*.txt`).
//! - everything else: actors, agents, discards, issues, the snapshot, `dict check`.
//!
//! Main types: [`actors::ActorDict`] (names to date-bounded codes, matched on word
//! sequences). Every reader takes bytes and a file name and returns `(entries, diagnostics)`;
//! diagnostic codes `L0xx` are listed in each module's docs.

pub mod actors;
pub mod agents;
pub mod check;
pub mod codes;
pub mod discards;
pub mod issues;
pub mod overlay;
mod phrase;
pub mod snapshot;
mod text;
mod textmatch;
pub mod types;
pub mod verbs;

pub use snapshot::{Lexicon, LexiconError, LexiconFiles};
