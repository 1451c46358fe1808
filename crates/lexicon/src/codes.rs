//! Bracketed codes and date restrictions: `[USAGOV]`, `[USAGOV >20250120]`,
//! `[AFGELI 730717-070723]`, `[--- <950630]`, shared by the actor reader and `dict check`.
//!
//! Two-digit years (YYMMDD, as in the Phoenix files): `00`-`29` are 2000-2029 and `30`-`99`
//! are 1930-1999. The Phoenix/CountryInfo files write earlier years with four digits
//! (`[AFGELI 19270101-730717]`), and later ones reach 2007 (`070723`), so the pivot at 30
//! reads both correctly. Bounds are inclusive ("or equal to").

use crate::types::DatedCode;
use chrono::NaiveDate;
use petrel_model::Diagnostic;

/// Parse a YYMMDD or YYYYMMDD date.
pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    if !s.bytes().all(|b| b.is_ascii_digit()) || s.is_empty() {
        return Err(format!("expected a date YYMMDD or YYYYMMDD, found {s:?}"));
    }
    let (y, rest) = match s.len() {
        6 => {
            let yy: i32 = s[..2].parse().map_err(|_| format!("bad year in {s:?}"))?;
            (if yy < 30 { 2000 + yy } else { 1900 + yy }, &s[2..])
        }
        8 => (s[..4].parse().map_err(|_| format!("bad year in {s:?}"))?, &s[4..]),
        n => return Err(format!("expected a date YYMMDD or YYYYMMDD, found {s:?} ({n} digits)")),
    };
    let m: u32 = rest[..2].parse().map_err(|_| format!("bad month in {s:?}"))?;
    let d: u32 = rest[2..].parse().map_err(|_| format!("bad day in {s:?}"))?;
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| format!("no such calendar date {s:?} ({y:04}-{m:02}-{d:02})"))
}

/// Parse a restriction (`""`, `<DATE`, `>DATE`, `DATE-DATE`; blanks already removed).
pub fn parse_restriction(r: &str) -> Result<(Option<NaiveDate>, Option<NaiveDate>), String> {
    if r.is_empty() {
        Ok((None, None))
    } else if let Some(d) = r.strip_prefix('<') {
        Ok((None, Some(parse_date(d)?)))
    } else if let Some(d) = r.strip_prefix('>') {
        Ok((Some(parse_date(d)?), None))
    } else if let Some((a, b)) = r.split_once('-') {
        Ok((Some(parse_date(a)?), Some(parse_date(b)?)))
    } else {
        Err(format!("expected a restriction <DATE, >DATE or DATE-DATE, found {r:?}"))
    }
}

/// Check an actor code's characters; returns the code to use (upper-cased).
/// `---` (null) and `+++` are accepted as written.
pub fn check_code(code: &str, file: &str, line: u32, diags: &mut Vec<Diagnostic>) -> String {
    if code == "---" || code == "+++" {
        return code.to_string();
    }
    if code.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()) {
        check_chunks(code, file, line, diags);
        return code.to_string();
    }
    let up = code.to_uppercase();
    if up != code {
        diags.push(
            Diagnostic::warning("L013", format!("code {code:?} is not upper case; read as {up:?}")).at(file, line),
        );
    }
    if up.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()) {
        check_chunks(&up, file, line, diags);
    } else {
        diags.push(
            Diagnostic::warning(
                "L012",
                format!("malformed code {code:?}: expected letters and digits only (or ---)"),
            )
            .at(file, line),
        );
    }
    up
}

/// `L019`: actor codes are 3-letter chunks (`USAGOV`); another length is usually a typo.
fn check_chunks(code: &str, file: &str, line: u32, diags: &mut Vec<Diagnostic>) {
    if code.len() % 3 > 0 {
        diags.push(
            Diagnostic::warning(
                "L019",
                format!("code {code:?} is {} letters: expected 3-letter chunks (USA, USAGOV, IGOUNOKID)", code.len()),
            )
            .at(file, line),
        );
    }
}

/// Split `s` into bracket groups. Returns the inner texts and the text outside the groups.
/// Unbalanced brackets give `L014`; the unclosed group is dropped.
pub fn bracket_groups<'a>(
    s: &'a str,
    file: &str,
    line: u32,
    diags: &mut Vec<Diagnostic>,
) -> (Vec<&'a str>, String) {
    let mut groups = Vec::new();
    let mut outside = String::new();
    let mut rest = s;
    loop {
        match (rest.find('['), rest.find(']')) {
            (Some(o), c) if c.is_none() || c > Some(o) => {
                push_nonblank(&mut outside, &rest[..o]);
                let after = &rest[o + 1..];
                match after.find(']') {
                    Some(c) => {
                        let inner = &after[..c];
                        if inner.contains('[') {
                            diags.push(
                                Diagnostic::error("L014", format!("unbalanced brackets: '[' inside [{inner}]"))
                                    .at(file, line),
                            );
                        } else {
                            groups.push(inner);
                        }
                        rest = &after[c + 1..];
                    }
                    None => {
                        diags.push(
                            Diagnostic::error("L014", format!("unbalanced brackets: no ']' after [{}", after.trim()))
                                .at(file, line),
                        );
                        return (groups, outside);
                    }
                }
            }
            (_, Some(c)) => {
                push_nonblank(&mut outside, &rest[..c]);
                diags.push(
                    Diagnostic::error("L014", "unbalanced brackets: ']' without '['").at(file, line),
                );
                rest = &rest[c + 1..];
            }
            _ => {
                push_nonblank(&mut outside, rest);
                return (groups, outside);
            }
        }
    }
}

/// Append `s` to `out` unless it is blank (so that `out` stays unallocated in the usual case).
fn push_nonblank(out: &mut String, s: &str) {
    if !s.trim().is_empty() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(s.trim());
    }
}

/// Parse one group's inner text (`USAGOV >20250120`) into a dated code. Errors give
/// `L020`/`L021` and `None` (the code is dropped: an unreadable restriction must not turn
/// into an always-valid code); an empty range gives `L022`.
pub fn parse_group(inner: &str, file: &str, line: u32, diags: &mut Vec<Diagnostic>) -> Option<DatedCode> {
    let mut parts = inner.split_whitespace();
    let Some(code) = parts.next() else {
        diags.push(Diagnostic::error("L012", "empty code []: expected [CODE] or [CODE restriction]").at(file, line));
        return None;
    };
    let first = parts.next();
    let restriction: std::borrow::Cow<str> = match (first, parts.clone().next()) {
        (None, _) => "".into(),
        (Some(r), None) => r.into(),
        (Some(r), Some(_)) => std::iter::once(r).chain(parts).collect::<String>().into(),
    };
    let code = check_code(code, file, line, diags);
    match parse_restriction(&restriction) {
        Ok((from, to)) => {
            if let (Some(f), Some(t)) = (from, to) {
                if f > t {
                    diags.push(
                        Diagnostic::warning(
                            "L022",
                            format!("empty date range in [{}]: {f} is after {t}; the code never applies", inner.trim()),
                        )
                        .at(file, line),
                    );
                }
            }
            Some(DatedCode { code, from, to })
        }
        Err(msg) => {
            let code_l = if msg.starts_with("expected a restriction") { "L021" } else { "L020" };
            diags.push(
                Diagnostic::error(code_l, format!("{msg} in [{}]; code dropped", inner.trim())).at(file, line),
            );
            None
        }
    }
}

/// Report codes that can never be chosen by [`crate::types::ActorEntry::code_on`]: a
/// restricted code whose range lies inside an earlier restricted code's range with a
/// different code (`L023`; the same code twice is harmless),
/// and a second unrestricted code (`L024`). `lines[i]` is the line of `codes[i]`.
pub fn check_reachable(codes: &[DatedCode], lines: &[u32], name: &str, file: &str, diags: &mut Vec<Diagnostic>) {
    let min = NaiveDate::MIN;
    let max = NaiveDate::MAX;
    for (j, c) in codes.iter().enumerate() {
        let line = lines.get(j).copied().unwrap_or(0);
        if c.is_restricted() {
            let (cf, ct) = (c.from.unwrap_or(min), c.to.unwrap_or(max));
            if cf > ct {
                continue;
            }
            if let Some((i, e)) = codes[..j].iter().enumerate().find(|(_, e)| {
                e.is_restricted() && e.code != c.code && e.from.unwrap_or(min) <= cf && e.to.unwrap_or(max) >= ct
            }) {
                diags.push(
                    Diagnostic::warning(
                        "L023",
                        format!(
                            "unreachable restriction for {name}: [{}] is inside the range of the earlier [{}] (line {}), which always wins",
                            show(c),
                            show(e),
                            lines.get(i).copied().unwrap_or(0)
                        ),
                    )
                    .at(file, line),
                );
            }
        } else if let Some((i, e)) = codes[..j].iter().enumerate().find(|(_, e)| !e.is_restricted()) {
            diags.push(
                Diagnostic::warning(
                    "L024",
                    format!(
                        "second default code [{}] for {name} is never used: the first default [{}] (line {}) wins",
                        c.code,
                        e.code,
                        lines.get(i).copied().unwrap_or(0)
                    ),
                )
                .at(file, line),
            );
        }
    }
}

/// `CODE from-to` for messages.
pub fn show(c: &DatedCode) -> String {
    let f = |d: Option<NaiveDate>| d.map(|d| d.format("%Y%m%d").to_string());
    match (f(c.from), f(c.to)) {
        (None, None) => c.code.clone(),
        (Some(a), None) => format!("{} >{a}", c.code),
        (None, Some(b)) => format!("{} <{b}", c.code),
        (Some(a), Some(b)) => format!("{} {a}-{b}", c.code),
    }
}
