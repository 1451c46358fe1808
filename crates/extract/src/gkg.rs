//! GDELT Global Knowledge Graph 2.1 rows (27 tab-separated columns) filled from an [`Extraction`].
//!
//! Filled: `GKGRECORDID` (`YYYYMMDDHHMMSS-N`), `V2.1DATE`, `V2SOURCECOLLECTIONIDENTIFIER` (1, web),
//! `V2SOURCECOMMONNAME`, `V2DOCUMENTIDENTIFIER`, `V1COUNTS`/`V2.1COUNTS` (counts of people with a
//! count type: `KILL#20#people#...`),
//! `V1LOCATIONS`/`V2ENHANCEDLOCATIONS`, `V1PERSONS`/`V2ENHANCEDPERSONS`,
//! `V1ORGANIZATIONS`/`V2ENHANCEDORGANIZATIONS`, `V1.5TONE`, `V2.1QUOTATIONS`, `V2.1ALLNAMES`,
//! `V2.1AMOUNTS`. Themes, GCAM, images, videos, translation and extras stay empty.
//! Offsets are character offsets into the document text, as GDELT's are.

use crate::Extraction;

pub const COLUMNS: usize = 27;

/// Character offset of byte `b` in `text`.
fn char_offset(text: &str, b: u32) -> usize {
    text.get(..b as usize).map_or(0, |s| s.chars().count())
}

/// A field value without the characters GKG uses as delimiters.
fn clean(s: &str) -> String {
    s.chars().map(|c| if matches!(c, '\t' | '\n' | '\r' | ';' | '#' | '|' | ',') { ' ' } else { c }).collect()
}

/// Quotation text: only the quotation field's own delimiters (and line breaks) go.
fn clean_quote(s: &str) -> String {
    s.chars().map(|c| if matches!(c, '\t' | '\n' | '\r' | '#' | '|') { ' ' } else { c }).collect()
}

/// Distinct values, in first-seen order.
fn unique(v: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    v.into_iter().filter(|x| seen.insert(x.clone())).collect()
}

/// One GKG row for `ex`. `record` is the row's sequence number, `added` the `YYYYMMDDHHMMSS` stamp.
pub fn row(ex: &Extraction, text: &str, record: u64, added: &str, source: &str, url: &str) -> String {
    let off = |b: u32| char_offset(text, b);
    let mut cols: Vec<String> = vec![String::new(); COLUMNS];
    cols[0] = format!("{added}-{record}");
    cols[1] = format!("{}000000", ex.date.replace('-', ""));
    cols[2] = "1".into();
    cols[3] = clean(source);
    cols[4] = clean(if url.is_empty() { &ex.doc_id } else { url });
    let counts: Vec<(String, String)> = ex
        .amounts
        .iter()
        .filter_map(|a| Some((a, a.count_type?)))
        .map(|(a, ty)| (format!("{ty}#{}#{}#######", a.value, clean(a.object.as_deref().unwrap_or(&a.unit))), format!("{}", off(a.span.start))))
        .collect();
    cols[5] = counts.iter().map(|c| c.0.clone()).collect::<Vec<_>>().join(";");
    cols[6] = counts.iter().map(|c| format!("{}#{}", c.0, c.1)).collect::<Vec<_>>().join(";");
    let places: Vec<&crate::Name> = ex.names.iter().filter(|n| n.geonameid.is_some()).collect();
    let loc = |n: &crate::Name, enhanced: bool| {
        let t = if n.kind == "country" { 1 } else if n.country.as_deref() == Some("USA") { 3 } else { 4 };
        let fips = n.country.as_deref().and_then(petrel_geo::iso3_to_fips).unwrap_or("");
        let (lat, lon) = (n.lat.unwrap_or(0.0), n.lon.unwrap_or(0.0));
        if enhanced {
            format!("{t}#{}#{fips}###{lat:.4}#{lon:.4}#{}#{}", clean(&n.text), n.geonameid.unwrap_or(0), off(n.span.start))
        } else {
            format!("{t}#{}#{fips}##{lat:.4}#{lon:.4}#{}", clean(&n.text), n.geonameid.unwrap_or(0))
        }
    };
    cols[9] = unique(places.iter().map(|n| loc(n, false)).collect()).join(";");
    cols[10] = places.iter().map(|n| loc(n, true)).collect::<Vec<_>>().join(";");
    let of_kind = |kinds: &[&str]| ex.names.iter().filter(|n| kinds.contains(&n.kind)).collect::<Vec<_>>();
    let persons = of_kind(&["person"]);
    let orgs = of_kind(&["organisation"]);
    // People and organisations under their dictionary name ("Witkoff" -> "Steve Witkoff"), as
    // GDELT lists each person once under one name.
    let canon = |n: &crate::Name| clean(&n.entry.as_deref().map(crate::quotes::title_case).unwrap_or_else(|| n.text.clone()));
    let v1 = |ns: &[&crate::Name]| unique(ns.iter().map(|n| canon(n)).collect()).join(";");
    let v2 = |ns: &[&crate::Name]| ns.iter().map(|n| format!("{},{}", canon(n), off(n.span.start))).collect::<Vec<_>>().join(";");
    cols[11] = v1(&persons);
    cols[12] = v2(&persons);
    cols[13] = v1(&orgs);
    cols[14] = v2(&orgs);
    let t = &ex.tone;
    cols[15] = format!("{:.4},{:.4},{:.4},{:.4},{:.4},{:.4},{}", t.tone, t.positive, t.negative, t.polarity, t.activity_density, t.self_group_density, t.words);
    cols[22] = ex
        .quotes
        .iter()
        .map(|q| format!("{}|{}|{}|{}", off(q.span.start), q.text.chars().count(), clean_quote(q.verb.as_ref().map(|v| v.text.as_str()).unwrap_or("")), clean_quote(&q.text)))
        .collect::<Vec<_>>()
        .join("#");
    cols[23] = ex.names.iter().map(|n| format!("{},{}", clean(&n.text), off(n.span.start))).collect::<Vec<_>>().join(";");
    cols[24] = ex
        .amounts
        .iter()
        .map(|a| {
            let object = match (a.kind, a.object.as_deref()) {
                ("money", Some(o)) => format!("{} {o}", a.unit),
                (_, Some(o)) => o.to_string(),
                (_, None) => a.unit.clone(),
            };
            format!("{},{},{}", a.value, clean(&object), off(a.span.start))
        })
        .collect::<Vec<_>>()
        .join(";");
    cols.join("\t")
}
