//! Text → typed syntax tree.

pub mod ast;
mod chunks;
pub mod controls;
mod cursor;
mod fast_parser;
pub mod parser;
mod scan;
pub mod span;
pub(crate) mod syntax_error;

/// The keywords that start a top-level declaration (`declaration` in grammar/hjemmel.pest).
pub const DECLARATIONS: &[&str] = &[
    "controller",
    "subjects",
    "data",
    "source",
    "processor",
    "recipient",
    "joint",
    "activity",
];

/// The keywords that start a statement of an activity (`activity_field` in grammar/hjemmel.pest).
pub const STATEMENTS: &[&str] = &[
    "purpose",
    "subjects",
    "data",
    "sources",
    "basis",
    "retain",
    "via",
    "disclose",
    "review",
    "cctv",
    "cameras",
    "covert",
    "signs",
    "polcam",
    "exception",
    "dpia",
    "since",
    "justification",
    "notified",
    "control",
    "security",
    "area",
    "withdrawal",
    "online_service",
    "parental_consent",
    "compatibility",
    "logic",
    "providing",
    "interests",
    "monitoring",
    "large_scale",
    "notice",
    "erasure",
    "preserve",
    "unit",
    "collect",
    "copy",
    "jointly",
    "kle",
    "allow",
];
