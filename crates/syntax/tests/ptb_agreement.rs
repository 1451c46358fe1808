//! PTB -> UD conversion measured against the UDPipe parses of the same unit-test records.
//!
//! Records are matched by id (`DEMO-00` <-> `DEMO_00`); only sentences whose word forms are the
//! same in both files count. UDPipe's parse is automatic, not gold, so this measures agreement,
//! not accuracy; the floors below guard against regressions.

use petrel_syntax::validation;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

fn shared(rel: &str) -> Option<Vec<u8>> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data")
        .join(rel);
    match std::fs::read(&p) {
        Ok(b) => Some(b),
        Err(_) => {
            eprintln!("note: {} not found; agreement not measured", p.display());
            None
        }
    }
}

#[test]
fn ptb_conversion_agrees_with_udpipe() {
    let (Some(ptb), Some(ud)) = (
        shared("petrarch/PETR.UnitTest.records.xml"),
        shared("universal-petrarch/PETR.UnitTest.records.parsing_parsed_udpipe_2.0.xml"),
    ) else {
        return;
    };
    let (p, _) = validation::read(&ptb, "ptb");
    let (u, _) = validation::read(&ud, "ud");
    let by_id: HashMap<String, &validation::Record> =
        u.records.iter().map(|r| (r.id.clone(), r)).collect();
    let (mut sents, mut words, mut uas, mut las) = (0, 0, 0, 0);
    let (mut verbs, mut verb_lemmas, mut upos_same, mut all) = (0, 0, 0, 0);
    // root, subjects and objects: what an event coder reads first
    let (mut core, mut core_same) = (0, 0);
    let mut confusion: BTreeMap<(String, String), u32> = BTreeMap::new();
    let verbose = std::env::var("PTB_AGREEMENT_VERBOSE").is_ok();
    for r in &p.records {
        let Some(o) = by_id.get(&r.id.replace('-', "_")) else {
            continue;
        };
        let a: Vec<&str> = r.sentence.tokens.iter().map(|t| t.form.as_str()).collect();
        let b: Vec<&str> = o.sentence.tokens.iter().map(|t| t.form.as_str()).collect();
        if a != b {
            continue;
        }
        sents += 1;
        for (x, y) in r.sentence.tokens.iter().zip(&o.sentence.tokens) {
            all += 1;
            upos_same += usize::from(x.upos == y.upos || (x.upos == "AUX" && y.upos == "VERB"));
            if x.xpos.starts_with("VB") && y.xpos.starts_with("VB") {
                verbs += 1;
                if x.lemma == y.lemma {
                    verb_lemmas += 1;
                } else if verbose {
                    eprintln!("lemma {} ours {} udpipe {}", x.form, x.lemma, y.lemma);
                }
            }
            if matches!(y.deprel.as_str(), "root" | "nsubj" | "nsubj:pass" | "obj") {
                core += 1;
                core_same += usize::from(x.head == y.head && x.deprel == y.deprel);
            }
            if y.deprel == "punct" {
                continue; // punctuation attachment is conventional
            }
            words += 1;
            if x.head == y.head {
                uas += 1;
                if x.deprel == y.deprel {
                    las += 1;
                }
            }
            if x.head != y.head || x.deprel != y.deprel {
                *confusion
                    .entry((y.deprel.clone(), x.deprel.clone()))
                    .or_default() += 1;
                if verbose {
                    eprintln!(
                        "{}: {} ours {}:{} udpipe {}:{}",
                        r.id, x.form, x.head, x.deprel, y.head, y.deprel
                    );
                }
            }
        }
    }
    let u = uas as f64 / words.max(1) as f64 * 100.0;
    let l = las as f64 / words.max(1) as f64 * 100.0;
    eprintln!("PTB->UD vs UDPipe: {sents} sentences with identical tokens, {words} non-punct words, UAS {u:.1}%, LAS {l:.1}%");
    eprintln!(
        "root/nsubj/nsubj:pass/obj of UDPipe with the same head and label: {core_same}/{core} = {:.1}%",
        core_same as f64 / core.max(1) as f64 * 100.0
    );
    eprintln!(
        "verb lemmas equal: {verb_lemmas}/{verbs}; UPOS equal (AUX~VERB, as UDPipe's v1 tags copulas VERB): {upos_same}/{all}"
    );
    let mut top: Vec<_> = confusion.into_iter().collect();
    top.sort_by_key(|e| std::cmp::Reverse(e.1));
    for ((gold, ours), n) in top.iter().take(25) {
        eprintln!("  udpipe {gold:<12} ours {ours:<12} {n}");
    }
    assert!(sents >= 200, "only {sents} sentences with identical tokens");
    assert!(
        u >= 81.0 && l >= 78.0,
        "UAS {u:.1} LAS {l:.1} below the floor"
    );
}
