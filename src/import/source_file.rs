//! Which paths `hjemmel import` reads (docs/import.md, "Which files are read"): a regular file (a
//! link to one followed, as `cat` follows it), or a directory a reader takes (Fides manifests). A
//! FIFO, a device or a socket is refused before any reader opens it, as `hjemmel check` refuses one
//! as a spec (src/source/): a FIFO would wait for a writer, `/dev/zero` never end. A file of more
//! than [`MAX_SOURCE_BYTES`] is refused too, since every reader holds its source whole.

use std::path::Path;

use super::ImportError;
use crate::i18n::Lang;

/// The most bytes a source may hold: a spec's bound ([`crate::source::MAX_SPEC_BYTES`], 1 GiB).
/// The record of 100,000 activities as CSV is 121 MB, as a workbook 88 MB.
pub const MAX_SOURCE_BYTES: u64 = crate::source::MAX_SPEC_BYTES;

/// `Err` when `path` is neither a regular file of at most [`MAX_SOURCE_BYTES`] nor a directory.
/// A path that cannot be looked at is left to its reader, which says why in its own words.
pub fn check(path: &Path) -> Result<(), ImportError> {
    let Ok(meta) = std::fs::metadata(path) else {
        return Ok(());
    };
    let refused = |message: String| ImportError {
        file: path.to_path_buf(),
        place: None,
        message,
    };
    if meta.is_dir() {
        Ok(())
    } else if !meta.is_file() {
        Err(refused(format!(
            "it is {}, not a file: `hjemmel import` reads only regular files, so that a pipe or a \
             device cannot make it wait or read without end; save the source to a file",
            crate::source::kind_of(meta.file_type()).get(Lang::En)
        )))
    } else if meta.len() > MAX_SOURCE_BYTES {
        Err(refused(format!(
            "it holds {} bytes, more than the {MAX_SOURCE_BYTES} a source may hold",
            meta.len()
        )))
    } else {
        Ok(())
    }
}
