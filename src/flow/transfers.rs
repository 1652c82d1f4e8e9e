//! Where data leaves the EU/EEA: every processor, sub-processor or recipient outside it (or of unknown
//! place) that data reaches, with the path that takes it there.

use petgraph::graph::NodeIndex;

use super::graph::{FlowGraph, Node, Users, processor_chain};
use crate::i18n::Lang;
use crate::law::countries::{CountryRef, Zone};
use crate::semantic::model::{DataId, Model, ProcessorId, RecipientId, TransferDecl};
use crate::syntax::ast::Text;
use crate::syntax::span::{Span, Spanned};
use crate::tr;

/// The words of a transfer's path and labels, in English and Danish.
pub mod text {
    crate::texts! {
        AND_ONE_OTHER_ACTIVITY = ("{name} (and 1 other activity)", "{name} (og 1 anden aktivitet)"),
        AND_OTHER_ACTIVITIES = ("{name} (and {n} other activities)", "{name} (og {n} andre aktiviteter)"),
        COUNTRY_NOT_STATED = ("country not stated", "land ikke angivet"),
        ONE_MORE_CATEGORY = ("1 more category", "1 kategori mere"),
        MORE_CATEGORIES = ("{n} more categories", "{n} kategorier mere"),
        /// On a processor the data passes through: `` `hosting` (DE) passes the data on ``.
        PASSES_ON = ("`{name}` ({place}) passes the data on", "`{name}` ({place}) sender oplysningerne videre"),
        /// On the `via` or `disclose` that starts the path.
        LEAVES = ("the data leaves the controller here", "her forlader oplysningerne den dataansvarlige"),
    }
}

/// A party that data reaches, outside the EU/EEA or of unknown place.
pub struct Destination<'m> {
    pub node: Node,
    pub name: &'m str,
    /// Where it is. A processor that declares no country is taken as `unknown`, spanned on its name.
    pub country: Spanned<CountryRef>,
    /// Whether the spec declares the country (`false`: a processor with no `country` line).
    pub stated: bool,
    pub transfer: Option<&'m TransferDecl>,
    /// The transfer impact assessment declared for it (`tia "..."`).
    pub tia: Option<&'m Text>,
    /// The activities whose data reaches it.
    pub activities: Users,
    /// The categories that reach it, in order.
    pub data: Vec<DataId>,
    /// The chain of processors from the one an activity uses down to this one (empty for a recipient).
    pub chain: Vec<Node>,
}

impl Destination<'_> {
    /// `network_logging → mdm (DK) → mdm_support (outside the EU/EEA)`, as a list of steps.
    pub fn path(&self, model: &Model, flow: &FlowGraph, lang: Lang) -> Vec<String> {
        let mut steps = Vec::new();
        if let Some(first) = self.activities.first() {
            let name = &model.activities[first.index()].name.node;
            steps.push(match self.activities.len() {
                1 => name.clone(),
                2 => tr!(lang, text::AND_ONE_OTHER_ACTIVITY, name = name),
                n => tr!(lang, text::AND_OTHER_ACTIVITIES, name = name, n = n - 1),
            });
        }
        let hops: Vec<Node> = if self.chain.is_empty() {
            vec![self.node]
        } else {
            self.chain.clone()
        };
        for hop in hops {
            let index = match hop {
                Node::Processor(id) => flow.processor_node(id),
                Node::Recipient(id) => flow.recipient_node(id),
                _ => continue,
            };
            let place = flow
                .country(model, index)
                .map(|c| c.label(lang))
                .unwrap_or_else(|| tr!(lang, text::COUNTRY_NOT_STATED));
            steps.push(format!("{} ({place})", flow.name(model, index)));
        }
        steps
    }

    /// The data categories in words: `` `username`, `internet_log` ``; after six, how many more.
    pub fn data_names(&self, model: &Model, lang: Lang) -> String {
        const SHOWN: usize = 6;
        let mut names: Vec<String> = self
            .data
            .iter()
            .take(SHOWN)
            .map(|d| format!("`{}`", model.data(*d).name.node))
            .collect();
        match self.data.len().saturating_sub(SHOWN) {
            0 => {}
            1 => names.push(tr!(lang, text::ONE_MORE_CATEGORY)),
            more => names.push(tr!(lang, text::MORE_CATEGORIES, n = more)),
        }
        names.join(", ")
    }

    /// The labels of a finding along the way the data travels, in that order: where it leaves the
    /// controller (the `via` or `disclose` that starts the path), then each processor it passes
    /// through before it arrives (`` `hosting` (DE) passes the data on ``).
    pub fn route_labels(&self, model: &Model, lang: Lang) -> Vec<(Span, String)> {
        let entry = self
            .entry_span(model)
            .map(|span| (span, tr!(lang, text::LEAVES)));
        let before = self
            .chain
            .split_last()
            .map_or(&[][..], |(_, before)| before);
        let passes = before.iter().filter_map(|hop| match hop {
            Node::Processor(id) => {
                let p = model.processor(*id);
                let place = p
                    .country
                    .as_ref()
                    .map_or(tr!(lang, text::COUNTRY_NOT_STATED), |c| c.node.label(lang));
                Some((
                    p.name.span,
                    tr!(lang, text::PASSES_ON, name = p.name.node, place = place),
                ))
            }
            _ => None,
        });
        entry.into_iter().chain(passes).collect()
    }

    /// The span of the `via` or `disclose` that starts the path.
    fn entry_span(&self, model: &Model) -> Option<Span> {
        let activity = &model.activities[self.activities.first()?.index()];
        match self.chain.first().copied().unwrap_or(self.node) {
            Node::Processor(root) => activity
                .processors
                .iter()
                .find(|v| v.id == root)
                .map(|v| v.span),
            Node::Recipient(id) => activity
                .disclosures
                .iter()
                .find(|d| d.recipient.id == id)
                .map(|d| d.recipient.span),
            _ => None,
        }
    }
}

/// Every party outside the EU/EEA or of unknown place that personal data reaches, in declaration order.
/// Processors must say where they are; a recipient without a `country` is not counted, since the
/// recipients of a Danish authority are overwhelmingly Danish authorities.
pub fn destinations<'m>(model: &'m Model, flow: &FlowGraph) -> Vec<Destination<'m>> {
    let mut found = Vec::new();
    for (i, p) in model.processors.iter().enumerate() {
        let id = ProcessorId(i as u32);
        let (country, stated) = match &p.country {
            Some(c) => (c.clone(), true),
            None => (Spanned::new(CountryRef::Unknown, p.name.span), false),
        };
        let candidate = Candidate {
            index: flow.processor_node(id),
            node: Node::Processor(id),
            name: &p.name.node,
            country,
            stated,
            transfer: p.transfer.as_ref(),
            tia: p.tia.as_ref(),
        };
        found.extend(candidate.if_outside(flow, || {
            processor_chain(model, id)
                .into_iter()
                .map(Node::Processor)
                .collect()
        }));
    }
    for (i, r) in model.recipients.iter().enumerate() {
        let id = RecipientId(i as u32);
        let Some(country) = &r.country else { continue };
        let candidate = Candidate {
            index: flow.recipient_node(id),
            node: Node::Recipient(id),
            name: &r.name.node,
            country: country.clone(),
            stated: true,
            transfer: r.transfer.as_ref(),
            tia: r.tia.as_ref(),
        };
        found.extend(candidate.if_outside(flow, Vec::new));
    }
    found
}

/// A party that may be a destination, before the graph says whether data reaches it.
struct Candidate<'m> {
    index: NodeIndex,
    node: Node,
    name: &'m str,
    country: Spanned<CountryRef>,
    stated: bool,
    transfer: Option<&'m TransferDecl>,
    tia: Option<&'m Text>,
}

impl<'m> Candidate<'m> {
    fn if_outside(
        self,
        flow: &FlowGraph,
        chain: impl FnOnce() -> Vec<Node>,
    ) -> Option<Destination<'m>> {
        if self.country.node.zone() == Zone::Eea {
            return None;
        }
        let data = flow.data_reaching(self.index);
        if data.is_empty() {
            return None;
        }
        Some(Destination {
            node: self.node,
            name: self.name,
            country: self.country,
            stated: self.stated,
            transfer: self.transfer,
            tia: self.tia,
            activities: match self.node {
                Node::Processor(id) => flow.processor_users(id).clone(),
                _ => flow.activities_reaching(self.index).into(),
            },
            data,
            chain: chain(),
        })
    }
}
