//! `hjemmel notice`: the privacy notice of art. 13 and 14, written from the spec, and the gaps in it.
//!
//! - [`elements`]: the pieces of information art. 13 and 14 require, with their provisions;
//! - [`gaps`]: which of them the spec does not give, for which activity (read by the NOTICE rules
//!   and marked in a `--draft` notice);
//! - [`lix`]: the readability index of the Danish text;
//! - [`audience`]: whom the notice is for (`--for`);
//! - [`document`]: the notice as sections of sentences, each with its element and spec span;
//! - [`build`]: the notice of a spec, written from its statements;
//! - [`gap_mark`]: the mark of a gap in a draft;
//! - [`words`]: the notice's words in Danish and English, [`template`]: their templates, each
//!   read once;
//! - [`markdown`], [`html`]: the notice written out, a chunk at a time ([`chunked`]), a text said
//!   again written without escaping it again ([`verbatim`]).

pub mod audience;
pub mod build;
pub mod chunked;
pub mod document;
pub mod elements;
pub mod gap_mark;
pub mod gaps;
pub mod html;
pub mod lix;
pub mod markdown;
pub mod template;
pub mod verbatim;
pub mod words;
