//! `hjemmel import`: a register kept elsewhere (a spreadsheet of the record, OS2compliance's export
//! and KL's standard records, Fides manifests, hjemmel's own workbook) read into a [`Register`], then
//! written as a spec directory.
//!
//! Each source has one reader that makes a [`Register`] and knows nothing of the spec language; one
//! writer turns any [`Register`] into spec text. What a reader cannot place goes into
//! [`Unplaced`] values that the writer keeps as comments beside the declaration they belong to; what
//! the source does not say is left out, so that `hjemmel check` reports it.

pub mod fides;
pub mod os2compliance;
pub mod register;
pub mod workbook;

pub use register::{
    ImportError, ImportedActivity, ImportedData, ImportedDisclosure, ImportedParty,
    ImportedSubjects, Register, Unplaced,
};
