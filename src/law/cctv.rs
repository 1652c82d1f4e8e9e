//! TV surveillance under tv-overvågningsloven: the §§ a surveillance can rest on (`cctv tvol 2d`), the
//! deadline for its recordings and the grounds of § 4 c, stk. 5 for keeping them longer, loaded from the
//! `[cctv]` part of `src/law/data/tvol.toml` with where each comes from.

use std::sync::OnceLock;

use serde::Deserialize;

use crate::i18n::Lang;

/// A § that an activity's TV surveillance rests on.
#[derive(Debug, Deserialize)]
pub struct SurveillanceGround {
    /// As in the act's table: `2d` for § 2 d.
    pub section: String,
    /// Where the deadline for its recordings is set: `Tv-overvågningsloven § 4 d, stk. 3`.
    pub deletion: String,
    /// `deletion` as a Danish sentence cites it.
    pub deletion_da: String,
    /// The words of the grounds of § 4 c, stk. 5 its recordings may be kept longer for; empty when no
    /// exception is allowed (§ 4 d, stk. 3).
    pub exceptions: Vec<String>,
    /// Processing only with explicit consent or to promote safety (§ 4 d, stk. 1).
    pub purposes_limited: bool,
    /// The places it allows the surveillance of, among those the act limits ([`Cctv::regulated`]).
    #[serde(default)]
    pub covers: Vec<String>,
    #[serde(default)]
    pub verified: bool,
}

impl SurveillanceGround {
    /// Whether the ground allows filming `place`; a place the act does not limit is always allowed.
    pub fn covers(&self, place: &Place) -> bool {
        !cctv().regulated.places.contains(&place.word) || self.covers.contains(&place.word)
    }

    /// Where the deadline is set, in `lang`.
    pub fn deletion_in(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.deletion,
            Lang::Da => &self.deletion_da,
        }
    }

    /// Whether recordings may be kept longer for `ground`.
    pub fn allows(&self, ground: &ExceptionGround) -> bool {
        self.exceptions.contains(&ground.word)
    }

    /// The section as a citation writes it: `§ 2 d`.
    pub fn cited(&self) -> String {
        cited_section(&self.section)
    }
}

/// A ground of § 4 c, stk. 5 for keeping recordings longer than the deadline.
#[derive(Debug, Deserialize)]
pub struct ExceptionGround {
    /// The word in a spec: `dispute`.
    pub word: String,
    /// Where set, the person recorded must be told within this many days (and given a copy on request).
    #[serde(default)]
    pub notify_days: Option<u32>,
    #[serde(default)]
    pub verified: bool,
}

/// Where cameras film (`cameras at own_entrances`).
#[derive(Debug, Deserialize)]
pub struct Place {
    /// The word in a spec: `own_entrances`.
    pub word: String,
    /// What it means.
    pub what: String,
    pub what_da: String,
    /// Tv-overvågningsloven requires notice by signs of surveillance here (§ 3, stk. 1; § 3 a).
    pub signs: bool,
    /// An area used for general traffic: registration in POLCAM (§ 2 e).
    pub traffic: bool,
    #[serde(default)]
    pub verified: bool,
}

impl Place {
    /// What it means, in `lang`.
    pub fn what_in(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.what,
            Lang::Da => &self.what_da,
        }
    }
}

/// The places the act lets an authority film only on a ground.
#[derive(Debug, Deserialize)]
pub struct Regulated {
    pub places: Vec<String>,
}

/// A duty of the act as a finding cites it: `§ 3, stk. 1`.
#[derive(Debug, Deserialize)]
pub struct Duty {
    pub cited: String,
    #[serde(default)]
    pub verified: bool,
}

#[derive(Debug, Deserialize)]
pub struct Cctv {
    /// Recordings are deleted no later than this many days after they were made.
    pub limit_days: u32,
    /// The provisions that set the limit, for a surveillance whose ground is not stated.
    pub deletion: String,
    pub deletion_da: String,
    pub source: String,
    pub checked: String,
    #[serde(rename = "ground")]
    pub grounds: Vec<SurveillanceGround>,
    #[serde(rename = "exception")]
    pub exceptions: Vec<ExceptionGround>,
    #[serde(rename = "place")]
    pub places: Vec<Place>,
    pub regulated: Regulated,
    /// Private persons' duty to give notice by signs.
    pub signs: Duty,
    /// Public authorities' duty to give notice by signs.
    pub signs_public: Duty,
    /// The duty to register in POLCAM.
    pub registration: Duty,
}

impl Cctv {
    /// The provisions that set the limit, in `lang`, for a surveillance whose ground is not stated.
    pub fn deletion_in(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.deletion,
            Lang::Da => &self.deletion_da,
        }
    }

    /// The ground for `section` (`2d`), if the data knows it as one.
    pub fn ground(&self, section: &str) -> Option<&SurveillanceGround> {
        self.grounds.iter().find(|g| g.section == section)
    }

    /// The exception ground written `word`.
    pub fn exception(&self, word: &str) -> Option<&ExceptionGround> {
        self.exceptions.iter().find(|e| e.word == word)
    }

    /// The place written `word`.
    pub fn place(&self, word: &str) -> Option<&Place> {
        self.places.iter().find(|p| p.word == word)
    }

    /// The words of every place, for messages and did-you-mean.
    pub fn place_words(&self) -> Vec<&str> {
        self.places.iter().map(|p| p.word.as_str()).collect()
    }

    /// The words of every exception ground, for messages and did-you-mean.
    pub fn exception_words(&self) -> Vec<&str> {
        self.exceptions.iter().map(|e| e.word.as_str()).collect()
    }

    /// Every ground as written after `cctv`: `tvol 2a, tvol 2c, ...`.
    pub fn ground_citations(&self) -> String {
        self.grounds
            .iter()
            .map(|g| format!("`tvol {}`", g.section))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// `2d` → `§ 2 d`.
fn cited_section(section: &str) -> String {
    let digits = section.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let letter = &section[digits.len()..];
    if letter.is_empty() {
        format!("§ {digits}")
    } else {
        format!("§ {digits} {letter}")
    }
}

#[derive(Deserialize)]
struct TvolFile {
    cctv: Cctv,
}

/// The TV-surveillance data of tvol.toml, loaded once.
pub fn cctv() -> &'static Cctv {
    static CCTV: OnceLock<Cctv> = OnceLock::new();
    CCTV.get_or_init(|| {
        let file: TvolFile = crate::law::table::read_table!("tvol");
        file.cctv
    })
}

/// `place("workplace")`, for the resolver's word check.
pub fn place(word: &str) -> Option<&'static Place> {
    cctv().place(word)
}

/// `exception_ground("dispute")`, for the resolver's word check.
pub fn exception_ground(word: &str) -> Option<&'static ExceptionGround> {
    cctv().exception(word)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::law::ActId;

    #[test]
    fn every_ground_and_exception_is_consistent_with_the_act() {
        let data = cctv();
        assert_eq!(data.limit_days, 30, "§ 4 c, stk. 4 and § 4 d, stk. 3");
        assert!(!data.source.is_empty() && !data.checked.is_empty());
        for ground in &data.grounds {
            assert!(
                ActId::Tvol.act().provision(&ground.section).is_some(),
                "§ {} is not in tvol.toml",
                ground.section
            );
            for word in &ground.exceptions {
                assert!(data.exception(word).is_some(), "unknown exception {word}");
            }
        }
        // § 4 d, stk. 3: a municipality's recordings under §§ 2 a and 2 c have no exception.
        for section in ["2a", "2c"] {
            let ground = data.ground(section).unwrap();
            assert!(ground.exceptions.is_empty() && ground.purposes_limited);
        }
        assert_eq!(data.exception("dispute").unwrap().notify_days, Some(30));
        for ground in &data.grounds {
            for word in &ground.covers {
                assert!(data.place(word).is_some(), "unknown place {word}");
            }
        }
        for word in &data.regulated.places {
            assert!(data.place(word).is_some(), "unknown place {word}");
        }
        // § 2 d: only areas next to the authority's own entrances and facades.
        let public_area = data.place("public_area").unwrap();
        assert!(!data.ground("2d").unwrap().covers(public_area) && public_area.traffic);
        assert!(data.ground("2c").unwrap().covers(public_area));
        assert_eq!(cited_section("2d"), "§ 2 d");
        assert_eq!(cited_section("2"), "§ 2");
    }
}
