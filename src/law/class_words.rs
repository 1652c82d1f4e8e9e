//! The class a data category's label gives by the law's own words for it (CPR numbers, criminal
//! offence data), for `hjemmel import` when its source does not state the class. The words are data:
//! src/law/data/class_words.toml.

use std::sync::OnceLock;

use serde::Deserialize;

use super::vocabulary::DataClass;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
enum At {
    Start,
    Word,
}

/// One word of the list; `lang`, `source`, `checked` and `verified` are for the reader of the file.
#[derive(Debug, Deserialize)]
#[cfg_attr(not(test), allow(dead_code))]
struct ClassWord {
    stem: String,
    at: At,
    class: String,
    lang: String,
    source: String,
    checked: String,
    verified: bool,
}

#[derive(Debug, Deserialize)]
struct WordsFile {
    word: Vec<ClassWord>,
}

fn words() -> &'static [ClassWord] {
    static WORDS: OnceLock<WordsFile> = OnceLock::new();
    &WORDS
        .get_or_init(|| crate::law::table::read_table!("class_words"))
        .word
}

/// The class `label`'s words give, with the word that gave it.
pub fn class_of(label: &str) -> Option<(DataClass, String)> {
    let lower = label.to_lowercase();
    for word in lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        for entry in words() {
            let fits = match entry.at {
                At::Start => word.starts_with(entry.stem.as_str()),
                At::Word => word == entry.stem,
            };
            if fits {
                let class = DataClass::from_keyword(&entry.class)?;
                return Some((class, word.to_string()));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entry_is_complete() {
        for entry in words() {
            assert!(
                matches!(entry.class.as_str(), "cpr" | "criminal"),
                "{}",
                entry.stem
            );
            assert!(matches!(entry.lang.as_str(), "da" | "en"));
            assert!(!entry.source.is_empty() && entry.checked.len() == 10);
            let _ = entry.verified;
        }
    }

    #[test]
    fn words_give_their_class_and_neighbours_do_not() {
        let class = |l: &str| class_of(l).map(|(c, _)| c);
        assert_eq!(class("Cpr-nummer"), Some(DataClass::Cpr));
        assert_eq!(class("Personnummer"), Some(DataClass::Cpr));
        assert_eq!(
            class("Straffedomme og lovovertrædelser"),
            Some(DataClass::Criminal)
        );
        assert_eq!(
            class("Oplysninger om strafbare forhold"),
            Some(DataClass::Criminal)
        );
        assert_eq!(class("Criminal convictions"), Some(DataClass::Criminal));
        assert_eq!(class("Navn og adresse"), None);
        assert_eq!(class("Straf og belønning i skolen"), None);
        assert_eq!(class("Criminology course grades"), None);
    }
}
