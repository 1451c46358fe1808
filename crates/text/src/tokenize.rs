//! UD-style (English EWT) tokenisation of normalised text.
//!
//! Works on the output of [`crate::normalize`] (straight quotes, ASCII dashes) and produces
//! [`NTok`]s with byte ranges into that normalised text. Conventions follow UD English EWT v2.16,
//! checked against its training data:
//! - clitics split off: `Russia's` -> `Russia` `'s`, `don't` -> `do` `n't`, `can't` -> `ca` `n't`,
//!   also the apostrophe-less web spellings `dont`, `cannot`, `gonna`;
//! - hyphens between words are tokens of their own (`12-year` -> `12` `-` `year`), except after
//!   common prefixes (`e-mail`, `non-profit`, `co-workers`) and inside phone numbers and dates;
//! - abbreviations keep their period (`U.S.`, `Gen.`, `a.m.`) except at the end of a sentence,
//!   where EWT writes `U.S` `.` (the sentence splitter does that split);
//! - URLs, e-mail addresses, @handles, #hashtags and common emoticons are one token;
//! - currency symbols and `%` are tokens of their own (`$51` -> `$` `51`).
//!
//! Every step is a left-to-right scan: linear time even on a megabyte without a space.

/// A token over the normalised text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct NTok {
    pub start: u32,
    pub end: u32,
    /// Newlines in the whitespace before this token (saturating at 2).
    pub nl_before: u8,
    /// Whitespace precedes this token.
    pub space_before: bool,
    /// This token continues the surface token of the previous one (multiword token).
    pub cont: bool,
}

#[inline]
fn char_at(t: &str, i: usize) -> char {
    t[i..].chars().next().unwrap_or('\0')
}

#[inline]
fn char_before(t: &str, i: usize) -> char {
    t[..i].chars().next_back().unwrap_or('\0')
}

/// Letters, digits and combining marks.
pub(crate) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    if c.is_alphanumeric() {
        return true;
    }
    matches!(c as u32,
        0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05C7 | 0x0610..=0x061A | 0x064B..=0x065F
        | 0x0670 | 0x06D6..=0x06ED | 0x0900..=0x0DFF | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF
        | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// Prefixes that EWT keeps attached before a hyphen (`e-mail`, `non-profit`, `co-workers`).
const HYPHEN_PREFIXES: &[&str] = &[
    "e", "non", "pre", "anti", "mid", "re", "post", "co", "pro", "multi", "ex", "sub", "semi",
    "cross", "neo", "psycho", "socio", "counter", "intra", "micro", "un", "inter", "bi", "tri",
    "vice", "mini", "quasi", "pseudo", "trans", "ultra",
];

/// Abbreviations that keep their period (case-sensitive). Initials (`W.`) and dotted forms
/// (`U.S.`, `a.m.`) are recognised by shape, not listed. Words that often end a news sentence
/// (`Sun` as in *The Sun*, `Mass`, `info`) are left out on purpose.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Drs", "Prof", "Gen", "Lt", "Col", "Maj", "Capt", "Sgt", "Cpl", "Adm",
    "Cmdr", "Rep", "Reps", "Sen", "Gov", "Pres", "Rev", "Hon", "St", "Ste", "Jr", "Sr", "Mt", "Ft",
    "Co", "Corp", "Inc", "Ltd", "Bros", "Messrs", "Mme", "Mlle", "Supt", "Det", "Insp", "Atty",
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Mon",
    "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "No", "Nos", "Vol", "Fig", "Ave",
    "Blvd", "Rd", "Ph", "Sec", "Spec", "Attn", "Conf", "Dept", "Univ", "Assn", "Esp", "Arrv",
    "Calif", "Conn", "Fla", "Mich", "Minn", "Penn", "Tenn", "Tex", "Va", "Wis", "La", "Ariz",
    "Colo", "Okla", "Ala", "Ga", "Ky", "Md", "Neb", "Nev", "Que", "Ont", "vs", "etc", "al", "et",
    "eg", "ie", "cf", "viz", "approx", "dept", "ext", "lb", "lbs", "oz", "ft", "yrs", "mins", "hrs",
    "tel", "pp",
];

/// Titles and similar words after which a capitalised word never starts a new sentence.
pub(crate) const TITLES: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Drs", "Prof", "Gen", "Lt", "Col", "Maj", "Capt", "Sgt", "Cpl", "Adm",
    "Cmdr", "Rep", "Reps", "Sen", "Gov", "Pres", "Rev", "Hon", "St", "Ste", "Mt", "Ft", "Messrs",
    "Mme", "Mlle", "Supt", "Det", "Insp", "Atty", "No", "Nos", "Vol", "Fig", "vs", "Jan", "Feb",
    "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "cf", "Ph",
];

/// Common emoticons kept whole.
const EMOTICONS: &[&str] = &[
    ":)", ":-)", ":(", ":-(", ";)", ";-)", ":D", ":-D", ":P", ":-P", ":p", ":-p", ":/", ":-/",
    "<3", ":O", ":o", ":]", "=)", "^_^", "^^", ":'(", ";-(", ":|", "XD", "xD", ":-*", ":*",
];

/// Every entry of [`EMOTICONS`] has 2 or 3 bytes (checked by a test): the length test spares
/// the list scan for almost every chunk of text.
pub(crate) fn is_emoticon(s: &str) -> bool {
    (2..=3).contains(&s.len()) && EMOTICONS.contains(&s)
}

/// Apostrophe-less contractions that EWT splits into two words: (word, length of the 2nd part).
const BARE_CONTRACTIONS: &[(&str, usize)] = &[
    ("dont", 2), ("doesnt", 2), ("didnt", 2), ("isnt", 2), ("wasnt", 2), ("arent", 2),
    ("werent", 2), ("havent", 2), ("hasnt", 2), ("hadnt", 2), ("wouldnt", 2), ("couldnt", 2),
    ("shouldnt", 2), ("cant", 2), ("wont", 2), ("aint", 2), ("arnt", 2), ("cannot", 3),
    ("gonna", 2), ("wanna", 2), ("gotta", 2), ("outta", 2), ("im", 1), ("ive", 2), ("youre", 2),
    ("theyre", 2), ("itll", 2), ("youll", 2),
];

fn is_opener(c: char) -> bool {
    matches!(c, '(' | '[' | '{' | '"' | '`' | '\'' | '<' | '¿' | '¡' | '*')
}

fn is_closer(c: char) -> bool {
    matches!(c, ')' | ']' | '}' | '"' | '\'' | ',' | ';' | ':' | '!' | '?' | '>' | '*' | '`')
}

/// `s` (without the final period) is an abbreviation that keeps its period.
pub(crate) fn is_abbreviation(s: &str) -> bool {
    if s.is_empty() || s.len() > 12 {
        return false;
    }
    // Initial: one uppercase letter.
    let mut cs = s.chars();
    if let (Some(c), None) = (cs.next(), cs.next()) {
        return c.is_uppercase();
    }
    // Dotted: U.S, a.m, Ph.D, e.g, U.S.A
    if s.contains('.') {
        return s.split('.').all(|p| !p.is_empty() && p.len() <= 3 && p.chars().all(|c| c.is_alphabetic()));
    }
    ABBREVIATIONS.contains(&s)
}

/// `s` (without the final period) is a title or initial: a following capitalised word continues
/// the sentence.
pub(crate) fn is_title_or_initial(s: &str) -> bool {
    let mut cs = s.chars();
    if let (Some(c), None) = (cs.next(), cs.next()) {
        return c.is_uppercase();
    }
    TITLES.contains(&s) || s == "P.S"
}

/// `rest` starts with a file extension and a word end: `doc)`, `XLS >>`.
fn is_file_extension(rest: &str) -> bool {
    const EXT: &[&str] = &["doc", "docx", "xls", "xlsx", "pdf", "htm", "html", "txt", "ppt", "jpg", "gif", "png", "zip", "rtf", "csv", "exe"];
    let n = rest.bytes().take_while(u8::is_ascii_alphanumeric).count();
    (3..=4).contains(&n) && EXT.iter().any(|e| e.eq_ignore_ascii_case(&rest[..n]))
}

fn is_url_or_email(s: &str) -> bool {
    let lower_starts = |p: &str| s.len() > p.len() && s.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p));
    if lower_starts("http://") || lower_starts("https://") || lower_starts("ftp://") || lower_starts("www.") {
        return true;
    }
    if let Some(at) = s.find('@') {
        let (user, dom) = (&s[..at], &s[at + 1..]);
        return !user.is_empty()
            && !dom.is_empty()
            && dom.starts_with(|c: char| c.is_alphanumeric())
            && !dom.ends_with('.')
            && dom.chars().all(|c| is_word_char(c) || c == '.' || c == '-')
            && user.chars().all(|c| is_word_char(c) || ".-_+".contains(c));
    }
    // bare domains: example.com, news.bbc.co.uk
    if let Some(dot) = s.rfind('.') {
        let tld = &s[dot + 1..];
        let known = ["com", "org", "net", "edu", "gov", "uk", "de", "ru", "ua", "io", "info"];
        return dot > 0
            && known.iter().any(|k| k.eq_ignore_ascii_case(tld))
            && s.chars().all(|c| c.is_ascii_alphanumeric() || ".-/_".contains(c));
    }
    false
}

/// Tokeniser state over one normalised text.
pub(crate) struct Tokenizer<'t> {
    t: &'t str,
    out: Vec<NTok>,
    /// Reused buffer for the trailing punctuation of a chunk.
    trail: Vec<(usize, usize, bool)>,
    nl: u8,
    space: bool,
}

impl<'t> Tokenizer<'t> {
    pub fn new(t: &'t str) -> Self {
        Tokenizer { t, out: Vec::with_capacity(t.len() / 5 + 1), trail: Vec::new(), nl: 0, space: true }
    }

    pub fn finish(self) -> Vec<NTok> {
        self.out
    }

    fn emit(&mut self, a: usize, b: usize, cont: bool) {
        if b <= a {
            return;
        }
        self.out.push(NTok {
            start: a as u32,
            end: b as u32,
            nl_before: self.nl,
            space_before: self.space,
            cont,
        });
        self.nl = 0;
        self.space = false;
    }

    /// Tokenise `t[a..b]` (char boundaries).
    pub fn run(&mut self, a: usize, b: usize) {
        let t = self.t;
        let bytes = t.as_bytes();
        let mut i = a;
        while i < b {
            let c = char_at(t, i);
            if c.is_whitespace() {
                if c == '\n' {
                    self.nl = self.nl.saturating_add(1).min(2);
                }
                self.space = true;
                i += c.len_utf8();
                continue;
            }
            // a chunk: maximal run of non-whitespace
            let mut j = i;
            while j < b {
                let bj = bytes[j];
                if bj < 0x80 {
                    if bj.is_ascii_whitespace() {
                        break;
                    }
                    j += 1;
                } else {
                    let cj = char_at(t, j);
                    if cj.is_whitespace() {
                        break;
                    }
                    j += cj.len_utf8();
                }
            }
            self.chunk(i, j);
            i = j;
        }
    }

    fn chunk(&mut self, a: usize, b: usize) {
        let t = self.t;
        let s = &t[a..b];
        if is_emoticon(s) {
            self.emit(a, b, false);
            return;
        }
        // leading openers
        let mut i = a;
        let mut opened_quote = false;
        while i < b {
            let c = char_at(t, i);
            if c == '\'' {
                // 's, 'em, '90s, 'cause: not a quote
                let rest = &t[i + 1..b];
                let r = rest.trim_end_matches(|c: char| is_closer(c) || c == '.');
                if r.eq_ignore_ascii_case("s")
                    || r.eq_ignore_ascii_case("em")
                    || r.eq_ignore_ascii_case("cause")
                    || (r.len() == 3 && r.starts_with(|c: char| c.is_ascii_digit()) && r.ends_with('s'))
                {
                    break;
                }
            }
            if is_opener(c) || c == '-' || c == '.' || c == '=' || c == '~' || c == '#' && i + 1 < b && !is_word_char(char_at(t, i + 1)) {
                if c == '-' && i + 1 < b && char_at(t, i + 1).is_ascii_digit() {
                    break; // negative number
                }
                if c == '.' && i + 1 < b && char_at(t, i + 1).is_ascii_digit() {
                    break; // .5
                }
                if c == '<' && is_emoticon(&t[i..b]) {
                    break;
                }
                let run = self.run_end(i, b, c);
                if run >= b {
                    // the whole rest is this punctuation run
                    break;
                }
                if c == '"' || c == '\'' || c == '`' {
                    opened_quote = true;
                }
                self.emit(i, run, false);
                i = run;
                continue;
            }
            break;
        }
        if i >= b {
            return;
        }
        // trailing closers, collected right to left
        let mut trail = std::mem::take(&mut self.trail);
        trail.clear();
        let mut j = b;
        let mut keep_dot = false;
        let has_open_paren = t[i..b].contains('(');
        while j > i {
            let c = char_before(t, j);
            let cl = c.len_utf8();
            if is_emoticon(&t[i..j]) {
                break;
            }
            if c == '.' {
                // run of dots
                let mut k = j - 1;
                while k > i && t.as_bytes()[k - 1] == b'.' {
                    k -= 1;
                }
                if k == i {
                    break; // the core is only dots
                }
                if j - k >= 2 || k > i && matches!(t.as_bytes()[k - 1], b'!' | b'?') {
                    while k > i && matches!(t.as_bytes()[k - 1], b'.' | b'!' | b'?') {
                        k -= 1;
                    }
                    if k == i {
                        break;
                    }
                    trail.push((k, j, false));
                    j = k;
                    continue;
                }
                // single period: abbreviation keeps it
                if is_abbreviation(&t[i..k]) {
                    keep_dot = true;
                    break;
                }
                trail.push((k, j, false));
                j = k;
                continue;
            }
            if c == '\'' && j - cl > i {
                let p = char_before(t, j - cl);
                if (p == 's' || p == 'S') && !opened_quote && j - cl - i > 1 {
                    // possessive plural: countries'
                    trail.push((j - cl, j, true));
                    j -= cl;
                    break;
                }
            }
            if c == ')' && has_open_paren {
                break;
            }
            if is_closer(c) || c == '-' {
                if j - cl == i {
                    break;
                }
                // group runs of ! ? and of identical closers
                let mut k = j - cl;
                if c == '!' || c == '?' {
                    while k > i && matches!(t.as_bytes()[k - 1], b'!' | b'?' | b'.') {
                        k -= 1;
                    }
                } else {
                    while k > i && char_before(t, k) == c {
                        k -= c.len_utf8();
                    }
                }
                if k == i {
                    break;
                }
                trail.push((k, j, false));
                j = k;
                continue;
            }
            break;
        }
        if keep_dot {
            // the abbreviation's period stays with its last piece
            self.core(i, j - 1);
            if let Some(last) = self.out.last_mut() {
                if last.end as usize == j - 1 && last.start as usize >= i {
                    last.end = j as u32;
                }
            }
        } else {
            self.core(i, j);
        }
        for &(x, y, cont) in trail.iter().rev() {
            self.emit(x, y, cont);
        }
        self.trail = trail;
    }

    /// End of the run of `c` starting at `i`.
    fn run_end(&self, i: usize, b: usize, c: char) -> usize {
        let mut k = i + c.len_utf8();
        if matches!(c, '(' | '[' | '{' | '¿' | '¡') || c == '<' && !self.t[k..].starts_with('<') {
            return k;
        }
        while k < b && char_at(self.t, k) == c {
            k += c.len_utf8();
        }
        k
    }

    fn core(&mut self, a: usize, b: usize) {
        if a >= b {
            return;
        }
        let t = self.t;
        let s = &t[a..b];
        let first = char_at(t, a);
        if is_url_or_email(s) {
            self.emit(a, b, false);
            return;
        }
        if (first == '@' || first == '#')
            && s.len() > 1
            && s[1..].chars().all(|c| is_word_char(c) || c == '_')
            && (first == '@' || !s[1..].chars().all(|c| c.is_ascii_digit()))
        {
            self.emit(a, b, false);
            return;
        }
        let mut i = a;
        while i < b {
            let c = char_at(t, i);
            // a leading apostrophe that belongs to the word: 's, '90s, 'em
            let apos_word = c == '\'' && i == a && i + 1 < b && is_word_char(char_at(t, i + 1));
            if apos_word {
                let e = self.word_end(i + 1, b);
                self.emit(i, e, false);
                i = e;
            } else if is_word_char(c) {
                let e = self.word_end(i, b);
                self.word(i, e);
                i = e;
            } else if matches!(c, '.' | '-' | '!' | '?' | '=' | '*' | '_' | '~' | '>') || c == '<' && t[i + 1..b].starts_with('<') {
                let e = if c == '!' || c == '?' {
                    let mut k = i + 1;
                    while k < b && matches!(t.as_bytes()[k], b'!' | b'?') {
                        k += 1;
                    }
                    k
                } else {
                    self.run_end(i, b, c)
                };
                self.emit(i, e, false);
                i = e;
            } else {
                let e = i + c.len_utf8();
                self.emit(i, e, false);
                i = e;
            }
        }
    }

    /// End of the word starting at `i` (a word char), following EWT's rules for inner
    /// punctuation.
    fn word_end(&self, i: usize, b: usize) -> usize {
        let t = self.t;
        let mut k = i;
        let mut seg_start = i; // start of the current segment (after the last inner . or -)
        let mut numeric = t.as_bytes()[i].is_ascii_digit(); // all digits (and inner . , :) so far
        let mut digit_group: Option<(usize, bool)> = None; // (end, keep hyphens) of a 1-2-3 group
        while k < b {
            let c = char_at(t, k);
            if is_word_char(c) {
                if numeric && !c.is_ascii_digit() && t.as_bytes()[k - 1].is_ascii_digit() {
                    // 65k, 5pm, 3M split as EWT does; 13th, 1990s, 3D stay whole
                    let n = t.as_bytes()[k..b].iter().take_while(|x| x.is_ascii_alphabetic()).count();
                    let suf = &t[k..k + n];
                    let whole = ["st", "nd", "rd", "th", "s"].iter().any(|x| x.eq_ignore_ascii_case(suf))
                        || (n == 1 && c.is_ascii_uppercase())
                        || (n == 0)
                        || t.as_bytes().get(k + n).is_some_and(|x| x.is_ascii_digit());
                    if !whole {
                        break;
                    }
                    numeric = false;
                }
                k += c.len_utf8();
                continue;
            }
            if !c.is_ascii() {
                break;
            }
            let next = if k + 1 < b { char_at(t, k + 1) } else { '\0' };
            let prev = char_before(t, k);
            let keep = match c {
                '.' => {
                    is_word_char(next)
                        && (is_file_extension(&t[k + 1..b])
                            || next.is_lowercase()
                            || next.is_ascii_digit()
                            || k - seg_start == 1)
                }
                ',' => {
                    prev.is_ascii_digit()
                        && t.as_bytes().get(k + 1..k + 4).is_some_and(|d| d.iter().all(u8::is_ascii_digit))
                        && !t.as_bytes().get(k + 4).is_some_and(u8::is_ascii_digit)
                }
                ':' | '/' => prev.is_ascii_digit() && next.is_ascii_digit(),
                '\'' | '`' => prev.is_alphabetic() && next.is_alphabetic(),
                '&' => prev.is_ascii_uppercase() && next.is_ascii_uppercase(),
                '_' => is_word_char(next),
                '-' => {
                    is_word_char(next)
                        && match digit_group {
                            Some((end, keep)) if k < end => keep,
                            _ => {
                                let (keep, end) = self.keep_hyphen(seg_start, k, b);
                                digit_group = end.map(|e| (e, keep));
                                keep
                            }
                        }
                }
                _ => false,
            };
            if !keep {
                break;
            }
            k += 1;
            if c == '.' || c == '-' {
                seg_start = k;
            }
        }
        k
    }

    /// Keep the hyphen at `h` inside the word? (`seg_start..h` is the part before it.) For a
    /// group of digits and hyphens also returns the group's end, so that the decision is made
    /// once per group (linear time on `1-2-3-...`).
    fn keep_hyphen(&self, seg_start: usize, h: usize, b: usize) -> (bool, Option<usize>) {
        let t = self.t;
        let before = &t[seg_start..h];
        if before.chars().all(|c| c.is_ascii_alphabetic()) {
            return (HYPHEN_PREFIXES.iter().any(|p| p.eq_ignore_ascii_case(before)), None);
        }
        if before.bytes().all(|c| c.is_ascii_digit()) {
            // group of digits and hyphens around h
            let bytes = t.as_bytes();
            let mut s = seg_start;
            while s > 0 && (bytes[s - 1].is_ascii_digit() || bytes[s - 1] == b'-') {
                s -= 1;
            }
            let mut e = h;
            while e < b && (bytes[e].is_ascii_digit() || bytes[e] == b'-') {
                e += 1;
            }
            if e < b && is_word_char(char_at(t, e)) {
                return (false, Some(e)); // 12-year
            }
            let g = &t[s..e];
            let hyphens = g.bytes().filter(|&c| c == b'-').count();
            let mut parts = g.split('-').map(str::len);
            let all_nonempty = g.split('-').all(|p| !p.is_empty());
            let two = (parts.next(), parts.next(), parts.next());
            let keep = hyphens >= 2 && all_nonempty || two == (Some(3), Some(4), None) || two == (Some(1), Some(4), None);
            return (keep, Some(e));
        }
        (false, None)
    }

    /// Emit a word, splitting clitics off its end.
    fn word(&mut self, a: usize, b: usize) {
        let t = self.t;
        let w = &t[a..b];
        let lower_ends = |suffix: &str| {
            w.len() > suffix.len() && w.is_char_boundary(w.len() - suffix.len()) && w[w.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
        };
        // n't
        if lower_ends("n't") && w.len() > 3 {
            self.emit(a, b - 3, false);
            self.emit(b - 3, b, true);
            return;
        }
        for cl in ["'s", "'m", "'d", "'ll", "'re", "'ve", "`s"] {
            if lower_ends(cl) {
                self.emit(a, b - cl.len(), false);
                self.emit(b - cl.len(), b, true);
                return;
            }
        }
        if w.len() <= 8 && w.is_ascii() {
            if let Some(&(_, n)) = BARE_CONTRACTIONS.iter().find(|(f, _)| f.eq_ignore_ascii_case(w)) {
                self.emit(a, b - n, false);
                self.emit(b - n, b, true);
                return;
            }
        }
        self.emit(a, b, false);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emoticons_are_two_or_three_bytes() {
        // `is_emoticon` tests the length first.
        for e in EMOTICONS {
            assert!((2..=3).contains(&e.len()), "{e}");
            assert!(is_emoticon(e), "{e}");
        }
        for s in [":", ":-)x", "x", "", "<3 "] {
            assert!(!is_emoticon(s), "{s}");
        }
    }

    #[test]
    fn abbreviation_shapes() {
        for a in ["U.S", "a.m", "Ph.D", "W", "Gen", "etc", "U.S.A"] {
            assert!(is_abbreviation(a), "{a}");
        }
        for a in ["war", "a", "amazon.com", "I'm", "2"] {
            assert!(!is_abbreviation(a), "{a}");
        }
    }
}
