//! `petrel code`: documents in, events out.
//!
//! Inputs: plain-text articles, JSON Lines documents, directories, standard input (`-`); parsed
//! input as PETRARCH validation XML (`.xml`) or CoNLL-U (`.conllu`). Documents are coded in
//! parallel in bounded batches (at most [`BATCH_DOCS`] in flight) and written in input order, so
//! memory stays flat however large the input. Every failed document is reported on stderr with its
//! id and why, and the run goes on; the exit code is 1 when any failed or was only partly coded
//! (an error diagnostic, such as an over-long line).

use super::util::{self, DictArgs};
use anyhow::{Context, Result};
use chrono::NaiveDate;
use petrel_engine::{DayDedup, Dedup, DocResult, Engine, EngineOptions, MODALITIES};
use petrel_formats::{sink_for, DocMeta, EventSink, Format};
use petrel_ingest::{Ingest, IngestOptions, Input, InputKind, Item};
use petrel_model::{Diagnostic, Document};
use rayon::prelude::*;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

/// Documents coded in parallel at a time; bounds memory.
pub const BATCH_DOCS: usize = 256;
/// Text bytes coded in parallel at a time (a batch closes at [`BATCH_DOCS`] documents or this
/// many bytes, whichever comes first); bounds memory when documents are large.
pub const BATCH_BYTES: usize = 8 << 20;

#[derive(clap::Args)]
pub struct Args {
    /// Files or directories to code; `-` (or nothing) reads standard input.
    pub paths: Vec<PathBuf>,
    /// Output format: jsonl, plover, gdelt, phoenix, petr.
    #[arg(long, default_value = "jsonl")]
    pub format: Format,
    /// Publication date (YYYY-MM-DD) for documents that carry none.
    #[arg(long, value_parser = util::parse_date_arg)]
    pub date: Option<NaiveDate>,
    /// How to read inputs: auto (by extension / first byte), text, jsonl, xml (validation), conllu.
    #[arg(long, default_value = "auto")]
    pub input: String,
    /// Worker threads (0 = all cores).
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
    /// Merge repeated events: story (per document), day (across documents), none.
    #[arg(long, default_value = "story")]
    pub dedup: Dedup,
    /// Do not emit events with these modality labels (comma-separated: negated, future,
    /// hypothetical, historical, reported).
    #[arg(long, value_delimiter = ',')]
    pub exclude: Vec<String>,
    /// Only events with both a source and a target actor (PETRARCH's `require_dyad`); by
    /// default an event with one coded side is kept, the other written `---`.
    #[arg(long)]
    pub dyads_only: bool,
    /// No progress display and no summary line.
    #[arg(long, short)]
    pub quiet: bool,
    /// Also print informational diagnostics (discarded sentences...).
    #[arg(long, short)]
    pub verbose: bool,
    #[command(flatten)]
    pub dicts: DictArgs,
    /// Tagger model file instead of the embedded one.
    #[arg(long)]
    pub tagger: Option<PathBuf>,
    /// Parser model file instead of the embedded one.
    #[arg(long)]
    pub parser: Option<PathBuf>,
}

enum Parsed {
    Xml(PathBuf),
    Conllu(PathBuf),
}

pub fn run(args: Args) -> Result<i32> {
    util::allocator_loading(true);
    for m in &args.exclude {
        if !MODALITIES.contains(&m.as_str()) {
            eprintln!("petrel: unknown modality `{m}` in --exclude: expected one of {}", MODALITIES.join(", "));
            return Ok(2);
        }
    }
    let kind = match args.input.as_str() {
        "auto" | "xml" | "conllu" => InputKind::Auto,
        "text" => InputKind::Text,
        "jsonl" => InputKind::Jsonl,
        other => {
            eprintln!("petrel: unknown --input `{other}`: expected auto, text, jsonl, xml or conllu");
            return Ok(2);
        }
    };
    VERBOSE.store(args.verbose, std::sync::atomic::Ordering::Relaxed);
    if args.threads > 0 {
        rayon::ThreadPoolBuilder::new().num_threads(args.threads).build_global().ok();
    }
    let started = Instant::now();
    let paths = if args.paths.is_empty() { vec![PathBuf::from("-")] } else { args.paths.clone() };
    // Split parsed inputs (validation XML, CoNLL-U) from documents to tag and parse.
    let mut parsed = Vec::new();
    let mut raw = Vec::new();
    for p in paths {
        let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
        match (args.input.as_str(), ext) {
            ("xml", _) | ("auto", "xml") => parsed.push(Parsed::Xml(p)),
            ("conllu", _) | ("auto", "conllu") => parsed.push(Parsed::Conllu(p)),
            _ => raw.push(Input::from(p)),
        }
    }

    // The dictionaries, the models and the gazetteer decode at once on their own threads (each
    // takes about a tenth of a second; a one-article run is mostly this). Messages keep their
    // order: the dictionaries', then the models'.
    let (lexicon, nlp) = std::thread::scope(|s| -> Result<_> {
        s.spawn(petrel_geo::Gazetteer::embedded);
        let nlp = (!raw.is_empty()).then(|| s.spawn(|| petrel_nlp::Pipeline::load(args.tagger.as_deref(), args.parser.as_deref())));
        let lexicon = util::load_lexicon(&args.dicts, None);
        let nlp = match nlp {
            Some(h) => {
                let p = h.join().map_err(|_| anyhow::anyhow!("loading the tagger and parser models: the loader panicked"))?;
                let lexicon = lexicon?;
                (lexicon, Some(util::loaded_pipeline(p)?))
            }
            None => (lexicon?, None),
        };
        Ok(nlp)
    })?;
    util::allocator_loading(false);
    let engine_opts = EngineOptions { dedup: if args.dedup == Dedup::Story { Dedup::Story } else { Dedup::None }, exclude: args.exclude.clone() };
    let coder_opts = petrel_coder::CoderOptions { require_dyad: args.dyads_only, ..petrel_engine::news_coder_options() };
    let engine = Engine::with_lexicon(lexicon.clone(), coder_opts, nlp, engine_opts);

    let stdout = std::io::stdout();
    let mut sink = sink_for(args.format, std::io::BufWriter::with_capacity(1 << 16, stdout.lock()));
    let mut day = (args.dedup == Dedup::Day).then(DayDedup::default);
    let mut stats = Stats::default();
    let progress = !args.quiet && std::io::stderr().is_terminal();
    let added = chrono::Utc::now().format("%Y%m%d%H%M%S").to_string();

    let mut emit = |res: DocResult, meta: DocMeta, stats: &mut Stats, sink: &mut Box<dyn EventSink + '_>| -> Result<()> {
        stats.docs += 1;
        stats.sentences += res.sentences;
        for d in &res.diagnostics {
            report(d);
        }
        if res.diagnostics.iter().any(|d| d.severity == petrel_model::Severity::Error) {
            stats.partial += 1;
        }
        stats.events += res.events.len();
        match day.as_mut() {
            Some(day) => day.push(res.events),
            None => {
                for ev in &res.events {
                    sink.event(ev, &meta).context("writing output")?;
                }
            }
        }
        Ok(())
    };

    // Parsed inputs.
    for p in parsed {
        let results = match p {
            Parsed::Xml(path) => util::code_validation_file(&path, &args.dicts, &engine)?,
            Parsed::Conllu(path) => util::code_conllu_file(&path, &engine, args.date)?,
        };
        for r in results {
            match r {
                Ok(res) => emit(res, DocMeta { added: added.clone(), ..Default::default() }, &mut stats, &mut sink)?,
                Err(d) => {
                    stats.failed += 1;
                    report(&d);
                }
            }
        }
    }

    // Raw documents, in bounded parallel batches.
    let today = chrono::Utc::now().date_naive();
    let mut ingest = Ingest::new(raw, IngestOptions { kind, date: args.date, today });
    let mut last_tick = Instant::now();
    loop {
        let batch: Vec<Item> = util::next_batch(&mut ingest, BATCH_DOCS, BATCH_BYTES);
        if batch.is_empty() {
            break;
        }
        let results: Vec<(Result<DocResult, Diagnostic>, DocMeta)> = batch
            .into_par_iter()
            .map(|item| match item {
                Item::Failed(d) => (Err(d), DocMeta::default()),
                Item::Doc(doc, warnings) => {
                    for w in &warnings {
                        report(w);
                    }
                    let meta = DocMeta { url: doc.url.clone(), source: doc.source.clone(), added: added.clone() };
                    (code_one(&engine, &doc), meta)
                }
            })
            .collect();
        for (r, meta) in results {
            match r {
                Ok(res) => emit(res, meta, &mut stats, &mut sink)?,
                Err(d) => {
                    stats.failed += 1;
                    report(&d);
                }
            }
        }
        if progress && last_tick.elapsed().as_secs_f64() > 0.5 {
            eprint!("\r{} documents, {} sentences, {} events, {:.0} docs/s   ", stats.docs, stats.sentences, stats.events, stats.docs as f64 / started.elapsed().as_secs_f64());
            last_tick = Instant::now();
        }
    }
    if let Some(day) = day {
        for ev in day.finish() {
            sink.event(&ev, &DocMeta { added: added.clone(), ..Default::default() }).context("writing output")?;
        }
    }
    sink.finish().context("writing output")?;
    if progress {
        eprint!("\r");
    }
    if !args.quiet {
        eprintln!(
            "petrel: {} documents ({} failed, {} partly coded), {} sentences, {} events in {:.2} s",
            stats.docs + stats.failed,
            stats.failed,
            stats.partial,
            stats.sentences,
            stats.events,
            started.elapsed().as_secs_f64()
        );
    }
    std::io::stderr().flush().ok();
    Ok(if stats.failed + stats.partial > 0 { 1 } else { 0 })
}

#[derive(Default)]
struct Stats {
    docs: usize,
    failed: usize,
    /// Documents coded with an error diagnostic (part of the text could not be coded).
    partial: usize,
    sentences: usize,
    events: usize,
}

static VERBOSE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Print a diagnostic on stderr; informational ones only with `--verbose`.
fn report(d: &Diagnostic) {
    if d.severity > petrel_model::Severity::Info || VERBOSE.load(std::sync::atomic::Ordering::Relaxed) {
        eprintln!("{d}");
    }
}

/// Code one document; a panic inside is a bug, reported against the document instead of
/// taking the run down.
fn code_one(engine: &Engine, doc: &Document) -> Result<DocResult, Diagnostic> {
    let date = doc.date.unwrap_or_else(|| chrono::Utc::now().date_naive());
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| engine.code_document(doc, date))).map_err(|p| {
        let msg = p.downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| p.downcast_ref::<String>().cloned()).unwrap_or_default();
        Diagnostic::error("E900", format!("internal error while coding document {} (please report): {msg}", doc.id)).in_file(doc.id.clone())
    })
}

#[allow(dead_code)]
fn _assert_send_sync() {
    fn is<T: Send + Sync>() {}
    is::<Engine>();
    is::<Arc<Engine>>();
}
