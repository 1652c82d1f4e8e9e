//! Where data leaves the EU/EEA: every processor, sub-processor or recipient outside it (or of unknown
//! place) that data reaches, with the path that takes it there.

use std::collections::BTreeSet;

use super::graph::{FlowGraph, Node, processor_chain};
use crate::law::countries::{CountryRef, Zone};
use crate::semantic::model::{ActivityId, DataId, Model, TransferDecl};
use crate::syntax::span::{Span, Spanned};

/// A party that data reaches, outside the EU/EEA or of unknown place.
pub struct Destination<'m> {
    pub node: Node,
    pub name: &'m str,
    pub country: &'m Spanned<CountryRef>,
    pub transfer: Option<&'m TransferDecl>,
    /// The activities whose data reaches it.
    pub activities: Vec<ActivityId>,
    /// The categories that reach it.
    pub data: BTreeSet<DataId>,
    /// The chain of processors from the one an activity uses down to this one (empty for a recipient).
    pub chain: Vec<Node>,
}

impl Destination<'_> {
    /// `network_logging → mdm (DK) → mdm_support (outside the EU/EEA)`, as a list of steps.
    pub fn path(&self, model: &Model, flow: &FlowGraph) -> Vec<String> {
        let mut steps = Vec::new();
        if let Some(first) = self.activities.first() {
            let name = &model.activities[first.index()].name.node;
            steps.push(match self.activities.len() {
                1 => name.clone(),
                2 => format!("{name} (and 1 other activity)"),
                n => format!("{name} (and {} other activities)", n - 1),
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
                .map(|c| c.label())
                .unwrap_or_else(|| "country not stated".to_string());
            steps.push(format!("{} ({place})", flow.name(model, index)));
        }
        steps
    }

    /// The data categories in words: `` `username`, `internet_log` ``.
    pub fn data_names(&self, model: &Model) -> String {
        self.data
            .iter()
            .map(|d| format!("`{}`", model.data(*d).name.node))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The span of the `via` statement that starts the path, for a secondary label.
    pub fn entry_span(&self, model: &Model) -> Option<Span> {
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
pub fn destinations<'m>(model: &'m Model, flow: &FlowGraph) -> Vec<Destination<'m>> {
    let mut found = Vec::new();
    for (i, p) in model.processors.iter().enumerate() {
        let id = crate::semantic::model::ProcessorId(i as u32);
        if let Some(country) = &p.country {
            let node = flow.processor_node(id);
            push_if_outside(
                &mut found,
                flow,
                node,
                Node::Processor(id),
                &p.name.node,
                country,
                p.transfer.as_ref(),
                || {
                    processor_chain(model, id)
                        .into_iter()
                        .map(Node::Processor)
                        .collect()
                },
            );
        }
    }
    for (i, r) in model.recipients.iter().enumerate() {
        let id = crate::semantic::model::RecipientId(i as u32);
        if let Some(country) = &r.country {
            let node = flow.recipient_node(id);
            push_if_outside(
                &mut found,
                flow,
                node,
                Node::Recipient(id),
                &r.name.node,
                country,
                r.transfer.as_ref(),
                Vec::new,
            );
        }
    }
    found
}

#[allow(clippy::too_many_arguments)]
fn push_if_outside<'m>(
    found: &mut Vec<Destination<'m>>,
    flow: &FlowGraph,
    index: petgraph::graph::NodeIndex,
    node: Node,
    name: &'m str,
    country: &'m Spanned<CountryRef>,
    transfer: Option<&'m TransferDecl>,
    chain: impl FnOnce() -> Vec<Node>,
) {
    if country.node.zone() == Zone::Eea {
        return;
    }
    let data = flow.data_reaching(index);
    if data.is_empty() {
        return;
    }
    found.push(Destination {
        node,
        name,
        country,
        transfer,
        activities: flow.activities_reaching(index),
        data,
        chain: chain(),
    });
}
