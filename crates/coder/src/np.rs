//! Coding noun phrases as actors: dictionary actor phrases plus agents over the phrase's words.

use crate::tree::Tree;
use std::rc::Rc;
use crate::{ActorMatch, AgentMatch};

/// One coded actor mention.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Mention {
    /// Shared: mentions are cloned often while a sentence is coded.
    pub code: Rc<str>,
    /// Token range of the words that produced the code (inclusive start, exclusive end).
    pub start: usize,
    pub end: usize,
    pub entry: Option<Rc<str>>,
    /// The noun-phrase head this mention codes.
    pub head: usize,
}

/// Relations whose dependents belong to the core of a noun phrase (the words before and
/// around its head that name it), as opposed to attached phrases and clauses.
fn is_core_rel(rel: &str) -> bool {
    matches!(rel, "compound" | "flat" | "amod" | "det" | "nmod:poss" | "nummod" | "fixed" | "goeswith" | "name")
}

pub(crate) struct NpCoder<'t, 'a> {
    pub tree: &'t Tree<'a>,
    /// For each token, the actor match covering it.
    pub actor_at: Vec<Option<u32>>,
    pub actors: Vec<ActorMatch>,
    pub agent_at: Vec<Option<u32>>,
    pub agents: Vec<AgentMatch>,
    pub new_actor_length: usize,
    /// Memo of [`NpCoder::code`] and [`NpCoder::core`] per token.
    code_memo: std::cell::RefCell<Vec<Option<Vec<Mention>>>>,
    core_memo: std::cell::RefCell<Vec<Option<Vec<usize>>>>,
}

impl<'t, 'a> NpCoder<'t, 'a> {
    pub fn new(tree: &'t Tree<'a>, actors: Vec<ActorMatch>, agents: Vec<AgentMatch>, new_actor_length: usize) -> Self {
        let n = tree.len();
        let mut actor_at = vec![None; n];
        for (k, m) in actors.iter().enumerate() {
            for slot in actor_at.iter_mut().skip(m.start).take(m.len) {
                *slot = Some(k as u32);
            }
        }
        let mut agent_at = vec![None; n];
        for (k, m) in agents.iter().enumerate() {
            for (i, slot) in agent_at.iter_mut().enumerate().skip(m.start).take(m.len) {
                if actor_at[i].is_none() {
                    *slot = Some(k as u32);
                }
            }
        }
        NpCoder {
            tree,
            actor_at,
            actors,
            agent_at,
            agents,
            new_actor_length,
            code_memo: std::cell::RefCell::new(vec![None; n]),
            core_memo: std::cell::RefCell::new(vec![None; n]),
        }
    }

    /// Tokens of the core of the phrase headed by `h`.
    pub fn core(&self, h: usize) -> Vec<usize> {
        if let Some(Some(c)) = self.core_memo.borrow().get(h) {
            return c.clone();
        }
        let out = self.core_uncached(h);
        if let Some(slot) = self.core_memo.borrow_mut().get_mut(h) {
            *slot = Some(out.clone());
        }
        out
    }

    fn core_uncached(&self, h: usize) -> Vec<usize> {
        let t = self.tree;
        let mut out = vec![h];
        let mut stack = vec![h];
        while let Some(x) = stack.pop() {
            for &c in t.ch(x) {
                let r = t.full_rel(c);
                // A dictionary actor name before the head belongs to the phrase even when the
                // parser took it for a preposition ("Arnor former security officials").
                let misparsed_name = c < x && matches!(t.rel(c), "case" | "dep" | "advmod") && self.actor_at[c].is_some();
                // "In Brussels, defence ministers": a name with its own preposition that the
                // parser hung as a compound is a locative, not part of the name.
                let locative = t.rel(c) == "compound"
                    && t.kids(c, "case").any(|k| k < c && matches!(t.up(k), "IN" | "AT" | "NEAR" | "OUTSIDE" | "INSIDE" | "ACROSS" | "THROUGHOUT"));
                if (is_core_rel(r) || t.rel(c) == "compound" || t.rel(c) == "flat" || misparsed_name) && !locative {
                    out.push(c);
                    stack.push(c);
                }
            }
        }
        out.sort_unstable();
        out
    }

    /// Conjuncts of `h` (itself first): `A, B and C`.
    pub fn conjuncts(&self, h: usize) -> Vec<usize> {
        let mut out = vec![h];
        let mut i = 0;
        while i < out.len() {
            let x = out[i];
            for &c in self.tree.ch(x) {
                let rel = self.tree.rel(c);
                let take = (rel == "conj" && self.tree.is_nominal(c))
                    || (rel == "appos" && self.tree.upos(c) == "PROPN" && self.actor_at[c].is_some());
                if take && !out.contains(&c) {
                    out.push(c);
                }
            }
            i += 1;
        }
        out
    }

    /// Actor and agent codes in the core of one conjunct (no conjunct expansion).
    fn code_core(&self, h: usize) -> (Option<Mention>, Vec<&AgentMatch>) {
        let core = self.core(h);
        let mut actor: Option<Mention> = None;
        let mut agents: Vec<&AgentMatch> = Vec::new();
        for &i in &core {
            if let Some(k) = self.actor_at[i] {
                if actor.is_none() {
                    let m = &self.actors[k as usize];
                    actor = Some(Mention {
                        code: m.code.as_str().into(),
                        start: m.start,
                        end: m.start + m.len,
                        entry: Some(m.entry.as_str().into()),
                        head: h,
                    });
                }
            }
            if let Some(k) = self.agent_at[i] {
                let a = &self.agents[k as usize];
                if !agents.iter().any(|x| std::ptr::eq(*x, a)) {
                    agents.push(a);
                }
            }
        }
        (actor, agents)
    }

    /// "Vladimir Putin and U.S. President Donald Trump" parsed as one name: a dictionary actor
    /// right after a coordinating conjunction inside the phrase core is a conjunct of its own.
    fn actors_after_and(&self, h: usize, first: &Mention) -> Vec<Mention> {
        let t = self.tree;
        let mut out = Vec::new();
        let mut prev_end = first.end;
        let mut seen: Vec<u32> = Vec::new();
        for i in self.core(h) {
            let Some(k) = self.actor_at[i] else { continue };
            let m = &self.actors[k as usize];
            if m.start < prev_end || seen.contains(&k) {
                continue;
            }
            seen.push(k);
            // The conjunction right before the name ("Ithilen's awful and evil minister
            // Calimehtar" conjoins adjectives, not actors).
            if m.start == 0 || m.start - 1 < prev_end || t.upos(m.start - 1) != "CCONJ" {
                break;
            }
            out.push(Mention { code: m.code.as_str().into(), start: m.start, end: m.start + m.len, entry: Some(m.entry.as_str().into()), head: h });
            prev_end = m.start + m.len;
        }
        out
    }

    /// Actors coded by the phrase headed by `h`, one per conjunct; empty when nothing codes.
    pub fn code(&self, h: usize) -> Vec<Mention> {
        if let Some(Some(c)) = self.code_memo.borrow().get(h) {
            return c.clone();
        }
        let out = self.code_depth(h, 0);
        if let Some(slot) = self.code_memo.borrow_mut().get_mut(h) {
            *slot = Some(out.clone());
        }
        out
    }

    fn code_depth(&self, h: usize, depth: usize) -> Vec<Mention> {
        let t = self.tree;
        let mut conj = self.conjuncts(h);
        // "Eriadori and Calenardhon leaders": conjoined modifiers name more actors.
        for c in conj.clone() {
            for m in self.core(c) {
                if m == c {
                    continue;
                }
                for k in self.tree.kids(m, "conj") {
                    // ... also adjectives: "Ukrainian and American delegations".
                    let named = self.tree.is_nominal(k) || self.tree.upos(k) == "ADJ";
                    if named && !conj.contains(&k) && self.actor_at[k].is_some() {
                        conj.push(k);
                    }
                }
            }
        }
        let mut out: Vec<Mention> = Vec::new();
        let mut agent_only: Vec<(usize, Vec<&AgentMatch>)> = Vec::new();
        let mut borrowed: Vec<Mention> = Vec::new();
        let mut core_actor: Option<Mention> = None;
        for &c in &conj {
            let (actor, agents) = self.code_core(c);
            match actor {
                Some(mut m) => {
                    if core_actor.is_none() {
                        core_actor = Some(m.clone());
                    }
                    let more = self.actors_after_and(c, &m);
                    m.code = combine(&m.code, &agents).into();
                    out.push(m);
                    out.extend(more);
                }
                None => {
                    // Attached phrases: "ambassadors of Arnor", "soldiers from Gondor".
                    let mut inner = Vec::new();
                    if depth < 3 {
                        for d in t.ch(c).iter().copied() {
                            if matches!(t.rel(d), "nmod" | "appos") && d > c {
                                inner = self.code_depth(d, depth + 1);
                                if !inner.is_empty() {
                                    break;
                                }
                            }
                        }
                    }
                    if !inner.is_empty() {
                        if borrowed.is_empty() {
                            borrowed.extend(inner.iter().cloned());
                        }
                        // The agent names the phrase only when it is its head ("soldiers from
                        // Gondor" -> GONMIL); a modifier agent does not ("military aid to
                        // Ukraine" is Ukraine's, not UKRMIL).
                        let heading: Vec<&AgentMatch> = agents.iter().copied().filter(|a| (a.start..a.start + a.len).contains(&c)).collect();
                        for mut m in inner {
                            m.code = combine(&m.code, &heading).into();
                            m.head = c;
                            out.push(m);
                        }
                    } else if !agents.is_empty() {
                        agent_only.push((c, agents));
                    } else if depth == 0 && c != h && self.new_actor_length > 0 && t.upos(c) != "PRON" {
                        // An uncoded member of a compound ("death and injury toll").
                        if let Some(m) = self.new_actor(c) {
                            out.push(m);
                        }
                    }
                }
            }
        }
        for (c, agents) in agent_only {
            // "Lawmakers and officials in Arnor": an agent-only conjunct takes the actors of
            // a sibling's attached phrase; otherwise the actor is unknown (`---GOV`).
            let sources: Vec<Mention> = if !borrowed.is_empty() {
                borrowed.clone()
            } else {
                core_actor.iter().cloned().collect()
            };
            if sources.is_empty() {
                let a = agents[0];
                out.push(Mention {
                    code: combine("---", &agents).into(),
                    start: a.start,
                    end: a.start + a.len,
                    entry: None,
                    head: c,
                });
            } else {
                for s in sources {
                    let mut m = s.clone();
                    m.code = combine(&s.code, &agents).into();
                    m.head = c;
                    out.push(m);
                }
            }
        }
        out
    }

    /// Like [`NpCoder::code`], but a phrase without any dictionary actor may be coded as a new
    /// actor (its own words) when `new_actor_length` allows; only for phrases in an actor role
    /// (subject, object), never for phrases found inside them.
    pub fn code_or_new(&self, h: usize) -> Vec<Mention> {
        let m = self.code(h);
        if !m.is_empty() || self.new_actor_length == 0 || self.tree.upos(h) == "PRON" || !self.tree.is_nominal(h) {
            return m;
        }
        self.new_actor(h).into_iter().collect()
    }

    /// An actor not in the dictionary: the phrase's own words, quoted, when short enough.
    fn new_actor(&self, h: usize) -> Option<Mention> {
        let t = self.tree;
        // The whole phrase with its attached phrases ("the Ministry of Magic"), without its own
        // preposition, clauses and conjuncts.
        let words = t.subtree_without(h, |c| {
            matches!(t.rel(c), "conj" | "cc" | "punct" | "acl" | "advcl" | "appos" | "parataxis")
                || (t.rel(c) == "case" && t.heads[c] == Some(h))
        });
        let (start, end) = (*words.first()?, *words.last()? + 1);
        if words.len() > self.new_actor_length || words.len() != end - start {
            return None;
        }
        let text: Vec<&str> = (start..end).map(|i| t.up(i)).filter(|w| *w != "'S").collect();
        Some(Mention { code: format!("\"{}\"", text.join(" ")).into(), start, end, entry: None, head: h })
    }
}

/// `ARN` + agents `~GOV`: `ARNGOV`; prefix agents `NGO~` go in front; an agent whose code the
/// actor already carries is not added again (`USAGOV` + `~GOV` = `USAGOV`).
pub(crate) fn combine(actor: &str, agents: &[&AgentMatch]) -> String {
    let mut pre = String::new();
    let mut code = actor.to_string();
    for a in agents {
        let c = a.code.trim();
        if let Some(p) = c.strip_suffix('~') {
            if !code.starts_with(p) && !pre.contains(p) {
                pre.push_str(p);
            }
        } else {
            let s = c.trim_start_matches('~');
            if s.is_empty() {
                continue;
            }
            let present = (0..code.len()).step_by(3).any(|k| code.get(k..).is_some_and(|c| c.starts_with(s)));
            if !present {
                code.push_str(s);
            }
        }
    }
    format!("{pre}{code}")
}
