//! Writing a document to a file completely or not at all: into a temporary file in the same
//! directory, renamed over the target only once everything is written. A reader never sees half a
//! report, and a run that fails leaves an existing file as it was.

use std::io::Write;
use std::path::Path;

use crate::texts;

texts! {
    /// After a document was written.
    WROTE = ("wrote {file}", "skrev {file}"),
    /// The document could not be written.
    CANNOT_WRITE = ("cannot write `{file}`: {error}", "kan ikke skrive `{file}`: {error}"),
}

/// Writes `contents` to `path`, replacing the file if there is one, or leaves it untouched.
pub fn write_atomically(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    // The temporary file must be on the same file system for the rename to be atomic: beside it.
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut temp = tempfile::NamedTempFile::new_in(dir)?;
    temp.write_all(contents)?;
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::write_atomically;

    #[test]
    fn replaces_the_file_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        std::fs::write(&path, "old").unwrap();
        write_atomically(&path, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "only the file itself: {names:?}");
    }

    #[test]
    fn a_missing_directory_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no/such/dir/out.txt");
        assert!(write_atomically(&path, b"x").is_err());
        assert!(!path.exists());
    }
}
