//! Confusions of a tagger model on a CoNLL-U file (development aid):
//! `cargo run --release -p petrel-nlp --example tagger_errors -- MODEL.bin.gz GOLD.conllu`
use petrel_nlp::tagger::TaggerModel;
use std::collections::HashMap;

fn main() {
    let a: Vec<String> = std::env::args().collect();
    let m = TaggerModel::from_bytes(&petrel_nlp::model_io::read_maybe_gz(std::path::Path::new(&a[1])).unwrap()).unwrap();
    let src = std::fs::read_to_string(&a[2]).unwrap();
    let (sents, _) = petrel_syntax::conllu::read(&src, &a[2]);
    let mut conf: HashMap<(String, String), usize> = HashMap::new();
    let mut words: HashMap<(String, String, String), usize> = HashMap::new();
    let (mut n, mut ok) = (0, 0);
    let t0 = std::time::Instant::now();
    let mut tagged = Vec::new();
    for s in &sents {
        let mut t = s.sentence.clone();
        m.tag(&mut t);
        tagged.push(t);
    }
    let el = t0.elapsed().as_secs_f64();
    for (s, t) in sents.iter().zip(&tagged) {
        for (g, p) in s.sentence.tokens.iter().zip(&t.tokens) {
            n += 1;
            if g.upos == p.upos {
                ok += 1;
            } else {
                *conf.entry((g.upos.clone(), p.upos.clone())).or_default() += 1;
                *words.entry((g.form.to_lowercase(), g.upos.clone(), p.upos.clone())).or_default() += 1;
            }
        }
    }
    println!("upos {:.2} on {n} words; {:.0} words/s", 100.0 * ok as f64 / n as f64, n as f64 / el);
    let mut c: Vec<_> = conf.into_iter().collect();
    c.sort_by(|a, b| b.1.cmp(&a.1));
    for ((g, p), k) in c.iter().take(20) {
        println!("gold {g:6} pred {p:6} {k}");
    }
    let mut w: Vec<_> = words.into_iter().collect();
    w.sort_by(|a, b| b.1.cmp(&a.1));
    for ((f, g, p), k) in w.iter().take(40) {
        println!("{f:15} gold {g:6} pred {p:6} {k}");
    }
}
