//! Feature templates (after Zhang & Nivre 2011, "Transition-based dependency parsing with rich
//! non-local features", adapted to arc-hybrid: the likely heads of `s0` are `s1` and `b0`).
//!
//! Most bilexical pairs (`s0w s0p b0w`, `s1w s0w d`...) were dropped after measuring that they rarely find
//! weights on dev (the `usage` subcommand of the `train_parser` example): each template costs a
//! table lookup per transition, and lookups dominate parsing time.
//!
//! Every feature is a 64-bit hash of (template id, atom values); atoms are per-word hashes of the
//! normalised form, its last three characters, the Penn tag and the universal tag, plus child
//! labels, distances and valencies read from the [`State`]. Changing anything here changes the model format: bump
//! [`FEATURE_SET`].

use super::system::{State, NONE};

/// Identifies the template set; stored in model files so an old model is refused, not misread.
pub(crate) const FEATURE_SET: u32 = 3;
/// Number of features extracted per state.
pub(crate) const NFEAT: usize = 99;

/// FNV-1a over bytes, then a final avalanche: a stable (platform independent) string hash.
pub(crate) fn hash_str(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in s.as_bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    fmix(h)
}

#[inline]
fn fmix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

#[inline]
fn mix(h: u64, v: u64) -> u64 {
    (h.rotate_left(23) ^ v).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// Per-word atoms of one sentence: index `n` is the root, `n + 1` stands for "no word".
pub(crate) struct Atoms {
    pub w: Vec<u64>,
    pub p: Vec<u64>,
    pub u: Vec<u64>,
    /// Last three characters of the normalised form: a hint that survives tagger errors.
    pub x: Vec<u64>,
}

/// The normalised form: lowercase, every digit replaced by `0`.
pub(crate) fn norm_form(form: &str, out: &mut String) {
    out.clear();
    for ch in form.chars() {
        if ch.is_ascii_digit() {
            out.push('0');
        } else if ch.is_ascii() {
            out.push(ch.to_ascii_lowercase());
        } else {
            out.extend(ch.to_lowercase());
        }
    }
}

impl Atoms {
    /// Atoms from `(form, xpos, upos)` triples (empty tags allowed).
    pub fn new<'a>(words: impl Iterator<Item = (&'a str, &'a str, &'a str)>) -> Atoms {
        let (mut w, mut p, mut u, mut x) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let mut buf = String::new();
        for (form, xpos, upos) in words {
            norm_form(form, &mut buf);
            w.push(hash_str(&buf));
            let cut = buf.char_indices().rev().nth(2).map_or(0, |(i, _)| i);
            x.push(hash_str(&buf[cut..]) ^ 0x2929);
            // The Penn tag is finer; fall back to the universal tag when it is missing.
            let tag = if xpos.is_empty() || xpos == "_" { upos } else { xpos };
            p.push(hash_str(tag) ^ 0x5151);
            u.push(hash_str(upos) ^ 0x7373);
        }
        for special in ["<ROOT>", "<NONE>"] {
            w.push(hash_str(special));
            p.push(hash_str(special) ^ 0x5151);
            u.push(hash_str(special) ^ 0x7373);
            x.push(hash_str(special) ^ 0x2929);
        }
        Atoms { w, p, u, x }
    }
}

#[inline]
fn dist_bucket(a: u32, b: u32) -> u64 {
    if a == NONE || b == NONE {
        return 0;
    }
    let d = a.abs_diff(b);
    match d {
        0..=4 => u64::from(d),
        5..=6 => 5,
        7..=9 => 6,
        _ => 7,
    }
}

/// Fill `out` with the [`NFEAT`] feature hashes of state `st`.
pub(crate) fn extract(st: &State, a: &Atoms, out: &mut [u64; NFEAT]) {
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
    let d = dist_bucket(s0, b0);
    let d1 = dist_bucket(s1, s0);

    let mut k = 0usize;
    let mut put = |vals: &[u64]| {
        let mut h = (k as u64 + 1).wrapping_mul(0xd6e8_feb8_6659_fd93);
        for &v in vals {
            h = mix(h, v);
        }
        out[k] = fmix(h) | 1; // 0 is the empty-slot marker of the weight table
        k += 1;
    };
    // unigrams
    put(&[s0w]);
    put(&[s0p]);
    put(&[s0w, s0p]);
    put(&[s1w]);
    put(&[s1p]);
    put(&[s1w, s1p]);
    put(&[b0w]);
    put(&[b0p]);
    put(&[b0w, b0p]);
    put(&[b1w]);
    put(&[b1p]);
    put(&[b1w, b1p]);
    put(&[b2w]);
    put(&[b2p]);
    put(&[b2w, b2p]);
    put(&[s2p]);
    put(&[s2w]);
    // pairs s0-b0
    put(&[s0w, s0p, b0p]);
    put(&[s0p, b0w, b0p]);
    put(&[s0p, b0p]);
    put(&[b0p, b1p]);
    // pairs s1-s0
    put(&[s1w, s1p, s0p]);
    put(&[s1p, s0p]);
    // s1-b0
    put(&[s1p, b0p]);
    // triples of tags
    put(&[b0p, b1p, b2p]);
    put(&[s0p, b0p, b1p]);
    put(&[s1p, s0p, b0p]);
    put(&[s2p, s1p, s0p]);
    put(&[s0p, p(s0l), b0p]);
    put(&[s0p, p(s0r), b0p]);
    put(&[s0p, b0p, p(b0l)]);
    put(&[s1p, s0p, p(s0l)]);
    put(&[s1p, s0p, p(s0r)]);
    put(&[s1p, p(s1r), s0p]);
    put(&[s1p, p(s1l), s0p]);
    // distance
    put(&[s0w, d]);
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
    put(&[s0w, ls(s0)]);
    put(&[s0p, ls(s0)]);
    put(&[s0w, rs(s0)]);
    put(&[s0p, rs(s0)]);
    put(&[b0w, ls(b0)]);
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
    put(&[x(s0), b0p]);
    put(&[s0p, x(b0)]);
    put(&[s0w, b0w]);
    put(&[s1w, s0w]);
    debug_assert_eq!(k, NFEAT);
}
