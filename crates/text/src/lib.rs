//! petrel-text: the text layer. Normalisation with an alignment map, sentence splitting and
//! UD-style (English EWT) tokenisation, with every span in bytes of the ORIGINAL text.
//!
//! Main types and functions:
//! - [`normalize`] / [`Normalized`]: straight quotes, ASCII dashes, plain spaces, no invisible
//!   characters; every normalised byte maps back to the original.
//! - [`segment`]: split a whole document into [`RawSentence`]s of [`RawToken`]s.
//! - [`split_sentences`], [`tokenize`]: the two halves on their own.
//! - [`eval`]: exact-span P/R/F1 (CoNLL 2018 style) and the raw text of a CoNLL-U gold file.
//!
//! Pipeline inside [`segment`]: normalise -> tokenise the whole text (EWT conventions, see
//! `tokenize.rs`) -> sentence rules over the tokens (`sentences.rs`) -> a small learned
//! classifier adds unpunctuated boundaries the rules cannot see ([`boundary`], weights trained on
//! EWT train and embedded) -> spans mapped back to the original text.
//!
//! On UD English EWT v2.16 dev from raw text (`examples/ewt_eval.rs`): tokens F1 99.4,
//! sentences F1 87.8; about 16 MB/s on one core (`examples/bench_segment.rs`).
//!
//! **Invariant:** every span slices the original text on char boundaries; spans are
//! non-empty, increasing and non-overlapping. `form` is the normalised text the tagger sees.
//! This crate does no I/O and never panics on any `&str`.
//!
//! ```
//! use petrel_text::segment;
//! let text = "U.S. envoy Steve Witkoff met Putin in St. Petersburg. Russia\u{2019}s reply: \u{201C}Let\u{2019}s see.\u{201D}";
//! let sents = segment(text);
//! assert_eq!(sents.len(), 2);
//! assert_eq!(sents[0].span.slice(text), "U.S. envoy Steve Witkoff met Putin in St. Petersburg.");
//! let forms: Vec<&str> = sents[1].tokens.iter().map(|t| t.form.as_str()).collect();
//! assert_eq!(forms, ["Russia", "'s", "reply", ":", "\"", "Let", "'s", "see", ".", "\""]);
//! assert_eq!(sents[1].tokens[1].span.slice(text), "\u{2019}s");
//! ```

pub mod boundary;
pub mod eval;
mod normalize;
mod sentences;
mod tokenize;

pub use normalize::{normalize, Normalized};
use petrel_model::Span;
use tokenize::{NTok, Tokenizer};

/// A token (UD syntactic word) of the raw text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawToken {
    /// Bytes of the ORIGINAL text.
    pub span: Span,
    /// Normalised form, e.g. `'s`, `n't`, `"` (what the tagger sees).
    pub form: String,
    /// This word continues the surface token of the previous word: the `'s` of `Russia's`, the
    /// `n't` of `don't`. CoNLL-U writes such a group as a multiword token (`1-2 Russia's`).
    pub joined: bool,
}

/// A sentence of the raw text with its tokens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawSentence {
    /// Bytes of the ORIGINAL text, from the first token's start to the last token's end.
    pub span: Span,
    pub tokens: Vec<RawToken>,
}

fn norm_tokens(norm: &Normalized) -> Vec<NTok> {
    let mut tk = Tokenizer::new(&norm.text);
    tk.run(0, norm.text.len());
    tk.finish()
}

/// Map normalised tokens to original spans, keeping spans non-empty, increasing and
/// non-overlapping (a token whose original span collapses into its neighbour is merged).
fn to_raw(norm: &Normalized, toks: &[NTok], offset: u32, out: &mut Vec<RawToken>) {
    for tk in toks {
        let s = norm.span_to_original(Span::new(tk.start, tk.end));
        let form = &norm.text[tk.start as usize..tk.end as usize];
        let mut s = s.shift(offset);
        if let Some(prev) = out.last_mut() {
            if s.start < prev.span.end {
                s.start = prev.span.end;
            }
            if s.end <= s.start {
                // nothing of the original is left for this token: merge into the previous one
                prev.form.push_str(form);
                continue;
            }
        }
        if s.is_empty() {
            continue;
        }
        out.push(RawToken { span: s, form: form.to_string(), joined: tk.cont });
    }
}

/// Split a whole document into sentences and tokens.
pub fn segment(original: &str) -> Vec<RawSentence> {
    let norm = normalize(original);
    let toks = norm_tokens(&norm);
    let (toks, sents) = sentences::split(&norm.text, toks);
    let mut out = Vec::with_capacity(sents.len());
    for (a, b) in sents {
        let mut tokens = Vec::with_capacity(b - a);
        to_raw(&norm, &toks[a..b], 0, &mut tokens);
        if let Some(f) = tokens.first_mut() {
            f.joined = false;
        }
        if let (Some(f), Some(l)) = (tokens.first(), tokens.last()) {
            let span = Span::new(f.span.start, l.span.end);
            // keep sentences from overlapping the previous one (cannot happen with the merge
            // in `to_raw`, but the invariant is cheap to keep)
            if let Some(prev) = out.last() {
                let prev: &RawSentence = prev;
                if span.start < prev.span.end {
                    continue;
                }
            }
            out.push(RawSentence { span, tokens });
        }
    }
    out
}

/// Sentence spans of a document (original bytes).
pub fn split_sentences(original: &str) -> Vec<Span> {
    segment(original).into_iter().map(|s| s.span).collect()
}

/// Tokenise `span` of `original` as one sentence (no sentence splitting inside it). A span that
/// does not fit the text or cuts a char is clamped to the nearest char boundaries inside it.
pub fn tokenize(original: &str, span: Span) -> Vec<RawToken> {
    let mut a = (span.start as usize).min(original.len());
    let mut b = (span.end as usize).min(original.len());
    while a < original.len() && !original.is_char_boundary(a) {
        a += 1;
    }
    while b > a && !original.is_char_boundary(b) {
        b -= 1;
    }
    if b <= a {
        return Vec::new();
    }
    let norm = normalize(&original[a..b]);
    let mut toks = norm_tokens(&norm);
    // a final abbreviation gives up its period, as at the end of any sentence
    if let Some(last) = toks.last().copied() {
        let w = &norm.text[last.start as usize..last.end as usize];
        if w.len() > 1 && w.ends_with('.') && tokenize::is_abbreviation(&w[..w.len() - 1]) {
            toks.last_mut().expect("non-empty").end -= 1;
            toks.push(NTok { start: last.end - 1, end: last.end, nl_before: 0, space_before: false, cont: false });
        }
    }
    let mut out = Vec::with_capacity(toks.len());
    to_raw(&norm, &toks, a as u32, &mut out);
    out
}
