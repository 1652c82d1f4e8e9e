//! `hjemmel init [DIR]`: writes a commented starting spec (controller.hjemmel, activities.hjemmel)
//! into DIR, in the language of `--lang`, and never over an existing spec unless `--force`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::{exit, output};
use hjemmel::escape::terminal;
use hjemmel::i18n::Lang;
use hjemmel::init::{self, starting_spec};
use hjemmel::tr;

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The directory to start the spec in; made if it does not exist.
    #[arg(value_name = "DIR", default_value = ".")]
    dir: PathBuf,

    /// Write over controller.hjemmel and activities.hjemmel if DIR already holds a spec.
    #[arg(long)]
    force: bool,
}

pub fn run(args: InitArgs, lang: Lang) -> ExitCode {
    let dir = &args.dir;
    let shown = dir.display().to_string();
    let cannot = |error: std::io::Error| {
        eprintln!(
            "{}",
            terminal(&tr!(lang, init::CANNOT_USE_DIR, dir = shown, error = error))
        );
        ExitCode::from(exit::INVALID)
    };
    if let Err(error) = std::fs::create_dir_all(dir) {
        return cannot(error);
    }
    if !args.force {
        match super::first_spec_file(dir) {
            Ok(Some(file)) => {
                eprintln!(
                    "{}",
                    terminal(&tr!(lang, init::ALREADY_A_SPEC, dir = shown, file = file))
                );
                return ExitCode::from(exit::INVALID);
            }
            Ok(None) => {}
            Err(error) => return cannot(error),
        }
    }
    for (name, text) in starting_spec(lang) {
        let code =
            output::write_file_with(&dir.join(name), lang, |out| out.write_all(text.as_bytes()));
        if code != exit::OK {
            return ExitCode::from(code);
        }
    }
    eprintln!("{}", terminal(&tr!(lang, init::NEXT, dir = shown)));
    ExitCode::from(exit::OK)
}
