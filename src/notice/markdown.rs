//! The notice as plain Markdown: a heading per section, a paragraph per sentence, a list where a
//! sentence leads one, and in a draft each gap in bold. Every text is escaped
//! ([`crate::escape::markdown_inline`], and a start that would make it a list or a code block), so
//! spec text cannot add structure to the notice.

use crate::notice::document::{Block, Notice, Section};
use crate::ropa::markdown::escape_item_into;

/// The whole notice as Markdown, ending in one newline.
pub fn render(notice: &Notice) -> String {
    let mut out = String::with_capacity(4096);
    out.push_str("# ");
    line(&mut out, &notice.title);
    out.push_str("\n\n");
    for meta in &notice.meta {
        line(&mut out, meta);
        out.push_str("\n\n");
    }
    for section in &notice.sections {
        section_into(&mut out, section, 2);
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

fn section_into(out: &mut String, section: &Section, level: usize) {
    // Markdown has six levels; the notice uses four (title, audience, unit, activity).
    for _ in 0..level.min(6) {
        out.push('#');
    }
    out.push(' ');
    line(out, &section.heading);
    out.push_str("\n\n");
    for block in &section.blocks {
        block_into(out, block);
    }
    for sub in &section.subsections {
        section_into(out, sub, level + 1);
    }
}

fn block_into(out: &mut String, block: &Block) {
    if block.is_gap() {
        out.push_str("**");
        line(out, &block.text);
        out.push_str("**\n\n");
        return;
    }
    line(out, &block.text);
    out.push_str("\n\n");
    if block.items.is_empty() {
        return;
    }
    for item in &block.items {
        out.push_str("- ");
        line(out, item);
        out.push('\n');
    }
    out.push('\n');
}

/// One line of text: escaped, and without leading blanks (four would start a code block).
fn line(out: &mut String, text: &str) {
    escape_item_into(out, text.trim_start());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::notice::elements::Element;

    fn notice(sections: Vec<Section>) -> Notice {
        Notice {
            lang: Lang::Da,
            title: "Titel".into(),
            meta: vec!["Version 1".into()],
            sections,
        }
    }

    #[test]
    fn sections_sentences_lists_and_gaps() {
        let mut section = Section::new("Dataansvarlig".into());
        section
            .blocks
            .push(Block::sentence(None, None, "Vi er her.".into()));
        section.blocks.push(Block::list(
            Element::Source,
            None,
            "Vi får oplysningerne fra:".into(),
            vec!["CPR".into(), "dig".into()],
        ));
        let mut sub = Section::new("Børn".into());
        sub.blocks.push(Block {
            kind: crate::notice::document::BlockKind::Gap,
            ..Block::sentence(Some(Element::Retention), None, "[Mangler: x]".into())
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
        let mut section = Section::new("## not a heading\n# h".into());
        for text in hostile {
            section.blocks.push(Block::list(
                Element::Source,
                None,
                text.into(),
                vec![text.into()],
            ));
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
