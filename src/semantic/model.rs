//! The resolved model of a spec: every name replaced by a typed index into the model, every word of
//! the vocabulary replaced by its enum, every citation validated. Rules and renderers read this.

use serde::Serialize;

use crate::law::citation::LegalRef;
use crate::law::countries::CountryRef;
use crate::law::vocabulary::{
    DataClass, Mechanism, RecipientKind, ReviewMode, SourceKind, SpecialKind, SubjectKind, TimeUnit,
};
use crate::syntax::ast::{Name, Text};
use crate::syntax::span::{Span, Spanned};

macro_rules! id_type {
    ($($(#[$meta:meta])* $name:ident),+ $(,)?) => {$(
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        pub struct $name(pub u32);
        impl $name {
            pub fn index(self) -> usize { self.0 as usize }
        }
    )+};
}

id_type! {
    /// Index into [`Model::subjects`].
    SubjectsId,
    /// Index into [`Model::data`].
    DataId,
    /// Index into [`Model::sources`].
    SourceId,
    /// Index into [`Model::processors`] (processors and sub-processors alike).
    ProcessorId,
    /// Index into [`Model::recipients`].
    RecipientId,
    /// Index into [`Model::activities`].
    ActivityId,
}

/// A use of a declared name: what it refers to, and where the reference was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ref<T> {
    pub id: T,
    pub span: Span,
}

/// The whole spec, resolved.
#[derive(Debug, Clone)]
pub struct Model {
    pub controller: Controller,
    pub subjects: Vec<SubjectGroup>,
    pub data: Vec<DataCategory>,
    pub sources: Vec<Source>,
    pub processors: Vec<Processor>,
    pub recipients: Vec<Recipient>,
    pub activities: Vec<Activity>,
}

impl Model {
    pub fn data(&self, id: DataId) -> &DataCategory {
        &self.data[id.index()]
    }
    pub fn processor(&self, id: ProcessorId) -> &Processor {
        &self.processors[id.index()]
    }
    pub fn recipient(&self, id: RecipientId) -> &Recipient {
        &self.recipients[id.index()]
    }
    pub fn source(&self, id: SourceId) -> &Source {
        &self.sources[id.index()]
    }
    pub fn subjects(&self, id: SubjectsId) -> &SubjectGroup {
        &self.subjects[id.index()]
    }
}

#[derive(Debug, Clone)]
pub struct Controller {
    pub name: Name,
    pub label: Text,
    pub public_authority: bool,
    pub country: CountryRef,
    pub address: Option<Text>,
    pub contact: Option<Text>,
    pub dpo: Option<Dpo>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Dpo {
    pub name: Option<Text>,
    pub email: Option<Text>,
    pub phone: Option<Text>,
    pub address: Option<Text>,
    pub web: Option<Text>,
    pub span: Span,
}

impl Dpo {
    /// Art. 37(7) asks for published contact details: any way to reach the DPO counts.
    pub fn has_contact_details(&self) -> bool {
        self.email.is_some() || self.phone.is_some() || self.address.is_some() || self.web.is_some()
    }
}

#[derive(Debug, Clone)]
pub struct SubjectGroup {
    pub name: Name,
    pub label: Text,
    pub kind: SubjectKind,
}

#[derive(Debug, Clone)]
pub struct DataCategory {
    pub name: Name,
    pub label: Text,
    pub class: DataClass,
    /// The art. 9(1) kinds, for `special(...)` data; empty otherwise.
    pub special: Vec<SpecialKind>,
    /// Where the class is written.
    pub class_span: Span,
}

impl DataCategory {
    pub fn is_special(&self) -> bool {
        self.class == DataClass::Special
    }
}

#[derive(Debug, Clone)]
pub struct Source {
    pub name: Name,
    pub label: Text,
    pub kind: SourceKind,
}

/// A processor or a sub-processor (then `parent` is the processor that engaged it).
#[derive(Debug, Clone)]
pub struct Processor {
    pub name: Name,
    pub label: Text,
    pub parent: Option<ProcessorId>,
    pub subprocessors: Vec<ProcessorId>,
    pub agreement: Option<Text>,
    pub authorised: Option<Text>,
    pub country: Option<Spanned<CountryRef>>,
    pub transfer: Option<TransferDecl>,
    pub tia: Option<Text>,
    pub span: Span,
}

/// The mechanisms declared for a transfer out of the EU/EEA.
#[derive(Debug, Clone)]
pub struct TransferDecl {
    pub mechanisms: Vec<Spanned<MechanismRef>>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MechanismRef {
    pub mechanism: Mechanism,
    /// The art. 49(1) letter of a derogation.
    pub derogation: Option<char>,
}

#[derive(Debug, Clone)]
pub struct Recipient {
    pub name: Name,
    pub label: Text,
    pub kind: RecipientKind,
    pub country: Option<Spanned<CountryRef>>,
    pub transfer: Option<TransferDecl>,
    pub tia: Option<Text>,
    pub span: Span,
}

/// Where an activity's data comes from: a declared source, or another activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Source(SourceId),
    Activity(ActivityId),
}

#[derive(Debug, Clone)]
pub struct Activity {
    pub name: Name,
    pub label: Text,
    pub span: Span,
    pub purposes: Vec<Text>,
    pub subjects: Vec<Ref<SubjectsId>>,
    pub data: Vec<Ref<DataId>>,
    pub sources: Vec<Ref<Origin>>,
    pub bases: Vec<LegalRef>,
    /// The `basis` statements, for labels.
    pub basis_spans: Vec<Span>,
    pub retention: Vec<RetentionRule>,
    pub processors: Vec<Ref<ProcessorId>>,
    pub disclosures: Vec<Disclosure>,
    pub review: Vec<Spanned<ReviewMode>>,
    pub cctv: Option<Span>,
    pub exceptions: Vec<ExceptionDecl>,
    pub dpia: Option<Text>,
    pub since: Option<Spanned<Date>>,
    pub justification: Option<Text>,
    pub notified: Option<Spanned<Date>>,
    pub security: Vec<Text>,
}

impl Activity {
    /// The retention rule that covers a category: a rule naming it, or else `retain all`.
    pub fn retention_of(&self, data: DataId) -> Option<&RetentionRule> {
        self.retention
            .iter()
            .find(|r| r.targets.iter().any(|t| t.id == data))
            .or_else(|| self.retention.iter().find(|r| r.all.is_some()))
    }

    /// Where the `basis` statements stand, or the activity's name when it has none.
    pub fn basis_span(&self) -> Span {
        match (self.basis_spans.first(), self.basis_spans.last()) {
            (Some(first), Some(last)) => first.to(*last),
            _ => self.name.span,
        }
    }
}

#[derive(Debug, Clone)]
pub struct RetentionRule {
    /// The categories named; empty for `retain all`.
    pub targets: Vec<Ref<DataId>>,
    /// `Some(span of "all")` for `retain all`.
    pub all: Option<Span>,
    pub period: Period,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Period {
    /// Handed to the public archive (arkivloven), then deleted here.
    Archive,
    /// A deletion deadline.
    Deadline {
        amount: u64,
        unit: TimeUnit,
        /// The event the period runs from ("end of the journal period"); from collection when `None`.
        after: Option<String>,
        then_archive: bool,
    },
}

impl Period {
    /// The deadline in days, when it runs from collection (an event-based deadline cannot be compared).
    pub fn days_from_collection(&self) -> Option<u64> {
        match self {
            Period::Deadline {
                amount,
                unit,
                after: None,
                ..
            } => Some(amount * unit.days()),
            _ => None,
        }
    }

    /// In words: `90 days`, `5 years after end of journal period`, `archived under arkivloven`.
    pub fn describe(&self) -> String {
        match self {
            Period::Archive => "archived under arkivloven, then deleted".to_string(),
            Period::Deadline {
                amount,
                unit,
                after,
                then_archive,
            } => {
                let mut s = format!("{amount} {}", unit.keyword());
                if let Some(event) = after {
                    s.push_str(&format!(" after {event}"));
                }
                if *then_archive {
                    s.push_str(", then archived");
                }
                s
            }
        }
    }
}

#[derive(Debug, Clone)]
pub struct Disclosure {
    pub data: Vec<Ref<DataId>>,
    pub recipient: Ref<RecipientId>,
    pub basis: Vec<LegalRef>,
    pub condition: Option<Text>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct ExceptionDecl {
    pub citation: LegalRef,
    pub reason: Option<Text>,
    pub span: Span,
}

/// A calendar date (validated).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}
