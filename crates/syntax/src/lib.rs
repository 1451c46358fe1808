//! petrel-syntax: readers for parses made elsewhere, so petrel drops into existing pipelines.
//!
//! - [`conllu`]: CoNLL-U reader ([`conllu::read`], [`conllu::parse_block`]) and writer
//!   ([`conllu::write`], with `TokenRange` byte offsets). UD v1 input (UDPipe 1.x, the
//!   UniversalPetrarch files) is mapped to v2 labels and structures; v2 input is left untouched.
//! - [`ptb`]: Penn Treebank bracketed trees (CoreNLP style) and their conversion to UD v2
//!   dependencies with content-word heads, plus UPOS, features and rule lemmas.
//! - [`validation`]: the PETRARCH validation (unit-test) XML, read leniently; its `<Parse>` may hold
//!   a Penn Treebank tree or CoNLL-U lines.
//! - [`align`]: aligning word forms to the original text (byte spans), shared by the readers.
//!
//! Everything produces the shared [`petrel_model::Sentence`] (tokens with a UD v2 tree and byte
//! spans), so the coder does not care where a parse came from.
//!
//! **Invariants:** no reader panics or overflows its stack on any input (brackets nested deeper than
//! [`ptb::MAX_DEPTH`] are flattened); work is linear in the input; problems come back as
//! [`Diagnostic`]s with stable `S0xx` codes next to the partial result (codes listed in each
//! module's docs: `S001`-`S005` CoNLL-U, `S010`-`S017` validation XML, `S020`-`S024` brackets);
//! every token span slices the text it is documented to index into, on char boundaries; a word
//! that cannot be found in the text gets an empty span and an `S004`, never a guess far away.
//! This crate does no I/O: callers hand it bytes or strings.
//!
//! ```
//! use petrel_syntax::{conllu, ptb};
//! // CoNLL-U, UD v1 labels mapped to v2
//! let src = "# text = Arnor met Gondor\n1\tArnor\t_\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n\
//! 2\tmet\t_\tVERB\tVBD\t_\t0\troot\t_\t_\n3\tGondor\t_\tPROPN\tNNP\t_\t2\tdobj\t_\t_\n";
//! let (sents, diags) = conllu::read(src, "in.conllu");
//! assert!(diags.is_empty());
//! assert_eq!(sents[0].sentence.tokens[2].deprel, "obj");
//!
//! // A Penn Treebank tree, converted to UD and aligned to its text
//! let text = "Gondor was attacked by Arnor.";
//! let tree = "(ROOT (S (NP (NNP Gondor)) (VP (VBD was) (VP (VBN attacked) (PP (IN by) (NP (NNP Arnor))))) (. .)))";
//! let (s, diags) = ptb::to_sentence(tree, text, "x.xml", 1);
//! assert!(diags.is_empty());
//! let subj = &s.tokens[0];
//! assert_eq!((subj.deprel.as_str(), s.tokens[subj.head as usize - 1].lemma.as_str()), ("nsubj:pass", "attack"));
//! assert_eq!(s.tokens[4].deprel, "obl:agent");
//! assert_eq!(s.tokens[4].span.slice(text), "Arnor");
//! ```
//!
//! [`Diagnostic`]: petrel_model::Diagnostic

pub mod align;
pub mod conllu;
pub mod ptb;
pub mod validation;
