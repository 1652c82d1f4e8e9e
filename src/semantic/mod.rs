//! Syntax tree → resolved, validated model.

mod listed;
pub mod model;
mod names;
pub mod resolve;
pub mod stream;
mod suggest;
