//! A declared name as the resolver's table of names keeps it: its first bytes in the key itself.
//!
//! The table is probed for every reference of every activity (about 1.3 million at 100,000
//! activities), and a probe that finds its name compares the two. With the key a `&str` into the
//! text, that compare read the declaration's own words, far back in a text of 64 MB and seldom in
//! the cache (`memcmp` took about 5 % of parsing and resolving at 100k, more than its
//! instructions). With the first [`HEAD`] bytes in the key, a name that long or shorter compares
//! within the table's entry, and only the rest of a longer one is read from the text.

use std::hash::{Hash, Hasher};

/// Bytes of a name kept in its key: the names of data categories and groups are seldom longer.
const HEAD: usize = 24;

/// A name, its first [`HEAD`] bytes copied (zero-padded) beside the name itself. Hashes as the
/// name does; equal exactly when the names are.
#[derive(Clone, Copy, Debug)]
pub(crate) struct NameKey<'a> {
    head: [u8; HEAD],
    name: &'a str,
}

impl<'a> NameKey<'a> {
    #[inline]
    pub(crate) fn new(name: &'a str) -> Self {
        let bytes = name.as_bytes();
        let mut head = [0u8; HEAD];
        if let Some(first) = bytes.first_chunk::<HEAD>() {
            head = *first;
        } else {
            head[..bytes.len()].copy_from_slice(bytes);
        }
        NameKey { head, name }
    }

    /// The name.
    pub(crate) fn name(&self) -> &'a str {
        self.name
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
            assert_eq!(NameKey::new(name), NameKey::new(&name.to_string()));
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
        assert_eq!(NameKey::new(&name), NameKey::new(&name.clone()));
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
}
