use super::{Context, Rule, RuleMeta, declare_rule};
use crate::i18n::Text;
use crate::law::vocabulary::{DataClass, RecipientKind};
use crate::semantic::model::{DataCategory, Disclosure};
use crate::tr;

declare_rule! {
    /// # PUBLICATION-CONFIDENTIAL: confidential data made public
    ///
    /// ## What it checks
    /// No disclosure to a recipient of kind `public` (a website, the press, access to documents)
    /// includes data of class `confidential`, `special` or `criminal`, unless the disclosure rests on
    /// the data subject's consent: `gdpr 9(2)(a)` (explicit consent) when special-category data is
    /// published, `gdpr 6(1)(a)` otherwise.
    ///
    /// CPR numbers made public are reported by CPR-BASIS, which rests on the provision that governs
    /// them, Databeskyttelsesloven § 11; this rule leaves them out so that one publication is not
    /// reported twice.
    ///
    /// ## Why it matters
    /// Publishing is the widest disclosure there is, and cannot be undone. Data minimisation
    /// (art. 5(1)(c)) rarely allows a public authority's task to require that private matters be made
    /// public. Danish law protects the same data from the public elsewhere too: offentlighedsloven
    /// § 30, nr. 1 exempts information about individuals' private, including financial, matters from
    /// access to documents, and a public authority may use a CPR number only to identify a person or as
    /// a journal number (Databeskyttelsesloven § 11, stk. 1). Special-category and criminal-offence
    /// data are at least as protected (art. 9, art. 10, Databeskyttelsesloven §§ 7 and 8). Consent is
    /// accepted because a person may choose to make their own matters public; whether that consent is
    /// valid (free, explicit, withdrawable) is for CONSENT-WITHDRAWAL and the reader.
    ///
    /// ## Legal basis
    /// - GDPR art. 5(1)(c)
    /// - Databeskyttelsesloven § 11, stk. 1
    /// - Offentlighedsloven § 30, nr. 1
    ///
    /// ## Non-compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "kommune@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects citizens "Borgere" citizens
    /// data complaint "Klagens indhold" confidential
    /// data summary "Anonymiseret resumé" ordinary
    /// recipient website "Kommunens hjemmeside" public
    /// activity complaints "Klagesager" {
    ///   purpose "Behandling af klager"
    ///   subjects citizens
    ///   data complaint, summary
    ///   basis gdpr 6(1)(e), law "Lov om kommunernes styrelse"
    ///   retain all for 5 years after "sagens afslutning"
    ///   disclose complaint, summary to website under gdpr 6(1)(e), law "Lov om kommunernes styrelse"
    /// }
    /// ```
    ///
    /// ## Compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "kommune@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects citizens "Borgere" citizens
    /// data complaint "Klagens indhold" confidential
    /// data summary "Anonymiseret resumé" ordinary
    /// recipient website "Kommunens hjemmeside" public
    /// activity complaints "Klagesager" {
    ///   purpose "Behandling af klager"
    ///   subjects citizens
    ///   data complaint, summary
    ///   basis gdpr 6(1)(e), law "Lov om kommunernes styrelse"
    ///   retain all for 5 years after "sagens afslutning"
    ///   disclose summary to website under gdpr 6(1)(e), law "Lov om kommunernes styrelse"
    /// }
    /// ```
    pub struct PublicationConfidential {
        code: "PUBLICATION-CONFIDENTIAL",
        severity: Error,
        summary: (
            "confidential, special-category and criminal-offence data are not made public",
            "fortrolige oplysninger, særlige kategorier af personoplysninger og oplysninger om strafbare forhold offentliggøres ikke",
        ),
        provisions: [("GDPR", "art. 5(1)(c)"), ("Databeskyttelsesloven", "§ 11, stk. 1"), ("Offentlighedsloven", "§ 30, nr. 1")],
    }
    texts {
        SPECIAL = ("special-category data", "særlige kategorier af personoplysninger"),
        CRIMINAL = ("criminal-offence data", "oplysninger om strafbare forhold"),
        CONFIDENTIAL = ("confidential data", "fortrolige oplysninger"),
        IS_SPECIAL = (
            "`{name}` is special-category data",
            "`{name}` er en særlig kategori af personoplysninger",
        ),
        IS_CRIMINAL = (
            "`{name}` is criminal-offence data",
            "`{name}` er oplysninger om strafbare forhold",
        ),
        IS_CONFIDENTIAL = ("`{name}` is confidential data", "`{name}` er fortrolige oplysninger"),
        IS_SPECIAL_TOO = (
            "`{name}` is special-category data too",
            "`{name}` er også en særlig kategori af personoplysninger",
        ),
        IS_CRIMINAL_TOO = (
            "`{name}` is criminal-offence data too",
            "`{name}` er også oplysninger om strafbare forhold",
        ),
        IS_CONFIDENTIAL_TOO = (
            "`{name}` is confidential data too",
            "`{name}` er også fortrolige oplysninger",
        ),
        MESSAGE = (
            "{class} of activity `{activity}` is made public through `{recipient}`",
            "{class} fra aktiviteten `{activity}` offentliggøres via `{recipient}`",
        ),
        PUBLIC_RECIPIENT = ("this recipient is the public", "denne modtager er offentligheden"),
        HELP_KEEP = (
            "publish only what is not confidential: leave {names} out of the disclosure \
             (`disclose {rest} to {recipient} ...`), or publish an anonymised version instead; {consent_help}",
            "offentliggør kun det, der ikke er fortroligt: udelad {names} af videregivelsen \
             (`disclose {rest} to {recipient} ...`), eller offentliggør en anonymiseret udgave i stedet; {consent_help}",
        ),
        HELP_NONE = (
            "publish only what is not confidential: remove the disclosure, or publish an anonymised version \
             instead (a category of class `ordinary`); {consent_help}",
            "offentliggør kun det, der ikke er fortroligt: fjern videregivelsen, eller offentliggør en \
             anonymiseret udgave i stedet (en kategori af klassen `ordinary`); {consent_help}",
        ),
        CONSENT_HELP = (
            "if the person has agreed to the publication, rest the disclosure on their consent, {consent}",
            "har personen givet samtykke til offentliggørelsen, så lad videregivelsen hvile på samtykket, {consent}",
        ),
        CONSENT_WITHDRAWAL_HELP = (
            "if the person has agreed to the publication, rest the disclosure on their consent, {consent}, and \
             say how it is withdrawn (`withdrawal \"...\"`)",
            "har personen givet samtykke til offentliggørelsen, så lad videregivelsen hvile på samtykket, {consent}, \
             og angiv, hvordan det trækkes tilbage (`withdrawal \"...\"`)",
        ),
    }
}

fn protected(data: &DataCategory) -> bool {
    matches!(
        data.class,
        DataClass::Confidential | DataClass::Special | DataClass::Criminal
    )
}

fn consented(disclosure: &Disclosure, special: bool) -> bool {
    disclosure.basis.iter().any(|b| {
        if special {
            b.is_gdpr("9", 2, Some('a'))
        } else {
            b.is_gdpr("6", 1, Some('a'))
        }
    })
}

/// The class of the data in words: for the message, for its label, and for the label of another one.
fn class_words(data: &DataCategory) -> (Text, Text, Text) {
    match data.class {
        DataClass::Special => (text::SPECIAL, text::IS_SPECIAL, text::IS_SPECIAL_TOO),
        DataClass::Criminal => (text::CRIMINAL, text::IS_CRIMINAL, text::IS_CRIMINAL_TOO),
        _ => (
            text::CONFIDENTIAL,
            text::IS_CONFIDENTIAL,
            text::IS_CONFIDENTIAL_TOO,
        ),
    }
}

impl Rule for PublicationConfidential {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn by_activity(&self) -> bool {
        true
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        let lang = cx.lang;
        for activity in cx.activities {
            for disclosure in &activity.disclosures {
                let recipient = model.recipient(disclosure.recipient.id);
                if recipient.kind != RecipientKind::Public {
                    continue;
                }
                let special = disclosure
                    .data
                    .iter()
                    .any(|d| model.data(d.id).is_special());
                if consented(disclosure, special) {
                    continue;
                }
                let mut published = disclosure
                    .data
                    .iter()
                    .filter(|d| protected(model.data(d.id)));
                let Some(first) = published.next() else {
                    continue;
                };
                let category = model.data(first.id);
                let (class, is_class, _) = class_words(category);
                let mut finding = cx
                    .finding(
                        tr!(
                            lang,
                            text::MESSAGE,
                            class = class.get(lang),
                            activity = activity.name.node,
                            recipient = recipient.name.node
                        ),
                        first.span,
                        tr!(lang, is_class, name = category.name.node),
                    )
                    .with_secondary(disclosure.recipient.span, tr!(lang, text::PUBLIC_RECIPIENT));
                for other in published {
                    let data = model.data(other.id);
                    let (_, _, too) = class_words(data);
                    finding =
                        finding.with_secondary(other.span, tr!(lang, too, name = data.name.node));
                }
                let consent = if special {
                    "`under gdpr 6(1)(a), gdpr 9(2)(a)`"
                } else {
                    "`under gdpr 6(1)(a)`"
                };
                let consent_help = if activity.details().withdrawal.is_some() {
                    tr!(lang, text::CONSENT_HELP, consent = consent)
                } else {
                    tr!(lang, text::CONSENT_WITHDRAWAL_HELP, consent = consent)
                };
                let names = |keep: bool| {
                    disclosure
                        .data
                        .iter()
                        .filter(|d| protected(model.data(d.id)) != keep)
                        .map(|d| model.data(d.id).name.node.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                let (left_out, rest) = (names(false), names(true));
                let help = if rest.is_empty() {
                    tr!(lang, text::HELP_NONE, consent_help = consent_help)
                } else {
                    tr!(
                        lang,
                        text::HELP_KEEP,
                        names = format!("`{}`", left_out.replace(", ", "`, `")),
                        rest = rest,
                        recipient = recipient.name.node,
                        consent_help = consent_help
                    )
                };
                cx.report(finding.with_help(help));
            }
        }
    }
}
