//! The record of processing activities (art. 30(1)) inside the report: the same fields as
//! `hjemmel ropa` gives, as one table for the controller and one per activity.

use std::fmt::Write;

use super::escape::escape;
use crate::i18n::Lang;
use crate::ropa::Record;
use crate::ropa::fields::{self, Field};
use crate::tr;

/// The record's sections, under the report's own heading.
pub fn record(out: &mut String, record: &Record) {
    let lang = record.lang;
    let _ = writeln!(
        out,
        "<h3>{}</h3>",
        escape(&tr!(lang, fields::CONTROLLER_SECTION))
    );
    table(out, &record.controller_fields(), lang);
    if record.activities.is_empty() {
        let _ = writeln!(
            out,
            "<p class=\"none\">{}</p>",
            escape(&tr!(lang, fields::NO_ACTIVITIES))
        );
    }
    for activity in &record.activities {
        let _ = writeln!(
            out,
            "<h3 class=\"activity\">{} <span class=\"name\">{}</span></h3>",
            escape(&activity.label),
            escape(&activity.name)
        );
        table(out, &record.activity_fields(activity), lang);
    }
}

fn table(out: &mut String, fields: &[Field], lang: Lang) {
    out.push_str("<table class=\"record\">\n<tbody>\n");
    for field in fields {
        let _ = write!(
            out,
            "<tr><th scope=\"row\">{}</th><td>",
            escape(field.heading.get(lang))
        );
        match &field.values {
            None => {
                let _ = write!(
                    out,
                    "<em class=\"missing\">{}</em>",
                    escape(&tr!(lang, fields::NOT_STATED))
                );
            }
            Some(values) if values.len() == 1 => out.push_str(&escape(&values[0])),
            Some(values) => {
                out.push_str("<ul>");
                for value in values {
                    let _ = write!(out, "<li>{}</li>", escape(value));
                }
                out.push_str("</ul>");
            }
        }
        out.push_str("</td></tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}
