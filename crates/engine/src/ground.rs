//! Grounding an event in its sentence: its date, its place, and the modality the tree shows.
//!
//! All functions read the dependency tree of the sentence the event came from; none does I/O.
//! - **Date**: a temporal expression whose governing verb is the event's verb ("met ... on
//!   Friday") dates the event; otherwise the event keeps the publication date. An event dated well
//!   before publication is `historical`.
//! - **Place**: a locative oblique of the event's verb (`in`, `at`, `near` + a name: "met ... in
//!   St. Petersburg", "In Brussels, ministers pledged ...") or, failing that, a locative modifier
//!   of one of its arguments ("held talks in Doha"), resolved in the gazetteer with the actors'
//!   countries as hints. No locative, no place: a sentence's other place names are not the
//!   event's.
//! - **Reported**: the verb sits under a speech verb ("X said Y met Z") or has one beside it
//!   ("Y met Z, the Kremlin said", also when parsed as a conjunct without "and").

use chrono::NaiveDate;
use petrel_geo::{Gazetteer, Hints};
use petrel_model::event::{Event, Place, TextRef};
use petrel_model::{Sentence, Span};

/// Verbs that report speech or attribution.
const SPEECH_VERBS: &[&str] = &[
    "say", "tell", "announce", "report", "claim", "state", "declare", "add", "write", "post", "note",
    "insist", "confirm", "quote", "accord", "allege", "assert", "maintain", "suggest",
];

/// Nouns of gatherings: a locative modifier of one places the event ("held talks in Doha").
const MEETING_NOUNS: &[&str] = &[
    "talk", "talks", "meeting", "summit", "conference", "negotiation", "negotiations", "visit", "session", "ceremony", "rally",
    "protest", "demonstration", "exercise", "exercises", "drill", "drills",
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
    t.upos == "VERB" || t.head == 0
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

/// Does clause head `c` have a `mark` that opens an adverbial clause ("as", "while", "after";
/// the coder's list, [`petrel_coder::is_subordinator`])? Not "if"/"whether", which open what
/// was asked.
fn opens_adverbial_clause(sent: &Sentence, c: usize) -> bool {
    sent.children(c).any(|k| base_rel(&sent.tokens[k].deprel) == "mark" && petrel_coder::is_subordinator(&sent.tokens[k].form))
}

/// Is the clause of `verb` reported speech?
pub fn is_reported(sent: &Sentence, verb: usize) -> bool {
    // Under a speech verb: X said (that) Y met Z.
    let mut cur = verb;
    for _ in 0..sent.tokens.len() {
        let rel = base_rel(&sent.tokens[cur].deprel);
        let Some(h) = sent.head_of(cur) else { break };
        // "..., the Kremlin said, as Washington pressed Moscow": a clause opened by an
        // adverbial subordinator is not what was said, whatever relation the parser gave it.
        if opens_adverbial_clause(sent, cur) {
            break;
        }
        if matches!(rel, "ccomp" | "parataxis" | "xcomp" | "conj") && SPEECH_VERBS.contains(&lemma(sent, h).as_str()) && h != verb {
            return true;
        }
        if !matches!(rel, "ccomp" | "xcomp" | "conj" | "advcl") {
            break;
        }
        cur = h;
    }
    // "According to officials, Y met Z" / "Y met Z, according to officials".
    if sent.tokens.windows(2).any(|w| w[0].form.eq_ignore_ascii_case("according") && w[1].form.eq_ignore_ascii_case("to")) {
        return true;
    }
    // A trailing attribution, whatever the parser made of it: a speech verb after the verb and
    // a comma that is above the verb in the tree ("Y attacked Z, the military said" parsed
    // with "Y attacked" as a clause inside the subject of "said").
    let mut cur = verb;
    for _ in 0..sent.tokens.len() {
        let Some(h) = sent.head_of(cur) else { break };
        if h > verb && SPEECH_VERBS.contains(&lemma(sent, h).as_str()) && sent.tokens[verb + 1..h].iter().any(|t| t.form == ",") {
            return true;
        }
        cur = h;
    }
    // A speech verb beside it: Y met Z, the Kremlin said. Parsers often attach the trailing
    // "..., officials said" as a `conj` of the verb; a conjunct without a coordinator ("and")
    // after the verb is read the same way ("Y met Z and said ..." is not reported).
    sent.children(verb).any(|c| {
        let rel = base_rel(&sent.tokens[c].deprel);
        let speech = SPEECH_VERBS.contains(&lemma(sent, c).as_str());
        let beside = matches!(rel, "parataxis" | "advcl")
            || rel == "conj" && c > verb && !sent.children(c).any(|k| base_rel(&sent.tokens[k].deprel) == "cc");
        speech && beside
    })
}

/// The event date and whether the sentence dated it: the first temporal expression governed by
/// `verb`, resolved against `pub_date` (`future`: bare weekdays and months resolve forward, for
/// "will meet on Friday"). Returns `(date, historical)`.
///
/// Parsers often hang a trailing "on Tuesday" on a noun ("delegations met in Jeddah on
/// Tuesday" with `delegations` as the root); an expression whose governing clause head is not a
/// verb and lies above `verb` dates it too, when no expression is governed by `verb` itself.
pub fn event_date(sent: &Sentence, verb: usize, pub_date: NaiveDate, future: bool) -> Option<(NaiveDate, bool)> {
    event_date_in(sent, verb, pub_date, &sentence_temporals(sent, pub_date, future))
}

/// The temporal expressions of a sentence as [`event_date`] reads them (found once per sentence
/// and `future` flag when several events of the sentence are dated: see [`event_date_in`]).
pub fn sentence_temporals(sent: &Sentence, pub_date: NaiveDate, future: bool) -> Vec<petrel_time::Temporal> {
    let words: Vec<&str> = sent.tokens.iter().map(|t| t.form.as_str()).collect();
    petrel_time::find_temporal_with(&words, pub_date, future)
}

/// [`event_date`] with the sentence's expressions given ([`sentence_temporals`] with the same
/// `pub_date` and `future` flag).
pub fn event_date_in(sent: &Sentence, verb: usize, pub_date: NaiveDate, temporals: &[petrel_time::Temporal]) -> Option<(NaiveDate, bool)> {
    let mut fallback = None;
    for t in temporals {
        let range = t.start..t.start + t.len;
        // The expression's attachment: the token whose head lies outside it.
        let Some(top) = range.clone().find(|&i| !sent.head_of(i).is_some_and(|h| range.contains(&h))) else { continue };
        let gov = if is_clause_head(sent, top) && top == verb { Some(verb) } else { governing_verb(sent, top) };
        if gov == Some(verb) {
            return Some((t.date, t.is_historical(pub_date)));
        }
        if fallback.is_none() {
            if let Some(g) = gov {
                let above = sent.tokens[g].upos != "VERB" && sent.tokens[g].upos != "AUX" && is_ancestor(sent, g, verb);
                // "visited Washington last week -- becoming the first ...": an expression
                // between the verb and a following clause of its own belongs to the verb.
                let between = sent.head_of(g) == Some(verb) && verb < t.start && t.start + t.len <= g;
                // "Y attacked Z on Wednesday, the military said" with "on Wednesday" hung on
                // "said": an expression inside the reported clause, before the comma, is the event's.
                let reported = sent.head_of(verb) == Some(g)
                    && SPEECH_VERBS.contains(&lemma(sent, g).as_str())
                    && verb < t.start
                    && t.start + t.len <= g
                    && sent.tokens[t.start + t.len..g].iter().any(|x| x.form == ",");
                if above || between || reported {
                    fallback = Some((t.date, t.is_historical(pub_date)));
                }
            }
        }
    }
    fallback
}

/// Is `a` a (transitive) head of `i`? Cycle-safe.
fn is_ancestor(sent: &Sentence, a: usize, i: usize) -> bool {
    let mut cur = i;
    for _ in 0..sent.tokens.len() {
        match sent.head_of(cur) {
            Some(h) if h == a => return true,
            Some(h) => cur = h,
            None => return false,
        }
    }
    false
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
    while lo > 0 && sent.tokens[lo - 1].upos == "PROPN" && sent.head_of(lo - 1).is_some_and(|h| (lo..=hi).contains(&h)) {
        lo -= 1;
    }
    (lo, hi)
}

/// Is `c` a phrase introduced by a locative preposition (`in Doha`, `at the summit`)?
fn is_locative(sent: &Sentence, c: usize) -> bool {
    sent.children(c).any(|k| sent.tokens[k].deprel == "case" && LOCATIVE_CASES.contains(&sent.tokens[k].form.to_lowercase().as_str()))
}

/// The place of the event governed by `verb`, if a locative names one the gazetteer knows.
///
/// Looked for first among the verb's own locative obliques, then among locative modifiers of
/// its arguments: parsers often attach "in Doha" to the object ("held talks in Doha", "met
/// Putin in St. Petersburg"), and such a phrase still places the event.
pub fn event_place(sent: &Sentence, text: &str, verb: usize, hints: &Hints, gaz: &Gazetteer) -> Option<Place> {
    let mut locatives: Vec<usize> = sent.children(verb).filter(|&c| base_rel(&sent.tokens[c].deprel) == "obl" && is_locative(sent, c)).collect();
    // Only arguments that stand where the event happened: named actors ("Putin in St.
    // Petersburg") and meeting nouns ("talks in Doha"), not "a ceasefire in Ukraine".
    let situated = |a: usize| sent.tokens[a].upos == "PROPN" || MEETING_NOUNS.contains(&lemma(sent, a).as_str());
    for arg in sent.children(verb).filter(|&c| matches!(base_rel(&sent.tokens[c].deprel), "obj" | "iobj" | "obl" | "nsubj") && situated(c)) {
        // Within a long name the parser may hang "in Beijing" on any of its words ("Luiz
        // Inacio Lula da Silva in Beijing"): look through the name's proper nouns.
        let mut names = vec![arg];
        let mut k = 0;
        while k < names.len() && names.len() < 12 {
            let n = names[k];
            for c in sent.children(n) {
                let t = &sent.tokens[c];
                if base_rel(&t.deprel) == "nmod" && is_locative(sent, c) {
                    locatives.push(c);
                } else if t.upos == "PROPN" && c > arg && !names.contains(&c) {
                    names.push(c);
                }
            }
            k += 1;
        }
    }
    // "... in Brussels, where 50 nations pledged ...": a `where` clause happens at the name
    // just before `where`, wherever the parser hung the clause.
    if let Some(w) = sent.children(verb).find(|&c| c < verb && sent.tokens[c].form.eq_ignore_ascii_case("where")) {
        let mut j = w;
        while j > 0 && sent.tokens[j - 1].upos == "PUNCT" {
            j -= 1;
        }
        if j > 0 && sent.tokens[j - 1].upos == "PROPN" {
            let end = j - 1;
            let head = if matches!(base_rel(&sent.tokens[end].deprel), "flat" | "compound") { sent.head_of(end).unwrap_or(end) } else { end };
            locatives.push(head);
        }
    }
    // "In Brussels, defence ministers pledged ...": a fronted locative sets the scene of the
    // sentence, whatever the parser made of it.
    if sent.tokens.len() > 2 && LOCATIVE_CASES.contains(&sent.tokens[0].form.to_lowercase().as_str()) {
        if let Some(comma) = sent.tokens.iter().take(8).position(|t| t.form == ",") {
            if comma > 1 && sent.tokens[comma - 1].upos == "PROPN" {
                let end = comma - 1;
                // "In Brussels, defence ministers": a name with its own preposition that the
                // parser hung as a compound of the subject is the locative itself.
                let own_case = sent.children(end).any(|k| sent.tokens[k].deprel == "case");
                let head = if !own_case && matches!(base_rel(&sent.tokens[end].deprel), "flat" | "compound") { sent.head_of(end).unwrap_or(end) } else { end };
                locatives.push(head);
            }
        }
    }
    for obl in locatives {
        // "in St. Petersburg"; "in the city of Kharkiv": the name may be an `nmod` of the head.
        let mut heads = vec![obl];
        // Only through "of" ("the city of Kharkiv"), not "in military aid for Ukraine".
        let of = |k: usize| sent.children(k).any(|c| sent.tokens[c].deprel == "case" && sent.tokens[c].form.eq_ignore_ascii_case("of"));
        heads.extend(sent.children(obl).filter(|&k| base_rel(&sent.tokens[k].deprel) == "nmod" && sent.tokens[k].upos == "PROPN" && of(k)));
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

#[cfg(test)]
mod tests {
    use super::*;
    use petrel_model::Token;

    /// A sentence from `form/UPOS>head:rel` words (1-based heads, as in CoNLL-U), spans into
    /// the words joined by spaces; also returns that text.
    fn sent(spec: &str) -> (Sentence, String) {
        let mut text = String::new();
        let mut tokens = Vec::new();
        for w in spec.split_whitespace() {
            let (form, rest) = w.rsplit_once('/').unwrap();
            let (upos, rest) = rest.split_once('>').unwrap();
            let (head, rel) = rest.split_once(':').unwrap();
            if !text.is_empty() {
                text.push(' ');
            }
            let start = text.len() as u32;
            text.push_str(form);
            let lemma = match form {
                "said" => "say",
                "met" => "meet",
                "attacked" => "attack",
                f => f,
            };
            tokens.push(Token {
                form: form.into(),
                lemma: lemma.to_lowercase(),
                upos: upos.into(),
                head: head.parse().unwrap(),
                deprel: rel.into(),
                span: Span::new(start, text.len() as u32),
                ..Default::default()
            });
        }
        (Sentence { id: None, span: Span::new(0, text.len() as u32), tokens }, text)
    }

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn reported_speech_in_its_parsed_shapes() {
        // (sentence, index of the event verb, reported?)
        let cases = [
            ("Russia/PROPN>2:nsubj attacked/VERB>0:root Kyiv/PROPN>2:obj ,/PUNCT>6:punct officials/NOUN>6:nsubj said/VERB>2:parataxis", 1, true),
            ("Officials/NOUN>2:nsubj said/VERB>0:root Russia/PROPN>4:nsubj attacked/VERB>2:ccomp Kyiv/PROPN>4:obj", 3, true),
            // The trailing attribution parsed as a conjunct without "and".
            ("Russia/PROPN>2:nsubj attacked/VERB>0:root Kyiv/PROPN>2:obj ,/PUNCT>6:punct officials/NOUN>6:nsubj said/VERB>2:conj", 1, true),
            // ... and with the event clause inside the subject of "said".
            ("Troops/NOUN>6:nsubj attacked/VERB>1:acl Kyiv/PROPN>2:obj ,/PUNCT>6:punct officials/NOUN>6:nsubj said/VERB>0:root", 1, true),
            ("According/VERB>4:advcl to/ADP>1:fixed officials/NOUN>1:obl Russia/PROPN>5:nsubj attacked/VERB>0:root Kyiv/PROPN>5:obj", 4, true),
            // Not reported: a coordinated second statement, and a plain event.
            ("Russia/PROPN>2:nsubj met/VERB>0:root Iran/PROPN>2:obj and/CCONJ>5:cc said/VERB>2:conj", 1, false),
            ("Russia/PROPN>2:nsubj attacked/VERB>0:root Kyiv/PROPN>2:obj", 1, false),
            // An `as` clause the parser made the speech verb's complement.
            ("Kremlin/PROPN>2:nsubj said/VERB>0:root as/SCONJ>5:mark Washington/PROPN>5:nsubj pressed/VERB>2:ccomp Moscow/PROPN>5:obj", 4, false),
        ];
        for (spec, verb, want) in cases {
            let (s, _) = sent(spec);
            assert_eq!(is_reported(&s, verb), want, "{spec}");
        }
    }

    #[test]
    fn event_dates_follow_the_tree() {
        let pub_date = day("2025-04-11"); // a Friday
        let cases = [
            // Governed by the verb.
            ("Witkoff/PROPN>2:nsubj met/VERB>0:root Putin/PROPN>2:obj on/ADP>5:case Thursday/PROPN>2:obl", 1, Some(("2025-04-10", false))),
            // Hung on a noun root above the verb (a parse error): still the event's.
            ("delegations/NOUN>0:root met/VERB>1:acl in/ADP>4:case Jeddah/PROPN>2:obl on/ADP>6:case Tuesday/PROPN>1:nmod", 1, Some(("2025-04-08", false))),
            // Hung on a following clause of the verb: still the verb's.
            ("Dmitriev/PROPN>2:nsubj visited/VERB>0:root Washington/PROPN>2:obj last/ADJ>5:amod week/NOUN>6:obl:unmarked becoming/VERB>2:advcl envoy/NOUN>6:xcomp", 1, Some(("2025-03-31", false))),
            // Inside a reported clause, hung on the speech verb after the comma: the event's.
            ("Troops/NOUN>2:nsubj attacked/VERB>8:ccomp Sumy/PROPN>2:obj on/ADP>5:case Wednesday/PROPN>8:obl ,/PUNCT>5:punct officials/NOUN>8:nsubj said/VERB>0:root", 1, Some(("2025-04-09", false))),
            // Another verb's date is not the event's.
            ("Russia/PROPN>2:nsubj said/VERB>0:root on/ADP>4:case Monday/PROPN>2:obl it/PRON>6:nsubj attacked/VERB>2:ccomp Kyiv/PROPN>6:obj", 5, None),
            // Background years are historical.
            ("Russia/PROPN>2:nsubj invaded/VERB>0:root Ukraine/PROPN>2:obj in/ADP>5:case 2022/NUM>2:obl", 1, Some(("2022-01-01", true))),
        ];
        for (spec, verb, want) in cases {
            let (s, _) = sent(spec);
            let got = event_date(&s, verb, pub_date, false).map(|(d, h)| (d.to_string(), h));
            assert_eq!(got, want.map(|(d, h)| (d.to_string(), h)), "{spec}");
        }
        // A future event's bare weekday resolves forward.
        let (s, _) = sent("Iran/PROPN>3:nsubj will/AUX>3:aux meet/VERB>0:root Oman/PROPN>3:obj on/ADP>6:case Tuesday/PROPN>3:obl");
        assert_eq!(event_date(&s, 2, pub_date, true).map(|(d, _)| d.to_string()), Some("2025-04-15".into()));
    }

    #[test]
    fn places_from_locatives_of_the_verb_or_its_named_arguments() {
        let gaz = Gazetteer::embedded();
        let hints = Hints { countries: vec!["RUS".into()] };
        let cases = [
            ("Witkoff/PROPN>2:nsubj met/VERB>0:root Putin/PROPN>2:obj in/ADP>6:case St./PROPN>6:compound Petersburg/PROPN>2:obl", 1, Some("Saint Petersburg")),
            // "in St. Petersburg" hung on the named object.
            ("Witkoff/PROPN>2:nsubj met/VERB>0:root Putin/PROPN>2:obj in/ADP>6:case St./PROPN>6:compound Petersburg/PROPN>3:nmod", 1, Some("Saint Petersburg")),
            ("Israel/PROPN>2:nsubj held/VERB>0:root talks/NOUN>2:obj in/ADP>5:case Doha/PROPN>3:nmod", 1, Some("Doha")),
            // Where the ceasefire would hold is not where the agreeing happens.
            ("Russia/PROPN>2:nsubj agreed/VERB>0:root to/ADP>4:case ceasefire/NOUN>2:obl in/ADP>6:case Ukraine/PROPN>4:nmod", 1, None),
            // "in the city of Kharkiv" is Kharkiv; "in military aid for Ukraine" is no place.
            ("Russia/PROPN>2:nsubj shelled/VERB>0:root targets/NOUN>2:obj in/ADP>6:case the/DET>6:det city/NOUN>2:obl of/ADP>8:case Kharkiv/PROPN>6:nmod", 1, Some("Kharkiv")),
            ("nations/NOUN>2:nsubj pledged/VERB>0:root in/ADP>5:case military/ADJ>5:amod aid/NOUN>2:obl for/ADP>7:case Ukraine/PROPN>5:nmod", 1, None),
            // "in Beijing" hung on a word inside the object's long name.
            ("Xi/PROPN>2:nsubj met/VERB>0:root Luiz/PROPN>2:obj Lula/PROPN>3:flat da/NOUN>6:compound Silva/PROPN>3:nmod in/ADP>8:case Beijing/PROPN>6:nmod", 1, Some("Beijing")),
            // A fronted "In Brussels," parsed as the root.
            ("In/ADP>2:case Brussels/PROPN>0:root ,/PUNCT>2:punct ministers/NOUN>2:conj pledged/VERB>4:acl aid/NOUN>5:obj", 4, Some("Brussels")),
            // A fronted "In Brussels," hung as a compound of the subject.
            ("In/ADP>2:case Brussels/PROPN>5:compound ,/PUNCT>2:punct defence/NOUN>5:compound ministers/NOUN>6:nsubj pledged/VERB>0:root aid/NOUN>6:obj", 5, Some("Brussels")),
            // A `where` clause hung on the noun before the place.
            ("summit/NOUN>0:root of/ADP>4:case Ukraine/PROPN>4:nmod:poss allies/NOUN>1:nmod in/ADP>6:case Brussels/PROPN>4:nmod ,/PUNCT>10:punct where/ADV>10:advmod nations/NOUN>10:nsubj pledged/VERB>1:advcl", 9, Some("Brussels")),
            // Not locative.
            ("envoys/NOUN>4:nsubj from/ADP>3:case Moscow/PROPN>1:nmod met/VERB>0:root", 3, None),
        ];
        for (spec, verb, want) in cases {
            let (s, text) = sent(spec);
            let got = event_place(&s, &text, verb, &hints, gaz);
            assert_eq!(got.as_ref().map(|p| p.name.as_str()), want, "{spec}");
            if let Some(p) = got {
                assert_eq!(p.mention.span.slice(&text), p.mention.text, "the mention's span slices the text");
            }
        }
    }
}
