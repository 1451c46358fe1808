//! The compiled lexicon: every dictionary, built once, immutable afterwards (share it with
//! `Arc<Lexicon>`; to reload, build a new one and swap it whole).
//!
//! [`Lexicon::embedded`] compiles the Phoenix set shipped in the binary
//! (`data/dictionaries/phoenix/*.txt.gz`: CAMEO.2.0 verbs, the Countries, International and
//! MilNonState actors, agents, discards, issues) and appends the maintained overlay of current
//! officeholders after the Phoenix actors, so the overlay wins for a phrase both define.
//! [`Lexicon::load`] reads files instead, kind by kind.
//!
//! Diagnostics: besides the readers' own codes, `L001` (invalid UTF-8 in a verb file, read
//! lossily) and `L090` (error: an embedded file failed to decompress; a build bug).
//!
//! ```no_run
//! use petrel_lexicon::Lexicon;
//! let (lex, diags) = Lexicon::embedded();
//! println!("{} actors, {} diagnostics", lex.actors.len(), diags.len());
//! ```

use crate::actors::{self, ActorDict};
use crate::agents::{self, AgentDict};
use crate::discards::{self, DiscardList};
use crate::issues::{self, IssueDict};
use crate::types::ActorEntry;
use crate::{overlay, verbs};
use petrel_model::Diagnostic;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

/// Every dictionary, compiled.
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    pub verbs: verbs::VerbDict,
    pub actors: ActorDict,
    pub agents: AgentDict,
    pub discards: DiscardList,
    pub issues: IssueDict,
}

/// Dictionary files by kind; an empty list means "the base lexicon's (or the embedded)
/// dictionary of that kind".
#[derive(Clone, Debug, Default)]
pub struct LexiconFiles {
    pub verbs: Vec<PathBuf>,
    pub actors: Vec<PathBuf>,
    pub agents: Vec<PathBuf>,
    pub discards: Vec<PathBuf>,
    pub issues: Vec<PathBuf>,
}

/// Hard errors of [`Lexicon::load`].
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    #[error("cannot read dictionary {path}: {source}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// The embedded Phoenix files: `(name, gzip bytes)`.
pub mod embedded_files {
    /// After the Phoenix files of a kind come petrel's supplements (`data/dictionaries/petrel/`,
    /// plain text): they may use the Phoenix synsets and extend its verb blocks.
    pub const VERBS: &[(&str, &[u8])] = &[
        ("CAMEO.2.0.txt", include_bytes!("../../../data/dictionaries/phoenix/CAMEO.2.0.txt.gz")),
        ("petrel.verbs.txt", include_bytes!("../../../data/dictionaries/petrel/petrel.verbs.txt")),
    ];
    pub const ACTORS: &[(&str, &[u8])] = &[
        (
            "Phoenix.Countries.actors.txt",
            include_bytes!("../../../data/dictionaries/phoenix/Phoenix.Countries.actors.txt.gz"),
        ),
        (
            "Phoenix.International.actors.txt",
            include_bytes!("../../../data/dictionaries/phoenix/Phoenix.International.actors.txt.gz"),
        ),
        (
            "Phoenix.MilNonState.actors.txt",
            include_bytes!("../../../data/dictionaries/phoenix/Phoenix.MilNonState.actors.txt.gz"),
        ),
    ];
    pub const AGENTS: &[(&str, &[u8])] = &[
        ("Phoenix.agents.txt", include_bytes!("../../../data/dictionaries/phoenix/Phoenix.agents.txt.gz")),
        ("petrel.agents.txt", include_bytes!("../../../data/dictionaries/petrel/petrel.agents.txt")),
    ];
    pub const DISCARDS: &[(&str, &[u8])] =
        &[("Phoenix.discards.txt", include_bytes!("../../../data/dictionaries/phoenix/Phoenix.discards.txt.gz"))];
    pub const ISSUES: &[(&str, &[u8])] =
        &[("Phoenix.IssueCoding.txt", include_bytes!("../../../data/dictionaries/phoenix/Phoenix.IssueCoding.txt.gz"))];
}

/// Name used in diagnostics for an embedded file.
pub fn embedded_name(file: &str) -> String {
    format!("<embedded>/{file}")
}

/// Decompress one embedded file (`L090` on failure, which would be a build bug); a file
/// without the gzip magic bytes is plain text and comes back as it is.
pub fn embedded_bytes(name: &str, gz: &[u8], diags: &mut Vec<Diagnostic>) -> Vec<u8> {
    if !gz.starts_with(&[0x1f, 0x8b]) {
        return gz.to_vec();
    }
    let mut out = Vec::with_capacity(gz.len() * 5);
    if let Err(e) = flate2::read::GzDecoder::new(gz).read_to_end(&mut out) {
        diags.push(Diagnostic::error("L090", format!("embedded dictionary failed to decompress: {e}")).in_file(embedded_name(name)));
    }
    out
}

/// A source of dictionary text: embedded (gzip) or files on disk, where the path
/// [`EMBEDDED_PATH`] stands for the embedded files of that kind.
enum Source<'a> {
    Embedded,
    Files(&'a [PathBuf]),
}

/// In [`LexiconFiles`], this path stands for the embedded dictionaries of its kind (for
/// actors: the Phoenix files and then the overlay), so that `["@embedded", "mine.txt"]`
/// adds to the defaults instead of replacing them (later files win).
pub const EMBEDDED_PATH: &str = "@embedded";

/// Marker in a [`Texts`] list: the officeholder overlay goes here.
const OVERLAY_MARK: &str = "@overlay";

/// `(file name, bytes)` of the files of one kind.
type Texts = Vec<(String, Vec<u8>)>;

fn read_all(
    src: &Source<'_>,
    embedded: &[(&'static str, &'static [u8])],
    with_overlay: bool,
    diags: &mut Vec<Diagnostic>,
) -> Result<Texts, LexiconError> {
    let mut out = Vec::new();
    let push_embedded = |out: &mut Texts, diags: &mut Vec<Diagnostic>| {
        out.extend(embedded.iter().map(|(n, gz)| (embedded_name(n), embedded_bytes(n, gz, diags))));
        if with_overlay {
            out.push((OVERLAY_MARK.to_string(), Vec::new()));
        }
    };
    match src {
        Source::Embedded => push_embedded(&mut out, diags),
        Source::Files(paths) => {
            for p in paths.iter() {
                if p.as_os_str() == EMBEDDED_PATH {
                    push_embedded(&mut out, diags);
                    continue;
                }
                let b = std::fs::read(p).map_err(|source| LexiconError::Read { path: p.clone(), source })?;
                out.push((p.display().to_string(), b));
            }
        }
    }
    Ok(out)
}

fn build_verbs(files: &[(String, Vec<u8>)], diags: &mut Vec<Diagnostic>) -> verbs::VerbDict {
    let mut dict = verbs::VerbDict::default();
    for (name, bytes) in files {
        let text = String::from_utf8_lossy(bytes);
        if let std::borrow::Cow::Owned(_) = text {
            diags.push(Diagnostic::warning("L001", "invalid UTF-8 bytes replaced by U+FFFD; expected UTF-8 text").in_file(name));
        }
        // A later file may use the synsets of the earlier ones.
        let (d, mut dg) = verbs::parse_after(&text, name, Some(&dict));
        diags.append(&mut dg);
        dict.merge(d);
    }
    dict
}

/// Actor entries of every file in order (files read in parallel); the overlay where the
/// list has its marker.
fn actor_entries(files: &[(String, Vec<u8>)], diags: &mut Vec<Diagnostic>) -> Vec<ActorEntry> {
    let parts: Vec<(Vec<ActorEntry>, Vec<Diagnostic>)> = std::thread::scope(|s| {
        let hs: Vec<_> = files
            .iter()
            .map(|(name, bytes)| {
                s.spawn(move || if name == OVERLAY_MARK { overlay::embedded() } else { actors::parse(bytes, name) })
            })
            .collect();
        hs.into_iter().map(|h| join(h.join())).collect()
    });
    let mut all = Vec::new();
    for (mut e, mut d) in parts {
        all.append(&mut e);
        diags.append(&mut d);
    }
    all
}

/// Re-raise a panic from a scoped thread (a bug) in the caller.
fn join<T>(r: std::thread::Result<T>) -> T {
    r.unwrap_or_else(|p| std::panic::resume_unwind(p))
}

fn build_agents(files: &[(String, Vec<u8>)], diags: &mut Vec<Diagnostic>) -> AgentDict {
    let mut all = Vec::new();
    for (name, bytes) in files {
        let (mut e, mut d) = agents::parse(bytes, name);
        all.append(&mut e);
        diags.append(&mut d);
    }
    AgentDict::from_entries(all)
}

fn build_discards(files: &[(String, Vec<u8>)], diags: &mut Vec<Diagnostic>) -> DiscardList {
    let mut all = Vec::new();
    for (name, bytes) in files {
        let (mut e, mut d) = discards::parse(bytes, name);
        all.append(&mut e);
        diags.append(&mut d);
    }
    DiscardList::from_entries(all)
}

fn build_issues(files: &[(String, Vec<u8>)], diags: &mut Vec<Diagnostic>) -> IssueDict {
    let mut all = Vec::new();
    for (name, bytes) in files {
        let (mut e, mut d) = issues::parse(bytes, name);
        all.append(&mut e);
        diags.append(&mut d);
    }
    IssueDict::from_entries(all)
}

/// One kind to build: from a base lexicon (cloned), or from a source.
enum Plan<'a, T> {
    Base(&'a T),
    Build(Source<'a>),
}

impl Lexicon {
    /// The embedded Phoenix lexicon plus the officeholder overlay (appended after the Phoenix
    /// actors). Never fails; problems in the embedded data come back as diagnostics.
    pub fn embedded() -> (Lexicon, Vec<Diagnostic>) {
        let files = LexiconFiles::default();
        match Lexicon::load(&files, None) {
            Ok(x) => x,
            // Unreachable: embedded sources read no files.
            Err(e) => (Lexicon::default(), vec![Diagnostic::error("L090", e.to_string())]),
        }
    }

    /// The embedded lexicon compiled once per process and shared (later calls are free);
    /// its diagnostics come with it. Immutable, so sharing it is safe.
    pub fn embedded_shared() -> (Arc<Lexicon>, &'static [Diagnostic]) {
        static EMBEDDED: OnceLock<(Arc<Lexicon>, Vec<Diagnostic>)> = OnceLock::new();
        let (lex, diags) = EMBEDDED.get_or_init(|| {
            let (lex, diags) = Lexicon::embedded();
            (Arc::new(lex), diags)
        });
        (Arc::clone(lex), diags)
    }

    /// Build a lexicon from files. For each kind, an empty list takes that dictionary from
    /// `base` (cloned) or, without a base, from the embedded defaults (the embedded actors
    /// include the overlay). Explicit files replace the defaults of their kind, unless the list
    /// names [`EMBEDDED_PATH`] (`@embedded`), which stands for them (`["@embedded", "mine.txt"]`).
    /// An unreadable file is a hard error naming the path; problems inside files are
    /// diagnostics. The five kinds are compiled in parallel threads.
    pub fn load(files: &LexiconFiles, base: Option<&Lexicon>) -> Result<(Lexicon, Vec<Diagnostic>), LexiconError> {
        fn plan<'a, T>(paths: &'a [PathBuf], base: Option<&'a T>) -> Plan<'a, T> {
            match (paths.is_empty(), base) {
                (false, _) => Plan::Build(Source::Files(paths)),
                (true, Some(b)) => Plan::Base(b),
                (true, None) => Plan::Build(Source::Embedded),
            }
        }
        use embedded_files as ef;
        let p_verbs = plan(&files.verbs, base.map(|b| &b.verbs));
        let p_actors = plan(&files.actors, base.map(|b| &b.actors));
        let p_agents = plan(&files.agents, base.map(|b| &b.agents));
        let p_discards = plan(&files.discards, base.map(|b| &b.discards));
        let p_issues = plan(&files.issues, base.map(|b| &b.issues));

        // Read every file first (cheap), so an unreadable path fails before any work.
        fn read<T>(
            p: &Plan<'_, T>,
            embedded: &[(&'static str, &'static [u8])],
            with_overlay: bool,
            diags: &mut Vec<Diagnostic>,
        ) -> Result<Option<Texts>, LexiconError> {
            match p {
                Plan::Base(_) => Ok(None),
                Plan::Build(src) => read_all(src, embedded, with_overlay, diags).map(Some),
            }
        }
        let mut diags = Vec::new();
        let t_verbs = read(&p_verbs, ef::VERBS, false, &mut diags)?;
        let t_actors = read(&p_actors, ef::ACTORS, true, &mut diags)?;
        let t_agents = read(&p_agents, ef::AGENTS, false, &mut diags)?;
        let t_discards = read(&p_discards, ef::DISCARDS, false, &mut diags)?;
        let t_issues = read(&p_issues, ef::ISSUES, false, &mut diags)?;

        let (verbs, actors, rest) = std::thread::scope(|s| {
            let hv = s.spawn(|| {
                let mut d = Vec::new();
                let v = match (&p_verbs, &t_verbs) {
                    (Plan::Base(b), _) => (*b).clone(),
                    (_, Some(t)) => build_verbs(t, &mut d),
                    _ => verbs::VerbDict::default(),
                };
                (v, d)
            });
            let ha = s.spawn(|| {
                let mut d = Vec::new();
                let a = match (&p_actors, &t_actors) {
                    (Plan::Base(b), _) => (*b).clone(),
                    (_, Some(t)) => ActorDict::from_entries(actor_entries(t, &mut d)),
                    _ => ActorDict::default(),
                };
                (a, d)
            });
            let mut d = Vec::new();
            let agents = match (&p_agents, &t_agents) {
                (Plan::Base(b), _) => (*b).clone(),
                (_, Some(t)) => build_agents(t, &mut d),
                _ => AgentDict::default(),
            };
            let discards = match (&p_discards, &t_discards) {
                (Plan::Base(b), _) => (*b).clone(),
                (_, Some(t)) => build_discards(t, &mut d),
                _ => DiscardList::default(),
            };
            let issues = match (&p_issues, &t_issues) {
                (Plan::Base(b), _) => (*b).clone(),
                (_, Some(t)) => build_issues(t, &mut d),
                _ => IssueDict::default(),
            };
            (join(hv.join()), join(ha.join()), (agents, discards, issues, d))
        });
        let (verbs, mut dv) = verbs;
        let (actors, mut da) = actors;
        let (agents, discards, issues, mut dr) = rest;
        diags.append(&mut dv);
        diags.append(&mut da);
        diags.append(&mut dr);
        Ok((Lexicon { verbs, actors, agents, discards, issues }, diags))
    }
}

/// Convenience for one kind: read a file's bytes or fail naming it.
pub fn read_file(path: &Path) -> Result<Vec<u8>, LexiconError> {
    std::fs::read(path).map_err(|source| LexiconError::Read { path: path.to_path_buf(), source })
}
