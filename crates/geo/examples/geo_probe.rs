//! Load the embedded gazetteer, print the load time and resolve the names given as arguments.
//! `cargo run --release -p petrel-geo --example geo_probe -- "St. Petersburg" Paris`
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
        if let Some(h) = arg.strip_prefix("hint=") {
            hints.countries = h.split(',').map(String::from).collect();
            continue;
        }
        println!("{arg}: {:?}", g.resolve(&arg, &hints));
        for c in g.candidates(&arg).iter().take(5) {
            println!("    {} {} {} {} {} pop {}", c.geonameid, c.name, c.country, c.admin1, c.feature, c.population);
        }
    }
}
