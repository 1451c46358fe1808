//! Train the tagger from CoNLL-U files (the `petrel train tagger` command does the same):
//! `cargo run --release -p petrel-nlp --example train_tagger -- TRAIN DEV OUT [EPOCHS] [SEED]`
use petrel_nlp::tagger::{TaggerModel, TaggerTrainOptions};

fn load(path: &str) -> Vec<petrel_model::Sentence> {
    let bytes = petrel_nlp::model_io::read_maybe_gz(std::path::Path::new(path)).expect("read");
    let src = String::from_utf8_lossy(&bytes);
    let (sents, diags) = petrel_syntax::conllu::read(&src, path);
    for d in diags.iter().take(5) {
        eprintln!("{d}");
    }
    sents.into_iter().map(|s| s.sentence).collect()
}

fn main() {
    let a: Vec<String> = std::env::args().collect();
    let mut train = load(&a[1]);
    if std::env::var("UPOS_ONLY").is_ok() {
        for s in &mut train {
            for t in &mut s.tokens {
                t.xpos.clear();
            }
        }
    }
    let dev = load(&a[2]);
    let opts = TaggerTrainOptions {
        epochs: a.get(4).and_then(|x| x.parse().ok()).unwrap_or(10),
        seed: a.get(5).and_then(|x| x.parse().ok()).unwrap_or(1),
        two_pass: a.get(6).map_or(true, |x| x != "1"),
        word_dropout: a.get(7).and_then(|x| x.parse().ok()).unwrap_or(0.5),
    };
    let m = TaggerModel::train(&train, &dev, &opts, &mut |l| eprintln!("{l}"));
    eprintln!("{}", m.stats());
    let b = m.to_bytes();
    let gz = petrel_nlp::model_io::gzip(&b);
    eprintln!("{} bytes, {} gzipped", b.len(), gz.len());
    std::fs::write(&a[3], gz).expect("write");
}
