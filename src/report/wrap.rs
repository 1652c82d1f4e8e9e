//! How the human output finds the words miette wraps a help or message at.
//!
//! miette wraps with textwrap, whose default word separator runs the Unicode line-break algorithm
//! (UAX #14, by icu_segmenter) over every line: about a sixth of `hjemmel check` at 10,000
//! activities, for texts that are nearly all letters, digits, spaces and plain punctuation. In such
//! a text the only places UAX #14 lets a line break are after spaces, which is where textwrap's
//! ASCII separator breaks too: [`find_words`] takes that separator for a line of [`PLAIN`]
//! characters, and the Unicode one for any other line, so the words, and the output, are the same.

use textwrap::WordSeparator;
use textwrap::core::Word;

/// The word separator to hand miette.
pub(crate) fn separator() -> WordSeparator {
    WordSeparator::Custom(find_words)
}

/// The words of `line`, as [`WordSeparator::UnicodeBreakProperties`] finds them.
fn find_words(line: &str) -> Box<dyn Iterator<Item = Word<'_>> + '_> {
    if is_plain(line) {
        WordSeparator::AsciiSpace.find_words(line)
    } else {
        WordSeparator::UnicodeBreakProperties.find_words(line)
    }
}

/// Characters that, besides ASCII letters, digits and the space, a plain line may hold: in a line
/// of them (with the pairs [`breaks_elsewhere`] names left out) UAX #14 breaks only after spaces. The
/// tests check it for every string of up to four of them.
const PLAIN: &str = "`'\"_=§→æøåÆØÅ.,:;()-";

/// Whether `line` is plain: every character is one of [`PLAIN`] or an ASCII letter, digit or space,
/// and no two neighbours are a pair UAX #14 treats otherwise. A line that ends with `-` is left to
/// the Unicode separator too, since textwrap drops the break after its last spaces then.
fn is_plain(line: &str) -> bool {
    let mut before = '\n';
    for c in line.chars() {
        if !(c.is_ascii_alphanumeric() || c == ' ' || PLAIN.contains(c))
            || breaks_elsewhere(before, c)
        {
            return false;
        }
        before = c;
    }
    before != '-'
}

/// Neighbours among the plain characters where UAX #14 does not break after spaces only: no break
/// before `.`, `,`, `:`, `;` or `)` after a space, none after `(` and a space, and a break before `(`
/// after a closing or separating mark.
fn breaks_elsewhere(before: char, c: char) -> bool {
    (before == ' ' && matches!(c, '.' | ',' | ':' | ';' | ')'))
        || (before == '(' && c == ' ')
        || (c == '(' && matches!(before, '.' | ',' | ':' | ';' | ')' | '-'))
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
        for _ in 0..4 {
            let mut longer = Vec::new();
            for s in &strings {
                for &c in &alphabet {
                    let t = format!("{s}{c}");
                    let plain = is_plain(&t);
                    if plain
                        && words(&WordSeparator::AsciiSpace, &t)
                            != words(&WordSeparator::UnicodeBreakProperties, &t)
                    {
                        bad.push(t.clone());
                    }
                    longer.push(t);
                }
            }
            strings = longer;
        }
        assert!(
            bad.is_empty(),
            "{} lines, e.g. {:?}",
            bad.len(),
            &bad[..bad.len().min(60)]
        );
    }
}
