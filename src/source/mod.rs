//! Reading a spec from disk: a file, or every `.hjemmel` file of a directory, into one source map.

pub(crate) mod lines;
mod source_text;

use lines::LineIndex;
pub use source_text::{MAP_FROM_BYTES, SourceText};

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

    /// A file whose text was read or mapped from disk.
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

/// Reads the spec at `path`: a single file, or all `.hjemmel` files of a directory (not recursive),
/// in name order so that output is stable.
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
    let mut paths: Vec<PathBuf> = if meta.is_dir() {
        let entries = std::fs::read_dir(path).map_err(|e| {
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
        entries
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| p.is_file() && p.extension().is_some_and(|ext| ext == "hjemmel"))
            .collect()
    } else {
        vec![path.to_path_buf()]
    };
    paths.sort();
    if paths.is_empty() {
        return Err(
            Diagnostic::spec_error("empty-spec", tr!(lang, text::EMPTY, path = display))
                .with_help(tr!(lang, text::WHAT_A_SPEC_IS))
                .into(),
        );
    }
    let mut map = SourceMap::new();
    for p in &paths {
        match read_text(p, &mut map, lang) {
            Ok((name, text)) => map.add(SourceFile::from_text(name, text)),
            Err(error) => {
                return Err(LoadError {
                    sources: map,
                    error,
                });
            }
        };
    }
    // The settings live beside the spec's files: in the directory, or beside the one file.
    let dir = if meta.is_dir() {
        Some(path)
    } else {
        path.parent()
    };
    let config_path = dir.map(|d| d.join(crate::config::FILE_NAME));
    if let Some(config_path) = config_path.filter(|c| c.is_file()) {
        match read_text(&config_path, &mut map, lang) {
            Ok((name, text)) => map.add_config(SourceFile::from_text(name, text)),
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

/// Reads one file as UTF-8 text, without a leading byte-order mark (a large file is mapped, see
/// [`SourceText`]). A file that is not UTF-8 is added to `map` with the bad bytes replaced, so that
/// the error can point at the first of them.
fn read_text(
    p: &Path,
    map: &mut SourceMap,
    lang: Lang,
) -> Result<(String, SourceText), Diagnostic> {
    let name = p.display().to_string();
    let cannot_read = |e: std::io::Error| {
        Diagnostic::spec_error(
            "read-error",
            tr!(
                lang,
                text::CANNOT_READ,
                path = name,
                reason = io_reason(&e, lang)
            ),
        )
    };
    let file = std::fs::File::open(p).map_err(cannot_read)?;
    let bytes = match SourceText::read(file).map_err(cannot_read)? {
        Ok(text) => return Ok((name, text)),
        Err(bytes) => bytes,
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
    }
}

#[cfg(test)]
mod tests {
    use super::SourceFile;
    use super::lines::BLOCK;

    /// Line and column counted the slow way, character by character.
    fn naive(text: &str, offset: usize) -> (usize, usize) {
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().unwrap().chars().count() + 1;
        (line, column)
    }

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
