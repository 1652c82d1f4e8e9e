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
use crate::rules::registry;
use crate::syntax::span::{FileId, Span};

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
pub fn parse(file: FileId, text: &str) -> Result<Config, Vec<Diagnostic>> {
    let at = |range: std::ops::Range<usize>| Span::new(file, range.start, range.end);
    let raw: RawConfig = toml::from_str(text).map_err(|e| {
        let span = e.span().map_or(Span::new(file, 0, 0), at);
        vec![
            Diagnostic::spec_error_at(
                "config-error",
                format!("`{FILE_NAME}` cannot be read: {}", e.message()),
                span,
                "here",
            )
            .with_help(
                "the file holds one table per rule, e.g. `[rules.DPIA-MISSING]` with `severity = \
                 \"warning\"` (or \"error\", \"off\") and `reason = \"...\"`; see docs/cli.md",
            ),
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
            errors.push(unknown_rule(&code, code_span));
            continue;
        }
        let level = match &setting.severity {
            None => {
                errors.push(
                    Diagnostic::spec_error_at(
                        "config-error",
                        format!("the settings for `{code}` change nothing"),
                        code_span,
                        "no `severity` given",
                    )
                    .with_help(format!(
                        "add `severity = \"warning\"` (or \"error\", \"off\") under `[rules.{code}]`, \
                         or remove the table"
                    )),
                );
                continue;
            }
            Some(word) => match Level::from_word(word.get_ref()) {
                Some(level) => level,
                None => {
                    let suggestion = did_you_mean(word.get_ref(), Level::WORDS.iter().copied())
                        .map(|s| format!("did you mean \"{s}\"? "))
                        .unwrap_or_default();
                    errors.push(
                        Diagnostic::spec_error_at(
                            "config-error",
                            format!("`{}` is not a severity", word.get_ref()),
                            at(word.span()),
                            "not a severity",
                        )
                        .with_help(format!(
                            "{suggestion}a rule's severity is \"error\", \"warning\" or \"off\""
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
                        format!("the settings for `{code}` give no reason"),
                        code_span,
                        "a changed rule needs a reason",
                    )
                    .with_help(format!(
                        "add `reason = \"...\"` under `[rules.{code}]`: every report shows why a rule was \
                         changed"
                    )),
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
pub fn unknown_rule(code: &str, span: Span) -> Diagnostic {
    let help = match did_you_mean(code, registry::RULES.iter().map(|r| r.meta().code)) {
        Some(known) => format!("did you mean `{known}`? `hjemmel rules` lists every rule"),
        None => "`hjemmel rules` lists every rule".to_string(),
    };
    Diagnostic::spec_error_at(
        "unknown-rule",
        format!("`{code}` is not a rule"),
        span,
        "unknown rule code",
    )
    .with_help(help)
}
