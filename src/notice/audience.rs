//! Whom a notice is for: `--for citizens` (the groups of data subjects of kind citizens or children:
//! a citizen reads of their children's data too), `--for employees`, `--for NAME` (one declared
//! `subjects` group), or, by default, every audience the spec has, one section each.

use crate::diagnostic::did_you_mean;
use crate::i18n::Lang;
use crate::law::vocabulary::SubjectKind;
use crate::notice::words;
use crate::semantic::model::{Activity, DataId, Model};
use crate::tr;

/// The audiences `--for` names by kind.
pub const KINDS: [&str; 2] = ["citizens", "employees"];

/// One audience: the heading of its section and the groups of data subjects it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Audience {
    pub heading: String,
    /// Indexed by `SubjectsId`: whether the group belongs to the audience.
    members: Vec<bool>,
}

impl Audience {
    /// Whether the activity processes data about anyone of this audience.
    pub fn covers(&self, activity: &Activity) -> bool {
        activity.subjects.iter().any(|s| self.members[s.id.index()])
    }

    /// Whether `data` is about anyone of this audience in `activity` (a category the activity says
    /// is about other groups only, `data ... about ...`, is not): a notice lists only such data.
    pub fn is_about(&self, activity: &Activity, data: DataId) -> bool {
        activity.details().about.is_empty()
            || activity
                .subjects_of(data)
                .any(|group| self.members[group.index()])
    }

    /// The labels of the audience's groups, in the order of the spec.
    pub fn group_labels<'m>(&self, model: &'m Model) -> Vec<&'m str> {
        model
            .subjects
            .iter()
            .zip(&self.members)
            .filter(|(_, member)| **member)
            .map(|(group, _)| group.label.node.as_str())
            .collect()
    }
}

/// `--for` named no audience of the spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownAudience {
    pub name: String,
    /// The closest audience or group name, when one is close.
    pub suggestion: Option<String>,
}

/// The audiences of the notice: those `--for` names, or all the spec has.
pub fn choose(
    model: &Model,
    wanted: Option<&str>,
    lang: Lang,
) -> Result<Vec<Audience>, UnknownAudience> {
    let Some(name) = wanted else {
        return Ok(by_kind(model, lang));
    };
    let kind =
        |k: &[SubjectKind], heading: crate::i18n::Text| of_kinds(model, k, tr!(lang, heading));
    match name {
        "citizens" => Ok(vec![kind(
            &[SubjectKind::Citizens, SubjectKind::Children],
            words::CITIZENS,
        )]),
        "employees" => Ok(vec![kind(&[SubjectKind::Employees], words::EMPLOYEES)]),
        _ => match model.subjects.iter().position(|s| s.name.node == name) {
            Some(index) => {
                let mut members = vec![false; model.subjects.len()];
                members[index] = true;
                let label = &model.subjects[index].label.node;
                Ok(vec![Audience {
                    heading: tr!(lang, words::FOR_GROUP, group = label),
                    members,
                }])
            }
            None => {
                let names = KINDS
                    .into_iter()
                    .chain(model.subjects.iter().map(|s| s.name.node.as_str()));
                Err(UnknownAudience {
                    name: name.to_string(),
                    suggestion: did_you_mean(name, names).map(str::to_string),
                })
            }
        },
    }
}

/// Every audience the spec declares groups of: citizens (with children), employees, others.
fn by_kind(model: &Model, lang: Lang) -> Vec<Audience> {
    [
        (
            &[SubjectKind::Citizens, SubjectKind::Children][..],
            words::CITIZENS,
        ),
        (&[SubjectKind::Employees][..], words::EMPLOYEES),
        (&[SubjectKind::Other][..], words::OTHERS),
    ]
    .into_iter()
    .map(|(kinds, heading)| of_kinds(model, kinds, tr!(lang, heading)))
    .filter(|audience| audience.members.iter().any(|m| *m))
    .collect()
}

fn of_kinds(model: &Model, kinds: &[SubjectKind], heading: String) -> Audience {
    Audience {
        heading,
        members: model
            .subjects
            .iter()
            .map(|s| kinds.contains(&s.kind))
            .collect(),
    }
}
