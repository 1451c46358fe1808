//! Transition-based dependency parser: arc-hybrid transitions, greedy decoding, an averaged
//! perceptron over rich hashed feature templates, trained with a dynamic oracle.
//!
//! - [`ParserModel::train`] learns from gold UD trees (non-projective ones are made projective by
//!   lifting arcs; tags get noise from the train set's ambiguity classes so the parser copes with
//!   a tagger's mistakes), choosing the epoch with the best dev LAS.
//! - [`ParserModel::parse`] reads each token's form, UPOS and XPOS and writes `head` and `deprel`
//!   (full UD v2 labels with subtypes, `nsubj:pass`, `acl:relcl`...). The result is always a tree:
//!   one root, no cycle, every head in range, projective.
//! - [`ParserModel::to_bytes`] / [`ParserModel::from_bytes`]: the model file (gzip'ed or not).
//! - [`attachment_scores`]: UAS/LAS, CoNLL 2018 style.
//!
//! ```
//! use petrel_model::{Sentence, Token};
//! use petrel_nlp::parser::{ParserModel, ParserTrainOptions};
//! let tok = |form: &str, upos: &str, xpos: &str, head: u32, deprel: &str| Token {
//!     form: form.into(), upos: upos.into(), xpos: xpos.into(), head, deprel: deprel.into(),
//!     ..Token::default()
//! };
//! let gold = Sentence {
//!     tokens: vec![tok("Rebels", "NOUN", "NNS", 2, "nsubj"), tok("attacked", "VERB", "VBD", 0, "root"),
//!                  tok("Kabul", "PROPN", "NNP", 2, "obj")],
//!     ..Sentence::default()
//! };
//! let opts = ParserTrainOptions { epochs: 3, ..Default::default() };
//! let model = ParserModel::train(&[gold.clone()], &[], &opts, &mut |_| {});
//! let mut s = gold.clone();
//! model.parse(&mut s);
//! assert_eq!(s.tokens[0].head, 2);
//! let again = ParserModel::from_bytes(&model.to_bytes()).unwrap();
//! assert_eq!(again.labels(), model.labels());
//! ```
//!
//! Scores of the committed model (`data/models/parser.bin.gz`) on UD English EWT v2.16, gold
//! tokenisation, tags from the committed tagger: test UAS 85.76 LAS 83.16 (with gold tags
//! 87.78 / 85.92); dev 85.31 / 82.36.
//!
//! Speed: parsing is bound by weight lookups in tables much larger than the L2 cache. The
//! decoder skips forced moves, keeps each template group's summed weights until a transition
//! changes what the group reads (about 50 lookups per scored transition on EWT dev instead of
//! 76), looks a transition's features up in one batch and prefetches every run it finds, so the
//! cache misses overlap.

mod features;
mod system;
mod weights;

use std::collections::HashMap;
use std::time::Instant;

use petrel_model::Sentence;

use crate::NlpError;
use features::{
    extract, extract_b, extract_bl, extract_m, extract_s, extract_s0, extract_s1, Atoms, FEATURE_SET, NB, NBL, NFEAT,
    NM, NS, NS0, NS1,
};
use system::{costs, is_tree, left, projectivize, right, Gold, State, NONE, SHIFT};
use weights::{Reader, TrainWeights, Weights};

const MAGIC: &[u8; 8] = b"PTRLPARS";
const FORMAT_VERSION: u32 = 1;
/// From this epoch on (1-based), training follows the model's own (possibly wrong) transitions
/// with probability [`EXPLORE_P`], so it learns to recover from its mistakes.
const EXPLORE_FROM_EPOCH: usize = 2;
const EXPLORE_P: f64 = 0.9;
/// Weights below this many quantisation steps (largest weight / 32000) are dropped from the
/// trained model: on EWT dev this keeps about a third of them for -0.1 LAS, and lookups (the
/// parser's main cost) get faster as the table shrinks. See [`ParserModel::pruned`].
const PRUNE_BELOW: i16 = 300;

/// Training options.
#[derive(Clone, Debug)]
pub struct ParserTrainOptions {
    /// Maximum number of passes over the training set (the best epoch on dev is kept).
    pub epochs: usize,
    /// Seed of the shuffling, exploration and tag-noise random numbers.
    pub seed: u64,
    /// Probability that a training word seen with several (UPOS, XPOS) pairs in the train set
    /// gets one of its other pairs, to simulate tagger errors. Use 0 when the train set already
    /// carries predicted (jack-knifed) tags.
    pub tag_noise: f64,
}

impl Default for ParserTrainOptions {
    fn default() -> Self {
        ParserTrainOptions { epochs: 14, seed: 1, tag_noise: 0.2 }
    }
}

/// A trained parser: label set and weights. Immutable; share it behind an `Arc`.
pub struct ParserModel {
    labels: Vec<String>,
    root_label: usize,
    weights: Weights,
}

impl std::fmt::Debug for ParserModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ParserModel")
            .field("labels", &self.labels.len())
            .field("features", &self.weights.features())
            .field("weights", &self.weights.entries())
            .finish()
    }
}

/// Counts for UAS/LAS (CoNLL 2018: every word, punctuation included; labels compared on the
/// universal part before `:`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AttachmentScores {
    pub words: usize,
    pub head_correct: usize,
    pub labelled_correct: usize,
}

impl AttachmentScores {
    pub fn uas(&self) -> f64 {
        100.0 * self.head_correct as f64 / self.words.max(1) as f64
    }
    pub fn las(&self) -> f64 {
        100.0 * self.labelled_correct as f64 / self.words.max(1) as f64
    }
    fn add(&mut self, o: AttachmentScores) {
        self.words += o.words;
        self.head_correct += o.head_correct;
        self.labelled_correct += o.labelled_correct;
    }
}

/// Compare predicted trees with gold ones, sentence by sentence (pairs of different lengths
/// count their gold words as wrong).
pub fn attachment_scores(gold: &[Sentence], pred: &[Sentence]) -> AttachmentScores {
    let mut sc = AttachmentScores::default();
    for (g, p) in gold.iter().zip(pred) {
        sc.add(sentence_scores(g, p));
    }
    for g in gold.iter().skip(pred.len()) {
        sc.words += g.tokens.len();
    }
    sc
}

fn sentence_scores(g: &Sentence, p: &Sentence) -> AttachmentScores {
    let mut sc = AttachmentScores { words: g.tokens.len(), ..Default::default() };
    if g.tokens.len() != p.tokens.len() {
        return sc;
    }
    let universal = |l: &str| l.split(':').next().unwrap_or("").to_string();
    for (gt, pt) in g.tokens.iter().zip(&p.tokens) {
        if gt.head == pt.head {
            sc.head_correct += 1;
            if universal(&gt.deprel) == universal(&pt.deprel) {
                sc.labelled_correct += 1;
            }
        }
    }
    sc
}

/// splitmix64: small, seedable, deterministic everywhere.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// A training sentence in parser indexing, with its (lifted, projective) gold tree.
struct Example<'a> {
    sent: &'a Sentence,
    gold: Gold,
}

/// The train set's (UPOS, XPOS) pairs per form, to simulate tagger errors.
struct TagNoise {
    pairs: Vec<(String, String)>,
    /// form -> (pair index, count), only for forms seen with two or more pairs.
    ambiguous: HashMap<String, Vec<(u32, u32)>>,
}

impl TagNoise {
    fn new(train: &[Sentence]) -> TagNoise {
        let mut pair_ix: HashMap<(String, String), u32> = HashMap::new();
        let mut pairs = Vec::new();
        let mut by_form: HashMap<String, Vec<(u32, u32)>> = HashMap::new();
        for t in train.iter().flat_map(|s| &s.tokens) {
            let key = (t.upos.clone(), t.xpos.clone());
            let ix = *pair_ix.entry(key.clone()).or_insert_with(|| {
                pairs.push(key);
                (pairs.len() - 1) as u32
            });
            let v = by_form.entry(t.form.clone()).or_default();
            match v.iter_mut().find(|(p, _)| *p == ix) {
                Some(e) => e.1 += 1,
                None => v.push((ix, 1)),
            }
        }
        by_form.retain(|_, v| v.len() > 1);
        TagNoise { pairs, ambiguous: by_form }
    }

    /// Tags to train on for `t`: usually the gold ones, sometimes another pair seen with the form
    /// (drawn in proportion to its count).
    fn tags<'a>(&'a self, t: &'a petrel_model::Token, rate: f64, rng: &mut Rng) -> (&'a str, &'a str) {
        let gold = (t.upos.as_str(), t.xpos.as_str());
        if rate <= 0.0 {
            return gold;
        }
        let Some(v) = self.ambiguous.get(&t.form) else { return gold };
        if rng.unit() >= rate {
            return gold;
        }
        let is_gold = |p: u32| {
            let (u, x) = &self.pairs[p as usize];
            *u == t.upos && *x == t.xpos
        };
        let others: Vec<&(u32, u32)> = v.iter().filter(|(p, _)| !is_gold(*p)).collect();
        let total: u32 = others.iter().map(|(_, c)| c).sum();
        if total == 0 {
            return gold;
        }
        let mut r = rng.below(total as usize) as u32;
        for (p, c) in others {
            if r < *c {
                let (u, x) = &self.pairs[*p as usize];
                return (u.as_str(), x.as_str());
            }
            r -= c;
        }
        gold
    }
}

/// Summed weights of the template groups of [`features::GROUP_TEMPLATES`] for the current
/// state, each recomputed only after a transition that changes what its group reads.
struct GroupScores {
    len: usize,
    b: Vec<i32>,
    b_ok: bool,
    bl: Vec<i32>,
    bl_ok: bool,
    /// Group S0 per stack position of `s0` plus one (`len` values each; copy 0 is for "no
    /// `s0`"): valid until another word is pushed at that position (a word on the stack gains
    /// no more left children).
    s0: Vec<i32>,
    s0_ok: Vec<bool>,
    /// Group S per stack depth (`len` values each, grown with the stack): the copy at the
    /// current depth is valid when `s_ok[depth]`; a LEFT pop finds the one below as it was.
    s: Vec<i32>,
    s_ok: Vec<bool>,
    /// Group S1 per stack position of `s1` plus one (`len` values each; copy 0 is for "no
    /// `s1`"): a word keeps its position while on the stack, and its copy stays valid until it
    /// gains a child or another word is pushed at its position.
    s1: Vec<i32>,
    s1_ok: Vec<bool>,
    m: Vec<i32>,
    total: Vec<i32>,
    /// Statistics: states scored and features looked up.
    scored: usize,
    looked_up: usize,
}

impl GroupScores {
    fn new(len: usize) -> GroupScores {
        GroupScores {
            len,
            b: vec![0; len],
            b_ok: false,
            bl: vec![0; len],
            bl_ok: false,
            s0: Vec::new(),
            s0_ok: Vec::new(),
            s: Vec::new(),
            s_ok: Vec::new(),
            s1: Vec::new(),
            s1_ok: Vec::new(),
            m: vec![0; len],
            total: vec![0; len],
            scored: 0,
            looked_up: 0,
        }
    }

    /// Scores of every class in state `st` (the same sums as scoring all templates at once).
    /// The features of every group to recompute are looked up in one batch.
    fn score(&mut self, w: &Weights, st: &State, atoms: &Atoms) -> &[i32] {
        let len = self.len;
        let depth = st.stack.len();
        let s1 = depth.saturating_sub(1);
        if self.s_ok.len() <= depth {
            self.s0_ok.resize(depth + 1, false);
            self.s0.resize((depth + 1) * len, 0);
            self.s_ok.resize(depth + 1, false);
            self.s.resize((depth + 1) * len, 0);
            self.s1_ok.resize(depth + 1, false);
            self.s1.resize((depth + 1) * len, 0);
        }
        let mut f = [0u64; NFEAT];
        let mut k = 0;
        let mut take = |ok: bool, n: usize| {
            let r = k..if ok { k } else { k + n };
            k = r.end;
            r
        };
        let rb = take(self.b_ok, NB);
        let rbl = take(self.bl_ok, NBL);
        let rs0 = take(self.s0_ok[depth], NS0);
        let rs = take(self.s_ok[depth], NS);
        let rs1 = take(self.s1_ok[s1], NS1);
        let rm = take(false, NM);
        let mut b = [0u64; NB];
        let mut bl = [0u64; NBL];
        let mut g0 = [0u64; NS0];
        let mut s = [0u64; NS];
        let mut g1 = [0u64; NS1];
        let mut m = [0u64; NM];
        if !rb.is_empty() {
            extract_b(st, atoms, &mut b);
            f[rb.clone()].copy_from_slice(&b);
        }
        if !rbl.is_empty() {
            extract_bl(st, atoms, &mut bl);
            f[rbl.clone()].copy_from_slice(&bl);
        }
        if !rs0.is_empty() {
            extract_s0(st, atoms, &mut g0);
            f[rs0.clone()].copy_from_slice(&g0);
        }
        if !rs.is_empty() {
            extract_s(st, atoms, &mut s);
            f[rs.clone()].copy_from_slice(&s);
        }
        if !rs1.is_empty() {
            extract_s1(st, atoms, &mut g1);
            f[rs1.clone()].copy_from_slice(&g1);
        }
        extract_m(st, atoms, &mut m);
        f[rm.clone()].copy_from_slice(&m);
        let mut runs = [0u32; NFEAT];
        w.lookup(&f[..rm.end], &mut runs[..rm.end]);
        self.scored += 1;
        self.looked_up += rm.end;
        if !rb.is_empty() {
            w.add_runs(&runs[rb], &mut self.b);
            self.b_ok = true;
        }
        if !rbl.is_empty() {
            w.add_runs(&runs[rbl], &mut self.bl);
            self.bl_ok = true;
        }
        let g0 = &mut self.s0[depth * len..(depth + 1) * len];
        if !rs0.is_empty() {
            w.add_runs(&runs[rs0], g0);
            self.s0_ok[depth] = true;
        }
        let s = &mut self.s[depth * len..(depth + 1) * len];
        if !rs.is_empty() {
            w.add_runs(&runs[rs], s);
            self.s_ok[depth] = true;
        }
        let g1 = &mut self.s1[s1 * len..(s1 + 1) * len];
        if !rs1.is_empty() {
            w.add_runs(&runs[rs1], g1);
            self.s1_ok[s1] = true;
        }
        w.add_runs(&runs[rm], &mut self.m);
        for ((((((t, &b), &bl), &g0), &s), &g1), &m) in self.total[..len]
            .iter_mut()
            .zip(&self.b[..len])
            .zip(&self.bl[..len])
            .zip(&g0[..len])
            .zip(&s[..len])
            .zip(&g1[..len])
            .zip(&self.m[..len])
        {
            *t = b + bl + g0 + s + g1 + m;
        }
        &self.total
    }

    /// Invalidate what transition `c` will change in `st`.
    fn before_apply(&mut self, st: &State, c: usize) {
        let depth = st.stack.len();
        let invalidate = |v: &mut Vec<bool>, i: usize| {
            if let Some(ok) = v.get_mut(i) {
                *ok = false;
            }
        };
        if c == SHIFT {
            // b0 moves; a new top at depth + 1 (a new word at stack position `depth`)
            self.b_ok = false;
            self.bl_ok = false;
            invalidate(&mut self.s0_ok, depth + 1);
            invalidate(&mut self.s_ok, depth + 1);
            invalidate(&mut self.s1_ok, depth + 1);
        } else if c % 2 == 1 {
            // LEFT: b0 gains a left child; the stack below s0 is unchanged
            self.bl_ok = false;
        } else {
            // RIGHT: s1 (stack position depth - 2) gains a right child and becomes the top
            invalidate(&mut self.s_ok, depth.saturating_sub(1));
            invalidate(&mut self.s1_ok, depth.saturating_sub(1));
        }
    }
}

impl ParserModel {
    /// Train on gold trees; log one line per epoch with dev UAS/LAS (when `dev` is not empty)
    /// and keep the epoch with the best dev LAS (the last epoch without dev). Sentences whose
    /// tree is broken (a head out of range, no or several roots, a cycle) are skipped and counted
    /// in the log. Deterministic for a seed.
    pub fn train(
        train: &[Sentence],
        dev: &[Sentence],
        opts: &ParserTrainOptions,
        log: &mut dyn FnMut(&str),
    ) -> ParserModel {
        // Label set: sorted for determinism; `root` always present.
        let mut labels: Vec<String> = train
            .iter()
            .flat_map(|s| s.tokens.iter().map(|t| t.deprel.clone()))
            .filter(|l| !l.is_empty() && l != "_")
            .chain(std::iter::once("root".to_string()))
            .collect();
        labels.sort();
        labels.dedup();
        let label_ix: HashMap<&str, u16> =
            labels.iter().enumerate().map(|(i, l)| (l.as_str(), i as u16)).collect();
        let root_label = label_ix["root"] as usize;
        let dep_label = label_ix.get("dep").copied();

        let mut examples = Vec::with_capacity(train.len());
        let (mut broken, mut lifted) = (0usize, 0usize);
        for s in train {
            let n = s.tokens.len();
            if n == 0 {
                continue;
            }
            let mut head: Vec<u32> =
                s.tokens.iter().map(|t| if t.head == 0 { n as u32 } else { t.head - 1 }).collect();
            if !is_tree(&head) {
                broken += 1;
                continue;
            }
            lifted += projectivize(&mut head);
            let label: Vec<u16> = s
                .tokens
                .iter()
                .map(|t| label_ix.get(t.deprel.as_str()).copied().or(dep_label).unwrap_or(0))
                .collect();
            examples.push(Example { sent: s, gold: Gold::new(head, label) });
        }
        log(&format!(
            "parser: {} training sentences ({} skipped: not a single-rooted tree; {} arcs lifted to projective), {} labels, {} feature templates",
            examples.len(),
            broken,
            lifted,
            labels.len(),
            NFEAT
        ));

        let noise = TagNoise::new(train);
        let nclass = 1 + 2 * labels.len();
        let mut tw = TrainWeights::new(nclass);
        let mut rng = Rng(opts.seed ^ 0x7061_7273_6572);
        let mut order: Vec<usize> = (0..examples.len()).collect();
        let mut best: Option<(f64, ParserModel)> = None;
        let mut scores = vec![0f32; nclass];
        let mut feats = [0u64; NFEAT];

        for epoch in 1..=opts.epochs.max(1) {
            let started = Instant::now();
            // Fisher-Yates shuffle
            for i in (1..order.len()).rev() {
                let j = rng.below(i + 1);
                order.swap(i, j);
            }
            let (mut steps, mut right_steps) = (0usize, 0usize);
            for &ei in &order {
                let ex = &examples[ei];
                let n = ex.sent.tokens.len();
                let atoms = Atoms::new(ex.sent.tokens.iter().map(|t| {
                    let (u, x) = noise.tags(t, opts.tag_noise, &mut rng);
                    (t.form.as_str(), x, u)
                }));
                let mut st = State::new(n);
                let mut in_stack = vec![false; n + 1];
                while !st.terminal() {
                    extract(&st, &atoms, &mut feats);
                    tw.score(&feats, &mut scores);
                    let c = costs(&st, &ex.gold, &in_stack);
                    let (mut pred, mut pred_s) = (usize::MAX, f32::NEG_INFINITY);
                    let (mut gold, mut gold_s, mut gold_c) = (usize::MAX, f32::NEG_INFINITY, u32::MAX);
                    for (k, &s) in scores.iter().enumerate() {
                        if !st.legal(k, root_label) {
                            continue;
                        }
                        if s > pred_s || pred == usize::MAX {
                            pred = k;
                            pred_s = s;
                        }
                        let ck = c.of(k);
                        if ck < gold_c || (ck == gold_c && s > gold_s) {
                            gold = k;
                            gold_s = s;
                            gold_c = ck;
                        }
                    }
                    steps += 1;
                    let next = if c.of(pred) == gold_c {
                        right_steps += 1;
                        pred
                    } else {
                        tw.update(&feats, gold, pred);
                        if epoch >= EXPLORE_FROM_EPOCH && rng.unit() < EXPLORE_P {
                            pred
                        } else {
                            gold
                        }
                    };
                    tw.time += 1;
                    if next == SHIFT {
                        in_stack[st.b] = true;
                    } else {
                        in_stack[st.s(0) as usize] = false;
                    }
                    st.apply(next);
                }
            }
            let model = ParserModel { labels: labels.clone(), root_label, weights: tw.compile().pruned(PRUNE_BELOW) };
            let secs = started.elapsed().as_secs_f64();
            if dev.is_empty() {
                log(&format!(
                    "epoch {epoch}: train transitions {:.2}% right, {} features ({secs:.0} s)",
                    100.0 * right_steps as f64 / steps.max(1) as f64,
                    model.weights.features()
                ));
                best = Some((epoch as f64, model));
                continue;
            }
            let sc = model.evaluate(dev);
            log(&format!(
                "epoch {epoch}: train transitions {:.2}% right, dev UAS {:.2} LAS {:.2}, {} features, {} weights ({secs:.0} s)",
                100.0 * right_steps as f64 / steps.max(1) as f64,
                sc.uas(),
                sc.las(),
                model.weights.features(),
                model.weights.entries(),
            ));
            if best.as_ref().is_none_or(|(b, _)| sc.las() > *b) {
                best = Some((sc.las(), model));
            }
        }
        let (_, model) = best.expect("at least one epoch");
        model
    }

    /// Parse `sent` (gold tokenisation), overwriting every token's `head` and `deprel`.
    /// Never panics; empty sentences are left alone; missing tags just weaken the features.
    ///
    /// Transitions with a single legal class are taken without scoring, and each template
    /// group's summed weights are kept while the state parts it reads stay the same (see
    /// [`features::GROUP_TEMPLATES`]): about two thirds of the lookups of scoring every template at
    /// every step, for exactly the same scores and parses.
    pub fn parse(&self, sent: &mut Sentence) {
        self.parse_with(sent, false);
    }

    /// [`ParserModel::parse`], or with `uncached` every template looked up at every step (the
    /// reference the cached decoder must equal).
    fn parse_with(&self, sent: &mut Sentence, uncached: bool) -> (usize, usize) {
        let n = sent.tokens.len();
        if n == 0 {
            return (0, 0);
        }
        let atoms = Atoms::new(sent.tokens.iter().map(|t| (t.form.as_str(), t.xpos.as_str(), t.upos.as_str())));
        let nclass = self.weights.nclass;
        let mut st = State::new(n);
        let mut cache = GroupScores::new(self.weights.score_len());
        let mut feats = [0u64; NFEAT];
        while !st.terminal() {
            let (sh, le, ri) = (st.can_shift(), st.can_left(), st.can_right());
            let best = if !le && !ri {
                SHIFT
            } else if !sh && !ri {
                // only LEFT(root) is legal: the last word goes under the root
                left(self.root_label)
            } else {
                let scores = if uncached {
                    extract(&st, &atoms, &mut feats);
                    self.weights.score(&feats, &mut cache.total);
                    &cache.total
                } else {
                    cache.score(&self.weights, &st, &atoms)
                };
                let at_root = st.b >= n;
                let mut best = usize::MAX;
                let mut best_s = i32::MIN;
                for (k, &s) in scores[..nclass].iter().enumerate() {
                    let ok = if k == SHIFT {
                        sh
                    } else if k % 2 == 1 {
                        le && (((k - 1) / 2 == self.root_label) == at_root)
                    } else {
                        ri && (k - 1) / 2 != self.root_label
                    };
                    if ok && (best == usize::MAX || s > best_s) {
                        best = k;
                        best_s = s;
                    }
                }
                if best == usize::MAX {
                    // Unreachable for a consistent model (a legal class always exists); fall back
                    // to the always-legal moves so the result stays a tree.
                    best = if sh {
                        SHIFT
                    } else if ri {
                        right(usize::from(self.root_label == 0))
                    } else {
                        left(self.root_label)
                    };
                }
                best
            };
            cache.before_apply(&st, best);
            st.apply(best);
        }
        for (i, t) in sent.tokens.iter_mut().enumerate() {
            let h = st.head[i];
            t.head = if h == NONE || h as usize >= n { 0 } else { h + 1 };
            t.deprel = self.labels.get(st.label[i] as usize).cloned().unwrap_or_else(|| "dep".into());
        }
        (cache.scored, cache.looked_up)
    }

    /// States scored and features looked up while parsing copies of `sents` (model
    /// diagnostics: lookups per scored transition are the parser's main cost).
    #[doc(hidden)]
    pub fn lookup_counts(&self, sents: &[Sentence]) -> (usize, usize) {
        let (mut scored, mut looked_up) = (0, 0);
        for s in sents {
            let (a, b) = self.parse_with(&mut s.clone(), false);
            scored += a;
            looked_up += b;
        }
        (scored, looked_up)
    }

    /// Parse copies of `gold` (with the tags they carry) and score them against it.
    pub fn evaluate(&self, gold: &[Sentence]) -> AttachmentScores {
        let mut sc = AttachmentScores::default();
        for g in gold {
            let mut p = g.clone();
            self.parse(&mut p);
            sc.add(sentence_scores(g, &p));
        }
        sc
    }

    /// A copy without the weights whose magnitude is below `min_weight` quantisation steps (one
    /// step is the largest weight / 32000): a smaller, faster model, slightly less accurate.
    pub fn pruned(&self, min_weight: i16) -> ParserModel {
        ParserModel { labels: self.labels.clone(), root_label: self.root_label, weights: self.weights.pruned(min_weight) }
    }

    /// Per feature template: how often it finds a weight run while parsing `sents` with gold
    /// transitions unknown (the model's own), and the summed |weight| found (model diagnostics).
    #[doc(hidden)]
    pub fn template_usage(&self, sents: &[Sentence]) -> Vec<(usize, i64)> {
        let mut usage = vec![(0usize, 0i64); NFEAT];
        let mut feats = [0u64; NFEAT];
        for s in sents {
            let mut p = s.clone();
            self.parse(&mut p);
            // replay the predicted transitions: parse again, recording features on the way
            let n = p.tokens.len();
            if n == 0 {
                continue;
            }
            let atoms = Atoms::new(s.tokens.iter().map(|t| (t.form.as_str(), t.xpos.as_str(), t.upos.as_str())));
            let mut head: Vec<u32> = p.tokens.iter().map(|t| if t.head == 0 { n as u32 } else { t.head - 1 }).collect();
            projectivize(&mut head);
            let label: Vec<u16> = vec![0; n];
            let gold = Gold::new(head, label);
            let mut st = State::new(n);
            let mut in_stack = vec![false; n + 1];
            while !st.terminal() {
                extract(&st, &atoms, &mut feats);
                for (u, &f) in usage.iter_mut().zip(&feats) {
                    if let Some(m) = self.weights.mass(f) {
                        u.0 += 1;
                        u.1 += m;
                    }
                }
                let c = costs(&st, &gold, &in_stack);
                let other = usize::from(self.root_label == 0);
                let mut options = Vec::with_capacity(3);
                if st.can_shift() {
                    options.push((c.shift, SHIFT));
                }
                if st.can_left() {
                    options.push((c.left, left(if st.b >= n { self.root_label } else { other })));
                }
                if st.can_right() {
                    options.push((c.right, right(other)));
                }
                let next = options.iter().min_by_key(|o| o.0).map_or(SHIFT, |o| o.1);
                if next == SHIFT {
                    in_stack[st.b] = true;
                } else {
                    in_stack[st.s(0) as usize] = false;
                }
                st.apply(next);
            }
        }
        usage
    }

    /// Number of (feature, class) weights.
    pub fn size(&self) -> usize {
        self.weights.entries()
    }

    /// The label set (UD v2 relations with subtypes) this model predicts.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// The model file body (uncompressed; store it gzip'ed).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.extend_from_slice(&FEATURE_SET.to_le_bytes());
        out.extend_from_slice(&(self.labels.len() as u32).to_le_bytes());
        for l in &self.labels {
            out.extend_from_slice(&(l.len() as u16).to_le_bytes());
            out.extend_from_slice(l.as_bytes());
        }
        out.extend_from_slice(&(self.root_label as u32).to_le_bytes());
        self.weights.write(&mut out);
        out
    }

    /// Read a model written by [`ParserModel::to_bytes`], gzip'ed or not.
    pub fn from_bytes(bytes: &[u8]) -> Result<ParserModel, NlpError> {
        if bytes.starts_with(&[0x1f, 0x8b]) {
            use std::io::Read;
            let mut raw = Vec::new();
            flate2::read::GzDecoder::new(bytes)
                .read_to_end(&mut raw)
                .map_err(|e| NlpError::corrupt("parser", format!("gzip: {e}")))?;
            return Self::from_raw(&raw);
        }
        Self::from_raw(bytes)
    }

    fn from_raw(bytes: &[u8]) -> Result<ParserModel, NlpError> {
        let bad = |d: String| NlpError::corrupt("parser", d);
        let mut r = Reader::new(bytes);
        if r.take(8).map_err(bad)? != MAGIC {
            return Err(bad("does not start with PTRLPARS".into()));
        }
        let version = r.u32().map_err(bad)?;
        if version != FORMAT_VERSION {
            return Err(NlpError::ModelVersion { model: "parser".into(), found: version, expected: FORMAT_VERSION });
        }
        let fs = r.u32().map_err(bad)?;
        if fs != FEATURE_SET {
            return Err(bad(format!("feature set {fs}, this build extracts feature set {FEATURE_SET}")));
        }
        let nlabels = r.u32().map_err(bad)? as usize;
        if nlabels == 0 || nlabels > 4096 {
            return Err(bad(format!("{nlabels} labels (expected 1..=4096)")));
        }
        let mut labels = Vec::with_capacity(nlabels);
        for _ in 0..nlabels {
            let len = r.u16().map_err(bad)? as usize;
            let s = std::str::from_utf8(r.take(len).map_err(bad)?)
                .map_err(|e| bad(format!("label is not UTF-8: {e}")))?;
            labels.push(s.to_string());
        }
        let root_label = r.u32().map_err(bad)? as usize;
        if labels.get(root_label).map(String::as_str) != Some("root") {
            return Err(bad(format!("root label index {root_label} does not name `root`")));
        }
        let weights = Weights::read(&mut r).map_err(bad)?;
        if weights.nclass != 1 + 2 * nlabels {
            return Err(bad(format!("{} classes for {nlabels} labels", weights.nclass)));
        }
        if r.remaining() != 0 {
            return Err(bad(format!("{} trailing bytes", r.remaining())));
        }
        Ok(ParserModel { labels, root_label, weights })
    }
}

#[cfg(test)]
mod tests;
