//! How the human output finds the words miette wraps a help or message at.
//!
//! miette wraps with textwrap, whose default word separator runs the Unicode line-break algorithm
//! (UAX #14, by icu_segmenter) over every line: about a sixth of `hjemmel check` at 10,000
//! activities, for texts that are nearly all letters, digits, spaces and plain punctuation. In such
//! a text the only places UAX #14 lets a line break are after spaces (and between `)(`), which are
//! easy to find: [`find_words`] finds them itself in a line of [`PLAIN`] characters, and takes the
//! Unicode separator for any other line, so the words, and the output, are the same.

use textwrap::WordSeparator;
use textwrap::core::Word;

/// The word separator to hand miette.
pub(crate) fn separator() -> WordSeparator {
    WordSeparator::Custom(find_words)
}

/// The words of `line`, as [`WordSeparator::UnicodeBreakProperties`] finds them.
fn find_words(line: &str) -> Box<dyn Iterator<Item = Word<'_>> + '_> {
    if is_plain(line) {
        Box::new(plain_words(line).into_iter())
    } else {
        WordSeparator::UnicodeBreakProperties.find_words(line)
    }
}

/// `text` laid out in lines as miette lays out a message or help with textwrap and [`separator`]
/// (`fill`: first fit; words split after a hyphen between letters or digits, broken when longer than
/// a line), without the indents; miette puts them before the lines when it is told not to wrap. The
/// widths: of the whole line, and of the indents before the first line and the others.
///
/// `None` when a line of `text` is not [plain](is_plain), where the words come from the Unicode
/// separator, and when a line of the result would be blank, which miette indents otherwise when it
/// does not wrap (the indent without its trailing spaces). The tests hold it to textwrap's result.
pub(crate) fn lay_out(text: &str, width: usize, first: usize, rest: usize) -> Option<String> {
    let widths = [width.saturating_sub(first), width.saturating_sub(rest)];
    if widths[1] == 0 {
        return None;
    }
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    for line in text.split('\n') {
        if !is_plain(line) {
            return None;
        }
        lay_out_line(line, widths, &mut out)?;
    }
    Some(out)
}

/// One fragment of a line as textwrap places it: `start..end` the characters, `end..space` the
/// spaces after them, `width` columns (every plain character is one column wide).
struct Fragment {
    start: usize,
    end: usize,
    space: usize,
    width: usize,
}

impl Fragment {
    /// A fragment that starts at `start`, with no characters and no spaces yet.
    fn starting_at(start: usize) -> Fragment {
        Fragment {
            start,
            end: usize::MAX,
            space: 0,
            width: 0,
        }
    }

    /// This fragment, ended at `end` with its spaces up to `space`, handed to `each`; the next one
    /// starts at `space`.
    fn hand_on(
        &mut self,
        end: usize,
        space: usize,
        each: &mut impl FnMut(Fragment) -> Option<()>,
    ) -> Option<()> {
        let ended = Fragment {
            end,
            space,
            ..*self
        };
        *self = Fragment::starting_at(space);
        each(ended)
    }
}

/// Lays out one line of plain text after the lines in `out`, `\n` between them: the first at most
/// `widths[0]` columns, the others `widths[1]`. textwrap places an empty word before the first
/// fragment (`wrap_single_line_slow_path`, when there is an indent), so every fragment may start a
/// line; a line ends without the spaces after its last fragment.
fn lay_out_line(line: &str, widths: [usize; 2], out: &mut String) -> Option<()> {
    let mut lines = 0;
    let mut start = 0;
    let mut end = 0;
    let mut used = 0;
    let mut place = |f: Fragment, out: &mut String| -> Option<()> {
        if used + f.width > widths[lines.min(1)] {
            push_line(&line[start..end], out)?;
            lines += 1;
            start = f.start;
            used = 0;
        }
        used += f.width + (f.space - f.end);
        end = f.end;
        Some(())
    };
    for_each_fragment(line, widths[1], |f| place(f, out))?;
    push_line(&line[start..end], out)
}

fn push_line(shown: &str, out: &mut String) -> Option<()> {
    if shown.trim().is_empty() {
        return None;
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out.push_str(shown);
    Some(())
}

/// The fragments of a plain line in order, as textwrap makes them: its words ([`plain_words`]), each
/// split after every `-` with a letter or digit on both sides (`WordSplitter::HyphenSplitter`), each
/// piece broken every `width` characters (`break_words`); the spaces after a word go with its last
/// fragment. Stops at the first `None` of `each`.
fn for_each_fragment(
    line: &str,
    width: usize,
    mut each: impl FnMut(Fragment) -> Option<()>,
) -> Option<()> {
    let mut f = Fragment::starting_at(0);
    // The character before the last, and the last.
    let (mut before_last, mut last) = ('\n', '\n');
    for (at, c) in line.char_indices() {
        let in_space = f.end != usize::MAX;
        let new_word = if last == ' ' {
            c != ' '
        } else {
            breaks_before(last, c)
        };
        if new_word && at > f.start {
            let end = if in_space { f.end } else { at };
            f.hand_on(end, at, &mut each)?;
        } else if c == ' ' {
            if !in_space {
                f.end = at;
            }
        } else {
            let hyphen = last == '-' && before_last.is_alphanumeric() && c.is_alphanumeric();
            if hyphen || f.width == width {
                f.hand_on(at, at, &mut each)?;
            }
        }
        if c != ' ' {
            f.width += 1;
        }
        (before_last, last) = (last, c);
    }
    let end = if f.end == usize::MAX {
        line.len()
    } else {
        f.end
    };
    each(Fragment {
        end,
        space: line.len(),
        ..f
    })
}

/// Characters that, besides ASCII letters, digits and the space, a plain line may hold: in a line
/// of them UAX #14 breaks after spaces, and before a `(` after a closing or separating mark
/// ([`breaks_before`]), and nowhere else, but for the pairs [`is_plain`] leaves out. The tests check
/// it for every string of up to four of them, and that [`is_plain_char`] takes these.
#[cfg(test)]
const PLAIN: &str = "`'\"_=§→æøåÆØÅ.,:;()-";

/// Whether `line` is plain: every character is one of [`PLAIN`] or an ASCII letter, digit or space,
/// and no two neighbours are a pair UAX #14 treats otherwise: no break before `.`, `,`, `:`, `;` or
/// `)` after a space, none after `(` and a space. A line that ends with `-` is left to the Unicode
/// separator too, since textwrap drops the break after its last spaces then.
fn is_plain(line: &str) -> bool {
    let mut before = '\n';
    for c in line.chars() {
        let plain = is_plain_char(c);
        let no_break_after_space = before == ' ' && matches!(c, '.' | ',' | ':' | ';' | ')');
        if !plain || no_break_after_space || (before == '(' && c == ' ') {
            return false;
        }
        before = c;
    }
    before != '-'
}

/// Whether `c` is an ASCII letter, digit or space, or one of [`PLAIN`] (a `match`, not a search of
/// the string: every character of every text is tested).
fn is_plain_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(
            c,
            ' ' | '`'
                | '\''
                | '"'
                | '_'
                | '='
                | '§'
                | '→'
                | 'æ'
                | 'ø'
                | 'å'
                | 'Æ'
                | 'Ø'
                | 'Å'
                | '.'
                | ','
                | ':'
                | ';'
                | '('
                | ')'
                | '-'
        )
}

/// Between two plain characters, neither a space: a break before `(` after `.`, `,`, `:`, `;` or
/// `)` (`6(1)(e)` may break between its parentheses).
fn breaks_before(before: char, c: char) -> bool {
    c == '(' && matches!(before, '.' | ',' | ':' | ';' | ')')
}

/// The words of a plain line: a word ends after its spaces, or before a `(` that [`breaks_before`].
fn plain_words(line: &str) -> Vec<Word<'_>> {
    let mut words = Vec::new();
    let mut start = 0;
    let mut before = '\n';
    for (at, c) in line.char_indices() {
        let breaks = if before == ' ' {
            c != ' '
        } else {
            breaks_before(before, c)
        };
        if breaks && at > start {
            words.push(Word::from(&line[start..at]));
            start = at;
        }
        before = c;
    }
    if start < line.len() {
        words.push(Word::from(&line[start..]));
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(separator: &WordSeparator, line: &str) -> Vec<(String, String)> {
        separator
            .find_words(line)
            .map(|w| (w.word.to_string(), w.whitespace.to_string()))
            .collect()
    }

    /// What miette writes for `text` with `indents` (first line, other lines) at `width`: wrapped
    /// by textwrap as `GraphicalReportHandler::wrap` wraps, and, when [`lay_out`] lays it out,
    /// that layout indented as `wrap` indents when it does not wrap.
    fn both_ways(text: &str, width: usize, indents: (&str, &str)) -> (String, Option<String>) {
        let options = textwrap::Options::new(width)
            .initial_indent(indents.0)
            .subsequent_indent(indents.1)
            .break_words(true)
            .word_separator(super::separator());
        let wrapped = textwrap::fill(text, options);
        let first = textwrap::core::display_width(indents.0);
        let rest = textwrap::core::display_width(indents.1);
        let laid_out = lay_out(text, width, first, rest).map(|lines| {
            let mut out = String::new();
            for (i, line) in lines.split_terminator('\n').enumerate() {
                if i > 0 {
                    out.push('\n');
                }
                assert!(!line.trim().is_empty(), "{lines:?}");
                out.push_str(if i == 0 { indents.0 } else { indents.1 });
                out.push_str(line);
            }
            out
        });
        (wrapped, laid_out)
    }

    /// miette's indents: a message's (with its icons, `×` and `⚠`, and a colour code, which
    /// textwrap does not count), and a help's.
    const INDENTS: [(&str, &str); 4] = [
        ("  × ", "  │ "),
        ("  ⚠ ", "  │ "),
        ("  \u{1b}[36mhelp:\u{1b}[0m ", "        "),
        ("  help: ", "        "),
    ];

    fn check_all(
        texts: &[String],
        widths: std::ops::RangeInclusive<usize>,
        indents: &[(&str, &str)],
    ) -> usize {
        let mut laid_out = 0;
        let mut bad = Vec::new();
        for text in texts {
            for width in widths.clone() {
                for &indents in indents {
                    let (wrapped, ours) = both_ways(text, width, indents);
                    if let Some(ours) = ours {
                        laid_out += 1;
                        if ours != wrapped {
                            bad.push((text.clone(), width, indents.0, wrapped, ours));
                        }
                    }
                }
            }
        }
        assert!(
            bad.is_empty(),
            "{} differ, e.g. {:#?}",
            bad.len(),
            &bad[..bad.len().min(5)]
        );
        laid_out
    }

    /// Every string of up to five characters of a small alphabet (words, spaces, hyphens, breaks
    /// between parentheses, a line end, characters of two bytes and three) is laid out as textwrap
    /// wraps it, at every width from 5 to 10 columns, or not at all.
    #[test]
    fn short_texts_are_laid_out_as_textwrap_wraps_them() {
        let alphabet: Vec<char> = "a1 -()æ→\n".chars().collect();
        let mut strings = vec![String::new()];
        let mut all = Vec::new();
        for _ in 0..5 {
            let mut longer = Vec::new();
            for s in &strings {
                for &c in &alphabet {
                    longer.push(format!("{s}{c}"));
                }
            }
            all.extend(longer.iter().cloned());
            strings = longer;
        }
        let laid_out = check_all(&all, 5..=10, &INDENTS[1..3]);
        // About two in five are laid out: the rest have a blank line, are not plain (`( `, ` )`, a hyphen at the end) or have a word too long for the first line.
        let tried = all.len() * 6 * 2;
        assert!(laid_out * 3 > tried, "{laid_out} of {tried}");
    }

    /// Longer texts, of words of every length (longer than a line, too), hyphens between letters
    /// and between other characters, runs of spaces and several lines, at widths from 1 to 60:
    /// laid out as textwrap wraps them, or not at all.
    #[test]
    fn long_texts_are_laid_out_as_textwrap_wraps_them() {
        let pieces = [
            "a",
            "bb",
            "word",
            "data_category",
            "ansøgninger",
            "6(1)(e)",
            "art. 6(1)(e),",
            "→",
            "e-mail",
            "non--compliant",
            "-x",
            "x-",
            "a-b-c-d-e-f-g",
            "§",
            "`name`",
            "\"x\"",
            "supercalifragilisticexpialidocious",
            "A-Z",
            "æ-ø",
            "1-2",
            ":",
            "(",
            ")",
            "=",
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let mut texts = Vec::new();
        for _ in 0..600 {
            let mut text = String::new();
            for _ in 0..1 + next(30) {
                text.push_str(pieces[next(pieces.len())]);
                match next(12) {
                    0 => text.push('\n'),
                    1 => text.push_str("  "),
                    2 => {}
                    _ => text.push(' '),
                }
            }
            texts.push(text.trim_end_matches('\n').to_string());
        }
        let laid_out = check_all(&texts, 1..=60, &INDENTS);
        // A fifth: most texts hold a piece that is not plain after a space (`:`, `)`), or a blank line.
        assert!(laid_out > texts.len() * 60 * 4 / 5, "{laid_out}");
    }

    /// Texts that are not laid out, for miette to wrap: a line that is not plain, a blank line.
    #[test]
    fn texts_miette_must_wrap_are_not_laid_out() {
        assert_eq!(lay_out("a tab\there", 40, 4, 4), None);
        assert_eq!(lay_out("a quote “here”", 40, 4, 4), None);
        assert_eq!(lay_out("two\n\nparagraphs", 40, 4, 4), None);
        assert_eq!(lay_out("", 40, 4, 4), None);
        assert_eq!(lay_out("   ", 40, 4, 4), None);
        assert_eq!(lay_out("word", 4, 4, 4), None);
        assert_eq!(
            lay_out("the same finding for more places", 16, 4, 4).as_deref(),
            Some("the same\nfinding for\nmore places")
        );
    }

    #[test]
    fn the_plain_characters_are_those_of_the_list() {
        for c in (0..0x3000).filter_map(char::from_u32) {
            let listed = c.is_ascii_alphanumeric() || c == ' ' || PLAIN.contains(c);
            assert_eq!(is_plain_char(c), listed, "{c:?}");
        }
    }

    /// Every string of up to four characters of [`PLAIN`], letters, digits and spaces that
    /// [`is_plain`] takes has the words the Unicode separator finds.
    #[test]
    fn plain_lines_have_the_words_of_the_unicode_separator() {
        let alphabet: Vec<char> = format!("a1 {PLAIN}").chars().collect();
        let mut strings = vec![String::new()];
        let mut bad = Vec::new();
        let mut plain_strings = 0;
        for _ in 0..4 {
            let mut longer = Vec::new();
            for s in &strings {
                for &c in &alphabet {
                    let t = format!("{s}{c}");
                    let plain = is_plain(&t);
                    plain_strings += usize::from(plain);
                    if plain
                        && words(&super::separator(), &t)
                            != words(&WordSeparator::UnicodeBreakProperties, &t)
                    {
                        bad.push(t.clone());
                    }
                    longer.push(t);
                }
            }
            strings = longer;
        }
        // About half the strings are plain (270,584 of 551,880: 27 characters, four places).
        assert!(plain_strings > 250_000, "{plain_strings}");
        assert!(
            bad.is_empty(),
            "{} lines, e.g. {:?}",
            bad.len(),
            &bad[..bad.len().min(60)]
        );
    }
}
