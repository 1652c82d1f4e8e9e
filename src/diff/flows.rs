//! Who receives which data: every (data category → processor, sub-processor or recipient) pair of the
//! flow graph, with the party's country. A pair that appears or disappears is a change in where
//! personal data goes — the first thing a reviewer of a change to a spec needs to see.

use std::cmp::Ordering;

use serde::Serialize;

use super::Side;
use crate::flow::{Node, processor_chain};
use crate::law::countries::{CountryRef, countries};
use crate::law::vocabulary::DataClass;
use crate::semantic::model::{DataId, Model, ProcessorId, RecipientId};

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

    /// Data that goes here leaves the EU/EEA (or may: the country is not known). Asked for every
    /// flow written: the country is looked up without making a `CountryRef`.
    pub fn outside_eea(&self) -> bool {
        match self {
            Place::Country(code) => !countries().get(code).is_some_and(|c| c.eea),
            Place::OutsideEea | Place::Unknown | Place::Organisation(_) => true,
        }
    }
}

impl Serialize for Place {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

/// One data category reaching one party, as the renderers see it: a view into a [`FlowTable`],
/// made when it is written and never stored. The two versions of a spec of 100,000 activities have
/// millions of pairs; stored whole (names, place and chain per pair) they took hundreds of
/// megabytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FlowPair<'a> {
    pub data: &'a str,
    pub class: DataClass,
    pub party: &'a str,
    pub kind: PartyKind,
    /// `None` for a recipient that states no country (taken as domestic, as the transfer rules do).
    pub place: Option<&'a Place>,
    /// For a sub-processor, the processors from the one an activity uses down to it, itself last.
    pub chain: &'a [&'a str],
    /// The place is outside the EU/EEA or not known ([`Place::outside_eea`]): looked up once per
    /// party, not once per pair.
    pub leaves_eea: bool,
}

impl FlowPair<'_> {
    /// Special-category data (art. 9) or data on criminal offences (art. 10).
    pub fn sensitive(&self) -> bool {
        matches!(self.class, DataClass::Special | DataClass::Criminal)
    }

    /// The data leaves the EU/EEA (or its destination is not known).
    pub fn third_country(&self) -> bool {
        self.leaves_eea
    }

    /// The party this pair goes to, by the addresses of its name (one string of the model) and of its
    /// place (one per party of a flow table), and its kind: pairs of one party in a row share it, so
    /// a writer makes the party's words once for all of them.
    pub(crate) fn party_key(&self) -> PartyKey {
        (
            self.party as *const str,
            self.kind,
            self.place.map(|p| p as *const Place),
        )
    }
}

/// [`FlowPair::party_key`].
pub(crate) type PartyKey = (*const str, PartyKind, Option<*const Place>);

/// A processor or recipient that data reaches: what a pair says about its party.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Party<'a> {
    name: &'a str,
    kind: PartyKind,
    place: Option<Place>,
    chain: Vec<&'a str>,
    /// `place` is outside the EU/EEA or not known.
    leaves_eea: bool,
}

impl<'a> Party<'a> {
    /// What identifies the party across versions. With the data category it is the key of a pair:
    /// party, data and place, so a party that moves to another country gives a pair removed and a
    /// pair added.
    fn key(&self) -> (&'a str, PartyKind, Option<&Place>) {
        (self.name, self.kind, self.place.as_ref())
    }
}

/// A pair as two ranks: its party's in [`FlowTable::parties`] and its category's in
/// [`FlowTable::data`]. Eight bytes, compared as integers.
type PairIndex = (u32, u32);

/// Every (data category → party) pair of one version: the parties and the categories each once,
/// in key order, and the pairs as ranks into them, sorted, each once. A pair's key is (party name,
/// party kind, data name, place); a party has one place, so sorting the parties by (name, kind,
/// place) and then the pairs by (party, data) gives that order.
pub struct FlowTable<'a> {
    model: &'a Model,
    parties: Vec<Party<'a>>,
    /// The data categories by name.
    data: Vec<DataId>,
    pairs: Vec<PairIndex>,
}

impl<'a> FlowTable<'a> {
    /// Walks the flow graph of one version once.
    pub fn of(side: Side<'a>) -> FlowTable<'a> {
        let model = &side.checked.model;
        let flow = &side.checked.flow;

        let mut data: Vec<DataId> = (0..model.data.len() as u32).map(DataId).collect();
        data.sort_by_key(|&id| model.data(id).name.node.as_str());
        let mut data_rank = vec![0u32; data.len()];
        for (rank, id) in data.iter().enumerate() {
            data_rank[id.index()] = rank as u32;
        }

        let mut nodes = parties(model);
        nodes.sort_by(|(_, a), (_, b)| a.key().cmp(&b.key()));
        let mut pairs: Vec<PairIndex> = Vec::new();
        let mut parties: Vec<Party<'a>> = Vec::with_capacity(nodes.len());
        // The parties come in rank order, so the pairs are in order once each party's own are
        // (`in_order`): no sort of millions of pairs.
        let mut party_start = 0;
        let mut reached = RankSet::new(data.len());
        for (node, party) in nodes {
            // A name is declared once per kind, so two parties with one key do not happen in a
            // resolved model; should they, their pairs are counted once, as one party's.
            if parties.last().is_none_or(|last| last.key() != party.key()) {
                reached.in_order(&mut pairs, party_start);
                party_start = pairs.len();
                parties.push(party);
            }
            let rank = parties.len() as u32 - 1;
            let index = match node {
                Node::Processor(id) => flow.processor_node(id),
                Node::Recipient(id) => flow.recipient_node(id),
                _ => continue,
            };
            for d in flow.data_reaching(index) {
                pairs.push((rank, data_rank[d.index()]));
            }
        }
        reached.in_order(&mut pairs, party_start);
        debug_assert!(pairs.is_sorted());
        FlowTable {
            model,
            parties,
            data,
            pairs,
        }
    }

    /// A version without parties.
    fn empty(model: &'a Model) -> FlowTable<'a> {
        FlowTable {
            model,
            parties: Vec::new(),
            data: Vec::new(),
            pairs: Vec::new(),
        }
    }

    /// How many pairs.
    pub fn len(&self) -> usize {
        self.pairs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// Every pair, in key order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = FlowPair<'_>> {
        self.pairs.iter().map(|&pair| self.pair(pair))
    }

    fn pair(&self, (party, data): PairIndex) -> FlowPair<'_> {
        let party = &self.parties[party as usize];
        let data = self.model.data(self.data[data as usize]);
        FlowPair {
            data: &data.name.node,
            class: data.class,
            party: party.name,
            kind: party.kind,
            place: party.place.as_ref(),
            chain: &party.chain,
            leaves_eea: party.leaves_eea,
        }
    }
}

/// Puts one party's pairs in order of their categories' ranks, each once: through a set of bits
/// when there are enough pairs to pay for reading every word of it (most parties receive many of a
/// spec's few hundred categories), by sorting otherwise. Either way linear in the pairs, not in the
/// pairs times the categories.
struct RankSet {
    words: Vec<u64>,
}

impl RankSet {
    fn new(ranks: usize) -> Self {
        RankSet {
            words: vec![0; ranks.div_ceil(64)],
        }
    }

    /// Orders `pairs[from..]` (one party's) by category and drops repeats.
    fn in_order(&mut self, pairs: &mut Vec<PairIndex>, from: usize) {
        let Some(&(party, _)) = pairs.get(from) else {
            return;
        };
        if (pairs.len() - from) * 8 < self.words.len() {
            pairs[from..].sort_unstable();
            let mut kept = from;
            for at in from..pairs.len() {
                if at == from || pairs[at] != pairs[kept - 1] {
                    pairs[kept] = pairs[at];
                    kept += 1;
                }
            }
            pairs.truncate(kept);
            return;
        }
        for &(_, data) in &pairs[from..] {
            self.words[data as usize / 64] |= 1 << (data % 64);
        }
        pairs.truncate(from);
        for (at, word) in self.words.iter_mut().enumerate() {
            while *word != 0 {
                pairs.push((party, (at * 64) as u32 + word.trailing_zeros()));
                *word &= *word - 1;
            }
        }
    }
}

/// The pairs that appear (in the new version only) and disappear (in the old version only), each
/// list in key order.
pub struct FlowChanges<'a> {
    /// Empty when there is no old version.
    old: FlowTable<'a>,
    new: FlowTable<'a>,
    /// Ranks in `new`.
    added: Vec<PairIndex>,
    /// Ranks in `old`.
    removed: Vec<PairIndex>,
}

impl<'a> FlowChanges<'a> {
    /// One walk through the pairs of both versions, comparing ranks in the union of their parties
    /// and of their categories: a string is compared once per party or category, not once per pair.
    pub fn between(old: Option<Side<'a>>, new: Side<'a>) -> FlowChanges<'a> {
        let mut new = FlowTable::of(new);
        let Some(mut old) = old.map(FlowTable::of) else {
            let added = std::mem::take(&mut new.pairs);
            return FlowChanges {
                old: FlowTable::empty(new.model),
                new,
                added,
                removed: Vec::new(),
            };
        };
        let (old_party, new_party) =
            union_ranks(&old.parties, &new.parties, |a, b| a.key().cmp(&b.key()));
        let name = |table: &FlowTable<'a>, id: DataId| table.model.data(id).name.node.as_str();
        let (old_data, new_data) = union_ranks(&old.data, &new.data, |&a, &b| {
            name(&old, a).cmp(name(&new, b))
        });
        let in_union = |(party, data): PairIndex, parties: &[u32], data_ranks: &[u32]| {
            (parties[party as usize], data_ranks[data as usize])
        };
        let (old_pairs, new_pairs) = (
            std::mem::take(&mut old.pairs),
            std::mem::take(&mut new.pairs),
        );
        let (mut added, mut removed) = (Vec::new(), Vec::new());
        let (mut i, mut j) = (0, 0);
        while i < old_pairs.len() && j < new_pairs.len() {
            let was = in_union(old_pairs[i], &old_party, &old_data);
            let is = in_union(new_pairs[j], &new_party, &new_data);
            match was.cmp(&is) {
                Ordering::Less => {
                    removed.push(old_pairs[i]);
                    i += 1;
                }
                Ordering::Greater => {
                    added.push(new_pairs[j]);
                    j += 1;
                }
                Ordering::Equal => {
                    i += 1;
                    j += 1;
                }
            }
        }
        removed.extend_from_slice(&old_pairs[i..]);
        added.extend_from_slice(&new_pairs[j..]);
        FlowChanges {
            old,
            new,
            added,
            removed,
        }
    }

    /// No pair appears or disappears: the two versions are one check ([`super::compare`]).
    pub fn none(new: Side<'a>) -> FlowChanges<'a> {
        let model = &new.checked.model;
        FlowChanges {
            old: FlowTable::empty(model),
            new: FlowTable::empty(model),
            added: Vec::new(),
            removed: Vec::new(),
        }
    }

    /// The pairs only the new version has, in key order.
    pub fn added(&self) -> impl ExactSizeIterator<Item = FlowPair<'_>> {
        self.added.iter().map(|&pair| self.new.pair(pair))
    }

    /// The pairs only the old version has, in key order.
    pub fn removed(&self) -> impl ExactSizeIterator<Item = FlowPair<'_>> {
        self.removed.iter().map(|&pair| self.old.pair(pair))
    }

    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty()
    }
}

/// For two lists sorted by `cmp`, each key once in each, the rank of every item in the sorted union
/// of both: an item of both lists gets one rank, and the ranks keep the order of the keys.
fn union_ranks<T>(old: &[T], new: &[T], cmp: impl Fn(&T, &T) -> Ordering) -> (Vec<u32>, Vec<u32>) {
    let (mut old_ranks, mut new_ranks) =
        (Vec::with_capacity(old.len()), Vec::with_capacity(new.len()));
    let (mut i, mut j, mut rank) = (0, 0, 0u32);
    while i < old.len() || j < new.len() {
        let order = match (old.get(i), new.get(j)) {
            (Some(a), Some(b)) => cmp(a, b),
            (Some(_), None) => Ordering::Less,
            _ => Ordering::Greater,
        };
        if order != Ordering::Greater {
            old_ranks.push(rank);
            i += 1;
        }
        if order != Ordering::Less {
            new_ranks.push(rank);
            j += 1;
        }
        rank += 1;
    }
    (old_ranks, new_ranks)
}

/// Every processor and recipient, with what a pair says about it.
fn parties(model: &Model) -> Vec<(Node, Party<'_>)> {
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
        let party = Party {
            name: &p.name.node,
            kind,
            leaves_eea: place.as_ref().is_some_and(Place::outside_eea),
            place,
            chain,
        };
        (Node::Processor(id), party)
    });
    let recipients = model.recipients.iter().enumerate().map(|(i, r)| {
        let place = r.country.as_ref().map(|c| Place::of(&c.node));
        let party = Party {
            name: &r.name.node,
            kind: PartyKind::Recipient,
            leaves_eea: place.as_ref().is_some_and(Place::outside_eea),
            place,
            chain: Vec::new(),
        };
        (Node::Recipient(RecipientId(i as u32)), party)
    });
    processors.chain(recipients).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Both ways of ordering a party's pairs give the ranks sorted and each once, after the pairs of
    /// the parties before, which stay as they are.
    #[test]
    fn a_partys_pairs_are_ordered_and_each_once_by_bits_or_by_sorting() {
        let before = [(0, 5), (0, 9)];
        let ranks = [70, 3, 64, 3, 0, 127, 70, 1];
        let mut expected: Vec<PairIndex> = before.to_vec();
        expected.extend([0, 1, 3, 64, 70, 127].map(|r| (1, r)));
        // 128 ranks are two words: 8 pairs pay for reading them (bits); with 1,000 words they
        // do not (sorting).
        for ranks_in_spec in [128, 64_000] {
            let mut pairs = before.to_vec();
            pairs.extend(ranks.map(|r| (1, r)));
            let mut set = RankSet::new(ranks_in_spec);
            set.in_order(&mut pairs, before.len());
            assert_eq!(pairs, expected, "{ranks_in_spec} ranks");
            // The set is empty again for the next party.
            assert!(set.words.iter().all(|&w| w == 0));
            let end = pairs.len();
            set.in_order(&mut pairs, end);
            assert_eq!(pairs, expected);
        }
    }
}
