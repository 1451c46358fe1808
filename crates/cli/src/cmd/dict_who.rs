//! `petrel dict who "NAME" --date YYYY-MM-DD`: which actor code a name gets on a date, and the
//! dictionary line that decided it.
//!
//! The name is matched like article text: split into words and looked up in the compiled actor
//! dictionary (embedded Phoenix actors plus the officeholder overlay, later entries winning).
//! A name that is exactly a dictionary phrase is reported alone; otherwise every actor phrase
//! found inside it is reported (so `"Russian President Vladimir Putin said"` works too).
//! For overlay entries the exact code line (`file:line`) and its titles are shown; for
//! PETRARCH entries the entry's line. Exit 0 when the name is known, 1 when it is not, 2 on a
//! usage error (bad date, unreadable file).

use anyhow::Context;
use chrono::NaiveDate;
use petrel_lexicon::actors::{self, ActorDict};
use petrel_lexicon::overlay::{self, OverlayEntry};
use petrel_lexicon::types::ActorEntry;
use petrel_lexicon::Lexicon;
use petrel_model::{Diagnostic, Severity};
use std::collections::HashMap;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// The name as it appears in text ("Trump", "Russian Foreign Minister Sergei Lavrov").
    pub name: String,
    /// The date the code is wanted for (YYYY-MM-DD); default: today.
    #[arg(long)]
    pub date: Option<String>,
    /// PETRARCH actor files to use instead of the embedded Phoenix actors and overlay.
    #[arg(long, num_args = 1..)]
    pub actors: Vec<PathBuf>,
    /// Overlay-format files (docs/overlay.md) appended last, so they win.
    #[arg(long, num_args = 1..)]
    pub overlay: Vec<PathBuf>,
    /// Print one JSON object per matched actor instead of text.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: Args) -> anyhow::Result<i32> {
    let date = match &args.date {
        None => chrono::Local::now().date_naive(),
        Some(s) => match NaiveDate::parse_from_str(s, "%Y-%m-%d") {
            Ok(d) => d,
            Err(_) => {
                eprintln!("error: --date expects YYYY-MM-DD, found `{s}`");
                return Ok(2);
            }
        },
    };

    // The dictionary: explicit PETRARCH files, or the embedded lexicon's actors.
    let mut diags: Vec<Diagnostic> = Vec::new();
    let mut dict = if args.actors.is_empty() {
        let (lex, d) = Lexicon::embedded();
        // Embedded data problems are the maintainers' business (`petrel dict check`); only
        // errors are counted here.
        let errors = d.iter().filter(|x| x.severity == Severity::Error).count();
        if errors > 0 {
            eprintln!(
                "note: the embedded dictionaries have {errors} error(s); see `petrel dict check`"
            );
        }
        lex.actors
    } else {
        let mut entries = Vec::new();
        for p in &args.actors {
            let bytes =
                std::fs::read(p).with_context(|| format!("reading actor file {}", p.display()));
            let bytes = match bytes {
                Ok(b) => b,
                Err(e) => {
                    eprintln!("error: {e:#}");
                    return Ok(2);
                }
            };
            let (mut e, mut d) = actors::parse(&bytes, &p.display().to_string());
            entries.append(&mut e);
            diags.append(&mut d);
        }
        ActorDict::from_entries(entries)
    };

    // Overlay details (exact code lines) for the embedded overlay and any --overlay files.
    let mut details: Vec<OverlayEntry> = Vec::new();
    if args.actors.is_empty() {
        details.extend(overlay::embedded_detailed().0);
    }
    if !args.overlay.is_empty() {
        let mut texts = Vec::new();
        for p in &args.overlay {
            match std::fs::read(p) {
                Ok(b) => {
                    let text = String::from_utf8_lossy(&b).into_owned();
                    if std::str::from_utf8(&b).is_err() {
                        diags.push(
                            Diagnostic::warning(
                                "O012",
                                "file is not valid UTF-8; bad bytes read as U+FFFD",
                            )
                            .in_file(p.display().to_string()),
                        );
                    }
                    texts.push((p.display().to_string(), text));
                }
                Err(e) => {
                    eprintln!("error: reading overlay file {}: {e}", p.display());
                    return Ok(2);
                }
            }
        }
        let refs: Vec<(&str, &str)> = texts
            .iter()
            .map(|(f, t)| (f.as_str(), t.as_str()))
            .collect();
        let (entries, mut d) = overlay::parse_detailed(&refs);
        diags.append(&mut d);
        dict.extend(entries.iter().map(|e| e.entry.clone()).collect());
        details.extend(entries);
    }
    for d in &diags {
        eprintln!("{d}");
    }
    let by_origin: HashMap<(&str, u32), &OverlayEntry> = details
        .iter()
        .map(|e| ((e.entry.origin.file.as_str(), e.entry.origin.line), e))
        .collect();

    // Match: the whole name first, else every phrase inside it.
    let words: Vec<&str> = args.name.split_whitespace().collect();
    let mut hits: Vec<(usize, usize, &ActorEntry)> = Vec::new();
    match dict.longest_at(&words, 0) {
        Some((n, id)) if n == words.len() => hits.push((0, n, dict.entry(id))),
        _ => {
            for h in dict.find_all(&words) {
                hits.push((h.start, h.len, dict.entry(h.id)));
            }
        }
    }
    if hits.is_empty() {
        eprintln!(
            "`{}` is not a known actor name{} (names are matched as whole words, case-insensitively)",
            args.name,
            if args.actors.is_empty() { " in the embedded Phoenix dictionaries or the overlay" } else { " in the given actor files" }
        );
        return Ok(1);
    }

    for (start, len, entry) in hits {
        let matched = words[start..start + len].join(" ");
        let detail = by_origin
            .get(&(entry.origin.file.as_str(), entry.origin.line))
            .copied();
        if args.json {
            println!("{}", json_report(&matched, entry, detail, date));
        } else {
            print!("{}", text_report(&matched, entry, detail, date));
        }
    }
    Ok(0)
}

fn range_text(from: Option<NaiveDate>, to: Option<NaiveDate>) -> String {
    match (from, to) {
        (None, None) => "always (fallback)".to_string(),
        (Some(f), None) => format!("from {f}"),
        (None, Some(t)) => format!("until {t} inclusive"),
        (Some(f), Some(t)) => format!("{f} to {t} inclusive"),
    }
}

/// Where code `i` of `entry` was written: the overlay line when known, else the entry's line.
fn code_origin(entry: &ActorEntry, detail: Option<&OverlayEntry>, i: usize) -> String {
    match detail.and_then(|d| d.code_lines.get(i)) {
        Some(l) => format!("{}:{l}", entry.origin.file),
        None => format!("{}:{}", entry.origin.file, entry.origin.line),
    }
}

fn titles_of(detail: Option<&OverlayEntry>, i: usize) -> String {
    detail
        .and_then(|d| d.titles.get(i))
        .filter(|t| !t.is_empty())
        .map(|t| format!("  ({})", t.join("; ")))
        .unwrap_or_default()
}

fn decided_index(entry: &ActorEntry, date: NaiveDate) -> Option<usize> {
    entry
        .codes
        .iter()
        .position(|c| c.is_restricted() && c.contains(date))
        .or_else(|| entry.codes.iter().position(|c| !c.is_restricted()))
}

fn text_report(
    matched: &str,
    entry: &ActorEntry,
    detail: Option<&OverlayEntry>,
    date: NaiveDate,
) -> String {
    let mut out = String::new();
    let name = detail
        .map(|d| d.display.clone())
        .unwrap_or_else(|| entry.name.clone());
    out.push_str(&format!(
        "\"{matched}\" -> {name}   (entry at {}:{})\n",
        entry.origin.file, entry.origin.line
    ));
    match decided_index(entry, date) {
        Some(i) => {
            let c = &entry.codes[i];
            out.push_str(&format!(
                "  on {date}: {}   decided by {}  [{}]{}\n",
                c.code,
                code_origin(entry, detail, i),
                range_text(c.from, c.to),
                titles_of(detail, i)
            ));
        }
        None => out.push_str(&format!(
            "  on {date}: no code applies (no range contains the date and no fallback)\n"
        )),
    }
    let decided = decided_index(entry, date);
    let others: Vec<usize> = (0..entry.codes.len())
        .filter(|&i| Some(i) != decided)
        .collect();
    if !others.is_empty() {
        out.push_str("  other codes:\n");
        for i in others {
            let c = &entry.codes[i];
            out.push_str(&format!(
                "    {:<12} {:<36} {}{}\n",
                c.code,
                range_text(c.from, c.to),
                code_origin(entry, detail, i),
                titles_of(detail, i)
            ));
        }
    }
    out
}

fn json_report(
    matched: &str,
    entry: &ActorEntry,
    detail: Option<&OverlayEntry>,
    date: NaiveDate,
) -> String {
    let codes: Vec<serde_json::Value> = entry
        .codes
        .iter()
        .enumerate()
        .map(|(i, c)| {
            serde_json::json!({
                "code": c.code,
                "from": c.from.map(|d| d.to_string()),
                "to_inclusive": c.to.map(|d| d.to_string()),
                "origin": code_origin(entry, detail, i),
                "titles": detail.and_then(|d| d.titles.get(i)).cloned().unwrap_or_default(),
            })
        })
        .collect();
    let decided = decided_index(entry, date);
    serde_json::json!({
        "query": matched,
        "entry": entry.name,
        "entry_origin": format!("{}:{}", entry.origin.file, entry.origin.line),
        "date": date.to_string(),
        "code": decided.map(|i| entry.codes[i].code.clone()),
        "decided_by": decided.map(|i| code_origin(entry, detail, i)),
        "codes": codes,
    })
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn report_names_the_deciding_overlay_line() {
        let (entries, diags) = overlay::parse_detailed(&[(
            "o.txt",
            "# c\nDonald Trump\n  USAGOV 2025-01-20.. President\n  USAELI 2021-01-20..2025-01-20\n  USAGOV 2017-01-20..2021-01-20 President\n  USAELI\n",
        )]);
        assert!(diags.is_empty());
        let e = &entries[0];
        let r = text_report("Trump", &e.entry, Some(e), day("2025-04-11"));
        assert!(
            r.contains(
                "on 2025-04-11: USAGOV   decided by o.txt:3  [from 2025-01-20]  (President)"
            ),
            "{r}"
        );
        let r = text_report("Trump", &e.entry, Some(e), day("2022-06-01"));
        assert!(
            r.contains(
                "on 2022-06-01: USAELI   decided by o.txt:4  [2021-01-20 to 2025-01-19 inclusive]"
            ),
            "{r}"
        );
        let j = json_report("Trump", &e.entry, Some(e), day("2010-01-01"));
        let v: serde_json::Value = serde_json::from_str(&j).unwrap();
        assert_eq!(v["code"], "USAELI");
        assert_eq!(v["decided_by"], "o.txt:6");
    }
}
