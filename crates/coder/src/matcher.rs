//! Verbs on the tree: finding dictionary verbs, their subjects and complements, and matching
//! their patterns.

use crate::np::{Mention, NpCoder};
use crate::tree::Tree;
use crate::{CoderOptions, Raw};
use petrel_lexicon::verbs::{Elem, EventCode, Marker, Pattern, Term, VerbDict};

/// A dictionary verb found in a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerbHit {
    /// Token of the inflected word.
    pub token: usize,
    /// First and one-past-last token of the whole (multi-word) verb.
    pub start: usize,
    pub end: usize,
    /// Index of the verb in the dictionary.
    pub verb: u32,
}

/// Find the dictionary verbs of a tree (the longest multi-word form wins at each token).
pub(crate) fn find_verbs(tree: &Tree, verbs: &VerbDict) -> Vec<VerbHit> {
    let mut out: Vec<VerbHit> = Vec::new();
    for i in 0..tree.len() {
        if !tree.is_verb(i) {
            continue;
        }
        let mut best: Option<VerbHit> = None;
        for f in verbs.lookup(tree.up(i)) {
            if f.before.len() > i {
                continue;
            }
            let before_ok = f.before.iter().enumerate().all(|(k, w)| tree.up(i - f.before.len() + k) == *w);
            let after_ok = f.after.iter().enumerate().all(|(k, w)| i + 1 + k < tree.len() && tree.up(i + 1 + k) == w)
                || (f.after.len() == 1
                    && tree.ch(i).iter().any(|&c| c > i && tree.up(c) == f.after[0] && tree.rel(c) == "compound"));
            if !(before_ok && after_ok) {
                continue;
            }
            let hit = VerbHit {
                token: i,
                start: i - f.before.len(),
                end: i + 1 + f.after.len(),
                verb: f.verb,
            };
            let better = match &best {
                None => true,
                Some(b) => hit.end - hit.start > b.end - b.start,
            };
            if better {
                best = Some(hit);
            }
        }
        if let Some(b) = best {
            out.push(b);
        }
    }
    out
}

/// Subject heads of verb `v`, following control, coordination and relative clauses.
fn subjects(tree: &Tree, v: usize, depth: usize) -> (Vec<usize>, bool) {
    let passive = tree.ch(v)
        .iter()
        .any(|&c| tree.full_rel(c) == "nsubj:pass" || tree.full_rel(c) == "aux:pass" || tree.full_rel(c) == "csubj:pass");
    let own: Vec<usize> = tree.ch(v).iter().copied().filter(|&c| tree.rel(c) == "nsubj").collect();
    if !own.is_empty() {
        let mut out = Vec::new();
        for s in own {
            let s = subordinated_subject(tree, v, s).unwrap_or(s);
            out.push(resolve_pronoun(tree, v, s, depth));
        }
        return (out, passive);
    }
    if depth > 4 {
        return (Vec::new(), passive);
    }
    let Some(h) = tree.heads[v] else { return (Vec::new(), passive) };
    if let Some(agent) = for_clause_agent(tree, v, depth) {
        return (agent, passive);
    }
    match tree.rel(v) {
"xcomp" | "conj" | "advcl" | "ccomp" | "parataxis" | "dep" => (subjects(tree, h, depth + 1).0, passive),
        "acl" => {
            if tree.full_rel(v) == "acl:relcl" {
                (vec![h], passive)
            } else {
                // "an attack by X" / "crowds trashed": a participle modifying its head noun.
                // On the root noun of a full sentence the parser has made a main clause a
                // noun phrase ("Ukrainian and American delegations met in Jeddah."): active.
                let main_clause = tree.heads[h].is_none() && tree.sent.tokens.last().is_some_and(|t| t.form == ".");
                let is_pass = tree.xpos(v) == "VBN" && tree.kids(v, "obj").next().is_none() && !main_clause;
                (vec![h], passive || is_pass)
            }
        }
        _ => (Vec::new(), passive),
    }
}

/// Words that open an adverbial clause ("as Washington presses", "while Y talked"); the
/// parser sometimes takes them for a preposition. Not `if`/`whether`, which open what was
/// asked or said.
const SUBORDINATORS: &[&str] =
    &["AS", "WHILE", "WHEREAS", "ALTHOUGH", "THOUGH", "BECAUSE", "SINCE", "AFTER", "BEFORE", "WHEN", "UNTIL", "UNLESS", "ONCE"];

/// Does `word` (any case) open an adverbial clause ([`SUBORDINATORS`])? Grounding asks it too,
/// so a clause the coder leaves out of a speech verb's report is not `reported` either.
pub fn is_subordinator(word: &str) -> bool {
    SUBORDINATORS.iter().any(|s| s.eq_ignore_ascii_case(word))
}

/// Is `c` a clause opened by an adverbial subordinator ("..., as Washington pressed Moscow"),
/// whatever relation the parser gave it: not what a speech verb reports, nor where its
/// patterns or its target are found.
fn is_adverbial_clause(tree: &Tree, c: usize) -> bool {
    matches!(tree.rel(c), "ccomp" | "advcl" | "parataxis" | "dep") && tree.kids(c, "mark").any(|m| SUBORDINATORS.contains(&tree.up(m)))
}

/// "Envoy meets Putin as Washington presses for a ceasefire": the parser took the subordinator
/// for a preposition and made the earlier verb's object the subject, with the real subject
/// as its modifier ("Putin" <- nmod "as Washington"). When a subject `s` comes after a verb
/// that governs `v` and has a proper-noun modifier opened by a subordinator that ends right
/// before the finite verb `v`, that modifier is the subject.
fn subordinated_subject(tree: &Tree, v: usize, s: usize) -> Option<usize> {
    if s >= v || !matches!(tree.xpos(v), "VBZ" | "VBD" | "VBP") {
        return None;
    }
    let n = tree.ch(s).iter().copied().find(|&n| {
        n > s
            && n < v
            && matches!(tree.rel(n), "nmod" | "obl")
            && tree.upos(n) == "PROPN"
            && tree.kids(n, "case").any(|k| k < n && SUBORDINATORS.contains(&tree.up(k)))
            && (n + 1..v).all(|i| tree.in_subtree(i, n))
    })?;
    // The clause hangs under an earlier verb (s is that verb's object, misparsed).
    let start = tree.subtree_without(s, |_| false).first().copied().unwrap_or(s);
    let mut cur = v;
    for _ in 0..4 {
        let h = tree.heads[cur]?;
        if tree.is_verb(h) && h < start {
            return Some(n);
        }
        cur = h;
    }
    None
}

/// "X was sentenced in a prison for donating", "Y criticized Z for stalling", "angry with Z
/// for dragging out talks": the doer of a `for` + gerund clause is the one the governing verb
/// blames or credits: its object, else its `with`/`at` phrase, else its subject. The parser
/// often hangs the clause on a nearby noun ("prison for donating"), so the governing verb is
/// the nearest verb above.
fn for_clause_agent(tree: &Tree, v: usize, depth: usize) -> Option<Vec<usize>> {
    let mark = tree.kids(v, "mark").map(|m| tree.up(m)).find(|m| matches!(*m, "FOR" | "OF"))?;
    if tree.xpos(v) != "VBG" || !matches!(tree.rel(v), "advcl" | "acl") {
        return None;
    }
    let mut g = tree.heads[v]?;
    for _ in 0..4 {
        if tree.is_verb(g) {
            break;
        }
        g = tree.heads[g]?;
    }
    if !tree.is_verb(g) {
        return None;
    }
    if let Some(o) = tree.kids(g, "obj").find(|&o| tree.is_nominal(o)) {
        return Some(vec![o]);
    }
    // "accused Russia of shelling": the accused; "was accused of shelling", "spoke of
    // attacking": the subject (no with/at phrase for `of`).
    let with = tree.ch(g).iter().copied().find(|&c| {
        mark == "FOR" &&
        c < v && tree.rel(c) == "obl" && tree.is_nominal(c) && tree.kids(c, "case").any(|k| matches!(tree.up(k), "WITH" | "AT"))
    });
    if let Some(w) = with {
        return Some(vec![w]);
    }
    let s = subjects(tree, g, depth + 1).0;
    (!s.is_empty()).then_some(s)
}

/// A pronoun subject stands for the relative clause's head noun or the governing subject.
fn resolve_pronoun(tree: &Tree, v: usize, s: usize, depth: usize) -> usize {
    if tree.upos(s) != "PRON" || depth > 4 {
        return s;
    }
    let w = tree.up(s);
    if matches!(w, "WHO" | "WHICH" | "THAT") {
        if tree.full_rel(v) == "acl:relcl" {
            if let Some(h) = tree.heads[v] {
                return h;
            }
        }
        return s;
    }
    if matches!(w, "IT" | "HE" | "SHE" | "THEY" | "WE") {
        if let Some(h) = tree.heads[v] {
            if matches!(tree.rel(v), "ccomp" | "xcomp" | "advcl" | "conj") {
                if let Some(up) = subjects(tree, h, depth + 1).0.first() {
                    return *up;
                }
            }
        }
        // "Merz said he was ...", parsed with the speech verb under this one: the pronoun is
        // the speaker.
        for &c in tree.ch(v) {
            let speech = matches!(tree.rel(c), "advcl" | "parataxis") && says(tree, c);
            if speech {
                if let Some(k) = tree.kids(c, "nsubj").find(|&k| tree.upos(k) != "PRON") {
                    return k;
                }
            }
        }
    }
    s
}

/// The `by` phrase of a passive verb (UD `obl:agent`, or `obl`/`nmod` with case `by`).
fn passive_agent(tree: &Tree, v: usize) -> Option<usize> {
    tree.ch(v).iter().copied().find(|&c| {
        tree.full_rel(c) == "obl:agent"
            || (matches!(tree.rel(c), "obl" | "nmod") && tree.ch(c).iter().any(|&k| tree.rel(k) == "case" && tree.up(k) == "BY"))
    })
}

const COMPLEMENT_RELS: &[&str] = &["obj", "iobj", "obl", "nmod", "xcomp", "ccomp", "advcl", "dep", "advmod", "acl"];

/// The first actor phrase among the complements of `v` (after the verb), searching each
/// complement breadth-first.
fn default_targets(tree: &Tree, np: &NpCoder, v: usize, exclude: &[usize]) -> Vec<Mention> {
    // Only the first noun-phrase complement may be coded as a new (out-of-dictionary) actor.
    let mut new_tried = false;
    for &c in tree.ch(v) {
        if c < v || exclude.contains(&c) || !COMPLEMENT_RELS.contains(&tree.rel(c)) || is_adverbial_clause(tree, c) {
            continue;
        }
        if tree.full_rel(c) == "obl:agent" {
            continue;
        }
        let found = search_actor(tree, np, c, exclude);
        if !found.is_empty() {
            return found;
        }
        if !new_tried && tree.is_nominal(c) && matches!(tree.rel(c), "obj" | "obl" | "iobj" | "nmod") {
            new_tried = true;
            let new = np.code_or_new(c);
            if !new.is_empty() {
                return new;
            }
        }
    }
    Vec::new()
}

/// Breadth-first search from `root` for the first noun phrase that codes to actors.
fn search_actor(tree: &Tree, np: &NpCoder, root: usize, exclude: &[usize]) -> Vec<Mention> {
    let mut level = vec![root];
    for _ in 0..6 {
        let mut next = Vec::new();
        for &x in &level {
            if exclude.contains(&x) {
                continue;
            }
            if tree.is_nominal(x) && !matches!(tree.full_rel(x), "compound" | "flat" | "nmod:poss" | "amod" | "det") {
                let m = np.code(x);
                if !m.is_empty() {
                    return m;
                }
            }
            for &c in tree.ch(x) {
                if !matches!(tree.rel(c), "punct" | "parataxis" | "cc" | "conj") || tree.is_nominal(x) && tree.rel(c) == "conj" {
                    next.push(c);
                }
            }
        }
        if next.is_empty() {
            break;
        }
        next.sort_unstable();
        level = next;
    }
    Vec::new()
}

/// The noun-phrase head of token `i` (climbing over compound/flat/poss links).
fn np_head(tree: &Tree, mut i: usize) -> usize {
    for _ in 0..8 {
        match tree.heads[i] {
            Some(h) if matches!(tree.full_rel(i), "compound" | "flat" | "nmod:poss" | "amod" | "det" | "nummod" | "flat:name" | "name") => i = h,
            _ => break,
        }
    }
    i
}

struct Regions {
    pre: Vec<usize>,
    post: Vec<usize>,
    /// The words of the subject phrase(s): pre-verb nouns of a pattern match only there.
    subject: Vec<usize>,
    /// First token of the verb, and one past its last.
    verb_start: usize,
    verb_end: usize,
}

/// An auxiliary, adverb or negation attached to a verb.
fn is_verb_modifier(tree: &Tree, t: usize) -> bool {
    matches!(tree.rel(t), "aux" | "advmod" | "neg") && tree.heads[t].is_some_and(|h| tree.is_verb(h))
}

fn regions(tree: &Tree, np: &NpCoder, v: usize, hit: &VerbHit, subj: &[usize]) -> Regions {
    // The clause: climb over control verbs so "is about to restore" sees "Arnor".
    let mut root = v;
    for _ in 0..4 {
        match tree.heads[root] {
            Some(h) if tree.rel(root) == "xcomp" => root = h,
            _ => break,
        }
    }
    // Parataxis clauses (and, after the verb, conjoined verbs) are cut out; punctuation too.
    let cuts_pre: Vec<usize> = (0..tree.len()).filter(|&c| c != root && tree.rel(c) == "parataxis").collect();
    let cuts_post: Vec<usize> = (0..tree.len())
        .filter(|&c| {
            c != v
                && (tree.rel(c) == "parataxis"
                    || (tree.rel(c) == "conj" && tree.is_verb(c))
                    || (tree.heads[c] == Some(v) && is_adverbial_clause(tree, c)))
        })
        .collect();
    let keep = |t: usize, r: usize, cuts: &[usize]| {
        tree.in_subtree(t, r)
            && tree.rel(t) != "punct"
            && !cuts.iter().any(|&c| tree.in_subtree(c, r) && tree.in_subtree(t, c))
    };
    let pre: Vec<usize> = (0..hit.start).filter(|&t| keep(t, root, &cuts_pre)).collect();
    let post: Vec<usize> = (hit.end..tree.len()).filter(|&t| keep(t, v, &cuts_post)).collect();
    // Pre-verb pattern nouns match the subject phrase and the verb's own pre-modifiers
    // (auxiliaries, negation, adverbs: "- &NEGATVAUXVRB EVER * ...").
    let mut subject: Vec<usize> = tree.ch(v)
        .iter()
        .copied()
        .filter(|&c| c < hit.start && matches!(tree.rel(c), "aux" | "advmod" | "neg"))
        .flat_map(|c| tree.subtree_without(c, |_| false))
        .collect();
    // ... and the verbs governing this one ("- INDICATED WOULD * NOW": "indicated it would act").
    let mut cur = v;
    for _ in 0..4 {
        match tree.heads[cur] {
            Some(h) if matches!(tree.rel(cur), "ccomp" | "xcomp" | "advcl") && h < hit.start && tree.is_verb(h) => {
                subject.push(h);
                cur = h;
            }
            _ => break,
        }
    }
    for &s in subj {
        for c in np.conjuncts(np_head(tree, s)) {
            subject.extend(np.core(c));
        }
    }
    subject.sort_unstable();
    subject.dedup();
    Regions { pre, post, subject, verb_start: hit.start, verb_end: hit.end }
}

/// Tokens where `alt` (a phrase, as word ids) ends at `end`: returns its first token.
fn alt_ends_at(tree: &Tree, alt: &[u32], end: usize) -> Option<usize> {
    if alt.len() > end + 1 {
        return None;
    }
    let start = end + 1 - alt.len();
    alt.iter().enumerate().all(|(k, &w)| tree.id_is(start + k, w)).then_some(start)
}

fn term_ends_at(tree: &Tree, term: &Term, end: usize) -> Option<usize> {
    if end >= tree.len() {
        return None;
    }
    let (f, l) = (tree.fid[end], tree.lid[end]);
    if term.last_ids.binary_search(&f).is_err() && term.last_ids.binary_search(&l).is_err() {
        return None;
    }
    // The longest alternative wins.
    let mut best: Option<usize> = None;
    for alt in &term.alt_ids {
        if let Some(s) = alt_ends_at(tree, alt, end) {
            if best.is_none_or(|b| s < b) {
                best = Some(s);
            }
        }
    }
    best
}

/// Match a noun phrase `terms` (head last) with its head in `region` after `cursor`.
/// Returns (first token, head token, matched tokens).
fn match_noun(tree: &Tree, terms: &[Term], region: &[usize], cursor: Option<usize>) -> Option<(usize, usize, Vec<usize>)> {
    let (head_term, mods) = terms.split_last()?;
    for &h in region {
        if cursor.is_some_and(|c| h <= c) {
            continue;
        }
        let Some(mut start) = term_ends_at(tree, head_term, h) else { continue };
        let mut words: Vec<usize> = (start..=h).collect();
        let mut ok = true;
        for (k, m) in mods.iter().enumerate().rev() {
            if start == 0 {
                ok = false;
                break;
            }
            let adjacent = k == mods.len() - 1;
            let mut found = None;
            let mut e = start - 1;
            // "death and injury toll" still has "death" next to "toll".
            while e > 0 && matches!(tree.rel(e), "conj" | "cc") && tree.heads[e].is_some_and(|x| x < start) {
                e -= 1;
            }
            let lowest = if adjacent { e } else { start.saturating_sub(4) };
            loop {
                if cursor.is_some_and(|c| e <= c) || region.binary_search(&e).is_err() && !tree.up(e).is_empty() && e < lowest {
                    break;
                }
                if let Some(s) = term_ends_at(tree, m, e) {
                    found = Some(s);
                    break;
                }
                if e == 0 || e <= lowest {
                    break;
                }
                e -= 1;
            }
            match found {
                Some(s) => {
                    words.extend(s..=e);
                    start = s;
                }
                None => {
                    ok = false;
                    break;
                }
            }
        }
        if ok {
            words.sort_unstable();
            return Some((start, h, words));
        }
    }
    None
}

#[derive(Default, Clone)]
struct Bind {
    source: Option<Vec<Mention>>,
    target: Option<Vec<Mention>>,
    /// Subject is the target (`+ *`).
    subject_is_target: bool,
    /// Subject is the source (`$ *`), even of a passive verb ("X was pissed off with Y").
    subject_is_source: bool,
    compound: bool,
    words: Vec<usize>,
}

/// The actor phrase that is the object of preposition token `p`.
fn prep_object(tree: &Tree, p: usize) -> Option<usize> {
    if tree.rel(p) == "case" {
        return tree.heads[p];
    }
    (p + 1..tree.len()).find(|&i| tree.is_nominal(i)).map(|i| np_head(tree, i))
}

/// The next actor phrase in `region` after `cursor`.
fn next_actor(tree: &Tree, np: &NpCoder, region: &[usize], cursor: Option<usize>) -> Option<(usize, Vec<Mention>)> {
    for &t in region {
        if cursor.is_some_and(|c| t <= c) || !tree.is_nominal(t) {
            continue;
        }
        // The actor must be named in the phrase itself ("with the parliament of Gondor" is
        // Gondor for a pattern marker), not only in an attached phrase.
        if np.actor_at[t].is_none() && !np.core(np_head(tree, t)).iter().any(|&i| np.actor_at[i].is_some()) {
            continue;
        }
        let h = np_head(tree, t);
        let m = np.code(h);
        if !m.is_empty() {
            let last = m.iter().map(|m| m.end.saturating_sub(1)).max().unwrap_or(t).max(t);
            return Some((last, m));
        }
    }
    None
}

#[allow(clippy::too_many_arguments)]
fn match_elems(
    tree: &Tree,
    np: &NpCoder,
    elems: &[Elem],
    region: &[usize],
    nouns: &[usize],
    pre: bool,
    verb_start: Option<usize>,
    bind: &mut Bind,
) -> bool {
    let mut cursor: Option<usize> = None;
    let n_elems = elems.len();
    for (ei, e) in elems.iter().enumerate() {
        let is_last = ei + 1 == n_elems;
        match e {
            Elem::Noun(terms) => match match_noun(tree, terms, nouns, cursor) {
                // A pre-verb auxiliary or adverb ("- WILL *") must stand right before the verb
                // ("will be hosting" is not "will host").
                Some((_, h, _)) if pre && verb_start.is_some_and(|vs| is_last && h + 1 != vs && is_verb_modifier(tree, h)) => {
                    return false
                }
                Some((_, h, words)) => {
                    cursor = Some(h);
                    bind.words.extend(words);
                }
                None => return false,
            },
            Elem::Prep { prep, object, markers } => {
                let mut matched = false;
                for &p in region {
                    if cursor.is_some_and(|c| p <= c) {
                        continue;
                    }
                    if pre && tree.rel(p) == "mark" {
                        continue;
                    }
                    let Some(_) = term_ends_at(tree, prep, p) else { continue };
                    let mut end = p;
                    let mut words = vec![p];
                    if !object.is_empty() {
                        let after: Vec<usize> = region.iter().copied().filter(|&t| t > p && t <= p + 8).collect();
                        match match_noun(tree, object, &after, Some(p)) {
                            Some((_, h, w)) => {
                                end = h;
                                words.extend(w);
                            }
                            None => continue,
                        }
                    }
                    for m in markers {
                        let obj = prep_object(tree, p).map(|o| np.code(o)).unwrap_or_default();
                        match m {
                            Marker::Source => bind.source = Some(obj),
                            Marker::Target => bind.target = Some(obj),
                            Marker::Compound => bind.compound = true,
                            Marker::Skip => {}
                        }
                        if let Some(o) = prep_object(tree, p) {
                            end = end.max(o);
                        }
                    }
                    cursor = Some(end);
                    bind.words.extend(words);
                    matched = true;
                    break;
                }
                if !matched {
                    return false;
                }
            }
            Elem::Marker(m) => {
                if pre {
                    match m {
                        Marker::Target => bind.subject_is_target = true,
                        Marker::Source => bind.subject_is_source = true,
                        Marker::Compound => bind.compound = true,
                        Marker::Skip => {}
                    }
                } else {
                    match m {
                        Marker::Compound => bind.compound = true,
                        Marker::Skip => {
                            // `^` skips the next noun phrase, actor or not.
                            if let Some(&t) = region.iter().find(|&&t| cursor.is_none_or(|c| t > c) && tree.is_nominal(t)) {
                                let h = np_head(tree, t);
                                let end = np.core(h).into_iter().max().unwrap_or(t).max(t);
                                cursor = Some(end);
                            }
                        }
                        Marker::Source | Marker::Target => {
                            if let Some((end, actors)) = next_actor(tree, np, region, cursor) {
                                cursor = Some(end);
                                match m {
                                    Marker::Source => bind.source = Some(actors),
                                    Marker::Target => bind.target = Some(actors),
                                    _ => {}
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    true
}

/// Patterns of a block by a word each needs, and those that need none.
type KeyedPatterns = (IdMap<Vec<u32>>, Vec<u32>);

/// A map keyed by interned word ids with the lexicon's fast hasher (SipHash showed in
/// profiles: the map is asked once per word of the sentence for every verb).
type IdMap<V> = petrel_lexicon::FxMap<u32, V>;

/// A quick test for patterns: the words each element needs (the head word of a noun phrase
/// or the preposition), interned; a pattern is tried only when every element has one of its
/// words in the sentence.
#[derive(Default)]
pub(crate) struct Prefilter {
    /// Block -> pattern -> element -> word ids (empty = no requirement).
    blocks: Vec<Vec<Vec<Vec<u32>>>>,
    /// Block -> pattern -> the highest score it can reach ([`bound`]).
    bounds: Vec<Vec<usize>>,
    /// Block -> (word id of the pattern's first required element -> patterns), and the
    /// patterns that require no word.
    keyed: Vec<KeyedPatterns>,
}

impl Prefilter {
    pub fn new(verbs: &VerbDict) -> Prefilter {
        let mut f = Prefilter::default();
        let _ = &mut f;
        let mut blocks = Vec::with_capacity(verbs.blocks.len());
        for b in &verbs.blocks {
            let mut pats = Vec::with_capacity(b.patterns.len());
            for p in &b.patterns {
                let mut elems = Vec::new();
                for e in p.pre.iter().chain(&p.post) {
                    let term = match e {
                        Elem::Noun(t) => t.last(),
                        Elem::Prep { prep, .. } => Some(prep),
                        Elem::Marker(_) => None,
                    };
                    if let Some(t) = term {
                        elems.push(t.last_ids.clone());
                    }
                }
                pats.push(elems);
            }
            blocks.push(pats);
        }
        f.keyed = blocks
            .iter()
            .map(|pats| {
                let mut map: IdMap<Vec<u32>> = IdMap::default();
                let mut free = Vec::new();
                for (k, elems) in pats.iter().enumerate() {
                    // Key on the element with the fewest alternatives.
                    match elems.iter().filter(|e| !e.is_empty()).min_by_key(|e| e.len()) {
                        Some(ids) => {
                            for &id in ids {
                                map.entry(id).or_default().push(k as u32);
                            }
                        }
                        None => free.push(k as u32),
                    }
                }
                (map, free)
            })
            .collect();
        f.blocks = blocks;
        f.bounds = verbs.blocks.iter().map(|b| b.patterns.iter().map(bound).collect()).collect();
        f
    }

    /// Word ids present in the sentence (forms and lemmas), sorted.
    pub fn present(&self, tree: &Tree) -> Vec<u32> {
        let mut v: Vec<u32> = tree.fid.iter().chain(&tree.lid).copied().filter(|&i| i != crate::tree::NO_ID).collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    /// Patterns of `block` that may match a sentence with these words, in file order.
    fn candidates(&self, block: usize, present: &[u32], out: &mut Vec<u32>) {
        out.clear();
        let Some((map, free)) = self.keyed.get(block) else { return };
        out.extend_from_slice(free);
        for id in present {
            if let Some(p) = map.get(id) {
                out.extend_from_slice(p);
            }
        }
        out.sort_unstable();
        out.dedup();
    }

    fn possible(&self, block: usize, pattern: usize, present: &[u32]) -> bool {
        let Some(elems) = self.blocks.get(block).and_then(|b| b.get(pattern)) else { return true };
        elems.iter().all(|ids| ids.iter().any(|id| present.binary_search(id).is_ok()))
    }
}

/// The highest score a pattern can reach (2 per word, 1 per element).
fn bound(p: &Pattern) -> usize {
    fn terms(t: &[Term]) -> usize {
        t.iter().map(|t| t.alts.iter().map(|a| a.len()).max().unwrap_or(1)).sum()
    }
    let words: usize = p
        .pre
        .iter()
        .chain(&p.post)
        .map(|e| match e {
            Elem::Noun(t) => terms(t),
            Elem::Prep { prep, object, .. } => terms(std::slice::from_ref(prep)) + terms(object),
            Elem::Marker(_) => 0,
        })
        .sum();
    2 * words + p.pre.len() + p.post.len()
}

/// Try the patterns of a verb's block: the most specific one that matches wins; of equally
/// specific ones, the one whose words start nearest after the verb ("expressed anger over the
/// lack of progress" is ANGER's, not PROGRESS's), then the first in the file.
fn best_pattern<'d>(
    tree: &Tree,
    np: &NpCoder,
    patterns: &'d [Pattern],
    regions_of: impl FnOnce() -> Regions,
    filter: (&Prefilter, usize, &[u32]),
) -> Option<(&'d Pattern, Bind)> {
    // (pattern, binding, specificity, distance from the verb to its first word after it;
    // 0 when none is after it).
    let mut best: Option<(&Pattern, Bind, usize, usize)> = None;
    let mut cands = Vec::new();
    filter.0.candidates(filter.1, filter.2, &mut cands);
    cands.retain(|&k| filter.0.possible(filter.1, k as usize, filter.2));
    if cands.is_empty() {
        return None;
    }
    let r = &regions_of();
    for k in cands {
        let k = k as usize;
        let Some(p) = patterns.get(k) else { continue };
        let max = filter.0.bounds.get(filter.1).and_then(|b| b.get(k)).copied().unwrap_or(usize::MAX);
        if best.as_ref().is_some_and(|b| b.2 > max || (b.2 == max && b.3 <= 1)) {
            continue;
        }
        let mut bind = Bind::default();
        if !match_elems(tree, np, &p.pre, &r.pre, &r.subject, true, Some(r.verb_start), &mut bind) {
            continue;
        }
        if !match_elems(tree, np, &p.post, &r.post, &r.post, false, None, &mut bind) {
            continue;
        }
        let n_elems = p.pre.len() + p.post.len();
        bind.words.sort_unstable();
        bind.words.dedup();
        let spec = 2 * bind.words.len() + n_elems;
        let dist = bind.words.iter().find(|&&w| w >= r.verb_end).map_or(0, |&w| w + 1 - r.verb_end);
        if best.as_ref().is_some_and(|b| b.2 > spec || (b.2 == spec && b.3 <= dist)) {
            continue;
        }
        best = Some((p, bind, spec, dist));
    }
    best.map(|(p, b, _, _)| (p, b))
}

/// Code every dictionary verb of the tree.
pub(crate) fn code_tree(tree: &Tree, np: &NpCoder, verbs: &VerbDict, opts: &CoderOptions, filter: &Prefilter) -> Vec<Raw> {
    let deleted = comma_clauses(tree, opts);
    let hits: Vec<VerbHit> = find_verbs(tree, verbs).into_iter().filter(|h| !deleted[h.token]).collect();
    if hits.is_empty() {
        return Vec::new();
    }
    let present = filter.present(tree);
    let mut per_verb: Vec<(usize, Vec<Raw>, bool)> = Vec::new();
    for hit in &hits {
        let v = hit.token;
        let block_id = verbs.verbs[hit.verb as usize].block as usize;
        let block = &verbs.blocks[block_id];
        let (subj, passive) = subjects(tree, v, 0);
        let matched =
            best_pattern(tree, np, &block.patterns, || regions(tree, np, v, hit, &subj), (filter, block_id, &present));
        let (code, rule, bind, from_pattern): (EventCode, String, Bind, bool) = match matched {
            Some((p, b)) => (p.code.clone(), p.rule.to_string(), b, true),
            None => {
                let vd = &verbs.verbs[hit.verb as usize];
                (verbs.verb_code(hit.verb).clone(), vd.rule.to_string(), Bind::default(), false)
            }
        };
        if code.is_null() {
            per_verb.push((v, Vec::new(), from_pattern));
            continue;
        }
        let mut subj_actors: Vec<Mention> = Vec::new();
        for s in &subj {
            subj_actors.extend(np.code_or_new(np_head(tree, *s)));
        }
        let agent = if passive { passive_agent(tree, v) } else { None };
        let mut exclude: Vec<usize> = subj.clone();
        if let Some(a) = agent {
            exclude.push(a);
        }
        // "A and B met in Jeddah": a consultation of several parties is among them, and the
        // locative says where ("X arrived in Gondor" keeps Gondor as the target).
        let consult = [&code.primary, &code.paired].iter().any(|c| c.as_deref().is_some_and(|c| c.starts_with("04")));
        if consult && subj_actors.len() > 1 {
            exclude.extend(tree.ch(v).iter().copied().filter(|&c| {
                matches!(tree.rel(c), "obl" | "nmod") && tree.kids(c, "case").any(|k| matches!(tree.up(k), "IN" | "AT" | "NEAR" | "OUTSIDE"))
            }));
        }
        let mut sources: Vec<Mention>;
        let mut targets: Vec<Mention>;
        if passive {
            targets = subj_actors.clone();
            sources = agent.map(|a| np.code(a)).unwrap_or_default();
            if targets.is_empty() {
                targets = default_targets(tree, np, v, &exclude);
            } else if sources.is_empty() {
                // "X was criticized over its dispute with Y": Y is the source.
                sources = default_targets(tree, np, v, &exclude);
            }
        } else {
            sources = subj_actors.clone();
            targets = default_targets(tree, np, v, &exclude);
        }
        if bind.subject_is_target {
            targets = subj_actors.clone();
            sources = Vec::new();
        }
        if bind.subject_is_source && passive && !subj_actors.is_empty() {
            sources = subj_actors.clone();
            targets = default_targets(tree, np, v, &exclude);
        }
        if let Some(s) = bind.source.clone() {
            sources = s;
            // "- * TABASKI ^ $": the source is after the verb, so the subject is the target.
            if bind.target.is_none() && !passive {
                targets = subj_actors.clone();
            }
        }
        if let Some(t) = bind.target.clone() {
            targets = t;
        }
        // A pattern that spells out the negation ("- &NEGATVAUXVRB * ...") has dealt with it.
        let negated = tree.ch(v).iter().any(|&c| tree.is_negation(c) && !bind.words.contains(&c));
        let future = tree.ch(v).iter().any(|&c| tree.rel(c) == "aux" && matches!(tree.up(c), "WILL" | "SHALL" | "'LL"));
        let hypothetical = tree.ch(v)
            .iter()
            .any(|&c| tree.rel(c) == "aux" && matches!(tree.up(c), "MAY" | "MIGHT" | "COULD" | "WOULD" | "SHOULD"));
        let reported = is_reported(tree, v);
        let code = if negated {
            let flip = |c: &Option<String>| c.as_deref().and_then(crate::negation::negate).map(str::to_string);
            EventCode { primary: flip(&code.primary), paired: flip(&code.paired) }
        } else {
            code
        };
        if code.is_null() {
            per_verb.push((v, Vec::new(), from_pattern));
            continue;
        }
        let has_subject = !subj.is_empty() || !sources.is_empty();
        let has_object = !targets.is_empty()
            || tree.ch(v).iter().any(|&c| {
                c > v
                    && matches!(tree.rel(c), "obj" | "iobj" | "obl" | "nmod")
                    && !matches!(tree.full_rel(c), "obl:tmod" | "nmod:tmod" | "obl:npmod" | "nmod:npmod")
                    && tree.is_nominal(c)
            })
            // "demanded that Western countries lift sanctions": a pattern matched words of
            // the verb's complement clause, so there is a (non-actor) object; not for a
            // speech verb, whose complement is what was said ('said: "... support ..."').
            || (from_pattern
                && bind.words.iter().any(|&w| w >= hit.end)
                && !says(tree, v));
        let mut raws = Vec::new();
        let mut push = |s: Option<&Mention>, t: Option<&Mention>, c: &str| {
            if opts.require_dyad && (s.is_none() || t.is_none()) {
                return;
            }
            // Without require_dyad a missing actor is coded `---`, but only where there is a
            // phrase for it: no event for a verb without a subject or without any object.
            if (s.is_none() && !has_subject) || (t.is_none() && !has_object) {
                return;
            }
            if let (Some(a), Some(b)) = (s, t) {
                if a.code == b.code {
                    return;
                }
            }
            raws.push(Raw {
                source: s.cloned(),
                target: t.cloned(),
                code: c.to_string(),
                verb: hit.start,
                verb_end: hit.end,
                words: bind.words.clone(),
                rule: rule.clone(),
                negated,
                future,
                hypothetical,
                reported,
            });
        };
        // "Putin and Trump spoke by telephone": a consultation (04) between conjoined subjects
        // with no other party is one between them, as with a `%` pattern.
        let among = targets.is_empty() && code.primary.as_deref().is_some_and(|c| c.starts_with("04"));
        let pairs: Vec<(Option<&Mention>, Option<&Mention>)> = if (bind.compound || among) && bind.target.is_none() && sources.len() > 1 {
            let mut v = Vec::new();
            for a in &sources {
                for b in &sources {
                    if a.code != b.code {
                        v.push((Some(a), Some(b)));
                    }
                }
            }
            v
        } else {
            let ss: Vec<Option<&Mention>> = if sources.is_empty() { vec![None] } else { sources.iter().map(Some).collect() };
            let ts: Vec<Option<&Mention>> = if targets.is_empty() { vec![None] } else { targets.iter().map(Some).collect() };
            let mut v = Vec::new();
            for s in &ss {
                for t in &ts {
                    v.push((*s, *t));
                }
            }
            v
        };
        for (s, t) in pairs {
            if let Some(c) = code.primary.as_deref() {
                push(s, t, c);
            }
            if let Some(c) = code.paired.as_deref() {
                push(t, s, c);
            }
        }
        per_verb.push((v, raws, from_pattern));
    }
    // A verb coded only by its default code yields to a coded verb in its complement clause
    // ("X said Y attacked Z" is Y attacking Z).
    let coded: Vec<usize> = per_verb.iter().filter(|p| !p.1.is_empty()).map(|p| p.0).collect();
    // "A urged B to respond", "A hosted B to celebrate X": one event for the pair of verbs,
    // the lower one's when a pattern coded it and the upper one only has its default code,
    // else the upper one's.
    let pattern_of: Vec<(usize, bool)> = per_verb.iter().map(|p| (p.0, p.2)).collect();
    let mut drop: Vec<usize> = Vec::new();
    let mut lower_drops: Vec<usize> = Vec::new();
    // "X threatened to impose tariffs on Y", "X urged Y to agree to a ceasefire", "X demanded
    // that Y lift sanctions": an appeal, intent, demand, refusal or threat is the event; the
    // act in its complement has not happened, so the complement's event is dropped.
    // Only when an actor appeals or threatens: "evidence suggests (020) that X attacked Y" is
    // still X's attack.
    let intent_roots: Vec<(usize, &'static [&'static str])> = per_verb
        .iter()
        .filter_map(|p| {
            let code = p.1.iter().find(|r| r.source.is_some())?.code.as_str();
            INTENT_ROOTS.iter().find(|(root, _)| code.starts_with(root)).map(|(_, rels)| (p.0, *rels))
        })
        .collect();
    let mut intent_uppers: Vec<usize> = Vec::new();
    for &(v, _) in &pattern_of {
        let Some(h) = complement_head(tree, v) else { continue };
        let Some((_, rels)) = intent_roots.iter().find(|(u, _)| *u == h) else { continue };
        if coded.contains(&v) && rels.contains(&tree.rel(v)) {
            drop.push(v);
            lower_drops.push(v);
            intent_uppers.push(h);
        }
    }
    for &(v, lower_pattern) in &pattern_of {
        if drop.contains(&v) {
            continue;
        }
        let upper = if tree.rel(v) == "xcomp" {
            tree.heads[v].filter(|&h| tree.ch(h).iter().any(|&o| o < v && matches!(tree.rel(o), "obj" | "obl") && tree.is_nominal(o)))
        } else if tree.rel(v) == "acl" && tree.kids(v, "mark").any(|m| tree.up(m) == "TO") {
            // The parser hung the infinitive on the object.
            tree.heads[v].filter(|&n| matches!(tree.rel(n), "obj" | "obl")).and_then(|n| tree.heads[n])
        } else {
            None
        };
        let Some(h) = upper else { continue };
        if !coded.contains(&h) || !coded.contains(&v) || intent_uppers.contains(&h) {
            continue;
        }
        let upper_pattern = pattern_of.iter().any(|&(u, p)| u == h && p);
        if lower_pattern && !upper_pattern {
            drop.push(h);
        } else {
            drop.push(v);
            lower_drops.push(v);
        }
    }
    // A dropped lower verb takes the infinitives it governs with it ("to be allowed to leave").
    let mut k = 0;
    while k < lower_drops.len() {
        let d = lower_drops[k];
        for &(w, _) in &pattern_of {
            if tree.rel(w) == "xcomp" && tree.heads[w] == Some(d) && !drop.contains(&w) && governs_pair_lower(&pattern_of, d, w) {
                drop.push(w);
                lower_drops.push(w);
            }
        }
        k += 1;
    }
    for pv in per_verb.iter_mut() {
        if drop.contains(&pv.0) {
            pv.1.clear();
        }
    }
    let mut out = Vec::new();
    for (v, raws, from_pattern) in per_verb {
        let lower: Vec<usize> = if intent_uppers.contains(&v) {
            Vec::new()
        } else {
            coded.iter().copied().filter(|&w| w != v && governs(tree, v, w)).collect()
        };
        for r in raws {
            if !from_pattern && !lower.is_empty() {
                let within = |m: &Option<Mention>| m.as_ref().is_some_and(|m| lower.iter().any(|&w| dominates(tree, w, m.head)));
                let inside = (r.target.is_none() && opts.require_dyad) || within(&r.target) || within(&r.source);
                if inside {
                    continue;
                }
            }
            out.push(r);
        }
    }
    release_by_holder(&mut out);
    out
}

/// "Karelina, who was sentenced in a Russian prison, was released": a release (084) with
/// nobody named as releasing takes as its source the actor that coerced (17x: arrested,
/// detained, sentenced) the same person in the sentence, the holder.
fn release_by_holder(raws: &mut [Raw]) {
    for k in 0..raws.len() {
        let r = &raws[k];
        let Some(target) = r.target.as_ref() else { continue };
        if r.source.is_some() || !r.code.starts_with("084") || r.negated {
            continue;
        }
        let holder = raws.iter().find(|o| {
            o.code.starts_with("17") && !o.negated && o.target.as_ref().is_some_and(|t| t.code == target.code) && o.source.as_ref().is_some_and(|s| s.code != target.code)
        });
        if let Some(h) = holder.and_then(|h| h.source.clone()) {
            raws[k].source = Some(h);
        }
    }
}

/// CAMEO roots of verbs whose complement is an act not (yet) done, with the complement
/// relations that carry it: appeals (02) and demands (10) also take `that` clauses ("demanded
/// that Y lift sanctions"); intents (03), refusals (12) and threats (13) only infinitives (a
/// threat "that Y would attack" reports Y's attack).
const INTENT_ROOTS: &[(&str, &[&str])] = &[
    ("02", &["xcomp", "ccomp", "acl"]),
    ("10", &["xcomp", "ccomp", "acl"]),
    ("03", &["xcomp", "acl"]),
    ("12", &["xcomp", "acl"]),
    ("13", &["xcomp", "acl"]),
];

/// The verb whose complement clause verb `v` is: its head for `xcomp`/`ccomp`, or the verb
/// governing the object the parser hung a `to` infinitive on ("urged Moscow to move").
fn complement_head(tree: &Tree, v: usize) -> Option<usize> {
    let h = tree.heads[v]?;
    match tree.rel(v) {
        "xcomp" | "ccomp" => tree.is_verb(h).then_some(h),
        "acl" if tree.kids(v, "mark").any(|m| tree.up(m) == "TO") && matches!(tree.rel(h), "obj" | "obl") => {
            tree.heads[h].filter(|&g| tree.is_verb(g))
        }
        _ => None,
    }
}

/// Tokens inside comma-delimited clauses that PETRARCH's comma options remove.
fn comma_clauses(tree: &Tree, opts: &CoderOptions) -> Vec<bool> {
    let n = tree.len();
    let mut del = vec![false; n];
    let commas: Vec<usize> = (0..n).filter(|&i| tree.up(i) == ",").collect();
    if commas.is_empty() {
        return del;
    }
    let words = |a: usize, b: usize| (a..b).filter(|&i| tree.upos(i) != "PUNCT").count();
    let mut mark = |a: usize, b: usize, min: usize, max: usize| {
        let w = words(a, b);
        if max > 0 && w >= min && w <= max {
            for d in del.iter_mut().take(b).skip(a) {
                *d = true;
            }
        }
    };
    mark(0, commas[0], opts.comma_bmin, opts.comma_bmax);
    for pair in commas.windows(2) {
        mark(pair[0] + 1, pair[1], opts.comma_min, opts.comma_max);
    }
    let last = *commas.last().unwrap_or(&0);
    // PETRARCH counts the closing full stop as a word of the terminal clause.
    let w = words(last + 1, n) + usize::from(n > 0 && tree.upos(n - 1) == "PUNCT" && tree.up(n - 1) != ",");
    if opts.comma_emax > 0 && w >= opts.comma_emin && w <= opts.comma_emax {
        for d in del.iter_mut().skip(last + 1) {
            *d = true;
        }
    }
    del
}

/// `w` is a coded verb under the dropped verb `d` (both coded: listed in `verbs`).
fn governs_pair_lower(verbs: &[(usize, bool)], d: usize, w: usize) -> bool {
    verbs.iter().any(|&(x, _)| x == d) && verbs.iter().any(|&(x, _)| x == w)
}

/// Lemmas of verbs that report speech.
const REPORTING: &[&str] = &["SAY", "TELL", "REPORT", "ANNOUNCE", "CLAIM", "STATE", "ADD", "ACCORDING"];

/// Is token `t` a verb that reports speech (by its lemma)?
fn says(tree: &Tree, t: usize) -> bool {
    REPORTING.contains(&tree.sent.tokens[t].lemma.to_ascii_uppercase().as_str())
}

/// Is verb `v` the content of a report ("X said that ...", "..., officials said")?
fn is_reported(tree: &Tree, v: usize) -> bool {
    match tree.heads[v] {
        Some(h) if tree.rel(v) == "ccomp" && says(tree, h) && !is_adverbial_clause(tree, v) => true,
        _ => tree.ch(v).iter().any(|&c| tree.rel(c) == "parataxis" && says(tree, c)),
    }
}

/// Is token `t` in the subtree of `w`?
fn dominates(tree: &Tree, w: usize, t: usize) -> bool {
    let mut cur = t;
    for _ in 0..tree.len() {
        if cur == w {
            return true;
        }
        match tree.heads[cur] {
            Some(h) => cur = h,
            None => return false,
        }
    }
    false
}

/// Is verb `w` inside a clausal complement of verb `v`?
fn governs(tree: &Tree, v: usize, w: usize) -> bool {
    let mut cur = w;
    for _ in 0..8 {
        let Some(h) = tree.heads[cur] else { return false };
        if h == v {
            return matches!(tree.rel(cur), "ccomp" | "xcomp" | "obj" | "advcl");
        }
        cur = h;
    }
    false
}
