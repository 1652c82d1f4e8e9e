//! Quick fixes: the suggestions a diagnostic carries (set by the rule or the resolver that reports
//! it, src/diagnostic.rs), as edits of the files.

use crate::diagnostic::{Diagnostic, SuggestedEdit, Suggestion};
use crate::ide::{Edit, Fix};
use crate::source::SourceMap;
use crate::syntax::span::Span;

/// The fixes of `diagnostic`, one per suggestion that can be placed in the files of `sources`.
pub fn of(sources: &SourceMap, diagnostic: &Diagnostic) -> Vec<Fix> {
    diagnostic
        .suggestions
        .iter()
        .filter_map(|s| fix(sources, s))
        .collect()
}

fn fix(sources: &SourceMap, suggestion: &Suggestion) -> Option<Fix> {
    let edit = match &suggestion.edit {
        SuggestedEdit::Replace { span, text } => {
            let file = text_of(sources, *span)?;
            (file.get(span.start as usize..span.end as usize))
                .is_some()
                .then(|| Edit {
                    span: *span,
                    new_text: text.clone(),
                })?
        }
        SuggestedEdit::AddStatement { block, statement } => {
            add_statement(text_of(sources, *block)?, *block, statement)?
        }
    };
    Some(Fix {
        title: suggestion.message.clone(),
        edits: vec![edit],
        preferred: suggestion.preferred,
    })
}

fn text_of(sources: &SourceMap, span: Span) -> Option<&str> {
    if span.is_synthetic() || span.file.0 as usize >= sources.len() {
        return None;
    }
    Some(sources.file(span.file).text.as_str())
}

/// `statement` on a line of its own before the block's closing brace, indented as the block's
/// statements are; in a block written on one line, before the brace on that line.
fn add_statement(text: &str, block: Span, statement: &str) -> Option<Edit> {
    let inside = text.get(block.start as usize..block.end as usize)?;
    let close = block.start as usize + inside.rfind('}')?;
    let line_start = text[..close].rfind('\n').map_or(0, |i| i + 1);
    let on_own_line = text[line_start..close].trim().is_empty();
    let (at, new_text) = if on_own_line && line_start > block.start as usize {
        // The indentation of the last statement of the block, or two spaces more than the brace's.
        let before = text[block.start as usize..line_start].trim_end_matches('\n');
        let previous = &before[before.rfind('\n').map_or(0, |i| i + 1)..];
        let indent: String = if previous.trim().is_empty() || before.rfind('\n').is_none() {
            format!("{}  ", &text[line_start..close])
        } else {
            previous.chars().take_while(|c| c.is_whitespace()).collect()
        };
        (line_start, format!("{indent}{statement}\n"))
    } else {
        (close, format!("{statement} "))
    };
    Some(Edit {
        span: Span::new(block.file, at, at),
        new_text,
    })
}
