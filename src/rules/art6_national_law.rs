use super::basis_lists::{self, BasisList};
use super::{Context, Rule, RuleMeta, declare_rule};
use crate::i18n::citation::legal_ref;
use crate::law::ActId;
use crate::law::acts::LaysDown;
use crate::law::citation::LegalRef;
use crate::tr;

declare_rule! {
    /// # ART6-NATIONAL-LAW: art. 6(1)(c) or (e) without the statute it rests on
    ///
    /// ## What it checks
    /// A basis that cites GDPR art. 6(1)(c) (legal obligation) or art. 6(1)(e) (public task or
    /// official authority) also names the law that lays down that obligation or task. These count:
    ///
    /// - a statute cited as `law "..."` (the author names the sector statute: serviceloven, barnets
    ///   lov, kommunestyrelsesloven, ...);
    /// - a Danish § that itself lays down a task or a duty, as the law data marks it (`lays_down` in
    ///   `src/law/data/*.toml`): tv-overvågningsloven §§ 2 a, 2 c and 2 d, offentlighedsloven §§ 7 and
    ///   15, arkivloven §§ 10 and 21, forvaltningsloven § 9, and the §§ of the sector statutes cited by
    ///   keyword that lay down a municipal task or duty (`servl 83`, `barnl 20`, `fsl 12`, `irl 2`, ...);
    ///   a § of a sector statute that the data marks as laying down neither (sundhedsloven § 40, the
    ///   patient's right to confidentiality) does not count;
    /// - a duty the GDPR itself lays on the controller, cited with art. 6(1)(c): art. 32 (security),
    ///   and art. 15, 30, 33 and 34 (`gdpr 6(1)(c), gdpr 32`).
    ///
    /// These do not count: Databeskyttelsesloven §§ 5-12 and forvaltningsloven §§ 27-28, which set
    /// conditions for processing (CPR numbers, criminal-offence data, employment, disclosure between
    /// authorities) but lay down no task and no duty; a GDPR provision cited with art. 6(1)(e) only;
    /// a Danish § the data does not classify; and a collective agreement (`agreement "..."`), which is
    /// not law in the sense of art. 6(3). When such a citation is what the basis leans on, the finding
    /// labels it and says why.
    ///
    /// An activity's `basis` is checked, and so is each disclosure's own basis after `under`, on its
    /// own: the statute behind the activity does not name the one behind the disclosure.
    ///
    /// ## Why it matters
    /// Art. 6(3): the basis for processing under points (c) and (e) "shall be laid down by" Union law or
    /// Member State law. Art. 6(1)(c) and (e) are not permissions on their own; they point to the
    /// statute that creates the obligation or the task, and the data subject is entitled to be told
    /// which (art. 13(1)(c)). Datatilsynet's opinion of 17 November 2023 (j.nr. 2023-212-0015, on
    /// Københavns Kommune's use of AI in health and care) is an example: art. 6(1)(e) held only with
    /// the supplementary national basis in serviceloven.
    ///
    /// A lawyer does not accept Databeskyttelsesloven § 8 or § 11 as that law: they say when criminal
    /// data or CPR numbers may be processed if there is a task, not what the task is. Nor forvaltnings-
    /// loven § 28, which applies the data protection rules to a disclosure between authorities. Art. 32
    /// is different: it is Union law that obliges the controller to keep data secure, so security
    /// logging can rest on art. 6(1)(c) with art. 32 (art. 6(3)(a)) without a Danish statute.
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
            "name the statute that imposes the obligation next to it: by its keyword where hjemmel knows \
             the act (e.g. `irl 2`), otherwise as `law \"...\"` with its title and §",
            "angiv den lov, der pålægger forpligtelsen, ved siden af: med lovens nøgleord, hvor hjemmel \
             kender loven (f.eks. `irl 2`), ellers som `law \"...\"` med titel og §",
        ),
        HELP_TASK = (
            "name the statute that lays down the task next to it: by its keyword where hjemmel knows the \
             act (e.g. `servl 83`), otherwise as `law \"...\"` with its title and § (e.g. \
             `law \"Lov om individuel boligstøtte § 48\"`)",
            "angiv den lov, der fastlægger opgaven, ved siden af: med lovens nøgleord, hvor hjemmel kender \
             loven (f.eks. `servl 83`), ellers som `law \"...\"` med titel og § (f.eks. \
             `law \"Lov om individuel boligstøtte § 48\"`)",
        ),
        CONDITION = (
            "sets a condition for processing; it lays down no task or duty",
            "fastsætter en betingelse for behandlingen, men fastlægger ingen opgave eller forpligtelse",
        ),
        AGREEMENT = (
            "a collective agreement is not law in the sense of art. 6(3)",
            "en kollektiv overenskomst er ikke lovgivning i art. 6, stk. 3's forstand",
        ),
        GDPR_DUTY_WITHOUT_C = (
            "a duty under the GDPR carries only art. 6(1)(c)",
            "en forpligtelse efter databeskyttelsesforordningen kan kun bære art. 6, stk. 1, litra c",
        ),
    }
}

/// Whether a citation names a statute at all (`law "..."` or any Danish §). Kept for CCTV-DISCLOSURE;
/// ART6-NATIONAL-LAW itself asks for the law that lays down the task or duty
/// ([`basis_lists::cites_task_or_duty_law`]).
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

    fn by_activity(&self) -> bool {
        true
    }

    fn check(&self, cx: &mut Context<'_>) {
        basis_lists::each(cx.model, cx.activities, |list| report(cx, &list));
    }
}

fn report(cx: &mut Context<'_>, list: &BasisList<'_>) {
    let bases = list.bases();
    if basis_lists::cites_task_or_duty_law(bases) {
        return;
    }
    // Bases of some cases (`basis ... in some cases`) are read with the bases of every case, which
    // apply to those cases too: a statute of every case carries them. When the bases of every case
    // rest on art. 6(1)(c) or (e) without a statute, that list is reported, once.
    let every_case = list.every_case();
    if !every_case.is_empty() {
        let together: Vec<LegalRef> = every_case.iter().chain(bases).cloned().collect();
        if basis_lists::cites_task_or_duty_law(&together)
            || every_case
                .iter()
                .any(|b| b.is_gdpr("6", 1, Some('c')) || b.is_gdpr("6", 1, Some('e')))
        {
            return;
        }
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
    // What the basis leans on instead of the law, and why it does not count.
    for other in bases {
        let why = match other {
            LegalRef::Agreement { .. } => text::AGREEMENT,
            LegalRef::Provision { act, .. } => match other.lays_down() {
                Some(LaysDown::Condition) => text::CONDITION,
                Some(LaysDown::Duty) if *act == ActId::Gdpr => text::GDPR_DUTY_WITHOUT_C,
                _ => continue,
            },
            LegalRef::Law { .. } => continue,
        };
        finding = finding.with_secondary(other.span(), tr!(lang, why));
    }
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
