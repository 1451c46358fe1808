//! The compiled [`Lexicon`] as the coder's [`Dictionaries`].

use chrono::NaiveDate;
use petrel_coder::{ActorMatch, AgentMatch, Coder, CoderOptions, Dictionaries};
use petrel_lexicon::verbs::VerbDict;
use petrel_lexicon::Lexicon;
use std::sync::Arc;

/// A shared lexicon snapshot seen through the coder's dictionary interface.
pub struct LexiconDicts(pub Arc<Lexicon>);

impl Dictionaries for LexiconDicts {
    fn verbs(&self) -> &VerbDict {
        &self.0.verbs
    }
    fn actors(&self, words: &[&str], date: NaiveDate) -> Vec<ActorMatch> {
        let actors = &self.0.actors;
        actors
            .find_all(words)
            .into_iter()
            .filter_map(|h| {
                let e = actors.entry(h.id);
                let code = e.code_on(date)?.code.clone();
                Some(ActorMatch { start: h.start, len: h.len, code, entry: e.name.clone() })
            })
            .collect()
    }
    fn agents(&self, words: &[&str]) -> Vec<AgentMatch> {
        let agents = &self.0.agents;
        agents
            .find_all(words)
            .into_iter()
            .map(|h| AgentMatch { start: h.start, len: h.len, code: agents.entry(h.id).code.clone() })
            .collect()
    }
    fn discard(&self, words: &[&str]) -> Option<String> {
        let d = &self.0.discards;
        d.find(words).map(|h| d.entry(h.entry).phrase.clone())
    }
}

/// A coder over a lexicon snapshot.
pub fn coder(lexicon: Arc<Lexicon>, opts: CoderOptions) -> Coder {
    Coder::with_dictionaries(Arc::new(LexiconDicts(lexicon)), opts)
}
