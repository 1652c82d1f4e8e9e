//! The spec's own words under a finding, as the human format shows them: the file and line, the lines
//! around the words with their numbers, the offending words marked, and related words nearby marked in
//! the same picture; related places further away get a picture of their own.

use std::fmt::Write;

use super::escape::{escape, message};
use crate::diagnostic::Label;
use crate::report::location::Location;
use crate::source::SourceMap;

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
    at: Location,
}

impl Placed<'_> {
    fn long(&self) -> bool {
        self.at.end_line - self.at.line + 1 > LONGEST
    }
}

/// A `<figure>` for each group of nearby labels: the primary label first, then the related ones. Labels
/// with no place in a file are left out.
pub fn snippets(out: &mut String, sources: &SourceMap, labels: &[(&Label, bool)]) {
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

fn figure(out: &mut String, sources: &SourceMap, group: &[Placed]) {
    let head = &group[0];
    let file = sources.file(head.label.span.file);
    let text = file.text.as_str();
    let lines = line_starts(text);
    let (first_marked, last_marked) = lines_of(group);
    let first = first_marked.saturating_sub(CONTEXT).max(1);
    let last = (last_marked + CONTEXT).min(lines.len());

    let _ = write!(
        out,
        "<figure class=\"snippet {}\"><figcaption><span class=\"where\">{}:{}:{}</span>",
        class(head.primary),
        escape(&head.at.file),
        head.at.line,
        head.at.column
    );
    if !head.label.message.is_empty() {
        let _ = write!(
            out,
            " <span class=\"label\">{}</span>",
            message(&head.label.message)
        );
    }
    out.push_str("</figcaption><pre>");
    for number in first..=last {
        // In a long span, the lines between its first few and its last are left out.
        if head.long() && number >= head.at.line + LONGEST - 2 && number < head.at.end_line {
            if number == head.at.line + LONGEST - 2 {
                out.push_str("<span class=\"line gap\"><span class=\"ln\">⋮</span></span>");
            }
            continue;
        }
        let (start, content) = lines[number - 1];
        let _ = write!(
            out,
            "<span class=\"line\"><span class=\"ln\">{number}</span>"
        );
        marked_line(out, text, start, start + content.len(), group);
        // Each line is a block of its own (so a long line wraps beside its number, not under it): a
        // newline between them would show as an empty line.
        out.push_str("</span>");
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
fn marked_line(out: &mut String, text: &str, start: usize, end: usize, group: &[Placed]) {
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
        out.push_str(&escape(&text[at..from]));
        let _ = write!(
            out,
            "<mark class=\"{}\">{}</mark>",
            class(primary),
            escape(&text[from..to])
        );
        at = to;
    }
    out.push_str(&escape(&text[at..end]));
}

/// Each line's byte offset and its text, without the line end.
fn line_starts(text: &str) -> Vec<(usize, &str)> {
    let mut lines = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let content = line.strip_suffix('\n').unwrap_or(line);
        let content = content.strip_suffix('\r').unwrap_or(content);
        lines.push((start, content));
        start += line.len();
    }
    if text.is_empty() || text.ends_with('\n') {
        lines.push((start, ""));
    }
    lines
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
        let mut out = String::new();
        snippets(&mut out, &map, &[(&label(text, "<b>", "`x` here"), true)]);
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
        let mut out = String::new();
        snippets(
            &mut out,
            &map,
            &[(&primary, true), (&near, false), (&far, false)],
        );
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
        let mut out = String::new();
        snippets(&mut out, &map, &[(&long, false)]);
        assert!(out.contains("line 4<"), "{out}");
        assert!(!out.contains("line 5<"), "{out}");
        assert!(out.contains("⋮"), "{out}");
        assert!(out.contains("line 15<"), "{out}");
        assert!(out.contains("line 16<"), "{out}");
        assert!(!out.contains("line 17"), "{out}");
    }
}
