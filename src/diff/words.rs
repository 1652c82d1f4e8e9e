//! The words of `hjemmel diff` for people, in English and Danish, shared by the human and Markdown
//! renderers: headings, labels, and the way a place, a deadline, a party or a count is written.

use std::borrow::Cow;

use super::findings::FindingCounts;
use super::flows::{FlowPair, PartyKind, Place};
use crate::diagnostic::{Diagnostic, Severity};
use crate::i18n::Lang;
use crate::law::citation::LegalRef;
use crate::law::vocabulary::DataClass;
use crate::report::Counts;
use crate::report::location::Location;
use crate::semantic::model::Period;
use crate::source::SourceMap;
use crate::texts;
use crate::tr;

texts! {
    /// The first line: what is compared with what.
    COMPARING = ("Comparing {old} with {new}", "Sammenligner {old} med {new}"),
    /// The old version, taken from a git revision.
    AT_REVISION = ("{path} at {revision}", "{path} i {revision}"),
    /// The spec is new since the revision.
    ABSENT = (
        "{path} did not exist at {revision}: everything in it is new",
        "{path} fandtes ikke i {revision}: alt i den er nyt",
    ),
    /// The change changes nothing a reviewer would see.
    NO_CHANGES = (
        "No change to data flows, activities, legal bases, deletion deadlines, data categories, processors, recipients, transfers or findings.",
        "Ingen ændringer i dataflow, behandlingsaktiviteter, behandlingsgrundlag, slettefrister, kategorier af personoplysninger, databehandlere, modtagere, overførsler eller fund.",
    ),
    FINDINGS = ("Findings", "Fund"),
    INTRODUCED = ("introduced", "nye"),
    FIXED = ("fixed", "rettede"),
    WAIVED = ("turned off", "slået fra"),
    UNCHANGED = ("unchanged", "uændrede"),
    FINDINGS_INTRODUCED = ("Findings introduced", "Nye fund"),
    FINDINGS_FIXED = ("Findings fixed", "Rettede fund"),
    FINDINGS_WAIVED = ("Findings turned off", "Fund slået fra"),
    /// Why a finding was turned off: a waiver in the spec or the settings file.
    REASON = ("reason", "begrundelse"),
    FLOWS = ("Data flows", "Dataflow"),
    ACTIVITIES = ("Processing activities", "Behandlingsaktiviteter"),
    BASES = ("Legal bases", "Behandlingsgrundlag"),
    RETENTION = ("Deletion deadlines", "Slettefrister"),
    DATA = ("Data categories", "Kategorier af personoplysninger"),
    PROCESSORS = ("Processors", "Databehandlere"),
    RECIPIENTS = ("Recipients", "Modtagere"),
    TRANSFERS = ("Countries and transfer mechanisms", "Lande og overførselsgrundlag"),
    /// The sentences of the privacy notice (`hjemmel notice`) the change alters.
    NOTICE = ("The privacy notice", "Privatlivserklæringen"),
    /// Where in the notice a sentence stands: its headings.
    NOTICE_SECTION = ("section", "afsnit"),
    /// The title of the notice and the lines under it, which stand under no heading.
    NOTICE_TOP = ("title", "titel"),
    /// The statement of the new spec a sentence is written from.
    NOTICE_FROM = ("in the spec", "i specifikationen"),
    /// A rule's finding in Danish is a `mangel` or `bør vurderes`, as `hjemmel check` says it
    /// (report::human::text, docs/cli.md); "fejl" would read as a spec error.
    ONE_ERROR = ("1 error", "1 mangel"),
    ERRORS = ("{n} errors", "{n} mangler"),
    ONE_WARNING = ("1 warning", "1 til vurdering"),
    WARNINGS = ("{n} warnings", "{n} til vurdering"),
    ERROR = ("error", "mangel"),
    WARNING = ("warning", "bør vurderes"),
    PROCESSOR = ("processor", "databehandler"),
    SUBPROCESSOR = ("sub-processor", "underdatabehandler"),
    RECIPIENT = ("recipient", "modtager"),
    SUBPROCESSOR_OF = ("sub-processor of {parent}", "underdatabehandler for {parent}"),
    THIRD_COUNTRY = ("third country", "tredjeland"),
    MAYBE_THIRD_COUNTRY = ("may be a third country", "kan være et tredjeland"),
    /// `international organisation EPO`: a transfer under Chapter V as to a third country (art. 44),
    /// but not a country.
    INTERNATIONAL_ORGANISATION = ("international organisation", "international organisation"),
    OUTSIDE_EEA = ("outside the EU/EEA", "uden for EU/EØS"),
    COUNTRY_UNKNOWN = ("country unknown", "land ukendt"),
    COUNTRY_NOT_STATED = ("country not stated", "land ikke angivet"),
    SPECIAL = ("special category (art. 9)", "særlig kategori (art. 9)"),
    CRIMINAL = ("criminal offences (art. 10)", "strafbare forhold (art. 10)"),
    COUNTRY = ("country", "land"),
    MECHANISMS = ("transfer mechanisms", "overførselsgrundlag"),
    NO_MECHANISM = ("none", "intet"),
    NO_DEADLINE = ("no deletion deadline", "ingen slettefrist"),
    ARCHIVE = (
        "handed to the public archive, then deleted",
        "afleveres til offentligt arkiv og slettes derefter",
    ),
    AFTER = ("{period} after {event}", "{period} efter {event}"),
    UNTIL = ("until {event}", "indtil {event}"),
    THEN_ARCHIVE = ("{period}, then handed to the public archive", "{period}, derefter aflevering til offentligt arkiv"),
    // Column headings of the Markdown tables.
    SEVERITY = ("severity", "alvorlighed"),
    CODE = ("code", "kode"),
    FINDING = ("finding", "fund"),
    WHERE = ("where", "hvor"),
    DATA_CATEGORY = ("data", "oplysninger"),
    TO = ("to", "til"),
    ACTIVITY = ("activity", "aktivitet"),
    ADDED = ("added", "tilføjet"),
    REMOVED = ("removed", "fjernet"),
    BEFORE = ("before", "før"),
    AFTER_CHANGE = ("after", "efter"),
    NAME = ("name", "navn"),
    DESCRIPTION = ("description", "beskrivelse"),
    CLASS = ("class", "klasse"),
    PARTY = ("party", "part"),
    KIND = ("kind", "art"),
    /// Data categories whose class changed.
    RECLASSIFIED = ("class changed", "klasse ændret"),
    /// `hjemmel diff` given one path without `--base`, or two with it.
    PATH_COUNT = (
        "give two specs, OLD and NEW, or one spec with `--base REV`",
        "angiv to specifikationer, GAMMEL og NY, eller én specifikation med `--base REV`",
    ),
    /// Before an error of `--base` on standard error: `error: ...`.
    ERROR_LABEL = ("error", "fejl"),
    /// Before the hint that follows it: `help: ...`.
    HELP_LABEL = ("help", "hjælp"),
    /// The spec could not be compared (Markdown heading above the spec errors).
    NOT_COMPARED = (
        "Not compared: a spec could not be understood.",
        "Ikke sammenlignet: en specifikation kunne ikke forstås.",
    ),
}

/// The marker of an added line; removed lines get [`REMOVED_MARK`].
pub const ADDED_MARK: &str = "+";
/// A minus sign, which reads better than a hyphen next to `+`.
pub const REMOVED_MARK: &str = "−";

/// What was added and what was removed as one list, each item after its mark (`+ a, − b`), shown
/// by `show` (each output escapes in its own way).
pub fn marked_list<T>(delta: &super::Delta<T>, show: impl Fn(&T) -> String) -> String {
    let added = delta
        .added
        .iter()
        .map(|x| format!("{ADDED_MARK} {}", show(x)));
    let removed = delta
        .removed
        .iter()
        .map(|x| format!("{REMOVED_MARK} {}", show(x)));
    added.chain(removed).collect::<Vec<_>>().join(", ")
}

/// `specs/x` or `specs/x at HEAD`, in backticks.
pub fn old_spec(lang: Lang, path: &str, revision: Option<&str>) -> String {
    match revision {
        Some(revision) => tr!(
            lang,
            AT_REVISION,
            path = code(path),
            revision = code(revision)
        ),
        None => code(path),
    }
}

/// Inline code: `` `x` ``.
pub fn code(text: &str) -> String {
    format!("`{text}`")
}

pub fn severity(lang: Lang, severity: Severity) -> &'static str {
    match severity {
        Severity::Error => ERROR.get(lang),
        Severity::Warning => WARNING.get(lang),
    }
}

/// `1 error, 2 warnings`.
pub fn counts(lang: Lang, counts: Counts) -> String {
    let errors = match counts.errors {
        1 => tr!(lang, ONE_ERROR),
        n => tr!(lang, ERRORS, n = n),
    };
    let warnings = match counts.warnings {
        1 => tr!(lang, ONE_WARNING),
        n => tr!(lang, WARNINGS, n = n),
    };
    format!("{errors}, {warnings}")
}

/// `introduced: 1 (1 error, 0 warnings), fixed: 0, unchanged: 3 (2 errors, 1 warning)`; turned off
/// only when there are such findings.
pub fn finding_counts(lang: Lang, c: FindingCounts) -> String {
    let part = |label: &crate::i18n::Text, n: Counts| {
        let total = n.errors + n.warnings;
        if total == 0 {
            format!("{}: 0", label.get(lang))
        } else {
            format!("{}: {total} ({})", label.get(lang), counts(lang, n))
        }
    };
    let mut parts = vec![part(&INTRODUCED, c.introduced), part(&FIXED, c.fixed)];
    if c.waived.errors + c.waived.warnings > 0 {
        parts.push(part(&WAIVED, c.waived));
    }
    parts.push(part(&UNCHANGED, c.unchanged));
    parts.join(", ")
}

/// `DK`, `outside the EU/EEA`, `country unknown`, `country not stated`.
pub fn place(lang: Lang, place: Option<&Place>) -> String {
    place_words(lang, place).into_owned()
}

/// [`place`], borrowed where it is a fixed word or the spec's code: it is written for every flow.
pub fn place_words<'p>(lang: Lang, place: Option<&'p Place>) -> Cow<'p, str> {
    // The fixed words have no placeholders: `get` is what `tr!` would fill.
    match place {
        Some(Place::Country(code)) => Cow::Borrowed(code),
        Some(Place::OutsideEea) => Cow::Borrowed(OUTSIDE_EEA.get(lang)),
        Some(Place::Unknown) => Cow::Borrowed(COUNTRY_UNKNOWN.get(lang)),
        Some(Place::Organisation(code)) => {
            Cow::Owned(crate::law::countries::CountryRef::Organisation(code.clone()).label(lang))
        }
        None => Cow::Borrowed(COUNTRY_NOT_STATED.get(lang)),
    }
}

/// The word for a kind of party: `processor`, `sub-processor`, `recipient`.
pub fn party_kind(lang: Lang, kind: PartyKind) -> &'static str {
    match kind {
        PartyKind::Processor => PROCESSOR.get(lang),
        PartyKind::Subprocessor => SUBPROCESSOR.get(lang),
        PartyKind::Recipient => RECIPIENT.get(lang),
    }
}

/// The party of a flow: `` sub-processor `helpdesk` (platform → hosting → helpdesk) ``.
pub fn party(lang: Lang, pair: &FlowPair) -> String {
    let mut text = String::new();
    party_into(&mut text, lang, pair);
    text
}

/// [`party`], written at the end of `text`.
pub fn party_into(text: &mut String, lang: Lang, pair: &FlowPair) {
    text.push_str(party_kind(lang, pair.kind));
    text.push_str(" `");
    text.push_str(pair.party);
    text.push('`');
    if pair.chain.len() > 1 {
        text.push_str(" (");
        for (i, hop) in pair.chain.iter().enumerate() {
            if i > 0 {
                text.push_str(" → ");
            }
            text.push_str(hop);
        }
        text.push(')');
    }
}

/// What to flag about a flow: a third country (or a place not known), special-category or
/// criminal-offence data.
pub fn flow_marks(lang: Lang, pair: &FlowPair) -> Vec<String> {
    flow_mark_words(lang, pair)
        .into_iter()
        .flatten()
        .map(str::to_string)
        .collect()
}

/// [`flow_marks`] without a string made: the place's mark, then the class's (fixed words, with
/// no placeholders, so `get` is what `tr!` would fill).
pub fn flow_mark_words(lang: Lang, pair: &FlowPair) -> [Option<&'static str>; 2] {
    let place = match pair.place {
        Some(Place::Unknown) => Some(MAYBE_THIRD_COUNTRY.get(lang)),
        Some(Place::Organisation(_)) => Some(INTERNATIONAL_ORGANISATION.get(lang)),
        _ if pair.third_country() => Some(THIRD_COUNTRY.get(lang)),
        _ => None,
    };
    let class = match pair.class {
        DataClass::Special => Some(SPECIAL.get(lang)),
        DataClass::Criminal => Some(CRIMINAL.get(lang)),
        _ => None,
    };
    [place, class]
}

/// `special category (art. 9)` or `criminal offences (art. 10)`; nothing for other classes.
pub fn class_mark(lang: Lang, class: DataClass) -> Option<String> {
    match class {
        DataClass::Special => Some(tr!(lang, SPECIAL)),
        DataClass::Criminal => Some(tr!(lang, CRIMINAL)),
        _ => None,
    }
}

/// A data class as the spec writes it: `ordinary`, `special(health)`.
pub fn class(class: DataClass, special: &[crate::law::vocabulary::SpecialKind]) -> String {
    if special.is_empty() {
        class.keyword().to_string()
    } else {
        let kinds: Vec<&str> = special.iter().map(|k| k.keyword()).collect();
        format!("{}({})", class.keyword(), kinds.join(", "))
    }
}

/// A deletion deadline in words: `5 years after end of the financial year`, `no deletion deadline`.
pub fn period(lang: Lang, period: Option<&Period>) -> String {
    match period {
        None => tr!(lang, NO_DEADLINE),
        Some(Period::Archive) => tr!(lang, ARCHIVE),
        Some(Period::Until {
            event,
            then_archive,
        }) => {
            let text = tr!(lang, UNTIL, event = format!("\"{event}\""));
            if *then_archive {
                tr!(lang, THEN_ARCHIVE, period = text)
            } else {
                text
            }
        }
        Some(Period::Deadline {
            amount,
            unit,
            after,
            then_archive,
        }) => {
            let mut text = format!("{amount} {}", unit.word(*amount, lang));
            if let Some(event) = after {
                text = tr!(lang, AFTER, period = text, event = format!("\"{event}\""));
            }
            if *then_archive {
                text = tr!(lang, THEN_ARCHIVE, period = text);
            }
            text
        }
    }
}

/// A citation as a lawyer writing in `lang` cites it: `GDPR art. 6(1)(e)`, in Danish
/// `Databeskyttelsesforordningen art. 6, stk. 1, litra e`.
pub fn citation(lang: Lang, citation: &LegalRef) -> String {
    let written = citation.to_string();
    match citation {
        LegalRef::Provision { act, .. } => {
            let short = &act.act().header.short;
            match written.strip_prefix(short.as_str()) {
                Some(rest) => crate::i18n::citation::cite(lang, short, rest.trim_start()),
                None => written,
            }
        }
        LegalRef::Law { .. } | LegalRef::Agreement { .. } => written,
    }
}

/// Where a finding is: `specs/x.hjemmel:32:18`, or nothing when it has no place in a file.
pub fn location(sources: &SourceMap, finding: &Diagnostic) -> Option<String> {
    span_location(sources, finding.primary.as_ref()?.span)
}

/// `file:line:column` of a span of the spec; `None` for one the compiler made.
pub fn span_location(sources: &SourceMap, span: crate::syntax::span::Span) -> Option<String> {
    let at = Location::of(sources, span)?;
    Some(format!("{}:{}:{}", at.file, at.line, at.column))
}

/// Where a sentence stands in the notice: its headings, `Citizens › School › Enrolment`.
pub fn notice_section(lang: Lang, section: &[String]) -> String {
    match section {
        [] => NOTICE_TOP.get(lang).to_string(),
        headings => headings.join(" › "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::law::vocabulary::TimeUnit;

    fn to(place: Option<&Place>, class: DataClass) -> FlowPair<'_> {
        FlowPair {
            data: "d",
            class,
            party: "p",
            kind: PartyKind::Processor,
            place,
            chain: &[],
            leaves_eea: place.is_some_and(Place::outside_eea),
        }
    }

    #[test]
    fn flows_are_flagged_by_place_and_class() {
        let marks = |place: Option<Place>, class| flow_marks(Lang::En, &to(place.as_ref(), class));
        let country = |code: &str| Some(Place::Country(code.to_string()));
        assert!(marks(country("DE"), DataClass::Ordinary).is_empty());
        assert!(marks(None, DataClass::Cpr).is_empty());
        assert_eq!(marks(country("US"), DataClass::Ordinary), ["third country"]);
        assert_eq!(
            marks(Some(Place::OutsideEea), DataClass::Special),
            ["third country", "special category (art. 9)"]
        );
        assert_eq!(
            marks(Some(Place::Unknown), DataClass::Criminal),
            ["may be a third country", "criminal offences (art. 10)"]
        );
        // An international organisation is not a country, though Chapter V treats it as one.
        let epo = || Some(Place::Organisation("EPO".to_string()));
        assert_eq!(
            marks(epo(), DataClass::Ordinary),
            ["international organisation"]
        );
        assert_eq!(
            flow_marks(Lang::Da, &to(epo().as_ref(), DataClass::Special)),
            ["international organisation", "særlig kategori (art. 9)"]
        );
    }

    #[test]
    fn deadlines_in_both_languages() {
        let period = Period::Deadline {
            amount: 5,
            unit: TimeUnit::Years,
            after: Some("sagens afslutning".into()),
            then_archive: true,
        };
        assert_eq!(
            super::period(Lang::En, Some(&period)),
            "5 years after \"sagens afslutning\", then handed to the public archive"
        );
        assert_eq!(
            super::period(Lang::Da, Some(&period)),
            "5 år efter \"sagens afslutning\", derefter aflevering til offentligt arkiv"
        );
        assert_eq!(super::period(Lang::Da, None), "ingen slettefrist");
    }
}
