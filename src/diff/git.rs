//! The old version of a spec for `hjemmel diff --base REV PATH`: the same path as it was at a git
//! revision, copied out of the repository with `git` (run as a program, so hjemmel needs no git
//! library) into a temporary directory, and read from there as any spec is.
//!
//! Only what a spec is made of is copied: the `.hjemmel` files (of the directory, or the one file)
//! and the `hjemmel.toml` beside them. The files are then named `REV:PATH` in every report, so a
//! finding in the old version points at the file as the user knows it, not at the temporary copy.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::config::FILE_NAME as SETTINGS_FILE;
use crate::i18n::Lang;
use crate::source::{self, LoadError, SourceFile, SourceMap};
use crate::{texts, tr};

texts! {
    NOT_A_REPOSITORY = (
        "`{path}` is not in a git repository, so `--base` cannot find its earlier version",
        "`{path}` ligger ikke i et git-repository, så `--base` kan ikke finde den tidligere version",
    ),
    NOT_A_REPOSITORY_HELP = (
        "run hjemmel inside the repository's working tree, or compare two paths: `hjemmel diff OLD NEW`",
        "kør hjemmel i repositoryets arbejdskatalog, eller sammenlign to stier: `hjemmel diff GAMMEL NY`",
    ),
    UNKNOWN_REVISION = (
        "`{revision}` is not a revision of the repository",
        "`{revision}` er ikke en revision i repositoryet",
    ),
    UNKNOWN_REVISION_HELP = (
        "check the name; a branch of another remote must be fetched first (`git fetch origin main`), and a CI checkout needs the history (`fetch-depth: 0`)",
        "kontrollér navnet; en gren fra et andet remote skal hentes først (`git fetch origin main`), og et CI-checkout skal have historikken med (`fetch-depth: 0`)",
    ),
    NOT_A_SPEC = (
        "`{path}` at `{revision}` is neither a file nor a directory (a submodule or a symbolic link)",
        "`{path}` i `{revision}` er hverken en fil eller et katalog (et submodule eller et symbolsk link)",
    ),
    GIT_UNAVAILABLE = (
        "cannot run git: {reason}",
        "kan ikke køre git: {reason}",
    ),
    GIT_FAILED = (
        "git failed: {reason}",
        "git fejlede: {reason}",
    ),
    TEMP_FAILED = (
        "cannot copy the earlier version to a temporary directory: {reason}",
        "kan ikke kopiere den tidligere version til et midlertidigt katalog: {reason}",
    ),
}

/// Why the old version could not be had from git.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GitError {
    /// The path is not inside a git working tree.
    NotARepository {
        path: String,
    },
    UnknownRevision {
        revision: String,
    },
    /// The path at the revision is a submodule or a symbolic link.
    NotASpec {
        path: String,
        revision: String,
    },
    /// `git` could not be started.
    Unavailable {
        reason: String,
    },
    /// `git` ran and failed in a way not foreseen above.
    Failed {
        reason: String,
    },
    /// The temporary copy could not be written.
    Temporary {
        reason: String,
    },
}

impl GitError {
    /// The message for a person, with a hint when there is one.
    pub fn message(&self, lang: Lang) -> (String, Option<String>) {
        match self {
            GitError::NotARepository { path } => (
                tr!(lang, NOT_A_REPOSITORY, path = path),
                Some(tr!(lang, NOT_A_REPOSITORY_HELP)),
            ),
            GitError::UnknownRevision { revision } => (
                tr!(lang, UNKNOWN_REVISION, revision = revision),
                Some(tr!(lang, UNKNOWN_REVISION_HELP)),
            ),
            GitError::NotASpec { path, revision } => (
                tr!(lang, NOT_A_SPEC, path = path, revision = revision),
                None,
            ),
            GitError::Unavailable { reason } => (tr!(lang, GIT_UNAVAILABLE, reason = reason), None),
            GitError::Failed { reason } => (tr!(lang, GIT_FAILED, reason = reason), None),
            GitError::Temporary { reason } => (tr!(lang, TEMP_FAILED, reason = reason), None),
        }
    }
}

/// The old version, copied out of the repository.
pub struct Earlier {
    /// Removed, with the copy, when this is dropped.
    dir: tempfile::TempDir,
    /// The copied spec (a file or a directory in `dir`); `None` when the path did not exist at the
    /// revision, or held no `.hjemmel` file there.
    pub spec: Option<PathBuf>,
}

impl Earlier {
    /// Reads the copy as `hjemmel check` would, with its files named `REV:PATH` (`PATH` as the user
    /// wrote the new spec's path) in every report; `None` when there is no copy. Checked by
    /// [`super::OldVersion::of`].
    pub fn load(
        &self,
        revision: &str,
        shown: &Path,
        lang: Lang,
    ) -> Option<Result<SourceMap, LoadError>> {
        let spec = self.spec.as_ref()?;
        let (copy_root, shown_root) = if spec.is_dir() {
            (spec.clone(), shown.to_path_buf())
        } else {
            (
                spec.parent().unwrap_or(self.dir.path()).to_path_buf(),
                shown.parent().unwrap_or(Path::new("")).to_path_buf(),
            )
        };
        // `/tmp/hjemmel-diff-x/spec/` becomes `REV:specs/randers/`.
        let separator = std::path::MAIN_SEPARATOR;
        let copy_prefix = format!("{}{separator}", copy_root.display());
        let shown_prefix = if shown_root.as_os_str().is_empty() {
            format!("{revision}:")
        } else {
            let root = shown_root.display().to_string();
            format!("{revision}:{}{separator}", root.trim_end_matches(separator))
        };
        let rename = |name: &str| name.replace(&copy_prefix, &shown_prefix);
        let (loaded, failure) = match source::load(spec, lang) {
            Ok(sources) => (sources, None),
            Err(failed) => (failed.sources, Some(failed.error)),
        };
        let mut sources = SourceMap::new();
        let config = loaded.config().map(|(id, _)| id);
        for (id, file) in loaded.files() {
            let copy = SourceFile::new(rename(&file.name), file.text.as_str());
            if Some(id) == config {
                sources.add_config(copy);
            } else {
                sources.add(copy);
            }
        }
        Some(match failure {
            None => Ok(sources),
            // A file that is not UTF-8 names its path in the message too.
            Some(mut error) => {
                error.message = rename(&error.message);
                Err(LoadError { sources, error })
            }
        })
    }
}

/// Copies the spec at `path` (a file or a directory in a git working tree) as it was at `revision`.
pub fn earlier(revision: &str, path: &Path) -> Result<Earlier, GitError> {
    let not_a_repository = || GitError::NotARepository {
        path: path.display().to_string(),
    };
    let absolute = path.canonicalize().map_err(|_| not_a_repository())?;
    let dir = if absolute.is_dir() {
        absolute.clone()
    } else {
        absolute
            .parent()
            .map(Path::to_path_buf)
            .ok_or_else(not_a_repository)?
    };
    let top = git(&dir, &["rev-parse", "--show-toplevel"]).map_err(|e| match e {
        // Any other reason (a repository git refuses as of dubious ownership, or of a format it
        // does not know) is git's to give, in its own words.
        Run::Failed(reason) if reason.contains("not a git repository") => not_a_repository(),
        e => e.into_error(),
    })?;
    let top = PathBuf::from(text(&top).trim())
        .canonicalize()
        .map_err(|_| not_a_repository())?;
    let relative = absolute
        .strip_prefix(&top)
        .map_err(|_| not_a_repository())?;
    // Git names paths with `/` on every system.
    let relative: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let relative = relative.join("/");

    let commit = git(
        &top,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            "--end-of-options",
            &format!("{revision}^{{commit}}"),
        ],
    )
    .map_err(|e| match e {
        // `--quiet` says nothing of a revision that is not there; anything it does say is an error.
        Run::Failed(reason) if reason.is_empty() => GitError::UnknownRevision {
            revision: revision.to_string(),
        },
        e => e.into_error(),
    })?;
    let commit = text(&commit).trim().to_string();

    let temporary = tempfile::Builder::new()
        .prefix("hjemmel-diff-")
        .tempdir()
        .map_err(|e| GitError::Temporary {
            reason: e.to_string(),
        })?;
    let object = format!("{commit}:{relative}");
    match git(&top, &["rev-parse", "--verify", "--quiet", &object]) {
        Ok(_) => {}
        // Not there at the revision (of which `--quiet` says nothing): the spec is new.
        Err(Run::Failed(reason)) if reason.is_empty() => {
            return Ok(Earlier {
                dir: temporary,
                spec: None,
            });
        }
        Err(e) => return Err(e.into_error()),
    }
    let kind = git(&top, &["cat-file", "-t", &object]).map_err(Run::into_error)?;
    let kind = text(&kind).trim().to_string();
    let name = relative.rsplit('/').next().filter(|n| !n.is_empty());
    let spec = match kind.as_str() {
        "blob" => {
            let file = temporary.path().join(name.unwrap_or("spec.hjemmel"));
            copy_blob(&top, &object, &file)?;
            // The settings file beside a one-file spec.
            let beside = match relative.rsplit_once('/') {
                Some((parent, _)) => format!("{commit}:{parent}/{SETTINGS_FILE}"),
                None => format!("{commit}:{SETTINGS_FILE}"),
            };
            if git(&top, &["cat-file", "-e", &beside]).is_ok() {
                copy_blob(&top, &beside, &temporary.path().join(SETTINGS_FILE))?;
            }
            Some(file)
        }
        "tree" => {
            let dir = temporary.path().join(name.unwrap_or("spec"));
            std::fs::create_dir(&dir).map_err(|e| GitError::Temporary {
                reason: e.to_string(),
            })?;
            let copied = copy_tree(&top, &object, &dir)?;
            copied.then_some(dir)
        }
        _ => {
            return Err(GitError::NotASpec {
                path: path.display().to_string(),
                revision: revision.to_string(),
            });
        }
    };
    Ok(Earlier {
        dir: temporary,
        spec,
    })
}

/// Copies the `.hjemmel` files and the settings file directly in the tree `object` into `dir`;
/// `false` when it holds no `.hjemmel` file (then it was no spec, and everything is new).
fn copy_tree(top: &Path, object: &str, dir: &Path) -> Result<bool, GitError> {
    let listing = git(top, &["ls-tree", "-z", object]).map_err(Run::into_error)?;
    let mut any_spec = false;
    for entry in listing.split(|&b| b == 0).filter(|e| !e.is_empty()) {
        // `<mode> <type> <object>\t<name>`
        let entry = text(entry);
        let Some((meta, name)) = entry.split_once('\t') else {
            continue;
        };
        let fields: Vec<&str> = meta.split(' ').collect();
        // Regular files only: not symbolic links (120000), sub-directories or submodules.
        let [mode, "blob", blob] = fields[..] else {
            continue;
        };
        if !mode.starts_with("100") || name.contains('/') {
            continue;
        }
        let is_spec = name.ends_with(".hjemmel");
        if is_spec || name == SETTINGS_FILE {
            copy_blob(top, blob, &dir.join(name))?;
            any_spec |= is_spec;
        }
    }
    Ok(any_spec)
}

fn copy_blob(top: &Path, object: &str, to: &Path) -> Result<(), GitError> {
    let bytes = git(top, &["cat-file", "blob", object]).map_err(Run::into_error)?;
    std::fs::write(to, bytes).map_err(|e| GitError::Temporary {
        reason: e.to_string(),
    })
}

/// How running git went wrong.
enum Run {
    /// It could not be started.
    Unavailable(String),
    /// It ran and exited with an error; its standard error.
    Failed(String),
}

impl Run {
    fn into_error(self) -> GitError {
        match self {
            Run::Unavailable(reason) => GitError::Unavailable { reason },
            Run::Failed(reason) => GitError::Failed { reason },
        }
    }
}

/// The environment variables that tell git which repository, work tree, index or object store to
/// use instead of finding them from its working directory (the repository-locating part of what
/// `git rev-parse --local-env-vars` lists). They are cleared: `--base` compares with the repository
/// the spec's path is in, as the path says, not with one a variable left set by a git hook or a
/// shell happens to name. Configuration from the environment (`GIT_CONFIG_*`, e.g. a CI job's
/// `safe.directory`) is kept.
const REPOSITORY_VARIABLES: &[&str] = &[
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_COMMON_DIR",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_IMPLICIT_WORK_TREE",
    "GIT_PREFIX",
    "GIT_GRAFT_FILE",
    "GIT_SHALLOW_FILE",
    "GIT_NO_REPLACE_OBJECTS",
    "GIT_REPLACE_REF_BASE",
];

/// `git`, to be run with `-C DIR`: it works in the repository that `DIR` is in, whatever the
/// environment names (see [`REPOSITORY_VARIABLES`]).
pub fn command() -> Command {
    let mut command = Command::new("git");
    for variable in REPOSITORY_VARIABLES {
        command.env_remove(variable);
    }
    command
}

/// Runs `git ARGS` in `dir`, in the repository `dir` is in; its standard output.
fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, Run> {
    let output = command()
        .arg("-C")
        .arg(dir)
        .args(args)
        // Messages in English whatever the user's locale, and no pager or prompt.
        .env("LC_ALL", "C")
        .env("GIT_TERMINAL_PROMPT", "0")
        .output()
        .map_err(|e| Run::Unavailable(e.to_string()))?;
    if output.status.success() {
        Ok(output.stdout)
    } else {
        Err(Run::Failed(text(&output.stderr).trim().to_string()))
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}
