//! Text from outside hjemmel made safe for each output it is written to: one function per kind of
//! output, used by each renderer for every text it did not write itself.
//!
//! The lexer already rejects control and text-direction characters in a spec (`syntax::controls`),
//! but other text reaches the outputs too: file names and paths, values of hjemmel.toml (a waiver's
//! reason may hold `\u001b`), git's messages, and the spec's own words, which may still hold the
//! markup of the output they land in (`|`, `[`, `=`, `"`). Each output owns its rule (docs/security.md):
//!
//! - a terminal never receives a control or text-direction character: it is shown escaped
//!   (`\u{1b}`), as rustc and git show them;
//! - Markdown (a pull-request comment, the record of processing) gets no structure from the text: no
//!   table cell ends, no heading, list, link, image, HTML or @mention starts;
//! - a CSV cell never starts a spreadsheet formula (OWASP, "CSV Injection");
//! - DOT, Mermaid and SVG get quoted, entity-coded or XML-escaped text, without characters XML 1.0
//!   forbids.

use std::borrow::Cow;
use std::fmt::Write as _;

use crate::syntax::controls;

/// A character a reader's screen must not receive as it is: a control character other than LF and
/// TAB, or a text-direction embedding, override or isolate.
fn is_hidden(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || controls::is_bidi(c)
}

/// Whether `text` holds a character [`is_hidden`] selects. By bytes, decoding only where a character
/// that can be hidden starts: every cell of a large `ropa --format csv` passes through here.
fn has_hidden(text: &str) -> bool {
    has_char(text, hidden_start, is_hidden)
}

/// Whether `text` holds a character `hit` selects, found by bytes: `start` selects the first bytes
/// such a character can have, and only there is a character decoded.
#[inline(always)]
fn has_char(text: &str, start: impl Fn(u8) -> bool + Copy, hit: impl Fn(char) -> bool) -> bool {
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(found) = first_byte(&bytes[at..], start) {
        at += found;
        if text[at..].chars().next().is_some_and(&hit) {
            return true;
        }
        at += 1;
    }
    false
}

/// [`HIDDEN_START`] as arithmetic, so that a block of bytes is tested in a few vector instructions
/// (a table look-up per byte cannot be).
#[inline(always)]
fn hidden_start(b: u8) -> bool {
    (b < 0x20) & (b != b'\t') & (b != b'\n') | (b == 0x7f) | (b == 0xc2) | (b == 0xe2)
}

/// [`hidden_start`] with LF and TAB: the first bytes of what [`terminal_line`] escapes.
#[inline(always)]
fn line_break_or_hidden_start(b: u8) -> bool {
    (b < 0x20) | (b == 0x7f) | (b == 0xc2) | (b == 0xe2)
}

/// Bytes tested at once by [`first_byte`].
const SCAN_BLOCK: usize = 16;

/// The index of the first byte of `bytes` that `care` selects. Blocks of [`SCAN_BLOCK`] bytes are
/// tested whole (a `fold` with `|`, without an early exit, which the compiler turns into vector
/// instructions), so plain text costs a fraction of an instruction per byte; only the block that
/// holds a selected byte is looked at byte by byte. Every cell of `ropa --format csv` passes
/// through here.
#[inline(always)]
fn first_byte(bytes: &[u8], care: impl Fn(u8) -> bool + Copy) -> Option<usize> {
    let mut skipped = 0;
    for block in bytes.chunks_exact(SCAN_BLOCK) {
        if block.iter().fold(false, |any, &b| any | care(b)) {
            break;
        }
        skipped += SCAN_BLOCK;
    }
    bytes[skipped..]
        .iter()
        .position(|&b| care(b))
        .map(|i| skipped + i)
}

/// The first bytes of the characters [`is_hidden`] can select: ASCII control characters but LF and
/// TAB, DEL, and the first bytes of the C1 controls (0xc2) and the text-direction characters (0xe2).
const HIDDEN_START: [bool; 256] = {
    let mut start = [false; 256];
    let mut byte = 0;
    while byte < 0x20 {
        start[byte] = byte != b'\t' as usize && byte != b'\n' as usize;
        byte += 1;
    }
    start[0x7f] = true;
    start[0xc2] = true;
    start[0xe2] = true;
    start
};

/// Rewrites `text` with `each` for the characters `hit` selects; borrowed when there is none.
fn rewrite(
    text: &str,
    hit: impl Fn(char) -> bool,
    each: impl Fn(char, &mut String),
) -> Cow<'_, str> {
    if !text.chars().any(&hit) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if hit(c) {
            each(c, &mut out);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Text for a terminal: control and text-direction characters shown escaped (`\u{1b}`); line feeds
/// and tabs stay.
pub fn terminal(text: &str) -> Cow<'_, str> {
    if !has_hidden(text) {
        return Cow::Borrowed(text);
    }
    rewrite(text, is_hidden, |c, out| {
        out.push_str(&controls::escaped(c))
    })
}

/// One line of text for a terminal: [`terminal`], with line breaks and tabs shown escaped too
/// (`\n`), so that a text from outside (a reason in hjemmel.toml) cannot add lines that look like
/// hjemmel's own (`checked ...: no findings`).
pub fn terminal_line(text: &str) -> Cow<'_, str> {
    let hit = |c| is_hidden(c) || c == '\n' || c == '\t';
    // By bytes first: every cell of a large `ropa --format xlsx` passes through here.
    if !has_char(text, line_break_or_hidden_start, hit) {
        return Cow::Borrowed(text);
    }
    rewrite(text, hit, |c, out| match c {
        '\n' => out.push_str("\\n"),
        '\t' => out.push_str("\\t"),
        c => out.push_str(&controls::escaped(c)),
    })
}

/// A file's text for a snippet on a terminal: each byte of a character the lexer forbids becomes `?`,
/// so every byte offset into the text, and so every label, stays where it was. The CR of a CRLF
/// line end stays.
pub fn terminal_source(text: &str) -> Cow<'_, str> {
    if controls::first_forbidden(text).is_none() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for (at, c) in controls::all_forbidden(text) {
        out.push_str(&text[from..at]);
        out.extend(std::iter::repeat_n('?', c.len_utf8()));
        from = at + c.len_utf8();
    }
    out.push_str(&text[from..]);
    Cow::Owned(out)
}

/// Text inside a Markdown paragraph, heading, list item or table cell (CommonMark with GitHub's
/// extensions): the ASCII punctuation that can start or end markup is escaped with a backslash
/// (emphasis, code, links, images, `<...>` autolinks and HTML, headings, table cells,
/// strikethrough, math), `&` as well so no entity is read; `@` gets a zero-width space after it, so
/// `@name` mentions no one (GitHub links mentions after the Markdown is read, so a backslash would
/// not stop it); line breaks become spaces, control characters are shown escaped. A bare
/// `https://...` still becomes a link, which shows its own address, so it cannot disguise where it
/// leads. Where a line starts (a list marker, `1.`) is the caller's: the text is one line.
pub fn markdown_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    markdown_inline_into(&mut out, text);
    out
}

/// [`markdown_inline`], appended to `out`: a document written piece by piece (`hjemmel ropa --format
/// md`) escapes each text into its buffer without a `String` of its own. Runs of plain text are
/// copied whole; only the ASCII that needs care, and characters outside ASCII, are looked at one
/// by one.
pub fn markdown_inline_into(out: &mut String, text: &str) {
    // A table look-up per byte: in a record nearly every text holds a byte to escape (the `_` of
    // its names), so testing blocks first only costs more here.
    markdown_inline_with(out, text, |bytes| {
        bytes.iter().position(|&byte| MARKDOWN_CARE[byte as usize])
    })
}

/// [`markdown_inline_into`] for prose, long runs of text with little or nothing to escape (the
/// sentences of `hjemmel notice`): the table is read for eight bytes at once, without a branch
/// between them, and only the eight that hold a byte to escape are looked at one by one (at 10,000
/// activities 2.8 instructions per byte rather than 6; the arithmetic of [`first_byte`] with the
/// sixteen bytes of this table took 4).
pub fn markdown_prose_into(out: &mut String, text: &str) {
    markdown_inline_with(out, text, |bytes| {
        let (blocks, _) = bytes.as_chunks::<8>();
        let mut skipped = 0;
        for block in blocks {
            let any = block
                .iter()
                .fold(0u8, |any, &b| any | u8::from(MARKDOWN_CARE[b as usize]));
            if any != 0 {
                break;
            }
            skipped += 8;
        }
        bytes[skipped..]
            .iter()
            .position(|&byte| MARKDOWN_CARE[byte as usize])
            .map(|at| skipped + at)
    })
}

/// [`markdown_inline_into`] with `find` giving the first byte that needs care.
#[inline(always)]
fn markdown_inline_with(out: &mut String, text: &str, find: impl Fn(&[u8]) -> Option<usize>) {
    out.reserve(text.len());
    let bytes = text.as_bytes();
    let mut plain_from = 0;
    let mut at = 0;
    while let Some(skipped) = find(&bytes[at..]) {
        at += skipped;
        let byte = bytes[at];
        let replacement = match byte {
            // An `@` right after a letter or digit (`dpo@kommune.dk`) starts no mention, and an
            // e-mail address must stay one.
            b'@' if text[..at]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric) =>
            {
                None
            }
            b'@' => Some(Replacement::Text("@&#8203;")),
            b'\n' | b'\r' => Some(Replacement::Text(" ")),
            0..=0x1f | 0x7f => Some(Replacement::Escaped(byte as char)),
            0x80.. => text[at..]
                .chars()
                .next()
                .filter(|&c| is_hidden(c))
                .map(Replacement::Escaped),
            _ => Some(Replacement::Backslash),
        };
        let Some(replacement) = replacement else {
            at += 1;
            continue;
        };
        out.push_str(&text[plain_from..at]);
        match replacement {
            Replacement::Backslash => {
                out.push('\\');
                out.push(byte as char);
                at += 1;
            }
            Replacement::Text(text) => {
                out.push_str(text);
                at += 1;
            }
            Replacement::Escaped(c) => {
                out.push_str(&controls::escaped(c));
                at += c.len_utf8();
            }
        }
        plain_from = at;
    }
    out.push_str(&text[plain_from..]);
}

/// The bytes [`markdown_inline_into`] looks at: where a hidden character can start
/// ([`HIDDEN_START`]), line breaks, and the punctuation it escapes and `@`. All other bytes are
/// copied as they are.
const MARKDOWN_CARE: [bool; 256] = {
    let mut care = HIDDEN_START;
    care[b'\n' as usize] = true;
    let punctuation = b"\\`*_[]<>|#&~!$@";
    let mut i = 0;
    while i < punctuation.len() {
        care[punctuation[i] as usize] = true;
        i += 1;
    }
    care
};

/// What [`markdown_inline_into`] writes for a character that needs care.
enum Replacement {
    /// The character, after a backslash.
    Backslash,
    /// This text instead.
    Text(&'static str),
    /// The character shown escaped (`\u{1b}`).
    Escaped(char),
}

/// Text as a Markdown code span (`` `name` ``), for names and paths: a code span shows its text as
/// it is, so only what would end it is handled: the fence is longer than any run of backticks in the
/// text, line breaks become spaces, and `|` is written `\|`, which GitHub's tables require even in
/// code. Control characters are shown escaped.
pub fn markdown_code(text: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    // A space inside the fence when the text starts or ends with a backtick (CommonMark strips one).
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    let mut body = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '|' => body.push_str("\\|"),
            '\n' | '\r' => body.push(' '),
            c if is_hidden(c) => body.push_str(&controls::escaped(c)),
            c => body.push(c),
        }
    }
    format!("{fence}{pad}{body}{pad}{fence}")
}

/// A finding's message for Markdown: its `` `name` `` parts as code spans ([`markdown_code`]), the
/// rest as text ([`markdown_inline`]). Safe however the backticks fall, since each part is escaped
/// for what it becomes; with an odd number of backticks the whole message is text.
pub fn markdown_message(text: &str) -> String {
    let parts: Vec<&str> = text.split('`').collect();
    if parts.len().is_multiple_of(2) {
        return markdown_inline(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for (i, part) in parts.iter().enumerate() {
        if i % 2 == 1 {
            out.push_str(&markdown_code(part));
        } else {
            out.push_str(&markdown_inline(part));
        }
    }
    out
}

/// A CSV cell that a spreadsheet will not run as a formula (OWASP, "CSV Injection"): a cell starting
/// with `=`, `+`, `-`, `@`, TAB or CR gets a `'` in front, which spreadsheets read as "text" and do
/// not show. A plain number or telephone number (`+45 12 34 56 78`, `-3`) is left as it is: with
/// no letter, `|` or `!` in it, it can name no function, reference or command, so it is safe, and a
/// `'` in front of every telephone number would be read by other programs as part of it.
/// Control characters are shown escaped.
pub fn csv_cell(text: &str) -> Cow<'_, str> {
    let text = terminal(text);
    let starts_formula = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if !starts_formula || is_plain_number(&text) {
        return text;
    }
    Cow::Owned(format!("'{text}"))
}

/// A sign, then digits with spaces, dots, hyphens, slashes and parentheses between them: a number or
/// a telephone number, nothing a spreadsheet can run.
fn is_plain_number(text: &str) -> bool {
    let body = text.strip_prefix(['+', '-']).unwrap_or(text);
    body.starts_with(|c: char| c.is_ascii_digit() || c == '(')
        && body.chars().any(|c| c.is_ascii_digit())
        && body
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '.' | '-' | '/' | '(' | ')'))
}

/// Replaces what no graph output may hold (a control character other than LF, TAB and CR, or a
/// text-direction character) with U+FFFD, which shows that something was there.
fn graphic(c: char) -> bool {
    is_hidden(c) && c != '\r'
}

/// A DOT quoted string (Graphviz): `"` and `\` escaped (a backslash starts DOT's own escapes, such as
/// `\N`), `&` as `&amp;` (labels are read as HTML entities), line breaks as `\n` (centred lines),
/// CR dropped, other control and text-direction characters as U+FFFD.
pub fn dot_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    dot_text_into(&mut out, text);
    out.push('"');
    out
}

/// The inside of a [`dot_string`], appended to `out`, for a label written piece by piece.
pub fn dot_text_into(out: &mut String, text: &str) {
    escape_into(out, text, dot_plain, dot_char);
}

// Each output's rule is two functions: `*_char` writes a character as the output needs it,
// `*_plain` picks the ASCII bytes that `*_char` writes as they are, which are copied a run at a
// time.

fn dot_plain(b: u8) -> bool {
    matches!(b, b' '..=b'~') && !matches!(b, b'"' | b'\\' | b'&')
}

fn dot_char(c: char, out: &mut String) {
    match c {
        '"' => out.push_str("\\\""),
        '\\' => out.push_str("\\\\"),
        '&' => out.push_str("&amp;"),
        '\n' => out.push_str("\\n"),
        '\r' => {}
        c if graphic(c) => out.push('\u{FFFD}'),
        c => out.push(c),
    }
}

fn mermaid_plain(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b" .,:-_/'()?!+*=@".contains(&b)
}

fn mermaid_char(c: char, out: &mut String) {
    if c.is_alphanumeric() || " .,:-_/'()·§?!+*=@…".contains(c) {
        out.push(c);
    } else if c == '\n' || c == '\r' {
        out.push(' ');
    } else {
        let c = if graphic(c) { '\u{FFFD}' } else { c };
        let _ = write!(out, "#{};", c as u32);
    }
}

/// The first bytes of the characters [`xml_char`] changes: the markup characters, the ASCII
/// controls and DEL, and the first bytes of the C1 controls (0xc2), the text-direction characters
/// (0xe2) and U+FFFE and U+FFFF (0xef). Arithmetic, so that a block of bytes is tested in a few
/// vector instructions (most text of a large SVG needs no escape), and in as few tests as can be:
/// pairs of bytes one bit apart are one test, and a few bytes more are selected (TAB, LF and CR,
/// 0xff, which UTF-8 never holds) and found kept by [`xml_keeps`].
#[inline(always)]
const fn xml_start(b: u8) -> bool {
    (b < 0x20)
        | (b == b'"')
        | ((b & 0xfe) == b'&') // & '
        | ((b & 0xfd) == b'<') // < >
        | ((b & 0x7f) == 0x7f) // DEL, 0xff
        | ((b & 0xdf) == 0xc2) // 0xc2, 0xe2
        | (b == 0xef)
}

fn xml_char(c: char, out: &mut String) {
    match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '"' => out.push_str("&quot;"),
        '\'' => out.push_str("&#39;"),
        '\u{FFFE}' | '\u{FFFF}' => out.push('\u{FFFD}'),
        c if graphic(c) => out.push('\u{FFFD}'),
        c => out.push(c),
    }
}

/// Appends `text` to `out` by an output's rule (`plain`, `each`: see above).
fn escape_into(
    out: &mut String,
    text: &str,
    plain: impl Fn(u8) -> bool,
    each: impl Fn(char, &mut String),
) {
    let mut rest = text;
    while !rest.is_empty() {
        let run = rest.bytes().position(|b| !plain(b)).unwrap_or(rest.len());
        out.push_str(&rest[..run]);
        rest = &rest[run..];
        let mut chars = rest.chars();
        if let Some(c) = chars.next() {
            each(c, out);
            rest = chars.as_str();
        }
    }
}

/// Text inside a quoted Mermaid label: letters, digits, spaces and harmless punctuation as they are,
/// everything else as an entity code (`#60;` for `<`); line breaks as spaces; control and
/// text-direction characters as U+FFFD (Mermaid would decode their codes back into the character).
pub fn mermaid_label(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    mermaid_label_into(&mut out, text);
    out
}

/// [`mermaid_label`], appended to `out`.
pub fn mermaid_label_into(out: &mut String, text: &str) {
    escape_into(out, text, mermaid_plain, mermaid_char);
}

/// Text for a Mermaid `%%` comment, which ends at the end of the line: line breaks as spaces, control
/// and text-direction characters as U+FFFD.
pub fn mermaid_comment(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\n' | '\r' => ' ',
            c if graphic(c) => '\u{FFFD}',
            c => c,
        })
        .collect()
}

/// Text and attribute values in XML (SVG) and HTML (the report): markup characters as character
/// references (`&#39;` for the apostrophe, which both read); the characters XML 1.0 forbids (C0
/// controls but TAB, LF and CR; U+FFFE, U+FFFF) and the control and text-direction characters a
/// reader must not receive, as U+FFFD.
pub fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    xml_into(&mut out, text);
    out
}

/// [`xml`], appended to `out`.
pub fn xml_into(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    // Text before `copied` is in `out`; the scan goes on from `at`. A character that only shares
    // its first byte with one to change (an arrow, a middle dot, a letter) stays in the run.
    let mut copied = 0;
    let mut at = 0;
    while let Some(found) = xml_first(&bytes[at..]) {
        let start = at + found;
        // `xml_start` selects ASCII and first bytes only, so `start` begins a character.
        let Some(c) = text[start..].chars().next() else {
            break;
        };
        at = start + c.len_utf8();
        if xml_keeps(c) {
            continue;
        }
        out.push_str(&text[copied..start]);
        xml_char(c, out);
        copied = at;
    }
    out.push_str(&text[copied..]);
}

/// [`xml_start`] of every byte, for the bytes looked at one by one.
const XML_START: [bool; 256] = {
    let mut start = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        start[byte] = xml_start(byte as u8);
        byte += 1;
    }
    start
};

/// [`first_byte`] for [`xml_start`], with the last bytes (after the whole blocks) tested as one
/// more block, filled up with a byte it does not select: a node's text is a few dozen bytes, so
/// they were most of what was looked at, a byte at a time.
fn xml_first(bytes: &[u8]) -> Option<usize> {
    const FILL: u8 = b'a';
    let selected = |block: &[u8]| block.iter().fold(false, |any, &b| any | xml_start(b));
    let in_block = |block: &[u8]| block.iter().position(|&b| XML_START[b as usize]);
    let mut at = 0;
    for block in bytes.chunks_exact(SCAN_BLOCK) {
        if selected(block) {
            return in_block(block).map(|i| at + i);
        }
        at += SCAN_BLOCK;
    }
    let tail = &bytes[at..];
    let mut filled = [FILL; SCAN_BLOCK];
    filled[..tail.len()].copy_from_slice(tail);
    if selected(&filled) {
        in_block(tail).map(|i| at + i)
    } else {
        None
    }
}

/// Whether [`xml_char`] writes `c` as it is.
fn xml_keeps(c: char) -> bool {
    !matches!(c, '&' | '<' | '>' | '"' | '\'' | '\u{FFFE}' | '\u{FFFF}') && !graphic(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_block_test_selects_the_bytes_of_its_table() {
        for b in 0..=255u8 {
            assert_eq!(hidden_start(b), HIDDEN_START[b as usize], "{b:#x}");
        }
    }

    #[test]
    fn first_byte_finds_a_selected_byte_in_any_block() {
        // A selected byte at every place of texts longer than a few blocks, and none at all.
        for len in [0, 1, 15, 16, 17, 31, 32, 33, 70] {
            let plain = vec![b'a'; len];
            assert_eq!(first_byte(&plain, hidden_start), None);
            for at in 0..len {
                let mut text = plain.clone();
                text[at] = 0x1b;
                if at + 3 < len {
                    text[at + 3] = 0x7f;
                }
                assert_eq!(first_byte(&text, hidden_start), Some(at));
            }
        }
    }

    /// ESC, an OSC 8 hyperlink, BEL, a lone CR, a right-to-left override, DEL and a C1 control.
    const HOSTILE: &str =
        "a\u{1b}[2Jb\u{1b}]8;;http://x\u{7}c\u{1b}]8;;\u{7}\rd\u{202e}e\u{7f}f\u{9b}g";

    fn no_hidden(text: &str) -> bool {
        !text.chars().any(is_hidden)
    }

    #[test]
    fn terminal_shows_every_control_character_escaped() {
        let shown = terminal(HOSTILE);
        assert!(no_hidden(&shown), "{shown:?}");
        assert!(shown.starts_with("a\\u{1b}[2Jb\\u{1b}]8;;http://x\\u{07}c"));
        assert!(shown.contains("\\u{0d}d\\u{202e}e\\u{7f}f\\u{9b}g"));
        assert!(matches!(terminal("plain\ttext\n"), Cow::Borrowed(_)));
        assert_eq!(terminal_line("a\nb\tc\u{7}"), "a\\nb\\tc\\u{07}");
    }

    #[test]
    fn terminal_line_finds_each_escaped_character_at_any_place() {
        // Every character it escapes, in every block of texts longer than a few blocks; plain
        // text, non-ASCII text among it, borrowed.
        let escaped = [
            '\n', '\t', '\u{0}', '\u{1b}', '\r', '\u{7f}', '\u{85}', '\u{9f}', '\u{202a}',
            '\u{2069}',
        ];
        for len in [0, 1, 15, 16, 17, 40] {
            let plain = "aæ€".repeat(len);
            assert!(matches!(terminal_line(&plain), Cow::Borrowed(_)));
            for c in escaped {
                for at in (0..plain.len()).filter(|&at| plain.is_char_boundary(at)) {
                    let mut text = plain.clone();
                    text.insert(at, c);
                    let shown = terminal_line(&text);
                    assert!(
                        no_hidden(&shown) && !shown.contains(['\n', '\t']),
                        "{text:?}: {shown:?}"
                    );
                    assert_eq!(shown.len(), plain.len() + controls_width(c), "{text:?}");
                }
            }
        }
    }

    /// How long [`terminal_line`] writes `c`.
    fn controls_width(c: char) -> usize {
        match c {
            '\n' | '\t' => 2,
            c => controls::escaped(c).len(),
        }
    }

    #[test]
    fn terminal_source_keeps_every_offset() {
        let text = "x \"\u{1b}\u{202e}\" // \u{85}\r\ny\r";
        let shown = terminal_source(text);
        assert_eq!(shown.len(), text.len());
        assert_eq!(shown, "x \"????\" // ??\r\ny?");
        assert!(matches!(terminal_source("a\r\nb"), Cow::Borrowed(_)));
    }

    #[test]
    fn markdown_inline_leaves_no_markup() {
        let text = "x|y\n## h ![i](http://e) <b>[l](u)</b> `c` @someone *e* &amp;\u{1b} dpo@k.dk";
        assert_eq!(
            markdown_inline(text),
            "x\\|y \\#\\# h \\!\\[i\\](http://e) \\<b\\>\\[l\\](u)\\</b\\> \\`c\\` \
             @&#8203;someone \\*e\\* \\&amp;\\u{1b} dpo@k.dk"
        );
    }

    /// The character-by-character rule [`markdown_inline_into`] implements by runs of bytes.
    fn markdown_inline_by_chars(text: &str) -> String {
        let mut out = String::new();
        let mut after_word = false;
        for c in text.chars() {
            match c {
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '&' | '~' | '!'
                | '$' => {
                    out.push('\\');
                    out.push(c);
                }
                '@' if !after_word => out.push_str("@&#8203;"),
                '\n' | '\r' => out.push(' '),
                c if is_hidden(c) => out.push_str(&controls::escaped(c)),
                c => out.push(c),
            }
            after_word = c.is_alphanumeric();
        }
        out
    }

    #[test]
    fn escaping_by_runs_of_bytes_is_the_rule_by_characters() {
        let texts = [
            HOSTILE,
            "",
            "@start, æ@x, 1@2, .@y, ø@@z, \u{202e}@w",
            "Børn og unge: <b>sag</b> #1 | 50% ~ $5 & [l](u)!",
            "tab\there\r\nnext\u{85}line\u{2066}iso\u{2069} ok",
            "\u{9b}\u{1b}æøå\u{7f}",
            "§ 5 — “citat” ¶ \u{a0}\u{2028}\u{202a}x\u{2069}",
        ];
        for text in texts {
            let mut out = String::from("kept:");
            markdown_inline_into(&mut out, text);
            assert_eq!(
                out,
                format!("kept:{}", markdown_inline_by_chars(text)),
                "{text:?}"
            );
            assert_eq!(has_hidden(text), text.chars().any(is_hidden), "{text:?}");
        }
    }

    #[test]
    fn markdown_code_cannot_be_ended_from_inside() {
        assert_eq!(markdown_code("name"), "`name`");
        assert_eq!(markdown_code("a`b``c"), "```a`b``c```");
        assert_eq!(markdown_code("`x"), "`` `x ``");
        assert_eq!(markdown_code("p|q\nr"), "`p\\|q r`");
    }

    #[test]
    fn a_message_keeps_its_code_spans_and_nothing_else() {
        assert_eq!(
            markdown_message("no deadline for `løn` in `a|b` [x](y)"),
            "no deadline for `løn` in `a\\|b` \\[x\\](y)"
        );
        assert_eq!(markdown_message("odd ` tick <b>"), "odd \\` tick \\<b\\>");
    }

    #[test]
    fn csv_cells_start_no_formula_but_numbers_read_as_written() {
        assert_eq!(
            csv_cell("=HYPERLINK(\"http://x\")"),
            "'=HYPERLINK(\"http://x\")"
        );
        assert_eq!(csv_cell("+cmd|' /C calc'!A0"), "'+cmd|' /C calc'!A0");
        assert_eq!(csv_cell("-2+3+cmd|x"), "'-2+3+cmd|x");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("\tx"), "'\tx");
        assert_eq!(csv_cell("- first item"), "'- first item");
        assert_eq!(csv_cell("+45 12 34 56 78"), "+45 12 34 56 78");
        assert_eq!(csv_cell("+45 (0) 33 12-34-56"), "+45 (0) 33 12-34-56");
        assert_eq!(csv_cell("-3"), "-3");
        assert_eq!(csv_cell("Borgere i kommunen"), "Borgere i kommunen");
        assert_eq!(csv_cell("1+1"), "1+1");
    }

    #[test]
    fn graph_texts_hold_no_control_characters() {
        for shown in [dot_string(HOSTILE), mermaid_comment(HOSTILE), xml(HOSTILE)] {
            assert!(
                !shown.chars().any(|c| graphic(c) || c == '\u{1b}'),
                "{shown:?}"
            );
        }
        assert_eq!(
            dot_string("a \"b\" \\N & <c>\nd\r"),
            r#""a \"b\" \\N &amp; <c>\nd""#
        );
        // Mermaid decodes entity codes, so a control character must not come back as its code.
        let label = mermaid_label(HOSTILE);
        assert!(
            !label.contains("#27;") && !label.contains("#8238;"),
            "{label}"
        );
        assert!(label.contains("#65533;"));
        assert_eq!(
            xml("<s>\"a\" & 'b'\u{1}\u{ffff}</s>"),
            "&lt;s&gt;&quot;a&quot; &amp; &#39;b&#39;\u{FFFD}\u{FFFD}&lt;/s&gt;"
        );
    }

    /// The runs copied whole are exactly the characters each output keeps as they are.
    #[test]
    fn plain_runs_change_nothing() {
        type Rule = (fn(u8) -> bool, fn(char, &mut String));
        let rules: [Rule; 2] = [(dot_plain, dot_char), (mermaid_plain, mermaid_char)];
        for (plain, each) in rules {
            for b in (0u8..0x80).filter(|&b| plain(b)) {
                let mut one = String::new();
                each(char::from(b), &mut one);
                assert_eq!(one, char::from(b).to_string());
            }
            assert!(!(0x80..=0xff).any(plain), "only ASCII is copied as it is");
        }
    }

    /// XML copies whole the runs of characters whose first byte [`xml_start`] does not select:
    /// each of them, of every plane, is one [`xml_char`] writes as it is.
    #[test]
    fn xml_copies_only_what_it_keeps() {
        let mut changed = 0;
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let mut first = [0; 4];
            let selected = xml_start(c.encode_utf8(&mut first).as_bytes()[0]);
            let mut one = String::new();
            xml_char(c, &mut one);
            assert_eq!(xml_keeps(c), one == c.to_string(), "{c:?}");
            if one != c.to_string() {
                changed += 1;
                assert!(selected, "{c:?} is changed but copied");
            }
        }
        // The markup (5), the controls but TAB, LF and CR (29 + 1 + 32), the text-direction
        // characters (9) and U+FFFE, U+FFFF.
        assert_eq!(changed, 5 + 62 + 9 + 2);
    }

    #[test]
    fn xml_first_finds_the_first_selected_byte_anywhere() {
        assert!(!xml_start(b'a'), "the filling byte must not be selected");
        for len in [0, 1, 15, 16, 17, 31, 32, 33, 70] {
            let plain = vec![b'x'; len];
            assert_eq!(xml_first(&plain), None);
            for at in 0..len {
                for selected in [b'<', b'\r' - 1, 0xc2, 0xef, 0x7f] {
                    let mut text = plain.clone();
                    text[at] = selected;
                    if at + 3 < len {
                        text[at + 3] = b'&';
                    }
                    assert_eq!(xml_first(&text), Some(at), "{len} {at} {selected:#x}");
                }
            }
        }
        for b in 0..=255u8 {
            assert_eq!(XML_START[b as usize], xml_start(b));
        }
    }

    /// Every two of `pieces` after and between runs of plain letters of lengths around a 16-byte
    /// block's edges, so that each piece stands at every place of a block and across two.
    fn at_every_place_of_a_block(pieces: &[&str]) -> Vec<String> {
        let mut texts = Vec::new();
        for first in pieces {
            for second in pieces {
                for pad in [0, 5, 15, 16, 17, 40] {
                    texts.push(format!(
                        "{}{first}{}{second}",
                        "x".repeat(pad),
                        "y".repeat(pad)
                    ));
                }
            }
        }
        texts
    }

    /// XML is escaped the same wherever in a block the character to escape stands, and the same
    /// as character by character.
    #[test]
    fn xml_is_escaped_at_every_place_of_a_block() {
        let pieces = [
            "Kommunens egne medarbejdere",
            "&",
            "<b>",
            "\"a\" 'b'",
            "\u{202e}",
            "\u{85}",
            "\u{ffff}\u{fffe}\u{fffd}",
            "a\nb\r\t\u{1}\u{7f}",
            "æøå – ’ €",
            "𝄞",
        ];
        for text in at_every_place_of_a_block(&pieces) {
            let mut by_char = String::new();
            for c in text.chars() {
                xml_char(c, &mut by_char);
            }
            assert_eq!(xml(&text), by_char, "{text:?}");
        }
    }

    /// Prose is escaped as any other text, wherever in a block the byte to escape stands.
    #[test]
    fn prose_is_escaped_as_inline_text() {
        let pieces = [
            "Vi behandler dine oplysninger",
            "*",
            "dpo@kommune.dk",
            " @x",
            "§ 22, stk. 2",
            "\u{202e}",
            "\u{85}",
            "a\nb\r",
            "æøå",
            "[x](y) <b> | ~ ` _ # $ & ! \\",
        ];
        for text in at_every_place_of_a_block(&pieces) {
            let mut prose = String::new();
            markdown_prose_into(&mut prose, &text);
            assert_eq!(prose, markdown_inline(&text), "{text:?}");
        }
    }
}
