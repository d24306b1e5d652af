//! The streak: consecutive weekdays meeting every daily minimum, counted on
//! local calendar dates (`NaiveDate`), so a DST change or a flight across
//! time zones can neither split a day nor merge two. Saturdays and Sundays
//! neither break nor extend it, and today counts once met but never breaks
//! it before the day is over.

use std::collections::BTreeSet;

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::ledger::Ledger;
use super::minimums::{Minimums, PrepDays};

/// The current and the best run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Streak {
    /// Weekdays in the current run, ending today or, while today is not yet
    /// met, on the last weekday before it.
    pub days: u32,
    /// The first day of the current run, when there is one.
    pub since: Option<NaiveDate>,
    /// Today is a weekday and its daily minimum is already met.
    pub today_met: bool,
    /// Today is a weekday still to be met for the run to go on (the UI's
    /// "keep your streak" nudge).
    pub today_pending: bool,
    /// The longest run up to today.
    pub longest: u32,
}

/// The streak on the seed's minimums.
pub fn streak(days: &Ledger, today: NaiveDate) -> Streak {
    streak_with(&Minimums::default(), days, today)
}

/// The streak on the given minimums.
pub fn streak_with(minimums: &Minimums, days: &Ledger, today: NaiveDate) -> Streak {
    let met: BTreeSet<NaiveDate> = days
        .iter()
        .filter(|(_, t)| t.minutes().meets(minimums))
        .map(|(date, _)| *date)
        .collect();
    streak_of_met(&met, today, minimums.prep_days)
}

/// The streak from the days that met the daily minimums (every other day
/// did not): all the streak depends on, so the store can hand over just
/// those dates instead of every day's totals.
pub fn streak_of_met(met: &BTreeSet<NaiveDate>, today: NaiveDate, prep: PrepDays) -> Streak {
    let is_rest = |d: NaiveDate| !prep.contains(d);
    if prep.is_empty() {
        return Streak {
            days: 0,
            since: None,
            today_met: false,
            today_pending: false,
            longest: 0,
        };
    }
    let Some(earliest) = met.first().copied() else {
        return Streak {
            days: 0,
            since: None,
            today_met: false,
            today_pending: !is_rest(today),
            longest: 0,
        };
    };

    let today_met = !is_rest(today) && met.contains(&today);
    let mut count = u32::from(today_met);
    let mut since = today_met.then_some(today);
    let mut cursor = today;
    while let Some(day) = cursor.pred_opt() {
        if day < earliest {
            break;
        }
        cursor = day;
        if is_rest(day) {
            continue;
        }
        if !met.contains(&day) {
            break;
        }
        count += 1;
        since = Some(day);
    }

    // The longest run: walk the met weekdays in order; two belong to the
    // same run when no weekday lies between them.
    let mut longest = 0u32;
    let mut run = 0u32;
    let mut previous: Option<NaiveDate> = None;
    for &date in met.range(..=today) {
        if is_rest(date) {
            continue;
        }
        run = match previous {
            Some(p) if next_prep_day(p, prep) == Some(date) => run + 1,
            _ => 1,
        };
        longest = longest.max(run);
        previous = Some(date);
    }

    Streak {
        days: count,
        since,
        today_met,
        today_pending: !is_rest(today) && !today_met,
        longest: longest.max(count),
    }
}

fn next_prep_day(date: NaiveDate, prep: PrepDays) -> Option<NaiveDate> {
    let mut next = date.checked_add_days(Days::new(1))?;
    while !prep.contains(next) {
        next = next.checked_add_days(Days::new(1))?;
    }
    Some(next)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::practice::ledger::ledger_of;
    use crate::practice::log::Entry;

    // The tests describe days by their entries.
    fn streak(entries: &[Entry], today: NaiveDate) -> Streak {
        super::streak(&ledger_of(entries), today)
    }

    use crate::practice::log::tests::{d, full_day, star};

    fn days(dates: &[NaiveDate]) -> Vec<Entry> {
        dates.iter().flat_map(|&date| full_day(date)).collect()
    }

    #[test]
    fn no_entries_means_no_streak() {
        let s = streak(&[], d(2025, 3, 12));
        assert_eq!((s.days, s.longest, s.since), (0, 0, None));
        assert!(s.today_pending);
    }

    #[test]
    fn a_single_met_day_today_is_a_streak_of_one() {
        let today = d(2025, 3, 12);
        let s = streak(&days(&[today]), today);
        assert_eq!((s.days, s.since), (1, Some(today)));
        assert!(s.today_met);
        assert!(!s.today_pending);
    }

    #[test]
    fn today_not_yet_met_does_not_break_the_streak() {
        // Mon-Tue met, Wednesday (today) has only part of the minimum so far.
        let mut entries = days(&[d(2025, 3, 10), d(2025, 3, 11)]);
        entries.push(star(d(2025, 3, 12), 30));
        let s = streak(&entries, d(2025, 3, 12));
        assert_eq!(s.days, 2);
        assert!(s.today_pending);
        assert_eq!(s.since, Some(d(2025, 3, 10)));
    }

    #[test]
    fn a_missed_weekday_breaks_the_streak() {
        // Mon met, Tue missed, Wed-Thu met; today Thursday.
        let entries = days(&[d(2025, 3, 10), d(2025, 3, 12), d(2025, 3, 13)]);
        let s = streak(&entries, d(2025, 3, 13));
        assert_eq!(s.days, 2);
        assert_eq!(s.longest, 2);
    }

    #[test]
    fn a_partly_met_weekday_breaks_the_streak() {
        let mut entries = days(&[d(2025, 3, 10), d(2025, 3, 12)]);
        entries.push(star(d(2025, 3, 11), 30));
        assert_eq!(streak(&entries, d(2025, 3, 12)).days, 1);
    }

    #[test]
    fn weekends_neither_break_nor_extend_the_streak() {
        // Thu, Fri met; nothing on Sat/Sun; Mon met; today Monday.
        let entries = days(&[d(2025, 3, 13), d(2025, 3, 14), d(2025, 3, 17)]);
        assert_eq!(streak(&entries, d(2025, 3, 17)).days, 3);
        // Work done on the weekend adds nothing.
        let mut with_weekend = entries.clone();
        with_weekend.extend(days(&[d(2025, 3, 15), d(2025, 3, 16)]));
        assert_eq!(streak(&with_weekend, d(2025, 3, 17)).days, 3);
    }

    #[test]
    fn on_a_weekend_the_streak_runs_through_friday() {
        let entries = days(&[d(2025, 3, 13), d(2025, 3, 14)]);
        let s = streak(&entries, d(2025, 3, 16));
        assert_eq!(s.days, 2);
        assert!(!s.today_met);
        assert!(!s.today_pending);
    }

    #[test]
    fn streak_spans_the_european_spring_dst_change() {
        // Clocks went forward on Sunday 30 March 2025 in Europe: the days
        // around it are ordinary calendar dates.
        let entries = days(&[
            d(2025, 3, 27),
            d(2025, 3, 28),
            d(2025, 3, 31),
            d(2025, 4, 1),
        ]);
        assert_eq!(streak(&entries, d(2025, 4, 1)).days, 4);
    }

    #[test]
    fn streak_spans_the_us_autumn_dst_change() {
        // Clocks went back on Sunday 2 November 2025 in the US.
        let entries = days(&[d(2025, 10, 31), d(2025, 11, 3)]);
        assert_eq!(streak(&entries, d(2025, 11, 3)).days, 2);
    }

    #[test]
    fn streak_crosses_a_year_boundary() {
        let entries = days(&[
            d(2024, 12, 27),
            d(2024, 12, 30),
            d(2024, 12, 31),
            d(2025, 1, 1),
            d(2025, 1, 2),
        ]);
        let s = streak(&entries, d(2025, 1, 2));
        assert_eq!((s.days, s.since), (5, Some(d(2024, 12, 27))));
    }

    #[test]
    fn entries_logged_at_different_times_of_one_local_day_add_up() {
        // Morning at home and evening after flying west: one local date.
        let date = d(2025, 3, 12);
        let entries = vec![
            star(date, 30),
            Entry::new(
                date,
                crate::practice::log::Activity::LpStudy { minutes: 15 },
            ),
            crate::practice::log::tests::coding(date, 20),
            crate::practice::log::tests::coding(date, 25),
        ];
        assert_eq!(streak(&entries, date).days, 1);
    }

    #[test]
    fn longest_remembers_an_earlier_longer_run() {
        let entries = days(&[
            d(2025, 3, 3),
            d(2025, 3, 4),
            d(2025, 3, 5),
            d(2025, 3, 6),
            d(2025, 3, 12),
        ]);
        let s = streak(&entries, d(2025, 3, 12));
        assert_eq!((s.days, s.longest), (1, 4));
    }

    #[test]
    fn future_entries_are_ignored() {
        let entries = days(&[d(2025, 3, 13), d(2025, 3, 14)]);
        let s = streak(&entries, d(2025, 3, 12));
        assert_eq!((s.days, s.longest), (0, 0));
    }
}
