//! Every format writes well-formed records with the columns its consumers expect.

use petrel_formats::{sink_for, DocMeta, Format};
use petrel_model::event::*;
use petrel_model::Span;

fn sample() -> Event {
    Event {
        doc_id: "doc1".into(),
        sentence: 0,
        sentence_id: None,
        date: "2025-04-11".into(),
        source: Some(ActorRef { code: "USAGOV".into(), text: "Witkoff".into(), span: Span::new(17, 24), entry: Some("STEVE WITKOFF".into()) }),
        target: Some(ActorRef { code: "RUSGOV".into(), text: "Putin".into(), span: Span::new(40, 45), entry: None }),
        cameo: CameoRef::from_code("040"),
        plover: PloverRef::from_cameo("040"),
        evidence: Evidence { verb: TextRef { text: "met".into(), span: Span::new(25, 28) }, words: vec![], sentence_span: Span::new(0, 60) },
        rule: "CAMEO.2.0.txt:100".into(),
        modality: vec![],
        place: Some(Place { name: "Saint Petersburg".into(), geonameid: 498817, lat: 59.93863, lon: 30.31413,
            country: "RUS".into(), country_fips: "RS".into(), admin1: "RU.66".into(), feature: "P.PPLA".into(),
            mention: TextRef { text: "St. Petersburg".into(), span: Span::new(49, 63) } }),
        issues: vec![],
        merged: vec![Mention { doc_id: "doc2".into(), sentence: 3, sentence_id: None }],
    }
}

fn render(format: Format) -> String {
    let mut out = Vec::new();
    {
        let mut sink = sink_for(format, &mut out);
        let meta = DocMeta { url: Some("https://example.org/a".into()), source: Some("Example News".into()), added: "20250411120000".into() };
        sink.event(&sample(), &meta).unwrap();
        sink.finish().unwrap();
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn jsonl_round_trips() {
    let line = render(Format::Jsonl);
    let back: Event = serde_json::from_str(line.trim_end()).unwrap();
    assert_eq!(back, sample());
    let v: serde_json::Value = serde_json::from_str(&line).unwrap();
    assert_eq!(v["source"]["span"], serde_json::json!([17, 24]));
    assert_eq!(v["cameo"]["root"], "04");
    assert_eq!(v["plover"]["event"], "CONSULT");
}

#[test]
fn gdelt_has_61_columns_with_fips_geography() {
    let line = render(Format::Gdelt);
    let cols: Vec<&str> = line.trim_end_matches('\n').split('\t').collect();
    assert_eq!(cols.len(), 61);
    assert_eq!(cols[1], "20250411"); // SQLDATE
    assert_eq!(cols[5], "USAGOV"); // Actor1Code
    assert_eq!(cols[6], "STEVE WITKOFF");
    assert_eq!(cols[7], "USA"); // Actor1CountryCode
    assert_eq!(cols[12], "GOV"); // Actor1Type1Code
    assert_eq!(cols[15], "RUSGOV"); // Actor2Code
    assert_eq!(cols[26], "040"); // EventCode
    assert_eq!(cols[28], "04"); // EventRootCode
    assert_eq!(cols[29], "1"); // QuadClass
    assert_eq!(cols[31], "2"); // NumMentions
    assert_eq!(cols[33], "2"); // NumArticles
    assert_eq!(cols[51], "4"); // ActionGeo_Type: world city
    assert_eq!(cols[53], "RS"); // ActionGeo_CountryCode is FIPS
    assert_eq!(cols[54], "RS66");
    assert_eq!(cols[58], "498817");
    assert_eq!(cols[59], "20250411120000");
    assert_eq!(cols[60], "https://example.org/a");
}

#[test]
fn phoenix_has_26_columns() {
    let line = render(Format::Phoenix);
    let cols: Vec<&str> = line.trim_end_matches('\n').split('\t').collect();
    assert_eq!(cols.len(), 26);
    assert_eq!(&cols[1..5], &["20250411", "2025", "04", "11"]);
    assert_eq!(&cols[5..9], &["USAGOV", "USA", "GOV", ""]);
    assert_eq!(cols[13], "040");
    assert_eq!(cols[15], "1");
    assert_eq!(cols[22], "RUS");
    assert_eq!(cols[25], "Example News");
}

#[test]
fn plover_record_has_required_fields() {
    let v: serde_json::Value = serde_json::from_str(render(Format::Plover).trim_end()).unwrap();
    for key in ["id", "date", "actor", "event"] {
        assert!(!v[key].is_null(), "missing {key}");
    }
    assert_eq!(v["actor"][0]["code"], "USA");
    assert_eq!(v["actor"][0]["sector"], "GOV");
    assert_eq!(v["recipient"][0]["code"], "RUS");
    assert_eq!(v["event"][0], "CONSULT");
    assert_eq!(v["event_loc"]["geonameid"], 498817);
}

#[test]
fn petr_line_lists_merged_ids_and_dashes_for_missing_actors() {
    let mut ev = sample();
    ev.target = None;
    let mut out = Vec::new();
    {
        let mut sink = sink_for(Format::Petr, &mut out);
        sink.event(&ev, &DocMeta::default()).unwrap();
        sink.finish().unwrap();
    }
    assert_eq!(String::from_utf8(out).unwrap(), "20250411\tUSAGOV\t---\t040\t\tdoc1-0;doc2-3\t\n");
}

#[test]
fn tabs_in_text_never_break_columns() {
    let mut ev = sample();
    ev.source.as_mut().unwrap().entry = Some("A\tB\nC".into());
    let mut out = Vec::new();
    {
        let mut sink = sink_for(Format::Gdelt, &mut out);
        sink.event(&ev, &DocMeta::default()).unwrap();
        sink.finish().unwrap();
    }
    let s = String::from_utf8(out).unwrap();
    assert_eq!(s.lines().count(), 1);
    assert_eq!(s.trim_end_matches('\n').split('\t').count(), 61);
}

#[test]
fn unknown_format_is_a_clear_error() {
    let e = "xml".parse::<Format>().unwrap_err();
    assert!(e.contains("jsonl") && e.contains("gdelt"), "{e}");
}
