//! The text around the cursor, read as tokens (the formatter's lossless lexer), so that a file that
//! does not parse is read as well as one that does: which block the cursor is in, the word it is on
//! or typing, and the words before it.

use super::keywords::Block;
use crate::fmt::tokens::{Kind, Lexer, Token};
use crate::syntax::DECLARATIONS;

/// A token and where it starts in the file.
#[derive(Debug, Clone, Copy)]
pub struct Placed<'a> {
    pub token: Token<'a>,
    pub start: usize,
}

impl<'a> Placed<'a> {
    pub fn end(&self) -> usize {
        self.start + self.token.text.len()
    }

    pub fn text(&self) -> &'a str {
        self.token.text
    }

    pub fn is_word(&self, word: &str) -> bool {
        self.token.kind == Kind::Word && self.token.text == word
    }

    pub fn is(&self, punct: &str) -> bool {
        self.token.is(punct)
    }
}

/// What the text says up to the cursor.
#[derive(Debug)]
pub struct Around<'a> {
    /// The block the cursor is in.
    pub block: Block,
    /// The tokens before the cursor's word, in order (comments left out).
    pub before: Vec<Placed<'a>>,
    /// The word (or number, or code) the cursor is in or at the end of, if any.
    pub word: Option<Placed<'a>>,
    /// Whether the cursor's word (or the cursor) is the first thing on its line.
    pub line_start: bool,
}

impl<'a> Around<'a> {
    /// The `n`th token before the cursor's word, counting back from 1.
    pub fn back(&self, n: usize) -> Option<&Placed<'a>> {
        self.before.len().checked_sub(n).map(|i| &self.before[i])
    }
}

/// Reads `text` up to `offset`, from the start of the declaration the cursor is in: linear in that
/// declaration, not in the file (a request on a spec of 10,000 activities reads one of them).
pub fn around(text: &str, offset: usize) -> Around<'_> {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let base = text.as_ptr() as usize;
    let from = declaration_start(text, offset);
    let mut stack: Vec<Block> = Vec::new();
    // The block a `{` here would open, and whether the last word was a declaration keyword (then
    // this word is the declaration's name, not a keyword).
    let mut opens: Option<Block> = None;
    let mut after_declaration_word = false;
    let mut before: Vec<Placed<'_>> = Vec::new();
    let mut word = None;
    for token in Lexer::new(&text[from..]) {
        let start = token.text.as_ptr() as usize - base;
        if start >= offset {
            break;
        }
        let placed = Placed { token, start };
        let end = placed.end();
        if token.kind == Kind::Comment {
            if end >= offset {
                // In a comment: nothing to complete, and no word of the language.
                word = None;
            }
            continue;
        }
        if end >= offset && matches!(token.kind, Kind::Word) {
            word = Some(placed);
            break;
        }
        let block = *stack.last().unwrap_or(&Block::TopLevel);
        match token.kind {
            Kind::Punct if token.text == "{" => {
                stack.push(opens.take().unwrap_or(Block::Activity));
                before.clear();
                after_declaration_word = false;
            }
            Kind::Punct if token.text == "}" => {
                stack.pop();
                opens = None;
                before.clear();
                after_declaration_word = false;
            }
            Kind::Word => {
                let is_keyword = !after_declaration_word && block.nested(token.text).is_some();
                // `joint controller`: the block is the joint controller's.
                let joint = block == Block::TopLevel
                    && token.text == "controller"
                    && before.last().is_some_and(|p| p.is_word("joint"));
                if is_keyword && !joint {
                    opens = block.nested(token.text);
                    if block == Block::TopLevel {
                        before.clear();
                    }
                }
                after_declaration_word = (is_keyword && block == Block::TopLevel) || joint;
            }
            _ => after_declaration_word = false,
        }
        before.push(placed);
    }
    let block = *stack.last().unwrap_or(&Block::TopLevel);
    let at = word.map_or(offset, |w| w.start);
    let line_start = text[..at]
        .bytes()
        .rev()
        .take_while(|&b| b != b'\n')
        .all(|b| b.is_ascii_whitespace())
        || before.last().is_some_and(|p| p.is("{") && p.end() <= at);
    Around {
        block,
        before,
        word,
        line_start,
    }
}

/// Where the top-level declaration that holds `offset` starts: the nearest line at or before it that
/// starts, in its first column, as a declaration does (`activity name "label"`, `data name "label"`,
/// `joint controller name "label"`), or the start of the file. A statement of an activity never looks
/// like that (`data a, b` has no label), and a string or a comment never spans lines, so the text
/// from there is read at the top level whatever came before it.
fn declaration_start(text: &str, offset: usize) -> usize {
    let bytes = text.as_bytes();
    let mut end = offset;
    loop {
        let start = memchr::memrchr(b'\n', &bytes[..end]).map_or(0, |i| i + 1);
        if bytes.get(start).is_some_and(u8::is_ascii_alphabetic) && declares(&text[start..]) {
            return start;
        }
        if start == 0 {
            return 0;
        }
        end = start - 1;
    }
}

/// Whether `line` (and what follows) starts with a declaration's keyword, name and label.
fn declares(line: &str) -> bool {
    let mut tokens = Lexer::new(line).take(4);
    let Some(first) = tokens.next() else {
        return false;
    };
    if first.breaks_before > 0 || !DECLARATIONS.contains(&first.text) {
        return false;
    }
    let mut rest = tokens.take_while(|t| t.breaks_before == 0);
    if first.text == "joint" && rest.next().is_none_or(|t| t.text != "controller") {
        return false;
    }
    matches!(
        (rest.next(), rest.next()),
        (Some(name), Some(label)) if name.kind == Kind::Word && label.kind == Kind::Text
    )
}

/// The word the cursor is on: letters, digits, `_` and `-` around `offset` (a rule code, a keyword,
/// a country code), wherever it stands, comments and quoted texts included.
pub fn word_at(text: &str, offset: usize) -> Option<(usize, &str)> {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let is_part = |c: char| c.is_alphanumeric() || c == '_' || c == '-';
    let start = text[..offset]
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_part(*c))
        .last()
        .map_or(offset, |(i, _)| i);
    let end = text[offset..]
        .char_indices()
        .find(|(_, c)| !is_part(*c))
        .map_or(text.len(), |(i, _)| offset + i);
    (start < end).then(|| (start, &text[start..end]))
}

/// The tokens of the line that holds `offset`, with where each starts.
pub fn line_tokens(text: &str, offset: usize) -> Vec<Placed<'_>> {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let line = &text[line_start..line_end];
    let base = line.as_ptr() as usize;
    Lexer::new(line)
        .filter(|t| t.kind != Kind::Comment)
        .map(|token| Placed {
            start: line_start + (token.text.as_ptr() as usize - base),
            token,
        })
        .collect()
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block_at(text: &str, marker: &str) -> Block {
        around(text, text.find(marker).unwrap()).block
    }

    #[test]
    fn the_block_is_read_from_the_braces_and_the_words_that_open_them() {
        let text = "controller k \"K\" { dpo { email \"x\" } HERE1 }\n\
                    subjects data \"D\" citizens\n\
                    data x \"X\" ordinary { HERE2 }\n\
                    processor p \"P\" { subprocessor s \"S\" { HERE3 } HERE4 }\n\
                    joint controller j \"J\" { HERE5 }\n\
                    activity a \"A\" { purpose \"p\" HERE6 }\nHERE7";
        assert_eq!(block_at(text, "email"), Block::Dpo);
        assert_eq!(block_at(text, "HERE1"), Block::Controller);
        assert_eq!(block_at(text, "HERE2"), Block::Data);
        assert_eq!(block_at(text, "HERE3"), Block::Processor);
        assert_eq!(block_at(text, "HERE4"), Block::Processor);
        assert_eq!(block_at(text, "HERE5"), Block::JointController);
        assert_eq!(block_at(text, "HERE6"), Block::Activity);
        assert_eq!(block_at(text, "HERE7"), Block::TopLevel);
    }

    #[test]
    fn reading_starts_at_the_declaration_the_cursor_is_in() {
        let text = "activity a \"A\" {\n  data x, y\n}\ndata d \"D\" ordinary\njoint controller j \"J\" {\n  country DK\n}\nactivity b \"B\" {\ndata z\n  purpose \"p\"\n  ";
        let start = |marker: &str| declaration_start(text, text.find(marker).unwrap());
        assert_eq!(start("x, y"), 0);
        assert_eq!(start("ordinary"), text.find("data d").unwrap());
        assert_eq!(start("DK"), text.find("joint").unwrap());
        // `data z` in column 1 of an activity is a statement: it has no label.
        assert_eq!(start("purpose"), text.find("activity b").unwrap());
        assert_eq!(
            declaration_start(text, text.len()),
            text.find("activity b").unwrap()
        );
        assert_eq!(around(text, text.len()).block, Block::Activity);
    }

    #[test]
    fn the_word_being_typed_and_the_words_before_it() {
        let text = "activity a \"A\" {\n  basis gdpr 9(2)(g\n";
        let at = around(text, text.len() - 1);
        assert_eq!(at.word.map(|w| w.text()), Some("g"));
        assert_eq!(at.back(1).map(|p| p.text()), Some("("));
        assert_eq!(at.back(5).map(|p| p.text()), Some("9"));
        assert!(!at.line_start);
        let text = "activity a \"A\" {\n  pur";
        let at = around(text, text.len());
        assert!(at.line_start);
        assert_eq!(at.word.map(|w| w.text()), Some("pur"));
        // In a comment: no word.
        let text = "// basis gd";
        assert!(around(text, text.len()).word.is_none());
    }

    #[test]
    fn a_word_is_found_anywhere_and_offsets_in_a_character_are_safe() {
        let text = "allow ART9-FIT \"æøå\" // CONSENT-WITHDRAWAL";
        assert_eq!(word_at(text, 8), Some((6, "ART9-FIT")));
        assert_eq!(
            word_at(text, text.len() - 2).map(|w| w.1),
            Some("CONSENT-WITHDRAWAL")
        );
        let inside = text.find('ø').unwrap() + 1;
        assert!(word_at(text, inside).is_some());
        let _ = around(text, inside);
        assert!(word_at("  ", 1).is_none());
    }
}
