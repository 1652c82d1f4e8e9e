//! The spec's own words under a finding, as the human format shows them: the file and line, the lines
//! around the words with their numbers, the offending words marked, and related words nearby marked in
//! the same picture; related places further away get a picture of their own. A long line shows only
//! windows around the marked words, the rest cut (`…`), so a spec written on one line shows a few
//! dozen characters per finding, not the line ([`excerpt`](crate::report::excerpt)).

use std::fmt::Write;

use super::escape::message;
use super::page::Page;
use crate::diagnostic::Label;
use crate::report::excerpt::{self, CUT};
use crate::report::location::Location;
use crate::source::{SourceFile, SourceMap};

/// Lines shown before and after the marked words.
const CONTEXT: usize = 1;
/// Labels this many lines apart or closer share a picture.
const NEAR: usize = 3;
/// Marked words over more lines than this (a whole declaration) show their first lines and their
/// last, in a picture of their own.
const LONGEST: usize = 6;

/// One label with its place.
struct Placed<'a> {
    label: &'a Label,
    primary: bool,
    at: Location<'a>,
}

impl Placed<'_> {
    fn long(&self) -> bool {
        self.at.end_line - self.at.line + 1 > LONGEST
    }
}

/// A `<figure>` for each group of nearby labels: the primary label first, then the related ones. Labels
/// with no place in a file are left out.
pub fn snippets(out: &mut Page<'_>, sources: &SourceMap, labels: &[(&Label, bool)]) {
    let mut groups: Vec<Vec<Placed>> = Vec::new();
    for &(label, primary) in labels {
        let Some(at) = Location::of(sources, label.span) else {
            continue;
        };
        let placed = Placed { label, primary, at };
        let near = |group: &&mut Vec<Placed>| {
            let (first, last) = lines_of(group);
            group[0].label.span.file == label.span.file
                && !group[0].long()
                && !placed.long()
                && placed.at.line <= last + NEAR
                && placed.at.end_line + NEAR >= first
        };
        match groups.iter_mut().find(near) {
            Some(group) => group.push(placed),
            None => groups.push(vec![placed]),
        }
    }
    for group in &groups {
        figure(out, sources, group);
    }
}

/// The first and last line any label of the group marks.
fn lines_of(group: &[Placed]) -> (usize, usize) {
    let first = group.iter().map(|p| p.at.line).min().unwrap_or(1);
    let last = group.iter().map(|p| p.at.end_line).max().unwrap_or(first);
    (first, last)
}

fn class(primary: bool) -> &'static str {
    if primary { "primary" } else { "secondary" }
}

fn figure(out: &mut Page<'_>, sources: &SourceMap, group: &[Placed]) {
    let head = &group[0];
    let file = sources.file(head.label.span.file);
    let text = file.text.as_str();
    let (_, last_marked) = lines_of(group);
    let last = last_marked + CONTEXT;
    let points: Vec<usize> = group
        .iter()
        .flat_map(|p| [p.label.span.start as usize, p.label.span.end as usize])
        .collect();

    // Pieces and numbers, not `write!`: a picture for each group of findings.
    out.push_str("<figure class=\"snippet ");
    out.push_str(class(head.primary));
    out.push_str("\"><figcaption><span class=\"where\">");
    out.escaped(head.at.file);
    out.push(':');
    out.number(head.at.line);
    out.push(':');
    out.number(head.at.column);
    out.push_str("</span>");
    if !head.label.message.is_empty() {
        out.push_str(" <span class=\"label\">");
        out.push_str(&message(&head.label.message));
        out.push_str("</span>");
    }
    out.push_str("</figcaption><pre>");
    // From the line before the first marked one (the labels of a group are in one file).
    let first_offset = group
        .iter()
        .map(|p| p.label.span.start as usize)
        .min()
        .unwrap_or(0);
    let mut start = file.line_start(first_offset);
    let mut number = file.line_col(start).0;
    for _ in 0..CONTEXT {
        if start > 0 {
            start = file.line_start(start - 1);
            number -= 1;
        }
    }
    loop {
        // In a long span, the lines between its first few and its last are left out.
        if head.long() && number == head.at.line + LONGEST - 2 && number < head.at.end_line {
            out.push_str("<span class=\"line gap\"><span class=\"ln\">⋮</span></span>");
            number = head.at.end_line;
            start = file.line_start(head.label.span.end as usize);
        }
        let end = file.line_end(start);
        out.push_str("<span class=\"line\"><span class=\"ln\">");
        out.number(number);
        out.push_str("</span>");
        shown_line(
            out,
            file,
            start..without_cr(text, start, end),
            &points,
            group,
        );
        // Each line is a block of its own (so a long line wraps beside its number, not under it): a
        // newline between them would show as an empty line.
        out.push_str("</span>");
        if number >= last || end >= text.len() {
            break;
        }
        start = end + 1;
        number += 1;
    }
    out.push_str("</pre>");
    let others: Vec<&Placed> = group[1..]
        .iter()
        .filter(|p| !p.label.message.is_empty())
        .collect();
    if !others.is_empty() {
        out.push_str("<ul class=\"labels\">");
        for p in others {
            let _ = write!(
                out,
                "<li class=\"{}\"><span class=\"where\">{}:{}</span> {}</li>",
                class(p.primary),
                p.at.line,
                p.at.column,
                message(&p.label.message)
            );
        }
        out.push_str("</ul>");
    }
    out.push_str("</figure>\n");
}

/// The text of one line, `start..end` of the file, with the parts the group's labels cover marked.
/// Where labels overlap, the earlier one (the primary first) keeps the words.
fn marked_line(out: &mut Page<'_>, text: &str, start: usize, end: usize, group: &[Placed]) {
    let mut marks: Vec<(usize, usize, bool)> = group
        .iter()
        .filter_map(|p| {
            let from = (p.label.span.start as usize).clamp(start, end);
            let to = (p.label.span.end as usize).clamp(start, end);
            (from < to).then_some((from, to, p.primary))
        })
        .collect();
    marks.sort_by_key(|&(from, _, primary)| (from, !primary));
    let mut at = start;
    for (from, to, primary) in marks {
        let from = from.max(at);
        if from >= to {
            continue;
        }
        out.escaped(&text[at..from]);
        out.push_str("<mark class=\"");
        out.push_str(class(primary));
        out.push_str("\">");
        out.escaped(&text[from..to]);
        out.push_str("</mark>");
        at = to;
    }
    out.escaped(&text[at..end]);
}

/// The end of the line `start..end` without a carriage return before its line feed.
fn without_cr(text: &str, start: usize, end: usize) -> usize {
    if end > start && text.as_bytes()[end - 1] == b'\r' {
        end - 1
    } else {
        end
    }
}

/// One line with the group's marks: all of it, or of a long line the windows around the marks'
/// ends, with `…` where it is cut.
fn shown_line(
    out: &mut Page<'_>,
    file: &SourceFile,
    line: std::ops::Range<usize>,
    points: &[usize],
    group: &[Placed],
) {
    let text = file.text.as_str();
    let pieces = excerpt::pieces(text, line.clone(), points);
    let cut = |out: &mut Page<'_>| {
        out.push_str("<span class=\"cut\">");
        out.push_str(CUT);
        out.push_str("</span>");
    };
    if pieces.first().is_some_and(|p| p.start > line.start) {
        cut(out);
    }
    for (i, piece) in pieces.iter().enumerate() {
        if i > 0 {
            cut(out);
        }
        marked_line(out, text, piece.start, piece.end, group);
    }
    if pieces.last().is_some_and(|p| p.end < line.end) {
        cut(out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;
    use crate::syntax::span::{FileId, Span};

    fn sources(text: &str) -> SourceMap {
        let mut map = SourceMap::new();
        map.add(SourceFile::new("x.hjemmel", text));
        map
    }

    fn label(text: &str, words: &str, message: &str) -> Label {
        let start = text.find(words).unwrap();
        Label::new(Span::new(FileId(0), start, start + words.len()), message)
    }

    #[test]
    fn marks_the_words_and_shows_a_line_either_side() {
        let text = "one\ntwo <b>\nthree\nfour\n";
        let map = sources(text);
        let mut out = Page::in_memory();
        snippets(&mut out, &map, &[(&label(text, "<b>", "`x` here"), true)]);
        let out = out.into_string();
        assert!(out.contains("x.hjemmel:2:5"), "{out}");
        assert!(out.contains("<code>x</code> here"), "{out}");
        assert!(
            out.contains("<span class=\"ln\">2</span>two <mark class=\"primary\">&lt;b&gt;</mark>"),
            "{out}"
        );
        assert!(out.contains("<span class=\"ln\">1</span>one"), "{out}");
        assert!(out.contains("<span class=\"ln\">3</span>three"), "{out}");
        assert!(!out.contains("four"), "{out}");
    }

    #[test]
    fn nearby_labels_share_a_picture_and_far_ones_get_their_own() {
        let text: String = (1..=20).map(|i| format!("line {i} word{i}\n")).collect();
        let map = sources(&text);
        let primary = label(&text, "word3", "here");
        let near = label(&text, "word5", "and here");
        let far = label(&text, "word15", "far away");
        let mut out = Page::in_memory();
        snippets(
            &mut out,
            &map,
            &[(&primary, true), (&near, false), (&far, false)],
        );
        let out = out.into_string();
        assert_eq!(out.matches("<figure").count(), 2, "{out}");
        assert!(
            out.contains("<mark class=\"primary\">word3</mark>"),
            "{out}"
        );
        assert!(
            out.contains("<mark class=\"secondary\">word5</mark>"),
            "{out}"
        );
        assert!(
            out.contains("<li class=\"secondary\"><span class=\"where\">5:8</span> and here</li>"),
            "{out}"
        );
        assert!(
            out.contains("x.hjemmel:15:9</span> <span class=\"label\">far away"),
            "{out}"
        );
    }

    #[test]
    fn a_long_span_shows_its_first_lines_and_its_last() {
        let text: String = (1..=20).map(|i| format!("line {i}\n")).collect();
        let map = sources(&text);
        let end = text.find("line 15").unwrap() + 7;
        let long = Label::new(Span::new(FileId(0), 0, end), "");
        let mut out = Page::in_memory();
        snippets(&mut out, &map, &[(&long, false)]);
        let out = out.into_string();
        assert!(out.contains("line 4<"), "{out}");
        assert!(!out.contains("line 5<"), "{out}");
        assert!(out.contains("⋮"), "{out}");
        assert!(out.contains("line 15<"), "{out}");
        assert!(out.contains("line 16<"), "{out}");
        assert!(!out.contains("line 17"), "{out}");
    }
}
