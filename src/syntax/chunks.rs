//! Splits a file into its top-level declarations before pest sees it.
//!
//! pest builds a token queue for the whole input it is given; for a spec of 100,000 activities that
//! queue alone takes most of a gigabyte. Parsing one declaration at a time keeps the queue small and
//! in cache. A declaration starts with a top-level keyword at brace depth 0, outside strings and
//! comments; whatever stands between two such keywords is one chunk, so a malformed declaration is still
//! reported by pest, at its own words.

use memchr::{memchr, memchr3};

use super::DECLARATIONS;

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
    let bytes = text.as_bytes();
    let mut starts = vec![0];
    let mut depth: i64 = 0;
    let mut i = 0;
    let mut line_start = true;
    while i < bytes.len() {
        if depth > 0 {
            // Inside a block only quotes, braces and comments matter (a declaration starts at depth
            // 0, and `}` clears `line_start`): jump to the next of them.
            let rest = &bytes[i..];
            let next = memchr3(b'"', b'{', b'}', rest).unwrap_or(rest.len());
            i += memchr(b'/', &rest[..next]).unwrap_or(next);
            if i == bytes.len() {
                break;
            }
        } else if !line_start {
            // Nothing but these bytes matters until the next line starts: skip the rest at once.
            while i < bytes.len() && !STOPS[bytes[i] as usize] {
                i += 1;
            }
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
                    match memchr3(b'"', b'\\', b'\n', &bytes[i..]) {
                        Some(at) if bytes[i + at] == b'\\' => i += at + 2,
                        Some(at) => {
                            i += at;
                            break;
                        }
                        None => i = bytes.len(),
                    }
                }
                i += 1;
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
                i += 1;
            }
            _ if depth <= 0 && line_start && starts_declaration(&bytes[i..]) => {
                if i > 0 && *starts.last().unwrap() != i {
                    starts.push(i);
                }
                depth = 0;
                i += 1;
            }
            _ => i += 1,
        }
        line_start = false;
    }
    let mut ranges: Vec<_> = starts.windows(2).map(|w| w[0]..w[1]).collect();
    ranges.push(*starts.last().unwrap()..bytes.len());
    Ok(ranges)
}

/// The bytes `split` acts on when not at the start of a line.
const STOPS: [bool; 256] = {
    let mut stops = [false; 256];
    stops[b'\n' as usize] = true;
    stops[b'/' as usize] = true;
    stops[b'"' as usize] = true;
    stops[b'{' as usize] = true;
    stops[b'}' as usize] = true;
    stops
};

fn starts_declaration(rest: &[u8]) -> bool {
    DECLARATIONS.iter().map(|k| k.as_bytes()).any(|k| {
        rest.starts_with(k)
            && rest
                .get(k.len())
                .is_none_or(|c| !(c.is_ascii_alphanumeric() || *c == b'_' || *c >= 0x80))
    })
}

#[cfg(test)]
mod tests {
    use super::split;

    fn pieces(text: &str) -> Vec<&str> {
        split(text).unwrap().into_iter().map(|r| &text[r]).collect()
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
}
