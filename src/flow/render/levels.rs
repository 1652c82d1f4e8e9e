//! How many activities' data passed through before each activity: its level, which decides its
//! column in the SVG picture ([`super::layout`]).
//!
//! The level is the longest chain of activities that leads to it. Data that goes round (an activity
//! that hands data back to one it took data from, or to itself) would make that chain endless: the
//! edges that close a cycle, as a depth-first search in declaration order meets them, do not count,
//! and the picture draws them against the flow. Levels stop at [`MAX_LEVEL`], so that a chain of
//! thousands of activities, each taking data from the next, does not make as many columns, with an
//! edge through each of them (the layout gives an edge a waypoint in every column it crosses, which
//! for such a chain grew with the square of its length). Each activity and edge is looked at a
//! bounded number of times; the levels were once found by relaxing every edge until nothing
//! changed, which took as many rounds as there were activities when data went round.

/// The highest level: activities further down a chain share its column.
pub const MAX_LEVEL: usize = 11;

/// The level of each of `count` nodes, from `edges` between them (`(from, to)`, sorted by `from`);
/// nodes without edges are at level 0.
pub fn levels(count: usize, edges: &[(usize, usize)]) -> Vec<usize> {
    // The edges leaving node `i` are edges[first[i]..first[i + 1]].
    let mut first = vec![0usize; count + 1];
    for &(from, _) in edges {
        first[from + 1] += 1;
    }
    for i in 0..count {
        first[i + 1] += first[i];
    }

    // A depth-first search in node order, without recursion: the nodes in the order they are
    // finished, and the edges that lead back to a node still being searched.
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        New,
        Open,
        Done,
    }
    let mut state = vec![State::New; count];
    let mut closes_cycle = vec![false; edges.len()];
    let mut finished = Vec::with_capacity(count);
    let mut stack: Vec<(usize, usize)> = Vec::new();
    for root in 0..count {
        if state[root] != State::New {
            continue;
        }
        state[root] = State::Open;
        stack.push((root, first[root]));
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            if *next == first[node + 1] {
                state[node] = State::Done;
                finished.push(node);
                stack.pop();
                continue;
            }
            let e = *next;
            *next += 1;
            let to = edges[e].1;
            match state[to] {
                State::New => {
                    state[to] = State::Open;
                    stack.push((to, first[to]));
                }
                State::Open => closes_cycle[e] = true,
                State::Done => {}
            }
        }
    }

    // Without those edges, a node is finished after every node it leads to: the reverse order is
    // one in which every edge goes forward, so one pass finds the longest chains.
    let mut level = vec![0usize; count];
    for &node in finished.iter().rev() {
        for e in first[node]..first[node + 1] {
            if !closes_cycle[e] {
                let to = edges[e].1;
                level[to] = level[to].max(level[node] + 1);
            }
        }
    }
    for level in &mut level {
        *level = (*level).min(MAX_LEVEL);
    }
    level
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The levels as they were found before: every edge relaxed until nothing changes (at most
    /// `count` rounds). For a graph without cycles, the longest chains.
    fn relaxed(count: usize, edges: &[(usize, usize)]) -> Vec<usize> {
        let mut level = vec![0usize; count];
        for _ in 0..count {
            let mut changed = false;
            for &(from, to) in edges {
                if level[to] < level[from] + 1 {
                    level[to] = level[from] + 1;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        level.into_iter().map(|l| l.min(MAX_LEVEL)).collect()
    }

    #[test]
    fn without_cycles_the_levels_are_the_longest_chains() {
        let mut random = crate::flow::render::random_numbers(0x2545_f491_4f6c_dd1d);
        for _ in 0..500 {
            let count = 1 + random(30);
            // Edges from a lower to a higher number in a random numbering: no cycle, in any order
            // of declaration.
            let mut numbering: Vec<usize> = (0..count).collect();
            for i in (1..count).rev() {
                numbering.swap(i, random(i + 1));
            }
            let mut edges: Vec<(usize, usize)> = (0..random(3 * count + 1))
                .filter_map(|_| {
                    let (a, b) = (random(count), random(count));
                    (a < b).then(|| (numbering[a], numbering[b]))
                })
                .collect();
            edges.sort();
            edges.dedup();
            assert_eq!(levels(count, &edges), relaxed(count, &edges), "{edges:?}");
        }
    }

    #[test]
    fn an_edge_that_closes_a_cycle_does_not_count() {
        assert_eq!(levels(2, &[(0, 1), (1, 0)]), vec![0, 1]);
        assert_eq!(levels(1, &[(0, 0)]), vec![0]);
        assert_eq!(levels(3, &[(0, 1), (1, 2), (2, 0)]), vec![0, 1, 2]);
    }

    /// A cycle among 200,000 activities, and a chain of as many, each taking from the next: the old
    /// relaxation took a round per activity for the cycle (4 · 10^10 steps) and per link for the
    /// chain; this takes milliseconds.
    #[test]
    fn long_chains_and_cycles_take_one_pass() {
        let count = 200_000;
        let mut edges: Vec<(usize, usize)> = (1..count).map(|i| (i, i - 1)).collect();
        edges.push((0, count - 1));
        edges.sort();
        let level = levels(count, &edges);
        // The search starts at 0 and goes round: 0 → count - 1 → ... → 1, whose edge back to 0
        // closes the cycle.
        assert_eq!(level[0], 0);
        assert_eq!(level[count - 1], 1);
        assert_eq!(level[1], MAX_LEVEL);
    }
}
