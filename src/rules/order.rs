//! The order findings are reported in: [`Diagnostic::cmp_by_key`] (file, place, code, message),
//! stable, as `sort_by(Diagnostic::cmp_by_key)` gives it.

use crate::diagnostic::Diagnostic;

/// Sorts `findings` by [`Diagnostic::cmp_by_key`], keeping the order they were reported in among
/// equals. A finding is a few hundred bytes, which a merge sort moves at every pass: their keys are
/// sorted instead, each with the finding's place (which keeps equals in order), and each finding is
/// then swapped into its place along the cycles of that permutation, without a second list.
pub fn sort(findings: &mut [Diagnostic]) {
    let mut keyed: Vec<(Key<'_>, usize)> = findings.iter().map(key).zip(0..).collect();
    // Stable, though no two keys are equal (each has its place): driftsort takes the runs each rule
    // reports in order as they are, where a quicksort would compare across them.
    keyed.sort();
    let mut order: Vec<usize> = keyed.into_iter().map(|(_, place)| place).collect();
    // `order[k]` is the place the finding that belongs at `k` is at; a place already filled is
    // marked by `order[k] == k`.
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

    /// The same order as a stable sort by the key, ties (same place, code and message) included, on
    /// lists in every order a small seed gives.
    #[test]
    fn sorts_as_a_stable_sort_by_the_key() {
        let mut seed = 7u64;
        let mut next = |n: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
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
}
