//! hjemmel: a compliance-as-code checker for personal-data processing under the GDPR and Danish
//! data-protection law.
//!
//! The pipeline runs one way: text → syntax → semantic model → flow graph → rules → findings →
//! reports. Each step is a module; [`check_spec`] runs them all.

// A spec error carries labels, help and provisions; it travels only on the cold error path, so its
// size in `Result` is not worth boxing for.
#![allow(clippy::result_large_err)]

pub mod allocator;
pub mod config;
pub mod diagnostic;
pub mod diff;
pub mod escape;
pub mod flow;
pub mod fmt;
pub mod i18n;
pub mod ide;
pub mod import;
pub mod init;
pub(crate) mod json_writer;
pub mod law;
pub mod lsp;
pub mod notice;
mod prefetch;
pub mod report;
pub mod ropa;
pub mod rules;
pub mod semantic;
pub mod source;
pub(crate) mod spec_map;
pub mod syntax;

use std::path::Path;

use config::Config;
use config::waivers::Suppressed;
use diagnostic::Diagnostic;
use flow::FlowGraph;
use i18n::Lang;
use semantic::model::Model;
use source::SourceMap;

/// A spec that was read, parsed and resolved, with the findings of the rules.
pub struct Checked {
    pub model: Model,
    pub flow: FlowGraph,
    /// The findings reported, with the severities the spec's settings give them.
    pub findings: Vec<Diagnostic>,
    /// The findings a waiver or the settings turned off, with the reason.
    pub suppressed: Vec<Suppressed>,
}

/// The result of checking one spec. The source map is always there, so errors can be rendered.
pub struct Outcome {
    pub sources: SourceMap,
    /// `Ok` when the spec was understood (findings inside); `Err` with the spec errors otherwise.
    pub result: Result<Checked, Vec<Diagnostic>>,
}

impl Outcome {
    /// What the renderers need of this outcome: the findings, or the spec errors.
    pub fn report<'a>(&'a self, path: &'a str) -> report::SpecReport<'a> {
        let (diagnostics, suppressed, understood) = match &self.result {
            Ok(checked) => (
                checked.findings.as_slice(),
                checked.suppressed.as_slice(),
                true,
            ),
            Err(errors) => (errors.as_slice(), &[][..], false),
        };
        report::SpecReport {
            path,
            sources: &self.sources,
            diagnostics,
            suppressed,
            understood,
        }
    }
}

/// Reads, compiles and checks the spec at `path` (a `.hjemmel` file or a directory of them); the
/// findings are worded in `lang`.
pub fn check_spec(path: &Path, lang: Lang) -> Outcome {
    match source::load(path, lang) {
        Ok(sources) => {
            let result = check_sources(&sources, lang);
            Outcome { sources, result }
        }
        Err(failed) => Outcome {
            sources: failed.sources,
            result: Err(vec![failed.error]),
        },
    }
}

/// Compiles and checks a spec already in memory, applying its settings and waivers.
pub fn check_sources(sources: &SourceMap, lang: Lang) -> Result<Checked, Vec<Diagnostic>> {
    let config = load_config(sources, lang);
    let compiled = compile(sources, lang);
    let (config, (model, flow)) = match (config, compiled) {
        (Ok(config), Ok(compiled)) => (config, compiled),
        (config, compiled) => {
            let mut errors = config.err().unwrap_or_default();
            errors.extend(compiled.err().unwrap_or_default());
            errors.sort_by(Diagnostic::cmp_by_key);
            return Err(errors);
        }
    };
    let unknown_codes = config::waivers::check_codes(&model.waivers, lang);
    if !unknown_codes.is_empty() {
        return Err(unknown_codes);
    }
    let findings = run_rules(&model, &flow, sources, lang);
    let (findings, suppressed) = config::waivers::apply(findings, &config, &model.waivers, lang);
    Ok(Checked {
        model,
        flow,
        findings,
        suppressed,
    })
}

/// The spec's settings file, read and validated (errors worded in `lang`); the defaults when there
/// is none.
pub fn load_config(sources: &SourceMap, lang: Lang) -> Result<Config, Vec<Diagnostic>> {
    match sources.config() {
        Some((id, file)) => config::parse(id, &file.text, lang),
        None => Ok(Config::default()),
    }
}

/// Text → resolved model and flow graph, or every spec error found (worded in `lang`).
pub fn compile(sources: &SourceMap, lang: Lang) -> Result<(Model, FlowGraph), Vec<Diagnostic>> {
    // Parsing and resolving go declaration by declaration (semantic/stream.rs); the result is the one
    // of `syntax::parser::parse_file` on every spec file, then `semantic::resolve::resolve`.
    let model = semantic::stream::parse_and_resolve(sources, lang)?;
    let flow = FlowGraph::build(&model);
    Ok((model, flow))
}

/// Runs every rule; findings come back in a stable order (file, position, code), worded in `lang`.
pub fn run_rules(
    model: &Model,
    flow: &FlowGraph,
    sources: &SourceMap,
    lang: Lang,
) -> Vec<Diagnostic> {
    let mut findings = Vec::new();
    // Several rules look at transfers: walk the graph for them once.
    let transfers = flow::transfers::destinations(model, flow);
    // Which declaration each finding is about: found by place, from one index for every rule.
    let declarations = rules::context::Declarations::of(model);
    for rule in rules::registry::RULES {
        let mut cx = rules::Context::new(
            model,
            flow,
            sources,
            &transfers,
            &declarations,
            rule.meta(),
            lang,
            &mut findings,
        );
        rule.check(&mut cx);
    }
    rules::order::sort(&mut findings);
    findings
}
