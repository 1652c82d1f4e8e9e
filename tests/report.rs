//! The HTML report (`hjemmel report SPEC -o FILE`): everything from the spec is escaped, the file needs
//! nothing outside itself, it is written completely or not at all, and `--lang da` gives Danish headings.
//!
//! Fixtures: tests/fixtures/report/hostile.hjemmel puts markup, quotes, ampersands and addresses of
//! other sites into every kind of text a report shows.

mod support;

use std::path::Path;
use std::process::Output;

use hjemmel::i18n::Lang;
use hjemmel::report::html;

const HOSTILE: &str = "tests/fixtures/report/hostile.hjemmel";
const ROPA_TRANSFERS: &str = "tests/fixtures/ropa/transfers.hjemmel";

/// The report of a spec that must be understood, without a date.
fn render(path: &str, lang: Lang) -> String {
    let outcome = hjemmel::check_spec(Path::new(path), lang);
    let checked = match &outcome.result {
        Ok(checked) => checked,
        Err(errors) => panic!("{path} must be understood: {errors:#?}"),
    };
    let options = html::Options {
        lang,
        made_on: None,
    };
    html::render(path, &outcome.sources, checked, &options)
}

fn hjemmel(args: &[&str]) -> Output {
    let mut command = support::hjemmel_command(args);
    command.env("SOURCE_DATE_EPOCH", "1785024000");
    support::run(command)
}

#[test]
fn markup_from_the_spec_is_shown_as_text() {
    for lang in Lang::ALL {
        let html = render(HOSTILE, lang);
        let lower = html.to_lowercase();
        for element in ["<script", "<img", "<iframe", "<link", "<b>"] {
            assert!(!lower.contains(element), "{element} got through:\n{html}");
        }
        // `<style>` is the report's own stylesheet, once; the spec's stays text.
        assert_eq!(lower.matches("<style").count(), 1, "{html}");
        for escaped in [
            "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Kommune&quot; &#39;A/S&#39;",
            "&lt;img src=x onerror=alert(2)&gt;",
            "https://evil.example/steal?a=1&amp;b=2",
            "&lt;script&gt;alert(4)&lt;/script&gt; &quot;data&quot;",
            "&lt;iframe src=&quot;https://evil.example/&quot;&gt;&lt;/iframe&gt;",
            "&lt;/section&gt;&lt;script&gt;alert(5)&lt;/script&gt; &amp; &#39;formål&#39; &quot;x&quot;",
            "&lt;style&gt;body{display:none}&lt;/style&gt; Lov &amp; ret",
            "&lt;link rel=stylesheet href=https://evil.example/x.css&gt;",
            // The waiver's reason, in the findings turned off.
            "&lt;script&gt;alert(6)&lt;/script&gt; &amp; &#39;fordi&#39; &quot;derfor&quot;",
        ] {
            assert!(html.contains(escaped), "missing {escaped}:\n{html}");
        }
        // The spec's lines quoted under the finding are escaped too.
        assert!(
            html.contains(
                "law &quot;&lt;style&gt;body{display:none}&lt;/style&gt; Lov &amp; ret&quot;"
            ),
            "{html}"
        );
    }
}

/// The report needs nothing outside itself: no stylesheet, script, image, font or frame is loaded
/// from anywhere, and the only links are to its own sections. An address appears only as text that
/// the spec itself holds.
#[test]
fn the_report_loads_nothing_from_outside() {
    for path in [HOSTILE, "specs/lejre", "specs/randers", ROPA_TRANSFERS] {
        let html = render(path, Lang::En);
        // Every `<` in the report opens a tag of its own: the spec's `<` are escaped (the test above).
        for tag in html.split('<').skip(1) {
            let tag = tag[..tag.find('>').unwrap_or(tag.len())].to_lowercase();
            let element = tag.split([' ', '/']).next().unwrap_or_default();
            assert!(
                ![
                    "link", "script", "img", "iframe", "object", "embed", "image", "use"
                ]
                .contains(&element),
                "{path}: <{tag}>"
            );
            assert!(!tag.contains("src="), "{path}: <{tag}>");
            if let Some(i) = tag.find("href=") {
                assert!(
                    tag[i..].starts_with("href=\"#"),
                    "{path}: a link out: <{tag}>"
                );
            }
        }
        let style = &html[html.find("<style>").unwrap()..html.find("</style>").unwrap()];
        assert!(
            !style.contains("url(") && !style.contains("@import"),
            "{path}: {style}"
        );
        let spec_text: String = hjemmel::source::load(Path::new(path), hjemmel::i18n::Lang::En)
            .map(|sources| sources.files().map(|(_, f)| f.text.to_string()).collect())
            .unwrap_or_default();
        for scheme in ["http://", "https://"] {
            for (i, _) in html.match_indices(scheme) {
                let address: String = html[i..]
                    .chars()
                    .take_while(|c| !c.is_whitespace() && !"<&\"'".contains(*c))
                    .collect();
                assert!(
                    spec_text.contains(&address),
                    "{path}: `{address}` is not text from the spec"
                );
            }
        }
    }
}

#[test]
fn the_flow_of_data_is_an_inline_picture() {
    let html = render(ROPA_TRANSFERS, Lang::En);
    let flow = &html[html.find("<section id=\"flow\">").unwrap()..];
    let flow = &flow[..flow.find("</section>").unwrap()];
    assert!(flow.contains("<figure class=\"picture\">\n<svg "), "{flow}");
    assert!(flow.contains("Support Services Pvt. Ltd."), "{flow}");
    assert!(!flow.contains("xmlns"), "{flow}");
}

#[test]
fn a_report_of_a_small_spec() {
    insta::assert_snapshot!(render(ROPA_TRANSFERS, Lang::En));
}

#[test]
fn danish_headings_with_lang_da() {
    let html = render(HOSTILE, Lang::Da);
    assert!(
        html.starts_with("<!DOCTYPE html>\n<html lang=\"da\">"),
        "{html}"
    );
    for heading in [
        "<h2>Sammendrag</h2>",
        "<h2>Fund</h2>",
        "<h2>Fund, der er slået fra</h2>",
        "<h2>Personoplysningernes vej</h2>",
        "<h2>Fortegnelse over behandlingsaktiviteter (databeskyttelsesforordningens art. 30, stk. 1)</h2>",
        "Kategorier af registrerede (art. 30, stk. 1, litra c)",
        "<span class=\"badge error\">fejl</span>",
    ] {
        assert!(html.contains(heading), "missing {heading}");
    }
}

#[test]
fn the_summary_counts_findings_by_severity() {
    let html = render(HOSTILE, Lang::En);
    assert!(
        html.contains("<span class=\"badge error\">Errors</span></th><td class=\"number\">1</td>"),
        "{html}"
    );
    assert!(
        html.contains(
            "<span class=\"badge warning\">Warnings</span></th><td class=\"number\">0</td>"
        )
    );
    assert!(html.contains("<th scope=\"row\">Turned off</th><td class=\"number\">1</td>"));
}

#[test]
fn a_report_is_written_even_with_findings_and_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.html");
    let output = hjemmel(&["report", HOSTILE, "-o", file.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let html = std::fs::read_to_string(&file).unwrap();
    assert!(html.ends_with("</html>\n"));
    // SOURCE_DATE_EPOCH stands for now: the report says which day it was made.
    assert!(
        html.contains("<td>2026-07-26</td>"),
        "no date in the report"
    );
    let entries = std::fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(entries, 1, "no temporary file is left behind");
}

#[test]
fn a_spec_that_cannot_be_read_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.html");
    let output = hjemmel(&[
        "report",
        "tests/fixtures/cli/syntax_error.hjemmel",
        "-o",
        file.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("error[syntax]"), "{stderr}");
    assert!(!file.exists());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn a_spec_that_cannot_be_read_leaves_an_existing_file_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.html");
    std::fs::write(&file, "last week's report").unwrap();
    let output = hjemmel(&[
        "report",
        "tests/fixtures/cli/no_such_spec.hjemmel",
        "-o",
        file.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "last week's report"
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn a_file_that_cannot_be_written_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("no/such/dir/report.html");
    let output = hjemmel(&["report", HOSTILE, "-o", file.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.starts_with("cannot write `"), "{stderr}");
}
