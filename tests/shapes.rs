//! The spec shapes that were once quadratic (issue 11), small enough for a test: what made them
//! quadratic in memory is shared now, and stays shared. Their time is measured by
//! scripts/bench-shapes.sh; the waiver index and the did-you-mean budget have tests of their own
//! (src/config/waivers.rs, src/semantic/suggest.rs).

use std::sync::Arc;

use hjemmel::flow::transfers::destinations;
use hjemmel::flow::{FlowGraph, Node};
use hjemmel::i18n::Lang;
use hjemmel::semantic::model::{Model, ProcessorId};
use hjemmel::source::{SourceFile, SourceMap};

#[path = "../examples/shapes.rs"]
#[allow(dead_code)]
mod shapes;

fn compile(text: String) -> (Model, FlowGraph) {
    let mut sources = SourceMap::new();
    sources.add(SourceFile::new("shape.hjemmel", text));
    hjemmel::compile(&sources, Lang::En).expect("the shape is a valid spec")
}

/// One processor with K sub-processors in a third country, used by K activities: every
/// sub-processor's list of the activities that reach it is the processor's own list, not a copy
/// (K copies of K activities were 4 GiB at K = 32,000), and the rules see the same.
#[test]
fn subprocessors_share_the_list_of_the_activities_that_reach_them() {
    const K: usize = 300;
    let (model, flow) = compile(shapes::subprocessor_chain(K));
    let root = flow.processor_users(ProcessorId(0));
    assert_eq!(root.len(), K);
    let found = destinations(&model, &flow);
    assert_eq!(
        found.len(),
        K,
        "each sub-processor in India is a destination"
    );
    for d in &found {
        assert!(matches!(d.node, Node::Processor(_)));
        assert_eq!(d.activities.len(), K);
        assert!(
            std::ptr::eq(d.activities.as_ptr(), root.as_ptr()),
            "{} copies",
            d.name
        );
    }
    for i in 1..=K {
        let users = flow.processor_users(ProcessorId(i as u32));
        assert!(std::ptr::eq(users.as_ptr(), root.as_ptr()));
    }
}

/// One activity with N categories, sources, processors and recipients: the edges from its sources
/// and to its processors carry one shared list of its N categories (N copies were 832 MiB at
/// N = 10,000), and the graph has one edge for each.
#[test]
fn the_edges_of_a_wide_activity_share_its_list_of_categories() {
    const N: usize = 300;
    let (_, flow) = compile(shapes::wide_activity(N));
    let all: Vec<&Arc<[_]>> = flow
        .graph
        .edge_weights()
        .map(|f| &f.data)
        .filter(|data| data.len() == N)
        .collect();
    assert_eq!(
        all.len(),
        2 * N,
        "an edge from each source and one to each processor"
    );
    assert!(all.iter().all(|data| Arc::ptr_eq(data, all[0])));
    assert_eq!(flow.edge_count(), 3 * N, "and one to each recipient");
}
