//! The flow of personal data as a picture: the flow module's SVG drawing, set inline in the report.

use crate::flow::FlowGraph;
use crate::flow::render::{RenderOptions, svg};
use crate::i18n::Lang;
use crate::semantic::model::Model;

/// The flow graph as an inline `<svg>` in a `<figure>`.
pub fn graph_picture(out: &mut String, model: &Model, flow: &FlowGraph, lang: Lang) {
    let options = RenderOptions {
        category: None,
        lang,
    };
    let picture = svg::render(model, flow, &options);
    // Inside HTML an `<svg>` element is SVG without saying so; the namespace, a web address, is left
    // out so that the only addresses in the report are the spec's own.
    let picture = picture.replacen(r#"<svg xmlns="http://www.w3.org/2000/svg" "#, "<svg ", 1);
    out.push_str("<figure class=\"picture\">\n");
    out.push_str(picture.trim_end());
    out.push_str("\n</figure>\n");
}
