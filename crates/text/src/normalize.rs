//! Character normalisation with an alignment map back to the original text.
//!
//! The normalised text is what the tokeniser and the tagger see: straight quotes, ASCII dashes,
//! plain spaces, no invisible characters. Every byte of it remembers the original character it came
//! from, so any span over the normalised text maps back to a span over the original text that
//! starts and ends on char boundaries.

use petrel_model::Span;

/// A normalised copy of a text, with an alignment map back to original byte offsets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Normalized {
    /// The normalised text.
    pub text: String,
    /// For each byte of `text`: start of the original char it came from. Empty when the
    /// normalised text is byte-identical to the original (the common all-ASCII case).
    starts: Vec<u32>,
    /// For each byte of `text`: end of the original char it came from.
    ends: Vec<u32>,
    orig_len: u32,
}

/// What a single original character becomes.
enum Map {
    Keep,
    Drop,
    Char(char),
    Str(&'static str),
}

fn map_char(c: char, next: Option<char>) -> Map {
    match c {
        // Line breaks: CR LF -> LF, lone CR -> LF, Unicode line/paragraph separators.
        '\r' => {
            if next == Some('\n') {
                Map::Drop
            } else {
                Map::Char('\n')
            }
        }
        '\n' => Map::Keep,
        '\u{2028}' | '\u{0085}' => Map::Char('\n'),
        '\u{2029}' => Map::Str("\n\n"),
        // Tabs, other control characters (C0, DEL, C1) -> space.
        '\t' | '\u{0B}' | '\u{0C}' => Map::Char(' '),
        c if (c as u32) < 0x20 || (0x7F..=0x9F).contains(&(c as u32)) => Map::Char(' '),
        // Spaces.
        '\u{00A0}' | '\u{1680}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => {
            Map::Char(' ')
        }
        // Invisible: soft hyphen, zero-width space/joiners, word joiner, BOM.
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => Map::Drop,
        // Quotes.
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' => Map::Char('\''),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}' | '\u{00BB}' => {
            Map::Char('"')
        }
        // Dashes.
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2212}' | '\u{FE63}' | '\u{FF0D}' => {
            Map::Char('-')
        }
        '\u{2014}' | '\u{2015}' => Map::Str("--"),
        // Ellipsis, ligatures.
        '\u{2026}' => Map::Str("..."),
        '\u{FB00}' => Map::Str("ff"),
        '\u{FB01}' => Map::Str("fi"),
        '\u{FB02}' => Map::Str("fl"),
        '\u{FB03}' => Map::Str("ffi"),
        '\u{FB04}' => Map::Str("ffl"),
        '\u{FB05}' | '\u{FB06}' => Map::Str("st"),
        _ => Map::Keep,
    }
}

/// True when the byte needs no normalisation (printable ASCII, space, LF).
#[inline]
fn plain_byte(b: u8) -> bool {
    (0x20..0x7F).contains(&b) || b == b'\n'
}

/// Normalise `original` (see the module docs for the mapping). Never fails; `to_original` maps
/// every normalised byte back.
pub fn normalize(original: &str) -> Normalized {
    let orig_len = u32::try_from(original.len()).unwrap_or(u32::MAX);
    if original.bytes().all(plain_byte) {
        return Normalized { text: original.to_string(), starts: Vec::new(), ends: Vec::new(), orig_len };
    }
    let mut text = String::with_capacity(original.len());
    let mut starts = Vec::with_capacity(original.len());
    let mut ends = Vec::with_capacity(original.len());
    let mut it = original.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        let s = i as u32;
        let e = (i + c.len_utf8()) as u32;
        let before = text.len();
        match map_char(c, it.peek().map(|&(_, n)| n)) {
            Map::Keep => text.push(c),
            Map::Drop => {}
            Map::Char(r) => text.push(r),
            Map::Str(r) => text.push_str(r),
        }
        for _ in before..text.len() {
            starts.push(s);
            ends.push(e);
        }
    }
    Normalized { text, starts, ends, orig_len }
}

impl Normalized {
    fn identity(&self) -> bool {
        self.starts.is_empty() && !self.text.is_empty()
    }

    /// Original byte offset of normalised byte `norm_byte` (the start of the original char that
    /// produced it). Offsets at or past the end map to the end of the original text.
    pub fn to_original(&self, norm_byte: usize) -> usize {
        if norm_byte >= self.text.len() {
            return self.orig_len as usize;
        }
        if self.identity() {
            return norm_byte;
        }
        self.starts[norm_byte] as usize
    }

    /// The original span covering every original char that produced bytes of `s` (a span over
    /// the normalised text). Starts and ends on original char boundaries.
    pub fn span_to_original(&self, s: Span) -> Span {
        let (a, b) = (s.start as usize, s.end as usize);
        if self.identity() {
            let a = a.min(self.text.len()) as u32;
            let b = b.min(self.text.len()) as u32;
            return Span::new(a.min(b), b);
        }
        let start = self.to_original(a) as u32;
        if b <= a {
            return Span::new(start, start);
        }
        let end = if b > self.text.len() { self.orig_len } else { self.ends[b - 1] };
        Span::new(start.min(end), end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (input, expected normalised text, reason)
    const CASES: &[(&str, &str, &str)] = &[
        ("plain text.", "plain text.", "ASCII is untouched"),
        ("Witkoff\u{2019}s \u{201C}war\u{201D}", "Witkoff's \"war\"", "curly quotes become straight"),
        ("week\u{2014}becoming 3\u{2013}4", "week--becoming 3-4", "em dash -> --, en dash -> -"),
        ("a\u{00A0}b\u{2009}c", "a b c", "NBSP and thin space -> space"),
        ("inter\u{00AD}national\u{200B}", "international", "soft hyphen and ZWSP removed"),
        ("\u{FB01}nal", "final", "ligature expanded"),
        ("wait\u{2026}", "wait...", "ellipsis -> three dots"),
        ("a\r\nb\rc\td\u{7}", "a\nb\nc d ", "CR LF -> LF, CR -> LF, tab and BEL -> space"),
        ("\u{FFFD}x", "\u{FFFD}x", "replacement char kept"),
    ];

    #[test]
    fn golden_normalisation() {
        for (inp, exp, why) in CASES {
            assert_eq!(normalize(inp).text, *exp, "{why}");
        }
    }

    #[test]
    fn spans_map_back() {
        let orig = "He said \u{201C}war\u{2026}\u{201D} \u{FB01}ne";
        let n = normalize(orig);
        // "war..." in normalised text
        let a = n.text.find("war").unwrap();
        let s = n.span_to_original(Span::new(a as u32, (a + 6) as u32));
        assert_eq!(s.slice(orig), "war\u{2026}");
        let f = n.text.find("fine").unwrap();
        let s = n.span_to_original(Span::new(f as u32, (f + 4) as u32));
        assert_eq!(s.slice(orig), "\u{FB01}ne");
        // a span ending inside an expansion still covers the whole original char
        let s = n.span_to_original(Span::new(f as u32, (f + 1) as u32));
        assert_eq!(s.slice(orig), "\u{FB01}");
        assert_eq!(n.to_original(n.text.len()), orig.len());
    }
}
