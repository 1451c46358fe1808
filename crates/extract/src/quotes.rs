//! Quotations and who said them.
//!
//! Quote marks: curly `“…”`, straight `"…"` (an opening mark follows a space, a line start or an
//! opening bracket), angle `«…»`. A quote left open runs to the end of its paragraph. The speaker
//! is found in the sentence around the quote:
//! - before it, the subject nearest to the last reporting verb: `Peskov said: "…"`,
//!   `Trump ... posted on social media Friday: "…"`, `describing the process as "…"`,
//!   `saying he is "very angry"`;
//! - after it: `"…," Peskov said` / `"…," said Peskov`;
//! - a second quote joined to the first by `and`/`or`/a comma inherits its speaker;
//! - pronouns (`he`, `she`, `they`...) refer to the last person named before the quote.
//! A quote with no reporting context (a term in quote marks) keeps `speaker: null`.

use crate::names::Name;
use crate::{lemma, Piece};
use petrel_model::{Sentence, Span};
use serde::Serialize;

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Quote {
    /// The quoted words (inside the marks).
    pub text: String,
    pub span: Span,
    pub speaker: Option<Speaker>,
    /// The reporting verb (`said`, `posted`, `describing`).
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

const REPORTING: &[&str] = &[
    "say", "tell", "post", "write", "add", "state", "tweet", "describe", "call", "warn", "caution",
    "ask", "declare", "reiterate", "insist", "claim", "note", "reply", "respond", "announce", "argue",
    "explain", "stress", "vow", "promise", "urge", "complain", "acknowledge", "admit", "remark", "quip",
];

/// Irregular forms, for text without lemmas.
const IRREGULAR: &[&str] = &["said", "says", "saying", "told", "tells", "wrote", "writes", "writing", "written"];

const PRONOUNS: &[&str] = &["he", "she", "they", "we", "i", "it"];

/// Quote mark pairs found in `text`: (open mark start, content span, close mark end).
fn quote_spans(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut open: Option<(usize, char)> = None;
    let mut prev: char = '\n';
    for (i, c) in text.char_indices() {
        match (open, c) {
            (None, '“') | (None, '«') => open = Some((i + c.len_utf8(), c)),
            (None, '"') if prev.is_whitespace() || "([{—–-:".contains(prev) => open = Some((i + 1, c)),
            (Some((s, '“')), '”') | (Some((s, '«')), '»') | (Some((s, '"')), '"') => {
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

fn is_reporting(t: &petrel_model::Token) -> bool {
    let l = lemma(t);
    REPORTING.contains(&l.as_str()) || IRREGULAR.contains(&t.form.to_lowercase().as_str()) || REPORTING.iter().any(|r| t.form.to_lowercase().starts_with(r) && t.form.len() <= r.len() + 3)
}

/// The name or pronoun to use as speaker nearest `from` going backwards (or forwards) within `lo..hi`.
fn nearest_subject(sent: &Sentence, names: &[&Name], lo: usize, hi: usize, from: usize, backwards: bool) -> Option<Cand> {
    let idx: Box<dyn Iterator<Item = usize>> = if backwards { Box::new((lo..from).rev()) } else { Box::new(from..hi) };
    for i in idx {
        if let Some(n) = names.iter().find(|n| n.tokens.0 <= i && i <= n.tokens.1 && matches!(n.kind, "person" | "organisation" | "unknown" | "country")) {
            return Some(Cand::Name((*n).clone()));
        }
        let t = &sent.tokens[i];
        if PRONOUNS.contains(&t.form.to_lowercase().as_str()) {
            return Some(Cand::Pronoun(t.span));
        }
    }
    None
}

enum Cand {
    Name(Name),
    Pronoun(Span),
}

pub fn find(text: &str, sentences: &[Sentence], names: &[Name]) -> Vec<Quote> {
    let mut quotes: Vec<Quote> = Vec::new();
    let mut last_person: Option<Speaker> = None;
    let mut name_cursor = 0;
    let spans = quote_spans(text);
    for (qi, q) in spans.iter().enumerate() {
        // People named before this quote, for pronouns.
        while name_cursor < names.len() && names[name_cursor].span.end <= q.start {
            let n = &names[name_cursor];
            if n.kind == "person" || n.kind == "unknown" && n.text.split_whitespace().count() >= 1 && n.code.is_none() && n.kind != "place" {
                if n.kind == "person" || last_person.is_none() {
                    last_person = Some(speaker_of(n));
                }
            }
            name_cursor += 1;
        }
        let Some(si) = sentences.iter().position(|s| s.span.start <= q.start && q.start < s.span.end.max(s.span.start + 1)) else {
            quotes.push(Quote { text: q.slice(text).to_string(), span: *q, ..Default::default() });
            continue;
        };
        let sent = &sentences[si];
        let toks = &sent.tokens;
        let sent_names: Vec<&Name> = names.iter().filter(|n| n.sentence == si as u32).collect();
        let first_in = toks.iter().position(|t| t.span.start >= q.start).unwrap_or(toks.len());
        let after = toks.iter().position(|t| t.span.start >= q.end).unwrap_or(toks.len());
        // Context before: from the end of the previous quote in this sentence.
        let prev_q_end = if qi > 0 && spans[qi - 1].end > sent.span.start {
            toks.iter().position(|t| t.span.start >= spans[qi - 1].end).unwrap_or(0)
        } else {
            0
        };
        let mut speaker: Option<Cand> = None;
        let mut verb: Option<Piece> = None;
        if let Some(v) = (prev_q_end..first_in).rev().find(|&i| is_reporting(&toks[i])) {
            verb = Some(Piece::new(text, toks[v].span));
            speaker = nearest_subject(sent, &sent_names, prev_q_end.min(v), first_in, v, true)
                .or_else(|| nearest_subject(sent, &sent_names, v + 1, first_in, v + 1, false))
                .or_else(|| nearest_subject(sent, &sent_names, 0, first_in, prev_q_end, true));
        } else if qi > 0 && prev_q_end > 0 && (prev_q_end..first_in).all(|i| matches!(toks[i].form.as_str(), "and" | "or" | "," | "but" | "-" | "--" | "\"" | "”" | "“")) {
            // "very angry" and "pissed off": inherit.
            if let Some(prev) = quotes.last() {
                quotes.push(Quote { text: q.slice(text).to_string(), span: *q, speaker: prev.speaker.clone(), verb: prev.verb.clone(), sentence: si as u32 });
                continue;
            }
        }
        if speaker.is_none() {
            // After the quote: "…," Peskov said / said Peskov.
            let end = toks.len().min(after + 6);
            if let Some(v) = (after..end).find(|&i| is_reporting(&toks[i])) {
                verb = Some(Piece::new(text, toks[v].span));
                speaker = nearest_subject(sent, &sent_names, after, v, v, true).or_else(|| nearest_subject(sent, &sent_names, v + 1, end, v + 1, false));
            }
        }
        let speaker = match speaker {
            Some(Cand::Name(n)) => {
                let s = speaker_of(&n);
                if n.kind == "person" || n.kind == "unknown" {
                    last_person = Some(s.clone());
                }
                Some(s)
            }
            Some(Cand::Pronoun(span)) => last_person.as_ref().map(|p| Speaker { text: span.slice(text).to_string(), span, name: p.name.clone(), code: p.code.clone() }),
            None => None,
        };
        quotes.push(Quote { text: q.slice(text).to_string(), span: *q, speaker, verb, sentence: si as u32 });
    }
    quotes
}

fn speaker_of(n: &Name) -> Speaker {
    let name = n.entry.as_ref().map(|e| title_case(e)).unwrap_or_else(|| n.text.clone());
    Speaker { text: n.text.clone(), span: n.span, name, code: n.code.clone() }
}

/// `DMITRY PESKOV` -> `Dmitry Peskov`.
fn title_case(s: &str) -> String {
    s.split(|c| c == ' ' || c == '_')
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
        let t = "He said \"it never closes\n\nNext paragraph.";
        assert_eq!(quote_spans(t).iter().map(|s| s.slice(t)).collect::<Vec<_>>(), vec!["it never closes"]);
        assert_eq!(title_case("DMITRY PESKOV"), "Dmitry Peskov");
    }
}
