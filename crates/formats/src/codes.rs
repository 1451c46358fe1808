//! Splitting CAMEO actor codes into their parts, and the producers' quad-class tables.
//!
//! An actor code is a run of 3-letter chunks: `USAGOV`, `RUSMILREB`, `IGOUNO`, `NGOAMN`. The first
//! chunk is a country (ISO-3 style, e.g. `USA`) or an international/non-state "country" (`IGO`,
//! `NGO`, `IMG`, `MNC`...); later chunks are roles/types (`GOV`, `MIL`...) or known groups (`UNO`, `NAT`...).

/// International and non-state top-level codes (PLOVER manual, "International Non-state actor
/// names"; CAMEO codebook).
pub const NON_STATE: &[&str] = &["IGO", "NGO", "IMG", "MNC", "UNO", "EUR", "ISM", "NGM", "UIS", "INT"];

/// Role / type chunks (CAMEO codebook actor types, PLOVER sector codes).
pub const ROLES: &[&str] = &[
    "GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "MED", "EDU", "BUS", "CRM", "CVL", "LEG",
    "ELI", "HLH", "REF", "AGR", "LAB", "MOD", "RAD", "UAF", "IGO", "NGO", "IMG", "INS", "MNC", "SET",
    "ENV", "HRI", "DEV", "REL", "SEP", "AMN", "MOS", "CHR", "JEW", "BUD", "HIN", "ATH", "CON",
];

/// The parts of an actor code.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ActorParts {
    /// First chunk when it is a country (`USA`), else "".
    pub country: String,
    /// First chunk (country or non-state code).
    pub entity: String,
    /// Role/type chunks in order (`GOV`, `MIL`).
    pub roles: Vec<String>,
    /// Chunks that are neither (known groups such as `UNO`, `NAT`, `HMS`).
    pub groups: Vec<String>,
}

pub fn split_actor(code: &str) -> ActorParts {
    let mut parts = ActorParts::default();
    let chunks: Vec<&str> = code
        .as_bytes()
        .chunks(3)
        .filter_map(|c| std::str::from_utf8(c).ok())
        .filter(|c| !c.is_empty())
        .collect();
    let Some((first, rest)) = chunks.split_first() else { return parts };
    parts.entity = first.to_string();
    if !NON_STATE.contains(first) && first.len() == 3 && first.chars().all(|c| c.is_ascii_alphabetic()) {
        parts.country = first.to_string();
    }
    for c in rest {
        if ROLES.contains(c) {
            parts.roles.push(c.to_string());
        } else {
            parts.groups.push(c.to_string());
        }
    }
    parts
}

/// Phoenix quad class of a CAMEO root: 0 neutral (01-02), 1 verbal cooperation (03-05),
/// 2 material cooperation (06-08), 3 verbal conflict (09-13), 4 material conflict (14-20).
/// Phoenix has five classes where GDELT has four (its neutral class holds statements and
/// appeals); this table is how petrel assigns them. GDELT's (1-4, with 01-05 verbal cooperation,
/// 06-09 material cooperation, 10-14 verbal conflict, 15-20 material conflict) is in
/// `petrel_model::cameo::quad_of_root`.
pub fn phoenix_quad(root: &str) -> Option<u8> {
    let r: u8 = root.parse().ok()?;
    Some(match r {
        1..=2 => 0,
        3..=5 => 1,
        6..=8 => 2,
        9..=13 => 3,
        14..=20 => 4,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn splits_codes() {
        let p = split_actor("USAGOV");
        assert_eq!((p.country.as_str(), p.roles.clone()), ("USA", vec!["GOV".to_string()]));
        let p = split_actor("IGOUNO");
        assert_eq!(p.country, "");
        assert_eq!(p.groups, vec!["UNO".to_string()]);
        let p = split_actor("");
        assert_eq!(p, ActorParts::default());
        assert_eq!(split_actor("RUSMILREB").roles.len(), 2);
    }
    #[test]
    fn phoenix_quads() {
        assert_eq!(phoenix_quad("01"), Some(0));
        assert_eq!(phoenix_quad("04"), Some(1));
        assert_eq!(phoenix_quad("09"), Some(3));
        assert_eq!(phoenix_quad("19"), Some(4));
        assert_eq!(phoenix_quad("xx"), None);
    }
}
