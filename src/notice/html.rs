//! The notice as one self-contained, accessible HTML file, like the report: the language in `lang`,
//! headings in order (h1 the title, h2 each part, h3 and h4 below), text and marks in colours of
//! high contrast, a stylesheet inline, nothing fetched, and a print layout for A4. Every text is
//! escaped as the report escapes it ([`crate::report::html::escape`]).

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{self, Write};

use crate::i18n::Lang;
use crate::notice::chunked::Chunked;
use crate::notice::document::{Block, Notice, Section, Sink};
use crate::notice::verbatim::Verbatim;
use crate::report::html::escape;
use crate::report::html::escape_pieces;

/// The notice's stylesheet: system fonts, ink #1d2330 on white (contrast 15.6:1), the gap marks
/// dark red on pale red (7.5:1), A4 pages when printed.
const CSS: &str = r#"
:root { --ink: #1d2330; --muted: #4a5262; --rule: #d8dce3; --paper: #ffffff; --gap: #8a1c14; --gap-bg: #fdecea; }
* { box-sizing: border-box; }
body {
  margin: 0 auto; max-width: 46rem; padding: 2rem 1.5rem 4rem; background: var(--paper); color: var(--ink);
  font: 17px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
h1 { font-size: 2rem; line-height: 1.2; margin: 0 0 .5rem; }
h2 { font-size: 1.45rem; margin: 2.5rem 0 .8rem; padding-bottom: .3rem; border-bottom: 2px solid var(--ink); }
h3 { font-size: 1.2rem; margin: 1.8rem 0 .5rem; }
h4 { font-size: 1.05rem; margin: 1.4rem 0 .4rem; }
p { margin: .5rem 0; }
ul { margin: .3rem 0 .8rem; padding-left: 1.4rem; }
.meta { color: var(--muted); margin: 0; }
.gap { color: var(--gap); background: var(--gap-bg); border: 2px dashed var(--gap); border-radius: 4px; padding: .3rem .6rem; font-weight: 600; }
@media print {
  @page { size: A4; margin: 18mm 16mm; }
  body { max-width: none; padding: 0; font-size: 11pt; }
  h2, h3, h4 { break-after: avoid; }
  li, p { break-inside: avoid; }
}
"#;

/// The whole notice as one HTML file.
pub fn render(notice: &Notice<'_>) -> String {
    crate::ropa::in_memory(|out| {
        let mut writer = Writer::new(out);
        writer.head_of(notice.lang, &notice.title, &notice.meta);
        for section in &notice.sections {
            writer.part(section, 2);
        }
        writer.finish()
    })
}

/// The notice as HTML, written to `out` part by part as a [`Sink`]: the text is laid out in a
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

    /// Ends the file and writes what is left.
    pub fn finish(mut self) -> io::Result<()> {
        self.out.text.push_str("</main>\n</body>\n</html>\n");
        self.out.finish()
    }

    fn head_of(&mut self, lang: Lang, title: &str, meta: &[String]) {
        let out = &mut self.out.text;
        let _ = write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n<header>\n<h1>{}</h1>\n",
            lang.code(),
            escape(title),
            CSS,
            escape(title)
        );
        for meta in meta {
            let _ = writeln!(out, "<p class=\"meta\">{}</p>", escape(meta));
        }
        out.push_str("</header>\n<main>\n");
    }

    fn part(&mut self, section: &Section, level: usize) {
        section_into(&mut self.out.text, &mut self.verbatim, section, level);
        self.flush_some();
    }

    fn flush_some(&mut self) {
        if self.out.is_full() {
            self.out.hand_on(self.out.text.len());
        }
    }
}

impl<'m> Sink<'m> for Writer<'_> {
    fn head(&mut self, lang: Lang, title: String, meta: Vec<String>) {
        self.head_of(lang, &title, &meta);
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

    fn close(&mut self, _level: usize) {
        self.out.text.push_str("</section>\n");
    }
}

fn heading_into(out: &mut String, heading: &str, level: usize) {
    let level = b'0' + level.min(6) as u8;
    out.push_str("<section>\n<h");
    out.push(char::from(level));
    out.push('>');
    // Escaped each time: a heading (an activity's label) is said once, not worth keeping.
    escape_into(out, heading);
    out.push_str("</h");
    out.push(char::from(level));
    out.push_str(">\n");
}

fn section_into(out: &mut String, verbatim: &mut Verbatim, section: &Section, level: usize) {
    heading_into(out, &section.heading, level);
    for block in &section.blocks {
        block_into(out, verbatim, block);
    }
    for sub in &section.subsections {
        section_into(out, verbatim, sub, level.min(6) + 1);
    }
    out.push_str("</section>\n");
}

fn block_into(out: &mut String, verbatim: &mut Verbatim, block: &Block) {
    if block.is_gap() {
        out.push_str("<p class=\"gap\">");
        verbatim.write(out, &block.text, escape_into);
        out.push_str("</p>\n");
        return;
    }
    out.push_str("<p>");
    verbatim.write(out, &block.text, escape_into);
    out.push_str("</p>\n");
    if block.items.is_empty() {
        return;
    }
    out.push_str("<ul>\n");
    for item in &block.items {
        out.push_str("<li>");
        verbatim.write(out, item, escape_into);
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n");
}

/// [`escape`], appended to `out` without a string of its own.
fn escape_into(out: &mut String, text: &str) {
    let _ = escape_pieces(text, |piece| {
        out.push_str(piece);
        Ok::<(), ()>(())
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::notice::document::BlockKind;
    use crate::notice::elements::Element;

    fn notice() -> Notice<'static> {
        let mut part = Section::new("Til borgere");
        part.blocks.push(Block::list(
            Element::DataCategories,
            None,
            "Vi behandler:",
            vec!["<script>alert(1)</script>".into()],
        ));
        let mut activity = Section::new("Video & \"lyd\"");
        activity.blocks.push(Block {
            kind: BlockKind::Gap,
            ..Block::sentence(Some(Element::Retention), None, "[Mangler: x]")
        });
        part.subsections.push(activity);
        Notice {
            lang: Lang::Da,
            title: "Sådan <b>behandler</b> vi".into(),
            meta: Vec::new(),
            sections: vec![part],
        }
    }

    #[test]
    fn the_language_headings_in_order_and_escaped_text() {
        let html = render(&notice());
        assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"da\">"));
        assert!(html.contains("<h1>Sådan &lt;b&gt;behandler&lt;/b&gt; vi</h1>"));
        assert!(html.contains("<li>&lt;script&gt;alert(1)&lt;/script&gt;</li>"));
        assert!(html.contains("<h3>Video &amp; &quot;lyd&quot;</h3>"));
        assert!(html.contains("<p class=\"gap\">[Mangler: x]</p>"));
        assert!(!html.contains("<script"));
        // h1, then h2, then h3: no level skipped.
        let levels: Vec<usize> = html
            .match_indices("<h")
            .filter_map(|(at, _)| html[at + 2..].chars().next()?.to_digit(10))
            .map(|d| d as usize)
            .collect();
        assert_eq!(levels, [1, 2, 3]);
        assert!(html.contains("@page { size: A4"));
    }
}
