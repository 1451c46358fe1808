//! Confusions of a tagger model on a CoNLL-U file (development aid):
//! `cargo run --release -p petrel-nlp --example tagger_errors -- MODEL.bin.gz GOLD.conllu`
//! (env: `SKIP=8` sets the pass-2 skip margin (`SAVE=FILE` writes that model), `DUMP=FILE` writes every word's gold and
//! predicted UPOS, `PRUNE`, `CASED`, `TOPW` as below)
use petrel_nlp::tagger::TaggerModel;
use std::collections::HashMap;

fn main() {
    let a: Vec<String> = std::env::args().collect();
    let m = TaggerModel::from_bytes(&petrel_nlp::model_io::read_maybe_gz(std::path::Path::new(&a[1])).unwrap()).unwrap();
    let mut m = m;
    if let Some(th) = std::env::var("PRUNE").ok().and_then(|x| x.parse().ok()) {
        m.prune(th);
        let b = m.to_bytes();
        println!("pruned at {th}: {}; {} bytes, {} gzipped", m.stats(), b.len(), petrel_nlp::model_io::gzip(&b).len());
    }
    if let Some(m2) = std::env::var("SKIP").ok().and_then(|x| x.parse().ok()) {
        m.set_skip_margin(m2);
        if let Ok(out) = std::env::var("SAVE") {
            std::fs::write(out, petrel_nlp::model_io::gzip(&m.to_bytes())).unwrap();
        }
    }
    let src = std::fs::read_to_string(&a[2]).unwrap();
    let (sents, _) = petrel_syntax::conllu::read(&src, &a[2]);
    let mut conf: HashMap<(String, String), usize> = HashMap::new();
    let mut words: HashMap<(String, String, String), usize> = HashMap::new();
    let mut lemmas: HashMap<(String, String, String, String), usize> = HashMap::new();
    let (mut n, mut ok) = (0, 0);
    let (mut un, mut uok) = (0, 0);
    let t0 = std::time::Instant::now();
    let mut tagged = Vec::new();
    for s in &sents {
        let mut t = s.sentence.clone();
        m.tag(&mut t);
        tagged.push(t);
    }
    let el = t0.elapsed().as_secs_f64();
    if let Ok(path) = std::env::var("DUMP") {
        // every word: form, gold UPOS, predicted UPOS, known (1/0); a blank line between sentences
        let mut out = String::new();
        for (s, t) in sents.iter().zip(&tagged) {
            for (g, p) in s.sentence.tokens.iter().zip(&t.tokens) {
                out.push_str(&format!("{}\t{}\t{}\t{}\n", g.form, g.upos, p.upos, m.is_known(&g.form) as u8));
            }
            out.push('\n');
        }
        std::fs::write(path, out).unwrap();
    }
    for (s, t) in sents.iter().zip(&tagged) {
        for (g, p) in s.sentence.tokens.iter().zip(&t.tokens) {
            n += 1;
            if g.xpos == p.xpos && g.lemma != p.lemma {
                *lemmas.entry((g.form.clone(), g.xpos.clone(), g.lemma.clone(), p.lemma.clone())).or_default() += 1;
            }
            if !m.is_known(&g.form) {
                un += 1;
                uok += (g.upos == p.upos) as usize;
            }
            if g.upos == p.upos {
                ok += 1;
            } else {
                *conf.entry((g.upos.clone(), p.upos.clone())).or_default() += 1;
                let kind = format!("{}{}", if m.is_known(&g.form) { "known" } else { "unk" }, if g.form.chars().next().is_some_and(|c| c.is_uppercase()) { "-cap" } else { "" });
                *conf.entry((format!("{}:{kind}", g.upos), p.upos.clone())).or_default() += 1;
                *words.entry((if std::env::var("CASED").is_ok() { g.form.clone() } else { g.form.to_lowercase() }, g.upos.clone(), p.upos.clone())).or_default() += 1;
            }
        }
    }
    println!("upos {:.2} on {n} words; {:.0} words/s", 100.0 * ok as f64 / n as f64, n as f64 / el);
    println!("unknown words: {un}, upos {:.2}; errors on unknown words: {}", 100.0 * uok as f64 / un.max(1) as f64, un - uok);
    let mut c: Vec<_> = conf.into_iter().collect();
    c.sort_by_key(|x| std::cmp::Reverse(x.1));
    for ((g, p), k) in c.iter().take(40) {
        println!("gold {g:6} pred {p:6} {k}");
    }
    let mut l: Vec<_> = lemmas.into_iter().collect();
    l.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    println!("lemma errors with the right XPOS: {}", l.iter().map(|x| x.1).sum::<usize>());
    for ((f, x, g, p), k) in l.iter().take(25) {
        println!("{f:15} {x:5} gold {g:12} pred {p:12} {k}");
    }
    let mut w: Vec<_> = words.into_iter().collect();
    w.sort_by_key(|x| std::cmp::Reverse(x.1));
    for ((f, g, p), k) in w.iter().take(std::env::var("TOPW").ok().and_then(|x| x.parse().ok()).unwrap_or(40)) {
        println!("{f:15} gold {g:6} pred {p:6} {k}");
    }
}
