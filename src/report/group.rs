//! Identical findings across declarations, said once: the same problem in eleven activities (eleven
//! `SOURCE-NOTICE` warnings that differ only in the activity's name) is one group with eleven places.
//! The human output and the HTML report group with [`group`]; JSON and SARIF keep one result per
//! finding and let machines group by [`Diagnostic::declaration`].

use rustc_hash::{FxHashMap, FxHashSet};

use crate::diagnostic::{Declaration, Diagnostic, Severity};

/// Findings that say the same thing about different declarations, in the order the first of each
/// was given.
#[derive(Debug, Clone)]
pub struct Group<'a> {
    /// Every finding of the group, in the order given; never empty. The first stands for all.
    pub findings: Vec<&'a Diagnostic>,
    /// The message with the declaration's name taken out (`` `…` ``): what the findings share.
    pub message: String,
}

impl<'a> Group<'a> {
    /// The finding that stands for the group.
    pub fn first(&self) -> &'a Diagnostic {
        self.findings[0]
    }

    /// More than one finding.
    pub fn is_grouped(&self) -> bool {
        self.findings.len() > 1
    }
}

/// What makes two findings identical: same code, same severity, same message and help once the
/// declaration's own name (and label) is taken out, same provisions and unverified provisions.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Key<'a> {
    code: &'a str,
    severity: Severity,
    message: String,
    help: Option<String>,
    provisions: &'a [String],
    unverified: &'a [String],
}

/// The stand-in for a declaration's name in a grouped message.
pub const NAME_TAKEN_OUT: &str = "`…`";

/// `text` with the name (in backticks) and label (in quotes) of the finding's declaration taken
/// out; the text as it is for a finding about no declaration.
pub fn without_own_name(d: &Diagnostic, text: &str) -> String {
    let Some(decl) = &d.declaration else {
        return text.to_string();
    };
    let mut out = replace_quoted(text, "`", &decl.name, "`");
    if !decl.label.is_empty() {
        for (open, close) in [("\"", "\""), ("“", "”"), ("«", "»")] {
            out = replace_quoted(&out, open, &decl.label, close);
        }
    }
    out
}

/// `text.replace("{open}{inner}{close}", NAME_TAKEN_OUT)`, found by the opening mark alone (one
/// `memchr` over the text), with no pattern built: grouping takes every finding's message and help
/// through here, and `str::replace` set up a substring search four times for each.
fn replace_quoted(text: &str, open: &str, inner: &str, close: &str) -> String {
    let first = open.as_bytes()[0];
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut at = 0;
    while let Some(found) = memchr::memchr(first, &bytes[at..]) {
        let start = at + found;
        let quoted = text[start..]
            .strip_prefix(open)
            .and_then(|rest| rest.strip_prefix(inner))
            .and_then(|rest| rest.strip_prefix(close));
        match quoted {
            Some(rest) => {
                out.push_str(&text[copied..start]);
                out.push_str(NAME_TAKEN_OUT);
                copied = text.len() - rest.len();
                at = copied;
            }
            None => at = start + 1,
        }
    }
    out.push_str(&text[copied..]);
    out
}

/// Groups identical findings across declarations (see [`Key`]): a pure function of the findings,
/// which keeps their order. Each finding of a group is about a different declaration: two findings
/// about the same one (two lines of one activity) stay apart, as do findings about no declaration
/// (spec errors). A finding that is like no other is a group of one.
pub fn group(diagnostics: &[Diagnostic]) -> Vec<Group<'_>> {
    let mut groups: Vec<Group<'_>> = Vec::new();
    // The groups of each key; a finding joins the first whose declarations do not hold its own.
    // Fx hashing: a look-up for every finding, and neither map is iterated, so no order reaches
    // the output.
    let mut index: FxHashMap<Key<'_>, Vec<usize>> = FxHashMap::default();
    // The declarations of each group, so that joining one is not a walk over all its findings.
    let mut declarations: Vec<FxHashSet<&Declaration>> = Vec::new();
    for d in diagnostics {
        let message = without_own_name(d, &d.message);
        let Some(declaration) = &d.declaration else {
            groups.push(Group {
                findings: vec![d],
                message,
            });
            declarations.push(FxHashSet::default());
            continue;
        };
        let key = Key {
            code: &d.code,
            severity: d.severity,
            message: message.clone(),
            help: d.help.as_deref().map(|h| without_own_name(d, h)),
            provisions: &d.provisions,
            unverified: &d.unverified,
        };
        let candidates = index.entry(key).or_default();
        let joinable = candidates
            .iter()
            .copied()
            .find(|&i| !declarations[i].contains(declaration));
        match joinable {
            Some(i) => {
                groups[i].findings.push(d);
                declarations[i].insert(declaration);
            }
            None => {
                candidates.push(groups.len());
                groups.push(Group {
                    findings: vec![d],
                    message,
                });
                declarations.push(FxHashSet::from_iter([declaration]));
            }
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quoted_name_is_replaced_as_str_replace_replaces_it() {
        let texts = [
            "",
            "`a`",
            "``a``",
            "`a``a`",
            "`a`a`",
            "x `a` y `a`",
            "`ab` `a",
            "«a» “a” \"a\"\"a\"",
            "“a”",
            "«a»»",
            "`",
            "a",
            "`aa`",
            "``",
            "æ `a` ø",
        ];
        for text in texts {
            for (open, close) in [("`", "`"), ("\"", "\""), ("“", "”"), ("«", "»")] {
                for inner in ["a", "", "aa", "`a"] {
                    assert_eq!(
                        replace_quoted(text, open, inner, close),
                        text.replace(&format!("{open}{inner}{close}"), NAME_TAKEN_OUT),
                        "{text:?} {open}{inner}{close}"
                    );
                }
            }
        }
    }
    use crate::diagnostic::{DeclarationKind, Origin};

    fn finding(code: &str, activity: &str, message: &str, help: &str) -> Diagnostic {
        let mut d = Diagnostic::spec_error(code, message)
            .with_help(help)
            .about(Declaration {
                kind: DeclarationKind::Activity,
                name: activity.to_string(),
                label: format!("Label of {activity}"),
            });
        d.origin = Origin::Rule;
        d.severity = Severity::Warning;
        d.provisions = vec!["GDPR art. 14".to_string()];
        d
    }

    #[test]
    fn the_same_finding_in_two_activities_is_one_group() {
        let findings = [
            finding(
                "SOURCE-NOTICE",
                "school",
                "activity `school` collects from `register` without saying how the data subjects are told",
                "add `notice` to `school`",
            ),
            finding(
                "RETENTION-MISSING",
                "school",
                "`grades` has no deadline in `school`",
                "add `retain grades ...`",
            ),
            finding(
                "SOURCE-NOTICE",
                "care",
                "activity `care` collects from `register` without saying how the data subjects are told",
                "add `notice` to `care`",
            ),
        ];
        let groups = group(&findings);
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].findings.len(), 2);
        assert_eq!(groups[0].first().code, "SOURCE-NOTICE");
        assert_eq!(
            groups[0].message,
            "activity `…` collects from `register` without saying how the data subjects are told"
        );
        assert!(std::ptr::eq(groups[0].findings[1], &findings[2]));
        assert!(!groups[1].is_grouped());
    }

    #[test]
    fn a_different_help_severity_or_provision_keeps_findings_apart() {
        let base = || {
            finding(
                "SOURCE-NOTICE",
                "school",
                "activity `school` lacks a notice",
                "add `notice`",
            )
        };
        let other = |f: fn(&mut Diagnostic)| {
            let mut d = finding(
                "SOURCE-NOTICE",
                "care",
                "activity `care` lacks a notice",
                "add `notice`",
            );
            f(&mut d);
            d
        };
        for changed in [
            other(|d| d.help = Some("state the exemption".to_string())),
            other(|d| d.severity = Severity::Error),
            other(|d| d.provisions.push("GDPR art. 13".to_string())),
            other(|d| d.code = "NOTICE-MISSING".to_string()),
        ] {
            assert_eq!(group(&[base(), changed]).len(), 2);
        }
        assert_eq!(group(&[base(), other(|_| {})]).len(), 1);
    }

    #[test]
    fn two_findings_about_one_declaration_are_not_grouped() {
        let twice = [
            finding(
                "ARCHIVE-BEFORE-DELETE",
                "council",
                "`council` deletes",
                "archive",
            ),
            finding(
                "ARCHIVE-BEFORE-DELETE",
                "council",
                "`council` deletes",
                "archive",
            ),
            finding(
                "ARCHIVE-BEFORE-DELETE",
                "school",
                "`school` deletes",
                "archive",
            ),
        ];
        let groups = group(&twice);
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].findings.len(), 2);
        assert_eq!(
            groups[0].findings[1].declaration.as_ref().unwrap().name,
            "school"
        );
        assert_eq!(groups[1].findings.len(), 1);
        let spec_errors = [
            Diagnostic::spec_error("unknown-name", "no `x`"),
            Diagnostic::spec_error("unknown-name", "no `x`"),
        ];
        assert_eq!(group(&spec_errors).len(), 2);
    }

    #[test]
    fn a_name_that_is_only_part_of_another_word_is_kept() {
        let d = finding("X", "care", "`careful` is not `care`", "");
        assert_eq!(
            without_own_name(&d, &d.message),
            format!("`careful` is not {NAME_TAKEN_OUT}")
        );
    }
}
