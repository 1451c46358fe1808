//! The native event record (one JSON object per line in `--format jsonl`).
//!
//! The schema is documented in `docs/schema.md`; change both together.

use crate::cameo;
use crate::Span;
use serde::{Deserialize, Serialize};

/// A piece of the article: its text and byte range in the original document text.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TextRef {
    pub text: String,
    pub span: Span,
}

/// An actor as coded: CAMEO actor code plus the words that produced it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ActorRef {
    /// `USAGOV`, `RUSMIL`, `IGOUNO`...
    pub code: String,
    /// The words of the actor mention.
    pub text: String,
    pub span: Span,
    /// Dictionary entry that matched (primary name), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entry: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CameoRef {
    pub code: String,
    pub root: String,
    /// GDELT quad class 1-4; null for codes outside the CAMEO table.
    pub quad: Option<u8>,
    pub goldstein: Option<f32>,
}

impl CameoRef {
    /// Fill root, quad class and Goldstein score from the CAMEO table.
    pub fn from_code(code: &str) -> CameoRef {
        let row = cameo::lookup(code);
        let root = row.map(|r| r.root).unwrap_or_else(|| cameo::root_of(code)).to_string();
        CameoRef {
            code: code.to_string(),
            quad: row.map(|r| r.quad).or_else(|| cameo::quad_of_root(&root)),
            goldstein: row.map(|r| r.goldstein),
            root,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PloverRef {
    /// PLOVER event type (`CONSULT`), null where PLOVER has no counterpart.
    pub event: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<String>,
}

impl PloverRef {
    pub fn from_cameo(code: &str) -> PloverRef {
        let row = cameo::lookup(code).or_else(|| cameo::lookup(cameo::root_of(code)));
        let nonempty = |s: &str| (!s.is_empty()).then(|| s.to_string());
        match row {
            Some(r) => PloverRef {
                event: nonempty(r.plover_event),
                mode: nonempty(r.plover_mode),
                context: nonempty(r.plover_context),
            },
            None => PloverRef::default(),
        }
    }
}

/// A resolved place.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Place {
    pub name: String,
    pub geonameid: u32,
    pub lat: f64,
    pub lon: f64,
    /// ISO 3166-1 alpha-3.
    pub country: String,
    /// FIPS 10-4 country code (GDELT geography).
    pub country_fips: String,
    /// GeoNames first-level division code (`RU.66`), "" when unknown.
    pub admin1: String,
    /// GeoNames feature class/code, e.g. `P.PPLA`, `A.PCLI`.
    pub feature: String,
    /// The words that named the place.
    pub mention: TextRef,
}

/// Where an event came from, for one merged mention.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    pub doc_id: String,
    pub sentence: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sentence_id: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// The verb (or verb phrase head) that the pattern matched.
    pub verb: TextRef,
    /// Other pattern words that matched (nouns, prepositions), in text order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub words: Vec<TextRef>,
    /// Byte range of the whole sentence in the document.
    pub sentence_span: Span,
}

/// One coded event.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub doc_id: String,
    /// 0-based index of the sentence in the document.
    pub sentence: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sentence_id: Option<String>,
    /// Event date, YYYY-MM-DD (the publication/sentence date unless a temporal expression says otherwise).
    pub date: String,
    pub source: Option<ActorRef>,
    pub target: Option<ActorRef>,
    pub cameo: CameoRef,
    pub plover: PloverRef,
    pub evidence: Evidence,
    /// Dictionary file and line of the pattern that fired (`CAMEO.2.0.txt:4711`).
    pub rule: String,
    /// Drawn from `negated`, `future`, `hypothetical`, `historical`, `reported`.
    #[serde(default)]
    pub modality: Vec<String>,
    #[serde(default)]
    pub place: Option<Place>,
    /// Issue codes found in the sentence (Phoenix issue dictionary).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub issues: Vec<String>,
    /// Other mentions merged into this one by deduplication (the record's own is not repeated).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub merged: Vec<Mention>,
}
