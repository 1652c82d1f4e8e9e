//! Which of a file's words a snippet shows: the lines around some spans, and of a long line only
//! windows around the spans' ends, the rest marked as cut (as rustc and ripgrep do).
//!
//! The human format and the HTML report draw their snippets from an [`Excerpt`], never from the whole
//! file, so a snippet costs what it shows: a finding on a spec written on one line of 64 MB shows a
//! few dozen characters around its words, not the line, and finding the lines costs a look-up in the
//! file's line index, not a scan from the start of the file.

use std::ops::Range;

use crate::source::SourceFile;

/// Lines longer than this many bytes are cut to windows around the spans on them.
pub const LONG_LINE: usize = 400;
/// Characters a window shows before the start or end of a span on a long line.
pub const BEFORE: usize = 60;
/// Characters a window shows after the start or end of a span on a long line.
pub const AFTER: usize = 60;
/// What stands where a long line is cut.
pub const CUT: &str = "…";

/// One line of a snippet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShownLine {
    /// 1-based.
    pub number: usize,
    /// The whole line in the file, in bytes, without its `\n`.
    pub line: Range<usize>,
    /// The parts of the line shown, in order: all of it, or windows of a long line. What lies between
    /// them, and before the first or after the last, is cut.
    pub pieces: Vec<Range<usize>>,
}

impl ShownLine {
    /// Whether the line is cut before its first piece.
    pub fn cut_before(&self) -> bool {
        self.pieces
            .first()
            .is_some_and(|p| p.start > self.line.start)
    }

    /// Whether the line is cut after its last piece.
    pub fn cut_after(&self) -> bool {
        self.pieces.last().is_some_and(|p| p.end < self.line.end)
    }
}

/// The lines of one file a snippet shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    pub lines: Vec<ShownLine>,
}

impl Excerpt {
    /// Every line from `context` lines before the line of `from` to `after` lines after the line of
    /// `to` (fewer at the ends of the file). A long line shows windows around each of `points` on it.
    pub fn around(
        file: &SourceFile,
        from: usize,
        to: usize,
        context: usize,
        after: usize,
        points: &[usize],
    ) -> Excerpt {
        let text_len = file.text.len();
        let mut start = file.line_start(from);
        for _ in 0..context {
            if start == 0 {
                break;
            }
            start = file.line_start(start - 1);
        }
        let mut number = file.line_col(start).0;
        let last = file.line_col(to.min(text_len)).0 + after;
        let mut lines = Vec::new();
        loop {
            lines.push(shown_line(file, number, start, points));
            let end = lines.last().map_or(start, |l: &ShownLine| l.line.end);
            if number >= last || end >= text_len {
                break;
            }
            start = end + 1;
            number += 1;
        }
        Excerpt { lines }
    }
}

/// The line `number`, which starts at `start`, with the windows around `points` if it is long.
pub fn shown_line(file: &SourceFile, number: usize, start: usize, points: &[usize]) -> ShownLine {
    let end = file.line_end(start);
    ShownLine {
        number,
        line: start..end,
        pieces: pieces(&file.text, start..end, points),
    }
}

/// The parts of the line `line` of `text` to show: all of it when it is short; otherwise a window
/// around each of `points` that falls on it (the start of the line when none does), windows that
/// meet joined.
pub fn pieces(text: &str, line: Range<usize>, points: &[usize]) -> Vec<Range<usize>> {
    if line.len() <= LONG_LINE {
        return vec![line];
    }
    let mut windows: Vec<Range<usize>> = points
        .iter()
        .filter(|p| line.contains(p) || **p == line.end)
        .map(|&p| back(text, line.start, p, BEFORE)..forward(text, line.end, p, AFTER))
        .collect();
    if windows.is_empty() {
        windows.push(line.start..forward(text, line.end, line.start, BEFORE + AFTER));
    }
    windows.sort_by_key(|w| w.start);
    let mut joined: Vec<Range<usize>> = Vec::with_capacity(windows.len());
    for w in windows {
        match joined.last_mut() {
            Some(last) if w.start <= last.end => last.end = last.end.max(w.end),
            _ => joined.push(w),
        }
    }
    joined
}

/// The offset `chars` characters before `at`, or `floor` when that comes first. `at` may be inside
/// a character; the result is the start of one.
fn back(text: &str, floor: usize, at: usize, chars: usize) -> usize {
    let mut at = at;
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    text[floor..at]
        .char_indices()
        .rev()
        .take(chars)
        .last()
        .map_or(at, |(i, _)| floor + i)
}

/// The offset `chars` characters after `at`, or `ceiling` when that comes first.
fn forward(text: &str, ceiling: usize, at: usize, chars: usize) -> usize {
    let mut at = at;
    while !text.is_char_boundary(at) {
        at += 1;
    }
    let at = at.min(ceiling);
    text[at..ceiling]
        .char_indices()
        .nth(chars)
        .map_or(ceiling, |(i, _)| at + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile::new("x.hjemmel", text)
    }

    fn shown<'a>(text: &'a str, line: &ShownLine) -> Vec<&'a str> {
        line.pieces.iter().map(|p| &text[p.clone()]).collect()
    }

    #[test]
    fn short_lines_are_shown_whole_with_their_context() {
        let text = "one\ntwo\nthree\nfour\nfive\n";
        let f = file(text);
        let at = text.find("three").unwrap();
        let excerpt = Excerpt::around(&f, at, at + 5, 1, 1, &[at]);
        let numbers: Vec<usize> = excerpt.lines.iter().map(|l| l.number).collect();
        assert_eq!(numbers, [2, 3, 4]);
        assert_eq!(shown(text, &excerpt.lines[1]), ["three"]);
        assert!(!excerpt.lines[1].cut_before() && !excerpt.lines[1].cut_after());
    }

    #[test]
    fn the_excerpt_stops_at_the_ends_of_the_file() {
        let text = "one\ntwo";
        let f = file(text);
        let excerpt = Excerpt::around(&f, 0, text.len(), 3, 3, &[]);
        let numbers: Vec<usize> = excerpt.lines.iter().map(|l| l.number).collect();
        assert_eq!(numbers, [1, 2]);
        let excerpt = Excerpt::around(&f, 0, 0, 0, 0, &[]);
        assert_eq!(excerpt.lines.len(), 1);
        assert_eq!(shown(text, &excerpt.lines[0]), ["one"]);
    }

    /// A long line shows a window around each span end, whatever its length, with the characters
    /// counted, not bytes.
    #[test]
    fn a_long_line_is_cut_to_windows_around_the_points() {
        let filler = "æ ".repeat(500_000);
        let text = format!("head\n{filler}word{filler}other{filler}\ntail\n");
        let f = file(&text);
        let word = text.find("word").unwrap();
        let other = text.find("other").unwrap();
        let excerpt = Excerpt::around(&f, word, other + 5, 1, 1, &[word, word + 4, other]);
        assert_eq!(excerpt.lines.len(), 3);
        let long = &excerpt.lines[1];
        assert_eq!(long.number, 2);
        assert!(long.cut_before() && long.cut_after());
        let pieces = shown(&text, long);
        assert_eq!(pieces.len(), 2, "{pieces:?}");
        assert!(pieces[0].contains("word") && pieces[1].starts_with(&"æ ".repeat(30)));
        assert_eq!(pieces[0].chars().count(), BEFORE + 4 + AFTER);
        assert!(pieces[1].contains("other"));
        assert_eq!(shown(&text, &excerpt.lines[0]), ["head"]);
        assert_eq!(shown(&text, &excerpt.lines[2]), ["tail"]);
    }

    #[test]
    fn a_long_line_without_a_point_shows_its_start() {
        let text = "x".repeat(10 * LONG_LINE);
        let f = file(&text);
        let line = shown_line(&f, 1, 0, &[]);
        assert_eq!(line.pieces, vec![(0..BEFORE + AFTER)]);
        assert!(!line.cut_before() && line.cut_after());
    }
}
