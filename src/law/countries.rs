//! Countries: ISO 3166-1 codes, EU/EEA membership and adequacy decisions, loaded from
//! `src/law/data/countries.toml`; and the international organisations a spec can name as a destination
//! (GDPR art. 4(26), 44), with their adequacy decisions, from `src/law/data/organisations.toml`.

use rustc_hash::FxHashMap;
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
    /// The country's ISO code; empty for an international organisation's decision (organisations.toml).
    #[serde(default)]
    pub country: String,
    pub decision: String,
    /// `decision` as the Danish edition of the Official Journal names it; empty when not given (then
    /// [`Adequacy::decision_in`] falls back to `decision`).
    #[serde(default)]
    pub decision_da: String,
    /// `false` when the Danish name could not be read in the Danish edition (see the entry's `# note:`).
    #[serde(default = "default_true")]
    pub decision_da_verified: bool,
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
    /// What the decision does not cover and the spec cannot show (KR's excluded sectors, IL's territory).
    #[serde(default, rename = "limit")]
    pub limits: Vec<AdequacyLimit>,
}

/// A part of a country, of its importers or of the transfers that an adequacy decision does not cover,
/// which the reader has to confirm about the importer.
#[derive(Debug, Clone, Deserialize)]
pub struct AdequacyLimit {
    /// The limit as the decision states it.
    pub what: String,
    pub what_da: String,
    /// What to confirm about the importer.
    pub confirm: String,
    pub confirm_da: String,
    /// Only an organisation can fall within the limit (a processor, or a recipient of kind
    /// organisation), not an authority, a person or the public.
    #[serde(default)]
    pub organisations_only: bool,
    #[serde(default = "default_true")]
    pub verified: bool,
}

impl Adequacy {
    /// The decision's name in `lang`: the Danish name where the data gives one, else the English.
    pub fn decision_in(&self, lang: Lang) -> &str {
        match lang {
            Lang::Da if !self.decision_da.is_empty() => &self.decision_da,
            _ => &self.decision,
        }
    }
}

impl AdequacyLimit {
    /// The limit in `lang`.
    pub fn what_in(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.what,
            Lang::Da => &self.what_da,
        }
    }

    /// What to confirm, in `lang`.
    pub fn confirm_in(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.confirm,
            Lang::Da => &self.confirm_da,
        }
    }
}

/// An international organisation (GDPR art. 4(26)) a spec can name: `international organisation EPO`.
#[derive(Debug, Clone, Deserialize)]
pub struct Organisation {
    pub code: String,
    pub name: String,
    pub name_da: String,
    /// The instrument that set it up.
    #[serde(default)]
    pub founded: String,
    #[serde(default = "default_true")]
    pub verified: bool,
    /// The Commission's adequacy decision for it, if there is one.
    #[serde(default)]
    pub adequacy: Option<Adequacy>,
}

impl Organisation {
    /// The organisation's name in `lang`.
    pub fn name_in(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.name,
            Lang::Da => &self.name_da,
        }
    }
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

#[derive(Debug, Deserialize)]
struct OrganisationsFile {
    organisation: Vec<Organisation>,
}

/// Keyed by the tables' own codes, so Fx hashing (src/spec_map.rs): a spec's country is looked up
/// once per transfer and recipient, and SipHash made that a tenth of the notice's transfers part.
pub struct Countries {
    by_code: FxHashMap<String, Country>,
    adequacy: FxHashMap<String, Adequacy>,
    aliases: FxHashMap<String, Alias>,
    /// The international organisations, in the order of organisations.toml.
    organisations: Vec<Organisation>,
}

pub fn countries() -> &'static Countries {
    static COUNTRIES: OnceLock<Countries> = OnceLock::new();
    COUNTRIES.get_or_init(|| {
        let file: CountriesFile = crate::law::table::read_table!("countries");
        let organisations: OrganisationsFile = crate::law::table::read_table!("organisations");
        Countries {
            organisations: organisations.organisation,
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

    /// Every country hjemmel knows, in no particular order (the editor's completion sorts them).
    pub fn all(&self) -> impl Iterator<Item = &Country> {
        self.by_code.values()
    }

    pub fn adequacy(&self, code: &str) -> Option<&Adequacy> {
        self.adequacy.get(code)
    }

    /// The international organisation written `code` in a spec.
    pub fn organisation(&self, code: &str) -> Option<&Organisation> {
        self.organisations.iter().find(|o| o.code == code)
    }

    /// Every international organisation hjemmel knows, in the order of organisations.toml.
    pub fn organisations(&self) -> &[Organisation] {
        &self.organisations
    }

    /// The adequacy decision for a named country or international organisation, if there is one.
    pub fn adequacy_of(&self, place: &CountryRef) -> Option<&Adequacy> {
        match place {
            CountryRef::Code(code) => self.adequacy(code),
            CountryRef::Organisation(code) => self.organisation(code)?.adequacy.as_ref(),
            CountryRef::OutsideEea | CountryRef::Unknown => None,
        }
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
    /// `international organisation EPO`: an international organisation (GDPR art. 4(26)). Chapter V
    /// treats it as outside the EU/EEA wherever its seat is (art. 44).
    Organisation(String),
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
    /// An international organisation: outside the EU/EEA for Chapter V (art. 44), with or without an
    /// adequacy decision.
    InternationalOrganisation,
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
            CountryRef::Organisation(_) => Zone::InternationalOrganisation,
        }
    }

    /// For a message: `Korea, Republic of (KR)`, `the European Patent Organisation (EPO)`; otherwise
    /// the [`label`](Self::label).
    pub fn describe(&self, lang: Lang) -> String {
        let table = countries();
        match self {
            CountryRef::Code(code) => match table.get(code) {
                Some(c) => format!("{} ({code})", c.name_in(lang)),
                None => code.clone(),
            },
            CountryRef::Organisation(code) => match table.organisation(code) {
                Some(o) => tr!(
                    lang,
                    text::ORGANISATION_NAMED,
                    name = o.name_in(lang),
                    code = code
                ),
                None => self.label(lang),
            },
            _ => self.label(lang),
        }
    }

    /// For labels and paths: `DK`, `outside the EU/EEA`, `unknown country`.
    pub fn label(&self, lang: Lang) -> String {
        match self {
            CountryRef::Code(code) => code.clone(),
            CountryRef::OutsideEea => tr!(lang, text::OUTSIDE_EEA),
            CountryRef::Unknown => tr!(lang, text::UNKNOWN),
            CountryRef::Organisation(code) => tr!(lang, text::ORGANISATION, code = code),
        }
    }
}

/// The words for a place that is not a named country, and for a wrong country code, in English and
/// Danish.
pub mod text {
    crate::texts! {
        OUTSIDE_EEA = ("outside the EU/EEA", "uden for EU/EØS"),
        UNKNOWN = ("country unknown", "ukendt land"),
        ORGANISATION = ("international organisation {code}", "den internationale organisation {code}"),
        ORGANISATION_NAMED = (
            "the international organisation {name} ({code})",
            "den internationale organisation {name} ({code})"
        ),
        BOTH = (
            "`country` beside `international organisation {code}`: a party is in a country or is an \
             international organisation, not both",
            "`country` ved siden af `international organisation {code}`: en part er i et land eller er en \
             international organisation, ikke begge dele"
        ),
        BOTH_LABEL = ("a country as well", "også et land"),
        BOTH_ORGANISATION = ("an international organisation", "en international organisation"),
        BOTH_HELP = (
            "remove `country {code}`: a transfer to an international organisation is a transfer under \
             GDPR art. 44 wherever the organisation has its seat",
            "fjern `country {code}`: en overførsel til en international organisation er en overførsel \
             efter databeskyttelsesforordningens art. 44, uanset hvor organisationen har sit hjemsted"
        ),
        ORG_CAPITALS = (
            "an international organisation's code is written in capitals: `{code}` ({name})",
            "en international organisations kode skrives med store bogstaver: `{code}` ({name})"
        ),
        ORG_WRITE_THE_CODE = (
            "write the organisation's code: `{code}` ({name})",
            "skriv organisationens kode: `{code}` ({name})"
        ),
        NOT_AN_ORGANISATION = (
            "`{word}` is not an international organisation hjemmel knows",
            "`{word}` er ikke en international organisation, som hjemmel kender"
        ),
        NOT_AN_ORGANISATION_LABEL = ("unknown international organisation", "ukendt international organisation"),
        ORGANISATIONS_KNOWN = (
            "write one of the international organisations in hjemmel's reference data: {codes}; for \
             another, write `country outside_eea` and name the organisation in the label",
            "skriv en af de internationale organisationer i hjemmels referencedata: {codes}; for en \
             anden, skriv `country outside_eea`, og navngiv organisationen i betegnelsen"
        ),
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

/// Reads the code of `international organisation CODE`: one of the organisations in
/// organisations.toml; an error is worded in `lang`.
pub fn parse_organisation(name: &Word<'_>, lang: Lang) -> Result<CountryRef, Diagnostic> {
    let word = name.node;
    let table = countries();
    if table.organisation(word).is_some() {
        return Ok(CountryRef::Organisation(word.to_string()));
    }
    let codes: Vec<&str> = table
        .organisations()
        .iter()
        .map(|o| o.code.as_str())
        .collect();
    let upper = word.to_uppercase();
    let help = if let Some(o) = table.organisation(&upper) {
        tr!(
            lang,
            text::ORG_CAPITALS,
            code = o.code,
            name = o.name_in(lang)
        )
    } else if let Some(o) = table.organisations().iter().find(|o| {
        o.name.eq_ignore_ascii_case(word) || o.name_da.to_lowercase() == word.to_lowercase()
    }) {
        tr!(
            lang,
            text::ORG_WRITE_THE_CODE,
            code = o.code,
            name = o.name_in(lang)
        )
    } else if let Some(s) = did_you_mean(word, codes.iter().copied()) {
        tr!(lang, text::DID_YOU_MEAN, word = s)
    } else {
        let list: Vec<String> = codes.iter().map(|c| format!("`{c}`")).collect();
        tr!(lang, text::ORGANISATIONS_KNOWN, codes = list.join(", "))
    };
    Err(Diagnostic::spec_error_at(
        "invalid-organisation",
        tr!(lang, text::NOT_AN_ORGANISATION, word = word),
        name.span,
        tr!(lang, text::NOT_AN_ORGANISATION_LABEL),
    )
    .with_help(help))
}

/// The error for a party that names both a `country` and an `international organisation`, worded in
/// `lang`: Chapter V treats an international organisation as outside the EU/EEA wherever its seat is, so
/// its country says nothing about the transfer.
pub fn both_places(country: &Word<'_>, organisation: &Word<'_>, lang: Lang) -> Diagnostic {
    Diagnostic::spec_error_at(
        "country-and-organisation",
        tr!(lang, text::BOTH, code = organisation.node),
        country.span,
        tr!(lang, text::BOTH_LABEL),
    )
    .with_secondary(organisation.span, tr!(lang, text::BOTH_ORGANISATION))
    .with_help(tr!(lang, text::BOTH_HELP, code = country.node))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aland_and_the_outermost_regions_are_in_the_eu_and_the_octs_are_not() {
        let table = countries();
        for code in ["AX", "GF", "GP", "MQ", "RE", "YT", "MF"] {
            let c = table.get(code).unwrap();
            assert!(c.eu && c.eea, "{code} is in the EU and the EEA");
            assert_eq!(CountryRef::Code(code.into()).zone(), Zone::Eea, "{code}");
        }
        for code in ["BL", "PM", "NC", "PF", "AW", "CW", "GL", "FO"] {
            let c = table.get(code).unwrap();
            assert!(!c.eu && !c.eea, "{code} is outside the EU and the EEA");
        }
    }

    #[test]
    fn an_international_organisation_is_outside_the_eea_with_its_own_adequacy() {
        let table = countries();
        let epo = CountryRef::Organisation("EPO".into());
        assert_eq!(epo.zone(), Zone::InternationalOrganisation);
        let decision = table.adequacy_of(&epo).unwrap();
        assert!(decision.decision.contains("(EU) 2025/1382"));
        // In Danish output the decision has its Danish name.
        assert!(
            decision
                .decision_in(Lang::Da)
                .starts_with("Kommissionens gennemførelsesafgørelse (EU) 2025/1382")
        );
        assert_eq!(decision.decision_in(Lang::En), decision.decision);
        assert!(decision.covers_every_importer() && decision.verified);
        let un = CountryRef::Organisation("UN".into());
        assert_eq!(un.zone(), Zone::InternationalOrganisation);
        assert!(table.adequacy_of(&un).is_none());
        for o in table.organisations() {
            assert!(!o.name_da.is_empty() && !o.founded.is_empty(), "{}", o.code);
            assert_eq!(o.code, o.code.to_uppercase(), "{}", o.code);
        }
    }

    /// TRANSFER-MECHANISM-SCOPE names the decision in its label: a decision whose Danish name is not
    /// recorded is named as the Official Journal's English edition names it, never left blank.
    #[test]
    fn a_decision_without_a_danish_name_keeps_its_english_name_in_danish() {
        let korea = countries().adequacy("KR").unwrap();
        assert!(korea.decision_da.is_empty(), "KR has a Danish name now");
        assert!(korea.decision.contains("(EU) 2022/254"));
        assert_eq!(korea.decision_in(Lang::Da), korea.decision);
    }

    /// The rules show a decision's scope only where it does not cover every importer (the help of
    /// TRANSFER-UNDECLARED, the label of TRANSFER-MECHANISM-SCOPE): each such scope has its Danish
    /// words, and Danish output shows them.
    #[test]
    fn a_partial_scope_is_in_the_reader_s_language() {
        let table = countries();
        let partial: Vec<&Adequacy> = table
            .adequacy
            .values()
            .filter(|a| !a.covers_every_importer())
            .collect();
        assert!(
            partial.len() >= 4,
            "US, CA, JP, KR and IL cover part of their importers"
        );
        for decision in partial {
            assert!(
                !decision.scope_da.is_empty(),
                "{}: scope_da",
                decision.country
            );
            assert_eq!(decision.scope_in(Lang::Da), decision.scope_da);
            assert_eq!(decision.scope_in(Lang::En), decision.scope);
        }
    }

    /// An entry of the data files is verified unless it says `verified = false`: a limit without the
    /// field is shown without "not verified" (TRANSFER-MECHANISM-SCOPE), and a decision's Danish name
    /// without `decision_da_verified` is taken as read.
    #[test]
    fn an_entry_without_verified_counts_as_verified() {
        let decision: Adequacy = toml::from_str(
            "decision = \"D\"\n[[limit]]\nwhat = \"w\"\nwhat_da = \"w\"\nconfirm = \"c\"\nconfirm_da = \"c\"",
        )
        .unwrap();
        assert!(decision.verified && decision.decision_da_verified);
        assert!(decision.limits[0].verified);
        let said = toml::from_str::<Adequacy>(
            "decision = \"D\"\nverified = false\ndecision_da_verified = false",
        )
        .unwrap();
        assert!(!said.verified && !said.decision_da_verified);
    }

    #[test]
    fn korea_and_israel_carry_their_limits_in_both_languages() {
        let table = countries();
        let kr = &table.adequacy("KR").unwrap().limits;
        assert_eq!(kr.len(), 3);
        assert!(kr.iter().all(|l| l.organisations_only));
        let il = &table.adequacy("IL").unwrap().limits;
        assert_eq!(il.len(), 2);
        assert!(il.iter().all(|l| !l.organisations_only));
        for limit in kr.iter().chain(il) {
            for lang in [Lang::En, Lang::Da] {
                assert!(!limit.what_in(lang).is_empty() && !limit.confirm_in(lang).is_empty());
            }
        }
    }

    /// A country or organisation written by its name, English or Danish, is answered with its code.
    #[test]
    fn a_name_in_either_language_is_answered_with_the_code() {
        let span = crate::syntax::span::Span::SYNTHETIC;
        for name in ["germany", "Tyskland"] {
            let err = parse_country(&Word::new(name, span), Lang::En).unwrap_err();
            assert!(err.help.unwrap().contains("`DE` (Germany)"), "{name}");
        }
        // The organisations' English names are several words; the WHO's Danish name is one.
        let who = Word::new("Verdenssundhedsorganisationen", span);
        let err = parse_organisation(&who, Lang::En).unwrap_err();
        // Not only in the list of every code that is the last resort.
        assert!(
            err.help
                .unwrap()
                .contains("`WHO` (World Health Organization)")
        );
    }

    #[test]
    fn an_unknown_organisation_is_an_error_with_a_suggestion() {
        let span = crate::syntax::span::Span::SYNTHETIC;
        let word = Word::new("epo", span);
        let err = parse_organisation(&word, Lang::En).unwrap_err();
        assert_eq!(err.code, "invalid-organisation");
        assert!(err.help.unwrap().contains("`EPO`"));
        let ok = parse_organisation(&Word::new("EPO", span), Lang::En).unwrap();
        assert_eq!(ok, CountryRef::Organisation("EPO".into()));
    }
}
