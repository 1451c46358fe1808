//! Weights: a sparse averaged perceptron for training ([`TrainWeights`]) and the compact,
//! read-only form used to parse and stored in model files ([`Weights`]).
//!
//! Training keeps, per feature hash, a short list of (class, weight, timestamped sum) entries;
//! updates are integers, so averaging is exact and training is deterministic. Compiling averages
//! the weights, quantises them to `i16` with one global scale and drops the ones that round to 0.
//! Parsing looks features up in an open-addressing table (hash -> entry range).

use crate::mem::{advise_huge_pages, prefetch};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Feature keys are already well-mixed hashes: use them as they are.
#[derive(Default)]
pub(crate) struct IdHasher(u64);
impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}
type IdMap<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;

#[derive(Clone, Copy)]
struct Entry {
    class: u16,
    w: i32,
    /// Sum over updates of `time * delta`; the average is `w - u / time`.
    u: i64,
}

pub(crate) struct TrainWeights {
    nclass: usize,
    map: IdMap<u32>,
    rows: Vec<Vec<Entry>>,
    /// Number of training instances seen (the averaging clock), starting at 1.
    pub time: i64,
}

impl TrainWeights {
    pub fn new(nclass: usize) -> TrainWeights {
        TrainWeights { nclass, map: IdMap::default(), rows: Vec::new(), time: 1 }
    }

    pub fn score(&self, feats: &[u64], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        for f in feats {
            if let Some(&r) = self.map.get(f) {
                for e in &self.rows[r as usize] {
                    scores[e.class as usize] += e.w as f32;
                }
            }
        }
    }

    /// Reward `gold`, penalise `pred` on every feature.
    pub fn update(&mut self, feats: &[u64], gold: usize, pred: usize) {
        for f in feats {
            let next = self.rows.len() as u32;
            let r = *self.map.entry(*f).or_insert(next);
            if r == next {
                self.rows.push(Vec::new());
            }
            let row = &mut self.rows[r as usize];
            for (class, delta) in [(gold, 1i32), (pred, -1i32)] {
                let e = match row.iter_mut().find(|e| e.class as usize == class) {
                    Some(e) => e,
                    None => {
                        row.push(Entry { class: class as u16, w: 0, u: 0 });
                        row.last_mut().unwrap()
                    }
                };
                e.w += delta;
                e.u += self.time * i64::from(delta);
            }
        }
    }

    /// Average, quantise and pack.
    pub fn compile(&self) -> Weights {
        let t = self.time as f64;
        let avg = |e: &Entry| f64::from(e.w) - e.u as f64 / t;
        let max = self.rows.iter().flatten().map(|e| avg(e).abs()).fold(0.0f64, f64::max);
        let scale = if max > 0.0 { max / 32000.0 } else { 1.0 };
        let mut keys: Vec<(u64, u32)> = self.map.iter().map(|(&k, &r)| (k, r)).collect();
        keys.sort_unstable();
        let mut feats = Vec::with_capacity(keys.len());
        let mut classes = Vec::new();
        let mut wts = Vec::new();
        let mut counts = Vec::new();
        for (k, r) in keys {
            let mut row: Vec<(u16, i16)> = self.rows[r as usize]
                .iter()
                .map(|e| (e.class, (avg(e) / scale).round() as i16))
                .filter(|&(_, q)| q != 0)
                .collect();
            if row.is_empty() {
                continue;
            }
            row.sort_unstable();
            feats.push(k);
            counts.push(row.len() as u16);
            for (c, q) in row {
                classes.push(c);
                wts.push(q);
            }
        }
        Weights::build(self.nclass, scale as f32, feats, counts, classes, wts)
    }
}

/// Read-only weights: `keys` (sorted), and per key a run of (class, quantised weight) entries.
///
/// For parsing, an open-addressing table (load factor 0.4) maps a key (home slot from its high
/// bits by multiply-shift, a 32-bit check from its low bits) to where its weights are: a dense
/// row, or a run in `entries` (a header `(run length, 0)` then `(class, weight)` pairs, 4 bytes
/// each); short runs carry their length in the slot, so a lookup usually costs one cache miss
/// for the slot and one for the weights, both independent of other features' lookups. The
/// tables are built in memory advised for huge pages.
pub(crate) struct Weights {
    pub nclass: usize,
    pub scale: f32,
    keys: Vec<u64>,
    counts: Vec<u16>,
    classes: Vec<u16>,
    qweights: Vec<i16>,
    table: Vec<Slot>,
    entries: Vec<(u16, i16)>,
    /// Runs of at least [`DENSE_MIN`] weights again as dense rows of [`Weights::score_len`]
    /// weights (0 for absent classes), summed with vector adds.
    dense: Vec<i16>,
    /// Leading values of a dense row that can be non-zero, in whole vectors of 16 (`nclass`
    /// rounded up; at most the row length).
    lanes: usize,
}

/// Runs this long (and longer) also get a dense row: they are the features found at almost
/// every transition (tag n-grams), where a sparse sum costs most.
const DENSE_MIN: u16 = 16;
/// At most this many dense rows (32 767 rows of 128 weights: 8 MiB).
const MAX_DENSE_ROWS: usize = i16::MAX as usize;
/// Entries (headers and pairs) a model may have: their index must fit in [`Slot::run`].
pub(crate) const MAX_ENTRIES: usize = 1 << 27;

/// `Slot::run` encoding: bit 31 set: dense row `run & !DENSE`; otherwise bits 27..31 hold the
/// run length when it is below 16 (0: read it from the header) and bits 0..27 the header's
/// index in `entries`.
const DENSE: u32 = 1 << 31;
const LEN_SHIFT: u32 = 27;
const INDEX: u32 = (1 << LEN_SHIFT) - 1;
/// "Feature not in the model" (no dense row has this index).
const NO_RUN: u32 = u32::MAX;

#[derive(Clone, Copy, Default)]
struct Slot {
    /// Low 32 bits of the key, `| 1` (0 marks an empty slot).
    check: u32,
    run: u32,
}

#[inline]
fn check_of(key: u64) -> u32 {
    (key as u32) | 1
}

/// Home slot of `key` in a table of `cap` slots (multiply-shift over the key's high bits).
#[inline]
fn home_of(key: u64, cap: usize) -> usize {
    ((u128::from(key) * cap as u128) >> 64) as usize
}

impl Weights {
    /// Index the runs for lookups. Runs must total fewer than [`MAX_ENTRIES`] - `keys.len()`
    /// weights ([`Weights::read`] refuses bigger models; training one would need many GiB).
    pub fn build(
        nclass: usize,
        scale: f32,
        keys: Vec<u64>,
        counts: Vec<u16>,
        classes: Vec<u16>,
        qweights: Vec<i16>,
    ) -> Weights {
        Weights::build_limited(nclass, scale, keys, counts, classes, qweights, MAX_DENSE_ROWS)
    }

    /// [`Weights::build`] with at most `max_dense_rows` dense rows (tests use few).
    pub fn build_limited(
        nclass: usize,
        scale: f32,
        keys: Vec<u64>,
        counts: Vec<u16>,
        classes: Vec<u16>,
        qweights: Vec<i16>,
        max_dense_rows: usize,
    ) -> Weights {
        let max_dense_rows = max_dense_rows.min(MAX_DENSE_ROWS);
        assert!(keys.len() + classes.len() < MAX_ENTRIES, "parser model over {MAX_ENTRIES} entries");
        // Load factor 0.4: most lookups are for features the model lacks, and with linear
        // probing an unsuccessful search costs about (1 + 1/(1-a)^2)/2 probes (1.9 here).
        let cap = keys.len() * 5 / 2 + 16;
        // advised before the first write (pages already touched stay small)
        let mut table: Vec<Slot> = Vec::with_capacity(cap);
        advise_huge_pages(table.spare_capacity_mut());
        table.resize(cap, Slot::default());
        let mut entries: Vec<(u16, i16)> = Vec::with_capacity(keys.len() + classes.len());
        advise_huge_pages(entries.spare_capacity_mut());
        let stride = (nclass + 1).next_power_of_two();
        let nrows = counts.iter().filter(|&&c| c >= DENSE_MIN).count().min(max_dense_rows);
        let mut dense: Vec<i16> = Vec::with_capacity(nrows * stride);
        advise_huge_pages(dense.spare_capacity_mut());
        let mut next = 0usize;
        for (&k, &c) in keys.iter().zip(&counts) {
            let header = entries.len() as u32;
            let rows = dense.len() / stride;
            let run = if c >= DENSE_MIN && rows < max_dense_rows {
                dense.resize(dense.len() + stride, 0);
                for j in next..next + usize::from(c) {
                    dense[rows * stride + usize::from(classes[j]) % stride] = qweights[j];
                }
                DENSE | rows as u32
            } else if c < 16 {
                u32::from(c) << LEN_SHIFT | header
            } else {
                header
            };
            entries.push((c, 0));
            for j in next..next + usize::from(c) {
                entries.push((classes[j], qweights[j]));
            }
            next += usize::from(c);
            let mut i = home_of(k, cap);
            while table[i].check != 0 {
                i = if i + 1 == cap { 0 } else { i + 1 };
            }
            table[i] = Slot { check: check_of(k), run };
        }
        let lanes = if stride.is_multiple_of(16) { nclass.next_multiple_of(16).min(stride) } else { stride };
        Weights { nclass, scale, keys, counts, classes, qweights, table, entries, dense, lanes }
    }

    /// Where `key`'s weights are ([`Slot::run`]), [`NO_RUN`] when the model lacks it.
    fn find(&self, key: u64) -> u32 {
        let cap = self.table.len();
        let mut i = home_of(key, cap);
        loop {
            let slot = self.table[i];
            if slot.check == 0 {
                return NO_RUN;
            }
            if slot.check == check_of(key) {
                return slot.run;
            }
            i = if i + 1 == cap { 0 } else { i + 1 };
        }
    }

    /// Add the weights of `feats` to `scores` (in quantised units), after zeroing them; `scores`
    /// holds at least [`Weights::score_len`] values, classes from 0 to `nclass - 1` are meaningful.
    ///
    /// Lookups are memory-bound, so they run in phases of independent loads (all home slots,
    /// then all runs) that the CPU can overlap, instead of one chain of dependent cache misses
    /// per feature; dense rows are summed last, a vector of classes at a time over all rows.
    #[inline]
    pub fn score<const N: usize>(&self, feats: &[u64; N], scores: &mut [i32]) {
        let mut runs = [NO_RUN; N];
        self.lookup(feats, &mut runs);
        self.add_runs(&runs, scores);
    }

    /// Where each feature's weights are (`runs[j]` for `feats[j]`, as many as there are
    /// features): all home slots are prefetched first, then probed, so the misses overlap.
    #[inline]
    pub fn lookup(&self, feats: &[u64], runs: &mut [u32]) {
        let cap = self.table.len();
        for &f in feats {
            prefetch(self.table.as_ptr().wrapping_add(home_of(f, cap)));
        }
        for (&f, run) in feats.iter().zip(runs.iter_mut()) {
            let want = check_of(f);
            let mut i = home_of(f, cap);
            *run = NO_RUN;
            loop {
                let slot = self.table[i];
                if slot.check == want {
                    *run = slot.run;
                    self.prefetch_run(slot.run);
                    break;
                }
                if slot.check == 0 {
                    break;
                }
                i = if i + 1 == cap { 0 } else { i + 1 };
            }
        }
    }

    /// Ask for the cache lines of run `run` ahead of [`Weights::add_runs`], so the misses of a
    /// batch overlap instead of stalling the sums one after the other.
    #[inline(always)]
    fn prefetch_run(&self, run: u32) {
        if run & DENSE != 0 {
            let row = self.dense.as_ptr().wrapping_add((run & !DENSE) as usize * self.score_len());
            for line in (0..self.lanes).step_by(32) {
                prefetch(row.wrapping_add(line));
            }
        } else {
            let h = (run & INDEX) as usize;
            let e = self.entries.as_ptr().wrapping_add(h);
            prefetch(e);
            prefetch(e.wrapping_add((run >> LEN_SHIFT) as usize));
        }
    }

    /// Set `scores` (at least [`Weights::score_len`] values) to the sum of the weights at `runs`
    /// (from [`Weights::lookup`]).
    #[inline]
    pub fn add_runs(&self, runs: &[u32], scores: &mut [i32]) {
        let len = self.score_len();
        let scores = &mut scores[..len];
        scores.iter_mut().for_each(|s| *s = 0);
        // classes are < nclass (checked when loading): the masked index never changes them, it
        // only spares a bounds check
        let mask = len - 1;
        let e = &self.entries[..];
        let mut rows = [0u32; 32];
        let mut nrows = 0;
        for &run in runs {
            if run == NO_RUN {
                continue;
            }
            if run & DENSE != 0 {
                if nrows == rows.len() {
                    self.add_dense(&rows, scores);
                    nrows = 0;
                }
                rows[nrows] = run & !DENSE;
                nrows += 1;
                continue;
            }
            let h = (run & INDEX) as usize;
            let mut n = (run >> LEN_SHIFT) as usize;
            if n == 0 {
                n = e.get(h).map_or(0, |&(c, _)| usize::from(c));
            }
            if let Some(run) = e.get(h + 1..h + 1 + n) {
                for &(c, w) in run {
                    scores[usize::from(c) & mask] += i32::from(w);
                }
            }
        }
        self.add_dense(&rows[..nrows], scores);
    }

    /// Add dense rows `rows` to `scores` (`score_len` values).
    #[inline]
    fn add_dense(&self, rows: &[u32], scores: &mut [i32]) {
        if rows.is_empty() {
            return;
        }
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU running this has AVX2 (checked just above), the one requirement
            // of calling a function compiled with `target_feature(enable = "avx2")`.
            unsafe { add_dense_avx2(&self.dense, rows, self.lanes, scores) };
            return;
        }
        add_dense_rows(&self.dense, rows, self.lanes, scores);
    }

    /// Length of the score buffer [`Weights::score`] needs: a power of two above every class
    /// (and every run length), so a masked index is always in range.
    pub fn score_len(&self) -> usize {
        (self.nclass + 1).next_power_of_two()
    }

    /// Sum of |weight| of `key`'s run, `None` when the model lacks it (diagnostics only).
    pub fn mass(&self, key: u64) -> Option<i64> {
        let run = self.find(key);
        if run == NO_RUN {
            return None;
        }
        let abs = |w: i16| i64::from(w).abs();
        if run & DENSE != 0 {
            let len = self.score_len();
            let r = (run & !DENSE) as usize * len;
            return Some(self.dense[r..r + len].iter().map(|&w| abs(w)).sum());
        }
        let h = (run & INDEX) as usize;
        let len = usize::from(self.entries[h].0);
        Some(self.entries[h + 1..h + 1 + len].iter().map(|&(_, w)| abs(w)).sum())
    }

    /// A copy without the weights whose magnitude is below `min_abs` quantised units (and
    /// without the features left empty): smaller and faster, slightly less accurate.
    pub fn pruned(&self, min_abs: i16) -> Weights {
        let (mut keys, mut counts, mut classes, mut qweights) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let mut next = 0usize;
        for (&k, &c) in self.keys.iter().zip(&self.counts) {
            let run = next..next + usize::from(c);
            next += usize::from(c);
            let before = classes.len();
            for j in run {
                if self.qweights[j].unsigned_abs() >= min_abs.unsigned_abs() {
                    classes.push(self.classes[j]);
                    qweights.push(self.qweights[j]);
                }
            }
            if classes.len() > before {
                keys.push(k);
                counts.push((classes.len() - before) as u16);
            }
        }
        Weights::build(self.nclass, self.scale, keys, counts, classes, qweights)
    }

    pub fn features(&self) -> usize {
        self.keys.len()
    }
    pub fn entries(&self) -> usize {
        self.qweights.len()
    }

    /// Column-wise little-endian form (keys, counts, classes, weights): compresses well.
    pub fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&(self.nclass as u32).to_le_bytes());
        out.extend_from_slice(&self.scale.to_le_bytes());
        out.extend_from_slice(&(self.keys.len() as u32).to_le_bytes());
        out.extend_from_slice(&(self.classes.len() as u32).to_le_bytes());
        // keys as deltas (sorted), which leaves their high bytes mostly zero
        let mut prev = 0u64;
        for &k in &self.keys {
            out.extend_from_slice(&(k - prev).to_le_bytes());
            prev = k;
        }
        for &c in &self.counts {
            out.extend_from_slice(&c.to_le_bytes());
        }
        for &c in &self.classes {
            out.extend_from_slice(&c.to_le_bytes());
        }
        for &q in &self.qweights {
            out.extend_from_slice(&q.to_le_bytes());
        }
    }

    /// Inverse of [`Weights::write`]; checks every count and class.
    pub fn read(r: &mut Reader<'_>) -> Result<Weights, String> {
        let nclass = r.u32()? as usize;
        let scale = f32::from_bits(r.u32()?);
        let nkeys = r.u32()? as usize;
        let nent = r.u32()? as usize;
        if !scale.is_finite() || scale <= 0.0 {
            return Err(format!("weight scale {scale} is not a positive number"));
        }
        if nkeys.saturating_mul(10).saturating_add(nent.saturating_mul(4)) > r.remaining() {
            return Err(format!("{nkeys} features / {nent} weights do not fit in the bytes left"));
        }
        if nkeys.saturating_add(nent) >= MAX_ENTRIES {
            return Err(format!("{nkeys} features and {nent} weights: more than this build indexes ({MAX_ENTRIES})"));
        }
        let mut keys = Vec::with_capacity(nkeys);
        let mut prev = 0u64;
        for _ in 0..nkeys {
            let k = prev.checked_add(r.u64()?).ok_or("feature keys overflow")?;
            if k == 0 || (!keys.is_empty() && k == prev) {
                return Err("feature keys are not strictly increasing".into());
            }
            keys.push(k);
            prev = k;
        }
        let mut counts = Vec::with_capacity(nkeys);
        let mut total = 0usize;
        for _ in 0..nkeys {
            let c = r.u16()?;
            total += usize::from(c);
            counts.push(c);
        }
        if total != nent {
            return Err(format!("feature runs cover {total} weights, header says {nent}"));
        }
        let mut classes = Vec::with_capacity(nent);
        for _ in 0..nent {
            let c = r.u16()?;
            if usize::from(c) >= nclass {
                return Err(format!("class {c} out of range (model has {nclass})"));
            }
            classes.push(c);
        }
        let mut qweights = Vec::with_capacity(nent);
        for _ in 0..nent {
            qweights.push(r.u16()? as i16);
        }
        Ok(Weights::build(nclass, scale, keys, counts, classes, qweights))
    }
}

/// `scores[..lanes] += rows` (dense rows of `scores.len()` weights each, rows in range), 16
/// classes at a time across all rows so the sums stay in registers.
#[inline(always)]
fn add_dense_rows(dense: &[i16], rows: &[u32], lanes: usize, scores: &mut [i32]) {
    let stride = scores.len();
    if !stride.is_multiple_of(16) || !lanes.is_multiple_of(16) {
        // rows of a handful of classes (tiny models)
        for &r in rows {
            let start = r as usize * stride;
            if let Some(d) = dense.get(start..start + stride) {
                for (s, &w) in scores.iter_mut().zip(d) {
                    *s += i32::from(w);
                }
            }
        }
        return;
    }
    for c in (0..lanes).step_by(16) {
        let mut acc = [0i32; 16];
        for &r in rows {
            let start = r as usize * stride + c;
            if let Some(d) = dense.get(start..start + 16) {
                for (a, &w) in acc.iter_mut().zip(d) {
                    *a += i32::from(w);
                }
            }
        }
        for (s, a) in scores[c..c + 16].iter_mut().zip(acc) {
            *s += a;
        }
    }
}

/// [`add_dense_rows`] compiled for AVX2 (one instruction loads and widens 8 weights).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn add_dense_avx2(dense: &[i16], rows: &[u32], lanes: usize, scores: &mut [i32]) {
    add_dense_rows(dense, rows, lanes, scores);
}

/// A bounds-checked little-endian cursor.
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes, pos: 0 }
    }
    pub fn remaining(&self) -> usize {
        self.bytes.len() - self.pos
    }
    pub fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        if n > self.remaining() {
            return Err(format!("truncated at byte {} (wanted {n} more)", self.pos));
        }
        let s = &self.bytes[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }
    pub fn u16(&mut self) -> Result<u16, String> {
        Ok(u16::from_le_bytes(self.take(2)?.try_into().unwrap()))
    }
    pub fn u32(&mut self) -> Result<u32, String> {
        Ok(u32::from_le_bytes(self.take(4)?.try_into().unwrap()))
    }
    pub fn u64(&mut self) -> Result<u64, String> {
        Ok(u64::from_le_bytes(self.take(8)?.try_into().unwrap()))
    }
}
