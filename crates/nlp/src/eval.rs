//! UD evaluation, CoNLL 2018 shared task style: UPOS, XPOS, lemma, UAS and LAS, punctuation
//! included, relations compared on their universal part (before `:`).
//!
//! - [`score_gold_tok`]: system sentences with the gold tokenisation (word by word).
//! - [`score_raw`]: system sentences from the raw text, words aligned to gold words by identical
//!   byte spans; every figure is then an F1 over gold and system words.
//!
//! ```
//! use petrel_model::{Sentence, Token};
//! use petrel_nlp::eval::score_gold_tok;
//! let t = |upos: &str, head: u32, rel: &str| Token { upos: upos.into(), head, deprel: rel.into(), ..Token::default() };
//! let gold = Sentence { tokens: vec![t("NOUN", 2, "nsubj:pass"), t("VERB", 0, "root")], ..Sentence::default() };
//! let sys = Sentence { tokens: vec![t("NOUN", 2, "nsubj"), t("NOUN", 0, "root")], ..Sentence::default() };
//! let s = score_gold_tok(&[gold], &[sys]);
//! assert_eq!((s.words, s.upos, s.uas, s.las), (2, 1, 2, 2));
//! ```

use petrel_model::{Sentence, Span};
use petrel_text::eval::{align, span_f1, Prf};

/// Counts of correct words (gold tokenisation: out of `words`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct UdCounts {
    pub words: usize,
    pub upos: usize,
    pub xpos: usize,
    pub lemma: usize,
    /// All FEATS equal (UFeats).
    pub feats: usize,
    pub uas: usize,
    pub las: usize,
}

fn universal(rel: &str) -> &str {
    rel.split(':').next().unwrap_or(rel)
}

/// Score `sys` against `gold`, sentence by sentence and word by word. Sentences beyond the
/// shorter list, and words beyond the shorter sentence, count as wrong (they stay in `words`).
pub fn score_gold_tok(gold: &[Sentence], sys: &[Sentence]) -> UdCounts {
    let mut c = UdCounts::default();
    for (i, g) in gold.iter().enumerate() {
        c.words += g.tokens.len();
        let Some(s) = sys.get(i) else { continue };
        for (a, b) in g.tokens.iter().zip(&s.tokens) {
            c.upos += (a.upos == b.upos) as usize;
            c.xpos += (a.xpos == b.xpos) as usize;
            c.lemma += (a.lemma == b.lemma) as usize;
            c.feats += (a.feats == b.feats) as usize;
            if a.head == b.head {
                c.uas += 1;
                c.las += (universal(&a.deprel) == universal(&b.deprel)) as usize;
            }
        }
    }
    c
}

impl UdCounts {
    /// Percentage of `n` in `words`.
    pub fn pct(&self, n: usize) -> f64 {
        if self.words == 0 {
            0.0
        } else {
            100.0 * n as f64 / self.words as f64
        }
    }
}

/// Raw-text scores (F1, fractions 0..=1).
#[derive(Clone, Copy, Debug, Default)]
pub struct RawScores {
    pub tokens: Prf,
    pub sentences: Prf,
    pub words: Prf,
    pub upos: Prf,
    pub xpos: Prf,
    pub lemma: Prf,
    pub feats: Prf,
    pub uas: Prf,
    pub las: Prf,
}

/// Score system output on raw text. `gold_words`/`gold` are the gold words' spans and their
/// sentences (word `k` of the flattened `gold` has span `gold_words[k]`); `sys` are the system
/// sentences (spans into the same text); `gold_tokens`/`sys_tokens` surface tokens and
/// `gold_sents` sentence spans for the segmentation scores.
pub fn score_raw(
    gold_sents: &[Span],
    gold_tokens: &[Span],
    gold_words: &[Span],
    gold: &[Sentence],
    sys_tokens: &[Span],
    sys: &[Sentence],
) -> RawScores {
    // Flatten words with the global index of their head (None for the root or a broken head).
    fn flat(sents: &[Sentence]) -> Vec<(&petrel_model::Token, Option<usize>)> {
        let mut out = Vec::new();
        let mut base = 0;
        for s in sents {
            for (i, t) in s.tokens.iter().enumerate() {
                out.push((t, s.head_of(i).map(|h| base + h)));
            }
            base += s.tokens.len();
        }
        out
    }
    let g = flat(gold);
    let s = flat(sys);
    let sys_words: Vec<Span> = s.iter().map(|(t, _)| t.span).collect();
    let sys_sents: Vec<Span> = sys.iter().map(|x| x.span).collect();
    let al = align(gold_words, &sys_words);
    let (mut upos, mut xpos, mut lemma, mut feats, mut uas, mut las) = (0, 0, 0, 0, 0, 0);
    for (k, a) in al.iter().enumerate() {
        let (Some(j), Some((gt, gh))) = (a, g.get(k)) else { continue };
        let (st, sh) = &s[*j];
        upos += (gt.upos == st.upos) as usize;
        xpos += (gt.xpos == st.xpos) as usize;
        lemma += (gt.lemma == st.lemma) as usize;
        feats += (gt.feats == st.feats) as usize;
        let head_ok = match (gh, sh) {
            (None, None) => true,
            (Some(gh), Some(sh)) => al.get(*gh).copied().flatten() == Some(*sh),
            _ => false,
        };
        if head_ok {
            uas += 1;
            las += (universal(&gt.deprel) == universal(&st.deprel)) as usize;
        }
    }
    let f = |c| Prf::from_counts(gold_words.len(), sys_words.len(), c);
    RawScores {
        tokens: span_f1(gold_tokens, sys_tokens),
        sentences: span_f1(gold_sents, &sys_sents),
        words: f(al.iter().filter(|a| a.is_some()).count()),
        upos: f(upos),
        xpos: f(xpos),
        lemma: f(lemma),
        feats: f(feats),
        uas: f(uas),
        las: f(las),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use petrel_model::Token;

    fn w(a: u32, b: u32, upos: &str, head: u32, rel: &str) -> Token {
        Token { span: Span::new(a, b), upos: upos.into(), head, deprel: rel.into(), ..Token::default() }
    }

    #[test]
    fn raw_alignment_scores() {
        // text: "ab cd ef" ; gold words ab cd ef in one sentence; system splits "ef" wrongly
        // into "e" "f" and attaches cd to ab (gold: to ef).
        let gold = vec![Sentence {
            span: Span::new(0, 8),
            tokens: vec![w(0, 2, "X", 0, "root"), w(3, 5, "Y", 3, "obj"), w(6, 8, "Z", 1, "dep")],
            ..Default::default()
        }];
        let sys = vec![Sentence {
            span: Span::new(0, 8),
            tokens: vec![w(0, 2, "X", 0, "root"), w(3, 5, "Y", 1, "obj"), w(6, 7, "Z", 1, "dep"), w(7, 8, "Z", 3, "dep")],
            ..Default::default()
        }];
        let gw: Vec<Span> = gold[0].tokens.iter().map(|t| t.span).collect();
        let sw: Vec<Span> = sys[0].tokens.iter().map(|t| t.span).collect();
        let r = score_raw(&[Span::new(0, 8)], &gw, &gw, &gold, &sw, &sys);
        assert_eq!(r.words.correct, 2);
        assert_eq!(r.upos.correct, 2);
        assert_eq!(r.uas.correct, 1); // only the root
        assert_eq!(r.sentences.correct, 1);
        assert!((r.words.precision - 0.5).abs() < 1e-9);
        assert!((r.words.recall - 2.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn gold_tok_counts_missing_sentences_as_wrong() {
        let g = Sentence { tokens: vec![w(0, 1, "X", 0, "root")], ..Default::default() };
        let c = score_gold_tok(&[g.clone(), g.clone()], &[g]);
        assert_eq!((c.words, c.upos, c.las), (2, 1, 1));
    }
}
