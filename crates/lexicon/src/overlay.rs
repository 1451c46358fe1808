//! The maintained overlay of current officeholders (`data/actors/overlay/*.txt`).
//!
//! The Phoenix actor dictionaries stop in 2014. The overlay brings the people in the news up to
//! date (through 2025) in a format meant to be read and edited by hand, and compiles it into the
//! same date-bounded [`ActorEntry`] values the PETRARCH readers produce, so the lexicon can append
//! them after the Phoenix actors (later entries win).
//!
//! # Format (full description with examples in `docs/overlay.md`)
//!
//! ```text
//! # a comment; `#` starts a comment anywhere on a line
//! Vladimir Putin | Vladimir Vladimirovich Putin; Vladimir V. Putin
//!   RUSGOV 2012-05-07..             President
//!   RUSGOV 2008-05-08..2012-05-07   Prime Minister
//!   RUSGOV 2000-05-07..2008-05-08   President
//!   RUSGOV 1999-08-16..2000-05-07   Prime Minister; Acting President
//!   RUSELI                          # undated fallback: any other date
//! ```
//!
//! * A **name line** starts in column 0: the entry's name, then optionally `|` and explicit
//!   variants separated by `;`.
//! * An indented **code line** is `CODE [FROM..TO] [TITLE; TITLE...]`. `CODE` is a CAMEO actor
//!   code (3-letter upper-case chunks, `RUSGOV`, `IGOUNO`). Dates are ISO `YYYY-MM-DD`; either end
//!   may be left open (`2025-01-20..`, `..2014-02-22`). The range is **half-open**: `FROM` is the
//!   first day in the role, `TO` the first day out of it (the successor's first day), so the
//!   handover dates of consecutive terms can be written identically. It compiles to an inclusive
//!   [`DatedCode`] with `to = TO - 1 day`. A code line without a range is the undated fallback
//!   (at most one per entry). The optional titles (`Foreign Minister`) drive derived variants.
//! * Indented **attribute lines** start with a lower-case keyword: `surname FORM; FORM...` (the
//!   words the person is called by; default: the last word of the name, with preceding
//!   lower-case particles such as `von der`, `bin`, `al`; a form written `~Wang` is used only
//!   after a title, never alone), `surname -` (no surname forms at all), `org` (not a person: no
//!   derived variants except ASCII folding).
//!
//! # Derived variants (for persons)
//!
//! * the surname alone, when no other person in the overlay has it (as a form not marked `~`), it has at
//!   least 3 letters and is not marked `~` (common words and common family names such as `May`,
//!   `Wang`, `Castro` are marked `~` or `surname -` in the data);
//! * for every title `T` of the entry: `T SURNAME`, `T FULL NAME`, and for codes whose country has
//!   adjectives `A` (see [`ADJECTIVES`]): `A T SURNAME`, `A T FULL NAME` (`RUSSIAN PRESIDENT
//!   VLADIMIR PUTIN`, `U.S. SECRETARY OF STATE MARCO RUBIO`); `DEFENCE`/`DEFENSE` both spellings;
//! * for every phrase with Latin diacritics, its ASCII folding (`ERDOĞAN` -> `ERDOGAN`).
//!
//! A derived phrase produced by two entries, or equal to another entry's explicit phrase, is
//! ambiguous and dropped (from both); explicit phrases always stay.
//!
//! # Diagnostics
//!
//! | code | severity | meaning |
//! | --- | --- | --- |
//! | `O001` | error | empty name or empty variant |
//! | `O002` | error | bad date (not `YYYY-MM-DD`, or no such day) |
//! | `O003` | error | malformed code line (range syntax; a title word that starts with a digit, or `..`) |
//! | `O004` | error | code is not 3-letter upper-case chunks (3 to 15 letters) |
//! | `O005` | error | empty or reversed range (`FROM` not before `TO`) |
//! | `O006` | error | range overlaps an earlier range of the same entry (line ignored) |
//! | `O007` | error | second undated fallback code in one entry (line ignored) |
//! | `O008` | error | entry without any code (entry dropped) |
//! | `O009` | error | indented line before any entry |
//! | `O010` | error | unknown attribute keyword |
//! | `O011` | warning | the same explicit phrase in two entries (the later one wins in the lexicon) |
//! | `O012` | warning | (`petrel dict who --overlay`) a file is not valid UTF-8 (read lossily) |
//!
//! ```
//! use petrel_lexicon::overlay;
//! let (entries, diags) = overlay::parse(
//!     "Donald Trump | Donald J. Trump\n  USAGOV 2025-01-20.. President\n  USAGOV 2017-01-20..2021-01-20 President\n  USAELI\n",
//!     "example.txt",
//! );
//! assert!(diags.is_empty());
//! let trump = &entries[0];
//! assert!(trump.synonyms.iter().any(|s| s == "PRESIDENT TRUMP"));
//! let d = chrono::NaiveDate::from_ymd_opt(2025, 4, 11).unwrap();
//! assert_eq!(trump.code_on(d).unwrap().code, "USAGOV");
//! let d = chrono::NaiveDate::from_ymd_opt(2022, 6, 1).unwrap();
//! assert_eq!(trump.code_on(d).unwrap().code, "USAELI");
//! ```

use crate::types::{ActorEntry, DatedCode, Origin};
use chrono::NaiveDate;
use petrel_model::Diagnostic;
use std::collections::{BTreeMap, BTreeSet};

/// The overlay files compiled into the binary, as `(name, text)`; names are repo-relative paths.
pub const EMBEDDED_FILES: &[(&str, &str)] = &[
    (
        "data/actors/overlay/americas.txt",
        include_str!("../../../data/actors/overlay/americas.txt"),
    ),
    (
        "data/actors/overlay/russia_ukraine.txt",
        include_str!("../../../data/actors/overlay/russia_ukraine.txt"),
    ),
    (
        "data/actors/overlay/middle_east.txt",
        include_str!("../../../data/actors/overlay/middle_east.txt"),
    ),
    (
        "data/actors/overlay/europe.txt",
        include_str!("../../../data/actors/overlay/europe.txt"),
    ),
    (
        "data/actors/overlay/asia_pacific.txt",
        include_str!("../../../data/actors/overlay/asia_pacific.txt"),
    ),
    (
        "data/actors/overlay/africa.txt",
        include_str!("../../../data/actors/overlay/africa.txt"),
    ),
    (
        "data/actors/overlay/international.txt",
        include_str!("../../../data/actors/overlay/international.txt"),
    ),
];

/// Country code -> adjectives used before titles (`RUSSIAN PRESIDENT ...`). Facts, not data
/// copied from elsewhere; add a country here when its officeholders enter the overlay.
pub const ADJECTIVES: &[(&str, &[&str])] = &[
    ("USA", &["U.S.", "US", "American", "United States"]),
    ("CAN", &["Canadian"]),
    ("MEX", &["Mexican"]),
    ("BRA", &["Brazilian"]),
    ("ARG", &["Argentine", "Argentinian"]),
    ("COL", &["Colombian"]),
    ("CHL", &["Chilean"]),
    ("PER", &["Peruvian"]),
    ("ECU", &["Ecuadorian"]),
    ("BOL", &["Bolivian"]),
    ("VEN", &["Venezuelan"]),
    ("CUB", &["Cuban"]),
    ("NIC", &["Nicaraguan"]),
    ("SLV", &["Salvadoran"]),
    ("PAN", &["Panamanian"]),
    ("GTM", &["Guatemalan"]),
    ("HND", &["Honduran"]),
    ("URY", &["Uruguayan"]),
    ("PRY", &["Paraguayan"]),
    ("HTI", &["Haitian"]),
    ("GBR", &["British", "UK", "U.K."]),
    ("IRL", &["Irish"]),
    ("FRA", &["French"]),
    ("DEU", &["German"]),
    ("ITA", &["Italian"]),
    ("ESP", &["Spanish"]),
    ("PRT", &["Portuguese"]),
    ("NLD", &["Dutch"]),
    ("BEL", &["Belgian"]),
    ("CHE", &["Swiss"]),
    ("AUT", &["Austrian"]),
    ("POL", &["Polish"]),
    ("HUN", &["Hungarian"]),
    ("SVK", &["Slovak"]),
    ("CZE", &["Czech"]),
    ("GRC", &["Greek"]),
    ("CYP", &["Cypriot"]),
    ("SWE", &["Swedish"]),
    ("FIN", &["Finnish"]),
    ("DNK", &["Danish"]),
    ("NOR", &["Norwegian"]),
    ("EST", &["Estonian"]),
    ("LVA", &["Latvian"]),
    ("LTU", &["Lithuanian"]),
    ("ROU", &["Romanian"]),
    ("BGR", &["Bulgarian"]),
    ("HRV", &["Croatian"]),
    ("MDA", &["Moldovan"]),
    ("SRB", &["Serbian"]),
    ("KSV", &["Kosovar", "Kosovo"]),
    ("BIH", &["Bosnian"]),
    ("GEO", &["Georgian"]),
    ("ARM", &["Armenian"]),
    ("AZE", &["Azerbaijani"]),
    ("RUS", &["Russian"]),
    ("UKR", &["Ukrainian"]),
    ("BLR", &["Belarusian"]),
    ("ISR", &["Israeli"]),
    ("PSE", &["Palestinian"]),
    ("LBN", &["Lebanese"]),
    ("SYR", &["Syrian"]),
    ("IRN", &["Iranian"]),
    ("IRQ", &["Iraqi"]),
    ("SAU", &["Saudi"]),
    ("ARE", &["Emirati", "UAE"]),
    ("QAT", &["Qatari"]),
    ("KWT", &["Kuwaiti"]),
    ("OMN", &["Omani"]),
    ("BHR", &["Bahraini"]),
    ("YEM", &["Yemeni"]),
    ("JOR", &["Jordanian"]),
    ("EGY", &["Egyptian"]),
    ("TUR", &["Turkish"]),
    ("CHN", &["Chinese"]),
    ("TWN", &["Taiwanese"]),
    ("JPN", &["Japanese"]),
    ("KOR", &["South Korean"]),
    ("PRK", &["North Korean"]),
    ("IND", &["Indian"]),
    ("PAK", &["Pakistani"]),
    ("AFG", &["Afghan"]),
    ("BGD", &["Bangladeshi"]),
    ("LKA", &["Sri Lankan"]),
    ("NPL", &["Nepali", "Nepalese"]),
    ("IDN", &["Indonesian"]),
    ("PHL", &["Philippine"]),
    ("VNM", &["Vietnamese"]),
    ("THA", &["Thai"]),
    ("MMR", &["Myanmar"]),
    ("KHM", &["Cambodian"]),
    ("MYS", &["Malaysian"]),
    ("SGP", &["Singaporean"]),
    ("AUS", &["Australian"]),
    ("NZL", &["New Zealand"]),
    ("KAZ", &["Kazakh"]),
    ("UZB", &["Uzbek"]),
    ("KGZ", &["Kyrgyz"]),
    ("NGA", &["Nigerian"]),
    ("KEN", &["Kenyan"]),
    ("ETH", &["Ethiopian"]),
    ("ERI", &["Eritrean"]),
    ("COD", &["Congolese"]),
    ("RWA", &["Rwandan"]),
    ("SOM", &["Somali"]),
    ("LBY", &["Libyan"]),
    ("TUN", &["Tunisian"]),
    ("DZA", &["Algerian"]),
    ("MAR", &["Moroccan"]),
    ("MLI", &["Malian"]),
    ("BFA", &["Burkinabe"]),
    ("NER", &["Nigerien"]),
    ("TCD", &["Chadian"]),
    ("ZWE", &["Zimbabwean"]),
    ("UGA", &["Ugandan"]),
    ("SSD", &["South Sudanese"]),
    ("SDN", &["Sudanese"]),
    ("SEN", &["Senegalese"]),
    ("GHA", &["Ghanaian"]),
    ("AGO", &["Angolan"]),
    ("ZAF", &["South African"]),
    ("DJI", &["Djiboutian"]),
    ("CIV", &["Ivorian"]),
    ("TZA", &["Tanzanian"]),
];

/// One overlay entry with what `dict who` shows beyond the compiled [`ActorEntry`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OverlayEntry {
    pub entry: ActorEntry,
    /// The name as written (original case).
    pub display: String,
    /// For each code of `entry.codes`, in order: the 1-based line it was written on.
    pub code_lines: Vec<u32>,
    /// For each code of `entry.codes`, in order: its titles as written.
    pub titles: Vec<Vec<String>>,
    /// For each code of `entry.codes`, in order: the exclusive end date as written (`TO`).
    pub ends: Vec<Option<NaiveDate>>,
}

impl OverlayEntry {
    /// Index into `entry.codes` of the code that applies on `date` (same rule as
    /// [`ActorEntry::code_on`]).
    pub fn code_index_on(&self, date: NaiveDate) -> Option<usize> {
        let codes = &self.entry.codes;
        codes
            .iter()
            .position(|c| c.is_restricted() && c.contains(date))
            .or_else(|| codes.iter().position(|c| !c.is_restricted()))
    }
}

/// Parse one overlay file (derived variants are computed within this file alone).
pub fn parse(text: &str, file: &str) -> (Vec<ActorEntry>, Vec<Diagnostic>) {
    let (entries, diags) = parse_detailed(&[(file, text)]);
    (entries.into_iter().map(|e| e.entry).collect(), diags)
}

/// The embedded overlay files, parsed together (surname uniqueness is checked across all).
pub fn embedded() -> (Vec<ActorEntry>, Vec<Diagnostic>) {
    let (entries, diags) = parse_detailed(EMBEDDED_FILES);
    (entries.into_iter().map(|e| e.entry).collect(), diags)
}

/// The embedded overlay with line and title details (for `dict who`).
pub fn embedded_detailed() -> (Vec<OverlayEntry>, Vec<Diagnostic>) {
    parse_detailed(EMBEDDED_FILES)
}

/// Parse several files as one overlay: `(file name, text)` pairs.
pub fn parse_detailed(files: &[(&str, &str)]) -> (Vec<OverlayEntry>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut raws = Vec::new();
    for (file, text) in files {
        read_blocks(text, file, &mut raws, &mut diags);
    }
    let entries = compile(raws, &mut diags);
    (entries, diags)
}

/// Normalise a name the way overlay phrases are stored: upper-case words, single spaces.
pub fn normalize_phrase(s: &str) -> String {
    phrase(s)
}

/// The entry one of whose phrases (name, explicit or derived variant) equals `name` after
/// normalisation; the last such entry wins, as in the lexicon.
pub fn find<'a>(entries: &'a [OverlayEntry], name: &str) -> Option<&'a OverlayEntry> {
    let p = phrase(name);
    entries
        .iter()
        .rev()
        .find(|e| e.entry.name == p || e.entry.synonyms.contains(&p))
}

// ---------------------------------------------------------------------------------------------
// Reading

struct RawCode {
    code: String,
    from: Option<NaiveDate>,
    to_excl: Option<NaiveDate>,
    titles: Vec<String>,
    line: u32,
}

struct RawEntry {
    file: String,
    line: u32,
    display: String,
    variants: Vec<String>,
    codes: Vec<RawCode>,
    surname: Option<Vec<String>>, // None: default; Some(empty): disabled
    org: bool,
}

fn strip_comment(line: &str) -> &str {
    match line.find('#') {
        Some(i) => &line[..i],
        None => line,
    }
}

fn read_blocks(text: &str, file: &str, out: &mut Vec<RawEntry>, diags: &mut Vec<Diagnostic>) {
    // Index into `out` of the entry being filled, if it comes from this file.
    let mut current: Option<usize> = None;
    for (i, raw_line) in text.lines().enumerate() {
        let lineno = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let line = strip_comment(raw_line.trim_end_matches('\r'));
        if line.trim().is_empty() {
            continue;
        }
        let indented = line.starts_with(|c: char| c.is_whitespace());
        if !indented {
            let (name, variants) = match line.split_once('|') {
                Some((n, v)) => (n, Some(v)),
                None => (line, None),
            };
            let name = collapse(name);
            if name.is_empty() {
                diags.push(
                    Diagnostic::error(
                        "O001",
                        "expected an entry name before `|`, found nothing; entry skipped",
                    )
                    .at(file, lineno),
                );
                // Keep a placeholder so the following code lines are not reported as orphans;
                // `compile` drops it.
                out.push(RawEntry {
                    file: file.to_string(),
                    line: lineno,
                    display: String::new(),
                    variants: Vec::new(),
                    codes: Vec::new(),
                    surname: None,
                    org: true,
                });
                current = Some(out.len() - 1);
                continue;
            }
            let mut vs = Vec::new();
            if let Some(v) = variants {
                for (k, part) in v.split(';').enumerate() {
                    let p = collapse(part);
                    if p.is_empty() {
                        // A trailing `;` is harmless; an empty item in the middle is a typo.
                        let last = k + 1 == v.split(';').count();
                        if !(last && k > 0) {
                            diags.push(
                                Diagnostic::error(
                                    "O001",
                                    format!(
                                        "empty variant #{} of `{name}` (expected text between `;`)",
                                        k + 1
                                    ),
                                )
                                .at(file, lineno),
                            );
                        }
                        continue;
                    }
                    vs.push(p);
                }
            }
            out.push(RawEntry {
                file: file.to_string(),
                line: lineno,
                display: name,
                variants: vs,
                codes: Vec::new(),
                surname: None,
                org: false,
            });
            current = Some(out.len() - 1);
            continue;
        }
        let Some(idx) = current else {
            diags.push(
                Diagnostic::error(
                    "O009",
                    format!("indented line before any entry name: `{}`", line.trim()),
                )
                .at(file, lineno),
            );
            continue;
        };
        let body = line.trim();
        let first = body.split_whitespace().next().unwrap_or("");
        if first.starts_with(|c: char| c.is_ascii_lowercase()) {
            read_attribute(body, &mut out[idx], file, lineno, diags);
        } else if let Some(c) = read_code_line(body, file, lineno, diags) {
            out[idx].codes.push(c);
        }
    }
}

fn read_attribute(
    body: &str,
    entry: &mut RawEntry,
    file: &str,
    line: u32,
    diags: &mut Vec<Diagnostic>,
) {
    let (key, rest) = match body.split_once(char::is_whitespace) {
        Some((k, r)) => (k, r.trim()),
        None => (body, ""),
    };
    match key {
        "surname" => {
            if rest.is_empty() {
                diags.push(Diagnostic::error("O010", "expected `surname WORDS` or `surname -`, found no words").at(file, line));
            } else if rest == "-" {
                entry.surname = Some(Vec::new());
            } else {
                let forms: Vec<String> = rest.split(';').map(collapse).filter(|f| !f.is_empty()).collect();
                entry.surname = Some(forms);
            }
        }
        "org" => entry.org = true,
        other => diags.push(
            Diagnostic::error("O010", format!("unknown attribute `{other}` (expected `surname` or `org`, or an upper-case CODE)"))
                .at(file, line),
        ),
    }
}

fn read_code_line(
    body: &str,
    file: &str,
    line: u32,
    diags: &mut Vec<Diagnostic>,
) -> Option<RawCode> {
    let mut parts = body.splitn(2, char::is_whitespace);
    let code = parts.next().unwrap_or("");
    let rest = parts.next().unwrap_or("").trim();
    if !code_shape_ok(code) {
        diags.push(
            Diagnostic::error(
                "O004",
                format!("expected an actor code of 3-letter upper-case chunks (RUSGOV, IGOUNO), found `{code}`"),
            )
            .at(file, line),
        );
        return None;
    }
    let (range, titles_text) = match rest.split_once(char::is_whitespace) {
        _ if rest.is_empty() => (None, ""),
        Some((r, t)) if r.contains("..") => (Some(r), t.trim()),
        None if rest.contains("..") => (Some(rest), ""),
        _ => (None, rest),
    };
    let (mut from, mut to_excl) = (None, None);
    if let Some(r) = range {
        let (a, b) = r.split_once("..").unwrap_or((r, ""));
        if b.contains("..") {
            diags.push(
                Diagnostic::error("O003", format!("expected FROM..TO, found `{r}`")).at(file, line),
            );
            return None;
        }
        if !a.is_empty() {
            from = Some(parse_date(a, file, line, diags)?);
        }
        if !b.is_empty() {
            to_excl = Some(parse_date(b, file, line, diags)?);
        }
        if let (Some(f), Some(t)) = (from, to_excl) {
            if f >= t {
                diags.push(
                    Diagnostic::error("O005", format!("empty range `{r}`: FROM must be before TO (TO is the first day out of office)"))
                        .at(file, line),
                );
                return None;
            }
        }
    }
    let mut titles = Vec::new();
    for t in titles_text.split(';') {
        let t = collapse(t);
        if t.is_empty() {
            continue;
        }
        if t.split(' ')
            .any(|w| w.starts_with(|c: char| c.is_ascii_digit()))
            || t.contains("..")
        {
            diags.push(
                Diagnostic::error(
                    "O003",
                    format!("expected CODE FROM..TO [TITLE; ...], found `{t}` where a title goes (dates must be joined by `..`)"),
                )
                .at(file, line),
            );
            return None;
        }
        titles.push(t);
    }
    Some(RawCode {
        code: code.to_string(),
        from,
        to_excl,
        titles,
        line,
    })
}

fn code_shape_ok(code: &str) -> bool {
    let n = code.len();
    matches!(n, 3 | 6 | 9 | 12 | 15) && code.bytes().all(|b| b.is_ascii_uppercase())
}

fn parse_date(s: &str, file: &str, line: u32, diags: &mut Vec<Diagnostic>) -> Option<NaiveDate> {
    let b = s.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    let date = if shape {
        let y = s[0..4].parse().ok();
        let m = s[5..7].parse().ok();
        let d = s[8..10].parse().ok();
        match (y, m, d) {
            (Some(y), Some(m), Some(d)) => NaiveDate::from_ymd_opt(y, m, d),
            _ => None,
        }
    } else {
        None
    };
    if date.is_none() {
        let why = if shape {
            "no such day"
        } else {
            "expected YYYY-MM-DD"
        };
        diags.push(Diagnostic::error("O002", format!("bad date `{s}`: {why}")).at(file, line));
    }
    date
}

/// Collapse runs of whitespace to one space and trim.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The phrase form: upper-case words separated by single spaces.
fn phrase(s: &str) -> String {
    collapse(s).to_uppercase()
}

// ---------------------------------------------------------------------------------------------
// Compiling

/// First words that mark a name as already titled; such variants get no derived title.
const HONORIFICS: &[&str] = &[
    "KING",
    "QUEEN",
    "PRINCE",
    "PRINCESS",
    "CROWN",
    "EMPEROR",
    "EMIR",
    "SULTAN",
    "SHEIKH",
    "POPE",
    "CARDINAL",
    "AYATOLLAH",
    "MULLAH",
    "MAWLAWI",
    "SAYYED",
    "SAYYID",
    "DAW",
    "SIR",
    "LORD",
    "LADY",
    "DR",
    "DR.",
    "GENERAL",
    "PRESIDENT",
    "PRIME",
    "MR",
    "MR.",
    "MRS",
    "MRS.",
    "MS",
    "MS.",
];

const PARTICLES: &[&str] = &[
    "von", "van", "der", "den", "de", "del", "della", "da", "das", "do", "dos", "du", "di", "la",
    "le", "bin", "ibn", "al", "el", "ben", "abu", "ter", "zu",
];

fn default_surname(display: &str) -> Option<String> {
    let words: Vec<&str> = display.split(' ').collect();
    if words.len() < 2 {
        return None;
    }
    let mut start = words.len() - 1;
    while start > 1 && PARTICLES.contains(&words[start - 1]) {
        start -= 1;
    }
    Some(words[start..].join(" "))
}

fn adjectives_of(code: &str) -> &'static [&'static str] {
    let country = code.get(0..3).unwrap_or("");
    ADJECTIVES
        .iter()
        .find(|(c, _)| *c == country)
        .map(|(_, a)| *a)
        .unwrap_or(&[])
}

/// ASCII folding of common Latin diacritics; `None` when nothing changes.
fn fold_ascii(s: &str) -> Option<String> {
    if s.is_ascii() {
        return None;
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let r: &str = match c {
            'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' | 'Ă' | 'Ą' => "A",
            'Æ' => "AE",
            'Ç' | 'Ć' | 'Č' | 'Ĉ' | 'Ċ' => "C",
            'Ď' | 'Đ' | 'Ð' => "D",
            'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ė' | 'Ę' | 'Ě' => "E",
            'Ğ' | 'Ĝ' | 'Ġ' | 'Ģ' => "G",
            'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' | 'İ' | 'Į' => "I",
            'Ķ' => "K",
            'Ł' | 'Ľ' | 'Ĺ' | 'Ļ' => "L",
            'Ñ' | 'Ń' | 'Ň' | 'Ņ' => "N",
            'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' | 'Ő' => "O",
            'Œ' => "OE",
            'Ř' | 'Ŕ' => "R",
            'Ś' | 'Š' | 'Ş' | 'Ș' => "S",
            'ß' => "SS",
            'Ť' | 'Ţ' | 'Ț' => "T",
            'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' | 'Ů' | 'Ű' | 'Ų' => "U",
            'Ý' | 'Ÿ' => "Y",
            'Ź' | 'Ż' | 'Ž' => "Z",
            'Þ' => "TH",
            '’' | '‘' => "'",
            '‐' | '‑' | '–' => "-",
            other => {
                out.push(other);
                continue;
            }
        };
        out.push_str(r);
    }
    Some(out)
}

/// Derived phrases of a person entry. `surnames`: the surname forms, each with whether it may
/// stand alone as a variant (unique in the overlay, not `~`, 3+ letters); titled forms use
/// them all and are de-duplicated across entries later.
fn derived_phrases(e: &RawEntry, surnames: &[(String, bool)]) -> Vec<String> {
    let mut out = Vec::new();
    if e.org {
        return out;
    }
    let full = phrase(&e.display);
    let surnames: Vec<(String, bool)> = surnames.iter().map(|(s, u)| (phrase(s), *u)).collect();
    for (s, alone_ok) in &surnames {
        if *alone_ok && *s != full {
            out.push(s.clone());
        }
    }
    // Names a title goes before: surnames, the full name, multi-word explicit variants, but
    // none that already begins with an honorific (`KING CHARLES`, `SHEIKH TAMIM`).
    let mut names: Vec<String> = surnames.iter().map(|(s, _)| s.clone()).collect();
    names.push(full.clone());
    for v in &e.variants {
        let v = phrase(v);
        if v.contains(' ') && !names.contains(&v) {
            names.push(v);
        }
    }
    names.retain(|n| !HONORIFICS.contains(&n.split(' ').next().unwrap_or("")));
    let mut seen_heads = BTreeSet::new();
    for c in &e.codes {
        for t in &c.titles {
            let t = phrase(t);
            let mut spellings = vec![t.clone()];
            if t.contains("DEFENCE") {
                spellings.push(t.replace("DEFENCE", "DEFENSE"));
            } else if t.contains("DEFENSE") {
                spellings.push(t.replace("DEFENSE", "DEFENCE"));
            }
            for t in spellings {
                let mut heads = vec![t.clone()];
                let adjectives: Vec<String> =
                    adjectives_of(&c.code).iter().map(|a| phrase(a)).collect();
                // A title written with its adjective (`Saudi Crown Prince`) gets no other one.
                if !adjectives.iter().any(|a| t.starts_with(&format!("{a} "))) {
                    heads.extend(adjectives.iter().map(|a| format!("{a} {t}")));
                }
                for h in heads {
                    if !seen_heads.insert(h.clone()) {
                        continue;
                    }
                    for n in &names {
                        // A title already part of the name (`KING CHARLES III`) is not doubled.
                        if !n.starts_with(&format!("{h} ")) {
                            out.push(format!("{h} {n}"));
                        }
                    }
                }
            }
        }
    }
    out
}

fn compile(raws: Vec<RawEntry>, diags: &mut Vec<Diagnostic>) -> Vec<OverlayEntry> {
    // Drop entries with empty names (reported already) and entries without codes.
    let mut kept = Vec::with_capacity(raws.len());
    for r in raws {
        if r.display.is_empty() {
            continue;
        }
        if r.codes.is_empty() {
            diags.push(
                Diagnostic::error("O008", format!("entry `{}` has no valid code line (expected an indented `CODE FROM..TO`); entry dropped", r.display))
                    .at(&r.file, r.line),
            );
            continue;
        }
        kept.push(r);
    }

    // Surnames and their owners (persons only).
    let surnames: Vec<Vec<String>> = kept
        .iter()
        .map(|r| {
            if r.org {
                Vec::new()
            } else {
                r.surname
                    .clone()
                    .unwrap_or_else(|| default_surname(&r.display).into_iter().collect())
            }
        })
        .collect();
    let mut surname_count: BTreeMap<String, usize> = BTreeMap::new();
    for forms in &surnames {
        // A `~` form is never used alone, so it does not make another person's surname
        // ambiguous.
        let distinct: BTreeSet<String> =
            forms.iter().filter(|s| !s.starts_with('~')).map(|s| phrase(s)).collect();
        for s in distinct {
            *surname_count.entry(s).or_default() += 1;
        }
    }

    // Explicit phrases (name + variants) per entry, and derived ones.
    let explicit: Vec<Vec<String>> = kept
        .iter()
        .map(|r| {
            let mut v = vec![phrase(&r.display)];
            v.extend(r.variants.iter().map(|s| phrase(s)));
            v
        })
        .collect();
    let derived: Vec<Vec<String>> = kept
        .iter()
        .zip(&surnames)
        .map(|(r, forms)| {
            let forms: Vec<(String, bool)> = forms
                .iter()
                .map(|s| {
                    let titled_only = s.starts_with('~');
                    let s = s.trim_start_matches('~').trim().to_string();
                    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
                    let alone_ok =
                        !titled_only && letters >= 3 && surname_count.get(&phrase(&s)) == Some(&1);
                    (s, alone_ok)
                })
                .filter(|(s, _)| !s.is_empty())
                .collect();
            derived_phrases(r, &forms)
        })
        .collect();

    // Explicit phrase owners: warn on duplicates across entries.
    let mut explicit_owner: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, ps) in explicit.iter().enumerate() {
        for p in ps {
            match explicit_owner.get(p.as_str()) {
                Some(&j) if j != i => {
                    diags.push(
                        Diagnostic::warning(
                            "O011",
                            format!(
                                "`{p}` is also a name of `{}` ({}:{}); the later entry wins in the lexicon",
                                kept[j].display, kept[j].file, kept[j].line
                            ),
                        )
                        .at(&kept[i].file, kept[i].line),
                    );
                }
                Some(_) => {}
                None => {
                    explicit_owner.insert(p, i);
                }
            }
        }
    }
    // Derived phrase owners: ambiguous when two entries derive it or it is another's explicit name.
    let mut derived_owners: BTreeMap<&str, BTreeSet<usize>> = BTreeMap::new();
    for (i, ps) in derived.iter().enumerate() {
        for p in ps {
            derived_owners.entry(p.as_str()).or_default().insert(i);
        }
    }

    let mut out = Vec::with_capacity(kept.len());
    for (i, r) in kept.iter().enumerate() {
        let mut phrases: Vec<String> = Vec::new();
        let mut seen = BTreeSet::new();
        let mut push = |p: String, phrases: &mut Vec<String>| {
            if seen.insert(p.clone()) {
                phrases.push(p);
            }
        };
        for p in &explicit[i] {
            push(p.clone(), &mut phrases);
        }
        for p in &derived[i] {
            let ambiguous = derived_owners.get(p.as_str()).is_some_and(|o| o.len() > 1)
                || explicit_owner.get(p.as_str()).is_some_and(|&j| j != i);
            if !ambiguous {
                push(p.clone(), &mut phrases);
            }
        }
        let folded: Vec<String> = phrases.iter().filter_map(|p| fold_ascii(p)).collect();
        for f in folded {
            let taken = explicit_owner.get(f.as_str()).is_some_and(|&j| j != i);
            if !taken {
                push(f, &mut phrases);
            }
        }
        let name = phrases.remove(0);

        // Codes: check overlaps and fallbacks.
        let mut codes = Vec::new();
        let mut code_lines = Vec::new();
        let mut titles = Vec::new();
        let mut ends = Vec::new();
        let mut ranges: Vec<(Option<NaiveDate>, Option<NaiveDate>, u32)> = Vec::new();
        let mut fallback_line: Option<u32> = None;
        for c in &r.codes {
            let restricted = c.from.is_some() || c.to_excl.is_some();
            if !restricted {
                if let Some(l) = fallback_line {
                    diags.push(
                        Diagnostic::error(
                            "O007",
                            format!("second undated code `{}` for `{}` (the fallback is on line {l}); line ignored", c.code, r.display),
                        )
                        .at(&r.file, c.line),
                    );
                    continue;
                }
                fallback_line = Some(c.line);
            } else {
                let clash = ranges
                    .iter()
                    .find(|(f, t, _)| overlaps(*f, *t, c.from, c.to_excl));
                if let Some((_, _, l)) = clash {
                    diags.push(
                        Diagnostic::error(
                            "O006",
                            format!(
                                "range of `{}` overlaps the range on line {l} for the same entry `{}` (ranges are half-open: TO is the first day out); line ignored",
                                c.code, r.display
                            ),
                        )
                        .at(&r.file, c.line),
                    );
                    continue;
                }
                ranges.push((c.from, c.to_excl, c.line));
            }
            codes.push(DatedCode {
                code: c.code.clone(),
                from: c.from,
                to: c.to_excl.and_then(|t| t.pred_opt()),
            });
            code_lines.push(c.line);
            titles.push(c.titles.clone());
            ends.push(c.to_excl);
        }
        out.push(OverlayEntry {
            entry: ActorEntry {
                name,
                synonyms: phrases,
                codes,
                origin: Origin {
                    file: r.file.clone(),
                    line: r.line,
                },
            },
            display: r.display.clone(),
            code_lines,
            titles,
            ends,
        });
    }
    out
}

/// Do half-open ranges `[a0, a1)` and `[b0, b1)` (open ends unbounded) intersect?
fn overlaps(
    a0: Option<NaiveDate>,
    a1: Option<NaiveDate>,
    b0: Option<NaiveDate>,
    b1: Option<NaiveDate>,
) -> bool {
    let starts_before_b_ends = match (a0, b1) {
        (Some(a), Some(b)) => a < b,
        _ => true,
    };
    let b_starts_before_a_ends = match (b0, a1) {
        (Some(b), Some(a)) => b < a,
        _ => true,
    };
    starts_before_b_ends && b_starts_before_a_ends
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// (name as a user writes it, date, expected code; `-` means "no code", `!GOV` means "a code
    /// that does not end in GOV").
    const GOLDEN: &[(&str, &str, &str)] = &[
        ("Trump", "2025-04-11", "USAGOV"),
        ("Donald Trump", "2025-01-20", "USAGOV"),
        ("Donald Trump", "2025-01-19", "USAELI"),
        ("President Trump", "2019-05-01", "USAGOV"),
        ("Trump", "2022-06-01", "!GOV"),
        ("Trump", "2021-01-20", "!GOV"),
        ("Trump", "2010-01-01", "USAELI"),
        ("Joe Biden", "2023-01-01", "USAGOV"),
        ("Biden", "2012-01-01", "USAGOV"),
        ("Biden", "2025-04-11", "!GOV"),
        ("Putin", "2025-04-11", "RUSGOV"),
        ("Russian President Vladimir Putin", "2025-04-11", "RUSGOV"),
        ("Vladimir Putin", "2010-01-01", "RUSGOV"),
        ("Zelensky", "2023-03-01", "UKRGOV"),
        ("Zelenskyy", "2023-03-01", "UKRGOV"),
        ("Volodymyr Zelensky", "2023-03-01", "UKRGOV"),
        (
            "Ukrainian President Volodymyr Zelenskyy",
            "2025-04-11",
            "UKRGOV",
        ),
        ("Zelensky", "2018-01-01", "!GOV"),
        ("Witkoff", "2025-04-11", "USAGOV"),
        ("Steve Witkoff", "2024-06-01", "!GOV"),
        ("Marco Rubio", "2025-04-11", "USAGOV"),
        ("Secretary of State Marco Rubio", "2025-04-11", "USAGOV"),
        ("Dmitry Peskov", "2025-04-11", "RUSGOV"),
        ("Kirill Dmitriev", "2025-04-11", "RUSGOV"),
        ("Keith Kellogg", "2025-04-11", "USAGOV"),
        ("Sergei Lavrov", "2025-04-11", "RUSGOV"),
        (
            "Russian Foreign Minister Sergei Lavrov",
            "2025-04-11",
            "RUSGOV",
        ),
        ("Antonio Guterres", "2025-04-11", "IGOUNO"),
        ("António Guterres", "2025-04-11", "IGOUNO"),
        ("Mark Rutte", "2025-04-11", "IGOWSTNAT"),
        ("Mark Rutte", "2020-01-01", "NLDGOV"),
        ("Ursula von der Leyen", "2025-04-11", "IGOEUREEC"),
        ("von der Leyen", "2025-04-11", "IGOEUREEC"),
        ("Benjamin Netanyahu", "2025-04-11", "ISRGOV"),
        ("Netanyahu", "2022-06-01", "!GOV"),
        ("Recep Tayyip Erdogan", "2025-04-11", "TURGOV"),
        ("Xi Jinping", "2025-04-11", "CHNGOV"),
        ("Keir Starmer", "2025-04-11", "GBRGOV"),
        ("Keir Starmer", "2023-01-01", "GBROPP"),
        ("Emmanuel Macron", "2025-04-11", "FRAGOV"),
        ("Friedrich Merz", "2025-06-01", "DEUGOV"),
        ("Olaf Scholz", "2025-06-01", "!GOV"),
        ("Olaf Scholz", "2023-06-01", "DEUGOV"),
        ("Narendra Modi", "2025-04-11", "INDGOV"),
        ("Ahmed al-Sharaa", "2025-04-11", "SYRGOV"),
        ("Bashar al-Assad", "2025-04-11", "!GOV"),
        ("Bashar al-Assad", "2020-01-01", "SYRGOV"),
        ("Kim Jong Un", "2025-04-11", "PRKGOV"),
        ("Lai Ching-te", "2025-04-11", "TWNGOV"),
        ("Mahmoud Abbas", "2025-04-11", "PSEGOV"),
        ("Yahya Sinwar", "2024-01-01", "PSEREBHMS"),
        ("Nicolas Maduro", "2025-04-11", "VENGOV"),
        ("Ali Khamenei", "2025-04-11", "IRNGOV"),
        ("Masoud Pezeshkian", "2025-04-11", "IRNGOV"),
        ("Ebrahim Raisi", "2023-01-01", "IRNGOV"),
    ];

    #[test]
    fn golden_codes_on_dates() {
        let (entries, diags) = embedded_detailed();
        assert!(
            diags.is_empty(),
            "embedded overlay has diagnostics:\n{}",
            diags
                .iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        );
        let mut failures = Vec::new();
        for (name, date, want) in GOLDEN {
            let got = find(&entries, name)
                .and_then(|e| e.entry.code_on(day(date)))
                .map(|c| c.code.as_str());
            let ok = match (*want, got) {
                ("-", None) => true,
                (w, Some(g)) if w.starts_with('!') => !g.ends_with(&w[1..]),
                (w, Some(g)) => w == g,
                _ => false,
            };
            if !ok {
                failures.push(format!("{name} on {date}: expected {want}, got {got:?}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    /// Through the real snapshot: the overlay is appended after the Phoenix actors and wins.
    #[test]
    fn overlay_wins_over_phoenix_in_the_embedded_lexicon() {
        let (lex, _) = crate::Lexicon::embedded();
        let cases = [
            ("Trump", "2025-04-11", "USAGOV"),
            ("President Donald Trump", "2025-04-11", "USAGOV"),
            ("Trump", "2022-06-01", "USAELI"),
            ("Putin", "2025-04-11", "RUSGOV"),
            ("Vladimir Putin", "2008-06-01", "RUSGOV"),
            ("Zelensky", "2023-03-01", "UKRGOV"),
            ("Zelenskyy", "2023-03-01", "UKRGOV"),
            ("Volodymyr Zelensky", "2023-03-01", "UKRGOV"),
            ("Witkoff", "2025-04-11", "USAGOV"),
            ("Kim Jong-un", "2025-04-11", "PRKGOV"),
            ("Erdogan's", "2025-04-11", "TURGOV"),
        ];
        let mut failures = Vec::new();
        for (text, date, want) in cases {
            let words: Vec<&str> = text.split_whitespace().collect();
            match lex.actors.longest_at(&words, 0) {
                Some((n, id)) if n == words.len() => {
                    let e = lex.actors.entry(id);
                    let got = e.code_on(day(date)).map(|c| c.code.as_str());
                    if got != Some(want) || !e.origin.file.contains("overlay") {
                        failures.push(format!(
                            "{text} on {date}: {got:?} from {}:{}",
                            e.origin.file, e.origin.line
                        ));
                    }
                }
                other => failures.push(format!("{text}: matched {other:?}")),
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn every_overlay_file_on_disk_parses_without_diagnostics() {
        // The data folder, not only the embedded list: a new file must be added to EMBEDDED_FILES.
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/actors/overlay");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .expect("data/actors/overlay exists")
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".txt"))
            .collect();
        on_disk.sort();
        let mut embedded: Vec<String> = EMBEDDED_FILES
            .iter()
            .map(|(n, _)| n.rsplit('/').next().unwrap().to_string())
            .collect();
        embedded.sort();
        assert_eq!(
            on_disk, embedded,
            "every overlay file must be listed in EMBEDDED_FILES"
        );
        for (name, text) in EMBEDDED_FILES {
            let (entries, diags) = parse(text, name);
            assert!(!entries.is_empty(), "{name} has no entries");
            let errors: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
            assert!(errors.is_empty(), "{}", errors.join("\n"));
        }
    }

    #[test]
    fn embedded_is_broad_and_every_entry_has_a_code() {
        let (entries, _) = embedded();
        assert!(entries.len() >= 300, "only {} entries", entries.len());
        for e in &entries {
            assert!(!e.codes.is_empty(), "{}", e.name);
            assert!(e.name.chars().all(|c| !c.is_lowercase()), "{}", e.name);
            for s in &e.synonyms {
                assert!(
                    !s.contains("  ") && s.trim() == s && !s.chars().any(|c| c.is_lowercase()),
                    "{s:?}"
                );
                // No stuttering from derivation (`CHINESE CHINESE PRESIDENT`, `KING KING CHARLES`).
                let words: Vec<&str> = s.split(' ').collect();
                assert!(words.windows(2).all(|w| w[0] != w[1]), "{s:?}");
            }
        }
    }

    /// (input, expected diagnostic codes in order).
    const BAD: &[(&str, &[&str])] = &[
        ("| Foo\n  USAGOV\n", &["O001"]),
        ("A B | X;;Y\n  USAGOV\n", &["O001"]),
        ("A B\n  USAGOV 2025-13-01..\n", &["O002", "O008"]),
        ("A B\n  USAGOV 2025-02-30..\n", &["O002", "O008"]),
        ("A B\n  USAGOV 20250101..\n", &["O002", "O008"]),
        ("A B\n  USAGOV 2025-01-01 President\n", &["O003", "O008"]),
        (
            "A B\n  USAGOV 2025-01-01..2026-01-01..2027-01-01\n",
            &["O003", "O008"],
        ),
        ("A B\n  usagov 2025-01-01..\n", &["O010", "O008"]),
        ("A B\n  USAGO 2025-01-01..\n", &["O004", "O008"]),
        ("A B\n  USA-GOV\n", &["O004", "O008"]),
        ("A B\n  USAGOV 2025-01-01..2025-01-01\n", &["O005", "O008"]),
        ("A B\n  USAGOV 2026-01-01..2025-01-01\n", &["O005", "O008"]),
        (
            "A B\n  USAGOV 2020-01-01..2022-01-01\n  USAELI 2021-01-01..\n",
            &["O006"],
        ),
        (
            "A B\n  USAGOV ..2022-01-01\n  USAELI ..2021-01-01\n",
            &["O006"],
        ),
        ("A B\n  USAELI\n  USAOPP\n", &["O007"]),
        ("A B\n", &["O008"]),
        ("  USAGOV\nA B\n  USAGOV\n", &["O009"]),
        ("A B\n  surname\n  USAGOV\n", &["O010"]),
        ("A B\n  nickname Foo\n  USAGOV\n", &["O010"]),
        ("A B | C D\n  USAGOV\nE F | C D\n  USAGOV\n", &["O011"]),
    ];

    #[test]
    fn bad_input_gives_diagnostics_with_lines() {
        for (input, want) in BAD {
            let (_, diags) = parse(input, "bad.txt");
            let got: Vec<&str> = diags.iter().map(|d| d.code).collect();
            assert_eq!(&got, want, "input {input:?}: {diags:?}");
            for d in &diags {
                assert_eq!(d.file.as_deref(), Some("bad.txt"));
                assert!(d.line.is_some_and(|l| l >= 1), "{d:?}");
            }
        }
    }

    #[test]
    fn good_input_compiles_to_inclusive_ranges_and_keeps_partial_results() {
        let text = "# header\nAlpha Beta | A. Beta; Beta Alpha\n  XYZGOV 2020-01-01..2021-01-01  Foreign Minister; Chancellor # role\n  XYZELI\n\
                    Bad Entry\n  XYZGOV 2020-99-01..\nGamma Delta\n  XYZGOV ..2021-01-01\n  XYZOPP 2021-01-01..\n";
        let (entries, diags) = parse(text, "t.txt");
        assert_eq!(
            diags.iter().map(|d| d.code).collect::<Vec<_>>(),
            ["O002", "O008"]
        );
        assert_eq!(diags[0].line, Some(6));
        assert_eq!(entries.len(), 2);
        let a = &entries[0];
        assert_eq!(a.name, "ALPHA BETA");
        assert_eq!(
            a.origin,
            Origin {
                file: "t.txt".into(),
                line: 2
            }
        );
        assert_eq!(
            a.codes[0],
            DatedCode {
                code: "XYZGOV".into(),
                from: Some(day("2020-01-01")),
                to: Some(day("2020-12-31"))
            }
        );
        assert_eq!(a.code_on(day("2020-12-31")).unwrap().code, "XYZGOV");
        assert_eq!(a.code_on(day("2021-01-01")).unwrap().code, "XYZELI");
        for s in [
            "A. BETA",
            "BETA ALPHA",
            "BETA",
            "FOREIGN MINISTER BETA",
            "FOREIGN MINISTER ALPHA BETA",
            "CHANCELLOR BETA",
        ] {
            assert!(
                a.synonyms.iter().any(|x| x == s),
                "missing {s} in {:?}",
                a.synonyms
            );
        }
        let g = &entries[1];
        assert_eq!(g.code_on(day("1900-01-01")).unwrap().code, "XYZGOV");
        assert_eq!(g.code_on(day("2021-01-01")).unwrap().code, "XYZOPP");
    }

    #[test]
    fn derived_variants_rules() {
        let text =
            "Kim Jong Un | Kim Jong-un\n  surname Kim\n  PRKGOV 2011-12-17.. Supreme Leader\n\
                    Kim Yo Jong\n  surname Kim\n  PRKGOV\n\
                    Theresa May\n  surname -\n  GBRGOV 2016-07-13..2019-07-24 Prime Minister\n\
                    Ursula von der Leyen\n  IGOEUREEC 2019-12-01.. Commission President\n\
                    Recep Tayyip Erdoğan\n  TURGOV 2014-08-28.. President\n\
                    Jane Smith\n  USAGOV 2020-01-01.. Defense Secretary\n\
                    John Smith\n  USAGOV 2020-01-01.. Defense Secretary\n\
                    Acme Group\n  org\n  USABUS\n";
        let (entries, diags) = parse(text, "t.txt");
        assert!(diags.is_empty(), "{diags:?}");
        let syn = |n: &str| {
            entries
                .iter()
                .find(|e| e.name == n)
                .unwrap()
                .synonyms
                .clone()
        };
        let kim = syn("KIM JONG UN");
        // `surname Kim` on both: ambiguous, so neither gets KIM; the titled form is unique.
        assert!(!kim.iter().any(|s| s == "KIM" || s == "UN"), "{kim:?}");
        assert!(kim.iter().any(|s| s == "SUPREME LEADER KIM"), "{kim:?}");
        assert!(kim.iter().any(|s| s == "SUPREME LEADER KIM JONG UN"));
        assert!(!syn("KIM YO JONG").iter().any(|s| s == "KIM" || s == "JONG"));
        let may = syn("THERESA MAY");
        assert!(
            !may.iter().any(|s| s == "MAY" || s == "PRIME MINISTER MAY"),
            "{may:?}"
        );
        assert!(
            may.iter()
                .any(|s| s == "BRITISH PRIME MINISTER THERESA MAY"),
            "{may:?}"
        );
        let vdl = syn("URSULA VON DER LEYEN");
        assert!(vdl.iter().any(|s| s == "VON DER LEYEN"), "{vdl:?}");
        assert!(vdl
            .iter()
            .any(|s| s == "COMMISSION PRESIDENT VON DER LEYEN"));
        let erd = syn("RECEP TAYYIP ERDOĞAN");
        for s in [
            "ERDOĞAN",
            "ERDOGAN",
            "RECEP TAYYIP ERDOGAN",
            "PRESIDENT ERDOGAN",
        ] {
            assert!(erd.iter().any(|x| x == s), "missing {s} in {erd:?}");
        }
        // Same surname in two entries: neither gets it, nor the titled surname forms.
        let jane = syn("JANE SMITH");
        assert!(
            !jane
                .iter()
                .any(|s| s == "SMITH" || s == "DEFENSE SECRETARY SMITH"),
            "{jane:?}"
        );
        assert!(jane.iter().any(|s| s == "DEFENCE SECRETARY JANE SMITH"));
        assert!(jane
            .iter()
            .any(|s| s == "U.S. DEFENSE SECRETARY JANE SMITH"));
        assert!(syn("ACME GROUP").is_empty());
    }

    proptest::proptest! {
        /// Arbitrary text never panics; every diagnostic names its line; every entry has a code.
        #[test]
        fn prop_arbitrary_text_never_panics(text in "\\PC{0,300}") {
            let (entries, diags) = parse(&text, "p.txt");
            proptest::prop_assert!(diags.iter().all(|d| d.line.is_some()));
            proptest::prop_assert!(entries.iter().all(|e| !e.codes.is_empty()));
        }

        /// Text built from the format's own pieces (names, codes, ranges, titles, attributes).
        #[test]
        fn prop_format_like_text_never_panics(pieces in proptest::collection::vec(
            proptest::prop_oneof![
                proptest::strategy::Just("\n".to_string()),
                proptest::strategy::Just("\n  ".to_string()),
                "[A-Z]{2,7}",
                "(19|20)[0-9]{2}-[01][0-9]-[0-3][0-9]",
                proptest::strategy::Just("..".to_string()),
                "[A-Za-zéĞ' .-]{1,12}",
                proptest::strategy::Just(" | ".to_string()),
                proptest::strategy::Just("; ".to_string()),
                proptest::strategy::Just("surname ".to_string()),
                proptest::strategy::Just("~".to_string()),
                proptest::strategy::Just("org".to_string()),
                proptest::strategy::Just(" # note".to_string()),
            ],
            0..60,
        )) {
            let text: String = pieces.concat();
            let (entries, diags) = parse(&text, "p.txt");
            proptest::prop_assert!(diags.iter().all(|d| d.line.is_some_and(|l| l >= 1)));
            for e in &entries {
                proptest::prop_assert!(!e.codes.is_empty());
                // Compiled ranges stay ordered (from <= to) because empty ranges are rejected.
                for c in &e.codes {
                    if let (Some(f), Some(t)) = (c.from, c.to) {
                        proptest::prop_assert!(f <= t);
                    }
                }
            }
        }
    }

    /// Deterministic fuzzing: arbitrary mixes of the format's own characters and random UTF-8
    /// never panic, and every diagnostic names a line.
    #[test]
    fn arbitrary_input_never_panics() {
        let alphabet: Vec<char> = "AZaz09 \t\n\r|;#.-_GOVUSAéĞ\u{0}\u{feff}💥"
            .chars()
            .collect();
        let pieces = [
            "\n  ",
            "..",
            "2025-01-20",
            "USAGOV",
            " | ",
            "; ",
            "surname ",
            "org",
            "# c",
            "9999-99-99",
        ];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..3000 {
            let len = (next() % 120) as usize;
            let mut s = String::new();
            for _ in 0..len {
                let r = next();
                if r % 3 == 0 {
                    s.push_str(pieces[(r / 3 % pieces.len() as u64) as usize]);
                } else {
                    s.push(alphabet[(r / 3 % alphabet.len() as u64) as usize]);
                }
            }
            let (entries, diags) = parse(&s, "fuzz.txt");
            for d in &diags {
                assert!(d.line.is_some(), "{d:?} for {s:?}");
            }
            for e in &entries {
                assert!(!e.codes.is_empty());
            }
        }
    }
}
