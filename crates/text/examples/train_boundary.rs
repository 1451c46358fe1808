//! Train the sentence-boundary classifier embedded in `data/boundary.bin`.
//!
//! ```text
//! cargo run --release -p petrel-text --example train_boundary -- \
//!     ../shared/data/ud-english-ewt/en_ewt-ud-train.conllu.gz --out crates/text/data/boundary.bin [--epochs 6]
//! ```
//! Deterministic: examples in file order, fixed epochs, no randomness. Rebuild afterwards (the
//! weights are compiled in) and score with `examples/ewt_eval.rs`.

use petrel_text::boundary::train;
use petrel_text::eval::raw_from_conllu;
use std::collections::HashSet;
use std::io::Read;

fn read(path: &str) -> std::io::Result<String> {
    let mut f = std::fs::File::open(path)?;
    let mut s = String::new();
    if path.ends_with(".gz") {
        flate2::read::GzDecoder::new(f).read_to_string(&mut s)?;
    } else {
        f.read_to_string(&mut s)?;
    }
    Ok(s)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut out = None;
    let mut epochs = 6usize;
    let mut files = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--out" => out = it.next().cloned(),
            "--epochs" => epochs = it.next().and_then(|n| n.parse().ok()).unwrap_or(epochs),
            _ => files.push(a.clone()),
        }
    }
    let Some(out) = out else {
        eprintln!("usage: train_boundary FILE.conllu[.gz]... --out FILE [--epochs N]");
        std::process::exit(2);
    };
    let mut data = Vec::new();
    for f in &files {
        let src = match read(f) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("{f}: {e}");
                std::process::exit(1);
            }
        };
        let gold = raw_from_conllu(&src, f);
        let ends: HashSet<u32> = gold.sentences.iter().map(|s| s.end).collect();
        let ex = train::examples(&gold.text, &ends);
        let pos = ex.iter().filter(|e| e.label).count();
        eprintln!("{f}: {} candidate gaps, {pos} gold boundaries among them", ex.len());
        data.extend(ex);
    }
    let w = train::train(&data, epochs, &mut |m| eprintln!("{m}"));
    let bytes = train::to_bytes(&w);
    if let Err(e) = std::fs::write(&out, &bytes) {
        eprintln!("{out}: {e}");
        std::process::exit(1);
    }
    eprintln!("wrote {} weights ({} bytes) to {out}", w.len(), bytes.len());
}
