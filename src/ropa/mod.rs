//! The record of processing activities of GDPR art. 30(1), made from the resolved model: one entry
//! for the controller and its DPO (a), one per activity with its purposes (b), data subjects and data
//! (c), recipients (d), transfers to third countries (e), time limits for erasure (f) and security
//! measures (g), plus the legal bases and the processors, which the Danish supervisory authority
//! expects to find in the record too.
//!
//! What the spec does not say is `None` here, never an empty list, so every renderer can show it as
//! missing; the one list that may rightly be empty is `transfers` (no data leaves the EU/EEA). The
//! record is worded in one language: the spec's own texts as written, the language's words (data
//! classes, mechanisms, periods) in `lang`. `hjemmel ropa` renders it as Markdown, CSV or JSON, and
//! the HTML report includes it.

pub mod csv;
pub mod fields;
mod fill;
pub mod json;
pub mod markdown;
pub mod shared;
pub mod words;

use std::collections::BTreeSet;

use serde::Serialize;

pub use shared::Shared;

use crate::flow::transfers::destinations;
use crate::flow::{FlowGraph, Node};
use crate::i18n::Lang;
use crate::law::acts::ActId;
use crate::law::citation::{LegalRef, Point};
use crate::law::countries::CountryRef;
use crate::law::vocabulary::{DataClass, RecipientKind, SpecialKind, TimeUnit};
use crate::semantic::model::{
    Activity, ActivityId, DataId, Model, Period, ProcessorId, RecipientId,
};
use crate::spec_map::SpecMap;
use crate::texts;
use crate::tr;
use petgraph::Direction;

texts! {
    TIA = (
        "transfer impact assessment: {text}",
        "vurdering af overførslen (TIA): {text}",
    ),
    DPF_LISTED = (
        "entry on the Data Privacy Framework list checked: {text}",
        "optagelse på Data Privacy Framework-listen kontrolleret: {text}",
    ),
    SOME_CASES = ("in some cases: {bases}", "i nogle tilfælde: {bases}"),
    CRIMINAL_BY_USE = (
        "{class}; data about criminal offences (art. 10) when used as stated: \"{when}\"",
        "{class}; oplysninger om strafbare forhold (art. 10), når de anvendes som angivet: \"{when}\""
    ),
    SOME_CASES_WHICH = (
        "in some cases (\"{cases}\"): {bases}",
        "i nogle tilfælde (\"{cases}\"): {bases}",
    ),
}

/// The record of processing activities.
#[derive(Debug, Clone, Serialize)]
pub struct Record {
    /// The language the record's own words are in.
    pub lang: Lang,
    pub controller: ControllerRecord,
    pub activities: Vec<ActivityRecord>,
}

/// Art. 30(1)(a): the controller and its DPO.
#[derive(Debug, Clone, Serialize)]
pub struct ControllerRecord {
    /// The name as the spec's label gives it.
    pub name: String,
    pub address: Option<String>,
    pub contact: Option<String>,
    /// In JSON the spec's word: an ISO code, `outside_eea` or `unknown`.
    #[serde(serialize_with = "country_word")]
    pub country: Option<CountryRef>,
    pub dpo: Option<DpoRecord>,
    /// Art. 30(1)(a), "where applicable": the joint controllers the activities name (`jointly with`);
    /// left out of the JSON when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub joint_controllers: Vec<JointControllerRecord>,
    /// The keys of the fields above that the spec does not give.
    pub missing: Vec<&'static str>,
}

/// A joint controller (GDPR art. 26): its name and contact details (art. 30(1)(a)), what the spec
/// records of the arrangement, and the activities it is a joint controller of.
#[derive(Debug, Clone, Serialize)]
pub struct JointControllerRecord {
    /// The name as the spec's label gives it.
    pub name: String,
    pub address: Option<String>,
    pub contact: Option<String>,
    /// In JSON the spec's word: an ISO code, `outside_eea` or `unknown`; `None` when not stated.
    #[serde(serialize_with = "country_word")]
    pub country: Option<CountryRef>,
    /// `arrangement "..."` (art. 26(1)).
    pub arrangement: Option<String>,
    /// `answers "..."`: who answers the data subjects (art. 26(1)).
    pub answers: Option<String>,
    /// `essence "..."`: how the essence of the arrangement is made available (art. 26(2)).
    pub essence: Option<String>,
    /// The labels of the activities that name it, in the spec's order.
    pub activities: Vec<String>,
}

/// The data protection officer's name and contact details.
#[derive(Debug, Clone, Serialize)]
pub struct DpoRecord {
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub web: Option<String>,
}

/// One processing activity.
#[derive(Debug, Clone, Serialize)]
pub struct ActivityRecord {
    /// The name in the spec.
    pub name: String,
    /// The label people read.
    pub label: String,
    /// `unit "..."`: the department or staff function the activity belongs to; not a field of art.
    /// 30(1), so left out of the JSON (and of `missing`) when the spec does not give it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// (b)
    pub purposes: Option<Vec<String>>,
    pub legal_bases: Option<Vec<String>>,
    /// (c)
    pub data_subjects: Option<Vec<String>>,
    /// (c)
    pub personal_data: Option<Vec<Shared<DataEntry>>>,
    /// (d): the recipients the activity discloses data to.
    pub recipients: Option<Vec<RecipientEntry>>,
    /// The processors the activity uses, and their sub-processors.
    pub processors: Option<Vec<Shared<ProcessorEntry>>>,
    /// The labels of its joint controllers (`jointly with`, art. 26); left out of the JSON when it
    /// has none. Their details are in the controller's entry.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub joint_controllers: Vec<String>,
    /// (e): every party outside the EU/EEA (or of unknown place) the activity's data reaches; empty
    /// when there is none.
    pub transfers: Vec<Shared<TransferEntry>>,
    /// (f)
    pub retention: Option<Vec<RetentionEntry>>,
    /// (g)
    pub security: Option<Vec<String>>,
    /// `collect NAMES every N UNIT`: how often data is collected anew, one line each (`Børneattest:
    /// every 1 year`); left out of the JSON (and of `missing`) when the spec gives none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub collection: Option<Vec<String>>,
    /// The keys of the fields above that the spec does not give (their value is `None`).
    pub missing: Vec<&'static str>,
}

/// A category of personal data.
#[derive(Debug, Clone, Serialize)]
pub struct DataEntry {
    pub label: String,
    /// The spec's word for the class: `ordinary`, `special`, ...
    pub class: DataClass,
    /// For `special` data, the art. 9(1) kinds, as the spec words them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub special: Vec<SpecialKind>,
    /// The class in words: `special category (art. 9): data concerning health`.
    pub description: String,
    /// `data NAME as criminal when "..."`: the use that makes the data criminal-offence data in
    /// this activity (art. 10).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub criminal_when: Option<String>,
}

/// A recipient of a disclosure.
#[derive(Debug, Clone, Serialize)]
pub struct RecipientEntry {
    pub label: String,
    /// The spec's word for the kind of recipient: `police`, `authority`, ...
    pub kind: RecipientKind,
    /// The category of recipients in words: `police`, `public authorities`.
    pub description: String,
    /// In JSON the spec's word: an ISO code, `outside_eea` or `unknown`; `None` when the spec does not
    /// say.
    #[serde(serialize_with = "country_word")]
    pub country: Option<CountryRef>,
    pub third_country: bool,
    /// When another activity discloses the data (the activity's data flow to it, as its `sources`
    /// say): that activity's label. Empty for the activity's own disclosures.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub via: Vec<String>,
}

/// A processor or a sub-processor.
#[derive(Debug, Clone, Serialize)]
pub struct ProcessorEntry {
    pub label: String,
    /// In JSON the spec's word: an ISO code, `outside_eea` or `unknown`; `None` when the spec does not
    /// say.
    #[serde(serialize_with = "country_word")]
    pub country: Option<CountryRef>,
    pub third_country: bool,
    /// For a sub-processor: the label of the processor that engaged it.
    pub subprocessor_of: Option<String>,
}

/// A transfer out of the EU/EEA.
#[derive(Debug, Clone, Serialize)]
pub struct TransferEntry {
    /// The label of the processor or recipient the data reaches.
    pub party: String,
    /// In JSON the spec's word: an ISO code, `outside_eea` or `unknown`; `None` for a processor that
    /// does not say.
    #[serde(serialize_with = "country_word")]
    pub country: Option<CountryRef>,
    /// The mechanisms with their provisions; `None` when none is declared or implied.
    pub mechanisms: Option<Vec<String>>,
    /// The documentation of the safeguards: the transfer impact assessment, the check of the DPF list.
    pub documentation: Vec<String>,
}

/// The deletion deadline of some of the activity's data categories.
#[derive(Debug, Clone, Serialize)]
pub struct RetentionEntry {
    /// The labels of the categories it covers.
    pub categories: Vec<String>,
    /// `true` when it covers every category of the activity.
    pub all: bool,
    /// The deadline in words; `None` for categories no `retain` covers.
    pub period: Option<String>,
    /// For a copy another holder keeps (`copy NAMES kept by "holder" ...`): the holder. The entry's
    /// `period` is then the copy's own, `None` when the spec gives it none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub holder: Option<String>,
}

impl Record {
    /// The record of `model`, worded in `lang`.
    pub fn build(model: &Model, flow: &FlowGraph, lang: Lang) -> Record {
        Record {
            lang,
            controller: ControllerRecord::of(model),
            activities: Activities::new(model, flow, lang).collect(),
        }
    }
}

impl ControllerRecord {
    /// The controller's entry of `model`'s record.
    pub fn of(model: &Model) -> ControllerRecord {
        controller_record(model)
    }
}

/// The entries of `model`'s activities, made one at a time in the spec's order: `hjemmel ropa` writes
/// each as it is made, so that it holds one activity's entry, not the record of 100,000 (a copy of
/// every text of the model).
pub struct Activities<'m> {
    model: &'m Model,
    flow: &'m FlowGraph,
    lang: Lang,
    worded: Worded<'m>,
    transfers: Transfers,
    /// The index of the next activity.
    next: usize,
}

impl<'m> Activities<'m> {
    /// The activities of `model`, worded in `lang`.
    pub fn new(model: &'m Model, flow: &'m FlowGraph, lang: Lang) -> Activities<'m> {
        Activities {
            model,
            flow,
            lang,
            worded: Worded::new(model),
            transfers: Transfers::of(model, flow, lang),
            next: 0,
        }
    }
}

impl Iterator for Activities<'_> {
    type Item = ActivityRecord;

    fn next(&mut self) -> Option<ActivityRecord> {
        let index = self.next;
        let activity = self.model.activities.get(index)?;
        self.next += 1;
        Some(activity_record(
            self.model,
            self.flow,
            &mut self.worded,
            index,
            activity,
            self.transfers.of_activity(index),
            self.lang,
        ))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.model.activities.len() - self.next;
        (left, Some(left))
    }
}

impl ExactSizeIterator for Activities<'_> {}

/// What a retention period is worded from, borrowed from the model.
#[derive(PartialEq, Eq, Hash)]
enum PeriodKey<'m> {
    Archive,
    Deadline(u64, TimeUnit, Option<&'m str>, bool),
    Until(&'m str, bool),
}

/// The entries that many activities share, each worded once: a large spec names the same data
/// categories, citations, recipients and processors in thousands of activities, and wording each anew
/// was most of the time `hjemmel ropa` took.
/// What a cited provision is worded from.
type ProvisionKey = (
    ActId,
    std::borrow::Cow<'static, str>,
    Option<u32>,
    Option<Point>,
);

struct Worded<'m> {
    data: Vec<Option<Shared<DataEntry>>>,
    recipients: Vec<Option<RecipientEntry>>,
    processors: Vec<Option<Shared<ProcessorEntry>>>,
    /// The provisions cited, by act, number, paragraph and point (what they are written from).
    /// Both maps are looked up for every activity, and their keys hold the spec's words (a number
    /// as written, an event): hashed with [`SpecMap`]'s seeded hash, not SipHash (a third of the
    /// time the record took to word its activities).
    citations: SpecMap<ProvisionKey, String>,
    /// Retention periods, by what they are worded from.
    periods: SpecMap<PeriodKey<'m>, String>,
}

impl<'m> Worded<'m> {
    fn new(model: &Model) -> Worded<'m> {
        Worded {
            data: vec![None; model.data.len()],
            recipients: vec![None; model.recipients.len()],
            processors: vec![None; model.processors.len()],
            citations: SpecMap::default(),
            periods: SpecMap::default(),
        }
    }

    fn data(&mut self, model: &Model, id: DataId, lang: Lang) -> Shared<DataEntry> {
        self.data[id.index()]
            .get_or_insert_with(|| {
                let data = model.data(id);
                Shared::new(DataEntry {
                    label: text(&data.label),
                    class: data.class,
                    special: data.special.clone(),
                    description: words::data_class(lang, data.class, &data.special),
                    criminal_when: None,
                })
            })
            .clone()
    }

    fn citation(&mut self, citation: &LegalRef, lang: Lang) -> String {
        let LegalRef::Provision {
            act,
            number,
            paragraph,
            point,
            ..
        } = citation
        else {
            // A statute or agreement in free text stays as written: nothing to word.
            return words::legal_ref(lang, citation);
        };
        // The number is borrowed from the act's reference data, so the key costs no copy.
        self.citations
            .entry((*act, number.clone(), *paragraph, *point))
            .or_insert_with(|| words::legal_ref(lang, citation))
            .clone()
    }

    fn period(&mut self, period: &'m Period, lang: Lang) -> String {
        let key = match period {
            Period::Archive => PeriodKey::Archive,
            Period::Deadline {
                amount,
                unit,
                after,
                then_archive,
            } => PeriodKey::Deadline(*amount, *unit, after.as_deref(), *then_archive),
            Period::Until {
                event,
                then_archive,
            } => PeriodKey::Until(event, *then_archive),
        };
        self.periods
            .entry(key)
            .or_insert_with(|| words::period(lang, period))
            .clone()
    }

    /// The recipient's entry, without the activities it is disclosed by.
    fn recipient(&mut self, model: &Model, id: RecipientId, lang: Lang) -> RecipientEntry {
        self.recipients[id.index()]
            .get_or_insert_with(|| {
                let r = model.recipient(id);
                let country = r.country.as_ref().map(|c| &c.node);
                RecipientEntry {
                    label: text(&r.label),
                    kind: r.kind,
                    description: words::recipient_kind(lang, r.kind),
                    country: country.cloned(),
                    third_country: country.is_some_and(words::is_third_country),
                    via: Vec::new(),
                }
            })
            .clone()
    }

    fn processor(&mut self, model: &Model, id: ProcessorId) -> Shared<ProcessorEntry> {
        self.processors[id.index()]
            .get_or_insert_with(|| {
                let p = model.processor(id);
                let country = p.country.as_ref().map(|c| &c.node);
                Shared::new(ProcessorEntry {
                    label: text(&p.label),
                    country: country.cloned(),
                    third_country: country.is_some_and(words::is_third_country),
                    subprocessor_of: p.parent.map(|parent| text(&model.processor(parent).label)),
                })
            })
            .clone()
    }
}

fn text(t: &crate::syntax::ast::Text) -> String {
    t.node.clone()
}

/// `None` for an empty list: the spec does not say.
fn stated<T>(items: Vec<T>) -> Option<Vec<T>> {
    (!items.is_empty()).then_some(items)
}

/// The spec's word for a country, as the JSON gives it: `DK`, `outside_eea`, `unknown`, or `null`.
fn country_word<S: serde::Serializer>(
    country: &Option<CountryRef>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match country {
        Some(CountryRef::Code(code)) => s.serialize_str(code),
        Some(CountryRef::OutsideEea) => s.serialize_str("outside_eea"),
        Some(CountryRef::Unknown) => s.serialize_str("unknown"),
        Some(CountryRef::Organisation(code)) => s.serialize_str(code),
        None => s.serialize_none(),
    }
}

fn controller_record(model: &Model) -> ControllerRecord {
    let c = &model.controller;
    let dpo = c.dpo.as_ref().map(|d| DpoRecord {
        name: d.name.as_ref().map(text),
        email: d.email.as_ref().map(text),
        phone: d.phone.as_ref().map(text),
        address: d.address.as_ref().map(text),
        web: d.web.as_ref().map(text),
    });
    let mut record = ControllerRecord {
        name: text(&c.label),
        address: c.address.as_ref().map(text),
        contact: c.contact.as_ref().map(text),
        country: Some(c.country.clone()),
        dpo,
        joint_controllers: joint_controllers(model),
        missing: Vec::new(),
    };
    record.missing = [
        ("address", record.address.is_none()),
        ("contact", record.contact.is_none()),
        ("dpo", record.dpo.is_none()),
    ]
    .into_iter()
    .filter_map(|(key, missing)| missing.then_some(key))
    .collect();
    record
}

/// The bases of every case, then one entry for each statement of bases of some cases only
/// (`basis ... in some cases`), said as such: "in some cases ("..."): GDPR art. 6(1)(a)".
fn legal_bases<'m>(worded: &mut Worded<'m>, a: &'m Activity, lang: Lang) -> Vec<String> {
    let mut bases: Vec<String> = a.bases.iter().map(|b| worded.citation(b, lang)).collect();
    for some in a.case_bases() {
        let cited: Vec<String> = some
            .bases
            .iter()
            .map(|b| worded.citation(b, lang))
            .collect();
        let cited = cited.join(", ");
        bases.push(match &some.cases {
            Some(which) => tr!(lang, SOME_CASES_WHICH, cases = which.node, bases = cited),
            None => tr!(lang, SOME_CASES, bases = cited),
        });
    }
    bases
}

/// The joint controllers that at least one activity names, in the order declared; one no activity
/// names is not part of the record (UNUSED-DECLARATION reports it).
fn joint_controllers(model: &Model) -> Vec<JointControllerRecord> {
    if model.joint_controllers.is_empty() {
        return Vec::new();
    }
    let mut activities = vec![Vec::new(); model.joint_controllers.len()];
    for a in &model.activities {
        for j in &a.details().joint_controllers {
            activities[j.id.index()].push(text(&a.label));
        }
    }
    model
        .joint_controllers
        .iter()
        .zip(activities)
        .filter(|(_, activities)| !activities.is_empty())
        .map(|(j, activities)| JointControllerRecord {
            name: text(&j.label),
            address: j.address.as_ref().map(text),
            contact: j.contact.as_ref().map(text),
            country: j.country.as_ref().map(|c| c.node.clone()),
            arrangement: j.arrangement.as_ref().map(text),
            answers: j.answers.as_ref().map(text),
            essence: j.essence.as_ref().map(text),
            activities,
        })
        .collect()
}

fn activity_record<'m>(
    model: &Model,
    flow: &FlowGraph,
    worded: &mut Worded<'m>,
    index: usize,
    a: &'m Activity,
    transfers: Vec<Shared<TransferEntry>>,
    lang: Lang,
) -> ActivityRecord {
    let mut record = ActivityRecord {
        name: a.name.node.clone(),
        label: text(&a.label),
        unit: a.details().unit.as_ref().map(text),
        purposes: stated(a.purposes.iter().map(text).collect()),
        legal_bases: stated(legal_bases(worded, a, lang)),
        data_subjects: stated(
            a.subjects
                .iter()
                .map(|s| text(&model.subjects(s.id).label))
                .collect(),
        ),
        personal_data: stated(
            a.data
                .iter()
                .map(|d| match a.criminal_use(d.id) {
                    // Criminal-offence data by this activity's use of it: its own entry, since
                    // another activity may use the same category as declared.
                    Some(by_use) => {
                        let entry = &*worded.data(model, d.id, lang);
                        Shared::new(DataEntry {
                            description: tr!(
                                lang,
                                CRIMINAL_BY_USE,
                                class = entry.description,
                                when = by_use.when.node
                            ),
                            criminal_when: Some(by_use.when.node.clone()),
                            ..entry.clone()
                        })
                    }
                    None => worded.data(model, d.id, lang),
                })
                .collect(),
        ),
        recipients: stated(recipients(model, flow, worded, index, a, lang)),
        processors: stated(processors(model, worded, a)),
        joint_controllers: a
            .details()
            .joint_controllers
            .iter()
            .map(|j| text(&model.joint_controller(j.id).label))
            .collect(),
        transfers,
        retention: retention(model, worded, a, lang),
        security: stated(a.details().security.iter().map(text).collect()),
        collection: stated(
            a.details()
                .collections
                .iter()
                .map(|c| {
                    let labels: Vec<String> = c
                        .data
                        .iter()
                        .map(|d| text(&model.data(d.id).label))
                        .collect();
                    format!("{}: {}", labels.join(", "), c.describe(lang))
                })
                .collect(),
        ),
        missing: Vec::new(),
    };
    record.missing = [
        ("purposes", record.purposes.is_none()),
        ("legal_bases", record.legal_bases.is_none()),
        ("data_subjects", record.data_subjects.is_none()),
        ("personal_data", record.personal_data.is_none()),
        ("recipients", record.recipients.is_none()),
        ("processors", record.processors.is_none()),
        ("retention", record.retention.is_none()),
        ("security", record.security.is_none()),
    ]
    .into_iter()
    .filter_map(|(key, missing)| missing.then_some(key))
    .collect();
    record
}

/// Each recipient once: first those the activity discloses to itself, in the order it does, then
/// those its data reach through the flow graph by way of other activities that take them as a source
/// (a department's data that a separate disclosure activity hands to Skat), with the activity that
/// discloses them (art. 30(1)(d): the recipients to whom the data "have been or will be disclosed").
fn recipients(
    model: &Model,
    flow: &FlowGraph,
    worded: &mut Worded<'_>,
    index: usize,
    a: &Activity,
    lang: Lang,
) -> Vec<RecipientEntry> {
    let mut entry = |id: RecipientId, via: Vec<String>| RecipientEntry {
        via,
        ..worded.recipient(model, id, lang)
    };
    let mut seen = BTreeSet::new();
    let mut out: Vec<RecipientEntry> = a
        .disclosures
        .iter()
        .filter(|d| seen.insert(d.recipient.id))
        .map(|d| entry(d.recipient.id, Vec::new()))
        .collect();
    // The activities the data go on to, breadth first, and what each of them discloses.
    // The graph's index, not a search of its nodes: a search per activity made the record quadratic.
    let start = flow.activity_node(ActivityId(index as u32));
    let mut queue = std::collections::VecDeque::from([start]);
    let mut visited = BTreeSet::new();
    let mut reached: Vec<(RecipientId, String)> = Vec::new();
    while let Some(n) = queue.pop_front() {
        if !visited.insert(n) {
            continue;
        }
        for next in flow.graph.neighbors_directed(n, Direction::Outgoing) {
            if let Node::Activity(id) = flow.graph[next] {
                if id.index() == index {
                    continue;
                }
                let other = &model.activities[id.index()];
                for d in &other.disclosures {
                    reached.push((d.recipient.id, text(&other.label)));
                }
                queue.push_back(next);
            }
        }
    }
    // A recipient the activity discloses to itself is listed once, as its own.
    let mut indirect: Vec<RecipientId> = Vec::new();
    for (id, via) in reached {
        if seen.contains(&id) && !indirect.contains(&id) {
            continue;
        }
        match indirect.iter().position(|&r| r == id) {
            Some(i) => {
                let e = &mut out[seen.len() - indirect.len() + i];
                if !e.via.contains(&via) {
                    e.via.push(via);
                }
            }
            None => {
                seen.insert(id);
                indirect.push(id);
                out.push(entry(id, vec![via]));
            }
        }
    }
    out
}

/// The processors the activity names, each followed by its sub-processors, depth first; each once.
fn processors(model: &Model, worded: &mut Worded<'_>, a: &Activity) -> Vec<Shared<ProcessorEntry>> {
    fn visit(
        model: &Model,
        worded: &mut Worded<'_>,
        id: ProcessorId,
        seen: &mut BTreeSet<ProcessorId>,
        out: &mut Vec<Shared<ProcessorEntry>>,
    ) {
        if !seen.insert(id) {
            return;
        }
        out.push(worded.processor(model, id));
        for &sub in &model.processor(id).subprocessors {
            visit(model, worded, sub, seen, out);
        }
    }
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for via in &a.processors {
        visit(model, worded, via.id, &mut seen, &mut out);
    }
    out
}

/// Every transfer out of the EU/EEA, each worded once, and which of them each activity makes.
struct Transfers {
    entries: Vec<Shared<TransferEntry>>,
    /// By activity index: indexes into `entries`.
    by_activity: Vec<Vec<u32>>,
}

impl Transfers {
    /// Each party outside the EU/EEA that an activity's data reach, through its processors or by
    /// disclosure.
    fn of(model: &Model, flow: &FlowGraph, lang: Lang) -> Transfers {
        let mut transfers = Transfers {
            entries: Vec::new(),
            by_activity: vec![Vec::new(); model.activities.len()],
        };
        for destination in destinations(model, flow) {
            let (label, dpf_listed) = match destination.node {
                Node::Processor(id) => {
                    let p = model.processor(id);
                    (&p.label, p.dpf_listed.as_ref())
                }
                Node::Recipient(id) => {
                    let r = model.recipient(id);
                    (&r.label, r.dpf_listed.as_ref())
                }
                Node::Source(_) | Node::Activity(_) => continue,
            };
            let declared: Vec<String> = destination
                .transfer
                .map(|t| {
                    t.mechanisms
                        .iter()
                        .map(|m| words::mechanism(lang, &m.node))
                        .collect()
                })
                .unwrap_or_default();
            let mechanisms = if declared.is_empty() {
                words::implied_mechanism(lang, &destination.country.node).map(|m| vec![m])
            } else {
                Some(declared)
            };
            let mut documentation = Vec::new();
            if let Some(tia) = destination.tia {
                documentation.push(tr!(lang, TIA, text = tia.node));
            }
            if let Some(listed) = dpf_listed {
                documentation.push(tr!(lang, DPF_LISTED, text = listed.node));
            }
            let index = transfers.entries.len() as u32;
            transfers.entries.push(Shared::new(TransferEntry {
                party: text(label),
                country: destination.stated.then(|| destination.country.node.clone()),
                mechanisms,
                documentation,
            }));
            for activity in &destination.activities {
                transfers.by_activity[activity.index()].push(index);
            }
        }
        transfers
    }

    /// The transfers of the activity at `index`.
    fn of_activity(&self, index: usize) -> Vec<Shared<TransferEntry>> {
        self.by_activity[index]
            .iter()
            .map(|&entry| self.entries[entry as usize].clone())
            .collect()
    }
}

/// The activity's categories grouped by the `retain` statement that covers them, in the order of the
/// `data` statements; categories no statement covers form a group without a period. `None` when the
/// activity has no `retain` at all.
fn retention<'m>(
    model: &Model,
    worded: &mut Worded<'m>,
    a: &'m Activity,
    lang: Lang,
) -> Option<Vec<RetentionEntry>> {
    if a.retention.is_empty() || a.data.is_empty() {
        return None;
    }
    // The rule of each category, by its index in `a.retention`; `None`: not covered.
    let mut groups: Vec<(Option<usize>, Vec<String>)> = Vec::new();
    let mut seen = BTreeSet::new();
    for d in &a.data {
        if !seen.insert(d.id) {
            continue;
        }
        let rule = a
            .retention_of(d.id)
            .and_then(|r| a.retention.iter().position(|x| std::ptr::eq(x, r)));
        let label = text(&model.data(d.id).label);
        match groups.iter_mut().find(|(g, _)| *g == rule) {
            Some((_, labels)) => labels.push(label),
            None => groups.push((rule, vec![label])),
        }
    }
    let single = groups.len() == 1;
    let mut entries: Vec<RetentionEntry> = groups
        .into_iter()
        .map(|(rule, categories)| RetentionEntry {
            categories,
            all: single && rule.is_some(),
            period: rule.map(|i| worded.period(&a.retention[i].period, lang)),
            holder: None,
        })
        .collect();
    // The copies other holders keep, each with its own period (`copy ... kept by "..."`).
    for c in &a.details().copies {
        entries.push(RetentionEntry {
            categories: c
                .data
                .iter()
                .map(|d| text(&model.data(d.id).label))
                .collect(),
            all: false,
            period: c.period.as_ref().map(|p| worded.period(p, lang)),
            holder: Some(text(&c.holder)),
        });
    }
    Some(entries)
}

/// The text of a document written into memory (each format's `render`): writing into a `Vec`
/// cannot fail, and the formats write only UTF-8.
fn in_memory(write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>) -> String {
    let mut out = Vec::new();
    let _ = write(&mut out);
    String::from_utf8(out).unwrap_or_default()
}
