//! The data subject's rights a notice tells of (art. 15–22, 7(3) and 77 GDPR, with the Danish
//! restrictions), which of them apply to an activity's bases, and the supervisory authority to
//! complain to. Law data: src/law/data/rights.toml, each fact with its source and date checked.
//! Filled in by the package `lawdata` (issue 13); the signatures below are what `hjemmel notice`
//! and the NOTICE rules read.

use crate::law::citation::LegalRef;

/// One right, as a notice states it.
#[derive(Debug)]
pub struct Right {
    /// A stable key: `access`, `rectification`, `erasure`, `restriction`, `portability`,
    /// `objection`, `withdraw_consent`, `automated_decisions`, `complaint`.
    pub key: &'static str,
    /// The provision, as hjemmel cites it: `gdpr 15`, `gdpr 20`, ...
    pub provision: &'static str,
    /// The sentence of the notice in Danish ("Du har ret til ...") and in English.
    pub da: &'static str,
    pub en: &'static str,
}

/// The authority a data subject may complain to (art. 77), with its contact details.
#[derive(Debug)]
pub struct Authority {
    pub name_da: &'static str,
    pub name_en: &'static str,
    pub address: &'static str,
    pub phone: &'static str,
    pub email: &'static str,
    pub web: &'static str,
    /// Where the details were read, and when.
    pub source: &'static str,
}

/// The rights that apply to an activity with these bases (every case and some cases together), in
/// the order a notice lists them: no portability for art. 6(1)(e) alone, objection only for (e) and
/// (f), withdrawal only where consent is a basis.
pub fn rights_for(bases: &[&LegalRef]) -> Vec<&'static Right> {
    let _ = bases;
    Vec::new() // until the package lawdata (issue 13)
}

/// Datatilsynet.
pub fn supervisory_authority() -> &'static Authority {
    // until the package lawdata (issue 13)
    static UNFILLED: Authority = Authority {
        name_da: "",
        name_en: "",
        address: "",
        phone: "",
        email: "",
        web: "",
        source: "",
    };
    &UNFILLED
}
