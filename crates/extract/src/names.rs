//! Named people, organisations and places, linked to what petrel knows about them.
//!
//! Order of precedence for a stretch of words: an actor-dictionary phrase (code valid on the
//! article's date), then a gazetteer place, then a run of proper nouns the dictionaries do not
//! know (`unknown`). Weekday and month names, and runs made only of title words, are never names.
//!
//! Kinds for dictionary phrases: `person` for overlay entries (current officeholders) and entries
//! whose every code is dated (Phoenix lists leaders with their terms); `organisation` for codes
//! with a sector (`RUSGOV`: the Kremlin, the White House), unless the gazetteer says it is a
//! country; `country`/`place` when the gazetteer resolves it; `organisation` otherwise. A person's
//! text starts at the first word of the entry's name, the title words before it (`Kremlin
//! spokesperson`) going to `title`; a leading `the` is never part of a name.

use crate::Piece;
use chrono::NaiveDate;
use petrel_geo::{Gazetteer, Hints, MatchKind};
use petrel_model::event::Place;
use std::collections::HashMap;
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
    /// Title or role words the dictionary phrase carried before the name (`Kremlin spokesperson`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
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

/// Words that are never a name on their own (a run made only of them is dropped).
const TITLE_WORDS: &[&str] = &[
    "president", "minister", "prime", "foreign", "defence", "defense", "secretary", "general", "secretary-general",
    "chancellor", "king", "queen", "prince", "governor", "mayor", "senator", "representative", "ambassador", "envoy",
    "spokesman", "spokeswoman", "spokesperson", "chief", "head", "chairman", "leader", "commander", "deputy", "vice",
    "state", "interior", "finance", "justice", "trade", "commissioner", "pope", "sheikh", "emir", "premier", "judge",
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "new", "former",
];

/// A tagged function word (determiner, pronoun, preposition, conjunction, auxiliary, adverb...).
fn closed_class(t: &petrel_model::Token) -> bool {
    matches!(t.upos.as_str(), "DET" | "PRON" | "ADP" | "CCONJ" | "SCONJ" | "AUX" | "PART" | "ADV" | "INTJ" | "NUM")
}

fn is_name_word(t: &petrel_model::Token) -> bool {
    let starts_upper = t.form.chars().next().is_some_and(|c| c.is_uppercase());
    let tagged = if t.upos.is_empty() { starts_upper } else { t.upos == "PROPN" };
    tagged && starts_upper && !NOT_NAMES.contains(&t.form.trim_end_matches('.').to_lowercase().as_str())
}

pub fn find(text: &str, sentences: &[Sentence], date: NaiveDate, lexicon: &Lexicon, gaz: &Gazetteer) -> Vec<Name> {
    let mut out = Vec::new();
    // Names repeat within an article: resolve each text once.
    let mut cache: HashMap<String, Option<Place>> = HashMap::new();
    let mut resolve = |t: &str| -> Option<Place> {
        if let Some(p) = cache.get(t) {
            return p.clone();
        }
        let p = gaz.resolve(t, &Hints::default());
        cache.insert(t.to_string(), p.clone());
        p
    };
    for (si, sent) in sentences.iter().enumerate() {
        let toks = &sent.tokens;
        let words: Vec<&str> = toks.iter().map(|t| t.form.as_str()).collect();
        let mut taken = vec![false; toks.len()];
        let piece = |a: usize, b: usize| Piece::new(text, Span::new(toks[a].span.start, toks[b].span.end));
        // Actor phrases.
        for hit in lexicon.actors.find_all(&words) {
            let (a, b) = (hit.start, hit.start + hit.len - 1);
            // A phrase must contain a capitalised word to be a name ("police" is an agent, not a name).
            if !(a..=b).any(|i| toks[i].form.chars().next().is_some_and(|c| c.is_uppercase())) {
                continue;
            }
            let e = lexicon.actors.entry(hit.id);
            let dated = lexicon.actors.entry(hit.id).codes.iter().all(|c| c.is_restricted());
            let code = e.code_on(date).map(|c| c.code.clone()).filter(|c| c != "---");
            // People: the overlay of officeholders, and dictionary entries whose every code is
            // dated (Phoenix lists leaders with terms, countries and bodies without).
            // Leading "the" and, for people, title words before the name proper.
            let mut a2 = a;
            while a2 < b && toks[a2].form.eq_ignore_ascii_case("the") {
                a2 += 1;
            }
            let overlay = e.origin.file.contains("overlay");
            let place = if overlay { None } else { resolve(&piece(a2, b).text) };
            let person = overlay || dated && !e.codes.is_empty() && place.is_none() && e.name.split([' ', '_']).filter(|w| !w.is_empty()).count() >= 2;
            let mut title = None;
            if person {
                let words: Vec<&str> = e.name.split([' ', '_']).collect();
                if let Some(k) = (a2..=b).find(|&k| words.iter().any(|w| w.eq_ignore_ascii_case(&toks[k].form))) {
                    if k > a2 {
                        title = Some(piece(a2, k - 1).text);
                        a2 = k;
                    }
                }
            }
            let p = piece(a2, b);
            let sector = code.as_deref().is_some_and(|c| c.len() > 3);
            let place = place.filter(|_| !person);
            let is_country = place.as_ref().is_some_and(|pl| pl.feature.starts_with("A.PCL"));
            let kind = if person {
                "person"
            } else if sector && !is_country {
                // The Kremlin, the White House, NATO: bodies, even where a town shares the name.
                "organisation"
            } else if is_country {
                "country"
            } else if place.is_some() {
                "place"
            } else {
                "organisation"
            };
            let place = place.filter(|_| matches!(kind, "country" | "place"));
            out.push(Name {
                text: p.text,
                span: p.span,
                kind,
                code,
                entry: Some(e.name.clone()),
                geonameid: place.as_ref().map(|p| p.geonameid),
                country: place.as_ref().map(|p| p.country.clone()),
                lat: place.as_ref().map(|p| p.lat),
                lon: place.as_ref().map(|p| p.lon),
                title,
                sentence: si as u32,
                tokens: (a, b),
            });
            taken[a..=b].iter_mut().for_each(|t| *t = true);
        }
        // Places.
        // Only over runs of words no actor phrase took, and only runs with a capitalised word
        // (gazetteer look-ups are most of the cost of extraction).
        let mut hits = Vec::new();
        let mut r0 = 0;
        while r0 < toks.len() {
            if taken[r0] {
                r0 += 1;
                continue;
            }
            let r1 = (r0..toks.len()).find(|&k| taken[k]).unwrap_or(toks.len());
            // Capitalised function words ("The", "In" opening a sentence) start no place name.
            let run: Vec<&str> = (r0..r1).map(|k| if closed_class(&toks[k]) { "x" } else { words[k] }).collect();
            if run.iter().any(|w| w.starts_with(char::is_uppercase)) {
                hits.extend(gaz.find_places(&run).into_iter().map(|(s, l, k)| (s + r0, l, k)));
            }
            r0 = r1;
        }
        for (start, len, kind) in hits {
            let (a, b) = (start, start + len - 1);
            if kind == MatchKind::Adjective || taken[a..=b].iter().any(|&t| t) {
                continue;
            }
            let p = piece(a, b);
            if let Some(pl) = resolve(&p.text) {
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
                    title: None,
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
            // A run of title words alone ("President" in "if I were President") is not a name.
            if (a..=i).all(|k| TITLE_WORDS.contains(&toks[k].form.to_lowercase().as_str())) {
                i += 1;
                continue;
            }
            let p = piece(a, i);
            out.push(Name { text: p.text, span: p.span, kind: "unknown", sentence: si as u32, tokens: (a, i), ..Default::default() });
            i += 1;
        }
    }
    out.sort_by_key(|n| n.span.start);
    out
}
