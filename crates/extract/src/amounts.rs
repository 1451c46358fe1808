//! Amounts: numbers with their currency or unit and the thing counted.
//!
//! Recognised shapes (tokens as the tokeniser gives them):
//! - a currency sign before a number, with an optional scale: `€21 billion`, `$51`, `£18.2bn`;
//! - a number (digits or number words) with a scale and/or a currency word: `21 billion euros`;
//! - a number with a counted noun: `50 nations`, `12 years`, `three soldiers`, `12-year`;
//! - vague plurals: `thousands a week`, `hundreds of people` (`approximate: true`).
//! Values are normalised (`21e9`); currencies are ISO 4217 codes (`$` is taken as USD). The thing
//! counted is the noun after the amount for counts, and the `in`/`of`/`for` phrase after a sum of
//! money (`€21 billion in military assistance` -> `military assistance`).

use crate::Piece;
use petrel_model::{Sentence, Span};
use serde::Serialize;

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Amount {
    pub text: String,
    pub span: Span,
    pub value: f64,
    /// ISO 4217 code for money (`EUR`), otherwise the counted noun's lemma (`nation`, `year`).
    pub unit: String,
    /// `money`, `count` or `duration`.
    pub kind: &'static str,
    /// What is counted or paid for (`military assistance`, `nations`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object: Option<String>,
    pub approximate: bool,
    pub sentence: u32,
}

const SIGNS: &[(&str, &str)] = &[("$", "USD"), ("US$", "USD"), ("€", "EUR"), ("£", "GBP"), ("¥", "JPY"), ("₽", "RUB"), ("₴", "UAH"), ("₹", "INR"), ("₪", "ILS"), ("₩", "KRW")];

const CURRENCY_WORDS: &[(&str, &str)] = &[
    ("dollar", "USD"), ("dollars", "USD"), ("euro", "EUR"), ("euros", "EUR"), ("pound", "GBP"), ("pounds", "GBP"),
    ("sterling", "GBP"), ("ruble", "RUB"), ("rubles", "RUB"), ("rouble", "RUB"), ("roubles", "RUB"), ("yuan", "CNY"),
    ("renminbi", "CNY"), ("yen", "JPY"), ("hryvnia", "UAH"), ("hryvnias", "UAH"), ("rupee", "INR"), ("rupees", "INR"),
    ("shekel", "ILS"), ("shekels", "ILS"), ("won", "KRW"), ("rial", "IRR"), ("rials", "IRR"), ("lira", "TRY"),
    ("francs", "CHF"), ("usd", "USD"), ("eur", "EUR"), ("gbp", "GBP"),
];

const SCALES: &[(&str, f64)] = &[
    ("hundred", 1e2), ("thousand", 1e3), ("k", 1e3), ("million", 1e6), ("mln", 1e6), ("m", 1e6), ("billion", 1e9),
    ("bn", 1e9), ("b", 1e9), ("trillion", 1e12), ("tn", 1e12),
];

const NUMBER_WORDS: &[(&str, f64)] = &[
    ("one", 1.0), ("two", 2.0), ("three", 3.0), ("four", 4.0), ("five", 5.0), ("six", 6.0), ("seven", 7.0),
    ("eight", 8.0), ("nine", 9.0), ("ten", 10.0), ("eleven", 11.0), ("twelve", 12.0), ("fifteen", 15.0),
    ("twenty", 20.0), ("thirty", 30.0), ("forty", 40.0), ("fifty", 50.0), ("sixty", 60.0), ("seventy", 70.0),
    ("eighty", 80.0), ("ninety", 90.0), ("hundred", 100.0), ("dozen", 12.0), ("dozens", 12.0),
    ("hundreds", 100.0), ("thousands", 1000.0), ("millions", 1e6), ("billions", 1e9),
];

const DURATIONS: &[&str] = &["second", "minute", "hour", "day", "week", "month", "year", "decade", "century"];

fn lookup<T: Copy>(table: &[(&str, T)], w: &str) -> Option<T> {
    let w = w.to_lowercase();
    table.iter().find(|(k, _)| *k == w).map(|(_, v)| *v)
}

fn number(w: &str) -> Option<(f64, bool)> {
    let clean: String = w.chars().filter(|c| *c != ',').collect();
    if let Ok(v) = clean.parse::<f64>() {
        if clean.chars().any(|c| c.is_ascii_digit()) && v.is_finite() {
            return Some((v, false));
        }
    }
    // "21bn", "3.5m"
    let digits: String = clean.chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
    if !digits.is_empty() {
        if let (Ok(v), Some(s)) = (digits.parse::<f64>(), lookup(SCALES, &clean[digits.len()..])) {
            return Some((v * s, false));
        }
    }
    let vague = matches!(w.to_lowercase().as_str(), "dozens" | "hundreds" | "thousands" | "millions" | "billions");
    lookup(NUMBER_WORDS, w).map(|v| (v, vague))
}

fn singular(w: &str) -> String {
    let l = w.to_lowercase();
    if let Some(s) = l.strip_suffix("ies") {
        format!("{s}y")
    } else if l.ends_with("ss") {
        l
    } else if let Some(s) = l.strip_suffix('s') {
        s.to_string()
    } else {
        l
    }
}

/// The noun phrase starting at `i` (adjectives and nouns), as text.
fn noun_phrase(text: &str, sent: &Sentence, i: usize, untagged_words: usize) -> Option<(String, usize)> {
    let toks = &sent.tokens;
    let mut j = i;
    // Untagged text: just the one word.
    let limit = if toks.get(i).map_or(false, |t| t.upos.is_empty()) { untagged_words } else { 4 };
    const STOP: &[&str] = &["to", "for", "of", "in", "on", "at", "and", "or", "the", "a", "an", "by", "with", "from", "was", "were", "is", "are"];
    while j < toks.len()
        && (matches!(toks[j].upos.as_str(), "ADJ" | "NOUN" | "PROPN")
            || toks[j].upos.is_empty() && toks[j].form.chars().all(|c| c.is_alphabetic()) && !STOP.contains(&toks[j].form.to_lowercase().as_str()))
    {
        j += 1;
        if j - i >= limit {
            break;
        }
    }
    (j > i).then(|| (Span::new(toks[i].span.start, toks[j - 1].span.end).slice(text).to_string(), j))
}

pub fn find(text: &str, sentences: &[Sentence]) -> Vec<Amount> {
    let mut out = Vec::new();
    for (si, sent) in sentences.iter().enumerate() {
        let toks = &sent.tokens;
        let mut i = 0;
        while i < toks.len() {
            let start = i;
            // Currency sign first?
            let mut currency = lookup(SIGNS, &toks[i].form);
            let mut j = if currency.is_some() { i + 1 } else { i };
            let Some((mut value, mut approximate)) = toks.get(j).and_then(|t| number(&t.form)) else {
                i += 1;
                continue;
            };
            // A year ("in 2022") is a date, not an amount.
            if currency.is_none() && (1900.0..=2100.0).contains(&value) && value.fract() == 0.0 && !toks[j].form.contains(',')
                && toks.get(j + 1).map_or(true, |t| !t.form.chars().next().map_or(false, |c| c.is_alphabetic()) || lookup(SCALES, &t.form).is_none() && lookup(CURRENCY_WORDS, &t.form).is_none() && !t.upos.starts_with('N'))
            {
                i = j + 1;
                continue;
            }
            j += 1;
            if let Some(s) = toks.get(j).and_then(|t| lookup(SCALES, &t.form)) {
                value *= s;
                j += 1;
            }
            if currency.is_none() {
                if let Some(c) = toks.get(j).and_then(|t| lookup(CURRENCY_WORDS, &t.form)) {
                    currency = Some(c);
                    j += 1;
                }
            }
            let (kind, unit, object, end) = if let Some(cur) = currency {
                // Money: what for? "in/of/for" + noun phrase.
                let object = toks.get(j).filter(|t| matches!(t.form.to_lowercase().as_str(), "in" | "of" | "for" | "worth")).and_then(|_| noun_phrase(text, sent, j + 1, 3)).map(|(s, _)| s);
                ("money", cur.to_string(), object, j)
            } else {
                // "12-year": number, hyphen, noun.
                let k = if toks.get(j).map_or(false, |t| t.form == "-") { j + 1 } else { j };
                match toks.get(k) {
                    Some(t) if t.upos == "NOUN" || t.upos.is_empty() && t.form.chars().all(|c| c.is_alphabetic()) && t.form.len() > 2 => {
                        let unit = singular(&t.form);
                        let kind = if DURATIONS.contains(&unit.as_str()) { "duration" } else { "count" };
                        let object = noun_phrase(text, sent, k, 1).map(|(s, _)| s);
                        (kind, unit, object, k + 1)
                    }
                    _ if approximate => {
                        // "thousands a week", "hundreds of people"
                        let object = toks.get(j).filter(|t| t.form == "of").and_then(|_| noun_phrase(text, sent, j + 1, 1)).map(|(s, _)| s);
                        ("count", object.as_deref().map(singular).unwrap_or_default(), object, j)
                    }
                    _ => {
                        i = j.max(i + 1);
                        continue;
                    }
                }
            };
            if approximate && kind == "count" && unit.is_empty() && object.is_none() {
                approximate = true;
            }
            let span = Span::new(toks[start].span.start, toks[end.max(start + 1) - 1].span.end);
            out.push(Amount { text: Piece::new(text, span).text, span, value, unit, kind, object, approximate, sentence: si as u32 });
            i = end.max(start + 1);
        }
    }
    out
}
