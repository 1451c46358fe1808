//! Document tone from the VADER lexicon (`data/tone/`, MIT, Hutto & Gilbert 2014), reported the
//! way GDELT's V1.5TONE field is: tone = positive% - negative%, positive and negative scores as
//! percentages of all words, polarity = their sum, activity reference density = % of words that
//! are verbs, self/group reference density = % of first-person pronouns, word count.

use petrel_model::Sentence;
use serde::Serialize;
use std::collections::HashMap;
use std::io::Read;
use std::sync::OnceLock;

static LEXICON_GZ: &[u8] = include_bytes!("../../../data/tone/vader_lexicon.txt.gz");

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Tone {
    pub tone: f64,
    pub positive: f64,
    pub negative: f64,
    pub polarity: f64,
    pub activity_density: f64,
    pub self_group_density: f64,
    pub words: usize,
    pub positive_words: usize,
    pub negative_words: usize,
}

fn lexicon() -> &'static HashMap<String, f32> {
    static L: OnceLock<HashMap<String, f32>> = OnceLock::new();
    L.get_or_init(|| {
        let mut text = String::new();
        // The embedded file is ours and fixed; a decoding failure leaves the lexicon empty.
        let _ = flate2::read::GzDecoder::new(LEXICON_GZ).read_to_string(&mut text);
        text.lines()
            .filter_map(|l| {
                let mut f = l.split('\t');
                let w = f.next()?;
                let v: f32 = f.next()?.parse().ok()?;
                Some((w.to_string(), v))
            })
            .collect()
    })
}

/// Number of entries in the embedded lexicon.
pub fn lexicon_size() -> usize {
    lexicon().len()
}

const SELF_GROUP: &[&str] = &["i", "me", "my", "mine", "we", "us", "our", "ours", "myself", "ourselves"];

pub fn score(sentences: &[Sentence]) -> Tone {
    let lex = lexicon();
    let mut t = Tone::default();
    let mut verbs = 0usize;
    let mut selfg = 0usize;
    for s in sentences {
        for tok in &s.tokens {
            if !tok.form.chars().any(|c| c.is_alphanumeric()) {
                continue;
            }
            t.words += 1;
            let w = tok.form.to_lowercase();
            match lex.get(&w) {
                Some(v) if *v > 0.0 => t.positive_words += 1,
                Some(v) if *v < 0.0 => t.negative_words += 1,
                _ => {}
            }
            if tok.upos == "VERB" {
                verbs += 1;
            }
            if SELF_GROUP.contains(&w.as_str()) {
                selfg += 1;
            }
        }
    }
    if t.words > 0 {
        let pct = |n: usize| 100.0 * n as f64 / t.words as f64;
        t.positive = pct(t.positive_words);
        t.negative = pct(t.negative_words);
        t.tone = t.positive - t.negative;
        t.polarity = t.positive + t.negative;
        t.activity_density = pct(verbs);
        t.self_group_density = pct(selfg);
    }
    t
}
