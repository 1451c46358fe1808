//! A read-only view of a dependency-parsed sentence with the indexes the coder needs.

use petrel_model::Sentence;

pub(crate) struct Tree<'a> {
    pub sent: &'a Sentence,
    /// Upper-case forms.
    pub up: Vec<String>,
    /// Upper-case lemmas ("" when the parse has none).
    pub lemma: Vec<String>,
    pub heads: Vec<Option<usize>>,
    pub children: Vec<Vec<usize>>,
    /// Pattern word ids of the forms and lemmas ([`NO_ID`] when no pattern uses the word).
    pub fid: Vec<u32>,
    pub lid: Vec<u32>,
}

/// The word id of a word no pattern uses.
pub(crate) const NO_ID: u32 = u32::MAX;

impl<'a> Tree<'a> {
    pub fn new(sent: &'a Sentence, verbs: &petrel_lexicon::verbs::VerbDict) -> Tree<'a> {
        let n = sent.tokens.len();
        let mut heads = Vec::with_capacity(n);
        let mut children = vec![Vec::new(); n];
        for i in 0..n {
            let h = sent.head_of(i).filter(|&h| h != i);
            heads.push(h);
            if let Some(h) = h {
                children[h].push(i);
            }
        }
        // Break cycles: a token whose head chain loops is treated as a root.
        for i in 0..n {
            let mut cur = i;
            let mut steps = 0;
            while let Some(h) = heads[cur] {
                cur = h;
                steps += 1;
                if steps > n {
                    if let Some(h) = heads[i] {
                        children[h].retain(|&c| c != i);
                    }
                    heads[i] = None;
                    break;
                }
            }
        }
        let upper = |s: &str| if s.is_ascii() { s.to_ascii_uppercase() } else { s.to_uppercase() };
        let up: Vec<String> = sent.tokens.iter().map(|t| upper(&t.form)).collect();
        let lemma = sent
            .tokens
            .iter()
            .map(|t| if t.lemma == "_" || t.lemma.is_empty() { String::new() } else { upper(&t.lemma) })
            .collect();
        let up: Vec<String> = up;
        let lemma: Vec<String> = lemma;
        let fid = up.iter().map(|w| verbs.word_id(w).unwrap_or(NO_ID)).collect();
        let lid = lemma.iter().map(|w| if w.is_empty() { NO_ID } else { verbs.word_id(w).unwrap_or(NO_ID) }).collect();
        Tree { sent, up, lemma, heads, children, fid, lid }
    }

    pub fn len(&self) -> usize {
        self.up.len()
    }

    /// The relation without subtype: `nsubj:pass` -> `nsubj`.
    pub fn rel(&self, i: usize) -> &str {
        let r = self.sent.tokens[i].deprel.as_str();
        r.split(':').next().unwrap_or(r)
    }

    pub fn full_rel(&self, i: usize) -> &str {
        &self.sent.tokens[i].deprel
    }

    pub fn upos(&self, i: usize) -> &str {
        &self.sent.tokens[i].upos
    }

    pub fn xpos(&self, i: usize) -> &str {
        &self.sent.tokens[i].xpos
    }

    pub fn kids<'s>(&'s self, i: usize, rel: &'s str) -> impl Iterator<Item = usize> + 's {
        self.children[i].iter().copied().filter(move |&c| self.rel(c) == rel)
    }

    pub fn is_nominal(&self, i: usize) -> bool {
        matches!(self.upos(i), "NOUN" | "PROPN" | "PRON" | "NUM" | "X" | "SYM")
            || (self.upos(i).is_empty() && self.xpos(i).starts_with('N'))
    }

    pub fn is_verb(&self, i: usize) -> bool {
        self.upos(i) == "VERB" || (self.upos(i).is_empty() && self.xpos(i).starts_with("VB"))
    }

    /// Word `i` is pattern word `id` by form or lemma.
    pub fn id_is(&self, i: usize, id: u32) -> bool {
        self.fid[i] == id || self.lid[i] == id
    }

    /// Subtree of `i` without the subtrees of the children for which `skip` holds.
    pub fn subtree_without(&self, i: usize, skip: impl Fn(usize) -> bool) -> Vec<usize> {
        let mut out = Vec::new();
        let mut stack = vec![i];
        while let Some(t) = stack.pop() {
            out.push(t);
            for &c in &self.children[t] {
                if !skip(c) {
                    stack.push(c);
                }
            }
        }
        out.sort_unstable();
        out
    }

    pub fn is_negation(&self, i: usize) -> bool {
        let t = &self.sent.tokens[i];
        t.feat("Polarity") == Some("Neg")
            || (self.rel(i) == "advmod" && matches!(self.up[i].as_str(), "NOT" | "N'T" | "NEVER"))
    }
}
