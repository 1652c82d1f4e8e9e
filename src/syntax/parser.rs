//! pest pairs → typed AST with spans.

use pest::Parser as _;
use pest::iterators::Pair;
use pest_derive::Parser;

use super::ast::*;
use super::span::{FileId, Span, Spanned};
use crate::diagnostic::Diagnostic;

#[derive(Parser)]
#[grammar = "grammar/hjemmel.pest"]
struct HjemmelParser;

/// Parses one file. A syntax error is returned as a located diagnostic.
pub fn parse_file(file: FileId, text: &str) -> Result<File, Diagnostic> {
    let mut pairs =
        HjemmelParser::parse(Rule::spec, text).map_err(|e| syntax_error(file, text, e))?;
    let spec = pairs.next().expect("the spec rule always yields one pair");
    let builder = Builder { file };
    let declarations = spec
        .into_inner()
        .filter(|p| p.as_rule() != Rule::EOI)
        .map(|p| builder.declaration(p))
        .collect();
    Ok(File { declarations })
}

struct Builder {
    file: FileId,
}

impl Builder {
    fn span(&self, pair: &Pair<Rule>) -> Span {
        let s = pair.as_span();
        Span::new(self.file, s.start(), s.end())
    }

    fn name(&self, pair: Pair<Rule>) -> Name {
        Spanned::new(pair.as_str().to_string(), self.span(&pair))
    }

    /// A `string` pair: the text without quotes, with `\"` and `\\` undone. The span covers the quotes.
    fn text(&self, pair: Pair<Rule>) -> Text {
        let span = self.span(&pair);
        let body = pair.into_inner().next().map(|b| b.as_str()).unwrap_or("");
        let value = if body.contains('\\') {
            body.replace("\\\"", "\"").replace("\\\\", "\\")
        } else {
            body.to_string()
        };
        Spanned::new(value, span)
    }

    fn names(&self, pair: Pair<Rule>) -> Vec<Name> {
        pair.into_inner().map(|p| self.name(p)).collect()
    }

    /// Skips the keyword pairs (`kw_*`) that lead most rules.
    fn inner_without_keywords<'a>(
        &self,
        pair: Pair<'a, Rule>,
    ) -> impl Iterator<Item = Pair<'a, Rule>> {
        pair.into_inner().filter(|p| !is_keyword(p.as_rule()))
    }

    fn declaration(&self, pair: Pair<Rule>) -> Declaration {
        match pair.as_rule() {
            Rule::controller => Declaration::Controller(self.controller(pair)),
            Rule::subjects_decl => {
                let mut it = self.inner_without_keywords(pair);
                Declaration::Subjects(Subjects {
                    name: self.name(it.next().unwrap()),
                    label: self.text(it.next().unwrap()),
                    kind: self.name(it.next().unwrap()),
                })
            }
            Rule::data_decl => {
                let mut it = self.inner_without_keywords(pair);
                let name = self.name(it.next().unwrap());
                let label = self.text(it.next().unwrap());
                let class_pair = it.next().unwrap().into_inner().next().unwrap();
                let class = match class_pair.as_rule() {
                    Rule::special_class => {
                        let span = self.span(&class_pair);
                        let list = class_pair.into_inner().next().unwrap();
                        DataClass::Special {
                            kinds: self.names(list),
                            span,
                        }
                    }
                    _ => DataClass::Word(self.name(class_pair)),
                };
                Declaration::Data(Data { name, label, class })
            }
            Rule::source_decl => {
                let mut it = self.inner_without_keywords(pair);
                Declaration::Source(Source {
                    name: self.name(it.next().unwrap()),
                    label: self.text(it.next().unwrap()),
                    kind: self.name(it.next().unwrap()),
                })
            }
            Rule::processor => Declaration::Processor(self.processor(pair)),
            Rule::recipient => Declaration::Recipient(self.recipient(pair)),
            Rule::activity => Declaration::Activity(self.activity(pair)),
            other => unreachable!("not a declaration: {other:?}"),
        }
    }

    fn controller(&self, pair: Pair<Rule>) -> Controller {
        let span = self.span(&pair);
        let mut it = self.inner_without_keywords(pair);
        let mut c = Controller {
            name: self.name(it.next().unwrap()),
            label: self.text(it.next().unwrap()),
            public_authority: None,
            country: None,
            address: None,
            contact: None,
            dpo: None,
            span,
        };
        for field in it {
            match field.as_rule() {
                Rule::public_authority => c.public_authority = Some(self.span(&field)),
                Rule::country_field => c.country = Some(self.last_name(field)),
                Rule::address_field => c.address = Some(self.last_text(field)),
                Rule::contact_field => c.contact = Some(self.last_text(field)),
                Rule::dpo_block => c.dpo = Some(self.dpo(field)),
                other => unreachable!("not a controller field: {other:?}"),
            }
        }
        c
    }

    fn dpo(&self, pair: Pair<Rule>) -> Dpo {
        let mut dpo = Dpo {
            name: None,
            email: None,
            phone: None,
            address: None,
            web: None,
            span: self.span(&pair),
        };
        for field in self.inner_without_keywords(pair) {
            let rule = field.as_rule();
            let value = Some(self.last_text(field));
            match rule {
                Rule::dpo_name => dpo.name = value,
                Rule::dpo_email => dpo.email = value,
                Rule::dpo_phone => dpo.phone = value,
                Rule::address_field => dpo.address = value,
                Rule::dpo_web => dpo.web = value,
                other => unreachable!("not a dpo field: {other:?}"),
            }
        }
        dpo
    }

    fn last_text(&self, pair: Pair<Rule>) -> Text {
        self.text(pair.into_inner().last().unwrap())
    }

    fn last_name(&self, pair: Pair<Rule>) -> Name {
        self.name(pair.into_inner().last().unwrap())
    }

    fn processor(&self, pair: Pair<Rule>) -> Processor {
        let span = self.span(&pair);
        let mut it = self.inner_without_keywords(pair);
        let mut p = Processor {
            name: self.name(it.next().unwrap()),
            label: self.text(it.next().unwrap()),
            agreement: None,
            authorised: None,
            country: None,
            transfer: None,
            tia: None,
            subprocessors: Vec::new(),
            span,
        };
        for field in it {
            match field.as_rule() {
                Rule::agreement_field => p.agreement = Some(self.last_text(field)),
                Rule::authorised_field => p.authorised = Some(self.last_text(field)),
                Rule::country_field => p.country = Some(self.last_name(field)),
                Rule::transfer_field => p.transfer = Some(self.transfer(field)),
                Rule::tia_field => p.tia = Some(self.last_text(field)),
                Rule::subprocessor => p.subprocessors.push(self.processor(field)),
                other => unreachable!("not a processor field: {other:?}"),
            }
        }
        p
    }

    fn transfer(&self, pair: Pair<Rule>) -> Transfer {
        Transfer {
            span: self.span(&pair),
            mechanisms: self
                .inner_without_keywords(pair)
                .map(|m| self.name(m))
                .collect(),
        }
    }

    fn recipient(&self, pair: Pair<Rule>) -> Recipient {
        let span = self.span(&pair);
        let mut it = self.inner_without_keywords(pair);
        let mut r = Recipient {
            name: self.name(it.next().unwrap()),
            label: self.text(it.next().unwrap()),
            kind: self.name(it.next().unwrap()),
            country: None,
            transfer: None,
            tia: None,
            span,
        };
        for field in it {
            match field.as_rule() {
                Rule::country_field => r.country = Some(self.last_name(field)),
                Rule::transfer_field => r.transfer = Some(self.transfer(field)),
                Rule::tia_field => r.tia = Some(self.last_text(field)),
                other => unreachable!("not a recipient field: {other:?}"),
            }
        }
        r
    }

    fn activity(&self, pair: Pair<Rule>) -> Activity {
        let span = self.span(&pair);
        let mut it = self.inner_without_keywords(pair);
        let name = self.name(it.next().unwrap());
        let label = self.text(it.next().unwrap());
        let statements = it.map(|field| self.statement(field)).collect();
        Activity {
            name,
            label,
            statements,
            span,
        }
    }

    fn statement(&self, pair: Pair<Rule>) -> Statement {
        let span = self.span(&pair);
        let rule = pair.as_rule();
        match rule {
            Rule::purpose_field => Statement::Purpose(self.last_text(pair)),
            Rule::subjects_field => Statement::Subjects(self.last_names(pair)),
            Rule::data_field => Statement::Data(self.last_names(pair)),
            Rule::sources_field => Statement::Sources(self.last_names(pair)),
            Rule::via_field => Statement::Via(self.last_names(pair)),
            Rule::basis_field => {
                let list = pair.into_inner().last().unwrap();
                Statement::Basis(self.citations(list), span)
            }
            Rule::retain_field => Statement::Retain(self.retain(pair)),
            Rule::disclose_field => Statement::Disclose(self.disclose(pair)),
            Rule::review_field => Statement::Review(
                self.inner_without_keywords(pair)
                    .map(|p| self.name(p))
                    .collect(),
            ),
            Rule::cctv_field => Statement::Cctv(span),
            Rule::exception_field => {
                let mut it = self.inner_without_keywords(pair);
                let citation = self.citation(it.next().unwrap());
                let reason = it.next().map(|p| self.text(p));
                Statement::Exception(Exception {
                    citation,
                    reason,
                    span,
                })
            }
            Rule::dpia_field => Statement::Dpia(self.last_text(pair)),
            Rule::since_field => Statement::Since(self.last_date(pair)),
            Rule::justification_field => Statement::Justification(self.last_text(pair)),
            Rule::notified_field => Statement::Notified(self.last_date(pair)),
            Rule::security_field => Statement::Security(self.last_text(pair)),
            Rule::unknown_field => {
                let word = pair.into_inner().next().unwrap();
                Statement::Unknown(self.name(word))
            }
            other => unreachable!("not an activity statement: {other:?}"),
        }
    }

    fn last_names(&self, pair: Pair<Rule>) -> Vec<Name> {
        self.names(pair.into_inner().last().unwrap())
    }

    fn last_date(&self, pair: Pair<Rule>) -> Text {
        let date = pair.into_inner().last().unwrap();
        Spanned::new(date.as_str().to_string(), self.span(&date))
    }

    fn citations(&self, list: Pair<Rule>) -> Vec<Citation> {
        list.into_inner().map(|c| self.citation(c)).collect()
    }

    fn citation(&self, pair: Pair<Rule>) -> Citation {
        let span = self.span(&pair);
        let inner = pair.into_inner().next().unwrap();
        match inner.as_rule() {
            Rule::law_text => Citation::Law(self.last_text(inner)),
            Rule::agreement_text => Citation::Agreement(self.last_text(inner)),
            Rule::act_citation => {
                let mut it = inner.into_inner();
                let act = self.name(it.next().unwrap());
                let provision = it.next().unwrap().as_str();
                let (number, parts) = split_provision(provision);
                Citation::Act {
                    act,
                    number,
                    parts,
                    span,
                }
            }
            other => unreachable!("not a citation: {other:?}"),
        }
    }

    fn retain(&self, pair: Pair<Rule>) -> Retain {
        let span = self.span(&pair);
        let mut it = self.inner_without_keywords(pair);
        let targets_pair = it.next().unwrap();
        let first = targets_pair.into_inner().next().unwrap();
        let targets = match first.as_rule() {
            Rule::kw_all => None,
            _ => Some(self.names(first)),
        };
        let retention_pair = it.next().unwrap().into_inner().next().unwrap();
        let retention = match retention_pair.as_rule() {
            Rule::archive_only => Retention::Archive(self.span(&retention_pair)),
            Rule::deadline => {
                let mut amount = None;
                let mut unit = None;
                let mut after = None;
                let mut then_archive = false;
                for part in self.inner_without_keywords(retention_pair) {
                    match part.as_rule() {
                        Rule::duration => {
                            let mut d = part.into_inner();
                            let n = d.next().unwrap();
                            amount = Some(Spanned::new(n.as_str().to_string(), self.span(&n)));
                            unit = Some(self.name(d.next().unwrap()));
                        }
                        Rule::string => after = Some(self.text(part)),
                        Rule::then_archive => then_archive = true,
                        other => unreachable!("not part of a deadline: {other:?}"),
                    }
                }
                Retention::Deadline {
                    amount: amount.unwrap(),
                    unit: unit.unwrap(),
                    after,
                    then_archive,
                }
            }
            other => unreachable!("not a retention: {other:?}"),
        };
        Retain {
            targets,
            retention,
            span,
        }
    }

    fn disclose(&self, pair: Pair<Rule>) -> Disclose {
        let span = self.span(&pair);
        let mut it = self.inner_without_keywords(pair);
        let data = self.names(it.next().unwrap());
        let recipient = self.name(it.next().unwrap());
        let mut basis = Vec::new();
        let mut condition = None;
        for part in it {
            match part.as_rule() {
                Rule::citation_list => basis = self.citations(part),
                Rule::string => condition = Some(self.text(part)),
                other => unreachable!("not part of a disclosure: {other:?}"),
            }
        }
        Disclose {
            data,
            recipient,
            basis,
            condition,
            span,
        }
    }
}

/// `6(1)(e)` → (`6`, [`1`, `e`]); `4c(5)` → (`4c`, [`5`]).
fn split_provision(text: &str) -> (String, Vec<String>) {
    let mut pieces = text.split('(');
    let number = pieces.next().unwrap_or_default().to_string();
    let parts = pieces
        .map(|p| p.trim_end_matches(')').to_string())
        .collect();
    (number, parts)
}

fn is_keyword(rule: Rule) -> bool {
    format!("{rule:?}").starts_with("kw_")
}

/// Turns a pest error into a diagnostic a DPO can act on: what was found, and what could stand there,
/// in the words of the language rather than the grammar's rule names.
fn syntax_error(file: FileId, text: &str, error: pest::error::Error<Rule>) -> Diagnostic {
    use pest::error::{ErrorVariant, InputLocation};
    let start = match error.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((s, _)) => s,
    };
    let found = describe_found(text, start);
    let end = start + found.1;
    let span = Span::new(file, start, end);
    let expected: Vec<String> = match &error.variant {
        ErrorVariant::ParsingError { positives, .. } => {
            let mut names: Vec<String> = positives
                .iter()
                .filter_map(|r| rule_description(*r))
                .collect();
            names.sort();
            names.dedup();
            names
        }
        ErrorVariant::CustomError { message } => vec![message.clone()],
    };
    let expectation = match expected.len() {
        0 => "something else".to_string(),
        1 => expected[0].clone(),
        n => format!("{} or {}", expected[..n - 1].join(", "), expected[n - 1]),
    };
    let mut diagnostic = Diagnostic::spec_error_at(
        "syntax",
        format!("expected {expectation}, found {}", found.0),
        span,
        format!("expected {expectation} here"),
    );
    if let Some(help) = syntax_help(text, start, &expected) {
        diagnostic = diagnostic.with_help(help);
    }
    diagnostic
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

fn syntax_help(text: &str, offset: usize, expected: &[String]) -> Option<String> {
    let rest = &text[offset..];
    if expected.iter().any(|e| e == "a quoted text") && !rest.starts_with('"') {
        return Some("put the text in double quotes, e.g. \"Borgerservice\"".to_string());
    }
    if rest.starts_with('"') && !rest[1..].lines().next().unwrap_or("").contains('"') {
        return Some("a quoted text must end with `\"` on the same line".to_string());
    }
    if expected.iter().any(|e| e.starts_with("a date")) {
        return Some("write dates as YYYY-MM-DD, e.g. 2023-09-01".to_string());
    }
    None
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
        Rule::retention | Rule::deadline | Rule::kw_for => keyword("for"),
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
        Rule::unknown_field => Some("a statement".to_string()),
        _ => None,
    }
}
