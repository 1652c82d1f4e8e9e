//! The language and the law at a place: keywords, provisions, countries, rule codes, quick fixes.
//! (Package `ide-law` fills this in; the signatures are the server's interface.)

use super::{Analysis, Completion, Fix, Hover, Place};
use crate::diagnostic::Diagnostic;

/// What the provision, rule code or keyword at `at` means.
pub fn hover(_analysis: &Analysis, _at: Place) -> Option<Hover> {
    None
}

/// Statement keywords where they fit, a provision's parts, country codes, rule codes after `allow`.
pub fn complete(_analysis: &Analysis, _at: Place) -> Vec<Completion> {
    Vec::new()
}

/// The quick fixes of a diagnostic whose help is mechanical.
pub fn fixes(_analysis: &Analysis, _diagnostic: &Diagnostic) -> Vec<Fix> {
    Vec::new()
}
