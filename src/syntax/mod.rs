//! Text → typed syntax tree.

pub mod ast;
mod chunks;
pub mod parser;
pub mod span;
