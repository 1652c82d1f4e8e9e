//! The flow of personal data as a picture: the flow module's SVG drawing, set inline in the report,
//! for the screen; and for paper a summary of the same flow view that fits one A4 page in text of
//! at least 8 pt.
//!
//! The full drawing of a municipality is some 2,300 pixels wide: scaled to the width of an A4 page
//! its text is about 4 pt. The summary is HTML text instead, made short enough for one page by
//! leaving out what the drawing and the record already give in full: activities that have the same
//! sources and recipients share one row (a municipality's departments typically do); the lists of
//! data categories are left out, and only what the law treats with particular care is marked
//! (art. 9, art. 10, CPR numbers, as in the drawing's legend), beside each activity and each party;
//! the parties on each side are grouped by role and kind on a few lines.

use std::fmt::Write;

use super::escape::escape;
use crate::flow::FlowGraph;
use crate::flow::render::{FlowView, Mark, RenderOptions, Role, ViewEdge, svg};
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

/// One printed row: activities with the same parties on each side.
struct Row {
    /// The nodes data come from, in the view's order.
    ins: Vec<usize>,
    /// The nodes data go to.
    outs: Vec<usize>,
    activities: Vec<usize>,
}

/// The rows of the printed summary, activities with the same sources and recipients folded into
/// one row (whatever data they carry: the categories are not printed).
fn rows(view: &FlowView<'_>) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::new();
    for (i, node) in view.nodes.iter().enumerate() {
        if node.role != Role::Activity {
            continue;
        }
        let mut ins: Vec<usize> = view
            .edges
            .iter()
            .filter(|e| e.to == i)
            .map(|e| e.from)
            .collect();
        let mut outs: Vec<usize> = view
            .edges
            .iter()
            .filter(|e| e.from == i)
            .map(|e| e.to)
            .collect();
        ins.sort_unstable();
        ins.dedup();
        outs.sort_unstable();
        outs.dedup();
        match rows.iter_mut().find(|r| r.ins == ins && r.outs == outs) {
            Some(row) => row.activities.push(i),
            None => rows.push(Row {
                ins,
                outs,
                activities: vec![i],
            }),
        }
    }
    rows
}

/// How many rows the printed summary of a flow has (a test keeps a municipality's on one page).
pub fn printed_rows(model: &Model, flow: &FlowGraph, lang: Lang) -> usize {
    let options = RenderOptions {
        category: None,
        lang,
    };
    rows(&FlowView::new(model, flow, &options)).len()
}

/// The marks of the data on the edges that `pick` chooses, weightiest first, as `art. 9 · CPR`.
fn marks(view: &FlowView<'_>, pick: impl Fn(&ViewEdge) -> bool) -> Option<String> {
    let mut marks: Vec<Mark> = view
        .edges
        .iter()
        .filter(|e| pick(e))
        .flat_map(|e| e.marks.iter().copied())
        .collect();
    marks.sort_unstable();
    marks.dedup();
    (!marks.is_empty()).then(|| {
        marks
            .iter()
            .map(|m| m.tag(view.lang))
            .collect::<Vec<_>>()
            .join(" · ")
    })
}

fn tag(marks: Option<String>) -> String {
    marks
        .map(|t| format!(" <span class=\"flow-tag\">{}</span>", escape(&t)))
        .unwrap_or_default()
}

/// The printed summary: an intro that says what is folded, a legend of the marks, and the rows.
fn printed(out: &mut String, view: &FlowView<'_>) {
    let lang = view.lang;
    let legend: Vec<String> = Mark::ALL
        .iter()
        .map(|m| {
            format!(
                "<span class=\"flow-tag\">{}</span> {}",
                escape(m.tag(lang)),
                escape(m.meaning(lang))
            )
        })
        .collect();
    let _ = writeln!(
        out,
        "<div class=\"flow-print\">\n<p class=\"flow-print-intro\">{}</p>\n<p class=\"flow-print-intro\">{} {}</p>\n<p class=\"flow-print-title\">{} · {}</p>",
        super::escape::message(&tr!(lang, super::FLOW_PRINTED)),
        escape(&tr!(lang, super::FLOW_MARKS)),
        legend.join("; "),
        escape(&view.title()),
        escape(&view.controller_title())
    );
    let _ = writeln!(
        out,
        "<div class=\"flow-row flow-head\"><div>{}</div><div>{}</div><div>{}</div></div>",
        escape(&tr!(lang, super::FLOW_FROM)),
        escape(&tr!(lang, super::FLOW_ACTIVITIES)),
        escape(&tr!(lang, super::FLOW_TO))
    );
    for row in rows(view) {
        let in_row = |node: usize| row.activities.contains(&node);
        out.push_str("<div class=\"flow-row\">\n<div class=\"flow-in\">");
        if row.ins.is_empty() {
            let _ = write!(
                out,
                "<p class=\"none\">{}</p>",
                escape(&tr!(lang, super::FLOW_NOTHING_IN))
            );
        }
        side(out, view, &row.ins, |party, e| {
            e.from == party && in_row(e.to)
        });
        out.push_str("</div>\n<div class=\"flow-activity\"><ul>");
        for &a in &row.activities {
            let _ = write!(
                out,
                "<li>{}{}</li>",
                escape(view.nodes[a].label),
                tag(marks(view, |e| e.from == a || e.to == a))
            );
        }
        out.push_str("</ul></div>\n<div class=\"flow-out\">");
        if row.outs.is_empty() {
            let _ = write!(
                out,
                "<p class=\"none\">{}</p>",
                escape(&tr!(lang, super::FLOW_NOTHING_OUT))
            );
        }
        side(out, view, &row.outs, |party, e| {
            e.to == party && in_row(e.from)
        });
        out.push_str("</div>\n</div>\n");
    }
    out.push_str("</div>\n");
}

/// The parties on one side of a row, a line per role (sources, processors, recipients, the
/// controller's own activities), within it grouped by kind; each party with its place and the marks
/// of what it gives or receives from the row's activities (`edge(party, e)` says which edges).
fn side(
    out: &mut String,
    view: &FlowView<'_>,
    parties: &[usize],
    edge: impl Fn(usize, &ViewEdge) -> bool,
) {
    let lang = view.lang;
    for role in [
        Role::Source,
        Role::Activity,
        Role::Processor,
        Role::Recipient,
    ] {
        // Kind (by its English keyword, to compare) → its parties, in order of first appearance.
        let mut kinds: Vec<(Option<crate::i18n::Text>, Vec<usize>)> = Vec::new();
        for &p in parties.iter().filter(|&&p| view.nodes[p].role == role) {
            let kind = view.nodes[p].kind;
            match kinds
                .iter_mut()
                .find(|(k, _)| k.map(|k| k.en) == kind.map(|k| k.en))
            {
                Some((_, list)) => list.push(p),
                None => kinds.push((kind, vec![p])),
            }
        }
        if kinds.is_empty() {
            continue;
        }
        let groups: Vec<String> = kinds
            .iter()
            .map(|(kind, list)| {
                let names: Vec<String> = list
                    .iter()
                    .map(|&p| party(view, p, &|e| edge(p, e), 0))
                    .collect();
                match kind {
                    Some(k) => format!(
                        "<span class=\"flow-kind\">{}:</span> {}",
                        escape(k.get(lang)),
                        names.join("; ")
                    ),
                    None => names.join("; "),
                }
            })
            .collect();
        let _ = write!(
            out,
            "<p class=\"flow-group\"><span class=\"flow-role\">{}:</span> {}</p>",
            escape(&tr!(lang, role_heading(role))),
            groups.join(" · ")
        );
    }
}

/// The heading of a role's line: its parties in the plural.
fn role_heading(role: Role) -> crate::i18n::Text {
    match role {
        Role::Source => super::FLOW_SOURCES,
        Role::Activity => super::FLOW_OWN_ACTIVITIES,
        Role::Processor | Role::Subprocessor => super::FLOW_PROCESSORS,
        Role::Recipient => super::FLOW_RECIPIENTS,
    }
}

/// One party by its label, with its place where it has one (a processor's or recipient's country)
/// and the marks of the data on its edges that `pick` chooses; a processor's sub-processors after
/// it, each with the marks of what it receives.
fn party(
    view: &FlowView<'_>,
    node: usize,
    pick: &dyn Fn(&ViewEdge) -> bool,
    depth: usize,
) -> String {
    let lang = view.lang;
    let n = &view.nodes[node];
    let mut text = format!("<strong>{}</strong>", escape(n.label));
    if let Some(place) = &n.place {
        let _ = write!(
            text,
            " <span class=\"flow-place\">({})</span>",
            escape(&place.describe(lang))
        );
    }
    text.push_str(&tag(marks(view, |e| pick(e))));
    if depth < 3 {
        for e in view.edges.iter().filter(|e| e.from == node) {
            if view.nodes[e.to].role == Role::Subprocessor {
                let to = e.to;
                let _ = write!(
                    text,
                    " <span class=\"flow-sub\">→ {}</span>",
                    party(view, to, &|x| x.from == node && x.to == to, depth + 1)
                );
            }
        }
    }
    text
}
