//! `petrel`: news articles in, event records out.
//!
//! Each subcommand lives in its own module under `cmd/` with an `Args` struct and a
//! `run(Args) -> anyhow::Result<i32>` returning the exit code (0 ok, 1 some input failed,
//! 2 usage error). This file only wires them together.

/// mimalloc instead of the system allocator: coding allocates many small, short-lived strings
/// and vectors per sentence, and glibc's malloc/free took ~8% of `petrel bench raw` samples.
/// See `cmd::util::allocator_loading` for how memory goes back to the system while loading.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::{Parser, Subcommand};

mod cmd;

#[derive(Parser)]
#[command(name = "petrel", version, about = "Political event data engine: news text in, explained events out")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Code documents into events (validation XML, CoNLL-U, plain text, JSON Lines).
    Code(cmd::code::Args),
    /// Quotations with speakers, amounts, names and tone per document.
    Extract(cmd::extract::Args),
    /// Score petrel against gold standards.
    #[command(subcommand)]
    Eval(EvalCommand),
    /// Check and query dictionaries.
    #[command(subcommand)]
    Dict(DictCommand),
    /// Split, tokenise, tag and parse text; writes CoNLL-U.
    Parse(cmd::parse::Args),
    /// Train the tagger or the parser on CoNLL-U treebanks.
    Train(cmd::train::Args),
    /// Benchmarks (speed and memory), printed as one line each.
    #[command(subcommand)]
    Bench(BenchCommand),
}

#[derive(Subcommand)]
enum EvalCommand {
    /// PETRARCH validation suite (records with expected codings).
    Petr(cmd::eval_petr::Args),
    /// Universal Dependencies treebank: tagging and parsing accuracy.
    Ud(cmd::eval_ud::Args),
}

#[derive(Subcommand)]
enum DictCommand {
    /// Read dictionary files and print every problem with file:line and a stable code.
    Check(cmd::dict_check::Args),
    /// Which actor code does a name get on a date, and which dictionary line decided it.
    Who(cmd::dict_who::Args),
}

#[derive(Subcommand)]
enum BenchCommand {
    /// Compile the dictionaries into a snapshot.
    Dict(cmd::bench_dict::Args),
    /// Code parsed sentences (parses given).
    Code(cmd::bench_code::Args),
    /// Tag and parse raw text.
    Nlp(cmd::bench_nlp::Args),
    /// Raw articles to JSON Lines events, end to end.
    Raw(cmd::bench_raw::Args),
    /// What extraction (quotes, amounts, names, tone) adds to coding.
    Extract(cmd::bench_extract::Args),
}

fn main() {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Code(a) => cmd::code::run(a),
        Command::Extract(a) => cmd::extract::run(a),
        Command::Eval(EvalCommand::Petr(a)) => cmd::eval_petr::run(a),
        Command::Eval(EvalCommand::Ud(a)) => cmd::eval_ud::run(a),
        Command::Dict(DictCommand::Check(a)) => cmd::dict_check::run(a),
        Command::Dict(DictCommand::Who(a)) => cmd::dict_who::run(a),
        Command::Parse(a) => cmd::parse::run(a),
        Command::Train(a) => cmd::train::run(a),
        Command::Bench(BenchCommand::Dict(a)) => cmd::bench_dict::run(a),
        Command::Bench(BenchCommand::Code(a)) => cmd::bench_code::run(a),
        Command::Bench(BenchCommand::Nlp(a)) => cmd::bench_nlp::run(a),
        Command::Bench(BenchCommand::Raw(a)) => cmd::bench_raw::run(a),
        Command::Bench(BenchCommand::Extract(a)) => cmd::bench_extract::run(a),
    };
    match result {
        Ok(code) => std::process::exit(code),
        Err(e) => {
            eprintln!("petrel: error: {e:#}");
            std::process::exit(1);
        }
    }
}
