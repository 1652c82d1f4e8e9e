//! `hjemmel ropa --format json`: the record as one JSON document. The keys are fixed English words,
//! whatever `--lang` is, so that programs can read them; the values are the spec's texts and, where
//! the record words the language's vocabulary (data classes, mechanisms, periods), words in the
//! record's language. A field the spec does not give is `null`, and its key is listed in `missing`.
//!
//! The document is written by hand with [`JsonWriter`] (serde_json's own writing was most of the
//! command's time), field by field in the order of the `Serialize` types of [`super`], which stay
//! the definition of the schema: the tests compare the bytes with [`write_with_serde`]'s.

use std::io::{self, Write};

use super::{
    ActivityRecord, ControllerRecord, DataEntry, Entries, JointControllerRecord, ProcessorEntry,
    RecipientEntry, Record, RetentionEntry, SubjectData, TransferEntry,
};
use crate::i18n::Lang;
use crate::json_writer::JsonWriter;
use crate::law::countries::CountryRef;

/// Raised when a key is removed or changes meaning; adding keys does not raise it.
pub const SCHEMA_VERSION: u32 = 1;

/// The record as pretty-printed JSON, ending in a newline.
pub fn render(record: &Record) -> String {
    super::in_memory(|out| {
        write(
            record.lang,
            &record.controller,
            record.activities.iter(),
            out,
        )
    })
}

/// The document of [`render`], written to `out` as it is made: the record of 100,000 activities is
/// some 270 MB of JSON, which need not be held in memory on its way out, nor need the entries of
/// its activities when they come from [`super::Activities`].
pub fn write<'m>(
    lang: Lang,
    controller: &ControllerRecord,
    mut activities: impl Entries<'m>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut out = out;
    let mut w = JsonWriter::new(&mut out);
    w.begin_object();
    w.document_header(SCHEMA_VERSION);
    w.key("lang");
    w.string(lang.code());
    w.key("controller");
    write_controller(&mut w, controller);
    w.key("activities");
    w.begin_array();
    while let Some(activity) = activities.next_entry() {
        w.element();
        write_activity(&mut w, activity);
        w.flush_some()?;
    }
    w.end_array();
    w.end_object();
    w.raw(b"\n");
    w.finish()
}

/// A country as the spec words it: an ISO code, `outside_eea` or `unknown` (`country_word` of
/// [`super`] for serde).
fn country_word(country: Option<&CountryRef>) -> Option<&str> {
    match country? {
        CountryRef::Code(code) | CountryRef::Organisation(code) => Some(code),
        CountryRef::OutsideEea => Some("outside_eea"),
        CountryRef::Unknown => Some("unknown"),
    }
}

/// A list of texts, or `null`.
fn optional_strings<W: Write, S: AsRef<str>>(w: &mut JsonWriter<W>, list: Option<&[S]>) {
    match list {
        Some(list) => w.strings(list.iter().map(S::as_ref)),
        None => w.null(),
    }
}

/// A list of entries written by `each`, or `null`.
fn optional_list<W: Write, T>(
    w: &mut JsonWriter<W>,
    list: Option<&[T]>,
    each: impl Fn(&mut JsonWriter<W>, &T),
) {
    match list {
        Some(list) => list_of(w, list, each),
        None => w.null(),
    }
}

fn list_of<W: Write, T>(w: &mut JsonWriter<W>, list: &[T], each: impl Fn(&mut JsonWriter<W>, &T)) {
    w.begin_array();
    for item in list {
        w.element();
        each(w, item);
    }
    w.end_array();
}

fn write_controller<W: Write>(w: &mut JsonWriter<W>, c: &ControllerRecord) {
    w.begin_object();
    w.key("name");
    w.string(&c.name);
    w.key("address");
    w.optional_string(c.address.as_deref());
    w.key("contact");
    w.optional_string(c.contact.as_deref());
    w.key("country");
    w.optional_string(country_word(c.country.as_ref()));
    w.key("dpo");
    match &c.dpo {
        Some(dpo) => {
            w.begin_object();
            w.key("name");
            w.optional_string(dpo.name.as_deref());
            w.key("email");
            w.optional_string(dpo.email.as_deref());
            w.key("phone");
            w.optional_string(dpo.phone.as_deref());
            w.key("address");
            w.optional_string(dpo.address.as_deref());
            w.key("web");
            w.optional_string(dpo.web.as_deref());
            w.end_object();
        }
        None => w.null(),
    }
    if !c.joint_controllers.is_empty() {
        w.key("joint_controllers");
        list_of(w, &c.joint_controllers, write_joint_controller);
    }
    w.key("missing");
    w.strings(c.missing.iter().copied());
    w.end_object();
}

fn write_joint_controller<W: Write>(w: &mut JsonWriter<W>, j: &JointControllerRecord) {
    w.begin_object();
    w.key("name");
    w.string(&j.name);
    w.key("address");
    w.optional_string(j.address.as_deref());
    w.key("contact");
    w.optional_string(j.contact.as_deref());
    w.key("country");
    w.optional_string(country_word(j.country.as_ref()));
    w.key("arrangement");
    w.optional_string(j.arrangement.as_deref());
    w.key("answers");
    w.optional_string(j.answers.as_deref());
    w.key("essence");
    w.optional_string(j.essence.as_deref());
    w.key("activities");
    w.strings(j.activities.iter().map(String::as_str));
    w.end_object();
}

fn write_activity<W: Write>(w: &mut JsonWriter<W>, a: &ActivityRecord) {
    w.begin_object();
    w.key("name");
    w.string(a.name);
    w.key("label");
    w.string(a.label);
    if let Some(unit) = &a.unit {
        w.key("unit");
        w.string(unit);
    }
    if !a.kle.is_empty() {
        w.key("kle");
        w.strings(a.kle.iter().map(String::as_str));
    }
    w.key("purposes");
    optional_strings(w, a.purposes.as_deref());
    w.key("legal_bases");
    optional_strings(w, a.legal_bases.as_deref());
    w.key("data_subjects");
    optional_strings(w, a.data_subjects.as_deref());
    w.key("personal_data");
    optional_list(w, a.personal_data.as_deref(), |w, d| write_data(w, d));
    if !a.data_by_subjects.is_empty() {
        w.key("data_by_subjects");
        list_of(w, &a.data_by_subjects, write_subject_data);
    }
    w.key("recipients");
    optional_list(w, a.recipients.as_deref(), write_recipient);
    w.key("processors");
    optional_list(w, a.processors.as_deref(), |w, p| write_processor(w, p));
    if !a.joint_controllers.is_empty() {
        w.key("joint_controllers");
        w.strings(a.joint_controllers.iter().copied());
    }
    w.key("transfers");
    list_of(w, &a.transfers, |w, t| write_transfer(w, t));
    w.key("retention");
    optional_list(w, a.retention.as_deref(), write_retention);
    w.key("security");
    optional_strings(w, a.security.as_deref());
    if let Some(collection) = &a.collection {
        w.key("collection");
        w.strings(collection.iter().map(String::as_str));
    }
    w.key("missing");
    w.strings(a.missing.iter().copied());
    w.end_object();
}

fn write_data<W: Write>(w: &mut JsonWriter<W>, d: &DataEntry) {
    w.begin_object();
    w.key("label");
    w.string(&d.label);
    w.key("class");
    w.string(d.class.keyword());
    if !d.special.is_empty() {
        w.key("special");
        w.strings(d.special.iter().map(|kind| kind.keyword()));
    }
    w.key("description");
    w.string(&d.description);
    if let Some(when) = &d.criminal_when {
        w.key("criminal_when");
        w.string(when);
    }
    w.end_object();
}

fn write_recipient<W: Write>(w: &mut JsonWriter<W>, r: &RecipientEntry) {
    w.begin_object();
    w.key("label");
    w.string(r.label);
    w.key("kind");
    w.string(r.kind.keyword());
    w.key("description");
    w.string(r.description);
    w.key("country");
    w.optional_string(country_word(r.country));
    w.key("third_country");
    w.bool(r.third_country);
    if !r.via.is_empty() {
        w.key("via");
        w.strings(r.via.iter().copied());
    }
    if !r.receives.is_empty() {
        w.key("receives");
        list_of(w, &r.receives, write_subject_data);
    }
    w.end_object();
}

fn write_subject_data<W: Write>(w: &mut JsonWriter<W>, s: &SubjectData) {
    w.begin_object();
    w.key("subjects");
    w.string(s.subjects);
    w.key("data");
    w.strings(s.data.iter().copied());
    w.end_object();
}

fn write_processor<W: Write>(w: &mut JsonWriter<W>, p: &ProcessorEntry) {
    w.begin_object();
    w.key("label");
    w.string(&p.label);
    w.key("country");
    w.optional_string(country_word(p.country.as_ref()));
    w.key("third_country");
    w.bool(p.third_country);
    w.key("subprocessor_of");
    w.optional_string(p.subprocessor_of.as_deref());
    w.end_object();
}

fn write_transfer<W: Write>(w: &mut JsonWriter<W>, t: &TransferEntry) {
    w.begin_object();
    w.key("party");
    w.string(&t.party);
    w.key("country");
    w.optional_string(country_word(t.country.as_ref()));
    w.key("mechanisms");
    optional_strings(w, t.mechanisms.as_deref());
    w.key("documentation");
    w.strings(t.documentation.iter().map(String::as_str));
    w.end_object();
}

fn write_retention<W: Write>(w: &mut JsonWriter<W>, r: &RetentionEntry) {
    w.begin_object();
    w.key("categories");
    w.strings(r.categories.iter().copied());
    w.key("all");
    w.bool(r.all);
    w.key("period");
    w.optional_string(r.period.as_ref().map(|p| p.as_str()));
    if let Some(holder) = &r.holder {
        w.key("holder");
        w.string(holder);
    }
    w.end_object();
}

/// The document through serde_json's pretty writer and the `Serialize` types: the definition the
/// hand-written document is tested against.
#[cfg(test)]
pub(crate) fn write_with_serde(record: &Record, out: &mut impl Write) -> io::Result<()> {
    /// The tool that made it, then the record's own keys, as [`Record`] names them.
    #[derive(serde::Serialize)]
    struct Document<'a> {
        version: u32,
        tool: &'static str,
        tool_version: &'static str,
        lang: Lang,
        controller: &'a ControllerRecord,
        activities: &'a [ActivityRecord<'a>],
    }
    let document = Document {
        version: SCHEMA_VERSION,
        tool: "hjemmel",
        tool_version: env!("CARGO_PKG_VERSION"),
        lang: record.lang,
        controller: &record.controller,
        activities: &record.activities,
    };
    serde_json::to_writer_pretty(&mut *out, &document)?;
    out.write_all(b"\n")
}
