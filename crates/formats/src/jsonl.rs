//! The native record, one JSON object per line.

use crate::{DocMeta, EventSink};
use petrel_model::event::Event;
use std::io::{self, Write};

pub struct JsonlSink<W: Write> {
    out: W,
}

impl<W: Write> JsonlSink<W> {
    pub fn new(out: W) -> Self {
        JsonlSink { out }
    }
}

impl<W: Write> EventSink for JsonlSink<W> {
    fn event(&mut self, ev: &Event, _meta: &DocMeta) -> io::Result<()> {
        serde_json::to_writer(&mut self.out, ev)?;
        self.out.write_all(b"\n")
    }
    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}
