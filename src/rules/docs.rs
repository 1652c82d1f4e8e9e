//! Each rule's documentation as a Markdown page: the text of its doc comment (one source of truth)
//! with its code, severity and provisions. `hjemmel explain` prints it; docs/rules/ holds the same
//! pages, and a test fails when they are stale.
//!
//! The Danish page (`--lang da explain CODE`, docs/rules/da/) is written from `src/rules/da/CODE.md`,
//! a translation of the doc comment. Its first line records a fingerprint of the English text it was
//! translated from ([`TRANSLATED_FROM`]), so that a test fails when the English page changes and the
//! Danish one is left behind.

use super::RuleMeta;
use super::registry::RULES;
use crate::i18n::Lang;
use crate::i18n::citation::cite;

/// Where the generated pages live, relative to the repository root.
pub const DIRECTORY: &str = "docs/rules";

/// The sub-directory of [`DIRECTORY`] for the Danish pages.
pub const DANISH_DIRECTORY: &str = "da";

/// How the first line of a Danish source begins; the fingerprint of the English doc comment follows.
pub const TRANSLATED_FROM: &str = "<!-- translated from the English page with fingerprint ";

/// The page of one rule, in English.
pub fn page(meta: &RuleMeta) -> String {
    page_in(meta, Lang::En)
}

/// The page of one rule in `lang`.
pub fn page_in(meta: &RuleMeta, lang: Lang) -> String {
    let source = match lang {
        Lang::En => meta.docs,
        Lang::Da => danish_body(meta.docs_da),
    };
    // Doc comments keep the space after `///`.
    let body: Vec<&str> = source
        .lines()
        .map(|l| match lang {
            Lang::En => l.strip_prefix(' ').unwrap_or(l),
            Lang::Da => l,
        })
        .collect();
    let (title, rest) = body.split_first().map_or(("", &[][..]), |(t, r)| (*t, r));
    let provisions: Vec<String> = meta
        .provisions
        .iter()
        .map(|c| match lang {
            Lang::En => c.to_string(),
            Lang::Da => cite(lang, c.act, c.provision),
        })
        .collect();
    let mut out = String::new();
    out.push_str(title);
    out.push_str("\n\n");
    out.push_str(&crate::tr!(
        lang,
        text::HEADER,
        code = meta.code,
        severity = severity_word(meta.severity, lang),
        provisions = provisions.join("; ")
    ));
    out.push('\n');
    out.push_str(rest.join("\n").trim_end());
    out.push('\n');
    out
}

/// The Danish source without its first line (the fingerprint of the English it was translated from).
fn danish_body(source: &'static str) -> &'static str {
    match source.split_once('\n') {
        Some((first, rest)) if first.starts_with(TRANSLATED_FROM) => rest.trim_start_matches('\n'),
        _ => source,
    }
}

/// The fingerprint a Danish source records of the English doc comment it translates (FNV-1a, 64
/// bits, in hex): any change to the English text changes it.
pub fn fingerprint(english: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in english.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// The fingerprint recorded in a Danish source, if its first line has one.
pub fn recorded_fingerprint(danish_source: &str) -> Option<&str> {
    let first = danish_source.lines().next()?;
    let rest = first.strip_prefix(TRANSLATED_FROM)?;
    Some(rest.trim_end().trim_end_matches("-->").trim())
}

fn severity_word(severity: crate::diagnostic::Severity, lang: Lang) -> &'static str {
    match severity {
        crate::diagnostic::Severity::Error => text::ERROR.get(lang),
        crate::diagnostic::Severity::Warning => text::WARNING.get(lang),
    }
}

/// The index of all rules in `lang`.
pub fn index_in(lang: Lang) -> String {
    let mut out = String::new();
    out.push_str(text::INDEX_HEAD.get(lang));
    for rule in RULES {
        let meta = rule.meta();
        out.push_str(&format!(
            "| [`{code}`]({code}.md) | {} | {} |\n",
            severity_word(meta.severity, lang),
            meta.summary.get(lang),
            code = meta.code
        ));
    }
    out
}

/// The files of docs/rules/, by path relative to it: one page per rule and the index in English,
/// and the same in Danish under `da/`, each marked as generated.
pub fn files() -> Vec<(String, String)> {
    let mut files = Vec::new();
    for lang in Lang::ALL {
        let (prefix, notice) = match lang {
            Lang::En => (
                String::new(),
                "<!-- Generated from the rules' source in src/rules/ by \
                 `UPDATE_RULE_DOCS=1 cargo test --test rule_docs`; edit the source, not this file. -->\n\n",
            ),
            Lang::Da => (
                format!("{DANISH_DIRECTORY}/"),
                "<!-- Generated from the Danish sources in src/rules/da/ by \
                 `UPDATE_RULE_DOCS=1 cargo test --test rule_docs`; edit the source, not this file. -->\n\n",
            ),
        };
        for rule in RULES {
            files.push((
                format!("{prefix}{}.md", rule.meta().code),
                format!("{notice}{}", page_in(rule.meta(), lang)),
            ));
        }
        files.push((
            format!("{prefix}index.md"),
            format!("{notice}{}", index_in(lang)),
        ));
    }
    files
}

/// The fixed words of a rule page, in English and Danish.
pub mod text {
    crate::texts! {
        HEADER = (
            "**Code:** `{code}` · **Default severity:** {severity} · **Provisions:** {provisions}",
            "**Kode:** `{code}` · **Standardniveau:** {severity} · **Bestemmelser:** {provisions}",
        ),
        ERROR = ("error", "mangel"),
        WARNING = ("warning", "bør vurderes"),
        INDEX_HEAD = (
            "# Rules\n\nEvery rule hjemmel checks, by code. `hjemmel explain CODE` prints the same page.\n\n\
             | code | severity | what it checks |\n|---|---|---|\n",
            "# Regler\n\nAlle regler, hjemmel kontrollerer, efter kode. `hjemmel --lang da explain KODE` viser \
             samme side.\n\n| kode | niveau | hvad reglen kontrollerer |\n|---|---|---|\n",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::{TRANSLATED_FROM, danish_body};

    #[test]
    fn only_the_fingerprint_line_is_taken_off_a_danish_source() {
        let marked = format!("{TRANSLATED_FROM}0123abcd -->\n\nFørste linje\nAnden linje");
        let marked: &'static str = marked.leak();
        assert_eq!(danish_body(marked), "Første linje\nAnden linje");
        // A source without the fingerprint loses nothing: its first line is text.
        assert_eq!(
            danish_body("Første linje\nAnden linje"),
            "Første linje\nAnden linje"
        );
    }
}
