//! Golden tables for the embedded gazetteer: `tests/data/resolve.tsv` (name, hints -> geonameid,
//! country) and `tests/data/find_places.tsv` (sentence -> place names found).

use petrel_geo::{find_places, Countries, Gazetteer, Hints, MatchKind};

fn rows(text: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty())
        .map(|(n, l)| (n + 1, l.split('\t').collect()))
}

#[test]
fn resolve_table() {
    let g = Gazetteer::embedded();
    let mut failures = Vec::new();
    for (line, f) in rows(include_str!("data/resolve.tsv")) {
        assert!(f.len() >= 4, "resolve.tsv:{line}: expected 4+ fields");
        let hints = Hints {
            countries: f[1]
                .split(',')
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect(),
        };
        let got = g.resolve(f[0], &hints);
        let got = got
            .as_ref()
            .map(|p| (p.geonameid.to_string(), p.country.clone()));
        let want = (f[2].to_string(), f[3].to_string());
        let want = (!want.0.is_empty()).then_some(want);
        if got != want {
            failures.push(format!(
                "resolve.tsv:{line}: {:?} hints {:?}: want {want:?}, got {got:?} ({})",
                f[0],
                f[1],
                f.get(4).unwrap_or(&"")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn st_petersburg_is_complete() {
    let p = Gazetteer::embedded()
        .resolve(
            "St. Petersburg",
            &Hints {
                countries: vec!["RUS".into()],
            },
        )
        .unwrap();
    assert_eq!(p.name, "Saint Petersburg");
    assert!(
        (p.lat - 59.94).abs() < 0.01 && (p.lon - 30.31).abs() < 0.01,
        "{p:?}"
    );
    assert_eq!(
        (
            p.country.as_str(),
            p.country_fips.as_str(),
            p.admin1.as_str(),
            p.feature.as_str()
        ),
        ("RUS", "RS", "RU.66", "P.PPLA")
    );
}

#[test]
fn every_country_resolves_by_name() {
    let g = Gazetteer::embedded();
    let mut failures = Vec::new();
    for c in &Countries::embedded().list {
        match g.resolve(&c.name, &Hints::default()) {
            Some(p)
                if p.geonameid == c.geonameid && p.country == c.iso3 && p.feature == "A.PCLI" =>
            {
                assert!(
                    p.lat.is_finite() && p.lon.is_finite() && (p.lat != 0.0 || p.lon != 0.0),
                    "{p:?}"
                );
                assert_eq!(p.country_fips, c.fips, "{}", c.iso3);
            }
            other => failures.push(format!(
                "{} {:?}: got {:?}",
                c.iso3,
                c.name,
                other.map(|p| (p.name, p.country))
            )),
        }
    }
    assert!(Countries::embedded().list.len() >= 250);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn embedded_data_builds_cleanly() {
    let g = Gazetteer::embedded();
    assert!(g.diagnostics().is_empty(), "{:?}", g.diagnostics());
    assert!(g.len() > 36_000, "{}", g.len());
    // Every entry has coordinates.
    for c in g
        .candidates("Georgia")
        .into_iter()
        .chain(g.candidates("Crimea"))
    {
        assert!(c.lat.is_finite() && c.lon.is_finite(), "{c:?}");
    }
}

#[test]
fn code_tables() {
    use petrel_geo::{country_name, iso3_to_fips, iso3_to_iso2};
    let table = [
        ("RUS", Some("RS"), Some("RU"), Some("Russia")),
        ("USA", Some("US"), Some("US"), Some("United States")),
        ("UKR", Some("UP"), Some("UA"), Some("Ukraine")),
        ("DEU", Some("GM"), Some("DE"), Some("Germany")),
        ("GBR", Some("UK"), Some("GB"), Some("United Kingdom")),
        ("ROM", Some("RO"), Some("RO"), Some("Romania")), // CAMEO's code for Romania
        ("rus", Some("RS"), Some("RU"), Some("Russia")),
        ("XXX", None, None, None),
        ("", None, None, None),
    ];
    for (iso3, fips, iso2, name) in table {
        assert_eq!(iso3_to_fips(iso3), fips, "{iso3}");
        assert_eq!(iso3_to_iso2(iso3), iso2, "{iso3}");
        assert_eq!(country_name(iso3), name, "{iso3}");
    }
}

#[test]
fn find_places_table() {
    let mut failures = Vec::new();
    for (line, f) in rows(include_str!("data/find_places.tsv")) {
        assert!(f.len() >= 2, "find_places.tsv:{line}: expected 2+ fields");
        let words: Vec<&str> = f[0].split(' ').collect();
        let got: Vec<String> = find_places(&words)
            .into_iter()
            .map(|(s, l, k)| {
                let name = words[s..s + l].join(" ");
                if k == MatchKind::Adjective {
                    format!("{name}/adj")
                } else {
                    name
                }
            })
            .collect();
        let want: Vec<&str> = f[1].split('|').filter(|s| !s.is_empty()).collect();
        if got != want {
            failures.push(format!(
                "find_places.tsv:{line}: want {want:?}, got {got:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn malformed_rows_are_reported_not_fatal() {
    let countries = "#ISO\tISO3\n\
        RU\tRUS\t643\tRS\tRussia\tMoscow\t17100000\t144478050\tEU\t.ru\tRUB\tRuble\t7\t\t\tru\t2017370\t\t\n\
        broken row\n";
    let admin1 = "RU.48\tMoscow\tMoscow\t524894\nRU.XX\tno id\n";
    let cities = "524901\tMoscow\tMoscow\tMoskva,Москва\t55.75204\t37.61781\tP\tPPLC\tRU\t\t48\t\t\t\t10381222\t\t144\tEurope/Moscow\t2022-12-10\n\
        1\tNowhere\tNowhere\t\tnot-a-number\t0\tP\tPPL\tRU\t\t48\t\t\t\t5\t\t\t\t\n\
        2\tElsewhere\tElsewhere\t\t1.0\t2.0\tP\tPPL\tZZ\t\t\t\t\t\t20000\t\t\t\t\n";
    let variants = "RUS\tRussian\tadj\nQQQ\tNowhere\n";
    let g = Gazetteer::from_parts(countries, admin1, cities, variants);
    let codes: Vec<(&str, Option<u32>)> =
        g.diagnostics().iter().map(|d| (d.code, d.line)).collect();
    assert_eq!(
        codes,
        vec![
            ("G001", Some(3)),
            ("G005", Some(2)),
            ("G002", Some(2)),
            ("G003", Some(2)),
            ("G004", None)
        ]
    );
    let p = g.resolve("Moskva", &Hints::default()).unwrap();
    assert_eq!(
        (p.geonameid, p.country.as_str(), p.admin1.as_str()),
        (524901, "RUS", "RU.48")
    );
    let russia = g.resolve("russian", &Hints::default()).unwrap();
    assert_eq!(
        (russia.lat, russia.lon),
        (55.75204, 37.61781),
        "capital's point"
    );
    assert!(
        g.resolve("Москва", &Hints::default()).is_none(),
        "non-Latin alternates are not indexed"
    );
    assert_eq!(
        g.resolve("Elsewhere", &Hints::default()).unwrap().country,
        ""
    );
    // Landmarks point at an entry by geonameid; unknown ids are reported.
    let g = Gazetteer::from_sources(&petrel_geo::Sources {
        country_info: countries,
        admin1,
        cities,
        variants,
        landmarks: "# comment\nKremlin\t524901\tMoscow\nNowhere Palace\t999\n",
    });
    assert_eq!(
        g.resolve("the Kremlin", &Hints::default())
            .unwrap()
            .geonameid,
        524901
    );
    let codes: Vec<(&str, Option<u32>)> =
        g.diagnostics().iter().map(|d| (d.code, d.line)).collect();
    assert!(codes.contains(&("G008", Some(3))), "{codes:?}");
    // Nothing at all: still no panic.
    let empty = Gazetteer::from_parts("", "", "", "");
    assert!(empty.is_empty() && empty.resolve("Paris", &Hints::default()).is_none());
    assert!(empty.find_places(&["Paris"]).is_empty());
}

mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        #[test]
        fn arbitrary_words_never_panic(words in proptest::collection::vec("\\PC{0,12}", 0..12)) {
            let refs: Vec<&str> = words.iter().map(String::as_str).collect();
            for (s, l, _) in find_places(&refs) {
                prop_assert!(l >= 1 && s + l <= refs.len());
            }
            let joined = refs.join(" ");
            let _ = Gazetteer::embedded().resolve(&joined, &Hints { countries: refs.iter().map(|w| w.to_string()).collect() });
        }

        #[test]
        fn arbitrary_data_files_never_panic(rows in proptest::collection::vec("[A-Za-z0-9\t.,\\-]{0,60}|\\PC{0,30}", 0..8)) {
            let text = rows.join("\n");
            let g = Gazetteer::from_parts(&text, &text, &text, &text);
            let _ = g.resolve("a", &Hints::default());
            let _ = g.find_places(&["Paris", "A"]);
        }

        #[test]
        fn arbitrary_fields_in_well_shaped_rows_never_panic(
            rows in proptest::collection::vec(proptest::collection::vec("[^\t\n\r]{0,8}", 19), 0..6))
        {
            let text: String = rows.iter().map(|r| r.join("\t") + "\n").collect();
            let g = Gazetteer::from_parts(&text, &text, &text, &text);
            for row in &rows {
                let _ = g.resolve(&row[1], &Hints { countries: vec![row[8].clone()] });
            }
        }

        #[test]
        fn case_and_diacritics_do_not_matter(i in 0usize..250) {
            let list = &Countries::embedded().list;
            let c = &list[i % list.len()];
            let g = Gazetteer::embedded();
            let a = g.resolve(&c.name, &Hints::default()).map(|p| p.geonameid);
            let b = g.resolve(&c.name.to_uppercase(), &Hints::default()).map(|p| p.geonameid);
            prop_assert_eq!(a, b);
        }
    }
}

#[test]
fn locate_table() {
    // sentence, hints, expected (matched words, ISO-3) or "" for none
    let table = [
        (
            "Witkoff met Russian President Vladimir Putin in St. Petersburg on Friday",
            "USA,RUS",
            "St. Petersburg RUS",
        ),
        (
            "Allies held a summit in Brussels where 50 nations pledged aid",
            "",
            "Brussels BEL",
        ),
        (
            "A prisoner exchange took place between Washington and Moscow",
            "USA,RUS",
            "",
        ),
        (
            "Protesters gathered outside the Kremlin in Moscow",
            "",
            "Kremlin RUS",
        ),
        ("Fighting raged near the Georgian border", "USA", ""),
        ("Rallies were held in Georgia", "USA", "Georgia USA"),
        ("The Russian envoy arrived", "", ""),
        (
            "Putin received the envoy at the Kremlin",
            "USA,RUS",
            "Kremlin RUS",
        ),
    ];
    let g = Gazetteer::embedded();
    for (sentence, hints, want) in table {
        let words: Vec<&str> = sentence.split(' ').collect();
        let hints = Hints {
            countries: hints
                .split(',')
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect(),
        };
        let got = g
            .locate(&words, &hints)
            .map(|(s, l, p)| format!("{} {}", words[s..s + l].join(" "), p.country))
            .unwrap_or_default();
        assert_eq!(got, want, "{sentence}");
    }
}
