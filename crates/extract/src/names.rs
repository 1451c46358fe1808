//! Named people, organisations and places, linked to what petrel knows about them.
//!
//! Order of precedence for a stretch of words: an actor-dictionary phrase (code valid on the
//! article's date; overlay entries are people), then a gazetteer place, then a run of proper nouns
//! the dictionaries do not know (`unknown`). Weekday and month names are never names.

use crate::Piece;
use chrono::NaiveDate;
use petrel_geo::{Gazetteer, Hints, MatchKind};
use petrel_lexicon::Lexicon;
use petrel_model::{Sentence, Span};
use serde::Serialize;

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Name {
    pub text: String,
    pub span: Span,
    /// `person`, `organisation`, `country`, `place` or `unknown`.
    pub kind: &'static str,
    /// Actor code valid on the article's date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Dictionary entry (primary name) that matched.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entry: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub geonameid: Option<u32>,
    /// ISO-3 country of a place.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
    /// Index of the sentence.
    pub sentence: u32,
    /// First and last token index in the sentence (for speaker attribution).
    #[serde(skip)]
    pub tokens: (usize, usize),
}

const NOT_NAMES: &[&str] = &[
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
    "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "i", "the", "a", "an", "mr", "mrs", "ms", "dr",
];

fn is_name_word(t: &petrel_model::Token) -> bool {
    let starts_upper = t.form.chars().next().map_or(false, |c| c.is_uppercase());
    let tagged = if t.upos.is_empty() { starts_upper } else { t.upos == "PROPN" };
    tagged && starts_upper && !NOT_NAMES.contains(&t.form.trim_end_matches('.').to_lowercase().as_str())
}

pub fn find(text: &str, sentences: &[Sentence], date: NaiveDate, lexicon: &Lexicon, gaz: &Gazetteer) -> Vec<Name> {
    let mut out = Vec::new();
    for (si, sent) in sentences.iter().enumerate() {
        let toks = &sent.tokens;
        let words: Vec<&str> = toks.iter().map(|t| t.form.as_str()).collect();
        let mut taken = vec![false; toks.len()];
        let piece = |a: usize, b: usize| Piece::new(text, Span::new(toks[a].span.start, toks[b].span.end));
        // Actor phrases.
        for hit in lexicon.actors.find_all(&words) {
            let (a, b) = (hit.start, hit.start + hit.len - 1);
            // A phrase must contain a capitalised word to be a name ("police" is an agent, not a name).
            if !(a..=b).any(|i| toks[i].form.chars().next().map_or(false, |c| c.is_uppercase())) {
                continue;
            }
            let e = lexicon.actors.entry(hit.id);
            let code = e.code_on(date).map(|c| c.code.clone()).filter(|c| c != "---");
            let p = piece(a, b);
            let place = gaz.resolve(&p.text, &Hints::default());
            let person = e.origin.file.contains("overlay");
            let kind = if person {
                "person"
            } else if let Some(pl) = &place {
                if pl.feature.starts_with("A.PCL") { "country" } else { "place" }
            } else {
                "organisation"
            };
            out.push(Name {
                text: p.text,
                span: p.span,
                kind,
                code,
                entry: Some(e.name.clone()),
                geonameid: place.as_ref().filter(|_| !person).map(|p| p.geonameid),
                country: place.as_ref().filter(|_| !person).map(|p| p.country.clone()),
                lat: place.as_ref().filter(|_| !person).map(|p| p.lat),
                lon: place.as_ref().filter(|_| !person).map(|p| p.lon),
                sentence: si as u32,
                tokens: (a, b),
            });
            taken[a..=b].iter_mut().for_each(|t| *t = true);
        }
        // Places.
        for (start, len, kind) in gaz.find_places(&words) {
            let (a, b) = (start, start + len - 1);
            if kind == MatchKind::Adjective || taken[a..=b].iter().any(|&t| t) {
                continue;
            }
            let p = piece(a, b);
            if let Some(pl) = gaz.resolve(&p.text, &Hints::default()) {
                out.push(Name {
                    text: p.text,
                    span: p.span,
                    kind: if pl.feature.starts_with("A.PCL") { "country" } else { "place" },
                    code: None,
                    entry: None,
                    geonameid: Some(pl.geonameid),
                    country: Some(pl.country.clone()),
                    lat: Some(pl.lat),
                    lon: Some(pl.lon),
                    sentence: si as u32,
                    tokens: (a, b),
                });
                taken[a..=b].iter_mut().for_each(|t| *t = true);
            }
        }
        // Proper-noun runs nobody knows.
        let mut i = 0;
        while i < toks.len() {
            if taken[i] || !is_name_word(&toks[i]) || i == 0 && toks.len() > 1 && toks[i].upos.is_empty() {
                i += 1;
                continue;
            }
            let a = i;
            while i + 1 < toks.len() && !taken[i + 1] && is_name_word(&toks[i + 1]) {
                i += 1;
            }
            let p = piece(a, i);
            out.push(Name { text: p.text, span: p.span, kind: "unknown", sentence: si as u32, tokens: (a, i), ..Default::default() });
            i += 1;
        }
    }
    out.sort_by_key(|n| n.span.start);
    out
}
