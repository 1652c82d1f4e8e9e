use super::basis_lists::{self, BasisList};
use super::{Context, Rule, RuleMeta, declare_rule};
use crate::i18n::citation::legal_ref;
use crate::law::ActId;
use crate::law::citation::LegalRef;
use crate::tr;

declare_rule! {
    /// # ART6-NATIONAL-LAW: art. 6(1)(c) or (e) without the statute it rests on
    ///
    /// ## What it checks
    /// A basis that cites GDPR art. 6(1)(c) (legal obligation) or art. 6(1)(e) (public task or
    /// official authority) also names the Union or Danish law it rests on: a statute cited as
    /// `law "..."`, or a provision of a Danish act hjemmel knows (`dbl`, `tvol`, `fvl`, `offl`,
    /// `arkivl`). An activity's `basis` is checked, and so is each disclosure's own basis after
    /// `under`, on its own: the statute behind the activity does not name the one behind the
    /// disclosure. A collective agreement (`agreement "..."`) is not law in the sense of art. 6(3).
    ///
    /// ## Why it matters
    /// Art. 6(3): the basis for processing under points (c) and (e) "shall be laid down by" Union law or
    /// Member State law. Art. 6(1)(c) and (e) are not permissions on their own; they point to the
    /// statute that creates the obligation or the task, and the data subject is entitled to be told
    /// which (art. 13(1)(c)). Datatilsynet's opinion of 17 November 2023 (j.nr. 2023-212-0015, on
    /// Københavns Kommune's use of AI in health and care) is an example: art. 6(1)(e) held only with
    /// the supplementary national basis in serviceloven.
    ///
    /// It is a warning, not an error: the statute may well exist and only be missing from the spec (and
    /// from the notice it was written from). The finding asks for it to be named.
    ///
    /// ## Legal basis
    /// - GDPR art. 6(1)(c) and (e)
    /// - GDPR art. 6(3)
    ///
    /// ## Non-compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "kommune@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects citizens "Borgere" citizens
    /// data housing "Boligforhold" confidential
    /// activity housing_benefit "Boligstøtte" {
    ///   purpose "Behandling af ansøgninger om boligstøtte"
    ///   subjects citizens
    ///   data housing
    ///   basis gdpr 6(1)(e)
    ///   retain all for 5 years after "udgangen af journalperioden"
    /// }
    /// ```
    ///
    /// ## Compliant example
    /// ```hjemmel
    /// controller k "Eksempel Kommune" { public authority contact "kommune@k.dk" dpo { email "dpo@k.dk" } }
    /// subjects citizens "Borgere" citizens
    /// data housing "Boligforhold" confidential
    /// activity housing_benefit "Boligstøtte" {
    ///   purpose "Behandling af ansøgninger om boligstøtte"
    ///   subjects citizens
    ///   data housing
    ///   basis gdpr 6(1)(e), law "Lov om individuel boligstøtte"
    ///   retain all for 5 years after "udgangen af journalperioden"
    /// }
    /// ```
    pub struct Art6NationalLaw {
        code: "ART6-NATIONAL-LAW",
        severity: Warning,
        summary: (
            "a basis in art. 6(1)(c) or (e) names the Union or Danish statute it rests on",
            "et behandlingsgrundlag i art. 6, stk. 1, litra c eller e, angiver den EU-retlige eller danske lov, det hviler på",
        ),
        provisions: [("GDPR", "art. 6(3)")],
    }
    texts {
        MESSAGE_OBLIGATION = (
            "{whose} rests on a legal obligation but names no statute",
            "{whose} hviler på en retlig forpligtelse, men angiver ingen lov",
        ),
        MESSAGE_TASK = (
            "{whose} rests on a public task but names no statute",
            "{whose} hviler på en opgave i samfundets interesse eller myndighedsudøvelse, men angiver ingen lov",
        ),
        LABEL = (
            "{basis} needs the law it rests on",
            "{basis} forudsætter en lov, som behandlingen hviler på",
        ),
        HELP_OBLIGATION = (
            "name the statute that imposes the obligation next to it, as `law \"...\"` with its title and § \
             (e.g. `law \"Lov om social service § 83\"`)",
            "angiv den lov, der pålægger forpligtelsen, ved siden af, som `law \"...\"` med titel og § \
             (f.eks. `law \"Lov om social service § 83\"`)",
        ),
        HELP_TASK = (
            "name the statute that lays down the task next to it, as `law \"...\"` with its title and § \
             (e.g. `law \"Lov om social service § 83\"`)",
            "angiv den lov, der fastlægger opgaven, ved siden af, som `law \"...\"` med titel og § \
             (f.eks. `law \"Lov om social service § 83\"`)",
        ),
    }
}

pub(super) fn names_statute(basis: &LegalRef) -> bool {
    match basis {
        LegalRef::Law { .. } => true,
        LegalRef::Provision { act, .. } => *act != ActId::Gdpr,
        LegalRef::Agreement { .. } => false,
    }
}

impl Rule for Art6NationalLaw {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Context<'_>) {
        for list in basis_lists::all(cx.model) {
            report(cx, &list);
        }
    }
}

fn report(cx: &mut Context<'_>, list: &BasisList<'_>) {
    let bases = list.bases();
    if bases.iter().any(names_statute) {
        return;
    }
    let Some(basis) = bases
        .iter()
        .find(|b| b.is_gdpr("6", 1, Some('c')) || b.is_gdpr("6", 1, Some('e')))
    else {
        return;
    };
    let lang = cx.lang;
    let (message, help) = if basis.is_gdpr("6", 1, Some('c')) {
        (text::MESSAGE_OBLIGATION, text::HELP_OBLIGATION)
    } else {
        (text::MESSAGE_TASK, text::HELP_TASK)
    };
    let mut finding = cx.finding(
        tr!(lang, message, whose = list.whose(lang)),
        basis.span(),
        tr!(lang, text::LABEL, basis = legal_ref(lang, basis)),
    );
    if let BasisList::Disclosure {
        disclosure,
        recipient,
    } = list
    {
        finding = finding.with_secondary(
            disclosure.recipient.span,
            basis_lists::disclosed_to(lang, recipient),
        );
    }
    cx.report(finding.with_help(tr!(lang, help)));
}
