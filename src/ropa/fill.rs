//! [`Text::fill`] for values that are text already: the record fills a template for every recipient
//! and retention group of every activity, and `Text::fill` formats each value through
//! `core::fmt` (`&dyn Display`), which cost more than the words it wrote.

use crate::i18n::{Lang, Text, fill_template};

/// `text` in `lang` with each `{name}` replaced by its value, as [`Text::fill`] does it: `{{` and
/// `}}` are single braces, a placeholder without a value stays as written.
pub(super) fn fill(lang: Lang, text: Text, args: &[(&str, &str)]) -> String {
    let length: usize = args.iter().map(|(_, value)| value.len()).sum();
    fill_template(text.get(lang), length, |name, out| {
        let (_, value) = args.iter().find(|(n, _)| *n == name)?;
        out.push_str(value);
        Some(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fmt::Display;

    /// Every text of hjemmel, filled both ways, with values for all, some and none of its
    /// placeholders (and braces in the values, which are not read again).
    #[test]
    fn fills_as_text_fill_does() {
        let values = ["x", "{label}", "æø } {{ å", ""];
        let mut filled = 0;
        for (_, texts) in crate::i18n::all_texts() {
            for (_, text) in texts {
                for lang in Lang::ALL {
                    let names = Text::placeholders(text.get(lang));
                    for (i, value) in values.iter().enumerate() {
                        let given: Vec<(&str, &str)> = names
                            .iter()
                            .enumerate()
                            .filter(|(n, _)| (n + i) % 3 != 2)
                            .map(|(_, &name)| (name, *value))
                            .collect();
                        let displayed: Vec<(&str, &dyn Display)> = given
                            .iter()
                            .map(|(name, value)| (*name, value as &dyn Display))
                            .collect();
                        assert_eq!(
                            fill(lang, *text, &given),
                            text.fill(lang, &displayed),
                            "{:?}",
                            text.get(lang)
                        );
                        filled += 1;
                    }
                }
            }
        }
        assert!(filled > 1000, "only {filled} texts filled");
    }
}
