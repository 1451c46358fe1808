//! Entry types shared by the dictionary readers.

use chrono::NaiveDate;

/// An actor code valid over a date range; `from`/`to` `None` means unbounded.
///
/// PETRARCH syntax: `[USAGOV]` (always), `[USAGOV >20250120]` (after), `[USAGOV <20170120]`
/// (before), `[USAGOV 20170120-20210120]` (between); dates as YYMMDD or YYYYMMDD.
/// Among an entry's codes the first one whose range contains the date wins; an unrestricted
/// code is the fallback.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DatedCode {
    pub code: String,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl DatedCode {
    pub fn always(code: impl Into<String>) -> DatedCode {
        DatedCode { code: code.into(), from: None, to: None }
    }
    pub fn is_restricted(&self) -> bool {
        self.from.is_some() || self.to.is_some()
    }
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.from.into_iter().all(|f| date >= f) && self.to.into_iter().all(|t| date <= t)
    }
}

/// Where an entry was defined, for `rule` fields and `dict who`.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Origin {
    pub file: String,
    pub line: u32,
}

/// One actor: a primary name, its synonyms and its (date-bounded) codes.
/// Names are stored upper-case with words separated by single spaces (`VLADIMIR PUTIN`).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ActorEntry {
    pub name: String,
    pub synonyms: Vec<String>,
    pub codes: Vec<DatedCode>,
    pub origin: Origin,
}

impl ActorEntry {
    /// The code on `date`: the first restricted code whose range contains it, else the first
    /// unrestricted code. `None` when no code applies.
    pub fn code_on(&self, date: NaiveDate) -> Option<&DatedCode> {
        self.codes
            .iter()
            .find(|c| c.is_restricted() && c.contains(date))
            .or_else(|| self.codes.iter().find(|c| !c.is_restricted()))
    }
}

impl DatedCode {
    /// The null code `---` ("known, but codes to nothing").
    pub fn is_null(&self) -> bool {
        self.code == "---"
    }
}

/// One agent: a phrase (and its plural forms) with an agent code as written in the
/// dictionary: `~GOV` (suffix: appended to the actor code), `NGO~` (prefix).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct AgentEntry {
    /// Singular phrase, upper-case words separated by single spaces (`FOREIGN MINISTER`).
    pub name: String,
    /// The code as written: `~GOV`, `NGO~`, `~GOVFRM`.
    pub code: String,
    /// Other matchable forms (plurals), same spelling rules as `name`.
    pub forms: Vec<String>,
    pub origin: Origin,
}

impl AgentEntry {
    /// True for prefix codes (`NGO~`).
    pub fn is_prefix(&self) -> bool {
        self.code.ends_with('~')
    }
    /// The code without its `~`.
    pub fn bare_code(&self) -> &str {
        self.code.trim_matches('~')
    }
}
