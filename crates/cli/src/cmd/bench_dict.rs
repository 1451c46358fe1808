//! `petrel bench dict`: compile the embedded Phoenix lexicon (verbs, actors with the overlay,
//! agents, discards, issues) N times; print the median, min and max milliseconds, the
//! snapshot's sizes and the peak resident memory. Then times matching: actors, agents,
//! discards and issues over synthetic sentences (dictionary names mixed with filler words,
//! built deterministically from the lexicon itself), in tokens per second.

use crate::cmd::dict_check::emit;
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
    let line = format!(
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
    let mut out = std::io::stdout().lock();
    if emit(&mut out, &line)? {
        bench_matching(&lex, &mut out)?;
    }
    Ok(0)
}

/// Deterministic sentences: every 3rd slot an actor name, every 7th an agent, the rest filler.
fn bench_matching(lex: &Lexicon, out: &mut impl std::io::Write) -> anyhow::Result<()> {
    const FILLER: [&str; 12] =
        ["the", "said", "on", "Friday", "talks", "with", "in", "a", "statement", "after", "meeting", "officials"];
    let names: Vec<&str> = lex.actors.entries().iter().map(|e| e.name.as_str()).collect();
    let agents: Vec<&str> = lex.agents.entries().iter().map(|e| e.name.as_str()).collect();
    if names.is_empty() {
        return Ok(());
    }
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state as usize
    };
    let mut sentences: Vec<Vec<String>> = Vec::new();
    for _ in 0..5_000 {
        let mut s: Vec<String> = Vec::new();
        for slot in 0..12 {
            let text = if slot % 3 == 0 {
                names[next() % names.len()]
            } else if slot % 7 == 0 && !agents.is_empty() {
                agents[next() % agents.len()]
            } else {
                FILLER[next() % FILLER.len()]
            };
            s.extend(text.split(' ').map(|w| w.to_lowercase()));
        }
        sentences.push(s);
    }
    let refs: Vec<Vec<&str>> = sentences.iter().map(|s| s.iter().map(String::as_str).collect()).collect();
    let tokens: usize = refs.iter().map(Vec::len).sum();
    let time = |f: &dyn Fn(&[&str]) -> usize| {
        let t = Instant::now();
        let mut hits = 0;
        for s in &refs {
            hits += f(s);
        }
        (tokens as f64 / t.elapsed().as_secs_f64() / 1e6, hits)
    };
    let (a, ah) = time(&|w| lex.actors.find_all(w).len());
    let (g, gh) = time(&|w| lex.agents.find_all(w).len());
    let (d, dh) = time(&|w| lex.discards.find_all(w).len());
    let (i, ih) = time(&|w| lex.issues.find_all(w).len());
    let line = format!(
        "bench dict matching: {} sentences, {tokens} tokens: actors {a:.2} M tokens/s ({ah} hits), agents {g:.2} ({gh}), \
         discards {d:.2} ({dh}), issues {i:.2} ({ih})",
        refs.len()
    );
    emit(out, &line)?;
    Ok(())
}
