//! `petrel code` as a user runs it: the built binary on golden articles and on bad input.
//!
//! Covers every output format, every dedup mode, `--exclude`, the exit codes (0 ok, 1 some
//! input failed, 2 usage error) and the bad documents of issue 4 (invalid UTF-8, a 50 MB line,
//! an empty document, a JSON line with a wrong type): each gets one diagnostic naming where it
//! is, and the rest of the input is still coded.

use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn article(name: &str) -> PathBuf {
    repo().join("tests/golden/articles").join(name)
}

/// An article known to yield events (a located, dated meeting).
const MEETING: &str = "2025-04-11-meeting-place.txt";

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn petrel(args: &[&str], stdin: Option<&[u8]>) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_petrel"));
    cmd.args(args).current_dir(repo()).stdout(Stdio::piped()).stderr(Stdio::piped());
    cmd.stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() });
    let mut child = cmd.spawn().expect("run the petrel binary");
    if let Some(input) = stdin {
        let mut w = child.stdin.take().unwrap();
        let input = input.to_vec();
        std::thread::spawn(move || w.write_all(&input));
    }
    let Output { status, stdout, stderr } = child.wait_with_output().unwrap();
    Run {
        code: status.code().unwrap_or(-1),
        stdout: String::from_utf8(stdout).expect("output is UTF-8"),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
    }
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("petrel-cli-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn jsonl(out: &str) -> Vec<Value> {
    out.lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}"))).collect()
}

fn code_of(v: &Value, side: &str) -> String {
    v[side]["code"].as_str().unwrap_or("").to_string()
}

fn key(v: &Value) -> (String, String, String) {
    (code_of(v, "source"), code_of(v, "target"), v["cameo"]["code"].as_str().unwrap().to_string())
}

/// What dedup compares: date, actors by code and dictionary entry, CAMEO code.
fn event_key(v: &Value) -> String {
    let side = |s: &str| format!("{}|{}", code_of(v, s), v[s]["entry"].as_str().unwrap_or(""));
    format!("{} {} {} {}", v["date"], side("source"), side("target"), v["cameo"]["code"])
}

#[test]
fn every_format_writes_the_same_events_in_its_shape() {
    let path = article(MEETING);
    let text = std::fs::read_to_string(&path).unwrap();
    let p = path.to_str().unwrap();
    let native = petrel(&["code", "--quiet", p], None);
    assert_eq!(native.code, 0, "{}", native.stderr);
    let events = jsonl(&native.stdout);
    assert!(!events.is_empty(), "{MEETING} yields no event; stderr: {}", native.stderr);
    for ev in &events {
        // Evidence spans slice the original article.
        let verb = &ev["evidence"]["verb"];
        let span = verb["span"].as_array().unwrap();
        let (s, e) = (span[0].as_u64().unwrap() as usize, span[1].as_u64().unwrap() as usize);
        assert_eq!(&text[s..e], verb["text"].as_str().unwrap(), "{ev}");
        for side in ["source", "target"] {
            if let Some(sp) = ev[side]["span"].as_array() {
                let (s, e) = (sp[0].as_u64().unwrap() as usize, sp[1].as_u64().unwrap() as usize);
                if e > s {
                    assert_eq!(&text[s..e], ev[side]["text"].as_str().unwrap(), "{ev}");
                }
            }
        }
        assert!(!ev["rule"].as_str().unwrap_or("").is_empty(), "no rule: {ev}");
    }
    let n = events.len();
    let columns = |fmt: &str| -> Vec<usize> {
        let r = petrel(&["code", "--quiet", "--format", fmt, p], None);
        assert_eq!(r.code, 0, "--format {fmt}: {}", r.stderr);
        assert_eq!(r.stdout.lines().count(), n, "--format {fmt} writes one line per event:\n{}", r.stdout);
        r.stdout.lines().map(|l| l.split('\t').count()).collect()
    };
    assert!(columns("gdelt").iter().all(|&c| c == 61), "GDELT 2.0 has 61 columns");
    assert!(columns("phoenix").iter().all(|&c| c == 26), "Phoenix has 26 columns");
    assert!(columns("petr").iter().all(|&c| c == 7), "PETRARCH lines have 7 fields");
    let petr = petrel(&["code", "--quiet", "--format", "petr", p], None);
    for (line, ev) in petr.stdout.lines().zip(&events) {
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(f[0], ev["date"].as_str().unwrap().replace('-', ""), "{line}");
        assert_eq!(f[3], ev["cameo"]["code"].as_str().unwrap(), "{line}");
    }
    let plover = petrel(&["code", "--quiet", "--format", "plover", p], None);
    assert_eq!(plover.code, 0);
    let recs = jsonl(&plover.stdout);
    assert_eq!(recs.len(), n);
    for (r, ev) in recs.iter().zip(&events) {
        assert_eq!(r["date"], ev["date"]);
        assert_eq!(r["cameo"], ev["cameo"]["code"]);
        assert!(r["actor"].is_array() && r["recipient"].is_array() && r["event"].is_array(), "{r}");
    }
}

/// Two copies of an article with a repeated sentence: `none` keeps every mention, `story` one
/// record per event (date, source, target, code) per document, `day` one per event across
/// documents; merged mentions account for every dropped record.
#[test]
fn dedup_modes_merge_what_they_say() {
    let text = std::fs::read_to_string(article(MEETING)).unwrap();
    let dir = temp_dir("dedup");
    let doubled = format!("{text}\n\n{text}");
    std::fs::write(dir.join("2025-04-11-a.txt"), &doubled).unwrap();
    std::fs::write(dir.join("2025-04-11-b.txt"), &doubled).unwrap();
    let d = dir.to_str().unwrap();
    let run = |mode: &str| {
        let r = petrel(&["code", "--quiet", "--dedup", mode, d], None);
        assert_eq!(r.code, 0, "--dedup {mode}: {}", r.stderr);
        jsonl(&r.stdout)
    };
    let none = run("none");
    let story = run("story");
    let day = run("day");
    let merged = |evs: &[Value]| evs.iter().map(|e| e["merged"].as_array().map_or(0, |m| m.len())).sum::<usize>();
    assert!(!none.is_empty());
    assert_eq!(merged(&none), 0);
    assert!(story.len() < none.len() && day.len() < story.len(), "none {} story {} day {}", none.len(), story.len(), day.len());
    assert_eq!(story.len() + merged(&story), none.len(), "story: kept + merged = every mention");
    assert_eq!(day.len() + merged(&day), none.len(), "day: kept + merged = every mention");
    let mut seen = HashSet::new();
    for e in &story {
        assert!(seen.insert((e["doc_id"].to_string(), event_key(e))), "story dedup left a repeat: {e}");
    }
    let mut seen = HashSet::new();
    for e in &day {
        assert!(seen.insert(event_key(e)), "day dedup left a repeat: {e}");
        for m in e["merged"].as_array().into_iter().flatten() {
            assert!(m["doc_id"].is_string() && m["sentence"].is_u64(), "{m}");
        }
    }
    // Day dedup merges across documents: some record carries a mention of the other document.
    assert!(day.iter().any(|e| e["merged"].as_array().into_iter().flatten().any(|m| m["doc_id"] != e["doc_id"])));
}

#[test]
fn exclude_drops_events_with_a_modality() {
    let p = article("2025-03-12-future.txt");
    let p = p.to_str().unwrap();
    let all = jsonl(&petrel(&["code", "--quiet", p], None).stdout);
    let has = |e: &Value, m: &str| e["modality"].as_array().unwrap().iter().any(|x| x == m);
    assert!(all.iter().any(|e| has(e, "future")), "the golden future article yields a future event");
    let r = petrel(&["code", "--quiet", "--exclude", "future,hypothetical", p], None);
    assert_eq!(r.code, 0);
    let kept = jsonl(&r.stdout);
    assert!(kept.iter().all(|e| !has(e, "future") && !has(e, "hypothetical")));
    assert_eq!(kept.len(), all.iter().filter(|e| !has(e, "future") && !has(e, "hypothetical")).count());
}

#[test]
fn exit_codes_say_ok_failed_or_usage() {
    let p = article(MEETING);
    let p = p.to_str().unwrap();
    assert_eq!(petrel(&["code", "--quiet", p], None).code, 0);
    // Usage errors: 2, with a message saying what was expected, and nothing coded.
    for args in [
        vec!["code", "--exclude", "maybe", p],
        vec!["code", "--input", "html", p],
        vec!["code", "--format", "xml", p],
        vec!["code", "--dedup", "weekly", p],
        vec!["code", "--date", "11/04/2025", p],
    ] {
        let r = petrel(&args, None);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains("expected") || r.stderr.contains("possible values"), "{args:?}: {}", r.stderr);
        assert!(r.stdout.is_empty(), "{args:?}");
    }
    // A path that does not exist: that input failed (1), named on stderr.
    let r = petrel(&["code", "--quiet", "/nonexistent/petrel.txt", p], None);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("/nonexistent/petrel.txt") && r.stderr.contains("I001"), "{}", r.stderr);
    assert!(!r.stdout.is_empty(), "the other input is still coded");
}

#[test]
fn standard_input_reads_text_or_json_lines() {
    let text = std::fs::read(article(MEETING)).unwrap();
    let r = petrel(&["code", "--quiet", "--date", "2025-04-11", "-"], Some(&text));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let from_text = jsonl(&r.stdout);
    assert!(!from_text.is_empty());
    let line = serde_json::json!({"id": "d1", "date": "2025-04-11", "text": String::from_utf8(text).unwrap()}).to_string();
    let r = petrel(&["code", "--quiet"], Some(line.as_bytes()));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let from_json = jsonl(&r.stdout);
    assert_eq!(from_json.len(), from_text.len());
    assert!(from_json.iter().all(|e| e["doc_id"] == "d1"));
}

/// Stderr lines that report an error diagnostic.
fn error_lines(stderr: &str) -> Vec<&str> {
    stderr.lines().filter(|l| l.contains("error[")).collect()
}

const FIFTY_MB: usize = 50 << 20;

#[test]
fn bad_json_lines_each_get_one_diagnostic_and_the_rest_is_coded() {
    let good = std::fs::read_to_string(article(MEETING)).unwrap();
    let doc = |id: &str| serde_json::json!({"id": id, "date": "2025-04-11", "text": good}).to_string();
    let mut input: Vec<u8> = Vec::new();
    input.extend(doc("first").as_bytes());
    input.push(b'\n');
    input.extend(b"{\"id\": \"latin1\", \"text\": \"caf\xe9 in Z\xfcrich\"}\n"); // line 2: invalid UTF-8
    input.extend(format!("{{\"id\": \"huge\", \"date\": \"2025-04-11\", \"text\": \"{}\"}}\n", "word ".repeat(FIFTY_MB / 5)).as_bytes()); // line 3: a 50 MB line
    input.extend(b"{\"id\": \"empty\", \"text\": \"\"}\n"); // line 4: empty document
    input.extend(b"{\"id\": \"typed\", \"text\": 42}\n"); // line 5: wrong type
    input.extend(doc("last").as_bytes());
    input.push(b'\n');
    let dir = temp_dir("bad-jsonl");
    let path = dir.join("docs.jsonl");
    std::fs::write(&path, &input).unwrap();
    let p = path.to_str().unwrap();
    let r = petrel(&["code", "--quiet", p], None);
    assert_eq!(r.code, 1, "bad documents make the exit code 1: {}", r.stderr);
    let errors = error_lines(&r.stderr);
    assert_eq!(errors.len(), 4, "one diagnostic per bad document:\n{}", r.stderr);
    let expect = [(format!("{p}:2:"), "I002"), ("huge:1:".to_string(), "E002"), (format!("{p}:4:"), "I004"), (format!("{p}:5:"), "I013")];
    for (at, code) in &expect {
        assert!(errors.iter().any(|l| l.starts_with(at.as_str()) && l.contains(code)), "no {code} at {at}:\n{}", r.stderr);
    }
    let events = jsonl(&r.stdout);
    for id in ["first", "last"] {
        assert!(events.iter().any(|e| e["doc_id"] == id), "document {id} is still coded");
    }
    assert!(events.iter().all(|e| e["doc_id"] == "first" || e["doc_id"] == "last"));
}

#[test]
fn bad_text_files_each_get_one_diagnostic_and_the_rest_is_coded() {
    let dir = temp_dir("bad-text");
    std::fs::copy(article(MEETING), dir.join("2025-04-11-a-good.txt")).unwrap();
    std::fs::write(dir.join("2025-04-11-b-latin1.txt"), b"The minister met\n the envoy in Z\xfcrich.\n").unwrap();
    std::fs::write(dir.join("2025-04-11-c-empty.txt"), b"").unwrap();
    // A 50 MB line between two ordinary paragraphs: the line is reported, the paragraphs coded.
    let good = std::fs::read_to_string(article(MEETING)).unwrap();
    let huge = format!("{good}\n{}\n\n{good}", "word ".repeat(FIFTY_MB / 5));
    std::fs::write(dir.join("2025-04-11-d-huge.txt"), huge).unwrap();
    std::fs::write(dir.join("2025-04-11-e-binary.txt"), b"\x00\x01\x02garbage").unwrap();
    std::fs::copy(article(MEETING), dir.join("2025-04-11-f-good.txt")).unwrap();
    let r = petrel(&["code", "--quiet", "--dedup", "none", dir.to_str().unwrap()], None);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let errors = error_lines(&r.stderr);
    assert_eq!(errors.len(), 4, "one diagnostic per bad document:\n{}", r.stderr);
    for (file, code) in [("b-latin1.txt:2:", "I002"), ("c-empty.txt", "I004"), ("d-huge.txt:", "E002"), ("e-binary.txt", "I003")] {
        assert!(errors.iter().any(|l| l.contains(file) && l.contains(code)), "no {code} for {file}:\n{}", r.stderr);
    }
    let events = jsonl(&r.stdout);
    let per_doc = events.iter().fold(HashMap::new(), |mut m: HashMap<String, usize>, e| {
        *m.entry(e["doc_id"].as_str().unwrap().to_string()).or_default() += 1;
        m
    });
    assert!(per_doc.contains_key("2025-04-11-a-good.txt") && per_doc.contains_key("2025-04-11-f-good.txt"), "{per_doc:?}");
    // The huge file's two ordinary paragraphs are coded, with spans into the whole file.
    assert!(per_doc.contains_key("2025-04-11-d-huge.txt"), "{per_doc:?}");
    let huge_events: Vec<&Value> = events.iter().filter(|e| e["doc_id"] == "2025-04-11-d-huge.txt").collect();
    let starts: Vec<usize> = huge_events.iter().map(|e| e["evidence"]["sentence_span"][0].as_u64().unwrap() as usize).collect();
    assert!(starts.iter().any(|&s| s < good.len()) && starts.iter().any(|&s| s > FIFTY_MB), "both paragraphs are coded: {starts:?}");
    let first: Vec<_> = huge_events.iter().filter(|e| (e["evidence"]["sentence_span"][0].as_u64().unwrap() as usize) < good.len()).map(|e| key(e)).collect();
    let second: Vec<_> = huge_events.iter().filter(|e| (e["evidence"]["sentence_span"][0].as_u64().unwrap() as usize) > FIFTY_MB).map(|e| key(e)).collect();
    assert_eq!(first, second, "the paragraph after the long line codes as it does alone");
}

/// One event the issue lists for the demo article.
struct Want {
    what: &'static str,
    /// Actor-code prefixes ("" = any).
    source: &'static str,
    target: &'static str,
    /// CAMEO code prefix.
    code: &'static str,
    /// Exact date, `<DATE` for "before DATE", "" for any.
    date: &'static str,
    place: &'static str,
    /// Words of the article sentence the event must come from.
    sentence: &'static str,
}

const DEMO_EVENTS: &[Want] = &[
    Want { what: "the Witkoff-Putin meeting", source: "USA", target: "RUS", code: "04", date: "2025-04-11", place: "Saint Petersburg", sentence: "met with Russian President Vladimir Putin" },
    Want { what: "Trump urging Moscow toward a ceasefire", source: "USAGOV", target: "RUS", code: "02", date: "", place: "", sentence: "urged Moscow" },
    Want { what: "the 50-nation pledge of military aid to Ukraine", source: "", target: "UKR", code: "03", date: "", place: "Brussels", sentence: "50 nations pledged" },
    Want { what: "the Witkoff-Dmitriev meeting", source: "USA", target: "RUS", code: "04", date: "", place: "", sentence: "sat down with Kirill Dmitriev" },
    Want { what: "Dmitriev's visit to Washington the week before", source: "RUS", target: "USA", code: "04", date: "<2025-04-11", place: "", sentence: "had visited Washington" },
    Want { what: "Russia's demand that sanctions be lifted", source: "RUS", target: "", code: "10", date: "", place: "", sentence: "Russia demanded the lifting of sanctions" },
    Want { what: "Trump's anger at Putin", source: "USAGOV", target: "RUS", code: "11", date: "", place: "", sentence: "very angry" },
    Want { what: "the release of Ksenia Karelina", source: "RUS", target: "USA", code: "08", date: "2025-04-10", place: "", sentence: "was released Thursday morning" },
];

fn span_of(v: &Value) -> Option<(usize, usize)> {
    let a = v.as_array()?;
    Some((a.first()?.as_u64()? as usize, a.get(1)?.as_u64()? as usize))
}

/// Issue 4's acceptance on the reference article, run exactly as the issue says. The article is
/// copyrighted and never copied into the repository: without `../shared` the test says so and
/// passes.
#[test]
fn demo_article_yields_the_issue_events() {
    let path = repo().join("../shared/data/demo/witkoff-putin.txt");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: the demo article {} is not here (it is not part of the repository)", path.display());
        return;
    };
    let r = petrel(&["code", "--quiet", path.to_str().unwrap(), "--date", "2025-04-11"], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let events = jsonl(&r.stdout);
    let sentence_of = |e: &Value| span_of(&e["evidence"]["sentence_span"]).and_then(|(s, t)| text.get(s..t)).unwrap_or("").to_string();
    let show = |e: &Value| {
        format!(
            "{} {} {} date={} place={} modality={} verb={:?} sentence={:?}",
            code_of(e, "source"),
            e["cameo"]["code"].as_str().unwrap_or(""),
            code_of(e, "target"),
            e["date"].as_str().unwrap_or(""),
            e["place"]["name"].as_str().unwrap_or("-"),
            e["modality"],
            e["evidence"]["verb"]["text"].as_str().unwrap_or(""),
            sentence_of(e).chars().take(60).collect::<String>()
        )
    };
    let mut missing = Vec::new();
    for w in DEMO_EVENTS {
        let hit = events.iter().find(|e| {
            code_of(e, "source").starts_with(w.source)
                && code_of(e, "target").starts_with(w.target)
                && e["cameo"]["code"].as_str().unwrap_or("").starts_with(w.code)
                && match w.date.strip_prefix('<') {
                    Some(before) => e["date"].as_str().unwrap_or("9") < before,
                    None => w.date.is_empty() || e["date"] == w.date,
                }
                && (w.place.is_empty() || e["place"]["name"] == w.place)
                && sentence_of(e).contains(w.sentence)
        });
        match hit {
            None => missing.push(w.what),
            Some(e) => {
                // Each with its sentence and spans: every span slices the article.
                for (v, t) in [(&e["evidence"]["verb"]["span"], &e["evidence"]["verb"]["text"]), (&e["source"]["span"], &e["source"]["text"]), (&e["target"]["span"], &e["target"]["text"])] {
                    if let (Some((s, t2)), Some(t)) = (span_of(v), t.as_str()) {
                        assert_eq!(text.get(s..t2), Some(t), "{}: span {s}..{t2}", w.what);
                    }
                }
            }
        }
    }
    // The 2022 invasion is background: marked historical, never a 2025 event.
    for e in &events {
        if e["evidence"]["verb"]["text"] == "launched" || e["cameo"]["root"] == "19" && code_of(e, "target").starts_with("UKR") {
            assert!(!e["date"].as_str().unwrap().starts_with("2025"), "the 2022 invasion coded as a 2025 event: {}", show(e));
        }
    }
    // Trump is USAGOV on 2025-04-11, whatever "former President" says.
    for e in &events {
        for side in ["source", "target"] {
            if e[side]["text"].as_str().unwrap_or("").contains("Trump") {
                assert_eq!(code_of(e, side), "USAGOV", "{}", show(e));
            }
        }
    }
    let got: Vec<String> = events.iter().map(show).collect();
    assert!(missing.is_empty(), "missing from the demo article: {missing:?}\ngot:\n{}", got.join("\n"));
}

#[test]
fn one_sided_events_unless_dyads_only() {
    let p = article("2025-04-11-aid-pledge.txt");
    let p = p.to_str().unwrap();
    let one_sided = |e: &Value| ["source", "target"].iter().any(|s| matches!(code_of(e, s).as_str(), "" | "---"));
    let all = jsonl(&petrel(&["code", "--quiet", p], None).stdout);
    assert!(all.iter().any(one_sided), "\"fifty nations pledged aid to Ukraine\" is coded with one side: {all:?}");
    assert!(all.iter().all(|e| !(matches!(code_of(e, "source").as_str(), "" | "---") && matches!(code_of(e, "target").as_str(), "" | "---"))), "never with no side");
    let r = petrel(&["code", "--quiet", "--dyads-only", p], None);
    assert_eq!(r.code, 0);
    assert!(jsonl(&r.stdout).iter().all(|e| !one_sided(e)));
}

/// The README's first command on its example article: every event it prints, by its verb.
/// (verb as written, source prefix, CAMEO prefix, target prefix or `-` for none, place or "",
/// reported?). No other event may be coded.
const README_EXAMPLE: &[(&str, &str, &str, &str, &str, bool)] = &[
    // Headline "Envoy meets Putin ...": an envoy of no named country (`---GOV`) meets Putin.
    ("meets", "---GOV", "04", "RUS", "", false),
    // Headline: "as Washington presses" was hung on Putin, who became the subject.
    ("presses", "USA", "02", "-", "", false),
    ("met", "USA", "04", "RUS", "Saint Petersburg", true),
    // "..., the Kremlin said, as Washington pressed Moscow": the `as` clause is not what the
    // Kremlin said (no 030 from its "agree", no target Washington, not reported).
    ("pressed", "USA", "1", "RUS", "", false),
    ("urged", "USAGOV", "02", "RUS", "", false),
    // "In Brussels, defence ministers from NATO countries": Brussels is where, NATO who.
    ("pledged", "IGOWSTNAT", "03", "UKR", "Brussels", false),
    ("thanked", "UKRGOV", "05", "-", "", false),
    ("accused", "UKRGOV", "11", "RUS", "", false),
    // "accused Russia of shelling": the accused shells.
    ("shelling", "RUS", "19", "UKR", "", false),
    ("released", "RUS", "08", "USA", "", false),
    ("mediated", "ARE", "08", "-", "", false),
];

#[test]
fn readme_example_article() {
    let r = petrel(&["code", "--quiet", "examples/articles/2025-04-11-envoy-ceasefire.txt", "--date", "2025-04-11"], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let events = jsonl(&r.stdout);
    let show = |e: &Value| {
        format!(
            "{} {} {} verb={} place={} modality={}",
            code_of(e, "source"),
            e["cameo"]["code"].as_str().unwrap_or(""),
            code_of(e, "target"),
            e["evidence"]["verb"]["text"].as_str().unwrap_or(""),
            e["place"]["name"].as_str().unwrap_or("-"),
            e["modality"]
        )
    };
    let mut wrong = Vec::new();
    for e in &events {
        let verb = e["evidence"]["verb"]["text"].as_str().unwrap_or("");
        let Some(&(_, source, code, target, place, reported)) = README_EXAMPLE.iter().find(|w| w.0 == verb) else {
            wrong.push(format!("unexpected: {}", show(e)));
            continue;
        };
        let target_ok = match target {
            "-" => matches!(code_of(e, "target").as_str(), "" | "---"),
            t => code_of(e, "target").starts_with(t),
        };
        let is_reported = e["modality"].as_array().is_some_and(|m| m.iter().any(|x| x == "reported"));
        let ok = code_of(e, "source").starts_with(source)
            && e["cameo"]["code"].as_str().unwrap_or("").starts_with(code)
            && target_ok
            && (place.is_empty() || e["place"]["name"] == place)
            && is_reported == reported;
        if !ok {
            wrong.push(format!("want {source} {code} {target} place={place} reported={reported}, got {}", show(e)));
        }
    }
    for w in README_EXAMPLE {
        if !events.iter().any(|e| e["evidence"]["verb"]["text"] == w.0) {
            wrong.push(format!("missing: {} ({} {} {})", w.0, w.1, w.2, w.3));
        }
    }
    assert!(wrong.is_empty(), "{}\ngot:\n{}", wrong.join("\n"), events.iter().map(show).collect::<Vec<_>>().join("\n"));
}
