//! The law tables (src/law/data/*.toml) written out as JSON at build time, for the binary to read
//! (src/law/table.rs): serde_json reads a table several times faster than toml parses it, and the
//! rules read a dozen tables on every check (docs/performance.md, "ninth round: the rules"). The
//! TOML stays the only source: a lawyer reviews and edits it, and nothing else is written by hand.

use std::path::{Path, PathBuf};

fn main() {
    let data = Path::new("src/law/data");
    println!("cargo::rerun-if-changed={}", data.display());
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("law");
    std::fs::create_dir_all(&out).expect("OUT_DIR is writable");
    let entries = std::fs::read_dir(data).expect("src/law/data is readable");
    for entry in entries {
        let path = entry.expect("src/law/data is readable").path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{} is unreadable: {e}", path.display()));
        // A table keeps its keys in the file's order (toml's `preserve_order`), as toml reads them.
        let table: toml::Table = toml::from_str(&text)
            .unwrap_or_else(|e| panic!("{} is malformed: {e}", path.display()));
        let json = serde_json::to_string(&table).expect("a TOML table is written as JSON");
        let name = path.file_stem().expect("a .toml file has a name");
        std::fs::write(out.join(name).with_extension("json"), json)
            .unwrap_or_else(|e| panic!("{} is not written: {e}", out.display()));
    }
}
