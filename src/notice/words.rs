//! The words of the notice in Danish and English: short sentences in everyday words, the way a
//! municipality writes to a citizen ("Vi behandler ...", "Du har ret til ..."). Spec text is put
//! into them as written.

use crate::i18n::Lang;
use crate::i18n::citation;
use crate::law::citation::LegalRef;
use crate::law::vocabulary::ReviewMode;
use crate::tr;

crate::texts! {
    /// The title when the spec's `document` gives none.
    TITLE = ("How we process your personal data", "Sådan behandler vi dine personoplysninger"),
    VERSION = ("Version {version}", "Version {version}"),
    DATED = ("In force from {date}", "Gældende fra {date}"),
    WEB = ("Also published at {web}", "Findes også på {web}"),
    CONTROLLER_HEADING = ("Who is responsible for your data", "Hvem er ansvarlig for dine oplysninger"),
    CONTROLLER = (
        "{controller} is the controller of your personal data.",
        "{controller} er dataansvarlig for dine personoplysninger."
    ),
    CONTACT = ("You can contact us:", "Du kan kontakte os:"),
    DPO = (
        "You can contact our data protection officer:",
        "Du kan kontakte vores databeskyttelsesrådgiver:"
    ),
    PHONE = ("Phone: {phone}", "Telefon: {phone}"),
    EMAIL = ("Email: {email}", "E-mail: {email}"),
    /// An audience's section: citizens and their children.
    CITIZENS = ("For citizens", "Til borgere"),
    EMPLOYEES = ("For employees", "Til medarbejdere"),
    OTHERS = ("For others", "Til andre"),
    FOR_GROUP = ("For: {group}", "Til: {group}"),
    AUDIENCE_GROUPS = ("This part is for:", "Denne del handler om:"),
    NO_ACTIVITIES = (
        "The spec names no processing of data about this group.",
        "Specifikationen nævner ingen behandling af oplysninger om denne gruppe."
    ),
    PURPOSES = ("We use the data for:", "Vi bruger oplysningerne til:"),
    CONTROL_MEASURE = (
        "This is a control measure towards employees:",
        "Det er en kontrolforanstaltning over for medarbejderne:"
    ),
    BASES = ("The law that allows us to process the data:", "Vi har lov til at behandle oplysningerne efter disse regler:"),
    CASE_BASES = ("In some cases we also rely on:", "I nogle tilfælde bruger vi også:"),
    CASE_BASES_WHICH = (
        "In some cases ({cases}) we also rely on:",
        "I nogle tilfælde ({cases}) bruger vi også:"
    ),
    DATA = ("We process these data about you:", "Vi behandler disse oplysninger om dig:"),
    SOURCES = ("We get the data from:", "Vi får oplysningerne fra:"),
    FROM_ACTIVITY = ("our own work: {activity}", "vores eget arbejde: {activity}"),
    NOT_TOLD_BY_LAW = (
        "We do not tell you when we get data about you from others.",
        "Vi giver dig ikke besked, når vi får oplysninger om dig fra andre."
    ),
    NOT_TOLD = (
        "We do not tell you when we get data about you from others. The law that allows this: {basis}.",
        "Vi giver dig ikke besked, når vi får oplysninger om dig fra andre. Det følger af {basis}."
    ),
    RECIPIENTS = ("We may pass the data on to:", "Vi kan give oplysningerne videre til:"),
    RECIPIENT_DATA = ("{recipient}: {data}", "{recipient}: {data}"),
    RECIPIENT_WHEN = ("{recipient}: {data} ({when})", "{recipient}: {data} ({when})"),
    PROCESSORS = (
        "Data processors handle the data for us:",
        "Databehandlere behandler oplysningerne for os:"
    ),
    SUBPROCESSOR = ("{name} (sub-processor for {parent})", "{name} (underdatabehandler for {parent})"),
    TRANSFER = ("{party} handles the data {place}.", "{party} behandler oplysningerne {place}."),
    TRANSFER_SAFEGUARD = (
        "{party} handles the data {place}. The transfer rests on: {safeguard}.",
        "{party} behandler oplysningerne {place}. Overførslen sker på grundlag af: {safeguard}."
    ),
    IN_THIRD_COUNTRY = ("in {country}, outside the EU and the EEA", "i {country}, uden for EU og EØS"),
    OUTSIDE_EEA = ("outside the EU and the EEA", "uden for EU og EØS"),
    UNKNOWN_COUNTRY = ("a country we do not know", "et land, vi ikke kender"),
    ALL_DATA = ("Your data", "Oplysningerne"),
    KEEP_FOR = ("{data}: kept for {amount} {unit}.", "{data} gemmer vi i {amount} {unit}."),
    KEEP_FOR_AFTER = (
        "{data}: kept for {amount} {unit} after {event}.",
        "{data} gemmer vi i {amount} {unit} efter {event}."
    ),
    KEEP_UNTIL = ("{data}: kept until {event}.", "{data} gemmer vi, indtil {event}."),
    COPY_KEPT = (
        "{data}: a copy is also kept by {holder}.",
        "{data}: en kopi gemmes også hos {holder}."
    ),
    COPY_KEPT_FOR = (
        "{data}: a copy is also kept by {holder}, for {amount} {unit}.",
        "{data}: en kopi gemmes også hos {holder} i {amount} {unit}."
    ),
    COPY_KEPT_FOR_AFTER = (
        "{data}: a copy is also kept by {holder}, for {amount} {unit} after {event}.",
        "{data}: en kopi gemmes også hos {holder} i {amount} {unit} efter {event}."
    ),
    COPY_KEPT_UNTIL = (
        "{data}: a copy is also kept by {holder} until {event}.",
        "{data}: en kopi gemmes også hos {holder}, indtil {event}."
    ),
    THEN_ARCHIVE = (
        "Then we hand them to the public archive.",
        "Derefter afleverer vi dem til offentligt arkiv."
    ),
    ARCHIVE = (
        "{data}: handed to the public archive (arkivloven), then deleted here.",
        "{data} afleverer vi til offentligt arkiv (arkivloven) og sletter dem derefter hos os."
    ),
    REVIEW = ("The processing may be done:", "Behandlingen kan ske:"),
    MANUAL = ("by a person", "af en medarbejder"),
    AUTOMATED = ("automatically", "automatisk"),
    AI = ("with artificial intelligence", "med kunstig intelligens"),
    LOGIC = ("How it works: {logic}", "Sådan virker det: {logic}"),
    RIGHTS_HEADING = ("Your rights", "Dine rettigheder"),
    RIGHTS_ALSO = ("Here you also have these rights:", "Her har du også disse rettigheder:"),
    WITHDRAW_HOW = ("How to withdraw your consent: {how}", "Sådan trækker du dit samtykke tilbage: {how}"),
    EXCEPTION_BARE = ("An exception applies under {law}.", "Der gælder en undtagelse efter {law}."),
    /// A restriction the law data has no sentence for, in the spec's own words, with the law cited.
    EXCEPTION = ("An exception applies under {law}: {reason}", "Der gælder en undtagelse efter {law}: {reason}"),
    ERASURE_REFUSED = ("We cannot delete the data: {reason}", "Vi kan ikke slette oplysningerne: {reason}"),
    ERASURE_REFUSED_UNDER = (
        "We cannot delete the data: {reason} ({law})",
        "Vi kan ikke slette oplysningerne: {reason} ({law})"
    ),
    /// `providing required by law|required by contract|voluntary "..."` (art. 13(2)(e)).
    PROVIDING_LAW = (
        "You must give us the data, because the law requires it.",
        "Du har pligt til at give os oplysningerne, fordi loven kræver det."
    ),
    PROVIDING_CONTRACT = (
        "You must give us the data, because a contract with you requires it.",
        "Du har pligt til at give os oplysningerne, fordi en aftale med dig kræver det."
    ),
    PROVIDING_VOLUNTARY = (
        "You decide yourself whether to give us the data.",
        "Du bestemmer selv, om du vil give os oplysningerne."
    ),
    /// `interests "..."` (art. 13(1)(d), 14(2)(b)).
    INTERESTS = (
        "We process the data because we have a legitimate interest in it: {interests}",
        "Vi behandler oplysningerne, fordi vi har en legitim interesse i det: {interests}"
    ),
    /// `safeguards copy "..."` (art. 13(1)(f), 14(1)(f)).
    SAFEGUARDS_COPY = (
        "How to get a copy of the safeguards: {how}",
        "Sådan får du en kopi af grundlaget for overførslen: {how}"
    ),
    /// Said once, since the rights' sentences cite "(art. 15)".
    ART_MEANS = (
        "\"Art.\" means an article of the General Data Protection Regulation (GDPR).",
        "\"Art.\" betyder en artikel i databeskyttelsesforordningen."
    ),
    COMPLAINT_HEADING = ("Complaints", "Klage"),
    COMPLAINT = (
        "You have the right to complain to {authority} about how we process your personal data.",
        "Du har ret til at klage til {authority} over, hvordan vi behandler dine personoplysninger."
    ),
    /// `--for` names no audience of the spec.
    NO_SUCH_AUDIENCE = (
        "error: the spec has no audience `{name}`: write `citizens`, `employees` or the name of a `subjects` group{hint}",
        "fejl: specifikationen har ingen målgruppe `{name}`: skriv `citizens`, `employees` eller navnet på en `subjects`-gruppe{hint}"
    ),
    DID_YOU_MEAN = ("; did you mean `{name}`?", "; mente du `{name}`?"),
    /// `--draft`: the mark where the spec does not give an element.
    GAP = ("[Missing: {what} — {provision}]", "[Mangler: {what} — {provision}]"),
    AND = ("{a} and {b}", "{a} og {b}"),
}

/// A citation as a citizen reads it: the act's short name and the provision written out, in Danish
/// `databeskyttelsesforordningens artikel 6, stk. 1, litra e` or `databeskyttelseslovens § 8, stk. 1`;
/// in English `GDPR Article 6(1)(e)`. A statute or agreement cited in words stays as written.
pub fn citation(lang: Lang, r: &LegalRef) -> String {
    let cited = citation::legal_ref(lang, r);
    let LegalRef::Provision { .. } = r else {
        return cited;
    };
    match lang {
        Lang::Da => cited.replacen("s art. ", "s artikel ", 1),
        Lang::En => cited.replacen(" art. ", " Article ", 1),
    }
}

/// Citations joined for a sentence: `a, b og c`.
pub fn citations<'a>(lang: Lang, refs: impl IntoIterator<Item = &'a LegalRef>) -> String {
    let words: Vec<String> = refs.into_iter().map(|r| citation(lang, r)).collect();
    join(lang, &words)
}

/// `a, b and c` in English, `a, b og c` in Danish.
pub fn join(lang: Lang, words: &[String]) -> String {
    match words {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => tr!(lang, AND, a = init.join(", "), b = last),
    }
}

/// How an activity's data is reviewed, in words.
pub fn review_mode(lang: Lang, mode: ReviewMode) -> String {
    let text = match mode {
        ReviewMode::Manual => MANUAL,
        ReviewMode::Automated => AUTOMATED,
        ReviewMode::Ai => AI,
    };
    tr!(lang, text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::law::acts::ActId;
    use crate::law::citation::Point;
    use crate::syntax::span::Span;

    fn gdpr(number: &'static str, paragraph: u32, letter: char) -> LegalRef {
        LegalRef::Provision {
            act: ActId::Gdpr,
            number: number.into(),
            paragraph: Some(paragraph),
            point: Some(Point::Letter(letter)),
            span: Span::SYNTHETIC,
        }
    }

    #[test]
    fn a_gdpr_provision_reads_as_a_citizen_reads_it() {
        let basis = gdpr("6", 1, 'e');
        assert_eq!(
            citation(Lang::Da, &basis),
            "databeskyttelsesforordningens artikel 6, stk. 1, litra e"
        );
        assert_eq!(citation(Lang::En, &basis), "GDPR Article 6(1)(e)");
    }

    #[test]
    fn a_statute_in_words_stays_as_written() {
        let law = LegalRef::Law {
            text: "Arkivloven".into(),
            span: Span::SYNTHETIC,
        };
        assert_eq!(citation(Lang::Da, &law), "Arkivloven");
    }

    #[test]
    fn lists_are_joined_as_a_sentence_joins_them() {
        let words = ["a".to_string(), "b".to_string(), "c".to_string()];
        assert_eq!(join(Lang::Da, &words), "a, b og c");
        assert_eq!(join(Lang::En, &words[..2]), "a and b");
        assert_eq!(join(Lang::En, &words[..1]), "a");
    }
}
