//! Load the embedded gazetteer, print the load time and resolve the names given as arguments.
//! `cargo run --release -p petrel-geo --example geo_probe -- "St. Petersburg" hint=USA Georgia`
//! With the argument `-`, print the places `find_places` sees in each stdin line instead (crude
//! whitespace tokenisation with punctuation peeled off the ends of words).
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
        if arg == "-" {
            scan_stdin(g);
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

fn scan_stdin(g: &Gazetteer) {
    use std::io::BufRead;
    for line in std::io::stdin().lock().lines().map_while(Result::ok) {
        let toks: Vec<&str> = line
            .split(|c: char| c.is_whitespace() || c == '—')
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '.'))
            .map(|w| {
                w.trim_end_matches("’s")
                    .trim_end_matches(',')
                    .trim_end_matches('.')
            })
            .filter(|w| !w.is_empty())
            .collect();
        for (s, l, kind) in g.find_places(&toks) {
            let name = toks[s..s + l].join(" ");
            let p = g.resolve(&name, &Hints::default());
            println!(
                "{name:<20} {kind:?} -> {:?}",
                p.map(|p| (p.name, p.country, p.feature))
            );
        }
    }
}
