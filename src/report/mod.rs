//! Renderers, one file per output format, all written from [`Diagnostic`](crate::diagnostic::Diagnostic).

pub mod excerpt;
mod excerpt_source;
pub mod file;
pub mod github;
pub mod group;
pub mod html;
pub mod human;
pub mod json;
pub mod location;
pub mod sarif;
pub mod source_date;
pub(crate) mod wrap;

use crate::config::waivers::Suppressed;
use crate::diagnostic::{Diagnostic, Origin, Severity};
use crate::i18n::Lang;
use crate::source::SourceMap;

/// One checked spec as the renderers see it.
pub struct SpecReport<'a> {
    /// The path as the user gave it.
    pub path: &'a str,
    pub sources: &'a SourceMap,
    /// Spec errors, or the rules' findings.
    pub diagnostics: &'a [Diagnostic],
    /// Findings a waiver or the spec's settings turned off.
    pub suppressed: &'a [Suppressed],
    /// `false` when the spec could not be read, parsed or resolved.
    pub understood: bool,
}

/// How many errors and warnings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
}

impl Counts {
    pub fn of(diagnostics: &[Diagnostic]) -> Counts {
        let errors = diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        Counts {
            errors,
            warnings: diagnostics.len() - errors,
        }
    }
}

impl std::ops::Add for Counts {
    type Output = Counts;
    fn add(self, other: Counts) -> Counts {
        Counts {
            errors: self.errors + other.errors,
            warnings: self.warnings + other.warnings,
        }
    }
}

/// The short title of a rule in `lang` (`no deletion deadline`, `ingen slettefrist`), shown beside
/// its code: from the table of titles (src/i18n/rule_titles.rs), else the rule's summary; empty for a
/// code that is no rule's (a spec error).
pub fn rule_title(code: &str, lang: Lang) -> &'static str {
    crate::i18n::rule_titles::title(code)
        .or_else(|| crate::rules::registry::find(code).map(|r| r.meta().summary))
        .map_or("", |t| t.get(lang))
}

/// The severity as a reader sees it in `lang`: `error` / `warning` in English; in Danish a rule's
/// finding is a `mangel` (likely non-compliance) or `bør vurderes` (needs assessment), and a spec
/// error a `fejl` (docs/cli.md, "What the two levels mean"). Machine formats write
/// [`Severity::as_str`] instead, in every language.
pub fn severity(severity: Severity, origin: Origin, lang: Lang) -> &'static str {
    use human::text;
    match (origin, severity) {
        (Origin::Spec, Severity::Error) => text::ERROR.get(lang),
        (Origin::Spec, Severity::Warning) => text::WARNING.get(lang),
        (Origin::Rule, Severity::Error) => text::FINDING_ERROR.get(lang),
        (Origin::Rule, Severity::Warning) => text::FINDING_WARNING.get(lang),
    }
}
