//! `--format sarif`: the findings as a SARIF 2.1.0 log (OASIS standard), the format GitHub code
//! scanning, Azure DevOps and many editors read.
//!
//! One run for all the specs checked. The tool describes every rule (and each spec-error code that
//! occurs), so a viewer can show a rule's documentation beside its results. Spec errors are results
//! too, and findings turned off by a waiver or `hjemmel.toml` are results with a `suppressions`
//! entry, so that nothing is silently dropped. GitHub's subset of SARIF, which this follows:
//! https://docs.github.com/en/code-security/reference/code-scanning/sarif-files/sarif-support-for-code-scanning

use std::borrow::Cow;
#[cfg(test)]
use std::collections::BTreeMap;
use std::collections::{BTreeSet, HashMap};
use std::path::{Component, Path, PathBuf};

use serde::Serialize;

use super::SpecReport;
use crate::config::waivers::{Suppressed, SuppressedBy};
use crate::diagnostic::{Declaration, Diagnostic, Origin, Severity};
use crate::i18n::Lang;
use crate::json_writer::JsonWriter;
use crate::rules::RuleMeta;
use crate::rules::registry::{self, RULES};
use crate::source::SourceFile;
use crate::syntax::span::Span;
use crate::tr;

/// The log's words for a person, in English and Danish. Ids, levels, tags and property names are
/// for machines and stay as SARIF and GitHub read them.
pub mod text {
    crate::texts! {
        HELP = ("help: {help}", "hjælp: {help}"),
        PATH = ("path: {path}", "dataflow: {path}"),
        SEE = ("see: {provisions}", "se: {provisions}"),
        /// The heading of a rule page's first section (src/rules/docs.rs, src/rules/da/).
        WHAT_IT_CHECKS = ("What it checks", "Hvad reglen kontrollerer"),
        UNVERIFIED = ("unverified: {provisions}", "ikke verificeret: {provisions}"),
        NOTE = ("note: {note}", "bemærk: {note}"),
        RELATED = ("related: {links}", "se også: {links}"),
        SPEC_ERROR_SHORT = (
            "spec error `{code}`: the spec could not be checked",
            "fejl i specifikationen `{code}`: specifikationen kunne ikke kontrolleres"
        ),
        SPEC_ERROR_FULL = (
            "hjemmel could not understand the spec: a file could not be read, a word is misspelt, a name is not declared, or a citation points at a provision that does not exist. The legal rules are not run on a spec with spec errors; the message says what is wrong and usually how to fix it.",
            "hjemmel kunne ikke forstå specifikationen: en fil kunne ikke læses, et ord er stavet forkert, et navn er ikke erklæret, eller en henvisning peger på en bestemmelse, der ikke findes. Reglerne kontrolleres ikke, når specifikationen indeholder fejl; meddelelsen siger, hvad der er galt, og som regel hvordan det rettes."
        ),
        SPEC_ERROR_PAGE = (
            "# Spec error `{code}`\n\n{full}\n\nEvery spec-error code is listed in the hjemmel language reference, docs/language.md, section \"What hjemmel rejects\".\n",
            "# Fejl i specifikationen `{code}`\n\n{full}\n\nAlle fejlkoder er opregnet i hjemmels sprogreference, docs/language.md, afsnittet \"What hjemmel rejects\".\n"
        ),
    }
}

/// The `$schema` of the log: the OASIS schema of SARIF 2.1.0 (errata 01), vendored for the tests in
/// tests/schemas/.
pub const SCHEMA_URI: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The base of every artifact URI: the root of the repository (see [`Paths`]).
const SRCROOT: &str = "%SRCROOT%";

/// GitHub cuts `fullDescription` at this many characters.
const FULL_DESCRIPTION_LIMIT: usize = 1024;

/// Where the spec's files are, for writing them as URIs. File names are as hjemmel read them
/// (relative to the current directory, or absolute); SARIF wants them relative to the repository
/// root, with forward slashes, which is how GitHub matches them to the files of the repository.
#[derive(Debug, Clone)]
pub struct Paths {
    /// The directory that relative file names are relative to.
    cwd: PathBuf,
    /// The directory that URIs are written relative to (`%SRCROOT%`).
    root: PathBuf,
}

impl Paths {
    /// Relative file names are read from `cwd`; URIs are written relative to `root`. Both should be
    /// absolute; `..` and `.` in them are resolved as written (symbolic links are not followed).
    pub fn new(cwd: impl Into<PathBuf>, root: impl Into<PathBuf>) -> Paths {
        Paths {
            cwd: normalised(&cwd.into()),
            root: normalised(&root.into()),
        }
    }

    /// The current directory, and as root the nearest directory at or above it that holds `.git`
    /// (the work tree a CI job checked out), else the current directory itself.
    pub fn from_current_dir() -> Paths {
        let Ok(cwd) = std::env::current_dir() else {
            // Relative names then stay relative, and the log carries no absolute root.
            return Paths::new(".", ".");
        };
        let root = cwd
            .ancestors()
            .find(|dir| dir.join(".git").exists())
            .unwrap_or(&cwd)
            .to_path_buf();
        Paths::new(cwd, root)
    }

    /// The URI of a file, and whether it is relative to [`SRCROOT`].
    fn artifact(&self, file_name: &str) -> ArtifactLocation {
        let path = Path::new(file_name);
        let absolute = normalised(&self.cwd.join(path));
        match absolute.strip_prefix(&self.root) {
            Ok(relative) => ArtifactLocation {
                uri: encode_components(relative),
                uri_base_id: Some(SRCROOT),
            },
            // Outside the repository: GitHub cannot show it, but other viewers can open it.
            Err(_) if absolute.is_absolute() => ArtifactLocation {
                uri: file_uri(&absolute),
                uri_base_id: None,
            },
            Err(_) => ArtifactLocation {
                uri: encode_components(&absolute),
                uri_base_id: None,
            },
        }
    }

    /// `%SRCROOT%` as an absolute `file:` URI ending in a slash, when the root is known.
    fn root_uri(&self) -> Option<String> {
        self.root.is_absolute().then(|| {
            let mut uri = file_uri(&self.root);
            if !uri.ends_with('/') {
                uri.push('/');
            }
            uri
        })
    }
}

/// `path` with `.` dropped and `..` taking off the component before it, without touching the disk.
fn normalised(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// The normal components of a relative path, percent-encoded and joined by `/`.
fn encode_components(path: &Path) -> String {
    path.components()
        .filter_map(|c| match c {
            Component::Normal(part) => Some(percent_encode(&part.to_string_lossy())),
            Component::ParentDir => Some("..".to_string()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// `file:///...` for an absolute path.
fn file_uri(path: &Path) -> String {
    let mut uri = String::from("file://");
    let mut segments = Vec::new();
    for component in path.components() {
        match component {
            // A Windows drive (`C:`) keeps its colon, as `file:///C:/...` writes it.
            Component::Prefix(prefix) => {
                segments.push(prefix.as_os_str().to_string_lossy().replace('\\', "/"))
            }
            Component::Normal(part) => segments.push(percent_encode(&part.to_string_lossy())),
            _ => {}
        }
    }
    uri.push('/');
    uri.push_str(&segments.join("/"));
    uri
}

/// Percent-encodes everything but the unreserved characters of RFC 3986, byte by byte of UTF-8:
/// file names may hold spaces and Danish letters, which a URI cannot hold as they are.
fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

// --- The log, as SARIF names its parts. Optional parts are left out rather than written as null:
// --- the schema does not allow null for them.

#[cfg(test)]
#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[cfg(test)]
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    original_uri_base_ids: BTreeMap<&'static str, ArtifactLocation>,
    /// Columns count characters (Unicode code points), as [`Location`] does.
    column_kind: &'static str,
    /// The language of the messages, when not English (SARIF's default).
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'static str>,
    results: Vec<ResultJson<'a>>,
}

#[cfg(test)]
#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[cfg(test)]
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    information_uri: Option<&'static str>,
    rules: Vec<Descriptor>,
}

/// A rule (SARIF: `reportingDescriptor`).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Descriptor {
    id: String,
    name: String,
    short_description: Text<'static>,
    full_description: Text<'static>,
    help: Help,
    default_configuration: Configuration,
    properties: DescriptorProperties,
}

/// A message: borrowed when the words need no escape (see [`escape`]).
#[derive(Serialize)]
struct Text<'a> {
    text: Cow<'a, str>,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct DescriptorProperties {
    /// GitHub filters alerts by tag.
    tags: Vec<String>,
    provisions: Vec<String>,
    /// GitHub's ranking of non-security results: `error`, `warning` or `recommendation`.
    #[serde(rename = "problem.severity")]
    problem_severity: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultJson<'r> {
    rule_id: &'r str,
    rule_index: usize,
    level: &'static str,
    message: Text<'r>,
    /// Empty for a problem with no place in a file (a path that cannot be read).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    locations: Vec<LocationJson<'r>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<LocationJson<'r>>,
    partial_fingerprints: PartialFingerprints,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suppressions: Vec<SuppressionJson<'r>>,
    properties: ResultProperties<'r>,
}

/// What SARIF has no field for: which spec the result is about, and the parts of the finding that
/// the message text runs together.
#[derive(Serialize)]
struct ResultProperties<'a> {
    /// The spec, as its path was given on the command line.
    spec: &'a str,
    origin: Origin,
    provisions: &'a [String],
    path: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
    /// The provisions whose legal reference data hjemmel could not verify.
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    unverified: &'a [String],
}

/// A result's `partialFingerprints`: the one key this log writes.
#[derive(Serialize)]
struct PartialFingerprints {
    /// GitHub reads only this key, as "a stable place in the file", combined with the rule and the
    /// file path.
    #[serde(rename = "primaryLocationLineHash")]
    primary_location_line_hash: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LocationJson<'r> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    /// `None` only for the place of a finding that has a declaration but no words in a file.
    #[serde(skip_serializing_if = "Option::is_none")]
    physical_location: Option<PhysicalLocation<'r>>,
    /// The declaration the finding is about, on the primary location only.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    logical_locations: Vec<LogicalLocation<'r>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text<'r>>,
}

/// A declaration as SARIF names a place that is not a line: `kind` is the declaration's keyword
/// (`activity`), `fullyQualifiedName` is `activity::room_booking`, the same for every finding about
/// it, so that a viewer can group by it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LogicalLocation<'a> {
    name: &'a str,
    fully_qualified_name: String,
    kind: &'static str,
    properties: LogicalProperties<'a>,
}

#[derive(Serialize)]
struct LogicalProperties<'a> {
    /// The declaration's label, as the spec writes it.
    label: &'a str,
}

impl<'a> LogicalLocation<'a> {
    fn of(declaration: &'a Declaration) -> LogicalLocation<'a> {
        let kind = declaration.kind.keyword();
        let mut fully_qualified_name =
            String::with_capacity(kind.len() + 2 + declaration.name.len());
        fully_qualified_name.push_str(kind);
        fully_qualified_name.push_str("::");
        fully_qualified_name.push_str(&declaration.name);
        LogicalLocation {
            name: &declaration.name,
            fully_qualified_name,
            kind,
            properties: LogicalProperties {
                label: &declaration.label,
            },
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation<'r> {
    /// Borrowed from the file's, made once per file: a result has one or more.
    artifact_location: &'r ArtifactLocation,
    region: Region,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    /// The column just after the last character, as [`Location::end_column`](super::location::Location::end_column).
    end_column: usize,
}

#[derive(Serialize)]
struct SuppressionJson<'r> {
    /// `inSource` for a waiver in the spec, `external` for `hjemmel.toml`.
    kind: &'static str,
    status: &'static str,
    justification: &'r str,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<LocationJson<'r>>,
}

/// The SARIF log of all the specs, as one string, in English.
pub fn render(reports: &[SpecReport<'_>], paths: &Paths) -> String {
    render_in(reports, paths, Lang::En)
}

/// [`render`] with the words for a person in `lang`: the messages (the findings' texts already
/// are), their labels, and the rules' short descriptions.
pub fn render_in(reports: &[SpecReport<'_>], paths: &Paths, lang: Lang) -> String {
    let mut out = Vec::new();
    write_in(reports, paths, lang, &mut out).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

/// [`render`], written to `out` as it is made.
pub fn write(
    reports: &[SpecReport<'_>],
    paths: &Paths,
    out: &mut impl std::io::Write,
) -> std::io::Result<()> {
    write_in(reports, paths, Lang::En, out)
}

/// [`render_in`], written to `out` as it is made.
///
/// Written by hand with [`JsonWriter`] (serde_json's escaping of every string was a third of what
/// the command spent after checking), key by key in the order of the `Serialize` types above, which
/// stay the definition of the log: a test compares the bytes with `write_with_serde`'s on every
/// spec of the repository.
pub fn write_in(
    reports: &[SpecReport<'_>],
    paths: &Paths,
    lang: Lang,
    out: &mut impl std::io::Write,
) -> std::io::Result<()> {
    let (rules, index_of) = descriptors(reports, lang);
    let uris = artifact_uris(reports, paths);
    let words = MessageWords::new(lang);
    let mut fingerprints = Fingerprints::default();
    let mut w = JsonWriter::new(out);
    w.begin_object();
    w.key("$schema");
    w.string(SCHEMA_URI);
    w.key("version");
    w.string("2.1.0");
    w.key("runs");
    w.begin_array();
    w.element();
    w.begin_object();
    w.key("tool");
    w.begin_object();
    w.key("driver");
    write_driver(&mut w, &rules);
    w.end_object();
    if let Some(uri) = paths.root_uri() {
        w.key("originalUriBaseIds");
        w.begin_object();
        w.key(SRCROOT);
        write_artifact(
            &mut w,
            &ArtifactLocation {
                uri,
                uri_base_id: None,
            },
        );
        w.end_object();
    }
    w.key("columnKind");
    w.string(COLUMN_KIND);
    if lang != Lang::En {
        w.key("language");
        w.string(lang.code());
    }
    w.key("results");
    w.begin_array();
    let mut failed = Ok(());
    each_result(
        reports,
        &uris,
        &index_of,
        &words,
        &mut fingerprints,
        |result| {
            w.element();
            write_result(&mut w, &result);
            if failed.is_ok() {
                failed = w.flush_some();
            }
        },
    );
    failed?;
    w.end_array();
    w.end_object();
    w.end_array();
    w.end_object();
    w.raw(b"\n");
    w.finish()
}

/// SARIF's `columnKind`: columns count characters (Unicode code points), as [`Location`] does.
///
/// [`Location`]: super::location::Location
const COLUMN_KIND: &str = "unicodeCodePoints";

/// Each spec's file URIs, made once: every result borrows its file's.
fn artifact_uris(reports: &[SpecReport<'_>], paths: &Paths) -> Vec<Vec<ArtifactLocation>> {
    reports
        .iter()
        .map(|report| {
            report
                .sources
                .files()
                .map(|(_, f)| paths.artifact(&f.name))
                .collect()
        })
        .collect()
}

/// Every result of the log in its order, each made and handed to `each` in turn: the findings of
/// each spec, then the ones it suppressed.
fn each_result<'r>(
    reports: &'r [SpecReport<'_>],
    uris: &'r [Vec<ArtifactLocation>],
    index_of: &HashMap<String, usize>,
    words: &MessageWords,
    fingerprints: &mut Fingerprints,
    mut each: impl FnMut(ResultJson<'r>),
) {
    for (report, uris) in reports.iter().zip(uris) {
        let place = Place { report, uris };
        for d in report.diagnostics {
            each(result(&place, d, None, index_of, fingerprints, words));
        }
        for s in report.suppressed {
            each(result(
                &place,
                &s.finding,
                Some(s),
                index_of,
                fingerprints,
                words,
            ));
        }
    }
}

/// [`write_in`] through serde_json and the `Serialize` types: the definition the hand-written log
/// is tested against.
#[cfg(test)]
fn write_with_serde(
    reports: &[SpecReport<'_>],
    paths: &Paths,
    lang: Lang,
    out: &mut impl std::io::Write,
) -> std::io::Result<()> {
    let (rules, index_of) = descriptors(reports, lang);
    let uris = artifact_uris(reports, paths);
    let words = MessageWords::new(lang);
    let mut fingerprints = Fingerprints::default();
    let mut results = Vec::new();
    each_result(reports, &uris, &index_of, &words, &mut fingerprints, |r| {
        results.push(r)
    });
    let original_uri_base_ids = paths
        .root_uri()
        .map(|uri| {
            (
                SRCROOT,
                ArtifactLocation {
                    uri,
                    uri_base_id: None,
                },
            )
        })
        .into_iter()
        .collect();
    let log = Log {
        schema: SCHEMA_URI,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "hjemmel",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    information_uri: information_uri(),
                    rules,
                },
            },
            original_uri_base_ids,
            column_kind: COLUMN_KIND,
            language: (lang != Lang::En).then(|| lang.code()),
            results,
        }],
    };
    super::json::write_pretty(&mut *out, &log)?;
    out.write_all(b"\n")
}

fn write_driver<W: std::io::Write>(w: &mut JsonWriter<W>, rules: &[Descriptor]) {
    w.begin_object();
    w.key("name");
    w.string("hjemmel");
    w.key("version");
    w.string(env!("CARGO_PKG_VERSION"));
    w.key("semanticVersion");
    w.string(env!("CARGO_PKG_VERSION"));
    if let Some(uri) = information_uri() {
        w.key("informationUri");
        w.string(uri);
    }
    w.key("rules");
    w.begin_array();
    for rule in rules {
        w.element();
        write_descriptor(w, rule);
    }
    w.end_array();
    w.end_object();
}

fn write_descriptor<W: std::io::Write>(w: &mut JsonWriter<W>, d: &Descriptor) {
    w.begin_object();
    w.key("id");
    w.string(&d.id);
    w.key("name");
    w.string(&d.name);
    w.key("shortDescription");
    write_text(w, &d.short_description);
    w.key("fullDescription");
    write_text(w, &d.full_description);
    w.key("help");
    w.begin_object();
    w.key("text");
    w.string(&d.help.text);
    w.key("markdown");
    w.string(&d.help.markdown);
    w.end_object();
    w.key("defaultConfiguration");
    w.begin_object();
    w.key("level");
    w.string(d.default_configuration.level);
    w.end_object();
    w.key("properties");
    w.begin_object();
    w.key("tags");
    w.strings(d.properties.tags.iter().map(String::as_str));
    w.key("provisions");
    w.strings(d.properties.provisions.iter().map(String::as_str));
    w.key("problem.severity");
    w.string(d.properties.problem_severity);
    w.end_object();
    w.end_object();
}

fn write_text<W: std::io::Write>(w: &mut JsonWriter<W>, text: &Text<'_>) {
    w.begin_object();
    w.key("text");
    w.string(&text.text);
    w.end_object();
}

fn write_result<W: std::io::Write>(w: &mut JsonWriter<W>, r: &ResultJson<'_>) {
    w.begin_object();
    w.key("ruleId");
    w.string(r.rule_id);
    w.key("ruleIndex");
    w.number(r.rule_index as u64);
    w.key("level");
    w.string(r.level);
    w.key("message");
    write_text(w, &r.message);
    if !r.locations.is_empty() {
        w.key("locations");
        write_locations(w, &r.locations);
    }
    if !r.related_locations.is_empty() {
        w.key("relatedLocations");
        write_locations(w, &r.related_locations);
    }
    w.key("partialFingerprints");
    w.begin_object();
    w.key("primaryLocationLineHash");
    w.string(&r.partial_fingerprints.primary_location_line_hash);
    w.end_object();
    if !r.suppressions.is_empty() {
        w.key("suppressions");
        w.begin_array();
        for s in &r.suppressions {
            w.element();
            w.begin_object();
            w.key("kind");
            w.string(s.kind);
            w.key("status");
            w.string(s.status);
            w.key("justification");
            w.string(s.justification);
            if let Some(location) = &s.location {
                w.key("location");
                write_location(w, location);
            }
            w.end_object();
        }
        w.end_array();
    }
    let p = &r.properties;
    w.key("properties");
    w.begin_object();
    w.key("spec");
    w.string(p.spec);
    w.key("origin");
    w.string(match p.origin {
        Origin::Spec => "spec",
        Origin::Rule => "rule",
    });
    w.key("provisions");
    w.strings(p.provisions.iter().map(String::as_str));
    w.key("path");
    w.strings(p.path.iter().map(String::as_str));
    if let Some(note) = p.note {
        w.key("note");
        w.string(note);
    }
    if !p.unverified.is_empty() {
        w.key("unverified");
        w.strings(p.unverified.iter().map(String::as_str));
    }
    w.end_object();
    w.end_object();
}

fn write_locations<W: std::io::Write>(w: &mut JsonWriter<W>, locations: &[LocationJson<'_>]) {
    w.begin_array();
    for location in locations {
        w.element();
        write_location(w, location);
    }
    w.end_array();
}

fn write_location<W: std::io::Write>(w: &mut JsonWriter<W>, l: &LocationJson<'_>) {
    w.begin_object();
    if let Some(id) = l.id {
        w.key("id");
        w.number(id as u64);
    }
    if let Some(physical) = &l.physical_location {
        w.key("physicalLocation");
        w.begin_object();
        w.key("artifactLocation");
        write_artifact(w, physical.artifact_location);
        w.key("region");
        w.begin_object();
        let region = &physical.region;
        for (key, n) in [
            ("startLine", region.start_line),
            ("startColumn", region.start_column),
            ("endLine", region.end_line),
            ("endColumn", region.end_column),
        ] {
            w.key(key);
            w.number(n as u64);
        }
        w.end_object();
        w.end_object();
    }
    if !l.logical_locations.is_empty() {
        w.key("logicalLocations");
        w.begin_array();
        for logical in &l.logical_locations {
            w.element();
            w.begin_object();
            w.key("name");
            w.string(logical.name);
            w.key("fullyQualifiedName");
            w.string(&logical.fully_qualified_name);
            w.key("kind");
            w.string(logical.kind);
            w.key("properties");
            w.begin_object();
            w.key("label");
            w.string(logical.properties.label);
            w.end_object();
            w.end_object();
        }
        w.end_array();
    }
    if let Some(message) = &l.message {
        w.key("message");
        write_text(w, message);
    }
    w.end_object();
}

fn write_artifact<W: std::io::Write>(w: &mut JsonWriter<W>, a: &ArtifactLocation) {
    w.begin_object();
    w.key("uri");
    w.string(&a.uri);
    if let Some(base) = a.uri_base_id {
        w.key("uriBaseId");
        w.string(base);
    }
    w.end_object();
}

/// The project's page, from Cargo.toml (`homepage`, else `repository`), when it names one.
fn information_uri() -> Option<&'static str> {
    [env!("CARGO_PKG_HOMEPAGE"), env!("CARGO_PKG_REPOSITORY")]
        .into_iter()
        .find(|uri| !uri.is_empty())
}

/// Every rule of the registry in its order, then each other code that occurs (spec errors), sorted;
/// and the index of each code among them, for `ruleIndex`.
fn descriptors(
    reports: &[SpecReport<'_>],
    lang: Lang,
) -> (Vec<Descriptor>, HashMap<String, usize>) {
    let mut rules: Vec<Descriptor> = RULES
        .iter()
        .map(|r| rule_descriptor(r.meta(), lang))
        .collect();
    let others: BTreeSet<&str> = reports
        .iter()
        .flat_map(|r| {
            r.diagnostics
                .iter()
                .chain(r.suppressed.iter().map(|s| &s.finding))
        })
        .map(|d| d.code.as_str())
        .filter(|code| registry::find(code).is_none())
        .collect();
    rules.extend(
        others
            .into_iter()
            .map(|code| spec_error_descriptor(code, lang)),
    );
    let index_of = rules
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.clone(), i))
        .collect();
    (rules, index_of)
}

fn rule_descriptor(meta: &RuleMeta, lang: Lang) -> Descriptor {
    let page = crate::rules::docs::page_in(meta, lang);
    let mut tags = vec!["privacy".to_string(), "compliance".to_string()];
    for cite in meta.provisions {
        if !tags.iter().any(|t| t == cite.act) {
            tags.push(cite.act.to_string());
        }
    }
    Descriptor {
        id: meta.code.to_string(),
        name: pascal_case(meta.code),
        short_description: Text {
            // In the reader's language, as are the full description and help: the rule's page
            // (src/rules/docs.rs, the Danish one from src/rules/da/).
            text: Cow::Borrowed(meta.summary.get(lang)),
        },
        full_description: Text {
            text: Cow::Owned(truncated(
                &section(&page, text::WHAT_IT_CHECKS.get(lang)),
                FULL_DESCRIPTION_LIMIT,
            )),
        },
        help: Help {
            text: page.clone(),
            markdown: page,
        },
        default_configuration: Configuration {
            level: level(meta.severity),
        },
        properties: DescriptorProperties {
            tags,
            provisions: meta.provisions.iter().map(|c| c.to_string()).collect(),
            problem_severity: level(meta.severity),
        },
    }
}

/// A spec-error code, described once for all of them: they are listed in docs/language.md.
fn spec_error_descriptor(code: &str, lang: Lang) -> Descriptor {
    let full = text::SPEC_ERROR_FULL.get(lang);
    let markdown = tr!(lang, text::SPEC_ERROR_PAGE, code = code, full = full);
    Descriptor {
        id: code.to_string(),
        name: pascal_case(code),
        short_description: Text {
            text: Cow::Owned(tr!(lang, text::SPEC_ERROR_SHORT, code = code)),
        },
        full_description: Text {
            text: Cow::Borrowed(full),
        },
        help: Help {
            text: markdown.clone(),
            markdown,
        },
        default_configuration: Configuration { level: "error" },
        properties: DescriptorProperties {
            tags: vec!["spec-error".to_string()],
            provisions: Vec::new(),
            problem_severity: "error",
        },
    }
}

/// `ART9-BASIS` → `Art9Basis`: the readable identifier SARIF asks for in `name`.
fn pascal_case(code: &str) -> String {
    code.split(['-', '_'])
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or(String::new(), |first| {
                first
                    .to_uppercase()
                    .chain(chars.flat_map(char::to_lowercase))
                    .collect()
            })
        })
        .collect()
}

/// The text of a `## heading` section of a rule's page, its lines run together into paragraphs.
fn section(page: &str, heading: &str) -> String {
    let marker = format!("## {heading}");
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut inside = false;
    for line in page.lines() {
        if line.starts_with("## ") {
            if inside {
                break;
            }
            inside = line.trim() == marker;
            continue;
        }
        if !inside {
            continue;
        }
        if line.trim().is_empty() {
            if !current.is_empty() {
                paragraphs.push(std::mem::take(&mut current));
            }
        } else {
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(line.trim());
        }
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }
    paragraphs.join("\n\n")
}

/// At most `limit` characters, cut after a whole word and marked with `…`.
fn truncated(text: &str, limit: usize) -> String {
    if text.chars().count() <= limit {
        return text.to_string();
    }
    let cut: String = text.chars().take(limit - 1).collect();
    let cut = cut.rfind(' ').map_or(cut.as_str(), |i| &cut[..i]);
    format!("{}…", cut.trim_end())
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// One spec's sources and the URI of each of its files.
struct Place<'r, 'a> {
    report: &'r SpecReport<'a>,
    uris: &'r [ArtifactLocation],
}

impl<'r> Place<'r, '_> {
    /// The place of `span`, with `message` (none when empty).
    fn location(
        &self,
        span: Span,
        message: &'r str,
        id: Option<usize>,
    ) -> Option<LocationJson<'r>> {
        // The file is named by its URI, not the location's name.
        let at = super::location::Location::of(self.report.sources, span)?;
        Some(LocationJson {
            id,
            physical_location: Some(PhysicalLocation {
                artifact_location: &self.uris[span.file.0 as usize],
                region: Region {
                    start_line: at.line,
                    start_column: at.column,
                    end_line: at.end_line,
                    end_column: at.end_column,
                },
            }),
            logical_locations: Vec::new(),
            message: (!message.is_empty()).then(|| Text {
                text: escape(message),
            }),
        })
    }
}

fn result<'r>(
    place: &Place<'r, '_>,
    d: &'r Diagnostic,
    suppressed: Option<&'r Suppressed>,
    index_of: &HashMap<String, usize>,
    fingerprints: &mut Fingerprints,
    words: &MessageWords,
) -> ResultJson<'r> {
    let mut locations: Vec<LocationJson<'r>> = d
        .primary
        .iter()
        .filter_map(|l| place.location(l.span, &l.message, None))
        .collect();
    if let Some(declaration) = &d.declaration {
        let logical = vec![LogicalLocation::of(declaration)];
        match locations.first_mut() {
            Some(primary) => primary.logical_locations = logical,
            None => locations.push(LocationJson {
                id: None,
                physical_location: None,
                logical_locations: logical,
                message: None,
            }),
        }
    }
    // Ids from 1, so that the message can link to them: `[label](1)`.
    let related_locations: Vec<LocationJson<'r>> = d
        .secondary
        .iter()
        .filter_map(|l| place.location(l.span, &l.message, None))
        .enumerate()
        .map(|(i, mut l)| {
            l.id = Some(i + 1);
            l
        })
        .collect();
    let suppressions = suppressed
        .map(|s| {
            vec![SuppressionJson {
                kind: match s.by {
                    SuppressedBy::Waiver => "inSource",
                    SuppressedBy::Config => "external",
                },
                status: "accepted",
                justification: &s.reason,
                location: place.location(s.span, "", None),
            }]
        })
        .unwrap_or_default();
    let primary_uri = locations
        .first()
        .and_then(|l| l.physical_location.as_ref())
        .map(|p| p.artifact_location.uri.as_str());
    let fingerprint = fingerprints.next(identity(place, d, primary_uri));
    ResultJson {
        rule_id: &d.code,
        rule_index: index_of[&d.code],
        level: level(d.severity),
        message: Text {
            text: Cow::Owned(message_text(d, &related_locations, words)),
        },
        locations,
        related_locations,
        partial_fingerprints: PartialFingerprints {
            primary_location_line_hash: fingerprint,
        },
        suppressions,
        properties: ResultProperties {
            spec: place.report.path,
            origin: d.origin,
            provisions: &d.provisions,
            path: &d.path,
            note: d.note.as_deref(),
            unverified: &d.unverified,
        },
    }
}

/// The lines of a result's message that every result words alike, each template cut once at its
/// one placeholder: filling them through `tr!` for every finding cost more than writing them.
struct MessageWords {
    help: (&'static str, &'static str),
    path: (&'static str, &'static str),
    see: (&'static str, &'static str),
    unverified: (&'static str, &'static str),
    note: (&'static str, &'static str),
    related: (&'static str, &'static str),
}

impl MessageWords {
    fn new(lang: Lang) -> MessageWords {
        let cut = |text: crate::i18n::Text, name: &str| {
            let template = text.get(lang);
            let placeholder = format!("{{{name}}}");
            // Every text has its placeholder (tests/i18n.rs); one without would read as its words.
            template.split_once(&placeholder).unwrap_or((template, ""))
        };
        MessageWords {
            help: cut(text::HELP, "help"),
            path: cut(text::PATH, "path"),
            see: cut(text::SEE, "provisions"),
            unverified: cut(text::UNVERIFIED, "provisions"),
            note: cut(text::NOTE, "note"),
            related: cut(text::RELATED, "links"),
        }
    }
}

/// A line break, then `words` around `value`.
fn push_line(out: &mut String, (before, after): (&str, &str), value: &str) {
    out.push('\n');
    out.push_str(before);
    out.push_str(value);
    out.push_str(after);
}

/// The message, then the help, the data path, the provisions and any note, a line each as the
/// other formats write them, then links to the related places (`[label](id)`, which GitHub shows
/// as links to the lines).
fn message_text(d: &Diagnostic, related: &[LocationJson], words: &MessageWords) -> String {
    let mut out = String::with_capacity(
        d.message.len() + d.help.as_ref().map_or(0, String::len) + 64 * (1 + related.len()),
    );
    out.push_str(&escape(&d.message));
    if let Some(help) = &d.help {
        push_line(&mut out, words.help, &escape(help));
    }
    if !d.path.is_empty() {
        push_line(&mut out, words.path, &escape(&d.path.join(" → ")));
    }
    if !d.provisions.is_empty() {
        push_line(&mut out, words.see, &escape(&d.provisions.join("; ")));
    }
    if !d.unverified.is_empty() {
        push_line(
            &mut out,
            words.unverified,
            &escape(&d.unverified.join("; ")),
        );
    }
    if let Some(note) = &d.note {
        push_line(&mut out, words.note, &escape(note));
    }
    if !related.is_empty() {
        let mut links = String::new();
        for (i, l) in related.iter().enumerate() {
            if i > 0 {
                links.push_str("; ");
            }
            links.push('[');
            match (&l.message, &l.physical_location) {
                (Some(m), _) => links.push_str(&m.text),
                (None, Some(p)) => {
                    links.push_str(&p.artifact_location.uri);
                    links.push(':');
                    links.push_str(&p.region.start_line.to_string());
                }
                (None, None) => {}
            }
            links.push_str("](");
            links.push_str(&l.id.unwrap_or_default().to_string());
            links.push(')');
        }
        push_line(&mut out, words.related, &links);
    }
    out
}

/// Square brackets in SARIF message text start an embedded link; literal ones are escaped.
/// Most texts hold none, and are then borrowed as they are.
fn escape(text: &str) -> Cow<'_, str> {
    if memchr::memchr2(b'[', b']', text.as_bytes()).is_none() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 4);
    for c in text.chars() {
        if matches!(c, '[' | ']') {
            out.push('\\');
        }
        out.push(c);
    }
    Cow::Owned(out)
}

/// What a finding is, apart from where its line happens to be: the code, the file, the chain of
/// declarations the words stand in (`processor platform` › `subprocessor helpdesk`), the keyword of
/// their line, and the words themselves. Returned as its hash, fed part by part.
///
/// Why not the line: GitHub's own fallback hashes the text around the line, and a line number or the
/// text of neighbouring lines changes whenever someone edits above the finding, which would close
/// the alert and open a new one. The words of a spec and the declarations around them change only
/// when the finding itself does. The message is left out too, so that `--lang da` and a reworded
/// message in a new version keep the alert. Two findings with the same identity in one file are
/// told apart by a count, as GitHub's own fingerprints do (`hash:1`, `hash:2`).
fn identity(place: &Place<'_, '_>, d: &Diagnostic, uri: Option<&str>) -> u64 {
    let mut hash = Fnv1a::new();
    hash.part(b"hjemmel/v1");
    hash.part(d.code.as_bytes());
    match (&d.primary, uri) {
        (Some(label), Some(uri)) => {
            let file = place.report.sources.file(label.span.file);
            hash.part(uri.as_bytes());
            for head in enclosing_headers(file, label.span.start as usize) {
                hash.words(head);
            }
            hash.words(&file.text[label.span.start as usize..label.span.end as usize]);
        }
        // No place in a file: the spec and the message are all there is.
        _ => {
            hash.part(place.report.path.as_bytes());
            hash.part(d.message.as_bytes());
        }
    }
    hash.finish()
}

/// FNV-1a over parts joined by U+001F (the unit separator), as if they were one string: the
/// identity's hash, fed without making that string.
struct Fnv1a {
    hash: u64,
    first: bool,
}

impl Fnv1a {
    fn new() -> Fnv1a {
        Fnv1a {
            hash: fnv1a(b""),
            first: true,
        }
    }

    fn bytes(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.hash ^= u64::from(byte);
            self.hash = self.hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    fn separator(&mut self) {
        if !self.first {
            self.bytes(b"\x1f");
        }
        self.first = false;
    }

    fn part(&mut self, bytes: &[u8]) {
        self.separator();
        self.bytes(bytes);
    }

    /// A part that is `text`'s runs of white space as one space, trimmed ([`words`]).
    fn words(&mut self, text: &str) {
        self.separator();
        for (i, word) in text.split_whitespace().enumerate() {
            if i > 0 {
                self.bytes(b" ");
            }
            self.bytes(word.as_bytes());
        }
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}

/// The heads of the lines that enclose `offset` by indentation, outermost first, ending with the
/// first word of `offset`'s own line. A head is the line's text before its first quote or brace
/// (`subprocessor helpdesk`, as written: [`words`] evens out its spaces), so that a reworded title
/// does not count as a new finding.
fn enclosing_headers(file: &SourceFile, offset: usize) -> Vec<&str> {
    let text = file.text.as_str();
    // From the file's line index: a search back for the line start would read a long line whole
    // for every finding on it (a spec written on one line).
    let line_start = file.line_start(offset);
    let own = &text[line_start..file.line_end(offset)];
    let mut indent = indentation(own);
    let mut heads = vec![own.split_whitespace().next().unwrap_or("")];
    // Bounded in lines and in bytes, so that a spec indented throughout, or with long lines, cannot
    // make each of many findings read the file; a line cut by the byte bound is not looked at.
    let mut window_start = line_start.saturating_sub(MAX_BYTES_UP);
    while !text.is_char_boundary(window_start) {
        window_start += 1;
    }
    let window = &text[window_start..line_start];
    let window = match window_start {
        0 => window,
        _ => window
            .split_once('\n')
            .map_or("", |(_, whole_lines)| whole_lines),
    };
    for line in lines_up(window).take(MAX_LINES_UP) {
        if indent == 0 {
            break;
        }
        let trimmed = line.trim_start();
        if trimmed.is_empty()
            || trimmed.starts_with("//")
            || trimmed.starts_with('#')
            || trimmed.starts_with('}')
        {
            continue;
        }
        let this = indentation(line);
        if this < indent {
            indent = this;
            heads.push(trimmed.split(['"', '{']).next().unwrap_or(""));
        }
    }
    heads.reverse();
    heads
}

/// `text.lines().rev()`, each line found with `memrchr`: the lines above a finding are read for
/// every finding, and `str::lines` searches them forwards character by character.
fn lines_up(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let body = rest.strip_suffix('\n').unwrap_or(rest);
        let start = memchr::memrchr(b'\n', body.as_bytes()).map_or(0, |at| at + 1);
        let line = &body[start..];
        rest = &rest[..start];
        Some(line.strip_suffix('\r').unwrap_or(line))
    })
}

/// How far up [`enclosing_headers`] looks: far beyond any declaration written by hand.
const MAX_LINES_UP: usize = 2000;
/// How many bytes up [`enclosing_headers`] looks at most: 2,000 lines of 128 bytes.
const MAX_BYTES_UP: usize = 256 * 1024;

fn indentation(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

/// Runs of white space as one space, trimmed: re-indenting a spec is not a change.
#[cfg(test)]
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Counts identities, so that equal ones get `:1`, `:2`, ...
#[derive(Default)]
struct Fingerprints {
    seen: HashMap<u64, usize>,
}

impl Fingerprints {
    /// `{hash:016x}:{count}`.
    fn next(&mut self, hash: u64) -> String {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let count = self.seen.entry(hash).or_insert(0);
        *count += 1;
        let mut out = String::with_capacity(16 + 1 + 4);
        for shift in (0..16).rev() {
            out.push(char::from(HEX[((hash >> (4 * shift)) & 0xf) as usize]));
        }
        out.push(':');
        out.push_str(&count.to_string());
        out
    }
}

/// FNV-1a, 64 bits: fixed by its definition, so the same finding hashes the same on every machine
/// and in every version of Rust (the standard library's hasher promises neither).
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &byte in bytes {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::super::json::tests::specs;
    use super::*;
    use std::path::Path;

    fn uri(paths: &Paths, name: &str) -> (String, Option<&'static str>) {
        let a = paths.artifact(name);
        (a.uri, a.uri_base_id)
    }

    #[test]
    fn file_names_become_uris_relative_to_the_root() {
        let paths = Paths::new("/repo/specs", "/repo");
        let rooted = |s: &str| (s.to_string(), Some(SRCROOT));
        assert_eq!(
            uri(&paths, "kommune.hjemmel"),
            rooted("specs/kommune.hjemmel")
        );
        assert_eq!(uri(&paths, "./a/b.hjemmel"), rooted("specs/a/b.hjemmel"));
        assert_eq!(uri(&paths, "../other/c.hjemmel"), rooted("other/c.hjemmel"));
        assert_eq!(uri(&paths, "/repo/d.hjemmel"), rooted("d.hjemmel"));
        assert_eq!(
            uri(&paths, "Økonomi og løn/hjemmel.toml"),
            rooted("specs/%C3%98konomi%20og%20l%C3%B8n/hjemmel.toml")
        );
        assert_eq!(
            uri(&paths, "/elsewhere/x y.hjemmel"),
            ("file:///elsewhere/x%20y.hjemmel".to_string(), None)
        );
        assert_eq!(paths.root_uri().as_deref(), Some("file:///repo/"));
    }

    #[test]
    fn codes_become_readable_names() {
        assert_eq!(pascal_case("ART9-BASIS"), "Art9Basis");
        assert_eq!(
            pascal_case("ART6F-PUBLIC-AUTHORITY"),
            "Art6fPublicAuthority"
        );
        assert_eq!(pascal_case("unknown-name"), "UnknownName");
    }

    #[test]
    fn long_descriptions_are_cut_after_a_word() {
        assert_eq!(truncated("short", 10), "short");
        assert_eq!(truncated("one two three four", 10), "one two…");
        assert!(truncated(&"word ".repeat(500), 1024).chars().count() <= 1024);
    }

    #[test]
    fn brackets_in_messages_are_escaped() {
        assert_eq!(escape("see [x] here"), "see \\[x\\] here");
    }

    #[test]
    fn fnv1a_matches_its_definition() {
        // Test vectors of the FNV reference implementation.
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
    }

    /// The log written by hand is the serde one, byte for byte, and parses, for every spec of the
    /// repository, one per log and all in one, in both languages.
    #[test]
    fn the_hand_written_log_is_the_serde_one() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut paths = Vec::new();
        for dir in ["specs", "examples", "tests/fixtures"] {
            specs(&root.join(dir), &mut paths);
        }
        assert!(paths.len() > 100, "only {} specs found", paths.len());
        let sarif_paths = Paths::new(root, root);
        let mut results = 0;
        for lang in Lang::ALL {
            let outcomes: Vec<(String, crate::Outcome)> = paths
                .iter()
                .map(|p| (p.display().to_string(), crate::check_spec(p, lang)))
                .collect();
            let reports: Vec<SpecReport> = outcomes.iter().map(|(p, o)| o.report(p)).collect();
            for document in reports.chunks(1).chain([&reports[..], &[]]) {
                let (mut ours, mut serdes) = (Vec::new(), Vec::new());
                write_in(document, &sarif_paths, lang, &mut ours).unwrap();
                write_with_serde(document, &sarif_paths, lang, &mut serdes).unwrap();
                assert!(
                    ours == serdes,
                    "{:?} ({lang:?})",
                    document.first().map(|r| r.path)
                );
                let log: serde_json::Value = serde_json::from_slice(&ours).unwrap();
                results += log["runs"][0]["results"].as_array().unwrap().len();
            }
        }
        assert!(results > 2000, "only {results} results written");
    }

    #[test]
    fn lines_up_reads_the_lines_backwards() {
        for text in [
            "",
            "\n",
            "a",
            "a\nb",
            "a\r\nb\r\n",
            "\n\nx\n",
            "one\n  two\r\n\nthree\n",
        ] {
            assert_eq!(
                lines_up(text).collect::<Vec<_>>(),
                text.lines().rev().collect::<Vec<_>>(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn the_identity_hash_is_the_hash_of_the_joined_parts() {
        let mut hash = Fnv1a::new();
        hash.part(b"hjemmel/v1");
        hash.words("  processor \t p  ");
        hash.part(b"");
        assert_eq!(
            hash.finish(),
            fnv1a("hjemmel/v1\u{1f}processor p\u{1f}".as_bytes())
        );
        assert_eq!(Fingerprints::default().next(0xab), "00000000000000ab:1");
    }

    #[test]
    fn the_enclosing_declarations_are_found_by_indentation() {
        let text = "processor p \"P\" {\n  country DK\n  // a comment\n  subprocessor s \"S\" {\n    country IN\n  }\n}\n";
        let file = SourceFile::new("x.hjemmel", text);
        let offset = text.find("IN").unwrap();
        let heads = |offset| -> Vec<String> {
            enclosing_headers(&file, offset)
                .into_iter()
                .map(words)
                .collect()
        };
        assert_eq!(heads(offset), ["processor p", "subprocessor s", "country"]);
        let top = text.find('p').unwrap();
        assert_eq!(heads(top), ["processor"]);
    }
}
