//! `hjemmel ropa --format json`: the record as one JSON document. The keys are fixed English words,
//! whatever `--lang` is, so that programs can read them; the values are the spec's texts and, where
//! the record words the language's vocabulary (data classes, mechanisms, periods), words in the
//! record's language. A field the spec does not give is `null`, and its key is listed in `missing`.

use std::borrow::Borrow;
use std::cell::RefCell;
use std::io::{self, Write};

use serde::ser::{Error as _, SerializeSeq};
use serde::{Serialize, Serializer};

use super::{ActivityRecord, ControllerRecord, Record};
use crate::i18n::Lang;

/// Raised when a key is removed or changes meaning; adding keys does not raise it.
pub const SCHEMA_VERSION: u32 = 1;

/// The document: the tool that made it, then the record's own keys, as [`Record`] names them.
#[derive(Serialize)]
#[serde(bound(serialize = "Each<I>: Serialize"))]
struct Document<'a, I> {
    version: u32,
    tool: &'static str,
    tool_version: &'static str,
    lang: Lang,
    controller: &'a ControllerRecord,
    activities: Each<I>,
}

/// A JSON array of the activities an iterator makes, each written as it is made.
struct Each<I>(RefCell<Option<I>>);

impl<I> Serialize for Each<I>
where
    I: Iterator,
    I::Item: Borrow<ActivityRecord>,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let activities = self
            .0
            .borrow_mut()
            .take()
            .ok_or_else(|| S::Error::custom("the activities are written once"))?;
        let mut array = serializer.serialize_seq(None)?;
        for activity in activities {
            array.serialize_element(activity.borrow())?;
        }
        array.end()
    }
}

/// The record as pretty-printed JSON, ending in a newline.
pub fn render(record: &Record) -> String {
    let mut out = Vec::new();
    // Writing into memory cannot fail, and serde_json writes only UTF-8.
    let _ = write(
        record.lang,
        &record.controller,
        &record.activities,
        &mut out,
    );
    String::from_utf8(out).unwrap_or_default()
}

/// The document of [`render`], written to `out` as it is made: the record of 100,000 activities is
/// some 270 MB of JSON, which need not be held in memory on its way out, nor need the entries of
/// its activities when they come from [`super::Activities`].
pub fn write(
    lang: Lang,
    controller: &ControllerRecord,
    activities: impl IntoIterator<Item = impl Borrow<ActivityRecord>>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let document = Document {
        version: SCHEMA_VERSION,
        tool: "hjemmel",
        tool_version: env!("CARGO_PKG_VERSION"),
        lang,
        controller,
        activities: Each(RefCell::new(Some(activities.into_iter()))),
    };
    // serde_json writes a few bytes at a time: into a buffer of its own, not through `dyn Write`.
    let mut buffered = io::BufWriter::with_capacity(64 * 1024, out);
    serde_json::to_writer_pretty(&mut buffered, &document)?;
    buffered.write_all(b"\n")?;
    buffered.flush()
}
