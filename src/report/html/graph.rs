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

use std::cell::Cell;
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::fmt::Write;

use super::escape::{Escaped, escape};
use super::page::Page;
use crate::flow::FlowGraph;
use crate::flow::render::{FlowView, Mark, RenderOptions, Role, svg};
use crate::i18n::Lang;
use crate::semantic::model::Model;
use crate::tr;

/// The opening of the drawing's `<svg>` element with its namespace.
const SVG_WITH_NAMESPACE: &str = r#"<svg xmlns="http://www.w3.org/2000/svg" "#;

/// Above this many boxes (activities, sources, processors, recipients) the report leaves the drawing
/// and its printed summary out and says so. A person cannot follow a drawing of thousands of boxes,
/// and its size grows with them (a quarter of a gigabyte at 100,000 activities); nor is a summary
/// meant for one page of use at thousands of rows (a fifth of the report at 10,000 activities, and
/// a sixth of its time). The record and `hjemmel graph` still give the whole flow. A large
/// municipality draws a few hundred.
pub const PICTURE_LIMIT: usize = 2_000;

/// The flow graph as an inline `<svg>` in a `<figure>` (on screen), and its summary for print; above
/// [`PICTURE_LIMIT`] boxes, a note of what is left out and which command gives it instead.
pub fn graph_picture(out: &mut Page<'_>, model: &Model, flow: &FlowGraph, lang: Lang) {
    let options = RenderOptions {
        category: None,
        lang,
    };
    let boxes = flow.graph.node_count();
    if boxes > PICTURE_LIMIT {
        out.push_str("<p class=\"picture-left-out\">");
        // `message`: the commands named in backticks are set as code, as in the summary's intro.
        out.push_str(&super::escape::message(&tr!(
            lang,
            super::PICTURE_LEFT_OUT,
            boxes = boxes,
            limit = PICTURE_LIMIT
        )));
        out.push_str("</p>\n<p class=\"picture-left-out\">");
        // Every edge of the graph is a flow of the view (no category is picked out), so this is
        // the number of flows `hjemmel graph` lists.
        out.push_str(&super::escape::message(&tr!(
            lang,
            super::FLOWS_LEFT_OUT,
            flows = flow.graph.edge_count()
        )));
        out.push_str("</p>\n");
        return;
    }
    let picture = svg::render(model, flow, &options);
    // Inside HTML an `<svg>` element is SVG without saying so; the namespace, a web address, is left
    // out so that the only addresses in the report are the spec's own.
    // Written around the namespace rather than replaced in a copy: the picture of 100,000 activities
    // is a quarter of a gigabyte.
    let picture = picture.trim_end();
    out.push_str("<figure class=\"picture\">\n");
    match picture.find(SVG_WITH_NAMESPACE) {
        Some(at) => {
            out.push_str(&picture[..at]);
            out.push_str("<svg ");
            out.push_str(&picture[at + SVG_WITH_NAMESPACE.len()..]);
        }
        None => out.push_str(picture),
    }
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
/// one row (whatever data they carry: the categories are not printed), in the order of their first
/// activity.
fn rows(view: &FlowView<'_>, edges: &EdgeIndex) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::new();
    // (ins, outs) → its row: a search of the rows for each activity was quadratic.
    let mut row_of: HashMap<(Vec<usize>, Vec<usize>), usize> = HashMap::new();
    for (i, node) in view.nodes.iter().enumerate() {
        if node.role != Role::Activity {
            continue;
        }
        let mut ins: Vec<usize> = edges.into(i).map(|e| view.edges[e].from).collect();
        let mut outs: Vec<usize> = edges.out_of(i).map(|e| view.edges[e].to).collect();
        ins.sort_unstable();
        ins.dedup();
        outs.sort_unstable();
        outs.dedup();
        match row_of.entry((ins, outs)) {
            Entry::Occupied(row) => rows[*row.get()].activities.push(i),
            Entry::Vacant(slot) => {
                let (ins, outs) = slot.key().clone();
                slot.insert(rows.len());
                rows.push(Row {
                    ins,
                    outs,
                    activities: vec![i],
                });
            }
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
    let view = FlowView::new(model, flow, &options);
    rows(&view, &EdgeIndex::of(&view)).len()
}

/// The view's edges by the node they leave, by the node they reach, and by both ends, built once:
/// the printed summary asks for a node's edges for every activity and every party of every row,
/// and a search of all edges for each was quadratic (most of `hjemmel report`'s time at 10,000
/// activities). It counts the edges it hands out, so that a test can check the summary looks at
/// each edge a bounded number of times.
struct EdgeIndex {
    out_of: Vec<Vec<usize>>,
    into: Vec<Vec<usize>>,
    /// The edges that leave a node for a sub-processor: a source shared by every activity has an
    /// edge to each, and is named in every row.
    to_subprocessors: Vec<Vec<usize>>,
    between: HashMap<(usize, usize), Vec<usize>>,
    handed_out: Cell<usize>,
}

impl EdgeIndex {
    fn of(view: &FlowView<'_>) -> Self {
        let mut out_of = vec![Vec::new(); view.nodes.len()];
        let mut into = vec![Vec::new(); view.nodes.len()];
        let mut to_subprocessors = vec![Vec::new(); view.nodes.len()];
        let mut between: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
        for (i, e) in view.edges.iter().enumerate() {
            out_of[e.from].push(i);
            into[e.to].push(i);
            if view.nodes[e.to].role == Role::Subprocessor {
                to_subprocessors[e.from].push(i);
            }
            between.entry((e.from, e.to)).or_default().push(i);
        }
        EdgeIndex {
            out_of,
            into,
            to_subprocessors,
            between,
            handed_out: Cell::new(0),
        }
    }

    fn counted<'s>(&'s self, edges: &'s [usize]) -> impl Iterator<Item = usize> + 's {
        self.handed_out.set(self.handed_out.get() + edges.len());
        edges.iter().copied()
    }

    /// The edges that leave `node`, in the view's order.
    fn out_of(&self, node: usize) -> impl Iterator<Item = usize> + '_ {
        self.counted(&self.out_of[node])
    }

    /// The edges that reach `node`, in the view's order.
    fn into(&self, node: usize) -> impl Iterator<Item = usize> + '_ {
        self.counted(&self.into[node])
    }

    /// The edges that leave `node` for a sub-processor, in the view's order.
    fn to_subprocessors(&self, node: usize) -> impl Iterator<Item = usize> + '_ {
        self.counted(&self.to_subprocessors[node])
    }

    /// The edges from `from` to `to`.
    fn between(&self, from: usize, to: usize) -> impl Iterator<Item = usize> + '_ {
        self.counted(self.between.get(&(from, to)).map_or(&[][..], Vec::as_slice))
    }
}

/// Per party on one side of a row, the edges between it and the row's activities: found from the
/// activities' own edges, so that a party shared by many rows costs each row only its own edges.
fn row_side(
    view: &FlowView<'_>,
    edges: &EdgeIndex,
    row: &Row,
    side: Side,
) -> HashMap<usize, Vec<usize>> {
    let mut by_party: HashMap<usize, Vec<usize>> = HashMap::new();
    for &a in &row.activities {
        match side {
            Side::In => {
                for e in edges.into(a) {
                    by_party.entry(view.edges[e].from).or_default().push(e);
                }
            }
            Side::Out => {
                for e in edges.out_of(a) {
                    by_party.entry(view.edges[e].to).or_default().push(e);
                }
            }
        }
    }
    by_party
}

/// The side of a row: where its data come from, or where they go.
#[derive(Clone, Copy)]
enum Side {
    In,
    Out,
}

/// A set of marks, one bit per [`Mark`] (by its place in the order of weight).
type Marks = u8;

/// The marks of the data on `edges` (indexes into the view's edges).
fn marks(view: &FlowView<'_>, edges: impl Iterator<Item = usize>) -> Marks {
    edges
        .flat_map(|e| view.edges[e].marks.iter())
        .fold(0, |set, &m| set | (1 << m as u8))
}

/// What the printed summary writes again and again, made once: the tag of each set of marks, the
/// heading of each role, and each party's name with its place. A summary of 100,000 activities
/// names the same few hundred parties in every row.
struct Words<'v> {
    view: &'v FlowView<'v>,
    /// By set of marks: ` <span class="flow-tag">art. 9 · CPR</span>`, weightiest first, or nothing.
    tags: Vec<String>,
    /// By role ([`Role::Source`], [`Role::Activity`], [`Role::Processor`], [`Role::Recipient`]).
    roles: [String; 4],
    /// By node, once written: `<strong>label</strong>` and its place.
    heads: Vec<Option<String>>,
}

/// The roles of the printed lines, in their order.
const ROLES: [Role; 4] = [
    Role::Source,
    Role::Activity,
    Role::Processor,
    Role::Recipient,
];

impl<'v> Words<'v> {
    fn of(view: &'v FlowView<'v>) -> Self {
        let lang = view.lang;
        let tags = (0..1u8 << Mark::ALL.len())
            .map(|set| {
                let tags: Vec<&str> = Mark::ALL
                    .iter()
                    .filter(|&&m| set & (1 << m as u8) != 0)
                    .map(|m| m.tag(lang))
                    .collect();
                if tags.is_empty() {
                    String::new()
                } else {
                    format!(
                        " <span class=\"flow-tag\">{}</span>",
                        Escaped(&tags.join(" · "))
                    )
                }
            })
            .collect();
        let roles = ROLES.map(|role| escape(&tr!(lang, role_heading(role))));
        Words {
            view,
            tags,
            roles,
            heads: vec![None; view.nodes.len()],
        }
    }

    fn tag(&self, marks: Marks) -> &str {
        &self.tags[marks as usize]
    }

    /// A party's label, with its place where it has one (a processor's or recipient's country).
    fn head(&mut self, node: usize) -> &str {
        let view = self.view;
        self.heads[node].get_or_insert_with(|| {
            let n = &view.nodes[node];
            let mut text = format!("<strong>{}</strong>", Escaped(n.label));
            if let Some(place) = &n.place {
                let _ = write!(
                    text,
                    " <span class=\"flow-place\">({})</span>",
                    Escaped(&place.describe(view.lang))
                );
            }
            text
        })
    }
}

/// The printed summary: an intro that says what is folded, a legend of the marks, and the rows.
fn printed(out: &mut Page<'_>, view: &FlowView<'_>) {
    printed_with(out, view, &EdgeIndex::of(view));
}

fn printed_with(out: &mut Page<'_>, view: &FlowView<'_>, edges: &EdgeIndex) {
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
    let nothing_in = format!(
        "<p class=\"none\">{}</p>",
        Escaped(&tr!(lang, super::FLOW_NOTHING_IN))
    );
    let nothing_out = format!(
        "<p class=\"none\">{}</p>",
        Escaped(&tr!(lang, super::FLOW_NOTHING_OUT))
    );
    let mut words = Words::of(view);
    for row in rows(view, edges) {
        out.push_str("<div class=\"flow-row\">\n<div class=\"flow-in\">");
        if row.ins.is_empty() {
            out.push_str(&nothing_in);
        }
        side(
            out,
            &mut words,
            edges,
            &row.ins,
            &row_side(view, edges, &row, Side::In),
        );
        out.push_str("</div>\n<div class=\"flow-activity\"><ul>");
        for &a in &row.activities {
            out.push_str("<li>");
            out.escaped(view.nodes[a].label);
            out.push_str(words.tag(marks(view, edges.out_of(a).chain(edges.into(a)))));
            out.push_str("</li>");
        }
        out.push_str("</ul></div>\n<div class=\"flow-out\">");
        if row.outs.is_empty() {
            out.push_str(&nothing_out);
        }
        side(
            out,
            &mut words,
            edges,
            &row.outs,
            &row_side(view, edges, &row, Side::Out),
        );
        out.push_str("</div>\n</div>\n");
    }
    out.push_str("</div>\n");
}

/// The parties on one side of a row, a line per role (sources, processors, recipients, the
/// controller's own activities), within it grouped by kind; each party with its place and the marks
/// of what it gives or receives from the row's activities (`row_edges`, from [`row_side`]).
fn side(
    out: &mut Page<'_>,
    words: &mut Words<'_>,
    edges: &EdgeIndex,
    parties: &[usize],
    row_edges: &HashMap<usize, Vec<usize>>,
) {
    let view = words.view;
    let lang = view.lang;
    for (r, role) in ROLES.into_iter().enumerate() {
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
        out.push_str("<p class=\"flow-group\"><span class=\"flow-role\">");
        out.push_str(&words.roles[r]);
        out.push_str(":</span> ");
        for (k, (kind, list)) in kinds.iter().enumerate() {
            if k > 0 {
                out.push_str(" · ");
            }
            if let Some(kind) = kind {
                out.push_str("<span class=\"flow-kind\">");
                out.escaped(kind.get(lang));
                out.push_str(":</span> ");
            }
            for (n, &p) in list.iter().enumerate() {
                if n > 0 {
                    out.push_str("; ");
                }
                let own = row_edges.get(&p).map_or(&[][..], Vec::as_slice);
                party(out, words, edges, p, own.iter().copied(), 0);
            }
        }
        out.push_str("</p>");
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
/// and the marks of the data on `own` (its edges with the row's activities, or with the processor
/// it is a sub-processor of); a processor's sub-processors after it, each with the marks of what it
/// receives.
fn party(
    out: &mut Page<'_>,
    words: &mut Words<'_>,
    edges: &EdgeIndex,
    node: usize,
    own: impl Iterator<Item = usize>,
    depth: usize,
) {
    let view = words.view;
    out.push_str(words.head(node));
    out.push_str(words.tag(marks(view, own)));
    if depth < 3 {
        for e in edges.to_subprocessors(node) {
            let to = view.edges[e].to;
            out.push_str(" <span class=\"flow-sub\">→ ");
            party(out, words, edges, to, edges.between(node, to), depth + 1);
            out.push_str("</span>");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{SourceFile, SourceMap};

    /// `activities` activities that share a source and a processor (with a sub-processor), each
    /// disclosing to a recipient of its own: every activity is a row of its own, and the shared
    /// parties appear in every row, the shape in which a search of all edges per row and per party
    /// was quadratic.
    fn shared_parties(activities: usize) -> SourceMap {
        let mut text = String::from(
            "controller k \"Kommune\" { public authority contact \"post@k.dk\" dpo { email \"dpo@k.dk\" } }\n\
             subjects citizens \"Borgere\" citizens\n\
             data name \"Navn\" ordinary\n\
             data health \"Helbred\" special(health)\n\
             source register \"CPR-registret\" register\n\
             processor hosting \"Hosting\" { agreement \"DBA\" country DK \
             subprocessor backup \"Backup\" { agreement \"DBA\" authorised \"Bilag B\" country DK } }\n",
        );
        for i in 0..activities {
            text.push_str(&format!(
                "recipient r_{i} \"Modtager {i}\" authority {{ country DK }}\n\
                 activity a_{i} \"Aktivitet {i}\" {{ purpose \"Formål\" subjects citizens data name, health \
                 sources register basis gdpr 6(1)(e), gdpr 9(2)(h), law \"Sundhedsloven\" \
                 retain all for 5 years via hosting disclose name to r_{i} under gdpr 6(1)(e), law \"Sundhedsloven\" }}\n"
            ));
        }
        let mut sources = SourceMap::new();
        sources.add(SourceFile::new("shared.hjemmel", text));
        sources
    }

    /// The edges the printed summary looks at, and its rows, for the spec of `activities`.
    fn edges_looked_at(activities: usize) -> (usize, usize) {
        let sources = shared_parties(activities);
        let checked = crate::check_sources(&sources, Lang::En).expect("the spec is valid");
        let options = RenderOptions {
            category: None,
            lang: Lang::En,
        };
        let view = FlowView::new(&checked.model, &checked.flow, &options);
        let edges = EdgeIndex::of(&view);
        let mut out = Page::in_memory();
        printed_with(&mut out, &view, &edges);
        let out = out.into_string();
        assert!(
            out.contains("Modtager 0") && out.contains("Backup"),
            "{out}"
        );
        (
            edges.handed_out.get(),
            rows(&view, &EdgeIndex::of(&view)).len(),
        )
    }

    /// Twice the activities, at most twice the edges looked at: each row costs its own edges. Before
    /// the index, the rows and every party of every row searched all edges (4× for 2× here).
    #[test]
    fn the_printed_summary_looks_at_each_edge_a_bounded_number_of_times() {
        let (small, small_rows) = edges_looked_at(200);
        let (large, large_rows) = edges_looked_at(400);
        assert_eq!((small_rows, large_rows), (200, 400), "a row per activity");
        assert!(
            large <= small * 2 + small / 10,
            "edges looked at: {small} at 200 activities, {large} at 400"
        );
    }

    /// A flow of more boxes than [`PICTURE_LIMIT`] gets a note instead of the drawing and another
    /// instead of its printed summary, each saying how much is left out and which command gives it,
    /// in English and Danish; one of fewer gets the drawing and the summary.
    #[test]
    fn a_flow_too_large_to_read_as_a_drawing_is_left_out_with_a_note() {
        let picture = |activities: usize, lang: Lang| {
            let checked =
                crate::check_sources(&shared_parties(activities), lang).expect("the spec is valid");
            let mut out = Page::in_memory();
            graph_picture(&mut out, &checked.model, &checked.flow, lang);
            (
                checked.flow.graph.node_count(),
                checked.flow.graph.edge_count(),
                out.into_string(),
            )
        };
        let (boxes, _, out) = picture(10, Lang::En);
        assert!(boxes <= PICTURE_LIMIT);
        assert!(out.contains("<svg ") && !out.contains("picture-left-out"));
        assert!(out.contains("<div class=\"flow-print\">") && out.contains("Modtager 9"));
        // Each activity brings a recipient of its own: two boxes an activity.
        let (boxes, flows, out) = picture(PICTURE_LIMIT / 2, Lang::En);
        assert!(boxes > PICTURE_LIMIT, "{boxes} boxes");
        assert!(!out.contains("<svg "), "no drawing");
        assert!(!out.contains("flow-print"), "no printed summary");
        assert!(!out.contains("Modtager 0"), "no party listed");
        assert!(
            out.contains("The drawing is left out") && out.contains(&format!("{boxes} activities"))
        );
        assert!(
            out.contains(&format!(
                "The {flows} flows of personal data are not listed"
            )) && out.contains("<code>hjemmel graph --format dot</code> lists them all"),
            "{out}"
        );
        let (_, flows, out) = picture(PICTURE_LIMIT / 2, Lang::Da);
        assert!(
            out.contains(&format!(
                "De {flows} strømme af personoplysninger er heller ikke"
            )) && out.contains("<code>hjemmel graph --format dot</code> oplister dem alle"),
            "{out}"
        );
    }
}
