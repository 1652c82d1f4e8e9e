//! How many times the picture's edges cross: the measure a change to the layout must not make
//! worse. Each edge that runs with the flow is a line from its source's port, through its waypoint
//! in each column between, into its target's port; two such lines cross between two neighbouring
//! columns when their order at the left column is the reverse of their order at the right one.
//! Edges against the flow and loops (drawn around the boxes, few) are not counted.

use std::path::Path;

use rustc_hash::FxHashMap;

use super::super::layout::Layout;
use super::super::{FlowView, RenderOptions};
use super::{NodeTexts, lay_out};
use crate::i18n::Lang;

/// The crossings between neighbouring columns of `layout`.
pub fn crossings(layout: &Layout) -> usize {
    // By the x where a stretch begins (one per gap between columns): each edge's stretch through
    // the gap as the heights at its two ends.
    let mut gaps: FxHashMap<u64, Vec<(f64, f64)>> = FxHashMap::default();
    for route in layout.routes.iter().filter(|r| r.back.is_none()) {
        let points: Vec<(f64, f64)> = std::iter::once(route.start)
            .chain(
                layout
                    .through(route)
                    .iter()
                    .flat_map(|&(l, r, y)| [(l, y), (r, y)]),
            )
            .chain(std::iter::once(route.end))
            .collect();
        // Source to first waypoint, each waypoint's right side to the next one's left side, ...
        for pair in points.chunks(2) {
            let [(x, a), (_, b)] = pair else {
                unreachable!("a route has a start, two points per waypoint and an end")
            };
            gaps.entry(x.to_bits()).or_default().push((*a, *b));
        }
    }
    gaps.into_values().map(crossed).sum()
}

/// The pairs of `stretches` (left height, right height) whose order at the left is the reverse of
/// their order at the right: sorted by the left height, the inversions of the right heights.
fn crossed(mut stretches: Vec<(f64, f64)>) -> usize {
    stretches.sort_by(|p, q| p.0.total_cmp(&q.0).then(p.1.total_cmp(&q.1)));
    let mut right: Vec<f64> = stretches.iter().map(|s| s.1).collect();
    let mut room = vec![0.0; right.len()];
    inversions(&mut right, &mut room)
}

/// Sorts `values` and counts the pairs out of order (strictly), by merging halves.
fn inversions(values: &mut [f64], room: &mut [f64]) -> usize {
    let n = values.len();
    if n < 2 {
        return 0;
    }
    let middle = n / 2;
    let mut count = inversions(&mut values[..middle], &mut room[..middle])
        + inversions(&mut values[middle..], &mut room[middle..]);
    let (mut i, mut j, mut k) = (0, middle, 0);
    while i < middle || j < n {
        if j == n || (i < middle && values[i] <= values[j]) {
            room[k] = values[i];
            i += 1;
        } else {
            // Every value left in the first half is above this one.
            count += middle - i;
            room[k] = values[j];
            j += 1;
        }
        k += 1;
    }
    values.copy_from_slice(&room[..n]);
    count
}

/// The crossings of the picture of the spec at `path`.
pub fn crossings_of(path: &Path) -> usize {
    let sources = crate::source::load(path, Lang::En)
        .unwrap_or_else(|e| panic!("cannot read {}: {}", path.display(), e.error.message));
    let (model, flow) = crate::compile(&sources, Lang::En)
        .unwrap_or_else(|_| panic!("{} must compile", path.display()));
    let options = RenderOptions {
        category: None,
        lang: Lang::En,
    };
    let view = FlowView::new(&model, &flow, &options);
    let texts = NodeTexts::new(&view.nodes, Lang::En);
    crossings(&lay_out(&view, &texts, 0.0))
}

#[test]
fn crossings_are_the_reversed_pairs() {
    assert_eq!(crossed(vec![]), 0);
    assert_eq!(crossed(vec![(0.0, 0.0), (1.0, 1.0), (2.0, 2.0)]), 0);
    // Every pair reversed.
    assert_eq!(crossed(vec![(0.0, 2.0), (1.0, 1.0), (2.0, 0.0)]), 3);
    // One line crosses the other two; lines that meet at one end do not cross.
    assert_eq!(crossed(vec![(0.0, 5.0), (1.0, 1.0), (2.0, 2.0)]), 2);
    assert_eq!(crossed(vec![(0.0, 1.0), (0.0, 0.0), (1.0, 1.0)]), 0);
    // Against counting every pair by hand, on stretches with ties.
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let mut random = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % 20) as f64
    };
    for _ in 0..200 {
        let stretches: Vec<(f64, f64)> = (0..40).map(|_| (random(), random())).collect();
        let by_hand = stretches
            .iter()
            .enumerate()
            .flat_map(|(i, p)| stretches[i + 1..].iter().map(move |q| (p, q)))
            .filter(|(p, q)| (p.0 < q.0 && p.1 > q.1) || (p.0 > q.0 && p.1 < q.1))
            .count();
        assert_eq!(crossed(stretches), by_hand);
    }
}

/// The pictures of the real specs and the examples cross no more than they did when the sweeps were
/// last changed (package svg4: three sweeps instead of eight; specs/lejre had 771 crossings).
#[test]
fn the_pictures_cross_no_more_than_they_did() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    assert!(crossings_of(&root.join("specs/lejre")) <= 742);
    assert_eq!(crossings_of(&root.join("specs/randers")), 0);
    for entry in std::fs::read_dir(root.join("examples")).expect("examples/ is readable") {
        let path = entry.expect("an entry of examples/").path();
        if path.extension().is_some_and(|e| e == "hjemmel") {
            assert_eq!(crossings_of(&path), 0, "{}", path.display());
        }
    }
}

/// The crossings of the specs in `HJEMMEL_CROSSINGS` (paths separated by `:`), printed: for
/// measuring a change to the layout on specs too large to keep in the repository (docs/performance.md).
#[test]
#[ignore = "a measurement: run with HJEMMEL_CROSSINGS=PATH[:PATH...] and --ignored --nocapture"]
fn print_crossings() {
    let paths = std::env::var("HJEMMEL_CROSSINGS").unwrap_or_default();
    for path in paths.split(':').filter(|p| !p.is_empty()) {
        println!("{} {path}", crossings_of(Path::new(path)));
    }
}
