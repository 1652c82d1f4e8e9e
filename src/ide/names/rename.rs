//! Renaming a declared name: its declarations and every use, across the files of the spec.
//!
//! A rename must not change what the spec says. It is refused when the new name is not a name by
//! the grammar; when it is taken (names share one namespace, and the resolver refuses a second
//! declaration of any kind); when it is written somewhere already without a declaration (that use
//! would start naming the renamed declaration); and when it would be read as a word of the language
//! somewhere (`retain all` means every data category, not one named `all`). That last is found by
//! reading the edited files again and comparing their names with the old ones, so it holds for
//! every keyword and position the parsers know, without a list of them here.

use super::index::{NameIndex, What};
use super::{file_line, noun_with_article, text};
use crate::ide::{Analysis, Edit, Place};
use crate::tr;

pub(super) fn rename(analysis: &Analysis, at: Place, new_name: &str) -> Result<Vec<Edit>, String> {
    let lang = analysis.lang;
    let index = analysis.names();
    let no_name = || tr!(lang, text::NO_NAME_HERE);
    let item = index.item_at(at.file, at.offset).ok_or_else(no_name)?;
    let name = index.name_of(item.what);
    let declared = index.declaration_of(name).ok_or_else(no_name)?;
    let kind = noun_with_article(declared.kind, lang);

    if !is_name(new_name) {
        return Err(tr!(lang, text::NOT_A_NAME, name = new_name));
    }
    if new_name == index.text(name) {
        return Ok(Vec::new());
    }
    if let Some(taken) = index.lookup(new_name) {
        let entry = index.entry(taken);
        if let Some(other) = index.declaration_of(taken) {
            let place = file_line(&analysis.sources, other.name_span);
            let other_kind = noun_with_article(other.kind, lang);
            return Err(tr!(
                lang,
                text::TAKEN,
                name = new_name,
                kind = other_kind,
                place = place
            ));
        }
        if let Some(&first) = entry.uses.first() {
            let place = file_line(&analysis.sources, index.uses[first as usize].span);
            return Err(tr!(
                lang,
                text::USED_UNDECLARED,
                name = new_name,
                place = place,
                kind = kind
            ));
        }
    }
    if let Some((_, file)) = (analysis.sources.spec_files()).find(|(id, _)| index.file(*id).broken)
    {
        return Err(tr!(lang, text::SYNTAX_ERRORS, file = file.name));
    }

    let entry = index.entry(name);
    let mut edits: Vec<Edit> = (entry.declarations.iter().map(|&d| What::Declaration(d)))
        .chain(entry.uses.iter().map(|&u| What::Use(u)))
        .map(|what| Edit {
            span: what.span(index),
            new_text: new_name.to_string(),
        })
        .collect();
    edits.sort_by_key(|edit| edit.span);
    if let Some(place) = read_otherwise(analysis, index, &edits, index.text(name), new_name) {
        return Err(tr!(
            lang,
            text::READ_AS_KEYWORD,
            name = new_name,
            place = place
        ));
    }
    Ok(edits)
}

/// Whether `word` is an `ident` of the grammar: `(XID_START | "_") ~ XID_CONTINUE*`.
pub(super) fn is_name(word: &str) -> bool {
    let mut chars = word.chars();
    chars
        .next()
        .is_some_and(|c| c == '_' || pest::unicode::XID_START(c))
        && chars.all(pest::unicode::XID_CONTINUE)
}

/// Reads each edited file again and compares its names with the old ones, `old` written `new`:
/// where they first differ (`file:line`, in the text as it is now), if they do. The edits are
/// sorted by file and place.
fn read_otherwise(
    analysis: &Analysis,
    index: &NameIndex,
    edits: &[Edit],
    old: &str,
    new: &str,
) -> Option<String> {
    let mut rest = edits;
    while let Some(first) = rest.first() {
        let file = first.span.file;
        let count = rest.iter().take_while(|e| e.span.file == file).count();
        let (in_file, after) = rest.split_at(count);
        rest = after;

        let text = analysis.sources.file(file).text.as_str();
        let edited = apply(text, in_file);
        let mut again = NameIndex::default();
        again.read_file(file, &edited);

        let before = &index.file(file).items;
        let after = &again.file(file).items;
        let same_item = |b: &&super::index::Item, a: &&super::index::Item| {
            let (b_name, a_name) = (
                index.text(index.name_of(b.what)),
                again.text(again.name_of(a.what)),
            );
            let b_name = if b_name == old { new } else { b_name };
            b_name == a_name && role(index, b.what) == role(&again, a.what)
        };
        let differs = (before.iter().zip(after.iter())).position(|(b, a)| !same_item(&b, &a));
        let differs = differs.or_else(|| {
            (again.file(file).broken || before.len() != after.len())
                .then(|| before.len().min(after.len()))
        });
        if let Some(i) = differs {
            // The first word read otherwise, or the last one read alike when the names ran out.
            let at = before
                .get(i)
                .or(before.last())
                .map_or(first.span, |item| item.what.span(index));
            return Some(file_line(&analysis.sources, at));
        }
    }
    None
}

/// What a name is at its place: declared as a kind, or used where a statement takes a kind.
fn role(index: &NameIndex, what: What) -> (bool, crate::ide::NameKind) {
    match what {
        What::Declaration(d) => (true, index.declarations[d as usize].kind),
        What::Use(u) => (false, index.uses[u as usize].takes),
    }
}

/// `text` with the edits (sorted, of this file, not overlapping) applied.
pub(super) fn apply(text: &str, edits: &[Edit]) -> String {
    let mut out = String::with_capacity(text.len() + edits.len() * 8);
    let mut from = 0;
    for edit in edits {
        out.push_str(&text[from..edit.span.start as usize]);
        out.push_str(&edit.new_text);
        from = edit.span.end as usize;
    }
    out.push_str(&text[from..]);
    out
}
