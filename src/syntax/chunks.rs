//! Splits a file into its top-level declarations before pest sees it.
//!
//! pest builds a token queue for the whole input it is given; for a spec of 100,000 activities that
//! queue alone takes most of a gigabyte. Parsing one declaration at a time keeps the queue small and
//! in cache. A declaration starts with a top-level keyword at brace depth 0, outside strings and
//! comments: at the start of a line, or after the end of the declaration before it on the same line
//! (see [`Header`]), so a spec written on one line is cut as finely as one with its lines. Whatever
//! stands between two such keywords is one chunk, so a malformed declaration is still reported by
//! pest, at its own words.

use memchr::memchr;

use super::DECLARATIONS;
#[cfg(target_arch = "x86_64")]
use super::scan::Avx2;
use super::scan::{Finder, Portable};

/// Blocks nest at most this deep (a sub-processor of a sub-processor of ...). pest recurses once per
/// level, so the bound keeps a hostile or broken file from exhausting the stack; real chains are a
/// handful of levels deep.
pub const MAX_DEPTH: i64 = 64;

/// A `{` nested deeper than [`MAX_DEPTH`], at this byte offset.
#[derive(Debug, PartialEq, Eq)]
pub struct TooDeep(pub usize);

/// Byte ranges `start..end` covering the whole text, one per top-level declaration (the first also
/// holds any leading comments).
pub fn split(text: &str) -> Result<Vec<std::ops::Range<usize>>, TooDeep> {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the processor has AVX2, checked just above.
        return unsafe { split_avx2(text) };
    }
    split_with::<Portable>(text)
}

/// [`split`] compiled for AVX2: its scans through blocks and quoted texts, which pass over most
/// of a spec, take 32 bytes at a time instead of 16.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn split_avx2(text: &str) -> Result<Vec<std::ops::Range<usize>>, TooDeep> {
    split_with::<Avx2>(text)
}

/// [`split`], with the scans of `F`.
#[inline(always)]
fn split_with<F: Finder>(text: &str) -> Result<Vec<std::ops::Range<usize>>, TooDeep> {
    let bytes = text.as_bytes();
    let mut starts = vec![0];
    let mut depth: i64 = 0;
    let mut i = 0;
    let mut line_start = true;
    let mut header = Header::default();
    while i < bytes.len() {
        if depth > 0 {
            // Inside a block only quotes, braces and comments matter (a declaration starts at depth
            // 0, and `}` clears `line_start`): jump to the next of them.
            i = F::find_any(bytes, i, [b'"', b'{', b'}', b'/']).unwrap_or(bytes.len());
            if i == bytes.len() {
                break;
            }
        }
        let b = bytes[i];
        match b {
            b'\n' => {
                line_start = true;
                i += 1;
                continue;
            }
            b' ' | b'\t' | b'\r' => {
                i += 1;
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |at| i + at);
                continue;
            }
            b'"' => {
                i += 1;
                // To the closing quote or the end of the line; a backslash hides the byte after it.
                while i < bytes.len() {
                    match F::find_any(bytes, i, [b'"', b'\\', b'\n']).map(|at| at - i) {
                        Some(at) if bytes[i + at] == b'\\' => i += at + 2,
                        Some(at) => {
                            i += at;
                            break;
                        }
                        None => i = bytes.len(),
                    }
                }
                i += 1;
                if depth <= 0 {
                    header.word();
                }
            }
            b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(TooDeep(i));
                }
                i += 1;
            }
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    header.closed = true;
                }
                i += 1;
            }
            b'(' | b')' if depth <= 0 => {
                header.parens = header.parens.saturating_add(if b == b'(' { 1 } else { -1 });
                i += 1;
            }
            _ if depth <= 0 => {
                // A word, taken whole: a keyword counts only at its start.
                let end = i
                    + 1
                    + bytes[i + 1..]
                        .iter()
                        .position(|&c| ENDS_WORD[c as usize])
                        .unwrap_or(bytes.len() - i - 1);
                if (line_start || header.complete()) && starts_declaration(&bytes[i..end]) {
                    if i > 0 && *starts.last().unwrap() != i {
                        starts.push(i);
                    }
                    depth = 0;
                    header = Header::default();
                }
                header.word();
                i = end;
            }
            _ => i += 1,
        }
        line_start = false;
    }
    let mut ranges: Vec<_> = starts.windows(2).map(|w| w[0]..w[1]).collect();
    ranges.push(*starts.last().unwrap()..bytes.len());
    Ok(ranges)
}

/// How far the declaration being read has come, from what stands at brace depth 0: enough to tell
/// whether a keyword after it on the same line starts the next one or is a word of this one
/// (`data data "D" ordinary` names a category `data`; `recipient r "R" source` is of kind `source`).
/// Every declaration is `keyword name "title"`, then a kind (subjects, data, source, recipient; a
/// data class may be `special(...)`), then a block, which the others must have.
#[derive(Default)]
struct Header {
    /// Words and strings at depth 0 since the keyword, the keyword included (saturating).
    words: u8,
    /// Open parentheses at depth 0 (`special(health, ...)`).
    parens: i32,
    /// A block of the declaration has been closed.
    closed: bool,
}

impl Header {
    fn word(&mut self) {
        self.words = self.words.saturating_add(1);
    }

    /// Whether the declaration can end here: its block is closed, or keyword, name, title and kind
    /// are read and no parenthesis is open.
    fn complete(&self) -> bool {
        self.closed || (self.words >= 4 && self.parens <= 0)
    }
}

/// The bytes that end a word at depth 0 (`/` for a comment; a lone `/` is a word of its own).
const ENDS_WORD: [bool; 256] = {
    let mut ends = [false; 256];
    let mut delimiters = b" \t\r\n\"{}()/".as_slice();
    while let [first, rest @ ..] = delimiters {
        ends[*first as usize] = true;
        delimiters = rest;
    }
    ends
};

fn starts_declaration(word: &[u8]) -> bool {
    DECLARATIONS.iter().map(|k| k.as_bytes()).any(|k| {
        word.starts_with(k)
            && word
                .get(k.len())
                .is_none_or(|c| !(c.is_ascii_alphanumeric() || *c == b'_' || *c >= 0x80))
    })
}

#[cfg(test)]
mod tests {
    use super::split;
    use crate::syntax::parser::parse_file;
    use crate::syntax::span::FileId;

    fn pieces(text: &str) -> Vec<&str> {
        split(text).unwrap().into_iter().map(|r| &text[r]).collect()
    }

    /// The AVX2 build of `split` cuts every spec of the repository, and texts whose quotes,
    /// escapes, braces and comments fall on every position around the 16- and 32-byte scans,
    /// where the portable build does (and refuses the same nesting).
    #[cfg(target_arch = "x86_64")]
    #[test]
    fn the_avx2_split_cuts_where_the_portable_one_does() {
        use super::{Portable, split_avx2, split_with};
        if !std::arch::is_x86_feature_detected!("avx2") {
            return;
        }
        let mut texts = Vec::new();
        let mut dirs = vec![std::path::PathBuf::from("specs"), "tests/fixtures".into()];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "hjemmel") {
                    // Some fixtures are not UTF-8 on purpose; `split` takes only text.
                    if let Ok(text) = std::fs::read_to_string(&path) {
                        texts.push(text);
                    }
                }
            }
        }
        assert!(texts.len() > 50, "the specs of the repository are read");
        let pieces = [
            "\"x\\\"y\"",
            "{ data a }",
            "// c { \" }\n",
            "\"open\n",
            "}",
            "{",
            "activity a \"A\" ",
        ];
        for pad in 0..70 {
            for (i, first) in pieces.iter().enumerate() {
                for second in &pieces[i..] {
                    let filler = "v".repeat(pad);
                    texts.push(format!(
                        "data d \"D\" ordinary\nactivity a \"{filler}\" {{ {first}{filler}{second} }}\n{first}"
                    ));
                }
            }
        }
        texts.push("processor p \"P\" ".to_string() + &"{ ".repeat(100));
        for text in &texts {
            // SAFETY: the processor has AVX2, checked above.
            let wide = unsafe { split_avx2(text) };
            assert_eq!(wide, split_with::<Portable>(text), "{text:?}");
        }
    }

    #[test]
    fn splits_at_top_level_keywords_only() {
        let text = "// head\ndata a \"A\" ordinary\nactivity x \"X\" {\n  data a\n}\nrecipient r \"R\" police\n{ country DK }\n";
        assert_eq!(
            pieces(text),
            [
                "// head\n",
                "data a \"A\" ordinary\n",
                "activity x \"X\" {\n  data a\n}\n",
                "recipient r \"R\" police\n{ country DK }\n"
            ]
        );
    }

    #[test]
    fn ignores_keywords_in_strings_comments_and_longer_words() {
        let text = "data a \"x\n// data b\ndatabase \"data\" c\n";
        assert_eq!(pieces(text).len(), 1);
    }

    #[test]
    fn refuses_nesting_beyond_the_bound() {
        let deep = "processor p \"P\" ".to_string() + &"{ subprocessor s \"S\" ".repeat(100);
        let err = split(&deep).unwrap_err();
        assert_eq!(&deep[err.0..err.0 + 1], "{");
        assert!(split(&"{".repeat(64)).is_ok());
    }

    #[test]
    fn covers_the_whole_text() {
        for text in ["", "   ", "}}} data", "activity a \"A\" { data x"] {
            let ranges = split(text).unwrap();
            assert_eq!(ranges.first().unwrap().start, 0);
            assert_eq!(ranges.last().unwrap().end, text.len());
            assert!(ranges.windows(2).all(|w| w[0].end == w[1].start));
        }
    }

    #[test]
    fn splits_declarations_that_share_a_line() {
        let text = "data a \"A\" ordinary data b \"B\" special(health, religious_beliefs) \
                    activity x \"X\" { data a } recipient r \"R\" police { country DK } \
                    subjects s \"S\" citizens source o \"O\" registry";
        assert_eq!(
            pieces(text),
            [
                "data a \"A\" ordinary ",
                "data b \"B\" special(health, religious_beliefs) ",
                "activity x \"X\" { data a } ",
                "recipient r \"R\" police { country DK } ",
                "subjects s \"S\" citizens ",
                "source o \"O\" registry",
            ]
        );
    }

    #[test]
    fn a_keyword_in_a_declarations_own_words_does_not_split_it() {
        // A name, a kind or a class that is spelt like a keyword is still a word of its declaration.
        for text in [
            "data data \"D\" ordinary",
            "recipient r \"R\" source",
            "data d \"D\" special ( data , source )",
            "data d \"D\\\" data\" ordinary",
        ] {
            assert_eq!(pieces(text), [text]);
        }
        assert_eq!(
            pieces("recipient r \"R\" data activity a \"A\" { }"),
            ["recipient r \"R\" data ", "activity a \"A\" { }"]
        );
    }

    /// Every spec in the repository written on one line (comments dropped) is cut into one chunk
    /// per declaration, and each chunk parses to the declaration it starts with: the streaming
    /// parser then never falls back to parsing the whole file (src/semantic/stream.rs).
    #[test]
    fn a_spec_on_one_line_is_split_into_one_chunk_per_declaration() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut specs = Vec::new();
        let mut dirs = vec![root.join("specs"), root.join("examples")];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "hjemmel") {
                    specs.push(path);
                }
            }
        }
        assert!(specs.len() >= 10, "specs found: {specs:?}");
        for path in specs {
            let text = std::fs::read_to_string(&path).unwrap();
            let declarations = parse_file(FileId(0), &text).unwrap().declarations.len();
            let one_line = on_one_line(&text);
            let chunks = split(&one_line).unwrap();
            assert_eq!(chunks.len(), declarations, "{}", path.display());
            for chunk in chunks {
                let parsed = parse_file(FileId(0), &one_line[chunk.clone()]).unwrap();
                assert_eq!(
                    parsed.declarations.len(),
                    1,
                    "{}: {:?}",
                    path.display(),
                    chunk
                );
            }
        }
    }

    /// `text` with its comments dropped and its lines joined by spaces (a string never spans lines).
    fn on_one_line(text: &str) -> String {
        let mut lines = Vec::new();
        for line in text.lines() {
            let (mut in_string, mut escaped, mut end) = (false, false, line.len());
            for (at, c) in line.char_indices() {
                match c {
                    _ if escaped => escaped = false,
                    '\\' if in_string => escaped = true,
                    '"' => in_string = !in_string,
                    '/' if !in_string && line[at..].starts_with("//") => {
                        end = at;
                        break;
                    }
                    _ => {}
                }
            }
            lines.push(&line[..end]);
        }
        lines.join(" ").trim().to_string()
    }
}
