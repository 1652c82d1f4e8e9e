//! Writes a spec directory of one of the shapes that were once quadratic (issue 11), for
//! `scripts/bench-shapes.sh` and for tests that double a shape's size.
//!
//! ```text
//! cargo run --release --example shapes -- --shape waivers-everywhere --size 100000 --out /tmp/w100k
//! hjemmel check /tmp/w100k --format json
//! ```
//!
//! | shape | what `--size N` gives |
//! |-------|-----------------------|
//! | `waivers-everywhere` | the synth spec of N activities with an `allow CODE "..."` in every activity (codes taken in turn from the rule registry) and a `hjemmel.toml` that changes one rule's severity |
//! | `unknown-names` | the N activities of the synth spec without the declarations they use (a directory checked without its common file), each also naming a misspelt earlier activity as a source: N distinct unknown names against N declared ones |
//! | `subprocessor-chain` | one processor with N sub-processors in a third country, used by N activities |
//! | `wide-activity` | one activity with N data categories, sources, processors and recipients |
//!
//! The same `--shape`, `--size` and `--seed` always write the same bytes.

use std::fmt::Write as _;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[path = "synth.rs"]
#[allow(dead_code)]
mod synth;

const USAGE: &str = "usage: shapes --shape waivers-everywhere|unknown-names|subprocessor-chain|wide-activity --size N --out DIR [--seed S]";

fn main() -> ExitCode {
    let mut shape: Option<String> = None;
    let mut size: Option<usize> = None;
    let mut out: Option<PathBuf> = None;
    let mut seed: u64 = 1;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next();
        match (arg.as_str(), value) {
            ("--shape", Some(v)) => shape = Some(v),
            ("--size" | "-n", Some(v)) => match v.parse() {
                Ok(n) => size = Some(n),
                Err(_) => return usage("--size takes a whole number"),
            },
            ("--out" | "-o", Some(v)) => out = Some(PathBuf::from(v)),
            ("--seed" | "-s", Some(v)) => match v.parse() {
                Ok(s) => seed = s,
                Err(_) => return usage("--seed takes a whole number"),
            },
            ("--help" | "-h", _) => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            (other, _) => return usage(&format!("unknown argument or missing value: `{other}`")),
        }
    }
    let (Some(shape), Some(size), Some(out)) = (shape, size, out) else {
        return usage("--shape, --size and --out are required");
    };
    let files = match shape.as_str() {
        "waivers-everywhere" => waivers_everywhere(size, seed),
        "unknown-names" => unknown_names(size, seed),
        "subprocessor-chain" => vec![("spec.hjemmel", subprocessor_chain(size))],
        "wide-activity" => vec![("spec.hjemmel", wide_activity(size))],
        other => return usage(&format!("unknown shape `{other}`")),
    };
    match write_dir(&out, &files) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("shapes: {}: {e}", out.display());
            ExitCode::FAILURE
        }
    }
}

fn usage(problem: &str) -> ExitCode {
    eprintln!("shapes: {problem}\n{USAGE}");
    ExitCode::from(2)
}

fn write_dir(dir: &Path, files: &[(&str, String)]) -> io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for (name, text) in files {
        let mut f = io::BufWriter::new(std::fs::File::create(dir.join(name))?);
        f.write_all(text.as_bytes())?;
        f.flush()?;
    }
    Ok(())
}

/// The synth spec of `activities` activities.
fn synth_text(activities: usize, seed: u64) -> String {
    let mut out = Vec::new();
    synth::Generator::new(activities, seed)
        .write(&mut out)
        .expect("writing to memory");
    String::from_utf8(out).expect("synth writes UTF-8")
}

/// The top-level declarations of a synth spec, each with the lines up to the next one (synth writes
/// a declaration's first line at the start of a line and everything inside it indented).
fn declarations(text: &str) -> Vec<&str> {
    let mut starts: Vec<usize> = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let first = line.as_bytes().first().copied().unwrap_or(b' ');
        if first.is_ascii_alphabetic() {
            starts.push(at);
        }
        at += line.len();
    }
    starts.push(text.len());
    starts.windows(2).map(|w| &text[w[0]..w[1]]).collect()
}

pub fn waivers_everywhere(activities: usize, seed: u64) -> Vec<(&'static str, String)> {
    let codes: Vec<&str> = hjemmel::rules::registry::RULES
        .iter()
        .map(|r| r.meta().code)
        .collect();
    let mut spec = String::new();
    let mut n = 0;
    for decl in declarations(&synth_text(activities, seed)) {
        spec.push_str(decl);
        if decl.starts_with("activity ") {
            // Inside the block: after the declaration's first line.
            let code = codes[n % codes.len()];
            n += 1;
            let end = spec.len() - decl.len() + decl.find('\n').map_or(decl.len(), |i| i + 1);
            spec.insert_str(
                end,
                &format!("  allow {code} \"accepted risk, case {n}\"\n"),
            );
        }
    }
    let config = "[rules.DPIA-MISSING]\nseverity = \"warning\"\n\
                  reason = \"DPIAs are kept in the ISMS\"\n"
        .to_string();
    vec![("spec.hjemmel", spec), ("hjemmel.toml", config)]
}

pub fn unknown_names(activities: usize, seed: u64) -> Vec<(&'static str, String)> {
    let mut spec = String::new();
    for decl in declarations(&synth_text(activities, seed)) {
        let Some(rest) = decl.strip_prefix("activity ") else {
            continue;
        };
        let name = rest.split_whitespace().next().unwrap_or_default();
        spec.push_str(decl);
        // A typo of this activity's own name as the source of another line: a distinct unknown
        // name whose closest declared name is this activity.
        let close = spec.rfind('}').expect("an activity ends with `}`");
        spec.insert_str(close, &format!("  sources {name}x\n"));
    }
    vec![("activities.hjemmel", spec)]
}

// The document's date is the day PROCESSOR-SUPERVISION counts back from, so that a spec gives the same
// findings whatever day it is checked; every processor records its supervision (`SUPERVISED`), so the
// shapes measure what they are about and not one warning per processor.
const CONTROLLER: &str = "controller kommune \"Syntetisk Kommune\" {\n  public authority\n  \
     contact \"kommune@syntetisk.dk\"\n  dpo { email \"dpo@syntetisk.dk\" }\n  \
     document \"Syntetisk privatlivspolitik\" { date 2026-10-01 }\n}\n\n";

/// A processor's record of its last supervision.
const SUPERVISED: &str = "supervised 2026-06-01 \"ISAE 3000-erklæring gennemgået\"";

/// `one processor with K sub-processors in a third country used by K activities`.
pub fn subprocessor_chain(k: usize) -> String {
    let mut s = String::from(CONTROLLER);
    s.push_str("subjects citizens \"Borgere\" citizens\n");
    s.push_str("data case_data \"Sagsoplysninger\" ordinary\n\n");
    let _ = writeln!(
        s,
        "processor platform \"Platform ApS\" {{\n  agreement \"Aftale af 2024-01-01\"\n  country DK\n  {SUPERVISED}"
    );
    for i in 0..k {
        // Every tenth without a mechanism, so that the transfer rules report something.
        let transfer = if i % 10 == 0 {
            ""
        } else {
            "    transfer scc\n    tia \"Overførselsvurdering\"\n"
        };
        let _ = write!(
            s,
            "  subprocessor support_{i} \"Support {i}\" {{\n    agreement \"Underaftale {i}\"\n    \
             authorised \"Bilag B\"\n    country IN\n    {SUPERVISED}\n{transfer}  }}\n"
        );
    }
    s.push_str("}\n\n");
    for i in 0..k {
        let _ = write!(
            s,
            "activity case_{i} \"Sagsbehandling {i}\" {{\n  purpose \"Sagsbehandling\"\n  \
             subjects citizens\n  data case_data\n  basis gdpr 6(1)(e), law \"Lov om social service\"\n  \
             via platform\n  retain case_data for 5 years after \"sagens afslutning\"\n  \
             security \"Adgangsstyring\"\n}}\n"
        );
    }
    s
}

/// One activity with `n` data categories, sources, processors and recipients.
pub fn wide_activity(n: usize) -> String {
    let mut s = String::from(CONTROLLER);
    s.push_str("subjects citizens \"Borgere\" citizens\n\n");
    let names = |stem: &str| (0..n).map(|i| format!("{stem}_{i}")).collect::<Vec<_>>();
    let (data, sources, processors, recipients) = (
        names("item"),
        names("register"),
        names("vendor"),
        names("agency"),
    );
    for (i, d) in data.iter().enumerate() {
        let _ = writeln!(s, "data {d} \"Oplysning {i}\" ordinary");
    }
    for (i, src) in sources.iter().enumerate() {
        let _ = writeln!(s, "source {src} \"Register {i}\" register");
    }
    for (i, p) in processors.iter().enumerate() {
        let _ = writeln!(
            s,
            "processor {p} \"Leverandør {i}\" {{ agreement \"Aftale {i}\" country DK {SUPERVISED} }}"
        );
    }
    for (i, r) in recipients.iter().enumerate() {
        let _ = writeln!(s, "recipient {r} \"Myndighed {i}\" authority");
    }
    let _ = write!(
        s,
        "\nactivity wide \"Én bred behandling\" {{\n  purpose \"Sagsbehandling\"\n  \
         subjects citizens\n  data {}\n  sources {}\n  \
         basis gdpr 6(1)(e), law \"Lov om social service\"\n  via {}\n  \
         retain all for 5 years after \"sagens afslutning\"\n  security \"Adgangsstyring\"\n",
        data.join(", "),
        sources.join(", "),
        processors.join(", ")
    );
    for r in &recipients {
        let _ = writeln!(s, "  disclose {} to {r} under gdpr 6(1)(e)", data[0]);
    }
    s.push_str("}\n");
    s
}
