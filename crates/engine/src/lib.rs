//! The coding pipeline for one document.
//!
//! [`Engine::code_document`] runs text -> sentences and parses (`petrel-nlp`) -> events
//! (`petrel-coder`) -> grounding (dates from `petrel-time`, places from `petrel-geo`, modality) ->
//! story-level deduplication. [`Engine::code_parsed`] starts from parses made elsewhere.
//! [`DayDedup`] merges events across documents by (date, source, target, code), actors compared by
//! dictionary entry and code.
//!
//! The engine is immutable and shared between worker threads; it does no I/O.

pub mod ground;

use chrono::NaiveDate;
use petrel_coder::{ActorMatch, AgentMatch, Coder, CoderOptions, Dictionaries};
use petrel_lexicon::snapshot::Lexicon;
use petrel_geo::Gazetteer;
use petrel_model::event::{Event, Mention};
use petrel_model::{Diagnostic, Document, Sentence, Token};
use petrel_nlp::Pipeline;
use petrel_lexicon::verbs::VerbDict;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How repeated events are merged.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Dedup {
    /// Every coded mention is a record.
    None,
    /// One record per (source, target, code) within a document (PETRARCH's one-event-per-story).
    #[default]
    Story,
    /// One record per event (the same key as `Story`) across all documents.
    Day,
}

impl std::str::FromStr for Dedup {
    type Err = String;
    fn from_str(s: &str) -> Result<Dedup, String> {
        match s {
            "none" => Ok(Dedup::None),
            "story" => Ok(Dedup::Story),
            "day" => Ok(Dedup::Day),
            _ => Err(format!("unknown dedup mode `{s}`: expected story, day or none")),
        }
    }
}

/// The modality labels a record may carry.
pub const MODALITIES: [&str; 5] = ["negated", "future", "hypothetical", "historical", "reported"];

#[derive(Clone, Debug, Default)]
pub struct EngineOptions {
    pub dedup: Dedup,
    /// Records carrying any of these modality labels are not emitted.
    pub exclude: Vec<String>,
}

/// The coder options `petrel code` uses for news text: PETRARCH's defaults, except that an event
/// with one coded side is kept (`require_dyad` off: "50 nations pledged aid to Ukraine" is
/// `--- 03 UKR`), as GDELT does; records must still name a country or organisation on one side.
/// PETRARCH's comma-clause deletion is off: it works on token windows here, and on news text
/// it deleted main verbs ("Dmitriev, 49, visited Washington").
pub fn news_coder_options() -> CoderOptions {
    CoderOptions { require_dyad: false, comma_max: 0, comma_emax: 0, ..CoderOptions::default() }
}

/// What coding one document produced.
#[derive(Debug, Default)]
pub struct DocResult {
    pub events: Vec<Event>,
    pub diagnostics: Vec<Diagnostic>,
    pub sentences: usize,
    /// Sentences tagged here (raw text only): the others hold no dictionary verb form or no
    /// phrase that could name a side.
    pub tagged: usize,
    /// Sentences tagged and parsed here (raw text only): the others could not yield an event.
    pub parsed: usize,
    /// Time spent tagging and parsing (raw text only; the worker's clock, for `petrel bench raw`).
    pub tag_time: Duration,
    pub parse_time: Duration,
}

pub struct Engine {
    coder: Coder,
    nlp: Option<Arc<Pipeline>>,
    gazetteer: &'static Gazetteer,
    opts: EngineOptions,
    /// The coder's own dictionaries, when known: raw sentences that cannot yield an event
    /// (no dictionary verb form, no actor or agent phrase) are then not tagged and parsed. The
    /// coder asks the same [`Memo`], which hands it the prefilter's phrases.
    lexicon: Option<Arc<Memo>>,
}

impl Engine {
    /// `nlp` may be `None` when only given parses will be coded.
    pub fn new(coder: Coder, nlp: Option<Arc<Pipeline>>, opts: EngineOptions) -> Engine {
        Engine { coder, nlp, gazetteer: Gazetteer::embedded(), opts, lexicon: None }
    }

    /// An engine coding with `lexicon`. Knowing the coder's dictionaries, it skips tagging and
    /// parsing raw sentences that no pattern could code (the output is the same; the time is not:
    /// see [`Engine::may_code`]).
    pub fn with_lexicon(lexicon: Arc<Lexicon>, coder_opts: CoderOptions, nlp: Option<Arc<Pipeline>>, opts: EngineOptions) -> Engine {
        let memo = Arc::new(Memo::new(lexicon));
        let coder = Coder::with_dictionaries(memo.clone(), coder_opts);
        Engine { coder, nlp, gazetteer: Gazetteer::embedded(), opts, lexicon: Some(memo) }
    }

    /// Could the coder find an event in a sentence of these words? False only when it surely
    /// cannot: no word is a form of a dictionary verb (the coder finds verbs by form), or no
    /// phrase could name a side (every raw-text record names a country or organisation, see
    /// [`Engine::code_document`]; with `require_dyad` two actor or agent phrases, one for each
    /// side). Always true when the engine does not know the dictionaries.
    pub fn may_code(&self, words: &[&str], date: NaiveDate) -> bool {
        let Some(memo) = &self.lexicon else { return true };
        let lex = &*memo.lex;
        let mut upper = String::new();
        if !words.iter().any(|w| lex.verbs.has_form_upper(w, &mut upper)) {
            return false;
        }
        let opts = self.coder.options();
        // With `new_actor_length` the coder also codes unknown noun phrases as actors.
        if opts.new_actor_length > 0 {
            return true;
        }
        if opts.require_dyad {
            let agents = memo.agent_count(words);
            return agents >= 2 || agents + memo.actor_count(words, date) >= 2;
        }
        // Without `require_dyad` a record must name a country or organisation on one side
        // (see [`Engine::code_document`]): a mention's code is a dictionary actor's (agents
        // added), or `---` plus the phrase's agents, which names someone only with a prefix
        // agent (`NGO~` gives `NGO---`). So: an actor phrase with a code on `date`, or a prefix
        // agent. A sentence with only other agents ("people", "officials") yields no record.
        memo.actor_count(words, date) > 0 || lex.agents.find_all(words).iter().any(|h| lex.agents.entry(h.id).code.trim().ends_with('~'))
    }

    /// After tagging: does a word tagged as a verb have a dictionary verb form? The coder looks
    /// for verbs only among such words, so a sentence without one is not worth parsing.
    pub fn may_code_tagged(&self, sent: &Sentence) -> bool {
        let Some(memo) = &self.lexicon else { return true };
        let lex = &*memo.lex;
        let mut upper = String::new();
        sent.tokens.iter().any(|t| (t.upos == "VERB" || t.upos.is_empty() && t.xpos.starts_with("VB")) && lex.verbs.has_form_upper(&t.form, &mut upper))
    }

    pub fn options(&self) -> &EngineOptions {
        &self.opts
    }

    /// The same engine with another coder (other dictionaries or options).
    pub fn with_coder(&self, coder: Coder) -> Engine {
        Engine { coder, nlp: self.nlp.clone(), gazetteer: self.gazetteer, opts: self.opts.clone(), lexicon: None }
    }

    /// Raw text to events.
    ///
    /// The text is analysed in pieces of about [`CHUNK_BYTES`] cut at paragraph (or line)
    /// breaks, so the parses held at once stay small however long the document is; spans and
    /// sentence indexes are the document's. A line longer than [`MAX_LINE_BYTES`] is not coded
    /// (`E002`, naming the line); the rest of the document is. A record must name someone: the
    /// coder's `---` on both sides is dropped, and without `require_dyad` one side must have a
    /// country or organisation code (not only an agent: `--- 190 ---PPL`).
    pub fn code_document(&self, doc: &Document, pub_date: NaiveDate) -> DocResult {
        let Some(nlp) = &self.nlp else {
            return DocResult {
                diagnostics: vec![Diagnostic::error("E001", "no parser loaded: raw text cannot be coded").in_file(doc.id.clone())],
                ..Default::default()
            };
        };
        let mut out = DocResult::default();
        for piece in pieces(&doc.text, CHUNK_BYTES, MAX_LINE_BYTES) {
            match piece {
                Piece::Text(range) => {
                    let offset = range.start as u32;
                    for rs in petrel_text::segment(&doc.text[range]) {
                        let mut s = Sentence {
                            id: None,
                            span: rs.span.shift(offset),
                            tokens: rs.tokens.into_iter().map(|t| Token { form: t.form, span: t.span.shift(offset), ..Default::default() }).collect(),
                        };
                        let words: Vec<&str> = s.tokens.iter().map(|t| t.form.as_str()).collect();
                        let mut codable = self.may_code(&words, pub_date);
                        if codable {
                            let t = Instant::now();
                            nlp.tag(&mut s);
                            out.tag_time += t.elapsed();
                            out.tagged += 1;
                            codable = self.may_code_tagged(&s);
                        }
                        if codable {
                            let t = Instant::now();
                            nlp.parse(&mut s);
                            out.parse_time += t.elapsed();
                            out.parsed += 1;
                        } else {
                            // Nothing to code: keep the sentence (its index counts) without words.
                            s.tokens.clear();
                        }
                        // Coded at once, while its words are in the cache (and the prefilter's
                        // phrases in the memo); no parses are held.
                        self.code_sentences(&mut out, &doc.id, &doc.text, std::slice::from_ref(&s), pub_date, true);
                    }
                }
                Piece::TooLong { line, bytes } => out.diagnostics.push(
                    Diagnostic::error(
                        "E002",
                        format!(
                            "line of {bytes} bytes not coded: expected lines of at most {MAX_LINE_BYTES} bytes (a paragraph); the rest of the document is coded"
                        ),
                    )
                    .at(doc.id.clone(), line),
                ),
            }
        }
        self.finish_story(&mut out);
        out
    }

    /// Parsed sentences (spans into `text`) to events, as the coder makes them (PETRARCH's
    /// semantics for validation files and CoNLL-U input).
    pub fn code_parsed(&self, doc_id: &str, text: &str, sentences: &[Sentence], pub_date: NaiveDate) -> DocResult {
        let mut out = DocResult::default();
        self.code_sentences(&mut out, doc_id, text, sentences, pub_date, false);
        self.finish_story(&mut out);
        out
    }

    /// Code `sentences` as the next sentences of the document (`out.sentences` is the index of
    /// the first). `news`: raw text, where records must name someone (see [`Engine::code_document`]).
    fn code_sentences(&self, out: &mut DocResult, doc_id: &str, text: &str, sentences: &[Sentence], pub_date: NaiveDate, news: bool) {
        for sent in sentences {
            let index = out.sentences as u32;
            out.sentences += 1;
            let (events, diags) = self.coder.code_sentence(sent, text, pub_date, doc_id, index);
            out.diagnostics.extend(diags);
            // The sentence's temporal expressions, found once per `future` flag.
            let mut temporals: [Option<Vec<petrel_time::Temporal>>; 2] = [None, None];
            for mut ev in events {
                // Without require_dyad the coder writes `---` for a phrase it cannot code; a
                // record must still name someone: a country or organisation on one side
                // ("--- 190 ---PPL" from "people are dying" says nothing about anyone).
                let named = |a: &Option<petrel_model::event::ActorRef>| has_actor(a) && a.as_ref().is_some_and(|a| !a.code.starts_with("---"));
                if news && (!has_actor(&ev.source) && !has_actor(&ev.target) || !self.coder.options().require_dyad && !named(&ev.source) && !named(&ev.target)) {
                    continue;
                }
                out.diagnostics.extend(title_clashes(&ev, text, pub_date));
                self.ground(&mut ev, sent, text, pub_date, &mut temporals);
                if !ev.modality.iter().any(|m| self.opts.exclude.contains(m)) {
                    out.events.push(ev);
                }
            }
        }
    }

    fn finish_story(&self, out: &mut DocResult) {
        if self.opts.dedup == Dedup::Story {
            out.events = dedup(std::mem::take(&mut out.events), event_key);
        }
    }

    fn ground(&self, ev: &mut Event, sent: &Sentence, text: &str, pub_date: NaiveDate, temporals: &mut [Option<Vec<petrel_time::Temporal>>; 2]) {
        ev.date = pub_date.to_string();
        let Some(verb) = ground::verb_index(sent, ev) else { return };
        let future = ev.modality.iter().any(|m| m == "future");
        let found = temporals[usize::from(future)].get_or_insert_with(|| ground::sentence_temporals(sent, pub_date, future));
        if let Some((date, historical)) = ground::event_date_in(sent, verb, pub_date, found) {
            ev.date = date.to_string();
            if historical {
                add_modality(ev, "historical");
            }
        }
        if ground::is_reported(sent, verb) {
            add_modality(ev, "reported");
        }
        if ev.place.is_none() {
            ev.place = ground::event_place(sent, text, verb, &ground::actor_countries(ev), self.gazetteer);
        }
    }
}

/// The lexicon as the coder's [`Dictionaries`], remembering (per thread) the actor and agent
/// phrases of the last sentence looked up: the raw-text prefilter looks them up before tagging,
/// the coder again after parsing. A remembered answer is handed out once, and only for the same
/// words (and date) asked of the same memo, so every answer is the lexicon's.
struct Memo {
    lex: Arc<Lexicon>,
    /// Tells memos apart in a thread's store.
    id: u64,
}

/// One remembered lookup: the memo that made it, the words as [`words_key`], the date asked
/// (actors only) and the phrases found.
struct Slot<T> {
    memo: u64,
    key: Vec<u8>,
    date: Option<NaiveDate>,
    found: Vec<T>,
}

impl<T> Slot<T> {
    /// Remember `found` in `slot` (reusing its key buffer).
    fn remember(slot: &mut Option<Slot<T>>, memo: u64, words: &[&str], date: Option<NaiveDate>, found: Vec<T>) {
        let mut key = slot.take().map(|s| s.key).unwrap_or_default();
        words_key(words, &mut key);
        *slot = Some(Slot { memo, key, date, found });
    }

    /// The phrases remembered for exactly this question, handed out once.
    fn recall(slot: &mut Option<Slot<T>>, scratch: &mut Vec<u8>, memo: u64, words: &[&str], date: Option<NaiveDate>) -> Option<Vec<T>> {
        let same = match slot {
            Some(s) if s.memo == memo && s.date == date => {
                words_key(words, scratch);
                s.key == *scratch
            }
            _ => false,
        };
        if same { slot.take().map(|s| s.found) } else { None }
    }
}

/// One thread's remembered lookups.
#[derive(Default)]
struct Last {
    actors: Option<Slot<ActorMatch>>,
    agents: Option<Slot<AgentMatch>>,
    /// Scratch for the key of a question.
    key: Vec<u8>,
}

thread_local! {
    static LAST: RefCell<Last> = RefCell::new(Last::default());
}

/// `words` as one unambiguous byte key (each word's length, then its bytes).
fn words_key(words: &[&str], key: &mut Vec<u8>) {
    key.clear();
    for w in words {
        key.extend_from_slice(&(w.len() as u32).to_le_bytes());
        key.extend_from_slice(w.as_bytes());
    }
}

impl Memo {
    fn new(lex: Arc<Lexicon>) -> Memo {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        Memo { lex, id: NEXT.fetch_add(1, Ordering::Relaxed) }
    }

    /// Number of actor phrases with a code on `date`; the phrases are remembered for the coder.
    fn actor_count(&self, words: &[&str], date: NaiveDate) -> usize {
        let found = self.lex.actors(words, date);
        let n = found.len();
        LAST.with(|l| Slot::remember(&mut l.borrow_mut().actors, self.id, words, Some(date), found));
        n
    }

    /// Number of agent phrases; the phrases are remembered for the coder.
    fn agent_count(&self, words: &[&str]) -> usize {
        let found = self.lex.agents(words);
        let n = found.len();
        LAST.with(|l| Slot::remember(&mut l.borrow_mut().agents, self.id, words, None, found));
        n
    }
}

impl Dictionaries for Memo {
    fn verbs(&self) -> &VerbDict {
        &self.lex.verbs
    }
    fn actors(&self, words: &[&str], date: NaiveDate) -> Vec<ActorMatch> {
        let hit = LAST.with(|l| {
            let Last { actors, key, .. } = &mut *l.borrow_mut();
            Slot::recall(actors, key, self.id, words, Some(date))
        });
        hit.unwrap_or_else(|| self.lex.actors(words, date))
    }
    fn agents(&self, words: &[&str]) -> Vec<AgentMatch> {
        let hit = LAST.with(|l| {
            let Last { agents, key, .. } = &mut *l.borrow_mut();
            Slot::recall(agents, key, self.id, words, None)
        });
        hit.unwrap_or_else(|| self.lex.agents(words))
    }
    fn discard(&self, words: &[&str]) -> Option<String> {
        self.lex.discard(words)
    }
}

/// Lines (paragraphs) longer than this are not coded: no article has one, and parsing one would
/// hold millions of tokens at once. Reported as `E002`.
pub const MAX_LINE_BYTES: usize = 1 << 20;

/// Raw text is analysed in pieces of about this many bytes (cut at a blank line, or at any line
/// break when a piece grows past four times this), so memory per document stays bounded.
pub const CHUNK_BYTES: usize = 1 << 16;

/// A piece of a document's text.
#[derive(Debug, PartialEq, Eq)]
enum Piece {
    /// Byte range of whole lines to analyse.
    Text(std::ops::Range<usize>),
    /// A line over the limit: its 1-based number and length.
    TooLong { line: u32, bytes: usize },
}

/// Split `text` into pieces of whole lines: a piece ends at a blank line once it holds `chunk`
/// bytes, or at any line break once it holds `4 * chunk`; lines over `max_line` bytes are
/// pieces of their own, not to be analysed. Text without over-long lines and shorter than
/// `chunk` is one piece.
fn pieces(text: &str, chunk: usize, max_line: usize) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut start = 0; // start of the current piece
    let mut pos = 0; // start of the current line
    let mut line_no = 1u32;
    let bytes = text.as_bytes();
    while pos < bytes.len() {
        let end = memchr_newline(&bytes[pos..]).map_or(bytes.len(), |i| pos + i + 1);
        let line = &text[pos..end];
        if line.len() > max_line {
            if start < pos {
                out.push(Piece::Text(start..pos));
            }
            out.push(Piece::TooLong { line: line_no, bytes: line.trim_end_matches(['\n', '\r']).len() });
            start = end;
        } else {
            let size = end - start;
            let blank = line.trim().is_empty();
            if (size >= chunk && blank) || size >= 4 * chunk {
                out.push(Piece::Text(start..end));
                start = end;
            }
        }
        pos = end;
        line_no += 1;
    }
    if start < bytes.len() {
        out.push(Piece::Text(start..bytes.len()));
    }
    out
}

fn memchr_newline(b: &[u8]) -> Option<usize> {
    b.iter().position(|&c| c == b'\n')
}

/// Words before a name that say the person no longer holds the office.
const FORMER: &[&str] = &["former", "ex", "ex-president", "ex-prime", "onetime", "one-time"];

/// A title in the text that contradicts the dictionary's date-decided code ("former President
/// Donald Trump" while Trump is `USAGOV` on the date) is reported; the code stays the dictionary's.
fn title_clashes(ev: &Event, text: &str, date: NaiveDate) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for actor in [&ev.source, &ev.target].into_iter().flatten() {
        // Only a government code can clash with a "former" title.
        if actor.code.get(3..6) != Some("GOV") {
            continue;
        }
        let start = actor.span.start as usize;
        let Some(before) = text.get(start.saturating_sub(40)..start) else { continue };
        let words: Vec<String> = before.split(|c: char| c.is_whitespace()).filter(|w| !w.is_empty()).map(|w| w.to_lowercase()).collect();
        let n = words.len();
        let near = &words[n.saturating_sub(3)..];
        // "former President Donald Trump": the mention may start at the title or at the name.
        let mention = actor.text.to_lowercase();
        let former = near.iter().any(|w| FORMER.contains(&w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')))
            || FORMER.iter().any(|f| mention.starts_with(&format!("{f} ")));
        if former {
            out.push(
                Diagnostic::warning(
                    "E010",
                    format!(
                        "title clash: the text calls {:?} former, but the dictionaries make {} {} on {date}; the date decides",
                        actor.text,
                        actor.entry.as_deref().unwrap_or(&actor.text),
                        actor.code
                    ),
                )
                .at(ev.doc_id.clone(), line_of(text, start)),
            );
        }
    }
    out
}

/// 1-based line number of byte `at` in `text`.
fn line_of(text: &str, at: usize) -> u32 {
    1 + text.as_bytes()[..at.min(text.len())].iter().filter(|&&b| b == b'\n').count() as u32
}

fn has_actor(a: &Option<petrel_model::event::ActorRef>) -> bool {
    a.as_ref().is_some_and(|a| !a.code.is_empty() && a.code != "---")
}

fn add_modality(ev: &mut Event, m: &str) {
    if !ev.modality.iter().any(|x| x == m) {
        ev.modality.push(m.to_string());
    }
}

/// What makes two records the same event: date, source and target (dictionary entry and code),
/// CAMEO code.
fn event_key(e: &Event) -> (String, String, String, String) {
    let side = |a: &Option<petrel_model::event::ActorRef>| match a {
        Some(a) => format!("{}|{}", a.code, a.entry.as_deref().unwrap_or("")),
        None => String::new(),
    };
    (e.date.clone(), side(&e.source), side(&e.target), e.cameo.code.clone())
}

fn mention_of(ev: &Event) -> Mention {
    Mention { doc_id: ev.doc_id.clone(), sentence: ev.sentence, sentence_id: ev.sentence_id.clone() }
}

/// Keep the first event of each key, in order; later ones become its `merged` mentions.
fn dedup<K: std::hash::Hash + Eq>(events: Vec<Event>, key: impl Fn(&Event) -> K) -> Vec<Event> {
    let mut seen: HashMap<K, usize> = HashMap::new();
    let mut out: Vec<Event> = Vec::new();
    for ev in events {
        match seen.entry(key(&ev)) {
            std::collections::hash_map::Entry::Occupied(e) => {
                let m = mention_of(&ev);
                let kept = &mut out[*e.get()];
                kept.merged.push(m);
                kept.merged.extend(ev.merged);
            }
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(out.len());
                out.push(ev);
            }
        }
    }
    out
}

/// Cross-document deduplication by (date, source, target, code), actors compared by dictionary
/// entry and code. Holds the kept events until
/// [`DayDedup::finish`], so memory grows with the number of distinct events.
#[derive(Default)]
pub struct DayDedup {
    events: Vec<Event>,
}

impl DayDedup {
    pub fn push(&mut self, events: impl IntoIterator<Item = Event>) {
        self.events.extend(events);
    }
    pub fn finish(self) -> Vec<Event> {
        dedup(self.events, event_key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use petrel_model::event::{ActorRef, CameoRef};

    fn ev(doc: &str, sent: u32, date: &str, src: &str, code: &str) -> Event {
        Event {
            doc_id: doc.into(),
            sentence: sent,
            date: date.into(),
            source: Some(ActorRef { code: src.into(), ..Default::default() }),
            cameo: CameoRef::from_code(code),
            ..Default::default()
        }
    }

    #[test]
    fn story_dedup_keeps_every_merged_mention() {
        let out = dedup(vec![ev("a", 0, "2025-04-11", "USA", "040"), ev("a", 1, "2025-04-11", "RUS", "040"), ev("a", 2, "2025-04-11", "USA", "040")],
            |e| (e.source.as_ref().map(|a| a.code.clone()), e.cameo.code.clone()));
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].merged, vec![Mention { doc_id: "a".into(), sentence: 2, sentence_id: None }]);
    }

    #[test]
    fn story_dedup_keeps_different_people_and_dates_apart() {
        let with_target = |sent: u32, date: &str, entry: &str| {
            let mut e = ev("a", sent, date, "USAGOV", "040");
            e.target = Some(ActorRef { code: "RUSGOV".into(), entry: Some(entry.into()), ..Default::default() });
            e
        };
        let out = dedup(
            vec![
                with_target(0, "2025-04-11", "VLADIMIR PUTIN"),
                with_target(1, "2025-04-11", "KIRILL DMITRIEV"),
                with_target(2, "2025-04-04", "KIRILL DMITRIEV"),
                with_target(3, "2025-04-11", "VLADIMIR PUTIN"),
            ],
            event_key,
        );
        assert_eq!(out.iter().map(|e| e.sentence).collect::<Vec<_>>(), vec![0, 1, 2]);
        assert_eq!(out[0].merged.len(), 1);
    }

    #[test]
    fn day_dedup_merges_across_documents_by_date() {
        let mut d = DayDedup::default();
        d.push(vec![ev("a", 0, "2025-04-11", "USA", "040")]);
        d.push(vec![ev("b", 3, "2025-04-11", "USA", "040"), ev("b", 4, "2025-04-10", "USA", "040")]);
        let out = d.finish();
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].merged.len(), 1);
        assert_eq!(out[0].merged[0].doc_id, "b");
    }

    #[test]
    fn former_title_on_a_sitting_president_is_reported() {
        let text = "as former President Donald Trump urged Moscow";
        let mut e = ev("d", 0, "2025-04-11", "USAGOV", "020");
        let a = e.source.as_mut().unwrap();
        a.text = "Donald Trump".into();
        a.span = petrel_model::Span::new(20, 32);
        let d = title_clashes(&e, text, NaiveDate::from_ymd_opt(2025, 4, 11).unwrap());
        assert_eq!(d.len(), 1);
        assert!(d[0].message.contains("the date decides"), "{}", d[0]);
        assert_eq!(e.source.as_ref().unwrap().code, "USAGOV");
        // No clash when the code is not a government one.
        e.source.as_mut().unwrap().code = "USAELI".into();
        assert!(title_clashes(&e, text, NaiveDate::from_ymd_opt(2025, 4, 11).unwrap()).is_empty());
    }

    #[test]
    fn pieces_cut_at_paragraphs_and_skip_overlong_lines() {
        // Short text: one piece.
        assert_eq!(pieces("One.\nTwo.", 100, 1000), vec![Piece::Text(0..9)]);
        // Cut at the blank line once the piece holds `chunk` bytes.
        let t = "aaaa aaaa\nbbbb\n\ncccc\n";
        assert_eq!(pieces(t, 8, 1000), vec![Piece::Text(0..16), Piece::Text(16..21)]);
        // No blank line: cut at a line break at 4 x chunk.
        let t = "a\n".repeat(20);
        let p = pieces(&t, 4, 1000);
        assert!(p.len() > 2 && p.iter().all(|x| matches!(x, Piece::Text(r) if r.len() <= 16)), "{p:?}");
        // Pieces cover the text in order.
        let mut at = 0;
        for x in &p {
            let Piece::Text(r) = x else { panic!() };
            assert_eq!(r.start, at);
            at = r.end;
        }
        assert_eq!(at, t.len());
        // An over-long line is its own piece, named by line number; the rest is kept.
        let t = format!("first\n{}\nlast\n", "x".repeat(50));
        assert_eq!(pieces(&t, 1000, 10), vec![Piece::Text(0..6), Piece::TooLong { line: 2, bytes: 50 }, Piece::Text(57..62)]);
    }

    /// The raw-text prefilter: (sentence, may it yield a record?) with the embedded dictionaries.
    /// A record must name a country or organisation: agents alone do not, except a prefix agent
    /// (`IGO~`). The engine that filters codes the same as one that parses everything.
    #[test]
    fn prefilter_needs_a_naming_phrase() {
        let lexicon = Arc::new(petrel_lexicon::Lexicon::embedded().0);
        let Ok(nlp) = petrel_nlp::Pipeline::embedded() else { return };
        let nlp = Arc::new(nlp);
        let opts = EngineOptions { dedup: Dedup::None, ..Default::default() };
        let filtered = Engine::with_lexicon(lexicon.clone(), news_coder_options(), Some(nlp.clone()), opts.clone());
        let plain = Engine::new(Coder::new(lexicon, news_coder_options()), Some(nlp), opts);
        let date = NaiveDate::from_ymd_opt(2025, 4, 11).unwrap();
        let table = [
            ("Protesters attacked the police.", false),
            ("The officials met the protesters on Monday.", false),
            ("Peacekeeping troops attacked the protesters.", true),
            ("Russia attacked the protesters.", true),
            ("Protesters attacked Russian police.", true),
            ("The envoy of Russia in Kyiv.", false),
        ];
        for (text, want) in table {
            let words: Vec<&str> = text.split(' ').map(|w| w.trim_end_matches('.')).collect();
            assert_eq!(filtered.may_code(&words, date), want, "{text}");
            let doc = Document { id: "t".into(), text: text.into(), ..Default::default() };
            assert_eq!(filtered.code_document(&doc, date).events, plain.code_document(&doc, date).events, "{text}");
        }
    }

    /// The memo answers as the lexicon does: for other words, another date, another memo, and
    /// a second time (each remembered answer is handed out once).
    #[test]
    fn memo_answers_as_the_lexicon() {
        let lex = Arc::new(petrel_lexicon::Lexicon::embedded().0);
        let (a, b) = (Memo::new(lex.clone()), Memo::new(lex.clone()));
        let d1 = NaiveDate::from_ymd_opt(2025, 4, 11).unwrap();
        let d2 = NaiveDate::from_ymd_opt(1990, 1, 1).unwrap();
        let w1 = ["Putin", "met", "Ukrainian", "soldiers"];
        let w2 = ["Putin", "met", "Ukrainian", "soldier"];
        let w3 = ["Putinmet", "Ukrainian", "soldiers"];
        for (remember, ask, date) in [(&w1[..], &w1[..], d1), (&w1, &w2, d1), (&w1, &w3, d1), (&w1, &w1, d2)] {
            assert!(a.actor_count(remember, d1) > 0);
            assert_eq!(a.agent_count(remember), lex.agents(remember).len());
            for _ in 0..2 {
                assert_eq!(a.actors(ask, date), lex.actors(ask, date), "{ask:?} {date}");
                assert_eq!(a.agents(ask), lex.agents(ask), "{ask:?}");
            }
            a.actor_count(remember, d1);
            assert_eq!(b.actors(remember, d1), lex.actors(remember, d1));
        }
        assert!(!lex.actors(&w1, d1).is_empty() && !lex.agents(&w1).is_empty());
    }

    #[test]
    fn dedup_modes_parse() {
        assert_eq!("day".parse::<Dedup>(), Ok(Dedup::Day));
        assert!("weekly".parse::<Dedup>().unwrap_err().contains("story, day or none"));
    }
}
