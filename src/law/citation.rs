//! Typed, validated legal citations. `gdpr 9(2)(k)` is rejected here (art. 9(2) has points a–j);
//! `gdpr 32` is a valid citation, and whether it is a lawful basis is left to the rules.

use std::borrow::Cow;
use std::fmt;

use arcstr::ArcStr;

use serde::Serialize;

use super::acts::{ActHeader, ActId, LaysDown, PointStyle, ProvidesFor, Provision, Unit};
use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::i18n::Lang;
use crate::syntax::ast::{self, Parts};
use crate::syntax::span::Span;
use crate::tr;

/// A point inside a paragraph: a letter in the GDPR, a number (nr.) in Danish acts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(untagged)]
pub enum Point {
    Letter(char),
    Number(u32),
}

/// A citation the compiler has checked against the reference data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum LegalRef {
    /// A provision of an act the tool knows.
    Provision {
        act: ActId,
        /// As in the act's reference data (borrowed from it), or as written when the table of an
        /// incomplete act does not list it.
        number: Cow<'static, str>,
        paragraph: Option<u32>,
        point: Option<Point>,
        #[serde(skip)]
        span: Span,
    },
    /// A statute cited in free text (`law "..."`). The text is shared: the resolver keeps one copy
    /// of each statute a spec cites in activity after activity (src/semantic/resolve.rs).
    Law {
        text: ArcStr,
        #[serde(skip)]
        span: Span,
    },
    /// A collective agreement (`agreement "..."`).
    Agreement {
        text: ArcStr,
        #[serde(skip)]
        span: Span,
    },
}

impl LegalRef {
    pub fn span(&self) -> Span {
        match self {
            LegalRef::Provision { span, .. }
            | LegalRef::Law { span, .. }
            | LegalRef::Agreement { span, .. } => *span,
        }
    }

    /// The same citation, written at `at`.
    pub fn at(mut self, at: Span) -> LegalRef {
        match &mut self {
            LegalRef::Provision { span, .. }
            | LegalRef::Law { span, .. }
            | LegalRef::Agreement { span, .. } => *span = at,
        }
        self
    }

    /// Is this `act number(paragraph)(point)`? `None` in the pattern matches anything.
    pub fn is(
        &self,
        act: ActId,
        number: &str,
        paragraph: Option<u32>,
        point: Option<Point>,
    ) -> bool {
        match self {
            LegalRef::Provision {
                act: a,
                number: n,
                paragraph: p,
                point: q,
                ..
            } => {
                *a == act
                    && n == number
                    && (paragraph.is_none() || *p == paragraph)
                    && (point.is_none() || *q == point)
            }
            _ => false,
        }
    }

    /// GDPR art. `article`(`paragraph`)(`letter`), any letter when `letter` is `None`.
    pub fn is_gdpr(&self, article: &str, paragraph: u32, letter: Option<char>) -> bool {
        self.is(
            ActId::Gdpr,
            article,
            Some(paragraph),
            letter.map(Point::Letter),
        )
    }

    /// The reference data of the provision cited; `None` for `law "..."`, an agreement, or a § an
    /// incomplete act's table does not list.
    pub fn provision(&self) -> Option<&'static Provision> {
        match self {
            LegalRef::Provision { act, number, .. } => act.act().provision(number),
            _ => None,
        }
    }

    /// What the provision cited does for GDPR art. 6(3), as the law data says (`lays_down`): the one
    /// place rules learn whether a § lays down a task or a duty or is only a processing condition.
    pub fn lays_down(&self) -> Option<LaysDown> {
        self.provision()?.lays_down
    }

    /// What further processing the provision cited itself provides for (`provides_for` in the data).
    pub fn provides_for(&self) -> Option<ProvidesFor> {
        self.provision()?.provides_for
    }

    /// Consent as a ground: GDPR art. 6(1)(a), or explicit consent, art. 9(2)(a).
    pub fn is_consent(&self) -> bool {
        self.is_gdpr("6", 1, Some('a')) || self.is_gdpr("9", 2, Some('a'))
    }

    /// The letter of a GDPR art. `article`(`paragraph`) citation.
    pub fn gdpr_letter(&self, article: &str, paragraph: u32) -> Option<char> {
        match self {
            LegalRef::Provision {
                act: ActId::Gdpr,
                number,
                paragraph: Some(p),
                point: Some(Point::Letter(c)),
                ..
            } if number == article && *p == paragraph => Some(*c),
            _ => None,
        }
    }
}

impl fmt::Display for LegalRef {
    /// As a lawyer writes it: `GDPR art. 6(1)(e)`, `Databeskyttelsesloven § 8, stk. 2, nr. 1`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LegalRef::Provision {
                act,
                number,
                paragraph,
                point,
                ..
            } => {
                let header = &act.act().header;
                match header.unit {
                    Unit::Article => {
                        write!(f, "{} art. {number}", header.short)?;
                        if let Some(p) = paragraph {
                            write!(f, "({p})")?;
                        }
                        match point {
                            Some(Point::Letter(c)) => write!(f, "({c})"),
                            Some(Point::Number(n)) => write!(f, "({n})"),
                            None => Ok(()),
                        }
                    }
                    Unit::Section => {
                        write!(f, "{} § {}", header.short, section_number(number))?;
                        if let Some(p) = paragraph {
                            write!(f, ", stk. {p}")?;
                        }
                        match point {
                            Some(Point::Number(n)) => write!(f, ", nr. {n}"),
                            Some(Point::Letter(c)) => write!(f, ", litra {c}"),
                            None => Ok(()),
                        }
                    }
                }
            }
            LegalRef::Law { text, .. } => write!(f, "{text}"),
            LegalRef::Agreement { text, .. } => write!(f, "{text}"),
        }
    }
}

/// `4c` → `4 c`, as Danish statutes print lettered sections.
fn section_number(number: &str) -> String {
    match number.find(|c: char| c.is_ascii_alphabetic()) {
        Some(i) => format!("{} {}", &number[..i], &number[i..]),
        None => number.to_string(),
    }
}

/// Checks a citation as written against the structure of the act it cites.
/// Errors are worded in `lang`.
pub fn validate(citation: &ast::Citation<'_>, lang: Lang) -> Result<LegalRef, Diagnostic> {
    let (act_name, number, parts, span) = match citation {
        ast::Citation::Law(text) => {
            return Ok(LegalRef::Law {
                text: ArcStr::from(&*text.node),
                span: text.span,
            });
        }
        ast::Citation::Agreement(text) => {
            return Ok(LegalRef::Agreement {
                text: ArcStr::from(&*text.node),
                span: text.span,
            });
        }
        ast::Citation::Act {
            act,
            number,
            parts,
            span,
        } => (act, *number, *parts, *span),
    };
    let invalid = |message: String, label: String| {
        Diagnostic::spec_error_at("invalid-citation", message, span, label)
    };

    let Some(act_id) = ActId::from_keyword(act_name.node) else {
        let known: Vec<&str> = ActId::ALL.iter().map(|a| a.keyword()).collect();
        let mut d = Diagnostic::spec_error_at(
            "invalid-citation",
            tr!(lang, text::UNKNOWN_ACT, act = act_name.node),
            act_name.span,
            tr!(lang, text::UNKNOWN_ACT_LABEL),
        );
        let acts = known.join(", ");
        d = d.with_help(match did_you_mean(act_name.node, known.iter().copied()) {
            Some(s) => tr!(lang, text::KNOWN_ACTS_DID_YOU_MEAN, act = s, acts = acts),
            None => tr!(lang, text::KNOWN_ACTS, acts = acts),
        });
        return Err(d);
    };
    let act = act_id.act();
    let header = &act.header;
    // The parts read once: a citation names a paragraph and a point at most.
    let mut read = parts.iter();
    let (first, second, more) = (read.next(), read.next(), read.next().is_some());
    let Some(provision) = act.provision(number) else {
        if !header.complete {
            return unverified(act_id, number, parts, span, lang);
        }
        let last = act
            .provision_numbers()
            .filter_map(|n| n.parse::<u32>().ok())
            .max()
            .unwrap_or(0);
        let act_name = crate::i18n::citation::act(lang, &header.short);
        let (range, message, label) = match header.unit {
            Unit::Article => (
                text::ARTICLES_RANGE,
                text::NO_SUCH_ARTICLE,
                text::NO_SUCH_ARTICLE_LABEL,
            ),
            Unit::Section => (
                text::SECTIONS_RANGE,
                text::NO_SUCH_SECTION,
                text::NO_SUCH_SECTION_LABEL,
            ),
        };
        let range = tr!(lang, range, act = act_name, last = last);
        return Err(invalid(
            tr!(lang, message, act = act_name, number = number),
            tr!(lang, label, act = act_name),
        )
        .with_help(tr!(lang, text::CHECK_THE_NUMBER, range = range)));
    };
    if more {
        let example = match header.points {
            PointStyle::Letters => text::EXAMPLE_LETTERS,
            PointStyle::Numbers => text::EXAMPLE_NUMBERS,
        };
        return Err(invalid(
            tr!(
                lang,
                text::TOO_MANY_PARTS,
                citation = render_written(act_id, number, parts)
            ),
            tr!(lang, text::TOO_MANY_PARTS_LABEL),
        )
        .with_help(tr!(lang, example, kw = act_id.keyword(), number = number)));
    }
    // Rendered only when an error is reported: validation runs for every citation of a spec.
    let here = ProvisionName(header, number, None, lang);
    if provision.paragraphs <= 1 {
        return single_paragraph(act_id, provision, number, parts, span, here, lang);
    }
    let paragraph = match first {
        None => None,
        Some(p) => {
            let n: u32 = p.parse().map_err(|_| {
                invalid(
                    tr!(lang, text::NOT_PARAGRAPH_NUMBER, p = p, here = here),
                    tr!(lang, text::NOT_PARAGRAPH_NUMBER_LABEL),
                )
            })?;
            if n == 0 || n > provision.paragraphs.max(1) {
                let kw = act_id.keyword();
                let (range, help) = if provision.paragraphs <= 1 {
                    (
                        tr!(lang, text::SINGLE_PARAGRAPH, here = here),
                        tr!(lang, text::WITHOUT_PARAGRAPH, kw = kw, number = number),
                    )
                } else {
                    (
                        tr!(
                            lang,
                            text::PARAGRAPHS_RANGE,
                            here = here,
                            last = provision.paragraphs
                        ),
                        tr!(
                            lang,
                            text::ONE_OF_PARAGRAPHS,
                            kw = kw,
                            number = number,
                            last = provision.paragraphs
                        ),
                    )
                };
                return Err(
                    invalid(tr!(lang, text::NO_PARAGRAPH, here = here, n = n), range)
                        .with_help(help),
                );
            }
            Some(n)
        }
    };
    let point = match (second, paragraph) {
        (None, _) => None,
        (Some(_), None) => unreachable!("a point always follows a paragraph"),
        (Some(q), Some(para)) => {
            let count = provision.points_in(para);
            let where_ = ProvisionName(header, number, Some(para), lang);
            if count == 0 {
                let (no_points, no_points_label) = match header.points {
                    PointStyle::Letters => (text::NO_POINTS_LETTERS, text::NO_POINTS_LETTERS_LABEL),
                    PointStyle::Numbers => (text::NO_POINTS_NUMBERS, text::NO_POINTS_NUMBERS_LABEL),
                };
                return Err(invalid(
                    tr!(lang, no_points, place = where_),
                    tr!(lang, no_points_label, place = where_),
                )
                .with_help(tr!(
                    lang,
                    text::CITE_AS_PARAGRAPH,
                    kw = act_id.keyword(),
                    number = number,
                    para = para
                )));
            }
            let point = match header.points {
                PointStyle::Letters => {
                    let mut chars = q.chars();
                    match (chars.next(), chars.next()) {
                        (Some(c), None) if c.is_ascii_lowercase() => Point::Letter(c),
                        _ => {
                            let help = match q.chars().collect::<Vec<_>>()[..] {
                                [c] if c.is_ascii_uppercase() => tr!(
                                    lang,
                                    text::LOWERCASE,
                                    kw = act_id.keyword(),
                                    number = number,
                                    para = para,
                                    letter = c.to_ascii_lowercase()
                                ),
                                _ => tr!(
                                    lang,
                                    text::LETTERS_RANGE,
                                    place = where_,
                                    last = letter(count)
                                ),
                            };
                            return Err(invalid(
                                tr!(lang, text::NOT_A_LETTER, q = q, place = where_),
                                tr!(lang, text::NOT_A_LETTER_LABEL),
                            )
                            .with_help(help));
                        }
                    }
                }
                PointStyle::Numbers => match q.parse::<u32>() {
                    Ok(n) => Point::Number(n),
                    Err(_) => {
                        return Err(invalid(
                            tr!(lang, text::NOT_A_NUMBER, q = q, place = where_),
                            tr!(lang, text::NOT_A_NUMBER_LABEL),
                        )
                        .with_help(tr!(
                            lang,
                            text::NUMBERS_RANGE,
                            place = where_,
                            count = count
                        )));
                    }
                },
            };
            let index = match point {
                Point::Letter(c) => c as u32 - 'a' as u32 + 1,
                Point::Number(n) => n,
            };
            if index == 0 || index > count {
                let kw = act_id.keyword();
                let (range, last) = match header.points {
                    PointStyle::Letters => (
                        tr!(
                            lang,
                            text::LETTERS_RANGE,
                            place = where_,
                            last = letter(count)
                        ),
                        letter(count).to_string(),
                    ),
                    PointStyle::Numbers => (
                        tr!(lang, text::NUMBERS_RANGE, place = where_, count = count),
                        count.to_string(),
                    ),
                };
                let (first, no_point, one_of) = match header.points {
                    PointStyle::Letters => ("a", text::NO_LETTER, text::ONE_OF_LETTERS),
                    PointStyle::Numbers => ("1", text::NO_NUMBER, text::ONE_OF_NUMBERS),
                };
                return Err(
                    invalid(tr!(lang, no_point, place = where_, q = q), range).with_help(tr!(
                        lang,
                        one_of,
                        kw = kw,
                        number = number,
                        para = para,
                        first = first,
                        last = last
                    )),
                );
            }
            Some(point)
        }
    };
    Ok(LegalRef::Provision {
        act: act_id,
        number: Cow::Borrowed(provision.number.as_str()),
        paragraph,
        point,
        span,
    })
}

/// A provision of one paragraph has no paragraph number: `gdpr 10`, `gdpr 50(a)` (art. 50(a)),
/// `offl 30(1)` (§ 30, nr. 1). `(1)` before a point is tolerated (`offl 30(1)(2)`), since Danish
/// practice sometimes writes "stk. 1" for the only paragraph.
fn single_paragraph(
    act: ActId,
    provision: &'static super::acts::Provision,
    number: &str,
    parts: Parts<'_>,
    span: Span,
    here: ProvisionName<'_>,
    lang: Lang,
) -> Result<LegalRef, Diagnostic> {
    let header = &act.act().header;
    let kw = act.keyword();
    let count = provision.points_in(1);
    let point_text = match (parts.len(), parts.first(), parts.get(1)) {
        (0, _, _) => None,
        (1, only, _) if count > 0 => only,
        (2, Some("1"), point) if count > 0 => point,
        _ => {
            let help = if count > 0 {
                let (example, directly) = match header.points {
                    PointStyle::Letters => ("a", text::LETTER_DIRECTLY),
                    PointStyle::Numbers => ("1", text::NUMBER_DIRECTLY),
                };
                tr!(lang, directly, kw = kw, number = number, example = example)
            } else {
                tr!(lang, text::CITE_AS, kw = kw, number = number)
            };
            return Err(Diagnostic::spec_error_at(
                "invalid-citation",
                tr!(lang, text::NO_NUMBERED_PARAGRAPHS, here = here),
                span,
                tr!(lang, text::NO_NUMBERED_PARAGRAPHS_LABEL),
            )
            .with_help(help));
        }
    };
    let point = match point_text {
        None => None,
        Some(q) => {
            let parsed = match header.points {
                PointStyle::Letters => {
                    let mut chars = q.chars();
                    match (chars.next(), chars.next()) {
                        (Some(c), None) if c.is_ascii_lowercase() => {
                            Some((Point::Letter(c), c as u32 - 'a' as u32 + 1))
                        }
                        _ => None,
                    }
                }
                PointStyle::Numbers => q.parse::<u32>().ok().map(|n| (Point::Number(n), n)),
            };
            match parsed {
                Some((point, index)) if index >= 1 && index <= count => Some(point),
                _ => {
                    let (range, no_point) = match header.points {
                        PointStyle::Letters => (
                            tr!(
                                lang,
                                text::LETTERS_RANGE,
                                place = here,
                                last = letter(count)
                            ),
                            text::NO_LETTER,
                        ),
                        PointStyle::Numbers => (
                            tr!(lang, text::NUMBERS_RANGE, place = here, count = count),
                            text::NO_NUMBER,
                        ),
                    };
                    return Err(Diagnostic::spec_error_at(
                        "invalid-citation",
                        tr!(lang, no_point, place = here, q = q),
                        span,
                        range.clone(),
                    )
                    .with_help(range));
                }
            }
        }
    };
    Ok(LegalRef::Provision {
        act,
        number: Cow::Borrowed(provision.number.as_str()),
        paragraph: None,
        point,
        span,
    })
}

/// A provision of an act whose table is incomplete: kept as written, with paragraph and point read but
/// not checked against the text (documented in src/law/data/README.md).
fn unverified(
    act: ActId,
    number: &str,
    parts: Parts<'_>,
    span: Span,
    lang: Lang,
) -> Result<LegalRef, Diagnostic> {
    let paragraph = parts.first().and_then(|p| p.parse().ok());
    let point = parts.get(1).and_then(|q| q.parse().ok()).map(Point::Number);
    if parts.len() > 2
        || parts.first().is_some_and(|_| paragraph.is_none())
        || parts.get(1).is_some_and(|_| point.is_none())
    {
        return Err(Diagnostic::spec_error_at(
            "invalid-citation",
            tr!(
                lang,
                text::NOT_VALID,
                citation = render_written(act, number, parts)
            ),
            span,
            tr!(lang, text::NOT_VALID_LABEL),
        )
        .with_help(tr!(
            lang,
            text::SECTION_EXAMPLE,
            kw = act.keyword(),
            number = number
        )));
    }
    Ok(LegalRef::Provision {
        act,
        number: Cow::Owned(number.to_string()),
        paragraph,
        point,
        span,
    })
}

/// `GDPR art. 9(2)` / `Databeskyttelsesloven § 8, stk. 2`, written out on demand (only errors need it);
/// in Danish `Databeskyttelsesforordningen art. 9, stk. 2`.
#[derive(Clone, Copy)]
struct ProvisionName<'a>(&'a ActHeader, &'a str, Option<u32>, Lang);

impl fmt::Display for ProvisionName<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ProvisionName(header, number, paragraph, lang) = *self;
        match header.unit {
            Unit::Article => {
                let paragraph = paragraph.map(|p| format!("({p})")).unwrap_or_default();
                let english = format!("art. {number}{paragraph}");
                write!(
                    f,
                    "{}",
                    crate::i18n::citation::cite(lang, &header.short, &english)
                )
            }
            Unit::Section => {
                write!(f, "{} § {}", header.short, section_number(number))?;
                match paragraph {
                    Some(p) => write!(f, ", stk. {p}"),
                    None => Ok(()),
                }
            }
        }
    }
}

fn letter(count: u32) -> char {
    (b'a' + (count.clamp(1, 26) - 1) as u8) as char
}

fn render_written(act: ActId, number: &str, parts: Parts<'_>) -> String {
    let mut s = format!("{} {number}", act.keyword());
    for p in parts.iter() {
        s.push_str(&format!("({p})"));
    }
    s
}

/// What a user is told when a citation points at nothing, in English and Danish.
pub mod text {
    crate::texts! {
        UNKNOWN_ACT = ("unknown act `{act}`", "ukendt lov `{act}`"),
        UNKNOWN_ACT_LABEL = ("not an act hjemmel knows", "ikke en lov, som hjemmel kender"),
        KNOWN_ACTS_DID_YOU_MEAN = (
            "did you mean `{act}`? Known acts: {acts}; cite any other statute as `law \"...\"`",
            "mente du `{act}`? Kendte love: {acts}; angiv enhver anden lov som `law \"...\"`"
        ),
        KNOWN_ACTS = (
            "known acts: {acts}; cite any other statute as `law \"...\"`",
            "kendte love: {acts}; angiv enhver anden lov som `law \"...\"`"
        ),
        ARTICLES_RANGE = ("{act} has articles 1 to {last}", "{act} har artikel 1 til {last}"),
        SECTIONS_RANGE = ("{act} has §§ 1 to {last}", "{act} har §§ 1 til {last}"),
        NO_SUCH_ARTICLE = ("{act} has no article {number}", "{act} har ingen artikel {number}"),
        NO_SUCH_ARTICLE_LABEL = ("no such article in {act}", "ingen sådan artikel i {act}"),
        NO_SUCH_SECTION = ("{act} has no § {number}", "{act} har ingen § {number}"),
        NO_SUCH_SECTION_LABEL = ("no such § in {act}", "ingen sådan § i {act}"),
        CHECK_THE_NUMBER = (
            "{range}: check the number against the text; cite a provision of another act in words as \
             `law \"...\"`",
            "{range}: kontrollér nummeret i lovteksten; angiv en bestemmelse i en anden lov med ord som \
             `law \"...\"`"
        ),
        TOO_MANY_PARTS = ("`{citation}` has too many parts", "`{citation}` har for mange led"),
        TOO_MANY_PARTS_LABEL = (
            "a citation names at most a paragraph and a point",
            "en henvisning angiver højst et stykke og et litra eller nummer"
        ),
        EXAMPLE_LETTERS = ("write e.g. `{kw} {number}(1)(a)`", "skriv f.eks. `{kw} {number}(1)(a)`"),
        EXAMPLE_NUMBERS = (
            "write e.g. `{kw} {number}(1)(1)` for stk. 1, nr. 1",
            "skriv f.eks. `{kw} {number}(1)(1)` for stk. 1, nr. 1"
        ),
        NOT_PARAGRAPH_NUMBER = (
            "`({p})` is not a paragraph number of {here}",
            "`({p})` er ikke et stykkenummer i {here}"
        ),
        NOT_PARAGRAPH_NUMBER_LABEL = (
            "paragraphs are numbered (1), (2), ...",
            "stykker nummereres (1), (2), ..."
        ),
        SINGLE_PARAGRAPH = ("{here} has a single paragraph", "{here} har kun ét stykke"),
        WITHOUT_PARAGRAPH = (
            "cite it without a paragraph: `{kw} {number}`",
            "angiv den uden stykke: `{kw} {number}`"
        ),
        PARAGRAPHS_RANGE = (
            "{here} has paragraphs (1) to ({last})",
            "{here} har stykkerne (1) til ({last})"
        ),
        ONE_OF_PARAGRAPHS = (
            "write one of `{kw} {number}(1)` ... `{kw} {number}({last})`",
            "skriv en af `{kw} {number}(1)` ... `{kw} {number}({last})`"
        ),
        NO_PARAGRAPH = ("{here} has no paragraph ({n})", "{here} har intet stykke ({n})"),
        NO_POINTS_LETTERS = ("{place} has no points", "{place} har ingen litra"),
        NO_POINTS_NUMBERS = ("{place} has no points", "{place} har ingen numre"),
        NO_POINTS_LETTERS_LABEL = (
            "{place} is not divided into points",
            "{place} er ikke inddelt i litra"
        ),
        NO_POINTS_NUMBERS_LABEL = (
            "{place} is not divided into points",
            "{place} er ikke inddelt i numre"
        ),
        CITE_AS_PARAGRAPH = (
            "cite it as `{kw} {number}({para})`",
            "angiv den som `{kw} {number}({para})`"
        ),
        LOWERCASE = (
            "write the point as a lowercase letter: `{kw} {number}({para})({letter})`",
            "skriv litra med lille bogstav: `{kw} {number}({para})({letter})`"
        ),
        LETTERS_RANGE = ("{place} has points (a) to ({last})", "{place} har litra a til {last}"),
        NUMBERS_RANGE = ("{place} has nr. 1 to {count}", "{place} har nr. 1 til {count}"),
        NOT_A_LETTER = ("`({q})` is not a point of {place}", "`({q})` er ikke et litra i {place}"),
        NOT_A_LETTER_LABEL = ("points are lowercase letters", "litra er små bogstaver"),
        NOT_A_NUMBER = (
            "`({q})` is not a point (nr.) of {place}",
            "`({q})` er ikke et nummer (nr.) i {place}"
        ),
        NOT_A_NUMBER_LABEL = ("points (nr.) are numbers", "numre (nr.) er tal"),
        NO_LETTER = ("{place} has no point ({q})", "{place} har intet litra {q}"),
        NO_NUMBER = ("{place} has no point ({q})", "{place} har intet nr. {q}"),
        ONE_OF_LETTERS = (
            "write one of `{kw} {number}({para})({first})` ... `{kw} {number}({para})({last})`, the \
             point relied on",
            "skriv en af `{kw} {number}({para})({first})` ... `{kw} {number}({para})({last})`, det \
             litra, der anvendes"
        ),
        ONE_OF_NUMBERS = (
            "write one of `{kw} {number}({para})({first})` ... `{kw} {number}({para})({last})`, the \
             point relied on",
            "skriv en af `{kw} {number}({para})({first})` ... `{kw} {number}({para})({last})`, det \
             nummer, der anvendes"
        ),
        LETTER_DIRECTLY = (
            "cite the point directly, e.g. `{kw} {number}({example})`",
            "angiv litra direkte, f.eks. `{kw} {number}({example})`"
        ),
        NUMBER_DIRECTLY = (
            "cite the point directly, e.g. `{kw} {number}({example})`",
            "angiv nummeret direkte, f.eks. `{kw} {number}({example})`"
        ),
        CITE_AS = ("cite it as `{kw} {number}`", "angiv den som `{kw} {number}`"),
        NO_NUMBERED_PARAGRAPHS = (
            "{here} has no numbered paragraphs",
            "{here} har ingen nummererede stykker"
        ),
        NO_NUMBERED_PARAGRAPHS_LABEL = (
            "a single paragraph is cited by its number alone",
            "en bestemmelse med ét stykke angives alene med sit nummer"
        ),
        NOT_VALID = ("`{citation}` is not a valid citation", "`{citation}` er ikke en gyldig henvisning"),
        NOT_VALID_LABEL = ("not a § with stk. and nr.", "ikke en § med stk. og nr."),
        SECTION_EXAMPLE = (
            "write the §, then stk. and nr. in brackets as numbers, e.g. `{kw} {number}(1)` or `{kw} {number}(1)(2)`",
            "skriv §'en og derefter stk. og nr. i parentes som tal, f.eks. `{kw} {number}(1)` eller `{kw} {number}(1)(2)`"
        ),
    }
}
