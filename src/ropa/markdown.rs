//! `hjemmel ropa --format md`: the record as a Markdown document, one section per activity, each
//! field a bold heading followed by its values as a list.

use super::Record;
use super::fields::{self, Field};
use crate::escape::markdown_inline as escape;
use crate::i18n::Lang;
use crate::tr;

/// The record as Markdown.
pub fn render(record: &Record) -> String {
    let lang = record.lang;
    let mut out = String::new();
    out.push_str(&format!("# {}\n\n", tr!(lang, fields::TITLE)));
    out.push_str(&format!("## {}\n\n", tr!(lang, fields::CONTROLLER_SECTION)));
    for field in record.controller_fields() {
        write_field(&mut out, &field, lang);
    }
    out.push_str(&format!("## {}\n\n", tr!(lang, fields::ACTIVITIES_SECTION)));
    if record.activities.is_empty() {
        out.push_str(&format!("{}\n\n", tr!(lang, fields::NO_ACTIVITIES)));
    }
    for activity in &record.activities {
        out.push_str(&format!(
            "### {}\n\n{}: `{}`\n\n",
            escape(&activity.label),
            tr!(lang, fields::NAME_IN_SPEC),
            activity.name
        ));
        for field in record.activity_fields(activity) {
            write_field(&mut out, &field, lang);
        }
    }
    // One newline at the end, not a blank line.
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

fn write_field(out: &mut String, field: &Field, lang: Lang) {
    out.push_str(&format!("**{}**\n\n", escape(field.heading.get(lang))));
    for line in field.lines(lang) {
        let line = escape_item(&line);
        match field.values {
            Some(_) => out.push_str(&format!("- {line}\n")),
            // A missing field reads as a statement in italics, not as a value.
            None => out.push_str(&format!("- *{line}*\n")),
        }
    }
    out.push('\n');
}

/// [`escape`], and a start that would make a list item a nested list (`- x`, `+ x`, `1. x`).
fn escape_item(text: &str) -> String {
    let escaped = escape(text);
    let digits = escaped.chars().take_while(char::is_ascii_digit).count();
    let after_digits = escaped[digits..].chars().next();
    if escaped.starts_with(['-', '+']) {
        format!("\\{escaped}")
    } else if digits > 0 && matches!(after_digits, Some('.' | ')')) {
        format!("{}\\{}", &escaped[..digits], &escaped[digits..])
    } else {
        escaped
    }
}

#[cfg(test)]
mod tests {
    use super::{escape, escape_item};

    #[test]
    fn escapes_markup_but_not_plain_punctuation() {
        assert_eq!(
            escape("<b>*x*</b> & [y](z), 5.\n# @x"),
            r"\<b\>\*x\*\</b\> \& \[y\](z), 5. \# @&#8203;x"
        );
    }

    #[test]
    fn a_value_does_not_start_a_nested_list() {
        assert_eq!(escape_item("- x"), r"\- x");
        assert_eq!(escape_item("10. klasse"), r"10\. klasse");
        assert_eq!(escape_item("10 år"), "10 år");
    }
}
