//! The flow graph as a Mermaid flowchart, for Markdown that renders Mermaid (GitHub, GitLab, many
//! wikis): paste it into a ```` ```mermaid ```` block.
//!
//! Nodes get plain ids (`n0`, `n1`, ...), since the names of a spec may be any Unicode word and
//! Mermaid reserves some (`end`). Every label is quoted, and every character that Mermaid or the
//! HTML it renders to could read as syntax is written as a Mermaid entity code (`#34;` for `"`);
//! letters, digits, spaces and punctuation that is harmless inside quotes stay as they are.

use std::io;

use super::document::{self, Document};
use super::number::{push_tenths, push_usize};
use super::style::{NodeStyle, edge_style, node_style};
use super::{FlowView, Mark, RenderOptions, Role, wrap_words};
use crate::escape::{mermaid_comment as one_line, mermaid_label as escape, mermaid_label_into};
use crate::flow::FlowGraph;
use crate::semantic::model::Model;

const LABEL_WIDTH: usize = 32;
const EDGE_WIDTH: usize = 40;

/// The flow graph of `model` as a Mermaid `flowchart LR`.
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
    // A comment, so the chart says what it shows even where no title is drawn.
    out.push_str(&format!("%% {}\n", one_line(&view.title())));
    if let Some(subtitle) = view.subtitle() {
        out.push_str(&format!("%% {}\n", one_line(&subtitle)));
    }
    out.push_str("flowchart LR\n");

    if view.nodes.iter().any(|n| n.role == Role::Activity) {
        out.push_str(&format!(
            "  subgraph controller[\"{}\"]\n",
            escape(&view.controller_title())
        ));
        for (i, _) in activities(view, true) {
            document.text.push_str("    ");
            write_node(&mut document.text, view, i);
            document.piece_done()?;
        }
        document.text.push_str("  end\n");
    }
    for (i, _) in activities(view, false) {
        document.text.push_str("  ");
        write_node(&mut document.text, view, i);
        document.piece_done()?;
    }
    for edge in &view.edges {
        let out = &mut document.text;
        out.push_str("  ");
        write_id(out, edge.from);
        out.push_str(" -->|\"");
        // The label's lines: the marks, then the categories (FlowView::edge_label_lines).
        view.push_edge_label(out, edge, EDGE_WIDTH, "<br/>", mermaid_label_into);
        out.push_str("\"| ");
        write_id(out, edge.to);
        out.push('\n');
        document.piece_done()?;
    }

    // The look: one class per role and per marked place, one link style per mark.
    let mut classes: Vec<(NodeStyle, Vec<usize>)> = Vec::new();
    for (i, node) in view.nodes.iter().enumerate() {
        let style = node_style(node);
        match classes.iter_mut().find(|(c, _)| *c == style) {
            Some((_, members)) => members.push(i),
            None => classes.push((style, vec![i])),
        }
    }
    for (n, (style, members)) in classes.iter().enumerate() {
        let out = &mut document.text;
        out.push_str("  classDef c");
        push_usize(out, n);
        out.push_str(" fill:");
        out.push_str(style.fill);
        out.push_str(",stroke:");
        out.push_str(style.stroke);
        out.push_str(",stroke-width:");
        push_tenths(out, f64::from(style.width));
        out.push_str("px");
        if let Some(dash) = style.dash {
            out.push_str(",stroke-dasharray:");
            out.push_str(dash);
        }
        out.push_str("\n  class ");
        for (at, &i) in members.iter().enumerate() {
            if at > 0 {
                document.text.push(',');
            }
            write_id(&mut document.text, i);
            document.piece_done()?;
        }
        document.text.push_str(" c");
        push_usize(&mut document.text, n);
        document.text.push('\n');
    }
    for mark in [
        None,
        Some(Mark::Special),
        Some(Mark::Criminal),
        Some(Mark::Cpr),
    ] {
        let mut links = view
            .edges
            .iter()
            .enumerate()
            .filter(|(_, e)| e.strongest() == mark)
            .map(|(i, _)| i)
            .peekable();
        if links.peek().is_none() {
            continue;
        }
        document.text.push_str("  linkStyle ");
        for (at, i) in links.enumerate() {
            if at > 0 {
                document.text.push(',');
            }
            push_usize(&mut document.text, i);
            document.piece_done()?;
        }
        let style = edge_style(mark);
        let out = &mut document.text;
        out.push_str(" stroke:");
        out.push_str(style.stroke);
        out.push_str(",stroke-width:");
        push_tenths(out, f64::from(style.width));
        out.push_str("px,color:");
        out.push_str(style.stroke);
        if let Some(dash) = style.dash {
            out.push_str(",stroke-dasharray:");
            out.push_str(dash);
        }
        out.push('\n');
    }
    Ok(())
}

/// The nodes that are activities (`true`) or not, with their index.
fn activities<'v>(
    view: &'v FlowView<'_>,
    wanted: bool,
) -> impl Iterator<Item = (usize, &'v super::ViewNode<'v>)> {
    view.nodes
        .iter()
        .enumerate()
        .filter(move |(_, n)| (n.role == Role::Activity) == wanted)
}

/// A node's id: `n12`. Plain ids, since the names of a spec may be any Unicode word and Mermaid
/// reserves some.
fn write_id(out: &mut String, i: usize) {
    out.push('n');
    push_usize(out, i);
}

/// `n3["Payroll<br/>activity · payroll<br/>..."]`
fn write_node(out: &mut String, view: &FlowView<'_>, i: usize) {
    let node = &view.nodes[i];
    write_id(out, i);
    out.push_str("[\"");
    for line in wrap_words(node.label, LABEL_WIDTH, 4) {
        mermaid_label_into(out, &line);
        out.push_str("<br/>");
    }
    mermaid_label_into(out, &node.subtitle(view.lang));
    if let Some(place) = &node.place {
        out.push_str("<br/>");
        mermaid_label_into(out, &place.describe(view.lang));
    }
    out.push_str("\"]\n");
}
