//! `hjemmel.toml`: a spec directory's own settings for the rules: a rule's severity changed, or the
//! rule turned off, each with the reason that reports show.
//!
//! ```toml
//! [rules.DPIA-MISSING]
//! severity = "off"
//! reason = "DPIAs are kept in the municipality's ISMS; reviewed 2026-10"
//! ```

pub mod waivers;

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::diagnostic::{Diagnostic, Severity, did_you_mean};
use crate::i18n::Lang;
use crate::rules::registry;
use crate::syntax::span::{FileId, Span};
use crate::tr;

/// The name of the settings file in a spec directory.
pub const FILE_NAME: &str = "hjemmel.toml";

/// The settings of one spec, validated.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// By rule code.
    pub rules: BTreeMap<String, RuleSetting>,
}

/// What the settings say about one rule.
#[derive(Debug, Clone)]
pub struct RuleSetting {
    pub level: Level,
    pub reason: String,
    /// The rule's table in the settings file, for pointing at it.
    pub span: Span,
}

/// A rule's severity as set in the settings, or off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Error,
    Warning,
    Off,
}

impl Level {
    const WORDS: &[&str] = &["error", "warning", "off"];

    fn from_word(word: &str) -> Option<Level> {
        match word {
            "error" => Some(Level::Error),
            "warning" => Some(Level::Warning),
            "off" => Some(Level::Off),
            _ => None,
        }
    }

    /// The severity findings get, or `None` when the rule is off.
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Error => Some(Severity::Error),
            Level::Warning => Some(Severity::Warning),
            Level::Off => None,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    rules: BTreeMap<toml::Spanned<String>, toml::Spanned<RawRule>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    severity: Option<toml::Spanned<String>>,
    reason: Option<toml::Spanned<String>>,
}

/// Reads the settings file `file` of a spec. Every mistake is reported at its place in the file.
/// Errors are worded in `lang`.
pub fn parse(file: FileId, text: &str, lang: Lang) -> Result<Config, Vec<Diagnostic>> {
    let at = |range: std::ops::Range<usize>| Span::new(file, range.start, range.end);
    let raw: RawConfig = toml::from_str(text).map_err(|e| {
        let span = e.span().map_or(Span::new(file, 0, 0), at);
        vec![
            Diagnostic::spec_error_at(
                "config-error",
                tr!(
                    lang,
                    text::CANNOT_READ,
                    file = FILE_NAME,
                    reason = e.message()
                ),
                span,
                tr!(lang, text::HERE),
            )
            .with_help(tr!(lang, text::FORMAT)),
        ]
    })?;
    let mut config = Config::default();
    let mut errors = Vec::new();
    for (code, setting) in raw.rules {
        let code_span = at(code.span());
        let table_span = at(setting.span());
        let code = code.into_inner();
        let setting = setting.into_inner();
        if registry::find(&code).is_none() {
            errors.push(unknown_rule(&code, code_span, lang));
            continue;
        }
        let level = match &setting.severity {
            None => {
                errors.push(
                    Diagnostic::spec_error_at(
                        "config-error",
                        tr!(lang, text::CHANGES_NOTHING, code = code),
                        code_span,
                        tr!(lang, text::NO_SEVERITY),
                    )
                    .with_help(tr!(lang, text::ADD_SEVERITY, code = code)),
                );
                continue;
            }
            Some(word) => match Level::from_word(word.get_ref()) {
                Some(level) => level,
                None => {
                    let suggestion = did_you_mean(word.get_ref(), Level::WORDS.iter().copied())
                        .map(|s| tr!(lang, text::DID_YOU_MEAN_WORD, word = s))
                        .unwrap_or_default();
                    errors.push(
                        Diagnostic::spec_error_at(
                            "config-error",
                            tr!(lang, text::NOT_A_SEVERITY, word = word.get_ref()),
                            at(word.span()),
                            tr!(lang, text::NOT_A_SEVERITY_LABEL),
                        )
                        .with_help(tr!(
                            lang,
                            text::SEVERITIES,
                            suggestion = suggestion
                        )),
                    );
                    continue;
                }
            },
        };
        let reason = match setting.reason {
            Some(reason) if !reason.get_ref().trim().is_empty() => reason.into_inner(),
            _ => {
                errors.push(
                    Diagnostic::spec_error_at(
                        "config-without-reason",
                        tr!(lang, text::NO_REASON, code = code),
                        code_span,
                        tr!(lang, text::NO_REASON_LABEL),
                    )
                    .with_help(tr!(lang, text::ADD_REASON, code = code)),
                );
                continue;
            }
        };
        config.rules.insert(
            code,
            RuleSetting {
                level,
                reason,
                span: table_span,
            },
        );
    }
    if errors.is_empty() {
        Ok(config)
    } else {
        Err(errors)
    }
}

/// An unknown rule code, in the settings or in a waiver, with the closest known code.
pub fn unknown_rule(code: &str, span: Span, lang: Lang) -> Diagnostic {
    let help = match did_you_mean(code, registry::RULES.iter().map(|r| r.meta().code)) {
        Some(known) => tr!(lang, text::DID_YOU_MEAN_RULE, code = known),
        None => tr!(lang, text::LISTS_EVERY_RULE),
    };
    Diagnostic::spec_error_at(
        "unknown-rule",
        tr!(lang, text::NOT_A_RULE, code = code),
        span,
        tr!(lang, text::NOT_A_RULE_LABEL),
    )
    .with_help(help)
}

/// What a user is told about a wrong settings file or rule code, in English and Danish.
pub mod text {
    crate::texts! {
        CANNOT_READ = ("`{file}` cannot be read: {reason}", "`{file}` kan ikke læses: {reason}"),
        HERE = ("here", "her"),
        FORMAT = (
            "the file holds one table per rule, e.g. `[rules.DPIA-MISSING]` with `severity = \
             \"warning\"` (or \"error\", \"off\") and `reason = \"...\"`; see docs/cli.md",
            "filen har én tabel pr. regel, f.eks. `[rules.DPIA-MISSING]` med `severity = \
             \"warning\"` (eller \"error\", \"off\") og `reason = \"...\"`; se docs/cli.md"
        ),
        CHANGES_NOTHING = (
            "the settings for `{code}` change nothing",
            "indstillingerne for `{code}` ændrer intet"
        ),
        NO_SEVERITY = ("no `severity` given", "der er ikke angivet nogen `severity`"),
        ADD_SEVERITY = (
            "add `severity = \"warning\"` (or \"error\", \"off\") under `[rules.{code}]`, or remove the table",
            "tilføj `severity = \"warning\"` (eller \"error\", \"off\") under `[rules.{code}]`, eller fjern tabellen"
        ),
        DID_YOU_MEAN_WORD = ("did you mean \"{word}\"? ", "mente du \"{word}\"? "),
        NOT_A_SEVERITY = ("`{word}` is not a severity", "`{word}` er ikke en alvorsgrad"),
        NOT_A_SEVERITY_LABEL = ("not a severity", "ikke en alvorsgrad"),
        SEVERITIES = (
            "{suggestion}a rule's severity is \"error\", \"warning\" or \"off\"",
            "{suggestion}en regels alvorsgrad er \"error\", \"warning\" eller \"off\""
        ),
        NO_REASON = (
            "the settings for `{code}` give no reason",
            "indstillingerne for `{code}` angiver ingen begrundelse"
        ),
        NO_REASON_LABEL = (
            "a changed rule needs a reason",
            "en ændret regel skal have en begrundelse"
        ),
        ADD_REASON = (
            "add `reason = \"...\"` under `[rules.{code}]`: every report shows why a rule was changed",
            "tilføj `reason = \"...\"` under `[rules.{code}]`: hver rapport viser, hvorfor en regel er ændret"
        ),
        DID_YOU_MEAN_RULE = (
            "did you mean `{code}`? `hjemmel rules` lists every rule",
            "mente du `{code}`? `hjemmel rules` viser alle regler"
        ),
        LISTS_EVERY_RULE = ("`hjemmel rules` lists every rule", "`hjemmel rules` viser alle regler"),
        NOT_A_RULE = ("`{code}` is not a rule", "`{code}` er ikke en regel"),
        NOT_A_RULE_LABEL = ("unknown rule code", "ukendt regelkode"),
    }
}
