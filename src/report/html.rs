//! `hjemmel report SPEC -o report.html`: one self-contained HTML file a lawyer can open — the summary,
//! every finding with the spec's words and the fix, the findings turned off and why, the flow of
//! personal data as a picture, and the record of processing activities (art. 30(1)).
//!
//! The file needs nothing else: the stylesheet is inline, there are no scripts, fonts, images or
//! links outside it. Everything that comes from the spec is escaped (`html/escape.rs`).

pub mod about;
mod escape;
mod findings;
mod graph;
pub mod overview;
mod page;
mod record;
pub mod scope;
mod snippet;
mod style;
mod template;

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::Checked;
use crate::diagnostic::{Origin, Severity};
use crate::i18n::{Lang, Text};
use crate::report::Counts;
use crate::report::group::Group;
use crate::semantic::model::Model;
use crate::source::SourceMap;
use crate::spec_map::SpecMap;
use crate::texts;
use crate::tr;

pub use escape::escape;
pub use escape::escape_pieces;
pub use graph::{graph_picture, printed_rows};
pub use page::Page;

use escape::Escaped;

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
    SUPPRESSED = ("Findings turned off", "Fravalgte fund (med begrundelse)"),
    FLOW = ("The flow of personal data", "Strømme af personoplysninger"),
    PICTURE_LEFT_OUT = (
        "The drawing is left out: the spec has {boxes} activities and parties, more than a drawing can show legibly (at most {limit}). `hjemmel graph --format svg` draws it.",
        "Tegningen er udeladt: specifikationen har {boxes} aktiviteter og parter, flere end en tegning kan vise læseligt (højst {limit}). `hjemmel graph --format svg` tegner den.",
    ),
    FLOWS_LEFT_OUT = (
        "The {flows} flows of personal data are not listed here either: printed, they would run to many pages. `hjemmel graph --format dot` lists them all, each with the data it carries; the record below gives each activity's recipients and processors.",
        "De {flows} strømme af personoplysninger er heller ikke oplistet her: udskrevet ville de fylde mange sider. `hjemmel graph --format dot` oplister dem alle, hver med de oplysninger, den omfatter; fortegnelsen nedenfor angiver hver aktivitets modtagere og databehandlere.",
    ),
    RECORD = (
        "Record of processing activities (GDPR art. 30(1))",
        "Fortegnelse over behandlingsaktiviteter (databeskyttelsesforordningens art. 30, stk. 1)",
    ),
    ERRORS = ("Errors", "Mangler"),
    WARNINGS = ("Warnings", "Bør vurderes"),
    TURNED_OFF = ("Turned off", "Slået fra"),
    BY_CODE = ("Findings by rule", "Fund pr. regel"),
    CODE = ("Rule", "Regel"),
    SEVERITY = ("Severity", "Alvorlighed"),
    NUMBER = ("Number", "Antal"),
    INTRO = (
        "hjemmel read the spec below, checked it against the GDPR and Danish data-protection law, and lists here what it found. Each finding names the provisions it rests on and quotes the words of the spec it concerns.",
        "hjemmel har læst specifikationen nedenfor, kontrolleret den mod databeskyttelsesforordningen og dansk databeskyttelsesret og oplister her, hvad den fandt. Hvert fund angiver de bestemmelser, det bygger på, og citerer de ord i specifikationen, det angår.",
    ),
    ASSESSED = ("Document assessed", "Vurderet dokument"),
    NO_DOCUMENT = (
        "not stated in the spec (add `document \"...\"` to the controller block)",
        "ikke angivet i specifikationen (tilføj `document \"...\"` i controller-blokken)",
    ),
    DOCUMENT_VERSION = ("version {version}", "i version {version}"),
    DOCUMENT_DATE = ("dated {date}", "dateret {date}"),
    COMMIT = ("Spec as committed", "Specifikationen som committet"),
    COMMIT_CLEAN = ("git commit {hash}; the files are as committed", "git-commit {hash}; filerne er som committet"),
    COMMIT_DIRTY = (
        "git commit {hash}, with changes not committed: the report shows the files as they are on disk",
        "git-commit {hash} med ændringer, der ikke er committet: rapporten viser filerne, som de ligger på disken",
    ),
    NO_COMMIT = ("not in a git repository", "ikke i et git-repository"),
    LAW_DATA = ("Legal reference data as of", "Juridiske referencedata pr."),
    LAW_DATA_NOTE = (
        "{date} (the newest date an entry was checked; the findings apply the law as hjemmel's data state it)",
        "{date} (den seneste dato, en oplysning er kontrolleret; fundene anvender retstilstanden, som hjemmels data angiver den)",
    ),
    UNVERIFIED = (
        "Findings resting on unverified law data",
        "Fund, der bygger på ikke verificerede retsdata",
    ),
    UNVERIFIED_COUNT = (
        "{count} of {total} findings: each is marked on its card; check the provision named there against the text of the law before relying on the finding",
        "{count} af {total} fund: hvert af dem er markeret i fundet; kontrollér den angivne bestemmelse mod lovteksten, før fundet lægges til grund",
    ),
    FLOW_PRINTED = (
        "Printed, the flow of personal data is summarised on this page; the full drawing, with every category of data on every flow, is in this report on screen (open the HTML file) and is printed by `hjemmel graph`. To fit one page: processing activities with the same sources and recipients share a row; the categories of data are left out (the record of processing activities below lists them per activity); the parties on each side are grouped by role and kind.",
        "Ved udskrift er strømmene af personoplysninger sammenfattet på denne side; den fulde tegning med alle kategorier af oplysninger på hver strøm findes i rapporten på skærmen (åbn HTML-filen) og udskrives med `hjemmel graph`. For at det kan stå på én side: behandlingsaktiviteter med de samme kilder og modtagere deler række; kategorierne af oplysninger er udeladt (fortegnelsen over behandlingsaktiviteter nedenfor angiver dem pr. aktivitet); parterne på hver side er grupperet efter rolle og art.",
    ),
    FLOW_MARKS = (
        "Marked, at the activity and at the party that gives or receives them:",
        "Markeret ved aktiviteten og ved den part, der afgiver eller modtager dem:",
    ),
    FLOW_ACTIVITIES = ("Processing activities", "Behandlingsaktiviteter"),
    FLOW_SOURCES = ("Sources", "Kilder"),
    FLOW_OWN_ACTIVITIES = ("The controller's activities", "Den dataansvarliges aktiviteter"),
    FLOW_PROCESSORS = ("Processors", "Databehandlere"),
    FLOW_RECIPIENTS = ("Recipients", "Modtagere"),
    FLOW_FROM = ("From", "Fra"),
    FLOW_TO = ("To", "Til"),
    FLOW_NOTHING_IN = ("no source stated", "ingen kilde angivet"),
    FLOW_NOTHING_OUT = ("stays with the controller", "forbliver hos den dataansvarlige"),
    OVERVIEW = ("Overview by activity", "Oversigt pr. behandlingsaktivitet"),
    ACTIVITY = ("Processing activity", "Behandlingsaktivitet"),
    RULES_FOUND = ("Rules with findings", "Regler med fund"),
    NO_ACTIVITY = (
        "Findings about no single activity (the controller, shared declarations)",
        "Fund, der ikke vedrører en enkelt aktivitet (den dataansvarlige, fælles erklæringer)",
    ),
    RULES = ("The rules cited", "De anvendte regler"),
    RULE_PAGE_HINT = (
        "The rule's page, as `hjemmel explain {code}` prints it",
        "Reglens side, som `hjemmel --lang da explain {code}` udskriver den",
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
    /// The spec's git commit; `None` when it is not in a repository (or not asked, in tests).
    pub commit: Option<about::Commit>,
}

/// The whole report as one HTML document, in memory (for tests; `hjemmel report` writes it with
/// [`render_to`]).
pub fn render(path: &str, sources: &SourceMap, checked: &Checked, options: &Options) -> String {
    let mut page = Page::in_memory();
    write_report(&mut page, path, sources, checked, options);
    page.into_string()
}

/// The whole report as one HTML document, written to `output` as it is made: a report of 100,000
/// activities is some 300 MB, which was once held whole (and grown by doubling) before it was
/// written. The first error `output` gives, if any.
pub fn render_to(
    output: &mut dyn std::io::Write,
    path: &str,
    sources: &SourceMap,
    checked: &Checked,
    options: &Options,
) -> std::io::Result<()> {
    let mut page = Page::to_output(output);
    write_report(&mut page, path, sources, checked, options);
    page.finish()
}

fn write_report(
    out: &mut Page<'_>,
    path: &str,
    sources: &SourceMap,
    checked: &Checked,
    options: &Options,
) {
    let lang = options.lang;
    let controller = &checked.model.controller.label.node;
    let title = tr!(lang, TITLE, controller = controller);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n",
        lang.code(),
        Escaped(&title),
        style::CSS
    );
    header(out, path, sources, &title, checked, options);
    scope::scope_box(out, lang);
    contents(out, lang);

    // The activities by name, for the overview's rows and the findings' labels alike: one map of
    // 100,000 names at 100,000 activities, not two.
    let activities = overview::Activities::of(&checked.model);
    let labels = Labels::of(&checked.model, &activities);
    let label_of = |name: &str| labels.of_name(name);
    let names = findings::Names { label: &label_of };
    let groups = overview::groups(&checked.findings);
    section(out, "summary", SUMMARY, lang, |out| {
        summary(out, checked, &groups, lang)
    });
    section(out, "overview", OVERVIEW, lang, |out| {
        activity_overview(out, checked, &activities, &groups, lang)
    });
    section(out, "findings", FINDINGS, lang, |out| {
        findings::findings(out, sources, &groups, &names, lang)
    });
    section(out, "suppressed", SUPPRESSED, lang, |out| {
        findings::suppressed(out, sources, &checked.suppressed, lang)
    });
    section(out, "flow", FLOW, lang, |out| {
        graph_picture(out, &checked.model, &checked.flow, lang)
    });
    section(out, "record", RECORD, lang, |out| {
        record::record(out, &checked.model, &checked.flow, lang)
    });
    section(out, "rules", RULES, lang, |out| {
        rule_pages(out, &checked.findings, lang)
    });

    let _ = write!(
        out,
        "<footer>{}</footer>\n</body>\n</html>\n",
        Escaped(&tr!(lang, FOOTER, version = env!("CARGO_PKG_VERSION")))
    );
}

/// A `<section>` with its heading and what `body` writes.
fn section(
    out: &mut Page<'_>,
    id: &str,
    heading: Text,
    lang: Lang,
    body: impl FnOnce(&mut Page<'_>),
) {
    let _ = writeln!(
        out,
        "<section id=\"{id}\">\n<h2>{}</h2>",
        escape(heading.get(lang))
    );
    body(out);
    out.push_str("</section>\n");
}

fn header(
    out: &mut Page<'_>,
    path: &str,
    sources: &SourceMap,
    title: &str,
    checked: &Checked,
    options: &Options,
) {
    let lang = options.lang;
    let files: Vec<String> = sources
        .files()
        .map(|(_, f)| format!("<li>{}</li>", escape(&f.name)))
        .collect();
    let _ = write!(
        out,
        "<header>\n<h1>{}</h1>\n<p class=\"meta\">{}</p>\n<table class=\"counts about\">\n<tbody>\n",
        escape(title),
        escape(&tr!(lang, INTRO)),
    );
    let row = |out: &mut Page<'_>, heading: Text, value: &str| {
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\">{}</th><td>{value}</td></tr>",
            escape(&tr!(lang, heading))
        );
    };
    row(out, ASSESSED, &document(checked, lang));
    row(out, SPEC, &format!("<code>{}</code>", escape(path)));
    row(
        out,
        FILES,
        &format!(
            "<details><summary>{}</summary><ul>{}</ul></details>",
            escape(&match files.len() {
                1 => tr!(lang, ONE_FILE),
                count => tr!(lang, FILE_COUNT, count = count),
            }),
            files.concat()
        ),
    );
    let commit = match &options.commit {
        Some(c) if c.clean => tr!(lang, COMMIT_CLEAN, hash = c.hash),
        Some(c) => tr!(lang, COMMIT_DIRTY, hash = c.hash),
        None => tr!(lang, NO_COMMIT),
    };
    row(out, COMMIT, &escape(&commit));
    row(
        out,
        LAW_DATA,
        &escape(&tr!(lang, LAW_DATA_NOTE, date = about::law_data_date())),
    );
    let unverified = checked
        .findings
        .iter()
        .filter(|d| !d.unverified.is_empty())
        .count();
    row(
        out,
        UNVERIFIED,
        &escape(&tr!(
            lang,
            UNVERIFIED_COUNT,
            count = unverified,
            total = checked.findings.len()
        )),
    );
    row(out, TOOL, &format!("hjemmel {}", env!("CARGO_PKG_VERSION")));
    if let Some(day) = &options.made_on {
        row(out, MADE_ON, &escape(day));
    }
    out.push_str("</tbody>\n</table>\n</header>\n");
}

/// The document the spec encodes, in one line: its title, version, date and address.
fn document(checked: &Checked, lang: Lang) -> String {
    let Some(d) = &checked.model.controller.document else {
        return format!(
            "<em class=\"missing\">{}</em>",
            escape::message(&tr!(lang, NO_DOCUMENT))
        );
    };
    let mut parts = vec![format!("<cite>{}</cite>", escape(&d.title.node))];
    if let Some(version) = &d.version {
        parts.push(escape(&tr!(lang, DOCUMENT_VERSION, version = version.node)));
    }
    if let Some(date) = &d.date {
        parts.push(escape(&tr!(lang, DOCUMENT_DATE, date = date.node)));
    }
    if let Some(web) = &d.web {
        parts.push(format!("<span class=\"web\">{}</span>", escape(&web.node)));
    }
    parts.join(", ")
}

fn contents(out: &mut Page<'_>, lang: Lang) {
    let _ = writeln!(
        out,
        "<nav>\n<h2>{}</h2>\n<ol>",
        escape(&tr!(lang, CONTENTS))
    );
    for (id, text) in [
        ("scope", scope::SCOPE),
        ("summary", SUMMARY),
        ("overview", OVERVIEW),
        ("findings", FINDINGS),
        ("suppressed", SUPPRESSED),
        ("flow", FLOW),
        ("record", RECORD),
        ("rules", RULES),
    ] {
        let _ = writeln!(
            out,
            "<li><a href=\"#{id}\">{}</a></li>",
            escape(&tr!(lang, text))
        );
    }
    out.push_str("</ol>\n</nav>\n");
}

/// The label of each declaration by its spec name, built once: a search of every declaration for
/// each name a message shows made the report quadratic. Where two declarations share a name, the
/// first in the order activities, subjects, data, sources, processors, recipients, controller wins.
/// The activities are looked up in the overview's map of them (most of a large spec's
/// declarations, so not hashed into a second map); the rest are keyed by the spec's names: hashed
/// as [`SpecMap`] hashes them (not SipHash), and sized once rather than grown.
struct Labels<'m, 'a> {
    model: &'m Model,
    activities: &'a overview::Activities<'m>,
    others: SpecMap<&'m str, &'m str>,
}

impl<'m, 'a> Labels<'m, 'a> {
    fn of(model: &'m Model, activities: &'a overview::Activities<'m>) -> Self {
        let declarations = model
            .subjects
            .iter()
            .map(|x| (&x.name, &x.label))
            .chain(model.data.iter().map(|x| (&x.name, &x.label)))
            .chain(model.sources.iter().map(|x| (&x.name, &x.label)))
            .chain(model.processors.iter().map(|x| (&x.name, &x.label)))
            .chain(model.recipients.iter().map(|x| (&x.name, &x.label)))
            .chain(std::iter::once((
                &model.controller.name,
                &model.controller.label,
            )));
        let count = model.subjects.len()
            + model.data.len()
            + model.sources.len()
            + model.processors.len()
            + model.recipients.len()
            + 1;
        let mut others = SpecMap::with_capacity_and_hasher(count, Default::default());
        for (name, label) in declarations {
            others
                .entry(name.node.as_str())
                .or_insert(label.node.as_str());
        }
        Labels {
            model,
            activities,
            others,
        }
    }

    /// The label of the declaration a spec name stands for, where the name is one.
    fn of_name(&self, name: &str) -> Option<&'m str> {
        match self.activities.of_name(name) {
            Some(i) => Some(&self.model.activities[i].label.node),
            None => self.others.get(name).copied(),
        }
    }
}

/// The counts per severity, then per rule with a link to the rule's first finding.
fn summary(out: &mut Page<'_>, checked: &Checked, groups: &[Group<'_>], lang: Lang) {
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
    // Per code: its severity, how many, and the number of its first card.
    let mut by_code: BTreeMap<(std::cmp::Reverse<Severity>, &str), (usize, usize)> =
        BTreeMap::new();
    for (i, g) in groups.iter().enumerate() {
        let d = g.first();
        let entry = by_code
            .entry((std::cmp::Reverse(d.severity), d.code.as_str()))
            .or_insert((0, i + 1));
        entry.0 += g.findings.len();
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
            "<tr><td><a class=\"code\" href=\"#finding-{first}\">{}</a> {}</td><td><span class=\"badge {}\">{}</span></td><td class=\"number\">{count}</td></tr>",
            escape(code),
            escape(crate::report::rule_title(code, lang)),
            severity.0.as_str(),
            escape(crate::report::severity(severity.0, Origin::Rule, lang))
        );
    }
    out.push_str("</tbody>\n</table>\n");
}

/// One row per activity: how many errors and warnings, and the rules, errors first, each linked to
/// its finding. Activities with the most errors come first.
fn activity_overview(
    out: &mut Page<'_>,
    checked: &Checked,
    activities: &overview::Activities<'_>,
    groups: &[Group<'_>],
    lang: Lang,
) {
    let model = &checked.model;
    let rows = overview::per_activity(model, activities, &checked.findings);
    // The first card of each (activity, code), found in one pass over the cards.
    // Keyed by an index and a rule's code, neither written by the spec's author: hashed with
    // FxHash, not SipHash (100,000 rows).
    let mut cards: rustc_hash::FxHashMap<(usize, &str), usize> = Default::default();
    for (n, g) in groups.iter().enumerate() {
        for d in &g.findings {
            if let Some(activity) = activities.of_finding(d) {
                cards
                    .entry((activity, g.first().code.as_str()))
                    .or_insert(n);
            }
        }
    }
    let card = |activity: usize, code: &str| cards.get(&(activity, code)).copied();
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by_key(|&i| {
        (
            std::cmp::Reverse(rows[i].errors),
            std::cmp::Reverse(rows[i].warnings),
        )
    });
    let _ = writeln!(
        out,
        "<table class=\"overview\">\n<thead><tr><th>{}</th><th><span class=\"badge error\">{}</span></th><th><span class=\"badge warning\">{}</span></th><th>{}</th></tr></thead>\n<tbody>",
        escape(&tr!(lang, ACTIVITY)),
        escape(&tr!(lang, ERRORS)),
        escape(&tr!(lang, WARNINGS)),
        escape(&tr!(lang, RULES_FOUND)),
    );
    for i in order {
        let row = &rows[i];
        out.push_str("<tr><td>");
        out.escaped(row.label);
        if let Some(unit) = row.unit {
            out.push_str(" <span class=\"unit\">(");
            out.escaped(unit);
            out.push_str(")</span>");
        }
        // Pieces and numbers, not `write!`: a row for each of 100,000 activities.
        out.push_str("</td><td class=\"number\">");
        out.number(row.errors);
        out.push_str("</td><td class=\"number\">");
        out.number(row.warnings);
        out.push_str("</td><td>");
        for (n, (code, severity)) in row.codes.iter().enumerate() {
            if n > 0 {
                out.push(' ');
            }
            let card = card(i, code);
            if let Some(n) = card {
                out.push_str("<a href=\"#finding-");
                out.number(n + 1);
                out.push_str("\">");
            }
            out.push_str("<span class=\"code ");
            out.push_str(severity.as_str());
            out.push_str("\">");
            out.escaped(code);
            out.push_str("</span>");
            if card.is_some() {
                out.push_str("</a>");
            }
        }
        out.push_str("</td></tr>\n");
    }
    let (errors, warnings) = checked
        .findings
        .iter()
        .filter(|d| activities.of_finding(d).is_none())
        .fold((0, 0), |(e, w), d| match d.severity {
            Severity::Error => (e + 1, w),
            Severity::Warning => (e, w + 1),
        });
    if errors + warnings > 0 {
        let _ = writeln!(
            out,
            "<tr class=\"other\"><td>{}</td><td class=\"number\">{errors}</td><td class=\"number\">{warnings}</td><td></td></tr>",
            escape(&tr!(lang, NO_ACTIVITY)),
        );
    }
    out.push_str("</tbody>\n</table>\n");
}

/// Each rule with a finding, with its summary and its page, so that a code links to what it means.
fn rule_pages(out: &mut Page<'_>, findings: &[crate::diagnostic::Diagnostic], lang: Lang) {
    let mut codes: Vec<&str> = findings.iter().map(|d| d.code.as_str()).collect();
    codes.sort_unstable();
    codes.dedup();
    for code in codes {
        let Some(rule) = crate::rules::registry::find(code) else {
            continue;
        };
        let meta = rule.meta();
        let title = crate::report::rule_title(code, lang);
        // The rule's page in the reader's language (a Danish reader gets the Danish page).
        let page = format!(
            "<details><summary>{}</summary><pre class=\"page\">{}</pre></details>",
            escape::message(&tr!(lang, RULE_PAGE_HINT, code = code)),
            page_html(crate::rules::docs::page_in(meta, lang).trim()),
        );
        let _ = writeln!(
            out,
            "<article class=\"rule\" id=\"rule-{code}\">\n<h3><span class=\"code\">{code}</span> {}</h3>\n<p>{}</p>\n{page}\n</article>",
            escape(title),
            escape(meta.summary.get(lang)),
            code = escape(code),
        );
    }
}

/// A rule's Markdown page as the text of a `<pre>`: escaped, its examples (fenced blocks) and the
/// spec's words in backticks as `<code>`, the fences themselves left out.
fn page_html(page: &str) -> String {
    let mut out = String::with_capacity(page.len() + page.len() / 8);
    let mut prose = String::new();
    let mut fenced = false;
    for line in page.lines() {
        if line.trim_start().starts_with("```") {
            if fenced {
                out.push_str("</code>");
            } else {
                out.push_str(&escape::message(&prose));
                prose.clear();
                out.push_str("<code class=\"block\">");
            }
            fenced = !fenced;
        } else if fenced {
            out.push_str(&escape(line));
            out.push('\n');
        } else {
            prose.push_str(line);
            prose.push('\n');
        }
    }
    if fenced {
        out.push_str("</code>");
    }
    out.push_str(&escape::message(prose.trim_end()));
    out
}

#[cfg(test)]
mod tests {
    use super::page_html;

    #[test]
    fn a_rule_page_shows_its_examples_and_spec_words_as_code() {
        let page = "# X: title\n\nWrite `retain x\nfor 5 years` here.\n\n```hjemmel\nsource a \"<b>\"\n```\nAfter.";
        assert_eq!(
            page_html(page),
            "# X: title\n\nWrite <code>retain x\nfor 5 years</code> here.\n\n<code class=\"block\">source a &quot;&lt;b&gt;&quot;\n</code>After."
        );
        // An unclosed fence is closed; nothing is lost.
        assert_eq!(
            page_html("a\n```\nb"),
            "a\n<code class=\"block\">b\n</code>"
        );
    }
}
