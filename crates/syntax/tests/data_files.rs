//! The two PETRARCH unit-test files of `../shared/data` read without errors worth the name.

use petrel_syntax::validation::{self, ParseKind};
use std::path::PathBuf;

fn shared(rel: &str) -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data")
        .join(rel);
    if p.exists() {
        Some(p)
    } else {
        eprintln!("note: {} not found; data test not run", p.display());
        None
    }
}

fn check(rel: &str, kind: ParseKind) -> validation::ValidationFile {
    let Some(p) = shared(rel) else {
        return Default::default();
    };
    let bytes = std::fs::read(&p).unwrap();
    let (f, diags) = validation::read(&bytes, rel);
    for d in &diags {
        eprintln!("{d}");
    }
    assert_eq!(f.records.len(), 284);
    let bad: Vec<_> = f
        .records
        .iter()
        .filter(|r| !r.parse_ok)
        .map(|r| r.id.as_str())
        .collect();
    eprintln!(
        "{rel}: {} diagnostics; records with a bad parse: {bad:?}",
        diags.len()
    );
    for r in &f.records {
        assert_eq!(r.parse_kind, kind, "{}", r.id);
        assert!(!r.sentence.tokens.is_empty(), "{}", r.id);
        for t in &r.sentence.tokens {
            assert!(r
                .text
                .get(t.span.start as usize..t.span.end as usize)
                .is_some());
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
    assert_eq!(
        f.records.iter().map(|r| r.expected.len()).sum::<usize>(),
        359
    );
    let bad: Vec<_> = f
        .records
        .iter()
        .filter(|r| !r.parse_ok)
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(bad, ["ERROR-02", "ERROR-03"]);
    assert_eq!(
        f.environment.verbfile.as_deref(),
        Some("PETR.Validate.verbs.txt")
    );
    let pair = |k: &str, v: &str| (k.to_string(), v.to_string());
    assert_eq!(f.environment.config, [pair("stop_on_error", "True")]);
    // <Config> between records stays in effect for the records after it
    let date16 = f.records.iter().find(|r| r.id == "DATE-16").unwrap();
    assert!(
        date16.config.contains(&pair("require_dyad", "False")),
        "{:?}",
        date16.config
    );
    assert!(
        date16.config.contains(&pair("comma_emax", "0")),
        "{:?}",
        date16.config
    );
    assert!(f.records[0].config.is_empty());
}

#[test]
fn ud_unit_tests() {
    let f = check(
        "universal-petrarch/PETR.UnitTest.records.parsing_parsed_udpipe_2.0.xml",
        ParseKind::Conllu,
    );
    if f.records.is_empty() {
        return;
    }
    assert_eq!(
        f.records.iter().map(|r| r.expected.len()).sum::<usize>(),
        349
    );
    assert!(f.records.iter().all(|r| r.parse_ok));
}

/// UD English EWT is UD v2 already: it reads without diagnostics, every span slices its word, and
/// the v1 -> v2 mapping changes no head and no relation.
#[test]
fn ewt_dev_is_left_as_v2() {
    let Some(p) = shared("ud-english-ewt/en_ewt-ud-dev.conllu") else {
        return;
    };
    let src = std::fs::read_to_string(p).unwrap();
    let (sents, diags) = petrel_syntax::conllu::read(&src, "dev");
    assert!(diags.is_empty(), "{:?}", &diags[..diags.len().min(5)]);
    assert_eq!(sents.len(), 2001);
    let raw: Vec<(u32, String)> = src
        .lines()
        .filter(|l| {
            l.split('\t')
                .next()
                .is_some_and(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()))
        })
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            (c[6].parse().unwrap(), c[7].to_string())
        })
        .collect();
    let ours: Vec<(u32, String)> = sents
        .iter()
        .flat_map(|s| s.sentence.tokens.iter().map(|t| (t.head, t.deprel.clone())))
        .collect();
    assert_eq!(raw.len(), ours.len());
    let changed: Vec<_> = raw
        .iter()
        .zip(&ours)
        .enumerate()
        .filter(|(_, (a, b))| a != b)
        .collect();
    assert!(changed.is_empty(), "{changed:?}");
    for s in &sents {
        for t in &s.sentence.tokens {
            assert!(!t.span.is_empty(), "{:?} {}", s.sentence.id, t.form);
        }
    }
}

/// The PTB converter's rule lemmatiser against EWT dev's gold lemmas, for inflected verbs and
/// plural nouns (the words whose lemma differs from the lower-cased form most often).
#[test]
fn rule_lemmas_against_ewt_dev() {
    let Some(p) = shared("ud-english-ewt/en_ewt-ud-dev.conllu") else {
        return;
    };
    let src = std::fs::read_to_string(p).unwrap();
    let (sents, _) = petrel_syntax::conllu::read(&src, "dev");
    let (mut n, mut ok) = (0, 0);
    let mut wrong = std::collections::BTreeMap::<String, u32>::new();
    for t in sents.iter().flat_map(|s| &s.sentence.tokens) {
        if !matches!(t.xpos.as_str(), "VBD" | "VBN" | "VBG" | "VBZ" | "NNS") {
            continue;
        }
        n += 1;
        let ours = petrel_syntax::ptb::lemma(&t.form, &t.xpos);
        if ours == t.lemma.to_lowercase() {
            ok += 1;
        } else {
            *wrong
                .entry(format!(
                    "{}/{} ours {} gold {}",
                    t.form, t.xpos, ours, t.lemma
                ))
                .or_default() += 1;
        }
    }
    let acc = ok as f64 / n.max(1) as f64 * 100.0;
    eprintln!("rule lemmas on EWT dev VBD/VBN/VBG/VBZ/NNS: {ok}/{n} = {acc:.1}%");
    if std::env::var("LEMMA_VERBOSE").is_ok() {
        let mut w: Vec<_> = wrong.into_iter().collect();
        w.sort_by_key(|e| std::cmp::Reverse(e.1));
        for (k, c) in w.iter().take(40) {
            eprintln!("  {c} {k}");
        }
    }
    assert!(acc >= 85.0, "{acc:.1}%");
}

/// `conllu::write` then `conllu::read` gives back every converted PTB unit-test sentence unchanged
/// (what `petrel parse` writes, petrel reads).
#[test]
fn written_conllu_reads_back_identically() {
    let Some(p) = shared("petrarch/PETR.UnitTest.records.xml") else {
        return;
    };
    let bytes = std::fs::read(p).unwrap();
    let (f, _) = validation::read(&bytes, "ptb");
    let mut out = String::new();
    for r in &f.records {
        petrel_syntax::conllu::write(&r.sentence, &r.text, &mut out);
    }
    let (back, diags) = petrel_syntax::conllu::read(&out, "written");
    let ok_records: Vec<_> = f.records.iter().collect();
    assert_eq!(back.len(), ok_records.len());
    // forms the PTB text lacks get empty spans, which re-align elsewhere: skip those sentences
    let mut compared = 0;
    for (r, b) in ok_records.iter().zip(&back) {
        if r.sentence.tokens.iter().any(|t| t.span.is_empty()) {
            continue;
        }
        compared += 1;
        assert_eq!(b.sentence.tokens, r.sentence.tokens, "{}", r.id);
        assert_eq!(b.sentence.id.as_deref(), Some(r.id.as_str()));
    }
    assert!(compared >= 270, "{compared}");
    assert!(
        diags.iter().all(|d| d.code == "S004" || d.code == "S005"),
        "{diags:?}"
    );
}
