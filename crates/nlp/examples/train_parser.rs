//! Train, evaluate or time the dependency parser without the CLI.
//!
//! ```text
//! cargo run --release -p petrel-nlp --example train_parser -- \
//!     train --train en_ewt-ud-train.conllu.gz --dev en_ewt-ud-dev.conllu \
//!           [--epochs 14] [--seed 1] [--noise 0.2] [--tag-dev data/models/tagger.bin.gz] \
//!           --out data/models/parser.bin.gz
//! cargo run --release -p petrel-nlp --example train_parser -- \
//!     eval --model data/models/parser.bin.gz FILE.conllu...   # UAS/LAS with the file's tags
//! cargo run --release -p petrel-nlp --example train_parser -- \
//!     speed --model data/models/parser.bin.gz FILE.conllu [--dump F]  # load time, words/s; F: the parses
//! cargo run --release -p petrel-nlp --example train_parser -- \
//!     prune --model M --min 8 [--out F] DEV.conllu   # drop weights below 8 steps: size/LAS/speed
//! ```
//!
//! The CoNLL-U reader here is deliberately minimal (10 columns; `#` comments, multiword `3-4`
//! and empty-node `5.1` lines skipped); the CLI uses `petrel_syntax::conllu`.

use std::io::{Read, Write};
use std::process::ExitCode;
use std::time::Instant;

use petrel_model::{Sentence, Token};
use petrel_nlp::parser::{ParserModel, ParserTrainOptions};
use petrel_nlp::tagger::TaggerModel;

pub fn read_conllu(path: &str) -> Result<Vec<Sentence>, String> {
    let raw = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
    let text = if path.ends_with(".gz") {
        let mut s = String::new();
        flate2::read::GzDecoder::new(&raw[..]).read_to_string(&mut s).map_err(|e| format!("{path}: {e}"))?;
        s
    } else {
        String::from_utf8(raw).map_err(|e| format!("{path}: {e}"))?
    };
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    for (ln, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            if !cur.tokens.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let c: Vec<&str> = line.split('\t').collect();
        if c.len() != 10 {
            return Err(format!("{path}:{}: expected 10 columns, found {}", ln + 1, c.len()));
        }
        if c[0].contains('-') || c[0].contains('.') {
            continue;
        }
        let head = c[6].parse().map_err(|_| format!("{path}:{}: head {:?} is not a number", ln + 1, c[6]))?;
        cur.tokens.push(Token {
            form: c[1].into(),
            lemma: c[2].into(),
            upos: c[3].into(),
            xpos: c[4].into(),
            feats: if c[5] == "_" { String::new() } else { c[5].into() },
            head,
            deprel: c[7].into(),
            ..Token::default()
        });
    }
    if !cur.tokens.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

/// CPU seconds used by this thread so far (Linux; 0 elsewhere): speed figures on a shared
/// machine are reported per CPU second as well as per wall second.
fn cpu_secs() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(0.0, |ns| ns / 1e9)
}

fn gzip(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(bytes).map_err(|e| e.to_string())?;
    gz.finish().map_err(|e| e.to_string())
}

fn load(path: &str) -> Result<(ParserModel, f64, f64), String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
    let (t, c) = (Instant::now(), cpu_secs());
    let m = ParserModel::from_bytes(&bytes).map_err(|e| format!("{path}: {e}"))?;
    Ok((m, t.elapsed().as_secs_f64(), cpu_secs() - c))
}

fn run(args: &[String]) -> Result<(), String> {
    let opt = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    let files: Vec<&String> = {
        let mut v = Vec::new();
        let mut i = 1;
        while i < args.len() {
            if args[i].starts_with("--") {
                i += 2;
            } else {
                v.push(&args[i]);
                i += 1;
            }
        }
        v
    };
    match args.first().map(String::as_str) {
        Some("train") => {
            let train = read_conllu(&opt("--train").ok_or("--train FILE is required")?)?;
            let mut dev = match opt("--dev") {
                Some(p) => read_conllu(&p)?,
                None => Vec::new(),
            };
            if let Some(t) = opt("--tag-dev") {
                // choose the epoch on predicted tags, as `petrel train parser --tag-dev` does (that
                // one also decodes the embedded parser, which fails right after a FEATURE_SET bump)
                let raw = petrel_nlp::model_io::read_maybe_gz(std::path::Path::new(&t)).map_err(|e| format!("{t}: {e}"))?;
                let tagger = TaggerModel::from_bytes(&raw).map_err(|e| format!("{t}: {e}"))?;
                for s in &mut dev {
                    tagger.tag(s);
                }
                eprintln!("dev set tagged with {t}");
            }
            let out = opt("--out").ok_or("--out FILE is required")?;
            let opts = ParserTrainOptions {
                epochs: opt("--epochs").map(|e| e.parse().map_err(|_| "bad --epochs")).transpose()?.unwrap_or(14),
                seed: opt("--seed").map(|e| e.parse().map_err(|_| "bad --seed")).transpose()?.unwrap_or(1),
                tag_noise: opt("--noise")
                    .map(|e| e.parse().map_err(|_| "bad --noise"))
                    .transpose()?
                    .unwrap_or(ParserTrainOptions::default().tag_noise),
            };
            let t = Instant::now();
            let model = ParserModel::train(&train, &dev, &opts, &mut |l| {
                eprintln!("{l}");
            });
            let bytes = model.to_bytes();
            let gz = gzip(&bytes)?;
            std::fs::write(&out, &gz).map_err(|e| format!("{out}: {e}"))?;
            eprintln!(
                "wrote {out}: {model:?}, {} bytes raw, {} bytes gzip'ed, training took {:.0} s",
                bytes.len(),
                gz.len(),
                t.elapsed().as_secs_f64()
            );
        }
        Some("eval") => {
            let (model, _, _) = load(&opt("--model").ok_or("--model FILE is required")?)?;
            for f in files {
                let gold = read_conllu(f)?;
                let sc = model.evaluate(&gold);
                println!("{f}: words {} UAS {:.2} LAS {:.2}", sc.words, sc.uas(), sc.las());
            }
        }
        Some("speed") => {
            let (model, load_s, load_cpu) = load(&opt("--model").ok_or("--model FILE is required")?)?;
            let f = files.first().ok_or("a CoNLL-U FILE is required")?;
            let sents = read_conllu(f)?;
            let words: usize = sents.iter().map(|s| s.tokens.len()).sum();
            let mut work: Vec<Sentence> = sents.clone();
            let rounds: usize = opt("--rounds").and_then(|r| r.parse().ok()).unwrap_or(3);
            let (t, c) = (Instant::now(), cpu_secs());
            for _ in 0..rounds {
                for s in work.iter_mut() {
                    model.parse(s);
                }
            }
            let (secs, cpu) = (t.elapsed().as_secs_f64(), cpu_secs() - c);
            if let Some(out) = opt("--dump") {
                // heads and labels, one sentence a line: to check that a speed-up changed nothing
                let mut text = String::new();
                for s in &work {
                    for t in &s.tokens {
                        text.push_str(&format!("{}:{} ", t.head, t.deprel));
                    }
                    text.push('\n');
                }
                std::fs::write(&out, text).map_err(|e| format!("{out}: {e}"))?;
            }
            println!(
                "model load {:.3} s ({:.3} CPU-s); parsed {} words x {rounds} in {:.2} s: {:.0} words/s, {:.0} words/CPU-s (one thread)",
                load_s,
                load_cpu,
                words,
                secs,
                (words * rounds) as f64 / secs,
                (words * rounds) as f64 / cpu
            );
        }
        Some("usage") => {
            // Which feature templates find weights, and how much (to choose templates).
            let (model, _, _) = load(&opt("--model").ok_or("--model FILE is required")?)?;
            let f = files.first().ok_or("a CoNLL-U FILE is required")?;
            let gold = read_conllu(f)?;
            for (i, (hits, mass)) in model.template_usage(&gold).iter().enumerate() {
                println!("template {i}\thits {hits}\tmass {mass}");
            }
            let (scored, looked_up) = model.lookup_counts(&gold);
            println!(
                "{scored} transitions scored, {looked_up} features looked up: {:.1} per scored transition",
                looked_up as f64 / scored.max(1) as f64
            );
        }
        Some("prune") => {
            // Drop small weights; report size, dev scores and speed; write with --out.
            let (model, _, _) = load(&opt("--model").ok_or("--model FILE is required")?)?;
            let min: i16 = opt("--min").ok_or("--min N is required")?.parse().map_err(|_| "bad --min")?;
            let model = model.pruned(min);
            let gz = gzip(&model.to_bytes())?;
            let f = files.first().ok_or("a CoNLL-U FILE is required")?;
            let gold = read_conllu(f)?;
            let (t, c) = (Instant::now(), cpu_secs());
            let sc = model.evaluate(&gold);
            let (secs, cpu) = (t.elapsed().as_secs_f64(), cpu_secs() - c);
            println!(
                "min {min}: {model:?}, {} bytes gzip'ed; {f}: UAS {:.2} LAS {:.2}; {:.0} words/s, {:.0} words/CPU-s",
                gz.len(),
                sc.uas(),
                sc.las(),
                sc.words as f64 / secs,
                sc.words as f64 / cpu
            );
            if let Some(out) = opt("--out") {
                std::fs::write(&out, &gz).map_err(|e| format!("{out}: {e}"))?;
            }
        }
        _ => return Err("usage: train_parser train|eval|speed ... (see the file's header)".into()),
    }
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
