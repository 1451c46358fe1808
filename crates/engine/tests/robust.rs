//! Coding never panics on messy text, and every span it emits slices the original text on char
//! boundaries (property test over arbitrary strings mixed with news words).

use petrel_engine::{news_coder_options, Engine, EngineOptions};
use proptest::prelude::*;
use std::sync::{Arc, OnceLock};

fn engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(|| {
        let lexicon = Arc::new(petrel_lexicon::Lexicon::embedded().0);
        let nlp = Arc::new(petrel_nlp::Pipeline::embedded().expect("embedded models load"));
        Engine::with_lexicon(lexicon, news_coder_options(), Some(nlp), EngineOptions::default())
    })
}

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Witkoff met Putin in St. Petersburg on Friday. ".to_string()),
        Just("Russian forces shelled Kharkiv, officials said.\n".to_string()),
        Just("«Ceasefire» — “now”, said Zelensky\u{a0}on Tuesday…".to_string()),
        Just("\n\n".to_string()),
        "\\PC{0,40}",
        "[a-zA-Z .,\n]{0,60}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]
    #[test]
    fn coding_never_panics_and_spans_slice_the_text(parts in proptest::collection::vec(piece(), 0..8)) {
        let text: String = parts.concat();
        let doc = petrel_model::Document { id: "p".into(), text: text.clone(), ..Default::default() };
        let date = chrono::NaiveDate::from_ymd_opt(2025, 4, 11).unwrap();
        let res = engine().code_document(&doc, date);
        for ev in &res.events {
            for (span, want) in [(ev.evidence.verb.span, Some(&ev.evidence.verb.text)), (ev.evidence.sentence_span, None)] {
                let got = text.get(span.start as usize..span.end as usize);
                prop_assert!(got.is_some(), "span {:?} does not slice the text", span);
                if let Some(w) = want {
                    prop_assert_eq!(got.unwrap(), w.as_str());
                }
            }
            for a in [&ev.source, &ev.target].into_iter().flatten() {
                if !a.span.is_empty() {
                    prop_assert_eq!(text.get(a.span.start as usize..a.span.end as usize), Some(a.text.as_str()));
                }
            }
            prop_assert!(ev.sentence < res.sentences as u32);
        }
    }
}
