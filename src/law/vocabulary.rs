//! The closed word lists of the language: data classes, kinds of special data, sources, recipients,
//! transfer mechanisms, review modes, units of time. Each word maps to one enum variant.

use serde::Serialize;

use crate::i18n::Lang;

/// Declares an enum whose variants are spelt in specs by fixed keywords.
macro_rules! keyword_enum {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $word:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        pub enum $name { $($(#[$vmeta])* #[serde(rename = $word)] $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub const KEYWORDS: &'static [&'static str] = &[$($word),+];

            pub fn keyword(self) -> &'static str {
                match self { $($name::$variant => $word),+ }
            }

            pub fn from_keyword(word: &str) -> Option<$name> {
                match word { $($word => Some($name::$variant),)+ _ => None }
            }
        }
    };
}

keyword_enum! {
    /// The class of a data category, which decides the rules that apply to it.
    pub enum DataClass {
        /// Ordinary personal data (name, address, phone number).
        Ordinary = "ordinary",
        /// Confidential in Danish practice: social problems, finances, family matters (not art. 9).
        Confidential = "confidential",
        /// CPR numbers (DBL § 11).
        Cpr = "cpr",
        /// Criminal convictions and offences (GDPR art. 10, DBL § 8).
        Criminal = "criminal",
        /// Special categories (GDPR art. 9(1)); written `special(kind, ...)`.
        Special = "special",
    }
}

keyword_enum! {
    /// The kinds of special-category data listed in GDPR art. 9(1).
    pub enum SpecialKind {
        EthnicOrigin = "ethnic_origin",
        PoliticalOpinions = "political_opinions",
        ReligiousBeliefs = "religious_beliefs",
        PhilosophicalBeliefs = "philosophical_beliefs",
        TradeUnion = "trade_union",
        Genetic = "genetic",
        Biometric = "biometric",
        Health = "health",
        SexLife = "sex_life",
        SexualOrientation = "sexual_orientation",
        /// Special-category data whose kind the notice does not say (e.g. found by a scan).
        Any = "any",
    }
}

keyword_enum! {
    /// Who a group of data subjects are; some rules depend on it (employees: DBL § 12, art. 88).
    pub enum SubjectKind {
        Citizens = "citizens",
        Children = "children",
        Employees = "employees",
        Other = "other",
    }
}

keyword_enum! {
    /// Where an activity's data comes from (GDPR art. 14 applies to all but the data subject).
    pub enum SourceKind {
        DataSubject = "data_subject",
        OtherCitizens = "other_citizens",
        Register = "register",
        Authority = "authority",
        Organisation = "organisation",
        Staff = "staff",
        SystemLog = "system_log",
    }
}

keyword_enum! {
    /// Who receives a disclosure.
    pub enum RecipientKind {
        /// The tax authorities (Skattestyrelsen / SKAT).
        Tax = "tax",
        Police = "police",
        Emergency = "emergency",
        /// Another public authority.
        Authority = "authority",
        /// The public: website, press, access to documents.
        Public = "public",
        /// A private company or organisation.
        Organisation = "organisation",
        /// A private person (e.g. a party to a case).
        Person = "person",
        /// Whoever is granted access to documents (aktindsigt: offentlighedsloven § 7, forvaltningsloven § 9).
        AccessRequester = "access_requester",
        /// The person the data is about: handing them their own data is no disclosure to a third party.
        DataSubject = "data_subject",
    }
}

keyword_enum! {
    /// Transfer mechanisms of GDPR Chapter V.
    pub enum Mechanism {
        /// An adequacy decision, art. 45.
        Adequacy = "adequacy",
        /// The EU-US Data Privacy Framework (Decision (EU) 2023/1795), art. 45.
        Dpf = "dpf",
        /// Standard contractual clauses (Decision (EU) 2021/914), art. 46(2)(c).
        Scc = "scc",
        /// Binding corporate rules, art. 47.
        Bcr = "bcr",
        /// An approved code of conduct, art. 46(2)(e).
        CodeOfConduct = "code_of_conduct",
        /// An approved certification, art. 46(2)(f).
        Certification = "certification",
        /// A derogation for a specific situation, art. 49(1); written `derogation(a)` ... `derogation(g)`.
        Derogation = "derogation",
    }
}

impl Mechanism {
    /// An appropriate safeguard of art. 46 or binding corporate rules (art. 47), of which the data
    /// subject is told how to get a copy (art. 13(1)(f), 14(1)(f)); not an adequacy decision, the
    /// Data Privacy Framework or a derogation.
    pub fn is_safeguard(self) -> bool {
        matches!(
            self,
            Mechanism::Scc | Mechanism::Bcr | Mechanism::CodeOfConduct | Mechanism::Certification
        )
    }
}

keyword_enum! {
    /// How logs or other data about people are reviewed.
    pub enum ReviewMode {
        Manual = "manual",
        Automated = "automated",
        Ai = "ai",
    }
}

keyword_enum! {
    /// The field of work an activity belongs to (`area social`): what an art. 9(2) condition must fit.
    /// Which letters fit which area is reference data, in src/law/data/art9.toml.
    pub enum Area {
        /// Case handling and services that fit no narrower area.
        Administration = "administration",
        /// Social services and benefits (serviceloven, aktivloven).
        Social = "social",
        /// Care of the elderly and disabled, home care, nursing homes.
        Care = "care",
        /// Health services by health professionals.
        Health = "health",
        /// The controller's own staff: recruitment, pay, sick leave, dismissal.
        Employment = "employment",
        /// Schools and day care.
        School = "school",
        /// Security and crime prevention, such as CCTV.
        Security = "security",
        /// Establishing, exercising or defending legal claims: disputes, lawsuits, complaints.
        LegalClaims = "legal_claims",
        /// Scientific or historical research and statistics.
        Research = "research",
        /// Anything else; no fit is checked.
        Other = "other",
    }
}

keyword_enum! {
    /// Units of a retention period.
    pub enum TimeUnit {
        Day = "day",
        Days = "days",
        Week = "week",
        Weeks = "weeks",
        Month = "month",
        Months = "months",
        Year = "year",
        Years = "years",
    }
}

impl TimeUnit {
    /// Length in days (months as 30, years as 365): enough to compare against day limits such as
    /// the 30 days of tv-overvågningsloven.
    pub fn days(self) -> u64 {
        match self {
            TimeUnit::Day | TimeUnit::Days => 1,
            TimeUnit::Week | TimeUnit::Weeks => 7,
            TimeUnit::Month | TimeUnit::Months => 30,
            TimeUnit::Year | TimeUnit::Years => 365,
        }
    }
}

impl SpecialKind {
    /// How GDPR art. 9(1) words it, in `lang`.
    pub fn description(self, lang: Lang) -> &'static str {
        let text = match self {
            SpecialKind::EthnicOrigin => text::ETHNIC_ORIGIN,
            SpecialKind::PoliticalOpinions => text::POLITICAL_OPINIONS,
            SpecialKind::ReligiousBeliefs => text::RELIGIOUS_BELIEFS,
            SpecialKind::PhilosophicalBeliefs => text::PHILOSOPHICAL_BELIEFS,
            SpecialKind::TradeUnion => text::TRADE_UNION,
            SpecialKind::Genetic => text::GENETIC,
            SpecialKind::Biometric => text::BIOMETRIC,
            SpecialKind::Health => text::HEALTH,
            SpecialKind::SexLife => text::SEX_LIFE,
            SpecialKind::SexualOrientation => text::SEXUAL_ORIENTATION,
            SpecialKind::Any => text::KIND_NOT_STATED,
        };
        text.get(lang)
    }
}

impl TimeUnit {
    /// The unit in words after `amount`: the keyword as written in English (`30 days`), the Danish
    /// word in the number the amount needs in Danish (`1 år`, `30 dage`).
    pub fn word(self, amount: u64, lang: Lang) -> &'static str {
        if lang == Lang::En {
            return self.keyword();
        }
        let (one, many) = match self {
            TimeUnit::Day | TimeUnit::Days => (text::DAY, text::DAYS),
            TimeUnit::Week | TimeUnit::Weeks => (text::WEEK, text::WEEKS),
            TimeUnit::Month | TimeUnit::Months => (text::MONTH, text::MONTHS),
            TimeUnit::Year | TimeUnit::Years => (text::YEAR, text::YEARS),
        };
        if amount == 1 { one } else { many }.get(lang)
    }
}

/// The words a reader sees for a keyword, in English and Danish: plain words (`the data subject`,
/// `den registrerede selv`) where the keyword is spec syntax (`data_subject`), so that neither a
/// lawyer reading English nor one reading Danish meets the spec's identifiers. An area keeps its
/// keyword in English: findings quote it from the author's `area` statement.
macro_rules! words {
    ($name:ident { $($variant:ident => ($en:literal, $da:literal)),+ $(,)? }) => {
        impl $name {
            /// The word in English and in Danish.
            pub fn text(self) -> crate::i18n::Text {
                match self { $($name::$variant => crate::i18n::Text::new($en, $da)),+ }
            }

            /// The word a reader sees in `lang`.
            pub fn word(self, lang: Lang) -> &'static str {
                self.text().get(lang)
            }
        }
    };
}

words!(Area {
    Administration => ("administration", "almindelig sagsbehandling"),
    Social => ("social", "det sociale område"),
    Care => ("care", "pleje og omsorg"),
    Health => ("health", "sundhedsområdet"),
    Employment => ("employment", "personaleadministration"),
    School => ("school", "skole og dagtilbud"),
    Security => ("security", "sikkerhed og kriminalitetsforebyggelse"),
    LegalClaims => ("legal_claims", "retskrav"),
    Research => ("research", "forskning og statistik"),
    Other => ("other", "andet"),
});

words!(SourceKind {
    DataSubject => ("the data subject", "den registrerede selv"),
    OtherCitizens => ("other citizens", "andre borgere"),
    Register => ("register", "register"),
    Authority => ("authority", "myndighed"),
    Organisation => ("company or organisation", "virksomhed eller organisation"),
    Staff => ("staff", "medarbejdere"),
    SystemLog => ("system log", "systemlog"),
});

words!(RecipientKind {
    Tax => ("tax authority", "skattemyndighed"),
    Police => ("police", "politi"),
    Emergency => ("emergency services", "beredskab"),
    Authority => ("authority", "myndighed"),
    Public => ("the public", "offentligheden"),
    Organisation => ("company or organisation", "virksomhed eller organisation"),
    Person => ("private person", "privatperson"),
    AccessRequester => ("person granted access to documents", "den, der får aktindsigt"),
    DataSubject => ("the data subject", "den registrerede selv"),
});

words!(SubjectKind {
    Citizens => ("citizens", "borgere"),
    Children => ("children", "børn"),
    Employees => ("employees", "medarbejdere"),
    Other => ("others", "andre"),
});

/// The words of the vocabulary that findings show, in English and Danish.
pub mod text {
    crate::texts! {
        ETHNIC_ORIGIN = ("racial or ethnic origin", "race eller etnisk oprindelse"),
        POLITICAL_OPINIONS = ("political opinions", "politisk overbevisning"),
        RELIGIOUS_BELIEFS = ("religious beliefs", "religiøs overbevisning"),
        PHILOSOPHICAL_BELIEFS = ("philosophical beliefs", "filosofisk overbevisning"),
        TRADE_UNION = ("trade-union membership", "fagforeningsmæssigt tilhørsforhold"),
        GENETIC = ("genetic data", "genetiske data"),
        BIOMETRIC = (
            "biometric data for identification",
            "biometriske data med henblik på entydig identifikation"
        ),
        HEALTH = ("data concerning health", "helbredsoplysninger"),
        SEX_LIFE = ("data concerning sex life", "oplysninger om seksuelle forhold"),
        SEXUAL_ORIENTATION = ("sexual orientation", "seksuel orientering"),
        KIND_NOT_STATED = ("kind not stated", "arten er ikke angivet"),
        DAY = ("day", "dag"),
        DAYS = ("days", "dage"),
        WEEK = ("week", "uge"),
        WEEKS = ("weeks", "uger"),
        MONTH = ("month", "måned"),
        MONTHS = ("months", "måneder"),
        YEAR = ("year", "år"),
        YEARS = ("years", "år"),
    }
}
