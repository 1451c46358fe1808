//! `petrel bench nlp [FILE]`: speed of segmenting + tagging + parsing on one thread, model load
//! time and peak memory. FILE is plain text, or a CoNLL-U file whose raw text is rebuilt from
//! `# text`; the default is the UD English EWT dev set in `../shared/data/ud-english-ewt/`.

use anyhow::{Context, Result};
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
    let bytes = petrel_nlp::model_io::read_maybe_gz(&path).with_context(|| format!("reading {}", path.display()))?;
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
    let mut n_tokens = 0;
    let mut n_sents = 0;
    for _ in 0..args.repeat.max(1) {
        let t = Instant::now();
        let raw = petrel_text::segment(&text);
        let seg = t.elapsed().as_secs_f64();
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
        let t = Instant::now();
        for s in &mut sents {
            nlp.parse(s);
        }
        let parse = t.elapsed().as_secs_f64();
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
    println!("segment: {:.0} tokens/s ({:.3} s)", rate(best[0]), best[0]);
    println!("tag: {:.0} tokens/s ({:.3} s)", rate(best[1]), best[1]);
    println!("parse: {:.0} tokens/s ({:.3} s)", rate(best[2]), best[2]);
    println!("tag+parse: {:.0} tokens/s, one thread", rate(best[1] + best[2]));
    println!("segment+tag+parse: {:.0} tokens/s, one thread", rate(total));
    if let Some(m) = super::util::peak_rss_mib() {
        println!("peak RSS: {m:.0} MiB");
    }
    Ok(0)
}
