//! `file://` URIs ↔ paths. lsp-types' `Uri` parses and prints a URI but knows no paths; the few
//! lines of percent-coding are here rather than a crate.

use std::path::{Path, PathBuf};

use lsp_types::Uri;

/// The path a `file://` URI names; `None` for any other scheme, a URI with a host, or a path that
/// is not UTF-8 (editors send UTF-8).
pub fn to_path(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    // `file:///p` (no host) or `file://localhost/p`.
    let rest = rest.strip_prefix("localhost").unwrap_or(rest);
    if !rest.starts_with('/') {
        return None;
    }
    let rest = rest.split(['?', '#']).next().unwrap_or(rest);
    let bytes = decode(rest)?;
    String::from_utf8(bytes).ok().map(PathBuf::from)
}

/// The `file://` URI of an absolute path, every byte but the unreserved ones and `/` percent-coded.
pub fn from_path(path: &Path) -> Uri {
    let mut uri = String::from("file://");
    for &b in path.to_string_lossy().as_bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            uri.push(b as char);
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri.parse()
        .expect("a file URI of unreserved characters and percent-codes parses")
}

/// Percent-decoding; `None` for a `%` not followed by two hex digits.
fn decode(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_with_spaces_and_danish_letters_round_trip() {
        let path = Path::new("/tmp/kommune spec/behandlingsaktiviteter æøå 😀.hjemmel");
        let uri = from_path(path);
        assert!(uri.as_str().starts_with("file:///tmp/kommune%20spec/"));
        assert_eq!(to_path(&uri).as_deref(), Some(path));
    }

    #[test]
    fn editors_spellings_are_read() {
        let parse = |s: &str| to_path(&s.parse::<Uri>().unwrap());
        assert_eq!(
            parse("file:///a/%C3%A6.hjemmel"),
            Some(PathBuf::from("/a/æ.hjemmel"))
        );
        assert_eq!(parse("file://localhost/a/b"), Some(PathBuf::from("/a/b")));
        assert_eq!(parse("untitled:Untitled-1"), None);
    }
}
