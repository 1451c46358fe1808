//! Hostile inputs: deep nesting, huge flat phrases, very long sentences. Each must come back
//! (partial results plus diagnostics) without a stack overflow or quadratic blow-up.

use petrel_syntax::{conllu, ptb, validation};

#[test]
fn deeply_nested_brackets_are_flattened() {
    let depth = 100_000;
    let src = format!("{}(NN x){}", "(NP ".repeat(depth), ")".repeat(depth));
    let (s, d) = ptb::to_sentence(&src, "x", "deep", 1);
    assert_eq!(s.tokens.len(), 1);
    assert_eq!(s.tokens[0].span.slice("x"), "x");
    let codes: Vec<_> = d.iter().map(|d| d.code).collect();
    assert!(codes.contains(&"S024"), "{codes:?}");
    assert!(d.len() <= 12, "diagnostics are capped: {}", d.len());
}

#[test]
fn huge_flat_phrases_convert() {
    let n = 30_000;
    let mut words = String::new();
    let mut text = String::new();
    for i in 0..n {
        words.push_str(if i % 3 == 0 {
            "(NNP Arnor) "
        } else if i % 3 == 1 {
            "(CC and) "
        } else {
            "(NP (NNP Gondor)) "
        });
        text.push_str(if i % 3 == 0 {
            "Arnor "
        } else if i % 3 == 1 {
            "and "
        } else {
            "Gondor "
        });
    }
    let src = format!(
        "(ROOT (S (NP {words}) (VP (VBD met) {}) (. .)))",
        "(NP (NN x)) ".repeat(n)
    );
    text.push_str("met ");
    text.push_str(&"x ".repeat(n));
    text.push('.');
    let (s, d) = ptb::to_sentence(&src, &text, "flat", 1);
    assert!(d.is_empty(), "{:?}", &d[..d.len().min(3)]);
    assert_eq!(s.tokens.len(), 2 * n + 2);
    assert_eq!(s.roots().count(), 1);
    assert!(conllu::tree_problem(&s).is_none());
}

#[test]
fn long_conllu_sentence_reads() {
    let n = 100_000u32;
    let mut src = String::new();
    for i in 1..=n {
        // a chain (each word heads the next) of v1 names, the worst case for re-heading
        let (head, rel) = if i == n {
            (0, "root")
        } else {
            (i + 1, if i % 2 == 0 { "name" } else { "cc" })
        };
        src.push_str(&format!("{i}\tw\t_\tPROPN\t_\t_\t{head}\t{rel}\t_\t_\n"));
    }
    let (sents, d) = conllu::read(&src, "long");
    assert_eq!(sents.len(), 1);
    assert_eq!(sents[0].sentence.tokens.len(), n as usize);
    assert!(
        d.iter().all(|d| d.code == "S005"),
        "{:?}",
        &d[..d.len().min(3)]
    );
}

#[test]
fn a_record_with_a_50_mb_line_is_read() {
    let line = "a".repeat(50 << 20);
    let xml = format!(
        "<Sentence id='big'><Text>{line}</Text><Parse>(ROOT (NN {line}))</Parse></Sentence>"
    );
    let (f, _) = validation::read(xml.as_bytes(), "big.xml");
    assert_eq!(f.records.len(), 1);
    assert_eq!(f.records[0].sentence.tokens.len(), 1);
    assert_eq!(f.records[0].sentence.tokens[0].span.len(), 50 << 20);
}
