//! Grounding an event in its sentence: its date, its place, and the modality the tree shows.
//!
//! All functions read the dependency tree of the sentence the event came from; none does I/O.
//! - **Date**: a temporal expression whose governing verb is the event's verb ("met ... on
//!   Friday") dates the event; otherwise the event keeps the publication date. An event dated well
//!   before publication is `historical`.
//! - **Place**: a locative oblique of the event's verb (`in`, `at`, `near` + a name: "met ... in
//!   St. Petersburg", "In Brussels, ministers pledged ...") resolved in the gazetteer, with the
//!   actors' countries as hints. No locative, no place: a sentence's other place names are not
//!   the event's.
//! - **Reported**: the verb sits under a speech verb ("X said Y met Z") or has one beside it
//!   ("Y met Z, the Kremlin said").

use chrono::NaiveDate;
use petrel_geo::{Gazetteer, Hints};
use petrel_model::event::{Event, Place, TextRef};
use petrel_model::{Sentence, Span};

/// Verbs that report speech or attribution.
const SPEECH_VERBS: &[&str] = &[
    "say", "tell", "announce", "report", "claim", "state", "declare", "add", "write", "post", "note",
    "insist", "confirm", "quote", "accord", "allege", "assert", "maintain", "suggest",
];

/// Prepositions that make an oblique a locative.
const LOCATIVE_CASES: &[&str] = &["in", "at", "near", "outside", "inside"];

/// The token that is the event's verb (its span equals or contains the evidence span start).
pub fn verb_index(sent: &Sentence, ev: &Event) -> Option<usize> {
    let s = ev.evidence.verb.span;
    sent.tokens
        .iter()
        .position(|t| t.span == s)
        .or_else(|| sent.tokens.iter().position(|t| t.span.start <= s.start && s.start < t.span.end.max(t.span.start + 1)))
}

fn is_clause_head(sent: &Sentence, i: usize) -> bool {
    let t = &sent.tokens[i];
    t.upos == "VERB" || t.upos == "AUX" && t.head == 0 || t.head == 0
}

/// The nearest clause head (verb or root) at or above token `i`, following heads. Cycle-safe.
pub fn governing_verb(sent: &Sentence, i: usize) -> Option<usize> {
    let mut cur = sent.head_of(i)?;
    for _ in 0..sent.tokens.len() {
        if is_clause_head(sent, cur) {
            return Some(cur);
        }
        cur = sent.head_of(cur)?;
    }
    None
}

/// Lowercased lemma, or the form when no lemma was given.
fn lemma(sent: &Sentence, i: usize) -> String {
    let t = &sent.tokens[i];
    if t.lemma.is_empty() || t.lemma == "_" { t.form.to_lowercase() } else { t.lemma.to_lowercase() }
}

fn base_rel(rel: &str) -> &str {
    rel.split(':').next().unwrap_or(rel)
}

/// Is the clause of `verb` reported speech?
pub fn is_reported(sent: &Sentence, verb: usize) -> bool {
    // Under a speech verb: X said (that) Y met Z.
    let mut cur = verb;
    for _ in 0..sent.tokens.len() {
        let rel = base_rel(&sent.tokens[cur].deprel);
        let Some(h) = sent.head_of(cur) else { break };
        if matches!(rel, "ccomp" | "parataxis" | "xcomp" | "conj") && SPEECH_VERBS.contains(&lemma(sent, h).as_str()) && h != verb {
            return true;
        }
        if !matches!(rel, "ccomp" | "xcomp" | "conj" | "advcl") {
            break;
        }
        cur = h;
    }
    // A speech verb beside it: Y met Z, the Kremlin said.
    sent.children(verb).any(|c| {
        matches!(base_rel(&sent.tokens[c].deprel), "parataxis" | "advcl") && SPEECH_VERBS.contains(&lemma(sent, c).as_str())
    })
}

/// The event date and whether the sentence dated it: the first temporal expression governed by
/// `verb`, resolved against `pub_date`. Returns `(date, historical)`.
pub fn event_date(sent: &Sentence, verb: usize, pub_date: NaiveDate) -> Option<(NaiveDate, bool)> {
    let words: Vec<&str> = sent.tokens.iter().map(|t| t.form.as_str()).collect();
    for t in petrel_time::find_temporal(&words, pub_date) {
        let range = t.start..t.start + t.len;
        // The expression's attachment: the token whose head lies outside it.
        let Some(top) = range.clone().find(|&i| sent.head_of(i).map_or(true, |h| !range.contains(&h))) else { continue };
        let gov = if is_clause_head(sent, top) && top == verb { Some(verb) } else { governing_verb(sent, top) };
        if gov == Some(verb) {
            let historical = t.is_historical(pub_date);
            return Some((t.date, historical));
        }
    }
    None
}

/// The words of the name headed by `i`: the head with its `flat`/`compound` dependents and the
/// contiguous proper nouns around it, as a token range.
fn name_range(sent: &Sentence, i: usize) -> (usize, usize) {
    let mut lo = i;
    let mut hi = i;
    for c in sent.children(i) {
        if matches!(base_rel(&sent.tokens[c].deprel), "flat" | "compound") {
            lo = lo.min(c);
            hi = hi.max(c);
        }
    }
    // Abbreviated first words ("St.") attached as compound/amod are covered above; extend over
    // adjacent proper nouns that point into the range.
    while lo > 0 && sent.tokens[lo - 1].upos == "PROPN" && sent.head_of(lo - 1).map_or(false, |h| (lo..=hi).contains(&h)) {
        lo -= 1;
    }
    (lo, hi)
}

/// The place of the event governed by `verb`, if a locative names one the gazetteer knows.
pub fn event_place(sent: &Sentence, text: &str, verb: usize, hints: &Hints, gaz: &Gazetteer) -> Option<Place> {
    let locatives = sent.children(verb).filter(|&c| {
        base_rel(&sent.tokens[c].deprel) == "obl"
            && sent.children(c).any(|k| sent.tokens[k].deprel == "case" && LOCATIVE_CASES.contains(&sent.tokens[k].form.to_lowercase().as_str()))
    });
    for obl in locatives.collect::<Vec<_>>() {
        // "in St. Petersburg"; "in the city of Kharkiv": the name may be an `nmod` of the head.
        let mut heads = vec![obl];
        heads.extend(sent.children(obl).filter(|&k| base_rel(&sent.tokens[k].deprel) == "nmod" && sent.tokens[k].upos == "PROPN"));
        for h in heads {
            if sent.tokens[h].upos != "PROPN" {
                continue;
            }
            let (lo, hi) = name_range(sent, h);
            let span = Span::new(sent.tokens[lo].span.start, sent.tokens[hi].span.end);
            let name = span.slice(text);
            if name.is_empty() {
                continue;
            }
            if let Some(mut place) = gaz.resolve(name, hints) {
                place.mention = TextRef { text: name.to_string(), span };
                return Some(place);
            }
        }
    }
    None
}

/// ISO-3 country hints from the event's actor codes (`USAGOV` -> `USA`).
pub fn actor_countries(ev: &Event) -> Hints {
    let countries = [&ev.source, &ev.target]
        .into_iter()
        .flatten()
        .filter_map(|a| a.code.get(..3))
        .filter(|c| c.chars().all(|ch| ch.is_ascii_uppercase()))
        .map(str::to_string)
        .collect();
    Hints { countries }
}
