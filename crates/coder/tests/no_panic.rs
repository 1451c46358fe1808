//! Property test: coding never panics on arbitrary trees (broken heads, cycles, odd labels,
//! any words) and every span it emits slices the text.

mod common;
use petrel_coder::{Coder, CoderOptions};
use petrel_model::{Sentence, Span, Token};
use proptest::prelude::*;

fn coder() -> Coder {
    common::coder(b"BASEBALL\n")
}

const WORDS: &[&str] = &[
    "Arnor", "Gondor", "Rohan", "police", "restored", "criticized", "agreed", "broke", "down", "ties", "with", "by",
    "not", "to", "said", ",", ".", "and", "the", "feast", "Ü", "日本", "",
];
const RELS: &[&str] =
    &["nsubj", "nsubj:pass", "obj", "obl", "obl:agent", "conj", "cc", "xcomp", "ccomp", "acl", "acl:relcl", "advmod", "aux", "case", "mark", "punct", "root", "compound", "appos", "parataxis", "???"];
const UPOS: &[&str] = &["VERB", "NOUN", "PROPN", "PRON", "ADP", "AUX", "PART", "PUNCT", ""];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn coding_never_panics(toks in prop::collection::vec((0..WORDS.len(), 0..RELS.len(), 0..UPOS.len(), 0u32..14), 0..12),
                           require_dyad in any::<bool>(), new_actor in 0usize..5) {
        let mut text = String::new();
        let mut tokens = Vec::new();
        for (w, r, u, h) in &toks {
            if !text.is_empty() { text.push(' '); }
            let start = text.len() as u32;
            text.push_str(WORDS[*w]);
            tokens.push(Token {
                form: WORDS[*w].to_string(),
                lemma: WORDS[*w].to_lowercase(),
                upos: UPOS[*u].to_string(),
                deprel: RELS[*r].to_string(),
                head: *h,
                span: Span::new(start, text.len() as u32),
                ..Default::default()
            });
        }
        let sent = Sentence { id: None, span: Span::new(0, text.len() as u32), tokens };
        let opts = CoderOptions { require_dyad, new_actor_length: new_actor, ..CoderOptions::default() };
        let c = coder().with_options(opts);
        let date = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
        let (events, _) = c.code_sentence(&sent, &text, date, "d", 0);
        for e in events {
            prop_assert_eq!(e.evidence.verb.span.slice(&text), e.evidence.verb.text.as_str());
            for a in e.source.iter().chain(e.target.iter()) {
                prop_assert!(a.span.end as usize <= text.len());
            }
        }
    }
}
