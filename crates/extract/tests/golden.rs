//! Golden articles: quotations with speakers, amounts and names expected from articles the team
//! wrote. Two folders: `tests/golden/articles/*.extract` (beside the articles the engine's golden
//! test codes) and `crates/extract/tests/articles/*.extract` (articles for extraction only).
//! Format: `tests/golden/README.md`.

use petrel_extract::{extract, Extraction};
use std::path::{Path, PathBuf};

/// `[!]key "quoted" k=v k=v` -> (negated, key, quoted, [(k, v)]).
fn split_line(line: &str) -> Option<(bool, String, String, Vec<(String, String)>)> {
    let (key, rest) = line.split_once(' ')?;
    let (neg, key) = match key.strip_prefix('!') {
        Some(k) => (true, k),
        None => (false, key),
    };
    let rest = rest.trim_start().strip_prefix('"')?;
    let (quoted, rest) = rest.rsplit_once('"')?;
    let kvs = rest.split_whitespace().filter_map(|kv| kv.split_once('=')).map(|(k, v)| (k.to_string(), v.replace('_', " "))).collect();
    Some((neg, key.to_string(), quoted.to_string(), kvs))
}

fn want(what: &str, got: Option<&str>, expected: &str) -> Result<(), String> {
    if got == Some(expected) {
        Ok(())
    } else {
        Err(format!("{what} {got:?}, expected {expected}"))
    }
}

fn check(ex: &Extraction, line: &str) -> Result<(), String> {
    let (neg, key, quoted, kvs) = split_line(line).ok_or_else(|| "malformed line".to_string())?;
    let get = |k: &str| kvs.iter().find(|(kk, _)| kk == k).map(|(_, v)| v.as_str());
    if neg {
        let found = match key.as_str() {
            "quote" => ex.quotes.iter().any(|q| q.text.starts_with(&quoted)),
            "amount" => ex.amounts.iter().any(|a| a.text == quoted),
            "name" => ex.names.iter().any(|n| n.text == quoted),
            _ => return Err(format!("unknown key {key}")),
        };
        return if found { Err(format!("unexpected {key} {quoted:?}")) } else { Ok(()) };
    }
    match key.as_str() {
        "quote" => {
            let q = ex
                .quotes
                .iter()
                .find(|q| q.text.starts_with(&quoted))
                .ok_or_else(|| format!("no such quotation among {:?}", ex.quotes.iter().map(|q| &q.text).collect::<Vec<_>>()))?;
            match (get("speaker"), &q.speaker) {
                (Some("-"), None) | (None, _) => {}
                (Some("-"), Some(s)) => return Err(format!("expected no speaker, got {}", s.name)),
                (Some(want), Some(s)) if s.name.contains(want) || s.text.contains(want) => {}
                (Some(want), got) => return Err(format!("speaker {:?}, expected {want}", got.as_ref().map(|s| &s.name))),
            }
            if let Some(v) = get("verb") {
                want("verb", q.verb.as_ref().map(|v| v.text.as_str()), v)?;
            }
            if let Some(c) = get("code") {
                let got = q.speaker.as_ref().and_then(|s| s.code.as_deref());
                if !got.is_some_and(|g| g.starts_with(c)) {
                    return Err(format!("speaker code {got:?}, expected {c}"));
                }
            }
            Ok(())
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
                want("unit", Some(&a.unit), u)?;
            }
            if let Some(k) = get("kind") {
                want("kind", Some(a.kind), k)?;
            }
            if let Some(o) = get("object") {
                want("object", a.object.as_deref(), o)?;
            }
            if let Some(p) = get("per") {
                want("per", a.per.as_deref(), p)?;
            }
            if let Some(x) = get("approximate") {
                want("approximate", Some(if a.approximate { "true" } else { "false" }), x)?;
            }
            Ok(())
        }
        "name" => {
            let n = ex.names.iter().find(|n| n.text.contains(&quoted)).ok_or_else(|| format!("no such name among {:?}", ex.names.iter().map(|n| &n.text).collect::<Vec<_>>()))?;
            if let Some(c) = get("code") {
                if !n.code.as_deref().is_some_and(|got| got.starts_with(c)) {
                    return Err(format!("code {:?}, expected {c}", n.code));
                }
            }
            if let Some(k) = get("kind") {
                want("kind", Some(n.kind), k)?;
            }
            if let Some(c) = get("country") {
                want("country", n.country.as_deref(), c)?;
            }
            Ok(())
        }
        _ => Err(format!("unknown key {key}")),
    }
}

fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "extract"))
        .collect();
    files.sort();
    files
}

#[test]
fn golden_extractions() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared = files_in(&root.join("../../tests/golden/articles"));
    let own = files_in(&root.join("tests/articles"));
    assert!(shared.len() >= 20, "expected at least 20 golden extraction files, found {}", shared.len());
    let lexicon = petrel_lexicon::Lexicon::embedded().0;
    let nlp = petrel_nlp::Pipeline::embedded().unwrap();
    let gaz = petrel_geo::Gazetteer::embedded();
    let mut failures = Vec::new();
    let mut checked = 0;
    let n_files = shared.len() + own.len();
    for path in shared.into_iter().chain(own) {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(path.with_extension("txt")).unwrap_or_else(|e| panic!("{}: {e}", path.with_extension("txt").display()));
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
    eprintln!("{checked} expectations in {n_files} articles");
    assert!(failures.is_empty(), "{} of {checked} expectations failed:\n{}", failures.len(), failures.join("\n"));
}
