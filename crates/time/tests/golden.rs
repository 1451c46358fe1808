//! Golden table `tests/data/temporal.tsv`: (publication date, mode, sentence) -> expressions found.

use chrono::NaiveDate;
use petrel_time::{find_temporal, find_temporal_with, is_historical, Granularity, Temporal};

fn show(t: &Temporal) -> String {
    format!(
        "{}+{} {} {} {}",
        t.start,
        t.len,
        t.date,
        format!("{:?}", t.granularity).to_lowercase(),
        format!("{:?}", t.relation).to_lowercase()
    )
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[test]
fn temporal_table() {
    let mut failures = Vec::new();
    let mut count = 0;
    for (n, line) in include_str!("data/temporal.tsv").lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        assert!(f.len() >= 3, "temporal.tsv:{}: expected 4 fields", n + 1);
        let words: Vec<&str> = f[2].split(' ').collect();
        let got: Vec<String> = find_temporal_with(&words, date(f[0]), f[1] == "future")
            .iter()
            .map(show)
            .collect();
        let want: Vec<&str> = f
            .get(3)
            .unwrap_or(&"")
            .split('|')
            .filter(|s| !s.is_empty())
            .collect();
        if got != want {
            failures.push(format!(
                "temporal.tsv:{}: {:?}: want {want:?}, got {got:?}",
                n + 1,
                f[2]
            ));
        }
        count += 1;
    }
    assert!(count > 40);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn historical() {
    let pub_date = date("2025-04-11");
    let table = [
        ("2022-01-01", Granularity::Year, true),
        ("2024-01-01", Granularity::Year, true),
        ("2025-01-01", Granularity::Year, false),
        ("2025-03-31", Granularity::Week, false),
        ("2025-03-01", Granularity::Month, false),
        ("2025-02-01", Granularity::Month, true),
        ("2025-03-12", Granularity::Day, false),
        ("2025-03-11", Granularity::Day, true),
        ("2025-04-12", Granularity::Day, false),
    ];
    for (d, g, want) in table {
        assert_eq!(is_historical(date(d), g, pub_date), want, "{d} {g:?}");
    }
    // Last year, seen from early January, is recent.
    assert!(!is_historical(
        date("2024-01-01"),
        Granularity::Year,
        date("2025-01-10")
    ));
    // The background sentence of the reference article.
    let words = [
        "Russia",
        "launched",
        "its",
        "full-scale",
        "invasion",
        "of",
        "Ukraine",
        "in",
        "2022",
    ];
    let t = find_temporal(&words, pub_date);
    assert_eq!(t.len(), 1);
    assert!(is_historical(t[0].date, t[0].granularity, pub_date));
    assert!(t[0].is_historical(pub_date));
    // An open period reaching the present is not background.
    let t = find_temporal(&["occupied", "since", "2014"], pub_date);
    assert!(!t[0].is_historical(pub_date));
    let t = find_temporal(&["before", "2014"], pub_date);
    assert!(t[0].is_historical(pub_date));
}

mod props {
    use super::*;
    use proptest::prelude::*;

    const WORDS: &[&str] = &[
        "on",
        "in",
        "since",
        "the",
        "last",
        "next",
        "this",
        "week",
        "month",
        "year",
        "Friday",
        "May",
        "February",
        "10",
        "10th",
        "31st",
        "2025",
        "9999",
        "0",
        "ago",
        "two",
        "a",
        ",",
        ".",
        "of",
        "2025-02-30",
        "yesterday",
        "Sept.",
        "earlier",
        "before",
        "prior",
        "to",
        "night",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]
        #[test]
        fn arbitrary_tokens_never_panic(tokens in proptest::collection::vec("\\PC{0,10}", 0..10),
                                        days in -800_000i64..800_000, future: bool) {
            let pub_date = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap() + chrono::Duration::days(days);
            let refs: Vec<&str> = tokens.iter().map(String::as_str).collect();
            for t in find_temporal_with(&refs, pub_date, future) {
                prop_assert!(t.len >= 1 && t.start + t.len <= refs.len());
            }
        }

        #[test]
        fn temporal_words_never_panic_and_spans_do_not_overlap(
            idx in proptest::collection::vec(0usize..WORDS.len(), 0..12),
            days in -3000i64..3000, future: bool)
        {
            let pub_date = NaiveDate::from_ymd_opt(2025, 4, 11).unwrap() + chrono::Duration::days(days);
            let refs: Vec<&str> = idx.iter().map(|&i| WORDS[i]).collect();
            let found = find_temporal_with(&refs, pub_date, future);
            let mut last_end = 0;
            for t in &found {
                prop_assert!(t.start >= last_end && t.len >= 1 && t.start + t.len <= refs.len());
                last_end = t.start + t.len;
                prop_assert!(t.end() >= t.date);
            }
        }
    }
}
