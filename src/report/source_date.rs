//! `SOURCE_DATE_EPOCH`: when set, the time a document says it was made, so that a build can make
//! the same document twice (reproducible-builds.org/specs/source-date-epoch). A value that is not
//! a whole number of seconds since 1970 is an error, as that specification asks, never ignored:
//! ignoring it would put today's date in a document its maker expected to be reproducible.

use std::ffi::OsStr;

use crate::i18n::Lang;
use crate::{texts, tr};

/// The name of the environment variable.
pub const VARIABLE: &str = "SOURCE_DATE_EPOCH";

texts! {
    /// The variable is set to something that is not seconds since 1970.
    INVALID = (
        "`SOURCE_DATE_EPOCH` is `{value}`, not a whole number of seconds since 1970-01-01 (such as `1785024000`); set it to one, or unset it to date the document today",
        "`SOURCE_DATE_EPOCH` er `{value}`, ikke et helt antal sekunder siden 1970-01-01 (som `1785024000`); sæt den til et sådant tal, eller fjern den for at datere dokumentet i dag"
    ),
}

/// The seconds since 1970 that `value` (the variable's value, `None` when unset) stands for; the
/// message for a person, in `lang`, when it is set to anything else.
pub fn seconds(value: Option<&OsStr>, lang: Lang) -> Result<Option<i64>, String> {
    let Some(value) = value else {
        return Ok(None);
    };
    // Digits, with a minus sign for a time before 1970: what `date +%s` prints.
    let text = value.to_str().unwrap_or("");
    let digits = text.strip_prefix('-').unwrap_or(text);
    match text.parse::<i64>() {
        Ok(seconds) if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) => {
            Ok(Some(seconds))
        }
        _ => Err(tr!(
            lang,
            INVALID,
            value = value.to_string_lossy().escape_debug()
        )),
    }
}

/// The calendar date `(year, month, day)` of a day counted from 1970-01-01 (H. Hinnant's
/// `civil_from_days`): a report's date and the reference date of PROCESSOR-SUPERVISION.
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::{civil_from_days, seconds};
    use crate::i18n::Lang;
    use std::ffi::OsStr;

    fn of(value: &str) -> Result<Option<i64>, String> {
        seconds(Some(OsStr::new(value)), Lang::En)
    }

    #[test]
    fn days_since_1970_as_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(civil_from_days(20_658), (2026, 7, 24));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
    }

    #[test]
    fn whole_seconds_are_taken_and_anything_else_is_an_error() {
        assert_eq!(seconds(None, Lang::En), Ok(None));
        assert_eq!(of("1785024000"), Ok(Some(1_785_024_000)));
        assert_eq!(of("-86400"), Ok(Some(-86_400)));
        for bad in [
            "",
            " 1",
            "1.5",
            "+1",
            "2026-07-24",
            "99999999999999999999",
            "1e9",
            "-",
        ] {
            let message = of(bad).unwrap_err();
            assert!(
                message.starts_with("`SOURCE_DATE_EPOCH` is `"),
                "{bad:?}: {message}"
            );
        }
        // A control character in the value is shown escaped, not sent to the terminal.
        assert!(of("1\u{1b}[2J").unwrap_err().contains("`1\\u{1b}[2J`"));
    }
}
