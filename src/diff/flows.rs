//! Who receives which data: every (data category → processor, sub-processor or recipient) pair of the
//! flow graph, with the party's country. A pair that appears or disappears is a change in where
//! personal data goes — the first thing a reviewer of a change to a spec needs to see.

use serde::Serialize;

use super::Side;
use crate::flow::{Node, processor_chain};
use crate::law::countries::{CountryRef, Zone};
use crate::law::vocabulary::DataClass;
use crate::semantic::model::{Model, ProcessorId, RecipientId};

/// Who receives data from the controller's activities.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PartyKind {
    /// A processor an activity uses directly (`via`).
    Processor,
    /// A processor engaged by another processor.
    Subprocessor,
    /// A recipient of a disclosure.
    Recipient,
}

/// Where a party is, as the spec says it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Place {
    /// An ISO 3166-1 code.
    Country(String),
    /// `outside_eea`: outside the EU/EEA, country not named.
    OutsideEea,
    /// `unknown`, or a processor that states no country.
    Unknown,
    /// `international organisation EPO`: the organisation's code.
    Organisation(String),
}

impl Place {
    pub fn of(country: &CountryRef) -> Place {
        match country {
            CountryRef::Code(code) => Place::Country(code.clone()),
            CountryRef::OutsideEea => Place::OutsideEea,
            CountryRef::Unknown => Place::Unknown,
            CountryRef::Organisation(code) => Place::Organisation(code.clone()),
        }
    }

    /// As the spec writes it, and as the JSON document gives it: `DK`, `outside_eea`, `unknown`.
    pub fn code(&self) -> &str {
        match self {
            Place::Country(code) => code,
            Place::OutsideEea => "outside_eea",
            Place::Unknown => "unknown",
            Place::Organisation(code) => code,
        }
    }

    /// Data that goes here leaves the EU/EEA (or may: the country is not known).
    pub fn outside_eea(&self) -> bool {
        let country = match self {
            Place::Country(code) => CountryRef::Code(code.clone()),
            Place::OutsideEea => CountryRef::OutsideEea,
            Place::Unknown => CountryRef::Unknown,
            Place::Organisation(code) => CountryRef::Organisation(code.clone()),
        };
        country.zone() != Zone::Eea
    }
}

impl Serialize for Place {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

/// One data category reaching one party. The names are borrowed from the model: the two versions of
/// a spec of 100,000 activities have over a million pairs, and copying their names took gigabytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowPair<'a> {
    pub data: &'a str,
    pub class: DataClass,
    pub party: &'a str,
    pub kind: PartyKind,
    /// `None` for a recipient that states no country (taken as domestic, as the transfer rules do).
    pub place: Option<Place>,
    /// For a sub-processor, the processors from the one an activity uses down to it, itself last.
    pub chain: Vec<&'a str>,
}

impl FlowPair<'_> {
    /// Special-category data (art. 9) or data on criminal offences (art. 10).
    pub fn sensitive(&self) -> bool {
        matches!(self.class, DataClass::Special | DataClass::Criminal)
    }

    /// The data leaves the EU/EEA (or its destination is not known).
    pub fn third_country(&self) -> bool {
        self.place.as_ref().is_some_and(Place::outside_eea)
    }
}

/// What identifies a pair across versions: party, data and place. A party that moves to another
/// country gives a pair removed and a pair added.
pub type FlowKey<'k> = (&'k str, PartyKind, &'k str, Option<&'k Place>);

impl FlowPair<'_> {
    pub fn key(&self) -> FlowKey<'_> {
        (self.party, self.kind, self.data, self.place.as_ref())
    }
}

/// Every (data category → party) pair of one version, sorted by key, each key once. A sorted list
/// rather than a map: the two versions of a spec of 100,000 activities have over a million pairs,
/// which a map held twice over (key and value) and searched with a string comparison at every step.
pub fn pairs(side: Side<'_>) -> Vec<FlowPair<'_>> {
    let model = &side.checked.model;
    let flow = &side.checked.flow;
    let mut found = Vec::new();
    for (node, party) in parties(model) {
        let index = match node {
            Node::Processor(id) => flow.processor_node(id),
            Node::Recipient(id) => flow.recipient_node(id),
            _ => continue,
        };
        for data in flow.data_reaching(index) {
            let category = model.data(data);
            found.push(FlowPair {
                data: &category.name.node,
                class: category.class,
                ..party.clone()
            });
        }
    }
    found.sort_by(|a, b| a.key().cmp(&b.key()));
    found.dedup_by(|a, b| a.key() == b.key());
    found
}

/// Every processor and recipient, as a pair without data yet.
fn parties(model: &Model) -> Vec<(Node, FlowPair<'_>)> {
    let template = |party, kind, place, chain| FlowPair {
        data: "",
        class: DataClass::Ordinary,
        party,
        kind,
        place,
        chain,
    };
    let processors = model.processors.iter().enumerate().map(|(i, p)| {
        let id = ProcessorId(i as u32);
        let (kind, chain) = match p.parent {
            Some(_) => (
                PartyKind::Subprocessor,
                processor_chain(model, id)
                    .into_iter()
                    .map(|hop| model.processor(hop).name.node.as_str())
                    .collect(),
            ),
            None => (PartyKind::Processor, Vec::new()),
        };
        // A processor that states no country is of unknown place, as the transfer rules take it.
        let place = Some(
            p.country
                .as_ref()
                .map_or(Place::Unknown, |c| Place::of(&c.node)),
        );
        (
            Node::Processor(id),
            template(&p.name.node, kind, place, chain),
        )
    });
    let recipients = model.recipients.iter().enumerate().map(|(i, r)| {
        let place = r.country.as_ref().map(|c| Place::of(&c.node));
        (
            Node::Recipient(RecipientId(i as u32)),
            template(&r.name.node, PartyKind::Recipient, place, Vec::new()),
        )
    });
    processors.chain(recipients).collect()
}
