//! Input documents.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One input article. `text` is kept exactly as given: every span petrel emits points into it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub id: String,
    /// Publication date; `None` until the ingest step decides one (given, found, or today with a warning).
    pub date: Option<NaiveDate>,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}
