//! `--format json`: the findings as one JSON document (schema in docs/cli.md, versioned).

use serde::Serialize;

use super::location::Location;
use super::{Counts, SpecReport};
use crate::config::waivers::SuppressedBy;
use crate::diagnostic::{Declaration, Diagnostic, Origin, Severity};
use crate::source::SourceMap;

use crate::json_writer::JsonWriter;

/// Bumped when a field is removed or changes meaning; adding fields does not bump it.
pub const SCHEMA_VERSION: u32 = 1;

/// The document (only the tests write it through serde; see [`write`]).
#[cfg(test)]
#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    tool: &'static str,
    tool_version: &'static str,
    specs: Vec<SpecJson<'a>>,
    summary: Counts,
}

#[derive(Serialize)]
struct SpecJson<'a> {
    path: &'a str,
    /// `checked` (findings are the rules') or `invalid` (diagnostics are spec errors).
    status: &'static str,
    files: Vec<&'a str>,
    diagnostics: Diagnostics<'a>,
    /// Findings a waiver or the spec's settings turned off, with the reason.
    suppressed: Vec<SuppressedJson<'a>>,
    summary: Counts,
}

#[derive(Serialize)]
struct SuppressedJson<'a> {
    /// `waiver` (an `allow` in the spec) or `config` (`hjemmel.toml`).
    by: SuppressedBy,
    reason: &'a str,
    /// Where the waiver or the rule's settings are written.
    at: Option<Location<'a>>,
    finding: DiagnosticJson<'a>,
}

/// A spec's diagnostics, each made as it is written: with many findings a list of them all made
/// first costs as much again.
struct Diagnostics<'a> {
    sources: &'a SourceMap,
    list: &'a [Diagnostic],
}

impl Serialize for Diagnostics<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.list.iter().map(|d| diagnostic(self.sources, d)))
    }
}

/// A diagnostic as the document writes it (see [`diagnostic`]).
#[derive(Serialize)]
pub struct DiagnosticJson<'a> {
    code: &'a str,
    origin: Origin,
    severity: Severity,
    message: &'a str,
    location: Option<Location<'a>>,
    labels: Vec<LabelJson<'a>>,
    help: Option<&'a str>,
    provisions: &'a [String],
    path: &'a [String],
    /// Why the severity differs from the rule's default, when the spec's settings changed it.
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
    /// The declaration the finding is about (kind, name, label); null for spec errors.
    declaration: Option<&'a Declaration>,
    /// The provisions whose legal reference data hjemmel could not verify.
    unverified: &'a [String],
}

#[derive(Serialize)]
struct LabelJson<'a> {
    primary: bool,
    message: &'a str,
    location: Option<Location<'a>>,
}

pub fn render(reports: &[SpecReport<'_>]) -> String {
    // Room for the whole document at once (a finding takes about 1.8 KiB): a buffer grown by
    // doubling copies and first-touches hundreds of MiB with many findings. Pages never written are
    // never touched, so erring high costs nothing.
    let diagnostics: usize = reports.iter().map(|r| r.diagnostics.len()).sum();
    let mut out = Vec::with_capacity(4096 + diagnostics * 4096);
    write(reports, &mut out).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

/// [`render`], written to `out` as it is made: the command writes to standard output this way, since
/// with many findings the document runs to hundreds of MiB (about 1.8 KiB a finding).
///
/// Written by hand with [`JsonWriter`] (see `src/json_writer.rs` for why), field by field in the order
/// of the `Serialize` types above, which stay the definition of the schema: the tests compare the
/// bytes with [`write_with_serde`]'s.
pub fn write(reports: &[SpecReport<'_>], out: &mut impl std::io::Write) -> std::io::Result<()> {
    let mut w = JsonWriter::new(out);
    let mut summary = Counts::default();
    w.begin_object();
    w.document_header(SCHEMA_VERSION);
    w.key("specs");
    w.begin_array();
    for report in reports {
        w.element();
        summary = summary + write_spec(&mut w, report)?;
    }
    w.end_array();
    w.key("summary");
    write_counts(&mut w, summary);
    w.end_object();
    w.raw(b"\n");
    w.finish()
}

/// One spec's entry of the document; its counts, for the document's summary.
fn write_spec<W: std::io::Write>(
    w: &mut JsonWriter<W>,
    report: &SpecReport<'_>,
) -> std::io::Result<Counts> {
    let spec = spec_json(report);
    w.begin_object();
    w.key("path");
    w.string(spec.path);
    w.key("status");
    w.string(spec.status);
    w.key("files");
    w.strings(spec.files.iter().copied());
    w.key("diagnostics");
    w.begin_array();
    for d in spec.diagnostics.list {
        w.element();
        write_diagnostic(w, &diagnostic(report.sources, d));
        w.flush_some()?;
    }
    w.end_array();
    w.key("suppressed");
    w.begin_array();
    for s in &spec.suppressed {
        w.element();
        w.begin_object();
        w.key("by");
        w.string(match s.by {
            SuppressedBy::Waiver => "waiver",
            SuppressedBy::Config => "config",
        });
        w.key("reason");
        w.string(s.reason);
        w.key("at");
        write_location(w, s.at.as_ref());
        w.key("finding");
        write_diagnostic(w, &s.finding);
        w.end_object();
        w.flush_some()?;
    }
    w.end_array();
    w.key("summary");
    write_counts(w, spec.summary);
    w.end_object();
    Ok(spec.summary)
}

fn write_counts<W: std::io::Write>(w: &mut JsonWriter<W>, counts: Counts) {
    w.begin_object();
    w.key("errors");
    w.number(counts.errors as u64);
    w.key("warnings");
    w.number(counts.warnings as u64);
    w.end_object();
}

/// One diagnostic, as this document writes it: for `hjemmel diff --format json`, whose findings are
/// written exactly as here.
pub(crate) fn write_diagnostic<W: std::io::Write>(w: &mut JsonWriter<W>, d: &DiagnosticJson<'_>) {
    w.begin_object();
    w.key("code");
    w.string(d.code);
    w.key("origin");
    w.string(match d.origin {
        Origin::Spec => "spec",
        Origin::Rule => "rule",
    });
    w.key("severity");
    w.string(d.severity.as_str());
    w.key("message");
    w.string(d.message);
    w.key("location");
    write_location(w, d.location.as_ref());
    w.key("labels");
    w.begin_array();
    for label in &d.labels {
        w.element();
        w.begin_object();
        w.key("primary");
        w.bool(label.primary);
        w.key("message");
        w.string(label.message);
        w.key("location");
        write_location(w, label.location.as_ref());
        w.end_object();
    }
    w.end_array();
    w.key("help");
    w.optional_string(d.help);
    w.key("provisions");
    w.strings(d.provisions.iter().map(String::as_str));
    w.key("path");
    w.strings(d.path.iter().map(String::as_str));
    if let Some(note) = d.note {
        w.key("note");
        w.string(note);
    }
    w.key("declaration");
    match d.declaration {
        Some(declaration) => {
            w.begin_object();
            w.key("kind");
            w.string(declaration.kind.keyword());
            w.key("name");
            w.string(&declaration.name);
            w.key("label");
            w.string(&declaration.label);
            w.end_object();
        }
        None => w.null(),
    }
    w.key("unverified");
    w.strings(d.unverified.iter().map(String::as_str));
    w.end_object();
}

pub(crate) fn write_location<W: std::io::Write>(
    w: &mut JsonWriter<W>,
    location: Option<&Location<'_>>,
) {
    let Some(l) = location else {
        w.null();
        return;
    };
    w.begin_object();
    w.key("file");
    w.string(l.file);
    for (key, n) in [
        ("line", l.line),
        ("column", l.column),
        ("end_line", l.end_line),
        ("end_column", l.end_column),
        ("byte_start", l.byte_start),
        ("byte_end", l.byte_end),
    ] {
        w.key(key);
        w.number(n as u64);
    }
    w.end_object();
}

/// [`write`] through serde_json and the `Serialize` types: the definition the hand-written
/// document is tested against.
#[cfg(test)]
fn write_with_serde(
    reports: &[SpecReport<'_>],
    out: &mut impl std::io::Write,
) -> std::io::Result<()> {
    let specs: Vec<SpecJson> = reports.iter().map(spec_json).collect();
    let summary = specs
        .iter()
        .fold(Counts::default(), |acc, s| acc + s.summary);
    let doc = Document {
        version: SCHEMA_VERSION,
        tool: "hjemmel",
        tool_version: env!("CARGO_PKG_VERSION"),
        specs,
        summary,
    };
    write_pretty(out, &doc)?;
    out.write_all(b"\n")
}

/// `value` as `serde_json::to_writer_pretty` writes it, byte for byte, with [`Pretty`]'s faster
/// indentation: for the other JSON documents (SARIF, `diff`) too.
#[cfg_attr(not(test), allow(dead_code))] // SARIF is written with `JsonWriter`; its tests use this
pub(crate) fn write_pretty(
    out: &mut impl std::io::Write,
    value: &impl Serialize,
) -> std::io::Result<()> {
    let mut serializer = serde_json::Serializer::with_formatter(out, Pretty::default());
    value
        .serialize(&mut serializer)
        .map_err(std::io::Error::from)
}

/// [`write_pretty`] for a value `depth` levels deep in a document whose other parts are written
/// around it (`hjemmel diff --format json` writes its flows by hand): the same bytes as in the
/// whole document.
pub(crate) fn write_pretty_at(
    out: &mut impl std::io::Write,
    value: &impl Serialize,
    depth: usize,
) -> std::io::Result<()> {
    let pretty = Pretty {
        depth,
        has_value: false,
    };
    let mut serializer = serde_json::Serializer::with_formatter(out, pretty);
    value
        .serialize(&mut serializer)
        .map_err(std::io::Error::from)
}

fn spec_json<'a>(report: &SpecReport<'a>) -> SpecJson<'a> {
    SpecJson {
        path: report.path,
        status: if report.understood {
            "checked"
        } else {
            "invalid"
        },
        files: report
            .sources
            .files()
            .map(|(_, f)| f.name.as_str())
            .collect(),
        diagnostics: Diagnostics {
            sources: report.sources,
            list: report.diagnostics,
        },
        suppressed: report
            .suppressed
            .iter()
            .map(|s| SuppressedJson {
                by: s.by,
                reason: &s.reason,
                at: Location::of(report.sources, s.span),
                finding: diagnostic(report.sources, &s.finding),
            })
            .collect(),
        summary: Counts::of(report.diagnostics),
    }
}

/// One diagnostic as this document writes it, located in `sources`: for other documents that list
/// diagnostics in the same shape (`hjemmel diff --format json`).
pub fn diagnostic<'a>(sources: &'a SourceMap, d: &'a Diagnostic) -> DiagnosticJson<'a> {
    let location = d
        .primary
        .as_ref()
        .and_then(|l| Location::of(sources, l.span));
    // The primary label is where the diagnostic is: located once, not looked up in the line index
    // again.
    let primary = d.primary.iter().map(|l| LabelJson {
        primary: true,
        message: &l.message,
        location: location.clone(),
    });
    let labels = primary
        .chain(d.secondary.iter().map(|l| LabelJson {
            primary: false,
            message: &l.message,
            location: Location::of(sources, l.span),
        }))
        .collect();
    DiagnosticJson {
        code: &d.code,
        origin: d.origin,
        severity: d.severity,
        message: &d.message,
        location,
        labels,
        help: d.help.as_deref(),
        provisions: &d.provisions,
        path: &d.path,
        note: d.note.as_deref(),
        declaration: d.declaration.as_ref(),
        unverified: &d.unverified,
    }
}

/// serde_json's pretty format (`to_writer_pretty`, two spaces), byte for byte, but each line break is
/// written with its indentation at once: serde_json writes the indentation two spaces at a time, and a
/// finding's location is nested seven levels deep.
#[derive(Default)]
pub(super) struct Pretty {
    depth: usize,
    has_value: bool,
}

/// A comma, a line break and the deepest indentation written at once.
const BREAK: &[u8; 2 + 2 * 32] =
    b",\n                                                                ";

impl Pretty {
    /// `,` (unless `first`), a line break and the indentation of the current depth.
    fn line<W: ?Sized + std::io::Write>(&self, out: &mut W, first: bool) -> std::io::Result<()> {
        let start = usize::from(first);
        let width = 2 * self.depth;
        match BREAK.get(start..2 + width) {
            Some(bytes) => out.write_all(bytes),
            None => {
                out.write_all(&BREAK[start..2])?;
                (0..self.depth).try_for_each(|_| out.write_all(b"  "))
            }
        }
    }

    fn close<W: ?Sized + std::io::Write>(
        &mut self,
        out: &mut W,
        bracket: &[u8],
    ) -> std::io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.line(out, true)?;
        }
        out.write_all(bracket)
    }
}

impl serde_json::ser::Formatter for Pretty {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        out.write_all(b"[")
    }

    fn end_array<W: ?Sized + std::io::Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.close(out, b"]")
    }

    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        out: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.line(out, first)
    }

    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, _out: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + std::io::Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        out.write_all(b"{")
    }

    fn end_object<W: ?Sized + std::io::Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.close(out, b"}")
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        out: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.line(out, first)
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(
        &mut self,
        out: &mut W,
    ) -> std::io::Result<()> {
        out.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + std::io::Write>(
        &mut self,
        _out: &mut W,
    ) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::i18n::Lang;
    use std::path::{Path, PathBuf};

    /// Every spec the repository holds: each `.hjemmel` file and each directory that holds one.
    pub(in crate::report) fn specs(dir: &Path, found: &mut Vec<PathBuf>) {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        if entries
            .iter()
            .any(|p| p.extension().is_some_and(|e| e == "hjemmel"))
        {
            found.push(dir.to_path_buf());
        }
        for path in entries {
            if path.is_dir() {
                specs(&path, found);
            } else if path.extension().is_some_and(|e| e == "hjemmel") {
                found.push(path);
            }
        }
    }

    #[test]
    fn the_hand_written_document_is_the_serde_one() {
        let mut paths = Vec::new();
        for dir in ["specs", "examples", "tests/fixtures"] {
            specs(
                Path::new(env!("CARGO_MANIFEST_DIR")).join(dir).as_path(),
                &mut paths,
            );
        }
        assert!(paths.len() > 100, "only {} specs found", paths.len());
        let mut diagnostics = 0;
        for lang in Lang::ALL {
            let outcomes: Vec<(String, crate::Outcome)> = paths
                .iter()
                .map(|p| (p.display().to_string(), crate::check_spec(p, lang)))
                .collect();
            let reports: Vec<SpecReport> = outcomes.iter().map(|(p, o)| o.report(p)).collect();
            diagnostics += reports.iter().map(|r| r.diagnostics.len()).sum::<usize>();
            // One spec per document, and all of them in one.
            let documents = reports.chunks(1).chain([&reports[..], &[]]);
            for document in documents {
                let (mut ours, mut serdes) = (Vec::new(), Vec::new());
                write(document, &mut ours).unwrap();
                write_with_serde(document, &mut serdes).unwrap();
                assert!(
                    ours == serdes,
                    "{:?} ({lang:?})",
                    document.first().map(|r| r.path)
                );
            }
        }
        assert!(diagnostics > 1000, "only {diagnostics} diagnostics written");
    }

    /// `ropa --format json` is written with the same writer: the same comparison, for the record of
    /// every spec the repository holds that is understood.
    #[test]
    fn the_hand_written_record_is_the_serde_one() {
        let mut paths = Vec::new();
        for dir in ["specs", "examples", "tests/fixtures"] {
            specs(
                Path::new(env!("CARGO_MANIFEST_DIR")).join(dir).as_path(),
                &mut paths,
            );
        }
        let mut records = 0;
        let mut activities = 0;
        for lang in Lang::ALL {
            for path in &paths {
                let outcome = crate::check_spec(path, lang);
                let Ok(checked) = &outcome.result else {
                    continue;
                };
                let record = crate::ropa::Record::build(&checked.model, &checked.flow, lang);
                let (mut ours, mut serdes) = (Vec::new(), Vec::new());
                crate::ropa::json::write(
                    lang,
                    &record.controller,
                    record.activities.iter(),
                    &mut ours,
                )
                .unwrap();
                crate::ropa::json::write_with_serde(&record, &mut serdes).unwrap();
                assert!(ours == serdes, "{} ({lang:?})", path.display());
                records += 1;
                activities += record.activities.len();
            }
        }
        assert!(records > 100, "only {records} records written");
        assert!(activities > 800, "only {activities} activities written");
    }

    #[test]
    fn pretty_writes_what_serde_json_writes() {
        let mut deep = serde_json::json!({"leaf": [1, {"a": []}, {}], "s": "x\"y"});
        for i in 0..40 {
            deep = serde_json::json!({ "level": i, "inner": [deep, [], {}], "empty": {} });
        }
        let mut ours = Vec::new();
        deep.serialize(&mut serde_json::Serializer::with_formatter(
            &mut ours,
            Pretty::default(),
        ))
        .unwrap();
        assert_eq!(
            String::from_utf8(ours).unwrap(),
            serde_json::to_string_pretty(&deep).unwrap()
        );
    }
}
