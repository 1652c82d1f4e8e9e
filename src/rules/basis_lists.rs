//! The lists of legal bases a spec gives, and how a finding names them: each activity's `basis`
//! ("activity `x`") and each disclosure's `under` ("the disclosure to `y`"). Several rules check
//! every such list the same way; they walk them here.

use crate::diagnostic::{Diagnostic, Severity};
use crate::i18n::Lang;
use crate::law::ActId;
use crate::law::acts::LaysDown;
use crate::law::citation::LegalRef;
use crate::semantic::model::{Activity, CaseBases, Disclosure, Model, Recipient};
use crate::tr;

pub mod text {
    crate::texts! {
        WHOSE_ACTIVITY = ("activity `{activity}`", "aktiviteten `{activity}`"),
        WHOSE_DISCLOSURE = ("the disclosure to `{recipient}`", "videregivelsen til `{recipient}`"),
        DISCLOSED_TO = ("disclosed to `{recipient}` ({kind})", "videregives til `{recipient}` ({kind})"),
        WHOSE_CASES = (
            "activity `{activity}` in some cases",
            "aktiviteten `{activity}` i nogle tilfælde",
        ),
        ONLY_SOME_CASES = ("given only for some cases", "angivet kun for nogle tilfælde"),
        ONLY_SOME_CASES_WHICH = (
            "given only for some cases: \"{cases}\"",
            "angivet kun for nogle tilfælde: \"{cases}\"",
        ),
        HELP_SOME_CASES = (
            "{help}; if the provision given for some cases covers every case in which this is processed, state it without `in some cases`",
            "{help}; dækker bestemmelsen, der er angivet for nogle tilfælde, alle de tilfælde, hvor dette behandles, så angiv den uden `in some cases`",
        ),
    }
}

/// One list of bases, and whose it is.
pub enum BasisList<'a> {
    Activity(&'a Activity),
    /// `basis ... in some cases`: read with the bases of every case of the activity, which apply to
    /// those cases too ([`BasisList::every_case`]).
    Cases {
        activity: &'a Activity,
        cases: &'a CaseBases,
    },
    Disclosure {
        disclosure: &'a Disclosure,
        recipient: &'a Recipient,
    },
}

impl<'a> BasisList<'a> {
    pub fn bases(&self) -> &'a [LegalRef] {
        match self {
            BasisList::Activity(activity) => &activity.bases,
            BasisList::Cases { cases, .. } => &cases.bases,
            BasisList::Disclosure { disclosure, .. } => &disclosure.basis,
        }
    }

    /// The bases of every case of the activity that also apply to a list of some cases; empty for
    /// the other lists.
    pub fn every_case(&self) -> &'a [LegalRef] {
        match self {
            BasisList::Cases { activity, .. } => &activity.bases,
            BasisList::Activity(_) | BasisList::Disclosure { .. } => &[],
        }
    }

    /// Whose list it is, for a finding's message: "activity `x`", "the disclosure to `y`". Called
    /// only when there is a finding: most lists have none.
    pub fn whose(&self, lang: Lang) -> String {
        match self {
            BasisList::Activity(activity) => {
                tr!(lang, text::WHOSE_ACTIVITY, activity = activity.name.node)
            }
            BasisList::Cases { activity, .. } => {
                tr!(lang, text::WHOSE_CASES, activity = activity.name.node)
            }
            BasisList::Disclosure { recipient, .. } => {
                tr!(
                    lang,
                    text::WHOSE_DISCLOSURE,
                    recipient = recipient.name.node
                )
            }
        }
    }
}

/// Gives `visit` every list of bases of `activities` (of `model`): each activity's, its lists of some
/// cases, then each of its disclosures'. A loop, not an iterator: as a flattened chain of iterators
/// it took some 70 instructions a list, for the several rules that walk every list of a spec.
pub fn each<'m>(
    model: &'m Model,
    activities: &'m [Activity],
    mut visit: impl FnMut(BasisList<'m>),
) {
    for activity in activities {
        visit(BasisList::Activity(activity));
        for cases in activity.case_bases() {
            visit(BasisList::Cases { activity, cases });
        }
        for disclosure in &activity.disclosures {
            visit(BasisList::Disclosure {
                disclosure,
                recipient: model.recipient(disclosure.recipient.id),
            });
        }
    }
}

/// The first statement of bases of some cases only (`basis ... in some cases`) with a basis that
/// `is` accepts. For the rules that ask whether every case of an activity has a basis of a kind: a
/// basis of some cases alone does not say so (docs/language.md, "Bases of some cases").
pub fn in_some_cases(activity: &Activity, is: impl Fn(&LegalRef) -> bool) -> Option<&CaseBases> {
    activity
        .case_bases()
        .iter()
        .find(|cases| cases.bases.iter().any(&is))
}

/// A finding that every case lacks a basis of a kind, when the activity gives one for some cases
/// (`cases`): a warning, since the data may be processed only in those cases, which the spec does not
/// say; the statement of some cases is shown, and the help also says how to state a basis that covers
/// every case. The rule gives the message, which says that the basis is given for some cases only.
///
/// A label the rule put on all the activity's `basis` statements ("none of these is ...") is moved to
/// its statements of every case: the statement of some cases does have such a basis.
pub fn only_in_some_cases(
    lang: Lang,
    activity: &Activity,
    mut finding: Diagnostic,
    message: String,
    cases: &CaseBases,
) -> Diagnostic {
    finding.severity = Severity::Warning;
    finding.message = message;
    let all = activity.basis_span();
    if let Some(at) = finding.secondary.iter().position(|l| l.span == all) {
        let none_of_these = finding.secondary.remove(at);
        let of_some: Vec<_> = activity.case_bases().iter().map(|c| c.span).collect();
        for (n, span) in activity
            .basis_spans
            .iter()
            .filter(|span| !of_some.contains(span))
            .enumerate()
        {
            let mut label = none_of_these.clone();
            label.span = *span;
            finding.secondary.insert(at + n, label);
        }
    }
    let label = match &cases.cases {
        Some(which) => tr!(lang, text::ONLY_SOME_CASES_WHICH, cases = which.node),
        None => tr!(lang, text::ONLY_SOME_CASES),
    };
    let help = finding
        .help
        .take()
        .map(|help| tr!(lang, text::HELP_SOME_CASES, help = help));
    finding
        .with_secondary(cases.span, label)
        .with_help_opt(help)
}

/// The label on a disclosure's recipient: "disclosed to `y` (police)".
pub fn disclosed_to(lang: Lang, recipient: &Recipient) -> String {
    tr!(
        lang,
        text::DISCLOSED_TO,
        recipient = recipient.name.node,
        kind = recipient.kind.word(lang)
    )
}

/// Whether `bases` cite the law a basis in art. 6(1)(c) or (e) rests on (art. 6(3)): the statute
/// that lays down the task or the duty. That is a statute cited as `law "..."`; a Danish § the law
/// data marks as laying down a task or a duty (`lays_down`: TVOL § 2 d, offentlighedsloven § 15,
/// arkivloven § 21, ...); or a Union-law duty of the GDPR itself (art. 32, 30, 33, ...) when art.
/// 6(1)(c) is cited with it (art. 6(3)(a)). Never a processing condition (DBL §§ 5-12, FVL §§ 27-28),
/// nor a collective agreement, which is not law in the sense of art. 6(3).
///
/// ART6-NATIONAL-LAW asks for it, and EMPLOYEE-BASIS accepts it in place of DBL § 12: one notion.
pub fn cites_task_or_duty_law(bases: &[LegalRef]) -> bool {
    // A `law "..."` answers without reading the law data: most lists of a municipality cite one,
    // and this runs for every list of bases, several times.
    if bases.iter().any(|b| matches!(b, LegalRef::Law { .. })) {
        return true;
    }
    // Asked only of a duty of the GDPR itself: most lists cite none.
    let obligation = || bases.iter().any(|b| b.is_gdpr("6", 1, Some('c')));
    bases.iter().any(|basis| match basis {
        LegalRef::Law { .. } => true,
        LegalRef::Agreement { .. } => false,
        LegalRef::Provision { act, .. } => {
            // Looked up once for both questions.
            let provision = basis.provision();
            // A Danish § that provides for a disclosure (TVOL § 4 c, offentlighedsloven § 7) lays
            // it down.
            if *act != ActId::Gdpr && provision.is_some_and(|p| p.provides_for.is_some()) {
                return true;
            }
            match provision.and_then(|p| p.lays_down) {
                Some(LaysDown::Task) => *act != ActId::Gdpr,
                Some(LaysDown::Duty) => *act != ActId::Gdpr || obligation(),
                Some(LaysDown::Condition) | None => false,
            }
        }
    })
}
