//! Name resolution and validation: AST of all files of a spec → [`Model`], or every error found.
//!
//! Errors are collected rather than stopping at the first, so a DPO fixes a spec in one round.

use arcstr::ArcStr;

use crate::spec_map::{SpecMap, SpecSet};

use super::listed::ListedData;
use super::model::*;
use super::names::Names;
use super::suggest::Suggestions;
use crate::diagnostic::{Diagnostic, SuggestedEdit, Suggestion, did_you_mean};
use crate::i18n::{Lang, Text as Words};
use crate::law::ActId;
use crate::law::cctv;
use crate::law::citation::{self, LegalRef};
use crate::law::countries::{CountryRef, both_places, parse_country, parse_organisation};
use crate::law::vocabulary::{
    Area, DataClass, Mechanism, RecipientKind, ReviewMode, SourceKind, SpecialKind, SubjectKind,
    TimeUnit,
};
use crate::syntax::STATEMENTS;
use crate::syntax::ast::{self, Quoted, Text, Word};
use crate::syntax::span::{FileId, Span, Spanned};
use crate::tr;

/// What kind of thing a name was declared as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Controller,
    Subjects(SubjectsId),
    Data(DataId),
    Source(SourceId),
    Processor(ProcessorId),
    Recipient(RecipientId),
    JointController(JointControllerId),
    Activity(ActivityId),
}

impl Kind {
    fn noun(self, lang: Lang) -> &'static str {
        match self {
            Kind::Controller => text::THE_CONTROLLER,
            Kind::Subjects(_) => text::A_SUBJECTS,
            Kind::Data(_) => text::A_DATA,
            Kind::Source(_) => text::A_SOURCE,
            Kind::Processor(_) => text::A_PROCESSOR,
            Kind::Recipient(_) => text::A_RECIPIENT,
            Kind::JointController(_) => text::A_JOINT_CONTROLLER,
            Kind::Activity(_) => text::AN_ACTIVITY,
        }
        .get(lang)
    }

    fn keyword(self) -> &'static str {
        match self {
            Kind::Controller => "controller",
            Kind::Subjects(_) => "subjects",
            Kind::Data(_) => "data",
            Kind::Source(_) => "source",
            Kind::Processor(_) => "processor",
            Kind::Recipient(_) => "recipient",
            Kind::JointController(_) => "joint controller",
            Kind::Activity(_) => "activity",
        }
    }
}

/// What a reference must name: the noun for messages, and an example declaration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Expected {
    Subjects,
    Data,
    Source,
    Processor,
    Recipient,
    JointController,
}

impl Expected {
    /// Whether a name declared as `kind` may stand where this is expected (the source of an
    /// activity may be another activity).
    fn accepts(self, kind: Kind) -> bool {
        matches!(
            (self, kind),
            (Expected::Subjects, Kind::Subjects(_))
                | (Expected::Data, Kind::Data(_))
                | (Expected::Source, Kind::Source(_) | Kind::Activity(_))
                | (Expected::Processor, Kind::Processor(_))
                | (Expected::Recipient, Kind::Recipient(_))
                | (Expected::JointController, Kind::JointController(_))
        )
    }

    /// With its article: `a data category`.
    fn noun(self, lang: Lang) -> &'static str {
        match self {
            Expected::Subjects => text::A_SUBJECTS,
            Expected::Data => text::A_DATA,
            Expected::Source => text::A_SOURCE,
            Expected::Processor => text::A_PROCESSOR,
            Expected::Recipient => text::A_RECIPIENT,
            Expected::JointController => text::A_JOINT_CONTROLLER,
        }
        .get(lang)
    }

    /// Without its article, after `no`: `no data category is declared`.
    fn bare(self, lang: Lang) -> &'static str {
        match self {
            Expected::Subjects => text::SUBJECTS,
            Expected::Data => text::DATA,
            Expected::Source => text::SOURCE,
            Expected::Processor => text::PROCESSOR,
            Expected::Recipient => text::RECIPIENT,
            Expected::JointController => text::JOINT_CONTROLLER,
        }
        .get(lang)
    }

    /// A declaration of `name` in the language, for a help line.
    fn example(self, name: &str) -> String {
        match self {
            Expected::Data => format!("data {name} \"...\" ordinary"),
            Expected::Subjects => format!("subjects {name} \"...\""),
            Expected::Source => format!("source {name} \"...\" register"),
            Expected::Processor => {
                format!("processor {name} \"...\" {{ agreement \"...\" country DK }}")
            }
            Expected::Recipient => format!("recipient {name} \"...\" authority"),
            Expected::JointController => {
                format!("joint controller {name} \"...\" {{ arrangement \"...\" answers \"...\" }}")
            }
        }
    }
}

/// A closed list of words, as messages name it: `` `x` is not a source kind ``, `unknown source kind`.
#[derive(Debug, Clone, Copy)]
struct Choice {
    not: Words,
    unknown: Words,
}

const SUBJECT_KIND: Choice = Choice {
    not: text::NOT_SUBJECT_KIND,
    unknown: text::UNKNOWN_SUBJECT_KIND,
};
const SOURCE_KIND: Choice = Choice {
    not: text::NOT_SOURCE_KIND,
    unknown: text::UNKNOWN_SOURCE_KIND,
};
const SPECIAL_KIND: Choice = Choice {
    not: text::NOT_SPECIAL_KIND,
    unknown: text::UNKNOWN_SPECIAL_KIND,
};
const RECIPIENT_KIND: Choice = Choice {
    not: text::NOT_RECIPIENT_KIND,
    unknown: text::UNKNOWN_RECIPIENT_KIND,
};
const MECHANISM: Choice = Choice {
    not: text::NOT_MECHANISM,
    unknown: text::UNKNOWN_MECHANISM,
};
const REVIEW_MODE: Choice = Choice {
    not: text::NOT_REVIEW_MODE,
    unknown: text::UNKNOWN_REVIEW_MODE,
};
const AREA: Choice = Choice {
    not: text::NOT_AREA,
    unknown: text::UNKNOWN_AREA,
};
const PLACE: Choice = Choice {
    not: text::NOT_CAMERA_PLACE,
    unknown: text::UNKNOWN_CAMERA_PLACE,
};
const USE_CLASS: Choice = Choice {
    not: text::NOT_USE_CLASS,
    unknown: text::UNKNOWN_USE_CLASS,
};
const EXCEPTION_GROUND: Choice = Choice {
    not: text::NOT_EXCEPTION_GROUND,
    unknown: text::UNKNOWN_EXCEPTION_GROUND,
};
const TIME_UNIT: Choice = Choice {
    not: text::NOT_TIME_UNIT,
    unknown: text::UNKNOWN_TIME_UNIT,
};

/// Resolves the files of one spec into a model.
/// Takes the syntax trees by value: each declaration is dropped as soon as its part of the model is
/// built, so a large spec never holds both in full.
/// Errors are worded in `lang`.
pub fn resolve(files: Vec<ast::File<'_>>, lang: Lang) -> Result<Model, Vec<Diagnostic>> {
    let mut r = Incremental::new(lang);
    for decl in files.iter().flat_map(|f| &f.declarations) {
        r.declare(decl);
    }
    for decl in files.iter().flat_map(|f| &f.declarations) {
        r.add(decl);
    }
    r.finish()
}

/// Resolves a spec one declaration at a time, so that a caller can parse a declaration, add it and
/// drop it before parsing the next (`semantic::stream`). First every declaration of every file is
/// declared, in order ([`declare`](Self::declare) or [`declare_name`](Self::declare_name)); then
/// each is added in the same order; [`finish`](Self::finish) gives the model or every error.
#[derive(Default)]
pub struct Incremental<'a> {
    r: Resolver<'a>,
    parts: Parts,
}

/// The model's lists as they fill up.
#[derive(Default)]
struct Parts {
    controllers: Vec<Controller>,
    subjects: Vec<SubjectGroup>,
    data: Vec<DataCategory>,
    sources: Vec<Source>,
    processors: Vec<Processor>,
    recipients: Vec<Recipient>,
    joint_controllers: Vec<JointController>,
    activities: Vec<Activity>,
    /// Where to point if the spec has no controller: its first declaration.
    first_declaration: Option<Span>,
    /// The lists are sized from the counts of the declarations (on the first `add`), so that they are
    /// allocated once instead of copied as they grow (an activity is over 500 bytes).
    reserved: bool,
}

impl<'a> Incremental<'a> {
    /// A resolver whose errors are worded in `lang`.
    pub fn new(lang: Lang) -> Self {
        Incremental {
            r: Resolver {
                lang,
                ..Resolver::default()
            },
            parts: Parts::default(),
        }
    }

    /// Makes room for the names of about `declarations` more declarations.
    pub fn reserve(&mut self, declarations: usize) {
        self.r.names.reserve_activities(declarations);
    }

    /// Declares the names a declaration introduces (a processor's sub-processors too).
    pub fn declare(&mut self, decl: &ast::Declaration<'a>) {
        match decl {
            ast::Declaration::Processor(p) => self.r.declare_processor(p),
            other => self.declare_name(declaration_keyword(other), declared_name(other)),
        }
    }

    /// Declares a name from its declaration's keyword (`activity`, `data`, ...; not `processor`,
    /// whose sub-processors are declared with it), before the declaration is parsed.
    pub fn declare_name(&mut self, keyword: &str, name: &Word<'a>) {
        let count = |n: &mut u32| {
            *n += 1;
            *n - 1
        };
        let c = &mut self.r.counts;
        let kind = match keyword {
            "controller" => Kind::Controller,
            "subjects" => Kind::Subjects(SubjectsId(count(&mut c.subjects))),
            "data" => Kind::Data(DataId(count(&mut c.data))),
            "source" => Kind::Source(SourceId(count(&mut c.sources))),
            "recipient" => Kind::Recipient(RecipientId(count(&mut c.recipients))),
            "joint" => Kind::JointController(JointControllerId(count(&mut c.joint_controllers))),
            "activity" => Kind::Activity(ActivityId(count(&mut c.activities))),
            other => unreachable!("not a one-name declaration: {other}"),
        };
        self.r.declare(name, kind);
    }

    /// Adds a declaration to the model; every declaration must have been declared first.
    pub fn add(&mut self, decl: &ast::Declaration<'a>) {
        let r = &mut self.r;
        let parts = &mut self.parts;
        if !parts.reserved {
            parts.reserved = true;
            let c = &r.counts;
            parts.subjects.reserve(c.subjects as usize);
            parts.data.reserve(c.data as usize);
            parts.sources.reserve(c.sources as usize);
            parts.recipients.reserve(c.recipients as usize);
            parts.activities.reserve(c.activities as usize);
            parts.processors.reserve(r.processor_count as usize);
        }
        parts
            .first_declaration
            .get_or_insert(declared_name(decl).span);
        match decl {
            ast::Declaration::Controller(c) => parts.controllers.push(r.controller(c)),
            ast::Declaration::Subjects(s) => {
                let kind = r.keyword(
                    &s.kind,
                    SUBJECT_KIND,
                    SubjectKind::from_keyword,
                    SubjectKind::KEYWORDS,
                );
                let ages = s.aged.as_ref().and_then(|a| r.ages(a));
                r.waivers(&s.waivers, s.span);
                parts.subjects.push(SubjectGroup {
                    name: s.name.to_name(),
                    label: s.label.to_text(),
                    kind: kind.unwrap_or(SubjectKind::Other),
                    ages,
                    span: s.span,
                });
            }
            ast::Declaration::Data(d) => parts.data.push(r.data(d)),
            ast::Declaration::Source(s) => {
                let kind = r.keyword::<SourceKind>(
                    &s.kind,
                    SOURCE_KIND,
                    SourceKind::from_keyword,
                    SourceKind::KEYWORDS,
                );
                r.waivers(&s.waivers, s.span);
                let notice = s.notice.as_ref().map(|n| r.notice(n));
                parts.sources.push(Source {
                    name: s.name.to_name(),
                    label: s.label.to_text(),
                    kind: kind.unwrap_or(SourceKind::DataSubject),
                    notice,
                    unnamed: s.unnamed,
                    span: s.span,
                });
            }
            ast::Declaration::Processor(p) => r.processor(p, None, &mut parts.processors),
            ast::Declaration::Recipient(rc) => parts.recipients.push(r.recipient(rc)),
            ast::Declaration::JointController(j) => {
                parts.joint_controllers.push(r.joint_controller(j))
            }
            ast::Declaration::Activity(a) => parts.activities.push(r.activity(a)),
        }
    }

    /// The model, or every error found.
    pub fn finish(self) -> Result<Model, Vec<Diagnostic>> {
        let Incremental { mut r, parts } = self;
        r.count_unreported_uses();
        let model = r.build(parts);
        if r.errors.is_empty() {
            Ok(model.expect("a model is built whenever there are no errors"))
        } else {
            Err(r.errors)
        }
    }
}

#[derive(Default)]
struct Resolver<'a> {
    /// Every declared name, borrowed from the text.
    names: Names<'a, (Kind, Span)>,
    errors: Vec<Diagnostic>,
    processor_count: u32,
    waivers: Vec<Waiver>,
    counts: Counts,
    /// The language errors are worded in.
    lang: Lang,
    /// The statements of the activity being resolved that may appear once, and where (kept from
    /// one activity to the next so that it is allocated once).
    singles: Vec<(&'static str, Span)>,
    /// The data the activity being resolved lists, for its `retain` and `disclose` statements.
    listed: ListedData<'a>,
    /// Every act citation validated so far, by act, number and parts as written.
    valid_citations: SpecMap<(&'a str, &'a str, ast::Parts<'a>), LegalRef>,
    /// The same for the short citations nearly every spec writes (`gdpr 6(1)(e)`), by
    /// [`packed_citation`]: one number to hash and compare instead of three words.
    short_citations: SpecMap<u128, LegalRef>,
    /// The declared names of each kind, for did-you-mean and the help of a name of the wrong kind.
    suggestions: Suggestions<'a, Expected>,
    /// By unknown name: how often it is used.
    unknown_uses: SpecMap<Box<str>, UnknownUses>,
    /// Every text of the statements read so far (see [`Resolver::shared_text`]).
    texts: SpecSet<ArcStr>,
}

/// Uses of one unknown name that get an error of their own; further uses are counted in a note on
/// the first. A directory checked without its common file names the same few hundred categories
/// and groups a million times: a million errors (1.3 GiB) that say nothing the first ten do not.
const REPORTED_USES: u32 = 10;

/// The uses of an unknown name.
struct UnknownUses {
    /// The error of the first use (an index into the errors).
    first: usize,
    reported: u32,
    more: u32,
}

/// How long an activity's lists will be, counted from its statements.
#[derive(Default)]
struct ListSizes {
    purposes: usize,
    subjects: usize,
    data: usize,
    sources: usize,
    bases: usize,
    basis_spans: usize,
    retention: usize,
    processors: usize,
    disclosures: usize,
    security: usize,
}

/// How many declarations of each kind are declared so far: the next one's id.
#[derive(Default)]
struct Counts {
    subjects: u32,
    data: u32,
    sources: u32,
    recipients: u32,
    joint_controllers: u32,
    activities: u32,
}

impl<'a> Resolver<'a> {
    fn error(&mut self, d: Diagnostic) {
        self.errors.push(d);
    }

    fn declare(&mut self, name: &Word<'a>, kind: Kind) {
        let lang = self.lang;
        if let Some((previous_kind, previous_span)) = self.names.get(name.node) {
            let what = if previous_kind.keyword() == kind.keyword() {
                tr!(lang, text::DECLARED_TWICE, name = name.node)
            } else {
                tr!(
                    lang,
                    text::DECLARED_TWICE_AS,
                    name = name.node,
                    first = previous_kind.noun(lang),
                    second = kind.noun(lang)
                )
            };
            let d = Diagnostic::spec_error_at(
                "duplicate-name",
                what,
                name.span,
                tr!(lang, text::DECLARED_AGAIN),
            )
            .with_secondary(previous_span, tr!(lang, text::FIRST_DECLARED))
            .with_help(tr!(lang, text::UNIQUE_NAMES));
            self.error(d);
            return;
        }
        let activity = matches!(kind, Kind::Activity(_));
        self.names.insert(name.node, activity, (kind, name.span));
        self.suggestions.forget();
    }

    /// Processors are numbered depth-first, parent before its sub-processors, as `build` visits them.
    fn declare_processor(&mut self, p: &ast::Processor<'a>) {
        self.declare(&p.name, Kind::Processor(ProcessorId(self.processor_count)));
        self.processor_count += 1;
        for sub in &p.subprocessors {
            self.declare_processor(sub);
        }
    }

    /// The model from its parts, once every declaration is added; `None` when it cannot be built.
    fn build(&mut self, parts: Parts) -> Option<Model> {
        let Parts {
            mut controllers,
            subjects,
            data,
            sources,
            processors,
            recipients,
            joint_controllers,
            activities,
            first_declaration,
            reserved: _,
        } = parts;
        let first_declaration = first_declaration.unwrap_or(Span::new(FileId(0), 0, 0));
        let lang = self.lang;
        let controller = match controllers.len() {
            0 => {
                // Point at the first declaration, so the reader sees which spec this is about.
                let first = first_declaration;
                self.error(
                    Diagnostic::spec_error_at(
                        "missing-controller",
                        tr!(lang, text::NO_CONTROLLER),
                        first,
                        tr!(lang, text::NO_CONTROLLER_LABEL),
                    )
                    .with_help(tr!(lang, text::NO_CONTROLLER_HELP)),
                );
                None
            }
            1 => controllers.pop(),
            _ => {
                let first = &controllers[0].name;
                for extra in &controllers[1..] {
                    let d = Diagnostic::spec_error_at(
                        "duplicate-controller",
                        tr!(lang, text::SECOND_CONTROLLER, name = extra.name.node),
                        extra.name.span,
                        tr!(lang, text::SECOND_CONTROLLER_LABEL),
                    )
                    .with_secondary(
                        first.span,
                        tr!(lang, text::IS_THE_CONTROLLER, name = first.node),
                    )
                    .with_help(tr!(
                        lang,
                        text::SECOND_CONTROLLER_HELP,
                        name = extra.name.node
                    ));
                    self.error(d);
                }
                None
            }
        }?;
        Some(Model {
            controller,
            subjects,
            data,
            sources,
            processors,
            recipients,
            joint_controllers,
            activities,
            waivers: std::mem::take(&mut self.waivers),
        })
    }

    /// Keeps the waivers of a declaration; one without a reason is an error, since a report must say
    /// why a rule was turned off.
    fn waivers(&mut self, list: &[ast::Waiver<'_>], scope: Span) {
        let lang = self.lang;
        for w in list {
            match &w.reason {
                Some(reason) if !reason.node.trim().is_empty() => self.waivers.push(Waiver {
                    code: w.code.to_name(),
                    reason: reason.to_text(),
                    scope,
                    span: w.span,
                }),
                _ => self.error(
                    Diagnostic::spec_error_at(
                        "waiver-without-reason",
                        tr!(lang, text::WAIVER_NO_REASON, code = w.code.node),
                        w.span,
                        tr!(lang, text::WAIVER_NO_REASON_LABEL),
                    )
                    .with_help(tr!(
                        lang,
                        text::WAIVER_NO_REASON_HELP,
                        code = w.code.node
                    )),
                ),
            }
        }
    }

    /// `aged 6 to 16`: whole years, youngest first.
    fn ages(&mut self, a: &ast::Aged<'_>) -> Option<Spanned<AgeRange>> {
        let youngest = a.youngest.node.parse::<u32>().ok();
        let oldest = a.oldest.node.parse::<u32>().ok();
        match (youngest, oldest) {
            (Some(youngest), Some(oldest)) if youngest <= oldest && oldest <= 150 => {
                Some(Spanned::new(AgeRange { youngest, oldest }, a.span))
            }
            _ => {
                let lang = self.lang;
                self.error(
                    Diagnostic::spec_error_at(
                        "invalid-value",
                        tr!(
                            lang,
                            text::NOT_AGES,
                            youngest = a.youngest.node,
                            oldest = a.oldest.node
                        ),
                        a.span,
                        tr!(lang, text::NOT_AGES_LABEL),
                    )
                    .with_help(tr!(lang, text::NOT_AGES_HELP)),
                );
                None
            }
        }
    }

    fn controller(&mut self, c: &ast::Controller<'a>) -> Controller {
        self.waivers(&c.waivers, c.span);
        let country = match &c.country {
            Some(name) => self
                .country(name)
                .map(|c| c.node)
                .unwrap_or(CountryRef::Unknown),
            // A spec checked against Danish law describes a Danish controller unless it says otherwise.
            None => CountryRef::Code("DK".to_string()),
        };
        Controller {
            name: c.name.to_name(),
            label: c.label.to_text(),
            public_authority: c.public_authority.is_some(),
            country,
            address: c.address.as_ref().map(Quoted::to_text),
            contact: c.contact.as_ref().map(Quoted::to_text),
            dpo: c.dpo.as_ref().map(|d| Dpo {
                name: d.name.as_ref().map(Quoted::to_text),
                email: d.email.as_ref().map(Quoted::to_text),
                phone: d.phone.as_ref().map(Quoted::to_text),
                address: d.address.as_ref().map(Quoted::to_text),
                web: d.web.as_ref().map(Quoted::to_text),
                span: d.span,
            }),
            document: c.document.as_ref().map(|d| Document {
                title: d.title.to_text(),
                version: d.version.as_ref().map(Quoted::to_text),
                date: d.date.as_ref().and_then(|date| self.date(date)),
                web: d.web.as_ref().map(Quoted::to_text),
                privacy_notice: d.privacy_notice,
                span: d.span,
            }),
            notice: c.notice.as_ref().map(|n| self.notice(n)),
            supervision: c.supervision.as_ref().and_then(|s| {
                let amount = self.period_amount(&s.amount, &s.unit, PeriodOf::Supervision);
                let unit = self.time_unit(&s.unit);
                Some(SupervisionPeriod {
                    amount: amount?,
                    unit: unit?,
                    span: s.span,
                })
            }),
            safeguards_copy: c.safeguards_copy.as_ref().map(Quoted::to_text),
            span: c.span,
        }
    }

    /// A text of a statement, sharing one copy with every equal text read before it. Activities
    /// repeat their purposes, notices, DPIAs and retention events (the 10k synthetic spec: 24
    /// distinct purposes, one notice), and a copy each was a tenth of the model's allocations.
    /// Labels, nearly all distinct, are copied ([`Quoted::to_text`]).
    fn shared_text(&mut self, t: &Quoted<'_>) -> Text {
        Spanned::new(self.shared(&t.node), t.span)
    }

    /// The one copy of `words` (see [`Resolver::shared_text`]).
    fn shared(&mut self, words: &str) -> ArcStr {
        if let Some(known) = self.texts.get(words) {
            return known.clone();
        }
        let text = ArcStr::from(words);
        self.texts.insert(text.clone());
        text
    }

    /// `notice "..."` or `notice exempt CITATIONS`, in an activity or in the controller.
    fn notice(&mut self, n: &ast::Notice<'a>) -> NoticeDecl {
        match n {
            ast::Notice::Practice(t) => NoticeDecl::Practice(self.shared_text(t)),
            ast::Notice::Exempt { basis, span } => NoticeDecl::Exempt {
                basis: self.citations(basis),
                span: *span,
            },
        }
    }

    fn data(&mut self, d: &ast::Data<'_>) -> DataCategory {
        let lang = self.lang;
        let (class, special, class_span) = match &d.class {
            ast::DataClass::Word(word) => {
                if word.node == "special" {
                    self.error(
                        Diagnostic::spec_error_at(
                            "invalid-value",
                            tr!(lang, text::SPECIAL_WITHOUT_KIND),
                            word.span,
                            tr!(lang, text::SPECIAL_WITHOUT_KIND_LABEL),
                        )
                        .with_help(tr!(
                            lang,
                            text::SPECIAL_WITHOUT_KIND_HELP,
                            kinds = SpecialKind::KEYWORDS.join(", ")
                        )),
                    );
                    (DataClass::Special, vec![SpecialKind::Any], word.span)
                } else {
                    let choices: Vec<&str> = DataClass::KEYWORDS
                        .iter()
                        .copied()
                        .filter(|k| *k != "special")
                        .collect();
                    let class = DataClass::from_keyword(word.node);
                    if class.is_none() {
                        let classes = choices
                            .iter()
                            .map(|c| format!("`{c}`"))
                            .collect::<Vec<_>>()
                            .join(", ");
                        let close = did_you_mean(word.node, choices.iter().copied());
                        let help = match close {
                            Some(s) => tr!(
                                lang,
                                text::DATA_CLASSES_DID_YOU_MEAN,
                                class = s,
                                classes = classes
                            ),
                            None => tr!(lang, text::DATA_CLASSES, classes = classes),
                        };
                        self.error(
                            Diagnostic::spec_error_at(
                                "invalid-value",
                                tr!(lang, text::NOT_DATA_CLASS, word = word.node),
                                word.span,
                                tr!(lang, text::NOT_DATA_CLASS_LABEL),
                            )
                            .with_help(help)
                            .with_suggestions(close.map(|s| replace_with(lang, word.span, s))),
                        );
                    }
                    (class.unwrap_or(DataClass::Ordinary), Vec::new(), word.span)
                }
            }
            ast::DataClass::Special { kinds, span } => {
                let kinds = kinds
                    .iter()
                    .filter_map(|k| {
                        self.keyword(
                            k,
                            SPECIAL_KIND,
                            SpecialKind::from_keyword,
                            SpecialKind::KEYWORDS,
                        )
                    })
                    .collect();
                (DataClass::Special, kinds, *span)
            }
        };
        self.waivers(&d.waivers, d.span);
        let limit = d.limit.as_ref().and_then(|l| {
            let amount = self.period_amount(&l.amount, &l.unit, PeriodOf::Limit);
            let unit = self.time_unit(&l.unit);
            Some(RetentionLimit {
                amount: amount?,
                unit: unit?,
                reason: l.reason.as_ref().map(Quoted::to_text),
                span: l.span,
            })
        });
        DataCategory {
            name: d.name.to_name(),
            label: d.label.to_text(),
            class,
            special,
            class_span,
            limit,
            span: d.span,
        }
    }

    fn processor(
        &mut self,
        p: &ast::Processor<'_>,
        parent: Option<ProcessorId>,
        out: &mut Vec<Processor>,
    ) {
        let id = ProcessorId(out.len() as u32);
        let country = self.place(p.country.as_ref(), p.organisation.as_ref());
        let transfer = p.transfer.as_ref().map(|t| self.transfer(t));
        self.waivers(&p.waivers, p.span);
        out.push(Processor {
            name: p.name.to_name(),
            label: p.label.to_text(),
            parent,
            subprocessors: Vec::new(),
            agreement: p.agreement.as_ref().map(Quoted::to_text),
            authorised: p.authorised.as_ref().map(Quoted::to_text),
            country,
            transfer,
            tia: p.tia.as_ref().map(Quoted::to_text),
            dpf_listed: p.dpf_listed.as_ref().map(Quoted::to_text),
            supervised: p.supervised.as_ref().and_then(|s| {
                Some(Supervised {
                    date: self.date(&s.date)?,
                    form: s.form.to_text(),
                    span: s.span,
                })
            }),
            span: p.span,
        });
        for sub in &p.subprocessors {
            let sub_id = ProcessorId(out.len() as u32);
            out[id.index()].subprocessors.push(sub_id);
            self.processor(sub, Some(id), out);
        }
    }

    fn recipient(&mut self, rc: &ast::Recipient<'_>) -> Recipient {
        let kind = self.keyword(
            &rc.kind,
            RECIPIENT_KIND,
            RecipientKind::from_keyword,
            RecipientKind::KEYWORDS,
        );
        self.waivers(&rc.waivers, rc.span);
        Recipient {
            name: rc.name.to_name(),
            label: rc.label.to_text(),
            kind: kind.unwrap_or(RecipientKind::Authority),
            country: self.place(rc.country.as_ref(), rc.organisation.as_ref()),
            transfer: rc.transfer.as_ref().map(|t| self.transfer(t)),
            tia: rc.tia.as_ref().map(Quoted::to_text),
            dpf_listed: rc.dpf_listed.as_ref().map(Quoted::to_text),
            span: rc.span,
        }
    }

    fn joint_controller(&mut self, j: &ast::JointController<'_>) -> JointController {
        self.waivers(&j.waivers, j.span);
        JointController {
            name: j.name.to_name(),
            label: j.label.to_text(),
            country: j.country.as_ref().and_then(|c| self.country(c)),
            address: j.address.as_ref().map(Quoted::to_text),
            contact: j.contact.as_ref().map(Quoted::to_text),
            arrangement: j.arrangement.as_ref().map(Quoted::to_text),
            answers: j.answers.as_ref().map(Quoted::to_text),
            essence: j.essence.as_ref().map(Quoted::to_text),
            span: j.span,
        }
    }

    fn country(&mut self, name: &Word<'_>) -> Option<Spanned<CountryRef>> {
        match parse_country(name, self.lang) {
            Ok(c) => Some(Spanned::new(c, name.span)),
            Err(d) => {
                self.error(d);
                None
            }
        }
    }

    /// Where a processor or recipient is: its `country`, or the `international organisation` it is
    /// (which wins, with an error, when both are written).
    fn place(
        &mut self,
        country: Option<&Word<'_>>,
        organisation: Option<&Word<'_>>,
    ) -> Option<Spanned<CountryRef>> {
        let Some(organisation) = organisation else {
            return country.and_then(|c| self.country(c));
        };
        if let Some(country) = country {
            self.error(both_places(country, organisation, self.lang));
        }
        match parse_organisation(organisation, self.lang) {
            Ok(o) => Some(Spanned::new(o, organisation.span)),
            Err(d) => {
                self.error(d);
                None
            }
        }
    }

    fn transfer(&mut self, t: &ast::Transfer<'_>) -> TransferDecl {
        let lang = self.lang;
        let mut mechanisms = Vec::new();
        for m in &t.mechanisms {
            let (word, letter) = match m.node.split_once('(') {
                Some((w, rest)) => (w, Some(rest.trim_end_matches(')'))),
                None => (m.node, None),
            };
            let word_name = Spanned::new(word, m.span);
            let Some(mechanism) = self.keyword(
                &word_name,
                MECHANISM,
                Mechanism::from_keyword,
                Mechanism::KEYWORDS,
            ) else {
                continue;
            };
            let derogation = match (mechanism, letter) {
                (Mechanism::Derogation, Some(l))
                    if l.len() == 1 && ('a'..='g').contains(&l.chars().next().unwrap()) =>
                {
                    l.chars().next()
                }
                (Mechanism::Derogation, _) => {
                    self.error(
                        Diagnostic::spec_error_at(
                            "invalid-value",
                            tr!(lang, text::DEROGATION_WITHOUT_POINT),
                            m.span,
                            tr!(lang, text::DEROGATION_WITHOUT_POINT_LABEL),
                        )
                        .with_help(tr!(lang, text::DEROGATION_WITHOUT_POINT_HELP)),
                    );
                    continue;
                }
                (_, Some(_)) => {
                    self.error(Diagnostic::spec_error_at(
                        "invalid-value",
                        tr!(lang, text::NO_LETTER, word = word),
                        m.span,
                        tr!(lang, text::NO_LETTER_LABEL),
                    ));
                    continue;
                }
                (_, None) => None,
            };
            mechanisms.push(Spanned::new(
                MechanismRef {
                    mechanism,
                    derogation,
                },
                m.span,
            ));
        }
        TransferDecl {
            mechanisms,
            span: t.span,
        }
    }

    /// Reads a word from a closed list, with a did-you-mean when it is not on it.
    fn keyword<T>(
        &mut self,
        word: &Word<'_>,
        what: Choice,
        parse: impl Fn(&str) -> Option<T>,
        choices: &[&str],
    ) -> Option<T> {
        if let Some(v) = parse(word.node) {
            return Some(v);
        }
        let lang = self.lang;
        let values = choices.join(", ");
        let close = did_you_mean(word.node, choices.iter().copied());
        let help = match close {
            Some(s) => tr!(lang, text::VALUES_DID_YOU_MEAN, word = s, values = values),
            None => tr!(lang, text::VALUES, values = values),
        };
        self.error(
            Diagnostic::spec_error_at(
                "invalid-value",
                tr!(lang, what.not, word = word.node),
                word.span,
                tr!(lang, what.unknown),
            )
            .with_help(help)
            .with_suggestions(close.map(|s| replace_with(lang, word.span, s))),
        );
        None
    }

    /// `cctv tvol 2d`: the ground, if it is a citation of tv-overvågningsloven that the data knows as
    /// a ground for TV surveillance (`src/law/data/tvol.toml`, `[[cctv.ground]]`).
    fn cctv_ground(
        &mut self,
        written: &ast::Citation<'_>,
    ) -> Option<Spanned<&'static cctv::SurveillanceGround>> {
        let citation = citation::validate(written, self.lang)
            .map_err(|d| self.error(d))
            .ok()?;
        let known = match &citation {
            LegalRef::Provision {
                act: ActId::Tvol,
                number,
                ..
            } => cctv::cctv().ground(number),
            _ => None,
        };
        if let Some(ground) = known {
            return Some(Spanned::new(ground, citation.span()));
        }
        let lang = self.lang;
        self.error(
            Diagnostic::spec_error_at(
                "invalid-value",
                tr!(lang, text::NOT_CCTV_GROUND),
                citation.span(),
                tr!(lang, text::NOT_CCTV_GROUND_LABEL),
            )
            .with_help(tr!(
                lang,
                text::CCTV_GROUNDS,
                grounds = cctv::cctv().ground_citations()
            )),
        );
        None
    }

    /// `for WORD` after an exception: a ground of tv-overvågningsloven § 4 c, stk. 5, and only after
    /// `exception tvol 4c(5)`.
    fn exception_ground(
        &mut self,
        written: &ast::ExceptionFor<'_>,
        citation: &LegalRef,
    ) -> Option<Spanned<&'static cctv::ExceptionGround>> {
        let lang = self.lang;
        if !citation.is(ActId::Tvol, "4c", Some(5), None) {
            self.error(
                Diagnostic::spec_error_at(
                    "invalid-value",
                    tr!(lang, text::EXCEPTION_FOR_NOT_4C5),
                    written.word.span,
                    tr!(lang, text::EXCEPTION_FOR_NOT_4C5_LABEL),
                )
                .with_help(tr!(lang, text::EXCEPTION_FOR_NOT_4C5_HELP)),
            );
            return None;
        }
        let words = cctv::cctv().exception_words();
        let ground = self.keyword(
            &written.word,
            EXCEPTION_GROUND,
            cctv::exception_ground,
            &words,
        )?;
        Some(Spanned::new(ground, written.word.span))
    }

    /// Looks up a reference that must be of one kind. `expect` picks the id out of the right kind.
    #[inline]
    fn lookup<T>(
        &mut self,
        name: &Word<'_>,
        expected: Expected,
        expect: impl Fn(Kind) -> Option<T>,
    ) -> Option<Ref<T>> {
        let found = self.names.get(name.node);
        if let Some(id) = found.and_then(|(kind, _)| expect(kind)) {
            return Some(Ref {
                id,
                span: name.span,
            });
        }
        debug_assert!(found.is_none_or(|(kind, _)| !expected.accepts(kind)));
        self.not_found(name, found, expected);
        None
    }

    /// Reports a reference [`lookup`](Self::lookup) did not resolve: declared as something else, or
    /// not at all. Kept apart so that the look-up itself stays small.
    #[cold]
    #[inline(never)]
    fn not_found(&mut self, name: &Word<'_>, found: Option<(Kind, Span)>, expected: Expected) {
        let lang = self.lang;
        let noun = expected.noun(lang);
        let names = &self.names;
        let of_kind = || {
            names
                .iter()
                .filter(move |(_, (k, _))| expected.accepts(*k))
                .map(|(n, _)| n)
        };
        match found {
            Some((kind, declared)) => {
                let right = &self.suggestions.group(expected, of_kind).sorted;
                let help = match right.len() {
                    0 => tr!(
                        lang,
                        text::NAME_ONE_NONE_YET,
                        noun = noun,
                        example = expected.example("...")
                    ),
                    1..=8 => tr!(
                        lang,
                        text::NAME_ONE_OF,
                        noun = noun,
                        names = right
                            .iter()
                            .map(|n| format!("`{n}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                    n => tr!(lang, text::NAME_ONE_OF_MANY, noun = noun, n = n),
                };
                // Data shared with a joint controller is not disclosed to it: say what to write.
                let help = match (kind, expected) {
                    (Kind::JointController(_), Expected::Recipient) => {
                        tr!(lang, text::JOINT_NOT_RECIPIENT, name = name.node)
                    }
                    _ => help,
                };
                let d = Diagnostic::spec_error_at(
                    "wrong-kind",
                    tr!(
                        lang,
                        text::WRONG_KIND,
                        name = name.node,
                        kind = kind.noun(lang),
                        noun = noun
                    ),
                    name.span,
                    tr!(lang, text::EXPECTED_HERE, noun = noun),
                )
                .with_secondary(
                    declared,
                    tr!(
                        lang,
                        text::DECLARED_AS,
                        name = name.node,
                        kind = kind.noun(lang)
                    ),
                )
                .with_help(help);
                self.error(d);
            }
            None => {
                if let Some(uses) = self.unknown_uses.get_mut(name.node) {
                    if uses.reported == REPORTED_USES {
                        uses.more += 1;
                        return;
                    }
                    uses.reported += 1;
                } else {
                    let first = self.errors.len();
                    let uses = UnknownUses {
                        first,
                        reported: 1,
                        more: 0,
                    };
                    self.unknown_uses.insert(name.node.into(), uses);
                }
                let suggestion =
                    self.suggestions
                        .suggest(expected, name.node, names.len(), of_kind);
                let mut d = Diagnostic::spec_error_at(
                    "unknown-name",
                    tr!(lang, text::UNKNOWN_NAME, name = name.node),
                    name.span,
                    tr!(lang, text::NONE_WITH_THIS_NAME, noun = expected.bare(lang)),
                );
                d = d.with_help(match suggestion {
                    Some(s) => tr!(lang, text::DID_YOU_MEAN, name = s),
                    None => tr!(
                        lang,
                        text::DECLARE_IT,
                        example = expected.example(name.node)
                    ),
                });
                if let Some(s) = suggestion {
                    d = d.with_suggestion(replace_with(lang, name.span, s));
                }
                self.error(d);
            }
        }
    }

    /// Notes on the first error of each unknown name how many more uses got no error of their own.
    fn count_unreported_uses(&mut self) {
        let lang = self.lang;
        for (name, uses) in &self.unknown_uses {
            if uses.more > 0 {
                self.errors[uses.first].note = Some(tr!(
                    lang,
                    text::MORE_UNKNOWN_USES,
                    name = name,
                    total = REPORTED_USES + uses.more,
                    shown = REPORTED_USES
                ));
            }
        }
    }

    fn data_ref(&mut self, name: &Word<'_>) -> Option<Ref<DataId>> {
        self.lookup(name, Expected::Data, |k| match k {
            Kind::Data(id) => Some(id),
            _ => None,
        })
    }

    fn citations(&mut self, list: &[ast::Citation<'a>]) -> Vec<LegalRef> {
        let mut out = Vec::with_capacity(list.len());
        self.citations_into(list, &mut out);
        out
    }

    /// Validates the citations of `list` onto the end of `out`.
    fn citations_into(&mut self, list: &[ast::Citation<'a>], out: &mut Vec<LegalRef>) {
        for c in list {
            if let Some(r) = self.citation(c) {
                out.push(r);
            }
        }
    }

    /// A citation validated, or `None` when it is not valid (reported). The same provisions are
    /// cited in activity after activity, so an act's citation is validated once per spelling.
    fn citation(&mut self, c: &ast::Citation<'a>) -> Option<LegalRef> {
        let lang = self.lang;
        let (act, number, parts) = match c {
            ast::Citation::Act {
                act, number, parts, ..
            } => (act, number, parts),
            // Free text is not checked (`citation::validate`); the statutes cited in activity after
            // activity share one copy of their text.
            ast::Citation::Law(text) => {
                return Some(LegalRef::Law {
                    text: self.shared(&text.node),
                    span: text.span,
                });
            }
            ast::Citation::Agreement(text) => {
                return Some(LegalRef::Agreement {
                    text: self.shared(&text.node),
                    span: text.span,
                });
            }
        };
        if let Some(key) = packed_citation(act.node, number, parts) {
            if let Some(known) = self.short_citations.get(&key) {
                return Some(known.clone().at(c.span()));
            }
            let r = citation::validate(c, lang)
                .map_err(|d| self.error(d))
                .ok()?;
            self.short_citations.insert(key, r.clone());
            return Some(r);
        }
        let key = (act.node, *number, *parts);
        if let Some(known) = self.valid_citations.get(&key) {
            return Some(known.clone().at(c.span()));
        }
        let r = citation::validate(c, lang)
            .map_err(|d| self.error(d))
            .ok()?;
        self.valid_citations.insert(key, r.clone());
        Some(r)
    }

    fn date(&mut self, text: &Word<'_>) -> Option<Spanned<Date>> {
        let parts: Vec<u32> = text
            .node
            .split('-')
            .filter_map(|p| p.parse().ok())
            .collect();
        if let [year, month, day] = parts[..] {
            let days_in_month = match month {
                1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
                4 | 6 | 9 | 11 => 30,
                2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
                2 => 28,
                _ => 0,
            };
            if (1..=days_in_month).contains(&day) {
                return Some(Spanned::new(
                    Date {
                        year: year as u16,
                        month: month as u8,
                        day: day as u8,
                    },
                    text.span,
                ));
            }
        }
        let lang = self.lang;
        self.error(
            Diagnostic::spec_error_at(
                "invalid-date",
                tr!(lang, text::NOT_A_DATE, date = text.node),
                text.span,
                tr!(lang, text::NOT_A_DATE_LABEL),
            )
            .with_help(tr!(lang, text::NOT_A_DATE_HELP)),
        );
        None
    }

    fn activity(&mut self, a: &ast::Activity<'a>) -> Activity {
        // The model's lists sized from the statements: vectors grown by pushing keep room for four,
        // and the model of 100,000 activities is most of the memory of a run.
        let mut n = ListSizes::default();
        for statement in &a.statements {
            match statement {
                ast::Statement::Purpose(_) => n.purposes += 1,
                ast::Statement::Subjects(names) => n.subjects += names.len(),
                ast::Statement::Data(names) => n.data += names.len(),
                ast::Statement::DataAs(d) => n.data += d.data.len(),
                ast::Statement::DataAbout(d) => n.data += d.data.len(),
                ast::Statement::Sources(names) => n.sources += names.len(),
                ast::Statement::Basis(list, _) => {
                    n.bases += list.len();
                    n.basis_spans += 1;
                }
                ast::Statement::Retain(_) => n.retention += 1,
                ast::Statement::Via(names) => n.processors += names.len(),
                ast::Statement::Disclose(_) => n.disclosures += 1,
                ast::Statement::Security(_) => n.security += 1,
                _ => {}
            }
        }
        let mut act = ActivityDraft {
            name: a.name.to_name(),
            label: a.label.to_text(),
            span: a.span,
            purposes: Vec::with_capacity(n.purposes),
            subjects: Vec::with_capacity(n.subjects),
            data: Vec::with_capacity(n.data),
            sources: Vec::with_capacity(n.sources),
            bases: Vec::with_capacity(n.bases),
            basis_spans: Vec::with_capacity(n.basis_spans),
            retention: Vec::with_capacity(n.retention),
            processors: Vec::with_capacity(n.processors),
            disclosures: Vec::with_capacity(n.disclosures),
            notice: None,
            details: None,
        };
        if n.security > 0 {
            act.details_mut().security.reserve_exact(n.security);
        }
        let mut singles = std::mem::take(&mut self.singles);
        singles.clear();
        self.listed.clear();
        for statement in &a.statements {
            match statement {
                ast::Statement::Purpose(t) => act.purposes.push(self.shared_text(t)),
                ast::Statement::Subjects(names) => {
                    for n in names {
                        if let Some(r) = self.lookup(n, Expected::Subjects, |k| match k {
                            Kind::Subjects(id) => Some(id),
                            _ => None,
                        }) {
                            act.subjects.push(r);
                        }
                    }
                }
                ast::Statement::Data(names) => {
                    for n in names {
                        if let Some(r) = self.data_ref(n) {
                            self.listed.push(n.node, r.id);
                            act.data.push(r);
                        }
                    }
                }
                ast::Statement::DataAs(d) => {
                    self.data_used(&mut act, &d.data, Some((&d.class, &d.when)), d.span)
                }
                // Listed here; the groups are read once every `subjects` statement is (below).
                ast::Statement::DataAbout(d) => {
                    let used = d.used.as_ref().map(|(class, when)| (class, when));
                    self.data_used(&mut act, &d.data, used, d.span)
                }
                ast::Statement::Sources(names) => {
                    for n in names {
                        if let Some(r) = self.lookup(n, Expected::Source, |k| match k {
                            Kind::Source(id) => Some(Origin::Source(id)),
                            Kind::Activity(id) => Some(Origin::Activity(id)),
                            _ => None,
                        }) {
                            act.sources.push(r);
                        }
                    }
                }
                ast::Statement::Basis(list, span) => {
                    self.citations_into(list, &mut act.bases);
                    act.basis_spans.push(*span);
                }
                // After every `data` statement is read (below).
                ast::Statement::Retain(_)
                | ast::Statement::Disclose(_)
                | ast::Statement::Collect(_)
                | ast::Statement::Copy(_) => {}
                ast::Statement::Via(names) => {
                    for n in names {
                        if let Some(r) = self.lookup(n, Expected::Processor, |k| match k {
                            Kind::Processor(id) => Some(id),
                            _ => None,
                        }) {
                            act.processors.push(r);
                        }
                    }
                }
                ast::Statement::Review(modes) => {
                    for m in modes {
                        if let Some(mode) = self.keyword(
                            m,
                            REVIEW_MODE,
                            ReviewMode::from_keyword,
                            ReviewMode::KEYWORDS,
                        ) {
                            act.details_mut().review.push(Spanned::new(mode, m.span));
                        }
                    }
                }
                ast::Statement::Cctv(span, ground) => {
                    self.single(&mut singles, "cctv", *span);
                    act.details_mut().rarer_mut().cctv = Some(*span);
                    if let Some(ground) = ground {
                        act.details_mut().rarer_mut().cctv_ground = self.cctv_ground(ground);
                    }
                }
                ast::Statement::Cameras(places, span) => {
                    self.single(&mut singles, "cameras", *span);
                    act.details_mut().rarer_mut().cameras_span = Some(*span);
                    let words = cctv::cctv().place_words();
                    for word in places {
                        if let Some(place) = self.keyword(word, PLACE, cctv::place, &words) {
                            act.details_mut()
                                .rarer_mut()
                                .cameras
                                .push(Spanned::new(place, word.span));
                        }
                    }
                }
                ast::Statement::Covert(span) => {
                    self.single(&mut singles, "covert", *span);
                    act.details_mut().rarer_mut().covert = Some(*span);
                }
                ast::Statement::Signs(t) => {
                    self.single(&mut singles, "signs", t.span);
                    act.details_mut().rarer_mut().signs = Some(self.shared_text(t));
                }
                ast::Statement::Polcam(span, date) => {
                    self.single(&mut singles, "polcam", *span);
                    act.details_mut().rarer_mut().polcam = Some(*span);
                    if let Some(date) = date {
                        act.details_mut().rarer_mut().polcam_date = self.date(date);
                    }
                }
                ast::Statement::Exception(e) => {
                    if let Ok(citation) =
                        citation::validate(&e.citation, self.lang).map_err(|d| self.error(d))
                    {
                        let ground = e
                            .ground
                            .as_ref()
                            .and_then(|g| self.exception_ground(g, &citation));
                        act.details_mut()
                            .rarer_mut()
                            .exceptions
                            .push(ExceptionDecl {
                                citation,
                                ground,
                                notice: e.ground.as_ref().and_then(|g| g.notice),
                                reason: e.reason.as_ref().map(|t| self.shared_text(t)),
                                span: e.span,
                            });
                    }
                }
                ast::Statement::Dpia(t) => {
                    self.single(&mut singles, "dpia", t.span);
                    act.details_mut().dpia = Some(self.shared_text(t));
                }
                ast::Statement::Since(t) => {
                    self.single(&mut singles, "since", t.span);
                    act.details_mut().since = self.date(t);
                }
                ast::Statement::Justification(t) => {
                    self.single(&mut singles, "justification", t.span);
                    act.details_mut().justification = Some(self.shared_text(t));
                }
                ast::Statement::Notified(t) => {
                    self.single(&mut singles, "notified", t.span);
                    act.details_mut().notified = self.date(t);
                }
                ast::Statement::ControlMeasure(reason, span) => {
                    self.single(&mut singles, "control measure", *span);
                    act.details_mut().control_measure = Some(ControlMeasureDecl {
                        reason: self.shared_text(reason),
                        span: *span,
                    });
                }
                ast::Statement::Security(t) => act.details_mut().security.push(self.shared_text(t)),
                ast::Statement::Area(word) => {
                    self.single(&mut singles, "area", word.span);
                    act.details_mut().area = self
                        .keyword(word, AREA, Area::from_keyword, Area::KEYWORDS)
                        .map(|area| Spanned::new(area, word.span));
                }
                ast::Statement::Withdrawal(t) => {
                    self.single(&mut singles, "withdrawal", t.span);
                    act.details_mut().withdrawal = Some(self.shared_text(t));
                }
                ast::Statement::WithdrawalRight(t) => {
                    self.single(&mut singles, "withdrawal right", t.span);
                    act.details_mut().rarer_mut().withdrawal_right = Some(self.shared_text(t));
                }
                ast::Statement::OnlineService(span) => {
                    self.single(&mut singles, "online_service", *span);
                    act.details_mut().rarer_mut().online_service = Some(*span);
                }
                ast::Statement::ParentalConsent(t) => {
                    self.single(&mut singles, "parental_consent", t.span);
                    act.details_mut().rarer_mut().parental_consent = Some(self.shared_text(t));
                }
                ast::Statement::Compatibility(t) => {
                    self.single(&mut singles, "compatibility", t.span);
                    act.details_mut().rarer_mut().compatibility = Some(self.shared_text(t));
                }
                ast::Statement::CompatibilityUnder(basis, span) => {
                    self.single(&mut singles, "compatibility", *span);
                    act.details_mut().rarer_mut().compatibility_under = self.citations(basis);
                }
                ast::Statement::Logic(t) => {
                    self.single(&mut singles, "logic", t.span);
                    act.details_mut().logic = Some(self.shared_text(t));
                }
                ast::Statement::Providing(requirement, t, span) => {
                    self.single(&mut singles, "providing", *span);
                    act.details_mut().rarer_mut().providing = Some(Providing {
                        requirement: *requirement,
                        consequences: self.shared_text(t),
                        span: *span,
                    });
                }
                ast::Statement::Interests(t) => {
                    self.single(&mut singles, "interests", t.span);
                    act.details_mut().rarer_mut().interests = Some(self.shared_text(t));
                }
                ast::Statement::Monitoring(t) => {
                    self.single(&mut singles, "monitoring", t.span);
                    act.details_mut().monitoring = Some(self.shared_text(t));
                }
                ast::Statement::LargeScale(span) => {
                    self.single(&mut singles, "large_scale", *span);
                    act.details_mut().large_scale = Some(*span);
                }
                ast::Statement::Notice(n) => {
                    self.single(&mut singles, "notice", n.span());
                    act.notice = Some(self.notice(n));
                }
                ast::Statement::ErasureRefused(e) => {
                    self.single(&mut singles, "erasure refused", e.span);
                    act.details_mut().rarer_mut().erasure_refusal = Some(ErasureRefusal {
                        reason: self.shared_text(&e.reason),
                        basis: self.citations(&e.basis),
                        span: e.span,
                    });
                }
                ast::Statement::BasisInSomeCases(some) => {
                    let mut bases = Vec::with_capacity(some.citations.len());
                    self.citations_into(&some.citations, &mut bases);
                    act.basis_spans.push(some.span);
                    act.details_mut().rarer_mut().case_bases.push(CaseBases {
                        bases,
                        cases: some.cases.as_ref().map(|t| self.shared_text(t)),
                        span: some.span,
                    });
                }
                ast::Statement::Preserve(t) => {
                    self.single(&mut singles, "preserve", t.span);
                    act.details_mut().rarer_mut().preserve = Some(self.shared_text(t));
                }
                ast::Statement::Unit(t) => {
                    self.single(&mut singles, "unit", t.span);
                    act.details_mut().unit = Some(self.shared_text(t));
                }
                ast::Statement::Jointly(names) => {
                    for n in names {
                        if let Some(r) = self.lookup(n, Expected::JointController, |k| match k {
                            Kind::JointController(id) => Some(id),
                            _ => None,
                        }) {
                            act.details_mut().rarer_mut().joint_controllers.push(r);
                        }
                    }
                }
                ast::Statement::Kle(numbers) => {
                    for number in numbers {
                        if let Some(kle) = self.kle_number(number) {
                            act.details_mut().rarer_mut().kle.push(kle);
                        }
                    }
                }
                ast::Statement::Allow(w) => self.waivers(std::slice::from_ref(&**w), a.span),
                ast::Statement::Unknown(word) => {
                    let declaration = matches!(
                        word.node,
                        "controller" | "source" | "processor" | "recipient" | "joint" | "activity"
                    );
                    let lang = self.lang;
                    let close = did_you_mean(word.node, STATEMENTS.iter().copied());
                    let help = match close {
                        // A declaration inside an activity: the activity above was not closed.
                        _ if declaration => tr!(
                            lang,
                            text::DECLARATION_IN_ACTIVITY,
                            word = word.node,
                            activity = act.name.node
                        ),
                        // `data logs as criminal` without `when "..."`.
                        _ if word.node == "as" => tr!(lang, text::AS_NEEDS_WHEN),
                        // `data health about` without the groups.
                        _ if word.node == "about" => tr!(lang, text::ABOUT_NEEDS_SUBJECTS),
                        // `basis ... in some "..."`: the words of bases of some cases, misremembered.
                        _ if word.node == "in" => tr!(lang, text::IN_SOME_CASES),
                        Some(s) => tr!(lang, text::DID_YOU_MEAN, name = s),
                        None => tr!(lang, text::STATEMENTS, statements = STATEMENTS.join(", ")),
                    };
                    // The did-you-mean as an edit, where the help is that and nothing else.
                    let misspelt = match close {
                        Some(s) if !declaration && !matches!(word.node, "as" | "in" | "about") => {
                            Some(replace_with(lang, word.span, s))
                        }
                        _ => None,
                    };
                    self.error(
                        Diagnostic::spec_error_at(
                            "unknown-statement",
                            tr!(
                                lang,
                                text::UNKNOWN_STATEMENT,
                                word = word.node,
                                activity = act.name.node
                            ),
                            word.span,
                            tr!(lang, text::UNKNOWN_STATEMENT_LABEL),
                        )
                        .with_help(help)
                        .with_suggestions(misspelt),
                    );
                }
            }
        }
        self.singles = singles;
        // Retain and disclose statements may only name data the activity lists; checked after all
        // `data` statements are read, since statements come in any order.
        let mut plain = None;
        for statement in &a.statements {
            match statement {
                ast::Statement::Retain(r) => {
                    if let Some(rule) = self.retention(r, &act) {
                        act.retention.push(rule);
                    }
                }
                ast::Statement::Disclose(d) => {
                    if let Some(disclosure) = self.disclosure(d, &act) {
                        act.disclosures.push(disclosure);
                    }
                }
                ast::Statement::Collect(c) => {
                    if let Some(collection) = self.collection(c, &act) {
                        act.details_mut().rarer_mut().collections.push(collection);
                    }
                }
                ast::Statement::Copy(c) => {
                    if let Some(copy) = self.held_copy(c, &act) {
                        act.details_mut().rarer_mut().copies.push(copy);
                    }
                }
                ast::Statement::DataAbout(d) => {
                    let plain = plain.get_or_insert_with(|| self.listed_plainly(&a.statements));
                    if let Some(about) = self.data_about(d, plain, &act) {
                        act.details_mut().rarer_mut().about.push(about);
                    }
                }
                _ => {}
            }
        }
        act.finish()
    }

    /// `data NAMES [about ...] as CLASS when "..."`, or the names of a `data ... about` without a
    /// use: each category once in the activity's data, and its use if one is stated.
    fn data_used(
        &mut self,
        act: &mut ActivityDraft,
        data: &[Word<'a>],
        used: Option<(&Word<'a>, &Quoted<'a>)>,
        span: Span,
    ) {
        // Only criminal-offence data is read by its use (ART10-BASIS); the words are those of
        // `data_class`, so other classes may be allowed later.
        let class = used.and_then(|(class, _)| {
            self.keyword(
                class,
                USE_CLASS,
                |w| (w == "criminal").then_some(DataClass::Criminal),
                &["criminal"],
            )
        });
        for n in data {
            let Some(r) = self.data_ref(n) else {
                continue;
            };
            // Listed by a `data` statement too: once in the activity's data.
            if !act.data.iter().any(|listed| listed.id == r.id) {
                self.listed.push(n.node, r.id);
                act.data.push(r);
            }
            if let (Some(class), Some((_, when))) = (class, used) {
                act.details_mut().rarer_mut().uses.push(DataUse {
                    data: r,
                    class,
                    when: self.shared_text(when),
                    span,
                });
            }
        }
    }

    /// `data NAMES about SUBJECTS`: each group must be one of the activity's `subjects`. A category
    /// the activity also lists without `about` is about every group (a plain listing says so), and
    /// is left out here; `None` when no category is left or a name did not resolve.
    fn data_about(
        &mut self,
        d: &ast::DataAbout<'_>,
        plain: &[DataId],
        act: &ActivityDraft,
    ) -> Option<DataAbout> {
        let mut subjects = Vec::with_capacity(d.subjects.len());
        let mut ok = true;
        for name in &d.subjects {
            let Some(r) = self.lookup(name, Expected::Subjects, |k| match k {
                Kind::Subjects(id) => Some(id),
                _ => None,
            }) else {
                ok = false;
                continue;
            };
            if !act.subjects.iter().any(|s| s.id == r.id) {
                ok = false;
                let lang = self.lang;
                let mut e = Diagnostic::spec_error_at(
                    "not-in-activity",
                    tr!(
                        lang,
                        text::ABOUT_NOT_IN_ACTIVITY,
                        name = name.node,
                        activity = act.name.node
                    ),
                    name.span,
                    tr!(lang, text::ABOUT_NOT_IN_ACTIVITY_LABEL),
                )
                .with_help(tr!(
                    lang,
                    text::ABOUT_NOT_IN_ACTIVITY_HELP,
                    name = name.node
                ));
                if let Some(first) = act.subjects.first() {
                    e = e.with_secondary(first.span, tr!(lang, text::THE_ACTIVITYS_SUBJECTS));
                }
                self.error(e);
                continue;
            }
            subjects.push(r);
        }
        let mut data = Vec::with_capacity(d.data.len());
        for name in &d.data {
            // A name that did not resolve was reported when it was listed.
            let Some(id) = self.listed.get(name.node) else {
                ok = false;
                continue;
            };
            if plain.binary_search(&id).is_err() {
                data.push(Ref {
                    id,
                    span: name.span,
                });
            }
        }
        (ok && !data.is_empty()).then_some(DataAbout {
            data,
            subjects,
            span: d.span,
        })
    }

    /// The categories `data` statements without `about` list, sorted: about every group.
    fn listed_plainly(&mut self, statements: &[ast::Statement<'_>]) -> Vec<DataId> {
        let mut plain = Vec::new();
        for statement in statements {
            let names = match statement {
                ast::Statement::Data(names) => names,
                ast::Statement::DataAs(d) => &d.data,
                _ => continue,
            };
            plain.extend(names.iter().filter_map(|n| self.listed.get(n.node)));
        }
        plain.sort_unstable();
        plain.dedup();
        plain
    }

    /// `27.15.00`: two digits for the main group, then `.` and two digits for the group and for the
    /// subject, each of which may be left out. Whether KLE has the number is not checked.
    fn kle_number(&mut self, word: &Word<'_>) -> Option<Spanned<KleNumber>> {
        let mut parts = word
            .node
            .split('.')
            .map(|part| (part.len() == 2).then(|| part.parse::<u8>().ok()).flatten());
        let main_group = parts.next().flatten();
        let group = parts.next();
        let subject = parts.next();
        let beyond = parts.next().is_some();
        match (main_group, group, subject) {
            (Some(main_group), None | Some(Some(_)), None | Some(Some(_))) if !beyond => {
                return Some(Spanned::new(
                    KleNumber {
                        main_group,
                        group: group.flatten(),
                        subject: subject.flatten(),
                    },
                    word.span,
                ));
            }
            _ => {}
        }
        let lang = self.lang;
        self.error(
            Diagnostic::spec_error_at(
                "invalid-kle-number",
                tr!(lang, text::NOT_A_KLE_NUMBER, number = word.node),
                word.span,
                tr!(lang, text::NOT_A_KLE_NUMBER_LABEL),
            )
            .with_help(tr!(lang, text::NOT_A_KLE_NUMBER_HELP)),
        );
        None
    }

    /// A statement that may appear once per activity.
    fn single(&mut self, seen: &mut Vec<(&'static str, Span)>, keyword: &'static str, span: Span) {
        let first = seen.iter().find(|(k, _)| *k == keyword).map(|(_, s)| *s);
        seen.push((keyword, span));
        if let Some(first) = first {
            let lang = self.lang;
            self.error(
                Diagnostic::spec_error_at(
                    "duplicate-statement",
                    tr!(lang, text::GIVEN_TWICE, keyword = keyword),
                    span,
                    tr!(lang, text::GIVEN_AGAIN),
                )
                .with_secondary(first, tr!(lang, text::FIRST_GIVEN))
                .with_help(tr!(lang, text::KEEP_ONE)),
            );
        }
    }

    /// Resolves the data named in `retain` or `disclose`; each must be data the activity processes.
    /// Returns the references and whether all of them resolved and are listed.
    fn listed_data(
        &mut self,
        names: &[Word<'_>],
        act: &ActivityDraft,
        statement: &str,
    ) -> (Vec<Ref<DataId>>, bool) {
        let mut ok = true;
        let mut refs = Vec::with_capacity(names.len());
        for name in names {
            // A name the activity lists resolved when it was listed; any other is looked up for
            // its error.
            if let Some(id) = self.listed.get(name.node) {
                refs.push(Ref {
                    id,
                    span: name.span,
                });
                continue;
            }
            ok = false;
            let Some(r) = self.data_ref(name) else {
                continue;
            };
            let lang = self.lang;
            let mut d = Diagnostic::spec_error_at(
                "not-in-activity",
                tr!(
                    lang,
                    text::NOT_IN_ACTIVITY,
                    name = name.node,
                    statement = statement,
                    activity = act.name.node
                ),
                r.span,
                tr!(lang, text::NOT_IN_ACTIVITY_LABEL),
            )
            .with_help(tr!(lang, text::NOT_IN_ACTIVITY_HELP, name = name.node));
            if let Some(first) = act.data.first() {
                d = d.with_secondary(first.span, tr!(lang, text::THE_ACTIVITYS_DATA));
            }
            self.error(d);
            refs.push(r);
        }
        (refs, ok)
    }

    fn retention(&mut self, r: &ast::Retain<'_>, act: &ActivityDraft) -> Option<RetentionRule> {
        let (targets, all, listed) = match &r.targets {
            None => (Vec::new(), Some(r.span), true),
            Some(names) => {
                let (refs, listed) = self.listed_data(names, act, "retain");
                (refs, None, listed)
            }
        };
        let period = match &r.retention {
            ast::Retention::Archive(_) => Period::Archive,
            ast::Retention::Until {
                event,
                then_archive,
            } => {
                // An empty criterion would pass RETENTION-MISSING while saying nothing.
                if event.node.trim().is_empty() {
                    let lang = self.lang;
                    self.error(
                        Diagnostic::spec_error_at(
                            "invalid-duration",
                            tr!(lang, text::EMPTY_UNTIL),
                            event.span,
                            tr!(lang, text::EMPTY_UNTIL_LABEL),
                        )
                        .with_help(tr!(lang, text::EMPTY_UNTIL_HELP)),
                    );
                    return None;
                }
                Period::Until {
                    event: self.shared(&event.node),
                    then_archive: *then_archive,
                }
            }
            ast::Retention::Deadline {
                amount,
                unit,
                after,
                then_archive,
            } => {
                let unit_value = self.time_unit(unit);
                let amount_value = self.period_amount(amount, unit, PeriodOf::Retention);
                if let (Some(n), Some(u)) = (amount_value, unit_value) {
                    Period::Deadline {
                        amount: n,
                        unit: u,
                        after: after.as_ref().map(|t| self.shared(&t.node)),
                        then_archive: *then_archive,
                    }
                } else {
                    return None;
                }
            }
        };
        listed.then_some(RetentionRule {
            targets: targets.into_boxed_slice(),
            all,
            period,
            span: r.span,
        })
    }

    /// `collect NAMES every N UNIT`: the data must be the activity's, the period a whole number.
    fn collection(&mut self, c: &ast::Collect<'_>, act: &ActivityDraft) -> Option<Collection> {
        let (data, listed) = self.listed_data(&c.data, act, "collect");
        let unit = self.time_unit(&c.unit);
        let amount = self.period_amount(&c.amount, &c.unit, PeriodOf::Collection);
        listed.then_some(Collection {
            data,
            amount: amount?,
            unit: unit?,
            span: c.span,
        })
    }

    /// `copy NAMES kept by "holder" [PERIOD]`: the data must be the activity's; the period is read as
    /// a `retain`'s.
    fn held_copy(&mut self, c: &ast::HeldCopy<'_>, act: &ActivityDraft) -> Option<HeldCopy> {
        let (data, listed) = self.listed_data(&c.data, act, "copy");
        let period = match &c.period {
            None => None,
            Some(retention) => {
                let retain = ast::Retain {
                    targets: None,
                    retention: retention.clone(),
                    span: c.span,
                };
                Some(self.retention(&retain, act)?.period)
            }
        };
        listed.then_some(HeldCopy {
            data,
            holder: self.shared_text(&c.holder),
            period,
            span: c.span,
        })
    }

    fn time_unit(&mut self, unit: &Word<'_>) -> Option<TimeUnit> {
        self.keyword(
            unit,
            TIME_UNIT,
            TimeUnit::from_keyword,
            &["days", "weeks", "months", "years"],
        )
    }

    /// The number of a period (`5` in `for 5 years`): a whole number greater than zero. `not` says
    /// what it is not, when it is not one: `` `0 days` is not a retention period ``.
    fn period_amount(&mut self, amount: &Word<'_>, unit: &Word<'_>, of: PeriodOf) -> Option<u64> {
        // An unknown unit is reported on its own; the bound is then checked as if in days.
        let unit_days = TimeUnit::from_keyword(unit.node).map_or(1, TimeUnit::days);
        match amount.node.parse::<u64>() {
            Ok(n)
                if n > 0
                    && n.checked_mul(unit_days)
                        .is_some_and(|d| d <= MAX_PERIOD_DAYS) =>
            {
                Some(n)
            }
            Ok(n) if n > 0 => {
                self.too_long(amount, unit, of);
                None
            }
            // Digits beyond what a u64 holds are just as much too long.
            Err(_) if amount.node.bytes().all(|b| b.is_ascii_digit()) => {
                self.too_long(amount, unit, of);
                None
            }
            _ => {
                let lang = self.lang;
                let help = duration_help(amount.node, unit.node, of, lang);
                self.error(
                    Diagnostic::spec_error_at(
                        "invalid-duration",
                        tr!(
                            lang,
                            of.not_a_period(),
                            amount = amount.node,
                            unit = unit.node
                        ),
                        amount.span,
                        tr!(lang, text::WHOLE_NUMBER),
                    )
                    .with_help(help),
                );
                None
            }
        }
    }

    /// A period longer than [`MAX_PERIOD_DAYS`]: rejected, so that no rule computes with a number of
    /// days that does not fit (`for 5508753709683126373 years` once came out as one day).
    fn too_long(&mut self, amount: &Word<'_>, unit: &Word<'_>, of: PeriodOf) {
        let lang = self.lang;
        let years = MAX_PERIOD_DAYS / TimeUnit::Years.days();
        self.error(
            Diagnostic::spec_error_at(
                "invalid-duration",
                tr!(
                    lang,
                    text::PERIOD_TOO_LONG,
                    amount = amount.node,
                    unit = unit.node,
                    years = years
                ),
                amount.span,
                tr!(lang, text::PERIOD_TOO_LONG_LABEL, years = years),
            )
            .with_help(tr!(
                lang,
                of.too_long_help(),
                years = years,
                days = MAX_PERIOD_DAYS
            )),
        );
    }

    fn disclosure(&mut self, d: &ast::Disclose<'a>, act: &ActivityDraft) -> Option<Disclosure> {
        let (data, listed) = self.listed_data(&d.data, act, "disclose");
        let recipient = self.lookup(&d.recipient, Expected::Recipient, |k| match k {
            Kind::Recipient(id) => Some(id),
            _ => None,
        });
        let basis = self.citations(&d.basis);
        let recipient = recipient?;
        listed.then_some(Disclosure {
            data,
            recipient,
            basis,
            condition: d.condition.as_ref().map(|t| self.shared_text(t)),
            span: d.span,
        })
    }
}

/// Which statement a period belongs to: the statements share the period's syntax, but not what a
/// period of zero, or one too long, means in them, nor what to write instead.
#[derive(Debug, Clone, Copy)]
enum PeriodOf {
    /// `retain ... for N UNIT` and a copy's period.
    Retention,
    /// A data category's `limit N UNIT`.
    Limit,
    /// The controller's `supervision every N UNIT`.
    Supervision,
    /// `collect ... every N UNIT`.
    Collection,
}

impl PeriodOf {
    fn not_a_period(self) -> Words {
        match self {
            Self::Retention => text::NOT_RETENTION_PERIOD,
            Self::Limit => text::NOT_LIMIT,
            Self::Supervision => text::NOT_SUPERVISION_PERIOD,
            Self::Collection => text::NOT_COLLECTION_PERIOD,
        }
    }

    fn zero_help(self) -> Words {
        match self {
            Self::Retention => text::ZERO_PERIOD,
            Self::Limit => text::ZERO_LIMIT,
            Self::Supervision => text::ZERO_SUPERVISION,
            Self::Collection => text::ZERO_COLLECTION,
        }
    }

    fn example(self) -> Words {
        match self {
            Self::Retention => text::PERIOD_EXAMPLE,
            Self::Limit => text::LIMIT_EXAMPLE,
            Self::Supervision => text::SUPERVISION_EXAMPLE,
            Self::Collection => text::COLLECTION_EXAMPLE,
        }
    }

    /// Only data that is kept can be kept for good, and that is written `archive`.
    fn too_long_help(self) -> Words {
        match self {
            Self::Retention => text::PERIOD_TOO_LONG_HELP,
            Self::Limit | Self::Supervision | Self::Collection => text::INTERVAL_TOO_LONG_HELP,
        }
    }
}

/// How to write a period that was zero, negative or not whole.
fn duration_help(amount: &str, unit: &str, of: PeriodOf, lang: Lang) -> String {
    let smaller = match unit.trim_end_matches('s') {
        "year" => Some(("months", 12.0)),
        "month" => Some(("days", 30.0)),
        "week" => Some(("days", 7.0)),
        _ => None,
    };
    match amount.parse::<f64>() {
        Ok(n) if n < 0.0 => tr!(
            lang,
            text::NEGATIVE_PERIOD,
            amount = amount.trim_start_matches('-'),
            unit = unit
        ),
        Ok(0.0) => tr!(lang, of.zero_help()),
        Ok(n) => match smaller {
            Some((small, factor)) if (n * factor).fract() == 0.0 => {
                tr!(lang, text::SMALLER_UNIT, amount = n * factor, unit = small)
            }
            _ => tr!(lang, text::WHOLE_NUMBER_HELP),
        },
        Err(_) => tr!(lang, of.example()),
    }
}

/// A citation of a known act whose number and parts take up to 14 bytes (`gdpr 6(1)(e)`), as one
/// number: the act, the two lengths, then the bytes. Two citations have the same number exactly when
/// they are written alike; `None` for an unknown act or a longer citation.
fn packed_citation(act: &str, number: &str, parts: &ast::Parts<'_>) -> Option<u128> {
    let act = ActId::from_keyword(act)?;
    let parts = parts.as_str();
    let (n, p) = (number.len(), parts.len());
    if n + p > 14 {
        return None;
    }
    let mut bytes = [0_u8; 16];
    bytes[0] = act as u8 + 1;
    // Both lengths are at most 14, so each fits in four bits.
    bytes[1] = (n as u8) | ((p as u8) << 4);
    bytes[2..2 + n].copy_from_slice(number.as_bytes());
    bytes[2 + n..2 + n + p].copy_from_slice(parts.as_bytes());
    Some(u128::from_le_bytes(bytes))
}

/// The keyword a declaration starts with.
fn declaration_keyword(decl: &ast::Declaration<'_>) -> &'static str {
    match decl {
        ast::Declaration::Controller(_) => "controller",
        ast::Declaration::Subjects(_) => "subjects",
        ast::Declaration::Data(_) => "data",
        ast::Declaration::Source(_) => "source",
        ast::Declaration::Processor(_) => "processor",
        ast::Declaration::Recipient(_) => "recipient",
        ast::Declaration::JointController(_) => "joint",
        ast::Declaration::Activity(_) => "activity",
    }
}

/// The name a declaration declares.
pub(crate) fn declared_name<'d, 'a>(decl: &'d ast::Declaration<'a>) -> &'d Word<'a> {
    match decl {
        ast::Declaration::Controller(c) => &c.name,
        ast::Declaration::Subjects(s) => &s.name,
        ast::Declaration::Data(d) => &d.name,
        ast::Declaration::Source(s) => &s.name,
        ast::Declaration::Processor(p) => &p.name,
        ast::Declaration::Recipient(r) => &r.name,
        ast::Declaration::JointController(j) => &j.name,
        ast::Declaration::Activity(a) => &a.name,
    }
}

/// The did-you-mean `close` as an edit: write it in place of the misspelt word at `span`.
fn replace_with(lang: Lang, span: Span, close: &str) -> Suggestion {
    Suggestion {
        message: tr!(lang, text::REPLACE_WITH, word = close),
        edit: SuggestedEdit::Replace {
            span,
            text: close.to_string(),
        },
        preferred: true,
    }
}

/// What a user is told when names, statements or values of a spec are wrong, in English and Danish.
pub mod text {
    crate::texts! {
        THE_CONTROLLER = ("the controller", "den dataansvarlige"),
        A_SUBJECTS = ("a group of data subjects", "en gruppe af registrerede"),
        A_DATA = ("a data category", "en kategori af personoplysninger"),
        A_SOURCE = ("a source", "en kilde"),
        A_PROCESSOR = ("a processor", "en databehandler"),
        A_RECIPIENT = ("a recipient", "en modtager"),
        A_JOINT_CONTROLLER = ("a joint controller", "en fælles dataansvarlig"),
        AN_ACTIVITY = ("an activity", "en aktivitet"),
        SUBJECTS = ("group of data subjects", "gruppe af registrerede"),
        DATA = ("data category", "kategori af personoplysninger"),
        SOURCE = ("source", "kilde"),
        PROCESSOR = ("processor", "databehandler"),
        RECIPIENT = ("recipient", "modtager"),
        JOINT_CONTROLLER = ("joint controller", "fælles dataansvarlig"),
        JOINT_NOT_RECIPIENT = (
            "`{name}` determines the purposes and means with the controller: name it in the activity as `jointly with {name}`; a disclosure for purposes of its own goes to a `recipient`, declared under another name",
            "`{name}` fastlægger formål og hjælpemidler sammen med den dataansvarlige: angiv den i aktiviteten som `jointly with {name}`; en videregivelse til dens egne formål går til en `recipient`, angivet under et andet navn",
        ),
        NOT_SUBJECT_KIND = (
            "`{word}` is not a kind of data subjects",
            "`{word}` er ikke en type af registrerede"
        ),
        UNKNOWN_SUBJECT_KIND = ("unknown kind of data subjects", "ukendt type af registrerede"),
        NOT_SOURCE_KIND = ("`{word}` is not a source kind", "`{word}` er ikke en kildetype"),
        UNKNOWN_SOURCE_KIND = ("unknown source kind", "ukendt kildetype"),
        NOT_SPECIAL_KIND = (
            "`{word}` is not a kind of special-category data",
            "`{word}` er ikke en af de særlige kategorier af personoplysninger"
        ),
        UNKNOWN_SPECIAL_KIND = (
            "unknown kind of special-category data",
            "ukendt særlig kategori af personoplysninger"
        ),
        NOT_RECIPIENT_KIND = ("`{word}` is not a recipient kind", "`{word}` er ikke en modtagertype"),
        UNKNOWN_RECIPIENT_KIND = ("unknown recipient kind", "ukendt modtagertype"),
        NOT_MECHANISM = (
            "`{word}` is not a transfer mechanism",
            "`{word}` er ikke et overførselsgrundlag"
        ),
        UNKNOWN_MECHANISM = ("unknown transfer mechanism", "ukendt overførselsgrundlag"),
        NOT_REVIEW_MODE = ("`{word}` is not a review mode", "`{word}` er ikke en vurderingsform"),
        UNKNOWN_REVIEW_MODE = ("unknown review mode", "ukendt vurderingsform"),
        NOT_AREA = ("`{word}` is not a field of work", "`{word}` er ikke et arbejdsområde"),
        UNKNOWN_AREA = ("unknown field of work", "ukendt arbejdsområde"),
        NOT_USE_CLASS = (
            "`{word}` is not a class data can take on by its use",
            "`{word}` er ikke en kategori, som oplysninger kan få ved deres anvendelse"
        ),
        UNKNOWN_USE_CLASS = (
            "only criminal-offence data is read by its use",
            "kun oplysninger om strafbare forhold læses ud fra anvendelsen"
        ),
        NOT_EXCEPTION_GROUND = (
            "`{word}` is not a ground of tv-overvågningsloven § 4 c, stk. 5",
            "`{word}` er ikke en af grundene i tv-overvågningslovens § 4 c, stk. 5"
        ),
        NOT_CAMERA_PLACE = (
            "`{word}` is not a place cameras film",
            "`{word}` er ikke et sted, kameraerne filmer"
        ),
        UNKNOWN_CAMERA_PLACE = ("unknown place", "ukendt sted"),
        UNKNOWN_EXCEPTION_GROUND = (
            "unknown ground for keeping recordings longer",
            "ukendt grund til at opbevare optagelser længere"
        ),
        EXCEPTION_FOR_NOT_4C5 = (
            "`for ...` names a ground of tv-overvågningsloven § 4 c, stk. 5, but this exception cites another provision",
            "`for ...` angiver en grund efter tv-overvågningslovens § 4 c, stk. 5, men undtagelsen henviser til en anden bestemmelse"
        ),
        EXCEPTION_FOR_NOT_4C5_LABEL = ("only after `exception tvol 4c(5)`", "kun efter `exception tvol 4c(5)`"),
        EXCEPTION_FOR_NOT_4C5_HELP = (
            "write `exception tvol 4c(5) for dispute with notice \"...\"` (or `for police_report`), or leave out `for ...`",
            "skriv `exception tvol 4c(5) for dispute with notice \"...\"` (eller `for police_report`), eller udelad `for ...`"
        ),
        NOT_CCTV_GROUND = (
            "`cctv` names a provision that is not a ground for TV surveillance",
            "`cctv` henviser til en bestemmelse, der ikke er hjemmel til tv-overvågning"
        ),
        NOT_CCTV_GROUND_LABEL = (
            "not a § of tv-overvågningsloven that permits TV surveillance",
            "ikke en bestemmelse i tv-overvågningsloven, der tillader tv-overvågning"
        ),
        CCTV_GROUNDS = (
            "name the § the surveillance rests on: {grounds}; or write `cctv` alone if the notice does not say",
            "angiv den bestemmelse, overvågningen hviler på: {grounds}; eller skriv blot `cctv`, hvis meddelelsen ikke siger det"
        ),
        NOT_TIME_UNIT = ("`{word}` is not a unit of time", "`{word}` er ikke en tidsenhed"),
        UNKNOWN_TIME_UNIT = ("unknown unit of time", "ukendt tidsenhed"),
        VALUES_DID_YOU_MEAN = (
            "did you mean `{word}`? Possible values: {values}",
            "mente du `{word}`? Mulige værdier: {values}"
        ),
        VALUES = ("possible values: {values}", "mulige værdier: {values}"),
        DECLARED_TWICE = ("`{name}` is declared twice", "`{name}` er erklæret to gange"),
        DECLARED_TWICE_AS = (
            "`{name}` is declared twice, as {first} and as {second}",
            "`{name}` er erklæret to gange, som {first} og som {second}"
        ),
        DECLARED_AGAIN = ("declared again here", "erklæret igen her"),
        FIRST_DECLARED = ("first declared here", "første gang erklæret her"),
        UNIQUE_NAMES = (
            "every name in a spec (across all its files) must be unique: rename one of them",
            "hvert navn i en specifikation (på tværs af alle dens filer) skal være entydigt: omdøb et af dem"
        ),
        NO_CONTROLLER = ("the spec declares no controller", "specifikationen erklærer ingen dataansvarlig"),
        NO_CONTROLLER_LABEL = (
            "no `controller` is declared in this spec",
            "der er ikke erklæret nogen `controller` i denne specifikation"
        ),
        NO_CONTROLLER_HELP = (
            "declare who is responsible for the processing, e.g. `controller kommune \"Eksempel \
             Kommune\" {{ public authority dpo {{ email \"dpo@kommune.dk\" }} }}`; the record of \
             processing starts with the controller's name and contact details, GDPR art. 30(1)(a)",
            "erklær, hvem der er ansvarlig for behandlingen, f.eks. `controller kommune \"Eksempel \
             Kommune\" {{ public authority dpo {{ email \"dpo@kommune.dk\" }} }}`; fortegnelsen over \
             behandlingsaktiviteter begynder med den dataansvarliges navn og kontaktoplysninger, \
             databeskyttelsesforordningens art. 30, stk. 1, litra a"
        ),
        SECOND_CONTROLLER = (
            "the spec declares a second controller, `{name}`: a spec has one controller",
            "specifikationen erklærer en anden dataansvarlig, `{name}`: en specifikation har én dataansvarlig"
        ),
        SECOND_CONTROLLER_LABEL = ("second controller", "anden dataansvarlig"),
        IS_THE_CONTROLLER = ("`{name}` is the controller", "`{name}` er den dataansvarlige"),
        SECOND_CONTROLLER_HELP = (
            "check each controller's processing on its own: move `{name}` and its activities to a spec \
             directory of their own",
            "kontrollér hver dataansvarligs behandling for sig: flyt `{name}` og dens aktiviteter til en \
             specifikationsmappe for sig"
        ),
        WAIVER_NO_REASON = ("`allow {code}` gives no reason", "`allow {code}` angiver ingen begrundelse"),
        WAIVER_NO_REASON_LABEL = ("a waiver needs a reason", "en undtagelse skal have en begrundelse"),
        WAIVER_NO_REASON_HELP = (
            "say why the rule does not apply here and who decided, e.g. `allow {code} \"...; decided by \
             the DPO 2026-11-01\"`; the reason is shown in every report",
            "angiv, hvorfor reglen ikke gælder her, og hvem der har besluttet det, f.eks. `allow {code} \
             \"...; besluttet af DPO 2026-11-01\"`; begrundelsen vises i hver rapport"
        ),
        NOT_AGES = (
            "`aged {youngest} to {oldest}` is not a range of ages",
            "`aged {youngest} to {oldest}` er ikke et aldersinterval"
        ),
        NOT_AGES_LABEL = ("not a range of ages", "ikke et aldersinterval"),
        NOT_AGES_HELP = (
            "write whole years, youngest first, e.g. `aged 6 to 16`",
            "skriv hele år, yngste først, f.eks. `aged 6 to 16`"
        ),
        SPECIAL_WITHOUT_KIND = (
            "`special` needs the kind of special-category data",
            "`special` skal angive, hvilken særlig kategori af personoplysninger det drejer sig om"
        ),
        SPECIAL_WITHOUT_KIND_LABEL = ("which art. 9(1) kind?", "hvilken kategori i art. 9, stk. 1?"),
        SPECIAL_WITHOUT_KIND_HELP = (
            "write e.g. `special(health)`; kinds: {kinds}",
            "skriv f.eks. `special(health)`; kategorier: {kinds}"
        ),
        NOT_DATA_CLASS = ("`{word}` is not a data class", "`{word}` er ikke en dataklasse"),
        NOT_DATA_CLASS_LABEL = ("unknown data class", "ukendt dataklasse"),
        DATA_CLASSES_DID_YOU_MEAN = (
            "did you mean `{class}`? A data class is one of: {classes}, or `special(KIND)` for the special \
             categories of GDPR art. 9(1), e.g. `special(health)`",
            "mente du `{class}`? En dataklasse er en af: {classes} eller `special(KIND)` for de særlige \
             kategorier i databeskyttelsesforordningens art. 9, stk. 1, f.eks. `special(health)`"
        ),
        DATA_CLASSES = (
            "a data class is one of: {classes}, or `special(KIND)` for the special \
             categories of GDPR art. 9(1), e.g. `special(health)`",
            "en dataklasse er en af: {classes} eller `special(KIND)` for de særlige \
             kategorier i databeskyttelsesforordningens art. 9, stk. 1, f.eks. `special(health)`"
        ),
        DEROGATION_WITHOUT_POINT = (
            "a derogation names its point of GDPR art. 49(1)",
            "en undtagelse angiver sit litra i databeskyttelsesforordningens art. 49, stk. 1"
        ),
        DEROGATION_WITHOUT_POINT_LABEL = ("which derogation?", "hvilken undtagelse?"),
        DEROGATION_WITHOUT_POINT_HELP = (
            "write `derogation(a)` ... `derogation(g)`, the letter of art. 49(1) relied on",
            "skriv `derogation(a)` ... `derogation(g)`, det litra i art. 49, stk. 1, der anvendes"
        ),
        NO_LETTER = (
            "`{word}` takes no letter in brackets",
            "`{word}` tager ikke et bogstav i parentes"
        ),
        NO_LETTER_LABEL = (
            "only `derogation(...)` takes a letter",
            "kun `derogation(...)` tager et bogstav"
        ),
        NAME_ONE_NONE_YET = (
            "name {noun} here; none is declared yet, e.g. `{example}`",
            "angiv {noun} her; der er endnu ikke erklæret nogen, f.eks. `{example}`"
        ),
        NAME_ONE_OF = (
            "name {noun} here; the spec declares {names}",
            "angiv {noun} her; specifikationen erklærer {names}"
        ),
        NAME_ONE_OF_MANY = (
            "name {noun} here (the spec declares {n})",
            "angiv {noun} her (specifikationen erklærer {n})"
        ),
        WRONG_KIND = ("`{name}` is {kind}, not {noun}", "`{name}` er {kind}, ikke {noun}"),
        EXPECTED_HERE = ("{noun} is expected here", "her forventes {noun}"),
        DECLARED_AS = ("`{name}` is declared as {kind} here", "`{name}` er erklæret som {kind} her"),
        UNKNOWN_NAME = ("unknown name `{name}`", "ukendt navn `{name}`"),
        MORE_UNKNOWN_USES = (
            "`{name}` is used {total} times; the first {shown} are reported",
            "`{name}` bruges {total} gange; de første {shown} er vist"
        ),
        NONE_WITH_THIS_NAME = (
            "no {noun} is declared with this name",
            "der er ikke erklæret nogen {noun} med dette navn"
        ),
        DID_YOU_MEAN = ("did you mean `{name}`?", "mente du `{name}`?"),
        REPLACE_WITH = ("write `{word}`", "skriv `{word}`"),
        DECLARE_IT = ("declare it, e.g. `{example}`", "erklær det, f.eks. `{example}`"),
        NOT_A_DATE = ("`{date}` is not a date", "`{date}` er ikke en dato"),
        NOT_A_DATE_LABEL = ("no such day", "den dag findes ikke"),
        NOT_A_DATE_HELP = (
            "write dates as YYYY-MM-DD with a real month and day, e.g. 2023-09-01",
            "skriv datoer som ÅÅÅÅ-MM-DD med en rigtig måned og dag, f.eks. 2023-09-01"
        ),
        DECLARATION_IN_ACTIVITY = (
            "`{word}` starts a new declaration, which cannot stand inside an activity: is the \
             `}}` that closes activity `{activity}` missing before this line?",
            "`{word}` indleder en ny erklæring, som ikke kan stå inde i en aktivitet: mangler den \
             `}}`, der afslutter aktiviteten `{activity}`, før denne linje?"
        ),
        STATEMENTS = ("an activity may hold: {statements}", "en aktivitet kan indeholde: {statements}"),
        UNKNOWN_STATEMENT = (
            "unknown statement `{word}` in activity `{activity}`",
            "ukendt angivelse `{word}` i aktiviteten `{activity}`"
        ),
        AS_NEEDS_WHEN = (
            "`as` belongs to a `data` statement and needs the use quoted after `when`: `data logs as criminal when \"ved mistanke om en kriminel handling\"`",
            "`as` hører til en `data`-angivelse og kræver anvendelsen i anførselstegn efter `when`: `data logs as criminal when \"ved mistanke om en kriminel handling\"`"
        ),
        IN_SOME_CASES = (
            "`in` belongs to a `basis` statement whose bases apply only to some cases, written `in some cases`: `basis gdpr 6(1)(a) in some cases \"når du selv søger\"`",
            "`in` hører til en `basis`-angivelse, hvis grundlag kun gælder i nogle sager, skrevet `in some cases`: `basis gdpr 6(1)(a) in some cases \"når du selv søger\"`"
        ),
        UNKNOWN_STATEMENT_LABEL = ("not a statement of the language", "ikke en angivelse i sproget"),
        GIVEN_TWICE = (
            "`{keyword}` is given twice in one activity",
            "`{keyword}` er angivet to gange i én aktivitet"
        ),
        GIVEN_AGAIN = ("given again here", "angivet igen her"),
        FIRST_GIVEN = ("first given here", "første gang angivet her"),
        KEEP_ONE = ("keep one of them", "behold den ene"),
        NOT_IN_ACTIVITY = (
            "`{name}` is named in `{statement}` but activity `{activity}` does not process it",
            "`{name}` er nævnt i `{statement}`, men aktiviteten `{activity}` behandler det ikke"
        ),
        NOT_IN_ACTIVITY_LABEL = ("not among the activity's data", "ikke blandt aktivitetens oplysninger"),
        NOT_IN_ACTIVITY_HELP = (
            "add `{name}` to the activity's `data` statement, or remove it here",
            "tilføj `{name}` til aktivitetens `data`-angivelse, eller fjern det her"
        ),
        THE_ACTIVITYS_DATA = ("the activity's data", "aktivitetens oplysninger"),
        ABOUT_NOT_IN_ACTIVITY = (
            "`{name}` is named in `about` but is not among the subjects of activity `{activity}`",
            "`{name}` er nævnt i `about`, men er ikke blandt de registrerede i aktiviteten `{activity}`"
        ),
        ABOUT_NOT_IN_ACTIVITY_LABEL = (
            "not among the activity's subjects",
            "ikke blandt aktivitetens registrerede"
        ),
        ABOUT_NOT_IN_ACTIVITY_HELP = (
            "add `{name}` to this activity's `subjects`",
            "tilføj `{name}` til denne aktivitets `subjects`"
        ),
        ABOUT_NEEDS_SUBJECTS = (
            "`about` follows the data of a `data` statement and names the groups of the activity's \
             subjects they are about: `data helbred about children`",
            "`about` står efter oplysningerne i en `data`-angivelse og nævner de grupper af \
             aktivitetens registrerede, de handler om: `data helbred about children`"
        ),
        THE_ACTIVITYS_SUBJECTS = ("the activity's subjects", "aktivitetens registrerede"),
        NOT_A_KLE_NUMBER = ("`{number}` is not a KLE number", "`{number}` er ikke et KLE-nummer"),
        NOT_A_KLE_NUMBER_LABEL = (
            "two digits, then .two digits for the group and .two digits for the subject",
            "to cifre, så .to cifre for gruppen og .to cifre for emnet"
        ),
        NOT_A_KLE_NUMBER_HELP = (
            "write the number as KLE-online shows it, e.g. `27.15.00` (main group, group, subject), \
             or `27.15` or `27` for a whole group",
            "skriv nummeret, som KLE-online viser det, f.eks. `27.15.00` (hovedgruppe, gruppe, emne), \
             eller `27.15` eller `27` for en hel gruppe"
        ),
        NOT_LIMIT = ("`{amount} {unit}` is not a limit", "`{amount} {unit}` er ikke en gyldig grænse"),
        NOT_SUPERVISION_PERIOD = (
            "`{amount} {unit}` is not a period of supervision",
            "`{amount} {unit}` er ikke en gyldig periode for tilsyn"
        ),
        NOT_COLLECTION_PERIOD = (
            "`{amount} {unit}` is not an interval of collection",
            "`{amount} {unit}` er ikke et gyldigt interval for indhentning"
        ),
        EMPTY_UNTIL = (
            "`until` names no event",
            "`until` angiver ingen begivenhed"
        ),
        EMPTY_UNTIL_LABEL = ("the criterion is empty", "kriteriet er tomt"),
        EMPTY_UNTIL_HELP = (
            "say what ends the period, as the notice does, e.g. `until \"ansættelsen ophører\"`",
            "angiv, hvad der afslutter perioden, som oplysningen gør, f.eks. `until \"ansættelsen ophører\"`"
        ),
        PERIOD_TOO_LONG = (
            "`{amount} {unit}` is longer than any period hjemmel accepts",
            "`{amount} {unit}` er længere end nogen periode, hjemmel accepterer"
        ),
        PERIOD_TOO_LONG_LABEL = ("at most {years} years", "højst {years} år"),
        PERIOD_TOO_LONG_HELP = (
            "a period is at most {years} years ({days} days); data kept for good is written `archive` instead of `for ...`, otherwise check the number",
            "en periode er højst {years} år ({days} dage); oplysninger, der gemmes for altid, skrives `archive` i stedet for `for ...`, ellers kontrollér tallet"
        ),
        NOT_RETENTION_PERIOD = (
            "`{amount} {unit}` is not a retention period",
            "`{amount} {unit}` er ikke en gyldig opbevaringsperiode"
        ),
        WHOLE_NUMBER = (
            "a period is a whole number greater than zero",
            "en periode er et helt tal større end nul"
        ),
        NEGATIVE_PERIOD = (
            "a period counts forward from collection: write `for {amount} {unit}`",
            "en periode regnes frem fra indsamlingen: skriv `for {amount} {unit}`"
        ),
        ZERO_PERIOD = (
            "a period of zero keeps nothing: write how long the data is kept, e.g. `for 1 day`, or leave \
             the category out of the activity if it is not kept",
            "en periode på nul opbevarer intet: skriv, hvor længe oplysningerne opbevares, f.eks. `for 1 day`, \
             eller udelad kategorien af aktiviteten, hvis den ikke opbevares"
        ),
        SMALLER_UNIT = (
            "use a smaller unit: `for {amount} {unit}`",
            "brug en mindre enhed: `for {amount} {unit}`"
        ),
        WHOLE_NUMBER_HELP = (
            "write a whole number, in a smaller unit if need be, e.g. `for 18 months` rather \
             than `for 1.5 years`",
            "skriv et helt tal, om nødvendigt i en mindre enhed, f.eks. `for 18 months` i stedet \
             for `for 1.5 years`"
        ),
        PERIOD_EXAMPLE = (
            "write e.g. `for 90 days` or `for 5 years`",
            "skriv f.eks. `for 90 days` eller `for 5 years`"
        ),
        LIMIT_EXAMPLE = (
            "write e.g. `limit 5 years`",
            "skriv f.eks. `limit 5 years`"
        ),
        SUPERVISION_EXAMPLE = (
            "write e.g. `supervision every 1 year`",
            "skriv f.eks. `supervision every 1 year`"
        ),
        COLLECTION_EXAMPLE = (
            "write e.g. `every 1 year`",
            "skriv f.eks. `every 1 year`"
        ),
        ZERO_LIMIT = (
            "a limit of zero lets no activity keep the category: write the longest period it may be kept, e.g. `limit 5 years`, or leave the limit out",
            "en grænse på nul lader ingen aktivitet opbevare kategorien: skriv den længste periode, den må opbevares, f.eks. `limit 5 years`, eller udelad grænsen"
        ),
        ZERO_SUPERVISION = (
            "write how often the processors are supervised, e.g. `supervision every 1 year`, or leave the statement out to use the default period",
            "skriv, hvor ofte der føres tilsyn med databehandlerne, f.eks. `supervision every 1 year`, eller udelad angivelsen for at bruge standardperioden"
        ),
        ZERO_COLLECTION = (
            "write how often the data is collected anew, e.g. `every 1 year`, or leave the statement out if it is collected once",
            "skriv, hvor ofte oplysningerne indhentes på ny, f.eks. `every 1 year`, eller udelad angivelsen, hvis de indhentes én gang"
        ),
        INTERVAL_TOO_LONG_HELP = (
            "a period is at most {years} years ({days} days); check the number",
            "en periode er højst {years} år ({days} dage); kontrollér tallet"
        ),
    }
}

/// An activity while its statements are read: its lists grow here, and [`ActivityDraft::finish`]
/// makes them the model's boxed slices (allocated to the size the statements give, so boxing them
/// moves nothing).
struct ActivityDraft {
    name: ast::Name,
    label: ast::Text,
    span: Span,
    purposes: Vec<ast::Text>,
    subjects: Vec<Ref<SubjectsId>>,
    data: Vec<Ref<DataId>>,
    sources: Vec<Ref<Origin>>,
    bases: Vec<LegalRef>,
    basis_spans: Vec<Span>,
    retention: Vec<RetentionRule>,
    processors: Vec<Ref<ProcessorId>>,
    disclosures: Vec<Disclosure>,
    notice: Option<NoticeDecl>,
    details: Option<Box<ActivityDetails>>,
}

impl ActivityDraft {
    /// The details, to fill in: made on the first statement that needs them.
    fn details_mut(&mut self) -> &mut ActivityDetails {
        self.details.get_or_insert_with(Box::default)
    }

    fn finish(self) -> Activity {
        Activity {
            name: self.name,
            label: self.label,
            span: self.span,
            purposes: self.purposes.into_boxed_slice(),
            subjects: self.subjects.into_boxed_slice(),
            data: self.data.into_boxed_slice(),
            sources: self.sources.into_boxed_slice(),
            bases: self.bases.into_boxed_slice(),
            basis_spans: self.basis_spans.into_boxed_slice(),
            retention: self.retention.into_boxed_slice(),
            processors: self.processors.into_boxed_slice(),
            disclosures: self.disclosures.into_boxed_slice(),
            notice: self.notice,
            details: self.details,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::packed_citation;
    use crate::syntax::ast::Parts;

    fn packed(act: &str, provision: &str) -> Option<u128> {
        let (number, parts) = Parts::split(provision);
        packed_citation(act, number, &parts)
    }

    #[test]
    fn a_packed_citation_is_the_citation_as_written() {
        let gdpr = packed("gdpr", "6(1)(e)");
        assert!(gdpr.is_some());
        assert_eq!(gdpr, packed("gdpr", "6(1)(e)"));
        for other in [
            packed("dbl", "6(1)(e)"),
            packed("gdpr", "6(1)(f)"),
            packed("gdpr", "6(1)"),
            packed("gdpr", "61(e)"),
            packed("gdpr", "6(1e)"),
            packed("gdpr", "6"),
        ] {
            assert!(other.is_some());
            assert_ne!(gdpr, other);
        }
        // Unknown acts and long spellings go to the map of words.
        assert_eq!(packed("gdrp", "6(1)(e)"), None);
        assert_eq!(packed("gdpr", "6(1)(e)(1)(2)(3)"), None);
        assert!(packed("gdpr", "6(1)(e)(1)(2)").is_some());
    }
}
