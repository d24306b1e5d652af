//! The followed plan's use cases: today's agenda, the dated schedule,
//! choosing a plan, ticking items and blackout dates, and the evidence the
//! plan's checkpoints are judged on. Reads never write: [`current`] works
//! out the plan as of today in memory, and [`replan`] is the one step that
//! stores it (after each write, at start and once a minute).

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use serde::Serialize;

use crate::error::{AppError, AppResult};
use crate::plan::assessment;
use crate::plan::catalog::{catalog, HoursRange, PlanId};
use crate::plan::criteria::Evidence;
use crate::plan::profile::{Profile, Track};
use crate::plan::reference::ReferenceView;
use crate::plan::schedule::{Item, ScheduledCheckpoint};
use crate::plan::select::{recommend, Recommendation};
use crate::plan::tasks::{self, Task, World};
use crate::plan::tracking::{self, Agenda, DayStatus};
use crate::practice::ledger::DayTotals;
use crate::problems;
use crate::store::plan::PlanState;
use crate::store::{self, codec::from_text, Store};

/// The profile and the plan state as of `today`: the stored schedule, or a
/// fresh one when the inputs changed or a day has passed since it was made.
/// `None` before the first run. Writes nothing.
pub fn current(store: &Store, today: NaiveDate) -> AppResult<Option<(Profile, PlanState)>> {
    Ok(planned(store, today)?.map(|(profile, state, _)| (profile, state)))
}

/// [`current`], storing the fresh schedule when there is one, so that the
/// next day's re-plan starts from this one.
pub fn replan(store: &Store, today: NaiveDate) -> AppResult<Option<(Profile, PlanState)>> {
    let Some((profile, state, fresh)) = planned(store, today)? else {
        return Ok(None);
    };
    if fresh {
        store::plan::save_state(store, &state)?;
    }
    Ok(Some((profile, state)))
}

/// The plan as of `today`, and whether it differs from the stored one.
fn planned(store: &Store, today: NaiveDate) -> AppResult<Option<(Profile, PlanState, bool)>> {
    let Some(profile) = store::profile::get(store)? else {
        return Ok(None);
    };
    let stored = store::plan::state(store)?;
    let (plan_id, chosen, start) = match &stored {
        Some(s) => (s.plan_id, s.chosen, s.input.start),
        None => (recommend(&profile, today).plan_to_follow(), false, today),
    };
    let input = tracking::input_for(
        &profile,
        plan_id,
        start,
        store::plan::blackouts(store)?,
        weak_categories(store)?,
    );
    let done = store::plan::done_keys(store)?;
    let refreshed = tracking::refresh(
        stored
            .as_ref()
            .map(|s| (&s.input, &s.schedule, s.planned_on)),
        &input,
        &done,
        today,
    );
    match (refreshed, stored) {
        (Some(schedule), _) => {
            let state = PlanState {
                plan_id,
                chosen,
                input,
                schedule,
                planned_on: today,
            };
            Ok(Some((profile, state, true)))
        }
        (None, Some(stored)) => Ok(Some((profile, stored, false))),
        (None, None) => Err(AppError::Internal("no schedule could be made".into())),
    }
}

/// The named task of every item from `today` on.
pub fn named_tasks(
    store: &Store,
    profile: &Profile,
    plan: &PlanState,
    today: NaiveDate,
    through: Option<NaiveDate>,
) -> AppResult<HashMap<String, Task>> {
    let bank = problems::bank();
    let history = store::tasks::problem_history(store)?.before(today);
    let stories = store::tasks::story_facts(store, today)?;
    let world = World {
        today,
        start: plan.schedule.start,
        interview: plan.schedule.interview,
        level: profile.target_level,
        track: profile.track,
        bank,
        history: &history,
        stories: &stories[..],
        weak: &plan.input.weak_categories,
        has_rounds: store::timer::ended_count(store)? > 0,
    };
    Ok(tasks::name_items(&plan.schedule.days, &world, through))
}

/// Days ahead, today included, whose items the Plan view names.
const NAMED_DAYS: u64 = 14;

/// Ticks today's items whose named work was done today: a logged problem,
/// a timed round, an assessment, a story written or revised. Called after
/// each of those writes (never on a read, so an item the candidate unticks
/// stays unticked).
pub fn tick_done_work(store: &Store, today: NaiveDate) -> AppResult<()> {
    let Some((profile, plan)) = replan(store, today)? else {
        return Ok(());
    };
    let Some(day) = plan.schedule.days.iter().find(|d| d.date == today) else {
        return Ok(());
    };
    let tasks = named_tasks(store, &profile, &plan, today, Some(today))?;
    let work = store::tasks::day_work(store, today)?;
    let done = store::plan::done_keys(store)?;
    for item in &day.items {
        let met = tasks
            .get(&item.key)
            .is_some_and(|t| t.done_by.met_by(&work, problems::bank()));
        if met && !done.contains(&item.key) {
            store::plan::set_done(store, &item.key, true, today)?;
        }
    }
    Ok(())
}

/// [`tick_done_work`] after a write that already succeeded: the write
/// stands whatever happens here, and an item left unticked is only a
/// convenience missed, so a failure is not the caller's error.
pub fn tick_after_write(store: &Store, today: NaiveDate) {
    if let Err(e) = tick_done_work(store, today) {
        // Nothing to undo: the candidate can still tick the item by hand.
        log::warn!("today's done work could not be ticked: {e}");
    }
}

/// Today's agenda with each item's named task.
pub fn named_agenda(store: &Store, today: NaiveDate) -> AppResult<Agenda> {
    let (profile, plan) = require(current(store, today)?)?;
    agenda_of(store, &profile, &plan, today)
}

/// [`named_agenda`] of a plan already worked out.
pub fn agenda_of(
    store: &Store,
    profile: &Profile,
    plan: &PlanState,
    today: NaiveDate,
) -> AppResult<Agenda> {
    let done = store::plan::done_keys(store)?;
    let mut agenda = tracking::agenda(&plan.schedule, &done, &evidence(store)?, today);
    let mut tasks = named_tasks(store, profile, plan, today, Some(today))?;
    let work = store::tasks::day_work(store, today)?;
    for item in &mut agenda.items {
        item.task = tasks.remove(&item.item.key);
        if let Some(task) = &item.task {
            let (parts_done, parts) = task.done_by.progress(&work, problems::bank());
            item.take_off_done(parts_done, parts);
        }
    }
    agenda.recount();
    Ok(agenda)
}

/// The latest self-assessment, scored.
fn latest_assessment(store: &Store) -> AppResult<Option<assessment::AssessmentResult>> {
    let latest = store::plan::assessments(store)?.into_iter().next();
    Ok(latest.and_then(|a| assessment::score(&a.answers).ok()))
}

/// The categories the latest self-assessment found weak.
fn weak_categories(store: &Store) -> AppResult<Vec<crate::plan::catalog::Category>> {
    Ok(latest_assessment(store)?
        .map(|r| r.weak_categories)
        .unwrap_or_default())
}

/// What the story bank, the mock rounds and the practice log show so far. A story counts as
/// drafted once all four STAR parts have text, and as polished once the
/// story check finds no major problem in it.
pub fn evidence(store: &Store) -> AppResult<Evidence> {
    evidence_with(store, &store::practice::totals(store)?)
}

/// [`evidence`] with the totals of every day already read.
pub fn evidence_with(store: &Store, totals: &DayTotals) -> AppResult<Evidence> {
    let (drafted, polished) = store::stories::draft_counts(store)?;
    let mut evidence = Evidence {
        stories_drafted: drafted,
        stories_polished: polished,
        mocks_taken: store::timer::ended_count(store)?,
        assessments_taken: store::plan::assessment_count(store)?,
        ..Evidence::default()
    };
    evidence.add_log(totals);
    Ok(evidence)
}

fn require(found: Option<(Profile, PlanState)>) -> AppResult<(Profile, PlanState)> {
    found.ok_or_else(|| AppError::NotFound("Your profile".into()))
}

/// Today's items, minutes left and the next checkpoint.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanSummary {
    pub id: PlanId,
    pub name: String,
    pub weeks: u32,
    pub success_rate_percent: u32,
    pub hours_per_week: HoursRange,
    pub best_for: String,
    pub when_to_use: Vec<String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanOverview {
    pub recommendation: Recommendation,
    pub plans: Vec<PlanSummary>,
    pub plan_id: PlanId,
    pub chosen: bool,
    pub start: NaiveDate,
    pub interview: NaiveDate,
    pub day_budget_minutes: u32,
    pub week_budget_minutes: u32,
    pub time_scale: f64,
    pub warnings: Vec<String>,
    pub days: Vec<DayStatus>,
    pub checkpoints: Vec<ScheduledCheckpoint>,
    pub overflow: Vec<Item>,
    pub blackouts: Vec<NaiveDate>,
    pub today: NaiveDate,
    /// Set when the latest self-assessment asks for more weeks than are left.
    pub assessment_note: Option<String>,
    /// Categories the latest self-assessment found weak, and the share of
    /// plan practice time they get.
    pub weak_categories: Vec<crate::plan::catalog::Category>,
    pub weak_share_percent: u32,
}

pub fn overview(store: &Store, today: NaiveDate) -> AppResult<PlanOverview> {
    let (profile, plan) = require(current(store, today)?)?;
    let done: HashSet<String> = store::plan::done_keys(store)?;
    // Names for the next two weeks: later days get theirs as they come
    // near, from the history of then (a name months out would change anyway).
    let horizon = today + chrono::Days::new(NAMED_DAYS - 1);
    let mut tasks = named_tasks(store, &profile, &plan, today, Some(horizon))?;
    let mut days = tracking::day_statuses(&plan.schedule, &done);
    for item in days.iter_mut().flat_map(|d| &mut d.items) {
        item.task = tasks.remove(&item.item.key);
    }
    let s = &plan.schedule;
    Ok(PlanOverview {
        recommendation: recommend(&profile, today),
        plans: catalog()
            .plans
            .iter()
            .map(|p| PlanSummary {
                id: p.id,
                name: p.name.clone(),
                weeks: p.weeks,
                success_rate_percent: p.success_rate_percent,
                hours_per_week: p.hours_per_week,
                best_for: p.best_for.clone(),
                when_to_use: p.when_to_use.clone(),
            })
            .collect(),
        plan_id: plan.plan_id,
        chosen: plan.chosen,
        start: s.start,
        interview: s.interview,
        day_budget_minutes: s.day_budget_minutes,
        week_budget_minutes: s.week_budget_minutes,
        time_scale: s.time_scale,
        warnings: s.warnings.clone(),
        days,
        checkpoints: s.checkpoints.clone(),
        overflow: s.overflow.clone(),
        blackouts: plan.input.blackouts.iter().copied().collect(),
        today,
        assessment_note: latest_assessment(store)?.and_then(|r| {
            crate::plan::select::assessment_note(
                r.suggested_plan,
                r.total,
                f64::from(profile.days_left(today).max(0) as u32) / 7.0,
                &r.weak_categories,
            )
        }),
        weak_categories: plan.input.weak_categories.clone(),
        weak_share_percent: (crate::plan::schedule::GAP_SHARE * 100.0).round() as u32,
    })
}

/// Ticks or unticks an item of the schedule and returns today's agenda.
pub fn set_item_done(store: &Store, key: &str, done: bool, today: NaiveDate) -> AppResult<Agenda> {
    let (_, plan) = require(current(store, today)?)?;
    let known = plan
        .schedule
        .days
        .iter()
        .flat_map(|d| &d.items)
        .any(|i| i.key == key);
    if !known {
        return Err(AppError::NotFound(format!("The schedule item '{key}'")));
    }
    store::plan::set_done(store, key, done, today)?;
    let (profile, plan) = require(replan(store, today)?)?;
    agenda_of(store, &profile, &plan, today)
}

/// Follows `plan_id`, or the recommendation again when it is `None`.
pub fn choose(store: &Store, plan_id: Option<&str>, today: NaiveDate) -> AppResult<PlanOverview> {
    let (profile, mut plan) = require(current(store, today)?)?;
    let (id, chosen) = match plan_id {
        Some(text) => (from_text::<PlanId>(text, "plan")?, true),
        None => (recommend(&profile, today).plan_to_follow(), false),
    };
    plan.plan_id = id;
    plan.chosen = chosen;
    // The re-plan sees the new plan in the input and makes its schedule.
    store::plan::save_state(store, &plan)?;
    replan(store, today)?;
    overview(store, today)
}

/// Marks a day as unavailable (or available again); the schedule moves its work.
pub fn set_blackout(
    store: &Store,
    date: &str,
    blocked: bool,
    today: NaiveDate,
) -> AppResult<PlanOverview> {
    let day: NaiveDate = date
        .trim()
        .parse()
        .map_err(|_| AppError::Invalid(format!("'{date}' is not a date like 2026-12-31.")))?;
    if blocked && day < today {
        return Err(AppError::Invalid(format!(
            "{day} is in the past; only future days can be blocked."
        )));
    }
    store::plan::set_blackout(store, day, blocked)?;
    replan(store, today)?;
    overview(store, today)
}

/// The reference pages (levels, loops, timings, rubrics), for the profile's track.
pub fn reference(store: &Store) -> AppResult<ReferenceView> {
    let track = store::profile::get(store)?
        .map(|p| p.track)
        .unwrap_or(Track::Ic);
    crate::plan::reference::reference(track).map_err(|e| AppError::Internal(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::tasks::DoneBy;
    use crate::practice::log::{Activity, Entry};
    use chrono::Days;

    /// Logging some of the problems an item names takes their share off the
    /// item's minutes and off the day's, in the Today view and the reminder
    /// alike; the item stays open until every problem is logged.
    #[test]
    fn part_of_an_items_problems_logged_takes_its_share_off_the_time_left() {
        let store = Store::open_in_memory().unwrap();
        let start = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
        let profile = crate::plan::tracking::tests::profile(start + Days::new(40));
        store::profile::save(&store, &profile).unwrap();
        replan(&store, start).unwrap();
        // The first day with an item naming two problems or more.
        let (day, key, numbers) = (0..14)
            .map(|n| start + Days::new(n))
            .find_map(|day| {
                let agenda = named_agenda(&store, day).unwrap();
                agenda
                    .items
                    .iter()
                    .find_map(|i| match &i.task.as_ref()?.done_by {
                        DoneBy::Problems { numbers } if numbers.len() > 1 => {
                            Some((day, i.item.key.clone(), numbers.clone()))
                        }
                        _ => None,
                    })
            })
            .expect("an item naming two problems in the first two weeks");
        let before = named_agenda(&store, day).unwrap();
        let problem = problems::bank().coding(numbers[0]).unwrap();
        let logged = Entry::new(
            day,
            Activity::Coding {
                name: problem.name.clone(),
                pattern: problem.pattern,
                difficulty: problem.difficulty,
                minutes: 30,
                optimal: true,
            },
        );
        store::practice::add(&store, &logged, None).unwrap();

        let after = named_agenda(&store, day).unwrap();
        let item = after.items.iter().find(|i| i.item.key == key).unwrap();
        let n = numbers.len() as u32;
        assert!(!item.done);
        assert_eq!(item.minutes_left, (item.item.minutes * (n - 1)).div_ceil(n));
        assert_eq!(
            after.minutes_left,
            before.minutes_left - (item.item.minutes - item.minutes_left)
        );
        let reminder = crate::plan::reminder::reminder(&after);
        assert_eq!(reminder.minutes_left, after.minutes_left);
    }
}
