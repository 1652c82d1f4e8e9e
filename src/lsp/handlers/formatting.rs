//! `textDocument/formatting`: the document in `hjemmel fmt`'s layout, as one edit of the whole
//! text. A document that does not parse gets no edits and no error: the diagnostics already say why.

use lsp_types::TextEdit;

use crate::lsp::position::{Encoding, LineMap};

/// The edits that format `text`: none when it is formatted already or does not parse.
pub fn format(text: &str, encoding: Encoding) -> Vec<TextEdit> {
    match crate::fmt::format(text) {
        Ok(formatted) if formatted != text => {
            let lines = LineMap::new(text);
            vec![TextEdit::new(
                lines.range(text, 0, text.len(), encoding),
                formatted,
            )]
        }
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_that_parses_is_replaced_whole_and_one_that_does_not_is_left() {
        let text = "data   loans \"Lån æ😀\"   ordinary\n";
        let formatted = crate::fmt::format(text).expect("the sample parses");
        assert_ne!(formatted, text, "the sample is not in the canonical layout");
        let edits = format(text, Encoding::Utf16);
        assert_eq!(edits.len(), 1);
        assert_eq!(edits[0].new_text, formatted);
        assert_eq!(edits[0].range.end, lsp_types::Position::new(1, 0));
        // Formatting the result changes nothing.
        assert!(format(&formatted, Encoding::Utf16).is_empty());
        assert!(format("activity {{{ not a spec", Encoding::Utf16).is_empty());
    }
}
