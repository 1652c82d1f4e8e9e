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
        ..Default::default()
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
/// from anywhere, and the only links are to its own sections and to the text of the acts cited
/// (src/law/data/links.toml). Any other address appears only as text that the spec itself holds.
#[test]
fn the_report_loads_nothing_from_outside() {
    for path in [HOSTILE, "specs/lejre", "specs/randers", ROPA_TRANSFERS] {
        let html = render(path, Lang::En);
        let law_links: Vec<String> = html::about::links()
            .iter()
            .flat_map(|l| [l.en.to_lowercase(), l.da.to_lowercase()])
            .collect();
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
                let href = tag[i + 6..].split('"').next().unwrap_or_default();
                assert!(
                    href.starts_with('#') || law_links.contains(&href.to_string()),
                    "{path}: a link out that is not the text of an act: <{tag}>"
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
                    spec_text.contains(&address) || law_links.contains(&address.to_lowercase()),
                    "{path}: `{address}` is neither text from the spec nor the text of an act"
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

/// The Danish report's appendix of rules gives each rule's Danish page, the English one only in the
/// English report.
#[test]
fn the_rule_appendix_is_in_the_readers_language() {
    let outcome = hjemmel::check_spec(Path::new("specs/lejre"), Lang::Da);
    let checked = outcome.result.as_ref().unwrap();
    for (lang, other) in [(Lang::Da, Lang::En), (Lang::En, Lang::Da)] {
        let report = render("specs/lejre", lang);
        let rules = &report[report.find("<section id=\"rules\">").unwrap()..];
        let rules = &rules[..rules.find("</section>").unwrap()];
        assert!(!rules.contains("(på engelsk)"), "{rules}");
        let mut codes: Vec<&str> = checked.findings.iter().map(|d| d.code.as_str()).collect();
        codes.dedup();
        assert!(!codes.is_empty());
        for code in codes {
            let meta = hjemmel::rules::registry::find(code).unwrap().meta();
            let page = hjemmel::rules::docs::page_in(meta, lang);
            for heading in page.lines().filter(|l| l.starts_with("## ")) {
                assert!(
                    rules.contains(&*html::escape(heading)),
                    "{heading} of {code} in {lang:?}"
                );
            }
            let wrong = hjemmel::rules::docs::page_in(meta, other);
            let heading = wrong.lines().find(|l| l.starts_with("## ")).unwrap();
            assert!(!rules.contains(heading), "{heading} in {lang:?}");
        }
    }
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
        "<h2>Fravalgte fund (med begrundelse)</h2>",
        "<h2>Strømme af personoplysninger</h2>",
        "<h2>Fortegnelse over behandlingsaktiviteter (databeskyttelsesforordningens art. 30, stk. 1)</h2>",
        "Kategorier af registrerede (art. 30, stk. 1, litra c)",
        "<span class=\"badge error\">mangel</span>",
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

/// Point 1 of the brief: the report says which document was assessed (from `document` in the spec),
/// the date of the legal reference data and the hjemmel version.
#[test]
fn the_report_says_what_was_assessed() {
    let html = render("specs/randers", Lang::En);
    let header = &html[..html.find("</header>").unwrap()];
    assert!(
        header.contains(
            "<cite>Følgende kontrolforanstaltninger er opsat i Randers Kommune</cite>, version 2.1, dated 2023-09-01"
        ),
        "{header}"
    );
    let date = html::about::law_data_date();
    assert!(date.starts_with("20") && header.contains(date), "{header}");
    assert!(header.contains(&format!("hjemmel {}", env!("CARGO_PKG_VERSION"))));
    assert!(header.contains("not in a git repository"), "{header}");
    let da = render("specs/lejre", Lang::Da);
    assert!(da.contains(
        "<th scope=\"row\">Vurderet dokument</th><td><cite>Sådan behandler vi dine data</cite></td>"
    ));
    // A spec without `document` says what to add.
    let hostile = render(HOSTILE, Lang::En);
    assert!(hostile.contains("add <code>document &quot;...&quot;</code> to the controller block"));
}

/// The spec's commit, and whether its files are as committed, when it is in a git repository.
#[test]
fn the_report_gives_the_specs_git_commit() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("spec.hjemmel");
    std::fs::copy(ROPA_TRANSFERS, &spec).unwrap();
    let git = |args: &[&str]| {
        let status = std::process::Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@example.org", "-C"])
            .arg(dir.path())
            .args(args)
            .output()
            .unwrap();
        assert!(status.status.success(), "{status:?}");
        String::from_utf8(status.stdout).unwrap()
    };
    git(&["init", "-q"]);
    git(&["add", "spec.hjemmel"]);
    git(&["commit", "-q", "-m", "spec"]);
    let hash = git(&["rev-parse", "HEAD"]).trim().to_string();
    let out = dir.path().join("report.html");
    let report = || {
        let output = hjemmel(&[
            "report",
            spec.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(output.status.code(), Some(0), "{output:?}");
        std::fs::read_to_string(&out).unwrap()
    };
    let html = report();
    assert!(
        html.contains(&format!("git commit {hash}; the files are as committed")),
        "{html}"
    );
    std::fs::write(
        &spec,
        std::fs::read_to_string(&spec).unwrap() + "\n// changed\n",
    )
    .unwrap();
    let html = report();
    assert!(
        html.contains(&format!("git commit {hash}, with changes not committed")),
        "{html}"
    );
}

/// Point 2: what the levels mean and what hjemmel does not check stand at the top, before any
/// finding, in both languages; docs/levels.md is written from the same texts.
#[test]
fn the_scope_box_is_at_the_top_and_equals_the_docs() {
    for (lang, words) in [
        (
            Lang::En,
            [
                "likely breach",
                "needs a legal assessment",
                "AI Act",
                "rights (art. 15–22)",
            ],
        ),
        (
            Lang::Da,
            [
                "sandsynlig overtrædelse",
                "kræver en juridisk vurdering",
                "AI-forordningen",
                "rettigheder (art. 15-22)",
            ],
        ),
    ] {
        let html = render("specs/lejre", lang);
        let scope = html.find("<section id=\"scope\"").expect("a scope box");
        assert!(scope < html.find("<section id=\"summary\"").unwrap());
        assert!(scope < html.find("<section id=\"findings\"").unwrap());
        let end = scope + html[scope..].find("</section>").unwrap();
        for w in words {
            assert!(
                html[scope..end].contains(w),
                "{lang:?}: no `{w}` in the scope box"
            );
        }
    }
    let page = html::scope::markdown();
    if std::env::var_os("UPDATE_LEVELS_DOC").is_some() {
        std::fs::write("docs/levels.md", &page).unwrap();
    }
    let docs = std::fs::read_to_string("docs/levels.md").unwrap_or_default();
    assert_eq!(
        docs, page,
        "docs/levels.md differs from src/report/html/scope.rs: run UPDATE_LEVELS_DOC=1 cargo test --test report"
    );
    // One meaning, one set of words: the page's level words are the human output's, and docs/cli.md
    // links to the page instead of saying it again.
    use hjemmel::report::human::text::{FINDING_ERROR, FINDING_WARNING};
    assert_eq!(
        (FINDING_ERROR.da, FINDING_WARNING.da),
        ("mangel", "bør vurderes")
    );
    assert!(docs.contains("**Mangel.**") && docs.contains("**Bør vurderes.**"));
    assert!(docs.contains("**Error.**") && docs.contains("**Warning.**"));
    let cli = std::fs::read_to_string("docs/cli.md").unwrap();
    let levels = &cli[cli.find("### What the two levels mean").unwrap()..];
    let levels = &levels[..levels.find("\n## ").unwrap_or(levels.len())];
    assert!(levels.contains("[docs/levels.md](levels.md)"), "{levels}");
    assert!(!levels.contains("likely non-compliance"), "{levels}");
}

/// Point 3: cards ordered by severity, identical findings as one card listing the activities, the
/// spec's declarations named by their labels, provisions linked to their text, codes to their page.
#[test]
fn findings_are_grouped_ordered_and_speak_of_labels() {
    let outcome = hjemmel::check_spec(Path::new("specs/lejre"), Lang::En);
    let checked = outcome.result.as_ref().unwrap();
    let html = render("specs/lejre", Lang::En);
    let findings = &html[html.find("<section id=\"findings\">").unwrap()..];
    let findings = &findings[..findings.find("</section>").unwrap()];
    let cards = findings.matches("<article class=\"finding").count();
    assert!(
        cards < checked.findings.len(),
        "{cards} cards for {} findings",
        checked.findings.len()
    );
    // Errors first.
    let last_error = findings.rfind("<article class=\"finding error\"").unwrap();
    let first_warning = findings.find("<article class=\"finding warning\"").unwrap();
    assert!(last_error < first_warning);
    // A group lists its activities by label.
    let group = findings
        .find("<strong>Concerns</strong> (")
        .expect("a card that groups findings on several activities");
    let first = &findings[group..];
    let first = &first[first.find("<ul><li>").unwrap() + "<ul><li>".len()..];
    let first = &first[..first.find("</li>").unwrap()];
    assert!(
        checked
            .model
            .activities
            .iter()
            .any(|a| a.label.as_str() == first),
        "the group lists `{first}`, not an activity's label"
    );
    // Messages name declarations by label, not by spec name.
    for message in findings.split("<p class=\"message\">").skip(1) {
        let message = &message[..message.find("</p>").unwrap()];
        assert!(
            !message.contains("<code>boern_og_laering</code>"),
            "{message}"
        );
    }
    assert!(
        findings.contains("<q>Børn og læring</q>") || findings.contains("<q>Andre borgere"),
        "{findings}"
    );
    // Provisions link to the text of their act; codes to the rule's page in the report.
    assert!(
        findings.contains(
            "<li><a href=\"https://eur-lex.europa.eu/eli/reg/2016/679/oj/eng\">GDPR art. "
        )
    );
    assert!(findings.contains(
        "<a href=\"https://www.retsinformation.dk/eli/lta/2018/502\">Databeskyttelsesloven § "
    ));
    for (i, _) in html.match_indices("href=\"#rule-") {
        let code = html[i + 12..].split('"').next().unwrap();
        assert!(
            html.contains(&format!("id=\"rule-{code}\"")),
            "no page for {code}"
        );
    }
    // The overview has a row per activity with its counts.
    let overview = &html[html.find("<section id=\"overview\">").unwrap()..];
    let overview = &overview[..overview.find("</section>").unwrap()];
    assert_eq!(
        overview.matches("<tr><td>").count(),
        checked.model.activities.len(),
        "{overview}"
    );
}

/// Point 4: printed, the drawing (whose words would be ~4 pt on A4) gives way to a summary in HTML
/// text of at least 8 pt that fits one A4 page: activities with the same sources and recipients
/// share a row, the categories of data are left out (only art. 9, art. 10 and CPR are marked), and
/// the parties are grouped by role and kind. (That it is one page was checked by printing both
/// seeds with headless Chromium; here what can be checked without a browser.)
#[test]
fn the_flow_is_summarised_for_print_in_readable_text() {
    let html = render("specs/randers", Lang::Da);
    assert!(html.contains("@page { size: A4;"));
    let print = &html[html.find("@media print").unwrap()..];
    assert!(print.contains(".picture { display: none; }"), "{print}");
    assert!(
        print.contains(".flow-print { display: block; font-size: 9pt;"),
        "{print}"
    );
    let mut sizes = 0;
    for size in print.split("font-size:").skip(1) {
        let size = size.trim_start();
        if let Some(pt) = size.split("pt").next().and_then(|n| n.parse::<f32>().ok()) {
            assert!(pt >= 8.0, "printed text of {pt} pt");
            sizes += 1;
        }
    }
    assert!(sizes >= 2, "{print}");
    let flow = &html[html.find("<div class=\"flow-print\">").unwrap()..];
    let flow = &flow[..flow.find("</section>").unwrap()];
    // Each activity once, by label.
    let outcome = hjemmel::check_spec(Path::new("specs/randers"), Lang::Da);
    let model = &outcome.result.as_ref().unwrap().model;
    for a in &model.activities {
        assert_eq!(
            flow.matches(&format!("<li>{}", html::escape(&a.label)))
                .count(),
            1,
            "{}",
            a.label.as_str()
        );
    }
    // Parties grouped by role and kind, in Danish; the marks, and no list of categories.
    assert!(
        flow.contains("<span class=\"flow-role\">Modtagere:</span> <span class=\"flow-kind\">politi:</span> <strong>Politiet</strong>"),
        "{flow}"
    );
    assert!(flow.contains("forbliver hos den dataansvarlige"), "{flow}");
    assert!(
        flow.contains("<span class=\"flow-tag\">art. 9 · CPR</span>"),
        "{flow}"
    );
    assert!(flow.contains("sammenfattet på denne side"), "{flow}");
    for d in &model.data {
        assert!(
            !flow.contains(&*html::escape(&d.label)),
            "category {} printed",
            d.label.as_str()
        );
    }
}

/// Lejre's ten departments have the same sources and recipients: they share one printed row, and
/// the whole flow takes few enough rows to fit one A4 page (a row of Lejre's is at most about a
/// fifth of the page; printed with Chromium its four rows take one page in both languages).
#[test]
fn lejres_printed_flow_is_folded_to_fit_one_page() {
    for lang in [Lang::En, Lang::Da] {
        let outcome = hjemmel::check_spec(Path::new("specs/lejre"), lang);
        let checked = outcome.result.as_ref().unwrap();
        let rows = html::printed_rows(&checked.model, &checked.flow, lang);
        assert!(rows <= 6, "{rows} rows");
        assert!(rows < checked.model.activities.len(), "{rows} rows");
        let report = render("specs/lejre", lang);
        let flow = &report[report.find("<div class=\"flow-print\">").unwrap()..];
        let flow = &flow[..flow.find("</section>").unwrap()];
        assert_eq!(flow.matches("<div class=\"flow-row\">").count(), rows);
        // The departments in one box.
        let department_row = flow
            .split("<div class=\"flow-row\">")
            .find(|r| r.contains("<li>Børn og læring"))
            .unwrap();
        let box_ = &department_row[department_row.find("flow-activity").unwrap()..];
        let box_ = &box_[..box_.find("</ul>").unwrap()];
        assert!(box_.contains("<li>Teknik og Miljø"), "{box_}");
        assert!(box_.contains("<li>Velfærd og Omsorg"), "{box_}");
    }
}

/// The English words a Danish reader must not meet: every keyword of the vocabulary's enums (areas,
/// source and recipient kinds, data classes, ...) and the English severity words, from the code (as
/// tests/i18n.rs takes them for the human output), less the keywords Danish writes the same way.
fn english_words() -> Vec<&'static str> {
    support::english_words_and([])
}

/// The text a reader of the report sees, less the spec's own words: no markup, no stylesheet, no
/// quoted spec lines (the snippets' `<figure>`), nothing in `<code>`, `<q>` or `<cite>` (names, labels and titles from
/// the spec), and without the spec's names and labels.
fn report_prose(html: &str, spec_words: &[String]) -> String {
    let mut text = html.to_string();
    for (open, close) in [
        ("<style", "</style>"),
        ("<figure class=\"snippet", "</figure>"),
        ("<code", "</code>"),
        ("<q>", "</q>"),
        ("<cite>", "</cite>"),
    ] {
        while let Some(start) = text.find(open) {
            let end = text[start..]
                .find(close)
                .map_or(text.len(), |e| start + e + close.len());
            text.replace_range(start..end, " ");
        }
    }
    let mut prose = String::new();
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                prose.push(' ');
            }
            _ if !in_tag => prose.push(c),
            _ => {}
        }
    }
    let mut prose = prose
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    for word in spec_words {
        prose = prose.replace(word.as_str(), " ");
    }
    for rule in hjemmel::rules::registry::RULES {
        prose = prose.replace(rule.meta().code, " ");
    }
    prose
}

/// Point 5: the Danish report of both seeds holds no English word of the vocabulary in its prose:
/// kinds, areas, severities are Danish words (spec names and quoted spec lines aside).
#[test]
fn no_english_vocabulary_word_in_a_danish_report() {
    let english = english_words();
    assert!(english.contains(&"authority") && english.contains(&"warning"));
    let sample = "<p>kilde · data_subject <code>school</code> <q>Skolen</q></p><figure class=\"snippet primary\"><pre>area school</pre></figure>";
    assert_eq!(
        report_prose(sample, &[])
            .split_whitespace()
            .collect::<Vec<_>>(),
        ["kilde", "·", "data_subject"]
    );
    let mut found = Vec::new();
    for path in ["specs/lejre", "specs/randers"] {
        let outcome = hjemmel::check_spec(Path::new(path), Lang::Da);
        let checked = outcome.result.as_ref().unwrap();
        let mut spec_words = support::names_and_labels(&checked.model);
        spec_words.sort_by_key(|w| std::cmp::Reverse(w.len()));
        let html = render(path, Lang::Da);
        let prose = report_prose(&html, &spec_words);
        for word in prose.split(|c: char| !(c.is_alphanumeric() || c == '_')) {
            if english.contains(&word.to_lowercase().as_str()) {
                found.push(format!("{path}: `{word}`"));
            }
        }
    }
    found.sort();
    found.dedup();
    assert!(
        found.is_empty(),
        "English words in the Danish report:\n{}",
        found.join("\n")
    );
}

/// `hjemmel report` writes the report as it is made, a chunk at a time ([`html::render_to`]); the
/// bytes are those of the report made whole, over chunk boundaries too (a municipality's report is
/// some 250 KB, several chunks).
#[test]
fn the_report_written_in_chunks_is_the_report_made_whole() {
    for path in ["specs/lejre", HOSTILE] {
        for lang in Lang::ALL {
            let outcome = hjemmel::check_spec(Path::new(path), lang);
            let checked = outcome.result.as_ref().expect("the spec is understood");
            let options = html::Options {
                lang,
                ..Default::default()
            };
            let mut written = Vec::new();
            html::render_to(&mut written, path, &outcome.sources, checked, &options).unwrap();
            let whole = render(path, lang);
            if path == "specs/lejre" {
                assert!(whole.len() > 200_000, "{} bytes", whole.len());
            }
            assert!(
                written == whole.as_bytes(),
                "{path} in {lang:?}: the bytes differ"
            );
        }
    }
}
