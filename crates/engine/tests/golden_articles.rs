//! Golden articles: each `tests/golden/articles/*.txt` coded with the embedded defaults must
//! yield the events its `.events` file lists (format: `tests/golden/README.md`).

use petrel_engine::{Engine, EngineOptions};
use petrel_model::event::Event;
use std::path::{Path, PathBuf};
use std::sync::Arc;

struct Expect {
    negate: bool,
    source: String,
    code: String,
    target: String,
    date: Option<String>,
    place: Option<String>,
    modality: Vec<(bool, String)>,
    line: String,
}

fn parse_expectations(text: &str, file: &str) -> Vec<Expect> {
    let mut out = Vec::new();
    for (n, raw) in text.lines().enumerate() {
        let line = raw.split('#').next().unwrap().trim();
        if line.is_empty() {
            continue;
        }
        let (negate, line) = match line.strip_prefix('!') {
            Some(rest) => (true, rest.trim()),
            None => (false, line),
        };
        let f: Vec<&str> = line.split_whitespace().collect();
        assert!(f.len() >= 3, "{file}:{}: expected `SOURCE CODE TARGET [key=value...]`, found {raw:?}", n + 1);
        let mut e = Expect {
            negate,
            source: f[0].into(),
            code: f[1].into(),
            target: f[2].into(),
            date: None,
            place: None,
            modality: vec![],
            line: format!("{file}:{}: {raw}", n + 1),
        };
        for kv in &f[3..] {
            let (k, v) = kv.split_once('=').unwrap_or_else(|| panic!("{file}:{}: expected key=value, found {kv}", n + 1));
            match k {
                "date" => e.date = Some(v.into()),
                "place" => e.place = Some(v.replace('_', " ")),
                "modality" => match v.strip_prefix('-') {
                    Some(m) => e.modality.push((false, m.into())),
                    None => e.modality.push((true, v.into())),
                },
                _ => panic!("{file}:{}: unknown key {k}", n + 1),
            }
        }
        out.push(e);
    }
    out
}

fn actor_ok(want: &str, got: &Option<petrel_model::event::ActorRef>) -> bool {
    match want {
        "*" => true,
        // No actor: none at all, or the coder's null actor `---` (when dyads are not required).
        "-" => got.as_ref().is_none_or(|a| a.code.is_empty() || a.code == "---"),
        w => got.as_ref().is_some_and(|a| a.code.starts_with(w)),
    }
}

fn matches(e: &Expect, ev: &Event) -> bool {
    actor_ok(&e.source, &ev.source)
        && actor_ok(&e.target, &ev.target)
        && ev.cameo.code.starts_with(&e.code)
        && e.date.as_ref().is_none_or(|d| match d.strip_suffix('*') {
            Some(prefix) => ev.date.starts_with(prefix),
            None => &ev.date == d,
        })
        && e.place.as_ref().is_none_or(|p| ev.place.as_ref().is_some_and(|pl| &pl.name == p))
        && e.modality.iter().all(|(has, m)| ev.modality.contains(m) == *has)
}

fn show(ev: &Event) -> String {
    let code = |a: &Option<petrel_model::event::ActorRef>| a.as_ref().map(|a| a.code.clone()).unwrap_or_else(|| "-".into());
    format!(
        "{} {} {} date={} place={} modality={:?} verb={:?}",
        code(&ev.source),
        ev.cameo.code,
        code(&ev.target),
        ev.date,
        ev.place.as_ref().map(|p| p.name.as_str()).unwrap_or("-"),
        ev.modality,
        ev.evidence.verb.text
    )
}

fn articles_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/golden/articles")
}

#[test]
fn golden_articles() {
    let (lexicon, _) = petrel_lexicon::Lexicon::embedded();
    let nlp = petrel_nlp::Pipeline::embedded().expect("embedded models load");
    let engine = Engine::with_lexicon(Arc::new(lexicon), petrel_engine::news_coder_options(), Some(Arc::new(nlp)), EngineOptions::default());
    let mut files: Vec<PathBuf> = std::fs::read_dir(articles_dir()).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "txt")).collect();
    files.sort();
    assert!(!files.is_empty());
    // Expectations petrel does not meet yet, listed with the reason (strict: one that starts
    // passing must be taken off the list, so the list never hides a regression or a fix).
    let known_path = articles_dir().join("../known-failures.txt");
    let known_text = std::fs::read_to_string(&known_path).unwrap_or_default();
    let known: Vec<&str> = known_text.lines().map(|l| l.split('#').next().unwrap().trim()).filter(|l| !l.is_empty()).collect();
    let mut failures = Vec::new();
    let mut known_seen = Vec::new();
    let mut checked = 0;
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(path).unwrap();
        let date = petrel_ingest::date_in_file_name(&name).unwrap_or_else(|| panic!("{name}: file name must start with the publication date"));
        let events_path = path.with_extension("events");
        let expect = parse_expectations(&std::fs::read_to_string(&events_path).unwrap_or_else(|_| panic!("missing {}", events_path.display())), &name);
        let doc = petrel_model::Document { id: name.clone(), date: Some(date), text, ..Default::default() };
        let res = engine.code_document(&doc, date);
        for e in &expect {
            checked += 1;
            let hit = res.events.iter().any(|ev| matches(e, ev));
            let place = e.line.splitn(3, ':').take(2).collect::<Vec<_>>().join(":");
            if known.contains(&place.as_str()) {
                known_seen.push(place.clone());
                if hit == e.negate {
                    eprintln!("known failure (tests/golden/known-failures.txt): {}", e.line);
                } else {
                    failures.push(format!("{}\n    now passes: take {place} off tests/golden/known-failures.txt", e.line));
                }
                continue;
            }
            if hit == e.negate {
                let got: Vec<String> = res.events.iter().map(show).collect();
                failures.push(format!("{}\n    {}\n    got: {:#?}", e.line, if e.negate { "an event matched" } else { "no event matched" }, got));
            }
        }
    }
    for k in &known {
        assert!(known_seen.iter().any(|s| s == k), "tests/golden/known-failures.txt names {k}, which is no expectation");
    }
    eprintln!("{} expectations checked, {} known failures", checked, known.len());
    assert!(failures.is_empty(), "{} of {checked} expectations failed:\n{}", failures.len(), failures.join("\n"));
}

/// Skipping sentences no pattern could code (the engine knows its dictionaries) changes the
/// time, never the events: every golden article codes the same with and without it.
#[test]
fn prefilter_never_changes_the_events() {
    let lexicon = Arc::new(petrel_lexicon::Lexicon::embedded().0);
    let nlp = Arc::new(petrel_nlp::Pipeline::embedded().expect("embedded models load"));
    let opts = EngineOptions { dedup: petrel_engine::Dedup::None, ..Default::default() };
    // Both coder settings: with require_dyad the prefilter asks for two actor phrases.
    for coder_opts in [petrel_engine::news_coder_options(), petrel_coder::CoderOptions::default()] {
        prefilter_check(&lexicon, &nlp, coder_opts, opts.clone());
    }
}

fn prefilter_check(lexicon: &Arc<petrel_lexicon::Lexicon>, nlp: &Arc<petrel_nlp::Pipeline>, coder_opts: petrel_coder::CoderOptions, opts: EngineOptions) {
    let filtered = Engine::with_lexicon(lexicon.clone(), coder_opts.clone(), Some(nlp.clone()), opts.clone());
    let plain = Engine::new(petrel_coder::Coder::new(lexicon.clone(), coder_opts), Some(nlp.clone()), opts);
    let mut files: Vec<PathBuf> = std::fs::read_dir(articles_dir()).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "txt")).collect();
    files.sort();
    let (mut parsed, mut sentences) = (0, 0);
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let date = petrel_ingest::date_in_file_name(&name).unwrap();
        let doc = petrel_model::Document { id: name.clone(), date: Some(date), text: std::fs::read_to_string(path).unwrap(), ..Default::default() };
        let a = filtered.code_document(&doc, date);
        let b = plain.code_document(&doc, date);
        assert_eq!(a.events, b.events, "{name}");
        assert_eq!(a.sentences, b.sentences, "{name}");
        parsed += a.parsed;
        sentences += a.sentences;
    }
    assert!(parsed < sentences, "the prefilter skipped nothing ({parsed} of {sentences} parsed)");
}
