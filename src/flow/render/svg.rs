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

use rustc_hash::FxHashMap;

use super::layout::{Column, LOOP, Layout, NODE_WIDTH, Placed, Port, Route, entry_room};
use super::style::{EdgeStyle, NodeStyle, edge_style, marking_style, node_style, role_style};
use super::{FlowView, Mark, Marking, RenderOptions, Role, ViewEdge, ViewNode, wrap_words};
use crate::escape::xml;
use crate::flow::FlowGraph;
use crate::i18n::Lang;
use crate::semantic::model::{DataId, Model};
use crate::texts;
use crate::tr;

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

const FONT: &str =
    "'Helvetica Neue', Helvetica, Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif";
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
    let view = FlowView::new(model, flow, options);
    let lang = view.lang;
    let texts: Vec<NodeText> = view.nodes.iter().map(|n| NodeText::new(n, lang)).collect();
    let ports = ports(&view);
    let mut entering: Vec<Vec<&Port>> = vec![Vec::new(); view.nodes.len()];
    let mut leaving = vec![0usize; view.nodes.len()];
    for (edge, port) in view.edges.iter().zip(&ports) {
        entering[edge.to].push(port);
        leaving[edge.from] += 1;
    }
    let heights: Vec<f64> = (0..view.nodes.len())
        .map(|i| {
            let incoming = entry_room(entering[i].iter().copied());
            let outgoing = leaving[i] as f64 * PORT_OUT;
            texts[i].height().max(incoming + 10.0).max(outgoing + 10.0)
        })
        .collect();

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
    let layout = Layout::new(&view, &heights, &ports, MARGIN, top);
    let width = layout.width.max(760.0);
    let legend_top = layout.bottom + 44.0;
    let organisations = view
        .nodes
        .iter()
        .any(|n| matches!(n.place, Some(super::Place::Organisation { .. })));
    let height = legend_top + legend_height(width, organisations) + MARGIN;

    let mut svg = Svg::default();
    svg.text(
        MARGIN,
        MARGIN + 14.0,
        &view.title(),
        18.0,
        "#111827",
        "bold",
        "start",
    );
    if let Some(subtitle) = view.subtitle() {
        svg.text(
            MARGIN,
            MARGIN + 36.0,
            &subtitle,
            13.0,
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
            13.0,
            "#374151",
            "normal",
            "start",
        );
    }
    // Edges first, their labels over them, the nodes over both.
    for (edge, route) in view.edges.iter().zip(&layout.routes) {
        draw_edge(&mut svg, &view, edge, route);
    }
    for (edge, route) in view.edges.iter().zip(&layout.routes) {
        draw_edge_label(&mut svg, &view, edge, route);
    }
    for ((node, placed), text) in view.nodes.iter().zip(&layout.nodes).zip(&texts) {
        draw_node(&mut svg, &view, node, placed, text);
    }
    draw_legend(&mut svg, lang, legend_top, width, organisations);
    svg.finish(&view, width, height)
}

/// The lines of text in a node's box.
struct NodeText {
    label: Vec<String>,
    subtitle: Vec<String>,
    place: Vec<String>,
}

impl NodeText {
    fn new(node: &ViewNode<'_>, lang: Lang) -> NodeText {
        NodeText {
            label: wrap_words(node.label, LABEL_CHARS, 3),
            subtitle: wrap_words(&node.subtitle(lang), SMALL_CHARS, 2),
            place: node
                .place
                .as_ref()
                .map(|p| wrap_words(&p.describe(lang), SMALL_CHARS, 3))
                .unwrap_or_default(),
        }
    }

    fn height(&self) -> f64 {
        let place = if self.place.is_empty() {
            0.0
        } else {
            4.0 + SMALL_LINE * self.place.len() as f64
        };
        10.0 + LABEL_LINE * self.label.len() as f64
            + SMALL_LINE * self.subtitle.len() as f64
            + place
            + 8.0
    }
}

/// How each edge enters its target: edges into one node that carry the same data are a group,
/// with one label (the categories above the group, the marks below it).
fn ports(view: &FlowView<'_>) -> Vec<Port> {
    let mut groups: FxHashMap<(usize, &[DataId]), usize> = FxHashMap::default();
    view.edges
        .iter()
        .enumerate()
        .map(|(e, edge)| {
            let group = *groups.entry((edge.to, edge.data.as_slice())).or_insert(e);
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
fn draw_frame(svg: &mut Svg, title: &[String], layout: &Layout, top: f64) {
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
        svg.body,
        r##"<rect x="{x:.1}" y="{top:.1}" width="{w:.1}" height="{h:.1}" rx="10" fill="#f8fafc" stroke="#1d4ed8" stroke-width="1.2"/>"##
    );
    for (i, line) in title.iter().enumerate() {
        let y = top + 20.0 + FRAME_LINE * i as f64;
        svg.text(x + 12.0, y, line, 13.0, "#1e3a8a", "bold", "start");
    }
}

fn draw_headings(svg: &mut Svg, lang: Lang, layout: &Layout, y: f64) {
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
            svg.text(x, y, &heading, 12.0, "#4b5563", "bold", "start");
            headed.push(heading);
        }
    }
}

fn draw_edge(svg: &mut Svg, view: &FlowView<'_>, edge: &ViewEdge, route: &Route) {
    let style = edge_style(edge.strongest());
    let (x1, y1) = route.start;
    let (x2, y2) = route.end;
    let mut path = format!("M {x1:.1} {y1:.1}");
    if route.back.is_some() {
        // Against the flow: leftwards into the target's right side, or a loop out to the right.
        let out = if x1 > x2 { -60.0 } else { LOOP };
        let _ = write!(
            path,
            " C {:.1} {y1:.1} {:.1} {y2:.1} {:.1} {y2:.1}",
            x1 + out,
            x2 + out.abs(),
            x2 + ARROW
        );
    } else {
        let mut at = route.start;
        for &(left, right, y) in &route.through {
            curve(&mut path, at, (left, y));
            let _ = write!(path, " L {right:.1} {y:.1}");
            at = (right, y);
        }
        // A curve, then the label's straight run into the target.
        let run = label_run(view, edge).min(((x2 - at.0) * 0.7).max(0.0));
        curve(&mut path, at, (x2 - run, y2));
        let _ = write!(path, " L {:.1} {y2:.1}", x2 - ARROW);
    }

    let from = view.nodes[edge.from].label;
    let to = view.nodes[edge.to].label;
    let names = view.data_names(edge).join(", ");
    let title = match view.tags(edge) {
        Some(tags) => format!("{from} → {to}: {names} ({tags})"),
        None => format!("{from} → {to}: {names}"),
    };
    let _ = writeln!(
        svg.body,
        r#"<g><title>{}</title><path d="{path}" fill="none" {} marker-end="url(#{})"/></g>"#,
        xml(&title),
        stroke_attributes(&style),
        arrow_id(edge.strongest()),
    );
}

/// A curve from `a` to `b` that leaves and arrives level.
fn curve(path: &mut String, a: (f64, f64), b: (f64, f64)) {
    let reach = ((b.0 - a.0) / 2.0).max(40.0);
    let _ = write!(
        path,
        " C {:.1} {:.1} {:.1} {:.1} {:.1} {:.1}",
        a.0 + reach,
        a.1,
        b.0 - reach,
        b.1,
        b.0,
        b.1
    );
}

/// How long the straight run before the target is: the label and a little room.
fn label_run(view: &FlowView<'_>, edge: &ViewEdge) -> f64 {
    let names = view.data_summary(edge, EDGE_CHARS).chars().count();
    let tags = view.tags(edge).map_or(0, |t| t.chars().count());
    names.max(tags) as f64 * EDGE_CHAR_WIDTH + ARROW + 16.0
}

fn draw_edge_label(svg: &mut Svg, view: &FlowView<'_>, edge: &ViewEdge, route: &Route) {
    let style = edge_style(edge.strongest());
    if let Some((x, y)) = route.back {
        let mut text = view.data_summary(edge, EDGE_CHARS);
        if let Some(tags) = view.tags(edge) {
            text = format!("{text} ({tags})");
        }
        svg.halo_text(x, y, &text, 10.0, style.stroke, "normal", "start");
        return;
    }
    // One label for a group of edges: drawn by its first.
    let Some((first, last)) = route.label else {
        return;
    };
    let x = route.end.0 - ARROW - 4.0;
    svg.halo_text(
        x,
        first - 4.0,
        &view.data_summary(edge, EDGE_CHARS),
        10.0,
        "#1f2937",
        "normal",
        "end",
    );
    if let Some(tags) = view.tags(edge) {
        svg.halo_text(x, last + 11.0, &tags, 10.0, style.stroke, "bold", "end");
    }
}

fn draw_node(
    svg: &mut Svg,
    view: &FlowView<'_>,
    node: &ViewNode<'_>,
    placed: &Placed,
    text: &NodeText,
) {
    let lang = view.lang;
    let style = node_style(node);
    let mut title = format!("{}\n{}", node.label, node.subtitle(lang));
    if let Some(place) = &node.place {
        title.push('\n');
        title.push_str(&place.describe(lang));
    }
    let _ = writeln!(svg.body, "<g><title>{}</title>", xml(&title));
    svg.rect(placed.x, placed.y, NODE_WIDTH, placed.height, &style);
    let x = placed.x + 10.0;
    let mut y = placed.y + 10.0;
    for line in &text.label {
        y += LABEL_LINE;
        svg.text(x, y - 3.0, line, 12.5, "#111827", "bold", "start");
    }
    for line in &text.subtitle {
        y += SMALL_LINE;
        svg.text(x, y - 2.0, line, 10.0, "#4b5563", "normal", "start");
    }
    if !text.place.is_empty() {
        y += 4.0;
        let (colour, weight) = match node.marking() {
            Marking::ThirdCountry => ("#991b1b", "bold"),
            Marking::Adequate => ("#9a3412", "bold"),
            Marking::Unknown => ("#4b5563", "normal"),
            Marking::None => ("#374151", "normal"),
        };
        for line in &text.place {
            y += SMALL_LINE;
            svg.text(x, y - 2.0, line, 10.5, colour, weight, "start");
        }
    }
    svg.body.push_str("</g>\n");
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

fn draw_legend(svg: &mut Svg, lang: Lang, top: f64, width: f64, organisations: bool) {
    let height = legend_height(width, organisations);
    let _ = writeln!(
        svg.body,
        r##"<rect x="{MARGIN:.1}" y="{top:.1}" width="{:.1}" height="{height:.1}" rx="6" fill="#ffffff" stroke="#d1d5db" stroke-width="1"/>"##,
        width - 2.0 * MARGIN
    );
    svg.text(
        MARGIN + 12.0,
        top + 22.0,
        LEGEND.get(lang),
        12.0,
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
                    11.0,
                    "#1f2937",
                    "normal",
                    "start",
                );
            }
            LegendItem::Edge(style, mark, meaning) => {
                let _ = writeln!(
                    svg.body,
                    r#"<path d="M {x:.1} {:.1} L {:.1} {:.1}" fill="none" {} marker-end="url(#{})"/>"#,
                    y + 8.0,
                    x + 40.0 - ARROW,
                    y + 8.0,
                    stroke_attributes(style),
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
                    11.0,
                    "#1f2937",
                    "normal",
                    "start",
                );
            }
        }
    }
}

fn stroke_attributes(style: &EdgeStyle) -> String {
    let mut out = format!(
        r#"stroke="{}" stroke-width="{:.1}""#,
        style.stroke, style.width
    );
    if let Some(dash) = style.dash {
        let _ = write!(out, r#" stroke-dasharray="{dash}""#);
    }
    out
}

fn arrow_id(mark: Option<Mark>) -> &'static str {
    match mark {
        None => "hjemmel-flow-arrow",
        Some(Mark::Special) => "hjemmel-flow-arrow-art9",
        Some(Mark::Criminal) => "hjemmel-flow-arrow-art10",
        Some(Mark::Cpr) => "hjemmel-flow-arrow-cpr",
    }
}

/// The SVG being written: the body, wrapped by [`Svg::finish`].
#[derive(Default)]
struct Svg {
    body: String,
}

impl Svg {
    #[allow(clippy::too_many_arguments)]
    fn text(
        &mut self,
        x: f64,
        y: f64,
        text: &str,
        size: f64,
        colour: &str,
        weight: &str,
        anchor: &str,
    ) {
        let _ = writeln!(
            self.body,
            r#"<text x="{x:.1}" y="{y:.1}" font-size="{size}" fill="{colour}" font-weight="{weight}" text-anchor="{anchor}">{}</text>"#,
            xml(text)
        );
    }

    /// Text with a white outline, readable over the lines it crosses.
    #[allow(clippy::too_many_arguments)]
    fn halo_text(
        &mut self,
        x: f64,
        y: f64,
        text: &str,
        size: f64,
        colour: &str,
        weight: &str,
        anchor: &str,
    ) {
        let _ = writeln!(
            self.body,
            r##"<text x="{x:.1}" y="{y:.1}" font-size="{size}" fill="{colour}" font-weight="{weight}" text-anchor="{anchor}" stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke">{}</text>"##,
            xml(text)
        );
    }

    fn rect(&mut self, x: f64, y: f64, width: f64, height: f64, style: &NodeStyle) {
        let dash = style
            .dash
            .map(|d| format!(r#" stroke-dasharray="{d}""#))
            .unwrap_or_default();
        let _ = writeln!(
            self.body,
            r#"<rect x="{x:.1}" y="{y:.1}" width="{width:.1}" height="{height:.1}" rx="6" fill="{}" stroke="{}" stroke-width="{:.1}"{dash}/>"#,
            style.fill, style.stroke, style.width
        );
    }

    fn finish(self, view: &FlowView<'_>, width: f64, height: f64) -> String {
        let mut out = String::with_capacity(self.body.len() + 2048);
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
        out.push_str(&self.body);
        out.push_str("</svg>\n");
        out
    }
}
