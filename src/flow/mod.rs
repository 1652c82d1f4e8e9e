//! The flow graph of who sends which data to whom, the transfers it reveals, and pictures of it.

mod graph;
pub mod render;
pub mod transfers;

pub use graph::{Flow, FlowGraph, Node, Users, processor_chain};
