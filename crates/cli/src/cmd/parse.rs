//! `petrel parse [FILE|-]`: split, tokenise, tag and parse plain text; writes CoNLL-U with
//! `# text` per sentence and each word's byte range of the input in MISC (`TokenRange=start:end`).

use anyhow::{Context, Result};
use std::io::{Read, Write};
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// Input text file; `-` or nothing reads standard input.
    pub file: Option<PathBuf>,
    /// Tagger model file instead of the embedded one.
    #[arg(long)]
    pub tagger: Option<PathBuf>,
    /// Parser model file instead of the embedded one.
    #[arg(long)]
    pub parser: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<i32> {
    let mut raw = Vec::new();
    let name = match &args.file {
        Some(p) if p.as_os_str() != "-" => {
            raw = std::fs::read(p).with_context(|| format!("reading {}", p.display()))?;
            p.display().to_string()
        }
        _ => {
            std::io::stdin().read_to_end(&mut raw).context("reading standard input")?;
            "<stdin>".to_string()
        }
    };
    let text = match String::from_utf8(raw) {
        Ok(t) => t,
        Err(e) => {
            let t = String::from_utf8_lossy(e.as_bytes()).into_owned();
            eprintln!(
                "{}",
                petrel_model::Diagnostic::warning(
                    "N003",
                    "input is not valid UTF-8: invalid bytes replaced by U+FFFD, offsets after them are of the repaired text"
                )
                .in_file(&name)
            );
            t
        }
    };
    let nlp = petrel_nlp::Pipeline::load(args.tagger.as_deref(), args.parser.as_deref())?;
    for d in nlp.diagnostics() {
        eprintln!("{d}");
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut buf = String::new();
    for (i, mut s) in nlp.analyze(&text).into_iter().enumerate() {
        s.id = Some((i + 1).to_string());
        buf.clear();
        petrel_syntax::conllu::write(&s, &text, &mut buf);
        out.write_all(buf.as_bytes())?;
    }
    out.flush()?;
    Ok(0)
}
