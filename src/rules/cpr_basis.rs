use super::{Context, Rule, RuleMeta, declare_rule};
use crate::law::ActId;
use crate::law::vocabulary::{DataClass, RecipientKind};
use crate::tr;

declare_rule! {
    /// # CPR-BASIS: CPR numbers without Databeskyttelsesloven § 11
    ///
    /// ## What it checks
    /// - An activity of a public authority that processes CPR numbers (class `cpr`) cites
    ///   Databeskyttelsesloven § 11, stk. 1 (`dbl 11(1)`); another controller cites § 11, stk. 2.
    /// - CPR numbers are never disclosed to the public (a recipient of kind `public`).
    ///
    /// ## Why it matters
    /// Art. 87 lets member states set the conditions for processing a national identification number.
    /// Denmark did so in Databeskyttelsesloven § 11: public authorities may process CPR numbers to
    /// identify a person uniquely or as a journal number (stk. 1); private controllers only on the
    /// grounds of stk. 2; and a CPR number may not be published without explicit consent (stk. 3).
    ///
    /// ## Legal basis
    /// - GDPR art. 87
    /// - Databeskyttelsesloven § 11
    ///
    /// ## Non-compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "post@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects citizens "Borgere" citizens
    /// data cpr "CPR-nummer" cpr
    /// activity cases "Sagsbehandling" {
    ///   purpose "Identifikation af borgeren i sagen"
    ///   subjects citizens
    ///   data cpr
    ///   basis gdpr 6(1)(e), law "Lov om kommunernes styrelse"
    ///   retain all for 5 years after "udgangen af journalperioden"
    /// }
    /// ```
    ///
    /// ## Compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "post@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects citizens "Borgere" citizens
    /// data cpr "CPR-nummer" cpr
    /// activity cases "Sagsbehandling" {
    ///   purpose "Identifikation af borgeren i sagen"
    ///   subjects citizens
    ///   data cpr
    ///   basis gdpr 6(1)(e), dbl 11(1), law "Lov om kommunernes styrelse"
    ///   retain all for 5 years after "udgangen af journalperioden"
    /// }
    /// ```
    pub struct CprBasis {
        code: "CPR-BASIS",
        severity: Error,
        summary: (
            "CPR numbers are processed only under DBL § 11 and never published",
            "CPR-numre behandles kun efter databeskyttelseslovens § 11 og offentliggøres aldrig",
        ),
        provisions: [("Databeskyttelsesloven", "§ 11"), ("GDPR", "art. 87")],
    }
    texts {
        MESSAGE = (
            "CPR numbers are processed without Databeskyttelsesloven § 11, stk. {stk} in activity `{activity}`",
            "CPR-numre behandles uden hjemmel i databeskyttelseslovens § 11, stk. {stk}, i aktiviteten `{activity}`",
        ),
        LABEL = ("`{name}` is a CPR number", "`{name}` er et CPR-nummer"),
        NOT_AMONG = ("`dbl 11({stk})` is not among these", "`dbl 11({stk})` er ikke blandt disse"),
        HELP_PUBLIC = (
            "add `dbl 11(1)`: a public authority may process CPR numbers to identify a person uniquely or as a journal number",
            "tilføj `dbl 11(1)`: en offentlig myndighed må behandle CPR-numre med henblik på entydig identifikation eller som journalnummer",
        ),
        HELP_PRIVATE = (
            "add the ground of `dbl 11(2)` relied on (it follows from law, consent, or the conditions of § 7)",
            "tilføj det grundlag i `dbl 11(2)`, der anvendes (det følger af lovgivningen, samtykke eller betingelserne i § 7)",
        ),
        PUBLISHED = (
            "CPR numbers are published to `{recipient}`",
            "CPR-numre offentliggøres via `{recipient}`",
        ),
        PUBLISHED_LABEL = (
            "a CPR number may not be made public",
            "et CPR-nummer må ikke offentliggøres",
        ),
        PUBLIC_RECIPIENT = ("this recipient is the public", "denne modtager er offentligheden"),
        PUBLISHED_HELP_PUBLIC = (
            "remove the CPR number from what is published: Databeskyttelsesloven § 11, stk. 1 lets a \
             public authority use it only to identify a person or as a journal number",
            "fjern CPR-nummeret fra det, der offentliggøres: efter databeskyttelseslovens § 11, stk. 1, må en \
             offentlig myndighed kun bruge det til at identificere en person eller som journalnummer",
        ),
        PUBLISHED_HELP_PRIVATE = (
            "remove the CPR number from what is published: Databeskyttelsesloven § 11, stk. 3 forbids \
             publishing CPR numbers without explicit consent",
            "fjern CPR-nummeret fra det, der offentliggøres: databeskyttelseslovens § 11, stk. 3, forbyder \
             offentliggørelse af CPR-numre uden udtrykkeligt samtykke",
        ),
    }
}

impl Rule for CprBasis {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        let lang = cx.lang;
        let public = model.controller.public_authority;
        let stk = if public { 1 } else { 2 };
        for activity in &model.activities {
            let Some(cpr) = activity
                .data
                .iter()
                .find(|d| model.data(d.id).class == DataClass::Cpr)
            else {
                continue;
            };
            if !activity
                .bases
                .iter()
                .any(|b| b.is(ActId::Dbl, "11", Some(stk), None))
            {
                let finding = cx
                    .finding(
                        tr!(
                            lang,
                            text::MESSAGE,
                            stk = stk,
                            activity = activity.name.node
                        ),
                        cpr.span,
                        tr!(lang, text::LABEL, name = model.data(cpr.id).name.node),
                    )
                    .with_secondary(activity.basis_span(), tr!(lang, text::NOT_AMONG, stk = stk))
                    .with_help(tr!(
                        lang,
                        if public {
                            text::HELP_PUBLIC
                        } else {
                            text::HELP_PRIVATE
                        }
                    ));
                cx.report(finding);
            }
            for disclosure in &activity.disclosures {
                if model.recipient(disclosure.recipient.id).kind != RecipientKind::Public {
                    continue;
                }
                if let Some(published) = disclosure
                    .data
                    .iter()
                    .find(|d| model.data(d.id).class == DataClass::Cpr)
                {
                    let finding = cx
                        .finding(
                            tr!(
                                lang,
                                text::PUBLISHED,
                                recipient = model.recipient(disclosure.recipient.id).name.node
                            ),
                            published.span,
                            tr!(lang, text::PUBLISHED_LABEL),
                        )
                        .with_secondary(
                            disclosure.recipient.span,
                            tr!(lang, text::PUBLIC_RECIPIENT),
                        )
                        .with_help(tr!(
                            lang,
                            if public {
                                text::PUBLISHED_HELP_PUBLIC
                            } else {
                                text::PUBLISHED_HELP_PRIVATE
                            }
                        ));
                    cx.report(finding);
                }
            }
        }
    }
}
