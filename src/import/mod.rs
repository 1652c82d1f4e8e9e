//! `hjemmel import`: a register kept elsewhere (a spreadsheet of the record, OS2compliance's export
//! and KL's standard records, Fides manifests, hjemmel's own workbook) read into a [`Register`], then
//! written as a spec directory.
//!
//! Each source has one reader that makes a [`Register`] and knows nothing of the spec language; one
//! writer turns any [`Register`] into spec text. What a reader cannot place goes into
//! [`Unplaced`] values that the writer keeps as comments beside the declaration they belong to; what
//! the source does not say is left out, so that `hjemmel check` reports it.

pub mod basis_text;
pub mod bounded_sheet;
mod csv_cells;
pub mod fides;
pub mod os2compliance;
pub mod os2compliance_export;
pub mod register;
pub mod retention_text;
pub mod source_file;
pub mod spreadsheet;
pub mod workbook;
pub mod write;

pub use register::{
    ImportError, ImportedActivity, ImportedData, ImportedDisclosure, ImportedDpo, ImportedParty,
    ImportedSource, ImportedSubjects, Register, Unplaced,
};

/// The messages of `hjemmel import`.
pub mod text {
    crate::texts! {
        /// DIR holds a spec already.
        ALREADY_A_SPEC = (
            "`{dir}` already holds a spec ({file}); `hjemmel import` writes a new one into a directory \
             without `.hjemmel` files (with --force it writes over the files it writes)",
            "`{dir}` indeholder allerede en spec ({file}); `hjemmel import` skriver en ny i en mappe uden \
             `.hjemmel`-filer (med --force skriver den oven i de filer, den skriver)"
        ),
        /// The directory could not be made or read.
        CANNOT_USE_DIR = (
            "cannot use the directory `{dir}`: {error}",
            "kan ikke bruge mappen `{dir}`: {error}"
        ),
        /// A source could not be read.
        CANNOT_READ = ("could not read {error}", "kunne ikke læse {error}"),
        /// `auto` could not tell the format.
        UNKNOWN_FORMAT = (
            "cannot tell the format of `{file}` from its name: give `--from csv|xlsx|os2compliance|fides|hjemmel-xlsx`",
            "kan ikke se formatet af `{file}` af dens navn: angiv `--from csv|xlsx|os2compliance|fides|hjemmel-xlsx`"
        ),
        /// `--mapping` was given but every source has a layout of its own.
        MAPPING_NOT_USED = (
            "warning: the mapping file `{file}` was not used: it says how to read a spreadsheet's columns, \
             and no source was read as a spreadsheet (OS2compliance's JSON, Fides manifests and \
             hjemmel's own workbook have layouts of their own)",
            "advarsel: mappingfilen `{file}` blev ikke brugt: den siger, hvordan et regnearks kolonner \
             læses, og ingen kilde blev læst som et regneark (OS2compliances JSON, Fides-manifester og \
             hjemmels egen projektmappe har deres egne layouts)"
        ),
        /// The writer failed: a fault of hjemmel.
        WRITER_FAILED = (
            "the spec written did not parse (a fault of hjemmel, please report it): {error}",
            "den skrevne spec kunne ikke læses (en fejl i hjemmel, meld den venligst): {error}"
        ),
        /// After writing.
        SUMMARY = (
            "activities imported: {activities}; values kept as comments beside their declarations: {comments}",
            "aktiviteter importeret: {activities}; værdier bevaret som kommentarer ved deres erklæringer: {comments}"
        ),
        /// What to do next.
        NEXT = (
            "next: run `hjemmel check {dir}`: it reports what the source did not say",
            "næste skridt: kør `hjemmel check {dir}`: den viser, hvad kilden ikke sagde"
        ),
    }
}

/// Registers read from several sources as one: their activities, parties and unplaced values in
/// turn, each party once, the first controller named.
pub fn merge(registers: Vec<Register>) -> Register {
    let mut all = Register::default();
    let mut sources = Vec::new();
    let (mut processors, mut recipients) = (
        std::collections::HashSet::new(),
        std::collections::HashSet::new(),
    );
    for register in registers {
        sources.push(register.source);
        if all.controller.is_none() {
            all.controller = register.controller;
        }
        if all.dpo.is_none() {
            all.dpo = register.dpo;
        }
        for source in register.sources {
            if !all.sources.iter().any(|s| s.label == source.label) {
                all.sources.push(source);
            }
        }
        all.activities.extend(register.activities);
        for party in register.processors {
            if processors.insert(party.label.clone()) {
                all.processors.push(party);
            }
        }
        for party in register.recipients {
            if recipients.insert(party.label.clone()) {
                all.recipients.push(party);
            }
        }
        all.unplaced.extend(register.unplaced);
    }
    all.source = sources.join(", ");
    all
}
