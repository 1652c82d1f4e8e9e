//! Countries: ISO 3166-1 codes, EU/EEA membership and adequacy decisions, loaded from
//! `src/law/data/countries.toml`.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::syntax::ast::Name;

#[derive(Debug, Clone, Deserialize)]
pub struct Country {
    pub code: String,
    pub name: String,
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
    #[serde(default)]
    pub expires: String,
    /// The decision covers only businesses of the country (organisations in commercial activity):
    /// not its public authorities, and not private persons.
    #[serde(default)]
    pub businesses_only: bool,
    #[serde(default = "default_true")]
    pub verified: bool,
}

impl Adequacy {
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
    pub fn label(&self) -> String {
        match self {
            CountryRef::Code(code) => code.clone(),
            CountryRef::OutsideEea => "outside the EU/EEA".to_string(),
            CountryRef::Unknown => "country unknown".to_string(),
        }
    }
}

/// Reads a `country` value: an ISO code in capitals, `outside_eea` or `unknown`.
pub fn parse_country(name: &Name) -> Result<CountryRef, Diagnostic> {
    let word = name.node.as_str();
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
            .map(|c| c.name.as_str())
            .unwrap_or("");
        format!("the ISO 3166-1 code for {name} is `{}`", alias.means)
    } else if let Some(c) = table.get(&upper) {
        format!(
            "country codes are written in capitals: `{}` ({})",
            c.code, c.name
        )
    } else if let Some(c) = table
        .by_code
        .values()
        .find(|c| c.name.eq_ignore_ascii_case(word))
    {
        format!("write the ISO 3166-1 code: `{}` ({})", c.code, c.name)
    } else if let Some(s) = did_you_mean(word, ["outside_eea", "unknown"]) {
        format!("did you mean `{s}`?")
    } else {
        "write a two-letter ISO 3166-1 code (e.g. `DK`, `US`), `outside_eea` when the notice only says \
         \"outside the EU/EEA\", or `unknown`"
            .to_string()
    };
    Err(Diagnostic::spec_error_at(
        "invalid-country",
        format!("`{word}` is not a country code"),
        name.span,
        "not an ISO 3166-1 alpha-2 code",
    )
    .with_help(help))
}
