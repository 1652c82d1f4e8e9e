//! An entry of the record that many activities share (a data category, a processor, a transfer):
//! made and worded once, and handed to each activity as a pointer. A large spec names the same few
//! hundred categories and parties in 100,000 activities; a copy of each entry, and its line of the
//! document worded anew, for every activity was most of the time `hjemmel ropa` took.

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
}

impl<T> Shared<T> {
    pub fn new(entry: T) -> Shared<T> {
        Shared(Arc::new(Inner {
            entry,
            line: OnceLock::new(),
        }))
    }

    /// The entry's line in `lang`: worded by `word` the first time it is asked for, and again only
    /// in another language.
    pub fn line(&self, lang: Lang, word: impl FnOnce(&T) -> String) -> String {
        match self.0.line.get() {
            Some((worded_in, line)) if *worded_in == lang => line.clone(),
            Some(_) => word(&self.0.entry),
            None => {
                let line = word(&self.0.entry);
                // Another thread may have worded it meanwhile: the same words.
                let _ = self.0.line.set((lang, line.clone()));
                line
            }
        }
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
        assert_eq!(serde_json::to_string(&entry).unwrap(), "\"x\"");
    }
}
