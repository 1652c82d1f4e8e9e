//! The flow of personal data as a picture: the flow module's SVG drawing, set inline in the report,
//! for the screen; and for paper a summary of the same flow view, one row per activity (activities
//! with the same flows folded into one row that lists them), whose words stay readable on A4.
//!
//! The full drawing of a municipality is some 2,300 pixels wide: scaled to the width of an A4 page
//! its text is about 4 pt. The summary is HTML text at the size of the report's small print, so it
//! wraps to the page instead of shrinking.

use std::fmt::Write;

use super::escape::escape;
use crate::flow::FlowGraph;
use crate::flow::render::{FlowView, RenderOptions, Role, ViewEdge, svg};
use crate::i18n::Lang;
use crate::semantic::model::Model;
use crate::tr;

/// The flow graph as an inline `<svg>` in a `<figure>` (on screen), and its summary for print.
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
    printed(out, &FlowView::new(model, flow, &options));
}

/// The rows of the printed summary: each activity's flows in and out, activities with the same
/// flows folded into one row.
fn printed(out: &mut String, view: &FlowView<'_>) {
    let lang = view.lang;
    // Per activity node: the edges into it and out of it, as (other node, data) to compare.
    type Flows = (Vec<(usize, Vec<usize>)>, Vec<(usize, Vec<usize>)>);
    let flows_of = |node: usize| -> Flows {
        let list = |pick: &dyn Fn(&ViewEdge) -> Option<usize>| {
            view.edges
                .iter()
                .filter_map(|e| {
                    pick(e).map(|other| (other, e.data.iter().map(|d| d.index()).collect()))
                })
                .collect::<Vec<_>>()
        };
        (
            list(&|e| (e.to == node).then_some(e.from)),
            list(&|e| (e.from == node).then_some(e.to)),
        )
    };
    let mut rows: Vec<(Flows, Vec<usize>)> = Vec::new();
    for (i, node) in view.nodes.iter().enumerate() {
        if node.role != Role::Activity {
            continue;
        }
        let flows = flows_of(i);
        match rows.iter_mut().find(|(f, _)| *f == flows) {
            Some((_, activities)) => activities.push(i),
            None => rows.push((flows, vec![i])),
        }
    }
    let _ = writeln!(
        out,
        "<div class=\"flow-print\">\n<p class=\"flow-print-intro\">{}</p>\n<p class=\"flow-print-title\">{} · {}</p>",
        escape(&tr!(lang, super::FLOW_PRINTED)),
        escape(&view.title()),
        escape(&view.controller_title())
    );
    let _ = writeln!(
        out,
        "<div class=\"flow-row flow-head\"><div>{}</div><div></div><div>{}</div></div>",
        escape(&tr!(lang, super::FLOW_FROM)),
        escape(&tr!(lang, super::FLOW_TO))
    );
    for ((ins, outs), activities) in &rows {
        out.push_str("<div class=\"flow-row\">\n<div class=\"flow-in\">");
        if ins.is_empty() {
            let _ = write!(
                out,
                "<p class=\"none\">{}</p>",
                escape(&tr!(lang, super::FLOW_NOTHING_IN))
            );
        }
        for (parties, edge) in folded(view, ins, |other| (other, activities[0])) {
            parties_with_data(out, view, &parties, edge);
        }
        out.push_str("</div>\n<div class=\"flow-activity\"><ul>");
        for a in activities {
            let _ = write!(out, "<li>{}</li>", escape(view.nodes[*a].label));
        }
        out.push_str("</ul></div>\n<div class=\"flow-out\">");
        if outs.is_empty() {
            let _ = write!(
                out,
                "<p class=\"none\">{}</p>",
                escape(&tr!(lang, super::FLOW_NOTHING_OUT))
            );
        }
        for (parties, edge) in folded(view, outs, |other| (activities[0], other)) {
            parties_with_data(out, view, &parties, edge);
        }
        out.push_str("</div>\n</div>\n");
    }
    out.push_str("</div>\n");
}

/// The parties on one side of a row, those that carry the same data folded together, each fold with
/// the edge (from, to) of its first party.
fn folded<'v>(
    view: &'v FlowView<'_>,
    flows: &[(usize, Vec<usize>)],
    edge: impl Fn(usize) -> (usize, usize),
) -> Vec<(Vec<usize>, Option<&'v ViewEdge>)> {
    let mut folds: Vec<(&Vec<usize>, Vec<usize>)> = Vec::new();
    for (other, data) in flows {
        match folds.iter_mut().find(|(d, _)| *d == data) {
            Some((_, parties)) => parties.push(*other),
            None => folds.push((data, vec![*other])),
        }
    }
    folds
        .into_iter()
        .map(|(_, parties)| {
            let (from, to) = edge(parties[0]);
            let e = view.edges.iter().find(|e| e.from == from && e.to == to);
            (parties, e)
        })
        .collect()
}

/// Parties that receive or give the same data: each by its label, kind and place (a processor with
/// its sub-processors), then the data once.
fn parties_with_data(
    out: &mut String,
    view: &FlowView<'_>,
    parties: &[usize],
    edge: Option<&ViewEdge>,
) {
    let marked = edge.and_then(ViewEdge::strongest).is_some();
    let _ = write!(
        out,
        "<div class=\"flow-fold{}\">",
        if marked { " marked" } else { "" }
    );
    for node in parties {
        party(out, view, *node, 0);
    }
    if let Some(edge) = edge {
        data_line(out, view, edge);
    }
    out.push_str("</div>");
}

/// The data an edge carries: its marks (art. 9, art. 10, CPR), then the categories by label.
fn data_line(out: &mut String, view: &FlowView<'_>, edge: &ViewEdge) {
    let data: Vec<String> = edge
        .data
        .iter()
        .map(|d| escape(&view.model.data(*d).label.node))
        .collect();
    let tags = view
        .tags(edge)
        .map(|t| format!("<span class=\"flow-tag\">{}</span> ", escape(&t)))
        .unwrap_or_default();
    let _ = write!(
        out,
        "<div class=\"flow-data\">{tags}{}</div>",
        data.join(", ")
    );
}

/// One party: its label, its kind and place; a processor's sub-processors under it, with what they
/// receive.
fn party(out: &mut String, view: &FlowView<'_>, node: usize, depth: usize) {
    let lang = view.lang;
    let n = &view.nodes[node];
    let mut about = vec![n.role.name(lang).to_string()];
    if let Some(kind) = n.kind {
        about.push(kind.get(lang).to_string());
    }
    if let Some(place) = &n.place {
        about.push(place.describe(lang));
    }
    let _ = write!(
        out,
        "<div class=\"flow-party\"><strong>{}</strong> <span class=\"flow-kind\">({})</span>",
        escape(n.label),
        escape(&about.join(", "))
    );
    if depth < 3 {
        for e in view.edges.iter().filter(|e| e.from == node) {
            if view.nodes[e.to].role == Role::Subprocessor {
                out.push_str("<div class=\"flow-sub\">→ ");
                party(out, view, e.to, depth + 1);
                data_line(out, view, e);
                out.push_str("</div>");
            }
        }
    }
    out.push_str("</div>");
}
