//! Languages: every text hjemmel shows a person exists in English (the default) and Danish
//! (`--lang da`).
//!
//! A text is a [`Text`]: both languages side by side, in the file that uses it, so whoever changes
//! the English sees the Danish beside it. Placeholders are `{name}`, filled by [`Text::fill`]. Every
//! `Text` is declared with [`texts!`], which also lists the texts of its module in `ALL`; every
//! such list is named in [`all_texts`], and a test checks that each text has both languages with the
//! same placeholders.

pub mod citation;
pub mod rule_titles;

use std::fmt::{Display, Write};

/// The language of messages and reports.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English (the default).
    #[default]
    En,
    /// Danish: `--lang da`.
    Da,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Da];

    /// The code on the command line and in JSON: `en`, `da`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Da => "da",
        }
    }
}

/// One text in both languages. Placeholders are `{name}`; `{{` and `}}` are literal braces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Text {
    pub en: &'static str,
    pub da: &'static str,
}

impl Text {
    pub const fn new(en: &'static str, da: &'static str) -> Text {
        Text { en, da }
    }

    /// The text in `lang`, placeholders untouched: for texts without any.
    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Da => self.da,
        }
    }

    /// The text in `lang` with each `{name}` replaced by the value given for `name`.
    ///
    /// A placeholder without a value is left as it is: `tests/i18n.rs` checks that both languages
    /// of every text use the same placeholders, so a missing value shows in English and Danish alike.
    pub fn fill(&self, lang: Lang, args: &[(&str, &dyn Display)]) -> String {
        fill(self.get(lang), args)
    }

    /// The placeholder names of one language's template, in order of appearance.
    pub fn placeholders(template: &str) -> Vec<&str> {
        let mut names = Vec::new();
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            if rest[open..].starts_with("{{") {
                rest = &rest[open + 2..];
                continue;
            }
            let Some(close) = rest[open..].find('}') else {
                break;
            };
            names.push(&rest[open + 1..open + close]);
            rest = &rest[open + close + 1..];
        }
        names
    }
}

fn fill(template: &str, args: &[(&str, &dyn Display)]) -> String {
    fill_template(template, 16, |name, out| {
        let (_, value) = args.iter().find(|(n, _)| *n == name)?;
        let _ = write!(out, "{value}");
        Some(())
    })
}

/// `template` with each `{name}` replaced by what `value` writes for it; `{{` and `}}` are single
/// braces, and a placeholder `value` has nothing for (`None`) stays as written. `extra` is the room
/// kept for the values beyond the template's own length.
pub(crate) fn fill_template(
    template: &str,
    extra: usize,
    mut value: impl FnMut(&str, &mut String) -> Option<()>,
) -> String {
    let mut out = String::with_capacity(template.len() + extra);
    let mut rest = template;
    // Bytes, not chars (braces are ASCII): the rules fill a text for every activity they look at.
    while let Some(brace) = memchr::memchr2(b'{', b'}', rest.as_bytes()) {
        out.push_str(&rest[..brace]);
        let tail = &rest[brace..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            out.push_str(&tail[..1]);
            rest = &tail[2..];
            continue;
        }
        if let Some(after) = tail.strip_prefix('}') {
            out.push('}');
            rest = after;
            continue;
        }
        let Some(close) = memchr::memchr(b'}', tail.as_bytes()) else {
            out.push_str(tail);
            return out;
        };
        if value(&tail[1..close], &mut out).is_none() {
            out.push_str(&tail[..=close]);
        }
        rest = &tail[close + 1..];
    }
    out.push_str(rest);
    out
}

/// `tr!(lang, TEXT, name = value, ...)`: [`Text::fill`] with named values, as `format!` takes them.
/// `tr!(lang, TEXT)` is the text with no values, so that `{{` and `}}` come out as single braces.
#[macro_export]
macro_rules! tr {
    ($lang:expr, $text:expr $(,)?) => {
        $text.fill($lang, &[])
    };
    ($lang:expr, $text:expr, $($name:ident = $value:expr),+ $(,)?) => {
        $text.fill($lang, &[$((stringify!($name), &$value as &dyn ::std::fmt::Display)),+])
    };
}

/// Declares texts as constants, and `ALL`, the list of them with their names:
///
/// ```ignore
/// texts! {
///     /// Heading of the findings section.
///     FINDINGS = ("Findings", "Fund"),
///     MISSING = ("`{name}` has no purpose", "`{name}` har intet formål"),
/// }
/// ```
///
/// Add the module's `ALL` to [`all_texts`] so the test of both languages reaches it.
#[macro_export]
macro_rules! texts {
    ($($(#[$attr:meta])* $name:ident = ($en:expr, $da:expr $(,)?)),+ $(,)?) => {
        $($(#[$attr])* pub const $name: $crate::i18n::Text = $crate::i18n::Text::new($en, $da);)+
        /// Every text of this module, with its name: for the test that each has both languages.
        pub const ALL: &[(&str, $crate::i18n::Text)] = &[$((stringify!($name), $name)),+];
    };
}

/// Every text of hjemmel, by module: each module that declares texts with [`texts!`] is named here.
///
/// The rules' texts are not listed here: each rule declares them in [`declare_rule!`]
/// (`crate::rules`), which puts them in its metadata, and [`rule_texts`] reaches them all.
pub fn all_texts() -> Vec<(&'static str, &'static [(&'static str, Text)])> {
    vec![
        ("i18n::examples", examples::ALL),
        ("i18n::rule_titles", rule_titles::TITLES),
        ("config", crate::config::text::ALL),
        ("config::waivers", crate::config::waivers::text::ALL),
        ("diff::words", crate::diff::words::ALL),
        ("diff::git", crate::diff::git::ALL),
        ("flow::render", crate::flow::render::ALL),
        ("flow::render::svg", crate::flow::render::svg::ALL),
        ("flow::transfers", crate::flow::transfers::text::ALL),
        ("fmt", crate::fmt::text::ALL),
        ("ide::names", crate::ide::names::text::ALL),
        ("ide::law::hover", crate::ide::law::hover_text::ALL),
        ("rules::suggest", crate::rules::suggest::text::ALL),
        ("init", crate::init::ALL),
        ("import", crate::import::text::ALL),
        ("law::citation", crate::law::citation::text::ALL),
        ("law::countries", crate::law::countries::text::ALL),
        ("law::vocabulary", crate::law::vocabulary::text::ALL),
        ("notice::words", crate::notice::words::ALL),
        ("report::github", crate::report::github::text::ALL),
        ("report::human", crate::report::human::text::ALL),
        ("report::sarif", crate::report::sarif::text::ALL),
        ("rules::basis_lists", crate::rules::basis_lists::text::ALL),
        ("rules::docs", crate::rules::docs::text::ALL),
        ("rules::registry", crate::rules::registry::text::ALL),
        ("source", crate::source::text::ALL),
        ("syntax::parser", crate::syntax::parser::text::ALL),
        (
            "syntax::syntax_error",
            crate::syntax::syntax_error::text::ALL,
        ),
        ("semantic::model", crate::semantic::model::text::ALL),
        ("semantic::resolve", crate::semantic::resolve::text::ALL),
        ("report::file", crate::report::file::ALL),
        ("report::source_date", crate::report::source_date::ALL),
        ("report::html", crate::report::html::ALL),
        ("report::html::scope", crate::report::html::scope::ALL),
        (
            "report::html::findings",
            crate::report::html::FINDINGS_TEXTS,
        ),
        ("ropa", crate::ropa::ALL),
        ("ropa::fields", crate::ropa::fields::ALL),
        ("ropa::words", crate::ropa::words::ALL),
        ("ropa::xlsx", crate::ropa::xlsx::ALL),
    ]
}

/// Every rule's texts, by the rule's code: its summary and the words of its findings.
pub fn rule_texts() -> Vec<(&'static str, &'static [(&'static str, Text)])> {
    crate::rules::registry::RULES
        .iter()
        .map(|rule| (rule.meta().code, rule.meta().texts))
        .collect()
}

/// A text or two of this module's own, so [`all_texts`] is never empty and the macro is tested.
mod examples {
    texts! {
        /// The name of the language a report is in.
        LANGUAGE_NAME = ("English", "dansk"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GREETING: Text = Text::new("hello `{name}`, {n} {{x}}", "hej `{name}`, {n} {{x}}");

    #[test]
    fn fills_named_placeholders_in_either_language() {
        assert_eq!(
            tr!(Lang::En, GREETING, name = "Ane", n = 3),
            "hello `Ane`, 3 {x}"
        );
        assert_eq!(
            tr!(Lang::Da, GREETING, name = "Ane", n = 3),
            "hej `Ane`, 3 {x}"
        );
    }

    #[test]
    fn leaves_a_placeholder_without_value_visible() {
        assert_eq!(GREETING.fill(Lang::En, &[]), "hello `{name}`, {n} {x}");
    }

    #[test]
    fn every_text_has_both_languages_with_the_same_placeholders() {
        for (module, texts) in all_texts().into_iter().chain(rule_texts()) {
            for (name, text) in texts {
                assert!(
                    !text.en.trim().is_empty() && !text.da.trim().is_empty(),
                    "{module}::{name} lacks a language"
                );
                let mut en = Text::placeholders(text.en);
                let mut da = Text::placeholders(text.da);
                en.sort_unstable();
                da.sort_unstable();
                assert_eq!(en, da, "{module}::{name}: placeholders differ");
            }
        }
    }

    #[test]
    fn lists_placeholders_but_not_escaped_braces() {
        assert_eq!(Text::placeholders(GREETING.en), vec!["name", "n"]);
    }
}
