//! Pictures of the flow graph: who sends which personal data to whom, as Graphviz DOT ([`dot`]), a
//! Mermaid flowchart ([`mermaid`]) or a self-contained SVG picture ([`svg`]).
//!
//! All three draw one [`FlowView`], made from the [`Model`] and its [`FlowGraph`]: the sources, the
//! controller's activities, its processors and sub-processors and the recipients, joined by edges
//! labelled with the data categories that flow along them. A party's node says where it is and
//! whether that is a third country (outside the EU/EEA), with or without an adequacy decision; an
//! edge says whether it carries special categories (GDPR art. 9), data on criminal offences
//! (art. 10) or CPR numbers (DBL § 11). With [`RenderOptions::category`], only the flows that carry
//! that category are drawn.
//!
//! Each format is one function of the same shape:
//!
//! ```ignore
//! hjemmel::flow::render::svg::render(&model, &flow, &RenderOptions::default()) -> String
//! hjemmel::flow::render::dot::render(&model, &flow, &options) -> String
//! hjemmel::flow::render::mermaid::render(&model, &flow, &options) -> String
//! ```
//!
//! and `write_to(&model, &flow, &options, &mut out) -> io::Result<()>`, which writes the same text
//! piece by piece, as `hjemmel graph` does: the picture of a large spec is never held whole.

mod document;
pub mod dot;
mod layout;
mod levels;
pub mod mermaid;
mod number;
mod style;
pub mod svg;

use std::ops::Deref;
use std::sync::Arc;

use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;

use super::{Flow, FlowGraph, Node, processor_chain};
use crate::diagnostic::did_you_mean;
use crate::i18n::Lang;
use crate::law::countries::{CountryRef, Zone, countries};
use crate::law::vocabulary::DataClass;
use crate::semantic::model::{DataId, Model};
use crate::texts;
use crate::tr;

texts! {
    /// The kind of a node, under its name.
    SOURCE = ("source", "kilde"),
    ACTIVITY = ("activity", "behandlingsaktivitet"),
    PROCESSOR = ("processor", "databehandler"),
    SUBPROCESSOR = ("sub-processor", "underdatabehandler"),
    RECIPIENT = ("recipient", "modtager"),
    /// The frame around the activities.
    CONTROLLER = ("Controller: {name}", "Dataansvarlig: {name}"),
    /// The title of a picture.
    TITLE = ("{name}: flow of personal data", "{name}: strømme af personoplysninger"),
    /// Under the title when `--category` is given.
    ONLY_CATEGORY = (
        "only the flows that carry `{category}`",
        "kun de strømme, der indeholder `{category}`",
    ),
    /// Where a party is. `{country}` is `India (IN)`.
    PLACE_EEA = ("{country}, EU/EEA", "{country}, EU/EØS"),
    PLACE_ADEQUATE_WHOLE = (
        "third country: {country}, adequacy decision",
        "tredjeland: {country}, tilstrækkelighedsafgørelse",
    ),
    PLACE_ADEQUATE_PART = (
        "third country: {country}, adequacy decision for some importers only",
        "tredjeland: {country}, tilstrækkelighedsafgørelse kun for visse modtagere",
    ),
    PLACE_NO_ADEQUACY = (
        "third country: {country}, no adequacy decision",
        "tredjeland: {country}, ingen tilstrækkelighedsafgørelse",
    ),
    PLACE_OUTSIDE_EEA = (
        "third country, not named: outside the EU/EEA",
        "tredjeland, ikke navngivet: uden for EU/EØS",
    ),
    PLACE_UNKNOWN = ("country unknown", "land ukendt"),
    /// `{organisation}` is `European Patent Organisation (EPO)`.
    PLACE_ORGANISATION_ADEQUATE = (
        "international organisation: {organisation}, adequacy decision",
        "international organisation: {organisation}, tilstrækkelighedsafgørelse",
    ),
    PLACE_ORGANISATION = (
        "international organisation: {organisation}, no adequacy decision",
        "international organisation: {organisation}, ingen tilstrækkelighedsafgørelse",
    ),
    PLACE_NOT_STATED = ("country not stated", "land ikke oplyst"),
    /// The short marks on an edge, and what they mean in a legend.
    TAG_SPECIAL = ("art. 9", "art. 9"),
    TAG_CRIMINAL = ("art. 10", "art. 10"),
    TAG_CPR = ("CPR", "CPR"),
    MEANING_SPECIAL = (
        "special categories of personal data (art. 9)",
        "særlige kategorier af personoplysninger (art. 9)",
    ),
    MEANING_CRIMINAL = (
        "data on criminal convictions and offences (art. 10)",
        "oplysninger om strafbare forhold (art. 10)",
    ),
    MEANING_CPR = ("CPR numbers (DBL § 11)", "CPR-numre (databeskyttelseslovens § 11)"),
    /// After the first few categories on a crowded edge.
    MORE = ("+{count} more", "+{count} flere"),
    /// `hjemmel graph --category X` with an X the spec does not declare.
    UNKNOWN_CATEGORY = (
        "no data category is named `{name}`",
        "ingen kategori af personoplysninger hedder `{name}`",
    ),
    DID_YOU_MEAN = ("did you mean `{name}`?", "mente du `{name}`?"),
    VALID_CATEGORIES = (
        "the data categories of this spec: {names}",
        "specens kategorier af personoplysninger: {names}",
    ),
    NO_CATEGORIES = (
        "this spec declares no data categories",
        "specen angiver ingen kategorier af personoplysninger",
    ),
}

/// What to draw, and in which language.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RenderOptions {
    /// Only the flows that carry this category (from [`find_category`]); every flow when `None`.
    pub category: Option<DataId>,
    /// The language of the words in the picture.
    pub lang: Lang,
}

/// A `--category` that names no data category of the spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownCategory {
    pub name: String,
    /// The closest declared name, when it is close enough to be a likely typo.
    pub suggestion: Option<String>,
    /// Every declared category, in declaration order.
    pub valid: Vec<String>,
}

impl UnknownCategory {
    /// `no data category is named `x``.
    pub fn message(&self, lang: Lang) -> String {
        tr!(lang, UNKNOWN_CATEGORY, name = self.name)
    }

    /// The closest name, if any, and the list of every valid one.
    pub fn help(&self, lang: Lang) -> String {
        let list = if self.valid.is_empty() {
            tr!(lang, NO_CATEGORIES)
        } else {
            let names: Vec<String> = self.valid.iter().map(|n| format!("`{n}`")).collect();
            tr!(lang, VALID_CATEGORIES, names = names.join(", "))
        };
        match &self.suggestion {
            Some(close) => format!("{} {list}", tr!(lang, DID_YOU_MEAN, name = close)),
            None => list,
        }
    }
}

/// The data category declared as `name`.
pub fn find_category(model: &Model, name: &str) -> Result<DataId, UnknownCategory> {
    if let Some(i) = model.data.iter().position(|d| d.name.node == name) {
        return Ok(DataId(i as u32));
    }
    let names = model.data.iter().map(|d| d.name.node.as_str());
    Err(UnknownCategory {
        name: name.to_string(),
        suggestion: did_you_mean(name, names.clone()).map(str::to_string),
        valid: names.map(str::to_string).collect(),
    })
}

/// What a node stands for; also the order of the columns of a picture.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    Source,
    Activity,
    Processor,
    Subprocessor,
    Recipient,
}

impl Role {
    /// `processor`, `databehandler`: the kind of node, under its name.
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            Role::Source => SOURCE,
            Role::Activity => ACTIVITY,
            Role::Processor => PROCESSOR,
            Role::Subprocessor => SUBPROCESSOR,
            Role::Recipient => RECIPIENT,
        }
        .get(lang)
    }

    /// The first part of a node's key: processors and their sub-processors share one namespace.
    fn key_prefix(self) -> &'static str {
        match self {
            Role::Source => "source",
            Role::Activity => "activity",
            Role::Processor | Role::Subprocessor => "processor",
            Role::Recipient => "recipient",
        }
    }
}

/// Where a party is, as a reader of the picture needs to know it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// In the EU/EEA: no transfer.
    Eea(String),
    /// A third country whose adequacy decision covers every importer there.
    AdequateWhole(String),
    /// A third country whose adequacy decision covers only some importers (CA, JP, KR, US, ...).
    AdequatePart(String),
    /// A third country without an adequacy decision.
    NoAdequacy(String),
    /// `outside_eea`: a third country, not named.
    OutsideEea,
    /// `unknown`.
    Unknown,
    /// A processor without a `country` line.
    NotStated,
    /// `international organisation EPO`: outside the EU/EEA for Chapter V, with or without an adequacy
    /// decision.
    Organisation { code: String, adequate: bool },
}

/// How a party's node is marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marking {
    /// Nothing to mark: in the EU/EEA, or a recipient whose country is not given.
    None,
    /// A third country with an adequacy decision.
    Adequate,
    /// A third country without an adequacy decision, or one not named.
    ThirdCountry,
    /// The spec does not say where.
    Unknown,
}

impl Place {
    /// The place of a party from its `country` (`None`: the spec gives none).
    pub fn of(country: Option<&CountryRef>) -> Place {
        let Some(country) = country else {
            return Place::NotStated;
        };
        match (country, country.zone()) {
            (CountryRef::Code(code), Zone::Eea) => Place::Eea(code.clone()),
            (CountryRef::Code(code), _) => match countries().adequacy(code) {
                Some(a) if a.covers_every_importer() => Place::AdequateWhole(code.clone()),
                Some(_) => Place::AdequatePart(code.clone()),
                None => Place::NoAdequacy(code.clone()),
            },
            (CountryRef::OutsideEea, _) => Place::OutsideEea,
            (CountryRef::Unknown, _) => Place::Unknown,
            (CountryRef::Organisation(code), _) => Place::Organisation {
                code: code.clone(),
                adequate: countries()
                    .adequacy_of(country)
                    .is_some_and(|a| a.covers_every_importer()),
            },
        }
    }

    pub fn marking(&self) -> Marking {
        match self {
            Place::Eea(_) => Marking::None,
            Place::AdequateWhole(_) | Place::AdequatePart(_) => Marking::Adequate,
            Place::Organisation { adequate: true, .. } => Marking::Adequate,
            Place::Organisation {
                adequate: false, ..
            } => Marking::ThirdCountry,
            Place::NoAdequacy(_) | Place::OutsideEea => Marking::ThirdCountry,
            Place::Unknown | Place::NotStated => Marking::Unknown,
        }
    }

    /// Outside the EU/EEA, known or not named.
    pub fn is_third_country(&self) -> bool {
        matches!(self.marking(), Marking::Adequate | Marking::ThirdCountry)
    }

    /// `third country: India (IN), no adequacy decision`.
    pub fn describe(&self, lang: Lang) -> String {
        let named = |code: &str| match countries().get(code) {
            Some(c) => format!("{} ({code})", c.name_in(lang)),
            None => code.to_string(),
        };
        match self {
            Place::Eea(code) => tr!(lang, PLACE_EEA, country = named(code)),
            Place::AdequateWhole(code) => tr!(lang, PLACE_ADEQUATE_WHOLE, country = named(code)),
            Place::AdequatePart(code) => tr!(lang, PLACE_ADEQUATE_PART, country = named(code)),
            Place::NoAdequacy(code) => tr!(lang, PLACE_NO_ADEQUACY, country = named(code)),
            Place::OutsideEea => tr!(lang, PLACE_OUTSIDE_EEA),
            Place::Unknown => tr!(lang, PLACE_UNKNOWN),
            Place::NotStated => tr!(lang, PLACE_NOT_STATED),
            Place::Organisation { code, adequate } => {
                let organisation = match countries().organisation(code) {
                    Some(o) => format!("{} ({code})", o.name_in(lang)),
                    None => code.clone(),
                };
                let text = if *adequate {
                    PLACE_ORGANISATION_ADEQUATE
                } else {
                    PLACE_ORGANISATION
                };
                tr!(lang, text, organisation = organisation)
            }
        }
    }
}

/// Data on an edge that the law treats with particular care, in order of weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Mark {
    /// Special categories of personal data, GDPR art. 9.
    Special,
    /// Criminal convictions and offences, GDPR art. 10.
    Criminal,
    /// CPR numbers, DBL § 11.
    Cpr,
}

impl Mark {
    pub const ALL: [Mark; 3] = [Mark::Special, Mark::Criminal, Mark::Cpr];

    /// `art. 9`: the mark written on an edge.
    pub fn tag(self, lang: Lang) -> &'static str {
        match self {
            Mark::Special => TAG_SPECIAL,
            Mark::Criminal => TAG_CRIMINAL,
            Mark::Cpr => TAG_CPR,
        }
        .get(lang)
    }

    /// What the mark means, for a legend.
    pub fn meaning(self, lang: Lang) -> &'static str {
        match self {
            Mark::Special => MEANING_SPECIAL,
            Mark::Criminal => MEANING_CRIMINAL,
            Mark::Cpr => MEANING_CPR,
        }
        .get(lang)
    }

    fn of(class: DataClass) -> Option<Mark> {
        match class {
            DataClass::Special => Some(Mark::Special),
            DataClass::Criminal => Some(Mark::Criminal),
            DataClass::Cpr => Some(Mark::Cpr),
            DataClass::Ordinary | DataClass::Confidential => None,
        }
    }
}

/// The marks of an edge's data, weightiest first, each once: at most the three there are, kept in
/// place rather than in a `Vec` of their own for each of the hundreds of thousands of edges of a
/// large picture. Read as a slice.
#[derive(Debug, Clone, Copy)]
pub struct Marks {
    marks: [Mark; Mark::ALL.len()],
    len: u8,
}

impl Marks {
    /// The marks of the categories `data`.
    fn of(model: &Model, data: &[DataId]) -> Marks {
        let mut carried = [false; Mark::ALL.len()];
        for d in data {
            if let Some(mark) = Mark::of(model.data(*d).class) {
                carried[mark as usize] = true;
            }
        }
        let mut marks = Marks {
            marks: Mark::ALL,
            len: 0,
        };
        // In order of weight, each once.
        for mark in Mark::ALL.into_iter().filter(|&m| carried[m as usize]) {
            marks.marks[marks.len as usize] = mark;
            marks.len += 1;
        }
        marks
    }
}

impl Deref for Marks {
    type Target = [Mark];

    fn deref(&self) -> &[Mark] {
        &self.marks[..usize::from(self.len)]
    }
}

/// Equal when they hold the same marks: the places after the last are not compared.
impl PartialEq for Marks {
    fn eq(&self, other: &Marks) -> bool {
        **self == **other
    }
}

impl Eq for Marks {}

/// A party in the picture.
#[derive(Debug, Clone)]
pub struct ViewNode<'m> {
    /// The node of the flow graph it draws.
    pub node: Node,
    pub role: Role,
    /// `processor:hosting`: unique in the picture, stable from run to run.
    pub key: String,
    /// The name declared in the spec (`hosting`).
    pub name: &'m str,
    /// The text declared with it (`"Hosting GmbH"`).
    pub label: &'m str,
    /// The kind of a source or recipient: the keyword the spec writes (`register`, `authority`),
    /// with its Danish word.
    pub kind: Option<crate::i18n::Text>,
    /// Where a processor or recipient is; `None` for sources, activities (the controller's) and
    /// recipients whose country the spec does not give.
    pub place: Option<Place>,
}

impl ViewNode<'_> {
    /// `sub-processor · hosting`, `source · register · cpr_register`: the line under the label.
    pub fn subtitle(&self, lang: Lang) -> String {
        let mut subtitle = String::with_capacity(self.role.name(lang).len() + self.name.len() + 40);
        self.push_subtitle(&mut subtitle, lang);
        subtitle
    }

    /// [`ViewNode::subtitle`], appended to `out`.
    pub fn push_subtitle(&self, out: &mut String, lang: Lang) {
        // Pieces pushed, not formatted: a picture makes one for each of its thousands of nodes.
        out.push_str(self.role.name(lang));
        if let Some(kind) = self.kind {
            out.push_str(" · ");
            out.push_str(kind.get(lang));
        }
        out.push_str(" · ");
        out.push_str(self.name);
    }

    pub fn marking(&self) -> Marking {
        self.place.as_ref().map_or(Marking::None, Place::marking)
    }
}

/// Data flowing from one node to another.
#[derive(Debug, Clone)]
pub struct ViewEdge {
    /// Indexes into [`FlowView::nodes`].
    pub from: usize,
    pub to: usize,
    /// The categories carried, in declaration order (only the chosen one under `--category`):
    /// the flow's own list, shared, not a copy for each edge.
    pub data: Arc<[DataId]>,
    /// The marks of the data carried, weightiest first.
    pub marks: Marks,
}

impl ViewEdge {
    /// The weightiest mark, which decides how the edge is drawn.
    pub fn strongest(&self) -> Option<Mark> {
        self.marks.first().copied()
    }
}

/// The flow graph as the pictures draw it.
#[derive(Debug, Clone)]
pub struct FlowView<'m> {
    pub model: &'m Model,
    pub lang: Lang,
    /// The category chosen with `--category`.
    pub category: Option<DataId>,
    /// Where the controller is (it holds the activities).
    pub controller_place: Place,
    /// Sources, activities, processors (each followed by its sub-processors), recipients, each
    /// group in declaration order.
    pub nodes: Vec<ViewNode<'m>>,
    /// Sorted by the order of their nodes.
    pub edges: Vec<ViewEdge>,
}

impl<'m> FlowView<'m> {
    /// The nodes and edges to draw. Without a category: every activity, and every other party that
    /// data flows to or from. With one: the edges that carry it, the nodes they join, and the
    /// activities that process it.
    pub fn new(model: &'m Model, flow: &FlowGraph, options: &RenderOptions) -> FlowView<'m> {
        let carries = |flow: &Flow| options.category.is_none_or(|c| flow.carries(c));
        let mut wanted = vec![false; flow.graph.node_count()];
        for edge in flow.graph.edge_references() {
            if carries(edge.weight()) {
                wanted[edge.source().index()] = true;
                wanted[edge.target().index()] = true;
            }
        }
        for index in flow.graph.node_indices() {
            if let Node::Activity(id) = flow.graph[index] {
                let activity = &model.activities[id.index()];
                wanted[index.index()] |= options
                    .category
                    .is_none_or(|c| activity.data.iter().any(|d| d.id == c));
            }
        }

        let mut order: Vec<NodeIndex> = flow
            .graph
            .node_indices()
            .filter(|i| wanted[i.index()])
            .collect();
        // Node indices follow declaration order within each kind (FlowGraph::build); the kinds go
        // in the order of the columns.
        order.sort_by_key(|&i| (role_of(model, flow.graph[i]), i.index()));
        let mut position = vec![usize::MAX; flow.graph.node_count()];
        for (at, index) in order.iter().enumerate() {
            position[index.index()] = at;
        }
        let nodes = order
            .iter()
            .map(|&index| view_node(model, flow, index))
            .collect();

        // Sorted by their nodes before they are made: a key per edge (its nodes and its place among
        // the graph's edges, so that edges between the same nodes keep their order, as a stable sort
        // keeps it) sorts faster than the edges themselves, each with its lists.
        let all: Vec<_> = flow.graph.edge_references().collect();
        let mut keys: Vec<u128> = all
            .iter()
            .enumerate()
            .filter(|(_, e)| carries(e.weight()))
            .map(|(at, e)| {
                let (from, to) = (position[e.source().index()], position[e.target().index()]);
                (from as u128) << 80 | (to as u128) << 40 | at as u128
            })
            .collect();
        keys.sort_unstable();
        // Under `--category`, every edge carries the one list of the chosen category.
        let chosen: Option<(Arc<[DataId]>, Marks)> = options.category.map(|c| {
            let data: Arc<[DataId]> = Arc::from([c]);
            let marks = Marks::of(model, &data);
            (data, marks)
        });
        let edges: Vec<ViewEdge> = keys
            .iter()
            .map(|&key| {
                let e = all[(key & ((1 << 40) - 1)) as usize];
                let (data, marks) = match &chosen {
                    Some((data, marks)) => (Arc::clone(data), *marks),
                    None => {
                        let data = &e.weight().data;
                        (Arc::clone(data), Marks::of(model, data))
                    }
                };
                ViewEdge {
                    from: position[e.source().index()],
                    to: position[e.target().index()],
                    data,
                    marks,
                }
            })
            .collect();
        drop(all);

        FlowView {
            model,
            lang: options.lang,
            category: options.category,
            controller_place: Place::of(Some(&model.controller.country)),
            nodes,
            edges,
        }
    }

    /// `Controller: Lejre Kommune (DK)`.
    pub fn controller_title(&self) -> String {
        let controller = &self.model.controller;
        let name = match &controller.country {
            CountryRef::Code(code) => format!("{} ({code})", controller.label.node),
            _ => controller.label.node.to_string(),
        };
        tr!(self.lang, CONTROLLER, name = name)
    }

    /// `Lejre Kommune: flow of personal data`.
    pub fn title(&self) -> String {
        tr!(self.lang, TITLE, name = self.model.controller.label.node)
    }

    /// Under the title, when the picture shows one category only.
    pub fn subtitle(&self) -> Option<String> {
        self.category.map(|c| {
            tr!(
                self.lang,
                ONLY_CATEGORY,
                category = self.model.data(c).name.node
            )
        })
    }

    /// The names of the categories on an edge.
    pub fn data_names(&self, edge: &ViewEdge) -> Vec<&'m str> {
        edge.data
            .iter()
            .map(|d| self.model.data(*d).name.node.as_str())
            .collect()
    }

    /// `art. 9 · CPR`: the marks of an edge in words, or `None` when it carries none.
    pub fn tags(&self, edge: &ViewEdge) -> Option<String> {
        if edge.marks.is_empty() {
            return None;
        }
        let tags: Vec<&str> = edge.marks.iter().map(|m| m.tag(self.lang)).collect();
        Some(tags.join(" · "))
    }

    /// The lines of [`FlowView::edge_label_lines`] appended to `out` as they are made, each piece
    /// through `escape`, the lines joined by `line_break` (the text and DOT/Mermaid pictures).
    pub fn push_edge_label(
        &self,
        out: &mut String,
        edge: &ViewEdge,
        width: usize,
        line_break: &str,
        escape: fn(&mut String, &str),
    ) {
        let mut first_line = true;
        for (i, mark) in edge.marks.iter().enumerate() {
            if i > 0 {
                out.push_str(" · ");
            }
            escape(out, mark.tag(self.lang));
            first_line = false;
        }
        let names = self.data_names(edge);
        let mut at = 0;
        for count in list_lines(&names, width) {
            if !first_line {
                out.push_str(line_break);
            }
            first_line = false;
            for (i, name) in names[at..at + count].iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                escape(out, name);
            }
            at += count;
            if at < names.len() {
                out.push(',');
            }
        }
    }

    /// An edge's label as lines of about `width` characters: the marks first, then every category.
    pub fn edge_label_lines(&self, edge: &ViewEdge, width: usize) -> Vec<String> {
        let mut lines: Vec<String> = self.tags(edge).into_iter().collect();
        lines.extend(wrap_list(&self.data_names(edge), width));
        lines
    }

    /// The categories of an edge in at most `width` characters: as many names as fit, then
    /// `+3 more`. At least one name is shown, however long.
    pub fn data_summary(&self, edge: &ViewEdge, width: usize) -> String {
        let mut shown = String::new();
        self.data_summary_into(&mut shown, edge, width);
        shown
    }

    /// [`FlowView::data_summary`], appended to `out`; its length in characters.
    pub fn data_summary_into(&self, out: &mut String, edge: &ViewEdge, width: usize) -> usize {
        let name = |i: usize| self.model.data(edge.data[i]).name.node.as_str();
        let (names_shown, mut shown_chars) =
            self.summary_names(edge, width, |i| name(i).chars().count());
        for i in 0..names_shown {
            if i > 0 {
                out.push_str(", ");
            }
            out.push_str(name(i));
        }
        if names_shown < edge.data.len() {
            out.push_str(", ");
            let start = out.len();
            push_more(out, self.lang, edge.data.len() - names_shown);
            shown_chars += 2 + out[start..].chars().count();
        }
        shown_chars
    }

    /// How many of an edge's categories [`FlowView::data_summary`] shows, and their length in
    /// characters joined by `, ` (without the `, +3 more` after them). `chars` gives the length of
    /// the `i`th category's name, so that a picture can count each name once, not once per edge.
    pub fn summary_names(
        &self,
        edge: &ViewEdge,
        width: usize,
        chars: impl Fn(usize) -> usize,
    ) -> (usize, usize) {
        let count = edge.data.len();
        if count == 0 {
            return (0, 0);
        }
        // `, +12 more`: the words of `+{count} more` and the digits of the count.
        let more_words = MORE.get(self.lang).chars().count() - "{count}".len();
        let more = |rest: usize| {
            if rest == 0 {
                0
            } else {
                2 + more_words + rest.ilog10() as usize + 1
            }
        };
        let mut shown_chars = chars(0);
        let mut names_shown = 1;
        while names_shown < count {
            let next = shown_chars + 2 + chars(names_shown);
            if next + more(count - names_shown - 1) > width {
                break;
            }
            shown_chars = next;
            names_shown += 1;
        }
        (names_shown, shown_chars)
    }
}

/// `+12 more` ([`MORE`]) appended to `out`: its words around the count, without filling the
/// template for each of the thousands of edges that have one.
pub fn push_more(out: &mut String, lang: Lang, rest: usize) {
    // Found by its braces (a byte search each), not by the placeholder's name (a string search,
    // set up anew each time).
    let template = MORE.get(lang);
    match (template.find('{'), template.find('}')) {
        (Some(open), Some(close)) if &template[open..=close] == "{count}" => {
            out.push_str(&template[..open]);
            number::push_usize(out, rest);
            out.push_str(&template[close + 1..]);
        }
        _ => out.push_str(&tr!(lang, MORE, count = rest)),
    }
}

/// Items joined by `, ` into lines of about `width` characters (an item is never split).
pub fn wrap_list(items: &[&str], width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut at = 0;
    for count in list_lines(items, width) {
        let mut line = items[at..at + count].join(", ");
        at += count;
        if at < items.len() {
            line.push(',');
        }
        lines.push(line);
    }
    lines
}

/// How many items each line of [`wrap_list`] holds: a line is its items joined by `, `, with a
/// `,` after its last unless that is the last item of all.
pub fn list_lines<'a>(items: &'a [&'a str], width: usize) -> impl Iterator<Item = usize> + 'a {
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= items.len() {
            return None;
        }
        let mut end = start;
        let mut line_chars = 0;
        while end < items.len() {
            let comma = usize::from(end + 1 < items.len());
            let piece = items[end].chars().count() + comma;
            if end > start && line_chars + 1 + piece > width {
                break;
            }
            line_chars += piece + usize::from(end > start);
            end += 1;
        }
        let count = end - start;
        start = end;
        Some(count)
    })
}

/// Words of `text` in lines of at most `width` characters (a longer word gets a line of its own);
/// at most `max_lines` lines, the last ending in `…` when text is left over.
pub fn wrap_words(text: &str, width: usize, max_lines: usize) -> Vec<String> {
    let mut lines = String::with_capacity(text.len() + 3);
    let mut ends = Vec::with_capacity(max_lines.min(8));
    wrap_words_into(text, width, max_lines, &mut lines, &mut ends);
    let mut start = 0;
    ends.into_iter()
        .map(|end| {
            let line = lines[start..end].to_owned();
            start = end;
            line
        })
        .collect()
}

/// The lines of [`wrap_words`] appended to `out`, one after the other, with the end of each pushed
/// to `ends` (a line begins where the one before it ends, the first at the length `out` had);
/// how many lines there are. No `String` per line: a picture wraps three texts for each of its
/// thousands of nodes and keeps them until it draws them.
pub fn wrap_words_into(
    text: &str,
    width: usize,
    max_lines: usize,
    out: &mut String,
    ends: &mut Vec<usize>,
) -> usize {
    match plain_spacing(text) {
        // The usual line of a picture: its words a space apart, its characters counted by bytes.
        Some(spacing) => {
            if max_lines > 0 && spacing.one_line(width) {
                out.push_str(text);
                ends.push(out.len());
                return 1;
            }
            wrap_counted_words(SpacedWords { text, at: 0 }, width, max_lines, out, ends)
        }
        None => {
            if max_lines > 0 && fits_one_line(text, width) {
                out.push_str(text);
                ends.push(out.len());
                return 1;
            }
            let words = text.split_whitespace();
            wrap_counted_words(
                words.map(|w| (w, w.chars().count())),
                width,
                max_lines,
                out,
                ends,
            )
        }
    }
}

/// [`wrap_words_into`] of the words `words`, each with its length in characters.
fn wrap_counted_words<'t>(
    words: impl Iterator<Item = (&'t str, usize)>,
    width: usize,
    max_lines: usize,
    out: &mut String,
    ends: &mut Vec<usize>,
) -> usize {
    let mut lines = 0;
    let mut line_start = out.len();
    let mut last_start = line_start;
    let mut line_chars = 0;
    // Whether text is left over once `max_lines` lines are full.
    let mut left_over = false;
    for (word, word_chars) in words {
        if line_chars > 0 && line_chars + 1 + word_chars > width {
            if lines == max_lines {
                left_over = true;
                break;
            }
            end_line(out, line_start, line_chars, width);
            ends.push(out.len());
            lines += 1;
            (last_start, line_start, line_chars) = (line_start, out.len(), 0);
        }
        if line_chars > 0 {
            out.push(' ');
            line_chars += 1;
        }
        out.push_str(word);
        line_chars += word_chars;
    }
    if !left_over && line_chars > 0 {
        if lines == max_lines {
            left_over = true;
        } else {
            end_line(out, line_start, line_chars, width);
            ends.push(out.len());
            lines += 1;
        }
    }
    if left_over {
        // The line begun is dropped, and the last one kept is cut short and ends in `…`.
        out.truncate(line_start);
        if lines > 0 {
            out.truncate(last_start + chars_prefix(&out[last_start..], width.saturating_sub(1)));
            while out.len() > last_start && out.ends_with([',', ' ', ':', ';']) {
                out.pop();
            }
            out.push('…');
            if let Some(end) = ends.last_mut() {
                *end = out.len();
            }
        }
    }
    lines
}

/// How the words of a text are apart, found in one pass over its bytes by [`plain_spacing`].
struct Spacing {
    /// The text's length in characters.
    chars: usize,
    /// Not empty, and its words one space apart, with none before or after them.
    single: bool,
}

impl Spacing {
    /// Whether the text is its own one line of `width` characters ([`fits_one_line`]).
    fn one_line(&self, width: usize) -> bool {
        self.single && self.chars <= width
    }
}

/// The spacing of `text` if the ASCII space is its only white space, so that its words are the
/// pieces between spaces; `None` if it may hold other white space (a tab, a no-break space, an
/// ideographic space: any character that `char::is_whitespace` takes), which the word-by-word
/// path reads. A byte at a time with the test in line: most texts of a picture are a few words of
/// letters, and decoding each character to ask `is_whitespace` cost more than the rest.
fn plain_spacing(text: &str) -> Option<Spacing> {
    let bytes = text.as_bytes();
    let mut chars = 0;
    let mut single = true;
    let mut after_space = true;
    for (i, &byte) in bytes.iter().enumerate() {
        // Most bytes are ASCII letters, digits and punctuation.
        if byte > b' ' && byte < 0x80 {
            after_space = false;
            chars += 1;
            continue;
        }
        if byte == b' ' {
            single &= !after_space;
            after_space = true;
            chars += 1;
            continue;
        }
        after_space = false;
        if byte < 0x80 {
            // Tab, line feed, vertical tab, form feed, carriage return.
            if (0x09..=0x0d).contains(&byte) {
                return None;
            }
            chars += 1;
        } else if byte >= 0xc0 {
            chars += 1;
            // The other white space of Unicode begins C2 85 and C2 A0 (U+0085, U+00A0),
            // E1 9A (U+1680), E2 80 and E2 81 (U+2000–U+200A, U+2028, U+2029, U+202F, U+205F),
            // E3 80 (U+3000); a few characters that are not white space begin so too (`…`, `—`),
            // and take the longer path.
            let next = bytes.get(i + 1).copied().unwrap_or(0);
            let may_be_space = match byte {
                0xc2 => next == 0x85 || next == 0xa0,
                0xe1..=0xe3 => matches!(next, 0x80 | 0x81 | 0x9a),
                _ => false,
            };
            if may_be_space {
                return None;
            }
        }
    }
    Some(Spacing {
        chars,
        single: single && !after_space,
    })
}

/// The words of a text whose only white space is the ASCII space ([`plain_spacing`]), each with
/// its length in characters: the bytes between spaces, counted as they are read (the bytes that
/// begin a character), instead of a search for the next space and a count of each word after it.
struct SpacedWords<'t> {
    text: &'t str,
    /// Where the next word is looked for.
    at: usize,
}

impl<'t> Iterator for SpacedWords<'t> {
    type Item = (&'t str, usize);

    fn next(&mut self) -> Option<(&'t str, usize)> {
        let bytes = self.text.as_bytes();
        let mut at = self.at;
        while at < bytes.len() && bytes[at] == b' ' {
            at += 1;
        }
        let start = at;
        let mut chars = 0;
        while at < bytes.len() && bytes[at] != b' ' {
            chars += usize::from((bytes[at] as i8) >= -0x40);
            at += 1;
        }
        self.at = at;
        // A space is a whole character, so both ends lie between characters.
        (start < at).then(|| (&self.text[start..at], chars))
    }
}

/// Ends the line that begins at `start` in `out`, of `chars` characters: one longer than `width`
/// (a single long word) is cut to `width` with a `…`.
fn end_line(out: &mut String, start: usize, chars: usize, width: usize) {
    if chars > width {
        out.truncate(start + chars_prefix(&out[start..], width.saturating_sub(1)));
        out.push('…');
    }
}

/// The length in bytes of the first `count` characters of `text` (all of it if it has fewer).
fn chars_prefix(text: &str, count: usize) -> usize {
    text.char_indices()
        .nth(count)
        .map_or(text.len(), |(at, _)| at)
}

/// [`wrap_words`] as it was first written, a `String` per line: what the tests compare it with.
#[cfg(test)]
fn wrap_word_by_word(text: &str, width: usize, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    // Each line with room for the whole text, so that it is not grown word by word.
    let mut line = String::with_capacity(text.len());
    let mut line_chars = 0;
    for word in text.split_whitespace() {
        let word_chars = word.chars().count();
        if !line.is_empty() && line_chars + 1 + word_chars > width {
            lines.push(std::mem::replace(
                &mut line,
                String::with_capacity(text.len()),
            ));
            line_chars = 0;
            // Text is left over: the lines are cut below, whatever follows.
            if lines.len() > max_lines {
                break;
            }
        }
        if !line.is_empty() {
            line.push(' ');
            line_chars += 1;
        }
        line.push_str(word);
        line_chars += word_chars;
    }
    if !line.is_empty() && lines.len() <= max_lines {
        lines.push(line);
    }
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        if let Some(last) = lines.last_mut() {
            let kept: String = last.chars().take(width.saturating_sub(1)).collect();
            *last = format!("{}…", kept.trim_end_matches([',', ' ', ':', ';']));
        }
    }
    lines
        .into_iter()
        .map(|l| {
            if l.chars().count() > width {
                let kept: String = l.chars().take(width.saturating_sub(1)).collect();
                format!("{kept}…")
            } else {
                l
            }
        })
        .collect()
}

/// Whether [`wrap_words`] gives `text` itself as its one line: it is not empty, has at most
/// `width` characters, and its words are apart by one space, with none before or after them. Most
/// lines of a picture are such, and are then looked at once instead of word by word.
fn fits_one_line(text: &str, width: usize) -> bool {
    let mut chars = 0;
    let mut after_space = true;
    for c in text.chars() {
        let space = c == ' ';
        if (space && after_space) || (!space && c.is_whitespace()) {
            return false;
        }
        after_space = space;
        chars += 1;
        if chars > width {
            return false;
        }
    }
    chars > 0 && !after_space
}

fn role_of(model: &Model, node: Node) -> Role {
    match node {
        Node::Source(_) => Role::Source,
        Node::Activity(_) => Role::Activity,
        Node::Processor(id) if model.processor(id).parent.is_some() => Role::Subprocessor,
        Node::Processor(_) => Role::Processor,
        Node::Recipient(_) => Role::Recipient,
    }
}

fn view_node<'m>(model: &'m Model, flow: &FlowGraph, index: NodeIndex) -> ViewNode<'m> {
    let node = flow.graph[index];
    let role = role_of(model, node);
    let (label, kind, place) = match node {
        Node::Source(id) => {
            let s = model.source(id);
            (&s.label.node, Some(s.kind.text()), None)
        }
        Node::Activity(id) => (&model.activities[id.index()].label.node, None, None),
        Node::Processor(id) => {
            let p = model.processor(id);
            (
                &p.label.node,
                None,
                Some(Place::of(flow.country(model, index))),
            )
        }
        Node::Recipient(id) => {
            let r = model.recipient(id);
            let place = r.country.as_ref().map(|c| Place::of(Some(&c.node)));
            (&r.label.node, Some(r.kind.text()), place)
        }
    };
    let name = flow.name(model, index);
    ViewNode {
        node,
        role,
        key: [role.key_prefix(), ":", name].concat(),
        name,
        label,
        kind,
        place,
    }
}

/// How deep a sub-processor is: 1 for one engaged by a processor, 2 for its own, and so on; 0 for
/// every other node.
pub fn depth(model: &Model, node: Node) -> usize {
    match node {
        Node::Processor(id) => processor_chain(model, id).len() - 1,
        _ => 0,
    }
}

/// The tests' random numbers below a bound: xorshift from `seed`, so a failing case can be replayed.
#[cfg(test)]
pub(crate) fn random_numbers(seed: u64) -> impl FnMut(usize) -> usize {
    let mut state = seed;
    move |below: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % below as u64) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The one-line shortcut gives what wrapping word by word gives, and is taken for the usual
    /// line of a picture.
    #[test]
    fn a_text_that_fits_one_line_is_that_line() {
        let texts = [
            "",
            " ",
            "a",
            "Hosting GmbH",
            " Hosting GmbH",
            "Hosting GmbH ",
            "Hosting  GmbH",
            "Hosting\tGmbH",
            "Hosting\u{a0}GmbH",
            "Hosting\u{3000}GmbH",
            "Hosting\u{85}GmbH",
            "Hosting\u{2028}GmbH",
            "Hosting\u{1680}",
            "Hosting\u{1f}GmbH",
            "Hosting\u{b}GmbH",
            "Hosting\rGmbH",
            "\u{a0}Hosting",
            "Løn og personale · æøå",
            "processing activity · act_0_health",
            "exactly ten",
            "a word that is longer than the width of the line",
            "Visitation til sygedagpenge (Sundhedsplejen, 0)",
        ];
        for text in texts {
            for width in [0, 1, 5, 10, 11, 12, 29, 37] {
                for max_lines in [0, 1, 2, 3] {
                    assert_eq!(
                        wrap_words(text, width, max_lines),
                        wrap_word_by_word(text, width, max_lines),
                        "{text:?} {width} {max_lines}"
                    );
                }
            }
        }
        assert!(fits_one_line("processing activity · act_0_health", 37));
        assert!(!fits_one_line("processing activity · act_0_health", 33));
        assert!(!fits_one_line("two  spaces", 37));
    }

    /// Lines written into one string are the lines of wrapping word by word, on random texts of
    /// short and long words, runs of spaces and tabs, punctuation that a cut line drops, and
    /// characters of several bytes; appended after what the string held, which stays.
    #[test]
    fn lines_in_one_string_are_those_of_wrapping_word_by_word() {
        let pieces = [
            "a",
            "to",
            "data",
            "Hosting",
            "GmbH,",
            "art.",
            "9:",
            "x;",
            "æøå",
            "Løn",
            "…",
            "—",
            "personoplysninger",
            "averyveryverylongwordthatfitsnoline",
            " ",
            "  ",
            "\t",
            "\u{a0}",
            ", ",
            ":",
            "𝔘𝔫𝔦",
        ];
        let mut random = super::random_numbers(0x9e37_79b9_7f4a_7c15);
        for _ in 0..3000 {
            let mut text = String::new();
            for _ in 0..random(16) {
                text.push_str(pieces[random(pieces.len())]);
                if random(3) > 0 {
                    text.push(' ');
                }
            }
            let width = random(40);
            let max_lines = random(5);
            let expected = wrap_word_by_word(&text, width, max_lines);
            assert_eq!(
                wrap_words(&text, width, max_lines),
                expected,
                "{text:?} {width} {max_lines}"
            );
            let mut out = String::from("before");
            let mut ends = vec![6];
            let count = wrap_words_into(&text, width, max_lines, &mut out, &mut ends);
            assert_eq!(count, expected.len());
            let lines: Vec<&str> = ends.windows(2).map(|w| &out[w[0]..w[1]]).collect();
            assert_eq!(lines, expected, "{text:?} {width} {max_lines}");
            assert_eq!(out.len(), *ends.last().unwrap_or(&6));
            assert!(out.starts_with("before"));
        }
    }

    /// The byte-wise reading of a text's spacing takes every character that is white space, other
    /// than the ASCII space, to the longer path, and counts the characters and sees the one-line
    /// shape as reading character by character does; the usual texts of a picture (Danish
    /// letters, `·`) take the short path.
    #[test]
    fn spacing_read_by_bytes_is_that_read_by_characters() {
        let white: Vec<char> = (0..=0x10ffffu32)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace() && *c != ' ')
            .collect();
        assert_eq!(white.len(), 24);
        for c in &white {
            for text in [
                format!("a{c}b"),
                format!("{c}"),
                format!("æø{c}"),
                format!("{c} x"),
            ] {
                assert!(plain_spacing(&text).is_none(), "{text:?}");
            }
        }
        let pieces = [
            "a",
            "Løn",
            "æøå",
            "·",
            "→",
            "…",
            "—",
            "–",
            "𝔘𝔫𝔦",
            "\u{1f}",
            "\u{80}",
            "\u{a1}",
            "\u{2030}",
            "\u{205e}",
            "\u{3001}",
            "\u{1681}",
            "x",
            " ",
            "  ",
            "\t",
            "\u{a0}",
            "\u{2009}",
            "\u{3000}",
        ];
        // Half the texts without white space but the ASCII space, so that long ones are read.
        let spaced = [
            "a",
            "Løn",
            "æøå",
            "·",
            "→",
            "𝔘𝔫𝔦",
            "\u{1f}",
            "\u{80}",
            "\u{a1}",
            "x",
            " ",
            "  ",
        ];
        let mut random = super::random_numbers(0x2545_f491_4f6c_dd1d);
        let mut short = 0;
        for _ in 0..20_000 {
            let set: &[&str] = if random(2) == 0 { &pieces } else { &spaced };
            let mut text = String::new();
            for _ in 0..random(16) {
                text.push_str(set[random(set.len())]);
            }
            let plain = !text.chars().any(|c| c.is_whitespace() && c != ' ');
            match plain_spacing(&text) {
                Some(spacing) => {
                    assert!(plain, "{text:?}");
                    short += 1;
                    assert_eq!(spacing.chars, text.chars().count(), "{text:?}");
                    for width in [0, 1, 3, 8, 29, 100] {
                        assert_eq!(
                            spacing.one_line(width),
                            fits_one_line(&text, width),
                            "{text:?} {width}"
                        );
                    }
                }
                None => assert!(
                    !plain
                        || text.contains([
                            '…', '—', '–', '\u{2030}', '\u{205e}', '\u{3001}', '\u{1681}'
                        ]),
                    "{text:?}"
                ),
            }
        }
        assert!(short > 10_000, "{short}");
        let long = "Journalisering af hjælpemidler (IT-afdelingen, 6)";
        for text in [
            "Løn og personale · æøå",
            "activity · Økonomiafdelingen · act_0",
            "Å",
            "",
            long,
        ] {
            let spacing = plain_spacing(text).expect(text);
            assert_eq!(spacing.chars, text.chars().count());
            for width in [0, 15, 29, 49, 100] {
                assert_eq!(
                    spacing.one_line(width),
                    fits_one_line(text, width),
                    "{text:?}"
                );
            }
        }
        let words: Vec<(&str, usize)> = SpacedWords {
            text: "  Løn ·  𝔘𝔫x ",
            at: 0,
        }
        .collect();
        assert_eq!(words, [("Løn", 3), ("·", 1), ("𝔘𝔫x", 3)]);
    }

    /// An edge's marks are its first places: equal with the same marks whatever follows them, and
    /// read as the slice of those.
    #[test]
    fn marks_are_their_first_places() {
        let one = Marks {
            marks: [Mark::Cpr, Mark::Criminal, Mark::Cpr],
            len: 1,
        };
        let same = Marks {
            marks: [Mark::Cpr, Mark::Special, Mark::Special],
            len: 1,
        };
        assert_eq!(one, same);
        assert_eq!(*one, [Mark::Cpr]);
        let two = Marks { len: 2, ..one };
        assert_ne!(one, two);
        assert_eq!(*two, [Mark::Cpr, Mark::Criminal]);
        assert!(Marks { len: 0, ..one }.is_empty());
    }

    #[test]
    fn more_is_the_filled_template() {
        for lang in [Lang::En, Lang::Da] {
            for rest in [1, 9, 10, 12, 1000] {
                let mut out = String::new();
                push_more(&mut out, lang, rest);
                assert_eq!(out, tr!(lang, MORE, count = rest));
            }
        }
    }
}
