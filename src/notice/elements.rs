//! The pieces of information art. 13 (data collected from the person) and art. 14 (data obtained
//! otherwise) require the controller to give. Each element's provisions are law data
//! (src/law/data/, with source and date checked).

/// One piece of information art. 13 or 14 requires.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Element {
    /// Art. 13(1)(a), 14(1)(a): the controller's identity and contact details.
    Controller,
    /// Art. 13(1)(b), 14(1)(b): the data protection officer's contact details.
    Dpo,
    /// Art. 13(1)(c), 14(1)(c): the purposes and the legal basis of the processing.
    PurposesAndBasis,
    /// Art. 13(1)(d), 14(2)(b): the legitimate interests, where art. 6(1)(f) is the basis.
    LegitimateInterests,
    /// Art. 14(1)(d): the categories of personal data (data not collected from the person).
    DataCategories,
    /// Art. 13(1)(e), 14(1)(e): the recipients or categories of recipients.
    Recipients,
    /// Art. 13(1)(f), 14(1)(f): a transfer to a third country, its safeguard and how to get a copy.
    Transfers,
    /// Art. 13(2)(a), 14(2)(a): how long the data is kept, or the criteria.
    Retention,
    /// Art. 13(2)(b), 14(2)(c): the data subject's rights.
    Rights,
    /// Art. 13(2)(c), 14(2)(d): the right to withdraw consent, where consent is a basis.
    WithdrawConsent,
    /// Art. 13(2)(d), 14(2)(e): the right to complain to a supervisory authority.
    Complaint,
    /// Art. 13(2)(e): whether providing the data is a statutory or contractual requirement, and
    /// the consequences of not providing it (data collected from the person only).
    StatutoryRequirement,
    /// Art. 14(2)(f): the source of the data (data not collected from the person only).
    Source,
    /// Art. 13(2)(f), 14(2)(g): automated decisions, including profiling, and their logic.
    AutomatedDecisions,
}

use std::sync::OnceLock;

use serde::Deserialize;

use crate::i18n::Lang;

impl Element {
    /// Every element, in the order a notice gives them.
    pub const ALL: [Element; 14] = [
        Element::Controller,
        Element::Dpo,
        Element::PurposesAndBasis,
        Element::LegitimateInterests,
        Element::DataCategories,
        Element::Recipients,
        Element::Transfers,
        Element::Retention,
        Element::Rights,
        Element::WithdrawConsent,
        Element::Complaint,
        Element::StatutoryRequirement,
        Element::Source,
        Element::AutomatedDecisions,
    ];

    /// Its key in src/law/data/notice_elements.toml.
    pub fn key(self) -> &'static str {
        match self {
            Element::Controller => "controller",
            Element::Dpo => "dpo",
            Element::PurposesAndBasis => "purposes_and_basis",
            Element::LegitimateInterests => "legitimate_interests",
            Element::DataCategories => "data_categories",
            Element::Recipients => "recipients",
            Element::Transfers => "transfers",
            Element::Retention => "retention",
            Element::Rights => "rights",
            Element::WithdrawConsent => "withdraw_consent",
            Element::Complaint => "complaint",
            Element::StatutoryRequirement => "statutory_requirement",
            Element::Source => "source",
            Element::AutomatedDecisions => "automated_decisions",
        }
    }

    /// The point of the GDPR that requires it, as hjemmel cites it (`art. 13(2)(e)`): of art. 13
    /// where the data is collected from the data subject (`direct`), of art. 14 where it is not;
    /// `None` where that article does not require it (the categories and the source under art. 13,
    /// the statutory requirement under art. 14).
    pub fn provision(self, direct: bool) -> Option<&'static str> {
        let entry = self.entry();
        match direct {
            true => entry.art13.as_deref(),
            false => entry.art14.as_deref(),
        }
    }

    /// The element in a few words: `how long the data is kept`.
    pub fn title(self, lang: Lang) -> &'static str {
        let entry = self.entry();
        match lang {
            Lang::En => &entry.title,
            Lang::Da => &entry.title_da,
        }
    }

    /// What the provision requires, in its own words.
    pub fn words(self, lang: Lang) -> &'static str {
        let entry = self.entry();
        match lang {
            Lang::En => &entry.words,
            Lang::Da => &entry.words_da,
        }
    }

    /// Whether the provision's words were read against the text (the numbering always was, in
    /// src/law/data/gdpr.toml).
    pub fn verified(self) -> bool {
        self.entry().verified
    }

    fn entry(self) -> &'static ElementEntry {
        let table = elements_table();
        table
            .iter()
            .find(|e| e.key == self.key())
            .unwrap_or_else(|| {
                panic!(
                    "src/law/data/notice_elements.toml has no element `{}`",
                    self.key()
                )
            })
    }
}

/// One `[[element]]` of src/law/data/notice_elements.toml.
#[derive(Debug, Deserialize)]
struct ElementEntry {
    key: String,
    art13: Option<String>,
    art14: Option<String>,
    title: String,
    title_da: String,
    words: String,
    words_da: String,
    verified: bool,
}

#[derive(Debug, Deserialize)]
struct File {
    #[allow(dead_code)]
    act: Header,
    element: Vec<ElementEntry>,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Header {
    source: String,
    checked: String,
}

fn elements_table() -> &'static [ElementEntry] {
    static TABLE: OnceLock<Vec<ElementEntry>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let file: File = toml::from_str(include_str!("../law/data/notice_elements.toml"))
            .unwrap_or_else(|e| panic!("src/law/data/notice_elements.toml is malformed: {e}"));
        file.element
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_element_is_in_the_law_data_with_both_languages() {
        for element in Element::ALL {
            assert!(!element.title(Lang::En).is_empty(), "{element:?}");
            assert!(!element.title(Lang::Da).is_empty(), "{element:?}");
            assert!(!element.words(Lang::Da).is_empty(), "{element:?}");
            assert!(
                element.provision(true).is_some() || element.provision(false).is_some(),
                "{element:?} is required by neither article"
            );
        }
        assert_eq!(elements_table().len(), Element::ALL.len());
    }

    #[test]
    fn each_article_requires_its_own_elements() {
        assert_eq!(
            Element::StatutoryRequirement.provision(true),
            Some("art. 13(2)(e)")
        );
        assert_eq!(Element::StatutoryRequirement.provision(false), None);
        assert_eq!(Element::Source.provision(true), None);
        assert_eq!(Element::Source.provision(false), Some("art. 14(2)(f)"));
        assert_eq!(Element::DataCategories.provision(true), None);
        assert_eq!(
            Element::LegitimateInterests.provision(false),
            Some("art. 14(2)(b)")
        );
        assert_eq!(
            Element::AutomatedDecisions.provision(true),
            Some("art. 13(2)(f)")
        );
    }

    /// Every point cited exists in the provision table of the GDPR (src/law/data/gdpr.toml).
    #[test]
    fn every_provision_cited_exists() {
        let gdpr = crate::law::acts::ActId::Gdpr.act();
        for element in Element::ALL {
            for direct in [true, false] {
                let Some(cite) = element.provision(direct) else {
                    continue;
                };
                // `art. 13(2)(e)` → article 13, paragraph 2, point e.
                let rest = cite.strip_prefix("art. ").expect(cite);
                let (article, rest) = rest.split_once('(').expect(cite);
                let (paragraph, rest) = rest.split_once(')').expect(cite);
                let letter = rest.trim_matches(|c| c == '(' || c == ')');
                let paragraph: u32 = paragraph.parse().expect(cite);
                let provision = gdpr.provision(article).expect(cite);
                let point = u32::from(letter.as_bytes()[0] - b'a') + 1;
                assert!(provision.points_in(paragraph) >= point, "{cite}");
            }
        }
    }
}
