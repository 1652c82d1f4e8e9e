//! The numbers the rules compare against, read from src/law/ as the rules read them: a hand-made
//! change to one of them fails here with the number's name, besides the rule fixtures that try each
//! on both sides (tests/fixtures/rules/, see docs/mutation-testing.md).

use hjemmel::i18n::Lang;
use hjemmel::law::vocabulary::TimeUnit;

/// A retention is compared in days with a month as 30 days and a year as 365 (RETENTION-EXCEEDS-LIMIT,
/// CCTV-RETENTION); whether a year is 12 months is pinned by RETENTION-EXCEEDS-LIMIT's fixtures.
#[test]
fn a_week_is_7_days_a_month_30_and_a_year_365() {
    use TimeUnit::*;
    for (units, days) in [
        ([Day, Days], 1),
        ([Week, Weeks], 7),
        ([Month, Months], 30),
        ([Year, Years], 365),
    ] {
        for unit in units {
            assert_eq!(unit.days(), days, "{unit:?}");
        }
    }
}

/// English writes the unit as the spec does; Danish in the number the amount asks for, whichever
/// keyword the spec used (`1 days` is `1 dag`).
#[test]
fn a_period_is_worded_in_the_number_its_amount_asks_for() {
    use TimeUnit::*;
    assert_eq!(Days.word(1, Lang::En), "days");
    assert_eq!(Year.word(2, Lang::En), "year");
    for (unit, amount, danish) in [
        (Day, 1, "dag"),
        (Days, 1, "dag"),
        (Days, 30, "dage"),
        (Week, 2, "uger"),
        (Weeks, 1, "uge"),
        (Month, 1, "måned"),
        (Months, 6, "måneder"),
        (Year, 1, "år"),
        (Years, 5, "år"),
    ] {
        assert_eq!(unit.word(amount, Lang::Da), danish, "{amount} {unit:?}");
    }
}

/// Databeskyttelsesloven § 6, stk. 2-3: 15 years since 1 January 2024 (13 before).
#[test]
fn a_child_consents_alone_from_15() {
    let age = &hjemmel::law::parameters::parameters().child_consent_age;
    assert_eq!((age.value, age.unit.as_str()), (15, "years"));
    assert!(age.provision.contains("§ 6"), "{}", age.provision);
}

/// Tv-overvågningsloven § 4 c, stk. 4 and § 4 d, stk. 3: recordings are deleted within 30 days; a
/// recording kept for a dispute (§ 4 c, stk. 5) is told to the person recorded within 30 days.
#[test]
fn surveillance_recordings_are_deleted_within_30_days() {
    let cctv = hjemmel::law::cctv::cctv();
    assert_eq!(cctv.limit_days, 30);
    assert_eq!(
        cctv.exception("dispute").and_then(|e| e.notify_days),
        Some(30)
    );
}

/// The grounds of surveillance a `cctv` statement names (tv-overvågningsloven §§ 2, 2 a, 2 c, 2 d)
/// and the three grounds of § 4 c, stk. 5 for keeping recordings longer, as the spec errors list
/// them to the author.
#[test]
fn surveillance_rests_on_four_sections_and_is_kept_longer_on_three_grounds() {
    let cctv = hjemmel::law::cctv::cctv();
    assert_eq!(
        cctv.ground_citations(),
        "`tvol 2`, `tvol 2a`, `tvol 2c`, `tvol 2d`"
    );
    assert_eq!(
        cctv.exception_words(),
        ["police_report", "dispute", "crime_prevention"]
    );
}
