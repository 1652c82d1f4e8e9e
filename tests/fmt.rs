//! `hjemmel fmt` on every spec, example and fixture of the repository and on a generated spec: the
//! layout is idempotent and changes no meaning.
//!
//! "No meaning changed" is checked twice. Every file that parses gives the same syntax tree before
//! and after (Debug, positions left out): the tree holds every word the file says, even in a spec
//! that does not resolve. Every spec that compiles (each directory of `.hjemmel` files as one spec,
//! and each file on its own) gives the same model (Debug, positions left out): the model is what
//! every rule, report, record and graph is made from, so equal models give equal outputs but for
//! line numbers.

use std::path::{Path, PathBuf};

use hjemmel::fmt::format;
use hjemmel::i18n::Lang;
use hjemmel::source::{SourceFile, SourceMap};
use hjemmel::syntax::parser::parse_file;
use hjemmel::syntax::span::FileId;

#[path = "support/rng.rs"]
mod rng;
#[path = "../examples/synth.rs"]
#[allow(dead_code)]
mod synth;

/// Every `.hjemmel` file under `dir`, in name order.
fn spec_files(dir: &Path, found: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("readable directory")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            spec_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "hjemmel") {
            found.push(path);
        }
    }
}

fn corpus() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in ["specs", "examples", "tests/fixtures", "src/init"] {
        spec_files(Path::new(dir), &mut files);
    }
    assert!(files.len() > 500, "the corpus is found ({})", files.len());
    files
}

/// `text` with every position (`0:47..48`, as `Span` prints itself) replaced by `_`.
fn without_positions(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < bytes.len() {
        if let Some(len) = position_at(&bytes[i..])
            && (i == 0 || !bytes[i - 1].is_ascii_digit())
        {
            out.push('_');
            i += len;
        } else {
            let c = text[i..].chars().next().expect("char");
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

/// The length of `DIGITS:DIGITS..DIGITS` at the start of `bytes`.
fn position_at(bytes: &[u8]) -> Option<usize> {
    let digits = |from: usize| {
        bytes[from..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count()
    };
    let a = digits(0);
    if a == 0 || bytes.get(a) != Some(&b':') {
        return None;
    }
    let b = digits(a + 1);
    if b == 0 || bytes.get(a + 1 + b..a + 3 + b) != Some(b"..") {
        return None;
    }
    let c = digits(a + 3 + b);
    (c > 0).then_some(a + 3 + b + c)
}

fn tree(text: &str) -> Option<String> {
    parse_file(FileId(0), text)
        .ok()
        .map(|file| without_positions(&format!("{file:?}")))
}

fn model(files: &[(String, String)]) -> Option<String> {
    let mut sources = SourceMap::new();
    for (name, text) in files {
        sources.add(SourceFile::new(name.clone(), text.clone()));
    }
    hjemmel::compile(&sources, Lang::En)
        .ok()
        .map(|(model, _)| without_positions(&format!("{model:?}")))
}

#[test]
fn positions_are_masked() {
    assert_eq!(
        without_positions("\"a\" @ 0:12..15, 10:3..4 x1:2"),
        "\"a\" @ _, _ x1:2"
    );
}

#[test]
fn every_file_that_parses_keeps_its_tree_and_formats_once() {
    let mut formatted = 0;
    let mut refused = 0;
    for path in corpus() {
        // A fixture that is not UTF-8 is refused before any parsing (src/source/).
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let before = tree(text);
        match format(text) {
            Ok(once) => {
                let name = path.display();
                assert_eq!(tree(&once), before, "{name}: the tree changed");
                let twice = format(&once).expect("the result parses");
                assert_eq!(twice, once, "{name}: formatting twice changed it");
                formatted += 1;
            }
            Err(errors) => {
                assert!(
                    before.is_none(),
                    "{}: parses but was refused",
                    path.display()
                );
                assert!(!errors.is_empty());
                refused += 1;
            }
        }
    }
    assert!(
        formatted > 400 && refused > 20,
        "{formatted} formatted, {refused} refused"
    );
}

#[test]
fn every_spec_that_compiles_keeps_its_model() {
    let files = corpus();
    let mut by_dir: std::collections::BTreeMap<PathBuf, Vec<PathBuf>> = Default::default();
    for path in &files {
        let dir = path.parent().expect("in a directory").to_path_buf();
        by_dir.entry(dir).or_default().push(path.clone());
    }
    let mut specs: Vec<Vec<PathBuf>> = files.iter().map(|p| vec![p.clone()]).collect();
    specs.extend(by_dir.into_values().filter(|files| files.len() > 1));
    let mut compared = 0;
    for spec in specs {
        let Ok(before) = spec
            .iter()
            .map(|p| std::fs::read_to_string(p).map(|text| (p.display().to_string(), text)))
            .collect::<Result<Vec<_>, _>>()
        else {
            continue;
        };
        let Some(model_before) = model(&before) else {
            continue;
        };
        let after: Vec<(String, String)> = before
            .iter()
            .map(|(name, text)| (name.clone(), format(text).expect("compiles, so parses")))
            .collect();
        assert_eq!(
            model(&after).as_deref(),
            Some(model_before.as_str()),
            "{spec:?}: the model changed"
        );
        compared += 1;
    }
    assert!(compared > 300, "{compared} specs compared");
}

#[test]
fn a_generated_spec_keeps_its_model_and_formats_once() {
    let mut out = Vec::new();
    synth::Generator::new(1000, 7)
        .write(&mut out)
        .expect("writing to memory");
    let text = String::from_utf8(out).expect("synth writes UTF-8");
    let once = format(&text).expect("the generated spec parses");
    assert_eq!(format(&once).expect("parses"), once);
    let before = model(&[("synth.hjemmel".into(), text)]).expect("compiles");
    let after = model(&[("synth.hjemmel".into(), once)]).expect("compiles");
    assert_eq!(after, before);
}

/// Pieces put at random places of the corpus' specs: comments, line breaks and spaces where the
/// author might put them, and words that move statements onto one line.
const PIECES: &[&str] = &[
    "// c\n", " // c\n", "\n", "\n\n", " ", "\t", "\r\n", "\u{a0}", "{", "}", ",", " data x ",
];

#[test]
fn specs_with_comments_and_breaks_put_anywhere_keep_their_tree_and_format_once() {
    let files: Vec<String> = corpus()
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .filter(|text| parse_file(FileId(0), text).is_ok())
        .collect();
    let mut rng = rng::Rng(13);
    let mut parsed = 0;
    for _ in 0..3000 {
        let mut text = rng.pick(&files).clone();
        for _ in 0..1 + rng.below(4) {
            let mut at = rng.below(text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let piece: &str = PIECES[rng.below(PIECES.len())];
            text.insert_str(at, piece);
        }
        let Some(before) = tree(&text) else { continue };
        let once = format(&text).unwrap_or_else(|e| panic!("refused {e:?}:\n{text}"));
        assert_eq!(
            tree(&once).as_ref(),
            Some(&before),
            "the tree changed:\n{text}"
        );
        assert_eq!(
            format(&once).ok().as_ref(),
            Some(&once),
            "not idempotent:\n{text}"
        );
        parsed += 1;
    }
    assert!(parsed > 500, "{parsed} mutated specs parsed");
}

/// The rules of grammar/hjemmel.pest by name, each with its body (what stands between its braces)
/// and whether it is silent (`_{ ... }`).
fn grammar_rules() -> std::collections::HashMap<String, (bool, String)> {
    let grammar = std::fs::read_to_string("grammar/hjemmel.pest").expect("the grammar");
    let code: String = grammar
        .lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut rules = std::collections::HashMap::new();
    let bytes = code.as_bytes();
    let mut i = 0;
    while let Some(eq) = code[i..].find('=').map(|at| i + at) {
        let name = code[..eq].trim_end();
        let name = &name[name
            .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .map_or(0, |at| at + 1)..];
        let Some(open) = code[eq..].find('{').map(|at| eq + at) else {
            break;
        };
        // The matching `}`, outside quoted literals and character ranges ('{').
        let (mut depth, mut j) = (0, open);
        while j < bytes.len() {
            match bytes[j] {
                b'"' | b'\'' => {
                    let quote = bytes[j];
                    j += 1;
                    while bytes[j] != quote {
                        j += if bytes[j] == b'\\' { 2 } else { 1 };
                    }
                }
                b'{' => depth += 1,
                b'}' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                _ => {}
            }
            j += 1;
        }
        let silent = code[eq + 1..open].trim() == "_";
        rules.insert(
            name.to_string(),
            (silent, code[open + 1..j].trim().to_string()),
        );
        i = j + 1;
    }
    rules
}

/// Every statement and declaration the grammar knows (the alternatives of `declaration` and of the
/// field rules each block repeats, `unknown_field` aside), each with the keywords it starts with
/// (`control measure`, `safeguards copy`).
fn grammar_statements() -> Vec<(String, Vec<String>)> {
    let rules = grammar_rules();
    let keyword = |name: &str| -> Option<String> {
        let (_, body) = rules.get(name)?;
        let literal = body
            .strip_suffix("~ !ident_char")?
            .trim()
            .strip_prefix('"')?;
        Some(literal.strip_suffix('"')?.to_string())
    };
    let names = |body: &str| -> Vec<String> {
        body.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .filter(|w| rules.contains_key(*w))
            .map(str::to_string)
            .collect()
    };
    // What blocks repeat: `"{" ~ X* ~ "}"`.
    let mut pending: Vec<String> = vec!["declaration".to_string()];
    for (_, body) in rules.values() {
        for part in body.split("\"{\"").skip(1) {
            if let Some(repeated) = part.trim_start().strip_prefix('~')
                && let Some(name) = repeated.trim_start().split('*').next()
            {
                pending.push(name.trim().to_string());
            }
        }
    }
    let mut statements: Vec<(String, Vec<String>)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    while let Some(name) = pending.pop() {
        if !seen.insert(name.clone()) || name == "unknown_field" {
            continue;
        }
        let (silent, body) = &rules[&name];
        // A silent rule is a choice of statements (`activity_field`, `dpo_field`).
        if *silent {
            pending.extend(names(body));
            continue;
        }
        let words: Vec<String> = body.split('~').map(str::trim).map_while(&keyword).collect();
        statements.push((name, words));
    }
    statements.sort();
    statements
}

const STATEMENTS: &str = "tests/fixtures/fmt/statements.hjemmel";
const STATEMENTS_FORMATTED: &str = "tests/fixtures/fmt/statements.formatted.hjemmel";

#[test]
fn every_statement_the_grammar_knows_is_laid_out_in_the_fixture() {
    let statements = grammar_statements();
    let count = statements.len();
    assert!(count > 70, "{count} statements: {statements:?}");
    for words in [
        "control measure",
        "safeguards copy",
        "providing",
        "interests",
        "subprocessor",
    ] {
        assert!(
            statements.iter().any(|(_, w)| w.join(" ") == words),
            "`{words}` is found in the grammar: {statements:?}"
        );
    }
    let text = std::fs::read_to_string(STATEMENTS).expect("the fixture");
    let formatted = format(&text).expect("the fixture parses");
    assert_eq!(
        formatted,
        std::fs::read_to_string(STATEMENTS_FORMATTED).expect("its layout")
    );
    assert_eq!(format(&formatted).expect("parses"), formatted, "idempotent");
    // The model is the same, and there is one (the fixture compiles).
    let compiled = model(&[("s.hjemmel".to_string(), text)]);
    assert!(compiled.is_some(), "the fixture compiles");
    assert_eq!(
        model(&[("s.hjemmel".to_string(), formatted.clone())]),
        compiled
    );
    // Each statement starts a line, its keywords one space apart as one keyword (`cameras at x`,
    // not `cameras  at x`): a list continued on the next line then stands under its first item.
    for (rule, words) in &statements {
        let head = words.join(" ");
        let found = formatted.lines().any(|line| {
            line.trim_start()
                .strip_prefix(head.as_str())
                .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '{']))
        });
        assert!(
            found,
            "`{rule}` (`{head}`) is laid out in {STATEMENTS}: add it there"
        );
    }
}
