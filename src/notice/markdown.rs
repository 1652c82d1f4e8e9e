//! The notice as plain Markdown: a heading per section, a paragraph per sentence, a list where a
//! sentence leads one, and in a draft each gap in bold. Every text is escaped
//! ([`crate::escape::markdown_inline`], and a start that would make it a list or a code block), so
//! spec text cannot add structure to the notice.

use std::borrow::Cow;
use std::io::{self, Write};

use crate::i18n::Lang;
use crate::notice::chunked::Chunked;
use crate::notice::document::{Block, Notice, Section, Sink};
use crate::notice::verbatim::Verbatim;
use crate::ropa::markdown::escape_prose_item_into;

/// The whole notice as Markdown, ending in one newline.
pub fn render(notice: &Notice<'_>) -> String {
    crate::ropa::in_memory(|out| {
        let mut writer = Writer::new(out);
        writer.head_of(&notice.title, &notice.meta);
        for section in &notice.sections {
            writer.part(section, 2);
        }
        writer.finish()
    })
}

/// The notice as Markdown, written to `out` part by part as a [`Sink`]: the text is laid out in a
/// buffer that is handed on whenever it has grown, so that the notice is never held whole.
pub struct Writer<'w> {
    out: Chunked<'w>,
    verbatim: Verbatim,
}

impl<'w> Writer<'w> {
    pub fn new(out: &'w mut dyn Write) -> Writer<'w> {
        Writer {
            out: Chunked::new(out),
            verbatim: Verbatim::default(),
        }
    }

    /// Writes what is left, without the blank lines after the last part: the notice ends in one
    /// newline.
    pub fn finish(mut self) -> io::Result<()> {
        while self.out.text.ends_with("\n\n") {
            self.out.text.pop();
        }
        self.out.finish()
    }

    /// Hands on the text laid out so far but its final newlines, which [`Writer::finish`] may drop.
    fn flush_some(&mut self) {
        if self.out.is_full() {
            let keep = self.out.text.len() - self.out.text.trim_end_matches('\n').len();
            self.out.hand_on(self.out.text.len() - keep);
        }
    }

    fn head_of(&mut self, title: &str, meta: &[String]) {
        let out = &mut self.out.text;
        let verbatim = &mut self.verbatim;
        out.push_str("# ");
        line(out, verbatim, title);
        out.push_str("\n\n");
        for meta in meta {
            line(out, verbatim, meta);
            out.push_str("\n\n");
        }
    }

    fn part(&mut self, section: &Section, level: usize) {
        section_into(&mut self.out.text, &mut self.verbatim, section, level);
        self.flush_some();
    }
}

impl<'m> Sink<'m> for Writer<'_> {
    fn head(&mut self, _lang: Lang, title: String, meta: Vec<String>) {
        self.head_of(&title, &meta);
    }

    fn open(&mut self, heading: Cow<'m, str>, blocks: Vec<Block<'m>>, level: usize) {
        heading_into(&mut self.out.text, &heading, level);
        for block in &blocks {
            block_into(&mut self.out.text, &mut self.verbatim, block);
        }
        self.flush_some();
    }

    fn section(&mut self, section: Section<'m>, level: usize) {
        self.part(&section, level);
    }

    fn close(&mut self, _level: usize) {}
}

fn heading_into(out: &mut String, heading: &str, level: usize) {
    // Markdown has six levels; the notice uses four (title, audience, unit, activity).
    for _ in 0..level.min(6) {
        out.push('#');
    }
    out.push(' ');
    // Escaped each time: a heading (an activity's label) is said once, not worth keeping.
    escape_prose_item_into(out, without_leading_blanks(heading));
    out.push_str("\n\n");
}

fn section_into(out: &mut String, verbatim: &mut Verbatim, section: &Section, level: usize) {
    heading_into(out, &section.heading, level);
    for block in &section.blocks {
        block_into(out, verbatim, block);
    }
    for sub in &section.subsections {
        section_into(out, verbatim, sub, level + 1);
    }
}

fn block_into(out: &mut String, verbatim: &mut Verbatim, block: &Block) {
    if block.is_gap() {
        out.push_str("**");
        line(out, verbatim, &block.text);
        out.push_str("**\n\n");
        return;
    }
    line(out, verbatim, &block.text);
    out.push_str("\n\n");
    if block.items.is_empty() {
        return;
    }
    for item in &block.items {
        out.push_str("- ");
        line(out, verbatim, item);
        out.push('\n');
    }
    out.push('\n');
}

/// One line of text: escaped, and without leading blanks (four would start a code block).
fn line(out: &mut String, verbatim: &mut Verbatim, text: &str) {
    verbatim.write(out, without_leading_blanks(text), escape_prose_item_into);
}

fn without_leading_blanks(text: &str) -> &str {
    // Nearly every line starts with a letter: then there is nothing to trim.
    match text.as_bytes().first() {
        Some(b) if b.is_ascii_graphic() => text,
        _ => text.trim_start(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::notice::elements::Element;

    fn notice(sections: Vec<Section<'_>>) -> Notice<'_> {
        Notice {
            lang: Lang::Da,
            title: "Titel".into(),
            meta: vec!["Version 1".into()],
            sections,
        }
    }

    #[test]
    fn sections_sentences_lists_and_gaps() {
        let mut section = Section::new("Dataansvarlig");
        section
            .blocks
            .push(Block::sentence(None, None, "Vi er her."));
        section.blocks.push(Block::list(
            Element::Source,
            None,
            "Vi får oplysningerne fra:",
            vec!["CPR".into(), "dig".into()],
        ));
        let mut sub = Section::new("Børn");
        sub.blocks.push(Block {
            kind: crate::notice::document::BlockKind::Gap,
            ..Block::sentence(Some(Element::Retention), None, "[Mangler: x]")
        });
        section.subsections.push(sub);
        assert_eq!(
            render(&notice(vec![section])),
            "# Titel\n\nVersion 1\n\n## Dataansvarlig\n\nVi er her.\n\nVi får oplysningerne fra:\n\n- CPR\n- dig\n\n### Børn\n\n**\\[Mangler: x\\]**\n"
        );
    }

    /// Spec text that would be a heading, a list, a rule, a code block, a link or HTML stays text.
    #[test]
    fn spec_text_adds_no_structure() {
        let hostile = [
            "# heading",
            "- item",
            "1. first",
            "---",
            "    code",
            "[link](https://x)",
            "<script>x</script>",
            "a\n\n# b",
        ];
        let mut section = Section::new("## not a heading\n# h");
        for text in hostile {
            section
                .blocks
                .push(Block::list(Element::Source, None, text, vec![text.into()]));
        }
        let md = render(&notice(vec![section]));
        let structural: Vec<&str> = md
            .lines()
            .filter(|l| {
                l.starts_with('#')
                    || l.starts_with("    ")
                    || l.starts_with("---")
                    || l.replace(r"\<", "").contains('<')
            })
            .collect();
        assert_eq!(structural, ["# Titel", r"## \#\# not a heading \# h"]);
        assert!(
            md.lines()
                .all(|l| !l.starts_with("1.") && !l.starts_with("- -"))
        );
        assert!(md.contains(r"\[link\](https://x)"));
    }
}
