//! `petrel bench code`: coding speed with parses given, on one core, with the full embedded
//! Phoenix dictionaries (`Lexicon::embedded()`). The sentences are the parses of a PETRARCH
//! validation file (default: the UD unit-test suite), coded over and over.

use anyhow::Context;
use petrel_coder::{Coder, CoderOptions};
use std::path::PathBuf;
use std::fmt::Write as _;
use std::io::Write as _;
use std::sync::Arc;
use std::time::Instant;

use super::util;

#[derive(clap::Args)]
pub struct Args {
    /// Validation XML whose parses are coded.
    #[arg(long, default_value = "../shared/data/universal-petrarch/PETR.UnitTest.records.parsing_parsed_udpipe_2.0.xml")]
    pub file: PathBuf,
    /// Minimum number of sentences to code.
    #[arg(long, default_value_t = 200_000)]
    pub sentences: usize,
    /// One JSON object on stdout.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: Args) -> anyhow::Result<i32> {
    // Output is gathered and written at once, so a closed pipe (`| head`) is not a panic.
    let mut out = String::new();
    let t0 = Instant::now();
    let (lex, _diags) = petrel_lexicon::Lexicon::embedded();
    let load_s = t0.elapsed().as_secs_f64();
    let verbs = lex.verbs.pattern_count();
    let actors = lex.actors.len();
    let coder = Coder::new(Arc::new(lex), CoderOptions::default());
    let bytes = std::fs::read(&args.file).with_context(|| format!("reading {}", args.file.display()))?;
    let (vf, _) = petrel_syntax::validation::read(&bytes, &args.file.display().to_string());
    let recs: Vec<_> = vf.records.iter().filter(|r| !r.sentence.tokens.is_empty()).collect();
    anyhow::ensure!(!recs.is_empty(), "no parsed sentences in {}", args.file.display());
    let date = chrono::NaiveDate::from_ymd_opt(2015, 6, 1).unwrap_or_default();
    // Warm-up pass (also counts events).
    let mut events = 0usize;
    for r in &recs {
        events += coder.code_sentence(&r.sentence, &r.text, date, &r.id, 0).0.len();
    }
    let rounds = args.sentences.div_ceil(recs.len()).max(1);
    let mut n = 0usize;
    let mut tokens = 0usize;
    let cpu0 = util::cpu_seconds();
    let t = Instant::now();
    for _ in 0..rounds {
        for r in &recs {
            let (ev, _) = coder.code_sentence(&r.sentence, &r.text, date, &r.id, 0);
            std::hint::black_box(&ev);
            n += 1;
            tokens += r.sentence.tokens.len();
        }
    }
    let secs = t.elapsed().as_secs_f64();
    let cpu = match (cpu0, util::cpu_seconds()) {
        (Some(a), Some(b)) if b > a => Some(b - a),
        _ => None,
    };
    let rate = n as f64 / secs;
    let cpu_rate = cpu.map(|c| n as f64 / c);
    let rss = util::peak_rss_mib();
    if args.json {
        let _ = writeln!(out, 
            "{}",
            serde_json::json!({"sentences": n, "tokens": tokens, "seconds": secs, "sentences_per_s": rate,
                "tokens_per_s": tokens as f64 / secs, "cpu_seconds": cpu, "sentences_per_cpu_s": cpu_rate,
                "peak_rss_mib": rss, "lexicon_load_s": load_s,
                "patterns": verbs, "actors": actors, "events_per_pass": events, "distinct_sentences": recs.len()})
        );
    } else {
        let _ = writeln!(out, "lexicon: embedded Phoenix ({actors} actor entries, {verbs} verb patterns), loaded in {load_s:.2} s");
        let _ = writeln!(out, "coded {n} sentences ({} distinct, {tokens} tokens) in {secs:.3} s on one thread", recs.len());
        let _ = writeln!(out, "{rate:.0} sentences/s wall, {:.0} tokens/s; {events} events per pass", tokens as f64 / secs);
        if let (Some(c), Some(r)) = (cpu, cpu_rate) {
            let _ = writeln!(out, "{r:.0} sentences per CPU second ({c:.3} s of CPU; the wall figure is lower on a busy machine)");
        }
        match rss {
            Some(m) => { let _ = writeln!(out, "peak RSS {m:.1} MiB"); }
            None => { let _ = writeln!(out, "peak RSS unknown on this platform"); }
        }
    }
    emit(&out);
    Ok(0)
}

/// Write the gathered output; a closed pipe is not an error worth reporting.
fn emit(out: &str) {
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
}
