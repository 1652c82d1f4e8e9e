//! The index of the spec's own names: every declaration and every use of a name, read from the
//! syntax trees, so that navigation works while the spec has semantic errors (an unknown name, a
//! missing basis).
//!
//! A file is read one top-level declaration at a time, as the compiler reads it
//! ([`Chunks`]): a declaration that does not parse contributes nothing, the others of its file do,
//! so the file being typed in still answers for the declarations around the cursor. The file is
//! marked [broken](FileNames::broken), since a rename there could miss a use.

use std::collections::HashMap;

use crate::i18n::Lang;
use crate::ide::NameKind;
use crate::source::SourceMap;
use crate::syntax::ast::{self, DataClass, Declaration, Statement, Word};
use crate::syntax::parser::Chunks;
use crate::syntax::span::{FileId, Span};

/// Every name declared and used in the files of a spec that parse.
#[derive(Debug, Default)]
pub struct NameIndex {
    pub(super) declarations: Vec<Declared>,
    pub(super) uses: Vec<Use>,
    /// One entry per distinct name, declared or only used.
    pub(super) names: Vec<NameEntry>,
    by_text: HashMap<Box<str>, NameId>,
    /// Indexed by [`FileId`]; the settings file has an empty entry.
    pub(super) files: Vec<FileNames>,
}

/// A name, interned: its entry in [`NameIndex::names`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct NameId(pub(super) u32);

/// One distinct name: its declarations (more than one only in a spec with a duplicate, which the
/// resolver reports; the first is the one uses name) and its uses, in the order of the files.
#[derive(Debug)]
pub(super) struct NameEntry {
    pub(super) text: Box<str>,
    pub(super) declarations: Vec<u32>,
    pub(super) uses: Vec<u32>,
}

/// A declaration: a top-level one, or a sub-processor.
#[derive(Debug)]
pub(super) struct Declared {
    pub(super) name: NameId,
    pub(super) kind: NameKind,
    pub(super) label: String,
    pub(super) name_span: Span,
    /// The whole declaration.
    pub(super) span: Span,
    /// The processor a sub-processor works for.
    pub(super) parent: Option<u32>,
    pub(super) children: Vec<u32>,
    /// A word that says most about it, shown in a hover: the class of a data category, the kind of
    /// data subjects, a source or a recipient, the country of a party.
    pub(super) detail: Option<String>,
    /// An activity's first purpose.
    pub(super) purpose: Option<String>,
}

/// A name written where a statement names a declaration.
#[derive(Debug)]
pub(super) struct Use {
    pub(super) name: NameId,
    pub(super) span: Span,
    /// What the statement takes there ([`NameKind::Source`]: a source or an activity).
    pub(super) takes: NameKind,
}

/// The names of one file, in the order of its text.
#[derive(Debug, Default)]
pub(super) struct FileNames {
    pub(super) items: Vec<Item>,
    /// The top-level declarations, in file order.
    pub(super) top: Vec<u32>,
    /// A top-level declaration of the file does not parse: its names are not in the index.
    pub(super) broken: bool,
}

/// A declared or used name at its words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Item {
    pub(super) start: u32,
    pub(super) end: u32,
    pub(super) what: What,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum What {
    Declaration(u32),
    Use(u32),
}

impl NameIndex {
    pub fn build(sources: &SourceMap) -> NameIndex {
        let mut index = NameIndex::default();
        index.files.resize_with(sources.len(), FileNames::default);
        for (id, file) in sources.spec_files() {
            index.read_file(id, file.text.as_str());
        }
        index
    }

    /// Reads the names of one file into the index (its entry must be empty).
    pub(super) fn read_file(&mut self, id: FileId, text: &str) {
        let at = id.0 as usize;
        if self.files.len() <= at {
            self.files.resize_with(at + 1, FileNames::default);
        }
        // Errors are not shown, so their language does not matter.
        let Ok(chunks) = Chunks::new(id, text, Lang::En) else {
            self.files[at].broken = true;
            return;
        };
        for i in 0..chunks.len() {
            match chunks.parse(i) {
                Ok(declarations) => {
                    for declaration in &declarations {
                        let top = self.declaration(at, declaration);
                        self.files[at].top.push(top);
                    }
                    chunks.recycle(declarations);
                }
                Err(_) => self.files[at].broken = true,
            }
        }
        let items = &mut self.files[at].items;
        // The trees follow the text, so the items come in order; sorted only if that ever fails.
        if !items.is_sorted_by_key(|item| item.start) {
            items.sort_by_key(|item| item.start);
        }
    }

    /// The items of a file (empty for a file not in the spec).
    pub(super) fn file(&self, file: FileId) -> &FileNames {
        static EMPTY: FileNames = FileNames {
            items: Vec::new(),
            top: Vec::new(),
            broken: false,
        };
        self.files.get(file.0 as usize).unwrap_or(&EMPTY)
    }

    /// The declared or used name whose words hold `offset`, or end at it (the cursor just after a
    /// word is on it).
    pub(super) fn item_at(&self, file: FileId, offset: usize) -> Option<Item> {
        let items = &self.file(file).items;
        let i = items.partition_point(|item| (item.end as usize) < offset);
        items
            .get(i)
            .filter(|item| item.start as usize <= offset)
            .copied()
    }

    pub(super) fn name_of(&self, what: What) -> NameId {
        match what {
            What::Declaration(d) => self.declarations[d as usize].name,
            What::Use(u) => self.uses[u as usize].name,
        }
    }

    pub(super) fn entry(&self, name: NameId) -> &NameEntry {
        &self.names[name.0 as usize]
    }

    /// The declaration a name stands for: its first.
    pub(super) fn declaration_of(&self, name: NameId) -> Option<&Declared> {
        let first = *self.entry(name).declarations.first()?;
        Some(&self.declarations[first as usize])
    }

    pub(super) fn lookup(&self, text: &str) -> Option<NameId> {
        self.by_text.get(text).copied()
    }

    pub(super) fn text(&self, name: NameId) -> &str {
        &self.entry(name).text
    }

    fn intern(&mut self, text: &str) -> NameId {
        if let Some(&id) = self.by_text.get(text) {
            return id;
        }
        let id = NameId(self.names.len() as u32);
        self.names.push(NameEntry {
            text: text.into(),
            declarations: Vec::new(),
            uses: Vec::new(),
        });
        self.by_text.insert(text.into(), id);
        id
    }

    /// Indexes a top-level declaration and what it names; returns its index.
    fn declaration(&mut self, file: usize, declaration: &Declaration<'_>) -> u32 {
        match declaration {
            Declaration::Controller(c) => {
                let country = c.country.as_ref().map(|w| w.node.to_string());
                self.declare(
                    file,
                    NameKind::Controller,
                    &c.name,
                    &c.label,
                    c.span,
                    country,
                )
            }
            Declaration::Subjects(s) => {
                let kind = Some(s.kind.node.to_string());
                self.declare(file, NameKind::Subjects, &s.name, &s.label, s.span, kind)
            }
            Declaration::Data(d) => {
                let class = match &d.class {
                    DataClass::Word(w) => w.node.to_string(),
                    DataClass::Special { kinds, .. } => {
                        let kinds: Vec<&str> = kinds.iter().map(|k| k.node).collect();
                        format!("special({})", kinds.join(", "))
                    }
                };
                self.declare(file, NameKind::Data, &d.name, &d.label, d.span, Some(class))
            }
            Declaration::Source(s) => {
                let kind = Some(s.kind.node.to_string());
                self.declare(file, NameKind::Source, &s.name, &s.label, s.span, kind)
            }
            Declaration::Processor(p) => self.processor(file, p, None),
            Declaration::Recipient(r) => {
                let kind = Some(r.kind.node.to_string());
                self.declare(file, NameKind::Recipient, &r.name, &r.label, r.span, kind)
            }
            Declaration::JointController(j) => {
                let country = j.country.as_ref().map(|w| w.node.to_string());
                let kind = NameKind::JointController;
                self.declare(file, kind, &j.name, &j.label, j.span, country)
            }
            Declaration::Activity(a) => self.activity(file, a),
        }
    }

    fn processor(&mut self, file: usize, p: &ast::Processor<'_>, parent: Option<u32>) -> u32 {
        let country = p.country.as_ref().map(|w| w.node.to_string());
        let id = self.declare(
            file,
            NameKind::Processor,
            &p.name,
            &p.label,
            p.span,
            country,
        );
        self.declarations[id as usize].parent = parent;
        for sub in &p.subprocessors {
            let child = self.processor(file, sub, Some(id));
            self.declarations[id as usize].children.push(child);
        }
        id
    }

    fn activity(&mut self, file: usize, a: &ast::Activity<'_>) -> u32 {
        let id = self.declare(file, NameKind::Activity, &a.name, &a.label, a.span, None);
        for statement in &a.statements {
            match statement {
                Statement::Purpose(text) => {
                    let purpose = &mut self.declarations[id as usize].purpose;
                    purpose.get_or_insert_with(|| text.node.to_string());
                }
                Statement::Subjects(names) => self.uses(file, names, NameKind::Subjects),
                Statement::Data(names) => self.uses(file, names, NameKind::Data),
                Statement::DataAs(d) => self.uses(file, &d.data, NameKind::Data),
                Statement::DataAbout(d) => {
                    self.uses(file, &d.data, NameKind::Data);
                    self.uses(file, &d.subjects, NameKind::Subjects);
                }
                Statement::Sources(names) => self.uses(file, names, NameKind::Source),
                Statement::Retain(r) => {
                    if let Some(targets) = &r.targets {
                        self.uses(file, targets, NameKind::Data);
                    }
                }
                Statement::Via(names) => self.uses(file, names, NameKind::Processor),
                Statement::Disclose(d) => {
                    self.uses(file, &d.data, NameKind::Data);
                    self.uses(
                        file,
                        std::slice::from_ref(&d.recipient),
                        NameKind::Recipient,
                    );
                }
                Statement::Collect(c) => self.uses(file, &c.data, NameKind::Data),
                Statement::Copy(c) => self.uses(file, &c.data, NameKind::Data),
                Statement::Jointly(names) => self.uses(file, names, NameKind::JointController),
                // The other statements name no declaration: words of closed lists, citations,
                // texts, dates, rule codes.
                _ => {}
            }
        }
        id
    }

    fn declare(
        &mut self,
        file: usize,
        kind: NameKind,
        name: &Word<'_>,
        label: &ast::Quoted<'_>,
        span: Span,
        detail: Option<String>,
    ) -> u32 {
        let id = self.declarations.len() as u32;
        let name_id = self.intern(name.node);
        self.names[name_id.0 as usize].declarations.push(id);
        self.declarations.push(Declared {
            name: name_id,
            kind,
            label: label.node.to_string(),
            name_span: name.span,
            span,
            parent: None,
            children: Vec::new(),
            detail,
            purpose: None,
        });
        self.files[file].items.push(Item {
            start: name.span.start,
            end: name.span.end,
            what: What::Declaration(id),
        });
        id
    }

    fn uses(&mut self, file: usize, names: &[Word<'_>], takes: NameKind) {
        for name in names {
            let id = self.uses.len() as u32;
            let name_id = self.intern(name.node);
            self.names[name_id.0 as usize].uses.push(id);
            self.uses.push(Use {
                name: name_id,
                span: name.span,
                takes,
            });
            self.files[file].items.push(Item {
                start: name.span.start,
                end: name.span.end,
                what: What::Use(id),
            });
        }
    }
}

impl What {
    /// The span of the words.
    pub(super) fn span(self, index: &NameIndex) -> Span {
        match self {
            What::Declaration(d) => index.declarations[d as usize].name_span,
            What::Use(u) => index.uses[u as usize].span,
        }
    }
}
