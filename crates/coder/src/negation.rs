//! Negated verbs: "X did not clash with Y" is coded with the code's opposite from the PETRARCH
//! internal coding ontology (PICO): 110 "disapprove" is defined as not-050, 170 "coerce" as
//! not-057, 011 as not-010... A negated event whose code has no opposite is not coded.

use std::collections::HashMap;
use std::sync::OnceLock;

const ONTOLOGY: &str = include_str!("../data/PETR.Internal.Coding.Ontology.txt");

fn parse_hex(s: &str) -> Option<i64> {
    let s = s.trim();
    i64::from_str_radix(s.strip_prefix("0x").or_else(|| s.strip_prefix("0X"))?, 16).ok()
}

/// Pairs (negative code, positive code) read from the ontology's `0xFFFF` definitions.
fn table() -> &'static HashMap<String, String> {
    static T: OnceLock<HashMap<String, String>> = OnceLock::new();
    T.get_or_init(|| {
        let mut value_of: HashMap<i64, String> = HashMap::new();
        let mut defs: Vec<(String, String)> = Vec::new();
        for line in ONTOLOGY.lines() {
            let line = line.trim();
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let Some((code, rest)) = line.split_once(':') else { continue };
            let exprs: Vec<&str> = rest.split('#').collect();
            let first = exprs[0].trim();
            if let Some(v) = parse_hex(first) {
                value_of.entry(v).or_insert_with(|| code.trim().to_string());
            }
            for e in exprs.iter().take(2) {
                if e.contains("0xFFFF") {
                    defs.push((code.trim().to_string(), e.trim().to_string()));
                }
            }
        }
        let mut t = HashMap::new();
        for (code, expr) in defs {
            // The positive partner: the other hex term of the expression (masks like +0x300 aside).
            let other = expr
                .split(['+', '-'])
                .filter_map(parse_hex)
                .find(|&v| v != 0xFFFF && v != 0x300);
            if let Some(pos) = other.and_then(|v| value_of.get(&v)) {
                if pos != &code {
                    t.entry(code.clone()).or_insert_with(|| pos.clone());
                    t.entry(pos.clone()).or_insert_with(|| code.clone());
                }
            }
        }
        t
    })
}

/// The code of the negated event, `None` when the ontology gives no opposite.
pub fn negate(code: &str) -> Option<&'static str> {
    table().get(code).map(|s| s.as_str())
}

#[cfg(test)]
mod tests {
    #[test]
    fn opposites_come_from_the_ontology() {
        for (a, b) in [("110", "050"), ("050", "110"), ("170", "057"), ("011", "010"), ("016", "015")] {
            assert_eq!(super::negate(a), Some(b), "{a}");
        }
        assert_eq!(super::negate("190"), None);
    }
}
