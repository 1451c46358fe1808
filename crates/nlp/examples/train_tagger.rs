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
        two_pass: a.get(6).is_none_or(|x| x != "1"),
        word_dropout: a.get(7).and_then(|x| x.parse().ok()).unwrap_or(0.5),
        right_to_left_first: std::env::var("LTR").is_err(),
        // nationality adjectives from data/geonames (run from the repository root); DEMONYMS=0: none
        demonyms: match std::env::var("DEMONYMS").as_deref() {
            Ok("0") => Vec::new(),
            _ => petrel_nlp::tagger::demonyms_from_country_variants(&std::fs::read_to_string("data/geonames/country_variants.tsv").expect("data/geonames/country_variants.tsv")),
        },
        places: match std::env::var("PLACES").as_deref() {
            Ok("0") => Vec::new(),
            _ => [("data/geonames/cities15000.txt.gz", &[1usize, 2][..]), ("data/geonames/admin1CodesASCII.txt", &[1, 2]), ("data/geonames/countryInfo.txt", &[4, 5])]
                .iter()
                .flat_map(|(p, c)| {
                    let b = petrel_nlp::model_io::read_maybe_gz(std::path::Path::new(p)).expect("gazetteer file");
                    petrel_nlp::tagger::place_words(&String::from_utf8_lossy(&b), c)
                })
                .collect(),
        },
        words: match std::env::var("WORDNET").as_deref() {
            Ok("0") => Vec::new(),
            _ => {
                let r = |f: &str| std::fs::read_to_string(format!("/usr/share/wordnet/{f}")).expect("wordnet file");
                let (a, b, c, d) = (r("index.noun"), r("index.verb"), r("index.adj"), r("index.adv"));
                let (e, f, g) = (r("noun.exc"), r("verb.exc"), r("adj.exc"));
                let words = std::fs::read_to_string("/usr/share/dict/american-english").expect("word list");
                petrel_nlp::tagger::word_classes([&a, &b, &c, &d], [&e, &f, &g], &words)
            }
        },
    };
    let m = TaggerModel::train(&train, &dev, &opts, &mut |l| eprintln!("{l}"));
    eprintln!("{}", m.stats());
    let b = m.to_bytes();
    let gz = petrel_nlp::model_io::gzip(&b);
    eprintln!("{} bytes, {} gzipped", b.len(), gz.len());
    std::fs::write(&a[3], gz).expect("write");
}
