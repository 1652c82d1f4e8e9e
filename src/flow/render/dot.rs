//! The flow graph as Graphviz DOT: `hjemmel graph SPEC --format dot | dot -Tsvg > flow.svg`.
//!
//! The activities sit in a cluster for the controller; sources are on the left and the data flows
//! to the right (`rankdir=LR`). Every id and label is a quoted string with `\` and `"` escaped and
//! `&` written `&amp;` (Graphviz reads HTML entities in labels), so no name can break the syntax.

use std::io;

use super::document::{self, Document};
use super::number::push_tenths;
use super::style::{edge_style, node_style};
use super::{FlowView, RenderOptions, Role, ViewEdge, ViewNode, wrap_words};
use crate::escape::{dot_string as quote, dot_text_into as escape_into};
use crate::flow::FlowGraph;
use crate::semantic::model::Model;

const FONT: &str = "Helvetica,Arial,sans-serif";
/// Characters per line of a node's label and of an edge's list of categories.
const LABEL_WIDTH: usize = 32;
const EDGE_WIDTH: usize = 40;

/// The flow graph of `model` as a DOT `digraph`.
pub fn render(model: &Model, flow: &FlowGraph, options: &RenderOptions) -> String {
    document::render_view(model, flow, options, draw)
}

/// [`render`], written to `out` piece by piece.
pub fn write_to(
    model: &Model,
    flow: &FlowGraph,
    options: &RenderOptions,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    document::write_view(model, flow, options, out, draw)
}

fn draw(view: &FlowView<'_>, document: &mut Document<'_>) -> io::Result<()> {
    let out = &mut document.text;
    let mut title = view.title();
    if let Some(subtitle) = view.subtitle() {
        title = format!("{title}\n{subtitle}");
    }
    out.push_str("digraph \"flow\" {\n");
    out.push_str(&format!(
        "  graph [rankdir=LR, labelloc=t, fontname={font}, fontsize=16, nodesep=0.3, ranksep=1.3, label={}];\n",
        quote(&title),
        font = quote(FONT)
    ));
    out.push_str(&format!(
        "  node [shape=box, style=\"rounded,filled\", fontname={font}, fontsize=11, margin=\"0.15,0.08\"];\n",
        font = quote(FONT)
    ));
    out.push_str(&format!(
        "  edge [fontname={font}, fontsize=9, arrowsize=0.8];\n",
        font = quote(FONT)
    ));

    if view.nodes.iter().any(|n| n.role == Role::Activity) {
        out.push_str("\n  subgraph \"cluster_controller\" {\n");
        out.push_str(&format!(
            "    label={}; style=\"rounded\"; color=\"#1d4ed8\"; fontcolor=\"#1e3a8a\"; fontsize=13;\n",
            quote(&view.controller_title())
        ));
        for node in view.nodes.iter().filter(|n| n.role == Role::Activity) {
            write_node(&mut document.text, view, node, "    ");
            document.piece_done()?;
        }
        document.text.push_str("  }\n");
    }
    document.text.push('\n');
    for node in view.nodes.iter().filter(|n| n.role != Role::Activity) {
        write_node(&mut document.text, view, node, "  ");
        document.piece_done()?;
    }
    document.text.push('\n');
    for edge in &view.edges {
        write_edge(&mut document.text, view, edge);
        document.piece_done()?;
    }
    document.text.push_str("}\n");
    Ok(())
}

/// `  "a" -> "b" [label="art. 9\nhealth, name", color=...];`
fn write_edge(out: &mut String, view: &FlowView<'_>, edge: &ViewEdge) {
    let style = edge_style(edge.strongest());
    out.push_str("  ");
    write_key(out, &view.nodes[edge.from]);
    out.push_str(" -> ");
    write_key(out, &view.nodes[edge.to]);
    // The label's lines: the marks, then the categories (FlowView::edge_label_lines).
    out.push_str(" [label=\"");
    view.push_edge_label(out, edge, EDGE_WIDTH, "\\n", escape_into);
    out.push_str("\", color=\"");
    out.push_str(style.stroke);
    out.push_str("\", fontcolor=\"");
    out.push_str(style.stroke);
    out.push_str("\", penwidth=");
    push_tenths(out, f64::from(style.width));
    out.push_str(", style=");
    out.push_str(style.dot_style);
    out.push_str("];\n");
}

/// A node's key as a quoted id: `"processor:hosting"`.
fn write_key(out: &mut String, node: &ViewNode<'_>) {
    out.push('"');
    escape_into(out, &node.key);
    out.push('"');
}

fn write_node(out: &mut String, view: &FlowView<'_>, node: &ViewNode<'_>, indent: &str) {
    let style = node_style(node);
    out.push_str(indent);
    write_key(out, node);
    out.push_str(" [label=\"");
    for line in wrap_words(node.label, LABEL_WIDTH, 4) {
        escape_into(out, &line);
        out.push_str("\\n");
    }
    escape_into(out, &node.subtitle(view.lang));
    if let Some(place) = &node.place {
        for line in wrap_words(&place.describe(view.lang), LABEL_WIDTH + 8, 3) {
            out.push_str("\\n");
            escape_into(out, &line);
        }
    }
    out.push_str("\", fillcolor=\"");
    out.push_str(style.fill);
    out.push_str("\", color=\"");
    out.push_str(style.stroke);
    out.push_str("\", penwidth=");
    push_tenths(out, f64::from(style.width));
    out.push_str(", style=\"rounded,filled");
    if style.dash.is_some() {
        out.push_str(",dashed");
    }
    out.push_str("\"];\n");
}
