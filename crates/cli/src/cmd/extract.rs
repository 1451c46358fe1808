//! `petrel extract`: per document, quotations with their speakers, amounts, names and tone.
//!
//! Inputs as for `petrel code` (text files, JSON Lines, directories, stdin). Output:
//! `--format jsonl` (one object per document: `doc_id`, `date`, `quotes`, `amounts`, `names`,
//! `tone`) or `--format gkg` (GDELT GKG 2.1 rows).

use super::util;
use anyhow::{Context, Result};
use chrono::NaiveDate;
use petrel_ingest::{Ingest, IngestOptions, Input, InputKind, Item};
use rayon::prelude::*;
use std::io::Write;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// Files or directories; `-` (or nothing) reads standard input.
    pub paths: Vec<PathBuf>,
    /// `jsonl` or `gkg`.
    #[arg(long, default_value = "jsonl")]
    pub format: String,
    /// Publication date for documents that carry none.
    #[arg(long, value_parser = util::parse_date_arg)]
    pub date: Option<NaiveDate>,
    /// text, jsonl or auto.
    #[arg(long, default_value = "auto")]
    pub input: String,
    #[arg(long, short)]
    pub quiet: bool,
}

pub fn run(args: Args) -> Result<i32> {
    let gkg = match args.format.as_str() {
        "jsonl" => false,
        "gkg" => true,
        other => {
            eprintln!("petrel: unknown --format `{other}` for extract: expected jsonl or gkg");
            return Ok(2);
        }
    };
    let kind = match args.input.as_str() {
        "auto" => InputKind::Auto,
        "text" => InputKind::Text,
        "jsonl" => InputKind::Jsonl,
        other => {
            eprintln!("petrel: unknown --input `{other}`: expected auto, text or jsonl");
            return Ok(2);
        }
    };
    let started = std::time::Instant::now();
    let lexicon = util::embedded_lexicon();
    let nlp = util::load_pipeline()?;
    let gaz = petrel_geo::Gazetteer::embedded();
    let paths = if args.paths.is_empty() { vec![PathBuf::from("-")] } else { args.paths.clone() };
    let today = chrono::Utc::now().date_naive();
    let mut ingest = Ingest::new(paths.into_iter().map(Input::from).collect(), IngestOptions { kind, date: args.date, today }).peekable();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let added = chrono::Utc::now().format("%Y%m%d%H%M%S").to_string();
    let (mut docs, mut failed) = (0usize, 0usize);
    while ingest.peek().is_some() {
        let batch: Vec<Item> = ingest.by_ref().take(super::code::BATCH_DOCS).collect();
        let results: Vec<Result<(petrel_extract::Extraction, petrel_model::Document), petrel_model::Diagnostic>> = batch
            .into_par_iter()
            .map(|item| match item {
                Item::Failed(d) => Err(d),
                Item::Doc(doc, warnings) => {
                    for w in &warnings {
                        eprintln!("{w}");
                    }
                    let date = doc.date.unwrap_or(today);
                    let sentences = nlp.analyze(&doc.text);
                    Ok((petrel_extract::extract(&doc.id, &doc.text, &sentences, date, &lexicon, gaz), doc))
                }
            })
            .collect();
        for r in results {
            match r {
                Ok((ex, doc)) => {
                    docs += 1;
                    if gkg {
                        let (source, url) = (doc.source.as_deref().unwrap_or(""), doc.url.as_deref().unwrap_or(""));
                        writeln!(out, "{}", petrel_extract::gkg::row(&ex, &doc.text, docs as u64, &added, source, url))
                    } else {
                        serde_json::to_writer(&mut out, &ex).map_err(std::io::Error::from).and_then(|_| writeln!(out))
                    }
                    .context("writing output")?;
                }
                Err(d) => {
                    failed += 1;
                    eprintln!("{d}");
                }
            }
        }
    }
    out.flush().context("writing output")?;
    if !args.quiet {
        eprintln!("petrel: {} documents ({} failed) in {:.2} s", docs + failed, failed, started.elapsed().as_secs_f64());
    }
    Ok(if failed > 0 { 1 } else { 0 })
}
