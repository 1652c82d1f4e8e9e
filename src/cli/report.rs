//! `hjemmel report SPEC -o FILE`: the HTML report of one spec. The report is written whatever the
//! findings (they are what it is for), and exits 0; a spec that cannot be understood gives no report,
//! its errors on standard error, and exit code 2.

use std::path::{Path, PathBuf};
use std::process::{ExitCode, Stdio};
use std::time::{SystemTime, UNIX_EPOCH};

use clap::Args;

use super::output;
use hjemmel::i18n::Lang;
use hjemmel::report::{html, source_date};

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The spec: a `.hjemmel` file, or a directory whose `.hjemmel` files form one spec.
    #[arg(value_name = "SPEC")]
    spec: PathBuf,

    /// The HTML file to write (completely or not at all).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: PathBuf,
}

pub fn run(args: ReportArgs, lang: Lang) -> ExitCode {
    // Before any work: a `SOURCE_DATE_EPOCH` that cannot be read is a mistake in how hjemmel is run.
    let made_on = match today(lang) {
        Ok(day) => day,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(super::exit::INVALID);
        }
    };
    let path = args.spec.display().to_string();
    let outcome = hjemmel::check_spec(&args.spec, lang);
    let checked = match output::understood(&outcome, &path, lang) {
        Ok(checked) => checked,
        Err(code) => return ExitCode::from(code),
    };
    let options = html::Options {
        lang,
        made_on: Some(made_on),
        commit: spec_commit(&args.spec),
    };
    // Written as it is made: the report of a large spec is hundreds of megabytes.
    let code = output::write_file_with(&args.output, lang, |out| {
        html::render_to(out, &path, &outcome.sources, checked, &options)
    });
    // The process ends here: the operating system takes the memory back at once, while running the
    // destructors of a large spec's model took a part of the run, as for `hjemmel check` and `ropa`.
    std::mem::forget(outcome);
    ExitCode::from(code)
}

/// The git commit the spec's files are in, and whether they are as committed; `None` when the spec
/// is not in a git repository or git cannot be run.
fn spec_commit(spec: &Path) -> Option<html::about::Commit> {
    let (dir, what) = if spec.is_dir() {
        (spec.to_path_buf(), PathBuf::from("."))
    } else {
        let dir = spec
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        (dir.to_path_buf(), PathBuf::from(spec.file_name()?))
    };
    let git = |args: &[&std::ffi::OsStr]| {
        // The repository the spec is in, not one `GIT_DIR` names (as for `diff --base`).
        let output = hjemmel::diff::git::command()
            .arg("-C")
            .arg(&dir)
            .args(args)
            .stdin(Stdio::null())
            .stderr(Stdio::null())
            .output()
            .ok()?;
        output
            .status
            .success()
            .then(|| String::from_utf8_lossy(&output.stdout).trim().to_string())
    };
    let hash = git(&["rev-parse".as_ref(), "--verify".as_ref(), "HEAD".as_ref()])?;
    let status = git(&[
        "status".as_ref(),
        "--porcelain".as_ref(),
        "--".as_ref(),
        what.as_os_str(),
    ])?;
    Some(html::about::Commit {
        hash,
        clean: status.is_empty(),
    })
}

/// Today's date in UTC, `YYYY-MM-DD`; `SOURCE_DATE_EPOCH` (seconds since 1970), when set, stands for
/// now, so that a build can make the same report twice; the message when it is set to anything else.
fn today(lang: Lang) -> Result<String, String> {
    let set = std::env::var_os(source_date::VARIABLE);
    let seconds = source_date::seconds(set.as_deref(), lang)?.unwrap_or_else(|| {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64)
    });
    let (year, month, day) = source_date::civil_from_days(seconds.div_euclid(86_400));
    Ok(format!("{year:04}-{month:02}-{day:02}"))
}
