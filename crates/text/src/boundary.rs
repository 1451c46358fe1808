//! A learned sentence-boundary classifier for the places rules cannot see: web and e-mail text
//! without final punctuation (`Thanks, Sean Here you go`, `08:02 PM All: It is...`).
//!
//! It only ever ADDS a boundary inside a sentence the rules made, at a gap before a token that
//! does not start in lowercase, never right after a stop, an abbreviation or a title, and never
//! between glued tokens. A binary averaged perceptron over hashed features of the words around the
//! gap, trained on UD English EWT train (`examples/train_boundary.rs`, deterministic: fixed order,
//! fixed epochs), stored sparse in `data/boundary.bin` and embedded in the binary.

use crate::tokenize::NTok;
use std::sync::OnceLock;

/// Hash table size for features (2^18).
const BITS: u32 = 18;
const MASK: u32 = (1 << BITS) - 1;
/// Score above which a boundary is added (tuned on EWT dev).
pub(crate) const THRESHOLD: f32 = 0.0;

static WEIGHTS_BIN: &[u8] = include_bytes!("../data/boundary.bin");

/// Dense weights built once from the embedded sparse file (little-endian u32 index, f32 weight).
fn weights() -> &'static [f32] {
    static W: OnceLock<Vec<f32>> = OnceLock::new();
    W.get_or_init(|| {
        let mut w = vec![0.0f32; 1 << BITS];
        for rec in WEIGHTS_BIN.chunks_exact(8) {
            let i = u32::from_le_bytes([rec[0], rec[1], rec[2], rec[3]]) & MASK;
            w[i as usize] = f32::from_le_bytes([rec[4], rec[5], rec[6], rec[7]]);
        }
        w
    })
}

/// FNV-1a over a template id and parts.
fn hash(template: u8, parts: &[&[u8]]) -> u32 {
    let mut h: u64 = 0xcbf29ce484222325;
    let mut eat = |b: u8| {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    };
    eat(template);
    for p in parts {
        for &b in *p {
            eat(b);
        }
        eat(0xFF);
    }
    ((h >> 32) as u32 ^ h as u32) & MASK
}

/// Word shape: `Xx`, `x`, `d`, `X`, `d:d`... (runs of a class collapsed, at most 6 classes).
fn shape(w: &str, out: &mut Vec<u8>) {
    out.clear();
    for c in w.chars() {
        let k = if c.is_uppercase() {
            b'X'
        } else if c.is_lowercase() {
            b'x'
        } else if c.is_numeric() {
            b'd'
        } else if c.is_ascii() {
            c as u8
        } else {
            b'*'
        };
        if out.last() != Some(&k) {
            out.push(k);
            if out.len() >= 6 {
                break;
            }
        }
    }
}

/// Lowercased word, at most 24 bytes.
fn lower(w: &str, out: &mut Vec<u8>) {
    out.clear();
    for c in w.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase() as u8);
        } else {
            for l in c.to_lowercase() {
                let mut buf = [0u8; 4];
                out.extend_from_slice(l.encode_utf8(&mut buf).as_bytes());
            }
        }
        if out.len() >= 24 {
            break;
        }
    }
}

fn bucket(n: usize) -> u8 {
    match n {
        0..=3 => n as u8,
        4..=6 => 4,
        7..=10 => 5,
        11..=20 => 6,
        _ => 7,
    }
}

/// Is the gap after `toks[k]` (inside the sentence `toks[a..b]`) a candidate for the classifier?
pub(crate) fn is_candidate(t: &str, toks: &[NTok], k: usize) -> bool {
    let (p, n) = (&toks[k], &toks[k + 1]);
    if n.cont || !(n.space_before || n.nl_before > 0) {
        return false;
    }
    let nw = &t[n.start as usize..n.end as usize];
    let pw = &t[p.start as usize..p.end as usize];
    if nw.starts_with(|c: char| c.is_lowercase()) {
        return false;
    }
    if pw.ends_with(['.', '!', '?']) || matches!(pw, "(" | "[" | "\"" | "'" | "-" | "&" | "/") {
        return false;
    }
    true
}

/// Reusable buffers for [`features`].
#[derive(Default)]
pub(crate) struct Scratch {
    b: [Vec<u8>; 8],
}

/// Feature hashes for the gap after `toks[k]` in the sentence `toks[a..b]`.
pub(crate) fn features(t: &str, toks: &[NTok], a: usize, b: usize, k: usize, sc: &mut Scratch, out: &mut Vec<u32>) {
    out.clear();
    let word = |i: usize| -> &str {
        if i < a || i >= b {
            return "<s>";
        }
        &t[toks[i].start as usize..toks[i].end as usize]
    };
    let [lp, ln, sp, sn, sp2, sn2, ln2, lp2] = &mut sc.b;
    lower(word(k), lp);
    lower(word(k + 1), ln);
    shape(word(k), sp);
    shape(word(k + 1), sn);
    shape(word(k.wrapping_sub(1)), sp2);
    shape(word(k + 2), sn2);
    lower(word(k + 2), ln2);
    lower(word(k.wrapping_sub(1)), lp2);
    let (lp, ln, sp, sn, sp2, sn2, ln2, lp2) = (&lp[..], &ln[..], &sp[..], &sn[..], &sp2[..], &sn2[..], &ln2[..], &lp2[..]);
    let nl = [u8::from(toks[k + 1].nl_before > 0)];
    let since = [bucket(k + 1 - a)];
    let until = [bucket(b - k - 1)];
    out.push(hash(0, &[]));
    out.push(hash(1, &[lp]));
    out.push(hash(2, &[ln]));
    out.push(hash(3, &[sp]));
    out.push(hash(4, &[sn]));
    out.push(hash(5, &[sp, sn]));
    out.push(hash(6, &[lp, sn]));
    out.push(hash(7, &[sp, ln]));
    out.push(hash(8, &[lp, ln]));
    out.push(hash(9, &[sp2, sp, sn]));
    out.push(hash(10, &[sp, sn, sn2]));
    out.push(hash(11, &[ln2]));
    out.push(hash(12, &[lp2]));
    out.push(hash(13, &[lp2, lp]));
    out.push(hash(14, &[ln, ln2]));
    out.push(hash(15, &[&nl, sp, sn]));
    out.push(hash(16, &[&since]));
    out.push(hash(17, &[&until]));
    out.push(hash(18, &[&since, &until, sn]));
}

/// Score of a feature vector with the embedded weights.
pub(crate) fn score(feats: &[u32]) -> f32 {
    let w = weights();
    feats.iter().map(|&f| w[f as usize]).sum()
}

/// Training support for `examples/train_boundary.rs` (not a stable API).
#[doc(hidden)]
pub mod train {
    use super::*;
    use crate::{normalize, sentences, Normalized};
    use petrel_model::Span;
    use std::collections::HashSet;

    /// One training example: feature hashes and whether a sentence ends at the gap.
    pub struct Example {
        pub feats: Vec<u32>,
        pub label: bool,
    }

    /// Candidate gaps of `text` (tokenised and split by the rules only), labelled by the gold
    /// sentence ends (original byte offsets).
    pub fn examples(text: &str, gold_ends: &HashSet<u32>) -> Vec<Example> {
        let norm: Normalized = normalize(text);
        let toks = crate::norm_tokens(&norm);
        let (toks, sents) = sentences::split_rules(&norm.text, toks);
        let mut out = Vec::new();
        let mut sc = Scratch::default();
        for (a, b) in sents {
            for k in a..b.saturating_sub(1) {
                if !is_candidate(&norm.text, &toks, k) {
                    continue;
                }
                let end = norm.span_to_original(Span::new(toks[k].start, toks[k].end)).end;
                let mut feats = Vec::new();
                features(&norm.text, &toks, a, b, k, &mut sc, &mut feats);
                out.push(Example { feats, label: gold_ends.contains(&end) });
            }
        }
        out
    }

    /// Train a binary averaged perceptron; returns the sparse weights (index, weight), sorted.
    pub fn train(data: &[Example], epochs: usize, log: &mut dyn FnMut(&str)) -> Vec<(u32, f32)> {
        let n = 1usize << BITS;
        let mut w = vec![0.0f64; n];
        let mut acc = vec![0.0f64; n]; // sum of updates weighted by time
        let mut t = 1.0f64;
        for ep in 0..epochs {
            let mut errors = 0usize;
            for ex in data {
                let s: f64 = ex.feats.iter().map(|&f| w[f as usize]).sum();
                let pred = s > 0.0;
                if pred != ex.label {
                    errors += 1;
                    let y = if ex.label { 1.0 } else { -1.0 };
                    for &f in &ex.feats {
                        w[f as usize] += y;
                        acc[f as usize] += y * t;
                    }
                }
                t += 1.0;
            }
            log(&format!("epoch {}: {} errors / {} examples", ep + 1, errors, data.len()));
        }
        // averaged weights: w - acc / t
        let mut out = Vec::new();
        for i in 0..n {
            let avg = w[i] - acc[i] / t;
            if avg.abs() > 1e-6 {
                out.push((i as u32, avg as f32));
            }
        }
        out
    }

    /// Serialise sparse weights as the embedded file format.
    pub fn to_bytes(weights: &[(u32, f32)]) -> Vec<u8> {
        let mut b = Vec::with_capacity(weights.len() * 8);
        for (i, w) in weights {
            b.extend_from_slice(&i.to_le_bytes());
            b.extend_from_slice(&w.to_le_bytes());
        }
        b
    }
}
