//! `hjemmel diff --format json`: the change as one JSON document (schema in docs/cli.md, versioned
//! like the document of `hjemmel check`). Findings are written exactly as that document writes them.

use serde::Serialize;

use super::changes::{DataFacts, Mechanism, Party, ProcessorFacts, RecipientFacts};
use super::findings::FindingCounts;
use super::flows::{FlowChanges, FlowPair, PartyKind, Place};
use super::{Compared, Delta, Diff, words};
use crate::Outcome;
use crate::config::waivers::SuppressedBy;
use crate::diagnostic::Diagnostic;
use crate::i18n::Lang;
use crate::law::vocabulary::{DataClass, RecipientKind, SpecialKind};
use crate::report::json::{DiagnosticJson, diagnostic};
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
    activities: Delta<NamedJson>,
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

fn map<T, U>(delta: &Delta<T>, f: impl Fn(&T) -> U) -> Delta<U> {
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
struct NamedJson {
    name: String,
    label: String,
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
                event: event.clone(),
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
                after: after.clone(),
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
pub fn render(diff: &Diff<'_>, old: Option<&Outcome>, new: &Outcome, lang: Lang) -> String {
    write(document(diff, old, new, lang))
}

/// The document of [`render`], written to `out` as it is made: for two large specs that differ
/// everywhere it is hundreds of megabytes, which need not be held in memory on the way out.
///
/// The same bytes as [`render`]: its parts through serde_json's pretty format, each at its depth,
/// and the flows — nearly all of a large document — written by hand from
/// pieces made once ([`write_flows`]).
pub fn write_to(
    diff: &Diff<'_>,
    old: Option<&Outcome>,
    new: &Outcome,
    lang: Lang,
    out: &mut impl std::io::Write,
) -> std::io::Result<()> {
    // Every field by name, so that a field added to the document is a compile error here.
    let Document {
        version,
        tool,
        tool_version,
        old,
        new,
        changes,
        findings,
    } = document(diff, old, new, lang);
    let mut object = Object::new(out, 0)?;
    object.field("version", &version)?;
    object.field("tool", &tool)?;
    object.field("tool_version", &tool_version)?;
    object.field("old", &old)?;
    object.field("new", &new)?;
    match changes {
        None => object.field("changes", &None::<()>)?,
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
            object.key("changes")?;
            let mut changes = Object::new(object.out, 1)?;
            changes.key("flows")?;
            write_flows(changes.out, flows.0)?;
            changes.field("activities", &activities)?;
            changes.field("bases", &bases)?;
            changes.field("retention", &retention)?;
            changes.field("data", &data)?;
            changes.field("processors", &processors)?;
            changes.field("recipients", &recipients)?;
            changes.field("transfers", &transfers)?;
            changes.end()?;
        }
    }
    object.field("findings", &findings)?;
    object.end()?;
    out.write_all(b"\n")
}

/// Spaces for the deepest indentation written by hand.
const SPACES: &[u8; 16] = b"                ";

/// The indentation of `depth`, as serde_json's pretty format writes it: two spaces a level.
fn indentation(depth: usize) -> &'static [u8] {
    &SPACES[..2 * depth]
}

/// A JSON object written key by key, as serde_json's pretty format writes one at `depth`, with
/// its values written through serde or by hand.
struct Object<'w, W: std::io::Write> {
    out: &'w mut W,
    depth: usize,
    first: bool,
}

impl<'w, W: std::io::Write> Object<'w, W> {
    fn new(out: &'w mut W, depth: usize) -> std::io::Result<Self> {
        out.write_all(b"{")?;
        Ok(Object {
            out,
            depth,
            first: true,
        })
    }

    /// `,` (unless first), a line break, the indentation and `"key": `: the value comes next.
    fn key(&mut self, key: &str) -> std::io::Result<()> {
        if !self.first {
            self.out.write_all(b",")?;
        }
        self.first = false;
        self.out.write_all(b"\n")?;
        self.out.write_all(indentation(self.depth + 1))?;
        serde_json::to_writer(&mut *self.out, key)?;
        self.out.write_all(b": ")
    }

    /// A key and its value as serde_json's pretty format writes it at this depth.
    fn field(&mut self, key: &str, value: &impl Serialize) -> std::io::Result<()> {
        self.key(key)?;
        crate::report::json::write_pretty_at(&mut *self.out, value, self.depth + 1)
    }

    fn end(self) -> std::io::Result<()> {
        if !self.first {
            self.out.write_all(b"\n")?;
            self.out.write_all(indentation(self.depth))?;
        }
        self.out.write_all(b"}")
    }
}

/// `changes.flows` as [`FlowsJson`] serialises it, written by hand: a document of two large specs
/// holds millions of flows, and through serde each was a dozen strings escaped byte by byte. Each
/// flow is its category's fields (the name checked for what JSON escapes, the class's words made
/// once) and its party's, made once per run of the party's flows, which come together.
fn write_flows(out: &mut impl std::io::Write, flows: &FlowChanges<'_>) -> std::io::Result<()> {
    let mut object = Object::new(out, 2)?;
    object.key("added")?;
    write_pairs(object.out, flows.added())?;
    object.key("removed")?;
    write_pairs(object.out, flows.removed())?;
    object.end()
}

/// One list of flows, at the depth of `changes.flows.added`; `[]` when empty.
fn write_pairs<'a>(
    out: &mut impl std::io::Write,
    pairs: impl Iterator<Item = FlowPair<'a>>,
) -> std::io::Result<()> {
    let mut category = CategoryFields::default();
    let mut party = PartyFields::default();
    let mut first = true;
    for pair in pairs {
        out.write_all(if first {
            b"[\n        {\n          \"data\": "
        } else {
            b",\n        {\n          \"data\": "
        })?;
        first = false;
        out.write_all(category.of(&pair))?;
        out.write_all(party.of(&pair))?;
    }
    out.write_all(if first { b"[]" } else { b"\n      ]" })
}

/// JSON text of a value as serde_json writes it (a string quoted and escaped, an enum as its name).
fn json_text(value: &impl Serialize) -> String {
    serde_json::to_string(value).expect("a string or a name serialises")
}

/// `"name",\n          "class": "ordinary",\n          "party": `: from the category's name to the
/// party's, made in one buffer for each flow; the class's words made once per class.
#[derive(Default)]
struct CategoryFields {
    text: Vec<u8>,
    classes: Vec<(DataClass, String)>,
}

impl CategoryFields {
    fn of(&mut self, pair: &FlowPair<'_>) -> &[u8] {
        let text = &mut self.text;
        text.clear();
        // What serde_json escapes: a control character, `"` and `\`.
        if pair
            .data
            .bytes()
            .all(|b| b >= 0x20 && b != b'"' && b != b'\\')
        {
            text.push(b'"');
            text.extend_from_slice(pair.data.as_bytes());
            text.push(b'"');
        } else {
            text.extend_from_slice(json_text(&pair.data).as_bytes());
        }
        let class = match self.classes.iter().position(|(c, _)| *c == pair.class) {
            Some(i) => &self.classes[i].1,
            None => {
                let words = format!(
                    ",\n          \"class\": {},\n          \"party\": ",
                    json_text(&pair.class)
                );
                self.classes.push((pair.class, words));
                &self.classes[self.classes.len() - 1].1
            }
        };
        text.extend_from_slice(class.as_bytes());
        text
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
    fn of(&mut self, pair: &FlowPair<'_>) -> &[u8] {
        let party = Some(pair.party_key());
        if self.of != party {
            self.of = party;
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
        &self.text
    }
}

fn document<'a>(
    diff: &'a Diff<'_>,
    old: Option<&'a Outcome>,
    new: &'a Outcome,
    lang: Lang,
) -> Document<'a> {
    let ch = &diff.changes;
    let changes = ChangesJson {
        flows: FlowsJson(&diff.flows),
        activities: map(&ch.activities, |a| NamedJson {
            name: a.name.clone(),
            label: a.label.clone(),
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
    Document {
        changes: Some(changes),
        findings: Some(findings),
        ..header(diff.compared, old, true, new)
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
    }
}

fn write(doc: Document<'_>) -> String {
    let mut out = serde_json::to_string_pretty(&doc).expect("the document serialises");
    out.push('\n');
    out
}
