//! Transition-based dependency parser (being built by the parser helper; this is a placeholder
//! with the final API so the crate compiles).

use petrel_model::Sentence;

/// Training options.
#[derive(Clone, Debug)]
pub struct ParserTrainOptions {
    pub epochs: usize,
    pub seed: u64,
}

/// A trained parser model.
#[derive(Clone, Debug, Default)]
pub struct ParserModel {}

impl ParserModel {
    /// Train on gold trees (placeholder: no learning yet).
    pub fn train(
        _train: &[Sentence],
        _dev: &[Sentence],
        _opts: &ParserTrainOptions,
        _log: &mut dyn FnMut(&str),
    ) -> ParserModel {
        ParserModel {}
    }

    /// Placeholder: a flat tree (first token root, others attached to it as `dep`).
    pub fn parse(&self, sent: &mut Sentence) {
        for (i, t) in sent.tokens.iter_mut().enumerate() {
            t.head = if i == 0 { 0 } else { 1 };
            t.deprel = if i == 0 { "root".into() } else { "dep".into() };
        }
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        Vec::new()
    }

    pub fn from_bytes(_bytes: &[u8]) -> Result<ParserModel, crate::NlpError> {
        Ok(ParserModel {})
    }
}
