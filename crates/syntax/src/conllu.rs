//! CoNLL-U reader and writer (10 tab-separated columns, one word per line, blank line between
//! sentences).
//!
//! Reading is lenient: multiword-token range lines (`3-4  don't`) are not words but their surface
//! form is used to align the words to the text; empty nodes (`5.1`) are skipped; UD **v1** labels
//! are mapped to v2 (see [`map_v1_labels`]). Token spans are byte ranges into the sentence text
//! (`# text = ...`, or the forms joined with single spaces, honouring `SpaceAfter=No`).
//!
//! Diagnostics produced here (stable codes):
//!
//! | code | severity | what |
//! | --- | --- | --- |
//! | `S001` | error | a word line without the 10 columns (lines with 8 or 9 are still read) |
//! | `S002` | error | an ID that is not a positive integer, range or decimal; or out of order |
//! | `S003` | error | a HEAD that is not a number or names no word of the sentence (set to 0) |
//! | `S004` | warning | a form that could not be found in the text (given an empty span) |
//! | `S005` | warning | a sentence whose tree has no root, several roots, or a cycle |
//!
//! ```
//! use petrel_syntax::conllu;
//! let src = "# text = Arnor met Gondor.\n\
//! 1\tArnor\tArnor\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n\
//! 2\tmet\tmeet\tVERB\tVBD\t_\t0\troot\t_\t_\n\
//! 3\tGondor\tGondor\tPROPN\tNNP\t_\t2\tdobj\t_\tSpaceAfter=No\n\
//! 4\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n";
//! let (sents, diags) = conllu::read(src, "x.conllu");
//! assert!(diags.is_empty());
//! let s = &sents[0];
//! assert_eq!(s.sentence.tokens[2].deprel, "obj"); // v1 `dobj` mapped to v2
//! assert_eq!(s.sentence.tokens[2].span.slice(&s.text), "Gondor");
//! ```

use crate::align::{short, Aligner, Misses};
use petrel_model::{Diagnostic, Sentence, Span, Token};

/// One sentence read from a CoNLL-U file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ConlluSentence {
    /// The words and tree; spans index into `text`.
    pub sentence: Sentence,
    /// From `# text = ...`, or the forms joined.
    pub text: String,
    /// The comment lines without their leading `#` and one space (`sent_id = x`, `text = ...`).
    pub comments: Vec<String>,
}

/// Parses one sentence block; spans index into its `# text` (or the forms joined).
/// `first_line` is the 1-based line of the block's first line in `file`, for diagnostics.
pub fn parse_block(block: &str, file: &str, first_line: u32) -> (Sentence, Vec<Diagnostic>) {
    let (s, d) = parse_block_with_text(block, None, file, first_line);
    (s.sentence, d)
}

fn undash(s: &str) -> &str {
    if s == "_" {
        ""
    } else {
        s
    }
}

struct Word<'a> {
    id: u32,
    cols: [&'a str; 10],
    line: u32,
}

/// Parses one sentence block, aligning the forms to `text` when given (otherwise to the block's
/// `# text`, or to the forms joined). The returned `text` is the one the spans index into.
pub fn parse_block_with_text(
    block: &str,
    text: Option<&str>,
    file: &str,
    first_line: u32,
) -> (ConlluSentence, Vec<Diagnostic>) {
    parse_block_inner(block, text, file, first_line, false)
}

/// Whether CoNLL-U source uses a relation that exists only in UD v2.
fn uses_v2_labels(src: &str) -> bool {
    [
        "\tobj\t",
        "\tobl\t",
        "\tobl:",
        "\tflat\t",
        "\tflat:",
        "\tfixed\t",
        "\tnsubj:pass\t",
        "\taux:pass\t",
        "\torphan\t",
    ]
    .iter()
    .any(|l| src.contains(l))
}

fn parse_block_inner(
    block: &str,
    text: Option<&str>,
    file: &str,
    first_line: u32,
    known_v2: bool,
) -> (ConlluSentence, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut comments = Vec::new();
    let mut words: Vec<Word> = Vec::new();
    // Multiword tokens: (first id, last id, surface form).
    let mut ranges: Vec<(u32, u32, &str)> = Vec::new();
    let mut sent_id = None;
    let mut text_comment = None;
    for (k, raw) in block.lines().enumerate() {
        let line_no = first_line.saturating_add(k as u32);
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        if let Some(c) = line.strip_prefix('#') {
            let c = c.strip_prefix(' ').unwrap_or(c);
            if let Some((k, v)) = c.split_once('=') {
                match k.trim() {
                    "sent_id" => sent_id = Some(v.trim().to_string()),
                    "text" => text_comment = Some(v.strip_prefix(' ').unwrap_or(v).to_string()),
                    _ => {}
                }
            }
            comments.push(c.to_string());
            continue;
        }
        let mut cols = ["_"; 10];
        let mut ncols = 0;
        for (k, c) in line.split('\t').enumerate() {
            if k < 10 {
                cols[k] = c;
            }
            ncols = k + 1;
        }
        if ncols != 10 {
            if ncols >= 8 {
                diags.push(
                    Diagnostic::warning(
                        "S001",
                        format!(
                            "expected 10 tab-separated columns, found {}; reading the first 8",
                            ncols
                        ),
                    )
                    .at(file, line_no),
                );
            } else {
                diags.push(
                    Diagnostic::error(
                        "S001",
                        format!(
                            "expected 10 tab-separated columns, found {}: {:?}",
                            ncols,
                            truncate(line)
                        ),
                    )
                    .at(file, line_no),
                );
                continue;
            }
        }
        let id = cols[0].trim();
        if let Some((a, b)) = id.split_once('-') {
            match (a.parse::<u32>(), b.parse::<u32>()) {
                (Ok(a), Ok(b)) if a >= 1 && a <= b => ranges.push((a, b, cols[1])),
                _ => diags.push(
                    Diagnostic::error("S002", format!("bad multiword range id {}", short(id)))
                        .at(file, line_no),
                ),
            }
            continue;
        }
        if id.contains('.') {
            continue; // empty node (enhanced dependencies only)
        }
        match id.parse::<u32>() {
            Ok(n) if n >= 1 => words.push(Word {
                id: n,
                cols,
                line: line_no,
            }),
            _ => diags.push(
                Diagnostic::error(
                    "S002",
                    format!(
                        "expected a word id (positive integer), found {}; line skipped",
                        short(id)
                    ),
                )
                .at(file, line_no),
            ),
        }
    }

    // id -> index; ids should be 1..=n in order, but cope with gaps and disorder.
    let mut ok_order = true;
    for (i, w) in words.iter().enumerate() {
        if w.id != i as u32 + 1 {
            ok_order = false;
        }
    }
    if !ok_order {
        if let Some(w) = words.first() {
            diags.push(
                Diagnostic::error(
                    "S002",
                    "word ids are not 1, 2, 3... in order; heads are matched by id",
                )
                .at(file, w.line),
            );
        }
    }
    let by_id: std::collections::HashMap<u32, usize> = if ok_order {
        Default::default()
    } else {
        words
            .iter()
            .enumerate()
            .rev()
            .map(|(i, w)| (w.id, i))
            .collect()
    };
    let index_of = |id: u32| -> Option<usize> {
        if ok_order {
            (id >= 1 && id as usize <= words.len()).then(|| id as usize - 1)
        } else {
            by_id.get(&id).copied()
        }
    };
    // multiword ranges by first id (ranges come in order; sort in case they do not)
    ranges.sort_by_key(|r| r.0);
    let range_at = |id: u32| -> Option<(u32, u32, &str)> {
        ranges
            .binary_search_by_key(&id, |r| r.0)
            .ok()
            .map(|k| ranges[k])
    };

    let mut tokens: Vec<Token> = Vec::with_capacity(words.len());
    let mut space_after: Vec<bool> = Vec::with_capacity(words.len());
    for w in &words {
        let c = &w.cols;
        let head = match c[6].trim() {
            "_" => 0,
            h => match h.parse::<u32>() {
                Ok(0) => 0,
                Ok(h) => match index_of(h) {
                    Some(ix) => ix as u32 + 1,
                    None => {
                        diags.push(
                            Diagnostic::error(
                                "S003",
                                format!("HEAD {h} names no word of the sentence; set to 0"),
                            )
                            .at(file, w.line),
                        );
                        0
                    }
                },
                Err(_) => {
                    diags.push(
                        Diagnostic::error(
                            "S003",
                            format!("expected a HEAD number, found {}; set to 0", short(h)),
                        )
                        .at(file, w.line),
                    );
                    0
                }
            },
        };
        let form = c[1].to_string();
        let lemma = if c[2] == "_" && c[1] != "_" {
            String::new()
        } else {
            c[2].to_string()
        };
        tokens.push(Token {
            form,
            lemma,
            upos: undash(c[3]).to_string(),
            xpos: undash(c[4]).to_string(),
            feats: undash(c[5]).to_string(),
            head,
            deprel: undash(c[7]).to_string(),
            span: Span::default(),
        });
        space_after.push(!c[9].split('|').any(|m| m == "SpaceAfter=No"));
    }

    // The text the spans index into.
    let text: String = match (text, text_comment) {
        (Some(t), _) => t.to_string(),
        (None, Some(t)) => t,
        (None, None) => join_forms(&words, &range_at, &space_after),
    };

    // Align: a multiword range's surface form is aligned, then its words inside it.
    let mut al = Aligner::new(&text);
    let mut misses = Misses::default();
    let mut i = 0;
    while i < words.len() {
        let id = words[i].id;
        if let Some((a, b, surface)) = range_at(id) {
            let n = words[i..]
                .iter()
                .take_while(|w| w.id >= a && w.id <= b)
                .count()
                .max(1);
            match al.next(surface) {
                Some(sp) => {
                    let inner = &text[sp.start as usize..sp.end as usize];
                    let mut sub = Aligner::new(inner);
                    let subs: Option<Vec<Span>> =
                        (i..i + n).map(|j| sub.next(&tokens[j].form)).collect();
                    for (k, j) in (i..i + n).enumerate() {
                        tokens[j].span = match &subs {
                            Some(v) => v[k].shift(sp.start),
                            None => sp,
                        };
                    }
                }
                None => {
                    misses.push(
                        &mut diags,
                        Diagnostic::warning("S004", format!("multiword token {} (words {a}-{b}) not found in the text at byte {}", short(surface), al.pos()))
                            .at(file, words[i].line),
                    );
                    for t in &mut tokens[i..i + n] {
                        t.span = al.empty();
                    }
                }
            }
            i += n;
            continue;
        }
        match al.next(&tokens[i].form) {
            Some(sp) => tokens[i].span = sp,
            None => {
                misses.push(
                    &mut diags,
                    Diagnostic::warning(
                        "S004",
                        format!(
                            "form {} not found in the text at byte {}; given an empty span",
                            short(&tokens[i].form),
                            al.pos()
                        ),
                    )
                    .at(file, words[i].line),
                );
                tokens[i].span = al.empty();
            }
        }
        i += 1;
    }

    misses.finish(&mut diags, file, first_line);
    let mut sentence = Sentence {
        id: sent_id,
        span: Span::new(0, text.len() as u32),
        tokens,
    };
    if !known_v2 {
        map_v1_labels(&mut sentence);
    }
    if let Some(msg) = tree_problem(&sentence) {
        diags.push(Diagnostic::warning("S005", msg).at(file, first_line));
    }
    (
        ConlluSentence {
            sentence,
            text,
            comments,
        },
        diags,
    )
}

fn truncate(s: &str) -> &str {
    match s.char_indices().nth(60) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

fn join_forms<'a>(
    words: &[Word<'a>],
    range_at: &dyn Fn(u32) -> Option<(u32, u32, &'a str)>,
    space_after: &[bool],
) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < words.len() {
        let id = words[i].id;
        let (form, n) = match range_at(id) {
            Some((a, b, s)) => (
                s,
                words[i..]
                    .iter()
                    .take_while(|w| w.id >= a && w.id <= b)
                    .count()
                    .max(1),
            ),
            None => (words[i].cols[1], 1),
        };
        out.push_str(form);
        let last = i + n - 1;
        if last + 1 < words.len() && space_after[last] {
            out.push(' ');
        }
        i += n;
    }
    out
}

/// Describes what is wrong with the tree (no root, several roots, a cycle), if anything.
pub fn tree_problem(s: &Sentence) -> Option<String> {
    if s.tokens.is_empty() {
        return None;
    }
    let roots = s.roots().count();
    if roots != 1 {
        return Some(format!("expected one root, found {roots}"));
    }
    // 0 unvisited, 1 on the current path, 2 known to reach the root
    let n = s.tokens.len();
    let mut state = vec![0u8; n];
    let mut path = Vec::new();
    for start in 0..n {
        let mut cur = Some(start);
        while let Some(c) = cur {
            match state[c] {
                2 => break,
                1 => {
                    return Some(format!(
                        "the head chain from word {} has a cycle",
                        start + 1
                    ))
                }
                _ => {
                    state[c] = 1;
                    path.push(c);
                    cur = s.head_of(c);
                }
            }
        }
        for p in path.drain(..) {
            state[p] = 2;
        }
    }
    None
}

/// Maps UD v1 relation labels and two v1 structures to UD v2, in place.
///
/// A sentence that already uses a v2-only relation (`obj`, `obl`, `flat`, `nsubj:pass`...) is taken to
/// be v2 and left as it is. Structures (each only fires on the v1 shape):
/// - a `cc` (and a comma before it) attached to the first conjunct moves to the conjunct that follows
///   it (v2 attaches coordinators to the following conjunct);
/// - a `name`/`flat` group headed by its last word (`Vladimir <-name- Putin`) is re-headed on its first
///   word, which takes over the group's head, relation and other dependents (v2 `flat` is head-first).
///
/// Labels:
/// `dobj`->`obj`, `nsubjpass`->`nsubj:pass`, `csubjpass`->`csubj:pass`, `auxpass`->`aux:pass`,
/// `name`->`flat`, `mwe`->`fixed`, `remnant`->`orphan`, `foreign`->`flat:foreign`;
/// `neg`->`advmod` (`det` on a determiner) with `Polarity=Neg` added to the features;
/// `nmod`, `nmod:tmod`, `nmod:npmod` under a verb, adjective, adverb or auxiliary ->
/// `obl`, `obl:tmod`, `obl:npmod` (under nouns they stay `nmod`). Other labels are kept.
pub fn map_v1_labels(s: &mut Sentence) {
    let n = s.tokens.len();
    // A sentence that uses a v2-only label is v2 already: nmod under a verb is then meant.
    let v2 = s.tokens.iter().any(|t| {
        let l = t.deprel.as_str();
        matches!(
            l,
            "obj" | "obl" | "flat" | "fixed" | "orphan" | "nsubj:pass" | "aux:pass" | "csubj:pass"
        ) || l.starts_with("obl:")
    });
    if v2 {
        return;
    }
    for i in 0..n {
        let clausal_head = s
            .head_of(i)
            .is_some_and(|h| matches!(s.tokens[h].upos.as_str(), "VERB" | "ADJ" | "ADV" | "AUX"));
        let t = &mut s.tokens[i];
        let new: Option<&str> = match t.deprel.as_str() {
            "dobj" => Some("obj"),
            "nsubjpass" => Some("nsubj:pass"),
            "csubjpass" => Some("csubj:pass"),
            "auxpass" => Some("aux:pass"),
            "name" => Some("flat"),
            "mwe" => Some("fixed"),
            "remnant" => Some("orphan"),
            "foreign" => Some("flat:foreign"),
            "neg" => {
                add_feat(&mut t.feats, "Polarity", "Neg");
                Some(if t.upos == "DET" { "det" } else { "advmod" })
            }
            "nmod" if clausal_head => Some("obl"),
            "nmod:tmod" if clausal_head => Some("obl:tmod"),
            "nmod:npmod" if clausal_head => Some("obl:npmod"),
            _ => None,
        };
        if let Some(l) = new {
            t.deprel = l.to_string();
        }
    }
    flat_head_first(s);
    cc_to_following_conjunct(s);
}

/// Dependents of each word (0-based), in sentence order.
fn children_lists(s: &Sentence) -> Vec<Vec<usize>> {
    let n = s.tokens.len();
    let mut kids = vec![Vec::new(); n];
    for j in 0..n {
        if let Some(h) = s.head_of(j) {
            kids[h].push(j);
        }
    }
    kids
}

fn flat_head_first(s: &mut Sentence) {
    let n = s.tokens.len();
    let mut kids = children_lists(s);
    for h in 0..n {
        // the first flat dependent of h that precedes it (the v1 `name` shape)
        let Some(f) = kids[h]
            .iter()
            .copied()
            .filter(|&j| j < h && s.tokens[j].deprel == "flat")
            .min()
        else {
            continue;
        };
        let fid = f as u32 + 1;
        let (hh, hrel) = (s.tokens[h].head, s.tokens[h].deprel.clone());
        if hh == fid {
            continue;
        }
        let moved: Vec<usize> = std::mem::take(&mut kids[h])
            .into_iter()
            .filter(|&j| j != f)
            .collect();
        for &j in &moved {
            s.tokens[j].head = fid;
        }
        kids[f].extend(moved);
        if let Some(old) = s.head_of(h) {
            kids[old].retain(|&j| j != h);
            kids[old].push(f);
        }
        s.tokens[f].head = hh;
        s.tokens[f].deprel = hrel;
        s.tokens[h].head = fid;
        s.tokens[h].deprel = "flat".to_string();
        kids[f].push(h);
    }
}

fn cc_to_following_conjunct(s: &mut Sentence) {
    let n = s.tokens.len();
    // a comma right before a later conjunct, attached to the first conjunct
    for k in 1..n {
        if s.tokens[k].deprel != "conj" {
            continue;
        }
        let hid = s.tokens[k].head;
        if hid as usize > k || hid == 0 {
            continue;
        }
        let p = &mut s.tokens[k - 1];
        if p.deprel == "punct" && p.head == hid && p.form == "," {
            p.head = k as u32 + 1;
        }
    }
    // conj dependents of each word, in order (only cc and punct move below, so this stays valid)
    let conjs: Vec<Vec<usize>> = children_lists(s)
        .into_iter()
        .map(|v| {
            v.into_iter()
                .filter(|&j| s.tokens[j].deprel == "conj")
                .collect()
        })
        .collect();
    for c in 0..n {
        if s.tokens[c].deprel != "cc" {
            continue;
        }
        let Some(h) = s.head_of(c) else { continue };
        if h > c {
            continue; // already v2: the coordinator precedes its head
        }
        let hid = h as u32 + 1;
        let list = &conjs[h];
        let Some(&k) = list.get(list.partition_point(|&j| j <= c)) else {
            continue;
        };
        s.tokens[c].head = k as u32 + 1;
        // a comma right before the coordinator goes along
        if c > 0
            && s.tokens[c - 1].deprel == "punct"
            && s.tokens[c - 1].head == hid
            && s.tokens[c - 1].form == ","
        {
            s.tokens[c - 1].head = k as u32 + 1;
        }
    }
}

/// Adds `name=value` to a UD feature string unless `name` is present, keeping names sorted.
pub fn add_feat(feats: &mut String, name: &str, value: &str) {
    let mut parts: Vec<String> = feats
        .split('|')
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect();
    if parts
        .iter()
        .any(|p| p.split_once('=').map(|(k, _)| k) == Some(name))
    {
        return;
    }
    parts.push(format!("{name}={value}"));
    parts.sort_by_key(|p| {
        p.split_once('=')
            .map(|(k, _)| k.to_ascii_lowercase())
            .unwrap_or_default()
    });
    *feats = parts.join("|");
}

/// Reads a whole CoNLL-U file. Sentences are separated by blank lines; every block with at least
/// one word line becomes a sentence (a block of comments only is skipped). A file that uses any
/// v2-only relation anywhere is taken as UD v2 and its labels are not mapped.
pub fn read(src: &str, file: &str) -> (Vec<ConlluSentence>, Vec<Diagnostic>) {
    let known_v2 = uses_v2_labels(src);
    let mut out = Vec::new();
    let mut diags = Vec::new();
    let mut block_start: Option<(usize, u32)> = None; // byte offset, line
    let mut offset = 0usize;
    let mut line_no = 0u32;
    let flush = |start: usize,
                 end: usize,
                 line: u32,
                 out: &mut Vec<ConlluSentence>,
                 diags: &mut Vec<Diagnostic>| {
        let block = &src[start..end];
        if block
            .lines()
            .any(|l| !l.trim().is_empty() && !l.starts_with('#'))
        {
            let (s, d) = parse_block_inner(block, None, file, line, known_v2);
            out.push(s);
            diags.extend(d);
        }
    };
    for line in src.split_inclusive('\n') {
        line_no += 1;
        if line.trim().is_empty() {
            if let Some((s, l)) = block_start.take() {
                flush(s, offset, l, &mut out, &mut diags);
            }
        } else if block_start.is_none() {
            block_start = Some((offset, line_no));
        }
        offset += line.len();
    }
    if let Some((s, l)) = block_start {
        flush(s, src.len(), l, &mut out, &mut diags);
    }
    (out, diags)
}

fn dash(s: &str) -> &str {
    if s.is_empty() {
        "_"
    } else {
        s
    }
}

fn clean(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c == '\t' || c == '\n' || c == '\r' {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// Writes `sent` as a CoNLL-U block (ending with a blank line) to `out`.
///
/// `text` is the text the token spans index into (usually the whole document). The block gets
/// `# sent_id` (when the sentence has an id), `# text` (the sentence's span of `text`, or all of
/// `text` when that span is empty, with line breaks turned into spaces), and in MISC
/// `TokenRange=start:end` (byte offsets into `text`) plus `SpaceAfter=No` where the next word starts
/// right where this one ends.
pub fn write(sent: &Sentence, text: &str, out: &mut String) {
    use std::fmt::Write;
    if let Some(id) = &sent.id {
        let _ = writeln!(out, "# sent_id = {}", clean(id));
    }
    let stext = sent.span.slice(text);
    let stext = if stext.is_empty() { text } else { stext };
    let _ = writeln!(out, "# text = {}", clean(stext.trim()));
    for (i, t) in sent.tokens.iter().enumerate() {
        let mut misc = Vec::new();
        if let Some(next) = sent.tokens.get(i + 1) {
            if !t.span.is_empty() && next.span.start == t.span.end {
                misc.push("SpaceAfter=No".to_string());
            }
        }
        misc.push(format!("TokenRange={}:{}", t.span.start, t.span.end));
        let form = clean(&t.form);
        let _ = writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t_\t{}",
            i + 1,
            dash(&form),
            dash(&clean(&t.lemma)),
            dash(&t.upos),
            dash(&t.xpos),
            dash(&t.feats),
            t.head,
            dash(&t.deprel),
            misc.join("|")
        );
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    const BLOCK: &str = "# sent_id = t1\n# text = They don't agree.\n\
1\tThey\tthey\tPRON\tPRP\t_\t4\tnsubj\t_\t_\n\
2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n\
2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_\n\
3\tn't\tnot\tPART\tRB\t_\t4\tneg\t_\t_\n\
4\tagree\tagree\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n\
4.1\tx\tx\tX\t_\t_\t_\t_\t_\t_\n\
5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n";

    #[test]
    fn multiword_and_empty_nodes() {
        let (s, d) = parse_block_with_text(BLOCK, None, "t", 1);
        assert!(d.is_empty(), "{d:?}");
        let forms: Vec<_> = s.sentence.tokens.iter().map(|t| t.form.as_str()).collect();
        assert_eq!(forms, ["They", "do", "n't", "agree", "."]);
        let slices: Vec<_> = s
            .sentence
            .tokens
            .iter()
            .map(|t| t.span.slice(&s.text))
            .collect();
        assert_eq!(slices, ["They", "do", "n't", "agree", "."]);
        assert_eq!(s.sentence.id.as_deref(), Some("t1"));
        let neg = &s.sentence.tokens[2];
        assert_eq!(
            (neg.deprel.as_str(), neg.feat("Polarity")),
            ("advmod", Some("Neg"))
        );
    }

    #[test]
    fn multiword_not_verbatim_gets_whole_span() {
        let b = "1-2\tdel\t_\t_\t_\t_\t_\t_\t_\t_\n1\tde\tde\tADP\t_\t_\t2\tcase\t_\t_\n2\tel\tel\tDET\t_\t_\t0\troot\t_\t_\n";
        let (s, _) = parse_block_with_text(b, None, "t", 1);
        assert_eq!(s.text, "del");
        assert_eq!(s.sentence.tokens[0].span, Span::new(0, 3));
        assert_eq!(s.sentence.tokens[1].span, Span::new(0, 3));
    }

    /// (v1 label, head upos, dependent upos) -> expected v2 label.
    const V1: &[(&str, &str, &str, &str)] = &[
        ("dobj", "VERB", "NOUN", "obj"),
        ("nsubjpass", "VERB", "NOUN", "nsubj:pass"),
        ("csubjpass", "VERB", "VERB", "csubj:pass"),
        ("auxpass", "VERB", "AUX", "aux:pass"),
        ("name", "PROPN", "PROPN", "flat"),
        ("mwe", "ADP", "ADP", "fixed"),
        ("neg", "VERB", "PART", "advmod"),
        ("neg", "NOUN", "DET", "det"),
        ("nmod", "VERB", "NOUN", "obl"),
        ("nmod", "ADJ", "NOUN", "obl"),
        ("nmod", "NOUN", "NOUN", "nmod"),
        ("nmod:tmod", "VERB", "NOUN", "obl:tmod"),
        ("nmod:tmod", "NOUN", "NOUN", "nmod:tmod"),
        ("nmod:npmod", "VERB", "NOUN", "obl:npmod"),
        ("nmod:poss", "NOUN", "PRON", "nmod:poss"),
        ("dep", "VERB", "X", "dep"),
        ("obl", "VERB", "NOUN", "obl"),
    ];

    #[test]
    fn v1_to_v2_table() {
        for &(label, hupos, dupos, want) in V1 {
            let mut s = Sentence {
                tokens: vec![
                    Token {
                        form: "h".into(),
                        upos: hupos.into(),
                        deprel: "root".into(),
                        ..Default::default()
                    },
                    Token {
                        form: "d".into(),
                        upos: dupos.into(),
                        head: 1,
                        deprel: label.into(),
                        ..Default::default()
                    },
                ],
                ..Default::default()
            };
            map_v1_labels(&mut s);
            assert_eq!(s.tokens[1].deprel, want, "{label} under {hupos}");
            if label == "neg" {
                assert_eq!(s.tokens[1].feat("Polarity"), Some("Neg"));
            }
        }
    }

    fn tree(s: &Sentence) -> String {
        s.tokens
            .iter()
            .map(|t| format!("{}/{}/{}", t.form, t.head, t.deprel))
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn v1_structures_become_v2() {
        // (why, v1 block as form/head/deprel, expected v2)
        let cases = [
            (
                "name group re-headed on its first word",
                "the/3/det Vladimir/3/name Putin/4/nsubj spoke/0/root",
                "the/2/det Vladimir/4/nsubj Putin/2/flat spoke/0/root",
            ),
            (
                "three-word name",
                "Minas/3/name Morgul/3/name Tirith/0/root",
                "Minas/0/root Morgul/1/flat Tirith/1/flat",
            ),
            (
                "cc and comma move to the following conjunct",
                "A/0/root ,/1/punct B/1/conj ,/1/punct and/1/cc C/1/conj",
                "A/0/root ,/3/punct B/1/conj ,/6/punct and/6/cc C/1/conj",
            ),
            (
                "v2 input is left alone",
                "A/0/root and/3/cc B/1/conj Vladimir/1/nmod Putin/4/flat",
                "A/0/root and/3/cc B/1/conj Vladimir/1/nmod Putin/4/flat",
            ),
        ];
        for (why, input, want) in cases {
            let tokens = input
                .split(' ')
                .map(|w| {
                    let p: Vec<&str> = w.split('/').collect();
                    Token {
                        form: p[0].into(),
                        head: p[1].parse().unwrap(),
                        deprel: p[2].into(),
                        upos: "X".into(),
                        ..Default::default()
                    }
                })
                .collect();
            let mut s = Sentence {
                tokens,
                ..Default::default()
            };
            map_v1_labels(&mut s);
            assert_eq!(tree(&s), want, "{why}");
        }
    }

    #[test]
    fn bad_lines_give_diagnostics() {
        let b = "1\tA\ta\tX\t_\t_\t0\troot\t_\t_\nfoo bar\n2\tB\tb\tX\t_\t_\t9\tdep\t_\t_\nx\tC\tc\tX\t_\t_\t1\tdep\t_\t_\n3\tZ\tz\tX\t_\t_\tq\tdep\t_\t_\n";
        let (s, d) = parse_block_with_text(b, Some("A B nothing"), "f.conllu", 10);
        let codes: Vec<_> = d.iter().map(|d| (d.code, d.line)).collect();
        assert_eq!(
            codes,
            [
                (("S001"), Some(11)),
                ("S002", Some(13)),
                ("S003", Some(12)),
                ("S003", Some(14)),
                ("S004", Some(14)),
                ("S005", Some(10))
            ]
        );
        assert_eq!(s.sentence.tokens.len(), 3);
        assert_eq!(s.sentence.tokens[1].head, 0);
    }

    #[test]
    fn write_then_read_round_trips() {
        let (s, _) = parse_block_with_text(BLOCK, None, "t", 1);
        let mut out = String::new();
        write(&s.sentence, &s.text, &mut out);
        assert!(out.contains("# text = They don't agree."));
        assert!(out.contains("TokenRange=0:4"));
        assert!(out
            .contains("4\tagree\tagree\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No|TokenRange=11:16"));
        let (back, d) = read(&out, "w");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(back.len(), 1);
        assert_eq!(back[0].sentence, s.sentence);
        assert_eq!(back[0].text, s.text);
    }

    #[test]
    fn read_splits_blocks_and_joins_forms() {
        let src = "\n1\tA\t_\tX\t_\t_\t0\troot\t_\tSpaceAfter=No\n2\t!\t_\tPUNCT\t_\t_\t1\tpunct\t_\t_\n\n\n# only a comment\n\n1\tB\t_\tX\t_\t_\t0\troot\t_\t_";
        let (s, d) = read(src, "f");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].text, "A!");
        assert_eq!(s[1].text, "B");
    }
}
