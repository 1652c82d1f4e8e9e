//! `hjemmel ropa --format dpv`: the record of processing activities as JSON-LD in the W3C Data
//! Privacy Vocabulary (DPV 2.x). One `dpv:Process` node per activity, with its purposes, personal
//! data (art. 9 data typed `dpv:SpecialCategoryPersonalData`), data subjects, legal bases (the
//! EU-GDPR extension's `eu-gdpr:A6-1-e` ... where GDPR has an exact term), recipients and what they
//! receive about whom, processors, transfers with their mechanism, deletion deadlines, measures,
//! KLE numbers and the controller. What DPV has no exact term for is in the `hjemmel` namespace
//! (see [`terms`]); no near term is forced.
//!
//! The `@context` is embedded (prefixes only, no remote context), so the document expands without
//! a network; tests/ropa_dpv.rs expands it with a JSON-LD processor and checks that nothing is
//! dropped. Nodes that several activities share (data categories, subjects, recipients,
//! processors, the controller) are blank nodes named by the spec's names (`_:data-helbred`),
//! written in full once, where first used, and referred to by `@id` after. The document is written
//! as it is made, with [`JsonWriter`] (its escaping neutralises the spec's texts).

pub mod terms;

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{self, Write};

use terms::*;

use crate::flow::transfers::destinations;
use crate::flow::{FlowGraph, Node};
use crate::i18n::Lang;
use crate::json_writer::JsonWriter;
use crate::law::acts::ActId;
use crate::law::citation::{LegalRef, Point};
use crate::law::countries::{CountryRef, countries};
use crate::law::vocabulary::{DataClass, SubjectKind};
use crate::semantic::model::{Activity, Model, RecipientId, TransferDecl};
use crate::spec_map::SpecMap;

/// The record of `model` as JSON-LD, written to `out` as it is made.
pub fn write(lang: Lang, model: &Model, flow: &FlowGraph, out: &mut dyn Write) -> io::Result<()> {
    let mut out = out;
    let mut w = JsonWriter::new(&mut out);
    let transfers = Transfers::of(model, flow);
    let mut written = Written::new(model);
    // The record's own entries give each activity's recipients as art. 30(1)(d) counts them: those
    // it discloses to, and those its data reach by way of other activities.
    let mut entries = super::Activities::new(model, flow, lang);
    let recipient_ids: HashMap<&str, RecipientId> = model
        .recipients
        .iter()
        .enumerate()
        .map(|(i, r)| (r.name.node.as_str(), RecipientId(i as u32)))
        .collect();
    let (mut entry_recipients, mut recipients) = (Vec::new(), Vec::new());
    w.begin_object();
    write_context(&mut w);
    w.key("@graph");
    w.begin_array();
    w.element();
    write_controller(&mut w, model);
    for (index, activity) in model.activities.iter().enumerate() {
        w.element();
        entries.next_recipients(&mut entry_recipients);
        recipients.clear();
        recipients.extend(
            entry_recipients
                .iter()
                .filter_map(|r| recipient_ids.get(r.name).copied()),
        );
        let shared = Shared {
            transfers: &transfers.by_activity[index],
            recipients: &recipients,
        };
        write_activity(&mut w, lang, model, activity, shared, &mut written);
        w.flush_some()?;
    }
    w.end_array();
    w.end_object();
    w.raw(b"\n");
    w.finish()
}

/// The record as one string (tests).
pub fn render(lang: Lang, model: &Model, flow: &FlowGraph) -> String {
    super::in_memory(|out| write(lang, model, flow, out))
}

fn write_context<W: Write>(w: &mut JsonWriter<W>) {
    w.key("@context");
    w.begin_object();
    for (prefix, iri) in [
        ("dpv", DPV),
        ("eu-gdpr", EU_GDPR),
        ("rdfs", RDFS),
        ("hjemmel", HJEMMEL),
    ] {
        w.key(prefix);
        w.string(iri);
    }
    w.end_object();
}

/// What a cited provision is worded from.
type ProvisionKey = (ActId, Cow<'static, str>, Option<u32>, Option<Point>);

/// Which shared nodes are already written in full, and the provisions already worded.
struct Written {
    /// Each provision cited, by what it is worded from: its node identifier and its words.
    citations: SpecMap<ProvisionKey, (String, Option<String>)>,
    data: Vec<bool>,
    subjects: Vec<bool>,
    recipients: Vec<bool>,
    processors: Vec<bool>,
}

impl Written {
    fn new(model: &Model) -> Written {
        Written {
            citations: SpecMap::default(),
            data: vec![false; model.data.len()],
            subjects: vec![false; model.subjects.len()],
            recipients: vec![false; model.recipients.len()],
            processors: vec![false; model.processors.len()],
        }
    }
}

/// `"key": "text"`.
fn text<W: Write>(w: &mut JsonWriter<W>, key: &str, value: &str) {
    w.key(key);
    w.string(value);
}

/// `"key": {"@id": "id"}`.
fn reference<W: Write>(w: &mut JsonWriter<W>, id: &str) {
    w.begin_object();
    text(w, "@id", id);
    w.end_object();
}

/// `"@id": "PREFIXNAME"`: a blank node named by the spec's name.
fn node_id<W: Write>(w: &mut JsonWriter<W>, prefix: &str, name: &str) {
    w.key("@id");
    w.string_parts(&[prefix, name]);
}

/// `{"@id": "PREFIXNAME"}`.
fn reference_to<W: Write>(w: &mut JsonWriter<W>, prefix: &str, name: &str) {
    w.begin_object();
    node_id(w, prefix, name);
    w.end_object();
}

/// `"key": [items...]`, each written by `each`; nothing when there are none.
fn list<W: Write, T>(
    w: &mut JsonWriter<W>,
    key: &str,
    items: impl IntoIterator<Item = T>,
    mut each: impl FnMut(&mut JsonWriter<W>, T),
) {
    let mut items = items.into_iter().peekable();
    if items.peek().is_none() {
        return;
    }
    w.key(key);
    w.begin_array();
    for item in items {
        w.element();
        each(w, item);
    }
    w.end_array();
}

fn write_controller<W: Write>(w: &mut JsonWriter<W>, model: &Model) {
    let c = &model.controller;
    w.begin_object();
    text(w, "@id", "_:controller");
    text(w, "@type", DATA_CONTROLLER);
    text(w, "rdfs:label", &c.label.node);
    if let Some(address) = &c.address {
        text(w, "hjemmel:address", &address.node);
    }
    if let Some(contact) = &c.contact {
        text(w, "hjemmel:contact", &contact.node);
    }
    text(w, "hjemmel:country", country_word(&c.country));
    if let Some(dpo) = &c.dpo {
        w.key(HAS_DATA_PROTECTION_OFFICER);
        w.begin_object();
        text(w, "@type", DATA_PROTECTION_OFFICER);
        for (key, value) in [
            ("rdfs:label", &dpo.name),
            ("hjemmel:email", &dpo.email),
            ("hjemmel:phone", &dpo.phone),
            ("hjemmel:address", &dpo.address),
            ("hjemmel:web", &dpo.web),
        ] {
            if let Some(value) = value {
                text(w, key, &value.node);
            }
        }
        w.end_object();
    }
    w.end_object();
}

/// The spec's word for a country: an ISO code, `outside_eea` or `unknown`.
fn country_word(country: &CountryRef) -> &str {
    match country {
        CountryRef::Code(code) | CountryRef::Organisation(code) => code,
        CountryRef::OutsideEea => "outside_eea",
        CountryRef::Unknown => "unknown",
    }
}

/// What an activity's node takes from the whole record.
struct Shared<'a> {
    transfers: &'a [TransferEntry],
    recipients: &'a [RecipientId],
}

fn write_activity<W: Write>(
    w: &mut JsonWriter<W>,
    lang: Lang,
    model: &Model,
    a: &Activity,
    shared: Shared,
    written: &mut Written,
) {
    let Shared {
        transfers,
        recipients,
    } = shared;
    let details = a.details();
    w.begin_object();
    node_id(w, "_:activity-", &a.name.node);
    text(w, "@type", PROCESS);
    text(w, "rdfs:label", &a.label.node);
    text(w, "hjemmel:name", &a.name.node);
    w.key(HAS_DATA_CONTROLLER);
    reference(w, "_:controller");
    if !details.joint_controllers.is_empty() {
        w.key(HAS_JOINT_DATA_CONTROLLERS);
        w.begin_object();
        text(w, "@type", JOINT_DATA_CONTROLLERS);
        list(
            w,
            HAS_DATA_CONTROLLER,
            &details.joint_controllers,
            |w, j| {
                let joint = model.joint_controller(j.id);
                w.begin_object();
                text(w, "@type", DATA_CONTROLLER);
                text(w, "rdfs:label", &joint.label.node);
                w.end_object();
            },
        );
        w.end_object();
    }
    if let Some(unit) = &details.unit {
        text(w, "hjemmel:unit", &unit.node);
    }
    list(w, "hjemmel:kle", a.kle(), |w, k| {
        w.string(&k.node.to_string())
    });
    list(w, HAS_PURPOSE, &a.purposes, |w, p| {
        w.begin_object();
        text(w, "@type", PURPOSE);
        text(w, "rdfs:label", &p.node);
        w.end_object();
    });
    list(w, HAS_LEGAL_BASIS, &a.bases, |w, b| {
        legal_basis(w, lang, b, written)
    });
    // Bases of some cases only (`basis ... in some cases`): DPV has no term for a basis that does
    // not cover every case.
    list(
        w,
        "hjemmel:legalBasisInSomeCases",
        a.case_bases(),
        |w, some| {
            w.begin_object();
            if let Some(cases) = &some.cases {
                text(w, "hjemmel:cases", &cases.node);
            }
            list(w, HAS_LEGAL_BASIS, &some.bases, |w, b| {
                legal_basis(w, lang, b, written)
            });
            w.end_object();
        },
    );
    list(w, HAS_DATA_SUBJECT, &a.subjects, |w, s| {
        subjects(w, model, s.id, written)
    });
    list(w, HAS_PERSONAL_DATA, &a.data, |w, d| {
        data(w, model, d.id, written);
    });
    // Criminal-offence data (art. 10) by this activity's use of a category declared otherwise.
    list(
        w,
        "hjemmel:criminalByUse",
        a.data
            .iter()
            .filter_map(|d| a.criminal_use(d.id).map(|c| (d.id, c))),
        |w, (id, by_use)| {
            w.begin_object();
            w.key(HAS_PERSONAL_DATA);
            data(w, model, id, written);
            text(w, "hjemmel:when", &by_use.when.node);
            w.end_object();
        },
    );
    list(w, HAS_RECIPIENT, recipients, |w, &id| {
        recipient(w, model, id, written)
    });
    // Each of its own disclosures says what goes to whom, about whom (Activity::subjects_of).
    list(w, "hjemmel:disclosure", &a.disclosures, |w, d| {
        w.begin_object();
        text(w, "@type", PROCESS);
        w.key(HAS_RECIPIENT);
        recipient(w, model, d.recipient.id, written);
        list(w, HAS_PERSONAL_DATA, &d.data, |w, category| {
            data(w, model, category.id, written);
        });
        let mut about: Vec<_> = Vec::new();
        for data in &d.data {
            for s in a.subjects_of(data.id) {
                if !about.contains(&s) {
                    about.push(s);
                }
            }
        }
        list(w, HAS_DATA_SUBJECT, about, |w, s| {
            subjects(w, model, s, written);
        });
        list(w, HAS_LEGAL_BASIS, &d.basis, |w, b| {
            legal_basis(w, lang, b, written)
        });
        if let Some(condition) = &d.condition {
            text(w, "hjemmel:condition", &condition.node);
        }
        w.end_object();
    });
    list(w, HAS_DATA_PROCESSOR, &a.processors, |w, p| {
        processor(w, model, p.id, written);
    });
    list(w, "hjemmel:transfer", transfers, |w, t| {
        transfer(w, lang, t)
    });
    list(w, HAS_STORAGE_CONDITION, &a.retention, |w, r| {
        w.begin_object();
        text(w, "@type", STORAGE_DURATION);
        text(w, "rdfs:label", &super::words::period(lang, &r.period));
        if r.all.is_some() {
            w.key("hjemmel:allData");
            w.bool(true);
        }
        list(w, HAS_PERSONAL_DATA, &r.targets, |w, d| {
            data(w, model, d.id, written);
        });
        w.end_object();
    });
    // A copy another holder keeps (`copy NAMES kept by "holder" ...`), with its own deadline: not
    // the activity's storage, so not DPV's storage condition of it.
    list(w, "hjemmel:heldCopy", &details.copies, |w, c| {
        w.begin_object();
        text(w, "hjemmel:keptBy", &c.holder.node);
        if let Some(period) = &c.period {
            w.key(HAS_STORAGE_CONDITION);
            w.begin_object();
            text(w, "@type", STORAGE_DURATION);
            text(w, "rdfs:label", &super::words::period(lang, period));
            w.end_object();
        }
        list(w, HAS_PERSONAL_DATA, &c.data, |w, d| {
            data(w, model, d.id, written);
        });
        w.end_object();
    });
    list(w, HAS_TOM, &details.security, |w, s| {
        w.begin_object();
        text(w, "@type", TOM);
        text(w, "rdfs:label", &s.node);
        w.end_object();
    });
    w.end_object();
}

/// A legal basis: the EU-GDPR extension's term where there is an exact one, else a
/// `dpv:LegalBasis` node in the hjemmel namespace with the citation in words.
fn legal_basis<W: Write>(
    w: &mut JsonWriter<W>,
    lang: Lang,
    citation: &LegalRef,
    written: &mut Written,
) {
    w.begin_object();
    match citation {
        LegalRef::Provision {
            act,
            number,
            paragraph,
            point,
            ..
        } => {
            // Worded once per provision: a large spec cites the same few in thousands of activities.
            let (id, label) = written
                .citations
                .entry((*act, number.clone(), *paragraph, *point))
                .or_insert_with(|| provision(lang, citation));
            text(w, "@id", id);
            if let Some(label) = label {
                text(w, "@type", LEGAL_BASIS);
                text(w, "rdfs:label", label);
            }
        }
        LegalRef::Law { text: statute, .. } => {
            text(w, "@type", LEGAL_BASIS);
            text(w, "hjemmel:statute", statute);
        }
        LegalRef::Agreement {
            text: agreement, ..
        } => {
            text(w, "@type", LEGAL_BASIS);
            text(w, "hjemmel:agreement", agreement);
        }
    }
    w.end_object();
}

/// A provision's node identifier, and its citation in words unless it is the EU-GDPR extension's
/// term.
fn provision(lang: Lang, citation: &LegalRef) -> (String, Option<String>) {
    let LegalRef::Provision {
        act,
        number,
        paragraph,
        point,
        ..
    } = citation
    else {
        unreachable!("only provisions have a node identifier")
    };
    let letter = match point {
        Some(Point::Letter(l)) => Some(*l),
        _ => None,
    };
    if *act == ActId::Gdpr
        && let Some(id) = gdpr_basis(number, *paragraph, letter)
    {
        return (id, None);
    }
    let mut id = format!("hjemmel:{}-{}", act.keyword(), iri_safe(number));
    if let Some(p) = paragraph {
        id.push_str(&format!("-{p}"));
    }
    match point {
        Some(Point::Letter(l)) => id.push_str(&format!("-{l}")),
        Some(Point::Number(n)) => id.push_str(&format!("-{n}")),
        None => {}
    }
    (id, Some(super::words::legal_ref(lang, citation)))
}

/// A provision's number as part of an IRI: letters and digits as they are, anything else
/// percent-encoded (the numbers are `11`, `4c`; a table may give more).
fn iri_safe(number: &str) -> String {
    let mut out = String::with_capacity(number.len());
    for b in number.bytes() {
        if b.is_ascii_alphanumeric() {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn subjects<W: Write>(
    w: &mut JsonWriter<W>,
    model: &Model,
    id: crate::semantic::model::SubjectsId,
    written: &mut Written,
) {
    let group = model.subjects(id);
    let name = &group.name.node;
    if std::mem::replace(&mut written.subjects[id.index()], true) {
        return reference_to(w, "_:subjects-", name);
    }
    w.begin_object();
    node_id(w, "_:subjects-", name);
    w.key("@type");
    w.strings(
        match group.kind {
            SubjectKind::Children => [DATA_SUBJECT, CHILD].as_slice(),
            SubjectKind::Employees => [DATA_SUBJECT, EMPLOYEE].as_slice(),
            SubjectKind::Citizens => [DATA_SUBJECT, "hjemmel:Citizens"].as_slice(),
            SubjectKind::Other => [DATA_SUBJECT].as_slice(),
        }
        .iter()
        .copied(),
    );
    text(w, "rdfs:label", &group.label.node);
    w.end_object();
}

fn data<W: Write>(
    w: &mut JsonWriter<W>,
    model: &Model,
    id: crate::semantic::model::DataId,
    written: &mut Written,
) {
    let category = model.data(id);
    let name = &category.name.node;
    if std::mem::replace(&mut written.data[id.index()], true) {
        return reference_to(w, "_:data-", name);
    }
    w.begin_object();
    node_id(w, "_:data-", name);
    w.key("@type");
    // Art. 9(1) data is DPV's special category; criminal-offence data (art. 10), CPR numbers (DBL
    // § 11) and data confidential in Danish practice have no exact DPV term.
    w.strings(
        match category.class {
            DataClass::Ordinary => [PERSONAL_DATA].as_slice(),
            DataClass::Special => [SPECIAL_CATEGORY_PERSONAL_DATA].as_slice(),
            DataClass::Criminal => [PERSONAL_DATA, "hjemmel:CriminalOffenceData"].as_slice(),
            DataClass::Cpr => [PERSONAL_DATA, "hjemmel:CprNumber"].as_slice(),
            DataClass::Confidential => [PERSONAL_DATA, "hjemmel:ConfidentialData"].as_slice(),
        }
        .iter()
        .copied(),
    );
    text(w, "rdfs:label", &category.label.node);
    list(w, "hjemmel:specialKind", &category.special, |w, kind| {
        w.string(kind.keyword())
    });
    w.end_object();
}

fn recipient<W: Write>(
    w: &mut JsonWriter<W>,
    model: &Model,
    id: crate::semantic::model::RecipientId,
    written: &mut Written,
) {
    let r = model.recipient(id);
    let name = &r.name.node;
    if std::mem::replace(&mut written.recipients[id.index()], true) {
        return reference_to(w, "_:recipient-", name);
    }
    w.begin_object();
    node_id(w, "_:recipient-", name);
    text(w, "@type", RECIPIENT);
    text(w, "rdfs:label", &r.label.node);
    text(w, "hjemmel:recipientKind", r.kind.keyword());
    if let Some(country) = &r.country {
        text(w, "hjemmel:country", country_word(&country.node));
    }
    w.end_object();
}

fn processor<W: Write>(
    w: &mut JsonWriter<W>,
    model: &Model,
    id: crate::semantic::model::ProcessorId,
    written: &mut Written,
) {
    let p = model.processor(id);
    let name = &p.name.node;
    if std::mem::replace(&mut written.processors[id.index()], true) {
        return reference_to(w, "_:processor-", name);
    }
    w.begin_object();
    node_id(w, "_:processor-", name);
    text(
        w,
        "@type",
        if p.parent.is_some() {
            DATA_SUB_PROCESSOR
        } else {
            DATA_PROCESSOR
        },
    );
    text(w, "rdfs:label", &p.label.node);
    if let Some(country) = &p.country {
        text(w, "hjemmel:country", country_word(&country.node));
    }
    // A sub-processor is written within the processor that engaged it, so that each is written in
    // full once whatever the activities' order.
    list(w, HAS_DATA_PROCESSOR, &p.subprocessors, |w, &sub| {
        processor(w, model, sub, written)
    });
    w.end_object();
}

/// A transfer out of the EU/EEA.
struct TransferEntry {
    /// The blank node of the processor or recipient the data reaches.
    party: String,
    country: Option<CountryRef>,
    /// Declared mechanisms: the spec's word, and the EU-GDPR extension's basis where there is one.
    mechanisms: Vec<(String, Option<String>)>,
    /// An adequacy decision that covers the country without being declared.
    implied_adequacy: bool,
}

/// Every transfer out of the EU/EEA, by activity.
struct Transfers {
    by_activity: Vec<Vec<TransferEntry>>,
}

impl Transfers {
    fn of(model: &Model, flow: &FlowGraph) -> Transfers {
        let mut by_activity: Vec<Vec<TransferEntry>> =
            (0..model.activities.len()).map(|_| Vec::new()).collect();
        for destination in destinations(model, flow) {
            let party = match destination.node {
                Node::Processor(id) => format!("_:processor-{}", model.processor(id).name.node),
                Node::Recipient(id) => format!("_:recipient-{}", model.recipient(id).name.node),
                Node::Source(_) | Node::Activity(_) => continue,
            };
            let declared: &[_] = destination
                .transfer
                .map(|t: &TransferDecl| t.mechanisms.as_slice())
                .unwrap_or_default();
            let mechanisms: Vec<(String, Option<String>)> = declared
                .iter()
                .map(|m| {
                    let word = match m.node.derogation {
                        Some(letter) => format!("derogation({letter})"),
                        None => m.node.mechanism.keyword().to_string(),
                    };
                    (word, transfer_basis(m.node.mechanism, m.node.derogation))
                })
                .collect();
            let implied_adequacy = mechanisms.is_empty()
                && countries()
                    .adequacy_of(&destination.country.node)
                    .is_some_and(|a| a.covers_every_importer());
            for activity in &destination.activities {
                by_activity[activity.index()].push(TransferEntry {
                    party: party.clone(),
                    country: destination.stated.then(|| destination.country.node.clone()),
                    mechanisms: mechanisms.clone(),
                    implied_adequacy,
                });
            }
        }
        Transfers { by_activity }
    }
}

fn transfer<W: Write>(w: &mut JsonWriter<W>, _lang: Lang, t: &TransferEntry) {
    w.begin_object();
    w.key(HAS_DATA_IMPORTER);
    reference(w, &t.party);
    if let Some(country) = &t.country {
        text(w, "hjemmel:country", country_word(country));
    }
    let bases = t
        .mechanisms
        .iter()
        .filter_map(|(_, basis)| basis.as_deref())
        .chain(t.implied_adequacy.then_some("eu-gdpr:A45-3"));
    list(w, HAS_LEGAL_BASIS, bases, |w, basis| reference(w, basis));
    list(w, "hjemmel:mechanism", &t.mechanisms, |w, (word, _)| {
        w.string(word)
    });
    w.end_object();
}
