use super::basis_lists;
use super::{Context, Rule, RuleMeta, declare_rule};
use crate::law::vocabulary::{DataClass, RecipientKind, SourceKind};
use crate::law::{ActId, LegalRef};
use crate::semantic::model::{Activity, Model, Origin};
use crate::tr;

declare_rule! {
    /// # CPR-BASIS: CPR numbers without Databeskyttelsesloven § 11
    ///
    /// ## What it checks
    /// - An activity of a public authority that processes CPR numbers (class `cpr`) cites
    ///   Databeskyttelsesloven § 11, stk. 1 (`dbl 11(1)`); another controller cites § 11, stk. 2.
    /// - CPR numbers are never disclosed to the public (a recipient of kind `public`).
    ///
    /// An activity that cites art. 32 and takes its data only from within the controller (sources
    /// of kind `staff` or `system_log`, or other activities) is read as a security measure over
    /// data the authority already holds, such as a scan of the staff's drives and mail for CPR
    /// numbers. Its finding and help are worded for that case: the security measure does not
    /// process the CPR numbers for identification or as a journal number, so `dbl 11(1)` does not
    /// make the scan lawful by itself; what the spec must say is that the numbers the scan meets
    /// are held under § 11, stk. 1, and on what basis the security purpose rests (art. 6(1)(c)
    /// with art. 32).
    ///
    /// A citation of § 11 given only for some cases (`basis ... in some cases "..."`) does not alone cover every
    /// case in which the data is processed. The finding is then a warning, not an error: the data may
    /// be processed only in those cases, which the spec does not say. Where the provision covers every
    /// case in which the data is processed, state it without `in some cases`.
    ///
    /// ## Why it matters
    /// Art. 87 lets member states set the conditions for processing a national identification number.
    /// Denmark did so in Databeskyttelsesloven § 11. Stk. 1: "Offentlige myndigheder kan behandle
    /// oplysninger om personnummer med henblik på en entydig identifikation eller som
    /// journalnummer." Private controllers may do so only on the grounds of stk. 2 (law, consent
    /// under art. 7, research and statistics or disclosure in the normal course of business, or the
    /// conditions of § 7). Stk. 3: "Uanset bestemmelsen i stk. 2, nr. 3, må personnummer ikke
    /// offentliggøres, medmindre der er givet samtykke i overensstemmelse med
    /// databeskyttelsesforordningens artikel 7." The ban on publication in stk. 3 is tied to
    /// private controllers' stk. 2, nr. 3, and the consent it names is consent under art. 7, not
    /// the explicit consent of art. 9(2)(a). For a public authority the ban follows from stk. 1:
    /// publication serves neither of the two purposes for which it may process CPR numbers.
    ///
    /// § 11, stk. 1 therefore covers the authority's use of CPR numbers to tell people apart and to
    /// file cases, not every use: an activity that uses them for another purpose needs another
    /// ground, which is why the help says what the two purposes are rather than only "add
    /// `dbl 11(1)`".
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
    ///   basis gdpr 6(1)(e), law "Lov om kommunernes styrelse", dbl 11(1)
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
        MESSAGE_SOME_CASES = (
            "CPR numbers are processed in activity `{activity}`, and Databeskyttelsesloven § 11, stk. {stk} is given only for some cases",
            "CPR-numre behandles i aktiviteten `{activity}`, og databeskyttelseslovens § 11, stk. {stk}, er kun angivet for nogle tilfælde",
        ),
        LABEL = ("`{name}` is a CPR number", "`{name}` er et CPR-nummer"),
        NOT_AMONG = ("`dbl 11({stk})` is not among these", "`dbl 11({stk})` er ikke blandt disse"),
        HELP_PUBLIC = (
            "Databeskyttelsesloven § 11, stk. 1 lets a public authority process CPR numbers to identify a \
             person uniquely or as a journal number: if that is what the activity uses them for, add \
             `dbl 11(1)`; if it uses them for another purpose, § 11, stk. 1 does not cover it, so state \
             that purpose and its ground, or leave the CPR numbers out",
            "efter databeskyttelseslovens § 11, stk. 1, må en offentlig myndighed behandle CPR-numre med \
             henblik på entydig identifikation eller som journalnummer: bruger aktiviteten dem til det, så \
             tilføj `dbl 11(1)`; bruger den dem til andet, dækker § 11, stk. 1, ikke behandlingen, og så \
             skal formålet og dets hjemmel angives, eller CPR-numrene udelades",
        ),
        HELP_PRIVATE = (
            "add the ground of `dbl 11(2)` relied on (law, consent under art. 7, research and statistics \
             or disclosure in the normal course of business, or the conditions of § 7)",
            "tilføj det grundlag i `dbl 11(2)`, der anvendes (lovgivningen, samtykke efter \
             databeskyttelsesforordningens artikel 7, videnskabelige eller statistiske formål eller \
             videregivelse som et naturligt led i den normale drift, eller betingelserne i § 7)",
        ),
        /// A security measure (art. 32) over data the authority already holds.
        MESSAGE_SECURITY = (
            "activity `{activity}` processes CPR numbers as a security measure without stating that \
             they are held under Databeskyttelsesloven § 11, stk. 1",
            "aktiviteten `{activity}` behandler CPR-numre som en sikkerhedsforanstaltning, uden at det er \
             angivet, at de i forvejen behandles efter databeskyttelseslovens § 11, stk. 1",
        ),
        SECURITY_LABEL = (
            "a security measure over data the authority already holds",
            "en sikkerhedsforanstaltning over oplysninger, som myndigheden i forvejen behandler",
        ),
        HELP_SECURITY = (
            "a security measure does not use CPR numbers to identify a person or as a journal number, so \
             Databeskyttelsesloven § 11, stk. 1 does not make it lawful by itself; state that the CPR \
             numbers it meets are held under § 11, stk. 1 (`dbl 11(1)`){and_basis}",
            "en sikkerhedsforanstaltning bruger ikke CPR-numre til entydig identifikation eller som \
             journalnummer, så databeskyttelseslovens § 11, stk. 1, gør den ikke lovlig i sig selv; angiv, \
             at de CPR-numre, den møder, i forvejen behandles efter § 11, stk. 1 (`dbl 11(1)`){and_basis}",
        ),
        /// Added to HELP_SECURITY when art. 6(1)(c) is not cited.
        AND_BASIS = (
            ", and rest the security purpose on art. 6(1)(c) with art. 32 (`gdpr 6(1)(c)`)",
            ", og lad sikkerhedsformålet hvile på art. 6, stk. 1, litra c, jf. art. 32 (`gdpr 6(1)(c)`)",
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
             public authority process it only to identify a person uniquely or as a journal number, and \
             publication serves neither",
            "fjern CPR-nummeret fra det, der offentliggøres: efter databeskyttelseslovens § 11, stk. 1, må en \
             offentlig myndighed kun behandle det med henblik på entydig identifikation eller som \
             journalnummer, og offentliggørelse tjener ingen af delene",
        ),
        PUBLISHED_HELP_PRIVATE = (
            "remove the CPR number from what is published: Databeskyttelsesloven § 11, stk. 3 forbids \
             publishing CPR numbers unless consent has been given in accordance with art. 7",
            "fjern CPR-nummeret fra det, der offentliggøres: efter databeskyttelseslovens § 11, stk. 3, må \
             personnummer ikke offentliggøres, medmindre der er givet samtykke i overensstemmelse med \
             databeskyttelsesforordningens artikel 7",
        ),
    }
}

impl Rule for CprBasis {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn by_activity(&self) -> bool {
        true
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        let lang = cx.lang;
        let public = model.controller.public_authority;
        let stk = if public { 1 } else { 2 };
        for activity in cx.activities {
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
                let label = tr!(lang, text::LABEL, name = model.data(cpr.id).name.node);
                let not_among = tr!(lang, text::NOT_AMONG, stk = stk);
                let finding = match security_over_held_data(model, activity).filter(|_| public) {
                    Some(art_32) => {
                        let and_basis =
                            if activity.bases.iter().any(|b| b.is_gdpr("6", 1, Some('c'))) {
                                String::new()
                            } else {
                                tr!(lang, text::AND_BASIS)
                            };
                        cx.finding(
                            tr!(lang, text::MESSAGE_SECURITY, activity = activity.name.node),
                            cpr.span,
                            label,
                        )
                        .with_secondary(activity.basis_span(), not_among)
                        .with_secondary(art_32.span(), tr!(lang, text::SECURITY_LABEL))
                        .with_help(tr!(
                            lang,
                            text::HELP_SECURITY,
                            and_basis = and_basis
                        ))
                    }
                    None => cx
                        .finding(
                            tr!(
                                lang,
                                text::MESSAGE,
                                stk = stk,
                                activity = activity.name.node
                            ),
                            cpr.span,
                            label,
                        )
                        .with_secondary(activity.basis_span(), not_among)
                        .with_help(tr!(
                            lang,
                            if public {
                                text::HELP_PUBLIC
                            } else {
                                text::HELP_PRIVATE
                            }
                        )),
                };
                let of_some = |b: &LegalRef| b.is(ActId::Dbl, "11", Some(stk), None);
                let finding = match basis_lists::in_some_cases(activity, of_some) {
                    Some(cases) => {
                        let message = tr!(
                            lang,
                            text::MESSAGE_SOME_CASES,
                            stk = stk,
                            activity = activity.name.node
                        );
                        basis_lists::only_in_some_cases(lang, activity, finding, message, cases)
                    }
                    None => finding,
                };
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

/// The art. 32 citation of an activity that is a security measure over data the controller already
/// holds: it cites art. 32 and takes its data only from within the controller (sources of kind
/// `staff` or `system_log`, or other activities).
fn security_over_held_data<'a>(model: &Model, activity: &'a Activity) -> Option<&'a LegalRef> {
    let art_32 = activity
        .bases
        .iter()
        .find(|b| b.is(ActId::Gdpr, "32", None, None))?;
    let internal = |origin: &Origin| match origin {
        Origin::Activity(_) => true,
        Origin::Source(id) => matches!(
            model.source(*id).kind,
            SourceKind::Staff | SourceKind::SystemLog
        ),
    };
    (!activity.sources.is_empty() && activity.sources.iter().all(|s| internal(&s.id)))
        .then_some(art_32)
}
