//! petrel-syntax: readers for parses made elsewhere.
//!
//! - [`conllu`]: CoNLL-U reader and writer; UD v1 labels are mapped to v2.
//! - [`validation`]: the PETRARCH validation (unit-test) XML, read leniently, with either Penn
//!   Treebank or CoNLL-U `<Parse>` blocks.
//! - [`ptb`]: Penn Treebank bracketed trees and their conversion to UD v2-style dependencies.
//! - [`align`]: aligning word forms to the original text (byte spans), shared by the readers.
//!
//! **Invariants:** no reader panics on any input; problems come back as [`Diagnostic`]s with
//! stable `S0xx` codes (listed in each module's docs) next to the partial result; every token span
//! slices the text it is documented to index into on char boundaries.
//!
//! ```
//! use petrel_syntax::conllu;
//! let src = "# text = Arnor met Gondor\n1\tArnor\t_\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n\
//! 2\tmet\t_\tVERB\tVBD\t_\t0\troot\t_\t_\n3\tGondor\t_\tPROPN\tNNP\t_\t2\tdobj\t_\t_\n";
//! let (sents, diags) = conllu::read(src, "in.conllu");
//! assert!(diags.is_empty());
//! assert_eq!(sents[0].sentence.tokens[2].deprel, "obj");
//! ```
//!
//! [`Diagnostic`]: petrel_model::Diagnostic

pub mod align;
pub mod conllu;
pub mod ptb;
pub mod validation;
