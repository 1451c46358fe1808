//! petrel-coder: PETRARCH-style verb patterns matched on dependency trees give
//! (source, event, target) records.
//!
//! Main types: [`Coder`] (built once from the dictionaries and [`CoderOptions`]) and its
//! [`Coder::code_sentence`], which walks a UD v2 tree: for each dictionary verb it finds the
//! subject(s) (the `by` phrase of a passive is the source), the complements, negation and the
//! verb's patterns (most specific first), then codes the actors of the noun phrases with the
//! actor and agent dictionaries (compounds give one event per actor). [`dedup_story`] merges
//! repeated events of a story. The rules beyond PETRARCH's patterns (which verb of a pair is
//! the event, conjoined subjects, a release's holder...) are listed in `RULES.md`.
//!
//! **Invariants:** the coder does no I/O; bad trees (cycles, broken heads) never panic; every
//! span it emits comes from the sentence's token spans.

pub mod dicts;
mod matcher;
mod negation;
mod np;
mod tree;

use chrono::NaiveDate;
use petrel_lexicon::verbs::VerbDict;
use petrel_model::event::{ActorRef, CameoRef, Event, Evidence, Mention as EvMention, PloverRef, TextRef};
use petrel_model::{Diagnostic, Sentence, Span};
use std::sync::Arc;

pub use matcher::{is_subordinator, VerbHit};

/// Options of the PETRARCH configuration that change coding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CoderOptions {
    /// Drop events without both a source and a target (PETRARCH `require_dyad`, default true).
    pub require_dyad: bool,
    /// Code noun phrases of at most this many words that are not in the actor dictionary as
    /// quoted actors (`"THE MINISTRY OF MAGIC"`); 0 turns this off.
    pub new_actor_length: usize,
    /// Verbs in comma-delimited clauses of these lengths (in words) are not coded, as in
    /// PETRARCH: internal clauses `comma_min..=comma_max`, the initial clause
    /// `comma_bmin..=comma_bmax`, the terminal one `comma_emin..=comma_emax` (a max of 0
    /// turns that kind off).
    pub comma_min: usize,
    pub comma_max: usize,
    pub comma_bmin: usize,
    pub comma_bmax: usize,
    pub comma_emin: usize,
    pub comma_emax: usize,
}

impl Default for CoderOptions {
    fn default() -> Self {
        CoderOptions {
            require_dyad: true,
            new_actor_length: 0,
            comma_min: 2,
            comma_max: 8,
            comma_bmin: 0,
            comma_bmax: 0,
            comma_emin: 2,
            comma_emax: 8,
        }
    }
}

impl CoderOptions {
    /// Apply a PETRARCH `<Config option=".." value=".."/>` pair; returns false when unknown.
    pub fn set(&mut self, option: &str, value: &str) -> bool {
        let truthy = |v: &str| matches!(v.trim().to_ascii_lowercase().as_str(), "true" | "1" | "yes");
        let num = |v: &str| v.trim().parse::<usize>().ok();
        match option.trim().to_ascii_lowercase().as_str() {
            "require_dyad" => self.require_dyad = truthy(value),
            "new_actor_length" => self.new_actor_length = num(value).unwrap_or(0),
            "comma_min" => self.comma_min = num(value).unwrap_or(self.comma_min),
            "comma_max" => self.comma_max = num(value).unwrap_or(self.comma_max),
            "comma_bmin" => self.comma_bmin = num(value).unwrap_or(self.comma_bmin),
            "comma_bmax" => self.comma_bmax = num(value).unwrap_or(self.comma_bmax),
            "comma_emin" => self.comma_emin = num(value).unwrap_or(self.comma_emin),
            "comma_emax" => self.comma_emax = num(value).unwrap_or(self.comma_emax),
            _ => return false,
        }
        true
    }
}

/// An actor phrase found in a sentence: tokens `start..start+len`, code on the sentence date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActorMatch {
    pub start: usize,
    pub len: usize,
    pub code: String,
    pub entry: String,
}

/// An agent phrase: tokens `start..start+len`, code `~GOV` (suffix) or `NGO~` (prefix).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgentMatch {
    pub start: usize,
    pub len: usize,
    pub code: String,
}

/// What the coder needs from the dictionaries.
pub trait Dictionaries: Send + Sync {
    fn verbs(&self) -> &VerbDict;
    /// Actor phrases in `words`, leftmost-longest, with their codes on `date`.
    fn actors(&self, words: &[&str], date: NaiveDate) -> Vec<ActorMatch>;
    /// Agent phrases in `words`, leftmost-longest.
    fn agents(&self, words: &[&str]) -> Vec<AgentMatch>;
    /// Is the sentence discarded (sports, weather...)? Returns the discard phrase.
    fn discard(&self, _words: &[&str]) -> Option<String> {
        None
    }
}

/// The event coder (immutable; share it between threads).
pub struct Coder {
    dicts: Arc<dyn Dictionaries>,
    opts: CoderOptions,
    filter: Arc<matcher::Prefilter>,
}

/// An event before it becomes an [`Event`] record.
#[derive(Clone, Debug)]
struct Raw {
    source: Option<np::Mention>,
    target: Option<np::Mention>,
    code: String,
    verb: usize,
    verb_end: usize,
    words: Vec<usize>,
    rule: String,
    negated: bool,
    future: bool,
    hypothetical: bool,
    reported: bool,
}

impl Coder {
    /// A coder over the compiled lexicon snapshot.
    pub fn new(lexicon: Arc<petrel_lexicon::snapshot::Lexicon>, opts: CoderOptions) -> Coder {
        let filter = Arc::new(matcher::Prefilter::new(&lexicon.verbs));
        Coder { dicts: lexicon, opts, filter }
    }

    /// A coder over any [`Dictionaries`] implementation.
    pub fn with_dictionaries(dicts: Arc<dyn Dictionaries>, opts: CoderOptions) -> Coder {
        let filter = Arc::new(matcher::Prefilter::new(dicts.verbs()));
        Coder { dicts, opts, filter }
    }

    pub fn options(&self) -> &CoderOptions {
        &self.opts
    }

    /// A coder sharing these dictionaries with other options.
    pub fn with_options(&self, opts: CoderOptions) -> Coder {
        Coder { dicts: self.dicts.clone(), opts, filter: self.filter.clone() }
    }

    /// Code one parsed sentence. `text` is the document text the token spans index into.
    pub fn code_sentence(
        &self,
        sent: &Sentence,
        text: &str,
        date: NaiveDate,
        doc_id: &str,
        index: u32,
    ) -> (Vec<Event>, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        if sent.tokens.is_empty() {
            return (Vec::new(), diags);
        }
        if !tree::may_have_verb(sent, self.dicts.verbs()) {
            return (Vec::new(), diags);
        }
        let tree = tree::Tree::new(sent, self.dicts.verbs());
        let words: Vec<&str> = sent.tokens.iter().map(|t| t.form.as_str()).collect();
        let mut actors = self.dicts.actors(&words, date);
        drop_heritage_adjectives(&tree, &mut actors);
        let agents = self.dicts.agents(&words);
        let np = np::NpCoder::new(&tree, actors, agents, self.opts.new_actor_length);
        let raws = matcher::code_tree(&tree, &np, self.dicts.verbs(), &self.opts, &self.filter);
        // Discards (sports, weather...) only matter for a sentence that would yield events.
        if !raws.is_empty() {
            if let Some(d) = self.dicts.discard(&words) {
                diags.push(Diagnostic::info("C010", format!("sentence discarded: contains {d:?}")));
                return (Vec::new(), diags);
            }
        }
        let mut events: Vec<Event> = Vec::new();
        let mut seen: Vec<(String, String, String)> = Vec::new();
        for r in raws {
            let key = (
                r.source.as_ref().map(|m| m.code.to_string()).unwrap_or_default(),
                r.target.as_ref().map(|m| m.code.to_string()).unwrap_or_default(),
                r.code.clone(),
            );
            if seen.contains(&key) {
                continue;
            }
            seen.push(key);
            events.push(self.record(&tree, &r, text, date, doc_id, index));
        }
        (events, diags)
    }

    fn record(&self, tree: &tree::Tree, r: &Raw, text: &str, date: NaiveDate, doc_id: &str, index: u32) -> Event {
        let toks = &tree.sent.tokens;
        let span_of = |a: usize, b: usize| -> Span {
            let s = toks[a].span;
            let e = toks[b.saturating_sub(1).max(a)].span;
            s.cover(e)
        };
        let tref = |a: usize, b: usize| {
            let span = span_of(a, b);
            let t = span.slice(text);
            let t = if t.is_empty() {
                toks[a..b.max(a + 1)].iter().map(|t| t.form.as_str()).collect::<Vec<_>>().join(" ")
            } else {
                t.to_string()
            };
            TextRef { text: t, span }
        };
        let actor = |m: &Option<np::Mention>| {
            m.as_ref().map(|m| {
                let t = tref(m.start, m.end);
                ActorRef { code: m.code.to_string(), text: t.text, span: t.span, entry: m.entry.as_deref().map(str::to_string) }
            })
        };
        let mut modality = Vec::new();
        if r.negated {
            modality.push("negated".to_string());
        }
        if r.future {
            modality.push("future".to_string());
        }
        if r.hypothetical {
            modality.push("hypothetical".to_string());
        }
        if r.reported {
            modality.push("reported".to_string());
        }
        Event {
            doc_id: doc_id.to_string(),
            sentence: index,
            sentence_id: tree.sent.id.clone(),
            date: date.format("%Y-%m-%d").to_string(),
            source: actor(&r.source).or_else(|| (!self.opts.require_dyad).then(null_actor)),
            target: actor(&r.target).or_else(|| (!self.opts.require_dyad).then(null_actor)),
            cameo: CameoRef::from_code(&r.code),
            plover: PloverRef::from_cameo(&r.code),
            evidence: Evidence {
                verb: tref(r.verb, r.verb_end),
                words: r.words.iter().map(|&w| tref(w, w + 1)).collect(),
                sentence_span: tree.sent.span,
            },
            rule: r.rule.clone(),
            modality,
            place: None,
            issues: Vec::new(),
            merged: Vec::new(),
        }
    }
}

/// "a Russian-American", "a German-Russian citizen": in a hyphenated pair of nationality
/// adjectives the last one says whose national the person is, the first one only heritage, so
/// the first one's actor is dropped. Only adjectives written with a bare hyphen between them
/// ("Russia-Ukraine talks" names both countries).
fn drop_heritage_adjectives(tree: &tree::Tree, actors: &mut Vec<ActorMatch>) {
    let toks = &tree.sent.tokens;
    let touching = |a: usize, b: usize| toks[a].span.end == toks[b].span.start;
    let starts: Vec<usize> = actors.iter().map(|m| m.start).collect();
    actors.retain(|m| {
        let end = m.start + m.len;
        let heritage = m.len == 1
            && end + 1 < toks.len()
            && tree.upos(m.start) == "ADJ"
            && matches!(toks[end].form.as_str(), "-" | "\u{2010}" | "\u{2011}")
            && touching(end - 1, end)
            && touching(end, end + 1)
            && starts.contains(&(end + 1))
            && tree.upos(end + 1) == "ADJ";
        !heritage
    });
}

fn null_actor() -> ActorRef {
    ActorRef { code: "---".to_string(), ..ActorRef::default() }
}

/// One event per (source, target, code) in a story, keeping every merged sentence in `merged`.
pub fn dedup_story(events: Vec<Event>) -> Vec<Event> {
    let mut out: Vec<Event> = Vec::new();
    for e in events {
        let code = |a: &Option<ActorRef>| a.as_ref().map(|a| a.code.clone()).unwrap_or_default();
        let found = out.iter_mut().find(|o| {
            code(&o.source) == code(&e.source) && code(&o.target) == code(&e.target) && o.cameo.code == e.cameo.code
        });
        match found {
            Some(o) => {
                let same = o.doc_id == e.doc_id && o.sentence == e.sentence;
                let dup = o.merged.iter().any(|m| m.doc_id == e.doc_id && m.sentence == e.sentence);
                if !same && !dup {
                    o.merged.push(EvMention { doc_id: e.doc_id, sentence: e.sentence, sentence_id: e.sentence_id });
                }
            }
            None => out.push(e),
        }
    }
    out
}

