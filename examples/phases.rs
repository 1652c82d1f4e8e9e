//! Times each phase of `hjemmel check FILE --format json` on one spec, for scripts/bench.sh.
//!
//! ```text
//! cargo run --release --example phases -- /tmp/s10k.hjemmel [--runs 3]
//! ```
//!
//! Prints one line per phase, `phase<TAB>milliseconds<TAB>resident KiB`, in pipeline order:
//! `load` (`hjemmel::source::load`: read the file, index its lines), then the two steps of
//! `hjemmel::compile`: `compile` (text → model, parsing and resolving one declaration at a time,
//! `hjemmel::semantic::stream::parse_and_resolve`) and `flow` (the flow graph); then `rules`
//! (`hjemmel::run_rules`), `json` (`hjemmel::report::json::render`), `teardown` (dropping the source,
//! model, flow graph, findings and report, as the command does before it exits) and `total` (the
//! whole run). The time is the best of the runs. The memory is the resident set size
//! after the phase in the first run (freed memory is mostly kept by the allocator, so it seldom goes
//! down; `-` where /proc/self/status cannot be read), and for `total` the peak (VmHWM). A last
//! line, `findings<TAB>N`, gives the number of findings.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use hjemmel::report::SpecReport;

// The allocator of the `hjemmel` binary (src/main.rs), so that the phases add up to its run.
#[global_allocator]
static ALLOCATOR: hjemmel::allocator::MiMalloc = hjemmel::allocator::MiMalloc;

/// One phase: its name, how long it took, and the resident set size after it (KiB).
struct Phase {
    name: &'static str,
    time: Duration,
    rss_kib: Option<u64>,
}

fn main() -> ExitCode {
    let mut path: Option<PathBuf> = None;
    let mut runs = 3usize;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--runs" => match args.next().and_then(|v| v.parse().ok()) {
                Some(n) if n > 0 => runs = n,
                _ => return usage(),
            },
            _ if path.is_none() && !arg.starts_with('-') => path = Some(PathBuf::from(arg)),
            _ => return usage(),
        }
    }
    let Some(path) = path else { return usage() };

    let mut best: Vec<Phase> = Vec::new();
    let mut findings = 0;
    for _ in 0..runs {
        let Some((phases, count)) = run_once(&path) else {
            eprintln!("phases: {} is not a valid spec", path.display());
            return ExitCode::from(2);
        };
        findings = count;
        if best.is_empty() {
            best = phases;
        } else {
            for (b, p) in best.iter_mut().zip(phases) {
                b.time = b.time.min(p.time);
            }
        }
    }
    for p in best {
        let rss = p.rss_kib.map_or("-".to_string(), |k| k.to_string());
        println!("{}\t{:.1}\t{rss}", p.name, p.time.as_secs_f64() * 1000.0);
    }
    println!("findings\t{findings}");
    ExitCode::SUCCESS
}

fn usage() -> ExitCode {
    eprintln!("usage: phases FILE [--runs N]");
    ExitCode::from(2)
}

/// A field of /proc/self/status in KiB (`VmRSS`, `VmHWM`); `None` off Linux.
fn status_kib(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Times `f` and notes the resident set after it.
fn phase<T>(out: &mut Vec<Phase>, name: &'static str, f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let value = f();
    let time = t.elapsed();
    out.push(Phase {
        name,
        time,
        rss_kib: status_kib("VmRSS:"),
    });
    value
}

/// One pass through the pipeline: the phases and the number of findings; `None` when the spec has
/// errors.
fn run_once(path: &Path) -> Option<(Vec<Phase>, usize)> {
    let start = Instant::now();
    let mut phases = Vec::new();

    let sources = phase(&mut phases, "load", || {
        hjemmel::source::load(path, hjemmel::i18n::Lang::En).ok()
    })?;

    // The steps of `hjemmel::compile`: parsing and resolving go together, declaration by
    // declaration (src/semantic/stream.rs), then the flow graph.
    let model = phase(&mut phases, "compile", || {
        hjemmel::semantic::stream::parse_and_resolve(&sources, hjemmel::i18n::Lang::En).ok()
    })?;
    let flow = phase(&mut phases, "flow", || {
        hjemmel::flow::FlowGraph::build(&model)
    });

    let findings = phase(&mut phases, "rules", || {
        hjemmel::run_rules(&model, &flow, &sources, hjemmel::i18n::Lang::En)
    });

    let display = path.display().to_string();
    let json = phase(&mut phases, "json", || {
        let reports = [SpecReport {
            path: &display,
            sources: &sources,
            diagnostics: &findings,
            suppressed: &[],
            understood: true,
        }];
        hjemmel::report::json::render(&reports)
    });
    std::hint::black_box(&json);

    // What the command frees before it exits.
    let count = findings.len();
    phase(&mut phases, "teardown", || {
        drop((json, findings, flow, model, sources))
    });

    phases.push(Phase {
        name: "total",
        time: start.elapsed(),
        rss_kib: status_kib("VmHWM:"),
    });
    Some((phases, count))
}
