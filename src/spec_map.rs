//! Hash maps keyed by words a spec's author chose: declared names, citations as written.
//!
//! A spec is input that anyone opening a pull request may write, so no choice of words may make a
//! run slow. Fx hashing (`rustc-hash`) hashes a string with fixed seeds, and a string of 32 bytes or
//! more can be made to zero its running state: every name that then differs only in the next 8 bytes
//! gets the same hash, whatever seed the map is given, and a spec of such names would make every
//! look-up walk all of them. foldhash mixes a random per-process seed into every step, so no such
//! names can be made in advance, and it is as fast on short keys. Maps keyed by the tool's own data
//! (act tables, rule codes, graph indexes) keep Fx.

/// A hash map keyed by words of a spec.
pub(crate) type SpecMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
/// A hash set of a spec's words.
pub(crate) type SpecSet<K> = std::collections::HashSet<K, foldhash::fast::RandomState>;

#[cfg(test)]
mod tests {
    use std::hash::BuildHasher;

    // rustc-hash 2.1's string hash (`hash_bytes`), to find names it cannot tell apart. If an update
    // of rustc-hash changes it, the first assertion below fails: the construction must be redone.
    const SEED1: u64 = 0x243f6a8885a308d3;
    const SEED2: u64 = 0x13198a2e03707344;
    const PREVENT_TRIVIAL_ZERO_COLLAPSE: u64 = 0xa4093822299f31d0;

    fn multiply_mix(x: u64, y: u64) -> u64 {
        let full = u128::from(x) * u128::from(y);
        (full as u64) ^ ((full >> 64) as u64)
    }

    /// Eight lowercase letters from a number.
    fn letters(mut n: u64) -> [u8; 8] {
        let mut out = [b'a'; 8];
        for b in &mut out {
            *b = b'a' + (n % 26) as u8;
            n /= 26;
        }
        out
    }

    /// Names of 65 bytes that differ only in bytes 40-47, and that rustc-hash hashes alike: the first
    /// 16 bytes are chosen so that the running state before bytes 32-39 is itself eight characters
    /// a name may have (letters, digits, `_`; about one try in 77,000), and bytes 32-39 are those
    /// characters, which zero the state whatever bytes 40-47 are.
    fn colliding_names(count: u64) -> Vec<String> {
        let mut first = 0;
        let zeroing = loop {
            let t = multiply_mix(
                SEED1 ^ u64::from_le_bytes(letters(first)),
                PREVENT_TRIVIAL_ZERO_COLLAPSE ^ u64::from_le_bytes(letters(first >> 32)),
            );
            let bytes = t.to_le_bytes();
            if bytes
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || *b == b'_')
            {
                break bytes;
            }
            first += 1;
        };
        let _ = SEED2; // the state of the second stream, which the construction never needs
        let head = [letters(first), letters(first >> 32)].concat();
        (0..count)
            .map(|i| {
                let mut name = head.clone();
                name.extend_from_slice(b"bbbbbbbbbbbbbbbb");
                name.extend_from_slice(&zeroing);
                name.extend_from_slice(&letters(i));
                name.extend_from_slice(b"ccccccccccccccccc");
                String::from_utf8(name).unwrap()
            })
            .collect()
    }

    fn hash_with(state: &impl BuildHasher, name: &str) -> u64 {
        state.hash_one(name)
    }

    #[test]
    fn names_that_fx_cannot_tell_apart_hash_apart_in_a_spec_map() {
        let names = colliding_names(64);
        let fx = rustc_hash::FxBuildHasher;
        let first = hash_with(&fx, &names[0]);
        assert!(
            names.iter().all(|n| hash_with(&fx, n) == first),
            "these names collide under Fx hashing"
        );
        let state = foldhash::fast::RandomState::default();
        let mut hashes: Vec<u64> = names.iter().map(|n| hash_with(&state, n)).collect();
        hashes.sort_unstable();
        hashes.dedup();
        assert_eq!(hashes.len(), names.len());
    }
}
