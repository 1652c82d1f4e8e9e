//! The parser builds the typed tree a spec describes, spans included.

use hjemmel::syntax::ast::{Citation, Declaration, Notice, Retention, Statement};
use hjemmel::syntax::parser::parse_file;
use hjemmel::syntax::span::FileId;

const SPEC: &str = r#"// Every kind of declaration, once.
controller k "Eksempel Kommune" {
  public authority
  country DK
  address "Rådhuset"
  dpo { name "DPO" email "dpo@k.dk" }
  document "Sådan behandler vi dine data" { version "2.1" date 2023-09-01 web "https://k.dk/data" }
  allow DPO-MISSING "grund"
  supervision every 2 years
}
subjects employees "Medarbejdere" employees
subjects pupils "Elever" children { aged 6 to 16 allow CHILD-CONSENT "grund" }
data cpr "CPR-nummer" cpr
data health "Helbred" special(health, genetic) { limit 5 years "logpolitik" allow ART9-FIT "grund" }
source cpr_register "CPR" register
source staff "Medarbejdere" staff { allow SOURCE-NOTICE "grund" }
processor p "Leverandør" {
  agreement "DBA"
  country DK
  supervised 2025-03-01 "ISAE 3000-erklæring gennemgået"
  subprocessor s "Under" { country US transfer dpf | scc tia "TIA" dpf_listed "2026-10-01" }
  allow PROCESSOR-AGREEMENT "grund"
}
recipient police "Politiet" police { country DK }
recipient us "US" organisation { country US transfer dpf dpf_listed "tjekket" allow TRANSFER-SCC-TIA "grund" }
recipient epo "EPO" organisation { international organisation EPO transfer adequacy }
source others "Andre myndigheder, afhængigt af sagen" authority { unnamed }
activity a "Aktivitet" {
  purpose "Formål"
  subjects employees
  data cpr, health
  sources cpr_register
  basis gdpr 6(1)(e), dbl 8(2)(1), tvol 4c(5), law "Lov \"X\"", agreement "Aftale"
  retain cpr for 5 years after "sagens afslutning" then archive
  retain all archive
  via p
  disclose cpr to police under gdpr 6(1)(c) when "efterforskning"
  review manual | ai
  cctv
  exception tvol 4c(5) "tvist"
  dpia "DPIA 1"
  since 2023-09-01
  area social
  withdrawal "Skriv til kommunen"
  online_service
  parental_consent "MitID"
  compatibility "Vurdering 2024"
  logic "Modellen markerer afvigelser"
  monitoring "GPS"
  large_scale
  notice exempt gdpr 14(5)(c), law "Serviceloven"
  erasure refused "arkiv" under gdpr 17(3)(b)
  preserve "Bevaringsbestemmelse 2020"
  unit "Center for Børn og Familie"
  collect cpr every 1 year
  copy cpr, health kept by "brugeren" until "brugeren sletter den"
  copy cpr kept by "lederen" for 30 days after "ansættelsen"
  copy health kept by "HR"
  allow ART6-BASIS "grund"
  purpse "typo"
}
"#;

#[test]
fn every_declaration_and_statement_is_read() {
    let file = parse_file(FileId(0), SPEC).expect("the spec parses");
    insta::assert_debug_snapshot!(file);
}

#[test]
fn citations_keep_act_number_and_parts() {
    let file = parse_file(FileId(0), SPEC).unwrap();
    let Declaration::Activity(activity) = file.declarations.last().unwrap() else {
        panic!("the last declaration is the activity");
    };
    let basis = activity
        .statements
        .iter()
        .find_map(|s| match s {
            Statement::Basis(list, _) => Some(list),
            _ => None,
        })
        .unwrap();
    let written: Vec<String> = basis
        .iter()
        .map(|c| match c {
            Citation::Act {
                act, number, parts, ..
            } => format!("{} {number} {parts:?}", act.node),
            Citation::Law(t) => format!("law {}", t.node),
            Citation::Agreement(t) => format!("agreement {}", t.node),
        })
        .collect();
    assert_eq!(
        written,
        [
            r#"gdpr 6 ["1", "e"]"#,
            r#"dbl 8 ["2", "1"]"#,
            r#"tvol 4c ["5"]"#,
            r#"law Lov "X""#,
            "agreement Aftale",
        ]
    );
    let retention = activity
        .statements
        .iter()
        .find_map(|s| match s {
            Statement::Retain(r) => Some(&r.retention),
            _ => None,
        })
        .unwrap();
    assert!(matches!(
        retention,
        Retention::Deadline {
            then_archive: true,
            after: Some(_),
            ..
        }
    ));
    assert!(
        matches!(activity.statements.last(), Some(Statement::Unknown(word)) if word.node == "purpse")
    );
}

#[test]
fn keywords_are_whole_words() {
    // `database` must not be read as `data` + `base`.
    let err = parse_file(FileId(0), "database x \"X\" ordinary\n")
        .unwrap_err()
        .remove(0);
    assert_eq!(err.code, "syntax");
    assert_eq!(err.primary.unwrap().span.start, 0);
}

#[test]
fn an_international_organisation_is_read_for_processors_and_recipients() {
    let text = "processor p \"P\" { agreement \"DBA\" international organisation EPO }\n\
                recipient r \"R\" organisation {\n  international\n  organisation UN\n}\n";
    let file = parse_file(FileId(0), text).unwrap();
    let Declaration::Processor(p) = &file.declarations[0] else {
        panic!("a processor")
    };
    let Declaration::Recipient(r) = &file.declarations[1] else {
        panic!("a recipient")
    };
    assert_eq!(p.organisation.as_ref().unwrap().node, "EPO");
    assert!(p.country.is_none());
    assert_eq!(r.organisation.as_ref().unwrap().node, "UN");
    // `organisationUN` is no keyword followed by a code.
    assert!(
        parse_file(
            FileId(0),
            "recipient r \"R\" organisation { international organisationUN }\n"
        )
        .is_err()
    );
}

#[test]
fn quoted_text_keeps_backslashes_that_escape_nothing() {
    let file = parse_file(FileId(0), r#"data a "C:\Data \"x\" \\ y" ordinary"#).unwrap();
    let Declaration::Data(data) = &file.declarations[0] else {
        panic!("a data declaration")
    };
    assert_eq!(data.label.node, r#"C:\Data "x" \ y"#);
}

#[test]
fn disclose_takes_under_and_when_in_either_order() {
    for statement in [
        r#"disclose a to r under gdpr 6(1)(c) when "x""#,
        r#"disclose a to r when "x" under gdpr 6(1)(c)"#,
    ] {
        let text = format!("activity x \"X\" {{\n  {statement}\n}}\n");
        let file = parse_file(FileId(0), &text).unwrap();
        let Declaration::Activity(activity) = &file.declarations[0] else {
            panic!("an activity")
        };
        let Statement::Disclose(d) = &activity.statements[0] else {
            panic!("a disclosure")
        };
        assert_eq!(d.basis.len(), 1, "{statement}");
        assert_eq!(d.condition.as_ref().unwrap().node, "x", "{statement}");
    }
}

#[test]
fn a_notice_is_a_practice_or_an_exemption() {
    let spec = r#"activity a "A" { notice "Brev ved sagens start" }
activity b "B" { notice exempt gdpr 14(5)(c), law "Serviceloven" }"#;
    let file = parse_file(FileId(0), spec).unwrap();
    let notice = |i: usize| match &file.declarations[i] {
        Declaration::Activity(a) => match &a.statements[..] {
            [Statement::Notice(n)] => (**n).clone(),
            other => panic!("one notice expected: {other:?}"),
        },
        other => panic!("an activity expected: {other:?}"),
    };
    assert!(matches!(notice(0), Notice::Practice(t) if t.node == "Brev ved sagens start"));
    match notice(1) {
        Notice::Exempt { basis, .. } => {
            assert!(
                matches!(&basis[0], Citation::Act { number, parts, .. } if *number == "14" && parts == &["5", "c"])
            );
            assert!(matches!(&basis[1], Citation::Law(t) if t.node == "Serviceloven"));
        }
        other => panic!("an exemption expected: {other:?}"),
    }
}

#[test]
fn cctv_names_its_ground_and_an_exception_its_ground_and_notice() {
    let spec = r#"controller k "K" { public authority }
activity a "A" {
  cctv tvol 2d
  exception tvol 4c(5) for dispute with notice "tvist"
  exception tvol 4c(5) for police_report
  exception tvol 4c(5) "gammel form"
}
activity b "B" {
  cctv
  since 2024-03-01
}
"#;
    let file = parse_file(FileId(0), spec).unwrap();
    let activities: Vec<_> = file
        .declarations
        .iter()
        .filter_map(|d| match d {
            Declaration::Activity(a) => Some(a),
            _ => None,
        })
        .collect();
    let read: Vec<String> = activities[0]
        .statements
        .iter()
        .map(|s| match s {
            Statement::Cctv(_, Some(ground)) => match ground.as_ref() {
                Citation::Act { act, number, .. } => format!("cctv {} {number}", act.node),
                other => panic!("{other:?}"),
            },
            Statement::Exception(e) => {
                let ground = e.ground.as_ref().map(|g| g.word.node);
                let notice = e.ground.as_ref().is_some_and(|g| g.notice.is_some());
                let reason = e.reason.as_ref().map(|r| r.node.to_string());
                format!("exception {ground:?} {notice} {reason:?}")
            }
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        read,
        [
            "cctv tvol 2d",
            r#"exception Some("dispute") true Some("tvist")"#,
            r#"exception Some("police_report") false None"#,
            r#"exception None false Some("gammel form")"#,
        ]
    );
    // A bare `cctv` does not swallow the next statement, even one that starts with a number-like word.
    assert!(matches!(
        activities[1].statements.as_slice(),
        [Statement::Cctv(_, None), Statement::Since(_)]
    ));
}

#[test]
fn kle_numbers_and_data_about_some_subjects_are_read() {
    let text = "activity x \"X\" {\n  kle 27.15.00, 27, 2715\n  data a, b about kids, parents as criminal when \"w\"\n  data c about kids\n}\n";
    let file = parse_file(FileId(0), text).unwrap();
    let Declaration::Activity(activity) = &file.declarations[0] else {
        panic!("an activity")
    };
    // Any run of digits and dots is read: the resolver says what a KLE number looks like.
    let Statement::Kle(numbers) = &activity.statements[0] else {
        panic!("a kle statement: {:?}", activity.statements[0])
    };
    let numbers: Vec<&str> = numbers.iter().map(|n| n.node).collect();
    assert_eq!(numbers, ["27.15.00", "27", "2715"]);
    let Statement::DataAbout(d) = &activity.statements[1] else {
        panic!("data about: {:?}", activity.statements[1])
    };
    let names = |words: &[hjemmel::syntax::ast::Word<'_>]| -> Vec<String> {
        words.iter().map(|w| w.node.to_string()).collect()
    };
    assert_eq!(names(&d.data), ["a", "b"]);
    assert_eq!(names(&d.subjects), ["kids", "parents"]);
    let (class, when) = d.used.as_ref().expect("the use after the groups");
    assert_eq!((class.node, when.node.as_ref()), ("criminal", "w"));
    assert_eq!(
        &text[d.span.start as usize..d.span.end as usize],
        "data a, b about kids, parents as criminal when \"w\""
    );
    let Statement::DataAbout(d) = &activity.statements[2] else {
        panic!("data about: {:?}", activity.statements[2])
    };
    assert_eq!(names(&d.subjects), ["kids"]);
    assert!(d.used.is_none());
}
