//! PLOVER JSON records (PLOVER manual, table "PLOVER JSON"), one per line.
//!
//! Fields written: `id`, `date`, `actor`/`recipient` (lists of entity objects with `code`,
//! `sector`, `entity_text`), `event`, `mode`, `context` (lists), `quad_code`, `event_scale`
//! (CAMEO Goldstein value, the closest scale we have), `event_loc` (GeoNames field names),
//! `event_text`, `text_info` (sentence sequence and character offsets), `cite_info` (url, source,
//! document id), `coder`, plus `cameo` as an extra field, which the manual allows.

use crate::codes::split_actor;
use crate::{sentence_ref, DocMeta, EventSink};
use petrel_model::event::{ActorRef, Event};
use serde_json::{json, Value};
use std::io::{self, Write};

pub struct PloverSink<W: Write> {
    out: W,
}

impl<W: Write> PloverSink<W> {
    pub fn new(out: W) -> Self {
        PloverSink { out }
    }
}

fn entity(a: &Option<ActorRef>) -> Value {
    match a {
        None => json!([]),
        Some(a) => {
            let p = split_actor(&a.code);
            let mut sector = p.roles.join("");
            sector.push_str(&p.groups.join(""));
            json!([{ "code": p.entity, "sector": sector, "entity_text": a.text }])
        }
    }
}

fn list(v: &Option<String>) -> Value {
    match v {
        Some(s) => json!(s.split(';').map(str::trim).filter(|s| !s.is_empty()).collect::<Vec<_>>()),
        None => json!([]),
    }
}

impl<W: Write> EventSink for PloverSink<W> {
    fn event(&mut self, ev: &Event, meta: &DocMeta) -> io::Result<()> {
        let mut rec = json!({
            "id": sentence_ref(ev) + "-" + &ev.cameo.code,
            "date": ev.date,
            "actor": entity(&ev.source),
            "recipient": entity(&ev.target),
            "event": ev.plover.event.iter().collect::<Vec<_>>(),
            "mode": list(&ev.plover.mode),
            "context": list(&ev.plover.context),
            "quad_code": ev.cameo.quad,
            "event_scale": ev.cameo.goldstein,
            "event_text": [ev.evidence.verb.text],
            "text_info": { "sequence": ev.sentence, "start": ev.evidence.sentence_span.start,
                           "end": ev.evidence.sentence_span.end },
            "cite_info": { "corpus": meta.source, "url": meta.url, "doc_id": ev.doc_id },
            "coder": concat!("petrel ", env!("CARGO_PKG_VERSION")),
            "cameo": ev.cameo.code,
            "modality": ev.modality,
        });
        if let Some(p) = &ev.place {
            rec["event_loc"] = json!({ "name": p.name, "geonameid": p.geonameid, "lat": p.lat,
                "lon": p.lon, "countryCode": p.country, "admin1Code": p.admin1 });
        }
        serde_json::to_writer(&mut self.out, &rec)?;
        self.out.write_all(b"\n")
    }
    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}
