//! Helpers shared by subcommands: dictionary flags, loading snapshots, coding parsed files.

use anyhow::{Context, Result};
use chrono::NaiveDate;
use petrel_coder::{Coder, CoderOptions};
use petrel_engine::{DocResult, Engine};
use petrel_lexicon::{Lexicon, LexiconFiles};
use petrel_model::{Diagnostic, Severity, Span};
use petrel_nlp::Pipeline;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

/// Peak resident memory of this process in MiB (Linux `VmHWM`), `None` elsewhere.
pub fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// The next batch of documents to code in parallel: at most `max_docs` items holding at most
/// `max_bytes` of text together (always at least one item, however large). Empty at the end.
pub fn next_batch(items: &mut impl Iterator<Item = petrel_ingest::Item>, max_docs: usize, max_bytes: usize) -> Vec<petrel_ingest::Item> {
    let mut batch = Vec::new();
    let mut bytes = 0usize;
    for item in items.by_ref() {
        if let petrel_ingest::Item::Doc(doc, _) = &item {
            bytes += doc.text.len();
        }
        batch.push(item);
        if batch.len() >= max_docs || bytes >= max_bytes {
            break;
        }
    }
    batch
}

/// Tell the allocator whether dictionaries, models and gazetteer are loading (`petrel code` and
/// `petrel bench raw` call it before and after). While they load (three threads building tables
/// and dropping big temporaries), freed pages go back to the system at once, so the peak RSS
/// stays that of what is kept; afterwards, mimalloc's default delay (10 ms) lets the coding loop
/// reuse pages without a system call per free. Other commands keep mimalloc's default.
pub fn allocator_loading(loading: bool) {
    /// `mi_option_purge_delay` in mimalloc.h's `mi_option_e` (v2 and v3; the Rust bindings
    /// lack the name): milliseconds before freed pages go back to the system, default 10.
    const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    // SAFETY: mi_option_set only stores an option value that mimalloc reads when it next purges.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, if loading { 0 } else { 10 }) };
}

/// CPU time (user + system) this process has used, in seconds (Linux `/proc/self/stat`,
/// assuming the usual 100 ticks per second); `None` elsewhere.
pub fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the `(comm)`, which may hold spaces: state is field 3, utime 14, stime 15.
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

/// Current resident memory of this process in MiB (Linux `VmRSS`), `None` elsewhere.
pub fn rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// `--date` values: `YYYY-MM-DD`.
pub fn parse_date_arg(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| format!("expected a date like 2025-04-11, found `{s}`"))
}

/// Flags that replace embedded dictionaries (each may be given several times).
#[derive(clap::Args, Clone, Debug, Default)]
pub struct DictArgs {
    /// Verb/pattern dictionary files (default: the embedded CAMEO.2.0).
    #[arg(long)]
    pub verbs: Vec<PathBuf>,
    /// Actor dictionary files (default: the embedded Phoenix actors plus petrel's overlay).
    #[arg(long)]
    pub actors: Vec<PathBuf>,
    /// Agent dictionary files.
    #[arg(long)]
    pub agents: Vec<PathBuf>,
    /// Discard lists.
    #[arg(long)]
    pub discards: Vec<PathBuf>,
    /// Issue dictionaries.
    #[arg(long)]
    pub issues: Vec<PathBuf>,
}

impl DictArgs {
    fn files(&self) -> LexiconFiles {
        LexiconFiles {
            verbs: self.verbs.clone(),
            actors: self.actors.clone(),
            agents: self.agents.clone(),
            discards: self.discards.clone(),
            issues: self.issues.clone(),
        }
    }
}

/// The embedded snapshot, compiled once per process.
pub fn embedded_lexicon() -> Arc<Lexicon> {
    static LEX: OnceLock<Arc<Lexicon>> = OnceLock::new();
    LEX.get_or_init(|| Arc::new(Lexicon::embedded().0)).clone()
}

/// The lexicon the flags ask for: embedded, or user files over the embedded defaults. Errors in
/// user files are printed (with file:line); the run goes on with what could be read.
pub fn load_lexicon(dicts: &DictArgs, extra: Option<LexiconFiles>) -> Result<Arc<Lexicon>> {
    let mut files = dicts.files();
    if let Some(extra) = extra {
        // Flags win over files named elsewhere (a validation file's <Environment>).
        for (mine, theirs) in [
            (&mut files.verbs, extra.verbs),
            (&mut files.actors, extra.actors),
            (&mut files.agents, extra.agents),
            (&mut files.discards, extra.discards),
            (&mut files.issues, extra.issues),
        ] {
            if mine.is_empty() {
                *mine = theirs;
            }
        }
    }
    let all_empty = files.verbs.is_empty() && files.actors.is_empty() && files.agents.is_empty() && files.discards.is_empty() && files.issues.is_empty();
    if all_empty {
        return Ok(embedded_lexicon());
    }
    let base = embedded_lexicon();
    let (lex, diags) = Lexicon::load(&files, Some(&base)).context("loading dictionaries")?;
    let errors: Vec<&Diagnostic> = diags.iter().filter(|d| d.severity == Severity::Error).collect();
    for d in errors.iter().take(20) {
        eprintln!("{d}");
    }
    if errors.len() > 20 {
        eprintln!("petrel: {} more dictionary errors (run `petrel dict check` on the files)", errors.len() - 20);
    }
    Ok(Arc::new(lex))
}

/// The embedded tagger and parser.
pub fn load_pipeline() -> Result<Arc<Pipeline>> {
    load_pipeline_from(None, None)
}

/// Tagger and parser from model files (`None`: the embedded model of that kind).
pub fn load_pipeline_from(tagger: Option<&Path>, parser: Option<&Path>) -> Result<Arc<Pipeline>> {
    loaded_pipeline(Pipeline::load(tagger, parser))
}

/// A pipeline just loaded (perhaps on another thread), its load diagnostics printed.
pub fn loaded_pipeline(p: Result<Pipeline, petrel_nlp::NlpError>) -> Result<Arc<Pipeline>> {
    let p = p.context("loading the tagger and parser models")?;
    for d in p.diagnostics() {
        eprintln!("{d}");
    }
    Ok(Arc::new(p))
}

pub fn coder_for(lexicon: Arc<Lexicon>, opts: CoderOptions) -> Coder {
    Coder::new(lexicon, opts)
}

/// Dictionary files named by a validation file's `<Environment>`, looked up beside it.
pub fn environment_files(env: &petrel_syntax::validation::Environment, xml: &Path) -> LexiconFiles {
    let dir = xml.parent().unwrap_or(Path::new("."));
    let beside = |name: &Option<String>| name.iter().map(|n| dir.join(n)).collect::<Vec<_>>();
    LexiconFiles {
        verbs: beside(&env.verbfile),
        actors: beside(&env.actorfile),
        agents: beside(&env.agentfile),
        discards: beside(&env.discardfile),
        issues: Vec::new(),
    }
}

/// Code every record of a PETRARCH validation file with its own dictionaries and per-record
/// `<Config>` options.
pub fn code_validation_file(path: &Path, dicts: &DictArgs, engine: &Engine) -> Result<Vec<Result<DocResult, Diagnostic>>> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let name = path.display().to_string();
    let (vf, diags) = petrel_syntax::validation::read(&bytes, &name);
    let mut out: Vec<Result<DocResult, Diagnostic>> = diags.into_iter().filter(|d| d.severity == Severity::Error).map(Err).collect();
    let lexicon = load_lexicon(dicts, Some(environment_files(&vf.environment, path)))?;
    let mut base = CoderOptions::default();
    for (k, v) in &vf.environment.config {
        base.set(k, v);
    }
    let today = chrono::Utc::now().date_naive();
    for rec in &vf.records {
        let mut opts = base.clone();
        for (k, v) in &rec.config {
            opts.set(k, v);
        }
        let engine = engine.with_coder(coder_for(lexicon.clone(), opts));
        let mut sent = rec.sentence.clone();
        sent.id = Some(rec.id.clone());
        let mut res = engine.code_parsed(&rec.id, &rec.text, std::slice::from_ref(&sent), rec.date.unwrap_or(today));
        for ev in &mut res.events {
            ev.sentence_id = Some(rec.id.clone());
        }
        out.push(Ok(res));
    }
    Ok(out)
}

/// Code a CoNLL-U file as one document: sentence texts joined by newlines, spans shifted.
pub fn code_conllu_file(path: &Path, engine: &Engine, date: Option<NaiveDate>) -> Result<Vec<Result<DocResult, Diagnostic>>> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let name = path.display().to_string();
    let src = String::from_utf8_lossy(&bytes);
    let (sents, diags) = petrel_syntax::conllu::read(&src, &name);
    let mut out: Vec<Result<DocResult, Diagnostic>> = diags.into_iter().filter(|d| d.severity == Severity::Error).map(Err).collect();
    let mut text = String::new();
    let mut sentences = Vec::with_capacity(sents.len());
    for cs in sents {
        if !text.is_empty() {
            text.push('\n');
        }
        let offset = text.len() as u32;
        text.push_str(&cs.text);
        let mut s = cs.sentence;
        s.span = Span::new(offset, offset + cs.text.len() as u32);
        for t in &mut s.tokens {
            t.span = t.span.shift(offset);
        }
        sentences.push(s);
    }
    let date = date.unwrap_or_else(|| {
        eprintln!("{}", Diagnostic::warning("W001", "no publication date for a CoNLL-U file (give --date); using today").in_file(name.clone()));
        chrono::Utc::now().date_naive()
    });
    let doc_id = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or(name);
    out.push(Ok(engine.code_parsed(&doc_id, &text, &sentences, date)));
    Ok(out)
}
