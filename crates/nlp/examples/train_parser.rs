//! Train, evaluate or time the dependency parser without the CLI.
//!
//! ```text
//! cargo run --release -p petrel-nlp --example train_parser -- \
//!     train --train en_ewt-ud-train.conllu.gz --dev en_ewt-ud-dev.conllu \
//!           [--epochs 12] [--seed 1] --out data/models/parser.bin.gz
//! cargo run --release -p petrel-nlp --example train_parser -- \
//!     eval --model data/models/parser.bin.gz FILE.conllu...   # UAS/LAS with the file's tags
//! cargo run --release -p petrel-nlp --example train_parser -- \
//!     speed --model data/models/parser.bin.gz FILE.conllu      # load time, words/s (one thread)
//! ```
//!
//! The CoNLL-U reader here is deliberately minimal (10 columns; `#` comments, multiword `3-4`
//! and empty-node `5.1` lines skipped); the CLI uses `petrel_syntax::conllu`.

use std::io::{Read, Write};
use std::process::ExitCode;
use std::time::Instant;

use petrel_model::{Sentence, Token};
use petrel_nlp::parser::{ParserModel, ParserTrainOptions};

fn read_conllu(path: &str) -> Result<Vec<Sentence>, String> {
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

fn load(path: &str) -> Result<(ParserModel, f64), String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
    let t = Instant::now();
    let m = ParserModel::from_bytes(&bytes).map_err(|e| format!("{path}: {e}"))?;
    Ok((m, t.elapsed().as_secs_f64()))
}

fn run(args: &[String]) -> Result<(), String> {
    let mut opt = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
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
            let dev = match opt("--dev") {
                Some(p) => read_conllu(&p)?,
                None => Vec::new(),
            };
            let out = opt("--out").ok_or("--out FILE is required")?;
            let opts = ParserTrainOptions {
                epochs: opt("--epochs").map(|e| e.parse().map_err(|_| "bad --epochs")).transpose()?.unwrap_or(12),
                seed: opt("--seed").map(|e| e.parse().map_err(|_| "bad --seed")).transpose()?.unwrap_or(1),
            };
            let t = Instant::now();
            let model = ParserModel::train(&train, &dev, &opts, &mut |l| {
                eprintln!("{l}");
            });
            let bytes = model.to_bytes();
            let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
            gz.write_all(&bytes).map_err(|e| e.to_string())?;
            let gz = gz.finish().map_err(|e| e.to_string())?;
            std::fs::write(&out, &gz).map_err(|e| format!("{out}: {e}"))?;
            eprintln!(
                "wrote {out}: {model:?}, {} bytes raw, {} bytes gzip'ed, training took {:.0} s",
                bytes.len(),
                gz.len(),
                t.elapsed().as_secs_f64()
            );
        }
        Some("eval") => {
            let (model, _) = load(&opt("--model").ok_or("--model FILE is required")?)?;
            for f in files {
                let gold = read_conllu(f)?;
                let sc = model.evaluate(&gold);
                println!("{f}: words {} UAS {:.2} LAS {:.2}", sc.words, sc.uas(), sc.las());
            }
        }
        Some("speed") => {
            let (model, load_s) = load(&opt("--model").ok_or("--model FILE is required")?)?;
            let f = files.first().ok_or("a CoNLL-U FILE is required")?;
            let sents = read_conllu(f)?;
            let words: usize = sents.iter().map(|s| s.tokens.len()).sum();
            let mut work: Vec<Sentence> = sents.clone();
            let rounds = 3;
            let t = Instant::now();
            for _ in 0..rounds {
                for s in work.iter_mut() {
                    model.parse(s);
                }
            }
            let secs = t.elapsed().as_secs_f64();
            println!(
                "model load {:.3} s; parsed {} words x {rounds} in {:.2} s: {:.0} words/s (one thread)",
                load_s,
                words,
                secs,
                (words * rounds) as f64 / secs
            );
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
