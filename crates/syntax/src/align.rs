//! Form-to-text alignment shared by the readers.
//!
//! Parsers hand us word forms (`Arnor`, `-LRB-`, `n't`, ```` `` ````) and we need their byte ranges in
//! the original sentence text. [`Aligner`] walks the text left to right: it skips whitespace, then
//! tries the form at the cursor, first verbatim, then through the Penn Treebank escapes
//! (`-LRB-` -> `(`, ```` `` ```` -> `"`/`“`, `--` -> `–`...), then loosely (case-insensitive, any
//! apostrophe for any apostrophe, any quote for any quote, any dash for any dash). When the form is
//! not at the cursor it looks a little further ahead ([`LOOKAHEAD`] bytes) before giving up, so a
//! parse that dropped a character of the text does not derail every later token. Callers turn a
//! failure into an empty span at the cursor plus a diagnostic (code `S004`).
//!
//! **Invariant:** every span returned starts and ends on char boundaries of the text and never
//! goes backwards.

use petrel_model::Span;

/// How far ahead of the cursor (in bytes) a form is searched for when it is not at the cursor.
pub const LOOKAHEAD: usize = 64;

/// A cursor over a sentence text that hands out the span of each successive form.
#[derive(Clone, Debug)]
pub struct Aligner<'t> {
    text: &'t str,
    pos: usize,
    /// The previous form was not found: the cursor may be stuck before a word the parse lacks.
    stuck: bool,
}

impl<'t> Aligner<'t> {
    pub fn new(text: &'t str) -> Aligner<'t> {
        Aligner {
            text,
            pos: 0,
            stuck: false,
        }
    }

    /// Current byte position of the cursor.
    pub fn pos(&self) -> u32 {
        self.pos as u32
    }

    /// An empty span at the cursor (what callers give a form that could not be found).
    pub fn empty(&self) -> Span {
        Span::new(self.pos as u32, self.pos as u32)
    }

    /// Finds `form` at (or shortly after) the cursor, skipping whitespace, and moves past it.
    /// Returns `None`, leaving the cursor where it was, when the form is not found.
    pub fn next(&mut self, form: &str) -> Option<Span> {
        let start = skip_ws(self.text, self.pos);
        if form.is_empty() {
            return None;
        }
        let limit = (start + LOOKAHEAD).min(self.text.len());
        // A short form (`,`, `a`, `'s`) is only looked for past punctuation and spaces, unless the
        // previous form was missing (then the cursor sits before a word the parse lacks); and
        // away from the cursor a short word must be a whole word. Otherwise a short form would
        // match inside a later word and derail every later form.
        // (sentence-final punctuation may jump: a parse's final `.` is the text's final one)
        let short = form.chars().count() < 3 && !matches!(form, "." | "!" | "?");
        // a cursor inside a word (`official|s in`, the parse lacking the `s`) may finish that word
        let alnum_at = |i: usize| {
            self.text[i..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
        };
        let mut in_first_word = start > 0
            && self.text[..start]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
            && alnum_at(start);
        let wordy = form.chars().next().is_some_and(char::is_alphanumeric);
        let boundary = |i: usize| {
            let before = not_alnum(self.text[..i].chars().next_back());
            let after = not_alnum(self.text[i..].chars().next());
            (before, after)
        };
        let mut at = start;
        while at <= limit {
            if let Some(end) = match_at(self.text, at, form) {
                let whole = at == start || !short || !wordy || (boundary(at).0 && boundary(end).1);
                if whole {
                    self.pos = end;
                    self.stuck = false;
                    return Some(Span::new(at as u32, end as u32));
                }
            }
            // next char boundary
            match self.text[at..].chars().next() {
                Some(c) if short && !self.stuck && c.is_alphanumeric() && !in_first_word => break,
                Some(c) => {
                    in_first_word &= c.is_alphanumeric();
                    at += c.len_utf8();
                }
                None => break,
            }
        }
        self.stuck = true;
        None
    }
}

fn not_alnum(c: Option<char>) -> bool {
    !c.is_some_and(char::is_alphanumeric)
}

fn skip_ws(text: &str, mut pos: usize) -> usize {
    while let Some(c) = text[pos..].chars().next() {
        if c.is_whitespace() {
            pos += c.len_utf8();
        } else {
            break;
        }
    }
    pos
}

/// Surface strings a Penn Treebank escaped form may stand for.
fn ptb_unescape(form: &str) -> &'static [&'static str] {
    match form {
        "-LRB-" | "-lrb-" => &["(", "[", "{"],
        "-RRB-" | "-rrb-" => &[")", "]", "}"],
        "-LSB-" | "-lsb-" => &["[", "("],
        "-RSB-" | "-rsb-" => &["]", ")"],
        "-LCB-" | "-lcb-" => &["{", "("],
        "-RCB-" | "-rcb-" => &["}", ")"],
        "``" => &["\"", "“", "''", "„", "«"],
        "''" => &["\"", "”", "``", "»"],
        "\"" => &["``", "''", "“", "”"],
        "`" => &["'", "‘"],
        "'" => &["’", "‘", "`"],
        "--" => &["–", "—", "-"],
        "..." => &["…", ". . ."],
        _ => &[],
    }
}

/// End of `form` matched at byte `at` of `text`, if it matches.
pub(crate) fn match_at(text: &str, at: usize, form: &str) -> Option<usize> {
    let rest = text.get(at..)?;
    if rest.starts_with(form) {
        return Some(at + form.len());
    }
    for alt in ptb_unescape(form) {
        if rest.starts_with(alt) {
            return Some(at + alt.len());
        }
    }
    loose_match(rest, form).map(|n| at + n)
}

fn class(c: char) -> u8 {
    match c {
        '\'' | '’' | '‘' | '`' | 'ʼ' | '′' => 1,
        '"' | '“' | '”' | '„' | '«' | '»' => 2,
        '-' | '–' | '—' | '‐' | '‑' | '−' => 3,
        _ => 0,
    }
}

/// Case-insensitive match with equivalence classes; `\/` and `\*` in the form stand for `/`, `*`;
/// a space in the form matches any run of whitespace. Returns the number of bytes matched.
fn loose_match(rest: &str, form: &str) -> Option<usize> {
    let mut t = rest.char_indices().peekable();
    let mut f = form.chars().peekable();
    let mut matched = 0;
    while let Some(fc) = f.next() {
        let fc = if fc == '\\' && matches!(f.peek(), Some('/') | Some('*')) {
            f.next()?
        } else {
            fc
        };
        if fc.is_whitespace() {
            let mut any = false;
            while let Some(&(i, tc)) = t.peek() {
                if tc.is_whitespace() {
                    any = true;
                    t.next();
                    matched = i + tc.len_utf8();
                } else {
                    break;
                }
            }
            if !any {
                return None;
            }
            continue;
        }
        let (i, tc) = t.next()?;
        let same = tc == fc
            || (class(tc) != 0 && class(tc) == class(fc))
            || (tc.is_alphabetic() && tc.to_lowercase().eq(fc.to_lowercase()));
        if !same {
            return None;
        }
        matched = i + tc.len_utf8();
    }
    if matched == 0 {
        None
    } else {
        Some(matched)
    }
}

/// Aligns `forms` to `text` in order. Returns one span per form and the indices of the forms that
/// were not found (they get an empty span at the cursor).
pub fn align_forms<S: AsRef<str>>(text: &str, forms: &[S]) -> (Vec<Span>, Vec<usize>) {
    let mut a = Aligner::new(text);
    let mut spans = Vec::with_capacity(forms.len());
    let mut missing = Vec::new();
    for (i, f) in forms.iter().enumerate() {
        match a.next(f.as_ref()) {
            Some(s) => spans.push(s),
            None => {
                spans.push(a.empty());
                missing.push(i);
            }
        }
    }
    (spans, missing)
}

/// A user string for a diagnostic message: quoted, at most 40 chars (`"abc…"`).
pub(crate) fn short(s: &str) -> String {
    match s.char_indices().nth(40) {
        Some((i, _)) => format!("{:?}…", &s[..i]),
        None => format!("{s:?}"),
    }
}

/// A user string for a message, unquoted, at most 40 chars.
pub(crate) fn clip(s: &str) -> std::borrow::Cow<'_, str> {
    match s.char_indices().nth(40) {
        Some((i, _)) => format!("{}…", &s[..i]).into(),
        None => s.into(),
    }
}

/// Collects "not found" diagnostics (`S004`) for one sentence: the first ten, then a count.
#[derive(Default)]
pub(crate) struct Misses {
    n: u32,
}

impl Misses {
    pub(crate) const SHOWN: u32 = 10;

    pub(crate) fn push(
        &mut self,
        diags: &mut Vec<petrel_model::Diagnostic>,
        d: petrel_model::Diagnostic,
    ) {
        self.n += 1;
        if self.n <= Self::SHOWN {
            diags.push(d);
        }
    }

    pub(crate) fn finish(self, diags: &mut Vec<petrel_model::Diagnostic>, file: &str, line: u32) {
        if self.n > Self::SHOWN {
            diags.push(
                petrel_model::Diagnostic::warning(
                    "S004",
                    format!(
                        "... and {} more words not found in the text",
                        self.n - Self::SHOWN
                    ),
                )
                .at(file, line),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, forms: &[&str], want: &[&str], missing: &[usize]) {
        let (spans, miss) = align_forms(text, forms);
        let got: Vec<&str> = spans.iter().map(|s| s.slice(text)).collect();
        assert_eq!(got, want, "text {text:?}");
        assert_eq!(miss, missing);
    }

    #[test]
    fn golden_alignments() {
        // (text, forms, expected slices, missing indices)
        check(
            "Arnor is here.",
            &["Arnor", "is", "here", "."],
            &["Arnor", "is", "here", "."],
            &[],
        );
        check(
            "They don't (yet) agree",
            &["They", "do", "n't", "-LRB-", "yet", "-RRB-", "agree"],
            &["They", "do", "n't", "(", "yet", ")", "agree"],
            &[],
        );
        check(
            "He said “no” and ‘yes’",
            &["He", "said", "``", "no", "''", "and", "`", "yes", "'"],
            &["He", "said", "“", "no", "”", "and", "‘", "yes", "’"],
            &[],
        );
        check(
            "it can’t — ever",
            &["it", "ca", "n't", "--", "ever"],
            &["it", "ca", "n’t", "—", "ever"],
            &[],
        );
        check("AND/OR x", &["and\\/or", "x"], &["AND/OR", "x"], &[]);
        // a missing form gets an empty span and does not move the cursor
        check("a b", &["a", "zzz", "b"], &["a", "", "b"], &[1]);
        // a short form is not looked for past a word: `,` is missing, `b` still aligns
        check(
            "a b, c",
            &["a", ",", "b", ",", "c"],
            &["a", "", "b", ",", "c"],
            &[1],
        );
        // after a missing word, a short one is found past it, as a whole word only
        check(
            "Arnor is in Gondor",
            &["AArnor", "is", "in", "Gondor"],
            &["", "is", "in", "Gondor"],
            &[0],
        );
        check(
            "officials in Fornost",
            &["official", "in", "Fornost"],
            &["official", "in", "Fornost"],
            &[],
        );
        check(
            "embassy, a senior official said.",
            &["embassy", "."],
            &["embassy", "."],
            &[],
        );
        check(
            "Bree Minister Xa said",
            &["Bree", "Prime", "a", "said"],
            &["Bree", "", "", "said"],
            &[1, 2],
        );
        // a dropped character in the parse: found a little further ahead
        check(
            "CITY: -- Mayor",
            &["CITY", "--", "Mayor"],
            &["CITY", "--", "Mayor"],
            &[],
        );
    }
}
