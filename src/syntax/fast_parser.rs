//! A hand-written recursive-descent parser for the declarations of grammar/hjemmel.pest, several
//! times faster than pest on large specs (docs/performance.md).
//!
//! It is only a fast path: the pest grammar stays the definition of the language, and `parse_file`
//! hands a chunk to pest whenever this parser does not return a tree for it, so pest writes every
//! error message. This parser therefore never reports anything; it returns the tree that pest and the
//! builder in parser.rs would build (spans included) or gives up. It gives up on a chunk that pest
//! rejects, on one the builder would report (a field given twice), and on anything it does not
//! decide for itself (sub-processors nested deeper than pest is asked to go). Non-ASCII names
//! (`behandlingsgrundlag_for_børn`) and white space are decided here, with pest's own Unicode tables
//! (`cursor.rs`). tests/fast_parser.rs checks it against pest on every spec in the repository and on
//! many mutations of them.
//!
//! Each method follows the pest rule of the same name: between the parts of a rule it skips white
//! space and comments as pest does, an optional part that does not match leaves the position where
//! it was, and a statement that starts with a keyword but does not match fails the chunk (pest then
//! finds no alternative either). A new statement is one arm in [`Parser::statement`].

use std::borrow::Cow;
use std::ops::Range;

use super::ast::*;
use super::cursor::Cursor;
use super::parser::unescape;
use super::span::{FileId, Span, Spanned};

/// Why the fast parser returned no tree for a chunk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fallback {
    /// pest rejects the chunk, or the builder reports an error in it.
    Invalid,
    /// The chunk holds something this parser leaves to pest; pest may accept it.
    Unsure,
}

/// Sub-processors nest at most this deep here; deeper chains (never seen in practice) go to pest.
const MAX_DEPTH: usize = 64;

/// The lists (and boxes) of the tree, kept from one declaration to the next. The parser takes an
/// empty list from here for each one it reads, and [`recycle`](Self::recycle) gives them back,
/// emptied, once the declarations have been resolved. A spec is mostly short lists (the names of a
/// `data` statement, the citations of a `basis`): reused, each costs no allocation, no free and no
/// copy.
#[derive(Default)]
pub struct Scratch<'a> {
    names: Vec<Vec<Word<'a>>>,
    statements: Vec<Vec<Statement<'a>>>,
    citations: Vec<Vec<Citation<'a>>>,
    declarations: Vec<Vec<Declaration<'a>>>,
    /// The boxes of the statements most activities have: kept as boxes, since the allocation is
    /// what is reused.
    #[allow(clippy::vec_box)]
    notices: Vec<Box<Notice<'a>>>,
    #[allow(clippy::vec_box)]
    retains: Vec<Box<Retain<'a>>>,
    #[allow(clippy::vec_box)]
    discloses: Vec<Box<Disclose<'a>>>,
}

/// Lists kept of each kind, at most (an activity holds a few dozen).
const KEPT: usize = 64;

/// An empty list from `pool`, or a new one.
fn take<T>(pool: &mut Vec<Vec<T>>) -> Vec<T> {
    pool.pop().unwrap_or_default()
}

/// `value` in a box from `pool`, or in a new one.
fn boxed<T>(pool: &mut Vec<Box<T>>, value: T) -> Box<T> {
    match pool.pop() {
        Some(mut b) => {
            *b = value;
            b
        }
        None => Box::new(value),
    }
}

/// Keeps a box for [`boxed`], unless the pool is full (its old value goes when it is reused).
fn give_box<T>(pool: &mut Vec<Box<T>>, b: Box<T>) {
    if pool.len() < KEPT {
        pool.push(b);
    }
}

/// Empties `list` into `pool`, unless the pool is full.
fn give<T>(pool: &mut Vec<Vec<T>>, mut list: Vec<T>) {
    if pool.len() < KEPT && list.capacity() > 0 {
        list.clear();
        pool.push(list);
    }
}

impl<'a> Scratch<'a> {
    /// Takes back the lists of declarations that are no longer needed, whichever parser made them.
    pub fn recycle(&mut self, mut declarations: Vec<Declaration<'a>>) {
        for declaration in declarations.drain(..) {
            let Declaration::Activity(mut activity) = declaration else {
                continue;
            };
            for statement in activity.statements.drain(..) {
                match statement {
                    Statement::Subjects(names)
                    | Statement::Data(names)
                    | Statement::Sources(names)
                    | Statement::Via(names)
                    | Statement::Kle(names) => give(&mut self.names, names),
                    Statement::Basis(citations, _) => give(&mut self.citations, citations),
                    Statement::CompatibilityUnder(citations, _) => {
                        give(&mut self.citations, citations)
                    }
                    Statement::BasisInSomeCases(mut some) => {
                        give(&mut self.citations, std::mem::take(&mut some.citations))
                    }
                    Statement::Retain(mut retain) => {
                        if let Some(names) = retain.targets.take() {
                            give(&mut self.names, names);
                        }
                        give_box(&mut self.retains, retain);
                    }
                    Statement::Disclose(mut disclose) => {
                        give(&mut self.names, std::mem::take(&mut disclose.data));
                        give(&mut self.citations, std::mem::take(&mut disclose.basis));
                        give_box(&mut self.discloses, disclose);
                    }
                    Statement::Notice(mut notice) => {
                        if let Notice::Exempt { basis, .. } = &mut *notice {
                            give(&mut self.citations, std::mem::take(basis));
                        }
                        give_box(&mut self.notices, notice);
                    }
                    _ => {}
                }
            }
            give(&mut self.statements, activity.statements);
        }
        give(&mut self.declarations, declarations);
    }
}

/// Where a declaration or statement starts and ends, and where its block opens and closes, in the
/// order the parser reads them (a block's statements between its `Open` and `Close`): the outline
/// of a chunk the formatter lays out (src/fmt/), which only a parser knows (a statement ends where
/// the next one begins, and a name may be spelled like a keyword). Positions are in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece {
    /// A declaration or statement starts here, at its first word.
    Start(usize),
    /// The statement begun last is one the language does not know (`unknown_field`).
    Unknown,
    /// The `{` of the declaration or statement begun last.
    Open(usize),
    /// The `}` of the block opened last.
    Close(usize),
    /// The declaration or statement begun last ends here, after its last word.
    End(usize),
}

/// [`parse_chunk`], and the chunk's outline appended to `outline` (unless it returns no tree).
pub fn parse_chunk_outlined<'a>(
    file: FileId,
    text: &'a str,
    range: Range<usize>,
    scratch: &mut Scratch<'a>,
    outline: &mut Vec<Piece>,
    text_is_clean: bool,
) -> Result<Vec<Declaration<'a>>, Fallback> {
    let kept = outline.len();
    let result = parse_chunk_into(file, text, range, scratch, Some(outline), text_is_clean);
    if result.is_err() {
        outline.truncate(kept);
    }
    result
}

/// Parses one chunk of `text` (a range `chunks::split` returned). `text_is_clean`: the whole text
/// is known to hold no forbidden character (`controls.rs`), so the chunk need not be tested again.
pub fn parse_chunk<'a>(
    file: FileId,
    text: &'a str,
    range: Range<usize>,
    scratch: &mut Scratch<'a>,
    text_is_clean: bool,
) -> Result<Vec<Declaration<'a>>, Fallback> {
    parse_chunk_into(file, text, range, scratch, None, text_is_clean)
}

fn parse_chunk_into<'a>(
    file: FileId,
    text: &'a str,
    range: Range<usize>,
    scratch: &mut Scratch<'a>,
    outline: Option<&mut Vec<Piece>>,
    text_is_clean: bool,
) -> Result<Vec<Declaration<'a>>, Fallback> {
    // pest rejects a forbidden character wherever it stands, and the error names it (`controls.rs`);
    // one test of the chunk (or of the whole text, once) spares the cursor a test in every string
    // and comment.
    if !text_is_clean && super::controls::first_forbidden(&text[range.clone()]).is_some() {
        return Err(Fallback::Invalid);
    }
    let mut p = Parser {
        c: Cursor::new(&text[range.clone()]),
        file,
        offset: range.start,
        scratch,
        outline,
    };
    let result = p.spec();
    match result {
        _ if p.c.unsure => Err(Fallback::Unsure),
        Some(declarations) => Ok(declarations),
        None => Err(Fallback::Invalid),
    }
}

/// The scratch lists and the outline are borrowed, not moved in and out: a chunk is a few hundred
/// bytes, and moving them cost a copy and a drop per chunk.
struct Parser<'a, 's> {
    c: Cursor<'a>,
    file: FileId,
    /// Where the chunk starts in the file: the cursor's positions are relative to the chunk.
    offset: usize,
    scratch: &'s mut Scratch<'a>,
    /// The outline, when the formatter asks for it ([`parse_chunk_outlined`]).
    outline: Option<&'s mut Vec<Piece>>,
}

impl<'a> Parser<'a, '_> {
    /// Notes a piece of the outline, when one is asked for; `at` is relative to the chunk.
    #[inline]
    fn outline(&mut self, piece: fn(usize) -> Piece, at: usize) {
        if let Some(outline) = &mut self.outline {
            outline.push(piece(self.offset + at));
        }
    }

    fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.file, self.offset + start, self.offset + end)
    }

    /// A span from `start` to the end of the last token read.
    fn span_from(&self, start: usize) -> Span {
        self.span(start, self.c.last_end)
    }

    fn spanned(&self, (start, end): (usize, usize)) -> Word<'a> {
        Spanned::new(&self.c.text[start..end], self.span(start, end))
    }

    fn name(&mut self) -> Option<Word<'a>> {
        let range = self.c.ident()?;
        Some(self.spanned(range))
    }

    fn text(&mut self) -> Option<Quoted<'a>> {
        let q = self.c.string()?;
        let body = &self.c.text[q.body];
        let value = if q.escaped {
            Cow::Owned(unescape(body))
        } else {
            Cow::Borrowed(body)
        };
        Some(Spanned::new(value, self.span(q.start, q.end)))
    }

    /// The keyword `peek_word` just returned, followed by what `then` reads: [`after`](Self::after)
    /// without comparing the keyword again.
    fn peeked<T>(&mut self, keyword: &str, then: impl FnOnce(&mut Self) -> Option<T>) -> Option<T> {
        self.c.take_word(keyword);
        self.c.skip();
        then(self)
    }

    /// A keyword followed by what `then` reads (`kw_x ~ ...`). Always inlined, so that the keyword,
    /// known at the call, is compared as a constant rather than through a `memcmp` call.
    #[inline(always)]
    fn after<T>(&mut self, keyword: &str, then: impl FnOnce(&mut Self) -> Option<T>) -> Option<T> {
        self.c.keyword(keyword)?;
        self.c.skip();
        then(self)
    }

    /// `name_list`: `ident ("," ident)*`.
    fn names(&mut self) -> Option<Vec<Word<'a>>> {
        let first = self.name()?;
        let mut buf = take(&mut self.scratch.names);
        buf.push(first);
        loop {
            let mark = self.c.mark();
            self.c.skip();
            if self.c.literal(",").is_some() {
                self.c.skip();
                if let Some(name) = self.name() {
                    buf.push(name);
                    continue;
                }
            }
            self.c.reset(mark);
            break;
        }
        Some(buf)
    }

    /// `X ("|" X)*` for `transfer` and `review`.
    fn alternatives(
        &mut self,
        item: impl Fn(&mut Self) -> Option<Word<'a>>,
    ) -> Option<Vec<Word<'a>>> {
        let mut items = vec![item(self)?];
        loop {
            let mark = self.c.mark();
            self.c.skip();
            if self.c.literal("|").is_some() {
                self.c.skip();
                if let Some(it) = item(self) {
                    items.push(it);
                    continue;
                }
            }
            self.c.reset(mark);
            return Some(items);
        }
    }

    /// Fills a block field once; a second one is the builder's `duplicate-field` error.
    fn once<T>(slot: &mut Option<T>, value: T) -> Option<()> {
        if slot.is_some() {
            return None;
        }
        *slot = Some(value);
        Some(())
    }

    /// `spec`: declarations up to the end of the chunk.
    fn spec(&mut self) -> Option<Vec<Declaration<'a>>> {
        let mut declarations = take(&mut self.scratch.declarations);
        self.c.skip();
        while !self.c.at_end() {
            self.outline(Piece::Start, self.c.pos);
            declarations.push(self.declaration()?);
            self.outline(Piece::End, self.c.last_end);
            self.c.skip();
        }
        Some(declarations)
    }

    fn declaration(&mut self) -> Option<Declaration<'a>> {
        let start = self.c.pos;
        Some(match self.c.peek_word()? {
            "controller" => Declaration::Controller(Box::new(self.controller(start)?)),
            "subjects" => Declaration::Subjects(Box::new(self.subjects(start)?)),
            "data" => Declaration::Data(Box::new(self.data(start)?)),
            "source" => Declaration::Source(Box::new(self.source(start)?)),
            "processor" => Declaration::Processor(Box::new(self.processor("processor", 0)?)),
            "recipient" => Declaration::Recipient(Box::new(self.recipient(start)?)),
            "joint" => Declaration::JointController(Box::new(self.joint_controller(start)?)),
            "activity" => Declaration::Activity(self.activity(start)?),
            _ => return None,
        })
    }

    /// `KEYWORD ident string ident` (subjects, source, recipient).
    fn one_liner(&mut self, keyword: &str) -> Option<(Word<'a>, Quoted<'a>, Word<'a>)> {
        self.after(keyword, |p| {
            let name = p.name()?;
            p.c.skip();
            let label = p.text()?;
            p.c.skip();
            Some((name, label, p.name()?))
        })
    }

    /// The optional `{ ... }` after a one-line declaration (subjects, data, source, recipient), and
    /// the declaration's span, which starts at `start`. `field` reads one field of the block.
    fn optional_block(
        &mut self,
        start: usize,
        field: impl FnMut(&mut Self, &str) -> Option<()>,
    ) -> Option<Span> {
        let words_end = self.c.pos;
        self.c.skip();
        if self.c.literal("{").is_some() {
            self.block(field)?;
            return Some(self.span_from(start));
        }
        // Without a block, pest's pair runs over the white space and comments skipped before the
        // missing block; the builder cuts it back to the last word unless it ends in a comment.
        let skipped = self.c.pos;
        let end = if self.c.text[..skipped].ends_with(char::is_whitespace) {
            words_end
        } else {
            skipped
        };
        Some(self.span(start, end))
    }

    fn subjects(&mut self, start: usize) -> Option<Subjects<'a>> {
        let (name, label, kind) = self.one_liner("subjects")?;
        let mut aged = None;
        let mut waivers = Vec::new();
        let span = self.optional_block(start, |p, keyword| match keyword {
            "aged" => Self::once(&mut aged, p.aged()?),
            "allow" => {
                waivers.push(p.waiver()?);
                Some(())
            }
            _ => None,
        })?;
        Some(Subjects {
            name,
            label,
            kind,
            aged,
            waivers,
            span,
        })
    }

    fn source(&mut self, start: usize) -> Option<Source<'a>> {
        let (name, label, kind) = self.one_liner("source")?;
        let mut notice = None;
        let mut unnamed = None;
        let mut waivers = Vec::new();
        let span = self.optional_block(start, |p, keyword| match keyword {
            "notice" => Self::once(&mut notice, p.after("notice", Self::notice)?),
            "unnamed" => {
                let at = p.c.pos;
                p.c.keyword("unnamed")?;
                let span = p.span_from(at);
                Self::once(&mut unnamed, span)
            }
            "allow" => {
                waivers.push(p.waiver()?);
                Some(())
            }
            _ => None,
        })?;
        Some(Source {
            name,
            label,
            kind,
            notice,
            unnamed,
            waivers,
            span,
        })
    }

    /// `allow_field`: `allow CODE "reason"?`.
    fn waiver(&mut self) -> Option<Waiver<'a>> {
        let start = self.c.keyword("allow")?;
        self.c.skip();
        let code = {
            let range = self.c.rule_code()?;
            self.spanned(range)
        };
        let reason = self.optional(Self::text);
        Some(Waiver {
            code,
            reason,
            span: self.span_from(start),
        })
    }

    /// `aged_field`: `aged NUMBER to NUMBER`.
    fn aged(&mut self) -> Option<Aged<'a>> {
        let start = self.c.keyword("aged")?;
        self.c.skip();
        let youngest = self.number()?;
        self.c.skip();
        self.c.keyword("to")?;
        self.c.skip();
        let oldest = self.number()?;
        Some(Aged {
            youngest,
            oldest,
            span: self.span_from(start),
        })
    }

    /// `limit_field`: `limit NUMBER UNIT "reason"?`.
    fn limit(&mut self) -> Option<Limit<'a>> {
        let start = self.c.keyword("limit")?;
        self.c.skip();
        let (amount, unit) = self.duration()?;
        let reason = self.optional(Self::text);
        Some(Limit {
            amount,
            unit,
            reason,
            span: self.span_from(start),
        })
    }

    /// `kle_number ("," kle_number)*`.
    fn kle_numbers(&mut self) -> Option<Vec<Word<'a>>> {
        let range = self.c.kle_number()?;
        let mut buf = take(&mut self.scratch.names);
        buf.push(self.spanned(range));
        loop {
            let mark = self.c.mark();
            self.c.skip();
            if self.c.literal(",").is_some() {
                self.c.skip();
                if let Some(range) = self.c.kle_number() {
                    buf.push(self.spanned(range));
                    continue;
                }
            }
            self.c.reset(mark);
            break;
        }
        Some(buf)
    }

    fn number(&mut self) -> Option<Word<'a>> {
        let range = self.c.number()?;
        Some(self.spanned(range))
    }

    /// `duration`: a number and a unit.
    fn duration(&mut self) -> Option<(Word<'a>, Word<'a>)> {
        let amount = self.number()?;
        self.c.skip();
        Some((amount, self.name()?))
    }

    /// A name and a label, then `{`.
    fn header(&mut self) -> Option<(Word<'a>, Quoted<'a>)> {
        let name = self.name()?;
        self.c.skip();
        let label = self.text()?;
        self.c.skip();
        self.c.literal("{")?;
        Some((name, label))
    }

    /// Reads the fields of a block up to its `}`: `field` reads one, starting at its keyword.
    fn block(&mut self, mut field: impl FnMut(&mut Self, &str) -> Option<()>) -> Option<()> {
        // The `{` was the last token read.
        self.outline(Piece::Open, self.c.last_end - 1);
        loop {
            self.c.skip();
            if self.c.peek() == Some(b'}') {
                self.outline(Piece::Close, self.c.pos);
                self.c.literal("}");
                return Some(());
            }
            let keyword = self.c.peek_word()?;
            self.outline(Piece::Start, self.c.pos);
            field(self, keyword)?;
            self.outline(Piece::End, self.c.last_end);
        }
    }

    fn controller(&mut self, start: usize) -> Option<Controller<'a>> {
        self.c.keyword("controller")?;
        self.c.skip();
        let (name, label) = self.header()?;
        let mut c = Controller {
            name,
            label,
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
            span: Span::SYNTHETIC,
        };
        self.block(|p, keyword| {
            let field_start = p.c.pos;
            match keyword {
                "public" => {
                    p.after("public", |p| p.c.keyword("authority"))?;
                    let span = p.span_from(field_start);
                    Self::once(&mut c.public_authority, span)
                }
                "country" => Self::once(&mut c.country, p.after("country", Self::name)?),
                "address" => Self::once(&mut c.address, p.after("address", Self::text)?),
                "contact" => Self::once(&mut c.contact, p.after("contact", Self::text)?),
                "dpo" => Self::once(&mut c.dpo, p.dpo()?),
                "document" => Self::once(&mut c.document, p.document()?),
                "notice" => Self::once(&mut c.notice, p.after("notice", Self::notice)?),
                "supervision" => Self::once(&mut c.supervision, p.supervision()?),
                "safeguards" => {
                    let said = p.after("safeguards", |p| p.after("copy", Self::text))?;
                    Self::once(&mut c.safeguards_copy, said)
                }
                "allow" => {
                    c.waivers.push(p.waiver()?);
                    Some(())
                }
                _ => None,
            }
        })?;
        c.span = self.span_from(start);
        Some(c)
    }

    fn dpo(&mut self) -> Option<Dpo<'a>> {
        let start = self.c.keyword("dpo")?;
        self.c.skip();
        self.c.literal("{")?;
        let mut d = Dpo {
            name: None,
            email: None,
            phone: None,
            address: None,
            web: None,
            span: Span::SYNTHETIC,
        };
        self.block(|p, keyword| {
            let slot = match keyword {
                "name" => &mut d.name,
                "email" => &mut d.email,
                "phone" => &mut d.phone,
                "address" => &mut d.address,
                "web" => &mut d.web,
                _ => return None,
            };
            Self::once(slot, p.after(keyword, Self::text)?)
        })?;
        d.span = self.span_from(start);
        Some(d)
    }

    fn document(&mut self) -> Option<Document<'a>> {
        let start = self.c.keyword("document")?;
        self.c.skip();
        let title = self.text()?;
        self.c.skip();
        self.c.literal("{")?;
        let mut d = Document {
            title,
            version: None,
            date: None,
            web: None,
            privacy_notice: None,
            span: Span::SYNTHETIC,
        };
        self.block(|p, keyword| match keyword {
            "privacy" => {
                let start = p.c.keyword(keyword)?;
                p.c.skip();
                p.c.keyword("notice")?;
                Self::once(&mut d.privacy_notice, p.span_from(start))
            }
            "version" => Self::once(&mut d.version, p.after(keyword, Self::text)?),
            "date" => Self::once(&mut d.date, p.after(keyword, Self::date)?),
            "web" => Self::once(&mut d.web, p.after(keyword, Self::text)?),
            _ => None,
        })?;
        d.span = self.span_from(start);
        Some(d)
    }

    fn data(&mut self, start: usize) -> Option<Data<'a>> {
        let (name, label, class) = self.after("data", |p| {
            let name = p.name()?;
            p.c.skip();
            let label = p.text()?;
            p.c.skip();
            let class = match p.special_class() {
                Some(class) => class,
                None => DataClass::Word(p.name()?),
            };
            Some((name, label, class))
        })?;
        let mut limit = None;
        let mut waivers = Vec::new();
        let span = self.optional_block(start, |p, keyword| match keyword {
            "limit" => Self::once(&mut limit, p.limit()?),
            "allow" => {
                waivers.push(p.waiver()?);
                Some(())
            }
            _ => None,
        })?;
        Some(Data {
            name,
            label,
            class,
            limit,
            waivers,
            span,
        })
    }

    /// `special_class`: `special ( name_list )`; nothing read when it does not match.
    fn special_class(&mut self) -> Option<DataClass<'a>> {
        let mark = self.c.mark();
        let found = (|| {
            let start = self.c.literal("special")?;
            self.c.skip();
            self.c.literal("(")?;
            self.c.skip();
            let kinds = self.names()?;
            self.c.skip();
            self.c.literal(")")?;
            Some(DataClass::Special {
                kinds,
                span: self.span_from(start),
            })
        })();
        if found.is_none() {
            self.c.reset(mark);
        }
        found
    }

    /// A processor, or (`keyword` = `subprocessor`) one of its sub-processors.
    fn processor(&mut self, keyword: &str, depth: usize) -> Option<Processor<'a>> {
        if depth > MAX_DEPTH {
            self.c.unsure = true;
            return None;
        }
        let start = self.c.keyword(keyword)?;
        self.c.skip();
        let (name, label) = self.header()?;
        let mut p = Processor {
            name,
            label,
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
            span: Span::SYNTHETIC,
        };
        self.block(|this, keyword| match keyword {
            "agreement" => Self::once(&mut p.agreement, this.after("agreement", Self::text)?),
            "authorised" => Self::once(&mut p.authorised, this.after("authorised", Self::text)?),
            "country" => Self::once(&mut p.country, this.after("country", Self::name)?),
            "transfer" => Self::once(&mut p.transfer, this.transfer()?),
            "tia" => Self::once(&mut p.tia, this.after("tia", Self::text)?),
            "dpf_listed" => Self::once(&mut p.dpf_listed, this.after("dpf_listed", Self::text)?),
            "international" => Self::once(&mut p.organisation, this.organisation()?),
            "supervised" => Self::once(&mut p.supervised, this.supervised()?),
            "allow" => {
                p.waivers.push(this.waiver()?);
                Some(())
            }
            "subprocessor" => {
                let sub = this.processor("subprocessor", depth + 1)?;
                p.subprocessors.push(sub);
                Some(())
            }
            _ => None,
        })?;
        p.span = self.span_from(start);
        Some(p)
    }

    /// `supervision_field`: `supervision every NUMBER UNIT`.
    fn supervision(&mut self) -> Option<SupervisionPeriod<'a>> {
        let start = self.c.keyword("supervision")?;
        self.c.skip();
        self.c.keyword("every")?;
        self.c.skip();
        let (amount, unit) = self.duration()?;
        Some(SupervisionPeriod {
            amount,
            unit,
            span: self.span_from(start),
        })
    }

    /// `supervised_field`: `supervised DATE "how"`.
    fn supervised(&mut self) -> Option<Supervised<'a>> {
        let start = self.c.keyword("supervised")?;
        self.c.skip();
        let date = self.date()?;
        self.c.skip();
        let form = self.text()?;
        Some(Supervised {
            date,
            form,
            span: self.span_from(start),
        })
    }

    /// `organisation_field`: `international organisation CODE`; gives the code.
    fn organisation(&mut self) -> Option<Word<'a>> {
        self.after("international", |p| {
            p.c.keyword("organisation")?;
            p.c.skip();
            p.name()
        })
    }

    /// `transfer_field`: `transfer mechanism ("|" mechanism)*`.
    fn transfer(&mut self) -> Option<Transfer<'a>> {
        let start = self.c.pos;
        let mechanisms = self.after("transfer", |p| {
            p.alternatives(|p| {
                let range = p.c.mechanism()?;
                Some(p.spanned(range))
            })
        })?;
        Some(Transfer {
            mechanisms,
            span: self.span_from(start),
        })
    }

    fn recipient(&mut self, start: usize) -> Option<Recipient<'a>> {
        let (name, label, kind) = self.one_liner("recipient")?;
        let mut r = Recipient {
            name,
            label,
            kind,
            country: None,
            organisation: None,
            transfer: None,
            tia: None,
            dpf_listed: None,
            waivers: Vec::new(),
            span: Span::SYNTHETIC,
        };
        r.span = self.optional_block(start, |p, keyword| match keyword {
            "country" => Self::once(&mut r.country, p.after("country", Self::name)?),
            "transfer" => Self::once(&mut r.transfer, p.transfer()?),
            "tia" => Self::once(&mut r.tia, p.after("tia", Self::text)?),
            "dpf_listed" => Self::once(&mut r.dpf_listed, p.after("dpf_listed", Self::text)?),
            "international" => Self::once(&mut r.organisation, p.organisation()?),
            "allow" => {
                r.waivers.push(p.waiver()?);
                Some(())
            }
            _ => None,
        })?;
        Some(r)
    }

    /// `joint controller NAME "..." { ... }`.
    fn joint_controller(&mut self, start: usize) -> Option<JointController<'a>> {
        self.c.keyword("joint")?;
        self.c.skip();
        self.c.keyword("controller")?;
        self.c.skip();
        let (name, label) = self.header()?;
        let mut j = JointController {
            name,
            label,
            country: None,
            address: None,
            contact: None,
            arrangement: None,
            answers: None,
            essence: None,
            waivers: Vec::new(),
            span: Span::SYNTHETIC,
        };
        self.block(|p, keyword| match keyword {
            "country" => Self::once(&mut j.country, p.after("country", Self::name)?),
            "address" => Self::once(&mut j.address, p.after("address", Self::text)?),
            "contact" => Self::once(&mut j.contact, p.after("contact", Self::text)?),
            "arrangement" => Self::once(&mut j.arrangement, p.after("arrangement", Self::text)?),
            "answers" => Self::once(&mut j.answers, p.after("answers", Self::text)?),
            "essence" => Self::once(&mut j.essence, p.after("essence", Self::text)?),
            "allow" => {
                j.waivers.push(p.waiver()?);
                Some(())
            }
            _ => None,
        })?;
        j.span = self.span_from(start);
        Some(j)
    }

    fn activity(&mut self, start: usize) -> Option<Activity<'a>> {
        self.c.keyword("activity")?;
        self.c.skip();
        let (name, label) = self.header()?;
        let mut statements = take(&mut self.scratch.statements);
        self.block(|p, keyword| {
            let statement = p.statement(keyword)?;
            statements.push(statement);
            Some(())
        })?;
        Some(Activity {
            name,
            label,
            statements,
            span: self.span_from(start),
        })
    }

    /// One statement of an activity, starting at its first word, `keyword`.
    fn statement(&mut self, keyword: &str) -> Option<Statement<'a>> {
        let start = self.c.pos;
        Some(match keyword {
            "purpose" => Statement::Purpose(self.peeked(keyword, Self::text)?),
            "subjects" => Statement::Subjects(self.peeked(keyword, Self::names)?),
            "data" => {
                let data = self.peeked(keyword, Self::names)?;
                // `data_about`: `about NAMES` after the names.
                let about = self.optional(|p| p.after("about", Self::names));
                // `data_use`: `as WORD when STRING` after the names.
                let used = self.optional(|p| {
                    let class = p.after("as", Self::name)?;
                    p.c.skip();
                    let when = p.after("when", Self::text)?;
                    Some((class, when))
                });
                if let Some(subjects) = about {
                    return Some(Statement::DataAbout(Box::new(DataAbout {
                        data,
                        subjects,
                        used,
                        span: self.span_from(start),
                    })));
                }
                match used {
                    None => Statement::Data(data),
                    Some((class, when)) => Statement::DataAs(Box::new(DataAs {
                        data,
                        class,
                        when,
                        span: self.span_from(start),
                    })),
                }
            }
            "sources" => Statement::Sources(self.peeked(keyword, Self::names)?),
            // Before the other words of six letters: nearly every activity has a notice.
            "notice" => {
                let notice = self.peeked(keyword, Self::notice)?;
                Statement::Notice(boxed(&mut self.scratch.notices, notice))
            }
            "basis" => {
                let citations = self.peeked(keyword, Self::citations)?;
                // `some_cases`: `in some cases ["..."]`.
                let some =
                    self.optional(|p| p.after("in", |p| p.after("some", |p| p.c.keyword("cases"))));
                match some {
                    Some(_) => {
                        let cases = self.optional(Self::text);
                        Statement::BasisInSomeCases(Box::new(SomeCases {
                            citations,
                            cases,
                            span: self.span_from(start),
                        }))
                    }
                    None => Statement::Basis(citations, self.span_from(start)),
                }
            }
            "retain" => {
                let retain = self.retain()?;
                Statement::Retain(boxed(&mut self.scratch.retains, retain))
            }
            "via" => Statement::Via(self.peeked(keyword, Self::names)?),
            "disclose" => {
                let disclose = self.disclose()?;
                Statement::Disclose(boxed(&mut self.scratch.discloses, disclose))
            }
            "review" => Statement::Review(self.peeked(keyword, |p| p.alternatives(Self::name))?),
            "cctv" => {
                self.c.keyword(keyword)?;
                // `cctv_ground`: only a citation of `tvol` (`cctv tvol 2d`).
                let ground = self.optional(|p| {
                    if p.c.peek_word() != Some("tvol") {
                        return None;
                    }
                    p.citation().map(Box::new)
                });
                Statement::Cctv(self.span_from(start), ground)
            }
            "cameras" => {
                let places = self.peeked(keyword, |p| p.after("at", Self::names))?;
                Statement::Cameras(places, self.span_from(start))
            }
            "covert" => {
                self.c.keyword(keyword)?;
                Statement::Covert(self.span_from(start))
            }
            "signs" => Statement::Signs(self.peeked(keyword, Self::text)?),
            "polcam" => {
                self.c.take_word(keyword);
                self.c.skip();
                self.c.keyword("registered")?;
                let date = self.optional(Self::date);
                Statement::Polcam(self.span_from(start), date)
            }
            "exception" => {
                let citation = self.peeked(keyword, Self::citation)?;
                let ground = self.optional(Self::exception_ground);
                let reason = self.optional(Self::text);
                Statement::Exception(Box::new(Exception {
                    citation,
                    ground,
                    reason,
                    span: self.span_from(start),
                }))
            }
            "dpia" => Statement::Dpia(self.peeked(keyword, Self::text)?),
            "since" => Statement::Since(self.peeked(keyword, Self::date)?),
            "justification" => Statement::Justification(self.peeked(keyword, Self::text)?),
            "notified" => Statement::Notified(self.peeked(keyword, Self::date)?),
            "control" => {
                let reason = self.peeked(keyword, |p| p.after("measure", Self::text))?;
                Statement::ControlMeasure(reason, self.span_from(start))
            }
            "security" => Statement::Security(self.peeked(keyword, Self::text)?),
            "area" => Statement::Area(self.peeked(keyword, Self::name)?),
            "withdrawal" => {
                self.c.take_word(keyword);
                self.c.skip();
                match self.optional(|p| p.after("right", Self::text)) {
                    Some(said) => Statement::WithdrawalRight(said),
                    None => Statement::Withdrawal(self.text()?),
                }
            }
            "online_service" => {
                self.c.keyword(keyword)?;
                Statement::OnlineService(self.span_from(start))
            }
            "parental_consent" => Statement::ParentalConsent(self.peeked(keyword, Self::text)?),
            "compatibility" => {
                self.c.take_word(keyword);
                self.c.skip();
                let mark = self.c.mark();
                if self.c.keyword("under").is_some() {
                    self.c.skip();
                    if let Some(basis) = self.citations() {
                        return Some(Statement::CompatibilityUnder(basis, self.span_from(start)));
                    }
                    self.c.reset(mark);
                }
                Statement::Compatibility(self.text()?)
            }
            "logic" => Statement::Logic(self.peeked(keyword, Self::text)?),
            "providing" => {
                self.c.take_word(keyword);
                self.c.skip();
                let requirement = self.requirement()?;
                self.c.skip();
                Statement::Providing(requirement, self.text()?, self.span_from(start))
            }
            "interests" => Statement::Interests(self.peeked(keyword, Self::text)?),
            "monitoring" => Statement::Monitoring(self.peeked(keyword, Self::text)?),
            "large_scale" => {
                self.c.keyword(keyword)?;
                Statement::LargeScale(self.span_from(start))
            }
            "erasure" => {
                let reason = self.peeked(keyword, |p| p.after("refused", Self::text))?;
                let basis = self
                    .optional(|p| p.after("under", Self::citations))
                    .unwrap_or_default();
                Statement::ErasureRefused(Box::new(ErasureRefusal {
                    reason,
                    basis,
                    span: self.span_from(start),
                }))
            }
            "preserve" => Statement::Preserve(self.peeked(keyword, Self::text)?),
            "unit" => Statement::Unit(self.peeked(keyword, Self::text)?),
            "collect" => {
                let data = self.peeked(keyword, Self::names)?;
                let (amount, unit) = self.after_space("every", Self::duration)?;
                Statement::Collect(Box::new(Collect {
                    data,
                    amount,
                    unit,
                    span: self.span_from(start),
                }))
            }
            "copy" => {
                let data = self.peeked(keyword, Self::names)?;
                self.c.skip();
                self.c.keyword("kept")?;
                let holder = self.after_space("by", Self::text)?;
                let period = self.optional(Self::period);
                Statement::Copy(Box::new(HeldCopy {
                    data,
                    holder,
                    period,
                    span: self.span_from(start),
                }))
            }
            "jointly" => {
                Statement::Jointly(self.peeked(keyword, |p| p.after("with", Self::names))?)
            }
            "kle" => Statement::Kle(self.peeked(keyword, Self::kle_numbers)?),
            "allow" => Statement::Allow(Box::new(self.waiver()?)),
            // `unknown_field`: any other word, and the rest of its line.
            _ => {
                let word = self.name()?;
                self.c.rest_of_line();
                if let Some(outline) = &mut self.outline {
                    outline.push(Piece::Unknown);
                }
                Statement::Unknown(word)
            }
        })
    }

    /// White space, then a keyword and what `then` reads.
    fn after_space<T>(
        &mut self,
        keyword: &str,
        then: impl FnOnce(&mut Self) -> Option<T>,
    ) -> Option<T> {
        self.c.skip();
        self.after(keyword, then)
    }

    /// The period of a `retain` or a `copy`: `deadline` or `until_event`.
    fn period(&mut self) -> Option<Retention<'a>> {
        if self.c.keyword("until").is_some() {
            self.c.skip();
            let event = self.text()?;
            let then_archive = self
                .optional(|p| p.after("then", |p| p.c.keyword("archive")))
                .is_some();
            return Some(Retention::Until {
                event,
                then_archive,
            });
        }
        self.c.keyword("for")?;
        self.c.skip();
        let amount = {
            let range = self.c.number()?;
            self.spanned(range)
        };
        self.c.skip();
        let unit = self.name()?;
        let after = self.optional(|p| p.after("after", Self::text));
        let then_archive = self
            .optional(|p| p.after("then", |p| p.c.keyword("archive")))
            .is_some();
        Some(Retention::Deadline {
            amount,
            unit,
            after,
            then_archive,
        })
    }

    /// `exception_ground`: `for WORD [with notice]` after an exception's citation.
    fn exception_ground(&mut self) -> Option<ExceptionFor<'a>> {
        let word = self.after("for", Self::name)?;
        let notice = self.optional(|p| {
            let start = p.c.keyword("with")?;
            p.c.skip();
            p.c.keyword("notice")?;
            Some(p.span_from(start))
        });
        Some(ExceptionFor { word, notice })
    }

    /// `providing_kind`: `required by law`, `required by contract` or `voluntary`.
    fn requirement(&mut self) -> Option<Requirement> {
        if self.c.keyword("voluntary").is_some() {
            return Some(Requirement::Voluntary);
        }
        self.c.keyword("required")?;
        self.c.skip();
        self.c.keyword("by")?;
        self.c.skip();
        if self.c.keyword("law").is_some() {
            return Some(Requirement::Law);
        }
        self.c.keyword("contract")?;
        Some(Requirement::Contract)
    }

    /// What follows `notice`: `exempt CITATIONS`, or a string.
    fn notice(&mut self) -> Option<Notice<'a>> {
        let mark = self.c.mark();
        if let Some(start) = self.c.keyword("exempt") {
            self.c.skip();
            if let Some(basis) = self.citations() {
                return Some(Notice::Exempt {
                    basis,
                    span: self.span_from(start),
                });
            }
            self.c.reset(mark);
        }
        Some(Notice::Practice(self.text()?))
    }

    /// White space, then `part`; nothing read when `part` does not match.
    fn optional<T>(&mut self, part: impl FnOnce(&mut Self) -> Option<T>) -> Option<T> {
        let mark = self.c.mark();
        self.c.skip();
        let found = part(self);
        if found.is_none() {
            self.c.reset(mark);
        }
        found
    }

    fn date(&mut self) -> Option<Word<'a>> {
        let range = self.c.date()?;
        Some(self.spanned(range))
    }

    /// `citation_list`: `citation ("," citation)*`.
    fn citations(&mut self) -> Option<Vec<Citation<'a>>> {
        let first = self.citation()?;
        let mut list = take(&mut self.scratch.citations);
        list.push(first);
        while let Some(next) = self.optional(|p| {
            p.c.literal(",")?;
            p.c.skip();
            p.citation()
        }) {
            list.push(next);
        }
        Some(list)
    }

    /// `citation`: `law "..."`, `agreement "..."`, or an act and a provision.
    fn citation(&mut self) -> Option<Citation<'a>> {
        let mark = self.c.mark();
        // Only `law` and `agreement` are read as words here; an act's keyword is read below.
        let word = match self.c.peek() {
            Some(b'l' | b'a') => self.c.peek_word(),
            _ => None,
        };
        match word {
            Some("law") => {
                if let Some(text) = self.after("law", Self::text) {
                    return Some(Citation::Law(text));
                }
                self.c.reset(mark);
            }
            Some("agreement") => {
                if let Some(text) = self.after("agreement", Self::text) {
                    return Some(Citation::Agreement(text));
                }
                self.c.reset(mark);
            }
            _ => {}
        }
        let (act, (p_start, p_end)) = self.c.act_citation()?;
        let (number, parts) = Parts::split(&self.c.text[p_start..p_end]);
        Some(Citation::Act {
            act: self.spanned(act),
            number,
            parts,
            span: self.span(act.0, p_end),
        })
    }

    /// `retain_field`: `retain (all | name_list) (archive | deadline | until_event)`.
    fn retain(&mut self) -> Option<Retain<'a>> {
        let start = self.c.keyword("retain")?;
        self.c.skip();
        let targets = match self.c.keyword("all") {
            Some(_) => None,
            None => Some(self.names()?),
        };
        self.c.skip();
        let retention = match self.c.keyword("archive") {
            Some(at) => Retention::Archive(self.span_from(at)),
            None => self.period()?,
        };
        Some(Retain {
            targets,
            retention,
            span: self.span_from(start),
        })
    }

    /// `disclose_field`: `disclose name_list to ident`, then `under` and `when` in either order.
    fn disclose(&mut self) -> Option<Disclose<'a>> {
        let start = self.c.keyword("disclose")?;
        self.c.skip();
        let data = self.names()?;
        self.c.skip();
        self.c.keyword("to")?;
        self.c.skip();
        let recipient = self.name()?;
        let under = |p: &mut Self| p.after("under", Self::citations);
        let when = |p: &mut Self| p.after("when", Self::text);
        let mut basis = Vec::new();
        let mut condition = None;
        if let Some(list) = self.optional(under) {
            basis = list;
            condition = self.optional(when);
        } else if let Some(text) = self.optional(when) {
            condition = Some(text);
            basis = self.optional(under).unwrap_or_default();
        }
        Some(Disclose {
            data,
            recipient,
            basis,
            condition,
            span: self.span_from(start),
        })
    }
}

/// The keyword and name that chunk `range` of `text` starts with, when its first declaration
/// declares a single name (see `Chunks::header`).
pub fn header(file: FileId, text: &str, range: Range<usize>) -> Option<(&'static str, Word<'_>)> {
    let mut c = Cursor::new(&text[range.clone()]);
    c.skip();
    let keyword = match c.peek_word()? {
        "activity" => "activity",
        "data" => "data",
        "subjects" => "subjects",
        "source" => "source",
        "recipient" => "recipient",
        "controller" => "controller",
        _ => return None,
    };
    c.take_word(keyword);
    c.skip();
    let (start, end) = c.ident()?;
    let name = Spanned::new(
        &c.text[start..end],
        Span::new(file, range.start + start, range.start + end),
    );
    (!c.unsure).then_some((keyword, name))
}

/// Parses a whole file with the fast parser alone, for tests/fast_parser.rs. `Invalid` when some
/// chunk is invalid (the file then has errors), else `Unsure` when some chunk was left to pest.
pub fn parse_file(file: FileId, text: &str) -> Result<File<'_>, Fallback> {
    let chunks = super::chunks::split(text).map_err(|_| Fallback::Invalid)?;
    let mut declarations = Vec::new();
    let mut unsure = false;
    let mut scratch = Scratch::default();
    let clean = super::controls::first_forbidden(text).is_none();
    for chunk in chunks {
        match parse_chunk(file, text, chunk, &mut scratch, clean) {
            Ok(d) => declarations.extend(d),
            Err(Fallback::Invalid) => return Err(Fallback::Invalid),
            Err(Fallback::Unsure) => unsure = true,
        }
    }
    if unsure {
        Err(Fallback::Unsure)
    } else {
        Ok(File { declarations })
    }
}
