//! Property tests: no reader panics on arbitrary bytes; matches stay in range and do not overlap.

use petrel_lexicon::{actors, agents, check, discards, issues};
use proptest::prelude::*;

/// Bytes biased towards dictionary syntax so the parsers' deeper paths are reached.
fn dict_bytes() -> impl Strategy<Value = Vec<u8>> {
    let tokens = prop::sample::select(vec![
        "[", "]", "{", "}", "~", "+", "!", "=", ",", "#", "_", " ", "\t", "\n", "\r\n", "<", ">", "-", ":", ";",
        "<!--", "-->", "n:", "v:", "ABC", "gov", "950101", "20250120", "2004017", "!P!", "<ISSUE CATEGORY=\"X\">",
        "</ISSUE>", "\u{1a}", "Ã©", "é", "'S", "W.", "\u{0}",
    ]);
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..300),
        prop::collection::vec(tokens, 0..80).prop_map(|t| t.concat().into_bytes()),
    ]
}

fn sentence() -> impl Strategy<Value = Vec<String>> {
    let words = prop::sample::select(vec![
        "A", "B", "ab", "'s", "-", "A-B", "W.", ".", "", "é", "Ş", "ß", "x'", "’S", "A B", "ABC", "gov",
    ]);
    prop::collection::vec(words.prop_map(String::from), 0..12)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn readers_never_panic(bytes in dict_bytes()) {
        let (a, _) = actors::parse(&bytes, "f");
        let _ = actors::ActorDict::from_entries(a);
        let (g, _) = agents::parse(&bytes, "f");
        let _ = agents::AgentDict::from_entries(g);
        let (d, _) = discards::parse(&bytes, "f");
        let _ = discards::DiscardList::from_entries(d);
        let (i, _) = issues::parse(&bytes, "f");
        let _ = issues::IssueDict::from_entries(i);
        for k in [check::Kind::Verbs, check::Kind::Actors] {
            let _ = check::check_bytes(&bytes, "f", Some(k));
        }
    }

    #[test]
    fn matches_in_range_and_disjoint(dict in dict_bytes(), words in sentence()) {
        let mut text = dict.clone();
        text.extend_from_slice(b"\nA_B [X]\nAB [Y]\nA-B [Z]\n");
        let (a, _) = actors::parse(&text, "f");
        let ad = actors::ActorDict::from_entries(a);
        let w: Vec<&str> = words.iter().map(String::as_str).collect();
        let hits = ad.find_all(&w);
        let mut end = 0;
        for h in &hits {
            prop_assert!(h.len > 0 && h.start >= end && h.start + h.len <= w.len());
            prop_assert_eq!(ad.longest_at(&w, h.start), Some((h.len, h.id)));
            end = h.start + h.len;
        }
        for s in 0..=w.len() + 1 {
            if let Some((n, _)) = ad.longest_at(&w, s) {
                prop_assert!(n > 0 && s + n <= w.len());
            }
        }
        let (d, _) = discards::parse(&text, "f");
        let dl = discards::DiscardList::from_entries(d);
        for h in dl.find_all(&w) {
            prop_assert!(h.len > 0 && h.start + h.len <= w.len());
        }
        let (i, _) = issues::parse(&text, "f");
        let id = issues::IssueDict::from_entries(i);
        for h in id.find_all(&w) {
            prop_assert!(h.len > 0 && h.start + h.len <= w.len());
        }
        let _ = id.code(&w);
    }
}
