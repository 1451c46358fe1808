//! The CAMEO event code table, with Goldstein scores, quad classes and the PLOVER mapping.
//!
//! Data: `data/cameo/cameo_event_codes.tsv` (GDELT lookups + the OEDA's CAMEO2PLOVER table,
//! CC BY-SA 4.0; see `data/cameo/README.md`), compiled into the binary.

use std::collections::HashMap;
use std::sync::OnceLock;

static TABLE_TSV: &str = include_str!("../../../data/cameo/cameo_event_codes.tsv");

/// One row of the CAMEO table.
#[derive(Clone, Debug, PartialEq)]
pub struct CameoCode {
    pub code: &'static str,
    pub root: &'static str,
    pub name: &'static str,
    pub goldstein: f32,
    /// GDELT quad class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
    /// 4 material conflict.
    pub quad: u8,
    /// PLOVER event (`CONSULT`, `AID`...), "" where PLOVER drops the code (roots 01 and 02).
    pub plover_event: &'static str,
    pub plover_mode: &'static str,
    pub plover_context: &'static str,
}

fn table() -> &'static HashMap<&'static str, CameoCode> {
    static T: OnceLock<HashMap<&'static str, CameoCode>> = OnceLock::new();
    T.get_or_init(|| {
        let mut m = HashMap::new();
        for line in TABLE_TSV.lines().skip(1) {
            let f: Vec<&'static str> = line.split('\t').collect();
            if f.len() < 9 {
                continue;
            }
            let c = CameoCode {
                code: f[0],
                root: f[2],
                name: f[3],
                goldstein: f[4].parse().unwrap_or(0.0),
                quad: f[5].parse().unwrap_or(0),
                plover_event: f[6],
                plover_mode: f[7],
                plover_context: f[8],
            };
            m.insert(c.code, c);
        }
        m
    })
}

/// Look a CAMEO code up (`"040"`, `"0841"`, `"04"`). `None` for codes outside CAMEO, e.g. the
/// test-dictionary codes `903` or `174K`.
pub fn lookup(code: &str) -> Option<&'static CameoCode> {
    table().get(code)
}

/// All codes in the table.
pub fn all() -> impl Iterator<Item = &'static CameoCode> {
    table().values()
}

/// The root (first two characters) of a CAMEO-shaped code; the code itself when shorter.
pub fn root_of(code: &str) -> &str {
    code.get(..2).unwrap_or(code)
}

/// Quad class of a root by the GDELT convention (01-05 -> 1, 06-09 -> 2, 10-14 -> 3, 15-20 -> 4).
pub fn quad_of_root(root: &str) -> Option<u8> {
    let r: u8 = root.parse().ok()?;
    match r {
        1..=5 => Some(1),
        6..=9 => Some(2),
        10..=14 => Some(3),
        15..=20 => Some(4),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn table_is_complete_and_consistent() {
        assert!(all().count() > 300);
        for c in all() {
            assert!(c.code.starts_with(c.root), "{}", c.code);
            assert_eq!(quad_of_root(c.root), Some(c.quad), "{}", c.code);
        }
        assert_eq!(lookup("190").unwrap().goldstein, -10.0);
        assert_eq!(lookup("042").unwrap().plover_event, "CONSULT");
        assert!(lookup("174K").is_none());
    }
}
