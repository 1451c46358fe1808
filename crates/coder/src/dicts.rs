//! [`Dictionaries`] over the compiled lexicon snapshot.

use crate::{ActorMatch, AgentMatch, Dictionaries};
use chrono::NaiveDate;
use petrel_lexicon::verbs::VerbDict;

impl Dictionaries for petrel_lexicon::snapshot::Lexicon {
    fn verbs(&self) -> &VerbDict {
        &self.verbs
    }
    fn actors(&self, words: &[&str], date: NaiveDate) -> Vec<ActorMatch> {
        self.actors
            .find_all(words)
            .into_iter()
            .filter_map(|h| {
                let e = self.actors.entry(h.id);
                let code = e.code_on(date)?.code.clone();
                Some(ActorMatch { start: h.start, len: h.len, code, entry: e.name.clone() })
            })
            .collect()
    }
    fn agents(&self, words: &[&str]) -> Vec<AgentMatch> {
        self.agents
            .find_all(words)
            .into_iter()
            .map(|h| AgentMatch { start: h.start, len: h.len, code: self.agents.entry(h.id).code.clone() })
            .collect()
    }
    fn discard(&self, words: &[&str]) -> Option<String> {
        self.discards.find(words).map(|h| self.discards.entry(h.entry).phrase.clone())
    }
}
