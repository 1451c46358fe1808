//! `petrel eval petr`: run the coder over a PETRARCH validation (unit-test) file and score it.
//!
//! A record is exact when the SET of (source, target, code) it yields equals the expected set
//! (`noevents` and error records must yield none). Prints per-category exact counts and
//! precision/recall/F1 over codings; `--show-failures` prints each failure; `--json` prints one
//! object with `records`, `exact`, `precision`, `recall`, `f1`, `by_category`.

use anyhow::Context;
use petrel_coder::{Coder, CoderOptions};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::fmt::Write as _;
use std::io::Write as _;
use std::sync::Arc;

#[derive(clap::Args)]
pub struct Args {
    /// The validation XML file.
    pub file: PathBuf,
    /// Verb dictionary (default: the `<Verbfile>` of the XML, beside it).
    #[arg(long)]
    pub verbs: Option<PathBuf>,
    #[arg(long)]
    pub actors: Option<PathBuf>,
    #[arg(long)]
    pub agents: Option<PathBuf>,
    #[arg(long)]
    pub discards: Option<PathBuf>,
    /// Print each failing record: expected vs got, with id and text.
    #[arg(long)]
    pub show_failures: bool,
    /// One JSON object on stdout.
    #[arg(long)]
    pub json: bool,
    /// With --show-failures, also print each failing record's dependency tree.
    #[arg(long)]
    pub trees: bool,
    /// Ignore the file's parses: split, tag and parse each record's `<Text>` with petrel's own
    /// models and code that; the given-parse score is printed beside it.
    #[arg(long)]
    pub reparse: bool,
    /// Only records whose id starts with this.
    #[arg(long)]
    pub only: Option<String>,
}

type Triple = (String, String, String);

fn read_dict(explicit: &Option<PathBuf>, env: &Option<String>, base: &Path, what: &str) -> anyhow::Result<(String, String)> {
    let path = match (explicit, env) {
        (Some(p), _) => p.clone(),
        (None, Some(name)) => base.join(name),
        (None, None) => anyhow::bail!("no {what} file: the XML names none; pass --{what}"),
    };
    let bytes = std::fs::read(&path).with_context(|| format!("reading {what} file {}", path.display()))?;
    Ok((String::from_utf8_lossy(&bytes).into_owned(), path.display().to_string()))
}

pub fn run(args: Args) -> anyhow::Result<i32> {
    // Output is gathered and written at once, so a closed pipe (`| head`) is not a panic.
    let mut out = String::new();
    let bytes = std::fs::read(&args.file).with_context(|| format!("reading {}", args.file.display()))?;
    let name = args.file.display().to_string();
    let (vf, diags) = petrel_syntax::validation::read(&bytes, &name);
    let base = args.file.parent().unwrap_or(Path::new(".")).to_path_buf();
    let env = &vf.environment;
    let (vtext, vname) = read_dict(&args.verbs, &env.verbfile, &base, "verbs")?;
    let (atext, aname) = read_dict(&args.actors, &env.actorfile, &base, "actors")?;
    let (gtext, gname) = read_dict(&args.agents, &env.agentfile, &base, "agents")?;
    let dtext = read_dict(&args.discards, &env.discardfile, &base, "discards").map(|d| d.0).unwrap_or_default();
    let vshort = Path::new(&vname).file_name().map(|s| s.to_string_lossy().into_owned()).unwrap_or(vname.clone());
    let (verbs, vdiags) = petrel_lexicon::verbs::parse(&vtext, &vshort);
    let (entries, adiags) = petrel_lexicon::actors::parse(atext.as_bytes(), &aname);
    let (agent_entries, gdiags) = petrel_lexicon::agents::parse(gtext.as_bytes(), &gname);
    let (discard_entries, ddiags) = petrel_lexicon::discards::parse(dtext.as_bytes(), "discards");
    if !args.json {
        for d in diags.iter().chain(&vdiags).chain(&adiags).chain(&gdiags).chain(&ddiags) {
            if d.severity == petrel_model::Severity::Error {
                eprintln!("{d}");
            }
        }
    }
    let lexicon = petrel_lexicon::Lexicon {
        verbs,
        actors: petrel_lexicon::actors::ActorDict::from_entries(entries),
        agents: petrel_lexicon::agents::AgentDict::from_entries(agent_entries),
        discards: petrel_lexicon::discards::DiscardList::from_entries(discard_entries),
        issues: Default::default(),
    };
    // `<Config>` settings: the environment's, then those in effect at each record (a `<Config>`
    // between records holds from where it appears, as in PETRARCH; the reader tracks that).
    let mut base_opts = CoderOptions::default();
    for (k, v) in &env.config {
        base_opts.set(k, v);
    }
    let coder = Coder::new(Arc::new(lexicon), base_opts.clone());
    let nlp = if args.reparse { Some(petrel_nlp::Pipeline::embedded().context("loading the embedded tagger and parser for --reparse")?) } else { None };
    let mut exact_given = 0usize;

    let mut by_cat: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let (mut tp, mut fp, mut fneg) = (0usize, 0usize, 0usize);
    let mut exact = 0usize;
    let mut total = 0usize;
    let mut panics = 0usize;
    let mut order: Vec<usize> = (0..vf.records.len()).collect();
    order.sort_by_key(|&i| vf.records[i].line);
    for (pos, &ri) in order.iter().enumerate() {
        let r = &vf.records[ri];
        let _ = pos;
        if let Some(o) = &args.only {
            if !r.id.starts_with(o.as_str()) {
                continue;
            }
        }
        total += 1;
        let expected: BTreeSet<Triple> =
            r.expected.iter().map(|e| (e.source.clone(), e.target.clone(), e.code.clone())).collect();
        let mut opts = base_opts.clone();
        for (k, v) in &r.config {
            opts.set(k, v);
        }
        let c = coder.with_options(opts);
        let date = r.date.unwrap_or_else(|| chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default());
        let triples = |events: &[petrel_model::event::Event]| -> BTreeSet<Triple> {
            events
                .iter()
                .map(|e| {
                    (
                        e.source.as_ref().map(|a| a.code.clone()).unwrap_or_else(|| "---".into()),
                        e.target.as_ref().map(|a| a.code.clone()).unwrap_or_else(|| "---".into()),
                        e.cameo.code.clone(),
                    )
                })
                .collect()
        };
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let given = if r.parse_ok { c.code_sentence(&r.sentence, &r.text, date, &r.id, 0).0 } else { Vec::new() };
            match &nlp {
                None => (given, None),
                Some(nlp) => {
                    // Every sentence petrel finds in the record's text is coded.
                    let own = nlp.analyze(&r.text).iter().enumerate().flat_map(|(i, s)| c.code_sentence(s, &r.text, date, &r.id, i as u32).0).collect();
                    (own, Some(given))
                }
            }
        }));
        let result = result.map(|(events, given)| {
            if let Some(given) = given {
                if triples(&given) == expected {
                    exact_given += 1;
                }
            }
            events
        });
        let events = match result {
            Ok(e) => e,
            Err(_) => {
                panics += 1;
                eprintln!("{}: PANIC while coding record (line {})", r.id, r.line);
                Vec::new()
            }
        };
        let got: BTreeSet<Triple> = triples(&events);
        let ok = got == expected;
        tp += got.intersection(&expected).count();
        fp += got.difference(&expected).count();
        fneg += expected.difference(&got).count();
        let cat = by_cat.entry(category(r)).or_default();
        cat.1 += 1;
        if ok {
            exact += 1;
            cat.0 += 1;
        } else if args.show_failures {
            let _ = writeln!(out, "FAIL {} [{}] line {}: {}", r.id, category(r), r.line, r.text.split_whitespace().collect::<Vec<_>>().join(" "));
            let _ = writeln!(out, "   expected: {}", show(&expected));
            let _ = writeln!(out, "   got:      {}", show(&got));
            if args.trees {
                for (i, t) in r.sentence.tokens.iter().enumerate() {
                    let _ = writeln!(out, "      {:>2} {:<14} {:<6} {:<4} {:>2} {}", i + 1, t.form, t.upos, t.xpos, t.head, t.deprel);
                }
            }
            for e in &events {
                let _ = writeln!(out, "      {} {} {} via {} ({:?})", e.source.as_ref().map(|a| a.text.as_str()).unwrap_or("-"), e.cameo.code, e.target.as_ref().map(|a| a.text.as_str()).unwrap_or("-"), e.rule, e.evidence.verb.text);
            }
        }
    }
    let p = if tp + fp == 0 { 0.0 } else { tp as f64 / (tp + fp) as f64 };
    let rc = if tp + fneg == 0 { 0.0 } else { tp as f64 / (tp + fneg) as f64 };
    let f1 = if p + rc == 0.0 { 0.0 } else { 2.0 * p * rc / (p + rc) };
    if args.json {
        let cats: serde_json::Map<String, serde_json::Value> = by_cat
            .iter()
            .map(|(k, (e, n))| (k.clone(), serde_json::json!({"exact": e, "records": n})))
            .collect();
        let mut obj = serde_json::json!({
            "file": name, "records": total, "exact": exact,
            "exact_pct": if total == 0 { 0.0 } else { 100.0 * exact as f64 / total as f64 },
            "precision": p, "recall": rc, "f1": f1, "panics": panics, "by_category": cats,
        });
        if args.reparse {
            obj["reparse"] = serde_json::json!(true);
            obj["exact_given_parses"] = serde_json::json!(exact_given);
        }
        let _ = writeln!(out, "{obj}");
    } else {
        for (k, (e, n)) in &by_cat {
            let _ = writeln!(out, "{k:<12} {e:>4}/{n:<4}");
        }
        let _ = writeln!(out, 
            "exact {exact}/{total} ({:.1}%)  precision {p:.3} recall {rc:.3} f1 {f1:.3}  panics {panics}",
            if total == 0 { 0.0 } else { 100.0 * exact as f64 / total as f64 }
        );
        if args.reparse {
            let _ = writeln!(
                out,
                "(petrel's own parses of the record texts; with the file's parses: exact {exact_given}/{total} ({:.1}%))",
                if total == 0 { 0.0 } else { 100.0 * exact_given as f64 / total as f64 }
            );
        }
    }
    emit(&out);
    Ok(if panics > 0 { 1 } else { 0 })
}


fn category(r: &petrel_syntax::validation::Record) -> String {
    if !r.category.is_empty() {
        return r.category.clone();
    }
    r.id.split(['_', '-']).next().unwrap_or("").to_string()
}

fn show(s: &BTreeSet<Triple>) -> String {
    if s.is_empty() {
        return "(none)".into();
    }
    s.iter().map(|(a, b, c)| format!("{a}->{b}:{c}")).collect::<Vec<_>>().join("  ")
}

/// Write the gathered output; a closed pipe is not an error worth reporting.
fn emit(out: &str) {
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
}
