//! `petrel train tagger|parser`: train a model on CoNLL-U treebanks (`.conllu` or `.conllu.gz`)
//! and write it gzip'ed. One log line per epoch on stderr; the epoch best on `--dev` is kept.

use anyhow::{Context, Result};
use petrel_model::Sentence;
use petrel_nlp::model_io;
use petrel_nlp::parser::{ParserModel, ParserTrainOptions};
use petrel_nlp::tagger::{TaggerModel, TaggerTrainOptions};
use petrel_syntax::conllu::{self, ConlluSentence};
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum What {
    /// POS tagger + lemmatiser + FEATS.
    Tagger,
    /// Dependency parser.
    Parser,
}

#[derive(clap::Args)]
pub struct Args {
    /// Which model to train.
    #[arg(value_enum)]
    pub what: What,
    /// Training treebank (CoNLL-U, optionally gzip'ed).
    #[arg(long)]
    pub train: PathBuf,
    /// Development treebank: picks the epoch.
    #[arg(long)]
    pub dev: PathBuf,
    /// Maximum epochs (default: tagger 8, parser the parser's default).
    #[arg(long)]
    pub epochs: Option<usize>,
    /// Seed of the shuffling (training is deterministic for a seed).
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Output model file (gzip'ed).
    #[arg(long)]
    pub out: PathBuf,
    /// Tagger: train a single left-to-right pass only (faster, a little less accurate).
    #[arg(long)]
    pub one_pass: bool,
    /// Tagger: share of the words seen once that training shows as unknown words.
    #[arg(long, default_value_t = 0.5)]
    pub word_dropout: f64,
    /// Tagger: nationality adjectives (`ISO3<TAB>variant<TAB>adj` rows; relative paths are
    /// relative to the working directory, the repository root); `none` trains without them.
    #[arg(long, default_value = "data/geonames/country_variants.tsv")]
    pub demonyms: String,
    /// Tagger: folder of the GeoNames tables whose place names teach the tagger unseen places
    /// (`cities15000.txt.gz`, `admin1CodesASCII.txt`, `countryInfo.txt`); `none`: without.
    #[arg(long, default_value = "data/geonames")]
    pub gazetteer: String,
    /// Tagger: WordNet's database folder (`index.{noun,verb,adj,adv}`, `{noun,verb,adj}.exc`;
    /// Debian package `wordnet-base`), whose word classes become features of every word; `none`:
    /// without.
    #[arg(long, default_value = "/usr/share/wordnet")]
    pub wordnet: String,
    /// Tagger: plain English word list, one word a line (Debian package `wamerican`): which
    /// inflected forms of WordNet's lemmas exist, and which words are capitalised only.
    #[arg(long, default_value = "/usr/share/dict/american-english")]
    pub words: String,
    /// Parser: tag the dev set with this tagger model first (or with the embedded tagger when
    /// the value is `embedded`), so the epoch is chosen on predicted tags.
    #[arg(long)]
    pub tag_dev: Option<String>,
}

/// Read a CoNLL-U treebank (gzip'ed or not); diagnostics go to stderr (first 10 and a count).
pub(crate) fn read_treebank(path: &Path) -> Result<Vec<ConlluSentence>> {
    let bytes = model_io::read_maybe_gz(path)?;
    let src = String::from_utf8_lossy(&bytes);
    let name = path.display().to_string();
    let (sents, diags) = conllu::read(&src, &name);
    for d in diags.iter().take(10) {
        eprintln!("{d}");
    }
    if diags.len() > 10 {
        eprintln!("... {} more diagnostics in {name}", diags.len() - 10);
    }
    Ok(sents)
}

pub fn run(args: Args) -> Result<i32> {
    let t0 = Instant::now();
    let train: Vec<Sentence> = read_treebank(&args.train)?.into_iter().map(|s| s.sentence).collect();
    let mut dev: Vec<Sentence> = read_treebank(&args.dev)?.into_iter().map(|s| s.sentence).collect();
    eprintln!(
        "read {} train and {} dev sentences ({:.1} s)",
        train.len(),
        dev.len(),
        t0.elapsed().as_secs_f64()
    );
    if train.iter().all(|s| s.tokens.is_empty()) {
        eprintln!("petrel: error: no words in {}", args.train.display());
        return Ok(1);
    }
    let mut log = |l: &str| eprintln!("{l}");
    let bytes = match args.what {
        What::Tagger => {
            let demonyms = if args.demonyms == "none" {
                Vec::new()
            } else {
                let src = std::fs::read_to_string(&args.demonyms)
                    .with_context(|| format!("reading the nationality adjectives {} (or --demonyms none)", args.demonyms))?;
                let d = petrel_nlp::tagger::demonyms_from_country_variants(&src);
                eprintln!("{} nationality adjectives from {}", d.len(), args.demonyms);
                d
            };
            let mut places = Vec::new();
            if args.gazetteer != "none" {
                for (file, cols) in [("cities15000.txt.gz", &[1usize, 2][..]), ("admin1CodesASCII.txt", &[1, 2]), ("countryInfo.txt", &[4, 5])] {
                    let p = Path::new(&args.gazetteer).join(file);
                    let b = model_io::read_maybe_gz(&p).with_context(|| format!("reading {} (or --gazetteer none)", p.display()))?;
                    places.extend(petrel_nlp::tagger::place_words(&String::from_utf8_lossy(&b), cols));
                }
                eprintln!("{} place-name words from {}", places.len(), args.gazetteer);
            }
            let mut words = Vec::new();
            if args.wordnet != "none" {
                let read = |p: &Path| {
                    std::fs::read_to_string(p).with_context(|| {
                        format!("reading {} (apt-get install wordnet-base wamerican, or --wordnet none)", p.display())
                    })
                };
                let wn = |f: &str| read(&Path::new(&args.wordnet).join(f));
                let index = [wn("index.noun")?, wn("index.verb")?, wn("index.adj")?, wn("index.adv")?];
                let exc = [wn("noun.exc")?, wn("verb.exc")?, wn("adj.exc")?];
                let list = read(Path::new(&args.words))?;
                words = petrel_nlp::tagger::word_classes(
                    [&index[0], &index[1], &index[2], &index[3]],
                    [&exc[0], &exc[1], &exc[2]],
                    &list,
                );
                eprintln!("{} dictionary words from {} and {}", words.len(), args.wordnet, args.words);
            }
            let opts = TaggerTrainOptions {
                epochs: args.epochs.unwrap_or(8),
                seed: args.seed,
                two_pass: !args.one_pass,
                word_dropout: args.word_dropout,
                right_to_left_first: true,
                demonyms,
                places,
                words,
            };
            let m = TaggerModel::train(&train, &dev, &opts, &mut log);
            eprintln!("{}", m.stats());
            m.to_bytes()
        }
        What::Parser => {
            if let Some(t) = &args.tag_dev {
                if t == "embedded" {
                    let p = petrel_nlp::Pipeline::embedded()?;
                    dev.iter_mut().for_each(|s| p.tag(s));
                } else {
                    // The tagger alone: decoding the embedded parser too would fail right after
                    // a FEATURE_SET change, when the parser is being retrained.
                    let bytes = model_io::read_maybe_gz(Path::new(t))?;
                    let tagger = TaggerModel::from_bytes(&bytes).with_context(|| format!("reading the tagger {t}"))?;
                    dev.iter_mut().for_each(|s| tagger.tag(s));
                }
                eprintln!("dev set tagged with the {t} tagger");
            }
            let mut opts = ParserTrainOptions { seed: args.seed, ..Default::default() };
            if let Some(e) = args.epochs {
                opts.epochs = e;
            }
            let m = ParserModel::train(&train, &dev, &opts, &mut log);
            m.to_bytes()
        }
    };
    let gz = model_io::gzip(&bytes);
    std::fs::write(&args.out, &gz).with_context(|| format!("writing {}", args.out.display()))?;
    eprintln!(
        "wrote {} ({} bytes, {} before gzip) in {:.0} s",
        args.out.display(),
        gz.len(),
        bytes.len(),
        t0.elapsed().as_secs_f64()
    );
    Ok(0)
}
