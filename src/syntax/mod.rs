//! Text → typed syntax tree.

pub mod ast;
pub mod parser;
pub mod span;
