//! The PETRARCH validation (unit-test) XML, read leniently.
//!
//! The files in the field are not well-formed XML: `<!-- -->` comments hold markup and whole
//! commented-out records, `&` appears unescaped, attributes have spaces around `=` or single-quoted
//! values (`targetcode='""'`), and `<Sentence .../>` may be self-closed before its children. So this
//! is a small hand-written scanner, not an XML parser: it knows the elements of these files
//! (`Environment` and its children, `Sentence`, `EventCoding`, `Text`, `Parse`, `Config`), takes
//! `Text` and `Parse` contents raw up to their closing tag, and ignores the rest.
//!
//! A `<Parse>` holding a Penn Treebank tree is converted by [`crate::ptb`]; one holding CoNLL-U lines
//! is read by [`crate::conllu`]. Either way the token spans index into the record's [`Record::text`].
//!
//! Diagnostics produced here (stable codes; parse problems inside a record also carry the codes of
//! [`crate::conllu`] and [`crate::ptb`], with the record id in the message):
//!
//! | code | severity | what |
//! | --- | --- | --- |
//! | `S010` | warning | invalid UTF-8 (read lossily) |
//! | `S011` | error | a comment, tag or element never closed |
//! | `S012` | error | a record without `<Text>` |
//! | `S013` | error | a record without a `<Parse>` (or an empty one) |
//! | `S014` | warning | a `date=` that is not `YYYYMMDD` |
//! | `S015` | error | a record without an `id=` (given `line<N>`) |
//! | `S016` | error | a `<Parse>` that is neither a bracketed tree nor CoNLL-U |
//! | `S017` | info | a record not closed by `</Sentence>` before the next one or the end |
//!
//! ```
//! use petrel_syntax::validation::{read, ParseKind};
//! let xml = r#"<Validation><Sentences>
//! <!-- <Sentence id="OLD-1"> commented out </Sentence> -->
//! <Sentence date = "19950101" id ="T-1" category="DEMO" sentence="true">
//! <EventCoding sourcecode="ARN" targetcode='""' eventcode="064"></EventCoding>
//! <Text>
//! Arnor met Gondor &amp; Eriador.
//! </Text>
//! <Parse>(ROOT (S (NP (NNP Arnor)) (VP (VBD met) (NP (NNP Gondor) (CC &) (NNP Eriador))) (. .)))</Parse>
//! </Sentence></Sentences></Validation>"#;
//! let (file, diags) = read(xml.as_bytes(), "t.xml");
//! assert!(diags.is_empty(), "{diags:?}");
//! let r = &file.records[0];
//! assert_eq!((r.id.as_str(), r.line), ("T-1", 3));
//! assert_eq!(r.expected[0].target, "");
//! assert_eq!(r.text, "Arnor met Gondor & Eriador.");
//! assert_eq!(r.parse_kind, ParseKind::Ptb);
//! assert_eq!(r.sentence.tokens[1].span.slice(&r.text), "met");
//! ```

use crate::align::{clip, short};
use crate::{conllu, ptb};
use chrono::NaiveDate;
use petrel_model::{Diagnostic, Sentence, Severity};

/// A whole validation file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ValidationFile {
    pub environment: Environment,
    pub records: Vec<Record>,
}

/// The `<Environment>` block: which dictionaries the tests expect, and global options.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Environment {
    pub verbfile: Option<String>,
    pub actorfile: Option<String>,
    pub agentfile: Option<String>,
    pub discardfile: Option<String>,
    /// The words of `<Include>` (categories of records to run).
    pub include: Vec<String>,
    /// `<Config option= value=>` pairs found inside `<Environment>`.
    pub config: Vec<(String, String)>,
}

/// What the `<Parse>` of a record held.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ParseKind {
    /// A Penn Treebank bracketed tree, converted to UD dependencies.
    Ptb,
    /// CoNLL-U lines (UD v1 labels mapped to v2).
    Conllu,
    /// No usable parse: the sentence has no tokens.
    #[default]
    Missing,
}

/// One expected event coding.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Expected {
    pub source: String,
    pub target: String,
    pub code: String,
}

/// One `<Sentence>` test record.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Record {
    pub id: String,
    /// From `date="19950101"`.
    pub date: Option<NaiveDate>,
    /// `category=` (the UniversalPetrarch copy says `source=`).
    pub category: String,
    /// The `<EventCoding sourcecode= targetcode= eventcode=>` elements. A value written `""` is
    /// empty; other quoted values (`'"INJURY TOLL"'`, a new actor's text) are kept with their quotes.
    pub expected: Vec<Expected>,
    /// `<EventCoding noevents="True">`.
    pub noevents: bool,
    /// `<EventCoding error="...">` values (`bad_input_parse`, `dateline`, `storydiscard`...).
    pub expected_errors: Vec<String>,
    /// `<Text>` content, entities decoded, trimmed; inner whitespace as in the file.
    pub text: String,
    /// The parse; token spans index into `text`.
    pub sentence: Sentence,
    pub parse_kind: ParseKind,
    /// False when reading the parse produced an error-level diagnostic (unbalanced brackets, bad
    /// CoNLL-U lines...): the sentence is then partial. PETRARCH reports such records as
    /// `bad_input_parse`.
    pub parse_ok: bool,
    /// The `sentence=` attribute; `false` marks tests PETRARCH2 itself does not implement.
    pub sentence_flag: bool,
    /// The `<Config option= value=>` settings in effect for this record beyond the environment's,
    /// to apply in order: PETRARCH keeps a `<Config>` outside `<Environment>` in effect from where
    /// it stands (between records or inside one) until the option is set again, so this holds the
    /// latest value of every option set before the record, then the record's own settings.
    pub config: Vec<(String, String)>,
    /// 1-based line of `<Sentence` in the file.
    pub line: u32,
    /// Always false: records inside `<!-- -->` are not returned.
    pub commented_out: bool,
}

/// Reads a validation file. Never fails: problems come back as diagnostics next to what could be read.
pub fn read(bytes: &[u8], file: &str) -> (ValidationFile, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let src = match std::str::from_utf8(bytes) {
        Ok(s) => std::borrow::Cow::Borrowed(s),
        Err(e) => {
            let line = 1 + bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count() as u32;
            diags.push(
                Diagnostic::warning("S010", "invalid UTF-8; read with replacement characters")
                    .at(file, line),
            );
            String::from_utf8_lossy(bytes)
        }
    };
    let mut r = Reader {
        src: &src,
        file,
        lines: LineIndex::new(&src),
        diags,
        out: ValidationFile::default(),
        cur: None,
        in_env: false,
        running: Vec::new(),
    };
    r.run();
    if let Some(p) = r.cur.take() {
        r.finish(p, false);
    }
    (r.out, r.diags)
}

struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(s: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(
            s.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { starts }
    }
    fn line(&self, offset: usize) -> u32 {
        match self.starts.binary_search(&offset) {
            Ok(i) => i as u32 + 1,
            Err(i) => i as u32,
        }
    }
}

/// A record being read.
#[derive(Default)]
struct Pending {
    rec: Record,
    text: Option<String>,
    parse: Option<(String, u32)>,
}

struct Reader<'a> {
    src: &'a str,
    file: &'a str,
    lines: LineIndex,
    diags: Vec<Diagnostic>,
    out: ValidationFile,
    cur: Option<Pending>,
    in_env: bool,
    /// Options set by `<Config>` outside the environment so far (latest value per option).
    running: Vec<(String, String)>,
}

/// Finds `needle` in `hay` from `from`, ASCII case-insensitively.
fn find_ci(hay: &str, from: usize, needle: &str) -> Option<usize> {
    let h = hay.as_bytes();
    let n = needle.as_bytes();
    if n.is_empty() || from > h.len() {
        return None;
    }
    // the needles start with `<`, which has no case: jump between `<`s
    let mut i = from;
    while let Some(off) = h.get(i..)?.iter().position(|&b| b == n[0]) {
        let at = i + off;
        if h.len() - at >= n.len() && h[at..at + n.len()].eq_ignore_ascii_case(n) {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

impl<'a> Reader<'a> {
    fn diag(&mut self, sev: Severity, code: &'static str, at: usize, msg: String) {
        let line = self.lines.line(at);
        self.diags
            .push(Diagnostic::new(sev, code, msg).at(self.file, line));
    }

    fn run(&mut self) {
        let src = self.src;
        let mut i = 0;
        while let Some(off) = src[i..].find('<') {
            let lt = i + off;
            let rest = &src[lt..];
            if rest.starts_with("<!--") {
                match src[lt + 4..].find("-->") {
                    Some(e) => i = lt + 4 + e + 3,
                    None => {
                        self.diag(Severity::Error, "S011", lt, "comment `<!--` never closed by `-->`; the rest of the file is inside it".into());
                        return;
                    }
                }
                continue;
            }
            if rest.starts_with("<?") || rest.starts_with("<!") {
                i = match rest.find('>') {
                    Some(e) => lt + e + 1,
                    None => src.len(),
                };
                continue;
            }
            let closing = rest.starts_with("</");
            let name_start = lt + if closing { 2 } else { 1 };
            let name_len = src[name_start..]
                .bytes()
                .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_' || *b == b'-' || *b == b':')
                .count();
            if name_len == 0 {
                i = lt + 1; // a stray `<` in text
                continue;
            }
            let name = &src[name_start..name_start + name_len];
            let Some(gt) = tag_end(src, name_start + name_len) else {
                self.diag(
                    Severity::Error,
                    "S011",
                    lt,
                    format!("tag <{name} never closed by `>`"),
                );
                return;
            };
            let inner = &src[name_start + name_len..gt];
            let self_close = inner.trim_end().ends_with('/');
            i = gt + 1;
            if closing {
                self.close(name, lt);
            } else {
                let attrs = parse_attrs(inner.trim_end().trim_end_matches('/'));
                i = self.open(name, &attrs, self_close, lt, i);
            }
        }
    }

    /// Raw content of element `name` from `from` to its closing tag; returns (content, after close).
    fn content(&mut self, name: &str, from: usize, lt: usize) -> (&'a str, usize) {
        let src = self.src;
        let close = format!("</{name}");
        match find_ci(src, from, &close) {
            Some(c) => {
                let after = src[c..].find('>').map(|e| c + e + 1).unwrap_or(src.len());
                (&src[from..c], after)
            }
            None => {
                self.diag(
                    Severity::Error,
                    "S011",
                    lt,
                    format!("<{name}> never closed by </{name}>; read to the end of the file"),
                );
                (&src[from..], src.len())
            }
        }
    }

    /// Handles an opening tag; returns where scanning continues.
    fn open(
        &mut self,
        name: &str,
        attrs: &[(String, String)],
        self_close: bool,
        lt: usize,
        after: usize,
    ) -> usize {
        let get = |k: &str| {
            attrs
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(k))
                .map(|(_, v)| v.as_str())
        };
        match name {
            "Environment" => self.in_env = !self_close,
            "Sentence" => {
                if let Some(p) = self.cur.take() {
                    self.finish(p, false);
                }
                let line = self.lines.line(lt);
                let id = match get("id") {
                    Some(v) if !v.trim().is_empty() => v.trim().to_string(),
                    _ => {
                        self.diag(
                            Severity::Error,
                            "S015",
                            lt,
                            format!("<Sentence> without an id; called line{line}"),
                        );
                        format!("line{line}")
                    }
                };
                let date = match get("date") {
                    Some(d) => match NaiveDate::parse_from_str(d.trim(), "%Y%m%d") {
                        Ok(d) => Some(d),
                        Err(_) => {
                            self.diag(
                                Severity::Warning,
                                "S014",
                                lt,
                                format!(
                                    "record {}: expected date=\"YYYYMMDD\", found {}",
                                    clip(&id),
                                    short(d)
                                ),
                            );
                            None
                        }
                    },
                    None => None,
                };
                let category = get("category").or(get("source")).unwrap_or("").to_string();
                let sentence_flag =
                    !get("sentence").is_some_and(|v| v.trim().eq_ignore_ascii_case("false"));
                self.cur = Some(Pending {
                    rec: Record {
                        config: self.running.clone(),
                        id,
                        date,
                        category,
                        line,
                        sentence_flag,
                        ..Record::default()
                    },
                    ..Pending::default()
                });
            }
            "EventCoding" => {
                let empty_quotes = |v: &str| {
                    if v.trim() == "\"\"" {
                        String::new()
                    } else {
                        v.trim().to_string()
                    }
                };
                if let Some(p) = self.cur.as_mut() {
                    if get("noevents").is_some_and(|v| v.trim().eq_ignore_ascii_case("true")) {
                        p.rec.noevents = true;
                    }
                    if let Some(e) = get("error") {
                        p.rec.expected_errors.push(e.trim().to_string());
                    }
                    if get("eventcode").is_some()
                        || get("sourcecode").is_some()
                        || get("targetcode").is_some()
                    {
                        p.rec.expected.push(Expected {
                            source: empty_quotes(get("sourcecode").unwrap_or("")),
                            target: empty_quotes(get("targetcode").unwrap_or("")),
                            code: empty_quotes(get("eventcode").unwrap_or("")),
                        });
                    }
                }
            }
            "Config" => {
                let pair = (
                    get("option").unwrap_or("").to_string(),
                    get("value").unwrap_or("").to_string(),
                );
                if self.in_env {
                    self.out.environment.config.push(pair);
                } else {
                    // PETRARCH applies a <Config> from where it stands on: to this record (if
                    // inside one) and to every later record, until set again
                    match self.running.iter_mut().find(|(k, _)| *k == pair.0) {
                        Some(slot) => slot.1 = pair.1.clone(),
                        None => self.running.push(pair.clone()),
                    }
                    if let Some(p) = self.cur.as_mut() {
                        p.rec.config.push(pair);
                    }
                }
            }
            "Text" | "Parse" if !self_close => {
                let (raw, next) = self.content(name, after, lt);
                if let Some(p) = self.cur.as_mut() {
                    let decoded = decode_entities(&strip_comments(raw));
                    if name == "Text" {
                        p.text = Some(decoded.trim().to_string());
                    } else {
                        p.parse = Some((decoded, self.lines.line(after)));
                    }
                }
                return next;
            }
            "Verbfile" | "Actorfile" | "Agentfile" | "Discardfile" | "Include"
                if !self_close && self.in_env =>
            {
                let (raw, next) = self.content(name, after, lt);
                let v = decode_entities(raw).trim().to_string();
                let env = &mut self.out.environment;
                match name {
                    "Verbfile" => env.verbfile = Some(v),
                    "Actorfile" => env.actorfile = Some(v),
                    "Agentfile" => env.agentfile = Some(v),
                    "Discardfile" => env.discardfile = Some(v),
                    _ => env.include.extend(v.split_whitespace().map(str::to_string)),
                }
                return next;
            }
            _ => {}
        }
        after
    }

    fn close(&mut self, name: &str, _lt: usize) {
        match name {
            "Environment" => self.in_env = false,
            "Sentence" => {
                if let Some(p) = self.cur.take() {
                    self.finish(p, true);
                }
            }
            _ => {}
        }
    }

    fn finish(&mut self, p: Pending, closed: bool) {
        let Pending {
            mut rec,
            text,
            parse,
        } = p;
        let id = clip(&rec.id).into_owned();
        let at =
            |line: u32| Diagnostic::new(Severity::Info, "S017", String::new()).at(self.file, line);
        if !closed {
            let mut d = at(rec.line);
            d.message = format!("record {id}: not closed by </Sentence>");
            self.diags.push(d);
        }
        match text {
            Some(t) => rec.text = t,
            None => self.diags.push(
                Diagnostic::error("S012", format!("record {id}: no <Text>"))
                    .at(self.file, rec.line),
            ),
        }
        rec.parse_ok = true;
        match parse {
            Some((body, line)) if !body.trim().is_empty() => {
                let first = body.trim_start().chars().next().unwrap_or(' ');
                let (sentence, kind, ds) = if first == '(' {
                    let (s, d) = ptb::to_sentence(&body, &rec.text, self.file, line);
                    (s, ParseKind::Ptb, d)
                } else if body.lines().any(|l| l.split('\t').count() >= 8) {
                    // first line of the block: skip the lines before the first non-blank one
                    let lead = body.len() - body.trim_start_matches(['\n', '\r', ' ', '\t']).len();
                    let lead_lines = body[..lead].matches('\n').count() as u32;
                    let (s, d) = conllu::parse_block_with_text(
                        body.trim_start_matches(['\n', '\r', ' ', '\t']),
                        Some(&rec.text),
                        self.file,
                        line + lead_lines,
                    );
                    (s.sentence, ParseKind::Conllu, d)
                } else {
                    let d = Diagnostic::error(
                        "S016",
                        format!(
                            "record {id}: <Parse> is neither a bracketed tree nor CoNLL-U lines"
                        ),
                    )
                    .at(self.file, line);
                    (Sentence::default(), ParseKind::Missing, vec![d])
                };
                for mut d in ds {
                    if d.severity == Severity::Error {
                        rec.parse_ok = false;
                    }
                    if !d.message.starts_with("record ") {
                        d.message = format!("record {id}: {}", d.message);
                    }
                    self.diags.push(d);
                }
                rec.sentence = sentence;
                rec.parse_kind = kind;
            }
            _ => {
                rec.parse_ok = false;
                self.diags.push(
                    Diagnostic::error("S013", format!("record {id}: no <Parse> (or an empty one)"))
                        .at(self.file, rec.line),
                );
            }
        }
        if rec.sentence.id.is_none() {
            rec.sentence.id = Some(rec.id.clone());
        }
        self.out.records.push(rec);
    }
}

/// End (`>`) of a tag whose name ends at `from`, skipping quoted attribute values.
fn tag_end(src: &str, from: usize) -> Option<usize> {
    let b = src.as_bytes();
    let mut quote: Option<u8> = None;
    let mut i = from;
    while i < b.len() {
        let c = b[i];
        match quote {
            Some(q) if c == q => quote = None,
            // an unbalanced quote: do not swallow the file
            Some(_) if c == b'\n' && b[i..].starts_with(b"\n<") => quote = None,
            Some(_) => {}
            None if c == b'"' || c == b'\'' => quote = Some(c),
            None if c == b'>' => return Some(i),
            None if c == b'<' => return None,
            None => {}
        }
        i += 1;
    }
    None
}

/// `name = "v"`, `name='v'`, `name=v` pairs; values entity-decoded.
fn parse_attrs(s: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = s.trim_start();
    while !rest.is_empty() {
        let nlen = rest
            .find(|c: char| c.is_whitespace() || c == '=')
            .unwrap_or(rest.len());
        let name = &rest[..nlen];
        rest = rest[nlen..].trim_start();
        if let Some(r) = rest.strip_prefix('=') {
            rest = r.trim_start();
            let (val, r) = match rest.chars().next() {
                Some(q @ ('"' | '\'')) => match rest[1..].find(q) {
                    Some(e) => (&rest[1..1 + e], &rest[2 + e..]),
                    None => (&rest[1..], ""),
                },
                _ => {
                    let e = rest.find(char::is_whitespace).unwrap_or(rest.len());
                    (&rest[..e], &rest[e..])
                }
            };
            if !name.is_empty() {
                out.push((name.to_string(), decode_entities(val)));
            }
            rest = r.trim_start();
        } else if nlen == 0 {
            // a stray character: skip it
            let c = rest.chars().next().map_or(1, char::len_utf8);
            rest = rest[c..].trim_start();
        } else if !name.is_empty() {
            out.push((name.to_string(), String::new()));
        }
    }
    out
}

fn strip_comments(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains("<!--") {
        return s.into();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(a) = rest.find("<!--") {
        out.push_str(&rest[..a]);
        match rest[a + 4..].find("-->") {
            Some(e) => rest = &rest[a + 4 + e + 3..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out.into()
}

/// Decodes `&amp; &lt; &gt; &quot; &apos; &#N; &#xH;`; any other `&` is kept as it is.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(a) = rest.find('&') {
        out.push_str(&rest[..a]);
        rest = &rest[a..];
        let semi = rest.bytes().take(12).position(|b| b == b';');
        let rep = semi.and_then(|e| {
            let ent = &rest[1..e];
            let c = match ent {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => {
                    if let Some(h) = ent.strip_prefix("#x").or(ent.strip_prefix("#X")) {
                        u32::from_str_radix(h, 16).ok().and_then(char::from_u32)
                    } else if let Some(d) = ent.strip_prefix('#') {
                        d.parse::<u32>().ok().and_then(char::from_u32)
                    } else {
                        None
                    }
                }
            };
            c.map(|c| (c, e + 1))
        });
        match rep {
            Some((c, n)) => {
                out.push(c);
                rest = &rest[n..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attrs_lenient() {
        let a = parse_attrs(
            r#"date = "20080801" id ='X-1'  sourcecode='"INJURY TOLL"' targetcode='""' flag bare=yes"#,
        );
        let want: Vec<(String, String)> = [
            ("date", "20080801"),
            ("id", "X-1"),
            ("sourcecode", "\"INJURY TOLL\""),
            ("targetcode", "\"\""),
            ("flag", ""),
            ("bare", "yes"),
        ]
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
        assert_eq!(a, want);
    }

    #[test]
    fn entities() {
        for (i, o) in [
            ("a &amp; b", "a & b"),
            ("AT&T", "AT&T"),
            ("&#65;&#x42;&lt;", "AB<"),
            ("& &bogus; &", "& &bogus; &"),
        ] {
            assert_eq!(decode_entities(i), o);
        }
    }

    const FILE: &str = r#"<?xml version='1.0' encoding='utf-8'?>
<Validation>
<Environment>
    <Verbfile>V.txt</Verbfile>
    <Actorfile>A.txt</Actorfile>
    <Include>valid DEMO  ACTOR</Include>
    <Config option="stop_on_error" value="True"></Config>
</Environment>
<Sentences>
<!--
<Sentence date="19950101" id="GONE-1" category="DEMO" sentence="true">
<Text>commented out</Text>
</Sentence>
-->
<Sentence date="19950101" id="SC-1" category="DEMO" sentence="false"/>
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="064" />
<EventCoding sourcecode="GON" targetcode="ARN" eventcode="064" />
<Config option="require_dyad" value="false"></Config>
<Text>
Arnor met
  Gondor.
</Text>
<Parse>
1	Arnor	Arnor	PROPN	NNP	_	2	nsubj	_	_
2	met	meet	VERB	VBD	_	0	root	_	_
3	Gondor	Gondor	PROPN	NNP	_	2	dobj	_	_
4	.	.	PUNCT	.	_	2	punct	_	_
</Parse></Sentence>
<Sentence date="1995-01-01" id="BAD-1" source="ERROR">
<EventCoding error="bad_input_parse"></EventCoding>
<EventCoding noevents = "True"></EventCoding>
<Text>Arnor met Gondor.</Text>
<Parse>
(ROOT (S (NP (NNP Arnor)) (VP (VBD met) (NP (NNP Gondor)))) (. .)) )
</Parse>
</Sentence>
<Config option="require_dyad" value="true"></Config>
<Sentence id="NOPARSE-1">
<Text>x</Text>
</Sentences>
</Validation>
"#;

    #[test]
    fn golden_file() {
        let (f, d) = read(FILE.as_bytes(), "v.xml");
        let env = &f.environment;
        assert_eq!(env.verbfile.as_deref(), Some("V.txt"));
        assert_eq!(env.actorfile.as_deref(), Some("A.txt"));
        assert_eq!(env.agentfile, None);
        assert_eq!(env.include, ["valid", "DEMO", "ACTOR"]);
        assert_eq!(
            env.config,
            [("stop_on_error".to_string(), "True".to_string())]
        );
        let ids: Vec<_> = f
            .records
            .iter()
            .map(|r| (r.id.as_str(), r.line, r.parse_kind, r.parse_ok))
            .collect();
        assert_eq!(
            ids,
            [
                ("SC-1", 15, ParseKind::Conllu, true),
                ("BAD-1", 29, ParseKind::Ptb, false),
                ("NOPARSE-1", 38, ParseKind::Missing, false)
            ]
        );
        let r = &f.records[0];
        assert!(!r.sentence_flag);
        assert_eq!(r.date, NaiveDate::from_ymd_opt(1995, 1, 1));
        assert_eq!(r.expected.len(), 2);
        assert_eq!(
            r.config,
            [("require_dyad".to_string(), "false".to_string())]
        );
        assert_eq!(r.text, "Arnor met\n  Gondor.");
        assert_eq!(r.sentence.tokens[2].deprel, "obj");
        assert_eq!(r.sentence.tokens[2].span.slice(&r.text), "Gondor");
        let b = &f.records[1];
        assert_eq!(b.category, "ERROR");
        assert!(b.noevents);
        assert_eq!(b.expected_errors, ["bad_input_parse"]);
        assert_eq!(
            b.sentence.tokens.len(),
            4,
            "the partial parse keeps every word"
        );
        // a <Config> between records holds from there on; inside a record it holds for it too
        assert_eq!(f.records[1].config, r.config);
        assert_eq!(
            f.records[2].config,
            [("require_dyad".to_string(), "true".to_string())]
        );
        let codes: Vec<_> = d.iter().map(|d| (d.code, d.line.unwrap_or(0))).collect();
        assert!(codes.contains(&("S014", 29)), "{codes:?}");
        assert!(codes.contains(&("S017", 38)), "{codes:?}");
        assert!(!codes.contains(&("S012", 38)));
        assert!(codes.contains(&("S013", 38)), "{codes:?}");
        assert!(
            d.iter()
                .any(|d| d.code.starts_with("S02") && d.message.starts_with("record BAD-1")),
            "{d:?}"
        );
    }

    #[test]
    fn unterminated_things_do_not_panic() {
        for src in [
            "<Validation><!-- never",
            "<Sentence id='x'><Text>abc",
            "<Sentence id=\"a><Text>x</Text>",
            "<Sentence",
            "\u{FEFF}<<>>&&",
        ] {
            let (_f, _d) = read(src.as_bytes(), "u.xml");
        }
        let (f, d) = read(
            b"<Sentence id='x'><Text>a\xFFb</Text><Parse>(ROOT (X a))</Parse></Sentence>",
            "u.xml",
        );
        assert_eq!(d[0].code, "S010");
        assert_eq!(f.records[0].text, "a\u{FFFD}b");
    }
}
