//! Property tests: the readers never panic and every token span slices its text on char boundaries.

use petrel_syntax::{conllu, ptb, validation};
use proptest::prelude::*;

fn spans_ok(text: &str, s: &petrel_model::Sentence) {
    for t in &s.tokens {
        let (a, b) = (t.span.start as usize, t.span.end as usize);
        assert!(
            a <= b && b <= text.len(),
            "span {a}..{b} outside text of {} bytes",
            text.len()
        );
        assert!(
            text.is_char_boundary(a) && text.is_char_boundary(b),
            "span {a}..{b} cuts a char"
        );
    }
}

/// Lines that look roughly like CoNLL-U, with junk mixed in.
fn conllu_like() -> impl Strategy<Value = String> {
    let field = prop_oneof![
        "_",
        "[0-9]{1,2}",
        "[0-9]-[0-9]",
        "[0-9]\\.1",
        "\\PC{0,6}",
        "(nmod|neg|dobj|root)"
    ];
    let line = prop_oneof![
        prop::collection::vec(field, 0..12).prop_map(|v| v.join("\t")),
        "# text = \\PC{0,30}".prop_map(String::from),
        Just(String::new()),
    ];
    prop::collection::vec(line, 0..20).prop_map(|v| v.join("\n"))
}

proptest! {
    #[test]
    fn conllu_never_panics_on_strings(src in "\\PC{0,200}") {
        let (sents, _) = conllu::read(&src, "p");
        for s in &sents { spans_ok(&s.text, &s.sentence); }
    }

    #[test]
    fn conllu_never_panics_on_conllu_like(src in conllu_like(), text in proptest::option::of("\\PC{0,40}")) {
        let (sents, _) = conllu::read(&src, "p");
        for s in &sents { spans_ok(&s.text, &s.sentence); }
        let (s, _) = conllu::parse_block_with_text(&src, text.as_deref(), "p", 1);
        spans_ok(&s.text, &s.sentence);
        let mut out = String::new();
        conllu::write(&s.sentence, &s.text, &mut out);
    }

    #[test]
    fn conllu_never_panics_on_bytes(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        let src = String::from_utf8_lossy(&bytes);
        let (sents, _) = conllu::read(&src, "p");
        for s in &sents { spans_ok(&s.text, &s.sentence); }
    }

    #[test]
    fn validation_never_panics_on_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let (f, _) = validation::read(&bytes, "p");
        for r in &f.records { spans_ok(&r.text, &r.sentence); }
    }

    #[test]
    fn validation_never_panics_on_xml_like(parts in prop::collection::vec(prop_oneof![
        Just("<Sentence id='a' date = \"19950101\">".to_string()), Just("<Sentence id=\"b\"/>".to_string()),
        Just("</Sentence>".to_string()), Just("<Text>".to_string()), Just("</Text>".to_string()),
        Just("<Parse>".to_string()), Just("</Parse>".to_string()), Just("<!--".to_string()), Just("-->".to_string()),
        Just("<EventCoding sourcecode='\"\"' eventcode=\"0\">".to_string()), Just("(ROOT (S (NP (NNP A)) (VP (VBD b))))".to_string()),
        Just("1\tA\ta\tX\t_\t_\t0\troot\t_\t_\n".to_string()), Just("&amp;&".to_string()), "\\PC{0,12}",
    ], 0..30)) {
        let src = parts.concat();
        let (f, _) = validation::read(src.as_bytes(), "p");
        for r in &f.records { spans_ok(&r.text, &r.sentence); }
    }

    #[test]
    fn ptb_never_panics(tree in prop::collection::vec(prop_oneof![
        Just("(".to_string()), Just(")".to_string()), Just(" ".to_string()), "(NP|VP|S|PP|SBAR|NN|VB|VBD|IN|DT|CC|,|POS|TO|MD|-NONE-)",
        "\\PC{0,5}"], 0..60), text in "\\PC{0,60}") {
        let src = tree.concat();
        let (s, _) = ptb::to_sentence(&src, &text, "p", 1);
        spans_ok(&text, &s);
        let n = s.tokens.len() as u32;
        for t in &s.tokens { prop_assert!(t.head <= n); }
    }
}
