//! petrel-time: temporal expressions in a sentence, resolved against the publication date.
//!
//! [`find_temporal`] scans the tokens of a sentence and returns every temporal expression it
//! understands as a [`Temporal`]: the token range, a calendar date, its [`Granularity`] and a
//! [`Relation`] (`since 2014` is `After` 2014-01-01). Dates of coarser granularity are normalised to
//! the first day of their period: a week is its Monday, a month its 1st, a year its 1 January.
//! [`is_historical`] says whether an event date lies well before the publication date.
//! Nothing here does I/O or panics on any input.
//!
//! ```
//! use chrono::NaiveDate;
//! use petrel_time::{find_temporal, Granularity, Relation};
//! let pub_date = NaiveDate::from_ymd_opt(2025, 4, 11).unwrap(); // a Friday
//! let words = ["Witkoff", "met", "Putin", "on", "Thursday", "night", "in", "St.", "Petersburg"];
//! let t = &find_temporal(&words, pub_date)[0];
//! assert_eq!((t.start, t.len), (3, 3));
//! assert_eq!(t.date, NaiveDate::from_ymd_opt(2025, 4, 10).unwrap());
//! assert_eq!((t.granularity, t.relation), (Granularity::Day, Relation::Exact));
//! ```
//!
//! # What is understood
//! Tokens are matched case-insensitively; trailing `.`/`,` are ignored and lone `,` tokens are
//! skipped inside explicit dates. A leading relation word (`since`, `after`, `from` -> `After`;
//! `before`, `until`, `till`, `prior to` -> `Before`) or preposition (`on`, `in`, `during`, `of`) is
//! part of the returned range.
//!
//! | expression | date (past-tense reading) | granularity |
//! | --- | --- | --- |
//! | `today`, `tonight`, `this morning` / `yesterday`, `last night` / `tomorrow` | pub / pub-1 / pub+1 | Day |
//! | `Friday`, `on Friday`, `Thursday morning`, `this Friday` | most recent such day on or before pub (future: on or after) | Day |
//! | `Sunday, April 13`, `Friday (11 April)` | the explicit date | Day |
//! | `last Friday` / `next Friday` | strictly before / strictly after pub | Day |
//! | `this weekend`, `over the weekend` / `last weekend` / `next weekend` | its Saturday, picked like a weekday | Day |
//! | `this week`, `earlier this week` / `last week`, `the week before`, `the past week` / `next week` | Monday of pub's week / of the week before / after | Week |
//! | `this month`, `last month`, `next month` (also `earlier this month`) | 1st of the month | Month |
//! | `this year`, `last year`, `next year` | 1 January | Year |
//! | `in February`, `this February` | the most recent February not after pub's month (future: the next not before it) | Month |
//! | `last February` / `next February` | strictly before / after pub's month | Month |
//! | `February 2024`, `in February 2024` | that month | Month |
//! | `April 10`, `10 April`, `the 10th of April` | the latest 10 April at most 31 days after pub (future: the first on or after pub) | Day |
//! | `April 10, 2025`, `10 April 2025`, `2025-04-10` | that day | Day |
//! | `on the 10th` | the latest 10th on or before pub (future: the first on or after) | Day |
//! | `two days ago`, `a week ago` | pub minus that many days | Day |
//! | `three months ago` / `two years ago` | that month / year | Month / Year |
//! | `2022`, `in 2022`, `since 2014` (1900-2100) | 1 January of that year | Year |
//!
//! A month name with neither day nor year is only read as a date after a cue word (`in`, `on`,
//! `since`, `this`, `last`...), so the verbs "may" and "march" are not dates.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Granularity {
    Day,
    Week,
    Month,
    Year,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Relation {
    /// The event happened at (within) the date's period.
    Exact,
    /// The event happened before the date's period (`before 2020`, `until March`).
    Before,
    /// The event happened after the start of the date's period (`since 2014`).
    After,
}

/// One temporal expression found in a sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Temporal {
    /// Index of the first token of the expression.
    pub start: usize,
    /// Number of tokens.
    pub len: usize,
    /// First day of the period meant (the day itself, a week's Monday, a month's 1st, 1 January).
    pub date: NaiveDate,
    pub granularity: Granularity,
    pub relation: Relation,
}

impl Temporal {
    /// Last day of the period meant.
    pub fn end(&self) -> NaiveDate {
        period_end(self.date, self.granularity)
    }

    /// [`is_historical`] for this expression, except that an `After` relation ("since 2014")
    /// reaches up to the present and is never historical.
    pub fn is_historical(&self, pub_date: NaiveDate) -> bool {
        self.relation != Relation::After && is_historical(self.date, self.granularity, pub_date)
    }
}

/// Days before the publication date after which an event period counts as historical.
pub const HISTORICAL_DAYS: i64 = 30;

/// True when the period (`event_date`, `granularity`) ends more than [`HISTORICAL_DAYS`] days
/// before `pub_date`: "in 2022" in a 2025 article, "in February" in a mid-April article; not
/// "last week", "last month" or (in early January) "last year".
pub fn is_historical(event_date: NaiveDate, granularity: Granularity, pub_date: NaiveDate) -> bool {
    let end = period_end(event_date, granularity);
    (pub_date - end).num_days() > HISTORICAL_DAYS
}

fn period_end(d: NaiveDate, g: Granularity) -> NaiveDate {
    match g {
        Granularity::Day => d,
        Granularity::Week => d + Duration::days(6),
        Granularity::Month => {
            let (y, m) = if d.month() == 12 {
                (d.year() + 1, 1)
            } else {
                (d.year(), d.month() + 1)
            };
            NaiveDate::from_ymd_opt(y, m, 1)
                .map(|n| n - Duration::days(1))
                .unwrap_or(d)
        }
        Granularity::Year => NaiveDate::from_ymd_opt(d.year(), 12, 31).unwrap_or(d),
    }
}

/// Temporal expressions in `tokens`, read as past-tense reporting (see the crate docs).
pub fn find_temporal(tokens: &[&str], pub_date: NaiveDate) -> Vec<Temporal> {
    find_temporal_with(tokens, pub_date, false)
}

/// Like [`find_temporal`]; with `future` set, bare weekdays, months and day-month dates resolve to
/// the next occurrence on or after the publication date (for "will meet on Friday").
pub fn find_temporal_with(tokens: &[&str], pub_date: NaiveDate, future: bool) -> Vec<Temporal> {
    // Every normalised token goes into one buffer (no String per token).
    let mut buf = String::with_capacity(tokens.iter().map(|w| w.len()).sum());
    let mut ends = Vec::with_capacity(tokens.len());
    for w in tokens {
        norm_into(w, &mut buf);
        ends.push(buf.len());
    }
    let mut t: Vec<&str> = Vec::with_capacity(tokens.len());
    let mut from = 0;
    for &e in &ends {
        t.push(&buf[from..e]);
        from = e;
    }
    let caps: Vec<bool> = tokens
        .iter()
        .map(|w| w.trim().starts_with(|c: char| c.is_uppercase()))
        .collect();
    let cx = Cx {
        t: &t,
        caps: &caps,
        pub_date,
        future,
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.len() {
        match cx.at(i) {
            Some(m) => {
                out.push(Temporal {
                    start: i,
                    len: m.len,
                    date: m.date,
                    granularity: m.gran,
                    relation: m.rel,
                });
                i += m.len.max(1);
            }
            None => i += 1,
        }
    }
    out
}

/// Lower case, without punctuation around the word (`Fri.` -> `fri`, `10,` -> `10`,
/// `“Friday”` -> `friday`, `,` -> ``), appended to `out`.
fn norm_into(w: &str, out: &mut String) {
    let w = w.trim_matches(|c: char| !c.is_alphanumeric());
    // "Thursday's meeting"
    let w = w
        .strip_suffix("'s")
        .or_else(|| w.strip_suffix("’s"))
        .unwrap_or(w);
    if w.is_ascii() {
        out.extend(w.bytes().map(|b| b.to_ascii_lowercase() as char));
    } else {
        out.push_str(&w.to_lowercase());
    }
}

struct Cx<'a> {
    t: &'a [&'a str],
    /// Whether each original token starts with a capital letter.
    caps: &'a [bool],
    pub_date: NaiveDate,
    future: bool,
}

struct Match {
    len: usize,
    date: NaiveDate,
    gran: Granularity,
    rel: Relation,
}

/// Weekday of a full name (any case) or of a capitalised abbreviation (`Fri`, `Thurs.`), so that
/// "sun", "sat" and "wed" are not days.
fn weekday(w: &str, capitalised: bool) -> Option<Weekday> {
    if w.len() <= 5 && !w.ends_with("day") && !capitalised {
        return None;
    }
    Some(match w {
        "monday" | "mon" => Weekday::Mon,
        "tuesday" | "tue" | "tues" => Weekday::Tue,
        "wednesday" | "wed" => Weekday::Wed,
        "thursday" | "thu" | "thur" | "thurs" => Weekday::Thu,
        "friday" | "fri" => Weekday::Fri,
        "saturday" | "sat" => Weekday::Sat,
        "sunday" | "sun" => Weekday::Sun,
        _ => return None,
    })
}

/// Month number of a month name (any case) or of a capitalised abbreviation (`Feb`, `Sept.`);
/// `mid-`/`early-`/`late-` prefixes allowed.
fn month(w: &str, capitalised: bool) -> Option<u32> {
    let w = ["mid-", "early-", "late-"]
        .iter()
        .find_map(|p| w.strip_prefix(p))
        .unwrap_or(w);
    if w.len() <= 4 && !matches!(w, "may" | "june" | "july") && !capitalised {
        return None;
    }
    Some(match w {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sep" | "sept" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    })
}

fn is_part_of_day(w: &str) -> bool {
    matches!(
        w,
        "morning" | "afternoon" | "evening" | "night" | "overnight"
    )
}

/// Day of month: `10`, `10th`, `1st`, `22nd`, `3rd`.
fn day_number(w: &str) -> Option<u32> {
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &w[digits.len()..];
    if !matches!(suffix, "" | "st" | "nd" | "rd" | "th") || digits.is_empty() || digits.len() > 2 {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

fn is_ordinal(w: &str) -> bool {
    day_number(w).is_some() && w.ends_with(|c: char| c.is_ascii_alphabetic())
}

fn year_number(w: &str) -> Option<i32> {
    (w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
        .then(|| w.parse().ok())
        .flatten()
        .filter(|y| (1900..=2100).contains(y))
}

fn small_number(w: &str) -> Option<i64> {
    Some(match w {
        "a" | "an" | "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        _ => return w.parse().ok().filter(|n| (1..=400).contains(n)),
    })
}

/// `2025-04-10` (also with `/`).
fn iso_date(w: &str) -> Option<NaiveDate> {
    // Asked for every token: split without collecting (no Vec per token).
    let mut parts = w.split(['-', '/']);
    let (Some(y), Some(m), Some(d), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
        return None;
    };
    if y.len() != 4 || m.len() > 2 || d.len() > 2 {
        return None;
    }
    let y = year_number(y)?;
    NaiveDate::from_ymd_opt(y, m.parse().ok()?, d.parse().ok()?)
}

fn monday_of(d: NaiveDate) -> NaiveDate {
    d - Duration::days(d.weekday().num_days_from_monday() as i64)
}

fn first_of_month(y: i32, m: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, 1)
}

/// First of the month `n` months before `d`'s month (negative `n`: after).
fn months_back(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    let idx = d.year() as i64 * 12 + d.month0() as i64 - n;
    first_of_month(
        i32::try_from(idx.div_euclid(12)).ok()?,
        idx.rem_euclid(12) as u32 + 1,
    )
}

fn days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    d.checked_add_signed(Duration::try_days(n)?)
}

/// Which occurrence of a weekday or month a modifier asks for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Pick {
    /// Bare, `this`, `on`: on or before pub (future: on or after).
    Nearest,
    /// `last`: strictly before.
    Last,
    /// `next`: strictly after.
    Next,
}

impl Cx<'_> {
    fn tok(&self, i: usize) -> &str {
        self.t.get(i).copied().unwrap_or("")
    }

    fn cap(&self, i: usize) -> bool {
        self.caps.get(i).copied().unwrap_or(false)
    }

    fn month_at(&self, i: usize) -> Option<u32> {
        month(self.tok(i), self.cap(i))
    }

    /// Index of the next token at or after `i` that is not a lone comma.
    fn skip_commas(&self, mut i: usize) -> usize {
        while i < self.t.len() && self.t[i].is_empty() {
            i += 1;
        }
        i
    }

    fn at(&self, i: usize) -> Option<Match> {
        let (rel, j) = match (self.tok(i), self.tok(i + 1)) {
            ("since" | "after" | "from", _) => (Relation::After, i + 1),
            ("before" | "until" | "till" | "til", _) => (Relation::Before, i + 1),
            ("prior", "to") => (Relation::Before, i + 2),
            _ => (Relation::Exact, i),
        };
        let prep = rel == Relation::Exact && matches!(self.tok(j), "on" | "in" | "during" | "of");
        let k = if prep { j + 1 } else { j };
        let cued = prep || rel != Relation::Exact;
        let (end, date, gran) = self.core(k, cued)?;
        Some(Match {
            len: end - i,
            date,
            gran,
            rel,
        })
    }

    /// A temporal expression starting at `k`: (end index, date, granularity).
    fn core(&self, k: usize, cued: bool) -> Option<(usize, NaiveDate, Granularity)> {
        use Granularity::*;
        let p = self.pub_date;
        let (w0, w1, w2) = (self.tok(k), self.tok(k + 1), self.tok(k + 2));
        if w0.is_empty() {
            return None;
        }
        // Single words relative to the publication day.
        match w0 {
            "today" | "tonight" => return Some((k + 1, p, Day)),
            "yesterday" => return Some((k + 1, days(p, -1)?, Day)),
            "tomorrow" => return Some((k + 1, days(p, 1)?, Day)),
            _ => {}
        }
        if let Some(d) = iso_date(w0) {
            return Some((k + 1, d, Day));
        }
        // "this morning", "last night".
        if w0 == "this" && matches!(w1, "morning" | "afternoon" | "evening") {
            return Some((k + 2, p, Day));
        }
        if w0 == "last" && w1 == "night" {
            return Some((k + 2, days(p, -1)?, Day));
        }
        // Modifiers: this / last / next / earlier this / later this / the past / the previous ...
        let (pick, m) = match (w0, w1, w2) {
            ("earlier" | "later", "this", _) => (Some(Pick::Nearest), k + 2),
            ("this" | "coming", _, _) => (Some(Pick::Nearest), k + 1),
            ("last" | "past" | "previous", _, _) => (Some(Pick::Last), k + 1),
            ("the", "past" | "previous" | "last", _) => (Some(Pick::Last), k + 2),
            ("next", _, _) => (Some(Pick::Next), k + 1),
            ("the", "coming" | "next", _) => (Some(Pick::Next), k + 2),
            _ => (None, k),
        };
        // "early 2022", "in late February", "mid-March".
        let m = if pick.is_none() && matches!(self.tok(m), "early" | "late" | "mid") {
            m + 1
        } else {
            m
        };
        let wm = self.tok(m);
        if m > k && pick.is_none() {
            if let Some(y) = year_number(wm) {
                return Some((m + 1, NaiveDate::from_ymd_opt(y, 1, 1)?, Year));
            }
        }
        // week / month / year after a modifier.
        if let Some(pick) = pick {
            let shift = match pick {
                Pick::Nearest => 0,
                Pick::Last => 1,
                Pick::Next => -1,
            };
            match wm {
                "week" => return Some((m + 1, days(monday_of(p), -7 * shift)?, Week)),
                "month" => return Some((m + 1, months_back(p, shift)?, Month)),
                "year" => {
                    return Some((
                        m + 1,
                        NaiveDate::from_ymd_opt(p.year() - shift as i32, 1, 1)?,
                        Year,
                    ))
                }
                _ => {}
            }
        }
        // "this weekend", "last weekend", "over the weekend": its Saturday.
        let weekend_at = match (pick, w0, w1) {
            (Some(_), _, _) if wm == "weekend" => Some(m),
            (None, "over" | "during" | "at", "the") if w2 == "weekend" => Some(k + 2),
            (None, "the", "weekend") => Some(k + 1),
            _ => None,
        };
        if let Some(at) = weekend_at {
            let date = self.weekday_date(Weekday::Sat, pick.unwrap_or(Pick::Nearest))?;
            return Some((at + 1, date, Day));
        }
        // "the week before" = last week.
        if w0 == "the"
            && matches!(w1, "week" | "month" | "year")
            && matches!(w2, "before" | "prior")
        {
            let end = k + 3;
            return match w1 {
                "week" => Some((end, days(monday_of(p), -7)?, Week)),
                "month" => Some((end, months_back(p, 1)?, Month)),
                _ => Some((end, NaiveDate::from_ymd_opt(p.year() - 1, 1, 1)?, Year)),
            };
        }
        // Weekdays, with an optional part of the day.
        if let Some(wd) = weekday(wm, self.cap(m)) {
            let pick = pick.unwrap_or(Pick::Nearest);
            let date = self.weekday_date(wd, pick)?;
            let end = if is_part_of_day(self.tok(m + 1)) {
                m + 2
            } else {
                m + 1
            };
            // "Sunday, April 13" / "Friday (11 April)": the explicit date wins.
            let n = self.skip_commas(end);
            if n < self.t.len() && (self.month_at(n).is_some() || day_number(self.tok(n)).is_some())
            {
                if let Some((end2, d, Day)) = self.core(n, false) {
                    return Some((end2, d, Day));
                }
            }
            return Some((end, date, Day));
        }
        // Month names.
        if let Some(mo) = self.month_at(m) {
            return self.month_expr(m, mo, pick, cued || pick.is_some());
        }
        if pick.is_some() {
            return None;
        }
        // "10 April [2025]", "the 10th of April [, 2025]", "on the 10th".
        let (d_at, has_the) = if w0 == "the" {
            (k + 1, true)
        } else {
            (k, false)
        };
        if let Some(day) = day_number(self.tok(d_at)) {
            let mut n = d_at + 1;
            if self.tok(n) == "of" {
                n += 1;
            }
            if let Some(mo) = self.month_at(n) {
                if has_the && !is_ordinal(self.tok(d_at)) {
                    return None;
                }
                let after = self.skip_commas(n + 1);
                if let Some(y) = year_number(self.tok(after)) {
                    return Some((after + 1, NaiveDate::from_ymd_opt(y, mo, day)?, Day));
                }
                return Some((n + 1, self.day_month_date(mo, day)?, Day));
            }
            if has_the && cued && is_ordinal(self.tok(d_at)) {
                return Some((d_at + 1, self.day_of_month_date(day)?, Day));
            }
            return None;
        }
        // "N days/weeks/months/years ago".
        if let Some(n) = small_number(w0) {
            if w2 == "ago" {
                return match w1 {
                    "day" | "days" => Some((k + 3, days(p, -n)?, Day)),
                    "week" | "weeks" => Some((k + 3, days(p, -7 * n)?, Day)),
                    "month" | "months" => Some((k + 3, months_back(p, n)?, Month)),
                    "year" | "years" => Some((
                        k + 3,
                        NaiveDate::from_ymd_opt(p.year() - n as i32, 1, 1)?,
                        Year,
                    )),
                    _ => None,
                };
            }
        }
        // A year: after a cue word, "the" or "of" ("the 2022 election"), or not followed by a
        // lower-case word ("2022." / "2022, when"), so that "2000 soldiers" is not a year.
        if let Some(y) = year_number(w0) {
            let prev = if k > 0 { self.tok(k - 1) } else { "" };
            let next_is_word = w1.starts_with(|c: char| c.is_alphabetic()) && !self.cap(k + 1);
            let next_ok = matches!(
                w1,
                "and" | "to" | "was" | "saw" | "when" | "until" | "through" | "onwards"
            );
            if cued || matches!(prev, "the" | "of") || !next_is_word || next_ok {
                return Some((k + 1, NaiveDate::from_ymd_opt(y, 1, 1)?, Year));
            }
        }
        None
    }

    /// `[modifier] Month [Day[th]] [, Year]` starting with the month name at `m`.
    fn month_expr(
        &self,
        m: usize,
        mo: u32,
        pick: Option<Pick>,
        cued: bool,
    ) -> Option<(usize, NaiveDate, Granularity)> {
        use Granularity::*;
        let next = self.tok(m + 1);
        if let Some(day) = day_number(next) {
            let after = self.skip_commas(m + 2);
            if let Some(y) = year_number(self.tok(after)) {
                return Some((after + 1, NaiveDate::from_ymd_opt(y, mo, day)?, Day));
            }
            return Some((m + 2, self.day_month_date(mo, day)?, Day));
        }
        if let Some(y) = year_number(next) {
            return Some((m + 2, first_of_month(y, mo)?, Month));
        }
        if !cued {
            return None;
        }
        let p = self.pub_date;
        let pick = pick.unwrap_or(Pick::Nearest);
        let y = match pick {
            Pick::Nearest if self.future => {
                if mo >= p.month() {
                    p.year()
                } else {
                    p.year() + 1
                }
            }
            Pick::Nearest => {
                if mo <= p.month() {
                    p.year()
                } else {
                    p.year() - 1
                }
            }
            Pick::Last => {
                if mo < p.month() {
                    p.year()
                } else {
                    p.year() - 1
                }
            }
            Pick::Next => {
                if mo > p.month() {
                    p.year()
                } else {
                    p.year() + 1
                }
            }
        };
        Some((m + 1, first_of_month(y, mo)?, Month))
    }

    fn weekday_date(&self, wd: Weekday, pick: Pick) -> Option<NaiveDate> {
        let p = self.pub_date;
        let back = (p.weekday().num_days_from_monday() as i64 - wd.num_days_from_monday() as i64)
            .rem_euclid(7);
        let fwd = (7 - back) % 7;
        match pick {
            Pick::Nearest if self.future => days(p, fwd),
            Pick::Nearest => days(p, -back),
            Pick::Last => days(p, -(if back == 0 { 7 } else { back })),
            Pick::Next => days(p, if fwd == 0 { 7 } else { fwd }),
        }
    }

    /// Day and month without a year: the latest occurrence at most 31 days after pub (future:
    /// the first on or after pub).
    fn day_month_date(&self, mo: u32, day: u32) -> Option<NaiveDate> {
        let p = self.pub_date;
        let years = [p.year() - 1, p.year(), p.year() + 1];
        let mut dates = years
            .iter()
            .filter_map(|&y| NaiveDate::from_ymd_opt(y, mo, day));
        if self.future {
            dates.into_iter().find(|d| *d >= p)
        } else {
            let limit = days(p, 31)?;
            dates.rfind(|d| *d <= limit)
        }
    }

    /// "on the 10th": the latest 10th on or before pub (future: first on or after pub).
    fn day_of_month_date(&self, day: u32) -> Option<NaiveDate> {
        let p = self.pub_date;
        let cands = (-3i64..=3).filter_map(|n| {
            let first = months_back(p, n)?;
            NaiveDate::from_ymd_opt(first.year(), first.month(), day)
        });
        if self.future {
            cands.filter(|d| *d >= p).min()
        } else {
            cands.filter(|d| *d <= p).max()
        }
    }
}
