//! Beyond events: what else analysts read an article for.
//!
//! [`extract`] takes a document's text and its tagged sentences (spans into the text) and returns
//! an [`Extraction`]:
//! - [`quotes`]: every quoted passage (straight, curly and angle quotes, quotes over several
//!   sentences, partial quotes) with its speaker when the text says it, the reporting verb and spans;
//! - [`amounts`]: numbers with their currency (ISO 4217) or unit and the thing counted, normalised;
//! - [`names`]: people, organisations and places mentioned, linked to the actor code valid on the
//!   article's date or to the gazetteer; unknown capitalised names are kept as `unknown`;
//! - [`tone`]: document tone from the VADER lexicon, with GDELT V1.5TONE-style counts.
//!
//! - [`gkg`]: the GDELT GKG 2.1 row these fill (counts, locations, persons, organisations, tone,
//!   quotations, all names, amounts).
//!
//! No I/O: the lexicon and gazetteer are passed in. Spans are byte ranges of the original text.
//! The extractors rely on tokens, tags and lemmas; a dependency tree, when the sentences have one,
//! is an extra signal (the subject of a reporting verb) and never required: with a flat tree the
//! speaker search falls back to word order.
//!
//! Cost: on one thread, extraction adds about 3-8% to analyse + code (`petrel bench extract`).
//! Tests: `tests/extract.rs` (tables and property tests), `tests/golden.rs` (team-written
//! articles in `tests/golden/articles/` and `tests/articles/`), `tests/demo.rs` (the reference
//! article in `../shared`, skipped when absent).

pub mod amounts;
pub mod gkg;
pub mod names;
pub mod quotes;
pub mod tone;

use chrono::NaiveDate;
use petrel_geo::Gazetteer;
use petrel_lexicon::Lexicon;
use petrel_model::{Sentence, Span};
use serde::Serialize;

pub use amounts::Amount;
pub use names::Name;
pub use quotes::Quote;
pub use tone::Tone;

/// Everything extracted from one document.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Extraction {
    pub doc_id: String,
    pub date: String,
    pub quotes: Vec<Quote>,
    pub amounts: Vec<Amount>,
    pub names: Vec<Name>,
    pub tone: Tone,
}

/// A piece of text with its byte range.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Piece {
    pub text: String,
    pub span: Span,
}

impl Piece {
    pub fn new(text: &str, span: Span) -> Piece {
        Piece { text: span.slice(text).to_string(), span }
    }
}

/// Run every extractor over one document.
pub fn extract(doc_id: &str, text: &str, sentences: &[Sentence], date: NaiveDate, lexicon: &Lexicon, gazetteer: &Gazetteer) -> Extraction {
    let names = names::find(text, sentences, date, lexicon, gazetteer);
    Extraction {
        doc_id: doc_id.to_string(),
        date: date.to_string(),
        quotes: quotes::find(text, sentences, &names),
        amounts: amounts::find(text, sentences),
        tone: tone::score(sentences),
        names,
    }
}

/// The lemma of a token, lower-cased (the form when the tagger gave none).
pub(crate) fn lemma(t: &petrel_model::Token) -> String {
    if t.lemma.is_empty() || t.lemma == "_" {
        t.form.to_lowercase()
    } else {
        t.lemma.to_lowercase()
    }
}
