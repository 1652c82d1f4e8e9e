//! The one type every result of hjemmel is written from: spec errors (the spec could not be read,
//! parsed or resolved) and rule findings alike. Renderers (human, JSON, ...) read this type; none of
//! them parses another's output.

use serde::Serialize;

use crate::syntax::span::Span;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// Whether the spec could not be understood, or was understood and a rule found a problem in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// The spec could not be read, parsed or resolved: exit code 2.
    Spec,
    /// A legal rule's finding about a spec that was understood.
    Rule,
}

/// Words in the spec that a diagnostic points at, with what to say about them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

impl Label {
    pub fn new(span: Span, message: impl Into<String>) -> Self {
        Label {
            span,
            message: message.into(),
        }
    }
}

/// The kind of declaration a finding is about, by the keyword that declares it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DeclarationKind {
    Controller,
    Subjects,
    Data,
    Source,
    Processor,
    Recipient,
    /// `joint controller`, written `joint_controller` in JSON and SARIF.
    #[serde(rename = "joint_controller")]
    JointController,
    Activity,
}

impl DeclarationKind {
    /// Every kind, in the order a spec usually declares them.
    pub const ALL: [DeclarationKind; 8] = [
        DeclarationKind::Controller,
        DeclarationKind::Subjects,
        DeclarationKind::Data,
        DeclarationKind::Source,
        DeclarationKind::Processor,
        DeclarationKind::Recipient,
        DeclarationKind::JointController,
        DeclarationKind::Activity,
    ];

    /// The keyword of the declaration (`activity`), as JSON and SARIF write the kind.
    pub fn keyword(self) -> &'static str {
        match self {
            DeclarationKind::Controller => "controller",
            DeclarationKind::Subjects => "subjects",
            DeclarationKind::Data => "data",
            DeclarationKind::Source => "source",
            DeclarationKind::Processor => "processor",
            DeclarationKind::Recipient => "recipient",
            DeclarationKind::JointController => "joint_controller",
            DeclarationKind::Activity => "activity",
        }
    }
}

/// The declaration of the spec a finding is about: its kind, its name and its label, so that CI and
/// reports can group findings by activity (or processor, recipient, ...).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Declaration {
    pub kind: DeclarationKind,
    /// The name the spec declares it by (`room_booking`).
    pub name: String,
    /// Its label, the words a reader knows it by ("Booking af lokaler").
    pub label: String,
}

/// A spec error or a rule finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable code: a rule code such as `ART9-BASIS`, or a spec-error code such as `unknown-name`.
    pub code: String,
    pub origin: Origin,
    pub severity: Severity,
    /// Short, lowercase, no final period; names from the spec in backticks.
    pub message: String,
    /// The offending words; `None` only for problems with no place in a file (a missing path).
    pub primary: Option<Label>,
    /// Related declarations: the basis list, the transfer, the processor chain.
    pub secondary: Vec<Label>,
    /// The concrete fix.
    pub help: Option<String>,
    /// The provisions the finding rests on, as a lawyer writes them.
    pub provisions: Vec<String>,
    /// The data path that causes the problem, from the activity to where the data ends up.
    pub path: Vec<String>,
    /// Why the severity differs from the rule's default (set by the spec's `hjemmel.toml`).
    pub note: Option<String>,
    /// The declaration the finding is about; `None` for spec errors. Set by
    /// [`Context::finding`](crate::rules::Context::finding) from the primary label's place; a rule
    /// overrides it with [`Diagnostic::about`].
    pub declaration: Option<Declaration>,
    /// The provisions among [`provisions`](Self::provisions) whose legal reference data is marked
    /// `verified = false` (src/law/data/): the finding rests on a text hjemmel could not check, and
    /// every output says so. Empty for spec errors.
    pub unverified: Vec<String>,
    /// The mechanical part of the help, as edits an editor can apply (rustc's suggestions): set by the
    /// rules and the resolver where following the help needs no judgement beyond what it names.
    /// Empty for most diagnostics.
    pub suggestions: Vec<Suggestion>,
}

/// A help line's mechanical part: what to write where, so that the finding goes away.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// What it does, in the diagnostic's language ("write `citizens`").
    pub message: String,
    pub edit: SuggestedEdit,
    /// The one fix to apply without asking; `false` where it is one choice among several, or holds a
    /// placeholder the author fills in.
    pub preferred: bool,
}

/// The edit of a [`Suggestion`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SuggestedEdit {
    /// Write `text` in place of the words of `span` (an empty span inserts).
    Replace { span: Span, text: String },
    /// Add `statement` to the block `block` (a declaration, braces included), on a line of its own
    /// before the closing brace: where it goes in the file is the editor's to lay out.
    AddStatement { block: Span, statement: String },
}

impl Diagnostic {
    /// A problem that stops the spec from being read, parsed or resolved.
    pub fn spec_error(code: &str, message: impl Into<String>) -> Self {
        Diagnostic {
            code: code.to_string(),
            origin: Origin::Spec,
            severity: Severity::Error,
            message: message.into(),
            primary: None,
            secondary: Vec::new(),
            help: None,
            provisions: Vec::new(),
            path: Vec::new(),
            note: None,
            declaration: None,
            unverified: Vec::new(),
            suggestions: Vec::new(),
        }
    }

    /// A spec error at a place in a file.
    pub fn spec_error_at(
        code: &str,
        message: impl Into<String>,
        span: Span,
        label: impl Into<String>,
    ) -> Self {
        Self::spec_error(code, message).with_primary(span, label)
    }

    pub fn with_primary(mut self, span: Span, label: impl Into<String>) -> Self {
        self.primary = Some(Label::new(span, label));
        self
    }

    pub fn with_secondary(mut self, span: Span, label: impl Into<String>) -> Self {
        self.secondary.push(Label::new(span, label));
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_help_opt(mut self, help: Option<String>) -> Self {
        if help.is_some() {
            self.help = help;
        }
        self
    }

    /// The finding is about `declaration`, not the one its primary label stands in.
    pub fn about(mut self, declaration: Declaration) -> Self {
        self.declaration = Some(declaration);
        self
    }

    /// A mechanical fix for the help to offer.
    pub fn with_suggestion(mut self, suggestion: Suggestion) -> Self {
        self.suggestions.push(suggestion);
        self
    }

    /// The fixes of `suggestions`, if any.
    pub fn with_suggestions(mut self, suggestions: impl IntoIterator<Item = Suggestion>) -> Self {
        self.suggestions.extend(suggestions);
        self
    }

    pub fn with_path(mut self, path: Vec<String>) -> Self {
        self.path = path;
        self
    }

    /// Sort key: file, position, code, so that output is the same from run to run.
    pub fn sort_key(&self) -> (u32, u32, String, String) {
        let (file, start) = self
            .primary
            .as_ref()
            .map(|l| (l.span.file.0, l.span.start))
            .unwrap_or((0, 0));
        (file, start, self.code.clone(), self.message.clone())
    }

    /// The order of [`sort_key`](Self::sort_key), without copying the code and message: sorting
    /// 200,000 findings by `sort_key` copied two strings per comparison.
    pub fn cmp_by_key(&self, other: &Diagnostic) -> std::cmp::Ordering {
        fn key(d: &Diagnostic) -> (u32, u32, &str, &str) {
            let (file, start) = d
                .primary
                .as_ref()
                .map(|l| (l.span.file.0, l.span.start))
                .unwrap_or((0, 0));
            (file, start, d.code.as_str(), d.message.as_str())
        }
        key(self).cmp(&key(other))
    }
}

/// Did-you-mean: the closest candidate to `word`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let word_lower = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&word_lower, &c.to_lowercase()), c))
        .filter(|(score, _)| *score > 0.8)
        // Of names that score alike, the first in alphabetical order: the same answer whatever
        // order the candidates come in.
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}
