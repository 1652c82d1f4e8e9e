//! Identical findings across declarations, said once: the same problem in eleven activities (eleven
//! `SOURCE-NOTICE` warnings that differ only in the activity's name) is one group with eleven places.
//! The human output and the HTML report group with [`group`]; JSON and SARIF keep one result per
//! finding and let machines group by [`Diagnostic::declaration`].

use std::borrow::Cow;
use std::collections::HashSet;

use crate::spec_map::SpecMap;

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
    let mut out = Cow::Borrowed(text);
    replace_quoted(&mut out, '`', &decl.name, '`');
    // A text without an opening quotation mark cannot quote the label: one scan for the three
    // (most findings name their declaration by its name) instead of one for each.
    if !decl.label.is_empty() && opens_a_quote(&out) {
        for (open, close) in [('"', '"'), ('“', '”'), ('«', '»')] {
            replace_quoted(&mut out, open, &decl.label, close);
        }
    }
    out.into_owned()
}

/// Whether `text` holds `"`, `“` or `«`: their first bytes found with `memchr3` (0xe2 and 0xc2 start
/// other characters too, the stand-in's `…` among them), each checked.
fn opens_a_quote(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr3_iter(b'"', 0xe2, 0xc2, bytes).any(|at| {
        let rest = &bytes[at..];
        rest[0] == b'"' || rest.starts_with("“".as_bytes()) || rest.starts_with("«".as_bytes())
    })
}

/// Replaces each `open`, `quoted`, `close` in `text` with [`NAME_TAKEN_OUT`], left to right as
/// `str::replace` does. Found by its opening quote (a `memchr`), not by `str::replace` with a
/// pattern made for it: that made the pattern, a searcher for it and a new string per finding, four
/// times over (most of the time `hjemmel report` spent grouping); text with nothing to take out is
/// left as it is.
fn replace_quoted(text: &mut Cow<'_, str>, open: char, quoted: &str, close: char) {
    let is_match = |rest: &str| {
        rest.strip_prefix(open)
            .and_then(|rest| rest.strip_prefix(quoted))
            .is_some_and(|rest| rest.starts_with(close))
    };
    let whole = open.len_utf8() + quoted.len() + close.len_utf8();
    let mut replaced: Option<String> = None;
    let mut kept_from = 0;
    let mut from = 0;
    while let Some(found) = find_char(&text[from..], open) {
        let at = from + found;
        if is_match(&text[at..]) {
            let out = replaced.get_or_insert_with(|| String::with_capacity(text.len()));
            out.push_str(&text[kept_from..at]);
            out.push_str(NAME_TAKEN_OUT);
            kept_from = at + whole;
            from = kept_from;
        } else {
            from = at + open.len_utf8();
        }
    }
    if let Some(mut out) = replaced {
        out.push_str(&text[kept_from..]);
        *text = Cow::Owned(out);
    }
}

/// Where `c` first is in `text`: an ASCII character (a backtick, a straight quote) found with the
/// `memchr` crate's vector search rather than `str::find`'s byte search, which cost more than the rest
/// of taking names out; any other as `str::find` finds it.
fn find_char(text: &str, c: char) -> Option<usize> {
    if c.is_ascii() {
        memchr::memchr(c as u8, text.as_bytes())
    } else {
        text.find(c)
    }
}

/// A set of declarations, hashed as [`SpecMap`] hashes.
type Declarations<'a> = HashSet<&'a Declaration, foldhash::fast::RandomState>;

/// Groups identical findings across declarations (see [`Key`]): a pure function of the findings,
/// which keeps their order. Each finding of a group is about a different declaration: two findings
/// about the same one (two lines of one activity) stay apart, as do findings about no declaration
/// (spec errors). A finding that is like no other is a group of one.
pub fn group(diagnostics: &[Diagnostic]) -> Vec<Group<'_>> {
    let mut groups: Vec<Group<'_>> = Vec::new();
    // The groups of each key; a finding joins the first whose declarations do not hold its own.
    // Keyed by the spec's words (messages, names): hashed as `SpecMap` hashes them, not with
    // SipHash, which cost more than the rest of grouping.
    let mut index: SpecMap<Key<'_>, Vec<usize>> = SpecMap::default();
    // The declarations of each group, so that joining one is not a walk over all its findings.
    let mut declarations: Vec<Declarations<'_>> = Vec::new();
    for d in diagnostics {
        let message = without_own_name(d, &d.message);
        let Some(declaration) = &d.declaration else {
            groups.push(Group {
                findings: vec![d],
                message,
            });
            declarations.push(Declarations::default());
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
                declarations.push(Declarations::from_iter([declaration]));
            }
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
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

    /// Taking a name out by its quotes gives what `str::replace` with the quoted name gives (the
    /// former way), on texts where matches touch, overlap, nest in other quotes, sit at either end
    /// or are made of the stand-in itself.
    #[test]
    fn a_name_is_taken_out_as_str_replace_takes_it_out() {
        let by_replace = |d: &Diagnostic, text: &str| {
            let decl = d.declaration.as_ref().unwrap();
            let mut out = text.replace(&format!("`{}`", decl.name), NAME_TAKEN_OUT);
            if !decl.label.is_empty() {
                for quoted in [
                    format!("\"{}\"", decl.label),
                    format!("“{}”", decl.label),
                    format!("«{}»", decl.label),
                ] {
                    out = out.replace(&quoted, NAME_TAKEN_OUT);
                }
            }
            out
        };
        let names = ["care", "a", "", "``", "a`a", "…"];
        let labels = ["Care", "", "\"", "`…`", "a\"a", "Pleje «x»", "”"];
        let texts = [
            "",
            "`care`",
            "`care``care` `care`x`care",
            "``care`` and \"Care\" and “Care” and «Care»",
            "\"\"\"\" `a`a`a` \"a\"a\"a\" ``````",
            "“”“” «»«» \"`…`\" `…` «Pleje «x»» “Care",
            "æ`care`ø\"Care\"å “Pleje «x»” `a`",
            "\"`care`\" «`care`» “`a`”",
        ];
        for name in names {
            for label in labels {
                let mut d = finding("X", name, "", "");
                d.declaration.as_mut().unwrap().label = label.to_string();
                for text in texts {
                    assert_eq!(
                        without_own_name(&d, text),
                        by_replace(&d, text),
                        "name {name:?}, label {label:?}, text {text:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn an_opening_quotation_mark_is_found_among_other_characters() {
        for text in ["\"", "x “y", "«", "æ…ø \"", "‘’ «"] {
            assert!(opens_a_quote(text), "{text:?}");
        }
        for text in ["", "`…` æøå", "»”’ ‹›", "§ ¶ — –"] {
            assert!(!opens_a_quote(text), "{text:?}");
        }
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
