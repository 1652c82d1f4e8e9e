//! Changes to the declarations themselves: activities added or removed, the legal bases and deletion
//! deadlines of each activity, data categories, processors, recipients, and where each party is and
//! under which transfer mechanism. Everything is matched by its declared name.

use std::collections::BTreeMap;

use super::flows::Place;
use super::{Delta, Side};
use crate::law::citation::LegalRef;
use crate::law::vocabulary::{DataClass, RecipientKind, SpecialKind};
use crate::semantic::model::{Activity, MechanismRef, Model, Period, TransferDecl};

/// What one version declares, by name: the facts the comparison looks at.
#[derive(Debug, Default)]
pub struct Facts<'a> {
    /// The model the activities are from (`None` for a version without any).
    model: Option<&'a Model>,
    /// The activities, by name. A spec has 100,000 of them, each with its categories and
    /// citations: the facts of an activity ([`ActivityFacts`]) are made when it is compared with
    /// its namesake in the other version, one at a time, and never held for all.
    activities: Vec<&'a Activity>,
    pub data: BTreeMap<String, DataFacts>,
    pub processors: BTreeMap<String, ProcessorFacts>,
    pub recipients: BTreeMap<String, RecipientFacts>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivityFacts<'a> {
    pub name: &'a str,
    pub label: &'a str,
    /// The citations of the `basis` statements; compared by how they are written out (`GDPR art.
    /// 6(1)(e)`) when the lists differ.
    pub bases: &'a [LegalRef],
    /// For each data category of the activity, the deletion deadline that covers it (`None`: none).
    /// Sorted by the category's name, each once.
    pub retention: Vec<(&'a str, Option<&'a Period>)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataFacts {
    pub name: String,
    pub label: String,
    pub class: DataClass,
    pub special: Vec<SpecialKind>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProcessorFacts {
    pub name: String,
    pub label: String,
    /// The processor that engaged it, for a sub-processor.
    pub parent: Option<String>,
    /// `Place::Unknown` when the spec states no country.
    pub place: Place,
    pub mechanisms: Vec<Mechanism>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecipientFacts {
    pub name: String,
    pub label: String,
    pub kind: RecipientKind,
    pub place: Option<Place>,
    pub mechanisms: Vec<Mechanism>,
}

/// A transfer mechanism as the spec writes it: `scc`, `derogation(a)`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct Mechanism(pub String);

impl Mechanism {
    fn of(m: &MechanismRef) -> Mechanism {
        let word = m.mechanism.keyword();
        Mechanism(match m.derogation {
            Some(letter) => format!("{word}({letter})"),
            None => word.to_string(),
        })
    }
}

fn mechanisms(transfer: Option<&TransferDecl>) -> Vec<Mechanism> {
    let mut list: Vec<Mechanism> = transfer
        .map(|t| {
            t.mechanisms
                .iter()
                .map(|m| Mechanism::of(&m.node))
                .collect()
        })
        .unwrap_or_default();
    list.sort();
    list.dedup();
    list
}

impl<'a> ActivityFacts<'a> {
    pub fn of(model: &'a Model, a: &'a Activity) -> ActivityFacts<'a> {
        let mut retention: Vec<(&str, Option<&Period>)> = a
            .data
            .iter()
            .map(|d| {
                let period = a.retention_of(d.id).map(|r| &r.period);
                (model.data(d.id).name.node.as_str(), period)
            })
            .collect();
        retention.sort_by_key(|(name, _)| *name);
        // A category listed twice has one deadline.
        retention.dedup_by_key(|(name, _)| *name);
        ActivityFacts {
            name: &a.name.node,
            label: &a.label.node,
            bases: &a.bases,
            retention,
        }
    }

    /// The citations added and removed, each written out once, when the lists differ at all: most
    /// activities of two versions have the same, and writing every citation out was a fifth of the
    /// comparison.
    fn citation_changes(&self, after: &ActivityFacts<'a>) -> Delta<&'a LegalRef> {
        if self.bases == after.bases {
            return Delta::default();
        }
        let written = |list: &'a [LegalRef]| -> BTreeMap<String, &'a LegalRef> {
            list.iter().map(|b| (b.to_string(), b)).collect()
        };
        Delta::between(&written(self.bases), &written(after.bases))
    }
}

impl<'a> Facts<'a> {
    pub fn of(side: Side<'a>) -> Facts<'a> {
        let model = &side.checked.model;
        let mut activities: Vec<&Activity> = model.activities.iter().collect();
        activities.sort_by_key(|a| a.name.node.as_str());
        Facts {
            model: Some(model),
            activities,
            data: model
                .data
                .iter()
                .map(|d| {
                    let facts = DataFacts {
                        name: d.name.node.clone(),
                        label: d.label.node.to_string(),
                        class: d.class,
                        special: d.special.clone(),
                    };
                    (facts.name.clone(), facts)
                })
                .collect(),
            processors: processors(model),
            recipients: model
                .recipients
                .iter()
                .map(|r| {
                    let facts = RecipientFacts {
                        name: r.name.node.clone(),
                        label: r.label.node.to_string(),
                        kind: r.kind,
                        place: r.country.as_ref().map(|c| Place::of(&c.node)),
                        mechanisms: mechanisms(r.transfer.as_ref()),
                    };
                    (facts.name.clone(), facts)
                })
                .collect(),
        }
    }
}

/// The activity cites the same and keeps the same categories, in the same order, for the same
/// periods in both versions: its [`ActivityFacts`] would be equal. Most activities of two versions
/// are; this tells without sorting their categories.
fn unchanged((old, was): (&Model, &Activity), (new, is): (&Model, &Activity)) -> bool {
    was.bases == is.bases
        && was.data.len() == is.data.len()
        && was.data.iter().zip(&is.data).all(|(a, b)| {
            old.data(a.id).name.node == new.data(b.id).name.node
                && was.retention_of(a.id).map(|r| &r.period)
                    == is.retention_of(b.id).map(|r| &r.period)
        })
}

fn processors(model: &Model) -> BTreeMap<String, ProcessorFacts> {
    model
        .processors
        .iter()
        .map(|p| {
            let facts = ProcessorFacts {
                name: p.name.node.clone(),
                label: p.label.node.to_string(),
                parent: p.parent.map(|id| model.processor(id).name.node.clone()),
                place: p
                    .country
                    .as_ref()
                    .map_or(Place::Unknown, |c| Place::of(&c.node)),
                mechanisms: mechanisms(p.transfer.as_ref()),
            };
            (facts.name.clone(), facts)
        })
        .collect()
}

/// An activity, named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivityRef {
    pub name: String,
    pub label: String,
}

/// Citations added to and removed from an activity's legal basis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BasisChange {
    pub activity: String,
    pub citations: Delta<LegalRef>,
}

/// A data category of an activity whose deletion deadline changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetentionChange {
    pub activity: String,
    pub data: String,
    pub old: Option<Period>,
    pub new: Option<Period>,
}

/// A data category whose class changed (e.g. `ordinary` to `special(health)`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reclassified {
    pub old: DataFacts,
    pub new: DataFacts,
}

/// Which kind of party a transfer change is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Party {
    Processor,
    Recipient,
}

/// A processor or recipient that is in both versions but moved, or whose transfer mechanisms changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransferChange {
    pub party: String,
    pub kind: Party,
    /// `Some((old, new))` when the country changed.
    pub place: Option<(Option<Place>, Option<Place>)>,
    pub mechanisms: Delta<Mechanism>,
}

/// Every change to the declarations.
#[derive(Debug, Default)]
pub struct ModelChanges {
    pub activities: Delta<ActivityRef>,
    pub bases: Vec<BasisChange>,
    pub retention: Vec<RetentionChange>,
    pub data: Delta<DataFacts>,
    pub reclassified: Vec<Reclassified>,
    pub processors: Delta<ProcessorFacts>,
    pub recipients: Delta<RecipientFacts>,
    pub transfers: Vec<TransferChange>,
}

impl ModelChanges {
    pub fn between(old: &Facts, new: &Facts) -> ModelChanges {
        let mut changes = ModelChanges {
            data: Delta::between(&old.data, &new.data),
            processors: Delta::between(&old.processors, &new.processors),
            recipients: Delta::between(&old.recipients, &new.recipients),
            ..ModelChanges::default()
        };
        for (was, is) in by_name(&old.activities, &new.activities, |a| &a.name.node) {
            let (before, after) = match (was, is) {
                (Some(removed), None) => {
                    changes.activities.removed.push(ActivityRef::of(removed));
                    continue;
                }
                (None, Some(added)) => {
                    changes.activities.added.push(ActivityRef::of(added));
                    continue;
                }
                (Some(was), Some(is)) => (was, is),
                (None, None) => continue,
            };
            let (Some(old_model), Some(new_model)) = (old.model, new.model) else {
                continue;
            };
            if unchanged((old_model, before), (new_model, after)) {
                continue;
            }
            let before = ActivityFacts::of(old_model, before);
            let after = ActivityFacts::of(new_model, after);
            let name = before.name;
            let citations = before.citation_changes(&after);
            if !citations.is_empty() {
                let owned = |list: Vec<&LegalRef>| list.into_iter().cloned().collect();
                changes.bases.push(BasisChange {
                    activity: name.to_string(),
                    citations: Delta {
                        added: owned(citations.added),
                        removed: owned(citations.removed),
                    },
                });
            }
            let both = by_name(&before.retention, &after.retention, |(name, _)| name);
            for ((data, was), (_, is)) in both.filter_map(|pair| match pair {
                (Some(was), Some(is)) => Some((was, is)),
                _ => None,
            }) {
                if was != is {
                    changes.retention.push(RetentionChange {
                        activity: name.to_string(),
                        data: data.to_string(),
                        old: was.cloned(),
                        new: is.cloned(),
                    });
                }
            }
        }
        for (_, before, after) in in_both(&old.data, &new.data) {
            if (before.class, &before.special) != (after.class, &after.special) {
                changes.reclassified.push(Reclassified {
                    old: before.clone(),
                    new: after.clone(),
                });
            }
        }
        for (name, before, after) in in_both(&old.processors, &new.processors) {
            changes.transfers.extend(transfer_change(
                name,
                Party::Processor,
                (Some(&before.place), Some(&after.place)),
                (&before.mechanisms, &after.mechanisms),
            ));
        }
        for (name, before, after) in in_both(&old.recipients, &new.recipients) {
            changes.transfers.extend(transfer_change(
                name,
                Party::Recipient,
                (before.place.as_ref(), after.place.as_ref()),
                (&before.mechanisms, &after.mechanisms),
            ));
        }
        changes
    }

    pub fn is_empty(&self) -> bool {
        self.activities.is_empty()
            && self.bases.is_empty()
            && self.retention.is_empty()
            && self.data.is_empty()
            && self.reclassified.is_empty()
            && self.processors.is_empty()
            && self.recipients.is_empty()
            && self.transfers.is_empty()
    }
}

impl ActivityRef {
    fn of(a: &Activity) -> ActivityRef {
        ActivityRef {
            name: a.name.node.clone(),
            label: a.label.node.to_string(),
        }
    }
}

/// Two lists sorted by `name`, each name once, walked together: each item with its namesake in
/// the other list (`None` where it has none), in name order.
fn by_name<'l, T>(
    old: &'l [T],
    new: &'l [T],
    name: impl Fn(&T) -> &str + 'l,
) -> impl Iterator<Item = (Option<&'l T>, Option<&'l T>)> + 'l {
    let (mut i, mut j) = (0, 0);
    std::iter::from_fn(move || {
        let order = match (old.get(i), new.get(j)) {
            (Some(a), Some(b)) => name(a).cmp(name(b)),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => return None,
        };
        let was = (order != std::cmp::Ordering::Greater).then(|| &old[i]);
        let is = (order != std::cmp::Ordering::Less).then(|| &new[j]);
        i += usize::from(was.is_some());
        j += usize::from(is.is_some());
        Some((was, is))
    })
}

/// The entries of both maps under the same key, in key order.
fn in_both<'a, K: Ord, V>(
    old: &'a BTreeMap<K, V>,
    new: &'a BTreeMap<K, V>,
) -> impl Iterator<Item = (&'a K, &'a V, &'a V)> {
    old.iter()
        .filter_map(move |(k, before)| new.get(k).map(|after| (k, before, after)))
}

fn transfer_change(
    name: &str,
    kind: Party,
    (was, is): (Option<&Place>, Option<&Place>),
    (before, after): (&[Mechanism], &[Mechanism]),
) -> Option<TransferChange> {
    let set = |list: &[Mechanism]| -> BTreeMap<Mechanism, Mechanism> {
        list.iter().map(|m| (m.clone(), m.clone())).collect()
    };
    let mechanisms = Delta::between(&set(before), &set(after));
    let place = (was != is).then(|| (was.cloned(), is.cloned()));
    (place.is_some() || !mechanisms.is_empty()).then(|| TransferChange {
        party: name.to_string(),
        kind,
        place,
        mechanisms,
    })
}
