//! `hjemmel notice SPEC`: the privacy notice (GDPR art. 13 and 14) a citizen or an employee reads,
//! written from the spec, as Markdown or one HTML file, in Danish or English. `--draft` marks where
//! the spec does not give an element the notice needs.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use super::{exit, output};
use hjemmel::i18n::Lang;
use hjemmel::notice::{audience, build, gaps, html, markdown, words};
use hjemmel::tr;

#[derive(Debug, Args)]
pub struct NoticeArgs {
    /// The spec: a `.hjemmel` file, or a directory whose `.hjemmel` files form one spec.
    #[arg(value_name = "SPEC")]
    spec: PathBuf,

    /// Whom the notice is for: `citizens` (with children), `employees`, or the name of a `subjects`
    /// group. Default: every audience, one section each.
    #[arg(long = "for", value_name = "AUDIENCE")]
    audience: Option<String>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Md)]
    format: Format,

    /// Mark each element of art. 13/14 the spec does not give where its sentence would stand.
    #[arg(long)]
    draft: bool,

    /// Write the notice to FILE (completely or not at all) instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Plain Markdown.
    Md,
    /// One self-contained HTML file.
    Html,
}

pub fn run(args: NoticeArgs, lang: Lang) -> ExitCode {
    let path = args.spec.display().to_string();
    let outcome = output::understood_without_rules(&args.spec, lang);
    let checked = match output::understood(&outcome, &path, lang) {
        Ok(checked) => checked,
        Err(code) => return ExitCode::from(code),
    };
    let model = &checked.model;
    let audiences = match audience::choose(model, args.audience.as_deref(), lang) {
        Ok(audiences) => audiences,
        Err(unknown) => {
            let hint = match &unknown.suggestion {
                Some(close) => tr!(lang, words::DID_YOU_MEAN, name = close),
                None => String::new(),
            };
            let message = tr!(
                lang,
                words::NO_SUCH_AUDIENCE,
                name = unknown.name,
                hint = hint
            );
            eprintln!("{}", hjemmel::escape::terminal(&message));
            return ExitCode::from(exit::INVALID);
        }
    };
    let gaps = if args.draft {
        gaps::gaps(model)
    } else {
        Vec::new()
    };
    // Each part is written as soon as it is built: the notice of a large spec is never held whole.
    let write = |out: &mut dyn std::io::Write| match args.format {
        Format::Md => {
            let mut writer = markdown::Writer::new(out);
            build::write(model, &audiences, &gaps, lang, &mut writer);
            writer.finish()
        }
        Format::Html => {
            let mut writer = html::Writer::new(out);
            build::write(model, &audiences, &gaps, lang, &mut writer);
            writer.finish()
        }
    };
    let code = match &args.output {
        Some(file) => output::write_file_with(file, lang, write),
        None => output::write_stdout_with(lang, write),
    };
    // The process ends here: the operating system takes the memory back at once, while running every
    // destructor of a large spec's model touches all of it again (as `check` does, src/cli/check.rs).
    std::mem::forget(outcome);
    ExitCode::from(code)
}
