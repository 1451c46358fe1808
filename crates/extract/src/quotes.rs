//! Quotations and who said them.
//!
//! **Marks.** Curly `“…”`, straight `"…"` (an opening mark follows a space, a line start or an
//! opening bracket/dash/colon), angle `«…»`, low-high `„…“`, British single `‘…’` (the closing
//! `’` must not be followed by a letter, which makes it an apostrophe). A quote left open runs to the end of its paragraph.
//! Quotes may span sentences. The quoted text excludes a trailing comma (`"We are ready," he said`).
//!
//! **Reporting verb and speaker.** Two places are searched, in the sentence that opens the quote
//! (before it) and the one that closes it (after it):
//! - after: `"…," Peskov said`, `"…," said Peskov`, `"…," Kremlin spokesman Dmitry Peskov told
//!   reporters`, `"…," according to Peskov`: a reporting verb within a few words of the closing
//!   mark, the speaker between the mark and the verb or right after the verb;
//! - before: `Peskov said: "…"`, `According to Peskov, "…"`, `Trump, voicing his frustration, posted on social media Friday:
//!   "…"`, `describing the process as "…"`, `saying he is "very angry"`: the last reporting verb
//!   before the quote, and its subject.
//!
//! A quote ending in a comma (the attribution follows) is tried after first, other quotes before
//! first. The subject of a verb is its `nsubj` when the sentence has a dependency tree; otherwise
//! (or when the tree gives no name) the nearest name or pronoun before the verb that is not an
//! object (a name right after a verb or preposition: `criticized Putin`, `met with Putin`).
//!
//! **Resolution.** Names are those of [`crate::names`] (people, organisations, countries, unknown
//! capitalised names; places never speak). `he`/`she` resolve to the last person named outside
//! quotation marks before the pronoun, `it` to the last organisation or country.
//!
//! **Inheritance.** A quote joined to the previous one by `and`/`or`/a comma (`"very angry" and
//! "pissed off"`) takes its speaker and verb; so does a quote with no reporting context that opens
//! its sentence right after the previous quote (a quoted paragraph continuing a speech).
//! A quote with no reporting context at all (a term in quote marks) keeps `speaker: null`.

use crate::names::Name;
use crate::{lemma, Piece};
use petrel_model::{Sentence, Span, Token};
use serde::Serialize;

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Quote {
    /// The quoted words (inside the marks).
    pub text: String,
    pub span: Span,
    pub speaker: Option<Speaker>,
    /// The reporting verb (`said`, `posted`, `describing`, `according to`).
    pub verb: Option<Piece>,
    /// Sentence index of the opening mark.
    pub sentence: u32,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Speaker {
    /// The words naming the speaker here (`Peskov`, `he`).
    pub text: String,
    pub span: Span,
    /// The name it resolves to (`Dmitry Peskov`), with its code when known.
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

/// Lemmas of reporting verbs.
const REPORTING: &[&str] = &[
    "say", "tell", "post", "write", "add", "state", "tweet", "describe", "call", "warn", "caution", "ask", "declare",
    "reiterate", "insist", "claim", "note", "reply", "respond", "announce", "argue", "explain", "stress", "vow",
    "promise", "urge", "complain", "acknowledge", "admit", "remark", "quip", "deny", "confirm", "predict",
    "suggest", "recall", "comment", "shout", "chant", "conclude", "emphasise", "emphasize", "observe", "joke",
    "concede", "assert", "contend", "maintain", "testify", "boast", "lament", "proclaim", "demand", "pledge",
    "threaten", "accuse", "charge", "counter", "retort", "scoff", "mutter", "whisper", "answer", "continue",
    "brand", "dub", "label", "term", "characterize", "characterise", "hail", "praise", "condemn", "criticize",
    "criticise", "blast", "slam", "decry", "denounce",
];

/// Forms read as reporting verbs whatever the tagger says.
const FORMS: &[&str] = &["said", "says", "saying", "told", "tells", "wrote", "writes", "writing", "added", "adds", "posted", "tweeted", "asked", "replied"];

const PERSON_PRONOUNS: &[&str] = &["he", "she"];
const THING_PRONOUNS: &[&str] = &["it"];
const OTHER_PRONOUNS: &[&str] = &["they", "we", "i"];

/// Quote mark pairs found in `text`: the spans of the quoted words.
fn quote_spans(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut open: Option<(usize, char)> = None;
    let mut prev: char = '\n';
    for (i, c) in text.char_indices() {
        let next = text[i + c.len_utf8()..].chars().next();
        match (open, c) {
            (None, '“') | (None, '«') | (None, '„') => open = Some((i + c.len_utf8(), c)),
            // British single quotes: ‘ opens after a space or bracket; ’ closes only before a
            // non-letter (otherwise it is an apostrophe: Russia’s, don’t).
            (None, '‘') if prev.is_whitespace() || "([{—–-:/".contains(prev) => open = Some((i + c.len_utf8(), c)),
            (Some((s, '‘')), '’') if !next.is_some_and(char::is_alphanumeric) => {
                if i > s {
                    out.push(Span::new(s as u32, i as u32));
                }
                open = None;
            }
            (None, '"') if prev.is_whitespace() || "([{—–-:/".contains(prev) => open = Some((i + 1, c)),
            (Some((s, '“')), '”') | (Some((s, '„')), '“') | (Some((s, '„')), '”') | (Some((s, '«')), '»') | (Some((s, '"')), '"') => {
                if i > s {
                    out.push(Span::new(s as u32, i as u32));
                }
                open = None;
            }
            (Some((s, _)), '\n') if bytes.get(i + 1) == Some(&b'\n') || i + 1 == bytes.len() => {
                // Unclosed at the end of a paragraph.
                if i > s {
                    out.push(Span::new(s as u32, i as u32));
                }
                open = None;
            }
            _ => {}
        }
        prev = c;
    }
    if let Some((s, _)) = open {
        let end = text.trim_end().len();
        if end > s {
            out.push(Span::new(s as u32, end as u32));
        }
    }
    out
}

/// The quoted words without surrounding white space or a trailing comma.
fn trim_quote(text: &str, s: Span) -> Span {
    let inner = s.slice(text);
    let lead = inner.len() - inner.trim_start().len();
    let t = inner.trim_end().trim_end_matches(',').trim_end();
    if t.len() <= lead {
        return s;
    }
    Span::new(s.start + lead as u32, s.start + t.len() as u32)
}

fn is_reporting(t: &Token) -> bool {
    let form = t.form.to_lowercase();
    if FORMS.contains(&form.as_str()) {
        return true;
    }
    let tagged = !t.upos.is_empty() && t.upos != "_";
    if tagged && t.upos != "VERB" {
        return false;
    }
    let l = lemma(t);
    if REPORTING.contains(&l.as_str()) {
        return true;
    }
    // Untagged or unlemmatised text: inflected forms of the list.
    REPORTING.iter().any(|r| {
        form.strip_prefix(r).is_some_and(|rest| matches!(rest, "s" | "d" | "ed" | "es" | "ing"))
            || r.ends_with('e') && form.strip_prefix(&r[..r.len() - 1]).is_some_and(|rest| rest == "ing")
    })
}

fn has_tree(sent: &Sentence) -> bool {
    sent.tokens.iter().any(|t| t.deprel.starts_with("nsubj"))
}

/// Speaker candidates of one sentence.
struct Ctx<'a> {
    sent: &'a Sentence,
    /// Names of this sentence that may speak (not places, not inside quotation marks).
    names: Vec<&'a Name>,
}

#[derive(Clone)]
enum Cand {
    Name(Name),
    Pronoun(Span, &'static str),
}

impl<'a> Ctx<'a> {
    fn name_at(&self, i: usize) -> Option<&'a Name> {
        self.names.iter().find(|n| n.tokens.0 <= i && i <= n.tokens.1).copied()
    }

    fn cand_at(&self, i: usize) -> Option<(Cand, usize)> {
        if let Some(n) = self.name_at(i) {
            return Some((Cand::Name(n.clone()), n.tokens.0));
        }
        let f = self.sent.tokens[i].form.to_lowercase();
        let kind = if PERSON_PRONOUNS.contains(&f.as_str()) {
            "person"
        } else if THING_PRONOUNS.contains(&f.as_str()) {
            "thing"
        } else if OTHER_PRONOUNS.contains(&f.as_str()) {
            "other"
        } else {
            return None;
        };
        Some((Cand::Pronoun(self.sent.tokens[i].span, kind), i))
    }

    /// A candidate right after a verb or preposition is an object, not a subject.
    fn is_object(&self, first: usize) -> bool {
        let Some(p) = first.checked_sub(1).map(|k| &self.sent.tokens[k]) else { return false };
        match p.upos.as_str() {
            "ADP" => !p.form.eq_ignore_ascii_case("of"),
            "VERB" => true,
            _ => false,
        }
    }

    /// The subject of verb `v` from the dependency tree, when there is one.
    fn tree_subject(&self, v: usize) -> Option<Cand> {
        if !has_tree(self.sent) {
            return None;
        }
        let mut cur = v;
        for _ in 0..4 {
            if let Some(s) = self.sent.children(cur).find(|&c| self.sent.tokens[c].deprel.starts_with("nsubj")) {
                // The name covering the subject word or, failing that, one inside its phrase.
                if let Some((c, _)) = self.cand_at(s) {
                    return Some(c);
                }
                let (lo, hi) = subtree_range(self.sent, s);
                return (lo..=hi).rev().find_map(|k| self.name_at(k)).map(|n| Cand::Name(n.clone()));
            }
            match self.sent.tokens[cur].deprel.as_str() {
                "conj" | "xcomp" | "advcl" | "parataxis" | "ccomp" | "acl" => cur = self.sent.head_of(cur)?,
                _ => return None,
            }
        }
        None
    }

    /// Subject of the reporting verb `v` found in `lo..v` (before the quote).
    fn subject_before(&self, lo: usize, v: usize) -> Option<Cand> {
        if let Some(c) = self.tree_subject(v) {
            return Some(c);
        }
        let mut fallback = None;
        let mut i = v;
        while i > lo {
            i -= 1;
            if let Some((c, first)) = self.cand_at(i) {
                if !self.is_object(first) {
                    return Some(c);
                }
                fallback.get_or_insert(c);
                i = first;
            }
        }
        fallback
    }

    /// `said Peskov`: a name within a few words after the verb (before `hi`).
    fn subject_after_verb(&self, v: usize, hi: usize) -> Option<Cand> {
        (v + 1..hi.min(v + 6)).take_while(|&k| !matches!(self.sent.tokens[k].form.as_str(), "\"" | "." | ";" | ":")).find_map(|k| self.name_at(k)).map(|n| Cand::Name(n.clone()))
    }
}

fn subtree_range(sent: &Sentence, i: usize) -> (usize, usize) {
    let (mut lo, mut hi) = (i, i);
    for (j, _) in sent.tokens.iter().enumerate() {
        // Climb from j; is i an ancestor?
        let mut k = j;
        for _ in 0..sent.tokens.len() {
            if k == i {
                lo = lo.min(j);
                hi = hi.max(j);
                break;
            }
            match sent.head_of(k) {
                Some(h) => k = h,
                None => break,
            }
        }
    }
    (lo, hi)
}

/// Index of the sentence containing byte `pos` (or the first one after it).
fn sentence_at(sentences: &[Sentence], pos: u32) -> Option<usize> {
    let i = sentences.partition_point(|s| s.span.end <= pos);
    (i < sentences.len()).then_some(i)
}

pub fn find(text: &str, sentences: &[Sentence], names: &[Name]) -> Vec<Quote> {
    let raw = quote_spans(text);
    let inside = |n: &Name| raw.iter().any(|q| q.start <= n.span.start && n.span.end <= q.end);
    let speaking: Vec<&Name> = names.iter().filter(|n| n.kind != "place" && !inside(n)).collect();
    let mut quotes: Vec<Quote> = Vec::new();
    // Sentence of the previous quote's closing mark, and the token after it there.
    let mut prev_close: Option<(usize, usize)> = None;
    for q in &raw {
        let span = trim_quote(text, *q);
        let mut quote = Quote { text: span.slice(text).to_string(), span, ..Default::default() };
        let (Some(so), Some(sc)) = (sentence_at(sentences, q.start), sentence_at(sentences, q.end.saturating_sub(1).max(q.start))) else {
            quotes.push(quote);
            continue;
        };
        quote.sentence = so as u32;
        let ctx = |si: usize| Ctx { sent: &sentences[si], names: speaking.iter().copied().filter(|n| n.sentence == si as u32).collect() };
        let (open, close) = (ctx(so), ctx(sc));
        let otoks = &sentences[so].tokens;
        let ctoks = &sentences[sc].tokens;
        // Token ranges: before the opening mark (after any earlier quote in the sentence), after the closing mark.
        let first_in = otoks.iter().position(|t| t.span.start >= q.start).unwrap_or(otoks.len()).saturating_sub(1);
        let lo = match prev_close {
            Some((psi, after)) if psi == so => after.min(first_in),
            _ => 0,
        };
        let after = ctoks.iter().position(|t| t.span.start >= q.end).unwrap_or(ctoks.len());
        let after = if ctoks.get(after).is_some_and(|t| matches!(t.form.as_str(), "\"" | "”" | "»" | "'" | "’")) { after + 1 } else { after };
        // The end of the after-context: the next quote in the sentence.
        let next_open = raw.iter().find(|r| r.start > q.end).map_or(u32::MAX, |r| r.start);
        let after_hi = ctoks.iter().position(|t| t.span.start >= next_open).unwrap_or(ctoks.len());

        // Joined to the previous quote by "and"/"or"/",": inherit.
        if let (Some((psi, pafter)), Some(prev)) = (prev_close, quotes.last()) {
            if psi == so && pafter <= first_in && (pafter..first_in).all(|i| matches!(otoks[i].form.as_str(), "and" | "or" | "," | "but" | "-" | "--" | "—" | "\"" | "'" | "‘" | "’")) && pafter > 0 {
                quote.speaker = prev.speaker.clone();
                quote.verb = prev.verb.clone();
                quotes.push(quote);
                prev_close = Some((sc, after));
                continue;
            }
        }

        let comma_end = q.slice(text).trim_end().ends_with([',', '?', '!']) || ctoks.get(after).is_some_and(|t| t.form == ",");
        // Each search gives the reporting verb it found and, when it can, the speaker.
        let before_fn = || -> Option<(Option<Cand>, Piece)> {
            // "According to X, "…""
            if let Some(k) = (lo..first_in.saturating_sub(1)).rev().find(|&k| otoks[k].form.eq_ignore_ascii_case("according") && otoks[k + 1].form == "to") {
                let verb = Piece::new(text, Span::new(otoks[k].span.start, otoks[k + 1].span.end));
                if let Some(c) = open.subject_after_verb(k + 1, first_in) {
                    return Some((Some(c), verb));
                }
            }
            let v = (lo..first_in).rev().find(|&i| is_reporting(&otoks[i]))?;
            let verb = Piece::new(text, otoks[v].span);
            Some((open.subject_before(lo, v).or_else(|| open.subject_after_verb(v, first_in)), verb))
        };
        let after_fn = || -> Option<(Option<Cand>, Piece)> {
            let mut k = after;
            while k < after_hi && matches!(ctoks[k].form.as_str(), "," | "\"" | "'" | "’" | "-" | "—" | "–") {
                k += 1;
            }
            // "according to X"
            if ctoks.get(k).is_some_and(|t| t.form.eq_ignore_ascii_case("according")) && ctoks.get(k + 1).is_some_and(|t| t.form == "to") {
                let verb = Piece::new(text, Span::new(ctoks[k].span.start, ctoks[k + 1].span.end));
                return Some((close.subject_after_verb(k + 1, after_hi), verb));
            }
            // A reporting verb within 10 words, with no clause break before it.
            let hi = after_hi.min(k + 10);
            let v = (k..hi).take_while(|&i| !matches!(ctoks[i].form.as_str(), "." | ";" | ":" | "!" | "?")).find(|&i| is_reporting(&ctoks[i]))?;
            let verb = Piece::new(text, ctoks[v].span);
            let between = (k..v).rev().find_map(|i| close.cand_at(i).map(|(c, _)| c));
            Some((between.or_else(|| close.subject_after_verb(v, after_hi)).or_else(|| close.tree_subject(v)), verb))
        };
        let (a, b) = if comma_end { (after_fn(), None) } else { (before_fn(), None) };
        let found = match a {
            Some((Some(c), v)) => Some((Some(c), v)),
            a => {
                let b = b.or_else(|| if comma_end { before_fn() } else { after_fn() });
                match (a, b) {
                    (_, Some((Some(c), v))) => Some((Some(c), v)),
                    (Some(a), _) => Some(a),
                    (None, b) => b,
                }
            }
        };
        match found {
            Some((cand, verb)) => {
                quote.verb = Some(verb);
                quote.speaker = cand.and_then(|c| resolve(text, c, &speaking));
            }
            None => {
                // A quote opening its sentence right after the previous one: the same speech goes on.
                let opens_sentence = (0..first_in).all(|i| otoks[i].upos == "PUNCT" || !otoks[i].form.chars().any(char::is_alphanumeric));
                let follows = prev_close.is_some_and(|(psi, _)| psi + 1 == so || psi == so);
                if opens_sentence && follows {
                    if let Some(prev) = quotes.last() {
                        quote.speaker = prev.speaker.clone();
                        quote.verb = prev.verb.clone();
                    }
                }
            }
        }
        quotes.push(quote);
        prev_close = Some((sc, after));
    }
    quotes
}

/// A candidate to a speaker: names as they are, pronouns to the last fitting name before them.
fn resolve(text: &str, cand: Cand, speaking: &[&Name]) -> Option<Speaker> {
    match cand {
        Cand::Name(n) => Some(speaker_of(&n)),
        Cand::Pronoun(span, kind) => {
            let before = speaking.iter().rev().filter(|n| n.span.end <= span.start);
            let antecedent = match kind {
                "person" => {
                    let mut b = before.clone();
                    b.find(|n| n.kind == "person").or_else(|| before.clone().find(|n| n.kind == "unknown" && n.text.contains(' ')))
                }
                "thing" => before.clone().find(|n| matches!(n.kind, "organisation" | "country")),
                _ => None,
            }?;
            let p = speaker_of(antecedent);
            Some(Speaker { text: span.slice(text).to_string(), span, name: p.name, code: p.code })
        }
    }
}

fn speaker_of(n: &Name) -> Speaker {
    let name = n.entry.as_ref().map(|e| title_case(e)).unwrap_or_else(|| n.text.clone());
    Speaker { text: n.text.clone(), span: n.span, name, code: n.code.clone() }
}

/// `DMITRY PESKOV` -> `Dmitry Peskov`.
pub(crate) fn title_case(s: &str) -> String {
    s.split([' ', '_'])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut cs = w.chars();
            match cs.next() {
                Some(f) => f.to_uppercase().chain(cs.flat_map(|c| c.to_lowercase())).collect::<String>(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn marks() {
        let t = "He said \"yes\" and “no” and «peut-être».";
        let got: Vec<&str> = quote_spans(t).iter().map(|s| s.slice(t)).collect();
        assert_eq!(got, vec!["yes", "no", "peut-être"]);
        let t = "‘Russia’s offer is not serious,’ he said. ‘We don’t accept it.’ The boys’ club.";
        let got: Vec<&str> = quote_spans(t).iter().map(|s| s.slice(t)).collect();
        assert_eq!(got, vec!["Russia’s offer is not serious,", "We don’t accept it."]);
        let t = "He said \"it never closes\n\nNext paragraph.";
        assert_eq!(quote_spans(t).iter().map(|s| s.slice(t)).collect::<Vec<_>>(), vec!["it never closes"]);
        assert_eq!(title_case("DMITRY PESKOV"), "Dmitry Peskov");
        let t = "\"We are ready, \" he said";
        assert_eq!(trim_quote(t, quote_spans(t)[0]).slice(t), "We are ready");
    }

    #[test]
    fn reporting_forms() {
        let tok = |form: &str, upos: &str| Token { form: form.into(), upos: upos.into(), ..Default::default() };
        for f in ["said", "describing", "posted", "warned", "cautions", "reiterated"] {
            assert!(is_reporting(&tok(f, "")), "{f}");
        }
        for f in ["States", "Statement", "note", "calls"] {
            assert!(!is_reporting(&tok(f, "NOUN")) || FORMS.contains(&f.to_lowercase().as_str()), "{f}");
        }
        assert!(!is_reporting(&tok("calling", "NOUN")));
        assert!(!is_reporting(&tok("stalled", "")));
    }
}
