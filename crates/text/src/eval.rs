//! Span-based evaluation (CoNLL 2018 shared task style) and the raw text of a CoNLL-U gold file.
//!
//! ```
//! use petrel_model::Span;
//! use petrel_text::eval::{span_f1, align};
//! let gold = [Span::new(0, 3), Span::new(4, 7)];
//! let sys = [Span::new(0, 3), Span::new(4, 6), Span::new(6, 7)];
//! let p = span_f1(&gold, &sys);
//! assert_eq!(p.correct, 1);
//! assert!((p.f1 - 0.4).abs() < 1e-9);
//! assert_eq!(align(&gold, &sys), vec![Some(0), None]);
//! ```

use crate::RawSentence;
use petrel_model::{Diagnostic, Span};
use std::collections::HashMap;

/// Precision, recall and F1 (fractions in 0..=1), with the counts behind them.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub gold: usize,
    pub sys: usize,
    pub correct: usize,
}

impl Prf {
    pub fn from_counts(gold: usize, sys: usize, correct: usize) -> Prf {
        let precision = if sys == 0 { 0.0 } else { correct as f64 / sys as f64 };
        let recall = if gold == 0 { 0.0 } else { correct as f64 / gold as f64 };
        let f1 = if precision + recall == 0.0 { 0.0 } else { 2.0 * precision * recall / (precision + recall) };
        Prf { precision, recall, f1, gold, sys, correct }
    }
}

/// Exact-span matching: a system span is correct when a gold span has the same start and end.
/// Duplicated spans count once each side at most once per match.
pub fn span_f1(gold: &[Span], sys: &[Span]) -> Prf {
    let correct = align(gold, sys).iter().filter(|a| a.is_some()).count();
    Prf::from_counts(gold.len(), sys.len(), correct)
}

/// For each gold span, the index of a system span with the identical range (each system span is
/// used at most once).
pub fn align(gold: &[Span], sys: &[Span]) -> Vec<Option<usize>> {
    let mut by_span: HashMap<Span, Vec<usize>> = HashMap::with_capacity(sys.len());
    for (i, s) in sys.iter().enumerate().rev() {
        by_span.entry(*s).or_default().push(i);
    }
    gold.iter().map(|g| by_span.get_mut(g).and_then(|v| v.pop())).collect()
}

/// Segmentation scores of a system run against a gold file (CoNLL 2018 style).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct SegScores {
    /// Surface tokens (a multiword token such as `Russia's` counts once).
    pub tokens: Prf,
    /// Syntactic words (`Russia`, `'s`).
    pub words: Prf,
    pub sentences: Prf,
}

/// Surface-token spans of a segmentation: joined words (`RawToken::joined`) merged into the
/// previous token's span.
pub fn surface_tokens(sents: &[RawSentence]) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    for s in sents {
        for (i, t) in s.tokens.iter().enumerate() {
            match out.last_mut() {
                Some(last) if t.joined && i > 0 => last.end = t.span.end,
                _ => out.push(t.span),
            }
        }
    }
    out
}

/// Score `sys` (from [`crate::segment`] on `gold.text`) against the gold spans.
pub fn score_segmentation(gold: &GoldRaw, sys: &[RawSentence]) -> SegScores {
    let words: Vec<Span> = sys.iter().flat_map(|s| s.tokens.iter().map(|t| t.span)).collect();
    let sents: Vec<Span> = sys.iter().map(|s| s.span).collect();
    SegScores {
        tokens: span_f1(&gold.tokens, &surface_tokens(sys)),
        words: span_f1(&gold.words, &words),
        sentences: span_f1(&gold.sentences, &sents),
    }
}

/// The raw text of a CoNLL-U file, rebuilt as in the CoNLL 2018 shared task, with gold spans.
#[derive(Clone, Debug, Default)]
pub struct GoldRaw {
    /// Sentences' `# text` joined by a space within a paragraph (`# newpar`), paragraphs by a
    /// newline, documents (`# newdoc`) by a blank line.
    pub text: String,
    pub sentences: Vec<Span>,
    /// Surface tokens (a multiword token such as `Russia's` is one token).
    pub tokens: Vec<Span>,
    /// Syntactic words (`Russia`, `'s`); a word that is not a substring of its token gets the
    /// token's span.
    pub words: Vec<Span>,
    /// Problems: `T001` a sentence without `# text` (rebuilt from its forms), `T002` a form not
    /// found in the sentence text.
    pub diagnostics: Vec<Diagnostic>,
}

struct GoldSent {
    text: Option<String>,
    newdoc: bool,
    newpar: bool,
    line: u32,
    /// (surface form, word forms, space after)
    tokens: Vec<(String, Vec<String>, bool)>,
}

/// Build the raw text and gold spans of a CoNLL-U document (only comments and FORM/MISC used).
pub fn raw_from_conllu(src: &str, file: &str) -> GoldRaw {
    let mut sents: Vec<GoldSent> = Vec::new();
    let mut cur: Option<GoldSent> = None;
    let mut mwt_end = 0u32;
    let mut pending_doc = false;
    let mut pending_par = false;
    for (ln, line) in src.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        let new = |doc: &mut bool, par: &mut bool| GoldSent {
            text: None,
            newdoc: std::mem::take(doc),
            newpar: std::mem::take(par),
            line: ln as u32 + 1,
            tokens: Vec::new(),
        };
        if line.is_empty() {
            mwt_end = 0;
            if let Some(s) = cur.take() {
                sents.push(s);
            }
            continue;
        }
        if let Some(c) = line.strip_prefix('#') {
            let c = c.trim_start();
            if c.starts_with("newdoc") {
                pending_doc = true;
                pending_par = true;
            } else if c.starts_with("newpar") {
                pending_par = true;
            } else if let Some(tx) = c.strip_prefix("text =") {
                let s = cur.get_or_insert_with(|| new(&mut pending_doc, &mut pending_par));
                s.text = Some(tx.trim_start_matches(' ').to_string());
            }
            continue;
        }
        let s = cur.get_or_insert_with(|| new(&mut pending_doc, &mut pending_par));
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 10 {
            continue;
        }
        let space = !cols[9].split('|').any(|m| m == "SpaceAfter=No");
        if let Some((a, b)) = cols[0].split_once('-') {
            mwt_end = b.parse().unwrap_or(0);
            let _ = a;
            s.tokens.push((cols[1].to_string(), Vec::new(), space));
        } else if cols[0].contains('.') {
            continue;
        } else {
            let id: u32 = cols[0].parse().unwrap_or(0);
            if id <= mwt_end && !s.tokens.is_empty() {
                s.tokens.last_mut().expect("non-empty").1.push(cols[1].to_string());
            } else {
                s.tokens.push((cols[1].to_string(), vec![cols[1].to_string()], space));
            }
        }
    }
    if let Some(s) = cur.take() {
        sents.push(s);
    }

    let mut g = GoldRaw::default();
    for (k, s) in sents.iter().enumerate() {
        if k > 0 {
            g.text.push_str(if s.newdoc { "\n\n" } else if s.newpar { "\n" } else { " " });
        }
        let base = g.text.len();
        match &s.text {
            Some(t) => g.text.push_str(t),
            None => {
                g.diagnostics.push(Diagnostic::warning("T001", "sentence has no `# text`; rebuilt from its forms").at(file, s.line));
                for (form, _, space) in &s.tokens {
                    g.text.push_str(form);
                    if *space {
                        g.text.push(' ');
                    }
                }
                while g.text.ends_with(' ') && g.text.len() > base {
                    g.text.pop();
                }
            }
        }
        let end = g.text.len();
        g.sentences.push(Span::new(base as u32, end as u32));
        let mut cursor = base;
        for (form, words, _) in &s.tokens {
            let rest = &g.text[cursor..end];
            let skip = rest.len() - rest.trim_start().len();
            let at = if g.text[cursor + skip..end].starts_with(form.as_str()) {
                Some(cursor + skip)
            } else {
                g.text[cursor..end].find(form.as_str()).map(|p| cursor + p)
            };
            let at = match at {
                Some(p) => p,
                None => {
                    g.diagnostics.push(
                        Diagnostic::warning("T002", format!("form {form:?} not found in the sentence text")).at(file, s.line),
                    );
                    continue;
                }
            };
            let tok = Span::new(at as u32, (at + form.len()) as u32);
            g.tokens.push(tok);
            let mut wc = at;
            for w in words {
                match g.text[wc..tok.end as usize].find(w.as_str()) {
                    Some(p) if !w.is_empty() => {
                        g.words.push(Span::new((wc + p) as u32, (wc + p + w.len()) as u32));
                        wc += p + w.len();
                    }
                    _ => g.words.push(tok),
                }
            }
            cursor = tok.end as usize;
        }
    }
    g
}
