//! What a disclosure rests on, per kind of recipient: the provisions that fit, the point of art. 6(1)
//! a kind requires, and the basis to suggest, loaded from `src/law/data/disclosures.toml` (read by
//! the rule DISCLOSURE-BASIS).

use std::sync::OnceLock;

use serde::Deserialize;

use super::vocabulary::RecipientKind;
use crate::i18n::Lang;

/// A provision as a rule cites it: the act's name and the provision within it.
pub type Cited = (String, String);

/// What a disclosure to one kind of recipient rests on.
#[derive(Debug, Clone)]
pub struct RecipientGrounds {
    pub kind: RecipientKind,
    /// False when data given to this recipient is disclosed to no one else (the data subject).
    pub needs_basis: bool,
    /// The point of art. 6(1) the disclosure must rest on (`c`: a legal obligation).
    pub required: Option<char>,
    /// The provisions that fit, as the finding lists them.
    pub provisions: Vec<Cited>,
    typical: String,
    typical_da: String,
    /// Added when special-category data is disclosed.
    pub special: Vec<Cited>,
    special_typical: String,
    special_typical_da: String,
}

impl RecipientGrounds {
    /// The basis to write, in `lang`.
    pub fn typical(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.typical,
            Lang::Da => &self.typical_da,
        }
    }

    /// The art. 9(2) condition to write for special-category data, in `lang`.
    pub fn special_typical(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.special_typical,
            Lang::Da => &self.special_typical_da,
        }
    }
}

/// The table: one entry per recipient kind, and what criminal-offence data adds.
#[derive(Debug)]
pub struct DisclosureGrounds {
    recipients: Vec<RecipientGrounds>,
    /// Added for every kind when criminal-offence data (art. 10) is disclosed.
    pub criminal: Vec<Cited>,
}

impl DisclosureGrounds {
    /// The entry of `kind` (the table has one for every kind; a test holds it to that).
    pub fn of(&self, kind: RecipientKind) -> &RecipientGrounds {
        self.recipients
            .iter()
            .find(|r| r.kind == kind)
            .unwrap_or_else(|| panic!("disclosures.toml has no entry for `{}`", kind.keyword()))
    }
}

#[derive(Debug, Deserialize)]
struct File {
    // Kept in the file for the lawyer who updates it; the loader only checks it is there.
    #[allow(dead_code)]
    meta: Meta,
    recipient: Vec<Entry>,
    criminal: Criminal,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Meta {
    source: String,
    checked: String,
}

#[derive(Debug, Deserialize)]
struct Entry {
    kind: String,
    #[serde(default = "yes")]
    needs_basis: bool,
    required: String,
    provisions: Vec<Cited>,
    typical: String,
    typical_da: String,
    special: Vec<Cited>,
    special_typical: String,
    special_typical_da: String,
    #[allow(dead_code)]
    source: String,
    #[allow(dead_code)]
    checked: String,
}

#[derive(Debug, Deserialize)]
struct Criminal {
    provisions: Vec<Cited>,
    #[allow(dead_code)]
    source: String,
    #[allow(dead_code)]
    checked: String,
}

fn yes() -> bool {
    true
}

/// The table, read the first time it is needed. The file is part of the build: a malformed one is a
/// bug caught by the tests, not user input.
pub fn disclosure_grounds() -> &'static DisclosureGrounds {
    static TABLE: OnceLock<DisclosureGrounds> = OnceLock::new();
    TABLE.get_or_init(|| {
        let file: File = crate::law::table::read_table!("disclosures");
        let recipients = file
            .recipient
            .into_iter()
            .map(|e| {
                let kind = RecipientKind::from_keyword(&e.kind).unwrap_or_else(|| {
                    panic!("disclosures.toml: `{}` is not a recipient kind", e.kind)
                });
                let mut letters = e.required.chars();
                let required = match (letters.next(), letters.next()) {
                    (None, _) => None,
                    (Some(c @ 'a'..='f'), None) => Some(c),
                    _ => panic!(
                        "disclosures.toml: `required` of `{}` is not a point of art. 6(1)",
                        e.kind
                    ),
                };
                RecipientGrounds {
                    kind,
                    needs_basis: e.needs_basis,
                    required,
                    provisions: e.provisions,
                    typical: e.typical,
                    typical_da: e.typical_da,
                    special: e.special,
                    special_typical: e.special_typical,
                    special_typical_da: e.special_typical_da,
                }
            })
            .collect();
        DisclosureGrounds {
            recipients,
            criminal: file.criminal.provisions,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_recipient_kind_has_exactly_one_entry() {
        let table = disclosure_grounds();
        for kind in RecipientKind::ALL {
            let n = table.recipients.iter().filter(|r| r.kind == *kind).count();
            assert_eq!(n, 1, "`{}`", kind.keyword());
        }
    }

    #[test]
    fn a_kind_that_needs_a_basis_says_which_and_in_both_languages() {
        for entry in &disclosure_grounds().recipients {
            let kind = entry.kind.keyword();
            if !entry.needs_basis {
                assert!(
                    entry.provisions.is_empty() && entry.required.is_none(),
                    "{kind}"
                );
                continue;
            }
            assert!(!entry.provisions.is_empty(), "{kind}: no provisions");
            assert!(!entry.special.is_empty(), "{kind}: no art. 9(2) provisions");
            for lang in [Lang::En, Lang::Da] {
                assert!(!entry.typical(lang).is_empty(), "{kind}: typical {lang:?}");
                assert!(
                    !entry.special_typical(lang).is_empty(),
                    "{kind}: special_typical {lang:?}"
                );
            }
            if let Some(letter) = entry.required {
                let required = format!("art. 6(1)({letter})");
                assert!(
                    entry.provisions.iter().any(|(_, p)| *p == required),
                    "{kind}: the required point is among the provisions listed"
                );
            }
        }
    }

    #[test]
    fn the_data_subject_is_no_third_party() {
        assert!(
            !disclosure_grounds()
                .of(RecipientKind::DataSubject)
                .needs_basis
        );
    }

    /// Review 1.3 item 1: forvaltningsloven § 28 only between administrative authorities, and
    /// databeskyttelseslovens § 8, stk. 2 only when criminal-offence data is disclosed.
    #[test]
    fn provisions_are_listed_only_where_they_fit() {
        let table = disclosure_grounds();
        for entry in &table.recipients {
            let all: Vec<&Cited> = entry.provisions.iter().chain(&entry.special).collect();
            let fvl_28 = all
                .iter()
                .any(|(act, p)| act == "Forvaltningsloven" && p == "§ 28");
            assert_eq!(
                fvl_28,
                entry.kind == RecipientKind::Authority,
                "{}",
                entry.kind.keyword()
            );
            assert!(
                !all.iter().any(|(_, p)| p.starts_with("§ 8")),
                "{}: § 8 comes with criminal-offence data only",
                entry.kind.keyword()
            );
        }
        assert!(
            table
                .criminal
                .iter()
                .any(|(act, p)| act == "Databeskyttelsesloven" && p == "§ 8, stk. 2")
        );
    }
}
