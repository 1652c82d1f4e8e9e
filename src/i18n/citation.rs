//! A rule's provisions as a Danish lawyer cites them.
//!
//! Rules cite the GDPR the way the English text of the regulation does (`art. 9(2)(h)`); in Danish
//! the same provision is `art. 9, stk. 2, litra h`. Danish acts are cited in Danish already
//! (`§ 7, stk. 3`), so only the GDPR form and a few English words need changing.

use super::Lang;
use crate::law::citation::LegalRef;

/// English names of acts and sources, and their Danish names.
const ACT_NAMES: &[(&str, &str)] = &[
    ("GDPR", "Databeskyttelsesforordningen"),
    ("CJEU", "EU-Domstolen"),
    ("a public task", "en offentlig opgave"),
    ("AI Act", "Forordningen om kunstig intelligens"),
    ("Article 29 Working Party", "Artikel 29-gruppen"),
];

/// English words inside provisions, and their Danish words.
const PROVISION_WORDS: &[(&str, &str)] = &[
    ("second subparagraph", "2. afsnit"),
    (
        "the statute that lays down the task",
        "den lov, der fastlægger opgaven",
    ),
    ("Annex III, point", "bilag III, punkt"),
];

/// The act's name in `lang`.
pub fn act(lang: Lang, act: &str) -> String {
    match lang {
        Lang::En => act.to_string(),
        Lang::Da => ACT_NAMES
            .iter()
            .find(|(en, _)| *en == act)
            .map_or(act, |(_, da)| da)
            .to_string(),
    }
}

/// The provision in `lang`: `art. 9(2)(h)` becomes `art. 9, stk. 2, litra h` in Danish.
pub fn provision(lang: Lang, provision: &str) -> String {
    if lang == Lang::En {
        return provision.to_string();
    }
    let mut text = provision.to_string();
    for (en, da) in PROVISION_WORDS {
        text = text.replace(en, da);
    }
    gdpr_brackets_to_danish(&text)
}

/// `art. 5(1)(a)-(c)` → `art. 5, stk. 1, litra a-c`; `art. 9(1)–(2)` → `art. 9, stk. 1–2`. Numbers in
/// brackets are paragraphs (`stk.`), letters are points (`litra`); a range joins two of a kind.
fn gdpr_brackets_to_danish(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    let mut previous_kind: Option<bool> = None; // Some(true) after a paragraph number, Some(false) after a letter
    while let Some(open) = rest.find('(') {
        let Some(close) = rest[open..].find(')').map(|c| open + c) else {
            break;
        };
        let between = &rest[..open];
        let inner = &rest[open + 1..close];
        let is_number = inner.chars().all(|c| c.is_ascii_digit()) && !inner.is_empty();
        let is_letter = inner.chars().all(|c| c.is_ascii_lowercase()) && !inner.is_empty();
        if !is_number && !is_letter {
            out.push_str(&rest[..=close]);
            rest = &rest[close + 1..];
            previous_kind = None;
            continue;
        }
        let is_range_end = matches!(between, "-" | "–") && previous_kind == Some(is_number);
        if is_range_end {
            out.push_str(between);
        } else {
            out.push_str(between);
            out.push_str(if is_number { ", stk. " } else { ", litra " });
        }
        out.push_str(inner);
        previous_kind = Some(is_number);
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

/// `act provision` in `lang`, as the renderers print a provision.
pub fn cite(lang: Lang, act_name: &str, provision_text: &str) -> String {
    format!(
        "{} {}",
        act(lang, act_name),
        provision(lang, provision_text)
    )
}

/// A citation from a spec as a sentence of findings words it: `GDPR art. 6(1)(e)` in English (the
/// citation's own form), `databeskyttelsesforordningens art. 6, stk. 1, litra e` in Danish. A
/// statute or agreement cited in words stays as the spec wrote it.
pub fn legal_ref(lang: Lang, citation: &LegalRef) -> String {
    let english = citation.to_string();
    let LegalRef::Provision { act: id, .. } = citation else {
        return english;
    };
    if lang == Lang::En {
        return english;
    }
    let short = &id.act().header.short;
    let within = english
        .strip_prefix(short.as_str())
        .map_or(english.as_str(), str::trim_start);
    format!(
        "{} {}",
        genitive(&act(lang, short)),
        provision(lang, within)
    )
}

/// `Databeskyttelsesloven` → `databeskyttelseslovens`: an act's name as the owner of a provision in a
/// Danish sentence.
fn genitive(name: &str) -> String {
    let mut chars = name.chars();
    let mut out: String = chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default();
    if !out.ends_with('s') {
        out.push('s');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gdpr_paragraphs_and_points_in_danish() {
        let da = |p| provision(Lang::Da, p);
        assert_eq!(da("art. 9(2)(h)"), "art. 9, stk. 2, litra h");
        assert_eq!(da("art. 9(1)–(2)"), "art. 9, stk. 1–2");
        assert_eq!(da("art. 5(1)(a)-(c)"), "art. 5, stk. 1, litra a-c");
        assert_eq!(da("art. 10"), "art. 10");
        assert_eq!(
            da("art. 6(1), second subparagraph"),
            "art. 6, stk. 1, 2. afsnit"
        );
        assert_eq!(da("C-311/18 (Schrems II)"), "C-311/18 (Schrems II)");
        assert_eq!(da("§ 4 c, stk. 4–5"), "§ 4 c, stk. 4–5");
    }

    #[test]
    fn english_is_untouched() {
        assert_eq!(provision(Lang::En, "art. 9(2)(h)"), "art. 9(2)(h)");
        assert_eq!(act(Lang::En, "GDPR"), "GDPR");
        assert_eq!(act(Lang::Da, "GDPR"), "Databeskyttelsesforordningen");
        assert_eq!(act(Lang::Da, "Arkivloven"), "Arkivloven");
    }
}
