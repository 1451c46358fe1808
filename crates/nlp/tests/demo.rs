//! The reference article (copyrighted news, kept in ../shared and never in the repo): sentence
//! boundaries right, every offset true, and "Witkoff" the subject of "met".

use std::path::Path;

#[test]
fn demo_article_parse() {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/demo/witkoff-putin.txt");
    let Ok(text) = std::fs::read_to_string(&p) else {
        eprintln!("skipped: the demo article {} is not present (evaluation data lives in ../shared)", p.display());
        return;
    };
    let nlp = petrel_nlp::Pipeline::embedded().expect("embedded models");
    let sents = nlp.analyze(&text);
    // One sentence per sentence-final stop: none after "U.S.", "St." or "D.C.,".
    for s in &sents {
        let st = &text[s.span.start as usize..s.span.end as usize];
        assert!(!st.trim_end().ends_with("U.S.") && !st.trim_end().ends_with("St.") && !st.trim_end().ends_with("D.C.,"), "bad boundary after {st:?}");
        for t in &s.tokens {
            assert!(text.get(t.span.start as usize..t.span.end as usize).is_some(), "span {:?} of {:?} does not slice the text", t.span, t.form);
        }
    }
    assert_eq!(sents.len(), 19, "sentences: {:#?}", sents.iter().map(|s| &text[s.span.start as usize..s.span.end as usize]).collect::<Vec<_>>());
    let first = &sents[0];
    let met = first.tokens.iter().position(|t| t.form == "met").expect("met");
    let witkoff = first.tokens.iter().position(|t| t.form == "Witkoff").expect("Witkoff");
    let mut head = witkoff;
    // Witkoff, or the name it belongs to ("Steve Witkoff"), is the nsubj of "met".
    while first.tokens[head].deprel != "nsubj" {
        head = first.head_of(head).expect("Witkoff attaches under met");
    }
    assert_eq!(first.head_of(head), Some(met), "the subject phrase containing Witkoff must hang on `met`");
}
