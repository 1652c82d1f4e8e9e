//! How nodes and edges look, shared by the formats so that the pictures agree. Every mark has a
//! colour and a line pattern of its own, and the words on the node or edge say it too, so a picture
//! printed in black and white still shows it.

use super::{Mark, Marking, Role, ViewNode};

/// The look of a node's box.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NodeStyle {
    pub fill: &'static str,
    pub stroke: &'static str,
    pub width: f32,
    /// An SVG dash pattern (`"6 3"`), or `None` for a solid line.
    pub dash: Option<&'static str>,
}

/// The look of an edge.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EdgeStyle {
    pub stroke: &'static str,
    pub width: f32,
    pub dash: Option<&'static str>,
    /// The Graphviz `style` closest to the dash pattern.
    pub dot_style: &'static str,
}

/// The box of a node of `role` that nothing marks.
pub fn role_style(role: Role) -> NodeStyle {
    let (fill, stroke) = match role {
        Role::Source => ("#f3f4f6", "#4b5563"),
        Role::Activity => ("#eff6ff", "#1d4ed8"),
        Role::Processor | Role::Subprocessor => ("#ecfdf5", "#047857"),
        Role::Recipient => ("#fefce8", "#a16207"),
    };
    NodeStyle {
        fill,
        stroke,
        width: 1.2,
        dash: None,
    }
}

/// The box of a node that a marking overrides: the place decides the frame, the role the rest.
pub fn marking_style(marking: Marking, role: Role) -> NodeStyle {
    let plain = role_style(role);
    match marking {
        Marking::None => plain,
        Marking::ThirdCountry => NodeStyle {
            fill: "#fee2e2",
            stroke: "#b91c1c",
            width: 2.8,
            dash: Some("7 3"),
        },
        Marking::Adequate => NodeStyle {
            fill: "#ffedd5",
            stroke: "#c2410c",
            width: 2.0,
            dash: Some("3 2"),
        },
        Marking::Unknown => NodeStyle {
            stroke: "#6b7280",
            width: 1.6,
            dash: Some("1.5 2.5"),
            ..plain
        },
    }
}

pub fn node_style(node: &ViewNode<'_>) -> NodeStyle {
    marking_style(node.marking(), node.role)
}

/// The look of an edge by its weightiest mark.
pub fn edge_style(mark: Option<Mark>) -> EdgeStyle {
    match mark {
        None => EdgeStyle {
            stroke: "#6b7280",
            width: 1.3,
            dash: None,
            dot_style: "solid",
        },
        Some(Mark::Special) => EdgeStyle {
            stroke: "#b91c1c",
            width: 2.6,
            dash: Some("9 4"),
            dot_style: "dashed",
        },
        Some(Mark::Criminal) => EdgeStyle {
            stroke: "#7e22ce",
            width: 2.4,
            dash: Some("10 3 2 3"),
            dot_style: "dotted",
        },
        Some(Mark::Cpr) => EdgeStyle {
            stroke: "#1d4ed8",
            width: 2.0,
            dash: Some("2 3"),
            dot_style: "dotted",
        },
    }
}
