//! Bad documents each give one clear diagnostic; the rest of the input is still read.

use petrel_ingest::{Ingest, IngestOptions, InputKind, Item};
use std::path::PathBuf;

fn tmpdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("petrel-ingest-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn opts() -> IngestOptions {
    IngestOptions { today: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(), ..Default::default() }
}

fn collect(inputs: Vec<PathBuf>, o: IngestOptions) -> (Vec<String>, Vec<String>) {
    let mut ok = Vec::new();
    let mut bad = Vec::new();
    for item in Ingest::new(inputs.into_iter().map(Into::into).collect(), o) {
        match item {
            Item::Doc(d, _) => ok.push(format!("{}@{}", d.id, d.date.unwrap())),
            Item::Failed(d) => bad.push(d.to_string()),
        }
    }
    (ok, bad)
}

#[test]
fn jsonl_bad_lines_are_reported_with_line_numbers_and_the_rest_is_read() {
    let dir = tmpdir("jsonl");
    let f = dir.join("docs.jsonl");
    let big = "x ".repeat(25 * 1024 * 1024); // a 50 MB line
    std::fs::write(
        &f,
        format!(
            "{}\n{}\n\n{}\n{}\n{}\n{}\n{}\n",
            r#"{"id": "a", "date": "2025-04-11", "text": "The envoy met the president."}"#,
            r#"{"id": "b", "date": "2025-04-11", "text": 42}"#,
            r#"{"id": "c", "date": "April", "text": "x"}"#,
            r#"{"id": "d", "text": "broken"#,
            r#"["not", "an", "object"]"#,
            format!(r#"{{"id": 7, "date": "2025-04-10", "text": "{big}"}}"#),
            r#"{"id": "e", "date": "2025-04-11T10:00:00Z", "text": "Last one."}"#,
        ),
    )
    .unwrap();
    let (ok, bad) = collect(vec![f.clone()], opts());
    assert_eq!(ok, vec!["a@2025-04-11", "7@2025-04-10", "e@2025-04-11"]);
    assert_eq!(bad.len(), 4, "{bad:#?}");
    assert!(bad[0].contains("docs.jsonl:2") && bad[0].contains("`text` must be a string, found a number"), "{}", bad[0]);
    assert!(bad[1].contains("docs.jsonl:4") && bad[1].contains("I014"), "{}", bad[1]);
    assert!(bad[2].contains("docs.jsonl:5") && bad[2].contains("I010"), "{}", bad[2]);
    assert!(bad[3].contains("docs.jsonl:6") && bad[3].contains("I011"), "{}", bad[3]);
}

#[test]
fn text_files_invalid_utf8_binary_and_empty_are_reported() {
    let dir = tmpdir("text");
    std::fs::write(dir.join("a-2025-04-11.txt"), "The envoy met the president.").unwrap();
    std::fs::write(dir.join("b.txt"), b"caf\xe9 au lait\n").unwrap();
    std::fs::write(dir.join("c.bin"), b"\x00\x01\x02garbage").unwrap();
    std::fs::write(dir.join("d.txt"), "  \n").unwrap();
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("sub/e.txt"), "WASHINGTON, April 9, 2025 - Talks resumed.").unwrap();
    let (ok, bad) = collect(vec![dir.clone()], opts());
    assert_eq!(ok, vec!["a-2025-04-11.txt@2025-04-11", "e.txt@2025-04-09"]);
    assert_eq!(bad.len(), 3, "{bad:#?}");
    assert!(bad[0].contains("b.txt:1") && bad[0].contains("invalid UTF-8 at byte 3"), "{}", bad[0]);
    assert!(bad[1].contains("c.bin") && bad[1].contains("binary"), "{}", bad[1]);
    assert!(bad[2].contains("d.txt") && bad[2].contains("empty"), "{}", bad[2]);
}

#[test]
fn date_precedence_and_fallback() {
    let dir = tmpdir("dates");
    let f = dir.join("2024-01-02-note.txt");
    std::fs::write(&f, "March 3, 2023\nText.").unwrap();
    let g = dir.join("undated.txt");
    std::fs::write(&g, "Text without any date.").unwrap();
    let (ok, _) = collect(vec![f.clone(), g.clone()], opts());
    assert_eq!(ok, vec!["2024-01-02-note.txt@2024-01-02", "undated.txt@2026-01-01"]);
    let o = IngestOptions { date: chrono::NaiveDate::from_ymd_opt(2025, 4, 11), ..opts() };
    let (ok, _) = collect(vec![f, g], o);
    assert_eq!(ok, vec!["2024-01-02-note.txt@2025-04-11", "undated.txt@2025-04-11"]);
}

#[test]
fn missing_path_is_reported_and_forced_kind_is_honoured() {
    let dir = tmpdir("kind");
    let f = dir.join("docs.txt");
    std::fs::write(&f, "{\"id\": \"x\", \"date\": \"2025-04-11\", \"text\": \"T.\"}\n").unwrap();
    let (ok, bad) = collect(vec![dir.join("nope.txt"), f.clone()], IngestOptions { kind: InputKind::Jsonl, ..opts() });
    assert_eq!(ok, vec!["x@2025-04-11"]);
    assert!(bad[0].contains("nope.txt") && bad[0].contains("I001"), "{}", bad[0]);
}

proptest::proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..400), jsonl in proptest::bool::ANY) {
        let dir = std::env::temp_dir().join(format!("petrel-ingest-prop-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let f = dir.join(if jsonl { "p.jsonl" } else { "p.txt" });
        std::fs::write(&f, &bytes).unwrap();
        for _ in Ingest::new(vec![f.into()], opts()) {}
    }
}
