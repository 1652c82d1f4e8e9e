//! An entry of the record that many activities share (a data category, a processor, a transfer):
//! made and worded once, and handed to each activity as a pointer. A large spec names the same few
//! hundred categories and parties in 100,000 activities; a copy of each entry, and its line of the
//! document worded anew, for every activity was most of the time `hjemmel ropa` took.

use std::borrow::Cow;
use std::ops::Deref;
use std::sync::{Arc, OnceLock};

use serde::{Serialize, Serializer};

use crate::i18n::Lang;

/// A shared entry: reads as the entry, serializes as the entry.
#[derive(Debug)]
pub struct Shared<T>(Arc<Inner<T>>);

#[derive(Debug)]
struct Inner<T> {
    entry: T,
    /// The entry's line in the document formats, in the language it was first worded in.
    line: OnceLock<(Lang, String)>,
    /// The line as the HTML report writes it, escaped: kept here rather than in a map of the
    /// report's by the entry's address, which each of 100,000 activities looked up.
    html_line: OnceLock<String>,
}

impl<T> Shared<T> {
    pub fn new(entry: T) -> Shared<T> {
        Shared(Arc::new(Inner {
            entry,
            line: OnceLock::new(),
            html_line: OnceLock::new(),
        }))
    }

    /// The entry's line in `lang`: worded by `word` the first time it is asked for, and again only
    /// in another language. Borrowed from the entry when it is in `lang`: each of 100,000 activities
    /// that names the entry writes it, and need not copy it to do so.
    pub fn line(&self, lang: Lang, word: impl FnOnce(&T) -> String) -> Cow<'_, str> {
        let mut word = Some(word);
        let (worded_in, line) = self.0.line.get_or_init(|| {
            let word = word
                .take()
                .expect("get_or_init runs its closure at most once");
            (lang, word(&self.0.entry))
        });
        match word {
            // Worded in `lang`, just now (`word` was taken) or before (perhaps by another thread).
            _ if *worded_in == lang => Cow::Borrowed(line),
            Some(word) => Cow::Owned(word(&self.0.entry)),
            None => Cow::Borrowed(line),
        }
    }
}

impl<T> Shared<T> {
    /// The entry's line as the HTML report writes it: made by `make` the first time it is asked
    /// for (the report's entries are made in one language), then lent.
    pub fn html_line(&self, make: impl FnOnce(&T) -> String) -> &str {
        self.0.html_line.get_or_init(|| make(&self.0.entry))
    }

    /// Whether another holder shares the entry (a record's memo of entries, another activity's
    /// entry): an entry made for one activity alone is not worth keeping a writer's line for.
    pub fn is_shared(&self) -> bool {
        Arc::strong_count(&self.0) > 1
    }
}

impl AsRef<str> for Shared<String> {
    fn as_ref(&self) -> &str {
        &self.0.entry
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Shared<T> {
        Shared(Arc::clone(&self.0))
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0.entry
    }
}

impl<T: Serialize> Serialize for Shared<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.entry.serialize(serializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_is_worded_once_per_language() {
        let entry = Shared::new("x");
        let copy = entry.clone();
        let mut worded = 0;
        let mut word = |lang: Lang| {
            copy.line(lang, |e| {
                worded += 1;
                format!("{e} in {lang:?}")
            })
        };
        assert_eq!(word(Lang::En), "x in En");
        assert_eq!(word(Lang::En), "x in En");
        assert_eq!(word(Lang::Da), "x in Da");
        assert_eq!(worded, 2);
        // In the language it was first worded in, the line is lent, not copied.
        assert!(matches!(
            entry.line(Lang::En, |_| unreachable!("worded already")),
            Cow::Borrowed("x in En")
        ));
        assert_eq!(serde_json::to_string(&entry).unwrap(), "\"x\"");
        // The report's line is kept beside the plain one, once for every holder.
        assert_eq!(copy.html_line(|e| format!("<b>{e}</b>")), "<b>x</b>");
        assert_eq!(
            entry.html_line(|_| unreachable!("made already")),
            "<b>x</b>"
        );
        assert_eq!(Shared::new("x").html_line(|e| format!("{e}!")), "x!");
        assert!(matches!(
            entry.line(Lang::En, |_| unreachable!("worded already")),
            Cow::Borrowed("x in En")
        ));
        // Two holders share it; one made and held alone does not.
        assert!(entry.is_shared());
        drop(copy);
        assert!(!entry.is_shared());
    }
}
