//! The practice log's use cases: add, edit, delete and restore typed-in
//! entries; the log with the entries derived from story revisions and timer
//! rounds; the minimums, streak, dashboard and readiness. The window's
//! commands and `loopready log` / `loopready stats` both call these.

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, Local, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{sentence, AppError, AppResult};
use crate::plan::assessment::{self, Section};
use crate::plan::catalog::Category;
use crate::plan::criteria::{evaluate, Comparison, Criterion, CriterionStatus, Evidence, Metric};
use crate::plan::tracking;
use crate::practice::charts::{self, Budget, MockTrend, WeeklyMinutesChart};
use crate::practice::error::Field;
use crate::practice::ledger::{sum_all, DayTotals, Ledger};
use crate::practice::log::{MAX_MINUTES, MIN_MINUTES};
use crate::practice::minimums::{week_start, DailyStatus, MinimumStatus, WeeklyStatus};
use crate::practice::readiness::RECENT_MOCKS;
use crate::practice::readiness::{consistency, Progress, ReadinessInput, Volume};
use crate::practice::streak::{streak_of_met, streak_with};
use crate::practice::{
    readiness, Activity, Difficulty, Entry, EntryKind, Minimums, Pattern, PracticeError, Readiness,
    RoundKind, Status, Streak,
};
use crate::store::plan::PlanState;
use crate::store::practice::{EntryFilter, EntryRecord};
use crate::store::rehearsal::Target;
use crate::store::{self, Store};
use crate::stories::coverage::Coverage;
use crate::stories::questions;

/// Lines of the log the window shows at first;
/// "Show older entries" asks for this many more.
pub const LOG_PAGE: i64 = 100;

/// The kinds a person types in; the other two are derived.
pub const LOGGED_KINDS: [EntryKind; 5] = [
    EntryKind::Coding,
    EntryKind::Design,
    EntryKind::LpStudy,
    EntryKind::StoryPractice,
    EntryKind::ExternalMock,
];

/// The whole numbers an entry form sends, with the range each may take.
/// They are checked before the entry meets its Rust types, so that "-5" or
/// "7.5" minutes is refused by name, not with the parser's wording.
const WHOLE_NUMBERS: [(&str, Field, u32, u32); 2] = [
    ("minutes", Field::Minutes, MIN_MINUTES, MAX_MINUTES),
    ("completenessPct", Field::CompletenessPct, 0, 100),
];

fn check_whole_numbers(value: &serde_json::Value) -> Result<(), PracticeError> {
    for (key, field, min, max) in WHOLE_NUMBERS {
        let Some(n) = value.get(key).and_then(serde_json::Value::as_f64) else {
            continue;
        };
        if n < 0.0 || n.fract() != 0.0 || n > f64::from(u32::MAX) {
            return Err(PracticeError::NotWhole {
                field,
                value: n,
                min,
                max,
            });
        }
    }
    Ok(())
}

/// Parses and validates an entry typed in the window or on the command
/// line: a refusal names the field and nothing is written.
pub fn checked(entry: Entry) -> AppResult<Entry> {
    if entry.activity.is_derived() {
        return Err(AppError::Invalid(format!(
            "{} entries come from the story bank and the mock timer; they cannot be typed in.",
            entry.activity.kind().label()
        )));
    }
    Ok(entry.validated()?)
}

fn parse_entry(value: serde_json::Value) -> AppResult<Entry> {
    check_whole_numbers(&value)?;
    let entry: Entry = serde_json::from_value(value)
        .map_err(|e| AppError::Invalid(sentence(&format!("the entry is incomplete: {e}"))))?;
    checked(entry)
}

/// The Log view's filter as the window sends it: a kind and a pattern by
/// their wire names, dates as `YYYY-MM-DD`; each may be left out.
/// [`LogFilter::parsed`] makes it the store's typed [`EntryFilter`].
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct LogFilter {
    pub kind: Option<String>,
    pub pattern: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}

impl LogFilter {
    /// The filter typed, or a refusal naming the kind, pattern or date
    /// that is not one of ours.
    pub fn parsed(&self) -> AppResult<EntryFilter> {
        Ok(EntryFilter {
            kind: given(&self.kind).map(str::parse::<EntryKind>).transpose()?,
            pattern: given(&self.pattern)
                .map(str::parse::<Pattern>)
                .transpose()?,
            from: given(&self.from)
                .map(|d| filter_date(d, "from"))
                .transpose()?,
            to: given(&self.to).map(|d| filter_date(d, "to")).transpose()?,
        })
    }
}

/// A part of the filter that asks for something: a cleared date input
/// sends the empty text, which leaves that part open like a missing one.
fn given(part: &Option<String>) -> Option<&str> {
    part.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

fn filter_date(text: &str, which: &str) -> AppResult<NaiveDate> {
    text.parse::<NaiveDate>().map_err(|_| {
        AppError::Invalid(format!(
            "The {which} date must be a date like 2026-12-31 (got '{text}')."
        ))
    })
}

fn local_date(t: DateTime<Utc>) -> NaiveDate {
    t.with_timezone(&Local).date_naive()
}

/// One line of the Log view: a typed-in entry (with its id) or a derived one.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LogRow {
    /// `None` for derived entries, which are edited where they come from.
    pub id: Option<String>,
    pub derived: bool,
    pub kind_label: &'static str,
    /// The entry in words: "Two sum · Hashing · Medium · optimal".
    pub summary: String,
    #[serde(flatten)]
    pub entry: Entry,
}

fn summary(activity: &Activity, source: Option<&str>) -> String {
    let mins = |m: u32| format!("{m} min");
    let parts: Vec<String> = match activity {
        Activity::Coding {
            name,
            pattern,
            difficulty,
            minutes,
            optimal,
        } => vec![
            name.clone(),
            pattern.label().into(),
            difficulty.label().into(),
            mins(*minutes),
            if *optimal { "optimal" } else { "not optimal" }.into(),
        ],
        Activity::Design {
            name,
            minutes,
            completeness_pct,
            tradeoffs,
        } => vec![
            name.clone(),
            mins(*minutes),
            format!("{completeness_pct}% complete"),
            if *tradeoffs {
                "trade-offs discussed"
            } else {
                "no trade-offs"
            }
            .into(),
        ],
        Activity::LpStudy { minutes } => vec![mins(*minutes)],
        Activity::StoryPractice { minutes } => match source {
            Some(what) => vec![what.to_string(), mins(*minutes)],
            None => vec![mins(*minutes)],
        },
        Activity::ExternalMock {
            round,
            score,
            minutes,
        } => {
            let mut v = vec![round.label().to_string(), format!("score {score}")];
            if *minutes > 0 {
                v.push(mins(*minutes));
            }
            v
        }
        Activity::StoryRefinement { .. } => {
            vec![source.unwrap_or("from a story revision").to_string()]
        }
        Activity::MockSession { score, minutes } => vec![
            source.unwrap_or("Mock timer").to_string(),
            score.map_or("not scored".into(), |s| format!("score {s:.2}")),
            mins(*minutes),
        ],
    };
    parts.join(" · ")
}

/// Entries that come from elsewhere (refinements, rehearsals, mock rounds)
/// and match `filter`, with what each came from: each source's newest
/// `limit` (all when negative), from the local date `since` on when given.
/// A source whose kind the filter cannot admit is not read.
fn derived(
    store: &Store,
    limit: i64,
    since: Option<NaiveDate>,
    filter: &EntryFilter,
) -> AppResult<Vec<(Entry, Option<String>)>> {
    // The sources' queries bound dates from below only: with an end date
    // each is read whole from `since` and cut below, so that every source
    // still gives its newest `limit` lines up to that date.
    let limit = if filter.to.is_some() { -1 } else { limit };
    let from = since.map(store::practice::local_day_start);
    let mut out: Vec<(Entry, Option<String>)> = Vec::new();
    if filter.admits(EntryKind::StoryRefinement) {
        out.extend(
            store::practice::refinement_instants(store, limit, from)?
                .into_iter()
                .map(|(t, title)| {
                    (
                        Entry::new(local_date(t), Activity::StoryRefinement { minutes: 0 }),
                        Some(format!("\u{201c}{title}\u{201d}")),
                    )
                }),
        );
    }
    if filter.admits(EntryKind::StoryPractice) {
        for (r, title) in store::rehearsal::list_recent(store, limit, since)? {
            let what = match (&r.target, title) {
                (_, Some(title)) => format!("Rehearsed \u{201c}{title}\u{201d}"),
                (Target::Question(id), None) => match questions::find(id) {
                    Some(q) => format!("Answered \u{201c}{}\u{201d}", q.text),
                    None => "Answered a question".into(),
                },
                (Target::Story(_), None) => "Rehearsed a story".into(),
            };
            out.push((
                Entry::new(
                    r.date,
                    Activity::StoryPractice {
                        minutes: r.seconds.div_ceil(60),
                    },
                ),
                Some(format!("{what}, rated {}", r.rating.id())),
            ));
        }
    }
    if filter.admits(EntryKind::MockSession) {
        for m in store::timer::history_recent(store, limit, from)? {
            let score = m.score.as_ref().map(|s| s.weighted_score as f32);
            // A partial round is in the timer's history, not in the practice
            // that counts.
            if !m.full_round {
                continue;
            }
            let minutes = u32::try_from(m.elapsed_ms / 60_000).unwrap_or(0);
            out.push((
                Entry::new(
                    local_date(m.started_at),
                    Activity::MockSession { score, minutes },
                ),
                Some(m.template_name),
            ));
        }
    }
    out.retain(|(entry, _)| filter.covers(entry.date));
    Ok(out)
}

/// Every entry the aggregations count: typed-in and derived, oldest first.
pub fn all_entries(store: &Store) -> AppResult<Vec<Entry>> {
    let mut entries = store::practice::entries(store)?;
    entries.extend(
        derived(store, -1, None, &EntryFilter::default())?
            .into_iter()
            .map(|(e, _)| e),
    );
    entries.sort_by_key(|e| e.date);
    Ok(entries)
}

/// The newest `limit` lines of the log that match `filter` (all when
/// negative), newest day first: typed-in entries and derived ones. Each
/// source gives at most its newest `limit` matching lines, so the merge is
/// exact and a page is the head of the whole filtered log.
pub fn log_rows(store: &Store, limit: i64, filter: &EntryFilter) -> AppResult<Vec<LogRow>> {
    let typed = store::practice::list_recent(store, limit, filter)?;
    // With `limit` typed-in lines, nothing dated before the oldest of them
    // can be among the newest `limit`: the other sources are read from there
    // (or from the filter's first date, when that is later).
    let since = match typed.last() {
        Some(oldest) if i64::try_from(typed.len()) == Ok(limit) => Some(oldest.entry.date),
        _ => None,
    }
    .max(filter.from);
    let mut rows: Vec<LogRow> = typed
        .into_iter()
        .map(|r| LogRow {
            id: Some(r.id),
            derived: false,
            kind_label: r.entry.activity.kind().label(),
            summary: summary(&r.entry.activity, None),
            entry: r.entry,
        })
        .collect();
    rows.extend(
        derived(store, limit, since, filter)?
            .into_iter()
            .map(|(entry, source)| LogRow {
                id: None,
                derived: true,
                kind_label: entry.activity.kind().label(),
                summary: summary(&entry.activity, source.as_deref()),
                entry,
            }),
    );
    // Stable: typed-in entries of a day stay before the derived ones.
    rows.sort_by_key(|r| std::cmp::Reverse(r.entry.date));
    if let Ok(n) = usize::try_from(limit) {
        rows.truncate(n);
    }
    Ok(rows)
}

/// A minimum with its label and mark, for display.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MinimumView {
    #[serde(flatten)]
    pub status: MinimumStatus,
    pub label: &'static str,
    pub symbol: &'static str,
}

fn views(items: &[MinimumStatus]) -> Vec<MinimumView> {
    items
        .iter()
        .map(|s| MinimumView {
            status: *s,
            label: s.kind.label(),
            symbol: s.status.symbol(),
        })
        .collect()
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DailyView {
    pub date: NaiveDate,
    /// False on Saturdays and Sundays (rest days).
    pub applies: bool,
    pub met: bool,
    pub status: Status,
    pub symbol: &'static str,
    pub items: Vec<MinimumView>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WeeklyView {
    pub week_start: NaiveDate,
    pub week_end: NaiveDate,
    pub met: bool,
    pub status: Status,
    pub symbol: &'static str,
    pub items: Vec<MinimumView>,
}

/// Today's daily minimums, this ISO week's weekly ones, and the streak.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PracticeStatus {
    pub today: NaiveDate,
    pub daily: DailyView,
    pub weekly: WeeklyView,
    pub streak: Streak,
}

fn daily_view(d: DailyStatus) -> DailyView {
    DailyView {
        date: d.date,
        applies: d.applies,
        met: d.met,
        status: d.status,
        symbol: d.status.symbol(),
        items: views(&d.items),
    }
}

fn weekly_view(w: WeeklyStatus) -> WeeklyView {
    WeeklyView {
        week_start: w.week_start,
        week_end: w.week_end,
        met: w.met,
        status: w.status,
        symbol: w.status.symbol(),
        items: views(&w.items),
    }
}

/// The seed's minimums on the candidate's preparation days.
pub fn minimums_for(store: &Store) -> AppResult<Minimums> {
    Ok(store::profile::get(store)?
        .map_or_else(Minimums::default, |p| Minimums::on_days(&p.prep_days)))
}

fn status_of(minimums: &Minimums, ledger: &Ledger, today: NaiveDate) -> PracticeStatus {
    PracticeStatus {
        today,
        daily: daily_view(minimums.daily_status(ledger, today)),
        weekly: weekly_view(minimums.weekly_status(ledger, today)),
        streak: streak_with(minimums, ledger, today),
    }
}

/// [`status_of`] from the days it reads: `recent` must hold today and its
/// ISO week; the streak comes from the days that met the minimums.
fn status_from(store: &Store, recent: &Ledger, today: NaiveDate) -> AppResult<PracticeStatus> {
    let minimums = minimums_for(store)?;
    let met = store::practice::met_days(store, &minimums)?;
    Ok(PracticeStatus {
        today,
        daily: daily_view(minimums.daily_status(recent, today)),
        weekly: weekly_view(minimums.weekly_status(recent, today)),
        streak: streak_of_met(&met, today, minimums.prep_days),
    })
}

/// The days around `today` that the status and readiness read: the
/// consistency window (ten weekdays back) and today's ISO week.
fn recent_span(today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let from = today - chrono::Days::new(31);
    let to = week_start(today) + chrono::Days::new(6);
    (from, to.max(today))
}

/// The status as of `today`.
pub fn status(store: &Store, today: NaiveDate) -> AppResult<PracticeStatus> {
    let (from, to) = recent_span(today);
    status_from(
        store,
        &store::practice::ledger_between(store, from, to)?,
        today,
    )
}

/// The largest "at least" a measurable criterion of the plan asks for
/// `metric`: the plan's volume target.
fn plan_target(plan: &PlanState, metric: Metric) -> Option<u32> {
    plan.schedule
        .checkpoints
        .iter()
        .flat_map(|c| &c.criteria)
        .filter_map(|c| match c {
            Criterion::Measurable {
                metric: m,
                comparison: Comparison::AtLeast,
                value,
                ..
            } if *m == metric => Some(value.round() as u32),
            _ => None,
        })
        .max()
}

fn progress(plan: Option<&PlanState>, metric: Metric, done: u32) -> Option<Progress> {
    plan.and_then(|p| plan_target(p, metric))
        .map(|target| Progress { done, target })
}

/// The readiness score, its inputs, and the evidence it used. `recent`
/// holds at least the days of the consistency window (the last ten
/// weekdays); `totals` are every day's.
pub fn readiness_of(
    store: &Store,
    today: NaiveDate,
    recent: &Ledger,
    totals: &DayTotals,
    plan: Option<&PlanState>,
) -> AppResult<(ReadinessInput, Readiness)> {
    let evidence = super::plan::evidence_with(store, totals)?;
    let coverage = super::stories::coverage_of(store)?;
    readiness_from(store, today, recent, &evidence, &coverage, plan)
}

fn readiness_from(
    store: &Store,
    today: NaiveDate,
    ledger: &Ledger,
    evidence: &Evidence,
    coverage: &Coverage<String>,
    plan: Option<&PlanState>,
) -> AppResult<(ReadinessInput, Readiness)> {
    let covered = coverage.rows.iter().filter(|r| !r.gap).count() as u32;
    let input = ReadinessInput {
        // Counted from the earlier of the plan's start and the first day
        // anything was logged: the same days the streak walks, so the two
        // never tell different stories.
        consistency: consistency(
            &minimums_for(store)?,
            ledger,
            today,
            match (
                plan.map(|p| p.schedule.start),
                store::practice::first_day(store)?,
            ) {
                (Some(start), Some(logged)) => Some(start.min(logged)),
                (start, logged) => start.or(logged),
            },
        ),
        volume: Volume {
            coding_problems: progress(plan, Metric::CodingProblems, evidence.coding_problems),
            designs: progress(plan, Metric::DesignsCompleted, evidence.designs_completed),
            stories: progress(plan, Metric::StoriesDrafted, evidence.stories_drafted),
        },
        mock_scores: store::practice::recent_scores(store, today, RECENT_MOCKS)?,
        principles_covered: Some(covered),
        self_assessment: store::plan::assessments(store)?.first().map(|a| a.total),
    };
    let score = readiness(&input);
    Ok((input, score))
}

/// What `loopready stats --json` prints.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Stats {
    pub today: NaiveDate,
    /// Entries per kind, typed-in and derived.
    pub counts: BTreeMap<EntryKind, u32>,
    pub minutes: MinutesTotals,
    pub status: PracticeStatus,
    pub readiness: Readiness,
    pub readiness_input: ReadinessInput,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MinutesTotals {
    pub total: u32,
    pub by_kind: BTreeMap<EntryKind, u32>,
}

/// Counts, minutes, minimums, streak and readiness as of `today`.
pub fn stats(store: &Store, today: NaiveDate) -> AppResult<Stats> {
    let plan = super::plan::current(store, today)?.map(|(_, p)| p);
    let ledger = store::practice::ledger(store)?;
    let all = sum_all(&ledger);
    let counts: BTreeMap<EntryKind, u32> =
        EntryKind::ALL.iter().map(|k| (*k, all.count(*k))).collect();
    let by_kind: BTreeMap<EntryKind, u32> = EntryKind::ALL
        .iter()
        .map(|k| (*k, all.minutes_of(*k)))
        .collect();
    let (readiness_input, readiness) = readiness_of(store, today, &ledger, &all, plan.as_ref())?;
    Ok(Stats {
        today,
        counts,
        minutes: MinutesTotals {
            total: by_kind.values().sum(),
            by_kind,
        },
        status: status_of(&minimums_for(store)?, &ledger, today),
        readiness,
        readiness_input,
    })
}

/// One rubric dimension's scores over time, from scored timer rounds.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DimensionSeries {
    pub dimension: &'static str,
    pub points: Vec<(NaiveDate, u8)>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CoverageCell {
    pub principle: String,
    pub name: &'static str,
    pub count: u32,
    pub min: u32,
    pub gap: bool,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CompetencyCell {
    pub score: u32,
    pub max: u32,
    pub pct: u32,
}

/// One self-assessment section across retakes, oldest first.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CompetencyRow {
    pub section: &'static str,
    pub cells: Vec<CompetencyCell>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Competency {
    /// The assessment dates, oldest first: the matrix's columns.
    pub dates: Vec<NaiveDate>,
    pub rows: Vec<CompetencyRow>,
}

/// Items and minutes done against planned for one plan week.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanWeek {
    pub week: u32,
    pub start: Option<NaiveDate>,
    pub planned_items: u32,
    pub done_items: u32,
    pub planned_minutes: u32,
    pub done_minutes: u32,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckpointView {
    pub date: NaiveDate,
    pub label: String,
    /// Every measurable criterion is met (manual ones are the user's call).
    pub met: bool,
    pub criteria: Vec<CriterionStatus>,
}

/// Everything the Dashboard view draws.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Dashboard {
    pub today: NaiveDate,
    pub status: PracticeStatus,
    pub readiness: Readiness,
    pub mock_trend: MockTrend,
    pub dimensions: Vec<DimensionSeries>,
    pub weekly_minutes: WeeklyMinutesChart,
    pub coverage: Vec<CoverageCell>,
    pub competency: Competency,
    pub plan_weeks: Vec<PlanWeek>,
    pub checkpoints: Vec<CheckpointView>,
    /// The latest scored loops, newest first, with their rounds and verdicts.
    pub loops: Vec<crate::timer::review::MockRecord>,
    /// The rules of evidence the figures follow.
    pub what_counts: Vec<String>,
}

/// How many of the latest scored loops the dashboard shows.
const DASHBOARD_LOOPS: i64 = 3;

fn section_label(s: Section) -> &'static str {
    match s {
        Section::Technical => "Technical",
        Section::Leadership => "Leadership",
        Section::LeadershipPrinciples => "Leadership Principles",
    }
}

fn competency(store: &Store) -> AppResult<Competency> {
    let mut taken = store::plan::assessments(store)?;
    taken.reverse();
    let results: Vec<(NaiveDate, assessment::AssessmentResult)> = taken
        .iter()
        .filter_map(|a| assessment::score(&a.answers).ok().map(|r| (a.taken_on, r)))
        .collect();
    let rows = Section::ALL
        .iter()
        .map(|section| CompetencyRow {
            section: section_label(*section),
            cells: results
                .iter()
                .filter_map(|(_, r)| r.sections.iter().find(|s| s.section == *section))
                .map(|s| CompetencyCell {
                    score: s.score,
                    max: s.max,
                    pct: (s.score * 100).checked_div(s.max).unwrap_or(0),
                })
                .collect(),
        })
        .collect();
    Ok(Competency {
        dates: results.iter().map(|(d, _)| *d).collect(),
        rows,
    })
}

fn plan_weeks(plan: &PlanState, done: &HashSet<String>) -> Vec<PlanWeek> {
    let mut weeks: BTreeMap<u32, PlanWeek> = BTreeMap::new();
    for day in tracking::day_statuses(&plan.schedule, done) {
        let w = weeks.entry(day.plan_week).or_insert_with(|| PlanWeek {
            week: day.plan_week,
            start: Some(day.date),
            ..PlanWeek::default()
        });
        w.planned_items += day.items.len() as u32;
        w.done_items += day.items.iter().filter(|i| i.done).count() as u32;
        w.planned_minutes += day.planned_minutes;
        w.done_minutes += day.done_minutes;
    }
    weeks.into_values().collect()
}

fn dimension_series(store: &Store, since: NaiveDate) -> AppResult<Vec<DimensionSeries>> {
    let mut series: Vec<DimensionSeries> = Vec::new();
    for (date, scores) in store::timer::dimension_scores(store, since)? {
        for d in &scores {
            let label = d.dimension.label();
            let point = (date, d.score);
            match series.iter_mut().find(|s| s.dimension == label) {
                Some(s) => s.points.push(point),
                None => series.push(DimensionSeries {
                    dimension: label,
                    points: vec![point],
                }),
            }
        }
    }
    Ok(series)
}

/// Fewest latest scored rounds the mock trend shows, reaching back before
/// the plan when it must.
const TREND_ROUNDS: usize = 20;

/// The dashboard as of `today`.
pub fn dashboard_of(store: &Store, today: NaiveDate) -> AppResult<Dashboard> {
    let plan = super::plan::current(store, today)?.map(|(_, p)| p);

    // The charts cover the plan (or, without one, the whole history).
    let first = match &plan {
        Some(p) => Some(p.schedule.start),
        None => store::practice::first_day(store)?,
    }
    .unwrap_or(today)
    .min(today);
    let last = plan
        .as_ref()
        .map_or(today, |p| p.schedule.interview.max(today));
    let weeks = ((week_start(last) - week_start(first)).num_days() / 7 + 1).max(1);

    // The days the chart, the status and readiness read, and the totals.
    let (recent_from, recent_to) = recent_span(today);
    let ledger = store::practice::ledger_between(
        store,
        week_start(first).min(recent_from),
        (week_start(last) + chrono::Days::new(6)).max(recent_to),
    )?;
    let evidence = super::plan::evidence_with(store, &store::practice::totals(store)?)?;
    let cov = super::stories::coverage_of(store)?;
    let (_, readiness) = readiness_from(store, today, &ledger, &evidence, &cov, plan.as_ref())?;
    // The budget drawn is the candidate's own hours, which the schedule
    // is built within, not the plan's nominal range.
    let budget = plan.as_ref().map(|p| {
        let h = p.input.hours_per_week;
        Budget::from_hours(h, h)
    });
    let weekly_minutes =
        charts::weekly_minutes(&ledger, first, u32::try_from(weeks).unwrap_or(1), budget);

    // The trend covers the plan and, whenever the plan holds fewer, the
    // latest scored rounds from before it: the same rounds readiness
    // averages are always on it.
    let tomorrow = today + chrono::Days::new(1);
    let trend_first = store::practice::scored_mocks_before(store, tomorrow, TREND_ROUNDS)?
        .first()
        .map_or(first, |m| m.date.min(first));
    // The scores shown, and the few just before them that the first points'
    // rolling averages include.
    let mut scored = store::practice::scored_mocks_before(store, trend_first, RECENT_MOCKS - 1)?;
    scored.extend(store::practice::scored_mocks(store, trend_first)?);

    let coverage = cov
        .rows
        .iter()
        .map(|r| CoverageCell {
            principle: r.principle.id().to_string(),
            name: r.principle.name(),
            count: r.count,
            min: cov.min_per_principle,
            gap: r.gap,
        })
        .collect();

    let done = store::plan::done_keys(store)?;
    let (plan_weeks, checkpoints) = match &plan {
        Some(p) => (
            plan_weeks(p, &done),
            p.schedule
                .checkpoints
                .iter()
                .map(|c| {
                    let criteria: Vec<CriterionStatus> =
                        c.criteria.iter().map(|k| evaluate(k, &evidence)).collect();
                    let measured: Vec<&CriterionStatus> =
                        criteria.iter().filter(|s| s.target.is_some()).collect();
                    CheckpointView {
                        date: c.date,
                        label: c.label.clone(),
                        met: !measured.is_empty() && measured.iter().all(|s| s.met == Some(true)),
                        criteria,
                    }
                })
                .collect(),
        ),
        None => (Vec::new(), Vec::new()),
    };

    Ok(Dashboard {
        today,
        status: status_from(store, &ledger, today)?,
        readiness,
        mock_trend: charts::mock_trend(&scored, Some(trend_first), today),
        dimensions: dimension_series(store, first)?,
        weekly_minutes,
        coverage,
        competency: competency(store)?,
        plan_weeks,
        checkpoints,
        loops: store::timer::scored_loops(store, DASHBOARD_LOOPS)?,
        what_counts: crate::practice::rules::what_counts(),
    })
}

/// A schedule item's practice, as one click on Today logs it: coding,
/// system design, Leadership Principles and STAR items only (mock rounds
/// log themselves through the timer).
pub fn activity_for(category: Category, title: &str, minutes: u32) -> Option<Activity> {
    match category {
        Category::Coding => Some(Activity::Coding {
            name: title.to_string(),
            pattern: Pattern::Other,
            difficulty: Difficulty::Medium,
            minutes,
            optimal: false,
        }),
        Category::SystemDesign => Some(Activity::Design {
            name: title.to_string(),
            minutes,
            completeness_pct: 100,
            tradeoffs: false,
        }),
        Category::LeadershipPrinciples => Some(Activity::LpStudy { minutes }),
        Category::Behavioral => Some(Activity::StoryPractice { minutes }),
        _ => None,
    }
}

/// The one-click offer beside a ticked agenda item.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LogOffer {
    pub key: String,
    pub minutes: u32,
    pub kind: EntryKind,
    /// "Log 45 min of coding problem".
    pub text: String,
    /// Already logged from this item.
    pub logged: bool,
}

fn offer_for(store: &Store, key: &str, today: NaiveDate) -> AppResult<Option<(LogOffer, Entry)>> {
    let Some((profile, plan)) = super::plan::current(store, today)? else {
        return Ok(None);
    };
    let Some(item) = plan
        .schedule
        .days
        .iter()
        .filter(|d| d.date == today)
        .flat_map(|d| &d.items)
        .find(|i| i.key == key)
    else {
        return Err(AppError::NotFound(format!("Today's item '{key}'")));
    };
    let minutes = item.minutes.clamp(1, crate::practice::log::MAX_MINUTES);
    let Some(activity) = activity_for(item.category, &item.title, minutes) else {
        return Ok(None);
    };
    let kind = activity.kind();
    let offer = LogOffer {
        key: key.to_string(),
        minutes,
        kind,
        text: format!("Log {minutes} min of {}", kind.label_in_sentence()),
        logged: store::practice::logged_from(store, key)?
            || met_by_logged_practice(store, &profile, &plan, key, today)?,
    };
    Ok(Some((offer, Entry::new(today, activity))))
}

/// Whether today's practice log alone already does item `key` (a problem
/// logged by name, say): its minutes are in the log, so offering to log
/// them again would count them twice. A story written that day ticks an
/// item too, but puts no minutes in the log, so it does not count here.
fn met_by_logged_practice(
    store: &Store,
    profile: &crate::plan::profile::Profile,
    plan: &store::plan::PlanState,
    key: &str,
    today: NaiveDate,
) -> AppResult<bool> {
    let tasks = super::plan::named_tasks(store, profile, plan, today, Some(today))?;
    let Some(task) = tasks.get(key) else {
        return Ok(false);
    };
    let logged = store::tasks::logged_work(store, today)?;
    Ok(task.done_by.met_by(&logged, crate::problems::bank()))
}

/// The kinds, patterns, difficulties and round kinds, for the entry form
/// and the Log's filter.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Options {
    pub kinds: Vec<(EntryKind, &'static str)>,
    /// Every kind the log shows, the derived ones too: the Log's filter.
    pub log_kinds: Vec<(EntryKind, &'static str)>,
    pub patterns: Vec<(Pattern, &'static str)>,
    pub difficulties: Vec<(Difficulty, &'static str)>,
    pub rounds: Vec<(RoundKind, &'static str)>,
    pub max_minutes: u32,
    /// The longest problem or design name, for the form's own limit.
    pub max_name_chars: usize,
}

/// The closed sets of the entry form and the Log's filter.
pub fn options() -> Options {
    Options {
        kinds: LOGGED_KINDS.iter().map(|k| (*k, k.label())).collect(),
        log_kinds: EntryKind::ALL.iter().map(|k| (*k, k.label())).collect(),
        patterns: Pattern::ALL.iter().map(|p| (*p, p.label())).collect(),
        difficulties: Difficulty::ALL.iter().map(|d| (*d, d.label())).collect(),
        rounds: RoundKind::ALL.iter().map(|r| (*r, r.label())).collect(),
        max_minutes: crate::practice::log::MAX_MINUTES,
        max_name_chars: crate::practice::log::MAX_NAME_CHARS,
    }
}

/// Adds an entry typed in the window, then ticks the agenda items it does.
pub fn add(store: &Store, entry: serde_json::Value, today: NaiveDate) -> AppResult<EntryRecord> {
    let entry = parse_entry(entry)?;
    let record = store::practice::add(store, &entry, None)?;
    super::plan::tick_after_write(store, today);
    Ok(record)
}

/// Replaces entry `id` with the one typed in the window.
pub fn edit(store: &Store, id: &str, entry: serde_json::Value) -> AppResult<EntryRecord> {
    let entry = parse_entry(entry)?;
    if !store::practice::update(store, id, &entry)? {
        return Err(AppError::NotFound("The log entry".into()));
    }
    store::practice::get(store, id)?.ok_or_else(|| AppError::NotFound("The log entry".into()))
}

/// Moves entry `id` to the trash (`deleted`) or back out of it.
pub fn set_deleted(store: &Store, id: &str, deleted: bool) -> AppResult<()> {
    if store::practice::set_deleted(store, id, deleted)? {
        return Ok(());
    }
    Err(AppError::NotFound(
        if deleted {
            "The log entry"
        } else {
            "The deleted log entry"
        }
        .into(),
    ))
}

/// A page of the log, narrowed by `filter` when given (an unknown kind or
/// pattern, or a date that is not one, is refused).
pub fn page(
    store: &Store,
    limit: Option<u32>,
    filter: Option<LogFilter>,
) -> AppResult<Vec<LogRow>> {
    let filter = filter.unwrap_or_default().parsed()?;
    log_rows(store, limit.map_or(LOG_PAGE, i64::from), &filter)
}

/// How many lines of the log match `filter`, over every page.
pub fn count(store: &Store, filter: Option<LogFilter>) -> AppResult<u64> {
    let filter = filter.unwrap_or_default().parsed()?;
    store::practice::log_count(store, &filter)
}

/// What one click would log for a ticked item of today's agenda, if anything.
pub fn offer(store: &Store, key: &str, today: NaiveDate) -> AppResult<Option<LogOffer>> {
    Ok(offer_for(store, key, today)?.map(|(offer, _)| offer))
}

/// Logs today's agenda item `key` as practice (once per item).
pub fn log_agenda_item(store: &Store, key: &str, today: NaiveDate) -> AppResult<EntryRecord> {
    let Some((offer, entry)) = offer_for(store, key, today)? else {
        return Err(AppError::Invalid(
            "This item has no practice to log; mock rounds log themselves from the timer.".into(),
        ));
    };
    if offer.logged {
        return Err(AppError::Invalid(
            "This item's practice is already in the log.".into(),
        ));
    }
    let record = store::practice::add(store, &checked(entry)?, Some(key))?;
    super::plan::tick_after_write(store, today);
    Ok(record)
}
