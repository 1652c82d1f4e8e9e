use super::{Context, Rule, RuleMeta, declare_rule};
use crate::diagnostic::{Severity, SuggestedEdit, Suggestion};
use crate::i18n::Lang;
use crate::i18n::citation::legal_ref;
use crate::law::LegalRef;
use crate::semantic::model::Activity;
use crate::tr;

declare_rule! {
    /// # CONSENT-WITHDRAWAL: consent with no word on withdrawing it
    ///
    /// ## What it checks
    /// An activity that rests on consent, for the processing itself or for one of its disclosures
    /// (`gdpr 6(1)(a)` or `gdpr 9(2)(a)`), tells the data subjects that they may withdraw it and how:
    ///
    /// - `withdrawal "..."`: how consent is withdrawn (where to write, which form to use). This tells
    ///   of the right as well, and no finding follows.
    /// - `withdrawal right "..."`: the notice tells of the right to withdraw, in the notice's words,
    ///   but not how. A **warning** asks for the channel.
    /// - neither: an **error**.
    /// - `withdrawal "TODO: ..."`, the words the editor's quick fix writes for the DPO to replace: an
    ///   **error** on those words until they say how consent is withdrawn (a notice must not tell
    ///   people "TODO").
    ///
    /// One finding per activity, on the first citation of consent; the others are shown with it.
    ///
    /// ## Why it matters
    /// Where processing rests on consent, the information given at collection must include the right
    /// to withdraw it at any time (art. 13(2)(c), 14(2)(d)); the data subject must be told of the right
    /// before giving consent (art. 7(3), third sentence). A notice that says neither is likely in breach
    /// of those articles: hence an error.
    ///
    /// A notice that states the right ("du har altid ret til at trække dit samtykke tilbage") meets
    /// art. 13(2)(c). Art. 7(3), fourth sentence, further requires that withdrawing is as easy as giving
    /// consent; it does not require the notice to describe a procedure, so a notice silent on the channel
    /// is not in itself a breach. Whether withdrawal is as easy as consent is a question of practice the
    /// notice cannot answer: hence only a warning, asking the controller to state the channel, which is
    /// also the surest evidence that withdrawal is easy.
    ///
    /// ## Legal basis
    /// - GDPR art. 7(3) (the right to withdraw, told before consent; as easy as giving consent)
    /// - GDPR art. 13(2)(c) and 14(2)(d) (information on the right to withdraw)
    ///
    /// ## Non-compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "kommune@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects citizens "Borgere" citizens
    /// data portrait "Portrætbillede" ordinary
    /// activity portraits "Portrætbilleder på hjemmesiden" {
    ///   purpose "Vise medarbejdere og borgere i kommunens nyheder"
    ///   subjects citizens
    ///   data portrait
    ///   basis gdpr 6(1)(a)
    ///   retain all for 2 years
    /// }
    /// ```
    ///
    /// ## Compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "kommune@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects citizens "Borgere" citizens
    /// data portrait "Portrætbillede" ordinary
    /// activity portraits "Portrætbilleder på hjemmesiden" {
    ///   purpose "Vise medarbejdere og borgere i kommunens nyheder"
    ///   subjects citizens
    ///   data portrait
    ///   basis gdpr 6(1)(a)
    ///   withdrawal "Skriv til kommunikation@k.dk; billedet fjernes inden for 5 arbejdsdage"
    ///   retain all for 2 years
    /// }
    /// ```
    pub struct ConsentWithdrawal {
        code: "CONSENT-WITHDRAWAL",
        severity: Error,
        summary: (
            "consent-based processing tells people they may withdraw consent, and how",
            "behandling på grundlag af samtykke oplyser om retten til at trække samtykket tilbage, og hvordan",
        ),
        provisions: [("GDPR", "art. 7(3)"), ("GDPR", "art. 13(2)(c)")],
    }
    texts {
        ADD_WITHDRAWAL = (
            "add `withdrawal` with how consent is withdrawn",
            "tilføj `withdrawal` med, hvordan samtykket trækkes tilbage",
        ),
        /// The words the quick fix writes for the DPO to replace with the real channel.
        CHANNEL_PLACEHOLDER = (
            "TODO: where and how consent is withdrawn, e.g. write to ...",
            "TODO: hvor og hvordan samtykket trækkes tilbage, f.eks. skriv til ...",
        ),
        STILL_PLACEHOLDER = (
            "the `withdrawal` of activity `{activity}` is still a placeholder: it does not say where and how \
             consent is withdrawn",
            "`withdrawal` i aktiviteten `{activity}` er stadig en pladsholder: den siger ikke, hvor og hvordan \
             samtykket trækkes tilbage",
        ),
        PLACEHOLDER_LABEL = (
            "words to replace with the real channel",
            "ord, der skal erstattes med den rigtige fremgangsmåde",
        ),
        MESSAGE = (
            "activity `{activity}` rests on consent but says neither that it may be withdrawn nor how",
            "aktiviteten `{activity}` hviler på samtykke, men oplyser hverken om retten til at trække det \
             tilbage eller om, hvordan det gøres",
        ),
        RIGHT_ONLY = (
            "activity `{activity}` tells of the right to withdraw consent but not how to do it",
            "aktiviteten `{activity}` oplyser om retten til at trække samtykket tilbage, men ikke om, hvordan \
             det gøres",
        ),
        RIGHT_STATED = (
            "the right to withdraw is stated (art. 13(2)(c))",
            "retten til at trække samtykket tilbage er oplyst (art. 13, stk. 2, litra c)",
        ),
        PROCESSING = (
            "{basis}: the processing rests on consent",
            "{basis}: behandlingen hviler på samtykke",
        ),
        DISCLOSURE = (
            "{basis}: this disclosure rests on consent",
            "{basis}: denne videregivelse hviler på samtykke",
        ),
        HELP = (
            "tell people they may withdraw consent at any time, and how, as easily as it was given: e.g. \
             `withdrawal \"Skriv til kommunen@k.dk; vi stopper behandlingen, når vi modtager din besked\"`",
            "oplys, at samtykket til enhver tid kan trækkes tilbage, og hvordan, lige så let som det blev givet: \
             f.eks. `withdrawal \"Skriv til kommunen@k.dk; vi stopper behandlingen, når vi modtager din besked\"`",
        ),
        CHANNEL_HELP = (
            "art. 7(3) asks that withdrawing be as easy as giving consent: say where and how, e.g. \
             `withdrawal \"Skriv til kommunen@k.dk; vi stopper behandlingen, når vi modtager din besked\"`",
            "efter art. 7, stk. 3, skal det være lige så let at trække samtykket tilbage som at give det: \
             angiv hvor og hvordan, f.eks. `withdrawal \"Skriv til kommunen@k.dk; vi stopper behandlingen, \
             når vi modtager din besked\"`",
        ),
    }
}

impl Rule for ConsentWithdrawal {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn by_activity(&self) -> bool {
        true
    }

    fn check(&self, cx: &mut Context<'_>) {
        let lang = cx.lang;
        for activity in cx.activities {
            match &activity.details().withdrawal {
                // The quick fix's words, not yet replaced: no channel is stated, and the notice
                // would tell people "TODO".
                Some(said) if is_placeholder(&said.node) => {
                    let finding = cx
                        .finding(
                            tr!(lang, text::STILL_PLACEHOLDER, activity = activity.name.node),
                            said.span,
                            tr!(lang, text::PLACEHOLDER_LABEL),
                        )
                        .with_help(tr!(lang, text::HELP));
                    cx.report(finding);
                    continue;
                }
                Some(_) => continue,
                None => {}
            }
            let consents = consents(activity, lang);
            let Some((first, first_label)) = consents.first() else {
                continue;
            };
            let right = activity.details().withdrawal_right.as_ref();
            let message = match right {
                Some(_) => text::RIGHT_ONLY,
                None => text::MESSAGE,
            };
            let mut finding = cx.finding(
                tr!(lang, message, activity = activity.name.node),
                first.span(),
                first_label.clone(),
            );
            for (other, label) in &consents[1..] {
                finding = finding.with_secondary(other.span(), label.clone());
            }
            let finding = match right {
                // Art. 13(2)(c) is met; whether withdrawal is as easy as consent is for the DPO to
                // assess, not a breach shown by the notice.
                Some(said) => {
                    let mut finding = finding
                        .with_secondary(said.span, tr!(lang, text::RIGHT_STATED))
                        .with_help(tr!(lang, text::CHANNEL_HELP));
                    finding.severity = Severity::Warning;
                    finding
                }
                None => finding.with_help(tr!(lang, text::HELP)),
            };
            // The statement the help asks for, with the channel left for the DPO to write.
            let finding = finding.with_suggestion(Suggestion {
                message: tr!(lang, text::ADD_WITHDRAWAL),
                edit: SuggestedEdit::AddStatement {
                    block: activity.span,
                    statement: format!("withdrawal \"{}\"", tr!(lang, text::CHANNEL_PLACEHOLDER)),
                },
                preferred: false,
            });
            cx.report(finding);
        }
    }
}

/// Whether a `withdrawal` still holds words left for the DPO to replace (the quick fix writes
/// `TODO: ...`).
fn is_placeholder(said: &str) -> bool {
    said.trim_start().starts_with("TODO")
}

/// Every consent the activity rests on, in its basis and its disclosures, with a label for each.
fn consents(activity: &Activity, lang: Lang) -> Vec<(&LegalRef, String)> {
    // Of every case or of some cases (`basis ... in some cases`): consent needs a way to withdraw it
    // wherever it is relied on.
    let mut found: Vec<(&LegalRef, String)> = activity
        .every_cited_basis()
        .filter(|b| b.is_consent())
        .map(|b| (b, tr!(lang, text::PROCESSING, basis = legal_ref(lang, b))))
        .collect();
    for disclosure in &activity.disclosures {
        for b in disclosure.basis.iter().filter(|b| b.is_consent()) {
            found.push((b, tr!(lang, text::DISCLOSURE, basis = legal_ref(lang, b))));
        }
    }
    found
}
