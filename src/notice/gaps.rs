//! What the notice of a spec would lack: each element of art. 13 or 14 the spec does not give, for
//! the activity it is missing from. The NOTICE rules report the gaps no other rule reports, and a
//! `--draft` notice marks every gap where the sentence would stand.
//!
//! Which article applies follows SOURCE-NOTICE: data from a source of kind `other_citizens`,
//! `register`, `authority` or `organisation` is obtained from others (art. 14); data from the data
//! subject, from observing them (`system_log`), from the controller's own staff or activities, or an
//! activity that names no source, is collected from the data subject (art. 13). An activity may be
//! both. Art. 14 does not apply where every source from others is covered by an exception
//! (`notice exempt gdpr 14(5)(...)` or `dbl 22(...)`, the activity's own, else the source's, else the
//! controller's).
//!
//! Elements the notice writes from law data whatever the spec says are never gaps: the rights
//! (art. 13(2)(b), 14(2)(c)) and the complaint to Datatilsynet (13(2)(d), 14(2)(e)), from
//! src/law/rights.rs; nor are the recipients (13(1)(e), 14(1)(e): "if any", and the spec names every
//! one it has) and the source (14(2)(f): every source is declared with its name or kind).

use crate::law::countries::{CountryRef, Zone, countries};
use crate::notice::elements::Element;
use crate::rules::source_notice::{is_art14_exception, obtained_from_others};
use crate::semantic::model::{
    Activity, ActivityId, Model, NoticeDecl, Origin, ProcessorId, SourceId, TransferDecl,
};
use crate::syntax::span::{Span, Spanned};

/// One element a notice needs and the spec does not give.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gap {
    pub element: Element,
    /// The activity it is missing from, or `None` for the controller's part of the notice.
    pub activity: Option<ActivityId>,
    /// Where a finding about it points: the activity or the controller.
    pub span: Span,
    /// The code of the rule that reports it (a NOTICE rule, or an older rule that already does,
    /// such as RETENTION-MISSING), so that one problem gives one finding.
    pub reported_by: &'static str,
}

/// The code of the rule that reports the gaps no older rule reports.
pub const NOTICE_INCOMPLETE: &str = "NOTICE-INCOMPLETE";

/// Every gap of the notice of `model`, in the order of the spec.
pub fn gaps(model: &Model) -> Vec<Gap> {
    let mut gaps = Vec::new();
    controller_gaps(model, &mut gaps);
    for (index, activity) in model.activities.iter().enumerate() {
        let id = ActivityId(index as u32);
        activity_gaps(model, id, activity, &mut gaps);
    }
    gaps
}

/// Art. 13(1)(a)-(b), 14(1)(a)-(b): the controller's contact details and its DPO's.
fn controller_gaps(model: &Model, gaps: &mut Vec<Gap>) {
    let controller = &model.controller;
    let mut gap = |element, span, reported_by| {
        gaps.push(Gap {
            element,
            activity: None,
            span,
            reported_by,
        })
    };
    // RECORD-INCOMPLETE fires when the controller has neither an address nor a contact.
    if controller.address.is_none() && controller.contact.is_none() {
        gap(
            Element::Controller,
            controller.name.span,
            "RECORD-INCOMPLETE",
        );
    }
    // A public authority must have a DPO (art. 37(1)(a)): DPO-MISSING, with or without one that
    // lacks contact details. Another controller's DPO without them is RECORD-INCOMPLETE's.
    match &controller.dpo {
        None if controller.public_authority => {
            gap(Element::Dpo, controller.name.span, "DPO-MISSING");
        }
        Some(dpo) if !dpo.has_contact_details() => {
            let rule = match controller.public_authority {
                true => "DPO-MISSING",
                false => "RECORD-INCOMPLETE",
            };
            gap(Element::Dpo, dpo.span, rule);
        }
        _ => {}
    }
}

/// How an activity gets its data, for which article applies.
struct Collection {
    /// Art. 13: some data is collected from the data subject.
    direct: bool,
    /// Some data is handed over by the data subjects themselves (a source of kind `data_subject`):
    /// art. 13(2)(e) asks whether they must. Data collected by observing them (`system_log`, CCTV,
    /// a recording) is not handed over; nor does an activity that names no source say that it is.
    provided: bool,
    /// Art. 14 applies: some data comes from others, and no exception covers it all.
    from_others: bool,
}

fn collection(model: &Model, activity: &Activity) -> Collection {
    let mut direct = activity.sources.is_empty();
    let mut provided = false;
    let mut from_others = false;
    for origin in &activity.sources {
        match obtained_from_others(model, origin.id) {
            Some(source) => from_others |= !exempt(model, activity, source),
            None => {
                direct = true;
                provided |= matches!(origin.id, Origin::Source(id)
                    if model.source(id).kind == crate::law::vocabulary::SourceKind::DataSubject);
            }
        }
    }
    Collection {
        direct,
        provided,
        from_others,
    }
}

/// Which of art. 13 and 14 apply to an activity's notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Articles {
    /// Some data is collected from the data subject.
    pub art13: bool,
    /// Some data comes from others, and no exception to art. 14 covers it all.
    pub art14: bool,
}

/// Which of art. 13 and 14 apply to `activity`'s notice (see the module's comment).
pub fn articles(model: &Model, activity: &Activity) -> Articles {
    let how = collection(model, activity);
    Articles {
        art13: how.direct,
        art14: how.from_others,
    }
}

/// Whether the data from `source` is covered by an exception to art. 14, as SOURCE-NOTICE reads the
/// notices: the activity's own, else the source's, else the controller's.
fn exempt(model: &Model, activity: &Activity, source: SourceId) -> bool {
    let notice = activity
        .notice
        .as_ref()
        .or(model.source(source).notice.as_ref())
        .or(model.controller.notice.as_ref());
    matches!(notice, Some(NoticeDecl::Exempt { basis, .. }) if basis.iter().any(is_art14_exception))
}

fn activity_gaps(model: &Model, id: ActivityId, activity: &Activity, gaps: &mut Vec<Gap>) {
    let how = collection(model, activity);
    if !how.direct && !how.from_others {
        // Every source is from others and covered by an exception: no notice is owed.
        return;
    }
    let span = activity.name.span;
    let mut gap = |element, span, reported_by| {
        gaps.push(Gap {
            element,
            activity: Some(id),
            span,
            reported_by,
        })
    };
    let details = activity.details();

    // Art. 13(1)(c), 14(1)(c): PURPOSE-MISSING fires on no purpose, ART6-BASIS on no point of art. 6(1).
    if activity.purposes.is_empty() {
        gap(Element::PurposesAndBasis, span, "PURPOSE-MISSING");
    } else if !activity
        .bases
        .iter()
        .any(|b| b.gdpr_letter("6", 1).is_some())
    {
        gap(Element::PurposesAndBasis, span, "ART6-BASIS");
    }

    // Art. 13(1)(d), 14(2)(b): the interests, wherever art. 6(1)(f) is cited.
    let legitimate_interests = activity
        .every_cited_basis()
        .find(|b| b.is_gdpr("6", 1, Some('f')));
    if let Some(basis) = legitimate_interests
        && details.interests.is_none()
    {
        // Where the basis is cited, which the finding's label points at.
        gap(
            Element::LegitimateInterests,
            basis.span(),
            NOTICE_INCOMPLETE,
        );
    }

    // Art. 13(1)(f), 14(1)(f): for a transfer under safeguards of art. 46 or 47, how to get a copy
    // of them. (A transfer with no mechanism is TRANSFER-UNDECLARED's; an adequacy decision or a
    // derogation of art. 49(1) needs no copy.)
    if model.controller.safeguards_copy.is_none()
        && let Some(span) = transfer_under_safeguards(model, activity)
    {
        gap(Element::Transfers, span, NOTICE_INCOMPLETE);
    }

    // Art. 14(1)(d): RECORD-INCOMPLETE fires on an activity that lists no data.
    if how.from_others && activity.data.is_empty() {
        gap(Element::DataCategories, span, "RECORD-INCOMPLETE");
    }

    // Art. 13(2)(a), 14(2)(a): RETENTION-MISSING fires when a category listed has no `retain`.
    if activity
        .data
        .iter()
        .any(|d| activity.retention_of(d.id).is_none())
    {
        gap(Element::Retention, span, "RETENTION-MISSING");
    }

    // Art. 13(2)(c), 14(2)(d): CONSENT-WITHDRAWAL fires on consent with no `withdrawal`; with a
    // `withdrawal right`, the notice says the right, and its finding is about the channel.
    let consent = activity.every_cited_basis().any(|b| b.is_consent())
        || activity
            .disclosures
            .iter()
            .any(|d| d.basis.iter().any(|b| b.is_consent()));
    if consent && details.withdrawal.is_none() && details.withdrawal_right.is_none() {
        gap(Element::WithdrawConsent, span, "CONSENT-WITHDRAWAL");
    }

    // Art. 13(2)(e): only for data the data subjects hand over themselves.
    if how.provided && details.providing.is_none() {
        gap(Element::StatutoryRequirement, span, NOTICE_INCOMPLETE);
    }

    // Art. 13(2)(f), 14(2)(g): AUTOMATED-REVIEW fires on automated or AI review with no `logic`.
    let automated = details.review.iter().any(|r| {
        matches!(
            r.node,
            crate::law::vocabulary::ReviewMode::Automated | crate::law::vocabulary::ReviewMode::Ai
        )
    });
    if automated && details.logic.is_none() {
        gap(Element::AutomatedDecisions, span, "AUTOMATED-REVIEW");
    }
}

/// Where a transfer under safeguards of art. 46 or 47 (standard contractual clauses, binding corporate
/// rules, a code of conduct, a certification) is declared for a party the activity's data reaches: a
/// processor it uses or one of their sub-processors, or a recipient it discloses to.
fn transfer_under_safeguards(model: &Model, activity: &Activity) -> Option<Span> {
    // Within the EU/EEA, or where an adequacy decision covers every importer, the safeguards are
    // belt and braces: the notice names the decision (or nothing), not a copy.
    let under_safeguards = |country: &Option<Spanned<CountryRef>>,
                            transfer: &Option<TransferDecl>| {
        if let Some(country) = country {
            let adequate = countries()
                .adequacy_of(&country.node)
                .is_some_and(|a| a.covers_every_importer());
            if country.node.zone() == Zone::Eea || adequate {
                return None;
            }
        }
        let transfer = transfer.as_ref()?;
        transfer
            .mechanisms
            .iter()
            .find(|m| m.node.mechanism.is_safeguard())
            .map(|m| m.span)
    };
    // Each processor once, down the chains of sub-processors.
    let mut seen = vec![false; model.processors.len()];
    let mut stack: Vec<ProcessorId> = activity.processors.iter().map(|p| p.id).collect();
    while let Some(id) = stack.pop() {
        if std::mem::replace(&mut seen[id.index()], true) {
            continue;
        }
        let processor = model.processor(id);
        if let Some(span) = under_safeguards(&processor.country, &processor.transfer) {
            return Some(span);
        }
        stack.extend(processor.subprocessors.iter().copied());
    }
    activity.disclosures.iter().find_map(|d| {
        let recipient = model.recipient(d.recipient.id);
        under_safeguards(&recipient.country, &recipient.transfer)
    })
}
