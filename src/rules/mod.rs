//! The legal rules: one file per rule, listed once in [`registry`].
//!
//! A rule file declares its metadata and documentation with [`declare_rule!`] and implements
//! [`Rule::check`]. It reports through [`Context`], which attaches the code, severity and provisions,
//! so a rule never builds those by hand.

pub mod basis_lists;
pub mod context;
pub mod docs;
pub mod order;
pub mod registry;
pub mod suggest;

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
mod cctv_ground;
mod cctv_retention;
mod child_consent;
mod consent_withdrawal;
mod control_measure;
mod copy_retention;
mod cpr_basis;
mod dbl_basis_fit;
mod disclosure_basis;
mod disclosure_statute_fit;
mod dpia_missing;
mod dpo_missing;
mod employee_basis;
mod erasure_exception;
// The importer classes a category by the same words (src/import/write.rs).
pub(crate) mod health_data_class;
mod joint_controller_arrangement;
mod notice_incomplete;
mod processor_agreement;
mod processor_identity;
mod processor_supervision;
mod publication_confidential;
mod purpose_compatibility;
mod purpose_missing;
mod record_incomplete;
mod retention_exceeds_limit;
mod retention_missing;
pub(crate) mod source_notice;
mod subprocessor_authorisation;
mod transfer_derogation_authority;
mod transfer_destination_unknown;
mod transfer_mechanism_scope;
mod transfer_scc_tia;
mod transfer_undeclared;
mod unused_declaration;

pub use context::Context;

use crate::diagnostic::Severity;
use crate::i18n::Text;

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
    pub summary: Text,
    /// The provisions the rule rests on.
    pub provisions: &'static [Cite],
    /// The full documentation (Markdown), from the rule's doc comment.
    pub docs: &'static str,
    /// The same documentation in Danish, from `src/rules/da/CODE.md` (its first line records which
    /// English text it was translated from, so a test tells when the translation falls behind).
    pub docs_da: &'static str,
    /// Every text the rule words its findings with (and its summary): the `texts` block of
    /// [`declare_rule!`], so that the test of both languages reaches each one.
    pub texts: &'static [(&'static str, Text)],
}

/// A legal check over the resolved model and its flow graph.
pub trait Rule: Sync {
    fn meta(&self) -> &'static RuleMeta;
    fn check(&self, cx: &mut Context<'_>);
    /// Whether `check` walks `cx.activities` in their order, reading other declarations only by
    /// reference, and carries nothing from one activity to the next but what it keeps in
    /// [`Context::state`]. Such a rule is given the activities in runs, each run to every such
    /// rule before the next (`run_rules`), then [`Rule::finish`]: a large spec's activities are
    /// read from memory once for all these rules, not once per rule. The findings come out in the
    /// same order once sorted: each rule still reports in the activities' order, and two rules
    /// never share a code.
    fn by_activity(&self) -> bool {
        false
    }
    /// For a rule [`Rule::by_activity`]: called once after the last run of activities (with no run
    /// before it when the spec has no activities), to report what only all of them tell, from what
    /// the runs kept in [`Context::state`].
    fn finish(&self, _cx: &mut Context<'_>) {}
}

/// Declares a rule: a unit struct with its [`RuleMeta`], the documentation taken from the doc comment
/// (sections: What it checks / Why it matters / Legal basis / Non-compliant example / Compliant example),
/// and the texts its findings are worded with, in English and Danish.
///
/// The `texts { NAME = ("English", "Danish"), ... }` block is required: it becomes the module
/// `text` (`text::NAME`, formatted with `tr!(cx.lang, text::NAME, name = value)`), and its list, with
/// the summary as `text::SUMMARY`, becomes [`RuleMeta::texts`].
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        pub struct $name:ident {
            code: $code:literal,
            severity: $severity:ident,
            summary: ($summary_en:literal, $summary_da:literal $(,)?),
            provisions: [$(($act:literal, $provision:literal)),+ $(,)?] $(,)?
        }
        texts { $($texts:tt)+ }
    ) => {
        $(#[doc = $doc])*
        pub struct $name;

        /// The rule's texts, in English and Danish.
        mod text {
            $crate::texts! {
                /// What the rule checks, in one line (`hjemmel rules`).
                SUMMARY = ($summary_en, $summary_da),
                $($texts)+
            }
        }

        impl $name {
            pub const META: $crate::rules::RuleMeta = $crate::rules::RuleMeta {
                code: $code,
                severity: $crate::diagnostic::Severity::$severity,
                summary: text::SUMMARY,
                provisions: &[$($crate::rules::Cite { act: $act, provision: $provision }),+],
                docs: concat!($($doc, "\n"),*),
                docs_da: include_str!(concat!("da/", $code, ".md")),
                texts: text::ALL,
            };
        }
    };
}
pub(crate) use declare_rule;
