//! PETRARCH dictionaries read with diagnostics and compiled into one immutable snapshot.
//!
//! Module owners while the crate is being built (keep these `pub mod` lines):
//! - `types`: shared entry types (dated codes, actor entries).
//! - `verbs`: the verb/pattern dictionary (`CAMEO.2.0.txt`, `PETR.Validate.verbs*.txt`).
//! - `overlay`: the maintained overlay of current officeholders (`data/actors/overlay/*.txt`).
//! - everything else: actors, agents, discards, issues, the snapshot, `dict check`.
//!
//! # Main types
//! - [`Lexicon`] ([`snapshot`]): every dictionary compiled once; `Lexicon::embedded()` is the
//!   Phoenix set shipped in the binary plus the officeholder overlay; `Lexicon::load` reads
//!   files kind by kind.
//! - [`actors::ActorDict`]: names to date-bounded actor codes ([`types::ActorEntry`]),
//!   matched leftmost-longest on word sequences (later entries win for the same phrase).
//! - [`agents::AgentDict`] and [`agents::combine`]: `~GOV`/`NGO~` agents and code building.
//! - [`discards::DiscardList`], [`issues::IssueDict`]: sentence/story discards, issue tags.
//! - [`check`]: `petrel dict check`.
//!
//! Every reader takes bytes (read lossily: dictionaries are messy) and a file name, never
//! fails, and returns `(entries, diagnostics)`; diagnostic codes `L0xx` are listed in each
//! module's docs. Matching normalises words the same way on both sides (case, possessive
//! `'S`, hyphens, a trailing period), see `phrase.rs`.
//!
//! ```
//! use chrono::NaiveDate;
//! use petrel_lexicon::{actors, agents};
//! let (entries, diags) = actors::parse(b"RUSSIA [RUS]\n+RUSSIAN\nVLADIMIR_PUTIN\n\t[RUSGOV >20000507]\n", "mini.actors.txt");
//! assert!(diags.is_empty());
//! let actors = actors::ActorDict::from_entries(entries);
//! let (agent_entries, _) = agents::parse(b"FOREIGN_MINISTRY [~GOV]\n", "mini.agents.txt");
//! let agent_dict = agents::AgentDict::from_entries(agent_entries);
//!
//! let words = ["the", "Russian", "foreign", "ministry", "said"];
//! let actor = actors.find_all(&words)[0];
//! let agent = agent_dict.find_all(&words)[0];
//! let date = NaiveDate::from_ymd_opt(2025, 4, 11).unwrap();
//! let code = actors.entry(actor.id).code_on(date).map(|c| c.code.as_str());
//! let full = agents::combine(code, &[agent_dict.entry(agent.id).code.as_str()]);
//! assert_eq!(full.as_deref(), Some("RUSGOV"));
//! ```

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

pub use phrase::{FxHasher, FxMap};
pub use snapshot::{Lexicon, LexiconError, LexiconFiles};
