//! [`Dictionaries`] over PETRARCH dictionary files: the verb dictionary and actor dictionary
//! of `petrel-lexicon`, plus a small agent and discard reader used until the lexicon snapshot
//! provides them.

use crate::{ActorMatch, AgentMatch, Dictionaries};
use chrono::NaiveDate;
use petrel_lexicon::actors::ActorDict;
use petrel_lexicon::verbs::VerbDict;
use petrel_model::Diagnostic;
use std::collections::HashMap;

/// One agent phrase (upper-case words) and its code (`~GOV`, `NGO~`).
#[derive(Clone, Debug, Default)]
pub struct AgentList {
    by_first: HashMap<String, Vec<(Vec<String>, String)>>,
}

fn norm(w: &str) -> String {
    w.trim_end_matches('.').replace('.', "").to_uppercase()
}

impl AgentList {
    /// Read a PETRARCH agents file: `PHRASE {PLURALS} [~CODE]`, `!SET! = A, B` substitutions.
    /// Diagnostics: `A001` line without a code, `A002` undefined substitution set.
    pub fn parse(text: &str, file: &str) -> (AgentList, Vec<Diagnostic>) {
        let mut list = AgentList::default();
        let mut diags = Vec::new();
        let mut sets: HashMap<String, Vec<String>> = HashMap::new();
        for (n, raw) in text.lines().enumerate() {
            let line = raw.split('#').next().unwrap_or("").trim();
            if line.is_empty() || line.starts_with('<') {
                continue;
            }
            if line.starts_with('!') {
                if let Some((name, vals)) = line.split_once('=') {
                    sets.insert(
                        name.trim().to_uppercase(),
                        vals.split(',').map(|v| v.trim().to_uppercase()).filter(|v| !v.is_empty()).collect(),
                    );
                    continue;
                }
            }
            let Some(open) = line.rfind('[') else {
                diags.push(Diagnostic::warning("A001", format!("agent line without [code]: {line:?}")).at(file, n as u32 + 1));
                continue;
            };
            let code = line[open + 1..].trim_end_matches(']').trim().replace(' ', "").to_uppercase();
            let mut head = &line[..open];
            let mut plurals: Option<Vec<String>> = None;
            if let Some(b) = head.find('{') {
                let inner = head[b + 1..].split('}').next().unwrap_or("");
                plurals = Some(inner.split_whitespace().map(|s| s.to_uppercase()).collect());
                head = &head[..b];
            }
            let phrase = head.trim().to_uppercase();
            if phrase.is_empty() {
                continue;
            }
            let mut variants = vec![phrase.clone()];
            // Substitution sets: `CONGRESS!PERSON!` -> CONGRESSMAN, CONGRESSMEN...
            while let Some(v) = variants.iter().position(|p| p.contains('!')) {
                let p = variants.remove(v);
                let s = p.find('!').unwrap_or(0);
                let Some(e) = p[s + 1..].find('!').map(|e| s + 1 + e) else {
                    diags.push(Diagnostic::warning("A002", format!("unclosed substitution set in {p:?}")).at(file, n as u32 + 1));
                    break;
                };
                let name = &p[s..=e];
                match sets.get(name) {
                    Some(vals) => {
                        for val in vals {
                            variants.push(format!("{}{}{}", &p[..s], val, &p[e + 1..]));
                        }
                    }
                    None => {
                        diags.push(Diagnostic::warning("A002", format!("undefined substitution set {name}")).at(file, n as u32 + 1));
                        break;
                    }
                }
            }
            let mut all = Vec::new();
            for v in variants {
                if plurals.is_none() && !v.contains('!') {
                    let mut words: Vec<String> = v.split(['_', ' ']).filter(|w| !w.is_empty()).map(String::from).collect();
                    if let Some(last) = words.last_mut() {
                        let pl = petrel_lexicon::verbs::plural(last);
                        all.push(v.clone());
                        *last = pl;
                        all.push(words.join(" "));
                        continue;
                    }
                }
                all.push(v);
            }
            if let Some(pl) = &plurals {
                all.extend(pl.iter().cloned());
            }
            for p in all {
                let words: Vec<String> = p.split(['_', ' ']).filter(|w| !w.is_empty()).map(norm).collect();
                if words.is_empty() || words.iter().any(|w| w.contains('!')) {
                    continue;
                }
                list.by_first.entry(words[0].clone()).or_default().push((words, code.clone()));
            }
        }
        for v in list.by_first.values_mut() {
            v.sort_by_key(|p| std::cmp::Reverse(p.0.len()));
        }
        (list, diags)
    }

    /// Leftmost-longest agent phrases in `words`.
    pub fn find_all(&self, words: &[&str]) -> Vec<AgentMatch> {
        let up: Vec<String> = words.iter().map(|w| norm(w)).collect();
        let mut out = Vec::new();
        let mut i = 0;
        while i < up.len() {
            let mut hit = None;
            if let Some(cands) = self.by_first.get(&up[i]) {
                for (p, code) in cands {
                    if i + p.len() <= up.len() && p.iter().enumerate().all(|(k, w)| up[i + k] == *w) {
                        hit = Some((p.len(), code.clone()));
                        break;
                    }
                }
            }
            match hit {
                Some((len, code)) => {
                    out.push(AgentMatch { start: i, len, code });
                    i += len;
                }
                None => i += 1,
            }
        }
        out
    }
}

/// Discard phrases: `+PHRASE` discards the story, `PHRASE` the sentence.
#[derive(Clone, Debug, Default)]
pub struct DiscardList {
    phrases: Vec<(Vec<String>, bool)>,
}

impl DiscardList {
    pub fn parse(text: &str) -> DiscardList {
        let mut phrases = Vec::new();
        for raw in text.lines() {
            let line = raw.split(['#', ';']).next().unwrap_or("").trim();
            if line.is_empty() || line.starts_with('<') {
                continue;
            }
            let (story, p) = match line.strip_prefix('+') {
                Some(p) => (true, p),
                None => (false, line),
            };
            let words: Vec<String> = p.split(['_', ' ']).filter(|w| !w.is_empty()).map(norm).collect();
            if !words.is_empty() {
                phrases.push((words, story));
            }
        }
        DiscardList { phrases }
    }

    /// The first discard phrase in `words`, with whether it discards the whole story.
    pub fn find(&self, words: &[&str]) -> Option<(String, bool)> {
        let up: Vec<String> = words.iter().map(|w| norm(w)).collect();
        for (p, story) in &self.phrases {
            if up.windows(p.len()).any(|w| w == p.as_slice()) {
                return Some((p.join(" "), *story));
            }
        }
        None
    }
}

/// Dictionaries read from PETRARCH files.
pub struct FileDicts {
    pub verbs: VerbDict,
    pub actors: ActorDict,
    pub agents: AgentList,
    pub discards: DiscardList,
}

impl Dictionaries for FileDicts {
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
        self.agents.find_all(words)
    }
    fn discard(&self, words: &[&str]) -> Option<String> {
        self.discards.find(words).map(|d| d.0)
    }
}

/// The compiled lexicon snapshot (`Lexicon::embedded()` or `Lexicon::load`).
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
