//! The data subject's rights a notice tells of (art. 15–22, 7(3) and 77 GDPR, with the Danish
//! restrictions), which of them apply to an activity's bases, and the supervisory authority to
//! complain to. Law data: src/law/data/rights.toml, each fact with its source and date checked.
//! Filled in by the package `lawdata` (issue 13); the signatures below are what `hjemmel notice`
//! and the NOTICE rules read.

use std::borrow::Cow;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::i18n::Lang;
use crate::law::ActId;
use crate::law::citation::{LegalRef, Point};

/// One right, as a notice states it.
#[derive(Debug)]
pub struct Right {
    /// A stable key: `access`, `rectification`, `erasure`, `restriction`, `portability`,
    /// `objection`, `withdraw_consent`, `automated_decisions`, `complaint`.
    pub key: &'static str,
    /// The provision, as hjemmel cites it: `gdpr 15`, `gdpr 20`, ...
    pub provision: &'static str,
    /// The sentence of the notice in Danish ("Du har ret til ...") and in English.
    pub da: &'static str,
    pub en: &'static str,
    /// The sentence where the right's condition is met only by a basis given `in some cases`
    /// ("I de sager, hvor vi bruger dit samtykke, ..."); empty for a right without a condition.
    pub da_some_cases: &'static str,
    pub en_some_cases: &'static str,
    /// The limit the notice adds where one of `limit_when` is a basis (erasure: art. 17(3)(b));
    /// empty when the right has none.
    pub limit_da: &'static str,
    pub limit_en: &'static str,
    /// Where the condition was read.
    pub source: &'static str,
    pub verified: bool,
    /// The right applies only where one of these is a basis (empty: whatever the basis).
    any_of: Vec<GdprPoint>,
    /// The right never applies where one of these is a basis.
    none_of: Vec<GdprPoint>,
    limit_when: Vec<GdprPoint>,
}

/// The authority a data subject may complain to (art. 77), with its contact details.
#[derive(Debug)]
pub struct Authority {
    pub name_da: &'static str,
    pub name_en: &'static str,
    pub address: &'static str,
    pub phone: &'static str,
    pub email: &'static str,
    pub web: &'static str,
    /// Where the details were read, and when.
    pub source: &'static str,
    /// Whether every detail was read in `source`.
    pub verified: bool,
}

/// A restriction of the rights a spec can declare (databeskyttelsesloven § 22, art. 17(3)), with
/// the sentence a notice states for it.
#[derive(Debug)]
pub struct Restriction {
    /// As hjemmel cites it: `dbl 22(2)`.
    pub provision: &'static str,
    pub da: &'static str,
    pub en: &'static str,
    pub source: &'static str,
    pub verified: bool,
    pattern: Pattern,
}

/// Whether a right applies to every case of an activity or only to the cases a basis given
/// `in some cases` covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Every,
    SomeCases,
}

/// A right as one activity's notice states it.
#[derive(Debug, Clone, Copy)]
pub struct RightFor {
    pub right: &'static Right,
    pub scope: Scope,
    /// The right's limit applies (a basis of `limit_when` is cited).
    pub limited: bool,
}

impl RightFor {
    /// The notice's sentence(s) for the right: the right, then its limit where there is one;
    /// borrowed from the law data where no limit is added to it (nearly every right a notice
    /// says), so that saying it costs no copy.
    pub fn words(&self, lang: Lang) -> Cow<'static, str> {
        let r = self.right;
        let (every, some, limit) = match lang {
            Lang::Da => (r.da, r.da_some_cases, r.limit_da),
            Lang::En => (r.en, r.en_some_cases, r.limit_en),
        };
        let text = match self.scope {
            Scope::SomeCases if !some.is_empty() => some,
            _ => every,
        };
        if self.limited && !limit.is_empty() {
            let mut limited = String::with_capacity(text.len() + 1 + limit.len());
            limited.push_str(text);
            limited.push(' ');
            limited.push_str(limit);
            Cow::Owned(limited)
        } else {
            Cow::Borrowed(text)
        }
    }
}

impl Right {
    fn applies(&self, bases: &[&LegalRef]) -> bool {
        let cites = |points: &[GdprPoint]| bases.iter().any(|b| points.iter().any(|p| p.is(b)));
        (self.any_of.is_empty() || cites(&self.any_of)) && !cites(&self.none_of)
    }

    fn limited(&self, bases: &[&LegalRef]) -> bool {
        bases
            .iter()
            .any(|b| self.limit_when.iter().any(|p| p.is(b)))
    }
}

/// The rights that apply to an activity with these bases (every case and some cases together), in
/// the order a notice lists them: no portability for art. 6(1)(e) alone, objection only for (e) and
/// (f), withdrawal only where consent is a basis.
pub fn rights_for(bases: &[&LegalRef]) -> Vec<&'static Right> {
    data().rights.iter().filter(|r| r.applies(bases)).collect()
}

/// The rights of an activity whose bases of every case are `every` and whose bases of some cases
/// (`basis ... in some cases`) are `some`: a right whose condition only a basis of some cases meets
/// is stated for those cases ([`Scope::SomeCases`]); a basis that excludes a right (art. 20(3))
/// excludes it wherever it stands.
pub fn rights_for_cases(every: &[&LegalRef], some: &[&LegalRef]) -> Vec<RightFor> {
    let all: Vec<&LegalRef> = every.iter().chain(some).copied().collect();
    data()
        .rights
        .iter()
        .filter(|r| r.applies(&all))
        .map(|right| RightFor {
            right,
            scope: if right.applies(every) {
                Scope::Every
            } else {
                Scope::SomeCases
            },
            limited: right.limited(&all),
        })
        .collect()
}

/// Datatilsynet.
pub fn supervisory_authority() -> &'static Authority {
    &data().authority
}

/// The restriction of the rights a citation declares (`dbl 22(2)(4)` → § 22, stk. 2), the most
/// specific entry of the law data it falls under; `None` for a citation that restricts no right
/// the law data knows (a `law "..."`, `tvol 4c(5)`).
pub fn restriction(citation: &LegalRef) -> Option<&'static Restriction> {
    data()
        .restrictions
        .iter()
        .filter(|r| r.pattern.matches(citation))
        .max_by_key(|r| r.pattern.depth())
}

/// The sentence a notice states for a restriction the spec declares (`exception CITATION "reason"`,
/// `notice exempt CITATIONS`, `erasure refused "reason" under CITATIONS`): the law data's sentence
/// for the provision cited, else the spec's own reason (the notice's words, as for `exception law
/// "Arkivloven" "..."`); `None` when there is neither. Takes the citation and reason rather than the
/// model's declaration, so that the law data knows nothing of the layers above it.
pub fn restriction_sentence(
    citation: &LegalRef,
    reason: Option<&str>,
    lang: Lang,
) -> Option<Cow<'static, str>> {
    if let Some(r) = restriction(citation) {
        return Some(Cow::Borrowed(match lang {
            Lang::Da => r.da,
            Lang::En => r.en,
        }));
    }
    reason.map(|reason| Cow::Owned(reason.to_string()))
}

/// Every right the law data knows, in the order a notice lists them.
pub fn all_rights() -> &'static [Right] {
    &data().rights
}

/// Every restriction the law data knows.
pub fn all_restrictions() -> &'static [Restriction] {
    &data().restrictions
}

/// A point of the GDPR a right's condition names: `6(1)(a)`.
#[derive(Debug)]
struct GdprPoint {
    article: &'static str,
    paragraph: u32,
    letter: char,
}

impl GdprPoint {
    fn parse(text: &'static str) -> GdprPoint {
        let p = Pattern::parse(&format!("gdpr {text}"))
            .filter(|p| p.paragraph.is_some() && matches!(p.point, Some(Point::Letter(_))));
        let Some(Pattern {
            number,
            paragraph: Some(paragraph),
            point: Some(Point::Letter(letter)),
            ..
        }) = p
        else {
            panic!("src/law/data/rights.toml: `{text}` is not a point of the GDPR such as 6(1)(a)")
        };
        let article = &text[..number.len()];
        GdprPoint {
            article,
            paragraph,
            letter,
        }
    }

    fn is(&self, basis: &LegalRef) -> bool {
        basis.is_gdpr(self.article, self.paragraph, Some(self.letter))
    }
}

/// A provision as the law data writes it, `dbl 22(2)`, that a citation may fall under.
#[derive(Debug)]
struct Pattern {
    act: ActId,
    number: String,
    paragraph: Option<u32>,
    point: Option<Point>,
}

impl Pattern {
    fn parse(text: &str) -> Option<Pattern> {
        let (keyword, rest) = text.split_once(' ')?;
        let act = ActId::from_keyword(keyword)?;
        let (number, parts) = rest.split_once('(').unwrap_or((rest, ""));
        let parts: Vec<&str> = parts.split(['(', ')']).filter(|p| !p.is_empty()).collect();
        let paragraph = match parts.first() {
            Some(p) => Some(p.parse().ok()?),
            None => None,
        };
        let point = match parts.get(1) {
            Some(p) => Some(match p.parse() {
                Ok(n) => Point::Number(n),
                Err(_) => {
                    let mut chars = p.chars();
                    let c = chars.next()?;
                    if chars.next().is_some() {
                        return None;
                    }
                    Point::Letter(c)
                }
            }),
            None => None,
        };
        if parts.len() > 2 || number.is_empty() {
            return None;
        }
        Some(Pattern {
            act,
            number: number.to_string(),
            paragraph,
            point,
        })
    }

    fn matches(&self, citation: &LegalRef) -> bool {
        citation.is(self.act, &self.number, self.paragraph, self.point)
    }

    fn depth(&self) -> u8 {
        u8::from(self.paragraph.is_some()) + u8::from(self.point.is_some())
    }
}

struct Data {
    rights: Vec<Right>,
    restrictions: Vec<Restriction>,
    authority: Authority,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[allow(dead_code)] // kept in the file for the lawyer who updates it
    meta: Meta,
    right: Vec<RightEntry>,
    #[serde(default)]
    restriction: Vec<RestrictionEntry>,
    authority: AuthorityEntry,
}

#[derive(Deserialize)]
struct Meta {
    #[allow(dead_code)]
    source: String,
    #[allow(dead_code)]
    checked: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RightEntry {
    key: String,
    provision: String,
    #[serde(default)]
    any_of: Vec<String>,
    #[serde(default)]
    none_of: Vec<String>,
    da: String,
    en: String,
    #[serde(default)]
    da_some_cases: String,
    #[serde(default)]
    en_some_cases: String,
    #[serde(default)]
    limit_when: Vec<String>,
    #[serde(default)]
    limit_da: String,
    #[serde(default)]
    limit_en: String,
    source: String,
    verified: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RestrictionEntry {
    provision: String,
    da: String,
    en: String,
    source: String,
    verified: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AuthorityEntry {
    name_da: String,
    name_en: String,
    address: String,
    phone: String,
    email: String,
    web: String,
    source: String,
    verified: bool,
}

/// The file is read once; its strings live as long as the program (the table is never dropped),
/// which is what lets [`Right`] hand out `&'static str`.
fn data() -> &'static Data {
    static FILE: OnceLock<File> = OnceLock::new();
    static DATA: OnceLock<Data> = OnceLock::new();
    DATA.get_or_init(|| {
        let file: &'static File = FILE.get_or_init(|| crate::law::table::read_table!("rights"));
        let points = |list: &'static [String]| -> Vec<GdprPoint> {
            list.iter().map(|p| GdprPoint::parse(p)).collect()
        };
        let rights = file
            .right
            .iter()
            .map(|e| Right {
                key: &e.key,
                provision: &e.provision,
                da: &e.da,
                en: &e.en,
                da_some_cases: &e.da_some_cases,
                en_some_cases: &e.en_some_cases,
                limit_da: &e.limit_da,
                limit_en: &e.limit_en,
                source: &e.source,
                verified: e.verified,
                any_of: points(&e.any_of),
                none_of: points(&e.none_of),
                limit_when: points(&e.limit_when),
            })
            .collect();
        let restrictions = file
            .restriction
            .iter()
            .map(|e| Restriction {
                provision: &e.provision,
                da: &e.da,
                en: &e.en,
                source: &e.source,
                verified: e.verified,
                pattern: Pattern::parse(&e.provision).unwrap_or_else(|| {
                    panic!(
                        "src/law/data/rights.toml: `{}` is not a provision",
                        e.provision
                    )
                }),
            })
            .collect();
        let a = &file.authority;
        Data {
            rights,
            restrictions,
            authority: Authority {
                name_da: &a.name_da,
                name_en: &a.name_en,
                address: &a.address,
                phone: &a.phone,
                email: &a.email,
                web: &a.web,
                source: &a.source,
                verified: a.verified,
            },
        }
    })
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;
    use crate::syntax::span::Span;

    fn cite(
        act: ActId,
        number: &'static str,
        paragraph: Option<u32>,
        point: Option<Point>,
    ) -> LegalRef {
        LegalRef::Provision {
            act,
            number: Cow::Borrowed(number),
            paragraph,
            point,
            span: Span::SYNTHETIC,
        }
    }

    fn gdpr(article: &'static str, paragraph: u32, letter: char) -> LegalRef {
        cite(
            ActId::Gdpr,
            article,
            Some(paragraph),
            Some(Point::Letter(letter)),
        )
    }

    fn keys(bases: &[LegalRef]) -> Vec<&'static str> {
        let refs: Vec<&LegalRef> = bases.iter().collect();
        rights_for(&refs).iter().map(|r| r.key).collect()
    }

    const ALWAYS: [&str; 6] = [
        "access",
        "rectification",
        "erasure",
        "restriction",
        "automated_decisions",
        "complaint",
    ];

    fn assert_keys(bases: &[LegalRef], with: &[&str], without: &[&str]) {
        let got = keys(bases);
        for key in ALWAYS.iter().chain(with) {
            assert!(got.contains(key), "{key} missing for {bases:?}: {got:?}");
        }
        for key in without {
            assert!(!got.contains(key), "{key} given for {bases:?}: {got:?}");
        }
    }

    /// A right's words are its sentence for the cases it is said for, with its limit after a
    /// space when one applies; borrowed from the law data unless a limit is added.
    #[test]
    fn a_rights_words_are_borrowed_unless_its_limit_is_added() {
        let mut limits_added = 0;
        for right in all_rights() {
            for (scope, limited) in [
                (Scope::Every, false),
                (Scope::Every, true),
                (Scope::SomeCases, false),
                (Scope::SomeCases, true),
            ] {
                let said = RightFor {
                    right,
                    scope,
                    limited,
                };
                for lang in Lang::ALL {
                    let (every, some, limit) = match lang {
                        Lang::Da => (right.da, right.da_some_cases, right.limit_da),
                        Lang::En => (right.en, right.en_some_cases, right.limit_en),
                    };
                    let text = if scope == Scope::SomeCases && !some.is_empty() {
                        some
                    } else {
                        every
                    };
                    let adds_limit = limited && !limit.is_empty();
                    let expected = if adds_limit {
                        format!("{text} {limit}")
                    } else {
                        text.to_string()
                    };
                    let words = said.words(lang);
                    assert_eq!(words, expected, "{} {lang:?}", right.key);
                    assert_eq!(
                        matches!(words, Cow::Borrowed(_)),
                        !adds_limit,
                        "{}",
                        right.key
                    );
                    limits_added += usize::from(adds_limit);
                }
            }
        }
        assert!(limits_added > 0, "the law data has a right with a limit");
    }

    #[test]
    fn public_task_alone_objection_but_no_portability_or_withdrawal() {
        assert_keys(
            &[gdpr("6", 1, 'e')],
            &["objection"],
            &["portability", "withdraw_consent"],
        );
    }

    #[test]
    fn consent_portability_and_withdrawal_but_no_objection() {
        assert_keys(
            &[gdpr("6", 1, 'a')],
            &["portability", "withdraw_consent"],
            &["objection"],
        );
    }

    #[test]
    fn legal_obligation_neither_objection_nor_portability() {
        assert_keys(
            &[gdpr("6", 1, 'c')],
            &[],
            &["objection", "portability", "withdraw_consent"],
        );
    }

    #[test]
    fn legitimate_interests_objection_only() {
        assert_keys(
            &[gdpr("6", 1, 'f')],
            &["objection"],
            &["portability", "withdraw_consent"],
        );
    }

    #[test]
    fn contract_portability_without_withdrawal() {
        assert_keys(
            &[gdpr("6", 1, 'b')],
            &["portability"],
            &["objection", "withdraw_consent"],
        );
    }

    #[test]
    fn explicit_consent_with_public_task_withdrawal_and_objection_but_no_portability() {
        // Art. 20(3): a task in the public interest excludes portability even where explicit
        // consent (9(2)(a)) is a basis too.
        assert_keys(
            &[gdpr("9", 2, 'a'), gdpr("6", 1, 'e')],
            &["withdraw_consent", "objection"],
            &["portability"],
        );
    }

    #[test]
    fn a_right_never_needs_a_basis_that_is_not_a_gdpr_point() {
        // A Danish § or a free-text law gives no conditional right.
        assert_keys(
            &[cite(ActId::Dbl, "8", Some(1), None)],
            &[],
            &["objection", "portability", "withdraw_consent"],
        );
    }

    #[test]
    fn order_is_the_notices() {
        let all = [gdpr("6", 1, 'a'), gdpr("6", 1, 'f')];
        assert_eq!(
            keys(&all),
            [
                "access",
                "rectification",
                "erasure",
                "restriction",
                "portability",
                "objection",
                "automated_decisions",
                "withdraw_consent",
                "complaint"
            ]
        );
    }

    #[test]
    fn consent_in_some_cases_is_said_to_apply_in_those_cases() {
        let every = gdpr("6", 1, 'e');
        let some = gdpr("6", 1, 'a');
        let rights = rights_for_cases(&[&every], &[&some]);
        let withdraw = rights
            .iter()
            .find(|r| r.right.key == "withdraw_consent")
            .expect("consent in some cases gives the right to withdraw it");
        assert_eq!(withdraw.scope, Scope::SomeCases);
        assert!(
            withdraw
                .words(Lang::Da)
                .starts_with("I de sager, hvor vi bruger dit samtykke")
        );
        assert!(
            withdraw
                .words(Lang::En)
                .starts_with("Where we rely on your consent")
        );
        let objection = rights.iter().find(|r| r.right.key == "objection").unwrap();
        assert_eq!(objection.scope, Scope::Every);
        // 6(1)(e) of every case excludes portability, even for the cases with consent.
        assert!(rights.iter().all(|r| r.right.key != "portability"));
        // rights_for takes every basis, whatever its scope.
        let flat: Vec<&str> = rights_for(&[&every, &some]).iter().map(|r| r.key).collect();
        assert!(flat.contains(&"withdraw_consent"));
    }

    #[test]
    fn erasure_states_its_limit_where_a_task_or_duty_is_the_basis() {
        let erasure = |bases: &[&LegalRef]| {
            rights_for_cases(bases, &[])
                .into_iter()
                .find(|r| r.right.key == "erasure")
                .unwrap()
        };
        let task = gdpr("6", 1, 'e');
        let consent = gdpr("6", 1, 'a');
        assert!(erasure(&[&task]).limited);
        assert!(
            erasure(&[&task])
                .words(Lang::Da)
                .contains("art. 17, stk. 3")
        );
        assert!(!erasure(&[&consent]).limited);
        assert!(!erasure(&[&consent]).words(Lang::Da).contains("stk. 3"));
    }

    #[test]
    fn every_entry_has_a_source_and_both_sentences_with_the_provision() {
        assert_eq!(all_rights().len(), 9);
        for r in all_rights() {
            assert!(!r.source.is_empty(), "{}", r.key);
            assert!(
                r.da.starts_with("Du har") || r.da.starts_with("Du kan"),
                "{}",
                r.da
            );
            assert!(
                r.en.starts_with("You have") || r.en.starts_with("In some"),
                "{}",
                r.en
            );
            // The provision after the sentence: "gdpr 7(3)" → "art. 7".
            let article = r
                .provision
                .trim_start_matches("gdpr ")
                .split('(')
                .next()
                .unwrap();
            assert!(r.da.contains(&format!("(art. {article}")), "{}", r.da);
            assert!(r.en.contains(&format!("(Art. {article}")), "{}", r.en);
            let conditional = !r.any_of.is_empty();
            assert_eq!(conditional, !r.da_some_cases.is_empty(), "{}", r.key);
            assert_eq!(conditional, !r.en_some_cases.is_empty(), "{}", r.key);
            assert_eq!(r.limit_when.is_empty(), r.limit_da.is_empty(), "{}", r.key);
        }
        for r in all_restrictions() {
            assert!(
                !r.source.is_empty() && !r.da.is_empty() && !r.en.is_empty(),
                "{}",
                r.provision
            );
        }
        let dt = supervisory_authority();
        for detail in [
            dt.name_da, dt.name_en, dt.address, dt.phone, dt.email, dt.web, dt.source,
        ] {
            assert!(!detail.is_empty());
        }
        assert_eq!(dt.name_da, "Datatilsynet");
    }

    #[test]
    fn restrictions_take_the_most_specific_entry() {
        let dbl_22_2_4 = cite(ActId::Dbl, "22", Some(2), Some(Point::Number(4)));
        assert_eq!(restriction(&dbl_22_2_4).unwrap().provision, "dbl 22(2)");
        let dbl_22_1 = cite(ActId::Dbl, "22", Some(1), None);
        assert_eq!(restriction(&dbl_22_1).unwrap().provision, "dbl 22(1)");
        let dbl_22_8 = cite(ActId::Dbl, "22", Some(8), None);
        assert_eq!(restriction(&dbl_22_8).unwrap().provision, "dbl 22");
        assert_eq!(
            restriction(&gdpr("17", 3, 'b')).unwrap().provision,
            "gdpr 17(3)(b)"
        );
        assert_eq!(
            restriction(&gdpr("17", 3, 'a')).unwrap().provision,
            "gdpr 17(3)"
        );
        assert!(restriction(&gdpr("6", 1, 'e')).is_none());
        let tvol = cite(ActId::Tvol, "4c", Some(5), None);
        assert!(restriction(&tvol).is_none());
    }

    #[test]
    fn restriction_sentence_falls_back_to_the_specs_words() {
        let dbl = cite(ActId::Dbl, "22", Some(2), Some(Point::Number(4)));
        let s = restriction_sentence(&dbl, Some("ignored"), Lang::Da).unwrap();
        assert!(s.contains("§ 22, stk. 2"), "{s}");
        let law = LegalRef::Law {
            text: "Arkivloven".into(),
            span: Span::SYNTHETIC,
        };
        let words =
            "vi kan ikke slette oplysninger om dig, hvis andre regler gør, at de ikke kan slettes";
        assert_eq!(
            restriction_sentence(&law, Some(words), Lang::Da).unwrap(),
            words
        );
        assert_eq!(restriction_sentence(&law, None, Lang::Da), None);
    }
}
