//! Syntax tree → resolved, validated model.

mod listed;
pub mod model;
pub mod resolve;
pub mod stream;
mod suggest;
