//! `--draft`: the visible mark where the notice lacks an element the spec does not give, such as
//! "[Mangler: hvor længe oplysningerne opbevares — art. 13, stk. 2, litra a]". A normal notice
//! leaves the sentence out; nothing is filled in with a plausible sentence. What is missing and the
//! provision that requires it are the law data's (src/law/data/notice_elements.toml, read through
//! [`Element::title`] and [`Element::provision`]).

use crate::i18n::{Lang, citation};
use crate::notice::document::{Block, BlockKind};
use crate::notice::elements::Element;
use crate::notice::gaps::{Articles, Gap};
use crate::notice::words;
use crate::tr;

/// The mark of `gap`, as a block of the notice; `articles` says which of art. 13 and 14 apply to the
/// part it is in, and so which provision the mark cites.
pub fn mark(lang: Lang, gap: &Gap, articles: Articles) -> Block<'static> {
    Block {
        element: Some(gap.element),
        span: Some(gap.span),
        kind: BlockKind::Gap,
        text: tr!(
            lang,
            words::GAP,
            what = gap.element.title(lang),
            provision = provisions(lang, gap.element, articles)
        )
        .into(),
        items: Vec::new(),
    }
}

/// The provisions of art. 13 and 14 that require the element: the one that applies to how the data
/// is collected, or both; an element only one article requires cites that one.
fn provisions(lang: Lang, element: Element, articles: Articles) -> String {
    let art13 = element.provision(true);
    let art14 = element.provision(false);
    let mut cited = Vec::new();
    if let Some(p) = art13.filter(|_| articles.art13 || !articles.art14) {
        cited.push(citation::provision(lang, p));
    }
    if let Some(p) = art14.filter(|_| articles.art14 || art13.is_none()) {
        cited.push(citation::provision(lang, p));
    }
    words::join(lang, &cited)
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

    const FROM_PERSON: Articles = Articles {
        art13: true,
        art14: false,
    };
    const BOTH: Articles = Articles {
        art13: true,
        art14: true,
    };

    #[test]
    fn the_mark_says_what_is_missing_and_the_provision_in_danish() {
        let block = mark(Lang::Da, &gap(Element::Retention), FROM_PERSON);
        assert_eq!(
            block.text,
            "[Mangler: hvor længe oplysningerne opbevares — art. 13, stk. 2, litra a]"
        );
        assert!(block.is_gap());
        assert_eq!(block.element, Some(Element::Retention));
    }

    #[test]
    fn data_from_others_cites_art_14_and_both_cite_both() {
        let others = Articles {
            art13: false,
            art14: true,
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
            "[Mangler: hvor oplysningerne kommer fra — art. 14, stk. 2, litra f]"
        );
        assert_eq!(
            mark(Lang::Da, &gap(Element::StatutoryRequirement), BOTH).text,
            "[Mangler: om det er et krav at give oplysningerne, og hvad der sker, hvis man ikke gør — art. 13, stk. 2, litra e]"
        );
    }
}
