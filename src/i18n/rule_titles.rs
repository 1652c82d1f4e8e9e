//! A short title for each rule code, in English and Danish, shown beside the code where a reader
//! meets it (the count per rule at the end of `hjemmel check`, the Danish finding headers, `hjemmel
//! rules`): the codes stay English and stable, the title says in the reader's language what the
//! problem is. Each title shortens the rule's summary (its `summary` in `declare_rule!`), worded as
//! the problem found rather than the requirement. A code missing here falls back to the summary;
//! a test below checks that every rule has a title.

use super::Text;

/// Every rule's title, by code, sorted by code.
pub const TITLES: &[(&str, Text)] = &[
    (
        "ARCHIVE-BEFORE-DELETE",
        Text::new(
            "deleted before hand-over to a public archive",
            "slettes før aflevering til offentligt arkiv",
        ),
    ),
    (
        "ART10-BASIS",
        Text::new(
            "criminal-offence data without a basis",
            "oplysninger om strafbare forhold uden hjemmel",
        ),
    ),
    (
        "ART6-BASIS",
        Text::new("no lawful basis", "intet behandlingsgrundlag"),
    ),
    (
        "ART6-NATIONAL-LAW",
        Text::new(
            "basis without the law it rests on",
            "grundlag uden den lov, det hviler på",
        ),
    ),
    (
        "ART6-NOT-A-BASIS",
        Text::new(
            "provision cited as a basis is not one",
            "bestemmelse angivet som grundlag er ikke et behandlingsgrundlag",
        ),
    ),
    (
        "ART6F-PUBLIC-AUTHORITY",
        Text::new(
            "legitimate interests relied on by a public authority",
            "legitime interesser påberåbt af en offentlig myndighed",
        ),
    ),
    (
        "ART9-BASIS",
        Text::new(
            "special categories without an art. 9(2) exception",
            "særlige kategorier uden en undtagelse i art. 9, stk. 2",
        ),
    ),
    (
        "ART9-FIT",
        Text::new(
            "art. 9(2) exception that does not fit the processing",
            "undtagelse i art. 9, stk. 2, der ikke kan bære behandlingen",
        ),
    ),
    (
        "AUTOMATED-REVIEW",
        Text::new(
            "automated assessment without human review or logic",
            "automatisk vurdering uden menneskelig gennemgang eller beskrevet logik",
        ),
    ),
    (
        "CCTV-DISCLOSURE",
        Text::new(
            "disclosure of CCTV recordings",
            "videregivelse af tv-overvågningsoptagelser",
        ),
    ),
    (
        "CCTV-GROUND",
        Text::new(
            "CCTV places, signs and POLCAM against tv-overvågningsloven",
            "tv-overvågningens steder, skiltning og POLCAM efter tv-overvågningsloven",
        ),
    ),
    (
        "CCTV-RETENTION",
        Text::new(
            "CCTV recordings kept too long",
            "tv-overvågningsoptagelser opbevares for længe",
        ),
    ),
    (
        "CHILD-CONSENT",
        Text::new(
            "child's consent without parental authorisation",
            "barns samtykke uden forældremyndighedens godkendelse",
        ),
    ),
    (
        "CONSENT-WITHDRAWAL",
        Text::new(
            "withdrawal of consent not described",
            "tilbagetrækning af samtykke ikke beskrevet",
        ),
    ),
    (
        "CONTROL-MEASURE",
        Text::new(
            "control measure: notice to employees not documented",
            "kontrolforanstaltning: orientering af medarbejderne ikke dokumenteret",
        ),
    ),
    (
        "COPY-RETENTION",
        Text::new(
            "copy kept by another holder without a deadline",
            "kopi hos en anden opbevares uden slettefrist",
        ),
    ),
    (
        "CPR-BASIS",
        Text::new("CPR numbers without a basis", "CPR-numre uden hjemmel"),
    ),
    (
        "DBL-BASIS-FIT",
        Text::new(
            "Danish basis cited without its data or subjects",
            "dansk hjemmel angivet uden de oplysninger eller registrerede, den gælder",
        ),
    ),
    (
        "DISCLOSURE-BASIS",
        Text::new(
            "disclosure without its own basis",
            "videregivelse uden eget grundlag",
        ),
    ),
    (
        "DISCLOSURE-STATUTE-FIT",
        Text::new(
            "disclosure under a § that provides for other recipients",
            "videregivelse efter en paragraf, der hjemler videregivelse til andre modtagere",
        ),
    ),
    (
        "DPIA-MISSING",
        Text::new(
            "no data protection impact assessment",
            "ingen konsekvensanalyse",
        ),
    ),
    (
        "DPO-MISSING",
        Text::new(
            "no data protection officer",
            "ingen databeskyttelsesrådgiver",
        ),
    ),
    (
        "EMPLOYEE-BASIS",
        Text::new(
            "basis for employee data",
            "grundlag for oplysninger om ansatte",
        ),
    ),
    (
        "ERASURE-EXCEPTION",
        Text::new(
            "refusal to erase without its ground",
            "afslag på sletning uden grundlag",
        ),
    ),
    (
        "HEALTH-DATA-CLASS",
        Text::new(
            "health data classed as ordinary or confidential",
            "helbredsoplysninger klassificeret som almindelige eller fortrolige",
        ),
    ),
    (
        "JOINT-CONTROLLER-ARRANGEMENT",
        Text::new(
            "joint controllership without a recorded arrangement",
            "fælles dataansvar uden angivet ordning",
        ),
    ),
    (
        "NOTICE-INCOMPLETE",
        Text::new(
            "privacy notice lacks an element of art. 13/14",
            "privatlivsmeddelelsen mangler en oplysning efter art. 13/14",
        ),
    ),
    (
        "PROCESSOR-AGREEMENT",
        Text::new("no data processing agreement", "ingen databehandleraftale"),
    ),
    (
        "PROCESSOR-IDENTITY",
        Text::new(
            "processor named as a group, not identified",
            "databehandler angivet som en gruppe, ikke identificeret",
        ),
    ),
    (
        "PROCESSOR-SUPERVISION",
        Text::new(
            "supervision of a processor not recorded or out of date",
            "tilsyn med databehandler ikke registreret eller forældet",
        ),
    ),
    (
        "PUBLICATION-CONFIDENTIAL",
        Text::new(
            "confidential data published",
            "fortrolige oplysninger offentliggøres",
        ),
    ),
    (
        "PURPOSE-COMPATIBILITY",
        Text::new(
            "reuse without a compatibility assessment",
            "genbrug uden vurdering af forenelighed",
        ),
    ),
    ("PURPOSE-MISSING", Text::new("no purpose", "intet formål")),
    (
        "RECORD-INCOMPLETE",
        Text::new(
            "art. 30 record incomplete",
            "fortegnelsen efter art. 30 er ufuldstændig",
        ),
    ),
    (
        "RETENTION-EXCEEDS-LIMIT",
        Text::new(
            "kept beyond the category's limit",
            "opbevares ud over kategoriens grænse",
        ),
    ),
    (
        "RETENTION-MISSING",
        Text::new("no deletion deadline", "ingen slettefrist"),
    ),
    (
        "SOURCE-NOTICE",
        Text::new(
            "art. 14 information not stated",
            "oplysning efter art. 14 ikke angivet",
        ),
    ),
    (
        "SUBPROCESSOR-AUTHORISATION",
        Text::new(
            "sub-processor authorisation not documented",
            "godkendelse af underdatabehandler ikke dokumenteret",
        ),
    ),
    (
        "TRANSFER-DEROGATION-AUTHORITY",
        Text::new(
            "public authority transferring under art. 49(1)(a)-(c)",
            "offentlig myndighed overfører efter art. 49, stk. 1, litra a-c",
        ),
    ),
    (
        "TRANSFER-DESTINATION-UNKNOWN",
        Text::new(
            "transfer to a country not stated",
            "overførsel til et land, der ikke er angivet",
        ),
    ),
    (
        "TRANSFER-MECHANISM-SCOPE",
        Text::new(
            "transfer mechanism does not cover the recipient",
            "overførselsgrundlaget omfatter ikke modtageren",
        ),
    ),
    (
        "TRANSFER-SCC-TIA",
        Text::new(
            "standard clauses without a transfer impact assessment",
            "standardkontraktbestemmelser uden overførselsvurdering",
        ),
    ),
    (
        "TRANSFER-UNDECLARED",
        Text::new(
            "transfer without a transfer mechanism",
            "overførsel uden overførselsgrundlag",
        ),
    ),
    (
        "UNUSED-DECLARATION",
        Text::new("declared but never used", "angivet, men aldrig brugt"),
    ),
];

/// The title of the rule `code`, when it has one.
pub fn title(code: &str) -> Option<Text> {
    TITLES
        .binary_search_by(|(c, _)| c.cmp(&code))
        .ok()
        .map(|i| TITLES[i].1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_sorted_by_code_so_that_each_is_found() {
        assert!(TITLES.windows(2).all(|w| w[0].0 < w[1].0));
        for (code, text) in TITLES {
            assert_eq!(title(code), Some(*text));
        }
        assert_eq!(title("NO-SUCH-RULE"), None);
    }

    #[test]
    fn every_rule_has_a_title() {
        let missing: Vec<&str> = crate::rules::registry::RULES
            .iter()
            .map(|rule| rule.meta().code)
            .filter(|code| title(code).is_none())
            .collect();
        assert!(missing.is_empty(), "rules without a title: {missing:?}");
    }
}
