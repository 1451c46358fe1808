//! Parser tests: a tiny CoNLL-U corpus, determinism, robustness on odd input, the model format.

use super::*;
use petrel_model::Token;

/// A tiny corpus (UD v2 style, hand-written): ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL.
const TINY: &str = "\
1	Rebels	rebel	NOUN	NNS	_	2	nsubj
2	attacked	attack	VERB	VBD	_	0	root
3	the	the	DET	DT	_	4	det
4	capital	capital	NOUN	NN	_	2	obj
5	.	.	PUNCT	.	_	2	punct

1	The	the	DET	DT	_	2	det
2	minister	minister	NOUN	NN	_	3	nsubj
3	met	meet	VERB	VBD	_	0	root
4	envoys	envoy	NOUN	NNS	_	3	obj
5	in	in	ADP	IN	_	6	case
6	Paris	Paris	PROPN	NNP	_	3	obl
7	on	on	ADP	IN	_	8	case
8	Monday	Monday	PROPN	NNP	_	3	obl
9	.	.	PUNCT	.	_	3	punct

1	Troops	troop	NOUN	NNS	_	3	nsubj:pass
2	were	be	AUX	VBD	_	3	aux:pass
3	sent	send	VERB	VBN	_	0	root
4	to	to	ADP	IN	_	6	case
5	the	the	DET	DT	_	6	det
6	border	border	NOUN	NN	_	3	obl
7	.	.	PUNCT	.	_	3	punct

1	Police	police	NOUN	NNS	_	2	nsubj
2	said	say	VERB	VBD	_	0	root
3	protesters	protester	NOUN	NNS	_	4	nsubj
4	threw	throw	VERB	VBD	_	2	ccomp
5	stones	stone	NOUN	NNS	_	4	obj
6	and	and	CCONJ	CC	_	7	cc
7	burned	burn	VERB	VBD	_	4	conj
8	cars	car	NOUN	NNS	_	7	obj
9	.	.	PUNCT	.	_	2	punct

1	Iran	Iran	PROPN	NNP	_	2	nsubj
2	rejected	reject	VERB	VBD	_	0	root
3	the	the	DET	DT	_	4	det
4	offer	offer	NOUN	NN	_	2	obj
5	that	that	PRON	WDT	_	7	obj
6	Washington	Washington	PROPN	NNP	_	7	nsubj
7	made	make	VERB	VBD	_	4	acl:relcl
8	.	.	PUNCT	.	_	2	punct
";

/// Minimal reader for the test corpus: 8 tab-separated columns, blank line between sentences.
fn read(src: &str) -> Vec<Sentence> {
    src.split("\n\n")
        .filter(|b| !b.trim().is_empty())
        .map(|block| Sentence {
            tokens: block
                .lines()
                .map(|line| {
                    let c: Vec<&str> = line.split('\t').collect();
                    Token {
                        form: c[1].into(),
                        lemma: c[2].into(),
                        upos: c[3].into(),
                        xpos: c[4].into(),
                        head: c[6].parse().unwrap(),
                        deprel: c[7].into(),
                        ..Token::default()
                    }
                })
                .collect(),
            ..Sentence::default()
        })
        .collect()
}

fn tiny_model(seed: u64) -> ParserModel {
    let corpus = read(TINY);
    ParserModel::train(&corpus, &corpus, &ParserTrainOptions { epochs: 8, seed, ..Default::default() }, &mut |_| {})
}

/// Panics with a description unless `s` is a tree: one root, heads in range, no cycle.
fn assert_tree(s: &Sentence) {
    let n = s.tokens.len();
    if n == 0 {
        return;
    }
    assert_eq!(s.roots().count(), 1, "one root in {:?}", heads(s));
    for i in 0..n {
        assert!(s.tokens[i].head as usize <= n, "head in range");
        assert!(!s.tokens[i].deprel.is_empty(), "a label");
        let mut k = i;
        let mut steps = 0;
        while let Some(h) = s.head_of(k) {
            k = h;
            steps += 1;
            assert!(steps <= n, "cycle through word {} in {:?}", i + 1, heads(s));
        }
    }
    for (i, t) in s.tokens.iter().enumerate() {
        assert_eq!(t.head == 0, t.deprel == "root", "word {} head {} deprel {}", i + 1, t.head, t.deprel);
    }
}

fn heads(s: &Sentence) -> Vec<u32> {
    s.tokens.iter().map(|t| t.head).collect()
}

#[test]
fn training_is_deterministic_for_a_seed() {
    let a = tiny_model(7).to_bytes();
    let b = tiny_model(7).to_bytes();
    assert_eq!(a, b);
}

#[test]
fn learns_the_tiny_corpus() {
    let corpus = read(TINY);
    let model = tiny_model(3);
    let sc = model.evaluate(&corpus);
    assert_eq!(sc.words, 38);
    assert!(sc.las() >= 95.0, "LAS on its own training data {}", sc.las());
    // full labels (with subtypes) come back
    let mut s = corpus[2].clone();
    model.parse(&mut s);
    assert_eq!(s.tokens[0].deprel, "nsubj:pass");
}

#[test]
fn odd_input_always_yields_a_tree() {
    let model = tiny_model(1);
    let word = |form: &str, upos: &str, xpos: &str| Token {
        form: form.into(),
        upos: upos.into(),
        xpos: xpos.into(),
        head: 77,
        deprel: "junk".into(),
        ..Token::default()
    };
    let cases: Vec<(&str, Vec<Token>)> = vec![
        ("empty", vec![]),
        ("one word", vec![word("Hello", "INTJ", "UH")]),
        ("one punctuation mark", vec![word(".", "PUNCT", ".")]),
        ("missing tags", vec![word("Rebels", "", ""), word("attacked", "", ""), word("Kabul", "", "")]),
        ("underscore tags", vec![word("Rebels", "_", "_"), word("attacked", "_", "_")]),
        ("odd text", vec![word("", "X", "XX"), word("\u{fffd}\u{0}", "SYM", "NFP"), word("ＡＢＣ", "PROPN", "NNP")]),
        ("300 words", (0..300).map(|i| word(["the", "army", "shelled", "towns", ","][i % 5], "NOUN", "NN")).collect()),
        ("all verbs", (0..40).map(|_| word("attacked", "VERB", "VBD")).collect()),
    ];
    for (name, tokens) in cases {
        let mut s = Sentence { tokens, ..Sentence::default() };
        model.parse(&mut s);
        assert_tree(&s);
        if name == "empty" {
            assert!(s.tokens.is_empty());
        }
    }
}

#[test]
fn model_bytes_round_trip_plain_and_gzipped() {
    use std::io::Write;
    let corpus = read(TINY);
    let model = tiny_model(5);
    let bytes = model.to_bytes();
    let back = ParserModel::from_bytes(&bytes).unwrap();
    assert_eq!(back.to_bytes(), bytes);
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&bytes).unwrap();
    let back = ParserModel::from_bytes(&gz.finish().unwrap()).unwrap();
    for s in &corpus {
        let (mut a, mut b) = (s.clone(), s.clone());
        model.parse(&mut a);
        back.parse(&mut b);
        assert_eq!(a, b);
    }
}

#[test]
fn corrupt_model_bytes_are_errors_not_panics() {
    let bytes = tiny_model(5).to_bytes();
    // every truncation
    for cut in 0..bytes.len() {
        assert!(ParserModel::from_bytes(&bytes[..cut]).is_err(), "truncated at {cut}");
    }
    // trailing junk, wrong magic, wrong version, a class out of range
    let mut long = bytes.clone();
    long.push(0);
    assert!(ParserModel::from_bytes(&long).is_err());
    let mut magic = bytes.clone();
    magic[0] = b'X';
    assert!(matches!(ParserModel::from_bytes(&magic), Err(NlpError::CorruptModel { .. })));
    let mut version = bytes.clone();
    version[8] = 99;
    assert!(matches!(ParserModel::from_bytes(&version), Err(NlpError::ModelVersion { found: 99, .. })));
    assert!(ParserModel::from_bytes(&[0x1f, 0x8b, 0, 1, 2]).is_err(), "broken gzip");
    // flipping any single byte never panics (it may still load: weights are just numbers)
    for i in 0..bytes.len() {
        let mut b = bytes.clone();
        b[i] ^= 0xa5;
        if let Ok(m) = ParserModel::from_bytes(&b) {
            let mut s = read(TINY).remove(0);
            m.parse(&mut s);
            assert_tree(&s);
        }
    }
}

#[test]
fn broken_training_trees_are_skipped_and_logged() {
    let mut corpus = read(TINY);
    corpus[0].tokens[0].head = 42; // out of range
    corpus[1].tokens[0].head = 0; // a second root
    let mut lines = Vec::new();
    let _ = ParserModel::train(&corpus, &[], &ParserTrainOptions { epochs: 1, seed: 1, tag_noise: 0.0 }, &mut |l| {
        lines.push(l.to_string())
    });
    assert!(lines[0].contains("3 training sentences (2 skipped"), "{}", lines[0]);
    assert!(lines[1].starts_with("epoch 1:"), "{}", lines[1]);
}

#[test]
fn attachment_scores_compare_universal_labels() {
    let gold = read(TINY);
    // (change to the prediction, expected UAS hits, expected LAS hits) over sentence 3 (7 words)
    type Change = fn(&mut Sentence);
    let cases: [(&str, Change, usize, usize); 4] = [
        ("identical", |_| {}, 7, 7),
        ("subtype differs only", |s| s.tokens[0].deprel = "nsubj".into(), 7, 7),
        ("label differs", |s| s.tokens[0].deprel = "obj".into(), 7, 6),
        ("head differs", |s| s.tokens[3].head = 5, 6, 6),
    ];
    for (name, change, uas, las) in cases {
        let mut p = gold[2].clone();
        change(&mut p);
        let sc = attachment_scores(&gold[2..3], &[p]);
        assert_eq!((sc.words, sc.head_correct, sc.labelled_correct), (7, uas, las), "{name}");
    }
    // a missing prediction counts its gold words as wrong
    let sc = attachment_scores(&gold[..2], &gold[..1]);
    assert_eq!((sc.words, sc.head_correct), (14, 5));
}

#[test]
fn pruning_shrinks_the_model_and_keeps_trees() {
    let model = tiny_model(2);
    assert_eq!(model.pruned(0).to_bytes(), model.to_bytes(), "pruning nothing is the identity");
    let small = model.pruned(8000);
    assert!(small.size() < model.size(), "{} < {}", small.size(), model.size());
    let everything = model.pruned(i16::MAX);
    assert_eq!(everything.size(), 0);
    for m in [&small, &everything] {
        for mut s in read(TINY) {
            m.parse(&mut s);
            assert_tree(&s);
        }
    }
}

#[test]
fn word_forms_are_normalised() {
    // (form, normalised)
    let cases = [("Kabul", "kabul"), ("1,200", "0,000"), ("ÉLYSÉE", "élysée"), ("", ""), ("G7", "g0")];
    let mut buf = String::new();
    for (form, want) in cases {
        features::norm_form(form, &mut buf);
        assert_eq!(buf, want, "{form}");
    }
}

#[test]
fn weight_sums_match_the_runs_dense_or_sparse() {
    // (class count, dense rows allowed): rows of 128, 64 and 8 classes; long runs as dense rows,
    // or (past the row limit) as sparse runs whose length is read from their header
    for (nclass, max_rows) in [(103usize, usize::MAX), (103, 1), (103, 0), (33, usize::MAX), (7, usize::MAX)] {
        check_weight_sums(nclass, max_rows);
    }
}

fn check_weight_sums(nclass: usize, max_rows: usize) {
    // (key, run of (class, weight)): runs shorter and longer than the dense-row threshold, of
    // 15 and 16 weights (the longest kept in a slot, the shortest given a row), a class at the
    // top of the range, keys that collide on their home slot's neighbours
    let top = nclass as u16 - 1;
    let long: Vec<(u16, i16)> = (0..top).step_by(2).map(|c| (c, 300 - 7 * c as i16)).collect();
    let runs: Vec<(u64, Vec<(u16, i16)>)> = vec![
        (3, vec![(0, 5)]),
        (5, vec![(1, -9), (top, 32000)]),
        (1 << 40 | 1, long.clone()),
        (u64::MAX - 2, long.iter().map(|&(c, w)| (c + 1, -w)).collect()),
        (77, (0..15u16).map(|c| ((c * 3) % (top + 1), c as i16 - 7)).collect()),
        (79, (0..16u16).map(|c| ((c * 5) % (top + 1), 2 * c as i16 + 1)).collect()),
    ];
    let mut sorted = runs.clone();
    sorted.sort_by_key(|r| r.0);
    // a run lists each class once, in order
    for r in &mut sorted {
        r.1.sort_by_key(|e| e.0);
        r.1.dedup_by_key(|e| e.0);
    }
    let runs = sorted.clone();
    let keys: Vec<u64> = sorted.iter().map(|r| r.0).collect();
    let counts: Vec<u16> = sorted.iter().map(|r| r.1.len() as u16).collect();
    let classes: Vec<u16> = sorted.iter().flat_map(|r| r.1.iter().map(|e| e.0)).collect();
    let qweights: Vec<i16> = sorted.iter().flat_map(|r| r.1.iter().map(|e| e.1)).collect();
    let w = weights::Weights::build_limited(nclass, 1.0, keys, counts, classes, qweights, max_rows);
    // every subset of the runs, plus keys the table lacks, in the feature array
    for mask in 0u32..(1 << runs.len()) {
        let mut feats = [9u64, 11, 13, 15, 17, 19, 21];
        let mut want = vec![0i32; nclass];
        for (i, (k, run)) in runs.iter().enumerate() {
            if mask & (1 << i) != 0 {
                feats[i] = *k;
                for &(c, q) in run {
                    want[c as usize] += i32::from(q);
                }
            }
        }
        let mut got = vec![0i32; w.score_len()];
        w.score(&feats, &mut got);
        assert_eq!(&got[..nclass], &want[..], "{nclass} classes, {max_rows} rows: subset {mask:b}");
        assert!(got[nclass..].iter().all(|&s| s == 0));
    }
    for (k, run) in &runs {
        let mass: i64 = run.iter().map(|&(_, q)| i64::from(q).abs()).sum();
        assert_eq!(w.mass(*k), Some(mass), "mass of {k}");
    }
    assert_eq!(w.mass(9), None);
}

/// Sentences in many shapes for the decoder tests: the tiny corpus, its words shuffled into
/// random sentences of 1 to 60 words with tags kept or dropped, and the odd inputs.
fn varied_sentences() -> Vec<Sentence> {
    let corpus = read(TINY);
    let words: Vec<Token> = corpus.iter().flat_map(|s| s.tokens.clone()).collect();
    let mut rng = Rng(99);
    let mut out = corpus.clone();
    for _ in 0..300 {
        let len = 1 + rng.below(60);
        let tokens = (0..len)
            .map(|_| {
                let mut t = words[rng.below(words.len())].clone();
                if rng.below(10) == 0 {
                    t.xpos.clear();
                }
                t
            })
            .collect();
        out.push(Sentence { tokens, ..Sentence::default() });
    }
    out
}

#[test]
fn grouped_templates_are_feature_set_4() {
    // the groups cover every template index once
    let g = &features::GROUP_TEMPLATES;
    let mut all: Vec<usize> = g.b.iter().chain(&g.bl).chain(&g.s0).chain(&g.s).chain(&g.s1).chain(&g.m).copied().collect();
    all.sort_unstable();
    assert_eq!(all, (0..NFEAT).collect::<Vec<_>>());
    // and extract() writes the hashes the original template list wrote, in every state met while
    // parsing varied sentences with a model's own transitions
    let model = tiny_model(4);
    let (mut want, mut got) = ([0u64; NFEAT], [0u64; NFEAT]);
    let mut states = 0;
    for mut s in varied_sentences() {
        let n = s.tokens.len();
        model.parse(&mut s);
        let atoms = Atoms::new(s.tokens.iter().map(|t| (t.form.as_str(), t.xpos.as_str(), t.upos.as_str())));
        // replay the parse: LEFT to b0 or RIGHT to s1 when the parse says so, SHIFT otherwise
        let head: Vec<u32> = s.tokens.iter().map(|t| if t.head == 0 { n as u32 } else { t.head - 1 }).collect();
        let mut st = system::State::new(n);
        while !st.terminal() {
            reference_extract(&st, &atoms, &mut want);
            extract(&st, &atoms, &mut got);
            if let Some(k) = (0..NFEAT).find(|&k| got[k] != want[k]) {
                panic!("template {k} hashes differently in state {states}");
            }
            states += 1;
            let s0 = st.s(0);
            let other = usize::from(model.root_label == 0);
            let to_root = if st.b >= n { model.root_label } else { other };
            let c = if st.can_left() && head[s0 as usize] == st.b as u32 {
                left(to_root)
            } else if st.can_right() && head[s0 as usize] == st.s(1) {
                right(other)
            } else if st.can_shift() {
                SHIFT
            } else if st.can_right() {
                right(other)
            } else {
                left(to_root)
            };
            st.apply(c);
        }
    }
    assert!(states > 5000, "{states} states");
}

/// The cached decoder must give exactly the parses of scoring every template at every step.
fn assert_cached_equals_uncached(model: &ParserModel, sents: &[Sentence]) {
    for (i, s) in sents.iter().enumerate() {
        let (mut a, mut b) = (s.clone(), s.clone());
        model.parse(&mut a);
        model.parse_with(&mut b, true);
        let hl = |s: &Sentence| s.tokens.iter().map(|t| (t.head, t.deprel.clone())).collect::<Vec<_>>();
        assert_eq!(hl(&a), hl(&b), "sentence {i}");
    }
}

#[test]
fn cached_decoder_equals_uncached_on_varied_sentences() {
    for seed in [1, 2] {
        assert_cached_equals_uncached(&tiny_model(seed), &varied_sentences());
    }
}

/// Minimal CoNLL-U reader (10 columns, comments and multiword/empty-node lines skipped).
fn read_conllu(src: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    for block in src.split("\n\n") {
        let tokens: Vec<Token> = block
            .lines()
            .map(|l| l.split('\t').collect::<Vec<_>>())
            .filter(|c| c.len() == 10 && !c[0].contains(['-', '.']))
            .map(|c| Token { form: c[1].into(), upos: c[3].into(), xpos: c[4].into(), ..Token::default() })
            .collect();
        if !tokens.is_empty() {
            out.push(Sentence { tokens, ..Sentence::default() });
        }
    }
    out
}

#[test]
fn cached_decoder_equals_uncached_with_the_shipped_model() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let Ok(bytes) = std::fs::read(root.join("../../data/models/parser.bin.gz")) else {
        eprintln!("skipped: no data/models/parser.bin.gz");
        return;
    };
    let model = ParserModel::from_bytes(&bytes).unwrap();
    assert_cached_equals_uncached(&model, &varied_sentences());
    // 400 sentences of the EWT dev set (gold tags), when the evaluation data is there
    match std::fs::read_to_string(root.join("../../../shared/data/ud-english-ewt/en_ewt-ud-dev.conllu")) {
        Ok(src) => {
            let dev = read_conllu(&src);
            assert!(dev.len() > 1000, "{} dev sentences", dev.len());
            assert_cached_equals_uncached(&model, &dev[..400]);
        }
        Err(_) => eprintln!("skipped the EWT dev part: evaluation data lives in ../shared"),
    }
}

fn ref_fmix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

fn ref_mix(h: u64, v: u64) -> u64 {
    (h.rotate_left(23) ^ v).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

fn ref_dist_bucket(a: u32, b: u32) -> u64 {
    if a == NONE || b == NONE {
        return 0;
    }
    match a.abs_diff(b) {
        d @ 0..=4 => u64::from(d),
        5..=6 => 5,
        7..=9 => 6,
        _ => 7,
    }
}

/// Feature set 4 as one sequential list of templates (set 3 as first written, before the
/// templates were split into groups, less the 23 that set 4 dropped; a template's id is its
/// place in this list): the definition [`features::extract`] must keep, hash for hash and index
/// for index, or the shipped model would be misread.
fn reference_extract(st: &system::State, a: &Atoms, out: &mut [u64; NFEAT]) {
    let none = (st.n + 1) as u32;
    let ix = |i: u32| if i == NONE { none as usize } else { i as usize };
    let s0 = st.s(0);
    let s1 = st.s(1);
    let s2 = st.s(2);
    let bpos = |k: usize| -> u32 {
        let i = st.b + k;
        if i <= st.n {
            i as u32
        } else {
            NONE
        }
    };
    let b0 = bpos(0);
    let b1 = bpos(1);
    let b2 = bpos(2);
    let child = |v: &Vec<u32>, i: u32| if i == NONE { NONE } else { v[i as usize] };
    let s0l = child(&st.lc1, s0);
    let s0l2 = child(&st.lc2, s0);
    let s0r = child(&st.rc1, s0);
    let s0r2 = child(&st.rc2, s0);
    let s1l = child(&st.lc1, s1);
    let s1r = child(&st.rc1, s1);
    let s1r2 = child(&st.rc2, s1);
    let b0l = child(&st.lc1, b0);
    let b0l2 = child(&st.lc2, b0);

    let w = |i: u32| a.w[ix(i)];
    let p = |i: u32| a.p[ix(i)];
    let u = |i: u32| a.u[ix(i)];
    // Label of an attached child (0 when absent).
    let lab = |i: u32| if i == NONE { 0 } else { u64::from(st.label[i as usize]) + 1 };
    let vl = |i: u32| if i == NONE { 99 } else { u64::from(st.nl[i as usize]) };
    let vr = |i: u32| if i == NONE { 99 } else { u64::from(st.nr[i as usize]) };
    let ls = |i: u32| if i == NONE { 0 } else { st.lset[i as usize] };
    let rs = |i: u32| if i == NONE { 0 } else { st.rset[i as usize] };

    let (s0w, s0p, s1w, s1p, b0w, b0p) = (w(s0), p(s0), w(s1), p(s1), w(b0), p(b0));
    let (b1w, b1p, b2w, b2p, s2w, s2p) = (w(b1), p(b1), w(b2), p(b2), w(s2), p(s2));
    let d = ref_dist_bucket(s0, b0);
    let d1 = ref_dist_bucket(s1, s0);

    let mut k = 0usize;
    let mut put = |vals: &[u64]| {
        let mut h = (k as u64 + 1).wrapping_mul(0xd6e8_feb8_6659_fd93);
        for &v in vals {
            h = ref_mix(h, v);
        }
        out[k] = ref_fmix(h) | 1; // 0 is the empty-slot marker of the weight table
        k += 1;
    };
    // unigrams
    put(&[s0w]);
    put(&[s0p]);
    put(&[s1w]);
    put(&[s1p]);
    put(&[b0w]);
    put(&[b0p]);
    put(&[b1w]);
    put(&[b1p]);
    put(&[b1w, b1p]);
    put(&[b2w]);
    put(&[b2p]);
    put(&[b2w, b2p]);
    put(&[s2p]);
    put(&[s2w]);
    // pairs s0-b0
    put(&[s0p, b0p]);
    put(&[b0p, b1p]);
    // pairs s1-s0
    // s1-b0
    put(&[s1p, b0p]);
    // triples of tags
    put(&[b0p, b1p, b2p]);
    put(&[s0p, p(s0r), b0p]);
    put(&[s1p, s0p, p(s0r)]);
    // distance
    put(&[s0p, d]);
    put(&[b0w, d]);
    put(&[b0p, d]);
    put(&[s0p, b0p, d]);
    put(&[s1p, s0p, d1]);
    // valency
    put(&[s0w, vl(s0)]);
    put(&[s0p, vl(s0)]);
    put(&[s0w, vr(s0)]);
    put(&[s0p, vr(s0)]);
    put(&[b0w, vl(b0)]);
    put(&[b0p, vl(b0)]);
    put(&[s1w, vr(s1)]);
    put(&[s1p, vr(s1)]);
    put(&[s1p, vl(s1)]);
    // children
    put(&[w(s0l)]);
    put(&[p(s0l)]);
    put(&[lab(s0l)]);
    put(&[w(s0r)]);
    put(&[p(s0r)]);
    put(&[lab(s0r)]);
    put(&[w(b0l)]);
    put(&[p(b0l)]);
    put(&[lab(b0l)]);
    put(&[w(s1r)]);
    put(&[p(s1r)]);
    put(&[lab(s1r)]);
    put(&[p(s1l)]);
    put(&[lab(s1l)]);
    put(&[w(s1l)]);
    put(&[w(s0l2)]);
    put(&[p(s0l2)]);
    put(&[lab(s0l2)]);
    put(&[w(s0r2)]);
    put(&[p(s0r2)]);
    put(&[lab(s0r2)]);
    put(&[w(b0l2)]);
    put(&[p(b0l2)]);
    put(&[lab(b0l2)]);
    put(&[p(s1r2)]);
    put(&[lab(s1r2)]);
    put(&[s0p, p(s0l), p(s0l2)]);
    put(&[s0p, p(s0r), p(s0r2)]);
    put(&[b0p, p(b0l), p(b0l2)]);
    put(&[s1p, p(s1r), p(s1r2)]);
    // label sets
    put(&[s0p, ls(s0)]);
    put(&[s0p, rs(s0)]);
    put(&[b0p, ls(b0)]);
    put(&[s1p, rs(s1)]);
    put(&[s1p, ls(s1)]);
    // universal tags
    put(&[u(s0), u(b0)]);
    put(&[u(s1), u(s0), u(b0)]);
    put(&[u(s0), u(b0), u(b1)]);
    // child labels with tags
    put(&[s0p, lab(s0l), lab(s0r)]);
    // suffixes and the two most useful word pairs (robust to tagging errors)
    let x = |i: u32| a.x[ix(i)];
    put(&[x(s0)]);
    put(&[x(b0)]);
    put(&[x(b1)]);
    debug_assert_eq!(k, NFEAT);
}
