//! Part-of-speech tagger, lemmatiser and morphological features, trained on a UD treebank.
//!
//! The tagger predicts a joint `UPOS|XPOS` class per word in two greedy passes of an averaged
//! perceptron ([`crate::perceptron`]) over hashed features: the word, its lowercase form,
//! prefixes and suffixes, shape and character flags, the ambiguity class (the tags the word had in
//! training), a window of two words each side (with their ambiguity classes and suffixes), and
//! the two tags already predicted next to it. Pass 1 runs right to left (dev UPOS 95.13-95.19
//! alone, against 94.84 left to right); pass 2 runs left to right and also sees pass 1's tags of
//! the word and the two to its right, but only where pass 1's score margin was small (about 4%
//! of the words). Frequent words that are unambiguous in training take their tag from a tag
//! dictionary without scoring. Nationality adjectives and capitalised words of place names (from
//! petrel's gazetteer tables, stored in the model) get features of their own, and training shows
//! some of their occurrences as unknown words, so that "Ukrainian" or "Brussels", never seen in
//! EWT, are tagged like the ones it has. Every word also gets its dictionary classes (WordNet's
//! parts of speech of the word as a lemma or a regular or listed inflection, and whether an
//! English word list has it lowercase or capitalised only; see [`word_classes`]), stored in the
//! model: dev UPOS 95.45-95.61 over eight seeds with them, 95.03-95.27 over three without,
//! mostly on unknown and rare words ("scarce", "arises", "bilateral"). Lemmas come from [`Lemmatizer`]; FEATS from a table
//! learned from the treebank: the most frequent FEATS of (tag, lowercase word), else of the tag.
//!
//! ```no_run
//! # use petrel_nlp::tagger::TaggerModel;
//! # let bytes: Vec<u8> = vec![];
//! let tagger = TaggerModel::from_bytes(&bytes).unwrap();
//! let mut sent = petrel_nlp::tagger::sentence_from_forms(&["They", "met", "."]);
//! tagger.tag(&mut sent);
//! assert_eq!(sent.tokens[1].upos, "VERB");
//! ```

use crate::lemma::Lemmatizer;
use crate::model_io::{Reader, Writer};
use crate::perceptron::{argmax, Feat, FeatHash, FeatMap, Perceptron, Trainer};
use crate::NlpError;
use petrel_model::{Sentence, Token};
use std::collections::{BTreeMap, HashMap};
use std::time::Instant;

/// Options for [`TaggerModel::train`].
#[derive(Clone, Debug)]
pub struct TaggerTrainOptions {
    /// Maximum number of passes over the training data; the epoch scoring best on dev is kept.
    pub epochs: usize,
    /// Seed of the shuffling of the training sentences.
    pub seed: u64,
    /// Train a second pass that also sees the first pass's tags to the right.
    pub two_pass: bool,
    /// Share (0-1) of the words seen once in training that are shown as unknown words.
    pub word_dropout: f64,
    /// Pass 1 tags right to left (so pass 2, left to right, sees tags to its right that were
    /// chosen knowing their own right context).
    pub right_to_left_first: bool,
    /// Nationality adjectives ("Ukrainian", any case; see [`demonyms_from_country_variants`]):
    /// a feature marks them, and training shows half of their occurrences as unknown words, so
    /// that nationality words EWT never saw are tagged like the ones it did.
    pub demonyms: Vec<String>,
    /// Capitalised words of place names (see [`place_words`]): the same treatment, for
    /// capitalised words only, so that unseen places ("Brussels") are tagged as names.
    pub places: Vec<String>,
    /// Dictionary word classes (lowercase word, [`word_classes`] bits): a feature of every
    /// word, known or not.
    pub words: Vec<(String, u16)>,
}

impl Default for TaggerTrainOptions {
    fn default() -> Self {
        TaggerTrainOptions {
            epochs: 8,
            seed: 1,
            two_pass: true,
            word_dropout: 0.5,
            right_to_left_first: true,
            demonyms: Vec::new(),
            places: Vec::new(),
            words: Vec::new(),
        }
    }
}

/// A trained tagger + lemmatiser + FEATS table.
#[derive(Clone, Default)]
pub struct TaggerModel {
    /// Joint classes, `UPOS` and `XPOS`.
    tags: Vec<(String, String)>,
    /// Hash of the exact form -> tag, for frequent unambiguous words.
    tagdict: FeatMap<u16>,
    /// Hash of the lowercase form -> hash of its ambiguity class.
    amb: FeatMap<u64>,
    model: Perceptron,
    /// Pass 2 (sees pass 1's tags on both sides), when trained.
    model2: Option<Perceptron>,
    /// Pass 2 keeps pass 1's tag where pass 1's score margin is at least this.
    skip_margin: f32,
    /// Pass 1 runs right to left.
    rtl: bool,
    lemma: Lemmatizer,
    /// Most frequent FEATS per tag.
    feats_default: Vec<String>,
    /// Hash of (tag index, lowercase form) -> FEATS, where different from the tag's default.
    feats_by_form: FeatMap<String>,
    /// Nationality adjectives and place-name words (lowercase, sorted), and their hashes with
    /// kind bits (1: nationality adjective, 2: place word).
    demonyms: Vec<String>,
    places: Vec<String>,
    lexicon: FeatMap<u8>,
    /// Dictionary word classes (sorted), and by hash of the lowercase word.
    words: Vec<(String, u16)>,
    word_classes: FeatMap<u16>,
}

/// Per-word features computed once per token (hashes of its strings).
#[derive(Clone, Copy, Default)]
struct WordInfo {
    /// Hash of the exact form ([`h`]).
    fh: u64,
    norm: u64,
    form: u64,
    suf: [u64; 4],
    pre: [u64; 3],
    shape: u64,
    amb: u64,
    /// First word of the sentence.
    first: bool,
    /// A nationality adjective.
    demonym: bool,
    /// A capitalised word of a place name.
    place: bool,
    flags: u8,
    /// Dictionary classes ([`word_classes`] bits; 0 for words not in the dictionary).
    lex: u16,
    /// Sentence casing: 0 mixed, 1 title case, 2 all caps, 3 no capitals.
    sent: u8,
}

const F_DIGIT: u8 = 1;
const F_HYPHEN: u8 = 2;
const F_INITCAP: u8 = 4;
const F_ALLCAPS: u8 = 8;
const F_INNERCAP: u8 = 16;
const F_NOALPHA: u8 = 32;

fn h(s: &str) -> u64 {
    FeatHash::new(0).str(s).finish()
}

fn feats_key(tag: u16, low: &str) -> u64 {
    FeatHash::new(3).u64(tag as u64).str(low).finish()
}

#[cfg(test)]
fn shape(form: &str) -> String {
    let mut out = String::new();
    shape_into(form, &mut out);
    out
}

/// [`shape`] into a reused buffer.
fn shape_into(form: &str, out: &mut String) {
    out.clear();
    let mut last = '\0';
    for c in form.chars().take(64) {
        let m = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        if m != last {
            out.push(m);
            last = m;
        }
    }
}

/// `s.to_lowercase()` into a reused buffer (no allocation for ASCII).
fn lower_into(s: &str, out: &mut String) {
    out.clear();
    if s.is_ascii() {
        out.push_str(s);
        out.make_ascii_lowercase();
    } else {
        out.push_str(&s.to_lowercase());
    }
}

/// The summed scores of the [`word_feats`] of recently seen words (direct-mapped on a hash of
/// the form and whether it is the first word, which is all those features depend on), for one
/// perceptron ([`Perceptron::uid`]): a sentence's common words skip about half of their lookups.
/// The cached sum is the one the lookups would give (same additions, same order), and the
/// rest of a word's features are added to it in their order: scores stay bit-identical.
/// It also keeps, per recent form, its [`WordInfo`] and tag-dictionary entry, and per recent
/// (form, tag) the lemma and FEATS. All of it belongs to one [`TaggerModel`], identified by
/// its pass-1 perceptron (a model's tables never change once it is built; a pruned or newly
/// trained model has a new perceptron, so a new uid, and the cache is emptied).
struct WordCache {
    uid: u64,
    nc: usize,
    keys: Vec<u64>,
    vals: Vec<f32>,
    /// Also the [`WordInfo`] (as [`TaggerModel::word_info`] gives it) and tag-dictionary tag
    /// of recent forms, by form hash.
    infos: Direct<(WordInfo, Option<u16>)>,
    /// And the lemma and FEATS of recent (form, tag) pairs.
    lemmas: Direct<(String, String)>,
}

/// Entries of a [`WordCache`] (a power of two).
const CACHE_WORDS: usize = 4096;

/// The slot of `key` in a table of [`CACHE_WORDS`] entries.
fn cache_slot(key: u64) -> usize {
    key as usize & (CACHE_WORDS - 1)
}

/// A direct-mapped table of [`CACHE_WORDS`] values under nonzero keys (0 marks an empty slot):
/// a new key takes its slot over.
#[derive(Default)]
struct Direct<V> {
    keys: Vec<u64>,
    vals: Vec<V>,
}

impl<V: Clone + Default> Direct<V> {
    fn reset(&mut self) {
        self.keys.clear();
        self.keys.resize(CACHE_WORDS, 0);
        self.vals.clear();
        self.vals.resize(CACHE_WORDS, V::default());
    }
    fn get(&self, key: u64) -> Option<&V> {
        let i = cache_slot(key);
        if self.keys.get(i) == Some(&key) {
            self.vals.get(i)
        } else {
            None
        }
    }
    /// The slot of `key`, now marked as its (the old value is still there, to be overwritten
    /// in place).
    fn put(&mut self, key: u64) -> Option<&mut V> {
        let i = cache_slot(key);
        *self.keys.get_mut(i)? = key;
        self.vals.get_mut(i)
    }
}

impl WordCache {
    fn new() -> WordCache {
        WordCache {
            uid: 0,
            nc: 0,
            keys: Vec::new(),
            vals: Vec::new(),
            infos: Direct::default(),
            lemmas: Direct::default(),
        }
    }
    /// Empty it unless it holds `nc` scores per word of the perceptron `uid`.
    fn bind(&mut self, uid: u64, nc: usize) {
        if self.uid != uid || self.nc != nc || self.keys.len() != CACHE_WORDS {
            self.uid = uid;
            self.nc = nc;
            self.keys.clear();
            self.keys.resize(CACHE_WORDS, 0);
            self.vals.clear();
            self.vals.resize(CACHE_WORDS * nc, 0.0);
            self.infos.reset();
            self.lemmas.reset();
        }
    }
    /// Cached (lemma, FEATS) under `key` (a hash of the form and the tag).
    fn lemma(&self, key: u64) -> Option<(&str, &str)> {
        self.lemmas.get(key).map(|(l, f)| (l.as_str(), f.as_str()))
    }
    fn put_lemma(&mut self, key: u64, lemma: &str, feats: &str) {
        if let Some((l, f)) = self.lemmas.put(key) {
            lemma.clone_into(l);
            feats.clone_into(f);
        }
    }
    /// The cached info of the form whose hash is `fh`.
    fn info(&self, fh: u64) -> Option<(WordInfo, Option<u16>)> {
        self.infos.get(fh.max(1)).copied()
    }
    fn put_info(&mut self, w: WordInfo, d: Option<u16>) {
        if let Some(v) = self.infos.put(w.fh.max(1)) {
            *v = (w, d);
        }
    }
    fn key(w: &WordInfo) -> u64 {
        FeatHash::new(90).u64(w.fh).u64(w.first as u64).finish().max(1)
    }
    fn get(&self, key: u64) -> Option<&[f32]> {
        let i = cache_slot(key);
        if self.keys.get(i) == Some(&key) {
            self.vals.get(i * self.nc..(i + 1) * self.nc)
        } else {
            None
        }
    }
    fn put(&mut self, key: u64, row: &[f32]) {
        let i = cache_slot(key);
        if let (Some(k), Some(v)) = (self.keys.get_mut(i), self.vals.get_mut(i * self.nc..(i + 1) * self.nc)) {
            if row.len() == v.len() {
                *k = key;
                v.copy_from_slice(row);
            }
        }
    }
}

/// Per-thread buffers of [`TaggerModel::tag`], so that tagging a sentence allocates only its
/// output strings.
#[derive(Default)]
struct Scratch {
    infos: Vec<WordInfo>,
    dict: Vec<Option<u16>>,
    margins: Vec<f32>,
    q: Vec<u16>,
    ids: Vec<u16>,
    pass: PassBufs,
    low: String,
    shp: String,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::default();
}

/// Buffers of one decoding pass.
#[derive(Default)]
struct PassBufs {
    /// Static features of the words to score, one group per word (`ends`); with a cache, only
    /// the [`context_feats`].
    feats: Vec<Feat>,
    ends: Vec<usize>,
    /// [`word_feats`] of the words missing from the cache, their scores, and (word number
    /// among the scored, cache key) of each.
    wfeats: Vec<Feat>,
    wends: Vec<usize>,
    wscores: Vec<f32>,
    missed: Vec<(usize, u64)>,
    /// Summed [`word_feats`] scores per word (pass 1 of [`TaggerModel::tag`] only).
    cache: Option<WordCache>,
    /// Their summed scores, `n_classes` per word.
    stat: Vec<f32>,
    dfeats: Vec<Feat>,
    scores: Vec<f32>,
}

/// The `k`-char suffix of `s` (the whole of `s` when shorter).
fn suffix(s: &str, k: usize) -> &str {
    match s.char_indices().rev().take(k).last() {
        Some((i, _)) => &s[i..],
        None => "",
    }
}

fn prefix(s: &str, k: usize) -> &str {
    match s.char_indices().nth(k) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

impl TaggerModel {
    fn word_info(&self, form: &str, low: &mut String, shp: &mut String) -> WordInfo {
        let amb = &self.amb;
        lower_into(form, low);
        let low = low.as_str();
        let mut flags = 0;
        let mut alpha = false;
        for (i, c) in form.chars().enumerate() {
            if c.is_ascii_digit() {
                flags |= F_DIGIT;
            }
            if c == '-' {
                flags |= F_HYPHEN;
            }
            if c.is_alphabetic() {
                alpha = true;
            }
            if c.is_uppercase() {
                flags |= if i == 0 { F_INITCAP } else { F_INNERCAP };
            }
        }
        if !alpha {
            flags |= F_NOALPHA;
        }
        if alpha && form.chars().filter(|c| c.is_alphabetic()).all(|c| c.is_uppercase()) && form.chars().count() > 1 {
            flags |= F_ALLCAPS;
        }
        shape_into(form, shp);
        let shp = shp.as_str();
        let norm = if flags & F_DIGIT != 0 {
            if form.len() == 4 && form.bytes().all(|b| b.is_ascii_digit()) {
                h("!YEAR")
            } else {
                FeatHash::new(1).str(shp).finish()
            }
        } else {
            FeatHash::new(0).str(low).finish()
        };
        let lowh = h(low);
        let known = amb.get(&lowh).copied();
        // Words never seen in training share one UNK identity (trained on dropped-out rare words).
        let fh = h(form);
        let (norm, formh) = match known {
            None if flags & F_DIGIT == 0 => (UNK, UNK),
            _ => (norm, fh),
        };
        WordInfo {
            fh,
            norm,
            form: formh,
            suf: [h(suffix(low, 1)), h(suffix(low, 2)), h(suffix(low, 3)), h(suffix(low, 4))],
            pre: [h(prefix(low, 1)), h(prefix(low, 2)), h(prefix(low, 3))],
            shape: h(shp),
            amb: known.unwrap_or(0),
            first: false,
            demonym: self.lexicon.get(&lowh).is_some_and(|k| k & 1 != 0),
            place: flags & F_INITCAP != 0 && self.lexicon.get(&lowh).is_some_and(|k| k & 2 != 0),
            flags,
            lex: self.word_classes.get(&lowh).copied().unwrap_or(0),
            sent: 0,
        }
    }

    fn infos<S: AsRef<str>>(&self, forms: &[S]) -> Vec<WordInfo> {
        let mut v = Vec::with_capacity(forms.len());
        self.infos_into(forms.len(), |i| forms[i].as_ref(), &mut v, &mut String::new(), &mut String::new());
        v
    }

    /// The [`WordInfo`]s of `n` words (`form(i)`) into `v` (cleared first).
    fn infos_into<'a>(&self, n: usize, form: impl Fn(usize) -> &'a str, v: &mut Vec<WordInfo>, low: &mut String, shp: &mut String) {
        v.clear();
        v.extend((0..n).map(|i| self.word_info(form(i), low, shp)));
        finish_infos(v);
    }
}

/// Sentence casing and first-word flag of fresh [`WordInfo`]s.
fn finish_infos(v: &mut [WordInfo]) {
    {
        let (mut alpha, mut init, mut all, mut any) = (0, 0, 0, 0);
        for w in v.iter().skip(1) {
            if w.flags & F_NOALPHA == 0 {
                alpha += 1;
                init += (w.flags & F_INITCAP != 0) as usize;
                all += (w.flags & F_ALLCAPS != 0) as usize;
                any += (w.flags & (F_INITCAP | F_INNERCAP) != 0) as usize;
            }
        }
        let sent = if alpha >= 3 && all * 10 >= alpha * 8 {
            2
        } else if alpha >= 3 && init * 10 >= alpha * 6 {
            1
        } else if alpha >= 3 && any == 0 {
            3
        } else {
            0
        };
        v.iter_mut().for_each(|w| w.sent = sent);
        if let Some(w) = v.first_mut() {
            w.first = true;
        }
    }
}

fn pad(i: isize, n: usize) -> Option<usize> {
    (i >= 0 && (i as usize) < n).then_some(i as usize)
}

const START: u64 = u64::MAX - 1;
const UNK: u64 = u64::MAX - 3;
const END: u64 = u64::MAX - 2;

/// Features that do not depend on predicted tags.
fn static_feats(ws: &[WordInfo], i: usize, out: &mut Vec<Feat>) {
    word_feats(&ws[i], out);
    context_feats(ws, i, out);
}

/// The first [`static_feats`]: those of the word alone (its form and whether it is the first
/// word), so that their summed scores can be cached per word ([`WordCache`]).
fn word_feats(w: &WordInfo, out: &mut Vec<Feat>) {
    let f = |t: u32| FeatHash::new(t);
    out.push(f(1).finish());
    out.push(f(2).u64(w.norm).finish());
    out.push(f(3).u64(w.form).finish());
    for (k, s) in w.suf.iter().enumerate() {
        out.push(f(4 + k as u32).u64(*s).finish());
    }
    for (k, p) in w.pre.iter().enumerate() {
        out.push(f(8 + k as u32).u64(*p).finish());
    }
    out.push(f(11).u64(w.shape).finish());
    for b in 0..6 {
        if w.flags & (1 << b) != 0 {
            out.push(f(12).u64(b).finish());
        }
    }
    out.push(f(13).u64(w.flags as u64).u64(w.first as u64).finish());
    out.push(f(14).u64(w.amb).finish());
    out.push(f(55).u64(w.lex as u64).finish());
    out.push(f(56).u64(w.lex as u64).u64((w.flags & (F_INITCAP | F_ALLCAPS)) as u64).u64(w.first as u64).finish());
}

/// The rest of [`static_feats`] (neighbours, sentence casing, word lists).
fn context_feats(ws: &[WordInfo], i: usize, out: &mut Vec<Feat>) {
    let n = ws.len();
    let at = |d: isize| pad(i as isize + d, n).map(|j| &ws[j]);
    let side = |d: isize| if d < 0 { START } else { END };
    let norm = |d: isize| at(d).map(|w| w.norm).unwrap_or(side(d));
    let amb = |d: isize| at(d).map(|w| w.amb).unwrap_or(side(d));
    let suf3 = |d: isize| at(d).map(|w| w.suf[2]).unwrap_or(side(d));
    let w = &ws[i];
    let f = |t: u32| FeatHash::new(t);
    out.push(f(15).u64(amb(1)).finish());
    out.push(f(16).u64(amb(2)).finish());
    out.push(f(17).u64(norm(-1)).finish());
    out.push(f(18).u64(norm(-2)).finish());
    out.push(f(19).u64(norm(1)).finish());
    out.push(f(20).u64(norm(2)).finish());
    out.push(f(21).u64(suf3(-1)).finish());
    out.push(f(22).u64(suf3(1)).finish());
    // (word-bigram templates 23 and 24 were dropped: dev UPOS +0.07 and +0.03 on two seeds
    // without them, and a model a fifth smaller)
    out.push(f(25).u64(w.amb).u64(amb(1)).finish());
    out.push(f(26).u64(w.suf[2]).u64(amb(1)).finish());
    out.push(f(27).u64(w.shape).u64(amb(1)).finish());
    let initcap = (w.flags & F_INITCAP != 0) as u64;
    out.push(f(28).u64(w.sent as u64).u64(initcap).finish());
    // Capitalisation again, alone, with the word being unknown, with the sentence's casing (a
    // second copy of template 28 that doubles its step size): dev UPOS +0.06 on two seeds.
    let known = (w.norm != UNK) as u64;
    out.push(f(29).u64(initcap).u64(known).finish());
    out.push(f(30).u64(initcap).finish());
    out.push(f(31).u64(w.sent as u64).u64(initcap).finish());
    if w.demonym {
        out.push(f(32).finish());
        out.push(f(33).u64(w.flags as u64).u64(w.first as u64).finish());
    }
    if w.place {
        out.push(f(34).u64(w.first as u64).finish());
        out.push(f(35).u64(w.flags as u64).u64(w.sent as u64).finish());
    }
}

/// Features on the previous predicted tags (`p1` the previous word's, `p2` the one before).
fn dynamic_feats(ws: &[WordInfo], i: usize, p1: u64, p2: u64, out: &mut Vec<Feat>) {
    let w = &ws[i];
    let f = |t: u32| FeatHash::new(t);
    out.push(f(40).u64(p1).finish());
    out.push(f(41).u64(p1).u64(p2).finish());
    out.push(f(42).u64(p2).finish());
    out.push(f(43).u64(p1).u64(w.norm).finish());
    out.push(f(44).u64(p1).u64(w.amb).finish());
    out.push(f(45).u64(p1).u64(w.suf[2]).finish());
    out.push(f(46).u64(p1).u64(p2).u64(w.amb).finish());
    let next = ws.get(i + 1).map(|x| x.norm).unwrap_or(END);
    out.push(f(47).u64(p1).u64(next).finish());
    out.push(f(48).u64(p1).u64(w.shape).finish());
}

#[derive(Clone)]
struct Instance {
    infos: Vec<WordInfo>,
    gold: Vec<u16>,
    dict: Vec<Option<u16>>,
}

impl Instance {
    /// The sentence read right to left (for a right-to-left pass).
    fn reversed(&self) -> Instance {
        let mut infos = self.infos.clone();
        infos.reverse();
        let mut gold = self.gold.clone();
        gold.reverse();
        let mut dict = self.dict.clone();
        dict.reverse();
        Instance { infos, gold, dict }
    }
}

/// Pass 1 over `d` (right to left when `rtl`), tags and margins in sentence order.
fn run_pass1(model: &Perceptron, d: &Instance, rtl: bool, margins: &mut Vec<f32>) -> Vec<u16> {
    if rtl {
        let r = d.reversed();
        let mut t = run_pass_ext(model, &r.infos, &r.dict, None, None, margins);
        t.reverse();
        margins.reverse();
        t
    } else {
        run_pass_ext(model, &d.infos, &d.dict, None, None, margins)
    }
}

/// Features on pass 1's tags `q` (pass 2 only).
fn right_feats(ws: &[WordInfo], i: usize, q: &[u16], p1: u64, out: &mut Vec<Feat>) {
    let n = ws.len();
    let qa = |d: isize| pad(i as isize + d, n).and_then(|j| q.get(j)).map(|&t| t as u64).unwrap_or(if d < 0 { START } else { END });
    let w = &ws[i];
    let f = |t: u32| FeatHash::new(t);
    out.push(f(60).u64(qa(0)).finish());
    out.push(f(61).u64(qa(1)).finish());
    out.push(f(62).u64(qa(2)).finish());
    out.push(f(63).u64(qa(1)).u64(qa(2)).finish());
    out.push(f(64).u64(p1).u64(qa(1)).finish());
    out.push(f(65).u64(qa(1)).u64(w.norm).finish());
    out.push(f(66).u64(qa(0)).u64(qa(1)).finish());
    out.push(f(67).u64(qa(1)).u64(w.suf[2]).finish());
    out.push(f(68).u64(p1).u64(qa(0)).u64(qa(1)).finish());
}

fn pass_feats(infos: &[WordInfo], i: usize, p1: u64, p2: u64, q: Option<&[u16]>, feats: &mut Vec<Feat>) {
    feats.clear();
    static_feats(infos, i, feats);
    dynamic_feats(infos, i, p1, p2, feats);
    if let Some(q) = q {
        right_feats(infos, i, q, p1, feats);
    }
}

/// Greedy left-to-right tagging with one pass's model (`q`: pass 1's tags, for pass 2).
fn run_pass(model: &Perceptron, infos: &[WordInfo], dict: &[Option<u16>], q: Option<&[u16]>) -> Vec<u16> {
    run_pass_ext(model, infos, dict, q, None, &mut Vec::new())
}

/// [`run_pass`] that also records each word's score margin (best minus second best; infinite
/// for tag-dictionary words) in `margins`, and with `keep = (pass-1 margins, threshold)` keeps
/// pass 1's tag wherever pass 1 was at least that sure (pass 2 is then not scored there).
fn run_pass_ext(
    model: &Perceptron,
    infos: &[WordInfo],
    dict: &[Option<u16>],
    q: Option<&[u16]>,
    keep: Option<(&[f32], f32)>,
    margins: &mut Vec<f32>,
) -> Vec<u16> {
    let mut out = Vec::with_capacity(infos.len());
    run_pass_into(model, infos, dict, q, keep, margins, &mut out, &mut PassBufs::default());
    out
}

/// [`run_pass_ext`] into `out` with reused buffers.
///
/// Without `q` (pass 1), the features that do not depend on predicted tags come first in every
/// word's feature list, so their scores are summed for all the words to score up front, in one
/// pipelined batch ([`Perceptron::scores_groups`]), and each greedy step only adds the
/// tag-history features to a copy: the same additions in the same order as scoring the whole
/// list, so bit-identical scores.
#[allow(clippy::too_many_arguments)]
fn run_pass_into(
    model: &Perceptron,
    infos: &[WordInfo],
    dict: &[Option<u16>],
    q: Option<&[u16]>,
    keep: Option<(&[f32], f32)>,
    margins: &mut Vec<f32>,
    out: &mut Vec<u16>,
    bufs: &mut PassBufs,
) {
    out.clear();
    margins.clear();
    let nc = model.n_classes().max(1);
    let PassBufs { feats, ends, wfeats, wends, wscores, missed, cache, stat, dfeats, scores } = bufs;
    scores.clear();
    scores.resize(nc, 0.0);
    let batch = q.is_none() && model.n_classes() == nc;
    if batch {
        feats.clear();
        ends.clear();
        let n_scored = dict.iter().take(infos.len()).filter(|d| d.is_none()).count();
        stat.clear();
        stat.resize(n_scored * nc, 0.0);
        match cache {
            Some(c) => {
                c.bind(model.uid(), nc);
                wfeats.clear();
                wends.clear();
                missed.clear();
                let mut k = 0;
                for (i, w) in infos.iter().enumerate() {
                    if dict.get(i).copied().flatten().is_some() {
                        continue;
                    }
                    let key = WordCache::key(w);
                    match c.get(key) {
                        Some(row) => stat[k * nc..(k + 1) * nc].copy_from_slice(row),
                        None => {
                            word_feats(w, wfeats);
                            wends.push(wfeats.len());
                            missed.push((k, key));
                        }
                    }
                    context_feats(infos, i, feats);
                    ends.push(feats.len());
                    k += 1;
                }
                if !missed.is_empty() {
                    wscores.clear();
                    wscores.resize(missed.len() * nc, 0.0);
                    model.scores_groups(wfeats, wends, wscores);
                    for (m, &(k, key)) in missed.iter().enumerate() {
                        let row = &wscores[m * nc..(m + 1) * nc];
                        stat[k * nc..(k + 1) * nc].copy_from_slice(row);
                        c.put(key, row);
                    }
                }
                model.add_groups(feats, ends, stat);
            }
            None => {
                for i in 0..infos.len() {
                    if dict.get(i).copied().flatten().is_none() {
                        static_feats(infos, i, feats);
                        ends.push(feats.len());
                    }
                }
                model.scores_groups(feats, ends, stat);
            }
        }
    }
    let mut k = 0;
    let (mut p1, mut p2) = (START, START);
    for i in 0..infos.len() {
        let kept = match (keep, q) {
            (Some((m, th)), Some(q)) if m.get(i).is_some_and(|&x| x >= th) => q.get(i).copied(),
            _ => None,
        };
        let t = match dict.get(i).copied().flatten().or(kept) {
            Some(t) => {
                margins.push(f32::INFINITY);
                t
            }
            None => {
                // (pass 1 adds the tag-history features to the word's row of `stat` in place)
                let sc: &[f32] = match stat.get_mut(k * nc..(k + 1) * nc).filter(|_| batch) {
                    Some(row) => {
                        k += 1;
                        dfeats.clear();
                        dynamic_feats(infos, i, p1, p2, dfeats);
                        model.add_into(dfeats, row);
                        row
                    }
                    None => {
                        pass_feats(infos, i, p1, p2, q, dfeats);
                        model.scores_into(dfeats, scores);
                        scores
                    }
                };
                // best (lowest index on ties) and the best of the others, in one sweep
                let (mut b, mut best, mut second) = (0, sc[0], f32::NEG_INFINITY);
                for (c, &v) in sc.iter().enumerate().skip(1) {
                    if v > best {
                        second = best;
                        best = v;
                        b = c;
                    } else if v > second {
                        second = v;
                    }
                }
                margins.push(best - second);
                b as u16
            }
        };
        out.push(t);
        p2 = p1;
        p1 = t as u64;
    }
}

/// Train one pass for up to `epochs`; `eval(model, epoch, train acc)` returns dev (UPOS, XPOS)
/// and the best epoch's model is returned with its epoch number.
fn train_pass(
    data: &[Instance],
    q: Option<&[Vec<u16>]>,
    n_classes: usize,
    epochs: usize,
    seed: u64,
    eval: &mut dyn FnMut(&Perceptron, usize, f64) -> (f64, f64),
) -> (Perceptron, usize) {
    let mut trainer = Trainer::new(n_classes.max(1));
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut rng = Rng::new(seed);
    let mut best: Option<((f64, f64), usize, Perceptron)> = None;
    let mut feats = Vec::with_capacity(80);
    let mut scores = Vec::new();
    for epoch in 1..=epochs.max(1) {
        rng.shuffle(&mut order);
        let (mut right, mut total) = (0usize, 0usize);
        for &si in &order {
            let d = &data[si];
            let qs = q.map(|q| q[si].as_slice());
            let (mut p1, mut p2) = (START, START);
            for i in 0..d.infos.len() {
                let guess = match d.dict[i] {
                    Some(t) => t as usize,
                    None => {
                        pass_feats(&d.infos, i, p1, p2, qs, &mut feats);
                        trainer.scores(&feats, &mut scores);
                        let g = argmax(&scores);
                        trainer.learn(&feats, d.gold[i] as usize, g);
                        g
                    }
                };
                right += (guess == d.gold[i] as usize) as usize;
                total += 1;
                p2 = p1;
                p1 = guess as u64;
            }
        }
        let p = trainer.finish(0.0);
        let sc = eval(&p, epoch, TagScore::pct(right, total));
        if best.as_ref().map(|b| sc >= b.0).unwrap_or(true) {
            best = Some((sc, epoch, p));
        }
    }
    let (_, e, p) = best.unwrap_or(((0.0, 0.0), 0, Perceptron::default()));
    (p, e)
}

/// Accuracy counts: (words, UPOS right, XPOS right).
#[derive(Clone, Copy, Debug, Default)]
pub struct TagScore {
    pub words: usize,
    pub upos: usize,
    pub xpos: usize,
    pub lemma: usize,
}

impl TagScore {
    pub fn pct(n: usize, d: usize) -> f64 {
        if d == 0 {
            0.0
        } else {
            100.0 * n as f64 / d as f64
        }
    }
}

/// A little deterministic RNG (xorshift64*).
pub(crate) struct Rng(u64);
impl Rng {
    pub(crate) fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1)
    }
    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    pub(crate) fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

fn argmax_desc<K: Ord + Clone>(m: &BTreeMap<K, u32>) -> Option<K> {
    m.iter().max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0))).map(|(k, _)| k.clone())
}

const MAGIC: &[u8; 4] = b"PTAG";
const VERSION: u32 = 9;

impl TaggerModel {
    /// Train on gold-tagged sentences (form, upos, xpos, lemma, feats are read). `dev` picks the
    /// epoch (by dev UPOS accuracy, then XPOS); `log` gets one line per epoch.
    pub fn train(train: &[Sentence], dev: &[Sentence], opts: &TaggerTrainOptions, log: &mut dyn FnMut(&str)) -> TaggerModel {
        let mut tags: BTreeMap<(String, String), u32> = BTreeMap::new();
        for s in train {
            for t in &s.tokens {
                *tags.entry((t.upos.clone(), t.xpos.clone())).or_default() += 1;
            }
        }
        let tag_list: Vec<(String, String)> = tags.keys().cloned().collect();
        let tag_ix: HashMap<(String, String), u16> = tag_list.iter().cloned().enumerate().map(|(i, t)| (t, i as u16)).collect();
        let gold_of = |t: &Token| tag_ix.get(&(t.upos.clone(), t.xpos.clone())).copied().unwrap_or(0);

        // Tag dictionary and ambiguity classes.
        let mut by_form: BTreeMap<&str, BTreeMap<u16, u32>> = BTreeMap::new();
        let mut by_lower: BTreeMap<String, BTreeMap<u16, u32>> = BTreeMap::new();
        for s in train {
            for t in &s.tokens {
                let g = gold_of(t);
                *by_form.entry(t.form.as_str()).or_default().entry(g).or_default() += 1;
                *by_lower.entry(t.form.to_lowercase()).or_default().entry(g).or_default() += 1;
            }
        }
        let mut tagdict = FeatMap::default();
        for (form, m) in &by_form {
            let total: u32 = m.values().sum();
            if let Some(best) = argmax_desc(m) {
                if total >= 20 && m[&best] as f64 >= 0.995 * total as f64 {
                    tagdict.insert(h(form), best);
                }
            }
        }
        let mut amb = FeatMap::default();
        for (low, m) in &by_lower {
            let total: u32 = m.values().sum();
            if total < 3 {
                amb.insert(h(low), 0); // known word, no reliable ambiguity class
                continue;
            }
            let mut fh = FeatHash::new(99);
            for (t, c) in m {
                if *c as f64 >= 0.05 * total as f64 {
                    fh = fh.u64(*t as u64);
                }
            }
            amb.insert(h(low), fh.finish());
        }

        // Lemmatiser and FEATS.
        let lemma = Lemmatizer::train(
            train.iter().flat_map(|s| s.tokens.iter()).map(|t| (t.form.as_str(), t.xpos.as_str(), t.lemma.as_str())),
        );
        let mut fdef: Vec<BTreeMap<&str, u32>> = vec![BTreeMap::new(); tag_list.len()];
        let mut fform: BTreeMap<(u16, String), BTreeMap<&str, u32>> = BTreeMap::new();
        for s in train {
            for t in &s.tokens {
                let g = gold_of(t);
                *fdef[g as usize].entry(t.feats.as_str()).or_default() += 1;
                *fform.entry((g, t.form.to_lowercase())).or_default().entry(t.feats.as_str()).or_default() += 1;
            }
        }
        let feats_default: Vec<String> = fdef.iter().map(|m| argmax_desc(m).unwrap_or("").to_string()).collect();
        let mut feats_by_form = FeatMap::default();
        for ((g, low), m) in &fform {
            let best = argmax_desc(m).unwrap_or("");
            if best != feats_default[*g as usize] {
                feats_by_form.insert(feats_key(*g, low), best.to_string());
            }
        }

        let mut model = TaggerModel {
            model2: None,
            skip_margin: f32::INFINITY,
            rtl: false,
            tags: tag_list,
            tagdict,
            amb,
            model: Perceptron::default(),
            lemma,
            feats_default,
            feats_by_form,
            demonyms: Vec::new(),
            places: Vec::new(),
            lexicon: FeatMap::default(),
            words: Vec::new(),
            word_classes: FeatMap::default(),
        };
        // Place words: only those that are names in the training data too (never seen there, or
        // PROPN in at least half of their occurrences: not "New", "North", "American"), and not
        // nationality adjectives.
        let demonyms: Vec<String> = opts.demonyms.iter().map(|d| d.to_lowercase()).collect();
        let places: Vec<String> = opts
            .places
            .iter()
            .map(|d| d.to_lowercase())
            .filter(|w| !demonyms.contains(w))
            .filter(|w| match by_lower.get(w) {
                None => true,
                Some(m) => {
                    let total: u32 = m.values().sum();
                    let propn: u32 = m.iter().filter(|(t, _)| model.tags[**t as usize].0 == "PROPN").map(|(_, c)| c).sum();
                    propn * 2 >= total
                }
            })
            .collect();
        // Nationality adjectives are capitalised in the word list, like names: their own feature
        // says what they are, the list's "capitalised only" would pull them to PROPN.
        let words = opts
            .words
            .iter()
            .map(|(w, b)| (w.clone(), if demonyms.contains(w) { b & !LX_CAPITAL } else { *b }))
            .filter(|(_, b)| *b != 0)
            .collect();
        model.set_lexicon(demonyms, places);
        model.set_words(words);

        // Perceptron training: pass 1 (left-to-right, previous tags), then pass 2 (also sees
        // pass 1's tags to the right), trained on pass-1 tags from a jack-knifed pass 1.
        let instance = |s: &Sentence| {
            let forms: Vec<&str> = s.tokens.iter().map(|t| t.form.as_str()).collect();
            Instance {
                infos: model.infos(&forms),
                gold: s.tokens.iter().map(gold_of).collect(),
                dict: forms.iter().map(|f| model.tagdict.get(&h(f)).copied()).collect(),
            }
        };
        let mut data: Vec<Instance> = train.iter().map(instance).collect();
        // Word dropout: a share of the words seen once in training are shown as UNK, which is
        // what unseen words look like at tagging time.
        if opts.word_dropout > 0.0 {
            let mut rng = Rng::new(opts.seed ^ 0x5eed);
            for (s, d) in train.iter().zip(&mut data) {
                for (t, w) in s.tokens.iter().zip(&mut d.infos) {
                    let once = by_lower.get(&t.form.to_lowercase()).map_or(0, |m| m.values().sum::<u32>()) <= 1;
                    // Nationality and place words are dropped less often (they are frequent
                    // words): 0.4 of the rate gave dev UPOS 95.18/95.27 on two seeds, the full
                    // rate 95.13/95.14.
                    let rate = if once { opts.word_dropout } else { opts.word_dropout * 0.4 };
                    if (once || w.demonym || w.place) && w.flags & F_DIGIT == 0 && ((rng.next() % 1000) as f64) < rate * 1000.0 {
                        w.norm = UNK;
                        w.form = UNK;
                        w.amb = 0;
                        // (unseen nationalities and places are mostly not in the dictionary either)
                        if w.demonym || w.place {
                            w.lex = 0;
                        }
                    }
                }
            }
        }
        let dev_data: Vec<Instance> = dev.iter().map(instance).collect();
        let n_classes = model.tags.len();
        let t0 = Instant::now();
        let tags = &model.tags;
        let dev_score = |pred: &[Vec<u16>]| -> (f64, f64) {
            let (mut n, mut u, mut x) = (0usize, 0usize, 0usize);
            for (s, p) in dev.iter().zip(pred) {
                for (t, &id) in s.tokens.iter().zip(p) {
                    n += 1;
                    let (pu, px) = &tags[id as usize];
                    u += (*pu == t.upos) as usize;
                    x += (*px == t.xpos) as usize;
                }
            }
            (TagScore::pct(u, n), TagScore::pct(x, n))
        };
        let log_epoch = |log: &mut dyn FnMut(&str), pass: usize, epoch: usize, acc: f64, (u, x): (f64, f64), nf: usize| {
            log(&format!(
                "pass {pass} epoch {epoch}: train acc {acc:.2} dev upos {u:.2} xpos {x:.2} ({:.0} s, {nf} features)",
                t0.elapsed().as_secs_f64()
            ));
        };
        let rtl = opts.right_to_left_first;
        let data1: Vec<Instance> = if rtl { data.iter().map(Instance::reversed).collect() } else { data.clone() };
        let m1 = train_pass(&data1, None, n_classes, opts.epochs, opts.seed, &mut |p, e, acc| {
            let pred: Vec<Vec<u16>> = dev_data.iter().map(|d| run_pass1(p, d, rtl, &mut Vec::new())).collect();
            let sc = dev_score(&pred);
            log_epoch(log, 1, e, acc, sc, p.n_features());
            sc
        });
        log(&format!("pass 1: kept epoch {}", m1.1));
        let mut model2 = None;
        if opts.two_pass {
            // Jack-knifed pass-1 tags for the training data.
            let k = 4;
            let mut q: Vec<Vec<u16>> = vec![Vec::new(); data.len()];
            for fold in 0..k {
                let part: Vec<Instance> = data1.iter().enumerate().filter(|(i, _)| i % k != fold).map(|(_, d)| d.clone()).collect();
                let m = train_pass(&part, None, n_classes, m1.1, opts.seed, &mut |_, _, _| (0.0, 0.0));
                for (i, d) in data.iter().enumerate().filter(|(i, _)| i % k == fold) {
                    q[i] = run_pass1(&m.0, d, rtl, &mut Vec::new());
                }
                log(&format!("jack-knife fold {}/{k} done ({:.0} s)", fold + 1, t0.elapsed().as_secs_f64()));
            }
            let dev_q: Vec<Vec<u16>> = dev_data.iter().map(|d| run_pass1(&m1.0, d, rtl, &mut Vec::new())).collect();
            let m2 = train_pass(&data, Some(&q), n_classes, opts.epochs, opts.seed, &mut |p, e, acc| {
                let pred: Vec<Vec<u16>> =
                    dev_data.iter().zip(&dev_q).map(|(d, q)| run_pass(p, &d.infos, &d.dict, Some(q))).collect();
                let sc = dev_score(&pred);
                log_epoch(log, 2, e, acc, sc, p.n_features());
                sc
            });
            log(&format!("pass 2: kept epoch {}", m2.1));
            // Where pass 1 is sure enough, pass 2 rarely changes the tag: skip it there (speed).
            let mut m1s = Vec::new();
            let dev_m: Vec<Vec<f32>> = dev_data
                .iter()
                .map(|d| {
                    run_pass1(&m1.0, d, rtl, &mut m1s);
                    m1s.clone()
                })
                .collect();
            let mut choice = (f32::INFINITY, 0.0);
            let mut full = None;
            for th in [f32::INFINITY, 64.0, 32.0, 16.0, 8.0, 4.0] {
                let mut skipped = 0usize;
                let mut total = 0usize;
                let pred: Vec<Vec<u16>> = dev_data
                    .iter()
                    .zip(&dev_q)
                    .zip(&dev_m)
                    .map(|((d, q), m)| {
                        total += m.len();
                        skipped += m.iter().filter(|&&x| x >= th).count();
                        run_pass_ext(&m2.0, &d.infos, &d.dict, Some(q), Some((m, th)), &mut Vec::new())
                    })
                    .collect();
                let (u, x) = dev_score(&pred);
                let share = TagScore::pct(skipped, total);
                log(&format!("pass 2 skipped where pass-1 margin >= {th}: {share:.1}% of words, dev upos {u:.2} xpos {x:.2}"));
                // the smallest pass-2 share that loses at most 0.1 point of dev UPOS (speed: with
                // the dictionary classes, margin 16 gave 95.69 with pass 2 on 6.5% of the words
                // and tag speed -11%; margin 4 95.63 on 1.9%)
                let f = *full.get_or_insert(u);
                if u >= f - 0.1 {
                    choice = (th, share);
                }
            }
            log(&format!("pass 2 skip margin: {} ({:.1}% of words)", choice.0, choice.1));
            model.skip_margin = choice.0;
            model2 = Some(m2.0);
        }
        model.model = m1.0;
        model.model2 = model2;
        model.rtl = rtl;
        let sc = model.evaluate(dev);
        log(&format!(
            "dev: upos {:.2} xpos {:.2} lemma {:.2}",
            TagScore::pct(sc.upos, sc.words),
            TagScore::pct(sc.xpos, sc.words),
            TagScore::pct(sc.lemma, sc.words)
        ));
        model
    }

    fn set_words(&mut self, mut words: Vec<(String, u16)>) {
        words.sort();
        words.dedup_by(|a, b| a.0 == b.0);
        self.word_classes = words.iter().map(|(w, b)| (h(w), *b)).collect();
        self.words = words;
    }

    fn set_lexicon(&mut self, mut d: Vec<String>, mut p: Vec<String>) {
        d.sort();
        d.dedup();
        p.sort();
        p.dedup();
        self.lexicon = FeatMap::default();
        for (list, bit) in [(&d, 1u8), (&p, 2u8)] {
            for w in list {
                *self.lexicon.entry(h(w)).or_default() |= bit;
            }
        }
        self.demonyms = d;
        self.places = p;
    }

    /// Tag ids of `n` words (`form(i)`) into `sc.ids`.
    fn predict_into<'a>(&self, n: usize, form: impl Fn(usize) -> &'a str + Copy, sc: &mut Scratch) {
        let Scratch { infos, dict, margins, q, ids, pass, low, shp } = sc;
        let cache = pass.cache.get_or_insert_with(WordCache::new);
        cache.bind(self.model.uid(), self.model.n_classes());
        infos.clear();
        dict.clear();
        for i in 0..n {
            let f = form(i);
            let (w, d) = cache.info(h(f)).unwrap_or_else(|| {
                let w = self.word_info(f, low, shp);
                let d = self.tagdict.get(&w.fh).copied();
                cache.put_info(w, d);
                (w, d)
            });
            infos.push(w);
            dict.push(d);
        }
        finish_infos(infos);
        if self.rtl {
            // (reversed in place and back: no copies)
            infos.reverse();
            dict.reverse();
            run_pass_into(&self.model, infos, dict, None, None, margins, q, pass);
            infos.reverse();
            dict.reverse();
            q.reverse();
            margins.reverse();
        } else {
            run_pass_into(&self.model, infos, dict, None, None, margins, q, pass);
        }
        match &self.model2 {
            Some(m2) => {
                let mut m2s = std::mem::take(&mut pass.stat);
                run_pass_into(m2, infos, dict, Some(q), Some((margins, self.skip_margin)), &mut m2s, ids, pass);
                pass.stat = m2s;
            }
            None => {
                ids.clear();
                ids.extend_from_slice(q);
            }
        }
    }

    /// Drop perceptron weights whose absolute value is `<= threshold` (smaller model file).
    pub fn prune(&mut self, threshold: f32) {
        self.model = self.model.pruned(threshold);
        if let Some(m2) = &self.model2 {
            self.model2 = Some(m2.pruned(threshold));
        }
    }

    /// Pass 2 keeps pass 1's tag where pass 1's score margin is at least `margin` (training
    /// chooses it on dev; a development aid for speed/accuracy trade-offs).
    pub fn set_skip_margin(&mut self, margin: f32) {
        self.skip_margin = margin;
    }

    /// Whether `form` (lowercased) occurred in the training data.
    pub fn is_known(&self, form: &str) -> bool {
        self.amb.contains_key(&h(&form.to_lowercase()))
    }

    /// Tag `sent` in place: UPOS, XPOS, lemma and FEATS of every token (head/deprel untouched).
    pub fn tag(&self, sent: &mut Sentence) {
        if self.tags.is_empty() {
            return;
        }
        SCRATCH.with(|sc| {
            // (a fresh buffer set should a thread ever re-enter)
            let mut fresh;
            let mut guard = sc.try_borrow_mut();
            let sc = match guard.as_deref_mut() {
                Ok(sc) => sc,
                Err(_) => {
                    fresh = Scratch::default();
                    &mut fresh
                }
            };
            let toks = &sent.tokens;
            self.predict_into(toks.len(), |i| toks[i].form.as_str(), sc);
            let Scratch { ids, infos, pass, low, .. } = sc;
            let mut cache = pass.cache.as_mut();
            for ((t, &id), w) in sent.tokens.iter_mut().zip(ids.iter()).zip(infos.iter()) {
                let (u, x) = match self.tags.get(id as usize) {
                    Some((u, x)) => (u.as_str(), x.as_str()),
                    None => ("", ""),
                };
                u.clone_into(&mut t.upos);
                x.clone_into(&mut t.xpos);
                // lemma and FEATS depend on the form and the tag only
                let key = FeatHash::new(91).u64(w.fh).u64(id as u64).finish().max(1);
                if let Some((l, f)) = cache.as_deref().and_then(|c| c.lemma(key)) {
                    l.clone_into(&mut t.lemma);
                    f.clone_into(&mut t.feats);
                    continue;
                }
                lower_into(&t.form, low);
                t.lemma = self.lemma.lemma_lower(&t.form, low, x);
                let f = match self.feats_by_form.get(&feats_key(id, low)) {
                    Some(f) => f.as_str(),
                    None => self.feats_default.get(id as usize).map_or("", String::as_str),
                };
                f.clone_into(&mut t.feats);
                if let Some(c) = cache.as_deref_mut() {
                    c.put_lemma(key, &t.lemma, f);
                }
            }
        });
    }

    /// Tag copies of gold sentences and count agreement (UPOS, XPOS, lemma).
    pub fn evaluate(&self, gold: &[Sentence]) -> TagScore {
        let mut sc = TagScore::default();
        for g in gold {
            let mut s = g.clone();
            self.tag(&mut s);
            for (a, b) in s.tokens.iter().zip(&g.tokens) {
                sc.words += 1;
                sc.upos += (a.upos == b.upos) as usize;
                sc.xpos += (a.xpos == b.xpos) as usize;
                sc.lemma += (a.lemma == b.lemma) as usize;
            }
        }
        sc
    }

    /// Number of (features, weights) in the perceptron, tag dictionary entries, lemma rules and
    /// exceptions: for logs.
    pub fn stats(&self) -> String {
        format!(
            "{} tags, {} features, {} weights, {} tag-dictionary words, {} ambiguity classes, {} lemma rules, {} lemma exceptions, {} FEATS exceptions, {} nationality adjectives, {} place-name words, {} dictionary words",
            self.tags.len(),
            self.model.n_features(),
            self.model.n_weights(),
            self.tagdict.len(),
            self.amb.len(),
            self.lemma.n_rules(),
            self.lemma.n_exceptions(),
            self.feats_by_form.len(),
            self.demonyms.len(),
            self.places.len(),
            self.words.len()
        )
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::new();
        w.buf.extend_from_slice(MAGIC);
        w.u32(VERSION);
        w.u32(self.tags.len() as u32);
        for (u, x) in &self.tags {
            w.str(u);
            w.str(x);
        }
        let mut td: Vec<_> = self.tagdict.iter().collect();
        td.sort();
        w.u32(td.len() as u32);
        for (f, t) in td {
            w.u64(*f);
            w.u16(*t);
        }
        let mut am: Vec<_> = self.amb.iter().collect();
        am.sort();
        w.u32(am.len() as u32);
        for (f, a) in am {
            w.u64(*f);
            w.u64(*a);
        }
        self.model.write(&mut w);
        match &self.model2 {
            Some(m2) => {
                w.u8(1);
                m2.write(&mut w);
            }
            None => w.u8(0),
        }
        w.f32(self.skip_margin);
        w.u8(self.rtl as u8);
        self.lemma.write(&mut w);
        w.u32(self.feats_default.len() as u32);
        for f in &self.feats_default {
            w.str(f);
        }
        let mut fb: Vec<_> = self.feats_by_form.iter().collect();
        fb.sort();
        w.u32(fb.len() as u32);
        for (k, f) in fb {
            w.u64(*k);
            w.str(f);
        }
        for list in [&self.demonyms, &self.places] {
            w.u32(list.len() as u32);
            for d in list {
                w.str(d);
            }
        }
        w.u32(self.words.len() as u32);
        for (word, bits) in &self.words {
            w.str(word);
            w.u16(*bits);
        }
        w.into_bytes()
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<TaggerModel, NlpError> {
        let mut r = Reader::new(bytes, "tagger");
        r.header(MAGIC, VERSION)?;
        let n = r.count(8)?;
        let mut tags = Vec::with_capacity(n);
        for _ in 0..n {
            tags.push((r.str()?.to_string(), r.str()?.to_string()));
        }
        let n = r.count(10)?;
        let mut tagdict = FeatMap::default();
        tagdict.reserve(n);
        for _ in 0..n {
            let f = r.u64()?;
            let t = r.u16()?;
            if t as usize >= tags.len() {
                return Err(r.err(format!("tag {t} out of range")));
            }
            tagdict.insert(f, t);
        }
        let n = r.count(16)?;
        let mut amb = FeatMap::default();
        amb.reserve(n);
        for _ in 0..n {
            let f = r.u64()?;
            amb.insert(f, r.u64()?);
        }
        let model = Perceptron::read(&mut r)?;
        if model.n_classes() != tags.len() {
            return Err(r.err(format!("perceptron has {} classes, tag list {}", model.n_classes(), tags.len())));
        }
        let model2 = match r.u8()? {
            0 => None,
            1 => {
                let m2 = Perceptron::read(&mut r)?;
                if m2.n_classes() != tags.len() {
                    return Err(r.err(format!("pass-2 perceptron has {} classes, tag list {}", m2.n_classes(), tags.len())));
                }
                Some(m2)
            }
            x => return Err(r.err(format!("expected 0 or 1 for the pass-2 flag, found {x}"))),
        };
        let skip_margin = r.f32()?;
        let rtl = match r.u8()? {
            0 => false,
            1 => true,
            x => return Err(r.err(format!("expected 0 or 1 for the pass-1 direction, found {x}"))),
        };
        let lemma = Lemmatizer::read(&mut r)?;
        let n = r.count(4)?;
        let mut feats_default = Vec::with_capacity(n);
        for _ in 0..n {
            feats_default.push(r.str()?.to_string());
        }
        let n = r.count(8)?;
        let mut feats_by_form = FeatMap::default();
        feats_by_form.reserve(n);
        for _ in 0..n {
            let k = r.u64()?;
            feats_by_form.insert(k, r.str()?.to_string());
        }
        let mut lists = [Vec::new(), Vec::new()];
        for list in &mut lists {
            let n = r.count(4)?;
            list.reserve(n);
            for _ in 0..n {
                list.push(r.str()?.to_string());
            }
        }
        let [demonyms, places] = lists;
        let n = r.count(3)?;
        let mut words = Vec::with_capacity(n);
        for _ in 0..n {
            words.push((r.str()?.to_string(), r.u16()?));
        }
        if !r.is_empty() {
            return Err(r.err("trailing bytes after the model"));
        }
        let mut m = TaggerModel {
            tags,
            tagdict,
            amb,
            model,
            model2,
            skip_margin,
            rtl,
            lemma,
            feats_default,
            feats_by_form,
            demonyms: Vec::new(),
            places: Vec::new(),
            lexicon: FeatMap::default(),
            words: Vec::new(),
            word_classes: FeatMap::default(),
        };
        m.set_lexicon(demonyms, places);
        m.set_words(words);
        Ok(m)
    }
}

/// The nationality adjectives of petrel's `data/geonames/country_variants.tsv`
/// (`ISO3<TAB>variant<TAB>adj` rows): the last word of each (`Costa Rican` -> `Rican`).
pub fn demonyms_from_country_variants(src: &str) -> Vec<String> {
    src.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (f.len() >= 3 && f[2].trim() == "adj").then(|| f[1].split_whitespace().last().map(str::to_string)).flatten()
        })
        .collect()
}

/// The capitalised words of the place names in the given tab-separated columns of a GeoNames
/// table (`cities15000.txt`: 1 and 2, `admin1CodesASCII.txt`: 1 and 2, `countryInfo.txt`: 4
/// and 5); `Andorra la Vella` gives `Andorra` and `Vella`.
pub fn place_words(src: &str, cols: &[usize]) -> Vec<String> {
    let mut out = Vec::new();
    for line in src.lines().filter(|l| !l.starts_with('#')) {
        let f: Vec<&str> = line.split('\t').collect();
        for &c in cols {
            for w in f.get(c).map_or("", |v| v.trim()).split_whitespace() {
                if w.chars().next().is_some_and(char::is_uppercase) && w.chars().count() > 1 {
                    out.push(w.to_string());
                }
            }
        }
    }
    out
}

/// Bits of [`word_classes`]: a WordNet noun, verb, adjective or adverb lemma; a regular or
/// listed plural, third-person singular, past (or participle), -ing form, comparative or
/// superlative of one (found in the word list); a lowercase entry of the word list; a word the
/// list has capitalised only.
pub const LX_NOUN: u16 = 1;
pub const LX_PLURAL: u16 = 2;
pub const LX_VERB: u16 = 4;
pub const LX_3SG: u16 = 8;
pub const LX_PAST: u16 = 16;
pub const LX_ING: u16 = 32;
pub const LX_ADJ: u16 = 64;
pub const LX_COMPARATIVE: u16 = 128;
pub const LX_ADV: u16 = 256;
pub const LX_LOWER: u16 = 512;
pub const LX_CAPITAL: u16 = 1024;

/// Dictionary classes of lowercase words, from WordNet's `index.noun`, `index.verb`,
/// `index.adj`, `index.adv` (`index`), its `noun.exc`, `verb.exc`, `adj.exc` (`exc`: irregular
/// forms) and a plain word list (`words`, one word a line, e.g. Debian's `american-english`):
/// the [`LX_NOUN`].. bits of each word. Regular inflections of the lemmas count only where the
/// word list has them (so that "visitting" is not made a word); multi-word lemmas and the
/// list's possessives are left out. Sorted by word.
pub fn word_classes(index: [&str; 4], exc: [&str; 3], words: &str) -> Vec<(String, u16)> {
    let mut low = std::collections::HashSet::new();
    let mut cap = Vec::new();
    for w in words.lines().map(str::trim).filter(|w| !w.is_empty() && !w.contains('\'')) {
        let l = w.to_lowercase();
        if l == w {
            low.insert(l);
        } else {
            cap.push(l);
        }
    }
    let mut out: BTreeMap<String, u16> = BTreeMap::new();
    let consonant = |c: char| c.is_ascii_alphabetic() && !"aeiou".contains(c);
    let add_forms = |lemma: &str, ends: &[&str], bit: u16, out: &mut BTreeMap<String, u16>| {
        let mut cands: Vec<String> = Vec::new();
        let last = lemma.chars().last().unwrap_or(' ');
        let stem_y = lemma.strip_suffix('y').filter(|s| s.chars().last().is_some_and(consonant));
        let stem_e = lemma.strip_suffix('e');
        for e in ends {
            cands.push(format!("{lemma}{e}"));
            if let Some(st) = stem_y {
                cands.push(format!("{st}i{e}"));
            }
            if let Some(st) = stem_e {
                if e.starts_with('e') || e.starts_with('i') {
                    cands.push(format!("{st}{e}"));
                }
            }
            if consonant(last) && e.chars().next().is_some_and(|c| "aeiou".contains(c)) {
                cands.push(format!("{lemma}{last}{e}"));
            }
        }
        for c in cands {
            if low.contains(&c) {
                *out.entry(c).or_default() |= bit;
            }
        }
    };
    for (k, src) in index.iter().enumerate() {
        let (base, infl): (u16, &[(&[&str], u16)]) = match k {
            0 => (LX_NOUN, &[(&["s", "es"], LX_PLURAL)]),
            1 => (LX_VERB, &[(&["s", "es"], LX_3SG), (&["ed"], LX_PAST), (&["ing"], LX_ING)]),
            2 => (LX_ADJ, &[(&["er", "est"], LX_COMPARATIVE)]),
            _ => (LX_ADV, &[]),
        };
        for line in src.lines().filter(|l| !l.starts_with(' ')) {
            let Some(lemma) = line.split(' ').next().filter(|l| !l.is_empty() && !l.contains('_')) else { continue };
            let lemma = lemma.to_lowercase();
            *out.entry(lemma.clone()).or_default() |= base;
            for (ends, bit) in infl {
                add_forms(&lemma, ends, *bit, &mut out);
            }
        }
    }
    for (k, src) in exc.iter().enumerate() {
        for line in src.lines() {
            let Some(form) = line.split(' ').next().filter(|l| !l.is_empty() && !l.contains('_')) else { continue };
            let bit = match k {
                0 => LX_PLURAL,
                1 if form.ends_with("ing") => LX_ING,
                1 => LX_PAST,
                _ => LX_COMPARATIVE,
            };
            *out.entry(form.to_lowercase()).or_default() |= bit;
        }
    }
    for l in &low {
        *out.entry(l.clone()).or_default() |= LX_LOWER;
    }
    for l in cap {
        if !low.contains(&l) {
            *out.entry(l).or_default() |= LX_CAPITAL;
        }
    }
    out.into_iter().collect()
}

/// A sentence of bare forms (no spans), for tagging word lists.
pub fn sentence_from_forms<S: AsRef<str>>(forms: &[S]) -> Sentence {
    Sentence {
        tokens: forms.iter().map(|f| Token { form: f.as_ref().to_string(), ..Default::default() }).collect(),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suffixes_and_prefixes_respect_chars() {
        assert_eq!(suffix("héllo", 4), "éllo");
        assert_eq!(suffix("ab", 4), "ab");
        assert_eq!(suffix("", 2), "");
        assert_eq!(prefix("éa", 1), "é");
        assert_eq!(prefix("", 3), "");
        assert_eq!(shape("McDonald's"), "XxXx'x");
        assert_eq!(shape("1,000"), "d,d");
    }

    #[test]
    fn word_classes_take_lemmas_listed_inflections_and_casing() {
        // WordNet index lines start with the lemma; lines starting with a space are the licence
        let noun = "  1 licence text\nvisit n 2 1 @ 2 0 1 2\nbox n 1 1 @ 1 0 1\nice_cream n 1 1 @ 1 0 1\n";
        let verb = "visit v 2 1 @ 2 0 1 2\nstop v 1 1 @ 1 0 1\ncarry v 1 1 @ 1 0 1\n";
        let adj = "happy a 1 1 & 1 0 1\n";
        let adv = "safely r 1 0 1 0 1\n";
        let exc = ["mice mouse\n", "ran run\nrunning run\n", "better good\n"];
        let words = "visit\nvisits\nvisited\nvisiting\nboxes\nstopped\nstopping\ncarried\nhappier\nParis\nParis's\nMay\nmay\n";
        let got: BTreeMap<String, u16> = word_classes([noun, verb, adj, adv], exc, words).into_iter().collect();
        let bits = |w: &str| got.get(w).copied().unwrap_or(0);
        assert_eq!(bits("visit"), LX_NOUN | LX_VERB | LX_LOWER);
        assert_eq!(bits("visits"), LX_PLURAL | LX_3SG | LX_LOWER);
        assert_eq!(bits("visited"), LX_PAST | LX_LOWER);
        assert_eq!(bits("visiting"), LX_ING | LX_LOWER);
        assert_eq!(bits("boxes"), LX_PLURAL | LX_LOWER);
        assert_eq!(bits("stopped"), LX_PAST | LX_LOWER);
        assert_eq!(bits("stopping"), LX_ING | LX_LOWER);
        assert_eq!(bits("carried"), LX_PAST | LX_LOWER);
        assert_eq!(bits("happier"), LX_COMPARATIVE | LX_LOWER);
        assert_eq!(bits("safely"), LX_ADV);
        assert_eq!(bits("mice"), LX_PLURAL);
        assert_eq!((bits("ran"), bits("running"), bits("better")), (LX_PAST, LX_ING, LX_COMPARATIVE));
        assert_eq!(bits("paris"), LX_CAPITAL);
        assert_eq!(bits("may"), LX_LOWER, "lowercase in the list too: not capitalised only");
        // not in the word list: no regular inflection; multi-word lemmas and possessives left out
        assert_eq!((bits("stops"), bits("carries"), bits("ice_cream"), bits("paris's")), (0, 0, 0, 0));
    }

    #[test]
    fn demonyms_are_the_last_word_of_adj_rows() {
        let src = "# comment\tx\tadj\nAFG\tAfghan\tadj\nCRI\tCosta Rican\tadj\nUSA\tU.S.\nBAD\n";
        assert_eq!(demonyms_from_country_variants(src), vec!["Afghan", "Rican"]);
    }

    #[test]
    fn place_words_are_capitalised_words_of_names() {
        let src = "# c\n1\tAndorra la Vella\tAndorra la Vella\n2\tSão Paulo\tSao Paulo\n3\n";
        assert_eq!(place_words(src, &[1, 2]), vec!["Andorra", "Vella", "Andorra", "Vella", "São", "Paulo", "Sao", "Paulo"]);
    }
}
