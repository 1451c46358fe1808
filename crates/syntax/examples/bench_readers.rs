//! Throughput of the readers:
//! `cargo run --release -p petrel-syntax --example bench_readers -- SHARED_DATA_DIR`.
//! (The CLI's `petrel bench` is the place for user-facing figures; this is the crate-level check.)

use std::time::Instant;

/// CPU seconds this process has used (Linux `/proc/self/stat` utime + stime), if available: on a
/// shared machine wall time measures the neighbours too.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

fn time<F: FnMut() -> usize>(name: &str, bytes: usize, iters: u32, mut f: F) {
    let t = Instant::now();
    let c0 = cpu_seconds();
    let mut n = 0;
    for _ in 0..iters {
        n = f();
    }
    let s = t.elapsed().as_secs_f64() / iters as f64;
    let cpu = match (c0, cpu_seconds()) {
        (Some(a), Some(b)) if b > a => {
            let c = (b - a) / iters as f64;
            format!("; CPU {:.2} ms ({:.0} sentences/s)", c * 1e3, n as f64 / c)
        }
        _ => String::new(),
    };
    println!(
        "{name}: {n} sentences, wall {:.2} ms ({:.0} sentences/s, {:.1} MB/s){cpu}",
        s * 1e3,
        n as f64 / s,
        bytes as f64 / s / 1e6
    );
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/data".into());
    let read =
        |p: &str| std::fs::read(format!("{dir}/{p}")).unwrap_or_else(|e| panic!("{dir}/{p}: {e}"));
    let ptb = read("petrarch/PETR.UnitTest.records.xml");
    let ud = read("universal-petrarch/PETR.UnitTest.records.parsing_parsed_udpipe_2.0.xml");
    let ewt =
        String::from_utf8(read("ud-english-ewt/en_ewt-ud-dev.conllu")).expect("EWT dev is UTF-8");
    time(
        "validation::read PTB unit tests (parse + PTB->UD + align)",
        ptb.len(),
        200,
        || petrel_syntax::validation::read(&ptb, "p").0.records.len(),
    );
    time(
        "validation::read UD unit tests (CoNLL-U + align)",
        ud.len(),
        200,
        || petrel_syntax::validation::read(&ud, "u").0.records.len(),
    );
    time("conllu::read EWT dev", ewt.len(), 30, || {
        petrel_syntax::conllu::read(&ewt, "dev").0.len()
    });
    let (f, _) = petrel_syntax::validation::read(&ptb, "p");
    let mut out = String::new();
    time(
        "conllu::write PTB unit-test sentences",
        ptb.len(),
        200,
        || {
            out.clear();
            for r in &f.records {
                petrel_syntax::conllu::write(&r.sentence, &r.text, &mut out);
            }
            f.records.len()
        },
    );
}
