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
pub mod dpv;
pub mod fields;
mod fill;
pub mod json;
pub mod markdown;
pub mod shared;
pub mod words;
pub mod xlsx;

use serde::Serialize;

pub use shared::Shared;

use crate::flow::transfers::destinations;
use crate::flow::{FlowGraph, Node};
use crate::i18n::Lang;
use crate::law::acts::ActId;
use crate::law::citation::{LegalRef, Point};
use crate::law::countries::CountryRef;
use crate::law::vocabulary::{DataClass, RecipientKind, SpecialKind, TimeUnit};
use crate::semantic::model::{Activity, DataId, Model, Period, ProcessorId, RecipientId};
use crate::spec_map::SpecMap;
use crate::texts;
use crate::tr;
use std::borrow::Cow;

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
pub struct Record<'m> {
    /// The language the record's own words are in.
    pub lang: Lang,
    pub controller: ControllerRecord,
    pub activities: Vec<ActivityRecord<'m>>,
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

/// One processing activity. Its words are borrowed from the model where they are the spec's (names,
/// labels, purposes) and shared where the record words them once for many activities (citations,
/// periods, entries): the record of 100,000 activities copied every text of each into a `String`,
/// and this was most of what making an entry cost.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ActivityRecord<'m> {
    /// The name in the spec.
    pub name: &'m str,
    /// The label people read.
    pub label: &'m str,
    /// `unit "..."`: the department or staff function the activity belongs to; not a field of art.
    /// 30(1), so left out of the JSON (and of `missing`) when the spec does not give it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<&'m str>,
    /// `kle ...`: the KLE subject numbers the activity covers (`27.15.00`); not a field of art.
    /// 30(1), so left out of the JSON (and of `missing`) when the activity gives none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub kle: Vec<String>,
    /// (b)
    pub purposes: Option<Vec<&'m str>>,
    pub legal_bases: Option<Vec<Shared<String>>>,
    /// (c)
    pub data_subjects: Option<Vec<&'m str>>,
    /// (c)
    pub personal_data: Option<Vec<Shared<DataEntry>>>,
    /// (c): which categories of data are about which group of data subjects, one entry per group,
    /// made for every activity of a spec that says of some data that it is about some groups only
    /// (`data ... about ...`); empty, and left out of the JSON, for a spec that does not.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub data_by_subjects: Vec<SubjectData<'m>>,
    /// (d): the recipients the activity discloses data to.
    pub recipients: Option<Vec<RecipientEntry<'m>>>,
    /// The processors the activity uses, and their sub-processors.
    pub processors: Option<Vec<Shared<ProcessorEntry>>>,
    /// The labels of its joint controllers (`jointly with`, art. 26); left out of the JSON when it
    /// has none. Their details are in the controller's entry.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub joint_controllers: Vec<&'m str>,
    /// (e): every party outside the EU/EEA (or of unknown place) the activity's data reaches; empty
    /// when there is none.
    pub transfers: Vec<Shared<TransferEntry>>,
    /// (f)
    pub retention: Option<Vec<RetentionEntry<'m>>>,
    /// (g)
    pub security: Option<Vec<&'m str>>,
    /// `collect NAMES every N UNIT`: how often data is collected anew, one line each (`Børneattest:
    /// every 1 year`); left out of the JSON (and of `missing`) when the spec gives none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub collection: Option<Vec<String>>,
    /// The keys of the fields above that the spec does not give (their value is `None`).
    pub missing: Vec<&'static str>,
    /// Which of the fields that only some specs have the documents show for every activity.
    #[serde(skip)]
    pub shows: Shows,
}

/// The fields a document shows for every activity when some activity of the spec needs them, so
/// that a CSV's columns are the same in every row, and the record of a spec that needs none reads
/// as it did before they were added.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Shows {
    /// Some activity names its organisational unit (`unit "..."`). Not a field of art. 30(1): a
    /// record whose spec names no unit would only say "not stated" in every entry.
    pub unit: bool,
    /// Some activity says how often data is collected anew (`collect ... every ...`); not a field
    /// of art. 30(1) either.
    pub collection: bool,
    /// Some activity gives KLE numbers.
    pub kle: bool,
    /// Some activity says of some data that it is about some groups of subjects only.
    pub data_by_subjects: bool,
}

impl Shows {
    /// In one walk over the activities, not one for each field: at 100,000 activities each walk
    /// reads every activity and its details box again.
    fn of(model: &Model) -> Shows {
        let mut shows = Shows::default();
        for a in &model.activities {
            let details = a.details();
            shows.unit |= details.unit.is_some();
            shows.collection |= !details.collections.is_empty();
            shows.kle |= !details.kle.is_empty();
            shows.data_by_subjects |= !details.about.is_empty();
            if shows == Shows::ALL {
                break;
            }
        }
        shows
    }

    /// Every field shown: no activity can add to it.
    const ALL: Shows = Shows {
        unit: true,
        collection: true,
        kle: true,
        data_by_subjects: true,
    };
}

/// Categories of personal data about one group of data subjects (`data ... about ...`).
#[derive(Debug, Clone, Serialize)]
pub struct SubjectData<'m> {
    /// The group's label.
    pub subjects: &'m str,
    /// The labels of the categories about it.
    pub data: Vec<&'m str>,
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
pub struct RecipientEntry<'m> {
    pub label: &'m str,
    /// The spec's name: what names the recipient's node in the DPV document; not in the JSON.
    #[serde(skip)]
    pub name: &'m str,
    /// The spec's word for the kind of recipient: `police`, `authority`, ...
    pub kind: RecipientKind,
    /// The category of recipients in words: `police`, `public authorities`.
    pub description: &'static str,
    /// In JSON the spec's word: an ISO code, `outside_eea` or `unknown`; `None` when the spec does not
    /// say.
    #[serde(serialize_with = "country_ref_word")]
    pub country: Option<&'m CountryRef>,
    pub third_country: bool,
    /// When another activity discloses the data (the activity's data flow to it, as its `sources`
    /// say): that activity's label. Empty for the activity's own disclosures.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub via: Vec<&'m str>,
    /// For an activity that says of some data that it is about some groups only (`data ...
    /// about ...`): what it discloses to the recipient, by the group the data is about. Empty for
    /// other activities and for recipients reached through other activities.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub receives: Vec<SubjectData<'m>>,
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
pub struct RetentionEntry<'m> {
    /// The labels of the categories it covers.
    pub categories: Vec<&'m str>,
    /// `true` when it covers every category of the activity.
    pub all: bool,
    /// The deadline in words; `None` for categories no `retain` covers.
    pub period: Option<Shared<String>>,
    /// For a copy another holder keeps (`copy NAMES kept by "holder" ...`): the holder. The entry's
    /// `period` is then the copy's own, `None` when the spec gives it none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub holder: Option<&'m str>,
}

impl<'m> Record<'m> {
    /// The record of `model`, worded in `lang`.
    pub fn build(model: &'m Model, flow: &'m FlowGraph, lang: Lang) -> Record<'m> {
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
/// every text of the model). As [`Entries`] it lends each entry and makes the next in the same lists.
pub struct Activities<'m> {
    model: &'m Model,
    lang: Lang,
    worded: Worded<'m>,
    transfers: Transfers,
    shows: Shows,
    scratch: Scratch<'m>,
    /// The entry [`Entries::next_entry`] lends: its lists are filled anew for each activity, not
    /// allocated and dropped 100,000 times.
    entry: ActivityRecord<'m>,
    /// The index of the next activity.
    next: usize,
}

impl<'m> Activities<'m> {
    /// The activities of `model`, worded in `lang`.
    pub fn new(model: &'m Model, flow: &'m FlowGraph, lang: Lang) -> Activities<'m> {
        Activities {
            model,
            lang,
            worded: Worded::new(model),
            transfers: Transfers::of(model, flow, lang),
            shows: Shows::of(model),
            scratch: Scratch::new(model, flow),
            entry: ActivityRecord::default(),
            next: 0,
        }
    }

    /// Makes the next activity's entry in `record`; `false` when there is none left.
    fn fill(&mut self, record: &mut ActivityRecord<'m>) -> bool {
        let Some(made) = self.take_next() else {
            return false;
        };
        made.record(&mut self.worded, &mut self.scratch, &self.transfers, record);
        true
    }
}

impl<'m> Activities<'m> {
    /// The next activity, to make (part of) its entry; `None` when there is none left.
    fn take_next(&mut self) -> Option<Making<'m>> {
        let index = self.next;
        let activity = self.model.activities.get(index)?;
        self.next += 1;
        Some(Making {
            model: self.model,
            lang: self.lang,
            index,
            a: activity,
            shows: self.shows,
        })
    }

    /// The recipients of the next activity, as its entry gives them (art. 30(1)(d)), without making
    /// the rest of the entry: what the DPV document takes from the record. `false` when there is no
    /// activity left.
    pub fn next_recipients(&mut self, out: &mut Vec<RecipientEntry<'m>>) -> bool {
        let Some(made) = self.take_next() else {
            return false;
        };
        out.clear();
        made.recipients(&mut self.worded, &mut self.scratch, out);
        true
    }
}

/// The activities' entries, lent one at a time: what the document formats write. A lender may make
/// each entry in the lists of the one before ([`Activities`]), or lend those of a [`Record`]
/// (`record.activities.iter()`).
pub trait Entries<'m> {
    /// The next entry, lent until the next call.
    fn next_entry(&mut self) -> Option<&ActivityRecord<'m>>;
}

impl<'m> Entries<'m> for Activities<'m> {
    fn next_entry(&mut self) -> Option<&ActivityRecord<'m>> {
        // Made in place: the entry is some 400 bytes, and moving it out and back for each of
        // 100,000 activities was a copy of it twice over.
        let made = self.take_next()?;
        made.record(
            &mut self.worded,
            &mut self.scratch,
            &self.transfers,
            &mut self.entry,
        );
        Some(&self.entry)
    }
}

impl<'a, 'm> Entries<'m> for std::slice::Iter<'a, ActivityRecord<'m>> {
    fn next_entry(&mut self) -> Option<&ActivityRecord<'m>> {
        self.next()
    }
}

impl<'m> Iterator for Activities<'m> {
    type Item = ActivityRecord<'m>;

    fn next(&mut self) -> Option<ActivityRecord<'m>> {
        let mut record = ActivityRecord::default();
        self.fill(&mut record).then_some(record)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.model.activities.len() - self.next;
        (left, Some(left))
    }
}

impl ExactSizeIterator for Activities<'_> {}

/// The lists the record needs only while it makes an entry, kept for the next: which recipients,
/// processors, categories and nodes of the graph an activity has seen (as flags by index, cleared
/// after each activity), the search through the graph and what it found.
struct Scratch<'m> {
    recipient_seen: Vec<bool>,
    recipients_seen: Vec<RecipientId>,
    processor_seen: Vec<bool>,
    processors_seen: Vec<ProcessorId>,
    data_seen: Vec<bool>,
    /// The activities the data go on to from each activity, read from the flow graph once.
    successors: Successors,
    activity_visited: Vec<bool>,
    activities_visited: Vec<u32>,
    queue: std::collections::VecDeque<u32>,
    reached: Vec<(RecipientId, &'m str)>,
    indirect: Vec<RecipientId>,
    /// The `retain` statement of each retention group, by the group's place.
    rules: Vec<Option<usize>>,
    /// By data category: the first `retain` statement of the activity that names it
    /// ([`NOT_NAMED`] when none does), set for the activity's statements and cleared after.
    named_by: Vec<u32>,
    /// The lists of labels the last entry's retention groups and recipients held (`categories`,
    /// `via`), emptied for the next entry's: one of each for every activity was most of the
    /// allocations an entry made.
    spare_labels: Vec<Vec<&'m str>>,
}

/// The activities each activity's data flow on to (the activities that take it as a source), as
/// the flow graph lists them: read from the graph's edges once, in the order they lie, rather than
/// by walking each activity's edges (to its recipients and processors too) for every activity, which
/// at 100,000 activities was a read of the graph at random.
struct Successors {
    /// By activity: where its successors start in `activities` (and the next one's, where they end).
    starts: Vec<u32>,
    activities: Vec<u32>,
}

impl Successors {
    fn of(model: &Model, flow: &FlowGraph) -> Successors {
        let activity = |node| match flow.graph[node] {
            Node::Activity(id) => Some(id.0),
            _ => None,
        };
        let edges: Vec<(u32, u32)> = flow
            .graph
            .raw_edges()
            .iter()
            .filter_map(|e| Some((activity(e.source())?, activity(e.target())?)))
            .collect();
        let mut starts = vec![0u32; model.activities.len() + 1];
        for &(from, _) in &edges {
            starts[from as usize + 1] += 1;
        }
        for i in 1..starts.len() {
            starts[i] += starts[i - 1];
        }
        let mut filled = starts.clone();
        let mut activities = vec![0u32; edges.len()];
        for &(from, to) in &edges {
            activities[filled[from as usize] as usize] = to;
            filled[from as usize] += 1;
        }
        // The graph lists a node's outgoing edges newest first.
        for window in starts.windows(2) {
            activities[window[0] as usize..window[1] as usize].reverse();
        }
        Successors { starts, activities }
    }

    fn of_activity(&self, activity: u32) -> &[u32] {
        let at = activity as usize;
        &self.activities[self.starts[at] as usize..self.starts[at + 1] as usize]
    }
}

/// [`Scratch::named_by`] of a category no `retain` statement of the activity names.
const NOT_NAMED: u32 = u32::MAX;

/// A list of labels holding `first`, one of `spare` ([`Scratch::spare_labels`]) when there is one.
fn labels<'m>(spare: &mut Vec<Vec<&'m str>>, first: &'m str) -> Vec<&'m str> {
    let mut labels = spare.pop().unwrap_or_default();
    labels.push(first);
    labels
}

impl<'m> Scratch<'m> {
    fn new(model: &Model, flow: &FlowGraph) -> Scratch<'m> {
        Scratch {
            recipient_seen: vec![false; model.recipients.len()],
            recipients_seen: Vec::new(),
            processor_seen: vec![false; model.processors.len()],
            processors_seen: Vec::new(),
            data_seen: vec![false; model.data.len()],
            successors: Successors::of(model, flow),
            activity_visited: vec![false; model.activities.len()],
            activities_visited: Vec::new(),
            queue: std::collections::VecDeque::new(),
            reached: Vec::new(),
            indirect: Vec::new(),
            rules: Vec::new(),
            named_by: vec![NOT_NAMED; model.data.len()],
            spare_labels: Vec::new(),
        }
    }

    /// `list`, emptied for use again.
    fn spare(&mut self, mut list: Vec<&'m str>) {
        if list.capacity() > 0 {
            list.clear();
            self.spare_labels.push(list);
        }
    }
}

/// One activity's entry being made.
struct Making<'m> {
    model: &'m Model,
    lang: Lang,
    index: usize,
    a: &'m Activity,
    shows: Shows,
}

/// `slot`'s list emptied for new items, or a new one.
fn reuse<T>(slot: &mut Option<Vec<T>>) -> Vec<T> {
    let mut list = slot.take().unwrap_or_default();
    list.clear();
    list
}

/// `slot` filled with `items`, in the list it held; `None` when there are none.
fn refill<T>(slot: &mut Option<Vec<T>>, items: impl IntoIterator<Item = T>) {
    let mut list = reuse(slot);
    list.extend(items);
    *slot = stated(list);
}

impl<'m> Making<'m> {
    /// The activity's entry, made in `record`'s lists.
    fn record(
        &self,
        worded: &mut Worded<'m>,
        scratch: &mut Scratch<'m>,
        transfers: &Transfers,
        record: &mut ActivityRecord<'m>,
    ) {
        let (model, a, lang) = (self.model, self.a, self.lang);
        let details = a.details();
        record.name = &a.name.node;
        record.label = &a.label.node;
        record.unit = details.unit.as_ref().map(|u| u.node.as_str());
        refill(
            &mut record.purposes,
            a.purposes.iter().map(|p| p.node.as_str()),
        );
        let mut bases = reuse(&mut record.legal_bases);
        self.legal_bases(worded, &mut bases);
        record.legal_bases = stated(bases);
        refill(
            &mut record.data_subjects,
            a.subjects
                .iter()
                .map(|s| model.subjects(s.id).label.node.as_str()),
        );
        refill(
            &mut record.personal_data,
            a.data.iter().map(|d| match a.criminal_use(d.id) {
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
                        criminal_when: Some(by_use.when.node.to_string()),
                        ..entry.clone()
                    })
                }
                None => worded.data(model, d.id, lang),
            }),
        );
        let mut recipients = record.recipients.take().unwrap_or_default();
        for r in recipients.drain(..) {
            scratch.spare(r.via);
        }
        self.recipients(worded, scratch, &mut recipients);
        if !details.about.is_empty() {
            self.receives(&mut recipients);
        }
        record.recipients = stated(recipients);
        record.shows = self.shows;
        record.kle.clear();
        record
            .kle
            .extend(details.kle.iter().map(|k| k.node.to_string()));
        record.data_by_subjects.clear();
        if self.shows.data_by_subjects {
            self.data_by_subjects(scratch, &mut record.data_by_subjects);
        }
        let mut processors = reuse(&mut record.processors);
        self.processors(worded, scratch, &mut processors);
        record.processors = stated(processors);
        record.joint_controllers.clear();
        record.joint_controllers.extend(
            details
                .joint_controllers
                .iter()
                .map(|j| model.joint_controller(j.id).label.node.as_str()),
        );
        record.transfers.clear();
        record
            .transfers
            .extend(transfers.of_activity(self.index).cloned());
        self.retention(worded, scratch, &mut record.retention);
        refill(
            &mut record.security,
            details.security.iter().map(|s| s.node.as_str()),
        );
        refill(
            &mut record.collection,
            details.collections.iter().map(|c| {
                let labels: Vec<&str> = c
                    .data
                    .iter()
                    .map(|d| model.data(d.id).label.node.as_str())
                    .collect();
                format!("{}: {}", labels.join(", "), c.describe(lang))
            }),
        );
        record.missing.clear();
        record.missing.extend(
            [
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
            .filter_map(|(key, missing)| missing.then_some(key)),
        );
    }

    /// The bases of every case, then one entry for each statement of bases of some cases only
    /// (`basis ... in some cases`), said as such: "in some cases ("..."): GDPR art. 6(1)(a)".
    fn legal_bases(&self, worded: &mut Worded<'m>, bases: &mut Vec<Shared<String>>) {
        let (a, lang) = (self.a, self.lang);
        bases.extend(a.bases.iter().map(|b| worded.citation(b, lang)));
        for some in a.case_bases() {
            let cited: Vec<Shared<String>> = some
                .bases
                .iter()
                .map(|b| worded.citation(b, lang))
                .collect();
            let cited = cited
                .iter()
                .map(|c| c.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            bases.push(Shared::new(match &some.cases {
                Some(which) => tr!(lang, SOME_CASES_WHICH, cases = which.node, bases = cited),
                None => tr!(lang, SOME_CASES, bases = cited),
            }));
        }
    }

    /// Each recipient once: first those the activity discloses to itself, in the order it does, then
    /// those its data reach through the flow graph by way of other activities that take them as a
    /// source (a department's data that a separate disclosure activity hands to Skat), with the
    /// activity that discloses them (art. 30(1)(d): the recipients to whom the data "have been or
    /// will be disclosed").
    fn recipients(
        &self,
        worded: &mut Worded<'m>,
        scratch: &mut Scratch<'m>,
        out: &mut Vec<RecipientEntry<'m>>,
    ) {
        let (model, a, lang, index) = (self.model, self.a, self.lang, self.index);
        let mut entry = |id: RecipientId, via: Vec<&'m str>| RecipientEntry {
            via,
            ..worded.recipient(model, id, lang)
        };
        for d in &a.disclosures {
            let id = d.recipient.id;
            if !std::mem::replace(&mut scratch.recipient_seen[id.index()], true) {
                scratch.recipients_seen.push(id);
                out.push(entry(id, Vec::new()));
            }
        }
        // The activities the data go on to, breadth first, and what each of them discloses.
        scratch.queue.push_back(index as u32);
        scratch.reached.clear();
        while let Some(n) = scratch.queue.pop_front() {
            if std::mem::replace(&mut scratch.activity_visited[n as usize], true) {
                continue;
            }
            scratch.activities_visited.push(n);
            for &next in scratch.successors.of_activity(n) {
                if next as usize == index {
                    continue;
                }
                let other = &model.activities[next as usize];
                for d in &other.disclosures {
                    scratch
                        .reached
                        .push((d.recipient.id, other.label.node.as_str()));
                }
                scratch.queue.push_back(next);
            }
        }
        // A recipient the activity discloses to itself is listed once, as its own.
        scratch.indirect.clear();
        for &(id, via) in &scratch.reached {
            if scratch.recipient_seen[id.index()] && !scratch.indirect.contains(&id) {
                continue;
            }
            match scratch.indirect.iter().position(|&r| r == id) {
                Some(i) => {
                    let at = out.len() - scratch.indirect.len() + i;
                    let e = &mut out[at];
                    if !e.via.contains(&via) {
                        e.via.push(via);
                    }
                }
                None => {
                    scratch.recipient_seen[id.index()] = true;
                    scratch.recipients_seen.push(id);
                    scratch.indirect.push(id);
                    out.push(entry(id, labels(&mut scratch.spare_labels, via)));
                }
            }
        }
        for id in scratch.recipients_seen.drain(..) {
            scratch.recipient_seen[id.index()] = false;
        }
        for n in scratch.activities_visited.drain(..) {
            scratch.activity_visited[n as usize] = false;
        }
    }

    /// Each group of the activity's subjects with the categories about it ([`Activity::subjects_of`]),
    /// in the order of `subjects` and `data`; a group no category is about is left out.
    fn data_by_subjects(&self, scratch: &mut Scratch<'m>, out: &mut Vec<SubjectData<'m>>) {
        let (model, a) = (self.model, self.a);
        let mut groups = Vec::new();
        for s in &a.subjects {
            if !groups.contains(&s.id) {
                groups.push(s.id);
                out.push(SubjectData {
                    subjects: model.subjects(s.id).label.node.as_str(),
                    data: Vec::new(),
                });
            }
        }
        for d in &a.data {
            if std::mem::replace(&mut scratch.data_seen[d.id.index()], true) {
                continue;
            }
            let label = model.data(d.id).label.node.as_str();
            for group in a.subjects_of(d.id) {
                if let Some(at) = groups.iter().position(|g| *g == group) {
                    out[at].data.push(label);
                }
            }
        }
        for d in &a.data {
            scratch.data_seen[d.id.index()] = false;
        }
        out.retain(|group| !group.data.is_empty());
    }

    /// What the activity's own disclosures give each recipient, by the group the data is about.
    fn receives(&self, recipients: &mut [RecipientEntry<'m>]) {
        let (model, a) = (self.model, self.a);
        for d in &a.disclosures {
            let recipient = &model.recipient(d.recipient.id).label.node;
            // The activity's own recipients come first, each once; an entry lends the model's
            // label, so the same text is the same recipient.
            let Some(entry) = recipients
                .iter_mut()
                .find(|r| r.via.is_empty() && std::ptr::eq(r.label, recipient.as_str()))
            else {
                continue;
            };
            for data in &d.data {
                let label = model.data(data.id).label.node.as_str();
                for group in a.subjects_of(data.id) {
                    let subjects = model.subjects(group).label.node.as_str();
                    let at = match entry
                        .receives
                        .iter()
                        .position(|g| std::ptr::eq(g.subjects, subjects))
                    {
                        Some(at) => at,
                        None => {
                            entry.receives.push(SubjectData {
                                subjects,
                                data: Vec::new(),
                            });
                            entry.receives.len() - 1
                        }
                    };
                    if !entry.receives[at].data.contains(&label) {
                        entry.receives[at].data.push(label);
                    }
                }
            }
        }
    }

    /// The processors the activity names, each followed by its sub-processors, depth first; each
    /// once.
    fn processors(
        &self,
        worded: &mut Worded<'m>,
        scratch: &mut Scratch<'m>,
        out: &mut Vec<Shared<ProcessorEntry>>,
    ) {
        // A processor seen already was listed with all of its sub-processors then: skipping it
        // alone in another's tree lists what skipping its whole subtree did.
        for via in &self.a.processors {
            for (id, entry) in worded.processor_tree(self.model, via.id) {
                if !std::mem::replace(&mut scratch.processor_seen[id.index()], true) {
                    scratch.processors_seen.push(*id);
                    out.push(entry.clone());
                }
            }
        }
        for id in scratch.processors_seen.drain(..) {
            scratch.processor_seen[id.index()] = false;
        }
    }

    /// The activity's categories grouped by the `retain` statement that covers them, in the order
    /// of the `data` statements; categories no statement covers form a group without a period.
    /// `None` when the activity has no `retain` at all.
    fn retention(
        &self,
        worded: &mut Worded<'m>,
        scratch: &mut Scratch<'m>,
        slot: &mut Option<Vec<RetentionEntry<'m>>>,
    ) {
        let (model, a, lang) = (self.model, self.a, self.lang);
        let mut entries = slot.take().unwrap_or_default();
        for old in entries.drain(..) {
            scratch.spare(old.categories);
        }
        if a.retention.is_empty() || a.data.is_empty() {
            return;
        }
        // The first statement that names each category, marked by category once rather than
        // searched for each (at 100,000 activities the statements were read again for every
        // category); `Activity::retention_covering` then says which statement covers it.
        for (i, r) in a.retention.iter().enumerate() {
            for t in &r.targets {
                let named_by = &mut scratch.named_by[t.id.index()];
                *named_by = (*named_by).min(i as u32);
            }
        }
        // The rule of each group, by its index in `a.retention`; `None`: not covered.
        scratch.rules.clear();
        for d in &a.data {
            if std::mem::replace(&mut scratch.data_seen[d.id.index()], true) {
                continue;
            }
            let rule = a.retention_covering(match scratch.named_by[d.id.index()] {
                NOT_NAMED => None,
                i => Some(i as usize),
            });
            let label = model.data(d.id).label.node.as_str();
            match scratch.rules.iter().position(|g| *g == rule) {
                Some(at) => entries[at].categories.push(label),
                None => {
                    scratch.rules.push(rule);
                    entries.push(RetentionEntry {
                        categories: labels(&mut scratch.spare_labels, label),
                        all: false,
                        period: rule.map(|i| worded.period(&a.retention[i].period, lang)),
                        holder: None,
                    });
                }
            }
        }
        for d in &a.data {
            scratch.data_seen[d.id.index()] = false;
        }
        for r in &a.retention {
            for t in &r.targets {
                scratch.named_by[t.id.index()] = NOT_NAMED;
            }
        }
        if let [only] = entries.as_mut_slice() {
            only.all = scratch.rules[0].is_some();
        }
        // The copies other holders keep, each with its own period (`copy ... kept by "..."`).
        for c in &a.details().copies {
            let mut categories = scratch.spare_labels.pop().unwrap_or_default();
            categories.extend(c.data.iter().map(|d| model.data(d.id).label.node.as_str()));
            entries.push(RetentionEntry {
                categories,
                all: false,
                period: c.period.as_ref().map(|p| worded.period(p, lang)),
                holder: Some(c.holder.node.as_str()),
            });
        }
        *slot = Some(entries);
    }
}

/// What a retention period is worded from, borrowed from the model.
#[derive(PartialEq, Eq, Hash)]
enum PeriodKey<'m> {
    Archive,
    Deadline(u64, TimeUnit, Option<&'m str>, bool),
    Until(&'m str, bool),
}

/// What a cited provision is worded from.
type ProvisionKey = (ActId, Cow<'static, str>, Option<u32>, Option<Point>);

/// A cited provision whose number is the act table's text: act, the number's address and length,
/// paragraph, point. Two numbers of the same text at two addresses are worded alike, each once.
type TableProvisionKey = (ActId, usize, usize, Option<u32>, Option<Point>);

/// A processor and its sub-processors, depth first, each once, with their entries.
type ProcessorTree = Vec<(ProcessorId, Shared<ProcessorEntry>)>;

/// The entries that many activities share, each worded once: a large spec names the same data
/// categories, citations, recipients and processors in thousands of activities, and wording each anew
/// was most of the time `hjemmel ropa` took.
struct Worded<'m> {
    data: Vec<Option<Shared<DataEntry>>>,
    recipients: Vec<Option<RecipientEntry<'m>>>,
    processors: Vec<Option<Shared<ProcessorEntry>>>,
    /// By processor: it and its sub-processors, depth first, each once ([`Worded::processor_tree`]).
    processor_trees: Vec<Option<ProcessorTree>>,
    /// The provisions cited whose number is the act table's own text, by act, the address of that
    /// text, paragraph and point: a key of a few integers, hashed and compared without reading the
    /// number (most citations). Seeded as the other maps, since paragraph and point are the spec's.
    cited_from_table: SpecMap<TableProvisionKey, Shared<String>>,
    /// The other provisions cited, by act, number, paragraph and point (what they are written from).
    /// This map and the periods' are looked up for every activity, and their keys hold the spec's
    /// words (a number as written, an event): hashed with [`SpecMap`]'s seeded hash, not SipHash (a
    /// third of the time the record took to word its activities).
    citations: SpecMap<ProvisionKey, Shared<String>>,
    /// Statutes and agreements cited in free text, by their text, which is their wording: a spec
    /// cites the same few in thousands of activities.
    free_text: SpecMap<&'m str, Shared<String>>,
    /// Retention periods, by what they are worded from.
    periods: SpecMap<PeriodKey<'m>, Shared<String>>,
}

impl<'m> Worded<'m> {
    fn new(model: &Model) -> Worded<'m> {
        Worded {
            data: vec![None; model.data.len()],
            recipients: vec![None; model.recipients.len()],
            processors: vec![None; model.processors.len()],
            processor_trees: vec![None; model.processors.len()],
            cited_from_table: SpecMap::default(),
            citations: SpecMap::default(),
            free_text: SpecMap::default(),
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

    fn citation(&mut self, citation: &'m LegalRef, lang: Lang) -> Shared<String> {
        let word = || Shared::new(words::legal_ref(lang, citation));
        match citation {
            LegalRef::Provision {
                act,
                number: Cow::Borrowed(number),
                paragraph,
                point,
                ..
            } => self
                .cited_from_table
                .entry((
                    *act,
                    number.as_ptr() as usize,
                    number.len(),
                    *paragraph,
                    *point,
                ))
                .or_insert_with(word)
                .clone(),
            // A number as written, when the table of an incomplete act does not list it.
            LegalRef::Provision {
                act,
                number,
                paragraph,
                point,
                ..
            } => self
                .citations
                .entry((*act, number.clone(), *paragraph, *point))
                .or_insert_with(word)
                .clone(),
            // A statute or agreement in free text stays as written: nothing to word.
            LegalRef::Law { text, .. } | LegalRef::Agreement { text, .. } => self
                .free_text
                .entry(text.as_str())
                .or_insert_with(word)
                .clone(),
        }
    }

    fn period(&mut self, period: &'m Period, lang: Lang) -> Shared<String> {
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
            .or_insert_with(|| Shared::new(words::period(lang, period)))
            .clone()
    }

    /// The recipient's entry, without the activities it is disclosed by.
    fn recipient(&mut self, model: &'m Model, id: RecipientId, lang: Lang) -> RecipientEntry<'m> {
        self.recipients[id.index()]
            .get_or_insert_with(|| {
                let r = model.recipient(id);
                let country = r.country.as_ref().map(|c| &c.node);
                RecipientEntry {
                    label: &r.label.node,
                    name: &r.name.node,
                    kind: r.kind,
                    description: words::recipient_kind_text(r.kind).get(lang),
                    country,
                    third_country: country.is_some_and(words::is_third_country),
                    via: Vec::new(),
                    receives: Vec::new(),
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

impl<'m> Worded<'m> {
    /// The processor `id` and its sub-processors, depth first, each once, with their entries:
    /// followed through the model once per processor, not for every activity that names it (at
    /// 100,000 activities, reading the processors' declarations and their lists again for each
    /// was most of what listing an activity's processors cost).
    fn processor_tree(
        &mut self,
        model: &Model,
        id: ProcessorId,
    ) -> &[(ProcessorId, Shared<ProcessorEntry>)] {
        if self.processor_trees[id.index()].is_none() {
            let mut tree = Vec::new();
            let mut seen = rustc_hash::FxHashSet::default();
            let mut stack = vec![id];
            while let Some(next) = stack.pop() {
                if !seen.insert(next) {
                    continue;
                }
                tree.push((next, self.processor(model, next)));
                stack.extend(model.processor(next).subprocessors.iter().rev());
            }
            self.processor_trees[id.index()] = Some(tree);
        }
        self.processor_trees[id.index()]
            .as_deref()
            .unwrap_or_default()
    }
}

fn text(t: &crate::syntax::ast::Text) -> String {
    t.node.to_string()
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
    country_ref_word(&country.as_ref(), s)
}

/// [`country_word`] of a country borrowed from the model.
fn country_ref_word<S: serde::Serializer>(
    country: &Option<&CountryRef>,
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
    fn of_activity(&self, index: usize) -> impl Iterator<Item = &Shared<TransferEntry>> {
        self.by_activity[index]
            .iter()
            .map(|&entry| &self.entries[entry as usize])
    }
}

/// The text of a document written into memory (each format's `render`, the record's and the
/// notice's): writing into a `Vec` cannot fail, and the formats write only UTF-8.
pub(crate) fn in_memory(
    write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> String {
    let mut out = Vec::new();
    let _ = write(&mut out);
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::semantic::model::ActivityId;
    use petgraph::Direction;

    /// Each activity's successors are the activities its node's outgoing edges lead to, in the
    /// order the graph lists them (which decides the order of the recipients reached through them),
    /// on specs whose activities take others as sources.
    #[test]
    fn successors_are_the_graphs_in_its_order() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut compared = 0;
        for spec in [
            "specs/lejre",
            "specs/randers",
            "tests/fixtures/ropa/data_about.hjemmel",
        ] {
            let outcome = crate::check_spec(&root.join(spec), Lang::En);
            let checked = outcome.result.as_ref().expect("the spec is understood");
            let (model, flow) = (&checked.model, &checked.flow);
            let successors = Successors::of(model, flow);
            for i in 0..model.activities.len() {
                let node = flow.activity_node(ActivityId(i as u32));
                let expected: Vec<u32> = flow
                    .graph
                    .neighbors_directed(node, Direction::Outgoing)
                    .filter_map(|n| match flow.graph[n] {
                        Node::Activity(id) => Some(id.0),
                        _ => None,
                    })
                    .collect();
                assert_eq!(
                    successors.of_activity(i as u32),
                    expected,
                    "{spec}: activity {i}"
                );
                compared += expected.len();
            }
        }
        assert!(compared > 5, "only {compared} successors compared");
    }
}
