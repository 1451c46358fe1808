//! Embeds the trained models from `data/models/` when they exist (a checkout without them still
//! builds; `Pipeline::embedded` then reports the missing model).
use std::path::Path;

fn main() {
    let out = std::env::var("OUT_DIR").expect("OUT_DIR");
    // Read at run time, not with `env!`: a compiled build script may be reused from a target
    // directory shared with another checkout, and must embed this checkout's models.
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR");
    let root = Path::new(&manifest).join("../../data/models");
    let mut code = String::new();
    for (name, file) in [("TAGGER_GZ", "tagger.bin.gz"), ("PARSER_GZ", "parser.bin.gz")] {
        let p = root.join(file);
        println!("cargo:rerun-if-changed={}", p.display());
        if p.is_file() {
            let abs = p.canonicalize().unwrap_or(p);
            code.push_str(&format!("pub static {name}: Option<&[u8]> = Some(include_bytes!({:?}));\n", abs.display().to_string()));
        } else {
            code.push_str(&format!("pub static {name}: Option<&[u8]> = None;\n"));
        }
    }
    println!("cargo:rerun-if-changed={}", root.display());
    std::fs::write(Path::new(&out).join("embedded_models.rs"), code).expect("write embedded_models.rs");
}
