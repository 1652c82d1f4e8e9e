//! `hjemmel diff`: what a change to a spec does, in the terms a reviewer cares about — which data now
//! flows where (and whether it leaves the EU/EEA), which legal bases, deletion deadlines, activities,
//! parties and transfer mechanisms changed, and which findings the change introduces or fixes.
//!
//! Both versions are compiled and checked as `hjemmel check` does; the comparison works on names
//! declared in the spec, never on positions, so an edit that only moves text changes nothing here.
//! One file per concept: [`flows`] (who receives which data), [`changes`] (the declarations),
//! [`findings`] (matching findings across versions), [`git`] (the old version from a revision), and
//! one renderer per output format.

pub mod changes;
mod ending;
pub mod findings;
pub mod flows;
pub mod git;
pub mod human;
pub mod json;
pub mod markdown;
pub mod words;

use std::collections::BTreeMap;

use crate::Checked;
use crate::source::SourceMap;

/// One version of the spec, understood and checked.
#[derive(Clone, Copy)]
pub struct Side<'a> {
    pub sources: &'a SourceMap,
    pub checked: &'a Checked,
}

/// What is compared with what, as the user named it.
#[derive(Debug, Clone, Copy)]
pub struct Compared<'a> {
    /// The old spec's path as given (with `--base`, the same path as the new one).
    pub old_path: &'a str,
    /// With `--base REV`: the revision the old version was taken from.
    pub revision: Option<&'a str>,
    pub new_path: &'a str,
}

/// Everything the change does.
pub struct Diff<'a> {
    pub compared: Compared<'a>,
    /// `None` when the spec did not exist at the revision: everything in it is new.
    pub old: Option<Side<'a>>,
    pub new: Side<'a>,
    /// Data categories that start or stop reaching a processor, sub-processor or recipient.
    pub flows: flows::FlowChanges<'a>,
    pub changes: changes::ModelChanges,
    pub findings: findings::FindingChanges<'a>,
}

impl Diff<'_> {
    /// Nothing a reviewer would see changed: no flow, declaration or finding.
    pub fn is_empty(&self) -> bool {
        self.flows.is_empty() && self.changes.is_empty() && self.findings.is_empty()
    }
}

/// Compares two versions of a spec; `old` is `None` when the spec did not exist before.
pub fn compare<'a>(compared: Compared<'a>, old: Option<Side<'a>>, new: Side<'a>) -> Diff<'a> {
    // One comparison after the other, each dropping what it built before the next: for two large
    // specs the pairs and the facts are hundreds of megabytes each.
    let flows = flows::FlowChanges::between(old, new);
    let changes = {
        let old_facts = old.map(changes::Facts::of).unwrap_or_default();
        let new_facts = changes::Facts::of(new);
        changes::ModelChanges::between(&old_facts, &new_facts)
    };
    Diff {
        compared,
        old,
        new,
        flows,
        changes,
        findings: findings::FindingChanges::between(old, new),
    }
}

/// Items of one kind that the change adds and removes, each list in a stable order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delta<T> {
    pub added: Vec<T>,
    pub removed: Vec<T>,
}

impl<T> Default for Delta<T> {
    fn default() -> Self {
        Delta {
            added: Vec::new(),
            removed: Vec::new(),
        }
    }
}

impl<T> Delta<T> {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty()
    }
}

impl<T: Clone> Delta<T> {
    /// The values whose keys are only in `new` (added) or only in `old` (removed), in key order.
    pub fn between<K: Ord>(old: &BTreeMap<K, T>, new: &BTreeMap<K, T>) -> Delta<T> {
        Delta {
            added: only_in(new, old),
            removed: only_in(old, new),
        }
    }
}

fn only_in<K: Ord, T: Clone>(these: &BTreeMap<K, T>, those: &BTreeMap<K, T>) -> Vec<T> {
    these
        .iter()
        .filter(|(k, _)| !those.contains_key(k))
        .map(|(_, v)| v.clone())
        .collect()
}
