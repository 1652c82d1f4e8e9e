//! The flow graph as Graphviz DOT: `hjemmel graph SPEC --format dot | dot -Tsvg > flow.svg`.
//!
//! The activities sit in a cluster for the controller; sources are on the left and the data flows
//! to the right (`rankdir=LR`). Every id and label is a quoted string with `\` and `"` escaped and
//! `&` written `&amp;` (Graphviz reads HTML entities in labels), so no name can break the syntax.

use std::fmt::Write;

use super::style::{edge_style, node_style};
use super::{FlowView, RenderOptions, Role, ViewNode, wrap_words};
use crate::escape::dot_string as quote;
use crate::flow::FlowGraph;
use crate::semantic::model::Model;

const FONT: &str = "Helvetica,Arial,sans-serif";
/// Characters per line of a node's label and of an edge's list of categories.
const LABEL_WIDTH: usize = 32;
const EDGE_WIDTH: usize = 40;

/// The flow graph of `model` as a DOT `digraph`.
pub fn render(model: &Model, flow: &FlowGraph, options: &RenderOptions) -> String {
    let view = FlowView::new(model, flow, options);
    let mut out = String::new();
    let mut title = view.title();
    if let Some(subtitle) = view.subtitle() {
        title = format!("{title}\n{subtitle}");
    }
    out.push_str("digraph \"flow\" {\n");
    let _ = writeln!(
        out,
        "  graph [rankdir=LR, labelloc=t, fontname={font}, fontsize=16, nodesep=0.3, ranksep=1.3, label={}];",
        quote(&title),
        font = quote(FONT)
    );
    let _ = writeln!(
        out,
        "  node [shape=box, style=\"rounded,filled\", fontname={font}, fontsize=11, margin=\"0.15,0.08\"];",
        font = quote(FONT)
    );
    let _ = writeln!(
        out,
        "  edge [fontname={font}, fontsize=9, arrowsize=0.8];",
        font = quote(FONT)
    );

    let activities: Vec<&ViewNode> = view
        .nodes
        .iter()
        .filter(|n| n.role == Role::Activity)
        .collect();
    if !activities.is_empty() {
        out.push_str("\n  subgraph \"cluster_controller\" {\n");
        let _ = writeln!(
            out,
            "    label={}; style=\"rounded\"; color=\"#1d4ed8\"; fontcolor=\"#1e3a8a\"; fontsize=13;",
            quote(&view.controller_title())
        );
        for node in activities {
            write_node(&mut out, &view, node, "    ");
        }
        out.push_str("  }\n");
    }
    out.push('\n');
    for node in view.nodes.iter().filter(|n| n.role != Role::Activity) {
        write_node(&mut out, &view, node, "  ");
    }
    out.push('\n');
    for edge in &view.edges {
        let style = edge_style(edge.strongest());
        let label = view.edge_label_lines(edge, EDGE_WIDTH).join("\n");
        let _ = writeln!(
            out,
            "  {} -> {} [label={}, color=\"{c}\", fontcolor=\"{c}\", penwidth={:.1}, style={}];",
            quote(&view.nodes[edge.from].key),
            quote(&view.nodes[edge.to].key),
            quote(&label),
            style.width,
            style.dot_style,
            c = style.stroke,
        );
    }
    out.push_str("}\n");
    out
}

fn write_node(out: &mut String, view: &FlowView<'_>, node: &ViewNode<'_>, indent: &str) {
    let mut lines = wrap_words(node.label, LABEL_WIDTH, 4);
    lines.push(node.subtitle(view.lang));
    if let Some(place) = &node.place {
        lines.extend(wrap_words(&place.describe(view.lang), LABEL_WIDTH + 8, 3));
    }
    let style = node_style(node);
    let mut look = String::from("rounded,filled");
    if style.dash.is_some() {
        look.push_str(",dashed");
    }
    let _ = writeln!(
        out,
        "{indent}{} [label={}, fillcolor=\"{}\", color=\"{}\", penwidth={:.1}, style=\"{look}\"];",
        quote(&node.key),
        quote(&lines.join("\n")),
        style.fill,
        style.stroke,
        style.width,
    );
}
