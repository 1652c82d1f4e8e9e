//! Completing a name: the declared names of the kind the statement at the cursor takes (`data ` →
//! the data categories, `via ` → the processors, `disclose ... to ` → the recipients).
//!
//! The file being typed in seldom parses, so the statement is read from the words before the
//! cursor, from the start of the top-level declaration it stands in (the index knows where the
//! declarations that parse begin and end): a request reads one declaration's text, not the file.

use super::index::NameIndex;
use super::note_visited;
use crate::ide::{Analysis, Completion, CompletionKind, NameKind, Place};
use crate::syntax::STATEMENTS;
use crate::syntax::span::Span;

pub(super) fn complete(analysis: &Analysis, at: Place) -> Vec<Completion> {
    let index = analysis.names();
    if at.file.0 as usize >= analysis.sources.len() {
        return Vec::new();
    }
    let text = analysis.sources.file(at.file).text.as_str();
    let Some(context) = context(index, at, text) else {
        return Vec::new();
    };
    let replace = context
        .word
        .map(|(start, end)| Span::new(at.file, start, end));
    let kinds: &[NameKind] = match context.takes {
        NameKind::Source => &[NameKind::Source, NameKind::Activity],
        ref kind => std::slice::from_ref(kind),
    };
    let mut seen = std::collections::HashSet::new();
    index
        .declarations
        .iter()
        .filter(|d| kinds.contains(&d.kind))
        .filter(|d| context.activity.as_deref() != Some(index.text(d.name)))
        .filter(|d| seen.insert(d.name))
        .map(|d| Completion {
            label: index.text(d.name).to_string(),
            kind: CompletionKind::Name(d.kind),
            detail: Some(d.label.clone()),
            documentation: None,
            insert: None,
            replace,
        })
        .collect()
}

/// What stands at the cursor: the kind of name the statement takes there.
#[derive(Debug, PartialEq)]
struct Context {
    takes: NameKind,
    /// The word being typed, `start..end` (the whole word around the cursor).
    word: Option<(usize, usize)>,
    /// The activity the cursor is in (not its own source).
    activity: Option<String>,
}

/// Reads the words from the start of the top-level declaration around `at` to the cursor.
fn context(index: &NameIndex, at: Place, text: &str) -> Option<Context> {
    let offset = at.offset.min(text.len());
    if !text.is_char_boundary(offset) {
        return None;
    }
    // A parsed declaration holding the cursor starts the scan; else the end of the last one before
    // it (what follows is the declaration being typed).
    let top = &index.file(at.file).top;
    let before =
        top.partition_point(|&d| index.declarations[d as usize].span.start as usize <= offset);
    let start = match before
        .checked_sub(1)
        .map(|d| index.declarations[top[d] as usize].span)
    {
        Some(span) if offset < span.end as usize => span.start as usize,
        Some(span) => span.end as usize,
        None => 0,
    };
    note_visited(offset - start);
    let tokens = tokens(&text[start..offset])?;
    let word = word_around(text, offset);
    let mut tokens = tokens;
    if word.is_some_and(|(w, _)| w < offset) {
        // The word being typed is not read as context.
        tokens.pop();
    }
    let (takes, activity) = statement(&tokens)?;
    Some(Context {
        takes,
        word,
        activity,
    })
}

/// The word of name characters around `offset`, when there is one.
fn word_around(text: &str, offset: usize) -> Option<(usize, usize)> {
    let is_word = |c: char| c == '_' || pest::unicode::XID_CONTINUE(c);
    let start = text[..offset]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_word(c))
        .last()
        .map_or(offset, |(i, _)| i);
    let end = text[offset..]
        .char_indices()
        .find(|&(_, c)| !is_word(c))
        .map_or(text.len(), |(i, _)| offset + i);
    (start < end).then_some((start, end))
}

#[derive(Debug, Clone, PartialEq)]
enum Token<'a> {
    Word(&'a str),
    Text,
    Punct(char),
}

/// The tokens of `text`; `None` when it ends inside a quoted text or a comment (no name goes
/// there).
fn tokens(text: &str) -> Option<Vec<Token<'_>>> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = text[i..].chars().next()?;
        if c == '"' {
            i += 1;
            loop {
                match bytes.get(i) {
                    None | Some(b'\n') => return None,
                    Some(b'\\') => i += 2,
                    Some(b'"') => break,
                    Some(_) => i += 1,
                }
            }
            i += 1;
            out.push(Token::Text);
        } else if text[i..].starts_with("//") {
            i += text[i..].find('\n')?;
        } else if c == '_' || pest::unicode::XID_CONTINUE(c) {
            let len = text[i..]
                .find(|c: char| c != '_' && !pest::unicode::XID_CONTINUE(c))
                .unwrap_or(text.len() - i);
            out.push(Token::Word(&text[i..i + len]));
            i += len;
        } else {
            if !c.is_whitespace() {
                out.push(Token::Punct(c));
            }
            i += c.len_utf8();
        }
    }
    Some(out)
}

/// Where the statements of an activity take names, and what the words read so far expect.
#[derive(Debug, Clone, Copy, PartialEq)]
enum State {
    /// A statement's keyword comes next.
    Statement,
    /// In a statement that names nothing.
    Other,
    /// A name of this kind comes next; `disclose`: the data of a disclosure.
    Name { takes: NameKind, disclose: bool },
    /// After a name of a list: a comma, or the next statement.
    AfterName { takes: NameKind, disclose: bool },
    /// `jointly`: `with` comes next.
    Jointly,
}

/// The kind of name the words so far, from the start of a top-level declaration, ask for next, and
/// the activity they stand in; `None` where no name of the spec fits (outside an activity, at a
/// statement's keyword, in a statement that names nothing).
fn statement(tokens: &[Token<'_>]) -> Option<(NameKind, Option<String>)> {
    let mut depth = 0usize;
    let mut activity: Option<&str> = None;
    let mut state = State::Other;
    for (i, token) in tokens.iter().enumerate() {
        match token {
            Token::Punct('{') => {
                depth += 1;
                // `activity NAME "label" {` at the top level opens an activity.
                activity = match (depth, i.checked_sub(3).map(|s| &tokens[s..i])) {
                    (1, Some([Token::Word("activity"), Token::Word(name), Token::Text])) => {
                        Some(name)
                    }
                    _ => None,
                };
                state = State::Statement;
                continue;
            }
            Token::Punct('}') => {
                depth = depth.saturating_sub(1);
                activity = None;
                state = State::Other;
                continue;
            }
            _ => {}
        }
        if depth != 1 || activity.is_none() {
            continue;
        }
        state = match (state, token) {
            (State::Name { takes, disclose }, Token::Word(_)) => {
                State::AfterName { takes, disclose }
            }
            (State::AfterName { takes, disclose }, Token::Punct(',')) => {
                State::Name { takes, disclose }
            }
            (State::AfterName { disclose: true, .. }, Token::Word("to")) => State::Name {
                takes: NameKind::Recipient,
                disclose: false,
            },
            // `data NAMES about SUBJECTS`.
            (
                State::AfterName {
                    takes: NameKind::Data,
                    disclose: false,
                },
                Token::Word("about"),
            ) => State::Name {
                takes: NameKind::Subjects,
                disclose: false,
            },
            (State::Jointly, Token::Word("with")) => State::Name {
                takes: NameKind::JointController,
                disclose: false,
            },
            (_, Token::Word(word)) if STATEMENTS.contains(word) => keyword(word),
            _ => State::Other,
        };
    }
    match state {
        State::Name { takes, .. } if depth == 1 => Some((takes, activity.map(str::to_string))),
        _ => None,
    }
}

/// The state after a statement's keyword.
fn keyword(word: &str) -> State {
    let takes = match word {
        "subjects" => NameKind::Subjects,
        "data" | "retain" | "collect" | "copy" => NameKind::Data,
        "disclose" => {
            return State::Name {
                takes: NameKind::Data,
                disclose: true,
            };
        }
        "sources" => NameKind::Source,
        "via" => NameKind::Processor,
        "jointly" => return State::Jointly,
        _ => return State::Other,
    };
    State::Name {
        takes,
        disclose: false,
    }
}
