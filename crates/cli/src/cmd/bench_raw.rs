//! `petrel bench raw`: raw articles to JSON Lines events, end to end (ingest, split, tag, parse,
//! code, ground, write), on a JSON Lines corpus built from the team's golden articles.
//!
//! The corpus is written to a temporary file of `--bytes` bytes (articles repeated with fresh
//! ids), then read back through the same streaming path as `petrel code`, with output written to
//! a sink that discards it. Prints sentences/s (wall and per CPU-second: the CPU time of the
//! coding loop, loading excluded), documents/s, events, the time spent tagging and parsing (as a
//! share of wall time x threads), and peak RSS sampled along the way, so memory flatness over a
//! large input is visible.

use super::util;
use anyhow::{Context, Result};
use petrel_engine::{Engine, EngineOptions};
use petrel_formats::{sink_for, DocMeta, Format};
use petrel_ingest::{Ingest, IngestOptions, Input, Item};
use rayon::prelude::*;
use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

#[derive(clap::Args)]
pub struct Args {
    /// Size of the generated JSON Lines corpus in bytes.
    #[arg(long, default_value_t = 20_000_000)]
    pub bytes: u64,
    /// Worker threads (1 measures one core).
    #[arg(long, default_value_t = 1)]
    pub threads: usize,
    /// Directory of `.txt` articles to build the corpus from.
    #[arg(long, default_value = "tests/golden/articles")]
    pub articles: PathBuf,
    /// Keep the generated corpus at this path instead of a temporary file.
    #[arg(long)]
    pub keep: Option<PathBuf>,
    /// Tagger model file instead of the embedded one.
    #[arg(long)]
    pub tagger: Option<PathBuf>,
    /// Parser model file instead of the embedded one.
    #[arg(long)]
    pub parser: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<i32> {
    util::allocator_loading(true);
    let mut texts = Vec::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(&args.articles)
        .with_context(|| format!("reading {}", args.articles.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    entries.sort();
    for p in &entries {
        texts.push(std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?);
    }
    anyhow::ensure!(!texts.is_empty(), "no .txt articles in {}", args.articles.display());
    // Models first: a model that does not load leaves no corpus file behind.
    rayon::ThreadPoolBuilder::new().num_threads(args.threads.max(1)).build_global().ok();
    let load = Instant::now();
    // As `petrel code` loads: dictionaries, models and gazetteer on three threads.
    let (lexicon, nlp) = std::thread::scope(|s| {
        s.spawn(petrel_geo::Gazetteer::embedded);
        let nlp = s.spawn(|| util::load_pipeline_from(args.tagger.as_deref(), args.parser.as_deref()));
        let lexicon = util::embedded_lexicon();
        (lexicon, nlp.join())
    });
    let nlp = nlp.map_err(|_| anyhow::anyhow!("loading the tagger and parser models: the loader panicked"))??;
    let engine = Engine::with_lexicon(lexicon, petrel_engine::news_coder_options(), Some(nlp), EngineOptions::default());
    let load_s = load.elapsed().as_secs_f64();
    util::allocator_loading(false);
    let rss_after_load = util::peak_rss_mib().unwrap_or(0.0);
    let path = args.keep.clone().unwrap_or_else(|| std::env::temp_dir().join(format!("petrel-bench-raw-{}.jsonl", std::process::id())));
    {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&path).with_context(|| format!("creating {}", path.display()))?);
        let mut written = 0u64;
        let mut i = 0usize;
        while written < args.bytes {
            let line = serde_json::json!({"id": format!("bench-{i}"), "date": "2025-04-11", "text": texts[i % texts.len()]}).to_string();
            writeln!(f, "{line}")?;
            written += line.len() as u64 + 1;
            i += 1;
        }
        f.flush()?;
    }

    let started = Instant::now();
    let cpu_start = util::cpu_seconds().unwrap_or(0.0);
    let mut sink = sink_for(Format::Jsonl, std::io::sink());
    let (mut docs, mut sentences, mut tagged, mut parsed, mut events) = (0usize, 0usize, 0usize, 0usize, 0usize);
    let (mut tag_s, mut parse_s) = (0.0f64, 0.0f64);
    let mut samples = Vec::new();
    let mut ingest = Ingest::new(vec![Input::Path(path.clone())], IngestOptions::default());
    loop {
        let batch: Vec<Item> = util::next_batch(&mut ingest, super::code::BATCH_DOCS, super::code::BATCH_BYTES);
        if batch.is_empty() {
            break;
        }
        let results: Vec<_> = batch
            .into_par_iter()
            .filter_map(|item| match item {
                Item::Doc(doc, _) => {
                    let date = doc.date.unwrap_or_default();
                    Some(engine.code_document(&doc, date))
                }
                Item::Failed(d) => {
                    eprintln!("{d}");
                    None
                }
            })
            .collect();
        for r in results {
            docs += 1;
            sentences += r.sentences;
            tagged += r.tagged;
            parsed += r.parsed;
            tag_s += r.tag_time.as_secs_f64();
            parse_s += r.parse_time.as_secs_f64();
            events += r.events.len();
            for ev in &r.events {
                sink.event(ev, &DocMeta::default())?;
            }
        }
        if docs % (super::code::BATCH_DOCS * 40) < super::code::BATCH_DOCS {
            let rss = util::rss_mib().unwrap_or(0.0);
            samples.push(rss);
            eprintln!(
                "bench raw: {docs} documents, {sentences} sentences, {:.0} s: RSS {rss:.0} MiB, peak {:.0} MiB",
                started.elapsed().as_secs_f64(),
                util::peak_rss_mib().unwrap_or(0.0)
            );
        }
    }
    sink.finish()?;
    let secs = started.elapsed().as_secs_f64();
    let cpu = util::cpu_seconds().unwrap_or(0.0) - cpu_start;
    if args.keep.is_none() {
        std::fs::remove_file(&path).ok();
    }
    println!(
        "bench raw: {} MB input, {} threads: {docs} documents, {sentences} sentences ({tagged} tagged, {parsed} of them parsed; the others cannot yield a record: no dictionary verb form, no phrase that could name a side, or no such verb tagged as a verb), {events} events in {secs:.2} s wall, {cpu:.2} s CPU = {:.0} sentences/s wall, {:.0} sentences per CPU second, {:.0} documents/s wall; tagging {tag_s:.2} s ({:.0}%), parsing {parse_s:.2} s ({:.0}%) of the workers' time; models+dictionaries load {load_s:.2} s; peak RSS {:.0} MiB (after load {rss_after_load:.0} MiB; RSS sampled every {} documents, {} samples: min {:.0}, max {:.0} MiB)",
        args.bytes / 1_000_000,
        args.threads,
        sentences as f64 / secs,
        sentences as f64 / cpu.max(1e-9),
        docs as f64 / secs,
        100.0 * tag_s / (secs * args.threads.max(1) as f64),
        100.0 * parse_s / (secs * args.threads.max(1) as f64),
        util::peak_rss_mib().unwrap_or(0.0),
        super::code::BATCH_DOCS * 40,
        samples.len(),
        samples.iter().copied().fold(f64::INFINITY, f64::min),
        samples.iter().copied().fold(0.0, f64::max)
    );
    Ok(0)
}
