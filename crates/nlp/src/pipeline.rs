//! The NLP pipeline: raw text -> sentences of tagged, lemmatised, parsed words, every span in
//! bytes of the original text.
//!
//! [`Pipeline::embedded`] loads the models compiled into the binary once (later calls clone an
//! `Arc`); [`Pipeline::analyze`] segments (petrel-text), tags and parses.
//!
//! Diagnostics produced here (stable codes):
//!
//! | code | severity | what |
//! | --- | --- | --- |
//! | `N001` | warning | no parser model: sentences get a flat tree (first word root, others `dep`) |
//! | `N002` | warning | no tagger model: words keep empty tags and lemmas |
//!
//! ```no_run
//! let nlp = petrel_nlp::Pipeline::embedded().unwrap();
//! let text = "Russia's envoy met Witkoff. They talked.";
//! let sents = nlp.analyze(text);
//! assert_eq!(sents.len(), 2);
//! assert_eq!(sents[0].tokens[2].span.slice(text), "envoy");
//! ```

use crate::model_io::{gunzip, read_maybe_gz};
use crate::parser::ParserModel;
use crate::tagger::TaggerModel;
use crate::NlpError;
use petrel_model::{Diagnostic, Sentence, Token};
use std::path::Path;
use std::sync::{Arc, OnceLock};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_models.rs"));
}

struct Inner {
    tagger: Option<TaggerModel>,
    parser: Option<ParserModel>,
    diagnostics: Vec<Diagnostic>,
}

/// Tagger + parser, immutable and cheap to clone (an `Arc`).
#[derive(Clone)]
pub struct Pipeline {
    inner: Arc<Inner>,
}

impl Pipeline {
    /// Build from models in memory (`None`: that stage is skipped, with a diagnostic).
    pub fn from_models(tagger: Option<TaggerModel>, parser: Option<ParserModel>) -> Pipeline {
        let mut diagnostics = Vec::new();
        if tagger.is_none() {
            diagnostics.push(Diagnostic::warning("N002", "no tagger model: words keep empty tags and lemmas"));
        }
        if parser.is_none() {
            diagnostics.push(Diagnostic::warning(
                "N001",
                "no parser model: sentences get a flat tree (first word root, others `dep`)",
            ));
        }
        Pipeline { inner: Arc::new(Inner { tagger, parser, diagnostics }) }
    }

    /// The models compiled into the binary, decoded on first use and shared afterwards.
    pub fn embedded() -> Result<Pipeline, NlpError> {
        static P: OnceLock<Pipeline> = OnceLock::new();
        if let Some(p) = P.get() {
            return Ok(p.clone());
        }
        let (tagger, parser) = decode_both(embedded_tagger, embedded_parser)?;
        Ok(P.get_or_init(|| Pipeline::from_models(tagger, parser)).clone())
    }

    /// Models from files (gzip'ed or not); `None` takes the embedded model of that kind.
    pub fn load(tagger: Option<&Path>, parser: Option<&Path>) -> Result<Pipeline, NlpError> {
        if tagger.is_none() && parser.is_none() {
            return Pipeline::embedded();
        }
        let load_tagger = || match tagger {
            Some(p) => Ok(Some(TaggerModel::from_bytes(&read_maybe_gz(p)?)?)),
            None => embedded_tagger(),
        };
        let load_parser = || match parser {
            Some(p) => Ok(Some(ParserModel::from_bytes(&read_maybe_gz(p)?)?)),
            None => embedded_parser(),
        };
        let (t, q) = decode_both(load_tagger, load_parser)?;
        Ok(Pipeline::from_models(t, q))
    }

    /// Whether this build has the models compiled in: (tagger, parser).
    pub fn has_embedded_models() -> (bool, bool) {
        (embedded::TAGGER_GZ.is_some(), embedded::PARSER_GZ.is_some())
    }

    pub fn tagger(&self) -> Option<&TaggerModel> {
        self.inner.tagger.as_ref()
    }
    pub fn parser(&self) -> Option<&ParserModel> {
        self.inner.parser.as_ref()
    }
    /// Problems found when the pipeline was built (a missing model).
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.inner.diagnostics
    }

    /// Tag only (UPOS, XPOS, lemma, FEATS).
    pub fn tag(&self, sent: &mut Sentence) {
        if let Some(t) = &self.inner.tagger {
            t.tag(sent);
        }
    }

    /// Parse only (head, deprel); a flat tree without a parser model.
    pub fn parse(&self, sent: &mut Sentence) {
        match &self.inner.parser {
            Some(p) => p.parse(sent),
            None => {
                for (i, t) in sent.tokens.iter_mut().enumerate() {
                    t.head = if i == 0 { 0 } else { 1 };
                    t.deprel = if i == 0 { "root" } else { "dep" }.to_string();
                }
            }
        }
    }

    /// Tag and parse a tokenised sentence in place (then past-tense verbs take Number and
    /// Person from their subject, see [`agree_with_subject`]).
    pub fn tag_parse(&self, sent: &mut Sentence) {
        self.tag(sent);
        self.parse(sent);
        if self.inner.parser.is_some() {
            agree_with_subject(sent);
        }
    }

    /// Split `original` into sentences and words (petrel-text), then tag and parse each.
    /// Spans are byte ranges of `original`. Never panics; empty text gives no sentences.
    pub fn analyze(&self, original: &str) -> Vec<Sentence> {
        petrel_text::segment(original)
            .into_iter()
            .map(|rs| {
                let mut s = Sentence {
                    id: None,
                    span: rs.span,
                    tokens: rs.tokens.into_iter().map(|t| Token { form: t.form, span: t.span, ..Default::default() }).collect(),
                };
                self.tag_parse(&mut s);
                s
            })
            .collect()
    }
}

/// The two models decoded at once, the parser on a second thread (each is most of a tenth of
/// a second of gunzip); a tagger error is reported before a parser error.
fn decode_both(
    tagger: impl FnOnce() -> Result<Option<TaggerModel>, NlpError>,
    parser: impl FnOnce() -> Result<Option<ParserModel>, NlpError> + Send,
) -> Result<(Option<TaggerModel>, Option<ParserModel>), NlpError> {
    let (t, q) = std::thread::scope(|s| {
        let q = s.spawn(parser);
        (tagger(), q.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
    });
    Ok((t?, q?))
}

fn embedded_tagger() -> Result<Option<TaggerModel>, NlpError> {
    match embedded::TAGGER_GZ {
        Some(b) => Ok(Some(TaggerModel::from_bytes(&gunzip(b, "tagger")?)?)),
        None => Ok(None),
    }
}

fn embedded_parser() -> Result<Option<ParserModel>, NlpError> {
    match embedded::PARSER_GZ {
        Some(b) => Ok(Some(ParserModel::from_bytes(&gunzip(b, "parser")?)?)),
        None => Ok(None),
    }
}

/// Set `Number` and `Person` of finite past-tense verbs (XPOS `VBD`; their form does not show
/// agreement, so the tagger's table can only guess) from their subject: the `nsubj`/`nsubj:pass`/
/// `expl` dependent of the verb, or of the verb an auxiliary or copula depends on. A pronoun
/// subject gives its own Person and Number, any other subject Person=3 and its Number.
pub fn agree_with_subject(sent: &mut Sentence) {
    let n = sent.tokens.len();
    let mut subj: Vec<Option<usize>> = vec![None; n];
    for (i, t) in sent.tokens.iter().enumerate() {
        let rel = t.deprel.split(':').next().unwrap_or("");
        if rel == "nsubj" || rel == "expl" {
            if let Some(h) = sent.head_of(i) {
                subj[h].get_or_insert(i);
            }
        }
    }
    for i in 0..n {
        let t = &sent.tokens[i];
        if t.xpos != "VBD" {
            continue;
        }
        let rel = t.deprel.split(':').next().unwrap_or("");
        let s = subj[i].or_else(|| if rel == "aux" || rel == "cop" { sent.head_of(i).and_then(|h| subj[h]) } else { None });
        let Some(s) = s else { continue };
        let st = &sent.tokens[s];
        let number = st.feat("Number").map(str::to_string);
        let person = if st.upos == "PRON" { st.feat("Person").map(str::to_string) } else { Some("3".to_string()) };
        let mut feats: Vec<(String, String)> = sent.tokens[i]
            .feats
            .split('|')
            .filter_map(|kv| kv.split_once('=').map(|(k, v)| (k.to_string(), v.to_string())))
            .collect();
        for (name, value) in [("Number", number), ("Person", person)] {
            feats.retain(|(k, _)| k != name);
            if let Some(v) = value {
                feats.push((name.to_string(), v));
            }
        }
        feats.sort_by_key(|(k, _)| k.to_ascii_lowercase());
        sent.tokens[i].feats = feats.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("|");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn past_verbs_agree_with_their_subject() {
        // (form, upos, xpos, feats, head, deprel) ; expected feats of the VBD words
        let t = |f: &str, u: &str, x: &str, ft: &str, h: u32, r: &str| Token {
            form: f.into(),
            upos: u.into(),
            xpos: x.into(),
            feats: ft.into(),
            head: h,
            deprel: r.into(),
            ..Default::default()
        };
        let fin = "Mood=Ind|Number=Sing|Person=1|Tense=Past|VerbForm=Fin";
        let mut s = Sentence {
            tokens: vec![
                t("Rebels", "NOUN", "NNS", "Number=Plur", 2, "nsubj"),
                t("attacked", "VERB", "VBD", fin, 0, "root"),
                t("and", "CCONJ", "CC", "", 6, "cc"),
                t("we", "PRON", "PRP", "Case=Nom|Number=Plur|Person=1|PronType=Prs", 6, "nsubj"),
                t("were", "AUX", "VBD", fin, 6, "cop"),
                t("calm", "ADJ", "JJ", "Degree=Pos", 2, "conj"),
                t("went", "VERB", "VBD", fin, 2, "conj"),
            ],
            ..Default::default()
        };
        agree_with_subject(&mut s);
        assert_eq!(s.tokens[1].feats, "Mood=Ind|Number=Plur|Person=3|Tense=Past|VerbForm=Fin");
        assert_eq!(s.tokens[4].feats, "Mood=Ind|Number=Plur|Person=1|Tense=Past|VerbForm=Fin");
        assert_eq!(s.tokens[6].feats, fin, "no subject: unchanged");
    }
}
