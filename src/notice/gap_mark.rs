//! `--draft`: the visible mark where the notice lacks an element the spec does not give, such as
//! "[Mangler: hvor længe oplysningerne gemmes — art. 13, stk. 2, litra a]". A normal notice leaves
//! the sentence out; nothing is filled in with a plausible sentence.

use crate::i18n::{Lang, Text, citation};
use crate::notice::document::{Block, BlockKind};
use crate::notice::elements::Element;
use crate::notice::gaps::Gap;
use crate::notice::words;
use crate::tr;

/// Whether the data of the part a gap is in is collected from the person (art. 13), obtained from
/// others (art. 14), or both: the mark cites the article that applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Collected {
    pub from_person: bool,
    pub from_others: bool,
}

/// The mark of `gap`, as a block of the notice.
pub fn mark(lang: Lang, gap: &Gap, collected: Collected) -> Block {
    let provision = provisions(lang, gap.element, collected);
    Block {
        element: Some(gap.element),
        span: Some(gap.span),
        kind: BlockKind::Gap,
        text: tr!(
            lang,
            words::GAP,
            what = what(lang, gap.element),
            provision = provision
        ),
        items: Vec::new(),
    }
}

/// What is missing, in words.
fn what(lang: Lang, element: Element) -> String {
    let text: Text = match element {
        Element::Controller => words::GAP_CONTROLLER,
        Element::Dpo => words::GAP_DPO,
        Element::PurposesAndBasis => words::GAP_PURPOSES,
        Element::LegitimateInterests => words::GAP_INTERESTS,
        Element::DataCategories => words::GAP_DATA,
        Element::Recipients => words::GAP_RECIPIENTS,
        Element::Transfers => words::GAP_TRANSFERS,
        Element::Retention => words::GAP_RETENTION,
        Element::Rights => words::GAP_RIGHTS,
        Element::WithdrawConsent => words::GAP_WITHDRAW,
        Element::Complaint => words::GAP_COMPLAINT,
        Element::StatutoryRequirement => words::GAP_REQUIREMENT,
        Element::Source => words::GAP_SOURCE,
        Element::AutomatedDecisions => words::GAP_AUTOMATED,
    };
    tr!(lang, text)
}

/// The provisions of art. 13 and 14 that require the element, as the interface's `Element`
/// documents them; the one that applies to how the data is collected, or both.
fn provisions(lang: Lang, element: Element, collected: Collected) -> String {
    let (art13, art14) = element_provisions(element);
    let mut cited = Vec::new();
    if let Some(p) = art13.filter(|_| collected.from_person || !collected.from_others) {
        cited.push(citation::provision(lang, p));
    }
    if let Some(p) = art14.filter(|_| collected.from_others || art13.is_none()) {
        cited.push(citation::provision(lang, p));
    }
    words::join(lang, &cited)
}

/// Art. 13 and art. 14's provision for each element (`None` where the article has none), as
/// src/notice/elements.rs states them. Read from the gaps package's law data once it is merged.
fn element_provisions(element: Element) -> (Option<&'static str>, Option<&'static str>) {
    match element {
        Element::Controller => (Some("art. 13(1)(a)"), Some("art. 14(1)(a)")),
        Element::Dpo => (Some("art. 13(1)(b)"), Some("art. 14(1)(b)")),
        Element::PurposesAndBasis => (Some("art. 13(1)(c)"), Some("art. 14(1)(c)")),
        Element::LegitimateInterests => (Some("art. 13(1)(d)"), Some("art. 14(2)(b)")),
        Element::DataCategories => (None, Some("art. 14(1)(d)")),
        Element::Recipients => (Some("art. 13(1)(e)"), Some("art. 14(1)(e)")),
        Element::Transfers => (Some("art. 13(1)(f)"), Some("art. 14(1)(f)")),
        Element::Retention => (Some("art. 13(2)(a)"), Some("art. 14(2)(a)")),
        Element::Rights => (Some("art. 13(2)(b)"), Some("art. 14(2)(c)")),
        Element::WithdrawConsent => (Some("art. 13(2)(c)"), Some("art. 14(2)(d)")),
        Element::Complaint => (Some("art. 13(2)(d)"), Some("art. 14(2)(e)")),
        Element::StatutoryRequirement => (Some("art. 13(2)(e)"), None),
        Element::Source => (None, Some("art. 14(2)(f)")),
        Element::AutomatedDecisions => (Some("art. 13(2)(f)"), Some("art. 14(2)(g)")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::span::Span;

    fn gap(element: Element) -> Gap {
        Gap {
            element,
            activity: None,
            span: Span::SYNTHETIC,
            reported_by: "NOTICE-TEST",
        }
    }

    const FROM_PERSON: Collected = Collected {
        from_person: true,
        from_others: false,
    };
    const BOTH: Collected = Collected {
        from_person: true,
        from_others: true,
    };

    #[test]
    fn the_mark_says_what_is_missing_and_the_provision_in_danish() {
        let block = mark(Lang::Da, &gap(Element::Retention), FROM_PERSON);
        assert_eq!(
            block.text,
            "[Mangler: hvor længe oplysningerne gemmes — art. 13, stk. 2, litra a]"
        );
        assert!(block.is_gap());
        assert_eq!(block.element, Some(Element::Retention));
    }

    #[test]
    fn data_from_others_cites_art_14_and_both_cite_both() {
        let others = Collected {
            from_person: false,
            from_others: true,
        };
        assert_eq!(
            mark(Lang::En, &gap(Element::Retention), others).text,
            "[Missing: how long the data is kept — art. 14(2)(a)]"
        );
        assert_eq!(
            mark(Lang::En, &gap(Element::Retention), BOTH).text,
            "[Missing: how long the data is kept — art. 13(2)(a) and art. 14(2)(a)]"
        );
    }

    #[test]
    fn an_element_of_one_article_only_cites_that_article() {
        assert_eq!(
            mark(Lang::Da, &gap(Element::Source), FROM_PERSON).text,
            "[Mangler: hvor vi får oplysningerne fra — art. 14, stk. 2, litra f]"
        );
        assert_eq!(
            mark(Lang::Da, &gap(Element::StatutoryRequirement), BOTH).text,
            "[Mangler: om du har pligt til at give oplysningerne, og hvad der sker, hvis du ikke gør — art. 13, stk. 2, litra e]"
        );
    }
}
