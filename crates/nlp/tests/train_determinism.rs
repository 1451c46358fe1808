//! Training is deterministic for a seed, and a model survives its byte form.

use petrel_model::{Sentence, Token};
use petrel_nlp::tagger::{TaggerModel, TaggerTrainOptions};

/// A tiny treebank: (form, upos, xpos, lemma, feats) per word.
fn corpus() -> Vec<Sentence> {
    let raw: &[&[(&str, &str, &str, &str, &str)]] = &[
        &[("The", "DET", "DT", "the", "Definite=Def|PronType=Art"), ("dogs", "NOUN", "NNS", "dog", "Number=Plur"), ("barked", "VERB", "VBD", "bark", "Mood=Ind|Tense=Past|VerbForm=Fin"), (".", "PUNCT", ".", ".", "")],
        &[("A", "DET", "DT", "a", "Definite=Ind|PronType=Art"), ("cat", "NOUN", "NN", "cat", "Number=Sing"), ("runs", "VERB", "VBZ", "run", "Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin"), (".", "PUNCT", ".", ".", "")],
        &[("Cats", "NOUN", "NNS", "cat", "Number=Plur"), ("do", "AUX", "VBP", "do", "Mood=Ind|Tense=Pres|VerbForm=Fin"), ("n't", "PART", "RB", "not", "Polarity=Neg"), ("bark", "VERB", "VB", "bark", "VerbForm=Inf"), (".", "PUNCT", ".", ".", "")],
        &[("Paris", "PROPN", "NNP", "Paris", "Number=Sing"), ("sleeps", "VERB", "VBZ", "sleep", "Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin"), ("!", "PUNCT", ".", "!", "")],
    ];
    raw.iter()
        .map(|s| Sentence {
            tokens: s
                .iter()
                .map(|(f, u, x, l, ft)| Token { form: f.to_string(), upos: u.to_string(), xpos: x.to_string(), lemma: l.to_string(), feats: ft.to_string(), ..Default::default() })
                .collect(),
            ..Default::default()
        })
        .collect()
}

#[test]
fn tagger_training_is_deterministic_and_round_trips() {
    let data = corpus();
    let opts = TaggerTrainOptions { epochs: 4, seed: 7, two_pass: true, word_dropout: 0.0, ..Default::default() };
    let mut lines = Vec::new();
    let a = TaggerModel::train(&data, &data, &opts, &mut |l| lines.push(l.to_string()));
    let b = TaggerModel::train(&data, &data, &opts, &mut |_| {});
    assert_eq!(a.to_bytes(), b.to_bytes(), "same seed, same model");
    assert!(lines.iter().any(|l| l.starts_with("pass 1 epoch 1: train acc")), "{lines:?}");
    let c = TaggerModel::from_bytes(&a.to_bytes()).unwrap();
    assert_eq!(c.to_bytes(), a.to_bytes());
    // it learned its training data
    let sc = c.evaluate(&data);
    assert_eq!(sc.upos, sc.words, "train UPOS");
    for g in &data {
        let mut s = g.clone();
        c.tag(&mut s);
        for (a, b) in s.tokens.iter().zip(&g.tokens).filter(|(a, b)| a.xpos == b.xpos) {
            // (a 4-sentence corpus cannot teach every XPOS; lemmas follow the predicted XPOS)
            assert_eq!((a.form.as_str(), a.lemma.as_str()), (b.form.as_str(), b.lemma.as_str()), "train lemma");
        }
    }
    let mut s = data[2].clone();
    c.tag(&mut s);
    assert_eq!(s.tokens[2].feats, "Polarity=Neg");
    // corrupt bytes are an error, never a panic
    let bytes = a.to_bytes();
    for cut in [0, 4, 9, bytes.len() / 2, bytes.len() - 1] {
        assert!(TaggerModel::from_bytes(&bytes[..cut]).is_err(), "cut at {cut}");
    }
}
