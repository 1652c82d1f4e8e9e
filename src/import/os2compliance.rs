//! OS2compliance's registers (behandlingsaktiviteter) as JSON: KL's standard records it ships
//! (`src/main/resources/data/registers/kl_article30_*.json`, one register an object), the register
//! list its web client fetches (`POST /rest/registers/list`: `{"totalCount": N, "content": [...]}`),
//! or an array of registers. A register may carry the fields of its purpose section (`purpose`,
//! `supplementalLegalBasis`, `securityPrecautions`) and its data-processing section
//! (`dataProcessing`, named as OS2compliance's `DataProcessingDTO` names them).
//!
//! The choice identifiers (`register-gdpr-p6-e`, `dp-person-categories-sensitive-health`, ...) are
//! read through src/import/data/os2compliance.toml; what has no place is kept as [`Unplaced`] under
//! the source's field name.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::OnceLock;

use serde::Deserialize;
use serde_json::{Map, Value};

use super::register::{
    ImportError, ImportedActivity, ImportedData, ImportedDisclosure, ImportedParty,
    ImportedSubjects, Register, Unplaced,
};

/// Reads an OS2compliance JSON file into a [`Register`].
pub fn read(path: &Path) -> Result<Register, ImportError> {
    let bytes = std::fs::read(path).map_err(|e| ImportError {
        file: path.to_path_buf(),
        place: None,
        message: format!("cannot read the file: {e}"),
    })?;
    read_bytes(&bytes, path)
}

/// Reads OS2compliance JSON from memory; `path` names it in messages.
pub fn read_bytes(bytes: &[u8], path: &Path) -> Result<Register, ImportError> {
    let error = |place: Option<String>, message: String| ImportError {
        file: path.to_path_buf(),
        place,
        message,
    };
    let value: Value = serde_json::from_slice(bytes).map_err(|e| {
        error(
            Some(format!("line {}, column {}", e.line(), e.column())),
            format!("not valid JSON: {e}"),
        )
    })?;
    let registers: Vec<PlacedObject> = match &value {
        Value::Object(object) => match object.get("content") {
            Some(Value::Array(items)) if !object.contains_key("name") => {
                objects(items, "content").map_err(|(p, m)| error(Some(p), m))?
            }
            Some(_) if !object.contains_key("name") => {
                return Err(error(
                    Some("content".into()),
                    "expected a list of registers".into(),
                ));
            }
            _ => vec![(String::new(), object)],
        },
        Value::Array(items) => objects(items, "").map_err(|(p, m)| error(Some(p), m))?,
        _ => {
            return Err(error(
                None,
                "expected a register (an object) or a list of registers".into(),
            ));
        }
    };

    let mut reader = Reader::default();
    for (place, object) in registers {
        reader.register(object).map_err(|(field, message)| {
            let name = object.get("name").and_then(Value::as_str).unwrap_or("");
            let at = match (place.is_empty(), name.is_empty()) {
                (true, true) => field,
                (true, false) => format!("register `{name}`, {field}"),
                (false, _) => format!("{place}, {field}"),
            };
            error(Some(at), message)
        })?;
    }
    Ok(Register {
        source: format!("OS2compliance {}", super::register::file_name(path)),
        activities: reader.activities,
        recipients: reader.recipients,
        ..Register::default()
    })
}

/// A register's JSON object and its place in the file ("content[2]"; empty: the whole file).
type PlacedObject<'a> = (String, &'a Map<String, Value>);

/// The objects of a JSON array, each with its place.
fn objects<'a>(items: &'a [Value], under: &str) -> Result<Vec<PlacedObject<'a>>, FieldError> {
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let place = if under.is_empty() {
                format!("[{i}]")
            } else {
                format!("{under}[{i}]")
            };
            match item {
                Value::Object(object) => Ok((place, object)),
                _ => Err((place, "expected a register (an object)".into())),
            }
        })
        .collect()
}

/// Fields of the list view that say how the web client sorts and what the user may do: nothing of
/// the record.
const CLIENT_ONLY: &[&str] = &[
    "consequenceOrder",
    "riskOrder",
    "statusOrder",
    "assetAssessmentOrder",
    "allowedActions",
];

/// A field's place and what is wrong with it.
type FieldError = (String, String);

#[derive(Default)]
struct Reader {
    activities: Vec<ImportedActivity>,
    recipients: Vec<ImportedParty>,
    /// label → index in `recipients`, and the comments each has, so that a large register is read
    /// in linear time
    recipient_index: HashMap<String, usize>,
    recipient_notes: HashSet<(usize, String)>,
}

/// What an activity already holds, by label, so that merging rows stays linear.
#[derive(Default)]
struct Seen {
    subjects: HashSet<String>,
    data: HashMap<String, usize>,
    about: HashSet<(usize, String)>,
    disclosures: HashMap<String, usize>,
    disclosed: HashSet<(usize, String)>,
}

impl Reader {
    fn register(&mut self, object: &Map<String, Value>) -> Result<(), FieldError> {
        let table = table();
        let mut activity = ImportedActivity::default();
        let mut description = None;
        let mut seen = Seen::default();
        for (field, value) in object {
            match field.as_str() {
                "name" => activity.label = text(field, value)?.unwrap_or_default(),
                "purpose" => activity.purposes.extend(text(field, value)?),
                "description" => description = text(field, value)?,
                "responsibleOUs" | "departments" if activity.unit.is_none() => {
                    activity.unit = text(field, value)?;
                }
                "securityPrecautions" => activity.security.extend(text(field, value)?),
                "supplementalLegalBasis" => activity.bases.extend(text(field, value)?),
                "gdprChoices" => {
                    for id in texts(field, value)? {
                        match table.gdpr_choice.get(&id) {
                            Some(Some(basis)) => activity.bases.push(basis.clone()),
                            Some(None) => {}
                            None => activity.unplaced.push(unplaced(field, id)),
                        }
                    }
                }
                "kleMainGroups" | "kleGroups" => activity.kle.extend(texts(field, value)?),
                "dataProcessing" => match value {
                    Value::Object(dp) => self.data_processing(dp, &mut activity, &mut seen)?,
                    Value::Null => {}
                    _ => return Err((field.clone(), "expected an object".into())),
                },
                _ if CLIENT_ONLY.contains(&field.as_str()) => {}
                _ => keep(&mut activity.unplaced, field, value),
            }
        }
        if activity.label.is_empty() {
            return Err(("name".into(), "a register needs a name".into()));
        }
        // KL's records describe the processing and its purpose in `description`; the register's own
        // `purpose`, when filled in, is the purpose, and the description a comment.
        if let Some(description) = description {
            if activity.purposes.is_empty() {
                activity.purposes.push(description);
            } else {
                activity.unplaced.push(unplaced("description", description));
            }
        }
        drop_covered_main_groups(&mut activity.kle);
        self.activities.push(activity);
        Ok(())
    }

    /// The data-processing section: whose data, which data about them, to whom it is passed on,
    /// how long it is kept.
    fn data_processing(
        &mut self,
        dp: &Map<String, Value>,
        activity: &mut ImportedActivity,
        seen: &mut Seen,
    ) -> Result<(), FieldError> {
        let table = table();
        for (field, value) in dp {
            let at = format!("dataProcessing.{field}");
            match field.as_str() {
                "personCategoriesRegistered" => {
                    let Value::Array(rows) = value else {
                        if value.is_null() {
                            continue;
                        }
                        return Err((at, "expected a list".into()));
                    };
                    for (i, row) in rows.iter().enumerate() {
                        let Value::Object(row) = row else {
                            return Err((format!("{at}[{i}]"), "expected an object".into()));
                        };
                        self.category_row(row, activity, seen)
                            .map_err(|(f, m)| (format!("{at}[{i}].{f}"), m))?;
                    }
                }
                "storageTimeIdentifier" => {
                    if let Some(id) = text(&at, value)? {
                        match table.storage.get(&id) {
                            Some(Some(retention)) => activity.retention = Some(retention.clone()),
                            // "Det er der ikke taget stilling til": no deadline, so none is written
                            Some(None) => {}
                            None => activity.unplaced.push(unplaced(&at, id)),
                        }
                    }
                }
                "id" => {}
                _ => keep(&mut activity.unplaced, &at, value),
            }
        }
        // A category about every group is about the activity's subjects as a whole.
        let all = activity.subjects.len();
        for data in &mut activity.data {
            if data.about.len() == all {
                data.about.clear();
            }
        }
        Ok(())
    }

    /// One row of `personCategoriesRegistered`: a group of subjects, the data about them and who
    /// receives it.
    fn category_row(
        &mut self,
        row: &Map<String, Value>,
        activity: &mut ImportedActivity,
        seen: &mut Seen,
    ) -> Result<(), FieldError> {
        let table = table();
        let subject = match row.get("personCategoriesRegisteredIdentifier") {
            None | Some(Value::Null) => None,
            Some(value) => text("personCategoriesRegisteredIdentifier", value)?,
        };
        let subject = subject.map(|id| match table.subject.get(&id) {
            Some(found) => found.clone(),
            // an identifier the table lacks (a municipality's own choice): its identifier is the
            // label and the kind is left to the writer
            None => ImportedSubjects {
                label: id,
                kind: None,
            },
        });
        if let Some(subject) = &subject
            && seen.subjects.insert(subject.label.clone())
        {
            activity.subjects.push(subject.clone());
        }
        let mut row_data = Vec::new();
        for (field, value) in row {
            match field.as_str() {
                "personCategoriesRegisteredIdentifier" => {}
                "personCategoriesInformationIdentifiers" => {
                    for id in texts(field, value)? {
                        let (label, class) = match table.information.get(&id) {
                            Some((label, class)) => (label.clone(), Some(class.clone())),
                            None => (id, None),
                        };
                        let index = *seen.data.entry(label.clone()).or_insert_with(|| {
                            activity.data.push(ImportedData {
                                label: label.clone(),
                                class,
                                about: Vec::new(),
                                retention: None,
                            });
                            activity.data.len() - 1
                        });
                        if let Some(subject) = &subject
                            && seen.about.insert((index, subject.label.clone()))
                        {
                            activity.data[index].about.push(subject.label.clone());
                        }
                        row_data.push(label);
                    }
                }
                // the receivers say it; "Ja"/"Nej"/"Ved ikke" adds nothing the list does not
                "informationPassedOn" => {}
                "informationReceivers" => {}
                _ => {
                    let at = match &subject {
                        Some(s) => format!("{field} ({})", s.label),
                        None => field.clone(),
                    };
                    keep(&mut activity.unplaced, &at, value);
                }
            }
        }
        if let Some(receivers) = row.get("informationReceivers") {
            let Value::Array(receivers) = receivers else {
                if receivers.is_null() {
                    return Ok(());
                }
                return Err(("informationReceivers".into(), "expected a list".into()));
            };
            for (i, receiver) in receivers.iter().enumerate() {
                let at = format!("informationReceivers[{i}]");
                let Value::Object(receiver) = receiver else {
                    return Err((at, "expected an object".into()));
                };
                let id = match receiver.get("choiceValueIdentifier") {
                    Some(value) => text(&at, value)?,
                    None => None,
                };
                let Some(id) = id else {
                    return Err((
                        format!("{at}.choiceValueIdentifier"),
                        "a receiver needs its choice".into(),
                    ));
                };
                let (label, kind) = match table.receiver.get(&id) {
                    Some((label, kind)) => (label.clone(), Some(kind.clone())),
                    None => (id, None),
                };
                let party_index = *self
                    .recipient_index
                    .entry(label.clone())
                    .or_insert_with(|| {
                        self.recipients.push(ImportedParty {
                            label: label.clone(),
                            kind,
                            ..ImportedParty::default()
                        });
                        self.recipients.len() - 1
                    });
                if let Some(location) = receiver.get("receiverLocation").and_then(Value::as_str) {
                    let location = match location {
                        "INSIDE_EU" => "Beliggende indenfor EU",
                        "OUTSIDE_EU" => "Beliggende udenfor EU",
                        other => other,
                    };
                    if self
                        .recipient_notes
                        .insert((party_index, location.to_string()))
                    {
                        self.recipients[party_index]
                            .unplaced
                            .push(unplaced("receiverLocation", location.to_string()));
                    }
                }
                let index = *seen.disclosures.entry(label.clone()).or_insert_with(|| {
                    activity.disclosures.push(ImportedDisclosure {
                        recipient: label,
                        ..ImportedDisclosure::default()
                    });
                    activity.disclosures.len() - 1
                });
                for data in &row_data {
                    if seen.disclosed.insert((index, data.clone())) {
                        activity.disclosures[index].data.push(data.clone());
                    }
                }
            }
        }
        Ok(())
    }
}

/// A main group ("05") is dropped when a group under it ("05.01") is listed: the groups say more.
fn drop_covered_main_groups(kle: &mut Vec<String>) {
    let covered: HashSet<String> = kle
        .iter()
        .filter_map(|k| k.split_once('.').map(|(main, _)| main.to_string()))
        .collect();
    let mut seen = HashSet::new();
    kle.retain(|k| (k.contains('.') || !covered.contains(k)) && seen.insert(k.clone()));
}

fn unplaced(field: &str, value: String) -> Unplaced {
    Unplaced {
        field: field.into(),
        value,
    }
}

/// Keeps a value that has no place, unless it is empty; a choice by its caption.
fn keep(unplaced_values: &mut Vec<Unplaced>, field: &str, value: &Value) {
    let shown = |item: &Value| match item {
        Value::String(s) => match table().caption.get(s.trim()) {
            Some(caption) => format!("{caption} ({})", s.trim()),
            None => s.trim().to_string(),
        },
        other => other.to_string(),
    };
    let value = match value {
        Value::Null => return,
        Value::String(s) if s.trim().is_empty() => return,
        Value::Array(items) if items.is_empty() => return,
        Value::Array(items) if items.iter().all(|i| !i.is_array() && !i.is_object()) => {
            items.iter().map(shown).collect::<Vec<_>>().join(", ")
        }
        other => shown(other),
    };
    unplaced_values.push(unplaced(field, value));
}

/// A text field: `None` when null or blank.
fn text(field: &str, value: &Value) -> Result<Option<String>, FieldError> {
    match value {
        Value::Null => Ok(None),
        Value::String(s) if s.trim().is_empty() => Ok(None),
        Value::String(s) => Ok(Some(s.trim().to_string())),
        Value::Number(n) => Ok(Some(n.to_string())),
        _ => Err((field.to_string(), "expected a text".into())),
    }
}

/// A list of texts (a single text is taken as a list of one).
fn texts(field: &str, value: &Value) -> Result<Vec<String>, FieldError> {
    match value {
        Value::Array(items) => {
            let mut out = Vec::new();
            for (i, item) in items.iter().enumerate() {
                out.extend(text(&format!("{field}[{i}]"), item)?);
            }
            Ok(out)
        }
        other => Ok(text(field, other)?.into_iter().collect()),
    }
}

/// src/import/data/os2compliance.toml, read once.
struct Table {
    /// `None`: a choice that is no basis itself.
    gdpr_choice: HashMap<String, Option<String>>,
    subject: HashMap<String, ImportedSubjects>,
    information: HashMap<String, (String, String)>,
    receiver: HashMap<String, (String, String)>,
    /// `None`: no deadline decided.
    storage: HashMap<String, Option<String>>,
    caption: HashMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TableFile {
    gdpr_choice: Vec<ChoiceEntry>,
    subject: Vec<SubjectEntry>,
    information: Vec<LabelledEntry>,
    receiver: Vec<LabelledEntry>,
    storage: Vec<StorageEntry>,
    caption: Vec<CaptionEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CaptionEntry {
    id: String,
    caption: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ChoiceEntry {
    id: String,
    basis: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SubjectEntry {
    id: String,
    label: String,
    kind: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LabelledEntry {
    id: String,
    label: String,
    #[serde(alias = "kind")]
    class: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StorageEntry {
    id: String,
    retention: Option<String>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let file: TableFile = toml::from_str(include_str!("data/os2compliance.toml"))
            .expect("src/import/data/os2compliance.toml is valid (tested)");
        Table {
            gdpr_choice: file
                .gdpr_choice
                .into_iter()
                .map(|e| (e.id, e.basis))
                .collect(),
            subject: file
                .subject
                .into_iter()
                .map(|e| {
                    let subjects = ImportedSubjects {
                        label: e.label,
                        kind: e.kind,
                    };
                    (e.id, subjects)
                })
                .collect(),
            information: file
                .information
                .into_iter()
                .map(|e| (e.id, (e.label, e.class)))
                .collect(),
            receiver: file
                .receiver
                .into_iter()
                .map(|e| (e.id, (e.label, e.class)))
                .collect(),
            storage: file
                .storage
                .into_iter()
                .map(|e| (e.id, e.retention))
                .collect(),
            caption: file
                .caption
                .into_iter()
                .map(|e| (e.id, e.caption))
                .collect(),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_str(json: &str) -> Result<Register, ImportError> {
        read_bytes(json.as_bytes(), Path::new("test.json"))
    }

    #[test]
    fn the_table_loads_and_every_class_and_kind_is_a_word_of_the_language() {
        let table = table();
        assert_eq!(table.gdpr_choice.len(), 25);
        for (label, class) in table.information.values() {
            assert!(
                class == "ordinary"
                    || class == "cpr"
                    || class == "criminal"
                    || (class.starts_with("special(") && class.ends_with(')')),
                "{label}: {class}"
            );
        }
        for subjects in table.subject.values() {
            if let Some(kind) = &subjects.kind {
                assert!(["citizens", "children", "employees", "other"].contains(&kind.as_str()));
            }
        }
    }

    #[test]
    fn main_groups_under_listed_groups_are_dropped() {
        let mut kle = vec![
            "05".to_string(),
            "27".to_string(),
            "05.01".to_string(),
            "05.01".to_string(),
        ];
        drop_covered_main_groups(&mut kle);
        assert_eq!(kle, ["27", "05.01"]);
    }

    #[test]
    fn a_register_without_a_name_is_an_error_at_its_place() {
        let err = read_str(r#"{"content": [{"name": "A"}, {"description": "x"}]}"#).unwrap_err();
        assert_eq!(err.place.as_deref(), Some("content[1], name"));
    }

    #[test]
    fn a_number_where_a_list_of_choices_belongs_is_an_error() {
        let err = read_str(r#"{"name": "A", "gdprChoices": [1, {"x": 1}]}"#).unwrap_err();
        assert_eq!(err.place.as_deref(), Some("register `A`, gdprChoices[1]"));
        assert_eq!(err.message, "expected a text");
    }
}
