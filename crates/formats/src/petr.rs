//! PETRARCH2 event-file lines:
//! `YYYYMMDD <TAB> source <TAB> target <TAB> code <TAB> issues <TAB> sentence ids <TAB> news source`.
//! Missing actors are written `---` as PETRARCH does; issues are `;`-separated; merged sentence
//! ids are `;`-separated after the record's own.

use crate::{compact_date, sentence_ref, tsv_field, DocMeta, EventSink};
use petrel_model::event::Event;
use std::io::{self, Write};

pub struct PetrSink<W: Write> {
    out: W,
}

impl<W: Write> PetrSink<W> {
    pub fn new(out: W) -> Self {
        PetrSink { out }
    }
}

impl<W: Write> EventSink for PetrSink<W> {
    fn event(&mut self, ev: &Event, meta: &DocMeta) -> io::Result<()> {
        let actor = |a: &Option<petrel_model::event::ActorRef>| {
            a.as_ref().map(|a| a.code.clone()).filter(|c| !c.is_empty()).unwrap_or_else(|| "---".into())
        };
        let mut ids = vec![sentence_ref(ev)];
        for m in &ev.merged {
            ids.push(m.sentence_id.clone().unwrap_or_else(|| format!("{}-{}", m.doc_id, m.sentence)));
        }
        writeln!(
            self.out,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}",
            compact_date(&ev.date),
            actor(&ev.source),
            actor(&ev.target),
            ev.cameo.code,
            ev.issues.join(";"),
            tsv_field(&ids.join(";")),
            tsv_field(meta.source.as_deref().unwrap_or("")),
        )
    }
    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}
