//! Following a plan day by day: when the stored schedule must be
//! regenerated, what today's agenda is, and how each day of the plan stands.
//! Pure: the caller reads the database and the clock and passes them in.

use std::collections::{BTreeSet, HashSet};

use chrono::NaiveDate;
use serde::Serialize;

use super::catalog::{Category, PlanId};
use super::criteria::{evaluate, CriterionStatus, Evidence};
use super::profile::Profile;
use super::schedule::{build, replan, Item, Schedule, ScheduleInput};

/// The schedule input for `profile` following `plan` from `start`.
pub fn input_for(
    profile: &Profile,
    plan: PlanId,
    start: NaiveDate,
    blackouts: BTreeSet<NaiveDate>,
    weak_categories: Vec<Category>,
) -> ScheduleInput {
    ScheduleInput {
        plan,
        start,
        interview: profile.interview_date,
        hours_per_week: profile.hours_per_week,
        prep_days: profile.prep_days.clone(),
        blackouts,
        weak_categories,
    }
}

/// The schedule to store now, or `None` when the stored one still holds:
/// a first schedule is built; a changed input (dates, hours, weekdays,
/// blackouts, plan, weak areas), a new day (missed work to carry) or newer
/// layout rules ([`RULES`](super::schedule::RULES)) re-plans from the stored
/// one, keeping done items and past days.
pub fn refresh(
    stored: Option<(&ScheduleInput, &Schedule, NaiveDate)>,
    input: &ScheduleInput,
    done: &HashSet<String>,
    today: NaiveDate,
) -> Option<Schedule> {
    match stored {
        None => Some(build(input)),
        Some((old, schedule, planned_on))
            if old == input && planned_on == today && schedule.rules == super::schedule::RULES =>
        {
            None
        }
        Some((_, schedule, _)) => Some(replan(schedule, done, today, input)),
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AgendaItem {
    #[serde(flatten)]
    pub item: Item,
    pub done: bool,
    /// Its minutes not done yet: none once ticked, fewer once part of its
    /// named work is logged ([`AgendaItem::take_off_done`]).
    pub minutes_left: u32,
    /// What the item names and where it is done (today and later days).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task: Option<super::tasks::Task>,
}

impl AgendaItem {
    fn new(item: &Item, done: &HashSet<String>) -> AgendaItem {
        let done = done.contains(&item.key);
        AgendaItem {
            item: item.clone(),
            done,
            minutes_left: if done { 0 } else { item.minutes },
            task: None,
        }
    }

    /// Takes off an open item the share of its work done: `parts_done` of
    /// its `parts` (2 of 3 named problems logged leave a third of its
    /// minutes, rounded up).
    pub fn take_off_done(&mut self, parts_done: usize, parts: usize) {
        if self.done || parts == 0 {
            return;
        }
        let left = parts.saturating_sub(parts_done) as u64;
        let minutes = u64::from(self.item.minutes) * left;
        self.minutes_left = u32::try_from(minutes.div_ceil(parts as u64)).unwrap_or(u32::MAX);
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NextCheckpoint {
    pub date: NaiveDate,
    pub label: String,
    pub days_away: i64,
    pub criteria: Vec<CriterionStatus>,
}

/// What today asks of the candidate.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Agenda {
    pub date: NaiveDate,
    pub plan_id: PlanId,
    /// False on a rest day, a blackout or outside the schedule.
    pub scheduled: bool,
    pub items: Vec<AgendaItem>,
    pub planned_minutes: u32,
    pub minutes_left: u32,
    /// The next prep day with items when today has none.
    pub next_day: Option<NaiveDate>,
    pub next_checkpoint: Option<NextCheckpoint>,
    /// Work from missed days that found no room before the interview.
    pub overflow_minutes: u32,
    /// Today is the interview: the window shows the interview-day sheet.
    pub interview_day: bool,
}

pub fn agenda(
    schedule: &Schedule,
    done: &HashSet<String>,
    evidence: &Evidence,
    today: NaiveDate,
) -> Agenda {
    let day = schedule.days.iter().find(|d| d.date == today);
    let items: Vec<AgendaItem> = day
        .map(|d| d.items.iter().map(|i| AgendaItem::new(i, done)).collect())
        .unwrap_or_default();
    let planned_minutes = items.iter().map(|i| i.item.minutes).sum();
    let next_day = schedule
        .days
        .iter()
        .find(|d| d.date > today && !d.items.is_empty())
        .map(|d| d.date);
    let next_checkpoint = schedule
        .checkpoints
        .iter()
        .find(|c| c.date >= today)
        .map(|c| NextCheckpoint {
            date: c.date,
            label: c.label.clone(),
            days_away: (c.date - today).num_days(),
            criteria: c.criteria.iter().map(|k| evaluate(k, evidence)).collect(),
        });
    let mut agenda = Agenda {
        date: today,
        plan_id: schedule.plan_id,
        scheduled: !items.is_empty(),
        items,
        planned_minutes,
        minutes_left: 0,
        next_day,
        next_checkpoint,
        // Missed work is no news on the day itself: the interview is what is left.
        overflow_minutes: if today >= schedule.interview {
            0
        } else {
            schedule.overflow.iter().map(|i| i.minutes).sum()
        },
        interview_day: today == schedule.interview,
    };
    agenda.recount();
    agenda
}

impl Agenda {
    /// `minutes_left` again from the items' own, after any of them changed
    /// ([`AgendaItem::take_off_done`]).
    pub fn recount(&mut self) {
        self.minutes_left = self.items.iter().map(|i| i.minutes_left).sum();
    }
}

/// One day of the Plan view: what is planned and what is done.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DayStatus {
    pub date: NaiveDate,
    pub plan_week: u32,
    pub planned_minutes: u32,
    pub done_minutes: u32,
    pub items: Vec<AgendaItem>,
    pub checkpoint: Option<String>,
}

pub fn day_statuses(schedule: &Schedule, done: &HashSet<String>) -> Vec<DayStatus> {
    schedule
        .days
        .iter()
        .map(|d| {
            let items: Vec<AgendaItem> = d.items.iter().map(|i| AgendaItem::new(i, done)).collect();
            DayStatus {
                date: d.date,
                plan_week: d.plan_week,
                planned_minutes: items.iter().map(|i| i.item.minutes).sum(),
                done_minutes: items
                    .iter()
                    .filter(|i| i.done)
                    .map(|i| i.item.minutes)
                    .sum(),
                checkpoint: schedule
                    .checkpoints
                    .iter()
                    .find(|c| c.date == d.date)
                    .map(|c| c.label.clone()),
                items,
            }
        })
        .collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::plan::profile::{CurrentLevel, Risk, TargetLevel, Track};
    use chrono::Weekday;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// An L6 IC senior engineer at 20 h a week, Monday to Friday.
    pub(crate) fn profile(interview: NaiveDate) -> Profile {
        Profile {
            interview_date: interview,
            target_level: TargetLevel::L6,
            track: Track::Ic,
            current_level: CurrentLevel::SeniorEngineer,
            hours_per_week: 20,
            prep_days: vec![
                Weekday::Mon,
                Weekday::Tue,
                Weekday::Wed,
                Weekday::Thu,
                Weekday::Fri,
            ],
            risk: Risk::Medium,
        }
    }

    fn input(interview: NaiveDate) -> ScheduleInput {
        input_for(
            &profile(interview),
            PlanId::Intensive6w,
            d(2026, 3, 2),
            BTreeSet::new(),
            vec![],
        )
    }

    #[test]
    fn first_call_builds_a_schedule() {
        let i = input(d(2026, 4, 13));
        assert!(refresh(None, &i, &HashSet::new(), d(2026, 3, 2)).is_some());
    }

    #[test]
    fn unchanged_input_on_the_same_day_keeps_the_stored_schedule() {
        let i = input(d(2026, 4, 13));
        let s = build(&i);
        assert!(refresh(
            Some((&i, &s, d(2026, 3, 2))),
            &i,
            &HashSet::new(),
            d(2026, 3, 2)
        )
        .is_none());
        // Laid out by older rules (an update since): re-planned at once.
        let old_rules = Schedule { rules: 0, ..s };
        let again = refresh(
            Some((&i, &old_rules, d(2026, 3, 2))),
            &i,
            &HashSet::new(),
            d(2026, 3, 2),
        )
        .expect("re-planned");
        assert_eq!(again.rules, crate::plan::schedule::RULES);
    }

    #[test]
    fn a_moved_interview_regenerates_and_keeps_done_items() {
        let old = input(d(2026, 4, 13));
        let s = build(&old);
        let first = s.days[0].items[0].key.clone();
        let done: HashSet<String> = [first.clone()].into();
        let new = input(d(2026, 4, 27));
        let again = refresh(Some((&old, &s, d(2026, 3, 2))), &new, &done, d(2026, 3, 2)).unwrap();
        assert_eq!(again.interview, d(2026, 4, 27));
        assert!(again
            .days
            .iter()
            .flat_map(|d| &d.items)
            .any(|i| i.key == first));
    }

    #[test]
    fn a_new_day_carries_yesterdays_missed_work() {
        let i = input(d(2026, 4, 13));
        let s = build(&i);
        let again = refresh(
            Some((&i, &s, d(2026, 3, 2))),
            &i,
            &HashSet::new(),
            d(2026, 3, 3),
        )
        .unwrap();
        assert!(again
            .days
            .iter()
            .flat_map(|d| &d.items)
            .any(|i| i.carried_from == Some(d(2026, 3, 2))));
    }

    #[test]
    fn agenda_counts_minutes_left_from_unticked_items() {
        let i = input(d(2026, 4, 13));
        let s = build(&i);
        let today = &s.days[0];
        let done: HashSet<String> = [today.items[0].key.clone()].into();
        let a = agenda(&s, &done, &Evidence::default(), today.date);
        assert_eq!(a.planned_minutes, today.planned_minutes());
        assert_eq!(
            a.minutes_left,
            today.planned_minutes() - today.items[0].minutes
        );
        assert!(a.items[0].done);
        assert!(a.next_checkpoint.is_some());
    }

    #[test]
    fn a_rest_day_points_to_the_next_prep_day() {
        let i = input(d(2026, 4, 13));
        let s = build(&i);
        let saturday = d(2026, 3, 7);
        let a = agenda(&s, &HashSet::new(), &Evidence::default(), saturday);
        assert!(!a.scheduled);
        assert_eq!(a.next_day, Some(d(2026, 3, 9)));
    }

    #[test]
    fn the_interview_day_is_the_interview_not_missed_work() {
        let i = input(d(2026, 4, 13));
        let first = build(&i);
        // Nothing was ever done: on the interview day the carried work no
        // longer fits, and the agenda says it is the day instead.
        let s = replan(&first, &HashSet::new(), d(2026, 4, 13), &i);
        assert!(!s.overflow.is_empty());
        let a = agenda(&s, &HashSet::new(), &Evidence::default(), d(2026, 4, 13));
        assert!(a.interview_day);
        assert_eq!(a.overflow_minutes, 0);
        let eve = agenda(&s, &HashSet::new(), &Evidence::default(), d(2026, 4, 12));
        assert!(!eve.interview_day);
    }
}
