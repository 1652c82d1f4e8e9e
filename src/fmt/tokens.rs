//! The words of a stretch of spec text, comments included: what the formatter lays out. The parser
//! skips comments and white space; this lexer keeps every comment as a token and counts the line
//! breaks before each token, so that nothing the author wrote is lost between parsing and printing.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A name, keyword, number, date, rule code or provision number (`6` of `6(1)(e)`).
    Word,
    /// A quoted text, quotes and escapes as written.
    Text,
    /// `//` to the end of the line (a CR before the line break left out).
    Comment,
    /// One of `{ } , | ( )`.
    Punct,
}

/// One token: its text (borrowed from the spec) and the line breaks in the white space before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    pub kind: Kind,
    pub text: &'a str,
    pub breaks_before: usize,
}

impl Token<'_> {
    /// Whether this is the punctuation `c`.
    pub fn is(&self, c: &str) -> bool {
        self.kind == Kind::Punct && self.text == c
    }
}

const PUNCT: &[u8] = b"{},|()";

/// The tokens of `text` (a part of a spec that parsed, so every quoted text is closed; an unclosed one
/// ends at the line's end). The line breaks after the last token are returned too.
pub fn lex(text: &str) -> (Vec<Token<'_>>, usize) {
    let mut tokens = Vec::new();
    let breaks = lex_into(text, &mut tokens);
    (tokens, breaks)
}

/// [`lex`] into `tokens` (emptied first), so that one list serves many statements.
pub fn lex_into<'a>(text: &'a str, tokens: &mut Vec<Token<'a>>) -> usize {
    tokens.clear();
    let mut lexer = Lexer::new(text);
    tokens.extend(lexer.by_ref());
    lexer.breaks
}

/// The tokens of a text one at a time, so that a whole spec can be compared without holding them.
pub struct Lexer<'a> {
    text: &'a str,
    i: usize,
    /// Line breaks since the last token.
    breaks: usize,
}

impl<'a> Lexer<'a> {
    pub fn new(text: &'a str) -> Self {
        Lexer {
            text,
            i: 0,
            breaks: 0,
        }
    }
}

/// What a byte may be to the lexer: a byte of a word (0), or one that needs a look.
const PLAIN: u8 = 0;
const SPACE: u8 = 1;
const NEWLINE: u8 = 2;
const SPECIAL: u8 = 3;
const BYTE_CLASS: [u8; 256] = {
    let mut class = [PLAIN; 256];
    let mut b = 0;
    while b < 256 {
        class[b] = match b as u8 {
            b'\n' => NEWLINE,
            b' ' | b'\t' | b'\r' | 0x0C => SPACE,
            b'{' | b'}' | b',' | b'|' | b'(' | b')' | b'"' | b'/' => SPECIAL,
            0x80..=0xFF => SPECIAL,
            _ => PLAIN,
        };
        b += 1;
    }
    class
};

impl<'a> Iterator for Lexer<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        let text = self.text;
        let bytes = text.as_bytes();
        let mut i = self.i;
        while i < bytes.len() {
            match BYTE_CLASS[bytes[i] as usize] {
                NEWLINE => self.breaks += 1,
                SPACE => {}
                _ if bytes[i] >= 0x80 => {
                    // White space beyond ASCII (the grammar takes Unicode's White_Space, e.g. NBSP).
                    let c = text[i..].chars().next().unwrap_or(' ');
                    if !c.is_whitespace() {
                        break;
                    }
                    i += c.len_utf8();
                    continue;
                }
                _ => break,
            }
            i += 1;
        }
        if i >= bytes.len() {
            self.i = i;
            return None;
        }
        let b = bytes[i];
        let start = i;
        let kind = if b == b'/' && bytes.get(i + 1) == Some(&b'/') {
            i = memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |at| i + at);
            Kind::Comment
        } else if b == b'"' {
            i += 1;
            // Up to the closing quote or the line's end, an escaped character skipped.
            loop {
                let Some(at) = memchr::memchr3(b'"', b'\\', b'\n', &bytes[i..]) else {
                    i = bytes.len();
                    break;
                };
                i += at;
                if bytes[i] != b'\\' {
                    break;
                }
                i += if i + 1 < bytes.len() && bytes[i + 1] != b'\n' {
                    2
                } else {
                    1
                };
            }
            if i < bytes.len() && bytes[i] == b'"' {
                i += 1;
            }
            Kind::Text
        } else if PUNCT.contains(&b) {
            i += 1;
            Kind::Punct
        } else {
            while i < bytes.len() {
                let b = bytes[i];
                match BYTE_CLASS[b as usize] {
                    PLAIN => i += 1,
                    SPECIAL if b == b'/' && bytes.get(i + 1) != Some(&b'/') => i += 1,
                    SPECIAL if b >= 0x80 => {
                        let c = text[i..].chars().next().unwrap_or('a');
                        if c.is_whitespace() {
                            break;
                        }
                        i += c.len_utf8();
                    }
                    _ => break,
                }
            }
            Kind::Word
        };
        self.i = i;
        let mut token = &text[start..i];
        // A comment, or a quoted text left open (in the words of an unknown statement), ends where
        // the line's white space begins.
        if kind == Kind::Comment
            || (kind == Kind::Text && (token.len() < 2 || !token.ends_with('"')))
        {
            token = token.trim_end();
        }
        let breaks_before = std::mem::take(&mut self.breaks);
        Some(Token {
            kind,
            text: token,
            breaks_before,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(Kind, &str, usize)> {
        lex(text)
            .0
            .into_iter()
            .map(|t| (t.kind, t.text, t.breaks_before))
            .collect()
    }

    #[test]
    fn provisions_split_at_parentheses_and_texts_keep_escapes() {
        assert_eq!(
            kinds("basis gdpr 6(1)(e), law \"a \\\" b\""),
            vec![
                (Kind::Word, "basis", 0),
                (Kind::Word, "gdpr", 0),
                (Kind::Word, "6", 0),
                (Kind::Punct, "(", 0),
                (Kind::Word, "1", 0),
                (Kind::Punct, ")", 0),
                (Kind::Punct, "(", 0),
                (Kind::Word, "e", 0),
                (Kind::Punct, ")", 0),
                (Kind::Punct, ",", 0),
                (Kind::Word, "law", 0),
                (Kind::Text, "\"a \\\" b\"", 0),
            ]
        );
    }

    #[test]
    fn comments_are_tokens_and_line_breaks_are_counted() {
        assert_eq!(
            kinds("a // one\r\n\n\u{a0}b//two"),
            vec![
                (Kind::Word, "a", 0),
                (Kind::Comment, "// one", 0),
                (Kind::Word, "b", 2),
                (Kind::Comment, "//two", 0),
            ]
        );
    }
}
