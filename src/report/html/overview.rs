//! The findings as a lawyer reads them: ordered by severity, identical findings (the same problem
//! in several activities) as one group that lists the activities, and per activity what was found.
//!
//! A finding belongs to the activity whose declaration holds its primary words. Grouping compares
//! the code, the severity and the texts with the activity's own name and label taken out.

use crate::diagnostic::{Diagnostic, Severity};
use crate::semantic::model::Model;

/// Findings that say the same thing, each about its own activity (or about none).
#[derive(Debug)]
pub struct Group<'a> {
    /// The findings, in the order the other formats give them; the first one is shown.
    pub findings: Vec<&'a Diagnostic>,
    /// The index of each finding's activity in `model.activities`, where it has one.
    pub activities: Vec<Option<usize>>,
}

impl Group<'_> {
    pub fn severity(&self) -> Severity {
        self.findings[0].severity
    }
}

/// The index of the activity whose declaration holds the finding's primary words.
pub fn activity_of(model: &Model, d: &Diagnostic) -> Option<usize> {
    let span = d.primary.as_ref()?.span;
    model.activities.iter().position(|a| {
        a.span.file == span.file && a.span.start <= span.start && span.end <= a.span.end
    })
}

/// A text with the activity's name and label replaced by one placeholder, so that two findings that
/// differ only in which activity they are about compare equal.
fn without_activity(model: &Model, activity: Option<usize>, text: &str) -> String {
    match activity {
        Some(i) => {
            let a = &model.activities[i];
            text.replace(&format!("`{}`", a.name.node), "`\u{0}`")
                .replace(a.label.node.as_str(), "\u{0}")
        }
        None => text.to_string(),
    }
}

/// The findings grouped and ordered: errors before warnings, then in the order of their first
/// finding. Findings about no activity, or with secondary words, are grouped only when identical.
pub fn groups<'a>(model: &Model, findings: &'a [Diagnostic]) -> Vec<Group<'a>> {
    let mut groups: Vec<(Vec<String>, Group<'a>)> = Vec::new();
    for d in findings {
        let activity = activity_of(model, d);
        let mut key = vec![
            d.code.clone(),
            d.severity.as_str().to_string(),
            without_activity(model, activity, &d.message),
            without_activity(model, activity, d.help.as_deref().unwrap_or_default()),
            d.provisions.join("\n"),
            d.note.clone().unwrap_or_default(),
        ];
        // A finding about no activity is grouped only with its exact twin.
        if activity.is_none() {
            key.push(format!("{:?}", d.primary.as_ref().map(|l| l.span)));
        }
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, group)) => {
                group.findings.push(d);
                group.activities.push(activity);
            }
            None => groups.push((
                key,
                Group {
                    findings: vec![d],
                    activities: vec![activity],
                },
            )),
        }
    }
    let mut groups: Vec<Group<'a>> = groups.into_iter().map(|(_, g)| g).collect();
    // Stable: within a severity the order of the first finding stays.
    groups.sort_by_key(|g| std::cmp::Reverse(g.severity()));
    groups
}

/// Per activity (by index), the findings about it: `(errors, warnings, codes ordered by severity)`.
pub fn per_activity<'a>(model: &Model, findings: &'a [Diagnostic]) -> Vec<Row<'a>> {
    let mut rows: Vec<Row<'a>> = model.activities.iter().map(|_| Row::default()).collect();
    for d in findings {
        if let Some(i) = activity_of(model, d) {
            let row = &mut rows[i];
            match d.severity {
                Severity::Error => row.errors += 1,
                Severity::Warning => row.warnings += 1,
            }
            if !row.codes.iter().any(|(c, _)| *c == d.code.as_str()) {
                row.codes.push((d.code.as_str(), d.severity));
            }
        }
    }
    for row in &mut rows {
        row.codes.sort_by_key(|(_, s)| std::cmp::Reverse(*s));
    }
    rows
}

/// What was found about one activity.
#[derive(Debug, Default)]
pub struct Row<'a> {
    pub errors: usize,
    pub warnings: usize,
    /// Each code once, errors first.
    pub codes: Vec<(&'a str, Severity)>,
}
