//! Discard list and issue dictionary: golden tables.

#![allow(clippy::type_complexity)] // golden tables are tuples

use petrel_lexicon::discards::{self, DiscardList};
use petrel_lexicon::issues::{self, verb_forms, IssueDict};

const DISCARDS: &str = "\
# Story-level discards are indicated with a '+'.
MONTHS LATER
BASEBALL
GROUP A_
+ World Golf Championships   # pas
+Manchester United
WORLD CUP ; TABARI comment
";

/// (sentence, Some((matched words, story))) or None, why
const DISCARD_CASES: &[(&str, Option<(&str, bool)>, &str)] = &[
    ("he plays baseball", Some(("baseball", false)), "single word"),
    ("two baseballs", Some(("baseballs", false)), "stem: the last word may continue"),
    ("Group A teams", Some(("Group A", false)), "final _: whole word"),
    ("Group Alpha teams", None, "final _: no stem match"),
    ("months later , they", Some(("months later", false)), "two words"),
    ("monthslater", None, "words must be separate"),
    ("fans of Manchester United", Some(("Manchester United", true)), "story level"),
    ("the World Golf Championships", Some(("World Golf Championships", true)), "'+ ' with a blank"),
    ("the world cup final", Some(("world cup", false)), "; comment removed"),
    ("WORLD-CUP", Some(("WORLD-CUP", false)), "hyphen splits words"),
    ("a quiet day", None, "no match"),
    ("baseball and Manchester United", Some(("Manchester United", true)), "find prefers story level"),
];

#[test]
fn discard_table() {
    let (e, diags) = discards::parse(DISCARDS.as_bytes(), "d.txt");
    assert!(diags.is_empty(), "{diags:?}");
    let list = DiscardList::from_entries(e);
    for (sentence, want, why) in DISCARD_CASES {
        let words: Vec<&str> = sentence.split(' ').collect();
        let got = list.find(&words).map(|h| (words[h.start..h.start + h.len].join(" "), list.entry(h.entry).story));
        assert_eq!(got, want.map(|(a, b)| (a.to_string(), b)), "{why}: {sentence:?}");
    }
    let words: Vec<&str> = "baseball and Manchester United".split(' ').collect();
    assert_eq!(list.find_all(&words).len(), 2);
}

#[test]
fn discard_diagnostics() {
    let (e, d) = discards::parse(b"+\nBASEBALL\nbaseball\nX [###]\n", "d.txt");
    let codes: Vec<_> = d.iter().map(|x| (x.code, x.line)).collect();
    assert_eq!(codes, vec![("L040", Some(1)), ("L026", Some(3)), ("L041", Some(4))]);
    assert_eq!(e.len(), 3);
}

const ISSUES: &str = "\
<ISSUE CATEGORY=\"ID_ATROCITY\" TYPE=\"ALL\">
n:atrocity [ID_ATROCITY]
ethnic v:purge [ID_ATROCITY]
war n:crime [ID_ATROCITY]
~Saturday Night massacre
~~Armenian genocide  # not coding historical cases
n:genocide [ID_ATROCITY]
v:massacre [ID_ATROCITY]
</ISSUE>
<ISSUE CATEGORY=\"EDUCATION\">
pre+n:school [EARLY_CHILDHOOD_EDUCATION]
n:teacher [TEACHERS]
</ISSUE>
";

/// (sentence, expected codes with counts, why)
const ISSUE_CASES: &[(&str, &[(&str, u32)], &str)] = &[
    ("atrocities were reported", &[("ID_ATROCITY", 1)], "n: plural"),
    ("an atrocity", &[("ID_ATROCITY", 1)], "n: singular"),
    ("ethnic purging", &[("ID_ATROCITY", 1)], "v: ING drops E"),
    ("they ethnic purged", &[("ID_ATROCITY", 1)], "v: ED after E"),
    ("massacred and massacres", &[("ID_ATROCITY", 2)], "counted per match"),
    ("war crimes and teachers", &[("ID_ATROCITY", 1), ("TEACHERS", 1)], "two codes in order"),
    ("pre-school and pre school teachers", &[("EARLY_CHILDHOOD_EDUCATION", 2), ("TEACHERS", 1)], "+: blank or hyphen"),
    ("preschool", &[], "+ does not close up the words"),
    ("atrocityx", &[], "whole words only"),
    ("the Saturday Night massacre", &[], "ignore phrase cancels, even overlapping a coded one"),
    ("the Armenian genocide and atrocities", &[], "~~ also cancels"),
];

#[test]
fn issue_table() {
    let (e, diags) = issues::parse(ISSUES.as_bytes(), "i.txt");
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(e[0].category.as_deref(), Some("ID_ATROCITY"));
    assert_eq!(e.last().unwrap().category.as_deref(), Some("EDUCATION"));
    let dict = IssueDict::from_entries(e);
    for (sentence, want, why) in ISSUE_CASES {
        let words: Vec<&str> = sentence.split(' ').collect();
        let want: Vec<(String, u32)> = want.iter().map(|(c, n)| (c.to_string(), *n)).collect();
        assert_eq!(dict.code(&words), want, "{why}: {sentence:?}");
    }
}

#[test]
fn verb_form_table() {
    for (v, want) in [
        ("PURGE", ["PURGE", "PURGES", "PURGED", "PURGING"]),
        ("ATTACK", ["ATTACK", "ATTACKS", "ATTACKED", "ATTACKING"]),
        ("BURY", ["BURY", "BURIES", "BURIED", "BURYING"]),
        ("AGREE", ["AGREE", "AGREES", "AGREED", "AGREEING"]),
        ("PUSH", ["PUSH", "PUSHES", "PUSHED", "PUSHING"]),
    ] {
        assert_eq!(verb_forms(v), want.to_vec(), "{v}");
    }
}

#[test]
fn issue_expansion_limit() {
    let line = "v:a v:b v:c v:d v:e v:f [X]\nn:a+n:b+n:c+n:d+n:e+n:f+n:g+n:h+n:i+n:j+n:k [Y]\nv:a v:b [Z]\n";
    let (e, d) = issues::parse(line.as_bytes(), "i.txt");
    let codes: Vec<_> = d.iter().map(|x| x.code).collect();
    assert_eq!(codes, vec!["L055", "L055"]);
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].forms.len(), 16);
}

#[test]
fn issue_diagnostics() {
    let text = "eu [EUROPEAN_UNION]\neurozone\nx:foo [A]\nfoo [A B]\nbar [\n</ISSUE>\n<ISSUE CATEGORY=\"X\">\nn:eu [X]\n";
    let (e, d) = issues::parse(text.as_bytes(), "i.txt");
    let codes: Vec<_> = d.iter().map(|x| x.code).collect();
    assert_eq!(codes, vec!["L050", "L051", "L053", "L053", "L052", "L025", "L052"]);
    assert_eq!(e.len(), 3);
}
