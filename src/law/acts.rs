//! The acts a spec can cite by keyword, with the structure of their provisions, loaded from
//! `src/law/data/<act>.toml`.

// Fx hashing: every citation of a spec is looked up here (act, provision, roles), and the keys are
// short words from the tool's own reference data.
use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::i18n::Lang;

/// The acts a spec can cite by keyword. Each line names the act's variant and the keyword a spec
/// writes, which is also the name of its data file, `src/law/data/KEYWORD.toml`: adding an act is one
/// line here and its file there.
macro_rules! acts {
    ($($(#[$doc:meta])* $variant:ident => $keyword:literal;)*) => {
        /// The acts known to the tool, by the keyword used in specs.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum ActId {
            $($(#[$doc])* $variant,)*
        }

        impl ActId {
            pub const ALL: [ActId; [$($keyword),*].len()] = [$(ActId::$variant),*];

            pub fn keyword(self) -> &'static str {
                match self {
                    $(ActId::$variant => $keyword,)*
                }
            }

            pub fn from_keyword(word: &str) -> Option<ActId> {
                Some(match word {
                    $($keyword => ActId::$variant,)*
                    _ => return None,
                })
            }

            /// The act's data file, built into the binary (the report's about section).
            pub(crate) fn source(self) -> &'static str {
                match self {
                    $(ActId::$variant => include_str!(concat!("data/", $keyword, ".toml")),)*
                }
            }

            /// The act's data file as the JSON build.rs made of it, built into the binary.
            fn table(self) -> &'static str {
                match self {
                    $(ActId::$variant => $crate::law::table::table_json!($keyword),)*
                }
            }
        }
    };
}

acts! {
    /// Regulation (EU) 2016/679.
    Gdpr => "gdpr";
    /// Databeskyttelsesloven.
    Dbl => "dbl";
    /// Tv-overvågningsloven.
    Tvol => "tvol";
    /// Forvaltningsloven.
    Fvl => "fvl";
    /// Offentlighedsloven.
    Offl => "offl";
    /// Arkivloven.
    Arkivl => "arkivl";
    // Sector statutes: the tasks, duties, disclosures and reuse they provide for (issue 12).
    /// Serviceloven (lov om social service).
    Servl => "servl";
    /// Barnets lov.
    Barnl => "barnl";
    /// Retssikkerhedsloven (lov om retssikkerhed og administration på det sociale område).
    Rsl => "rsl";
    /// Aktivloven (lov om aktiv socialpolitik).
    Aktivl => "aktivl";
    /// Kommunestyrelsesloven (lov om kommunernes styrelse).
    Kstyl => "kstyl";
    /// Beskæftigelsesindsatsloven (lov om en aktiv beskæftigelsesindsats).
    Lab => "lab";
    /// Sygedagpengeloven.
    Sdpl => "sdpl";
    /// CPR-loven (lov om Det Centrale Personregister).
    Cprl => "cprl";
    /// Børneattestloven (lov om indhentelse af børneattest).
    Boerneattest => "boerneattest";
    /// Folkeskoleloven.
    Fsl => "fsl";
    /// Dagtilbudsloven.
    Dtl => "dtl";
    /// Sundhedsloven.
    Sul => "sul";
    /// Indkomstregisterloven (lov om et indkomstregister: eIndkomst).
    Irl => "irl";
    /// Skatteforvaltningsloven.
    Sfl => "sfl";
    /// Skatteindberetningsloven (the reporting duties to the tax authority).
    Sil => "sil";
    /// Arbejdstidsloven.
    Atl => "atl";
    /// Arbejdsmiljøloven.
    Aml => "aml";
    /// Ferieloven (lov om ferie).
    Feriel => "feriel";
    /// Byggeloven.
    Byggel => "byggel";
}

/// An act is written in JSON as the keyword a spec cites it by.
impl serde::Serialize for ActId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.keyword())
    }
}

impl ActId {
    /// The act's reference data, read from its table the first time it is needed.
    pub fn act(self) -> &'static Act {
        // By index, not in a map: every citation of a spec looks its act up, and the rules again.
        static ACTS: [OnceLock<Act>; ActId::ALL.len()] =
            [const { OnceLock::new() }; ActId::ALL.len()];
        ACTS[self as usize].get_or_init(|| load_act(self, read_table(self)))
    }

    /// The act's `[act]` table alone, its provisions passed over unread: finding an act by its name
    /// (a rule's citation, `law "..."`) then builds no act's provisions, which were most of a small
    /// spec's run when every act was read to compare names.
    pub fn header(self) -> &'static ActHeader {
        static HEADERS: [OnceLock<ActHeader>; ActId::ALL.len()] =
            [const { OnceLock::new() }; ActId::ALL.len()];
        HEADERS[self as usize].get_or_init(|| read_header(self))
    }
}

/// How an act numbers the points inside a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PointStyle {
    /// GDPR: (a), (b), ...
    Letters,
    /// Danish acts: nr. 1, 2, ...
    Numbers,
}

/// How an act names its provisions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    /// GDPR: art. 6(1)(e).
    Article,
    /// Danish acts: § 8, stk. 2, nr. 1.
    Section,
}

#[derive(Debug, Deserialize)]
struct ActFile {
    act: ActHeader,
    provision: Vec<Provision>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ActHeader {
    pub id: String,
    pub title: String,
    pub short: String,
    pub unit: Unit,
    pub points: PointStyle,
    pub source: String,
    pub checked: String,
    /// Whether every provision of the act is listed. For an incomplete table, a provision that is not
    /// listed is accepted without checking its paragraphs and points (it may exist).
    #[serde(default = "default_true")]
    pub complete: bool,
    /// The areas of work (`art9.toml`'s areas: social, school, health, ...) an activity whose basis
    /// cites this act belongs to (rule ART9-FIT). Empty for the general acts.
    #[serde(default)]
    pub areas: Vec<String>,
    /// How a spec names the act in free text (`law "Lov om social service § 83"`), lowercase: the
    /// short name and the official title, so that the act can be told from its name.
    #[serde(default)]
    pub names: Vec<String>,
}

/// One article or § and its structure.
#[derive(Debug, Clone, Deserialize)]
pub struct Provision {
    pub number: String,
    /// Numbered paragraphs (stk.); 1 when the provision is a single paragraph.
    pub paragraphs: u32,
    /// Points (letters or nr.) per paragraph that has them.
    #[serde(default)]
    pub points: HashMap<String, u32>,
    #[serde(default)]
    pub title: String,
    /// The heading in Danish, where the act's data gives it (the GDPR's articles).
    #[serde(default)]
    pub title_da: String,
    #[serde(default = "default_true")]
    pub verified: bool,
    /// What the provision can do in a `basis`, per paragraph (`"*"`: the whole article, and a citation
    /// of it without a paragraph). Only the GDPR records roles; see `gdpr.toml`.
    #[serde(default)]
    pub basis: HashMap<String, BasisRole>,
    /// In a few words, what the provision is, for a finding that it is not a lawful basis
    /// ("the duty to keep data secure"); the title is used when it is empty.
    #[serde(default)]
    pub what: String,
    /// Where the provision belongs in a spec instead of `basis`, when it has a place of its own.
    #[serde(default)]
    pub instead: String,
    /// `what` in Danish.
    #[serde(default)]
    pub what_da: String,
    /// `instead` in Danish.
    #[serde(default)]
    pub instead_da: String,
    /// What the provision does for GDPR art. 6(3): lays down a task or a duty (so it is the law a basis
    /// in art. 6(1)(c) or (e) rests on), or only a condition for processing. `None`: not classified.
    #[serde(default)]
    pub lays_down: Option<LaysDown>,
    /// What further processing the provision itself provides for (art. 6(4), first words), if any.
    /// Where the data gives `discloses` or `reuse` and not this, it is filled in from them on loading.
    #[serde(default)]
    pub provides_for: Option<ProvidesFor>,
    /// The disclosures the provision itself provides for: to which kind of recipient
    /// (`disclosures.toml`'s kinds), in which stk., to whom in the act's words.
    #[serde(default)]
    pub discloses: Vec<ProvidedDisclosure>,
    /// The reuse of data collected for another purpose the provision allows, in a few words; empty
    /// when it allows none.
    #[serde(default)]
    pub reuse: String,
    /// `reuse` in Danish.
    #[serde(default)]
    pub reuse_da: String,
    /// `points` indexed by paragraph number, filled in when the act is loaded (no string keys on the
    /// hot path of validation).
    #[serde(skip)]
    points_by_paragraph: Vec<u32>,
    /// `basis` read for look-ups, filled in when the act is loaded.
    #[serde(skip)]
    basis_roles: BasisRoles,
}

/// A provision's roles in a `basis`, as [`Provision::basis_role`] looks them up.
#[derive(Debug, Clone, Default)]
struct BasisRoles {
    /// The role of the whole article (`"*"`), whatever paragraph is cited.
    whole: Option<BasisRole>,
    /// The role of each paragraph, by number.
    by_paragraph: Vec<Option<BasisRole>>,
    /// The role of a citation without a paragraph.
    unnamed: Option<BasisRole>,
}

impl BasisRoles {
    fn of(provision: &Provision) -> BasisRoles {
        let basis = &provision.basis;
        let mut by_paragraph = Vec::new();
        for (key, role) in basis {
            // Only a number as written in decimal, as a citation's paragraph is looked up.
            let Some(p) = key.parse::<usize>().ok().filter(|p| p.to_string() == *key) else {
                continue;
            };
            if by_paragraph.len() <= p {
                by_paragraph.resize(p + 1, None);
            }
            by_paragraph[p] = Some(*role);
        }
        let unnamed = if provision.paragraphs <= 1 {
            basis.get("1").copied()
        } else {
            // Any of its paragraphs: a ground if one is.
            basis
                .values()
                .copied()
                .min_by_key(|r| *r != BasisRole::Ground)
        };
        BasisRoles {
            whole: basis.get("*").copied(),
            by_paragraph,
            unnamed,
        }
    }
}

impl Provision {
    /// The heading in `lang` (the English one where no Danish heading is recorded).
    pub fn title_in(&self, lang: Lang) -> &str {
        match lang {
            Lang::Da if !self.title_da.is_empty() => &self.title_da,
            _ => &self.title,
        }
    }

    /// `what` in `lang`.
    pub fn what_in(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.what,
            Lang::Da => &self.what_da,
        }
    }

    /// `instead` in `lang`.
    pub fn instead_in(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.instead,
            Lang::Da => &self.instead_da,
        }
    }
}

/// What a provision does for GDPR art. 6(3), as the act's data file says (`lays_down`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LaysDown {
    /// It gives the controller a task or official authority (art. 6(1)(e)): TVOL §§ 2 a, 2 c, 2 d.
    Task,
    /// It obliges the controller to do something that takes processing (art. 6(1)(c)): GDPR art. 32,
    /// offentlighedsloven § 15, arkivloven § 21. A GDPR duty counts only with art. 6(1)(c).
    Duty,
    /// It sets a condition for processing but lays down no task or duty: DBL §§ 5-12, FVL §§ 27-28.
    Condition,
}

/// What further processing a provision itself provides for (`provides_for`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ProvidesFor {
    /// Disclosure of the data: offentlighedsloven § 7, forvaltningsloven § 9.
    Disclosure,
    /// Handing the records to a public archive: arkivloven § 21.
    Archiving,
    /// Using data collected for one purpose for another: retssikkerhedsloven § 11 c.
    Reuse,
}

/// A disclosure a provision provides for (`discloses` in the act's data).
#[derive(Debug, Clone, Deserialize)]
pub struct ProvidedDisclosure {
    /// The kind of recipient, as `disclosures.toml` names the kinds (`authority`, `police`, ...).
    pub to: String,
    /// The stk. that provides for it, where the act says so.
    #[serde(default)]
    pub stk: Option<String>,
    /// The recipient in the act's words (Danish).
    #[serde(default)]
    pub who: String,
}

/// What a provision can do when it is cited in a `basis`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BasisRole {
    /// A lawful basis or condition: art. 6(1), 9(2), 10, 49(1).
    Ground,
    /// An opening clause or companion provision cited alongside a ground: art. 6(2)-(4), 7, 9(4), 85-91.
    Supplement,
}

impl Provision {
    /// The role of this provision cited with `paragraph` in a `basis`; `None` when it has none (it is
    /// not a lawful basis). A citation without a paragraph takes the role of a single-paragraph
    /// article, or of any of its paragraphs: `gdpr 6` is vague, not a wrong kind of provision.
    pub fn basis_role(&self, paragraph: Option<u32>) -> Option<BasisRole> {
        let roles = &self.basis_roles;
        if roles.whole.is_some() {
            return roles.whole;
        }
        match paragraph {
            Some(p) => roles.by_paragraph.get(p as usize).copied().flatten(),
            None => roles.unnamed,
        }
    }

    /// How many points (letters or nr.) paragraph `paragraph` has; 0 when it has none.
    pub fn points_in(&self, paragraph: u32) -> u32 {
        self.points_by_paragraph
            .get(paragraph as usize)
            .copied()
            .unwrap_or(0)
    }
}

fn default_true() -> bool {
    true
}

/// An act with its provisions.
#[derive(Debug)]
pub struct Act {
    pub id: ActId,
    pub header: ActHeader,
    provisions: Vec<Provision>,
    /// Index into `provisions` by number as written in the table.
    by_number: HashMap<String, usize>,
    /// Index into `provisions` plus one (0: none) for numbers written as plain decimals (`6`, `22`):
    /// nearly every citation, looked up without hashing.
    by_plain_number: Vec<u32>,
}

impl Act {
    pub fn provision(&self, number: &str) -> Option<&Provision> {
        let index = match plain_number(number) {
            Some(n) => (*self.by_plain_number.get(n)? as usize).checked_sub(1)?,
            None => *self.by_number.get(number)?,
        };
        Some(&self.provisions[index])
    }

    pub fn provision_numbers(&self) -> impl Iterator<Item = &str> {
        self.by_number.keys().map(String::as_str)
    }
}

/// `n` when `number` is `n` written in decimal without leading zeros, and short.
fn plain_number(number: &str) -> Option<usize> {
    let bytes = number.as_bytes();
    let plain = (1..=4).contains(&bytes.len())
        && bytes.iter().all(u8::is_ascii_digit)
        && (bytes[0] != b'0' || bytes.len() == 1);
    plain.then(|| bytes.iter().fold(0, |n, &d| n * 10 + usize::from(d - b'0')))
}

/// The `[act]` table of an act's data file; the `[[provision]]`s are skipped, not built.
fn read_header(id: ActId) -> ActHeader {
    #[derive(Deserialize)]
    struct HeaderFile {
        act: ActHeader,
    }
    let file: HeaderFile = super::table::read(id.keyword(), id.table());
    file.act
}

/// An act's data file, as written.
fn read_table(id: ActId) -> ActFile {
    super::table::read(id.keyword(), id.table())
}

/// The act's provisions indexed as the look-ups want them.
fn load_act(id: ActId, file: ActFile) -> Act {
    let table: HashMap<String, Provision> = file
        .provision
        .into_iter()
        .map(|mut p| {
            let last = p
                .points
                .keys()
                .filter_map(|k| k.parse::<usize>().ok())
                .max()
                .unwrap_or(0);
            p.points_by_paragraph = vec![0; last + 1];
            for (paragraph, count) in &p.points {
                let index: usize = paragraph.parse().unwrap_or_else(|_| {
                    panic!(
                        "{}: paragraph `{paragraph}` of {} is not a number",
                        id.keyword(),
                        p.number
                    )
                });
                p.points_by_paragraph[index] = *count;
            }
            p.basis_roles = BasisRoles::of(&p);
            if p.provides_for.is_none() {
                p.provides_for = if !p.discloses.is_empty() {
                    Some(ProvidesFor::Disclosure)
                } else if !p.reuse.is_empty() {
                    Some(ProvidesFor::Reuse)
                } else {
                    None
                };
            }
            (p.number.clone(), p)
        })
        .collect();
    let mut provisions = Vec::with_capacity(table.len());
    let mut by_number = HashMap::default();
    let mut by_plain_number = Vec::new();
    for (number, provision) in table {
        if let Some(n) = plain_number(&number) {
            if by_plain_number.len() <= n {
                by_plain_number.resize(n + 1, 0);
            }
            by_plain_number[n] = provisions.len() as u32 + 1;
        }
        by_number.insert(number, provisions.len());
        provisions.push(provision);
    }
    Act {
        id,
        header: file.act,
        provisions,
        by_number,
        by_plain_number,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_alone_is_the_header_of_the_whole_act() {
        for id in ActId::ALL {
            assert_eq!(
                format!("{:?}", id.header()),
                format!("{:?}", id.act().header),
                "{}",
                id.keyword()
            );
        }
    }

    /// `basis_role` as the table says it, read from `basis` with string keys.
    fn role_from_table(p: &Provision, paragraph: Option<u32>) -> Option<BasisRole> {
        if let Some(role) = p.basis.get("*") {
            return Some(*role);
        }
        match paragraph {
            Some(n) => p.basis.get(n.to_string().as_str()).copied(),
            None if p.paragraphs <= 1 => p.basis.get("1").copied(),
            None => p
                .basis
                .values()
                .copied()
                .min_by_key(|r| *r != BasisRole::Ground),
        }
    }

    #[test]
    fn basis_roles_are_the_table_s() {
        for id in ActId::ALL {
            let act = id.act();
            for number in act.provision_numbers() {
                let p = act.provision(number).unwrap();
                let paragraphs = std::iter::once(None).chain((0..=p.paragraphs + 1).map(Some));
                for paragraph in paragraphs {
                    assert_eq!(
                        p.basis_role(paragraph),
                        role_from_table(p, paragraph),
                        "{} {number} {paragraph:?}",
                        id.keyword()
                    );
                }
            }
        }
    }

    #[test]
    fn every_act_loads_and_names_itself() {
        for id in ActId::ALL {
            assert_eq!(ActId::from_keyword(id.keyword()), Some(id));
            let act = id.act();
            assert_eq!(act.header.id, id.keyword());
            assert!(
                act.provision_numbers().count() > 0,
                "{} has no provisions",
                id.keyword()
            );
        }
    }

    #[test]
    fn an_act_is_written_in_json_as_its_keyword() {
        for id in ActId::ALL {
            let json = serde_json::to_string(&id).unwrap();
            assert_eq!(json, format!("\"{}\"", id.keyword()));
        }
    }

    #[test]
    fn sector_data_names_real_areas_recipient_kinds_and_paragraphs() {
        use crate::law::vocabulary::{Area, RecipientKind};
        for id in ActId::ALL {
            let act = id.act();
            let keyword = id.keyword();
            for area in &act.header.areas {
                assert!(
                    Area::from_keyword(area).is_some(),
                    "{keyword}: area `{area}`"
                );
            }
            for name in &act.header.names {
                assert!(
                    !name.is_empty() && *name == name.to_lowercase(),
                    "{keyword}: `{name}`"
                );
            }
            for number in act.provision_numbers() {
                let p = act.provision(number).unwrap();
                for d in &p.discloses {
                    assert!(
                        RecipientKind::from_keyword(&d.to).is_some(),
                        "{keyword} {number}: `{}` is not a recipient kind",
                        d.to
                    );
                    if let Some(stk) = &d.stk {
                        let stk: u32 = stk.parse().expect("stk is a number");
                        assert!(
                            (1..=p.paragraphs).contains(&stk),
                            "{keyword} {number}: stk. {stk}"
                        );
                    }
                    assert!(!d.who.is_empty(), "{keyword} {number}: to whom");
                }
                assert_eq!(
                    p.reuse.is_empty(),
                    p.reuse_da.is_empty(),
                    "{keyword} {number}"
                );
            }
        }
    }

    #[test]
    fn a_disclosure_or_a_reuse_in_the_data_is_what_the_provision_provides_for() {
        let text = r#"
            [act]
            id = "fvl"
            title = "t"
            short = "s"
            unit = "section"
            points = "numbers"
            source = "test"
            checked = "2026-12-06"
            [[provision]]
            number = "1"
            paragraphs = 2
            discloses = [{ to = "authority", stk = "2", who = "en anden myndighed" }]
            [[provision]]
            number = "2"
            paragraphs = 1
            reuse = "for supervision"
            reuse_da = "til tilsyn"
            [[provision]]
            number = "3"
            paragraphs = 1
            reuse = "for supervision"
            reuse_da = "til tilsyn"
            provides_for = "archiving"
            [[provision]]
            number = "4"
            paragraphs = 1
        "#;
        let act = load_act(ActId::Fvl, toml::from_str(text).unwrap());
        let provides = |n: &str| act.provision(n).unwrap().provides_for;
        assert_eq!(provides("1"), Some(ProvidesFor::Disclosure));
        assert_eq!(provides("2"), Some(ProvidesFor::Reuse));
        assert_eq!(
            provides("3"),
            Some(ProvidesFor::Archiving),
            "what the data says wins"
        );
        assert_eq!(provides("4"), None);
    }

    #[test]
    fn provisions_are_found_by_number_as_written() {
        for id in ActId::ALL {
            let act = id.act();
            for number in act.provision_numbers() {
                assert_eq!(act.provision(number).unwrap().number, number);
            }
        }
        let gdpr = ActId::Gdpr.act();
        for absent in ["0", "06", "100", "9999", "99999", "6a", ""] {
            assert!(gdpr.provision(absent).is_none(), "{absent}");
        }
    }

    #[test]
    fn gdpr_structure_matches_the_regulation() {
        let gdpr = ActId::Gdpr.act();
        assert_eq!(gdpr.provision("6").unwrap().points["1"], 6);
        assert_eq!(gdpr.provision("9").unwrap().points["2"], 10);
        assert_eq!(gdpr.provision("10").unwrap().paragraphs, 1);
        assert!(gdpr.provision("100").is_none());
    }

    /// ART6-NOT-A-BASIS names a provision without a description by its heading ("the provision on
    /// prior consultation"): in the reader's language, and in English where the data records no Danish
    /// heading (the acts other than the GDPR).
    #[test]
    fn a_provision_s_heading_is_in_the_reader_s_language() {
        let consultation = ActId::Gdpr.act().provision("36").unwrap();
        assert_eq!(consultation.title_in(Lang::En), "Prior consultation");
        assert_eq!(consultation.title_in(Lang::Da), "Forudgående høring");
        let lawfulness = ActId::Dbl.act().provision("6").unwrap();
        assert!(
            lawfulness.title_da.is_empty(),
            "dbl § 6 has a Danish heading now: test the fallback on a provision without one"
        );
        assert!(lawfulness.title.starts_with("Lawfulness (GDPR art. 6(1))"));
        assert_eq!(lawfulness.title_in(Lang::Da), lawfulness.title);
    }

    #[test]
    fn gdpr_words_for_findings_are_in_danish_too() {
        let gdpr = ActId::Gdpr.act();
        for number in gdpr.provision_numbers() {
            let p = gdpr.provision(number).unwrap();
            assert!(!p.title_da.is_empty(), "art. {number} has no Danish title");
            assert_eq!(
                p.what.is_empty(),
                p.what_da.is_empty(),
                "art. {number}: what_da"
            );
            assert_eq!(
                p.instead.is_empty(),
                p.instead_da.is_empty(),
                "art. {number}: instead_da"
            );
        }
    }
}
