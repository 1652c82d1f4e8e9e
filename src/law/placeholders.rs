//! Words that make a processor's name a group placeholder rather than an identified entity, loaded
//! from `src/law/data/placeholders.toml` (EDPB Opinion 22/2024: the controller knows the identity of
//! every processor and sub-processor).

use std::sync::OnceLock;

use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct File {
    placeholders: Placeholders,
}

/// The word list with where it comes from.
#[derive(Debug, Deserialize)]
pub struct Placeholders {
    pub words: Vec<String>,
    pub source: String,
    pub checked: String,
    #[serde(default)]
    pub verified: bool,
    #[serde(default)]
    pub note: String,
}

pub fn placeholders() -> &'static Placeholders {
    static PLACEHOLDERS: OnceLock<Placeholders> = OnceLock::new();
    PLACEHOLDERS.get_or_init(|| {
        let file: File = crate::law::table::read_table!("placeholders");
        file.placeholders
    })
}

/// The word of `label` that makes it a group placeholder, if any: a whole word (letters, digits and
/// hyphens), compared in lower case.
pub fn group_word(label: &str) -> Option<&'static str> {
    let words = &placeholders().words;
    label
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty())
        .find_map(|w| {
            let w = w.to_lowercase();
            words.iter().find(|p| **p == w).map(String::as_str)
        })
}

#[cfg(test)]
mod tests {
    use super::group_word;

    #[test]
    fn groups_are_found_and_named_parties_are_not() {
        for group in [
            "Underleverandører i lande uden for EU og EØS",
            "Databehandlere (eksterne leverandører)",
            "Andre underdatabehandlere",
            "Leverandører uden for EU",
            "Sub-processors",
            "Our cloud vendors",
        ] {
            assert!(group_word(group).is_some(), "{group}");
        }
        for named in [
            "Microsoft Ireland Operations Ltd",
            "Netcompany A/S",
            "Lønservice A/S",
            "Lønleverandør",
            "Leverandørservice ApS",
            "KMD A/S",
            "Hostingcenter GmbH",
            "Support Services Pvt. Ltd.",
        ] {
            assert_eq!(group_word(named), None, "{named}");
        }
    }
}
