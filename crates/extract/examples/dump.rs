//! Debugging aid: `cargo run -p petrel-extract --example dump -- FILE [YYYY-MM-DD] [--tokens]`
//! prints the tagged tokens (with `--tokens`) and the extraction as pretty JSON.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: dump FILE [YYYY-MM-DD] [--tokens]");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let date = args
        .iter()
        .skip(1)
        .find_map(|a| chrono::NaiveDate::parse_from_str(a, "%Y-%m-%d").ok())
        .or_else(|| petrel_ingest::date_in_file_name(path.rsplit('/').next().unwrap_or(path)))
        .unwrap_or_else(|| chrono::NaiveDate::from_ymd_opt(2025, 4, 11).unwrap());
    let lexicon = petrel_lexicon::Lexicon::embedded().0;
    let nlp = petrel_nlp::Pipeline::embedded().expect("embedded models");
    let sentences = nlp.analyze(&text);
    if args.iter().any(|a| a == "--tokens") {
        for (i, s) in sentences.iter().enumerate() {
            let line: Vec<String> = s.tokens.iter().enumerate().map(|(j, t)| format!("{j}:{}/{}>{}:{}", t.form, t.upos, t.head, t.deprel)).collect();
            println!("[{i}] {}", line.join(" "));
        }
    }
    let ex = petrel_extract::extract(path, &text, &sentences, date, &lexicon, petrel_geo::Gazetteer::embedded());
    println!("{}", serde_json::to_string_pretty(&ex).unwrap());
}
