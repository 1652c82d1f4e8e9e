//! The edits rules suggest with their help (src/diagnostic.rs, `Suggestion`): the one place that
//! knows where a citation goes in an activity's basis.

use crate::diagnostic::{SuggestedEdit, Suggestion};
use crate::i18n::Lang;
use crate::law::LegalRef;
use crate::semantic::model::Activity;
use crate::syntax::span::Span;
use crate::tr;

/// `citations` added to the activity's bases: after the last citation of its bases of every case
/// (a `basis ... in some cases` list is left alone), or as a `basis` statement of its own when it has
/// none. `why` says in a few words when to choose it, where the help offers a choice.
pub fn add_to_basis(
    lang: Lang,
    activity: &Activity,
    citations: &str,
    why: Option<&str>,
    preferred: bool,
) -> Suggestion {
    let edit = match activity
        .bases
        .iter()
        .map(LegalRef::span)
        .filter(|s| !s.is_synthetic())
        .max_by_key(|s| s.end)
    {
        Some(last) => SuggestedEdit::Replace {
            span: Span::new(last.file, last.end as usize, last.end as usize),
            text: format!(", {citations}"),
        },
        None => SuggestedEdit::AddStatement {
            block: activity.span,
            statement: format!("basis {citations}"),
        },
    };
    let message = match why {
        Some(why) => tr!(
            lang,
            text::ADD_TO_BASIS_FOR,
            citations = citations,
            why = why
        ),
        None => tr!(lang, text::ADD_TO_BASIS, citations = citations),
    };
    Suggestion {
        message,
        edit,
        preferred,
    }
}

/// The titles of the suggested edits, in English and Danish.
pub mod text {
    crate::texts! {
        ADD_TO_BASIS = ("add `{citations}` to the basis", "tilføj `{citations}` til behandlingsgrundlaget"),
        ADD_TO_BASIS_FOR = (
            "add `{citations}` to the basis ({why})",
            "tilføj `{citations}` til behandlingsgrundlaget ({why})"
        ),
    }
}
