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
    /// In order of category, without repeats. A boxed slice rather than a set: a graph of 100,000
    /// activities has some 250,000 edges, built once and then only read.
    pub data: Box<[DataId]>,
}

impl Flow {
    pub fn carries(&self, data: DataId) -> bool {
        self.data.binary_search(&data).is_ok()
    }
}

/// The edges made so far while building, and the data gathered for each (by edge index).
#[derive(Default)]
struct Edges {
    /// Edges between processors, met again for every activity that uses the processor.
    shared: FxHashMap<(NodeIndex, NodeIndex), EdgeIndex>,
    /// Edges of the activity being added.
    local: Vec<(NodeIndex, NodeIndex, EdgeIndex)>,
    data: Vec<Vec<DataId>>,
    /// The categories already on each edge between processors, one bit per category.
    seen: FxHashMap<EdgeIndex, Vec<u64>>,
    /// Words of such a set: one bit for each data category of the model.
    data_words: usize,
}

impl Edges {
    /// Adds `data` to an edge between processors. Every activity that uses the processors hands the
    /// edge its data, so the edge keeps a set of categories rather than a list as long as all of it.
    fn carry(&mut self, edge: EdgeIndex, data: &[DataId]) {
        let seen = self
            .seen
            .get_mut(&edge)
            .expect("an edge between processors has its set");
        for d in data {
            seen[d.index() / 64] |= 1 << (d.index() % 64);
        }
    }

    /// The data gathered for each edge, by edge index, in order of category.
    fn into_data(self) -> impl Iterator<Item = Vec<DataId>> {
        let Edges { data, seen, .. } = self;
        data.into_iter().enumerate().map(move |(i, mut list)| {
            if let Some(bits) = seen.get(&EdgeIndex::new(i)) {
                list.extend(ids_of_bits(bits).map(DataId));
            }
            list
        })
    }
}

/// The positions of the bits set, in order.
fn ids_of_bits(bits: &[u64]) -> impl Iterator<Item = u32> + '_ {
    bits.iter().enumerate().flat_map(|(w, &word)| {
        let mut word = word;
        std::iter::from_fn(move || {
            (word != 0).then(|| {
                let bit = word.trailing_zeros();
                word &= word - 1;
                (w * 64) as u32 + bit
            })
        })
    })
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
            data_words: model.data.len().div_ceil(64),
            ..Edges::default()
        };
        let mut all_data = Vec::new();
        for (i, activity) in model.activities.iter().enumerate() {
            let here = flow.activities[i];
            edges.local.clear();
            all_data.clear();
            all_data.extend(activity.data.iter().map(|d| d.id));
            all_data.sort_unstable();
            all_data.dedup();
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
        // Each edge's data is sorted once, when the graph is complete, instead of one insertion at a
        // time into a set per edge.
        for (i, data) in edges.into_data().enumerate() {
            flow.graph[EdgeIndex::new(i)].data = sorted(data).into_boxed_slice();
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
            Some(edge) if between_processors => edges.carry(edge, data),
            Some(edge) => edges.data[edge.index()].extend_from_slice(data),
            None => {
                let edge = self.graph.add_edge(from, to, Flow::default());
                if between_processors {
                    edges.shared.insert((from, to), edge);
                    edges.data.push(Vec::new());
                    edges.seen.insert(edge, vec![0; edges.data_words]);
                    edges.carry(edge, data);
                } else {
                    edges.local.push((from, to, edge));
                    edges.data.push(data.to_vec());
                }
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
        // A processor used by thousands of activities has as many edges in, mostly with the same
        // categories: gather them as bits, which come out sorted, rather than sort them all.
        let mut bits: Vec<u64> = Vec::new();
        for e in self.graph.edges_directed(node, Direction::Incoming) {
            for d in e.weight().data.iter() {
                let word = d.index() / 64;
                if word >= bits.len() {
                    bits.resize(word + 1, 0);
                }
                bits[word] |= 1 << (d.index() % 64);
            }
        }
        ids_of_bits(&bits).map(DataId).collect()
    }

    /// The activities whose data reaches a node (directly or through processors).
    pub fn activities_reaching(&self, node: NodeIndex) -> Vec<ActivityId> {
        let mut found = Vec::new();
        let mut stack = vec![node];
        let mut seen = Vec::new();
        while let Some(n) = stack.pop() {
            if seen.contains(&n) {
                continue;
            }
            seen.push(n);
            for e in self.graph.edges_directed(n, Direction::Incoming) {
                match self.graph[e.source()] {
                    Node::Activity(id) => found.push(id),
                    Node::Processor(_) => stack.push(e.source()),
                    _ => {}
                }
            }
        }
        found.sort_unstable();
        found.dedup();
        found
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
