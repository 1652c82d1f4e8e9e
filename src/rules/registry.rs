//! Every rule, once, sorted by code.

use super::Rule;
use super::{
    archive_before_delete::ArchiveBeforeDelete, art6_basis::Art6Basis,
    art6_national_law::Art6NationalLaw, art6_not_a_basis::Art6NotABasis,
    art6f_public_authority::Art6fPublicAuthority, art9_basis::Art9Basis, art9_fit::Art9Fit,
    art10_basis::Art10Basis, automated_review::AutomatedReview, cctv_disclosure::CctvDisclosure,
    cctv_ground::CctvGround, cctv_retention::CctvRetention, child_consent::ChildConsent,
    consent_withdrawal::ConsentWithdrawal, control_measure::ControlMeasure,
    copy_retention::CopyRetention, cpr_basis::CprBasis, dbl_basis_fit::DblBasisFit,
    disclosure_basis::DisclosureBasis, disclosure_statute_fit::DisclosureStatuteFit,
    dpia_missing::DpiaMissing, dpo_missing::DpoMissing, employee_basis::EmployeeBasis,
    erasure_exception::ErasureException, health_data_class::HealthDataClass,
    joint_controller_arrangement::JointControllerArrangement, notice_incomplete::NoticeIncomplete,
    processor_agreement::ProcessorAgreement, processor_identity::ProcessorIdentity,
    processor_supervision::ProcessorSupervision, publication_confidential::PublicationConfidential,
    purpose_compatibility::PurposeCompatibility, purpose_missing::PurposeMissing,
    record_incomplete::RecordIncomplete, retention_exceeds_limit::RetentionExceedsLimit,
    retention_missing::RetentionMissing, source_notice::SourceNotice,
    subprocessor_authorisation::SubprocessorAuthorisation,
    transfer_derogation_authority::TransferDerogationAuthority,
    transfer_destination_unknown::TransferDestinationUnknown,
    transfer_mechanism_scope::TransferMechanismScope, transfer_scc_tia::TransferSccTia,
    transfer_undeclared::TransferUndeclared, unused_declaration::UnusedDeclaration,
};

/// All rules, sorted by code.
pub static RULES: &[&dyn Rule] = &[
    &ArchiveBeforeDelete,
    &Art10Basis,
    &Art6Basis,
    &Art6NationalLaw,
    &Art6NotABasis,
    &Art6fPublicAuthority,
    &Art9Basis,
    &Art9Fit,
    &AutomatedReview,
    &CctvDisclosure,
    &CctvGround,
    &CctvRetention,
    &ChildConsent,
    &ConsentWithdrawal,
    &ControlMeasure,
    &CopyRetention,
    &CprBasis,
    &DblBasisFit,
    &DisclosureBasis,
    &DisclosureStatuteFit,
    &DpiaMissing,
    &DpoMissing,
    &EmployeeBasis,
    &ErasureException,
    &HealthDataClass,
    &JointControllerArrangement,
    &NoticeIncomplete,
    &ProcessorAgreement,
    &ProcessorIdentity,
    &ProcessorSupervision,
    &PublicationConfidential,
    &PurposeCompatibility,
    &PurposeMissing,
    &RecordIncomplete,
    &RetentionExceedsLimit,
    &RetentionMissing,
    &SourceNotice,
    &SubprocessorAuthorisation,
    &TransferDerogationAuthority,
    &TransferDestinationUnknown,
    &TransferMechanismScope,
    &TransferSccTia,
    &TransferUndeclared,
    &UnusedDeclaration,
];

/// What `hjemmel explain` says when no rule has the code asked for, in English and Danish.
pub mod text {
    crate::texts! {
        NO_SUCH_RULE = (
            "error: no rule has the code `{code}`\n  help: {hint}`hjemmel rules` lists every rule",
            "fejl: ingen regel har koden `{code}`\n  hjælp: {hint}`hjemmel rules` viser alle regler",
        ),
        DID_YOU_MEAN = ("did you mean `{code}`? ", "mente du `{code}`? "),
    }
}

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
