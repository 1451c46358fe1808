//! Throughput of the readers: `cargo run --release -p petrel-syntax --example bench_readers -- SHARED_DATA_DIR`.
//! (The CLI's `petrel bench` is the place for user-facing figures; this is the crate-level check.)

use std::time::Instant;

fn time<F: FnMut() -> usize>(name: &str, bytes: usize, iters: u32, mut f: F) {
    let t = Instant::now();
    let mut n = 0;
    for _ in 0..iters {
        n = f();
    }
    let s = t.elapsed().as_secs_f64() / iters as f64;
    println!(
        "{name}: {n} sentences in {:.2} ms ({:.0} sentences/s, {:.1} MB/s)",
        s * 1e3,
        n as f64 / s,
        bytes as f64 / s / 1e6
    );
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/data".into());
    let ptb =
        std::fs::read(format!("{dir}/petrarch/PETR.UnitTest.records.xml")).expect("PTB unit tests");
    let ud = std::fs::read(format!(
        "{dir}/universal-petrarch/PETR.UnitTest.records.parsing_parsed_udpipe_2.0.xml"
    ))
    .expect("UD unit tests");
    let ewt = std::fs::read_to_string(format!("{dir}/ud-english-ewt/en_ewt-ud-dev.conllu"))
        .expect("EWT dev");
    time(
        "validation::read PTB unit tests (parse + PTB->UD + align)",
        ptb.len(),
        50,
        || petrel_syntax::validation::read(&ptb, "p").0.records.len(),
    );
    time(
        "validation::read UD unit tests (CoNLL-U + align)",
        ud.len(),
        50,
        || petrel_syntax::validation::read(&ud, "u").0.records.len(),
    );
    time("conllu::read EWT dev", ewt.len(), 10, || {
        petrel_syntax::conllu::read(&ewt, "dev").0.len()
    });
    let (f, _) = petrel_syntax::validation::read(&ptb, "p");
    let mut out = String::new();
    time(
        "conllu::write PTB unit-test sentences",
        ptb.len(),
        50,
        || {
            out.clear();
            for r in &f.records {
                petrel_syntax::conllu::write(&r.sentence, &r.text, &mut out);
            }
            f.records.len()
        },
    );
}
