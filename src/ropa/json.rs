//! `hjemmel ropa --format json`: the record as one JSON document. The keys are fixed English words,
//! whatever `--lang` is, so that programs can read them; the values are the spec's texts and, where
//! the record words the language's vocabulary (data classes, mechanisms, periods), words in the
//! record's language. A field the spec does not give is `null`, and its key is listed in `missing`.

use serde::Serialize;

use super::Record;

/// Raised when a key is removed or changes meaning; adding keys does not raise it.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    tool: &'static str,
    tool_version: &'static str,
    #[serde(flatten)]
    record: &'a Record,
}

/// The record as pretty-printed JSON, ending in a newline.
pub fn render(record: &Record) -> String {
    let mut out = Vec::new();
    // Writing into memory cannot fail, and serde_json writes only UTF-8.
    let _ = write(record, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// The document of [`render`], written to `out` as it is made: the record of 100,000 activities is
/// some 270 MB of JSON, which need not be held in memory on its way to standard output.
pub fn write(record: &Record, out: &mut impl std::io::Write) -> std::io::Result<()> {
    let document = Document {
        version: SCHEMA_VERSION,
        tool: "hjemmel",
        tool_version: env!("CARGO_PKG_VERSION"),
        record,
    };
    serde_json::to_writer_pretty(&mut *out, &document)?;
    out.write_all(b"\n")
}
