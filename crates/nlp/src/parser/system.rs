//! The arc-hybrid transition system with the root at the end of the buffer, and its dynamic
//! oracle (Goldberg & Nivre 2013, "Training deterministic parsers with non-deterministic oracles").
//!
//! Words are `0..n`; the artificial root is word `n` and sits at the end of the buffer, so every
//! terminal configuration is a single-rooted projective tree over all words:
//!
//! - `SHIFT`: move the buffer front `b0` (a word, never the root) onto the stack.
//! - `LEFT(l)`: `b0 -l-> s0`, pop `s0`. When `b0` is the root it is only legal with one word on the
//!   stack and label `root`; otherwise label `root` is illegal.
//! - `RIGHT(l)`: `s1 -l-> s0`, pop `s0` (needs two words on the stack; label `root` illegal).
//!
//! A run takes exactly `2n` transitions, and a legal transition exists in every non-terminal state.

/// "No word": an absent stack/buffer position, head or child.
pub(crate) const NONE: u32 = u32::MAX;

/// Transition classes: `0` = SHIFT, `1 + 2l` = LEFT(l), `2 + 2l` = RIGHT(l).
pub(crate) const SHIFT: usize = 0;

#[inline]
pub(crate) fn left(l: usize) -> usize {
    1 + 2 * l
}
#[inline]
pub(crate) fn right(l: usize) -> usize {
    2 + 2 * l
}

/// A parser configuration plus the partial tree and the child summaries features read.
pub(crate) struct State {
    /// Number of words; the root is word `n`.
    pub n: usize,
    pub stack: Vec<u32>,
    /// Buffer front: words `b..n`, then the root `n`.
    pub b: usize,
    pub head: Vec<u32>,
    pub label: Vec<u16>,
    /// Leftmost and second-leftmost left children; rightmost and second-rightmost right children.
    pub lc1: Vec<u32>,
    pub lc2: Vec<u32>,
    pub rc1: Vec<u32>,
    pub rc2: Vec<u32>,
    /// Number of left / right children.
    pub nl: Vec<u16>,
    pub nr: Vec<u16>,
    /// Sets of the labels of left / right children (bit `label % 64`).
    pub lset: Vec<u64>,
    pub rset: Vec<u64>,
}

impl State {
    pub fn new(n: usize) -> State {
        let m = n + 1;
        State {
            n,
            stack: Vec::with_capacity(n.min(64)),
            b: 0,
            head: vec![NONE; m],
            label: vec![0; m],
            lc1: vec![NONE; m],
            lc2: vec![NONE; m],
            rc1: vec![NONE; m],
            rc2: vec![NONE; m],
            nl: vec![0; m],
            nr: vec![0; m],
            lset: vec![0; m],
            rset: vec![0; m],
        }
    }

    #[inline]
    pub fn terminal(&self) -> bool {
        self.b >= self.n && self.stack.is_empty()
    }
    #[inline]
    pub fn s(&self, i: usize) -> u32 {
        let len = self.stack.len();
        if i < len {
            self.stack[len - 1 - i]
        } else {
            NONE
        }
    }
    #[inline]
    pub fn can_shift(&self) -> bool {
        self.b < self.n
    }
    /// LEFT is legal (with label `root` iff `b0` is the root).
    #[inline]
    pub fn can_left(&self) -> bool {
        !self.stack.is_empty() && (self.b < self.n || self.stack.len() == 1)
    }
    #[inline]
    pub fn can_right(&self) -> bool {
        self.stack.len() >= 2
    }
    /// Whether class `c` is legal here, given the id of label `root`.
    #[inline]
    pub fn legal(&self, c: usize, root_label: usize) -> bool {
        if c == SHIFT {
            return self.can_shift();
        }
        let l = (c - 1) / 2;
        if c % 2 == 1 {
            self.can_left() && ((l == root_label) == (self.b >= self.n))
        } else {
            self.can_right() && l != root_label
        }
    }

    /// Apply a legal transition.
    pub fn apply(&mut self, c: usize) {
        if c == SHIFT {
            self.stack.push(self.b as u32);
            self.b += 1;
            return;
        }
        let l = ((c - 1) / 2) as u16;
        let s0 = self.stack.pop().expect("legal transition");
        if c % 2 == 1 {
            self.add_arc(self.b as u32, s0, l);
        } else {
            let s1 = *self.stack.last().expect("legal transition");
            self.add_arc(s1, s0, l);
        }
    }

    fn add_arc(&mut self, h: u32, d: u32, l: u16) {
        let (hu, du) = (h as usize, d as usize);
        self.head[du] = h;
        self.label[du] = l;
        if d < h {
            self.nl[hu] = self.nl[hu].saturating_add(1);
            self.lset[hu] |= 1u64 << (l % 64);
            if self.lc1[hu] == NONE || d < self.lc1[hu] {
                self.lc2[hu] = self.lc1[hu];
                self.lc1[hu] = d;
            } else if self.lc2[hu] == NONE || d < self.lc2[hu] {
                self.lc2[hu] = d;
            }
        } else {
            self.nr[hu] = self.nr[hu].saturating_add(1);
            self.rset[hu] |= 1u64 << (l % 64);
            if self.rc1[hu] == NONE || d > self.rc1[hu] {
                self.rc2[hu] = self.rc1[hu];
                self.rc1[hu] = d;
            } else if self.rc2[hu] == NONE || d > self.rc2[hu] {
                self.rc2[hu] = d;
            }
        }
    }
}

/// A projective gold tree in the parser's indexing (root = `n`), for the dynamic oracle.
pub(crate) struct Gold {
    pub head: Vec<u32>,
    pub label: Vec<u16>,
    /// Gold children of each word (CSR: `kids[start[i]..start[i+1]]`).
    start: Vec<u32>,
    kids: Vec<u32>,
}

impl Gold {
    pub fn new(head: Vec<u32>, label: Vec<u16>) -> Gold {
        let n = head.len();
        let mut count = vec![0u32; n + 2];
        for &h in &head {
            count[h as usize + 1] += 1;
        }
        for i in 1..count.len() {
            count[i] += count[i - 1];
        }
        let start = count.clone();
        let mut fill = count;
        let mut kids = vec![0u32; n];
        for (d, &h) in head.iter().enumerate() {
            kids[fill[h as usize] as usize] = d as u32;
            fill[h as usize] += 1;
        }
        Gold { head, label, start, kids }
    }
    fn kids(&self, i: u32) -> &[u32] {
        &self.kids[self.start[i as usize] as usize..self.start[i as usize + 1] as usize]
    }
}

/// Costs (number of gold arcs made unreachable) of the three transition kinds in state `st`;
/// LEFT/RIGHT costs exclude the label part, returned as the gold label when the head is right.
pub(crate) struct Costs {
    pub shift: u32,
    pub left: u32,
    pub right: u32,
    /// `Some(gold label)` when LEFT attaches `s0` to its gold head (then a wrong label costs 1).
    pub left_label: Option<u16>,
    pub right_label: Option<u16>,
}

pub(crate) fn costs(st: &State, g: &Gold, in_stack: &[bool]) -> Costs {
    let b = st.b as u32;
    let n = st.n as u32;
    let s0 = st.s(0);
    let s1 = st.s(1);
    let mut c = Costs { shift: 0, left: 0, right: 0, left_label: None, right_label: None };
    if st.can_shift() {
        // b0 can no longer take a head from, nor take as a dependent, anything on the stack
        // except that s0 may still become its head.
        let hb = g.head[b as usize];
        if hb != n && hb != s0 && in_stack[hb as usize] {
            c.shift += 1;
        }
        c.shift += g.kids(b).iter().filter(|&&k| in_stack[k as usize]).count() as u32;
    }
    if s0 != NONE {
        // Popping s0 loses its gold dependents still in the buffer.
        let lost_kids = g.kids(s0).iter().filter(|&&k| k >= b).count() as u32;
        let h = g.head[s0 as usize];
        // LEFT: head b0; loses a gold head at s1 or elsewhere in the buffer.
        c.left = lost_kids;
        if h == b {
            c.left_label = Some(g.label[s0 as usize]);
        } else if (s1 != NONE && h == s1) || h >= b {
            c.left += 1;
        }
        // RIGHT: head s1; loses a gold head in the buffer.
        if s1 != NONE {
            c.right = lost_kids;
            if h == s1 {
                c.right_label = Some(g.label[s0 as usize]);
            } else if h >= b {
                c.right += 1;
            }
        }
    }
    c
}

impl Costs {
    #[inline]
    pub fn of(&self, class: usize) -> u32 {
        if class == SHIFT {
            return self.shift;
        }
        let l = ((class - 1) / 2) as u16;
        if class % 2 == 1 {
            self.left + u32::from(self.left_label.is_some_and(|gl| gl != l))
        } else {
            self.right + u32::from(self.right_label.is_some_and(|gl| gl != l))
        }
    }
}

/// Lift non-projective arcs (a dependent moves to its head's head, shortest arcs first) until
/// the tree is projective. `head[i]` uses the parser's indexing (root = `n`); input must be a tree.
pub(crate) fn projectivize(head: &mut [u32]) -> usize {
    let n = head.len();
    let mut lifted = 0;
    loop {
        let mut worst: Option<(usize, usize)> = None; // (arc length, dependent)
        for d in 0..n {
            let h = head[d] as usize;
            let (lo, hi) = if h < d { (h, d) } else { (d, h) };
            let len = hi - lo;
            if worst.is_some_and(|(wl, _)| wl <= len) {
                continue;
            }
            if (lo + 1..hi).any(|k| !dominates(head, h, k)) {
                worst = Some((len, d));
            }
        }
        match worst {
            Some((_, d)) => {
                let h = head[d] as usize;
                if h >= n {
                    return lifted; // cannot lift past the root (not reached for trees)
                }
                head[d] = head[h];
                lifted += 1;
            }
            None => return lifted,
        }
    }
}

/// Whether `h` dominates `k` (root `n` dominates everything).
fn dominates(head: &[u32], h: usize, mut k: usize) -> bool {
    let n = head.len();
    if h >= n {
        return true;
    }
    for _ in 0..=n {
        if k == h {
            return true;
        }
        if k >= n {
            return false;
        }
        k = head[k] as usize;
    }
    false
}

/// Whether `head` (root = `n`) is a tree: every head in range, exactly one root child, no cycle.
pub(crate) fn is_tree(head: &[u32]) -> bool {
    let n = head.len();
    if head.iter().any(|&h| h as usize > n) || head.iter().filter(|&&h| h as usize == n).count() != 1 {
        return false;
    }
    (0..n).all(|i| dominates(head, n, i) && {
        // walk up: must reach the root within n steps
        let mut k = i;
        let mut steps = 0;
        while k < n && steps <= n {
            k = head[k] as usize;
            steps += 1;
        }
        k == n
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Following the static path of zero-cost transitions reproduces any projective tree.
    #[test]
    fn oracle_reproduces_projective_trees() {
        // (heads in root=n indexing) — a few shapes, incl. left/right chains and a flat tree.
        let trees: Vec<Vec<u32>> = vec![
            vec![1, 4, 1, 2],       // n=4: 0<-1, 1<-root, 2<-1, 3<-2
            vec![3, 0, 1],          // right chain under 0, root 0
            vec![1, 2, 3, 4, 5, 6], // left chain, root 5
            vec![2, 2, 6, 2, 5, 2], // n=6, root 2
            vec![1],                // one word
        ];
        for heads in trees {
            let n = heads.len();
            let mut h = heads.clone();
            assert_eq!(projectivize(&mut h), 0, "{heads:?} is projective");
            let labels = h.iter().map(|&x| if x as usize == n { 0 } else { 1 }).collect();
            let g = Gold::new(h.clone(), labels);
            let mut st = State::new(n);
            let mut in_stack = vec![false; n + 1];
            let mut steps = 0;
            while !st.terminal() {
                let c = costs(&st, &g, &in_stack);
                let classes = 1 + 2 * 3;
                let best = (0..classes)
                    .filter(|&k| st.legal(k, 0))
                    .min_by_key(|&k| c.of(k))
                    .unwrap();
                assert_eq!(c.of(best), 0, "{heads:?} at step {steps}");
                if best == SHIFT {
                    in_stack[st.b] = true;
                } else {
                    in_stack[st.s(0) as usize] = false;
                }
                st.apply(best);
                steps += 1;
            }
            assert_eq!(steps, 2 * n);
            let got: Vec<u32> = st.head[..n].to_vec();
            assert_eq!(got, h, "tree {heads:?}");
        }
    }

    #[test]
    fn lifting_makes_trees_projective() {
        let mut proj = vec![4, 0, 1, 0]; // w0 root; w1, w3 under w0; w2 under w1
        assert_eq!(projectivize(&mut proj), 0);
        let mut np = vec![4, 3, 0, 0]; // w1<-w3 spans w2 (head w0, not under w3)
        assert!(projectivize(&mut np) >= 1);
        assert!(is_tree(&np));
        let mut again = np.clone();
        assert_eq!(projectivize(&mut again), 0);
    }
}
