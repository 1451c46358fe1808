//! Agent dictionary and code combination: golden tables.

#![allow(clippy::type_complexity)] // golden tables are tuples

use petrel_lexicon::agents::{self, combine, regular_plural, AgentDict};

fn dict(text: &str) -> (AgentDict, Vec<&'static str>) {
    let (e, diags) = agents::parse(text.as_bytes(), "t.agents.txt");
    (AgentDict::from_entries(e), diags.iter().map(|d| d.code).collect())
}

/// (dictionary, sentence, [(matched words, code)], why)
const MATCHES: &[(&str, &str, &[(&str, &str)], &str)] = &[
    ("PRESIDENT [~GOVPRS]\n", "the presidents met", &[("presidents", "~GOVPRS")], "generated plural"),
    ("ARMY [~MIL]\n", "two armies", &[("armies", "~MIL")], "consonant+Y -> IES"),
    ("ATTORNEY [~JUD]\n", "attorneys", &[("attorneys", "~JUD")], "vowel+Y -> S"),
    ("CONGRESS [~LEG]\n", "congresses", &[("congresses", "~LEG")], "SS -> ES"),
    ("ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOVATG]\n", "attorneys general", &[("attorneys general", "~GOVATG")], "explicit plural"),
    ("ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOVATG]\n", "attorney generals", &[], "explicit plural replaces the regular one"),
    ("POLICE {} [~COP]\n", "polices police", &[("police", "~COP")], "{} means no plural"),
    ("HEAD_OF_POLICE {HEADS_OF_POLICE HEADS_OF_THE_POLICE} [~COP]\n", "heads of the police", &[("heads of the police", "~COP")], "several explicit plurals"),
    ("!PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON\nCONGRESS!PERSON! [~LEG]\n", "congressmen and congresswoman", &[("congressmen", "~LEG"), ("congresswoman", "~LEG")], "substitution set"),
    ("!PERSON! = MAN, MEN\nCONGRESS!PERSON! [~LEG]\n", "congressmans", &[], "no plurals of substituted forms"),
    ("!MINST! = MINISTER, MINISTRY\n!MINST!_OF_SILLY_WALKS [~GOV]\n", "the Ministry of Silly Walks", &[("Ministry of Silly Walks", "~GOV")], "marker at the start"),
    ("HUMAN_RIGHTS_BODY [NGO~]\n", "a human rights body", &[("human rights body", "NGO~")], "prefix code"),
    ("POLICE {} [ ~COP]\n", "police", &[("police", "~COP")], "blank inside brackets"),
    ("SECURITY SERVICE [~GOV]\n", "security services", &[("security services", "~GOV")], "blank separates words like _"),
    ("FOREIGN_MINISTER [~GOVFRM]\nMINISTER [~GOV]\n", "foreign minister and minister", &[("foreign minister", "~GOVFRM"), ("minister", "~GOV")], "longest wins"),
];

#[test]
fn matching_table() {
    for (text, sentence, want, why) in MATCHES {
        let (dict, diags) = dict(text);
        assert!(diags.is_empty(), "{why}: {diags:?}");
        let words: Vec<&str> = sentence.split(' ').collect();
        let got: Vec<(String, String)> = dict
            .find_all(&words)
            .iter()
            .map(|h| (words[h.start..h.start + h.len].join(" "), dict.entry(h.id).code.clone()))
            .collect();
        let want: Vec<(String, String)> = want.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
        assert_eq!(got, want, "{why}: {sentence:?}");
    }
}

#[test]
fn plurals() {
    for (s, p) in [("MAN", "MANS"), ("BOSS", "BOSSES"), ("TAX", "TAXES"), ("CHURCH", "CHURCHES"), ("SPY", "SPIES"), ("DAY", "DAYS"), ("RIGHTS BODY", "RIGHTS BODIES"), ("Y", "YS")] {
        assert_eq!(regular_plural(s), p, "{s}");
    }
}

/// (actor, agents, expected, why) — PETRARCH unit-test expectations where named.
const COMBINE: &[(Option<&str>, &[&str], Option<&str>, &str)] = &[
    (Some("ARN"), &["~REL"], Some("ARNREL"), "AGENT-01 suffix"),
    (Some("ARN"), &["NGO~"], Some("NGOARN"), "AGENT-02 prefix"),
    (Some("ARN"), &["NGO~", "~GOV"], Some("NGOARNGOV"), "AGENT-03 prefix and suffix"),
    (Some("GON"), &["~MOP"], Some("GONMOP"), "AGENT-04"),
    (Some("ARN"), &["~GOV", "~GOV"], Some("ARNGOV"), "AGENTS-10 duplicate agent"),
    (Some("USAGOV"), &["~GOV"], Some("USAGOV"), "AGENTS-17/18 redundant suffix"),
    (Some("HGWGOVMED"), &["~GOV", "~MED"], Some("HGWGOVMED"), "AGENTS-19 redundant 6-char agent"),
    (Some("NGM"), &["~OPP"], Some("NGMOPP"), "AGENTS-16"),
    (Some("RUS"), &["~GOVFRM"], Some("RUSGOVFRM"), "6-char agent"),
    (Some("RUSGOV"), &["~GOVFRM"], Some("RUSGOVFRM"), "chunk already present"),
    (Some("USA"), &[], Some("USA"), "no agents"),
    (None, &["~GOV"], Some("---GOV"), "agent without actor"),
    (None, &["NGO~"], Some("NGO"), "prefix agent without actor"),
    (Some("---"), &["~MIL"], Some("---MIL"), "null actor"),
    (None, &[], None, "nothing"),
    (Some("ITHTV"), &["~MED"], Some("ITHTVMED"), "odd-length code compared whole"),
];

#[test]
fn combine_table() {
    for (actor, agents, want, why) in COMBINE {
        assert_eq!(combine(*actor, agents).as_deref(), *want, "{why}");
    }
}

/// (dictionary, expected diagnostic codes, why)
const DIAGS: &[(&str, &[&str], &str)] = &[
    ("ISLAMIC_EXTREMIST\n", &["L030"], "no code"),
    ("X [GOV]\n", &["L031"], "no ~"),
    ("X [~GOV~]\n", &["L031"], "two ~"),
    ("X [~G-V]\n", &["L031"], "bad characters"),
    ("X {XS [~GOV]\n", &["L032"], "unclosed brace"),
    ("CONGRESS!PERSON! [~LEG}\n", &["L032", "L033"], "typo bracket and undefined marker"),
    ("!PERSON! MAN, MEN\n", &["L030"], "set without = is read as an entry without code"),
    ("!PERSON! =\n", &["L034"], "empty set"),
    ("X [~gov]\n", &["L013"], "lower case"),
    ("!P! = A, B, C, D, E, F, G, H, I, J\n!P!!P!!P!!P! [~GOV]\n", &["L034"], "10^4 expansions refused"),
    ("X [~GOV]\nX [~MIL]\n", &["L025", "L025"], "duplicate (singular and plural)"),
    ("X [~GOV]\nX {} [~GOV]\n", &["L026"], "duplicate with the same code"),
    ("<!-- c -->\n# c\nX [~GOV] # c\n", &[], "comments"),
];

#[test]
fn diagnostics_table() {
    for (text, want, why) in DIAGS {
        let (_, got) = dict(text);
        assert_eq!(&got, want, "{why}: {text:?}");
    }
}
