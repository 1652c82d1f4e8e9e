//! Text → model, one declaration at a time, so that the syntax tree of a whole spec is never held.
//!
//! The resolver needs every name before it resolves the first reference, so there are two passes.
//! The first declares every name: a declaration that declares one name (an activity, a data
//! category, ...) is declared from its first words alone; the others (processors with their
//! sub-processors, and anything the first words do not tell) are parsed right away. The second pass
//! parses each remaining declaration, checks it declares what its first words said, adds it to the
//! model and drops it. At 100,000 activities the tree of the whole file took about 330 MiB, and
//! first-touch page faults are a large part of the run (docs/performance.md).
//!
//! The result is the one of `parse_file` on every file followed by `resolve::resolve`: the same
//! model, or the same errors in the same order. In the rare case where a chunk's first words were
//! misleading (two declarations in one chunk, which `syntax::chunks` avoids even on one line, unless
//! a declaration's own words fool it), it falls back to exactly that.

use crate::diagnostic::Diagnostic;
use crate::i18n::Lang;
use crate::semantic::model::Model;
use crate::semantic::resolve::{Incremental, declared_name, resolve};
use crate::source::SourceMap;
use crate::syntax::ast::{Declaration, Word};
use crate::syntax::parser::{Chunks, parse_file_in};

/// What the first pass did with a chunk.
enum Step<'a> {
    /// Declared from its first words; parsed in the second pass.
    Declared(&'static str, Word<'a>),
    /// Parsed in the first pass (its declarations were declared from the tree).
    Parsed(Result<Vec<Declaration<'a>>, Vec<Diagnostic>>),
}

/// How many chunks ahead the first pass asks for a chunk's first words: reading one header takes
/// less time than loading it from memory.
const HEADERS_AHEAD: usize = 4;

/// Parses and resolves every file of `sources`. Syntax errors come in the order of the text; the
/// errors of resolving, sorted by [`Diagnostic::sort_key`].
pub fn parse_and_resolve(sources: &SourceMap, lang: Lang) -> Result<Model, Vec<Diagnostic>> {
    let mut resolver = Incremental::new(lang);
    let mut files = Vec::with_capacity(sources.len());
    for (id, file) in sources.spec_files() {
        let plan = Chunks::new(id, &file.text, lang).map(|chunks| {
            resolver.reserve(chunks.len());
            let steps: Vec<Step> = (0..chunks.len())
                .map(|i| {
                    chunks.prefetch_header(i + HEADERS_AHEAD);
                    match chunks.header(i) {
                        Some((keyword, name)) => {
                            resolver.declare_name(keyword, &name);
                            Step::Declared(keyword, name)
                        }
                        None => {
                            let parsed = chunks.parse(i);
                            for decl in parsed.iter().flatten() {
                                resolver.declare(decl);
                            }
                            Step::Parsed(parsed)
                        }
                    }
                })
                .collect();
            (chunks, steps)
        });
        files.push(plan);
    }

    let mut errors = Vec::new();
    let mut misread = false;
    for plan in files {
        let (chunks, steps) = match plan {
            Ok(plan) => plan,
            Err(e) => {
                errors.extend(e);
                continue;
            }
        };
        for (i, step) in steps.into_iter().enumerate() {
            let parsed = match step {
                Step::Parsed(parsed) => parsed,
                Step::Declared(keyword, name) => {
                    let parsed = chunks.parse(i);
                    if let Ok(decls) = &parsed {
                        misread |= !declares(decls, keyword, &name);
                    }
                    parsed
                }
            };
            match parsed {
                // Once there is a syntax error, only syntax errors are reported.
                Ok(decls) if errors.is_empty() && !misread => {
                    decls.iter().for_each(|d| resolver.add(d));
                    chunks.recycle(decls);
                }
                Ok(_) => {}
                Err(e) => errors.extend(e),
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    if misread {
        // No syntax errors (checked above), so every file parses.
        let files = sources
            .spec_files()
            .map(|(id, file)| parse_file_in(id, &file.text, lang))
            .collect::<Result<Vec<_>, _>>()?;
        return resolve(files, lang).map_err(sorted);
    }
    resolver.finish().map_err(sorted)
}

fn sorted(mut errors: Vec<Diagnostic>) -> Vec<Diagnostic> {
    errors.sort_by(Diagnostic::cmp_by_key);
    errors
}

/// Whether a chunk's tree is the one declaration its first words announced.
fn declares(decls: &[Declaration<'_>], keyword: &str, name: &Word<'_>) -> bool {
    let [decl] = decls else { return false };
    let declared = declared_name(decl);
    let kind_matches = matches!(
        (keyword, decl),
        ("controller", Declaration::Controller(_))
            | ("subjects", Declaration::Subjects(_))
            | ("data", Declaration::Data(_))
            | ("source", Declaration::Source(_))
            | ("recipient", Declaration::Recipient(_))
            | ("activity", Declaration::Activity(_))
    );
    kind_matches && declared.node == name.node && declared.span == name.span
}
