//! The typed syntax tree of one spec file. Every node carries the span of its words; names are still
//! plain text here and are resolved in `semantic::resolve`.

use super::span::{Span, Spanned};

/// A name written in the spec (a declaration's own name, or a reference to one).
pub type Name = Spanned<String>;
/// A quoted string, without its quotes, escapes already undone.
pub type Text = Spanned<String>;

/// One file of a spec.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct File {
    pub declarations: Vec<Declaration>,
}

#[derive(Debug, Clone, PartialEq)]
/// Large variants are boxed: a spec has one controller and few processors but many activities, and
/// every declaration is as big as the largest variant.
pub enum Declaration {
    Controller(Box<Controller>),
    Subjects(Subjects),
    Data(Data),
    Source(Source),
    Processor(Box<Processor>),
    Recipient(Box<Recipient>),
    Activity(Activity),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Controller {
    pub name: Name,
    pub label: Text,
    pub public_authority: Option<Span>,
    pub country: Option<Name>,
    pub address: Option<Text>,
    pub contact: Option<Text>,
    pub dpo: Option<Dpo>,
    pub waivers: Vec<Waiver>,
    pub span: Span,
}

/// `allow CODE "reason"`: turns one rule off for the declaration it stands in.
#[derive(Debug, Clone, PartialEq)]
pub struct Waiver {
    pub code: Name,
    /// Required; `None` only so that the compiler can say it is missing.
    pub reason: Option<Text>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Dpo {
    pub name: Option<Text>,
    pub email: Option<Text>,
    pub phone: Option<Text>,
    pub address: Option<Text>,
    pub web: Option<Text>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Subjects {
    pub name: Name,
    pub label: Text,
    pub kind: Name,
    pub aged: Option<Aged>,
    pub waivers: Vec<Waiver>,
    pub span: Span,
}

/// `aged 6 to 16`: the ages of a group of data subjects, in years, as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Aged {
    pub youngest: Spanned<String>,
    pub oldest: Spanned<String>,
    pub span: Span,
}

/// `data NAME "label" CLASS` where CLASS is a word (`ordinary`, `cpr`, ...) or `special(kind, ...)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Data {
    pub name: Name,
    pub label: Text,
    pub class: DataClass,
    pub limit: Option<Limit>,
    pub waivers: Vec<Waiver>,
    pub span: Span,
}

/// `limit 30 days ["why"]`: the longest any activity may keep a category.
#[derive(Debug, Clone, PartialEq)]
pub struct Limit {
    pub amount: Spanned<String>,
    pub unit: Name,
    pub reason: Option<Text>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum DataClass {
    Word(Name),
    Special { kinds: Vec<Name>, span: Span },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    pub name: Name,
    pub label: Text,
    pub kind: Name,
    pub waivers: Vec<Waiver>,
    pub span: Span,
}

/// A processor or a sub-processor: the same fields, and sub-processors nest to any depth.
#[derive(Debug, Clone, PartialEq)]
pub struct Processor {
    pub name: Name,
    pub label: Text,
    pub agreement: Option<Text>,
    pub authorised: Option<Text>,
    pub country: Option<Name>,
    pub transfer: Option<Transfer>,
    pub tia: Option<Text>,
    pub dpf_listed: Option<Text>,
    pub subprocessors: Vec<Processor>,
    pub waivers: Vec<Waiver>,
    pub span: Span,
}

/// `transfer dpf | scc`: the mechanisms relied on for a transfer out of the EU/EEA.
#[derive(Debug, Clone, PartialEq)]
pub struct Transfer {
    pub mechanisms: Vec<Name>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Recipient {
    pub name: Name,
    pub label: Text,
    pub kind: Name,
    pub country: Option<Name>,
    pub transfer: Option<Transfer>,
    pub tia: Option<Text>,
    pub dpf_listed: Option<Text>,
    pub waivers: Vec<Waiver>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Activity {
    pub name: Name,
    pub label: Text,
    pub statements: Vec<Statement>,
    pub span: Span,
}

/// One statement inside an activity.
#[derive(Debug, Clone, PartialEq)]
pub enum Statement {
    Purpose(Text),
    Subjects(Vec<Name>),
    Data(Vec<Name>),
    Sources(Vec<Name>),
    Basis(Vec<Citation>, Span),
    Retain(Box<Retain>),
    Via(Vec<Name>),
    Disclose(Box<Disclose>),
    Review(Vec<Name>),
    Cctv(Span),
    Exception(Box<Exception>),
    Dpia(Text),
    Since(Text),
    Justification(Text),
    Notified(Text),
    Security(Text),
    /// `area social`: the field of the municipality's work the activity belongs to.
    Area(Name),
    /// `withdrawal "..."`: how consent is withdrawn.
    Withdrawal(Text),
    /// `online_service`: an information society service offered directly to the data subjects.
    OnlineService(Span),
    /// `parental_consent "..."`: how consent from the holder of parental responsibility is obtained.
    ParentalConsent(Text),
    /// `compatibility "..."`: the art. 6(4) assessment for reusing data from another activity.
    Compatibility(Text),
    /// `logic "..."`: what is told about the logic of automated review.
    Logic(Text),
    /// `monitoring "..."`: the activity systematically monitors people.
    Monitoring(Text),
    /// `large_scale`: the activity processes data on a large scale.
    LargeScale(Span),
    Notice(Box<Notice>),
    ErasureRefused(Box<ErasureRefusal>),
    /// `preserve "..."`: the records must be preserved in the public archive.
    Preserve(Text),
    Allow(Waiver),
    /// A statement keyword the language does not know; reported by the resolver with a did-you-mean.
    Unknown(Name),
}

/// A legal citation as written. Acts and provisions are validated in `law`.
#[derive(Debug, Clone, PartialEq)]
pub enum Citation {
    /// `gdpr 6(1)(e)`: the act's keyword, the article or § number, and the parts in brackets.
    Act {
        act: Name,
        number: String,
        parts: Vec<String>,
        span: Span,
    },
    /// `law "Lov om social service § 11"`: a statute the tool does not model, cited in free text.
    Law(Text),
    /// `agreement "..."`: a collective agreement.
    Agreement(Text),
}

impl Citation {
    pub fn span(&self) -> Span {
        match self {
            Citation::Act { span, .. } => *span,
            Citation::Law(t) | Citation::Agreement(t) => t.span,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Retain {
    /// `None` for `retain all`.
    pub targets: Option<Vec<Name>>,
    pub retention: Retention,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Retention {
    /// `archive`: handed to the public archive under arkivloven, then deleted here.
    Archive(Span),
    /// `for 5 years [after "event"] [then archive]`.
    Deadline {
        amount: Spanned<String>,
        unit: Name,
        after: Option<Text>,
        then_archive: bool,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Disclose {
    pub data: Vec<Name>,
    pub recipient: Name,
    pub basis: Vec<Citation>,
    pub condition: Option<Text>,
    pub span: Span,
}

/// `notice "..."` (how the art. 14 information is given) or `notice exempt CITATIONS`.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    Practice(Text),
    Exempt { basis: Vec<Citation>, span: Span },
}

/// `erasure refused "reason" [under CITATIONS]`: requests for erasure are refused.
#[derive(Debug, Clone, PartialEq)]
pub struct ErasureRefusal {
    pub reason: Text,
    pub basis: Vec<Citation>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Exception {
    pub citation: Citation,
    pub reason: Option<Text>,
    pub span: Span,
}
