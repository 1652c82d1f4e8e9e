//! Which sentences of the privacy notice (`hjemmel notice`) a change to the spec alters: the notice
//! of each version is built (every audience, the diff's language, no draft marks) and its sentences
//! compared by a key — the headings above the sentence, its element of art. 13/14 and its words —
//! never pair by pair, so the comparison is linear in the size of the two notices.
//!
//! A list ("Vi videregiver oplysningerne til:" and the recipients) is a sentence per item, the lead
//! and the item together, so that a recipient removed is one sentence removed. A sentence that left
//! and one that came under the same headings and of the same element are one sentence changed (the
//! first that left with the first that came, in reading order): a new deadline or purpose reads as
//! the old sentence and the new one, not as two unrelated lines.

use std::collections::HashMap;
use std::collections::VecDeque;
use std::sync::Arc;

use super::Side;
use crate::i18n::Lang;
use crate::notice::document::{Notice, Section};
use crate::notice::elements::Element;
use crate::notice::{audience, build};
use crate::syntax::span::Span;

/// One sentence of a notice, where it stands and what it gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// The headings above it, from the audience (or the controller's part) down to the activity;
    /// empty for the title and the lines under it. Shared by the sentences of a section.
    pub section: Arc<[String]>,
    /// The element of art. 13/14 it gives; `None` for words that only guide the reader.
    pub element: Option<Element>,
    /// The sentence as the notice has it, unescaped; an item of a list after its lead.
    pub text: String,
    /// The statement of the spec it is written from; `None` for what comes from law data only.
    pub span: Option<Span>,
}

/// A sentence of the old notice whose place (headings and element) has a new sentence instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changed {
    pub old: Sentence,
    pub new: Sentence,
}

/// The sentences of the notice a change adds, removes and changes; each list in reading order (of
/// the new notice, for the removed ones of the old).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NoticeChanges {
    pub added: Vec<Sentence>,
    pub removed: Vec<Sentence>,
    pub changed: Vec<Changed>,
}

impl NoticeChanges {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }

    /// The sentences that differ between the notices of `old` (`None`: the spec is new) and `new`.
    pub fn between(old: Option<Side<'_>>, new: Side<'_>, lang: Lang) -> NoticeChanges {
        if let Some(old) = old
            && std::ptr::eq(old.checked, new.checked)
        {
            return NoticeChanges::default();
        }
        let old = old.map(|side| notice_of(side, lang));
        let new = notice_of(new, lang);
        let old = old.as_ref().map_or_else(Vec::new, sentences);
        NoticeChanges::of(old, sentences(&new))
    }

    /// The comparison of two notices' sentences, each in reading order.
    fn of(old: Vec<Sentence>, new: Vec<Sentence>) -> NoticeChanges {
        // Each sentence is matched with one of the same key on the other side (a key twice is two
        // sentences, matched one by one); what is left over came or went.
        let left_over = |these: &[Sentence], those: &[Sentence]| -> Vec<bool> {
            let mut count: HashMap<Key<'_>, usize> = HashMap::with_capacity(those.len());
            for s in those {
                *count.entry(Key::of(s)).or_default() += 1;
            }
            these
                .iter()
                .map(|s| match count.get_mut(&Key::of(s)) {
                    Some(n) if *n > 0 => {
                        *n -= 1;
                        false
                    }
                    _ => true,
                })
                .collect()
        };
        let came = left_over(&new, &old);
        let went = left_over(&old, &new);

        // What went, by its place, waiting for what came to the same place.
        let mut waiting: HashMap<(&[String], Option<Element>), VecDeque<usize>> = HashMap::new();
        for (i, s) in old.iter().enumerate().filter(|(i, _)| went[*i]) {
            waiting
                .entry((&s.section[..], s.element))
                .or_default()
                .push_back(i);
        }
        let mut paired = vec![false; old.len()];
        let mut changes = NoticeChanges::default();
        let mut added_at = Vec::new();
        let mut changed_at = Vec::new();
        for (i, s) in new.iter().enumerate().filter(|(i, _)| came[*i]) {
            let place = (&s.section[..], s.element);
            match waiting.get_mut(&place).and_then(VecDeque::pop_front) {
                Some(o) => {
                    paired[o] = true;
                    changed_at.push((o, i));
                }
                None => added_at.push(i),
            }
        }
        drop(waiting);
        let removed_at: Vec<usize> = (0..old.len()).filter(|&o| went[o] && !paired[o]).collect();
        // Moved out of the two lists, each sentence once.
        let mut old: Vec<Option<Sentence>> = old.into_iter().map(Some).collect();
        let mut new: Vec<Option<Sentence>> = new.into_iter().map(Some).collect();
        let take = |list: &mut Vec<Option<Sentence>>, i: usize| {
            list[i].take().expect("each sentence is taken once")
        };
        changes.added = added_at.into_iter().map(|i| take(&mut new, i)).collect();
        changes.removed = removed_at.into_iter().map(|o| take(&mut old, o)).collect();
        changes.changed = changed_at
            .into_iter()
            .map(|(o, i)| Changed {
                old: take(&mut old, o),
                new: take(&mut new, i),
            })
            .collect();
        changes
    }
}

/// What two sentences must share to be the same sentence.
#[derive(PartialEq, Eq, Hash)]
struct Key<'s> {
    section: &'s [String],
    element: Option<Element>,
    text: &'s str,
}

impl<'s> Key<'s> {
    fn of(s: &'s Sentence) -> Key<'s> {
        Key {
            section: &s.section,
            element: s.element,
            text: &s.text,
        }
    }
}

/// The notice `hjemmel notice` writes for the version by default: every audience, no draft marks.
fn notice_of(side: Side<'_>, lang: Lang) -> Notice<'_> {
    let model = &side.checked.model;
    let audiences = audience::choose(model, None, lang).expect("no audience named: every one");
    build::build(model, &audiences, &[], lang)
}

/// The notice's sentences in reading order: the title and the lines under it, then each section's.
pub fn sentences(notice: &Notice) -> Vec<Sentence> {
    let mut out = Vec::new();
    let top: Arc<[String]> = Arc::new([]);
    for text in std::iter::once(&notice.title).chain(&notice.meta) {
        out.push(Sentence {
            section: top.clone(),
            element: None,
            text: text.clone(),
            span: None,
        });
    }
    let mut path = Vec::new();
    for section in &notice.sections {
        section_sentences(section, &mut path, &mut out);
    }
    out
}

fn section_sentences(section: &Section, path: &mut Vec<String>, out: &mut Vec<Sentence>) {
    path.push(section.heading.to_string());
    let headings: Arc<[String]> = path.as_slice().into();
    for block in &section.blocks {
        let sentence = |text: String| Sentence {
            section: headings.clone(),
            element: block.element,
            text,
            span: block.span,
        };
        if block.items.is_empty() {
            out.push(sentence(block.text.to_string()));
        }
        for item in &block.items {
            out.push(sentence(format!("{} {item}", block.text)));
        }
    }
    for sub in &section.subsections {
        section_sentences(sub, path, out);
    }
    path.pop();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(section: &str, element: Option<Element>, text: &str) -> Sentence {
        Sentence {
            section: Arc::new([section.to_string()]),
            element,
            text: text.to_string(),
            span: None,
        }
    }

    const RETENTION: Option<Element> = Some(Element::Retention);
    const RECIPIENTS: Option<Element> = Some(Element::Recipients);

    #[test]
    fn the_same_sentences_are_no_change() {
        let old = vec![s("A", RETENTION, "5 år."), s("A", RETENTION, "5 år.")];
        assert!(NoticeChanges::of(old.clone(), old).is_empty());
    }

    #[test]
    fn a_new_sentence_in_the_place_of_an_old_one_is_a_change() {
        let old = vec![
            s("A", RECIPIENTS, "Til: X"),
            s("A", RETENTION, "5 år."),
            s("B", RETENTION, "1 år."),
        ];
        let new = vec![
            s("A", RETENTION, "10 år."),
            s("B", RETENTION, "1 år."),
            s("C", RETENTION, "2 år."),
        ];
        let changes = NoticeChanges::of(old, new);
        assert_eq!(changes.added, [s("C", RETENTION, "2 år.")]);
        assert_eq!(changes.removed, [s("A", RECIPIENTS, "Til: X")]);
        assert_eq!(
            changes.changed,
            [Changed {
                old: s("A", RETENTION, "5 år."),
                new: s("A", RETENTION, "10 år."),
            }]
        );
    }

    /// A sentence twice is two sentences: one of them gone is one removed.
    #[test]
    fn a_repeated_sentence_counts_each_time() {
        let old = vec![s("A", None, "x"), s("A", None, "x")];
        let new = vec![s("A", None, "x")];
        let changes = NoticeChanges::of(old, new);
        assert_eq!(changes.removed, [s("A", None, "x")]);
        assert!(changes.added.is_empty() && changes.changed.is_empty());
    }
}
