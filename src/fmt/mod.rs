//! `hjemmel fmt`: every spec in one canonical layout, the seeds' aligned style (docs/fmt.md).
//!
//! How comments are kept. The parser drops comments and white space, and the typed tree
//! (syntax/ast.rs) keeps a statement's value but not the span of its keyword nor the order of a
//! block's statements, so it cannot be printed back. Two ways were open: a formatter over a lossless
//! token stream, or comments attached to nodes by position. taplo keeps every token and comment in a
//! lossless tree (rowan) and prints from it; ruff collects the comments from the token stream and
//! attaches each to an AST node as leading, trailing or dangling by placement rules; cedar's
//! formatter wraps each token with the comments around it. hjemmel takes the middle way, which needs
//! no second tree type and no placement rules: pest's concrete tree gives where each declaration and
//! statement starts and ends (which only a parser knows: a statement ends where the next keyword
//! begins, and a name may be spelled like a keyword; the fast parser keeps no such spans), and a
//! lossless lexer (tokens.rs) reads the text inside and between them, comments as tokens. A comment
//! between statements is one of the body (on its own line, or at the end of the line before); one
//! inside a statement stays where it is, the statement continued on the next line. Nothing is
//! dropped by construction, and [`format`] checks it: the tokens, comments included, of the result
//! are those of the input, or nothing is returned.
//!
//! Linear: each declaration is parsed on its own (as `check` does), each byte is lexed a bounded
//! number of times (once per enclosing block, and blocks nest at most 64 deep). pest is most of the
//! time (scripts/bench-fmt.sh: about 6 s of CPU for 100,000 activities, where `check` takes 1 s);
//! statement spans from the fast parser would make it several times faster.

mod layout;
// Read by the editor too (src/ide/law/scan.rs): the same lexer for a file that does not parse.
pub(crate) mod tokens;

use crate::diagnostic::Diagnostic;
use crate::i18n::Lang;
use crate::syntax::parser::Chunks;
use crate::syntax::span::FileId;

/// The text of one spec file in the canonical layout; the parse errors (located in `FileId(0)`) when
/// it does not parse, and then nothing is laid out.
pub fn format(text: &str) -> Result<String, Vec<Diagnostic>> {
    format_in(text, Lang::En)
}

/// [`format`] with the errors worded in `lang`.
pub fn format_in(text: &str, lang: Lang) -> Result<String, Vec<Diagnostic>> {
    parses(text, lang)?;
    let formatted = layout::layout(text).filter(|formatted| same_tokens(text, formatted));
    formatted.ok_or_else(|| vec![Diagnostic::spec_error("fmt-failed", text::FAILED.get(lang))])
}

/// `Ok` when `text` parses, as `check` would parse it; its errors otherwise. One declaration at a
/// time, each tree dropped once built, so that a large spec is never held whole as a tree.
fn parses(text: &str, lang: Lang) -> Result<(), Vec<Diagnostic>> {
    let chunks = Chunks::new(FileId(0), text, lang)?;
    let mut errors = Vec::new();
    for i in 0..chunks.len() {
        match chunks.parse(i) {
            Ok(declarations) => chunks.recycle(declarations),
            Err(e) => errors.extend(e),
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Whether the two texts hold the same tokens and comments, white space aside: what the formatter
/// may change and nothing else.
fn same_tokens(a: &str, b: &str) -> bool {
    let words = |text| tokens::Lexer::new(text).map(|t| (t.kind, t.text));
    words(a).eq(words(b))
}

/// The words of `hjemmel fmt`.
pub mod text {
    use crate::texts;

    texts! {
        /// `--check`: a file is not in the canonical layout.
        WOULD_REFORMAT = ("would reformat {file}", "ville omformatere {file}"),
        /// A file was rewritten in the canonical layout.
        REFORMATTED = ("reformatted {file}", "omformaterede {file}"),
        /// `hjemmel fmt` with no path, and standard input is a terminal.
        NO_INPUT = (
            "name the spec files or directories to format, or `-` for standard input",
            "angiv de spec-filer eller mapper, der skal formateres, eller `-` for standard-input"
        ),
        /// Standard input could not be read (not UTF-8, say).
        CANNOT_READ_STDIN = (
            "cannot read standard input: {error}",
            "kan ikke læse standard-input: {error}"
        ),
        /// The layout would have changed a word (a bug): the file is left as it is.
        FAILED = (
            "the formatter could not lay out this file without changing its words; it is left as it is (please report it)",
            "formateringen kunne ikke stille filen op uden at ændre dens ord; den er ladt, som den er (meld det gerne)"
        ),
    }
}

#[cfg(test)]
mod tests;
