//! The resolver's table of declared names, made for the look-ups of 100,000 activities.
//!
//! Every reference of every activity is looked up (about 1.3 million at 100,000 activities), and
//! at that size each look-up is a wait for memory, which perf shows and instruction counts do not:
//!
//! - A look-up that finds its name compares the two. With the key a `&str` into the text, that
//!   read the declaration's own words, far back in a text of 64 MB and seldom in the cache
//!   (`memcmp` took about 5 % of parsing and resolving at 100k, more than its instructions). A
//!   [`NameKey`] keeps the first [`HEAD`] bytes of its name, so a name that long or shorter
//!   compares within the table's entry, and only the rest of a longer one is read from the text.
//! - The activities' own names, 100,000 of the 105,000, are seldom looked up (a source that is
//!   another activity). In a table of their own, the names the activities refer to (groups, data,
//!   sources, processors, recipients) make a table of about 1 MB at 100k, whose control bytes stay
//!   in the cache, instead of being scattered through one of 8 MB.

use std::hash::{Hash, Hasher};

use crate::spec_map::SpecMap;

/// Bytes of a name kept in its key: the names of data categories and groups are seldom longer.
const HEAD: usize = 24;
// Three words: `head_of` reads them.
const _: () = assert!(HEAD == 3 * 8);

/// A name and its first [`HEAD`] bytes as three words (see [`head_of`]). Hashes as the name does;
/// equal exactly when the names are.
#[derive(Clone, Copy, Debug)]
struct NameKey<'a> {
    head: [u64; 3],
    name: &'a str,
}

impl<'a> NameKey<'a> {
    #[inline]
    fn new(name: &'a str) -> Self {
        NameKey {
            head: head_of(name.as_bytes()),
            name,
        }
    }

    /// The name.
    fn name(&self) -> &'a str {
        self.name
    }
}

/// Eight bytes of `bytes` from `at`, as a number.
#[inline]
fn word(bytes: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(bytes[at..at + 8].try_into().expect("eight bytes"))
}

/// The first [`HEAD`] bytes of a name as three words, read eight at a time (a copy of a length
/// known only at run time is a `memcpy` call, and the words read back after it wait for its
/// stores). Which bytes go where depends on the length alone, and a name of up to `HEAD` bytes has
/// every byte in its head (a shorter one's last word overlaps the one before it), so two names
/// of one length have equal heads exactly when their first `HEAD` bytes are equal.
#[inline]
fn head_of(bytes: &[u8]) -> [u64; 3] {
    let n = bytes.len();
    match n {
        HEAD.. => [word(bytes, 0), word(bytes, 8), word(bytes, 16)],
        16.. => [word(bytes, 0), word(bytes, 8), word(bytes, n - 8)],
        8.. => [word(bytes, 0), word(bytes, n - 8), 0],
        _ => {
            let first = bytes
                .iter()
                .rev()
                .fold(0u64, |w, &b| (w << 8) | u64::from(b));
            [first, 0, 0]
        }
    }
}

impl PartialEq for NameKey<'_> {
    #[inline]
    fn eq(&self, other: &Self) -> bool {
        // Equal lengths and heads: equal names when they fit in the head, else compare the rest.
        self.name.len() == other.name.len()
            && self.head == other.head
            && (self.name.len() <= HEAD
                || self.name.as_bytes()[HEAD..] == other.name.as_bytes()[HEAD..])
    }
}

impl Eq for NameKey<'_> {}

impl Hash for NameKey<'_> {
    #[inline]
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.name.hash(state);
    }
}

/// Every declared name, what it was declared as and where, in two tables (module documentation).
/// A name is in at most one of them.
pub(crate) struct Names<'a, V> {
    /// Every name but the activities'.
    referred: SpecMap<NameKey<'a>, V>,
    /// The activities' names.
    activities: SpecMap<&'a str, V>,
}

impl<'a, V: Copy> Names<'a, V> {
    /// Makes room for about `activities` more activities' names.
    pub(crate) fn reserve_activities(&mut self, activities: usize) {
        self.activities.reserve(activities);
    }

    /// What `name` was declared as, if it was.
    #[inline]
    pub(crate) fn get(&self, name: &str) -> Option<V> {
        match self.referred.get(&NameKey::new(name)) {
            Some(found) => Some(*found),
            None => self.activities.get(name).copied(),
        }
    }

    /// Declares `name`, which must not be declared yet, as an activity's name or as another's.
    pub(crate) fn insert(&mut self, name: &'a str, activity: bool, value: V) {
        debug_assert!(self.get(name).is_none());
        if activity {
            self.activities.insert(name, value);
        } else {
            self.referred.insert(NameKey::new(name), value);
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.referred.len() + self.activities.len()
    }

    /// Every name and its value, in no particular order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&'a str, &V)> + '_ {
        self.referred
            .iter()
            .map(|(k, v)| (k.name(), v))
            .chain(self.activities.iter().map(|(k, v)| (*k, v)))
    }
}

impl<V> Default for Names<'_, V> {
    fn default() -> Self {
        Names {
            referred: SpecMap::default(),
            activities: SpecMap::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Names of every length around the head's, differing in one byte at every position or in
    /// their length: the keys are equal exactly when the names are.
    #[test]
    fn keys_are_equal_exactly_when_the_names_are() {
        let base: String = (0..2 * HEAD + 3)
            .map(|i| char::from(b'a' + (i % 26) as u8))
            .collect();
        for len in 0..base.len() {
            let name = &base[..len];
            // Another copy of the same bytes: keys compare the names, not where they are.
            let copy = name.to_owned();
            assert_eq!(NameKey::new(name), NameKey::new(&copy));
            assert_eq!(NameKey::new(name).name(), name);
            for other_len in 0..base.len() {
                let other = &base[..other_len];
                assert_eq!(
                    NameKey::new(name) == NameKey::new(other),
                    len == other_len,
                    "{name:?} and {other:?}"
                );
            }
            for at in 0..len {
                let mut changed = name.as_bytes().to_vec();
                changed[at] = b'_';
                let changed = String::from_utf8(changed).unwrap();
                assert_ne!(
                    NameKey::new(name),
                    NameKey::new(&changed),
                    "{name:?} at {at}"
                );
            }
        }
        // A name shorter than the head is not equal to the same name followed by zero bytes.
        assert_ne!(NameKey::new("data"), NameKey::new("data\0"));
        // Non-ASCII names whose head ends inside a character (bytes 23 and 24 are one `ø`).
        let name = format!("a{}", "æ".repeat(15));
        let other = format!("a{}ø{}", "æ".repeat(11), "æ".repeat(3));
        assert_eq!(name.len(), other.len());
        let copy = name.clone();
        assert_eq!(NameKey::new(&name), NameKey::new(&copy));
        assert_ne!(NameKey::new(&name), NameKey::new(&other));
    }

    /// Keys hash as their names, so that a table of keys is probed as a table of names.
    #[test]
    fn keys_hash_as_their_names() {
        use std::hash::BuildHasher;
        let state = foldhash::fast::RandomState::default();
        for name in [
            "",
            "citizens",
            "scan_found_citizen_14",
            &"x".repeat(3 * HEAD),
        ] {
            assert_eq!(state.hash_one(NameKey::new(name)), state.hash_one(name));
        }
    }

    /// A name is found whichever table it went to, and not found in the other's stead.
    #[test]
    fn names_are_found_in_either_table() {
        let mut names: Names<'_, u32> = Names::default();
        names.reserve_activities(2);
        names.insert("payroll", true, 1);
        names.insert("salary", false, 2);
        names.insert("a_name_longer_than_the_head_of_a_key", false, 3);
        assert_eq!(names.get("payroll"), Some(1));
        assert_eq!(names.get("salary"), Some(2));
        assert_eq!(names.get("a_name_longer_than_the_head_of_a_key"), Some(3));
        assert_eq!(names.get("a_name_longer_than_the_head_of_a_kez"), None);
        assert_eq!(names.get("payrol"), None);
        assert_eq!(names.get(""), None);
        assert_eq!(names.len(), 3);
        let mut all: Vec<_> = names.iter().map(|(n, v)| (n, *v)).collect();
        all.sort();
        assert_eq!(
            all,
            [
                ("a_name_longer_than_the_head_of_a_key", 3),
                ("payroll", 1),
                ("salary", 2)
            ]
        );
    }
}
