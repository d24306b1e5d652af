//! Named tasks: what each schedule item asks for in particular (a problem
//! from the bank, a system to design, a story to write or refine, a
//! principle to study) and where in the app it is done.
//!
//! Names are worked out from what the coach knew when the day began (the
//! log before today, the stories that existed then), so a day's names never
//! change under the candidate while they do the work; the next days' names
//! follow the newest history and the latest self-assessment. Pure: the
//! caller passes the bank, the history and the stories in.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use serde::Serialize;

use super::catalog::{Category, QuantityKind};
use super::profile::{TargetLevel, Track};
use super::schedule::{Day, Item, ItemKind};
use crate::practice::log::Difficulty;
use crate::problems::{
    due_again, target_minutes, Bank, CodingProblem, History, Topic, REDO_DAYS_WEAK,
};
use crate::stories::principles::{Focus, Principle};
use crate::timer::templates::{builtin_round, longest_round_within, RoundKind};

/// Most problems one item names, whatever its length.
const MAX_PROBLEMS_PER_ITEM: u32 = 5;

/// A story as the coach saw it when the day began.
#[derive(Debug, Clone, PartialEq)]
pub struct StoryFact {
    pub id: String,
    pub title: String,
    pub principles: Vec<Principle>,
    /// Problems the story check finds that matter most.
    pub major_findings: u32,
    /// Day of the last edit before today.
    pub last_worked: NaiveDate,
}

/// Everything naming reads.
pub struct World<'a> {
    pub today: NaiveDate,
    /// The schedule's first and last-plus-one days, for "early" and "late".
    pub start: NaiveDate,
    pub interview: NaiveDate,
    pub level: TargetLevel,
    pub track: Track,
    pub bank: &'a Bank,
    /// Attempts before today.
    pub history: &'a History,
    /// Live stories that existed before today, in bank order.
    pub stories: &'a [StoryFact],
    /// Categories the latest self-assessment found weak.
    pub weak: &'a [Category],
    /// A full mock round has ended, so there is one to review.
    pub has_rounds: bool,
}

/// Where a task is done: a view of the window and what to open there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Link {
    pub view: &'static str,
    pub params: BTreeMap<&'static str, String>,
}

impl Link {
    fn to(view: &'static str) -> Self {
        Link {
            view,
            params: BTreeMap::new(),
        }
    }

    fn with(mut self, key: &'static str, value: impl Into<String>) -> Self {
        self.params.insert(key, value.into());
        self
    }
}

/// One thing an item names.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(
    tag = "kind",
    rename_all = "kebab-case",
    rename_all_fields = "camelCase"
)]
pub enum Target {
    Problem {
        number: u32,
        name: String,
        difficulty: Difficulty,
        link: Link,
    },
    Design {
        id: String,
        name: String,
        link: Link,
    },
    Story {
        id: String,
        name: String,
        link: Link,
    },
    NewStory {
        principle: Principle,
        name: String,
        link: Link,
    },
    Principle {
        principle: Principle,
        name: String,
        link: Link,
    },
    /// A view to go to when nothing more particular applies.
    Place { name: String, link: Link },
}

impl Target {
    pub fn link(&self) -> &Link {
        match self {
            Target::Problem { link, .. }
            | Target::Design { link, .. }
            | Target::Story { link, .. }
            | Target::NewStory { link, .. }
            | Target::Principle { link, .. }
            | Target::Place { link, .. } => link,
        }
    }
}

/// What an item asks for, by name.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Task {
    /// The item said with its names: "Solve Two Sum and 3Sum".
    pub title: String,
    pub targets: Vec<Target>,
    /// What doing it means, so the item ticks itself.
    pub done_by: DoneBy,
}

/// The evidence that completes a task.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "by", rename_all = "kebab-case", rename_all_fields = "camelCase")]
pub enum DoneBy {
    /// Every named problem logged that day.
    Problems { numbers: Vec<u32> },
    /// The named design logged, or a system-design round scored, that day.
    Design { id: String },
    /// A round of this timer kind scored that day.
    Round { round: String },
    /// The named story revised that day.
    StoryRevised { id: String },
    /// A story with this principle written that day, all four parts in.
    StoryWritten { principle: Principle },
    /// Leadership Principles study logged that day.
    LpStudy,
    /// Stories told aloud logged, or rehearsed, that day.
    StoryPractice,
    /// A self-assessment taken that day.
    Assessment,
    /// Only the candidate's tick.
    Tick,
}

fn focus(level: TargetLevel) -> Focus {
    match level {
        TargetLevel::L6 => Focus::L6,
        TargetLevel::L7 => Focus::L7,
    }
}

/// Difficulties to draw from on `date`: the seed's mediums for L6 (and for
/// managers, who are coded at the L6 bar), easier at the start; mediums to
/// hards for L7, hards only after the first third.
fn difficulties(world: &World, date: NaiveDate) -> &'static [Difficulty] {
    let span = (world.interview - world.start).num_days().max(1);
    let progress = (date - world.start).num_days() as f64 / span as f64;
    let l7_ic = world.level == TargetLevel::L7 && world.track == Track::Ic;
    match (l7_ic, progress) {
        (false, p) if p < 1.0 / 3.0 => &[Difficulty::Easy, Difficulty::Medium],
        (false, p) if p < 2.0 / 3.0 => &[Difficulty::Medium],
        (false, _) => &[Difficulty::Medium, Difficulty::Hard],
        (true, p) if p < 1.0 / 3.0 => &[Difficulty::Medium],
        (true, _) => &[Difficulty::Medium, Difficulty::Hard],
    }
}

/// How much each topic needs work, from the log: slow or non-optimal
/// attempts raise it, good ones lower it, an untried topic starts at one.
fn topic_need(bank: &Bank, history: &History) -> HashMap<Topic, f64> {
    let mut need: HashMap<Topic, f64> = Topic::ALL.iter().map(|t| (*t, 1.0)).collect();
    for (number, attempts) in &history.coding {
        let Some(p) = bank.coding(*number) else {
            continue;
        };
        for a in attempts {
            for t in &p.categories {
                *need.entry(*t).or_default() += if a.well { -0.5 } else { 1.0 };
            }
        }
    }
    need
}

struct Namer<'w, 'a> {
    world: &'w World<'a>,
    need: HashMap<Topic, f64>,
    /// Topic -> problems named so far in this pass, to interleave topics.
    named_topics: HashMap<Topic, u32>,
    /// Problem -> first day it may be named again.
    problem_free_from: HashMap<u32, NaiveDate>,
    design_last_named: HashMap<String, NaiveDate>,
    new_story_queue: Vec<Principle>,
    story_turn: usize,
    principle_turn: usize,
    round_turn: usize,
}

impl<'w, 'a> Namer<'w, 'a> {
    fn new(world: &'w World<'a>) -> Self {
        let mut problem_free_from = HashMap::new();
        for (number, attempts) in &world.history.coding {
            if let Some(due) = due_again(attempts) {
                problem_free_from.insert(*number, due);
            }
        }
        let covered: Vec<Principle> = world
            .stories
            .iter()
            .flat_map(|s| s.principles.iter().copied())
            .collect();
        let stressed = Principle::stressed_for(focus(world.level));
        let mut new_story_queue: Vec<Principle> = stressed
            .iter()
            .copied()
            .filter(|p| !covered.contains(p))
            .collect();
        new_story_queue.extend(
            Principle::all()
                .iter()
                .copied()
                .filter(|p| !covered.contains(p) && !stressed.contains(p)),
        );
        Namer {
            world,
            need: topic_need(world.bank, world.history),
            named_topics: HashMap::new(),
            problem_free_from,
            design_last_named: HashMap::new(),
            new_story_queue,
            story_turn: 0,
            principle_turn: 0,
            round_turn: 0,
        }
    }

    fn topic_score(&self, p: &CodingProblem) -> f64 {
        p.categories
            .iter()
            .map(|t| {
                let assessed = if self.world.weak.contains(&Category::Coding) {
                    0.5
                } else {
                    0.0
                };
                self.need.get(t).copied().unwrap_or(1.0) + assessed
                    - 0.5 * f64::from(self.named_topics.get(t).copied().unwrap_or(0))
            })
            .fold(f64::MIN, f64::max)
    }

    fn pick_problem(&mut self, date: NaiveDate) -> Option<&'a CodingProblem> {
        let wanted = difficulties(self.world, date);
        let bank: &'a Bank = self.world.bank;
        let free = |p: &CodingProblem| {
            self.problem_free_from
                .get(&p.number)
                .is_none_or(|from| *from <= date)
        };
        // Each candidate's key, worked out once: free now, at a wanted
        // difficulty, free soonest (for fallbacks), neediest topic, seed order.
        let best = bank
            .coding
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let free_from = self.problem_free_from.get(&p.number).copied();
                let key = (
                    free(p),
                    wanted.contains(&p.difficulty),
                    std::cmp::Reverse(free_from),
                    self.topic_score(p),
                    std::cmp::Reverse(i),
                );
                (key, p)
            })
            .max_by(|(a, _), (b, _)| {
                (a.0, a.1, a.2)
                    .cmp(&(b.0, b.1, b.2))
                    .then_with(|| a.3.total_cmp(&b.3))
                    .then_with(|| a.4.cmp(&b.4))
            })
            .map(|(_, p)| p)?;
        self.problem_free_from
            .insert(best.number, date + chrono::Duration::days(REDO_DAYS_WEAK));
        for t in &best.categories {
            *self.named_topics.entry(*t).or_default() += 1;
        }
        Some(best)
    }

    fn pick_design(&mut self, date: NaiveDate) -> Option<&'a crate::problems::DesignProblem> {
        let bank: &'a Bank = self.world.bank;
        let history = self.world.history;
        let best = bank
            .designs_for(self.world.level)
            .enumerate()
            .min_by_key(|(i, p)| {
                let last_named = self.design_last_named.get(&p.id).copied();
                let last_done = history
                    .design
                    .get(&p.id)
                    .and_then(|a| a.last())
                    .map(|a| a.date);
                let well = history
                    .design
                    .get(&p.id)
                    .is_some_and(|a| a.iter().any(|x| x.well));
                (last_named, well, last_done, *i)
            })
            .map(|(_, p)| p)?;
        self.design_last_named.insert(best.id.clone(), date);
        Some(best)
    }

    fn next_principle(&mut self) -> Principle {
        let stressed = Principle::stressed_for(focus(self.world.level));
        let order: Vec<Principle> = stressed
            .iter()
            .copied()
            .chain(
                Principle::all()
                    .iter()
                    .copied()
                    .filter(|p| !stressed.contains(p)),
            )
            .collect();
        let p = order[self.principle_turn % order.len()];
        self.principle_turn += 1;
        p
    }

    /// Stories to refine, weakest first: most major findings, then the one
    /// left longest without work.
    fn next_story(&mut self) -> Option<&'a StoryFact> {
        let stories: &'a [StoryFact] = self.world.stories;
        if stories.is_empty() {
            return None;
        }
        let mut order: Vec<&StoryFact> = stories.iter().collect();
        order.sort_by(|a, b| {
            b.major_findings
                .cmp(&a.major_findings)
                .then(a.last_worked.cmp(&b.last_worked))
                .then(a.id.cmp(&b.id))
        });
        let s = order[self.story_turn % order.len()];
        self.story_turn += 1;
        Some(s)
    }

    fn name(&mut self, date: NaiveDate, item: &Item) -> Task {
        let quantity = item.quantity;
        match item.category {
            Category::Coding => {
                let count = match quantity {
                    Some(q) if q.kind == QuantityKind::CodingProblems => q.count,
                    _ => item.minutes / target_minutes(Difficulty::Medium),
                }
                .clamp(1, MAX_PROBLEMS_PER_ITEM);
                let problems: Vec<&CodingProblem> =
                    (0..count).filter_map(|_| self.pick_problem(date)).collect();
                coding_task(&problems)
            }
            Category::SystemDesign => {
                let count = match quantity {
                    Some(q) if q.kind == QuantityKind::Designs => q.count.clamp(1, 3),
                    _ => 1,
                };
                let designs: Vec<_> = (0..count).filter_map(|_| self.pick_design(date)).collect();
                let names: Vec<&str> = designs.iter().map(|d| d.name.as_str()).collect();
                let round = self.round_within(RoundKind::SystemDesign, item.minutes);
                Task {
                    title: format!("Design: {}", join(&names)),
                    done_by: designs
                        .first()
                        .map_or(DoneBy::Tick, |d| DoneBy::Design { id: d.id.clone() }),
                    targets: designs
                        .iter()
                        .map(|d| Target::Design {
                            id: d.id.clone(),
                            name: d.name.clone(),
                            link: design_link(&d.id, round),
                        })
                        .collect(),
                }
            }
            Category::Mock => self.mock(date, item.minutes),
            Category::Behavioral => {
                let refining =
                    matches!(quantity, Some(q) if q.kind == QuantityKind::StoryRefinements);
                let aloud = item.kind == ItemKind::DailyMinimum && !refining;
                if aloud && !self.world.stories.is_empty() {
                    let stories: Vec<&StoryFact> =
                        (0..2).filter_map(|_| self.next_story()).collect();
                    let mut names: Vec<&str> = stories.iter().map(|s| s.title.as_str()).collect();
                    names.dedup();
                    return Task {
                        title: format!("Tell aloud, timed: {}", join_quoted(&names)),
                        targets: stories.iter().map(|s| story_target(s)).collect(),
                        done_by: DoneBy::StoryPractice,
                    };
                }
                // A refinement item refines a story as soon as there is one;
                // other story items write one while a principle has none
                // (the level's stressed principles first).
                let write = !self.new_story_queue.is_empty()
                    && (!refining || self.world.stories.is_empty());
                if write {
                    return write_story_task(self.new_story_queue.remove(0));
                }
                match self.next_story() {
                    Some(s) => Task {
                        title: format!("Refine \u{201c}{}\u{201d}", s.title),
                        targets: vec![story_target(s)],
                        done_by: DoneBy::StoryRevised { id: s.id.clone() },
                    },
                    None => write_story_task(self.next_principle()),
                }
            }
            Category::LeadershipPrinciples => {
                let p = self.next_principle();
                Task {
                    title: format!("Leadership Principles: {}", p.name()),
                    targets: vec![Target::Principle {
                        principle: p,
                        name: p.name().to_string(),
                        link: Link::to("reference").with("principle", p.id()),
                    }],
                    done_by: DoneBy::LpStudy,
                }
            }
            Category::Assessment => {
                let lower = item.title.to_lowercase();
                if lower.contains("assessment") || lower.contains("evaluation") {
                    place(
                        &item.title,
                        "Self-assessment",
                        Link::to("assessment"),
                        DoneBy::Assessment,
                    )
                } else if lower.contains("plan") && !lower.contains("next-day") {
                    place(&item.title, "Plan", Link::to("plan"), DoneBy::Tick)
                } else {
                    place(
                        &item.title,
                        "Dashboard",
                        Link::to("dashboard"),
                        DoneBy::Tick,
                    )
                }
            }
            Category::Logistics => place(
                &item.title,
                "Interview-day sheet",
                Link::to("sheet"),
                DoneBy::Tick,
            ),
        }
    }

    /// The built-in round of `kind` an item of `minutes` has time for, and
    /// no longer than a real loop's at the level (a design round is 60
    /// minutes at L6 and 90 at L7): a link never opens a round longer than
    /// the time the day gives it.
    fn round_within(&self, kind: RoundKind, minutes: u32) -> Option<&'static str> {
        let cap = match kind {
            RoundKind::SystemDesign => builtin_round(self.world.level.design_round())
                .map_or(minutes, |t| minutes.min(t.total_minutes())),
            _ => minutes,
        };
        longest_round_within(kind, cap).map(|t| t.id.0.as_str())
    }

    /// Mock items take turns: a system-design round on a named problem, a
    /// coding round on a named problem, a behavioral round, each the length
    /// the item has time for. An item too short for the turn's round asks
    /// for a review of the last round instead, or, before any round has
    /// ended or been named, for a reading of how the turn's round is scored.
    fn mock(&mut self, date: NaiveDate, minutes: u32) -> Task {
        let turn = self.round_turn % 3;
        let kind = [
            RoundKind::SystemDesign,
            RoundKind::Coding,
            RoundKind::Behavioral,
        ][turn];
        let Some(template) = self.round_within(kind, minutes) else {
            if !self.world.has_rounds && self.round_turn == 0 {
                let (rubric, what) = match (kind, self.world.level) {
                    (RoundKind::SystemDesign, TargetLevel::L6) => {
                        ("system-design-l6", "system design")
                    }
                    (RoundKind::SystemDesign, TargetLevel::L7) => {
                        ("system-design-l7", "system design")
                    }
                    (RoundKind::Coding, _) => ("coding", "coding"),
                    _ => ("behavioral", "behavioral"),
                };
                return place(
                    &format!("Before your first mock round: read how a {what} round is scored"),
                    "Reference: scoring",
                    Link::to("reference").with("rubric", rubric),
                    DoneBy::Tick,
                );
            }
            return place(
                "Review your last mock round: its notes, its scores and the phase that ran over",
                "Mock timer",
                Link::to("timer"),
                DoneBy::Tick,
            );
        };
        self.round_turn += 1;
        let picked = match kind {
            RoundKind::SystemDesign => self.pick_design(date).map(|d| Task {
                title: format!("Mock round, system design: {}", d.name),
                targets: vec![Target::Design {
                    id: d.id.clone(),
                    name: d.name.clone(),
                    link: design_link(&d.id, Some(template)),
                }],
                done_by: DoneBy::Round {
                    round: "system-design".into(),
                },
            }),
            RoundKind::Coding => self.pick_problem(date).map(|p| Task {
                title: format!("Mock round, coding: {}", p.name),
                targets: vec![
                    problem_target(p),
                    Target::Place {
                        name: "Mock timer".into(),
                        link: Link::to("timer").with("template", template),
                    },
                ],
                done_by: DoneBy::Round {
                    round: "coding".into(),
                },
            }),
            _ => None,
        };
        picked.unwrap_or_else(|| round_task(kind, template))
    }
}

/// A design's link: to the timer with the round the item has time for, or
/// to its prompt in the bank when no round fits.
fn design_link(id: &str, round: Option<&str>) -> Link {
    match round {
        Some(template) => Link::to("timer")
            .with("design", id)
            .with("template", template),
        None => Link::to("problems").with("design", id),
    }
}

fn round_task(kind: RoundKind, template: &str) -> Task {
    let kind = match kind {
        RoundKind::SystemDesign => "system-design",
        RoundKind::Coding => "coding",
        _ => "behavioral",
    };
    Task {
        title: format!("Mock round, {}", kind.replace('-', " ")),
        targets: vec![Target::Place {
            name: "Mock timer".into(),
            link: Link::to("timer").with("template", template.to_string()),
        }],
        done_by: DoneBy::Round { round: kind.into() },
    }
}

fn place(title: &str, name: &str, link: Link, done_by: DoneBy) -> Task {
    Task {
        title: title.to_string(),
        targets: vec![Target::Place {
            name: name.to_string(),
            link,
        }],
        done_by,
    }
}

/// "Write a story for <principle>", done once such a story has all four parts.
fn write_story_task(p: Principle) -> Task {
    Task {
        title: format!("Write a story for {}", p.name()),
        targets: vec![Target::NewStory {
            principle: p,
            name: p.name().to_string(),
            link: Link::to("stories").with("new", p.id()),
        }],
        done_by: DoneBy::StoryWritten { principle: p },
    }
}

fn problem_target(p: &CodingProblem) -> Target {
    Target::Problem {
        number: p.number,
        name: p.name.clone(),
        difficulty: p.difficulty,
        link: Link::to("problems").with("n", p.number.to_string()),
    }
}

fn story_target(s: &StoryFact) -> Target {
    Target::Story {
        id: s.id.clone(),
        name: s.title.clone(),
        link: Link::to("stories").with("id", s.id.clone()),
    }
}

fn coding_task(problems: &[&CodingProblem]) -> Task {
    let names: Vec<&str> = problems.iter().map(|p| p.name.as_str()).collect();
    Task {
        title: format!("Solve {}", join(&names)),
        targets: problems.iter().map(|p| problem_target(p)).collect(),
        done_by: DoneBy::Problems {
            numbers: problems.iter().map(|p| p.number).collect(),
        },
    }
}

fn join(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn join_quoted(names: &[&str]) -> String {
    let quoted: Vec<String> = names
        .iter()
        .map(|n| format!("\u{201c}{n}\u{201d}"))
        .collect();
    let refs: Vec<&str> = quoted.iter().map(String::as_str).collect();
    join(&refs)
}

/// What was done on one day, as far as named items can tell.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DayWork {
    /// Names of the coding problems logged.
    pub coding: Vec<String>,
    /// Names of the designs logged.
    pub designs: Vec<String>,
    pub lp_study: bool,
    pub story_practice: bool,
    /// Kinds of the rounds timed or logged (`system-design`, `coding`, ...).
    pub rounds: Vec<String>,
    pub assessment: bool,
    pub revised_stories: Vec<String>,
    /// Principles of the stories written that day, all four parts in.
    pub written_principles: Vec<Principle>,
}

impl DoneBy {
    /// Whether `work` completes the task. `Tick` never completes by itself.
    pub fn met_by(&self, work: &DayWork, bank: &Bank) -> bool {
        let (done, parts) = self.progress(work, bank);
        parts > 0 && done == parts
    }

    /// How much of the task `work` did, as (parts done, parts): each named
    /// problem is a part, any other task is one.
    pub fn progress(&self, work: &DayWork, bank: &Bank) -> (usize, usize) {
        let one = |met: bool| (usize::from(met), 1);
        match self {
            DoneBy::Problems { numbers } => {
                let logged = |n: &u32| {
                    work.coding
                        .iter()
                        .any(|name| bank.match_coding(name).is_some_and(|p| p.number == *n))
                };
                (numbers.iter().filter(|n| logged(n)).count(), numbers.len())
            }
            DoneBy::Design { id } => one(work
                .designs
                .iter()
                .any(|name| bank.match_design(name).is_some_and(|p| &p.id == id))
                || work.rounds.iter().any(|k| k == "system-design")),
            DoneBy::Round { round } => one(work.rounds.iter().any(|k| k == round)),
            DoneBy::StoryRevised { id } => one(work.revised_stories.contains(id)),
            DoneBy::StoryWritten { principle } => one(work.written_principles.contains(principle)),
            DoneBy::LpStudy => one(work.lp_study),
            DoneBy::StoryPractice => one(work.story_practice),
            DoneBy::Assessment => one(work.assessment),
            DoneBy::Tick => one(false),
        }
    }
}

/// Names every item from `world.today` on (through `through` when given),
/// in day order; earlier days are history and keep their plan titles. A
/// day's names depend only on the days before it, so naming through today
/// gives today the same names as naming the whole schedule.
pub fn name_items(
    days: &[Day],
    world: &World,
    through: Option<NaiveDate>,
) -> HashMap<String, Task> {
    let mut namer = Namer::new(world);
    let mut out = HashMap::new();
    let wanted = |d: &&Day| d.date >= world.today && through.is_none_or(|t| d.date <= t);
    for day in days.iter().filter(wanted) {
        for item in &day.items {
            out.insert(item.key.clone(), namer.name(day.date, item));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::catalog::PlanId;
    use crate::plan::schedule::{build, ScheduleInput};
    use crate::problems::bank;
    use chrono::Weekday;
    use proptest::prelude::*;
    use std::collections::BTreeSet;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn name_items_all(days: &[Day], world: &World) -> HashMap<String, Task> {
        name_items(days, world, None)
    }

    fn world<'a>(
        input: &ScheduleInput,
        level: TargetLevel,
        history: &'a History,
        stories: &'a [StoryFact],
        weak: &'a [Category],
    ) -> World<'a> {
        World {
            today: input.start,
            start: input.start,
            interview: input.interview,
            level,
            track: Track::Manager,
            bank: bank(),
            history,
            stories,
            weak,
            has_rounds: false,
        }
    }

    fn manager_l7() -> ScheduleInput {
        ScheduleInput {
            plan: PlanId::Intensive6w,
            start: d(2026, 11, 29),
            interview: d(2027, 1, 10),
            hours_per_week: 12,
            prep_days: vec![
                Weekday::Mon,
                Weekday::Tue,
                Weekday::Wed,
                Weekday::Thu,
                Weekday::Fri,
                Weekday::Sat,
                Weekday::Sun,
            ],
            blackouts: BTreeSet::new(),
            weak_categories: Vec::new(),
        }
    }

    #[test]
    fn every_item_of_the_reported_profile_has_a_name_and_a_place() {
        let input = manager_l7();
        let s = build(&input);
        let history = History::default();
        let tasks = name_items_all(&s.days, &world(&input, TargetLevel::L7, &history, &[], &[]));
        for item in s.days.iter().flat_map(|d| &d.items) {
            let task = &tasks[&item.key];
            assert!(!task.targets.is_empty(), "{} has no target", item.title);
        }
        // With no story yet, the first story item asks for one, for a
        // principle L7 stresses.
        let first_story = s.days[0]
            .items
            .iter()
            .find(|i| i.category == Category::Behavioral)
            .unwrap();
        let title = &tasks[&first_story.key].title;
        assert!(title.starts_with("Write a story for "), "{title}");
        let stressed = Principle::stressed_for(Focus::L7)[0];
        assert!(title.ends_with(stressed.name()), "{title}");
    }

    /// A mock item too short for any round asks for a review of the last
    /// round only when there is one; before the first, it points at how the
    /// turn's round (system design first, at the level) is scored.
    #[test]
    fn a_short_mock_item_reviews_a_round_only_once_there_is_one() {
        let input = manager_l7();
        let day = Day {
            date: input.start,
            plan_week: 1,
            budget_minutes: 15,
            items: vec![Item {
                key: "short-mock".into(),
                kind: ItemKind::WeeklyMinimum,
                category: Category::Mock,
                title: "Mock interview".into(),
                minutes: 15,
                quantity: None,
                carried_from: None,
                missed: false,
            }],
        };
        let history = History::default();
        let mut w = world(&input, TargetLevel::L7, &history, &[], &[]);
        let first = &name_items_all(std::slice::from_ref(&day), &w)["short-mock"];
        assert_eq!(
            first.title,
            "Before your first mock round: read how a system design round is scored"
        );
        assert_eq!(first.targets[0].link().view, "reference");
        assert_eq!(first.targets[0].link().params["rubric"], "system-design-l7");
        w.has_rounds = true;
        let later = &name_items_all(std::slice::from_ref(&day), &w)["short-mock"];
        assert!(
            later.title.starts_with("Review your last mock round"),
            "{}",
            later.title
        );
    }

    #[test]
    fn problems_solved_well_are_not_named_until_due() {
        let input = manager_l7();
        let s = build(&input);
        let mut history = History::default();
        let solved: Vec<u32> = bank().coding.iter().take(30).map(|p| p.number).collect();
        for n in &solved {
            history.coding.insert(
                *n,
                vec![crate::problems::Attempt {
                    date: d(2026, 11, 20),
                    minutes: 10,
                    optimal: true,
                    well: true,
                }],
            );
        }
        let tasks = name_items_all(&s.days, &world(&input, TargetLevel::L6, &history, &[], &[]));
        let due = d(2026, 11, 20) + chrono::Duration::days(crate::problems::REDO_DAYS_WELL);
        for day in s.days.iter().filter(|d| d.date < due) {
            for item in &day.items {
                if let DoneBy::Problems { numbers } = &tasks[&item.key].done_by {
                    for n in numbers {
                        assert!(
                            !solved.contains(n),
                            "{n} named on {} before it is due",
                            day.date
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn weak_topics_from_the_log_come_first() {
        let input = manager_l7();
        let s = build(&input);
        let mut history = History::default();
        // Slow, non-optimal attempts at two dynamic-programming problems.
        for n in [70, 322] {
            history.coding.insert(
                n,
                vec![crate::problems::Attempt {
                    date: d(2026, 11, 1),
                    minutes: 80,
                    optimal: false,
                    well: false,
                }],
            );
        }
        let tasks = name_items_all(&s.days, &world(&input, TargetLevel::L6, &history, &[], &[]));
        let first_coding = s.days[0]
            .items
            .iter()
            .find_map(|i| match &tasks[&i.key].done_by {
                DoneBy::Problems { numbers } => numbers.first().copied(),
                _ => None,
            })
            .unwrap();
        let p = bank().coding(first_coding).unwrap();
        assert!(
            p.categories.contains(&Topic::DynamicProgramming),
            "first problem {} is not dynamic programming",
            p.name
        );
    }

    #[test]
    fn a_story_with_findings_is_refined_first() {
        let input = manager_l7();
        let s = build(&input);
        let stories: Vec<StoryFact> = Principle::all()
            .iter()
            .enumerate()
            .map(|(i, p)| StoryFact {
                id: format!("s{i}"),
                title: format!("Story {i}"),
                principles: vec![*p],
                major_findings: u32::from(i == 5) * 3,
                last_worked: d(2026, 11, 1),
            })
            .collect();
        let history = History::default();
        let tasks = name_items_all(
            &s.days,
            &world(&input, TargetLevel::L7, &history, &stories, &[]),
        );
        let first = s
            .days
            .iter()
            .flat_map(|d| &d.items)
            .find_map(|i| match &tasks[&i.key].done_by {
                DoneBy::StoryRevised { id } => Some(id.clone()),
                _ => None,
            })
            .unwrap();
        assert_eq!(first, "s5");
    }

    #[test]
    fn a_refinement_item_refines_an_existing_story_even_while_principles_lack_one() {
        // At the plan's own hours, so its drafting work keeps its stories
        // (fewer hours cut the count with the time).
        let input = ScheduleInput {
            hours_per_week: 25,
            ..manager_l7()
        };
        let s = build(&input);
        let stories = [StoryFact {
            id: "only".into(),
            title: "The only story".into(),
            principles: vec![Principle::CustomerObsession],
            major_findings: 0,
            last_worked: d(2026, 11, 1),
        }];
        let history = History::default();
        let tasks = name_items_all(
            &s.days,
            &world(&input, TargetLevel::L7, &history, &stories, &[]),
        );
        let refinement = s
            .days
            .iter()
            .flat_map(|d| &d.items)
            .find(|i| {
                i.quantity
                    .is_some_and(|q| q.kind == QuantityKind::StoryRefinements)
            })
            .expect("the plan has refinement items");
        assert_eq!(
            tasks[&refinement.key].done_by,
            DoneBy::StoryRevised { id: "only".into() }
        );
        // A drafting item still asks for a story for an uncovered principle.
        let drafting = s
            .days
            .iter()
            .flat_map(|d| &d.items)
            .find(|i| i.quantity.is_some_and(|q| q.kind == QuantityKind::Stories))
            .expect("the plan has drafting items");
        assert!(matches!(
            tasks[&drafting.key].done_by,
            DoneBy::StoryWritten { .. }
        ));
    }

    prop_compose! {
        fn arb_profile()(
            plan in prop::sample::select(PlanId::ALL.to_vec()),
            weeks in 1u64..30,
            hours in 4u32..=40,
            days_mask in 1u8..128,
            l7 in any::<bool>(),
            manager in any::<bool>(),
        ) -> (ScheduleInput, TargetLevel, Track) {
            let all = crate::plan::schedule::tests::WEEK;
            let start = d(2026, 11, 29);
            (ScheduleInput {
                plan,
                start,
                interview: start + chrono::Duration::days(weeks as i64 * 7),
                hours_per_week: hours,
                prep_days: all.iter().enumerate().filter(|(i, _)| days_mask & (1 << i) != 0).map(|(_, d)| *d).collect(),
                blackouts: BTreeSet::new(),
                weak_categories: Vec::new(),
            },
            if l7 { TargetLevel::L7 } else { TargetLevel::L6 },
            if manager { Track::Manager } else { Track::Ic })
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(120))]

        /// Over every plan and a grid of profiles: every item is named, every
        /// named problem is in the bank, and no problem comes back inside its
        /// redo gap.
        #[test]
        fn named_items_exist_and_never_repeat_inside_the_gap((input, level, track) in arb_profile()) {
            let s = build(&input);
            let history = History::default();
            let mut w = world(&input, level, &history, &[], &[]);
            w.track = track;
            let tasks = name_items(&s.days, &w, None);
            let mut last: HashMap<u32, NaiveDate> = HashMap::new();
            let mut round_named = w.has_rounds;
            for day in &s.days {
                for item in &day.items {
                    let task = &tasks[&item.key];
                    prop_assert!(!task.targets.is_empty());
                    // A review of the last round comes after a round.
                    prop_assert!(round_named || !task.title.starts_with("Review your last mock round"),
                        "{} on {}", task.title, day.date);
                    round_named |= matches!(task.done_by, DoneBy::Round { .. });
                    let bad = crate::plan::schedule::tests::label_contradiction(
                        &task.title, item.minutes, day.date, item.quantity, true);
                    prop_assert!(bad.is_none(), "\"{}\": {}", task.title, bad.unwrap_or_default());
                    for t in &task.targets {
                        // A linked round fits in the item's time.
                        if let Some(id) = t.link().params.get("template") {
                            let round = builtin_round(id);
                            prop_assert!(round.is_some_and(|r| r.total_minutes() <= item.minutes),
                                "{} on {}: {id} for {} min", task.title, day.date, item.minutes);
                        }
                        if let Target::Problem { number, .. } = t {
                            prop_assert!(bank().coding(*number).is_some());
                            if let Some(prev) = last.get(number) {
                                prop_assert!((day.date - *prev).num_days() >= REDO_DAYS_WEAK,
                                    "{} named {} and {}", number, prev, day.date);
                            }
                            last.insert(*number, day.date);
                        }
                        if let Target::Design { id, .. } = t {
                            let p = bank().design(id);
                            prop_assert!(p.is_some_and(|p| p.level == level));
                        }
                    }
                }
            }
        }
    }
}
