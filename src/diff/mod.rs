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
pub mod notice;
pub mod words;

use std::collections::BTreeMap;

use crate::i18n::Lang;
use crate::source::{LoadError, SourceMap};
use crate::{Checked, Outcome};

/// One version of the spec, understood and checked.
#[derive(Clone, Copy)]
pub struct Side<'a> {
    pub sources: &'a SourceMap,
    pub checked: &'a Checked,
}

/// The old version of a spec, read: checked on its own, or, when it has the very text of the new
/// version (a spec the change did not touch, `diff --base main`), sharing the new version's check,
/// since a check reads nothing but the text ([`SourceMap::same_text`]).
pub enum OldVersion {
    /// Boxed: an outcome is a thousand bytes, the shared version's sources a few words.
    Checked(Box<Outcome>),
    SameAsNew(SourceMap),
}

impl OldVersion {
    /// The old version from what was read of it (`loaded`, as [`crate::source::load`] gives it),
    /// checked unless the new version, understood, has its text.
    pub fn of(loaded: Result<SourceMap, LoadError>, new: &Outcome, lang: Lang) -> OldVersion {
        match loaded {
            Ok(sources) if new.result.is_ok() && sources.same_text(&new.sources) => {
                OldVersion::SameAsNew(sources)
            }
            Ok(sources) => {
                let result = crate::check_sources(&sources, lang);
                OldVersion::Checked(Box::new(Outcome { sources, result }))
            }
            Err(failed) => OldVersion::Checked(Box::new(Outcome {
                sources: failed.sources,
                result: Err(vec![failed.error]),
            })),
        }
    }

    /// Its own outcome: `None` when it shares the new version's, which was understood.
    pub fn outcome(&self) -> Option<&Outcome> {
        match self {
            OldVersion::Checked(outcome) => Some(&**outcome),
            OldVersion::SameAsNew(_) => None,
        }
    }

    /// The version, understood and checked, with `new` the new version's outcome; `None` when it
    /// was not understood.
    pub fn side<'a>(&'a self, new: &'a Outcome) -> Option<Side<'a>> {
        let (sources, result) = match self {
            OldVersion::Checked(outcome) => (&outcome.sources, &outcome.result),
            OldVersion::SameAsNew(sources) => (sources, &new.result),
        };
        let checked = result.as_ref().ok()?;
        Some(Side { sources, checked })
    }
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
    /// The sentences of the privacy notice the change alters: empty until [`Diff::with_notice`].
    pub notice: notice::NoticeChanges,
    /// Whether the notices were compared ([`Diff::with_notice`]; `hjemmel diff --notice`).
    pub notice_compared: bool,
}

impl Diff<'_> {
    /// Nothing a reviewer would see changed: no flow, declaration or finding.
    pub fn is_empty(&self) -> bool {
        self.flows.is_empty()
            && self.changes.is_empty()
            && self.findings.is_empty()
            && self.notice.is_empty()
    }

    /// The diff with the sentences of the privacy notice the change alters, the notices written in
    /// `lang`. Apart from [`compare`]: it builds both versions' notices, which hold several times
    /// the text of a spec, while the rest of the comparison holds about its size (tests/scaling.rs).
    pub fn with_notice(mut self, lang: Lang) -> Self {
        self.notice = notice::NoticeChanges::between(self.old, self.new, lang);
        self.notice_compared = true;
        self
    }
}

/// Compares two versions of a spec; `old` is `None` when the spec did not exist before.
pub fn compare<'a>(compared: Compared<'a>, old: Option<Side<'a>>, new: Side<'a>) -> Diff<'a> {
    // One check for both versions (the spec did not change: [`OldVersion::SameAsNew`]) has no flow,
    // declaration or finding that differs: every finding is unchanged, nothing to walk.
    if let Some(old) = old
        && std::ptr::eq(old.checked, new.checked)
    {
        return Diff {
            compared,
            old: Some(old),
            new,
            flows: flows::FlowChanges::none(new),
            changes: changes::ModelChanges::default(),
            findings: findings::FindingChanges::all_unchanged(new),
            notice: notice::NoticeChanges::default(),
            notice_compared: false,
        };
    }
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
        notice: notice::NoticeChanges::default(),
        notice_compared: false,
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
