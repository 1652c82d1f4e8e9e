//! The flow graph as a self-contained SVG picture, laid out here (no Graphviz at run time).
//!
//! Public API, for the HTML report and anything else that shows the picture:
//!
//! ```ignore
//! use hjemmel::flow::render::{RenderOptions, svg};
//! let picture: String = svg::render(&model, &flow, &RenderOptions { category: None, lang });
//! ```
//!
//! The result is one `<svg>` element (no XML declaration, so it can be written to a `.svg` file or
//! put straight into an HTML page). It has no `<style>` element, no scripts, no links and no
//! external fonts or images: every look is a presentation attribute, so nothing leaks into a page
//! that embeds it. Its few ids (the arrow heads) start with `hjemmel-flow-`. Every text from the
//! spec is XML-escaped. Each node and edge has a `<title>` with its full text (a tooltip in a
//! browser), since long labels and lists of categories are shortened in the picture.
//!
//! The layout is layered, left to right: sources → the controller's activities (in a frame; an
//! activity that takes data from another stands in a column after it) → processors →
//! sub-processors (a column per level) → recipients. Within a column, nodes are ordered to keep
//! edges short (a few barycentre sweeps), and each edge enters its target at a port of its own,
//! with its label just before it, so labels never overlap. A legend explains the marks: third
//! countries and edges with art. 9, art. 10 or CPR data have a colour and a line pattern of their
//! own, and the words on them say it too, for print in black and white.

use std::fmt::Write;
use std::io;

use rustc_hash::FxHashMap;

use super::document::{self, Document};
use super::layout::{Column, LOOP, Layout, NODE_WIDTH, Placed, Port, Route, entry_rooms};
use super::number::Tenths;
use super::style::{EdgeStyle, NodeStyle, edge_style, marking_style, node_style, role_style};
use super::{
    FlowView, Mark, Marking, RenderOptions, Role, ViewEdge, ViewNode, push_more, wrap_words,
    wrap_words_into,
};
use crate::escape::{xml, xml_into};
use crate::flow::FlowGraph;
use crate::i18n::Lang;
use crate::semantic::model::{DataId, Model};
use crate::texts;
use crate::tr;

#[cfg(test)]
mod crossings;

texts! {
    /// Column headings.
    HEAD_SOURCES = ("Sources", "Kilder"),
    HEAD_ACTIVITIES = ("Processing activities", "Behandlingsaktiviteter"),
    HEAD_PROCESSORS = ("Processors", "Databehandlere"),
    HEAD_SUBPROCESSORS = ("Sub-processors", "Underdatabehandlere"),
    HEAD_SUBPROCESSORS_LEVEL = ("Sub-processors, level {level}", "Underdatabehandlere, led {level}"),
    HEAD_RECIPIENTS = ("Recipients", "Modtagere"),
    /// The legend.
    LEGEND = ("Legend", "Signaturforklaring"),
    LEGEND_SOURCE = ("source of the data", "kilde til oplysningerne"),
    LEGEND_ACTIVITY = (
        "processing activity of the controller",
        "den dataansvarliges behandlingsaktivitet",
    ),
    LEGEND_PROCESSOR = ("processor or sub-processor", "databehandler eller underdatabehandler"),
    LEGEND_RECIPIENT = ("recipient", "modtager"),
    LEGEND_THIRD_COUNTRY = (
        "third country without an adequacy decision, or not named",
        "tredjeland uden tilstrækkelighedsafgørelse, eller ikke navngivet",
    ),
    LEGEND_ADEQUATE = (
        "third country with an adequacy decision",
        "tredjeland med tilstrækkelighedsafgørelse",
    ),
    LEGEND_UNKNOWN = ("country unknown or not stated", "land ukendt eller ikke oplyst"),
    /// Shown only when a party is an international organisation (`international organisation EPO`):
    /// Chapter V treats it as a third country (art. 44), but it is not a country.
    LEGEND_ORGANISATION = (
        "international organisation without an adequacy decision",
        "international organisation uden tilstrækkelighedsafgørelse",
    ),
    LEGEND_ORGANISATION_ADEQUATE = (
        "international organisation with an adequacy decision",
        "international organisation med tilstrækkelighedsafgørelse",
    ),
    LEGEND_ORDINARY = ("other personal data", "andre personoplysninger"),
    /// Instead of the graph, when there is nothing to draw.
    NO_FLOWS = (
        "no flows of personal data to draw",
        "ingen strømme af personoplysninger at vise",
    ),
}

/// The lines are wrapped by a count of characters (`LABEL_CHARS` and the others) that fits the
/// widths of Helvetica, Arial and Liberation Sans; DejaVu Sans, on many Linux systems the only
/// one of these, is about a sixth wider and ran past the boxes, its condensed cut fits.
const FONT: &str = "'Helvetica Neue', Helvetica, Arial, 'Liberation Sans', 'DejaVu Sans Condensed', \
                    'DejaVu Sans', sans-serif";
const MARGIN: f64 = 24.0;
/// Characters that fit on a line: a node's label, its smaller lines, an edge's list of categories.
const LABEL_CHARS: usize = 29;
const SMALL_CHARS: usize = 37;
const EDGE_CHARS: usize = 38;
/// The width of an average character of an edge label, to leave room for it.
const EDGE_CHAR_WIDTH: f64 = 5.4;
const LABEL_LINE: f64 = 15.0;
/// The controller's name over its frame.
const FRAME_CHARS: usize = 32;
const FRAME_LINE: f64 = 17.0;
const SMALL_LINE: f64 = 13.0;
/// Where an edge enters its target: its line of categories above it, its marks below it.
const PORT_NAMES: f64 = 13.0;
const PORT_TAGS: f64 = 13.0;
const PORT_SPACE: f64 = 6.0;
/// The room each edge leaving a node takes on its side.
const PORT_OUT: f64 = 9.0;
const ARROW: f64 = 9.0;

/// The flow graph of `model` as an SVG picture (one `<svg>` element), worded in `options.lang`.
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

/// The layout of the picture's nodes and edges, with its top at `top`: each box as tall as its text
/// and the edges that enter and leave it need.
fn lay_out(view: &FlowView<'_>, texts: &NodeTexts, top: f64) -> Layout {
    let ports = ports(view);
    let entry = entry_rooms(view.nodes.len(), view.edges.iter().map(|e| e.to), &ports);
    let mut leaving = vec![0usize; view.nodes.len()];
    for edge in &view.edges {
        leaving[edge.from] += 1;
    }
    let heights: Vec<f64> = (0..view.nodes.len())
        .map(|i| {
            let outgoing = leaving[i] as f64 * PORT_OUT;
            texts
                .get(i)
                .height()
                .max(entry[i] + 10.0)
                .max(outgoing + 10.0)
        })
        .collect();
    Layout::new(view, &heights, &ports, &entry, MARGIN, top)
}

fn draw(view: &FlowView<'_>, document: &mut Document<'_>) -> io::Result<()> {
    let lang = view.lang;
    let texts = NodeTexts::new(&view.nodes, lang);
    let escaped = Escaped::new(view);
    let title_lines = if view.subtitle().is_some() { 2.0 } else { 1.0 };
    let headings_y = MARGIN + 14.0 + title_lines * 22.0 + 12.0;
    let framed = view.nodes.iter().any(|n| n.role == Role::Activity);
    // The controller's name heads the frame, in lines that fit a frame of one column.
    let frame_title = if framed {
        wrap_words(&view.controller_title(), FRAME_CHARS, 3)
    } else {
        Vec::new()
    };
    let top = headings_y
        + if framed {
            30.0 + FRAME_LINE * frame_title.len() as f64
        } else {
            18.0
        };
    let layout = lay_out(view, &texts, top);
    let width = layout.width.max(760.0);
    let legend_top = layout.bottom + 44.0;
    let organisations = view
        .nodes
        .iter()
        .any(|n| matches!(n.place, Some(super::Place::Organisation { .. })));
    let height = legend_top + legend_height(width, organisations) + MARGIN;

    let mut numbers = Tenths::default();
    let edge_ends = [
        None,
        Some(Mark::Special),
        Some(Mark::Criminal),
        Some(Mark::Cpr),
    ]
    .map(|mark| edge_end(&mut numbers, mark));
    let mut svg = Svg {
        out: document,
        escaped,
        numbers,
        edge_ends,
    };
    svg.start(view, width, height);
    svg.text(
        MARGIN,
        MARGIN + 14.0,
        &view.title(),
        "18",
        "#111827",
        "bold",
        "start",
    );
    if let Some(subtitle) = view.subtitle() {
        svg.text(
            MARGIN,
            MARGIN + 36.0,
            &subtitle,
            "13",
            "#374151",
            "normal",
            "start",
        );
    }
    if framed {
        draw_frame(&mut svg, &frame_title, &layout, headings_y + 12.0);
    }
    draw_headings(&mut svg, lang, &layout, headings_y);
    if view.nodes.is_empty() {
        svg.text(
            MARGIN,
            headings_y + 30.0,
            &tr!(lang, NO_FLOWS),
            "13",
            "#374151",
            "normal",
            "start",
        );
    }
    // Edges first, their labels over them, the nodes over both.
    for (edge, route) in view.edges.iter().zip(&layout.routes) {
        draw_edge(&mut svg, view, edge, route, layout.through(route));
        svg.out.piece_done()?;
    }
    for (edge, route) in view.edges.iter().zip(&layout.routes) {
        draw_edge_label(&mut svg, view, edge, route);
        svg.out.piece_done()?;
    }
    for (i, (node, placed)) in view.nodes.iter().zip(&layout.nodes).enumerate() {
        draw_node(&mut svg, i, node, placed, &texts.get(i));
        svg.out.piece_done()?;
    }
    draw_legend(&mut svg, lang, legend_top, width, organisations);
    svg.out.text.push_str("</svg>\n");
    Ok(())
}

/// Texts that many edges repeat, escaped (and measured) once: a node's label is in the tooltip of
/// every edge it has, a category's name in the tooltip and label of every edge that carries it.
struct Escaped {
    /// By node of the view.
    labels: Vec<String>,
    /// By data category of the model: its name escaped, and the name's length in characters.
    names: Vec<(String, usize)>,
    /// By the number of categories left out: `+3 more` escaped, and its length in characters.
    more: Vec<(String, usize)>,
    /// By set of marks ([`mark_set`]): `art. 9 · CPR` escaped, and its length in characters. Each
    /// edge with marks writes them once or twice, and there are only eight sets.
    tags: Vec<(String, usize)>,
}

impl Escaped {
    fn new(view: &FlowView<'_>) -> Escaped {
        let most = view.edges.iter().map(|e| e.data.len()).max().unwrap_or(0);
        let mut scratch = String::new();
        let more = (0..most)
            .map(|rest| {
                scratch.clear();
                push_more(&mut scratch, view.lang, rest);
                (xml(&scratch), scratch.chars().count())
            })
            .collect();
        let tags = (0..1 << Mark::ALL.len())
            .map(|set: usize| {
                let marks: Vec<Mark> = Mark::ALL
                    .into_iter()
                    .filter(|&m| set & 1 << m as usize != 0)
                    .collect();
                let escaped: Vec<String> = marks.iter().map(|m| xml(m.tag(view.lang))).collect();
                let chars: usize = marks.iter().map(|m| m.tag(view.lang).chars().count()).sum();
                (
                    escaped.join(TAG_BETWEEN),
                    chars + TAG_BETWEEN.chars().count() * marks.len().saturating_sub(1),
                )
            })
            .collect();
        Escaped {
            more,
            tags,
            labels: view.nodes.iter().map(|n| xml(n.label)).collect(),
            names: view
                .model
                .data
                .iter()
                .map(|d| (xml(&d.name.node), d.name.node.chars().count()))
                .collect(),
        }
    }

    fn name(&self, data: DataId) -> &str {
        &self.names[data.index()].0
    }

    /// `art. 9 · CPR`: the marks of an edge ([`FlowView::tags`]), escaped.
    fn tags(&self, edge: &ViewEdge) -> &str {
        &self.tags[mark_set(&edge.marks)].0
    }

    /// How many characters [`FlowView::tags`] has.
    fn tags_chars(&self, edge: &ViewEdge) -> usize {
        self.tags[mark_set(&edge.marks)].1
    }

    /// An edge's categories as [`FlowView::data_summary_into`] writes them, escaped.
    fn push_summary(&self, out: &mut String, view: &FlowView<'_>, edge: &ViewEdge) {
        let (shown, _) =
            view.summary_names(edge, EDGE_CHARS, |i| self.names[edge.data[i].index()].1);
        for (i, &data) in edge.data[..shown].iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            out.push_str(self.name(data));
        }
        if shown < edge.data.len() {
            // At least one name is shown, so fewer than all are left out.
            out.push_str(", ");
            out.push_str(&self.more[edge.data.len() - shown].0);
        }
    }

    /// How many characters [`Escaped::push_summary`] writes, before escaping.
    fn summary_chars(&self, view: &FlowView<'_>, edge: &ViewEdge) -> usize {
        let (shown, chars) =
            view.summary_names(edge, EDGE_CHARS, |i| self.names[edge.data[i].index()].1);
        if shown < edge.data.len() {
            chars + 2 + self.more[edge.data.len() - shown].1
        } else {
            chars
        }
    }
}

/// The texts of every node's box and tooltip, made once, all in one string: a picture keeps them
/// from the layout (which needs their heights) until it draws the nodes, and a `String` per line
/// of thousands of nodes took more room, and time, than the text.
struct NodeTexts {
    /// The pieces of each node in turn: its whole subtitle (`sub-processor · hosting`), its whole
    /// place (`third country: India (IN), no adequacy decision`) if it has one, then the lines of
    /// its label, of its subtitle and of its place.
    text: String,
    /// Where each piece ends in `text`; the next begins there.
    ends: Vec<usize>,
    /// By node.
    nodes: Vec<NodePieces>,
}

/// Where a node's pieces are in [`NodeTexts`].
#[derive(Clone, Copy)]
struct NodePieces {
    /// The number of its first piece (its whole subtitle).
    first: usize,
    has_place: bool,
    label_lines: usize,
    subtitle_lines: usize,
    place_lines: usize,
}

impl NodeTexts {
    fn new(nodes: &[ViewNode<'_>], lang: Lang) -> NodeTexts {
        let mut texts = NodeTexts {
            text: String::new(),
            ends: Vec::with_capacity(nodes.len() * 5),
            nodes: Vec::with_capacity(nodes.len()),
        };
        let mut subtitle = String::new();
        for node in nodes {
            let first = texts.ends.len();
            subtitle.clear();
            node.push_subtitle(&mut subtitle, lang);
            texts.push(&subtitle);
            let place = node.place.as_ref().map(|p| p.describe(lang));
            if let Some(place) = &place {
                texts.push(place);
            }
            let (text, ends) = (&mut texts.text, &mut texts.ends);
            let label_lines = wrap_words_into(node.label, LABEL_CHARS, 3, text, ends);
            let subtitle_lines = wrap_words_into(&subtitle, SMALL_CHARS, 2, text, ends);
            let place_lines = place
                .as_deref()
                .map_or(0, |p| wrap_words_into(p, SMALL_CHARS, 3, text, ends));
            texts.nodes.push(NodePieces {
                first,
                has_place: place.is_some(),
                label_lines,
                subtitle_lines,
                place_lines,
            });
        }
        texts
    }

    fn push(&mut self, piece: &str) {
        self.text.push_str(piece);
        self.ends.push(self.text.len());
    }

    /// The `count` pieces from the `first`th.
    fn pieces(&self, first: usize, count: usize) -> impl Iterator<Item = &str> {
        (first..first + count).map(|k| {
            let start = if k == 0 { 0 } else { self.ends[k - 1] };
            &self.text[start..self.ends[k]]
        })
    }

    /// The text of node `i`.
    fn get(&self, i: usize) -> NodeText<'_> {
        NodeText {
            texts: self,
            pieces: self.nodes[i],
        }
    }
}

/// The text of one node's box, and of its tooltip.
struct NodeText<'t> {
    texts: &'t NodeTexts,
    pieces: NodePieces,
}

impl<'t> NodeText<'t> {
    /// `sub-processor · hosting`, whole.
    fn full_subtitle(&self) -> &'t str {
        self.texts
            .pieces(self.pieces.first, 1)
            .next()
            .unwrap_or_default()
    }

    /// `third country: India (IN), no adequacy decision`, whole, for a node with a place.
    fn full_place(&self) -> Option<&'t str> {
        let p = &self.pieces;
        p.has_place
            .then(|| self.texts.pieces(p.first + 1, 1).next())
            .flatten()
    }

    fn label(&self) -> impl Iterator<Item = &'t str> {
        let p = &self.pieces;
        let first = p.first + 1 + usize::from(p.has_place);
        self.texts.pieces(first, p.label_lines)
    }

    fn subtitle(&self) -> impl Iterator<Item = &'t str> {
        let p = &self.pieces;
        let first = p.first + 1 + usize::from(p.has_place) + p.label_lines;
        self.texts.pieces(first, p.subtitle_lines)
    }

    fn place(&self) -> impl Iterator<Item = &'t str> {
        let p = &self.pieces;
        let first = p.first + 1 + usize::from(p.has_place) + p.label_lines + p.subtitle_lines;
        self.texts.pieces(first, p.place_lines)
    }

    fn height(&self) -> f64 {
        let p = &self.pieces;
        let place = if p.place_lines == 0 {
            0.0
        } else {
            4.0 + SMALL_LINE * p.place_lines as f64
        };
        10.0 + LABEL_LINE * p.label_lines as f64
            + SMALL_LINE * p.subtitle_lines as f64
            + place
            + 8.0
    }
}

/// How each edge enters its target: edges into one node that carry the same data are a group,
/// with one label (the categories above the group, the marks below it).
fn ports(view: &FlowView<'_>) -> Vec<Port> {
    // Room for every edge from the start: growing it hashed every list again at each doubling.
    let mut groups: FxHashMap<(usize, &[DataId]), usize> =
        FxHashMap::with_capacity_and_hasher(view.edges.len(), Default::default());
    view.edges
        .iter()
        .enumerate()
        .map(|(e, edge)| {
            let group = *groups.entry((edge.to, &edge.data[..])).or_insert(e);
            let tags = if edge.marks.is_empty() {
                0.0
            } else {
                PORT_TAGS
            };
            Port {
                group,
                above: PORT_NAMES,
                below: tags + PORT_SPACE,
            }
        })
        .collect()
}

/// The controller's frame around the activity columns, with its name.
fn draw_frame(svg: &mut Svg<'_, '_>, title: &[String], layout: &Layout, top: f64) {
    let xs: Vec<f64> = layout
        .columns
        .iter()
        .zip(&layout.column_x)
        .filter(|(c, _)| matches!(c, Column::Activities(_)))
        .map(|(_, &x)| x)
        .collect();
    let (Some(first), Some(last)) = (xs.first(), xs.last()) else {
        return;
    };
    let (x, w, h) = (
        first - 14.0,
        last - first + NODE_WIDTH + 28.0,
        layout.bottom + 14.0 - top,
    );
    let _ = writeln!(
        svg.out.text,
        r##"<rect x="{x:.1}" y="{top:.1}" width="{w:.1}" height="{h:.1}" rx="10" fill="#f8fafc" stroke="#1d4ed8" stroke-width="1.2"/>"##
    );
    for (i, line) in title.iter().enumerate() {
        let y = top + 20.0 + FRAME_LINE * i as f64;
        svg.text(x + 12.0, y, line, "13", "#1e3a8a", "bold", "start");
    }
}

fn draw_headings(svg: &mut Svg<'_, '_>, lang: Lang, layout: &Layout, y: f64) {
    let mut headed = Vec::new();
    for (column, &x) in layout.columns.iter().zip(&layout.column_x) {
        let heading = match column {
            Column::Sources => tr!(lang, HEAD_SOURCES),
            Column::Activities(_) => tr!(lang, HEAD_ACTIVITIES),
            Column::Processors(0) => tr!(lang, HEAD_PROCESSORS),
            Column::Processors(1) => tr!(lang, HEAD_SUBPROCESSORS),
            Column::Processors(level) => tr!(lang, HEAD_SUBPROCESSORS_LEVEL, level = level),
            Column::Recipients => tr!(lang, HEAD_RECIPIENTS),
        };
        // Activities of several columns share one heading.
        if !headed.contains(&heading) {
            svg.text(x, y, &heading, "12", "#4b5563", "bold", "start");
            headed.push(heading);
        }
    }
}

fn draw_edge(
    svg: &mut Svg<'_, '_>,
    view: &FlowView<'_>,
    edge: &ViewEdge,
    route: &Route,
    through: &[(f64, f64, f64)],
) {
    let (x1, y1) = route.start;
    let (x2, y2) = route.end;
    let escaped = &svg.escaped;
    let numbers = &mut svg.numbers;
    let out = &mut svg.out.text;
    // The tooltip: `from → to: names (tags)`.
    out.push_str("<g><title>");
    out.push_str(&escaped.labels[edge.from]);
    out.push_str(" → ");
    out.push_str(&escaped.labels[edge.to]);
    out.push_str(": ");
    // The run before the target is the label's length.
    let run = if route.back.is_none() {
        let names = escaped.summary_chars(view, edge);
        names.max(escaped.tags_chars(edge)) as f64 * EDGE_CHAR_WIDTH + ARROW + 16.0
    } else {
        0.0
    };
    for (i, &data) in edge.data.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(escaped.name(data));
    }
    if !edge.marks.is_empty() {
        out.push_str(" (");
        out.push_str(escaped.tags(edge));
        out.push(')');
    }
    out.push_str("</title><path d=\"M ");
    push_point(out, numbers, x1, y1);
    if route.back.is_some() {
        // Against the flow: leftwards into the target's right side, or a loop out to the right.
        let out_x = if x1 > x2 { -60.0 } else { LOOP };
        out.push_str(" C ");
        push_point(out, numbers, x1 + out_x, y1);
        out.push(' ');
        push_point(out, numbers, x2 + out_x.abs(), y2);
        out.push(' ');
        push_point(out, numbers, x2 + ARROW, y2);
    } else {
        let mut at = route.start;
        for &(left, right, y) in through {
            curve(out, numbers, at, (left, y));
            out.push_str(" L ");
            push_point(out, numbers, right, y);
            at = (right, y);
        }
        // A curve, then the label's straight run into the target.
        let run = run.min(((x2 - at.0) * 0.7).max(0.0));
        curve(out, numbers, at, (x2 - run, y2));
        out.push_str(" L ");
        push_point(out, numbers, x2 - ARROW, y2);
    }
    out.push_str(&svg.edge_ends[mark_number(edge.strongest())]);
}

/// Each mark (none first) as a number below 4, for [`Svg::edge_ends`].
fn mark_number(mark: Option<Mark>) -> usize {
    match mark {
        None => 0,
        Some(Mark::Special) => 1,
        Some(Mark::Criminal) => 2,
        Some(Mark::Cpr) => 3,
    }
}

/// The end of an edge's path whose strongest mark is `mark`: its stroke and arrow head.
fn edge_end(numbers: &mut Tenths, mark: Option<Mark>) -> String {
    let style = edge_style(mark);
    let mut out = String::from("\" fill=\"none\" ");
    push_stroke_attributes(&mut out, numbers, style.stroke, style.width, style.dash);
    out.push_str(" marker-end=\"url(#");
    out.push_str(arrow_id(mark));
    out.push_str(")\"/></g>\n");
    out
}

/// `x y`, each to a tenth.
fn push_point(out: &mut String, numbers: &mut Tenths, x: f64, y: f64) {
    numbers.push(out, x);
    out.push(' ');
    numbers.push(out, y);
}

/// Between two marks of an edge, as [`FlowView::tags`] writes them.
const TAG_BETWEEN: &str = " · ";

/// A set of marks as a number below 2^3: a bit for each mark it holds.
fn mark_set(marks: &[Mark]) -> usize {
    marks.iter().fold(0, |set, &m| set | 1 << m as usize)
}

/// A curve from `a` to `b` that leaves and arrives level.
fn curve(out: &mut String, numbers: &mut Tenths, a: (f64, f64), b: (f64, f64)) {
    let reach = ((b.0 - a.0) / 2.0).max(40.0);
    out.push_str(" C ");
    push_point(out, numbers, a.0 + reach, a.1);
    out.push(' ');
    push_point(out, numbers, b.0 - reach, b.1);
    out.push(' ');
    push_point(out, numbers, b.0, b.1);
}

fn draw_edge_label(svg: &mut Svg<'_, '_>, view: &FlowView<'_>, edge: &ViewEdge, route: &Route) {
    let style = edge_style(edge.strongest());
    if let Some((x, y)) = route.back {
        svg.halo_start(x, y, style.stroke, "normal", "start");
        let out = &mut svg.out.text;
        svg.escaped.push_summary(out, view, edge);
        if !edge.marks.is_empty() {
            out.push_str(" (");
            out.push_str(svg.escaped.tags(edge));
            out.push(')');
        }
        out.push_str("</text>\n");
    } else if let Some((first, last)) = route.label {
        // One label for a group of edges: drawn by its first.
        let x = route.end.0 - ARROW - 4.0;
        svg.halo_start(x, first - 4.0, "#1f2937", "normal", "end");
        let out = &mut svg.out.text;
        svg.escaped.push_summary(out, view, edge);
        out.push_str("</text>\n");
        if !edge.marks.is_empty() {
            svg.halo_start(x, last + 11.0, style.stroke, "bold", "end");
            let out = &mut svg.out.text;
            out.push_str(svg.escaped.tags(edge));
            out.push_str("</text>\n");
        }
    }
}

fn draw_node(
    svg: &mut Svg<'_, '_>,
    i: usize,
    node: &ViewNode<'_>,
    placed: &Placed,
    text: &NodeText<'_>,
) {
    let style = node_style(node);
    let out = &mut svg.out.text;
    out.push_str("<g><title>");
    out.push_str(&svg.escaped.labels[i]);
    out.push('\n');
    xml_into(out, text.full_subtitle());
    if let Some(place) = text.full_place() {
        out.push('\n');
        xml_into(out, place);
    }
    out.push_str("</title>\n");
    svg.rect(placed.x, placed.y, NODE_WIDTH, placed.height, &style);
    let x = placed.x + 10.0;
    let mut y = placed.y + 10.0;
    for line in text.label() {
        y += LABEL_LINE;
        svg.text(x, y - 3.0, line, "12.5", "#111827", "bold", "start");
    }
    for line in text.subtitle() {
        y += SMALL_LINE;
        svg.text(x, y - 2.0, line, "10", "#4b5563", "normal", "start");
    }
    if text.pieces.place_lines > 0 {
        y += 4.0;
        let (colour, weight) = match node.marking() {
            Marking::ThirdCountry => ("#991b1b", "bold"),
            Marking::Adequate => ("#9a3412", "bold"),
            Marking::Unknown => ("#4b5563", "normal"),
            Marking::None => ("#374151", "normal"),
        };
        for line in text.place() {
            y += SMALL_LINE;
            svg.text(x, y - 2.0, line, "10.5", colour, weight, "start");
        }
    }
    svg.out.text.push_str("</g>\n");
}

/// What the legend shows: boxes, then lines.
enum LegendItem {
    Node(NodeStyle, &'static str),
    Edge(EdgeStyle, Option<Mark>, &'static str),
}

/// The legend's items; the two for international organisations only when the picture has one.
fn legend_items(lang: Lang, organisations: bool) -> Vec<LegendItem> {
    let mut items = vec![
        LegendItem::Node(role_style(Role::Source), LEGEND_SOURCE.get(lang)),
        LegendItem::Node(role_style(Role::Activity), LEGEND_ACTIVITY.get(lang)),
        LegendItem::Node(role_style(Role::Processor), LEGEND_PROCESSOR.get(lang)),
        LegendItem::Node(role_style(Role::Recipient), LEGEND_RECIPIENT.get(lang)),
        LegendItem::Node(
            marking_style(Marking::ThirdCountry, Role::Processor),
            LEGEND_THIRD_COUNTRY.get(lang),
        ),
        LegendItem::Node(
            marking_style(Marking::Adequate, Role::Processor),
            LEGEND_ADEQUATE.get(lang),
        ),
        LegendItem::Node(
            marking_style(Marking::Unknown, Role::Processor),
            LEGEND_UNKNOWN.get(lang),
        ),
    ];
    if organisations {
        items.push(LegendItem::Node(
            marking_style(Marking::ThirdCountry, Role::Processor),
            LEGEND_ORGANISATION.get(lang),
        ));
        items.push(LegendItem::Node(
            marking_style(Marking::Adequate, Role::Processor),
            LEGEND_ORGANISATION_ADEQUATE.get(lang),
        ));
    }
    items.push(LegendItem::Edge(
        edge_style(None),
        None,
        LEGEND_ORDINARY.get(lang),
    ));
    for mark in Mark::ALL {
        items.push(LegendItem::Edge(
            edge_style(Some(mark)),
            Some(mark),
            mark.meaning(lang),
        ));
    }
    items
}

const LEGEND_ITEM_WIDTH: f64 = 400.0;
const LEGEND_ROW: f64 = 24.0;

fn legend_columns(width: f64) -> usize {
    (((width - 2.0 * MARGIN - 24.0) / LEGEND_ITEM_WIDTH) as usize).max(1)
}

/// Where each legend item goes, as (column, row), and how many rows there are: the boxes first,
/// the lines from a row of their own.
fn legend_grid(items: &[LegendItem], columns: usize) -> (Vec<(usize, usize)>, usize) {
    let mut cells = Vec::with_capacity(items.len());
    let (mut column, mut row) = (0, 0);
    for (i, item) in items.iter().enumerate() {
        let first_line = matches!(item, LegendItem::Edge(..))
            && i > 0
            && matches!(items[i - 1], LegendItem::Node(..));
        if column == columns || (first_line && column > 0) {
            column = 0;
            row += 1;
        }
        cells.push((column, row));
        column += 1;
    }
    (cells, row + 1)
}

fn legend_height(width: f64, organisations: bool) -> f64 {
    let (_, rows) = legend_grid(
        &legend_items(Lang::En, organisations),
        legend_columns(width),
    );
    36.0 + rows as f64 * LEGEND_ROW + 12.0
}

fn draw_legend(svg: &mut Svg<'_, '_>, lang: Lang, top: f64, width: f64, organisations: bool) {
    let height = legend_height(width, organisations);
    let _ = writeln!(
        svg.out.text,
        r##"<rect x="{MARGIN:.1}" y="{top:.1}" width="{:.1}" height="{height:.1}" rx="6" fill="#ffffff" stroke="#d1d5db" stroke-width="1"/>"##,
        width - 2.0 * MARGIN
    );
    svg.text(
        MARGIN + 12.0,
        top + 22.0,
        LEGEND.get(lang),
        "12",
        "#111827",
        "bold",
        "start",
    );
    let items = legend_items(lang, organisations);
    let (cells, _) = legend_grid(&items, legend_columns(width));
    for (item, (column, row)) in items.iter().zip(cells) {
        let x = MARGIN + 12.0 + column as f64 * LEGEND_ITEM_WIDTH;
        let y = top + 36.0 + row as f64 * LEGEND_ROW;
        match item {
            LegendItem::Node(style, meaning) => {
                svg.rect(x, y, 40.0, 16.0, style);
                svg.text(
                    x + 50.0,
                    y + 12.0,
                    meaning,
                    "11",
                    "#1f2937",
                    "normal",
                    "start",
                );
            }
            LegendItem::Edge(style, mark, meaning) => {
                let _ = writeln!(
                    svg.out.text,
                    r#"<path d="M {x:.1} {:.1} L {:.1} {:.1}" fill="none" {} marker-end="url(#{})"/>"#,
                    y + 8.0,
                    x + 40.0 - ARROW,
                    y + 8.0,
                    stroke_attributes(&mut svg.numbers, style),
                    arrow_id(*mark),
                );
                let text = match mark {
                    Some(mark) => format!("{}: {meaning}", mark.tag(lang)),
                    None => meaning.to_string(),
                };
                svg.text(
                    x + 50.0,
                    y + 12.0,
                    &text,
                    "11",
                    "#1f2937",
                    "normal",
                    "start",
                );
            }
        }
    }
}

fn stroke_attributes(numbers: &mut Tenths, style: &EdgeStyle) -> String {
    let mut out = String::new();
    push_stroke_attributes(&mut out, numbers, style.stroke, style.width, style.dash);
    out
}

/// `stroke="#6b7280" stroke-width="1.3"`, and the dash pattern of a dashed line.
/// Boxes and lines alike give the three fields [`NodeStyle`] and [`EdgeStyle`] share.
fn push_stroke_attributes(
    out: &mut String,
    numbers: &mut Tenths,
    stroke: &str,
    width: f32,
    dash: Option<&str>,
) {
    out.push_str("stroke=\"");
    out.push_str(stroke);
    out.push_str("\" stroke-width=\"");
    numbers.push(out, f64::from(width));
    out.push('"');
    if let Some(dash) = dash {
        out.push_str(" stroke-dasharray=\"");
        out.push_str(dash);
        out.push('"');
    }
}

fn arrow_id(mark: Option<Mark>) -> &'static str {
    match mark {
        None => "hjemmel-flow-arrow",
        Some(Mark::Special) => "hjemmel-flow-arrow-art9",
        Some(Mark::Criminal) => "hjemmel-flow-arrow-art10",
        Some(Mark::Cpr) => "hjemmel-flow-arrow-cpr",
    }
}

/// The SVG being written, into its document.
struct Svg<'d, 'w> {
    out: &'d mut Document<'w>,
    escaped: Escaped,
    numbers: Tenths,
    /// The end of an edge's path by its strongest mark ([`mark_number`]): its stroke and arrow
    /// head, written once here rather than in seven pieces for each edge.
    edge_ends: [String; 4],
}

impl Svg<'_, '_> {
    /// `<text x=".." y=".." font-size="12.5" ...>text</text>`. `size` as the attribute says it.
    #[allow(clippy::too_many_arguments)]
    // In line: the attributes given as literals are then copied as known lengths, not by calls.
    #[inline(always)]
    fn text(
        &mut self,
        x: f64,
        y: f64,
        text: &str,
        size: &str,
        colour: &str,
        weight: &str,
        anchor: &str,
    ) {
        self.text_start(x, y, size, colour, weight, anchor);
        let out = &mut self.out.text;
        out.push_str("\">");
        xml_into(out, text);
        out.push_str("</text>\n");
    }

    /// The start of a text of 10 units with a white outline, readable over the lines it crosses;
    /// the caller writes the text, escaped, and `</text>`.
    // In line: the attributes given as literals are then copied as known lengths, not by calls.
    #[inline(always)]
    fn halo_start(&mut self, x: f64, y: f64, colour: &str, weight: &str, anchor: &str) {
        self.text_start(x, y, "10", colour, weight, anchor);
        self.out.text.push_str(
            "\" stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\">",
        );
    }

    /// `<text ... text-anchor="start`, without the closing quote.
    // In line: the attributes given as literals are then copied as known lengths, not by calls.
    #[inline(always)]
    fn text_start(&mut self, x: f64, y: f64, size: &str, colour: &str, weight: &str, anchor: &str) {
        let out = &mut self.out.text;
        out.push_str("<text x=\"");
        self.numbers.push(out, x);
        out.push_str("\" y=\"");
        self.numbers.push(out, y);
        out.push_str("\" font-size=\"");
        out.push_str(size);
        out.push_str("\" fill=\"");
        out.push_str(colour);
        out.push_str("\" font-weight=\"");
        out.push_str(weight);
        out.push_str("\" text-anchor=\"");
        out.push_str(anchor);
    }

    // In line: the attributes given as literals are then copied as known lengths, not by calls.
    #[inline(always)]
    fn rect(&mut self, x: f64, y: f64, width: f64, height: f64, style: &NodeStyle) {
        let out = &mut self.out.text;
        let numbers = &mut self.numbers;
        out.push_str("<rect x=\"");
        numbers.push(out, x);
        out.push_str("\" y=\"");
        numbers.push(out, y);
        out.push_str("\" width=\"");
        numbers.push(out, width);
        out.push_str("\" height=\"");
        numbers.push(out, height);
        out.push_str("\" rx=\"6\" fill=\"");
        out.push_str(style.fill);
        out.push_str("\" ");
        push_stroke_attributes(out, numbers, style.stroke, style.width, style.dash);
        out.push_str("/>\n");
    }

    /// The `<svg>` element's start: its size, title, arrow heads and white background.
    fn start(&mut self, view: &FlowView<'_>, width: f64, height: f64) {
        let out = &mut self.out.text;
        let _ = writeln!(
            out,
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}" role="img" font-family="{}">"#,
            xml(FONT)
        );
        let mut title = view.title();
        if let Some(subtitle) = view.subtitle() {
            title = format!("{title} ({subtitle})");
        }
        let _ = writeln!(out, "<title>{}</title>", xml(&title));
        out.push_str("<defs>\n");
        for mark in [
            None,
            Some(Mark::Special),
            Some(Mark::Criminal),
            Some(Mark::Cpr),
        ] {
            let _ = writeln!(
                out,
                r#"<marker id="{}" viewBox="0 0 10 10" refX="1" refY="5" markerWidth="{ARROW}" markerHeight="{ARROW}" markerUnits="userSpaceOnUse" orient="auto"><path d="M 0 0 L 10 5 L 0 10 z" fill="{}"/></marker>"#,
                arrow_id(mark),
                edge_style(mark).stroke
            );
        }
        out.push_str("</defs>\n");
        let _ = writeln!(
            out,
            r##"<rect x="0" y="0" width="{width:.0}" height="{height:.0}" fill="#ffffff"/>"##
        );
    }
}
