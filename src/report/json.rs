//! `--format json`: the findings as one JSON document (schema in docs/cli.md, versioned).

use serde::Serialize;

use super::location::Location;
use super::{Counts, SpecReport};
use crate::config::waivers::SuppressedBy;
use crate::diagnostic::{Declaration, Diagnostic, Origin, Severity};
use crate::source::SourceMap;

/// Bumped when a field is removed or changes meaning; adding fields does not bump it.
pub const SCHEMA_VERSION: u32 = 1;

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
pub fn write(reports: &[SpecReport<'_>], out: &mut impl std::io::Write) -> std::io::Result<()> {
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
pub(crate) fn write_pretty(
    out: &mut impl std::io::Write,
    value: &impl Serialize,
) -> std::io::Result<()> {
    let mut serializer = serde_json::Serializer::with_formatter(out, Pretty::default());
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
    let labels = d
        .primary
        .iter()
        .map(|l| (true, l))
        .chain(d.secondary.iter().map(|l| (false, l)))
        .map(|(primary, l)| LabelJson {
            primary,
            message: &l.message,
            location: Location::of(sources, l.span),
        })
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
mod tests {
    use super::*;

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
