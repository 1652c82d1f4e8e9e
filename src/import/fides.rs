//! Fides manifests (fideslang YAML): a file, or a directory of `.yml`/`.yaml` files read together as
//! Fides reads a manifest directory.
//!
//! Each privacy declaration of a system is one activity: its data use is the purpose, its data
//! categories and subjects the data and the people, its legal bases art. 6(1) and 9(2) letters. A
//! system's egress to a processor (a system whose `responsibility` says `Processor`) names the
//! processor; egress to a system of another legal entity (`legal_name`) and a declaration's
//! `third_parties` are recipients. fideslang's taxonomy is read through
//! src/import/data/fides.toml; what has no place is kept as [`Unplaced`] under fideslang's field name.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::Deserialize;
use serde_yaml_ng::Value;

use super::register::{
    ImportError, ImportedActivity, ImportedData, ImportedDisclosure, ImportedParty,
    ImportedSubjects, Register, Unplaced,
};

/// Reads a Fides manifest file, or every manifest in a directory, into a [`Register`].
pub fn read(path: &Path) -> Result<Register, ImportError> {
    let files = manifest_files(path)?;
    let mut manifests = Vec::with_capacity(files.len());
    for file in &files {
        // A manifest of a directory that is a FIFO or a device is named, not waited on.
        super::source_file::check(file)?;
        let bytes = std::fs::read(file).map_err(|e| ImportError {
            file: file.clone(),
            place: None,
            message: format!("cannot read the file: {e}"),
        })?;
        manifests.push((file.clone(), parse(&bytes, file)?));
    }
    build(path, manifests)
}

/// Reads one Fides manifest from memory; `path` names it in messages.
pub fn read_bytes(bytes: &[u8], path: &Path) -> Result<Register, ImportError> {
    let manifest = parse(bytes, path)?;
    build(path, vec![(path.to_path_buf(), manifest)])
}

fn manifest_files(path: &Path) -> Result<Vec<PathBuf>, ImportError> {
    if !path.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let error = |message: String| ImportError {
        file: path.to_path_buf(),
        place: None,
        message,
    };
    let mut files = Vec::new();
    let mut pending = vec![path.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries = std::fs::read_dir(&dir)
            .map_err(|e| error(format!("cannot read the directory: {e}")))?;
        for entry in entries {
            let entry = entry.map_err(|e| error(format!("cannot read the directory: {e}")))?;
            let file = entry.path();
            if file.is_dir() {
                pending.push(file);
            } else if matches!(
                file.extension().and_then(|e| e.to_str()),
                Some("yml" | "yaml")
            ) {
                files.push(file);
            }
        }
    }
    files.sort();
    if files.is_empty() {
        return Err(error(
            "no Fides manifest (.yml or .yaml) in the directory".into(),
        ));
    }
    Ok(files)
}

fn parse(bytes: &[u8], path: &Path) -> Result<Manifest, ImportError> {
    let manifest: Option<Manifest> = serde_yaml_ng::from_slice(bytes).map_err(|e| ImportError {
        file: path.to_path_buf(),
        place: e
            .location()
            .map(|l| format!("line {}, column {}", l.line(), l.column())),
        message: format!("not a Fides manifest: {e}"),
    })?;
    Ok(manifest.unwrap_or_default())
}

/// One manifest file: the resources Fides reads from it.
#[derive(Deserialize, Default)]
struct Manifest {
    #[serde(default, alias = "System")]
    system: Vec<System>,
    #[serde(default, alias = "Dataset")]
    dataset: Vec<Dataset>,
    #[serde(default, alias = "Organization")]
    organization: Vec<Organization>,
    #[serde(default)]
    data_category: Vec<TaxonomyEntry>,
    #[serde(default)]
    data_subject: Vec<TaxonomyEntry>,
    #[serde(default)]
    data_use: Vec<TaxonomyEntry>,
    /// policies and other resources: nothing of the record
    #[serde(flatten)]
    _other: BTreeMap<String, Value>,
}

#[derive(Deserialize)]
struct System {
    fides_key: String,
    name: Option<String>,
    description: Option<String>,
    administrating_department: Option<String>,
    #[serde(default)]
    privacy_declarations: Vec<PrivacyDeclaration>,
    #[serde(default)]
    egress: Vec<DataFlow>,
    #[serde(default)]
    ingress: Vec<DataFlow>,
    #[serde(default)]
    responsibility: Vec<String>,
    legal_name: Option<String>,
    legal_address: Option<String>,
    processes_personal_data: Option<bool>,
    data_security_practices: Option<String>,
    #[serde(default)]
    dataset_references: Vec<String>,
    #[serde(flatten)]
    other: BTreeMap<String, Value>,
}

#[derive(Deserialize)]
struct PrivacyDeclaration {
    name: Option<String>,
    data_categories: Vec<String>,
    data_use: String,
    #[serde(default)]
    data_subjects: Vec<String>,
    #[serde(default)]
    dataset_references: Vec<String>,
    egress: Option<Vec<String>>,
    ingress: Option<Vec<String>>,
    legal_basis_for_processing: Option<String>,
    special_category_legal_basis: Option<String>,
    retention_period: Option<String>,
    #[serde(default)]
    data_shared_with_third_parties: bool,
    third_parties: Option<String>,
    #[serde(default)]
    shared_categories: Vec<String>,
    #[serde(flatten)]
    other: BTreeMap<String, Value>,
}

#[derive(Deserialize)]
struct DataFlow {
    fides_key: String,
    #[serde(rename = "type")]
    kind: String,
    data_categories: Option<Vec<String>>,
}

#[derive(Deserialize)]
struct Dataset {
    fides_key: String,
    name: Option<String>,
    /// deprecated in fideslang 3.0, still found in older manifests
    retention: Option<String>,
    /// deprecated in fideslang 3.0: ISO 3166-1 alpha-3 codes of third countries
    #[serde(default)]
    third_country_transfers: Vec<String>,
}

#[derive(Deserialize)]
struct Organization {
    name: Option<String>,
    controller: Option<ContactDetails>,
    data_protection_officer: Option<ContactDetails>,
    representative: Option<ContactDetails>,
    security_policy: Option<String>,
}

#[derive(Deserialize)]
struct ContactDetails {
    name: Option<String>,
    address: Option<String>,
    email: Option<String>,
    phone: Option<String>,
}

impl ContactDetails {
    fn describe(&self) -> String {
        [&self.name, &self.address, &self.email, &self.phone]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// A taxonomy entry a manifest declares, extending fideslang's.
#[derive(Deserialize)]
struct TaxonomyEntry {
    fides_key: String,
    name: Option<String>,
    parent_key: Option<String>,
}

/// Everything the manifests say, by key.
#[derive(Default)]
struct Manifests {
    systems: Vec<System>,
    /// fides_key → index in `systems`
    system_index: HashMap<String, usize>,
    datasets: HashMap<String, Dataset>,
    organizations: Vec<Organization>,
    categories: HashMap<String, TaxonomyEntry>,
    subjects: HashMap<String, TaxonomyEntry>,
    uses: HashMap<String, TaxonomyEntry>,
}

fn build(path: &Path, manifests: Vec<(PathBuf, Manifest)>) -> Result<Register, ImportError> {
    let mut all = Manifests::default();
    let mut keys: HashMap<String, PathBuf> = HashMap::new();
    for (file, manifest) in manifests {
        for system in manifest.system {
            if let Some(first) = keys.insert(system.fides_key.clone(), file.clone()) {
                return Err(ImportError {
                    file,
                    place: Some(format!("system `{}`", system.fides_key)),
                    message: format!(
                        "the key `{}` is also a system in {}",
                        system.fides_key,
                        first.display()
                    ),
                });
            }
            all.system_index
                .insert(system.fides_key.clone(), all.systems.len());
            all.systems.push(system);
        }
        for dataset in manifest.dataset {
            all.datasets.insert(dataset.fides_key.clone(), dataset);
        }
        all.organizations.extend(manifest.organization);
        for (entries, into) in [
            (manifest.data_category, &mut all.categories),
            (manifest.data_subject, &mut all.subjects),
            (manifest.data_use, &mut all.uses),
        ] {
            for entry in entries {
                into.insert(entry.fides_key.clone(), entry);
            }
        }
    }

    let mut register = Register {
        source: format!("Fides manifest {}", super::register::file_name(path)),
        ..Register::default()
    };
    if let Some(organization) = all.organizations.first() {
        organization_into(organization, &mut register);
    }
    let mut parties = Parties::default();
    for system in &all.systems {
        system_into(system, &all, &mut register, &mut parties);
    }
    Ok(register)
}

fn organization_into(organization: &Organization, register: &mut Register) {
    let controller = organization.controller.as_ref();
    let label = controller
        .and_then(|c| c.name.clone())
        .or_else(|| organization.name.clone());
    if let Some(label) = label {
        let mut party = ImportedParty {
            label,
            address: controller.and_then(|c| c.address.clone()),
            contact: controller.and_then(|c| c.email.clone()),
            ..ImportedParty::default()
        };
        if let Some(phone) = controller.and_then(|c| c.phone.clone()) {
            party.unplaced.push(unplaced("controller.phone", phone));
        }
        register.controller = Some(party);
    }
    for (field, contact) in [
        (
            "data_protection_officer",
            &organization.data_protection_officer,
        ),
        ("representative", &organization.representative),
    ] {
        if let Some(contact) = contact {
            register.unplaced.push(unplaced(field, contact.describe()));
        }
    }
    if let Some(policy) = &organization.security_policy {
        register
            .unplaced
            .push(unplaced("security_policy", policy.clone()));
    }
}

/// Labels of the register's processors and recipients, so that each is declared once in linear time.
#[derive(Default)]
struct Parties {
    processors: HashSet<String>,
    recipients: HashSet<String>,
}

impl Manifests {
    fn system(&self, key: &str) -> Option<&System> {
        self.system_index.get(key).map(|&i| &self.systems[i])
    }
}

fn system_into(system: &System, all: &Manifests, register: &mut Register, parties: &mut Parties) {
    let system_label = system.name.clone().unwrap_or(system.fides_key.clone());
    if system.processes_personal_data == Some(false) {
        register.unplaced.push(unplaced(
            &format!("system `{}`", system.fides_key),
            "processes_personal_data: false".into(),
        ));
        return;
    }
    if system.privacy_declarations.is_empty() {
        register.unplaced.push(unplaced(
            &format!("system `{}`", system.fides_key),
            "no privacy_declarations".into(),
        ));
        return;
    }
    let mut system_unplaced = Vec::new();
    if let Some(description) = &system.description {
        system_unplaced.push(unplaced("description", description.clone()));
    }
    for (field, value) in &system.other {
        keep(&mut system_unplaced, field, value);
    }
    for dataset in &system.dataset_references {
        dataset_notes(dataset, all, &mut system_unplaced);
    }

    for (index, declaration) in system.privacy_declarations.iter().enumerate() {
        let mut activity = ImportedActivity {
            label: declaration
                .name
                .clone()
                .unwrap_or_else(|| format!("{system_label}: {}", declaration.data_use)),
            unit: system.administrating_department.clone(),
            retention: declaration.retention_period.clone(),
            ..ImportedActivity::default()
        };
        activity.purposes.push(purpose(&declaration.data_use, all));
        if index == 0 {
            activity.unplaced.append(&mut system_unplaced);
            activity
                .security
                .extend(system.data_security_practices.clone());
        }
        for key in &declaration.data_subjects {
            activity.subjects.push(subjects(key, all));
        }
        let mut data_labels = HashSet::new();
        for key in &declaration.data_categories {
            let data = data(key, all);
            if data_labels.insert(data.label.clone()) {
                activity.data.push(data);
            }
        }
        let table = table();
        for (field, value, bases) in [
            (
                "legal_basis_for_processing",
                &declaration.legal_basis_for_processing,
                &table.legal_basis,
            ),
            (
                "special_category_legal_basis",
                &declaration.special_category_legal_basis,
                &table.special_category_legal_basis,
            ),
        ] {
            if let Some(value) = value {
                match bases.get(value.trim()) {
                    Some(basis) => activity.bases.push(basis.clone()),
                    None => activity.unplaced.push(unplaced(field, value.clone())),
                }
            }
        }
        for dataset in &declaration.dataset_references {
            dataset_notes(dataset, all, &mut activity.unplaced);
        }
        for (field, value) in &declaration.other {
            keep(&mut activity.unplaced, field, value);
        }

        // Where the data comes from: the declaration's ingress, else the system's.
        let ingress: Vec<&str> = match &declaration.ingress {
            Some(keys) => keys.iter().map(String::as_str).collect(),
            None => system
                .ingress
                .iter()
                .map(|f| f.fides_key.as_str())
                .collect(),
        };
        let mut sources = HashSet::new();
        for key in ingress {
            // "user": from the data subject, who is the source unless another is named
            if key != "user" {
                let label = resource_label(key, all);
                if sources.insert(label.clone()) {
                    activity.sources.push(label);
                }
            }
        }

        // Where it goes: the declaration's egress, else the system's.
        let egress: Vec<&DataFlow> = match &declaration.egress {
            Some(keys) => {
                let keys: HashSet<&str> = keys.iter().map(String::as_str).collect();
                system
                    .egress
                    .iter()
                    .filter(|f| keys.contains(f.fides_key.as_str()))
                    .collect()
            }
            None => system.egress.iter().collect(),
        };
        let mut disclosed = Disclosed::default();
        for flow in egress {
            egress_into(
                flow,
                all,
                &data_labels,
                &mut activity,
                register,
                parties,
                &mut disclosed,
            );
        }
        if declaration.data_shared_with_third_parties || declaration.third_parties.is_some() {
            let label = declaration
                .third_parties
                .clone()
                .unwrap_or_else(|| "Third parties".to_string());
            let shared = declaration
                .shared_categories
                .iter()
                .map(|key| data(key, all).label)
                .collect();
            let to = Party {
                label,
                address: None,
            };
            disclose(&mut activity, register, parties, &mut disclosed, to, shared);
        }
        register.activities.push(activity);
    }
}

/// A data flow out of the system: to a processor, to another controller, or inside the
/// organisation (kept as a comment).
fn egress_into(
    flow: &DataFlow,
    all: &Manifests,
    data_labels: &HashSet<String>,
    activity: &mut ImportedActivity,
    register: &mut Register,
    parties: &mut Parties,
    disclosed: &mut Disclosed,
) {
    let target = all.system(&flow.fides_key);
    let flow_data: Vec<String> = flow
        .data_categories
        .iter()
        .flatten()
        .map(|key| data(key, all).label)
        .filter(|label| data_labels.contains(label))
        .collect();
    // a flow that names its data and carries none of this activity's is another activity's
    if flow.data_categories.is_some() && flow_data.is_empty() {
        return;
    }
    let Some(target) = target.filter(|_| flow.kind == "system") else {
        activity.unplaced.push(unplaced(
            "egress",
            format!("{} `{}`", flow.kind, flow.fides_key),
        ));
        return;
    };
    let is_processor = target
        .responsibility
        .iter()
        .any(|r| r == "Processor" || r == "Sub-Processor");
    let label = target
        .legal_name
        .clone()
        .or(target.name.clone())
        .unwrap_or(target.fides_key.clone());
    if is_processor {
        if parties.processors.insert(label.clone()) {
            register.processors.push(ImportedParty {
                label: label.clone(),
                address: target.legal_address.clone(),
                ..ImportedParty::default()
            });
        }
        if disclosed.processors.insert(label.clone()) {
            activity.processors.push(label);
        }
    } else if target.legal_name.is_some() {
        let to = Party {
            label,
            address: target.legal_address.clone(),
        };
        disclose(activity, register, parties, disclosed, to, flow_data);
    } else {
        // a system of the organisation itself: no disclosure
        activity.unplaced.push(unplaced(
            "egress",
            format!("system `{}` (inside the organisation)", flow.fides_key),
        ));
    }
}

/// A recipient as an egress or a declaration names it.
struct Party {
    label: String,
    address: Option<String>,
}

/// What an activity already discloses and to which processors, by label.
#[derive(Default)]
struct Disclosed {
    processors: HashSet<String>,
    recipients: HashMap<String, usize>,
    data: HashSet<(usize, String)>,
}

fn disclose(
    activity: &mut ImportedActivity,
    register: &mut Register,
    parties: &mut Parties,
    disclosed: &mut Disclosed,
    to: Party,
    data: Vec<String>,
) {
    if parties.recipients.insert(to.label.clone()) {
        register.recipients.push(ImportedParty {
            label: to.label.clone(),
            address: to.address,
            ..ImportedParty::default()
        });
    }
    let index = *disclosed
        .recipients
        .entry(to.label.clone())
        .or_insert_with(|| {
            activity.disclosures.push(ImportedDisclosure {
                recipient: to.label,
                data: Vec::new(),
                basis: Vec::new(),
                condition: None,
            });
            activity.disclosures.len() - 1
        });
    for item in data {
        if disclosed.data.insert((index, item.clone())) {
            activity.disclosures[index].data.push(item);
        }
    }
}

/// What a dataset says that the record needs and the spec cannot place: its deprecated retention
/// and third-country transfers.
fn dataset_notes(key: &str, all: &Manifests, into: &mut Vec<Unplaced>) {
    let Some(dataset) = all.datasets.get(key) else {
        return;
    };
    if let Some(retention) = &dataset.retention {
        into.push(unplaced(
            &format!("dataset `{key}` retention"),
            retention.clone(),
        ));
    }
    if !dataset.third_country_transfers.is_empty() {
        into.push(unplaced(
            &format!("dataset `{key}` third_country_transfers"),
            dataset.third_country_transfers.join(", "),
        ));
    }
}

fn resource_label(key: &str, all: &Manifests) -> String {
    if let Some(system) = all.system(key) {
        return system.name.clone().unwrap_or(key.to_string());
    }
    if let Some(dataset) = all.datasets.get(key) {
        return dataset.name.clone().unwrap_or(key.to_string());
    }
    key.to_string()
}

/// The purpose: the data use's name and its key ("Payment Processing (essential.service.payment_processing)").
fn purpose(key: &str, all: &Manifests) -> String {
    let name = all
        .uses
        .get(key)
        .and_then(|e| e.name.clone())
        .or_else(|| table().data_use.get(key).cloned());
    match name {
        Some(name) => format!("{name} ({key})"),
        None => key.to_string(),
    }
}

fn subjects(key: &str, all: &Manifests) -> ImportedSubjects {
    let table = table();
    let custom = all.subjects.get(key);
    let label = custom
        .and_then(|e| e.name.clone())
        .or_else(|| table.data_subject.get(key).map(|(name, _)| name.clone()))
        .unwrap_or(key.to_string());
    ImportedSubjects {
        label,
        kind: table
            .data_subject
            .get(key)
            .and_then(|(_, kind)| kind.clone()),
    }
}

fn data(key: &str, all: &Manifests) -> ImportedData {
    let table = table();
    let label = all
        .categories
        .get(key)
        .and_then(|e| e.name.clone())
        .or_else(|| table.data_category.get(key).map(|e| e.name.clone()))
        .unwrap_or(key.to_string());
    ImportedData {
        label,
        class: class_of(key, all),
        about: Vec::new(),
        retention: None,
    }
}

/// The class of a data category: that of the nearest entry of the table, walking up the key's
/// parents (a manifest's own categories by their `parent_key`, fideslang's by their dots).
fn class_of(key: &str, all: &Manifests) -> Option<String> {
    let table = table();
    let mut current = key.to_string();
    // bounded: a manifest's parent keys may form a cycle
    for _ in 0..64 {
        if let Some(entry) = table.data_category.get(&current) {
            match (&entry.class, &entry.why) {
                (Some(class), _) => return Some(class.clone()),
                (None, Some(_)) => return None,
                (None, None) => {}
            }
        } else if let Some(custom) = all.categories.get(&current) {
            // the organisation's own category: a CPR number when its key says so
            let said_cpr = current
                .rsplit('.')
                .next()
                .is_some_and(|last| table.cpr_key_words.iter().any(|w| w == last));
            if said_cpr {
                return Some("cpr".into());
            }
            if let Some(parent) = &custom.parent_key {
                current = parent.clone();
                continue;
            }
        }
        match current.rsplit_once('.') {
            Some((parent, _)) => current = parent.to_string(),
            None => return None,
        }
    }
    None
}

fn unplaced(field: &str, value: String) -> Unplaced {
    Unplaced {
        field: field.into(),
        value,
    }
}

/// Keeps a value that has no place, unless it is empty or false.
fn keep(into: &mut Vec<Unplaced>, field: &str, value: &Value) {
    let text = match value {
        Value::Null | Value::Bool(false) => return,
        Value::String(s) if s.trim().is_empty() => return,
        Value::Sequence(items) if items.is_empty() => return,
        Value::Mapping(items) if items.is_empty() => return,
        Value::String(s) => s.trim().to_string(),
        Value::Bool(true) => "true".to_string(),
        Value::Number(n) => n.to_string(),
        Value::Sequence(items) if items.iter().all(|i| i.is_string()) => items
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join(", "),
        other => serde_json::to_string(other).unwrap_or_default(),
    };
    into.push(unplaced(field, text));
}

/// src/import/data/fides.toml, read once.
struct Table {
    data_category: HashMap<String, CategoryEntry>,
    /// key → (name, kind)
    data_subject: HashMap<String, (String, Option<String>)>,
    data_use: HashMap<String, String>,
    legal_basis: HashMap<String, String>,
    special_category_legal_basis: HashMap<String, String>,
    cpr_key_words: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TableFile {
    data_category: Vec<CategoryEntry>,
    data_subject: Vec<SubjectEntry>,
    data_use: Vec<UseEntry>,
    legal_basis: Vec<BasisEntry>,
    special_category_legal_basis: Vec<BasisEntry>,
    cpr_key_words: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CategoryEntry {
    key: String,
    name: String,
    class: Option<String>,
    /// why the key has no class
    why: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SubjectEntry {
    key: String,
    name: String,
    kind: Option<String>,
    #[serde(rename = "why")]
    _why: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UseEntry {
    key: String,
    name: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BasisEntry {
    value: String,
    basis: String,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let file: TableFile = toml::from_str(include_str!("data/fides.toml"))
            .expect("src/import/data/fides.toml is valid (tested)");
        let bases = |entries: Vec<BasisEntry>| {
            entries
                .into_iter()
                .map(|e| (e.value, e.basis))
                .collect::<HashMap<_, _>>()
        };
        Table {
            data_category: file
                .data_category
                .into_iter()
                .map(|e| (e.key.clone(), e))
                .collect(),
            data_subject: file
                .data_subject
                .into_iter()
                .map(|e| (e.key, (e.name, e.kind)))
                .collect(),
            data_use: file.data_use.into_iter().map(|e| (e.key, e.name)).collect(),
            legal_basis: bases(file.legal_basis),
            special_category_legal_basis: bases(file.special_category_legal_basis),
            cpr_key_words: file.cpr_key_words,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_str(yaml: &str) -> Result<Register, ImportError> {
        read_bytes(yaml.as_bytes(), Path::new("test.yml"))
    }

    #[test]
    fn the_table_loads_and_every_class_and_kind_is_a_word_of_the_language() {
        let table = table();
        assert_eq!(table.legal_basis.len(), 6);
        assert_eq!(table.special_category_legal_basis.len(), 10);
        for entry in table.data_category.values() {
            assert!(
                !(entry.class.is_some() && entry.why.is_some()),
                "{}: a class and a reason for none",
                entry.key
            );
            if let Some(class) = &entry.class {
                assert!(
                    class == "ordinary"
                        || class == "criminal"
                        || (class.starts_with("special(") && class.ends_with(')')),
                    "{}: {class}",
                    entry.key
                );
            }
        }
        for (name, kind) in table.data_subject.values() {
            if let Some(kind) = kind {
                assert!(
                    ["citizens", "children", "employees", "other"].contains(&kind.as_str()),
                    "{name}: {kind}"
                );
            }
        }
    }

    fn class(key: &str) -> Option<String> {
        let all = Manifests::default();
        class_of(key, &all)
    }

    #[test]
    fn a_category_takes_the_class_of_its_nearest_listed_parent() {
        assert_eq!(
            class("user.contact.address.city").as_deref(),
            Some("ordinary")
        );
        assert_eq!(
            class("user.health_and_medical").as_deref(),
            Some("special(health)")
        );
        assert_eq!(
            class("user.health_and_medical.genetic").as_deref(),
            Some("special(genetic)")
        );
        assert_eq!(class("user.criminal_history").as_deref(), Some("criminal"));
        // uncertain: left unstated, also for the children of an uncertain key
        assert_eq!(
            class("user.government_id.national_identification_number"),
            None
        );
        assert_eq!(class("user.biometric.fingerprint"), None);
        assert_eq!(class("user.health_and_medical.record_id"), None);
        assert_eq!(class("not_in_the_taxonomy"), None);
    }

    #[test]
    fn a_cycle_of_custom_parent_keys_ends() {
        let yaml = "data_category:\n  - fides_key: a\n    parent_key: b\n  - fides_key: b\n    parent_key: a\n\
                    system:\n  - fides_key: s\n    privacy_declarations:\n      - data_use: essential\n        data_categories: [a]\n";
        let register = read_str(yaml).unwrap();
        assert_eq!(register.activities[0].data[0].class, None);
    }

    #[test]
    fn a_declaration_without_its_data_use_is_an_error_with_its_line() {
        let err = read_str("system:\n  - fides_key: s\n    privacy_declarations:\n      - data_categories: [user.name]\n").unwrap_err();
        assert!(err.place.as_deref().unwrap().starts_with("line "), "{err}");
        assert!(err.message.contains("data_use"), "{err}");
    }

    #[test]
    fn an_empty_file_is_an_empty_register() {
        let register = read_str("").unwrap();
        assert!(register.activities.is_empty());
    }
}
