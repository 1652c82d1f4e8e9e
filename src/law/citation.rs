//! Typed, validated legal citations. `gdpr 9(2)(k)` is rejected here (art. 9(2) has points a–j);
//! `gdpr 32` is a valid citation, and whether it is a lawful basis is left to the rules.

use std::borrow::Cow;
use std::fmt;

use serde::Serialize;

use super::acts::{ActHeader, ActId, PointStyle, Unit};
use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::syntax::ast::{self, Parts};
use crate::syntax::span::Span;

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
    /// A statute cited in free text (`law "..."`).
    Law {
        text: String,
        #[serde(skip)]
        span: Span,
    },
    /// A collective agreement (`agreement "..."`).
    Agreement {
        text: String,
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
pub fn validate(citation: &ast::Citation<'_>) -> Result<LegalRef, Diagnostic> {
    let (act_name, number, parts, span) = match citation {
        ast::Citation::Law(text) => {
            return Ok(LegalRef::Law {
                text: text.node.to_string(),
                span: text.span,
            });
        }
        ast::Citation::Agreement(text) => {
            return Ok(LegalRef::Agreement {
                text: text.node.to_string(),
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
            format!("unknown act `{}`", act_name.node),
            act_name.span,
            "not an act hjemmel knows",
        );
        d = d.with_help(match did_you_mean(act_name.node, known.iter().copied()) {
            Some(s) => format!(
                "did you mean `{s}`? Known acts: {}; cite any other statute as `law \"...\"`",
                known.join(", ")
            ),
            None => format!(
                "known acts: {}; cite any other statute as `law \"...\"`",
                known.join(", ")
            ),
        });
        return Err(d);
    };
    let act = act_id.act();
    let header = &act.header;
    let unit_name = match header.unit {
        Unit::Article => "article",
        Unit::Section => "§",
    };
    // The parts read once: a citation names a paragraph and a point at most.
    let mut read = parts.iter();
    let (first, second, more) = (read.next(), read.next(), read.next().is_some());
    let Some(provision) = act.provision(number) else {
        if !header.complete {
            return unverified(act_id, number, parts, span);
        }
        let last = act
            .provision_numbers()
            .filter_map(|n| n.parse::<u32>().ok())
            .max()
            .unwrap_or(0);
        let range = match header.unit {
            Unit::Article => format!("{} has articles 1 to {last}", header.short),
            Unit::Section => format!("{} has §§ 1 to {last}", header.short),
        };
        return Err(invalid(
            format!("{} has no {unit_name} {number}", header.short),
            format!("no such {unit_name} in {}", header.short),
        )
        .with_help(format!(
            "{range}: check the number against the text; cite a provision of another act in words as \
             `law \"...\"`"
        )));
    };
    if more {
        return Err(invalid(
            format!(
                "`{}` has too many parts",
                render_written(act_id, number, parts)
            ),
            "a citation names at most a paragraph and a point".to_string(),
        )
        .with_help(match header.points {
            PointStyle::Letters => format!("write e.g. `{} {number}(1)(a)`", act_id.keyword()),
            PointStyle::Numbers => format!(
                "write e.g. `{} {number}(1)(1)` for stk. 1, nr. 1",
                act_id.keyword()
            ),
        }));
    }
    // Rendered only when an error is reported: validation runs for every citation of a spec.
    let here = ProvisionName(header, number, None);
    if provision.paragraphs <= 1 {
        return single_paragraph(act_id, provision, number, parts, span, here);
    }
    let paragraph = match first {
        None => None,
        Some(p) => {
            let n: u32 = p.parse().map_err(|_| {
                invalid(
                    format!("`({p})` is not a paragraph number of {here}"),
                    "paragraphs are numbered (1), (2), ...".to_string(),
                )
            })?;
            if n == 0 || n > provision.paragraphs.max(1) {
                let range = if provision.paragraphs <= 1 {
                    format!("{here} has a single paragraph")
                } else {
                    format!("{here} has paragraphs (1) to ({})", provision.paragraphs)
                };
                let help = if provision.paragraphs <= 1 {
                    format!(
                        "cite it without a paragraph: `{} {number}`",
                        act_id.keyword()
                    )
                } else {
                    format!(
                        "write one of `{kw} {number}(1)` ... `{kw} {number}({})`",
                        provision.paragraphs,
                        kw = act_id.keyword()
                    )
                };
                return Err(
                    invalid(format!("{here} has no paragraph ({n})"), range).with_help(help)
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
            let where_ = ProvisionName(header, number, Some(para));
            if count == 0 {
                return Err(invalid(
                    format!("{where_} has no points"),
                    format!("{where_} is not divided into points"),
                )
                .with_help(format!(
                    "cite it as `{} {number}({para})`",
                    act_id.keyword()
                )));
            }
            let point = match header.points {
                PointStyle::Letters => {
                    let mut chars = q.chars();
                    match (chars.next(), chars.next()) {
                        (Some(c), None) if c.is_ascii_lowercase() => Point::Letter(c),
                        _ => {
                            let help = match q.chars().collect::<Vec<_>>()[..] {
                                [c] if c.is_ascii_uppercase() => format!(
                                    "write the point as a lowercase letter: `{} {number}({para})({})`",
                                    act_id.keyword(),
                                    c.to_ascii_lowercase()
                                ),
                                _ => format!("{where_} has points (a) to ({})", letter(count)),
                            };
                            return Err(invalid(
                                format!("`({q})` is not a point of {where_}"),
                                "points are lowercase letters".to_string(),
                            )
                            .with_help(help));
                        }
                    }
                }
                PointStyle::Numbers => match q.parse::<u32>() {
                    Ok(n) => Point::Number(n),
                    Err(_) => {
                        return Err(invalid(
                            format!("`({q})` is not a point (nr.) of {where_}"),
                            "points (nr.) are numbers".to_string(),
                        )
                        .with_help(format!("{where_} has nr. 1 to {count}")));
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
                        format!("{where_} has points (a) to ({})", letter(count)),
                        letter(count).to_string(),
                    ),
                    PointStyle::Numbers => {
                        (format!("{where_} has nr. 1 to {count}"), count.to_string())
                    }
                };
                let first = match header.points {
                    PointStyle::Letters => "a",
                    PointStyle::Numbers => "1",
                };
                return Err(invalid(format!("{where_} has no point ({q})"), range).with_help(
                    format!(
                        "write one of `{kw} {number}({para})({first})` ... `{kw} {number}({para})({last})`, the \
                         point relied on"
                    ),
                ));
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
                let example = match header.points {
                    PointStyle::Letters => "a",
                    PointStyle::Numbers => "1",
                };
                format!("cite the point directly, e.g. `{kw} {number}({example})`")
            } else {
                format!("cite it as `{kw} {number}`")
            };
            return Err(Diagnostic::spec_error_at(
                "invalid-citation",
                format!("{here} has no numbered paragraphs"),
                span,
                "a single paragraph is cited by its number alone",
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
                    let range = match header.points {
                        PointStyle::Letters => {
                            format!("{here} has points (a) to ({})", letter(count))
                        }
                        PointStyle::Numbers => format!("{here} has nr. 1 to {count}"),
                    };
                    return Err(Diagnostic::spec_error_at(
                        "invalid-citation",
                        format!("{here} has no point ({q})"),
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
) -> Result<LegalRef, Diagnostic> {
    let paragraph = parts.first().and_then(|p| p.parse().ok());
    let point = parts.get(1).and_then(|q| q.parse().ok()).map(Point::Number);
    if parts.len() > 2
        || parts.first().is_some_and(|_| paragraph.is_none())
        || parts.get(1).is_some_and(|_| point.is_none())
    {
        return Err(Diagnostic::spec_error_at(
            "invalid-citation",
            format!(
                "`{}` is not a valid citation",
                render_written(act, number, parts)
            ),
            span,
            "not a § with stk. and nr.",
        )
        .with_help(format!(
            "write the §, then stk. and nr. in brackets as numbers, e.g. `{} {number}(1)` or `{} {number}(1)(2)`",
            act.keyword(),
            act.keyword()
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

/// `GDPR art. 9(2)` / `Databeskyttelsesloven § 8, stk. 2`, written out on demand (only errors need it).
#[derive(Clone, Copy)]
struct ProvisionName<'a>(&'a ActHeader, &'a str, Option<u32>);

impl fmt::Display for ProvisionName<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ProvisionName(header, number, paragraph) = *self;
        match header.unit {
            Unit::Article => {
                write!(f, "{} art. {number}", header.short)?;
                match paragraph {
                    Some(p) => write!(f, "({p})"),
                    None => Ok(()),
                }
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
