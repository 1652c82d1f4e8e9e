//! Renderers, one file per output format, all written from [`Diagnostic`](crate::diagnostic::Diagnostic).

pub mod file;
pub mod github;
pub mod group;
pub mod html;
pub mod human;
pub mod json;
pub mod location;
pub mod sarif;

use crate::config::waivers::Suppressed;
use crate::diagnostic::{Diagnostic, Severity};
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
