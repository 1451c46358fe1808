//! An averaged multiclass perceptron over hashed string features.
//!
//! Features are 64-bit hashes built with [`FeatHash`] (a template id plus string/number parts, no
//! allocation). Training uses [`Trainer`] (sparse rows: a feature stores weights only for the
//! classes it was ever updated for, with lazy averaging); [`Trainer::finish`] averages, prunes
//! near-zero weights and returns the compact read-only [`Perceptron`]. Everything is deterministic:
//! no random state in hashing, ties go to the lowest class index, serialisation is sorted.
//!
//! ```
//! use petrel_nlp::perceptron::{FeatHash, Trainer};
//! let f = |w: &str| vec![FeatHash::new(1).str(w).finish(), FeatHash::new(0).finish()];
//! let mut t = Trainer::new(2);
//! for _ in 0..5 {
//!     for (w, y) in [("dog", 0), ("run", 1)] {
//!         let g = t.predict(&f(w));
//!         t.learn(&f(w), y, g);
//!     }
//! }
//! let p = t.finish(0.0);
//! assert_eq!(p.predict(&f("dog")), 0);
//! assert_eq!(p.predict(&f("run")), 1);
//! let back = petrel_nlp::perceptron::Perceptron::from_bytes(&p.to_bytes()).unwrap();
//! assert_eq!(back.predict(&f("run")), 1);
//! ```

use crate::mem::prefetch;
use crate::model_io::{Reader, Writer};
use crate::NlpError;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A hashed feature.
pub type Feat = u64;

/// Builds a feature hash from a template id and parts (FNV-1a over the bytes, a separator after
/// each part, a final avalanche mix).
#[derive(Clone, Copy, Debug)]
pub struct FeatHash(u64);

const FNV_PRIME: u64 = 0x100_0000_01b3;

impl FeatHash {
    pub fn new(template: u32) -> FeatHash {
        FeatHash(0xcbf2_9ce4_8422_2325).u64(template as u64)
    }
    #[inline]
    pub fn bytes(self, b: &[u8]) -> FeatHash {
        let mut h = self.0;
        for &x in b {
            h ^= x as u64;
            h = h.wrapping_mul(FNV_PRIME);
        }
        // separator so ("ab","c") != ("a","bc")
        h ^= 0xff;
        FeatHash(h.wrapping_mul(FNV_PRIME))
    }
    #[inline]
    pub fn str(self, s: &str) -> FeatHash {
        self.bytes(s.as_bytes())
    }
    #[inline]
    pub fn u64(self, v: u64) -> FeatHash {
        let h = (self.0 ^ v.wrapping_mul(0x9e37_79b9_7f4a_7c15)).wrapping_mul(FNV_PRIME);
        FeatHash(h.rotate_left(29))
    }
    #[inline]
    pub fn finish(self) -> Feat {
        // splitmix64 finaliser
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

/// Hasher for keys that are already good hashes.
#[derive(Default, Clone, Copy)]
pub struct IdentityHasher(u64);
impl Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ b as u64;
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}
/// A `HashMap` keyed by [`Feat`] without re-hashing.
pub type FeatMap<V> = HashMap<Feat, V, BuildHasherDefault<IdentityHasher>>;

#[derive(Clone, Copy)]
struct Cell {
    class: u16,
    w: f32,
    total: f64,
    stamp: u32,
}

/// A perceptron being trained.
pub struct Trainer {
    n_classes: usize,
    index: FeatMap<u32>,
    rows: Vec<Vec<Cell>>,
    step: u32,
}

impl Trainer {
    /// `n_classes` must be at most 65,536.
    pub fn new(n_classes: usize) -> Trainer {
        assert!(n_classes > 0 && n_classes <= 1 << 16, "n_classes out of range");
        Trainer { n_classes, index: FeatMap::default(), rows: Vec::new(), step: 0 }
    }
    pub fn n_classes(&self) -> usize {
        self.n_classes
    }
    /// Number of distinct features seen in updates.
    pub fn n_features(&self) -> usize {
        self.rows.len()
    }
    /// Current (not averaged) scores into `out` (resized to `n_classes`).
    pub fn scores(&self, feats: &[Feat], out: &mut Vec<f32>) {
        out.clear();
        out.resize(self.n_classes, 0.0);
        for f in feats {
            if let Some(&r) = self.index.get(f) {
                for c in &self.rows[r as usize] {
                    out[c.class as usize] += c.w;
                }
            }
        }
    }
    /// Best class by current weights (lowest index on ties).
    pub fn predict(&self, feats: &[Feat]) -> usize {
        let mut s = Vec::new();
        self.scores(feats, &mut s);
        argmax(&s)
    }
    /// One training instance: advances the averaging clock, and when `guess != truth` moves
    /// weight from `guess` to `truth` for every feature.
    pub fn learn(&mut self, feats: &[Feat], truth: usize, guess: usize) {
        self.step += 1;
        if truth != guess {
            self.update(feats, truth, 1.0);
            self.update(feats, guess, -1.0);
        }
    }
    /// Advance the averaging clock by one instance without updating.
    pub fn tick(&mut self) {
        self.step += 1;
    }
    /// Add `delta` to the weight of (`f`, `class`) for each feature (for callers that do their own
    /// update rule; call [`Trainer::tick`] once per instance).
    pub fn update(&mut self, feats: &[Feat], class: usize, delta: f32) {
        let step = self.step;
        for &f in feats {
            let r = match self.index.get(&f) {
                Some(&r) => r as usize,
                None => {
                    self.index.insert(f, self.rows.len() as u32);
                    self.rows.push(Vec::with_capacity(2));
                    self.rows.len() - 1
                }
            };
            let row = &mut self.rows[r];
            let cell = match row.iter_mut().position(|c| c.class as usize == class) {
                Some(i) => &mut row[i],
                None => {
                    row.push(Cell { class: class as u16, w: 0.0, total: 0.0, stamp: step });
                    row.last_mut().unwrap()
                }
            };
            cell.total += (step - cell.stamp) as f64 * cell.w as f64;
            cell.stamp = step;
            cell.w += delta;
        }
    }
    /// Average the weights over all instances seen and drop weights whose absolute averaged
    /// value is `<= prune` (and features left with none).
    pub fn finish(&self, prune: f32) -> Perceptron {
        let step = self.step.max(1) as f64;
        let mut keys: Vec<(Feat, u32)> = self.index.iter().map(|(&k, &v)| (k, v)).collect();
        keys.sort_unstable();
        let mut p = Perceptron { n_classes: self.n_classes, ..Default::default() };
        for (k, r) in keys {
            let start = p.cells.len() as u32;
            let mut cells: Vec<Cell> = self.rows[r as usize].clone();
            cells.sort_by_key(|c| c.class);
            for c in cells {
                let total = c.total + (self.step - c.stamp) as f64 * c.w as f64;
                let avg = (total / step) as f32;
                if avg.abs() > prune {
                    p.cells.push((c.class as u32, avg));
                }
            }
            let end = p.cells.len() as u32;
            if end > start {
                p.keys.push(k);
                p.ranges.push((start, end));
            }
        }
        p.build_index();
        p
    }
}

/// Index of the largest score, lowest index on ties; 0 for an empty slice.
pub fn argmax(s: &[f32]) -> usize {
    let mut best = 0;
    for (i, &v) in s.iter().enumerate() {
        if v > s[best] {
            best = i;
        }
    }
    best
}

/// A trained, averaged, read-only perceptron.
///
/// Lookups go through an open-addressing table (linear probing, load <= 0.7) whose slots hold
/// the key and its row of `cells`; scoring first prefetches every feature's slot, then every
/// row, then adds: the work is memory-bound, and this lets the cache misses overlap.
#[derive(Default, Clone)]
pub struct Perceptron {
    n_classes: usize,
    /// Sorted features and their rows in `cells` (serialisation order).
    keys: Vec<Feat>,
    ranges: Vec<(u32, u32)>,
    slots: Vec<Slot>,
    /// (class, weight) of every feature, rows contiguous.
    cells: Vec<(u32, f32)>,
    /// Rows of at least [`DENSE_MIN`] weights again as dense rows of `n_classes` (zeros where
    /// the row has no weight), added with vector instructions; a slot's `end` is [`DENSE`] and
    /// its `start` the dense row number. (Adding 0.0 leaves a score unchanged: scores start at
    /// +0.0 and no stored weight is zero, so no score is ever -0.0.)
    dense: Vec<f32>,
    /// Identity of these weights (a fresh number each time an index is built; copies share
    /// it), for caches of scores.
    uid: u64,
}

static NEXT_UID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

/// Rows this long are also stored dense.
const DENSE_MIN: u32 = 16;
/// Slot `end` marking a dense row.
const DENSE: u32 = u32::MAX;

#[derive(Default, Clone, Copy)]
struct Slot {
    /// 0: empty (a real key 0 is stored as 1).
    key: u64,
    start: u32,
    end: u32,
}


/// `out[c] += row[c]` (element-wise, so each score gets the same single addition as the
/// sparse path would give it, or `+ 0.0`).
#[inline(always)]
fn add_dense(row: &[f32], out: &mut [f32]) {
    for (o, w) in out.iter_mut().zip(row) {
        *o += w;
    }
}

/// [`add_dense`] compiled for AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn add_dense_avx2(row: &[f32], out: &mut [f32]) {
    add_dense(row, out);
}

/// Features looked up per batch (a sentence word has about 45).
const CHUNK: usize = 128;

const MAGIC: &[u8; 4] = b"PPCT";
const VERSION: u32 = 1;

impl Perceptron {
    pub fn n_classes(&self) -> usize {
        self.n_classes
    }
    pub fn n_features(&self) -> usize {
        self.keys.len()
    }
    pub fn n_weights(&self) -> usize {
        self.cells.len()
    }
    /// Identity of these weights: two perceptrons with the same uid score alike (0: never indexed).
    pub fn uid(&self) -> u64 {
        self.uid
    }
    fn build_index(&mut self) {
        self.uid = NEXT_UID.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let n = self.keys.len();
        let cap = ((n * 10 / 7).max(8)).next_power_of_two();
        self.slots = vec![Slot::default(); cap];
        let mask = cap - 1;
        self.dense.clear();
        let nc = self.n_classes;
        for (k, &(start, end)) in self.keys.iter().zip(&self.ranges) {
            let key = (*k).max(1);
            let mut i = key as usize & mask;
            while self.slots[i].key != 0 && self.slots[i].key != key {
                i = (i + 1) & mask;
            }
            let row = &self.cells[start as usize..end as usize];
            // (no zero weights, each class once: see `dense`)
            self.slots[i] = if end - start >= DENSE_MIN && row.iter().all(|&(c, w)| w != 0.0 && (c as usize) < nc)
                && row.windows(2).all(|p| p[0].0 < p[1].0)
            {
                let d = self.dense.len() / nc.max(1);
                self.dense.resize(self.dense.len() + nc, 0.0);
                for &(c, w) in row {
                    self.dense[d * nc + c as usize] += w;
                }
                Slot { key, start: d as u32, end: DENSE }
            } else {
                Slot { key, start, end }
            };
        }
    }

    /// The slot's (start, end) of `f` (end [`DENSE`]: dense row `start`).
    #[inline]
    fn find(&self, f: Feat) -> Option<(u32, u32)> {
        let key = f.max(1);
        let mask = self.slots.len().wrapping_sub(1);
        let mut i = key as usize & mask;
        loop {
            let s = self.slots.get(i)?;
            if s.key == key {
                return Some((s.start, s.end));
            }
            if s.key == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    /// Scores into `out` (must have `n_classes` entries; it is zeroed first).
    #[inline]
    pub fn scores_into(&self, feats: &[Feat], out: &mut [f32]) {
        out.iter_mut().for_each(|x| *x = 0.0);
        self.add_into(feats, out);
    }

    /// Adds the rows of `feats` to `out` (not zeroed), feature after feature: each class's
    /// score gets its weights in the order of `feats`, so a caller that adds a prefix of the
    /// features first and the rest later gets bit-identical sums. Slots are prefetched for a
    /// chunk of features, then probed (prefetching the rows), then the rows are added.
    #[inline]
    pub fn add_into(&self, feats: &[Feat], out: &mut [f32]) {
        if self.slots.is_empty() {
            return;
        }
        let mask = self.slots.len() - 1;
        let mut found = [(0u32, 0u32); CHUNK];
        for chunk in feats.chunks(CHUNK) {
            for &f in chunk {
                prefetch(&self.slots[f.max(1) as usize & mask]);
            }
            let n = self.probe(chunk, &mut found);
            for &(s, e) in &found[..n] {
                self.add_row(s, e, out);
            }
        }
    }

    /// Rows of `feats` (at most [`CHUNK`]) into `found`, prefetching each row; returns the count.
    #[inline(always)]
    fn probe(&self, feats: &[Feat], found: &mut [(u32, u32); CHUNK]) -> usize {
        let mut n = 0;
        for &f in feats.iter().take(CHUNK) {
            if let Some((s, e)) = self.find(f) {
                if e == DENSE {
                    if let Some(c) = self.dense.get(s as usize * self.n_classes) {
                        prefetch(c);
                    }
                } else if let Some(c) = self.cells.get(s as usize) {
                    prefetch(c);
                }
                found[n] = (s, e);
                n += 1;
            }
        }
        n
    }

    #[inline(always)]
    fn add_row(&self, s: u32, e: u32, out: &mut [f32]) {
        if e == DENSE {
            let nc = self.n_classes;
            let row = self.dense.get(s as usize * nc..(s as usize + 1) * nc).unwrap_or(&[]);
            #[cfg(target_arch = "x86_64")]
            if std::arch::is_x86_feature_detected!("avx2") {
                // SAFETY: the CPU running this has AVX2 (checked just above), the one
                // requirement of calling a function compiled with `target_feature(enable = "avx2")`.
                unsafe { add_dense_avx2(row, out) };
                return;
            }
            add_dense(row, out);
            return;
        }
        for &(c, w) in self.cells.get(s as usize..e as usize).unwrap_or(&[]) {
            if let Some(o) = out.get_mut(c as usize) {
                *o += w;
            }
        }
    }

    /// Scores of several feature groups at once: group `g` is `feats[ends[g-1]..ends[g]]`
    /// (from 0 for the first) and its scores go to `out[g * n_classes..][..n_classes]` (zeroed
    /// first), bit-identical to [`Perceptron::scores_into`] on the group. The lookups are
    /// pipelined across groups: while group `g` is added, group `g + 1`'s slots are probed and
    /// group `g + 2`'s prefetched, so the cache misses of different words overlap.
    pub fn scores_groups(&self, feats: &[Feat], ends: &[usize], out: &mut [f32]) {
        let nc = self.n_classes;
        out[..ends.len() * nc].iter_mut().for_each(|x| *x = 0.0);
        self.add_groups(feats, ends, out);
    }

    /// [`Perceptron::scores_groups`] adding to the scores already in `out` (not zeroed):
    /// bit-identical to [`Perceptron::add_into`] on each group.
    pub fn add_groups(&self, feats: &[Feat], ends: &[usize], out: &mut [f32]) {
        let nc = self.n_classes;
        let out = &mut out[..ends.len() * nc];
        if self.slots.is_empty() || ends.is_empty() {
            return;
        }
        let group = |g: usize| -> &[Feat] {
            match ends.get(g) {
                Some(&e) => feats.get(if g == 0 { 0 } else { ends[g - 1] }..e).unwrap_or(&[]),
                None => &[],
            }
        };
        // Groups longer than a chunk take the plain path.
        if (0..ends.len()).any(|g| group(g).len() > CHUNK) {
            for (g, o) in out.chunks_mut(nc).enumerate() {
                self.add_into(group(g), o);
            }
            return;
        }
        let mask = self.slots.len() - 1;
        let pf = |g: usize| {
            for &f in group(g) {
                prefetch(&self.slots[f.max(1) as usize & mask]);
            }
        };
        // found rows of groups g (buf[g % 2]) and g + 1 (buf[(g + 1) % 2])
        let mut buf = [[(0u32, 0u32); CHUNK]; 2];
        let mut n = [0usize; 2];
        pf(0);
        pf(1);
        n[0] = self.probe(group(0), &mut buf[0]);
        for (g, o) in out.chunks_mut(nc).enumerate() {
            pf(g + 2);
            let (cur, next) = (g % 2, (g + 1) % 2);
            n[next] = self.probe(group(g + 1), &mut buf[next]);
            for &(s, e) in &buf[cur][..n[cur]] {
                self.add_row(s, e, o);
            }
        }
    }
    /// Scores as a new vector.
    pub fn scores(&self, feats: &[Feat]) -> Vec<f32> {
        let mut out = vec![0.0; self.n_classes];
        self.scores_into(feats, &mut out);
        out
    }
    /// Best class (lowest index on ties).
    pub fn predict(&self, feats: &[Feat]) -> usize {
        argmax(&self.scores(feats))
    }
    /// A copy without the weights whose absolute value is `<= threshold` (and features left
    /// with none): a smaller model that scores almost the same.
    pub fn pruned(&self, threshold: f32) -> Perceptron {
        let mut p = Perceptron { n_classes: self.n_classes, ..Default::default() };
        for (k, &(s, e)) in self.keys.iter().zip(&self.ranges) {
            let start = p.cells.len() as u32;
            for &(c, w) in &self.cells[s as usize..e as usize] {
                if w.abs() > threshold {
                    p.cells.push((c, w));
                }
            }
            let end = p.cells.len() as u32;
            if end > start {
                p.keys.push(*k);
                p.ranges.push((start, end));
            }
        }
        p.build_index();
        p
    }

    /// Serialise (sorted keys; weights as f32).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::new();
        self.write(&mut w);
        w.into_bytes()
    }
    /// Append to a [`Writer`] (for models that embed a perceptron among other tables).
    pub fn write(&self, w: &mut Writer) {
        w.buf.extend_from_slice(MAGIC);
        w.u32(VERSION);
        w.u32(self.n_classes as u32);
        w.u32(self.keys.len() as u32);
        for (k, &(s, e)) in self.keys.iter().zip(&self.ranges) {
            w.u64(*k);
            w.u16((e - s) as u16);
            for i in s as usize..e as usize {
                w.u16(self.cells[i].0 as u16);
                w.f32(self.cells[i].1);
            }
        }
    }
    pub fn from_bytes(bytes: &[u8]) -> Result<Perceptron, NlpError> {
        let mut r = Reader::new(bytes, "perceptron");
        Perceptron::read(&mut r)
    }
    /// Read from a [`Reader`] positioned at a perceptron written by [`Perceptron::write`].
    pub fn read(r: &mut Reader) -> Result<Perceptron, NlpError> {
        r.header(MAGIC, VERSION)?;
        let n_classes = r.u32()? as usize;
        if n_classes == 0 || n_classes > 1 << 16 {
            return Err(r.err(format!("class count {n_classes} out of range")));
        }
        let n = r.count(10)?;
        let mut p = Perceptron { n_classes, ..Default::default() };
        p.keys.reserve(n);
        p.ranges.reserve(n);
        for _ in 0..n {
            let k = r.u64()?;
            let m = r.u16()? as usize;
            let start = p.cells.len() as u32;
            for _ in 0..m {
                let c = r.u16()?;
                if c as usize >= n_classes {
                    return Err(r.err(format!("class {c} >= class count {n_classes}")));
                }
                let w = r.f32()?;
                p.cells.push((c as u32, w));
            }
            if p.keys.last().is_some_and(|&last| last >= k) {
                return Err(r.err("features not in increasing order"));
            }
            p.keys.push(k);
            p.ranges.push((start, p.cells.len() as u32));
        }
        p.build_index();
        Ok(p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashing_separates_parts() {
        let a = FeatHash::new(1).str("ab").str("c").finish();
        let b = FeatHash::new(1).str("a").str("bc").finish();
        let c = FeatHash::new(2).str("ab").str("c").finish();
        assert_ne!(a, b);
        assert_ne!(a, c);
        assert_eq!(a, FeatHash::new(1).str("ab").str("c").finish());
    }

    fn toy() -> Vec<(Vec<Feat>, usize)> {
        // class = (x % 3), features: the residue and some noise features
        (0..60u64)
            .map(|x| {
                let y = (x % 3) as usize;
                (vec![FeatHash::new(0).u64(x % 3).finish(), FeatHash::new(1).u64(x % 7).finish(), FeatHash::new(9).finish()], y)
            })
            .collect()
    }

    fn train() -> Perceptron {
        let mut t = Trainer::new(3);
        for _ in 0..4 {
            for (f, y) in toy() {
                let g = t.predict(&f);
                t.learn(&f, y, g);
            }
        }
        t.finish(0.0)
    }

    #[test]
    fn learns_separable_data_deterministically() {
        let p = train();
        for (f, y) in toy() {
            assert_eq!(p.predict(&f), y);
        }
        assert_eq!(p.to_bytes(), train().to_bytes());
    }

    #[test]
    fn bytes_round_trip_and_corruption_is_an_error() {
        let p = train();
        let b = p.to_bytes();
        let q = Perceptron::from_bytes(&b).unwrap();
        assert_eq!(q.to_bytes(), b);
        for cut in [0, 3, 8, 12, b.len() - 1] {
            assert!(Perceptron::from_bytes(&b[..cut]).is_err(), "cut {cut}");
        }
        let mut bad = b.clone();
        bad[0] = b'X';
        assert!(Perceptron::from_bytes(&bad).is_err());
    }

    #[test]
    fn unknown_features_score_zero() {
        let p = train();
        assert_eq!(p.scores(&[12345]), vec![0.0; 3]);
        assert_eq!(p.predict(&[]), 0);
    }
}
