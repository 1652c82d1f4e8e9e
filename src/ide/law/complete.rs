//! What may be written at the cursor, read from the words before it: the statements the block
//! takes where a statement may start, the words of a closed list after its keyword, the parts of a
//! citation, country codes, rule codes after `allow`.

use super::hover;
use super::keywords::{self, Block};
use super::scan::{self, Around, Placed};
use crate::fmt::tokens::Kind;
use crate::i18n::Lang;
use crate::ide::{Completion, CompletionKind};
use crate::law::ActId;
use crate::law::acts::PointStyle;
use crate::law::art9::art9_letter;
use crate::law::countries::countries;
use crate::law::vocabulary::{
    Area, DataClass, Mechanism, RecipientKind, ReviewMode, SourceKind, SpecialKind, SubjectKind,
    TimeUnit,
};
use crate::rules::registry;
use crate::syntax::span::{FileId, Span};
use crate::tr;

/// The completions at `offset` of `text`, the file `file`.
pub fn at(text: &str, file: FileId, offset: usize, lang: Lang) -> Vec<Completion> {
    let around = scan::around(text, offset);
    // The part of the word before the cursor is what is replaced, and what the list is filtered by.
    let (typed, replace) = match &around.word {
        Some(word) if word.start < offset => {
            let end = offset.min(word.end());
            (
                &text[word.start..end],
                Some(Span::new(file, word.start, end)),
            )
        }
        _ => ("", None),
    };
    let mut items = offered(&around, lang);
    // As typed, whatever the case (`dk` finds `DK`).
    let typed = typed.to_lowercase();
    items.retain(|c| c.label.to_lowercase().starts_with(&typed));
    for item in &mut items {
        item.replace = replace;
    }
    items
}

/// Every completion that fits what stands before the cursor, unfiltered.
fn offered(around: &Around<'_>, lang: Lang) -> Vec<Completion> {
    let back = |n| around.back(n).map(Placed::text);
    if let Some(items) = citation_part(around, lang) {
        return items;
    }
    if in_citation_list(around) {
        return acts();
    }
    match (back(2), back(1)) {
        (_, Some("allow")) => return rule_codes(lang),
        (_, Some("country")) => return country_codes(lang),
        (Some("international"), Some("organisation")) => return organisations(lang),
        (_, Some("area")) => return words(Area::ALL, |a| a.keyword(), |a| Some(a.word(lang))),
        (Some("special"), Some("(")) => {
            return words(
                SpecialKind::ALL,
                |k| k.keyword(),
                |k| Some(k.description(lang)),
            );
        }
        (Some(_), Some(number))
            if number.parse::<f64>().is_ok()
                && matches!(back(2), Some("for" | "every" | "limit")) =>
        {
            return words(TimeUnit::ALL, |u| u.keyword(), |_| None);
        }
        _ => {}
    }
    if let Some(list) = alternatives_of(around) {
        return list(lang);
    }
    if around.block == Block::TopLevel
        && around.before.len() == 3
        && around.back(1).is_some_and(|p| p.token.kind == Kind::Text)
    {
        match back(3) {
            Some("subjects") => {
                return words(SubjectKind::ALL, |k| k.keyword(), |k| Some(k.word(lang)));
            }
            Some("data") => return words(DataClass::ALL, |k| k.keyword(), |_| None),
            Some("source") => {
                return words(SourceKind::ALL, |k| k.keyword(), |k| Some(k.word(lang)));
            }
            Some("recipient") => {
                return words(RecipientKind::ALL, |k| k.keyword(), |k| Some(k.word(lang)));
            }
            _ => {}
        }
    }
    if around.line_start || around.before.is_empty() {
        return statements(around.block, lang);
    }
    Vec::new()
}

/// `transfer a | b`, `review a | b`: the words of the list after its keyword or a `|`.
#[allow(clippy::type_complexity)]
fn alternatives_of(around: &Around<'_>) -> Option<fn(Lang) -> Vec<Completion>> {
    let mut n = 1;
    loop {
        let token = around.back(n)?;
        match token.text() {
            "transfer" => {
                return Some(|_| words(Mechanism::ALL, |m| m.keyword(), |_| None));
            }
            "review" => return Some(|_| words(ReviewMode::ALL, |m| m.keyword(), |_| None)),
            "|" if n % 2 == 1 => n += 1,
            _ if n % 2 == 0 && n > 1 => n += 1,
            _ => return None,
        }
    }
}

/// Whether the cursor stands where a citation starts: after `basis`, `under`, `exempt`,
/// `exception`, `cctv`, or after a `,` that follows a citation of such a list.
fn in_citation_list(around: &Around<'_>) -> bool {
    let starts = |w: &str| matches!(w, "basis" | "under" | "exempt" | "exception" | "cctv");
    match around.back(1) {
        Some(t) if starts(t.text()) => return true,
        Some(t) if t.is(",") => {}
        _ => return false,
    }
    // Back over the citations of the list to the word that starts it.
    for token in around.before.iter().rev().skip(1) {
        let word = token.text();
        if starts(word) {
            return true;
        }
        // Another statement's list (`data a, b`): no citation.
        if around.block.keywords().contains(&word) {
            return false;
        }
        let in_list = token.is(",")
            || token.is("(")
            || token.is(")")
            || token.token.kind == Kind::Text
            || matches!(word, "law" | "agreement")
            || ActId::from_keyword(word).is_some()
            || word.chars().all(|c| c.is_ascii_alphanumeric());
        if !in_list {
            return false;
        }
    }
    false
}

/// After an act's keyword, its provisions; after `(`, the paragraphs or points of the provision.
fn citation_part(around: &Around<'_>, lang: Lang) -> Option<Vec<Completion>> {
    let before = &around.before;
    let last = before.len().checked_sub(1)?;
    if let Some(act) = ActId::from_keyword(before[last].text()) {
        return Some(provisions(act, lang));
    }
    if !before[last].is("(") {
        return None;
    }
    // `act number(p)(`: the citation the `(` continues.
    let (first, end) = hover::citation_around(before, last.checked_sub(1)?)?;
    if end + 1 != last || before[end].end() != before[last].start {
        return None;
    }
    let act = ActId::from_keyword(before[first].text())?;
    let provision = act.act().provision(before[first + 1].text())?;
    let written: Vec<&str> = before[first + 2..=end]
        .iter()
        .filter(|t| t.token.kind == Kind::Word)
        .map(Placed::text)
        .collect();
    let style = act.act().header.points;
    let points = |paragraph: u32| -> Vec<Completion> {
        (1..=provision.points_in(paragraph))
            .map(|i| {
                let point = hover::point_label(style, i);
                let detail = match (act, provision.number.as_str(), paragraph, style) {
                    (ActId::Gdpr, "9", 2, PointStyle::Letters) => point
                        .chars()
                        .next()
                        .and_then(art9_letter)
                        .map(|l| l.covers_in(lang).to_string()),
                    _ => None,
                };
                part(format!("{point})"), detail)
            })
            .collect()
    };
    Some(match (provision.paragraphs, written.as_slice()) {
        // One paragraph: the points are written directly (`gdpr 50(a)`).
        (0 | 1, []) => points(1),
        (_, []) => (1..=provision.paragraphs)
            .map(|p| part(format!("{p})"), None))
            .collect(),
        (_, [paragraph]) => points(paragraph.parse().ok()?),
        _ => Vec::new(),
    })
}

fn part(label: String, detail: Option<String>) -> Completion {
    Completion {
        label,
        kind: CompletionKind::Provision,
        detail,
        documentation: None,
        insert: None,
        replace: None,
    }
}

/// The provisions of `act`, in numerical order, with their headings.
fn provisions(act: ActId, lang: Lang) -> Vec<Completion> {
    let table = act.act();
    let mut numbers: Vec<&str> = table.provision_numbers().collect();
    numbers.sort_by_key(|n| {
        let digits = n.bytes().take_while(u8::is_ascii_digit).count();
        (
            n[..digits].parse::<u32>().unwrap_or(0),
            n[digits..].to_string(),
        )
    });
    numbers
        .into_iter()
        .filter_map(|n| table.provision(n))
        .map(|p| {
            let title = p.title_in(lang);
            part(
                p.number.clone(),
                (!title.is_empty()).then(|| title.to_string()),
            )
        })
        .collect()
}

/// The acts a citation may name, and `law`, `agreement`.
fn acts() -> Vec<Completion> {
    ActId::ALL
        .iter()
        .map(|a| Completion {
            label: a.keyword().to_string(),
            kind: CompletionKind::Provision,
            detail: Some(a.header().short.clone()),
            documentation: None,
            insert: None,
            replace: None,
        })
        .chain(["law", "agreement"].map(|w| keyword(w, None, Some(format!("{w} \"\"")))))
        .collect()
}

fn rule_codes(lang: Lang) -> Vec<Completion> {
    registry::RULES
        .iter()
        .map(|r| {
            let meta = r.meta();
            Completion {
                label: meta.code.to_string(),
                kind: CompletionKind::RuleCode,
                detail: Some(meta.summary.get(lang).to_string()),
                documentation: None,
                insert: None,
                replace: None,
            }
        })
        .collect()
}

fn country_codes(lang: Lang) -> Vec<Completion> {
    let mut items: Vec<Completion> = countries()
        .all()
        .map(|c| Completion {
            label: c.code.clone(),
            kind: CompletionKind::Country,
            detail: Some(c.name_in(lang).to_string()),
            documentation: hover::country(&c.code, lang),
            insert: None,
            replace: None,
        })
        .collect();
    items.sort_by(|a, b| a.label.cmp(&b.label));
    items.push(keyword(
        "outside_eea",
        Some(tr!(lang, crate::law::countries::text::OUTSIDE_EEA)),
        None,
    ));
    items.push(keyword(
        "unknown",
        Some(tr!(lang, crate::law::countries::text::UNKNOWN)),
        None,
    ));
    items
}

fn organisations(lang: Lang) -> Vec<Completion> {
    countries()
        .organisations()
        .iter()
        .map(|o| Completion {
            label: o.code.clone(),
            kind: CompletionKind::Country,
            detail: Some(o.name_in(lang).to_string()),
            documentation: None,
            insert: None,
            replace: None,
        })
        .collect()
}

/// The statements `block` takes, each with one line of what it says.
fn statements(block: Block, lang: Lang) -> Vec<Completion> {
    block
        .keywords()
        .iter()
        .map(|w| {
            let insert =
                (block == Block::TopLevel && *w == "joint").then(|| "joint controller".to_string());
            keyword(
                w,
                keywords::description(block, w, lang).map(str::to_string),
                insert,
            )
        })
        .collect()
}

fn words<T: Copy>(
    all: &[T],
    keyword_of: impl Fn(T) -> &'static str,
    detail: impl Fn(T) -> Option<&'static str>,
) -> Vec<Completion> {
    all.iter()
        .map(|&v| keyword(keyword_of(v), detail(v).map(str::to_string), None))
        .collect()
}

fn keyword(label: &str, detail: Option<String>, insert: Option<String>) -> Completion {
    Completion {
        label: label.to_string(),
        kind: CompletionKind::Keyword,
        detail,
        documentation: None,
        insert,
        replace: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(text: &str, lang: Lang) -> Vec<(String, Option<String>)> {
        at(text, FileId(0), text.len(), lang)
            .into_iter()
            .map(|c| (c.label, c.detail))
            .collect()
    }

    fn names(text: &str) -> Vec<String> {
        labels(text, Lang::En).into_iter().map(|(l, _)| l).collect()
    }

    const ACTIVITY: &str =
        "controller k \"K\" { public authority }\nactivity a \"A\" {\n  purpose \"p\"\n  ";

    #[test]
    fn statements_where_a_statement_starts_only_those_the_block_takes() {
        let in_activity = names(ACTIVITY);
        assert!(in_activity.contains(&"basis".to_string()));
        assert!(in_activity.contains(&"withdrawal".to_string()));
        assert!(!in_activity.contains(&"dpo".to_string()));
        let in_controller = names("controller k \"K\" {\n  ");
        assert!(in_controller.contains(&"dpo".to_string()));
        assert!(!in_controller.contains(&"basis".to_string()));
        let top = names("");
        assert!(top.contains(&"activity".to_string()));
        // Partly typed: filtered, and the typed word is replaced.
        let text = format!("{ACTIVITY}with");
        let items = at(&text, FileId(0), text.len(), Lang::Da);
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].label, "withdrawal");
        assert!(items[0].detail.as_deref().unwrap().contains("samtykke"));
        let replace = items[0].replace.unwrap();
        assert_eq!(&text[replace.start as usize..replace.end as usize], "with");
        // Not in the middle of a statement.
        assert!(names(&format!("{ACTIVITY}purpose ")).is_empty());
    }

    #[test]
    fn citations_the_acts_their_provisions_and_their_parts() {
        let acts = names(&format!("{ACTIVITY}basis "));
        assert!(acts.contains(&"gdpr".to_string()) && acts.contains(&"law".to_string()));
        let after_comma = names(&format!("{ACTIVITY}basis gdpr 6(1)(e), "));
        assert_eq!(acts, after_comma);
        // A list of another statement after a basis: no acts.
        let names_list = names(&format!("{ACTIVITY}basis gdpr 6(1)(e)\n  data a, "));
        assert!(!names_list.contains(&"gdpr".to_string()), "{names_list:?}");
        // Case does not matter for what is typed.
        let dk = names("processor p \"P\" { country dk");
        assert_eq!(dk, ["DK"]);
        let articles = labels(&format!("{ACTIVITY}basis gdpr "), Lang::En);
        assert_eq!(articles.len(), 99);
        assert_eq!(articles[0].0, "1");
        assert!(articles.iter().any(|(l, d)| l == "9"
            && d.as_deref() == Some("Processing of special categories of personal data")));
        let paragraphs = names(&format!("{ACTIVITY}basis gdpr 9("));
        assert_eq!(paragraphs, ["1)", "2)", "3)", "4)"]);
        let letters = labels(&format!("{ACTIVITY}basis gdpr 9(2)("), Lang::En);
        assert_eq!(letters.len(), 10);
        assert_eq!(letters[0].0, "a)");
        assert!(
            letters[0]
                .1
                .as_deref()
                .unwrap()
                .contains("explicit consent")
        );
        let typed = format!("{ACTIVITY}basis gdpr 9(2)(g");
        let items = at(&typed, FileId(0), typed.len(), Lang::Da);
        assert_eq!(items.len(), 1);
        assert!(
            items[0]
                .detail
                .as_deref()
                .unwrap()
                .contains("væsentlige samfundsinteresser")
        );
        let numbers = names(&format!("{ACTIVITY}basis dbl 8(2)("));
        assert_eq!(numbers, ["1)", "2)", "3)", "4)"]);
        let sections = names(&format!("{ACTIVITY}cctv tvol 4"));
        assert!(sections.contains(&"4c".to_string()));
    }

    #[test]
    fn closed_lists_after_their_keyword() {
        assert!(names("subjects s \"S\" ").contains(&"employees".to_string()));
        assert!(names("data d \"D\" ").contains(&"confidential".to_string()));
        assert!(names("data d \"D\" special(").contains(&"health".to_string()));
        assert!(names("source s \"S\" ").contains(&"register".to_string()));
        assert!(names("recipient r \"R\" ").contains(&"police".to_string()));
        assert!(names(&format!("{ACTIVITY}retain all for 5 ")).contains(&"years".to_string()));
        assert!(names(&format!("{ACTIVITY}area ")).contains(&"social".to_string()));
        assert!(names(&format!("{ACTIVITY}review manual | ")).contains(&"ai".to_string()));
        let transfer = names("processor p \"P\" {\n  transfer scc | ");
        assert!(transfer.contains(&"dpf".to_string()), "{transfer:?}");
        let codes = names(&format!("{ACTIVITY}allow "));
        assert!(codes.contains(&"ART9-FIT".to_string()));
        let countries = labels("processor p \"P\" { country ", Lang::Da);
        let us = countries.iter().find(|(l, _)| l == "US").unwrap();
        assert_eq!(us.1.as_deref(), Some("USA"));
        assert!(countries.iter().any(|(l, _)| l == "outside_eea"));
        let orgs = names("processor p \"P\" { international organisation ");
        assert!(orgs.contains(&"EPO".to_string()));
    }

    #[test]
    fn a_file_that_does_not_parse_is_completed_too() {
        let text = format!("{ACTIVITY}basis gdpr 9(2)(");
        assert!(super::super::tests::does_not_parse(&text));
        assert_eq!(names(&text).len(), 10);
        // Never a panic at any offset, in a character or past the end.
        let text = "activity å \"Æ\" { basis gdpr 9(2)(g) allow ART9 country D";
        for offset in 0..=text.len() + 2 {
            let _ = at(text, FileId(0), offset, Lang::En);
            let _ = hover::at(text, FileId(0), offset, Lang::Da);
        }
    }
}
