//! What a rule sees, and the one place where findings get their code, severity, provisions, the
//! declaration they are about and whether the law data they rest on is verified.

use std::any::Any;
use std::cell::{OnceCell, RefCell, RefMut};

use crate::diagnostic::{Declaration, DeclarationKind, Diagnostic, Label, Origin};
use crate::flow::FlowGraph;
use crate::flow::transfers::Destination;
use crate::i18n::Lang;
use crate::law::acts::ActId;
use crate::semantic::model::{
    Activity, Controller, DataCategory, JointController, Model, Processor, Recipient, Source,
    SubjectGroup,
};
use crate::source::SourceMap;
use crate::syntax::span::Span;

use super::{Cite, RuleMeta};

pub struct Context<'a> {
    pub model: &'a Model,
    pub flow: &'a FlowGraph,
    pub sources: &'a SourceMap,
    /// Every party outside the EU/EEA (or of unknown place) that data reaches, walked once for all
    /// the transfer rules ([`crate::flow::transfers::destinations`]).
    pub transfers: &'a [Destination<'a>],
    /// The activities to check: all of the model's, or a run of them for a rule that checks each
    /// activity on its own ([`super::Rule::by_activity`]). Another activity (a source of data, say)
    /// is looked up in `model`.
    pub activities: &'a [Activity],
    /// The language to word findings in: `tr!(cx.lang, TEXT, ...)`.
    pub lang: Lang,
    /// Where each declaration of the model is, to tell which one a finding is about.
    declarations: &'a Declarations<'a>,
    /// The rule's metadata and provisions.
    citations: &'a Citations,
    /// What the rule keeps from one run of activities to the next ([`Context::state`]).
    state: &'a RuleState,
    findings: &'a mut Vec<Diagnostic>,
}

/// What a rule keeps from one run of activities to the next: one per rule and check, empty until
/// the rule first asks for it ([`Context::state`]).
pub type RuleState = RefCell<Option<Box<dyn Any>>>;

/// A rule's provisions as cited in `lang`, and those of them the law data marks unverified: the
/// same for every finding of the rule, so made once per check (not once per run of activities);
/// the unverified ones at the first finding, since telling them reads the acts' provisions, which
/// a rule without findings (most rules on a small spec) need not.
#[derive(Debug)]
pub struct Citations {
    meta: &'static RuleMeta,
    lang: Lang,
    provisions: Vec<String>,
    unverified: OnceCell<Vec<String>>,
}

impl Citations {
    pub fn of(meta: &'static RuleMeta, lang: Lang) -> Citations {
        let cite = |c: &Cite| crate::i18n::citation::cite(lang, c.act, c.provision);
        Citations {
            meta,
            lang,
            provisions: meta.provisions.iter().map(cite).collect(),
            unverified: OnceCell::new(),
        }
    }

    /// The rule's provisions that the law data marks unverified, cited in `lang`.
    fn unverified(&self) -> &Vec<String> {
        self.unverified.get_or_init(|| {
            self.meta
                .provisions
                .iter()
                .filter(|c| !is_verified(c.act, c.provision))
                .map(|c| crate::i18n::citation::cite(self.lang, c.act, c.provision))
                .collect()
        })
    }
}

impl<'a> Context<'a> {
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn new(
        model: &'a Model,
        flow: &'a FlowGraph,
        sources: &'a SourceMap,
        transfers: &'a [Destination<'a>],
        declarations: &'a Declarations<'a>,
        citations: &'a Citations,
        state: &'a RuleState,
        activities: &'a [Activity],
        findings: &'a mut Vec<Diagnostic>,
    ) -> Self {
        Context {
            model,
            flow,
            sources,
            transfers,
            activities,
            lang: citations.lang,
            declarations,
            citations,
            state,
            findings,
        }
    }

    /// What the rule keeps across the runs of activities it is given ([`super::Rule::by_activity`]):
    /// made by `new` at the first call of the check, then the same at every run and in
    /// [`super::Rule::finish`]. It borrows from the state, not from the context, so the rule can
    /// report while it holds it.
    pub fn state<S: Any>(&self, new: impl FnOnce() -> S) -> RefMut<'a, S> {
        let state: &'a RuleState = self.state;
        RefMut::map(state.borrow_mut(), |kept| {
            kept.get_or_insert_with(|| Box::new(new()))
                .downcast_mut::<S>()
                .expect("a rule keeps one type of state")
        })
    }

    /// Starts a finding of the current rule at `span`: code, severity and provisions come from the
    /// rule's metadata, the declaration it is about is the one `span` stands in (override it with
    /// [`Diagnostic::about`] when the finding is about another), and the provisions whose law data
    /// is unverified are marked. Add labels and help, then pass it to [`Context::report`].
    pub fn finding(
        &self,
        message: impl Into<String>,
        span: Span,
        label: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            code: self.citations.meta.code.to_string(),
            origin: Origin::Rule,
            severity: self.citations.meta.severity,
            message: message.into(),
            primary: Some(Label::new(span, label)),
            secondary: Vec::new(),
            help: None,
            provisions: self.citations.provisions.clone(),
            path: Vec::new(),
            note: None,
            declaration: self.declarations.at(span, self.activities),
            unverified: self.citations.unverified().clone(),
            suggestions: Vec::new(),
        }
    }

    /// Gives `finding` the provisions that fit this finding in place of the rule's own list: cited in
    /// the finding's language, and marked where the law data is unverified, as [`Context::finding`]
    /// does for the rule's list.
    pub fn with_provisions<A: AsRef<str>, P: AsRef<str>>(
        &self,
        mut finding: Diagnostic,
        provisions: impl IntoIterator<Item = (A, P)>,
    ) -> Diagnostic {
        finding.provisions.clear();
        finding.unverified.clear();
        for (act, provision) in provisions {
            let (act, provision) = (act.as_ref(), provision.as_ref());
            let cited = crate::i18n::citation::cite(self.lang, act, provision);
            if !is_verified(act, provision) {
                finding.unverified.push(cited.clone());
            }
            finding.provisions.push(cited);
        }
        finding
    }

    pub fn report(&mut self, finding: Diagnostic) {
        self.findings.push(finding);
    }
}

/// Whether the law data of every provision `cite` names is verified. A citation of an act or a
/// provision the data does not hold (a judgment, a provision outside the table) is not marked: there
/// is no entry to be unverified.
pub fn is_verified(act: &str, provision: &str) -> bool {
    let Some(act) = ActId::ALL
        .into_iter()
        .find(|id| id.header().short.eq_ignore_ascii_case(act))
    else {
        return true;
    };
    let act = act.act();
    provision_numbers(provision)
        .iter()
        .all(|number| act.provision(number).is_none_or(|p| p.verified))
}

/// The article or § numbers a rule's citation names, as the law data writes them: `art. 5(1)(e)` →
/// `5`; `§ 4 c, stk. 4–5` → `4c`; `§§ 7, 10, 12` → `7`, `10`, `12`.
fn provision_numbers(provision: &str) -> Vec<String> {
    let text = provision.trim();
    if let Some(rest) = text.strip_prefix("art.") {
        let number: String = rest
            .trim_start()
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        return vec![number].into_iter().filter(|n| !n.is_empty()).collect();
    }
    let Some(rest) = text.strip_prefix('§') else {
        return Vec::new();
    };
    let rest = rest.trim_start_matches('§');
    // Up to `, stk.`: the numbers, each a digit run with an optional letter (`4 c`).
    let numbers = rest.split(", stk.").next().unwrap_or_default();
    numbers
        .split(',')
        .map(|n| n.chars().filter(|c| !c.is_whitespace()).collect::<String>())
        .filter(|n| !n.is_empty() && n.starts_with(|c: char| c.is_ascii_digit()))
        .collect()
}

/// Where each declaration of a model is written, to find the one a place in the spec stands in.
/// Made once per check, for every rule. It borrows the names and labels from the model: only the
/// declarations a finding is about are copied, not all of them (two strings per activity).
///
/// The activities, most of the declarations of a large spec, are not indexed up front: a finding
/// is nearly always in one of the activities being checked, which a run of them holds in the cache
/// ([`Declarations::at`]); reading every activity's place first read the whole model once more.
#[derive(Debug)]
pub struct Declarations<'m> {
    model: &'m Model,
    /// Every declaration but the activities, by file, then start; a sub-processor comes after the
    /// processor it is nested in.
    others: Vec<(Span, Placed<'m>)>,
    /// The activities' places and their places in the model's list, by file, then start: made at
    /// the first finding that is in none of the activities being checked, nor in another
    /// declaration.
    activities: OnceCell<Vec<(Span, usize)>>,
}
/// A declaration as [`Declarations`] keeps it: [`Declaration`] with its words borrowed.
#[derive(Debug, Clone, Copy)]
pub struct Placed<'m> {
    kind: DeclarationKind,
    name: &'m str,
    label: &'m str,
}

impl<'m> Declarations<'m> {
    pub fn of(model: &'m Model) -> Declarations<'m> {
        let others = std::iter::once(model.controller.placed())
            .chain(model.subjects.iter().map(Declared::placed))
            .chain(model.data.iter().map(Declared::placed))
            .chain(model.sources.iter().map(Declared::placed))
            .chain(model.processors.iter().map(Declared::placed))
            .chain(model.recipients.iter().map(Declared::placed))
            .chain(model.joint_controllers.iter().map(Declared::placed));
        Declarations {
            model,
            others: by_place(others),
            activities: OnceCell::new(),
        }
    }

    /// The innermost declaration whose words hold `span`; `checked`, the activities being checked
    /// (in the model's order), are looked at first.
    pub fn at(&self, span: Span, checked: &[Activity]) -> Option<Declaration> {
        if span.is_synthetic() {
            return None;
        }
        // Declarations nest only as a processor's sub-processors do: an activity that holds the
        // span is the one. The activities are in the order they are written, so the one that holds
        // it is the last that starts at or before it; if not (in another file's order, say), the
        // index below still answers.
        let after =
            checked.partition_point(|a| (a.span.file, a.span.start) <= (span.file, span.start));
        let placed = checked[..after]
            .last()
            .filter(|a| holds(a.span, span))
            .map(|a| a.placed().1)
            .or_else(|| innermost(&self.others, span))
            .or_else(|| {
                let activities = self.activities.get_or_init(|| {
                    let places = self.model.activities.iter().map(|a| a.span);
                    by_place(places.zip(0..))
                });
                innermost(activities, span).map(|i| self.model.activities[i].placed().1)
            })?;
        Some(Declaration {
            kind: placed.kind,
            name: placed.name.to_string(),
            label: placed.label.to_string(),
        })
    }
}

/// The declarations with a place in the spec, by file, then start (the outer of two that start
/// together first).
fn by_place<T>(declarations: impl Iterator<Item = (Span, T)>) -> Vec<(Span, T)> {
    // One allocation of the declarations' count (the chains' upper bound), not a list doubled
    // a dozen times as the filtered items come (tests/scaling.rs holds it).
    let mut spans = Vec::with_capacity(declarations.size_hint().1.unwrap_or(0));
    spans.extend(declarations.filter(|(span, _)| !span.is_synthetic()));
    spans.sort_by_key(|(span, _)| (span.file, span.start, std::cmp::Reverse(span.end)));
    spans
}

/// Whether the words at `outer` hold those at `inner`.
fn holds(outer: Span, inner: Span) -> bool {
    outer.file == inner.file && outer.start <= inner.start && inner.end <= outer.end
}

/// The innermost of `spans` (sorted [`by_place`]) that holds `span`.
fn innermost<T: Copy>(spans: &[(Span, T)], span: Span) -> Option<T> {
    let after = spans.partition_point(|(s, _)| (s.file, s.start) <= (span.file, span.start));
    // Declarations nest only as a processor's sub-processors do, so walking back passes only the
    // siblings before the one that holds the span.
    spans[..after]
        .iter()
        .rev()
        .take_while(|(s, _)| s.file == span.file)
        .find(|(s, _)| holds(*s, span))
        .map(|(_, placed)| *placed)
}

/// A declaration of the model, as a finding names it.
pub trait Declared {
    fn declaration(&self) -> Declaration;
    /// The declaration with the span of its words, borrowed for [`Declarations`].
    fn placed(&self) -> (Span, Placed<'_>);
}

macro_rules! declared {
    ($($type:ty => $kind:ident),+ $(,)?) => {$(
        impl Declared for $type {
            fn declaration(&self) -> Declaration {
                Declaration {
                    kind: DeclarationKind::$kind,
                    name: self.name.node.clone(),
                    label: self.label.node.to_string(),
                }
            }
            fn placed(&self) -> (Span, Placed<'_>) {
                let placed = Placed {
                    kind: DeclarationKind::$kind,
                    name: &self.name.node,
                    label: &self.label.node,
                };
                (self.span, placed)
            }
        }
    )+};
}

declared! {
    Controller => Controller,
    SubjectGroup => Subjects,
    DataCategory => Data,
    Source => Source,
    Processor => Processor,
    Recipient => Recipient,
    JointController => JointController,
    Activity => Activity,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provision_numbers_are_read_as_the_law_data_writes_them() {
        assert_eq!(provision_numbers("art. 5(1)(e)"), ["5"]);
        assert_eq!(provision_numbers("art. 6(1), second subparagraph"), ["6"]);
        assert_eq!(provision_numbers("§ 4 c, stk. 4–5"), ["4c"]);
        assert_eq!(provision_numbers("§§ 7, 10, 12"), ["7", "10", "12"]);
        assert_eq!(provision_numbers("§ 30, nr. 1"), ["30"]);
        assert!(provision_numbers("C-311/18 (Schrems II)").is_empty());
    }

    /// A sub-processor is declared inside its processor: a place in the processor after the
    /// sub-processor's block belongs to the processor, not to the sub-processor walked past first.
    #[test]
    fn a_place_after_a_sub_processor_belongs_to_its_processor() {
        use crate::source::SourceFile;
        let text = "controller c \"C\" {\n  contact \"c@c.dk\"\n}\n\
                    processor p \"P\" {\n  subprocessor q \"Q\" {\n    country DE\n  }\n  country DK\n}\n\
                    activity a \"A\" {\n  purpose \"A\"\n}\nactivity b \"B\" {\n  purpose \"B\"\n}\n";
        let mut sources = SourceMap::new();
        let file = sources.add(SourceFile::new("spec.hjemmel", text));
        let (model, _) = crate::compile(&sources, crate::i18n::Lang::En).unwrap();
        let declarations = Declarations::of(&model);
        // Found with the activities being checked and without (from the index made then).
        for checked in [&model.activities[..], &[]] {
            let name_at = |needle: &str| {
                let start = text.find(needle).unwrap();
                let span = Span::new(file, start, start + needle.len());
                declarations.at(span, checked).map(|d| d.name)
            };
            assert_eq!(name_at("country DE").as_deref(), Some("q"));
            assert_eq!(name_at("country DK").as_deref(), Some("p"));
            assert_eq!(name_at("contact").as_deref(), Some("c"));
            assert_eq!(name_at("purpose").as_deref(), Some("a"));
            assert_eq!(name_at("purpose \"B\"").as_deref(), Some("b"));
        }
    }

    #[test]
    fn a_provision_marked_unverified_in_the_law_data_is_found() {
        // arkivl.toml marks § 3 `verified = false`; the GDPR's art. 5 is verified.
        assert!(!is_verified("Arkivloven", "§ 3"));
        assert!(is_verified("GDPR", "art. 5(1)(e)"));
        assert!(is_verified("CJEU", "C-311/18 (Schrems II)"));
    }
}
