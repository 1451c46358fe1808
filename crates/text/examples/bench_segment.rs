//! Speed of `segment()` on one thread, in MB of input per CPU second (robust on a shared
//! machine: CPU time from /proc/self/stat, not wall time).
//!
//! ```text
//! cargo run --release -p petrel-text --example bench_segment -- ../shared/data/ud-english-ewt/en_ewt-ud-dev.conllu [SECONDS]
//! ```
//! A `.conllu` input is turned into its raw text first (as in the CoNLL 2018 shared task);
//! any other file is segmented as it is.

use std::time::Instant;

/// utime + stime of this process in seconds (Linux), if readable.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split(' ').collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: bench_segment FILE [SECONDS]");
        std::process::exit(2);
    };
    let secs: f64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(3.0);
    let src = match std::fs::read_to_string(&path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let text = if path.ends_with(".conllu") { petrel_text::eval::raw_from_conllu(&src, &path).text } else { src };
    let (mut runs, mut tokens) = (0usize, 0usize);
    let c0 = cpu_seconds();
    let t0 = Instant::now();
    while t0.elapsed().as_secs_f64() < secs || runs == 0 {
        let s = petrel_text::segment(&text);
        tokens = s.iter().map(|x| x.tokens.len()).sum();
        runs += 1;
    }
    let wall = t0.elapsed().as_secs_f64();
    let mb = (text.len() * runs) as f64 / 1e6;
    print!("{path}: {} bytes, {tokens} tokens, {runs} runs: {:.1} MB/s wall", text.len(), mb / wall);
    match (c0, cpu_seconds()) {
        (Some(a), Some(b)) if b > a => println!(", {:.1} MB/s per CPU second, {:.2} M tokens/CPU s", mb / (b - a), (tokens * runs) as f64 / 1e6 / (b - a)),
        _ => println!(),
    }
}
