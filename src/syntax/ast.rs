//! The typed syntax tree of one spec file. Every node carries the span of its words; names are still
//! plain text here and are resolved in `semantic::resolve`.
//!
//! The tree borrows its words from the text of the file (`'a`): most of a spec is names that only
//! refer to a declaration, and a name that is looked up and dropped need not be copied. What the
//! model keeps is copied into it as [`Name`] and [`Text`].

use std::borrow::Cow;

use arcstr::ArcStr;

use super::span::{Span, Spanned};

/// A word of the spec as written: a name (a declaration's own, or a reference to one), a keyword from
/// a closed list, a number or a date. Borrowed from the text.
pub type Word<'a> = Spanned<&'a str>;
/// A quoted string, without its quotes: borrowed from the text, or unescaped when it holds `\"` or
/// `\\`.
pub type Quoted<'a> = Spanned<Cow<'a, str>>;

/// A name as the model keeps it (owned).
pub type Name = Spanned<String>;
/// A quoted string as the model keeps it, escapes undone: a counted string, one pointer, so that
/// equal texts (the same purpose in activity after activity) can share one copy.
pub type Text = Spanned<ArcStr>;

impl Word<'_> {
    /// The owned name, for the model.
    pub fn to_name(&self) -> Name {
        Spanned::new(self.node.to_string(), self.span)
    }
}

impl Quoted<'_> {
    /// The text for the model, a copy of its own (see `Resolver::shared_text` for one shared).
    pub fn to_text(&self) -> Text {
        Spanned::new(ArcStr::from(&*self.node), self.span)
    }
}

/// One file of a spec.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct File<'a> {
    pub declarations: Vec<Declaration<'a>>,
}

#[derive(Debug, Clone, PartialEq)]
/// Large variants are boxed: a spec has one controller and few processors but many activities, and
/// every declaration is as big as the largest variant.
pub enum Declaration<'a> {
    Controller(Box<Controller<'a>>),
    Subjects(Box<Subjects<'a>>),
    Data(Box<Data<'a>>),
    Source(Box<Source<'a>>),
    Processor(Box<Processor<'a>>),
    Recipient(Box<Recipient<'a>>),
    /// `joint controller NAME "..." { ... }` (GDPR art. 26).
    JointController(Box<JointController<'a>>),
    Activity(Activity<'a>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Controller<'a> {
    pub name: Word<'a>,
    pub label: Quoted<'a>,
    pub public_authority: Option<Span>,
    pub country: Option<Word<'a>>,
    pub address: Option<Quoted<'a>>,
    pub contact: Option<Quoted<'a>>,
    pub dpo: Option<Dpo<'a>>,
    /// `document "..." { ... }`: the notice the spec encodes.
    pub document: Option<Document<'a>>,
    /// `notice ...`: how the art. 14 information is given, for every activity that says nothing else.
    pub notice: Option<Notice<'a>>,
    /// `supervision every 1 year`: how often the processors are supervised.
    pub supervision: Option<SupervisionPeriod<'a>>,
    /// `safeguards copy "..."`: how to get a copy of the safeguards of transfers (art. 13(1)(f)).
    pub safeguards_copy: Option<Quoted<'a>>,
    pub waivers: Vec<Waiver<'a>>,
    pub span: Span,
}

/// `supervision every NUMBER UNIT`, as written.
#[derive(Debug, Clone, PartialEq)]
pub struct SupervisionPeriod<'a> {
    pub amount: Word<'a>,
    pub unit: Word<'a>,
    pub span: Span,
}

/// `supervised 2025-03-01 "how"`: the controller's last supervision of a processor.
#[derive(Debug, Clone, PartialEq)]
pub struct Supervised<'a> {
    /// As written, `YYYY-MM-DD`; checked when the spec is resolved.
    pub date: Word<'a>,
    pub form: Quoted<'a>,
    pub span: Span,
}

/// `document "title" { version "2.1" date 2023-09-01 web "https://..." }`: the notice (or other
/// document) the spec encodes, so that a report can say which text, in which version, was assessed.
#[derive(Debug, Clone, PartialEq)]
pub struct Document<'a> {
    pub title: Quoted<'a>,
    pub version: Option<Quoted<'a>>,
    /// As written, `YYYY-MM-DD`; checked when the spec is resolved.
    pub date: Option<Word<'a>>,
    pub web: Option<Quoted<'a>>,
    /// `privacy notice`: the document is the privacy notice of art. 13 and 14; where it is written.
    pub privacy_notice: Option<Span>,
    pub span: Span,
}

/// `allow CODE "reason"`: turns one rule off for the declaration it stands in.
#[derive(Debug, Clone, PartialEq)]
pub struct Waiver<'a> {
    pub code: Word<'a>,
    /// Required; `None` only so that the compiler can say it is missing.
    pub reason: Option<Quoted<'a>>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Dpo<'a> {
    pub name: Option<Quoted<'a>>,
    pub email: Option<Quoted<'a>>,
    pub phone: Option<Quoted<'a>>,
    pub address: Option<Quoted<'a>>,
    pub web: Option<Quoted<'a>>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Subjects<'a> {
    pub name: Word<'a>,
    pub label: Quoted<'a>,
    pub kind: Word<'a>,
    pub aged: Option<Aged<'a>>,
    pub waivers: Vec<Waiver<'a>>,
    pub span: Span,
}

/// `aged 6 to 16`: the ages of a group of data subjects, in years, as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Aged<'a> {
    pub youngest: Word<'a>,
    pub oldest: Word<'a>,
    pub span: Span,
}

/// `data NAME "label" CLASS` where CLASS is a word (`ordinary`, `cpr`, ...) or `special(kind, ...)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Data<'a> {
    pub name: Word<'a>,
    pub label: Quoted<'a>,
    pub class: DataClass<'a>,
    pub limit: Option<Limit<'a>>,
    pub waivers: Vec<Waiver<'a>>,
    pub span: Span,
}

/// `limit 30 days ["why"]`: the longest any activity may keep a category.
#[derive(Debug, Clone, PartialEq)]
pub struct Limit<'a> {
    pub amount: Word<'a>,
    pub unit: Word<'a>,
    pub reason: Option<Quoted<'a>>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum DataClass<'a> {
    Word(Word<'a>),
    Special { kinds: Vec<Word<'a>>, span: Span },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Source<'a> {
    pub name: Word<'a>,
    pub label: Quoted<'a>,
    pub kind: Word<'a>,
    /// `notice ...`: how the art. 14 information on data from this source is given.
    pub notice: Option<Notice<'a>>,
    /// `unnamed`: the notice describes the source by its kind, without naming it.
    pub unnamed: Option<Span>,
    pub waivers: Vec<Waiver<'a>>,
    pub span: Span,
}

/// A processor or a sub-processor: the same fields, and sub-processors nest to any depth.
#[derive(Debug, Clone, PartialEq)]
pub struct Processor<'a> {
    pub name: Word<'a>,
    pub label: Quoted<'a>,
    pub agreement: Option<Quoted<'a>>,
    pub authorised: Option<Quoted<'a>>,
    pub country: Option<Word<'a>>,
    /// `international organisation EPO`: the code of the international organisation it is.
    pub organisation: Option<Word<'a>>,
    pub transfer: Option<Transfer<'a>>,
    pub tia: Option<Quoted<'a>>,
    pub dpf_listed: Option<Quoted<'a>>,
    /// `supervised DATE "how"`: the last supervision.
    pub supervised: Option<Supervised<'a>>,
    pub subprocessors: Vec<Processor<'a>>,
    pub waivers: Vec<Waiver<'a>>,
    pub span: Span,
}

/// `transfer dpf | scc`: the mechanisms relied on for a transfer out of the EU/EEA.
#[derive(Debug, Clone, PartialEq)]
pub struct Transfer<'a> {
    pub mechanisms: Vec<Word<'a>>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Recipient<'a> {
    pub name: Word<'a>,
    pub label: Quoted<'a>,
    pub kind: Word<'a>,
    pub country: Option<Word<'a>>,
    /// `international organisation EPO`: the code of the international organisation it is.
    pub organisation: Option<Word<'a>>,
    pub transfer: Option<Transfer<'a>>,
    pub tia: Option<Quoted<'a>>,
    pub dpf_listed: Option<Quoted<'a>>,
    pub waivers: Vec<Waiver<'a>>,
    pub span: Span,
}

/// `joint controller NAME "..." { ... }`: a controller that determines the purposes and means of an
/// activity together with this one (GDPR art. 26).
#[derive(Debug, Clone, PartialEq)]
pub struct JointController<'a> {
    pub name: Word<'a>,
    pub label: Quoted<'a>,
    pub country: Option<Word<'a>>,
    pub address: Option<Quoted<'a>>,
    pub contact: Option<Quoted<'a>>,
    /// `arrangement "..."`: the arrangement between the joint controllers (art. 26(1)).
    pub arrangement: Option<Quoted<'a>>,
    /// `answers "..."`: who answers the data subjects (art. 26(1), last sentence).
    pub answers: Option<Quoted<'a>>,
    /// `essence "..."`: how the essence of the arrangement is made available (art. 26(2)).
    pub essence: Option<Quoted<'a>>,
    pub waivers: Vec<Waiver<'a>>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Activity<'a> {
    pub name: Word<'a>,
    pub label: Quoted<'a>,
    pub statements: Vec<Statement<'a>>,
    pub span: Span,
}

/// One statement inside an activity.
#[derive(Debug, Clone, PartialEq)]
pub enum Statement<'a> {
    Purpose(Quoted<'a>),
    Subjects(Vec<Word<'a>>),
    Data(Vec<Word<'a>>),
    /// `data NAMES as CLASS when "..."`: the data listed, which become data of another class when
    /// used as stated.
    DataAs(Box<DataAs<'a>>),
    /// `data NAMES about SUBJECTS [as CLASS when "..."]`: the data listed, which are about these
    /// groups of the activity's subjects only.
    DataAbout(Box<DataAbout<'a>>),
    Sources(Vec<Word<'a>>),
    Basis(Vec<Citation<'a>>, Span),
    /// `basis CITATIONS in some cases ["..."]`: bases of some cases of the activity only.
    BasisInSomeCases(Box<SomeCases<'a>>),
    Retain(Box<Retain<'a>>),
    Via(Vec<Word<'a>>),
    Disclose(Box<Disclose<'a>>),
    Review(Vec<Word<'a>>),
    /// `cctv` or `cctv tvol 2d`: the span of the statement, and the § it rests on if stated.
    Cctv(Span, Option<Box<Citation<'a>>>),
    /// `cameras at own_entrances, own_facades`: where the cameras film, and the statement's span.
    Cameras(Vec<Word<'a>>, Span),
    /// `covert`: some of the cameras are hidden.
    Covert(Span),
    /// `signs "..."`: how notice of the surveillance is given.
    Signs(Quoted<'a>),
    /// `polcam registered [DATE]`: the cameras are registered in POLCAM; the span, and the date if stated.
    Polcam(Span, Option<Word<'a>>),
    Exception(Box<Exception<'a>>),
    Dpia(Quoted<'a>),
    Since(Word<'a>),
    Justification(Quoted<'a>),
    Notified(Word<'a>),
    /// `control measure "reason"`: the activity is a control measure towards employees, with its
    /// operational reason; and the span of the statement.
    ControlMeasure(Quoted<'a>, Span),
    Security(Quoted<'a>),
    /// `area social`: the field of the municipality's work the activity belongs to.
    Area(Word<'a>),
    /// `withdrawal "..."`: how consent is withdrawn.
    Withdrawal(Quoted<'a>),
    /// `withdrawal right "..."`: the notice tells of the right to withdraw consent (art. 13(2)(c)).
    WithdrawalRight(Quoted<'a>),
    /// `online_service`: an information society service offered directly to the data subjects.
    OnlineService(Span),
    /// `parental_consent "..."`: how consent from the holder of parental responsibility is obtained.
    ParentalConsent(Quoted<'a>),
    /// `compatibility "..."`: the art. 6(4) assessment for reusing data from another activity.
    Compatibility(Quoted<'a>),
    /// `compatibility under CITATIONS`: the statute that provides for reusing the data (art. 6(4),
    /// first words), and the span of the statement.
    CompatibilityUnder(Vec<Citation<'a>>, Span),
    /// `logic "..."`: what is told about the logic of automated review.
    Logic(Quoted<'a>),
    /// `providing required by law "..."`: whether the data subject must provide the data, what
    /// follows if they do not (art. 13(2)(e)), and the span of the statement.
    Providing(Requirement, Quoted<'a>, Span),
    /// `interests "..."`: the legitimate interests pursued under art. 6(1)(f).
    Interests(Quoted<'a>),
    /// `monitoring "..."`: the activity systematically monitors people.
    Monitoring(Quoted<'a>),
    /// `large_scale`: the activity processes data on a large scale.
    LargeScale(Span),
    Notice(Box<Notice<'a>>),
    ErasureRefused(Box<ErasureRefusal<'a>>),
    /// `preserve "..."`: the records must be preserved in the public archive.
    Preserve(Quoted<'a>),
    /// `unit "..."`: the department or staff function the activity belongs to.
    Unit(Quoted<'a>),
    /// `collect NAMES every NUMBER UNIT`: how often the data is collected anew.
    Collect(Box<Collect<'a>>),
    /// `copy NAMES kept by "holder" [PERIOD]`: a copy another holder keeps.
    Copy(Box<HeldCopy<'a>>),
    /// `jointly with NAMES`: the joint controllers of the activity (art. 26).
    Jointly(Vec<Word<'a>>),
    /// `kle 27.15.00, 27.15.01`: the KLE subject numbers the activity covers, as written (their
    /// shape is checked by the resolver).
    Kle(Vec<Word<'a>>),
    /// `allow CODE "reason"`: boxed, as it is the largest statement and few activities have one;
    /// every statement then moves and drops in 56 bytes instead of 88.
    Allow(Box<Waiver<'a>>),
    /// A statement keyword the language does not know; reported by the resolver with a did-you-mean.
    Unknown(Word<'a>),
}

/// `basis CITATIONS in some cases ["..."]`: bases that apply only to some cases or purposes of the
/// activity ("afhængigt af sagens art", "i nogle tilfælde samtykke"), with the notice's words for
/// which cases, when it gives them.
#[derive(Debug, Clone, PartialEq)]
pub struct SomeCases<'a> {
    pub citations: Vec<Citation<'a>>,
    pub cases: Option<Quoted<'a>>,
    pub span: Span,
}

/// A legal citation as written. Acts and provisions are validated in `law`.
#[derive(Debug, Clone, PartialEq)]
pub enum Citation<'a> {
    /// `gdpr 6(1)(e)`: the act's keyword, the article or § number, and the parts in brackets.
    Act {
        act: Word<'a>,
        number: &'a str,
        parts: Parts<'a>,
        span: Span,
    },
    /// `law "Lov om social service § 11"`: a statute the tool does not model, cited in free text.
    Law(Quoted<'a>),
    /// `agreement "..."`: a collective agreement.
    Agreement(Quoted<'a>),
}

impl Citation<'_> {
    pub fn span(&self) -> Span {
        match self {
            Citation::Act { span, .. } => *span,
            Citation::Law(t) | Citation::Agreement(t) => t.span,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Retain<'a> {
    /// `None` for `retain all`.
    pub targets: Option<Vec<Word<'a>>>,
    pub retention: Retention<'a>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Retention<'a> {
    /// `archive`: handed to the public archive under arkivloven, then deleted here.
    Archive(Span),
    /// `for 5 years [after "event"] [then archive]`.
    Deadline {
        amount: Word<'a>,
        unit: Word<'a>,
        after: Option<Quoted<'a>>,
        then_archive: bool,
    },
    /// `until "event" [then archive]`: kept until an event, the criterion art. 13(2)(a) allows
    /// instead of a period.
    Until {
        event: Quoted<'a>,
        then_archive: bool,
    },
}

/// `data logs as criminal when "ved mistanke om en kriminel handling"`: the data listed, and the class
/// they have when used as the quoted words say.
#[derive(Debug, Clone, PartialEq)]
pub struct DataAs<'a> {
    pub data: Vec<Word<'a>>,
    pub class: Word<'a>,
    pub when: Quoted<'a>,
    pub span: Span,
}

/// `data helbred, cpr_nummer about children`: the data listed, the groups of the activity's subjects
/// they are about, and the class they have when used as stated (`as CLASS when "..."`), if written.
#[derive(Debug, Clone, PartialEq)]
pub struct DataAbout<'a> {
    pub data: Vec<Word<'a>>,
    pub subjects: Vec<Word<'a>>,
    pub used: Option<(Word<'a>, Quoted<'a>)>,
    pub span: Span,
}

/// `collect boerneattest every 1 year`: data collected anew at an interval.
#[derive(Debug, Clone, PartialEq)]
pub struct Collect<'a> {
    pub data: Vec<Word<'a>>,
    pub amount: Word<'a>,
    pub unit: Word<'a>,
    pub span: Span,
}

/// `copy scan_results kept by "brugeren" until "brugeren sletter den"`: a copy of data that another
/// holder keeps, with the period the notice gives it, if any (`for ...` or `until ...`).
#[derive(Debug, Clone, PartialEq)]
pub struct HeldCopy<'a> {
    pub data: Vec<Word<'a>>,
    pub holder: Quoted<'a>,
    pub period: Option<Retention<'a>>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Disclose<'a> {
    pub data: Vec<Word<'a>>,
    pub recipient: Word<'a>,
    pub basis: Vec<Citation<'a>>,
    pub condition: Option<Quoted<'a>>,
    pub span: Span,
}

/// `notice "..."` (how the art. 14 information is given) or `notice exempt CITATIONS`.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice<'a> {
    Practice(Quoted<'a>),
    Exempt {
        basis: Vec<Citation<'a>>,
        span: Span,
    },
}

impl Notice<'_> {
    /// The string, or the words from `exempt` to the last citation.
    pub fn span(&self) -> Span {
        match self {
            Notice::Practice(t) => t.span,
            Notice::Exempt { span, .. } => *span,
        }
    }
}

/// `erasure refused "reason" [under CITATIONS]`: requests for erasure are refused.
#[derive(Debug, Clone, PartialEq)]
pub struct ErasureRefusal<'a> {
    pub reason: Quoted<'a>,
    pub basis: Vec<Citation<'a>>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Exception<'a> {
    pub citation: Citation<'a>,
    /// `for dispute with notice`: the ground relied on, when named.
    pub ground: Option<ExceptionFor<'a>>,
    pub reason: Option<Quoted<'a>>,
    pub span: Span,
}

/// `for WORD [with notice]` in an `exception`: the ground of the exception (`dispute`) and, where given,
/// the words `with notice` (the person concerned is told).
#[derive(Debug, Clone, PartialEq)]
pub struct ExceptionFor<'a> {
    pub word: Word<'a>,
    pub notice: Option<Span>,
}

/// The parts in brackets after an article or § number (`(1)(e)` in `gdpr 6(1)(e)`), read from the
/// text as needed instead of copied into a list. Shown as the list of parts (`["1", "e"]`).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Parts<'a>(&'a str);

impl<'a> Parts<'a> {
    /// `6(1)(e)` → (`6`, the parts `1` and `e`); `4c(5)` → (`4c`, `5`).
    pub fn split(provision: &'a str) -> (&'a str, Parts<'a>) {
        match provision.bytes().position(|b| b == b'(') {
            Some(open) => (&provision[..open], Parts(&provision[open..])),
            None => (provision, Parts("")),
        }
    }

    pub fn iter(&self) -> PartsIter<'a> {
        PartsIter(self.0)
    }

    pub fn len(&self) -> usize {
        self.0.bytes().filter(|&b| b == b'(').count()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The parts as written, brackets included (`(1)(e)`).
    pub fn as_str(&self) -> &'a str {
        self.0
    }

    pub fn get(&self, i: usize) -> Option<&'a str> {
        self.iter().nth(i)
    }

    pub fn first(&self) -> Option<&'a str> {
        self.get(0)
    }
}

/// The parts of a provision, in order.
pub struct PartsIter<'a>(&'a str);

impl<'a> Iterator for PartsIter<'a> {
    type Item = &'a str;

    /// The text is `(x)(y)...` (`act_citation` in the grammar): each part runs to its `)`.
    fn next(&mut self) -> Option<&'a str> {
        let rest = self.0.strip_prefix('(')?;
        let close = rest.bytes().position(|b| b == b')').unwrap_or(rest.len());
        self.0 = rest.get(close + 1..).unwrap_or("");
        Some(&rest[..close])
    }
}

/// `parts == ["1", "e"]`.
impl<const N: usize> PartialEq<[&str; N]> for Parts<'_> {
    fn eq(&self, other: &[&str; N]) -> bool {
        self.len() == N && self.iter().zip(other).all(|(a, b)| a == *b)
    }
}

impl std::fmt::Debug for Parts<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// Whether the data subject must provide the data (`providing ...`, art. 13(2)(e)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Requirement {
    /// `required by law`: a statutory requirement.
    Law,
    /// `required by contract`: a contractual requirement, or one necessary to enter into a contract.
    Contract,
    /// `voluntary`: the data subject need not provide it.
    Voluntary,
}

#[cfg(test)]
mod tests {
    /// Every statement of every activity is pushed, moved and dropped on its own, in as many bytes
    /// as the largest variant takes: a large variant belongs in a box (see `Statement::Allow`).
    #[test]
    fn a_statement_takes_at_most_56_bytes() {
        let size = std::mem::size_of::<super::Statement<'_>>();
        assert!(size <= 56, "a statement takes {size} bytes");
    }

    /// Each chunk's declarations are pushed, read and handed back to the parser's pool
    /// (`Chunks::recycle`): only an activity, of which a large spec has many, is kept inline.
    #[test]
    fn a_declaration_is_no_larger_than_an_activity_and_its_tag() {
        let size = std::mem::size_of::<super::Declaration<'_>>();
        let activity = std::mem::size_of::<super::Activity<'_>>();
        assert!(size <= activity + 8, "a declaration takes {size} bytes");
    }
}
