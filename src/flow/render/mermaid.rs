//! The flow graph as a Mermaid flowchart, for Markdown that renders Mermaid (GitHub, GitLab, many
//! wikis): paste it into a ```` ```mermaid ```` block.
//!
//! Nodes get plain ids (`n0`, `n1`, ...), since the names of a spec may be any Unicode word and
//! Mermaid reserves some (`end`). Every label is quoted, and every character that Mermaid or the
//! HTML it renders to could read as syntax is written as a Mermaid entity code (`#34;` for `"`);
//! letters, digits, spaces and punctuation that is harmless inside quotes stay as they are.

use std::fmt::Write;

use super::style::{edge_style, node_style};
use super::{FlowView, Mark, RenderOptions, Role, wrap_words};
use crate::escape::{mermaid_comment as one_line, mermaid_label as escape};
use crate::flow::FlowGraph;
use crate::semantic::model::Model;

const LABEL_WIDTH: usize = 32;
const EDGE_WIDTH: usize = 40;

/// The flow graph of `model` as a Mermaid `flowchart LR`.
pub fn render(model: &Model, flow: &FlowGraph, options: &RenderOptions) -> String {
    let view = FlowView::new(model, flow, options);
    let mut out = String::new();
    // A comment, so the chart says what it shows even where no title is drawn.
    let _ = writeln!(out, "%% {}", one_line(&view.title()));
    if let Some(subtitle) = view.subtitle() {
        let _ = writeln!(out, "%% {}", one_line(&subtitle));
    }
    out.push_str("flowchart LR\n");

    let id = |i: usize| format!("n{i}");
    let node_line = |i: usize| {
        let node = &view.nodes[i];
        let mut lines: Vec<String> = wrap_words(node.label, LABEL_WIDTH, 4)
            .iter()
            .map(|l| escape(l))
            .collect();
        lines.push(escape(&node.subtitle(view.lang)));
        if let Some(place) = &node.place {
            lines.push(escape(&place.describe(view.lang)));
        }
        format!("{}[\"{}\"]", id(i), lines.join("<br/>"))
    };

    let activities: Vec<usize> = (0..view.nodes.len())
        .filter(|&i| view.nodes[i].role == Role::Activity)
        .collect();
    if !activities.is_empty() {
        let _ = writeln!(
            out,
            "  subgraph controller[\"{}\"]",
            escape(&view.controller_title())
        );
        for &i in &activities {
            let _ = writeln!(out, "    {}", node_line(i));
        }
        out.push_str("  end\n");
    }
    for i in (0..view.nodes.len()).filter(|&i| view.nodes[i].role != Role::Activity) {
        let _ = writeln!(out, "  {}", node_line(i));
    }
    for edge in &view.edges {
        let label: Vec<String> = view
            .edge_label_lines(edge, EDGE_WIDTH)
            .iter()
            .map(|l| escape(l))
            .collect();
        let _ = writeln!(
            out,
            "  {} -->|\"{}\"| {}",
            id(edge.from),
            label.join("<br/>"),
            id(edge.to)
        );
    }

    // The look: one class per role and per marked place, one link style per mark.
    let mut classes: Vec<(String, Vec<usize>)> = Vec::new();
    for (i, node) in view.nodes.iter().enumerate() {
        let style = node_style(node);
        let mut class = format!(
            "fill:{},stroke:{},stroke-width:{:.1}px",
            style.fill, style.stroke, style.width
        );
        if let Some(dash) = style.dash {
            let _ = write!(class, ",stroke-dasharray:{dash}");
        }
        match classes.iter_mut().find(|(c, _)| *c == class) {
            Some((_, members)) => members.push(i),
            None => classes.push((class, vec![i])),
        }
    }
    for (n, (class, members)) in classes.iter().enumerate() {
        let _ = writeln!(out, "  classDef c{n} {class}");
        let ids: Vec<String> = members.iter().map(|&i| id(i)).collect();
        let _ = writeln!(out, "  class {} c{n}", ids.join(","));
    }
    for mark in [
        None,
        Some(Mark::Special),
        Some(Mark::Criminal),
        Some(Mark::Cpr),
    ] {
        let links: Vec<String> = view
            .edges
            .iter()
            .enumerate()
            .filter(|(_, e)| e.strongest() == mark)
            .map(|(i, _)| i.to_string())
            .collect();
        if links.is_empty() {
            continue;
        }
        let style = edge_style(mark);
        let mut look = format!(
            "stroke:{},stroke-width:{:.1}px,color:{}",
            style.stroke, style.width, style.stroke
        );
        if let Some(dash) = style.dash {
            let _ = write!(look, ",stroke-dasharray:{dash}");
        }
        let _ = writeln!(out, "  linkStyle {} {look}", links.join(","));
    }
    out
}
