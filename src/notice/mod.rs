//! `hjemmel notice`: the privacy notice of art. 13 and 14, written from the spec, and the gaps in it.
//!
//! - [`elements`]: the pieces of information art. 13 and 14 require, with their provisions;
//! - [`gaps`]: which of them the spec does not give, for which activity (read by the NOTICE rules
//!   and marked in a `--draft` notice);
//! - [`lix`]: the readability index of the Danish text.

pub mod elements;
pub mod gaps;
pub mod lix;
