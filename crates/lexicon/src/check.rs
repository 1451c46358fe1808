//! `petrel dict check`: read a dictionary file of any kind and return every problem found.
//!
//! The kind is taken from the file name (`verb`/`CAMEO`, `actor`, `agent`, `discard`,
//! `issue`), else guessed from the content, or given explicitly. The checks are the
//! readers' own diagnostics (see the `L0xx` lists in [`crate::actors`], [`crate::agents`],
//! [`crate::discards`], [`crate::issues`] and the `V0xx` list in [`crate::verbs`]), plus:
//! - `L060` (error): the kind could not be determined (use `--kind`);
//! - `L061` (error): the file could not be read.
//!
//! ```
//! use petrel_lexicon::check::{check_bytes, Kind};
//! let d = check_bytes(b"GONDOR [GON]\n\t[GONGOV 950101-941231]\n", "x.actors.txt", None);
//! assert_eq!(d[0].code, "L022");
//! ```

use crate::text::lines;
use crate::{actors, agents, discards, issues, verbs};
use petrel_model::Diagnostic;
use std::path::Path;

/// Dictionary kinds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Verbs,
    Actors,
    Agents,
    Discards,
    Issues,
    /// petrel's officeholder overlay (`data/actors/overlay/*.txt`, `docs/overlay.md`).
    Overlay,
}

impl std::str::FromStr for Kind {
    type Err = String;
    fn from_str(s: &str) -> Result<Kind, String> {
        match s.to_ascii_lowercase().as_str() {
            "verbs" | "verb" => Ok(Kind::Verbs),
            "overlay" => Ok(Kind::Overlay),
            "actors" | "actor" => Ok(Kind::Actors),
            "agents" | "agent" => Ok(Kind::Agents),
            "discards" | "discard" => Ok(Kind::Discards),
            "issues" | "issue" => Ok(Kind::Issues),
            _ => Err(format!("unknown dictionary kind {s:?}: expected verbs, actors, agents, discards or issues")),
        }
    }
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Verbs => "verbs",
            Kind::Actors => "actors",
            Kind::Agents => "agents",
            Kind::Discards => "discards",
            Kind::Issues => "issues",
            Kind::Overlay => "overlay",
        }
    }
}

/// The kind from a file name, else from the first 64 KiB of content.
pub fn detect_kind(name: &str, bytes: &[u8]) -> Option<Kind> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name).to_ascii_lowercase();
    if name.to_ascii_lowercase().contains("overlay") {
        return Some(Kind::Overlay);
    }
    for (key, kind) in [
        ("verb", Kind::Verbs),
        ("cameo", Kind::Verbs),
        ("actor", Kind::Actors),
        ("agent", Kind::Agents),
        ("discard", Kind::Discards),
        ("issue", Kind::Issues),
    ] {
        if base.contains(key) {
            return Some(kind);
        }
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(65536)]);
    if head.contains("<ISSUE") {
        return Some(Kind::Issues);
    }
    if head.lines().any(|l| l.starts_with("---") && l.trim_end().ends_with("---")) || head.lines().any(|l| l.starts_with("- ")) {
        return Some(Kind::Verbs);
    }
    if head.contains("[~") || head.contains("~]") || head.lines().any(|l| l.starts_with('!') && l.contains('=')) {
        return Some(Kind::Agents);
    }
    if head.lines().any(|l| l.trim_start().starts_with('[') || (l.contains('[') && l.contains(']'))) {
        return Some(Kind::Actors);
    }
    None
}

/// Check bytes already read; `name` is used in messages and for kind detection.
pub fn check_bytes(bytes: &[u8], name: &str, kind: Option<Kind>) -> Vec<Diagnostic> {
    let Some(kind) = kind.or_else(|| detect_kind(name, bytes)) else {
        return vec![Diagnostic::error(
            "L060",
            "cannot tell the dictionary kind from the name or content; use --kind verbs|actors|agents|discards|issues|overlay",
        )
        .in_file(name)];
    };
    match kind {
        Kind::Actors => actors::parse(bytes, name).1,
        Kind::Agents => agents::parse(bytes, name).1,
        Kind::Discards => discards::parse(bytes, name).1,
        Kind::Issues => issues::parse(bytes, name).1,
        Kind::Overlay => crate::overlay::parse(&String::from_utf8_lossy(bytes), name).1,
        Kind::Verbs => {
            let mut d = Vec::new();
            let _ = lines(bytes, name, &mut d);
            let text = String::from_utf8_lossy(bytes);
            let mut vd = verbs::parse(&text, name).1;
            supplement_synsets(&mut vd);
            d.extend(vd);
            d
        }
    }
}

/// A verb file read after the embedded `CAMEO.2.0.txt` (as `petrel.verbs.txt` is) may use its
/// synsets: an undefined synset that the embedded file defines is a note, not an error.
fn supplement_synsets(diags: &mut [Diagnostic]) {
    if !diags.iter().any(|d| d.code == "V001") {
        return;
    }
    let Some((file, gz)) = crate::snapshot::embedded_files::VERBS.first() else { return };
    let mut ignored = Vec::new();
    let base = String::from_utf8_lossy(&crate::snapshot::embedded_bytes(file, gz, &mut ignored)).into_owned();
    let (base, _) = verbs::parse(&base, file);
    for d in diags.iter_mut().filter(|d| d.code == "V001") {
        let synset = d.message.strip_prefix("undefined synset ").and_then(|m| m.split([' ', ':']).next());
        if synset.is_some_and(|s| base.synsets.contains_key(s)) {
            d.severity = petrel_model::Severity::Info;
            d.message.push_str(&format!(" here, but defined in the embedded {file}: fine for a supplement read after it"));
        }
    }
}

/// Check one file (kind detected). An unreadable file gives one `L061` diagnostic.
pub fn check(path: &Path) -> Vec<Diagnostic> {
    check_as(path, None)
}

/// Check one file as `kind` (detected when `None`).
pub fn check_as(path: &Path, kind: Option<Kind>) -> Vec<Diagnostic> {
    let name = path.display().to_string();
    match std::fs::read(path) {
        Ok(b) => check_bytes(&b, &name, kind),
        Err(e) => vec![Diagnostic::error("L061", format!("cannot read the file: {e}")).in_file(name)],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use petrel_model::Severity;

    #[test]
    fn a_supplement_may_use_the_embedded_synsets() {
        let text = b"--- URGE [020] ---\nURGE\n- * &CEASEFIRE [0256]\n- * &NO_SUCH_SYNSET [020]\n";
        let d = check_bytes(text, "mine.verbs.txt", Some(Kind::Verbs));
        let v001: Vec<_> = d.iter().filter(|d| d.code == "V001").collect();
        assert_eq!(v001.len(), 2, "{d:?}");
        assert_eq!(v001[0].severity, Severity::Info, "{}", v001[0].message);
        assert!(v001[0].message.contains("CAMEO.2.0.txt"));
        assert_eq!(v001[1].severity, Severity::Error, "{}", v001[1].message);
    }
}
