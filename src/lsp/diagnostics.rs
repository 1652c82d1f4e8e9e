//! hjemmel's diagnostics as the protocol's: code, severity, the message with its help, path,
//! provisions and note on lines of their own (as rustc's diagnostics reach an editor through
//! rust-analyzer), the secondary labels as related information, and the rule's page as the code's
//! description link.

use std::collections::{HashMap, HashSet};

use lsp_types::{
    CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, NumberOrString, Position,
    PublishDiagnosticsParams, Range, Uri,
};

use super::snapshot::Snapshot;
use crate::diagnostic::{Diagnostic, Origin, Severity};
use crate::i18n::Lang;
use crate::report::github::text;
use crate::rules::docs::{DANISH_DIRECTORY, DIRECTORY};
use crate::syntax::span::FileId;
use crate::tr;

/// Where the rule pages (docs/rules/CODE.md) are read: the one place the link is made.
///
/// The package's repository when Cargo.toml names one (`https://…/blob/main/docs/rules/`, as the
/// SARIF output's `informationUri` takes it); until then the pages in the source tree the server was
/// built from, as a `file://` URI, which an editor opens.
pub fn rule_pages_base() -> String {
    let repository = env!("CARGO_PKG_REPOSITORY").trim_end_matches('/');
    if repository.is_empty() {
        let tree = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(DIRECTORY);
        format!("{}/", super::uri::from_path(&tree).as_str())
    } else {
        format!("{repository}/blob/main/{DIRECTORY}/")
    }
}

/// The page of rule `code` in `lang`, when `code` is a rule's (spec errors have no page).
pub fn rule_page(base: &str, code: &str, lang: Lang) -> Option<Uri> {
    crate::rules::registry::find(code)?;
    let page = match lang {
        Lang::En => format!("{base}{code}.md"),
        Lang::Da => format!("{base}{DANISH_DIRECTORY}/{code}.md"),
    };
    page.parse().ok()
}

/// One diagnostic in the protocol's terms, and the file it is shown in (the primary label's; a
/// diagnostic without a place is shown at the start of the first file).
pub fn to_lsp(
    snapshot: &Snapshot,
    d: &Diagnostic,
    base: &str,
) -> Option<(FileId, lsp_types::Diagnostic)> {
    let lang = snapshot.analysis.lang;
    let (file, range) = match &d.primary {
        Some(label) if snapshot.has(label.span) => (label.span.file, snapshot.range(label.span)),
        _ if !snapshot.files.is_empty() => (
            FileId(0),
            Range::new(Position::new(0, 0), Position::new(0, 0)),
        ),
        _ => return None,
    };
    let related: Vec<DiagnosticRelatedInformation> = d
        .secondary
        .iter()
        .filter(|l| snapshot.has(l.span))
        .map(|l| DiagnosticRelatedInformation {
            location: snapshot.location(l.span),
            message: l.message.clone(),
        })
        .collect();
    let diagnostic = lsp_types::Diagnostic {
        range,
        severity: Some(match d.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
        }),
        code: Some(NumberOrString::String(d.code.clone())),
        code_description: match d.origin {
            Origin::Rule => rule_page(base, &d.code, lang).map(|href| CodeDescription { href }),
            Origin::Spec => None,
        },
        source: Some("hjemmel".to_string()),
        message: message(d, lang),
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    };
    Some((file, diagnostic))
}

/// The message, then the primary label, help, data path, provisions, unverified law data and note,
/// each on a line of its own: the editor shows them under the message.
fn message(d: &Diagnostic, lang: Lang) -> String {
    let mut lines = vec![d.message.clone()];
    if let Some(label) = &d.primary
        && !label.message.is_empty()
        && label.message != d.message
    {
        lines.push(label.message.clone());
    }
    if let Some(help) = &d.help {
        lines.push(tr!(lang, text::HELP, help = help));
    }
    if !d.path.is_empty() {
        lines.push(tr!(lang, text::PATH, path = d.path.join(" → ")));
    }
    if !d.provisions.is_empty() {
        lines.push(tr!(lang, text::SEE, provisions = d.provisions.join("; ")));
    }
    if !d.unverified.is_empty() {
        lines.push(tr!(
            lang,
            text::UNVERIFIED,
            provisions = d.unverified.join("; ")
        ));
    }
    if let Some(note) = &d.note {
        lines.push(tr!(lang, text::NOTE, note = note));
    }
    lines.join("\n")
}

/// Every file's diagnostics in one analysis: each file of the spec gets its list (an empty one
/// clears what it showed before), and so does each file that showed diagnostics in the previous
/// analysis and is no longer in the spec. `shown` holds the files with diagnostics after this one.
pub fn publish(snapshot: &Snapshot, shown: &mut HashSet<String>) -> Vec<PublishDiagnosticsParams> {
    let base = rule_pages_base();
    let mut by_file: HashMap<FileId, Vec<lsp_types::Diagnostic>> = HashMap::new();
    for d in snapshot
        .load_error
        .iter()
        .chain(snapshot.analysis.diagnostics())
    {
        if let Some((file, diagnostic)) = to_lsp(snapshot, d, &base) {
            by_file.entry(file).or_default().push(diagnostic);
        }
    }
    let mut now_shown = HashSet::new();
    let mut params = Vec::with_capacity(snapshot.files.len());
    for (i, info) in snapshot.files.iter().enumerate() {
        let diagnostics = by_file.remove(&FileId(i as u32)).unwrap_or_default();
        if !diagnostics.is_empty() {
            now_shown.insert(info.uri.as_str().to_string());
        }
        params.push(PublishDiagnosticsParams::new(
            info.uri.clone(),
            diagnostics,
            info.version,
        ));
    }
    for gone in shown.difference(&now_shown) {
        if !snapshot.files.iter().any(|f| f.uri.as_str() == gone)
            && let Ok(uri) = gone.parse::<Uri>()
        {
            params.push(PublishDiagnosticsParams::new(uri, Vec::new(), None));
        }
    }
    *shown = now_shown;
    params
}
