//! The notice of a spec, written as a [`Notice`]: the controller's part, one section per audience
//! (its activities, grouped by `unit` where the spec gives one, and the rights), and the complaint.
//! Every sentence is written from a statement of the spec or from law data; an element the spec does
//! not give has no sentence, and in a draft the mark of its gap ([`super::gap_mark`]).

use std::collections::HashMap;

use crate::i18n::Lang;
use crate::law::acts::ActId;
use crate::law::citation::{LegalRef, Point};
use crate::law::countries::{CountryRef, countries};
use crate::law::rights::{self, Authority, Right};
use crate::law::vocabulary::{ReviewMode, SourceKind};
use crate::notice::audience::Audience;
use crate::notice::document::{Block, Notice, Section, full_stop};
use crate::notice::elements::Element;
use crate::notice::gap_mark::{self, Collected};
use crate::notice::gaps::Gap;
use crate::notice::words::{self, *};
use crate::ropa::words as ropa_words;
use crate::semantic::model::{
    Activity, Model, NoticeDecl, Origin, Period, ProcessorId, RetentionRule, TransferDecl,
};
use crate::syntax::span::Span;
use crate::tr;

/// The law data a notice reads: which rights apply to an activity's bases, and the authority to
/// complain to. Apart so that a test can give its own.
pub struct LawData {
    pub rights_for: fn(&[&LegalRef]) -> Vec<&'static Right>,
    pub authority: &'static Authority,
}

impl LawData {
    /// hjemmel's own law data (src/law/rights.rs).
    pub fn hjemmel() -> LawData {
        LawData {
            rights_for: rights::rights_for,
            authority: rights::supervisory_authority(),
        }
    }
}

/// The notice of `model` for `audiences`. `gaps` are marked where their sentence would stand (a
/// draft); pass none for a normal notice.
pub fn build(model: &Model, audiences: &[Audience], gaps: &[Gap], lang: Lang) -> Notice {
    build_with(&LawData::hjemmel(), model, audiences, gaps, lang)
}

/// [`build`] with the law data given.
pub fn build_with(
    law: &LawData,
    model: &Model,
    audiences: &[Audience],
    gaps: &[Gap],
    lang: Lang,
) -> Notice {
    let placed = PlacedGaps::new(model, gaps);
    let mut sections = vec![controller_section(model, &placed, lang)];
    for audience in audiences {
        sections.push(audience_section(law, model, audience, &placed, lang));
    }
    let complaint = complaint_section(law.authority, &placed, lang);
    if !complaint.blocks.is_empty() {
        sections.push(complaint);
    }
    Notice {
        lang,
        title: title(model, lang),
        meta: meta(model, lang),
        sections,
    }
}

fn title(model: &Model, lang: Lang) -> String {
    match &model.controller.document {
        Some(document) => document.title.node.clone(),
        None => tr!(lang, TITLE),
    }
}

fn meta(model: &Model, lang: Lang) -> Vec<String> {
    let Some(document) = &model.controller.document else {
        return Vec::new();
    };
    let mut meta = Vec::new();
    if let Some(version) = &document.version {
        meta.push(tr!(lang, VERSION, version = version.node));
    }
    if let Some(date) = &document.date {
        meta.push(tr!(lang, DATED, date = date.node));
    }
    if let Some(web) = &document.web {
        meta.push(tr!(lang, WEB, web = web.node));
    }
    meta
}

/// The gaps by where they are marked: the controller's part, or an activity.
struct PlacedGaps<'g> {
    controller: Vec<&'g Gap>,
    by_activity: Vec<Vec<&'g Gap>>,
    /// How the spec's data is collected, for the controller's gaps.
    collected: Collected,
}

impl<'g> PlacedGaps<'g> {
    fn new(model: &Model, gaps: &'g [Gap]) -> PlacedGaps<'g> {
        let mut placed = PlacedGaps {
            controller: Vec::new(),
            by_activity: Vec::new(),
            collected: Collected {
                from_person: false,
                from_others: false,
            },
        };
        if gaps.is_empty() {
            return placed;
        }
        placed.by_activity = vec![Vec::new(); model.activities.len()];
        for gap in gaps {
            match gap.activity {
                Some(id) if id.index() < model.activities.len() => {
                    placed.by_activity[id.index()].push(gap)
                }
                _ => placed.controller.push(gap),
            }
        }
        for activity in &model.activities {
            let c = collected(model, activity);
            placed.collected.from_person |= c.from_person;
            placed.collected.from_others |= c.from_others;
        }
        placed
    }

    fn of_activity(&self, index: usize) -> &[&'g Gap] {
        self.by_activity.get(index).map_or(&[], Vec::as_slice)
    }
}

/// Whether the activity's data comes from the person (art. 13) or from others (art. 14). An
/// activity that names no source is taken to collect from the person: only a gap's mark cites it.
fn collected(model: &Model, activity: &Activity) -> Collected {
    let from_person =
        activity.sources.is_empty() || activity.sources.iter().any(|s| is_from_person(model, s.id));
    let from_others = activity
        .sources
        .iter()
        .any(|s| !is_from_person(model, s.id));
    Collected {
        from_person,
        from_others,
    }
}

fn is_from_person(model: &Model, origin: Origin) -> bool {
    matches!(origin, Origin::Source(id) if model.source(id).kind == SourceKind::DataSubject)
}

fn controller_section(model: &Model, gaps: &PlacedGaps<'_>, lang: Lang) -> Section {
    let c = &model.controller;
    let mut section = Section::new(tr!(lang, CONTROLLER_HEADING));
    section.blocks.push(Block::sentence(
        Some(Element::Controller),
        Some(c.label.span),
        tr!(lang, CONTROLLER, controller = c.label.node),
    ));
    let contact: Vec<String> = [&c.address, &c.contact]
        .into_iter()
        .flatten()
        .map(|t| t.node.clone())
        .collect();
    if !contact.is_empty() {
        section.blocks.push(Block::list(
            Element::Controller,
            Some(c.span),
            tr!(lang, CONTACT),
            contact,
        ));
    }
    if let Some(dpo) = &c.dpo {
        let mut items = Vec::new();
        items.extend(dpo.name.iter().map(|t| t.node.clone()));
        items.extend(dpo.address.iter().map(|t| t.node.clone()));
        items.extend(dpo.phone.iter().map(|t| tr!(lang, PHONE, phone = t.node)));
        items.extend(dpo.email.iter().map(|t| tr!(lang, EMAIL, email = t.node)));
        items.extend(dpo.web.iter().map(|t| t.node.clone()));
        if !items.is_empty() {
            section.blocks.push(Block::list(
                Element::Dpo,
                Some(dpo.span),
                tr!(lang, DPO),
                items,
            ));
        }
    }
    for gap in gaps
        .controller
        .iter()
        .filter(|g| g.element != Element::Complaint)
    {
        section
            .blocks
            .push(gap_mark::mark(lang, gap, gaps.collected));
    }
    section.blocks.sort_by_key(Block::order);
    section
}

fn audience_section(
    law: &LawData,
    model: &Model,
    audience: &Audience,
    gaps: &PlacedGaps<'_>,
    lang: Lang,
) -> Section {
    let mut section = Section::new(audience.heading.clone());
    let groups: Vec<String> = audience
        .group_labels(model)
        .into_iter()
        .map(str::to_string)
        .collect();
    section
        .blocks
        .push(Block::list_guide(tr!(lang, AUDIENCE_GROUPS), groups));
    let covered: Vec<(usize, &Activity)> = model
        .activities
        .iter()
        .enumerate()
        .filter(|(_, a)| audience.covers(a))
        .collect();
    if covered.is_empty() {
        section
            .blocks
            .push(Block::sentence(None, None, tr!(lang, NO_ACTIVITIES)));
        return section;
    }
    // The rights that apply to every activity of the audience are said once, the others with the
    // activity they apply to.
    let rights: Vec<Vec<&'static Right>> = covered
        .iter()
        .map(|(_, a)| {
            let bases: Vec<&LegalRef> = a.every_cited_basis().collect();
            (law.rights_for)(&bases)
                .into_iter()
                .filter(|r| r.key != "complaint")
                .collect()
        })
        .collect();
    let common: Vec<&'static Right> = rights[0]
        .iter()
        .copied()
        .filter(|r| rights.iter().all(|rs| rs.iter().any(|o| o.key == r.key)))
        .collect();

    let mut cite = Citations::new(lang);
    let mut units: HashMap<&str, usize> = HashMap::new();
    for ((index, activity), own_rights) in covered.iter().zip(&rights) {
        let extra: Vec<&Right> = own_rights
            .iter()
            .copied()
            .filter(|r| !common.iter().any(|c| c.key == r.key))
            .collect();
        let part = activity_section(model, activity, &extra, gaps.of_activity(*index), &mut cite);
        match &activity.details().unit {
            Some(unit) => match units.get(unit.node.as_str()) {
                Some(&at) => section.subsections[at].subsections.push(part),
                None => {
                    units.insert(unit.node.as_str(), section.subsections.len());
                    let mut unit_section = Section::new(unit.node.clone());
                    unit_section.subsections.push(part);
                    section.subsections.push(unit_section);
                }
            },
            None => section.subsections.push(part),
        }
    }
    for unit in &mut section.subsections {
        if let [only] = unit.subsections.as_slice()
            && only.heading == unit.heading
            && unit.blocks.is_empty()
        {
            *unit = unit.subsections.pop().expect("one subsection");
        }
    }
    if !common.is_empty() {
        let mut rights_section = Section::new(tr!(lang, RIGHTS_HEADING));
        rights_section
            .blocks
            .extend(common.iter().map(|r| right_block(r, None, lang)));
        section.subsections.push(rights_section);
    }
    section
}

fn right_block(right: &Right, span: Option<Span>, lang: Lang) -> Block {
    let element = if right.key == "withdraw_consent" {
        Element::WithdrawConsent
    } else {
        Element::Rights
    };
    let text = match lang {
        Lang::Da => right.da,
        Lang::En => right.en,
    };
    Block::sentence(Some(element), span, text.to_string())
}

/// One activity's part of the notice: a block per statement that gives an element, in the order of
/// the elements, and the marks of its gaps where they would stand.
fn activity_section<'m>(
    model: &'m Model,
    activity: &'m Activity,
    extra_rights: &[&Right],
    gaps: &[&Gap],
    cite: &mut Citations<'m>,
) -> Section {
    let lang = cite.lang;
    let mut section = Section::new(activity.label.node.clone());
    let blocks = &mut section.blocks;
    let details = activity.details();

    if let (Some(first), Some(last)) = (activity.purposes.first(), activity.purposes.last()) {
        let items = activity.purposes.iter().map(|p| p.node.clone()).collect();
        blocks.push(Block::list(
            Element::PurposesAndBasis,
            Some(first.span.to(last.span)),
            tr!(lang, PURPOSES),
            items,
        ));
    }
    if let Some(measure) = &details.control_measure {
        blocks.push(Block::list(
            Element::PurposesAndBasis,
            Some(measure.span),
            tr!(lang, CONTROL_MEASURE),
            vec![measure.reason.node.clone()],
        ));
    }
    if !activity.bases.is_empty() {
        let items = activity.bases.iter().map(|b| cite.of(b)).collect();
        blocks.push(Block::list(
            Element::PurposesAndBasis,
            Some(activity.basis_span()),
            tr!(lang, BASES),
            items,
        ));
    }
    for case in activity.case_bases() {
        let lead = match &case.cases {
            Some(cases) => tr!(lang, CASE_BASES_WHICH, cases = cases.node),
            None => tr!(lang, CASE_BASES),
        };
        let items = case.bases.iter().map(|b| cite.of(b)).collect();
        blocks.push(Block::list(
            Element::PurposesAndBasis,
            Some(case.span),
            lead,
            items,
        ));
    }
    if let (Some(first), Some(last)) = (activity.data.first(), activity.data.last()) {
        let items = activity
            .data
            .iter()
            .map(|d| model.data(d.id).label.node.clone())
            .collect();
        blocks.push(Block::list(
            Element::DataCategories,
            Some(first.span.to(last.span)),
            tr!(lang, DATA),
            items,
        ));
    }
    sources(model, activity, cite, blocks);
    recipients(model, activity, lang, blocks);
    transfers(model, activity, lang, blocks);
    for rule in &activity.retention {
        blocks.push(Block::sentence(
            Some(Element::Retention),
            Some(rule.span),
            retention(model, rule, lang),
        ));
    }
    automated(activity, lang, blocks);
    if !extra_rights.is_empty() {
        let items = extra_rights
            .iter()
            .map(|r| right_block(r, None, lang).text)
            .collect();
        blocks.push(Block::list(
            Element::Rights,
            Some(activity.basis_span()),
            tr!(lang, RIGHTS_ALSO),
            items,
        ));
    }
    if let Some(words) = &details.withdrawal_right {
        blocks.push(Block::sentence(
            Some(Element::WithdrawConsent),
            Some(words.span),
            full_stop(words.node.clone()),
        ));
    }
    if let Some(how) = &details.withdrawal {
        blocks.push(Block::sentence(
            Some(Element::WithdrawConsent),
            Some(how.span),
            full_stop(tr!(lang, WITHDRAW_HOW, how = how.node)),
        ));
    }
    restrictions(activity, cite, blocks);

    let collected = collected(model, activity);
    blocks.extend(gaps.iter().map(|g| gap_mark::mark(lang, g, collected)));
    blocks.sort_by_key(Block::order);
    section
}

/// Where the data comes from (art. 14(2)(f)), and how the person is told of data from others.
fn sources<'m>(
    model: &'m Model,
    activity: &'m Activity,
    cite: &mut Citations<'m>,
    blocks: &mut Vec<Block>,
) {
    let lang = cite.lang;
    let (Some(first), Some(last)) = (activity.sources.first(), activity.sources.last()) else {
        return;
    };
    let items = activity
        .sources
        .iter()
        .map(|s| match s.id {
            Origin::Source(id) => model.source(id).label.node.clone(),
            Origin::Activity(id) => tr!(
                lang,
                FROM_ACTIVITY,
                activity = model.activities[id.index()].label.node
            ),
        })
        .collect();
    blocks.push(Block::list(
        Element::Source,
        Some(first.span.to(last.span)),
        tr!(lang, SOURCES),
        items,
    ));
    if !collected(model, activity).from_others {
        return;
    }
    // The activity's own `notice`, else that of its first source that has one, else the controller's.
    let notice = activity
        .notice
        .as_ref()
        .or_else(|| {
            activity.sources.iter().find_map(|s| match s.id {
                Origin::Source(id) => model.source(id).notice.as_ref(),
                Origin::Activity(_) => None,
            })
        })
        .or(model.controller.notice.as_ref());
    match notice {
        Some(NoticeDecl::Practice(text)) => blocks.push(Block::sentence(
            Some(Element::Source),
            Some(text.span),
            full_stop(text.node.clone()),
        )),
        Some(NoticeDecl::Exempt { basis, span }) => blocks.push(Block::sentence(
            Some(Element::Source),
            Some(*span),
            tr!(lang, NOT_TOLD, basis = cite.all(basis)),
        )),
        None => {}
    }
}

/// The recipients: those the activity discloses to, and its processors (art. 4(9)).
fn recipients(model: &Model, activity: &Activity, lang: Lang, blocks: &mut Vec<Block>) {
    if let (Some(first), Some(last)) = (activity.disclosures.first(), activity.disclosures.last()) {
        let items = activity
            .disclosures
            .iter()
            .map(|d| {
                let recipient = &model.recipient(d.recipient.id).label.node;
                let data: Vec<String> = d
                    .data
                    .iter()
                    .map(|x| model.data(x.id).label.node.clone())
                    .collect();
                let data = words::join(lang, &data);
                match &d.condition {
                    Some(when) => tr!(
                        lang,
                        RECIPIENT_WHEN,
                        recipient = recipient,
                        data = data,
                        when = when.node
                    ),
                    None => tr!(lang, RECIPIENT_DATA, recipient = recipient, data = data),
                }
            })
            .collect();
        blocks.push(Block::list(
            Element::Recipients,
            Some(first.span.to(last.span)),
            tr!(lang, RECIPIENTS),
            items,
        ));
    }
    if let (Some(first), Some(last)) = (activity.processors.first(), activity.processors.last()) {
        let items = processor_tree(model, activity)
            .into_iter()
            .map(|id| {
                let processor = model.processor(id);
                match processor.parent {
                    Some(parent) => tr!(
                        lang,
                        SUBPROCESSOR,
                        name = processor.label.node,
                        parent = model.processor(parent).label.node
                    ),
                    None => processor.label.node.clone(),
                }
            })
            .collect();
        blocks.push(Block::list(
            Element::Recipients,
            Some(first.span.to(last.span)),
            tr!(lang, PROCESSORS),
            items,
        ));
    }
}

/// The activity's processors and, after each, the sub-processors it engaged, each once.
fn processor_tree(model: &Model, activity: &Activity) -> Vec<ProcessorId> {
    let mut seen: Vec<ProcessorId> = Vec::new();
    let mut stack: Vec<ProcessorId> = activity.processors.iter().rev().map(|p| p.id).collect();
    while let Some(id) = stack.pop() {
        if seen.contains(&id) {
            continue;
        }
        seen.push(id);
        stack.extend(model.processor(id).subprocessors.iter().rev());
    }
    seen
}

/// A sentence for each party that handles the data outside the EU/EEA, with its safeguard.
fn transfers(model: &Model, activity: &Activity, lang: Lang, blocks: &mut Vec<Block>) {
    let processors = processor_tree(model, activity).into_iter().map(|id| {
        let p = model.processor(id);
        (&p.label, p.country.as_ref(), p.transfer.as_ref(), p.span)
    });
    let mut recipients: Vec<_> = activity
        .disclosures
        .iter()
        .map(|d| d.recipient.id)
        .collect();
    recipients.dedup();
    let recipients = recipients.into_iter().map(|id| {
        let r = model.recipient(id);
        (&r.label, r.country.as_ref(), r.transfer.as_ref(), r.span)
    });
    for (label, country, transfer, span) in processors.chain(recipients) {
        let Some(country) = country.filter(|c| ropa_words::is_third_country(&c.node)) else {
            continue;
        };
        let place = match &country.node {
            CountryRef::OutsideEea => tr!(lang, OUTSIDE_EEA),
            other => tr!(lang, IN_THIRD_COUNTRY, country = country_name(lang, other)),
        };
        let safeguard = safeguard(lang, transfer, &country.node);
        let text = match safeguard {
            Some(safeguard) => tr!(
                lang,
                TRANSFER_SAFEGUARD,
                party = label.node,
                place = place,
                safeguard = safeguard
            ),
            None => tr!(lang, TRANSFER, party = label.node, place = place),
        };
        blocks.push(Block::sentence(Some(Element::Transfers), Some(span), text));
    }
}

fn country_name(lang: Lang, country: &CountryRef) -> String {
    match country {
        CountryRef::Code(code) => countries()
            .get(code)
            .map_or(code.clone(), |c| c.name_in(lang).to_string()),
        CountryRef::Organisation(code) => countries()
            .organisation(code)
            .map_or(code.clone(), |o| o.name_in(lang).to_string()),
        CountryRef::OutsideEea => tr!(lang, OUTSIDE_EEA),
        CountryRef::Unknown => tr!(lang, UNKNOWN_COUNTRY),
    }
}

/// The declared mechanisms, or the adequacy decision that covers the whole country.
fn safeguard(lang: Lang, transfer: Option<&TransferDecl>, country: &CountryRef) -> Option<String> {
    match transfer {
        Some(t) if !t.mechanisms.is_empty() => {
            let named: Vec<String> = t
                .mechanisms
                .iter()
                .map(|m| ropa_words::mechanism(lang, &m.node))
                .collect();
            Some(words::join(lang, &named))
        }
        _ => ropa_words::implied_mechanism(lang, country),
    }
}

fn retention(model: &Model, rule: &RetentionRule, lang: Lang) -> String {
    let data = if rule.targets.is_empty() {
        tr!(lang, ALL_DATA)
    } else {
        let labels: Vec<String> = rule
            .targets
            .iter()
            .map(|t| model.data(t.id).label.node.clone())
            .collect();
        words::join(lang, &labels)
    };
    let (mut sentence, archive) = match &rule.period {
        Period::Archive => return tr!(lang, ARCHIVE, data = data),
        Period::Deadline {
            amount,
            unit,
            after,
            then_archive,
        } => {
            let unit = unit.word(*amount, lang);
            let text = match after {
                Some(event) => tr!(
                    lang,
                    KEEP_FOR_AFTER,
                    data = data,
                    amount = amount,
                    unit = unit,
                    event = event
                ),
                None => tr!(lang, KEEP_FOR, data = data, amount = amount, unit = unit),
            };
            (text, *then_archive)
        }
        Period::Until {
            event,
            then_archive,
        } => (
            tr!(lang, KEEP_UNTIL, data = data, event = event),
            *then_archive,
        ),
    };
    if archive {
        sentence.push(' ');
        sentence.push_str(&tr!(lang, THEN_ARCHIVE));
    }
    sentence
}

/// How the data is reviewed, when a machine takes part, and the logic the spec states.
fn automated(activity: &Activity, lang: Lang, blocks: &mut Vec<Block>) {
    let review = &activity.details().review;
    let machine = review.iter().any(|m| m.node != ReviewMode::Manual);
    if machine && let (Some(first), Some(last)) = (review.first(), review.last()) {
        let items = review
            .iter()
            .map(|m| words::review_mode(lang, m.node))
            .collect();
        blocks.push(Block::list(
            Element::AutomatedDecisions,
            Some(first.span.to(last.span)),
            tr!(lang, REVIEW),
            items,
        ));
    }
    if let Some(logic) = &activity.details().logic {
        blocks.push(Block::sentence(
            Some(Element::AutomatedDecisions),
            Some(logic.span),
            full_stop(tr!(lang, LOGIC, logic = logic.node)),
        ));
    }
}

/// The Danish restrictions of the rights the spec declares: exceptions, refused erasure.
fn restrictions<'m>(activity: &'m Activity, cite: &mut Citations<'m>, blocks: &mut Vec<Block>) {
    let lang = cite.lang;
    let details = activity.details();
    for exception in &details.exceptions {
        let law = cite.of(&exception.citation);
        let text = match &exception.reason {
            Some(reason) => full_stop(tr!(lang, EXCEPTION, law = law, reason = reason.node)),
            None => tr!(lang, EXCEPTION_BARE, law = law),
        };
        blocks.push(Block::sentence(
            Some(Element::Rights),
            Some(exception.span),
            text,
        ));
    }
    if let Some(refusal) = &details.erasure_refusal {
        let text = if refusal.basis.is_empty() {
            full_stop(tr!(lang, ERASURE_REFUSED, reason = refusal.reason.node))
        } else {
            let law = cite.all(&refusal.basis);
            full_stop(tr!(
                lang,
                ERASURE_REFUSED_UNDER,
                reason = refusal.reason.node,
                law = law
            ))
        };
        blocks.push(Block::sentence(
            Some(Element::Rights),
            Some(refusal.span),
            text,
        ));
    }
}

/// The right to complain to the supervisory authority (art. 77), with its contact details from law
/// data; nothing when the law data gives no authority.
fn complaint_section(authority: &Authority, gaps: &PlacedGaps<'_>, lang: Lang) -> Section {
    let mut section = Section::new(tr!(lang, COMPLAINT_HEADING));
    let name = match lang {
        Lang::Da => authority.name_da,
        Lang::En => authority.name_en,
    };
    if !name.is_empty() {
        section.blocks.push(Block::sentence(
            Some(Element::Complaint),
            None,
            tr!(lang, COMPLAINT, authority = name),
        ));
        let mut items: Vec<String> = Vec::new();
        if !authority.address.is_empty() {
            items.push(authority.address.to_string());
        }
        if !authority.phone.is_empty() {
            items.push(tr!(lang, PHONE, phone = authority.phone));
        }
        if !authority.email.is_empty() {
            items.push(tr!(lang, EMAIL, email = authority.email));
        }
        if !authority.web.is_empty() {
            items.push(authority.web.to_string());
        }
        if !items.is_empty() {
            section.blocks.push(Block::list(
                Element::Complaint,
                None,
                name.to_string(),
                items,
            ));
        }
    }
    for gap in gaps
        .controller
        .iter()
        .filter(|g| g.element == Element::Complaint)
    {
        section
            .blocks
            .push(gap_mark::mark(lang, gap, gaps.collected));
    }
    section
}

/// A provision as cited: act, number, paragraph, point (a citation's span left out).
type ProvisionKey<'m> = (ActId, &'m str, Option<u32>, Option<Point>);

/// Citations as the notice writes them ([`words::citation`]), each provision written once: a spec
/// cites the same few provisions in every activity, and writing one takes a dozen string searches.
struct Citations<'m> {
    lang: Lang,
    written: HashMap<ProvisionKey<'m>, String>,
}

impl<'m> Citations<'m> {
    fn new(lang: Lang) -> Citations<'m> {
        Citations {
            lang,
            written: HashMap::new(),
        }
    }

    fn of(&mut self, citation: &'m LegalRef) -> String {
        let lang = self.lang;
        match citation {
            LegalRef::Provision {
                act,
                number,
                paragraph,
                point,
                ..
            } => self
                .written
                .entry((*act, number.as_ref(), *paragraph, *point))
                .or_insert_with(|| words::citation(lang, citation))
                .clone(),
            LegalRef::Law { .. } | LegalRef::Agreement { .. } => words::citation(lang, citation),
        }
    }

    /// Several citations joined for a sentence: `a, b og c`.
    fn all(&mut self, citations: &'m [LegalRef]) -> String {
        let written: Vec<String> = citations.iter().map(|c| self.of(c)).collect();
        words::join(self.lang, &written)
    }
}
