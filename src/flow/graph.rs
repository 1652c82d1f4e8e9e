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

/// The edges made so far while building, and the data gathered for each (by edge index).
#[derive(Default)]
struct Edges {
    /// Edges between processors, met again for every activity that uses the processor.
    shared: FxHashMap<(NodeIndex, NodeIndex), EdgeIndex>,
    /// Edges of the activity being added.
    local: Vec<(NodeIndex, NodeIndex, EdgeIndex)>,
    data: Vec<Vec<DataId>>,
}

/// Sorted and without repeats.
fn sorted(data: impl IntoIterator<Item = DataId>) -> Vec<DataId> {
    let mut data: Vec<DataId> = data.into_iter().collect();
    data.sort_unstable();
    data.dedup();
    data
}

/// The flow graph of a model, with an index from each declaration to its node. There is at most one
/// edge between two nodes, carrying all the data.
#[derive(Debug)]
pub struct FlowGraph {
    pub graph: DiGraph<Node, Flow>,
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
            sources,
            activities,
            processors,
            recipients,
        };
        let mut edges = Edges {
            data: Vec::with_capacity(model.activities.len() * 3),
            ..Edges::default()
        };
        for (i, activity) in model.activities.iter().enumerate() {
            let here = flow.activities[i];
            edges.local.clear();
            let all_data = sorted(activity.data.iter().map(|d| d.id));
            for origin in &activity.sources {
                let from = match origin.id {
                    Origin::Source(id) => flow.sources[id.index()],
                    Origin::Activity(id) => flow.activities[id.index()],
                };
                flow.add_flow(&mut edges, from, here, &all_data);
            }
            for via in &activity.processors {
                flow.hand_to_processor(&mut edges, model, here, via.id, &all_data);
            }
            for disclosure in &activity.disclosures {
                let data = sorted(disclosure.data.iter().map(|d| d.id));
                let to = flow.recipients[disclosure.recipient.id.index()];
                flow.add_flow(&mut edges, here, to, &data);
            }
        }
        // Each edge's data becomes a set once, from sorted input (a bulk build), instead of one
        // insertion at a time into a set per edge.
        for (i, data) in edges.data.into_iter().enumerate() {
            flow.graph[EdgeIndex::new(i)].data = sorted(data).into_iter().collect();
        }
        flow
    }

    /// The processor gets the data, and passes it on to each of its sub-processors, recursively.
    fn hand_to_processor(
        &mut self,
        edges: &mut Edges,
        model: &Model,
        from: NodeIndex,
        processor: ProcessorId,
        data: &[DataId],
    ) {
        let to = self.processors[processor.index()];
        self.add_flow(edges, from, to, data);
        for &sub in &model.processor(processor).subprocessors {
            self.hand_to_processor(edges, model, to, sub, data);
        }
    }

    fn add_flow(&mut self, edges: &mut Edges, from: NodeIndex, to: NodeIndex, data: &[DataId]) {
        // An index of edges, not `find_edge`: that scans every edge out of `from`, and a register that
        // feeds 100,000 activities would make building the graph quadratic. Only edges between
        // processors recur across activities; the others touch the activity being added, so a short
        // list of its own edges finds any repeat without a look-up in a table of every edge.
        let between_processors = matches!(
            (self.graph[from], self.graph[to]),
            (Node::Processor(_), Node::Processor(_))
        );
        let known = if between_processors {
            edges.shared.get(&(from, to)).copied()
        } else {
            edges
                .local
                .iter()
                .find(|(f, t, _)| (*f, *t) == (from, to))
                .map(|&(_, _, e)| e)
        };
        match known {
            Some(edge) => edges.data[edge.index()].extend_from_slice(data),
            None => {
                let edge = self.graph.add_edge(from, to, Flow::default());
                if between_processors {
                    edges.shared.insert((from, to), edge);
                } else {
                    edges.local.push((from, to, edge));
                }
                edges.data.push(data.to_vec());
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
