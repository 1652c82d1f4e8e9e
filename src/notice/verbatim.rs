//! The texts a notice writer has seen to need no escape, so that a text the notice says again and
//! again (a list's lead, a right, a data category, a basis, a retention sentence) is compared and
//! copied rather than escaped anew: at 10,000 activities the Markdown notice writes some 370,000
//! texts (18 MB) of about 20,000 different ones, and their escape was a fifth of the notice's own
//! instructions (docs/performance.md, packages notice5, notice7 and notice9).
//!
//! The texts are kept in a cache of a fixed number of places, two for each key, the key made from
//! a text's length and its first and last bytes: finding a text costs the same whatever its length,
//! where hashing every byte of it (a hash set) cost as much as the escape it saved. Texts of one key
//! that differ (or a spec written so that its texts share keys) only push each other out and are
//! escaped: a text costs no more than its escape and one comparison, and the cache never holds more
//! than its places' worth.

use std::hash::BuildHasher;

/// Texts longer than this are escaped each time (a few long ones only).
const LONGEST: usize = 512;

/// The number of keys; each has two places, the text last found or kept first.
const KEYS: usize = 4096;

/// The texts last written unchanged by their escape, two for each key.
pub struct Verbatim {
    places: Vec<[String; 2]>,
    /// A seed no spec can know, so that no spec can choose which of its texts share a key.
    seed: foldhash::fast::RandomState,
}

impl Default for Verbatim {
    fn default() -> Verbatim {
        Verbatim {
            places: vec![[String::new(), String::new()]; KEYS],
            seed: foldhash::fast::RandomState::default(),
        }
    }
}

impl Verbatim {
    /// Appends `text` escaped by `escape` to `out`. `escape` must depend on the text alone (not on
    /// what `out` holds), so that a text escaped to itself once is so each time.
    pub fn write(&mut self, out: &mut String, text: &str, escape: impl FnOnce(&mut String, &str)) {
        if text.len() > LONGEST || text.is_empty() {
            escape(out, text);
            return;
        }
        let places = &mut self.places[key(&self.seed, text)];
        if places[0] == text {
            out.push_str(text);
            return;
        }
        if places[1] == text {
            out.push_str(text);
            places.swap(0, 1);
            return;
        }
        let start = out.len();
        escape(out, text);
        if out[start..] == *text {
            // The text kept first moves to the second place; the second's room is reused.
            places.swap(0, 1);
            places[0].clear();
            places[0].push_str(text);
        }
    }
}

/// The key of a non-empty `text`: its length and up to eight bytes at either end, hashed.
fn key(seed: &foldhash::fast::RandomState, text: &str) -> usize {
    let bytes = text.as_bytes();
    let (first, last) = match (bytes.first_chunk::<8>(), bytes.last_chunk::<8>()) {
        // Nearly every text: two words read as they are (a copy of a length known only when
        // running called `memcpy` twice a text).
        (Some(first), Some(last)) => (u64::from_le_bytes(*first), u64::from_le_bytes(*last)),
        _ => {
            let mut word = [0u8; 8];
            word[..bytes.len()].copy_from_slice(bytes);
            let word = u64::from_le_bytes(word);
            (word, word)
        }
    };
    (seed.hash_one((bytes.len(), first, last)) as usize) % KEYS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn markdown(verbatim: &mut Verbatim, text: &str) -> String {
        let mut out = String::new();
        verbatim.write(&mut out, text, crate::escape::markdown_prose_into);
        out
    }

    fn kept(verbatim: &Verbatim, text: &str) -> bool {
        verbatim.places.iter().flatten().any(|t| t == text)
    }

    /// A text kept is written as it is; one that needs escaping is escaped each time, and is not
    /// kept; a text too long to keep is escaped each time.
    #[test]
    fn a_repeated_text_is_written_as_its_escape_writes_it() {
        let mut verbatim = Verbatim::default();
        for text in [
            "We get the data from:",
            "We get the data from*",
            "# x",
            "",
            "é",
        ] {
            let escaped = crate::escape::markdown_inline(text);
            for _ in 0..3 {
                assert_eq!(markdown(&mut verbatim, text), escaped, "{text:?}");
            }
        }
        assert!(kept(&verbatim, "We get the data from:"));
        assert!(kept(&verbatim, "é"));
        assert!(!kept(&verbatim, "We get the data from*"));
        assert!(!kept(&verbatim, "# x"));
        let long = "a".repeat(LONGEST + 1) + "*";
        for _ in 0..2 {
            assert_eq!(
                markdown(&mut verbatim, &long),
                crate::escape::markdown_inline(&long)
            );
        }
        let long_clean = "a".repeat(LONGEST + 1);
        assert_eq!(markdown(&mut verbatim, &long_clean), long_clean);
        assert!(!kept(&verbatim, &long_clean));
    }

    /// Texts of one key push each other out of its two places, the one found last staying; each is
    /// still written as its escape writes it, and the cache holds no more than its places.
    #[test]
    fn texts_of_one_key_take_turns() {
        let mut verbatim = Verbatim::default();
        // Same length, same eight bytes at either end: the same key.
        let texts = [
            "abcdefgh 1 stuvwxyz",
            "abcdefgh 2 stuvwxyz",
            "abcdefgh 3 stuvwxyz",
        ];
        let seed = &verbatim.seed;
        assert!(texts.iter().all(|t| key(seed, t) == key(seed, texts[0])));
        for _ in 0..3 {
            for text in texts {
                assert_eq!(markdown(&mut verbatim, text), text);
            }
        }
        let places = &verbatim.places[key(&verbatim.seed, texts[0])];
        assert_eq!(places, &[texts[2].to_string(), texts[1].to_string()]);
        // A text found in the second place moves to the first.
        assert_eq!(markdown(&mut verbatim, texts[1]), texts[1]);
        let places = &verbatim.places[key(&verbatim.seed, texts[0])];
        assert_eq!(places, &[texts[1].to_string(), texts[2].to_string()]);
        let many: Vec<String> = (0..3 * KEYS).map(|n| format!("text {n}")).collect();
        for text in &many {
            assert_eq!(markdown(&mut verbatim, text), *text);
        }
        assert!(verbatim.places.len() == KEYS);
        assert!(verbatim.places.iter().flatten().all(|t| t.len() <= LONGEST));
    }
}
