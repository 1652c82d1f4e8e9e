//! Which condition of GDPR art. 9(2) fits which area of a public authority's work, loaded from
//! `src/law/data/art9.toml` (read by the rule ART9-FIT).

use std::sync::OnceLock;

use serde::Deserialize;

use super::vocabulary::Area;
use crate::i18n::Lang;

/// One point of art. 9(2) as the reference data describes it.
#[derive(Debug, Clone)]
pub struct Art9Letter {
    pub letter: char,
    /// What the point covers, in plain words.
    pub covers: String,
    /// `covers` in Danish.
    pub covers_da: String,
    /// The Danish provision that supplements it; empty if none.
    pub dbl: String,
    /// `dbl` in Danish (the same unless it has English words in it).
    pub dbl_da: String,
    /// The areas the point fits.
    pub areas: Vec<Area>,
}

#[derive(Debug, Deserialize)]
struct Art9File {
    letter: Vec<LetterEntry>,
}

#[derive(Debug, Deserialize)]
struct LetterEntry {
    letter: String,
    covers: String,
    covers_da: String,
    #[serde(default)]
    dbl: String,
    #[serde(default)]
    dbl_da: String,
    areas: Vec<String>,
    // Kept in the file for the lawyer who updates it; the loader only checks they are there.
    #[allow(dead_code)]
    source: String,
    #[allow(dead_code)]
    checked: String,
}

/// The points of art. 9(2), a to j, in order.
pub fn art9_letters() -> &'static [Art9Letter] {
    static LETTERS: OnceLock<Vec<Art9Letter>> = OnceLock::new();
    LETTERS.get_or_init(|| {
        let file: Art9File = toml::from_str(include_str!("data/art9.toml"))
            .unwrap_or_else(|e| panic!("src/law/data/art9.toml is malformed: {e}"));
        file.letter
            .into_iter()
            .map(|e| {
                let mut chars = e.letter.chars();
                let letter = match (chars.next(), chars.next()) {
                    (Some(c), None) => c,
                    _ => panic!("src/law/data/art9.toml: `{}` is not one letter", e.letter),
                };
                let areas = e
                    .areas
                    .iter()
                    .map(|w| {
                        Area::from_keyword(w).unwrap_or_else(|| {
                            panic!("src/law/data/art9.toml: letter {letter}: `{w}` is not an area")
                        })
                    })
                    .collect();
                Art9Letter {
                    letter,
                    covers: e.covers,
                    covers_da: e.covers_da,
                    dbl_da: if e.dbl_da.is_empty() {
                        e.dbl.clone()
                    } else {
                        e.dbl_da
                    },
                    dbl: e.dbl,
                    areas,
                }
            })
            .collect()
    })
}

impl Art9Letter {
    /// What the point covers, in `lang`.
    pub fn covers_in(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.covers,
            Lang::Da => &self.covers_da,
        }
    }

    /// The Danish provision that supplements it, worded in `lang`.
    pub fn dbl_in(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.dbl,
            Lang::Da => &self.dbl_da,
        }
    }
}

/// The entry for art. 9(2)(`letter`).
pub fn art9_letter(letter: char) -> Option<&'static Art9Letter> {
    art9_letters().iter().find(|l| l.letter == letter)
}

/// Does art. 9(2)(`letter`) fit processing in `area`?
pub fn fits(letter: char, area: Area) -> bool {
    art9_letter(letter).is_some_and(|l| l.areas.contains(&area))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_letter_a_to_j_is_present_once_in_order() {
        let letters: Vec<char> = art9_letters().iter().map(|l| l.letter).collect();
        assert_eq!(letters, ('a'..='j').collect::<Vec<_>>());
    }

    #[test]
    fn every_area_is_a_real_area_and_other_is_never_listed() {
        for l in art9_letters() {
            assert!(
                !l.covers.is_empty() && !l.covers_da.is_empty(),
                "letter {} says what it covers",
                l.letter
            );
            assert!(
                !l.areas.contains(&Area::Other),
                "letter {}: `other` is never checked and must not be listed",
                l.letter
            );
        }
    }

    #[test]
    fn legal_claims_is_not_a_ground_for_social_work() {
        assert!(fits('f', Area::LegalClaims));
        assert!(!fits('f', Area::Social));
        assert!(!fits('a', Area::Employment));
        assert!(fits('b', Area::Employment));
    }
}
