//! Syntax tree → resolved, validated model.

mod listed;
pub mod model;
mod name_key;
pub mod resolve;
pub mod stream;
mod suggest;
