//! Sentence boundaries over the token stream of a normalised text.
//!
//! A sentence ends:
//! - after `.`, `?`, `!` (and runs like `?!`, `!!!`), together with the closing quotes and
//!   brackets glued to it (`war."` ends after the quote), unless what follows is a comma-like
//!   token or (after `?`/`!`) a lowercase word (`"Why?" he asked`);
//! - after an ellipsis only when a capitalised word follows;
//! - after an abbreviation (`U.S.`, `a.m.`) only when a typical sentence opener follows
//!   (`The`, `He`, `But`...), never after a title or an initial (`Gen.`, `W.`); the period is then
//!   split off as its own token, as UD English EWT does (`U.S` `.`);
//! - at a blank line, and at a single line break unless the line looks continued (it ends in a
//!   comma, hyphen or function word, or the next line starts in lowercase after a line without
//!   final punctuation); inside a hard-wrapped block (lines of an even 40-110 char width) a
//!   line break is just a space;
//! - where the learned classifier ([`crate::boundary`]) sees an unpunctuated boundary
//!   (`Thanks, Sean Here you go`), only between tokens the rules left together.

use crate::boundary;
use crate::tokenize::{is_abbreviation, is_emoticon, is_title_or_initial, NTok};

/// Capitalised words that typically open a sentence (used after abbreviations).
const OPENERS: &[&str] = &[
    "The", "A", "An", "He", "She", "It", "I", "We", "They", "You", "This", "That", "These",
    "Those", "There", "But", "And", "Or", "So", "If", "In", "On", "At", "As", "For", "When",
    "While", "After", "Before", "His", "Her", "Its", "Our", "Their", "My", "Your", "What", "Why",
    "How", "Who", "Where", "However", "Meanwhile", "Also", "Then", "Now", "Some", "Many", "Most",
    "All", "No", "Yes", "Please", "Thanks", "Thank", "Let", "Since", "Although", "Yet", "Still",
];

/// Words after which a line break does not end the sentence.
const CONTINUED: &[&str] = &[
    "the", "a", "an", "of", "and", "or", "to", "in", "for", "with", "by", "from", "than", "his",
    "their", "its", "our", "my", "your",
];

fn is_closing(s: &str) -> bool {
    matches!(s, "\"" | "'" | ")" | "]" | "}" | "''" | "`" | "*" | ">")
}

fn starts_lower(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_lowercase())
}

fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_uppercase())
}

fn is_terminal_run(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| matches!(b, b'.' | b'!' | b'?'))
}

/// Split `toks` (over normalised text `t`) into sentences: the rules, then the learned
/// classifier adds boundaries the rules cannot see (see [`crate::boundary`]). Returns the
/// (possibly re-split) tokens and the sentences as half-open token index ranges.
pub(crate) fn split(t: &str, toks: Vec<NTok>) -> (Vec<NTok>, Vec<(usize, usize)>) {
    let (toks, sents) = split_rules(t, toks);
    let mut out = Vec::with_capacity(sents.len());
    let mut sc = boundary::Scratch::default();
    let mut feats = Vec::with_capacity(24);
    for (a, b) in sents {
        let mut start = a;
        for k in a..b.saturating_sub(1) {
            if !boundary::is_candidate(t, &toks, k) {
                continue;
            }
            boundary::features(t, &toks, a, b, k, &mut sc, &mut feats);
            if boundary::score(&feats) > boundary::THRESHOLD {
                out.push((start, k + 1));
                start = k + 1;
            }
        }
        out.push((start, b));
    }
    split_datelines(t, &toks, &mut out);
    (toks, out)
}

/// A news dateline opening a paragraph (`MOSCOW, April 11, 2025 - Witkoff met ...`,
/// `WASHINGTON (AP) -- The ...`, `KYIV, Ukraine - ...`) is a sentence of its own: parsed with the
/// first sentence, the city becomes the subject of its verb. A dateline is a capitalised place
/// word written in capitals (at least three letters), then at most ten tokens of place, date or
/// agency words, commas and brackets, then a spaced dash followed by a capitalised word.
fn split_datelines(t: &str, toks: &[NTok], sents: &mut Vec<(usize, usize)>) {
    let text = |k: usize| &t[toks[k].start as usize..toks[k].end as usize];
    let mut k = 0;
    while k < sents.len() {
        let (a, b) = sents[k];
        let para_start = a == 0 || toks[a].nl_before > 0;
        let caps = |w: &str| w.chars().filter(|c| c.is_alphabetic()).count() >= 3 && w.chars().all(|c| c.is_uppercase() || matches!(c, '.' | '\'' | '-'));
        if para_start && b > a + 2 && caps(text(a)) {
            let limit = b.min(a + 12);
            let dash = (a + 1..limit).find(|&j| matches!(text(j), "-" | "--" | "---") && toks[j].space_before);
            if let Some(d) = dash {
                let header_ok = (a + 1..d).all(|j| {
                    let w = text(j);
                    caps(w)
                        || matches!(w, "," | "(" | ")" | ".")
                        || w.chars().all(|c| c.is_ascii_digit())
                        || starts_upper(w) && w.chars().all(|c| c.is_alphabetic() || c == '.')
                });
                if header_ok && d + 1 < b && starts_upper(text(d + 1)) {
                    sents[k] = (a, d + 1);
                    sents.insert(k + 1, (d + 1, b));
                    k += 1;
                }
            }
        }
        k += 1;
    }
}

/// The rule-based half of [`split`].
pub(crate) fn split_rules(t: &str, mut toks: Vec<NTok>) -> (Vec<NTok>, Vec<(usize, usize)>) {
    unwrap_lines(t, &mut toks);
    let n = toks.len();
    let text = |k: &NTok| &t[k.start as usize..k.end as usize];
    let mut out: Vec<NTok> = Vec::with_capacity(n + n / 16);
    let mut sents: Vec<(usize, usize)> = Vec::new();
    let mut cur = 0usize;

    // close the current sentence at out.len(); split a final abbreviation's period off
    fn close(t: &str, out: &mut Vec<NTok>, sents: &mut Vec<(usize, usize)>, cur: &mut usize) {
        if out.len() <= *cur {
            return;
        }
        if let Some(last) = out.last().copied() {
            let w = &t[last.start as usize..last.end as usize];
            if w.len() > 1 && w.ends_with('.') && is_abbreviation(&w[..w.len() - 1]) {
                let dot = last.end - 1;
                let l = out.last_mut().expect("non-empty");
                l.end = dot;
                out.push(NTok { start: dot, end: dot + 1, nl_before: 0, space_before: false, cont: false });
            }
        }
        sents.push((*cur, out.len()));
        *cur = out.len();
    }

    // '"' tokens pushed so far, and at the start of the current sentence (quote parity)
    let (mut quotes, mut quotes_at_cur) = (0usize, 0usize);
    let mut i = 0;
    while i < n {
        let tok = toks[i];
        if i > 0 && out.len() > cur && tok.nl_before > 0 && line_break_ends(t, &toks[i - 1], &tok) {
            close(t, &mut out, &mut sents, &mut cur);
            quotes_at_cur = quotes;
        }
        out.push(tok);
        if text(&tok) == "\"" {
            quotes += 1;
        }
        let w = text(&tok);
        let strong = is_terminal_run(w) && !w.starts_with("..");
        let ellipsis = w.starts_with("..") && is_terminal_run(w);
        let abbrev = !strong && !ellipsis && w.len() > 1 && w.ends_with('.') && is_abbreviation(&w[..w.len() - 1]);
        if !(strong || ellipsis || abbrev) {
            i += 1;
            continue;
        }
        // closers glued to the terminal
        let mut j = i;
        let mut quoted = false;
        let mut glued_quotes = 0;
        while j + 1 < n && toks[j + 1].nl_before == 0 && !toks[j + 1].space_before && is_closing(text(&toks[j + 1])) {
            j += 1;
            quoted = true;
            glued_quotes += usize::from(text(&toks[j]) == "\"");
        }
        // a spaced closing quote that closes a quotation opened in this sentence
        if j + 1 < n
            && text(&toks[j + 1]) == "\""
            && toks[j + 1].nl_before == 0
            && (quotes - quotes_at_cur + glued_quotes) % 2 == 1
        {
            j += 1;
            quoted = true;
        }
        // an emoticon after the stop belongs to the sentence: `I love her. :)`
        while j + 1 < n && toks[j + 1].nl_before == 0 && is_emoticon(text(&toks[j + 1])) {
            j += 1;
        }
        let boundary = match toks.get(j + 1) {
            None => true,
            Some(next) if next.nl_before > 0 => false, // the line-break rule decides
            Some(next) => {
                let nw = text(next);
                // `1. The pricing...`: a list number at the start of a sentence
                let list_marker = w == "."
                    && out.len() >= 2
                    && out.len() - 2 == cur
                    && !tok.space_before
                    && {
                        let p = text(&out[out.len() - 2]);
                        p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit())
                    };
                if list_marker {
                    false
                } else if strong {
                    let comma_like = matches!(nw, "," | ";" | ":" | ")" | "]" | "-" | "--") || is_terminal_run(nw);
                    !(comma_like || quoted && starts_lower(nw))
                } else if ellipsis {
                    starts_upper(nw) && next.space_before
                } else {
                    let core = &w[..w.len() - 1];
                    !is_title_or_initial(core) && OPENERS.contains(&nw)
                }
            }
        };
        out.extend_from_slice(&toks[i + 1..=j]);
        quotes += toks[i + 1..=j].iter().filter(|k| text(k) == "\"").count();
        if boundary {
            close(t, &mut out, &mut sents, &mut cur);
            quotes_at_cur = quotes;
        }
        i = j + 1;
    }
    close(t, &mut out, &mut sents, &mut cur);
    (out, sents)
}

/// Line lengths (in chars) that look like a hard-wrapped column.
const WRAP_MIN: usize = 40;
const WRAP_MAX: usize = 110;
/// Most a wrapped line may be shorter than the longest line of its block.
const WRAP_RAGGED: usize = 35;

/// Hard-wrapped blocks (news wires, e-mail archives: `...signed an accord to supply Gondor with
/// some \n50,000 tonnes of wheat`): a line break inside such a block is only a space, so the
/// token after it gets `nl_before = 0`. A block (lines between blank lines) counts as wrapped when
/// it has 2+ lines, every line but the last is 40-110 chars long and within 35 chars of the
/// longest, and the last line is no longer than the longest. A headline over a long paragraph, or
/// short e-mail lines, do not qualify.
fn unwrap_lines(t: &str, toks: &mut [NTok]) {
    if !toks.iter().any(|k| k.nl_before == 1) {
        return;
    }
    // blocks as (start, end) byte ranges with their wrapped flag
    let mut wrapped_blocks: Vec<(usize, usize)> = Vec::new();
    let mut lines: Vec<usize> = Vec::new(); // char lengths of the current block's lines
    let mut block_start = 0usize;
    let mut line_start = 0usize;
    let mut finish = |lines: &mut Vec<usize>, start: usize, end: usize| {
        if lines.len() >= 2 {
            let (body, last) = lines.split_at(lines.len() - 1);
            let max = body.iter().copied().max().unwrap_or(0);
            let ok = body.iter().all(|&l| (WRAP_MIN..=WRAP_MAX).contains(&l) && l + WRAP_RAGGED >= max)
                && last[0] <= max;
            if ok {
                wrapped_blocks.push((start, end));
            }
        }
        lines.clear();
    };
    let bytes = t.as_bytes();
    let mut i = 0;
    while i <= bytes.len() {
        if i == bytes.len() || bytes[i] == b'\n' {
            let line = &t[line_start..i];
            if line.trim().is_empty() {
                finish(&mut lines, block_start, line_start);
                block_start = i + 1;
            } else {
                lines.push(line.trim_end().chars().count());
            }
            line_start = i + 1;
        }
        i += 1;
    }
    finish(&mut lines, block_start, bytes.len());
    let mut b = 0;
    for k in toks.iter_mut().filter(|k| k.nl_before == 1) {
        let p = k.start as usize;
        while b < wrapped_blocks.len() && wrapped_blocks[b].1 < p {
            b += 1;
        }
        if b < wrapped_blocks.len() && wrapped_blocks[b].0 <= p {
            k.nl_before = 0;
        }
    }
}

/// Does the line break before `next` (which follows `prev`) end the sentence?
fn line_break_ends(t: &str, prev: &NTok, next: &NTok) -> bool {
    if next.nl_before >= 2 {
        return true;
    }
    let pw = &t[prev.start as usize..prev.end as usize];
    let nw = &t[next.start as usize..next.end as usize];
    let p_final = pw.ends_with(['.', '!', '?', '"', ')', ':']);
    if starts_lower(nw) && !p_final {
        return false;
    }
    if matches!(pw, "," | "-" | "&") || CONTINUED.contains(&pw) {
        return false;
    }
    true
}

