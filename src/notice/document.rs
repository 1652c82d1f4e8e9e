//! The notice as a document, before it is written in any format: sections of blocks, each block a
//! sentence (or a sentence that leads a list) that knows which element of art. 13/14 it gives and
//! the words of the spec it comes from, so that a change to the spec can be traced to the sentences
//! it alters. The renderers (`markdown`, `html`) only lay it out and escape it.
//!
//! The document is also handed out piece by piece ([`Sink`]): `hjemmel notice` writes each part as
//! soon as it is built and drops it, so that a notice of 100,000 activities is never held whole.
//! Its words are borrowed where they are the spec's or constant ones (`Cow`), so that a label, a
//! purpose or a list's lead is neither copied nor freed for each activity that says it.

use std::borrow::Cow;

use crate::i18n::Lang;
use crate::notice::elements::Element;
use crate::syntax::span::Span;

/// A whole notice, in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice<'m> {
    pub lang: Lang,
    /// The title: the spec's `document` title, or the usual one.
    pub title: String,
    /// Version, date and address of the notice, as the spec's `document` gives them.
    pub meta: Vec<String>,
    /// The controller's part, one section per audience, the complaint.
    pub sections: Vec<Section<'m>>,
}

impl Notice<'_> {
    /// The notice with every word its own, free of the model it was written from.
    pub fn into_owned(self) -> Notice<'static> {
        Notice {
            lang: self.lang,
            title: self.title,
            meta: self.meta,
            sections: self.sections.into_iter().map(Section::into_owned).collect(),
        }
    }
}

/// Where a notice goes as it is built, in reading order: the title and the lines under it, then each
/// part. A part is given whole ([`Sink::section`]) or, when it is large (an audience, a unit), opened
/// with its heading and own blocks, followed by its subsections, and closed. `level` is the heading's
/// level: 2 for the notice's parts, one more for each part below.
pub trait Sink<'m> {
    fn head(&mut self, lang: Lang, title: String, meta: Vec<String>);
    fn open(&mut self, heading: Cow<'m, str>, blocks: Vec<Block<'m>>, level: usize);
    fn section(&mut self, section: Section<'m>, level: usize);
    fn close(&mut self, level: usize);
}

/// The sink that keeps the whole [`Notice`] (for tests, LIX and `diff --notice`).
#[derive(Default)]
pub struct Collect<'m> {
    notice: Option<Notice<'m>>,
    /// The parts opened and not yet closed, outermost first.
    open: Vec<Section<'m>>,
}

impl<'m> Collect<'m> {
    /// The notice given to this sink.
    pub fn finish(self) -> Notice<'m> {
        self.notice.expect("a notice has a head")
    }

    fn add(&mut self, section: Section<'m>) {
        match self.open.last_mut() {
            Some(parent) => parent.subsections.push(section),
            None => {
                let notice = self.notice.as_mut().expect("a notice has a head");
                notice.sections.push(section);
            }
        }
    }
}

impl<'m> Sink<'m> for Collect<'m> {
    fn head(&mut self, lang: Lang, title: String, meta: Vec<String>) {
        self.notice = Some(Notice {
            lang,
            title,
            meta,
            sections: Vec::new(),
        });
    }

    fn open(&mut self, heading: Cow<'m, str>, blocks: Vec<Block<'m>>, _level: usize) {
        let mut section = Section::new(heading);
        section.blocks = blocks;
        self.open.push(section);
    }

    fn section(&mut self, section: Section<'m>, _level: usize) {
        self.add(section);
    }

    fn close(&mut self, _level: usize) {
        let section = self.open.pop().expect("a part closed is open");
        self.add(section);
    }
}

/// A part of the notice under a heading; its subsections are one level below it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section<'m> {
    pub heading: Cow<'m, str>,
    pub blocks: Vec<Block<'m>>,
    pub subsections: Vec<Section<'m>>,
}

impl<'m> Section<'m> {
    pub fn new(heading: impl Into<Cow<'m, str>>) -> Section<'m> {
        Section {
            heading: heading.into(),
            blocks: Vec::new(),
            subsections: Vec::new(),
        }
    }

    /// The section with every word its own.
    pub fn into_owned(self) -> Section<'static> {
        Section {
            heading: Cow::Owned(self.heading.into_owned()),
            blocks: self.blocks.into_iter().map(Block::into_owned).collect(),
            subsections: self
                .subsections
                .into_iter()
                .map(Section::into_owned)
                .collect(),
        }
    }

    /// Every block of this section and of the sections below it, in reading order.
    pub fn all_blocks(&self) -> Box<dyn Iterator<Item = &Block<'m>> + '_> {
        Box::new(
            self.blocks
                .iter()
                .chain(self.subsections.iter().flat_map(Section::all_blocks)),
        )
    }
}

/// One sentence of the notice, or a sentence with the list it introduces ("Vi får oplysningerne
/// fra:" and the sources), or in a draft the mark of a sentence the spec does not give.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block<'m> {
    /// The element of art. 13/14 it gives; `None` for the words that only guide the reader.
    pub element: Option<Element>,
    /// The statement of the spec it is written from; `None` for what comes from law data only.
    pub span: Option<Span>,
    pub kind: BlockKind,
    /// The sentence (or the lead of the list), unescaped: each renderer escapes it.
    pub text: Cow<'m, str>,
    /// The list the sentence leads; empty for a sentence alone.
    pub items: Vec<Cow<'m, str>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// A sentence written from the spec or from law data.
    Sentence,
    /// `--draft`: an element the spec does not give, marked where its sentence would stand.
    Gap,
}

impl<'m> Block<'m> {
    pub fn sentence(
        element: Option<Element>,
        span: Option<Span>,
        text: impl Into<Cow<'m, str>>,
    ) -> Block<'m> {
        Block {
            element,
            span,
            kind: BlockKind::Sentence,
            text: text.into(),
            items: Vec::new(),
        }
    }

    pub fn list(
        element: Element,
        span: Option<Span>,
        lead: impl Into<Cow<'m, str>>,
        items: Vec<Cow<'m, str>>,
    ) -> Block<'m> {
        Block {
            element: Some(element),
            span,
            kind: BlockKind::Sentence,
            text: lead.into(),
            items,
        }
    }

    /// A list that only guides the reader (whom a section is for), of no element.
    pub fn list_guide(lead: impl Into<Cow<'m, str>>, items: Vec<Cow<'m, str>>) -> Block<'m> {
        Block {
            element: None,
            span: None,
            kind: BlockKind::Sentence,
            text: lead.into(),
            items,
        }
    }

    /// The block with every word its own.
    pub fn into_owned(self) -> Block<'static> {
        Block {
            element: self.element,
            span: self.span,
            kind: self.kind,
            text: Cow::Owned(self.text.into_owned()),
            items: (self.items.into_iter())
                .map(|item| Cow::Owned(item.into_owned()))
                .collect(),
        }
    }

    /// Where the block stands among an activity's blocks: [`reading_order`] of its element.
    pub fn order(&self) -> u8 {
        self.element.map_or(0, reading_order)
    }

    pub fn is_gap(&self) -> bool {
        self.kind == BlockKind::Gap
    }
}

/// The order in which a notice tells the elements, the way the seeds do: who, why and by which law,
/// what data and from where, to whom, for how long, how it is decided, and the rights last.
pub fn reading_order(element: Element) -> u8 {
    match element {
        Element::Controller => 1,
        Element::Dpo => 2,
        Element::PurposesAndBasis => 3,
        Element::LegitimateInterests => 4,
        Element::DataCategories => 5,
        Element::Source => 6,
        Element::StatutoryRequirement => 7,
        Element::Recipients => 8,
        Element::Transfers => 9,
        Element::Retention => 10,
        Element::AutomatedDecisions => 11,
        Element::Rights => 12,
        Element::WithdrawConsent => 13,
        Element::Complaint => 14,
    }
}

/// `text` as a whole sentence: a full stop added when spec text ends without one (spec text that
/// ends a sentence is borrowed as it is).
pub fn full_stop<'t>(text: impl Into<Cow<'t, str>>) -> Cow<'t, str> {
    let text = text.into();
    if text
        .trim_end()
        .ends_with(['.', '!', '?', ':', ')', '"', '»'])
    {
        return text;
    }
    match text {
        Cow::Owned(mut owned) => {
            owned.push('.');
            Cow::Owned(owned)
        }
        // Copied once with room for the stop, rather than copied and then grown.
        Cow::Borrowed(borrowed) => {
            let mut owned = String::with_capacity(borrowed.len() + 1);
            owned.push_str(borrowed);
            owned.push('.');
            Cow::Owned(owned)
        }
    }
}
