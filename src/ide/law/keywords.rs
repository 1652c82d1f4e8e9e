//! Which statements each block takes, read from the grammar (the definition of the language), and
//! what each says in one line. The grammar is read once: the `*_field` rule of a block lists its
//! statements, and the first keyword of each statement's rule is the word that starts it. So the
//! editor never holds a second copy of the keyword lists; a test checks that what it reads here is
//! what the parser's tables (`STATEMENTS`, `DECLARATIONS`) say.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::i18n::{Lang, Text};

/// A block of the language: where a statement stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Block {
    /// Outside every declaration: where declarations start.
    TopLevel,
    Controller,
    Dpo,
    Document,
    Subjects,
    Data,
    Source,
    /// A processor or a sub-processor.
    Processor,
    Recipient,
    JointController,
    Activity,
}

impl Block {
    pub const ALL: [Block; 11] = [
        Block::TopLevel,
        Block::Controller,
        Block::Dpo,
        Block::Document,
        Block::Subjects,
        Block::Data,
        Block::Source,
        Block::Processor,
        Block::Recipient,
        Block::JointController,
        Block::Activity,
    ];

    /// The grammar's rule that lists what the block holds.
    fn rule(self) -> &'static str {
        match self {
            Block::TopLevel => "declaration",
            Block::Controller => "controller_field",
            Block::Dpo => "dpo_field",
            Block::Document => "document_field",
            Block::Subjects => "subjects_decl_field",
            Block::Data => "data_field_decl",
            Block::Source => "source_field",
            Block::Processor => "party_field",
            Block::Recipient => "recipient_field",
            Block::JointController => "joint_field",
            Block::Activity => "activity_field",
        }
    }

    /// The words that start a statement (or, at the top level, a declaration) in this block, in the
    /// grammar's order.
    pub fn keywords(self) -> &'static [&'static str] {
        static TABLE: OnceLock<HashMap<Block, Vec<&'static str>>> = OnceLock::new();
        TABLE
            .get_or_init(|| {
                let grammar = Grammar::read(GRAMMAR);
                Block::ALL
                    .into_iter()
                    .map(|b| (b, grammar.first_keywords(b.rule())))
                    .collect()
            })
            .get(&self)
            .map_or(&[], Vec::as_slice)
    }

    /// The block a declaration keyword opens (`joint` for `joint controller`).
    pub fn of_declaration(word: &str) -> Option<Block> {
        Some(match word {
            "controller" => Block::Controller,
            "subjects" => Block::Subjects,
            "data" => Block::Data,
            "source" => Block::Source,
            "processor" => Block::Processor,
            "recipient" => Block::Recipient,
            "joint" => Block::JointController,
            "activity" => Block::Activity,
            _ => return None,
        })
    }

    /// The block a statement of this block opens with `{` (`dpo` in the controller).
    pub fn nested(self, word: &str) -> Option<Block> {
        match (self, word) {
            (Block::Controller, "dpo") => Some(Block::Dpo),
            (Block::Controller, "document") => Some(Block::Document),
            (Block::Processor, "subprocessor") => Some(Block::Processor),
            (Block::TopLevel, _) => Block::of_declaration(word),
            _ => None,
        }
    }
}

const GRAMMAR: &str = include_str!("../../../grammar/hjemmel.pest");

/// The rules of a pest grammar, as far as the editor needs them: each rule's body as its words
/// (rule names) and quoted literals, in order.
struct Grammar<'g> {
    rules: HashMap<&'g str, Vec<Piece<'g>>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Piece<'g> {
    Name(&'g str),
    Literal(&'g str),
}

impl<'g> Grammar<'g> {
    fn read(text: &'g str) -> Grammar<'g> {
        let mut rules = HashMap::new();
        let bytes = text.as_bytes();
        let mut i = 0;
        let mut pending_name: Option<&'g str> = None;
        let mut body: Option<(Vec<Piece<'g>>, usize)> = None; // pieces, brace depth
        while i < bytes.len() {
            let b = bytes[i];
            if b == b'/' && bytes.get(i + 1) == Some(&b'/') {
                i = memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |at| i + at);
                continue;
            }
            if b == b'"' || b == b'\'' {
                let start = i + 1;
                let mut j = start;
                while j < bytes.len() && bytes[j] != b {
                    j += if bytes[j] == b'\\' { 2 } else { 1 };
                }
                if let Some((pieces, _)) = &mut body {
                    pieces.push(Piece::Literal(&text[start..j.min(bytes.len())]));
                }
                i = j + 1;
                continue;
            }
            if b.is_ascii_alphabetic() || b == b'_' {
                let start = i;
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                    i += 1;
                }
                let word = &text[start..i];
                match &mut body {
                    Some((pieces, _)) => pieces.push(Piece::Name(word)),
                    // A rule's name is followed by `=`; the `_` of `_{` is a modifier.
                    None if text[i..].trim_start().starts_with('=') => pending_name = Some(word),
                    None => {}
                }
                continue;
            }
            match (b, &mut body) {
                (b'{', None) => body = Some((Vec::new(), 1)),
                (b'{', Some((_, depth))) => *depth += 1,
                (b'}', Some((_, depth))) if *depth > 1 => *depth -= 1,
                (b'}', Some(_)) => {
                    if let (Some(name), Some((pieces, _))) = (pending_name.take(), body.take()) {
                        rules.insert(name, pieces);
                    }
                }
                _ => {}
            }
            i += 1;
        }
        Grammar { rules }
    }

    /// The word a rule starts with, when its first piece is a keyword rule (`kw_basis` → `basis`).
    fn leading_keyword(&self, rule: &str) -> Option<&'g str> {
        let Some(Piece::Name(first)) = self.rules.get(rule)?.first() else {
            return None;
        };
        if !first.starts_with("kw_") {
            return None;
        }
        self.rules.get(first)?.iter().find_map(|p| match p {
            Piece::Literal(word) => Some(*word),
            Piece::Name(_) => None,
        })
    }

    /// The words that start the alternatives of the rule `list` (`activity_field`): of each rule it
    /// names, its leading keyword; rules that start with none (`unknown_field`) are left out.
    fn first_keywords(&self, list: &str) -> Vec<&'g str> {
        let mut words = Vec::new();
        for piece in self.rules.get(list).into_iter().flatten() {
            if let Piece::Name(rule) = piece
                && let Some(word) = self.leading_keyword(rule)
                && !words.contains(&word)
            {
                words.push(word);
            }
        }
        words
    }
}

/// What a statement keyword says, in one line, in `lang`: a declaration's at the top level, a
/// statement's inside a block.
pub fn description(block: Block, word: &str, lang: Lang) -> Option<&'static str> {
    let table: &[(&str, Text)] = if block == Block::TopLevel {
        DECLARATION_WORDS
    } else {
        STATEMENT_WORDS
    };
    let key = match (block, word) {
        // The same word says something else in a declaration's block than in an activity.
        (Block::Activity, "subjects" | "data" | "notice") => format!("activity {word}"),
        _ => word.to_string(),
    };
    table
        .iter()
        .find(|(w, _)| *w == key)
        .or_else(|| table.iter().find(|(w, _)| *w == word))
        .map(|(_, text)| text.get(lang))
}

/// A table of words and what each says, in English and Danish: `"word" => ("English", "Danish")`.
macro_rules! words {
    ($($word:literal => ($en:literal, $da:literal)),+ $(,)?) => {
        &[$(($word, Text::new($en, $da))),+]
    };
}

/// The declarations, by the word that starts them.
pub const DECLARATION_WORDS: &[(&str, Text)] = words! {
    "controller" => ("the controller: who decides why and how the data is processed", "den dataansvarlige: den, der afgør, hvorfor og hvordan oplysningerne behandles"),
    "subjects" => ("a group of data subjects and its kind", "en gruppe af registrerede og dens art"),
    "data" => ("a category of personal data and its class", "en kategori af personoplysninger og dens klasse"),
    "source" => ("where data comes from, and its kind", "hvor oplysningerne kommer fra, og kildens art"),
    "processor" => ("a processor that processes data on the controller's behalf (art. 28)", "en databehandler, der behandler oplysninger på den dataansvarliges vegne (art. 28)"),
    "recipient" => ("a recipient that data is disclosed to", "en modtager, som oplysninger videregives til"),
    "joint" => ("a joint controller, which decides with the controller (art. 26)", "en fælles dataansvarlig, der træffer beslutninger sammen med den dataansvarlige (art. 26)"),
    "activity" => ("a processing activity: purpose, data, basis, retention", "en behandlingsaktivitet: formål, oplysninger, grundlag, opbevaring"),
};

/// The statements of every block but the top level, by the word that starts them (`activity WORD`
/// where an activity's statement of that word says something else).
pub const STATEMENT_WORDS: &[(&str, Text)] = words! {
    "public" => ("`public authority`: the controller is a public authority", "`public authority`: den dataansvarlige er en offentlig myndighed"),
    "country" => ("the country where it is established (ISO 3166-1 code)", "det land, hvor den er etableret (ISO 3166-1-kode)"),
    "address" => ("the postal address", "postadressen"),
    "contact" => ("how to contact the controller", "hvordan den dataansvarlige kontaktes"),
    "dpo" => ("the data protection officer and their contact details", "databeskyttelsesrådgiveren og dennes kontaktoplysninger"),
    "document" => ("the notice the spec encodes, with its version and date", "det dokument, specifikationen gengiver, med version og dato"),
    "notice" => ("how data subjects are told of data from here (art. 14)", "hvordan de registrerede oplyses om oplysninger herfra (art. 14)"),
    "activity notice" => ("how data subjects are told (art. 14), or `notice exempt` and the exception relied on", "hvordan de registrerede oplyses (art. 14), eller `notice exempt` og den undtagelse, der anvendes"),
    "allow" => ("a waiver: `allow CODE \"reason\"` turns a rule off here, with the reason", "en undtagelse: `allow KODE \"begrundelse\"` slår en regel fra her, med begrundelsen"),
    "supervision" => ("how often the controller supervises its processors", "hvor ofte den dataansvarlige fører tilsyn med sine databehandlere"),
    "safeguards" => ("`safeguards copy`: how to get a copy of the safeguards of transfers (art. 13(1)(f))", "`safeguards copy`: hvordan man får en kopi af garantierne for overførsler (art. 13, stk. 1, litra f)"),
    "name" => ("the DPO's name", "databeskyttelsesrådgiverens navn"),
    "email" => ("the DPO's e-mail address", "databeskyttelsesrådgiverens e-mailadresse"),
    "phone" => ("the DPO's phone number", "databeskyttelsesrådgiverens telefonnummer"),
    "web" => ("a web address", "en webadresse"),
    "version" => ("the document's version", "dokumentets version"),
    "date" => ("the document's date", "dokumentets dato"),
    "privacy" => ("`privacy notice`: the document is the privacy notice of art. 13 and 14", "`privacy notice`: dokumentet er oplysningerne efter art. 13 og 14"),
    "aged" => ("`aged N to M`: the youngest and oldest in the group", "`aged N to M`: den yngste og den ældste i gruppen"),
    "limit" => ("no activity may keep the category longer than this", "ingen aktivitet må opbevare kategorien længere end dette"),
    "unnamed" => ("the notice describes the source by its kind instead of naming it", "oplysningerne beskriver kilden ved dens art i stedet for at navngive den"),
    "agreement" => ("the data processing agreement (art. 28(3))", "databehandleraftalen (art. 28, stk. 3)"),
    "authorised" => ("the controller's authorisation of the sub-processor (art. 28(2))", "den dataansvarliges godkendelse af underdatabehandleren (art. 28, stk. 2)"),
    "transfer" => ("the transfer mechanism(s) to a third country (GDPR chapter V)", "overførselsgrundlaget til et tredjeland (forordningens kapitel V)"),
    "tia" => ("the transfer impact assessment", "vurderingen af overførslens virkning (TIA)"),
    "dpf_listed" => ("where the importer's Data Privacy Framework entry was checked", "hvor modtagerens optagelse på Data Privacy Framework-listen er kontrolleret"),
    "subprocessor" => ("a sub-processor, with the same statements as a processor", "en underdatabehandler, med de samme sætninger som en databehandler"),
    "international" => ("`international organisation CODE`: the party is an international organisation", "`international organisation KODE`: parten er en international organisation"),
    "supervised" => ("when and how the controller last supervised it (art. 28)", "hvornår og hvordan den dataansvarlige sidst førte tilsyn med den (art. 28)"),
    "arrangement" => ("the arrangement between the joint controllers (art. 26(1))", "ordningen mellem de fælles dataansvarlige (art. 26, stk. 1)"),
    "answers" => ("who answers the data subjects (art. 26(1))", "hvem der besvarer de registreredes henvendelser (art. 26, stk. 1)"),
    "essence" => ("how the essence of the arrangement is made available (art. 26(2))", "hvordan hovedindholdet af ordningen gøres tilgængeligt (art. 26, stk. 2)"),
    "purpose" => ("why the data is processed (art. 5(1)(b))", "hvorfor oplysningerne behandles (art. 5, stk. 1, litra b)"),
    "activity subjects" => ("whose data it is: groups of data subjects", "hvis oplysninger det er: grupper af registrerede"),
    "activity data" => ("which data categories are processed; `about SUBJECTS`: about these groups only", "hvilke kategorier af oplysninger der behandles; `about GRUPPER`: kun om disse grupper"),
    "sources" => ("where the data comes from", "hvor oplysningerne kommer fra"),
    "basis" => ("the legal basis: the provisions the processing rests on", "behandlingsgrundlaget: de bestemmelser, behandlingen hviler på"),
    "retain" => ("when the data is deleted: a period, an event, or archiving", "hvornår oplysningerne slettes: en periode, en begivenhed eller arkivering"),
    "via" => ("the processors used", "de databehandlere, der anvendes"),
    "disclose" => ("a disclosure to a recipient, its basis and occasion", "en videregivelse til en modtager, dens grundlag og anledning"),
    "review" => ("how data about people is reviewed: manual, automated, ai", "hvordan oplysninger om personer gennemgås: manual, automated, ai"),
    "cctv" => ("the activity is TV surveillance, and the § of tv-overvågningsloven it rests on", "aktiviteten er tv-overvågning, og den § i tv-overvågningsloven, den hviler på"),
    "cameras" => ("`cameras at ...`: where the cameras film", "`cameras at ...`: hvor kameraerne filmer"),
    "covert" => ("some cameras are hidden, with no notice of them", "nogle kameraer er skjulte og uden skiltning"),
    "signs" => ("how notice of the TV surveillance is given", "hvordan der skiltes med tv-overvågningen"),
    "polcam" => ("the cameras are registered in the police's camera register (POLCAM)", "kameraerne er registreret i politiets kameraregister (POLCAM)"),
    "exception" => ("an exception relied on, with its ground", "en undtagelse, der anvendes, med dens grundlag"),
    "dpia" => ("the data protection impact assessment (art. 35)", "konsekvensanalysen vedrørende databeskyttelse (art. 35)"),
    "since" => ("when the processing began", "hvornår behandlingen begyndte"),
    "justification" => ("the older form of `control measure`'s reason", "den ældre form for begrundelsen i `control measure`"),
    "notified" => ("when employees were told of the control measure", "hvornår medarbejderne blev orienteret om kontrolforanstaltningen"),
    "control" => ("`control measure`: a control measure towards employees, with its operational reason", "`control measure`: en kontrolforanstaltning over for medarbejdere, med den driftsmæssige begrundelse"),
    "security" => ("the security measures (art. 32)", "sikkerhedsforanstaltningerne (art. 32)"),
    "area" => ("the field of work an art. 9(2) condition must fit", "det arbejdsområde, en betingelse i art. 9, stk. 2, skal passe til"),
    "withdrawal" => ("how consent is withdrawn; `withdrawal right`: what the notice says of the right (art. 7(3))", "hvordan samtykke trækkes tilbage; `withdrawal right`: hvad oplysningerne siger om retten (art. 7, stk. 3)"),
    "online_service" => ("an information society service offered to children (art. 8)", "en informationssamfundstjeneste, der udbydes til børn (art. 8)"),
    "parental_consent" => ("how a parent's consent is obtained (art. 8)", "hvordan forældrenes samtykke indhentes (art. 8)"),
    "compatibility" => ("the art. 6(4) assessment, or `compatibility under` the statute that provides for the reuse", "vurderingen efter art. 6, stk. 4, eller `compatibility under` den lov, der hjemler genbrugen"),
    "logic" => ("the logic of an automated decision (art. 13(2)(f))", "logikken i en automatisk afgørelse (art. 13, stk. 2, litra f)"),
    "providing" => ("whether the data must be given, and what follows if not (art. 13(2)(e))", "om oplysningerne skal gives, og hvad følgen er, hvis ikke (art. 13, stk. 2, litra e)"),
    "interests" => ("the legitimate interests pursued under art. 6(1)(f)", "de legitime interesser, der forfølges efter art. 6, stk. 1, litra f"),
    "monitoring" => ("systematic monitoring (art. 35(3)(c))", "systematisk overvågning (art. 35, stk. 3, litra c)"),
    "large_scale" => ("processing on a large scale (art. 35(3))", "behandling i stort omfang (art. 35, stk. 3)"),
    "erasure" => ("`erasure refused`: why erasure is refused, and under what", "`erasure refused`: hvorfor sletning afslås, og efter hvilken bestemmelse"),
    "preserve" => ("the records are preserved for archiving", "oplysningerne bevares med henblik på arkivering"),
    "unit" => ("the department or staff function the activity belongs to", "den afdeling eller stabsfunktion, aktiviteten hører til"),
    "collect" => ("data collected anew at an interval: `collect NAMES every N UNIT`", "oplysninger, der indhentes på ny med et interval: `collect NAVNE every N ENHED`"),
    "copy" => ("a copy another holder keeps, with its period", "en kopi, som en anden opbevarer, med dens periode"),
    "jointly" => ("`jointly with`: the joint controllers the activity is carried out with", "`jointly with`: de fælles dataansvarlige, aktiviteten udføres sammen med"),
    "kle" => ("the KLE subject numbers the activity covers (KL's classification of the municipalities' tasks)", "de KLE-emnenumre, aktiviteten dækker (KL's emnesystematik for kommunernes opgaver)"),
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::{DECLARATIONS, STATEMENTS};
    use std::collections::BTreeSet;

    fn set(words: &[&str]) -> BTreeSet<String> {
        words.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn the_grammar_read_here_is_the_parser_s_tables() {
        assert_eq!(set(Block::Activity.keywords()), set(STATEMENTS));
        assert_eq!(set(Block::TopLevel.keywords()), set(DECLARATIONS));
    }

    #[test]
    fn each_block_takes_what_the_grammar_says() {
        assert_eq!(
            Block::Dpo.keywords(),
            ["name", "email", "phone", "address", "web"]
        );
        assert!(Block::Controller.keywords().contains(&"dpo"));
        assert!(Block::Controller.keywords().contains(&"public"));
        assert!(!Block::Controller.keywords().contains(&"purpose"));
        assert!(Block::Processor.keywords().contains(&"subprocessor"));
        assert!(Block::Processor.keywords().contains(&"international"));
        assert!(!Block::Recipient.keywords().contains(&"subprocessor"));
        assert_eq!(Block::Data.keywords(), ["limit", "allow"]);
        for block in Block::ALL {
            assert!(!block.keywords().is_empty(), "{block:?}");
        }
    }

    #[test]
    fn every_statement_says_what_it_is_in_both_languages() {
        for block in Block::ALL {
            for word in block.keywords() {
                for lang in Lang::ALL {
                    let said = description(block, word, lang);
                    assert!(
                        said.is_some_and(|s| !s.is_empty()),
                        "{block:?} `{word}` in {lang:?}"
                    );
                }
            }
        }
        // No line for a word no block takes.
        let taken: BTreeSet<String> = Block::ALL
            .into_iter()
            .flat_map(|b| b.keywords().iter().map(|w| w.to_string()))
            .collect();
        for (key, _) in STATEMENT_WORDS.iter().chain(DECLARATION_WORDS) {
            let word = key.strip_prefix("activity ").unwrap_or(key);
            assert!(taken.contains(word), "`{key}` starts no statement");
        }
        assert_ne!(
            description(Block::Activity, "data", Lang::En),
            description(Block::TopLevel, "data", Lang::En)
        );
    }
}
