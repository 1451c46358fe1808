//! Reading dictionary bytes into clean lines, with diagnostics for bad bytes.
//!
//! Dictionaries are read as bytes: invalid UTF-8 is replaced (`L001`), control bytes other
//! than tab are removed (`L002`, e.g. the stray 0x1A bytes of `Phoenix.Countries.actors.txt`),
//! text that looks like UTF-8 decoded as Latin-1 is reported (`L003`, not changed), and so is a
//! U+FFFD already in the file (`L004`: a character lost by an earlier conversion). CR before
//! LF is dropped, so CRLF files read like LF files. A UTF-8 byte-order mark is skipped.

use petrel_model::Diagnostic;
use std::borrow::Cow;

/// One line of a dictionary file: 1-based number and its cleaned text (no line terminator).
pub(crate) struct Line<'a> {
    pub no: u32,
    pub text: Cow<'a, str>,
}

/// Split `bytes` into cleaned lines, pushing byte-level diagnostics for `file` into `diags`.
pub(crate) fn lines<'a>(bytes: &'a [u8], file: &str, diags: &mut Vec<Diagnostic>) -> Vec<Line<'a>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut out = Vec::new();
    for (i, raw) in bytes.split(|&b| b == b'\n').enumerate() {
        let no = (i + 1) as u32;
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        let mut text = String::from_utf8_lossy(raw);
        if let Cow::Owned(_) = text {
            diags.push(
                Diagnostic::warning("L001", "invalid UTF-8 bytes replaced by U+FFFD; expected UTF-8 text")
                    .at(file, no),
            );
        } else if text.contains('\u{FFFD}') {
            diags.push(
                Diagnostic::warning(
                    "L004",
                    format!(
                        "replacement character U+FFFD in {:?}: a character was lost in an earlier conversion",
                        text.trim()
                    ),
                )
                .at(file, no),
            );
        }
        let ascii = raw.is_ascii();
        let has_control = if ascii {
            raw.iter().any(|&b| (b < 0x20 && b != b'\t') || b == 0x7f)
        } else {
            text.chars().any(|c| c.is_control() && c != '\t')
        };
        if has_control {
            let bad: Vec<String> = text
                .chars()
                .filter(|c| c.is_control() && *c != '\t')
                .map(|c| format!("U+{:04X}", c as u32))
                .collect();
            diags.push(
                Diagnostic::warning(
                    "L002",
                    format!("control character(s) {} removed; expected printable text", bad.join(" ")),
                )
                .at(file, no),
            );
            text = Cow::Owned(text.chars().filter(|c| !c.is_control() || *c == '\t').collect());
        }
        if let Some(m) = if ascii { None } else { mojibake(&text) } {
            diags.push(
                Diagnostic::warning(
                    "L003",
                    format!("possible mojibake {m:?} (UTF-8 read as Latin-1/CP1252); check the encoding"),
                )
                .at(file, no),
            );
        }
        out.push(Line { no, text });
    }
    // A final newline yields one empty trailing "line": harmless, it is blank.
    out
}

/// The first suspicious sequence: `Ã`/`Â`/`â` followed by a character from the Latin-1
/// upper half or CP1252 punctuation, which is how UTF-8 multi-byte text looks after a wrong
/// decoding (`Ã©` for `é`, `â€™` for `’`).
fn mojibake(s: &str) -> Option<String> {
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if matches!(c, 'Ã' | 'Â' | 'â' | 'Å' | 'Ä') {
            if let Some(&(_, d)) = it.peek() {
                let cp1252 = matches!(d, '€' | '‚' | 'ƒ' | '„' | '…' | '†' | '‡' | 'ˆ' | '‰' | 'Š' | '‹' | 'Œ' | 'Ž'
                    | '‘' | '’' | '“' | '”' | '•' | '–' | '—' | '˜' | '™' | 'š' | '›' | 'œ' | 'ž' | 'Ÿ');
                if ('\u{80}'..='\u{BF}').contains(&d) || cp1252 {
                    let end = s[i..].char_indices().nth(3).map_or(s.len(), |(j, _)| i + j);
                    return Some(s[i..end].to_string());
                }
            }
        }
    }
    None
}

/// Remove a `#` comment; returns the text before it.
pub(crate) fn strip_comment(s: &str) -> &str {
    match s.find('#') {
        Some(i) => &s[..i],
        None => s,
    }
}

/// True for whole-line XML-style comments (`<!-- ... -->`, also the typo `<! --`).
pub(crate) fn is_xml_comment(s: &str) -> bool {
    let t = s.trim_start();
    t.starts_with("<!") || t.starts_with("-->")
}
