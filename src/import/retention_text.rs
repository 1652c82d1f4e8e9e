//! Deletion deadlines written in free text ("5 år efter sagens afslutning", "5 years after the case
//! is closed", "indtil ansættelsens ophør", "arkiveres") and as `hjemmel ropa --format md` renders
//! them ("alle kategorier: 5 år efter X", "30 days from collection", "..., then handed to the public
//! archive"), read into the period of a `retain` statement.

/// A deadline, read.
#[derive(Debug, Clone, PartialEq)]
pub struct Deadline {
    /// Labels of the data categories it is for, as a rendering names them ("Internetlog, E-mails:
    /// 90 days ..."); empty: all of them.
    pub categories: Vec<String>,
    /// The period in the spec language's syntax: `for 5 years after "sagens afslutning"`,
    /// `until "ansættelsens ophør"`, `archive`, `for 10 years then archive`.
    pub period: String,
}

/// What a deadline cell says.
#[derive(Debug, Clone, PartialEq)]
pub enum Read {
    Deadline(Deadline),
    /// "not stated", "ikke angivet": the source says there is none; left out so that `check` says so.
    NotStated,
    /// Not read: kept as a comment.
    Unread,
}

/// Reads one deadline.
pub fn read(text: &str) -> Read {
    read_with(text, period)
}

/// [`read`] with each period's reading kept: a register's deadlines are many labels before a few
/// periods ("CPR-nummer (Jobcentret): 1 years from collection"; the 10k synth record: 5,069 lines).
#[derive(Default)]
pub struct PeriodReader {
    read: crate::spec_map::SpecMap<String, Option<String>>,
}

impl PeriodReader {
    /// What [`read`] gives for `text`.
    pub fn read(&mut self, text: &str) -> Read {
        read_with(text, |period_text| {
            if let Some(read) = self.read.get(period_text) {
                return read.clone();
            }
            let read = period(period_text);
            self.read.insert(period_text.to_string(), read.clone());
            read
        })
    }
}

/// [`read`], each period read by `period`.
fn read_with(text: &str, mut period: impl FnMut(&str) -> Option<String>) -> Read {
    let text = text.trim().trim_end_matches('.').trim();
    if not_stated(text) {
        return Read::NotStated;
    }
    let (categories, text) = categories_prefix(text, &mut period);
    if not_stated(text) {
        return Read::NotStated;
    }
    match period(text) {
        Some(period) => Read::Deadline(Deadline { categories, period }),
        None => Read::Unread,
    }
}

/// "not stated", "ikke angivet", nothing.
fn not_stated(text: &str) -> bool {
    let text = text.trim();
    if text.is_ascii() {
        // Lowercased without a new string; beyond ASCII a character may lowercase to ASCII
        // (the Kelvin sign to `k`), so such a text is lowercased whole as before.
        let bare = text.trim_matches('*');
        return text.is_empty()
            || bare.eq_ignore_ascii_case("not stated")
            || bare.eq_ignore_ascii_case("ikke angivet");
    }
    // A character lowercases to one character or more, and is at most four bytes: a text of more
    // than 48 bytes between its stars has more than the twelve characters of either phrase.
    if text.trim_matches('*').len() > 48 {
        return false;
    }
    let lower = text.to_lowercase();
    lower.is_empty() || matches!(lower.trim_matches('*'), "not stated" | "ikke angivet")
}

/// `all categories: `, `alle kategorier: `, or the labels a rendering puts before the period (read
/// by `period`).
fn categories_prefix<'a>(
    text: &'a str,
    period: &mut impl FnMut(&str) -> Option<String>,
) -> (Vec<String>, &'a str) {
    for all in ["all categories:", "alle kategorier:"] {
        // An ASCII text's lowercase has the same bytes' places. Of any other only as many
        // characters as `all` has bytes are lowercased: each gives one character or more, so
        // they give at least as many bytes (only Σ lowercases by what follows it, and never to
        // ASCII, which `all` is).
        let starts = if text.is_ascii() {
            text.get(..all.len())
                .is_some_and(|start| start.eq_ignore_ascii_case(all))
        } else {
            let head: String = text.chars().take(all.len()).collect();
            head.to_lowercase().starts_with(all)
        };
        if starts {
            return (Vec::new(), text[all.len()..].trim_start());
        }
    }
    // "Internetlog, E-mails: 90 days from collection": labels before a colon that a period follows.
    if let Some(colon) = text.find(": ")
        && (period(&text[colon + 2..]).is_some() || not_stated(&text[colon + 2..]))
    {
        let labels = text[..colon]
            .split(", ")
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty())
            .collect();
        return (labels, &text[colon + 2..]);
    }
    (Vec::new(), text)
}

/// The suffixes that say the data is then handed to the public archive.
const THEN_ARCHIVE: &[&str] = &[
    ", then handed to the public archive",
    ", derefter afleveret til offentligt arkiv",
    " and then archived",
    " then archived",
    " og derefter arkiveres",
    " og arkiveres derefter",
    " og arkiveres",
    ", derefter arkiveres",
];

/// Words that say the data is handed to the public archive instead of deleted.
const ARCHIVE: &[&str] = &[
    "handed to the public archive (arkivloven), then deleted",
    "afleveres til offentligt arkiv (arkivloven) og slettes derefter",
    "arkiveres",
    "arkivering",
    "afleveres til arkiv",
    "afleveres til offentligt arkiv",
    "archived",
    "archive",
];

fn period(text: &str) -> Option<String> {
    let text = text.trim().trim_end_matches('.').trim();
    let lower = text.to_lowercase();
    if ARCHIVE.contains(&lower.as_str()) {
        return Some("archive".to_string());
    }
    let (text, then_archive) = match THEN_ARCHIVE.iter().find(|s| lower.ends_with(*s)) {
        Some(suffix) => (&text[..text.len() - suffix.len()], true),
        None => (text, false),
    };
    let period = until(text).or_else(|| deadline(text))?;
    Some(if then_archive {
        format!("{period} then archive")
    } else {
        period
    })
}

/// `until X`, `indtil X`.
fn until(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    let event = ["until ", "indtil "]
        .into_iter()
        .find(|p| lower.starts_with(p))
        .map(|p| text[p.len()..].trim())?;
    (!event.is_empty()).then(|| format!("until \"{}\"", super::write::string_body(event)))
}

/// `5 years`, `5 år efter X`, `30 days from collection`, `fem år fra sagens afslutning`.
fn deadline(text: &str) -> Option<String> {
    let mut words = text.split_whitespace();
    let amount = amount(words.next()?)?;
    let unit_word = words.next()?.to_lowercase();
    let unit = unit(amount, unit_word.trim_end_matches([',', '.']))?;
    let rest: Vec<&str> = words.collect();
    let rest = rest.join(" ");
    let lower = rest.to_lowercase();
    let from_collection = [
        "",
        "from collection",
        "fra indsamlingen",
        "fra indsamling",
        "after collection",
        "efter indsamlingen",
    ];
    if from_collection.contains(&lower.as_str()) {
        return Some(format!("for {amount} {unit}"));
    }
    let event = ["after ", "efter ", "from ", "fra "]
        .into_iter()
        .find(|p| lower.starts_with(p))
        .map(|p| rest[p.len()..].trim())?;
    if event.is_empty() {
        return None;
    }
    Some(format!(
        "for {amount} {unit} after \"{}\"",
        super::write::string_body(event)
    ))
}

/// A whole number, in digits or as a word up to ten.
fn amount(word: &str) -> Option<u64> {
    if let Ok(n) = word.parse::<u64>() {
        return (n > 0).then_some(n);
    }
    const WORDS: &[(&[&str], u64)] = &[
        (&["et", "én", "en", "ét", "one", "a"], 1),
        (&["to", "two"], 2),
        (&["tre", "three"], 3),
        (&["fire", "four"], 4),
        (&["fem", "five"], 5),
        (&["seks", "six"], 6),
        (&["syv", "seven"], 7),
        (&["otte", "eight"], 8),
        (&["ni", "nine"], 9),
        (&["ti", "ten"], 10),
    ];
    let lower = word.to_lowercase();
    WORDS
        .iter()
        .find(|(words, _)| words.contains(&lower.as_str()))
        .map(|(_, n)| *n)
}

/// The unit keyword of the spec language for a unit word in Danish or English; `None` also for a
/// period longer than the language accepts (the resolver refuses it: the deadline stays a comment).
fn unit(amount: u64, word: &str) -> Option<&'static str> {
    use crate::law::vocabulary::TimeUnit;
    let (one, many, unit) = match word {
        "day" | "days" | "dag" | "dage" | "dags" => ("day", "days", TimeUnit::Days),
        "week" | "weeks" | "uge" | "uger" => ("week", "weeks", TimeUnit::Weeks),
        "month" | "months" | "måned" | "måneder" | "mdr" | "md" => {
            ("month", "months", TimeUnit::Months)
        }
        "year" | "years" | "år" => ("year", "years", TimeUnit::Years),
        _ => return None,
    };
    if amount.saturating_mul(unit.days()) > crate::semantic::model::MAX_PERIOD_DAYS {
        return None;
    }
    Some(if amount == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A period the resolver refuses as too long is not written (found by tests/fuzz_smoke.rs:
    /// `5508753709683126373 years` made a spec hjemmel refused); the longest it accepts is.
    #[test]
    fn a_period_longer_than_the_language_accepts_is_not_read() {
        assert_eq!(deadline("5508753709683126373 år"), None);
        assert_eq!(deadline("1001 years"), None);
        assert_eq!(deadline("1000 years").as_deref(), Some("for 1000 years"));
        assert_eq!(deadline("365000 dage").as_deref(), Some("for 365000 days"));
        assert_eq!(deadline("365001 dage"), None);
    }

    /// Each period read once gives what reading every line whole gives.
    #[test]
    fn a_period_reader_reads_as_read_does() {
        let lines = [
            "CPR-nummer (Jobcentret): 1 years from collection",
            "Adresse (Kultur og fritid): 1 years from collection",
            "all categories: 5 years after sidste kontakt, then handed to the public archive",
            "Adgangslog: 12 months from collection.",
            "Adgangslog: som aftalt med nogen",
            "not stated",
            "",
        ];
        let mut periods = PeriodReader::default();
        for line in lines.iter().chain(lines.iter().rev()) {
            assert_eq!(periods.read(line), read(line), "{line}");
        }
        assert!(matches!(read(lines[0]), Read::Deadline(_)));
        assert!(matches!(read(lines[4]), Read::Unread));
    }

    fn period_of(text: &str) -> String {
        match read(text) {
            Read::Deadline(d) => d.period,
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn deadlines_in_words() {
        assert_eq!(
            period_of("5 år efter sagens afslutning"),
            "for 5 years after \"sagens afslutning\""
        );
        assert_eq!(
            period_of("5 years after the case is closed"),
            "for 5 years after \"the case is closed\""
        );
        assert_eq!(
            period_of("indtil ansættelsens ophør"),
            "until \"ansættelsens ophør\""
        );
        assert_eq!(period_of("arkiveres"), "archive");
        assert_eq!(period_of("1 år"), "for 1 year");
        assert_eq!(period_of("fem år"), "for 5 years");
        assert_eq!(period_of("30 dage fra indsamlingen"), "for 30 days");
    }

    #[test]
    fn renderings_of_ropa() {
        assert_eq!(
            period_of(
                "alle kategorier: 5 år efter udgangen af den journalperiode, som omfatter sagen"
            ),
            "for 5 years after \"udgangen af den journalperiode, som omfatter sagen\""
        );
        assert_eq!(
            period_of("all categories: until X, then handed to the public archive"),
            "until \"X\" then archive"
        );
        match read("Internetlog, E-mails: 90 days from collection") {
            Read::Deadline(d) => {
                assert_eq!(d.categories, ["Internetlog", "E-mails"]);
                assert_eq!(d.period, "for 90 days");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(read("*ikke angivet*"), Read::NotStated);
    }

    #[test]
    fn what_cannot_be_read() {
        assert_eq!(read("efter behov"), Read::Unread);
        assert_eq!(read("0 år"), Read::Unread);
        assert_eq!(read("5 lightyears"), Read::Unread);
    }
}
