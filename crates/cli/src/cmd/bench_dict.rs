//! `petrel bench dict`: compile the embedded Phoenix lexicon (verbs, actors with the overlay,
//! agents, discards, issues) N times; print the median, min and max milliseconds, the
//! snapshot's sizes and the peak resident memory.

use crate::cmd::util::peak_rss_mib;
use petrel_lexicon::Lexicon;
use std::time::Instant;

#[derive(clap::Args)]
pub struct Args {
    /// Number of compilations.
    #[arg(long, default_value_t = 5)]
    pub iterations: usize,
}

pub fn run(args: Args) -> anyhow::Result<i32> {
    let n = args.iterations.max(1);
    let mut ms = Vec::with_capacity(n);
    let mut last = None;
    for _ in 0..n {
        let t = Instant::now();
        let (lex, diags) = Lexicon::embedded();
        ms.push(t.elapsed().as_secs_f64() * 1000.0);
        last = Some((lex, diags.len()));
    }
    ms.sort_by(|a, b| a.total_cmp(b));
    let median = if n % 2 == 1 { ms[n / 2] } else { (ms[n / 2 - 1] + ms[n / 2]) / 2.0 };
    let (lex, ndiags) = last.expect("at least one iteration");
    println!(
        "bench dict: {n} compilation(s) of the embedded lexicon: median {median:.1} ms (min {:.1}, max {:.1}); \
         {} actor entries / {} phrases, {} agents, {} discards, {} issue entries, {} verb blocks; \
         {ndiags} diagnostics; peak RSS {}",
        ms[0],
        ms[n - 1],
        lex.actors.len(),
        lex.actors.phrase_count(),
        lex.agents.len(),
        lex.discards.len(),
        lex.issues.len(),
        lex.verbs.blocks.len(),
        peak_rss_mib().map_or("n/a".to_string(), |m| format!("{m:.1} MiB")),
    );
    Ok(0)
}
