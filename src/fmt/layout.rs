//! The canonical layout: the declarations and statements of a spec with their byte ranges (from
//! the fast parser's outline, or pest's concrete tree where the fast parser leaves a chunk to pest)
//! and the tokens between and inside them (tokens.rs), printed.

use pest::iterators::Pair;

use super::tokens::{Kind, Token, lex, lex_into};
use crate::syntax::parser::{Piece, Rule};

/// What a node is, as far as the layout cares: the blocks whose statements' values are aligned in a
/// column, and the statements left as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    /// The file: its body is the top-level declarations.
    Spec,
    Activity,
    /// A processor or sub-processor.
    Party,
    /// A `dpo` or `document` block.
    Contact,
    /// A statement the language does not know (`unknown_field`): read to the end of its line.
    Unknown,
    Other,
}

impl Sort {
    /// The sort of a node with a block, from its first word.
    fn of_block(first_word: &str) -> Sort {
        match first_word {
            "activity" => Sort::Activity,
            "processor" | "subprocessor" => Sort::Party,
            "dpo" | "document" => Sort::Contact,
            _ => Sort::Other,
        }
    }
}

/// A declaration or statement: where it stands in the file and, if it has one, its block.
pub struct Node {
    sort: Sort,
    pub start: usize,
    pub end: usize,
    block: Option<Block>,
}

/// `{ ... }`: the byte offsets of the braces and the statements between them.
struct Block {
    open: usize,
    close: usize,
    items: Vec<Node>,
}

/// The first word of `text` at `start`.
fn first_word(text: &str, start: usize) -> &str {
    super::tokens::Lexer::new(&text[start..])
        .next()
        .map_or("", |t| t.text)
}

/// The top-level nodes of a chunk's outline (`fast_parser::Piece`), appended to `nodes`; `None`
/// when the pieces do not nest (not expected: then the file is left as it is).
pub fn nodes_from_outline(text: &str, outline: &[Piece], nodes: &mut Vec<Node>) -> Option<()> {
    // The nodes begun and not yet ended, each with the statements of its block so far.
    let mut open: Vec<Node> = Vec::new();
    for piece in outline {
        match *piece {
            Piece::Start(start) => open.push(Node {
                sort: Sort::Other,
                start,
                end: start,
                block: None,
            }),
            Piece::Unknown => open.last_mut()?.sort = Sort::Unknown,
            Piece::Open(at) => {
                let node = open.last_mut()?;
                node.sort = Sort::of_block(first_word(text, node.start));
                node.block = Some(Block {
                    open: at,
                    close: at,
                    items: Vec::new(),
                });
            }
            Piece::Close(at) => open.last_mut()?.block.as_mut()?.close = at,
            Piece::End(end) => {
                let mut node = open.pop()?;
                node.end = end;
                match open.last_mut() {
                    Some(parent) => parent.block.as_mut()?.items.push(node),
                    None => nodes.push(node),
                }
            }
        }
    }
    open.is_empty().then_some(())
}

/// The top-level nodes of a chunk the fast parser left to pest, from pest's tree, appended to
/// `nodes`; `None` when it does not parse.
pub fn nodes_from_pest(
    text: &str,
    chunk: std::ops::Range<usize>,
    nodes: &mut Vec<Node>,
) -> Option<()> {
    crate::syntax::parser::for_each_declaration_tree(text, chunk, |offset, pair| {
        nodes.push(node(text, offset, pair));
    })
}

/// Whether a node of this rule may have a block.
fn has_block(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::controller
            | Rule::dpo_block
            | Rule::document_block
            | Rule::subjects_decl
            | Rule::data_decl
            | Rule::source_decl
            | Rule::processor
            | Rule::subprocessor
            | Rule::recipient
            | Rule::joint_controller
            | Rule::activity
    )
}

/// The column, counted from the block's indentation, where the values of its statements start (the
/// seeds' aligned style): a statement word shorter than that is padded to it; 0 is one space.
fn value_column(sort: Sort) -> usize {
    match sort {
        Sort::Activity => 9,
        Sort::Party => 10,
        Sort::Contact => 8,
        _ => 0,
    }
}

/// The start of a statement of an activity's block as the layout prints it: one level in, its
/// keyword (one word) padded to the block's value column. For a writer that writes the layout
/// itself (`hjemmel import`'s activities).
pub fn push_activity_head(out: &mut String, keyword: &str) {
    push_indent(out, INDENT);
    out.push_str(keyword);
    let column = value_column(Sort::Activity);
    push_indent(out, column.saturating_sub(width(keyword)).max(1));
}

/// Statements whose first two words are one keyword, aligned as one (`control measure "..."`).
const TWO_WORD_HEADS: &[(&str, &str)] = &[
    ("control", "measure"),
    ("public", "authority"),
    ("international", "organisation"),
    ("erasure", "refused"),
    ("polcam", "registered"),
    ("jointly", "with"),
    ("supervision", "every"),
    ("joint", "controller"),
    ("cameras", "at"),
    ("safeguards", "copy"),
    ("privacy", "notice"),
];

/// Words that start a clause of a statement (`disclose ... to ... under ... when ...`): a line break
/// the author put before one is kept, the clause indented under the statement.
const CLAUSE_WORDS: &[&str] = &[
    "to", "under", "when", "as", "kept", "for", "after", "until", "then", "in", "every", "with",
    "about",
];

/// Continuation lines of a clause stand this far in from the statement's indentation.
const CLAUSE_INDENT: usize = 6;
/// One level of blocks.
const INDENT: usize = 2;

/// In a table of one-line declarations, a cell wider than this does not widen its column (it is
/// followed by one space): the seeds leave the odd long name or label out of the alignment.
const CELL_CAPS: [usize; 3] = [24, 70, 24];

fn node(text: &str, offset: usize, pair: Pair<'_, Rule>) -> Node {
    let rule = pair.as_rule();
    let span = pair.as_span();
    let start = offset + span.start();
    let (end, open) = if rule == Rule::unknown_field {
        // Atomic: its span is its text, whatever it holds.
        (offset + span.end(), None)
    } else {
        extent(text, start, offset + span.end(), has_block(rule))
    };
    let sort = if rule == Rule::unknown_field {
        Sort::Unknown
    } else if open.is_some() {
        Sort::of_block(first_word(text, start))
    } else {
        Sort::Other
    };
    let block = open.map(|open| Block {
        open,
        close: end - 1,
        items: pair
            .into_inner()
            .filter(|child| offset + child.as_span().start() > open)
            .map(|child| node(text, offset, child))
            .collect(),
    });
    Node {
        sort,
        start,
        end,
        block,
    }
}

/// Where the node at `start..end` really ends, and the `{` that opens its block (the first outside
/// texts and comments). pest's span of a rule that ends in an optional or repeated part (`data x
/// "..." ordinary`, `via a, b`) runs over the white space and comments after it, which belong to
/// the body around it.
fn extent(text: &str, start: usize, end: usize, may_have_block: bool) -> (usize, Option<usize>) {
    let region = &text[start..end];
    let offset = |t: &Token<'_>| start + (t.text.as_ptr() as usize - region.as_ptr() as usize);
    let (tokens, _) = lex(region);
    let end = tokens
        .iter()
        .rev()
        .find(|t| t.kind != Kind::Comment)
        .map_or(start, |t| offset(t) + t.text.len());
    let open = if may_have_block {
        tokens.iter().find(|t| t.is("{")).map(offset)
    } else {
        None
    };
    (end, open)
}

/// The top-level declarations of a spec, each laid out as soon as its chunk is read (so that the
/// nodes of a large spec are never held together), then the file.
pub struct Layout<'a> {
    printer: Printer<'a>,
    /// Where each declaration stands in the file.
    spans: Vec<(usize, usize)>,
    /// Each declaration laid out, and its table cells.
    laid: Vec<(String, Option<Vec<String>>)>,
}

impl<'a> Layout<'a> {
    pub fn new(text: &'a str) -> Self {
        Layout {
            printer: Printer {
                text,
                lists: Default::default(),
            },
            spans: Vec::new(),
            laid: Vec::new(),
        }
    }

    /// Lays out the next top-level declarations.
    pub fn push(&mut self, declarations: &[Node]) {
        for node in declarations {
            self.spans.push((node.start, node.end));
            self.laid.push(self.printer.item(node, 0, Sort::Spec));
        }
    }

    /// The spec text laid out.
    pub fn finish(self) -> String {
        let text = self.printer.text;
        let spans = self.spans;
        let mut laid = self.laid.into_iter();
        let entries = self.printer.body(
            spans.len(),
            |i| spans[i],
            |_| laid.next().unwrap_or_default(),
            (0, text.len()),
            Sort::Spec,
            None,
        );
        let mut out = String::with_capacity(text.len() + text.len() / 8);
        render(&mut out, entries, 0);
        out
    }
}

/// One line, or one multi-line item, of a body (the file, or a block).
enum Entry {
    /// An empty line.
    Blank,
    /// A comment on a line of its own.
    Comment(String),
    /// A declaration or statement; `cells` when it may stand in a table of one-line declarations.
    Item {
        text: String,
        cells: Option<Vec<String>>,
        trailing: Option<String>,
    },
}

struct Printer<'a> {
    text: &'a str,
    /// Token lists kept from one statement to the next (a list grown once serves them all).
    lists: std::cell::RefCell<Vec<Vec<Token<'a>>>>,
}

impl<'a> Printer<'a> {
    /// The tokens of `start..end`, in a list to give back with [`give`](Self::give).
    fn tokens(&self, start: usize, end: usize) -> Vec<Token<'a>> {
        let mut list = self.lists.borrow_mut().pop().unwrap_or_default();
        lex_into(&self.text[start..end], &mut list);
        list
    }

    fn give(&self, list: Vec<Token<'a>>) {
        self.lists.borrow_mut().push(list);
    }

    /// The entries of a body: `count` items (`span` says where item `i` stands, `lay` lays it out)
    /// and the comments around them, between `from` and `to`. `parent` is the sort of the block
    /// (`Spec` for the file); `open_trailing` receives a comment written on the line of the `{`.
    fn body(
        &self,
        count: usize,
        span: impl Fn(usize) -> (usize, usize),
        mut lay: impl FnMut(usize) -> (String, Option<Vec<String>>),
        (from, to): (usize, usize),
        parent: Sort,
        mut open_trailing: Option<&mut Option<String>>,
    ) -> Vec<Entry> {
        let top = parent == Sort::Spec;
        let mut entries: Vec<Entry> = Vec::new();
        let mut previous_multiline = false;
        let mut gap_start = from;
        for i in 0..=count {
            let gap_end = if i < count { span(i).0 } else { to };
            let (comments, breaks_after) = lex(&self.text[gap_start..gap_end]);
            let item = (i < count).then(|| lay(i));
            let multiline = item.as_ref().is_some_and(|(text, ..)| text.contains('\n'));
            // A declaration of several lines stands apart from its neighbours; comments after the
            // last declaration stay with it.
            let mut force_blank = top && i > 0 && i < count && (previous_multiline || multiline);
            let mut own_line = Vec::new();
            for (k, comment) in comments.iter().enumerate() {
                let after_something = i > 0 || open_trailing.is_some();
                if k == 0 && comment.breaks_before == 0 && after_something && gap_start > from {
                    attach_trailing(&mut entries, comment.text);
                } else if k == 0
                    && comment.breaks_before == 0
                    && let Some(slot) = open_trailing.as_deref_mut()
                {
                    *slot = Some(comment.text.to_string());
                } else {
                    own_line.push((comment.breaks_before, comment.text));
                }
            }
            let mut push_blank = |entries: &mut Vec<Entry>, breaks: usize| {
                let blank = (breaks >= 2 || force_blank) && !entries.is_empty();
                force_blank = false;
                if blank && !matches!(entries.last(), Some(Entry::Blank)) {
                    entries.push(Entry::Blank);
                }
            };
            for (breaks, comment) in own_line {
                push_blank(&mut entries, breaks);
                entries.push(Entry::Comment(comment.to_string()));
            }
            let Some((text, cells)) = item else { break };
            push_blank(&mut entries, breaks_after);
            entries.push(Entry::Item {
                text,
                cells,
                trailing: None,
            });
            previous_multiline = multiline;
            gap_start = span(i).1;
        }
        if top {
            align_tables(&mut entries);
        }
        entries
    }

    /// One node, laid out at `indent` (its first line without the indentation), and its table cells.
    fn item(&self, node: &Node, indent: usize, parent: Sort) -> (String, Option<Vec<String>>) {
        if node.sort == Sort::Unknown {
            // Read to the end of the line by the grammar: any change inside could change it.
            return (self.text[node.start..node.end].trim_end().to_string(), None);
        }
        let header_end = node.block.as_ref().map_or(node.end, |b| b.open);
        let header = self.tokens(node.start, header_end);
        let laid = self.item_with(node, &header, indent, parent);
        self.give(header);
        laid
    }

    /// [`item`](Self::item) with its header's tokens (up to the `{` of its block, if any).
    fn item_with(
        &self,
        node: &Node,
        header: &[Token<'a>],
        indent: usize,
        parent: Sort,
    ) -> (String, Option<Vec<String>>) {
        let column = value_column(parent);
        let Some(block) = &node.block else {
            let cells = cells(header, parent, None);
            return (statement(header, indent, column, false), cells);
        };
        let inner = &self.text[block.open + 1..block.close];
        let inline = !inner.contains('\n') && !lex(inner).0.iter().any(|t| t.kind == Kind::Comment);
        let mut text = statement(header, indent, column, false);
        let comment_before_block = header.last().is_some_and(|t| t.kind == Kind::Comment);
        if comment_before_block {
            text.push('\n');
            push_indent(&mut text, indent);
            text.push('{');
        } else {
            text.push_str(" {");
        }
        if inline {
            let block_text = self.inline_block(block);
            text.push_str(&block_text[1..]);
            // A comment ends its line, so the block goes on the next: no row of a table, whose
            // cells would put the block after the comment, inside it.
            let cells = (!comment_before_block)
                .then(|| cells(header, parent, Some(block_text)))
                .flatten();
            return (text, cells);
        }
        let mut open_trailing = None;
        let items = &block.items;
        let entries = self.body(
            items.len(),
            |i| (items[i].start, items[i].end),
            |i| self.item(&items[i], indent + INDENT, node.sort),
            (block.open + 1, block.close),
            node.sort,
            Some(&mut open_trailing),
        );
        if entries.is_empty() && open_trailing.is_none() {
            text.push('}');
            return (text, None);
        }
        if let Some(comment) = open_trailing {
            text.push(' ');
            text.push_str(&comment);
        }
        text.push('\n');
        render(&mut text, entries, indent + INDENT);
        push_indent(&mut text, indent);
        text.push('}');
        (text, None)
    }

    /// A block with no line break and no comment inside, on one line: `{ a b }`, or `{}`.
    fn inline_block(&self, block: &Block) -> String {
        let mut text = String::from("{");
        for item in &block.items {
            text.push(' ');
            if item.sort == Sort::Unknown {
                text.push_str(self.text[item.start..item.end].trim_end());
                continue;
            }
            let header_end = item.block.as_ref().map_or(item.end, |b| b.open);
            let tokens = self.tokens(item.start, header_end);
            text.push_str(&statement(&tokens, 0, 0, true));
            self.give(tokens);
            if let Some(inner) = &item.block {
                text.push(' ');
                text.push_str(&self.inline_block(inner));
            }
        }
        text.push_str(if block.items.is_empty() { "}" } else { " }" });
        text
    }
}

/// A comment written at the end of the line of the last entry.
fn attach_trailing(entries: &mut Vec<Entry>, comment: &str) {
    match entries.last_mut() {
        Some(Entry::Item { trailing, .. }) if trailing.is_none() => {
            *trailing = Some(comment.to_string());
        }
        // Not expected (a line holds one comment at most): kept, on a line of its own.
        _ => entries.push(Entry::Comment(comment.to_string())),
    }
}

/// The cells of a one-line `subjects`, `data`, `source` or `recipient` declaration, for a table:
/// keyword, name, label, kind, and the block if any. Not for one laid out on several lines (a
/// comment, or a line break kept, inside).
fn cells(tokens: &[Token<'_>], parent: Sort, block: Option<String>) -> Option<Vec<String>> {
    if parent != Sort::Spec
        || tokens.len() < 4
        || !matches!(tokens[0].text, "subjects" | "data" | "source" | "recipient")
        || tokens[1].kind != Kind::Word
        || tokens[2].kind != Kind::Text
        || statement(tokens, 0, 0, false).contains('\n')
    {
        return None;
    }
    let mut cells: Vec<String> = tokens[..3].iter().map(|t| t.text.to_string()).collect();
    cells.push(statement(&tokens[3..], 0, 0, true));
    cells.extend(block);
    Some(cells)
}

/// `n` spaces.
fn push_indent(out: &mut String, n: usize) {
    const SPACES: &str = "                                                                ";
    let mut n = n;
    while n > SPACES.len() {
        out.push_str(SPACES);
        n -= SPACES.len();
    }
    out.push_str(&SPACES[..n]);
}

/// Width on screen, in characters (the specs' letters are one column each).
fn width(s: &str) -> usize {
    s.chars().count()
}

/// One statement (or the header of a declaration, up to its `{`): its keyword padded to the block's
/// value column, the other tokens one space apart (none inside `6(1)(e)` or before a comma), and the
/// line breaks the author put after a comma, around `|` or before a clause word kept.
fn statement(tokens: &[Token<'_>], indent: usize, column: usize, inline: bool) -> String {
    let words: usize = tokens.iter().map(|t| t.text.len() + 1).sum();
    let mut out = String::with_capacity(words + column + 2 * indent);
    let Some(first) = tokens.first() else {
        return out;
    };
    out.push_str(first.text);
    let mut rest = 1;
    if let Some(second) = tokens.get(1)
        && second.breaks_before == 0
        && TWO_WORD_HEADS.contains(&(first.text, second.text))
    {
        out.push(' ');
        out.push_str(second.text);
        rest = 2;
    }
    let head = width(&out);
    let value = indent + column.max(head + 1);
    let mut previous = tokens[rest - 1];
    let mut before_comment = previous;
    for (k, token) in tokens[rest..].iter().enumerate() {
        let after_comment = previous.kind == Kind::Comment;
        let keep_break = !inline
            && token.breaks_before > 0
            && (token.kind == Kind::Comment
                || before_comment.is(",")
                || before_comment.is("|")
                || token.is("|")
                || (token.kind == Kind::Word && CLAUSE_WORDS.contains(&token.text)));
        if after_comment || keep_break {
            out.push('\n');
            let list = before_comment.is(",") || before_comment.is("|") || token.is("|");
            push_indent(&mut out, if list { value } else { indent + CLAUSE_INDENT });
        } else if k == 0 && token.kind != Kind::Comment && !inline && column > 0 {
            let pad = column.saturating_sub(head).max(1);
            push_indent(&mut out, pad);
        } else if !(token.is(",")
            || token.is(")")
            || previous.is("(")
            || (token.is("(") && (previous.kind == Kind::Word || previous.is(")"))))
        {
            out.push(' ');
        }
        out.push_str(token.text);
        if token.kind != Kind::Comment {
            before_comment = *token;
        }
        previous = *token;
    }
    out
}

/// Pads the one-line declarations that stand together (same keyword, no empty line between them,
/// comments allowed) into columns.
fn align_tables(entries: &mut [Entry]) {
    let mut i = 0;
    while i < entries.len() {
        let Some(keyword) = row_keyword(&entries[i]) else {
            i += 1;
            continue;
        };
        let mut end = i + 1;
        let mut last_row = i;
        while end < entries.len() {
            match &entries[end] {
                Entry::Comment(_) => end += 1,
                entry if row_keyword(entry) == Some(keyword.clone()) => {
                    last_row = end;
                    end += 1;
                }
                _ => break,
            }
        }
        align_rows(&mut entries[i..=last_row]);
        i = last_row + 1;
    }
}

fn row_keyword(entry: &Entry) -> Option<String> {
    match entry {
        Entry::Item {
            cells: Some(cells), ..
        } => Some(cells[0].clone()),
        _ => None,
    }
}

/// Pads each cell of the rows to the widest of its column. A cell wider than its column's cap does
/// not widen it, and the rest of its row is not aligned either (the seeds' way with the odd long
/// name or label).
fn align_rows(rows: &mut [Entry]) {
    let mut widths = [0usize; 3];
    for entry in rows.iter() {
        if let Entry::Item {
            cells: Some(cells), ..
        } = entry
        {
            for (c, cap) in CELL_CAPS.iter().enumerate() {
                // The kind is padded only where a block follows it.
                if c == 2 && cells.len() < 5 {
                    break;
                }
                let w = width(&cells[c + 1]);
                if w > *cap {
                    break;
                }
                widths[c] = widths[c].max(w);
            }
        }
    }
    for entry in rows.iter_mut() {
        if let Entry::Item {
            text,
            cells: Some(cells),
            ..
        } = entry
        {
            let mut line = cells[0].clone();
            let mut aligned = true;
            for (c, cell) in cells.iter().enumerate().skip(1) {
                line.push(' ');
                line.push_str(cell);
                let w = width(cell);
                aligned = aligned && c <= 3 && w <= CELL_CAPS[c - 1];
                if aligned && c < cells.len() - 1 {
                    push_indent(&mut line, widths[c - 1].saturating_sub(w));
                }
            }
            *text = line;
        }
    }
}

fn render(out: &mut String, entries: Vec<Entry>, indent: usize) {
    for entry in entries {
        match entry {
            Entry::Blank => {}
            Entry::Comment(comment) => {
                push_indent(out, indent);
                out.push_str(&comment);
            }
            Entry::Item { text, trailing, .. } => {
                push_indent(out, indent);
                out.push_str(&text);
                if let Some(comment) = trailing {
                    out.push(' ');
                    out.push_str(&comment);
                }
            }
        }
        out.push('\n');
    }
}
