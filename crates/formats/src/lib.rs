//! Output writers: one [`EventSink`] per format, all fed the same native [`Event`] records.
//!
//! | format    | what                                                            |
//! |-----------|-----------------------------------------------------------------|
//! | `jsonl`   | the native record, complete (schema: `docs/schema.md`)           |
//! | `plover`  | PLOVER JSON records, one per line (PLOVER manual, "PLOVER JSON") |
//! | `gdelt`   | GDELT 2.0 event table, 61 tab-separated columns                  |
//! | `phoenix` | Phoenix event data, 26 tab-separated columns                     |
//! | `petr`    | PETRARCH2 event-file lines                                       |
//!
//! No writer knows how events are made; none does I/O beyond the `Write` it is given.
//!
//! ```
//! use petrel_formats::{Format, sink_for, DocMeta};
//! use petrel_model::event::{Event, CameoRef};
//! let mut out = Vec::new();
//! {
//!     let mut sink = sink_for(Format::Petr, &mut out);
//!     let ev = Event { doc_id: "d1".into(), date: "2025-04-11".into(),
//!                      cameo: CameoRef::from_code("040"), ..Default::default() };
//!     sink.event(&ev, &DocMeta::default()).unwrap();
//!     sink.finish().unwrap();
//! }
//! assert_eq!(String::from_utf8(out).unwrap(), "20250411\t---\t---\t040\t\td1-0\t\n");
//! ```

mod gdelt;
mod jsonl;
mod petr;
mod phoenix;
mod plover;
pub mod codes;

use petrel_model::event::Event;
use std::io::{self, Write};
use std::str::FromStr;

/// What a writer may want to know about the document an event came from.
#[derive(Clone, Debug, Default)]
pub struct DocMeta {
    pub url: Option<String>,
    /// News source name (`source` of a JSON Lines document).
    pub source: Option<String>,
    /// Time the record is written, `YYYYMMDDHHMMSS` (GDELT `DATEADDED`); empty = derived from the event date.
    pub added: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Jsonl,
    Plover,
    Gdelt,
    Phoenix,
    Petr,
}

impl Format {
    pub const ALL: [(&'static str, Format); 5] = [
        ("jsonl", Format::Jsonl),
        ("plover", Format::Plover),
        ("gdelt", Format::Gdelt),
        ("phoenix", Format::Phoenix),
        ("petr", Format::Petr),
    ];
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Format, String> {
        Format::ALL.iter().find(|(n, _)| n.eq_ignore_ascii_case(s)).map(|(_, f)| *f).ok_or_else(|| {
            let names: Vec<&str> = Format::ALL.iter().map(|(n, _)| *n).collect();
            format!("unknown format `{s}`: expected one of {}", names.join(", "))
        })
    }
}

/// Receives events in output order.
pub trait EventSink {
    fn event(&mut self, ev: &Event, meta: &DocMeta) -> io::Result<()>;
    /// Flush; called once after the last event.
    fn finish(&mut self) -> io::Result<()>;
}

/// A sink writing `format` to `out`.
pub fn sink_for<'a, W: Write + 'a>(format: Format, out: W) -> Box<dyn EventSink + 'a> {
    match format {
        Format::Jsonl => Box::new(jsonl::JsonlSink::new(out)),
        Format::Plover => Box::new(plover::PloverSink::new(out)),
        Format::Gdelt => Box::new(gdelt::GdeltSink::new(out)),
        Format::Phoenix => Box::new(phoenix::PhoenixSink::new(out)),
        Format::Petr => Box::new(petr::PetrSink::new(out)),
    }
}

/// A stable per-record identifier: `doc_id-sentence`.
pub(crate) fn sentence_ref(ev: &Event) -> String {
    ev.sentence_id.clone().unwrap_or_else(|| format!("{}-{}", ev.doc_id, ev.sentence))
}

/// A field for a tab-separated file: tabs and line breaks become spaces.
pub(crate) fn tsv_field(s: &str) -> String {
    if s.contains(['\t', '\n', '\r']) {
        s.replace(['\t', '\n', '\r'], " ")
    } else {
        s.to_string()
    }
}

/// `YYYY-MM-DD` -> `YYYYMMDD` ("" when malformed).
pub(crate) fn compact_date(date: &str) -> String {
    let d: String = date.chars().filter(|c| c.is_ascii_digit()).collect();
    if d.len() == 8 {
        d
    } else {
        String::new()
    }
}
