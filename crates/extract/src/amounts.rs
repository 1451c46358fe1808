//! Amounts: numbers with their currency or unit and the thing counted.
//!
//! The grammar, over tokens as the tokeniser gives them (`$51` is `$` `51`; a glued `€21` or
//! `£18.2bn` is taken apart here too):
//!
//! ```text
//! amount   := money | percent | count | vague
//! money    := SIGN number scale* [CURRENCY]          €21 billion, US$ 3m, $51
//!           | CODE number scale*                     EUR 21 billion
//!           | number scale* CURRENCY                 26 billion euros, 3.5 million US dollars
//! percent  := number ("percent" | "per cent" | "%")  2 percent
//! count    := number scale* ["-"] ADJ{0,2} NOUN       50 nations, three civilians, 30-day, 12 years
//! vague    := VAGUE ["of" VAGUE] ["of" ADJ{0,2} NOUN] thousands, Thousands of people, tens of thousands
//! number   := digits (1,200 / 18.2 / 21bn) | number words (fifty, twenty-five) | "a" before a scale
//! rate     := ("a" | "per" | "each" | "every") PERIOD after any of them: thousands a week
//! ```
//!
//! Values are normalised (`€21 billion` -> 21e9); currencies are ISO 4217 codes (a bare `$` is
//! USD). `unit` is the ISO code for money, `percent`, or the singular of the counted noun
//! (`nations` -> `nation`, `people` -> `person`). `object` is what is counted or paid for: the
//! noun phrase for counts, the `in`/`of`/`for`/`on` phrase after a sum (`€21 billion in military
//! assistance` -> `military assistance`). `approximate` marks vague plurals and hedges before the
//! number (`about`, `at least`, `nearly`, `more than`, `some`...). Years (`in 2022`), days of the
//! month (`April 11`, `11 April`), ordinals and times are not amounts.
//!
//! Sentences without tags (`upos` empty) are read with a fallback: any alphabetic word after a
//! number counts as the noun.

use crate::Piece;
use petrel_model::{Sentence, Span, Token};
use serde::Serialize;

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Amount {
    pub text: String,
    pub span: Span,
    pub value: f64,
    /// ISO 4217 code for money (`EUR`), `percent`, otherwise the counted noun, singular (`nation`).
    pub unit: String,
    /// `money`, `percent`, `count`, `duration` or `age` (`a 24-year-old man`).
    pub kind: &'static str,
    /// What is counted or paid for (`military assistance`, `nations`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object: Option<String>,
    /// Rate period: `thousands a week` -> `week`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per: Option<String>,
    pub approximate: bool,
    /// For counts of people: what happened to them, as GDELT's V1COUNTS count types (`KILL`,
    /// `WOUND`, `ARREST`, `KIDNAP`, `DISPLACED`, `PROTEST`, `EVACUATE`), from the words around.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count_type: Option<&'static str>,
    pub sentence: u32,
}

const SIGNS: &[(&str, &str)] = &[
    ("$", "USD"), ("US$", "USD"), ("A$", "AUD"), ("C$", "CAD"), ("HK$", "HKD"), ("€", "EUR"), ("£", "GBP"),
    ("¥", "JPY"), ("₽", "RUB"), ("₴", "UAH"), ("₹", "INR"), ("₪", "ILS"), ("₩", "KRW"), ("₺", "TRY"),
];

const CODES: &[&str] = &["USD", "EUR", "GBP", "JPY", "CNY", "RUB", "UAH", "INR", "ILS", "KRW", "TRY", "CHF", "IRR", "AUD", "CAD", "SAR", "AED", "EGP", "PLN"];

const CURRENCY_WORDS: &[(&str, &str)] = &[
    ("dollar", "USD"), ("dollars", "USD"), ("euro", "EUR"), ("euros", "EUR"), ("pound", "GBP"), ("pounds", "GBP"),
    ("sterling", "GBP"), ("ruble", "RUB"), ("rubles", "RUB"), ("rouble", "RUB"), ("roubles", "RUB"), ("yuan", "CNY"),
    ("renminbi", "CNY"), ("yen", "JPY"), ("hryvnia", "UAH"), ("hryvnias", "UAH"), ("hryvnas", "UAH"), ("rupee", "INR"),
    ("rupees", "INR"), ("shekel", "ILS"), ("shekels", "ILS"), ("won", "KRW"), ("rial", "IRR"), ("rials", "IRR"),
    ("lira", "TRY"), ("liras", "TRY"), ("franc", "CHF"), ("francs", "CHF"), ("riyal", "SAR"), ("riyals", "SAR"),
    ("dirham", "AED"), ("dirhams", "AED"), ("zloty", "PLN"), ("zlotys", "PLN"),
];

const SCALES: &[(&str, f64)] = &[("hundred", 1e2), ("thousand", 1e3), ("million", 1e6), ("mln", 1e6), ("billion", 1e9), ("bn", 1e9), ("trillion", 1e12), ("tn", 1e12)];

/// Scales glued to digits (`21bn`, `3.5m`): only read as scales in money context.
const SUFFIX_SCALES: &[(&str, f64)] = &[("k", 1e3), ("m", 1e6), ("mn", 1e6), ("mln", 1e6), ("bn", 1e9), ("b", 1e9), ("tn", 1e12), ("trn", 1e12)];

const NUMBER_WORDS: &[(&str, f64)] = &[
    ("one", 1.0), ("two", 2.0), ("three", 3.0), ("four", 4.0), ("five", 5.0), ("six", 6.0), ("seven", 7.0),
    ("eight", 8.0), ("nine", 9.0), ("ten", 10.0), ("eleven", 11.0), ("twelve", 12.0), ("thirteen", 13.0),
    ("fourteen", 14.0), ("fifteen", 15.0), ("sixteen", 16.0), ("seventeen", 17.0), ("eighteen", 18.0),
    ("nineteen", 19.0), ("twenty", 20.0), ("thirty", 30.0), ("forty", 40.0), ("fifty", 50.0), ("sixty", 60.0),
    ("seventy", 70.0), ("eighty", 80.0), ("ninety", 90.0), ("dozen", 12.0),
];

/// Vague plurals: a lower bound, always approximate.
const VAGUE: &[(&str, f64)] = &[("dozens", 12.0), ("scores", 20.0), ("hundreds", 1e2), ("thousands", 1e3), ("tens", 10.0), ("millions", 1e6), ("billions", 1e9)];

const DURATIONS: &[&str] = &["second", "minute", "hour", "day", "night", "week", "month", "year", "decade", "century"];
const PERIODS: &[&str] = &["second", "minute", "hour", "day", "week", "month", "year"];

const MONTHS: &[&str] = &[
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// Words before a number that make it approximate.
const HEDGES: &[&str] = &["about", "around", "approximately", "roughly", "nearly", "almost", "some", "over", "least", "than", "estimated", "circa", "~"];

/// Words that end a counted noun phrase in untagged text.
const STOP: &[&str] = &[
    "to", "for", "of", "in", "on", "at", "and", "or", "the", "a", "an", "by", "with", "from", "was", "were", "is",
    "are", "be", "been", "had", "has", "have", "that", "this", "who", "which", "said", "ago", "later", "earlier",
];

fn lookup<T: Copy>(table: &[(&str, T)], w: &str) -> Option<T> {
    table.iter().find(|(k, _)| k.eq_ignore_ascii_case(w)).map(|(_, v)| *v)
}

/// `1,200`, `18.2`, `50`: plain digits (commas as thousands separators).
fn digits(w: &str) -> Option<f64> {
    let w = w.strip_prefix('+').unwrap_or(w);
    if w.is_empty() || !w.starts_with(|c: char| c.is_ascii_digit()) || !w.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.') {
        return None;
    }
    // Thousands separators must group by three (`1,200`), otherwise it is not one number.
    let int = w.split('.').next().unwrap_or("");
    if int.contains(',') && int.split(',').skip(1).any(|g| g.len() != 3) {
        return None;
    }
    let clean: String = w.chars().filter(|c| *c != ',').collect();
    clean.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// `21bn`, `3.5m` -> (21e9, true): digits with a glued scale.
fn digits_with_suffix(w: &str) -> Option<f64> {
    let n = w.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))?;
    let v = digits(&w[..n])?;
    lookup(SUFFIX_SCALES, &w[n..]).map(|s| v * s)
}

/// Number words, hyphenated compounds included (`twenty-five`).
fn number_word(w: &str) -> Option<f64> {
    if let Some(v) = lookup(NUMBER_WORDS, w) {
        return Some(v);
    }
    let (a, b) = w.split_once('-')?;
    let (a, b) = (lookup(NUMBER_WORDS, a)?, lookup(NUMBER_WORDS, b)?);
    (a >= 20.0 && a % 10.0 == 0.0 && b < 10.0).then_some(a + b)
}

/// Singular of an English plural noun, lower-cased.
pub fn singular(w: &str) -> String {
    let l = w.to_lowercase();
    const IRREGULAR: &[(&str, &str)] = &[
        ("people", "person"), ("children", "child"), ("men", "man"), ("women", "woman"), ("lives", "life"),
        ("wives", "wife"), ("feet", "foot"), ("teeth", "tooth"), ("mice", "mouse"), ("geese", "goose"),
        ("thieves", "thief"), ("halves", "half"), ("leaves", "leaf"), ("series", "series"), ("species", "species"),
        ("news", "news"), ("police", "police"), ("personnel", "personnel"), ("troops", "troop"), ("crises", "crisis"),
        ("analyses", "analysis"), ("centuries", "century"),
    ];
    if let Some((_, s)) = IRREGULAR.iter().find(|(p, _)| *p == l) {
        return s.to_string();
    }
    if let Some(s) = l.strip_suffix("ies").filter(|s| s.len() > 1) {
        return format!("{s}y");
    }
    for suf in ["sses", "shes", "ches", "xes", "zes"] {
        if l.ends_with(suf) {
            return l[..l.len() - 2].to_string();
        }
    }
    if l.ends_with("ss") || l.ends_with("us") || l.ends_with("is") || l.len() < 3 {
        return l;
    }
    l.strip_suffix('s').map(str::to_string).unwrap_or(l)
}

fn is_word(t: &Token) -> bool {
    t.form.chars().next().is_some_and(|c| c.is_alphabetic())
}

fn untagged(t: &Token) -> bool {
    t.upos.is_empty() || t.upos == "_"
}

fn is_noun(t: &Token) -> bool {
    if untagged(t) {
        is_word(t) && t.form.len() > 1 && t.form.chars().all(|c| c.is_alphabetic()) && !STOP.contains(&t.form.to_lowercase().as_str())
    } else {
        matches!(t.upos.as_str(), "NOUN" | "PROPN") && is_word(t) || is_period(t)
    }
}

fn is_adj(t: &Token) -> bool {
    !untagged(t) && (t.upos == "ADJ" || t.upos == "VERB" && t.xpos == "VBN") && is_word(t)
}

fn is_period(t: &Token) -> bool {
    let s = singular(&t.form);
    DURATIONS.contains(&s.as_str())
}

/// A counted noun phrase at `i`: up to two adjectives then one or more nouns (up to 3 words in
/// all). Returns (first, head, end): `head` is the last noun, `end` one past it.
fn counted_np(toks: &[Token], i: usize) -> Option<(usize, usize, usize)> {
    let mut j = i;
    while j < toks.len() && j - i < 2 && is_adj(&toks[j]) {
        j += 1;
    }
    if !toks.get(j).is_some_and(is_noun) {
        return None;
    }
    let mut end = j + 1;
    // Compound nouns ("air defence systems"), tagged text only (untagged: one word).
    while end < toks.len() && end - i < 4 && !untagged(&toks[end]) && toks[end].upos == "NOUN" && !is_period(&toks[end - 1]) {
        end += 1;
    }
    Some((i, end - 1, end))
}

/// The noun phrase after `in`/`of`/`for` (`military assistance`), as text.
fn object_phrase(text: &str, toks: &[Token], i: usize) -> Option<String> {
    let (a, end) = if toks.get(i).is_some_and(untagged) {
        // Untagged: up to three words.
        let mut e = i;
        while e < toks.len() && e - i < 3 && untagged(&toks[e]) && is_noun(&toks[e]) {
            e += 1;
        }
        (e > i).then_some((i, e))?
    } else {
        counted_np(toks, i).map(|(a, _, e)| (a, e))?
    };
    Some(Span::new(toks[a].span.start, toks[end - 1].span.end).slice(text).to_string())
}

/// A number starting at token `i`: (value, first token after it, glued suffix scale used, vague).
fn number_at(toks: &[Token], i: usize, money: bool) -> Option<(f64, usize, bool)> {
    let t = toks.get(i)?;
    let w = t.form.as_str();
    if let Some(v) = digits(w) {
        return Some((v, i + 1, false));
    }
    if money {
        if let Some(v) = digits_with_suffix(w) {
            return Some((v, i + 1, false));
        }
    }
    if let Some(v) = number_word(w) {
        return Some((v, i + 1, false));
    }
    if let Some(v) = lookup(VAGUE, w) {
        // "tens of thousands", "hundreds of millions".
        if toks.get(i + 1).is_some_and(|t| t.form.eq_ignore_ascii_case("of")) {
            if let Some(s) = toks.get(i + 2).and_then(|t| lookup(VAGUE, &t.form)).filter(|s| *s >= 1e2) {
                return Some((v * s, i + 3, true));
            }
        }
        return Some((v, i + 1, true));
    }
    // "a million", "a hundred".
    if w.eq_ignore_ascii_case("a") {
        if let Some(s) = toks.get(i + 1).and_then(|n| lookup(SCALES, &n.form)) {
            return Some((s, i + 2, false));
        }
    }
    None
}

/// A currency sign at `i`, possibly glued to the number (`€21`): (ISO code, number text if glued).
fn sign_at(t: &Token) -> Option<(&'static str, &str)> {
    let w = t.form.as_str();
    let mut best: Option<(&'static str, &str)> = None;
    for (s, code) in SIGNS {
        if let Some(rest) = w.strip_prefix(s) {
            if best.is_none_or(|(_, r)| rest.len() < r.len()) {
                best = Some((code, rest));
            }
        }
    }
    best
}

fn is_month(t: &Token) -> bool {
    MONTHS.contains(&t.form.trim_end_matches('.').to_lowercase().as_str())
}

pub fn find(text: &str, sentences: &[Sentence]) -> Vec<Amount> {
    let mut out = Vec::new();
    for (si, sent) in sentences.iter().enumerate() {
        find_in(text, sent, si as u32, &mut out);
    }
    out
}

/// Words (lower-cased forms) that give a count its GDELT count type.
const COUNT_TYPES: &[(&str, &[&str])] = &[
    ("KILL", &["killed", "kill", "killing", "dead", "died", "die", "deaths", "death", "slain", "dying", "lives"]),
    ("WOUND", &["wounded", "injured", "injuring", "wounding", "hurt", "injuries"]),
    ("ARREST", &["arrested", "detained", "arrests", "detentions", "jailed", "imprisoned"]),
    ("KIDNAP", &["kidnapped", "abducted", "hostages", "hostage", "taken"]),
    ("DISPLACED", &["displaced", "fled", "refugees", "homeless", "uprooted"]),
    ("PROTEST", &["protested", "protesters", "protestors", "demonstrators", "marched", "rallied", "protest"]),
    ("EVACUATE", &["evacuated", "evacuees", "evacuation"]),
];

/// The count type from the words after the amount (up to 5, within the clause) or its own noun.
fn count_type(toks: &[Token], start: usize, end: usize) -> Option<&'static str> {
    let window = (start..end).chain(end..toks.len().min(end + 5)).take_while(|&k| k < end || !matches!(toks[k].form.as_str(), "." | ";" | "," | "and" | "but"));
    for k in window {
        let f = toks[k].form.to_lowercase();
        if let Some((ty, _)) = COUNT_TYPES.iter().find(|(_, ws)| ws.contains(&f.as_str())) {
            return Some(ty);
        }
    }
    None
}

fn find_in(text: &str, sent: &Sentence, si: u32, out: &mut Vec<Amount>) {
    let toks = &sent.tokens;
    let mut i = 0;
    while i < toks.len() {
        match amount_at(text, toks, i, si) {
            Some((mut a, end)) => {
                if matches!(a.kind, "count") {
                    a.count_type = count_type(toks, i, end);
                }
                out.push(a);
                i = end.max(i + 1);
            }
            None => i += 1,
        }
    }
}

/// The amount starting at token `i`, and the index after it.
fn amount_at(text: &str, toks: &[Token], i: usize, si: u32) -> Option<(Amount, usize)> {
    let start = i;
    let mut currency: Option<&str> = None;
    let mut j = i;
    let mut glued: Option<f64> = None;
    if let Some((code, rest)) = sign_at(&toks[i]) {
        currency = Some(code);
        if rest.is_empty() {
            j = i + 1;
        } else {
            glued = Some(digits(rest).or_else(|| digits_with_suffix(rest))?);
            j = i + 1;
        }
    } else if CODES.contains(&toks[i].form.as_str()) && toks.get(i + 1).is_some_and(|t| digits(&t.form).is_some() || digits_with_suffix(&t.form).is_some()) {
        currency = Some(CODES.iter().find(|c| **c == toks[i].form).copied().unwrap_or("USD"));
        j = i + 1;
    }
    let (mut value, vague) = if let Some(v) = glued {
        (v, false)
    } else {
        let (v, next, vg) = number_at(toks, j, currency.is_some() || toks.get(j + 1).is_some_and(|t| lookup(CURRENCY_WORDS, &t.form).is_some()))?;
        j = next;
        (v, vg)
    };
    let num_tok = j - 1;
    // Scale words: "21 billion", "two hundred thousand".
    while let Some(s) = toks.get(j).and_then(|t| lookup(SCALES, &t.form)) {
        value *= s;
        j += 1;
    }
    let scaled = j > num_tok + 1;
    // A currency word or code after the number.
    if currency.is_none() {
        let k = if toks.get(j).is_some_and(|t| matches!(t.form.as_str(), "US" | "U.S." | "American" | "Canadian" | "Australian" | "Hong")) { j + 1 } else { j };
        if let Some(c) = toks.get(k).and_then(|t| lookup(CURRENCY_WORDS, &t.form)) {
            currency = Some(match (toks[j].form.as_str(), c) {
                ("Canadian", "USD") => "CAD",
                ("Australian", "USD") => "AUD",
                _ => c,
            });
            j = k + 1;
        } else if let Some(c) = toks.get(j).and_then(|t| CODES.iter().find(|c| **c == t.form)) {
            currency = Some(c);
            j += 1;
        }
    }
    // Hedges before the number.
    let hedged = start > 0 && HEDGES.contains(&toks[start - 1].form.to_lowercase().as_str());
    let first = &toks[start];
    let plain_digits = currency.is_none() && !scaled && digits(&first.form).is_some();
    if plain_digits {
        // Not an amount: a year ("in 2022"), a day of the month ("April 11", "11 April"), a time.
        let v = value;
        let year_like = (1800.0..=2100.0).contains(&v) && v.fract() == 0.0 && !first.form.contains(',');
        // A year-like number counts only before a plural noun ("2000 soldiers", not "2022 elections").
        let plural_next = counted_np(toks, j).is_some_and(|(_, h, _)| singular(&toks[h].form) != toks[h].form.to_lowercase() && !is_month(&toks[h]));
        if year_like && !plural_next {
            return None;
        }
        if start > 0 && is_month(&toks[start - 1]) || toks.get(j).is_some_and(is_month) {
            return None;
        }
        if toks.get(j).is_some_and(|t| t.form == ":") {
            return None;
        }
    }
    let approximate = vague || hedged;
    let mut per = None;
    let (kind, unit, object, end);
    if let Some(cur) = currency {
        let mut k = j;
        if let Some((p, nk)) = rate_at(toks, k) {
            per = Some(p);
            k = nk;
        }
        // What for: "in/of/for/on" + noun phrase, past a parenthesis ("€21 billion (about £18.2
        // billion) in military assistance").
        let mut o = k;
        if toks.get(o).is_some_and(|t| t.form == "(") {
            if let Some(c) = toks[o..].iter().take(12).position(|t| t.form == ")") {
                o += c + 1;
            }
        }
        let obj = toks
            .get(o)
            .filter(|t| matches!(t.form.to_lowercase().as_str(), "in" | "of" | "for" | "on" | "worth"))
            .and_then(|_| object_phrase(text, toks, o + 1));
        (kind, unit, object, end) = ("money", cur.to_string(), obj, if per.is_some() { k } else { j });
    } else if toks.get(j).is_some_and(|t| t.form == "%" || t.form.eq_ignore_ascii_case("percent") || t.form.eq_ignore_ascii_case("pct")) {
        (kind, unit, object, end) = ("percent", "percent".to_string(), None, j + 1);
    } else if toks.get(j).is_some_and(|t| t.form.eq_ignore_ascii_case("per")) && toks.get(j + 1).is_some_and(|t| t.form.eq_ignore_ascii_case("cent")) {
        (kind, unit, object, end) = ("percent", "percent".to_string(), None, j + 2);
    } else {
        // "30-day": number, hyphen, noun (or a glued "30-day" the tokeniser kept whole).
        let k = if toks.get(j).is_some_and(|t| t.form == "-") { j + 1 } else { j };
        let np = if vague {
            // "thousands of people" (the noun is only counted through "of").
            toks.get(j).filter(|t| t.form.eq_ignore_ascii_case("of")).and_then(|_| counted_np(toks, j + 1)).or_else(|| counted_np(toks, j).filter(|(_, h, _)| !is_period(&toks[*h])))
        } else if toks.get(k).is_some_and(|t| t.form.eq_ignore_ascii_case("of")) {
            None
        } else {
            counted_np(toks, k)
        };
        match np {
            Some((a, h, e)) => {
                let u = singular(&toks[h].form);
                // "a 24-year-old man", "aged 49 years old": an age.
                let old = |k: usize| toks.get(k).is_some_and(|t| t.form.eq_ignore_ascii_case("old") || t.form.eq_ignore_ascii_case("-old"));
                let age = DURATIONS.contains(&u.as_str()) && (old(e) || toks.get(e).is_some_and(|t| t.form == "-") && old(e + 1));
                let kd = if age { "age" } else if DURATIONS.contains(&u.as_str()) { "duration" } else { "count" };
                let obj = Span::new(toks[a].span.start, toks[e - 1].span.end).slice(text).to_string();
                (kind, unit, object, end) = (kd, u, Some(obj), e);
            }
            None if vague => {
                let mut k = j;
                if let Some((p, nk)) = rate_at(toks, k) {
                    per = Some(p);
                    k = nk;
                }
                (kind, unit, object, end) = ("count", String::new(), None, k);
            }
            None => return None,
        }
        if per.is_none() && kind == "count" {
            if let Some((p, nk)) = rate_at(toks, end) {
                per = Some(p);
                let span = Span::new(toks[start].span.start, toks[nk - 1].span.end);
                return Some((Amount { text: Piece::new(text, span).text, span, value, unit, kind, object, per, approximate, count_type: None, sentence: si }, nk));
            }
        }
    }
    let span = Span::new(toks[start].span.start, toks[end.max(start + 1) - 1].span.end);
    Some((Amount { text: Piece::new(text, span).text, span, value, unit, kind, object, per, approximate, count_type: None, sentence: si }, end))
}

/// `a week`, `per day`, `each year`, `every month` at `k`: (period, index after).
fn rate_at(toks: &[Token], k: usize) -> Option<(String, usize)> {
    let w = toks.get(k)?.form.to_lowercase();
    if !matches!(w.as_str(), "a" | "an" | "per" | "each" | "every") {
        return None;
    }
    let p = toks.get(k + 1)?.form.to_lowercase();
    PERIODS.contains(&p.as_str()).then(|| (p, k + 2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_plurals() {
        assert_eq!(digits("1,200"), Some(1200.0));
        assert_eq!(digits("12,00"), None);
        assert_eq!(digits("18.2"), Some(18.2));
        assert_eq!(digits_with_suffix("21bn"), Some(21e9));
        assert_eq!(number_word("twenty-five"), Some(25.0));
        assert_eq!(number_word("five-year"), None);
        for (p, s) in [("nations", "nation"), ("people", "person"), ("countries", "country"), ("warships", "warship"), ("years", "year"), ("crisis", "crisis")] {
            assert_eq!(singular(p), s, "{p}");
        }
    }
}
