use super::{Context, Rule, RuleMeta, declare_rule};
use crate::law::vocabulary::{DataClass, RecipientKind};
use crate::semantic::model::{DataCategory, Disclosure};

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
    /// recipient website "Kommunens hjemmeside" public
    /// activity complaints "Klagesager" {
    ///   purpose "Behandling af klager"
    ///   subjects citizens
    ///   data complaint
    ///   basis gdpr 6(1)(e), law "Lov om kommunernes styrelse"
    ///   retain all for 5 years after "sagens afslutning"
    ///   disclose complaint to website under gdpr 6(1)(e), law "Lov om kommunernes styrelse"
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
        summary: "confidential, special-category and criminal-offence data are not made public",
        provisions: [("GDPR", "art. 5(1)(c)"), ("Databeskyttelsesloven", "§ 11, stk. 1"), ("Offentlighedsloven", "§ 30, nr. 1")],
    }
}

/// The classes this rule protects; CPR numbers are CPR-BASIS's.
fn protected(data: &DataCategory) -> bool {
    matches!(
        data.class,
        DataClass::Confidential | DataClass::Special | DataClass::Criminal
    )
}

/// Published with the data subject's consent: explicit consent (art. 9(2)(a)) for special categories.
fn consented(disclosure: &Disclosure, special: bool) -> bool {
    disclosure.basis.iter().any(|b| {
        if special {
            b.is_gdpr("9", 2, Some('a'))
        } else {
            b.is_gdpr("6", 1, Some('a'))
        }
    })
}

fn class_words(data: &DataCategory) -> &'static str {
    match data.class {
        DataClass::Special => "special-category data",
        DataClass::Criminal => "criminal-offence data",
        _ => "confidential data",
    }
}

impl Rule for PublicationConfidential {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        for activity in &model.activities {
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
                let mut finding = cx
                    .finding(
                        format!(
                            "{} of activity `{}` is made public through `{}`",
                            class_words(category),
                            activity.name.node,
                            recipient.name.node
                        ),
                        first.span,
                        format!("`{}` is {}", category.name.node, class_words(category)),
                    )
                    .with_secondary(disclosure.recipient.span, "this recipient is the public");
                for other in published {
                    let data = model.data(other.id);
                    finding = finding.with_secondary(
                        other.span,
                        format!("`{}` is {} too", data.name.node, class_words(data)),
                    );
                }
                let consent = if special {
                    "`gdpr 9(2)(a)`"
                } else {
                    "`gdpr 6(1)(a)`"
                };
                cx.report(finding.with_help(format!(
                    "publish only what is not confidential (anonymise or leave the category out); if the person has agreed \
                     to the publication, rest the disclosure on their consent, {consent}"
                )));
            }
        }
    }
}
