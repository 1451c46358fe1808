//! Prints the records of a validation file as CoNLL-U: `cargo run --example show_record FILE [ID...]`.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: show_record FILE [ID...]");
        std::process::exit(2);
    };
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let (f, diags) = petrel_syntax::validation::read(&bytes, path);
    for d in &diags {
        eprintln!("{d}");
    }
    let mut out = String::new();
    for r in f
        .records
        .iter()
        .filter(|r| args.len() == 1 || args[1..].contains(&r.id))
    {
        petrel_syntax::conllu::write(&r.sentence, &r.text, &mut out);
    }
    print!("{out}");
}
