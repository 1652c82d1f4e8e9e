//! The texts a notice writer has seen to need no escape, kept one per length, so that a text the
//! notice says again and again (a list's lead, a right, a basis of many activities) is compared
//! rather than escaped anew: at 10,000 activities a third of the notice's bytes are such repeats
//! (docs/performance.md, package notice5).

/// Texts longer than this are escaped each time (a few long ones only).
const LONGEST: usize = 1024;

/// The first text of each length that was written unchanged by its escape.
pub struct Verbatim {
    by_len: Vec<String>,
}

impl Default for Verbatim {
    fn default() -> Verbatim {
        Verbatim {
            by_len: vec![String::new(); LONGEST + 1],
        }
    }
}

impl Verbatim {
    /// Appends `text` escaped by `escape` to `out`. `escape` must depend on the text alone (not on
    /// what `out` holds), so that a text escaped to itself once is so each time.
    pub fn write(&mut self, out: &mut String, text: &str, escape: impl FnOnce(&mut String, &str)) {
        let Some(kept) = self.by_len.get_mut(text.len()) else {
            escape(out, text);
            return;
        };
        if !kept.is_empty() {
            // The last byte first: texts of one length that differ mostly differ at their end (a
            // purpose's "... i borgerservice"), and the call to compare them all costs more.
            if kept.as_bytes().last() == text.as_bytes().last() && kept == text {
                out.push_str(text);
            } else {
                escape(out, text);
            }
            return;
        }
        let start = out.len();
        escape(out, text);
        if &out[start..] == text {
            kept.clear();
            kept.push_str(text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn markdown(verbatim: &mut Verbatim, text: &str) -> String {
        let mut out = String::new();
        verbatim.write(&mut out, text, crate::escape::markdown_prose_into);
        out
    }

    /// A text kept is written as it is; one of the same length that needs escaping is escaped, and
    /// does not replace the one kept.
    #[test]
    fn a_repeated_text_is_written_as_its_escape_writes_it() {
        let mut verbatim = Verbatim::default();
        for text in ["We get the data from:", "We get the data from*", "# x", ""] {
            let escaped = crate::escape::markdown_inline(text);
            for _ in 0..3 {
                assert_eq!(markdown(&mut verbatim, text), escaped, "{text:?}");
            }
        }
        assert_eq!(
            markdown(&mut verbatim, "We get the data from:"),
            "We get the data from:"
        );
        assert_eq!(verbatim.by_len[21], "We get the data from:");
        let long = "a".repeat(LONGEST + 1) + "*";
        assert_eq!(
            markdown(&mut verbatim, &long),
            crate::escape::markdown_inline(&long)
        );
    }
}
