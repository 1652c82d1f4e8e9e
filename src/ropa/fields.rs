//! The record as the document formats lay it out: named fields with a heading in the reader's language
//! and their values in words, one line each. Markdown, CSV and HTML are written from this view, so the
//! three agree on which fields there are, in which order, and how a missing one reads.

use std::borrow::Cow;

use super::fill::fill;
use super::{ActivityRecord, ControllerRecord, Record, TransferEntry, words};
use crate::i18n::{Lang, Text};
use crate::law::countries::CountryRef;
use crate::texts;
use crate::tr;

texts! {
    /// The document's title.
    TITLE = (
        "Record of processing activities (GDPR art. 30(1))",
        "Fortegnelse over behandlingsaktiviteter (databeskyttelsesforordningens art. 30, stk. 1)",
    ),
    CONTROLLER_SECTION = ("Controller", "Dataansvarlig"),
    ACTIVITIES_SECTION = ("Processing activities", "Behandlingsaktiviteter"),
    /// What a field the spec does not give shows.
    NOT_STATED = ("not stated", "ikke angivet"),
    NO_TRANSFERS = (
        "none: no personal data reaches a party outside the EU/EEA",
        "ingen: ingen personoplysninger når en part uden for EU/EØS",
    ),
    NO_ACTIVITIES = (
        "The spec declares no processing activities.",
        "Specifikationen angiver ingen behandlingsaktiviteter.",
    ),

    CONTROLLER = ("Controller (art. 30(1)(a))", "Dataansvarlig (art. 30, stk. 1, litra a)"),
    ADDRESS = ("Address", "Adresse"),
    CONTACT = ("Contact details", "Kontaktoplysninger"),
    DPO = (
        "Data protection officer (art. 30(1)(a))",
        "Databeskyttelsesrådgiver (art. 30, stk. 1, litra a)",
    ),
    JOINT_CONTROLLERS = (
        "Joint controllers (art. 30(1)(a), art. 26)",
        "Fælles dataansvarlige (art. 30, stk. 1, litra a, og art. 26)",
    ),
    JOINT_CONTROLLER = ("{name}: {details}", "{name}: {details}"),
    JOINT_ARRANGEMENT = ("arrangement: {value}", "ordning: {value}"),
    JOINT_ANSWERS = (
        "who answers the data subjects: {value}",
        "hvem besvarer de registrerede: {value}",
    ),
    JOINT_ESSENCE = (
        "essence made available: {value}",
        "væsentligste indhold gjort tilgængeligt: {value}",
    ),
    JOINT_ACTIVITIES = ("joint controller of: {value}", "fælles dataansvarlig for: {value}"),
    ACTIVITY = ("Processing activity", "Behandlingsaktivitet"),
    NAME_IN_SPEC = ("Name in the spec", "Navn i specifikationen"),
    PURPOSES = (
        "Purposes of the processing (art. 30(1)(b))",
        "Formål med behandlingen (art. 30, stk. 1, litra b)",
    ),
    LEGAL_BASES = ("Legal basis", "Behandlingsgrundlag"),
    DATA_SUBJECTS = (
        "Categories of data subjects (art. 30(1)(c))",
        "Kategorier af registrerede (art. 30, stk. 1, litra c)",
    ),
    PERSONAL_DATA = (
        "Categories of personal data (art. 30(1)(c))",
        "Kategorier af personoplysninger (art. 30, stk. 1, litra c)",
    ),
    RECIPIENTS = (
        "Categories of recipients, including in third countries (art. 30(1)(d))",
        "Kategorier af modtagere, herunder i tredjelande (art. 30, stk. 1, litra d)",
    ),
    PROCESSORS = ("Processors and sub-processors", "Databehandlere og underdatabehandlere"),
    TRANSFERS = (
        "Transfers to third countries or international organisations, and safeguards (art. 30(1)(e))",
        "Overførsler til tredjelande eller internationale organisationer og fornødne garantier (art. 30, stk. 1, litra e)",
    ),
    RETENTION = (
        "Time limits for erasure (art. 30(1)(f))",
        "Tidsfrister for sletning (art. 30, stk. 1, litra f)",
    ),
    SECURITY = (
        "Technical and organisational security measures (art. 30(1)(g))",
        "Tekniske og organisatoriske sikkerhedsforanstaltninger (art. 30, stk. 1, litra g)",
    ),
    UNIT = ("Organisational unit", "Organisatorisk enhed"),
    COLLECTION = ("How often data is collected", "Hvor ofte oplysningerne indhentes"),
    KLE = ("KLE numbers", "KLE-numre"),
    DATA_BY_SUBJECTS = (
        "Categories of personal data by category of data subjects (art. 30(1)(c))",
        "Kategorier af personoplysninger pr. kategori af registrerede (art. 30, stk. 1, litra c)",
    ),
    /// `Børn: Helbredsoplysninger, CPR-nummer`.
    SUBJECT_DATA = ("{subjects}: {data}", "{subjects}: {data}"),
    /// A recipient of data about some groups only: `Politiet (police), receives Helbred about Børn;
    /// Navn about Forældre`.
    RECEIVES = ("{entry}, receives {what}", "{entry}, modtager {what}"),
    RECEIVES_ABOUT = ("{data} about {subjects}", "{data} om {subjects}"),

    DPO_NAME = ("name: {value}", "navn: {value}"),
    DPO_EMAIL = ("e-mail: {value}", "e-mailadresse: {value}"),
    DPO_PHONE = ("phone: {value}", "telefon: {value}"),
    DPO_ADDRESS = ("address: {value}", "adresse: {value}"),
    DPO_WEB = ("web: {value}", "hjemmeside: {value}"),
    LABELLED = ("{label} ({what})", "{label} ({what})"),
    LABELLED_IN = ("{label} ({what}; {country})", "{label} ({what}; {country})"),
    SUBPROCESSOR = (
        "{label} ({country}; sub-processor of {parent})",
        "{label} ({country}; underdatabehandler for {parent})",
    ),
    TRANSFER = ("{party} ({country}): {safeguards}", "{party} ({country}): {safeguards}"),
    NO_MECHANISM = ("no transfer mechanism stated", "intet overførselsgrundlag angivet"),
    /// A processor whose country the spec does not give: no transfer can be assessed, and none is
    /// said to be missing (LEGAL-REVIEW 4, item 8).
    COUNTRY_UNKNOWN = (
        "{party}: country not stated, cannot be assessed",
        "{party}: land ikke angivet; kan ikke vurderes",
    ),
    DISCLOSED_BY = ("{entry}, disclosed by {via}", "{entry}, videregives af {via}"),
    ALL_CATEGORIES = ("all categories: {period}", "alle kategorier: {period}"),
    SOME_CATEGORIES = ("{categories}: {period}", "{categories}: {period}"),
    /// A copy another holder keeps: `Resultater (copy kept by brugeren): until ...`.
    COPY = (
        "{categories} (copy kept by {holder}): {period}",
        "{categories} (kopi, som {holder} opbevarer): {period}",
    ),
}

/// One field of the record, its values borrowed from the entry it is made of: the document formats
/// write 100,000 activities' fields, and a copy of every value for each was a fifth of what
/// `hjemmel ropa --format md` took.
#[derive(Debug, Clone)]
pub struct Field<'a> {
    /// The stable key, as the JSON names it.
    pub key: &'static str,
    pub heading: Text,
    /// The values in words, one per line; `None` when the spec does not give the field. Borrowed
    /// where the entry holds the words already (texts of the spec, shared entries' lines), made
    /// where they are worded for this activity alone.
    pub values: Option<Vec<Cow<'a, str>>>,
}

impl<'a> Field<'a> {
    fn new(key: &'static str, heading: Text, values: Option<Vec<Cow<'a, str>>>) -> Field<'a> {
        Field {
            key,
            heading,
            values,
        }
    }

    /// The values, or "not stated", one line each.
    pub fn lines(&self, lang: Lang) -> Vec<String> {
        match &self.values {
            Some(values) => values.iter().map(|v| v.to_string()).collect(),
            None => vec![tr!(lang, NOT_STATED)],
        }
    }
}

/// Each text of a list, borrowed.
fn borrowed<S: AsRef<str>>(list: &Option<Vec<S>>) -> Option<Vec<Cow<'_, str>>> {
    list.as_ref()
        .map(|list| list.iter().map(|v| Cow::Borrowed(v.as_ref())).collect())
}

impl Record<'_> {
    /// Art. 30(1)(a): the controller's name and contact details, and the DPO's.
    pub fn controller_fields(&self) -> Vec<Field<'_>> {
        controller_fields(&self.controller, self.lang)
    }

    /// The fields of each activity, in the order of art. 30(1).
    pub fn activity_fields<'a>(&self, activity: &'a ActivityRecord<'_>) -> Vec<Field<'a>> {
        activity_fields(activity, self.lang)
    }
}

fn one(value: &Option<String>) -> Option<Vec<Cow<'_, str>>> {
    value.as_ref().map(|v| vec![Cow::Borrowed(v.as_str())])
}

/// [`Record::controller_fields`] of a controller's entry, worded in `lang`.
pub fn controller_fields(c: &ControllerRecord, lang: Lang) -> Vec<Field<'_>> {
    let dpo = c.dpo.as_ref().map(|d| {
        [
            (DPO_NAME, &d.name),
            (DPO_EMAIL, &d.email),
            (DPO_PHONE, &d.phone),
            (DPO_ADDRESS, &d.address),
            (DPO_WEB, &d.web),
        ]
        .into_iter()
        .filter_map(|(text, value)| {
            value
                .as_ref()
                .map(|v| Cow::Owned(tr!(lang, text, value = v)))
        })
        .collect::<Vec<_>>()
    });
    let mut fields = vec![
        Field::new(
            "name",
            CONTROLLER,
            Some(vec![Cow::Borrowed(c.name.as_str())]),
        ),
        Field::new("address", ADDRESS, one(&c.address)),
        Field::new("contact", CONTACT, one(&c.contact)),
        Field::new("dpo", DPO, dpo.filter(|lines| !lines.is_empty())),
    ];
    // "Where applicable": only a spec with joint controllers has the field.
    if !c.joint_controllers.is_empty() {
        let lines = c
            .joint_controllers
            .iter()
            .map(|j| {
                let mut details: Vec<String> = Vec::new();
                details.extend(j.address.clone());
                details.extend(j.contact.clone());
                if j.country.is_some() {
                    details.push(country(lang, j.country.as_ref()));
                }
                for (text, value) in [
                    (JOINT_ARRANGEMENT, &j.arrangement),
                    (JOINT_ANSWERS, &j.answers),
                    (JOINT_ESSENCE, &j.essence),
                ] {
                    let value = value.clone().unwrap_or_else(|| tr!(lang, NOT_STATED));
                    details.push(tr!(lang, text, value = value));
                }
                details.push(tr!(lang, JOINT_ACTIVITIES, value = j.activities.join(", ")));
                Cow::Owned(tr!(
                    lang,
                    JOINT_CONTROLLER,
                    name = j.name,
                    details = details.join("; ")
                ))
            })
            .collect();
        fields.push(Field::new(
            "joint_controllers",
            JOINT_CONTROLLERS,
            Some(lines),
        ));
    }
    fields
}

/// [`Record::activity_fields`] of an activity's entry, worded in `lang`.
pub fn activity_fields<'a>(a: &'a ActivityRecord<'_>, lang: Lang) -> Vec<Field<'a>> {
    let personal_data = a.personal_data.as_ref().map(|data| {
        data.iter()
            .map(|d| {
                d.line(lang, |d| {
                    fill(
                        lang,
                        LABELLED,
                        &[("label", &d.label), ("what", &d.description)],
                    )
                })
            })
            .collect()
    });
    let recipients = a.recipients.as_ref().map(|recipients| {
        recipients
            .iter()
            .map(|r| {
                let entry = match &r.country {
                    Some(code) => fill(
                        lang,
                        LABELLED_IN,
                        &[
                            ("label", r.label),
                            ("what", r.description),
                            ("country", &country(lang, Some(code))),
                        ],
                    ),
                    None => fill(
                        lang,
                        LABELLED,
                        &[("label", r.label), ("what", r.description)],
                    ),
                };
                let entry = if r.receives.is_empty() {
                    entry
                } else {
                    let what: Vec<String> = r
                        .receives
                        .iter()
                        .map(|g| {
                            fill(
                                lang,
                                RECEIVES_ABOUT,
                                &[("data", &g.data.join(", ")), ("subjects", g.subjects)],
                            )
                        })
                        .collect();
                    fill(
                        lang,
                        RECEIVES,
                        &[("entry", &entry), ("what", &what.join("; "))],
                    )
                };
                Cow::Owned(if r.via.is_empty() {
                    entry
                } else {
                    fill(
                        lang,
                        DISCLOSED_BY,
                        &[("entry", &entry), ("via", &r.via.join(", "))],
                    )
                })
            })
            .collect()
    });
    let processors = a.processors.as_ref().map(|processors| {
        processors
            .iter()
            .map(|p| {
                p.line(lang, |p| {
                    let place = country(lang, p.country.as_ref());
                    match &p.subprocessor_of {
                        Some(parent) => fill(
                            lang,
                            SUBPROCESSOR,
                            &[("label", &p.label), ("country", &place), ("parent", parent)],
                        ),
                        None => fill(lang, LABELLED, &[("label", &p.label), ("what", &place)]),
                    }
                })
            })
            .collect()
    });
    let transfers = if a.transfers.is_empty() {
        vec![Cow::Owned(tr!(lang, NO_TRANSFERS))]
    } else {
        a.transfers
            .iter()
            .map(|t| t.line(lang, |t| transfer(lang, t)))
            .collect()
    };
    let retention = a.retention.as_ref().map(|groups| {
        groups
            .iter()
            .map(|g| {
                let not_stated;
                let period = match &g.period {
                    Some(period) => period.as_str(),
                    None => {
                        not_stated = tr!(lang, NOT_STATED);
                        &not_stated
                    }
                };
                Cow::Owned(if let Some(holder) = &g.holder {
                    fill(
                        lang,
                        COPY,
                        &[
                            ("categories", &g.categories.join(", ")),
                            ("holder", holder),
                            ("period", period),
                        ],
                    )
                } else if g.all {
                    fill(lang, ALL_CATEGORIES, &[("period", period)])
                } else {
                    fill(
                        lang,
                        SOME_CATEGORIES,
                        &[("categories", &g.categories.join(", ")), ("period", period)],
                    )
                })
            })
            .collect()
    });
    // Fields only some specs need: in every activity's entry of such a spec, in none of another's.
    let mut fields = Vec::new();
    if a.shows.unit {
        let unit = a.unit.map(|unit| vec![Cow::Borrowed(unit)]);
        fields.push(Field::new("unit", UNIT, unit));
    }
    if a.shows.kle {
        let numbers =
            (!a.kle.is_empty()).then(|| a.kle.iter().map(|k| Cow::Borrowed(k.as_str())).collect());
        fields.push(Field::new("kle", KLE, numbers));
    }
    fields.extend([
        Field::new("purposes", PURPOSES, borrowed(&a.purposes)),
        Field::new("legal_bases", LEGAL_BASES, borrowed(&a.legal_bases)),
        Field::new("data_subjects", DATA_SUBJECTS, borrowed(&a.data_subjects)),
        Field::new("personal_data", PERSONAL_DATA, personal_data),
    ]);
    if a.shows.data_by_subjects {
        let groups = (!a.data_by_subjects.is_empty()).then(|| {
            a.data_by_subjects
                .iter()
                .map(|g| {
                    Cow::Owned(fill(
                        lang,
                        SUBJECT_DATA,
                        &[("subjects", g.subjects), ("data", &g.data.join(", "))],
                    ))
                })
                .collect()
        });
        fields.push(Field::new("data_by_subjects", DATA_BY_SUBJECTS, groups));
    }
    fields.extend([
        Field::new("recipients", RECIPIENTS, recipients),
        Field::new("processors", PROCESSORS, processors),
        Field::new("transfers", TRANSFERS, Some(transfers)),
        Field::new("retention", RETENTION, retention),
        Field::new("security", SECURITY, borrowed(&a.security)),
    ]);
    if a.shows.collection {
        fields.push(Field::new(
            "collection",
            COLLECTION,
            borrowed(&a.collection),
        ));
    }
    fields
}

/// `Support Ltd. (IN, third country): standard contractual clauses (art. 46(2)(c)); transfer impact
/// assessment: ...`.
fn transfer(lang: Lang, t: &TransferEntry) -> String {
    if t.country.is_none() && t.mechanisms.is_none() && t.documentation.is_empty() {
        return tr!(lang, COUNTRY_UNKNOWN, party = t.party);
    }
    let mut safeguards = t
        .mechanisms
        .clone()
        .unwrap_or_else(|| vec![tr!(lang, NO_MECHANISM)]);
    safeguards.extend(t.documentation.iter().cloned());
    tr!(
        lang,
        TRANSFER,
        party = t.party,
        country = country(lang, t.country.as_ref()),
        safeguards = safeguards.join("; ")
    )
}

fn country(lang: Lang, country: Option<&CountryRef>) -> String {
    words::country(lang, country)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The values an activity's entry holds already, or its shared entries have worded, are lent to
    /// the field, not copied: one copy of each for 100,000 activities was what the formats paid.
    #[test]
    fn fields_lend_what_the_entry_holds() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("specs/lejre");
        for lang in Lang::ALL {
            let outcome = crate::check_spec(&path, lang);
            let checked = outcome.result.as_ref().expect("specs/lejre is understood");
            let record = Record::build(&checked.model, &checked.flow, lang);
            let mut lent = 0;
            for activity in &record.activities {
                for field in record.activity_fields(activity) {
                    let held = [
                        "purposes",
                        "legal_bases",
                        "data_subjects",
                        "personal_data",
                        "processors",
                        "security",
                    ];
                    if !held.contains(&field.key) {
                        continue;
                    }
                    for value in field.values.iter().flatten() {
                        assert!(
                            matches!(value, Cow::Borrowed(_)),
                            "{} of {}: {value:?} copied",
                            field.key,
                            activity.name
                        );
                        lent += 1;
                    }
                }
            }
            assert!(lent > 200, "only {lent} values lent");
        }
    }
}
