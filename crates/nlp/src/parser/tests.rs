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
    // (key, run of (class, weight)): runs shorter and longer than the dense-row threshold, a
    // class at the top of the range, keys that collide on their home slot's neighbours
    let nclass = 103usize;
    let long: Vec<(u16, i16)> = (0..nclass as u16 - 1).step_by(2).map(|c| (c, 300 - 7 * c as i16)).collect();
    let runs: Vec<(u64, Vec<(u16, i16)>)> = vec![
        (3, vec![(0, 5)]),
        (5, vec![(1, -9), (102, 32000)]),
        (1 << 40 | 1, long.clone()),
        (u64::MAX - 2, long.iter().map(|&(c, w)| (c + 1, -w)).collect()),
        (77, (0..15u16).map(|c| (c * 3, c as i16 - 7)).collect()),
    ];
    let mut sorted = runs.clone();
    sorted.sort_by_key(|r| r.0);
    let keys: Vec<u64> = sorted.iter().map(|r| r.0).collect();
    let counts: Vec<u16> = sorted.iter().map(|r| r.1.len() as u16).collect();
    let classes: Vec<u16> = sorted.iter().flat_map(|r| r.1.iter().map(|e| e.0)).collect();
    let qweights: Vec<i16> = sorted.iter().flat_map(|r| r.1.iter().map(|e| e.1)).collect();
    let w = weights::Weights::build(nclass, 1.0, keys, counts, classes, qweights);
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
        assert_eq!(&got[..nclass], &want[..], "subset {mask:b}");
        assert!(got[nclass..].iter().all(|&s| s == 0));
    }
}
