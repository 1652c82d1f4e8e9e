//! The provisions of the AI Act (Regulation (EU) 2024/1689) the rules rely on, loaded from
//! `src/law/data/ai_act.toml` (read by AUTOMATED-REVIEW). Specs cannot cite the act; the rules quote
//! what a provision means for the controller and say when an entry is not verified.

use std::sync::OnceLock;

use serde::Deserialize;

use crate::i18n::Lang;

/// One provision of the AI Act as the reference data describes it.
#[derive(Debug, Clone, Deserialize)]
pub struct AiActProvision {
    pub id: String,
    /// As cited: `art. 26(7)`, `Annex III, point 4(b)`.
    pub cite: String,
    what: String,
    what_da: String,
    pub verified: bool,
}

impl AiActProvision {
    /// What the provision means for the controller, in `lang`, with the citation and, for an entry
    /// that could not be verified, a word saying so.
    pub fn said(&self, lang: Lang) -> String {
        let (what, unverified) = match lang {
            Lang::En => (&self.what, "not verified"),
            Lang::Da => (&self.what_da, "ikke verificeret"),
        };
        let cite = crate::i18n::citation::provision(lang, &self.cite);
        if self.verified {
            format!("{what} ({cite})")
        } else {
            format!("{what} ({cite}; {unverified})")
        }
    }
}

#[derive(Debug, Deserialize)]
struct File {
    #[allow(dead_code)]
    act: Header,
    provision: Vec<AiActProvision>,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Header {
    title: String,
    short: String,
    short_da: String,
    source: String,
    checked: String,
}

/// The provision with `id`. The ids are the rules' own; an unknown one is a bug the tests catch.
pub fn ai_act(id: &str) -> &'static AiActProvision {
    static TABLE: OnceLock<Vec<AiActProvision>> = OnceLock::new();
    TABLE
        .get_or_init(|| {
            let file: File = crate::law::table::read_table!("ai_act");
            file.provision
        })
        .iter()
        .find(|p| p.id == id)
        .unwrap_or_else(|| panic!("src/law/data/ai_act.toml has no provision `{id}`"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_provisions_the_rules_use_are_there_in_both_languages() {
        for id in ["annex3_4b", "art26_7", "art4", "high_risk_dates"] {
            let p = ai_act(id);
            assert!(!p.what.is_empty() && !p.what_da.is_empty(), "{id}");
        }
    }

    #[test]
    fn an_unverified_entry_says_so() {
        let annex = ai_act("annex3_4b");
        assert!(!annex.verified);
        assert!(annex.said(Lang::En).ends_with("; not verified)"));
        assert!(annex.said(Lang::Da).contains("bilag III, punkt 4, litra b"));
        assert!(annex.said(Lang::Da).ends_with("; ikke verificeret)"));
        assert!(ai_act("art26_7").said(Lang::Da).contains("art. 26, stk. 7"));
    }
}
