//! The resolved model of a spec: every name replaced by a typed index into the model, every word of
//! the vocabulary replaced by its enum, every citation validated. Rules and renderers read this.

use arcstr::ArcStr;
use serde::Serialize;

use crate::tr;

use crate::i18n::Lang;
use crate::law::cctv::{ExceptionGround, Place, SurveillanceGround};
use crate::law::citation::LegalRef;
use crate::law::countries::CountryRef;
use crate::law::vocabulary::{
    Area, DataClass, Mechanism, RecipientKind, ReviewMode, SourceKind, SpecialKind, SubjectKind,
    TimeUnit,
};
use crate::syntax::ast::{Name, Requirement, Text};
use crate::syntax::span::{Span, Spanned};

macro_rules! id_type {
    ($($(#[$meta:meta])* $name:ident),+ $(,)?) => {$(
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        pub struct $name(pub u32);
        impl $name {
            pub fn index(self) -> usize { self.0 as usize }
        }
    )+};
}

id_type! {
    /// Index into [`Model::subjects`].
    SubjectsId,
    /// Index into [`Model::data`].
    DataId,
    /// Index into [`Model::sources`].
    SourceId,
    /// Index into [`Model::processors`] (processors and sub-processors alike).
    ProcessorId,
    /// Index into [`Model::recipients`].
    RecipientId,
    /// Index into [`Model::joint_controllers`].
    JointControllerId,
    /// Index into [`Model::activities`].
    ActivityId,
}

/// A use of a declared name: what it refers to, and where the reference was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ref<T> {
    pub id: T,
    pub span: Span,
}

/// The whole spec, resolved.
#[derive(Debug, Clone)]
pub struct Model {
    pub controller: Controller,
    pub subjects: Vec<SubjectGroup>,
    pub data: Vec<DataCategory>,
    pub sources: Vec<Source>,
    pub processors: Vec<Processor>,
    pub recipients: Vec<Recipient>,
    /// `joint controller ...`: the controllers that determine purposes and means with this one.
    pub joint_controllers: Vec<JointController>,
    pub activities: Vec<Activity>,
    /// Every `allow CODE "reason"` of the spec, in the order written.
    pub waivers: Vec<Waiver>,
}

/// `allow CODE "reason"`: the rule `code` is off within `scope`, the declaration the waiver stands in
/// (with everything nested in it, such as a processor's sub-processors).
#[derive(Debug, Clone)]
pub struct Waiver {
    pub code: Name,
    pub reason: Text,
    pub scope: Span,
    pub span: Span,
}

impl Model {
    pub fn data(&self, id: DataId) -> &DataCategory {
        &self.data[id.index()]
    }
    pub fn processor(&self, id: ProcessorId) -> &Processor {
        &self.processors[id.index()]
    }
    pub fn recipient(&self, id: RecipientId) -> &Recipient {
        &self.recipients[id.index()]
    }
    pub fn joint_controller(&self, id: JointControllerId) -> &JointController {
        &self.joint_controllers[id.index()]
    }
    pub fn source(&self, id: SourceId) -> &Source {
        &self.sources[id.index()]
    }
    pub fn subjects(&self, id: SubjectsId) -> &SubjectGroup {
        &self.subjects[id.index()]
    }
}

#[derive(Debug, Clone)]
pub struct Controller {
    pub name: Name,
    pub label: Text,
    pub public_authority: bool,
    pub country: CountryRef,
    pub address: Option<Text>,
    pub contact: Option<Text>,
    pub dpo: Option<Dpo>,
    /// `document "..." { ... }`: the notice the spec encodes.
    pub document: Option<Document>,
    /// `notice ...` in the controller: how the art. 14 information is given, for every activity that
    /// has no `notice` of its own.
    pub notice: Option<NoticeDecl>,
    /// `supervision every 1 year`: how often the controller supervises its processors.
    pub supervision: Option<SupervisionPeriod>,
    /// `safeguards copy "..."`: how the data subjects get a copy of the safeguards of transfers to
    /// third countries, or where they are made available (art. 13(1)(f), 14(1)(f)).
    pub safeguards_copy: Option<Text>,
    pub span: Span,
}

/// `supervision every NUMBER UNIT`: the controller's own period for supervising its processors.
#[derive(Debug, Clone)]
pub struct SupervisionPeriod {
    pub amount: u64,
    pub unit: TimeUnit,
    pub span: Span,
}

/// `supervised DATE "how"`: when and how the controller last supervised a processor.
#[derive(Debug, Clone)]
pub struct Supervised {
    pub date: Spanned<Date>,
    /// The form: an auditor's statement reviewed, a questionnaire, an inspection, ...
    pub form: Text,
    pub span: Span,
}

/// The notice (or other document) the spec encodes: what a report says was assessed.
#[derive(Debug, Clone)]
pub struct Document {
    pub title: Text,
    pub version: Option<Text>,
    pub date: Option<Spanned<Date>>,
    pub web: Option<Text>,
    /// `privacy notice`: the document is the privacy notice of art. 13 and 14, whose completeness
    /// NOTICE-INCOMPLETE checks; where it is written.
    pub privacy_notice: Option<Span>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Dpo {
    pub name: Option<Text>,
    pub email: Option<Text>,
    pub phone: Option<Text>,
    pub address: Option<Text>,
    pub web: Option<Text>,
    pub span: Span,
}

impl Dpo {
    /// Art. 37(7) asks for published contact details: any way to reach the DPO counts.
    pub fn has_contact_details(&self) -> bool {
        self.email.is_some() || self.phone.is_some() || self.address.is_some() || self.web.is_some()
    }
}

#[derive(Debug, Clone)]
pub struct SubjectGroup {
    pub name: Name,
    pub label: Text,
    pub kind: SubjectKind,
    /// `aged 6 to 16`, when the spec states the ages.
    pub ages: Option<Spanned<AgeRange>>,
    /// The whole declaration.
    pub span: Span,
}

/// The youngest and oldest in a group of data subjects, in whole years.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct AgeRange {
    pub youngest: u32,
    pub oldest: u32,
}

#[derive(Debug, Clone)]
pub struct DataCategory {
    pub name: Name,
    pub label: Text,
    pub class: DataClass,
    /// The art. 9(1) kinds, for `special(...)` data; empty otherwise.
    pub special: Vec<SpecialKind>,
    /// Where the class is written.
    pub class_span: Span,
    /// `limit 30 days`: no activity may keep the category longer.
    pub limit: Option<RetentionLimit>,
    /// The whole declaration.
    pub span: Span,
}

/// The longest period (`for`, `limit`) a spec may state, in days: 1000 years of 365 days. Longer ones are
/// a spec error, so that every period in days fits a `u64` many times over (docs/language.md).
pub const MAX_PERIOD_DAYS: u64 = 1000 * 365;

/// The longest a category may be kept, from collection.
#[derive(Debug, Clone)]
pub struct RetentionLimit {
    pub amount: u64,
    pub unit: TimeUnit,
    /// Why: the guideline, statute or decision that sets the limit.
    pub reason: Option<Text>,
    pub span: Span,
}

impl RetentionLimit {
    pub fn days(&self) -> u64 {
        // Bounded by `MAX_PERIOD_DAYS` when resolved; saturating for a limit built otherwise.
        self.amount.saturating_mul(self.unit.days())
    }

    /// In words: `30 days`, `30 dage`.
    pub fn describe(&self, lang: Lang) -> String {
        format!("{} {}", self.amount, self.unit.word(self.amount, lang))
    }
}

impl DataCategory {
    pub fn is_special(&self) -> bool {
        self.class == DataClass::Special
    }
}

#[derive(Debug, Clone)]
pub struct Source {
    pub name: Name,
    pub label: Text,
    pub kind: SourceKind,
    /// `notice ...`: how people are told of data from this source (art. 14), for every activity that
    /// takes data from it and has no `notice` of its own.
    pub notice: Option<NoticeDecl>,
    /// `unnamed`: the notice describes the source by its kind instead of naming it (art. 14(2)(f),
    /// recital 61); where it is written.
    pub unnamed: Option<Span>,
    /// The whole declaration.
    pub span: Span,
}

/// A processor or a sub-processor (then `parent` is the processor that engaged it).
#[derive(Debug, Clone)]
pub struct Processor {
    pub name: Name,
    pub label: Text,
    pub parent: Option<ProcessorId>,
    pub subprocessors: Vec<ProcessorId>,
    pub agreement: Option<Text>,
    pub authorised: Option<Text>,
    pub country: Option<Spanned<CountryRef>>,
    pub transfer: Option<TransferDecl>,
    pub tia: Option<Text>,
    /// Where the importer's entry on the Data Privacy Framework list was checked.
    pub dpf_listed: Option<Text>,
    /// `supervised DATE "how"`: the last supervision.
    pub supervised: Option<Supervised>,
    pub span: Span,
}

/// The mechanisms declared for a transfer out of the EU/EEA.
#[derive(Debug, Clone)]
pub struct TransferDecl {
    pub mechanisms: Vec<Spanned<MechanismRef>>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MechanismRef {
    pub mechanism: Mechanism,
    /// The art. 49(1) letter of a derogation.
    pub derogation: Option<char>,
}

#[derive(Debug, Clone)]
pub struct Recipient {
    pub name: Name,
    pub label: Text,
    pub kind: RecipientKind,
    pub country: Option<Spanned<CountryRef>>,
    pub transfer: Option<TransferDecl>,
    pub tia: Option<Text>,
    /// Where the importer's entry on the Data Privacy Framework list was checked.
    pub dpf_listed: Option<Text>,
    pub span: Span,
}

/// `joint controller NAME "..." { ... }`: a controller that determines the purposes and means of one
/// or more activities together with the spec's controller (GDPR art. 26).
#[derive(Debug, Clone)]
pub struct JointController {
    pub name: Name,
    pub label: Text,
    pub country: Option<Spanned<CountryRef>>,
    pub address: Option<Text>,
    pub contact: Option<Text>,
    /// `arrangement "..."`: the arrangement that determines their responsibilities (art. 26(1)).
    pub arrangement: Option<Text>,
    /// `answers "..."`: who answers the data subjects, under the arrangement (art. 26(1)).
    pub answers: Option<Text>,
    /// `essence "..."`: how the essence of the arrangement is made available (art. 26(2)).
    pub essence: Option<Text>,
    pub span: Span,
}

/// Where an activity's data comes from: a declared source, or another activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Source(SourceId),
    Activity(ActivityId),
}

/// An activity's lists are boxed slices, not vectors: they are complete once the activity is
/// resolved, and a slice's pointer and length are 8 bytes fewer than a vector's, each of nine lists
/// in each of 100,000 activities (docs/performance.md, floor13).
#[derive(Debug, Clone)]
pub struct Activity {
    pub name: Name,
    pub label: Text,
    pub span: Span,
    pub purposes: Box<[Text]>,
    pub subjects: Box<[Ref<SubjectsId>]>,
    pub data: Box<[Ref<DataId>]>,
    pub sources: Box<[Ref<Origin>]>,
    pub bases: Box<[LegalRef]>,
    /// The `basis` statements, for labels.
    pub basis_spans: Box<[Span]>,
    pub retention: Box<[RetentionRule]>,
    pub processors: Box<[Ref<ProcessorId>]>,
    pub disclosures: Box<[Disclosure]>,
    /// `notice ...`: how the art. 14 information is given, or why it is not.
    pub notice: Option<NoticeDecl>,
    /// The statements most activities do not make, or `None` when it makes none of them; read them
    /// through [`Activity::details`].
    pub details: Option<Box<ActivityDetails>>,
}

/// The statements of an activity that most activities do not make: automated review, DPIAs,
/// control measures, consent, security, ... They are kept apart so that an activity without any of
/// them costs one pointer rather than some 400 bytes: the model of 100,000 activities is most of the
/// memory of a large run (docs/performance.md). The rarer ones still (CCTV, children's consent,
/// erasure refused, ...) are kept apart again, in [`RarerDetails`], and read through this struct as
/// if they were its own fields (`details.cctv`, by `Deref`): an activity with a DPIA and nothing
/// rarer then takes some 450 bytes for them rather than some 1,300.
#[derive(Debug, Clone, Default)]
pub struct ActivityDetails {
    pub review: Vec<Spanned<ReviewMode>>,
    pub dpia: Option<Text>,
    pub since: Option<Spanned<Date>>,
    pub justification: Option<Text>,
    pub notified: Option<Spanned<Date>>,
    /// `control measure "reason"`: the activity is declared a control measure towards employees.
    pub control_measure: Option<ControlMeasureDecl>,
    pub security: Vec<Text>,
    /// `area social`: the field of work, which the art. 9(2) condition must fit.
    pub area: Option<Spanned<Area>>,
    /// `withdrawal "..."`: how consent is withdrawn (art. 7(3)).
    pub withdrawal: Option<Text>,
    /// `logic "..."`: what the data subjects are told of the logic of automated review (art. 13(2)(f)).
    pub logic: Option<Text>,
    /// `monitoring "..."`: the activity systematically monitors people (art. 35(3)(c)).
    pub monitoring: Option<Text>,
    /// `large_scale`: the activity processes data on a large scale (art. 35(3)(b)).
    pub large_scale: Option<Span>,
    /// `unit "..."`: the department or staff function the activity belongs to.
    pub unit: Option<Text>,
    /// The rarer statements, or `None` when the activity makes none of them; read through `Deref`.
    rarer: Option<Box<RarerDetails>>,
}

/// The statements of an activity that few activities make, even among those with
/// [`ActivityDetails`]: CCTV, exceptions, children's consent, reuse, erasure refused, archiving,
/// copies, joint controllers, KLE numbers, data about some groups.
#[derive(Debug, Clone, Default)]
pub struct RarerDetails {
    pub cctv: Option<Span>,
    /// `cctv tvol 2d`: the § of tv-overvågningsloven the surveillance rests on, where stated.
    pub cctv_ground: Option<Spanned<&'static SurveillanceGround>>,
    /// `cameras at own_entrances, own_facades`: where the cameras film, and the statement's span.
    pub cameras: Vec<Spanned<&'static Place>>,
    pub cameras_span: Option<Span>,
    /// `covert`: some cameras are hidden.
    pub covert: Option<Span>,
    /// `signs "..."`: how notice of the surveillance is given (tv-overvågningsloven §§ 3, 3 a).
    pub signs: Option<Text>,
    /// `polcam registered [DATE]`: the cameras are registered in POLCAM (§ 2 e).
    pub polcam: Option<Span>,
    pub polcam_date: Option<Spanned<Date>>,
    pub exceptions: Vec<ExceptionDecl>,
    /// `withdrawal right "..."`: what the notice tells of the right to withdraw consent (art. 13(2)(c)).
    pub withdrawal_right: Option<Text>,
    /// `online_service`: an information society service offered directly to the data subjects (art. 8).
    pub online_service: Option<Span>,
    /// `parental_consent "..."`: how the consent of the holder of parental responsibility is obtained.
    pub parental_consent: Option<Text>,
    /// `compatibility "..."`: the art. 6(4) assessment for data taken from other activities.
    pub compatibility: Option<Text>,
    /// `compatibility under CITATIONS`: the statute the author states provides for the reuse.
    pub compatibility_under: Vec<LegalRef>,
    /// `providing required by law "..."`: whether the data must be provided, and what follows if it
    /// is not (art. 13(2)(e)).
    pub providing: Option<Providing>,
    /// `interests "..."`: the legitimate interests pursued under art. 6(1)(f) (art. 13(1)(d), 14(2)(b)).
    pub interests: Option<Text>,
    /// `erasure refused ...`: requests for erasure are refused, and on what ground.
    pub erasure_refusal: Option<ErasureRefusal>,
    /// `preserve "..."`: the records must be handed to the public archive (arkivloven).
    pub preserve: Option<Text>,
    /// `data logs as criminal when "..."`: data that become data of another class when used as stated.
    pub uses: Vec<DataUse>,
    /// `basis ... in some cases "..."`: bases of some cases of the activity only, each statement
    /// apart. [`Activity::bases`] holds the bases of every case.
    pub case_bases: Vec<CaseBases>,
    /// `collect NAMES every N UNIT`: data collected anew at an interval.
    pub collections: Vec<Collection>,
    /// `copy NAMES kept by "holder" [PERIOD]`: copies that another holder keeps.
    pub copies: Vec<HeldCopy>,
    /// `jointly with NAMES`: the joint controllers of the activity (art. 26).
    pub joint_controllers: Vec<Ref<JointControllerId>>,
    /// `kle 27.15.00, 27.15.01`: the KLE subject numbers (KL's classification of the municipalities'
    /// tasks) the activity covers, in the order written.
    pub kle: Vec<Spanned<KleNumber>>,
    /// `data helbred, cpr_nummer about children`: data categories the spec says are about some of the
    /// activity's groups of subjects only. A category named in no `about` is about all of them, and
    /// so is one a `data` statement without `about` also lists (the resolver leaves it out here);
    /// read through [`Activity::subjects_of`].
    pub about: Vec<DataAbout>,
}

/// A KLE number: main group, group and subject (`27.15.00`), or a main group or group alone
/// (`27`, `27.15`), each part two digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KleNumber {
    pub main_group: u8,
    pub group: Option<u8>,
    pub subject: Option<u8>,
}

impl std::fmt::Display for KleNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:02}", self.main_group)?;
        if let Some(group) = self.group {
            write!(f, ".{group:02}")?;
            if let Some(subject) = self.subject {
                write!(f, ".{subject:02}")?;
            }
        }
        Ok(())
    }
}

/// `data NAMES about SUBJECTS`: the data categories named are about these groups of the activity's
/// subjects only. Holds only categories no plain `data` statement of the activity lists, and only
/// groups of the activity's `subjects`.
#[derive(Debug, Clone)]
pub struct DataAbout {
    pub data: Vec<Ref<DataId>>,
    pub subjects: Vec<Ref<SubjectsId>>,
    /// The whole statement.
    pub span: Span,
}

/// `basis CITATIONS in some cases ["..."]`: bases that apply only to some cases or purposes of the
/// activity ("afhængigt af sagens art", "i nogle tilfælde samtykke"). They are not bases of every
/// case: a rule that asks whether every case has a basis of a kind does not count them alone; a rule
/// that fires because a basis is cited fires for them too (docs/language.md, "basis ... in some cases").
#[derive(Debug, Clone)]
pub struct CaseBases {
    pub bases: Vec<LegalRef>,
    /// The notice's words for which cases, when it gives them.
    pub cases: Option<Text>,
    pub span: Span,
}

/// `collect boerneattest every 1 year`: data the activity collects anew at an interval.
#[derive(Debug, Clone)]
pub struct Collection {
    pub data: Vec<Ref<DataId>>,
    pub amount: u64,
    pub unit: TimeUnit,
    pub span: Span,
}

impl Collection {
    /// In words: `every 1 year`, `med et interval på 1 år`.
    pub fn describe(&self, lang: Lang) -> String {
        let unit = self.unit.word(self.amount, lang);
        match lang {
            Lang::En => format!("every {} {unit}", self.amount),
            Lang::Da => format!("med et interval på {} {unit}", self.amount),
        }
    }
}

/// `copy scan_results kept by "brugeren" until "brugeren sletter den"`: a copy of some of the
/// activity's data that another holder keeps, and the period the spec gives it (`None`: none).
#[derive(Debug, Clone)]
pub struct HeldCopy {
    pub data: Vec<Ref<DataId>>,
    pub holder: Text,
    pub period: Option<Period>,
    pub span: Span,
}

impl ActivityDetails {
    /// An activity that makes none of these statements.
    const NONE: ActivityDetails = ActivityDetails {
        review: Vec::new(),
        dpia: None,
        since: None,
        justification: None,
        notified: None,
        control_measure: None,
        security: Vec::new(),
        area: None,
        withdrawal: None,
        logic: None,
        monitoring: None,
        large_scale: None,
        unit: None,
        rarer: None,
    };

    /// The rarer statements, to fill in: made on the first that needs them.
    pub fn rarer_mut(&mut self) -> &mut RarerDetails {
        self.rarer.get_or_insert_with(Box::default)
    }
}

impl RarerDetails {
    /// An activity that makes none of these statements.
    const NONE: RarerDetails = RarerDetails {
        cctv: None,
        cctv_ground: None,
        cameras: Vec::new(),
        cameras_span: None,
        covert: None,
        signs: None,
        polcam: None,
        polcam_date: None,
        exceptions: Vec::new(),
        withdrawal_right: None,
        online_service: None,
        parental_consent: None,
        compatibility: None,
        compatibility_under: Vec::new(),
        providing: None,
        interests: None,
        erasure_refusal: None,
        preserve: None,
        case_bases: Vec::new(),
        uses: Vec::new(),
        collections: Vec::new(),
        copies: Vec::new(),
        joint_controllers: Vec::new(),
        kle: Vec::new(),
        about: Vec::new(),
    };
}

/// The rarer statements read as if they were fields of [`ActivityDetails`] (all empty when the
/// activity makes none of them), so that a reader need not know which part holds which.
impl std::ops::Deref for ActivityDetails {
    type Target = RarerDetails;

    fn deref(&self) -> &RarerDetails {
        static NONE: RarerDetails = RarerDetails::NONE;
        self.rarer.as_deref().unwrap_or(&NONE)
    }
}

/// `data logs as criminal when "ved mistanke om en kriminel handling"`: in this activity, `data` becomes
/// data of `class` when used as `when` says (the notice says it of the use, not of the data).
#[derive(Debug, Clone)]
pub struct DataUse {
    pub data: Ref<DataId>,
    pub class: DataClass,
    pub when: Text,
    /// The whole statement.
    pub span: Span,
}

/// How the data subjects learn of data collected from others (art. 14).
#[derive(Debug, Clone)]
pub enum NoticeDecl {
    /// `notice "..."`: how they are told.
    Practice(Text),
    /// `notice exempt CITATIONS`: the exception relied on (art. 14(5), DBL § 22).
    Exempt { basis: Vec<LegalRef>, span: Span },
}

/// `providing required by law "Hvis du ikke giver os oplysningerne, kan vi ikke behandle din
/// ansøgning."`: whether the data subject must provide the data, and the consequences of not
/// providing it (art. 13(2)(e)).
#[derive(Debug, Clone)]
pub struct Providing {
    pub requirement: Requirement,
    /// What follows if the data is not provided, in the notice's words.
    pub consequences: Text,
    pub span: Span,
}

/// `control measure "reason"`: a control measure towards employees (kontrolforanstaltning), declared
/// as such, with the operational reason the notice gives for it.
#[derive(Debug, Clone)]
pub struct ControlMeasureDecl {
    pub reason: Text,
    /// The whole statement.
    pub span: Span,
}

/// `erasure refused "reason" [under CITATIONS]`.
#[derive(Debug, Clone)]
pub struct ErasureRefusal {
    pub reason: Text,
    pub basis: Vec<LegalRef>,
    pub span: Span,
}

impl Activity {
    /// The bases of some cases only (`basis ... in some cases`), statement by statement.
    pub fn case_bases(&self) -> &[CaseBases] {
        &self.details().case_bases
    }

    /// Every basis cited in the activity, of every case and of some cases: for the rules that fire
    /// because a basis is cited at all (consent needs a way to withdraw it, whichever cases it is of).
    pub fn every_cited_basis(&self) -> impl Iterator<Item = &LegalRef> {
        self.bases
            .iter()
            .chain(self.case_bases().iter().flat_map(|c| c.bases.iter()))
    }

    /// The statements most activities do not make (all empty when it makes none of them).
    pub fn details(&self) -> &ActivityDetails {
        static NONE: ActivityDetails = ActivityDetails::NONE;
        self.details.as_deref().unwrap_or(&NONE)
    }

    /// The first of the activity's groups of data subjects that is of `kind`.
    pub fn subjects_of_kind<'a>(
        &'a self,
        model: &Model,
        kind: SubjectKind,
    ) -> Option<&'a Ref<SubjectsId>> {
        self.subjects
            .iter()
            .find(|s| model.subjects(s.id).kind == kind)
    }

    /// The KLE subject numbers the activity covers (`kle ...`).
    pub fn kle(&self) -> &[Spanned<KleNumber>] {
        &self.details().kle
    }

    /// The groups of subjects `data` is about in this activity: those of the `data ... about`
    /// statements that name it, or, when none does, every group of the activity's `subjects`.
    pub fn subjects_of(&self, data: DataId) -> impl Iterator<Item = SubjectsId> + '_ {
        let about = &self.details().about;
        let named = about.iter().any(|a| a.data.iter().any(|d| d.id == data));
        let mut seen = Vec::new();
        let from_about = about
            .iter()
            .filter(move |a| named && a.data.iter().any(|d| d.id == data))
            .flat_map(|a| a.subjects.iter().map(|s| s.id));
        let from_activity = self.subjects.iter().map(|s| s.id).filter(move |_| !named);
        from_about.chain(from_activity).filter(move |id| {
            // Two `about` statements may name the same group for one category.
            if seen.contains(id) {
                false
            } else {
                seen.push(*id);
                true
            }
        })
    }

    /// The retention rule that covers a category: a rule naming it, or else `retain all`.
    pub fn retention_of(&self, data: DataId) -> Option<&RetentionRule> {
        let naming = self
            .retention
            .iter()
            .position(|r| r.targets.iter().any(|t| t.id == data));
        self.retention_covering(naming).map(|i| &self.retention[i])
    }

    /// Which of `retention` covers a category, given the first that names it (`naming`, by its
    /// place): that one, or else the first `retain all`. The rule of [`Activity::retention_of`],
    /// for a caller that finds the naming rules of many categories at once (the record).
    pub fn retention_covering(&self, naming: Option<usize>) -> Option<usize> {
        naming.or_else(|| self.retention.iter().position(|r| r.all.is_some()))
    }

    /// How the activity says it uses `data` as criminal-offence data (`data logs as criminal when
    /// "..."`), if it does.
    pub fn criminal_use(&self, data: DataId) -> Option<&DataUse> {
        self.details()
            .uses
            .iter()
            .find(|u| u.data.id == data && u.class == DataClass::Criminal)
    }

    /// The first of the activity's data that is criminal-offence data in it: declared `criminal`, or
    /// stated to become so by its use (`data logs as criminal when "..."`).
    pub fn criminal_data<'a>(&'a self, model: &Model) -> Option<&'a Ref<DataId>> {
        self.data.iter().find(|d| {
            model.data(d.id).class == DataClass::Criminal || self.criminal_use(d.id).is_some()
        })
    }

    /// The first datum of `disclosure` that is disclosed as criminal-offence data: declared
    /// `criminal`, or used as such in this activity (`data ... as criminal when`) and handed to the
    /// police, which receive it for an investigation. To other recipients such data goes with the
    /// class it is declared with.
    pub fn criminal_disclosed<'a>(
        &self,
        model: &Model,
        disclosure: &'a Disclosure,
    ) -> Option<&'a Ref<DataId>> {
        let police = model.recipient(disclosure.recipient.id).kind == RecipientKind::Police;
        disclosure.data.iter().find(|d| {
            model.data(d.id).class == DataClass::Criminal
                || (police && self.criminal_use(d.id).is_some())
        })
    }

    /// Where the `basis` statements stand, or the activity's name when it has none.
    pub fn basis_span(&self) -> Span {
        match (self.basis_spans.first(), self.basis_spans.last()) {
            (Some(first), Some(last)) => first.to(*last),
            _ => self.name.span,
        }
    }
}

#[derive(Debug, Clone)]
pub struct RetentionRule {
    /// The categories named; empty for `retain all`. A boxed slice and boxed words in the period,
    /// not a vector and strings: 80 bytes a rule instead of 96, three rules an activity.
    pub targets: Box<[Ref<DataId>]>,
    /// `Some(span of "all")` for `retain all`.
    pub all: Option<Span>,
    pub period: Period,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Period {
    /// Handed to the public archive (arkivloven), then deleted here.
    Archive,
    /// A deletion deadline.
    Deadline {
        amount: u64,
        unit: TimeUnit,
        /// The event the period runs from ("end of the journal period"); from collection when `None`.
        after: Option<ArcStr>,
        then_archive: bool,
    },
    /// `until "event"`: kept until the event, the criterion art. 13(2)(a) allows; no number of days.
    Until { event: ArcStr, then_archive: bool },
}

impl Period {
    /// The deadline in days, when it runs from collection (an event-based deadline cannot be compared).
    pub fn days_from_collection(&self) -> Option<u64> {
        match self {
            Period::Deadline {
                amount,
                unit,
                after: None,
                ..
            } => Some(amount.saturating_mul(unit.days())),
            _ => None,
        }
    }

    /// In words: `90 days`, `5 years after end of journal period`, `archived under arkivloven`.
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            Period::Archive => tr!(lang, text::ARCHIVED),
            Period::Until {
                event,
                then_archive,
            } => {
                let mut s = tr!(lang, text::UNTIL_EVENT, event = event);
                if *then_archive {
                    s.push_str(&tr!(lang, text::THEN_ARCHIVED));
                }
                s
            }
            Period::Deadline {
                amount,
                unit,
                after,
                then_archive,
            } => {
                let mut s = format!("{amount} {}", unit.word(*amount, lang));
                if let Some(event) = after {
                    s.push_str(&tr!(lang, text::AFTER_EVENT, event = event));
                }
                if *then_archive {
                    s.push_str(&tr!(lang, text::THEN_ARCHIVED));
                }
                s
            }
        }
    }
}

#[derive(Debug, Clone)]
pub struct Disclosure {
    pub data: Vec<Ref<DataId>>,
    pub recipient: Ref<RecipientId>,
    pub basis: Vec<LegalRef>,
    pub condition: Option<Text>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct ExceptionDecl {
    pub citation: LegalRef,
    /// `for dispute`: the ground of tv-overvågningsloven § 4 c, stk. 5 relied on, where named.
    pub ground: Option<Spanned<&'static ExceptionGround>>,
    /// `with notice`: the person concerned is told (§ 4 c, stk. 5, for a dispute).
    pub notice: Option<Span>,
    pub reason: Option<Text>,
    pub span: Span,
}

/// A calendar date (validated).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// The words of a retention period, in English and Danish.
pub mod text {
    crate::texts! {
        ARCHIVED = (
            "archived under arkivloven, then deleted",
            "afleveret til offentligt arkiv efter arkivloven og derefter slettet"
        ),
        /// After the amount and unit: `5 years after the end of the case`.
        AFTER_EVENT = (" after {event}", " efter {event}"),
        THEN_ARCHIVED = (", then archived", ", derefter afleveret til arkiv"),
        /// `until "the employment ends"`: a criterion, not a number of days.
        UNTIL_EVENT = ("until {event}", "indtil {event}"),
    }
}

#[cfg(test)]
mod tests {
    use super::{Activity, ActivityDetails, Model, Period, RetentionRule};
    use crate::i18n::Lang;
    use crate::law::citation::LegalRef;
    use crate::syntax::ast::Text;
    use arcstr::ArcStr;

    fn model(activity: &str) -> Model {
        let text = format!(
            "controller k \"K\" {{ public authority contact \"k@k.dk\" dpo {{ email \"d@k.dk\" }} }}\n\
             subjects kids \"Børn\" children\nsubjects parents \"Forældre\" citizens\n\
             subjects staff \"Ansatte\" employees\n\
             data health \"Helbred\" special(health)\ndata name \"Navn\" ordinary\n\
             activity a \"A\" {{\n{activity}\n}}\n"
        );
        let mut sources = crate::source::SourceMap::new();
        sources.add(crate::source::SourceFile::new("a.hjemmel", &text));
        crate::compile(&sources, Lang::En).expect("understood").0
    }

    /// The groups `subjects_of` gives for each category, by name.
    fn groups(model: &Model, data: &str) -> Vec<String> {
        let a = &model.activities[0];
        let id = a
            .data
            .iter()
            .find(|d| model.data(d.id).name.node == data)
            .expect("listed")
            .id;
        a.subjects_of(id)
            .map(|s| model.subjects(s).name.node.to_string())
            .collect()
    }

    /// A category named in no `about` is about every group of the activity; named in `about`
    /// statements, about the groups they name (each once); listed plainly too, about every group.
    #[test]
    fn the_groups_data_is_about() {
        let m = model("subjects kids, parents, staff\ndata name\ndata health about kids");
        assert_eq!(groups(&m, "name"), ["kids", "parents", "staff"]);
        assert_eq!(groups(&m, "health"), ["kids"]);
        let m = model(
            "subjects kids, parents, staff\ndata health about parents\ndata health, name about kids, parents",
        );
        assert_eq!(groups(&m, "health"), ["parents", "kids"]);
        assert_eq!(groups(&m, "name"), ["kids", "parents"]);
        let m = model("subjects kids, parents\ndata health about kids\ndata name, health");
        assert_eq!(groups(&m, "health"), ["kids", "parents"]);
        assert!(m.activities[0].details().about.is_empty());
    }

    /// The model of a large spec is mostly activities (docs/performance.md): a statement added to
    /// every activity's struct rather than to `ActivityDetails` costs 100,000 times its size.
    #[test]
    fn an_activity_stays_small() {
        let size = std::mem::size_of::<Activity>();
        assert!(size <= 272, "Activity is {size} bytes");
    }

    /// An activity keeps about three retention rules in one allocation: a field added to the rule
    /// costs 300,000 times its size at 100,000 activities.
    #[test]
    fn a_retention_rule_stays_small() {
        let size = std::mem::size_of::<RetentionRule>();
        assert!(size <= 72, "RetentionRule is {size} bytes");
    }

    /// A text is one pointer (docs/performance.md, model15): a `Text` field costs 24 bytes.
    #[test]
    fn a_text_is_a_pointer_and_its_span() {
        assert_eq!(std::mem::size_of::<Text>(), 24);
        assert_eq!(std::mem::size_of::<Option<Text>>(), 24);
    }

    /// Equal texts of statements share one copy, each with the span of its own use; other texts and
    /// the labels do not.
    #[test]
    fn equal_texts_share_one_copy() {
        let text = "controller k \"K\" { public authority contact \"k@k.dk\" dpo { email \"d@k.dk\" } }\n\
                    subjects staff \"Staff\" employees\ndata name \"Name\" ordinary\n\
                    activity a \"Same\" { purpose \"Pay\" subjects staff data name basis gdpr 6(1)(b), law \"Act\" retain all for 1 years after \"leaving\" }\n\
                    activity b \"Same\" { purpose \"Pay\" subjects staff data name basis gdpr 6(1)(b), law \"Act\" retain all for 1 years after \"leaving\" }\n\
                    activity c \"Other\" { purpose \"Hire\" subjects staff data name basis gdpr 6(1)(b), law \"Another act\" retain all for 2 years }\n";
        let mut sources = crate::source::SourceMap::new();
        sources.add(crate::source::SourceFile::new("a.hjemmel", text));
        let m = crate::compile(&sources, Lang::En).expect("understood").0;
        let [a, b, c] = &m.activities[..] else {
            panic!("three activities")
        };
        assert!(ArcStr::ptr_eq(&a.purposes[0].node, &b.purposes[0].node));
        assert_ne!(a.purposes[0].span, b.purposes[0].span);
        assert_eq!(&*c.purposes[0].node, "Hire");
        assert!(!ArcStr::ptr_eq(&a.purposes[0].node, &c.purposes[0].node));
        let law = |act: &Activity| match act.bases.last() {
            Some(LegalRef::Law { text, .. }) => text.clone(),
            other => panic!("a law citation, not {other:?}"),
        };
        assert!(ArcStr::ptr_eq(&law(a), &law(b)));
        assert_eq!(&*law(c), "Another act");
        let after = |act: &Activity| match &act.retention[0].period {
            Period::Deadline { after, .. } => after.clone(),
            other => panic!("a deadline, not {other:?}"),
        };
        let (after_a, after_b) = (after(a).unwrap(), after(b).unwrap());
        assert!(ArcStr::ptr_eq(&after_a, &after_b));
        assert_eq!(after(c), None);
        // Labels are copied: equal, not shared.
        assert_eq!(a.label.node, b.label.node);
        assert!(!ArcStr::ptr_eq(&a.label.node, &b.label.node));
    }

    /// Where an activity makes one of the commoner detail statements (a DPIA, security, consent
    /// withdrawn), its details take one allocation of this size: a rare statement belongs in
    /// `RarerDetails`.
    #[test]
    fn the_commoner_details_stay_small() {
        let size = std::mem::size_of::<ActivityDetails>();
        assert!(size <= 312, "ActivityDetails is {size} bytes");
    }

    #[test]
    fn the_rarer_details_read_as_the_details_own_fields() {
        let m = model("subjects staff\ndata name\ndpia \"DPIA 2024\"\nkle 27.15.00");
        let details = m.activities[0].details();
        assert!(details.dpia.is_some());
        assert_eq!(details.kle.len(), 1);
        assert!(details.cctv.is_none() && details.about.is_empty());
        let m = model("subjects staff\ndata name\ndpia \"DPIA 2024\"");
        let details = m.activities[0].details();
        assert!(details.dpia.is_some() && details.rarer.is_none());
        assert!(details.kle.is_empty() && details.cctv.is_none());
    }
}
