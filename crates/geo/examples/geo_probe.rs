//! Load the embedded gazetteer, print the load time and resolve the names given as arguments.
//! `cargo run --release -p petrel-geo --example geo_probe -- "St. Petersburg" hint=USA Georgia`
//! With the argument `-`, print the places `find_places` sees in each stdin line instead (crude
//! whitespace tokenisation with punctuation peeled off the ends of words); with `bench`, time
//! `find_places` + `resolve` over those lines (repeated for about two seconds) instead.
use petrel_geo::{Gazetteer, Hints};
use std::time::Instant;

fn main() {
    let t = Instant::now();
    let g = Gazetteer::embedded();
    let dt = t.elapsed();
    println!(
        "loaded {} entries, {} name keys in {:.1} ms ({} diagnostics)",
        g.len(),
        g.name_count(),
        dt.as_secs_f64() * 1000.0,
        g.diagnostics().len()
    );
    for d in g.diagnostics() {
        println!("  {d}");
    }
    let mut hints = Hints::default();
    for arg in std::env::args().skip(1) {
        if arg == "-" || arg == "bench" {
            scan_stdin(g, arg == "bench");
            continue;
        }
        if let Some(h) = arg.strip_prefix("hint=") {
            hints.countries = h.split(',').map(String::from).collect();
            continue;
        }
        println!("{arg}: {:?}", g.resolve(&arg, &hints));
        for c in g.candidates(&arg).iter().take(5) {
            println!(
                "    {} {} {} {} {} pop {}",
                c.geonameid, c.name, c.country, c.admin1, c.feature, c.population
            );
        }
    }
}

fn scan_stdin(g: &Gazetteer, bench: bool) {
    use std::io::BufRead;
    let lines: Vec<String> = std::io::stdin()
        .lock()
        .lines()
        .map_while(Result::ok)
        .collect();
    let sentences: Vec<Vec<&str>> = lines
        .iter()
        .map(|line| {
            line.split(|c: char| c.is_whitespace() || c == '—')
                .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '.'))
                .map(|w| {
                    w.trim_end_matches("’s")
                        .trim_end_matches(',')
                        .trim_end_matches('.')
                })
                .filter(|w| !w.is_empty())
                .collect()
        })
        .collect();
    if !bench {
        for toks in &sentences {
            for (s, l, kind) in g.find_places(toks) {
                let name = toks[s..s + l].join(" ");
                let p = g.resolve(&name, &Hints::default());
                println!(
                    "{name:<20} {kind:?} -> {:?}",
                    p.map(|p| (p.name, p.country, p.feature))
                );
            }
        }
        return;
    }
    let t = Instant::now();
    let (mut words, mut found, mut rounds) = (0usize, 0usize, 0usize);
    while t.elapsed().as_secs_f64() < 2.0 {
        for toks in &sentences {
            words += toks.len();
            for (s, l, _) in g.find_places(toks) {
                found += g
                    .resolve(&toks[s..s + l].join(" "), &Hints::default())
                    .is_some() as usize;
            }
        }
        rounds += 1;
    }
    let secs = t.elapsed().as_secs_f64();
    println!(
        "find_places+resolve: {rounds} rounds, {words} words, {found} places in {secs:.2} s = {:.0} words/s",
        words as f64 / secs
    );
}
