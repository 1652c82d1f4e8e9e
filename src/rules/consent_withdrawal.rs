use super::{Context, Rule, RuleMeta, declare_rule};
use crate::i18n::Lang;
use crate::i18n::citation::legal_ref;
use crate::law::LegalRef;
use crate::semantic::model::Activity;
use crate::tr;

declare_rule! {
    /// # CONSENT-WITHDRAWAL: consent with no way to withdraw it
    ///
    /// ## What it checks
    /// An activity that rests on consent, for the processing itself or for one of its disclosures
    /// (`gdpr 6(1)(a)` or `gdpr 9(2)(a)`), says how the data subject withdraws that consent:
    /// `withdrawal "..."` (where to write, which form to use). One finding per activity, on the first
    /// citation of consent; the others are shown with it.
    ///
    /// ## Why it matters
    /// The data subject may withdraw consent at any time, and it must be as easy to withdraw as to
    /// give; the data subject must be told of the right before giving consent (art. 7(3)). Where
    /// processing rests on consent, the information given at collection must include the right to
    /// withdraw it (art. 13(2)(c), 14(2)(d)). Consent that cannot be withdrawn in practice is not
    /// freely given.
    ///
    /// ## Legal basis
    /// - GDPR art. 7(3) (withdrawal of consent)
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
            "consent-based processing says how consent is withdrawn",
            "behandling på grundlag af samtykke oplyser, hvordan samtykket trækkes tilbage",
        ),
        provisions: [("GDPR", "art. 7(3)"), ("GDPR", "art. 13(2)(c)")],
    }
    texts {
        MESSAGE = (
            "consent in activity `{activity}` has no way to withdraw it",
            "der er ikke angivet, hvordan samtykket i aktiviteten `{activity}` trækkes tilbage",
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
            "say how consent is withdrawn, as easily as it was given: e.g. `withdrawal \"Skriv til \
             kommunen@k.dk; vi stopper behandlingen, når vi modtager din besked\"`",
            "angiv, hvordan samtykket trækkes tilbage, lige så let som det blev givet: f.eks. `withdrawal \"Skriv til \
             kommunen@k.dk; vi stopper behandlingen, når vi modtager din besked\"`",
        ),
    }
}

impl Rule for ConsentWithdrawal {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let lang = cx.lang;
        for activity in &cx.model.activities {
            if activity.details().withdrawal.is_some() {
                continue;
            }
            let consents = consents(activity, lang);
            let Some((first, first_label)) = consents.first() else {
                continue;
            };
            let mut finding = cx.finding(
                tr!(lang, text::MESSAGE, activity = activity.name.node),
                first.span(),
                first_label.clone(),
            );
            for (other, label) in &consents[1..] {
                finding = finding.with_secondary(other.span(), label.clone());
            }
            cx.report(finding.with_help(tr!(lang, text::HELP)));
        }
    }
}

/// Every consent the activity rests on, in its basis and its disclosures, with a label for each.
fn consents(activity: &Activity, lang: Lang) -> Vec<(&LegalRef, String)> {
    let mut found: Vec<(&LegalRef, String)> = activity
        .bases
        .iter()
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
