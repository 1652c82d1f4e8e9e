//! The graph: who sends which data to whom. Sources feed activities; activities hand data to
//! processors (and on through their sub-processors, to any depth) and disclose it to recipients.
//! Every party node knows its country, every edge the data categories it carries.

use std::collections::BTreeSet;

use petgraph::Direction;
use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use rustc_hash::FxHashMap;

use crate::law::countries::CountryRef;
use crate::semantic::model::*;

/// A party in the flow of data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Node {
    Source(SourceId),
    Activity(ActivityId),
    Processor(ProcessorId),
    Recipient(RecipientId),
}

/// The data categories carried along one edge.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Flow {
    pub data: BTreeSet<DataId>,
}

/// The flow graph of a model, with an index from each declaration to its node.
#[derive(Debug)]
pub struct FlowGraph {
    pub graph: DiGraph<Node, Flow>,
    /// The edge between two nodes, if any (there is at most one, carrying all the data).
    edges: FxHashMap<(NodeIndex, NodeIndex), EdgeIndex>,
    sources: Vec<NodeIndex>,
    activities: Vec<NodeIndex>,
    processors: Vec<NodeIndex>,
    recipients: Vec<NodeIndex>,
}

impl FlowGraph {
    pub fn build(model: &Model) -> FlowGraph {
        let mut graph = DiGraph::with_capacity(
            model.sources.len()
                + model.activities.len()
                + model.processors.len()
                + model.recipients.len(),
            model.activities.len() * 3,
        );
        let sources = (0..model.sources.len())
            .map(|i| graph.add_node(Node::Source(SourceId(i as u32))))
            .collect();
        let activities: Vec<NodeIndex> = (0..model.activities.len())
            .map(|i| graph.add_node(Node::Activity(ActivityId(i as u32))))
            .collect();
        let processors: Vec<NodeIndex> = (0..model.processors.len())
            .map(|i| graph.add_node(Node::Processor(ProcessorId(i as u32))))
            .collect();
        let recipients = (0..model.recipients.len())
            .map(|i| graph.add_node(Node::Recipient(RecipientId(i as u32))))
            .collect();
        let mut flow = FlowGraph {
            graph,
            // About three edges per activity; sized once instead of rehashing as it grows.
            edges: FxHashMap::with_capacity_and_hasher(
                model.activities.len() * 3,
                Default::default(),
            ),
            sources,
            activities,
            processors,
            recipients,
        };
        for (i, activity) in model.activities.iter().enumerate() {
            let here = flow.activities[i];
            let all_data: BTreeSet<DataId> = activity.data.iter().map(|d| d.id).collect();
            for origin in &activity.sources {
                let from = match origin.id {
                    Origin::Source(id) => flow.sources[id.index()],
                    Origin::Activity(id) => flow.activities[id.index()],
                };
                flow.add_flow(from, here, &all_data);
            }
            for via in &activity.processors {
                flow.hand_to_processor(model, here, via.id, &all_data);
            }
            for disclosure in &activity.disclosures {
                let data: BTreeSet<DataId> = disclosure.data.iter().map(|d| d.id).collect();
                let to = flow.recipients[disclosure.recipient.id.index()];
                flow.add_flow(here, to, &data);
            }
        }
        flow
    }

    /// The processor gets the data, and passes it on to each of its sub-processors, recursively.
    fn hand_to_processor(
        &mut self,
        model: &Model,
        from: NodeIndex,
        processor: ProcessorId,
        data: &BTreeSet<DataId>,
    ) {
        let to = self.processors[processor.index()];
        self.add_flow(from, to, data);
        for &sub in &model.processor(processor).subprocessors {
            self.hand_to_processor(model, to, sub, data);
        }
    }

    fn add_flow(&mut self, from: NodeIndex, to: NodeIndex, data: &BTreeSet<DataId>) {
        // An index of edges, not `find_edge`: that scans every edge out of `from`, and a register that
        // feeds 100,000 activities would make building the graph quadratic.
        match self.edges.get(&(from, to)) {
            Some(&edge) => self.graph[edge].data.extend(data.iter().copied()),
            None => {
                let edge = self.graph.add_edge(from, to, Flow { data: data.clone() });
                self.edges.insert((from, to), edge);
            }
        }
    }

    pub fn activity_node(&self, id: ActivityId) -> NodeIndex {
        self.activities[id.index()]
    }

    pub fn processor_node(&self, id: ProcessorId) -> NodeIndex {
        self.processors[id.index()]
    }

    pub fn recipient_node(&self, id: RecipientId) -> NodeIndex {
        self.recipients[id.index()]
    }

    /// The data that reaches a node, over all edges into it.
    pub fn data_reaching(&self, node: NodeIndex) -> BTreeSet<DataId> {
        self.graph
            .edges_directed(node, Direction::Incoming)
            .flat_map(|e| e.weight().data.iter().copied())
            .collect()
    }

    /// The activities whose data reaches a node (directly or through processors).
    pub fn activities_reaching(&self, node: NodeIndex) -> Vec<ActivityId> {
        let mut found = BTreeSet::new();
        let mut stack = vec![node];
        let mut seen = BTreeSet::new();
        while let Some(n) = stack.pop() {
            if !seen.insert(n) {
                continue;
            }
            for e in self.graph.edges_directed(n, Direction::Incoming) {
                match self.graph[e.source()] {
                    Node::Activity(id) => {
                        found.insert(id);
                    }
                    Node::Processor(_) => stack.push(e.source()),
                    _ => {}
                }
            }
        }
        found.into_iter().collect()
    }

    /// Where a node is, as the spec says: activities are the controller's; sources have no place.
    pub fn country<'m>(&self, model: &'m Model, node: NodeIndex) -> Option<&'m CountryRef> {
        match self.graph[node] {
            Node::Source(_) => None,
            Node::Activity(_) => Some(&model.controller.country),
            Node::Processor(id) => model.processor(id).country.as_ref().map(|c| &c.node),
            Node::Recipient(id) => model.recipient(id).country.as_ref().map(|c| &c.node),
        }
    }

    /// The name of a node as declared in the spec.
    pub fn name<'m>(&self, model: &'m Model, node: NodeIndex) -> &'m str {
        match self.graph[node] {
            Node::Source(id) => &model.source(id).name.node,
            Node::Activity(id) => &model.activities[id.index()].name.node,
            Node::Processor(id) => &model.processor(id).name.node,
            Node::Recipient(id) => &model.recipient(id).name.node,
        }
    }

    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }
}

/// The chain from the processor an activity uses down to `processor`: `[root, ..., processor]`.
pub fn processor_chain(model: &Model, processor: ProcessorId) -> Vec<ProcessorId> {
    let mut chain = vec![processor];
    let mut current = processor;
    while let Some(parent) = model.processor(current).parent {
        chain.push(parent);
        current = parent;
    }
    chain.reverse();
    chain
}
