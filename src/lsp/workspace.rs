//! The spec the editor works on: the files of one spec directory as they are on disk, with the
//! text of each open document in place of its file's (the load rules of src/source/: every
//! `.hjemmel` file directly in the directory, and its `hjemmel.toml`).
//!
//! Files on disk are read when the directory is chosen and again when the editor says one changed;
//! a keystroke copies only the edited document's text into the next source map.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use lsp_types::{TextDocumentContentChangeEvent, Uri};

use super::position::{Encoding, offset_in};
use crate::diagnostic::Diagnostic;
use crate::i18n::Lang;
use crate::source::{SourceFile, SourceMap};

/// A document the editor has open: its text as the editor has it.
#[derive(Debug, Clone)]
pub struct OpenDocument {
    /// The URI as the editor spells it: diagnostics are sent back under it.
    pub uri: Uri,
    pub version: i32,
    pub text: String,
}

impl OpenDocument {
    /// Applies one change event: a range replaced, or (without a range) the whole text.
    pub fn apply(&mut self, change: TextDocumentContentChangeEvent, encoding: Encoding) {
        match change.range {
            None => self.text = change.text,
            Some(range) => {
                let start = offset_in(&self.text, range.start, encoding);
                let end = offset_in(&self.text, range.end, encoding).max(start);
                self.text.replace_range(start..end, &change.text);
            }
        }
    }
}

/// One file of the spec as the next analysis reads it.
#[derive(Debug)]
pub struct WorkspaceFile {
    pub path: PathBuf,
    pub uri: Uri,
    /// The open document's version, when the text is the editor's.
    pub version: Option<i32>,
}

/// The spec directory, its files on disk, and the open documents.
#[derive(Debug)]
pub struct Workspace {
    dir: Option<PathBuf>,
    /// The directory's files as last read, by path; or why they could not be read.
    disk: Result<Vec<(PathBuf, SourceFile, bool)>, Diagnostic>,
    /// Open documents, by path.
    open: HashMap<PathBuf, OpenDocument>,
}

impl Workspace {
    /// A workspace on `dir` when it holds a spec; none chosen yet otherwise (the folder of the
    /// first `.hjemmel` file opened is taken then).
    pub fn new(dir: Option<PathBuf>, lang: Lang) -> Workspace {
        let mut workspace = Workspace {
            dir: None,
            disk: Ok(Vec::new()),
            open: HashMap::new(),
        };
        if let Some(dir) = dir.filter(|d| holds_a_spec(d)) {
            workspace.dir = Some(dir);
            workspace.reload(lang);
        }
        workspace
    }

    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    /// Whether the file at `path` belongs to the spec: a `.hjemmel` file or the settings file,
    /// directly in the spec directory.
    pub fn contains(&self, path: &Path) -> bool {
        is_spec_file(path) && self.dir.is_some() && path.parent() == self.dir.as_deref()
    }

    /// Reads the directory's files again (after the editor said one changed on disk).
    pub fn reload(&mut self, lang: Lang) {
        let Some(dir) = &self.dir else { return };
        self.disk = match crate::source::load(dir, lang) {
            Ok(sources) => {
                let config = sources.config().map(|(id, _)| id);
                Ok(sources
                    .files()
                    .map(|(id, f)| (PathBuf::from(&f.name), f.clone(), Some(id) == config))
                    .collect())
            }
            // A directory without files yet: the open documents are the spec.
            Err(failed) if failed.error.code == "empty-spec" => Ok(Vec::new()),
            Err(failed) => Err(failed.error),
        };
    }

    /// The editor opened a document. Returns whether it belongs to the spec now: a `.hjemmel` file
    /// from another directory makes that directory the spec ([`Workspace::focus`]), so that an editor
    /// opened on a folder of several specs checks the one being written.
    pub fn open(&mut self, path: PathBuf, document: OpenDocument, lang: Lang) -> bool {
        if !is_spec_file(&path) {
            return false;
        }
        self.open.insert(path.clone(), document);
        self.focus(&path, lang);
        self.contains(&path)
    }

    /// The editor works in the file at `path`: when it is a `.hjemmel` file of another directory,
    /// that directory becomes the spec (its files read again). Returns whether the spec changed.
    pub fn focus(&mut self, path: &Path, lang: Lang) -> bool {
        let elsewhere = path.parent() != self.dir.as_deref();
        if !(elsewhere && path.extension().is_some_and(|e| e == "hjemmel")) {
            return false;
        }
        self.dir = path.parent().map(Path::to_path_buf);
        self.reload(lang);
        true
    }

    pub fn document_mut(&mut self, path: &Path) -> Option<&mut OpenDocument> {
        self.open.get_mut(path)
    }

    pub fn document(&self, path: &Path) -> Option<&OpenDocument> {
        self.open.get(path)
    }

    /// The editor closed a document: the file on disk counts again.
    pub fn close(&mut self, path: &Path) -> bool {
        self.open.remove(path).is_some()
    }

    /// The spec as the next analysis reads it: its files in the load order (spec files by path, the
    /// settings last), each open document's text in place of its file's; and why the directory
    /// could not be read, if it could not.
    pub fn sources(&self) -> (SourceMap, Vec<WorkspaceFile>, Option<Diagnostic>) {
        let (on_disk, error) = match &self.disk {
            Ok(files) => (files.as_slice(), None),
            Err(e) => (&[][..], Some(e.clone())),
        };
        let is_config = |p: &Path| p.file_name().is_some_and(|n| n == crate::config::FILE_NAME);
        let mut paths: Vec<(&Path, bool)> = on_disk
            .iter()
            .map(|(p, _, config)| (p.as_path(), *config))
            .collect();
        // Open documents of other directories wait until the editor works in them again.
        for path in self.open.keys().filter(|p| self.contains(p)) {
            if !on_disk.iter().any(|(p, _, _)| p == path) {
                paths.push((path.as_path(), is_config(path)));
            }
        }
        // Spec files by path, then the settings, as `source::load` orders them.
        paths.sort_by(|a, b| (a.1, a.0).cmp(&(b.1, b.0)));
        let mut map = SourceMap::new();
        let mut files = Vec::with_capacity(paths.len());
        for (path, config) in paths {
            let document = self.open.get(path);
            let file = match document {
                Some(d) => SourceFile::new(path.display().to_string(), d.text.clone()),
                None => match on_disk.iter().find(|(p, _, _)| p == path) {
                    Some((_, file, _)) => file.clone(),
                    None => continue,
                },
            };
            if config {
                map.add_config(file);
            } else {
                map.add(file);
            }
            files.push(WorkspaceFile {
                path: path.to_path_buf(),
                uri: document.map_or_else(|| super::uri::from_path(path), |d| d.uri.clone()),
                version: document.map(|d| d.version),
            });
        }
        (map, files, error)
    }
}

/// A `.hjemmel` file or a settings file.
fn is_spec_file(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "hjemmel")
        || path
            .file_name()
            .is_some_and(|n| n == crate::config::FILE_NAME)
}

/// Whether `dir` holds a `.hjemmel` file directly.
fn holds_a_spec(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|entries| {
        entries
            .filter_map(Result::ok)
            .any(|e| e.path().extension().is_some_and(|x| x == "hjemmel"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp_types::{Position, Range};

    fn document(text: &str) -> OpenDocument {
        OpenDocument {
            uri: "file:///t/a.hjemmel".parse().unwrap(),
            version: 1,
            text: text.to_string(),
        }
    }

    fn change(
        range: Option<((u32, u32), (u32, u32))>,
        text: &str,
    ) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: range.map(|((l1, c1), (l2, c2))| {
                Range::new(Position::new(l1, c1), Position::new(l2, c2))
            }),
            range_length: None,
            text: text.to_string(),
        }
    }

    #[test]
    fn incremental_changes_after_emoji_and_danish_letters_land_where_the_editor_means() {
        let mut doc = document("data \"😀 æ\"\nactivity x \"Ø\"\n");
        // After the emoji (two UTF-16 units) and a space, before `æ`: insert `å`.
        doc.apply(change(Some(((0, 9), (0, 9))), "å"), Encoding::Utf16);
        assert_eq!(doc.text, "data \"😀 åæ\"\nactivity x \"Ø\"\n");
        // Replace `Ø` on the second line.
        doc.apply(
            change(Some(((1, 12), (1, 13))), "Østerbro"),
            Encoding::Utf16,
        );
        assert_eq!(doc.text, "data \"😀 åæ\"\nactivity x \"Østerbro\"\n");
        // A deletion across the line break.
        doc.apply(change(Some(((0, 12), (1, 0))), ""), Encoding::Utf16);
        assert_eq!(doc.text, "data \"😀 åæ\"activity x \"Østerbro\"\n");
        // UTF-8 columns count bytes: `å` starts at byte 11.
        doc.apply(change(Some(((0, 11), (0, 13))), "a"), Encoding::Utf8);
        assert_eq!(doc.text, "data \"😀 aæ\"activity x \"Østerbro\"\n");
        doc.apply(change(None, "new"), Encoding::Utf16);
        assert_eq!(doc.text, "new");
    }

    #[test]
    fn open_documents_replace_their_files_and_new_ones_join_in_load_order() {
        let dir = std::env::temp_dir().join(format!("hjemmel-lsp-ws-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("b.hjemmel"), "disk b").unwrap();
        std::fs::write(dir.join("hjemmel.toml"), "").unwrap();
        let mut ws = Workspace::new(Some(dir.clone()), Lang::En);
        let mut a = document("open a");
        a.uri = super::super::uri::from_path(&dir.join("a.hjemmel"));
        assert!(ws.open(dir.join("a.hjemmel"), a, Lang::En));
        // A file that is no spec file is not taken in.
        assert!(!ws.open(dir.join("notes.txt"), document("x"), Lang::En));
        let (map, files, error) = ws.sources();
        assert!(error.is_none());
        let texts: Vec<&str> = map.files().map(|(_, f)| f.text.as_str()).collect();
        assert_eq!(texts, ["open a", "disk b", ""]);
        assert_eq!(files[0].version, Some(1));
        assert_eq!(files[1].version, None);
        assert!(map.config().is_some_and(|(id, _)| id.0 == 2));
        assert!(ws.close(&dir.join("a.hjemmel")));
        assert_eq!(ws.sources().0.len(), 2);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// A folder of several specs (a repository with specs/lejre and specs/randers): the spec checked
    /// is the one whose file the editor opened or typed in last, with its own files only.
    #[test]
    fn the_spec_checked_is_the_directory_of_the_file_worked_in() {
        let root = std::env::temp_dir().join(format!("hjemmel-lsp-two-{}", std::process::id()));
        let (one, two) = (root.join("one"), root.join("two"));
        for (dir, text) in [(&one, "disk one"), (&two, "disk two")] {
            std::fs::create_dir_all(dir).unwrap();
            std::fs::write(dir.join("x.hjemmel"), text).unwrap();
        }
        let texts = |ws: &Workspace| -> Vec<String> {
            let (map, _, _) = ws.sources();
            map.files()
                .map(|(_, f)| f.text.as_str().to_string())
                .collect()
        };
        // The root holds no spec of its own: nothing is chosen until a file is opened.
        let mut ws = Workspace::new(Some(root.clone()), Lang::En);
        assert_eq!(ws.dir(), None);
        assert!(ws.open(one.join("a.hjemmel"), document("open one"), Lang::En));
        assert_eq!(texts(&ws), ["open one", "disk one"]);
        assert!(ws.open(two.join("a.hjemmel"), document("open two"), Lang::En));
        assert_eq!(ws.dir(), Some(two.as_path()));
        assert_eq!(texts(&ws), ["open two", "disk two"]);
        // Typing in the first spec's file again makes it the one checked; the same file twice does
        // not read the directory again.
        assert!(ws.focus(&one.join("a.hjemmel"), Lang::En));
        assert!(!ws.focus(&one.join("a.hjemmel"), Lang::En));
        assert_eq!(texts(&ws), ["open one", "disk one"]);
        std::fs::remove_dir_all(&root).unwrap();
    }
}
