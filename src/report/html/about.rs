//! What the report is about, for its top: the document the spec encodes (`document` in the
//! controller block), the spec's git commit, the date of the legal reference data and the hjemmel
//! version; and where the text of each act can be read (src/law/data/links.toml).

use std::sync::OnceLock;

use serde::Deserialize;

use crate::i18n::Lang;
use crate::law::acts::ActId;

/// The spec's place in git, when it is in a repository.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commit {
    /// The full commit hash of `HEAD`.
    pub hash: String,
    /// Whether the spec's files are as committed (no change, no untracked file).
    pub clean: bool,
}

/// Every file of the legal reference data, for the date it was last checked (links.toml, the
/// addresses of the texts, says nothing of the law and is left out).
/// The reference data other than the acts' tables (those come from [`ActId::source`]).
const OTHER_LAW_DATA: &[&str] = &[
    include_str!("../../law/data/art9.toml"),
    include_str!("../../law/data/countries.toml"),
    include_str!("../../law/data/organisations.toml"),
    include_str!("../../law/data/disclosures.toml"),
    include_str!("../../law/data/ai_act.toml"),
    include_str!("../../law/data/dk_parameters.toml"),
    include_str!("../../law/data/placeholders.toml"),
    include_str!("../../law/data/dbl_subjects.toml"),
    include_str!("../../law/data/health_words.toml"),
    include_str!("../../law/data/class_words.toml"),
    include_str!("../../law/data/rights.toml"),
    include_str!("../../law/data/notice_elements.toml"),
];

/// The newest `checked = "YYYY-MM-DD"` of the legal reference data: the legal position the
/// findings rest on is at most as new as this.
pub fn law_data_date() -> &'static str {
    static DATE: OnceLock<String> = OnceLock::new();
    DATE.get_or_init(|| {
        let acts = ActId::ALL.into_iter().map(ActId::source);
        newest_checked(acts.chain(OTHER_LAW_DATA.iter().copied())).unwrap_or_default()
    })
}

/// The newest date given as `checked = "..."` (outside comments) in the texts.
fn newest_checked<'a>(texts: impl Iterator<Item = &'a str>) -> Option<String> {
    texts
        .flat_map(str::lines)
        .filter_map(|line| {
            let line = line.trim();
            let value = line
                .strip_prefix("checked")?
                .trim_start()
                .strip_prefix('=')?;
            let date = value.trim().trim_matches('"');
            let is_date = date.len() == 10
                && date.bytes().enumerate().all(|(i, b)| {
                    if i == 4 || i == 7 {
                        b == b'-'
                    } else {
                        b.is_ascii_digit()
                    }
                });
            is_date.then(|| date.to_string())
        })
        .max()
}

#[derive(Debug, Deserialize)]
struct LinksFile {
    link: Vec<Link>,
}

/// Where an act's text can be read.
#[derive(Debug, Clone, Deserialize)]
pub struct Link {
    pub act: String,
    pub en: String,
    pub da: String,
    pub checked: String,
    #[serde(default = "yes")]
    pub verified: bool,
}

fn yes() -> bool {
    true
}

/// The links of src/law/data/links.toml.
pub fn links() -> &'static [Link] {
    static LINKS: OnceLock<Vec<Link>> = OnceLock::new();
    LINKS.get_or_init(|| {
        let file: LinksFile = toml::from_str(include_str!("../../law/data/links.toml"))
            .expect("src/law/data/links.toml is valid (tested)");
        file.link
    })
}

/// The address of the text of the act a provision (as the findings write it, `GDPR art. 6(1)`,
/// `Databeskyttelsesloven § 8, stk. 2`) belongs to; `None` for a provision of no known act.
pub fn provision_link(lang: Lang, provision: &str) -> Option<&'static str> {
    act_links(lang).iter().find_map(|(name, link)| {
        let rest = provision.strip_prefix(name.as_str())?;
        if !rest.is_empty() && !rest.starts_with(' ') {
            return None;
        }
        *link
    })
}

/// Each act's short name in `lang`, in the order of [`ActId::ALL`], with the address of its text
/// where links.toml gives one: worded once, not for every act and every provision of every finding.
fn act_links(lang: Lang) -> &'static [(String, Option<&'static str>)] {
    type ActLinks = Vec<(String, Option<&'static str>)>;
    static EN: OnceLock<ActLinks> = OnceLock::new();
    static DA: OnceLock<ActLinks> = OnceLock::new();
    let cell = match lang {
        Lang::En => &EN,
        Lang::Da => &DA,
    };
    cell.get_or_init(|| {
        ActId::ALL
            .into_iter()
            .map(|id| {
                let name = crate::i18n::citation::act(lang, &id.header().short);
                let link = links()
                    .iter()
                    .find(|l| l.act == id.keyword())
                    .map(|link| match lang {
                        Lang::En => link.en.as_str(),
                        Lang::Da => link.da.as_str(),
                    });
                (name, link)
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_newest_date_checked_outside_comments() {
        let texts = [
            "# checked = \"2030-01-01\"\nchecked = \"2026-11-23\"\n",
            "[[x]]\nchecked = \"2026-12-05\"\nchecked = \"soon\"\n",
        ];
        assert_eq!(
            newest_checked(texts.into_iter()).as_deref(),
            Some("2026-12-05")
        );
        assert_eq!(law_data_date().len(), 10);
    }

    #[test]
    fn the_date_of_the_law_data_reads_every_file_of_it() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/law/data");
        let files = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|name| name.ends_with(".toml") && name != "links.toml")
            .count();
        assert_eq!(files, ActId::ALL.len() + OTHER_LAW_DATA.len());
    }

    #[test]
    fn every_act_has_a_link_with_a_date() {
        for id in ActId::ALL {
            let link = links().iter().find(|l| l.act == id.keyword());
            let link = link.unwrap_or_else(|| panic!("no link for {}", id.keyword()));
            assert!(link.en.starts_with("https://") && link.da.starts_with("https://"));
            assert_eq!(link.checked.len(), 10);
        }
        assert_eq!(
            provision_link(Lang::En, "GDPR art. 6(1)(e)"),
            Some("https://eur-lex.europa.eu/eli/reg/2016/679/oj/eng")
        );
        assert_eq!(
            provision_link(Lang::Da, "Databeskyttelsesloven § 8, stk. 2"),
            Some("https://www.retsinformation.dk/eli/lta/2018/502")
        );
        assert_eq!(
            provision_link(Lang::Da, "Databeskyttelsesforordningen art. 13"),
            Some("https://eur-lex.europa.eu/eli/reg/2016/679/oj/dan")
        );
        assert_eq!(provision_link(Lang::En, "Lov om social service § 11"), None);
    }

    /// The acts' names worded once give every provision the link that wording each act's name for
    /// each provision gave: every act's name alone, with a provision after it, run into another
    /// word, and no act's name at all, in both languages.
    #[test]
    fn links_from_names_worded_once_are_those_worded_per_provision() {
        let per_provision = |lang: Lang, provision: &str| -> Option<&'static str> {
            ActId::ALL.into_iter().find_map(|id| {
                let name = crate::i18n::citation::act(lang, &id.header().short);
                let rest = provision.strip_prefix(name.as_str())?;
                if !rest.is_empty() && !rest.starts_with(' ') {
                    return None;
                }
                let link = links().iter().find(|l| l.act == id.keyword())?;
                Some(match lang {
                    Lang::En => link.en.as_str(),
                    Lang::Da => link.da.as_str(),
                })
            })
        };
        let mut linked = 0;
        for lang in Lang::ALL {
            for id in ActId::ALL {
                let name = crate::i18n::citation::act(lang, &id.header().short);
                for provision in [
                    name.clone(),
                    format!("{name} art. 6(1)(e)"),
                    format!("{name} § 8, stk. 2"),
                    format!("{name}x § 1"),
                    format!("x{name}"),
                ] {
                    let link = provision_link(lang, &provision);
                    assert_eq!(link, per_provision(lang, &provision), "{provision}");
                    linked += usize::from(link.is_some());
                }
            }
            assert_eq!(provision_link(lang, ""), None);
        }
        assert!(linked >= 3 * 2 * ActId::ALL.len(), "{linked}");
    }
}
