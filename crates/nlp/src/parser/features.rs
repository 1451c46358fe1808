//! Feature templates (after Zhang & Nivre 2011, "Transition-based dependency parsing with rich
//! non-local features", adapted to arc-hybrid: the likely heads of `s0` are `s1` and `b0`).
//!
//! Most bilexical pairs (`s0w s0p b0w`, `s1w s0w d`...) were dropped after measuring that they rarely find
//! weights on dev (the `usage` subcommand of the `train_parser` example): each template costs a
//! table lookup per transition, and lookups dominate parsing time. Feature set 4 dropped 23 more
//! of set 3's 99 templates: those with the least weight mass on dev and those that mostly repeat
//! another (`s0w s0p` beside `s0w` and `s0p`; tag triples of `s0` and `b0` beside their universal
//! tag twins), above all in the groups rescored at almost every transition (stack-buffer pairs,
//! `s0`-`s1` pairs): EWT dev LAS 82.46 -> 82.36 with the committed tagger, parsing ~45% more
//! tokens per CPU-second.
//!
//! Every feature is a 64-bit hash of (template id, atom values); atoms are per-word hashes of the
//! normalised form, its last three characters, the Penn tag and the universal tag, plus child
//! labels, distances and valencies read from the [`State`]. Changing anything here changes the model format: bump
//! [`FEATURE_SET`].

use super::system::{State, NONE};

/// Identifies the template set; stored in model files so an old model is refused, not misread.
pub(crate) const FEATURE_SET: u32 = 4;
/// Number of features extracted per state.
pub(crate) const NFEAT: usize = 76;

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

/// Feature hash of template `k` over atom values `vals`.
#[inline]
fn feat(k: usize, vals: &[u64]) -> u64 {
    let mut h = (k as u64 + 1).wrapping_mul(0xd6e8_feb8_6659_fd93);
    for &v in vals {
        h = mix(h, v);
    }
    fmix(h) | 1 // 0 is the empty-slot marker of the weight table
}

/// Templates are split into six groups by the parts of the state they read, so a decoder can
/// keep a group's summed weights while its inputs stay the same (arc-hybrid: SHIFT moves the
/// buffer and pushes a new stack top; LEFT gives `b0` a left child and pops `s0`; RIGHT gives
/// `s1` a right child and pops `s0`):
///
/// - [`NB`] templates of `b0`, `b1`, `b2`'s words and tags: change on SHIFT only.
/// - [`NBL`] templates of `b0` with its left children (`b0` never has right ones): SHIFT, LEFT.
/// - [`NS0`] templates of `s0` and its left children alone: a word gains left children only
///   while it is `b0`, so they are fixed once it is pushed, and a copy per word serves every
///   time it is `s0` again (after the RIGHT moves that give it right children).
/// - [`NS`] templates of `s0` with its right children, `s1` and `s2`: new on SHIFT and RIGHT;
///   after LEFT the stack is as it was before its top was pushed (a word below the top changes
///   only by RIGHT, which pops the top), so a per-depth copy is exact.
/// - [`NS1`] templates of `s1` and its children alone: they change only when that word gains a
///   child, so a copy per word serves every time it is `s1` again.
/// - [`NM`] templates that join the stack and the buffer: every transition.
///
/// [`extract`] writes all of them at their template index (the model's feature hashes include
/// it); [`GROUP_TEMPLATES`] lists the indices of each group.
pub(crate) const NB: usize = 12;
pub(crate) const NBL: usize = 10;
pub(crate) const NS0: usize = 13;
pub(crate) const NS: usize = 15;
pub(crate) const NS1: usize = 16;
pub(crate) const NM: usize = 10;

/// Template indices of the groups, in the order the group extractors write them.
pub(crate) struct GroupTemplates {
    pub b: [usize; NB],
    pub bl: [usize; NBL],
    pub s0: [usize; NS0],
    pub s: [usize; NS],
    pub s1: [usize; NS1],
    pub m: [usize; NM],
}

pub(crate) const GROUP_TEMPLATES: GroupTemplates = GroupTemplates {
    b: [4, 5, 6, 7, 8, 9, 10, 11, 15, 17, 74, 75],
    bl: [29, 30, 40, 41, 42, 55, 56, 57, 62, 66],
    s0: [0, 1, 25, 26, 34, 35, 36, 49, 50, 51, 60, 64, 73],
    s: [12, 13, 19, 24, 27, 28, 37, 38, 39, 52, 53, 54, 61, 65, 72],
    s1: [2, 3, 31, 32, 33, 43, 44, 45, 46, 47, 48, 58, 59, 63, 67, 68],
    m: [14, 16, 18, 20, 21, 22, 23, 69, 70, 71],
};

/// Atom lookups for one state.
struct View<'a> {
    st: &'a State,
    a: &'a Atoms,
}

impl View<'_> {
    #[inline]
    fn ix(&self, i: u32) -> usize {
        if i == NONE {
            self.st.n + 1
        } else {
            i as usize
        }
    }
    #[inline]
    fn w(&self, i: u32) -> u64 {
        self.a.w[self.ix(i)]
    }
    #[inline]
    fn p(&self, i: u32) -> u64 {
        self.a.p[self.ix(i)]
    }
    #[inline]
    fn u(&self, i: u32) -> u64 {
        self.a.u[self.ix(i)]
    }
    #[inline]
    fn x(&self, i: u32) -> u64 {
        self.a.x[self.ix(i)]
    }
    /// Buffer position `k` (`NONE` past the root).
    #[inline]
    fn b(&self, k: usize) -> u32 {
        let i = self.st.b + k;
        if i <= self.st.n {
            i as u32
        } else {
            NONE
        }
    }
    #[inline]
    fn child(&self, v: &[u32], i: u32) -> u32 {
        if i == NONE {
            NONE
        } else {
            v[i as usize]
        }
    }
    /// Label of an attached child (0 when absent).
    #[inline]
    fn lab(&self, i: u32) -> u64 {
        if i == NONE {
            0
        } else {
            u64::from(self.st.label[i as usize]) + 1
        }
    }
    #[inline]
    fn vl(&self, i: u32) -> u64 {
        if i == NONE {
            99
        } else {
            u64::from(self.st.nl[i as usize])
        }
    }
    #[inline]
    fn vr(&self, i: u32) -> u64 {
        if i == NONE {
            99
        } else {
            u64::from(self.st.nr[i as usize])
        }
    }
    #[inline]
    fn ls(&self, i: u32) -> u64 {
        if i == NONE {
            0
        } else {
            self.st.lset[i as usize]
        }
    }
    #[inline]
    fn rs(&self, i: u32) -> u64 {
        if i == NONE {
            0
        } else {
            self.st.rset[i as usize]
        }
    }
}

/// Group [`NB`]: the buffer's first three words.
pub(crate) fn extract_b(st: &State, a: &Atoms, out: &mut [u64; NB]) {
    let v = View { st, a };
    let (b0, b1, b2) = (v.b(0), v.b(1), v.b(2));
    let (b0w, b0p, b1w, b1p, b2w, b2p) = (v.w(b0), v.p(b0), v.w(b1), v.p(b1), v.w(b2), v.p(b2));
    *out = [
        feat(4, &[b0w]),
        feat(5, &[b0p]),
        feat(6, &[b1w]),
        feat(7, &[b1p]),
        feat(8, &[b1w, b1p]),
        feat(9, &[b2w]),
        feat(10, &[b2p]),
        feat(11, &[b2w, b2p]),
        feat(15, &[b0p, b1p]),
        feat(17, &[b0p, b1p, b2p]),
        feat(74, &[v.x(b0)]),
        feat(75, &[v.x(b1)]),
    ];
}

/// Group [`NBL`]: `b0` and its left children.
pub(crate) fn extract_bl(st: &State, a: &Atoms, out: &mut [u64; NBL]) {
    let v = View { st, a };
    let b0 = v.b(0);
    let (b0w, b0p) = (v.w(b0), v.p(b0));
    let b0l = v.child(&st.lc1, b0);
    let b0l2 = v.child(&st.lc2, b0);
    *out = [
        feat(29, &[b0w, v.vl(b0)]),
        feat(30, &[b0p, v.vl(b0)]),
        feat(40, &[v.w(b0l)]),
        feat(41, &[v.p(b0l)]),
        feat(42, &[v.lab(b0l)]),
        feat(55, &[v.w(b0l2)]),
        feat(56, &[v.p(b0l2)]),
        feat(57, &[v.lab(b0l2)]),
        feat(62, &[b0p, v.p(b0l), v.p(b0l2)]),
        feat(66, &[b0p, v.ls(b0)]),
    ];
}

/// Group [`NS0`]: `s0` and its left children.
pub(crate) fn extract_s0(st: &State, a: &Atoms, out: &mut [u64; NS0]) {
    let v = View { st, a };
    let s0 = st.s(0);
    let (s0w, s0p) = (v.w(s0), v.p(s0));
    let s0l = v.child(&st.lc1, s0);
    let s0l2 = v.child(&st.lc2, s0);
    *out = [
        feat(0, &[s0w]),
        feat(1, &[s0p]),
        feat(25, &[s0w, v.vl(s0)]),
        feat(26, &[s0p, v.vl(s0)]),
        feat(34, &[v.w(s0l)]),
        feat(35, &[v.p(s0l)]),
        feat(36, &[v.lab(s0l)]),
        feat(49, &[v.w(s0l2)]),
        feat(50, &[v.p(s0l2)]),
        feat(51, &[v.lab(s0l2)]),
        feat(60, &[s0p, v.p(s0l), v.p(s0l2)]),
        feat(64, &[s0p, v.ls(s0)]),
        feat(73, &[v.x(s0)]),
    ];
}

/// Group [`NS`]: `s0` with its right children, `s1` and `s2`.
pub(crate) fn extract_s(st: &State, a: &Atoms, out: &mut [u64; NS]) {
    let v = View { st, a };
    let (s0, s1, s2) = (st.s(0), st.s(1), st.s(2));
    let (s0w, s0p, s1p, s2w, s2p) = (v.w(s0), v.p(s0), v.p(s1), v.w(s2), v.p(s2));
    let s0l = v.child(&st.lc1, s0);
    let s0r = v.child(&st.rc1, s0);
    let s0r2 = v.child(&st.rc2, s0);
    let d1 = dist_bucket(s1, s0);
    *out = [
        feat(12, &[s2p]),
        feat(13, &[s2w]),
        feat(19, &[s1p, s0p, v.p(s0r)]),
        feat(24, &[s1p, s0p, d1]),
        feat(27, &[s0w, v.vr(s0)]),
        feat(28, &[s0p, v.vr(s0)]),
        feat(37, &[v.w(s0r)]),
        feat(38, &[v.p(s0r)]),
        feat(39, &[v.lab(s0r)]),
        feat(52, &[v.w(s0r2)]),
        feat(53, &[v.p(s0r2)]),
        feat(54, &[v.lab(s0r2)]),
        feat(61, &[s0p, v.p(s0r), v.p(s0r2)]),
        feat(65, &[s0p, v.rs(s0)]),
        feat(72, &[s0p, v.lab(s0l), v.lab(s0r)]),
    ];
}

/// Group [`NS1`]: `s1` and its children, without `s0`.
pub(crate) fn extract_s1(st: &State, a: &Atoms, out: &mut [u64; NS1]) {
    let v = View { st, a };
    let s1 = st.s(1);
    let (s1w, s1p) = (v.w(s1), v.p(s1));
    let s1l = v.child(&st.lc1, s1);
    let s1r = v.child(&st.rc1, s1);
    let s1r2 = v.child(&st.rc2, s1);
    *out = [
        feat(2, &[s1w]),
        feat(3, &[s1p]),
        feat(31, &[s1w, v.vr(s1)]),
        feat(32, &[s1p, v.vr(s1)]),
        feat(33, &[s1p, v.vl(s1)]),
        feat(43, &[v.w(s1r)]),
        feat(44, &[v.p(s1r)]),
        feat(45, &[v.lab(s1r)]),
        feat(46, &[v.p(s1l)]),
        feat(47, &[v.lab(s1l)]),
        feat(48, &[v.w(s1l)]),
        feat(58, &[v.p(s1r2)]),
        feat(59, &[v.lab(s1r2)]),
        feat(63, &[s1p, v.p(s1r), v.p(s1r2)]),
        feat(67, &[s1p, v.rs(s1)]),
        feat(68, &[s1p, v.ls(s1)]),
    ];
}

/// Group [`NM`]: templates joining the stack (`s0`, `s1`) and the buffer (`b0`, `b1`).
pub(crate) fn extract_m(st: &State, a: &Atoms, out: &mut [u64; NM]) {
    let v = View { st, a };
    let (s0, s1, b0, b1) = (st.s(0), st.s(1), v.b(0), v.b(1));
    let (s0p, s1p, b0w, b0p) = (v.p(s0), v.p(s1), v.w(b0), v.p(b0));
    let s0r = v.child(&st.rc1, s0);
    let d = dist_bucket(s0, b0);
    *out = [
        feat(14, &[s0p, b0p]),
        feat(16, &[s1p, b0p]),
        feat(18, &[s0p, v.p(s0r), b0p]),
        feat(20, &[s0p, d]),
        feat(21, &[b0w, d]),
        feat(22, &[b0p, d]),
        feat(23, &[s0p, b0p, d]),
        feat(69, &[v.u(s0), v.u(b0)]),
        feat(70, &[v.u(s1), v.u(s0), v.u(b0)]),
        feat(71, &[v.u(s0), v.u(b0), v.u(b1)]),
    ];
}

/// Fill `out` with the [`NFEAT`] feature hashes of state `st`, each at its template index.
pub(crate) fn extract(st: &State, a: &Atoms, out: &mut [u64; NFEAT]) {
    let t = &GROUP_TEMPLATES;
    let mut b = [0u64; NB];
    extract_b(st, a, &mut b);
    let mut bl = [0u64; NBL];
    extract_bl(st, a, &mut bl);
    let mut s0 = [0u64; NS0];
    extract_s0(st, a, &mut s0);
    let mut s = [0u64; NS];
    extract_s(st, a, &mut s);
    let mut s1 = [0u64; NS1];
    extract_s1(st, a, &mut s1);
    let mut m = [0u64; NM];
    extract_m(st, a, &mut m);
    let groups: [(&[usize], &[u64]); 6] =
        [(&t.b, &b), (&t.bl, &bl), (&t.s0, &s0), (&t.s, &s), (&t.s1, &s1), (&t.m, &m)];
    for (ks, fs) in groups {
        for (&k, &f) in ks.iter().zip(fs) {
            out[k] = f;
        }
    }
}
