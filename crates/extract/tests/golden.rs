//! Golden articles (`tests/golden/articles/*.extract`): quotations with speakers, amounts and
//! names expected from articles the team wrote. Format: `tests/golden/README.md`.

use petrel_extract::{extract, Extraction};
use std::path::{Path, PathBuf};

/// `key "quoted" k=v k=v` -> (key, quoted, [(k, v)]).
fn split_line(line: &str) -> Option<(String, String, Vec<(String, String)>)> {
    let (key, rest) = line.split_once(' ')?;
    let rest = rest.trim_start().strip_prefix('"')?;
    let (quoted, rest) = rest.split_once('"')?;
    let kvs = rest.split_whitespace().filter_map(|kv| kv.split_once('=')).map(|(k, v)| (k.to_string(), v.replace('_', " "))).collect();
    Some((key.to_string(), quoted.to_string(), kvs))
}

fn check(ex: &Extraction, line: &str) -> Result<(), String> {
    let (key, quoted, kvs) = split_line(line).ok_or_else(|| "malformed line".to_string())?;
    let get = |k: &str| kvs.iter().find(|(kk, _)| kk == k).map(|(_, v)| v.as_str());
    match key.as_str() {
        "quote" => {
            let q = ex.quotes.iter().find(|q| q.text.starts_with(&quoted)).ok_or("no such quotation")?;
            match (get("speaker"), &q.speaker) {
                (Some("-"), None) | (None, _) => Ok(()),
                (Some("-"), Some(s)) => Err(format!("expected no speaker, got {}", s.name)),
                (Some(want), Some(s)) if s.name.contains(want) || s.text.contains(want) => Ok(()),
                (Some(want), got) => Err(format!("speaker {:?}, expected {want}", got.as_ref().map(|s| &s.name))),
            }
        }
        "amount" => {
            let a = ex.amounts.iter().find(|a| a.text == quoted).ok_or_else(|| format!("no such amount among {:?}", ex.amounts.iter().map(|a| &a.text).collect::<Vec<_>>()))?;
            if let Some(v) = get("value") {
                let v: f64 = v.parse().map_err(|_| "bad value")?;
                if (a.value - v).abs() > 1e-6 * v.abs().max(1.0) {
                    return Err(format!("value {}, expected {v}", a.value));
                }
            }
            if let Some(u) = get("unit") {
                if a.unit != u {
                    return Err(format!("unit {}, expected {u}", a.unit));
                }
            }
            if let Some(o) = get("object") {
                if a.object.as_deref() != Some(o) {
                    return Err(format!("object {:?}, expected {o}", a.object));
                }
            }
            Ok(())
        }
        "name" => {
            let n = ex.names.iter().find(|n| n.text.contains(&quoted)).ok_or("no such name")?;
            if let Some(c) = get("code") {
                if !n.code.as_deref().map_or(false, |got| got.starts_with(c)) {
                    return Err(format!("code {:?}, expected {c}", n.code));
                }
            }
            if let Some(k) = get("kind") {
                if n.kind != k {
                    return Err(format!("kind {}, expected {k}", n.kind));
                }
            }
            Ok(())
        }
        _ => Err(format!("unknown key {key}")),
    }
}

#[test]
fn golden_extractions() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/golden/articles");
    let lexicon = petrel_lexicon::Lexicon::embedded().0;
    let nlp = petrel_nlp::Pipeline::embedded().unwrap();
    let gaz = petrel_geo::Gazetteer::embedded();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().map_or(false, |e| e == "extract")).collect();
    files.sort();
    assert!(files.len() >= 20, "expected at least 20 golden extraction files, found {}", files.len());
    let mut failures = Vec::new();
    let mut checked = 0;
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(path.with_extension("txt")).unwrap();
        let date = petrel_ingest::date_in_file_name(&name).expect("file name starts with a date");
        let ex = extract(&name, &text, &nlp.analyze(&text), date, &lexicon, gaz);
        for (n, line) in std::fs::read_to_string(&path).unwrap().lines().enumerate() {
            let line = line.split(" #").next().unwrap().trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            checked += 1;
            if let Err(e) = check(&ex, line) {
                failures.push(format!("{name}:{}: {line}\n    {e}", n + 1));
            }
        }
    }
    assert!(failures.is_empty(), "{} of {checked} expectations failed:\n{}", failures.len(), failures.join("\n"));
}
