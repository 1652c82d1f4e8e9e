//! Which condition of GDPR art. 9(2) fits which area of a public authority's work, the national law
//! that fills each in, and which laws tell an activity's area, loaded from `src/law/data/art9.toml`
//! (read by the rule ART9-FIT).

use std::sync::OnceLock;

use serde::Deserialize;

use super::vocabulary::Area;
use super::{ActId, LegalRef};
use crate::i18n::Lang;

/// One point of art. 9(2) as the reference data describes it.
#[derive(Debug, Clone)]
pub struct Art9Letter {
    pub letter: char,
    /// What the point covers, in plain words.
    pub covers: String,
    /// `covers` in Danish.
    pub covers_da: String,
    /// The national law that fills it in, as an English sentence cites it; empty if none.
    pub national: String,
    /// `national` as a Danish sentence cites it.
    pub national_da: String,
    /// Where the national law differs by area: the areas and the law there.
    pub in_area: Vec<InArea>,
    /// The areas the point fits.
    pub areas: Vec<Area>,
    /// The point describes a situation, not a field of work (legal claims, a not-for-profit body's
    /// members), so it cannot carry a public authority's ordinary casework.
    pub narrow: bool,
}

/// The national law that fills a point in, in some areas only.
#[derive(Debug, Clone)]
pub struct InArea {
    pub areas: Vec<Area>,
    pub national: String,
    pub national_da: String,
}

/// A law that tells which area an activity belongs to, for an activity that states none.
#[derive(Debug, Clone)]
pub struct StatuteArea {
    pub areas: Vec<Area>,
    /// Lower-case words that identify the law in `law "..."`.
    pub names: Vec<String>,
    pub cites: Vec<StatuteCite>,
}

/// A citation that identifies a law of a [`StatuteArea`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatuteCite {
    /// Any provision of the act, or only § `number` of it.
    Act(ActId, Option<String>),
    /// Any `agreement "..."` (a collective agreement).
    Agreement,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Art9File {
    #[allow(dead_code)]
    meta: Meta,
    letter: Vec<LetterEntry>,
    #[serde(default)]
    statute: Vec<StatuteEntry>,
}

#[derive(Debug, Deserialize)]
struct Meta {
    // Kept in the file for the lawyer who updates it; the loader only checks they are there.
    #[allow(dead_code)]
    source: String,
    #[allow(dead_code)]
    checked: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LetterEntry {
    letter: String,
    covers: String,
    covers_da: String,
    national: String,
    national_da: String,
    areas: Vec<String>,
    #[serde(default)]
    narrow: bool,
    #[serde(default)]
    in_area: Vec<InAreaEntry>,
    #[allow(dead_code)]
    source: String,
    #[allow(dead_code)]
    checked: String,
    #[allow(dead_code)]
    #[serde(default)]
    note: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct InAreaEntry {
    areas: Vec<String>,
    national: String,
    national_da: String,
    #[allow(dead_code)]
    source: String,
    #[allow(dead_code)]
    checked: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StatuteEntry {
    areas: Vec<String>,
    names: Vec<String>,
    cites: Vec<String>,
    #[allow(dead_code)]
    source: String,
    #[allow(dead_code)]
    checked: String,
}

fn parse_file() -> &'static Art9File {
    static FILE: OnceLock<Art9File> = OnceLock::new();
    FILE.get_or_init(|| crate::law::table::read_table!("art9"))
}

fn areas_of(words: &[String], whose: &str) -> Vec<Area> {
    words
        .iter()
        .map(|w| {
            Area::from_keyword(w)
                .unwrap_or_else(|| panic!("src/law/data/art9.toml: {whose}: `{w}` is not an area"))
        })
        .collect()
}

/// The points of art. 9(2), a to j, in order.
pub fn art9_letters() -> &'static [Art9Letter] {
    static LETTERS: OnceLock<Vec<Art9Letter>> = OnceLock::new();
    LETTERS.get_or_init(|| {
        parse_file()
            .letter
            .iter()
            .map(|e| {
                let mut chars = e.letter.chars();
                let letter = match (chars.next(), chars.next()) {
                    (Some(c), None) => c,
                    _ => panic!("src/law/data/art9.toml: `{}` is not one letter", e.letter),
                };
                let whose = format!("letter {letter}");
                let areas = areas_of(&e.areas, &whose);
                let in_area = e
                    .in_area
                    .iter()
                    .map(|i| InArea {
                        areas: areas_of(&i.areas, &whose),
                        national: i.national.clone(),
                        national_da: i.national_da.clone(),
                    })
                    .collect();
                Art9Letter {
                    letter,
                    covers: e.covers.clone(),
                    covers_da: e.covers_da.clone(),
                    national: e.national.clone(),
                    national_da: e.national_da.clone(),
                    in_area,
                    areas,
                    narrow: e.narrow,
                }
            })
            .collect()
    })
}

/// The laws that tell an activity's area, in the order of the file.
pub fn statute_areas() -> &'static [StatuteArea] {
    static STATUTES: OnceLock<Vec<StatuteArea>> = OnceLock::new();
    STATUTES.get_or_init(|| {
        parse_file()
            .statute
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let whose = format!("statute {}", i + 1);
                let cites = e
                    .cites
                    .iter()
                    .map(|c| parse_cite(c).unwrap_or_else(|| {
                        panic!("src/law/data/art9.toml: {whose}: `{c}` is not `agreement`, `ACT` or `ACT NUMBER`")
                    }))
                    .collect();
                StatuteArea {
                    areas: areas_of(&e.areas, &whose),
                    names: e.names.iter().map(|n| n.to_lowercase()).collect(),
                    cites,
                }
            })
            .collect()
    })
}

fn parse_cite(text: &str) -> Option<StatuteCite> {
    if text == "agreement" {
        return Some(StatuteCite::Agreement);
    }
    let mut words = text.split_whitespace();
    let act = ActId::from_keyword(words.next()?)?;
    let number = words.next().map(str::to_string);
    match words.next() {
        None => Some(StatuteCite::Act(act, number)),
        Some(_) => None,
    }
}

impl StatuteArea {
    /// Does `citation` name this law? `lowercase` is the text of a `law "..."` citation in lowercase,
    /// made once by the caller for every law it is compared with.
    fn named_by(&self, citation: &LegalRef, lowercase: &str) -> bool {
        match citation {
            LegalRef::Law { .. } => self.names.iter().any(|n| lowercase.contains(n.as_str())),
            LegalRef::Agreement { .. } => self.cites.contains(&StatuteCite::Agreement),
            LegalRef::Provision { act, number, .. } => self.cites.iter().any(|c| match c {
                StatuteCite::Act(a, None) => a == act,
                StatuteCite::Act(a, Some(n)) => a == act && n == number,
                StatuteCite::Agreement => false,
            }),
        }
    }
}

/// The areas the law `citation` names belongs to, from the reference data; empty when it names
/// none the data knows.
pub fn areas_of_citation(citation: &LegalRef) -> Vec<Area> {
    let lowercase = match citation {
        LegalRef::Law { text, .. } => text.to_lowercase(),
        _ => String::new(),
    };
    let mut areas = Vec::new();
    let mut add = |area: Area| {
        if !areas.contains(&area) {
            areas.push(area);
        }
    };
    for statute in statute_areas()
        .iter()
        .filter(|s| s.named_by(citation, &lowercase))
    {
        statute.areas.iter().copied().for_each(&mut add);
    }
    // A sector statute's own data says its areas, for a typed citation (`servl 83`) and for the act
    // named in free text (`law "Lov om social service § 83"`).
    let acts = acts_by_name_and_area();
    match citation {
        LegalRef::Provision { act, .. } => acts[*act as usize].1.iter().copied().for_each(&mut add),
        LegalRef::Law { .. } => {
            for (names, act_areas) in acts {
                if names.iter().any(|n| lowercase.contains(n.as_str())) {
                    act_areas.iter().copied().for_each(&mut add);
                }
            }
        }
        LegalRef::Agreement { .. } => {}
    }
    areas
}

/// Each act's names (as a spec writes them in `law "..."`, lowercase) and areas, by [`ActId`],
/// read from the acts' data once.
fn acts_by_name_and_area() -> &'static [(&'static [String], Vec<Area>)] {
    static ACTS: OnceLock<Vec<(&'static [String], Vec<Area>)>> = OnceLock::new();
    ACTS.get_or_init(|| {
        ActId::ALL
            .into_iter()
            .map(|id| {
                let header = id.header();
                (
                    header.names.as_slice(),
                    areas_of(&header.areas, id.keyword()),
                )
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

    /// The national law that fills it in for processing in `area`, worded in `lang`; empty if none.
    pub fn national_in(&self, area: Area, lang: Lang) -> &str {
        let (en, da) = match self.in_area.iter().find(|i| i.areas.contains(&area)) {
            Some(i) => (&i.national, &i.national_da),
            None => (&self.national, &self.national_da),
        };
        match lang {
            Lang::En => en,
            Lang::Da => da,
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
    fn national_law_is_given_in_both_languages_and_overrides_name_listed_areas() {
        for l in art9_letters() {
            assert_eq!(
                l.national.is_empty(),
                l.national_da.is_empty(),
                "letter {}: national law in both languages or neither",
                l.letter
            );
            for i in &l.in_area {
                assert!(!i.national.is_empty() && !i.national_da.is_empty());
                for a in &i.areas {
                    assert!(
                        l.areas.contains(a),
                        "letter {}: `{}` has its own national law but is not among the areas",
                        l.letter,
                        a.keyword()
                    );
                }
            }
        }
    }

    #[test]
    fn employment_provisions_are_not_offered_for_social_security() {
        let b = art9_letter('b').unwrap();
        assert!(
            b.national_in(Area::Employment, Lang::En)
                .contains("§ 7, stk. 2")
        );
        assert!(
            b.national_in(Area::Social, Lang::En)
                .starts_with("the sector statute")
        );
        assert!(
            b.national_in(Area::Care, Lang::Da)
                .starts_with("sektorloven")
        );
        let h = art9_letter('h').unwrap();
        assert!(
            h.national_in(Area::Health, Lang::En)
                .contains("§ 7, stk. 3")
        );
        assert!(
            h.national_in(Area::Social, Lang::En)
                .starts_with("art. 9(3)")
        );
    }

    #[test]
    fn only_legal_claims_and_members_of_a_body_are_narrow() {
        let narrow: Vec<char> = art9_letters()
            .iter()
            .filter(|l| l.narrow)
            .map(|l| l.letter)
            .collect();
        assert_eq!(narrow, vec!['d', 'f']);
    }

    #[test]
    fn statutes_tell_their_area() {
        let law = |text: &str| LegalRef::Law {
            text: text.into(),
            span: crate::syntax::span::Span::SYNTHETIC,
        };
        // art9.toml's group says social; serviceloven's own data adds care (elderly care, § 83).
        assert_eq!(
            areas_of_citation(&law("Lov om social service")),
            vec![Area::Social, Area::Care]
        );
        assert_eq!(
            areas_of_citation(&law("Folkeskoleloven § 46")),
            vec![Area::School]
        );
        assert!(areas_of_citation(&law("Lov om kommunernes styrelse")).is_empty());
        assert!(areas_of_citation(&law("kommunestyrelsesloven § 8")).is_empty());
        assert!(areas_of_citation(&law("Lov om individuel boligstøtte")).is_empty());
        // A typed citation of a sector statute tells its area from the act's own data.
        let cite = |act: ActId, number: &'static str| LegalRef::Provision {
            act,
            number: number.into(),
            paragraph: None,
            point: None,
            span: crate::syntax::span::Span::SYNTHETIC,
        };
        assert_eq!(
            areas_of_citation(&cite(ActId::Fsl, "2")),
            vec![Area::School]
        );
        assert_eq!(
            areas_of_citation(&cite(ActId::Sul, "120")),
            vec![Area::Health, Area::Care]
        );
        assert!(areas_of_citation(&cite(ActId::Fvl, "28")).is_empty());
        let agreement = LegalRef::Agreement {
            text: "Overenskomst".into(),
            span: crate::syntax::span::Span::SYNTHETIC,
        };
        assert_eq!(areas_of_citation(&agreement), vec![Area::Employment]);
        for s in statute_areas() {
            assert!(!s.areas.is_empty() && !s.areas.contains(&Area::Other));
            assert!(!s.names.is_empty() || !s.cites.is_empty());
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
