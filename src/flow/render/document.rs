//! A picture written piece by piece: each format appends its text to [`Document::text`] and calls
//! [`Document::piece_done`] after each node or edge; when streamed, the text is handed to the writer
//! in chunks of [`CHUNK`] bytes, so a picture of a large spec (hundreds of megabytes of SVG) is never
//! held whole. In memory (for `render`, the report and the tests) it simply grows.

use std::io;

use super::{FlowView, RenderOptions};
use crate::flow::FlowGraph;
use crate::semantic::model::Model;

/// How much text is gathered before it is written: large enough that writing costs little per
/// byte, small enough to be nothing beside the model.
const CHUNK: usize = 64 * 1024;

pub struct Document<'w> {
    /// The text not yet written.
    pub text: String,
    /// Where it goes; `None` keeps all of it.
    out: Option<&'w mut dyn io::Write>,
}

impl<'w> Document<'w> {
    /// A document kept whole in [`Document::text`].
    pub fn in_memory() -> Document<'static> {
        Document {
            text: String::new(),
            out: None,
        }
    }

    /// A document written to `out` as it is made.
    pub fn streamed(out: &'w mut dyn io::Write) -> Document<'w> {
        Document {
            text: String::with_capacity(CHUNK + CHUNK / 4),
            out: Some(out),
        }
    }

    /// Writes the text gathered so far once it fills a chunk.
    pub fn piece_done(&mut self) -> io::Result<()> {
        if self.text.len() >= CHUNK {
            self.write_out()?;
        }
        Ok(())
    }

    /// Writes what is left; the text of a document in memory.
    pub fn finish(mut self) -> io::Result<String> {
        self.write_out()?;
        Ok(self.text)
    }

    fn write_out(&mut self) -> io::Result<()> {
        if let Some(out) = self.out.as_mut() {
            out.write_all(self.text.as_bytes())?;
            self.text.clear();
        }
        Ok(())
    }
}

/// How each format draws the picture of a view into a document.
pub type Draw = fn(&FlowView<'_>, &mut Document<'_>) -> io::Result<()>;

/// The picture `draw` makes of the flow graph of `model`, as a string (for `render`, the report and
/// the tests).
pub fn render_view(model: &Model, flow: &FlowGraph, options: &RenderOptions, draw: Draw) -> String {
    let view = FlowView::new(model, flow, options);
    in_memory(|document| draw(&view, document))
}

/// The picture `draw` makes of the flow graph of `model`, written to `out` piece by piece.
pub fn write_view(
    model: &Model,
    flow: &FlowGraph,
    options: &RenderOptions,
    out: &mut dyn io::Write,
    draw: Draw,
) -> io::Result<()> {
    let view = FlowView::new(model, flow, options);
    let mut document = Document::streamed(out);
    draw(&view, &mut document)?;
    document.finish().map(drop)
}

/// The text of a picture made in memory: `draw` only appends to a `String`, which cannot fail.
pub fn in_memory(draw: impl FnOnce(&mut Document<'_>) -> io::Result<()>) -> String {
    let mut document = Document::in_memory();
    // Nothing is written anywhere, so there is no error to lose.
    let _ = draw(&mut document);
    document.text
}
