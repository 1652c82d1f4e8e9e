//! Everything the report shows from the spec goes through [`escape`]: names, labels, purposes, file
//! names, messages. A spec is text anyone may write, and the report is opened by a lawyer's browser.

/// `text` as HTML text or attribute value: `&`, `<`, `>`, `"` and `'` become character references,
/// and control and text-direction characters (a file name may hold them) become U+FFFD, as in the
/// SVG drawing (`escape::xml`, which this is).
pub fn escape(text: &str) -> String {
    crate::escape::xml(text)
}

/// A message as the human format writes it, with names from the spec in backticks, as HTML: escaped,
/// and each pair of backticks made a `<code>` element. An unpaired backtick stays as it is.
pub fn message(text: &str) -> String {
    labelled(text, &|_| None)
}

/// Like [`message`], but a name in backticks that `label` knows (a declaration of the spec) is
/// written as its label in quotation marks: the reader sees "Børn og læring", not
/// `boern_og_laering`.
pub fn labelled(text: &str, label: &dyn Fn(&str) -> Option<String>) -> String {
    let escaped = escape(text);
    let mut out = String::with_capacity(escaped.len() + 32);
    let mut rest = escaped.as_str();
    while let Some(open) = rest.find('`') {
        let Some(close) = rest[open + 1..].find('`').map(|c| open + 1 + c) else {
            break;
        };
        out.push_str(&rest[..open]);
        let name = &rest[open + 1..close];
        match label(name) {
            Some(label) => {
                out.push_str("<q>");
                out.push_str(&escape(&label));
                out.push_str("</q>");
            }
            None => {
                out.push_str("<code>");
                out.push_str(name);
                out.push_str("</code>");
            }
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file name may hold them (a spec's text cannot): a right-to-left override would reorder what
    /// the lawyer reads, an ESC is noise.
    #[test]
    fn control_and_text_direction_characters_never_reach_the_page() {
        assert_eq!(escape("a\u{202e}b\u{1b}c"), "a\u{FFFD}b\u{FFFD}c");
    }

    #[test]
    fn escapes_the_five_characters_of_html() {
        assert_eq!(
            escape(r#"<script>alert("x" & 'y')</script>"#),
            "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;"
        );
        assert_eq!(escape("Børn og læring § 8"), "Børn og læring § 8");
    }

    #[test]
    fn backticks_become_code_after_escaping() {
        assert_eq!(
            message("`a<b>` is kept in `x` and ` alone"),
            "<code>a&lt;b&gt;</code> is kept in <code>x</code> and ` alone"
        );
    }
}
