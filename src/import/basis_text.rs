//! Legal bases written in free text, as registers write them ("art. 6, stk. 1, litra e",
//! "GDPR art. 9(2)(b)", "databeskyttelseslovens § 11, stk. 1", "Lov om social service § 11") and as
//! `hjemmel ropa --format md` renders them, read into citations of the spec language (`gdpr 6(1)(e)`,
//! `dbl 11(1)`, `law "..."`, `agreement "..."`).
//!
//! A provision is typed only when its act is one the tool knows (by its keyword or its short name in
//! the law data, as the renderers print it) and the crate's own citation validation accepts it; a
//! statute named in words stays `law "..."` as written; anything else is kept for a comment.

use memchr::memmem::Finder;

use crate::i18n::Lang;
use crate::law::acts::ActId;
use crate::law::citation;
use crate::syntax::ast::{self, Parts};
use crate::syntax::span::{Span, Spanned};

/// What a cell of legal bases says, read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Bases {
    /// Citations in the spec language's syntax (`gdpr 6(1)(e)`, `law "Byggeloven"`), each validated.
    pub citations: Vec<String>,
    /// Bases of some cases only (`basis ... in some cases "..."`), with the source's words for which:
    /// `Some(None)` when it says "in some cases" without them.
    pub some_cases: Option<Option<String>>,
    /// Pieces that could not be read as a citation, as written.
    pub unread: Vec<String>,
}

/// Reads every basis in `text`: several may stand in one cell, separated by line breaks, `;`, `,`,
/// "og" or "and".
pub fn read(text: &str) -> Bases {
    read_pieces(text, read_piece)
}

/// [`read`] with each piece's reading kept (a piece: a line's text between `;`): a register's lines
/// of bases are a few pieces combined in many ways (the 10k synth record: 932 lines of 26 pieces),
/// and reading one is tens of thousands of instructions.
#[derive(Default)]
pub struct PieceReader {
    read: crate::spec_map::SpecMap<String, Bases>,
}

impl PieceReader {
    /// What [`read`] gives for `text`.
    pub fn read(&mut self, text: &str) -> Bases {
        read_pieces(text, |piece, bases| {
            if !self.read.contains_key(piece) {
                let mut alone = Bases::default();
                read_piece(piece, &mut alone);
                self.read.insert(piece.to_string(), alone);
            }
            let alone = &self.read[piece];
            bases.citations.extend(alone.citations.iter().cloned());
            bases.unread.extend(alone.unread.iter().cloned());
        })
    }
}

/// `text`'s prefix of some cases read, and each piece after it added to the bases by `read_piece`.
fn read_pieces(text: &str, mut read_piece: impl FnMut(&str, &mut Bases)) -> Bases {
    let mut bases = Bases::default();
    let mut rest = text.trim();
    if let Some((cases, after)) = some_cases_prefix(rest) {
        bases.some_cases = Some(cases);
        rest = after;
    }
    for piece in rest.split(['\n', '\r', ';']) {
        let piece = piece.trim().trim_end_matches('.').trim();
        if piece.is_empty() {
            continue;
        }
        read_piece(piece, &mut bases);
    }
    bases
}

/// `in some cases ("X"): ...` and `i nogle tilfælde ("X"): ...`, as ropa words bases of some cases;
/// the words for which cases, and what follows.
fn some_cases_prefix(text: &str) -> Option<(Option<String>, &str)> {
    let lower = text.to_lowercase();
    let prefix = ["in some cases", "i nogle tilfælde"]
        .into_iter()
        .find(|p| lower.starts_with(p))?;
    let after = text[prefix.len()..].trim_start();
    if let Some(rest) = after.strip_prefix(':') {
        return Some((None, rest.trim_start()));
    }
    let quoted = after.strip_prefix("(\"")?;
    let end = quoted.find("\"):")?;
    Some((
        Some(quoted[..end].to_string()),
        quoted[end + 3..].trim_start(),
    ))
}

fn read_piece(piece: &str, bases: &mut Bases) {
    if let Some(cited) = typed(piece, None) {
        bases.citations.push(cited.text);
        return;
    }
    if is_agreement(piece) {
        bases.citations.push(quoted("agreement", piece));
        return;
    }
    let parts = split_parts(piece);
    let mut read_parts = Vec::with_capacity(parts.len());
    let mut act = None;
    for part in &parts {
        let cited = typed(part, act);
        if let Some(c) = &cited {
            act = Some(c.act);
        }
        read_parts.push(cited);
    }
    if read_parts.iter().all(Option::is_none) {
        if is_statute(piece) {
            bases.citations.push(quoted("law", piece));
        } else {
            bases.unread.push(piece.to_string());
        }
        return;
    }
    for (part, cited) in parts.iter().zip(read_parts) {
        match cited {
            Some(c) => bases.citations.push(c.text),
            None if is_agreement(part) => bases.citations.push(quoted("agreement", part)),
            None if is_statute(part) => bases.citations.push(quoted("law", part)),
            None => bases.unread.push(part.to_string()),
        }
    }
}

/// `law "..."`, the text made safe for a quoted string of the spec language.
fn quoted(keyword: &str, text: &str) -> String {
    format!("{keyword} \"{}\"", super::write::string_body(text))
}

/// A collective agreement named in words: "Aftale om ...", "Overenskomst for ...".
fn is_agreement(text: &str) -> bool {
    let lower = text.to_lowercase();
    [
        "aftale ",
        "overenskomst",
        "agreement ",
        "collective agreement",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
}

/// A statute named in words: "Lov om ...", "Byggeloven", "Barnets lov", "... § 11", "... Act".
fn is_statute(text: &str) -> bool {
    let lower = text.to_lowercase();
    lower.contains('§')
        || lower.contains("bekendtgørelse")
        || lower.split(|c: char| !c.is_alphanumeric()).any(|word| {
            word == "lov" || word.ends_with("loven") || word.ends_with("lovens") || word == "act"
        })
}

/// The parts of a piece: split at commas that do not start a paragraph or point ("art. 6, stk. 1,
/// litra e" is one part), and at "og", "and", "&".
fn split_parts(piece: &str) -> Vec<String> {
    let mut parts = Vec::new();
    for chunk in split_words(piece, &[" og ", " and ", " & "]) {
        let mut current = String::new();
        for (i, segment) in chunk.split(',').enumerate() {
            let starts_detail = {
                let s = segment.trim_start().to_lowercase();
                ["stk", "litra", "nr", "pkt", "no."]
                    .iter()
                    .any(|w| s.starts_with(w))
            };
            if i > 0 && !starts_detail {
                parts.push(std::mem::take(&mut current));
            } else if i > 0 {
                current.push(',');
            }
            current.push_str(segment);
        }
        parts.push(current);
    }
    parts
        .into_iter()
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

/// `text` split at each of `separators` (matched without regard to case).
fn split_words(text: &str, separators: &[&str]) -> Vec<String> {
    let lower = text.to_lowercase();
    // Lowercasing keeps byte positions only for text whose lowercase is as long: else split nothing.
    if lower.len() != text.len() {
        return vec![text.to_string()];
    }
    let mut out = Vec::new();
    let mut start = 0;
    let mut at = 0;
    while at < lower.len() {
        if let Some(sep) = separators.iter().find(|s| lower[at..].starts_with(*s)) {
            out.push(text[start..at].to_string());
            at += sep.len();
            start = at;
        } else {
            at += lower[at..].chars().next().map_or(1, char::len_utf8);
        }
    }
    out.push(text[start..].to_string());
    out
}

/// A typed citation read from one part.
struct Typed {
    act: ActId,
    text: String,
}

/// Words that may stand beside a citation without naming anything else ("jf.", "i", "of the").
const FILLER: &[&str] = &[
    "jf", "i", "af", "of", "the", "efter", "under", "pursuant", "to", "in",
];

/// Reads one part as one provision of an act the tool knows; `inherited` is the act of the part
/// before it in the same piece ("dbl § 8 og § 11").
fn typed(part: &str, inherited: Option<ActId>) -> Option<Typed> {
    let lower = normalise(part);
    let (act, without_act) = match find_act(&lower) {
        Some((act, start, end)) => (Some(act), format!("{} {}", &lower[..start], &lower[end..])),
        None => (None, lower.clone()),
    };
    let (marker, provision, rest) = provision(&without_act, act.is_some())?;
    let act = match (act, marker) {
        (Some(act), _) => act,
        (None, Marker::Article) => ActId::Gdpr,
        (None, Marker::Section) => inherited?,
        (None, Marker::Bare) => return None,
    };
    let leftover_is_filler = rest
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|w| FILLER.contains(&w));
    if !leftover_is_filler {
        return None;
    }
    let text = format!("{} {}", act.keyword(), provision);
    valid(act, &provision).then_some(Typed { act, text })
}

/// Whether the crate's own validation accepts `act provision` (`gdpr`, `6(1)(e)`).
fn valid(act: ActId, provision: &str) -> bool {
    let (number, parts) = Parts::split(provision);
    let cited = ast::Citation::Act {
        act: Spanned::new(act.keyword(), Span::SYNTHETIC),
        number,
        parts,
        span: Span::SYNTHETIC,
    };
    citation::validate(&cited, Lang::En).is_ok()
}

/// Lowercase, "artikel"/"article" made "art.", white space made single spaces.
fn normalise(text: &str) -> String {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let joined = words.join(" ");
    joined
        .replace("artikel ", "art. ")
        .replace("article ", "art. ")
        .replace("art ", "art. ")
        .replace("art.", "art. ")
        .replace("art.  ", "art. ")
        .replace("stk ", "stk. ")
        .replace('§', " § ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The names an act goes by in a citation, lowercase: its keyword, its short name and that name's
/// genitive (as ropa and findings print them), and for the GDPR its usual names; each with its
/// searcher, made once (`str::find` builds one for every search: most of the import of a large
/// register went into that).
fn act_names() -> &'static [(Finder<'static>, ActId)] {
    static NAMES: std::sync::OnceLock<Vec<(Finder<'static>, ActId)>> = std::sync::OnceLock::new();
    NAMES.get_or_init(|| {
        let mut names = Vec::new();
        for act in ActId::ALL {
            let short = act.act().header.short.to_lowercase();
            names.push((act.keyword().to_string(), act));
            if !short.ends_with('s') {
                names.push((format!("{short}s"), act));
            }
            names.push((short, act));
        }
        for gdpr in [
            "databeskyttelsesforordningen",
            "databeskyttelsesforordningens",
            "persondataforordningen",
            "persondataforordningens",
            "forordningen",
            "forordningens",
            "general data protection regulation",
            "the gdpr",
        ] {
            names.push((gdpr.to_string(), ActId::Gdpr));
        }
        // Longest first, so that "databeskyttelsesforordningens" is not read as "forordningens".
        names.sort_by_key(|(name, _)| std::cmp::Reverse(name.len()));
        names
            .into_iter()
            .map(|(name, act)| (Finder::new(name.as_bytes()).into_owned(), act))
            .collect()
    })
}

/// The act named in `lower` as a whole word, with where its name stands.
fn find_act(lower: &str) -> Option<(ActId, usize, usize)> {
    for (name, act) in act_names() {
        let mut from = 0;
        // A name is whole characters, so where its bytes are found is where `str::find` finds it.
        while let Some(found) = name.find(&lower.as_bytes()[from..]) {
            let start = from + found;
            let end = start + name.needle().len();
            let before = lower[..start].chars().next_back();
            let after = lower[end..].chars().next();
            let is_word = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric() && c != '-');
            if is_word(before) && is_word(after) {
                return Some((*act, start, end));
            }
            from = end;
        }
    }
    None
}

/// Where `word` starts a word of `text`.
fn find_word(text: &str, word: &str) -> Option<usize> {
    text.match_indices(word)
        .map(|(i, _)| i)
        .find(|&i| !text[..i].ends_with(|c: char| c.is_alphanumeric()))
}

/// How a provision was introduced: `art.` (an article), `§` (a section) or a bare number after the
/// act's keyword (`gdpr 6(1)(e)`, the spec's own form).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Marker {
    Article,
    Section,
    Bare,
}

/// The provision in `text` as the spec writes it (`6(1)(e)`, `4c(5)`, `8(2)(1)`), and the text
/// around it. `bare` allows a number without `art.` or `§` (when the act was named).
fn provision(text: &str, bare: bool) -> Option<(Marker, String, String)> {
    let (marker, start, after_marker) = if let Some(i) = find_word(text, "art. ") {
        (Marker::Article, i, i + "art. ".len())
    } else if let Some(i) = text.find("§ ") {
        (Marker::Section, i, i + "§ ".len())
    } else if bare {
        let i = text.find(|c: char| c.is_ascii_digit())?;
        (Marker::Bare, i, i)
    } else {
        return None;
    };
    let bytes = text.as_bytes();
    let mut at = after_marker;
    let digits_start = at;
    while at < bytes.len() && bytes[at].is_ascii_digit() {
        at += 1;
    }
    if at == digits_start {
        return None;
    }
    let mut number = text[digits_start..at].to_string();
    // A lettered section: `§ 4 c`, `§ 4c`, `4c(5)`. A lone letter followed by a word is not one
    // ("§ 11 i databeskyttelsesloven").
    let letter_at = if bytes.get(at) == Some(&b' ') {
        at + 1
    } else {
        at
    };
    if marker != Marker::Article
        && let Some(&c) = bytes.get(letter_at)
        && c.is_ascii_lowercase()
    {
        let next = bytes.get(letter_at + 1).copied();
        let after_next = bytes.get(letter_at + 2).copied();
        let ends_here = match next {
            None | Some(b',' | b'(' | b')' | b'.') => true,
            Some(b' ') => !after_next.is_some_and(|n| n.is_ascii_lowercase()),
            _ => false,
        };
        if ends_here {
            number.push(c as char);
            at = letter_at + 1;
        }
    }
    let mut parts: Vec<String> = Vec::new();
    loop {
        let rest = &text[at..];
        let trimmed = rest.trim_start_matches([' ', ',']);
        let skipped = rest.len() - trimmed.len();
        if let Some(inner) = trimmed.strip_prefix('(') {
            let Some(close) = inner.find(')') else { break };
            let part = &inner[..close];
            if part.is_empty() || !part.chars().all(|c| c.is_ascii_alphanumeric()) {
                break;
            }
            parts.push(part.to_string());
            at += skipped + 1 + close + 1;
            continue;
        }
        let detail = ["stk. ", "litra ", "nr. ", "no. "]
            .into_iter()
            .find(|w| trimmed.starts_with(w));
        let Some(word) = detail else { break };
        let value_start = &trimmed[word.len()..];
        let value_len = value_start
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(value_start.len());
        if value_len == 0 {
            break;
        }
        parts.push(value_start[..value_len].to_string());
        at += skipped + word.len() + value_len;
    }
    let mut provision = number;
    for part in &parts {
        provision.push('(');
        provision.push_str(part);
        provision.push(')');
    }
    let rest = format!("{} {}", &text[..start], &text[at..]);
    Some((marker, provision, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each piece read once gives what reading every line whole gives, pieces met again and
    /// unread ones included, in the same order.
    #[test]
    fn a_piece_reader_reads_as_read_does() {
        let lines = [
            "GDPR art. 6(1)(e); Databeskyttelsesloven § 11, stk. 1; Lov om social service",
            "GDPR art. 6(1)(c); GDPR art. 9(2)(a); Databeskyttelsesloven § 11, stk. 1",
            "i nogle tilfælde (\"ved klage\"): GDPR art. 6(1)(e); noget uforståeligt",
            "noget uforståeligt; GDPR art. 6(1)(e)\nart. 6, stk. 1, litra c og 9",
            "",
        ];
        let mut pieces = PieceReader::default();
        for line in lines.iter().chain(lines.iter().rev()) {
            assert_eq!(pieces.read(line), read(line), "{line}");
        }
        assert!(!read(lines[3]).unread.is_empty() && !read(lines[0]).citations.is_empty());
    }

    fn cited(text: &str) -> Vec<String> {
        read(text).citations
    }

    #[test]
    fn danish_and_english_forms_of_one_gdpr_provision() {
        for text in [
            "art. 6, stk. 1, litra e",
            "artikel 6, stk. 1, litra e",
            "Art. 6(1)(e) GDPR",
            "GDPR art. 6(1)(e)",
            "gdpr 6(1)(e)",
            "Databeskyttelsesforordningen art. 6, stk. 1, litra e",
            "databeskyttelsesforordningens art. 6, stk. 1, litra e",
        ] {
            assert_eq!(cited(text), ["gdpr 6(1)(e)"], "{text}");
        }
        assert_eq!(cited("GDPR art. 9(2)(b)"), ["gdpr 9(2)(b)"]);
        assert_eq!(cited("databeskyttelsesforordningens artikel 6"), ["gdpr 6"]);
    }

    #[test]
    fn danish_acts_by_keyword_and_name() {
        assert_eq!(cited("databeskyttelseslovens § 11, stk. 1"), ["dbl 11(1)"]);
        assert_eq!(cited("dbl § 8"), ["dbl 8"]);
        assert_eq!(
            cited("Databeskyttelsesloven § 8, stk. 2, nr. 1"),
            ["dbl 8(2)(1)"]
        );
        assert_eq!(cited("dbl § 8 og § 11"), ["dbl 8", "dbl 11"]);
    }

    #[test]
    fn statutes_and_agreements_in_words() {
        assert_eq!(
            cited("lov om social service § 11"),
            ["law \"lov om social service § 11\""]
        );
        assert_eq!(cited("Byggeloven"), ["law \"Byggeloven\""]);
        assert_eq!(
            cited(
                "Aftale om kontrolforanstaltninger indgået mellem KL og Forhandlingsfællesskabet"
            ),
            [
                "agreement \"Aftale om kontrolforanstaltninger indgået mellem KL og Forhandlingsfællesskabet\""
            ]
        );
    }

    #[test]
    fn several_in_one_cell() {
        assert_eq!(
            cited(
                "art. 6, stk. 1, litra e, art. 9, stk. 2, litra b; dbl § 11\nLov om kommunernes styrelse"
            ),
            [
                "gdpr 6(1)(e)",
                "gdpr 9(2)(b)",
                "dbl 11",
                "law \"Lov om kommunernes styrelse\""
            ]
        );
        assert_eq!(
            cited("Art. 6(1)(c) GDPR and Art. 9(2)(b) GDPR"),
            ["gdpr 6(1)(c)", "gdpr 9(2)(b)"]
        );
    }

    #[test]
    fn what_does_not_exist_or_cannot_be_read_stays_a_comment() {
        let bases = read("art. 6, stk. 1, litra k");
        assert!(bases.citations.is_empty(), "{bases:?}");
        assert_eq!(bases.unread, ["art. 6, stk. 1, litra k"]);
        let bases = read("samtykke; art. 100");
        assert!(bases.citations.is_empty(), "{bases:?}");
        assert_eq!(bases.unread, ["samtykke", "art. 100"]);
    }

    #[test]
    fn bases_of_some_cases() {
        let bases = read("in some cases (\"når du selv ansøger\"): GDPR art. 6(1)(a)");
        assert_eq!(bases.citations, ["gdpr 6(1)(a)"]);
        assert_eq!(
            bases.some_cases,
            Some(Some("når du selv ansøger".to_string()))
        );
        let bases = read("i nogle tilfælde: Databeskyttelsesforordningen art. 6, stk. 1, litra a");
        assert_eq!(bases.citations, ["gdpr 6(1)(a)"]);
        assert_eq!(bases.some_cases, Some(None));
    }
}
