//! The lists of legal bases a spec gives, and how a finding names them: each activity's `basis`
//! ("activity `x`") and each disclosure's `under` ("the disclosure to `y`"). Several rules check
//! every such list the same way; they walk them here.

use crate::i18n::Lang;
use crate::law::ActId;
use crate::law::acts::LaysDown;
use crate::law::citation::LegalRef;
use crate::semantic::model::{Activity, Disclosure, Model, Recipient};
use crate::tr;

pub mod text {
    crate::texts! {
        WHOSE_ACTIVITY = ("activity `{activity}`", "aktiviteten `{activity}`"),
        WHOSE_DISCLOSURE = ("the disclosure to `{recipient}`", "videregivelsen til `{recipient}`"),
        DISCLOSED_TO = ("disclosed to `{recipient}` ({kind})", "videregives til `{recipient}` ({kind})"),
    }
}

/// One list of bases, and whose it is.
pub enum BasisList<'a> {
    Activity(&'a Activity),
    Disclosure {
        disclosure: &'a Disclosure,
        recipient: &'a Recipient,
    },
}

impl<'a> BasisList<'a> {
    pub fn bases(&self) -> &'a [LegalRef] {
        match self {
            BasisList::Activity(activity) => &activity.bases,
            BasisList::Disclosure { disclosure, .. } => &disclosure.basis,
        }
    }

    /// Whose list it is, for a finding's message: "activity `x`", "the disclosure to `y`". Called
    /// only when there is a finding: most lists have none.
    pub fn whose(&self, lang: Lang) -> String {
        match self {
            BasisList::Activity(activity) => {
                tr!(lang, text::WHOSE_ACTIVITY, activity = activity.name.node)
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

/// Every list of bases in the spec: each activity's, then each of its disclosures'.
pub fn all(model: &Model) -> impl Iterator<Item = BasisList<'_>> {
    model.activities.iter().flat_map(move |activity| {
        std::iter::once(BasisList::Activity(activity)).chain(activity.disclosures.iter().map(
            move |disclosure| BasisList::Disclosure {
                disclosure,
                recipient: model.recipient(disclosure.recipient.id),
            },
        ))
    })
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

/// The citation in `bases` that is the law a basis in art. 6(1)(c) or (e) rests on (art. 6(3)): the
/// statute that lays down the task or the duty. That is a statute cited as `law "..."`; a Danish §
/// the law data marks as laying down a task or a duty (`lays_down`: TVOL § 2 d, offentlighedsloven
/// § 15, arkivloven § 21, ...); or a Union-law duty of the GDPR itself (art. 32, 30, 33, ...) when
/// art. 6(1)(c) is cited with it (art. 6(3)(a)). Never a processing condition (DBL §§ 5-12, FVL
/// §§ 27-28), nor a collective agreement, which is not law in the sense of art. 6(3).
///
/// ART6-NATIONAL-LAW asks for it, and EMPLOYEE-BASIS accepts it in place of DBL § 12: one notion.
pub fn task_or_duty_law(bases: &[LegalRef]) -> Option<&LegalRef> {
    let obligation = bases.iter().any(|b| b.is_gdpr("6", 1, Some('c')));
    bases.iter().find(|basis| match basis {
        LegalRef::Law { .. } => true,
        LegalRef::Agreement { .. } => false,
        LegalRef::Provision { act, .. } => {
            // Looked up once for both questions: this runs for every list of bases, several times.
            let provision = basis.provision();
            // A Danish § that provides for a disclosure (TVOL § 4 c, offentlighedsloven § 7) lays
            // it down.
            if *act != ActId::Gdpr && provision.is_some_and(|p| p.provides_for.is_some()) {
                return true;
            }
            match provision.and_then(|p| p.lays_down) {
                Some(LaysDown::Task) => *act != ActId::Gdpr,
                Some(LaysDown::Duty) => *act != ActId::Gdpr || obligation,
                Some(LaysDown::Condition) | None => false,
            }
        }
    })
}
