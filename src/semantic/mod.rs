//! Syntax tree → resolved, validated model.

pub mod model;
pub mod resolve;
pub mod stream;
mod suggest;
