//! Times each phase of `hjemmel check FILE --format json` on one spec, for scripts/bench.sh.
//!
//! ```text
//! cargo run --release --example phases -- /tmp/s10k.hjemmel [--runs 3]
//! ```
//!
//! Prints one line per phase, `phase<TAB>milliseconds` (the best of the runs), in pipeline order:
//! `load` (`hjemmel::source::load`: read the file, index its lines), then the three steps of
//! `hjemmel::compile` one by one: `parse` (text → syntax tree, every file), `resolve` (names → model)
//! and `flow` (the flow graph); then `rules` (`hjemmel::run_rules`), `json`
//! (`hjemmel::report::json::render`) and `total` (the whole run). A last line, `findings<TAB>N`,
//! gives the number of findings.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use hjemmel::report::SpecReport;

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

    let mut best: Vec<(&str, Duration)> = Vec::new();
    let mut findings = 0;
    for _ in 0..runs {
        let Some((times, count)) = run_once(&path) else {
            eprintln!("phases: {} is not a valid spec", path.display());
            return ExitCode::from(2);
        };
        findings = count;
        if best.is_empty() {
            best = times;
        } else {
            for (b, (_, t)) in best.iter_mut().zip(times) {
                b.1 = b.1.min(t);
            }
        }
    }
    for (phase, t) in best {
        println!("{phase}\t{:.1}", t.as_secs_f64() * 1000.0);
    }
    println!("findings\t{findings}");
    ExitCode::SUCCESS
}

fn usage() -> ExitCode {
    eprintln!("usage: phases FILE [--runs N]");
    ExitCode::from(2)
}

/// Phase timings of one run.
type Timings = Vec<(&'static str, Duration)>;

/// One pass through the pipeline: the timings and the number of findings; `None` when the spec has
/// errors.
fn run_once(path: &std::path::Path) -> Option<(Timings, usize)> {
    let start = Instant::now();

    let t = Instant::now();
    let sources = hjemmel::source::load(path).ok()?;
    let load = t.elapsed();

    // The steps of `hjemmel::compile`, one by one.
    let t = Instant::now();
    let mut files = Vec::with_capacity(sources.len());
    for (id, file) in sources.files() {
        files.push(hjemmel::syntax::parser::parse_file(id, &file.text).ok()?);
    }
    let parse = t.elapsed();

    let t = Instant::now();
    let model = hjemmel::semantic::resolve::resolve(&files).ok()?;
    let resolve = t.elapsed();

    let t = Instant::now();
    let flow = hjemmel::flow::FlowGraph::build(&model);
    let graph = t.elapsed();

    let t = Instant::now();
    let findings = hjemmel::run_rules(&model, &flow, &sources);
    let rules = t.elapsed();

    let t = Instant::now();
    let display = path.display().to_string();
    let reports = [SpecReport {
        path: &display,
        sources: &sources,
        diagnostics: &findings,
        understood: true,
    }];
    let json = hjemmel::report::json::render(&reports);
    std::hint::black_box(&json);
    let render = t.elapsed();

    let total = start.elapsed();
    let times = vec![
        ("load", load),
        ("parse", parse),
        ("resolve", resolve),
        ("flow", graph),
        ("rules", rules),
        ("json", render),
        ("total", total),
    ];
    Some((times, findings.len()))
}
