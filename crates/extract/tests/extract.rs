//! Extraction on sentences the team wrote, with tokens from the text layer (no tagger needed
//! for these rules), plus robustness on arbitrary input.

use petrel_extract::{amounts, gkg, quotes, tone, Extraction};
use petrel_model::{Sentence, Token};

fn sentences(text: &str) -> Vec<Sentence> {
    petrel_text::segment(text)
        .into_iter()
        .map(|rs| Sentence {
            id: None,
            span: rs.span,
            tokens: rs.tokens.into_iter().map(|t| Token { form: t.form, span: t.span, ..Default::default() }).collect(),
        })
        .collect()
}

#[test]
fn amounts_table() {
    // (text, amount text, value, unit, kind, object)
    let cases: &[(&str, &str, f64, &str, &str, Option<&str>)] = &[
        ("Allies pledged €21 billion in military assistance.", "€21 billion", 21e9, "EUR", "money", Some("military assistance")),
        ("The fund lent 3.5 million dollars to the city.", "3.5 million dollars", 3.5e6, "USD", "money", None),
        ("She gave $51 to a charity.", "$51", 51.0, "USD", "money", None),
        ("He was sentenced to 12 years in prison.", "12 years", 12.0, "year", "duration", Some("years")),
        ("Fifty nations attended the summit.", "Fifty nations", 50.0, "nation", "count", Some("nations")),
        ("Police said 1,200 protesters gathered.", "1,200 protesters", 1200.0, "protester", "count", Some("protesters")),
        ("A 24-year-old man was arrested.", "24-year", 24.0, "year", "age", None),
        ("Some 1,500 troops and 300 tanks took part.", "300 tanks", 300.0, "tank", "count", Some("tanks")),
        ("Parliament approved 3.6 trillion hryvnias, about $87 billion.", "3.6 trillion hryvnias", 3.6e12, "UAH", "money", None),
    ];
    for (text, atext, value, unit, kind, object) in cases {
        let got = amounts::find(text, &sentences(text));
        let a = got.iter().find(|a| a.text == *atext).unwrap_or_else(|| panic!("{text}: no {atext:?} in {got:#?}"));
        assert_eq!((a.value, a.unit.as_str(), a.kind), (*value, *unit, *kind), "{text}");
        if object.is_some() {
            assert_eq!(a.object.as_deref(), *object, "{text}");
        }
    }
    // Years are dates, not amounts.
    let t = "The war began in 2022 and talks resumed in March.";
    assert!(amounts::find(t, &sentences(t)).is_empty());
}

#[test]
fn quotes_without_names_still_found() {
    let t = "The minister said: “We will not retreat.” Critics called the plan \"reckless\".";
    let q = quotes::find(t, &sentences(t), &[]);
    assert_eq!(q.iter().map(|q| q.text.as_str()).collect::<Vec<_>>(), vec!["We will not retreat.", "reckless"]);
    assert_eq!(q[0].verb.as_ref().map(|v| v.text.as_str()), Some("said"));
}

#[test]
fn tone_counts_words() {
    let t = "The attack killed many people and caused terrible damage.";
    let s = tone::score(&sentences(t));
    assert!(s.negative_words >= 2 && s.tone < 0.0, "{s:?}");
    assert!(tone::lexicon_size() > 7000);
    let empty = tone::score(&[]);
    assert_eq!(empty.words, 0);
}

#[test]
fn count_types_for_gdelt() {
    // (text, amount text, count type)
    let cases: &[(&str, &str, Option<&str>)] = &[
        ("At least 20 people were killed in the strike.", "20 people", Some("KILL")),
        ("Police detained 300 protesters on Sunday.", "300 protesters", Some("PROTEST")),
        ("Fourteen civilians were wounded, officials said.", "Fourteen civilians", Some("WOUND")),
        ("The talks lasted 12 hours.", "12 hours", None),
    ];
    for (text, atext, ty) in cases {
        let got = amounts::find(text, &sentences(text));
        let a = got.iter().find(|a| a.text == *atext).unwrap_or_else(|| panic!("{text}: no {atext:?} in {got:#?}"));
        assert_eq!(a.count_type, *ty, "{text}");
    }
}

#[test]
fn gkg_row_columns() {
    let text = "Rescuers said 20 people were killed. \"We are ready,\" he said; allies pledged $6 billion in aid.";
    let s = sentences(text);
    let ex = Extraction {
        doc_id: "doc-1".into(),
        date: "2025-04-11".into(),
        quotes: quotes::find(text, &s, &[]),
        amounts: amounts::find(text, &s),
        tone: tone::score(&s),
        ..Default::default()
    };
    let row = gkg::row(&ex, text, 7, "20250411120000", "example.org", "");
    let cols: Vec<&str> = row.split('\t').collect();
    assert_eq!(cols.len(), gkg::COLUMNS);
    assert_eq!(cols[0], "20250411120000-7");
    assert_eq!(cols[1], "20250411000000");
    assert_eq!(cols[4], "doc-1", "document identifier falls back to the id");
    assert_eq!(cols[5], "KILL#20#people#######");
    assert!(cols[6].starts_with("KILL#20#people#######") && cols[6].ends_with(&format!("#{}", text.find("20").unwrap())), "{}", cols[6]);
    assert_eq!(cols[15].split(',').count(), 7, "V1.5TONE has seven fields: {}", cols[15]);
    let q = text.find("We are").unwrap();
    assert_eq!(cols[22], format!("{q}|12|said|We are ready"));
    assert!(cols[24].contains("6000000000,USD aid,"), "{}", cols[24]);
    assert!(!row.contains('\n'));
}

fn lexicon() -> &'static petrel_lexicon::Lexicon {
    static L: std::sync::OnceLock<petrel_lexicon::Lexicon> = std::sync::OnceLock::new();
    L.get_or_init(|| petrel_lexicon::Lexicon::embedded().0)
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
    #[test]
    fn whole_extraction_never_panics(text in "(\\PC|[\"“”«» $€£0-9,.A-Z])*") {
        let s = sentences(&text);
        let date = chrono::NaiveDate::from_ymd_opt(2025, 4, 11).unwrap();
        let ex = petrel_extract::extract("p", &text, &s, date, lexicon(), petrel_geo::Gazetteer::embedded());
        let ok = |sp: petrel_model::Span| text.get(sp.start as usize..sp.end as usize).is_some();
        proptest::prop_assert!(ex.quotes.iter().all(|q| ok(q.span) && q.speaker.as_ref().is_none_or(|s| ok(s.span))));
        proptest::prop_assert!(ex.amounts.iter().all(|a| ok(a.span) && a.value.is_finite()));
        proptest::prop_assert!(ex.names.iter().all(|n| ok(n.span)));
        let row = gkg::row(&ex, &text, 1, "20250411000000", "", "");
        proptest::prop_assert_eq!(row.split('\t').count(), gkg::COLUMNS);
    }
}

proptest::proptest! {
    #[test]
    fn never_panics(text in "\\PC{0,200}") {
        let s = sentences(&text);
        let q = quotes::find(&text, &s, &[]);
        for x in &q {
            proptest::prop_assert!(text.get(x.span.start as usize..x.span.end as usize).is_some());
        }
        let _ = amounts::find(&text, &s);
        let _ = tone::score(&s);
    }
}
