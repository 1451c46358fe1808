//! The reference article (copyrighted news, kept in ../shared, never in the repo): all six
//! quotations with their speakers, the amounts, and the named people with their codes.

use petrel_extract::extract;
use std::path::Path;

fn demo() -> Option<String> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/demo/witkoff-putin.txt");
    match std::fs::read_to_string(&p) {
        Ok(t) => Some(t),
        Err(_) => {
            eprintln!("skipped: the demo article {} is not present (evaluation data lives in ../shared)", p.display());
            None
        }
    }
}

#[test]
fn demo_article_quotes_amounts_names() {
    let Some(text) = demo() else { return };
    let lexicon = petrel_lexicon::Lexicon::embedded().0;
    let nlp = petrel_nlp::Pipeline::embedded().unwrap();
    let sentences = nlp.analyze(&text);
    let date = chrono::NaiveDate::from_ymd_opt(2025, 4, 11).unwrap();
    let ex = extract("demo", &text, &sentences, date, &lexicon, petrel_geo::Gazetteer::embedded());

    // Quotations: (start of the quoted words, expected speaker surname).
    let expected = [
        ("Russia has to get moving", "Trump"),
        ("ongoing normalization", "Peskov"),
        ("Let’s see", "Peskov"),
        ("should have never happened", "Trump"),
        ("very angry", "Trump"),
        ("pissed off", "Trump"),
    ];
    for (start, who) in expected {
        let q = ex.quotes.iter().find(|q| q.text.starts_with(start)).unwrap_or_else(|| panic!("no quotation starting {start:?}: {:#?}", ex.quotes));
        let s = q.speaker.as_ref().unwrap_or_else(|| panic!("no speaker for {start:?}"));
        assert!(s.name.contains(who), "{start:?}: speaker {:?}, expected {who}", s.name);
        assert!(s.code.as_deref().is_some_and(|c| c.ends_with("GOV")), "{start:?}: speaker code {:?}", s.code);
        assert!(q.verb.is_some(), "{start:?}: no reporting verb");
        assert_eq!(&text[q.span.start as usize..q.span.end as usize], q.text);
    }

    // Amounts.
    let find = |t: &str| ex.amounts.iter().find(|a| a.text.contains(t)).unwrap_or_else(|| panic!("no amount {t:?}: {:#?}", ex.amounts));
    let eur = find("21 billion");
    assert_eq!((eur.value, eur.unit.as_str(), eur.kind), (21e9, "EUR", "money"));
    assert_eq!(eur.object.as_deref(), Some("military assistance"));
    let gbp = find("18.2 billion");
    assert_eq!((gbp.value, gbp.unit.as_str()), (18.2e9, "GBP"));
    let usd = find("$51");
    assert_eq!((usd.value, usd.unit.as_str()), (51.0, "USD"));
    let years = find("12 years");
    assert_eq!((years.value, years.unit.as_str(), years.kind), (12.0, "year", "duration"));
    let nations = find("50 nations");
    assert_eq!((nations.value, nations.unit.as_str(), nations.kind), (50.0, "nation", "count"));
    let weekly = find("thousands");
    assert!(weekly.approximate);
    assert_eq!((weekly.value, weekly.per.as_deref()), (1000.0, Some("week")));
    // Years and ages are no amounts.
    assert!(!ex.amounts.iter().any(|a| a.text.contains("2022") || a.text == "49"), "{:#?}", ex.amounts);

    // People with the code valid on 2025-04-11.
    for (name, code) in [("Witkoff", "USAGOV"), ("Putin", "RUSGOV"), ("Trump", "USAGOV"), ("Zelensky", "UKRGOV"), ("Peskov", "RUSGOV"), ("Dmitriev", "RUS")] {
        // Every mention, not only the first.
        let mentions: Vec<_> = ex.names.iter().filter(|n| n.text.contains(name)).collect();
        assert!(!mentions.is_empty(), "{name} not among the names");
        for n in mentions {
            assert!(n.code.as_deref().is_some_and(|c| c.starts_with(code)), "{name} at {:?}: {:?}, expected {code}", n.span, n.code);
            assert_eq!(n.kind, "person", "{name}");
            assert_eq!(&text[n.span.start as usize..n.span.end as usize], n.text);
        }
    }
    let brussels = ex.names.iter().find(|n| n.text == "Brussels").expect("Brussels");
    assert_eq!(brussels.country.as_deref(), Some("BEL"));
    assert!(ex.names.iter().any(|n| n.text.contains("Karelina")), "unknown people are kept");
    assert!(ex.tone.words > 300 && ex.tone.negative_words > 0 && ex.tone.tone < 0.0, "{:?}", ex.tone);
}
