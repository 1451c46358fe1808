//! `petrel bench extract [PATH...]`: what extraction adds to coding, on one thread.
//!
//! The input is read once (text files, JSON Lines or directories, as for `petrel code`; default:
//! the team's golden articles in `tests/golden/articles/`). Each pass goes over every document and
//! times, per document and back to back on the same thread:
//! - (a) what `petrel code` does per document: `Pipeline::analyze` (segment, tag, parse) then
//!   `Engine::code_parsed` (coding and grounding);
//! - (b) `petrel_extract::extract` on the sentences (a) already parsed, as `petrel extract` would
//!   run it beside coding.
//!
//! Overhead = time(b) / time(a): what `code` + `extract` costs over `code` alone. Timing both
//! stages inside the same pass over the same documents keeps machine load (which moves a lot on a
//! shared box) out of the ratio; the fastest of `--repeat` passes is reported for each stage and
//! the ratio is also given per pass (median). Exit code 1 when the overhead exceeds `--max-percent`
//! (target of issue 5: 30%), so the claim can be checked in scripts.

use super::util;
use anyhow::Result;
use chrono::NaiveDate;
use petrel_engine::{Engine, EngineOptions};
use petrel_ingest::{Ingest, IngestOptions, Input, InputKind, Item};
use petrel_model::Document;
use std::path::PathBuf;
use std::time::{Duration, Instant};

#[derive(clap::Args)]
pub struct Args {
    /// Files or directories (text or JSON Lines); default: tests/golden/articles (its `.txt` files).
    pub paths: Vec<PathBuf>,
    /// Passes over the input.
    #[arg(long, default_value_t = 5)]
    pub repeat: usize,
    /// Publication date for documents that carry none.
    #[arg(long, value_parser = util::parse_date_arg)]
    pub date: Option<NaiveDate>,
    /// Exit 1 when extraction adds more than this percentage.
    #[arg(long, default_value_t = 30.0)]
    pub max_percent: f64,
    /// One JSON object on stdout.
    #[arg(long)]
    pub json: bool,
}

const DEFAULT_DIRS: [&str; 2] = ["tests/golden/articles", "/work/main/tests/golden/articles"];

fn read_docs(args: &Args) -> (Vec<Document>, usize) {
    let (paths, only_txt) = if args.paths.is_empty() {
        let dir = DEFAULT_DIRS.iter().map(PathBuf::from).find(|p| p.is_dir()).unwrap_or_else(|| PathBuf::from(DEFAULT_DIRS[0]));
        (vec![dir], true)
    } else {
        (args.paths.clone(), false)
    };
    let today = chrono::Utc::now().date_naive();
    let mut inputs: Vec<Input> = Vec::new();
    for p in paths {
        if only_txt && p.is_dir() {
            // The golden folder also holds `.events`/`.extract` expectation files.
            let mut files: Vec<PathBuf> = std::fs::read_dir(&p)
                .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|f| f.extension().is_some_and(|e| e == "txt")).collect())
                .unwrap_or_default();
            files.sort();
            inputs.extend(files.into_iter().map(Input::from));
        } else {
            inputs.push(Input::from(p));
        }
    }
    let mut docs = Vec::new();
    let mut failed = 0;
    for item in Ingest::new(inputs, IngestOptions { kind: InputKind::Auto, date: args.date, today }) {
        match item {
            Item::Doc(d, _) => docs.push(d),
            Item::Failed(d) => {
                eprintln!("{d}");
                failed += 1;
            }
        }
    }
    (docs, failed)
}

pub fn run(args: Args) -> Result<i32> {
    let (docs, failed) = read_docs(&args);
    if docs.is_empty() {
        eprintln!("petrel: error: no documents to time (give PATH... or run from the repository root)");
        return Ok(2);
    }
    let lexicon = util::embedded_lexicon();
    let nlp = util::load_pipeline()?;
    let gaz = petrel_geo::Gazetteer::embedded();
    let engine = Engine::new(util::coder_for(lexicon.clone(), Default::default()), Some(nlp.clone()), EngineOptions::default());
    let today = chrono::Utc::now().date_naive();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();

    // Warm-up pass (lazy tables such as the tone lexicon load here) and counts.
    let (mut sentences, mut events, mut quotes, mut amounts, mut names) = (0, 0, 0, 0, 0);
    for d in &docs {
        let date = d.date.unwrap_or(today);
        let s = nlp.analyze(&d.text);
        let r = engine.code_parsed(&d.id, &d.text, &s, date);
        let ex = petrel_extract::extract(&d.id, &d.text, &s, date, &lexicon, gaz);
        sentences += s.len();
        events += r.events.len();
        quotes += ex.quotes.len();
        amounts += ex.amounts.len();
        names += ex.names.len();
    }

    let mut code_best = Duration::MAX;
    let mut extract_best = Duration::MAX;
    let mut ratios = Vec::new();
    for _ in 0..args.repeat.max(1) {
        let (mut code_t, mut extract_t) = (Duration::ZERO, Duration::ZERO);
        for d in &docs {
            let date = d.date.unwrap_or(today);
            let t0 = Instant::now();
            let s = nlp.analyze(&d.text);
            let r = engine.code_parsed(&d.id, &d.text, &s, date);
            std::hint::black_box(&r);
            let t1 = Instant::now();
            let ex = petrel_extract::extract(&d.id, &d.text, &s, date, &lexicon, gaz);
            std::hint::black_box(&ex);
            let t2 = Instant::now();
            code_t += t1 - t0;
            extract_t += t2 - t1;
        }
        code_best = code_best.min(code_t);
        extract_best = extract_best.min(extract_t);
        ratios.push(100.0 * extract_t.as_secs_f64() / code_t.as_secs_f64().max(1e-12));
    }
    ratios.sort_by(|a, b| a.total_cmp(b));
    let median = ratios[ratios.len() / 2];
    let (a, b) = (code_best.as_secs_f64(), extract_best.as_secs_f64());
    let overhead = 100.0 * b / a.max(1e-12);
    let ok = overhead <= args.max_percent && median <= args.max_percent;
    if args.json {
        println!(
            "{}",
            serde_json::json!({"documents": docs.len(), "failed_inputs": failed, "bytes": bytes, "sentences": sentences,
                "passes": args.repeat.max(1), "code_s": a, "extract_s": b, "overhead_percent": overhead,
                "overhead_percent_median_pass": median, "max_percent": args.max_percent, "ok": ok,
                "events": events, "quotes": quotes, "amounts": amounts, "names": names,
                "peak_rss_mib": util::peak_rss_mib()})
        );
    } else {
        println!("{} documents ({bytes} bytes, {sentences} sentences), {} passes on one thread", docs.len(), args.repeat.max(1));
        println!("(a) analyze + code:        {:8.2} ms per pass (fastest), {events} events", a * 1e3);
        println!("(b) extract on the parses: {:8.2} ms per pass (fastest), {quotes} quotes, {amounts} amounts, {names} names", b * 1e3);
        println!("extraction adds {overhead:.1}% to coding (median pass {median:.1}%; target <= {:.0}%): {}", args.max_percent, if ok { "ok" } else { "OVER" });
    }
    Ok(if ok { 0 } else { 1 })
}
