//! The pipeline on hostile input: never panics, every span slices the original text on char
//! boundaries, and every sentence is a tree.

use petrel_nlp::Pipeline;
use proptest::prelude::*;

fn nlp() -> Pipeline {
    Pipeline::embedded().expect("embedded models decode")
}

/// Spans in order, inside the text, on char boundaries; forms non-empty; heads in range.
fn check(text: &str) -> usize {
    let sents = nlp().analyze(text);
    let mut last_end = 0;
    let mut words = 0;
    for s in &sents {
        assert!(text.get(s.span.start as usize..s.span.end as usize).is_some(), "sentence span {:?}", s.span);
        assert!(s.span.start >= last_end);
        for t in &s.tokens {
            assert!(t.span.start >= s.span.start && t.span.end <= s.span.end, "{:?} outside {:?}", t.span, s.span);
            assert!(text.get(t.span.start as usize..t.span.end as usize).is_some(), "token span {:?}", t.span);
            assert!(t.head as usize <= s.tokens.len(), "head {} of {} words", t.head, s.tokens.len());
            if Pipeline::has_embedded_models().0 {
                assert!(!t.upos.is_empty() && !t.xpos.is_empty(), "untagged word {:?}", t.form);
            }
        }
        assert!(s.tokens.iter().any(|t| t.head == 0), "no root");
        last_end = s.span.end;
        words += s.tokens.len();
    }
    words
}

#[test]
fn hostile_inputs() {
    // (input, why)
    let cases: Vec<(String, &str)> = vec![
        (String::new(), "empty"),
        ("   \n\n\t ".into(), "only white space"),
        ("x".repeat(1 << 20), "1 MB without a space"),
        ("\u{0}\u{1}\u{7}\u{1b}[31m bell\u{8} and nul".into(), "control characters"),
        ("\u{FFFD}\u{FFFD} broken \u{FFFD}text\u{FFFD}.".into(), "replacement characters"),
        ("😀 👍🏽 e\u{301} ﷽ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢".into(), "emoji, combining marks, wide chars"),
        ("a. ".repeat(2000), "thousands of one-letter sentences"),
        ("word ".repeat(5000), "one 5,000-word sentence"),
        ("\"'(([[{{".into(), "only punctuation"),
        ("U.S.-led talks in St. Petersburg on 11 April 2025 ($1.5bn) didn't end.".into(), "news-like"),
    ];
    for (text, why) in &cases {
        let r = std::panic::catch_unwind(|| check(text));
        assert!(r.is_ok(), "panicked on {why}");
    }
}

#[test]
fn tags_a_plain_sentence() {
    if !Pipeline::has_embedded_models().0 {
        return;
    }
    let text = "The envoy met the president in Moscow on Friday.";
    let s = &nlp().analyze(text)[0];
    let got: Vec<(&str, &str, &str)> = s.tokens.iter().map(|t| (t.span.slice(text), t.upos.as_str(), t.lemma.as_str())).collect();
    assert_eq!(
        got,
        [
            ("The", "DET", "the"),
            ("envoy", "NOUN", "envoy"),
            ("met", "VERB", "meet"),
            ("the", "DET", "the"),
            ("president", "NOUN", "president"),
            ("in", "ADP", "in"),
            ("Moscow", "PROPN", "Moscow"),
            ("on", "ADP", "on"),
            ("Friday", "PROPN", "Friday"),
            (".", "PUNCT", "."),
        ]
    );
    assert_eq!(s.tokens[2].feat("Tense"), Some("Past"));
    assert_eq!(s.tokens[2].feat("VerbForm"), Some("Fin"));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]
    #[test]
    fn any_text_gives_valid_spans(text in "\\PC{0,200}") {
        check(&text);
    }
    #[test]
    fn word_salad_gives_valid_spans(words in proptest::collection::vec("[A-Za-z]{1,8}|[.,!?\"']|[0-9]{1,4}|\\s+", 0..80)) {
        check(&words.concat());
    }
}
