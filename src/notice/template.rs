//! The notice's sentence templates, each read once: a notice of 10,000 activities fills some 85,000
//! sentences from a few dozen templates, and looking for a template's braces and matching its
//! values by name each time took about 900 instructions a sentence (docs/performance.md, package
//! notice7). A template is read into its pieces the first time its call site runs
//! ([`Templates`]), its values numbered in the order that call gives them; filling it then only
//! copies the pieces.

use std::borrow::Cow;
use std::sync::OnceLock;

use crate::i18n::{Lang, Text};

/// A value of a sentence: words put in as they are.
pub trait Words {
    /// The bytes it takes at most.
    fn room(&self) -> usize;
    fn put(&self, out: &mut String);
}

impl Words for str {
    fn room(&self) -> usize {
        self.len()
    }
    fn put(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl Words for String {
    fn room(&self) -> usize {
        self.len()
    }
    fn put(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl Words for arcstr::ArcStr {
    fn room(&self) -> usize {
        self.len()
    }
    fn put(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl Words for Cow<'_, str> {
    fn room(&self) -> usize {
        self.len()
    }
    fn put(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl<T: Words + ?Sized> Words for &T {
    fn room(&self) -> usize {
        (**self).room()
    }
    fn put(&self, out: &mut String) {
        (**self).put(out);
    }
}

impl Words for u64 {
    fn room(&self) -> usize {
        20
    }
    /// In decimal, as `{}` writes it, without going through `fmt`.
    fn put(&self, out: &mut String) {
        out.push_str(itoa::Buffer::new().format(*self));
    }
}

/// A piece of a template: its own words, or the value of this number.
#[derive(Debug, PartialEq, Eq)]
enum Piece<'t> {
    Words(&'t str),
    Value(usize),
}

/// A template read into its pieces, for values given in one order.
#[derive(Debug)]
pub struct Template<'t> {
    pieces: Vec<Piece<'t>>,
    /// The length of its own words.
    words_len: usize,
}

impl<'t> Template<'t> {
    /// `template` read as [`crate::i18n::Text::fill`] reads it: `{{` and `}}` are a brace, a lone
    /// `}` stays, a `{` with no `}` after it and a `{name}` of no value named in `names` stay as
    /// written; `{name}` is the value whose name is first `name` in `names`.
    pub fn parse(template: &'t str, names: &[&str]) -> Template<'t> {
        let mut template_read = Template {
            pieces: Vec::new(),
            words_len: 0,
        };
        let mut rest = template;
        while let Some(brace) = memchr::memchr2(b'{', b'}', rest.as_bytes()) {
            template_read.words(&rest[..brace]);
            let tail = &rest[brace..];
            if tail.starts_with("{{") || tail.starts_with("}}") {
                template_read.words(&tail[..1]);
                rest = &tail[2..];
                continue;
            }
            if let Some(after) = tail.strip_prefix('}') {
                template_read.words(&tail[..1]);
                rest = after;
                continue;
            }
            let Some(close) = memchr::memchr(b'}', tail.as_bytes()) else {
                rest = tail;
                break;
            };
            match names.iter().position(|name| *name == &tail[1..close]) {
                Some(value) => template_read.pieces.push(Piece::Value(value)),
                None => template_read.words(&tail[..=close]),
            }
            rest = &tail[close + 1..];
        }
        template_read.words(rest);
        template_read
    }

    fn words(&mut self, words: &'t str) {
        if !words.is_empty() {
            self.pieces.push(Piece::Words(words));
            self.words_len += words.len();
        }
    }

    /// The template filled with `values`, in the order of the names it was read with.
    pub fn fill(&self, values: &[&dyn Words]) -> String {
        // One byte more: a sentence filled is often given its full stop (`full_stop`), which
        // would otherwise grow it (a copy) just after it was written.
        let room = self.words_len + values.iter().map(|v| v.room()).sum::<usize>() + 1;
        let mut out = String::with_capacity(room);
        for piece in &self.pieces {
            match *piece {
                Piece::Words(words) => out.push_str(words),
                Piece::Value(value) => {
                    if let Some(value) = values.get(value) {
                        value.put(&mut out);
                    }
                }
            }
        }
        out
    }
}

/// The templates of one call site in both languages, read the first time it runs (a `static` of
/// the call site: `tr!` in build.rs).
pub struct Templates(OnceLock<[Template<'static>; 2]>);

impl Templates {
    pub const fn new() -> Templates {
        Templates(OnceLock::new())
    }

    /// `text` in `lang`, read for values named `names` (the same at every run of the call site).
    pub fn get(&self, text: Text, names: &[&str], lang: Lang) -> &Template<'static> {
        let [en, da] = self.0.get_or_init(|| {
            [
                Template::parse(text.en, names),
                Template::parse(text.da, names),
            ]
        });
        match lang {
            Lang::En => en,
            Lang::Da => da,
        }
    }
}

impl Default for Templates {
    fn default() -> Templates {
        Templates::new()
    }
}

/// Whether `template` has no brace, so that it is its own text (a list's lead, a heading, a
/// proviso): known when the program is compiled.
pub const fn is_plain(template: &str) -> bool {
    let bytes = template.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] == b'{' || bytes[at] == b'}' {
            return false;
        }
        at += 1;
    }
    true
}

/// `template` filled with named `values` (read each time: for a template used once, and tests).
pub fn say(template: &str, values: &[(&str, &dyn Words)]) -> String {
    let names: Vec<&str> = values.iter().map(|(name, _)| *name).collect();
    let values: Vec<&dyn Words> = values.iter().map(|(_, value)| *value).collect();
    Template::parse(template, &names).fill(&values)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A template read once fills as `Text::fill` does, braces and missing values included.
    #[test]
    fn a_template_read_once_fills_as_text_fill_does() {
        let templates = [
            "",
            "plain",
            "a {x} b",
            "{x}{x}",
            "{{x}} and }}{{",
            "lone } brace",
            "open {x",
            "open {x} and {",
            "{y} unknown",
            "{x}: {n} år, {y}.",
            "{a{x}",
            "{n}{n}{x}",
        ];
        for template in templates {
            let text = Text::new(template, template);
            for n in [0u64, 7, 12, 1_000_000, u64::MAX] {
                let expected = text.fill(Lang::En, &[("x", &"Værdi {x}"), ("n", &n)]);
                assert_eq!(
                    say(template, &[("x", &"Værdi {x}"), ("n", &n)]),
                    expected,
                    "{template:?} {n}"
                );
                // The same values named in the other order.
                let read = Template::parse(template, &["n", "x"]);
                assert_eq!(read.fill(&[&n, &"Værdi {x}"]), expected, "{template:?}");
            }
            assert_eq!(say(template, &[]), text.fill(Lang::En, &[]), "{template:?}");
            assert_eq!(
                is_plain(template),
                !template.contains(['{', '}']),
                "{template:?}"
            );
        }
    }

    #[test]
    fn a_call_site_reads_each_language_once() {
        static TEMPLATES: Templates = Templates::new();
        let text = Text::new("{a} kept for {n}", "{a} gemmes i {n}");
        let n: u64 = 30;
        for _ in 0..2 {
            let en = TEMPLATES.get(text, &["a", "n"], Lang::En);
            assert_eq!(en.fill(&[&"Logs", &n]), "Logs kept for 30");
            let da = TEMPLATES.get(text, &["a", "n"], Lang::Da);
            assert_eq!(da.fill(&[&"Logs", &n]), "Logs gemmes i 30");
        }
        assert_eq!(
            Template::parse("{a}, {a}", &["a"]).pieces,
            [Piece::Value(0), Piece::Words(", "), Piece::Value(0)]
        );
    }
}
