//! `petrel dict check FILE...`: print every problem in dictionary files as
//! `file:line: severity[CODE]: message`, then a summary; exit 1 when there are errors.

use petrel_lexicon::check::{check_as, Kind};
use petrel_model::Severity;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// Dictionary files (verbs, actors, agents, discards or issues; the kind is detected
    /// from the name or content).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Read every file as this kind: verbs, actors, agents, discards or issues.
    #[arg(long, value_parser = parse_kind)]
    pub kind: Option<Kind>,
    /// Print only errors (warnings are still counted in the summary).
    #[arg(long)]
    pub errors_only: bool,
    /// Also print notes (harmless findings such as duplicates with identical codes);
    /// by default they are only counted.
    #[arg(long)]
    pub notes: bool,
}

fn parse_kind(s: &str) -> Result<Kind, String> {
    s.parse()
}

pub fn run(args: Args) -> anyhow::Result<i32> {
    let mut out = std::io::stdout().lock();
    let (mut errors, mut warnings, mut infos) = (0usize, 0usize, 0usize);
    let mut by_code: BTreeMap<&'static str, usize> = BTreeMap::new();
    for f in &args.files {
        for d in check_as(f, args.kind) {
            *by_code.entry(d.code).or_default() += 1;
            match d.severity {
                Severity::Error => errors += 1,
                Severity::Warning => warnings += 1,
                Severity::Info => infos += 1,
            }
            let show = match d.severity {
                Severity::Error => true,
                Severity::Warning => !args.errors_only,
                Severity::Info => args.notes && !args.errors_only,
            };
            // A closed pipe (`| head`) ends the output quietly; other write errors are real.
            if show && !emit(&mut out, &d.to_string())? {
                return Ok(if errors > 0 { 1 } else { 0 });
            }
        }
    }
    let codes: Vec<String> = by_code.iter().map(|(c, n)| format!("{c} {n}")).collect();
    let summary = format!(
        "checked {} file(s): {errors} error(s), {warnings} warning(s), {infos} note(s){}{}",
        args.files.len(),
        if codes.is_empty() { "" } else { "; by code: " },
        codes.join(", ")
    );
    emit(&mut out, &summary)?;
    Ok(if errors > 0 { 1 } else { 0 })
}

/// Write one line; `Ok(false)` when the reader has gone away (broken pipe).
pub(crate) fn emit(out: &mut impl Write, line: &str) -> anyhow::Result<bool> {
    match writeln!(out, "{line}") {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(false),
        Err(e) => Err(anyhow::Error::new(e).context("writing to stdout")),
    }
}
