//! `--format sarif`: the findings as a SARIF 2.1.0 log (OASIS standard), the format GitHub code
//! scanning, Azure DevOps and many editors read.
//!
//! One run for all the specs checked. The tool describes every rule (and each spec-error code that
//! occurs), so a viewer can show a rule's documentation beside its results. Spec errors are results
//! too, and findings turned off by a waiver or `hjemmel.toml` are results with a `suppressions`
//! entry, so that nothing is silently dropped. GitHub's subset of SARIF, which this follows:
//! https://docs.github.com/en/code-security/reference/code-scanning/sarif-files/sarif-support-for-code-scanning

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Component, Path, PathBuf};

use serde::Serialize;

use super::SpecReport;
use crate::config::waivers::{Suppressed, SuppressedBy};
use crate::diagnostic::{Declaration, Diagnostic, Label, Origin, Severity};
use crate::i18n::Lang;
use crate::rules::RuleMeta;
use crate::rules::registry::{self, RULES};
use crate::source::SourceFile;
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

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

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
    results: Vec<ResultJson<'a, 'a>>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

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
    short_description: Text,
    full_description: Text,
    help: Help,
    default_configuration: Configuration,
    properties: DescriptorProperties,
}

#[derive(Serialize)]
struct Text {
    text: String,
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
struct ResultJson<'a, 'r> {
    rule_id: &'a str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    /// Empty for a problem with no place in a file (a path that cannot be read).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    locations: Vec<LocationJson<'r>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<LocationJson<'r>>,
    partial_fingerprints: PartialFingerprints,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suppressions: Vec<SuppressionJson<'r>>,
    properties: ResultProperties<'a>,
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
    logical_locations: Vec<LogicalLocation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text>,
}

/// A declaration as SARIF names a place that is not a line: `kind` is the declaration's keyword
/// (`activity`), `fullyQualifiedName` is `activity::room_booking`, the same for every finding about
/// it, so that a viewer can group by it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LogicalLocation {
    name: String,
    fully_qualified_name: String,
    kind: &'static str,
    properties: LogicalProperties,
}

#[derive(Serialize)]
struct LogicalProperties {
    /// The declaration's label, as the spec writes it.
    label: String,
}

impl LogicalLocation {
    fn of(declaration: &Declaration) -> LogicalLocation {
        LogicalLocation {
            name: declaration.name.clone(),
            fully_qualified_name: format!("{}::{}", declaration.kind.keyword(), declaration.name),
            kind: declaration.kind.keyword(),
            properties: LogicalProperties {
                label: declaration.label.clone(),
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
    justification: String,
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
pub fn write_in(
    reports: &[SpecReport<'_>],
    paths: &Paths,
    lang: Lang,
    out: &mut impl std::io::Write,
) -> std::io::Result<()> {
    let (rules, index_of) = descriptors(reports, lang);
    let mut fingerprints = Fingerprints::default();
    // Each spec's file URIs, made once: every result borrows its file's.
    let uris: Vec<Vec<ArtifactLocation>> = reports
        .iter()
        .map(|report| {
            report
                .sources
                .files()
                .map(|(_, f)| paths.artifact(&f.name))
                .collect()
        })
        .collect();
    let mut results = Vec::new();
    for (report, uris) in reports.iter().zip(&uris) {
        let place = Place { report, uris };
        for d in report.diagnostics {
            results.push(result(&place, d, None, &index_of, &mut fingerprints, lang));
        }
        for s in report.suppressed {
            results.push(result(
                &place,
                &s.finding,
                Some(s),
                &index_of,
                &mut fingerprints,
                lang,
            ));
        }
    }
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
            column_kind: "unicodeCodePoints",
            language: (lang != Lang::En).then(|| lang.code()),
            results,
        }],
    };
    super::json::write_pretty(&mut *out, &log)?;
    out.write_all(b"\n")
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
            text: meta.summary.get(lang).to_string(),
        },
        full_description: Text {
            text: truncated(
                &section(&page, text::WHAT_IT_CHECKS.get(lang)),
                FULL_DESCRIPTION_LIMIT,
            ),
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
            text: tr!(lang, text::SPEC_ERROR_SHORT, code = code),
        },
        full_description: Text {
            text: full.to_string(),
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
    fn location(&self, label: &Label, id: Option<usize>) -> Option<LocationJson<'r>> {
        // The file is named by its URI, not the location's name.
        let at = super::location::Location::of(self.report.sources, label.span)?;
        Some(LocationJson {
            id,
            physical_location: Some(PhysicalLocation {
                artifact_location: &self.uris[label.span.file.0 as usize],
                region: Region {
                    start_line: at.line,
                    start_column: at.column,
                    end_line: at.end_line,
                    end_column: at.end_column,
                },
            }),
            logical_locations: Vec::new(),
            message: (!label.message.is_empty()).then(|| Text {
                text: escape(&label.message).into_owned(),
            }),
        })
    }
}

fn result<'a, 'r>(
    place: &Place<'r, 'a>,
    d: &'a Diagnostic,
    suppressed: Option<&'a Suppressed>,
    index_of: &HashMap<String, usize>,
    fingerprints: &mut Fingerprints,
    lang: Lang,
) -> ResultJson<'a, 'r> {
    let mut locations: Vec<LocationJson<'r>> = d
        .primary
        .iter()
        .filter_map(|l| place.location(l, None))
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
        .filter_map(|l| place.location(l, None))
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
                justification: s.reason.clone(),
                location: place.location(&Label::new(s.span, String::new()), None),
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
            text: message_text(d, &related_locations, lang),
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

/// The message, then the help, the data path, the provisions and any note, a line each as the
/// other formats write them, then links to the related places (`[label](id)`, which GitHub shows
/// as links to the lines).
fn message_text(d: &Diagnostic, related: &[LocationJson], lang: Lang) -> String {
    let mut lines = vec![escape(&d.message).into_owned()];
    if let Some(help) = &d.help {
        lines.push(tr!(lang, text::HELP, help = escape(help)));
    }
    if !d.path.is_empty() {
        lines.push(tr!(lang, text::PATH, path = escape(&d.path.join(" → "))));
    }
    if !d.provisions.is_empty() {
        lines.push(tr!(
            lang,
            text::SEE,
            provisions = escape(&d.provisions.join("; "))
        ));
    }
    if !d.unverified.is_empty() {
        lines.push(tr!(
            lang,
            text::UNVERIFIED,
            provisions = escape(&d.unverified.join("; "))
        ));
    }
    if let Some(note) = &d.note {
        lines.push(tr!(lang, text::NOTE, note = escape(note)));
    }
    if !related.is_empty() {
        let links: Vec<String> = related
            .iter()
            .map(|l| {
                let text = l.message.as_ref().map_or_else(
                    || match &l.physical_location {
                        Some(p) => format!("{}:{}", p.artifact_location.uri, p.region.start_line),
                        None => String::new(),
                    },
                    |m| m.text.clone(),
                );
                format!("[{text}]({})", l.id.unwrap_or_default())
            })
            .collect();
        lines.push(tr!(lang, text::RELATED, links = links.join("; ")));
    }
    lines.join("\n")
}

/// Square brackets in SARIF message text start an embedded link; literal ones are escaped.
/// Most texts hold none, and are then borrowed as they are.
fn escape(text: &str) -> Cow<'_, str> {
    if !text.bytes().any(|b| matches!(b, b'[' | b']')) {
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
/// their line, and the words themselves.
///
/// Why not the line: GitHub's own fallback hashes the text around the line, and a line number or the
/// text of neighbouring lines changes whenever someone edits above the finding, which would close
/// the alert and open a new one. The words of a spec and the declarations around them change only
/// when the finding itself does. The message is left out too, so that `--lang da` and a reworded
/// message in a new version keep the alert. Two findings with the same identity in one file are
/// told apart by a count, as GitHub's own fingerprints do (`hash:1`, `hash:2`).
fn identity(place: &Place<'_, '_>, d: &Diagnostic, uri: Option<&str>) -> String {
    let mut parts = vec!["hjemmel/v1".to_string(), d.code.clone()];
    match (&d.primary, uri) {
        (Some(label), Some(uri)) => {
            let file = place.report.sources.file(label.span.file);
            parts.push(uri.to_string());
            parts.extend(enclosing_headers(file, label.span.start as usize));
            parts.push(words(
                &file.text[label.span.start as usize..label.span.end as usize],
            ));
        }
        // No place in a file: the spec and the message are all there is.
        _ => {
            parts.push(place.report.path.to_string());
            parts.push(d.message.clone());
        }
    }
    parts.join("\u{1f}")
}

/// The heads of the lines that enclose `offset` by indentation, outermost first, ending with the
/// first word of `offset`'s own line. A head is the line's text before its first quote or brace
/// (`subprocessor helpdesk`), so that a reworded title does not count as a new finding.
fn enclosing_headers(file: &SourceFile, offset: usize) -> Vec<String> {
    let text = file.text.as_str();
    // From the file's line index: a search back for the line start would read a long line whole
    // for every finding on it (a spec written on one line).
    let line_start = file.line_start(offset);
    let own = &text[line_start..file.line_end(offset)];
    let mut indent = indentation(own);
    let mut heads = vec![own.split_whitespace().next().unwrap_or("").to_string()];
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
    for line in window.lines().rev().take(MAX_LINES_UP) {
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
            let head = trimmed.split(['"', '{']).next().unwrap_or("");
            heads.push(words(head));
        }
    }
    heads.reverse();
    heads
}

/// How far up [`enclosing_headers`] looks: far beyond any declaration written by hand.
const MAX_LINES_UP: usize = 2000;
/// How many bytes up [`enclosing_headers`] looks at most: 2,000 lines of 128 bytes.
const MAX_BYTES_UP: usize = 256 * 1024;

fn indentation(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

/// Runs of white space as one space, trimmed: re-indenting a spec is not a change.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Counts identities, so that equal ones get `:1`, `:2`, ...
#[derive(Default)]
struct Fingerprints {
    seen: HashMap<u64, usize>,
}

impl Fingerprints {
    fn next(&mut self, identity: String) -> String {
        let hash = fnv1a(identity.as_bytes());
        let count = self.seen.entry(hash).or_insert(0);
        *count += 1;
        format!("{hash:016x}:{count}")
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
    use super::*;

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

    #[test]
    fn the_enclosing_declarations_are_found_by_indentation() {
        let text = "processor p \"P\" {\n  country DK\n  // a comment\n  subprocessor s \"S\" {\n    country IN\n  }\n}\n";
        let file = SourceFile::new("x.hjemmel", text);
        let offset = text.find("IN").unwrap();
        assert_eq!(
            enclosing_headers(&file, offset),
            ["processor p", "subprocessor s", "country"]
        );
        let top = text.find('p').unwrap();
        assert_eq!(enclosing_headers(&file, top), ["processor"]);
    }
}
