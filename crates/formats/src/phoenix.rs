//! Phoenix event data: 26 tab-separated columns, no header.
//!
//! `EventID, Date (YYYYMMDD), Year, Month, Day, SourceActorFull, SourceActorEntity,
//! SourceActorRole, SourceActorAttribute, TargetActorFull, TargetActorEntity, TargetActorRole,
//! TargetActorAttribute, EventCode, EventRootCode, QuadClass, GoldsteinScore, Issues, Lat, Lon,
//! LocationName, StateName, CountryCode, SentenceID, URLs, NewsSources`.
//! Entity = first chunk of the actor code, Role = the first role chunk, Attribute = the rest.
//! QuadClass uses the five-class table in [`crate::codes::phoenix_quad`].

use crate::codes::{phoenix_quad, split_actor};
use crate::{compact_date, sentence_ref, tsv_field, DocMeta, EventSink};
use petrel_model::event::{ActorRef, Event};
use std::io::{self, Write};

pub const COLUMNS: usize = 26;

pub struct PhoenixSink<W: Write> {
    out: W,
    next_id: u64,
}

impl<W: Write> PhoenixSink<W> {
    pub fn new(out: W) -> Self {
        PhoenixSink { out, next_id: 1 }
    }
}

fn actor_cols(a: &Option<ActorRef>, cols: &mut Vec<String>) {
    let code = a.as_ref().map(|a| a.code.as_str()).unwrap_or("");
    let p = split_actor(code);
    let mut rest: Vec<String> = p.roles.iter().skip(1).cloned().collect();
    rest.extend(p.groups.iter().cloned());
    cols.push(code.to_string());
    cols.push(p.entity);
    cols.push(p.roles.first().cloned().unwrap_or_default());
    cols.push(rest.join(""));
}

impl<W: Write> EventSink for PhoenixSink<W> {
    fn event(&mut self, ev: &Event, meta: &DocMeta) -> io::Result<()> {
        let day = compact_date(&ev.date);
        let mut cols: Vec<String> = Vec::with_capacity(COLUMNS);
        cols.push(self.next_id.to_string());
        self.next_id += 1;
        cols.push(day.clone());
        cols.push(day.get(..4).unwrap_or("").into());
        cols.push(day.get(4..6).unwrap_or("").into());
        cols.push(day.get(6..8).unwrap_or("").into());
        actor_cols(&ev.source, &mut cols);
        actor_cols(&ev.target, &mut cols);
        cols.push(ev.cameo.code.clone());
        cols.push(ev.cameo.root.clone());
        cols.push(phoenix_quad(&ev.cameo.root).map(|q| q.to_string()).unwrap_or_default());
        cols.push(ev.cameo.goldstein.map(|g| format!("{g:.1}")).unwrap_or_default());
        cols.push(ev.issues.join(";"));
        match &ev.place {
            Some(p) => {
                cols.push(format!("{:.4}", p.lat));
                cols.push(format!("{:.4}", p.lon));
                cols.push(tsv_field(&p.name));
                cols.push(p.admin1.clone());
                cols.push(p.country.clone());
            }
            None => cols.extend(std::iter::repeat_n(String::new(), 5)),
        }
        cols.push(tsv_field(&sentence_ref(ev)));
        cols.push(tsv_field(meta.url.as_deref().unwrap_or("")));
        cols.push(tsv_field(meta.source.as_deref().unwrap_or("")));
        debug_assert_eq!(cols.len(), COLUMNS);
        writeln!(self.out, "{}", cols.join("\t"))
    }
    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}
