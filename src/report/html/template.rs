//! A text with placeholders (`{label} ({what})`), read once and then written straight into the page
//! with its values escaped: the record fills a line for every recipient and retention group of
//! every activity, and filling a `String` to escape it afterwards cost more than the words it wrote.

use super::escape::escape;
use super::page::Page;
use crate::i18n::{Lang, Text};

/// A text in one language, cut at its placeholders.
pub struct Template {
    pieces: Vec<Piece>,
}

enum Piece {
    /// Text of the template, escaped.
    Words(String),
    /// The value of the placeholder named `names[i]`.
    Value(usize),
}

impl Template {
    /// `text` in `lang`, its placeholders looked up in `names`, read as [`crate::i18n::fill_template`]
    /// reads a text: `{{` and `}}` are single braces, a lone `}` is itself, and a placeholder not in
    /// `names` (or not closed) stays as written.
    pub fn of(text: Text, lang: Lang, names: &[&str]) -> Template {
        let mut pieces = Vec::new();
        let mut words = String::new();
        let mut rest = text.get(lang);
        while let Some(brace) = rest.find(['{', '}']) {
            words.push_str(&rest[..brace]);
            let tail = &rest[brace..];
            if tail.starts_with("{{") || tail.starts_with("}}") {
                words.push_str(&tail[..1]);
                rest = &tail[2..];
                continue;
            }
            if let Some(after) = tail.strip_prefix('}') {
                words.push('}');
                rest = after;
                continue;
            }
            let Some(close) = tail.find('}') else {
                words.push_str(tail);
                rest = "";
                break;
            };
            match names.iter().position(|name| *name == &tail[1..close]) {
                Some(at) => {
                    if !words.is_empty() {
                        pieces.push(Piece::Words(escape(&std::mem::take(&mut words))));
                    }
                    pieces.push(Piece::Value(at));
                }
                None => words.push_str(&tail[..=close]),
            }
            rest = &tail[close + 1..];
        }
        words.push_str(rest);
        if !words.is_empty() {
            pieces.push(Piece::Words(escape(&words)));
        }
        Template { pieces }
    }

    /// The text with each placeholder's value written by `value` (the placeholder's index in the
    /// names the template was read with), which escapes what it writes.
    pub fn write(&self, out: &mut Page<'_>, mut value: impl FnMut(&mut Page<'_>, usize)) {
        for piece in &self.pieces {
            match piece {
                Piece::Words(words) => out.push_str(words),
                Piece::Value(at) => value(out, *at),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every text of hjemmel, written with values for some of its placeholders, is the text filled as
    /// `Text::fill` fills it, then escaped: values with markup and braces, in both languages.
    #[test]
    fn writes_what_filling_then_escaping_writes() {
        let values = ["<b>x</b> & 'y'", "{label}", "æø } {{ å", ""];
        let mut written = 0;
        for (_, texts) in crate::i18n::all_texts() {
            for (_, text) in texts {
                for lang in Lang::ALL {
                    let names = Text::placeholders(text.get(lang));
                    for (i, value) in values.iter().enumerate() {
                        let given: Vec<&str> = names
                            .iter()
                            .enumerate()
                            .filter(|(n, _)| (n + i) % 3 != 2)
                            .map(|(_, &name)| name)
                            .collect();
                        let displayed: Vec<(&str, &dyn std::fmt::Display)> = given
                            .iter()
                            .map(|name| (*name, value as &dyn std::fmt::Display))
                            .collect();
                        let mut page = Page::in_memory();
                        Template::of(*text, lang, &given).write(&mut page, |out, _| {
                            out.escaped(value);
                        });
                        assert_eq!(
                            page.into_string(),
                            escape(&text.fill(lang, &displayed)),
                            "{:?}",
                            text.get(lang)
                        );
                        written += 1;
                    }
                }
            }
        }
        assert!(written > 1000, "only {written} texts written");
    }
}
