//! Countries: ISO 3166-1 codes, EU/EEA membership and adequacy decisions, loaded from
//! `src/law/data/countries.toml`.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::i18n::Lang;
use crate::syntax::ast::Word;
use crate::tr;

#[derive(Debug, Clone, Deserialize)]
pub struct Country {
    pub code: String,
    pub name: String,
    /// The Danish short name.
    pub name_da: String,
    #[serde(default)]
    pub eu: bool,
    #[serde(default)]
    pub eea: bool,
}

/// An adequacy decision under GDPR art. 45(3).
#[derive(Debug, Clone, Deserialize)]
pub struct Adequacy {
    pub country: String,
    pub decision: String,
    #[serde(default)]
    pub adopted: String,
    /// "all", or the part of the country's importers it covers (e.g. DPF-listed organisations).
    #[serde(default)]
    pub scope: String,
    /// `scope` in Danish; empty when the scope is "all".
    #[serde(default)]
    pub scope_da: String,
    #[serde(default)]
    pub expires: String,
    /// The decision covers only businesses of the country (organisations in commercial activity):
    /// not its public authorities, and not private persons.
    #[serde(default)]
    pub businesses_only: bool,
    #[serde(default = "default_true")]
    pub verified: bool,
}

impl Country {
    /// The country's short name in `lang`.
    pub fn name_in(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.name,
            Lang::Da => &self.name_da,
        }
    }
}

impl Adequacy {
    /// Who the decision covers, in `lang`.
    pub fn scope_in(&self, lang: Lang) -> &str {
        match lang {
            Lang::Da if !self.scope_da.is_empty() => &self.scope_da,
            _ => &self.scope,
        }
    }

    /// The decision covers every importer in the country (`scope = "all"`), not only some of them.
    pub fn covers_every_importer(&self) -> bool {
        self.scope.trim().eq_ignore_ascii_case("all")
    }
}

fn default_true() -> bool {
    true
}

/// A code people write that is not the ISO code (the EU writes Greece `EL`; `UK` is `GB`).
#[derive(Debug, Clone, Deserialize)]
pub struct Alias {
    pub code: String,
    pub means: String,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Deserialize)]
struct CountriesFile {
    country: Vec<Country>,
    #[serde(default)]
    adequacy: Vec<Adequacy>,
    #[serde(default)]
    alias: Vec<Alias>,
}

pub struct Countries {
    by_code: HashMap<String, Country>,
    adequacy: HashMap<String, Adequacy>,
    aliases: HashMap<String, Alias>,
}

pub fn countries() -> &'static Countries {
    static COUNTRIES: OnceLock<Countries> = OnceLock::new();
    COUNTRIES.get_or_init(|| {
        let file: CountriesFile = toml::from_str(include_str!("data/countries.toml"))
            .unwrap_or_else(|e| panic!("src/law/data/countries.toml is malformed: {e}"));
        Countries {
            by_code: file
                .country
                .into_iter()
                .map(|c| (c.code.clone(), c))
                .collect(),
            adequacy: file
                .adequacy
                .into_iter()
                .map(|a| (a.country.clone(), a))
                .collect(),
            aliases: file
                .alias
                .into_iter()
                .map(|a| (a.code.clone(), a))
                .collect(),
        }
    })
}

impl Countries {
    pub fn get(&self, code: &str) -> Option<&Country> {
        self.by_code.get(code)
    }

    pub fn adequacy(&self, code: &str) -> Option<&Adequacy> {
        self.adequacy.get(code)
    }
}

/// Where a party is, as far as the spec says.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "code")]
pub enum CountryRef {
    /// An ISO 3166-1 alpha-2 code.
    Code(String),
    /// `outside_eea`: known to be outside the EU/EEA, but the notice names no country.
    OutsideEea,
    /// `unknown`: the spec does not know where.
    Unknown,
}

/// Where a country stands under GDPR Chapter V.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    /// EU or EEA: no transfer.
    Eea,
    /// A third country (with or without an adequacy decision).
    ThirdCountry,
    /// Outside the EU/EEA, country not named.
    UnnamedThirdCountry,
    /// Not known.
    Unknown,
}

impl CountryRef {
    pub fn zone(&self) -> Zone {
        match self {
            CountryRef::Code(code) => match countries().get(code) {
                Some(c) if c.eea => Zone::Eea,
                _ => Zone::ThirdCountry,
            },
            CountryRef::OutsideEea => Zone::UnnamedThirdCountry,
            CountryRef::Unknown => Zone::Unknown,
        }
    }

    /// For labels and paths: `DK`, `outside the EU/EEA`, `unknown country`.
    pub fn label(&self, lang: Lang) -> String {
        match self {
            CountryRef::Code(code) => code.clone(),
            CountryRef::OutsideEea => tr!(lang, text::OUTSIDE_EEA),
            CountryRef::Unknown => tr!(lang, text::UNKNOWN),
        }
    }
}

/// The words for a place that is not a named country, and for a wrong country code, in English and
/// Danish.
pub mod text {
    crate::texts! {
        OUTSIDE_EEA = ("outside the EU/EEA", "uden for EU/EØS"),
        UNKNOWN = ("country unknown", "ukendt land"),
        ALIAS = (
            "the ISO 3166-1 code for {name} is `{code}`",
            "ISO 3166-1-koden for {name} er `{code}`"
        ),
        CAPITALS = (
            "country codes are written in capitals: `{code}` ({name})",
            "landekoder skrives med store bogstaver: `{code}` ({name})"
        ),
        WRITE_THE_CODE = (
            "write the ISO 3166-1 code: `{code}` ({name})",
            "skriv ISO 3166-1-koden: `{code}` ({name})"
        ),
        DID_YOU_MEAN = ("did you mean `{word}`?", "mente du `{word}`?"),
        HOW_TO_WRITE = (
            "write a two-letter ISO 3166-1 code (e.g. `DK`, `US`), `outside_eea` when the notice only says \
             \"outside the EU/EEA\", or `unknown`",
            "skriv en ISO 3166-1-kode på to bogstaver (f.eks. `DK`, `US`), `outside_eea`, når \
             oplysningerne kun siger \"uden for EU/EØS\", eller `unknown`"
        ),
        NOT_A_CODE = ("`{word}` is not a country code", "`{word}` er ikke en landekode"),
        NOT_A_CODE_LABEL = ("not an ISO 3166-1 alpha-2 code", "ikke en ISO 3166-1 alpha-2-kode"),
    }
}

/// Reads a `country` value: an ISO code in capitals, `outside_eea` or `unknown`; an error is worded in
/// `lang`.
pub fn parse_country(name: &Word<'_>, lang: Lang) -> Result<CountryRef, Diagnostic> {
    let word = name.node;
    match word {
        "outside_eea" => return Ok(CountryRef::OutsideEea),
        "unknown" => return Ok(CountryRef::Unknown),
        _ => {}
    }
    let table = countries();
    if table.get(word).is_some() {
        return Ok(CountryRef::Code(word.to_string()));
    }
    let upper = word.to_uppercase();
    let help = if let Some(alias) = table.aliases.get(&upper) {
        let name = table
            .get(&alias.means)
            .map(|c| c.name_in(lang))
            .unwrap_or("");
        tr!(lang, text::ALIAS, name = name, code = alias.means)
    } else if let Some(c) = table.get(&upper) {
        tr!(lang, text::CAPITALS, code = c.code, name = c.name_in(lang))
    } else if let Some(c) = table.by_code.values().find(|c| {
        c.name.eq_ignore_ascii_case(word) || c.name_da.to_lowercase() == word.to_lowercase()
    }) {
        tr!(
            lang,
            text::WRITE_THE_CODE,
            code = c.code,
            name = c.name_in(lang)
        )
    } else if let Some(s) = did_you_mean(word, ["outside_eea", "unknown"]) {
        tr!(lang, text::DID_YOU_MEAN, word = s)
    } else {
        tr!(lang, text::HOW_TO_WRITE)
    };
    Err(Diagnostic::spec_error_at(
        "invalid-country",
        tr!(lang, text::NOT_A_CODE, word = word),
        name.span,
        tr!(lang, text::NOT_A_CODE_LABEL),
    )
    .with_help(help))
}
