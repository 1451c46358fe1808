//! `petrel bench nlp [FILE]`: speed of segmenting + tagging + parsing on one thread, model load
//! time and peak memory. FILE is plain text, or a CoNLL-U file whose raw text is rebuilt from
//! `# text`; the default is the UD English EWT dev set in `../shared/data/ud-english-ewt/`.

use anyhow::Result;
use petrel_model::{Sentence, Token};
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(clap::Args)]
pub struct Args {
    /// Text or CoNLL-U file (default: the EWT dev set).
    pub file: Option<PathBuf>,
    /// Passes over the input; the fastest is reported.
    #[arg(long, default_value_t = 3)]
    pub repeat: usize,
    /// Tagger model file instead of the embedded one.
    #[arg(long)]
    pub tagger: Option<PathBuf>,
    /// Parser model file instead of the embedded one.
    #[arg(long)]
    pub parser: Option<PathBuf>,
}

/// CPU time this thread has run, in seconds (Linux `/proc/thread-self/schedstat`), so figures
/// stay meaningful on a machine shared with other work; `None` elsewhere.
fn cpu_secs() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

const DEFAULT: [&str; 2] =
    ["../shared/data/ud-english-ewt/en_ewt-ud-dev.conllu", "/work/shared/data/ud-english-ewt/en_ewt-ud-dev.conllu"];

pub fn run(args: Args) -> Result<i32> {
    let path = match &args.file {
        Some(p) => p.clone(),
        None => match DEFAULT.iter().map(Path::new).find(|p| p.is_file()) {
            Some(p) => p.to_path_buf(),
            None => {
                eprintln!("petrel: error: no FILE given and the EWT dev set is not at {}", DEFAULT[0]);
                return Ok(2);
            }
        },
    };
    let bytes = petrel_nlp::model_io::read_maybe_gz(&path)?;
    let src = String::from_utf8_lossy(&bytes).into_owned();
    let name = path.display().to_string();
    let text = if name.ends_with(".conllu") || name.ends_with(".conllu.gz") {
        petrel_text::eval::raw_from_conllu(&src, &name).text
    } else {
        src
    };

    let t = Instant::now();
    let nlp = petrel_nlp::Pipeline::load(args.tagger.as_deref(), args.parser.as_deref())?;
    let load = t.elapsed().as_secs_f64();
    for d in nlp.diagnostics() {
        eprintln!("{d}");
    }

    // Stage by stage, on one thread: segment, tag, parse.
    let mut best = [f64::MAX; 3];
    // CPU time summed over the passes (the counter's granularity is a scheduler tick).
    let mut sum_cpu = [0.0f64; 3];
    let repeat = args.repeat.max(1);
    let mut n_tokens = 0;
    let mut n_sents = 0;
    for _ in 0..repeat {
        let c0 = cpu_secs();
        let t = Instant::now();
        let raw = petrel_text::segment(&text);
        let seg = t.elapsed().as_secs_f64();
        let c1 = cpu_secs();
        let mut sents: Vec<Sentence> = raw
            .into_iter()
            .map(|rs| Sentence {
                id: None,
                span: rs.span,
                tokens: rs.tokens.into_iter().map(|t| Token { form: t.form, span: t.span, ..Default::default() }).collect(),
            })
            .collect();
        let t = Instant::now();
        for s in &mut sents {
            nlp.tag(s);
        }
        let tag = t.elapsed().as_secs_f64();
        let c2 = cpu_secs();
        let t = Instant::now();
        for s in &mut sents {
            nlp.parse(s);
        }
        let parse = t.elapsed().as_secs_f64();
        let c3 = cpu_secs();
        if let (Some(c0), Some(c1), Some(c2), Some(c3)) = (c0, c1, c2, c3) {
            for (b, x) in sum_cpu.iter_mut().zip([c1 - c0, c2 - c1, c3 - c2]) {
                *b += x;
            }
        }
        n_tokens = sents.iter().map(|s| s.tokens.len()).sum();
        n_sents = sents.len();
        for (b, x) in best.iter_mut().zip([seg, tag, parse]) {
            *b = b.min(x);
        }
    }
    let rate = |secs: f64| if secs > 0.0 { n_tokens as f64 / secs } else { 0.0 };
    let total = best.iter().sum::<f64>();
    println!("input: {name}: {} bytes, {n_sents} sentences, {n_tokens} tokens", text.len());
    println!("model load (tagger + parser): {:.3} s", load);
    let cpu = sum_cpu.iter().sum::<f64>() > 0.0;
    let best_cpu = sum_cpu.map(|x| x / repeat as f64);
    let line = |name: &str, wall: f64, c: f64| {
        if cpu {
            println!("{name}: {:.0} tokens/s wall (best {wall:.3} s), {:.0} tokens per CPU-second (mean)", rate(wall), rate(c));
        } else {
            println!("{name}: {:.0} tokens/s wall ({wall:.3} s)", rate(wall));
        }
    };
    line("segment", best[0], best_cpu[0]);
    line("tag", best[1], best_cpu[1]);
    line("parse", best[2], best_cpu[2]);
    line("tag+parse (one thread)", best[1] + best[2], best_cpu[1] + best_cpu[2]);
    line("segment+tag+parse (one thread)", total, best_cpu.iter().sum());
    if let Some(m) = super::util::peak_rss_mib() {
        println!("peak RSS: {m:.0} MiB");
    }
    Ok(0)
}
