//! What a word means, from the text around the cursor: a citation as a lawyer cites it, with its
//! heading and what the law data says of it; a rule code with the first paragraph of its page; a
//! statement keyword with one line of what it says; a country code with its name and standing.

use super::keywords::{self, Block};
use super::scan::{self, Placed};
use crate::i18n::Lang;
use crate::i18n::citation::cite;
use crate::ide::Hover;
use crate::law::acts::PointStyle;
use crate::law::art9::art9_letter;
use crate::law::citation::{LegalRef, Point, validate};
use crate::law::{ActId, countries};
use crate::rules::{docs, registry};
use crate::syntax::ast::{self, Parts};
use crate::syntax::span::{FileId, Span, Spanned};
use crate::tr;

/// The hover at `offset` of `text`, the file `file`.
pub fn at(text: &str, file: FileId, offset: usize, lang: Lang) -> Option<Hover> {
    if let Some((start, code)) = scan::word_at(text, offset)
        && let Some(rule) = registry::find(code)
    {
        return Some(Hover {
            markdown: rule_code(rule.meta(), lang),
            span: Span::new(file, start, start + code.len()),
        });
    }
    let tokens = scan::line_tokens(text, offset);
    if let Some((markdown, span)) = citation(text, file, &tokens, offset, lang) {
        return Some(Hover { markdown, span });
    }
    let (start, word) = scan::word_at(text, offset)?;
    let span = Span::new(file, start, start + word.len());
    let around = scan::around(text, start + word.len());
    let previous = around.back(1).map(Placed::text);
    if previous == Some("country") && around.block != Block::Activity {
        return country(word, lang).map(|markdown| Hover { markdown, span });
    }
    let block = around.block;
    // `joint controller`: the declaration is the joint controller's.
    let word = match (block, previous, word) {
        (Block::TopLevel, Some("joint"), "controller") => "joint",
        _ => word,
    };
    if block.keywords().contains(&word)
        && let Some(said) = keywords::description(block, word, lang)
    {
        return Some(Hover {
            markdown: format!("`{word}`: {said}"),
            span,
        });
    }
    None
}

/// A rule's title, the first paragraph of its page, and where the page is.
fn rule_code(meta: &crate::rules::RuleMeta, lang: Lang) -> String {
    let page = docs::page_in(meta, lang);
    let mut lines = page.lines();
    let title = lines
        .next()
        .unwrap_or_default()
        .trim_start_matches('#')
        .trim();
    let first_paragraph: Vec<&str> = lines
        .skip_while(|l| !l.starts_with("## "))
        .skip(1)
        .skip_while(|l| l.trim().is_empty())
        .take_while(|l| !l.trim().is_empty())
        .collect();
    let path = match lang {
        Lang::En => format!("{}/{}.md", docs::DIRECTORY, meta.code),
        Lang::Da => format!(
            "{}/{}/{}.md",
            docs::DIRECTORY,
            docs::DANISH_DIRECTORY,
            meta.code
        ),
    };
    format!(
        "**{title}**\n\n{}\n\n{}",
        first_paragraph.join("\n"),
        tr!(lang, text::PAGE, path = path)
    )
}

/// The citation the cursor is in, on its line: `act number(part)...`, as a lawyer cites it.
fn citation(
    text: &str,
    file: FileId,
    tokens: &[Placed<'_>],
    offset: usize,
    lang: Lang,
) -> Option<(String, Span)> {
    let here = tokens
        .iter()
        .position(|t| t.start <= offset && offset <= t.end())?;
    let (first, last) = citation_around(tokens, here)?;
    let act = tokens[first];
    let (start, end) = (act.start, tokens[last].end());
    let provision = &text[tokens[first + 1].start..end];
    let (number, parts) = Parts::split(provision);
    let span = Span::new(file, start, end);
    let written = ast::Citation::Act {
        act: Spanned::new(act.text(), Span::new(file, act.start, act.end())),
        number,
        parts,
        span,
    };
    let markdown = match validate(&written, lang) {
        Ok(cited) => provision_hover(&cited, lang),
        Err(error) => {
            let mut out = format!("**{}**: {}", &text[start..end], error.message);
            if let Some(help) = error.help {
                out.push_str(&format!("\n\n{help}"));
            }
            out
        }
    };
    Some((markdown, span))
}

/// The tokens `first..=last` of the citation that holds token `here`: an act's keyword, the
/// provision's number, and its parts in brackets written together (`gdpr 9(2)(g)`).
pub(super) fn citation_around(tokens: &[Placed<'_>], here: usize) -> Option<(usize, usize)> {
    let together = |a: &Placed<'_>, b: &Placed<'_>| a.end() == b.start;
    for first in (here.saturating_sub(7)..=here).rev() {
        let Some(number) = tokens.get(first + 1) else {
            continue;
        };
        if ActId::from_keyword(tokens[first].text()).is_none()
            || !number.text().starts_with(|c: char| c.is_ascii_digit())
        {
            continue;
        }
        let mut last = first + 1;
        while let [open, part, close, ..] = &tokens[last + 1..]
            && open.is("(")
            && close.is(")")
            && together(&tokens[last], open)
            && together(open, part)
            && together(part, close)
        {
            last += 3;
        }
        if here <= last {
            return Some((first, last));
        }
    }
    None
}

/// A valid citation: as a lawyer writes it in `lang`, the heading, what hjemmel's data says of the
/// point, and whether the data is verified.
fn provision_hover(cited: &LegalRef, lang: Lang) -> String {
    let LegalRef::Provision {
        act, point, number, ..
    } = cited
    else {
        return cited.to_string();
    };
    let header = &act.act().header;
    let english = cited.to_string();
    let within = english
        .strip_prefix(header.short.as_str())
        .map_or(english.as_str(), str::trim_start);
    let mut out = format!("**{}**", cite(lang, &header.short, within));
    match cited.provision() {
        Some(provision) => {
            let title = provision.title_in(lang);
            if !title.is_empty() {
                out.push_str(&format!(" — {title}"));
            }
            if *act == ActId::Gdpr
                && number == "9"
                && let Some(Point::Letter(letter)) = point
                && let Some(condition) = art9_letter(*letter)
            {
                out.push_str(&format!(
                    "\n\n({letter}) {}",
                    tr!(
                        lang,
                        text::IN_HJEMMEL_S_WORDS,
                        words = condition.covers_in(lang)
                    )
                ));
            }
            if !provision.verified {
                out.push_str(&format!("\n\n_{}_", tr!(lang, text::UNVERIFIED)));
            }
        }
        None => out.push_str(&format!("\n\n_{}_", tr!(lang, text::NOT_IN_DATA))),
    }
    out.push_str(&format!(
        "\n\n{}",
        tr!(lang, text::CHECKED, checked = header.checked)
    ));
    out
}

/// A country code: its name and where it stands under GDPR chapter V.
pub(super) fn country(code: &str, lang: Lang) -> Option<String> {
    let table = countries::countries();
    let country = table.get(code)?;
    let standing = if country.eu {
        tr!(lang, text::EU)
    } else if country.eea {
        tr!(lang, text::EEA)
    } else {
        match table.adequacy(code) {
            Some(decision) => tr!(lang, text::ADEQUACY, decision = decision.decision_in(lang)),
            None => tr!(lang, text::THIRD_COUNTRY),
        }
    };
    Some(format!(
        "**{}** ({code}): {standing}",
        country.name_in(lang)
    ))
}

/// How a point is written in the act: a letter in the GDPR, a number in Danish acts.
pub(super) fn point_label(style: PointStyle, index: u32) -> String {
    match style {
        PointStyle::Letters => ((b'a' + (index.clamp(1, 26) - 1) as u8) as char).to_string(),
        PointStyle::Numbers => index.to_string(),
    }
}

/// The words of hovers, in English and Danish.
pub mod text {
    crate::texts! {
        PAGE = ("the rule's page: `{path}`", "reglens side: `{path}`"),
        IN_HJEMMEL_S_WORDS = (
            "{words} (hjemmel's summary, not the text of the act)",
            "{words} (hjemmels sammenfatning, ikke lovens tekst)"
        ),
        UNVERIFIED = (
            "unverified: hjemmel's reference data for this provision could not be checked against the text of the law",
            "ikke verificeret: hjemmels referencedata for denne bestemmelse kunne ikke kontrolleres mod lovteksten"
        ),
        NOT_IN_DATA = (
            "unverified: the provision is not in hjemmel's table of the act, which is incomplete",
            "ikke verificeret: bestemmelsen står ikke i hjemmels tabel over loven, som er ufuldstændig"
        ),
        CHECKED = ("reference data checked {checked}", "referencedata kontrolleret {checked}"),
        EU = ("an EU member state", "et EU-land"),
        EEA = ("an EEA state outside the EU", "et EØS-land uden for EU"),
        ADEQUACY = (
            "a third country with an adequacy decision (art. 45): {decision}",
            "et tredjeland med en afgørelse om tilstrækkeligt beskyttelsesniveau (art. 45): {decision}"
        ),
        THIRD_COUNTRY = (
            "a third country without an adequacy decision: a transfer needs a safeguard of art. 46 or a derogation of art. 49",
            "et tredjeland uden en afgørelse om tilstrækkeligt beskyttelsesniveau: en overførsel kræver en garanti efter art. 46 eller en undtagelse efter art. 49"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hover(text: &str, marker: &str, lang: Lang) -> Option<String> {
        let offset = text.find(marker).expect("marker") + 1;
        at(text, FileId(0), offset, lang).map(|h| h.markdown)
    }

    #[test]
    fn a_citation_is_cited_as_a_lawyer_cites_it_in_both_languages() {
        let text = "activity a \"A\" {\n  basis gdpr 6(1)(e), gdpr 9(2)(g), dbl 7(4)\n";
        let en = hover(text, "9(2)(g)", Lang::En).unwrap();
        assert!(
            en.starts_with("**GDPR art. 9(2)(g)** — Processing of special categories"),
            "{en}"
        );
        assert!(en.contains("substantial public interest"), "{en}");
        let da = hover(text, "(g)", Lang::Da).unwrap();
        assert!(
            da.starts_with("**Databeskyttelsesforordningen art. 9, stk. 2, litra g**"),
            "{da}"
        );
        assert!(da.contains("væsentlige samfundsinteresser"), "{da}");
        let dbl = hover(text, "dbl 7", Lang::Da).unwrap();
        assert!(
            dbl.starts_with("**Databeskyttelsesloven § 7, stk. 4**"),
            "{dbl}"
        );
        // The same span whichever part the pointer is on.
        let offset = text.find("gdpr 9").unwrap();
        let on_act = at(text, FileId(0), offset + 1, Lang::En).unwrap();
        let on_point = at(text, FileId(0), text.find("(g)").unwrap() + 1, Lang::En).unwrap();
        assert_eq!(on_act.span, on_point.span);
        assert_eq!(
            &text[on_act.span.start as usize..on_act.span.end as usize],
            "gdpr 9(2)(g)"
        );
    }

    #[test]
    fn unverified_data_and_invalid_citations_say_so() {
        // tvol's table is incomplete: a § it does not list is accepted but unverified.
        let text = "activity a \"A\" { cctv tvol 99 }";
        let said = hover(text, "tvol", Lang::En).unwrap();
        assert!(said.contains("unverified"), "{said}");
        let text = "activity a \"A\" { basis gdpr 9(2)(k) }";
        let said = hover(text, "9(2)", Lang::En).unwrap();
        assert!(said.contains("has no point (k)"), "{said}");
        let unverified = ActId::Dbl
            .act()
            .provision_numbers()
            .find(|n| !ActId::Dbl.act().provision(n).unwrap().verified);
        if let Some(number) = unverified {
            let text = format!("activity a \"A\" {{ basis dbl {number} }}");
            let said = hover(&text, "dbl", Lang::Da).unwrap();
            assert!(said.contains("ikke verificeret"), "{said}");
        }
    }

    #[test]
    fn a_rule_code_shows_its_title_first_paragraph_and_page() {
        let text =
            "activity a \"A\" {\n  allow ART9-FIT \"assessed\"\n}\n// see CONSENT-WITHDRAWAL";
        let said = hover(text, "ART9-FIT", Lang::En).unwrap();
        assert!(said.starts_with("**ART9-FIT:"), "{said}");
        assert!(said.contains("docs/rules/ART9-FIT.md"), "{said}");
        let da = hover(text, "CONSENT-WITHDRAWAL", Lang::Da).unwrap();
        assert!(da.contains("docs/rules/da/CONSENT-WITHDRAWAL.md"), "{da}");
        assert!(da.lines().count() > 3, "{da}");
    }

    #[test]
    fn keywords_say_what_they_are_where_they_stand_even_in_a_file_that_does_not_parse() {
        let text = "data d \"D\" ordinary\nactivity a \"A\" {\n  purpose \"p\"\n  data d\n  basis gdpr 6(1)(\n";
        assert!(super::super::tests::does_not_parse(text));
        let purpose = hover(text, "purpose", Lang::En).unwrap();
        assert!(purpose.starts_with("`purpose`: why the data"), "{purpose}");
        let statement = hover(text, "data d\n  basis", Lang::Da).unwrap();
        let declaration = hover(text, "data d \"D\"", Lang::Da).unwrap();
        assert_ne!(statement, declaration);
        assert!(hover(text, "ordinary", Lang::En).is_none());
        let joint = "joint controller kombit \"KOMBIT\" { }";
        assert!(
            hover(joint, "controller", Lang::En)
                .unwrap()
                .contains("joint controller")
        );
    }

    #[test]
    fn a_country_says_its_standing() {
        let text = "processor p \"P\" { country US }\nrecipient r \"R\" authority { country SE }";
        let us = hover(text, "US", Lang::En).unwrap();
        assert!(
            us.contains("United States") && us.contains("adequacy"),
            "{us}"
        );
        let se = hover(text, "SE", Lang::Da).unwrap();
        assert!(se.contains("EU-land"), "{se}");
    }
}
