//! pest errors → diagnostics a DPO can act on: what was found, what could stand there, in the words of
//! the language, and a hint for the usual slips.

use super::controls;
use super::parser::Rule;
use super::span::{FileId, Span};
use super::{DECLARATIONS, STATEMENTS};
use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::i18n::Lang;
use crate::law::ActId;
use crate::law::vocabulary::{RecipientKind, SourceKind, SubjectKind};
use crate::tr;

/// Turns a pest error into a diagnostic a DPO can act on: what was found, and what could stand there,
/// in the words of the language rather than the grammar's rule names. The common mistakes are named
/// outright: a quoted text left open, a block never closed, a `}` too many, a declaration without its
/// kind, a `basis` without its citation. The diagnostic is worded in `lang`.
pub(super) fn syntax_error(
    file: FileId,
    text: &str,
    offset: usize,
    error: pest::error::Error<Rule>,
    lang: Lang,
) -> Diagnostic {
    use pest::error::{ErrorVariant, InputLocation};
    let start = offset
        + match error.location {
            InputLocation::Pos(p) => p,
            InputLocation::Span((s, _)) => s,
        };
    let mut positives = match error.variant {
        ErrorVariant::ParsingError { positives, .. } => positives,
        ErrorVariant::CustomError { .. } => Vec::new(),
    };
    let at = |s: usize, e: usize| Span::new(file, s, e);
    let rest = &text[start..];
    let blocks = open_blocks(text, start);

    if let Some(len) = open_text(rest) {
        return Diagnostic::spec_error_at(
            "syntax",
            tr!(lang, text::OPEN_TEXT),
            at(start, start + len),
            tr!(lang, text::OPEN_TEXT_LABEL),
        )
        .with_help(tr!(lang, text::OPEN_TEXT_HELP));
    }
    if rest.is_empty()
        && let Some(&brace) = blocks.last()
    {
        let owner = block_owner(text, brace, lang);
        return Diagnostic::spec_error_at(
            "syntax",
            tr!(lang, text::NOT_CLOSED, owner = owner),
            at(brace, brace + 1),
            tr!(lang, text::NOT_CLOSED_LABEL),
        )
        .with_help(tr!(lang, text::NOT_CLOSED_HELP, owner = owner));
    }
    if rest.starts_with('}') && blocks.is_empty() {
        return Diagnostic::spec_error_at(
            "syntax",
            tr!(lang, text::STRAY_BRACE),
            at(start, start + 1),
            tr!(lang, text::STRAY_BRACE_LABEL),
        )
        .with_help(tr!(lang, text::STRAY_BRACE_HELP));
    }

    let previous = previous_word(text, start);
    let free_text = previous.is_some_and(|(_, w)| matches!(w, "law" | "agreement"));
    if free_text && positives.contains(&Rule::string) {
        // `law Lov om ...`: the quotes are missing, it is not an act called `law`.
        positives.retain(|r| *r != Rule::provision);
    }
    if positives.contains(&Rule::provision)
        && let Some((p, word)) = previous
    {
        // An act name is any word, so the keyword after a `basis` with no citation was read as one.
        if STATEMENTS.contains(&word) || DECLARATIONS.contains(&word) {
            return Diagnostic::spec_error_at(
                "syntax",
                tr!(lang, text::CITATION_MISSING, word = word),
                at(p, p + word.len()),
                tr!(lang, text::CITATION_MISSING_LABEL, word = word),
            )
            .with_help(tr!(lang, text::CITATION_MISSING_HELP));
        }
        // `law` and `agreement` take a quoted text: the general message says so.
        if ActId::from_keyword(word).is_none() && !matches!(word, "law" | "agreement") {
            let acts: Vec<&str> = ActId::ALL.iter().map(|a| a.keyword()).collect();
            return Diagnostic::spec_error_at(
                "syntax",
                tr!(lang, text::NOT_CITATION, word = word),
                at(p, p + word.len()),
                tr!(lang, text::NOT_CITATION_LABEL),
            )
            .with_help(tr!(lang, text::NOT_CITATION_HELP, acts = acts.join(", ")));
        }
    }

    let (found, found_len) = describe_found(text, start, lang);
    let word = rest
        .get(..found_len)
        .filter(|w| w.starts_with(|c: char| c.is_alphabetic() || c == '_'));
    let in_block = !blocks.is_empty();
    let declarations_expected =
        !in_block && positives.iter().filter(|r| is_declaration(**r)).count() >= 3;
    // `subjects citizens "Borgere"` with no kind: the error shows at the next declaration's keyword
    // (or just after it, when the keyword was taken for the kind).
    let next_keyword = match (word, previous) {
        (Some(w), _) if DECLARATIONS.contains(&w) => Some(start),
        (Some(_), Some((p, w))) if declarations_expected && DECLARATIONS.contains(&w) => Some(p),
        _ => None,
    };
    if !in_block
        && let Some(keyword) = next_keyword
        && let Some(d) = missing_kind(file, text, keyword, lang)
    {
        return d;
    }

    let expected = expectations(&positives, in_block, lang);
    let expectation = match expected.len() {
        0 => tr!(lang, text::SOMETHING_ELSE),
        1 => expected[0].clone(),
        n => tr!(
            lang,
            text::ONE_OF,
            init = expected[..n - 1].join(", "),
            last = expected[n - 1]
        ),
    };
    // The length is measured on the English, so that both languages label the same errors.
    let english_length = match expected.len() {
        1 => expectations(&positives, in_block, Lang::En)[0].len(),
        _ => usize::MAX,
    };
    let label = if expected.len() == 1 && english_length <= 40 {
        tr!(lang, text::EXPECTED_HERE, expectation = expectation)
    } else {
        tr!(lang, text::NOT_EXPECTED_HERE)
    };
    let help = unclosed_block_hint(text, start, &blocks, lang)
        .or_else(|| word.and_then(|w| keyword_suggestion(w, &positives, &expected, in_block, lang)))
        .or_else(|| syntax_help(rest, word, previous.map(|(_, w)| w), &positives, lang));
    Diagnostic::spec_error_at(
        "syntax",
        tr!(
            lang,
            text::EXPECTED_FOUND,
            expectation = expectation,
            found = found
        ),
        at(start, start + found_len),
        label,
    )
    .with_help_opt(help)
}

/// A diagnostic for each forbidden character (`controls.rs`) in chunk `range` of `text`, at the
/// character, which the message shows escaped (`\u{1b}`), never as itself.
pub(super) fn forbidden_characters(
    file: FileId,
    text: &str,
    range: std::ops::Range<usize>,
    lang: Lang,
) -> Vec<Diagnostic> {
    let offset = range.start;
    super::controls::all_forbidden(&text[range])
        .map(|(at, c)| {
            let start = offset + at;
            let (message, help) = if controls::is_bidi(c) {
                (text::BIDI_CHARACTER, text::BIDI_CHARACTER_HELP)
            } else if c == '\r' {
                (text::CONTROL_CHARACTER, text::LONE_CR_HELP)
            } else {
                (text::CONTROL_CHARACTER, text::CONTROL_CHARACTER_HELP)
            };
            Diagnostic::spec_error_at(
                "forbidden-character",
                tr!(
                    lang,
                    message,
                    escaped = controls::escaped(c),
                    name = controls::abbreviation(c)
                ),
                Span::new(file, start, start + c.len_utf8()),
                tr!(lang, text::FORBIDDEN_CHARACTER_LABEL),
            )
            .with_help(tr!(lang, help))
        })
        .collect()
}

/// What could stand at the error, in the language's words. An activity's sixteen statements or the
/// seven declarations are summed up rather than listed; `}` is added where a block may end.
fn expectations(positives: &[Rule], in_block: bool, lang: Lang) -> Vec<String> {
    let statements = in_block && positives.iter().filter(|r| is_statement(**r)).count() >= 3;
    let declarations = !in_block && positives.iter().filter(|r| is_declaration(**r)).count() >= 3;
    let fields = positives.iter().any(|r| is_field(*r));
    let mut words: Vec<String> = positives
        .iter()
        .filter(|r| !(statements && is_statement(**r)))
        .filter(|r| !(declarations && is_declaration(**r)))
        // The name an unknown statement would start with, and the end of the file between
        // declarations, are possible but never what the writer meant.
        .filter(|r| !(statements && matches!(r, Rule::ident | Rule::name_list)))
        .filter(|r| !(declarations && **r == Rule::EOI))
        .filter_map(|r| rule_description(*r, lang))
        .collect();
    words.sort();
    words.dedup();
    if declarations {
        words.push(tr!(lang, text::A_DECLARATION));
    }
    if statements {
        words.push(tr!(lang, text::A_STATEMENT));
    }
    if in_block && (statements || fields) {
        words.push("`}`".to_string());
    }
    words
}

/// A statement of an activity, or the keyword that starts one.
fn is_statement(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::purpose_field
            | Rule::subjects_field
            | Rule::data_field
            | Rule::sources_field
            | Rule::basis_field
            | Rule::retain_field
            | Rule::via_field
            | Rule::disclose_field
            | Rule::review_field
            | Rule::cctv_field
            | Rule::cameras_field
            | Rule::covert_field
            | Rule::signs_field
            | Rule::polcam_field
            | Rule::exception_field
            | Rule::dpia_field
            | Rule::since_field
            | Rule::justification_field
            | Rule::notified_field
            | Rule::control_field
            | Rule::security_field
            | Rule::area_field
            | Rule::withdrawal_field
            | Rule::online_service_field
            | Rule::parental_consent_field
            | Rule::compatibility_field
            | Rule::logic_field
            | Rule::providing_field
            | Rule::interests_field
            | Rule::monitoring_field
            | Rule::large_scale_field
            | Rule::notice_field
            | Rule::erasure_field
            | Rule::preserve_field
            | Rule::kle_field
            | Rule::unknown_field
            | Rule::kw_purpose
            | Rule::kw_subjects
            | Rule::kw_data
            | Rule::kw_sources
            | Rule::kw_basis
            | Rule::kw_retain
            | Rule::kw_via
            | Rule::kw_disclose
            | Rule::kw_review
            | Rule::kw_cctv
            | Rule::kw_cameras
            | Rule::kw_covert
            | Rule::kw_signs
            | Rule::kw_polcam
            | Rule::kw_exception
            | Rule::kw_dpia
            | Rule::kw_since
            | Rule::kw_justification
            | Rule::kw_notified
            | Rule::kw_control
            | Rule::kw_security
            | Rule::kw_area
            | Rule::kw_withdrawal
            | Rule::kw_online_service
            | Rule::kw_parental_consent
            | Rule::kw_compatibility
            | Rule::kw_logic
            | Rule::kw_providing
            | Rule::kw_interests
            | Rule::kw_monitoring
            | Rule::kw_large_scale
            | Rule::kw_notice
            | Rule::kw_erasure
            | Rule::kw_preserve
            | Rule::kw_kle
    )
}

/// A top-level declaration, or the keyword that starts one.
fn is_declaration(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::controller
            | Rule::subjects_decl
            | Rule::data_decl
            | Rule::source_decl
            | Rule::processor
            | Rule::recipient
            | Rule::activity
            | Rule::kw_controller
            | Rule::kw_subjects
            | Rule::kw_data
            | Rule::kw_source
            | Rule::kw_processor
            | Rule::kw_recipient
            | Rule::kw_activity
    )
}

/// Something that may stand in a `{ ... }` block, where a `}` may stand instead.
fn is_field(rule: Rule) -> bool {
    is_statement(rule)
        || matches!(
            rule,
            Rule::public_authority
                | Rule::kw_public
                | Rule::country_field
                | Rule::kw_country
                | Rule::address_field
                | Rule::kw_address
                | Rule::contact_field
                | Rule::kw_contact
                | Rule::dpo_block
                | Rule::kw_dpo
                | Rule::dpo_name
                | Rule::kw_name
                | Rule::dpo_email
                | Rule::kw_email
                | Rule::dpo_phone
                | Rule::kw_phone
                | Rule::dpo_web
                | Rule::kw_web
                | Rule::document_block
                | Rule::kw_document
                | Rule::document_version
                | Rule::kw_version
                | Rule::document_date
                | Rule::kw_date
                | Rule::document_privacy
                | Rule::kw_privacy
                | Rule::safeguards_field
                | Rule::kw_safeguards
                | Rule::agreement_field
                | Rule::kw_agreement
                | Rule::authorised_field
                | Rule::kw_authorised
                | Rule::transfer_field
                | Rule::kw_transfer
                | Rule::tia_field
                | Rule::kw_tia
                | Rule::subprocessor
                | Rule::kw_subprocessor
                | Rule::dpf_listed_field
                | Rule::kw_dpf_listed
                | Rule::organisation_field
                | Rule::kw_international
                | Rule::kw_organisation
                | Rule::allow_field
                | Rule::kw_allow
                | Rule::aged_field
                | Rule::kw_aged
                | Rule::limit_field
                | Rule::kw_limit
                | Rule::supervised_field
                | Rule::kw_supervised
                | Rule::supervision_field
                | Rule::kw_supervision
        )
}

/// "did you mean `activity`?" for a misspelt keyword.
fn keyword_suggestion(
    word: &str,
    positives: &[Rule],
    expected: &[String],
    in_block: bool,
    lang: Lang,
) -> Option<String> {
    let mut candidates: Vec<&str> = expected
        .iter()
        .filter_map(|e| e.strip_prefix('`')?.strip_suffix('`'))
        .collect();
    if in_block && positives.iter().any(|r| is_statement(*r)) {
        candidates.extend(STATEMENTS);
    }
    if !in_block && positives.iter().any(|r| is_declaration(*r)) {
        candidates.extend(DECLARATIONS);
    }
    candidates.retain(|c| *c != word);
    did_you_mean(word, candidates).map(|s| tr!(lang, text::DID_YOU_MEAN, word = s))
}

/// A `subjects`, `source`, `recipient` or `data` declaration on the line before `keyword` that has a
/// name and a text but no kind (or class).
fn missing_kind(file: FileId, text: &str, keyword: usize, lang: Lang) -> Option<Diagnostic> {
    let line_start = text[..keyword].rfind('\n').map_or(0, |i| i + 1);
    if !text[line_start..keyword].trim().is_empty() {
        return None;
    }
    let mut end = line_start;
    let (start, words) = loop {
        let start = text[..end.checked_sub(1)?].rfind('\n').map_or(0, |i| i + 1);
        let words = bare_words(&text[start..end]);
        if !words.is_empty() {
            break (start, words);
        }
        end = start;
    };
    let kind = (text::NO_KIND, text::NO_KIND_LABEL, text::NO_KIND_HELP);
    let ((message, label, help), choices) = match words[..] {
        ["subjects", _] => (kind, SubjectKind::KEYWORDS.join(", ")),
        ["source", _] => (kind, SourceKind::KEYWORDS.join(", ")),
        ["recipient", _] => (kind, RecipientKind::KEYWORDS.join(", ")),
        ["data", _] => (
            (text::NO_CLASS, text::NO_CLASS_LABEL, text::NO_CLASS_HELP),
            tr!(lang, text::DATA_CLASSES),
        ),
        _ => return None,
    };
    let line = &text[start..end];
    let code_start = start + (line.len() - line.trim_start().len());
    let code_end = start + line.rfind('"').map_or(line.trim_end().len(), |i| i + 1);
    Some(
        Diagnostic::spec_error_at(
            "syntax",
            tr!(lang, message, keyword = words[0], name = words[1]),
            Span::new(file, code_start, code_end),
            tr!(lang, label),
        )
        .with_help(tr!(
            lang,
            help,
            choices = choices,
            example = match words[0] {
                "data" => format!("data {} \"...\" ordinary", words[1]),
                "subjects" => format!("subjects {} \"...\" citizens", words[1]),
                "source" => format!("source {} \"...\" register", words[1]),
                _ => format!("recipient {} \"...\" authority", words[1]),
            }
        )),
    )
}

/// A declaration keyword at the start of a line inside a block usually means the block above was not
/// closed.
fn unclosed_block_hint(text: &str, offset: usize, blocks: &[usize], lang: Lang) -> Option<String> {
    let &brace = blocks.last()?;
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = &text[line_start..];
    if line_start < brace
        || !DECLARATIONS.iter().any(|d| {
            line.strip_prefix(d)
                .is_some_and(|r| r.starts_with([' ', '\t']))
        })
    {
        return None;
    }
    Some(tr!(
        lang,
        text::UNCLOSED_HINT,
        owner = block_owner(text, brace, lang),
        line = line_number(text, brace)
    ))
}

/// The usual slips: a text without quotes, a stray `;`, a date in another format.
fn syntax_help(
    rest: &str,
    word: Option<&str>,
    previous: Option<&str>,
    positives: &[Rule],
    lang: Lang,
) -> Option<String> {
    let citation_expected = positives
        .iter()
        .any(|r| matches!(r, Rule::provision | Rule::citation | Rule::act_name));
    let lawyers_word = word.is_some_and(|w| {
        ["art", "stk", "nr", "litra"]
            .iter()
            .any(|k| w.eq_ignore_ascii_case(k))
    });
    let dotted_number = rest.starts_with('.')
        && previous.is_some_and(|p| p.ends_with(|c: char| c.is_ascii_digit()));
    if (citation_expected && (lawyers_word || rest.starts_with('§'))) || dotted_number {
        return Some(tr!(lang, text::LAWYERS_NOTATION));
    }
    if rest.starts_with(';') {
        return Some(tr!(lang, text::SEMICOLON));
    }
    if let Some(c) = rest
        .chars()
        .next()
        .filter(|c| c.is_ascii_punctuation() && !"\"{}(),|_-/".contains(*c))
    {
        return Some(tr!(lang, text::PUNCTUATION, c = c));
    }
    if positives.contains(&Rule::string) {
        // After `law` or `agreement` the text is the rest of the citation; elsewhere one word.
        let whole = rest
            .split(['\n', ','])
            .next()
            .and_then(|l| l.split("//").next())
            .map(str::trim)
            .filter(|_| matches!(previous, Some("law" | "agreement")));
        return Some(match (whole, word) {
            (Some(quoted), _) => tr!(
                lang,
                text::QUOTE_WHOLE,
                previous = previous.unwrap_or_default(),
                quoted = quoted
            ),
            (None, Some(w)) => tr!(lang, text::QUOTE_WORD, word = w),
            (None, None) => tr!(lang, text::QUOTE_EXAMPLE),
        });
    }
    if positives == [Rule::kw_to] {
        return Some(tr!(lang, text::RECIPIENT_AFTER_TO));
    }
    if positives.contains(&Rule::date) {
        return Some(tr!(lang, text::DATE));
    }
    if positives.contains(&Rule::retention) {
        return Some(tr!(lang, text::RETAIN));
    }
    None
}

/// The length of a quoted text that starts at the beginning of `rest` and is not closed on its line.
fn open_text(rest: &str) -> Option<usize> {
    let line = rest.strip_prefix('"')?.split('\n').next().unwrap_or("");
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return None,
            '\\' => {
                chars.next();
            }
            _ => {}
        }
    }
    Some(1 + line.trim_end_matches('\r').len())
}

/// Where the `{` of every block still open at `offset` stands, outermost first.
fn open_blocks(text: &str, offset: usize) -> Vec<usize> {
    let mut open = Vec::new();
    let mut chars = text[..offset].char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '/' if chars.peek().is_some_and(|(_, n)| *n == '/') => {
                while chars.next_if(|(_, n)| *n != '\n').is_some() {}
            }
            '"' => {
                while let Some((_, n)) = chars.next_if(|(_, n)| *n != '\n') {
                    match n {
                        '"' => break,
                        '\\' => {
                            chars.next_if(|(_, n)| *n != '\n');
                        }
                        _ => {}
                    }
                }
            }
            '{' => open.push(i),
            '}' => {
                open.pop();
            }
            _ => {}
        }
    }
    open
}

/// Who a `{` belongs to, in words: "activity `a`", "the `dpo` block".
fn block_owner(text: &str, brace: usize, lang: Lang) -> String {
    let from = text[..brace].rfind(['{', '}']).map_or(0, |i| i + 1);
    let words = bare_words(&text[from..brace]);
    let Some(i) = words.iter().rposition(|w| {
        matches!(
            *w,
            "controller"
                | "processor"
                | "subprocessor"
                | "recipient"
                | "activity"
                | "dpo"
                | "document"
        )
    }) else {
        return tr!(lang, text::THE_BLOCK);
    };
    let name = words.get(i + 1).copied().unwrap_or("?");
    let owner = match words[i] {
        "dpo" => return tr!(lang, text::THE_DPO_BLOCK),
        "document" => return tr!(lang, text::THE_DOCUMENT_BLOCK),
        "subprocessor" => text::SUBPROCESSOR_BLOCK,
        "controller" => text::CONTROLLER_BLOCK,
        "processor" => text::PROCESSOR_BLOCK,
        "recipient" => text::RECIPIENT_BLOCK,
        _ => text::ACTIVITY_BLOCK,
    };
    tr!(lang, owner, name = name)
}

/// The words of a piece of a spec, leaving out quoted texts and comments.
fn bare_words(text: &str) -> Vec<&str> {
    let mut words = Vec::new();
    for line in text.lines() {
        let mut code = line;
        let mut in_text = false;
        for (i, c) in line.char_indices() {
            match c {
                '"' => in_text = !in_text,
                '/' if !in_text && line[i..].starts_with("//") => {
                    code = &line[..i];
                    break;
                }
                _ => {}
            }
        }
        let mut rest = code;
        while !rest.is_empty() {
            if let Some(stripped) = rest.strip_prefix('"') {
                rest = stripped.find('"').map_or("", |j| &stripped[j + 1..]);
                continue;
            }
            let len = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            if len > 0 {
                words.push(&rest[..len]);
                rest = &rest[len..];
            } else {
                let c = rest.chars().next().unwrap();
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    words
}

/// The word just before `offset` (white space skipped), with where it starts.
fn previous_word(text: &str, offset: usize) -> Option<(usize, &str)> {
    let before = text[..offset].trim_end();
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric() || *c == '_')
        .last()
        .map(|(i, _)| i)?;
    Some((start, &before[start..]))
}

fn line_number(text: &str, offset: usize) -> usize {
    text[..offset].matches('\n').count() + 1
}

/// What stands at `offset`, for "found ..." (and how many bytes of it to underline).
fn describe_found(text: &str, offset: usize, lang: Lang) -> (String, usize) {
    let rest = &text[offset..];
    match rest.chars().next() {
        None => (tr!(lang, text::END_OF_FILE), 0),
        Some('\n') | Some('\r') => (tr!(lang, text::END_OF_LINE), 1),
        Some(c) if c.is_alphanumeric() || c == '_' => {
            let word: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            let len = word.len();
            (format!("`{word}`"), len)
        }
        // A character a terminal would not show as itself is shown escaped (`\u{1b}`).
        Some(c) if c.is_control() || (c.is_whitespace() && c != ' ') || is_format(c) => {
            (format!("`{}`", controls::escaped(c)), c.len_utf8())
        }
        Some(c) => (format!("`{c}`"), c.len_utf8()),
    }
}

/// Invisible characters of Unicode's `Cf` class that change how text is shown: zero-width spaces and
/// joiners, direction marks, the byte-order mark, and the rest of the directional formatting.
fn is_format(c: char) -> bool {
    matches!(
        c,
        '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{206f}' | '\u{feff}'
    )
}

/// The words of the language for a grammar rule; `None` for rules a user should never be told about.
fn rule_description(rule: Rule, lang: Lang) -> Option<String> {
    let keyword = |k: &str| Some(format!("`{k}`"));
    let words = |t: crate::i18n::Text| Some(tr!(lang, t));
    match rule {
        Rule::EOI => words(text::END_OF_FILE),
        Rule::ident | Rule::name_list => words(text::A_NAME),
        Rule::string => words(text::A_QUOTED_TEXT),
        Rule::number | Rule::duration => words(text::A_NUMBER),
        Rule::date => words(text::A_DATE),
        Rule::citation | Rule::citation_list | Rule::act_citation | Rule::act_name => {
            words(text::A_CITATION)
        }
        Rule::provision => words(text::A_PROVISION),
        Rule::mechanism => words(text::A_MECHANISM),
        Rule::controller | Rule::kw_controller => keyword("controller"),
        Rule::subjects_decl | Rule::kw_subjects | Rule::subjects_field => keyword("subjects"),
        Rule::data_decl | Rule::kw_data | Rule::data_field => keyword("data"),
        Rule::data_class | Rule::special_class => words(text::A_DATA_CLASS),
        Rule::source_decl | Rule::kw_source => keyword("source"),
        Rule::kw_sources | Rule::sources_field => keyword("sources"),
        Rule::processor | Rule::kw_processor => keyword("processor"),
        Rule::subprocessor | Rule::kw_subprocessor => keyword("subprocessor"),
        Rule::recipient | Rule::kw_recipient => keyword("recipient"),
        Rule::activity | Rule::kw_activity => keyword("activity"),
        Rule::public_authority | Rule::kw_public => keyword("public authority"),
        Rule::kw_authority => keyword("authority"),
        Rule::address_field | Rule::kw_address => keyword("address"),
        Rule::contact_field | Rule::kw_contact => keyword("contact"),
        Rule::country_field | Rule::kw_country => keyword("country"),
        Rule::dpo_block | Rule::kw_dpo => keyword("dpo"),
        Rule::dpo_name | Rule::kw_name => keyword("name"),
        Rule::dpo_email | Rule::kw_email => keyword("email"),
        Rule::dpo_phone | Rule::kw_phone => keyword("phone"),
        Rule::dpo_web | Rule::kw_web => keyword("web"),
        Rule::document_block | Rule::kw_document => keyword("document"),
        Rule::document_version | Rule::kw_version => keyword("version"),
        Rule::document_date | Rule::kw_date => keyword("date"),
        Rule::agreement_field | Rule::kw_agreement | Rule::agreement_text => keyword("agreement"),
        Rule::authorised_field | Rule::kw_authorised => keyword("authorised"),
        Rule::transfer_field | Rule::kw_transfer => keyword("transfer"),
        Rule::tia_field | Rule::kw_tia => keyword("tia"),
        Rule::purpose_field | Rule::kw_purpose => keyword("purpose"),
        Rule::basis_field | Rule::kw_basis => keyword("basis"),
        Rule::retain_field | Rule::kw_retain => keyword("retain"),
        Rule::retain_targets => words(text::RETAIN_TARGETS),
        Rule::retention => words(text::RETENTION),
        Rule::deadline | Rule::kw_for => keyword("for"),
        Rule::archive_only | Rule::kw_archive => keyword("archive"),
        Rule::until_event | Rule::kw_until => keyword("until"),
        Rule::kw_after => keyword("after"),
        Rule::then_archive | Rule::kw_then => keyword("then archive"),
        Rule::kw_all => keyword("all"),
        Rule::via_field | Rule::kw_via => keyword("via"),
        Rule::disclose_field | Rule::kw_disclose => keyword("disclose"),
        Rule::kw_to => keyword("to"),
        Rule::kw_under => keyword("under"),
        Rule::kw_when => keyword("when"),
        Rule::review_field | Rule::kw_review => keyword("review"),
        Rule::cctv_field | Rule::kw_cctv => keyword("cctv"),
        Rule::exception_field | Rule::kw_exception => keyword("exception"),
        Rule::cctv_ground => keyword("tvol"),
        Rule::cameras_field | Rule::kw_cameras => keyword("cameras at"),
        Rule::kw_at => keyword("at"),
        Rule::covert_field | Rule::kw_covert => keyword("covert"),
        Rule::signs_field | Rule::kw_signs => keyword("signs"),
        Rule::polcam_field | Rule::kw_polcam => keyword("polcam registered"),
        Rule::kw_registered => keyword("registered"),
        Rule::exception_ground => keyword("for"),
        Rule::exception_notice | Rule::kw_with => keyword("with notice"),
        Rule::dpia_field | Rule::kw_dpia => keyword("dpia"),
        Rule::since_field | Rule::kw_since => keyword("since"),
        Rule::justification_field | Rule::kw_justification => keyword("justification"),
        Rule::notified_field | Rule::kw_notified => keyword("notified"),
        Rule::control_field | Rule::kw_control => keyword("control measure"),
        Rule::kw_measure => keyword("measure"),
        Rule::security_field | Rule::kw_security => keyword("security"),
        Rule::law_text | Rule::kw_law => keyword("law"),
        Rule::area_field | Rule::kw_area => keyword("area"),
        Rule::withdrawal_field | Rule::kw_withdrawal => keyword("withdrawal"),
        Rule::withdrawal_right | Rule::kw_right => keyword("right"),
        Rule::online_service_field | Rule::kw_online_service => keyword("online_service"),
        Rule::parental_consent_field | Rule::kw_parental_consent => keyword("parental_consent"),
        Rule::compatibility_field | Rule::kw_compatibility => keyword("compatibility"),
        Rule::logic_field | Rule::kw_logic => keyword("logic"),
        Rule::providing_field | Rule::kw_providing => keyword("providing"),
        Rule::providing_kind => words(text::A_REQUIREMENT),
        Rule::kw_required => keyword("required by"),
        Rule::kw_contract => keyword("contract"),
        Rule::kw_voluntary => keyword("voluntary"),
        Rule::interests_field | Rule::kw_interests => keyword("interests"),
        Rule::document_privacy | Rule::kw_privacy => keyword("privacy notice"),
        Rule::safeguards_field | Rule::kw_safeguards => keyword("safeguards copy"),
        Rule::monitoring_field | Rule::kw_monitoring => keyword("monitoring"),
        Rule::large_scale_field | Rule::kw_large_scale => keyword("large_scale"),
        Rule::notice_field | Rule::kw_notice => keyword("notice"),
        Rule::notice_exempt | Rule::kw_exempt => keyword("exempt"),
        Rule::compatibility_under => keyword("under"),
        Rule::erasure_field | Rule::kw_erasure => keyword("erasure refused"),
        Rule::kw_refused => keyword("refused"),
        Rule::preserve_field | Rule::kw_preserve => keyword("preserve"),
        Rule::kle_field | Rule::kw_kle => keyword("kle"),
        Rule::kle_number => words(text::A_KLE_NUMBER),
        Rule::data_about | Rule::kw_about => keyword("about"),
        Rule::allow_field | Rule::kw_allow => keyword("allow"),
        Rule::rule_code => words(text::A_RULE_CODE),
        Rule::dpf_listed_field | Rule::kw_dpf_listed => keyword("dpf_listed"),
        Rule::organisation_field | Rule::kw_international => keyword("international organisation"),
        Rule::kw_organisation => keyword("organisation"),
        Rule::aged_field | Rule::kw_aged => keyword("aged"),
        Rule::limit_field | Rule::kw_limit => keyword("limit"),
        Rule::supervised_field | Rule::kw_supervised => keyword("supervised"),
        Rule::supervision_field | Rule::kw_supervision => keyword("supervision"),
        Rule::kw_every => keyword("every"),
        Rule::safeguards_copy => keyword("copy"),
        Rule::unknown_field => words(text::A_STATEMENT_WORD),
        _ => None,
    }
}

/// What a user is told about a syntax error, in English and Danish.
pub mod text {
    crate::texts! {
        CONTROL_CHARACTER = (
            "invisible control character `{escaped}` ({name}) in the spec",
            "usynligt styretegn `{escaped}` ({name}) i specifikationen"
        ),
        BIDI_CHARACTER = (
            "text-direction character `{escaped}` ({name}) in the spec",
            "tegn for skriveretning `{escaped}` ({name}) i specifikationen"
        ),
        FORBIDDEN_CHARACTER_LABEL = ("remove this character", "fjern dette tegn"),
        CONTROL_CHARACTER_HELP = (
            "delete it: most editors do not show it, and in a terminal or a report it can hide or change the text around it",
            "slet det: de fleste editorer viser det ikke, og i en terminal eller en rapport kan det skjule eller ændre teksten omkring det"
        ),
        LONE_CR_HELP = (
            "a carriage return not followed by a line feed is not a line end: save the file with LF or CRLF line ends",
            "et vognretur-tegn uden linjeskift efter sig er ikke et linjeskift: gem filen med LF- eller CRLF-linjeskift"
        ),
        BIDI_CHARACTER_HELP = (
            "delete it: it makes editors and reports show the text around it in another order than hjemmel reads it",
            "slet det: det får editorer og rapporter til at vise teksten omkring det i en anden rækkefølge, end hjemmel læser den"
        ),
        OPEN_TEXT = ("a quoted text is not closed", "en tekst i anførselstegn er ikke afsluttet"),
        OPEN_TEXT_LABEL = (
            "this text has no closing `\"`",
            "denne tekst mangler et afsluttende `\"`"
        ),
        OPEN_TEXT_HELP = (
            "end the text with `\"` on the same line: a quoted text cannot run over several lines",
            "afslut teksten med `\"` på samme linje: en tekst i anførselstegn kan ikke gå over flere linjer"
        ),
        NOT_CLOSED = (
            "{owner} is not closed: a `}}` is missing",
            "{owner} er ikke afsluttet: der mangler en `}}`"
        ),
        NOT_CLOSED_LABEL = (
            "this `{{` has no matching `}}`",
            "denne `{{` har ingen tilhørende `}}`"
        ),
        NOT_CLOSED_HELP = (
            "add `}}` after the last line of {owner}",
            "tilføj `}}` efter den sidste linje i {owner}"
        ),
        STRAY_BRACE = ("this `}}` closes no block", "denne `}}` afslutter ingen blok"),
        STRAY_BRACE_LABEL = ("no `{{` is open here", "ingen `{{` er åben her"),
        STRAY_BRACE_HELP = (
            "remove it, or add the `{{` it should close",
            "fjern den, eller tilføj den `{{`, som den skal afslutte"
        ),
        CITATION_MISSING = (
            "a legal citation is missing before `{word}`",
            "der mangler en lovhenvisning før `{word}`"
        ),
        CITATION_MISSING_LABEL = (
            "`{word}` starts the next statement",
            "`{word}` indleder den næste angivelse"
        ),
        CITATION_MISSING_HELP = (
            "`basis`, `under` and `exception` are followed by at least one citation, e.g. \
             `basis gdpr 6(1)(e)`",
            "`basis`, `under` og `exception` efterfølges af mindst én henvisning, f.eks. \
             `basis gdpr 6(1)(e)`"
        ),
        NOT_CITATION = ("`{word}` is not a legal citation", "`{word}` er ikke en lovhenvisning"),
        NOT_CITATION_LABEL = (
            "expected an act and a provision here",
            "her forventes en lov og en bestemmelse"
        ),
        NOT_CITATION_HELP = (
            "cite an act hjemmel knows ({acts}) with its article or §, e.g. `gdpr 6(1)(a)`, or a statute in words \
             as `law \"...\"`",
            "henvis til en lov, som hjemmel kender ({acts}), med artikel eller §, f.eks. `gdpr 6(1)(a)`, eller \
             til en anden lov med ord som `law \"...\"`"
        ),
        SOMETHING_ELSE = ("something else", "noget andet"),
        /// What may stand there, when there are several choices: `a name, a number or `}``.
        ONE_OF = ("{init} or {last}", "{init} eller {last}"),
        EXPECTED_HERE = ("expected {expectation} here", "her forventes {expectation}"),
        NOT_EXPECTED_HERE = ("not expected here", "ikke forventet her"),
        EXPECTED_FOUND = (
            "expected {expectation}, found {found}",
            "forventede {expectation}, fandt {found}"
        ),
        A_DECLARATION = (
            "a declaration (`controller`, `subjects`, `data`, `source`, `processor`, `recipient` or \
             `activity`)",
            "en erklæring (`controller`, `subjects`, `data`, `source`, `processor`, `recipient` eller \
             `activity`)"
        ),
        A_STATEMENT = (
            "a statement (e.g. `purpose`, `data`, `basis`, `retain`)",
            "en angivelse (f.eks. `purpose`, `data`, `basis`, `retain`)"
        ),
        DID_YOU_MEAN = ("did you mean `{word}`?", "mente du `{word}`?"),
        NO_KIND = ("`{keyword} {name}` has no kind", "`{keyword} {name}` mangler sin type"),
        NO_KIND_LABEL = ("the kind is missing at the end", "typen mangler til sidst"),
        NO_KIND_HELP = (
            "end the line with the kind: {choices}; e.g. `{example}`",
            "afslut linjen med typen: {choices}; f.eks. `{example}`"
        ),
        NO_CLASS = ("`{keyword} {name}` has no class", "`{keyword} {name}` mangler sin dataklasse"),
        NO_CLASS_LABEL = ("the class is missing at the end", "dataklassen mangler til sidst"),
        NO_CLASS_HELP = (
            "end the line with the class: {choices}; e.g. `{example}`",
            "afslut linjen med dataklassen: {choices}; f.eks. `{example}`"
        ),
        DATA_CLASSES = (
            "ordinary, confidential, cpr, criminal, or special(...) such as special(health)",
            "ordinary, confidential, cpr, criminal eller special(...), f.eks. special(health)"
        ),
        UNCLOSED_HINT = (
            "is a `}}` missing before this line? {owner}, opened on line {line}, is still open here",
            "mangler der en `}}` før denne linje? {owner}, der blev åbnet i linje {line}, er stadig åben her"
        ),
        LAWYERS_NOTATION = (
            "write the number without `art.` or `§`, and paragraphs and points in brackets: e.g. \
             `gdpr 6(1)(e)`, `dbl 8(2)(1)` for § 8, stk. 2, nr. 1",
            "skriv nummeret uden `art.` eller `§` og stykker, litra og numre i parentes: f.eks. \
             `gdpr 6(1)(e)`, `dbl 8(2)(1)` for § 8, stk. 2, nr. 1"
        ),
        SEMICOLON = (
            "remove the `;`: a statement ends where the next one begins",
            "fjern `;`: en angivelse slutter, hvor den næste begynder"
        ),
        PUNCTUATION = (
            "remove the `{c}`: the language does not use it here",
            "fjern `{c}`: sproget bruger det ikke her"
        ),
        QUOTE_WHOLE = (
            "put the text in double quotes, e.g. `{previous} \"{quoted}\"`",
            "sæt teksten i dobbelte anførselstegn, f.eks. `{previous} \"{quoted}\"`"
        ),
        QUOTE_WORD = (
            "put the text in double quotes, e.g. `\"{word}\"`",
            "sæt teksten i dobbelte anførselstegn, f.eks. `\"{word}\"`"
        ),
        QUOTE_EXAMPLE = (
            "put the text in double quotes, e.g. `\"Borgerservice\"`",
            "sæt teksten i dobbelte anførselstegn, f.eks. `\"Borgerservice\"`"
        ),
        RECIPIENT_AFTER_TO = (
            "name the recipient after `to`: `disclose DATA to RECIPIENT`, e.g. `disclose name to police`",
            "angiv modtageren efter `to`: `disclose DATA to RECIPIENT`, f.eks. `disclose name to police`"
        ),
        DATE = (
            "write dates as YYYY-MM-DD, e.g. 2023-09-01",
            "skriv datoer som ÅÅÅÅ-MM-DD, f.eks. 2023-09-01"
        ),
        RETAIN = (
            "a `retain` statement ends with the deadline: `for 90 days`, `for 5 years after \"...\"` or \
             `archive`",
            "en `retain`-angivelse slutter med fristen: `for 90 days`, `for 5 years after \"...\"` eller \
             `archive`"
        ),
        THE_BLOCK = ("the block", "blokken"),
        THE_DPO_BLOCK = ("the `dpo` block", "`dpo`-blokken"),
        THE_DOCUMENT_BLOCK = ("the `document` block", "`document`-blokken"),
        SUBPROCESSOR_BLOCK = ("sub-processor `{name}`", "underdatabehandleren `{name}`"),
        CONTROLLER_BLOCK = ("controller `{name}`", "den dataansvarlige `{name}`"),
        PROCESSOR_BLOCK = ("processor `{name}`", "databehandleren `{name}`"),
        RECIPIENT_BLOCK = ("recipient `{name}`", "modtageren `{name}`"),
        ACTIVITY_BLOCK = ("activity `{name}`", "aktiviteten `{name}`"),
        END_OF_FILE = ("the end of the file", "slutningen af filen"),
        END_OF_LINE = ("the end of the line", "slutningen af linjen"),
        A_NAME = ("a name", "et navn"),
        A_QUOTED_TEXT = ("a quoted text", "en tekst i anførselstegn"),
        A_NUMBER = ("a number", "et tal"),
        A_DATE = ("a date (YYYY-MM-DD)", "en dato (ÅÅÅÅ-MM-DD)"),
        A_KLE_NUMBER = ("a KLE number (e.g. `27.15.00`)", "et KLE-nummer (f.eks. `27.15.00`)"),
        A_CITATION = (
            "a legal citation (e.g. `gdpr 6(1)(e)`)",
            "en lovhenvisning (f.eks. `gdpr 6(1)(e)`)"
        ),
        A_PROVISION = (
            "an article or § number (e.g. `6(1)(e)`)",
            "et artikel- eller §-nummer (f.eks. `6(1)(e)`)"
        ),
        A_MECHANISM = ("a transfer mechanism (e.g. `scc`)", "et overførselsgrundlag (f.eks. `scc`)"),
        A_DATA_CLASS = (
            "a data class (e.g. `ordinary`, `special(health)`)",
            "en dataklasse (f.eks. `ordinary`, `special(health)`)"
        ),
        RETAIN_TARGETS = ("`all` or the data to retain", "`all` eller de oplysninger, der opbevares"),
        RETENTION = ("`for` and a period, or `archive`", "`for` og en periode eller `archive`"),
        A_RULE_CODE = ("a rule code (e.g. `DPIA-MISSING`)", "en regelkode (f.eks. `DPIA-MISSING`)"),
        A_STATEMENT_WORD = ("a statement", "en angivelse"),
        A_REQUIREMENT = (
            "`required by law`, `required by contract` or `voluntary`",
            "`required by law`, `required by contract` eller `voluntary`"
        ),
    }
}
