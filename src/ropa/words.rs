//! The words of the language in the record's own language: data classes, kinds of special data and of
//! recipients, transfer mechanisms with the provision each rests on, retention periods, countries and
//! citations. The spec's keywords are English and terse (`scc`, `special(health)`); a record is read
//! by people who never saw the spec.

use crate::i18n::{Lang, Text, citation};
use crate::law::citation::LegalRef;
use crate::law::countries::{CountryRef, countries};
use crate::law::vocabulary::{DataClass, Mechanism, RecipientKind, SpecialKind};
use crate::semantic::model::{MechanismRef, Period};
use crate::texts;
use crate::tr;

texts! {
    ORDINARY = ("ordinary personal data", "almindelige personoplysninger"),
    CONFIDENTIAL = ("confidential data", "fortrolige oplysninger"),
    CPR = ("CPR number", "CPR-nummer"),
    CRIMINAL = (
        "criminal convictions and offences (art. 10)",
        "oplysninger om strafbare forhold (art. 10)",
    ),
    SPECIAL = (
        "special category (art. 9): {kinds}",
        "særlig kategori af personoplysninger (art. 9): {kinds}",
    ),

    TAX = ("tax authorities", "skattemyndigheder"),
    POLICE = ("police", "politiet"),
    EMERGENCY = ("emergency services", "alarm- og redningsberedskab"),
    AUTHORITY = ("public authorities", "offentlige myndigheder"),
    PUBLIC = ("the public", "offentligheden"),
    ORGANISATION = ("companies and organisations", "virksomheder og organisationer"),
    PERSON = ("private persons", "privatpersoner"),
    ACCESS_REQUESTER = (
        "those granted access to documents",
        "personer og medier, der får aktindsigt",
    ),
    DATA_SUBJECT = ("the data subjects themselves", "de registrerede selv"),

    ADEQUACY = ("adequacy decision (art. 45)", "tilstrækkelighedsafgørelse (art. 45)"),
    ADEQUACY_ORGANISATION = (
        "adequacy decision for the international organisation (art. 45)",
        "tilstrækkelighedsafgørelse for den internationale organisation (art. 45)",
    ),
    ADEQUACY_WHOLE_COUNTRY = (
        "adequacy decision for the whole country (art. 45)",
        "tilstrækkelighedsafgørelse for hele landet (art. 45)",
    ),
    DPF = (
        "EU-US Data Privacy Framework (art. 45; Decision (EU) 2023/1795)",
        "EU-US Data Privacy Framework (art. 45; afgørelse (EU) 2023/1795)",
    ),
    SCC = (
        "standard contractual clauses (art. 46(2)(c))",
        "standardkontraktbestemmelser (art. 46, stk. 2, litra c)",
    ),
    BCR = ("binding corporate rules (art. 47)", "bindende virksomhedsregler (art. 47)"),
    CODE_OF_CONDUCT = (
        "approved code of conduct (art. 46(2)(e))",
        "godkendt adfærdskodeks (art. 46, stk. 2, litra e)",
    ),
    CERTIFICATION = (
        "approved certification (art. 46(2)(f))",
        "godkendt certificering (art. 46, stk. 2, litra f)",
    ),
    DEROGATION = (
        "derogation for a specific situation (art. 49(1)({letter}))",
        "undtagelse i en specifik situation (art. 49, stk. 1, litra {letter})",
    ),

    FROM_COLLECTION = ("{amount} {unit} from collection", "{amount} {unit} fra indsamlingen"),
    AFTER_EVENT = ("{amount} {unit} after {event}", "{amount} {unit} efter {event}"),
    UNTIL_EVENT = ("until {event}", "indtil {event}"),
    THEN_ARCHIVE = (
        "{period}, then handed to the public archive",
        "{period}, derefter afleveret til offentligt arkiv",
    ),
    ARCHIVE = (
        "handed to the public archive (arkivloven), then deleted",
        "afleveres til offentligt arkiv (arkivloven) og slettes derefter",
    ),

    OUTSIDE_EEA = (
        "outside the EU/EEA, country not named",
        "uden for EU/EØS, landet er ikke angivet",
    ),
    COUNTRY_UNKNOWN = ("country unknown", "land ukendt"),
    COUNTRY_NOT_STATED = ("country not stated", "land ikke angivet"),
    THIRD_COUNTRY = ("{country}, third country", "{country}, tredjeland"),
    /// Art. 30(1)(e) names the international organisation: `European Patent Organisation (EPO), an
    /// international organisation`.
    INTERNATIONAL_ORGANISATION = (
        "{name} ({code}), an international organisation",
        "{name} ({code}), en international organisation",
    ),
}

/// A data category's class in words: `special category (art. 9): data concerning health`.
pub fn data_class(lang: Lang, class: DataClass, special: &[SpecialKind]) -> String {
    match class {
        DataClass::Ordinary => tr!(lang, ORDINARY),
        DataClass::Confidential => tr!(lang, CONFIDENTIAL),
        DataClass::Cpr => tr!(lang, CPR),
        DataClass::Criminal => tr!(lang, CRIMINAL),
        DataClass::Special => {
            let kinds: Vec<&str> = special.iter().map(|k| k.description(lang)).collect();
            tr!(lang, SPECIAL, kinds = kinds.join(", "))
        }
    }
}

/// The category of recipients a kind stands for, as art. 30(1)(d) asks.
pub fn recipient_kind(lang: Lang, kind: RecipientKind) -> String {
    tr!(lang, recipient_kind_text(kind))
}

/// [`recipient_kind`]'s text: it has no placeholders, so its words in a language are the record's
/// as they stand, lent to each recipient's entry.
pub fn recipient_kind_text(kind: RecipientKind) -> Text {
    match kind {
        RecipientKind::Tax => TAX,
        RecipientKind::Police => POLICE,
        RecipientKind::Emergency => EMERGENCY,
        RecipientKind::Authority => AUTHORITY,
        RecipientKind::Public => PUBLIC,
        RecipientKind::Organisation => ORGANISATION,
        RecipientKind::Person => PERSON,
        RecipientKind::AccessRequester => ACCESS_REQUESTER,
        RecipientKind::DataSubject => DATA_SUBJECT,
    }
}

/// A transfer mechanism with the provision it rests on.
pub fn mechanism(lang: Lang, m: &MechanismRef) -> String {
    let text = match m.mechanism {
        Mechanism::Adequacy => ADEQUACY,
        Mechanism::Dpf => DPF,
        Mechanism::Scc => SCC,
        Mechanism::Bcr => BCR,
        Mechanism::CodeOfConduct => CODE_OF_CONDUCT,
        Mechanism::Certification => CERTIFICATION,
        Mechanism::Derogation => {
            let letter = m.derogation.map(String::from).unwrap_or_default();
            return tr!(lang, DEROGATION, letter = letter);
        }
    };
    tr!(lang, text)
}

/// The mechanism that applies without being declared: an adequacy decision for the whole country.
pub fn implied_mechanism(lang: Lang, country: &CountryRef) -> Option<String> {
    let adequacy = countries().adequacy_of(country)?;
    let text = match country {
        CountryRef::Organisation(_) => ADEQUACY_ORGANISATION,
        _ => ADEQUACY_WHOLE_COUNTRY,
    };
    adequacy.covers_every_importer().then(|| tr!(lang, text))
}

/// When data is deleted: `5 years after the end of the journal period`.
pub fn period(lang: Lang, period: &Period) -> String {
    match period {
        Period::Archive => tr!(lang, ARCHIVE),
        Period::Until {
            event,
            then_archive,
        } => {
            let until = tr!(lang, UNTIL_EVENT, event = event);
            if *then_archive {
                tr!(lang, THEN_ARCHIVE, period = until)
            } else {
                until
            }
        }
        Period::Deadline {
            amount,
            unit,
            after,
            then_archive,
        } => {
            let unit = unit.word(*amount, lang);
            let deadline = match after {
                Some(event) => tr!(
                    lang,
                    AFTER_EVENT,
                    amount = amount,
                    unit = unit,
                    event = event
                ),
                None => tr!(lang, FROM_COLLECTION, amount = amount, unit = unit),
            };
            if *then_archive {
                tr!(lang, THEN_ARCHIVE, period = deadline)
            } else {
                deadline
            }
        }
    }
}

/// Where a party is: `DK`; a third country is said to be one, since art. 30(1)(d) and (e) ask for them.
pub fn country(lang: Lang, country: Option<&CountryRef>) -> String {
    match country {
        None => tr!(lang, COUNTRY_NOT_STATED),
        Some(CountryRef::OutsideEea) => tr!(lang, OUTSIDE_EEA),
        Some(CountryRef::Unknown) => tr!(lang, COUNTRY_UNKNOWN),
        Some(c @ CountryRef::Code(code)) if is_third_country(c) => {
            tr!(lang, THIRD_COUNTRY, country = code)
        }
        Some(CountryRef::Code(code)) => code.clone(),
        Some(CountryRef::Organisation(code)) => {
            let name = countries()
                .organisation(code)
                .map_or(code.as_str(), |o| o.name_in(lang));
            tr!(lang, INTERNATIONAL_ORGANISATION, name = name, code = code)
        }
    }
}

/// Outside the EU/EEA, named or not: a third country or an international organisation (art. 44).
pub fn is_third_country(country: &CountryRef) -> bool {
    use crate::law::countries::Zone;
    matches!(
        country.zone(),
        Zone::ThirdCountry | Zone::UnnamedThirdCountry | Zone::InternationalOrganisation
    )
}

/// A citation as a lawyer writes it in `lang`: `GDPR art. 6(1)(e)`, in Danish
/// `Databeskyttelsesforordningen art. 6, stk. 1, litra e`. Statutes cited in free text stay as written.
pub fn legal_ref(lang: Lang, r: &LegalRef) -> String {
    let written = r.to_string();
    match r {
        LegalRef::Provision { .. } => match written.split_once(' ') {
            Some((act, provision)) => citation::cite(lang, act, provision),
            None => written,
        },
        LegalRef::Law { .. } | LegalRef::Agreement { .. } => written,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A recipient's entry lends the kind's text as it stands: that is its wording only while the
    /// text has nothing `tr!` would fill or unescape.
    #[test]
    fn a_recipient_kind_is_its_text_as_it_stands() {
        for kind in [
            RecipientKind::Tax,
            RecipientKind::Police,
            RecipientKind::Emergency,
            RecipientKind::Authority,
            RecipientKind::Public,
            RecipientKind::Organisation,
            RecipientKind::Person,
            RecipientKind::AccessRequester,
            RecipientKind::DataSubject,
        ] {
            for lang in Lang::ALL {
                assert_eq!(
                    recipient_kind_text(kind).get(lang),
                    recipient_kind(lang, kind),
                    "{kind:?}"
                );
            }
        }
    }
}
