//! Name keys: how place names are compared.
//!
//! A key is lower case, with Latin diacritics folded (`São Tomé` -> `sao tome`), `.` removed
//! (`U.S.` -> `us`), hyphens, apostrophes, commas and other punctuation turned into word breaks
//! (`Côte d'Ivoire` -> `cote d ivoire`), and the abbreviations `St`/`Ste`/`Mt`/`Ft` expanded
//! (`St. Petersburg` -> `saint petersburg`). Letters outside the Latin script are kept, lower-cased.

/// Base letters for U+00C0..U+024F (`_`: no single-letter base; see [`fold_char`]).
const LATIN_A: &[u8] = b"aaaaaa_ceeeeiiii_nooooo__uuuuy__aaaaaa_ceeeeiiii_nooooo__uuuuy_yaaaaaaccccccccdd__eeeeeeeeeegggggggghh__iiiiiiiii___jjkk_llllll____nnnnnn___oooooo__rrrrrrsssssssstttt__uuuuuuuuuuuuwwyyyzzzzzz_________________________________oo_____________uu____________________________aaiioouuuuuuuuuu_aaaa____ggkkoooo__j___gg__nnaa____aaaaeeeeiiiioooorrrruuuusstt__hh______aaeeooooooooyy____________________________";
/// Base letters for U+1E00..U+1EFF (Latin Extended Additional: Vietnamese and others).
const LATIN_X: &[u8] = b"aabbbbbbccddddddddddeeeeeeeeeeffgghhhhhhhhhhiiiikkkkkkllllllllmmmmmmnnnnnnnnoooooooopppprrrrrrrrssssssssssttttttttuuuuuuuuuuvvvvwwwwwwwwwwxxxxyyzzzzzzhtwy______aaaaaaaaaaaaaaaaaaaaaaaaeeeeeeeeeeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyy______";

/// Push the folded, lower-cased form of `c` onto `out`.
fn fold_char(c: char, out: &mut String) {
    let cp = c as u32;
    if cp < 0x80 {
        out.push(c.to_ascii_lowercase());
        return;
    }
    let special = match c {
        'Æ' | 'æ' | 'Ǣ' | 'ǣ' | 'Ǽ' | 'ǽ' => "ae",
        'Œ' | 'œ' => "oe",
        'ß' | 'ẞ' => "ss",
        'Þ' | 'þ' => "th",
        'Ð' | 'ð' | 'Đ' | 'đ' => "d",
        'Ø' | 'ø' | 'Ǿ' | 'ǿ' => "o",
        'Ł' | 'ł' => "l",
        'ı' => "i",
        'Ħ' | 'ħ' => "h",
        'Ŧ' | 'ŧ' => "t",
        'Ŋ' | 'ŋ' => "n",
        _ => "",
    };
    if !special.is_empty() {
        out.push_str(special);
        return;
    }
    let base = match cp {
        0xC0..=0x24F => LATIN_A[(cp - 0xC0) as usize],
        0x1E00..=0x1EFF => LATIN_X[(cp - 0x1E00) as usize],
        _ => b'_',
    };
    if base != b'_' {
        out.push(base as char);
    } else {
        out.extend(c.to_lowercase());
    }
}

/// True for characters that separate words in a key.
fn is_break(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '-' | '\''
                | '’'
                | '‘'
                | '`'
                | ','
                | ';'
                | ':'
                | '/'
                | '('
                | ')'
                | '"'
                | '“'
                | '”'
                | '‐'
                | '–'
                | '—'
        )
}

/// The comparison key of a name (see the module docs). Empty when the name has no letters/digits.
pub fn key(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 8);
    key_into(name, &mut out);
    out
}

/// Expand the abbreviation that ends `out` at `word_start` (`st` -> `saint`...).
fn end_word(out: &mut String, word_start: usize) {
    let expansion = match &out[word_start..] {
        "st" => "saint",
        "ste" => "sainte",
        "mt" => "mount",
        "ft" => "fort",
        _ => return,
    };
    out.truncate(word_start);
    out.push_str(expansion);
}

/// Append the key of `name` to `out` (which may hold other keys before it).
pub(crate) fn key_into(name: &str, out: &mut String) {
    let start = out.len();
    let mut word_start = start;
    let mut in_word = false;
    for c in name.chars() {
        if is_break(c) {
            if in_word {
                end_word(out, word_start);
                in_word = false;
            }
        } else if c == '.' || c == '\u{200B}' || c.is_control() {
            // `U.S.` -> `us`; `St.` -> `st`
        } else {
            if !in_word {
                if out.len() > start {
                    out.push(' ');
                }
                word_start = out.len();
                in_word = true;
            }
            fold_char(c, out);
        }
    }
    if in_word {
        end_word(out, word_start);
    }
}

/// Key of a sequence of words (tokens), as if joined with spaces.
pub fn key_of_words(words: &[&str]) -> String {
    key(&words.join(" "))
}

/// True when `name` contains a letter outside the Latin script (such alternate names are not indexed:
/// they cost load time and English news does not use them).
pub fn has_non_latin_letter(name: &str) -> bool {
    !name.is_ascii()
        && name.chars().any(|c| {
            let cp = c as u32;
            c.is_alphabetic() && cp > 0x24F && !(0x1E00..=0x1EFF).contains(&cp)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys() {
        let table = [
            ("St. Petersburg", "saint petersburg"),
            ("Saint-Pétersbourg", "saint petersbourg"),
            ("U.S.", "us"),
            ("Côte d'Ivoire", "cote d ivoire"),
            ("Côte d ' Ivoire", "cote d ivoire"),
            ("São Tomé", "sao tome"),
            ("Hà Nội", "ha noi"),
            ("Łódź", "lodz"),
            ("Straße", "strasse"),
            ("  New   York ", "new york"),
            ("...", ""),
            ("Москва", "москва"),
        ];
        for (name, want) in table {
            assert_eq!(key(name), want, "{name}");
        }
        assert_eq!(key_of_words(&["St", ".", "Petersburg"]), "saint petersburg");
    }

    #[test]
    fn scripts() {
        assert!(has_non_latin_letter("Москва"));
        assert!(has_non_latin_letter("北京"));
        assert!(!has_non_latin_letter("Hà Nội"));
        assert!(!has_non_latin_letter("Łódź-2"));
    }
}
