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
    let document = Document {
        version: SCHEMA_VERSION,
        tool: "hjemmel",
        tool_version: env!("CARGO_PKG_VERSION"),
        record,
    };
    let mut out = serde_json::to_string_pretty(&document).unwrap_or_default();
    out.push('\n');
    out
}
