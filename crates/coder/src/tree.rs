//! A read-only view of a dependency-parsed sentence with the indexes the coder needs.

use petrel_model::Sentence;

pub(crate) struct Tree<'a> {
    pub sent: &'a Sentence,
    /// Upper-case forms, all in one buffer: form `i` is `up_buf[up_ix[i]..up_ix[i + 1]]`.
    up_buf: String,
    up_ix: Vec<u32>,
    pub heads: Vec<Option<usize>>,
    /// Relations without subtype (`nsubj:pass` -> `nsubj`).
    base_rel: Vec<&'a str>,
    /// Dependents of token `i`, in order: `kids[kid_start[i]..kid_start[i + 1]]`.
    kid_start: Vec<u32>,
    kids: Vec<usize>,
    /// Euler-tour entry/exit times: `t` is in the subtree of `r` iff
    /// `tin[r] <= tin[t] && tin[t] < tout[r]`.
    tin: Vec<u32>,
    tout: Vec<u32>,
    /// Pattern word ids of the forms and lemmas ([`NO_ID`] when no pattern uses the word).
    pub fid: Vec<u32>,
    pub lid: Vec<u32>,
}

/// Upper-case `s` into `buf` (reused, no allocation once it is large enough).
fn upper_into(s: &str, buf: &mut String) {
    buf.clear();
    if s.is_ascii() {
        buf.push_str(s);
        buf.make_ascii_uppercase();
    } else {
        buf.extend(s.chars().flat_map(char::to_uppercase));
    }
}

/// Could the sentence hold a dictionary verb? Checked before the tree is built: most
/// sentences of a news stream have none.
pub(crate) fn may_have_verb(sent: &Sentence, verbs: &petrel_lexicon::verbs::VerbDict) -> bool {
    let mut buf = String::new();
    sent.tokens.iter().any(|t| {
        let verbish = t.upos == "VERB" || (t.upos.is_empty() && t.xpos.starts_with("VB"));
        verbish && {
            upper_into(&t.form, &mut buf);
            !verbs.lookup(&buf).is_empty()
        }
    })
}

/// A noun phrase with an article, set off by a comma right after a verb's subject and before
/// the verb, is an apposition of the subject ("Gregory Hale, a Ukrainian-American who was
/// arrested in 2023, was released"). Parsers sometimes hang it on the verb as an adverbial
/// clause, which hides it from the subject's phrase (and the nationality it gives the person):
/// such a phrase without a verb, copula, subject or subordinator of its own is moved under the
/// subject as `appos`. See RULES.md.
fn reattach_appositions<'a>(sent: &'a Sentence, heads: &mut [Option<usize>], rels: &mut [&'a str]) {
    let toks = &sent.tokens;
    let n = toks.len();
    for a in 0..n {
        let Some(v) = heads[a] else { continue };
        if rels[a] != "advcl" || a > v || !matches!(toks[a].upos.as_str(), "NOUN" | "PROPN" | "ADJ") {
            continue;
        }
        let kids_of = |heads: &[Option<usize>], h: usize| (0..n).filter(|&k| heads[k] == Some(h)).collect::<Vec<usize>>();
        let of_a = kids_of(heads, a);
        if of_a.iter().any(|&k| matches!(rels[k], "cop" | "nsubj" | "mark" | "aux" | "csubj")) {
            continue;
        }
        let article = of_a.iter().any(|&k| rels[k] == "det" && matches!(toks[k].form.to_ascii_lowercase().as_str(), "a" | "an" | "the"));
        if !article {
            continue;
        }
        // The leftmost word of the phrase, and the subject right before it (then a comma).
        let mut first = a;
        for k in (0..a).filter(|&k| rels[k] != "punct") {
            let mut h = heads[k];
            let mut steps = 0;
            while let Some(x) = h {
                if x == a {
                    first = first.min(k);
                    break;
                }
                steps += 1;
                if steps > n {
                    break;
                }
                h = heads[x];
            }
        }
        if first < 2 || toks[first - 1].form != "," {
            continue;
        }
        let subject = kids_of(heads, v).into_iter().find(|&s| rels[s] == "nsubj" && s < first && matches!(toks[s].upos.as_str(), "NOUN" | "PROPN"));
        let Some(s) = subject else { continue };
        // Only the subject's own words (its flat/compound name parts) between it and the comma.
        if (s + 1..first - 1).any(|k| heads[k] != Some(s) || !matches!(rels[k], "flat" | "compound")) {
            continue;
        }
        heads[a] = Some(s);
        rels[a] = "appos";
    }
}

/// The word id of a word no pattern uses.
pub(crate) const NO_ID: u32 = u32::MAX;

impl<'a> Tree<'a> {
    pub fn new(sent: &'a Sentence, verbs: &petrel_lexicon::verbs::VerbDict) -> Tree<'a> {
        let n = sent.tokens.len();
        let mut heads = Vec::with_capacity(n);
        for i in 0..n {
            heads.push(sent.head_of(i).filter(|&h| h != i));
        }
        // Break cycles: a token whose head chain loops is treated as a root.
        for i in 0..n {
            let mut cur = i;
            let mut steps = 0;
            while let Some(h) = heads[cur] {
                cur = h;
                steps += 1;
                if steps > n {
                    heads[i] = None;
                    break;
                }
            }
        }
        let mut up_buf = String::with_capacity(sent.tokens.iter().map(|t| t.form.len()).sum());
        let mut up_ix = Vec::with_capacity(n + 1);
        let mut fid = Vec::with_capacity(n);
        let mut buf = String::new();
        for t in &sent.tokens {
            up_ix.push(up_buf.len() as u32);
            upper_into(&t.form, &mut buf);
            fid.push(verbs.word_id(&buf).unwrap_or(NO_ID));
            up_buf.push_str(&buf);
        }
        up_ix.push(up_buf.len() as u32);
        let lid = sent
            .tokens
            .iter()
            .zip(&fid)
            .map(|(t, &form_id)| {
                if t.lemma == "_" || t.lemma.is_empty() {
                    return NO_ID;
                }
                // Most lemmas are their word in another case: the same upper-case word.
                if t.lemma == t.form || t.lemma.is_ascii() && t.form.is_ascii() && t.lemma.eq_ignore_ascii_case(&t.form) {
                    return form_id;
                }
                upper_into(&t.lemma, &mut buf);
                verbs.word_id(&buf).unwrap_or(NO_ID)
            })
            .collect();
        let mut base_rel: Vec<&'a str> = sent.tokens.iter().map(|t| t.deprel.split(':').next().unwrap_or("")).collect();
        reattach_appositions(sent, &mut heads, &mut base_rel);
        // Dependents grouped by head (a counting sort; each group in sentence order).
        let mut kid_start = vec![0u32; n + 1];
        for h in heads.iter().flatten() {
            kid_start[h + 1] += 1;
        }
        for i in 0..n {
            kid_start[i + 1] += kid_start[i];
        }
        let mut fill: Vec<u32> = kid_start[..n].to_vec();
        let mut kids = vec![0usize; kid_start[n] as usize];
        for (i, h) in heads.iter().enumerate() {
            if let Some(h) = *h {
                kids[fill[h] as usize] = i;
                fill[h] += 1;
            }
        }
        let mut tree = Tree { sent, up_buf, up_ix, heads, base_rel, kid_start, kids, tin: vec![0; n], tout: vec![0; n], fid, lid };
        tree.euler();
        tree
    }

    fn euler(&mut self) {
        let n = self.len();
        let mut clock = 0u32;
        let mut stack: Vec<(usize, bool)> = Vec::with_capacity(n);
        for r in (0..n).filter(|&i| self.heads[i].is_none()) {
            stack.push((r, false));
            while let Some((x, done)) = stack.pop() {
                if done {
                    self.tout[x] = clock;
                    continue;
                }
                self.tin[x] = clock;
                clock += 1;
                stack.push((x, true));
                let (a, b) = (self.kid_start[x] as usize, self.kid_start[x + 1] as usize);
                for k in (a..b).rev() {
                    stack.push((self.kids[k], false));
                }
            }
        }
    }

    /// Dependents of `i`, in sentence order.
    pub fn ch(&self, i: usize) -> &[usize] {
        &self.kids[self.kid_start[i] as usize..self.kid_start[i + 1] as usize]
    }

    /// Is `t` in the subtree of `r` (or `r` itself)?
    pub fn in_subtree(&self, t: usize, r: usize) -> bool {
        self.tin[r] <= self.tin[t] && self.tin[t] < self.tout[r]
    }

    pub fn len(&self) -> usize {
        self.up_ix.len().saturating_sub(1)
    }

    /// The upper-case form of token `i`.
    pub fn up(&self, i: usize) -> &str {
        &self.up_buf[self.up_ix[i] as usize..self.up_ix[i + 1] as usize]
    }

    /// The relation without subtype: `nsubj:pass` -> `nsubj`.
    pub fn rel(&self, i: usize) -> &'a str {
        self.base_rel[i]
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
        self.ch(i).iter().copied().filter(move |&c| self.rel(c) == rel)
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
            for &c in self.ch(t) {
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
            || (self.rel(i) == "advmod" && matches!(self.up(i), "NOT" | "N'T" | "NEVER"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use petrel_model::Token;

    /// Dependents and roots as the tree gives them must equal a plain reading of the heads, a
    /// token on a head cycle being a root (its own head loops back to it).
    #[test]
    fn dependents_and_cycles() {
        // 1-based heads per token (0: root); cases with cycles, self-heads and heads out of range.
        let cases: &[&[u32]] = &[&[2, 0, 2, 3], &[0], &[2, 3, 1], &[2, 1, 0, 3, 3], &[1, 0, 9, 2], &[3, 3, 0, 3, 4, 4]];
        let verbs = petrel_lexicon::verbs::VerbDict::default();
        for heads in cases {
            let sent = Sentence {
                tokens: heads.iter().map(|&h| Token { form: "x".into(), head: h, ..Default::default() }).collect(),
                ..Default::default()
            };
            let tree = Tree::new(&sent, &verbs);
            let n = heads.len();
            // Expected: follow the head chain; a token whose chain loops is a root.
            let mut want_heads: Vec<Option<usize>> = (0..n).map(|i| sent.head_of(i).filter(|&h| h != i)).collect();
            for i in 0..n {
                let (mut cur, mut steps) = (i, 0);
                while let Some(h) = want_heads[cur] {
                    cur = h;
                    steps += 1;
                    if steps > n {
                        want_heads[i] = None;
                        break;
                    }
                }
            }
            assert_eq!(tree.heads, want_heads, "{heads:?}");
            if *heads == [2, 3, 1] {
                // The first token of the loop is cut from its head: 3 -> 1 <- 2 ... as a chain.
                assert_eq!(tree.heads, [None, Some(2), Some(0)]);
                assert!(tree.in_subtree(1, 0) && tree.in_subtree(2, 0));
            }
            for i in 0..n {
                let want: Vec<usize> = (0..n).filter(|&j| want_heads[j] == Some(i)).collect();
                assert_eq!(tree.ch(i), &want[..], "{heads:?} dependents of {i}");
            }
        }
    }
}
