//! The terms of the W3C Data Privacy Vocabulary (DPV 2.x) that `hjemmel ropa --format dpv` writes,
//! each with the page it was read from, and the `hjemmel` namespace for what DPV lacks.
//!
//! Checked 2026-12-06 against the DPV 2.2 release's term tables in the DPVCG repository
//! (github.com/w3c/dpv, folder 2.2/, the CSV files named below; the IRIs are the `iri` column).
//! Terms marked "not read" are core DPV terms used as the DPV 2.x specification
//! (https://w3id.org/dpv) names them, but their row was not read here: unverified.

/// `https://w3id.org/dpv#`: DPV's core namespace (https://w3id.org/dpv, "The namespace for DPV
/// terms is https://w3id.org/dpv#").
pub const DPV: &str = "https://w3id.org/dpv#";
/// `https://w3id.org/dpv/legal/eu/gdpr#`: the EU-GDPR extension (src: 2.2/legal/eu/gdpr/modules/*.csv,
/// column `namespace`).
pub const EU_GDPR: &str = "https://w3id.org/dpv/legal/eu/gdpr#";
/// RDF Schema, for the labels people read (`rdfs:label`).
pub const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
/// The `hjemmel` namespace: what DPV has no exact term for (Danish statutes, `law "..."` texts, KLE
/// numbers, the unit, the spec's own kinds). The project has no domain of its own, and an IRI under
/// a domain it does not hold could be taken by whoever registers that domain. `.invalid` is
/// reserved for names that never resolve (RFC 6761 § 6.4): no one can ever own it, so the terms
/// never clash with anyone's, and a reader sees at once that the namespace is not dereferenceable.
/// A controller publishing its record as linked data may replace it by a namespace under its own
/// domain; docs/cli.md says so.
pub const HJEMMEL: &str = "https://hjemmel.invalid/ns#";

// src: 2.2/dpv/modules/process.csv — dpv:Process ("An action, activity, or method"); the
// older dpv:PersonalDataHandling "will be deprecated ... use dpv:Process as the equivalent".
pub const PROCESS: &str = "dpv:Process";

// src: 2.2/dpv/modules/entities_legalrole.csv
pub const DATA_CONTROLLER: &str = "dpv:DataController";
pub const HAS_DATA_CONTROLLER: &str = "dpv:hasDataController";
pub const DATA_PROCESSOR: &str = "dpv:DataProcessor";
pub const DATA_SUB_PROCESSOR: &str = "dpv:DataSubProcessor";
pub const HAS_DATA_PROCESSOR: &str = "dpv:hasDataProcessor";
pub const RECIPIENT: &str = "dpv:Recipient";
pub const HAS_RECIPIENT: &str = "dpv:hasRecipient";
pub const HAS_DATA_IMPORTER: &str = "dpv:hasDataImporter";
pub const JOINT_DATA_CONTROLLERS: &str = "dpv:JointDataControllers";
pub const HAS_JOINT_DATA_CONTROLLERS: &str = "dpv:hasJointDataControllers";
pub const DATA_PROTECTION_OFFICER: &str = "dpv:DataProtectionOfficer";
pub const HAS_DATA_PROTECTION_OFFICER: &str = "dpv:hasDataProtectionOfficer";

// src: 2.2/dpv/modules/entities_datasubject.csv — dpv:Child, dpv:Employee, dpv:DataSubject.
// dpv:Citizen is "Humans that are citizens (for a jurisdiction)": a municipality's `citizens` are
// the people it serves whatever their citizenship, so they are dpv:DataSubject and hjemmel:Citizens.
pub const DATA_SUBJECT: &str = "dpv:DataSubject";
pub const CHILD: &str = "dpv:Child";
pub const EMPLOYEE: &str = "dpv:Employee";
pub const HAS_DATA_SUBJECT: &str = "dpv:hasDataSubject";

// src: 2.2/dpv/modules/personal_data.csv
pub const PERSONAL_DATA: &str = "dpv:PersonalData";
pub const SPECIAL_CATEGORY_PERSONAL_DATA: &str = "dpv:SpecialCategoryPersonalData";
pub const HAS_PERSONAL_DATA: &str = "dpv:hasPersonalData";

// src: 2.2/dpv/modules/legal_basis.csv
pub const LEGAL_BASIS: &str = "dpv:LegalBasis";
pub const HAS_LEGAL_BASIS: &str = "dpv:hasLegalBasis";

// src: 2.2/dpv/modules/processing_context.csv
pub const STORAGE_DURATION: &str = "dpv:StorageDuration";
pub const HAS_STORAGE_CONDITION: &str = "dpv:hasStorageCondition";

// Not read (unverified): dpv:Purpose, dpv:hasPurpose, dpv:TechnicalOrganisationalMeasure,
// dpv:hasTechnicalOrganisationalMeasure, as https://w3id.org/dpv names them.
pub const PURPOSE: &str = "dpv:Purpose";
pub const HAS_PURPOSE: &str = "dpv:hasPurpose";
pub const TOM: &str = "dpv:TechnicalOrganisationalMeasure";
pub const HAS_TOM: &str = "dpv:hasTechnicalOrganisationalMeasure";

/// The EU-GDPR extension's legal basis for a GDPR provision, where it has one exactly: art. 6(1)
/// (a)–(f) (src: 2.2/legal/eu/gdpr/modules/legal_basis.csv, `A6-1-a` ...) and art. 9(2)(a)–(j)
/// (src: legal_basis_special.csv, `A9-2-a` ...).
pub fn gdpr_basis(number: &str, paragraph: Option<u32>, letter: Option<char>) -> Option<String> {
    let letter = letter?;
    let fits = match (number, paragraph) {
        ("6", Some(1)) => ('a'..='f').contains(&letter),
        ("9", Some(2)) => ('a'..='j').contains(&letter),
        _ => false,
    };
    fits.then(|| {
        format!(
            "eu-gdpr:A{number}-{}-{letter}",
            paragraph.unwrap_or_default()
        )
    })
}

/// The EU-GDPR extension's legal basis for a transfer mechanism (src:
/// 2.2/legal/eu/gdpr/modules/legal_basis_data_transfer.csv): art. 45(3) adequacy decision (`A45-3`;
/// the Data Privacy Framework is one, Decision (EU) 2023/1795), art. 46(2)(b) binding corporate
/// rules, (c) standard clauses adopted by the Commission, (e) code of conduct, (f) certification,
/// and the derogations of art. 49(1)(a)–(g).
pub fn transfer_basis(
    mechanism: crate::law::vocabulary::Mechanism,
    derogation: Option<char>,
) -> Option<String> {
    use crate::law::vocabulary::Mechanism;
    Some(
        match mechanism {
            Mechanism::Adequacy | Mechanism::Dpf => "eu-gdpr:A45-3",
            Mechanism::Bcr => "eu-gdpr:A46-2-b",
            Mechanism::Scc => "eu-gdpr:A46-2-c",
            Mechanism::CodeOfConduct => "eu-gdpr:A46-2-e",
            Mechanism::Certification => "eu-gdpr:A46-2-f",
            Mechanism::Derogation => {
                let letter = derogation.filter(|l| ('a'..='g').contains(l))?;
                return Some(format!("eu-gdpr:A49-1-{letter}"));
            }
        }
        .to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::law::vocabulary::Mechanism;

    #[test]
    fn gdpr_bases_with_an_exact_term() {
        assert_eq!(
            gdpr_basis("6", Some(1), Some('e')).as_deref(),
            Some("eu-gdpr:A6-1-e")
        );
        assert_eq!(
            gdpr_basis("9", Some(2), Some('j')).as_deref(),
            Some("eu-gdpr:A9-2-j")
        );
        // No such letter, another paragraph, no letter, another article: no DPV term.
        assert_eq!(gdpr_basis("6", Some(1), Some('g')), None);
        assert_eq!(gdpr_basis("9", Some(2), Some('k')), None);
        assert_eq!(gdpr_basis("6", Some(4), Some('a')), None);
        assert_eq!(gdpr_basis("6", Some(1), None), None);
        assert_eq!(gdpr_basis("10", None, None), None);
    }

    #[test]
    fn transfer_mechanisms() {
        assert_eq!(
            transfer_basis(Mechanism::Dpf, None).as_deref(),
            Some("eu-gdpr:A45-3")
        );
        assert_eq!(
            transfer_basis(Mechanism::Scc, None).as_deref(),
            Some("eu-gdpr:A46-2-c")
        );
        assert_eq!(
            transfer_basis(Mechanism::Bcr, None).as_deref(),
            Some("eu-gdpr:A46-2-b")
        );
        assert_eq!(
            transfer_basis(Mechanism::Derogation, Some('a')).as_deref(),
            Some("eu-gdpr:A49-1-a")
        );
        assert_eq!(transfer_basis(Mechanism::Derogation, Some('h')), None);
        assert_eq!(transfer_basis(Mechanism::Derogation, None), None);
    }
}
