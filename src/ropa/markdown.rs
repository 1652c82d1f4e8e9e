//! `hjemmel ropa --format md`: the record as a Markdown document, one section per activity, each
//! field a bold heading followed by its values as a list.

use std::io::{self, Write};

use super::fields::{self, Field};
use super::{ControllerRecord, Entries, Record};
use crate::escape::markdown_inline_into as escape_into;
use crate::i18n::{Lang, Text};
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
    let mut words = Words::new(lang);
    let mut page = Page::default();
    let text = &mut page.text;
    text.push_str("# ");
    text.push_str(&tr!(lang, fields::TITLE));
    text.push_str("\n\n## ");
    text.push_str(&tr!(lang, fields::CONTROLLER_SECTION));
    text.push_str("\n\n");
    for field in fields::controller_fields(controller, lang) {
        write_field(text, &field, &mut words);
    }
    text.push_str("## ");
    text.push_str(&tr!(lang, fields::ACTIVITIES_SECTION));
    text.push_str("\n\n");
    let mut any = false;
    while let Some(activity) = activities.next_entry() {
        any = true;
        let text = &mut page.text;
        text.push_str("### ");
        escape_into(text, activity.label);
        text.push_str("\n\n");
        text.push_str(&words.name_in_spec);
        text.push_str(": `");
        text.push_str(activity.name);
        text.push_str("`\n\n");
        for field in fields::activity_fields(activity, lang) {
            write_field(text, &field, &mut words);
        }
        page.write_some(out)?;
    }
    if !any {
        page.text.push_str(&tr!(lang, fields::NO_ACTIVITIES));
        page.text.push_str("\n\n");
    }
    page.finish(out)
}

/// The words every activity repeats, worded and escaped once (not once per field of each of
/// 100,000 activities): each field's heading as the document writes it, and the item of a field
/// the spec does not give.
struct Words {
    lang: Lang,
    name_in_spec: String,
    /// `- *not stated*`, escaped, with its line end.
    not_stated: String,
    /// Each field's `**HEADING**` block, by its heading (a dozen or so, looked up by the addresses
    /// of its wordings: the same static texts in every section, in the same order).
    headings: Vec<(Text, String)>,
    /// Where the next field's heading is looked for first: after the last one.
    next: usize,
}

impl Words {
    fn new(lang: Lang) -> Words {
        let mut not_stated = String::from("- *");
        escape_item_into(&mut not_stated, &tr!(lang, fields::NOT_STATED));
        not_stated.push_str("*\n");
        Words {
            lang,
            name_in_spec: tr!(lang, fields::NAME_IN_SPEC),
            not_stated,
            headings: Vec::new(),
            next: 0,
        }
    }

    /// The field's heading block: `**HEADING**` and a blank line, escaped.
    fn heading(&mut self, heading: Text) -> &str {
        let same =
            |text: &Text| std::ptr::eq(text.en, heading.en) && std::ptr::eq(text.da, heading.da);
        let at = match self.headings.get(self.next) {
            Some((text, _)) if same(text) => self.next,
            _ => match self.headings.iter().position(|(text, _)| same(text)) {
                Some(at) => at,
                None => {
                    let mut block = String::from("**");
                    escape_into(&mut block, heading.get(self.lang));
                    block.push_str("**\n\n");
                    self.headings.push((heading, block));
                    self.headings.len() - 1
                }
            },
        };
        self.next = at + 1;
        &self.headings[at].1
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

fn write_field(out: &mut String, field: &Field, words: &mut Words) {
    out.push_str(words.heading(field.heading));
    match &field.values {
        Some(values) => {
            for line in values {
                out.push_str("- ");
                escape_item_into(out, line);
                out.push('\n');
            }
        }
        // A missing field reads as a statement in italics, not as a value.
        None => out.push_str(&words.not_stated),
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
    escape_item_with(out, text, escape_into)
}

/// [`escape_item_into`] for prose (the sentences of `hjemmel notice`):
/// [`crate::escape::markdown_prose_into`], the same escapes found a block at a time.
pub(crate) fn escape_prose_item_into(out: &mut String, text: &str) {
    escape_item_with(out, text, crate::escape::markdown_prose_into)
}

#[inline(always)]
fn escape_item_with(out: &mut String, text: &str, escape: fn(&mut String, &str)) {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if text.starts_with(['-', '+']) {
        out.push('\\');
        escape(out, text);
    } else if digits > 0 && text[digits..].starts_with(['.', ')']) {
        out.push_str(&text[..digits]);
        out.push('\\');
        escape(out, &text[digits..]);
    } else {
        escape(out, text);
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
