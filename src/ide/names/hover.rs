//! What a name is, shown where the pointer rests on it: its kind, label, where it is declared, how
//! often it is used, and what says most about it (an activity's purpose, a data category's class).

use super::{file_line, noun, text};
use crate::escape::{markdown_code, markdown_inline};
use crate::ide::{Analysis, Hover, Place};
use crate::tr;

/// The hover of the declared name at `at`, at a use or at its declaration; `None` on an undeclared
/// name (its finding says so) and off names.
pub(super) fn hover(analysis: &Analysis, at: Place) -> Option<Hover> {
    let index = analysis.names();
    let lang = analysis.lang;
    let item = index.item_at(at.file, at.offset)?;
    let name = index.name_of(item.what);
    let declared = index.declaration_of(name)?;

    // **data category** `health`: Helbredsoplysninger
    let mut markdown = format!(
        "**{}** {}: {}",
        noun(declared.kind, declared.parent.is_some(), lang),
        markdown_code(index.text(name)),
        markdown_inline(&declared.label)
    );
    if let Some(detail) = &declared.detail {
        markdown.push_str("\n\n");
        markdown.push_str(&markdown_code(detail));
    }
    if let Some(parent) = declared.parent {
        let parent = index.text(index.declarations[parent as usize].name);
        let parent = markdown_code(parent);
        markdown.push_str("\n\n");
        markdown.push_str(&tr!(lang, text::SUBPROCESSOR_OF, parent = parent));
    }
    if let Some(purpose) = &declared.purpose {
        markdown.push_str("\n\n");
        markdown.push_str(&tr!(
            lang,
            text::PURPOSE,
            purpose = markdown_inline(purpose)
        ));
    }
    let place = markdown_code(&file_line(&analysis.sources, declared.name_span));
    let uses = match index.entry(name).uses.len() {
        0 => tr!(lang, text::NOT_USED),
        1 => tr!(lang, text::USED_ONCE),
        count => tr!(lang, text::USED_TIMES, count = count),
    };
    markdown.push_str("\n\n");
    markdown.push_str(&tr!(lang, text::DECLARED_AT, place = place));
    markdown.push_str(" · ");
    markdown.push_str(&uses);
    Some(Hover {
        markdown,
        span: item.what.span(index),
    })
}
