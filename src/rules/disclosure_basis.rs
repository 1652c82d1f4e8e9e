use super::art9_basis::is_art9_condition;
use super::{Context, Rule, RuleMeta, basis_lists, declare_rule};
use crate::i18n::Text;
use crate::law::ActId;
use crate::law::citation::LegalRef;
use crate::law::vocabulary::RecipientKind;
use crate::tr;

declare_rule! {
    /// # DISCLOSURE-BASIS: a disclosure without its own basis
    ///
    /// ## What it checks
    /// Every `disclose ... to RECIPIENT` states its own basis after `under`, and that basis includes a
    /// ground that can carry a disclosure: a point of GDPR art. 6(1) (`gdpr 6(1)` alone names none) or
    /// Databeskyttelsesloven § 8, stk. 2 (criminal-offence data). Forvaltningsloven § 28 alone is not
    /// enough: since 2018, § 28, stk. 1 refers disclosures between authorities to the GDPR and
    /// Databeskyttelsesloven, so it is cited with an art. 6(1) basis, not instead of one. Reporting to
    /// the tax authorities (a recipient of kind `tax`) is a legal obligation and must rest on
    /// art. 6(1)(c). Special-category data in a disclosure also needs an art. 9(2) condition
    /// in the disclosure's basis, counted as ART9-BASIS counts them (a point of art. 9(2), or
    /// Databeskyttelsesloven § 7, stk. 1-4 or § 10; for emergency services: art. 9(2)(c), vital
    /// interests).
    ///
    /// ## Why it matters
    /// A disclosure is a processing operation of its own, with its own purpose: the basis for collecting
    /// the data does not automatically cover passing it on. Typical bases: to Skat, art. 6(1)(c) with the
    /// reporting statute; to the police, art. 6(1)(c) where the authority is obliged to disclose, otherwise
    /// art. 6(1)(e) with an art. 6(4) compatibility assessment; to emergency services, art. 6(1)(d) (and
    /// art. 9(2)(c) for health data); to other authorities, art. 6(1)(e) (or (c)) with forvaltningsloven
    /// § 28 and the statute behind the recipient's task.
    ///
    /// ## Legal basis
    /// - GDPR art. 6(1) and 6(4)
    /// - Databeskyttelsesloven § 8, stk. 2
    /// - Forvaltningsloven § 28
    ///
    /// ## Non-compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "post@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects citizens "Borgere" citizens
    /// data income "Indkomstforhold" confidential
    /// recipient skat "Skattestyrelsen" tax { country DK }
    /// activity benefits "Udbetaling af ydelser" {
    ///   purpose "Udbetaling og indberetning af sociale ydelser"
    ///   subjects citizens
    ///   data income
    ///   basis gdpr 6(1)(e), law "Lov om aktiv socialpolitik"
    ///   retain all for 5 years after "udgangen af journalperioden"
    ///   disclose income to skat
    /// }
    /// ```
    ///
    /// ## Compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "post@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects citizens "Borgere" citizens
    /// data income "Indkomstforhold" confidential
    /// recipient skat "Skattestyrelsen" tax { country DK }
    /// activity benefits "Udbetaling af ydelser" {
    ///   purpose "Udbetaling og indberetning af sociale ydelser"
    ///   subjects citizens
    ///   data income
    ///   basis gdpr 6(1)(e), law "Lov om aktiv socialpolitik"
    ///   retain all for 5 years after "udgangen af journalperioden"
    ///   disclose income to skat under gdpr 6(1)(c), law "Skatteindberetningsloven" when "årlig indberetning"
    /// }
    /// ```
    pub struct DisclosureBasis {
        code: "DISCLOSURE-BASIS",
        severity: Error,
        summary: (
            "each disclosure to a recipient has its own basis",
            "hver videregivelse til en modtager har sit eget grundlag",
        ),
        provisions: [("GDPR", "art. 6(1)"), ("Databeskyttelsesloven", "§ 8, stk. 2"), ("Forvaltningsloven", "§ 28")],
    }
    texts {
        TYPICAL_TAX = (
            "`under gdpr 6(1)(c), law \"...\"` naming the statute that obliges the reporting",
            "`under gdpr 6(1)(c), law \"...\"` med den lov, der pålægger indberetningen",
        ),
        TYPICAL_POLICE = (
            "`under gdpr 6(1)(c)` where the law obliges the disclosure, otherwise `under gdpr 6(1)(e)` with an \
             art. 6(4) compatibility assessment",
            "`under gdpr 6(1)(c)`, hvor loven pålægger videregivelsen, ellers `under gdpr 6(1)(e)` med en \
             vurdering af forenelighed efter art. 6, stk. 4",
        ),
        TYPICAL_EMERGENCY = (
            "`under gdpr 6(1)(d)` (vital interests), with `gdpr 9(2)(c)` for health data",
            "`under gdpr 6(1)(d)` (vitale interesser) med `gdpr 9(2)(c)` for helbredsoplysninger",
        ),
        TYPICAL_AUTHORITY = (
            "`under gdpr 6(1)(e), fvl 28(1)` with the statute behind the recipient's task",
            "`under gdpr 6(1)(e), fvl 28(1)` med den lov, der ligger til grund for modtagerens opgave",
        ),
        TYPICAL_PUBLIC = (
            "`under gdpr 6(1)(e)` with the statute that provides for publication, or `gdpr 6(1)(a)` consent",
            "`under gdpr 6(1)(e)` med den lov, der hjemler offentliggørelsen, eller `gdpr 6(1)(a)` samtykke",
        ),
        TYPICAL_OTHER = (
            "`under gdpr 6(1)(...)` with the point relied on",
            "`under gdpr 6(1)(...)` med det litra, der anvendes",
        ),
        THE_DISCLOSURE_WHEN = (
            "the disclosure to `{recipient}` ({when})",
            "videregivelsen til `{recipient}` ({when})",
        ),
        THE_DISCLOSURE = ("the disclosure to `{recipient}`", "videregivelsen til `{recipient}`"),
        NO_BASIS = ("{what} states no basis", "{what} angiver intet grundlag"),
        NO_GROUND = (
            "{what} cites no ground that can carry a disclosure",
            "{what} angiver intet grundlag, der kan bære en videregivelse",
        ),
        OWN_BASIS = (
            "a disclosure needs its own basis after `under`",
            "en videregivelse skal have sit eget grundlag efter `under`",
        ),
        ADD = ("add {typical}", "tilføj {typical}"),
        TAX = (
            "the report to `{recipient}` does not rest on a legal obligation, art. 6(1)(c)",
            "indberetningen til `{recipient}` hviler ikke på en retlig forpligtelse, art. 6, stk. 1, litra c",
        ),
        NO_6_1_C = ("no `gdpr 6(1)(c)` among these", "ingen `gdpr 6(1)(c)` blandt disse"),
        SPECIAL = (
            "special-category data is disclosed to `{recipient}` without an art. 9(2) condition",
            "særlige kategorier af personoplysninger videregives til `{recipient}` uden en betingelse i art. 9, stk. 2",
        ),
        SPECIAL_LABEL = (
            "`{name}` is special-category data",
            "`{name}` er en særlig kategori af personoplysninger",
        ),
        SPECIAL_HELP = (
            "add the art. 9(2) condition for the disclosure after `under`; typical here: {typical}",
            "tilføj betingelsen i art. 9, stk. 2, for videregivelsen efter `under`; typisk her: {typical}",
        ),
    }
}

fn carries_disclosure(basis: &LegalRef) -> bool {
    basis.gdpr_letter("6", 1).is_some() || basis.is(ActId::Dbl, "8", Some(2), None)
}

fn typical_basis(kind: RecipientKind) -> Text {
    match kind {
        RecipientKind::Tax => text::TYPICAL_TAX,
        RecipientKind::Police => text::TYPICAL_POLICE,
        RecipientKind::Emergency => text::TYPICAL_EMERGENCY,
        RecipientKind::Authority => text::TYPICAL_AUTHORITY,
        RecipientKind::Public => text::TYPICAL_PUBLIC,
        RecipientKind::Organisation | RecipientKind::Person => text::TYPICAL_OTHER,
    }
}

impl Rule for DisclosureBasis {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        let lang = cx.lang;
        for activity in &model.activities {
            for disclosure in &activity.disclosures {
                let recipient = model.recipient(disclosure.recipient.id);
                // Worded only when there is a finding: most disclosures have none.
                let label = || basis_lists::disclosed_to(lang, recipient);
                let typical = typical_basis(recipient.kind).get(lang);
                // Several disclosures to one recipient are told apart by their condition.
                let what = || match &disclosure.condition {
                    Some(when) => tr!(
                        lang,
                        text::THE_DISCLOSURE_WHEN,
                        recipient = recipient.name.node,
                        when = when.node
                    ),
                    None => tr!(lang, text::THE_DISCLOSURE, recipient = recipient.name.node),
                };
                if !disclosure.basis.iter().any(carries_disclosure) {
                    let message = if disclosure.basis.is_empty() {
                        text::NO_BASIS
                    } else {
                        text::NO_GROUND
                    };
                    let finding = cx
                        .finding(
                            tr!(lang, message, what = what()),
                            disclosure.recipient.span,
                            label(),
                        )
                        .with_secondary(disclosure.span, tr!(lang, text::OWN_BASIS))
                        .with_help(tr!(lang, text::ADD, typical = typical));
                    cx.report(finding);
                    continue;
                }
                if recipient.kind == RecipientKind::Tax
                    && !disclosure
                        .basis
                        .iter()
                        .any(|b| b.is_gdpr("6", 1, Some('c')))
                {
                    let finding = cx
                        .finding(
                            tr!(lang, text::TAX, recipient = recipient.name.node),
                            disclosure.recipient.span,
                            label(),
                        )
                        .with_secondary(disclosure.span, tr!(lang, text::NO_6_1_C))
                        .with_help(tr!(lang, text::ADD, typical = typical));
                    cx.report(finding);
                    continue;
                }
                let special = disclosure
                    .data
                    .iter()
                    .find(|d| model.data(d.id).is_special());
                if let Some(special) = special
                    && !disclosure.basis.iter().any(|b| is_art9_condition(b, false))
                {
                    let finding = cx
                        .finding(
                            tr!(lang, text::SPECIAL, recipient = recipient.name.node),
                            special.span,
                            tr!(
                                lang,
                                text::SPECIAL_LABEL,
                                name = model.data(special.id).name.node
                            ),
                        )
                        .with_secondary(disclosure.recipient.span, label())
                        .with_help(tr!(lang, text::SPECIAL_HELP, typical = typical));
                    cx.report(finding);
                }
            }
        }
    }
}
