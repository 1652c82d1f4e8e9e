//! What the notice of a spec would lack: each element of art. 13 or 14 the spec does not give, for
//! the activity it is missing from. The NOTICE rules report the gaps no other rule reports, and a
//! `--draft` notice marks every gap where the sentence would stand.

use crate::notice::elements::Element;
use crate::semantic::model::{ActivityId, Model};
use crate::syntax::span::Span;

/// One element a notice needs and the spec does not give.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gap {
    pub element: Element,
    /// The activity it is missing from, or `None` for the controller's part of the notice.
    pub activity: Option<ActivityId>,
    /// Where a finding about it points: the activity or the controller.
    pub span: Span,
    /// The code of the rule that reports it (a NOTICE rule, or an older rule that already does,
    /// such as RETENTION-MISSING), so that one problem gives one finding.
    pub reported_by: &'static str,
}

/// Every gap of the notice of `model`, in the order of the spec.
pub fn gaps(model: &Model) -> Vec<Gap> {
    let _ = model;
    Vec::new() // filled in by the package `gaps` (issue 13)
}
