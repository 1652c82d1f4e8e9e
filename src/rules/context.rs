//! What a rule sees, and the one place where findings get their code, severity and provisions.

use crate::diagnostic::{Diagnostic, Label, Origin};
use crate::flow::FlowGraph;
use crate::flow::transfers::Destination;
use crate::i18n::Lang;
use crate::semantic::model::Model;
use crate::source::SourceMap;
use crate::syntax::span::Span;

use super::RuleMeta;

pub struct Context<'a> {
    pub model: &'a Model,
    pub flow: &'a FlowGraph,
    pub sources: &'a SourceMap,
    /// Every party outside the EU/EEA (or of unknown place) that data reaches, walked once for all
    /// the transfer rules ([`crate::flow::transfers::destinations`]).
    pub transfers: &'a [Destination<'a>],
    /// The language to word findings in: `tr!(cx.lang, TEXT, ...)`.
    pub lang: Lang,
    meta: &'static RuleMeta,
    findings: &'a mut Vec<Diagnostic>,
}

impl<'a> Context<'a> {
    pub(crate) fn new(
        model: &'a Model,
        flow: &'a FlowGraph,
        sources: &'a SourceMap,
        transfers: &'a [Destination<'a>],
        meta: &'static RuleMeta,
        lang: Lang,
        findings: &'a mut Vec<Diagnostic>,
    ) -> Self {
        Context {
            model,
            flow,
            sources,
            transfers,
            lang,
            meta,
            findings,
        }
    }

    /// Starts a finding of the current rule at `span`: code, severity and provisions come from the
    /// rule's metadata. Add labels and help, then pass it to [`Context::report`].
    pub fn finding(
        &self,
        message: impl Into<String>,
        span: Span,
        label: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            code: self.meta.code.to_string(),
            origin: Origin::Rule,
            severity: self.meta.severity,
            message: message.into(),
            primary: Some(Label::new(span, label)),
            secondary: Vec::new(),
            help: None,
            provisions: self
                .meta
                .provisions
                .iter()
                .map(|c| crate::i18n::citation::cite(self.lang, c.act, c.provision))
                .collect(),
            path: Vec::new(),
            note: None,
        }
    }

    pub fn report(&mut self, finding: Diagnostic) {
        self.findings.push(finding);
    }
}
