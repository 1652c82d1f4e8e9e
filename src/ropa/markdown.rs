//! `hjemmel ropa --format md`: the record as a Markdown document, one section per activity, each
//! field a bold heading followed by its values as a list.

use std::io::{self, Write};

use super::fields::{self, Field};
use super::{ControllerRecord, Entries, Record};
use crate::escape::markdown_inline_into as escape_into;
use crate::i18n::Lang;
use crate::tr;

/// The record as Markdown.
pub fn render(record: &Record) -> String {
    super::in_memory(|out| {
        write(
            record.lang,
            &record.controller,
            record.activities.iter(),
            out,
        )
    })
}

/// The Markdown of [`render`], written to `out` an activity at a time: the record of a large spec
/// (some 160 MB for 100,000 activities) is never held whole, nor are its activities' entries when
/// they come from [`super::Activities`].
pub fn write<'m>(
    lang: Lang,
    controller: &ControllerRecord,
    mut activities: impl Entries<'m>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let words = Words::new(lang);
    let mut page = Page::default();
    let text = &mut page.text;
    text.push_str("# ");
    text.push_str(&tr!(lang, fields::TITLE));
    text.push_str("\n\n## ");
    text.push_str(&tr!(lang, fields::CONTROLLER_SECTION));
    text.push_str("\n\n");
    for field in fields::controller_fields(controller, lang) {
        write_field(text, &field, &words);
    }
    text.push_str("## ");
    text.push_str(&tr!(lang, fields::ACTIVITIES_SECTION));
    text.push_str("\n\n");
    let mut any = false;
    while let Some(activity) = activities.next_entry() {
        any = true;
        let text = &mut page.text;
        text.push_str("### ");
        escape_into(text, &activity.label);
        text.push_str("\n\n");
        text.push_str(&words.name_in_spec);
        text.push_str(": `");
        text.push_str(activity.name);
        text.push_str("`\n\n");
        for field in fields::activity_fields(activity, lang) {
            write_field(text, &field, &words);
        }
        page.write_some(out)?;
    }
    if !any {
        page.text.push_str(&tr!(lang, fields::NO_ACTIVITIES));
        page.text.push_str("\n\n");
    }
    page.finish(out)
}

/// The words every activity repeats, worded once.
struct Words {
    lang: Lang,
    name_in_spec: String,
    not_stated: String,
}

impl Words {
    fn new(lang: Lang) -> Words {
        Words {
            lang,
            name_in_spec: tr!(lang, fields::NAME_IN_SPEC),
            not_stated: tr!(lang, fields::NOT_STATED),
        }
    }
}

/// The document's text not yet written out. Every block ends in a blank line, and the document in
/// one newline: the last newline is held back until more text follows.
#[derive(Default)]
struct Page {
    text: String,
    /// A newline held back from what was written.
    newline_owed: bool,
}

impl Page {
    /// Written out in pieces of this size at least, rather than an activity at a time.
    const PIECE: usize = 16 * 1024;

    fn write_some(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if self.text.len() >= Self::PIECE {
            self.write_held(out)?;
        }
        Ok(())
    }

    /// Writes the text but a last newline, which is owed to what follows.
    fn write_held(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if self.text.is_empty() {
            return Ok(());
        }
        if self.newline_owed {
            out.write_all(b"\n")?;
        }
        self.newline_owed = self.text.ends_with('\n');
        let shown = self.text.strip_suffix('\n').unwrap_or(&self.text);
        out.write_all(shown.as_bytes())?;
        self.text.clear();
        Ok(())
    }

    /// The rest, ending in one newline, not a blank line.
    fn finish(mut self, out: &mut dyn Write) -> io::Result<()> {
        while self.text.ends_with("\n\n") {
            self.text.pop();
        }
        // Nothing follows: a newline still owed was the document's last blank line.
        if self.text.is_empty() {
            return Ok(());
        }
        if self.newline_owed {
            out.write_all(b"\n")?;
        }
        out.write_all(self.text.as_bytes())
    }
}

fn write_field(out: &mut String, field: &Field, words: &Words) {
    out.push_str("**");
    escape_into(out, field.heading.get(words.lang));
    out.push_str("**\n\n");
    match &field.values {
        Some(values) => {
            for line in values {
                out.push_str("- ");
                escape_item_into(out, line);
                out.push('\n');
            }
        }
        // A missing field reads as a statement in italics, not as a value.
        None => {
            out.push_str("- *");
            escape_item_into(out, &words.not_stated);
            out.push_str("*\n");
        }
    }
    out.push('\n');
}

/// [`crate::escape::markdown_inline`], and a start that would make a list item a nested list (`- x`, `+ x`, `1. x`).
#[cfg(test)]
fn escape_item(text: &str) -> String {
    let mut out = String::new();
    escape_item_into(&mut out, text);
    out
}

/// [`escape_item`], appended to `out`. Escaping changes no digit, `-`, `+`, `.` or `)`, so the start
/// is judged on the text as written.
pub(crate) fn escape_item_into(out: &mut String, text: &str) {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if text.starts_with(['-', '+']) {
        out.push('\\');
        escape_into(out, text);
    } else if digits > 0 && text[digits..].starts_with(['.', ')']) {
        out.push_str(&text[..digits]);
        out.push('\\');
        escape_into(out, &text[digits..]);
    } else {
        escape_into(out, text);
    }
}

#[cfg(test)]
mod tests {
    use super::escape_item;
    use crate::escape::markdown_inline as escape;

    #[test]
    fn escapes_markup_but_not_plain_punctuation() {
        assert_eq!(
            escape("<b>*x*</b> & [y](z), 5.\n# @x"),
            r"\<b\>\*x\*\</b\> \& \[y\](z), 5. \# @&#8203;x"
        );
    }

    #[test]
    fn a_value_does_not_start_a_nested_list() {
        assert_eq!(escape_item("- x"), r"\- x");
        assert_eq!(escape_item("10. klasse"), r"10\. klasse");
        assert_eq!(escape_item("10 år"), "10 år");
    }
}
