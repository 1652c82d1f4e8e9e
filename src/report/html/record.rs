//! The record of processing activities (art. 30(1)) inside the report: the same fields as
//! `hjemmel ropa` gives, as one table for the controller and one per activity. Each activity's entry
//! is made as its table is written ([`Activities`]), as `hjemmel ropa` does: the record of 100,000
//! activities (some 280 MB) is never held whole.

use std::fmt::Write;

use rustc_hash::FxHashMap;

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
    values: EscapedValues,
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
            values: EscapedValues::default(),
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
            Some(values) if values.len() == 1 => words.values.write(out, &values[0]),
            Some(values) => {
                out.push_str("<ul>");
                for value in values {
                    out.push_str("<li>");
                    words.values.write(out, value);
                    out.push_str("</li>");
                }
                out.push_str("</ul>");
            }
        }
        out.push_str("</td></tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

/// The record's values escaped once each: the entries of 10,000 activities hold some 180,000
/// values but only some 7,000 different ones (the same legal bases, categories, processors and
/// deadlines again and again), and looking one up costs a fraction of escaping it again (which was
/// a sixth of `hjemmel report`'s own time). Kept up to [`EscapedValues::LIMIT`] bytes, so that a
/// record of values that never repeat is escaped as before and not held whole.
#[derive(Default)]
struct EscapedValues {
    by_text: FxHashMap<Box<str>, Box<str>>,
    /// The bytes of the texts and their escaped forms kept.
    bytes: usize,
    /// How many values were escaped rather than found (for tests).
    escaped: usize,
}

impl EscapedValues {
    /// Texts and escaped forms of at most this many bytes in all are kept.
    const LIMIT: usize = 4 << 20;

    /// `value`, escaped, onto `out`.
    fn write(&mut self, out: &mut Page<'_>, value: &str) {
        if let Some(escaped) = self.by_text.get(value) {
            out.push_str(escaped);
            return;
        }
        self.escaped += 1;
        let escaped = escape(value);
        out.push_str(&escaped);
        let bytes = value.len() + escaped.len();
        if self.bytes + bytes <= Self::LIMIT {
            self.bytes += bytes;
            self.by_text.insert(value.into(), escaped.into_boxed_str());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A value seen before is written from the first escaping of it; a new one is escaped, and kept
    /// only while the bytes kept stay within the limit.
    #[test]
    fn each_value_is_escaped_once_while_the_limit_allows() {
        let mut values = EscapedValues::default();
        let mut out = Page::in_memory();
        for _ in 0..1_000 {
            for value in ["GDPR art. 6(1)(e)", "Børn & unge <18>", "\"x\" 'y'"] {
                values.write(&mut out, value);
            }
        }
        assert_eq!(values.escaped, 3, "three values, each escaped once");
        let out = out.into_string();
        assert_eq!(
            out,
            "GDPR art. 6(1)(e)Børn &amp; unge &lt;18&gt;&quot;x&quot; &#39;y&#39;".repeat(1_000)
        );

        // Values that never repeat fill the memo up to its limit and no further.
        let long = "x".repeat(1_000);
        let mut out = Page::in_memory();
        for i in 0..(EscapedValues::LIMIT / 1_000) {
            values.write(&mut out, &format!("{i}{long}"));
        }
        assert!(values.bytes <= EscapedValues::LIMIT, "{} bytes", values.bytes);
        assert!(values.bytes > EscapedValues::LIMIT - 4_100, "{} bytes", values.bytes);
        let before = values.escaped;
        values.write(&mut out, "GDPR art. 6(1)(e)");
        assert_eq!(values.escaped, before, "what was kept is still found");
        let too_long = "y".repeat(5_000);
        values.write(&mut out, &too_long);
        values.write(&mut out, &too_long);
        assert_eq!(values.escaped, before + 2, "a full memo keeps nothing new");
    }
}
