//! The dated schedule: a plan laid onto real days between a start date and
//! the interview, within the hours per week and the preparation weekdays.
//! Each prep day gets a budget (hours*60 / prep days per week); the week's
//! mock and system designs go in first (whole sittings), then the daily
//! minimums, then the rest of the weekly minimums, then work carried over
//! from missed days, then the plan's own content, stretched or compressed to
//! the span, with weak categories given 60% of that time. Deterministic: the
//! same input gives the same schedule, and item keys derive from date and slot
//! so "done" can be stored against them.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::catalog::{
    catalog, Category, Per, Plan, PlanId, PracticeMinimums, Quantity, QuantityKind,
};
use super::criteria::{Comparison, Criterion, Metric};
use crate::practice::minimums::{week_start, DailyMinimums, WeeklyMinimums};

/// Longest single sitting for plan content, in minutes.
const SESSION_CAP: u32 = 90;
/// Shortest: a day with less room left gets no new piece of plan work
/// (unless the rest of an activity fits) and an activity's last few minutes
/// are trimmed; a day left with less than two sittings' room lengthens its
/// last piece instead. So no day lists a 2-minute "deep dive" or stops 10
/// minutes short of its hours.
const SESSION_MIN: u32 = 10;
/// The seed's rule: spend 60% of the time on identified gaps.
pub const GAP_SHARE: f64 = 0.6;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ScheduleInput {
    pub plan: PlanId,
    /// First day of preparation (default: today, chosen by the caller).
    pub start: NaiveDate,
    /// The schedule covers [start, interview).
    pub interview: NaiveDate,
    pub hours_per_week: u32,
    pub prep_days: Vec<Weekday>,
    #[serde(default)]
    pub blackouts: BTreeSet<NaiveDate>,
    /// Categories the self-assessment found weak; they get [`GAP_SHARE`] of
    /// the practice time.
    #[serde(default)]
    pub weak_categories: Vec<Category>,
}

/// Why an item is on the day, in the order a day lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ItemKind {
    DailyMinimum,
    WeeklyMinimum,
    Plan,
    /// Extra practice when the plan's content is shorter than the time given.
    ExtraPractice,
}

impl ItemKind {
    /// The plan's own work (its content and the extra practice that fills
    /// it out), as against the minimums every plan shares.
    pub fn is_plan_work(self) -> bool {
        matches!(self, ItemKind::Plan | ItemKind::ExtraPractice)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Item {
    /// Stable id: `{date}/{slot}`, kept by carried copies (`~n` when split).
    pub key: String,
    pub kind: ItemKind,
    pub category: Category,
    pub title: String,
    pub minutes: u32,
    pub quantity: Option<Quantity>,
    /// Set on work moved here from a missed day: the day it was first due.
    pub carried_from: Option<NaiveDate>,
    /// Set on a past item that was not done and was carried forward.
    #[serde(default)]
    pub missed: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Day {
    pub date: NaiveDate,
    /// 1-based week of the plan this day stands for (after compression).
    pub plan_week: u32,
    pub budget_minutes: u32,
    pub items: Vec<Item>,
}

impl Day {
    pub fn planned_minutes(&self) -> u32 {
        self.items.iter().map(|i| i.minutes).sum()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ScheduledCheckpoint {
    pub date: NaiveDate,
    pub plan_week: u32,
    pub label: String,
    pub criteria: Vec<Criterion>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Schedule {
    pub plan_id: PlanId,
    pub start: NaiveDate,
    pub interview: NaiveDate,
    pub day_budget_minutes: u32,
    pub week_budget_minutes: u32,
    /// Calendar span over the plan's nominal length (<1 compressed, >1 stretched).
    pub time_scale: f64,
    pub days: Vec<Day>,
    pub checkpoints: Vec<ScheduledCheckpoint>,
    /// Carried work that found no room before the interview (never dropped).
    pub overflow: Vec<Item>,
    pub warnings: Vec<String>,
    /// The [`RULES`] it was laid out by (0 before they were numbered).
    #[serde(default)]
    pub rules: u32,
}

/// The edition of the rules that lay out a schedule. Raise it when they
/// change how days are filled: a stored schedule laid out by older rules
/// is re-planned from today at once (done items and past days kept), so an
/// update does not leave today on the old rules.
pub const RULES: u32 = 2;

/// Builds the schedule for `input`.
pub fn build(input: &ScheduleInput) -> Schedule {
    let mut schedule = build_from(input, input.start, Vec::new(), Vec::new(), &HashSet::new());
    place_checkpoints(input, &mut schedule);
    schedule
}

/// Regenerates the days from `today` on after a change (date, hours,
/// weekdays, blackouts) or missed days. Days before `today` stay as they
/// were; done items stay; missed work (past, not done) is carried into the
/// following days with `carried_from` set, or into `overflow`.
pub fn replan(
    previous: &Schedule,
    done_keys: &HashSet<String>,
    today: NaiveDate,
    input: &ScheduleInput,
) -> Schedule {
    let from = today.max(input.start);
    let mut past: Vec<Day> = Vec::new();
    let mut kept: Vec<(NaiveDate, Item)> = Vec::new();
    let mut carried: Vec<Item> = Vec::new();
    let mut carried_keys: HashSet<String> = HashSet::new();
    let mut carry = |item: &Item, due: NaiveDate, carried: &mut Vec<Item>| {
        if carried_keys.insert(item.key.clone()) {
            carried.push(Item {
                carried_from: item.carried_from.or(Some(due)),
                missed: false,
                ..item.clone()
            });
        }
    };
    for day in &previous.days {
        if day.date < from {
            let mut day = day.clone();
            for item in &mut day.items {
                if !item.missed && !done_keys.contains(&item.key) {
                    carry(item, day.date, &mut carried);
                    item.missed = true;
                }
            }
            past.push(day);
        } else {
            for item in &day.items {
                if done_keys.contains(&item.key) {
                    kept.push((day.date, item.clone()));
                } else if item.carried_from.is_some() {
                    carry(item, day.date, &mut carried);
                }
            }
        }
    }
    for item in &previous.overflow {
        if !done_keys.contains(&item.key) {
            let due = item.carried_from.unwrap_or(previous.interview);
            carry(item, due, &mut carried);
        }
    }
    let mut schedule = build_from(input, from, kept, carried, done_keys);
    past.append(&mut schedule.days);
    schedule.days = past;
    schedule.start = input.start;
    place_checkpoints(input, &mut schedule);
    schedule
}

struct Slot {
    date: NaiveDate,
    plan_week: u32,
    budget: u32,
    left: u32,
    items: Vec<Item>,
}

fn build_from(
    input: &ScheduleInput,
    from: NaiveDate,
    kept: Vec<(NaiveDate, Item)>,
    carried: Vec<Item>,
    done_keys: &HashSet<String>,
) -> Schedule {
    let cat = catalog();
    let mut warnings = Vec::new();
    let mut prep: Vec<Weekday> = input.prep_days.clone();
    prep.sort_by_key(|d| d.num_days_from_monday());
    prep.dedup();
    let per_week = prep.len() as u32;
    let day_budget = (input.hours_per_week * 60)
        .checked_div(per_week)
        .unwrap_or(0);
    let span = (input.interview - input.start).num_days().max(0);
    let mut schedule = Schedule {
        plan_id: input.plan,
        start: input.start,
        interview: input.interview,
        day_budget_minutes: day_budget,
        week_budget_minutes: input.hours_per_week * 60,
        time_scale: span as f64 / f64::from(input.plan.weeks() * 7),
        days: Vec::new(),
        checkpoints: Vec::new(),
        overflow: Vec::new(),
        warnings: Vec::new(),
        rules: RULES,
    };
    let Some(plan) = cat.plan(input.plan) else {
        schedule
            .warnings
            .push(format!("Plan {} is missing from the catalog.", input.plan));
        return schedule;
    };
    if schedule.time_scale < 1.0 {
        warnings.push(format!(
            "{} weeks of plan squeezed into {:.1} weeks: content is trimmed to fit.",
            plan.weeks,
            span as f64 / 7.0
        ));
    }

    let mut slots: Vec<Slot> = Vec::new();
    let mut kept_by_date: BTreeMap<NaiveDate, Vec<Item>> = BTreeMap::new();
    for (date, item) in kept {
        kept_by_date.entry(date).or_default().push(item);
    }
    for offset in 0..span {
        let Some(date) = input.start.checked_add_days(Days::new(offset as u64)) else {
            break;
        };
        let plan_week = (offset as u64 * u64::from(plan.weeks) / span as u64) as u32 + 1;
        let is_prep = prep.contains(&date.weekday()) && !input.blackouts.contains(&date);
        let kept_here = kept_by_date.remove(&date).unwrap_or_default();
        if date < from || (!is_prep && kept_here.is_empty()) {
            continue;
        }
        let budget = if is_prep { day_budget } else { 0 };
        let used: u32 = kept_here.iter().map(|i| i.minutes).sum();
        slots.push(Slot {
            date,
            plan_week,
            budget: budget.max(used),
            left: budget.saturating_sub(used),
            items: kept_here,
        });
    }
    // Done items whose day fell outside the new span are still kept, as overflow.
    schedule
        .overflow
        .extend(kept_by_date.into_values().flatten());

    let weeks = weeks_of(&slots, from, input.interview);
    let weekly = &cat.minimums.weekly;
    let mut unplaced = place_weekly_sittings(&mut slots, &weeks, weekly, done_keys);
    lend_within_weeks(&mut slots, &weeks, &cat.minimums.daily);
    place_daily_minimums(&mut slots, &cat.minimums, done_keys, &mut warnings);
    unplaced += place_weekly_top_ups(&mut slots, &weeks, weekly, done_keys);
    if unplaced > 0 {
        warnings.push(format!(
            "{unplaced} weekly minimum items did not fit the hours given and were left out."
        ));
    }
    schedule.overflow.extend(place_carried(&mut slots, carried));
    place_plan_content(&mut slots, plan, input, done_keys, &mut warnings);
    if !slots.is_empty()
        && !slots
            .iter()
            .flat_map(|s| &s.items)
            .any(|i| i.kind.is_plan_work())
    {
        warnings.push(
            "The practice minimums take all of your hours: none of the plan's own work fits."
                .to_string(),
        );
    }

    schedule.days = slots
        .into_iter()
        .map(|mut s| {
            // A day reads in the order of its priorities, whatever order
            // the items were placed in (a mock goes in before the daily
            // minimums).
            s.items.sort_by_key(|i| i.kind);
            Day {
                date: s.date,
                plan_week: s.plan_week,
                budget_minutes: s.budget,
                items: s.items,
            }
        })
        .collect();
    if !schedule.overflow.is_empty() {
        warnings.push(format!(
            "{} carried items did not fit before the interview; they are listed as overflow.",
            schedule.overflow.len()
        ));
    }
    schedule.warnings = warnings;
    schedule
}

fn key(date: NaiveDate, slot: &str) -> String {
    format!("{date}/{slot}")
}

fn push_new(slot: &mut Slot, done_keys: &HashSet<String>, item: Item) {
    if done_keys.contains(&item.key) || item.minutes == 0 {
        return;
    }
    slot.left = slot.left.saturating_sub(item.minutes);
    slot.items.push(item);
}

/// The technical minutes a day's daily minimums ask for, and their whole
/// need. A design sitting is technical practice (the seed's "coding or
/// system design"): on a day too short for both, it stands in for the
/// technical minimum, so STAR and LP stay whole and the day still meets
/// its minimums once the design is logged.
fn minimums_need(slot: &Slot, daily: &DailyMinimums) -> (u32, u32) {
    let design: u32 = slot
        .items
        .iter()
        .filter(|i| i.kind == ItemKind::WeeklyMinimum && i.category == Category::SystemDesign)
        .map(|i| i.minutes)
        .sum();
    let technical = if slot.left >= daily.total_minutes() {
        daily.technical_minutes
    } else {
        daily.technical_minutes.saturating_sub(design)
    };
    (technical, daily.star_minutes + technical + daily.lp_minutes)
}

/// The candidate's hours are a week's: a day whose sittings leave too
/// little for its daily minimums (the mock's day, under about 12.5 h a
/// week) borrows the rest from days of the same week that have more room
/// than their own minimums need, so following the plan keeps the streak.
/// The plan's own work then has less room on the lending days.
fn lend_within_weeks(slots: &mut [Slot], weeks: &[(Vec<usize>, u32)], daily: &DailyMinimums) {
    for (idx, _) in weeks {
        let days: Vec<usize> = idx.iter().copied().filter(|&i| slots[i].left > 0).collect();
        for &b in &days {
            let mut short = minimums_need(&slots[b], daily)
                .1
                .saturating_sub(slots[b].left);
            for &l in &days {
                if short == 0 {
                    break;
                }
                if l == b {
                    continue;
                }
                let spare = slots[l]
                    .left
                    .saturating_sub(minimums_need(&slots[l], daily).1);
                let lent = spare.min(short);
                slots[l].left -= lent;
                slots[l].budget -= lent;
                slots[b].left += lent;
                slots[b].budget += lent;
                short -= lent;
            }
        }
    }
}

fn place_daily_minimums(
    slots: &mut [Slot],
    minimums: &PracticeMinimums,
    done_keys: &HashSet<String>,
    warnings: &mut Vec<String>,
) {
    let daily = &minimums.daily;
    let full = daily.total_minutes();
    let mut refinements_in_week: BTreeMap<NaiveDate, u32> = BTreeMap::new();
    let mut short = false;
    for slot in slots.iter_mut() {
        // Every preparation day carries them: the candidate's days, not
        // the seed's Monday to Friday.
        if slot.left == 0 {
            continue;
        }
        let room = slot.left;
        let (technical, need) = minimums_need(slot, daily);
        let scale = |m: u32| if room >= need { m } else { m * room / need };
        short |= room < need;
        let star = scale(daily.star_minutes);
        let tech = scale(technical);
        let lp = scale(daily.lp_minutes);
        let refined = refinements_in_week
            .entry(week_start(slot.date))
            .or_insert(0);
        let refine = *refined < minimums.weekly.story_refinements && star > 0;
        if refine {
            *refined += 1;
        }
        let date = slot.date;
        push_new(
            slot,
            done_keys,
            Item {
                key: key(date, "star"),
                kind: ItemKind::DailyMinimum,
                category: Category::Behavioral,
                title: if refine {
                    "STAR practice: refine one story from practice feedback".to_string()
                } else {
                    "STAR practice: tell two stories aloud, timed".to_string()
                },
                minutes: star,
                quantity: refine.then_some(Quantity {
                    kind: QuantityKind::StoryRefinements,
                    count: 1,
                }),
                carried_from: None,
                missed: false,
            },
        );
        let problems = if tech >= daily.technical_minutes {
            2
        } else {
            u32::from(tech >= 15)
        };
        push_new(
            slot,
            done_keys,
            Item {
                key: key(date, "technical"),
                kind: ItemKind::DailyMinimum,
                category: Category::Coding,
                title: "Technical practice: coding problems".to_string(),
                minutes: tech,
                quantity: (problems > 0).then_some(Quantity {
                    kind: QuantityKind::CodingProblems,
                    count: problems,
                }),
                carried_from: None,
                missed: false,
            },
        );
        push_new(
            slot,
            done_keys,
            Item {
                key: key(date, "lp"),
                kind: ItemKind::DailyMinimum,
                category: Category::LeadershipPrinciples,
                title: "Leadership Principles: weave one principle into a technical answer"
                    .to_string(),
                minutes: lp,
                quantity: None,
                carried_from: None,
                missed: false,
            },
        );
    }
    if short {
        warnings.push(format!(
            "Some days have less than the {full} minutes of daily minimums; they are shortened in proportion."
        ));
    }
}

fn quantity_in(items: &[Item], kind: QuantityKind) -> u32 {
    items
        .iter()
        .filter_map(|i| i.quantity)
        .filter(|q| q.kind == kind)
        .map(|q| q.count)
        .sum()
}

/// The preparation days of each ISO week (indexes into `slots`), with how
/// many of its days fall in the span: part weeks at either end get a
/// pro-rated [`share`] of each weekly count. Slots never move between
/// weeks, so the grouping is made once for both weekly phases.
fn weeks_of(slots: &[Slot], from: NaiveDate, interview: NaiveDate) -> Vec<(Vec<usize>, u32)> {
    let mut weeks: BTreeMap<NaiveDate, Vec<usize>> = BTreeMap::new();
    for (i, slot) in slots.iter().enumerate() {
        weeks.entry(week_start(slot.date)).or_default().push(i);
    }
    weeks
        .into_iter()
        .map(|(monday, idx)| {
            let days_in_span = (0..7)
                .filter_map(|d| monday.checked_add_days(Days::new(d)))
                .filter(|d| *d >= from && *d < interview)
                .count() as u32;
            (idx, days_in_span)
        })
        .collect()
}

fn share(n: u32, days_in_span: u32) -> u32 {
    (n * days_in_span + 3) / 7
}

/// One weekly minimum item before it has a day.
struct Weekly<'a> {
    slot_name: String,
    category: Category,
    title: &'a str,
    minutes: u32,
    quantity: Quantity,
}

/// Puts a weekly item on the day of the week with the most room left (the
/// earliest of equals); false when no day has room for it whole.
fn place_in_week(
    slots: &mut [Slot],
    idx: &[usize],
    done_keys: &HashSet<String>,
    w: Weekly,
) -> bool {
    let Some(i) = idx
        .iter()
        .copied()
        .filter(|&i| slots[i].left >= w.minutes)
        .max_by_key(|&i| (slots[i].left, std::cmp::Reverse(i)))
    else {
        return false;
    };
    let date = slots[i].date;
    push_new(
        &mut slots[i],
        done_keys,
        Item {
            key: key(date, &w.slot_name),
            kind: ItemKind::WeeklyMinimum,
            category: w.category,
            title: w.title.to_string(),
            minutes: w.minutes,
            quantity: Some(w.quantity),
            carried_from: None,
            missed: false,
        },
    );
    true
}

/// The week's mock and system designs: whole sittings, so they go in before
/// the daily minimums. On a day with less room than both, the sitting stays
/// whole: a design stands in for that day's technical practice, and the
/// mock's day borrows room for its daily minimums from the rest of its week
/// ([`lend_within_weeks`]), shortening them only where the week has none to
/// spare. Placed after
/// them, a week under about 12 h would hold no mock at all. Returns how
/// many did not fit.
fn place_weekly_sittings(
    slots: &mut [Slot],
    weeks: &[(Vec<usize>, u32)],
    weekly: &WeeklyMinimums,
    done_keys: &HashSet<String>,
) -> u32 {
    let mut unplaced = 0;
    for (idx, days) in weeks {
        let days = *days;
        let sittings = [
            (
                "weekly-mock",
                share(weekly.mocks, days),
                Category::Mock,
                "Mock interview: a full round with feedback",
                weekly.mock_minutes,
                QuantityKind::Mocks,
            ),
            (
                "weekly-design",
                share(weekly.system_designs, days),
                Category::SystemDesign,
                "System design problem: a complete solution with trade-offs",
                weekly.design_minutes,
                QuantityKind::Designs,
            ),
        ];
        for (name, count, category, title, minutes, kind) in sittings {
            for n in 0..count {
                let item = Weekly {
                    slot_name: format!("{name}-{}", n + 1),
                    category,
                    title,
                    minutes,
                    quantity: Quantity { kind, count: 1 },
                };
                if !place_in_week(slots, idx, done_keys, item) {
                    unplaced += 1;
                }
            }
        }
    }
    unplaced
}

/// What the daily minimums leave of the week's coding problems and story
/// refinements, in the room that is left. Coding problems go in groups of
/// up to three, smaller where a day has less room. Returns how many items
/// did not fit.
fn place_weekly_top_ups(
    slots: &mut [Slot],
    weeks: &[(Vec<usize>, u32)],
    weekly: &WeeklyMinimums,
    done_keys: &HashSet<String>,
) -> u32 {
    let mut unplaced = 0;
    for (idx, days) in weeks {
        let days = *days;
        let existing: Vec<Item> = idx.iter().flat_map(|&i| slots[i].items.clone()).collect();
        let mut coding_left = share(weekly.coding_problems, days)
            .saturating_sub(quantity_in(&existing, QuantityKind::CodingProblems));
        let refine_left = share(weekly.story_refinements, days)
            .saturating_sub(quantity_in(&existing, QuantityKind::StoryRefinements));
        let mut n = 0;
        while coding_left > 0 {
            let room = idx.iter().map(|&i| slots[i].left).max().unwrap_or(0);
            let count = coding_left
                .min(3)
                .min(room / weekly.coding_problem_minutes.max(1));
            if count == 0 {
                unplaced += coding_left.div_ceil(3);
                break;
            }
            n += 1;
            let item = Weekly {
                slot_name: format!("weekly-coding-{n}"),
                category: Category::Coding,
                title: "Coding problems for pattern practice",
                minutes: count * weekly.coding_problem_minutes,
                quantity: Quantity {
                    kind: QuantityKind::CodingProblems,
                    count,
                },
            };
            place_in_week(slots, idx, done_keys, item);
            coding_left -= count;
        }
        for n in 0..refine_left {
            let item = Weekly {
                slot_name: format!("weekly-refine-{}", n + 1),
                category: Category::Behavioral,
                title: "Story refinement from practice feedback",
                minutes: weekly.refinement_minutes,
                quantity: Quantity {
                    kind: QuantityKind::StoryRefinements,
                    count: 1,
                },
            };
            if !place_in_week(slots, idx, done_keys, item) {
                unplaced += 1;
            }
        }
    }
    unplaced
}

/// Puts carried items into the earliest days with room, splitting one that
/// is larger than a day's room. Returns what did not fit.
fn place_carried(slots: &mut [Slot], carried: Vec<Item>) -> Vec<Item> {
    let mut overflow = Vec::new();
    let mut day = 0;
    for item in carried {
        let mut left = item.minutes;
        let mut pieces: Vec<(usize, u32)> = Vec::new();
        while left > 0 && day < slots.len() {
            let take = left.min(slots[day].left);
            if take > 0 {
                pieces.push((day, take));
                slots[day].left -= take;
                left -= take;
            }
            if slots[day].left == 0 {
                day += 1;
            }
        }
        let split = pieces.len() + usize::from(left > 0) > 1;
        let total = item.minutes.max(1);
        let mut given = 0;
        let mut n = 0;
        let mut piece_item = |minutes: u32| {
            n += 1;
            let q = item.quantity.map(|q| {
                let before = given;
                given += minutes;
                Quantity {
                    kind: q.kind,
                    count: q.count * given / total - q.count * before / total,
                }
            });
            Item {
                key: if split {
                    format!("{}~{n}", item.key)
                } else {
                    item.key.clone()
                },
                minutes,
                quantity: q,
                ..item.clone()
            }
        };
        for (d, minutes) in pieces {
            let it = piece_item(minutes);
            slots[d].items.push(it);
        }
        if left > 0 {
            overflow.push(piece_item(left));
        }
    }
    overflow
}

struct Work {
    slot: String,
    title: String,
    category: Category,
    kind: ItemKind,
    minutes: u32,
    /// The plan's own minutes for the work, which its `quantity` is for: a
    /// work cut to fit the hours keeps the same pace, so its count is cut
    /// with it (half the time, half the problems).
    nominal: u32,
    quantity: Option<Quantity>,
}

/// Target minutes per category for a phase given `capacity`: one-off chores
/// never stretched, practice shared by the plan's mix or 60/40 for gaps.
fn category_targets(
    demand: &BTreeMap<Category, u32>,
    capacity: u32,
    weak: &[Category],
) -> BTreeMap<Category, u32> {
    let total: u32 = demand.values().sum();
    let mut targets = BTreeMap::new();
    let mut fixed = 0;
    for (&c, &d) in demand.iter().filter(|(c, _)| !c.is_practice()) {
        let t = if total == 0 {
            0
        } else {
            d.min((u64::from(capacity) * u64::from(d) / u64::from(total)) as u32)
        };
        targets.insert(c, t);
        fixed += t;
    }
    let practice = f64::from(capacity - fixed.min(capacity));
    let weight = |c: Category| f64::from(demand.get(&c).copied().unwrap_or(0));
    let practice_cats: Vec<Category> = Category::ALL
        .into_iter()
        .filter(|c| c.is_practice())
        .collect();
    let weak: Vec<Category> = practice_cats
        .iter()
        .copied()
        .filter(|c| weak.contains(c))
        .collect();
    let others: Vec<Category> = practice_cats
        .iter()
        .copied()
        .filter(|c| !weak.contains(c) && weight(*c) > 0.0)
        .collect();
    let mut shares: Vec<(Category, f64)> = Vec::new();
    let proportional = |cats: &[Category], amount: f64, shares: &mut Vec<(Category, f64)>| {
        let sum: f64 = cats.iter().map(|c| weight(*c)).sum();
        for &c in cats {
            let part = if sum > 0.0 {
                weight(c) / sum
            } else {
                1.0 / cats.len() as f64
            };
            shares.push((c, amount * part));
        }
    };
    if !weak.is_empty() && !others.is_empty() {
        for &c in &weak {
            shares.push((c, practice * GAP_SHARE / weak.len() as f64));
        }
        proportional(&others, practice * (1.0 - GAP_SHARE), &mut shares);
    } else if !weak.is_empty() {
        proportional(&weak, practice, &mut shares);
    } else {
        let with_demand: Vec<Category> = practice_cats
            .iter()
            .copied()
            .filter(|c| weight(*c) > 0.0)
            .collect();
        let cats = if with_demand.is_empty() {
            vec![
                Category::Behavioral,
                Category::SystemDesign,
                Category::Coding,
                Category::LeadershipPrinciples,
            ]
        } else {
            with_demand
        };
        proportional(&cats, practice, &mut shares);
    }
    for (c, m) in shares {
        *targets.entry(c).or_insert(0) += m.floor() as u32;
    }
    targets
}

fn place_plan_content(
    slots: &mut [Slot],
    plan: &Plan,
    input: &ScheduleInput,
    done_keys: &HashSet<String>,
    warnings: &mut Vec<String>,
) {
    for (pi, phase) in plan.phases.iter().enumerate() {
        let days: Vec<usize> = (0..slots.len())
            .filter(|&i| {
                (phase.first_week..=phase.last_week).contains(&slots[i].plan_week)
                    && slots[i].budget > 0
            })
            .collect();
        if days.is_empty() {
            if slots
                .iter()
                .any(|s| (phase.first_week..=phase.last_week).contains(&s.plan_week))
                || slots.is_empty()
            {
                continue;
            }
            warnings.push(format!(
                "\"{}\" got no preparation day in the time available.",
                phase.label
            ));
            continue;
        }
        let capacity: u32 = days.iter().map(|&i| slots[i].left).sum();
        let mut demand: BTreeMap<Category, u32> = BTreeMap::new();
        // Of which one-off work (once in the phase): kept whole before
        // recurring work of its category is cut, as half a self-assessment
        // is none.
        let mut once: BTreeMap<Category, u32> = BTreeMap::new();
        for a in phase.blocks.iter().flat_map(|b| &b.activities) {
            let minutes = phase.activity_total_minutes(a, plan.days_per_week);
            *demand.entry(a.category).or_insert(0) += minutes;
            if a.per == Per::Phase {
                *once.entry(a.category).or_insert(0) += minutes;
            }
        }
        let targets = category_targets(&demand, capacity, &input.weak_categories);
        let phase_total: u32 = demand.values().sum();
        // Work list per block, in order; extra practice shared across blocks by size.
        let mut blocks: Vec<Vec<Work>> = Vec::new();
        for (bi, block) in phase.blocks.iter().enumerate() {
            let mut works = Vec::new();
            let block_total: u32 = block
                .activities
                .iter()
                .map(|a| phase.activity_total_minutes(a, plan.days_per_week))
                .sum();
            for (ai, a) in block.activities.iter().enumerate() {
                let nominal = phase.activity_total_minutes(a, plan.days_per_week);
                let d = demand.get(&a.category).copied().unwrap_or(0);
                let t = targets.get(&a.category).copied().unwrap_or(0);
                let o = once.get(&a.category).copied().unwrap_or(0);
                let (share, of) = if a.per == Per::Phase {
                    (t.min(o), o)
                } else {
                    (t - t.min(o), d - o)
                };
                let minutes = if t >= d {
                    nominal
                } else {
                    (u64::from(nominal) * u64::from(share) / u64::from(of.max(1))) as u32
                };
                works.push(Work {
                    slot: format!("p{}b{}a{}", pi + 1, bi + 1, ai + 1),
                    title: a.title.clone(),
                    category: a.category,
                    kind: ItemKind::Plan,
                    minutes,
                    nominal,
                    quantity: a.quantity,
                });
            }
            // A recurring share cut below a sitting is no sitting ("6 min"
            // of pattern practice): it joins the block's longest work of its
            // category, or, with none, leaves its time to the day's other
            // work. One-off work keeps what it has (the day lengthens it).
            for i in 0..works.len() {
                let (minutes, category) = (works[i].minutes, works[i].category);
                let once = block.activities[i].per == Per::Phase;
                if once || minutes == 0 || minutes >= SESSION_MIN || minutes >= works[i].nominal {
                    continue;
                }
                let partner = (0..works.len())
                    .filter(|&j| j != i && works[j].category == category)
                    .filter(|&j| works[j].minutes >= SESSION_MIN)
                    .max_by_key(|&j| works[j].minutes);
                if let Some(j) = partner {
                    works[j].minutes += minutes;
                }
                works[i].minutes = 0;
            }
            for (&c, &t) in &targets {
                let d = demand.get(&c).copied().unwrap_or(0);
                if t > d && c.is_practice() {
                    let share = if phase_total == 0 {
                        (t - d) / phase.blocks.len() as u32
                    } else {
                        (u64::from(t - d) * u64::from(block_total) / u64::from(phase_total)) as u32
                    };
                    works.push(Work {
                        slot: format!("p{}b{}x-{}", pi + 1, bi + 1, slug(c)),
                        title: format!("Extra practice: {}", c.label()),
                        category: c,
                        kind: ItemKind::ExtraPractice,
                        minutes: share,
                        nominal: share,
                        quantity: None,
                    });
                }
            }
            blocks.push(works);
        }
        pour(slots, &days, &blocks, done_keys);
    }
    // Room too short for a sitting of its own (and what a phase that ended
    // mid-day left) lengthens the day's last piece of plan work.
    for slot in slots
        .iter_mut()
        .filter(|s| s.left > 0 && s.left < 2 * SESSION_MIN)
    {
        let last = slot.items.iter_mut().rev().find(|i| {
            i.kind.is_plan_work() && i.carried_from.is_none() && !done_keys.contains(&i.key)
        });
        if let Some(item) = last {
            item.minutes += slot.left;
            slot.left = 0;
        }
    }
}

fn slug(c: Category) -> &'static str {
    match c {
        Category::Behavioral => "behavioral",
        Category::SystemDesign => "system-design",
        Category::Coding => "coding",
        Category::Mock => "mock",
        Category::LeadershipPrinciples => "leadership-principles",
        Category::Assessment => "assessment",
        Category::Logistics => "logistics",
    }
}

/// Fills the days in order with the blocks in order; inside a block, the
/// activity furthest behind gets the next session, so work interleaves.
fn pour(slots: &mut [Slot], days: &[usize], blocks: &[Vec<Work>], done_keys: &HashSet<String>) {
    // (block, work) -> per-day minutes, in day order
    let mut given: Vec<Vec<Vec<(usize, u32)>>> =
        blocks.iter().map(|b| vec![Vec::new(); b.len()]).collect();
    let mut day_pos = 0;
    for (bi, works) in blocks.iter().enumerate() {
        let mut done: Vec<u32> = vec![0; works.len()];
        loop {
            let pick = (0..works.len())
                .filter(|&w| done[w] < works[w].minutes)
                .min_by(|&a, &b| {
                    let ra = f64::from(done[a]) / f64::from(works[a].minutes);
                    let rb = f64::from(done[b]) / f64::from(works[b].minutes);
                    ra.total_cmp(&rb).then(a.cmp(&b))
                });
            let Some(w) = pick else { break };
            let rest = works[w].minutes - done[w];
            if rest < SESSION_MIN && done[w] > 0 {
                // The end of an activity, too short to sit for: trimmed.
                done[w] = works[w].minutes;
                continue;
            }
            while day_pos < days.len() && slots[days[day_pos]].left < SESSION_MIN.min(rest).max(1) {
                day_pos += 1;
            }
            if day_pos >= days.len() {
                return finish(slots, blocks, &given, done_keys);
            }
            let slot = &mut slots[days[day_pos]];
            let mut take = rest.min(slot.left).min(SESSION_CAP);
            // Leave the activity a sitting's worth for later rather than a
            // tail too short to sit for (the rest of this day goes to other
            // work or lengthens its last piece).
            let after = rest - take;
            if after > 0 && after < SESSION_MIN && take >= 2 * SESSION_MIN - after {
                take -= SESSION_MIN - after;
            }
            slot.left -= take;
            done[w] += take;
            let list = &mut given[bi][w];
            match list.last_mut() {
                Some((d, m)) if *d == days[day_pos] => *m += take,
                _ => list.push((days[day_pos], take)),
            }
        }
    }
    finish(slots, blocks, &given, done_keys);
}

fn finish(
    slots: &mut [Slot],
    blocks: &[Vec<Work>],
    given: &[Vec<Vec<(usize, u32)>>],
    done_keys: &HashSet<String>,
) {
    let mut per_day: BTreeMap<usize, Vec<Item>> = BTreeMap::new();
    for (bi, works) in blocks.iter().enumerate() {
        for (wi, work) in works.iter().enumerate() {
            let total: u32 = given[bi][wi].iter().map(|(_, m)| m).sum();
            let basis = total.max(work.nominal).max(1);
            let mut cum = 0;
            for &(d, m) in &given[bi][wi] {
                let before = cum;
                cum += m;
                let quantity = work.quantity.and_then(|q| {
                    let count = q.count * cum / basis - q.count * before / basis;
                    (count > 0).then_some(Quantity {
                        kind: q.kind,
                        count,
                    })
                });
                per_day.entry(d).or_default().push(Item {
                    key: key(slots[d].date, &work.slot),
                    kind: work.kind,
                    category: work.category,
                    title: work.title.clone(),
                    minutes: m,
                    quantity,
                    carried_from: None,
                    missed: false,
                });
            }
        }
    }
    for (d, items) in per_day {
        for item in items {
            if !done_keys.contains(&item.key) && item.minutes > 0 {
                slots[d].items.push(item);
            }
        }
    }
}

/// Each plan checkpoint goes on the last scheduled day of its (scaled) plan
/// week, or the first scheduled day after it when that week has none. Runs
/// once the days are whole (past days included after a re-plan), and notes
/// each count a checkpoint asks for that the days before it do not hold.
fn place_checkpoints(input: &ScheduleInput, schedule: &mut Schedule) {
    let Some(plan) = catalog().plan(input.plan) else {
        return;
    };
    let span = (input.interview - input.start).num_days().max(0);
    let dates: Vec<NaiveDate> = schedule
        .days
        .iter()
        .filter(|d| d.budget_minutes > 0)
        .map(|d| d.date)
        .collect();
    let mut out = Vec::new();
    for cp in &plan.checkpoints {
        let weeks = i64::from(plan.weeks);
        let end_offset = (i64::from(cp.week) * span + weeks - 1) / weeks - 1;
        let target = input.start + chrono::Duration::days(end_offset.max(0));
        let date = dates
            .iter()
            .rev()
            .find(|d| **d <= target && **d >= input.start)
            .or_else(|| dates.iter().find(|d| **d > target));
        match date {
            Some(&date) => out.push(ScheduledCheckpoint {
                date,
                plan_week: cp.week,
                label: cp.label.clone(),
                criteria: cp.criteria.clone(),
            }),
            None => schedule.warnings.push(format!(
                "No preparation day to hold the checkpoint \"{}\".",
                cp.label
            )),
        }
    }
    for cp in &out {
        for (held, asked, what) in checkpoint_shortfalls(&schedule.days, cp) {
            schedule.warnings.push(format!(
                "{} ({}) asks for {asked} {what}; your schedule holds {held} by then. \
                 More hours a week, or practice beyond the schedule, closes the gap.",
                cp.label,
                cp.date.format("%a %-d %b")
            ));
        }
    }
    schedule.checkpoints = out;
}

/// The counts `cp` asks for that the scheduled work up to its date does not
/// hold: (held, asked, what is counted). Only the counts a schedule item
/// carries are compared (problems, designs, mock rounds); a missed item is
/// counted once, where its carried copy lands.
fn checkpoint_shortfalls(days: &[Day], cp: &ScheduledCheckpoint) -> Vec<(u32, u32, &'static str)> {
    let held = |kind: QuantityKind| -> u32 {
        days.iter()
            .take_while(|d| d.date <= cp.date)
            .flat_map(|d| &d.items)
            .filter(|i| !i.missed)
            .filter_map(|i| i.quantity)
            .filter(|q| q.kind == kind)
            .map(|q| q.count)
            .sum()
    };
    cp.criteria
        .iter()
        .filter_map(|c| match c {
            Criterion::Measurable {
                metric,
                comparison: Comparison::AtLeast,
                value,
                ..
            } => {
                let (kind, what) = match metric {
                    Metric::CodingProblems => (QuantityKind::CodingProblems, "coding problems"),
                    Metric::DesignsCompleted => (QuantityKind::Designs, "system designs"),
                    Metric::MocksTaken => (QuantityKind::Mocks, "mock rounds"),
                    _ => return None,
                };
                let asked = value.ceil() as u32;
                let held = held(kind);
                (held < asked).then_some((held, asked, what))
            }
            _ => None,
        })
        .collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Every day of the week, Monday first: the test profiles' days.
    pub(crate) const WEEK: [Weekday; 7] = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ];
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn six_weeks() -> ScheduleInput {
        ScheduleInput {
            plan: PlanId::Intensive6w,
            start: d(2026, 3, 2),
            interview: d(2026, 4, 13),
            hours_per_week: 20,
            prep_days: vec![
                Weekday::Mon,
                Weekday::Tue,
                Weekday::Wed,
                Weekday::Thu,
                Weekday::Fri,
                Weekday::Sat,
            ],
            blackouts: BTreeSet::new(),
            weak_categories: Vec::new(),
        }
    }

    fn all_keys(s: &Schedule) -> Vec<&str> {
        s.days
            .iter()
            .flat_map(|d| &d.items)
            .map(|i| i.key.as_str())
            .collect()
    }

    #[test]
    fn six_week_plan_fills_each_prep_day_to_its_budget() {
        let s = build(&six_weeks());
        assert_eq!(s.days.len(), 36);
        assert_eq!(s.day_budget_minutes, 200);
        assert!(s
            .days
            .iter()
            .all(|d| d.planned_minutes() <= 200 && d.planned_minutes() >= 190));
        assert_eq!(
            s.checkpoints.iter().map(|c| c.date).collect::<Vec<_>>(),
            vec![
                d(2026, 3, 14),
                d(2026, 3, 28),
                d(2026, 4, 4),
                d(2026, 4, 11)
            ]
        );
    }

    /// The intensive plan asks for 30 coding problems by its week-2
    /// checkpoint. At 10 h a week the schedule holds fewer, and its notes
    /// say how many, counted here from the items; at 40 h it holds them and
    /// says nothing. A re-plan keeps one note per shortfall.
    #[test]
    fn a_checkpoint_the_hours_cannot_reach_says_how_far_the_schedule_gets() {
        let at = |hours| {
            build(&ScheduleInput {
                hours_per_week: hours,
                ..mon_to_fri(PlanId::Intensive6w, d(2026, 12, 7), d(2027, 1, 11))
            })
        };
        let problems_by = |s: &Schedule, date: NaiveDate| -> u32 {
            s.days
                .iter()
                .filter(|d| d.date <= date)
                .flat_map(|d| &d.items)
                .filter_map(|i| i.quantity)
                .filter(|q| q.kind == QuantityKind::CodingProblems)
                .map(|q| q.count)
                .sum()
        };
        let short = at(10);
        let week2 = &short.checkpoints[0];
        let held = problems_by(&short, week2.date);
        assert!(held < 30, "{held}");
        let note = format!("asks for 30 coding problems; your schedule holds {held} by then");
        let notes: Vec<&String> = short
            .warnings
            .iter()
            .filter(|w| w.contains(&note))
            .collect();
        assert_eq!(notes.len(), 1, "{:?}", short.warnings);
        assert!(notes[0].starts_with(&week2.label));

        let again = replan(
            &short,
            &HashSet::new(),
            d(2026, 12, 9),
            &mon_to_fri(PlanId::Intensive6w, d(2026, 12, 7), d(2027, 1, 11)),
        );
        let mut seen = HashSet::new();
        assert!(
            again.warnings.iter().all(|w| seen.insert(w)),
            "{:?}",
            again.warnings
        );

        let whole = at(40);
        assert!(problems_by(&whole, whole.checkpoints[0].date) >= 30);
        assert!(
            !whole.warnings.iter().any(|w| w.contains("coding problems")),
            "{:?}",
            whole.warnings
        );
    }

    /// The intensive plan's first phase has one self-assessment (60 min)
    /// and a daily progress review: at 10 h a week the review is cut first,
    /// where both were cut alike and the assessment came out at 2 minutes.
    #[test]
    fn one_off_work_is_kept_before_recurring_work_is_cut() {
        let input = ScheduleInput {
            hours_per_week: 10,
            ..mon_to_fri(PlanId::Intensive6w, d(2026, 12, 7), d(2027, 1, 11))
        };
        let s = build(&input);
        let minutes = |title: &str| -> u32 {
            s.days
                .iter()
                .flat_map(|d| &d.items)
                .filter(|i| i.title == title)
                .map(|i| i.minutes)
                .sum()
        };
        let assessment = minutes("Complete the self-assessment");
        assert!(assessment >= SESSION_MIN, "{assessment} min");
        assert!(assessment >= minutes("Progress review and next-day planning"));
    }

    /// A Monday-to-Friday profile at 10 h a week.
    fn mon_to_fri(plan: PlanId, start: NaiveDate, interview: NaiveDate) -> ScheduleInput {
        ScheduleInput {
            plan,
            start,
            interview,
            hours_per_week: 10,
            prep_days: vec![
                Weekday::Mon,
                Weekday::Tue,
                Weekday::Wed,
                Weekday::Thu,
                Weekday::Fri,
            ],
            blackouts: BTreeSet::new(),
            weak_categories: Vec::new(),
        }
    }

    /// Seven days of the daily minimums and the week's sittings take 12 h:
    /// the schedule says so rather than showing a plan with none of its work.
    #[test]
    fn hours_the_minimums_take_whole_are_said() {
        let says = |hours| {
            let input = ScheduleInput {
                hours_per_week: hours,
                prep_days: WEEK.to_vec(),
                ..mon_to_fri(PlanId::Intensive6w, d(2026, 12, 7), d(2027, 1, 18))
            };
            build(&input)
                .warnings
                .iter()
                .any(|w| w.contains("none of the plan's own work fits"))
        };
        assert!(says(12));
        assert!(!says(16));
    }

    #[test]
    fn ten_hours_a_week_still_hold_the_mock_and_the_designs() {
        let input = mon_to_fri(PlanId::Intensive6w, d(2026, 12, 7), d(2027, 1, 11));
        let s = build(&input);
        let mut weeks: BTreeMap<NaiveDate, Vec<Item>> = BTreeMap::new();
        for day in &s.days {
            weeks
                .entry(week_start(day.date))
                .or_default()
                .extend(day.items.clone());
        }
        assert_eq!(weeks.len(), 5);
        for (monday, items) in &weeks {
            let weekly: Vec<Item> = items
                .iter()
                .filter(|i| i.kind == ItemKind::WeeklyMinimum)
                .cloned()
                .collect();
            assert_eq!(quantity_in(&weekly, QuantityKind::Mocks), 1, "{monday}");
            assert_eq!(quantity_in(&weekly, QuantityKind::Designs), 2, "{monday}");
            let whole = weekly.iter().filter(|i| i.minutes == 60).count();
            assert_eq!(whole, 3, "{monday}: whole sittings");
        }
        // A design day keeps STAR and LP whole: the design is its
        // technical practice, so the day can meet its minimums.
        for day in &s.days {
            let has = |cat: Category| {
                day.items
                    .iter()
                    .any(|i| i.kind == ItemKind::WeeklyMinimum && i.category == cat)
            };
            if has(Category::SystemDesign) {
                let minutes = |slot: &str| {
                    let k = format!("{}/{slot}", day.date);
                    day.items
                        .iter()
                        .find(|i| i.key == k)
                        .map_or(0, |i| i.minutes)
                };
                assert_eq!((minutes("star"), minutes("lp")), (30, 15), "{}", day.date);
            }
        }
        // The mock's day borrows from the week's other days: no day's
        // daily minimums are shortened at 10 h (9 h hold them all).
        assert!(
            !s.warnings
                .iter()
                .any(|w| w.contains("shortened in proportion")),
            "{:?}",
            s.warnings
        );
        for day in &s.days {
            let star_lp: Vec<u32> = day
                .items
                .iter()
                .filter(|i| i.kind == ItemKind::DailyMinimum && i.category != Category::Coding)
                .map(|i| i.minutes)
                .collect();
            assert_eq!(star_lp, [30, 15], "{}", day.date);
        }
        for (monday, items) in &weeks {
            let budget: u32 = s
                .days
                .iter()
                .filter(|d| week_start(d.date) == *monday)
                .map(|d| d.budget_minutes)
                .sum();
            assert_eq!(budget, 600, "{monday}");
            assert!(items.iter().map(|i| i.minutes).sum::<u32>() <= 600);
        }
    }

    #[test]
    fn weekday_carries_the_three_daily_minimums() {
        let s = build(&six_weeks());
        let monday = &s.days[0];
        let minutes = |slot: &str| {
            monday
                .items
                .iter()
                .find(|i| i.key == format!("2026-03-02/{slot}"))
                .unwrap()
                .minutes
        };
        assert_eq!(
            (minutes("star"), minutes("technical"), minutes("lp")),
            (30, 45, 15)
        );
    }

    #[test]
    fn item_keys_are_unique_and_start_with_their_date() {
        let s = build(&six_weeks());
        let keys = all_keys(&s);
        let unique: HashSet<_> = keys.iter().collect();
        assert_eq!(unique.len(), keys.len());
        for day in &s.days {
            assert!(day
                .items
                .iter()
                .all(|i| i.key.starts_with(&day.date.to_string())));
        }
    }

    /// The share the Assessment view states (`assessment::weak_heading`).
    #[test]
    fn weak_categories_get_the_gap_share_of_practice_time() {
        let mut input = six_weeks();
        input.hours_per_week = 40;
        input.weak_categories = vec![Category::Coding];
        let s = build(&input);
        let content: Vec<&Item> = s
            .days
            .iter()
            .flat_map(|d| &d.items)
            .filter(|i| i.kind.is_plan_work())
            .collect();
        let total: u32 = content
            .iter()
            .filter(|i| i.category.is_practice())
            .map(|i| i.minutes)
            .sum();
        let coding: u32 = content
            .iter()
            .filter(|i| i.category == Category::Coding)
            .map(|i| i.minutes)
            .sum();
        let share = f64::from(coding) / f64::from(total);
        assert!(
            (GAP_SHARE - 0.05..=GAP_SHARE + 0.05).contains(&share),
            "coding share {share:.2}"
        );
    }

    #[test]
    fn blackout_dates_get_no_work() {
        let mut input = six_weeks();
        input.blackouts.insert(d(2026, 3, 4));
        let s = build(&input);
        assert!(s.days.iter().all(|day| day.date != d(2026, 3, 4)));
    }

    #[test]
    fn twelve_week_plan_in_five_weeks_is_compressed_and_says_so() {
        let mut input = six_weeks();
        input.plan = PlanId::Comprehensive12w;
        input.interview = d(2026, 4, 6);
        let s = build(&input);
        assert!(s.time_scale < 1.0);
        assert!(s.warnings.iter().any(|w| w.contains("squeezed")));
        assert_eq!(s.days.last().unwrap().plan_week, 12);
    }

    #[test]
    fn missed_items_spill_into_the_next_free_day() {
        let input = six_weeks();
        let first = build(&input);
        let today = d(2026, 3, 4);
        let missed: Vec<Item> = first
            .days
            .iter()
            .filter(|d| d.date < today)
            .flat_map(|d| d.items.clone())
            .collect();
        let s = replan(&first, &HashSet::new(), today, &input);
        let carried: Vec<&Item> = s
            .days
            .iter()
            .flat_map(|d| &d.items)
            .filter(|i| i.carried_from.is_some())
            .collect();
        let carried_minutes: u32 = carried.iter().map(|i| i.minutes).sum::<u32>()
            + s.overflow.iter().map(|i| i.minutes).sum::<u32>();
        assert_eq!(
            carried_minutes,
            missed.iter().map(|i| i.minutes).sum::<u32>()
        );
        let first_after = s.days.iter().find(|d| d.date >= today).unwrap();
        assert!(first_after
            .items
            .iter()
            .any(|i| i.carried_from == Some(d(2026, 3, 2))));
        assert!(s
            .days
            .iter()
            .filter(|d| d.date < today)
            .flat_map(|d| &d.items)
            .all(|i| i.missed));
    }

    #[test]
    fn ticked_item_stays_when_the_interview_moves() {
        let input = six_weeks();
        let first = build(&input);
        let today = d(2026, 3, 2);
        let ticked = first.days[0].items[0].key.clone();
        let done: HashSet<String> = [ticked.clone()].into();
        let mut moved = input.clone();
        moved.interview = d(2026, 4, 20);
        let s = replan(&first, &done, today, &moved);
        assert_eq!(all_keys(&s).iter().filter(|k| **k == ticked).count(), 1);
        assert!(s.days[0].items.iter().any(|i| i.key == ticked));
    }

    #[test]
    fn no_prep_days_give_an_empty_schedule_with_a_warning() {
        let mut input = six_weeks();
        input.prep_days.clear();
        let s = build(&input);
        assert!(s.days.is_empty());
        assert!(!s.warnings.is_empty());
    }

    prop_compose! {
        fn arb_input()(
            plan in prop::sample::select(PlanId::ALL.to_vec()),
            start_offset in 0u64..400,
            span in 0u64..220,
            hours in 1u32..=80,
            days_mask in 1u8..128,
            blackout_offsets in prop::collection::vec(0u64..220, 0..8),
            weak_mask in 0u8..32,
        ) -> ScheduleInput {
            let start = d(2026, 1, 1).checked_add_days(Days::new(start_offset)).unwrap();
            let all = WEEK;
            let prep_days = all.iter().enumerate().filter(|(i, _)| days_mask & (1 << i) != 0).map(|(_, d)| *d).collect();
            let practice = [Category::Behavioral, Category::SystemDesign, Category::Coding, Category::Mock, Category::LeadershipPrinciples];
            ScheduleInput {
                plan,
                start,
                interview: start.checked_add_days(Days::new(span)).unwrap(),
                hours_per_week: hours,
                prep_days,
                blackouts: blackout_offsets.iter().map(|o| start.checked_add_days(Days::new(*o)).unwrap()).collect(),
                weak_categories: practice.iter().enumerate().filter(|(i, _)| weak_mask & (1 << i) != 0).map(|(_, c)| *c).collect(),
            }
        }
    }

    fn check_invariants(
        input: &ScheduleInput,
        s: &Schedule,
        from: NaiveDate,
    ) -> Result<(), TestCaseError> {
        let per_week = input.prep_days.len() as u32;
        let budget = input.hours_per_week * 60 / per_week;
        let mut weeks: BTreeMap<NaiveDate, (u32, u32)> = BTreeMap::new();
        for day in s.days.iter().filter(|d| d.date >= from) {
            prop_assert!(
                day.date >= input.start && day.date < input.interview,
                "{} outside span",
                day.date
            );
            prop_assert!(
                input.prep_days.contains(&day.date.weekday()),
                "{} not a prep day",
                day.date
            );
            prop_assert!(
                !input.blackouts.contains(&day.date),
                "{} blacked out",
                day.date
            );
            prop_assert!(
                day.planned_minutes() <= day.budget_minutes,
                "{}: {} > {}",
                day.date,
                day.planned_minutes(),
                day.budget_minutes
            );
            // A day may borrow from its week's other days, never from
            // another week: each week holds at most its days' even shares.
            let week = weeks.entry(week_start(day.date)).or_default();
            week.0 += day.planned_minutes();
            week.1 += 1;
        }
        for (monday, (minutes, days)) in weeks {
            prop_assert!(
                minutes <= budget * days && minutes <= input.hours_per_week * 60,
                "week of {monday}: {minutes} in {days} days"
            );
        }
        let dates: HashSet<NaiveDate> = s.days.iter().map(|d| d.date).collect();
        for cp in &s.checkpoints {
            prop_assert!(
                dates.contains(&cp.date),
                "checkpoint {} on {} not scheduled",
                cp.label,
                cp.date
            );
        }
        Ok(())
    }

    /// Why `title` contradicts an item of `minutes` on `date` with
    /// `quantity`, if it does: a weekday that is not the day's, a time of
    /// day (the schedule sets none), a length that is not the item's, or a
    /// number that is not its count. `names_may_hold_digits` is for titles
    /// that name bank problems ("3Sum", "4Sum II"): only days and times of
    /// day are checked there.
    pub(crate) fn label_contradiction(
        title: &str,
        minutes: u32,
        date: NaiveDate,
        quantity: Option<Quantity>,
        names_may_hold_digits: bool,
    ) -> Option<String> {
        let lower = title.to_lowercase();
        let words: Vec<&str> = lower
            .split(|c: char| !c.is_alphanumeric() && c != '.' && c != '%')
            .filter(|w| !w.is_empty())
            .collect();
        let days = [
            ("monday", Weekday::Mon),
            ("tuesday", Weekday::Tue),
            ("wednesday", Weekday::Wed),
            ("thursday", Weekday::Thu),
            ("friday", Weekday::Fri),
            ("saturday", Weekday::Sat),
            ("sunday", Weekday::Sun),
        ];
        for w in &words {
            if let Some((_, day)) = days.iter().find(|(n, _)| w == n) {
                if *day != date.weekday() {
                    return Some(format!("names {w} on a {}", date.weekday()));
                }
            }
            if *w == "weekend" && !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
                return Some(format!("says weekend on a {}", date.weekday()));
            }
            if ["morning", "afternoon", "evening"].contains(w) {
                return Some(format!("names a time of day ({w})"));
            }
            if w.ends_with('%') {
                return Some(format!("carries a share of its own ({w})"));
            }
        }
        // Bank names hold digits and units of their own ("O(1), Min Stack").
        let pairs = if names_may_hold_digits {
            0
        } else {
            words.len()
        };
        for pair in words[..pairs].windows(2) {
            let unit = pair[1];
            let Ok(n) = pair[0].parse::<f64>() else {
                continue;
            };
            let stated = if ["h", "hour", "hours"].contains(&unit) {
                Some(n * 60.0)
            } else if ["min", "mins", "minute", "minutes"].contains(&unit) {
                Some(n)
            } else {
                None
            };
            if let Some(stated) = stated {
                if (stated - f64::from(minutes)).abs() > 0.5 {
                    return Some(format!("states {stated} min for {minutes}"));
                }
            }
        }
        if !names_may_hold_digits {
            for w in &words {
                if let Ok(n) = w.parse::<u32>() {
                    if quantity.is_none_or(|q| q.count != n) && n != minutes {
                        return Some(format!("carries the number {n} of its own"));
                    }
                }
            }
        }
        None
    }

    #[test]
    fn the_checker_catches_each_kind_of_contradiction() {
        let wed = d(2026, 3, 4);
        let check = |t: &str, m| label_contradiction(t, m, wed, None, false);
        assert!(check("Saturday: Mock interview practice", 60).is_some());
        assert!(check("Morning (1 hour): study", 60).is_some());
        assert!(check("Evening review (30 min)", 54).is_some());
        assert!(check("Review (30 min)", 30).is_none());
        assert!(check("Behavioral (40%): stories", 30).is_some());
        assert!(check("Solve 20 coding problems", 45).is_some());
        assert!(check("Wednesday: design deep dive", 45).is_none());
        assert!(label_contradiction("Solve 3Sum and 4Sum II", 40, wed, None, true).is_none());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// Over every plan and a grid of inputs, no item's label contradicts
        /// the day, length or count it is scheduled with.
        #[test]
        fn no_label_contradicts_its_day_length_or_count(input in arb_input()) {
            let s = build(&input);
            for day in &s.days {
                for item in &day.items {
                    let bad = label_contradiction(&item.title, item.minutes, day.date, item.quantity, false);
                    prop_assert!(bad.is_none(), "{} on {}: \"{}\" {}", item.key, day.date, item.title, bad.unwrap_or_default());
                }
            }
        }

        #[test]
        fn schedule_respects_span_weekdays_blackouts_and_budgets(input in arb_input()) {
            let s = build(&input);
            check_invariants(&input, &s, input.start)?;
            let has_days = !s.days.is_empty();
            prop_assert_eq!(s.checkpoints.len() == catalog().plan(input.plan).unwrap().checkpoints.len(), has_days);
        }

        #[test]
        fn schedule_is_deterministic(input in arb_input()) {
            prop_assert_eq!(build(&input), build(&input.clone()));
        }

        #[test]
        fn weekday_prep_days_with_room_carry_the_daily_minimums(input in arb_input()) {
            let s = build(&input);
            for day in &s.days {
                // A mock or design sitting comes first; the daily minimums
                // are whole where the rest of the day holds them.
                let sittings: u32 = day.items.iter()
                    .filter(|i| i.quantity.is_some_and(|q| matches!(q.kind, QuantityKind::Mocks | QuantityKind::Designs)))
                    .map(|i| i.minutes)
                    .sum();
                if day.budget_minutes >= 90 + sittings && !matches!(day.date.weekday(), Weekday::Sat | Weekday::Sun) {
                    for (slot, minutes) in [("star", 30), ("technical", 45), ("lp", 15)] {
                        let k = format!("{}/{slot}", day.date);
                        prop_assert!(day.items.iter().any(|i| i.key == k && i.minutes == minutes), "{} lacks {}", day.date, slot);
                    }
                }
            }
        }

        #[test]
        fn a_day_with_plan_work_keeps_no_sliver_and_no_short_pieces(input in arb_input()) {
            let s = build(&input);
            let is_plan = |i: &&Item| i.kind.is_plan_work();
            let slot_of = |i: &Item| i.key.split_once('/').map(|(_, slot)| slot.to_owned()).unwrap_or_default();
            let mut pieces: BTreeMap<String, u32> = BTreeMap::new();
            for item in s.days.iter().flat_map(|d| &d.items).filter(is_plan) {
                *pieces.entry(slot_of(item)).or_default() += 1;
            }
            for day in &s.days {
                let plan: Vec<&Item> = day.items.iter().filter(is_plan).collect();
                if plan.is_empty() {
                    continue;
                }
                // No sliver of the day is left over (more room than a
                // sitting is a plan with less work than time).
                let left = day.budget_minutes - day.planned_minutes();
                prop_assert!(left == 0 || left >= 2 * SESSION_MIN, "{}: {} min left", day.date, left);
                // A piece shorter than a sitting is a whole activity that short.
                for item in plan.iter().filter(|i| i.minutes < SESSION_MIN) {
                    prop_assert_eq!(pieces[&slot_of(item)], 1, "{}: {} is a short piece", day.date, item.key);
                }
            }
        }

        /// A plan item never asks for more in its minutes than the plan's
        /// densest pace allows (plus the one a piece's rounding may carry):
        /// time cut to fit the hours cuts the count with it, so fifteen
        /// minutes never hold five problems.
        #[test]
        fn a_plan_item_holds_no_more_than_its_time_allows(input in arb_input()) {
            let plan = crate::plan::catalog::catalog().plan(input.plan).unwrap();
            let mut pace: BTreeMap<QuantityKind, u32> = BTreeMap::new();
            for phase in &plan.phases {
                for a in phase.blocks.iter().flat_map(|b| &b.activities) {
                    if let Some(q) = a.quantity {
                        let minutes = phase.activity_total_minutes(a, plan.days_per_week) / q.count.max(1);
                        pace.entry(q.kind).and_modify(|p| *p = (*p).min(minutes)).or_insert(minutes);
                    }
                }
            }
            let s = build(&input);
            for day in &s.days {
                for item in day.items.iter().filter(|i| i.kind == ItemKind::Plan) {
                    if let Some(q) = item.quantity {
                        prop_assert!(q.count <= item.minutes / pace[&q.kind].max(1) + 1,
                            "{}: {} {:?} in {} min ({})", day.date, q.count, q.kind, item.minutes, item.title);
                    }
                }
            }
        }

        /// What the recommendation promises from `week_need` holds: a full
        /// week whose hours reach it keeps every day's daily minimums
        /// whole (on a design's day, STAR and LP; the design is its
        /// technical practice), whichever day the mock is on.
        #[test]
        fn weeks_with_the_hours_for_the_minimums_keep_them_whole(input in arb_input()) {
            let s = build(&input);
            let m = &catalog().minimums;
            let mut weeks: BTreeMap<NaiveDate, Vec<&Day>> = BTreeMap::new();
            for day in &s.days {
                weeks.entry(week_start(day.date)).or_default().push(day);
            }
            for (monday, days) in weeks {
                let sunday = monday + chrono::Duration::days(6);
                let n = days.len() as u32;
                let blackout = input.blackouts.iter().any(|b| *b >= monday && *b <= sunday);
                if monday < input.start || sunday >= input.interview || blackout || n < 3
                    || s.day_budget_minutes * n < m.week_need(n) {
                    continue;
                }
                for day in days {
                    let minutes = |slot: &str| {
                        let k = format!("{}/{slot}", day.date);
                        day.items.iter().find(|i| i.key == k).map_or(0, |i| i.minutes)
                    };
                    let design = day.items.iter().any(|i| i.kind == ItemKind::WeeklyMinimum && i.category == Category::SystemDesign);
                    prop_assert_eq!((minutes("star"), minutes("lp")), (m.daily.star_minutes, m.daily.lp_minutes), "{}", day.date);
                    if !design {
                        prop_assert_eq!(minutes("technical"), m.daily.technical_minutes, "{}", day.date);
                    }
                }
            }
        }

        #[test]
        fn full_weeks_with_three_days_of_an_hour_get_the_mock_and_designs(input in arb_input()) {
            let s = build(&input);
            let mut weeks: BTreeMap<NaiveDate, Vec<&Day>> = BTreeMap::new();
            for day in &s.days {
                weeks.entry(week_start(day.date)).or_default().push(day);
            }
            for (monday, days) in weeks {
                let sunday = monday + chrono::Duration::days(6);
                if monday < input.start || sunday >= input.interview || days.iter().filter(|d| d.budget_minutes >= 60).count() < 3 {
                    continue;
                }
                let items: Vec<Item> = days.iter().flat_map(|d| d.items.clone()).collect();
                prop_assert!(quantity_in(&items, QuantityKind::Mocks) >= 1, "week {monday}: mock");
                prop_assert!(quantity_in(&items, QuantityKind::Designs) >= 2, "week {monday}: designs");
            }
        }

        #[test]
        fn full_weeks_with_room_get_the_weekly_minimums(input in arb_input()) {
            let s = build(&input);
            let mut weeks: BTreeMap<NaiveDate, Vec<&Day>> = BTreeMap::new();
            for day in &s.days {
                weeks.entry(week_start(day.date)).or_default().push(day);
            }
            for (monday, days) in weeks {
                let sunday = monday + chrono::Duration::days(6);
                if monday < input.start || sunday >= input.interview || days.len() < 3 || s.day_budget_minutes < 240 {
                    continue;
                }
                let items: Vec<Item> = days.iter().flat_map(|d| d.items.clone()).filter(|i| i.kind != ItemKind::Plan).collect();
                prop_assert!(quantity_in(&items, QuantityKind::Mocks) >= 1, "week {monday}: mock");
                prop_assert!(quantity_in(&items, QuantityKind::Designs) >= 2, "week {monday}: designs");
                prop_assert!(quantity_in(&items, QuantityKind::CodingProblems) >= 10, "week {monday}: coding");
                prop_assert!(quantity_in(&items, QuantityKind::StoryRefinements) >= 3, "week {monday}: refinements");
            }
        }

        #[test]
        fn replan_keeps_done_items_and_never_loses_missed_ones(
            input in arb_input(),
            today_frac in 0.0f64..1.0,
            done_mask in any::<u64>(),
            new_hours in 1u32..=80,
            extra_days in 0u64..30,
        ) {
            let first = build(&input);
            let span = (input.interview - input.start).num_days();
            let today = input.start + chrono::Duration::days((span as f64 * today_frac) as i64);
            let done: HashSet<String> = first.days.iter().flat_map(|d| &d.items).enumerate()
                .filter(|(i, _)| done_mask & (1 << (i % 64)) != 0).map(|(_, it)| it.key.clone()).collect();
            let mut next = input.clone();
            next.hours_per_week = new_hours;
            next.interview = input.interview.checked_add_days(Days::new(extra_days)).unwrap();
            let s = replan(&first, &done, today, &next);
            // past days kept
            let past_before: Vec<_> = first.days.iter().filter(|d| d.date < today).map(|d| (d.date, d.items.iter().map(|i| i.key.clone()).collect::<Vec<_>>())).collect();
            let past_after: Vec<_> = s.days.iter().filter(|d| d.date < today).map(|d| (d.date, d.items.iter().map(|i| i.key.clone()).collect::<Vec<_>>())).collect();
            prop_assert_eq!(past_before, past_after);
            // done items on today or later are still there
            for day in first.days.iter().filter(|d| d.date >= today) {
                for item in day.items.iter().filter(|i| done.contains(&i.key)) {
                    let present = s.days.iter().flat_map(|d| &d.items).chain(&s.overflow).any(|i| i.key == item.key);
                    prop_assert!(present, "done {} lost", item.key);
                }
            }
            // every missed item reappears, minutes intact, on a later day or in overflow
            let future: Vec<&Item> = s.days.iter().filter(|d| d.date >= today).flat_map(|d| &d.items).chain(&s.overflow).collect();
            for item in first.days.iter().filter(|d| d.date < today).flat_map(|d| &d.items).filter(|i| !done.contains(&i.key)) {
                let again: u32 = future.iter().filter(|i| i.carried_from.is_some() && (i.key == item.key || i.key.starts_with(&format!("{}~", item.key)))).map(|i| i.minutes).sum();
                prop_assert_eq!(again, item.minutes, "missed {} not carried", &item.key);
            }
            // budgets hold for new work on regenerated days
            let budget = next.hours_per_week * 60 / next.prep_days.len() as u32;
            for day in s.days.iter().filter(|d| d.date >= today) {
                let done_minutes: u32 = day.items.iter().filter(|i| done.contains(&i.key)).map(|i| i.minutes).sum();
                prop_assert!(day.planned_minutes() <= day.budget_minutes.max(budget).max(done_minutes), "{} over budget", day.date);
            }
            let dates: HashSet<NaiveDate> = s.days.iter().map(|d| d.date).collect();
            for cp in &s.checkpoints {
                prop_assert!(dates.contains(&cp.date));
            }
        }
    }
}
