//! The order findings are reported in: [`Diagnostic::cmp_by_key`] (file, place, code, message),
//! stable, as `sort_by(Diagnostic::cmp_by_key)` gives it.

use std::ops::Range;

use crate::diagnostic::Diagnostic;

/// Sorts `findings` by [`Diagnostic::cmp_by_key`], keeping the order they were reported in among
/// equals. A finding is a few hundred bytes, which a merge sort moves at every pass: their keys are
/// sorted instead, each with the finding's place (which keeps equals in order), and each finding is
/// then swapped into its place along the cycles of that permutation, without a second list.
pub fn sort(findings: &mut [Diagnostic]) {
    let order = sorted_places(findings.iter().map(key).zip(0..).collect());
    permute(findings, order);
}

/// Sorts `findings` as [`sort`] does, given who reported them: `reports` holds, for each check of
/// a rule that found anything, the rule's place in the registry and the findings it reported then.
/// The keys are sorted from each rule's findings together, in the order reported, rule after rule,
/// as they came when every rule checked all the activities in one go: driftsort takes each rule's
/// findings, reported in the activities' order, as runs already sorted, which the runs of
/// activities `run_rules` checks at a time would cut short. The order is the same either way: two
/// findings with the same key have the same code, so come from the same rule, in the order reported.
pub fn sort_by_rule(findings: &mut [Diagnostic], reports: &mut [(usize, Range<usize>)]) {
    // Stable: a rule's checks stay in the order they ran.
    reports.sort_by_key(|(rule, _)| *rule);
    let mut keyed = Vec::with_capacity(findings.len());
    let places = reports.iter().flat_map(|(_, places)| places.clone());
    keyed.extend(places.map(|place| (key(&findings[place]), place)));
    permute(findings, sorted_places(keyed));
}

/// The places of the findings in sorted order, from their keys and places.
fn sorted_places(mut keyed: Vec<(Key<'_>, usize)>) -> Vec<usize> {
    // Stable, though no two keys are equal (each has its place): driftsort takes the runs each rule
    // reports in order as they are, where a quicksort would compare across them.
    keyed.sort();
    keyed.into_iter().map(|(_, place)| place).collect()
}

/// Moves each finding to its place in `order` (`order[k]` is the place the finding that belongs at
/// `k` is at), swapping along the cycles of that permutation, without a second list.
fn permute(findings: &mut [Diagnostic], mut order: Vec<usize>) {
    // A place already filled is marked by `order[k] == k`.
    for start in 0..order.len() {
        let mut at = start;
        while order[at] != start {
            let from = order[at];
            findings.swap(at, from);
            order[at] = at;
            at = from;
        }
        order[at] = at;
    }
}

/// What [`Diagnostic::cmp_by_key`] compares: file, start, code, message.
type Key<'d> = (u32, u32, &'d str, &'d str);

fn key(finding: &Diagnostic) -> Key<'_> {
    let (file, start) = finding
        .primary
        .as_ref()
        .map_or((0, 0), |l| (l.span.file.0, l.span.start));
    (file, start, &finding.code, &finding.message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::span::{FileId, Span};

    fn finding(file: u32, start: usize, code: &str, message: &str, help: &str) -> Diagnostic {
        Diagnostic::spec_error(code, message)
            .with_primary(Span::new(FileId(file), start, start + 1), "l")
            .with_help(help)
    }

    /// A seeded sequence of numbers: `next(n)` is the next one below `n` (a linear congruential
    /// generator: the tests need many orders, not good randomness).
    fn numbers_below(mut seed: u64) -> impl FnMut(u64) -> u64 {
        move |n| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % n
        }
    }

    /// The same order as a stable sort by the key, ties (same place, code and message) included, on
    /// lists in every order a small seed gives.
    #[test]
    fn sorts_as_a_stable_sort_by_the_key() {
        let mut next = numbers_below(7);
        for len in 0..60 {
            let findings: Vec<Diagnostic> = (0..len)
                .map(|i| {
                    let code = ["A", "B"][next(2) as usize];
                    let message = ["m", "n"][next(2) as usize];
                    let mut finding = finding(
                        next(2) as u32,
                        next(5) as usize,
                        code,
                        message,
                        &i.to_string(),
                    );
                    // A finding without a place sorts as one at the start of the first file.
                    if next(6) == 0 {
                        finding.primary = None;
                    }
                    finding
                })
                .collect();
            let mut expected = findings.clone();
            expected.sort_by(Diagnostic::cmp_by_key);
            let mut sorted = findings;
            sort(&mut sorted);
            // The help tells each finding apart from its equals, so a tie out of order shows.
            let helps =
                |list: &[Diagnostic]| list.iter().map(|d| d.help.clone()).collect::<Vec<_>>();
            assert_eq!(helps(&sorted), helps(&expected), "{len} findings");
        }
    }

    /// Findings reported by three rules in turns (as the runs of activities report them) come out
    /// as the same findings reported rule after rule, sorted stably; ties included.
    #[test]
    fn findings_reported_in_turns_sort_as_reported_rule_after_rule() {
        let mut next = numbers_below(11);
        let codes = ["A", "B", "C"];
        for turns in 0..40 {
            // (rule, finding) in the order reported: each turn, one rule reports 0-3 findings.
            let mut reported: Vec<Diagnostic> = Vec::new();
            let mut reports: Vec<(usize, Range<usize>)> = Vec::new();
            let mut by_rule: [Vec<Diagnostic>; 3] = Default::default();
            for turn in 0..turns {
                let rule = next(3) as usize;
                let start = reported.len();
                for i in 0..next(4) {
                    let message = ["m", "n"][next(2) as usize];
                    let help = format!("{turn}.{i}");
                    let finding = finding(0, next(4) as usize, codes[rule], message, &help);
                    by_rule[rule].push(finding.clone());
                    reported.push(finding);
                }
                if reported.len() > start {
                    reports.push((rule, start..reported.len()));
                }
            }
            let mut expected: Vec<Diagnostic> = by_rule.concat();
            expected.sort_by(Diagnostic::cmp_by_key);
            sort_by_rule(&mut reported, &mut reports);
            let helps =
                |list: &[Diagnostic]| list.iter().map(|d| d.help.clone()).collect::<Vec<_>>();
            assert_eq!(helps(&reported), helps(&expected), "{turns} turns");
        }
    }
}
