//! A layered layout of a [`FlowView`], left to right, for the SVG picture.
//!
//! Columns, in order: sources → the controller's activities (an activity that takes data from
//! another stands a column after it) → processors → sub-processors, a column per level →
//! recipients. An edge that spans several columns gets a waypoint in each column between, which is
//! ordered and stacked like a node (the dummy nodes of a Sugiyama layout), so it runs between the
//! boxes instead of behind them. Within a column, nodes and waypoints are ordered by a few
//! barycentre sweeps, then stacked, and the columns centred on the tallest. Each edge leaves its
//! source and enters its target at a port of its own, in the order of the other ends, so that
//! edges do not cross at a node; edges into one node that carry the same data enter close
//! together, under one label.

use rustc_hash::FxHashMap;

use super::levels::levels;
use super::{FlowView, Role, depth};

pub const NODE_WIDTH: f64 = 224.0;
/// Between two columns: the curve of an edge, then its label on a straight run into the target.
const COLUMN_GAP: f64 = 280.0;
const NODE_GAP: f64 = 18.0;
/// The room a waypoint takes in a column, and the least space beside one.
const WAYPOINT: f64 = 8.0;
const WAYPOINT_GAP: f64 = 8.0;
/// Ordering sweeps: rightwards, leftwards, rightwards. Ending on a rightward sweep leaves each
/// column in the order of the one before it, with fewer crossings than after eight sweeps (which end
/// leftwards): specs/lejre 742 against 771, the 10k synth spec 27.8 M against 38.4 M
/// (svg/crossings.rs counts them; docs/performance.md, package svg4); and it is cheaper.
const SWEEPS: usize = 3;
/// How far an edge between nodes of one column loops out to their right.
pub const LOOP: f64 = 56.0;

/// A column of the picture, in the order the columns are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Column {
    Sources,
    /// Activities by how many activities their data passed through first.
    Activities(usize),
    /// Processors (level 0) and sub-processors by level.
    Processors(usize),
    Recipients,
}

/// How an edge enters its target. Edges into one node with the same `group` (they carry the same
/// data) enter side by side, [`BUNDLED`] apart, under one label: `above` is the room over the
/// group's first edge, `below` the room under its last.
#[derive(Debug, Clone, Copy)]
pub struct Port {
    pub group: usize,
    pub above: f64,
    pub below: f64,
}

/// The distance between edges of one group where they enter their target.
pub const BUNDLED: f64 = 7.0;

/// The room the edges entering each of `count` nodes take on its side: for each group, the room
/// over and under it and [`BUNDLED`] between its edges. `targets` are the edges' targets, `ports`
/// their ports; a group's number is that of its first edge, whose port gives the group's room
/// (every edge of a group carries the same data, so has the same room). One pass over the edges,
/// no map of groups per node.
pub fn entry_rooms(count: usize, targets: impl Iterator<Item = usize>, ports: &[Port]) -> Vec<f64> {
    let mut room = vec![0.0; count];
    for ((e, to), port) in targets.enumerate().zip(ports) {
        room[to] += if port.group == e {
            port.above + port.below
        } else {
            BUNDLED
        };
    }
    room
}

/// Where a node's box is.
#[derive(Debug, Clone, Copy)]
pub struct Placed {
    pub x: f64,
    pub y: f64,
    pub height: f64,
}

/// The way an edge takes: from its source's port, level through each column it passes, into its
/// target's port.
#[derive(Debug, Clone)]
pub struct Route {
    pub start: (f64, f64),
    /// Its waypoints in [`Layout::through`]: one list for all routes, not a `Vec` for each.
    through: std::ops::Range<usize>,
    pub end: (f64, f64),
    /// For the first edge of its group: the height of the group's first and last edge, between
    /// which the label goes. `None` for the others, whose label is that one.
    pub label: Option<(f64, f64)>,
    /// An edge against the flow (data that an activity hands back to one in an earlier column, or
    /// to one in its own): it runs from its source's left side to its target's right side, or
    /// loops on the right of their column, with its label beginning at this point.
    pub back: Option<(f64, f64)>,
}

#[derive(Debug, Clone)]
pub struct Layout {
    pub columns: Vec<Column>,
    pub column_x: Vec<f64>,
    /// By node of the view.
    pub nodes: Vec<Placed>,
    /// By edge of the view.
    pub routes: Vec<Route>,
    /// Every route's waypoints, one route's after another's ([`Layout::through`]).
    through: Vec<(f64, f64, f64)>,
    /// The lowest point of the nodes and waypoints.
    pub bottom: f64,
    /// From the left margin to the right edge of the last column, and the same margin after it.
    pub width: f64,
}

impl Layout {
    /// Where `route` crosses each column between its ends: `(left x, right x, y)`.
    pub fn through(&self, route: &Route) -> &[(f64, f64, f64)] {
        &self.through[route.through.clone()]
    }
}

/// Something stacked in a column: a node of the view, or an edge's waypoint.
#[derive(Debug, Clone, Copy)]
struct Item {
    column: usize,
    height: f64,
    y: f64,
    waypoint: bool,
}

impl Layout {
    /// Lays out `view` from `top` down, with the left edge at `left`. `heights` are the boxes' heights
    /// (by node), `ports` the room each edge needs where it enters its target (by edge), `entry`
    /// the room all of a node's entering edges take ([`entry_rooms`], by node).
    pub fn new(
        view: &FlowView<'_>,
        heights: &[f64],
        ports: &[Port],
        entry: &[f64],
        left: f64,
        top: f64,
    ) -> Layout {
        let node_columns = columns_of(view);
        let mut columns = node_columns.clone();
        columns.sort();
        columns.dedup();
        let column_x: Vec<f64> = (0..columns.len())
            .map(|i| left + i as f64 * (NODE_WIDTH + COLUMN_GAP))
            .collect();

        let mut items: Vec<Item> = node_columns
            .iter()
            .zip(heights)
            .map(|(c, &height)| Item {
                column: columns.binary_search(c).unwrap_or(0),
                height,
                y: 0.0,
                waypoint: false,
            })
            .collect();
        // Each edge as the items it passes: its source, a waypoint per column between, its target.
        // The waypoints counted first, so that the list is made once at its size, not doubled.
        let waypoints: usize = view
            .edges
            .iter()
            .map(|e| items[e.to].column.saturating_sub(items[e.from].column + 1))
            .sum();
        items.reserve_exact(waypoints);
        let chains: Vec<Chain> = view
            .edges
            .iter()
            .map(|edge| {
                let (from, to) = (items[edge.from].column, items[edge.to].column);
                let first = items.len();
                for column in from + 1..to {
                    items.push(Item {
                        column,
                        height: WAYPOINT,
                        y: 0.0,
                        waypoint: true,
                    });
                }
                Chain {
                    source: edge.from,
                    waypoints: first..items.len(),
                    target: edge.to,
                }
            })
            .collect();
        // The links between neighbouring columns that the ordering pulls together.
        let mut links = Vec::with_capacity(chains.len() + items.len() - view.nodes.len());
        for chain in &chains {
            chain.push_links(&items, &mut links);
        }
        let after = Neighbours::new(items.len(), links.iter().copied());
        let before = Neighbours::new(items.len(), links.iter().map(|&(a, b)| (b, a)));
        drop(links);
        let order = order_columns(&items, &before, &after, columns.len());
        drop((before, after));
        let stacked: Vec<f64> = order
            .iter()
            .map(|members| stack_height(&items, members))
            .collect();
        let tallest = stacked.iter().copied().fold(0.0, f64::max);
        for (members, height) in order.iter().zip(&stacked) {
            let mut y = top + (tallest - height) / 2.0;
            let mut previous: Option<usize> = None;
            for &i in members {
                if let Some(p) = previous {
                    y += gap(&items[p], &items[i]);
                }
                items[i].y = y;
                y += items[i].height;
                previous = Some(i);
            }
        }

        let nodes: Vec<Placed> = (0..view.nodes.len())
            .map(|i| Placed {
                x: column_x[items[i].column],
                y: items[i].y,
                height: items[i].height,
            })
            .collect();
        let (routes, through) = route(view, &items, &chains, &nodes, &column_x, ports, entry);
        // A loop on the right of the last column, and its label, need room of their own.
        let last = columns.len().saturating_sub(1);
        let loops_at_the_end = view
            .edges
            .iter()
            .any(|e| items[e.from].column == last && items[e.to].column == last);
        let width = left * 2.0
            + columns.len() as f64 * NODE_WIDTH
            + last as f64 * COLUMN_GAP
            + if loops_at_the_end { LOOP + 160.0 } else { 0.0 };
        Layout {
            columns,
            column_x,
            nodes,
            routes,
            through,
            bottom: top + tallest,
            width,
        }
    }
}

/// The column of every node.
fn columns_of(view: &FlowView<'_>) -> Vec<Column> {
    let is_activity = |i: usize| view.nodes[i].role == Role::Activity;
    let between_activities: Vec<(usize, usize)> = view
        .edges
        .iter()
        .filter(|e| is_activity(e.from) && is_activity(e.to))
        .map(|e| (e.from, e.to))
        .collect();
    let level = levels(view.nodes.len(), &between_activities);
    view.nodes
        .iter()
        .enumerate()
        .map(|(i, node)| match node.role {
            Role::Source => Column::Sources,
            Role::Activity => Column::Activities(level[i]),
            Role::Processor | Role::Subprocessor => {
                Column::Processors(depth(view.model, node.node))
            }
            Role::Recipient => Column::Recipients,
        })
        .collect()
}

/// The items an edge passes: its source, a waypoint in each column between (made one after the
/// other, so their numbers are a range), its target.
struct Chain {
    source: usize,
    waypoints: std::ops::Range<usize>,
    target: usize,
}

impl Chain {
    /// The item after the source: the first waypoint, or the target.
    fn second(&self) -> usize {
        if self.waypoints.is_empty() {
            self.target
        } else {
            self.waypoints.start
        }
    }

    /// The item before the target: the last waypoint, or the source.
    fn second_last(&self) -> usize {
        if self.waypoints.is_empty() {
            self.source
        } else {
            self.waypoints.end - 1
        }
    }

    /// Each item and the next, pushed to `links` where the next stands in the column after the
    /// item's. A loop, not a chain of iterators zipped with itself (which cost some 140
    /// instructions a link).
    fn push_links(&self, items: &[Item], links: &mut Vec<(usize, usize)>) {
        let mut link = |a: usize, b: usize| {
            if items[a].column + 1 == items[b].column {
                links.push((a, b));
            }
        };
        let mut previous = self.source;
        for waypoint in self.waypoints.clone() {
            link(previous, waypoint);
            previous = waypoint;
        }
        link(previous, self.target);
    }
}

/// Each item's neighbours in the column before (or after), all in one list: item `i`'s are
/// `list[first[i]..first[i + 1]]`, in the order of the links. One list instead of a `Vec` per item
/// (hundreds of thousands of them in a large picture).
struct Neighbours {
    first: Vec<usize>,
    list: Vec<usize>,
}

impl Neighbours {
    /// From links `(item, neighbour)`.
    fn new(count: usize, links: impl Iterator<Item = (usize, usize)> + Clone) -> Neighbours {
        let mut first = vec![0usize; count + 1];
        for (item, _) in links.clone() {
            first[item + 1] += 1;
        }
        for i in 0..count {
            first[i + 1] += first[i];
        }
        let mut next = first.clone();
        let mut list = vec![0; first[count]];
        for (item, neighbour) in links {
            list[next[item]] = neighbour;
            next[item] += 1;
        }
        Neighbours { first, list }
    }

    fn of(&self, item: usize) -> &[usize] {
        &self.list[self.first[item]..self.first[item + 1]]
    }

    fn of_mut(&mut self, item: usize) -> &mut [usize] {
        &mut self.list[self.first[item]..self.first[item + 1]]
    }
}

/// The space between two neighbours in a column: less where a waypoint is involved.
fn gap(a: &Item, b: &Item) -> f64 {
    if a.waypoint || b.waypoint {
        WAYPOINT_GAP
    } else {
        NODE_GAP
    }
}

fn stack_height(items: &[Item], members: &[usize]) -> f64 {
    let heights: f64 = members.iter().map(|&i| items[i].height).sum();
    let gaps: f64 = members
        .windows(2)
        .map(|w| gap(&items[w[0]], &items[w[1]]))
        .sum();
    heights + gaps
}

/// The items of each column, top to bottom: first as declared, then sweeps that move each item
/// towards the middle of its neighbours in the column before (sweeping right) or after (left).
fn order_columns(
    items: &[Item],
    before: &Neighbours,
    after: &Neighbours,
    count: usize,
) -> Vec<Vec<usize>> {
    Ordering::new(items, count).sweep(before, after).order
}

/// The ordering of the columns while it is swept.
struct Ordering {
    /// The items of each column, top to bottom.
    order: Vec<Vec<usize>>,
    /// By item: its place in its column, as a fraction of the column (the barycentre's unit).
    rank: Vec<f64>,
    /// How many items were handed to a sort, over all sweeps: the ordering's work, which a test
    /// counts instead of timing it.
    sorted: usize,
}

impl Ordering {
    /// The items in declaration order.
    fn new(items: &[Item], count: usize) -> Ordering {
        let mut order: Vec<Vec<usize>> = vec![Vec::new(); count];
        for (i, item) in items.iter().enumerate() {
            order[item.column].push(i);
        }
        let mut ordering = Ordering {
            order,
            rank: vec![0.0; items.len()],
            sorted: 0,
        };
        for c in 0..count {
            ordering.rerank(c);
        }
        ordering
    }

    fn rerank(&mut self, column: usize) {
        let members = &self.order[column];
        for (at, &i) in members.iter().enumerate() {
            self.rank[i] = (at as f64 + 0.5) / members.len() as f64;
        }
    }

    /// [`SWEEPS`] sweeps, alternately rightwards and leftwards. A column whose items are already in
    /// the order of their keys is left as it is (the sort would keep it), and once a sweep each way
    /// has moved nothing, every later sweep would move nothing either: the sweeps stop there. The
    /// order is the same as that of all the sweeps, for less work.
    fn sweep(mut self, before: &Neighbours, after: &Neighbours) -> Ordering {
        let count = self.order.len();
        // Each column's keys, with the place that breaks ties; kept from column to column.
        let mut keyed: Vec<u128> = Vec::new();
        let mut room = Buckets::default();
        let mut still = 0;
        for sweep in 0..SWEEPS {
            let rightwards = sweep % 2 == 0;
            let neighbours = if rightwards { before } else { after };
            let mut moved = false;
            for step in 0..count.saturating_sub(1) {
                let c = if rightwards {
                    step + 1
                } else {
                    count - 2 - step
                };
                keyed.clear();
                keyed.extend(self.order[c].iter().enumerate().map(|(at, &i)| {
                    let key = barycentre(neighbours.of(i), &self.rank).unwrap_or(self.rank[i]);
                    // Ties keep the order they had: the place in the column breaks them, so an
                    // unstable sort (faster) gives the order of a stable one.
                    (u128::from(total_order(key)) << 64) | at as u128
                }));
                if keyed.is_sorted() {
                    continue;
                }
                self.sorted += keyed.len();
                sort_keys(&mut keyed, &mut room);
                let column = &mut self.order[c];
                let previous = std::mem::take(column);
                column.extend(keyed.iter().map(|&k| previous[k as u64 as usize]));
                self.rerank(c);
                moved = true;
            }
            still = if moved { 0 } else { still + 1 };
            if still == 2 {
                break;
            }
        }
        self
    }
}

/// The mean rank of `neighbours`; `None` when there are none.
fn barycentre(neighbours: &[usize], rank: &[f64]) -> Option<f64> {
    if neighbours.is_empty() {
        None
    } else {
        Some(neighbours.iter().map(|&n| rank[n]).sum::<f64>() / neighbours.len() as f64)
    }
}

/// `value` as an unsigned integer in the order of [`f64::total_cmp`] (its transformation, then the
/// sign bit flipped, which keeps the order of the signed integers among unsigned ones).
fn total_order(value: f64) -> u64 {
    let bits = value.to_bits() as i64;
    (bits ^ (((bits >> 63) as u64) >> 1) as i64) as u64 ^ (1 << 63)
}

/// The number whose [`total_order`] is `key`.
fn from_total_order(key: u64) -> f64 {
    let bits = (key ^ (1 << 63)) as i64;
    f64::from_bits((bits ^ (((bits >> 63) as u64) >> 1) as i64) as u64)
}

/// Below this many keys, [`sort_keys`] leaves them to the standard sort.
const FEW_KEYS: usize = 64;

/// Room for [`sort_keys`], kept from call to call.
#[derive(Default)]
struct Buckets {
    /// By bucket: where it begins in `sorted` (then, while filling, where its next key goes).
    starts: Vec<u32>,
    /// By key: its bucket.
    bucket_of: Vec<u32>,
    sorted: Vec<u128>,
}

/// Sorts `keys` in increasing order. Each is a number in the order of [`total_order`] in the high
/// half and a place or number in the low half (so no two are equal, and any sort gives the same
/// order). The numbers are barycentres or heights, spread over a range: the keys are dealt into as
/// many buckets as there are keys by where their number lies in the range (a bucket's numbers are
/// all below the next one's), and each bucket, a few keys at most unless many share a number, is
/// sorted alone. That is a pass or three over the keys instead of the standard sort's many
/// comparisons; a short list, or one with a number that is not finite, is sorted the standard way.
fn sort_keys(keys: &mut Vec<u128>, room: &mut Buckets) {
    let count = keys.len();
    if count < FEW_KEYS || count > u32::MAX as usize {
        keys.sort_unstable();
        return;
    }
    // The least and the greatest number, by their keys, whose order is theirs.
    let (mut least, mut most) = (u64::MAX, 0u64);
    for &key in keys.iter() {
        let high = (key >> 64) as u64;
        least = least.min(high);
        most = most.max(high);
    }
    let (low, high) = (from_total_order(least), from_total_order(most));
    if !(low.is_finite() && high.is_finite() && high > low) {
        keys.sort_unstable();
        return;
    }
    let last = (count - 1) as u32;
    // Increasing in the number, so that a bucket's numbers are all below the next one's; `min`
    // keeps the greatest in the last bucket whatever the rounding.
    let scale = f64::from(last) / (high - low);
    room.bucket_of.clear();
    room.bucket_of.extend(keys.iter().map(|&key| {
        let value = from_total_order((key >> 64) as u64);
        (((value - low) * scale) as u32).min(last)
    }));
    room.starts.clear();
    room.starts.resize(count + 1, 0);
    for &bucket in &room.bucket_of {
        room.starts[bucket as usize + 1] += 1;
    }
    for b in 0..count {
        room.starts[b + 1] += room.starts[b];
    }
    room.sorted.clear();
    room.sorted.resize(count, 0);
    for (&key, &bucket) in keys.iter().zip(&room.bucket_of) {
        let at = &mut room.starts[bucket as usize];
        room.sorted[*at as usize] = key;
        *at += 1;
    }
    // Each `starts[b]` is now where bucket `b` ends, and so where `b + 1` begins.
    let mut begin = 0;
    for &end in &room.starts[..count] {
        let end = end as usize;
        if end - begin > 1 {
            room.sorted[begin..end].sort_unstable();
        }
        begin = end;
    }
    std::mem::swap(keys, &mut room.sorted);
}

/// The ports and waypoints of every edge.
fn route(
    view: &FlowView<'_>,
    items: &[Item],
    chains: &[Chain],
    nodes: &[Placed],
    column_x: &[f64],
    ports: &[Port],
    entry: &[f64],
) -> (Vec<Route>, Vec<(f64, f64, f64)>) {
    let centre = |i: usize| items[i].y + items[i].height / 2.0;
    // Each node's edges with the flow, out and in, in the order of the edges.
    let forward = |e: &(usize, &super::ViewEdge)| items[e.1.from].column < items[e.1.to].column;
    let forwards = || view.edges.iter().enumerate().filter(forward);
    let mut outgoing = Neighbours::new(nodes.len(), forwards().map(|(e, edge)| (edge.from, e)));
    let mut incoming = Neighbours::new(nodes.len(), forwards().map(|(e, edge)| (edge.to, e)));
    // Each route's waypoints are a range of `through` below, as their items are of `items`.
    let mut routes: Vec<Route> = chains
        .iter()
        .map(|chain| Route {
            start: (0.0, 0.0),
            through: chain.waypoints.start - nodes.len()..chain.waypoints.end - nodes.len(),
            end: (0.0, 0.0),
            label: None,
            back: None,
        })
        .collect();
    for (edge, route) in view.edges.iter().zip(&mut routes) {
        let (from, to) = (&items[edge.from], &items[edge.to]);
        // Edges with the flow get their ports below, by node.
        if from.column > to.column {
            let (a, b) = (nodes[edge.from], nodes[edge.to]);
            route.start = (a.x, centre(edge.from));
            route.end = (b.x + NODE_WIDTH, centre(edge.to) + 6.0);
            route.back = Some((route.end.0 + 12.0, route.end.1 - 4.0));
        } else if from.column == to.column {
            let (a, b) = (nodes[edge.from], nodes[edge.to]);
            route.start = (a.x + NODE_WIDTH, centre(edge.from) - 6.0);
            route.end = (b.x + NODE_WIDTH, centre(edge.to) + 6.0);
            let middle = (route.start.1 + route.end.1) / 2.0;
            route.back = Some((a.x + NODE_WIDTH + LOOP + 6.0, middle + 3.0));
        }
    }
    // Kept from node to node: most nodes have a few edges in, and a large picture many nodes.
    // The groups of a node's entering edges, in the order of their highest member: by group,
    // where its members begin in `grouped` (then, while filling, where the next one goes).
    let mut group_at: FxHashMap<usize, usize> = FxHashMap::default();
    let mut group_of: Vec<usize> = Vec::new();
    let mut group_starts: Vec<usize> = Vec::new();
    let mut grouped: Vec<usize> = Vec::new();
    let mut keyed: Vec<u128> = Vec::new();
    let mut room = Buckets::default();
    for (i, node) in nodes.iter().enumerate() {
        // Ordered by where the edge goes next (or comes from), so that edges leave and arrive
        // without crossing each other.
        let out = outgoing.of_mut(i);
        sort_by_height(out, &mut keyed, &mut room, |e| centre(chains[e].second()));
        let n = out.len() as f64;
        for (at, &e) in out.iter().enumerate() {
            let y = node.y + node.height * (at as f64 + 1.0) / (n + 1.0);
            routes[e].start = (node.x + NODE_WIDTH, y);
        }

        // Groups in the order of their highest member, members in order within the group.
        let from = |e: usize| centre(chains[e].second_last());
        let into = incoming.of_mut(i);
        sort_by_height(into, &mut keyed, &mut room, from);
        group_at.clear();
        group_of.clear();
        group_starts.clear();
        for &e in into.iter() {
            let at = *group_at.entry(ports[e].group).or_insert_with(|| {
                group_starts.push(0);
                group_starts.len() - 1
            });
            group_of.push(at);
            group_starts[at] += 1;
        }
        // The counts into where each group begins, then its members dealt in, in order.
        let mut begin = 0;
        for start in group_starts.iter_mut() {
            (*start, begin) = (begin, begin + *start);
        }
        grouped.clear();
        grouped.resize(into.len(), 0);
        for (&e, &at) in into.iter().zip(&group_of) {
            grouped[group_starts[at]] = e;
            group_starts[at] += 1;
        }
        // Each `group_starts[g]` is now where group `g` ends, and so where `g + 1` begins.
        let mut y = node.y + (node.height - entry[i]) / 2.0;
        let mut begin = 0;
        for &end in &group_starts {
            let members = &grouped[begin..end];
            begin = end;
            let port = ports[members[0]];
            y += port.above;
            let first = y;
            for (at, &e) in members.iter().enumerate() {
                if at > 0 {
                    y += BUNDLED;
                }
                routes[e].end = (node.x, y);
            }
            routes[members[0]].label = Some((first, y));
            y += port.below;
        }
    }
    // The waypoints are numbered in the order of their edges, after the nodes: one list of them
    // all.
    let through = items[nodes.len()..]
        .iter()
        .enumerate()
        .map(|(w, item)| {
            let x = column_x[item.column];
            (x, x + NODE_WIDTH, centre(nodes.len() + w))
        })
        .collect();
    (routes, through)
}

/// Sorts `edges` (in increasing order) by `height`, those of one height in the order they had: as a
/// stable sort by [`f64::total_cmp`] does, but with each height computed once and the edge number
/// packed with it into one integer to compare. `keyed` and `room` are kept from call to call.
fn sort_by_height(
    edges: &mut [usize],
    keyed: &mut Vec<u128>,
    room: &mut Buckets,
    height: impl Fn(usize) -> f64,
) {
    debug_assert!(edges.is_sorted());
    if edges.len() < 2 {
        return;
    }
    keyed.clear();
    keyed.extend(
        edges
            .iter()
            .map(|&e| (u128::from(total_order(height(e))) << 64) | e as u128),
    );
    sort_keys(keyed, room);
    for (edge, key) in edges.iter_mut().zip(keyed.iter()) {
        *edge = *key as u64 as usize;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ordering as it was done before: all [`SWEEPS`] sweeps, every column sorted each time.
    fn every_sweep(
        items: &[Item],
        before: &[Vec<usize>],
        after: &[Vec<usize>],
        count: usize,
    ) -> Vec<Vec<usize>> {
        let mut order: Vec<Vec<usize>> = vec![Vec::new(); count];
        for (i, item) in items.iter().enumerate() {
            order[item.column].push(i);
        }
        let mut rank = vec![0.0f64; items.len()];
        let rerank = |members: &[usize], rank: &mut [f64]| {
            for (at, &i) in members.iter().enumerate() {
                rank[i] = (at as f64 + 0.5) / members.len() as f64;
            }
        };
        for members in &order {
            rerank(members, &mut rank);
        }
        for sweep in 0..SWEEPS {
            let rightwards = sweep % 2 == 0;
            let columns: Vec<usize> = if rightwards {
                (1..count).collect()
            } else {
                (0..count.saturating_sub(1)).rev().collect()
            };
            for c in columns {
                let neighbours = if rightwards { before } else { after };
                let mut keyed: Vec<(f64, usize)> = order[c]
                    .iter()
                    .map(|&i| (barycentre(&neighbours[i], &rank).unwrap_or(rank[i]), i))
                    .collect();
                keyed.sort_by(|a, b| a.0.total_cmp(&b.0));
                order[c] = keyed.into_iter().map(|(_, i)| i).collect();
                rerank(&order[c], &mut rank);
            }
        }
        order
    }

    /// `count` items spread over `columns` columns, and links between neighbouring columns.
    #[allow(clippy::type_complexity)]
    fn graph(
        random: &mut impl FnMut(usize) -> usize,
        columns: usize,
        count: usize,
        links: usize,
    ) -> (Vec<Item>, Vec<Vec<usize>>, Vec<Vec<usize>>) {
        let items: Vec<Item> = (0..count)
            .map(|_| Item {
                column: random(columns),
                height: 10.0,
                y: 0.0,
                waypoint: false,
            })
            .collect();
        let mut before = vec![Vec::new(); count];
        let mut after = vec![Vec::new(); count];
        for _ in 0..links {
            let (a, b) = (random(count), random(count));
            if items[a].column + 1 == items[b].column {
                after[a].push(b);
                before[b].push(a);
            }
        }
        (items, before, after)
    }

    /// Neighbours from a list per item.
    fn lists(of: &[Vec<usize>]) -> Neighbours {
        let links = of
            .iter()
            .enumerate()
            .flat_map(|(i, list)| list.iter().map(move |&n| (i, n)));
        Neighbours::new(of.len(), links)
    }

    /// The keys come out as the standard sort gives them: numbers spread out, bunched, many equal,
    /// far apart, negative, not finite; from short lists to long ones.
    #[test]
    fn keys_are_sorted_as_the_standard_sort_sorts_them() {
        let mut random = crate::flow::render::random_numbers(0x2545_f491_4f6c_dd1d);
        let mut room = Buckets::default();
        let spreads: [fn(usize) -> f64; 6] = [
            |r| r as f64 / 1e6,
            |r| (r % 7) as f64 / 7.0,
            |r| {
                if r % 10 == 0 {
                    1e12
                } else {
                    (r % 1000) as f64 * 1e-9
                }
            },
            |r| -(r as f64) + 0.5,
            |r| [0.0, -0.0, 0.25, 5e-324][r % 4],
            |r| [1.0, f64::INFINITY, f64::NAN, -2.0][r % 4],
        ];
        for round in 0..600 {
            let spread = spreads[round % spreads.len()];
            let count = [0, 1, 2, 63, 64, 65, 200, 1000, 5000][random(9)];
            let mut keys: Vec<u128> = (0..count)
                .map(|place| {
                    let value = spread(random(1_000_000));
                    (u128::from(total_order(value)) << 64) | place as u128
                })
                .collect();
            let mut expected = keys.clone();
            expected.sort_unstable();
            sort_keys(&mut keys, &mut room);
            assert_eq!(keys, expected, "round {round}, {count} keys");
        }
        for value in [
            0.0,
            -0.0,
            1.5,
            -1.5,
            5e-324,
            f64::MAX,
            f64::INFINITY,
            -f64::INFINITY,
        ] {
            assert_eq!(
                from_total_order(total_order(value)).to_bits(),
                value.to_bits()
            );
        }
    }

    /// The room of each node's entering edges is that of its groups counted with a map, as
    /// before: for each group its first port's room over and under it, and [`BUNDLED`] between
    /// its edges.
    #[test]
    fn entry_rooms_are_those_of_the_groups() {
        let mut random = crate::flow::render::random_numbers(0x2545_f491_4f6c_dd1d);
        for _ in 0..200 {
            let nodes = 1 + random(20);
            let edges = random(80);
            let targets: Vec<usize> = (0..edges).map(|_| random(nodes)).collect();
            // A group is the first edge into its node with the same data (here, a number below 3).
            let data: Vec<usize> = (0..edges).map(|_| random(3)).collect();
            let mut first: FxHashMap<(usize, usize), usize> = FxHashMap::default();
            let ports: Vec<Port> = (0..edges)
                .map(|e| {
                    let group = *first.entry((targets[e], data[e])).or_insert(e);
                    Port {
                        group,
                        above: 13.0,
                        below: if data[group] == 0 { 19.0 } else { 6.0 },
                    }
                })
                .collect();
            let rooms = entry_rooms(nodes, targets.iter().copied(), &ports);
            for (node, &room) in rooms.iter().enumerate() {
                let mut groups: FxHashMap<usize, (&Port, usize)> = FxHashMap::default();
                for e in (0..edges).filter(|&e| targets[e] == node) {
                    groups.entry(ports[e].group).or_insert((&ports[e], 0)).1 += 1;
                }
                let expected: f64 = groups
                    .values()
                    .map(|(port, count)| port.above + BUNDLED * (*count - 1) as f64 + port.below)
                    .sum();
                assert_eq!(room, expected);
            }
        }
    }

    #[test]
    fn the_order_is_that_of_every_sweep() {
        let mut random = crate::flow::render::random_numbers(0x2545_f491_4f6c_dd1d);
        for _ in 0..400 {
            let columns = 1 + random(6);
            let count = 1 + random(60);
            let links = random(4 * count);
            let (items, before, after) = graph(&mut random, columns, count, links);
            assert_eq!(
                order_columns(&items, &lists(&before), &lists(&after), columns),
                every_sweep(&items, &before, &after, columns),
            );
        }
    }

    /// Columns already in the order of their neighbours are not sorted at all, and an order that
    /// settles after a few sweeps is not sorted again: the sweeps cost a pass over the items each,
    /// and sorting only where something moves.
    #[test]
    fn a_settled_order_is_not_sorted_again() {
        // Ten columns of 1,000 items, each linked to the item at its place in the next column.
        let (columns, per_column) = (10, 1000);
        let items: Vec<Item> = (0..columns * per_column)
            .map(|i| Item {
                column: i / per_column,
                height: 10.0,
                y: 0.0,
                waypoint: false,
            })
            .collect();
        let mut before = vec![Vec::new(); items.len()];
        let mut after = vec![Vec::new(); items.len()];
        for i in 0..items.len() - per_column {
            after[i].push(i + per_column);
            before[i + per_column].push(i);
        }
        let settled = Ordering::new(&items, columns).sweep(&lists(&before), &lists(&after));
        assert_eq!(settled.sorted, 0);

        // The same with the first column upside down: the first sweep turns every column round,
        // and the sweeps stop once one each way has moved nothing.
        for (i, neighbours) in after[..per_column].iter_mut().enumerate() {
            *neighbours = vec![2 * per_column - 1 - i];
        }
        for (i, neighbours) in before[per_column..2 * per_column].iter_mut().enumerate() {
            *neighbours = vec![per_column - 1 - i];
        }
        let turned = Ordering::new(&items, columns).sweep(&lists(&before), &lists(&after));
        assert_eq!(turned.sorted, (columns - 1) * per_column);
        assert_eq!(turned.order, every_sweep(&items, &before, &after, columns));
    }
}
