//! pest errors → diagnostics a DPO can act on: what was found, what could stand there, in the words of
//! the language, and a hint for the usual slips.

use super::parser::Rule;
use super::span::{FileId, Span};
use super::{DECLARATIONS, STATEMENTS};
use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::law::ActId;
use crate::law::vocabulary::{RecipientKind, SourceKind, SubjectKind};

/// Turns a pest error into a diagnostic a DPO can act on: what was found, and what could stand there,
/// in the words of the language rather than the grammar's rule names. The common mistakes are named
/// outright: a quoted text left open, a block never closed, a `}` too many, a declaration without its
/// kind, a `basis` without its citation.
pub(super) fn syntax_error(
    file: FileId,
    text: &str,
    offset: usize,
    error: pest::error::Error<Rule>,
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
            "a quoted text is not closed",
            at(start, start + len),
            "this text has no closing `\"`",
        )
        .with_help(
            "end the text with `\"` on the same line: a quoted text cannot run over several lines",
        );
    }
    if rest.is_empty()
        && let Some(&brace) = blocks.last()
    {
        let owner = block_owner(text, brace);
        return Diagnostic::spec_error_at(
            "syntax",
            format!("{owner} is not closed: a `}}` is missing"),
            at(brace, brace + 1),
            "this `{` has no matching `}`",
        )
        .with_help(format!("add `}}` after the last line of {owner}"));
    }
    if rest.starts_with('}') && blocks.is_empty() {
        return Diagnostic::spec_error_at(
            "syntax",
            "this `}` closes no block",
            at(start, start + 1),
            "no `{` is open here",
        )
        .with_help("remove it, or add the `{` it should close");
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
                format!("a legal citation is missing before `{word}`"),
                at(p, p + word.len()),
                format!("`{word}` starts the next statement"),
            )
            .with_help(
                "`basis`, `under` and `exception` are followed by at least one citation, e.g. \
                 `basis gdpr 6(1)(e)`",
            );
        }
        // `law` and `agreement` take a quoted text: the general message says so.
        if ActId::from_keyword(word).is_none() && !matches!(word, "law" | "agreement") {
            let acts: Vec<&str> = ActId::ALL.iter().map(|a| a.keyword()).collect();
            return Diagnostic::spec_error_at(
                "syntax",
                format!("`{word}` is not a legal citation"),
                at(p, p + word.len()),
                "expected an act and a provision here",
            )
            .with_help(format!(
                "cite an act hjemmel knows ({}) with its article or §, e.g. `gdpr 6(1)(a)`, or a statute in words \
                 as `law \"...\"`",
                acts.join(", ")
            ));
        }
    }

    let (found, found_len) = describe_found(text, start);
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
        && let Some(d) = missing_kind(file, text, keyword)
    {
        return d;
    }

    let expected = expectations(&positives, in_block);
    let expectation = match expected.len() {
        0 => "something else".to_string(),
        1 => expected[0].clone(),
        n => format!("{} or {}", expected[..n - 1].join(", "), expected[n - 1]),
    };
    let label = if expected.len() == 1 && expectation.len() <= 40 {
        format!("expected {expectation} here")
    } else {
        "not expected here".to_string()
    };
    let help = unclosed_block_hint(text, start, &blocks)
        .or_else(|| word.and_then(|w| keyword_suggestion(w, &positives, &expected, in_block)))
        .or_else(|| syntax_help(rest, word, previous.map(|(_, w)| w), &positives));
    Diagnostic::spec_error_at(
        "syntax",
        format!("expected {expectation}, found {found}"),
        at(start, start + found_len),
        label,
    )
    .with_help_opt(help)
}

/// What could stand at the error, in the language's words. An activity's sixteen statements or the
/// seven declarations are summed up rather than listed; `}` is added where a block may end.
fn expectations(positives: &[Rule], in_block: bool) -> Vec<String> {
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
        .filter_map(|r| rule_description(*r))
        .collect();
    words.sort();
    words.dedup();
    if declarations {
        words.push(
            "a declaration (`controller`, `subjects`, `data`, `source`, `processor`, `recipient` or \
             `activity`)"
                .to_string(),
        );
    }
    if statements {
        words.push("a statement (e.g. `purpose`, `data`, `basis`, `retain`)".to_string());
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
            | Rule::exception_field
            | Rule::dpia_field
            | Rule::since_field
            | Rule::justification_field
            | Rule::notified_field
            | Rule::security_field
            | Rule::area_field
            | Rule::withdrawal_field
            | Rule::online_service_field
            | Rule::parental_consent_field
            | Rule::compatibility_field
            | Rule::logic_field
            | Rule::monitoring_field
            | Rule::large_scale_field
            | Rule::notice_field
            | Rule::erasure_field
            | Rule::preserve_field
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
            | Rule::kw_exception
            | Rule::kw_dpia
            | Rule::kw_since
            | Rule::kw_justification
            | Rule::kw_notified
            | Rule::kw_security
            | Rule::kw_area
            | Rule::kw_withdrawal
            | Rule::kw_online_service
            | Rule::kw_parental_consent
            | Rule::kw_compatibility
            | Rule::kw_logic
            | Rule::kw_monitoring
            | Rule::kw_large_scale
            | Rule::kw_notice
            | Rule::kw_erasure
            | Rule::kw_preserve
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
                | Rule::allow_field
                | Rule::kw_allow
                | Rule::aged_field
                | Rule::kw_aged
                | Rule::limit_field
                | Rule::kw_limit
        )
}

/// "did you mean `activity`?" for a misspelt keyword.
fn keyword_suggestion(
    word: &str,
    positives: &[Rule],
    expected: &[String],
    in_block: bool,
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
    did_you_mean(word, candidates).map(|s| format!("did you mean `{s}`?"))
}

/// A `subjects`, `source`, `recipient` or `data` declaration on the line before `keyword` that has a
/// name and a text but no kind (or class).
fn missing_kind(file: FileId, text: &str, keyword: usize) -> Option<Diagnostic> {
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
    let (noun, choices) = match words[..] {
        ["subjects", _] => ("kind", SubjectKind::KEYWORDS.join(", ")),
        ["source", _] => ("kind", SourceKind::KEYWORDS.join(", ")),
        ["recipient", _] => ("kind", RecipientKind::KEYWORDS.join(", ")),
        ["data", _] => (
            "class",
            "ordinary, confidential, cpr, criminal, or special(...) such as special(health)"
                .to_string(),
        ),
        _ => return None,
    };
    let line = &text[start..end];
    let code_start = start + (line.len() - line.trim_start().len());
    let code_end = start + line.rfind('"').map_or(line.trim_end().len(), |i| i + 1);
    Some(
        Diagnostic::spec_error_at(
            "syntax",
            format!("`{} {}` has no {noun}", words[0], words[1]),
            Span::new(file, code_start, code_end),
            format!("the {noun} is missing at the end"),
        )
        .with_help(format!(
            "end the line with the {noun}: {choices}; e.g. `{}`",
            match words[0] {
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
fn unclosed_block_hint(text: &str, offset: usize, blocks: &[usize]) -> Option<String> {
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
    Some(format!(
        "is a `}}` missing before this line? {}, opened on line {}, is still open here",
        block_owner(text, brace),
        line_number(text, brace)
    ))
}

/// The usual slips: a text without quotes, a stray `;`, a date in another format.
fn syntax_help(
    rest: &str,
    word: Option<&str>,
    previous: Option<&str>,
    positives: &[Rule],
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
        return Some(
            "write the number without `art.` or `§`, and paragraphs and points in brackets: e.g. \
             `gdpr 6(1)(e)`, `dbl 8(2)(1)` for § 8, stk. 2, nr. 1"
                .to_string(),
        );
    }
    if rest.starts_with(';') {
        return Some("remove the `;`: a statement ends where the next one begins".to_string());
    }
    if let Some(c) = rest
        .chars()
        .next()
        .filter(|c| c.is_ascii_punctuation() && !"\"{}(),|_-/".contains(*c))
    {
        return Some(format!(
            "remove the `{c}`: the language does not use it here"
        ));
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
            (Some(text), _) => format!(
                "put the text in double quotes, e.g. `{} \"{text}\"`",
                previous.unwrap_or_default()
            ),
            (None, Some(w)) => format!("put the text in double quotes, e.g. `\"{w}\"`"),
            (None, None) => "put the text in double quotes, e.g. `\"Borgerservice\"`".to_string(),
        });
    }
    if positives == [Rule::kw_to] {
        return Some("name the recipient after `to`: `disclose DATA to RECIPIENT`, e.g. `disclose name to police`".to_string());
    }
    if positives.contains(&Rule::date) {
        return Some("write dates as YYYY-MM-DD, e.g. 2023-09-01".to_string());
    }
    if positives.contains(&Rule::retention) {
        return Some(
            "a `retain` statement ends with the deadline: `for 90 days`, `for 5 years after \"...\"` or \
             `archive`"
                .to_string(),
        );
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
fn block_owner(text: &str, brace: usize) -> String {
    let from = text[..brace].rfind(['{', '}']).map_or(0, |i| i + 1);
    let words = bare_words(&text[from..brace]);
    let Some(i) = words.iter().rposition(|w| {
        matches!(
            *w,
            "controller" | "processor" | "subprocessor" | "recipient" | "activity" | "dpo"
        )
    }) else {
        return "the block".to_string();
    };
    let name = words.get(i + 1).copied().unwrap_or("?");
    match words[i] {
        "dpo" => "the `dpo` block".to_string(),
        "subprocessor" => format!("sub-processor `{name}`"),
        keyword => format!("{keyword} `{name}`"),
    }
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
fn describe_found(text: &str, offset: usize) -> (String, usize) {
    let rest = &text[offset..];
    match rest.chars().next() {
        None => ("the end of the file".to_string(), 0),
        Some('\n') | Some('\r') => ("the end of the line".to_string(), 1),
        Some(c) if c.is_alphanumeric() || c == '_' => {
            let word: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            let len = word.len();
            (format!("`{word}`"), len)
        }
        Some(c) => (format!("`{c}`"), c.len_utf8()),
    }
}

/// The words of the language for a grammar rule; `None` for rules a user should never be told about.
fn rule_description(rule: Rule) -> Option<String> {
    let keyword = |k: &str| Some(format!("`{k}`"));
    match rule {
        Rule::EOI => Some("the end of the file".to_string()),
        Rule::ident | Rule::name_list => Some("a name".to_string()),
        Rule::string => Some("a quoted text".to_string()),
        Rule::number | Rule::duration => Some("a number".to_string()),
        Rule::date => Some("a date (YYYY-MM-DD)".to_string()),
        Rule::citation | Rule::citation_list | Rule::act_citation | Rule::act_name => {
            Some("a legal citation (e.g. `gdpr 6(1)(e)`)".to_string())
        }
        Rule::provision => Some("an article or § number (e.g. `6(1)(e)`)".to_string()),
        Rule::mechanism => Some("a transfer mechanism (e.g. `scc`)".to_string()),
        Rule::controller | Rule::kw_controller => keyword("controller"),
        Rule::subjects_decl | Rule::kw_subjects | Rule::subjects_field => keyword("subjects"),
        Rule::data_decl | Rule::kw_data | Rule::data_field => keyword("data"),
        Rule::data_class | Rule::special_class => {
            Some("a data class (e.g. `ordinary`, `special(health)`)".to_string())
        }
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
        Rule::agreement_field | Rule::kw_agreement | Rule::agreement_text => keyword("agreement"),
        Rule::authorised_field | Rule::kw_authorised => keyword("authorised"),
        Rule::transfer_field | Rule::kw_transfer => keyword("transfer"),
        Rule::tia_field | Rule::kw_tia => keyword("tia"),
        Rule::purpose_field | Rule::kw_purpose => keyword("purpose"),
        Rule::basis_field | Rule::kw_basis => keyword("basis"),
        Rule::retain_field | Rule::kw_retain => keyword("retain"),
        Rule::retain_targets => Some("`all` or the data to retain".to_string()),
        Rule::retention => Some("`for` and a period, or `archive`".to_string()),
        Rule::deadline | Rule::kw_for => keyword("for"),
        Rule::archive_only | Rule::kw_archive => keyword("archive"),
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
        Rule::dpia_field | Rule::kw_dpia => keyword("dpia"),
        Rule::since_field | Rule::kw_since => keyword("since"),
        Rule::justification_field | Rule::kw_justification => keyword("justification"),
        Rule::notified_field | Rule::kw_notified => keyword("notified"),
        Rule::security_field | Rule::kw_security => keyword("security"),
        Rule::law_text | Rule::kw_law => keyword("law"),
        Rule::area_field | Rule::kw_area => keyword("area"),
        Rule::withdrawal_field | Rule::kw_withdrawal => keyword("withdrawal"),
        Rule::online_service_field | Rule::kw_online_service => keyword("online_service"),
        Rule::parental_consent_field | Rule::kw_parental_consent => keyword("parental_consent"),
        Rule::compatibility_field | Rule::kw_compatibility => keyword("compatibility"),
        Rule::logic_field | Rule::kw_logic => keyword("logic"),
        Rule::monitoring_field | Rule::kw_monitoring => keyword("monitoring"),
        Rule::large_scale_field | Rule::kw_large_scale => keyword("large_scale"),
        Rule::notice_field | Rule::kw_notice => keyword("notice"),
        Rule::notice_exempt | Rule::kw_exempt => keyword("exempt"),
        Rule::erasure_field | Rule::kw_erasure => keyword("erasure refused"),
        Rule::kw_refused => keyword("refused"),
        Rule::preserve_field | Rule::kw_preserve => keyword("preserve"),
        Rule::allow_field | Rule::kw_allow => keyword("allow"),
        Rule::rule_code => Some("a rule code (e.g. `DPIA-MISSING`)".to_string()),
        Rule::dpf_listed_field | Rule::kw_dpf_listed => keyword("dpf_listed"),
        Rule::aged_field | Rule::kw_aged => keyword("aged"),
        Rule::limit_field | Rule::kw_limit => keyword("limit"),
        Rule::unknown_field => Some("a statement".to_string()),
        _ => None,
    }
}
