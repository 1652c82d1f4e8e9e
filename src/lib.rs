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
#[cfg(target_arch = "x86_64")]
pub(crate) mod sse2;
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
    run_rules_in_runs(model, flow, sources, lang, ACTIVITIES_PER_RUN)
}

/// How many activities the rules that check each activity on its own take at a time: a run's
/// activities, with what hangs off them (a few MB in the synth specs, at about 2 KB of model an
/// activity), stay in the cache while every such rule reads them.
const ACTIVITIES_PER_RUN: usize = 1024;

/// The findings reserved beside one per activity ([`run_rules_in_runs`]): a spec of few activities
/// has findings about its other declarations too.
const FINDINGS_BESIDE_ACTIVITIES: usize = 256;

/// [`run_rules`], with the rules that check each activity on its own ([`rules::Rule::by_activity`])
/// given `per_run` activities at a time, each run to every such rule before the next: checked rule
/// by rule, the activities of a large spec (hundreds of MB at 100,000) were read from memory again
/// by each rule, having left the cache since the rule before. The other rules check every activity
/// in one go. The findings come out the same whatever `per_run` is (a test holds it to that).
fn run_rules_in_runs(
    model: &Model,
    flow: &FlowGraph,
    sources: &SourceMap,
    lang: Lang,
    per_run: usize,
) -> Vec<Diagnostic> {
    // Room for a finding per activity, reserved but not touched: a page of it is first touched when
    // a finding is written there (about one finding per four activities in the synth specs), and
    // the list is not copied as it grows by doubling (to 10 MB at 100,000 activities). A spec with
    // more findings grows it as before.
    let mut findings = Vec::with_capacity(model.activities.len() + FINDINGS_BESIDE_ACTIVITIES);
    // Several rules look at transfers: walk the graph for them once.
    let transfers = flow::transfers::destinations(model, flow);
    // Which declaration each finding is about: found by place, from one index for every rule.
    let declarations = rules::context::Declarations::of(model);
    let rules = rules::registry::RULES;
    let citations: Vec<rules::context::Citations> = rules
        .iter()
        .map(|rule| rules::context::Citations::of(rule.meta(), lang))
        .collect();
    // What each rule keeps from one run of activities to the next.
    let states: Vec<rules::context::RuleState> = rules.iter().map(|_| Default::default()).collect();
    // Which rule reported which findings, for the sort: (the rule's place, its findings).
    let mut reports = Vec::new();
    let mut check = |place: usize, activities, step: fn(&dyn rules::Rule, &mut rules::Context)| {
        let start = findings.len();
        let mut cx = rules::Context::new(
            model,
            flow,
            sources,
            &transfers,
            &declarations,
            &citations[place],
            &states[place],
            activities,
            &mut findings,
        );
        step(rules[place], &mut cx);
        if findings.len() > start {
            reports.push((place, start..findings.len()));
        }
    };
    let by_activity: Vec<bool> = rules.iter().map(|rule| rule.by_activity()).collect();
    for place in (0..rules.len()).filter(|&place| !by_activity[place]) {
        check(place, &model.activities, |rule, cx| rule.check(cx));
    }
    for activities in model.activities.chunks(per_run.max(1)) {
        for place in (0..rules.len()).filter(|&place| by_activity[place]) {
            check(place, activities, |rule, cx| rule.check(cx));
        }
    }
    for place in (0..rules.len()).filter(|&place| by_activity[place]) {
        check(place, &[], |rule, cx| rule.finish(cx));
    }
    rules::order::sort_by_rule(&mut findings, &mut reports);
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The findings of `spec` with the activities given to the rules `per_run` at a time.
    fn findings_in_runs(spec: &Path, lang: Lang, per_run: usize) -> Option<Vec<Diagnostic>> {
        let sources = source::load(spec, lang).ok()?;
        let (model, flow) = compile(&sources, lang).ok()?;
        Some(run_rules_in_runs(&model, &flow, &sources, lang, per_run))
    }

    /// The runs of activities change neither the findings nor their order: the specs in the
    /// repository and every rule fixture, checked an activity at a time, a few at a time and all
    /// in one run, in both languages for the specs.
    #[test]
    fn the_findings_are_the_same_whatever_the_run_of_activities() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut checked = 0;
        for (spec, lang) in [
            ("specs/lejre", Lang::En),
            ("specs/lejre", Lang::Da),
            ("specs/randers", Lang::En),
            ("specs/randers", Lang::Da),
        ] {
            let spec = root.join(spec);
            let whole = findings_in_runs(&spec, lang, usize::MAX).expect("the spec compiles");
            assert!(
                whole.len() > 10,
                "{}: {} findings",
                spec.display(),
                whole.len()
            );
            for per_run in [1, 3] {
                let in_runs = findings_in_runs(&spec, lang, per_run).unwrap();
                assert!(in_runs == whole, "{} in runs of {per_run}", spec.display());
            }
            checked += 1;
        }
        let mut fixtures = vec![root.join("tests/fixtures/rules")];
        while let Some(dir) = fixtures.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    fixtures.push(path);
                    continue;
                }
                if path.extension().is_none_or(|e| e != "hjemmel") {
                    continue;
                }
                let Some(whole) = findings_in_runs(&path, Lang::En, usize::MAX) else {
                    continue;
                };
                let in_runs = findings_in_runs(&path, Lang::En, 1).unwrap();
                assert!(in_runs == whole, "{} an activity at a time", path.display());
                checked += 1;
            }
        }
        assert!(checked > 400, "{checked} specs checked");
    }
}
