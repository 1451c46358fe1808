//! Print `segment()` output for a file or stdin: one sentence per line, tokens separated by ` | `.
use std::io::Read;
fn main() {
    let mut s = String::new();
    match std::env::args().nth(1) {
        Some(p) => s = std::fs::read_to_string(p).expect("readable file"),
        None => {
            std::io::stdin().read_to_string(&mut s).expect("stdin");
        }
    }
    for sent in petrel_text::segment(&s) {
        let forms: Vec<String> = sent.tokens.iter().map(|t| format!("{}{}", if t.joined { "+" } else { "" }, t.form)).collect();
        println!("{:?} {}", (sent.span.start, sent.span.end), forms.join(" | "));
    }
}
