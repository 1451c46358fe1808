//! petrel-nlp: part-of-speech tagging, lemmatisation, morphological features and dependency
//! parsing, with models petrel trains itself on UD English EWT and embeds in the binary.
//!
//! Main types:
//! - [`perceptron::Trainer`] / [`perceptron::Perceptron`]: an averaged multiclass perceptron over
//!   hashed string features ([`perceptron::FeatHash`]), deterministic, with a compact binary form.
//! - [`model_io::Writer`] / [`model_io::Reader`]: the little-endian byte format models use.
//! - [`tagger::TaggerModel`]: UPOS + XPOS tagger (two greedy perceptron passes), lemmatiser
//!   ([`lemma::Lemmatizer`]) and FEATS, trained on a UD treebank.
//! - [`parser`]: the transition-based dependency parser (`ParserModel`).
//! - [`Pipeline`]: text -> tagged and parsed [`petrel_model::Sentence`]s with the embedded models.
//! - [`eval`]: UD scores (UPOS, XPOS, lemma, FEATS, UAS, LAS; gold tokenisation or raw text).
//! - [`NlpError`]: hard errors (a corrupt model file, an unreadable path).
//!
//! ```no_run
//! let nlp = petrel_nlp::Pipeline::embedded().unwrap();
//! let text = "The envoy met Putin in St. Petersburg.";
//! for s in nlp.analyze(text) {
//!     for t in &s.tokens {
//!         println!("{} {} {} {} {}", t.span.slice(text), t.lemma, t.upos, t.head, t.deprel);
//!     }
//! }
//! ```

mod mem;
pub mod model_io;
pub mod parser;
pub mod eval;
pub mod lemma;
pub mod perceptron;
pub mod pipeline;
pub mod tagger;

pub use pipeline::Pipeline;
use std::path::PathBuf;

/// Hard errors of this crate. Messy *text* never produces one (it yields diagnostics instead);
/// these are for model files and paths.
#[derive(Debug, thiserror::Error)]
pub enum NlpError {
    /// A model's bytes do not decode: wrong magic, truncated, or inconsistent.
    #[error("corrupt {model} model: {detail}")]
    CorruptModel { model: String, detail: String },
    /// A model file written by an incompatible version of the format.
    #[error("{model} model has format version {found}, this build reads version {expected}")]
    ModelVersion { model: String, found: u32, expected: u32 },
    /// Reading or writing a file failed (the message is the path; the I/O error is the source,
    /// so `anyhow`'s `{:#}` prints `path: error` once).
    #[error("{}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl NlpError {
    /// Shorthand for [`NlpError::CorruptModel`].
    pub fn corrupt(model: &str, detail: impl Into<String>) -> NlpError {
        NlpError::CorruptModel { model: model.to_string(), detail: detail.into() }
    }
}
