//! The flow of personal data as a picture. The picture itself is drawn by the flow module's SVG
//! renderer; until it is there, the report says so in the place the picture will take.

use std::fmt::Write;

use crate::flow::FlowGraph;
use crate::i18n::Lang;
use crate::semantic::model::Model;
use crate::texts;
use crate::tr;

texts! {
    NOT_YET_DRAWN = (
        "The picture of the flow of personal data is not drawn in this version of hjemmel: {parties} parties, {flows} flows.",
        "Billedet af personoplysningernes vej tegnes ikke i denne version af hjemmel: {parties} parter, {flows} overførsler.",
    ),
}

/// The flow graph as inline SVG, ready to stand in the report's HTML.
pub fn graph_picture(out: &mut String, model: &Model, flow: &FlowGraph, lang: Lang) {
    let _ = model;
    let _ = writeln!(
        out,
        "<p class=\"none\">{}</p>",
        tr!(
            lang,
            NOT_YET_DRAWN,
            parties = flow.graph.node_count(),
            flows = flow.edge_count()
        )
    );
}
