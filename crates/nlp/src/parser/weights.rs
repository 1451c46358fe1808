//! Weights: a sparse averaged perceptron for training ([`TrainWeights`]) and the compact,
//! read-only form used to parse and stored in model files ([`Weights`]).
//!
//! Training keeps, per feature hash, a short list of (class, weight, timestamped sum) entries;
//! updates are integers, so averaging is exact and training is deterministic. Compiling averages
//! the weights, quantises them to `i16` with one global scale and drops the ones that round to 0.
//! Parsing looks features up in an open-addressing table (hash -> entry range).

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

    pub fn features(&self) -> usize {
        self.rows.len()
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

/// Read-only weights: `keys` (sorted), and per key a run of (class, weight) entries.
pub(crate) struct Weights {
    pub nclass: usize,
    pub scale: f32,
    keys: Vec<u64>,
    counts: Vec<u16>,
    classes: Vec<u16>,
    qweights: Vec<i16>,
    /// Open-addressing table: slot -> (key, first entry, entry count), key 0 = empty.
    table: Vec<Slot>,
    /// Entries as (class, weight) pairs, in key order.
    entries: Vec<(u16, f32)>,
    mask: usize,
}

#[derive(Clone, Copy, Default)]
struct Slot {
    key: u64,
    start: u32,
    len: u32,
}

impl Weights {
    pub fn build(
        nclass: usize,
        scale: f32,
        keys: Vec<u64>,
        counts: Vec<u16>,
        classes: Vec<u16>,
        qweights: Vec<i16>,
    ) -> Weights {
        let cap = (keys.len() * 2).next_power_of_two().max(16);
        let mask = cap - 1;
        let mut table = vec![Slot::default(); cap];
        let entries: Vec<(u16, f32)> =
            classes.iter().zip(&qweights).map(|(&c, &q)| (c, f32::from(q) * scale)).collect();
        let mut start = 0u32;
        for (&k, &c) in keys.iter().zip(&counts) {
            let mut i = (k as usize) & mask;
            while table[i].key != 0 {
                i = (i + 1) & mask;
            }
            table[i] = Slot { key: k, start, len: u32::from(c) };
            start += u32::from(c);
        }
        Weights { nclass, scale, keys, counts, classes, qweights, table, entries, mask }
    }

    #[inline]
    pub fn score(&self, feats: &[u64], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        for &f in feats {
            let mut i = (f as usize) & self.mask;
            loop {
                let slot = &self.table[i];
                if slot.key == f {
                    let run = &self.entries[slot.start as usize..(slot.start + slot.len) as usize];
                    for &(c, w) in run {
                        // classes are validated < nclass when loading
                        if let Some(s) = scores.get_mut(c as usize) {
                            *s += w;
                        }
                    }
                    break;
                }
                if slot.key == 0 {
                    break;
                }
                i = (i + 1) & self.mask;
            }
        }
    }

    pub fn features(&self) -> usize {
        self.keys.len()
    }
    pub fn entries(&self) -> usize {
        self.entries.len()
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
