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
    let mut lexer = Lexer::new(text);
    let tokens = lexer.by_ref().collect();
    (tokens, lexer.breaks)
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

impl<'a> Iterator for Lexer<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        let text = self.text;
        let bytes = text.as_bytes();
        let mut i = self.i;
        while i < bytes.len() {
            let b = bytes[i];
            if b == b'\n' {
                self.breaks += 1;
                i += 1;
                continue;
            }
            if b.is_ascii_whitespace() {
                i += 1;
                continue;
            }
            if b >= 0x80 {
                // White space beyond ASCII (the grammar takes Unicode's White_Space, e.g. NBSP).
                let c = text[i..].chars().next().unwrap_or(' ');
                if c.is_whitespace() {
                    i += c.len_utf8();
                    continue;
                }
            }
            break;
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
            while i < bytes.len() && bytes[i] != b'"' && bytes[i] != b'\n' {
                i += if bytes[i] == b'\\' && i + 1 < bytes.len() && bytes[i + 1] != b'\n' {
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
                if b.is_ascii_whitespace()
                    || PUNCT.contains(&b)
                    || b == b'"'
                    || (b == b'/' && bytes.get(i + 1) == Some(&b'/'))
                {
                    break;
                }
                if b >= 0x80 {
                    let c = text[i..].chars().next().unwrap_or('a');
                    if c.is_whitespace() {
                        break;
                    }
                    i += c.len_utf8();
                } else {
                    i += 1;
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
