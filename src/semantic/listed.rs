//! The data categories an activity lists, by the names written in its `data` statements, for the
//! `retain` and `disclose` statements that must name only these.
//!
//! A `retain` or `disclose` name used to be looked up in the table of every declared name and then
//! searched for in the activity's list: a second hash of every name, and a scan of the list that is
//! quadratic in an activity with thousands of categories each retained on its own line. Here a
//! name is compared with the few names the activity wrote, or looked up in an index of them once
//! the list is long.

use crate::spec_map::SpecMap;

use super::model::DataId;

/// Lists up to this long are searched name by name; longer ones through an index.
const SCAN: usize = 16;

/// The resolved `data` names of the activity being resolved (kept from one activity to the next,
/// so that it is allocated once).
#[derive(Default)]
pub(super) struct ListedData<'a> {
    /// Each name as written in a `data` statement that resolved to a category, in order.
    names: Vec<(&'a str, DataId)>,
    /// The names by name, built on the first look-up of a list longer than [`SCAN`].
    index: SpecMap<&'a str, DataId>,
    /// Whether `index` holds the names of this activity.
    indexed: bool,
    /// Names compared or hashed, for the test that keeps look-ups linear.
    #[cfg(test)]
    pub(super) steps: u64,
}

impl<'a> ListedData<'a> {
    /// Starts the list of another activity.
    pub fn clear(&mut self) {
        self.names.clear();
        if self.indexed {
            self.index.clear();
            self.indexed = false;
        }
    }

    /// A name of a `data` statement that resolved to `id`.
    pub fn push(&mut self, name: &'a str, id: DataId) {
        debug_assert!(
            !self.indexed,
            "every data statement is read before a look-up"
        );
        self.names.push((name, id));
    }

    /// The category `name` stands for, if the activity lists it.
    pub fn get(&mut self, name: &str) -> Option<DataId> {
        if self.names.len() <= SCAN {
            #[cfg(test)]
            {
                self.steps += self.names.len() as u64;
            }
            return self
                .names
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, id)| *id);
        }
        if !self.indexed {
            self.index.reserve(self.names.len());
            // The first of two equal names wins, as a scan would find it (both resolve alike).
            for &(n, id) in self.names.iter().rev() {
                self.index.insert(n, id);
            }
            self.indexed = true;
            #[cfg(test)]
            {
                self.steps += self.names.len() as u64;
            }
        }
        #[cfg(test)]
        {
            self.steps += 1;
        }
        self.index.get(name).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_what_was_listed_short_or_long() {
        for n in [3, 40] {
            let names: Vec<String> = (0..n).map(|i| format!("item_{i}")).collect();
            let mut listed = ListedData::default();
            for (i, name) in names.iter().enumerate() {
                listed.push(name, DataId(i as u32 * 2));
            }
            assert_eq!(listed.get("item_0"), Some(DataId(0)));
            assert_eq!(listed.get("item_2"), Some(DataId(4)));
            assert_eq!(listed.get("item_"), None);
            assert_eq!(listed.get("other"), None);
            listed.clear();
            assert_eq!(listed.get("item_0"), None);
        }
    }

    /// An activity of n categories that names each of them again: the work grows with n, not n².
    #[test]
    fn look_ups_in_a_long_list_are_linear() {
        let steps = |n: usize| {
            let names: Vec<String> = (0..n).map(|i| format!("item_{i}")).collect();
            let mut listed = ListedData::default();
            for (i, name) in names.iter().enumerate() {
                listed.push(name, DataId(i as u32));
            }
            for name in names.iter().rev() {
                assert!(listed.get(name).is_some());
            }
            listed.steps
        };
        let (small, large) = (steps(1_000), steps(2_000));
        assert!(large <= 2 * small + 100, "{small} → {large}");
    }
}
