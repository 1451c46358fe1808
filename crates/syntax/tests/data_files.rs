//! The two PETRARCH unit-test files of `../shared/data` read without errors worth the name.

use petrel_syntax::validation::{self, ParseKind};
use std::path::PathBuf;

fn shared(rel: &str) -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data").join(rel);
    if p.exists() {
        Some(p)
    } else {
        eprintln!("note: {} not found; data test not run", p.display());
        None
    }
}

fn check(rel: &str, kind: ParseKind) -> validation::ValidationFile {
    let Some(p) = shared(rel) else { return Default::default() };
    let bytes = std::fs::read(&p).unwrap();
    let (f, diags) = validation::read(&bytes, rel);
    for d in &diags {
        eprintln!("{d}");
    }
    assert_eq!(f.records.len(), 284);
    let bad: Vec<_> = f.records.iter().filter(|r| !r.parse_ok).map(|r| r.id.as_str()).collect();
    eprintln!("{rel}: {} diagnostics; records with a bad parse: {bad:?}", diags.len());
    for r in &f.records {
        assert_eq!(r.parse_kind, kind, "{}", r.id);
        assert!(!r.sentence.tokens.is_empty(), "{}", r.id);
        for t in &r.sentence.tokens {
            assert!(r.text.get(t.span.start as usize..t.span.end as usize).is_some());
        }
    }
    f
}

#[test]
fn ptb_unit_tests() {
    let f = check("petrarch/PETR.UnitTest.records.xml", ParseKind::Ptb);
    if f.records.is_empty() {
        return;
    }
    // 359 codings outside comments (the README's 385 counts otherwise)
    assert_eq!(f.records.iter().map(|r| r.expected.len()).sum::<usize>(), 359);
    let bad: Vec<_> = f.records.iter().filter(|r| !r.parse_ok).map(|r| r.id.as_str()).collect();
    assert_eq!(bad, ["ERROR-02", "ERROR-03"]);
    assert_eq!(f.environment.verbfile.as_deref(), Some("PETR.Validate.verbs.txt"));
}

#[test]
fn ud_unit_tests() {
    let f = check("universal-petrarch/PETR.UnitTest.records.parsing_parsed_udpipe_2.0.xml", ParseKind::Conllu);
    if f.records.is_empty() {
        return;
    }
    assert_eq!(f.records.iter().map(|r| r.expected.len()).sum::<usize>(), 349);
    assert!(f.records.iter().all(|r| r.parse_ok));
}
