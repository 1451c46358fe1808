//! `petrel eval ud GOLD.conllu`: tagging and parsing accuracy on a UD treebank.
//!
//! Default: the gold tokenisation is tagged and parsed (UPOS, XPOS, lemma, FEATS (all equal), UAS, LAS in percent,
//! punctuation included, relations compared on the part before `:`). `--raw`: the raw text is
//! rebuilt from `# text` (sentences of a paragraph joined by a space, paragraphs by a newline,
//! documents by a blank line), split, tokenised, tagged and parsed, and scored by aligning words
//! on identical byte spans (CoNLL 2018 F1s).

use super::train::read_treebank;
use anyhow::Result;
use petrel_model::{Sentence, Span};
use petrel_nlp::eval::{score_gold_tok, score_raw};
use std::path::PathBuf;
use std::time::Instant;

#[derive(clap::Args)]
pub struct Args {
    /// Gold CoNLL-U file (optionally gzip'ed).
    pub gold: PathBuf,
    /// Print one JSON object instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Start from the raw text instead of the gold tokenisation.
    #[arg(long)]
    pub raw: bool,
    /// Tagger model file instead of the embedded one.
    #[arg(long)]
    pub tagger: Option<PathBuf>,
    /// Parser model file instead of the embedded one.
    #[arg(long)]
    pub parser: Option<PathBuf>,
}

fn r2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

pub fn run(args: Args) -> Result<i32> {
    let nlp = petrel_nlp::Pipeline::load(args.tagger.as_deref(), args.parser.as_deref())?;
    for d in nlp.diagnostics() {
        eprintln!("{d}");
    }
    let gold_sents = read_treebank(&args.gold)?;
    let gold: Vec<Sentence> = gold_sents.iter().map(|s| s.sentence.clone()).collect();
    let t0 = Instant::now();
    if !args.raw {
        let sys: Vec<Sentence> = gold
            .iter()
            .map(|g| {
                let mut s = g.clone();
                for t in &mut s.tokens {
                    let form = std::mem::take(&mut t.form);
                    *t = petrel_model::Token { form, span: t.span, ..Default::default() };
                }
                nlp.tag_parse(&mut s);
                s
            })
            .collect();
        let secs = t0.elapsed().as_secs_f64();
        let c = score_gold_tok(&gold, &sys);
        let v = serde_json::json!({
            "file": args.gold.display().to_string(),
            "sentences": gold.len(),
            "words": c.words,
            "upos": r2(c.pct(c.upos)),
            "xpos": r2(c.pct(c.xpos)),
            "lemma": r2(c.pct(c.lemma)),
            "feats": r2(c.pct(c.feats)),
            "uas": r2(c.pct(c.uas)),
            "las": r2(c.pct(c.las)),
            "seconds": r2(secs),
        });
        if args.json {
            println!("{v}");
        } else {
            println!("{}: {} sentences, {} words, gold tokenisation ({secs:.2} s)", args.gold.display(), gold.len(), c.words);
            for k in ["upos", "xpos", "lemma", "feats", "uas", "las"] {
                println!("{k:>6} {:6.2}", v[k].as_f64().unwrap_or(0.0));
            }
        }
        return Ok(0);
    }
    // Raw text.
    let bytes = petrel_nlp::model_io::read_maybe_gz(&args.gold)?;
    let src = String::from_utf8_lossy(&bytes);
    let raw = petrel_text::eval::raw_from_conllu(&src, &args.gold.display().to_string());
    for d in raw.diagnostics.iter().take(10) {
        eprintln!("{d}");
    }
    let n_gold_words: usize = gold.iter().map(|s| s.tokens.len()).sum();
    if n_gold_words != raw.words.len() {
        eprintln!(
            "{}",
            petrel_model::Diagnostic::error(
                "N004",
                format!("gold words: {} in the trees but {} in the rebuilt raw text; word scores are off", n_gold_words, raw.words.len())
            )
            .in_file(args.gold.display().to_string())
        );
    }
    let sys = nlp.analyze(&raw.text);
    let secs = t0.elapsed().as_secs_f64();
    // Surface tokens of the system: words joined to the previous one form one token.
    let mut sys_tokens: Vec<Span> = Vec::new();
    for rs in petrel_text::segment(&raw.text) {
        for t in rs.tokens {
            match sys_tokens.last_mut() {
                Some(last) if t.joined => *last = last.cover(t.span),
                _ => sys_tokens.push(t.span),
            }
        }
    }
    let r = score_raw(&raw.sentences, &raw.tokens, &raw.words, &gold, &sys_tokens, &sys);
    let p = |x: f64| r2(100.0 * x);
    let v = serde_json::json!({
        "file": args.gold.display().to_string(),
        "sentences": gold.len(),
        "words": n_gold_words,
        "tokens_f1": p(r.tokens.f1),
        "sentences_f1": p(r.sentences.f1),
        "words_f1": p(r.words.f1),
        "upos": p(r.upos.f1),
        "xpos": p(r.xpos.f1),
        "lemma": p(r.lemma.f1),
        "feats": p(r.feats.f1),
        "uas": p(r.uas.f1),
        "las": p(r.las.f1),
        "seconds": r2(secs),
    });
    if args.json {
        println!("{v}");
    } else {
        println!(
            "{}: {} sentences, {} words, from raw text ({secs:.2} s); F1 on aligned words",
            args.gold.display(),
            gold.len(),
            n_gold_words
        );
        for k in ["tokens_f1", "sentences_f1", "words_f1", "upos", "xpos", "lemma", "feats", "uas", "las"] {
            println!("{k:>12} {:6.2}", v[k].as_f64().unwrap_or(0.0));
        }
    }
    Ok(0)
}
