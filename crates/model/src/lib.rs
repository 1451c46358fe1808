//! Plain data types shared by every petrel crate.
//!
//! Nothing here does I/O or knows about dictionaries, parsers or output formats. The main types:
//!
//! - [`Span`]: a byte range into the *original* document text (every offset petrel emits is one).
//! - [`Document`]: an input article with its id and publication date.
//! - [`Sentence`] / [`Token`]: a tokenised, tagged and dependency-parsed sentence (UD v2 labels).
//! - [`Diagnostic`]: a problem found in messy input, with a stable code, file and line.
//! - [`cameo`]: the CAMEO code table (name, root, quad class, Goldstein score, PLOVER mapping).
//! - [`event`]: the native event record written as JSON Lines.
//!
//! ```
//! use petrel_model::{Span, cameo};
//! let s = Span::new(4, 9);
//! assert_eq!(s.slice("The envoy met"), "envoy");
//! let c = cameo::lookup("040").unwrap();
//! assert_eq!(c.root, "04");
//! assert_eq!(c.plover_event, "CONSULT");
//! ```

pub mod cameo;
pub mod diag;
pub mod doc;
pub mod event;
pub mod span;
pub mod tree;

pub use diag::{Diagnostic, Severity};
pub use doc::Document;
pub use span::Span;
pub use tree::{Sentence, Token};
