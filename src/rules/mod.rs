//! The legal rules: one file per rule, listed once in [`registry`].
//!
//! A rule file declares its metadata and documentation with [`declare_rule!`] and implements
//! [`Rule::check`]. It reports through [`Context`], which attaches the code, severity and provisions,
//! so a rule never builds those by hand.

pub mod context;
pub mod docs;
pub mod registry;

mod archive_before_delete;
mod art10_basis;
mod art6_basis;
mod art6_national_law;
mod art6_not_a_basis;
mod art6f_public_authority;
mod art9_basis;
mod art9_fit;
mod automated_review;
mod cctv_disclosure;
mod cctv_retention;
mod child_consent;
mod consent_withdrawal;
mod control_measure;
mod cpr_basis;
mod disclosure_basis;
mod dpia_missing;
mod dpo_missing;
mod employee_basis;
mod erasure_exception;
mod processor_agreement;
mod publication_confidential;
mod purpose_compatibility;
mod purpose_missing;
mod record_incomplete;
mod retention_exceeds_limit;
mod retention_missing;
mod source_notice;
mod subprocessor_authorisation;
mod transfer_derogation_authority;
mod transfer_destination_unknown;
mod transfer_mechanism_scope;
mod transfer_scc_tia;
mod transfer_undeclared;
mod unused_declaration;

pub use context::Context;

use crate::diagnostic::Severity;

/// A provision a rule rests on, as a lawyer cites it: act and the provision within it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Cite {
    pub act: &'static str,
    pub provision: &'static str,
}

impl std::fmt::Display for Cite {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.act, self.provision)
    }
}

/// What every rule declares about itself.
#[derive(Debug, Clone, Copy)]
pub struct RuleMeta {
    /// Stable code; never reused or renamed.
    pub code: &'static str,
    /// Default severity.
    pub severity: Severity,
    /// One line: what the rule checks.
    pub summary: &'static str,
    /// The provisions the rule rests on.
    pub provisions: &'static [Cite],
    /// The full documentation (Markdown), from the rule's doc comment.
    pub docs: &'static str,
}

/// A legal check over the resolved model and its flow graph.
pub trait Rule: Sync {
    fn meta(&self) -> &'static RuleMeta;
    fn check(&self, cx: &mut Context<'_>);
}

/// Declares a rule: a unit struct with its [`RuleMeta`], the documentation taken from the doc comment
/// (sections: What it checks / Why it matters / Legal basis / Non-compliant example / Compliant example).
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        pub struct $name:ident {
            code: $code:literal,
            severity: $severity:ident,
            summary: $summary:literal,
            provisions: [$(($act:literal, $provision:literal)),+ $(,)?] $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        pub struct $name;

        impl $name {
            pub const META: $crate::rules::RuleMeta = $crate::rules::RuleMeta {
                code: $code,
                severity: $crate::diagnostic::Severity::$severity,
                summary: $summary,
                provisions: &[$($crate::rules::Cite { act: $act, provision: $provision }),+],
                docs: concat!($($doc, "\n"),*),
            };
        }
    };
}
pub(crate) use declare_rule;
