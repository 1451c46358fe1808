//! petrel-geo: an embedded GeoNames gazetteer and place resolution.
//!
//! The gazetteer holds every country (GeoNames `countryInfo.txt`, with the name variants and
//! adjectives of `data/geonames/country_variants.tsv`), every first-level division
//! (`admin1CodesASCII.txt`) and every city of 15,000+ people (`cities15000.txt.gz`, with its
//! Latin-script alternate names). The data are compiled into the binary and indexed once, on first
//! use ([`Gazetteer::embedded`]). Nothing here does I/O.
//!
//! Main types and functions:
//! - [`Gazetteer::candidates`]: every entry a name may mean (case/diacritic-insensitive, `St.` =
//!   `Saint`), best first.
//! - [`Gazetteer::resolve`]: the one place a name most likely means, given [`Hints`] (the ISO-3
//!   countries of the event's actors), as a [`petrel_model::event::Place`].
//! - [`find_places`]: the place names (single or multi-word) in a sequence of words.
//! - [`Gazetteer::locate`]: the place after a locative preposition ("in St. Petersburg"), resolved.
//! - [`iso3_to_fips`], [`iso3_to_iso2`], [`country_name`]: country code tables.
//!
//! ```
//! use petrel_geo::{Gazetteer, Hints};
//! let g = Gazetteer::embedded();
//! let p = g.resolve("St. Petersburg", &Hints { countries: vec!["RUS".into()] }).unwrap();
//! assert_eq!((p.country.as_str(), p.country_fips.as_str()), ("RUS", "RS"));
//! assert!((p.lat - 59.94).abs() < 0.01 && (p.lon - 30.31).abs() < 0.01);
//! let words = ["Talks", "in", "St.", "Petersburg", "and", "New", "York"];
//! let found: Vec<(usize, usize)> = petrel_geo::find_places(&words).iter().map(|m| (m.0, m.1)).collect();
//! assert_eq!(found, vec![(2, 2), (5, 2)]);
//! ```
//!
//! # Choosing among candidates
//! Candidates are ranked by, in order:
//! 1. not being a first-level division that yields to a city (below);
//! 2. being in one of the hinted countries;
//! 3. a score: `log10(population)` (for divisions: the summed population of their 15,000+
//!    cities) + a feature bonus (country `A.PCLI` 3, national capital `P.PPLC` 2, first-level
//!    division `A.ADM1` and division seat `P.PPLA`/`P.PPLG` 1, lower seats `P.PPLA2..4` 0.5,
//!    other places 0) + 1 when the name is the entry's own (GeoNames name or ASCII name; for
//!    countries also the curated variants) rather than one of its alternate names;
//! 4. the lower geonameid (only so that the choice is deterministic).
//!
//! The score is the brief's "capital > seat > place, then population" made gradual: one feature
//! step is worth a tenfold population, so "Paris" is Paris, France, "Washington" the capital
//! rather than the state, but "Manchester" is the English city rather than a Jamaican parish,
//! "Delhi" Delhi rather than Dili (alternate name "Delhi"), "Odessa" the Ukrainian city rather
//! than Odessa, Texas, "Calcutta" Kolkata.
//!
//! A first-level division yields to a city of the same country with the same name that is a
//! capital or division seat or has 500,000+ people: "St. Petersburg" is the city, not the federal
//! subject `RU.66`; "New York" is New York City; "Donetsk" is the city.
//!
//! # Approximations (documented, deliberate)
//! - A country's coordinates are those of its capital (the `P.PPLC` city of that country, else the
//!   city named as capital in countryInfo, else its most populous city); nine territories
//!   without any city of 15,000 people (and the dissolved Serbia and Montenegro and Netherlands
//!   Antilles) use a hand-entered point (see `FALLBACK_POINTS`). Every country has the feature
//!   `A.PCLI` (dependencies included).
//! - Regions that are neither countries nor first-level divisions (Donbas, Darfur, Siberia) are
//!   listed in `country_variants.tsv` and resolve to their country.
//! - Landmarks that stand for a city in news ("the Kremlin", "the White House", "Downing
//!   Street") are alternate names of that city (`data/geonames/landmarks.tsv`): "met at the
//!   White House" is located in Washington.
//! - A first-level division's coordinates are those of its seat (most populous `P.PPLA` city in it),
//!   else of its most populous city, else of its country.
//! - Alternate names in non-Latin scripts and short all-capital codes (airport codes such as `LED`)
//!   are not indexed.
//!
//! # Diagnostics
//! Building never fails; rows it cannot use are reported in [`Gazetteer::diagnostics`] (the
//! embedded data produce none; a test keeps it so):
//! `G001` malformed countryInfo row, `G002` malformed admin1 row, `G003` malformed city row,
//! `G004` cities whose country code countryInfo lacks, `G005` malformed or unknown-country variant
//! row, `G006` the embedded city list does not decompress, `G007` a country without any point,
//! `G008` malformed landmark row or unknown geonameid.
//!
//! Data: GeoNames (<https://www.geonames.org/>), CC BY 4.0; see `data/geonames/README.md`.

mod norm;

pub use norm::key as name_key;

use petrel_model::event::Place;
use petrel_model::Diagnostic;
use std::collections::HashMap;
use std::io::Read;
use std::sync::OnceLock;

static CITIES_GZ: &[u8] = include_bytes!("../../../data/geonames/cities15000.txt.gz");
static COUNTRY_INFO: &str = include_str!("../../../data/geonames/countryInfo.txt");
static ADMIN1: &str = include_str!("../../../data/geonames/admin1CodesASCII.txt");
static VARIANTS: &str = include_str!("../../../data/geonames/country_variants.tsv");
static LANDMARKS: &str = include_str!("../../../data/geonames/landmarks.tsv");

/// Longest name, in words, that [`find_places`] looks for.
const MAX_NAME_WORDS: usize = 6;

/// Population from which a same-named city outranks its first-level division.
const BIG_CITY: u64 = 500_000;

/// Territories without a city of 15,000+ people: approximate (lat, lon) of their main settlement
/// or centre.
const FALLBACK_POINTS: &[(&str, f64, f64)] = &[
    ("ATA", -75.0, 0.0),     // Antarctica: a nominal interior point
    ("BES", 12.15, -68.27),  // Kralendijk, Bonaire
    ("BVT", -54.42, 3.36),   // Bouvet Island
    ("HMD", -53.08, 73.50),  // Heard Island
    ("TKL", -9.20, -171.85), // Tokelau (Atafu-Fakaofo area)
    ("UMI", 19.28, 166.65),  // Wake Island
    ("IOT", -7.31, 72.41),   // Diego Garcia
    ("SCG", 44.80, 20.47),   // Belgrade (Serbia and Montenegro, dissolved 2006)
    ("ANT", 12.11, -68.93),  // Willemstad (Netherlands Antilles, dissolved 2010)
];

/// CAMEO/older codes that differ from the ISO-3 codes of countryInfo.
const ISO3_ALIASES: &[(&str, &str)] = &[
    ("ROM", "ROU"),
    ("ZAR", "COD"),
    ("TMP", "TLS"),
    ("KSV", "XKX"),
    ("KOS", "XKX"),
    ("BUR", "MMR"),
];

/// What kind of thing an [`Entry`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Country,
    Admin1,
    City,
}

/// One gazetteer entry: a country, a first-level division or a city.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub geonameid: u32,
    /// GeoNames name (UTF-8).
    pub name: String,
    pub lat: f64,
    pub lon: f64,
    /// ISO 3166-1 alpha-3 ("" when the country code is not in countryInfo).
    pub country: String,
    /// FIPS 10-4 country code ("" when unknown).
    pub country_fips: String,
    /// GeoNames first-level division (`RU.66`), "" for countries and cities without one (146
    /// cities carry a code that the 2024 admin1 snapshot lacks; it is kept as given).
    pub admin1: String,
    /// GeoNames feature class and code (`P.PPLA`, `A.ADM1`, `A.PCLI`).
    pub feature: String,
    pub population: u64,
    pub kind: Kind,
}

impl Entry {
    /// Feature tier used in ranking (higher is preferred).
    fn tier(&self) -> u8 {
        match self.kind {
            Kind::Country => 7,
            Kind::Admin1 => 5,
            Kind::City => match self.feature.as_str() {
                "P.PPLC" => 6,
                "P.PPLA" | "P.PPLG" => 4,
                "P.PPLA2" | "P.PPLA3" | "P.PPLA4" => 3,
                f if f.starts_with("P.") => 2,
                _ => 1,
            },
        }
    }

    /// A city that makes a same-named first-level division of its country yield.
    fn is_seat_or_big_city(&self) -> bool {
        self.kind == Kind::City && (self.tier() >= 4 || self.population >= BIG_CITY)
    }

    /// The entry as a [`Place`] (every field but `mention`).
    pub fn to_place(&self) -> Place {
        Place {
            name: self.name.clone(),
            geonameid: self.geonameid,
            lat: self.lat,
            lon: self.lon,
            country: self.country.clone(),
            country_fips: self.country_fips.clone(),
            admin1: self.admin1.clone(),
            feature: self.feature.clone(),
            mention: Default::default(),
        }
    }
}

/// What resolution may use besides the name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Hints {
    /// ISO-3 codes of the countries of the event's actors (CAMEO codes such as `ROM`, and whole
    /// actor codes such as `USAGOV`, are accepted).
    pub countries: Vec<String>,
}

/// How a name found by [`find_places`] matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MatchKind {
    /// A place name (or a country's name variant).
    Name,
    /// A country adjective ("Russian", "British", also "German", which is besides a parish of the
    /// Isle of Man): the caller decides whether it names a place.
    Adjective,
}

/// One country row of countryInfo.
#[derive(Clone, Debug, PartialEq)]
pub struct Country {
    pub iso2: String,
    pub iso3: String,
    pub fips: String,
    pub name: String,
    pub capital: String,
    pub population: u64,
    pub geonameid: u32,
}

/// The countries of countryInfo, indexed by code.
#[derive(Clone, Debug, Default)]
pub struct Countries {
    pub list: Vec<Country>,
    by_iso3: HashMap<String, usize>,
    by_iso2: HashMap<String, usize>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Countries {
    /// Parse countryInfo.txt (`#` comment lines; tab-separated; see the GeoNames dump docs).
    /// Malformed rows are reported (`G001`) and skipped.
    pub fn parse(text: &str, file: &str) -> Countries {
        let mut c = Countries::default();
        for (n, line) in text.lines().enumerate() {
            let line_no = n as u32 + 1;
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            let geonameid = f.get(16).and_then(|s| s.trim().parse::<u32>().ok());
            let ok = f.len() >= 17 && f[0].len() == 2 && f[1].len() == 3;
            match (ok, geonameid) {
                (true, Some(geonameid)) => {
                    let country = Country {
                        iso2: f[0].to_string(),
                        iso3: f[1].to_string(),
                        fips: f[3].trim().to_string(),
                        name: f[4].trim().to_string(),
                        capital: f[5].trim().to_string(),
                        population: f[7].trim().parse().unwrap_or(0),
                        geonameid,
                    };
                    c.by_iso3.insert(country.iso3.clone(), c.list.len());
                    c.by_iso2.insert(country.iso2.clone(), c.list.len());
                    c.list.push(country);
                }
                _ => c.diagnostics.push(
                    Diagnostic::warning(
                        "G001",
                        format!(
                            "country row skipped: expected 17+ tab-separated fields with ISO2, ISO3 and a numeric geonameid, found {} fields: {:?}",
                            f.len(),
                            truncate(line, 80)
                        ),
                    )
                    .at(file, line_no),
                ),
            }
        }
        c
    }

    /// The embedded countryInfo table (parsed once; cheap, independent of the city index).
    pub fn embedded() -> &'static Countries {
        static C: OnceLock<Countries> = OnceLock::new();
        C.get_or_init(|| Countries::parse(COUNTRY_INFO, "<embedded>/geonames/countryInfo.txt"))
    }

    /// Country by ISO-3 code (or a known CAMEO alias such as `ROM`), case-insensitive.
    pub fn by_iso3(&self, iso3: &str) -> Option<&Country> {
        let up = canonical_iso3(iso3);
        self.by_iso3.get(up.as_str()).map(|&i| &self.list[i])
    }

    /// Country by ISO-2 code, case-insensitive.
    pub fn by_iso2(&self, iso2: &str) -> Option<&Country> {
        self.by_iso2
            .get(iso2.to_ascii_uppercase().as_str())
            .map(|&i| &self.list[i])
    }
}

/// Upper-cased ISO-3 code with CAMEO/older aliases mapped (`rom` -> `ROU`); a longer CAMEO actor
/// code gives its first three letters (`USAGOV` -> `USA`).
fn canonical_iso3(code: &str) -> String {
    let code = code.trim();
    let code = if code.len() > 3 && code.is_char_boundary(3) {
        &code[..3]
    } else {
        code
    };
    let up = code.to_ascii_uppercase();
    for (alias, iso) in ISO3_ALIASES {
        if up == *alias {
            return iso.to_string();
        }
    }
    up
}

fn truncate(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// FIPS 10-4 code of a country given by ISO-3 (`RUS` -> `RS`); `None` if unknown or without one.
pub fn iso3_to_fips(iso3: &str) -> Option<&'static str> {
    Countries::embedded()
        .by_iso3(iso3)
        .map(|c| c.fips.as_str())
        .filter(|f| !f.is_empty())
}

/// ISO 3166-1 alpha-2 code of a country given by ISO-3 (`RUS` -> `RU`).
pub fn iso3_to_iso2(iso3: &str) -> Option<&'static str> {
    Countries::embedded().by_iso3(iso3).map(|c| c.iso2.as_str())
}

/// GeoNames name of a country given by ISO-3 (`RUS` -> `Russia`).
pub fn country_name(iso3: &str) -> Option<&'static str> {
    Countries::embedded().by_iso3(iso3).map(|c| c.name.as_str())
}

/// One (key -> entry) link of the name index.
#[derive(Clone, Copy, Debug)]
struct Posting {
    hash: u64,
    /// Byte range of the key in [`NameIndex::arena`].
    off: u32,
    len: u32,
    entry: u32,
    adjective: bool,
    /// The entry's own name (GeoNames name/asciiname, a country's name), not an alternate.
    primary: bool,
}

/// Name keys -> entries, built for load speed: every key lives in one string arena and the
/// postings are one vector sorted by (key hash, key, entry), searched by binary search.
#[derive(Debug, Default)]
struct NameIndex {
    arena: String,
    posts: Vec<Posting>,
    distinct: usize,
}

/// FNV-1a: deterministic and fast enough for short keys.
fn fnv(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

impl NameIndex {
    fn key_of(&self, p: &Posting) -> &str {
        &self.arena[p.off as usize..(p.off + p.len) as usize]
    }

    fn add(&mut self, name: &str, entry: u32, adjective: bool, primary: bool) {
        self.add_unless(name, entry, adjective, primary, &[]);
    }

    /// [`NameIndex::add`], except a name whose key is one of `refused` (the key is made once,
    /// in place).
    fn add_unless(&mut self, name: &str, entry: u32, adjective: bool, primary: bool, refused: &[&str]) {
        let off = self.arena.len();
        norm::key_into(name, &mut self.arena);
        let len = self.arena.len() - off;
        if len < 2 || refused.contains(&&self.arena[off..]) {
            self.arena.truncate(off);
            return;
        }
        let hash = fnv(&self.arena.as_bytes()[off..]);
        // The same entry often repeats a key (name = asciiname = an alternate name).
        for i in (0..self.posts.len()).rev() {
            let p = self.posts[i];
            if p.entry != entry {
                break;
            }
            if p.hash == hash && p.len as usize == len && self.key_of(&p) == &self.arena[off..] {
                self.posts[i].adjective &= adjective;
                self.posts[i].primary |= primary;
                self.arena.truncate(off);
                return;
            }
        }
        self.posts.push(Posting {
            hash,
            off: off as u32,
            len: len as u32,
            entry,
            adjective,
            primary,
        });
    }

    /// Sort and merge duplicate (key, entry) postings; call once after the last `add`.
    fn finish(&mut self) {
        let arena = std::mem::take(&mut self.arena);
        let key = |p: &Posting| &arena.as_bytes()[p.off as usize..(p.off + p.len) as usize];
        self.posts.sort_unstable_by(|a, b| {
            a.hash
                .cmp(&b.hash)
                .then_with(|| key(a).cmp(key(b)))
                .then(a.entry.cmp(&b.entry))
        });
        let mut out: Vec<Posting> = Vec::with_capacity(self.posts.len());
        let mut distinct = 0;
        for p in self.posts.drain(..) {
            match out.last_mut() {
                Some(q) if q.hash == p.hash && key(q) == key(&p) => {
                    if q.entry == p.entry {
                        q.adjective &= p.adjective;
                        q.primary |= p.primary;
                        continue;
                    }
                }
                _ => distinct += 1,
            }
            out.push(p);
        }
        self.posts = out;
        self.arena = arena;
        self.distinct = distinct;
    }

    /// Postings of an already normalised key.
    fn get(&self, key: &str) -> &[Posting] {
        let h = fnv(key.as_bytes());
        let lo = self.posts.partition_point(|p| p.hash < h);
        let hi = lo + self.posts[lo..].partition_point(|p| p.hash == h);
        let run = &self.posts[lo..hi];
        // Different keys with the same hash (rare) sit side by side, sorted by key.
        let a = run.partition_point(|p| self.key_of(p) < key);
        let b = a + run[a..].partition_point(|p| self.key_of(p) == key);
        &run[a..b]
    }
}

/// The source texts of a gazetteer (all UTF-8, uncompressed; an empty text is an empty table).
#[derive(Clone, Copy, Debug, Default)]
pub struct Sources<'a> {
    /// GeoNames `countryInfo.txt`.
    pub country_info: &'a str,
    /// GeoNames `admin1CodesASCII.txt`.
    pub admin1: &'a str,
    /// GeoNames `cities15000.txt` (or any file of the `geoname` table layout).
    pub cities: &'a str,
    /// `ISO3<TAB>variant[<TAB>adj]`: other names and adjectives of countries.
    pub variants: &'a str,
    /// `name<TAB>geonameid[<TAB>note]`: landmarks standing for a place ("Kremlin" -> Moscow).
    pub landmarks: &'a str,
}

/// Per division: (seat (population, entry), biggest city (population, entry), summed population).
type DivisionAcc = (Option<(u64, usize)>, Option<(u64, usize)>, u64);

/// The gazetteer: entries plus a name index. Immutable once built.
#[derive(Debug, Default)]
pub struct Gazetteer {
    entries: Vec<Entry>,
    index: NameIndex,
    countries: Countries,
    diagnostics: Vec<Diagnostic>,
}

/// Words allowed in lower case inside a multi-word place name ("Isle of Man", "Rostov-on-Don").
const CONNECTORS: &[&str] = &[
    "of", "the", "and", "de", "del", "la", "le", "les", "da", "das", "do", "dos", "di", "du",
    "des", "el", "al", "an", "am", "on", "upon", "sur", "y", "e", "i", "ad", "en", "im", "bei",
];

/// Alternate names of GeoNames cities that, in English news, name something else
/// ("White House" is a translation of Casablanca; "Hamas" an old name of Hamm).
const NOT_PLACE_NAMES: &[&str] = &[
    "white house",
    "hamas",
    "africa",
    "asia",
    "europe",
    "america",
];

/// Prepositions after which a place name locates an event ([`Gazetteer::locate`]).
const LOCATIVES: &[&str] = &[
    "in",
    "at",
    "near",
    "outside",
    "inside",
    "around",
    "across",
    "throughout",
];

/// Capitalised English words that also name a place but, alone, are far more often something
/// else (sentence-initial words, titles, months): never reported alone by [`find_places`].
const SINGLE_WORD_STOPLIST: &[&str] = &[
    "a",
    "an",
    "the",
    "of",
    "in",
    "on",
    "at",
    "as",
    "is",
    "it",
    "he",
    "she",
    "we",
    "they",
    "this",
    "that",
    "there",
    "but",
    "and",
    "or",
    "so",
    "if",
    "no",
    "not",
    "all",
    "one",
    "two",
    "police",
    "president",
    "minister",
    "prime",
    "union",
    "independence",
    "liberty",
    "victory",
    "progress",
    "hope",
    "unity",
    "may",
    "march",
    "june",
    "july",
    "august",
    "sunday",
    "monday",
    "friday",
    "mobile",
    "split",
    "nice",
    "reading",
    "bath",
    "deal",
    "sale",
    "best",
    "university",
    "central",
    "north",
    "south",
    "east",
    "west",
    "eastern",
    "western",
    "northern",
    "southern",
    "new",
    "old",
    "saint",
    "santa",
    "san",
    "city",
    "state",
    "republic",
    "kingdom",
    "federation",
    "democratic",
    "islamic",
    "arab",
    "national",
    "mass",
    "said",
    "says",
    "after",
    "before",
    "then",
    "when",
    "while",
    "during",
    "with",
    "from",
    "for",
    "by",
    "to",
    "into",
    "over",
    "under",
    "also",
];

/// `Paris`, `US`, and elided forms such as `d'Ivoire`, `l'Aquila`.
fn capitalised(word: &str) -> bool {
    let mut cs = word.chars();
    match cs.next() {
        Some(c) if c.is_uppercase() => true,
        Some(c) if c.is_lowercase() => {
            let rest = cs.as_str();
            let rest = rest
                .strip_prefix(|c: char| c.is_lowercase())
                .unwrap_or(rest);
            let rest = rest.strip_prefix(['\'', '’']);
            rest.and_then(|r| r.chars().next())
                .is_some_and(|c| c.is_uppercase())
        }
        _ => false,
    }
}

/// A capitalised word that is not a connector ("Putin", "Post").
fn starts_name(word: &str) -> bool {
    word.chars().next().is_some_and(|c| c.is_uppercase()) && word.chars().any(|c| c.is_alphabetic())
}

fn is_punct(word: &str) -> bool {
    !word.is_empty() && word.chars().all(|c| !c.is_alphanumeric())
}

/// Bonus of an entry's own name over an alternate one, in the score of the crate docs.
const PRIMARY_NAME_BONUS: f64 = 1.0;

/// Ranking score (higher is better; see the crate docs): log10(population) + feature bonus +
/// own-name bonus.
fn score(e: &Entry, primary: bool) -> f64 {
    let feature = match e.tier() {
        7 => 3.0,     // country
        6 => 2.0,     // national capital
        5 | 4 => 1.0, // first-level division, division seat
        3 => 0.5,     // lower seats
        _ => 0.0,
    };
    (e.population.max(1) as f64).log10() + feature + if primary { PRIMARY_NAME_BONUS } else { 0.0 }
}

impl Gazetteer {
    /// The gazetteer built from the embedded GeoNames data (built once, on first use).
    pub fn embedded() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(|| {
            let mut text = String::new();
            let mut diags = Vec::new();
            let mut gz = flate2::read::GzDecoder::new(CITIES_GZ);
            if let Err(e) = gz.read_to_string(&mut text) {
                diags.push(
                    Diagnostic::error("G006", format!("cannot decompress the city list: {e}"))
                        .in_file("<embedded>/geonames/cities15000.txt.gz"),
                );
                text.clear();
            }
            let mut g = Gazetteer::from_sources(&Sources {
                country_info: COUNTRY_INFO,
                admin1: ADMIN1,
                cities: &text,
                variants: VARIANTS,
                landmarks: LANDMARKS,
            });
            diags.append(&mut g.diagnostics);
            g.diagnostics = diags;
            g
        })
    }

    /// Build a gazetteer from the texts of `countryInfo.txt`, `admin1CodesASCII.txt`,
    /// `cities15000.txt` (uncompressed) and `country_variants.tsv`. Malformed rows are reported in
    /// [`Gazetteer::diagnostics`] and skipped; nothing panics.
    pub fn from_parts(country_info: &str, admin1: &str, cities: &str, variants: &str) -> Gazetteer {
        Gazetteer::from_sources(&Sources {
            country_info,
            admin1,
            cities,
            variants,
            landmarks: "",
        })
    }

    /// Build a gazetteer from all its source texts (see [`Sources`]).
    pub fn from_sources(src: &Sources) -> Gazetteer {
        let Sources {
            country_info,
            admin1,
            cities,
            variants,
            landmarks,
        } = *src;
        let countries = Countries::parse(country_info, "countryInfo.txt");
        let mut g = Gazetteer {
            diagnostics: countries.diagnostics.clone(),
            ..Default::default()
        };
        g.index.arena.reserve(if cities.len() > 1_000_000 {
            3_000_000
        } else {
            0
        });
        g.index.posts.reserve(cities.len() / 25);

        // Countries: entries 0..n.
        for c in &countries.list {
            let id = g.entries.len() as u32;
            g.entries.push(Entry {
                geonameid: c.geonameid,
                name: c.name.clone(),
                lat: f64::NAN,
                lon: f64::NAN,
                country: c.iso3.clone(),
                country_fips: c.fips.clone(),
                admin1: String::new(),
                feature: "A.PCLI".into(),
                population: c.population,
                kind: Kind::Country,
            });
            g.add_primary_name(&c.name, id);
            // "The Netherlands" -> also "Netherlands"; "Bahamas" -> also "The Bahamas".
            match c.name.strip_prefix("The ") {
                Some(rest) => g.add_primary_name(rest, id),
                None => g.add_primary_name(&format!("the {}", c.name), id),
            }
        }
        g.add_variants(variants, &countries);

        // First-level divisions.
        let mut admin_by_code: HashMap<String, u32> = HashMap::new();
        for (n, line) in admin1.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            let parsed = (f.len() >= 4).then(|| (f[0], f[3].trim().parse::<u32>().ok()));
            let (code, geonameid) = match parsed {
                Some((code, Some(id))) if code.len() > 3 && code.as_bytes()[2] == b'.' => {
                    (code, id)
                }
                _ => {
                    g.diagnostics.push(
                        Diagnostic::warning(
                            "G002",
                            format!(
                                "division row skipped: expected `CC.CODE<TAB>name<TAB>asciiname<TAB>geonameid`, found {:?}",
                                truncate(line, 80)
                            ),
                        )
                        .at("admin1CodesASCII.txt", n as u32 + 1),
                    );
                    continue;
                }
            };
            let country = countries.by_iso2(&code[..2]);
            let id = g.entries.len() as u32;
            g.entries.push(Entry {
                geonameid,
                name: f[1].to_string(),
                lat: f64::NAN,
                lon: f64::NAN,
                country: country.map(|c| c.iso3.clone()).unwrap_or_default(),
                country_fips: country.map(|c| c.fips.clone()).unwrap_or_default(),
                admin1: code.to_string(),
                feature: "A.ADM1".into(),
                population: 0,
                kind: Kind::Admin1,
            });
            g.add_primary_name(f[1], id);
            g.add_primary_name(f[2], id);
            admin_by_code.insert(code.to_string(), id);
        }

        // Cities.
        let mut unknown_countries: HashMap<String, u32> = HashMap::new();
        let mut f: Vec<&str> = Vec::with_capacity(20);
        for (n, line) in cities.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            f.clear();
            f.extend(line.split('\t'));
            let nums = (f.len() >= 15).then(|| {
                (
                    f[0].parse::<u32>().ok(),
                    f[4].parse::<f64>().ok(),
                    f[5].parse::<f64>().ok(),
                )
            });
            let (geonameid, lat, lon) = match nums {
                Some((Some(id), Some(lat), Some(lon))) if lat.is_finite() && lon.is_finite() => {
                    (id, lat, lon)
                }
                _ => {
                    g.diagnostics.push(
                        Diagnostic::warning(
                            "G003",
                            format!(
                                "city row skipped: expected 15+ tab-separated fields with numeric geonameid, latitude and longitude, found {} fields: {:?}",
                                f.len(),
                                truncate(line, 80)
                            ),
                        )
                        .at("cities15000.txt", n as u32 + 1),
                    );
                    continue;
                }
            };
            let country = countries.by_iso2(f[8]);
            if country.is_none() {
                *unknown_countries.entry(f[8].to_string()).or_default() += 1;
            }
            let admin1 = if f[10].is_empty() {
                String::new()
            } else {
                format!("{}.{}", f[8], f[10])
            };
            let id = g.entries.len() as u32;
            g.entries.push(Entry {
                geonameid,
                name: f[1].to_string(),
                lat,
                lon,
                country: country.map(|c| c.iso3.clone()).unwrap_or_default(),
                country_fips: country.map(|c| c.fips.clone()).unwrap_or_default(),
                admin1,
                feature: format!("{}.{}", f[6], f[7]),
                population: f[14].trim().parse().unwrap_or(0),
                kind: Kind::City,
            });
            g.add_primary_name(f[1], id);
            g.add_primary_name(f[2], id);
            for alt in f[3].split(',') {
                if alt.len() < 2 || norm::has_non_latin_letter(alt) {
                    continue;
                }
                // Airport and other codes: `LED`, `NYC`.
                if alt.len() <= 4 && alt.bytes().all(|b| b.is_ascii_uppercase()) {
                    continue;
                }
                g.add_alternate_name(alt, id);
            }
        }
        let mut unknown: Vec<_> = unknown_countries.into_iter().collect();
        unknown.sort();
        for (cc, count) in unknown {
            g.diagnostics.push(
                Diagnostic::info(
                    "G004",
                    format!("{count} cities have country code {cc:?}, which countryInfo lacks; their country is left empty"),
                )
                .in_file("cities15000.txt"),
            );
        }

        g.add_landmarks(landmarks);
        g.index.finish();
        g.place_divisions(&admin_by_code);
        g.place_countries(&countries);
        g.countries = countries;
        g
    }

    fn add_primary_name(&mut self, name: &str, entry: u32) {
        self.index.add(name, entry, false, true);
    }

    /// An alternate name of a city or division, unless it is a known non-place phrase.
    fn add_alternate_name(&mut self, name: &str, entry: u32) {
        self.index.add_unless(name, entry, false, false, NOT_PLACE_NAMES);
    }

    /// `ISO3<TAB>variant[<TAB>adj]` rows; `#` comments.
    fn add_variants(&mut self, text: &str, countries: &Countries) {
        let by_iso3: HashMap<&str, u32> = countries
            .list
            .iter()
            .enumerate()
            .map(|(i, c)| (c.iso3.as_str(), i as u32))
            .collect();
        for (n, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            match (f.len() >= 2).then(|| by_iso3.get(f[0])).flatten() {
                Some(&id) => {
                    let adjective = f.get(2).is_some_and(|k| k.trim() == "adj");
                    self.index.add(f[1], id, adjective, true);
                }
                None => self.diagnostics.push(
                    Diagnostic::warning(
                        "G005",
                        format!(
                            "variant row skipped: expected `ISO3<TAB>name[<TAB>adj]` with a known ISO3, found {:?}",
                            truncate(line, 80)
                        ),
                    )
                    .at("country_variants.tsv", n as u32 + 1),
                ),
            }
        }
    }

    /// `name<TAB>geonameid[<TAB>note]` rows; `#` comments. The name becomes an alternate name of
    /// the entry with that geonameid.
    fn add_landmarks(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        let by_id: HashMap<u32, u32> = self
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.geonameid, i as u32))
            .collect();
        for (n, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            let entry = f
                .get(1)
                .and_then(|id| id.trim().parse::<u32>().ok())
                .and_then(|id| by_id.get(&id));
            match entry {
                Some(&entry) if !f[0].trim().is_empty() => self.index.add(f[0], entry, false, false),
                _ => self.diagnostics.push(
                    Diagnostic::warning(
                        "G008",
                        format!(
                            "landmark row skipped: expected `name<TAB>geonameid` with a geonameid in the gazetteer, found {:?}",
                            truncate(line, 80)
                        ),
                    )
                    .at("landmarks.tsv", n as u32 + 1),
                ),
            }
        }
    }

    /// Coordinates and population of first-level divisions (see the crate docs).
    fn place_divisions(&mut self, admin_by_code: &HashMap<String, u32>) {
        let mut acc: HashMap<u32, DivisionAcc> = HashMap::new();
        for (i, e) in self.entries.iter().enumerate() {
            if e.kind != Kind::City {
                continue;
            }
            let Some(&a) = admin_by_code.get(&e.admin1) else {
                continue;
            };
            let slot = acc.entry(a).or_default();
            if e.feature == "P.PPLA" && !matches!(slot.0, Some((p, _)) if p >= e.population) {
                slot.0 = Some((e.population, i));
            }
            if !matches!(slot.1, Some((p, _)) if p >= e.population) {
                slot.1 = Some((e.population, i));
            }
            slot.2 += e.population;
        }
        for (a, (seat, biggest, total)) in acc {
            if let Some((_, i)) = seat.or(biggest) {
                let (lat, lon) = (self.entries[i].lat, self.entries[i].lon);
                let d = &mut self.entries[a as usize];
                d.lat = lat;
                d.lon = lon;
            }
            self.entries[a as usize].population = total;
        }
    }

    /// Coordinates of countries, then of divisions still without any (see the crate docs).
    fn place_countries(&mut self, countries: &Countries) {
        let n = countries.list.len();
        let mut capital: Vec<Option<usize>> = vec![None; n];
        let mut named: Vec<Option<usize>> = vec![None; n];
        let mut biggest: Vec<Option<usize>> = vec![None; n];
        let by_iso3: HashMap<&str, usize> = countries
            .list
            .iter()
            .enumerate()
            .map(|(i, c)| (c.iso3.as_str(), i))
            .collect();
        let pop = |e: &Entry| e.population;
        for (i, e) in self.entries.iter().enumerate() {
            if e.kind != Kind::City {
                continue;
            }
            let Some(&c) = by_iso3.get(e.country.as_str()) else {
                continue;
            };
            let better =
                |cur: Option<usize>| !matches!(cur, Some(j) if pop(&self.entries[j]) >= pop(e));
            if e.feature == "P.PPLC" && better(capital[c]) {
                capital[c] = Some(i);
            }
            if !countries.list[c].capital.is_empty()
                && e.name == countries.list[c].capital
                && better(named[c])
            {
                named[c] = Some(i);
            }
            if better(biggest[c]) {
                biggest[c] = Some(i);
            }
        }
        for c in 0..n {
            let point = capital[c]
                .or(named[c])
                .or(biggest[c])
                .map(|i| (self.entries[i].lat, self.entries[i].lon));
            let point = point.or_else(|| {
                FALLBACK_POINTS
                    .iter()
                    .find(|f| f.0 == countries.list[c].iso3)
                    .map(|f| (f.1, f.2))
            });
            match point {
                Some((lat, lon)) => {
                    self.entries[c].lat = lat;
                    self.entries[c].lon = lon;
                }
                None => {
                    self.entries[c].lat = 0.0;
                    self.entries[c].lon = 0.0;
                    self.diagnostics.push(Diagnostic::warning(
                        "G007",
                        format!(
                            "country {} has no city and no fallback point; placed at (0, 0)",
                            countries.list[c].iso3
                        ),
                    ));
                }
            }
        }
        // Divisions without cities: their country's point.
        let country_point: HashMap<String, (f64, f64)> = self.entries[..n]
            .iter()
            .map(|e| (e.country.clone(), (e.lat, e.lon)))
            .collect();
        for e in self
            .entries
            .iter_mut()
            .filter(|e| e.kind == Kind::Admin1 && e.lat.is_nan())
        {
            let (lat, lon) = country_point.get(&e.country).copied().unwrap_or((0.0, 0.0));
            e.lat = lat;
            e.lon = lon;
        }
    }

    /// Problems found while building (malformed rows, unknown codes). Empty for the embedded data
    /// except for documented, harmless notes.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// Number of entries (countries + divisions + cities).
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Number of distinct name keys indexed.
    pub fn name_count(&self) -> usize {
        self.index.distinct
    }

    /// The countries table this gazetteer was built from.
    pub fn countries(&self) -> &Countries {
        &self.countries
    }

    /// Postings of `name`; a leading "the" is dropped when the whole name is unknown ("the U.S.").
    fn postings(&self, name: &str) -> &[Posting] {
        let key = norm::key(name);
        match self.index.get(&key) {
            [] => key
                .strip_prefix("the ")
                .map(|k| self.index.get(k))
                .unwrap_or(&[]),
            found => found,
        }
    }

    /// Every entry `name` may mean (case/diacritic-insensitive; `St.` = `Saint`), best first by
    /// the ranking of the crate docs without hints (what [`Gazetteer::resolve`] would pick first).
    pub fn candidates(&self, name: &str) -> Vec<&Entry> {
        self.ranked(name, &Hints::default())
    }

    /// Candidates best first under the ranking of the crate docs (a first-level division that
    /// yields to a same-named city of its country goes last).
    fn ranked(&self, name: &str, hints: &Hints) -> Vec<&Entry> {
        let posts = self.postings(name);
        let cands: Vec<&Entry> = posts
            .iter()
            .map(|p| &self.entries[p.entry as usize])
            .collect();
        let hinted: Vec<String> = hints.countries.iter().map(|c| canonical_iso3(c)).collect();
        let mut keyed: Vec<(bool, bool, f64, u32, &Entry)> = posts
            .iter()
            .zip(&cands)
            .map(|(p, &e)| {
                let yields = e.kind == Kind::Admin1
                    && cands
                        .iter()
                        .any(|c| c.country == e.country && c.is_seat_or_big_city());
                let is_hinted = !e.country.is_empty() && hinted.contains(&e.country);
                (!yields, is_hinted, score(e, p.primary), e.geonameid, e)
            })
            .collect();
        keyed.sort_by(|a, b| {
            (b.0, b.1)
                .cmp(&(a.0, a.1))
                .then(b.2.total_cmp(&a.2))
                .then(a.3.cmp(&b.3))
        });
        keyed.into_iter().map(|k| k.4).collect()
    }

    /// The place `name` most likely means given `hints` (see the crate docs), `None` if unknown.
    /// The returned place's `mention` is left empty for the caller to fill.
    pub fn resolve(&self, name: &str, hints: &Hints) -> Option<Place> {
        self.ranked(name, hints).first().map(|e| e.to_place())
    }

    /// The place where the event of a sentence most likely happened: the first place name
    /// (not an adjective) that follows a locative preposition ("in", "at", "near", "outside"...,
    /// possibly with "the" between), resolved with `hints`. `(start, len, place)`; `None` when no
    /// place name follows such a preposition ("talks between Washington and Moscow" has no
    /// location). A heuristic for callers without a parse: with one, prefer the place attached
    /// to the event's verb.
    pub fn locate(&self, words: &[&str], hints: &Hints) -> Option<(usize, usize, Place)> {
        self.find_places(words)
            .into_iter()
            .find_map(|(s, l, kind)| {
                if kind != MatchKind::Name || s == 0 {
                    return None;
                }
                let mut p = s - 1;
                if words[p].eq_ignore_ascii_case("the") && p > 0 {
                    p -= 1;
                }
                let prep = words[p].to_lowercase();
                if !LOCATIVES.contains(&prep.as_str()) {
                    return None;
                }
                let place = self.resolve(&words[s..s + l].join(" "), hints)?;
                Some((s, l, place))
            })
    }

    /// Place names in `words` (tokens of a sentence): `(start, len, kind)` for each longest match,
    /// left to right, without overlaps. A match starts and ends with a capitalised word; inside it
    /// only capitalised words, connectors ("of", "de", "on"...) and punctuation tokens (`.`, `-`)
    /// are allowed; common capitalised words are never reported alone (`May`, `Police`, `Nice`),
    /// and a one-word city or division name directly followed by another capitalised word is
    /// taken to be part of a person's or organisation's name ("Vladimir Putin", "Washington
    /// Post") and skipped (country names are always kept: "Russia Today" still yields Russia).
    pub fn find_places(&self, words: &[&str]) -> Vec<(usize, usize, MatchKind)> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < words.len() {
            if !capitalised(words[i]) {
                i += 1;
                continue;
            }
            let max = MAX_NAME_WORDS.min(words.len() - i);
            let mut found = None;
            for len in (1..=max).rev() {
                let span = &words[i..i + len];
                if !capitalised(span[len - 1]) {
                    continue;
                }
                let inner: &[&str] = if len > 2 { &span[1..len - 1] } else { &[] };
                let inner_ok = inner.iter().all(|w| {
                    capitalised(w) || is_punct(w) || CONNECTORS.contains(&w.to_lowercase().as_str())
                });
                if !inner_ok {
                    continue;
                }
                let k = norm::key_of_words(span);
                if len == 1 && SINGLE_WORD_STOPLIST.contains(&k.as_str()) {
                    continue;
                }
                let posts = self.index.get(&k);
                if !posts.is_empty() {
                    let kind = if posts.iter().any(|p| p.adjective) {
                        MatchKind::Adjective
                    } else {
                        MatchKind::Name
                    };
                    // "Vladimir Putin", "Washington Post": a one-word city or division name
                    // followed by another capitalised word is taken as part of another name.
                    let no_country = posts
                        .iter()
                        .all(|p| self.entries[p.entry as usize].kind != Kind::Country);
                    if len == 1 && no_country && words.get(i + 1).is_some_and(|w| starts_name(w)) {
                        break;
                    }
                    found = Some((len, kind));
                    break;
                }
            }
            match found {
                Some((len, kind)) => {
                    out.push((i, len, kind));
                    i += len;
                }
                None => i += 1,
            }
        }
        out
    }
}

/// [`Gazetteer::find_places`] on the embedded gazetteer.
pub fn find_places(words: &[&str]) -> Vec<(usize, usize, MatchKind)> {
    Gazetteer::embedded().find_places(words)
}
