//! Did-you-mean for the names a spec uses but does not declare, in time linear in the spec.
//!
//! Each unknown name is compared (Jaro-Winkler, as [`did_you_mean`](crate::diagnostic::did_you_mean))
//! with the declared names it could stand for. Done afresh for each reference, that was quadratic: a
//! directory checked without its common file (10,000 activities, each naming categories and groups
//! declared in the missing file) took 50 s, since every reference gathered the declared names of
//! its kind from the whole table and lowercased them again. Here the names of each kind are gathered
//! and lowercased once, and the answer is kept for each distinct unknown name.
//!
//! What is left is the distinct unknown names times the declared names of their kind, which a
//! spec can still make quadratic (100,000 activities each naming a misspelt other activity). So
//! the comparisons of one run are capped at [`BUDGET_BASE`] plus [`BUDGET_PER_NAME`] per declared
//! name: linear in the spec. A name is compared with every candidate or not at all, so a suggestion
//! given is always the best one; once the budget is spent, further unknown names get the help that
//! shows how to declare them instead of a suggestion. A spec with that many typos is rare, and
//! the first ones, which get their suggestion, are the ones a reader starts with.

use std::hash::Hash;

use rustc_hash::FxHashMap;

use crate::spec_map::SpecMap;

/// Comparisons any spec may use, whatever its size: under 0.1 s, and room for the suggestions of
/// 250 distinct unknown names in a spec of 1,000 names.
pub const BUDGET_BASE: u64 = 1 << 18;
/// Comparisons allowed for each declared name, on top of [`BUDGET_BASE`].
pub const BUDGET_PER_NAME: u64 = 2;

/// The declared names of one kind, as the suggestions need them.
pub struct Group<'a> {
    /// Each name with its lowercase form, in the order they were given.
    names: Vec<(&'a str, String)>,
    /// The positions in `names` of the names [`jaro_with`] compares, by the length of their
    /// lowercase form: the names nearest an unknown name's length are compared first, so that a good
    /// score is found early and rules out the rest ([`Word::may_reach`]).
    by_length: Vec<Vec<u32>>,
    /// The positions of the other names (long or not ASCII), which are always compared.
    others: Vec<u32>,
    /// The names in order, for help that lists them.
    pub sorted: Vec<&'a str>,
    /// The answer for each unknown name already asked about.
    answers: SpecMap<Box<str>, Option<&'a str>>,
}

/// The best name so far: its score and its position. Of names that score alike the first in
/// alphabetical order wins, as in `did_you_mean`, so that the answer depends neither on the order
/// the names are compared in nor on the order a hash map gives them in (a run's random seed).
#[derive(Clone, Copy)]
struct Best {
    score: f64,
    position: u32,
}

impl Best {
    fn better(best: Option<Best>, score: f64, position: u32, names: &[(&str, String)]) -> bool {
        score > 0.8
            && best.is_none_or(|b| {
                score > b.score
                    || (score == b.score
                        && names[position as usize].0 < names[b.position as usize].0)
            })
    }
}

/// Suggestions for unknown names, by the kind of name expected (`K`).
pub struct Suggestions<'a, K> {
    groups: FxHashMap<K, Group<'a>>,
    /// Comparisons left in this run; `None` until the first is needed.
    budget: Option<u64>,
    /// The budget's base and its share per declared name.
    base: u64,
    per_name: u64,
    /// Comparisons made, for the test that keeps them linear.
    #[cfg(test)]
    comparisons: u64,
    /// Of those, the names scored in full (the others were ruled out).
    #[cfg(test)]
    scored: u64,
}

impl<K> Default for Suggestions<'_, K> {
    fn default() -> Self {
        Suggestions {
            groups: FxHashMap::default(),
            budget: None,
            base: BUDGET_BASE,
            per_name: BUDGET_PER_NAME,
            #[cfg(test)]
            comparisons: 0,
            #[cfg(test)]
            scored: 0,
        }
    }
}

impl<'a, K: Copy + Eq + Hash> Suggestions<'a, K> {
    /// A name was declared: what was gathered before no longer holds.
    pub fn forget(&mut self) {
        if !self.groups.is_empty() {
            self.groups.clear();
        }
    }

    /// The declared names of kind `key`, gathered from `names` the first time.
    pub fn group<I>(&mut self, key: K, names: impl FnOnce() -> I) -> &Group<'a>
    where
        I: Iterator<Item = &'a str>,
    {
        self.groups.entry(key).or_insert_with(|| {
            let names: Vec<(&'a str, String)> = names().map(|n| (n, n.to_lowercase())).collect();
            let mut sorted: Vec<&'a str> = names.iter().map(|(n, _)| *n).collect();
            sorted.sort_unstable();
            let mut by_length = vec![Vec::new(); SHORT + 1];
            let mut others = Vec::new();
            for (position, (_, lower)) in names.iter().enumerate() {
                let position = position as u32;
                if lower.len() <= SHORT && lower.is_ascii() {
                    by_length[lower.len()].push(position);
                } else {
                    others.push(position);
                }
            }
            Group {
                names,
                by_length,
                others,
                sorted,
                answers: SpecMap::default(),
            }
        })
    }

    /// The declared name of kind `key` closest to `word`, if close enough to be a likely typo: the
    /// same answer as [`did_you_mean`](crate::diagnostic::did_you_mean) over the names of `names`,
    /// or `None` once the budget for a spec of `declared` names is spent.
    pub fn suggest<I>(
        &mut self,
        key: K,
        word: &str,
        declared: usize,
        names: impl FnOnce() -> I,
    ) -> Option<&'a str>
    where
        I: Iterator<Item = &'a str>,
    {
        let budget = *self
            .budget
            .get_or_insert(self.base + self.per_name * declared as u64);
        self.group(key, names);
        let group = self.groups.get_mut(&key).expect("just gathered");
        if let Some(answer) = group.answers.get(word) {
            return *answer;
        }
        let cost = group.names.len() as u64;
        let answer = if cost <= budget {
            let word = word.to_lowercase();
            let mut word = Word::new(&word);
            let best = closest(group, &mut word);
            #[cfg(test)]
            {
                self.scored += word.scored;
            }
            let best = best.map(|b| group.names[b.position as usize].0);
            self.budget = Some(budget - cost);
            #[cfg(test)]
            {
                self.comparisons += cost;
            }
            best
        } else {
            None
        };
        group.answers.insert(word.into(), answer);
        answer
    }

    /// With a budget of `base` comparisons and `per_name` more per declared name.
    #[cfg(test)]
    fn with_budget(base: u64, per_name: u64) -> Self {
        Suggestions {
            base,
            per_name,
            ..Suggestions::default()
        }
    }

    /// Comparisons made so far.
    #[cfg(test)]
    pub fn comparisons(&self) -> u64 {
        self.comparisons
    }
}

/// The name of `group` that scores best against `word`, as [`Best`] chooses. Every name that could
/// score as well as the best so far is compared; the others are ruled out by their length (a whole
/// length at a time) or by their bytes.
fn closest(group: &Group<'_>, word: &mut Word<'_>) -> Option<Best> {
    let mut best: Option<Best> = None;
    let compare = |word: &mut Word<'_>, best: &mut Option<Best>, position: u32| {
        let lower = &group.names[position as usize].1;
        if !word.may_reach(lower, best.map_or(0.8, |b| b.score)) {
            return;
        }
        let score = word.jaro_winkler(lower);
        if Best::better(*best, score, position, &group.names) {
            *best = Some(Best { score, position });
        }
    };
    if !word.short_ascii || word.text.is_empty() {
        for position in 0..group.names.len() as u32 {
            compare(word, &mut best, position);
        }
        return best;
    }
    for &position in &group.others {
        compare(word, &mut best, position);
    }
    // The lengths nearest the word's first: its own, one less, one more, two less, ...
    let length = word.text.len();
    let nearest = (0..=2 * SHORT).filter_map(|step| {
        let distance = step.div_ceil(2);
        if step % 2 == 1 {
            length.checked_sub(distance)
        } else {
            Some(length + distance).filter(|&l| l <= SHORT)
        }
    });
    for other_length in nearest {
        let floor = best.map_or(0.8, |b| b.score);
        if !Word::length_may_reach(length, other_length, floor) {
            continue;
        }
        for &position in &group.by_length[other_length] {
            compare(word, &mut best, position);
        }
    }
    best
}

/// An unknown name, lowercased, as it is compared with every declared name of its kind: the bytes
/// it holds, for a bound that rules most names out before they are compared, and the table
/// [`jaro_with`] fills for each name (cleared after each, not made afresh).
struct Word<'w> {
    text: &'w str,
    /// Whether [`jaro_with`] compares it, and the bound applies.
    short_ascii: bool,
    /// The bytes of the word, as bits.
    bytes: u128,
    positions: [u64; 128],
    /// Names scored in full, for the test that most are ruled out.
    #[cfg(test)]
    scored: u64,
}

impl<'w> Word<'w> {
    fn new(text: &'w str) -> Self {
        let short_ascii = text.len() <= SHORT && text.is_ascii();
        let bytes = if short_ascii {
            text.bytes().fold(0, |set, b| set | 1 << b)
        } else {
            0
        };
        Word {
            text,
            short_ascii,
            bytes,
            positions: [0; 128],
            #[cfg(test)]
            scored: 0,
        }
    }

    /// Whether `other` can score `floor` or more: false only when it certainly scores less. The
    /// bytes that match are at most those of `other` that occur in the word at all, and the score
    /// grows with the matches; a margin covers the rounding of the sums.
    fn may_reach(&self, other: &str, floor: f64) -> bool {
        let (a, b) = (self.text.as_bytes(), other.as_bytes());
        if !(self.short_ascii && b.len() <= SHORT && other.is_ascii())
            || a.is_empty()
            || b.is_empty()
        {
            return true;
        }
        let shared = b.iter().filter(|&&c| self.bytes & (1 << c) != 0).count();
        let matches = shared.min(a.len()) as f64;
        if matches == 0.0 {
            return floor <= 0.0;
        }
        // No transpositions; Winkler's prefix only raises a score and keeps the order.
        let sim = (matches / a.len() as f64 + matches / b.len() as f64 + 1.0) / 3.0;
        winkler(sim, a, b) + 1e-9 >= floor
    }

    /// Whether a name of `other` bytes can score `floor` or more against a word of `length` bytes
    /// (both ASCII, up to [`SHORT`]): at most the shorter length matches, and at most four bytes of
    /// common prefix count.
    fn length_may_reach(length: usize, other: usize, floor: f64) -> bool {
        if length == 0 || other == 0 {
            return true;
        }
        let matches = length.min(other) as f64;
        let sim = (matches / length as f64 + matches / other as f64 + 1.0) / 3.0;
        let bound = if sim > 0.7 {
            sim + 0.4 * (1.0 - sim)
        } else {
            sim
        };
        bound + 1e-9 >= floor
    }

    /// [`jaro_winkler`] of the word and `other`.
    fn jaro_winkler(&mut self, other: &str) -> f64 {
        #[cfg(test)]
        {
            self.scored += 1;
        }
        let (x, y) = (self.text.as_bytes(), other.as_bytes());
        if !(self.short_ascii && y.len() <= SHORT && other.is_ascii()) {
            return strsim::jaro_winkler(self.text, other);
        }
        winkler(jaro_with(x, y, &mut self.positions), x, y)
    }
}

/// The bytes two words start with alike, up to four.
fn common_prefix(x: &[u8], y: &[u8]) -> usize {
    x.iter().take(4).zip(y).take_while(|(p, q)| p == q).count()
}

/// Jaro-Winkler from the Jaro similarity, as strsim adds the common prefix.
fn winkler(sim: f64, x: &[u8], y: &[u8]) -> f64 {
    if sim > 0.7 {
        sim + 0.1 * common_prefix(x, y) as f64 * (1.0 - sim)
    } else {
        sim
    }
}

/// Names up to this many bytes are compared by [`jaro_with`]; longer ones by strsim.
const SHORT: usize = 64;

/// `strsim::jaro_winkler`, with the same result to the last bit, for the names of a spec: ASCII
/// words of a few dozen bytes. strsim walks the second string's characters from its start for every
/// character of the first and allocates its flags; this compares bytes within the matching window
/// only, as bits of a word ([`jaro_with`]). With many unknown names the comparisons were most of a
/// run (57 % at 10,000 activities, 2,300 instructions each). Anything else goes to strsim. A run
/// compares through [`Word::jaro_winkler`], which keeps its table from one name to the next.
#[cfg(test)]
fn jaro_winkler(a: &str, b: &str) -> f64 {
    let (x, y) = (a.as_bytes(), b.as_bytes());
    if !(x.len() <= SHORT && y.len() <= SHORT && x.is_ascii() && y.is_ascii()) {
        return strsim::jaro_winkler(a, b);
    }
    winkler(jaro_with(x, y, &mut [0; 128]), x, y)
}

/// `strsim::generic_jaro` over bytes, step for step (the same matches, transpositions and sums), with
/// the positions as bits of a word: for each byte of `a`, the first unmatched equal byte of `b` in the
/// window is the lowest bit of one mask, not a scan of the window.
///
/// `positions` is all zeros on entry and on return: a caller comparing one word with many keeps
/// one table instead of clearing a kilobyte for each.
fn jaro_with(a: &[u8], b: &[u8], positions: &mut [u64; 128]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    } else if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    debug_assert!(a.len() <= SHORT && b.len() <= SHORT && SHORT <= 64);
    debug_assert!(positions.iter().all(|&p| p == 0));
    // Bits `0..n`.
    let below = |n: usize| if n >= 64 { u64::MAX } else { (1_u64 << n) - 1 };
    for (j, &c) in b.iter().enumerate() {
        positions[usize::from(c)] |= 1 << j;
    }
    let window = (a.len().max(b.len()) / 2).saturating_sub(1);
    let (mut a_matched, mut b_matched) = (0_u64, 0_u64);
    for (i, &c) in a.iter().enumerate() {
        let end = b.len().min(i + window + 1);
        let start = i.saturating_sub(window).min(end);
        let free = positions[usize::from(c)] & below(end) & !below(start) & !b_matched;
        if free != 0 {
            a_matched |= 1 << i;
            b_matched |= 1 << free.trailing_zeros();
        }
    }
    for &c in b {
        positions[usize::from(c)] = 0;
    }
    let matches = a_matched.count_ones() as usize;
    if matches == 0 {
        return 0.0;
    }
    // The matched bytes of `a` and of `b`, in order, pair by pair.
    let mut transpositions = 0_usize;
    let (mut in_a, mut in_b) = (a_matched, b_matched);
    while in_a != 0 {
        let (i, j) = (
            in_a.trailing_zeros() as usize,
            in_b.trailing_zeros() as usize,
        );
        transpositions += usize::from(a[i] != b[j]);
        in_a &= in_a - 1;
        in_b &= in_b - 1;
    }
    transpositions /= 2;
    ((matches as f64 / a.len() as f64)
        + (matches as f64 / b.len() as f64)
        + ((matches - transpositions) as f64 / matches as f64))
        / 3.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::did_you_mean;

    #[test]
    fn jaro_winkler_is_strsims_to_the_bit() {
        // Words alike and unlike, of every length up to past `SHORT`, from a small alphabet so that
        // matches, windows and transpositions all occur; a few non-ASCII ones.
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut words: Vec<String> = NAMES.iter().map(|n| n.to_lowercase()).collect();
        words.extend(
            [
                "",
                "a",
                "æble",
                "act_1_social",
                "act_1_socail",
                "tca_1_social",
            ]
            .map(String::from),
        );
        for _ in 0..250 {
            let len = (next() % 72) as usize;
            words.push(
                (0..len)
                    .map(|_| b"abc_1"[(next() % 5) as usize] as char)
                    .collect(),
            );
        }
        for a in &words {
            for b in &words {
                assert_eq!(
                    jaro_winkler(a, b).to_bits(),
                    strsim::jaro_winkler(a, b).to_bits(),
                    "{a:?} {b:?}"
                );
            }
        }
    }

    /// The bound that rules names out never rules out one that scores as much: over words alike and
    /// unlike, every floor a run can use.
    #[test]
    fn a_name_ruled_out_scores_less_than_the_floor() {
        let mut words: Vec<&str> = NAMES.to_vec();
        words.extend([
            "act_1_socialx",
            "act_1234_job",
            "act_4321_jobx",
            "tca_1_social",
            "a",
            "ab",
            "ba",
            "",
            "æble",
        ]);
        let mut ruled_out = 0;
        for a in &words {
            let lower = a.to_lowercase();
            let mut word = Word::new(&lower);
            for b in &words {
                let b = b.to_lowercase();
                let score = word.jaro_winkler(&b);
                assert_eq!(score.to_bits(), strsim::jaro_winkler(&lower, &b).to_bits());
                for floor in [0.8, 0.85, 0.9, 0.95, score, 1.0] {
                    if !word.may_reach(&b, floor) {
                        ruled_out += 1;
                        assert!(
                            score < floor,
                            "{lower:?} {b:?}: {score} ruled out at {floor}"
                        );
                    }
                }
            }
        }
        assert!(ruled_out > 0);
    }

    /// Names that score alike give the same answer in whatever order they are declared or a hash
    /// map gives them: the resolver gathers the names of a kind from a map with a per-run seed, and
    /// the same spec must get the same help on every run.
    #[test]
    fn names_that_score_alike_give_one_answer_in_any_order() {
        let orders = [
            ["proc_3", "proc_0", "proc_1"],
            ["proc_1", "proc_3", "proc_0"],
            ["proc_0", "proc_1", "proc_3"],
        ];
        for names in orders {
            assert_eq!(did_you_mean("proc_2", names), Some("proc_0"), "{names:?}");
            let mut s = Suggestions::default();
            let answer = s.suggest(0, "proc_2", names.len(), || names.into_iter());
            assert_eq!(answer, Some("proc_0"), "{names:?}");
        }
    }

    /// Names compared nearest length first and ruled out in bulk give did_you_mean's answer, ties
    /// included: many names of a small alphabet score alike, and the first of them in alphabetical
    /// order wins.
    #[test]
    fn the_order_of_comparing_does_not_change_the_answer() {
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = move |n: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % n
        };
        let word = |next: &mut dyn FnMut(u64) -> u64| -> String {
            let len = 1 + next(14) as usize;
            (0..len)
                .map(|_| ['a', 'b', '_', '1', '2', 'A', 'æ'][next(7) as usize])
                .collect()
        };
        let mut declared: Vec<String> = (0..400).map(|_| word(&mut next)).collect();
        declared.push("x".repeat(70));
        declared.sort();
        declared.dedup();
        let mut s = Suggestions::default();
        let mut suggested = 0;
        for _ in 0..400 {
            let unknown = word(&mut next);
            let expected = did_you_mean(&unknown, declared.iter().map(String::as_str));
            let answer = s.suggest(0, &unknown, declared.len(), || {
                declared.iter().map(String::as_str)
            });
            assert_eq!(answer, expected, "{unknown:?}");
            suggested += usize::from(answer.is_some());
        }
        assert!(suggested > 100, "{suggested}");
    }

    /// Typos of the names of a large spec (`act_17_socialx` for `act_17_social`, as the unknown-names
    /// shape makes them): most names are ruled out by their length or bytes, not scored in full.
    #[test]
    fn most_names_are_ruled_out_before_they_are_scored() {
        const DEPARTMENTS: [&str; 6] = ["social", "job", "it", "tech", "school", "health"];
        let declared: Vec<String> = (0..2_000)
            .map(|i| format!("act_{i}_{}", DEPARTMENTS[i % DEPARTMENTS.len()]))
            .collect();
        let mut s = Suggestions::default();
        for name in declared.iter().step_by(40) {
            let typo = format!("{name}x");
            let answer = s.suggest(0, &typo, declared.len(), || {
                declared.iter().map(String::as_str)
            });
            assert_eq!(
                answer,
                did_you_mean(&typo, declared.iter().map(String::as_str))
            );
            assert!(answer.is_some());
        }
        assert_eq!(s.comparisons(), 50 * 2_000);
        assert!(
            s.scored * 4 < s.comparisons(),
            "{} of {}",
            s.scored,
            s.comparisons()
        );
    }

    const NAMES: &[&str] = &[
        "citizens",
        "Children",
        "case_data",
        "cpr_number",
        "health_social_12",
        "health_school_13",
        "act_1_social",
        "act_11_social",
    ];

    #[test]
    fn suggests_what_did_you_mean_suggests() {
        let mut s = Suggestions::default();
        for word in [
            "citizen",
            "childern",
            "CASE_DATA",
            "cpr_nummer",
            "health_social_13",
            "act_1_socialx",
            "xyz",
            "",
        ] {
            let expected = did_you_mean(word, NAMES.iter().copied());
            assert_eq!(
                s.suggest(0, word, NAMES.len(), || NAMES.iter().copied()),
                expected,
                "{word}"
            );
        }
    }

    #[test]
    fn a_name_is_compared_once_however_often_it_is_used() {
        let mut s = Suggestions::default();
        for _ in 0..100 {
            s.suggest(0, "citizen", NAMES.len(), || NAMES.iter().copied());
            s.suggest(1, "citizen", NAMES.len(), || NAMES.iter().copied());
        }
        assert_eq!(s.comparisons(), 2 * NAMES.len() as u64);
    }

    /// n declared names and n distinct unknown names, each close to one of them: the comparisons
    /// stay within the budget, which grows with n, not n². (A smaller budget than a run's, so
    /// that the test is quick; the same code.)
    #[test]
    fn comparisons_grow_linearly_with_the_spec() {
        const BASE: u64 = 10_000;
        const PER_NAME: u64 = 8;
        let count = |n: usize| {
            let declared: Vec<String> = (0..n).map(|i| format!("act_{i}_social")).collect();
            let mut s = Suggestions::with_budget(BASE, PER_NAME);
            let mut suggested = 0;
            for i in 0..n {
                let typo = format!("act_{i}_socialx");
                let answer = s.suggest(0, &typo, n, || declared.iter().map(String::as_str));
                suggested += usize::from(answer.is_some());
            }
            (s.comparisons(), suggested)
        };
        let (small, small_suggested) = count(100);
        let (large, large_suggested) = count(2_000);
        // At 100 names, everything fits: each typo gets its suggestion.
        assert_eq!(small_suggested, 100);
        assert_eq!(small, 100 * 100);
        // At 20 times the size, 400 times the work without the cap.
        assert!(large <= BASE + PER_NAME * 2_000, "{large}");
        assert!(large_suggested > 0);
    }
}
