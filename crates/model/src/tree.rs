//! Tokenised, tagged and parsed sentences (Universal Dependencies v2 labels).

use crate::Span;
use serde::{Deserialize, Serialize};

/// One syntactic word. Index `i` in [`Sentence::tokens`] has CoNLL-U id `i + 1`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    pub form: String,
    pub lemma: String,
    /// Universal POS tag (`NOUN`, `PROPN`, `VERB`...); "" when unknown.
    pub upos: String,
    /// Penn Treebank tag (`NNP`, `VBD`...); "" when unknown.
    pub xpos: String,
    /// UD features, `Number=Sing|Tense=Past`, or "" for none.
    pub feats: String,
    /// CoNLL-U head: 0 for the root, otherwise the 1-based id of the head token.
    pub head: u32,
    /// UD **v2** relation (`nsubj`, `obj`, `obl`, `nsubj:pass`...). Readers map v1 labels to v2.
    pub deprel: String,
    /// Byte range of the word in the original document text. For words that do not appear
    /// verbatim (e.g. the `not` of `cannot` split off), the range of the whole surface token.
    pub span: Span,
}

impl Token {
    /// The value of feature `name` (`"Tense"` -> `Some("Past")`).
    pub fn feat(&self, name: &str) -> Option<&str> {
        self.feats.split('|').find_map(|kv| {
            let (k, v) = kv.split_once('=')?;
            (k == name).then_some(v)
        })
    }
}

/// A sentence of a document: its tokens with a dependency tree over them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    /// Optional identifier (validation record id, CoNLL-U `# sent_id`).
    pub id: Option<String>,
    /// Byte range of the sentence in the document text.
    pub span: Span,
    pub tokens: Vec<Token>,
}

impl Sentence {
    /// 0-based index of the head of token `i`, `None` for the root (or a broken head).
    pub fn head_of(&self, i: usize) -> Option<usize> {
        let h = self.tokens.get(i)?.head as usize;
        (h >= 1 && h <= self.tokens.len()).then(|| h - 1)
    }
    /// 0-based indices of the dependents of token `i`, in sentence order.
    pub fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let id = (i + 1) as u32;
        self.tokens.iter().enumerate().filter(move |(_, t)| t.head == id).map(|(j, _)| j)
    }
    /// 0-based indices of the root tokens (head 0).
    pub fn roots(&self) -> impl Iterator<Item = usize> + '_ {
        self.tokens.iter().enumerate().filter(|(_, t)| t.head == 0).map(|(j, _)| j)
    }
}
