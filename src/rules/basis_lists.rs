//! The lists of legal bases a spec gives, and how a finding names them: each activity's `basis`
//! ("activity `x`") and each disclosure's `under` ("the disclosure to `y`"). Several rules check
//! every such list the same way; they walk them here.

use crate::i18n::Lang;
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
