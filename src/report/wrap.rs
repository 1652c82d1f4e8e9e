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

/// Characters that, besides ASCII letters, digits and the space, a plain line may hold: in a line
/// of them UAX #14 breaks after spaces, and before a `(` after a closing or separating mark
/// ([`breaks_before`]), and nowhere else, but for the pairs [`is_plain`] leaves out. The tests check
/// it for every string of up to four of them.
const PLAIN: &str = "`'\"_=§→æøåÆØÅ.,:;()-";

/// Whether `line` is plain: every character is one of [`PLAIN`] or an ASCII letter, digit or space,
/// and no two neighbours are a pair UAX #14 treats otherwise: no break before `.`, `,`, `:`, `;` or
/// `)` after a space, none after `(` and a space. A line that ends with `-` is left to the Unicode
/// separator too, since textwrap drops the break after its last spaces then.
fn is_plain(line: &str) -> bool {
    let mut before = '\n';
    for c in line.chars() {
        let plain = c.is_ascii_alphanumeric() || c == ' ' || PLAIN.contains(c);
        let no_break_after_space = before == ' ' && matches!(c, '.' | ',' | ':' | ';' | ')');
        if !plain || no_break_after_space || (before == '(' && c == ' ') {
            return false;
        }
        before = c;
    }
    before != '-'
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
