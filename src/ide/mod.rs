//! What an editor asks of a spec: where a name is declared and used, what a word means, what may be
//! written here, how to fix a finding. Editor-independent: places are byte offsets into the files of
//! a [`SourceMap`]; the language server (src/lsp/) turns them into the protocol's lines and columns.
//!
//! Two parts answer, each on its own: [`names`] knows the spec's own names (declarations, uses,
//! renaming, outline), [`law`] knows the language and the law (keywords, provisions, countries, rule
//! codes, quick fixes). The server asks both and joins their answers.

pub mod law;
pub mod names;

use std::sync::OnceLock;

use crate::diagnostic::Diagnostic;
use crate::i18n::Lang;
use crate::source::SourceMap;
use crate::syntax::span::{FileId, Span};
use crate::{Checked, check_sources};

/// One version of the workspace's spec, checked: what every request of the editor reads.
pub struct Analysis {
    pub sources: SourceMap,
    /// The language of messages, hovers and completions (the editor's, da or en).
    pub lang: Lang,
    /// The findings, or the spec errors that stopped the check.
    pub checked: Result<Checked, Vec<Diagnostic>>,
    /// Built on the first request that needs it: diagnostics are sent without it.
    names: OnceLock<names::NameIndex>,
}

impl Analysis {
    pub fn new(sources: SourceMap, lang: Lang) -> Analysis {
        let checked = check_sources(&sources, lang);
        Analysis {
            sources,
            lang,
            checked,
            names: OnceLock::new(),
        }
    }

    /// The findings of a spec that was understood, or its spec errors.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match &self.checked {
            Ok(checked) => &checked.findings,
            Err(errors) => errors,
        }
    }

    /// Every name declared and used in the files that parse.
    pub fn names(&self) -> &names::NameIndex {
        self.names
            .get_or_init(|| names::NameIndex::build(&self.sources))
    }
}

/// A place in the spec: a byte offset in one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub file: FileId,
    pub offset: usize,
}

/// What to show when the pointer rests on a word: Markdown, and the words it is about.
#[derive(Debug, Clone, PartialEq)]
pub struct Hover {
    pub markdown: String,
    pub span: Span,
}

/// What a declared name names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NameKind {
    Controller,
    Subjects,
    Data,
    Source,
    Processor,
    Recipient,
    JointController,
    Activity,
}

/// What a completion offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompletionKind {
    /// A statement or a word from a closed list (`purpose`, `ordinary`, `months`).
    Keyword,
    /// A declared name.
    Name(NameKind),
    /// A provision or one of its parts (`gdpr 9(2)(` → `a)`, `b)`, ...).
    Provision,
    Country,
    /// A rule's code (after `allow`).
    RuleCode,
}

/// One thing that may be written at the cursor.
#[derive(Debug, Clone, PartialEq)]
pub struct Completion {
    /// What the list shows, and what is written unless `insert` says otherwise.
    pub label: String,
    pub kind: CompletionKind,
    /// One line beside the label: a provision's title, a name's label.
    pub detail: Option<String>,
    /// Markdown shown for the selected item.
    pub documentation: Option<String>,
    /// The text written, when it differs from the label.
    pub insert: Option<String>,
    /// The words the completion replaces (the word being typed); `None`: written at the cursor.
    pub replace: Option<Span>,
}

/// Replace the words of `span` with `new_text` (an empty span inserts).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub new_text: String,
}

impl Edit {
    /// `text` with `edits` made, edits of one file that do not overlap, in any order: what an editor
    /// does with a fix or a rename (tests apply them so).
    pub fn apply_all(text: &str, edits: &[Edit]) -> String {
        let mut edits: Vec<&Edit> = edits.iter().collect();
        // From the end, so that each edit's offsets still hold when it is made.
        edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
        let mut out = text.to_string();
        for edit in edits {
            out.replace_range(
                edit.span.start as usize..edit.span.end as usize,
                &edit.new_text,
            );
        }
        out
    }
}

/// A quick fix: a help line that is mechanical, as edits.
#[derive(Debug, Clone, PartialEq)]
pub struct Fix {
    /// What the editor's menu shows ("Add `withdrawal`").
    pub title: String,
    pub edits: Vec<Edit>,
    /// The one fix to apply when the editor applies fixes without asking.
    pub preferred: bool,
}

/// A declaration in the outline, with what it holds (a processor's sub-processors).
#[derive(Debug, Clone, PartialEq)]
pub struct Symbol {
    pub name: String,
    /// The declaration's quoted label.
    pub label: String,
    pub kind: NameKind,
    /// The whole declaration.
    pub span: Span,
    /// The name in the declaration.
    pub name_span: Span,
    pub children: Vec<Symbol>,
}
