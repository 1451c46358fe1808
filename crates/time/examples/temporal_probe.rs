//! Print the temporal expressions of each stdin line (crudely tokenised: whitespace, with
//! punctuation peeled off the ends of words). Usage: `temporal_probe 2025-04-11 [future|bench] < text`;
//! `bench` times `find_temporal` over the lines (repeated for about two seconds) instead.
use chrono::NaiveDate;
use std::io::BufRead;

fn tokens(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    for w in line.split(|c: char| c.is_whitespace() || c == '—') {
        let core = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '.');
        let core = core.trim_end_matches("’s").trim_end_matches("'s");
        if !core.is_empty() {
            out.push(core.to_string());
        }
    }
    out
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(pub_date) = args
        .get(1)
        .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
    else {
        eprintln!("usage: temporal_probe YYYY-MM-DD [future] < text");
        std::process::exit(2);
    };
    let future = args.get(2).is_some_and(|a| a == "future");
    let lines: Vec<String> = std::io::stdin()
        .lock()
        .lines()
        .map_while(Result::ok)
        .collect();
    if args.get(2).is_some_and(|a| a == "bench") {
        let sentences: Vec<Vec<String>> = lines.iter().map(|l| tokens(l)).collect();
        let refs: Vec<Vec<&str>> = sentences
            .iter()
            .map(|s| s.iter().map(String::as_str).collect())
            .collect();
        let t = std::time::Instant::now();
        let (mut words, mut found) = (0usize, 0usize);
        while t.elapsed().as_secs_f64() < 2.0 {
            for r in &refs {
                words += r.len();
                found += petrel_time::find_temporal(r, pub_date).len();
            }
        }
        let secs = t.elapsed().as_secs_f64();
        println!(
            "find_temporal: {words} words, {found} expressions in {secs:.2} s = {:.0} words/s",
            words as f64 / secs
        );
        return;
    }
    for line in &lines {
        let toks = tokens(line);
        let refs: Vec<&str> = toks.iter().map(String::as_str).collect();
        for t in petrel_time::find_temporal_with(&refs, pub_date, future) {
            let hist = petrel_time::is_historical(t.date, t.granularity, pub_date);
            println!(
                "{:<28} {} {:?} {:?}{}",
                refs[t.start..t.start + t.len].join(" "),
                t.date,
                t.granularity,
                t.relation,
                if hist { " historical" } else { "" }
            );
        }
    }
}
