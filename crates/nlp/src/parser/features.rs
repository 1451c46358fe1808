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

/// Feature hash of template `k` over atom values `vals`.
#[inline]
fn feat(k: usize, vals: &[u64]) -> u64 {
    let mut h = (k as u64 + 1).wrapping_mul(0xd6e8_feb8_6659_fd93);
    for &v in vals {
        h = mix(h, v);
    }
    fmix(h) | 1 // 0 is the empty-slot marker of the weight table
}

/// Templates are split into five groups by the parts of the state they read, so a decoder can
/// keep a group's summed weights while its inputs stay the same (arc-hybrid: SHIFT moves the
/// buffer and pushes a new stack top; LEFT gives `b0` a left child and pops `s0`; RIGHT gives
/// `s1` a right child and pops `s0`):
///
/// - [`NB`] templates of `b0`, `b1`, `b2`'s words and tags: change on SHIFT only.
/// - [`NBL`] templates of `b0` with its left children (`b0` never has right ones): SHIFT, LEFT.
/// - [`NS`] templates of the stack's top three words, `s0`'s children and `s0`-`s1` pairs: new
///   on SHIFT and RIGHT; after LEFT the stack is as it was before its top was pushed (a word
///   below the top changes only by RIGHT, which pops the top), so a per-depth copy is exact.
/// - [`NS1`] templates of `s1` and its children alone: they change only when that word gains a
///   child, so a copy per word serves every time it is `s1` again.
/// - [`NM`] templates that join the stack and the buffer: every transition.
///
/// [`extract`] writes all of them at their template index (the model's feature hashes include
/// it); [`GROUP_TEMPLATES`] lists the indices of each group.
pub(crate) const NB: usize = 13;
pub(crate) const NBL: usize = 11;
pub(crate) const NS: usize = 38;
pub(crate) const NS1: usize = 17;
pub(crate) const NM: usize = 20;

/// Template indices of the groups, in the order the group extractors write them.
pub(crate) struct GroupTemplates {
    pub b: [usize; NB],
    pub bl: [usize; NBL],
    pub s: [usize; NS],
    pub s1: [usize; NS1],
    pub m: [usize; NM],
}

pub(crate) const GROUP_TEMPLATES: GroupTemplates = GroupTemplates {
    b: [6, 7, 8, 9, 10, 11, 12, 13, 14, 20, 24, 93, 94],
    bl: [45, 46, 56, 57, 58, 71, 72, 73, 78, 84, 85],
    s: [0, 1, 2, 15, 16, 21, 22, 27, 31, 32, 33, 34, 40, 41, 42, 43, 44, 50, 51, 52, 53, 54, 55, 65, 66, 67, 68, 69, 70, 76, 77, 80, 81, 82, 83, 91, 92, 98],
    s1: [3, 4, 5, 47, 48, 49, 59, 60, 61, 62, 63, 64, 74, 75, 79, 86, 87],
    m: [17, 18, 19, 23, 25, 26, 28, 29, 30, 35, 36, 37, 38, 39, 88, 89, 90, 95, 96, 97],
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
        feat(6, &[b0w]),
        feat(7, &[b0p]),
        feat(8, &[b0w, b0p]),
        feat(9, &[b1w]),
        feat(10, &[b1p]),
        feat(11, &[b1w, b1p]),
        feat(12, &[b2w]),
        feat(13, &[b2p]),
        feat(14, &[b2w, b2p]),
        feat(20, &[b0p, b1p]),
        feat(24, &[b0p, b1p, b2p]),
        feat(93, &[v.x(b0)]),
        feat(94, &[v.x(b1)]),
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
        feat(45, &[b0w, v.vl(b0)]),
        feat(46, &[b0p, v.vl(b0)]),
        feat(56, &[v.w(b0l)]),
        feat(57, &[v.p(b0l)]),
        feat(58, &[v.lab(b0l)]),
        feat(71, &[v.w(b0l2)]),
        feat(72, &[v.p(b0l2)]),
        feat(73, &[v.lab(b0l2)]),
        feat(78, &[b0p, v.p(b0l), v.p(b0l2)]),
        feat(84, &[b0w, v.ls(b0)]),
        feat(85, &[b0p, v.ls(b0)]),
    ];
}

/// Group [`NS`]: the stack's top three words, `s0`'s children and the pairs of `s0` and `s1`.
pub(crate) fn extract_s(st: &State, a: &Atoms, out: &mut [u64; NS]) {
    let v = View { st, a };
    let (s0, s1, s2) = (st.s(0), st.s(1), st.s(2));
    let (s0w, s0p, s1w, s1p, s2w, s2p) = (v.w(s0), v.p(s0), v.w(s1), v.p(s1), v.w(s2), v.p(s2));
    let s0l = v.child(&st.lc1, s0);
    let s0l2 = v.child(&st.lc2, s0);
    let s0r = v.child(&st.rc1, s0);
    let s0r2 = v.child(&st.rc2, s0);
    let s1l = v.child(&st.lc1, s1);
    let s1r = v.child(&st.rc1, s1);
    let d1 = dist_bucket(s1, s0);
    *out = [
        feat(0, &[s0w]),
        feat(1, &[s0p]),
        feat(2, &[s0w, s0p]),
        feat(15, &[s2p]),
        feat(16, &[s2w]),
        feat(21, &[s1w, s1p, s0p]),
        feat(22, &[s1p, s0p]),
        feat(27, &[s2p, s1p, s0p]),
        feat(31, &[s1p, s0p, v.p(s0l)]),
        feat(32, &[s1p, s0p, v.p(s0r)]),
        feat(33, &[s1p, v.p(s1r), s0p]),
        feat(34, &[s1p, v.p(s1l), s0p]),
        feat(40, &[s1p, s0p, d1]),
        feat(41, &[s0w, v.vl(s0)]),
        feat(42, &[s0p, v.vl(s0)]),
        feat(43, &[s0w, v.vr(s0)]),
        feat(44, &[s0p, v.vr(s0)]),
        feat(50, &[v.w(s0l)]),
        feat(51, &[v.p(s0l)]),
        feat(52, &[v.lab(s0l)]),
        feat(53, &[v.w(s0r)]),
        feat(54, &[v.p(s0r)]),
        feat(55, &[v.lab(s0r)]),
        feat(65, &[v.w(s0l2)]),
        feat(66, &[v.p(s0l2)]),
        feat(67, &[v.lab(s0l2)]),
        feat(68, &[v.w(s0r2)]),
        feat(69, &[v.p(s0r2)]),
        feat(70, &[v.lab(s0r2)]),
        feat(76, &[s0p, v.p(s0l), v.p(s0l2)]),
        feat(77, &[s0p, v.p(s0r), v.p(s0r2)]),
        feat(80, &[s0w, v.ls(s0)]),
        feat(81, &[s0p, v.ls(s0)]),
        feat(82, &[s0w, v.rs(s0)]),
        feat(83, &[s0p, v.rs(s0)]),
        feat(91, &[s0p, v.lab(s0l), v.lab(s0r)]),
        feat(92, &[v.x(s0)]),
        feat(98, &[s1w, s0w]),
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
        feat(3, &[s1w]),
        feat(4, &[s1p]),
        feat(5, &[s1w, s1p]),
        feat(47, &[s1w, v.vr(s1)]),
        feat(48, &[s1p, v.vr(s1)]),
        feat(49, &[s1p, v.vl(s1)]),
        feat(59, &[v.w(s1r)]),
        feat(60, &[v.p(s1r)]),
        feat(61, &[v.lab(s1r)]),
        feat(62, &[v.p(s1l)]),
        feat(63, &[v.lab(s1l)]),
        feat(64, &[v.w(s1l)]),
        feat(74, &[v.p(s1r2)]),
        feat(75, &[v.lab(s1r2)]),
        feat(79, &[s1p, v.p(s1r), v.p(s1r2)]),
        feat(86, &[s1p, v.rs(s1)]),
        feat(87, &[s1p, v.ls(s1)]),
    ];
}

/// Group [`NM`]: templates joining the stack (`s0`, `s1`) and the buffer (`b0`, `b1`).
pub(crate) fn extract_m(st: &State, a: &Atoms, out: &mut [u64; NM]) {
    let v = View { st, a };
    let (s0, s1, b0, b1) = (st.s(0), st.s(1), v.b(0), v.b(1));
    let (s0w, s0p, s1p, b0w, b0p, b1p) = (v.w(s0), v.p(s0), v.p(s1), v.w(b0), v.p(b0), v.p(b1));
    let s0l = v.child(&st.lc1, s0);
    let s0r = v.child(&st.rc1, s0);
    let b0l = v.child(&st.lc1, b0);
    let d = dist_bucket(s0, b0);
    *out = [
        feat(17, &[s0w, s0p, b0p]),
        feat(18, &[s0p, b0w, b0p]),
        feat(19, &[s0p, b0p]),
        feat(23, &[s1p, b0p]),
        feat(25, &[s0p, b0p, b1p]),
        feat(26, &[s1p, s0p, b0p]),
        feat(28, &[s0p, v.p(s0l), b0p]),
        feat(29, &[s0p, v.p(s0r), b0p]),
        feat(30, &[s0p, b0p, v.p(b0l)]),
        feat(35, &[s0w, d]),
        feat(36, &[s0p, d]),
        feat(37, &[b0w, d]),
        feat(38, &[b0p, d]),
        feat(39, &[s0p, b0p, d]),
        feat(88, &[v.u(s0), v.u(b0)]),
        feat(89, &[v.u(s1), v.u(s0), v.u(b0)]),
        feat(90, &[v.u(s0), v.u(b0), v.u(b1)]),
        feat(95, &[v.x(s0), b0p]),
        feat(96, &[s0p, v.x(b0)]),
        feat(97, &[s0w, b0w]),
    ];
}

/// Fill `out` with the [`NFEAT`] feature hashes of state `st`, each at its template index.
pub(crate) fn extract(st: &State, a: &Atoms, out: &mut [u64; NFEAT]) {
    let t = &GROUP_TEMPLATES;
    let mut b = [0u64; NB];
    extract_b(st, a, &mut b);
    let mut bl = [0u64; NBL];
    extract_bl(st, a, &mut bl);
    let mut s = [0u64; NS];
    extract_s(st, a, &mut s);
    let mut s1 = [0u64; NS1];
    extract_s1(st, a, &mut s1);
    let mut m = [0u64; NM];
    extract_m(st, a, &mut m);
    let groups: [(&[usize], &[u64]); 5] = [(&t.b, &b), (&t.bl, &bl), (&t.s, &s), (&t.s1, &s1), (&t.m, &m)];
    for (ks, fs) in groups {
        for (&k, &f) in ks.iter().zip(fs) {
            out[k] = f;
        }
    }
}
