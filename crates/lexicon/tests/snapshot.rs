//! The compiled snapshot: embedded defaults, the overlay, loading by kind, `dict check`.

use chrono::NaiveDate;
use petrel_lexicon::check::{check, check_bytes, detect_kind, Kind};
use petrel_lexicon::{Lexicon, LexiconError, LexiconFiles};
use std::path::PathBuf;
use std::sync::OnceLock;

fn embedded() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        let (lex, diags) = Lexicon::embedded();
        assert!(!diags.iter().any(|d| d.code == "L090"), "embedded data decompresses");
        lex
    })
}

fn code_of(lex: &Lexicon, sentence: &str, date: &str) -> Option<String> {
    let words: Vec<&str> = sentence.split(' ').collect();
    let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap();
    let (_, id) = lex.actors.longest_at(&words, 0)?;
    lex.actors.entry(id).code_on(date).map(|c| c.code.clone())
}

#[test]
fn embedded_is_complete() {
    let lex = embedded();
    assert!(lex.actors.len() > 25_000, "{} actors", lex.actors.len());
    assert!(lex.agents.len() > 3_000);
    assert!(lex.discards.len() > 400);
    assert!(lex.issues.len() > 3_000);
}

/// (phrase, date, expected code, why)
const CODES: &[(&str, &str, &str, &str)] = &[
    ("Donald Trump", "2025-04-11", "USAGOV", "overlay: Trump is USAGOV in 2025"),
    ("Donald Trump", "2022-06-01", "USAELI", "overlay: between the terms"),
    ("Afghanistan", "2010-01-01", "AFG", "Phoenix country"),
    ("Hamid Karzai", "2005-01-01", "AFGGOV", "Phoenix dated code"),
    ("Kofi Annan", "2000-01-01", "IGOUNO", "Phoenix International"),
];

#[test]
fn embedded_codes() {
    let lex = embedded();
    for (phrase, date, want, why) in CODES {
        assert_eq!(code_of(lex, phrase, date).as_deref(), Some(*want), "{why}");
    }
}

#[test]
fn embedded_agents_discards_issues() {
    let lex = embedded();
    let (len, id) = lex.agents.longest_at(&["foreign", "minister"], 0).unwrap();
    assert_eq!(len, 2);
    assert!(lex.agents.entry(id).code.starts_with("~GOV"));
    assert!(lex.discards.find(&["the", "Manchester", "United", "match"]).is_some());
    assert!(!lex.issues.code(&["nuclear", "weapons"]).is_empty());
}

fn temp(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("petrel-lexicon-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn load_by_kind_with_base() {
    let actors = temp("mini.actors.txt", "GONDOR [GON]\n+MINAS_TIRITH\n");
    let files = LexiconFiles { actors: vec![actors], ..Default::default() };
    let (lex, diags) = Lexicon::load(&files, Some(embedded())).unwrap();
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(lex.actors.len(), 1, "explicit actor files replace the defaults");
    assert_eq!(lex.agents.len(), embedded().agents.len(), "other kinds come from the base");
    assert_eq!(code_of(&lex, "Minas Tirith", "2000-01-01").as_deref(), Some("GON"));
    assert_eq!(code_of(&lex, "Donald Trump", "2025-04-11"), None, "no overlay with explicit actors");

    let agents = temp("mini.agents.txt", "SOLDIER [~MIL]\n");
    let files = LexiconFiles { agents: vec![agents], ..Default::default() };
    let (lex2, _) = Lexicon::load(&files, Some(&lex)).unwrap();
    assert_eq!(lex2.actors.len(), 1, "actors from the base");
    assert_eq!(lex2.agents.len(), 1);
}

#[test]
fn load_adds_to_embedded() {
    let mine = temp("mine.actors.txt", "DONALD_TRUMP [USABUS]\nGONDOR [GON]\n");
    let files = LexiconFiles { actors: vec![PathBuf::from("@embedded"), mine], ..Default::default() };
    let (lex, _) = Lexicon::load(&files, None).unwrap();
    assert_eq!(lex.actors.len(), embedded().actors.len() + 2);
    assert_eq!(code_of(&lex, "Gondor", "2025-04-11").as_deref(), Some("GON"), "own entries added");
    assert_eq!(code_of(&lex, "Donald Trump", "2025-04-11").as_deref(), Some("USABUS"), "later files win over the overlay");
    assert_eq!(code_of(&lex, "Afghanistan", "2025-04-11").as_deref(), Some("AFG"), "Phoenix kept");
}

#[test]
fn load_reports_unreadable_path() {
    let missing = PathBuf::from("/nonexistent/petrel/x.actors.txt");
    let files = LexiconFiles { actors: vec![missing.clone()], ..Default::default() };
    match Lexicon::load(&files, None) {
        Err(LexiconError::Read { path, .. }) => assert_eq!(path, missing),
        Ok(_) => panic!("expected an error"),
    }
}

#[test]
fn detect_kinds() {
    for (name, text, want) in [
        ("Phoenix.Countries.actors.txt", "", Some(Kind::Actors)),
        ("CAMEO.2.0.txt", "", Some(Kind::Verbs)),
        ("PETR.Validate.verbs.txt", "", Some(Kind::Verbs)),
        ("Phoenix.agents.txt", "", Some(Kind::Agents)),
        ("Phoenix.discards.txt", "", Some(Kind::Discards)),
        ("Phoenix.IssueCoding.txt", "", Some(Kind::Issues)),
        ("x.txt", "<ISSUE CATEGORY=\"A\">\n", Some(Kind::Issues)),
        ("x.txt", "!PERSON! = MAN\nX [~GOV]\n", Some(Kind::Agents)),
        ("x.txt", "X\n\t[ABC]\n", Some(Kind::Actors)),
        ("x.txt", "--- MEET [040] ---\n", Some(Kind::Verbs)),
        ("x.txt", "hello\n", None),
    ] {
        assert_eq!(detect_kind(name, text.as_bytes()), want, "{name} {text:?}");
    }
}

#[test]
fn check_reports() {
    let d = check_bytes(b"hello\n", "x.txt", None);
    assert_eq!(d[0].code, "L060");
    let d = check_bytes(b"X [ABC\n", "x.txt", Some(Kind::Actors));
    assert_eq!(d[0].to_string(), "x.txt:1: error[L014]: unbalanced brackets: no ']' after [ABC");
    let d = check(std::path::Path::new("/nonexistent/petrel/y.agents.txt"));
    assert_eq!(d[0].code, "L061");
    let p = temp("ok.discards.txt", "BASEBALL\n");
    assert!(check(&p).is_empty());
}

#[test]
fn embedded_shared_is_built_once() {
    let (a, da) = Lexicon::embedded_shared();
    let (b, db) = Lexicon::embedded_shared();
    assert!(std::sync::Arc::ptr_eq(&a, &b));
    assert_eq!(da.len(), db.len());
    assert_eq!(a.actors.len(), embedded().actors.len());
}

#[test]
fn lexicon_is_shareable() {
    fn send_sync<T: Send + Sync + Clone>() {}
    send_sync::<Lexicon>();
}

/// Every phrase of the embedded dictionaries, given back as words, matches in full, and the
/// entry found is one that defines the same phrase (a later duplicate may win).
#[test]
fn every_embedded_phrase_matches_itself() {
    let lex = embedded();
    let mut failures = Vec::new();
    for e in lex.actors.entries() {
        for p in std::iter::once(&e.name).chain(e.synonyms.iter()) {
            let words: Vec<&str> = p.split(' ').collect();
            match lex.actors.longest_at(&words, 0) {
                Some((n, _)) if n == words.len() => {}
                other => failures.push(format!("actor {p:?} ({}:{}): {other:?}", e.origin.file, e.origin.line)),
            }
        }
    }
    for e in lex.agents.entries() {
        for p in std::iter::once(&e.name).chain(e.forms.iter()) {
            let words: Vec<&str> = p.split(' ').collect();
            match lex.agents.longest_at(&words, 0) {
                Some((n, _)) if n == words.len() => {}
                other => failures.push(format!("agent {p:?} ({}:{}): {other:?}", e.origin.file, e.origin.line)),
            }
        }
    }
    assert!(failures.is_empty(), "{} phrases do not match themselves, e.g. {:?}", failures.len(), &failures[..failures.len().min(10)]);
}
