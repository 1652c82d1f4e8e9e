//! Every rule, once, sorted by code.

use super::Rule;
use super::{
    archive_before_delete::ArchiveBeforeDelete, art6_basis::Art6Basis, art9_basis::Art9Basis,
    art10_basis::Art10Basis, automated_review::AutomatedReview, cctv_retention::CctvRetention,
    cpr_basis::CprBasis, disclosure_basis::DisclosureBasis, dpia_missing::DpiaMissing,
    dpo_missing::DpoMissing, erasure_exception::ErasureException,
    processor_agreement::ProcessorAgreement, retention_missing::RetentionMissing,
    source_notice::SourceNotice, transfer_destination_unknown::TransferDestinationUnknown,
    transfer_undeclared::TransferUndeclared,
};

/// All rules, sorted by code.
pub static RULES: &[&dyn Rule] = &[
    &ArchiveBeforeDelete,
    &Art10Basis,
    &Art6Basis,
    &Art9Basis,
    &AutomatedReview,
    &CctvRetention,
    &CprBasis,
    &DisclosureBasis,
    &DpiaMissing,
    &DpoMissing,
    &ErasureException,
    &ProcessorAgreement,
    &RetentionMissing,
    &SourceNotice,
    &TransferDestinationUnknown,
    &TransferUndeclared,
];

/// The rule with this code.
pub fn find(code: &str) -> Option<&'static dyn Rule> {
    RULES.iter().copied().find(|r| r.meta().code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_sorted_and_unique() {
        let codes: Vec<&str> = RULES.iter().map(|r| r.meta().code).collect();
        let mut sorted = codes.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(codes, sorted);
    }

    #[test]
    fn every_rule_documents_the_fixed_sections() {
        for rule in RULES {
            let docs = rule.meta().docs;
            for section in [
                "## What it checks",
                "## Why it matters",
                "## Legal basis",
                "## Non-compliant example",
                "## Compliant example",
            ] {
                assert!(
                    docs.contains(section),
                    "{} lacks `{section}`",
                    rule.meta().code
                );
            }
        }
    }
}
