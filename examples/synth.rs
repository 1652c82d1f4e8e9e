//! Writes a synthetic but realistic single-file spec to standard output, for benchmarks and soak tests.
//!
//! ```text
//! cargo run --release --example synth -- --activities 10000 [--seed 7] > /tmp/s10k.hjemmel
//! ```
//!
//! The spec has one controller (a public authority with a DPO), a handful of groups of data subjects,
//! a few hundred data categories of every class, sources of every kind, about N/50 processors with
//! chains of sub-processors 1–3 deep in EU, adequate and third countries, about N/100 recipients of
//! every kind, and N activities. Most of it is compliant; a few percent of the activities miss a
//! basis, a condition or a deadline, so that every rule fires at a realistic rate. The same
//! `--activities` and `--seed` always give the same text (a splitmix64 generator, no dependency).

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

/// splitmix64: small, fast, and good enough for synthetic data.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5DEE_CE66_D1CE_4E5B)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (((self.next_u64() >> 11) as u128 * n as u128) >> 53) as usize
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `p`.
    fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64) < p
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// How often a spec is wrong: the probability that a given statement is left out or is incomplete.
/// Chosen so that a few percent of the activities get a finding.
mod rate {
    pub const NO_ART6: f64 = 0.010;
    pub const NO_ART9: f64 = 0.030;
    pub const NO_ART10: f64 = 0.040;
    pub const NO_CPR: f64 = 0.015;
    pub const NO_RETAIN: f64 = 0.008;
    pub const PARTIAL_RETAIN: f64 = 0.015;
    pub const DISCLOSE_NO_BASIS: f64 = 0.020;
    pub const DISCLOSE_NO_ART9: f64 = 0.030;
    pub const DISCLOSE_CPR_PUBLIC: f64 = 0.050;
    pub const CCTV_TOO_LONG: f64 = 0.150;
    pub const NO_AGREEMENT: f64 = 0.030;
    pub const NO_MECHANISM: f64 = 0.120;
    pub const OUTSIDE_EEA: f64 = 0.050;
    pub const NOT_A_BASIS: f64 = 0.010;
    pub const NO_EMPLOYEE_BASIS: f64 = 0.020;
    pub const NO_WITHDRAWAL: f64 = 0.030;
    pub const NO_NOTICE: f64 = 0.030;
    pub const NO_AUTHORISATION: f64 = 0.030;
    pub const NO_DPF_LISTING: f64 = 0.050;
    pub const NO_REVIEW_DOCUMENTS: f64 = 0.050;
    pub const NO_CONTROL_DOCUMENTS: f64 = 0.030;
    pub const DISCLOSE_CONFIDENTIAL_PUBLIC: f64 = 0.050;
    pub const CCTV_TO_OTHERS: f64 = 0.050;
}

const USAGE: &str = "usage: synth --activities N [--seed S]";

fn main() -> ExitCode {
    let mut activities: Option<usize> = None;
    let mut seed: u64 = 1;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = |args: &mut dyn Iterator<Item = String>| args.next();
        match arg.as_str() {
            "--activities" | "-n" => match value(&mut args).and_then(|v| v.parse().ok()) {
                Some(n) => activities = Some(n),
                None => return usage("--activities takes a whole number"),
            },
            "--seed" | "-s" => match value(&mut args).and_then(|v| v.parse().ok()) {
                Some(s) => seed = s,
                None => return usage("--seed takes a whole number"),
            },
            "--help" | "-h" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            other => return usage(&format!("unknown argument `{other}`")),
        }
    }
    let Some(activities) = activities else {
        return usage("--activities is required");
    };
    let stdout = io::stdout().lock();
    let mut out = BufWriter::with_capacity(1 << 16, stdout);
    let result = Generator::new(activities, seed).write(&mut out);
    match result.and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        // `synth ... | head` is fine.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("synth: {e}");
            ExitCode::FAILURE
        }
    }
}

fn usage(problem: &str) -> ExitCode {
    eprintln!("synth: {problem}\n{USAGE}");
    ExitCode::from(2)
}

// -------------------------------------------------------------------------------------------------
// Vocabulary of the synthetic municipality

/// Subject groups: name, label, kind.
const SUBJECTS: &[(&str, &str, &str)] = &[
    ("citizens", "Borgere", "citizens"),
    ("children", "Børn og unge", "children"),
    ("parents", "Forældre og værger", "citizens"),
    ("relatives", "Pårørende", "citizens"),
    ("employees", "Medarbejdere", "employees"),
    ("applicants", "Ansøgere til stillinger", "other"),
    ("suppliers", "Kontaktpersoner hos leverandører", "other"),
    ("visitors", "Besøgende på rådhuset", "citizens"),
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Ordinary,
    Confidential,
    Cpr,
    Criminal,
    Special,
}

const ORDINARY: &[(&str, &str)] = &[
    ("name", "Navn"),
    ("address", "Adresse"),
    ("phone", "Telefonnummer"),
    ("email", "E-mailadresse"),
    ("case_no", "Sagsnummer"),
    ("username", "Brugernavn"),
    ("access_log", "Adgangslog"),
    ("photo", "Fotografi"),
    ("video", "Videooptagelser"),
    ("education", "Uddannelse"),
    ("job_title", "Stillingsbetegnelse"),
    ("absence", "Fravær (uden årsag)"),
    ("vehicle", "Registreringsnummer"),
    ("housing", "Boligforhold"),
    ("school", "Skole og klassetrin"),
    ("device", "Enhedsoplysninger"),
];

const CONFIDENTIAL: &[(&str, &str)] = &[
    ("income", "Indkomstforhold"),
    ("debt", "Gæld og restancer"),
    ("family", "Familieforhold"),
    ("social", "Sociale problemer"),
    ("salary", "Løn og pension"),
    ("bank", "Kontooplysninger"),
    ("tax", "Skatteoplysninger"),
    ("evaluation", "Vurdering af arbejdsindsats"),
];

const CPR: &[(&str, &str)] = &[("cpr", "CPR-nummer"), ("cpr_child", "Barnets CPR-nummer")];

const CRIMINAL: &[(&str, &str)] = &[
    ("conviction", "Straffedomme"),
    ("record", "Børneattest"),
    ("offence", "Mistanke om strafbare forhold"),
];

const SPECIAL: &[(&str, &str, &str)] = &[
    ("health", "Helbredsoplysninger", "health"),
    ("diagnosis", "Diagnoser", "health"),
    ("medication", "Medicinoplysninger", "health"),
    ("disability", "Funktionsnedsættelse", "health"),
    ("union", "Fagforeningsmedlemskab", "trade_union"),
    ("ethnicity", "Etnisk oprindelse", "ethnic_origin"),
    ("religion", "Religiøs overbevisning", "religious_beliefs"),
    ("biometric", "Fingeraftryk til adgangskontrol", "biometric"),
    ("sexuality", "Seksuel orientering", "sexual_orientation"),
    ("genetic", "Genetiske oplysninger", "genetic"),
    (
        "scan_found",
        "Følsomme oplysninger fundet ved scanning",
        "any",
    ),
];

/// Areas of a municipality, for names and labels.
const AREAS: &[(&str, &str)] = &[
    ("social", "Socialforvaltningen"),
    ("school", "Skoleområdet"),
    ("daycare", "Dagtilbud"),
    ("elder", "Ældreplejen"),
    ("job", "Jobcentret"),
    ("hr", "Personaleafdelingen"),
    ("it", "IT-afdelingen"),
    ("tech", "Teknik og miljø"),
    ("citizen", "Borgerservice"),
    ("health", "Sundhedsplejen"),
    ("culture", "Kultur og fritid"),
    ("finance", "Økonomiafdelingen"),
];

const VERBS: &[&str] = &[
    "Behandling af ansøgninger om",
    "Visitation til",
    "Opfølgning på",
    "Udbetaling af",
    "Tilsyn med",
    "Registrering af",
    "Kommunikation om",
    "Journalisering af",
];

const TOPICS: &[&str] = &[
    "hjælpemidler",
    "boligstøtte",
    "sygedagpenge",
    "skoleindskrivning",
    "pladsanvisning",
    "hjemmepleje",
    "fleksjob",
    "byggetilladelser",
    "parkeringstilladelser",
    "personalesager",
    "rekruttering",
    "adgangskort",
    "tandpleje",
    "specialundervisning",
    "foreningstilskud",
    "affaldsordninger",
];

const STATUTES: &[&str] = &[
    "Lov om social service",
    "Barnets lov",
    "Folkeskoleloven",
    "Dagtilbudsloven",
    "Lov om aktiv socialpolitik",
    "Lov om en aktiv beskæftigelsesindsats",
    "Sundhedsloven",
    "Byggeloven",
    "Lov om kommunernes styrelse",
    "Sygedagpengeloven",
];

/// Sources: name, label, kind (every kind of the language).
const SOURCES: &[(&str, &str, &str)] = &[
    ("self", "Den registrerede selv", "data_subject"),
    ("family", "Familie og pårørende", "other_citizens"),
    ("cpr_register", "CPR-registret", "register"),
    ("income_register", "Indkomstregistret", "register"),
    ("region", "Regionen", "authority"),
    ("other_municipality", "Andre kommuner", "authority"),
    ("police_source", "Politiet", "authority"),
    ("school_source", "Skoler og institutioner", "organisation"),
    ("doctor", "Egen læge", "organisation"),
    ("caseworkers", "Sagsbehandlere", "staff"),
    ("managers", "Ledere", "staff"),
    ("logs", "Systemlogs", "system_log"),
];

const EU: &[&str] = &[
    "DK", "DK", "DK", "SE", "DE", "IE", "NL", "FI", "FR", "NO", "IS",
];
/// Third countries whose adequacy decision covers every importer.
const ADEQUATE: &[&str] = &["GB", "CH", "NZ", "UY", "AD", "IM", "JE", "FO"];
/// Third countries without (a full) adequacy decision.
const THIRD: &[&str] = &["IN", "PH", "UA", "RS", "VN", "MY", "ZA", "MA", "CA", "JP"];

const VENDORS: &[&str] = &[
    "Systemleverandør",
    "Hostingleverandør",
    "Lønsystem",
    "ESDH-leverandør",
    "Cloud-platform",
    "Supportpartner",
    "Printleverandør",
    "Mailtjeneste",
    "Backupleverandør",
    "Driftscenter",
];

/// Recipient kinds (every kind of the language) with a name stem and label.
const RECIPIENTS: &[(&str, &str, &str)] = &[
    ("tax", "Skattestyrelsen", "tax"),
    ("police", "Politiet", "police"),
    ("emergency", "Nødkaldstjenester", "emergency"),
    ("authority", "Anden myndighed", "authority"),
    ("public", "Offentligheden (hjemmeside)", "public"),
    ("organisation", "Privat virksomhed", "organisation"),
    ("person", "Part i sagen", "person"),
];

// -------------------------------------------------------------------------------------------------
// The generator

struct Category {
    name: String,
    class: Class,
}

struct Recipient {
    name: String,
    kind: &'static str,
}

/// `pub` so that tests/fast_parser.rs can include this file and generate a spec in memory.
pub struct Generator {
    rng: Rng,
    activities: usize,
    data: Vec<Category>,
    /// Indices into `data`, by class.
    by_class: [Vec<usize>; 5],
    processors: Vec<String>,
    /// Processors and sub-processors written so far: every tenth has no supervision recorded,
    /// counted rather than drawn so that the rest of the spec is what the same seed gave before.
    parties: usize,
    recipients: Vec<Recipient>,
    /// Names of the activities written so far (an activity may be the source of a later one).
    names: Vec<String>,
}

fn class_index(c: Class) -> usize {
    match c {
        Class::Ordinary => 0,
        Class::Confidential => 1,
        Class::Cpr => 2,
        Class::Criminal => 3,
        Class::Special => 4,
    }
}

impl Generator {
    pub fn new(activities: usize, seed: u64) -> Generator {
        Generator {
            rng: Rng::new(seed),
            activities,
            data: Vec::new(),
            by_class: Default::default(),
            processors: Vec::new(),
            parties: 0,
            recipients: Vec::new(),
            names: Vec::with_capacity(activities),
        }
    }

    pub fn write(mut self, out: &mut impl Write) -> io::Result<()> {
        writeln!(
            out,
            "// Synthetic spec: {} activities (examples/synth.rs). Not a real notice.\n",
            self.activities
        )?;
        self.controller(out)?;
        self.subjects(out)?;
        self.data_categories(out)?;
        self.sources(out)?;
        self.processors(out)?;
        self.recipients(out)?;
        for i in 0..self.activities {
            self.activity(out, i)?;
        }
        Ok(())
    }

    fn controller(&mut self, out: &mut impl Write) -> io::Result<()> {
        writeln!(
            out,
            "controller kommune \"Syntetisk Kommune\" {{\n  public authority\n  country DK\n  \
             address \"Rådhustorvet 1, 9999 Syntetisk\"\n  contact \"kommune@syntetisk.dk\"\n  \
             dpo {{\n    name \"Databeskyttelsesrådgiver\"\n    email \"dpo@syntetisk.dk\"\n    \
             phone \"+45 99 99 99 99\"\n  }}\n  \
             document \"Syntetisk privatlivspolitik\" {{ date 2026-10-01 }}\n}}\n"
        )
    }

    fn subjects(&mut self, out: &mut impl Write) -> io::Result<()> {
        for (name, label, kind) in SUBJECTS {
            writeln!(out, "subjects {name} \"{label}\" {kind}")?;
        }
        writeln!(out)
    }

    /// A few hundred categories: 200 plus one per 500 activities, at most 600.
    fn data_categories(&mut self, out: &mut impl Write) -> io::Result<()> {
        let count = (200 + self.activities / 500).min(600);
        for i in 0..count {
            let roll = self.rng.below(100);
            let (class, stem, label, text) = match roll {
                0..=44 => {
                    let (s, l) = *self.rng.pick(ORDINARY);
                    (Class::Ordinary, s, l, "ordinary".to_string())
                }
                45..=64 => {
                    let (s, l) = *self.rng.pick(CONFIDENTIAL);
                    (Class::Confidential, s, l, "confidential".to_string())
                }
                65..=71 => {
                    let (s, l) = *self.rng.pick(CPR);
                    (Class::Cpr, s, l, "cpr".to_string())
                }
                72..=77 => {
                    let (s, l) = *self.rng.pick(CRIMINAL);
                    (Class::Criminal, s, l, "criminal".to_string())
                }
                _ => {
                    let (s, l, kind) = *self.rng.pick(SPECIAL);
                    let text = if self.rng.chance(0.1) && kind != "any" {
                        let (_, _, other) = *self.rng.pick(SPECIAL);
                        if other != kind && other != "any" {
                            format!("special({kind}, {other})")
                        } else {
                            format!("special({kind})")
                        }
                    } else {
                        format!("special({kind})")
                    };
                    (Class::Special, s, l, text)
                }
            };
            let (area, area_label) = *self.rng.pick(AREAS);
            let name = format!("{stem}_{area}_{i}");
            writeln!(out, "data {name} \"{label} ({area_label})\" {text}")?;
            self.by_class[class_index(class)].push(self.data.len());
            self.data.push(Category { name, class });
        }
        // Every class is present whatever the seed.
        for (class, (stem, label), text) in [
            (Class::Ordinary, ORDINARY[0], "ordinary"),
            (Class::Confidential, CONFIDENTIAL[0], "confidential"),
            (Class::Cpr, CPR[0], "cpr"),
            (Class::Criminal, CRIMINAL[0], "criminal"),
            (
                Class::Special,
                (SPECIAL[0].0, SPECIAL[0].1),
                "special(health)",
            ),
        ] {
            let name = format!("{stem}_common");
            writeln!(out, "data {name} \"{label}\" {text}")?;
            self.by_class[class_index(class)].push(self.data.len());
            self.data.push(Category { name, class });
        }
        writeln!(out)
    }

    fn sources(&mut self, out: &mut impl Write) -> io::Result<()> {
        for (name, label, kind) in SOURCES {
            writeln!(out, "source {name} \"{label}\" {kind}")?;
        }
        writeln!(out)
    }

    /// About N/50 processors, each with a chain of sub-processors 1–3 deep.
    fn processors(&mut self, out: &mut impl Write) -> io::Result<()> {
        let count = (self.activities / 50).max(4);
        for i in 0..count {
            let vendor = *self.rng.pick(VENDORS);
            let name = format!("proc_{i}");
            self.processors.push(name.clone());
            writeln!(out, "processor {name} \"{vendor} {i}\" {{")?;
            self.party_fields(out, 1, true)?;
            let depth = self.rng.range(1, 3);
            for level in 1..=depth {
                let indent = "  ".repeat(level);
                let sub = self.rng.pick(VENDORS);
                writeln!(
                    out,
                    "{indent}subprocessor proc_{i}_sub{level} \"{sub} (underleverandør {level})\" {{"
                )?;
                self.party_fields(out, level + 1, false)?;
            }
            for level in (0..=depth).rev() {
                writeln!(out, "{}}}", "  ".repeat(level))?;
            }
        }
        writeln!(out)
    }

    /// Agreement, country and transfer lines of a processor or sub-processor.
    fn party_fields(&mut self, out: &mut impl Write, level: usize, root: bool) -> io::Result<()> {
        let indent = "  ".repeat(level);
        self.parties += 1;
        if !self.parties.is_multiple_of(10) {
            writeln!(
                out,
                "{indent}supervised 2026-0{}-01 \"ISAE 3000-erklæring gennemgået\"",
                1 + self.parties % 9
            )?;
        }
        if !self.rng.chance(rate::NO_AGREEMENT) {
            let year = self.rng.range(2018, 2025);
            writeln!(
                out,
                "{indent}agreement \"Databehandleraftale af {year}-0{}-01\"",
                self.rng.range(1, 9)
            )?;
        }
        if root {
            writeln!(
                out,
                "{indent}authorised \"Instruks i databehandleraftalen\""
            )?;
        } else if !self.rng.chance(rate::NO_AUTHORISATION) {
            writeln!(out, "{indent}authorised \"Databehandleraftalens bilag B\"")?;
        }
        // Processors the municipality contracts with directly are mostly in the EU; further down the
        // chain, data travels further.
        let roll = self.rng.below(100);
        let eu_share = if root { 85 } else { 50 };
        if roll < eu_share {
            writeln!(out, "{indent}country {}", self.rng.pick(EU))?;
        } else if roll < eu_share + 15 {
            writeln!(out, "{indent}country {}", self.rng.pick(ADEQUATE))?;
        } else if roll < eu_share + 25 {
            writeln!(out, "{indent}country US")?;
            if self.rng.chance(0.5) {
                writeln!(out, "{indent}transfer dpf")?;
                if !self.rng.chance(rate::NO_DPF_LISTING) {
                    writeln!(
                        out,
                        "{indent}dpf_listed \"dataprivacyframework.gov, opslag 2026-10-01\""
                    )?;
                }
            } else if !self.rng.chance(rate::NO_MECHANISM) {
                writeln!(out, "{indent}transfer dpf | scc")?;
                writeln!(out, "{indent}tia \"Overførselsvurdering USA\"")?;
            }
        } else if self.rng.chance(rate::OUTSIDE_EEA * 4.0) {
            writeln!(out, "{indent}country outside_eea")?;
            if self.rng.chance(0.5) {
                writeln!(out, "{indent}transfer scc")?;
            }
        } else {
            writeln!(out, "{indent}country {}", self.rng.pick(THIRD))?;
            if !self.rng.chance(rate::NO_MECHANISM) {
                let mechanism = *self.rng.pick(&["scc", "scc", "scc", "bcr", "scc | bcr"]);
                writeln!(out, "{indent}transfer {mechanism}")?;
                writeln!(
                    out,
                    "{indent}tia \"Overførselsvurdering {}\"",
                    self.rng.range(2021, 2025)
                )?;
            }
        }
        Ok(())
    }

    /// About N/100 recipients, every kind represented.
    fn recipients(&mut self, out: &mut impl Write) -> io::Result<()> {
        let count = (self.activities / 100).max(RECIPIENTS.len());
        for i in 0..count {
            let (stem, label, kind) = RECIPIENTS[i % RECIPIENTS.len()];
            let name = format!("{stem}_{i}");
            write!(out, "recipient {name} \"{label} {i}\" {kind}")?;
            match kind {
                "organisation" | "person" => {
                    let roll = self.rng.below(100);
                    if roll < 70 {
                        writeln!(out, " {{ country {} }}", self.rng.pick(EU))?;
                    } else if roll < 85 {
                        writeln!(
                            out,
                            " {{ country US transfer dpf dpf_listed \"dataprivacyframework.gov\" }}"
                        )?;
                    } else if !self.rng.chance(rate::NO_MECHANISM) {
                        let country = self.rng.pick(THIRD);
                        writeln!(
                            out,
                            " {{\n  country {country}\n  transfer scc\n  tia \"Overførselsvurdering\"\n}}"
                        )?;
                    } else {
                        writeln!(out, " {{ country {} }}", self.rng.pick(THIRD))?;
                    }
                }
                "public" | "emergency" if self.rng.chance(0.5) => writeln!(out)?,
                _ => writeln!(out, " {{ country DK }}")?,
            }
            self.recipients.push(Recipient { name, kind });
        }
        writeln!(out)
    }

    /// One data category of a class, at random.
    fn category(&mut self, class: Class) -> usize {
        let pool = &self.by_class[class_index(class)];
        pool[self.rng.below(pool.len())]
    }

    fn activity(&mut self, out: &mut impl Write, i: usize) -> io::Result<()> {
        let (area, area_label) = *self.rng.pick(AREAS);
        let verb = *self.rng.pick(VERBS);
        let topic = *self.rng.pick(TOPICS);
        let name = format!("act_{i}_{area}");
        let cctv = self.rng.chance(0.01);
        let label = if cctv {
            format!("Tv-overvågning ({area_label}, {i})")
        } else {
            format!("{verb} {topic} ({area_label}, {i})")
        };
        writeln!(out, "activity {name} \"{label}\" {{")?;
        writeln!(
            out,
            "  purpose \"{} i {}\"",
            if cctv {
                "Kriminalitetsforebyggelse og tryghed"
            } else {
                "Myndighedsudøvelse og sagsbehandling"
            },
            area_label.to_lowercase()
        )?;
        if self.rng.chance(0.1) {
            writeln!(
                out,
                "  since 20{}-{:02}-{:02}",
                self.rng.range(10, 25),
                self.rng.range(1, 12),
                self.rng.range(1, 28)
            )?;
        }
        if cctv {
            writeln!(out, "  cctv")?;
        }

        // Subjects: employees-only activities are the HR kind; otherwise one to three groups.
        let employees_only = area == "hr" || self.rng.chance(0.1);
        let subjects: Vec<&str> = if employees_only {
            vec!["employees"]
        } else {
            let n = self.rng.range(1, 3);
            let mut s: Vec<&str> = Vec::new();
            while s.len() < n {
                let (name, _, _) = *self.rng.pick(SUBJECTS);
                if !s.contains(&name) {
                    s.push(name);
                }
            }
            s
        };
        writeln!(out, "  subjects {}", subjects.join(", "))?;
        let has_employees = subjects.contains(&"employees");

        // Data: three to eight categories; the classes follow what municipal case work holds.
        let count = self.rng.range(3, 8);
        let mut data: Vec<usize> = Vec::with_capacity(count);
        let has_special = self.rng.chance(0.25);
        let has_criminal = self.rng.chance(0.05);
        let has_cpr = self.rng.chance(0.5);
        if has_cpr {
            data.push(self.category(Class::Cpr));
        }
        if has_special {
            data.push(self.category(Class::Special));
        }
        if has_criminal {
            data.push(self.category(Class::Criminal));
        }
        while data.len() < count {
            let class = if self.rng.chance(0.7) {
                Class::Ordinary
            } else {
                Class::Confidential
            };
            let d = self.category(class);
            if !data.contains(&d) {
                data.push(d);
            }
        }
        // Not sorted: the order of a real spec is the author's.
        let names: Vec<&str> = data.iter().map(|&d| self.data[d].name.as_str()).collect();
        writeln!(out, "  data {}", names.join(", "))?;

        // Sources: one or two declared sources, sometimes an earlier activity.
        let mut sources: Vec<String> = Vec::new();
        for _ in 0..self.rng.range(1, 2) {
            let (s, _, _) = *self.rng.pick(SOURCES);
            if !sources.iter().any(|x| x == s) {
                sources.push(s.to_string());
            }
        }
        if i > 0 && self.rng.chance(0.05) {
            let earlier = self.rng.below(i);
            sources.push(self.names[earlier].clone());
        }
        writeln!(out, "  sources {}", sources.join(", "))?;
        // Data from anyone but the data subjects themselves: art. 14 information.
        let from_others = sources.iter().any(|s| s != "self" && s != "logs");
        if from_others && !self.rng.chance(rate::NO_NOTICE) {
            writeln!(out, "  notice \"Brev i Digital Post, når sagen oprettes\"")?;
        }

        // Basis: an art. 6(1) point and the statute, plus what the data classes need.
        let statute = *self.rng.pick(STATUTES);
        let mut basis: Vec<String> = Vec::new();
        if !self.rng.chance(rate::NO_ART6) {
            basis.push(
                match (employees_only, self.rng.below(10)) {
                    (true, 0..=5) => "gdpr 6(1)(b), gdpr 6(1)(c)",
                    (_, 0..=1) => "gdpr 6(1)(c)",
                    // Employees' consent is rarely free: no consent for them.
                    (_, 2) if !has_employees => "gdpr 6(1)(a)",
                    _ => "gdpr 6(1)(e)",
                }
                .to_string(),
            );
        }
        if has_special && !self.rng.chance(rate::NO_ART9) {
            basis.push(
                if employees_only {
                    *self.rng.pick(&["gdpr 9(2)(b), dbl 12(1)", "dbl 12(1)"])
                } else {
                    *self.rng.pick(&[
                        "gdpr 9(2)(h), dbl 7(3)",
                        "gdpr 9(2)(g), dbl 7(4)",
                        "gdpr 9(2)(f)",
                        "gdpr 9(2)(a)",
                        "dbl 7(1)",
                    ])
                }
                .to_string(),
            );
        }
        if has_criminal && !self.rng.chance(rate::NO_ART10) {
            basis.push("dbl 8(1)".to_string());
        }
        if has_cpr && !self.rng.chance(rate::NO_CPR) {
            basis.push("dbl 11(1)".to_string());
        }
        if has_employees
            && !basis.iter().any(|b| b.contains("dbl 12(1)"))
            && !self.rng.chance(rate::NO_EMPLOYEE_BASIS)
        {
            basis.push("dbl 12(1)".to_string());
        }
        if self.rng.chance(rate::NOT_A_BASIS) {
            basis.push("gdpr 32".to_string());
        }
        basis.push(format!("law \"{statute}\""));
        writeln!(out, "  basis {}", basis.join(", "))?;
        let consent = basis
            .iter()
            .any(|b| b.contains("6(1)(a)") || b.contains("9(2)(a)"));
        if consent && !self.rng.chance(rate::NO_WITHDRAWAL) {
            writeln!(
                out,
                "  withdrawal \"Skriv til kommunen@syntetisk.dk; behandlingen stopper, når beskeden er modtaget\""
            )?;
        }

        // Retention: one rule for all, or one per category; sometimes missing or partial.
        if cctv {
            if self.rng.chance(rate::CCTV_TOO_LONG) {
                writeln!(out, "  retain all for {} days", self.rng.range(45, 120))?;
            } else {
                writeln!(out, "  retain all for {} days", self.rng.range(7, 30))?;
                if self.rng.chance(0.3) {
                    writeln!(
                        out,
                        "  exception tvol 4c(5) \"længere ved en konkret tvist eller politiets efterforskning\""
                    )?;
                }
            }
        } else if self.rng.chance(rate::NO_RETAIN) {
            // No deadline at all.
        } else if self.rng.chance(0.5) {
            let years = self.rng.range(1, 10);
            let after = *self.rng.pick(&[
                "udgangen af journalperioden",
                "sagens afslutning",
                "fratræden",
                "sidste kontakt",
            ]);
            let archive = if self.rng.chance(0.3) {
                " then archive"
            } else {
                ""
            };
            writeln!(
                out,
                "  retain all for {years} years after \"{after}\"{archive}"
            )?;
        } else {
            let skip = if self.rng.chance(rate::PARTIAL_RETAIN) {
                Some(self.rng.below(names.len()))
            } else {
                None
            };
            for (k, name) in names.iter().enumerate() {
                if Some(k) == skip {
                    continue;
                }
                match self.rng.below(10) {
                    0 => writeln!(out, "  retain {name} archive")?,
                    1..=3 => writeln!(out, "  retain {name} for {} months", self.rng.range(1, 36))?,
                    _ => writeln!(out, "  retain {name} for {} years", self.rng.range(1, 10))?,
                }
            }
        }

        // Processors: four in ten activities use one or two.
        if !self.processors.is_empty() && self.rng.chance(0.4) {
            let a = self.rng.below(self.processors.len());
            let mut via = vec![self.processors[a].as_str()];
            if self.rng.chance(0.25) {
                let b = self.rng.below(self.processors.len());
                if b != a {
                    via.push(self.processors[b].as_str());
                }
            }
            writeln!(out, "  via {}", via.join(", "))?;
        }

        // Disclosures: a quarter of the activities disclose, some twice.
        let disclosures = match self.rng.below(100) {
            0..=19 => 1,
            20..=24 => 2,
            _ => 0,
        };
        for _ in 0..disclosures {
            let r = self.rng.below(self.recipients.len());
            let kind = self.recipients[r].kind;
            let take = self.rng.range(1, names.len().min(3));
            let mut chosen: Vec<usize> = Vec::new();
            for _ in 0..take {
                let d = data[self.rng.below(data.len())];
                if !chosen.contains(&d) {
                    chosen.push(d);
                }
            }
            // CPR numbers and confidential data are not published, save for the odd mistake.
            if kind == "public" && !self.rng.chance(rate::DISCLOSE_CPR_PUBLIC) {
                chosen.retain(|&d| self.data[d].class != Class::Cpr);
            }
            if kind == "public" && !self.rng.chance(rate::DISCLOSE_CONFIDENTIAL_PUBLIC) {
                chosen.retain(|&d| {
                    !matches!(self.data[d].class, Class::Confidential | Class::Special)
                });
            }
            // Recordings go to the police only, save for the odd mistake.
            if cctv && kind != "police" && !self.rng.chance(rate::CCTV_TO_OTHERS) {
                continue;
            }
            if chosen.is_empty() {
                continue;
            }
            let special = chosen.iter().any(|&d| self.data[d].class == Class::Special);
            let criminal = chosen
                .iter()
                .any(|&d| self.data[d].class == Class::Criminal);
            let mut under: Vec<&str> = Vec::new();
            if !self.rng.chance(rate::DISCLOSE_NO_BASIS) {
                under.push(match kind {
                    "tax" => "gdpr 6(1)(c), law \"Skatteindberetningsloven\"",
                    "police" => "gdpr 6(1)(c), law \"Retsplejeloven § 804\"",
                    "emergency" => "gdpr 6(1)(d)",
                    "authority" => "fvl 28(1), gdpr 6(1)(e)",
                    "public" => "gdpr 6(1)(e), law \"Offentlighedsloven\"",
                    _ => "gdpr 6(1)(c), law \"Forvaltningsloven § 31\"",
                });
                if special && !self.rng.chance(rate::DISCLOSE_NO_ART9) {
                    under.push(if kind == "emergency" {
                        "gdpr 9(2)(c)"
                    } else {
                        "gdpr 9(2)(g)"
                    });
                }
                if criminal && !self.rng.chance(rate::NO_ART10) {
                    under.push("dbl 8(2)(3)");
                }
            }
            let list: Vec<&str> = chosen.iter().map(|&d| self.data[d].name.as_str()).collect();
            let recipient = &self.recipients[r].name;
            write!(out, "  disclose {} to {recipient}", list.join(", "))?;
            if !under.is_empty() {
                write!(out, " under {}", under.join(", "))?;
            }
            if self.rng.chance(0.5) {
                write!(out, " when \"efter konkret vurdering\"")?;
            }
            writeln!(out)?;
        }

        let automated = self.rng.chance(0.05);
        if automated {
            writeln!(out, "  review manual | automated")?;
            if !self.rng.chance(rate::NO_REVIEW_DOCUMENTS) {
                writeln!(
                    out,
                    "  logic \"Systemet markerer sager med afvigende oplysninger til manuel kontrol\""
                )?;
            }
        }
        let control = has_employees && (automated || cctv || sources.iter().any(|s| s == "logs"));
        if control {
            writeln!(
                out,
                "  control measure \"Driftssikkerhed og kontrol af adgang til fortrolige oplysninger\""
            )?;
            if !self.rng.chance(rate::NO_CONTROL_DOCUMENTS) {
                writeln!(out, "  notified 2024-0{}-01", self.rng.range(1, 9))?;
            }
        }
        // Automated review and surveillance call for an impact assessment (art. 35(3)).
        if (automated || cctv) && !self.rng.chance(rate::NO_REVIEW_DOCUMENTS) {
            writeln!(
                out,
                "  dpia \"Konsekvensanalyse af overvågning og kontrol\""
            )?;
        } else if has_special && self.rng.chance(0.2) {
            writeln!(
                out,
                "  dpia \"Konsekvensanalyse {}\"",
                self.rng.range(2019, 2025)
            )?;
        }
        if self.rng.chance(0.1) {
            writeln!(
                out,
                "  security \"Adgangsstyring, logning og kryptering efter ISO 27001\""
            )?;
        }
        writeln!(out, "}}\n")?;
        self.names.push(name);
        Ok(())
    }
}
