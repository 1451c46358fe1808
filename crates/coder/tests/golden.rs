//! Golden tests: hand-written CoNLL-U parses (tests/golden/cases.conllu) coded against a small
//! dictionary (tests/golden/dict.*); each case's `# expect =` lists `SOURCE TARGET CODE` events
//! separated by `|`, `# why =` says what it checks and `# options =` sets PETRARCH options.

mod common;
use petrel_coder::{Coder, CoderOptions};
use std::collections::BTreeSet;

fn coder() -> Coder {
    common::coder(b"")
}

#[test]
fn golden_cases() {
    let src = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden/cases.conllu")).unwrap();
    let (sents, diags) = petrel_syntax::conllu::read(&src, "cases.conllu");
    assert!(diags.iter().all(|d| d.severity != petrel_model::Severity::Error), "{diags:?}");
    let coder = coder();
    let date = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
    let mut failures = Vec::new();
    assert_eq!(sents.len(), 26);
    for s in &sents {
        let get = |k: &str| s.comments.iter().find_map(|c| c.strip_prefix(k)).map(|v| v.trim().to_string());
        let id = get("sent_id =").unwrap_or_default();
        let want: BTreeSet<String> = get("expect =")
            .unwrap_or_default()
            .split('|')
            .map(|e| e.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|e| !e.is_empty())
            .collect();
        // `# options = name=value ...`: PETRARCH options for this case (require_dyad=false as
        // for news text).
        let mut opts = coder.options().clone();
        for kv in get("options =").unwrap_or_default().split_whitespace() {
            let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
            assert!(opts.set(k, v), "{id}: unknown option {k}");
        }
        let coder = coder.with_options(opts);
        let (events, _) = coder.code_sentence(&s.sentence, &s.text, date, "doc", 0);
        let got: BTreeSet<String> = events
            .iter()
            .map(|e| {
                format!(
                    "{} {} {}",
                    e.source.as_ref().map_or("---", |a| a.code.as_str()),
                    e.target.as_ref().map_or("---", |a| a.code.as_str()),
                    e.cameo.code
                )
            })
            .collect();
        if let Some(m) = get("modality =") {
            for e in &events {
                let got = e.modality.join(" ");
                if got != m {
                    failures.push(format!("{id}: modality want {m:?} got {got:?}"));
                }
            }
        }
        for e in &events {
            assert_eq!(e.evidence.verb.span.slice(&s.text), e.evidence.verb.text, "{id}: verb span");
            assert!(e.rule.starts_with("dict.verbs.txt:"), "{id}: rule {}", e.rule);
        }
        if got != want {
            failures.push(format!("{id}: want {want:?} got {got:?} ({})", get("why =").unwrap_or_default()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn bad_trees_do_not_panic() {
    let coder = coder();
    let date = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
    let src = "1\tArnor\t_\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n2\trestored\t_\tVERB\tVBD\t_\t1\troot\t_\t_\n3\tGondor\t_\tPROPN\tNNP\t_\t9\tobj\t_\t_\n";
    let (sents, _) = petrel_syntax::conllu::read(src, "bad.conllu");
    for s in &sents {
        let _ = coder.code_sentence(&s.sentence, &s.text, date, "doc", 0);
    }
}

#[test]
fn options_from_petrarch_config() {
    let mut o = CoderOptions::default();
    assert!(o.require_dyad);
    assert!(o.set("require_dyad", "FALSE"));
    assert!(!o.require_dyad);
    assert!(o.set("new_actor_length", "4"));
    assert_eq!(o.new_actor_length, 4);
    assert!(o.set("comma_emax", "0"));
    assert_eq!(o.comma_emax, 0);
    assert!(!o.set("no_such_option", "1"));
}

#[test]
fn story_dedup_keeps_merged_mentions() {
    use petrel_model::event::{ActorRef, CameoRef, Event};
    let ev = |sentence: u32, code: &str| Event {
        doc_id: "d".into(),
        sentence,
        source: Some(ActorRef { code: "ARN".into(), ..Default::default() }),
        target: Some(ActorRef { code: "GON".into(), ..Default::default() }),
        cameo: CameoRef::from_code(code),
        ..Default::default()
    };
    let out = petrel_coder::dedup_story(vec![ev(0, "050"), ev(3, "050"), ev(3, "050"), ev(4, "111")]);
    assert_eq!(out.len(), 2);
    assert_eq!(out[0].merged.len(), 1);
    assert_eq!(out[0].merged[0].sentence, 3);
    assert!(out[1].merged.is_empty());
}
