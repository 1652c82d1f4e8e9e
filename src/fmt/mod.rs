//! `hjemmel fmt`: every spec in one canonical layout, the seeds' aligned style (docs/fmt.md).
//!
//! How comments are kept. The parser drops comments and white space, and the typed tree
//! (syntax/ast.rs) keeps a statement's value but not the span of its keyword nor the order of a
//! block's statements, so it cannot be printed back. Two ways were open: a formatter over a lossless
//! token stream, or comments attached to nodes by position. taplo keeps every token and comment in a
//! lossless tree (rowan) and prints from it; ruff collects the comments from the token stream and
//! attaches each to an AST node as leading, trailing or dangling by placement rules; cedar's
//! formatter wraps each token with the comments around it. hjemmel takes the middle way, which needs
//! no second tree type and no placement rules: the parser that `check` uses gives where each
//! declaration and statement starts and ends and where its block opens and closes (which only a
//! parser knows: a statement ends where the next keyword begins, and a name may be spelled like a
//! keyword) as an outline (`fast_parser::Piece`, recorded only when asked for; pest's concrete
//! tree for a chunk the fast parser leaves to pest, which lays out the same: tested on every spec),
//! and a lossless lexer (tokens.rs) reads the text inside and between them, comments as tokens. A
//! comment between statements is one of the body (on its own line, or at the end of the line
//! before); one inside a statement stays where it is, the statement continued on the next line.
//! Nothing is dropped by construction, and [`format`] checks it: the tokens, comments included, of the result
//! are those of the input, or nothing is returned.
//!
//! Linear: the file is parsed once, one declaration at a time (as `check` parses it, each tree
//! dropped once read), and each declaration is laid out as soon as its outline is read; each byte is
//! lexed a bounded number of times (its statement's header, and the check of the result's tokens
//! against the input's). docs/performance.md ("Issue 11, sixth round: `hjemmel fmt`") has the
//! numbers: at 100,000 activities about the cost of `check`, where laying out from pest's tree took
//! 6 s.

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
    let failed = || vec![Diagnostic::spec_error("fmt-failed", text::FAILED.get(lang))];
    let layout = read(text, lang)?.ok_or_else(failed)?;
    // A file already in the layout (what `fmt --check` meets in CI) is its own proof: comparing its
    // tokens would be a third of the work.
    Some(layout.finish())
        .filter(|formatted| formatted == text || tokens::same_tokens(text, formatted))
        .ok_or_else(failed)
}

/// The parse errors of `text` (located in `FileId(0)`), parsed as `check` parses it, one chunk at a
/// time; nothing laid out. For a writer that writes the canonical layout itself (`hjemmel import`)
/// and needs only the proof that it wrote a spec.
pub fn parse_errors(text: &str) -> Result<(), Vec<Diagnostic>> {
    let chunks = Chunks::new(FileId(0), text, Lang::En)?;
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

pub use layout::push_activity_head;

/// Parses `text` one chunk at a time, as `check` parses it (each tree dropped once built, so that
/// a large spec is never held whole as a tree), and lays out each chunk's declarations from the
/// fast parser's outline of it (pest's tree for a chunk the fast parser leaves to pest). The parse
/// errors when it does not parse; `None` when an outline could not be read (not expected).
fn read(text: &str, lang: Lang) -> Result<Option<layout::Layout<'_>>, Vec<Diagnostic>> {
    let chunks = Chunks::new(FileId(0), text, lang)?;
    let mut errors = Vec::new();
    let mut layout = Some(layout::Layout::new(text));
    let mut outline = Vec::new();
    let mut nodes = Vec::new();
    for i in 0..chunks.len() {
        outline.clear();
        match chunks.parse_outlined(i, &mut outline) {
            Ok((declarations, outlined)) => {
                chunks.recycle(declarations);
                let Some(l) = layout.as_mut() else { continue };
                nodes.clear();
                let read = if outlined {
                    layout::nodes_from_outline(text, &outline, &mut nodes)
                } else {
                    layout::nodes_from_pest(text, chunks.range(i), &mut nodes)
                };
                match read {
                    Some(()) => l.push(&nodes),
                    None => layout = None,
                }
            }
            Err(e) => errors.extend(e),
        }
    }
    if errors.is_empty() {
        Ok(layout)
    } else {
        Err(errors)
    }
}

/// The unified diff (three lines of context, `---`/`+++` headers naming `name`) that turns `before`
/// into `after`, as `diff -u` and `ruff format --diff` print it; empty when they are equal. The
/// diff is the smallest one unless finding it takes over a second (a large file that changes
/// throughout): then a larger one that is as correct.
pub fn unified_diff(name: &str, before: &str, after: &str) -> String {
    if before == after {
        return String::new();
    }
    similar::TextDiff::configure()
        .timeout(std::time::Duration::from_secs(1))
        .diff_lines(before, after)
        .unified_diff()
        .context_radius(3)
        .header(name, name)
        .to_string()
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

/// The layout with every chunk read by pest, for the test that the fast parser's outline gives the
/// same layout.
#[cfg(test)]
fn format_by_pest(text: &str) -> Option<String> {
    let chunks = Chunks::new(FileId(0), text, Lang::En).ok()?;
    let mut layout = layout::Layout::new(text);
    let mut nodes = Vec::new();
    for i in 0..chunks.len() {
        nodes.clear();
        layout::nodes_from_pest(text, chunks.range(i), &mut nodes)?;
        layout.push(&nodes);
    }
    Some(layout.finish())
}
