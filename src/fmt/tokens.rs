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
        let start = skip_space(self.text, self.i, &mut self.breaks);
        if start >= self.text.len() {
            self.i = start;
            return None;
        }
        let (kind, end, next) = token_at(self.text, start);
        self.i = next;
        let breaks_before = std::mem::take(&mut self.breaks);
        Some(Token {
            kind,
            text: &self.text[start..end],
            breaks_before,
        })
    }
}

/// Where the white space from `i` ends (the text's length if it runs to the end), the line breaks in
/// it added to `breaks`.
#[inline(always)]
fn skip_space(text: &str, mut i: usize, breaks: &mut usize) -> usize {
    let bytes = text.as_bytes();
    while i < bytes.len() {
        match BYTE_CLASS[bytes[i] as usize] {
            NEWLINE => *breaks += 1,
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
    i
}

/// The token that starts at `start` (not white space, not the end): its kind, where its text ends,
/// and where the lexer goes on.
#[inline(always)]
fn token_at(text: &str, start: usize) -> (Kind, usize, usize) {
    let bytes = text.as_bytes();
    let b = bytes[start];
    let mut i = start;
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
        i = word_end(text, i);
        Kind::Word
    };
    let token = &text[start..i];
    // A comment, or a quoted text left open (in the words of an unknown statement), ends where
    // the line's white space begins.
    let end = if kind == Kind::Comment
        || (kind == Kind::Text && (token.len() < 2 || !token.ends_with('"')))
    {
        start + token.trim_end().len()
    } else {
        i
    };
    (kind, end, i)
}

/// Where the word that goes on at `i` ends (`i` itself when the byte there cannot go on a word).
#[inline(always)]
fn word_end(text: &str, mut i: usize) -> usize {
    let bytes = text.as_bytes();
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
    i
}

/// Whether the two texts hold the same tokens and comments, white space aside: the tokens [`Lexer`]
/// gives, compared in one pass without making them. From a token on, bytes alike in both up to a
/// line break (the rest of a line whose padding was all that changed) are passed at once; a word
/// of plain bytes is compared as it is read; any other token is found as the lexer finds it and
/// compared whole.
pub fn same_tokens(a: &str, b: &str) -> bool {
    let (ab, bb) = (a.as_bytes(), b.as_bytes());
    let (mut i, mut j) = (0, 0);
    // Where in `a` the last look for bytes alike stopped.
    let mut looked_to = 0;
    loop {
        let mut breaks = 0;
        i = skip_space(a, i, &mut breaks);
        j = skip_space(b, j, &mut breaks);
        // Both texts are at the start of a token, where the lexer starts afresh; no token holds a
        // line break, and the lexer looks at most one byte ahead, up to the line break. So bytes
        // alike in both from here to a line break, white space included, hold the same tokens.
        // Looked for only past where the last look stopped, so that each byte is looked at once
        // (linear, even for a spec on one line).
        if i >= looked_to {
            let alike = common_prefix(&ab[i..], &bb[j..]);
            if let Some(last) = memchr::memrchr(b'\n', &ab[i..i + alike]) {
                i += last + 1;
                j += last + 1;
                continue;
            }
            looked_to = i + alike.max(1);
        }
        match (i < ab.len(), j < bb.len()) {
            (false, false) => return true,
            (true, true) => {}
            _ => return false,
        }
        // Tokens are never empty, so two that start differently differ.
        if ab[i] != bb[j] {
            return false;
        }
        if BYTE_CLASS[ab[i] as usize] == PLAIN {
            let (mut x, mut y) = (i + 1, j + 1);
            while x < ab.len()
                && y < bb.len()
                && ab[x] == bb[y]
                && BYTE_CLASS[ab[x] as usize] == PLAIN
            {
                x += 1;
                y += 1;
            }
            // Equal so far; the same word if it ends here in both.
            if word_end(a, x) == x && word_end(b, y) == y {
                i = x;
                j = y;
                continue;
            }
        }
        let (_, end_a, next_a) = token_at(a, i);
        let (_, end_b, next_b) = token_at(b, j);
        if ab[i..end_a] != bb[j..end_b] {
            return false;
        }
        i = next_a;
        j = next_b;
    }
}

/// How many bytes `a` and `b` have alike at their start, compared sixteen at a time.
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    let whole = a
        .chunks_exact(16)
        .zip(b.chunks_exact(16))
        .take_while(|(x, y)| x == y)
        .count()
        * 16;
    whole
        + a[whole..]
            .iter()
            .zip(&b[whole..])
            .take_while(|(x, y)| x == y)
            .count()
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

    /// The comparison as it was: both texts lexed, their tokens compared.
    fn same_by_lexing(a: &str, b: &str) -> bool {
        let words = |text| Lexer::new(text).map(|t| (t.kind, t.text));
        words(a).eq(words(b))
    }

    const SPEC: &str = "// head\nactivity x \"X æ\" { // brace\n  purpose  \"p \\\" q\"\n  data     a, b/c\n  basis    gdpr 6(1)(e) // end\u{a0}\n  note     \"open\n}\n";

    #[test]
    fn white_space_alone_may_change() {
        let respaced = "   // head\r\n\nactivity   x\t\"X æ\"{// brace\n purpose \"p \\\" q\" data a,b/c\n\n basis gdpr 6 ( 1 ) ( e )\u{a0}// end\n note \"open   \n}";
        assert!(same_tokens(SPEC, respaced));
        assert!(same_tokens(respaced, SPEC));
        assert!(same_by_lexing(SPEC, respaced));
    }

    #[test]
    fn any_change_to_a_token_is_caught() {
        for (what, changed) in [
            ("a changed word", SPEC.replace("purpose", "purpase")),
            ("a dropped comment", SPEC.replace(" // end", "")),
            ("a merged token", SPEC.replace("activity x", "activityx")),
            ("merged punctuation", SPEC.replace("a, b", "a,, b")),
            (
                "a change inside a string",
                SPEC.replace("\"p \\\" q\"", "\"p  \\\" q\""),
            ),
            ("a word split", SPEC.replace("purpose", "pur pose")),
            ("a comment's words", SPEC.replace("// brace", "//  brace")),
            (
                "a comment that took the next line",
                SPEC.replace("// head\n", "// head "),
            ),
            ("a word cut short", SPEC.replace("b/c", "b/")),
            (
                "a word's last letter",
                SPEC.replace("data     a", "data     ab"),
            ),
            ("a token more at the end", format!("{SPEC}x")),
            ("a token less at the end", SPEC.replace("\n}\n", "\n")),
        ] {
            assert!(!same_by_lexing(SPEC, &changed), "{what}: the lexer sees it");
            assert!(!same_tokens(SPEC, &changed), "{what}");
            assert!(!same_tokens(&changed, SPEC), "{what}, the other way");
        }
    }

    /// The rest of a line alike in both texts, after its first tokens were spaced differently, is
    /// passed at once; a change on a later line, or at the end of a long single line, is still
    /// caught.
    #[test]
    fn lines_alike_after_their_padding_are_passed_and_changes_after_them_caught() {
        let laid = "  purpose  \"p\" // c\n  data     a, b\n";
        let written = "  purpose \"p\" // c\n  data a, b\n";
        assert!(same_tokens(laid, written) && same_tokens(written, laid));
        let changed = "  purpose \"p\" // c\n  data a, c\n";
        assert!(!same_tokens(laid, changed) && !same_tokens(changed, laid));
        let line: String = (0..2000).map(|n| format!("w{n} ")).collect();
        let respaced = line.replacen("w0 ", "w0  ", 1);
        assert!(same_tokens(&line, &respaced));
        let last_changed = format!("{}x", respaced.trim_end());
        assert!(!same_tokens(&line, &last_changed));
        assert!(!same_by_lexing(&line, &last_changed));
    }

    /// Every text made by inserting or removing one byte of white space, or changing one byte, in
    /// a small spec: the one-pass comparison says what comparing the lexer's tokens says.
    #[test]
    fn the_one_pass_comparison_agrees_with_the_lexer() {
        let texts = [
            SPEC,
            "a b/c //x\n\"s\\\"\" d",
            "x// y\n/ /z \"\\",
            "é\u{a0}f(g)",
        ];
        let mut compared = 0;
        for text in texts {
            for at in (0..=text.len()).filter(|&at| text.is_char_boundary(at)) {
                let mut variants = Vec::new();
                for insert in [" ", "\n", "a", "/", "\"", "\u{a0}"] {
                    variants.push(format!("{}{insert}{}", &text[..at], &text[at..]));
                }
                if let Some(c) = text[at..].chars().next() {
                    let rest = &text[at + c.len_utf8()..];
                    variants.push(format!("{}{rest}", &text[..at]));
                    variants.push(format!("{} {rest}", &text[..at]));
                }
                for variant in &variants {
                    assert_eq!(
                        same_tokens(text, variant),
                        same_by_lexing(text, variant),
                        "{text:?} against {variant:?}"
                    );
                    assert_eq!(same_tokens(variant, text), same_by_lexing(variant, text));
                    compared += 1;
                }
            }
        }
        assert!(compared > 500);
    }
}
