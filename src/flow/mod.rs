//! The flow graph of who sends which data to whom, and the transfers it reveals.

mod graph;
pub mod transfers;

pub use graph::{Flow, FlowGraph, Node, processor_chain};
