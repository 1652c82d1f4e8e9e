//! `hjemmel ropa --format dpv`: the record as JSON-LD in the Data Privacy Vocabulary. A real JSON-LD
//! processor (Python's pyld, which .ci/run installs) expands the documents of specs/lejre,
//! specs/randers and fixtures with transfers, and the test checks that nothing was dropped: every
//! key of the compact document becomes an IRI of a declared namespace, and every value (texts, node
//! identifiers, types) is in the expanded document as often as in the compact one. A machine
//! without python3 or pyld fails the test: it is never skipped.

mod support;

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::Value;
use support::hjemmel;

const TRANSFERS: &str = "tests/fixtures/ropa/transfers.hjemmel";
const DEROGATION: &str =
    "tests/fixtures/rules/TRANSFER-DEROGATION-AUTHORITY/pass_legal_claims_derogation.hjemmel";

/// Expands a JSON-LD document with pyld, offline: the context is embedded, and any remote document
/// the processor asks for is refused.
const EXPAND: &str = r#"
import json, sys
from pyld import jsonld
def no_network(url, options=None):
    raise RuntimeError("no remote document may be loaded: " + url)
doc = json.load(sys.stdin)
print(json.dumps(jsonld.expand(doc, {"documentLoader": no_network})))
"#;

fn dpv(args: &[&str]) -> String {
    let mut all = vec!["ropa", "--format", "dpv"];
    all.extend_from_slice(args);
    let out = hjemmel(&all);
    assert!(
        out.status.success(),
        "ropa --format dpv {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

fn expand(document: &str) -> Value {
    let mut child = Command::new("python3")
        .args(["-c", EXPAND])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 is needed to check the JSON-LD (`pip install pyld`; .ci/run installs it)");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(document.as_bytes())
        .expect("write to python3");
    let out = child.wait_with_output().expect("python3 runs");
    assert!(
        out.status.success(),
        "pyld could not expand the document (is pyld installed? `pip install pyld`): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("pyld prints JSON")
}

/// The compact document's prefixes.
fn prefixes(compact: &Value) -> Vec<(String, String)> {
    compact["@context"]
        .as_object()
        .expect("an embedded @context of prefixes")
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().expect("a prefix's IRI").to_string()))
        .collect()
}

/// `prefix:local` as an IRI; `None` when the prefix is not declared.
fn iri(prefixes: &[(String, String)], compact: &str) -> Option<String> {
    if compact.starts_with("_:") {
        return Some(compact.to_string());
    }
    let (prefix, local) = compact.split_once(':')?;
    let (_, ns) = prefixes.iter().find(|(p, _)| p == prefix)?;
    Some(format!("{ns}{local}"))
}

/// Every property IRI and every value (texts, `@id`s and `@type`s as IRIs) of the compact document.
fn compact_terms(
    value: &Value,
    prefixes: &[(String, String)],
    keys: &mut Vec<String>,
    values: &mut Vec<String>,
) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                match key.as_str() {
                    "@context" => {}
                    "@id" | "@type" => {
                        let mut each = |s: &Value| {
                            let s = s.as_str().expect("an IRI");
                            values.push(
                                iri(prefixes, s)
                                    .unwrap_or_else(|| panic!("`{s}`: prefix not in @context")),
                            );
                        };
                        match v {
                            Value::Array(items) => items.iter().for_each(&mut each),
                            other => each(other),
                        }
                    }
                    "@graph" => compact_terms(v, prefixes, keys, values),
                    _ => {
                        keys.push(
                            iri(prefixes, key)
                                .unwrap_or_else(|| panic!("key `{key}`: prefix not in @context")),
                        );
                        compact_terms(v, prefixes, keys, values);
                    }
                }
            }
        }
        Value::Array(items) => items
            .iter()
            .for_each(|v| compact_terms(v, prefixes, keys, values)),
        Value::String(s) => values.push(s.clone()),
        Value::Bool(b) => values.push(b.to_string()),
        Value::Number(n) => values.push(n.to_string()),
        Value::Null => panic!("null in a JSON-LD document drops the property"),
    }
}

/// The same of the expanded document.
fn expanded_terms(value: &Value, keys: &mut Vec<String>, values: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                match key.as_str() {
                    "@id" => values.push(v.as_str().expect("an IRI").to_string()),
                    "@type" => v
                        .as_array()
                        .expect("expanded @type is a list")
                        .iter()
                        .for_each(|t| values.push(t.as_str().expect("an IRI").to_string())),
                    "@value" => match v {
                        Value::String(s) => values.push(s.clone()),
                        other => values.push(other.to_string()),
                    },
                    "@graph" => expanded_terms(v, keys, values),
                    k if k.starts_with('@') => panic!("unexpected keyword {k}"),
                    _ => {
                        keys.push(key.clone());
                        expanded_terms(v, keys, values);
                    }
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| expanded_terms(v, keys, values)),
        other => panic!("a bare value in an expanded document: {other}"),
    }
}

/// The blank nodes of the document: (those written in full, with a type; all that are named).
fn blank_nodes(value: &Value, defined: &mut Vec<String>, named: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            if let Some(id) = map.get("@id").and_then(Value::as_str)
                && id.starts_with("_:")
            {
                named.push(id.to_string());
                if map.contains_key("@type") {
                    defined.push(id.to_string());
                }
            }
            map.values().for_each(|v| blank_nodes(v, defined, named));
        }
        Value::Array(items) => items.iter().for_each(|v| blank_nodes(v, defined, named)),
        _ => {}
    }
}

/// Expands the document and checks that no key or value was dropped; returns the expanded one.
fn expands_without_loss(document: &str) -> Value {
    let compact: Value = serde_json::from_str(document).expect("the output is JSON");
    let (mut defined, mut named) = (Vec::new(), Vec::new());
    blank_nodes(&compact, &mut defined, &mut named);
    let undefined: Vec<_> = named.iter().filter(|n| !defined.contains(n)).collect();
    assert!(
        undefined.is_empty(),
        "referred to, never written: {undefined:?}"
    );
    let mut once = defined.clone();
    once.sort();
    once.dedup();
    assert_eq!(
        once.len(),
        defined.len(),
        "each shared node written in full once"
    );
    let prefixes = prefixes(&compact);
    let expanded = expand(document);
    let (mut compact_keys, mut compact_values) = (Vec::new(), Vec::new());
    compact_terms(&compact, &prefixes, &mut compact_keys, &mut compact_values);
    let (mut expanded_keys, mut expanded_values) = (Vec::new(), Vec::new());
    expanded_terms(&expanded, &mut expanded_keys, &mut expanded_values);
    assert!(compact_values.len() > 20, "a record says something");
    for (what, mut compact, mut expanded) in [
        ("keys", compact_keys, expanded_keys),
        ("values", compact_values, expanded_values),
    ] {
        compact.sort();
        expanded.sort();
        let dropped: Vec<_> = compact.iter().filter(|c| !expanded.contains(c)).collect();
        assert!(
            dropped.is_empty(),
            "{what} dropped by expansion: {dropped:?}"
        );
        assert_eq!(
            compact, expanded,
            "{what}: as many in the expanded document"
        );
    }
    expanded
}

#[test]
fn lejre_expands_without_loss() {
    let doc = dpv(&["specs/lejre"]);
    expands_without_loss(&doc);
    assert!(
        doc.contains("\"eu-gdpr:A6-1-e\""),
        "art. 6(1)(e) as DPV's term"
    );
    assert!(doc.contains("\"dpv:SpecialCategoryPersonalData\""));
}

#[test]
fn randers_expands_without_loss() {
    let doc = dpv(&["specs/randers"]);
    expands_without_loss(&doc);
    assert!(
        doc.contains("\"hjemmel:keptBy\""),
        "a copy another holder keeps"
    );
}

#[test]
fn transfers_expand_without_loss_with_their_mechanisms() {
    let doc = dpv(&[TRANSFERS]);
    expands_without_loss(&doc);
    assert!(
        doc.contains("\"eu-gdpr:A46-2-c\""),
        "standard contractual clauses"
    );
    let doc = dpv(&[DEROGATION]);
    expands_without_loss(&doc);
    assert!(
        doc.contains("\"eu-gdpr:A49-1-e\""),
        "the legal-claims derogation"
    );
}

#[test]
fn every_activity_is_one_process_node() {
    let doc: Value = serde_json::from_str(&dpv(&["specs/lejre"])).unwrap();
    let graph = doc["@graph"].as_array().unwrap();
    let processes = graph.iter().filter(|n| n["@type"] == "dpv:Process").count();
    let outcome = hjemmel::check_spec(std::path::Path::new("specs/lejre"), hjemmel::i18n::Lang::Da);
    let checked = outcome.result.as_ref().expect("specs/lejre is understood");
    assert_eq!(processes, checked.model.activities.len());
}

#[test]
fn the_output_is_the_same_each_run_and_in_a_file() {
    let first = dpv(&["specs/randers"]);
    assert_eq!(first, dpv(&["specs/randers"]));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ropa.jsonld");
    dpv(&["specs/randers", "-o", file.to_str().unwrap()]);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), first);
}

#[test]
fn hostile_spec_text_stays_a_json_string() {
    // A label that closes the string and opens a node of its own, with a control character.
    let hostile = r#"Elevernes opgaver\"}, {\"@id\": \"_:x\"} \u0007"#;
    let spec = std::fs::read_to_string(TRANSFERS)
        .unwrap()
        .replace("\"Elevernes opgaver\"", &format!("\"{hostile}\""));
    assert!(spec.contains(hostile));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hostile.hjemmel");
    std::fs::write(&path, spec).unwrap();
    let doc = dpv(&[path.to_str().unwrap()]);
    let value: Value = serde_json::from_str(&doc).expect("still JSON");
    assert!(!doc.contains('\u{7}'), "control characters are escaped");
    let clean: Value = serde_json::from_str(&dpv(&[TRANSFERS])).unwrap();
    assert_eq!(
        value["@graph"].as_array().unwrap().len(),
        clean["@graph"].as_array().unwrap().len(),
        "no node added by the spec's text"
    );
    expands_without_loss(&doc);
}
