//! The record of processing activities (art. 30(1)) inside the report: the same fields as
//! `hjemmel ropa` gives, as one table for the controller and one per activity. Each activity's entry
//! is made as its table is written ([`Activities`]), as `hjemmel ropa` does: the record of 100,000
//! activities (some 280 MB) is never held whole.

use std::fmt::Write;

use super::escape::{Escaped, escape};
use super::page::Page;
use crate::flow::FlowGraph;
use crate::i18n::{Lang, Text};
use crate::ropa::fields::{self, Field};
use crate::ropa::{Activities, ControllerRecord};
use crate::semantic::model::Model;
use crate::tr;

/// The record's sections of `model`, worded in `lang`, under the report's own heading.
pub fn record(out: &mut Page<'_>, model: &Model, flow: &FlowGraph, lang: Lang) {
    let mut words = Words::of(lang);
    let _ = writeln!(
        out,
        "<h3>{}</h3>",
        Escaped(&tr!(lang, fields::CONTROLLER_SECTION))
    );
    table(
        out,
        &fields::controller_fields(&ControllerRecord::of(model), lang),
        &mut words,
    );
    if model.activities.is_empty() {
        let _ = writeln!(
            out,
            "<p class=\"none\">{}</p>",
            Escaped(&tr!(lang, fields::NO_ACTIVITIES))
        );
    }
    for activity in Activities::new(model, flow, lang) {
        out.push_str("<h3 class=\"activity\">");
        out.escaped(&activity.label);
        out.push_str(" <span class=\"name\">");
        out.escaped(&activity.name);
        out.push_str("</span></h3>\n");
        table(out, &fields::activity_fields(&activity, lang), &mut words);
    }
}

/// The words every table repeats, worded and escaped once for the record (not once per field of
/// each of 100,000 activities).
struct Words {
    lang: Lang,
    not_stated: String,
    /// Each field's heading, escaped, by its text (a dozen or so, looked up by the addresses of
    /// its wordings: the same static texts in every table).
    headings: Vec<(Text, String)>,
}

impl Words {
    fn of(lang: Lang) -> Self {
        Words {
            lang,
            not_stated: format!(
                "<em class=\"missing\">{}</em>",
                Escaped(&tr!(lang, fields::NOT_STATED))
            ),
            headings: Vec::new(),
        }
    }

    fn heading(&mut self, heading: Text) -> &str {
        let at = match self.headings.iter().position(|(text, _)| {
            std::ptr::eq(text.en, heading.en) && std::ptr::eq(text.da, heading.da)
        }) {
            Some(at) => at,
            None => {
                let escaped = escape(heading.get(self.lang));
                self.headings.push((heading, escaped));
                self.headings.len() - 1
            }
        };
        &self.headings[at].1
    }
}

fn table(out: &mut Page<'_>, fields: &[Field], words: &mut Words) {
    out.push_str("<table class=\"record\">\n<tbody>\n");
    for field in fields {
        out.push_str("<tr><th scope=\"row\">");
        out.push_str(words.heading(field.heading));
        out.push_str("</th><td>");
        match &field.values {
            None => out.push_str(&words.not_stated),
            Some(values) if values.len() == 1 => out.escaped(&values[0]),
            Some(values) => {
                out.push_str("<ul>");
                for value in values {
                    out.push_str("<li>");
                    out.escaped(value);
                    out.push_str("</li>");
                }
                out.push_str("</ul>");
            }
        }
        out.push_str("</td></tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}
