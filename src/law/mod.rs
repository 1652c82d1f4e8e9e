//! The legal vocabulary: acts and their provisions, countries, transfer mechanisms. The reference data
//! itself lives in `src/law/data/*.toml` (each entry with its source and the date it was checked) so
//! that a lawyer can review and update it without reading Rust; this module only loads and queries it.

pub mod acts;
pub mod ai_act;
pub mod art9;
pub mod cctv;
pub mod citation;
pub mod class_words;
pub mod countries;
pub mod disclosures;
pub mod parameters;
pub mod placeholders;
pub mod rights;
pub(crate) mod table;
pub mod vocabulary;

pub use acts::{Act, ActId};
pub use citation::LegalRef;
pub use countries::{Country, CountryRef};
