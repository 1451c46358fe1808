//! Ingest: turns paths and standard input into a stream of [`Document`]s.
//!
//! - Plain-text files are one article each; the document id is the file name. The publication date
//!   is `--date` when given, else a date in the file name (`2025-04-11-summit.txt`, `20250411.txt`),
//!   else a dateline in the first line (`April 11, 2025`, `11 April 2025`, `2025-04-11`), else today
//!   with a warning.
//! - JSON Lines files (`.jsonl`, `.ndjson`, or standard input whose first non-blank byte is `{`) hold
//!   one document per line: `{"id", "date", "text", "url", "source", "title"}`; `text` is required.
//! - Directories are walked recursively in name order.
//!
//! The stream never stops at a bad document: each one becomes an [`Item::Failed`] with a diagnostic
//! naming the file, the line and what was expected, and reading goes on. Input is read
//! incrementally (a JSON Lines file line by line), so memory stays flat on large inputs.
//!
//! Diagnostic codes: `I001` unreadable path, `I002` invalid UTF-8, `I003` binary file (NUL bytes),
//! `I004` empty document, `I010` JSON syntax error, `I011` JSON line is not an object, `I012` missing
//! `text`, `I013` field of the wrong type, `I014` unparseable date, `W001` date defaulted to today.
//!
//! ```
//! use petrel_ingest::{Ingest, IngestOptions, Item};
//! let dir = std::env::temp_dir().join("petrel-ingest-doc");
//! std::fs::create_dir_all(&dir).unwrap();
//! let path = dir.join("2025-04-11-note.txt");
//! std::fs::write(&path, "The envoy met the president.").unwrap();
//! let mut items = Ingest::new(vec![path.into()], IngestOptions::default());
//! match items.next().unwrap() {
//!     Item::Doc(doc, _) => assert_eq!(doc.date.unwrap().to_string(), "2025-04-11"),
//!     Item::Failed(d) => panic!("{d}"),
//! }
//! ```

mod dates;

pub use dates::{date_in_file_name, dateline_date, parse_date};

use chrono::NaiveDate;
use petrel_model::{Diagnostic, Document};
use serde_json::Value;
use std::collections::VecDeque;
use std::fs;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// How to read an input.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum InputKind {
    /// By file extension (`.jsonl`, `.ndjson` -> JSON Lines, else text); standard input by its first byte.
    #[default]
    Auto,
    Text,
    Jsonl,
}

#[derive(Clone, Debug)]
pub struct IngestOptions {
    pub kind: InputKind,
    /// Publication date for every document that does not carry its own.
    pub date: Option<NaiveDate>,
    /// What "today" is, for documents without any date.
    pub today: NaiveDate,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions { kind: InputKind::Auto, date: None, today: chrono::Utc::now().date_naive() }
    }
}

/// One element of the stream.
#[derive(Debug)]
pub enum Item {
    /// A document with the warnings found while reading it.
    Doc(Document, Vec<Diagnostic>),
    /// A document (or file) that could not be read; the diagnostic says where and why.
    Failed(Diagnostic),
}

/// A path given on the command line; `-` is standard input.
#[derive(Clone, Debug)]
pub enum Input {
    Stdin,
    Path(PathBuf),
}

impl From<PathBuf> for Input {
    fn from(p: PathBuf) -> Input {
        if p.as_os_str() == "-" {
            Input::Stdin
        } else {
            Input::Path(p)
        }
    }
}

/// An open JSON Lines stream.
struct JsonlReader {
    name: String,
    reader: Box<dyn BufRead>,
    line: u32,
}

/// The document stream. See the crate docs.
pub struct Ingest {
    pending: VecDeque<Input>,
    jsonl: Option<JsonlReader>,
    opts: IngestOptions,
}

impl Ingest {
    pub fn new(inputs: Vec<Input>, opts: IngestOptions) -> Ingest {
        Ingest { pending: inputs.into(), jsonl: None, opts }
    }

    fn next_jsonl(&mut self) -> Option<Item> {
        let r = self.jsonl.as_mut()?;
        let mut buf = Vec::new();
        loop {
            buf.clear();
            match r.reader.read_until(b'\n', &mut buf) {
                Ok(0) => {
                    self.jsonl = None;
                    return None;
                }
                Ok(_) => {
                    r.line += 1;
                    if buf.iter().all(|b| b.is_ascii_whitespace()) {
                        continue;
                    }
                    return Some(parse_json_line(&buf, &r.name, r.line, &self.opts));
                }
                Err(e) => {
                    let d = Diagnostic::error("I001", format!("read error: {e}")).at(r.name.clone(), r.line + 1);
                    self.jsonl = None;
                    return Some(Item::Failed(d));
                }
            }
        }
    }

    fn open(&mut self, input: Input) -> Option<Item> {
        match input {
            Input::Stdin => {
                let mut reader = BufReader::with_capacity(1 << 16, io::stdin());
                let is_json = match self.opts.kind {
                    InputKind::Jsonl => true,
                    InputKind::Text => false,
                    InputKind::Auto => first_non_blank(&mut reader) == Some(b'{'),
                };
                if is_json {
                    self.jsonl = Some(JsonlReader { name: "<stdin>".into(), reader: Box::new(reader), line: 0 });
                    None
                } else {
                    let mut bytes = Vec::new();
                    if let Err(e) = reader.read_to_end(&mut bytes) {
                        return Some(Item::Failed(Diagnostic::error("I001", format!("cannot read standard input: {e}")).in_file("<stdin>")));
                    }
                    Some(text_document(bytes, "<stdin>", "stdin", None, &self.opts))
                }
            }
            Input::Path(path) => {
                let name = path.display().to_string();
                let meta = match fs::metadata(&path) {
                    Ok(m) => m,
                    Err(e) => return Some(Item::Failed(Diagnostic::error("I001", format!("cannot read: {e}")).in_file(name))),
                };
                if meta.is_dir() {
                    match walk(&path) {
                        Ok(files) => {
                            for f in files.into_iter().rev() {
                                self.pending.push_front(Input::Path(f));
                            }
                            None
                        }
                        Err(e) => Some(Item::Failed(Diagnostic::error("I001", format!("cannot list directory: {e}")).in_file(name))),
                    }
                } else if self.is_jsonl(&path) {
                    match fs::File::open(&path) {
                        Ok(f) => {
                            self.jsonl = Some(JsonlReader { name, reader: Box::new(BufReader::with_capacity(1 << 16, f)), line: 0 });
                            None
                        }
                        Err(e) => Some(Item::Failed(Diagnostic::error("I001", format!("cannot open: {e}")).in_file(name))),
                    }
                } else {
                    match fs::read(&path) {
                        Ok(bytes) => {
                            let id = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| name.clone());
                            let file_date = path.file_name().and_then(|n| date_in_file_name(&n.to_string_lossy()));
                            Some(text_document(bytes, &name, &id, file_date, &self.opts))
                        }
                        Err(e) => Some(Item::Failed(Diagnostic::error("I001", format!("cannot read: {e}")).in_file(name))),
                    }
                }
            }
        }
    }

    fn is_jsonl(&self, path: &Path) -> bool {
        match self.opts.kind {
            InputKind::Jsonl => true,
            InputKind::Text => false,
            InputKind::Auto => matches!(path.extension().and_then(|e| e.to_str()), Some("jsonl" | "ndjson")),
        }
    }
}

impl Iterator for Ingest {
    type Item = Item;
    fn next(&mut self) -> Option<Item> {
        loop {
            if self.jsonl.is_some() {
                if let Some(item) = self.next_jsonl() {
                    return Some(item);
                }
                continue;
            }
            let input = self.pending.pop_front()?;
            if let Some(item) = self.open(input) {
                return Some(item);
            }
        }
    }
}

fn first_non_blank(r: &mut impl BufRead) -> Option<u8> {
    loop {
        let buf = r.fill_buf().ok()?;
        if buf.is_empty() {
            return None;
        }
        match buf.iter().position(|b| !b.is_ascii_whitespace()) {
            Some(i) => return Some(buf[i]),
            None => {
                let n = buf.len();
                r.consume(n);
            }
        }
    }
}

fn walk(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)?.map(|e| e.map(|e| e.path())).collect::<io::Result<_>>()?;
    entries.sort();
    for p in entries {
        if p.is_dir() {
            out.extend(walk(&p)?);
        } else {
            out.push(p);
        }
    }
    Ok(out)
}

fn text_document(bytes: Vec<u8>, file: &str, id: &str, file_date: Option<NaiveDate>, opts: &IngestOptions) -> Item {
    if bytes.contains(&0) {
        return Item::Failed(Diagnostic::error("I003", "binary file (contains NUL bytes): expected UTF-8 text").in_file(file));
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let line = 1 + e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() as u32;
            return Item::Failed(
                Diagnostic::error("I002", format!("invalid UTF-8 at byte {at}: expected UTF-8 text")).at(file, line),
            );
        }
    };
    if text.trim().is_empty() {
        return Item::Failed(Diagnostic::error("I004", "empty document: no text to code").in_file(file));
    }
    let mut warnings = Vec::new();
    let date = opts.date.or(file_date).or_else(|| dateline_date(&text)).unwrap_or_else(|| {
        warnings.push(Diagnostic::warning("W001", format!("no publication date (give --date, or put one in the file name); using today, {}", opts.today)).in_file(file));
        opts.today
    });
    Item::Doc(Document { id: id.to_string(), date: Some(date), text, url: None, source: None, title: None }, warnings)
}

fn parse_json_line(buf: &[u8], file: &str, line: u32, opts: &IngestOptions) -> Item {
    let fail = |code: &'static str, msg: String| Item::Failed(Diagnostic::error(code, msg).at(file, line));
    let value: Value = match serde_json::from_slice(buf) {
        Ok(v) => v,
        Err(e) => {
            if std::str::from_utf8(buf).is_err() {
                return fail("I002", "invalid UTF-8 in JSON line: expected UTF-8 text".into());
            }
            return fail("I010", format!("JSON syntax error at column {}: {e}", e.column()));
        }
    };
    let Value::Object(obj) = value else {
        return fail("I011", format!("expected a JSON object with `text`, found {}", kind_of(&value)));
    };
    let opt_str = |key: &str| -> Result<Option<String>, Item> {
        match obj.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(v) => Err(fail("I013", format!("field `{key}` must be a string, found {}", kind_of(v)))),
        }
    };
    let text = match obj.get("text") {
        Some(Value::String(s)) => s.clone(),
        None | Some(Value::Null) => return fail("I012", "missing field `text` (the article text, a string)".into()),
        Some(v) => return fail("I013", format!("field `text` must be a string, found {}", kind_of(v))),
    };
    let id = match obj.get("id") {
        None | Some(Value::Null) => format!("{file}:{line}"),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(v) => return fail("I013", format!("field `id` must be a string or a number, found {}", kind_of(v))),
    };
    let (url, source, title) = match (opt_str("url"), opt_str("source"), opt_str("title")) {
        (Ok(u), Ok(s), Ok(t)) => (u, s, t),
        (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => return e,
    };
    let mut warnings = Vec::new();
    let date = match opt_str("date") {
        Err(e) => return e,
        Ok(Some(s)) => match parse_date(&s) {
            Some(d) => d,
            None => return fail("I014", format!("field `date` must be a date like 2025-04-11, found {s:?} (document {id})")),
        },
        Ok(None) => opts.date.unwrap_or_else(|| {
            warnings.push(Diagnostic::warning("W001", format!("document {id} has no `date`; using today, {}", opts.today)).at(file, line));
            opts.today
        }),
    };
    if text.trim().is_empty() {
        return fail("I004", format!("empty document {id}: no text to code"));
    }
    Item::Doc(Document { id, date: Some(date), text, url, source, title }, warnings)
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
