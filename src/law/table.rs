//! Reading a law table: build.rs writes each `src/law/data/NAME.toml` as JSON into the build's
//! output, which is built into the binary, so that a table is read with serde_json rather than
//! parsed as TOML on every run. What is read is the TOML's content, key for key; the TOML is the
//! source.

/// The JSON build.rs made of the law table `src/law/data/NAME.toml`: `table_json!("gdpr")`.
macro_rules! table_json {
    ($name:literal) => {
        include_str!(concat!(env!("OUT_DIR"), "/law/", $name, ".json"))
    };
}
pub(crate) use table_json;

/// The law table `src/law/data/NAME.toml`, read into the type asked for: `read_table!("art9")`.
macro_rules! read_table {
    ($name:literal) => {
        $crate::law::table::read($name, $crate::law::table::table_json!($name))
    };
}
pub(crate) use read_table;

/// Reads the law table `name` from `json` (its [`table_json!`]). The tables are part of the build; one
/// that does not fit its type is a bug the tests catch, not user input.
pub(crate) fn read<T: serde::de::DeserializeOwned>(name: &str, json: &str) -> T {
    serde_json::from_str(json)
        .unwrap_or_else(|e| panic!("src/law/data/{name}.toml is malformed: {e}"))
}
