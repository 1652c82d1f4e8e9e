//! Times the editor's questions about the language and the law (`hjemmel::ide::law`: hover,
//! completion, quick fixes) on one spec, for the claim that a request answers in milliseconds
//! whatever the spec's size.
//!
//! ```text
//! cargo run --release --example synth -- --activities 10000 > /tmp/s10k.hjemmel
//! cargo run --release --example ide_law -- /tmp/s10k.hjemmel
//! ```
//!
//! Checks the spec once (`Analysis::new`, as the language server does per version), then asks hover
//! and completion at 200 places spread over the file (start, middle and end alike) and the fixes of
//! every diagnostic, and prints for each kind of request the time of the first (which loads the
//! tables it reads), then the number of the others, the slowest and the median, in microseconds.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use hjemmel::i18n::Lang;
use hjemmel::ide::{Analysis, Place, law};
use hjemmel::syntax::span::FileId;

#[global_allocator]
static ALLOCATOR: hjemmel::allocator::MiMalloc = hjemmel::allocator::MiMalloc;

fn main() -> ExitCode {
    let Some(path) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: ide_law FILE");
        return ExitCode::from(2);
    };
    let sources = match hjemmel::source::load(&path, Lang::En) {
        Ok(sources) => sources,
        Err(e) => {
            eprintln!("cannot read {}: {e:?}", path.display());
            return ExitCode::from(2);
        }
    };
    let started = Instant::now();
    let analysis = Analysis::new(sources, Lang::Da);
    println!("check\t{} ms", started.elapsed().as_millis());
    let file = FileId(0);
    let length = analysis.sources.file(file).text.as_str().len();
    let places: Vec<Place> = (0..200)
        .map(|i| Place {
            file,
            offset: length * i / 199,
        })
        .collect();
    let hover = timed(&places, |&at| {
        let _ = law::hover(&analysis, at);
    });
    report("hover", &hover);
    let complete = timed(&places, |&at| {
        let _ = law::complete(&analysis, at);
    });
    report("complete", &complete);
    let fixes = timed(analysis.diagnostics(), |d| {
        let _ = law::fixes(&analysis, d);
    });
    report("fixes", &fixes);
    ExitCode::SUCCESS
}

fn timed<T>(items: &[T], mut ask: impl FnMut(&T)) -> Vec<Duration> {
    items
        .iter()
        .map(|item| {
            let started = Instant::now();
            ask(item);
            started.elapsed()
        })
        .collect()
}

/// The first request of a kind is shown apart: it loads the tables it reads (the grammar's keywords,
/// the acts, the countries) once for the process.
fn report(name: &str, times: &[Duration]) {
    let Some((first, times)) = times.split_first() else {
        println!("{name}\t0 asked");
        return;
    };
    println!("{name}\tfirst {} µs", first.as_micros());
    let mut sorted = times.to_vec();
    sorted.sort();
    let (Some(slowest), Some(median)) = (sorted.last(), sorted.get(sorted.len() / 2)) else {
        println!("{name}\t0 asked");
        return;
    };
    println!(
        "{name}\t{} asked\tslowest {} µs\tmedian {} µs",
        sorted.len(),
        slowest.as_micros(),
        median.as_micros()
    );
}
