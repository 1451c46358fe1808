//! GDELT 2.0 event table: 61 tab-separated columns, no header (GDELT 2.0 Event Codebook).
//!
//! Column notes for petrel's records:
//! - `GLOBALEVENTID`: a running number from 1 within this output.
//! - `Actor*CountryCode`, `Actor*KnownGroupCode`, `Actor*Type{1,2,3}Code`: the CAMEO actor code
//!   split into chunks (see [`crate::codes`]); ethnic and religion columns stay empty.
//! - `IsRootEvent`: 1 when the event comes from the document's first sentence.
//! - `NumMentions`: 1 + merged mentions; `NumSources` 1; `NumArticles`: distinct documents.
//! - `AvgTone`: 0 (tone is an article-level measure, not coded here).
//! - Geography: only `ActionGeo_*` (the event place); geography country codes are **FIPS 10-4**,
//!   `ADM1Code` is FIPS country + GeoNames admin1 code, `FeatureID` the GeoNames id.
//!   `Actor1Geo_*`/`Actor2Geo_*` stay empty.
//! - `DATEADDED`: the time the record was written (UTC, YYYYMMDDHHMMSS) as given by the caller.

use crate::codes::split_actor;
use crate::{compact_date, tsv_field, DocMeta, EventSink};
use chrono::{Datelike, NaiveDate};
use petrel_model::event::{ActorRef, Event, Place};
use std::collections::BTreeSet;
use std::io::{self, Write};

pub const COLUMNS: usize = 61;

pub struct GdeltSink<W: Write> {
    out: W,
    next_id: u64,
}

impl<W: Write> GdeltSink<W> {
    pub fn new(out: W) -> Self {
        GdeltSink { out, next_id: 1 }
    }
}

fn actor_cols(a: &Option<ActorRef>, cols: &mut Vec<String>) {
    let Some(a) = a else {
        cols.extend(std::iter::repeat_n(String::new(), 10));
        return;
    };
    let p = split_actor(&a.code);
    cols.push(a.code.clone());
    cols.push(tsv_field(&a.entry.clone().unwrap_or_else(|| a.text.to_uppercase())));
    cols.push(p.country.clone());
    cols.push(p.groups.first().cloned().unwrap_or_else(|| if p.country.is_empty() { p.entity.clone() } else { String::new() }));
    cols.extend([String::new(), String::new(), String::new()]); // ethnic, religion1, religion2
    for i in 0..3 {
        cols.push(p.roles.get(i).cloned().unwrap_or_default());
    }
}

/// GDELT geographic resolution: 1 country, 2 US state, 3 US city, 4 world city, 5 world state.
fn geo_type(p: &Place) -> u8 {
    let us = p.country == "USA";
    match (p.feature.split('.').next().unwrap_or(""), us) {
        ("A", _) if p.feature.starts_with("A.PCL") => 1,
        ("A", true) => 2,
        ("A", false) => 5,
        (_, true) => 3,
        _ => 4,
    }
}

fn geo_cols(p: &Option<Place>, cols: &mut Vec<String>) {
    let Some(p) = p else {
        cols.extend(std::iter::repeat_n(String::new(), 8));
        return;
    };
    let adm1 = p.admin1.split('.').nth(1).map(|a| format!("{}{}", p.country_fips, a)).unwrap_or_default();
    cols.push(geo_type(p).to_string());
    cols.push(tsv_field(&p.name));
    cols.push(p.country_fips.clone());
    cols.push(adm1);
    cols.push(String::new());
    cols.push(format!("{:.4}", p.lat));
    cols.push(format!("{:.4}", p.lon));
    cols.push(p.geonameid.to_string());
}

impl<W: Write> EventSink for GdeltSink<W> {
    fn event(&mut self, ev: &Event, meta: &DocMeta) -> io::Result<()> {
        let day = compact_date(&ev.date);
        let date = NaiveDate::parse_from_str(&ev.date, "%Y-%m-%d").ok();
        let mut cols: Vec<String> = Vec::with_capacity(COLUMNS);
        cols.push(self.next_id.to_string());
        self.next_id += 1;
        cols.push(day.clone());
        cols.push(day.get(..6).unwrap_or("").to_string());
        cols.push(day.get(..4).unwrap_or("").to_string());
        cols.push(date.map(|d| {
            let days = if d.leap_year() { 366.0 } else { 365.0 };
            format!("{:.4}", d.year() as f64 + d.ordinal0() as f64 / days)
        }).unwrap_or_default());
        actor_cols(&ev.source, &mut cols);
        actor_cols(&ev.target, &mut cols);
        let code = &ev.cameo.code;
        cols.push(if ev.sentence == 0 { "1" } else { "0" }.into());
        cols.push(code.clone());
        cols.push(code.get(..3).unwrap_or(code).to_string());
        cols.push(ev.cameo.root.clone());
        cols.push(ev.cameo.quad.map(|q| q.to_string()).unwrap_or_default());
        cols.push(ev.cameo.goldstein.map(|g| format!("{g:.1}")).unwrap_or_default());
        let docs: BTreeSet<&str> = std::iter::once(ev.doc_id.as_str()).chain(ev.merged.iter().map(|m| m.doc_id.as_str())).collect();
        cols.push((1 + ev.merged.len()).to_string());
        cols.push("1".into());
        cols.push(docs.len().to_string());
        cols.push("0".into());
        geo_cols(&None, &mut cols);
        geo_cols(&None, &mut cols);
        geo_cols(&ev.place, &mut cols);
        cols.push(if meta.added.is_empty() { format!("{day}000000") } else { meta.added.clone() });
        cols.push(tsv_field(meta.url.as_deref().unwrap_or("")));
        debug_assert_eq!(cols.len(), COLUMNS);
        writeln!(self.out, "{}", cols.join("\t"))
    }
    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}
