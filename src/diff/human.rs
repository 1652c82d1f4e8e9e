//! `hjemmel diff --format human` (the default): plain text for a terminal or a log, one section per
//! kind of change, each line marked `+` (added) or `−` (removed).

use std::io::{self, Write};

use super::Diff;
use super::changes::Party;
use super::ending::OneFinalNewline;
use super::flows::FlowPair;
use super::words::{self, ADDED_MARK, REMOVED_MARK, code};
use crate::diagnostic::Diagnostic;
use crate::i18n::{Lang, Text};
use crate::source::SourceMap;
use crate::tr;

/// The diff as text for a terminal, in memory: [`write_to`] into a string.
pub fn render(diff: &Diff<'_>, lang: Lang) -> String {
    let mut text = Vec::new();
    write_to(diff, lang, &mut text).expect("writing to memory does not fail");
    String::from_utf8(text).expect("the pieces written are strings")
}

/// Writes the diff as text for a terminal, piece by piece: for two large specs that differ
/// everywhere the text is hundreds of megabytes, which is never held whole.
pub fn write_to(diff: &Diff<'_>, lang: Lang, to: &mut dyn Write) -> io::Result<()> {
    let mut out = Terminal {
        to: OneFinalNewline::new(to),
        escaped: String::new(),
    };
    document(diff, lang, &mut out)?;
    // Sections end with an empty line; the output does not.
    out.to.finish().map(drop)
}

/// Where the text goes. It holds paths, git's revision names and the spec's words, and no colour of
/// its own, so every piece is neutralised (`escape::terminal`) as it is written; the escape works
/// character by character, so piece by piece is the same as the whole text at once.
struct Terminal<'w> {
    to: OneFinalNewline<&'w mut dyn Write>,
    /// A piece as escaped, when it has characters other than printable ASCII.
    escaped: String,
}

impl Terminal<'_> {
    fn put(&mut self, text: &str) -> io::Result<()> {
        // Printable ASCII, line feeds and tabs are what `escape::terminal` leaves as they are; only
        // the other characters (the `→` of every flow, Danish letters, anything hostile) go through
        // it, one at a time. Millions of lines for two large specs: checking every character of
        // them with the escape's own test was a fifth of a run.
        let first = plain_run(text.as_bytes());
        if first == text.len() {
            return self.to.write_all(text.as_bytes());
        }
        self.escaped.clear();
        self.escaped.push_str(&text[..first]);
        let mut rest = &text[first..];
        while let Some(c) = rest.chars().next() {
            let (one, after) = rest.split_at(c.len_utf8());
            self.escaped.push_str(&crate::escape::terminal(one));
            let run = plain_run(after.as_bytes());
            self.escaped.push_str(&after[..run]);
            rest = &after[run..];
        }
        self.to.write_all(self.escaped.as_bytes())
    }
}

/// How many bytes `text` starts with that are printable ASCII, line feeds or tabs. Eight at a time:
/// a word with no byte below a space or above `~` is all printable.
fn plain_run(text: &[u8]) -> usize {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH_BITS: u64 = u64::from_ne_bytes([0x80; 8]);
    let plain = |b: &u8| (b' '..=b'~').contains(b) || *b == b'\n' || *b == b'\t';
    let mut at = 0;
    while let Some(chunk) = text.get(at..at + 8) {
        let word = u64::from_ne_bytes(chunk.try_into().expect("eight bytes"));
        // Some byte is below 0x20 (its lane borrows), or above 0x7e (its lane carries into the
        // high bit, or has it set): exact for "some byte", which is all that is asked.
        let below_space = word.wrapping_sub(ONES * 0x20) & !word & HIGH_BITS;
        let above_tilde = (word.wrapping_add(ONES) | word) & HIGH_BITS;
        if below_space | above_tilde != 0
            && let Some(i) = chunk.iter().position(|b| !plain(b))
        {
            return at + i;
        }
        at += 8;
    }
    at + text[at..]
        .iter()
        .position(|b| !plain(b))
        .unwrap_or(text.len() - at)
}

fn document(diff: &Diff<'_>, lang: Lang, out: &mut Terminal<'_>) -> io::Result<()> {
    let c = diff.compared;
    out.put(&tr!(
        lang,
        words::COMPARING,
        old = words::old_spec(lang, c.old_path, c.revision),
        new = code(c.new_path)
    ))?;
    out.put("\n")?;
    if let (None, Some(revision)) = (diff.old, c.revision) {
        out.put(&tr!(
            lang,
            words::ABSENT,
            path = code(c.old_path),
            revision = code(revision)
        ))?;
        out.put("\n")?;
    }
    out.put("\n")?;

    findings(diff, lang, out)?;
    if diff.is_empty() {
        out.put(&tr!(lang, words::NO_CHANGES))?;
        return out.put("\n");
    }
    flows(diff, lang, out)?;
    declarations(diff, lang, out)?;
    notice(diff, lang, out)
}

/// The sentences of the notice the change alters: `+` added, `−` removed, `~` changed (the old
/// sentence, then the new after `→`), each under its headings and, on the new side, with the
/// statement it is written from.
fn notice(diff: &Diff<'_>, lang: Lang, out: &mut Terminal<'_>) -> io::Result<()> {
    let n = &diff.notice;
    if n.is_empty() {
        return Ok(());
    }
    let sources = diff.new.sources;
    // Spec text may hold line breaks: each sentence stays on its line.
    let line = |mark: &str, s: &super::notice::Sentence| {
        format!(
            "  {mark} {}: {}\n",
            crate::escape::terminal_line(&words::notice_section(lang, &s.section)),
            crate::escape::terminal_line(&s.text)
        )
    };
    let from = |s: &super::notice::Sentence| {
        s.span
            .and_then(|span| words::span_location(sources, span))
            .map_or_else(String::new, |at| format!("      {at}\n"))
    };
    out.put(words::NOTICE.get(lang))?;
    out.put("\n")?;
    for s in &n.added {
        out.put(&line(ADDED_MARK, s))?;
        out.put(&from(s))?;
    }
    for s in &n.removed {
        out.put(&line(REMOVED_MARK, s))?;
    }
    for c in &n.changed {
        out.put(&line("~", &c.old))?;
        out.put(&format!(
            "    → {}\n",
            crate::escape::terminal_line(&c.new.text)
        ))?;
        out.put(&from(&c.new))?;
    }
    out.put("\n")
}

fn findings(diff: &Diff<'_>, lang: Lang, out: &mut Terminal<'_>) -> io::Result<()> {
    let f = &diff.findings;
    out.put(&format!(
        "{}: {}\n",
        words::FINDINGS.get(lang),
        words::finding_counts(lang, f.counts())
    ))?;
    let new_sources = diff.new.sources;
    for finding in &f.introduced {
        finding_line(ADDED_MARK, finding, new_sources, lang, out)?;
    }
    if let Some(old) = diff.old {
        for finding in &f.fixed {
            finding_line(REMOVED_MARK, finding, old.sources, lang, out)?;
        }
    }
    for waived in &f.waived {
        finding_line("~", &waived.finding, new_sources, lang, out)?;
        out.put(&format!(
            "      {}: {}\n",
            words::WAIVED.get(lang),
            // A reason from hjemmel.toml may hold line breaks: it stays on its own line.
            crate::escape::terminal_line(&waived.reason)
        ))?;
    }
    out.put("\n")
}

fn finding_line(
    mark: &str,
    finding: &Diagnostic,
    sources: &SourceMap,
    lang: Lang,
    out: &mut Terminal<'_>,
) -> io::Result<()> {
    // Thousands of findings for two large specs: the finding and its place in one piece.
    let mut text = String::with_capacity(finding.message.len() + 80);
    for piece in [
        "  ",
        mark,
        " ",
        words::severity(lang, finding.severity),
        "[",
        &finding.code,
        "] ",
        &finding.message,
        "\n",
    ] {
        text.push_str(piece);
    }
    if let Some(at) = words::location(sources, finding) {
        text.push_str("      ");
        text.push_str(&at);
        text.push('\n');
    }
    out.put(&text)
}

fn flows(diff: &Diff<'_>, lang: Lang, out: &mut Terminal<'_>) -> io::Result<()> {
    if diff.flows.is_empty() {
        return Ok(());
    }
    out.put(words::FLOWS.get(lang))?;
    out.put("\n")?;
    // Millions of lines for two large specs: each is made in one buffer from pieces each escaped
    // on its own — the category's name, what a line says of its party (` → recipient `x` [DK]`)
    // once for the party's run of lines, which come together. The escape works character by
    // character, so escaping the pieces is escaping the line; the marks and flags are hjemmel's
    // own words, with nothing to escape.
    let mut line = FlowLine::default();
    let added = diff.flows.added().map(|pair| (ADDED_MARK, pair));
    let removed = diff.flows.removed().map(|pair| (REMOVED_MARK, pair));
    for (mark, pair) in added.chain(removed) {
        line.write(mark, &pair, lang, out)?;
    }
    out.to.write_all(line.text.as_bytes())?;
    out.put("\n")
}

/// Lines gathered before they are written: a dozen or more at a time, not one write per line, and
/// a small part of a large document (tests/scaling.rs). Under 4 KiB, where glibc's `memcpy` starts
/// copying with `rep movsb` (which callgrind counts a byte at a time, so that the instruction
/// counts would no longer compare).
const LINES_WRITTEN_AT: usize = 2048;

/// The buffer flow lines are made in ([`LINES_WRITTEN_AT`]), and the text of the party of the last
/// one.
#[derive(Default)]
struct FlowLine {
    text: String,
    party: PartyText,
}

impl FlowLine {
    fn write(
        &mut self,
        mark: &str,
        pair: &FlowPair<'_>,
        lang: Lang,
        out: &mut Terminal<'_>,
    ) -> io::Result<()> {
        let line = &mut self.text;
        if line.len() >= LINES_WRITTEN_AT {
            out.to.write_all(line.as_bytes())?;
            line.clear();
        }
        line.push_str("  ");
        line.push_str(mark);
        line.push_str(" `");
        // Category names are nearly always plain: tested eight bytes at a time rather than
        // character by character in the escape (a fifth of the flow lines' cost).
        match plain_run(pair.data.as_bytes()) == pair.data.len() {
            true => line.push_str(pair.data),
            false => line.push_str(&crate::escape::terminal(pair.data)),
        }
        line.push('`');
        line.push_str(self.party.of(lang, pair));
        for (i, flag) in words::flow_mark_words(lang, pair)
            .into_iter()
            .flatten()
            .enumerate()
        {
            line.push_str(if i == 0 { " — " } else { ", " });
            line.push_str(flag);
        }
        line.push('\n');
        Ok(())
    }
}

/// ` → recipient `x` [DK]`: the party of a flow line, escaped, made again only when the party
/// changes.
#[derive(Default)]
struct PartyText {
    /// The party the text is of ([`FlowPair::party_key`]).
    of: Option<super::flows::PartyKey>,
    text: String,
}

impl PartyText {
    fn of(&mut self, lang: Lang, pair: &FlowPair<'_>) -> &str {
        let party = Some(pair.party_key());
        if self.of != party {
            self.of = party;
            let mut text = String::from(" → ");
            words::party_into(&mut text, lang, pair);
            text.push_str(" [");
            text.push_str(&words::place_words(lang, pair.place));
            text.push(']');
            self.text = crate::escape::terminal(&text).into_owned();
        }
        &self.text
    }
}

fn declarations(diff: &Diff<'_>, lang: Lang, out: &mut Terminal<'_>) -> io::Result<()> {
    let ch = &diff.changes;

    // Thousands of activities for two large specs: each line made with one allocation.
    let activity = |mark: &str, a: &super::changes::ActivityRef| {
        let mut line = String::with_capacity(mark.len() + a.name.len() + a.label.len() + 6);
        for piece in [mark, " `", &a.name, "` \"", &a.label, "\""] {
            line.push_str(piece);
        }
        line
    };
    let lines = marked(&ch.activities.added, &ch.activities.removed, activity);
    section(out, &words::ACTIVITIES, lang, lines)?;

    let cite = |mark: &str, c: &crate::law::citation::LegalRef| {
        format!("  {mark} {}", words::citation(lang, c))
    };
    let lines = ch.bases.iter().flat_map(|change| {
        std::iter::once(code(&change.activity)).chain(marked(
            &change.citations.added,
            &change.citations.removed,
            cite,
        ))
    });
    section(out, &words::BASES, lang, lines)?;

    let lines = ch.retention.iter().map(|r| {
        format!(
            "{}, {}: {} → {}",
            code(&r.activity),
            code(&r.data),
            words::period(lang, r.old.as_ref()),
            words::period(lang, r.new.as_ref())
        )
    });
    section(out, &words::RETENTION, lang, lines)?;

    let data = |mark: &str, d: &super::changes::DataFacts| {
        format!(
            "{mark} {} \"{}\" ({})",
            code(&d.name),
            d.label,
            code(&words::class(d.class, &d.special))
        )
    };
    let lines =
        marked(&ch.data.added, &ch.data.removed, data).chain(ch.reclassified.iter().map(|r| {
            format!(
                "{}: {} → {}",
                code(&r.new.name),
                code(&words::class(r.old.class, &r.old.special)),
                code(&words::class(r.new.class, &r.new.special))
            )
        }));
    section(out, &words::DATA, lang, lines)?;

    let processor = |mark: &str, p: &super::changes::ProcessorFacts| {
        let mut text = format!(
            "{mark} {} \"{}\" [{}]",
            code(&p.name),
            p.label,
            words::place(lang, Some(&p.place))
        );
        if let Some(parent) = &p.parent {
            text.push_str(&format!(
                ", {}",
                tr!(lang, words::SUBPROCESSOR_OF, parent = code(parent))
            ));
        }
        text.push_str(&mechanisms_suffix(lang, &p.mechanisms));
        text
    };
    let lines = marked(&ch.processors.added, &ch.processors.removed, processor);
    section(out, &words::PROCESSORS, lang, lines)?;

    let recipient = |mark: &str, r: &super::changes::RecipientFacts| {
        format!(
            "{mark} {} \"{}\" ({}) [{}]{}",
            code(&r.name),
            r.label,
            code(r.kind.keyword()),
            words::place(lang, r.place.as_ref()),
            mechanisms_suffix(lang, &r.mechanisms)
        )
    };
    let lines = marked(&ch.recipients.added, &ch.recipients.removed, recipient);
    section(out, &words::RECIPIENTS, lang, lines)?;

    let lines = ch.transfers.iter().map(|t| {
        let kind = match t.kind {
            Party::Processor => words::PROCESSOR,
            Party::Recipient => words::RECIPIENT,
        };
        let mut parts = Vec::new();
        if let Some((was, is)) = &t.place {
            parts.push(format!(
                "{} {} → {}",
                words::COUNTRY.get(lang),
                words::place(lang, was.as_ref()),
                words::place(lang, is.as_ref())
            ));
        }
        if !t.mechanisms.is_empty() {
            let list = words::marked_list(&t.mechanisms, |m| code(&m.0));
            parts.push(format!("{} {list}", words::MECHANISMS.get(lang)));
        }
        format!(
            "{} {}: {}",
            kind.get(lang),
            code(&t.party),
            parts.join("; ")
        )
    });
    section(out, &words::TRANSFERS, lang, lines)
}

/// `` , transfer mechanisms: `scc`, `derogation(a)` ``, or nothing when there are none.
fn mechanisms_suffix(lang: Lang, mechanisms: &[super::changes::Mechanism]) -> String {
    if mechanisms.is_empty() {
        return String::new();
    }
    // The spec's own words, in backticks as the Markdown writes them.
    let list: Vec<String> = mechanisms.iter().map(|m| code(&m.0)).collect();
    format!(", {}: {}", words::MECHANISMS.get(lang), list.join(", "))
}

/// The added items marked `+`, then the removed ones marked `−`, each line made as it is written.
fn marked<'a, T>(
    added: &'a [T],
    removed: &'a [T],
    line: impl Fn(&str, &T) -> String + Copy + 'a,
) -> impl Iterator<Item = String> + 'a {
    added
        .iter()
        .map(move |item| line(ADDED_MARK, item))
        .chain(removed.iter().map(move |item| line(REMOVED_MARK, item)))
}

/// A heading and its lines, indented; nothing when there are no lines.
fn section(
    out: &mut Terminal<'_>,
    heading: &Text,
    lang: Lang,
    lines: impl IntoIterator<Item = String>,
) -> io::Result<()> {
    let mut lines = lines.into_iter().peekable();
    if lines.peek().is_none() {
        return Ok(());
    }
    out.put(heading.get(lang))?;
    out.put("\n")?;
    // Each line indented and ended in one piece: one escape and one write a line.
    let mut indented = String::new();
    for line in lines {
        indented.clear();
        indented.push_str("  ");
        indented.push_str(&line);
        indented.push('\n');
        out.put(&indented)?;
    }
    out.put("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A flow line escapes its category and party and writes hjemmel's own words (the marks, the
    /// flags) as they are: none of them has anything the escape would change.
    #[test]
    fn the_words_written_unescaped_have_nothing_to_escape() {
        let own = words::ALL
            .iter()
            .flat_map(|(_, text)| [text.get(Lang::En), text.get(Lang::Da)])
            .chain([ADDED_MARK, REMOVED_MARK, " — ", ", "]);
        for word in own {
            assert_eq!(crate::escape::terminal(word), word);
        }
    }

    #[test]
    fn a_piece_is_written_as_the_terminal_escape_writes_it() {
        let pieces = [
            "plain `name` → recipient [DK]\n",
            "",
            "→",
            "særlig kategori\t(art. 9)",
            "\u{1b}[31mred\u{7}\u{7f}\r\n",
            "a\u{202e}b\u{2066}c→",
            "\u{9b}31m æ",
        ];
        // Every character the escape rewrites, and a few it does not, at every place of a word.
        let hostile = [
            '\u{0}', '\u{1b}', '\u{1f}', '\u{7f}', '\u{80}', '\u{202e}', 'æ', '→', '\r',
        ];
        let placed: Vec<String> = hostile
            .iter()
            .flat_map(|c| {
                (0..20).map(move |i| format!("{}{c}{}", &"a~ ".repeat(7)[..i], " tail\t.\n"))
            })
            .collect();
        let pieces = pieces
            .iter()
            .copied()
            .chain(placed.iter().map(String::as_str));
        for piece in pieces {
            let mut written = Vec::new();
            let mut out = Terminal {
                to: OneFinalNewline::new(&mut written),
                escaped: String::new(),
            };
            out.put(piece).unwrap();
            out.put("x").unwrap();
            drop(out);
            let expected = format!("{}x", crate::escape::terminal(piece));
            assert_eq!(String::from_utf8(written).unwrap(), expected, "{piece:?}");
        }
    }
}
