//! Hostile input never panics, and every span keeps the invariants.

use petrel_model::Span;
use petrel_text::{normalize, segment, tokenize, RawSentence};
use proptest::prelude::*;

/// Spans in bounds, on char boundaries, non-empty, increasing, non-overlapping; tokens inside
/// their sentence; a sentence never starts with a joined token.
fn check(text: &str, sents: &[RawSentence]) {
    let mut prev_end = 0u32;
    let mut prev_sent_end = 0u32;
    for s in sents {
        assert!(s.span.start >= prev_sent_end, "sentences overlap");
        assert!(s.span.end as usize <= text.len());
        assert!(text.is_char_boundary(s.span.start as usize) && text.is_char_boundary(s.span.end as usize));
        assert!(!s.tokens.is_empty());
        assert!(!s.tokens[0].joined, "sentence starts with a joined token");
        for t in &s.tokens {
            let (a, b) = (t.span.start as usize, t.span.end as usize);
            assert!(a < b && b <= text.len(), "bad span {:?}", t.span);
            assert!(text.is_char_boundary(a) && text.is_char_boundary(b));
            assert!(t.span.start >= prev_end, "tokens overlap or go backwards");
            assert!(t.span.start >= s.span.start && t.span.end <= s.span.end);
            assert!(!t.form.is_empty());
            prev_end = t.span.end;
        }
        prev_sent_end = s.span.end;
    }
}

#[test]
fn empty_and_whitespace() {
    assert!(segment("").is_empty());
    assert!(segment(" \n\t\r\n \u{00A0}\u{200B}").is_empty());
}

#[test]
fn a_megabyte_without_a_space() {
    for unit in ["a", "\u{FFFD}", ".", "-", "a.", "'s", "x-", "\u{00AD}", "(", "1,", ")]", "1-", "a. \" ", "A ", "U.S. ", "\"a.\" "] {
        // a megabyte without a space; 200 KB for the units with spaces (many tokens)
        let size = if unit.contains(' ') { 200_000 } else { 1_000_000 };
        let text = unit.repeat(size / unit.len());
        let s = segment(&text);
        check(&text, &s);
    }
}

#[test]
fn control_characters_and_replacement_chars() {
    let text = "Putin\u{0}met\u{7}\u{1B}[0m Witkoff.\u{FFFD}\u{FFFD} He\u{0085}left\u{2028}today\u{2029}Next.";
    let s = segment(text);
    check(text, &s);
    let bytes = b"Caf\xc3\xa9 \xff\xfe broken \xe2\x80 utf8. Next one.";
    let lossy = String::from_utf8_lossy(bytes);
    let s = segment(&lossy);
    check(&lossy, &s);
    assert!(s.iter().any(|x| x.tokens.iter().any(|t| t.form.contains('\u{FFFD}'))));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn arbitrary_strings_keep_invariants(text in "\\PC{0,200}") {
        let s = segment(&text);
        check(&text, &s);
    }

    #[test]
    fn punctuation_heavy_strings_keep_invariants(
        text in "([A-Za-z0-9]{0,4}[ .,!?'\"\u{2019}\u{201C}\u{201D}\u{2014}\u{2026}\u{FB01}\u{00AD}\n@#$%()\\-:/]{0,3}){0,40}"
    ) {
        let s = segment(&text);
        check(&text, &s);
    }

    #[test]
    fn tokenize_any_span(text in "\\PC{0,80}", a in 0u32..100, len in 0u32..100) {
        let toks = tokenize(&text, Span::new(a, a.saturating_add(len)));
        let mut prev = 0u32;
        for t in &toks {
            let (x, y) = (t.span.start as usize, t.span.end as usize);
            prop_assert!(x < y && y <= text.len());
            prop_assert!(text.is_char_boundary(x) && text.is_char_boundary(y));
            prop_assert!(t.span.start >= prev);
            prev = t.span.end;
        }
    }

    #[test]
    fn normalised_spans_map_to_char_boundaries(text in "\\PC{0,80}", a in 0usize..120, len in 0usize..40) {
        let n = normalize(&text);
        let a = a.min(n.text.len());
        let b = (a + len).min(n.text.len());
        let s = n.span_to_original(Span::new(a as u32, b as u32));
        prop_assert!(s.start <= s.end && s.end as usize <= text.len());
        prop_assert!(text.is_char_boundary(s.start as usize) && text.is_char_boundary(s.end as usize));
    }
}
