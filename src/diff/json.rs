//! `hjemmel diff --format json`: the change as one JSON document (schema in docs/cli.md, versioned
//! like the document of `hjemmel check`). Findings are written exactly as that document writes them.

use serde::Serialize;

use super::changes::{DataFacts, Mechanism, Party, ProcessorFacts, RecipientFacts};
use super::findings::FindingCounts;
use super::flows::{FlowChanges, FlowPair, PartyKind, Place};
use super::notice::{NoticeChanges, Sentence};
use super::{Compared, Delta, Diff, words};
use crate::Outcome;
use crate::config::waivers::SuppressedBy;
use crate::diagnostic::Diagnostic;
use crate::i18n::Lang;
use crate::json_writer::JsonWriter;
use crate::law::vocabulary::{DataClass, RecipientKind, SpecialKind};
use crate::notice::elements::Element;
use crate::report::json::{DiagnosticJson, diagnostic, write_diagnostic, write_location};
use crate::report::location::Location;
use crate::semantic::model::Period;
use crate::source::SourceMap;

/// Bumped when a field is removed or changes meaning; adding fields does not bump it.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    tool: &'static str,
    tool_version: &'static str,
    old: SpecJson<'a>,
    new: SpecJson<'a>,
    /// `null` when either spec could not be understood.
    changes: Option<ChangesJson<'a>>,
    findings: Option<FindingsJson<'a>>,
    /// `null` when either spec could not be understood.
    notice: Option<NoticeJson<'a>>,
}

/// The sentences of the privacy notice the change alters (src/diff/notice.rs).
#[derive(Serialize)]
struct NoticeJson<'a> {
    added: Vec<SentenceJson<'a>>,
    removed: Vec<SentenceJson<'a>>,
    changed: Vec<ChangedSentenceJson<'a>>,
}

#[derive(Serialize)]
struct SentenceJson<'a> {
    section: &'a [String],
    element: Option<&'static str>,
    text: &'a str,
    /// The statement of the new spec it is written from; `null` for a removed sentence and for
    /// words from law data.
    at: Option<Location<'a>>,
}

#[derive(Serialize)]
struct ChangedSentenceJson<'a> {
    section: &'a [String],
    element: Option<&'static str>,
    old: &'a str,
    new: &'a str,
    at: Option<Location<'a>>,
}

impl<'a> NoticeJson<'a> {
    fn of(changes: &'a NoticeChanges, new: &'a SourceMap) -> Self {
        let at = |s: &Sentence| s.span.and_then(|span| Location::of(new, span));
        let sentence = |s: &'a Sentence, at: Option<Location<'a>>| SentenceJson {
            section: &s.section,
            element: s.element.map(Element::key),
            text: &s.text,
            at,
        };
        NoticeJson {
            added: changes.added.iter().map(|s| sentence(s, at(s))).collect(),
            removed: changes.removed.iter().map(|s| sentence(s, None)).collect(),
            changed: changes
                .changed
                .iter()
                .map(|c| ChangedSentenceJson {
                    section: &c.new.section,
                    element: c.new.element.map(Element::key),
                    old: &c.old.text,
                    new: &c.new.text,
                    at: at(&c.new),
                })
                .collect(),
        }
    }
}

#[derive(Serialize)]
struct SpecJson<'a> {
    path: &'a str,
    revision: Option<&'a str>,
    /// `checked`, `invalid` (see `errors`), `absent` (not at the revision: everything is new) or
    /// `unread` (not looked for, since NEW could not be read).
    status: &'static str,
    files: Vec<&'a str>,
    errors: Vec<DiagnosticJson<'a>>,
}

impl<'a> SpecJson<'a> {
    /// A version that was understood, read from `sources`; `None`: absent at the revision.
    fn checked(path: &'a str, revision: Option<&'a str>, sources: Option<&'a SourceMap>) -> Self {
        SpecJson {
            path,
            revision,
            status: if sources.is_some() {
                "checked"
            } else {
                "absent"
            },
            files: sources.map_or_else(Vec::new, |sources| {
                sources.files().map(|(_, f)| f.name.as_str()).collect()
            }),
            errors: Vec::new(),
        }
    }

    /// `outcome` is `None` when the spec is absent at the revision, or was not looked for.
    fn new(
        path: &'a str,
        revision: Option<&'a str>,
        outcome: Option<&'a Outcome>,
        looked_for: bool,
    ) -> Self {
        let Some(outcome) = outcome else {
            return SpecJson {
                path,
                revision,
                status: if looked_for { "absent" } else { "unread" },
                files: Vec::new(),
                errors: Vec::new(),
            };
        };
        let errors: &[Diagnostic] = outcome.result.as_ref().err().map_or(&[], Vec::as_slice);
        SpecJson {
            path,
            revision,
            status: if outcome.result.is_ok() {
                "checked"
            } else {
                "invalid"
            },
            files: outcome
                .sources
                .files()
                .map(|(_, f)| f.name.as_str())
                .collect(),
            errors: errors
                .iter()
                .map(|d| diagnostic(&outcome.sources, d))
                .collect(),
        }
    }
}

#[derive(Serialize)]
struct ChangesJson<'a> {
    flows: FlowsJson<'a>,
    activities: Delta<NamedJson<'a>>,
    bases: Vec<BasisJson>,
    retention: Vec<RetentionJson>,
    data: DataChangesJson,
    processors: Delta<ProcessorJson>,
    recipients: Delta<RecipientJson>,
    transfers: Vec<TransferJson>,
}

impl<T: Serialize> Serialize for Delta<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Delta", 2)?;
        s.serialize_field("added", &self.added)?;
        s.serialize_field("removed", &self.removed)?;
        s.end()
    }
}

fn map<'a, T, U>(delta: &'a Delta<T>, f: impl Fn(&'a T) -> U) -> Delta<U> {
    Delta {
        added: delta.added.iter().map(&f).collect(),
        removed: delta.removed.iter().map(&f).collect(),
    }
}

/// The flows added and removed, as a [`Delta`] is written; each pair is made as it is written, since
/// two large specs that differ everywhere have millions.
struct FlowsJson<'a>(&'a FlowChanges<'a>);

impl Serialize for FlowsJson<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let flows = self.0;
        let mut s = serializer.serialize_struct("Delta", 2)?;
        s.serialize_field("added", &Pairs(|| flows.added()))?;
        s.serialize_field("removed", &Pairs(|| flows.removed()))?;
        s.end()
    }
}

/// A list of pairs written as they come from the iterator its function makes.
struct Pairs<F>(F);

impl<'a, F, I> Serialize for Pairs<F>
where
    F: Fn() -> I,
    I: Iterator<Item = FlowPair<'a>>,
{
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq((self.0)().map(FlowJson::of))
    }
}

#[derive(Serialize)]
struct FlowJson<'a> {
    data: &'a str,
    class: DataClass,
    party: &'a str,
    party_kind: PartyKind,
    chain: &'a [&'a str],
    country: Option<&'a Place>,
    third_country: bool,
}

impl<'a> FlowJson<'a> {
    fn of(pair: FlowPair<'a>) -> Self {
        FlowJson {
            data: pair.data,
            class: pair.class,
            party: pair.party,
            party_kind: pair.kind,
            chain: pair.chain,
            country: pair.place,
            third_country: pair.third_country(),
        }
    }
}

#[derive(Serialize)]
struct NamedJson<'a> {
    name: &'a str,
    label: &'a str,
}

#[derive(Serialize)]
struct BasisJson {
    activity: String,
    added: Vec<String>,
    removed: Vec<String>,
}

#[derive(Serialize)]
struct RetentionJson {
    activity: String,
    data: String,
    old: Option<PeriodJson>,
    new: Option<PeriodJson>,
}

#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
enum PeriodJson {
    Archive,
    Deadline {
        amount: u64,
        unit: &'static str,
        after: Option<String>,
        then_archive: bool,
    },
    /// `until "event"`: a criterion, no number of days.
    Until {
        event: String,
        then_archive: bool,
    },
}

impl PeriodJson {
    fn of(period: &Period) -> Self {
        match period {
            Period::Archive => PeriodJson::Archive,
            Period::Until {
                event,
                then_archive,
            } => PeriodJson::Until {
                event: event.to_string(),
                then_archive: *then_archive,
            },
            Period::Deadline {
                amount,
                unit,
                after,
                then_archive,
            } => PeriodJson::Deadline {
                amount: *amount,
                unit: unit.keyword(),
                after: after.as_deref().map(str::to_string),
                then_archive: *then_archive,
            },
        }
    }
}

#[derive(Serialize)]
struct DataChangesJson {
    added: Vec<DataJson>,
    removed: Vec<DataJson>,
    reclassified: Vec<ReclassifiedJson>,
}

#[derive(Serialize)]
struct DataJson {
    name: String,
    label: String,
    class: DataClass,
    special: Vec<SpecialKind>,
}

impl DataJson {
    fn of(d: &DataFacts) -> Self {
        DataJson {
            name: d.name.clone(),
            label: d.label.clone(),
            class: d.class,
            special: d.special.clone(),
        }
    }
}

#[derive(Serialize)]
struct ReclassifiedJson {
    name: String,
    old: DataJson,
    new: DataJson,
}

#[derive(Serialize)]
struct ProcessorJson {
    name: String,
    label: String,
    parent: Option<String>,
    country: Place,
    mechanisms: Vec<Mechanism>,
}

impl ProcessorJson {
    fn of(p: &ProcessorFacts) -> Self {
        ProcessorJson {
            name: p.name.clone(),
            label: p.label.clone(),
            parent: p.parent.clone(),
            country: p.place.clone(),
            mechanisms: p.mechanisms.clone(),
        }
    }
}

#[derive(Serialize)]
struct RecipientJson {
    name: String,
    label: String,
    kind: RecipientKind,
    country: Option<Place>,
    mechanisms: Vec<Mechanism>,
}

impl RecipientJson {
    fn of(r: &RecipientFacts) -> Self {
        RecipientJson {
            name: r.name.clone(),
            label: r.label.clone(),
            kind: r.kind,
            country: r.place.clone(),
            mechanisms: r.mechanisms.clone(),
        }
    }
}

#[derive(Serialize)]
struct TransferJson {
    party: String,
    kind: Party,
    /// `null` when the country did not change.
    country: Option<CountryChangeJson>,
    mechanisms: Delta<Mechanism>,
}

#[derive(Serialize)]
struct CountryChangeJson {
    old: Option<Place>,
    new: Option<Place>,
}

#[derive(Serialize)]
struct FindingsJson<'a> {
    summary: FindingCounts,
    introduced: Vec<DiagnosticJson<'a>>,
    fixed: Vec<DiagnosticJson<'a>>,
    waived: Vec<WaivedJson<'a>>,
}

#[derive(Serialize)]
struct WaivedJson<'a> {
    by: SuppressedBy,
    reason: &'a str,
    at: Option<Location<'a>>,
    finding: DiagnosticJson<'a>,
}

/// The document for two specs that were both understood (or an old one that did not exist).
pub fn render(diff: &Diff<'_>, lang: Lang) -> String {
    write(document(diff, lang))
}

/// The document of [`render`], written to `out` as it is made: for two large specs that differ
/// everywhere it is hundreds of megabytes, which need not be held in memory on the way out.
///
/// The same bytes as [`render`], written with the shared [`JsonWriter`] (src/json_writer.rs): the
/// flows (nearly all of a large document) from pieces made once ([`write_flows`]), the activities
/// and the findings field by field (the findings with `check --format json`'s own writer), and the
/// small parts (the specs, bases, periods, parties) through serde_json's pretty format at their depth.
pub fn write_to(diff: &Diff<'_>, lang: Lang, out: &mut impl std::io::Write) -> std::io::Result<()> {
    // Every field by name, so that a field added to the document is a compile error here.
    let Document {
        version,
        tool,
        tool_version,
        old,
        new,
        changes,
        findings,
        notice,
    } = document(diff, lang);
    let mut w = JsonWriter::new(out);
    let mut scratch = Vec::new();
    w.begin_object();
    w.key("version");
    w.number(u64::from(version));
    w.key("tool");
    w.string(tool);
    w.key("tool_version");
    w.string(tool_version);
    w.key("old");
    pretty_at(&mut w, &mut scratch, &old, 1)?;
    w.key("new");
    pretty_at(&mut w, &mut scratch, &new, 1)?;
    w.key("changes");
    match changes {
        None => w.null(),
        Some(ChangesJson {
            flows,
            activities,
            bases,
            retention,
            data,
            processors,
            recipients,
            transfers,
        }) => {
            w.begin_object();
            w.key("flows");
            write_flows(&mut w, flows.0)?;
            w.key("activities");
            write_activities(&mut w, &activities)?;
            w.key("bases");
            pretty_at(&mut w, &mut scratch, &bases, 2)?;
            w.key("retention");
            pretty_at(&mut w, &mut scratch, &retention, 2)?;
            w.key("data");
            pretty_at(&mut w, &mut scratch, &data, 2)?;
            w.key("processors");
            pretty_at(&mut w, &mut scratch, &processors, 2)?;
            w.key("recipients");
            pretty_at(&mut w, &mut scratch, &recipients, 2)?;
            w.key("transfers");
            pretty_at(&mut w, &mut scratch, &transfers, 2)?;
            w.end_object();
        }
    }
    w.key("findings");
    match findings {
        None => w.null(),
        Some(FindingsJson {
            summary,
            introduced,
            fixed,
            waived,
        }) => {
            w.begin_object();
            w.key("summary");
            pretty_at(&mut w, &mut scratch, &summary, 2)?;
            for (key, list) in [("introduced", &introduced), ("fixed", &fixed)] {
                w.key(key);
                w.begin_array();
                for finding in list {
                    w.element();
                    write_diagnostic(&mut w, finding);
                    w.flush_some()?;
                }
                w.end_array();
            }
            w.key("waived");
            w.begin_array();
            for WaivedJson {
                by,
                reason,
                at,
                finding,
            } in &waived
            {
                w.element();
                w.begin_object();
                w.key("by");
                w.raw(json_text(by).as_bytes());
                w.key("reason");
                w.string(reason);
                w.key("at");
                write_location(&mut w, at.as_ref());
                w.key("finding");
                write_diagnostic(&mut w, finding);
                w.end_object();
                w.flush_some()?;
            }
            w.end_array();
            w.end_object();
        }
    }
    w.key("notice");
    match notice {
        None => w.null(),
        Some(notice) => pretty_at(&mut w, &mut scratch, &notice, 1)?,
    }
    w.end_object();
    w.raw(b"\n");
    w.finish()
}

/// `value` as serde_json's pretty format writes it `depth` levels deep, added to `w` after a key.
fn pretty_at<W: std::io::Write>(
    w: &mut JsonWriter<W>,
    scratch: &mut Vec<u8>,
    value: &impl Serialize,
    depth: usize,
) -> std::io::Result<()> {
    scratch.clear();
    crate::report::json::write_pretty_at(scratch, value, depth)?;
    w.raw(scratch);
    w.flush_some()
}

/// `changes.activities` as [`Delta`] and [`NamedJson`] serialise it: thousands of activities for
/// two large specs, each two strings.
fn write_activities<W: std::io::Write>(
    w: &mut JsonWriter<W>,
    activities: &Delta<NamedJson<'_>>,
) -> std::io::Result<()> {
    w.begin_object();
    for (key, list) in [
        ("added", &activities.added),
        ("removed", &activities.removed),
    ] {
        w.key(key);
        w.begin_array();
        for NamedJson { name, label } in list {
            w.element();
            w.begin_object();
            w.key("name");
            w.string(name);
            w.key("label");
            w.string(label);
            w.end_object();
            w.flush_some()?;
        }
        w.end_array();
    }
    w.end_object();
    Ok(())
}

/// `changes.flows` as [`FlowsJson`] serialises it, written by hand: a document of two large specs
/// holds millions of flows, and through serde each was a dozen strings escaped byte by byte. Each
/// flow is its category's fields (the name escaped as [`JsonWriter::string`] does, the class's words
/// made once) and its party's, made once per run of the party's flows, which come together.
fn write_flows<W: std::io::Write>(
    w: &mut JsonWriter<W>,
    flows: &FlowChanges<'_>,
) -> std::io::Result<()> {
    w.begin_object();
    w.key("added");
    write_pairs(w, flows.added())?;
    w.key("removed");
    write_pairs(w, flows.removed())?;
    w.end_object();
    Ok(())
}

/// One list of flows, at the depth of `changes.flows.added`; `[]` when empty. Written as one value
/// after its key: its indentation is the depth's, spelled out. The flows are made in one buffer and
/// handed to the writer a few dozen at a time (a hundred thousand flows at 10,000 activities).
fn write_pairs<'a, W: std::io::Write>(
    w: &mut JsonWriter<W>,
    pairs: impl Iterator<Item = FlowPair<'a>>,
) -> std::io::Result<()> {
    let mut classes = ClassFields::default();
    let mut party = PartyFields::default();
    let mut flow = Vec::new();
    let mut first = true;
    for pair in pairs {
        if flow.len() >= FLOWS_HANDED_ON_AT {
            w.raw(&flow);
            w.flush_some()?;
            flow.clear();
        }
        flow.extend_from_slice(if first {
            b"[\n        {\n          \"data\": \""
        } else {
            b",\n        {\n          \"data\": \""
        });
        first = false;
        // A name is an identifier of the spec, with nothing JSON escapes: tested many bytes at a
        // time (`fold` with `&`, no early exit), escaped only should one have such a byte.
        let plain = (pair.data.bytes()).fold(true, |plain, b| {
            plain & (b >= 0x20) & (b != b'"') & (b != b'\\')
        });
        if plain {
            flow.extend_from_slice(pair.data.as_bytes());
        } else {
            crate::json_writer::escape_into(&mut flow, pair.data);
        }
        flow.push(b'"');
        flow.extend_from_slice(classes.of(pair.class));
        flow.extend_from_slice(party.of(&pair));
    }
    w.raw(&flow);
    w.raw(if first { b"[]" } else { b"\n      ]" });
    w.flush_some()
}

/// Flows gathered before they are handed to the writer: a dozen or more at a time.
/// Under 4 KiB, where glibc's `memcpy` starts copying with `rep movsb` (which callgrind counts a
/// byte at a time, so that the instruction counts would no longer compare).
const FLOWS_HANDED_ON_AT: usize = 2048;

/// JSON text of a value as serde_json writes it (a string quoted and escaped, an enum as its name).
fn json_text(value: &impl Serialize) -> String {
    serde_json::to_string(value).expect("a string or a name serialises")
}

/// `,\n          "class": "ordinary",\n          "party": `: from after the category's name to
/// the party's, made once per class.
#[derive(Default)]
struct ClassFields {
    classes: Vec<(DataClass, String)>,
}

impl ClassFields {
    #[inline]
    fn of(&mut self, class: DataClass) -> &[u8] {
        let i = match self.classes.iter().position(|(c, _)| *c == class) {
            Some(i) => i,
            None => {
                let words = format!(
                    ",\n          \"class\": {},\n          \"party\": ",
                    json_text(&class)
                );
                self.classes.push((class, words));
                self.classes.len() - 1
            }
        };
        self.classes[i].1.as_bytes()
    }
}

/// The fields of a flow from the party's name to the end of the flow, made again only when the
/// party changes.
#[derive(Default)]
struct PartyFields {
    /// The party the fields are of ([`FlowPair::party_key`]).
    of: Option<super::flows::PartyKey>,
    text: Vec<u8>,
}

impl PartyFields {
    /// Once per flow: the comparison inline, the making of the fields ([`PartyFields::make`]) not.
    #[inline]
    fn of(&mut self, pair: &FlowPair<'_>) -> &[u8] {
        let party = Some(pair.party_key());
        if self.of != party {
            self.of = party;
            self.make(pair);
        }
        &self.text
    }

    /// The fields of `pair`'s party, made for its run of flows.
    #[inline(never)]
    fn make(&mut self, pair: &FlowPair<'_>) {
        let field = "\n          \"";
        let mut text = format!(
            "{},{field}party_kind\": {},{field}chain\": ",
            json_text(&pair.party),
            json_text(&pair.kind)
        );
        if pair.chain.is_empty() {
            text.push_str("[]");
        } else {
            text.push('[');
            for (i, hop) in pair.chain.iter().enumerate() {
                text.push_str(if i == 0 { "\n" } else { ",\n" });
                text.push_str("            ");
                text.push_str(&json_text(hop));
            }
            text.push_str("\n          ]");
        }
        text.push_str(&format!(
            ",{field}country\": {},{field}third_country\": {}\n        }}",
            json_text(&pair.place),
            pair.third_country()
        ));
        self.text = text.into_bytes();
    }
}

fn document<'a>(diff: &'a Diff<'_>, lang: Lang) -> Document<'a> {
    let ch = &diff.changes;
    let changes = ChangesJson {
        flows: FlowsJson(&diff.flows),
        activities: map(&ch.activities, |a| NamedJson {
            name: &a.name,
            label: &a.label,
        }),
        bases: ch
            .bases
            .iter()
            .map(|b| {
                let cite = |list: &[crate::law::citation::LegalRef]| {
                    list.iter().map(|c| words::citation(lang, c)).collect()
                };
                BasisJson {
                    activity: b.activity.clone(),
                    added: cite(&b.citations.added),
                    removed: cite(&b.citations.removed),
                }
            })
            .collect(),
        retention: ch
            .retention
            .iter()
            .map(|r| RetentionJson {
                activity: r.activity.clone(),
                data: r.data.clone(),
                old: r.old.as_ref().map(PeriodJson::of),
                new: r.new.as_ref().map(PeriodJson::of),
            })
            .collect(),
        data: DataChangesJson {
            added: ch.data.added.iter().map(DataJson::of).collect(),
            removed: ch.data.removed.iter().map(DataJson::of).collect(),
            reclassified: ch
                .reclassified
                .iter()
                .map(|r| ReclassifiedJson {
                    name: r.new.name.clone(),
                    old: DataJson::of(&r.old),
                    new: DataJson::of(&r.new),
                })
                .collect(),
        },
        processors: map(&ch.processors, ProcessorJson::of),
        recipients: map(&ch.recipients, RecipientJson::of),
        transfers: ch
            .transfers
            .iter()
            .map(|t| TransferJson {
                party: t.party.clone(),
                kind: t.kind,
                country: t.place.as_ref().map(|(old, new)| CountryChangeJson {
                    old: old.clone(),
                    new: new.clone(),
                }),
                mechanisms: t.mechanisms.clone(),
            })
            .collect(),
    };
    let f = &diff.findings;
    let findings = FindingsJson {
        summary: f.counts(),
        introduced: located(diff.new.sources, &f.introduced),
        fixed: diff
            .old
            .map_or_else(Vec::new, |old| located(old.sources, &f.fixed)),
        waived: f
            .waived
            .iter()
            .map(|s| WaivedJson {
                by: s.by,
                reason: &s.reason,
                at: Location::of(diff.new.sources, s.span),
                finding: diagnostic(diff.new.sources, &s.finding),
            })
            .collect(),
    };
    let c = diff.compared;
    Document {
        version: SCHEMA_VERSION,
        tool: "hjemmel",
        tool_version: env!("CARGO_PKG_VERSION"),
        old: SpecJson::checked(c.old_path, c.revision, diff.old.map(|side| side.sources)),
        new: SpecJson::checked(c.new_path, None, Some(diff.new.sources)),
        changes: Some(changes),
        findings: Some(findings),
        notice: diff
            .notice_compared
            .then(|| NoticeJson::of(&diff.notice, diff.new.sources)),
    }
}

fn located<'a>(sources: &'a SourceMap, findings: &[&'a Diagnostic]) -> Vec<DiagnosticJson<'a>> {
    findings.iter().map(|d| diagnostic(sources, d)).collect()
}

/// The document when a spec could not be understood: each side's status and spec errors, no
/// changes. `old_looked_for` is `false` when NEW could not be read and no old version was sought.
pub fn render_invalid(
    compared: Compared<'_>,
    old: Option<&Outcome>,
    old_looked_for: bool,
    new: &Outcome,
) -> String {
    write(header(compared, old, old_looked_for, new))
}

fn header<'a>(
    compared: Compared<'a>,
    old: Option<&'a Outcome>,
    old_looked_for: bool,
    new: &'a Outcome,
) -> Document<'a> {
    Document {
        version: SCHEMA_VERSION,
        tool: "hjemmel",
        tool_version: env!("CARGO_PKG_VERSION"),
        old: SpecJson::new(compared.old_path, compared.revision, old, old_looked_for),
        new: SpecJson::new(compared.new_path, None, Some(new), true),
        changes: None,
        findings: None,
        notice: None,
    }
}

fn write(doc: Document<'_>) -> String {
    let mut out = serde_json::to_string_pretty(&doc).expect("the document serialises");
    out.push('\n');
    out
}
