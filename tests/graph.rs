//! `hjemmel graph`: the flow graph as DOT, Mermaid and SVG.
//!
//! Snapshots of the three formats on tests/fixtures/graph/flows.hjemmel (a processor chain that ends
//! in India, a US processor, recipients in Denmark, Switzerland and of unknown country; health data,
//! criminal offences, CPR numbers); `--category` keeps the flows of one category and no other; names
//! with `<script>`, quotes, `&`, `]` and `|` come out as text in every format; every SVG parses as
//! XML and every DOT as DOT, for the fixtures, the examples and the real specs; and the command
//! line: `-o`, spec errors, an unknown category.
//!
//! Graphviz itself is not needed: DOT is parsed with the dot-parser crate. By hand, with Graphviz
//! installed: `hjemmel graph specs/lejre | dot -Tsvg > /tmp/lejre.svg` (docs/cli.md).

mod support;

use std::path::{Path, PathBuf};
use std::process::Output;

use hjemmel::flow::FlowGraph;
use hjemmel::flow::render::{self, FlowView, RenderOptions, find_category};
use hjemmel::i18n::Lang;
use hjemmel::semantic::model::Model;
use support::hjemmel;

const FLOWS: &str = "tests/fixtures/graph/flows.hjemmel";
const ESCAPING: &str = "tests/fixtures/graph/escaping.hjemmel";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn compile(path: &str) -> (Model, FlowGraph) {
    let sources = hjemmel::source::load(&root().join(path), hjemmel::i18n::Lang::En)
        .unwrap_or_else(|e| panic!("cannot read {path}: {}", e.error.message));
    hjemmel::compile(&sources, hjemmel::i18n::Lang::En).unwrap_or_else(|errors| {
        panic!(
            "{path} must compile: {:?}",
            errors.iter().map(|e| &e.message).collect::<Vec<_>>()
        )
    })
}

fn options(model: &Model, category: Option<&str>, lang: Lang) -> RenderOptions {
    RenderOptions {
        category: category.map(|c| find_category(model, c).expect("a declared category")),
        lang,
    }
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}

// ---------------------------------------------------------------------------------------------
// Snapshots

#[test]
fn dot_of_the_fixture() {
    let (model, flow) = compile(FLOWS);
    let dot = render::dot::render(&model, &flow, &options(&model, None, Lang::En));
    insta::assert_snapshot!("flows_dot", dot);
}

#[test]
fn mermaid_of_the_fixture() {
    let (model, flow) = compile(FLOWS);
    let mermaid = render::mermaid::render(&model, &flow, &options(&model, None, Lang::En));
    insta::assert_snapshot!("flows_mermaid", mermaid);
}

#[test]
fn svg_of_the_fixture() {
    let (model, flow) = compile(FLOWS);
    let svg = render::svg::render(&model, &flow, &options(&model, None, Lang::En));
    insta::assert_snapshot!("flows_svg", svg);
}

#[test]
fn danish_mermaid_of_the_fixture() {
    let (model, flow) = compile(FLOWS);
    let mermaid = render::mermaid::render(&model, &flow, &options(&model, None, Lang::Da));
    insta::assert_snapshot!("flows_mermaid_da", mermaid);
}

#[test]
fn dot_of_one_category() {
    let (model, flow) = compile(FLOWS);
    let dot = render::dot::render(&model, &flow, &options(&model, Some("health"), Lang::En));
    insta::assert_snapshot!("flows_dot_health", dot);
}

// ---------------------------------------------------------------------------------------------
// What the pictures show

/// The edges of a view as `from -> to`, by key.
fn edge_keys(view: &FlowView<'_>) -> Vec<String> {
    view.edges
        .iter()
        .map(|e| format!("{} -> {}", view.nodes[e.from].key, view.nodes[e.to].key))
        .collect()
}

#[test]
fn the_view_marks_third_countries_and_weighty_data() {
    let (model, flow) = compile(FLOWS);
    let view = FlowView::new(&model, &flow, &options(&model, None, Lang::En));
    let node = |key: &str| {
        view.nodes
            .iter()
            .find(|n| n.key == key)
            .unwrap_or_else(|| panic!("no node {key}"))
    };
    use render::{Mark, Marking, Place};
    assert_eq!(
        node("processor:helpdesk").place,
        Some(Place::NoAdequacy("IN".into()))
    );
    assert_eq!(node("processor:helpdesk").marking(), Marking::ThirdCountry);
    assert_eq!(
        node("processor:mailer").place,
        Some(Place::AdequatePart("US".into()))
    );
    assert_eq!(
        node("recipient:clinic").place,
        Some(Place::AdequateWhole("CH".into()))
    );
    assert_eq!(node("recipient:clinic").marking(), Marking::Adequate);
    assert_eq!(node("recipient:police").marking(), Marking::Unknown);
    assert_eq!(node("processor:hosting").marking(), Marking::None);
    assert!(
        !node("processor:hosting")
            .place
            .as_ref()
            .unwrap()
            .is_third_country()
    );

    let marks = |from: &str, to: &str| {
        view.edges
            .iter()
            .find(|e| view.nodes[e.from].key == from && view.nodes[e.to].key == to)
            .unwrap_or_else(|| panic!("no edge {from} -> {to}"))
            .marks
            .to_vec()
    };
    assert_eq!(
        marks("activity:decisions", "recipient:police"),
        vec![Mark::Criminal]
    );
    assert_eq!(
        marks("activity:decisions", "recipient:region"),
        vec![Mark::Special]
    );
    assert_eq!(
        marks("processor:hosting", "processor:helpdesk"),
        vec![Mark::Special, Mark::Criminal, Mark::Cpr]
    );
}

#[test]
fn a_category_keeps_its_flows_and_drops_the_others() {
    let (model, flow) = compile(FLOWS);
    let all = FlowView::new(&model, &flow, &options(&model, None, Lang::En));
    let health = FlowView::new(&model, &flow, &options(&model, Some("health"), Lang::En));
    let edges = edge_keys(&health);
    for present in [
        "source:citizen_self -> activity:intake",
        "activity:intake -> processor:case_system",
        "processor:hosting -> processor:helpdesk",
        "activity:decisions -> recipient:region",
        "activity:decisions -> recipient:clinic",
    ] {
        assert!(
            edges.iter().any(|e| e == present),
            "{present} missing: {edges:?}"
        );
    }
    // The police get contact details and convictions, no health data.
    assert!(
        !edges.iter().any(|e| e.contains("recipient:police")),
        "{edges:?}"
    );
    assert!(
        !health.nodes.iter().any(|n| n.key == "recipient:police"),
        "a node no kept flow touches is dropped"
    );
    assert!(all.nodes.iter().any(|n| n.key == "recipient:police"));
    // Every kept edge carries the category, and only it is written on it.
    let id = find_category(&model, "health").unwrap();
    assert!(health.edges.iter().all(|e| *e.data == [id]));
    assert!(health.edges.len() < all.edges.len());

    let convictions = FlowView::new(
        &model,
        &flow,
        &options(&model, Some("convictions"), Lang::En),
    );
    let edges = edge_keys(&convictions);
    assert!(edges.contains(&"activity:decisions -> recipient:police".to_string()));
    assert!(
        !edges.iter().any(|e| e.contains("recipient:clinic")),
        "{edges:?}"
    );
    assert!(
        !edges.iter().any(|e| e.contains("recipient:region")),
        "{edges:?}"
    );
}

#[test]
fn an_unknown_category_suggests_the_closest_and_lists_all() {
    let (model, _) = compile(FLOWS);
    let unknown = find_category(&model, "helth").unwrap_err();
    assert_eq!(unknown.suggestion.as_deref(), Some("health"));
    assert_eq!(
        unknown.valid,
        vec!["contact_details", "cpr", "health", "convictions"]
    );
    assert_eq!(
        unknown.help(Lang::En),
        "did you mean `health`? the data categories of this spec: `contact_details`, `cpr`, \
         `health`, `convictions`"
    );
    assert_eq!(
        unknown.message(Lang::Da),
        "ingen kategori af personoplysninger hedder `helth`"
    );
}

// ---------------------------------------------------------------------------------------------
// Escaping

/// The names of tests/fixtures/graph/escaping.hjemmel, as they must be read in every picture.
const NASTY: &[&str] = &[
    r#"<script>alert("x")</script>"#,
    "Modtagelse & behandling <b>fed</b>",
    r#"Vendor [A|B] {"quoted"} & 'single' #1; %% not a comment"#,
    r"Region \ backslash </text> ]]> --> <!--",
    r#"Eksempel "Kommune" & <Co>"#,
];

/// A parsed DOT graph's string attributes, as (node or edge id, name, value), the value unescaped.
fn dot_attributes(dot: &str) -> Vec<(String, String, String)> {
    let ast = dot_parser::ast::Graph::try_from(dot)
        .unwrap_or_else(|e| panic!("not valid DOT: {e}\n{dot}"));
    let graph = dot_parser::canonical::Graph::from(ast);
    let graph = graph.filter_map(|(k, v)| Some((Into::<String>::into(k), Into::<String>::into(v))));
    let unescape = |s: &str| {
        s.replace("\\n", "\n")
            .replace("\\\"", "\"")
            .replace("\\\\", "\\")
            .replace("&amp;", "&")
    };
    let mut found = Vec::new();
    for (id, node) in &graph.nodes.set {
        for (k, v) in &node.attr.elems {
            found.push((id.clone(), k.clone(), unescape(v)));
        }
    }
    for edge in &graph.edges.set {
        for (k, v) in &edge.attr.elems {
            found.push((
                format!("{} -> {}", edge.from, edge.to),
                k.clone(),
                unescape(v),
            ));
        }
    }
    found
}

#[test]
fn dot_escapes_names() {
    let (model, flow) = compile(ESCAPING);
    let dot = render::dot::render(&model, &flow, &options(&model, None, Lang::En));
    let attributes = dot_attributes(&dot);
    let labels: Vec<String> = attributes
        .iter()
        .filter(|(_, k, _)| k == "label")
        .map(|(_, _, v)| v.replace('\n', " "))
        .collect();
    // Every name is in a label, whole (lines are joined back).
    for name in &NASTY[..4] {
        assert!(
            labels.iter().any(|l| l.contains(name)),
            "{name} not in any label: {labels:#?}"
        );
    }
    // The graph's own label, and the cluster's, are attribute statements, not node attributes.
    assert!(dot.contains(r#"label="Eksempel \"Kommune\" &amp; <Co>: flow of personal data""#));
    // Four nodes, three edges: no name broke a statement apart.
    let nodes: std::collections::BTreeSet<&str> = attributes
        .iter()
        .filter(|(id, _, _)| !id.contains(" -> "))
        .map(|(id, _, _)| id.as_str())
        .collect();
    assert_eq!(nodes.len(), 4, "{nodes:?}");
}

#[test]
fn mermaid_escapes_names() {
    let (model, flow) = compile(ESCAPING);
    let mermaid = render::mermaid::render(&model, &flow, &options(&model, None, Lang::En));
    // Inside every quoted label: no quote, no markup but the line breaks, no `|`, `[`, `]`, `#` that
    // is not an entity code.
    for line in mermaid.lines().filter(|l| !l.starts_with("%%")) {
        let Some(open) = line.find('"') else { continue };
        let close = line.rfind('"').unwrap();
        let label = line[open + 1..close].replace("<br/>", " ");
        for bad in ['"', '<', '>', '|', '[', ']', '{', '}', '&', '`'] {
            assert!(!label.contains(bad), "`{bad}` in the label of: {line}");
        }
        // Every `#` starts an entity code `#NN;`.
        for (i, _) in label.match_indices('#') {
            let rest = &label[i + 1..];
            let digits = rest.chars().take_while(char::is_ascii_digit).count();
            assert!(
                digits > 0 && rest[digits..].starts_with(';'),
                "a bare `#` in: {line}"
            );
        }
    }
    // Decoding the entity codes gives the names back.
    let decoded = decode_mermaid(&mermaid);
    for name in NASTY {
        assert!(decoded.contains(name), "{name} not in:\n{decoded}");
    }
}

/// Mermaid's entity codes back to characters.
fn decode_mermaid(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find('#') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let digits = after.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && after[digits..].starts_with(';') {
            let code: u32 = after[..digits].parse().unwrap();
            out.push(char::from_u32(code).unwrap());
            rest = &after[digits + 1..];
        } else {
            out.push('#');
            rest = after;
        }
    }
    out.push_str(rest);
    out.replace("<br/>", " ")
}

#[test]
fn svg_escapes_names() {
    let (model, flow) = compile(ESCAPING);
    let svg = render::svg::render(&model, &flow, &options(&model, None, Lang::En));
    let doc = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("not XML: {e}"));
    // No markup from the spec became an element.
    let names: Vec<&str> = doc.descendants().map(|n| n.tag_name().name()).collect();
    for forbidden in ["script", "b", "Co"] {
        assert!(!names.contains(&forbidden), "a <{forbidden}> element");
    }
    // The tooltips hold every name whole.
    let titles: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("title"))
        .filter_map(|n| n.text())
        .collect();
    for name in NASTY {
        assert!(
            titles.iter().any(|t| t.contains(name)),
            "{name} not in any <title>: {titles:#?}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Every spec, every format

/// The fixtures, the examples and the real specs.
fn all_specs() -> Vec<String> {
    let mut specs: Vec<String> = vec![FLOWS.into(), ESCAPING.into()];
    let mut examples: Vec<PathBuf> = std::fs::read_dir(root().join("examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "hjemmel"))
        .collect();
    examples.sort();
    specs.extend(
        examples
            .iter()
            .map(|p| format!("examples/{}", p.file_name().unwrap().to_string_lossy())),
    );
    specs.extend(["specs/lejre".to_string(), "specs/randers".to_string()]);
    specs
}

#[test]
fn every_svg_is_xml_and_every_dot_is_dot() {
    for spec in all_specs() {
        let (model, flow) = compile(&spec);
        for lang in Lang::ALL {
            let options = RenderOptions {
                category: None,
                lang,
            };
            let svg = render::svg::render(&model, &flow, &options);
            let doc = roxmltree::Document::parse(&svg)
                .unwrap_or_else(|e| panic!("the SVG of {spec} is not XML: {e}"));
            let root = doc.root_element();
            assert_eq!(root.tag_name().name(), "svg");
            assert_eq!(
                root.tag_name().namespace(),
                Some("http://www.w3.org/2000/svg")
            );
            // Self-contained: nothing that loads or runs anything.
            for node in doc.descendants() {
                let tag = node.tag_name().name();
                assert!(
                    !["script", "image", "a", "style", "foreignObject", "use"].contains(&tag),
                    "<{tag}> in the SVG of {spec}"
                );
                for attribute in node.attributes() {
                    assert!(
                        !attribute.name().starts_with("on") && attribute.name() != "href",
                        "{} in the SVG of {spec}",
                        attribute.name()
                    );
                }
            }

            let dot = render::dot::render(&model, &flow, &options);
            dot_parser::ast::Graph::try_from(dot.as_str())
                .unwrap_or_else(|e| panic!("the DOT of {spec} does not parse: {e}"));
        }
    }
}

/// The words of an SVG picture: its `<text>` elements, each line of a wrapped text joined to the
/// next by a space.
fn svg_text(svg: &str) -> String {
    let doc = roxmltree::Document::parse(svg).unwrap();
    let lines: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .collect();
    lines.join(" ")
}

#[test]
fn svg_has_a_legend_in_the_language_asked_for() {
    let (model, flow) = compile(FLOWS);
    let da = svg_text(&render::svg::render(
        &model,
        &flow,
        &options(&model, None, Lang::Da),
    ));
    for text in [
        "Signaturforklaring",
        "tredjeland uden tilstrækkelighedsafgørelse, eller ikke navngivet",
        "særlige kategorier af personoplysninger (art. 9)",
        "oplysninger om strafbare forhold (art. 10)",
        "Underdatabehandlere",
        "Dataansvarlig: Eksempel Kommune (DK)",
        "tredjeland: Indien (IN), ingen tilstrækkelighedsafgørelse",
    ] {
        assert!(da.contains(text), "`{text}` missing from the Danish SVG");
    }
    let en = svg_text(&render::svg::render(
        &model,
        &flow,
        &options(&model, None, Lang::En),
    ));
    assert!(en.contains("Legend"));
    assert!(en.contains("third country: India (IN), no adequacy decision"));
    assert!(!en.contains("Signaturforklaring"));
}

// ---------------------------------------------------------------------------------------------
// The command line

#[test]
fn prints_to_standard_output_by_default() {
    let output = hjemmel(&["graph", FLOWS]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).starts_with("digraph \"flow\" {"));
    assert_eq!(stderr(&output), "");

    let output = hjemmel(&["graph", "--format", "mermaid", FLOWS]);
    assert!(stdout(&output).contains("flowchart LR"));
    let output = hjemmel(&["--lang", "da", "graph", "--format", "svg", FLOWS]);
    assert!(stdout(&output).starts_with("<svg "));
    assert!(stdout(&output).contains("Signaturforklaring"));
}

#[test]
fn output_file_is_written_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("flow.svg");
    std::fs::write(&path, "old").unwrap();
    let output = hjemmel(&[
        "graph",
        "--format",
        "svg",
        FLOWS,
        "-o",
        path.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output), "");
    let written = std::fs::read_to_string(&path).unwrap();
    let printed = stdout(&hjemmel(&["graph", "--format", "svg", FLOWS]));
    assert_eq!(written, printed);
    // Nothing else is left in the directory: the temporary file became the output.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn an_output_file_that_cannot_be_written_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no_such_dir").join("flow.dot");
    let output = hjemmel(&["graph", FLOWS, "-o", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).starts_with("error: cannot write "),
        "{}",
        stderr(&output)
    );
    assert!(!path.exists());
}

#[test]
fn a_spec_with_errors_exits_2_and_shows_them_as_check_does() {
    let spec = "tests/fixtures/invalid/unknown_name_did_you_mean.hjemmel";
    let output = hjemmel(&["graph", spec]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stdout(&output), "", "no graph of a spec with errors");
    let check = stdout(&hjemmel(&["check", "--color", "never", spec]));
    assert_eq!(stderr(&output), check);

    let output = hjemmel(&["graph", "tests/fixtures/cli/no_such_spec.hjemmel"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("cannot read"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn an_unknown_category_exits_2_with_did_you_mean() {
    let output = hjemmel(&["graph", FLOWS, "--category", "helth"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stdout(&output), "");
    assert_eq!(
        stderr(&output),
        "error: no data category is named `helth`\n  help: did you mean `health`? the data \
         categories of this spec: `contact_details`, `cpr`, `health`, `convictions`\n"
    );
    let output = hjemmel(&["--lang", "da", "graph", FLOWS, "--category", "xyz"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("specens kategorier af personoplysninger: `contact_details`"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn category_filters_on_the_command_line() {
    let output = hjemmel(&["graph", FLOWS, "--category", "convictions"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let dot = stdout(&output);
    assert!(dot.contains(r#""activity:decisions" -> "recipient:police""#));
    assert!(!dot.contains("recipient:clinic"));
    assert!(dot.contains("only the flows that carry `convictions`"));
}

/// An international organisation is not a third country: the legend says what its mark means in
/// its own words, in both languages, and only when the picture has one.
#[test]
fn the_legend_names_an_international_organisation_in_its_own_words() {
    let path = "tests/fixtures/rules/TRANSFER-UNDECLARED/pass_european_patent_organisation_adequacy.hjemmel";
    let (model, flow) = compile(path);
    let en = render::svg::render(&model, &flow, &options(&model, None, Lang::En));
    assert!(en.contains("international organisation with an adequacy decision"));
    assert!(en.contains("international organisation without an adequacy decision"));
    let da = render::svg::render(&model, &flow, &options(&model, None, Lang::Da));
    assert!(da.contains("international organisation med tilstrækkelighedsafgørelse"));
    assert!(da.contains("international organisation: Den Europæiske Patentorganisation (EPO)"));
    let (model, flow) = compile(FLOWS);
    let plain = render::svg::render(&model, &flow, &options(&model, None, Lang::En));
    assert!(!plain.contains("international organisation"));
}
