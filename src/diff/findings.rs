//! Which findings a change introduces, which it fixes, and which were there before and still are.
//!
//! A finding is matched across the two versions by its code and the names in backticks in its
//! message, in order: `RETENTION-MISSING` + [`payment`, `room_booking`]. Why that key:
//! - not line numbers or byte offsets, which every unrelated edit above the finding shifts;
//! - not the whole message, since some messages describe what is missing (`with no notice and no
//!   logic`) and a partial fix would then read as one finding fixed and another introduced, while the
//!   reviewer sees the same debt, still there;
//! - not the underlined words, which for some rules are a whole statement (a `basis` line) that an
//!   unrelated added citation changes;
//! - the names are the declarations the finding is about (activity, category, processor, recipient,
//!   controller), written by the spec's author and independent of the language of the messages.
//!
//! Several findings may share a key (one rule reporting two things about one activity): they are
//! paired first with the finding of the same message, then in order, and only the extra ones count as
//! introduced or fixed.

use super::Side;
use crate::config::waivers::Suppressed;
use crate::diagnostic::{Diagnostic, Severity};
use crate::report::Counts;

/// What identifies a finding across versions (see the module documentation).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FindingKey {
    pub code: String,
    pub names: Vec<String>,
}

impl FindingKey {
    pub fn of(finding: &Diagnostic) -> FindingKey {
        FindingKey {
            code: finding.code.clone(),
            names: backticked(&finding.message),
        }
    }
}

/// The words between pairs of backticks, in order.
fn backticked(message: &str) -> Vec<String> {
    message
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// The findings of the two versions, sorted by what the change did to them.
#[derive(Debug, Default)]
pub struct FindingChanges<'a> {
    /// In the new version only (located in the new version's files).
    pub introduced: Vec<&'a Diagnostic>,
    /// In the old version only, and not turned off in the new one (located in the old version's files).
    pub fixed: Vec<&'a Diagnostic>,
    /// Reported in the old version and turned off by a waiver or the settings in the new one.
    pub waived: Vec<&'a Suppressed>,
    /// In both versions (as the new version reports them).
    pub unchanged: Vec<&'a Diagnostic>,
}

impl<'a> FindingChanges<'a> {
    pub fn between(old: Option<Side<'a>>, new: Side<'a>) -> FindingChanges<'a> {
        let old_findings: Vec<&Diagnostic> =
            old.map_or_else(Vec::new, |s| s.checked.findings.iter().collect());
        let new_findings: Vec<&Diagnostic> = new.checked.findings.iter().collect();
        let pairing = pair(&old_findings, &new_findings);
        let mut changes = FindingChanges::default();
        for (i, &finding) in new_findings.iter().enumerate() {
            if pairing.new_matched[i] {
                changes.unchanged.push(finding);
            } else {
                changes.introduced.push(finding);
            }
        }
        let unmatched_old: Vec<&Diagnostic> = old_findings
            .iter()
            .zip(&pairing.old_matched)
            .filter(|(_, matched)| !**matched)
            .map(|(f, _)| *f)
            .collect();
        // An old finding that the new version turns off is not fixed: say so, with the reason.
        let suppressed: Vec<&Diagnostic> =
            new.checked.suppressed.iter().map(|s| &s.finding).collect();
        let waiving = pair(&unmatched_old, &suppressed);
        for (i, finding) in unmatched_old.into_iter().enumerate() {
            if !waiving.old_matched[i] {
                changes.fixed.push(finding);
            }
        }
        changes.waived = new
            .checked
            .suppressed
            .iter()
            .zip(&waiving.new_matched)
            .filter(|(_, matched)| **matched)
            .map(|(s, _)| s)
            .collect();
        changes
    }

    /// Every finding of `new` unchanged, as [`FindingChanges::between`] pairs a version with itself.
    pub fn all_unchanged(new: Side<'a>) -> FindingChanges<'a> {
        FindingChanges {
            unchanged: new.checked.findings.iter().collect(),
            ..FindingChanges::default()
        }
    }

    /// No finding was introduced, fixed or turned off.
    pub fn is_empty(&self) -> bool {
        self.introduced.is_empty() && self.fixed.is_empty() && self.waived.is_empty()
    }

    /// The change introduces a finding of error severity.
    pub fn introduces_error(&self) -> bool {
        self.introduced
            .iter()
            .any(|d| d.severity == Severity::Error)
    }

    pub fn counts(&self) -> FindingCounts {
        let of = |list: &[&Diagnostic]| {
            let errors = list
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .count();
            Counts {
                errors,
                warnings: list.len() - errors,
            }
        };
        let waived: Vec<&Diagnostic> = self.waived.iter().map(|s| &s.finding).collect();
        FindingCounts {
            introduced: of(&self.introduced),
            fixed: of(&self.fixed),
            waived: of(&waived),
            unchanged: of(&self.unchanged),
        }
    }
}

/// How many findings of each severity the change introduced, fixed, turned off and left.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct FindingCounts {
    pub introduced: Counts,
    pub fixed: Counts,
    pub waived: Counts,
    pub unchanged: Counts,
}

/// Which findings of each list found a partner in the other.
struct Pairing {
    old_matched: Vec<bool>,
    new_matched: Vec<bool>,
}

/// A finding's [`FindingKey`] without the copies: it compares (and hashes) as the key does (the
/// code, then the names in order), reading the names from the message as it goes. Tens of thousands
/// of findings are paired for two large specs, and the owned keys took a few hundred bytes each.
#[derive(Clone, Copy)]
struct KeyOf<'d>(&'d Diagnostic);

impl KeyOf<'_> {
    fn names(&self) -> impl Iterator<Item = &str> {
        self.0.message.split('`').skip(1).step_by(2)
    }

    fn cmp(&self, other: &KeyOf<'_>) -> std::cmp::Ordering {
        (self.0.code.cmp(&other.0.code)).then_with(|| self.names().cmp(other.names()))
    }
}

impl KeyOf<'_> {
    /// A number equal for equal keys, so that most comparisons are of numbers. foldhash with a
    /// random seed, as the spec's own words are hashed elsewhere (src/spec_map.rs): no set of names
    /// makes the keys collide on purpose, and it costs a fraction of SipHash.
    fn hash(&self, seed: &foldhash::fast::RandomState) -> u64 {
        use std::hash::{BuildHasher, Hash, Hasher};
        let mut hasher = seed.build_hasher();
        self.0.code.hash(&mut hasher);
        for name in self.names() {
            name.hash(&mut hasher);
        }
        hasher.finish()
    }
}

fn pair(old: &[&Diagnostic], new: &[&Diagnostic]) -> Pairing {
    // The old findings by the hash of their key; within a hash in their own order (a stable sort),
    // which is the order candidates of one key are tried in. Keys of one hash are told apart by
    // comparing them.
    let seed = foldhash::fast::RandomState::default();
    let old_hashes: Vec<u64> = old.iter().map(|d| KeyOf(d).hash(&seed)).collect();
    let mut old_by_hash: Vec<u32> = (0..old.len() as u32).collect();
    old_by_hash.sort_by_key(|&i| old_hashes[i as usize]);
    let mut pairing = Pairing {
        old_matched: vec![false; old.len()],
        new_matched: vec![false; new.len()],
    };
    let new_hashes: Vec<u64> = new.iter().map(|d| KeyOf(d).hash(&seed)).collect();
    // First the partner with the very same message, then any partner of the same key.
    for same_message in [true, false] {
        for (j, d) in new.iter().enumerate() {
            if pairing.new_matched[j] {
                continue;
            }
            let (key, hash) = (KeyOf(d), new_hashes[j]);
            let first = old_by_hash.partition_point(|&i| old_hashes[i as usize] < hash);
            let partner = old_by_hash[first..]
                .iter()
                .map(|&i| i as usize)
                .take_while(|&i| old_hashes[i] == hash)
                .filter(|&i| !pairing.old_matched[i])
                // The same code and message is the same key: the names come from the message.
                .find(|&i| match same_message {
                    true => old[i].code == d.code && old[i].message == d.message,
                    false => KeyOf(old[i]).cmp(&key).is_eq(),
                });
            if let Some(i) = partner {
                pairing.old_matched[i] = true;
                pairing.new_matched[j] = true;
            }
        }
    }
    pairing
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A finding with only a code and a message, which is all the key looks at.
    fn finding(code: &str, message: &str) -> Diagnostic {
        Diagnostic::spec_error(code, message)
    }

    #[test]
    fn the_key_is_the_code_and_the_names_in_backticks() {
        let d = finding(
            "RETENTION-MISSING",
            "`payment` is kept with no deletion deadline in activity `room_booking`",
        );
        assert_eq!(
            FindingKey::of(&d),
            FindingKey {
                code: "RETENTION-MISSING".to_string(),
                names: vec!["payment".to_string(), "room_booking".to_string()],
            }
        );
    }

    #[test]
    fn findings_are_paired_in_the_order_of_their_owned_keys() {
        let findings = [
            finding("B", "`a` x"),
            finding("A", "`b` and `c`"),
            finding("A", "`b`"),
            finding("A", "no names"),
            finding("A", "`b` and `a`"),
        ];
        for x in &findings {
            for y in &findings {
                assert_eq!(
                    KeyOf(x).cmp(&KeyOf(y)),
                    FindingKey::of(x).cmp(&FindingKey::of(y)),
                    "{} / {}",
                    x.message,
                    y.message
                );
            }
        }
    }

    #[test]
    fn extra_findings_of_one_key_are_introduced_and_the_rest_unchanged() {
        let old = [finding("X", "`a` lacks p")];
        let new = [finding("X", "`a` lacks q"), finding("X", "`a` lacks p")];
        let pairing = pair(
            &old.iter().collect::<Vec<_>>(),
            &new.iter().collect::<Vec<_>>(),
        );
        // The same message is preferred, so the one that changed wording is the extra one.
        assert_eq!(pairing.new_matched, vec![false, true]);
        assert_eq!(pairing.old_matched, vec![true]);
    }
}
