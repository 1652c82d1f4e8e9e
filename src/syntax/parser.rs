//! pest pairs → typed AST with spans. What a pest error means to a user is in `syntax_error.rs`.

use std::borrow::Cow;
use std::cell::RefCell;
use std::ops::Range;

use pest::Parser as _;
use pest::iterators::Pair;
use pest_derive::Parser;

use super::ast::*;
use super::span::{FileId, Span, Spanned};
use super::syntax_error::{forbidden_characters, syntax_error};
use crate::diagnostic::Diagnostic;
use crate::i18n::Lang;
use crate::tr;

#[derive(Parser)]
#[grammar = "grammar/hjemmel.pest"]
struct HjemmelParser;

/// Parses one file. Each top-level declaration is parsed on its own, so a syntax error in one does not
/// hide the errors in the others; all of them come back as located diagnostics.
///
/// A declaration goes through the hand-written parser in fast_parser.rs first; when that returns no
/// tree, pest parses it, and pest's result (a tree, or the errors) counts.
///
/// The errors are in English; [`parse_file_in`] words them in another language.
pub fn parse_file(file: FileId, text: &str) -> Result<File<'_>, Vec<Diagnostic>> {
    parse(file, text, true, Lang::En)
}

/// [`parse_file`] with the errors worded in `lang`.
pub fn parse_file_in(file: FileId, text: &str, lang: Lang) -> Result<File<'_>, Vec<Diagnostic>> {
    parse(file, text, true, lang)
}

/// [`parse_file`] with pest alone, for tests/fast_parser.rs.
#[doc(hidden)]
pub fn parse_file_pest(file: FileId, text: &str) -> Result<File<'_>, Vec<Diagnostic>> {
    parse(file, text, false, Lang::En)
}

/// The pest tree of every top-level declaration of chunk `chunk` of `text` (as [`parse_file`]
/// parses it), each with the byte offset its positions are relative to: the concrete syntax the
/// formatter (src/fmt/) lays out where the fast parser gives no outline. `None` when the chunk does
/// not parse.
pub(crate) fn for_each_declaration_tree(
    text: &str,
    chunk: Range<usize>,
    mut each: impl FnMut(usize, Pair<'_, Rule>),
) -> Option<()> {
    let pairs = HjemmelParser::parse(Rule::spec, &text[chunk.clone()]).ok()?;
    for spec in pairs {
        for pair in spec.into_inner().filter(|p| p.as_rule() != Rule::EOI) {
            each(chunk.start, pair);
        }
    }
    Some(())
}

/// The outline of a chunk, for the formatter ([`Chunks::parse_outlined`]).
pub use super::fast_parser::Piece;
/// The fast parser alone, for tests/fast_parser.rs.
#[doc(hidden)]
pub use super::fast_parser::{Fallback, parse_file as parse_file_fast};

fn parse(file: FileId, text: &str, fast: bool, lang: Lang) -> Result<File<'_>, Vec<Diagnostic>> {
    let chunks = Chunks::new(file, text, lang)?;
    let mut declarations = Vec::new();
    let mut errors = Vec::new();
    for i in 0..chunks.len() {
        match chunks.parse_with(i, fast) {
            Ok(parsed) => declarations.extend(parsed),
            Err(e) => errors.extend(e),
        }
    }
    if errors.is_empty() {
        Ok(File { declarations })
    } else {
        Err(errors)
    }
}

/// A file cut into its top-level declarations (`chunks.rs`), to be parsed one at a time.
pub struct Chunks<'a> {
    file: FileId,
    text: &'a str,
    ranges: Vec<Range<usize>>,
    /// The language errors are worded in.
    lang: Lang,
    /// The lists of the trees, kept from one chunk to the next.
    scratch: RefCell<super::fast_parser::Scratch<'a>>,
    /// No forbidden character anywhere in `text`: tested once here rather than chunk by chunk.
    clean: bool,
}

impl<'a> Chunks<'a> {
    /// Cuts `text`; the error is `too-deep` when blocks nest beyond what the parsers allow. Errors are
    /// worded in `lang`.
    pub fn new(file: FileId, text: &'a str, lang: Lang) -> Result<Self, Vec<Diagnostic>> {
        let ranges = super::chunks::split(text).map_err(|too_deep| {
            vec![
                Diagnostic::spec_error_at(
                    "too-deep",
                    tr!(lang, text::TOO_DEEP, max = super::chunks::MAX_DEPTH),
                    Span::new(file, too_deep.0, too_deep.0 + 1),
                    tr!(lang, text::TOO_DEEP_LABEL),
                )
                .with_help(tr!(lang, text::TOO_DEEP_HELP)),
            ]
        })?;
        Ok(Chunks {
            file,
            text,
            ranges,
            lang,
            scratch: RefCell::default(),
            clean: super::controls::first_forbidden(text).is_none(),
        })
    }

    pub fn len(&self) -> usize {
        self.ranges.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }

    /// Starts loading the first words of chunk `i` (if there is one) into the cache, for a
    /// [`header`](Self::header) a few chunks later (see `crate::prefetch`).
    pub fn prefetch_header(&self, i: usize) {
        if let Some(range) = self.ranges.get(i) {
            crate::prefetch::prefetch(self.text.as_bytes()[range.start..].as_ptr());
        }
    }

    /// The keyword and name of chunk `i` read from its first words, when it starts a declaration
    /// that declares one name (not `processor`); `None` otherwise. Only a guess until the chunk is
    /// parsed: the caller checks it against the tree.
    pub fn header(&self, i: usize) -> Option<(&'static str, Word<'a>)> {
        super::fast_parser::header(self.file, self.text, self.ranges[i].clone())
    }

    /// Takes back the lists of declarations returned by [`parse`](Self::parse), to read the next
    /// chunks into (see `fast_parser::Scratch`).
    pub fn recycle(&self, declarations: Vec<Declaration<'a>>) {
        self.scratch.borrow_mut().recycle(declarations);
    }

    /// The declarations of chunk `i`, or its errors. Each chunk is parsed on its own, so a syntax
    /// error in one does not hide the errors in the others.
    pub fn parse(&self, i: usize) -> Result<Vec<Declaration<'a>>, Vec<Diagnostic>> {
        self.parse_with(i, true)
    }

    /// The bytes of chunk `i`.
    pub fn range(&self, i: usize) -> Range<usize> {
        self.ranges[i].clone()
    }

    /// [`parse`](Self::parse), and the chunk's outline (`fast_parser::Piece`) appended to `outline`
    /// when the fast parser read it, for the formatter; `true` with the declarations when it did.
    pub fn parse_outlined(
        &self,
        i: usize,
        outline: &mut Vec<super::fast_parser::Piece>,
    ) -> Result<(Vec<Declaration<'a>>, bool), Vec<Diagnostic>> {
        let (file, text, chunk) = (self.file, self.text, self.ranges[i].clone());
        let fast = {
            let scratch = &mut self.scratch.borrow_mut();
            super::fast_parser::parse_chunk_outlined(
                file, text, chunk, scratch, outline, self.clean,
            )
        };
        match fast {
            Ok(parsed) => Ok((parsed, true)),
            Err(_) => self.parse_with(i, false).map(|parsed| (parsed, false)),
        }
    }

    fn parse_with(&self, i: usize, fast: bool) -> Result<Vec<Declaration<'a>>, Vec<Diagnostic>> {
        let (file, text, chunk, lang) = (self.file, self.text, self.ranges[i].clone(), self.lang);
        if fast {
            let scratch = &mut self.scratch.borrow_mut();
            let parsed =
                super::fast_parser::parse_chunk(file, text, chunk.clone(), scratch, self.clean);
            if let Ok(parsed) = parsed {
                return Ok(parsed);
            }
        }
        let offset = chunk.start;
        let pairs = HjemmelParser::parse(Rule::spec, &text[chunk.clone()]).map_err(|e| {
            // The grammar takes no forbidden character anywhere: each one is named, where it
            // stands, before any other error of the chunk (which may only be its consequence).
            let forbidden = forbidden_characters(file, text, chunk, lang);
            if forbidden.is_empty() {
                vec![syntax_error(file, text, offset, e, lang)]
            } else {
                forbidden
            }
        })?;
        let builder = Builder {
            file,
            offset,
            errors: RefCell::new(Vec::new()),
            lang,
        };
        let mut declarations = Vec::new();
        for spec in pairs {
            declarations.extend(
                spec.into_inner()
                    .filter(|p| p.as_rule() != Rule::EOI)
                    .map(|p| builder.declaration(p)),
            );
        }
        let errors = builder.errors.into_inner();
        if errors.is_empty() {
            Ok(declarations)
        } else {
            Err(errors)
        }
    }
}

struct Builder {
    file: FileId,
    /// Where the chunk being built starts in the file: pest's positions are relative to the chunk.
    offset: usize,
    /// Problems the grammar cannot express, such as a field given twice in one block.
    errors: RefCell<Vec<Diagnostic>>,
    /// The language errors are worded in.
    lang: Lang,
}

/// Stores a block's field, reporting a second occurrence instead of letting it silently win.
fn set_once<T: HasSpan>(builder: &Builder, slot: &mut Option<T>, value: T, field: &str) {
    if let Some(first) = slot {
        let lang = builder.lang;
        builder.errors.borrow_mut().push(
            Diagnostic::spec_error_at(
                "duplicate-field",
                tr!(lang, text::GIVEN_TWICE, field = field),
                value.span(),
                tr!(lang, text::GIVEN_AGAIN),
            )
            .with_secondary(first.span(), tr!(lang, text::FIRST_GIVEN))
            .with_help(tr!(lang, text::KEEP_ONE, field = field)),
        );
        return;
    }
    *slot = Some(value);
}

/// What [`set_once`] needs to point at a field.
trait HasSpan {
    fn span(&self) -> Span;
}

impl<T> HasSpan for Spanned<T> {
    fn span(&self) -> Span {
        self.span
    }
}

impl HasSpan for Span {
    fn span(&self) -> Span {
        *self
    }
}

impl HasSpan for Dpo<'_> {
    fn span(&self) -> Span {
        self.span
    }
}

impl HasSpan for Document<'_> {
    fn span(&self) -> Span {
        self.span
    }
}

impl HasSpan for Aged<'_> {
    fn span(&self) -> Span {
        self.span
    }
}

impl HasSpan for SupervisionPeriod<'_> {
    fn span(&self) -> Span {
        self.span
    }
}

impl HasSpan for Supervised<'_> {
    fn span(&self) -> Span {
        self.span
    }
}

impl HasSpan for Limit<'_> {
    fn span(&self) -> Span {
        self.span
    }
}

impl HasSpan for Notice<'_> {
    fn span(&self) -> Span {
        Notice::span(self)
    }
}

impl HasSpan for Transfer<'_> {
    fn span(&self) -> Span {
        self.span
    }
}

impl Builder {
    fn span(&self, pair: &Pair<Rule>) -> Span {
        let s = pair.as_span();
        Span::new(
            self.file,
            self.offset + s.start(),
            self.offset + words_end(pair),
        )
    }

    fn name<'a>(&self, pair: Pair<'a, Rule>) -> Word<'a> {
        Spanned::new(pair.as_str(), self.span(&pair))
    }

    /// A `string` pair: the text without quotes, with `\"` and `\\` undone. The span covers the quotes.
    fn text<'a>(&self, pair: Pair<'a, Rule>) -> Quoted<'a> {
        let span = self.span(&pair);
        let body = pair.into_inner().next().map(|b| b.as_str()).unwrap_or("");
        let value = if body.contains('\\') {
            Cow::Owned(unescape(body))
        } else {
            Cow::Borrowed(body)
        };
        Spanned::new(value, span)
    }

    fn names<'a>(&self, pair: Pair<'a, Rule>) -> Vec<Word<'a>> {
        pair.into_inner().map(|p| self.name(p)).collect()
    }

    /// Skips the keyword pairs (`kw_*`) that lead most rules.
    fn inner_without_keywords<'a>(
        &self,
        pair: Pair<'a, Rule>,
    ) -> impl Iterator<Item = Pair<'a, Rule>> {
        pair.into_inner().filter(|p| !is_keyword(p.as_rule()))
    }

    fn declaration<'a>(&self, pair: Pair<'a, Rule>) -> Declaration<'a> {
        match pair.as_rule() {
            Rule::controller => Declaration::Controller(Box::new(self.controller(pair))),
            Rule::subjects_decl => {
                let span = self.span(&pair);
                let mut it = self.inner_without_keywords(pair);
                let mut subjects = Subjects {
                    name: self.name(it.next().unwrap()),
                    label: self.text(it.next().unwrap()),
                    kind: self.name(it.next().unwrap()),
                    aged: None,
                    waivers: Vec::new(),
                    span,
                };
                for field in it {
                    match field.as_rule() {
                        Rule::aged_field => {
                            set_once(self, &mut subjects.aged, self.aged(field), "aged")
                        }
                        Rule::allow_field => subjects.waivers.push(self.waiver(field)),
                        other => unreachable!("not a subjects field: {other:?}"),
                    }
                }
                Declaration::Subjects(Box::new(subjects))
            }
            Rule::data_decl => {
                let span = self.span(&pair);
                let mut it = self.inner_without_keywords(pair);
                let name = self.name(it.next().unwrap());
                let label = self.text(it.next().unwrap());
                let class_pair = it.next().unwrap().into_inner().next().unwrap();
                let class = match class_pair.as_rule() {
                    Rule::special_class => {
                        let span = self.span(&class_pair);
                        let list = class_pair.into_inner().next().unwrap();
                        DataClass::Special {
                            kinds: self.names(list),
                            span,
                        }
                    }
                    _ => DataClass::Word(self.name(class_pair)),
                };
                let mut data = Data {
                    name,
                    label,
                    class,
                    limit: None,
                    waivers: Vec::new(),
                    span,
                };
                for field in it {
                    match field.as_rule() {
                        Rule::limit_field => {
                            set_once(self, &mut data.limit, self.limit(field), "limit")
                        }
                        Rule::allow_field => data.waivers.push(self.waiver(field)),
                        other => unreachable!("not a data field: {other:?}"),
                    }
                }
                Declaration::Data(Box::new(data))
            }
            Rule::source_decl => {
                let span = self.span(&pair);
                let mut it = self.inner_without_keywords(pair);
                let mut source = Source {
                    name: self.name(it.next().unwrap()),
                    label: self.text(it.next().unwrap()),
                    kind: self.name(it.next().unwrap()),
                    notice: None,
                    unnamed: None,
                    waivers: Vec::new(),
                    span,
                };
                for field in it {
                    match field.as_rule() {
                        Rule::notice_field => {
                            set_once(self, &mut source.notice, self.notice(field), "notice")
                        }
                        Rule::unnamed_field => {
                            set_once(self, &mut source.unnamed, self.span(&field), "unnamed")
                        }
                        Rule::allow_field => source.waivers.push(self.waiver(field)),
                        other => unreachable!("not a source field: {other:?}"),
                    }
                }
                Declaration::Source(Box::new(source))
            }
            Rule::processor => Declaration::Processor(Box::new(self.processor(pair))),
            Rule::recipient => Declaration::Recipient(Box::new(self.recipient(pair))),
            Rule::joint_controller => {
                Declaration::JointController(Box::new(self.joint_controller(pair)))
            }
            Rule::activity => Declaration::Activity(self.activity(pair)),
            other => unreachable!("not a declaration: {other:?}"),
        }
    }

    fn controller<'a>(&self, pair: Pair<'a, Rule>) -> Controller<'a> {
        let span = self.span(&pair);
        let mut it = self.inner_without_keywords(pair);
        let mut c = Controller {
            name: self.name(it.next().unwrap()),
            label: self.text(it.next().unwrap()),
            public_authority: None,
            country: None,
            address: None,
            contact: None,
            dpo: None,
            document: None,
            notice: None,
            supervision: None,
            safeguards_copy: None,
            waivers: Vec::new(),
            span,
        };
        for field in it {
            match field.as_rule() {
                Rule::public_authority => set_once(
                    self,
                    &mut c.public_authority,
                    self.span(&field),
                    "public authority",
                ),
                Rule::country_field => {
                    set_once(self, &mut c.country, self.last_name(field), "country")
                }
                Rule::address_field => {
                    set_once(self, &mut c.address, self.last_text(field), "address")
                }
                Rule::contact_field => {
                    set_once(self, &mut c.contact, self.last_text(field), "contact")
                }
                Rule::dpo_block => set_once(self, &mut c.dpo, self.dpo(field), "dpo"),
                Rule::document_block => {
                    set_once(self, &mut c.document, self.document(field), "document")
                }
                Rule::notice_field => set_once(self, &mut c.notice, self.notice(field), "notice"),
                Rule::safeguards_field => set_once(
                    self,
                    &mut c.safeguards_copy,
                    self.last_text(field),
                    "safeguards copy",
                ),
                Rule::allow_field => c.waivers.push(self.waiver(field)),
                Rule::supervision_field => set_once(
                    self,
                    &mut c.supervision,
                    self.supervision(field),
                    "supervision",
                ),
                other => unreachable!("not a controller field: {other:?}"),
            }
        }
        c
    }

    fn dpo<'a>(&self, pair: Pair<'a, Rule>) -> Dpo<'a> {
        let mut dpo = Dpo {
            name: None,
            email: None,
            phone: None,
            address: None,
            web: None,
            span: self.span(&pair),
        };
        for field in self.inner_without_keywords(pair) {
            let rule = field.as_rule();
            let value = self.last_text(field);
            match rule {
                Rule::dpo_name => set_once(self, &mut dpo.name, value, "name"),
                Rule::dpo_email => set_once(self, &mut dpo.email, value, "email"),
                Rule::dpo_phone => set_once(self, &mut dpo.phone, value, "phone"),
                Rule::address_field => set_once(self, &mut dpo.address, value, "address"),
                Rule::dpo_web => set_once(self, &mut dpo.web, value, "web"),
                other => unreachable!("not a dpo field: {other:?}"),
            }
        }
        dpo
    }

    fn document<'a>(&self, pair: Pair<'a, Rule>) -> Document<'a> {
        let span = self.span(&pair);
        let mut it = self.inner_without_keywords(pair);
        let mut document = Document {
            title: self.text(it.next().unwrap()),
            version: None,
            date: None,
            web: None,
            privacy_notice: None,
            span,
        };
        for field in it {
            match field.as_rule() {
                Rule::document_version => set_once(
                    self,
                    &mut document.version,
                    self.last_text(field),
                    "version",
                ),
                Rule::document_date => {
                    set_once(self, &mut document.date, self.last_date(field), "date")
                }
                Rule::dpo_web => set_once(self, &mut document.web, self.last_text(field), "web"),
                Rule::document_privacy => {
                    let span = self.span(&field);
                    set_once(self, &mut document.privacy_notice, span, "privacy notice")
                }
                other => unreachable!("not a document field: {other:?}"),
            }
        }
        document
    }

    fn last_text<'a>(&self, pair: Pair<'a, Rule>) -> Quoted<'a> {
        self.text(pair.into_inner().last().unwrap())
    }

    fn last_name<'a>(&self, pair: Pair<'a, Rule>) -> Word<'a> {
        self.name(pair.into_inner().last().unwrap())
    }

    fn processor<'a>(&self, pair: Pair<'a, Rule>) -> Processor<'a> {
        let span = self.span(&pair);
        let mut it = self.inner_without_keywords(pair);
        let mut p = Processor {
            name: self.name(it.next().unwrap()),
            label: self.text(it.next().unwrap()),
            agreement: None,
            authorised: None,
            country: None,
            organisation: None,
            transfer: None,
            tia: None,
            dpf_listed: None,
            supervised: None,
            subprocessors: Vec::new(),
            waivers: Vec::new(),
            span,
        };
        for field in it {
            match field.as_rule() {
                Rule::agreement_field => {
                    set_once(self, &mut p.agreement, self.last_text(field), "agreement")
                }
                Rule::authorised_field => {
                    set_once(self, &mut p.authorised, self.last_text(field), "authorised")
                }
                Rule::country_field => {
                    set_once(self, &mut p.country, self.last_name(field), "country")
                }
                Rule::transfer_field => {
                    set_once(self, &mut p.transfer, self.transfer(field), "transfer")
                }
                Rule::tia_field => set_once(self, &mut p.tia, self.last_text(field), "tia"),
                Rule::dpf_listed_field => {
                    set_once(self, &mut p.dpf_listed, self.last_text(field), "dpf_listed")
                }
                Rule::organisation_field => set_once(
                    self,
                    &mut p.organisation,
                    self.last_name(field),
                    "international organisation",
                ),
                Rule::allow_field => p.waivers.push(self.waiver(field)),
                Rule::subprocessor => p.subprocessors.push(self.processor(field)),
                Rule::supervised_field => set_once(
                    self,
                    &mut p.supervised,
                    self.supervised(field),
                    "supervised",
                ),
                other => unreachable!("not a processor field: {other:?}"),
            }
        }
        p
    }

    fn transfer<'a>(&self, pair: Pair<'a, Rule>) -> Transfer<'a> {
        Transfer {
            span: self.span(&pair),
            mechanisms: self
                .inner_without_keywords(pair)
                .map(|m| self.name(m))
                .collect(),
        }
    }

    fn recipient<'a>(&self, pair: Pair<'a, Rule>) -> Recipient<'a> {
        let span = self.span(&pair);
        let mut it = self.inner_without_keywords(pair);
        let mut r = Recipient {
            name: self.name(it.next().unwrap()),
            label: self.text(it.next().unwrap()),
            kind: self.name(it.next().unwrap()),
            country: None,
            organisation: None,
            transfer: None,
            tia: None,
            dpf_listed: None,
            waivers: Vec::new(),
            span,
        };
        for field in it {
            match field.as_rule() {
                Rule::country_field => {
                    set_once(self, &mut r.country, self.last_name(field), "country")
                }
                Rule::transfer_field => {
                    set_once(self, &mut r.transfer, self.transfer(field), "transfer")
                }
                Rule::tia_field => set_once(self, &mut r.tia, self.last_text(field), "tia"),
                Rule::dpf_listed_field => {
                    set_once(self, &mut r.dpf_listed, self.last_text(field), "dpf_listed")
                }
                Rule::organisation_field => set_once(
                    self,
                    &mut r.organisation,
                    self.last_name(field),
                    "international organisation",
                ),
                Rule::allow_field => r.waivers.push(self.waiver(field)),
                other => unreachable!("not a recipient field: {other:?}"),
            }
        }
        r
    }

    fn joint_controller<'a>(&self, pair: Pair<'a, Rule>) -> JointController<'a> {
        let span = self.span(&pair);
        let mut it = self.inner_without_keywords(pair);
        let mut j = JointController {
            name: self.name(it.next().unwrap()),
            label: self.text(it.next().unwrap()),
            country: None,
            address: None,
            contact: None,
            arrangement: None,
            answers: None,
            essence: None,
            waivers: Vec::new(),
            span,
        };
        for field in it {
            match field.as_rule() {
                Rule::country_field => {
                    set_once(self, &mut j.country, self.last_name(field), "country")
                }
                Rule::address_field => {
                    set_once(self, &mut j.address, self.last_text(field), "address")
                }
                Rule::contact_field => {
                    set_once(self, &mut j.contact, self.last_text(field), "contact")
                }
                Rule::arrangement_field => set_once(
                    self,
                    &mut j.arrangement,
                    self.last_text(field),
                    "arrangement",
                ),
                Rule::answers_field => {
                    set_once(self, &mut j.answers, self.last_text(field), "answers")
                }
                Rule::essence_field => {
                    set_once(self, &mut j.essence, self.last_text(field), "essence")
                }
                Rule::allow_field => j.waivers.push(self.waiver(field)),
                other => unreachable!("not a joint controller field: {other:?}"),
            }
        }
        j
    }

    fn activity<'a>(&self, pair: Pair<'a, Rule>) -> Activity<'a> {
        let span = self.span(&pair);
        let mut it = self.inner_without_keywords(pair);
        let name = self.name(it.next().unwrap());
        let label = self.text(it.next().unwrap());
        let statements = it.map(|field| self.statement(field)).collect();
        Activity {
            name,
            label,
            statements,
            span,
        }
    }

    fn statement<'a>(&self, pair: Pair<'a, Rule>) -> Statement<'a> {
        let span = self.span(&pair);
        let rule = pair.as_rule();
        match rule {
            Rule::purpose_field => Statement::Purpose(self.last_text(pair)),
            Rule::subjects_field => Statement::Subjects(self.last_names(pair)),
            Rule::data_field => {
                let mut it = self.inner_without_keywords(pair);
                let data = self.names(it.next().unwrap());
                let mut next = it.next();
                if let Some(about) = next.clone().filter(|p| p.as_rule() == Rule::data_about) {
                    next = it.next();
                    let used = next.map(|used| {
                        let mut it = self.inner_without_keywords(used);
                        (self.name(it.next().unwrap()), self.text(it.next().unwrap()))
                    });
                    return Statement::DataAbout(Box::new(DataAbout {
                        data,
                        subjects: self.last_names(about),
                        used,
                        span,
                    }));
                }
                match next {
                    None => Statement::Data(data),
                    Some(used) => {
                        let mut it = self.inner_without_keywords(used);
                        Statement::DataAs(Box::new(DataAs {
                            data,
                            class: self.name(it.next().unwrap()),
                            when: self.text(it.next().unwrap()),
                            span,
                        }))
                    }
                }
            }
            Rule::sources_field => Statement::Sources(self.last_names(pair)),
            Rule::via_field => Statement::Via(self.last_names(pair)),
            Rule::basis_field => {
                let mut inner = pair.into_inner().skip(1);
                let list = self.citations(inner.next().unwrap());
                match inner.next() {
                    // `in some cases ["..."]`: the string, if any, follows the three keywords.
                    Some(cases) => Statement::BasisInSomeCases(Box::new(SomeCases {
                        citations: list,
                        cases: cases
                            .into_inner()
                            .find(|p| p.as_rule() == Rule::string)
                            .map(|p| self.text(p)),
                        span,
                    })),
                    None => Statement::Basis(list, span),
                }
            }
            Rule::retain_field => Statement::Retain(Box::new(self.retain(pair))),
            Rule::disclose_field => Statement::Disclose(Box::new(self.disclose(pair))),
            Rule::review_field => Statement::Review(
                self.inner_without_keywords(pair)
                    .map(|p| self.name(p))
                    .collect(),
            ),
            Rule::cctv_field => {
                let ground = self
                    .inner_without_keywords(pair)
                    .next()
                    .map(|p| Box::new(self.citation(p)));
                Statement::Cctv(span, ground)
            }
            Rule::cameras_field => Statement::Cameras(self.last_names(pair), span),
            Rule::covert_field => Statement::Covert(span),
            Rule::signs_field => Statement::Signs(self.last_text(pair)),
            Rule::polcam_field => {
                let date = self
                    .inner_without_keywords(pair)
                    .next()
                    .map(|d| Spanned::new(d.as_str(), self.span(&d)));
                Statement::Polcam(span, date)
            }
            Rule::exception_field => {
                let mut it = self.inner_without_keywords(pair).peekable();
                let citation = self.citation(it.next().unwrap());
                let ground = it
                    .next_if(|p| p.as_rule() == Rule::exception_ground)
                    .map(|p| self.exception_ground(p));
                let reason = it.next().map(|p| self.text(p));
                Statement::Exception(Box::new(Exception {
                    citation,
                    ground,
                    reason,
                    span,
                }))
            }
            Rule::dpia_field => Statement::Dpia(self.last_text(pair)),
            Rule::since_field => Statement::Since(self.last_date(pair)),
            Rule::justification_field => Statement::Justification(self.last_text(pair)),
            Rule::notified_field => Statement::Notified(self.last_date(pair)),
            Rule::control_field => Statement::ControlMeasure(self.last_text(pair), span),
            Rule::security_field => Statement::Security(self.last_text(pair)),
            Rule::area_field => Statement::Area(self.last_name(pair)),
            Rule::withdrawal_field => {
                let inner = pair.into_inner().last().unwrap();
                match inner.as_rule() {
                    Rule::withdrawal_right => Statement::WithdrawalRight(self.last_text(inner)),
                    _ => Statement::Withdrawal(self.text(inner)),
                }
            }
            Rule::online_service_field => Statement::OnlineService(span),
            Rule::parental_consent_field => Statement::ParentalConsent(self.last_text(pair)),
            Rule::compatibility_field => {
                let inner = pair.into_inner().last().unwrap();
                match inner.as_rule() {
                    Rule::compatibility_under => {
                        let list = inner.into_inner().last().unwrap();
                        Statement::CompatibilityUnder(self.citations(list), span)
                    }
                    _ => Statement::Compatibility(self.text(inner)),
                }
            }
            Rule::logic_field => Statement::Logic(self.last_text(pair)),
            Rule::providing_field => {
                let kind = pair.clone().into_inner().nth(1).unwrap();
                let requirement = match kind.into_inner().last().unwrap().as_rule() {
                    Rule::kw_law => Requirement::Law,
                    Rule::kw_contract => Requirement::Contract,
                    _ => Requirement::Voluntary,
                };
                Statement::Providing(requirement, self.last_text(pair), span)
            }
            Rule::interests_field => Statement::Interests(self.last_text(pair)),
            Rule::monitoring_field => Statement::Monitoring(self.last_text(pair)),
            Rule::large_scale_field => Statement::LargeScale(span),
            Rule::notice_field => Statement::Notice(Box::new(self.notice(pair))),
            Rule::erasure_field => {
                let mut it = self.inner_without_keywords(pair);
                let reason = self.text(it.next().unwrap());
                let basis = it
                    .next()
                    .map(|list| self.citations(list))
                    .unwrap_or_default();
                Statement::ErasureRefused(Box::new(ErasureRefusal {
                    reason,
                    basis,
                    span,
                }))
            }
            Rule::preserve_field => Statement::Preserve(self.last_text(pair)),
            Rule::unit_field => Statement::Unit(self.last_text(pair)),
            Rule::collect_field => {
                let mut it = self.inner_without_keywords(pair);
                let data = self.names(it.next().unwrap());
                let mut duration = it.next().unwrap().into_inner();
                let n = duration.next().unwrap();
                Statement::Collect(Box::new(Collect {
                    data,
                    amount: Spanned::new(n.as_str(), self.span(&n)),
                    unit: self.name(duration.next().unwrap()),
                    span,
                }))
            }
            Rule::copy_field => {
                let mut it = self.inner_without_keywords(pair);
                let data = self.names(it.next().unwrap());
                let holder = self.text(it.next().unwrap());
                let period = it.next().map(|p| self.period(p));
                Statement::Copy(Box::new(HeldCopy {
                    data,
                    holder,
                    period,
                    span,
                }))
            }
            Rule::jointly_field => Statement::Jointly(self.last_names(pair)),
            Rule::kle_field => Statement::Kle(
                self.inner_without_keywords(pair)
                    .map(|n| Spanned::new(n.as_str(), self.span(&n)))
                    .collect(),
            ),
            Rule::allow_field => Statement::Allow(Box::new(self.waiver(pair))),
            Rule::unknown_field => {
                let word = pair.into_inner().next().unwrap();
                Statement::Unknown(self.name(word))
            }
            other => unreachable!("not an activity statement: {other:?}"),
        }
    }

    fn waiver<'a>(&self, pair: Pair<'a, Rule>) -> Waiver<'a> {
        let span = self.span(&pair);
        let mut it = self.inner_without_keywords(pair);
        Waiver {
            code: self.name(it.next().unwrap()),
            reason: it.next().map(|p| self.text(p)),
            span,
        }
    }

    fn aged<'a>(&self, pair: Pair<'a, Rule>) -> Aged<'a> {
        let span = self.span(&pair);
        let mut it = self.inner_without_keywords(pair);
        let mut number = || {
            let n = it.next().unwrap();
            Spanned::new(n.as_str(), self.span(&n))
        };
        let youngest = number();
        let oldest = number();
        Aged {
            youngest,
            oldest,
            span,
        }
    }

    /// The period of a `retain` or a `copy`: a `deadline` (`for 30 days [after "..."] [then
    /// archive]`) or an `until_event` (`until "..." [then archive]`).
    fn period<'a>(&self, pair: Pair<'a, Rule>) -> Retention<'a> {
        let rule = pair.as_rule();
        let mut amount = None;
        let mut unit = None;
        let mut text = None;
        let mut then_archive = false;
        for part in self.inner_without_keywords(pair) {
            match part.as_rule() {
                Rule::duration => {
                    let mut d = part.into_inner();
                    let n = d.next().unwrap();
                    amount = Some(Spanned::new(n.as_str(), self.span(&n)));
                    unit = Some(self.name(d.next().unwrap()));
                }
                Rule::string => text = Some(self.text(part)),
                Rule::then_archive => then_archive = true,
                other => unreachable!("not part of a period: {other:?}"),
            }
        }
        match rule {
            Rule::deadline => Retention::Deadline {
                amount: amount.unwrap(),
                unit: unit.unwrap(),
                after: text,
                then_archive,
            },
            Rule::until_event => Retention::Until {
                event: text.unwrap(),
                then_archive,
            },
            other => unreachable!("not a period: {other:?}"),
        }
    }

    /// `supervision every NUMBER UNIT`.
    fn supervision<'a>(&self, pair: Pair<'a, Rule>) -> SupervisionPeriod<'a> {
        let span = self.span(&pair);
        let mut it = self.inner_without_keywords(pair);
        let mut duration = it.next().unwrap().into_inner();
        let n = duration.next().unwrap();
        SupervisionPeriod {
            amount: Spanned::new(n.as_str(), self.span(&n)),
            unit: self.name(duration.next().unwrap()),
            span,
        }
    }

    /// `supervised DATE "how"`.
    fn supervised<'a>(&self, pair: Pair<'a, Rule>) -> Supervised<'a> {
        let span = self.span(&pair);
        let mut it = self.inner_without_keywords(pair);
        let date = it.next().unwrap();
        Supervised {
            date: Spanned::new(date.as_str(), self.span(&date)),
            form: self.text(it.next().unwrap()),
            span,
        }
    }

    fn limit<'a>(&self, pair: Pair<'a, Rule>) -> Limit<'a> {
        let span = self.span(&pair);
        let mut it = self.inner_without_keywords(pair);
        let mut duration = it.next().unwrap().into_inner();
        let n = duration.next().unwrap();
        Limit {
            amount: Spanned::new(n.as_str(), self.span(&n)),
            unit: self.name(duration.next().unwrap()),
            reason: it.next().map(|p| self.text(p)),
            span,
        }
    }

    fn last_names<'a>(&self, pair: Pair<'a, Rule>) -> Vec<Word<'a>> {
        self.names(pair.into_inner().last().unwrap())
    }

    fn last_date<'a>(&self, pair: Pair<'a, Rule>) -> Word<'a> {
        let date = pair.into_inner().last().unwrap();
        Spanned::new(date.as_str(), self.span(&date))
    }

    fn citations<'a>(&self, list: Pair<'a, Rule>) -> Vec<Citation<'a>> {
        list.into_inner().map(|c| self.citation(c)).collect()
    }

    /// `for WORD [with notice]` after `exception`.
    fn exception_ground<'a>(&self, pair: Pair<'a, Rule>) -> ExceptionFor<'a> {
        let mut it = self.inner_without_keywords(pair);
        let word = self.name(it.next().unwrap());
        let notice = it.next().map(|p| self.span(&p));
        ExceptionFor { word, notice }
    }

    fn citation<'a>(&self, pair: Pair<'a, Rule>) -> Citation<'a> {
        let span = self.span(&pair);
        let inner = pair.into_inner().next().unwrap();
        match inner.as_rule() {
            Rule::law_text => Citation::Law(self.last_text(inner)),
            Rule::agreement_text => Citation::Agreement(self.last_text(inner)),
            Rule::act_citation => {
                let mut it = inner.into_inner();
                let act = self.name(it.next().unwrap());
                let provision = it.next().unwrap().as_str();
                let (number, parts) = Parts::split(provision);
                Citation::Act {
                    act,
                    number,
                    parts,
                    span,
                }
            }
            other => unreachable!("not a citation: {other:?}"),
        }
    }

    /// `notice "..."` or `notice exempt CITATIONS`, in an activity or in the controller.
    fn notice<'a>(&self, pair: Pair<'a, Rule>) -> Notice<'a> {
        let inner = pair.into_inner().last().unwrap();
        match inner.as_rule() {
            Rule::notice_exempt => {
                let exempt_span = self.span(&inner);
                let list = inner.into_inner().last().unwrap();
                Notice::Exempt {
                    basis: self.citations(list),
                    span: exempt_span,
                }
            }
            _ => Notice::Practice(self.text(inner)),
        }
    }

    fn retain<'a>(&self, pair: Pair<'a, Rule>) -> Retain<'a> {
        let span = self.span(&pair);
        let mut it = self.inner_without_keywords(pair);
        let targets_pair = it.next().unwrap();
        let first = targets_pair.into_inner().next().unwrap();
        let targets = match first.as_rule() {
            Rule::kw_all => None,
            _ => Some(self.names(first)),
        };
        let retention_pair = it.next().unwrap().into_inner().next().unwrap();
        let retention = match retention_pair.as_rule() {
            Rule::archive_only => Retention::Archive(self.span(&retention_pair)),
            Rule::deadline | Rule::until_event => self.period(retention_pair),
            other => unreachable!("not a retention: {other:?}"),
        };
        Retain {
            targets,
            retention,
            span,
        }
    }

    fn disclose<'a>(&self, pair: Pair<'a, Rule>) -> Disclose<'a> {
        let span = self.span(&pair);
        let mut it = self.inner_without_keywords(pair);
        let data = self.names(it.next().unwrap());
        let recipient = self.name(it.next().unwrap());
        let mut basis = Vec::new();
        let mut condition = None;
        for part in it {
            match part.as_rule() {
                Rule::citation_list => basis = self.citations(part),
                Rule::string => condition = Some(self.text(part)),
                other => unreachable!("not part of a disclosure: {other:?}"),
            }
        }
        Disclose {
            data,
            recipient,
            basis,
            condition,
            span,
        }
    }
}

/// Where a pair's words end. pest leaves the white space and comments it skipped before an optional
/// or repeated part that then matched nothing inside the pair (`basis gdpr 6(1)(e)  // note⏎  retain`);
/// a label drawn on that would run onto the next line, so the span ends at the pair's last token.
fn words_end(pair: &Pair<Rule>) -> usize {
    let end = pair.as_span().end();
    if !pair.as_str().ends_with(char::is_whitespace) {
        return end;
    }
    // `next_back` is O(1); `last` would walk every child.
    pair.clone()
        .into_inner()
        .next_back()
        .map_or(end, |last| words_end(&last))
}

/// Undoes `\"` and `\\`; any other backslash is kept as written.
pub(super) fn unescape(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && matches!(chars.peek(), Some('"' | '\\')) {
            out.push(chars.next().unwrap());
        } else {
            out.push(c);
        }
    }
    out
}

fn is_keyword(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::kw_controller
            | Rule::kw_subjects
            | Rule::kw_data
            | Rule::kw_source
            | Rule::kw_sources
            | Rule::kw_processor
            | Rule::kw_subprocessor
            | Rule::kw_recipient
            | Rule::kw_activity
            | Rule::kw_public
            | Rule::kw_authority
            | Rule::kw_address
            | Rule::kw_contact
            | Rule::kw_country
            | Rule::kw_dpo
            | Rule::kw_document
            | Rule::kw_version
            | Rule::kw_date
            | Rule::kw_name
            | Rule::kw_email
            | Rule::kw_phone
            | Rule::kw_web
            | Rule::kw_agreement
            | Rule::kw_authorised
            | Rule::kw_supervised
            | Rule::kw_supervision
            | Rule::kw_every
            | Rule::kw_unit
            | Rule::kw_unnamed
            | Rule::kw_collect
            | Rule::kw_copy
            | Rule::kw_kept
            | Rule::kw_by
            | Rule::kw_joint
            | Rule::kw_jointly
            | Rule::kw_kle
            | Rule::kw_about
            | Rule::kw_arrangement
            | Rule::kw_answers
            | Rule::kw_essence
            | Rule::kw_transfer
            | Rule::kw_tia
            | Rule::kw_purpose
            | Rule::kw_basis
            | Rule::kw_retain
            | Rule::kw_for
            | Rule::kw_after
            | Rule::kw_then
            | Rule::kw_archive
            | Rule::kw_all
            | Rule::kw_via
            | Rule::kw_disclose
            | Rule::kw_to
            | Rule::kw_under
            | Rule::kw_when
            | Rule::kw_as
            | Rule::kw_review
            | Rule::kw_cctv
            | Rule::kw_cameras
            | Rule::kw_at
            | Rule::kw_covert
            | Rule::kw_signs
            | Rule::kw_polcam
            | Rule::kw_registered
            | Rule::kw_exception
            | Rule::kw_with
            | Rule::kw_dpia
            | Rule::kw_since
            | Rule::kw_justification
            | Rule::kw_notified
            | Rule::kw_control
            | Rule::kw_measure
            | Rule::kw_security
            | Rule::kw_law
            | Rule::kw_dpf_listed
            | Rule::kw_international
            | Rule::kw_organisation
            | Rule::kw_allow
            | Rule::kw_aged
            | Rule::kw_limit
            | Rule::kw_area
            | Rule::kw_withdrawal
            | Rule::kw_online_service
            | Rule::kw_parental_consent
            | Rule::kw_compatibility
            | Rule::kw_logic
            | Rule::kw_providing
            | Rule::kw_required
            | Rule::kw_contract
            | Rule::kw_voluntary
            | Rule::kw_interests
            | Rule::kw_privacy
            | Rule::kw_safeguards
            | Rule::kw_monitoring
            | Rule::kw_large_scale
            | Rule::kw_notice
            | Rule::kw_exempt
            | Rule::kw_erasure
            | Rule::kw_refused
            | Rule::kw_preserve
            | Rule::kw_right
            | Rule::kw_until
    )
}

/// What a user is told about blocks nested too deep or a field given twice, in English and Danish.
pub mod text {
    crate::texts! {
        TOO_DEEP = (
            "blocks are nested more than {max} levels deep",
            "blokke er indlejret mere end {max} niveauer"
        ),
        TOO_DEEP_LABEL = ("this `{{` is one level too many", "denne `{{` er ét niveau for meget"),
        TOO_DEEP_HELP = (
            "check for a missing `}}`; sub-processor chains are never this long",
            "se efter en manglende `}}`; kæder af underdatabehandlere er aldrig så lange"
        ),
        GIVEN_TWICE = ("`{field}` is given twice in one block", "`{field}` er angivet to gange i én blok"),
        GIVEN_AGAIN = ("given again here", "angivet igen her"),
        FIRST_GIVEN = ("first given here", "første gang angivet her"),
        KEEP_ONE = (
            "keep one `{field}`; a block states each of its fields once",
            "behold én `{field}`; en blok angiver hvert af sine felter én gang"
        ),
    }
}
