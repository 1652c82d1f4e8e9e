//! The flow graph: sources → activities → processors → sub-processors (any depth) and recipients,
//! each node with its country, each edge with the data it carries.

use hjemmel::flow::transfers::destinations;
use hjemmel::flow::{FlowGraph, Node};
use hjemmel::i18n::Lang;
use hjemmel::semantic::model::Model;
use hjemmel::source::{SourceFile, SourceMap};

const SPEC: &str = r#"
controller k "Kommune" { public authority dpo { email "dpo@k.dk" } }
subjects employees "Medarbejdere" employees
data name "Navn" ordinary
data salary "Løn" confidential
data health "Sygefravær" special(health)
source staff "Medarbejderen selv" data_subject
processor hosting "Hosting" {
  agreement "DBA" country DK
  subprocessor platform "Platform" {
    agreement "DBA" country DE
    subprocessor support "Support" { agreement "DBA" country IN }
  }
}
recipient skat "Skattestyrelsen" tax { country DK }
activity payroll "Løn" {
  purpose "Lønudbetaling"
  subjects employees
  data name, salary
  sources staff
  basis gdpr 6(1)(b)
  retain all for 5 years
  via hosting
  disclose salary to skat under gdpr 6(1)(c)
}
activity absence "Fravær" {
  purpose "Fraværsregistrering"
  subjects employees
  data name, health
  sources payroll
  basis gdpr 6(1)(c), gdpr 9(2)(b), dbl 12(1)
  retain all for 5 years
  via platform
}
"#;

fn compile() -> (Model, FlowGraph) {
    let mut sources = SourceMap::new();
    sources.add(SourceFile::new("flow.hjemmel", SPEC));
    hjemmel::compile(&sources, Lang::En).expect("the spec is valid")
}

fn data_names<'d>(
    model: &Model,
    data: impl IntoIterator<Item = &'d hjemmel::semantic::model::DataId>,
) -> Vec<String> {
    data.into_iter()
        .map(|d| model.data(*d).name.node.clone())
        .collect()
}

fn node_named(model: &Model, flow: &FlowGraph, name: &str) -> petgraph::graph::NodeIndex {
    flow.graph
        .node_indices()
        .find(|n| flow.name(model, *n) == name)
        .unwrap_or_else(|| panic!("no node `{name}`"))
}

/// The data on the edge between two named nodes.
fn edge(model: &Model, flow: &FlowGraph, from: &str, to: &str) -> Vec<String> {
    let e = flow
        .graph
        .find_edge(node_named(model, flow, from), node_named(model, flow, to))
        .unwrap_or_else(|| panic!("no edge {from} → {to}"));
    data_names(model, flow.graph[e].data.iter())
}

#[test]
fn edges_carry_the_categories_that_flow() {
    let (model, flow) = compile();
    assert_eq!(edge(&model, &flow, "staff", "payroll"), ["name", "salary"]);
    assert_eq!(
        edge(&model, &flow, "payroll", "absence"),
        ["name", "health"]
    );
    assert_eq!(
        edge(&model, &flow, "payroll", "hosting"),
        ["name", "salary"]
    );
    // The sub-processor chain carries everything handed to the processor above it...
    assert_eq!(
        edge(&model, &flow, "hosting", "platform"),
        ["name", "salary"]
    );
    // ...and what another activity hands to the sub-processor directly goes on down the chain too.
    assert_eq!(
        edge(&model, &flow, "absence", "platform"),
        ["name", "health"]
    );
    assert_eq!(
        edge(&model, &flow, "platform", "support"),
        ["name", "salary", "health"]
    );
    assert_eq!(edge(&model, &flow, "payroll", "skat"), ["salary"]);
    assert_eq!(flow.edge_count(), 7);
}

#[test]
fn every_party_knows_its_country() {
    let (model, flow) = compile();
    let country = |name: &str| {
        flow.country(&model, node_named(&model, &flow, name))
            .map(|c| c.label(Lang::En))
    };
    assert_eq!(
        country("payroll").as_deref(),
        Some("DK"),
        "activities are the controller's"
    );
    assert_eq!(country("platform").as_deref(), Some("DE"));
    assert_eq!(country("support").as_deref(), Some("IN"));
    assert_eq!(country("skat").as_deref(), Some("DK"));
    assert_eq!(country("staff"), None, "sources have no place");
}

#[test]
fn transfers_are_found_at_the_end_of_a_chain_with_the_whole_path() {
    let (model, flow) = compile();
    let found = destinations(&model, &flow);
    assert_eq!(
        found.len(),
        1,
        "only the Indian sub-sub-processor is outside the EU/EEA"
    );
    let india = &found[0];
    assert!(matches!(india.node, Node::Processor(_)));
    assert_eq!(india.name, "support");
    assert_eq!(
        data_names(&model, &india.data),
        ["name", "salary", "health"]
    );
    assert_eq!(
        india.path(&model, &flow, Lang::En),
        [
            "payroll (and 1 other activity)",
            "hosting (DK)",
            "platform (DE)",
            "support (IN)"
        ]
    );
}

/// An edge that two statements name: a party named twice carries the data once, and two
/// disclosures to one recipient carry the data of both, in order and without repeats.
#[test]
fn an_edge_named_twice_carries_the_data_of_both_statements() {
    let spec = r#"
controller k "Kommune" { public authority dpo { email "dpo@k.dk" } }
subjects employees "Medarbejdere" employees
data name "Navn" ordinary
data salary "Løn" confidential
data address "Adresse" ordinary
source staff "Medarbejderen selv" data_subject
processor hosting "Hosting" { agreement "DBA" country DK }
recipient skat "Skattestyrelsen" tax { country DK }
recipient bank "Banken" organisation { country DK }
activity payroll "Løn" {
  purpose "Lønudbetaling"
  subjects employees
  data salary, name, address
  sources staff, staff
  basis gdpr 6(1)(b)
  retain all for 5 years
  via hosting, hosting
  disclose salary to skat under gdpr 6(1)(c)
  disclose name, salary to skat under gdpr 6(1)(c)
  disclose address to bank under gdpr 6(1)(b)
}
"#;
    let mut sources = SourceMap::new();
    sources.add(SourceFile::new("twice.hjemmel", spec));
    let (model, flow) = hjemmel::compile(&sources, Lang::En).expect("the spec is valid");
    // In the order the categories are declared in, whatever order the statements give.
    let all = ["name", "salary", "address"];
    assert_eq!(edge(&model, &flow, "staff", "payroll"), all);
    assert_eq!(edge(&model, &flow, "payroll", "hosting"), all);
    assert_eq!(edge(&model, &flow, "payroll", "skat"), ["name", "salary"]);
    assert_eq!(edge(&model, &flow, "payroll", "bank"), ["address"]);
    assert_eq!(flow.edge_count(), 4);
}
