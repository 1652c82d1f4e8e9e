//! Numbers that Danish law sets and the rules compare against (such as the age for a child's own
//! consent), loaded from `src/law/data/dk_parameters.toml` with where each comes from.

use std::sync::OnceLock;

use serde::Deserialize;

use crate::i18n::Lang;

/// One number set by law.
#[derive(Debug, Clone, Deserialize)]
pub struct Parameter {
    pub value: u32,
    pub unit: String,
    /// `unit` in Danish.
    pub unit_da: String,
    /// Where the law sets it: `Databeskyttelsesloven § 6, stk. 2-3`.
    pub provision: String,
    /// `provision` as a Danish sentence cites it: `databeskyttelseslovens § 6, stk. 2-3`.
    pub provision_da: String,
    pub source: String,
    pub checked: String,
    #[serde(default)]
    pub verified: bool,
    #[serde(default)]
    pub note: String,
}

impl Parameter {
    /// The unit in `lang`.
    pub fn unit_in(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.unit,
            Lang::Da => &self.unit_da,
        }
    }

    /// Where the law sets it, in `lang`.
    pub fn provision_in(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.provision,
            Lang::Da => &self.provision_da,
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct Parameters {
    /// Below this age a child's consent to an online service needs the holder of parental
    /// responsibility (GDPR art. 8(1); Databeskyttelsesloven § 6, stk. 2-3).
    pub child_consent_age: Parameter,
    /// How often a processor is supervised when the spec does not say (GDPR art. 28(1), 28(3)(h);
    /// Datatilsynet's guidance, which sets no fixed period: a judgement, unverified).
    pub processor_supervision_period: Parameter,
}

pub fn parameters() -> &'static Parameters {
    static PARAMETERS: OnceLock<Parameters> = OnceLock::new();
    PARAMETERS.get_or_init(|| crate::law::table::read_table!("dk_parameters"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn child_consent_age_is_within_what_art_8_allows() {
        // Art. 8(1): Member States may set a lower age, but not below 13 years (the default is 16).
        let age = &parameters().child_consent_age;
        assert!((13..=16).contains(&age.value), "{}", age.value);
        assert_eq!(age.unit, "years");
        assert!(!age.source.is_empty() && !age.checked.is_empty());
    }
}
