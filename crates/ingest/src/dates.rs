//! Publication dates from JSON fields, file names and datelines.

use chrono::NaiveDate;

const MONTHS: [&str; 12] = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december",
];

fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    MONTHS.iter().position(|m| m.starts_with(&w) && (w.len() == m.len() || w.len() == 3 || (w == "sept"))).map(|i| i as u32 + 1)
}

/// `2025-04-11`, `2025-04-11T10:00:00Z`, `20250411`, `2025/04/11`.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let digits: String = s.chars().take(10).filter(|c| c.is_ascii_digit()).collect();
    let head: String = s.chars().take(10).collect();
    let ok_shape = head.len() == 10 && head.chars().enumerate().all(|(i, c)| if i == 4 || i == 7 { matches!(c, '-' | '/') } else { c.is_ascii_digit() });
    let compact = s.len() >= 8 && s[..8.min(s.len())].chars().all(|c| c.is_ascii_digit()) && !s[8..].starts_with(|c: char| c.is_ascii_digit());
    if !(ok_shape || compact) || digits.len() < 8 {
        return None;
    }
    let y: i32 = digits[0..4].parse().ok()?;
    let m: u32 = digits[4..6].parse().ok()?;
    let d: u32 = digits[6..8].parse().ok()?;
    NaiveDate::from_ymd_opt(y, m, d)
}

/// A date written in a file name: `2025-04-11-summit.txt`, `summit_20250411.txt`.
pub fn date_in_file_name(name: &str) -> Option<NaiveDate> {
    let b = name.as_bytes();
    for i in 0..b.len() {
        if !(b[i] == b'1' || b[i] == b'2') || (i > 0 && b[i - 1].is_ascii_digit()) {
            continue;
        }
        for len in [10usize, 8] {
            if let Some(cand) = name.get(i..i + len) {
                let after_ok = b.get(i + len).is_none_or(|c| !c.is_ascii_digit());
                let cand = if len == 10 { cand.replace('_', "-") } else { cand.to_string() };
                if after_ok {
                    if let Some(d) = parse_date(&cand).filter(|d| (1900..=2100).contains(&chrono::Datelike::year(d))) {
                        return Some(d);
                    }
                }
            }
        }
    }
    None
}

/// A date in the first non-empty line of an article (a dateline): `April 11, 2025`,
/// `11 April 2025`, `Apr. 11, 2025`, `2025-04-11`.
pub fn dateline_date(text: &str) -> Option<NaiveDate> {
    let line = text.lines().find(|l| !l.trim().is_empty())?;
    let line: String = line.chars().take(200).collect();
    let words: Vec<&str> = line
        .split(|c: char| c.is_whitespace() || c == ',' || c == '(' || c == ')' || c == '|')
        .filter(|w| !w.is_empty())
        .collect();
    for w in &words {
        if let Some(d) = parse_date(w) {
            return Some(d);
        }
    }
    let num = |w: &str| -> Option<u32> { w.trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == '.').parse().ok() };
    for i in 0..words.len() {
        let Some(m) = month_number(words[i]) else { continue };
        // Month Day Year
        if let (Some(d), Some(y)) = (words.get(i + 1).and_then(|w| num(w)), words.get(i + 2).and_then(|w| num(w))) {
            if let Some(date) = NaiveDate::from_ymd_opt(y as i32, m, d).filter(|_| y >= 1900) {
                return Some(date);
            }
        }
        // Day Month Year
        if i > 0 {
            if let (Some(d), Some(y)) = (num(words[i - 1]), words.get(i + 1).and_then(|w| num(w))) {
                if let Some(date) = NaiveDate::from_ymd_opt(y as i32, m, d).filter(|_| y >= 1900) {
                    return Some(date);
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    fn d(s: &str) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
    }

    #[test]
    fn json_dates() {
        for (input, want) in [
            ("2025-04-11", d("2025-04-11")),
            ("2025-04-11T08:00:00Z", d("2025-04-11")),
            ("20250411", d("2025-04-11")),
            ("2025/04/11", d("2025-04-11")),
            ("2025-13-11", None),
            ("April 11", None),
            ("", None),
            ("202504111", None),
        ] {
            assert_eq!(parse_date(input), want, "{input}");
        }
    }

    #[test]
    fn file_name_dates() {
        for (input, want) in [
            ("2025-04-11-summit.txt", d("2025-04-11")),
            ("summit_20250411.txt", d("2025-04-11")),
            ("2025_04_11.txt", d("2025-04-11")),
            ("report-12345678.txt", None),
            ("summit.txt", None),
        ] {
            assert_eq!(date_in_file_name(input), want, "{input}");
        }
    }

    #[test]
    fn datelines() {
        for (input, want) in [
            ("KYIV, April 11, 2025 - The talks...", d("2025-04-11")),
            ("Brussels (11 April 2025)\nText", d("2025-04-11")),
            ("Apr. 9, 2024 | Wire\n", d("2024-04-09")),
            ("\n\n2025-04-11 Moscow\n", d("2025-04-11")),
            ("The May 2025 meeting was postponed.", None),
            ("Nothing here.\nApril 11, 2025", None),
        ] {
            assert_eq!(dateline_date(input), want, "{input:?}");
        }
    }
}
