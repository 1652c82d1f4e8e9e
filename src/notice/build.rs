//! The notice of a spec, written as a [`Notice`]: the controller's part, one section per audience
//! (its activities, grouped by `unit` where the spec gives one, and the rights), and the complaint.
//! Every sentence is written from a statement of the spec or from law data; an element the spec does
//! not give has no sentence, and in a draft the mark of its gap ([`super::gap_mark`]).

use std::borrow::Cow;
use std::collections::HashMap;

use crate::i18n::{Lang, Text};
use crate::law::acts::ActId;
use crate::law::citation::{LegalRef, Point};
use crate::law::countries::{CountryRef, countries};
use crate::law::rights::{self, Authority, RightFor};
use crate::law::vocabulary::{ReviewMode, SourceKind};
use crate::notice::audience::Audience;
use crate::notice::document::{Block, Collect, Notice, Section, Sink, full_stop};
use crate::notice::elements::Element;
use crate::notice::gap_mark;
use crate::notice::gaps::{self, Articles, Gap};
use crate::notice::template::{self, Templates, Words};
use crate::notice::words::{self, *};
use crate::prefetch::prefetch;
use crate::ropa::words as ropa_words;
use crate::semantic::model::{
    Activity, DataId, HeldCopy, Model, NoticeDecl, Origin, Period, ProcessorId, Providing,
    RetentionRule, TransferDecl,
};
use crate::spec_map::SpecMap;
use crate::syntax::ast::Requirement;
use crate::syntax::span::Span;

/// [`crate::tr!`] for the notice's sentences: the values are words (spec text, labels, law data)
/// put in as they are, without `fmt` and with the room for them taken at once, and each call
/// site's template is read once ([`Templates`]). A notice of 10,000 activities fills some 85,000
/// sentences. The text must be a constant: a call site keeps the template it first read.
macro_rules! tr {
    ($lang:expr, $text:expr $(,)?) => {{
        const TEXT: crate::i18n::Text = $text;
        const PLAIN: [bool; 2] = [template::is_plain(TEXT.en), template::is_plain(TEXT.da)];
        constant(TEXT, PLAIN, $lang)
    }};
    ($lang:expr, $text:expr, $($name:ident = $value:expr),+ $(,)?) => {{
        const TEXT: crate::i18n::Text = $text;
        static TEMPLATES: Templates = Templates::new();
        TEMPLATES
            .get(TEXT, &[$(stringify!($name)),+], $lang)
            .fill(&[$(&$value as &dyn Words),+])
    }};
}

/// A text with no values: the template itself, borrowed, when it has no braces (`plain`, by
/// language), as nearly every one has not: a list's lead, a heading, a proviso.
fn constant(text: Text, plain: [bool; 2], lang: Lang) -> Cow<'static, str> {
    let (template, plain) = match lang {
        Lang::En => (text.en, plain[0]),
        Lang::Da => (text.da, plain[1]),
    };
    if plain {
        Cow::Borrowed(template)
    } else {
        Cow::Owned(template::say(template, &[]))
    }
}

/// The law data a notice reads: which rights apply to an activity's bases (those of every case, then
/// those of some cases), and the authority to complain to. Apart so that a test can give its own.
pub struct LawData {
    pub rights_for: fn(&[&LegalRef], &[&LegalRef]) -> Vec<RightFor>,
    pub authority: &'static Authority,
}

impl LawData {
    /// hjemmel's own law data (src/law/rights.rs).
    pub fn hjemmel() -> LawData {
        LawData {
            rights_for: rights::rights_for_cases,
            authority: rights::supervisory_authority(),
        }
    }
}

/// The notice of `model` for `audiences`. `gaps` are marked where their sentence would stand (a
/// draft); pass none for a normal notice.
pub fn build<'m>(model: &'m Model, audiences: &[Audience], gaps: &[Gap], lang: Lang) -> Notice<'m> {
    build_with(&LawData::hjemmel(), model, audiences, gaps, lang)
}

/// [`build`] with the law data given.
pub fn build_with<'m>(
    law: &LawData,
    model: &'m Model,
    audiences: &[Audience],
    gaps: &[Gap],
    lang: Lang,
) -> Notice<'m> {
    let mut notice = Collect::default();
    write_with(law, model, audiences, gaps, lang, &mut notice);
    notice.finish()
}

/// The notice of `model` for `audiences`, given to `sink` part by part as it is built (each
/// activity's part, then the next), so that no more than one part is held at a time.
pub fn write<'m>(
    model: &'m Model,
    audiences: &[Audience],
    gaps: &[Gap],
    lang: Lang,
    sink: &mut dyn Sink<'m>,
) {
    write_with(&LawData::hjemmel(), model, audiences, gaps, lang, sink)
}

/// [`write`] with the law data given.
pub fn write_with<'m>(
    law: &LawData,
    model: &'m Model,
    audiences: &[Audience],
    gaps: &[Gap],
    lang: Lang,
    sink: &mut dyn Sink<'m>,
) {
    let placed = PlacedGaps::new(model, gaps);
    sink.head(lang, title(model, lang), meta(model, lang));
    sink.section(controller_section(model, &placed, lang), 2);
    let mut sets = BasisSets::new(model, lang);
    for audience in audiences {
        audience_section(law, model, audience, &placed, &mut sets, sink);
    }
    let complaint = complaint_section(law.authority, &placed, lang);
    if !complaint.blocks.is_empty() {
        sink.section(complaint, 2);
    }
}

fn title(model: &Model, lang: Lang) -> String {
    match &model.controller.document {
        Some(document) => document.title.node.to_string(),
        None => tr!(lang, TITLE).into_owned(),
    }
}

/// The document's version, date and address, then what "art." means: the rights' sentences and the
/// safeguards cite articles of the GDPR as "(art. 15)", and a citizen is told once what that is.
fn meta(model: &Model, lang: Lang) -> Vec<String> {
    let mut meta = document_meta(model, lang);
    meta.push(tr!(lang, ART_MEANS).into_owned());
    meta
}

fn document_meta(model: &Model, lang: Lang) -> Vec<String> {
    let Some(document) = &model.controller.document else {
        return Vec::new();
    };
    let mut meta = Vec::new();
    if let Some(version) = &document.version {
        meta.push(tr!(lang, VERSION, version = version.node));
    }
    if let Some(date) = &document.date {
        meta.push(crate::tr!(lang, DATED, date = date.node));
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
    /// Which of art. 13 and 14 apply to any activity of the spec, for the controller's gaps.
    articles: Articles,
}

impl<'g> PlacedGaps<'g> {
    fn new(model: &Model, gaps: &'g [Gap]) -> PlacedGaps<'g> {
        let mut placed = PlacedGaps {
            controller: Vec::new(),
            by_activity: Vec::new(),
            articles: Articles {
                art13: false,
                art14: false,
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
            let a = gaps::articles(model, activity);
            placed.articles.art13 |= a.art13;
            placed.articles.art14 |= a.art14;
        }
        placed
    }

    fn of_activity(&self, index: usize) -> &[&'g Gap] {
        self.by_activity.get(index).map_or(&[], Vec::as_slice)
    }
}

/// Whether some of the activity's data comes from others than the person: then the notice says how
/// the person is told of it, or the exception relied on.
fn from_others(model: &Model, activity: &Activity) -> bool {
    activity
        .sources
        .iter()
        .any(|s| !is_from_person(model, s.id))
}

fn is_from_person(model: &Model, origin: Origin) -> bool {
    matches!(origin, Origin::Source(id) if model.source(id).kind == SourceKind::DataSubject)
}

fn controller_section<'m>(model: &'m Model, gaps: &PlacedGaps<'_>, lang: Lang) -> Section<'m> {
    let c = &model.controller;
    let mut section = Section::new(tr!(lang, CONTROLLER_HEADING));
    section.blocks.push(Block::sentence(
        Some(Element::Controller),
        Some(c.label.span),
        tr!(lang, CONTROLLER, controller = c.label.node),
    ));
    let contact: Vec<Cow<'m, str>> = [&c.address, &c.contact]
        .into_iter()
        .flatten()
        .map(|t| Cow::Borrowed(t.node.as_str()))
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
        let mut items: Vec<Cow<'m, str>> = Vec::new();
        items.extend(dpo.name.iter().map(|t| Cow::Borrowed(t.node.as_str())));
        items.extend(dpo.address.iter().map(|t| Cow::Borrowed(t.node.as_str())));
        items.extend(
            dpo.phone
                .iter()
                .map(|t| tr!(lang, PHONE, phone = t.node).into()),
        );
        items.extend(
            dpo.email
                .iter()
                .map(|t| tr!(lang, EMAIL, email = t.node).into()),
        );
        items.extend(dpo.web.iter().map(|t| Cow::Borrowed(t.node.as_str())));
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
            .push(gap_mark::mark(lang, gap, gaps.articles));
    }
    section.blocks.sort_by_key(Block::order);
    section
}

fn audience_section<'m>(
    law: &LawData,
    model: &'m Model,
    audience: &Audience,
    gaps: &PlacedGaps<'_>,
    sets: &mut BasisSets<'m>,
    sink: &mut dyn Sink<'m>,
) {
    let lang = sets.cite.lang;
    let groups: Vec<Cow<'m, str>> = audience
        .group_labels(model)
        .into_iter()
        .map(Cow::Borrowed)
        .collect();
    let guide = Block::list_guide(tr!(lang, AUDIENCE_GROUPS), groups);
    let covered: Vec<(usize, &'m Activity)> = model
        .activities
        .iter()
        .enumerate()
        .filter(|(_, a)| audience.covers(a))
        .collect();
    if covered.is_empty() {
        let mut section = Section::new(audience.heading.clone());
        section.blocks.push(guide);
        section
            .blocks
            .push(Block::sentence(None, None, tr!(lang, NO_ACTIVITIES)));
        sink.section(section, 2);
        return;
    }
    // The rights that apply alike to every activity of the audience (for the same cases) are said
    // once, the others with the activity they apply to. A limit (art. 17(3)(b)) of every activity is
    // said with the right; of some activities, with each of them.
    let rights: Vec<usize> = (covered.iter().enumerate())
        .map(|(at, &(index, activity))| {
            // The bases of an activity ahead, each list an allocation of its own.
            if let Some(&(_, ahead)) = covered.get(at + ACTIVITIES_AHEAD) {
                prefetch(ahead.bases.as_ptr());
            }
            sets.of(law, index, activity)
        })
        .collect();
    // The sets of the audience's activities, each once: "every activity" is "every set".
    let mut in_audience = vec![false; sets.rights.len()];
    let mut audience_sets: Vec<&[RightFor]> = Vec::new();
    for &set in &rights {
        if !std::mem::replace(&mut in_audience[set], true) {
            audience_sets.push(&sets.rights[set]);
        }
    }
    let common: Vec<RightFor> = sets.rights[rights[0]]
        .iter()
        .filter(|r| {
            audience_sets
                .iter()
                .all(|rs| rs.iter().any(|o| alike(o, r)))
        })
        .map(|r| RightFor {
            limited: audience_sets
                .iter()
                .all(|rs| rs.iter().any(|o| alike(o, r) && o.limited)),
            ..*r
        })
        .collect();

    // What an activity says of the rights depends on its set of bases alone (the audience's
    // common rights given): found for the first activity of each set, and kept for the others.
    let mut said_of_set: Vec<Option<SetRights>> = Vec::new();
    said_of_set.resize_with(sets.rights.len(), || None);

    sink.open(audience.heading.clone().into(), vec![guide], 2);
    for part in layout(&covered) {
        let mut activity_part = |at: usize, level: usize, sink: &mut dyn Sink<'m>| {
            if let Some(&(_, further)) = covered.get(at + 2 * ACTIVITIES_AHEAD) {
                prefetch_lines(further);
            }
            if let Some(&(_, ahead)) = covered.get(at + ACTIVITIES_AHEAD) {
                prefetch_activity(model, ahead);
            }
            if let Some(&(_, next)) = covered.get(at + 1) {
                prefetch_pointees(model, next);
            }
            let (index, activity) = covered[at];
            let set = rights[at];
            let said = said_of_set[set]
                .get_or_insert_with(|| SetRights::new(&sets.rights[set], &common, lang));
            let rights = ActivityRights {
                extra: &said.extra,
                limits: &said.limits,
            };
            let section = activity_section(
                model,
                activity,
                audience,
                rights,
                &sets.citations[set],
                gaps.of_activity(index),
                &mut sets.cite,
            );
            sink.section(section, level);
        };
        match part {
            Part::Activity(at) => activity_part(at, 3, sink),
            Part::Unit(unit, activities) => {
                sink.open(Cow::Borrowed(unit), Vec::new(), 3);
                for at in activities {
                    activity_part(at, 4, sink);
                }
                sink.close(3);
            }
        }
    }
    if !common.is_empty() {
        let mut rights_section = Section::new(tr!(lang, RIGHTS_HEADING));
        rights_section
            .blocks
            .extend(common.iter().map(|r| right_block(r, None, lang)));
        sink.section(rights_section, 3);
    }
    sink.close(2);
}

/// How many activities ahead [`prefetch_activity`] asks for: an activity's part is some 6,000
/// instructions, time enough for memory to arrive.
const ACTIVITIES_AHEAD: usize = 2;

/// Asks the processor for what an activity's part reads first of `activity`, each an allocation of
/// its own and at 100,000 activities seldom in the cache: its lists, its details and the processors
/// it names (a processor is read by every activity that uses it, in no order the processor's own
/// prefetcher can guess).
fn prefetch_activity(model: &Model, activity: &Activity) {
    prefetch(activity.label.node.as_ptr());
    prefetch(activity.purposes.as_ptr());
    prefetch(activity.data.as_ptr());
    prefetch(activity.sources.as_ptr());
    prefetch(activity.retention.as_ptr());
    prefetch(activity.disclosures.as_ptr());
    if let Some(details) = &activity.details {
        prefetch(&**details);
    }
    for via in &activity.processors {
        // The fields read, not the processor's start: it spans seven cache lines.
        let processor = model.processor(via.id);
        prefetch(&processor.label);
        prefetch(&processor.subprocessors);
        prefetch(&processor.country);
    }
}

/// Asks for what the lists of `activity` point to, once [`prefetch_activity`] has brought the
/// lists themselves: the processors' names and sub-processors, the purposes' words, and the
/// categories each retention rule and disclosure names.
fn prefetch_pointees(model: &Model, activity: &Activity) {
    for via in &activity.processors {
        let processor = model.processor(via.id);
        prefetch(processor.label.node.as_ptr());
        prefetch(processor.subprocessors.as_ptr());
    }
    for purpose in &activity.purposes {
        prefetch(purpose.node.as_ptr());
    }
    for rule in &activity.retention {
        prefetch(rule.targets.as_ptr());
    }
    for disclosure in &activity.disclosures {
        prefetch(disclosure.data.as_ptr());
    }
}

/// Asks for the cache lines of `activity` itself, before [`prefetch_activity`] reads where its
/// lists lie.
fn prefetch_lines(activity: &Activity) {
    let start = std::ptr::from_ref(activity).cast::<u8>();
    for offset in (0..size_of::<Activity>()).step_by(64) {
        prefetch(start.wrapping_add(offset));
    }
}

/// The sets of bases the notice's activities cite, each found once for the whole notice (most
/// activities cite one of a few sets, and an activity is in the part of every audience it is for):
/// its rights and its bases as cited.
struct BasisSets<'m> {
    by_key: SpecMap<Vec<BasisKey<'m>>, usize>,
    /// The set of each activity of the model, once found.
    of_activity: Vec<Option<usize>>,
    /// The rights of each set, but the complaint (said in a part of its own).
    rights: Vec<Vec<RightFor>>,
    /// The bases of each set as the notice cites them: those of every case, then those of some
    /// cases, as [`Activity::every_cited_basis`] gives them.
    citations: Vec<Vec<String>>,
    /// Every citation written, for the sets and for the activities' other citations (a restriction,
    /// an exemption from telling the person).
    cite: Citations<'m>,
}

impl<'m> BasisSets<'m> {
    fn new(model: &Model, lang: Lang) -> BasisSets<'m> {
        BasisSets {
            by_key: SpecMap::default(),
            of_activity: vec![None; model.activities.len()],
            rights: Vec::new(),
            citations: Vec::new(),
            cite: Citations::new(lang),
        }
    }

    /// The number of the set of `activity`, the model's activity number `index`.
    fn of(&mut self, law: &LawData, index: usize, activity: &'m Activity) -> usize {
        if let Some(set) = self.of_activity[index] {
            return set;
        }
        let next = self.rights.len();
        let set = *self.by_key.entry(basis_key(activity)).or_insert(next);
        if set == next {
            let every: Vec<&LegalRef> = activity.bases.iter().collect();
            let some: Vec<&LegalRef> = (activity.case_bases().iter())
                .flat_map(|c| &c.bases)
                .collect();
            self.rights.push(
                (law.rights_for)(&every, &some)
                    .into_iter()
                    .filter(|r| r.right.key != "complaint")
                    .collect(),
            );
            let cite = &mut self.cite;
            let citations = activity.every_cited_basis().map(|c| cite.of(c)).collect();
            self.citations.push(citations);
        }
        self.of_activity[index] = Some(set);
        set
    }
}

/// A basis as the rights read it: the provision, law or agreement cited, without its span.
#[derive(PartialEq, Eq, Hash)]
enum BasisKey<'m> {
    Provision(ProvisionKey<'m>),
    Law(&'m str),
    Agreement(&'m str),
    /// Between the bases of every case and those of some cases.
    SomeCases,
}

/// The bases of every case, then those of some cases, of `activity`: what its rights depend on, and
/// its citations (two activities of one key cite the same bases, in the same order).
fn basis_key(activity: &Activity) -> Vec<BasisKey<'_>> {
    fn one(citation: &LegalRef) -> BasisKey<'_> {
        match citation {
            LegalRef::Provision {
                act,
                number,
                paragraph,
                point,
                ..
            } => BasisKey::Provision((*act, number.as_ref(), *paragraph, *point)),
            LegalRef::Law { text, .. } => BasisKey::Law(text),
            LegalRef::Agreement { text, .. } => BasisKey::Agreement(text),
        }
    }
    let case_bases = activity.case_bases();
    let some_cases: usize = case_bases.iter().map(|c| c.bases.len()).sum();
    // Its length known first: collecting the bases of every case and then pushing grew it each time.
    let mut key: Vec<BasisKey<'_>> = Vec::with_capacity(activity.bases.len() + 1 + some_cases);
    key.extend(activity.bases.iter().map(one));
    key.push(BasisKey::SomeCases);
    key.extend(case_bases.iter().flat_map(|c| &c.bases).map(one));
    key
}

/// A part of an audience's section: an activity, or a unit with its activities (positions in the
/// audience's activities).
enum Part<'m> {
    Activity(usize),
    Unit(&'m str, Vec<usize>),
}

/// The parts of an audience's section in reading order: activities with a `unit` under the unit, in
/// the order the spec first names each unit; a unit of one activity of the same name is the
/// activity alone. Only positions are gathered, so the parts can be built one at a time.
fn layout<'m>(covered: &[(usize, &'m Activity)]) -> Vec<Part<'m>> {
    let mut parts: Vec<Part<'m>> = Vec::new();
    let mut units: HashMap<&str, usize> = HashMap::new();
    for (at, (_, activity)) in covered.iter().enumerate() {
        match &activity.details().unit {
            Some(unit) => match units.get(unit.node.as_str()) {
                Some(&part) => {
                    if let Part::Unit(_, activities) = &mut parts[part] {
                        activities.push(at);
                    }
                }
                None => {
                    units.insert(unit.node.as_str(), parts.len());
                    parts.push(Part::Unit(unit.node.as_str(), vec![at]));
                }
            },
            None => parts.push(Part::Activity(at)),
        }
    }
    for part in &mut parts {
        if let Part::Unit(unit, activities) = part
            && let [only] = activities.as_slice()
            && covered[*only].1.label.node == *unit
        {
            *part = Part::Activity(*only);
        }
    }
    parts
}

/// The same right, said the same way: for the same cases.
fn alike(a: &RightFor, b: &RightFor) -> bool {
    a.right.key == b.right.key && a.scope == b.scope
}

/// The limit of a right, alone (said with an activity when the right is said once without it).
fn limit(right: &RightFor, lang: Lang) -> &'static str {
    match lang {
        Lang::Da => right.right.limit_da,
        Lang::En => right.right.limit_en,
    }
}

/// What an activity's part says of the rights: those not said once for the audience, and the limits
/// of those that are.
#[derive(Clone, Copy)]
struct ActivityRights<'r> {
    /// Their sentences, borrowed from the law data but for a right with its limit added.
    extra: &'r [Cow<'static, str>],
    limits: &'r [&'static str],
}

/// [`ActivityRights`] of one set of bases in one audience's part, kept for every activity of the
/// set (at 10,000 activities some 14,500 activities' parts, of about 1,800 sets).
struct SetRights {
    extra: Vec<Cow<'static, str>>,
    limits: Vec<&'static str>,
}

impl SetRights {
    /// What an activity of the set with rights `own` says of them, where `common` are said once for
    /// the audience.
    fn new(own: &[RightFor], common: &[RightFor], lang: Lang) -> SetRights {
        let extra = own
            .iter()
            .filter(|r| !common.iter().any(|c| alike(c, r)))
            .map(|r| r.words(lang))
            .collect();
        let limits = own
            .iter()
            .filter(|r| r.limited && common.iter().any(|c| alike(c, r) && !c.limited))
            .map(|r| limit(r, lang))
            .collect();
        SetRights { extra, limits }
    }
}

fn right_block(right: &RightFor, span: Option<Span>, lang: Lang) -> Block<'static> {
    let element = if right.right.key == "withdraw_consent" {
        Element::WithdrawConsent
    } else {
        Element::Rights
    };
    Block::sentence(Some(element), span, right.words(lang))
}

/// One activity's part of the notice: a block per statement that gives an element, in the order of
/// the elements, and the marks of its gaps where they would stand. `bases` are the activity's
/// bases as cited, those of every case and then those of some cases ([`Activity::every_cited_basis`]).
fn activity_section<'m>(
    model: &'m Model,
    activity: &'m Activity,
    audience: &Audience,
    rights: ActivityRights<'_>,
    bases: &[String],
    gaps: &[&Gap],
    cite: &mut Citations<'m>,
) -> Section<'m> {
    let lang = cite.lang;
    let mut section = Section::new(activity.label.node.as_str());
    // Room for the blocks of most activities at once (some twelve: a list or a sentence per
    // element, a sentence per retention rule), rather than growing the vector three times.
    section.blocks.reserve(16);
    let blocks = &mut section.blocks;
    let details = activity.details();

    if let (Some(first), Some(last)) = (activity.purposes.first(), activity.purposes.last()) {
        let items = (activity.purposes.iter())
            .map(|p| Cow::Borrowed(p.node.as_str()))
            .collect();
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
            vec![Cow::Borrowed(measure.reason.node.as_str())],
        ));
    }
    // Of the same length, and cited alike, in every activity of a set of bases (`basis_key`).
    let (every_case, mut some_cases) = bases.split_at(activity.bases.len());
    if !activity.bases.is_empty() {
        let items = every_case.iter().map(|b| Cow::Owned(b.clone())).collect();
        blocks.push(Block::list(
            Element::PurposesAndBasis,
            Some(activity.basis_span()),
            tr!(lang, BASES),
            items,
        ));
    }
    for case in activity.case_bases() {
        let lead = match &case.cases {
            Some(cases) => Cow::Owned(tr!(lang, CASE_BASES_WHICH, cases = cases.node)),
            None => tr!(lang, CASE_BASES),
        };
        let (these, rest) = some_cases.split_at(case.bases.len());
        some_cases = rest;
        let items = these.iter().map(|b| Cow::Owned(b.clone())).collect();
        blocks.push(Block::list(
            Element::PurposesAndBasis,
            Some(case.span),
            lead,
            items,
        ));
    }
    // Only the data about the audience (`data ... about ...`): a child's notice does not list what
    // is about the parents only.
    let data = || {
        activity
            .data
            .iter()
            .filter(|d| audience.is_about(activity, d.id))
    };
    if let (Some(first), Some(last)) = (data().next(), data().next_back()) {
        // Room for all the activity's data (a filter's collect starts with room for four).
        let mut items = Vec::with_capacity(activity.data.len());
        items.extend(data().map(|d| Cow::Borrowed(model.data(d.id).label.node.as_str())));
        blocks.push(Block::list(
            Element::DataCategories,
            Some(first.span.to(last.span)),
            tr!(lang, DATA),
            items,
        ));
    }
    if let Some(interests) = &details.interests {
        blocks.push(Block::sentence(
            Some(Element::LegitimateInterests),
            Some(interests.span),
            full_stop(tr!(lang, INTERESTS, interests = interests.node)),
        ));
    }
    sources(model, activity, cite, blocks);
    if let Some(providing) = &details.providing {
        blocks.push(Block::sentence(
            Some(Element::StatutoryRequirement),
            Some(providing.span),
            providing_sentence(providing, lang),
        ));
    }
    let processors = processor_tree(model, activity);
    recipients(model, activity, audience, &processors, lang, blocks);
    transfers(model, activity, &processors, lang, blocks);
    for rule in &activity.retention {
        blocks.push(Block::sentence(
            Some(Element::Retention),
            Some(rule.span),
            retention(model, rule, lang),
        ));
    }
    for copy in &details.copies {
        blocks.push(Block::sentence(
            Some(Element::Retention),
            Some(copy.span),
            held_copy(model, copy, lang),
        ));
    }
    automated(activity, lang, blocks);
    if !rights.extra.is_empty() {
        let items = rights.extra.to_vec();
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
            full_stop(words.node.as_str()),
        ));
    }
    if let Some(how) = &details.withdrawal {
        blocks.push(Block::sentence(
            Some(Element::WithdrawConsent),
            Some(how.span),
            full_stop(tr!(lang, WITHDRAW_HOW, how = how.node)),
        ));
    }
    for text in rights.limits {
        blocks.push(Block::sentence(
            Some(Element::Rights),
            Some(activity.basis_span()),
            *text,
        ));
    }
    if !details.exceptions.is_empty() || details.erasure_refusal.is_some() {
        let rights_said: Vec<String> = (rights.extra.iter().map(|r| r.to_string()))
            .chain(rights.limits.iter().map(|l| l.to_string()))
            .collect();
        restrictions(activity, cite, &rights_said, blocks);
    }

    if !gaps.is_empty() {
        let articles = gaps::articles(model, activity);
        blocks.extend(gaps.iter().map(|g| gap_mark::mark(lang, g, articles)));
    }
    blocks.sort_by_key(Block::order);
    section
}

/// Where the data comes from (art. 14(2)(f)), and how the person is told of data from others.
fn sources<'m>(
    model: &'m Model,
    activity: &'m Activity,
    cite: &mut Citations<'m>,
    blocks: &mut Vec<Block<'m>>,
) {
    let lang = cite.lang;
    let (Some(first), Some(last)) = (activity.sources.first(), activity.sources.last()) else {
        return;
    };
    let items = activity
        .sources
        .iter()
        .map(|s| match s.id {
            Origin::Source(id) => Cow::Borrowed(model.source(id).label.node.as_str()),
            Origin::Activity(id) => Cow::Owned(tr!(
                lang,
                FROM_ACTIVITY,
                activity = model.activities[id.index()].label.node
            )),
        })
        .collect();
    blocks.push(Block::list(
        Element::Source,
        Some(first.span.to(last.span)),
        tr!(lang, SOURCES),
        items,
    ));
    if !from_others(model, activity) {
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
            full_stop(text.node.as_str()),
        )),
        Some(NoticeDecl::Exempt { basis, span }) => {
            // The law data's sentence for each restriction cited (DBL § 22), each once; the
            // citations alone where the law data has none (art. 14(5)).
            let mut said: Vec<Cow<'static, str>> = Vec::new();
            for citation in basis {
                if let Some(s) = rights::restriction_sentence(citation, None, lang)
                    && !said.contains(&s)
                {
                    said.push(s);
                }
            }
            let text = if said.is_empty() {
                tr!(lang, NOT_TOLD, basis = cite.all(basis))
            } else {
                let mut text = tr!(lang, NOT_TOLD_BY_LAW).into_owned();
                for s in said {
                    text.push(' ');
                    text.push_str(&s);
                }
                text
            };
            blocks.push(Block::sentence(Some(Element::Source), Some(*span), text));
        }
        None => {}
    }
}

/// The recipients: those the activity discloses to, and its processors (art. 4(9)), `processors`
/// with the sub-processors they engaged ([`processor_tree`]).
fn recipients<'m>(
    model: &'m Model,
    activity: &Activity,
    audience: &Audience,
    processors: &[ProcessorId],
    lang: Lang,
    blocks: &mut Vec<Block<'m>>,
) {
    // Each disclosure of data about the audience, with that data only (`data ... about ...`).
    let about = |d: &&crate::semantic::model::Disclosure| {
        d.data.iter().any(|x| audience.is_about(activity, x.id))
    };
    let disclosures = || activity.disclosures.iter().filter(about);
    if let (Some(first), Some(last)) = (disclosures().next(), disclosures().next_back()) {
        let items = disclosures()
            .map(|d| {
                let recipient = &model.recipient(d.recipient.id).label.node;
                let data = if activity.details().about.is_empty() {
                    data_labels(model, lang, d.data.iter().map(|x| x.id))
                } else {
                    let about: Vec<DataId> = d
                        .data
                        .iter()
                        .map(|x| x.id)
                        .filter(|&id| audience.is_about(activity, id))
                        .collect();
                    data_labels(model, lang, about.into_iter())
                };
                Cow::Owned(match &d.condition {
                    Some(when) => tr!(
                        lang,
                        RECIPIENT_WHEN,
                        recipient = recipient,
                        data = data,
                        when = when.node
                    ),
                    None => tr!(lang, RECIPIENT_DATA, recipient = recipient, data = data),
                })
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
        let items = processors
            .iter()
            .map(|&id| {
                let processor = model.processor(id);
                match processor.parent {
                    Some(parent) => Cow::Owned(tr!(
                        lang,
                        SUBPROCESSOR,
                        name = processor.label.node,
                        parent = model.processor(parent).label.node
                    )),
                    None => Cow::Borrowed(processor.label.node.as_str()),
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

/// The labels of data categories joined for a sentence (`a, b og c`); one label as it is, without a
/// copy (most `retain` statements name one category).
fn data_labels<'m>(
    model: &'m Model,
    lang: Lang,
    ids: impl ExactSizeIterator<Item = DataId>,
) -> Cow<'m, str> {
    let mut ids = ids;
    if ids.len() == 1
        && let Some(id) = ids.next()
    {
        return Cow::Borrowed(model.data(id).label.node.as_str());
    }
    let labels: Vec<String> = ids
        .map(|id| model.data(id).label.node.to_string())
        .collect();
    Cow::Owned(words::join(lang, &labels))
}

/// A sentence for each party that handles the data outside the EU/EEA, with its safeguard.
fn transfers<'m>(
    model: &'m Model,
    activity: &Activity,
    processors: &[ProcessorId],
    lang: Lang,
    blocks: &mut Vec<Block<'m>>,
) {
    let processors = processors.iter().map(|&id| {
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
    let mut under_safeguards = false;
    for (label, country, transfer, span) in processors.chain(recipients) {
        let Some(country) = country.filter(|c| ropa_words::is_third_country(&c.node)) else {
            continue;
        };
        under_safeguards |=
            transfer.is_some_and(|t| t.mechanisms.iter().any(|m| m.node.mechanism.is_safeguard()));
        let place = match &country.node {
            CountryRef::OutsideEea => tr!(lang, OUTSIDE_EEA),
            other => tr!(lang, IN_THIRD_COUNTRY, country = country_name(lang, other)).into(),
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
    // Art. 13(1)(f): safeguards of art. 46 or 47 come with how to get a copy of them (an adequacy
    // decision or a derogation has none to copy).
    if under_safeguards && let Some(copy) = &model.controller.safeguards_copy {
        blocks.push(Block::sentence(
            Some(Element::Transfers),
            Some(copy.span),
            full_stop(tr!(lang, SAFEGUARDS_COPY, how = copy.node)),
        ));
    }
}

/// Whether the person must give the data, and what follows if they do not (art. 13(2)(e)): the
/// requirement in the notice's words, the consequences in the spec's.
fn providing_sentence(providing: &Providing, lang: Lang) -> String {
    let requirement = match providing.requirement {
        Requirement::Law => tr!(lang, PROVIDING_LAW),
        Requirement::Contract => tr!(lang, PROVIDING_CONTRACT),
        Requirement::Voluntary => tr!(lang, PROVIDING_VOLUNTARY),
    };
    format!(
        "{requirement} {}",
        full_stop(providing.consequences.node.as_str())
    )
}

fn country_name(lang: Lang, country: &CountryRef) -> String {
    match country {
        CountryRef::Code(code) => countries()
            .get(code)
            .map_or(code.clone(), |c| c.name_in(lang).to_string()),
        CountryRef::Organisation(code) => countries()
            .organisation(code)
            .map_or(code.clone(), |o| o.name_in(lang).to_string()),
        CountryRef::OutsideEea => tr!(lang, OUTSIDE_EEA).into_owned(),
        CountryRef::Unknown => tr!(lang, UNKNOWN_COUNTRY).into_owned(),
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
        data_labels(model, lang, rule.targets.iter().map(|t| t.id))
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
            let text = match after.as_deref() {
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
            tr!(lang, KEEP_UNTIL, data = data, event = &**event),
            *then_archive,
        ),
    };
    if archive {
        sentence.push(' ');
        sentence.push_str(&tr!(lang, THEN_ARCHIVE));
    }
    sentence
}

/// A copy another holder keeps (`copy NAMES kept by "holder" [PERIOD]`), with its own period where
/// the spec gives one: art. 13(2)(a) asks how long the data is kept, wherever it is kept.
fn held_copy(model: &Model, copy: &HeldCopy, lang: Lang) -> String {
    let data = data_labels(model, lang, copy.data.iter().map(|d| d.id));
    let holder = copy.holder.node.as_str();
    match &copy.period {
        Some(Period::Deadline {
            amount,
            unit,
            after,
            ..
        }) => {
            let unit = unit.word(*amount, lang);
            match after.as_deref() {
                Some(event) => tr!(
                    lang,
                    COPY_KEPT_FOR_AFTER,
                    data = data,
                    holder = holder,
                    amount = amount,
                    unit = unit,
                    event = event
                ),
                None => tr!(
                    lang,
                    COPY_KEPT_FOR,
                    data = data,
                    holder = holder,
                    amount = amount,
                    unit = unit
                ),
            }
        }
        Some(Period::Until { event, .. }) => tr!(
            lang,
            COPY_KEPT_UNTIL,
            data = data,
            holder = holder,
            event = &**event
        ),
        Some(Period::Archive) | None => tr!(lang, COPY_KEPT, data = data, holder = holder),
    }
}

/// How the data is reviewed, when a machine takes part, and the logic the spec states.
fn automated<'m>(activity: &'m Activity, lang: Lang, blocks: &mut Vec<Block<'m>>) {
    let review = &activity.details().review;
    let machine = review.iter().any(|m| m.node != ReviewMode::Manual);
    if machine && let (Some(first), Some(last)) = (review.first(), review.last()) {
        let items = review
            .iter()
            .map(|m| Cow::Owned(words::review_mode(lang, m.node)))
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

/// The restrictions of the rights the spec declares (`exception`, `erasure refused`), each in the
/// law data's sentence for the provision cited ([`rights::restriction_sentence`]); where the law data
/// has none, the spec's own words with the law they cite. A sentence is said once: two exceptions
/// with the same words cite both laws, and a limit already said with the activity's rights is not
/// said again.
fn restrictions<'m>(
    activity: &'m Activity,
    cite: &mut Citations<'m>,
    rights_said: &[String],
    blocks: &mut Vec<Block<'m>>,
) {
    let lang = cite.lang;
    let details = activity.details();
    let mut said = Said::default();
    for exception in &details.exceptions {
        let reason = exception.reason.as_ref().map(|r| r.node.as_str());
        let law = cite.of(&exception.citation);
        match rights::restriction_sentence(&exception.citation, reason, lang) {
            Some(Cow::Borrowed(law_data)) => {
                said.add(Said::LAW_DATA, law_data, None, exception.span)
            }
            Some(Cow::Owned(words)) => said.add(Said::EXCEPTION, &words, Some(law), exception.span),
            None => said.add(Said::EXCEPTION, "", Some(law), exception.span),
        }
    }
    if let Some(refusal) = &details.erasure_refusal {
        let reason = refusal.reason.node.as_str();
        if refusal.basis.is_empty() {
            said.add(Said::ERASURE, reason, None, refusal.span);
        }
        for citation in &refusal.basis {
            match rights::restriction_sentence(citation, Some(reason), lang) {
                Some(Cow::Borrowed(law_data)) => {
                    said.add(Said::LAW_DATA, law_data, None, refusal.span)
                }
                _ => said.add(Said::ERASURE, reason, Some(cite.of(citation)), refusal.span),
            }
        }
    }
    for (kind, text, laws, span) in said.0 {
        let law = words::join(lang, &laws);
        let text = match (kind, text.is_empty(), laws.is_empty()) {
            (Said::LAW_DATA, ..) => text,
            (Said::EXCEPTION, true, _) => tr!(lang, EXCEPTION_BARE, law = law),
            (Said::EXCEPTION, false, _) => {
                full_stop(tr!(lang, EXCEPTION, law = law, reason = text)).into_owned()
            }
            (_, _, true) => full_stop(tr!(lang, ERASURE_REFUSED, reason = text)).into_owned(),
            (_, _, false) => {
                full_stop(tr!(lang, ERASURE_REFUSED_UNDER, reason = text, law = law)).into_owned()
            }
        };
        if rights_said.iter().any(|r| r.ends_with(&text)) {
            continue;
        }
        blocks.push(Block::sentence(Some(Element::Rights), Some(span), text));
    }
}

/// The restrictions' sentences in the spec's order: of what kind, the law data's sentence or the
/// spec's words, every law cited for them, and the span of every statement that says them.
#[derive(Default)]
struct Said(Vec<(u8, String, Vec<String>, Span)>);

impl Said {
    const LAW_DATA: u8 = 0;
    const EXCEPTION: u8 = 1;
    const ERASURE: u8 = 2;

    fn add(&mut self, kind: u8, text: &str, law: Option<String>, span: Span) {
        match self.0.iter_mut().find(|(k, t, ..)| *k == kind && t == text) {
            Some((_, _, laws, at)) => {
                laws.extend(law.filter(|l| !laws.contains(l)));
                *at = at.to(span);
            }
            None => self
                .0
                .push((kind, text.to_string(), law.into_iter().collect(), span)),
        }
    }
}

/// The right to complain to the supervisory authority (art. 77), with its contact details from law
/// data; nothing when the law data gives no authority.
fn complaint_section(
    authority: &'static Authority,
    gaps: &PlacedGaps<'_>,
    lang: Lang,
) -> Section<'static> {
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
        let mut items: Vec<Cow<'static, str>> = Vec::new();
        if !authority.address.is_empty() {
            items.push(authority.address.into());
        }
        if !authority.phone.is_empty() {
            items.push(tr!(lang, PHONE, phone = authority.phone).into());
        }
        if !authority.email.is_empty() {
            items.push(tr!(lang, EMAIL, email = authority.email).into());
        }
        if !authority.web.is_empty() {
            items.push(authority.web.into());
        }
        if !items.is_empty() {
            section
                .blocks
                .push(Block::list(Element::Complaint, None, name, items));
        }
    }
    for gap in gaps
        .controller
        .iter()
        .filter(|g| g.element == Element::Complaint)
    {
        section
            .blocks
            .push(gap_mark::mark(lang, gap, gaps.articles));
    }
    section
}

/// A provision as cited: act, number, paragraph, point (a citation's span left out).
type ProvisionKey<'m> = (ActId, &'m str, Option<u32>, Option<Point>);

/// Citations as the notice writes them ([`words::citation`]), each provision written once: a spec
/// cites the same few provisions in every activity, and writing one takes a dozen string searches.
struct Citations<'m> {
    lang: Lang,
    written: SpecMap<ProvisionKey<'m>, String>,
}

impl<'m> Citations<'m> {
    fn new(lang: Lang) -> Citations<'m> {
        Citations {
            lang,
            written: SpecMap::default(),
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A constant text is its template, braces written as `Text::fill` writes them.
    #[test]
    fn a_constant_text_is_its_template() {
        const BRACES: Text = Text::new("{{x}} and }}", "lone } brace");
        for lang in Lang::ALL {
            assert_eq!(tr!(lang, BRACES), BRACES.fill(lang, &[]));
            assert!(matches!(tr!(lang, TITLE), Cow::Borrowed(_)));
            assert_eq!(tr!(lang, TITLE), TITLE.fill(lang, &[]));
        }
    }
}
