//! `hjemmel graph SPEC`: the flow graph of a spec — who sends which personal data to whom — as
//! Graphviz DOT, a Mermaid flowchart or an SVG picture, on standard output or in a file (`-o`).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use super::{exit, output};
use hjemmel::escape::terminal;
use hjemmel::flow::render::{self, RenderOptions};
use hjemmel::i18n::Lang;
use hjemmel::report::file::write_output_with;

#[derive(Debug, Args)]
pub struct GraphArgs {
    /// The spec: a `.hjemmel` file or a directory of them.
    #[arg(value_name = "SPEC")]
    spec: PathBuf,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Dot)]
    format: Format,

    /// Only the flows that carry this data category (its name in the spec).
    #[arg(long, value_name = "NAME")]
    category: Option<String>,

    /// Write to FILE instead of standard output. The file is replaced whole, or left as it was.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Graphviz DOT (`dot -Tpng`, `dot -Tsvg`).
    Dot,
    /// A Mermaid flowchart, for Markdown.
    Mermaid,
    /// A self-contained SVG picture with a legend.
    Svg,
}

pub fn run(args: GraphArgs, lang: Lang) -> ExitCode {
    let display = args.spec.display().to_string();
    let sources = match hjemmel::source::load(&args.spec, lang) {
        Ok(sources) => sources,
        Err(failed) => return spec_errors(&display, &failed.sources, &[failed.error], lang),
    };
    let (model, flow) = match hjemmel::compile(&sources, lang) {
        Ok(compiled) => compiled,
        Err(errors) => return spec_errors(&display, &sources, &errors, lang),
    };
    let category = match args.category.as_deref() {
        None => None,
        Some(name) => match render::find_category(&model, name) {
            Ok(id) => Some(id),
            Err(unknown) => {
                eprintln!(
                    "error: {}\n  help: {}",
                    terminal(&unknown.message(lang)),
                    terminal(&unknown.help(lang))
                );
                return ExitCode::from(exit::INVALID);
            }
        },
    };
    // The spec's text is not read again once it is compiled: freed before the picture is made, the
    // allocator hands its memory to the picture (the SVG's layout of a large spec holds a hundred
    // megabytes) instead of the system zeroing new pages for it.
    drop(sources);
    let options = RenderOptions { category, lang };
    // The picture is written as it is drawn, never held whole (hundreds of megabytes of SVG for a
    // large spec).
    let draw = |out: &mut dyn std::io::Write| match args.format {
        Format::Dot => render::dot::write_to(&model, &flow, &options, out),
        Format::Mermaid => render::mermaid::write_to(&model, &flow, &options, out),
        Format::Svg => render::svg::write_to(&model, &flow, &options, out),
    };
    let code = match &args.output {
        None => ExitCode::from(output::write_stdout_with(lang, draw)),
        // As before streaming: silent when written, `error: cannot write ...` when not.
        Some(path) => match write_output_with(path, draw) {
            Ok(()) => ExitCode::from(exit::OK),
            Err(e) => {
                let error = format!("error: cannot write `{}`: {e}", path.display());
                eprintln!("{}", terminal(&error));
                ExitCode::from(exit::INVALID)
            }
        },
    };
    // The process ends here: the operating system takes the memory back at once, while running every
    // destructor of a large spec's model and graph touches all of it again (as `check` does).
    std::mem::forget((model, flow));
    code
}

/// The spec errors, as `hjemmel check` shows them, on standard error: standard output is for the
/// graph, which a spec with errors does not have.
fn spec_errors(
    path: &str,
    sources: &hjemmel::source::SourceMap,
    errors: &[hjemmel::diagnostic::Diagnostic],
    lang: Lang,
) -> ExitCode {
    let report = hjemmel::report::SpecReport {
        path,
        sources,
        diagnostics: errors,
        suppressed: &[],
        understood: false,
    };
    output::print_spec_errors(report, lang);
    ExitCode::from(exit::INVALID)
}
