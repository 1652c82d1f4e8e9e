//! What a source says of a register, as the source says it: texts, not yet names of the spec
//! language. Readers fill it; [`crate::import`]'s writer makes declarations of it.
//!
//! Parties, groups of subjects and data categories are referred to by their label, as the sources
//! do; the writer declares each label once and makes a name of it.

use std::fmt;
use std::path::PathBuf;
use std::rc::Rc;

/// A source's file name without its directories, for the header of the files written: where they
/// came from, without the importer's own paths.
pub fn file_name(path: &std::path::Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// A whole register from one source.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Register {
    /// What was read, for the header of the files written ("Fides manifest fides/system.yml").
    pub source: String,
    /// The controller, when the source names it.
    pub controller: Option<ImportedParty>,
    pub activities: Vec<ImportedActivity>,
    /// Processors the activities name in [`ImportedActivity::processors`].
    pub processors: Vec<ImportedParty>,
    /// Recipients the activities name in [`ImportedActivity::disclosures`].
    pub recipients: Vec<ImportedParty>,
    /// The controller's data protection officer (art. 30(1)(a)), when the source names one.
    pub dpo: Option<ImportedDpo>,
    /// The kinds of the sources the activities name in [`ImportedActivity::sources`], when the
    /// source says; a label not here gets a kind from its words.
    pub sources: Vec<ImportedSource>,
    /// What the source says of the register as a whole that has no place in the spec.
    pub unplaced: Vec<Unplaced>,
}

/// One processing activity, one row of a spreadsheet or one record of a register.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportedActivity {
    /// Its name in the source ("Sagsbehandling af børnesager").
    pub label: String,
    /// The department or unit, when given (`unit "..."`).
    pub unit: Option<String>,
    pub purposes: Vec<String>,
    /// KLE numbers as written in the source ("27.15.00").
    pub kle: Vec<String>,
    pub subjects: Vec<ImportedSubjects>,
    pub data: Vec<ImportedData>,
    /// Legal bases as the source writes them ("art. 6, stk. 1, litra e", "databeskyttelseslovens
    /// § 11", "gdpr 6(1)(e)"); the writer makes typed citations of those it can read and keeps the
    /// others as comments.
    pub bases: Vec<String>,
    /// Where the data comes from, as the source names it.
    pub sources: Vec<String>,
    /// Labels of other activities of the register this one takes its data from (`sources` naming
    /// an activity: the record shows them as "disclosed by").
    pub from_activities: Vec<String>,
    /// Labels of [`Register::processors`].
    pub processors: Vec<String>,
    pub disclosures: Vec<ImportedDisclosure>,
    /// The deletion deadline as the source writes it ("5 år efter sagens afslutning").
    pub retention: Option<String>,
    /// The technical and organisational security measures (art. 30(1)(g)).
    pub security: Vec<String>,
    /// Data of the activity that is of another class when used as the source states
    /// (`data NAMES as criminal when "..."`).
    pub uses: Vec<ImportedUse>,
    /// Copies of some of the activity's data that another holder keeps (`copy NAMES kept by
    /// "holder" ...`).
    pub copies: Vec<ImportedCopy>,
    pub unplaced: Vec<Unplaced>,
}

/// Data of an activity that is of another class when used as stated: a log that becomes data about
/// criminal offences when opened on a suspicion of a crime.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportedUse {
    /// Labels of the activity's [`ImportedActivity::data`].
    pub data: Vec<String>,
    /// The class in the spec language's words (`criminal`).
    pub class: String,
    /// The use, in the source's words ("ved mistanke om en kriminel handling").
    pub when: String,
}

/// A copy of some of an activity's data that another holder keeps, with the copy's own deadline.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportedCopy {
    /// Labels of the activity's [`ImportedActivity::data`].
    pub data: Vec<String>,
    /// Who keeps it ("brugeren").
    pub holder: String,
    /// The copy's deadline as the source writes it; `None` when it gives none.
    pub period: Option<String>,
}

/// A group of data subjects.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportedSubjects {
    pub label: String,
    /// The kind in the spec language's words (`citizens`, `children`, `employees`, `other`), when
    /// the source says or its words tell; `None` lets the writer choose and say so in a comment.
    pub kind: Option<String>,
}

/// A data category of an activity.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportedData {
    pub label: String,
    /// The class in the spec language's words (`ordinary`, `cpr`, `criminal`,
    /// `special(health)`), when the source says or its words tell.
    pub class: Option<String>,
    /// Labels of the activity's [`ImportedActivity::subjects`] the data is about; empty: all of them.
    pub about: Vec<String>,
    /// The deletion deadline of this category as the source writes it, when the source gives one
    /// per category rather than one for the activity ([`ImportedActivity::retention`]).
    pub retention: Option<String>,
}

/// Data an activity discloses to a recipient.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportedDisclosure {
    /// Label of a [`Register::recipients`] party.
    pub recipient: String,
    /// Labels of the activity's [`ImportedActivity::data`]; empty: the source does not say which.
    pub data: Vec<String>,
    /// The legal basis of the disclosure as the source writes it, when given.
    pub basis: Vec<String>,
    /// When the disclosure happens (`when "..."`), when the source says.
    pub condition: Option<String>,
}

/// A source of data with its kind in the spec language's words (`data_subject`, `register`, ...).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportedSource {
    pub label: String,
    pub kind: Option<String>,
}

/// The data protection officer's name and contact details, as the source writes them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportedDpo {
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub web: Option<String>,
}

/// A controller, processor or recipient.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportedParty {
    pub label: String,
    /// The kind in the spec language's words (for a recipient: `authority`, `tax`, `police`, ...),
    /// when known.
    pub kind: Option<String>,
    /// The country as the source writes it ("Danmark", "DK", "USA").
    pub country: Option<String>,
    /// The transfer mechanism as the source writes it ("SCC", "standardkontraktbestemmelser").
    pub transfer: Option<String>,
    /// The transfer impact assessment, when the source names it (`tia "..."`).
    pub tia: Option<String>,
    /// Where the entry on the Data Privacy Framework list was checked (`dpf_listed "..."`).
    pub dpf_listed: Option<String>,
    pub address: Option<String>,
    pub contact: Option<String>,
    /// For a sub-processor: the label of the [`Register::processors`] party that engaged it.
    pub subprocessor_of: Option<String>,
    pub unplaced: Vec<Unplaced>,
}

/// A value the reader could not place in the spec, kept as a comment: `// Kolonne "Bemærkninger": ...`.
#[derive(Debug, Clone, PartialEq)]
pub struct Unplaced {
    /// Where it came from in the source: a column heading, a field name. Shared: a spreadsheet's
    /// column gives its heading to a value in every row.
    pub field: Rc<str>,
    pub value: String,
}

/// A source that could not be read: which file, where in it, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportError {
    pub file: PathBuf,
    /// Where in the file, in the source's own terms ("sheet Fortegnelse, row 4, column C",
    /// "system `crm`, privacy_declarations[2]"); `None`: the file as a whole.
    pub place: Option<String>,
    pub message: String,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(place) = &self.place {
            write!(f, ", {place}")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for ImportError {}
