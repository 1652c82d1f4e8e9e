//! Each rule's documentation as a Markdown page: the text of its doc comment (one source of truth)
//! with its code, severity and provisions. `hjemmel explain` prints it; docs/rules/ holds the same
//! pages, and a test fails when they are stale.

use super::RuleMeta;
use super::registry::RULES;

/// Where the generated pages live, relative to the repository root.
pub const DIRECTORY: &str = "docs/rules";

/// The page of one rule.
pub fn page(meta: &RuleMeta) -> String {
    // Doc comments keep the space after `///`.
    let body: Vec<&str> = meta
        .docs
        .lines()
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .collect();
    let (title, rest) = body.split_first().map_or(("", &[][..]), |(t, r)| (*t, r));
    let provisions: Vec<String> = meta.provisions.iter().map(|c| c.to_string()).collect();
    let mut out = String::new();
    out.push_str(title);
    out.push_str("\n\n");
    out.push_str(&format!(
        "**Code:** `{}` · **Default severity:** {} · **Provisions:** {}\n",
        meta.code,
        meta.severity.as_str(),
        provisions.join("; ")
    ));
    out.push_str(rest.join("\n").trim_end());
    out.push('\n');
    out
}

/// The index of all rules.
pub fn index() -> String {
    let mut out = String::new();
    out.push_str("# Rules\n\nEvery rule hjemmel checks, by code. `hjemmel explain CODE` prints the same page.\n\n");
    out.push_str("| code | severity | what it checks |\n|---|---|---|\n");
    for rule in RULES {
        let meta = rule.meta();
        out.push_str(&format!(
            "| [`{code}`]({code}.md) | {} | {} |\n",
            meta.severity.as_str(),
            meta.summary.en,
            code = meta.code
        ));
    }
    out
}

/// The files of docs/rules/, by name: one page per rule and the index, each marked as generated.
pub fn files() -> Vec<(String, String)> {
    let notice = "<!-- Generated from the rules' source in src/rules/ by \
                  `UPDATE_RULE_DOCS=1 cargo test --test rule_docs`; edit the source, not this file. -->\n\n";
    let mut files: Vec<(String, String)> = RULES
        .iter()
        .map(|r| {
            (
                format!("{}.md", r.meta().code),
                format!("{notice}{}", page(r.meta())),
            )
        })
        .collect();
    files.push(("index.md".to_string(), format!("{notice}{}", index())));
    files
}
