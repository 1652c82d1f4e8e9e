//! `hjemmel report SPEC -o report.html`: one self-contained HTML file a lawyer can open — the summary,
//! every finding with the spec's words and the fix, the findings turned off and why, the flow of
//! personal data as a picture, and the record of processing activities (art. 30(1)).
//!
//! The file needs nothing else: the stylesheet is inline, there are no scripts, fonts, images or
//! links outside it. Everything that comes from the spec is escaped (`html/escape.rs`).

mod escape;
mod findings;
mod graph;
mod record;
mod snippet;
mod style;

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::Checked;
use crate::diagnostic::Severity;
use crate::i18n::{Lang, Text};
use crate::report::Counts;
use crate::ropa::Record;
use crate::source::SourceMap;
use crate::texts;
use crate::tr;

pub use escape::escape;
pub use graph::graph_picture;

/// The texts of the private parts, for [`crate::i18n::all_texts`].
pub const FINDINGS_TEXTS: &[(&str, crate::i18n::Text)] = findings::ALL;

texts! {
    TITLE = ("Compliance report: {controller}", "Compliancerapport: {controller}"),
    SPEC = ("Spec", "Specifikation"),
    FILES = ("Files", "Filer"),
    ONE_FILE = ("1 file", "1 fil"),
    FILE_COUNT = ("{count} files", "{count} filer"),
    TOOL = ("Checked with", "Kontrolleret med"),
    MADE_ON = ("Made on", "Udarbejdet"),
    CONTENTS = ("Contents", "Indhold"),
    SUMMARY = ("Summary", "Sammendrag"),
    FINDINGS = ("Findings", "Fund"),
    SUPPRESSED = ("Findings turned off", "Fund, der er slået fra"),
    FLOW = ("The flow of personal data", "Personoplysningernes vej"),
    RECORD = (
        "Record of processing activities (GDPR art. 30(1))",
        "Fortegnelse over behandlingsaktiviteter (databeskyttelsesforordningens art. 30, stk. 1)",
    ),
    ERRORS = ("Errors", "Fejl"),
    WARNINGS = ("Warnings", "Advarsler"),
    TURNED_OFF = ("Turned off", "Slået fra"),
    BY_CODE = ("Findings by rule", "Fund pr. regel"),
    CODE = ("Rule", "Regel"),
    SEVERITY = ("Severity", "Alvorlighed"),
    NUMBER = ("Number", "Antal"),
    INTRO = (
        "hjemmel read the spec below, checked it against the GDPR and Danish data-protection law, and lists here what it found. Each finding names the provisions it rests on and quotes the words of the spec it concerns.",
        "hjemmel har læst specifikationen nedenfor, kontrolleret den mod databeskyttelsesforordningen og dansk databeskyttelsesret og oplister her, hvad den fandt. Hvert fund angiver de bestemmelser, det bygger på, og citerer de ord i specifikationen, det angår.",
    ),
    FOOTER = (
        "Made by hjemmel {version} from the spec's text alone. A finding is a reason to look closer, not a legal assessment.",
        "Udarbejdet af hjemmel {version} alene ud fra specifikationens tekst. Et fund er en anledning til at se nærmere efter, ikke en juridisk vurdering.",
    ),
}

/// What the report is made with, besides the checked spec.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub lang: Lang,
    /// The day the report is made, as `YYYY-MM-DD`; `None` leaves it out (so tests are stable).
    pub made_on: Option<String>,
}

/// The whole report as one HTML document.
pub fn render(path: &str, sources: &SourceMap, checked: &Checked, options: &Options) -> String {
    let lang = options.lang;
    let controller = &checked.model.controller.label.node;
    let title = tr!(lang, TITLE, controller = controller);
    let mut out = String::with_capacity(64 * 1024);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n",
        lang.code(),
        escape(&title),
        style::CSS
    );
    header(&mut out, path, sources, &title, options);
    contents(&mut out, lang);

    section(&mut out, "summary", SUMMARY, lang, |out| {
        summary(out, checked, lang)
    });
    section(&mut out, "findings", FINDINGS, lang, |out| {
        findings::findings(out, sources, &checked.findings, lang)
    });
    section(&mut out, "suppressed", SUPPRESSED, lang, |out| {
        findings::suppressed(out, sources, &checked.suppressed, lang)
    });
    section(&mut out, "flow", FLOW, lang, |out| {
        graph_picture(out, &checked.model, &checked.flow, lang)
    });
    section(&mut out, "record", RECORD, lang, |out| {
        record::record(out, &Record::build(&checked.model, &checked.flow, lang))
    });

    let _ = write!(
        out,
        "<footer>{}</footer>\n</body>\n</html>\n",
        escape(&tr!(lang, FOOTER, version = env!("CARGO_PKG_VERSION")))
    );
    out
}

/// A `<section>` with its heading and what `body` writes.
fn section(out: &mut String, id: &str, heading: Text, lang: Lang, body: impl FnOnce(&mut String)) {
    let _ = writeln!(
        out,
        "<section id=\"{id}\">\n<h2>{}</h2>",
        escape(heading.get(lang))
    );
    body(out);
    out.push_str("</section>\n");
}

fn header(out: &mut String, path: &str, sources: &SourceMap, title: &str, options: &Options) {
    let lang = options.lang;
    let files: Vec<String> = sources
        .files()
        .map(|(_, f)| format!("<li>{}</li>", escape(&f.name)))
        .collect();
    let _ = write!(
        out,
        "<header>\n<h1>{}</h1>\n<p class=\"meta\">{}</p>\n<table class=\"counts\">\n<tbody>\n<tr><th scope=\"row\">{}</th><td><code>{}</code></td></tr>\n<tr><th scope=\"row\">{}</th><td><details><summary>{}</summary><ul>{}</ul></details></td></tr>\n<tr><th scope=\"row\">{}</th><td>hjemmel {}</td></tr>\n",
        escape(title),
        escape(&tr!(lang, INTRO)),
        escape(&tr!(lang, SPEC)),
        escape(path),
        escape(&tr!(lang, FILES)),
        escape(&match files.len() {
            1 => tr!(lang, ONE_FILE),
            count => tr!(lang, FILE_COUNT, count = count),
        }),
        files.concat(),
        escape(&tr!(lang, TOOL)),
        env!("CARGO_PKG_VERSION"),
    );
    if let Some(day) = &options.made_on {
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\">{}</th><td>{}</td></tr>",
            escape(&tr!(lang, MADE_ON)),
            escape(day)
        );
    }
    out.push_str("</tbody>\n</table>\n</header>\n");
}

fn contents(out: &mut String, lang: Lang) {
    let _ = writeln!(
        out,
        "<nav>\n<h2>{}</h2>\n<ol>",
        escape(&tr!(lang, CONTENTS))
    );
    for (id, text) in [
        ("summary", SUMMARY),
        ("findings", FINDINGS),
        ("suppressed", SUPPRESSED),
        ("flow", FLOW),
        ("record", RECORD),
    ] {
        let _ = writeln!(
            out,
            "<li><a href=\"#{id}\">{}</a></li>",
            escape(&tr!(lang, text))
        );
    }
    out.push_str("</ol>\n</nav>\n");
}

/// The counts per severity, then per rule with a link to the rule's first finding.
fn summary(out: &mut String, checked: &Checked, lang: Lang) {
    let counts = Counts::of(&checked.findings);
    let _ = writeln!(
        out,
        "<table class=\"counts\">\n<tbody>\n<tr><th scope=\"row\"><span class=\"badge error\">{}</span></th><td class=\"number\">{}</td></tr>\n<tr><th scope=\"row\"><span class=\"badge warning\">{}</span></th><td class=\"number\">{}</td></tr>\n<tr><th scope=\"row\">{}</th><td class=\"number\">{}</td></tr>\n</tbody>\n</table>",
        escape(&tr!(lang, ERRORS)),
        counts.errors,
        escape(&tr!(lang, WARNINGS)),
        counts.warnings,
        escape(&tr!(lang, TURNED_OFF)),
        checked.suppressed.len()
    );
    if checked.findings.is_empty() {
        return;
    }
    // Per code: its severity, how many, and the number of its first finding.
    let mut by_code: BTreeMap<(std::cmp::Reverse<Severity>, &str), (usize, usize)> =
        BTreeMap::new();
    for (i, d) in checked.findings.iter().enumerate() {
        let entry = by_code
            .entry((std::cmp::Reverse(d.severity), d.code.as_str()))
            .or_insert((0, i + 1));
        entry.0 += 1;
    }
    let _ = writeln!(
        out,
        "<h3>{}</h3>\n<table class=\"counts\">\n<thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>",
        escape(&tr!(lang, BY_CODE)),
        escape(&tr!(lang, CODE)),
        escape(&tr!(lang, SEVERITY)),
        escape(&tr!(lang, NUMBER))
    );
    for ((severity, code), (count, first)) in by_code {
        let _ = writeln!(
            out,
            "<tr><td class=\"code\"><a href=\"#finding-{first}\">{}</a></td><td><span class=\"badge {}\">{}</span></td><td class=\"number\">{count}</td></tr>",
            escape(code),
            severity.0.as_str(),
            escape(&findings::severity(lang, severity.0))
        );
    }
    out.push_str("</tbody>\n</table>\n");
}
