//! Writing a document to the file `-o` names, as a user expects of it:
//!
//! - a regular file (or none yet) is written completely or not at all: into a temporary file beside
//!   it, renamed over it only once everything is written, so a reader never sees half a report and
//!   a run that fails leaves an existing file as it was;
//! - a symbolic link is followed: the file it leads to is replaced that way, the link stays
//!   (`/dev/stdout` leads to whatever standard output is, a pipe too);
//! - a device or a FIFO is written into, as `cat > /dev/null` does (a FIFO waits for a reader, as
//!   with `git diff --output` or the shell's `>`); replacing it would put a regular file in place
//!   of `/dev/full`, say;
//! - a directory is an error.
//!
//! While the temporary file exists, SIGINT, SIGTERM, SIGHUP and SIGQUIT are held off: one that
//! comes then takes effect once the document is in place, so an interrupted run leaves no temporary
//! file behind. Only SIGKILL or a crash of the machine can leave one: it is named
//! `.hjemmel-XXXXXX` (six random characters) beside the target, and may be removed.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::texts;

texts! {
    /// After a document was written.
    WROTE = ("wrote {file}", "skrev {file}"),
    /// The document could not be written.
    CANNOT_WRITE = ("cannot write `{file}`: {error}", "kan ikke skrive `{file}`: {error}"),
    /// The document could not be written to standard output (other than to a closed pipe).
    CANNOT_WRITE_STDOUT = (
        "cannot write to standard output: {error}",
        "kan ikke skrive til standard-output: {error}"
    ),
    /// `-o` named a directory.
    IS_A_DIRECTORY = (
        "`{file}` is a directory; name a file to write to",
        "`{file}` er en mappe; angiv en fil at skrive til"
    ),
}

/// The start of the name of every temporary file that [`write_output`] makes beside its target.
pub const TEMPORARY_PREFIX: &str = ".hjemmel-";

/// Why a document could not be written.
#[derive(Debug)]
pub enum WriteError {
    /// The path (or the file a link leads to) is a directory.
    Directory,
    /// The system's own reason.
    Io(std::io::Error),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::Directory => f.write_str("is a directory"),
            WriteError::Io(error) => error.fmt(f),
        }
    }
}

impl From<std::io::Error> for WriteError {
    fn from(error: std::io::Error) -> Self {
        WriteError::Io(error)
    }
}

/// Writes `contents` to `path` as the module documentation says: a regular file completely or not
/// at all, a link followed, a device or FIFO written into, a directory refused.
pub fn write_output(path: &Path, contents: &[u8]) -> Result<(), WriteError> {
    write_output_with(path, |out| out.write_all(contents))
}

/// As [`write_output`], for a document written piece by piece as it is made (a large report need
/// never be held whole): `write` gets a buffered writer; an error from it leaves an existing
/// regular file as it was, as any failed write does.
pub fn write_output_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), WriteError> {
    // What the path leads to, links followed by the system: `/dev/stdout` is a link to
    // `/proc/self/fd/1`, which leads to whatever standard output is, a pipe say, though no path
    // names that pipe.
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_file() => Ok(write_atomically(&std::fs::canonicalize(path)?, write)?),
        Ok(meta) if meta.is_dir() => Err(WriteError::Directory),
        Ok(_) => {
            // A device, FIFO or socket: never created, and written through.
            let file = std::fs::OpenOptions::new().write(true).open(path)?;
            let mut out = std::io::BufWriter::new(file);
            write(&mut out)?;
            Ok(out.flush()?)
        }
        // Nothing there yet, or a link that leads nowhere yet: the file is made.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            Ok(write_atomically(&follow_links(path)?, write)?)
        }
        Err(e) => Err(e.into()),
    }
}

/// The path a chain of symbolic links at `path` ends at (which may not exist yet: the shell's `>`
/// creates it); `path` itself when it is no link.
fn follow_links(path: &Path) -> std::io::Result<PathBuf> {
    let mut path = path.to_path_buf();
    // Linux gives up after 40 links (ELOOP); so does this.
    for _ in 0..40 {
        match std::fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let to = std::fs::read_link(&path)?;
                // A relative link is relative to the directory it is in.
                path = match path.parent() {
                    Some(dir) => dir.join(to),
                    None => to,
                };
            }
            _ => return Ok(path),
        }
    }
    Err(std::io::Error::other("too many levels of symbolic links"))
}

/// Writes `contents` to the regular file `path` (or where none is), replacing it, or leaves it
/// untouched. Only through [`write_output`], which decides that `path` is a place for this.
fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let _held_off = StopSignalsHeldOff::new();
    // The temporary file is gone (renamed or removed) when this returns, before the signals are
    // let through again.
    write_through_temporary(path, write)
}

fn write_through_temporary(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    // The temporary file must be on the same file system for the rename to be atomic: beside it.
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMPORARY_PREFIX);
    // A temporary file is private (0600); the document is not: it gets the mode `File::create` would
    // give (0666 less the umask), or the mode of the file it replaces.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder.tempfile_in(dir)?;
    if let Ok(existing) = std::fs::metadata(path) {
        temp.as_file().set_permissions(existing.permissions())?;
    }
    let mut out = std::io::BufWriter::new(temp.as_file_mut());
    write(&mut out)?;
    out.flush()?;
    drop(out);
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// While it lives, the signals that ask a process to stop (SIGINT, SIGTERM, SIGHUP, SIGQUIT) are
/// held off (blocked); one that came meanwhile takes effect when it is dropped. hjemmel runs on one
/// thread, so blocking them on this thread holds them off for the process.
struct StopSignalsHeldOff {
    #[cfg(unix)]
    before: libc::sigset_t,
}

impl StopSignalsHeldOff {
    fn new() -> Self {
        #[cfg(unix)]
        {
            // SAFETY: sigset_t is plain data, filled in by sigemptyset and pthread_sigmask.
            unsafe {
                let mut stop: libc::sigset_t = std::mem::zeroed();
                libc::sigemptyset(&mut stop);
                for signal in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP, libc::SIGQUIT] {
                    libc::sigaddset(&mut stop, signal);
                }
                let mut before: libc::sigset_t = std::mem::zeroed();
                libc::pthread_sigmask(libc::SIG_BLOCK, &stop, &mut before);
                StopSignalsHeldOff { before }
            }
        }
        #[cfg(not(unix))]
        StopSignalsHeldOff {}
    }
}

impl Drop for StopSignalsHeldOff {
    fn drop(&mut self) {
        // SAFETY: restores the mask `new` saved.
        #[cfg(unix)]
        unsafe {
            libc::pthread_sigmask(libc::SIG_SETMASK, &self.before, std::ptr::null_mut());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{WriteError, write_atomically, write_output, write_output_with};

    #[test]
    fn a_document_that_fails_half_way_leaves_the_file_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        std::fs::write(&path, "old").unwrap();
        let failed = write_output_with(&path, |out| {
            out.write_all(b"half a document")?;
            Err(std::io::Error::other("the renderer failed"))
        });
        assert!(failed.is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "no temporary file left: {names:?}");
    }

    #[test]
    fn replaces_the_file_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        std::fs::write(&path, "old").unwrap();
        write_atomically(&path, |out| out.write_all(b"new")).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "only the file itself: {names:?}");
    }

    #[cfg(unix)]
    #[test]
    fn a_new_file_gets_the_mode_any_new_file_gets() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("plain.txt");
        std::fs::File::create(&plain).unwrap();
        let path = dir.path().join("out.txt");
        write_atomically(&path, |out| out.write_all(b"x")).unwrap();
        let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), mode(&plain));
    }

    #[cfg(unix)]
    #[test]
    fn a_replaced_file_keeps_its_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomically(&path, |out| out.write_all(b"new")).unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }

    #[test]
    fn a_missing_directory_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no/such/dir/out.txt");
        assert!(write_atomically(&path, |out| out.write_all(b"x")).is_err());
        assert!(!path.exists());
    }

    #[cfg(unix)]
    #[test]
    fn a_link_is_followed_and_stays_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("target.txt");
        std::fs::write(&target, "old").unwrap();
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink("target.txt", &link).unwrap();
        write_output(&link, b"new").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");

        // A link to a file not yet there: the file is made, as the shell's `>` makes it.
        let dangling = dir.path().join("dangling.txt");
        std::os::unix::fs::symlink(dir.path().join("new.txt"), &dangling).unwrap();
        write_output(&dangling, b"made").unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.path().join("new.txt")).unwrap(),
            "made"
        );
        assert!(
            std::fs::symlink_metadata(&dangling)
                .unwrap()
                .file_type()
                .is_symlink()
        );
    }

    #[test]
    fn a_directory_is_refused_and_left_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            write_output(dir.path(), b"x"),
            Err(WriteError::Directory)
        ));
        assert!(dir.path().is_dir());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    /// A FIFO is written into: the reader at its other end gets the document, and the FIFO stays.
    #[cfg(unix)]
    #[test]
    fn a_fifo_is_written_into_not_replaced() {
        use std::os::unix::fs::FileTypeExt;
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.unwrap().success());
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read(&fifo).unwrap())
        };
        write_output(&fifo, b"the document").unwrap();
        assert_eq!(reader.join().unwrap(), b"the document");
        assert!(
            std::fs::symlink_metadata(&fifo)
                .unwrap()
                .file_type()
                .is_fifo()
        );
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    /// `/dev/full` refuses every write: the error is the device's, and the device stays a device
    /// (run as root, `-o /dev/full` used to replace it with a regular file).
    #[cfg(target_os = "linux")]
    #[test]
    fn a_device_is_written_into_not_replaced() {
        use std::os::unix::fs::FileTypeExt;
        let full = std::path::Path::new("/dev/full");
        let Err(WriteError::Io(error)) = write_output(full, b"x") else {
            panic!("writing to /dev/full succeeded");
        };
        assert_eq!(error.raw_os_error(), Some(libc::ENOSPC));
        assert!(
            std::fs::metadata(full)
                .unwrap()
                .file_type()
                .is_char_device()
        );
        write_output(std::path::Path::new("/dev/null"), b"x").unwrap();
    }
}
