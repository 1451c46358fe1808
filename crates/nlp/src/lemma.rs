//! Lemmatiser: suffix-rewrite rules keyed by (XPOS, word suffix), learned from a treebank, plus
//! an exception table for the words of the treebank the rules get wrong.
//!
//! A rewrite is "lowercase or keep the case, strip `n` chars, append `s`"
//! (`running` VBG: lowercase, strip 4,
//! append "" gives `run`; `cities` NNS: strip 3, append "y").
//! At lookup the longest known suffix (up to [`MAX_SUFFIX`] chars) of the lowercased word, under
//! the word's XPOS, picks the rewrite; rules that repeat their shorter suffix's choice are pruned.

use crate::model_io::{Reader, Writer};
use crate::perceptron::{FeatHash, FeatMap};
use crate::NlpError;
use std::collections::BTreeMap;

/// Longest suffix (in chars) a rule is keyed by.
pub const MAX_SUFFIX: usize = 6;

/// How the form is cased before stripping.
const FORM: u8 = 0;
const LOWER: u8 = 1;

#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Rewrite {
    case: u8,
    strip: u16,
    append: String,
}

impl Rewrite {
    fn learn(form: &str, lemma: &str) -> Rewrite {
        let low = form.to_lowercase();
        let cp = |a: &str| a.chars().zip(lemma.chars()).take_while(|(x, y)| x == y).count();
        // (a third case, "capitalise" for `mexico` NNP -> `Mexico`, was tried: it broke as many
        // words as it fixed, `iPhone` -> `IPhone`, dev lemma 96.80 -> 96.76)
        let (case, base) = if cp(&low) >= cp(form) { (LOWER, low.as_str()) } else { (FORM, form) };
        let keep = cp(base);
        let n = base.chars().count();
        let append: String = lemma.chars().skip(keep).collect();
        Rewrite { case, strip: (n - keep) as u16, append }
    }
    /// The lemma of `form`, whose lowercase form is `low`.
    fn apply(&self, form: &str, low: &str) -> String {
        let base = match self.case {
            LOWER => low,
            _ => form,
        };
        let n = base.chars().count();
        if self.strip as usize > n || (self.strip as usize == n && self.append.is_empty() && n > 0) {
            return base.to_string();
        }
        let cut = base.char_indices().nth(n - self.strip as usize).map(|(i, _)| i).unwrap_or(base.len());
        let mut out = String::with_capacity(cut + self.append.len());
        out.push_str(&base[..cut]);
        out.push_str(&self.append);
        out
    }
}

/// Words with a digit are their own lemma (suffix rules learned on words would mangle them),
/// except that thousands separators go (`1,100` -> `1100`, as UD English EWT has it).
fn number_lemma(form: &str) -> Option<String> {
    if !form.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let (int, frac) = form.split_once('.').unwrap_or((form, ""));
    let groups: Vec<&str> = int.split(',').collect();
    let grouped = groups.len() > 1
        && (1..=3).contains(&groups[0].len())
        && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()))
        && groups[1..].iter().all(|g| g.len() == 3)
        && frac.bytes().all(|b| b.is_ascii_digit());
    Some(if grouped { form.replace(',', "") } else { form.to_string() })
}

fn suffix(low: &str, k: usize) -> Option<&str> {
    suffix_n(low, low.chars().count(), k)
}

/// [`suffix`] of a string of `n` chars.
fn suffix_n(low: &str, n: usize, k: usize) -> Option<&str> {
    if k == 0 {
        return Some("");
    }
    if k >= n {
        return None; // a suffix must leave at least one char
    }
    low.char_indices().nth(n - k).map(|(i, _)| &low[i..])
}

fn key(xpos: &str, s: &str) -> String {
    let mut k = String::with_capacity(xpos.len() + 1 + s.len());
    k.push_str(xpos);
    k.push('\t');
    k.push_str(s);
    k
}

/// Hashed key of a rule (`xpos`, suffix) or an exception (`xpos`, form).
fn hkey(kind: u32, xpos: &str, s: &str) -> u64 {
    FeatHash::new(kind).str(xpos).str(s).finish()
}
const RULE: u32 = 1;
const EXC: u32 = 2;

/// A trained lemmatiser.
#[derive(Clone, Debug, Default)]
pub struct Lemmatizer {
    rules: FeatMap<Rewrite>,
    exceptions: FeatMap<String>,
}

const MAGIC: &[u8; 4] = b"PLEM";
const VERSION: u32 = 3;

impl Lemmatizer {
    /// Learn from `(form, xpos, lemma)` triples.
    pub fn train<'a>(data: impl Iterator<Item = (&'a str, &'a str, &'a str)> + Clone) -> Lemmatizer {
        // Gold lemma counts per (form, xpos).
        let mut seen: BTreeMap<String, BTreeMap<&str, u32>> = BTreeMap::new();
        for (form, xpos, lemma) in data {
            if form.is_empty() || lemma.is_empty() {
                continue;
            }
            *seen.entry(key(xpos, form)).or_default().entry(lemma).or_default() += 1;
        }
        // Rule counts: key -> rewrite -> number of word types (not tokens: one frequent word
        // such as `Nov` -> `November` must not make a rule for every NNP ending in `v`).
        let mut counts: BTreeMap<String, BTreeMap<Rewrite, u32>> = BTreeMap::new();
        for (k, m) in &seen {
            let (xpos, form) = k.split_once('\t').unwrap_or(("", ""));
            let Some(lemma) = m.iter().max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0))).map(|(l, _)| *l) else {
                continue;
            };
            let rw = Rewrite::learn(form, lemma);
            let low = form.to_lowercase();
            for k in 0..=MAX_SUFFIX {
                let Some(s) = suffix(&low, k) else { break };
                *counts.entry(key(xpos, s)).or_default().entry(rw.clone()).or_default() += 1;
            }
        }
        let best = |m: &BTreeMap<Rewrite, u32>| -> Rewrite {
            // highest count, then the smallest rewrite (deterministic)
            m.iter().max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0))).map(|(r, _)| r.clone()).unwrap_or(Rewrite {
                case: FORM,
                strip: 0,
                append: String::new(),
            })
        };
        let mut rules = FeatMap::default();
        for (k, m) in &counts {
            let total: u32 = m.values().sum();
            let (xpos, s) = k.split_once('\t').unwrap_or(("", ""));
            let b = best(m);
            if !s.is_empty() {
                if total < 2 {
                    continue;
                }
                // parent = one char shorter suffix
                let ps = &s[s.char_indices().nth(1).map(|(i, _)| i).unwrap_or(s.len())..];
                if let Some(pm) = counts.get(&key(xpos, ps)) {
                    if best(pm) == b {
                        continue;
                    }
                }
            }
            rules.insert(hkey(RULE, xpos, s), b);
        }
        let mut lem = Lemmatizer { rules, exceptions: FeatMap::default() };
        for (k, m) in &seen {
            let (xpos, form) = k.split_once('\t').unwrap_or(("", ""));
            let gold = m.iter().max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0))).map(|(l, _)| *l).unwrap_or(form);
            if lem.by_rules(form, xpos) != gold {
                lem.exceptions.insert(hkey(EXC, xpos, form), gold.to_string());
            }
        }
        lem
    }

    fn by_rules(&self, form: &str, xpos: &str) -> String {
        self.by_rules_low(form, &form.to_lowercase(), xpos)
    }

    fn by_rules_low(&self, form: &str, low: &str, xpos: &str) -> String {
        let n = low.chars().count();
        for k in (0..=MAX_SUFFIX).rev() {
            let Some(s) = suffix_n(low, n, k) else { continue };
            if let Some(r) = self.rules.get(&hkey(RULE, xpos, s)) {
                return r.apply(form, low);
            }
        }
        low.to_string()
    }

    /// The lemma of `form` tagged `xpos`.
    pub fn lemma(&self, form: &str, xpos: &str) -> String {
        self.lemma_lower(form, &form.to_lowercase(), xpos)
    }

    /// [`Lemmatizer::lemma`] of `form` whose lowercase (`form.to_lowercase()`) the caller has.
    pub fn lemma_lower(&self, form: &str, low: &str, xpos: &str) -> String {
        if let Some(l) = self.exceptions.get(&hkey(EXC, xpos, form)) {
            return l.clone();
        }
        if let Some(n) = number_lemma(form) {
            return n;
        }
        self.by_rules_low(form, low, xpos)
    }

    pub fn n_rules(&self) -> usize {
        self.rules.len()
    }
    pub fn n_exceptions(&self) -> usize {
        self.exceptions.len()
    }

    pub fn write(&self, w: &mut Writer) {
        w.buf.extend_from_slice(MAGIC);
        w.u32(VERSION);
        let mut rules: Vec<_> = self.rules.iter().collect();
        rules.sort();
        w.u32(rules.len() as u32);
        for (k, r) in rules {
            w.u64(*k);
            w.u8(r.case);
            w.u16(r.strip);
            w.str(&r.append);
        }
        let mut ex: Vec<_> = self.exceptions.iter().collect();
        ex.sort();
        w.u32(ex.len() as u32);
        for (k, l) in ex {
            w.u64(*k);
            w.str(l);
        }
    }

    pub fn read(r: &mut Reader) -> Result<Lemmatizer, NlpError> {
        r.header(MAGIC, VERSION)?;
        let n = r.count(11)?;
        let mut rules = FeatMap::default();
        rules.reserve(n);
        for _ in 0..n {
            let k = r.u64()?;
            let case = r.u8()?;
            let strip = r.u16()?;
            let append = r.str()?.to_string();
            rules.insert(k, Rewrite { case, strip, append });
        }
        let n = r.count(8)?;
        let mut exceptions = FeatMap::default();
        exceptions.reserve(n);
        for _ in 0..n {
            let k = r.u64()?;
            exceptions.insert(k, r.str()?.to_string());
        }
        Ok(Lemmatizer { rules, exceptions })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites() {
        // (form, lemma, expected rewrite applied to another form, that form's expected lemma)
        let table = [
            ("cities", "city", "ponies", "pony"),
            ("running", "run", "sitting", "sit"),
            ("The", "the", "A", "a"),
            ("Bush", "Bush", "Obama", "Obama"),
            ("was", "be", "WAS", "be"),
            ("ÉTÉS", "été", "ÇAS", "ça"),
        ];
        for (f, l, f2, l2) in table {
            let r = Rewrite::learn(f, l);
            assert_eq!(r.apply(f, &f.to_lowercase()), l, "{f}");
            assert_eq!(r.apply(f2, &f2.to_lowercase()), l2, "{f} -> {f2}");
        }
        // strip longer than the word leaves the base form
        let r = Rewrite { case: LOWER, strip: 9, append: "x".into() };
        assert_eq!(r.apply("Ab", "ab"), "ab");
    }

    #[test]
    fn learns_rules_and_exceptions() {
        let data = [
            ("cities", "NNS", "city"),
            ("ponies", "NNS", "pony"),
            ("dogs", "NNS", "dog"),
            ("cats", "NNS", "cat"),
            ("hats", "NNS", "hat"),
            ("mice", "NNS", "mouse"),
            ("walked", "VBD", "walk"),
            ("talked", "VBD", "talk"),
            ("went", "VBD", "go"),
            ("Paris", "NNP", "Paris"),
            ("London", "NNP", "London"),
        ];
        let lem = Lemmatizer::train(data.iter().copied());
        for (f, x, l) in data {
            assert_eq!(lem.lemma(f, x), l, "{f}");
        }
        // unseen words follow the rules
        assert_eq!(lem.lemma("bats", "NNS"), "bat");
        assert_eq!(lem.lemma("berries", "NNS"), "berry");
        assert_eq!(lem.lemma("jumped", "VBD"), "jump");
        assert_eq!(lem.lemma("Berlin", "NNP"), "Berlin");
        // numbers
        assert_eq!(lem.lemma("1,100", "CD"), "1100");
        assert_eq!(lem.lemma("3200", "CD"), "3200");
        assert_eq!(lem.lemma("3,40", "CD"), "3,40");
        assert_eq!(lem.lemma("22th", "NN"), "22th");
        // unknown tag: lowercased form
        assert_eq!(lem.lemma("Xyz", "??"), "xyz");
        let mut w = Writer::new();
        lem.write(&mut w);
        let b = w.into_bytes();
        let back = Lemmatizer::read(&mut Reader::new(&b, "lemma")).unwrap();
        assert_eq!(back.lemma("berries", "NNS"), "berry");
        assert_eq!(back.lemma("mice", "NNS"), "mouse");
    }
}
