//! The writer: any [`Register`] as spec files (controller.hjemmel, declarations.hjemmel,
//! activities.hjemmel), laid out by `hjemmel fmt`'s formatter.
//!
//! It never invents a fact: what the source does not say is left out, so that `hjemmel check`
//! reports it; a word the language needs and the source does not give (the class of a data category,
//! the kind of a group or a party) is taken from the label's words only where a documented table
//! says so (src/law/data/health_words.toml, src/law/data/class_words.toml, the word lists below),
//! and otherwise the most neutral word is written with a comment that says it was not stated. Every
//! value the reader could not place is a comment beside its declaration.

use std::borrow::Borrow;
use std::fmt::Write as _;
use std::rc::Rc;

use super::basis_text;
use super::register::{ImportedActivity, ImportedParty, Register, Unplaced};
use super::retention_text::{self, Read};
use crate::law::vocabulary::{DataClass, RecipientKind, SourceKind, SpecialKind, SubjectKind};

/// Maps and sets keyed by the source's labels, words anyone may write: hashed as a spec's words
/// are (src/spec_map.rs), faster than the standard library's SipHash.
type HashMap<K, V> = crate::spec_map::SpecMap<K, V>;
type HashSet<K> = std::collections::HashSet<K, foldhash::fast::RandomState>;

/// The spec files written, and how many values were kept as comments.
#[derive(Debug, Clone, PartialEq)]
pub struct Written {
    /// File name and text, in the canonical layout; the text in pieces, one after another (see
    /// [`PIECE`]).
    pub files: Vec<(String, Vec<String>)>,
    /// Values of the source kept as comments (unplaced values, bases and deadlines not read).
    pub comments: usize,
}

/// The activities' text is written in pieces of about this many bytes, each of whole
/// declarations: at 100,000 activities it is some hundred megabytes, which one string would copy
/// each time it grew (and hold twice while it did).
pub const PIECE: usize = 1 << 20;

/// The file of the activities, most of a register's text.
pub const ACTIVITIES: &str = "activities.hjemmel";

/// Writes `register` as spec files. An `Err` is a fault of the writer (its text did not parse),
/// with the parser's or the formatter's messages; never expected.
pub fn write(register: &Register) -> Result<Written, String> {
    write_from(register, Activities::of(register))
}

/// [`write`] of `register` (whose own list of activities is not read) with `activities`.
pub fn write_from<A: Borrow<ImportedActivity>>(
    register: &Register,
    activities: Activities<'_, impl Iterator<Item = A>>,
) -> Result<Written, String> {
    let mut pieces = Vec::new();
    let written = write_streaming_from(register, activities, |piece| {
        pieces.push(piece);
        Ok::<(), std::convert::Infallible>(())
    });
    let mut written = written.map_err(|failure| match failure {
        Failure::Writer(message) => message,
        Failure::Sink(never) => match never {},
    })?;
    if !pieces.is_empty() {
        written.files.push((ACTIVITIES.to_string(), pieces));
    }
    Ok(written)
}

/// Why [`write_streaming`] stopped.
#[derive(Debug)]
pub enum Failure<E> {
    /// A fault of the writer: its text did not parse (the parser's or the formatter's messages);
    /// never expected.
    Writer(String),
    /// What `sink` said.
    Sink(E),
}

/// [`write`], the activities' file handed to `sink` piece by piece as each is written (at
/// 100,000 activities it is some hundred megabytes, not held whole); none when the
/// register has no activity. The files returned are the others (controller.hjemmel,
/// declarations.hjemmel, where they say anything), laid out by `hjemmel fmt`'s formatter.
pub fn write_streaming<E>(
    register: &Register,
    sink: impl FnMut(String) -> Result<(), E>,
) -> Result<Written, Failure<E>> {
    write_streaming_from(register, Activities::of(register), sink)
}

/// A register's activities as the writer takes them: every label first (each activity is named
/// before any is written), then each activity in the same order. The register's own list, or a
/// sheet's rows each read as the writer comes to it
/// ([`super::spreadsheet::RowActivities`]), so that a CSV of 100,000 rows is never held whole.
pub struct Activities<'l, I> {
    pub labels: Vec<&'l str>,
    pub each: I,
}

impl<'r> Activities<'r, std::slice::Iter<'r, ImportedActivity>> {
    /// The register's own list.
    pub fn of(register: &'r Register) -> Self {
        Activities {
            labels: register
                .activities
                .iter()
                .map(|a| a.label.as_str())
                .collect(),
            each: register.activities.iter(),
        }
    }
}

/// [`write_streaming`] of `register` (whose own list of activities is not read) with `activities`.
pub fn write_streaming_from<E, A: Borrow<ImportedActivity>>(
    register: &Register,
    activities: Activities<'_, impl Iterator<Item = A>>,
    mut sink: impl FnMut(String) -> Result<(), E>,
) -> Result<Written, Failure<E>> {
    let header = format!(
        "// Imported by `hjemmel import` from {}.\n// Check it with `hjemmel check`: what the source did not say is reported there.\n\n",
        comment_text(&register.source)
    );
    let mut writer = Writer::default();
    let controller = writer.controller(register);
    #[cfg(debug_assertions)]
    let mut whole = String::new();
    writer.activities(register, activities, &header, &mut |piece: String| {
        // Written in the canonical layout already, so laying it out again would give it back
        // unchanged: a debug build checks that below, and parses each piece (each holds whole
        // declarations). A release build does not parse what it wrote (at 100,000 activities
        // that was an eighth of the import): that every register gives a spec that parses and
        // resolves is held by the tests and the fuzz target `import` (tests/support/import_case.rs),
        // and a fault that slipped through would be a located parse error in `hjemmel check`.
        #[cfg(debug_assertions)]
        {
            crate::fmt::parse_errors(&piece).map_err(|errors| writer_fault(ACTIVITIES, &errors))?;
            whole.push_str(&piece);
        }
        sink(piece).map_err(Failure::Sink)
    })?;
    #[cfg(debug_assertions)]
    debug_assert!(
        crate::fmt::format(&whole).is_ok_and(|formatted| formatted == whole),
        "{ACTIVITIES} is not in the canonical layout"
    );
    let declarations = writer.declarations(register);
    let mut files = Vec::new();
    for (name, body) in [
        ("controller.hjemmel", controller),
        ("declarations.hjemmel", declarations),
    ] {
        if body.trim().is_empty() {
            continue;
        }
        let text = crate::fmt::format(&format!("{header}{body}"))
            .map_err(|errors| writer_fault(name, &errors))?;
        files.push((name.to_string(), vec![text]));
    }
    Ok(Written {
        files,
        comments: writer.comments,
    })
}

/// The writer's fault in file `name`: the parser's or the formatter's messages.
fn writer_fault<E>(name: &str, errors: &[crate::diagnostic::Diagnostic]) -> Failure<E> {
    let messages: Vec<String> = errors.iter().map(|e| e.message.to_string()).collect();
    Failure::Writer(format!("{name}: {}", messages.join("; ")))
}

/// The start of a statement of an activity's block as `hjemmel fmt` lays it out, so that the
/// activities are written in the layout and need not be laid out again.
fn activity_head(out: &mut String, keyword: &str) {
    crate::fmt::push_activity_head(out, keyword);
}

/// A name made from a label: shared, not copied, by every statement that lists it (a register
/// names the same few groups, categories and parties in thousands of activities).
type Name = Rc<str>;

/// Names made so far, and the declarations they stand for.
#[derive(Default)]
struct Writer {
    names: UniqueNames,
    subjects: Vec<(Name, String, Option<String>)>,
    subject_names: HashMap<String, Name>,
    data: Vec<DataDecl>,
    data_names: HashMap<String, Name>,
    sources: Vec<(Name, String)>,
    source_names: HashMap<String, Name>,
    /// The kinds the register gives its sources, by label.
    source_kinds: HashMap<String, String>,
    processor_names: HashMap<String, Name>,
    recipient_names: HashMap<String, Name>,
    comments: usize,
    /// Each text of legal bases and of deadlines read once: a register repeats the same few in
    /// thousands of activities, and reading one is some thousands of instructions.
    bases_read: HashMap<String, basis_text::Bases>,
    basis_pieces: basis_text::PieceReader,
    periods: retention_text::PeriodReader,
    deadlines_read: HashMap<String, Rc<Read>>,
    /// A comment's text being put together (see [`Writer::comment_of`]), kept to reuse its memory.
    scratch: String,
}

struct DataDecl {
    name: Name,
    label: String,
    class: Option<String>,
}

/// The names made from labels, each unique in the whole spec.
#[derive(Default)]
struct UniqueNames {
    used: HashSet<String>,
    next_number: HashMap<String, usize>,
}

impl UniqueNames {
    /// A new name for `label`, unique in the whole spec. Each base name remembers the next number
    /// to try, so that many labels of one name cost one try each, not one per earlier label.
    fn make(&mut self, label: &str) -> String {
        let base = name_of(label);
        let next = self.next_number.entry(base.clone()).or_insert(1);
        loop {
            let name = if *next == 1 {
                base.clone()
            } else {
                format!("{base}_{next}")
            };
            *next += 1;
            if self.used.insert(name.clone()) {
                return name;
            }
        }
    }

    /// The name `known` holds for `label`, or a new one it then holds; whether it is new.
    fn once(&mut self, known: &mut HashMap<String, Name>, label: &str) -> (Name, bool) {
        if let Some(name) = known.get(label) {
            return (Rc::clone(name), false);
        }
        let name = Name::from(self.make(label));
        known.insert(label.to_string(), Rc::clone(&name));
        (name, true)
    }
}

impl Writer {
    fn name(&mut self, label: &str) -> String {
        self.names.make(label)
    }

    /// [`basis_text::read`] of `text`, read once.
    fn read_bases(&mut self, text: &str) -> basis_text::Bases {
        if let Some(bases) = self.bases_read.get(text) {
            return bases.clone();
        }
        let bases = self.basis_pieces.read(text);
        self.bases_read.insert(text.to_string(), bases.clone());
        bases
    }

    /// [`retention_text::read`] of `text`, read once; shared, not copied, at each use.
    fn read_deadline(&mut self, text: &str) -> Rc<Read> {
        if let Some(read) = self.deadlines_read.get(text) {
            return Rc::clone(read);
        }
        let read = Rc::new(self.periods.read(text));
        self.deadlines_read
            .insert(text.to_string(), Rc::clone(&read));
        read
    }

    /// A comment of `parts` one after another, put together in `scratch` (no new string each).
    fn comment_of(&mut self, out: &mut String, indent: &str, parts: &[&str]) {
        let mut text = std::mem::take(&mut self.scratch);
        text.clear();
        for part in parts {
            text.push_str(part);
        }
        self.comment(out, indent, &text);
        self.scratch = text;
    }

    fn comment(&mut self, out: &mut String, indent: &str, text: &str) {
        self.comments += 1;
        out.push_str(indent);
        out.push_str("// ");
        push_comment_text(out, text);
        out.push('\n');
    }

    /// Each value as a comment `FIELD: VALUE` (a register has one or more a row).
    fn unplaced(&mut self, out: &mut String, indent: &str, values: &[Unplaced]) {
        for u in values {
            self.comment_of(out, indent, &[&*u.field, ": ", u.value.as_str()]);
        }
    }

    fn controller(&mut self, register: &Register) -> String {
        let mut out = String::new();
        let unknown = ImportedParty::default();
        let party = register.controller.as_ref().unwrap_or(&unknown);
        let name = if party.label.trim().is_empty() {
            // A spec has one controller; the source did not name it.
            let _ = writeln!(
                out,
                "// The source does not name the controller: write its name, address and contact here."
            );
            self.names.used.insert("controller".to_string());
            "controller".to_string()
        } else {
            self.name(&party.label)
        };
        self.unplaced(&mut out, "", &party.unplaced);
        for u in &register.unplaced {
            self.comment(&mut out, "", &format!("{}: {}", u.field, u.value));
        }
        let label = if party.label.trim().is_empty() {
            "Dataansvarlig (ikke angivet i kilden)"
        } else {
            party.label.as_str()
        };
        let _ = writeln!(out, "controller {name} \"{}\" {{", string_body(label));
        if party.kind.as_deref() == Some("authority") {
            let _ = writeln!(out, "  public authority");
        }
        if let Some(address) = nonempty(&party.address) {
            let _ = writeln!(out, "  address \"{}\"", string_body(address));
        }
        if let Some(contact) = nonempty(&party.contact) {
            let _ = writeln!(out, "  contact \"{}\"", string_body(contact));
        }
        self.country(&mut out, party);
        if let Some(dpo) = &register.dpo {
            out.push_str("  dpo {\n");
            for (keyword, value) in [
                ("name", &dpo.name),
                ("email", &dpo.email),
                ("phone", &dpo.phone),
                ("address", &dpo.address),
                ("web", &dpo.web),
            ] {
                if let Some(value) = nonempty(value) {
                    let _ = writeln!(out, "    {keyword} \"{}\"", string_body(value));
                }
            }
            out.push_str("  }\n");
        }
        out.push_str("}\n");
        out
    }

    /// A processor's block, with the blocks of the sub-processors it engaged inside.
    fn processor(
        &mut self,
        out: &mut String,
        party: &ImportedParty,
        all: &[ImportedParty],
        written: &mut HashSet<String>,
        keyword: &str,
    ) {
        if !written.insert(party.label.clone()) {
            return;
        }
        let name = self.processor_names[&party.label].clone();
        self.unplaced(out, "", &party.unplaced);
        let _ = writeln!(out, "{keyword} {name} \"{}\" {{", string_body(&party.label));
        self.country(out, party);
        self.transfer(out, party);
        self.contact_comments(out, party);
        for child in all {
            if child.subprocessor_of.as_deref() == Some(party.label.as_str())
                && !written.contains(&child.label)
            {
                self.processor(out, child, all, written, "subprocessor");
            }
        }
        out.push_str("}\n");
    }

    /// `country XX`, when the source's words name a country the tool knows; else a comment.
    fn country(&mut self, out: &mut String, party: &ImportedParty) {
        let Some(country) = nonempty(&party.country) else {
            return;
        };
        if matches!(country, "outside_eea" | "unknown") {
            let _ = writeln!(out, "  country {country}");
            return;
        }
        match country_code(country) {
            Some(code) => {
                let _ = writeln!(out, "  country {code}");
            }
            None => self.comment(out, "  ", &format!("country: {country}")),
        }
    }

    /// The activities' declarations after `header`, handed to `emit` in pieces of about [`PIECE`]
    /// bytes; none when the register has no activity.
    fn activities<E>(
        &mut self,
        register: &Register,
        activities: Activities<'_, impl Iterator<Item = impl Borrow<ImportedActivity>>>,
        header: &str,
        emit: &mut impl FnMut(String) -> Result<(), E>,
    ) -> Result<(), E> {
        let new_piece = || String::with_capacity(PIECE + PIECE / 4);
        let mut out = new_piece();
        out.push_str(header);
        for party in &register.processors {
            self.processor_name(&party.label);
        }
        for party in &register.recipients {
            self.recipient_name(&party.label);
        }
        for source in &register.sources {
            if let Some(kind) = &source.kind {
                self.source_kinds.insert(source.label.clone(), kind.clone());
            }
        }
        // Named before any is written: an activity's sources may name one written after it.
        let names: Vec<String> = activities.labels.iter().map(|l| self.name(l)).collect();
        let mut activity_names: HashMap<&str, &str> = HashMap::default();
        for (&label, name) in activities.labels.iter().zip(&names) {
            activity_names.entry(label).or_insert(name);
        }
        for (index, (activity, name)) in activities.each.zip(&names).enumerate() {
            let activity = activity.borrow();
            if out.len() >= PIECE {
                emit(std::mem::replace(&mut out, new_piece()))?;
            }
            // An empty line between declarations; the file's header ends in one.
            if index > 0 {
                out.push('\n');
            }
            self.unplaced(&mut out, "", &activity.unplaced);
            out.push_str("activity ");
            out.push_str(name);
            out.push(' ');
            push_string(&mut out, &activity.label);
            out.push_str(" {\n");
            let block_start = out.len();
            if let Some(unit) = nonempty(&activity.unit) {
                activity_head(&mut out, "unit");
                push_string_line(&mut out, unit);
            }
            for purpose in activity.purposes.iter().filter(|p| !p.trim().is_empty()) {
                activity_head(&mut out, "purpose");
                push_string_line(&mut out, purpose);
            }
            let kle: Vec<&str> = activity
                .kle
                .iter()
                .map(|k| k.trim())
                .filter(|k| !k.is_empty())
                .collect();
            let (good, bad): (Vec<&str>, Vec<&str>) = kle.iter().partition(|k| is_kle(k));
            if !good.is_empty() {
                activity_head(&mut out, "kle");
                push_list_line(&mut out, &good);
            }
            for k in bad {
                self.comment_of(&mut out, "  ", &["KLE: ", k]);
            }
            let mut subject_names = Vec::new();
            // Keyed by the register's own labels (not copied), sized for the activity's lists.
            let mut subject_of_label: HashMap<&str, Name> =
                HashMap::with_capacity_and_hasher(activity.subjects.len(), Default::default());
            for s in &activity.subjects {
                if s.label.trim().is_empty() {
                    continue;
                }
                let name = self.subject(&s.label, s.kind.as_deref());
                subject_of_label.insert(&s.label, name.clone());
                if !subject_names.contains(&name) {
                    subject_names.push(name);
                }
            }
            if !subject_names.is_empty() {
                activity_head(&mut out, "subjects");
                push_list_line(&mut out, &subject_names);
            }
            let mut all_data = Vec::new();
            let mut data_of_label: HashMap<&str, Name> =
                HashMap::with_capacity_and_hasher(activity.data.len(), Default::default());
            let mut about_groups: Vec<(Vec<Name>, Vec<Name>)> = Vec::new();
            for d in &activity.data {
                if d.label.trim().is_empty() {
                    continue;
                }
                let name = self.data(&d.label, d.class.as_deref());
                data_of_label.insert(&d.label, name.clone());
                if all_data.contains(&name) {
                    continue;
                }
                all_data.push(name.clone());
                let about: Vec<Name> = d
                    .about
                    .iter()
                    .filter_map(|l| subject_of_label.get(l.as_str()).cloned())
                    .collect();
                match about_groups.iter_mut().find(|(a, _)| *a == about) {
                    Some((_, names)) => names.push(name),
                    None => about_groups.push((about, vec![name])),
                }
            }
            for (about, names) in &about_groups {
                activity_head(&mut out, "data");
                push_list(&mut out, names);
                push_about(&mut out, about);
                out.push('\n');
            }
            self.uses(&mut out, activity, &data_of_label, &about_groups);
            let mut sources: Vec<Name> = activity
                .sources
                .iter()
                .filter(|s| !s.trim().is_empty())
                .map(|s| self.source(s))
                .collect();
            for label in &activity.from_activities {
                match activity_names.get(label.as_str()) {
                    Some(name) => sources.push(Name::from(*name)),
                    None => self.comment(
                        &mut out,
                        "  ",
                        &format!("source: the activity {label}, which the source does not list"),
                    ),
                }
            }
            if !sources.is_empty() {
                activity_head(&mut out, "sources");
                push_list_line(&mut out, &dedup(sources));
            }
            self.bases(&mut out, &activity.bases);
            let via: Vec<Name> = activity
                .processors
                .iter()
                .filter(|p| !p.trim().is_empty())
                .map(|p| self.processor_name(p))
                .collect();
            if !via.is_empty() {
                activity_head(&mut out, "via");
                push_list_line(&mut out, &dedup(via));
            }
            for disclosure in &activity.disclosures {
                if disclosure.recipient.trim().is_empty() {
                    continue;
                }
                let recipient = self.recipient_name(&disclosure.recipient);
                let data: Vec<Name> = disclosure
                    .data
                    .iter()
                    .filter_map(|l| data_of_label.get(l.as_str()).cloned())
                    .collect();
                let mut bases = basis_text::Bases::default();
                for basis in &disclosure.basis {
                    let read = self.read_bases(basis);
                    bases.citations.extend(read.citations);
                    bases.unread.extend(read.unread);
                }
                for unread in &bases.unread {
                    self.comment(
                        &mut out,
                        "  ",
                        &format!(
                            "basis of the disclosure to {}: {unread}",
                            disclosure.recipient
                        ),
                    );
                }
                if data.is_empty() {
                    // Which data goes to the recipient is a fact the source did not give.
                    self.comment_of(
                        &mut out,
                        "  ",
                        &[
                            "recipient ",
                            disclosure.recipient.as_str(),
                            ": the source does not say which data it receives",
                        ],
                    );
                    continue;
                }
                activity_head(&mut out, "disclose");
                push_list(&mut out, &dedup(data));
                out.push_str(" to ");
                out.push_str(&recipient);
                if !bases.citations.is_empty() {
                    out.push_str(" under ");
                    push_list(&mut out, &bases.citations);
                }
                if let Some(condition) = nonempty(&disclosure.condition) {
                    out.push_str(" when ");
                    push_string(&mut out, condition);
                }
                out.push('\n');
            }
            if let Some(retention) = nonempty(&activity.retention) {
                self.retention(&mut out, retention, &data_of_label);
            }
            // A deadline the source gives a category of its own: categories of one deadline
            // together, in the order the source gives them.
            let mut per_category: Vec<(&str, String)> = Vec::new();
            for d in &activity.data {
                let (Some(text), Some(name)) =
                    (nonempty(&d.retention), data_of_label.get(d.label.as_str()))
                else {
                    continue;
                };
                match per_category.iter_mut().find(|(t, _)| *t == text) {
                    Some((_, names)) => {
                        names.push_str(", ");
                        names.push_str(name);
                    }
                    None => per_category.push((text, name.to_string())),
                }
            }
            for (text, names) in per_category {
                self.category_retention(&mut out, text, &names);
            }
            self.copies(&mut out, activity, &data_of_label);
            for measure in activity.security.iter().filter(|s| !s.trim().is_empty()) {
                activity_head(&mut out, "security");
                push_string_line(&mut out, measure);
            }
            if out.len() == block_start {
                // An empty block, as the layout writes it: `{}` on the activity's line.
                out.pop();
            }
            out.push_str("}\n");
        }
        if !activities.labels.is_empty() {
            emit(out)?;
        }
        Ok(())
    }

    /// `data NAMES [about GROUPS] as CLASS when "..."` for each use of the activity's data that gives
    /// it another class; the categories are listed as their `data` statement lists them, with the
    /// same `about` (a statement without it would make them about every group). A class the
    /// language cannot say so, or data the activity does not list, stay comments.
    fn uses(
        &mut self,
        out: &mut String,
        activity: &ImportedActivity,
        data: &HashMap<&str, Name>,
        about_groups: &[(Vec<Name>, Vec<Name>)],
    ) {
        for by_use in &activity.uses {
            let names: Option<Vec<&Name>> =
                by_use.data.iter().map(|l| data.get(l.as_str())).collect();
            let stated = by_use.class == "criminal" && !by_use.when.trim().is_empty();
            let (Some(names), true) = (names, stated) else {
                self.comment(
                    out,
                    "  ",
                    &format!(
                        "{}: {} when used as stated: {}",
                        by_use.data.join(", "),
                        by_use.class,
                        by_use.when
                    ),
                );
                continue;
            };
            let when = string_body(&by_use.when);
            for (about, of_group) in about_groups {
                let listed: Vec<&str> = names
                    .iter()
                    .filter(|n| of_group.contains(n))
                    .map(|n| &***n)
                    .collect();
                if !listed.is_empty() {
                    activity_head(out, "data");
                    let _ = writeln!(
                        out,
                        "{}{} as criminal when \"{when}\"",
                        dedup_str(&listed).join(", "),
                        about_words(about)
                    );
                }
            }
        }
    }

    /// `copy NAMES kept by "holder" [PERIOD]` for each copy another holder keeps; a period not read
    /// stays a comment beside it.
    fn copies(
        &mut self,
        out: &mut String,
        activity: &ImportedActivity,
        data: &HashMap<&str, Name>,
    ) {
        for copy in &activity.copies {
            let names: Option<Vec<&str>> = copy
                .data
                .iter()
                .map(|l| data.get(l.as_str()).map(|name| &**name))
                .collect();
            let (Some(names), false) = (names, copy.holder.trim().is_empty()) else {
                self.comment(
                    out,
                    "  ",
                    &format!(
                        "copy of {} kept by {}: {}",
                        copy.data.join(", "),
                        copy.holder,
                        copy.period.as_deref().unwrap_or_default()
                    ),
                );
                continue;
            };
            let period = match nonempty(&copy.period).map(|p| (p, retention_text::read(p))) {
                // `archive` alone is no period of a copy: `copy` takes `for ...` or `until ...`.
                Some((_, Read::Deadline(d)))
                    if d.categories.is_empty() && d.period != "archive" =>
                {
                    format!(" {}", d.period)
                }
                None | Some((_, Read::NotStated)) => String::new(),
                Some((text, _)) => {
                    self.comment(
                        out,
                        "  ",
                        &format!("period of the copy kept by {}: {text}", copy.holder),
                    );
                    String::new()
                }
            };
            activity_head(out, "copy");
            let _ = writeln!(
                out,
                "{} kept by \"{}\"{period}",
                dedup_str(&names).join(", "),
                string_body(&copy.holder)
            );
        }
    }

    /// `basis ...` of the citations read; the pieces not read as comments.
    fn bases(&mut self, out: &mut String, texts: &[String]) {
        let mut all = Vec::new();
        for text in texts {
            let bases = self.read_bases(text);
            for unread in &bases.unread {
                self.comment_of(out, "  ", &["basis: ", unread]);
            }
            if bases.citations.is_empty() {
                continue;
            }
            match bases.some_cases {
                Some(cases) => {
                    activity_head(out, "basis");
                    let _ = write!(out, "{} in some cases", bases.citations.join(", "));
                    if let Some(cases) = cases {
                        let _ = write!(out, " \"{}\"", string_body(&cases));
                    }
                    out.push('\n');
                }
                None => all.extend(bases.citations),
            }
        }
        if !all.is_empty() {
            activity_head(out, "basis");
            push_list_line(out, &dedup(all));
        }
    }

    fn retention(&mut self, out: &mut String, text: &str, data: &HashMap<&str, Name>) {
        for line in deadline_lines(text) {
            match &*self.read_deadline(line) {
                Read::Deadline(deadline) => {
                    let targets: Option<Vec<Name>> = if deadline.categories.is_empty() {
                        Some(vec![Name::from("all")])
                    } else {
                        deadline
                            .categories
                            .iter()
                            .map(|l| data.get(l.as_str()).cloned())
                            .collect()
                    };
                    match targets {
                        Some(targets) => {
                            activity_head(out, "retain");
                            push_list(out, &targets);
                            out.push(' ');
                            out.push_str(&deadline.period);
                            out.push('\n');
                        }
                        None => self.comment_of(out, "  ", &["retention: ", line]),
                    }
                }
                Read::NotStated => {}
                Read::Unread => self.comment_of(out, "  ", &["retention: ", line]),
            }
        }
    }

    /// `retain NAMES ...` of a deadline the source gives some categories; a comment when not read.
    fn category_retention(&mut self, out: &mut String, text: &str, names: &str) {
        match &*self.read_deadline(text) {
            Read::Deadline(deadline) if deadline.categories.is_empty() => {
                activity_head(out, "retain");
                out.push_str(names);
                out.push(' ');
                out.push_str(&deadline.period);
                out.push('\n');
            }
            Read::NotStated => {}
            _ => self.comment_of(out, "  ", &["retention of ", names, ": ", text]),
        }
    }

    fn subject(&mut self, label: &str, kind: Option<&str>) -> Name {
        let (name, new) = self.names.once(&mut self.subject_names, label);
        if new {
            self.subjects
                .push((name.clone(), label.to_string(), kind.map(str::to_string)));
        }
        name
    }

    fn data(&mut self, label: &str, class: Option<&str>) -> Name {
        let (name, new) = self.names.once(&mut self.data_names, label);
        if new {
            self.data.push(DataDecl {
                name: name.clone(),
                label: label.to_string(),
                class: class.map(str::to_string),
            });
        }
        name
    }

    fn source(&mut self, label: &str) -> Name {
        let (name, new) = self.names.once(&mut self.source_names, label);
        if new {
            self.sources.push((name.clone(), label.to_string()));
        }
        name
    }

    fn processor_name(&mut self, label: &str) -> Name {
        self.names.once(&mut self.processor_names, label).0
    }

    fn recipient_name(&mut self, label: &str) -> Name {
        self.names.once(&mut self.recipient_names, label).0
    }

    /// Subjects, data, sources, processors and recipients, each declared once.
    fn declarations(&mut self, register: &Register) -> String {
        let mut out = String::new();
        for (name, label, kind) in std::mem::take(&mut self.subjects) {
            let kind = match kind.as_deref().and_then(SubjectKind::from_keyword) {
                Some(kind) => kind,
                None => {
                    let (kind, why) = subject_kind(&label);
                    self.comment(&mut out, "", &why);
                    kind
                }
            };
            let _ = writeln!(
                out,
                "subjects {name} \"{}\" {}",
                string_body(&label),
                kind.keyword()
            );
        }
        for decl in std::mem::take(&mut self.data) {
            let class = match decl.class.as_deref().filter(|c| is_class(c)) {
                Some(class) => class.to_string(),
                None => {
                    if let Some(given) = &decl.class {
                        self.comment(&mut out, "", &format!("class: {given}"));
                    }
                    let (class, why) = class_from_words(&decl.label);
                    self.comment(&mut out, "", &why);
                    class
                }
            };
            let _ = writeln!(
                out,
                "data {} \"{}\" {class}",
                decl.name,
                string_body(&decl.label)
            );
        }
        for (name, label) in std::mem::take(&mut self.sources) {
            let given = self
                .source_kinds
                .get(&label)
                .and_then(|k| SourceKind::from_keyword(k));
            let (kind, why) = match given {
                Some(kind) => (kind, None),
                None => source_kind(&label),
            };
            if let Some(why) = why {
                self.comment(&mut out, "", &why);
            }
            let _ = writeln!(
                out,
                "source {name} \"{}\" {}",
                string_body(&label),
                kind.keyword()
            );
        }
        let mut processors: Vec<ImportedParty> = register.processors.clone();
        let declared: HashSet<String> = processors.iter().map(|p| p.label.clone()).collect();
        for label in self.processor_names.keys() {
            if !declared.contains(label) {
                processors.push(ImportedParty {
                    label: label.clone(),
                    ..ImportedParty::default()
                });
            }
        }
        processors.sort_by_key(|p| self.processor_names.get(&p.label).cloned());
        // A sub-processor is written in the block of the processor that engaged it; one whose
        // processor is not in the register, or that would engage itself, is written on its own.
        let labels: HashSet<&str> = processors.iter().map(|p| p.label.as_str()).collect();
        let has_parent = |p: &ImportedParty| {
            p.subprocessor_of
                .as_deref()
                .is_some_and(|parent| parent != p.label && labels.contains(parent))
        };
        let mut written = HashSet::default();
        for party in &processors {
            if !has_parent(party) {
                out.push('\n');
                self.processor(&mut out, party, &processors, &mut written, "processor");
            }
        }
        // Those in a cycle of sub-processors, each on its own.
        for party in &processors {
            if !written.contains(&party.label) {
                out.push('\n');
                self.processor(&mut out, party, &processors, &mut written, "processor");
            }
        }
        let mut recipients: Vec<ImportedParty> = register.recipients.clone();
        let declared: HashSet<String> = recipients.iter().map(|p| p.label.clone()).collect();
        for label in self.recipient_names.keys() {
            if !declared.contains(label) {
                recipients.push(ImportedParty {
                    label: label.clone(),
                    ..ImportedParty::default()
                });
            }
        }
        recipients.sort_by_key(|p| self.recipient_names.get(&p.label).cloned());
        for party in &recipients {
            let name = self.recipient_names[&party.label].clone();
            out.push('\n');
            self.unplaced(&mut out, "", &party.unplaced);
            let kind = match party.kind.as_deref().and_then(RecipientKind::from_keyword) {
                Some(kind) => kind,
                None => {
                    let (kind, why) = recipient_kind(&party.label);
                    self.comment(&mut out, "", &why);
                    kind
                }
            };
            let has_block = party.country.is_some() || party.transfer.is_some();
            let _ = write!(
                out,
                "recipient {name} \"{}\" {}",
                string_body(&party.label),
                kind.keyword()
            );
            if has_block {
                out.push_str(" {\n");
                self.country(&mut out, party);
                self.transfer(&mut out, party);
                out.push_str("}\n");
            } else {
                out.push('\n');
            }
            self.contact_comments(&mut out, party);
        }
        out
    }

    /// `transfer scc`, when the source's words name a mechanism; else a comment.
    fn transfer(&mut self, out: &mut String, party: &ImportedParty) {
        if let Some(text) = nonempty(&party.transfer) {
            match mechanisms(text) {
                Some(m) => {
                    let _ = writeln!(out, "  transfer {m}");
                }
                None => self.comment(out, "  ", &format!("transfer: {text}")),
            }
        }
        if let Some(tia) = nonempty(&party.tia) {
            let _ = writeln!(out, "  tia \"{}\"", string_body(tia));
        }
        if let Some(checked) = nonempty(&party.dpf_listed) {
            let _ = writeln!(out, "  dpf_listed \"{}\"", string_body(checked));
        }
    }

    /// A processor's or recipient's address and contact have no statement: kept as comments.
    fn contact_comments(&mut self, out: &mut String, party: &ImportedParty) {
        if let Some(address) = nonempty(&party.address) {
            self.comment(out, "", &format!("address of {}: {address}", party.label));
        }
        if let Some(contact) = nonempty(&party.contact) {
            self.comment(out, "", &format!("contact of {}: {contact}", party.label));
        }
    }
}

fn nonempty(text: &Option<String>) -> Option<&str> {
    text.as_deref().map(str::trim).filter(|t| !t.is_empty())
}

/// ` about GROUPS` of a `data` statement; nothing for data about every group.
fn about_words(about: &[Name]) -> String {
    let mut words = String::new();
    push_about(&mut words, about);
    words
}

fn dedup_str<'a>(names: &[&'a str]) -> Vec<&'a str> {
    let mut seen = HashSet::default();
    names.iter().copied().filter(|n| seen.insert(*n)).collect()
}

/// `names` without repeats, in their order. A statement lists a few names, looked for in those
/// kept; a long list uses a set, so that it stays linear.
fn dedup<S: Eq + std::hash::Hash + Clone>(names: Vec<S>) -> Vec<S> {
    if names.len() <= 16 {
        let mut kept: Vec<S> = Vec::with_capacity(names.len());
        for name in names {
            if !kept.contains(&name) {
                kept.push(name);
            }
        }
        return kept;
    }
    let mut seen = HashSet::default();
    names
        .into_iter()
        .filter(|n| seen.insert(n.clone()))
        .collect()
}

/// The lines of a deadline's text, split at line breaks and `;`, the blank ones left out. Split
/// at the bytes (memchr), not by decoding every character: they are ASCII, never part of a longer
/// character.
fn deadline_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    let ends = memchr::memchr2_iter(b'\n', b';', text.as_bytes()).chain([text.len()]);
    ends.map(move |end| {
        let line = &text[start..end];
        start = end + 1;
        line
    })
    .filter(|l| !l.trim().is_empty())
}

/// `names` joined by `, `, pushed onto `out`.
fn push_list<S: AsRef<str>>(out: &mut String, names: &[S]) {
    for (i, name) in names.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(name.as_ref());
    }
}

/// [`push_list`] and the line's end.
fn push_list_line<S: AsRef<str>>(out: &mut String, names: &[S]) {
    push_list(out, names);
    out.push('\n');
}

/// [`about_words`] pushed onto `out`.
fn push_about(out: &mut String, about: &[Name]) {
    if !about.is_empty() {
        out.push_str(" about ");
        push_list(out, about);
    }
}

/// `text` as a quoted string of the spec language ([`string_body`]) pushed onto `out`.
fn push_string(out: &mut String, text: &str) {
    out.push('"');
    push_string_body(out, text);
    out.push('"');
}

/// [`push_string`] and the line's end.
fn push_string_line(out: &mut String, text: &str) {
    push_string(out, text);
    out.push('\n');
}

/// Text made safe for a comment: no line breaks, controls or characters a spec may not hold; runs
/// of white space made one space.
pub fn comment_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_comment_text(&mut out, text);
    out
}

/// [`comment_text`] of `text`, pushed onto `out`.
fn push_comment_text(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    if is_one_clean_line(bytes) {
        out.push_str(text);
        return;
    }
    let start = out.len();
    let mut word_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if !may_start_blank(bytes[i]) {
            i += 1;
            continue;
        }
        // An ASCII byte or a lead byte: a character starts here.
        let c = text[i..].chars().next().unwrap_or(' ');
        if is_blank(c) {
            push_word(out, start, &text[word_start..i]);
            word_start = i + c.len_utf8();
        }
        i += c.len_utf8();
    }
    push_word(out, start, &text[word_start..]);
}

/// A byte that may start a blank character ([`is_blank`]): any but ASCII's graphic characters, and
/// of the rest of UTF-8 the lead bytes of U+0080..U+00BF (0xC2) and of U+1000..U+3FFF
/// (0xE1..=0xE3), where all the blank characters beyond ASCII are. Continuation bytes
/// (0x80..=0xBF) are never any of these, so a text is scanned byte by byte and decoded only where
/// one of these stands.
fn may_start_blank(b: u8) -> bool {
    !(0x21..=0x7E).contains(&b) && (b < 0x80 || matches!(b, 0xC2 | 0xE1..=0xE3))
}

/// memchr's search for a double space, made once rather than at each text.
static DOUBLE_SPACE: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"  "));

/// Whether `comment_text` would give the text back as it is, as most texts of a register are:
/// no blank but single spaces between words. The blanks are tested on every byte without
/// branching, so that the compiler tests many bytes at once, and a double space is looked for with
/// memchr's search; a text this does not clear is scanned as above.
fn is_one_clean_line(bytes: &[u8]) -> bool {
    let others = bytes
        .iter()
        .fold(false, |seen, &b| seen | (b != b' ' && may_start_blank(b)));
    !others
        && bytes.first() != Some(&b' ')
        && bytes.last() != Some(&b' ')
        && DOUBLE_SPACE.find(bytes).is_none()
}

/// `word` after the words already in `out` since `start`, one space between; an empty word adds
/// nothing.
fn push_word(out: &mut String, start: usize, word: &str) {
    if word.is_empty() {
        return;
    }
    if out.len() > start {
        out.push(' ');
    }
    out.push_str(word);
}

/// A character a comment or a string turns into a space: white space, a control, a line or
/// paragraph separator, or a character no spec may hold. In ASCII that is every character but the
/// graphic ones, tested without decoding further.
fn is_blank(c: char) -> bool {
    if c.is_ascii() {
        return !c.is_ascii_graphic();
    }
    // A CR is a control, so whatever follows it does not matter here.
    c.is_whitespace() || c.is_control() || crate::syntax::controls::is_forbidden(c, None)
}

/// Text made safe inside a quoted string of the spec language: one line, `"` and `\` escaped.
pub fn string_body(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_string_body(&mut out, text);
    out
}

/// [`string_body`] of `text`, pushed onto `out`: cleaned onto it, then escaped there when it holds
/// a `"` or `\` (few texts do).
fn push_string_body(out: &mut String, text: &str) {
    let start = out.len();
    push_comment_text(out, text);
    if !out[start..].contains(['\\', '"']) {
        return;
    }
    let line = out.split_off(start);
    for c in line.chars() {
        if matches!(c, '\\' | '"') {
            out.push('\\');
        }
        out.push(c);
    }
}

/// Every keyword of the grammar (`kw_*` in grammar/hjemmel.pest), plus the words a name is compared
/// with in places (`all`, `special`): a name is never one of them (a test derives the list from the
/// grammar). Sorted, for a binary search.
pub const KEYWORDS: &[&str] = &[
    "about",
    "activity",
    "address",
    "after",
    "aged",
    "agreement",
    "all",
    "allow",
    "answers",
    "archive",
    "area",
    "arrangement",
    "as",
    "at",
    "authorised",
    "authority",
    "basis",
    "by",
    "cameras",
    "cases",
    "cctv",
    "collect",
    "compatibility",
    "contact",
    "contract",
    "control",
    "controller",
    "copy",
    "country",
    "covert",
    "data",
    "date",
    "disclose",
    "document",
    "dpf_listed",
    "dpia",
    "dpo",
    "email",
    "erasure",
    "essence",
    "every",
    "exception",
    "exempt",
    "for",
    "in",
    "interests",
    "international",
    "joint",
    "jointly",
    "justification",
    "kept",
    "kle",
    "large_scale",
    "law",
    "limit",
    "logic",
    "measure",
    "monitoring",
    "name",
    "notice",
    "notified",
    "online_service",
    "organisation",
    "parental_consent",
    "phone",
    "polcam",
    "preserve",
    "privacy",
    "processor",
    "providing",
    "public",
    "purpose",
    "recipient",
    "refused",
    "registered",
    "required",
    "retain",
    "review",
    "right",
    "safeguards",
    "security",
    "signs",
    "since",
    "some",
    "source",
    "sources",
    "special",
    "subjects",
    "subprocessor",
    "supervised",
    "supervision",
    "then",
    "tia",
    "to",
    "transfer",
    "under",
    "unit",
    "unnamed",
    "until",
    "version",
    "via",
    "voluntary",
    "web",
    "when",
    "with",
    "withdrawal",
];

/// A name of the spec language made from a label: ASCII (æ → ae, ø → oe, å → aa, other letters
/// folded to their base letter), lowercase, words joined by `_`, at most 40 characters, never a
/// keyword and never starting with a digit.
pub fn name_of(label: &str) -> String {
    let mut out = String::with_capacity(label.len());
    for c in label.chars() {
        // ASCII, most of a label, lowercased without Unicode's tables; a letter or digit is
        // pushed as it is, which is what push_name_char does with it.
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if c.is_ascii() {
            push_name_char(&mut out, c.to_ascii_lowercase());
        } else {
            for lower in c.to_lowercase() {
                push_name_char(&mut out, lower);
            }
        }
    }
    let mut name = out.trim_end_matches('_').to_string();
    if name.len() > 40 {
        // Cut at the last word boundary that keeps 40 characters, where there is one: the `_`
        // right after them too, so that a word ending at the 40th is kept.
        let cut = name[..=40].rfind('_').filter(|&i| i >= 10).unwrap_or(40);
        name.truncate(cut);
    }
    if name.is_empty() {
        name.push_str("unnamed_item");
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert_str(0, "n_");
    }
    if KEYWORDS.binary_search(&name.as_str()).is_ok() {
        name.push('_');
    }
    name
}

/// A lowercase character of a label as [`name_of`] writes it: a letter or digit, a folded letter
/// (`æ` → `ae`), or one `_` for a run of anything else.
fn push_name_char(out: &mut String, c: char) {
    let folded: &str = match c {
        'æ' => "ae",
        'ø' => "oe",
        'å' => "aa",
        'ä' => "ae",
        'ö' => "oe",
        'ü' => "ue",
        'ß' => "ss",
        'à' | 'á' | 'â' | 'ã' => "a",
        'ç' => "c",
        'è' | 'é' | 'ê' | 'ë' => "e",
        'ì' | 'í' | 'î' | 'ï' => "i",
        'ñ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' => "o",
        'ù' | 'ú' | 'û' => "u",
        'ý' | 'ÿ' => "y",
        c if c.is_ascii_alphanumeric() => {
            out.push(c);
            return;
        }
        _ => "_",
    };
    if folded == "_" {
        if !out.is_empty() && !out.ends_with('_') {
            out.push('_');
        }
    } else {
        out.push_str(folded);
    }
}

/// `27.15.00`, `27.15`, `27`: two digits, then up to two groups of `.` and two digits.
fn is_kle(text: &str) -> bool {
    let groups: Vec<&str> = text.split('.').collect();
    groups.len() <= 3
        && groups
            .iter()
            .all(|g| g.len() == 2 && g.bytes().all(|b| b.is_ascii_digit()))
}

/// Whether `class` is a class of the spec language: `ordinary`, `cpr`, `special(health, ...)`.
fn is_class(class: &str) -> bool {
    if let Some(kinds) = class
        .strip_prefix("special(")
        .and_then(|k| k.strip_suffix(')'))
    {
        return kinds
            .split(',')
            .all(|k| SpecialKind::from_keyword(k.trim()).is_some());
    }
    DataClass::from_keyword(class).is_some_and(|c| c != DataClass::Special)
}

/// The class a label's words give by a documented table, with the comment that says so; `ordinary`
/// with a comment that the class was not stated when no table does.
pub fn class_from_words(label: &str) -> (String, String) {
    if let Some(word) = crate::rules::health_data_class::certain_health_word(label) {
        return (
            "special(health)".to_string(),
            format!(
                "class not stated: `special(health)` from the word \"{word}\" (src/law/data/health_words.toml); check"
            ),
        );
    }
    if let Some((class, word)) = crate::law::class_words::class_of(label) {
        return (
            class.keyword().to_string(),
            format!(
                "class not stated: `{}` from the word \"{word}\" (src/law/data/class_words.toml); check",
                class.keyword()
            ),
        );
    }
    (
        "ordinary".to_string(),
        "class not stated in the source: `ordinary` until checked".to_string(),
    )
}

/// Lowercase words of `label`.
fn words(label: &str) -> Vec<String> {
    label
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

fn any_word_starts(label: &str, stems: &[&str]) -> bool {
    words(label)
        .iter()
        .any(|w| stems.iter().any(|s| w.starts_with(s)))
}

/// The kind of a group of subjects from its label's words (children, employees, citizens), with the
/// comment that says where it came from; `other` when no word tells.
fn subject_kind(label: &str) -> (SubjectKind, String) {
    const TABLE: &[(SubjectKind, &[&str])] = &[
        (
            SubjectKind::Children,
            &["barn", "børn", "elev", "child", "pupil", "spædbørn"],
        ),
        (
            SubjectKind::Employees,
            &[
                "medarbejder",
                "ansat",
                "ansatte",
                "employee",
                "personale",
                "staff",
            ],
        ),
        (
            SubjectKind::Citizens,
            &["borger", "citizen", "beboer", "resident"],
        ),
    ];
    for (kind, stems) in TABLE {
        if any_word_starts(label, stems) {
            return (
                *kind,
                format!(
                    "kind of `{label}` not stated: `{}` from its words; check",
                    kind.keyword()
                ),
            );
        }
    }
    (
        SubjectKind::Other,
        format!("kind of `{label}` not stated in the source: `other` until checked"),
    )
}

/// The kind of a recipient from its label's words, with the comment that says so.
fn recipient_kind(label: &str) -> (RecipientKind, String) {
    const TABLE: &[(RecipientKind, &[&str])] = &[
        (RecipientKind::Tax, &["skat", "tax"]),
        (
            RecipientKind::Police,
            &["politi", "police", "anklagemyndighed"],
        ),
        (
            RecipientKind::Authority,
            &[
                "kommune",
                "region",
                "styrelse",
                "myndighed",
                "ministeri",
                "authority",
                "agency",
                "nævn",
                "tilsyn",
                "domstol",
                "udbetaling",
                "retten",
                "council",
            ],
        ),
    ];
    for (kind, stems) in TABLE {
        if any_word_starts(label, stems) {
            return (
                *kind,
                format!(
                    "kind of recipient `{label}` not stated: `{}` from its words; check",
                    kind.keyword()
                ),
            );
        }
    }
    (
        RecipientKind::Organisation,
        format!(
            "kind of recipient `{label}` not stated in the source: `organisation` until checked"
        ),
    )
}

/// The kind of a source from its label's words, with a comment when the words did not tell.
fn source_kind(label: &str) -> (SourceKind, Option<String>) {
    let lower = label.trim().to_lowercase();
    if matches!(
        lower.as_str(),
        "borgeren" | "den registrerede" | "data subject" | "the data subject" | "borgeren selv"
    ) {
        return (SourceKind::DataSubject, None);
    }
    const TABLE: &[(SourceKind, &[&str])] = &[
        (SourceKind::Register, &["register", "cpr"]),
        (
            SourceKind::Authority,
            &[
                "kommune",
                "region",
                "styrelse",
                "myndighed",
                "authority",
                "skat",
                "politi",
            ],
        ),
        (
            SourceKind::Staff,
            &["medarbejder", "ansatte", "staff", "employee"],
        ),
        (
            SourceKind::OtherCitizens,
            &["borgere", "pårørende", "relatives"],
        ),
    ];
    for (kind, stems) in TABLE {
        if any_word_starts(label, stems) {
            return (
                *kind,
                Some(format!(
                    "kind of source `{label}` not stated: `{}` from its words; check",
                    kind.keyword()
                )),
            );
        }
    }
    (
        SourceKind::Organisation,
        Some(format!(
            "kind of source `{label}` not stated in the source: `organisation` until checked"
        )),
    )
}

/// A country code the tool knows, from a code ("DK") or a name in English or Danish ("Danmark").
fn country_code(text: &str) -> Option<String> {
    let countries = crate::law::countries::countries();
    let upper = text.trim().to_uppercase();
    if countries.get(&upper).is_some() {
        return Some(upper);
    }
    let lower = text.trim().to_lowercase();
    countries
        .all()
        .find(|c| c.name.to_lowercase() == lower || c.name_da.to_lowercase() == lower)
        .map(|c| c.code.clone())
}

/// A transfer mechanism from the source's words ("SCC", "standardkontraktbestemmelser", "BCR").
/// The mechanisms the source's words name, in the order it names them: `dpf | scc`.
fn mechanisms(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    let mut found: Vec<(usize, &str)> = MECHANISM_WORDS
        .iter()
        .filter_map(|(m, words)| {
            let at = words.iter().filter_map(|w| lower.find(w)).min()?;
            Some((at, *m))
        })
        .collect();
    found.sort();
    let names: Vec<&str> = found.into_iter().map(|(_, m)| m).collect();
    (!names.is_empty()).then(|| names.join(" | "))
}

/// Each mechanism's keyword and the words that name it.
const MECHANISM_WORDS: &[(&str, &[&str])] = &[
    ("scc", &["scc", "standardkontrakt", "standard contractual"]),
    (
        "bcr",
        &["bcr", "binding corporate", "bindende virksomhedsregler"],
    ),
    ("dpf", &["dpf", "data privacy framework"]),
    ("adequacy", &["adequacy", "tilstrækkeligheds"]),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_from_labels() {
        assert_eq!(
            name_of("Sagsbehandling af børnesager"),
            "sagsbehandling_af_boernesager"
        );
        assert_eq!(name_of("Økonomi & HR"), "oekonomi_hr");
        assert_eq!(name_of("Café Ünsal"), "cafe_uensal");
        assert_eq!(name_of("data"), "data_");
        assert_eq!(name_of("2024 sager"), "n_2024_sager");
        assert_eq!(name_of("!!!"), "unnamed_item");
        assert!(name_of(&"langt ord ".repeat(20)).len() <= 40);
    }

    #[test]
    fn long_labels_are_cut_at_the_last_word_that_fits() {
        // Randers' labels: the words that fit, none cut in two.
        for (label, name) in [
            (
                "Cpr. nr. fundet ved scanning af drev og mailkonto",
                "cpr_nr_fundet_ved_scanning_af_drev_og",
            ),
            (
                "Hvor og hvornår du har anvendt nøglekortet",
                "hvor_og_hvornaar_du_har_anvendt",
            ),
            // A word that ends at the 40th character is kept.
            (
                "Registrering af medarbejderes arbejdstid og fravær",
                "registrering_af_medarbejderes_arbejdstid",
            ),
            // One word longer than 40: cut at 40, as there is no word boundary.
            (
                "Databeskyttelsesforordningsoverholdelsesdokumentation",
                "databeskyttelsesforordningsoverholdelses",
            ),
        ] {
            assert_eq!(name_of(label), name, "{label}");
            assert!(name.len() <= 40);
        }
    }

    #[test]
    fn keywords_are_the_grammars() {
        // Sorted: `name_of` looks a name up by binary search.
        assert!(KEYWORDS.is_sorted());
        let grammar = include_str!("../../grammar/hjemmel.pest");
        for line in grammar.lines() {
            let Some(rest) = line.trim_start().strip_prefix("kw_") else {
                continue;
            };
            let Some(word) = rest.split('"').nth(1) else {
                continue;
            };
            assert!(
                KEYWORDS.contains(&word),
                "`{word}` is a keyword of the grammar"
            );
        }
    }

    #[test]
    fn comments_hold_one_clean_line() {
        assert_eq!(comment_text("a\nb\r\n\u{202E}c\u{7}d"), "a b c d");
        assert_eq!(string_body("say \"hi\"\\"), "say \\\"hi\\\"\\\\");
    }

    /// The byte scan decodes only where a blank character may start: every character, between two
    /// letters, comes out as the character-by-character definition says.
    #[test]
    fn every_blank_character_and_no_other_becomes_one_space() {
        let mut text = String::new();
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            text.clear();
            text.push('a');
            text.push(c);
            text.push('b');
            let blank = c.is_whitespace()
                || c.is_control()
                || crate::syntax::controls::is_forbidden(c, None);
            let expected = if blank {
                "a b".to_string()
            } else {
                text.clone()
            };
            assert_eq!(comment_text(&text), expected, "U+{:04X}", c as u32);
        }
        assert_eq!(comment_text(" \u{3000}x\u{a0}\u{a0}y\u{2029} "), "x y");
        assert_eq!(comment_text("\u{85}\t\r\n"), "");
        assert_eq!(
            comment_text("Databeskyttelsesrådgiver – § 6"),
            "Databeskyttelsesrådgiver – § 6"
        );
    }

    #[test]
    fn classes_from_documented_words_only() {
        assert_eq!(class_from_words("Helbredsoplysninger").0, "special(health)");
        assert_eq!(class_from_words("Cpr-nummer").0, "cpr");
        assert_eq!(class_from_words("Straffedomme").0, "criminal");
        let (class, why) = class_from_words("Navn og adresse");
        assert_eq!(class, "ordinary");
        assert!(why.contains("not stated"));
    }

    #[test]
    fn kle_numbers_and_data_about_some_subjects_as_text() {
        // Until the language has `kle` and `about` (package lang15), the text is tested, not parsed.
        use crate::import::register::{ImportedActivity, ImportedData, ImportedSubjects};
        let register = Register {
            activities: vec![ImportedActivity {
                label: "Børnesager".into(),
                kle: vec!["27.15.00".into(), "27.15.01".into(), "27.15.00.G01".into()],
                subjects: vec![
                    ImportedSubjects {
                        label: "Børn".into(),
                        kind: Some("children".into()),
                    },
                    ImportedSubjects {
                        label: "Forældre".into(),
                        kind: None,
                    },
                ],
                data: vec![
                    ImportedData {
                        label: "Helbred".into(),
                        class: Some("special(health)".into()),
                        about: vec!["Børn".into()],
                        retention: None,
                    },
                    ImportedData {
                        label: "Navn".into(),
                        class: None,
                        about: vec![],
                        retention: None,
                    },
                ],
                ..ImportedActivity::default()
            }],
            ..Register::default()
        };
        let written = write(&register).expect("a spec");
        let activities = &written
            .files
            .iter()
            .find(|(name, _)| name == ACTIVITIES)
            .unwrap()
            .1
            .concat();
        assert!(
            activities.contains("  kle      27.15.00, 27.15.01\n"),
            "{activities}"
        );
        assert!(activities.contains("// KLE: 27.15.00.G01"), "{activities}");
        assert!(
            activities.contains("  data     helbred about boern\n"),
            "{activities}"
        );
        assert!(activities.contains("  data     navn\n"), "{activities}");
    }

    #[test]
    fn hostile_labels_and_values_give_a_spec_that_parses() {
        use crate::import::register::{
            ImportedActivity, ImportedCopy, ImportedData, ImportedDisclosure, ImportedUse,
        };
        let hostile = "a \"quoted\" \\ back}slash\n// not a comment\r\u{202E}rtl\u{0}nul { } data";
        let register = Register {
            source: hostile.into(),
            controller: Some(ImportedParty {
                label: hostile.into(),
                address: Some(hostile.into()),
                ..ImportedParty::default()
            }),
            activities: vec![ImportedActivity {
                label: hostile.into(),
                purposes: vec![hostile.into()],
                data: vec![ImportedData {
                    label: hostile.into(),
                    class: Some(hostile.into()),
                    about: vec![],
                    retention: None,
                }],
                bases: vec![hostile.into()],
                retention: Some(format!("until {hostile}")),
                disclosures: vec![ImportedDisclosure {
                    recipient: hostile.into(),
                    data: vec![hostile.into()],
                    basis: vec![hostile.into()],
                    condition: Some(hostile.into()),
                }],
                uses: vec![ImportedUse {
                    data: vec![hostile.into()],
                    class: "criminal".into(),
                    when: hostile.into(),
                }],
                copies: vec![ImportedCopy {
                    data: vec![hostile.into()],
                    holder: hostile.into(),
                    period: Some(format!("until {hostile}")),
                }],
                unplaced: vec![Unplaced {
                    field: hostile.into(),
                    value: hostile.into(),
                }],
                ..ImportedActivity::default()
            }],
            ..Register::default()
        };
        let written = write(&register).expect("the spec written parses");
        for (_, pieces) in &written.files {
            let text = &pieces.concat();
            assert!(
                !text.contains('\u{202E}') && !text.contains('\u{0}'),
                "{text}"
            );
            assert_eq!(crate::fmt::format(text).as_ref(), Ok(text), "in the layout");
        }
    }

    /// The activities are written in `hjemmel fmt`'s layout, not laid out again: an activity with
    /// nothing stated (`{}`), one with comments alone, and one with every statement come back
    /// unchanged from the formatter.
    #[test]
    fn activities_are_written_in_the_layout() {
        use crate::import::register::ImportedActivity;
        let stated = ImportedActivity {
            label: "Løn".into(),
            unit: Some("HR".into()),
            purposes: vec!["Udbetaling af løn".into()],
            kle: vec!["81.00".into(), "x".into()],
            bases: vec!["art. 6, stk. 1, litra c".into(), "sundt fornuft".into()],
            retention: Some("5 år efter fratrædelse".into()),
            security: vec!["Adgangsstyring".into()],
            ..ImportedActivity::default()
        };
        let register = Register {
            activities: vec![
                ImportedActivity {
                    label: "Tom".into(),
                    ..ImportedActivity::default()
                },
                ImportedActivity {
                    label: "Kun kommentarer".into(),
                    kle: vec!["ikke et nummer".into()],
                    ..ImportedActivity::default()
                },
                stated,
            ],
            ..Register::default()
        };
        // The activities as the writer wrote them: checked by the parse, not laid out again.
        let written = write(&register).expect("a spec");
        let (_, pieces) = written
            .files
            .iter()
            .find(|(name, _)| name == ACTIVITIES)
            .expect("the activities written");
        let text = &pieces.concat();
        assert!(text.contains("activity tom \"Tom\" {}\n"), "{text}");
        assert!(
            text.contains("\n  purpose  \"Udbetaling af løn\"\n"),
            "{text}"
        );
        assert!(text.contains("\n  // KLE: ikke et nummer\n"), "{text}");
        assert_eq!(crate::fmt::format(text).as_ref(), Ok(text));
        // What a debug build checks of each piece: a writer's fault that is no spec is refused.
        assert!(crate::fmt::parse_errors(text).is_ok());
        let unclosed = &text[..text.rfind('}').expect("a block")];
        assert!(crate::fmt::parse_errors(unclosed).is_err());
    }

    #[test]
    fn uses_and_copies_as_statements_or_comments() {
        use crate::import::register::{ImportedActivity, ImportedCopy, ImportedData, ImportedUse};
        let data = |label: &str| ImportedData {
            label: label.into(),
            class: Some("ordinary".into()),
            about: vec![],
            retention: None,
        };
        let copy = |data: &str, holder: &str, period: Option<&str>| ImportedCopy {
            data: vec![data.into()],
            holder: holder.into(),
            period: period.map(Into::into),
        };
        let register = Register {
            activities: vec![ImportedActivity {
                label: "Logning".into(),
                data: vec![data("Log"), data("Mails")],
                uses: vec![
                    ImportedUse {
                        data: vec!["Log".into(), "Mails".into()],
                        class: "criminal".into(),
                        when: "ved mistanke".into(),
                    },
                    // The language says no other class of a use; data the activity does not list.
                    ImportedUse {
                        data: vec!["Log".into()],
                        class: "cpr".into(),
                        when: "altid".into(),
                    },
                    ImportedUse {
                        data: vec!["Ukendt".into()],
                        class: "criminal".into(),
                        when: "aldrig".into(),
                    },
                ],
                copies: vec![
                    copy("Log", "brugeren", Some("30 dage")),
                    copy("Mails", "lederen", None),
                    copy("Log", "arkivet", Some("arkiveres")),
                    copy("Log", "nogen", Some("når det passer")),
                    copy("Ukendt", "brugeren", Some("30 dage")),
                ],
                ..ImportedActivity::default()
            }],
            ..Register::default()
        };
        let written = write(&register).expect("the spec written parses");
        let activities = &written
            .files
            .iter()
            .find(|(n, _)| n == "activities.hjemmel")
            .unwrap()
            .1
            .concat();
        let has = |line: &str| {
            activities
                .lines()
                .any(|l| l.split_whitespace().eq(line.split_whitespace()))
        };
        assert!(
            has("data log, mails as criminal when \"ved mistanke\""),
            "{activities}"
        );
        assert!(
            has("// Log: cpr when used as stated: altid"),
            "{activities}"
        );
        assert!(
            has("// Ukendt: criminal when used as stated: aldrig"),
            "{activities}"
        );
        assert!(
            has("copy log kept by \"brugeren\" for 30 days"),
            "{activities}"
        );
        assert!(has("copy mails kept by \"lederen\""), "{activities}");
        // `archive` alone, and a period not read: the copy without it, the period a comment.
        assert!(has("copy log kept by \"arkivet\""), "{activities}");
        assert!(
            has("// period of the copy kept by arkivet: arkiveres"),
            "{activities}"
        );
        assert!(has("copy log kept by \"nogen\""), "{activities}");
        assert!(
            has("// period of the copy kept by nogen: når det passer"),
            "{activities}"
        );
        assert!(
            has("// copy of Ukendt kept by brugeren: 30 dage"),
            "{activities}"
        );
        let statements = |keyword: &str| {
            activities
                .lines()
                .filter(|l| l.trim_start().starts_with(keyword))
                .count()
        };
        assert_eq!(statements("data "), 2, "{activities}");
        assert_eq!(statements("copy "), 4, "{activities}");
    }

    #[test]
    fn kle_numbers() {
        assert!(is_kle("27.15.00"));
        assert!(is_kle("27"));
        assert!(!is_kle("27.15.00.G01"));
        assert!(!is_kle("2715"));
    }
}
