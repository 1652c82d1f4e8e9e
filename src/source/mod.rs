//! Reading a spec from disk: a file, or every `.hjemmel` file of a directory, into one source map.

pub(crate) mod lines;
mod source_text;

use lines::LineIndex;
pub use source_text::{ReadText, SourceText};

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use crate::diagnostic::Diagnostic;
use crate::i18n::Lang;
use crate::syntax::span::{FileId, Span};
use crate::tr;

/// One file of a spec, with its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as the user should see it (relative paths stay relative).
    pub name: String,
    /// Shared, so that diagnostics can show the text without copying it.
    pub text: Arc<SourceText>,
    /// Where lines start and end ([`LineIndex`]); built on the first look-up, since a spec without
    /// findings needs none.
    lines: OnceLock<LineIndex>,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        Self::from_text(name, SourceText::from(text.into()))
    }

    /// A file whose text was read from disk.
    pub fn from_text(name: impl Into<String>, text: SourceText) -> Self {
        SourceFile {
            name: name.into(),
            text: Arc::new(text),
            lines: OnceLock::new(),
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        self.line_index().line_col(self.text.as_bytes(), offset)
    }

    /// The byte offset where the line holding `offset` starts.
    pub fn line_start(&self, offset: usize) -> usize {
        self.line_index().line_start(self.text.as_bytes(), offset)
    }

    /// The byte offset where the line holding `offset` ends (its `\n`, or the end of the text).
    pub fn line_end(&self, offset: usize) -> usize {
        self.line_index().line_end(self.text.as_bytes(), offset)
    }

    fn line_index(&self) -> &LineIndex {
        self.lines
            .get_or_init(|| LineIndex::new(self.text.as_bytes()))
    }
}

/// All files of one spec. Spans refer into it; the text is kept here once, never copied into nodes.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
    /// The spec's settings file (`hjemmel.toml`), when it has one; every other file is spec text.
    config: Option<FileId>,
}

impl SourceMap {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, file: SourceFile) -> FileId {
        self.files.push(file);
        FileId(self.files.len() as u32 - 1)
    }

    pub fn file(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    /// Adds the spec's settings file.
    pub fn add_config(&mut self, file: SourceFile) -> FileId {
        let id = self.add(file);
        self.config = Some(id);
        id
    }

    /// The settings file, when the spec has one.
    pub fn config(&self) -> Option<(FileId, &SourceFile)> {
        self.config.map(|id| (id, self.file(id)))
    }

    /// The `.hjemmel` files, without the settings file.
    pub fn spec_files(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files().filter(|(id, _)| Some(*id) != self.config)
    }

    /// Every file, the settings file included.
    pub fn files(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files
            .iter()
            .enumerate()
            .map(|(i, f)| (FileId(i as u32), f))
    }

    /// The same texts as `other`, file by file, and the settings in the same place: everything a
    /// check reads (it never reads a file's name), so the two check alike.
    pub fn same_text(&self, other: &SourceMap) -> bool {
        self.config == other.config
            && self.files.len() == other.files.len()
            && (self.files.iter().zip(&other.files))
                .all(|(a, b)| a.text.as_str() == b.text.as_str())
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// A spec that could not be read, with what was read of it (so that the error can be shown in place).
#[derive(Debug)]
pub struct LoadError {
    pub sources: SourceMap,
    pub error: Diagnostic,
}

impl From<Diagnostic> for LoadError {
    fn from(error: Diagnostic) -> Self {
        LoadError {
            sources: SourceMap::new(),
            error,
        }
    }
}

/// The most text one spec may hold, all its files together: 1 GiB, a thousand times the largest
/// spec written by hand and 16 times a generated one of 100,000 activities. Spans are 32-bit byte
/// offsets, so a file of 4 GiB or more could not be pointed into; a limit well below that also
/// bounds the memory a spec can take.
pub const MAX_SPEC_BYTES: u64 = 1 << 30;

/// Reads the spec at `path`: a single file, or all `.hjemmel` files of a directory (not recursive),
/// in name order so that output is stable.
///
/// Only regular files are read (docs/cli.md, "Which files are read"): the path the user names is
/// followed if it is a symbolic link, but a FIFO or a device there is an error, as is a `.hjemmel`
/// entry of a directory, or a `hjemmel.toml`, that is a symbolic link, a FIFO, a device or a
/// directory. All files together hold at most [`MAX_SPEC_BYTES`].
/// Errors are worded in `lang`.
pub fn load(path: &Path, lang: Lang) -> Result<SourceMap, LoadError> {
    let display = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| {
        Diagnostic::spec_error(
            "read-error",
            tr!(
                lang,
                text::CANNOT_READ,
                path = display,
                reason = io_reason(&e, lang)
            ),
        )
        .with_help(tr!(lang, text::CHECK_THE_PATH))
    })?;
    let mut files: Vec<Found> = if meta.is_dir() {
        spec_files_in(path, lang)?
    } else if meta.is_file() {
        vec![Found {
            path: path.to_path_buf(),
            len: meta.len(),
            in_directory: false,
        }]
    } else {
        return Err(not_a_file(&display, meta.file_type(), text::ONLY_FILES, lang).into());
    };
    files.sort_by(|a, b| a.path.cmp(&b.path));
    if files.is_empty() {
        return Err(
            Diagnostic::spec_error("empty-spec", tr!(lang, text::EMPTY, path = display))
                .with_help(tr!(lang, text::WHAT_A_SPEC_IS))
                .into(),
        );
    }
    // The settings live beside the spec's files: in the directory, or beside the one file.
    let dir = if meta.is_dir() {
        Some(path)
    } else {
        path.parent()
    };
    let settings = match dir {
        Some(dir) => settings_file(&dir.join(crate::config::FILE_NAME), lang)?,
        None => None,
    };
    let total: u64 = files.iter().chain(&settings).map(|f| f.len).sum();
    if total > MAX_SPEC_BYTES {
        return Err(too_large(&display, Some(total), lang).into());
    }

    let mut map = SourceMap::new();
    let mut budget = MAX_SPEC_BYTES;
    let settings_id = settings.as_ref().map(|_| files.len());
    for (i, found) in files.iter().chain(&settings).enumerate() {
        match read_text(found, budget, &mut map, lang) {
            Ok((name, text)) => {
                budget -= text.len() as u64;
                let file = SourceFile::from_text(name, text);
                if Some(i) == settings_id {
                    map.add_config(file)
                } else {
                    map.add(file)
                }
            }
            Err(error) => {
                return Err(LoadError {
                    sources: map,
                    error,
                });
            }
        };
    }
    Ok(map)
}

/// A file found to be read, and its size when it was found.
struct Found {
    path: PathBuf,
    len: u64,
    /// Found in a directory rather than named by the user: a symbolic link is not followed.
    in_directory: bool,
}

/// The `.hjemmel` files directly in `dir`. Sub-directories are not read; any other entry whose
/// name ends in `.hjemmel` and is not a regular file is an error, named.
fn spec_files_in(dir: &Path, lang: Lang) -> Result<Vec<Found>, Diagnostic> {
    let display = dir.display().to_string();
    let entries = std::fs::read_dir(dir).map_err(|e| {
        Diagnostic::spec_error(
            "read-error",
            tr!(
                lang,
                text::CANNOT_LIST,
                path = display,
                reason = io_reason(&e, lang)
            ),
        )
    })?;
    let mut found = Vec::new();
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        if path.extension().is_none_or(|ext| ext != "hjemmel") {
            continue;
        }
        let cannot_read = |e: std::io::Error| cannot_read(&path, &e, lang);
        // The entry itself: a symbolic link is not followed.
        let kind = entry.file_type().map_err(cannot_read)?;
        if kind.is_dir() {
            continue;
        }
        if !kind.is_file() {
            let help = if kind.is_symlink() {
                text::NO_LINKS_IN_A_DIRECTORY
            } else {
                text::ONLY_FILES
            };
            return Err(not_a_file(&path.display().to_string(), kind, help, lang));
        }
        let len = entry.metadata().map_err(cannot_read)?.len();
        found.push(Found {
            path,
            len,
            in_directory: true,
        });
    }
    Ok(found)
}

/// The settings file at `path` when there is one; an error when something else has its name.
fn settings_file(path: &Path, lang: Lang) -> Result<Option<Found>, Diagnostic> {
    match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(cannot_read(path, &e, lang)),
        Ok(meta) if meta.is_file() => Ok(Some(Found {
            path: path.to_path_buf(),
            len: meta.len(),
            in_directory: true,
        })),
        Ok(meta) => Err(not_a_file(
            &path.display().to_string(),
            meta.file_type(),
            text::SETTINGS_ARE_A_FILE,
            lang,
        )),
    }
}

/// Opens a file found to be read without waiting and without following a link where none is
/// followed; the opened file is checked again, since the entry may have changed since it was found.
fn open(found: &Found, lang: Lang) -> Result<(std::fs::File, u64), Diagnostic> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // A FIFO opened without O_NONBLOCK waits for a writer; with it, the check below refuses it.
        let mut flags = libc::O_NONBLOCK;
        if found.in_directory {
            flags |= libc::O_NOFOLLOW;
        }
        options.custom_flags(flags);
    }
    let cannot_read = |e: std::io::Error| cannot_read(&found.path, &e, lang);
    let file = options.open(&found.path).map_err(cannot_read)?;
    let meta = file.metadata().map_err(cannot_read)?;
    if !meta.is_file() {
        let name = found.path.display().to_string();
        return Err(not_a_file(&name, meta.file_type(), text::ONLY_FILES, lang));
    }
    Ok((file, meta.len()))
}

/// Reads one file as UTF-8 text, without a leading byte-order mark, at most `budget` bytes of it.
/// A file that is not UTF-8 is added to `map` with the bad bytes replaced, so that the error can
/// point at the first of them.
fn read_text(
    found: &Found,
    budget: u64,
    map: &mut SourceMap,
    lang: Lang,
) -> Result<(String, SourceText), Diagnostic> {
    let name = found.path.display().to_string();
    let (file, len) = open(found, lang)?;
    let read =
        SourceText::read(file, len, budget).map_err(|e| cannot_read(&found.path, &e, lang))?;
    let bytes = match read {
        ReadText::Text(text) => return Ok((name, text)),
        ReadText::TooLarge => return Err(too_large(&name, None, lang)),
        ReadText::NotUtf8(bytes) => bytes,
    };
    let e = std::str::from_utf8(&bytes)
        .expect_err("SourceText::read returns only bytes that are not UTF-8");
    let offset = e.valid_up_to();
    let prefix = &bytes[..offset];
    let line = prefix.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = String::from_utf8_lossy(prefix)
        .rsplit('\n')
        .next()
        .map_or(0, |l| l.chars().count())
        + 1;
    // Shown with the bad bytes replaced, so the user sees where they are; everything before the
    // first one is unchanged, so the offset still points at it.
    let shown = String::from_utf8_lossy(&bytes).into_owned();
    let id = map.add(SourceFile::new(name.clone(), shown));
    Err(Diagnostic::spec_error_at(
        "not-utf8",
        tr!(
            lang,
            text::NOT_UTF8,
            path = name,
            line = line,
            column = column,
            offset = offset
        ),
        Span::new(id, offset, offset + '\u{FFFD}'.len_utf8()),
        tr!(lang, text::NOT_UTF8_LABEL),
    )
    .with_help(tr!(lang, text::SAVE_AS_UTF8)))
}

/// `path` could not be read, for the reason the system gave.
fn cannot_read(path: &Path, e: &std::io::Error, lang: Lang) -> Diagnostic {
    let path = path.display().to_string();
    Diagnostic::spec_error(
        "read-error",
        tr!(
            lang,
            text::CANNOT_READ,
            path = path,
            reason = io_reason(e, lang)
        ),
    )
}

/// `path` is something other than a regular file (`kind`); `help` says what to do instead.
fn not_a_file(
    path: &str,
    kind: std::fs::FileType,
    help: crate::i18n::Text,
    lang: Lang,
) -> Diagnostic {
    Diagnostic::spec_error(
        "read-error",
        tr!(
            lang,
            text::NOT_A_FILE,
            path = path,
            kind = kind_of(kind).get(lang)
        ),
    )
    .with_help(help.get(lang).to_string())
}

/// What a file that is not a regular file is, in words.
pub(crate) fn kind_of(kind: std::fs::FileType) -> crate::i18n::Text {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return text::A_FIFO;
        }
        if kind.is_char_device() {
            return text::A_CHARACTER_DEVICE;
        }
        if kind.is_block_device() {
            return text::A_BLOCK_DEVICE;
        }
        if kind.is_socket() {
            return text::A_SOCKET;
        }
    }
    if kind.is_symlink() {
        text::A_SYMBOLIC_LINK
    } else if kind.is_dir() {
        text::A_DIRECTORY
    } else {
        text::SOMETHING_ELSE
    }
}

/// The spec at `path` holds more than [`MAX_SPEC_BYTES`]: `size` bytes, when known before reading.
fn too_large(path: &str, size: Option<u64>, lang: Lang) -> Diagnostic {
    let limit = MAX_SPEC_BYTES;
    let message = match size {
        Some(size) => tr!(
            lang,
            text::TOO_LARGE,
            path = path,
            size = size,
            limit = limit
        ),
        None => tr!(lang, text::GREW_TOO_LARGE, path = path, limit = limit),
    };
    Diagnostic::spec_error("read-error", message).with_help(tr!(lang, text::SPLIT_THE_SPEC))
}

/// Why a file could not be read; the operating system's own words for the rarer reasons.
fn io_reason(e: &std::io::Error, lang: Lang) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => tr!(lang, text::NOT_FOUND),
        std::io::ErrorKind::PermissionDenied => tr!(lang, text::PERMISSION_DENIED),
        _ => e.to_string(),
    }
}

/// What a user is told when the spec cannot be read, in English and Danish.
pub mod text {
    crate::texts! {
        CANNOT_READ = ("cannot read `{path}`: {reason}", "kan ikke læse `{path}`: {reason}"),
        CHECK_THE_PATH = (
            "check the path; `hjemmel check` takes a `.hjemmel` file or a directory of them",
            "kontrollér stien; `hjemmel check` tager en `.hjemmel`-fil eller en mappe med sådanne filer"
        ),
        CANNOT_LIST = (
            "cannot list directory `{path}`: {reason}",
            "kan ikke vise indholdet af mappen `{path}`: {reason}"
        ),
        EMPTY = ("`{path}` holds no `.hjemmel` files", "`{path}` indeholder ingen `.hjemmel`-filer"),
        WHAT_A_SPEC_IS = (
            "a spec is a `.hjemmel` file, or a directory whose `.hjemmel` files together form one spec",
            "en specifikation er en `.hjemmel`-fil eller en mappe, hvis `.hjemmel`-filer tilsammen udgør én specifikation"
        ),
        NOT_UTF8 = (
            "`{path}` is not UTF-8 text: invalid byte at line {line}, column {column} (byte {offset})",
            "`{path}` er ikke UTF-8-tekst: ugyldig byte i linje {line}, kolonne {column} (byte {offset})"
        ),
        NOT_UTF8_LABEL = ("this byte is not UTF-8", "denne byte er ikke UTF-8"),
        SAVE_AS_UTF8 = (
            "save the file as UTF-8 (most editors offer this under \"Save with encoding\")",
            "gem filen som UTF-8 (de fleste editorer har det under \"Gem med kodning\")"
        ),
        NOT_FOUND = ("no such file or directory", "filen eller mappen findes ikke"),
        PERMISSION_DENIED = ("permission denied", "adgang nægtet"),
        NOT_A_FILE = ("`{path}` is {kind}, not a file", "`{path}` er {kind}, ikke en fil"),
        A_FIFO = ("a FIFO (named pipe)", "en FIFO (named pipe)"),
        A_CHARACTER_DEVICE = ("a character device", "en tegnenhed (character device)"),
        A_BLOCK_DEVICE = ("a block device", "en blokenhed (block device)"),
        A_SOCKET = ("a socket", "en socket"),
        A_SYMBOLIC_LINK = ("a symbolic link", "et symbolsk link"),
        A_DIRECTORY = ("a directory", "en mappe"),
        SOMETHING_ELSE = ("not a regular file", "ikke en almindelig fil"),
        ONLY_FILES = (
            "hjemmel reads a spec only from regular files, so that a pipe or a device cannot make it wait or read without end; save the spec to a file",
            "hjemmel læser kun en specifikation fra almindelige filer, så et rør (pipe) eller en enhed ikke kan få den til at vente eller læse uden ende; gem specifikationen i en fil"
        ),
        NO_LINKS_IN_A_DIRECTORY = (
            "hjemmel does not follow symbolic links in a spec directory (as ripgrep does not), so that a spec cannot take in a file from elsewhere without anyone seeing it; put the file itself in the directory",
            "hjemmel følger ikke symbolske links i en specifikationsmappe (det gør ripgrep heller ikke), så en specifikation ikke ubemærket kan tage en fil med fra et andet sted; læg selve filen i mappen"
        ),
        SETTINGS_ARE_A_FILE = (
            "the settings of a spec are read from a regular file `hjemmel.toml` beside its `.hjemmel` files; rename or remove what has that name now",
            "en specifikations indstillinger læses fra en almindelig fil `hjemmel.toml` ved siden af dens `.hjemmel`-filer; omdøb eller fjern det, der har det navn nu"
        ),
        TOO_LARGE = (
            "`{path}` holds {size} bytes of spec text, more than the {limit} bytes (1 GiB) a spec may hold",
            "`{path}` indeholder {size} byte specifikationstekst, mere end de {limit} byte (1 GiB), en specifikation må fylde"
        ),
        GREW_TOO_LARGE = (
            "`{path}` grew while it was read, past the {limit} bytes (1 GiB) a spec may hold",
            "`{path}` voksede, mens den blev læst, ud over de {limit} byte (1 GiB), en specifikation må fylde"
        ),
        SPLIT_THE_SPEC = (
            "split it into several specs, each checked on its own",
            "del den op i flere specifikationer, som hver kontrolleres for sig"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::SourceFile;
    use super::lines::BLOCK;
    use super::lines::tests::naive;

    #[test]
    fn line_col_across_blocks() {
        // Lines of every length up to past a block, with multi-byte characters and empty lines.
        let mut text = String::new();
        for n in 0..300 {
            text.push_str(&"æ-x".repeat(n * 7 % (BLOCK / 2)));
            text.push('\n');
            if n % 17 == 0 {
                text.push('\n');
            }
        }
        let file = SourceFile::new("t", text.clone());
        let offsets = (0..=text.len())
            .step_by(97)
            .chain([0, text.len(), BLOCK, 2 * BLOCK + 1]);
        for offset in offsets.filter(|&i| text.is_char_boundary(i)) {
            assert_eq!(
                file.line_col(offset),
                naive(&text, offset),
                "offset {offset}"
            );
        }
    }
}
