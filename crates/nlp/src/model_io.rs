//! The byte format of petrel's models: little-endian integers and floats, length-prefixed UTF-8
//! strings, a magic tag and a version per model, the whole file gzip'ed.
//!
//! [`Reader`] never panics on bad bytes: every read returns `Result<_, NlpError>`.

use crate::NlpError;
use std::io::{Read, Write};

/// Appends values to a byte buffer.
#[derive(Default)]
pub struct Writer {
    pub buf: Vec<u8>,
}

impl Writer {
    pub fn new() -> Writer {
        Writer { buf: Vec::new() }
    }
    pub fn u8(&mut self, v: u8) {
        self.buf.push(v);
    }
    pub fn u16(&mut self, v: u16) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    pub fn u32(&mut self, v: u32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    pub fn u64(&mut self, v: u64) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    pub fn f32(&mut self, v: f32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    /// Length (u32) then the UTF-8 bytes.
    pub fn str(&mut self, s: &str) {
        self.u32(s.len() as u32);
        self.buf.extend_from_slice(s.as_bytes());
    }
    pub fn bytes(&mut self, b: &[u8]) {
        self.u32(b.len() as u32);
        self.buf.extend_from_slice(b);
    }
    pub fn into_bytes(self) -> Vec<u8> {
        self.buf
    }
}

/// Reads values written by [`Writer`]; `model` names the model in error messages.
pub struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
    model: &'static str,
}

impl<'a> Reader<'a> {
    pub fn new(data: &'a [u8], model: &'static str) -> Reader<'a> {
        Reader { data, pos: 0, model }
    }
    pub fn err(&self, detail: impl Into<String>) -> NlpError {
        NlpError::corrupt(self.model, format!("{} (at byte {})", detail.into(), self.pos))
    }
    fn take(&mut self, n: usize) -> Result<&'a [u8], NlpError> {
        if self.data.len() - self.pos < n {
            return Err(self.err(format!("truncated: wanted {n} more bytes, {} left", self.data.len() - self.pos)));
        }
        let s = &self.data[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }
    pub fn u8(&mut self) -> Result<u8, NlpError> {
        Ok(self.take(1)?[0])
    }
    pub fn u16(&mut self) -> Result<u16, NlpError> {
        Ok(u16::from_le_bytes(self.take(2)?.try_into().unwrap_or_default()))
    }
    pub fn u32(&mut self) -> Result<u32, NlpError> {
        Ok(u32::from_le_bytes(self.take(4)?.try_into().unwrap_or_default()))
    }
    pub fn u64(&mut self) -> Result<u64, NlpError> {
        Ok(u64::from_le_bytes(self.take(8)?.try_into().unwrap_or_default()))
    }
    pub fn f32(&mut self) -> Result<f32, NlpError> {
        Ok(f32::from_le_bytes(self.take(4)?.try_into().unwrap_or_default()))
    }
    pub fn str(&mut self) -> Result<&'a str, NlpError> {
        let n = self.u32()? as usize;
        let b = self.take(n)?;
        std::str::from_utf8(b).map_err(|_| self.err("string is not UTF-8"))
    }
    pub fn bytes(&mut self) -> Result<&'a [u8], NlpError> {
        let n = self.u32()? as usize;
        self.take(n)
    }
    /// A count that must fit in the remaining bytes at `min_size` bytes per item (guards
    /// allocations against corrupt lengths).
    pub fn count(&mut self, min_size: usize) -> Result<usize, NlpError> {
        let n = self.u32()? as usize;
        if n.saturating_mul(min_size.max(1)) > self.data.len() - self.pos {
            return Err(self.err(format!("count {n} does not fit in the remaining bytes")));
        }
        Ok(n)
    }
    /// Check a 4-byte magic tag and a u32 version.
    pub fn header(&mut self, magic: &[u8; 4], version: u32) -> Result<(), NlpError> {
        let m = self.take(4)?;
        if m != magic {
            return Err(self.err(format!(
                "expected magic {:?}, found {:?}",
                String::from_utf8_lossy(magic),
                String::from_utf8_lossy(m)
            )));
        }
        let v = self.u32()?;
        if v != version {
            return Err(NlpError::ModelVersion { model: self.model.to_string(), found: v, expected: version });
        }
        Ok(())
    }
    pub fn is_empty(&self) -> bool {
        self.pos >= self.data.len()
    }
    pub fn position(&self) -> usize {
        self.pos
    }
}

/// Gzip `bytes` (best compression).
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    // Writing to a Vec cannot fail.
    let _ = enc.write_all(bytes);
    enc.finish().unwrap_or_default()
}

/// Gunzip `bytes`; `model` names the model in the error.
pub fn gunzip(bytes: &[u8], model: &'static str) -> Result<Vec<u8>, NlpError> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .map_err(|e| NlpError::corrupt(model, format!("not a valid gzip stream: {e}")))?;
    Ok(out)
}

/// Read a file, gunzipping it when it starts with the gzip magic.
pub fn read_maybe_gz(path: &std::path::Path) -> Result<Vec<u8>, NlpError> {
    let raw = std::fs::read(path).map_err(|source| NlpError::Io { path: path.to_path_buf(), source })?;
    if raw.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(&raw[..])
            .read_to_end(&mut out)
            .map_err(|source| NlpError::Io { path: path.to_path_buf(), source })?;
        Ok(out)
    } else {
        Ok(raw)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn round_trip_and_truncation() {
        let mut w = Writer::new();
        w.u8(7);
        w.u32(123456);
        w.u64(u64::MAX - 3);
        w.f32(-1.5);
        w.str("héllo");
        let b = w.into_bytes();
        let mut r = Reader::new(&b, "test");
        assert_eq!(r.u8().unwrap(), 7);
        assert_eq!(r.u32().unwrap(), 123456);
        assert_eq!(r.u64().unwrap(), u64::MAX - 3);
        assert_eq!(r.f32().unwrap(), -1.5);
        assert_eq!(r.str().unwrap(), "héllo");
        assert!(r.is_empty());
        for cut in 0..b.len() {
            let mut r = Reader::new(&b[..cut], "test");
            let ok = r.u8().and_then(|_| r.u32()).and_then(|_| r.u64()).and_then(|_| r.f32()).and_then(|_| r.str().map(|_| ()));
            assert!(ok.is_err(), "cut {cut}");
        }
        assert_eq!(gunzip(&gzip(&b), "t").unwrap(), b);
        assert!(gunzip(b"nope", "t").is_err());
    }
}
