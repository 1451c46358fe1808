//! Actor dictionary: golden tables per format feature.

#![allow(clippy::type_complexity)] // golden tables are tuples

use chrono::NaiveDate;
use petrel_lexicon::actors::{self, ActorDict};
use petrel_lexicon::types::{ActorEntry, DatedCode};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn dict(text: &str) -> (ActorDict, Vec<&'static str>) {
    let (e, diags) = actors::parse(text.as_bytes(), "t.actors.txt");
    (ActorDict::from_entries(e), diags.iter().map(|d| d.code).collect())
}

/// (dictionary, sentence, [(matched words, entry name)], why)
const MATCHES: &[(&str, &str, &[(&str, &str)], &str)] = &[
    ("AFGHANISTAN_  [AFG]\n+AFGHAN_\n", "Afghan forces in Afghanistan", &[("Afghan", "AFGHANISTAN"), ("Afghanistan", "AFGHANISTAN")], "synonyms with + and final _"),
    ("UNITED_STATES [USA]\nUNITED_STATES_SENATE [USALEG]\n", "the United States Senate voted", &[("United States Senate", "UNITED STATES SENATE")], "longest wins"),
    ("GEORGE_W._BUSH [USAGOV]\n", "George W. Bush said", &[("George W. Bush", "GEORGE W. BUSH")], "initial with a period"),
    ("GEORGE_W._BUSH [USAGOV]\n", "George W Bush said", &[("George W Bush", "GEORGE W. BUSH")], "initial without its period"),
    ("AL-QAEDA [IMGMOSALQ]\n", "al-Qaeda 's leaders", &[("al-Qaeda", "AL-QAEDA")], "hyphen and split possessive"),
    ("AL-QAEDA [IMGMOSALQ]\n", "al Qaeda's leaders", &[("al Qaeda's", "AL-QAEDA")], "hyphen written as blank, attached possessive"),
    ("AL-QAEDA [IMGMOSALQ]\n", "Al - Qaeda fighters", &[("Al - Qaeda", "AL-QAEDA")], "hyphen as its own token"),
    ("AL [XXX]\n", "al-Qaeda fighters", &[], "no match on half a token"),
    ("GONDOR [GON]\n", "Gondor’s army", &[("Gondor’s", "GONDOR")], "curly apostrophe possessive"),
    ("CARLOS SANTOS_CRUZ_ [IGOUNO]\n", "Carlos Santos Cruz arrived", &[("Carlos Santos Cruz", "CARLOS SANTOS CRUZ")], "blank inside a phrase"),
    ("KIM_JONG-UN [PRKGOV]\nKIM [KOR]\n", "Kim Jong-un met Kim", &[("Kim Jong-un", "KIM JONG-UN"), ("Kim", "KIM")], "leftmost-longest, non-overlapping"),
    ("ISRAEL [ISR]\n", "ISRAEL israel Israel", &[("ISRAEL", "ISRAEL"), ("israel", "ISRAEL"), ("Israel", "ISRAEL")], "case-insensitive"),
    ("A_B_C [X]\nA_B [Y]\n", "A B D", &[("A B", "A B")], "falls back to a shorter phrase"),
    ("A_B_C [X]\n", "A B", &[], "prefix of a phrase is no match"),
    ("THE_UN [IGOUNO]\nUN_SECURITY_COUNCIL [IGOUNO]\n", "the UN Security Council met", &[("UN Security Council", "UN SECURITY COUNCIL")], "a leading THE gives way to a longer match"),
    ("THE_UN [IGOUNO]\nUN_SECURITY_COUNCIL [IGOUNO]\n", "the UN met", &[("the UN", "THE UN")], "but is kept otherwise"),
    ("US [USA]\nWHO [IGOWHO]\n", "officials told us who said", &[], "lower-case common words are not actors"),
    ("US [USA]\nWHO [IGOWHO]\n", "the US and the WHO", &[("US", "US"), ("WHO", "WHO")], "capitalised they are"),
    ("US [USA]\n", "U.S. troops", &[], "U.S. is another phrase"),
    ("US_ARMY [USAMIL]\n", "us army", &[("us army", "US ARMY")], "the guard is for one-word phrases only"),
];

#[test]
fn matching_table() {
    for (text, sentence, want, why) in MATCHES {
        let (dict, _) = dict(text);
        let words: Vec<&str> = sentence.split(' ').collect();
        let got: Vec<(String, String)> = dict
            .find_all(&words)
            .iter()
            .map(|h| (words[h.start..h.start + h.len].join(" "), dict.entry(h.id).name.clone()))
            .collect();
        let want: Vec<(String, String)> = want.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
        assert_eq!(got, want, "{why}: {sentence:?}");
    }
}

#[test]
fn longest_at_agrees_with_find_all() {
    let (dict, _) = dict("KIM_JONG-UN [PRKGOV]\nKIM [KOR]\nJONG [X]\n");
    let words = ["Kim", "Jong-un", "and", "Kim", "'s", "Jong"];
    assert_eq!(dict.longest_at(&words, 0).map(|x| x.0), Some(2));
    assert_eq!(dict.longest_at(&words, 1), None, "no match on the second half of a token");
    assert_eq!(dict.longest_at(&words, 2), None);
    assert_eq!(dict.longest_at(&words, 3).map(|x| x.0), Some(1), "possessive token not included");
    assert_eq!(dict.longest_at(&words, 4), None, "no phrase starts on 's");
    assert_eq!(dict.longest_at(&words, 99), None);
    let hits = dict.find_all(&words);
    for h in &hits {
        assert_eq!(dict.longest_at(&words, h.start), Some((h.len, h.id)));
    }
}

/// (dictionary, date, expected code of the first entry, why)
const DATES: &[(&str, &str, Option<&str>, &str)] = &[
    ("X [USAGOV >20250120]\n", "2025-01-20", Some("USAGOV"), "> is inclusive"),
    ("X [USAGOV >20250120]\n", "2025-01-19", None, "before the start, no default"),
    ("X [USA]\n\t[USAGOV >20250120]\n", "2024-01-01", Some("USA"), "inline default"),
    ("X\n\t[AFGELI 320101-331108]\n", "1933-11-08", Some("AFGELI"), "YYMMDD 32 -> 1932, range inclusive"),
    ("X\n\t[AFGELI 730717-070723]\n", "2007-07-23", Some("AFGELI"), "YYMMDD 07 -> 2007"),
    ("X\n\t[AFGELI 730717-070723]\n", "2007-07-24", None, "after the range"),
    ("X\n\t[AFGELI 19270101-730717]\n", "1927-01-01", Some("AFGELI"), "YYYYMMDD"),
    ("X\n\t[AFGELI 290101-300101]\n", "2029-06-01", None, "29 -> 2029, 30 -> 1930: empty range"),
    ("X\n    [HOB < 950601]\n    [HOBGOV 19950601 - 19990815]\n    [HOBREB > 990816]\n", "1997-01-01", Some("HOBGOV"), "blanks inside restrictions"),
    ("X\n\t[HOB < 950601]\n", "1995-06-01", Some("HOB"), "< is inclusive"),
    ("SAM [HOB]\n\t[HOBCIV <20080120]\n\t[ORCHOB 20100109-20100112]\n\t[HOBMIL 20080120-20121109]\n", "2010-01-10", Some("ORCHOB"), "first matching restriction wins"),
    ("X [---]\n", "2000-01-01", Some("---"), "null code kept as written"),
    ("X [pse]\n", "2000-01-01", Some("PSE"), "lower case is upper-cased"),
];

#[test]
fn date_table() {
    for (text, date, want, why) in DATES {
        let (e, _) = actors::parse(text.as_bytes(), "t");
        let got = e[0].code_on(d(date)).map(|c| c.code.as_str());
        assert_eq!(got, *want, "{why}: {text:?} on {date}");
    }
}

/// (dictionary, expected diagnostic codes in order, why)
const DIAGS: &[(&str, &[&str], &str)] = &[
    ("RUSSIA [RUS]\n+RUSSIAN\n", &[], "clean"),
    ("# comment\n<!-- xml comment -->\n<! -- typo comment -->\nRUSSIA [RUS] # trailing\n\n+RUSSIAN\n", &[], "comments; blank lines do not end entries"),
    ("+ORPHAN\n", &["L010"], "synonym before any entry"),
    ("\t[ABC]\n", &["L010"], "code line before any entry"),
    ("U.N._\n\nUN [IGOUNO]\n", &["L011"], "entry without a code"),
    ("X [A/B]\n", &["L012"], "malformed code"),
    ("X [pse]\n", &["L013"], "lower-case code"),
    ("X [NGOEEURENV]\n", &["L019"], "code length not a multiple of 3"),
    ("X [ABC\n", &["L014", "L011"], "unclosed bracket"),
    ("X [ABC] junk\n", &["L015"], "text after the codes"),
    ("JAMES_BYRNES_  ; CountryInfo.txt\n+JIMMY_BYRNES ; syn\n\t[USAELI 18970101-450703] ; c\n", &[], "TABARI ; comments"),
    ("X_+Y [ABC]\n", &["L016"], "+ inside a phrase"),
    ("BORIS_YELTSIN\nPRESIDENT_YELTSIN\n\t[RUSGOV]\n", &["L018"], "missing + read as synonym"),
    ("A\n\nB\n\t[RUSGOV]\n", &["L011"], "a blank line keeps them apart"),
    ("A\n\t[XXX 2010011-20100101]\nB\n\t[YYY]\n", &["L020", "L011"], "an entry whose codes were unreadable is not merged"),
    ("A\nB [YYY]\n", &["L011"], "an inline code keeps them apart"),
    ("X\n\t[KORGOVBUS 2004017-20061201]\n\t[IGOUNO]\n", &["L020"], "7-digit date"),
    ("X\n\t[ABC 20010230-20020101]\n\t[ABC]\n", &["L020"], "no such day"),
    ("X\n\t[ABC 20010101]\n\t[ABC]\n", &["L021"], "bare date is no restriction"),
    ("X\n\t[ABC 20020101-20010101]\n", &["L022"], "empty range"),
    ("X\n\t[AFGGOV 791227-861124]\n\t[AFGELI 791227-810611]\n", &["L023"], "shadowed restriction"),
    ("X\n\t[AFGGOV 791227-861124]\n\t[AFGGOV 791227-810611]\n", &[], "shadowed by the same code: harmless"),
    ("X [AAA]\n\t[BBB]\n", &["L024"], "second default"),
    ("X [AAA]\nX_ [BBB]\n", &["L025"], "duplicate phrase in one file"),
    ("X [AAA]\nX_ [AAA]\n", &["L026"], "duplicate with the same codes"),
    ("X [AAA]\n+AL-QAEDA\nY [BBB]\n+AL_QAEDA\n", &["L025"], "duplicates after normalisation"),
    ("X\u{1a} [ABC]\n", &["L002"], "control byte"),
    ("X\u{c3}\u{a9} [ABC]\n", &["L003"], "mojibake"),
    ("NIG\u{fffd}ERIA [NGA]\n", &["L004"], "replacement character in the file"),
];

#[test]
fn diagnostics_table() {
    for (text, want, why) in DIAGS {
        let (_, got) = dict(text);
        assert_eq!(&got, want, "{why}: {text:?}");
    }
    let (_, diags) = actors::parse(b"A [X]\n\xff\xfe [Y]\n", "bad.txt");
    assert_eq!(diags[0].code, "L001");
    assert_eq!((diags[0].file.as_deref(), diags[0].line), (Some("bad.txt"), Some(2)));
}

#[test]
fn missing_plus_merges() {
    let (e, _) = actors::parse(b"BORIS_YELTSIN\n# comment\nPRESIDENT_YELTSIN\n\t[RUSGOV]\nNEXT [X]\n", "t");
    assert_eq!(e.len(), 2);
    assert_eq!(e[0].synonyms, vec!["PRESIDENT YELTSIN"]);
    assert_eq!(e[0].codes, vec![DatedCode::always("RUSGOV")]);
}

#[test]
fn crlf_and_bom() {
    let (e, diags) = actors::parse(b"\xEF\xBB\xBFGONDOR [GON]\r\n+MINAS_TIRITH\r\nENT  \r\n\t[ENT]\r\n", "crlf.txt");
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(e.len(), 2);
    assert_eq!(e[0].name, "GONDOR");
    assert_eq!(e[0].synonyms, vec!["MINAS TIRITH"]);
    assert_eq!(e[1].codes, vec![DatedCode::always("ENT")]);
    assert_eq!(e[1].origin.line, 3);
}

#[test]
fn later_entries_override() {
    let (phoenix, _) = actors::parse(b"DONALD_TRUMP [USABUS]\n+TRUMP\nMELANIA [USA]\n", "phoenix");
    let overlay = vec![ActorEntry {
        name: "DONALD TRUMP".into(),
        synonyms: vec![],
        codes: vec![DatedCode { code: "USAGOV".into(), from: Some(d("2025-01-20")), to: None }],
        origin: Default::default(),
    }];
    let mut all = phoenix;
    all.extend(overlay);
    let dict = ActorDict::from_entries(all);
    let (_, id) = dict.longest_at(&["Donald", "Trump"], 0).unwrap();
    assert_eq!(dict.entry(id).codes[0].code, "USAGOV", "overlay wins");
    let (_, id) = dict.longest_at(&["Trump"], 0).unwrap();
    assert_eq!(dict.entry(id).codes[0].code, "USABUS", "phrases the overlay does not define stay");
    assert_eq!(dict.len(), 3);
    assert_eq!(dict.phrase_count(), 3);
}

#[test]
fn empty_dict_and_input() {
    let dict = ActorDict::from_entries(vec![]);
    assert!(dict.find_all(&["a", "b"]).is_empty());
    assert_eq!(dict.longest_at(&[], 0), None);
    let (dict, _) = dict_of("A [X]\n");
    assert!(dict.find_all(&[]).is_empty());
    assert!(dict.find_all(&["", "-", "'s"]).is_empty());
}

fn dict_of(text: &str) -> (ActorDict, Vec<&'static str>) {
    dict(text)
}
