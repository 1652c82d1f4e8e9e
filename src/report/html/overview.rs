//! The findings as a lawyer reads them: ordered by severity, identical findings (the same problem
//! in several declarations) as one group that lists them, and per activity what was found.
//!
//! The grouping is the one every format shares ([`crate::report::group::group`]), and a finding is
//! about the declaration it names ([`Diagnostic::declaration`]), so the report, the human output
//! and JSON agree on what is grouped and which activity a finding is about.

use crate::diagnostic::{DeclarationKind, Diagnostic, Severity};
use crate::report::group::{Group, group};
use crate::semantic::model::Model;
use crate::spec_map::SpecMap;

/// The findings grouped ([`group`]) and ordered: errors before warnings, then in the order of their
/// first finding.
pub fn groups(findings: &[Diagnostic]) -> Vec<Group<'_>> {
    let mut groups = group(findings);
    // Stable: within a severity the order of the first finding stays.
    groups.sort_by_key(|g| std::cmp::Reverse(g.first().severity));
    groups
}

/// The index in `model.activities` of each activity, by name: a finding's activity in one look-up
/// (a search of the activities for each finding made the report quadratic, 16 s at 10,000). Keyed
/// by the spec's names, so hashed as [`SpecMap`] hashes them, not with SipHash.
pub struct Activities<'m>(SpecMap<&'m str, usize>);

impl<'m> Activities<'m> {
    pub fn of(model: &'m Model) -> Self {
        let mut by_name =
            SpecMap::with_capacity_and_hasher(model.activities.len(), Default::default());
        for (i, a) in model.activities.iter().enumerate() {
            by_name.entry(a.name.node.as_str()).or_insert(i);
        }
        Activities(by_name)
    }

    /// The index of the first activity named `name`, where one is.
    pub fn of_name(&self, name: &str) -> Option<usize> {
        self.0.get(name).copied()
    }

    /// The index of the activity the finding is about, where it is about one.
    pub fn of_finding(&self, d: &Diagnostic) -> Option<usize> {
        let declaration = d.declaration.as_ref()?;
        if declaration.kind != DeclarationKind::Activity {
            return None;
        }
        self.0.get(declaration.name.as_str()).copied()
    }
}

/// Per activity (by index), its label and unit and the findings about it: `(errors, warnings, codes
/// ordered by severity)`. `activities` is [`Activities::of`] the model, which the caller keeps for its
/// own look-ups.
pub fn per_activity<'a>(
    model: &'a Model,
    activities: &Activities<'_>,
    findings: &'a [Diagnostic],
) -> Vec<Row<'a>> {
    // The label and unit are read here, in the order the activities lie in memory: the overview
    // writes its rows by their findings, and reading each activity and its details box in that
    // order was a read of memory at random for each of 100,000 rows.
    let mut rows: Vec<Row<'a>> = model
        .activities
        .iter()
        .map(|a| Row {
            label: &a.label.node,
            unit: a.details().unit.as_ref().map(|u| u.node.as_str()),
            ..Row::default()
        })
        .collect();
    for d in findings {
        if let Some(i) = activities.of_finding(d) {
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
    /// The activity's label.
    pub label: &'a str,
    /// `unit "..."`: the department or staff function, where the spec gives it.
    pub unit: Option<&'a str>,
    pub errors: usize,
    pub warnings: usize,
    /// Each code once, errors first.
    pub codes: Vec<(&'a str, Severity)>,
}
