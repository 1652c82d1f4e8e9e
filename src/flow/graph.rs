//! The graph: who sends which data to whom. Sources feed activities; activities hand data to
//! processors (and on through their sub-processors, to any depth) and disclose it to recipients.
//! Every party node knows its country, every edge the data categories it carries.

use std::ops::Deref;
use std::sync::Arc;

use rustc_hash::FxHashMap;

use petgraph::Direction;
use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;

use crate::law::countries::CountryRef;
use crate::prefetch::prefetch;
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
    /// In order of category, without repeats. A slice rather than a set: a graph of 100,000
    /// activities has some 250,000 edges, built once and then only read. Shared between the edges
    /// that carry all of an activity's data (from its sources, to its processors): an activity
    /// with 10,000 categories and 10,000 processors held 10,000 copies of the same list.
    pub data: Arc<[DataId]>,
}

impl Flow {
    pub fn carries(&self, data: DataId) -> bool {
        self.data.binary_search(&data).is_ok()
    }
}

/// The edges of the activity being added, and the data of the few edges that more than one
/// statement adds to.
#[derive(Default)]
struct Edges {
    local: Vec<(NodeIndex, NodeIndex, EdgeIndex)>,
    /// `local` as a map, once it is too long to scan (an activity with thousands of processors).
    local_index: FxHashMap<(NodeIndex, NodeIndex), EdgeIndex>,
    /// By edge, the data of an edge named again with other data (a source and a `disclose` to the
    /// same party, a recipient named twice): gathered here, sorted when the graph is complete.
    /// Every other edge's list is its weight from the start, so that a list per edge of the 250,000
    /// of 100,000 activities is not held twice.
    gathered: FxHashMap<EdgeIndex, Vec<DataId>>,
}

/// How many activities ahead `FlowGraph::build` asks for an activity's lists: each is an allocation
/// of its own, which at 100,000 activities is seldom in the cache (see `crate::prefetch`).
const ACTIVITIES_AHEAD: usize = 4;

/// Above this many edges, an activity's own edges are looked up in a map rather than scanned.
const SCANNED_EDGES: usize = 16;

impl Edges {
    /// Starts on the edges of another activity.
    fn next_activity(&mut self) {
        self.local.clear();
        self.local_index.clear();
    }

    fn find_local(&self, from: NodeIndex, to: NodeIndex) -> Option<EdgeIndex> {
        if self.local.len() > SCANNED_EDGES {
            return self.local_index.get(&(from, to)).copied();
        }
        self.local
            .iter()
            .find(|(f, t, _)| (*f, *t) == (from, to))
            .map(|&(_, _, e)| e)
    }

    fn push_local(&mut self, from: NodeIndex, to: NodeIndex, edge: EdgeIndex) {
        self.local.push((from, to, edge));
        if self.local.len() > SCANNED_EDGES {
            if self.local_index.is_empty() {
                self.local_index
                    .extend(self.local.iter().map(|&(f, t, e)| ((f, t), e)));
            } else {
                self.local_index.insert((from, to), edge);
            }
        }
    }
}

impl Carried<'_> {
    fn list(&self) -> &[DataId] {
        match self {
            Carried::Shared(all) => all,
            Carried::Listed(list) => list,
        }
    }
}

/// Data handed along an edge.
#[derive(Clone, Copy)]
enum Carried<'d> {
    /// All of an activity's data, or all that reaches a processor.
    Shared(&'d Arc<[DataId]>),
    /// What one statement names (a `disclose`).
    Listed(&'d [DataId]),
}

/// The activities whose data reaches a party, in order. A sub-processor that no activity uses
/// directly shares the list of the processor that engages it: one processor with 30,000
/// sub-processors, used by 30,000 activities, held 30,000 lists of 30,000 (4 GiB).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Users(Arc<[ActivityId]>);

impl Deref for Users {
    type Target = [ActivityId];
    fn deref(&self) -> &[ActivityId] {
        &self.0
    }
}

impl<'a> IntoIterator for &'a Users {
    type Item = &'a ActivityId;
    type IntoIter = std::slice::Iter<'a, ActivityId>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl From<Vec<ActivityId>> for Users {
    fn from(list: Vec<ActivityId>) -> Users {
        Users(list.into())
    }
}

/// The union of two sorted lists without repeats, sorted and without repeats.
fn union<T: Ord + Copy>(a: &[T], b: &[T]) -> Vec<T> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => {
                out.push(a[i]);
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                out.push(b[j]);
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

/// The data the activities hand a processor that passes data on: a list while it is short, bits
/// once the list would be longer than a bit per data category. A processor used by many activities
/// gets the same categories often; the list, sorted again each time it grew long, was a fifth of
/// building the graph.
#[derive(Clone, Default)]
enum Handed {
    #[default]
    Nothing,
    Listed(Vec<DataId>),
    /// A bit per data category of the model.
    Bits(Vec<u64>),
}

impl Handed {
    /// Adds `data` (of a model of `categories` data categories).
    fn add(&mut self, data: &[DataId], categories: usize) {
        let words = categories.div_ceil(64);
        match self {
            Handed::Nothing => *self = Handed::Listed(data.to_vec()),
            // Bits once the list is longer than the bits: never more memory than the list.
            Handed::Listed(list) if (list.len() + data.len()) / 2 > words => {
                let mut bits = vec![0; words];
                for d in list.iter().chain(data) {
                    set_bit(&mut bits, d.index());
                }
                *self = Handed::Bits(bits);
            }
            Handed::Listed(list) => list.extend_from_slice(data),
            Handed::Bits(bits) => {
                for d in data {
                    set_bit(bits, d.index());
                }
            }
        }
    }

    /// What was handed, sorted and without repeats.
    fn into_sorted(self) -> Vec<DataId> {
        match self {
            Handed::Nothing => Vec::new(),
            Handed::Listed(list) => sorted(list),
            Handed::Bits(bits) => ids_of_bits(&bits).map(DataId).collect(),
        }
    }
}

/// Sets bit `index` of `bits` (a bit per id, 64 a word), which holds it.
fn set_bit(bits: &mut [u64], index: usize) {
    bits[index / 64] |= 1 << (index % 64);
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

/// The ids of `refs` in `scratch`, sorted and without repeats.
fn sorted_into<'s, T: Copy + Ord>(scratch: &'s mut Vec<T>, refs: &[Ref<T>]) -> &'s [T] {
    scratch.clear();
    scratch.extend(refs.iter().map(|r| r.id));
    scratch.sort_unstable();
    scratch.dedup();
    scratch
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
    /// By processor: the activities whose data reaches it, directly or through the processors
    /// above it.
    processor_users: Vec<Users>,
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
            processor_users: Vec::new(),
        };
        let mut edges = Edges::default();
        // By processor: the activities that hand it data themselves (`via`), and, for a processor
        // that passes data on, the data they hand it. What goes on down the chains of
        // sub-processors is added once the activities are all in, once per link of a chain, not
        // once per activity and link: one processor with K sub-processors, used by K activities,
        // made K² hand-overs.
        let mut direct_users: Vec<Vec<ActivityId>> = vec![Vec::new(); model.processors.len()];
        let mut handed: Vec<Handed> = vec![Handed::default(); model.processors.len()];
        // Each activity's data sorted here, then copied once into the list its edges share.
        let mut scratch: Vec<DataId> = Vec::new();
        for (i, activity) in model.activities.iter().enumerate() {
            if let Some(ahead) = model.activities.get(i + ACTIVITIES_AHEAD) {
                prefetch(ahead.data.as_ptr());
                prefetch(ahead.sources.as_ptr());
                prefetch(ahead.processors.as_ptr());
            }
            let here = flow.activities[i];
            edges.next_activity();
            let all_data: Arc<[DataId]> = sorted_into(&mut scratch, &activity.data).into();
            let all = Carried::Shared(&all_data);
            for origin in &activity.sources {
                let from = match origin.id {
                    Origin::Source(id) => flow.sources[id.index()],
                    Origin::Activity(id) => flow.activities[id.index()],
                };
                flow.add_flow(&mut edges, from, here, all);
            }
            for via in &activity.processors {
                let p = via.id.index();
                flow.add_flow(&mut edges, here, flow.processors[p], all);
                let id = ActivityId(i as u32);
                if direct_users[p].last() != Some(&id) {
                    direct_users[p].push(id);
                }
                if !model.processors[p].subprocessors.is_empty() {
                    handed[p].add(&all_data, model.data.len());
                }
            }
            for disclosure in &activity.disclosures {
                let data = sorted_into(&mut scratch, &disclosure.data);
                let to = flow.recipients[disclosure.recipient.id.index()];
                flow.add_flow(&mut edges, here, to, Carried::Listed(data));
            }
        }
        flow.pass_on_to_subprocessors(model, direct_users, handed);
        // The data gathered for an edge is sorted once, when the graph is complete, instead of one
        // insertion at a time into a set per edge.
        for (edge, data) in edges.gathered {
            flow.graph[edge].data = sorted(data).into();
        }
        flow
    }

    /// Each processor that data reaches passes all of it on to each of its sub-processors, and so
    /// on down the chain. Processors are numbered parent first, so one pass in order sees every
    /// processor after the one above it.
    fn pass_on_to_subprocessors(
        &mut self,
        model: &Model,
        direct_users: Vec<Vec<ActivityId>>,
        handed: Vec<Handed>,
    ) {
        // The data reaching each processor that passes data on (`None`: none reaches it).
        let mut reaching: Vec<Option<Arc<[DataId]>>> = vec![None; model.processors.len()];
        let mut users: Vec<Users> = Vec::with_capacity(model.processors.len());
        for (p, (direct, handed)) in direct_users.into_iter().zip(handed).enumerate() {
            let processor = &model.processors[p];
            let parent = processor.parent.map(|q| {
                debug_assert!(q.index() < p, "a processor is numbered after its parent");
                q.index()
            });
            let above: &[ActivityId] = parent.map_or(&[], |q| &users[q]);
            users.push(match (direct.is_empty(), above.is_empty()) {
                (true, _) => parent.map(|q| users[q].clone()).unwrap_or_default(),
                (false, true) => Users(direct.into()),
                (false, false) => Users(union(&direct, above).into()),
            });
            if processor.subprocessors.is_empty() || users[p].is_empty() {
                continue;
            }
            let from_above = parent.and_then(|q| reaching[q].as_deref()).unwrap_or(&[]);
            let data: Arc<[DataId]> = union(&handed.into_sorted(), from_above).into();
            let here = self.processors[p];
            for sub in &processor.subprocessors {
                let to = self.processors[sub.index()];
                self.graph.add_edge(
                    here,
                    to,
                    Flow {
                        data: Arc::clone(&data),
                    },
                );
            }
            reaching[p] = Some(data);
        }
        self.processor_users = users;
    }

    fn add_flow(&mut self, edges: &mut Edges, from: NodeIndex, to: NodeIndex, data: Carried<'_>) {
        // An index of edges, not `find_edge`: that scans every edge out of `from`, and a register that
        // feeds 100,000 activities would make building the graph quadratic. Edges between processors
        // are added at the end (`pass_on_to_subprocessors`); the others touch the activity being
        // added, so its own edges find any repeat.
        let Some(edge) = edges.find_local(from, to) else {
            // Both kinds of list are sorted and without repeats: the edge's data as it stands.
            let data = match data {
                Carried::Shared(all) => Arc::clone(all),
                Carried::Listed(list) => list.into(),
            };
            let edge = self.graph.add_edge(from, to, Flow { data });
            edges.push_local(from, to, edge);
            return;
        };
        let had = &self.graph[edge].data;
        if let Carried::Shared(more) = data
            && Arc::ptr_eq(had, more)
        {
            // The same list again (a source named twice): nothing new.
            return;
        }
        edges
            .gathered
            .entry(edge)
            .or_insert_with(|| had.to_vec())
            .extend_from_slice(data.list());
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

    /// The data that reaches a node, over all edges into it: sorted, without repeats (a list, not a
    /// set: it is read in order and counted, never searched).
    pub fn data_reaching(&self, node: NodeIndex) -> Vec<DataId> {
        // A processor used by thousands of activities has as many edges in, mostly with the same
        // categories: gather them as bits, which come out sorted, rather than sort them all.
        let mut bits: Vec<u64> = Vec::new();
        for e in self.graph.edges_directed(node, Direction::Incoming) {
            for d in e.weight().data.iter() {
                let word = d.index() / 64;
                if word >= bits.len() {
                    bits.resize(word + 1, 0);
                }
                set_bit(&mut bits, d.index());
            }
        }
        ids_of_bits(&bits).map(DataId).collect()
    }

    /// The activities whose data reaches a processor, directly or through the processors above it.
    pub fn processor_users(&self, id: ProcessorId) -> &Users {
        &self.processor_users[id.index()]
    }

    /// The names from the first activity that uses `processor` (directly or through the processors
    /// above it) down to the processor, `[activity, root, ..., processor]`: the path a finding about
    /// a processor shows. `None` when no activity uses it.
    pub fn first_use_path(&self, model: &Model, processor: ProcessorId) -> Option<Vec<String>> {
        let first_user = self.processor_users(processor).first()?;
        let activity = &model.activities[first_user.index()];
        let mut path = vec![activity.name.node.clone()];
        path.extend(
            processor_chain(model, processor)
                .iter()
                .map(|p| model.processor(*p).name.node.clone()),
        );
        Some(path)
    }

    /// The activities whose data reaches a node (directly or through processors).
    pub fn activities_reaching(&self, node: NodeIndex) -> Vec<ActivityId> {
        if let Node::Processor(id) = self.graph[node] {
            return self.processor_users(id).to_vec();
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// What a processor is handed comes out sorted and without repeats whether it stayed a list or
    /// became bits, for lists of several lengths handed many times over (a processor used by many
    /// activities), among models of few and of many categories.
    #[test]
    fn what_is_handed_comes_out_the_same_as_a_list_or_as_bits() {
        for categories in [1, 5, 64, 65, 300, 50_000] {
            let mut handed = Handed::default();
            let mut all = Vec::new();
            let mut became_bits = false;
            for activity in 0..200u32 {
                // A few categories an activity, sorted, spread over the model's.
                let data = sorted(
                    (0..activity % 7).map(|k| DataId((activity * 31 + k * 17) % categories as u32)),
                );
                handed.add(&data, categories);
                all.extend_from_slice(&data);
                became_bits |= matches!(handed, Handed::Bits(_));
            }
            assert_eq!(became_bits, categories < 50_000, "{categories} categories");
            assert_eq!(handed.into_sorted(), sorted(all), "{categories} categories");
        }
        assert!(Handed::default().into_sorted().is_empty());
    }
}
