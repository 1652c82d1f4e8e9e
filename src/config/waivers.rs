//! Applies a spec's settings (`hjemmel.toml`) and its waivers (`allow CODE "reason"`) to the rules'
//! findings. A suppressed finding is not dropped: reports list it with the reason, so a reader sees
//! what was turned off and why.

use rustc_hash::FxHashMap;
use serde::Serialize;

use super::{Config, Level, unknown_rule};
use crate::diagnostic::Diagnostic;
use crate::i18n::Lang;
use crate::rules::registry;
use crate::semantic::model::Waiver;
use crate::syntax::span::Span;
use crate::tr;

/// The note on a finding whose severity the settings changed, in English and Danish.
pub mod text {
    crate::texts! {
        RAISED = ("raised to an error by {file}: {reason}", "hævet til en fejl af {file}: {reason}"),
        LOWERED = (
            "lowered to a warning by {file}: {reason}",
            "sænket til en advarsel af {file}: {reason}"
        ),
    }
}

/// A finding that a waiver or the settings turned off.
#[derive(Debug, Clone)]
pub struct Suppressed {
    pub finding: Diagnostic,
    pub by: SuppressedBy,
    pub reason: String,
    /// The waiver, or the rule's table in the settings file.
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SuppressedBy {
    /// An `allow CODE "reason"` in the declaration.
    Waiver,
    /// `severity = "off"` in `hjemmel.toml`.
    Config,
}

/// Every waiver names a rule that exists; the errors are worded in `lang`.
pub fn check_codes(waivers: &[Waiver], lang: Lang) -> Vec<Diagnostic> {
    waivers
        .iter()
        .filter(|w| registry::find(&w.code.node).is_none())
        .map(|w| unknown_rule(&w.code.node, w.code.span, lang))
        .collect()
}

/// Splits the findings into those reported and those suppressed, and gives each reported finding the
/// severity the settings set, with a note saying so in `lang`.
///
/// The reported findings stay in the list they came in: at 100,000 activities the findings are some
/// 7 MB, which a second list copied into memory not touched before (docs/performance.md, floor13).
pub fn apply(
    mut findings: Vec<Diagnostic>,
    config: &Config,
    waivers: &[Waiver],
    lang: Lang,
) -> (Vec<Diagnostic>, Vec<Suppressed>) {
    let index = WaiverIndex::new(waivers);
    // Why each finding taken out is suppressed, in the order they are taken out.
    let mut why = Vec::new();
    let taken: Vec<Diagnostic> = findings
        .extract_if(.., |finding| match settle(finding, &index, config, lang) {
            Some(suppression) => {
                why.push(suppression);
                true
            }
            None => false,
        })
        .collect();
    let suppressed = taken
        .into_iter()
        .zip(why)
        .map(|(finding, (by, reason, span))| Suppressed {
            finding,
            by,
            reason,
            span,
        })
        .collect();
    (findings, suppressed)
}

/// What suppresses `finding` (by what, the reason, where), or `None` when it is reported; a
/// reported finding is given the severity the settings set.
fn settle(
    finding: &mut Diagnostic,
    index: &WaiverIndex<'_>,
    config: &Config,
    lang: Lang,
) -> Option<(SuppressedBy, String, Span)> {
    if let Some(waiver) = index.find(finding) {
        return Some((
            SuppressedBy::Waiver,
            waiver.reason.node.to_string(),
            waiver.span,
        ));
    }
    let setting = config.rules.get(&finding.code)?;
    match setting.level.severity() {
        None => {
            return Some((SuppressedBy::Config, setting.reason.clone(), setting.span));
        }
        Some(severity) if severity != finding.severity => {
            let note = match setting.level {
                Level::Error => text::RAISED,
                _ => text::LOWERED,
            };
            finding.note = Some(tr!(
                lang,
                note,
                file = super::FILE_NAME,
                reason = setting.reason
            ));
            finding.severity = severity;
        }
        Some(_) => {}
    }
    None
}

/// The waivers of a spec, indexed by the declaration they stand in, so that finding the waiver of a
/// finding costs a binary search and a walk out through the declarations around the finding, not a
/// scan of every waiver: a spec with a waiver in each of 100,000 activities scanned them all for
/// each of its findings.
///
/// A waiver's scope is a declaration, and declarations are nested (a sub-processor in its
/// processor) or apart, never half over each other; the walk relies on that.
pub struct WaiverIndex<'w> {
    waivers: &'w [Waiver],
    /// The distinct scopes, by file, then start, the longer first when two start together.
    scopes: Vec<Scope>,
    /// By scope (an index into `scopes`) and rule code: the first waiver in the spec's order.
    first: FxHashMap<(usize, &'w str), usize>,
}

struct Scope {
    span: Span,
    /// The nearest scope around this one.
    parent: Option<usize>,
}

impl<'w> WaiverIndex<'w> {
    pub fn new(waivers: &'w [Waiver]) -> Self {
        let order = |s: &Span| (s.file, s.start, std::cmp::Reverse(s.end));
        let mut spans: Vec<Span> = waivers.iter().map(|w| w.scope).collect();
        spans.sort_unstable_by_key(order);
        spans.dedup();
        let mut scopes: Vec<Scope> = Vec::with_capacity(spans.len());
        // The scopes that contain the one being placed, innermost last.
        let mut open: Vec<usize> = Vec::new();
        for span in spans {
            while open
                .last()
                .is_some_and(|&outer| !contains(scopes[outer].span, span))
            {
                open.pop();
            }
            scopes.push(Scope {
                span,
                parent: open.last().copied(),
            });
            open.push(scopes.len() - 1);
        }
        let mut first = FxHashMap::default();
        for (i, w) in waivers.iter().enumerate() {
            let scope = scopes
                .binary_search_by_key(&order(&w.scope), |s| order(&s.span))
                .expect("every waiver's scope is indexed");
            first.entry((scope, w.code.node.as_str())).or_insert(i);
        }
        WaiverIndex {
            waivers,
            scopes,
            first,
        }
    }

    /// The first waiver, in the spec's order, of the finding's rule whose scope holds its primary
    /// words: the one a scan of every waiver would find.
    pub fn find(&self, finding: &Diagnostic) -> Option<&'w Waiver> {
        self.find_counted(finding).0
    }

    /// [`find`](Self::find), and how many scopes it looked at (for the test that keeps it cheap).
    fn find_counted(&self, finding: &Diagnostic) -> (Option<&'w Waiver>, usize) {
        let Some(at) = finding.primary.as_ref().map(|l| l.span) else {
            return (None, 0);
        };
        let mut best: Option<usize> = None;
        let mut visited = 0;
        // Every scope that holds `at` starts at or before it: it is the last such scope or one
        // around it. An empty span at the very end of a scope is also held by that scope, which may
        // lie just before a scope that starts there: walk out from it too.
        let starting_by = |inclusive: bool| {
            self.scopes.partition_point(|s| {
                (s.span.file, s.span.start) < (at.file, at.start)
                    || (inclusive && (s.span.file, s.span.start) == (at.file, at.start))
            })
        };
        let empty = at.start == at.end;
        for end in [Some(starting_by(true)), empty.then(|| starting_by(false))]
            .into_iter()
            .flatten()
        {
            let mut scope = end.checked_sub(1);
            while let Some(i) = scope {
                visited += 1;
                let s = &self.scopes[i];
                if contains(s.span, at)
                    && let Some(&w) = self.first.get(&(i, finding.code.as_str()))
                {
                    best = Some(best.map_or(w, |b| b.min(w)));
                }
                scope = s.parent;
            }
        }
        (best.map(|w| &self.waivers[w]), visited)
    }
}

/// Whether `inner` lies within `outer`.
fn contains(outer: Span, inner: Span) -> bool {
    inner.file == outer.file && inner.start >= outer.start && inner.end <= outer.end
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::span::{FileId, Spanned};

    fn waiver(code: &str, file: u32, start: u32, end: u32) -> Waiver {
        let scope = Span::new(FileId(file), start as usize, end as usize);
        Waiver {
            code: Spanned::new(code.to_string(), scope),
            reason: Spanned::new(format!("{code} {start}..{end}").into(), scope),
            scope,
            span: scope,
        }
    }

    fn finding(code: &str, file: u32, start: u32, end: u32) -> Diagnostic {
        let at = Span::new(FileId(file), start as usize, end as usize);
        Diagnostic::spec_error_at(code, "m", at, "l")
    }

    /// What `apply` did before the index: the first waiver of the rule, in the spec's order, whose
    /// scope holds the finding's primary words.
    fn by_scan<'w>(waivers: &'w [Waiver], f: &Diagnostic) -> Option<&'w Waiver> {
        let at = f.primary.as_ref()?.span;
        waivers
            .iter()
            .find(|w| w.code.node == f.code && contains(w.scope, at))
    }

    /// Declarations nested up to three deep (processors with sub-processors) in two files, some
    /// with several waivers of the same rule, and findings everywhere, empty spans at the edges
    /// included: the index finds the very waiver the scan of every waiver found.
    #[test]
    fn the_index_finds_what_a_scan_of_every_waiver_finds() {
        let mut seed = 7u64;
        let mut next = |n: u32| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            ((seed >> 33) % n as u64) as u32
        };
        let codes = ["A", "B", "C"];
        let mut waivers = Vec::new();
        for file in 0..2 {
            let mut at = 0;
            for _ in 0..60 {
                // A declaration [at, at + 100) with children [at + 10 + 30k, at + 35 + 30k), and a
                // grandchild in the first child.
                let mut scopes = vec![(at, at + 100), (at + 12, at + 30)];
                for k in 0..next(3) {
                    scopes.push((at + 10 + 30 * k, at + 35 + 30 * k));
                }
                for (start, end) in scopes {
                    for _ in 0..next(3) {
                        waivers.push(waiver(codes[next(3) as usize], file, start, end));
                    }
                }
                at += 100 + next(3);
            }
        }
        // The spec's order is not the order of the scopes.
        for i in (1..waivers.len()).rev() {
            waivers.swap(i, next(i as u32 + 1) as usize);
        }
        let index = WaiverIndex::new(&waivers);
        let mut suppressed = 0;
        for file in 0..2 {
            for start in 0..6_300 {
                for len in [0, 1, 7] {
                    let f = finding(codes[(start % 3) as usize], file, start, start + len);
                    let expected = by_scan(&waivers, &f).map(|w| w as *const Waiver);
                    let found = index.find(&f).map(|w| w as *const Waiver);
                    assert_eq!(found, expected, "finding at {file}:{start}+{len}");
                    suppressed += usize::from(found.is_some());
                }
            }
        }
        assert!(
            suppressed > 10_000,
            "the test covers waived findings: {suppressed}"
        );
    }

    /// A waiver in each of n activities: a finding's look-up visits the activity it is in and no
    /// other scope, however many waivers there are (it scanned all n).
    #[test]
    fn a_look_up_does_not_grow_with_the_number_of_waivers() {
        for n in [1_000, 10_000] {
            let waivers: Vec<Waiver> = (0..n)
                .map(|i| waiver("RETENTION-MISSING", 0, i * 100, i * 100 + 90))
                .collect();
            let index = WaiverIndex::new(&waivers);
            let most = (0..n)
                .map(|i| {
                    let f = finding("RETENTION-MISSING", 0, i * 100 + 5, i * 100 + 9);
                    let (found, visited) = index.find_counted(&f);
                    assert_eq!(found.map(|w| w.scope.start), Some(i * 100));
                    visited
                })
                .max();
            assert_eq!(most, Some(1), "{n} waivers");
        }
    }
}
