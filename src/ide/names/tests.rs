//! Each request on small specs of several files, written here.

use super::*;
use crate::ide::{CompletionKind, Place};
use crate::source::SourceFile;

const PARTIES: &str = r#"controller k "Kommune" {
  public authority
  contact "k@k.dk"
  dpo { email "dpo@k.dk" }
}
subjects citizens "Borgere" citizens
data health "Helbred" special(health)
data cpr "CPR-nummer" cpr
source self "Borgeren selv" data_subject
processor payroll "Løn A/S" {
  agreement "DBA"
  country DK
  subprocessor hosting "Hosting GmbH" {
    agreement "DBA"
    country DE
  }
}
recipient skat "Skattestyrelsen" authority
"#;

const ACTIVITIES: &str = r#"activity aids "Hjælpemidler" {
  purpose "Afgøre ansøgninger om hjælpemidler"
  subjects citizens
  data cpr, health
  sources self
  basis gdpr 6(1)(e), gdpr 9(2)(h), dbl 7(3), dbl 11(1), law "Lov om social service § 112"
  retain all for 5 years
  via payroll, hosting
  disclose cpr to skat under gdpr 6(1)(c), law "Skatteindberetningsloven"
}
activity followup "Opfølgning" {
  purpose "Følge op"
  subjects citizens
  data cpr
  sources aids
  basis gdpr 6(1)(e), dbl 11(1), law "Lov om social service § 112"
  retain cpr for 1 years
}
"#;

fn analysis(files: &[(&str, &str)]) -> Analysis {
    analysis_in(files, Lang::En)
}

fn analysis_in(files: &[(&str, &str)], lang: Lang) -> Analysis {
    let mut sources = SourceMap::new();
    for (name, text) in files {
        sources.add(SourceFile::new(*name, *text));
    }
    Analysis::new(sources, lang)
}

fn spec() -> Analysis {
    analysis(&[
        ("parties.hjemmel", PARTIES),
        ("activities.hjemmel", ACTIVITIES),
    ])
}

/// The place of `word` inside the first `around` of file `file` (`around` holds `word`).
fn at(a: &Analysis, file: u32, around: &str, word: &str) -> Place {
    let text = a.sources.file(FileId(file)).text.as_str();
    let start = text
        .find(around)
        .unwrap_or_else(|| panic!("{around:?} not in file {file}"));
    let offset = start + around.find(word).expect("word in its context");
    Place {
        file: FileId(file),
        offset,
    }
}

/// The words of a span.
fn words(a: &Analysis, span: Span) -> &str {
    &a.sources.file(span.file).text.as_str()[span.start as usize..span.end as usize]
}

/// `file:line` of each span.
fn lines(a: &Analysis, spans: &[Span]) -> Vec<String> {
    spans.iter().map(|&s| file_line(&a.sources, s)).collect()
}

#[test]
fn the_index_holds_every_declaration_and_use() {
    let a = spec();
    let index = a.names();
    let declared: Vec<(&str, NameKind)> = (index.declarations.iter())
        .map(|d| (index.text(d.name), d.kind))
        .collect();
    assert_eq!(
        declared,
        [
            ("k", NameKind::Controller),
            ("citizens", NameKind::Subjects),
            ("health", NameKind::Data),
            ("cpr", NameKind::Data),
            ("self", NameKind::Source),
            ("payroll", NameKind::Processor),
            ("hosting", NameKind::Processor),
            ("skat", NameKind::Recipient),
            ("aids", NameKind::Activity),
            ("followup", NameKind::Activity),
        ]
    );
    let used: Vec<(&str, NameKind)> = (index.uses.iter())
        .map(|u| (index.text(u.name), u.takes))
        .collect();
    assert_eq!(
        used,
        [
            ("citizens", NameKind::Subjects),
            ("cpr", NameKind::Data),
            ("health", NameKind::Data),
            ("self", NameKind::Source),
            ("payroll", NameKind::Processor),
            ("hosting", NameKind::Processor),
            ("cpr", NameKind::Data),
            ("skat", NameKind::Recipient),
            ("citizens", NameKind::Subjects),
            ("cpr", NameKind::Data),
            ("aids", NameKind::Source),
            ("cpr", NameKind::Data),
        ]
    );
    let hosting = index
        .declaration_of(index.lookup("hosting").unwrap())
        .unwrap();
    assert_eq!(hosting.parent, Some(5));
    assert_eq!(words(&a, hosting.name_span), "hosting");
    assert!(words(&a, hosting.span).starts_with("subprocessor hosting"));
    assert!(words(&a, hosting.span).ends_with('}'));
}

#[test]
fn definition_finds_the_declaration_from_a_use_in_another_file() {
    let a = spec();
    let span = definition(&a, at(&a, 1, "via payroll, hosting", "hosting")).unwrap();
    assert_eq!((span.file, words(&a, span)), (FileId(0), "hosting"));
    assert_eq!(lines(&a, &[span]), ["parties.hjemmel:13"]);
    // The cursor just after the word is on it.
    let end = at(&a, 1, "to skat under", "skat");
    let after = Place {
        offset: end.offset + 4,
        ..end
    };
    assert_eq!(
        lines(&a, &[definition(&a, after).unwrap()]),
        ["parties.hjemmel:18"]
    );
    // A declaration is its own definition; an activity named as a source is found too.
    let own = definition(&a, at(&a, 0, "data health", "health")).unwrap();
    assert_eq!(lines(&a, &[own]), ["parties.hjemmel:7"]);
    let aids = definition(&a, at(&a, 1, "sources aids", "aids")).unwrap();
    assert_eq!(lines(&a, &[aids]), ["activities.hjemmel:1"]);
    // Off a name: a keyword, a quoted text, a citation.
    assert_eq!(definition(&a, at(&a, 1, "via payroll", "via")), None);
    assert_eq!(definition(&a, at(&a, 1, "\"Følge op\"", "op")), None);
    assert_eq!(definition(&a, at(&a, 1, "dbl 7(3)", "7")), None);
}

#[test]
fn references_are_every_use_across_files_with_or_without_the_declaration() {
    let a = spec();
    let from_use = at(&a, 1, "disclose cpr", "cpr");
    let uses = references(&a, from_use, false);
    assert_eq!(
        lines(&a, &uses),
        [
            "activities.hjemmel:4",
            "activities.hjemmel:9",
            "activities.hjemmel:14",
            "activities.hjemmel:17"
        ]
    );
    assert!(uses.iter().all(|&s| words(&a, s) == "cpr"));
    let from_declaration = at(&a, 0, "data cpr", "cpr");
    let all = references(&a, from_declaration, true);
    assert_eq!(all.len(), 5);
    assert_eq!(lines(&a, &all[..1]), ["parties.hjemmel:8"]);
    assert_eq!(references(&a, from_declaration, false), uses);
    // The class `cpr` is a word of the language, not the name.
    let class = at(&a, 0, "\"CPR-nummer\" cpr", "cpr");
    assert_eq!(references(&a, class, true), []);
    // A name declared and never used.
    assert_eq!(
        references(&a, at(&a, 1, "activity followup", "followup"), false),
        []
    );
}

#[test]
fn names_spelled_like_keywords_are_names_where_a_name_stands() {
    let parties = r#"data data "Data" ordinary
data to "Til" ordinary
recipient purpose "Formål" authority
"#;
    let activity = r#"activity via "Via" {
  purpose "p"
  data data, to
  disclose data, to to purpose under gdpr 6(1)(c)
}
"#;
    let a = analysis(&[("p.hjemmel", parties), ("a.hjemmel", activity)]);
    let to = references(&a, at(&a, 0, "data to", "to"), false);
    assert_eq!(to.len(), 2);
    assert!(to.iter().all(|&s| words(&a, s) == "to"));
    // `disclose data, to to purpose`: the second `to` is the keyword, `purpose` the recipient.
    let disclosed = at(&a, 1, "disclose data, to to", "to to");
    assert_eq!(to[1].start as usize, disclosed.offset);
    let keyword = Place {
        offset: disclosed.offset + 3,
        ..disclosed
    };
    assert_eq!(definition(&a, keyword), None);
    let purpose = definition(&a, at(&a, 1, "to purpose", "purpose")).unwrap();
    assert_eq!(lines(&a, &[purpose]), ["p.hjemmel:3"]);
    let data = references(&a, at(&a, 0, "data data \"", "data \""), true);
    assert_eq!(
        lines(&a, &data),
        ["p.hjemmel:1", "a.hjemmel:3", "a.hjemmel:4"]
    );
}

#[test]
fn a_file_that_does_not_parse_beside_one_that_does() {
    // The first activity lacks its basis' citations; the second parses and still answers, and a
    // file cut off in a quoted text contributes nothing.
    let broken = r#"activity aids "Hjælpemidler" {
  data health
  basis
}
activity followup "Opfølgning" {
  data cpr
  via payroll
}
"#;
    let a = analysis(&[
        ("parties.hjemmel", PARTIES),
        ("broken.hjemmel", broken),
        ("cut.hjemmel", "activity x \"unterminated {\n  data cpr\n"),
    ]);
    assert!(a.checked.is_err());
    let index = a.names();
    assert!(index.file(FileId(1)).broken);
    assert!(index.file(FileId(2)).broken);
    assert!(index.file(FileId(2)).items.is_empty());
    assert_eq!(index.lookup("aids"), None);
    let payroll = definition(&a, at(&a, 1, "via payroll", "payroll")).unwrap();
    assert_eq!(lines(&a, &[payroll]), ["parties.hjemmel:10"]);
    let cpr = references(&a, at(&a, 0, "data cpr", "cpr"), false);
    assert_eq!(lines(&a, &cpr), ["broken.hjemmel:6"]);
    // Nothing is known of the broken declaration's names.
    assert_eq!(definition(&a, at(&a, 1, "data health", "health")), None);
    assert_eq!(
        references(&a, at(&a, 0, "data health", "health"), false),
        []
    );
    let symbols: Vec<String> = document_symbols(&a, FileId(1))
        .into_iter()
        .map(|s| s.name)
        .collect();
    assert_eq!(symbols, ["followup"]);
}

#[test]
fn navigation_works_in_a_spec_with_an_unknown_name() {
    let activity = ACTIVITIES.replace("via payroll, hosting", "via payroll, nobody");
    let a = analysis(&[
        ("parties.hjemmel", PARTIES),
        ("activities.hjemmel", &activity),
    ]);
    let errors = a
        .checked
        .as_ref()
        .err()
        .expect("an unknown name is a spec error");
    assert!(errors.iter().any(|e| e.code == "unknown-name"));
    let payroll = definition(&a, at(&a, 1, "via payroll", "payroll")).unwrap();
    assert_eq!(lines(&a, &[payroll]), ["parties.hjemmel:10"]);
    assert_eq!(references(&a, at(&a, 0, "data cpr", "cpr"), false).len(), 4);
    let nobody = at(&a, 1, "payroll, nobody", "nobody");
    assert_eq!(definition(&a, nobody), None);
    assert_eq!(hover(&a, nobody), None);
    assert_eq!(prepare_rename(&a, nobody), None);
    assert_eq!(references(&a, nobody, true).len(), 1);
    assert!(hover(&a, at(&a, 1, "subjects citizens", "citizens")).is_some());
}

#[test]
fn prepare_rename_gives_the_word_of_a_declared_name() {
    let a = spec();
    let place = at(&a, 1, "via payroll", "payroll");
    let span = prepare_rename(&a, place).unwrap();
    assert_eq!(words(&a, span), "payroll");
    assert_eq!(span.file, FileId(1));
    assert_eq!(prepare_rename(&a, at(&a, 1, "via payroll", "via")), None);
}

#[test]
fn rename_edits_the_declaration_and_every_use_across_files() {
    let a = spec();
    let edits = rename(&a, at(&a, 1, "disclose cpr", "cpr"), "cpr_nummer").unwrap();
    assert_eq!(edits.len(), 5);
    assert!(edits.iter().all(|e| e.new_text == "cpr_nummer"));
    assert!(edits.iter().all(|e| words(&a, e.span) == "cpr"));
    let spans: Vec<Span> = edits.iter().map(|e| e.span).collect();
    assert_eq!(spans, references(&a, at(&a, 0, "data cpr", "cpr"), true));
    // The same name: nothing to do.
    assert_eq!(rename(&a, at(&a, 0, "data cpr", "cpr"), "cpr"), Ok(vec![]));
}

/// The spec's texts with `edits` applied.
fn edited(a: &Analysis, edits: &[Edit]) -> Vec<(String, String)> {
    a.sources
        .files()
        .map(|(id, file)| {
            let mine: Vec<Edit> = edits
                .iter()
                .filter(|e| e.span.file == id)
                .cloned()
                .collect();
            (file.name.clone(), rename::apply(file.text.as_str(), &mine))
        })
        .collect()
}

/// Each finding as code, message and `file:line`, with `` `old` `` written `` `new` ``.
fn findings(a: &Analysis, old: &str, new: &str) -> Vec<(String, String, Option<String>)> {
    a.diagnostics()
        .iter()
        .map(|d| {
            let message = d.message.replace(&format!("`{old}`"), &format!("`{new}`"));
            let place = d.primary.as_ref().map(|p| file_line(&a.sources, p.span));
            (d.code.clone(), message, place)
        })
        .collect()
}

#[test]
fn a_renamed_spec_checks_to_the_same_findings_with_the_new_name() {
    for (file, around, word, new) in [
        (0, "data cpr", "cpr", "personnummer"),
        (0, "data cpr", "cpr", "activity"),
        (0, "processor payroll", "payroll", "controller"),
        (1, "via payroll", "payroll", "loen"),
        (0, "subprocessor hosting", "hosting", "data"),
        (1, "sources aids", "aids", "hjaelpemidler"),
        (0, "subjects citizens", "citizens", "to"),
        (0, "recipient skat", "skat", "purpose"),
    ] {
        let a = spec();
        assert!(
            !a.diagnostics().is_empty(),
            "the spec has findings to compare"
        );
        let edits = rename(&a, at(&a, file, around, word), new).unwrap();
        let texts = edited(&a, &edits);
        let files: Vec<(&str, &str)> = texts
            .iter()
            .map(|(n, t)| (n.as_str(), t.as_str()))
            .collect();
        let renamed = analysis(&files);
        assert!(
            renamed.checked.is_ok(),
            "{word} → {new}: {:?}",
            renamed.diagnostics()
        );
        assert_eq!(
            findings(&a, word, new),
            findings(&renamed, new, new),
            "{word} → {new}"
        );
        assert_eq!(renamed.names().lookup(word), None, "{word} → {new}");
    }
}

#[test]
fn rename_refuses_a_word_that_is_not_a_name() {
    let a = spec();
    let place = at(&a, 0, "data cpr", "cpr");
    for bad in ["", "2cpr", "cpr-nummer", "cpr nummer", "\"cpr\"", "cpr,x"] {
        let why = rename(&a, place, bad).unwrap_err();
        assert!(
            why.starts_with(&format!("`{bad}` is not a name")),
            "{bad}: {why}"
        );
    }
    assert!(rename(&a, place, "_cpr").is_ok());
    assert!(rename(&a, place, "personnummer_æøå").is_ok());
}

#[test]
fn rename_refuses_a_name_that_is_declared_as_anything() {
    let a = spec();
    let place = at(&a, 0, "data cpr", "cpr");
    assert_eq!(
        rename(&a, place, "health").unwrap_err(),
        "`health` is already declared as a data category at parties.hjemmel:7"
    );
    assert_eq!(
        rename(&a, place, "hosting").unwrap_err(),
        "`hosting` is already declared as a processor at parties.hjemmel:13"
    );
    let da = analysis_in(
        &[
            ("parties.hjemmel", PARTIES),
            ("activities.hjemmel", ACTIVITIES),
        ],
        Lang::Da,
    );
    assert_eq!(
        rename(&da, place, "aids").unwrap_err(),
        "`aids` er allerede erklæret som en aktivitet i activities.hjemmel:1"
    );
}

#[test]
fn rename_refuses_a_name_written_where_it_names_nothing() {
    let activity = ACTIVITIES.replace(
        "subjects citizens\n  data cpr\n",
        "subjects borgere\n  data cpr\n",
    );
    let a = analysis(&[
        ("parties.hjemmel", PARTIES),
        ("activities.hjemmel", &activity),
    ]);
    let why = rename(&a, at(&a, 0, "subjects citizens", "citizens"), "borgere").unwrap_err();
    assert_eq!(
        why,
        "`borgere` is already written at activities.hjemmel:13, where it names nothing: renamed, a group of data subjects would take over that use"
    );
}

#[test]
fn rename_refuses_a_name_read_as_a_word_of_the_language() {
    // `retain cpr for 1 years` would become `retain all ...`: every data category, not one.
    let a = spec();
    let why = rename(&a, at(&a, 0, "data cpr", "cpr"), "all").unwrap_err();
    assert_eq!(
        why,
        "`all` cannot be this name: at activities.hjemmel:17 it would be read as a word of the language"
    );
    // Where a name stands, every other word of the language is read as a name (the renamed specs
    // check alike: a_renamed_spec_checks_to_the_same_findings_with_the_new_name).
    for keyword in [
        "activity",
        "data",
        "to",
        "via",
        "controller",
        "processor",
        "special",
    ] {
        assert!(
            rename(&a, at(&a, 0, "data cpr", "cpr"), keyword).is_ok(),
            "{keyword}"
        );
    }
}

#[test]
fn rename_refuses_while_a_file_has_syntax_errors() {
    let a = analysis(&[
        ("parties.hjemmel", PARTIES),
        ("activities.hjemmel", ACTIVITIES),
        (
            "draft.hjemmel",
            "activity draft \"Udkast\" {\n  data cpr,\n}\n",
        ),
    ]);
    assert_eq!(
        rename(&a, at(&a, 0, "data cpr", "cpr"), "personnummer").unwrap_err(),
        "draft.hjemmel has syntax errors, and a rename could miss the uses there: fix them first"
    );
}

#[test]
fn rename_off_a_declared_name_says_so() {
    let a = spec();
    let why = rename(&a, at(&a, 1, "via payroll", "via"), "x").unwrap_err();
    assert_eq!(why, "there is no declared name here to rename");
}

#[test]
fn document_symbols_are_the_declarations_in_file_order_with_sub_processors_inside() {
    let a = spec();
    let symbols = document_symbols(&a, FileId(0));
    let names: Vec<(&str, NameKind, usize)> = (symbols.iter())
        .map(|s| (s.name.as_str(), s.kind, s.children.len()))
        .collect();
    assert_eq!(
        names,
        [
            ("k", NameKind::Controller, 0),
            ("citizens", NameKind::Subjects, 0),
            ("health", NameKind::Data, 0),
            ("cpr", NameKind::Data, 0),
            ("self", NameKind::Source, 0),
            ("payroll", NameKind::Processor, 1),
            ("skat", NameKind::Recipient, 0),
        ]
    );
    let hosting = &symbols[5].children[0];
    assert_eq!(
        (hosting.name.as_str(), hosting.label.as_str()),
        ("hosting", "Hosting GmbH")
    );
    assert_eq!(words(&a, hosting.name_span), "hosting");
    assert!(symbols[5].span.start < hosting.span.start && hosting.span.end < symbols[5].span.end);
    let activities: Vec<String> = document_symbols(&a, FileId(1))
        .into_iter()
        .map(|s| s.name)
        .collect();
    assert_eq!(activities, ["aids", "followup"]);
    assert_eq!(document_symbols(&a, FileId(7)), []);
}

#[test]
fn hover_tells_the_kind_label_and_where_declared() {
    let a = spec();
    let cpr = hover(&a, at(&a, 1, "disclose cpr", "cpr")).unwrap();
    assert_eq!(
        cpr.markdown,
        "**data category** `cpr`: CPR-nummer\n\n`cpr`\n\nDeclared at `parties.hjemmel:8` · used 4 times"
    );
    assert_eq!(words(&a, cpr.span), "cpr");
    assert_eq!(cpr.span.file, FileId(1));
    let hosting = hover(&a, at(&a, 0, "subprocessor hosting", "hosting")).unwrap();
    assert_eq!(
        hosting.markdown,
        "**sub-processor** `hosting`: Hosting GmbH\n\n`DE`\n\nsub-processor of `payroll`\n\nDeclared at `parties.hjemmel:13` · used once"
    );
    let da = analysis_in(
        &[
            ("parties.hjemmel", PARTIES),
            ("activities.hjemmel", ACTIVITIES),
        ],
        Lang::Da,
    );
    let aids = hover(&da, at(&da, 1, "sources aids", "aids")).unwrap();
    assert_eq!(
        aids.markdown,
        "**behandlingsaktivitet** `aids`: Hjælpemidler\n\nFormål: Afgøre ansøgninger om hjælpemidler\n\nErklæret i `activities.hjemmel:1` · brugt én gang"
    );
    let followup = hover(&a, at(&a, 1, "activity followup", "followup")).unwrap();
    assert!(
        followup.markdown.ends_with("· not used"),
        "{}",
        followup.markdown
    );
    assert_eq!(hover(&a, at(&a, 1, "via payroll", "via")), None);
}

#[test]
fn hover_escapes_the_spec_text() {
    let parties = "data x \"*bold* <script> [link](http://evil) `code`\" ordinary\n";
    let a = analysis(&[("p.hjemmel", parties)]);
    let shown = hover(&a, at(&a, 0, "data x", "x")).unwrap().markdown;
    assert!(
        shown.contains(r"\*bold\* \<script\> \[link\](http://evil) \`code\`"),
        "{shown}"
    );
}

/// An analysis of `files` where the text of the last holds `‸`, the cursor; and the cursor.
fn typing(files: &[(&str, &str)]) -> (Analysis, Place) {
    let (name, text) = files.last().unwrap();
    let offset = text.find('‸').expect("a cursor");
    let text = text.replace('‸', "");
    let mut all: Vec<(&str, &str)> = files[..files.len() - 1].to_vec();
    all.push((name, &text));
    let a = analysis(&all);
    let file = FileId(files.len() as u32 - 1);
    (a, Place { file, offset })
}

/// The labels and kinds offered.
fn offered(a: &Analysis, at: Place) -> Vec<(String, CompletionKind)> {
    complete(a, at)
        .into_iter()
        .map(|c| (c.label, c.kind))
        .collect()
}

fn draft(body: &str) -> String {
    format!("activity draft \"Udkast\" {{\n  purpose \"p\"\n  {body}\n}}\n")
}

#[test]
fn completion_offers_the_names_of_the_kind_the_statement_takes() {
    let data = CompletionKind::Name(NameKind::Data);
    let processor = CompletionKind::Name(NameKind::Processor);
    let cases: Vec<(&str, Vec<(&str, CompletionKind)>)> = vec![
        ("data ‸", vec![("health", data), ("cpr", data)]),
        ("data health, ‸", vec![("health", data), ("cpr", data)]),
        ("data health,‸", vec![("health", data), ("cpr", data)]),
        (
            "via ‸",
            vec![("payroll", processor), ("hosting", processor)],
        ),
        (
            "subjects ‸",
            vec![("citizens", CompletionKind::Name(NameKind::Subjects))],
        ),
        (
            "disclose cpr to ‸",
            vec![("skat", CompletionKind::Name(NameKind::Recipient))],
        ),
        ("disclose ‸", vec![("health", data), ("cpr", data)]),
        ("retain ‸", vec![("health", data), ("cpr", data)]),
        ("collect ‸", vec![("health", data), ("cpr", data)]),
        (
            "data health about ‸",
            vec![("citizens", CompletionKind::Name(NameKind::Subjects))],
        ),
        (
            "data health, cpr about citizens, ‸",
            vec![("citizens", CompletionKind::Name(NameKind::Subjects))],
        ),
        ("copy ‸", vec![("health", data), ("cpr", data)]),
        (
            "data cpr as criminal when \"x\"\n  retain ‸",
            vec![("health", data), ("cpr", data)],
        ),
        (
            "sources ‸",
            vec![
                ("self", CompletionKind::Name(NameKind::Source)),
                ("aids", CompletionKind::Name(NameKind::Activity)),
                ("followup", CompletionKind::Name(NameKind::Activity)),
            ],
        ),
        // Where no name of the spec fits.
        ("‸", vec![]),
        ("data health ‸", vec![]),
        ("data health\n  ‸", vec![]),
        ("purpose ‸", vec![]),
        ("basis gdpr ‸", vec![]),
        ("disclose cpr to skat under ‸", vec![]),
        ("retain cpr for ‸", vec![]),
        ("signs \"data ‸", vec![]),
        ("// data ‸", vec![]),
        ("jointly ‸", vec![]),
    ];
    for (body, expected) in cases {
        let text = draft(body);
        let (a, place) = typing(&[
            ("parties.hjemmel", PARTIES),
            ("activities.hjemmel", ACTIVITIES),
            ("draft.hjemmel", &text),
        ]);
        let expected: Vec<(String, CompletionKind)> = expected
            .into_iter()
            .map(|(l, k)| (l.to_string(), k))
            .collect();
        assert_eq!(offered(&a, place), expected, "{body:?}");
    }
}

#[test]
fn completion_gives_the_label_and_replaces_the_word_being_typed() {
    let text = draft("via pay‸");
    let (a, place) = typing(&[("parties.hjemmel", PARTIES), ("draft.hjemmel", &text)]);
    let offered = complete(&a, place);
    assert_eq!(offered.len(), 2);
    assert_eq!(offered[0].detail.as_deref(), Some("Løn A/S"));
    let replace = offered[0].replace.unwrap();
    assert_eq!(words(&a, replace), "pay");
    // Inside a word, the whole word is replaced.
    let text = draft("via pay‸roll");
    let (a, place) = typing(&[("parties.hjemmel", PARTIES), ("draft.hjemmel", &text)]);
    assert_eq!(
        words(&a, complete(&a, place)[0].replace.unwrap()),
        "payroll"
    );
    let (a, place) = typing(&[
        ("parties.hjemmel", PARTIES),
        ("draft.hjemmel", &draft("via ‸")),
    ]);
    assert_eq!(complete(&a, place)[0].replace, None);
}

#[test]
fn completion_reads_the_declaration_being_typed_after_parsed_ones() {
    // The draft does not parse (no `}` yet), after a complete activity in the same file.
    let text = format!("{ACTIVITIES}activity draft \"Udkast\" {{\n  sources ‸\n");
    let (a, place) = typing(&[("parties.hjemmel", PARTIES), ("activities.hjemmel", &text)]);
    assert!(a.names().file(FileId(1)).broken);
    let labels: Vec<String> = offered(&a, place).into_iter().map(|(l, _)| l).collect();
    assert_eq!(labels, ["self", "aids", "followup"]);
    // Inside an activity that parses, it is not its own source.
    let text = ACTIVITIES.replace("sources aids", "sources ‸aids");
    let (a, place) = typing(&[("parties.hjemmel", PARTIES), ("activities.hjemmel", &text)]);
    let labels: Vec<String> = offered(&a, place).into_iter().map(|(l, _)| l).collect();
    assert_eq!(labels, ["self", "aids"]);
    let text = ACTIVITIES.replace("sources self", "sources ‸self");
    let (a, place) = typing(&[("parties.hjemmel", PARTIES), ("activities.hjemmel", &text)]);
    let labels: Vec<String> = offered(&a, place).into_iter().map(|(l, _)| l).collect();
    assert_eq!(labels, ["self", "followup"]);
}

#[test]
fn completion_offers_no_name_where_a_declaration_names_itself() {
    for text in [
        "data ‸",
        "subjects ‸",
        "data x \"X\" ‸",
        "processor p \"P\" {\n  subprocessor ‸",
        "processor p \"P\" {\n  country ‸",
        "subjects s \"S\" citizens { aged 6 to ‸ }",
    ] {
        let (a, place) = typing(&[("parties.hjemmel", PARTIES), ("new.hjemmel", text)]);
        assert_eq!(offered(&a, place), [], "{text:?}");
    }
}

#[test]
fn requests_never_panic_at_any_offset() {
    let text = format!("{PARTIES}{ACTIVITIES}activity x \"æ\" {{ data ‸");
    let (a, _) = typing(&[("all.hjemmel", &text)]);
    let len = a.sources.file(FileId(0)).text.len();
    for offset in 0..=len + 2 {
        for file in [FileId(0), FileId(3)] {
            let place = Place { file, offset };
            let _ = (
                definition(&a, place),
                references(&a, place, true),
                hover(&a, place),
            );
            let _ = (prepare_rename(&a, place), complete(&a, place));
        }
    }
}

/// A spec of `n` activities, each with its own data category, all with one subjects group.
fn generated(n: usize) -> String {
    let mut text = String::from(
        "subjects s \"S\" citizens\nprocessor p \"P\" { agreement \"A\" country DK }\n",
    );
    for i in 0..n {
        text.push_str(&format!(
            "data d{i} \"D\" ordinary\nactivity a{i} \"A\" {{\n  purpose \"p\"\n  subjects s\n  data d{i}\n  via p\n  retain d{i} for 1 years\n}}\n"
        ));
    }
    text
}

#[test]
fn the_work_of_a_request_does_not_grow_with_the_spec() {
    let mut work = Vec::new();
    for n in [500, 1000] {
        let text = generated(n) + "activity last \"L\" {\n  data d0\n  retain ‸\n}\n";
        let (a, place) = typing(&[("big.hjemmel", &text)]);
        let index = a.names();
        let before = VISITED.with(|v| v.get());
        let refs = references(&a, at(&a, 0, "data d7 ", "d7"), true);
        let completed = complete(&a, place);
        let visited = VISITED.with(|v| v.get()) - before;
        work.push((
            index.declarations.len(),
            index.uses.len(),
            refs.len(),
            completed.len(),
            visited,
        ));
    }
    // The index is as big as the spec: twice the activities, twice the names.
    assert_eq!(work[0].0 * 2 - 2, work[1].0);
    assert_eq!(work[0].1 * 2, work[1].1);
    // A request reads the one name, and the text of the declaration the cursor is in.
    assert_eq!(work[0].2, 3);
    assert_eq!(work[0].2, work[1].2);
    assert_eq!(work[0].4, work[1].4);
}

#[test]
fn completion_after_jointly_with_offers_the_joint_controllers() {
    let joint =
        "joint controller kombit \"KOMBIT A/S\" {\n  arrangement \"a\"\n  answers \"b\"\n}\n";
    let text = draft("jointly with ‸");
    let (a, place) = typing(&[
        ("parties.hjemmel", PARTIES),
        ("joint.hjemmel", joint),
        ("draft.hjemmel", &text),
    ]);
    let kind = CompletionKind::Name(NameKind::JointController);
    assert_eq!(offered(&a, place), [("kombit".to_string(), kind)]);
    assert_eq!(complete(&a, place)[0].detail.as_deref(), Some("KOMBIT A/S"));
    let text = draft("jointly with kombit, ‸");
    let (a, place) = typing(&[("joint.hjemmel", joint), ("draft.hjemmel", &text)]);
    assert_eq!(offered(&a, place), [("kombit".to_string(), kind)]);
    let done = draft("jointly with kombit");
    let a = analysis(&[("joint.hjemmel", joint), ("draft.hjemmel", &done)]);
    let refs = references(&a, at(&a, 0, "controller kombit", "kombit"), false);
    assert_eq!(lines(&a, &refs), ["draft.hjemmel:3"]);
}
