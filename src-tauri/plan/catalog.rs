//! The five study plans and the practice minimums they share, parsed once from
//! the TOML files in `plan/plans/` (embedded at build time). Plan content is
//! data: this file only defines its shape, checks it, and looks plans up.

use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::criteria::{Checkpoint, Origin};
use crate::practice::minimums::load_minimums;
pub use crate::practice::minimums::{DailyMinimums, PracticeMinimums, WeeklyMinimums};

/// The five plans. A closed set, so an enum; the wire form is the plan id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum PlanId {
    #[serde(rename = "emergency-2w")]
    Emergency2w,
    #[serde(rename = "intensive-6w")]
    Intensive6w,
    #[serde(rename = "strategic-8w")]
    Strategic8w,
    #[serde(rename = "comprehensive-12w")]
    Comprehensive12w,
    #[serde(rename = "mastery-6m")]
    Mastery6m,
}

impl PlanId {
    pub const ALL: [PlanId; 5] = [
        PlanId::Emergency2w,
        PlanId::Intensive6w,
        PlanId::Strategic8w,
        PlanId::Comprehensive12w,
        PlanId::Mastery6m,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PlanId::Emergency2w => "emergency-2w",
            PlanId::Intensive6w => "intensive-6w",
            PlanId::Strategic8w => "strategic-8w",
            PlanId::Comprehensive12w => "comprehensive-12w",
            PlanId::Mastery6m => "mastery-6m",
        }
    }

    /// Nominal length in weeks (the 6-month plan counts 26).
    pub fn weeks(self) -> u32 {
        match self {
            PlanId::Emergency2w => 2,
            PlanId::Intensive6w => 6,
            PlanId::Strategic8w => 8,
            PlanId::Comprehensive12w => 12,
            PlanId::Mastery6m => 26,
        }
    }
}

impl fmt::Display for PlanId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Refusal of an unknown plan id (from the command line or the UI).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("Unknown plan \"{0}\"; expected one of emergency-2w, intensive-6w, strategic-8w, comprehensive-12w, mastery-6m.")]
pub struct UnknownPlan(pub String);

impl FromStr for PlanId {
    type Err = UnknownPlan;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        PlanId::ALL
            .into_iter()
            .find(|id| id.as_str() == s)
            .ok_or_else(|| UnknownPlan(s.to_string()))
    }
}

/// What kind of work an activity is; the schedule balances time by category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    Behavioral,
    SystemDesign,
    Coding,
    Mock,
    LeadershipPrinciples,
    Assessment,
    Logistics,
}

impl Category {
    pub const ALL: [Category; 7] = [
        Category::Behavioral,
        Category::SystemDesign,
        Category::Coding,
        Category::Mock,
        Category::LeadershipPrinciples,
        Category::Assessment,
        Category::Logistics,
    ];

    /// Categories that are skills to practise (and can be a "gap"); assessment
    /// and logistics are one-off chores that never get stretched.
    pub fn is_practice(self) -> bool {
        !matches!(self, Category::Assessment | Category::Logistics)
    }

    pub fn label(self) -> &'static str {
        match self {
            Category::Behavioral => "Behavioral",
            Category::SystemDesign => "System design",
            Category::Coding => "Coding",
            Category::Mock => "Mock interview",
            Category::LeadershipPrinciples => "Leadership Principles",
            Category::Assessment => "Assessment",
            Category::Logistics => "Logistics",
        }
    }
}

/// What a quantity target counts; matches the evidence the app logs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum QuantityKind {
    Stories,
    StoryRefinements,
    CodingProblems,
    Designs,
    Mocks,
    /// Experiences mapped to Leadership Principles (raw material for stories).
    Experiences,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Quantity {
    pub kind: QuantityKind,
    pub count: u32,
}

/// How often an activity's `minutes` recur within its phase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Per {
    /// Once over the whole phase.
    #[default]
    Phase,
    /// Every week of the phase.
    Week,
    /// Every preparation day of the phase (the plan's `daysPerWeek`).
    Day,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Activity {
    pub title: String,
    pub category: Category,
    pub minutes: u32,
    #[serde(default)]
    pub per: Per,
    /// A count to reach over the whole phase (not per week or day).
    #[serde(default)]
    pub quantity: Option<Quantity>,
}

/// A run of activities done together (e.g. the seed's "Monday-Tuesday"
/// groups). Blocks of a phase are worked through in order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Block {
    pub label: String,
    #[serde(default)]
    pub origin: Origin,
    pub activities: Vec<Activity>,
}

/// How the seed names a stretch of the plan (kept for display).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PhaseKind {
    Week,
    Weeks,
    Phase,
    Month,
    Months,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Phase {
    pub label: String,
    pub kind: PhaseKind,
    /// First and last plan week (1-based, inclusive).
    pub first_week: u32,
    pub last_week: u32,
    #[serde(default)]
    pub focus: Option<String>,
    #[serde(default)]
    pub goals: Vec<String>,
    pub blocks: Vec<Block>,
}

impl Phase {
    pub fn weeks(&self) -> u32 {
        self.last_week + 1 - self.first_week
    }

    /// Minutes the activity takes over the whole phase at the plan's pace.
    pub fn activity_total_minutes(&self, activity: &Activity, days_per_week: u32) -> u32 {
        match activity.per {
            Per::Phase => activity.minutes,
            Per::Week => activity.minutes * self.weeks(),
            Per::Day => activity.minutes * self.weeks() * days_per_week,
        }
    }

    /// The phase's planned minutes per week at the plan's pace.
    pub fn minutes_per_week(&self, days_per_week: u32) -> f64 {
        let total: u32 = self
            .blocks
            .iter()
            .flat_map(|b| &b.activities)
            .map(|a| self.activity_total_minutes(a, days_per_week))
            .sum();
        f64::from(total) / f64::from(self.weeks())
    }
}

/// An hours range as the seed states it; `max` is absent for "40+".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HoursRange {
    pub min: u32,
    #[serde(default)]
    pub max: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Plan {
    pub id: PlanId,
    pub name: String,
    pub weeks: u32,
    pub success_rate_percent: u32,
    pub hours_per_week: HoursRange,
    #[serde(default)]
    pub hours_per_day: Option<HoursRange>,
    /// Days a week the plan's `per = "day"` activities assume.
    pub days_per_week: u32,
    pub best_for: String,
    pub when_to_use: Vec<String>,
    pub phases: Vec<Phase>,
    pub checkpoints: Vec<Checkpoint>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Catalog {
    pub plans: Vec<Plan>,
    pub minimums: PracticeMinimums,
}

impl Catalog {
    pub fn plan(&self, id: PlanId) -> Option<&Plan> {
        self.plans.iter().find(|p| p.id == id)
    }
}

/// Why embedded plan data was refused (only ever seen by the catalog test).
#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    #[error("{file}: {source}")]
    Parse {
        file: &'static str,
        source: toml::de::Error,
    },
    #[error("{0}")]
    Invalid(String),
}

const PLAN_FILES: [(&str, &str); 5] = [
    ("emergency-2w.toml", include_str!("plans/emergency-2w.toml")),
    ("intensive-6w.toml", include_str!("plans/intensive-6w.toml")),
    ("strategic-8w.toml", include_str!("plans/strategic-8w.toml")),
    (
        "comprehensive-12w.toml",
        include_str!("plans/comprehensive-12w.toml"),
    ),
    ("mastery-6m.toml", include_str!("plans/mastery-6m.toml")),
];

/// Parses and checks the embedded files. `catalog()` is the cached form.
pub fn load_catalog() -> Result<Catalog, CatalogError> {
    let mut plans = Vec::with_capacity(PLAN_FILES.len());
    for (file, text) in PLAN_FILES {
        let plan: Plan =
            toml::from_str(text).map_err(|source| CatalogError::Parse { file, source })?;
        plans.push(plan);
    }
    let minimums = load_minimums().map_err(|source| CatalogError::Parse {
        file: "practice/minimums.toml",
        source,
    })?;
    let catalog = Catalog { plans, minimums };
    validate(&catalog)?;
    Ok(catalog)
}

/// The catalog, parsed on first use.
pub fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| {
        load_catalog().unwrap_or_else(|e| {
            panic!("embedded plan data is invalid (the catalog tests check it on every build): {e}")
        })
    })
}

fn validate(catalog: &Catalog) -> Result<(), CatalogError> {
    let bad = |msg: String| Err(CatalogError::Invalid(msg));
    for id in PlanId::ALL {
        let count = catalog.plans.iter().filter(|p| p.id == id).count();
        if count != 1 {
            return bad(format!("plan {id} appears {count} times"));
        }
    }
    for plan in &catalog.plans {
        let id = plan.id;
        if plan.weeks != id.weeks() {
            return bad(format!(
                "{id}: weeks {} but the id says {}",
                plan.weeks,
                id.weeks()
            ));
        }
        if plan.days_per_week == 0 || plan.days_per_week > 7 {
            return bad(format!("{id}: daysPerWeek must be 1-7"));
        }
        if let Some(max) = plan.hours_per_week.max {
            if max < plan.hours_per_week.min {
                return bad(format!("{id}: hours range is inverted"));
            }
        }
        let mut next_week = 1;
        for phase in &plan.phases {
            if phase.first_week != next_week || phase.last_week < phase.first_week {
                return bad(format!(
                    "{id}: phase \"{}\" does not follow on from week {}",
                    phase.label,
                    next_week - 1
                ));
            }
            next_week = phase.last_week + 1;
            if phase.blocks.is_empty() || phase.blocks.iter().any(|b| b.activities.is_empty()) {
                return bad(format!(
                    "{id}: phase \"{}\" has an empty block",
                    phase.label
                ));
            }
            for a in phase.blocks.iter().flat_map(|b| &b.activities) {
                if a.minutes == 0 {
                    return bad(format!("{id}: activity \"{}\" has no minutes", a.title));
                }
            }
        }
        if next_week != plan.weeks + 1 {
            return bad(format!(
                "{id}: phases cover {} of {} weeks",
                next_week - 1,
                plan.weeks
            ));
        }
        for cp in &plan.checkpoints {
            if cp.week == 0 || cp.week > plan.weeks || cp.criteria.is_empty() {
                return bad(format!(
                    "{id}: checkpoint \"{}\" is out of range or empty",
                    cp.label
                ));
            }
        }
    }
    let m = &catalog.minimums;
    if m.daily.weekdays.is_empty() || m.daily.total_minutes() == 0 {
        return bad("daily minimums are empty".to_string());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::criteria::{Comparison, Criterion, Metric};
    use chrono::Weekday;

    fn plan(id: PlanId) -> &'static Plan {
        catalog().plan(id).unwrap()
    }

    #[test]
    fn embedded_data_parses_and_validates() {
        load_catalog().unwrap();
        assert_eq!(catalog().plans.len(), 5);
    }

    #[test]
    fn plan_ids_round_trip_through_text() {
        for id in PlanId::ALL {
            assert_eq!(id.as_str().parse::<PlanId>().unwrap(), id);
            assert_eq!(serde_json::to_string(&id).unwrap(), format!("\"{id}\""));
        }
        assert!("12-week".parse::<PlanId>().is_err());
    }

    #[test]
    fn planned_hours_per_week_fall_inside_each_plans_range_within_ten_percent() {
        for p in &catalog().plans {
            let min = f64::from(p.hours_per_week.min) * 0.9;
            let max = p
                .hours_per_week
                .max
                .map_or(f64::INFINITY, |m| f64::from(m) * 1.1);
            for phase in &p.phases {
                let hours = phase.minutes_per_week(p.days_per_week) / 60.0;
                assert!(
                    hours >= min && hours <= max,
                    "{} / {}: {hours:.1} h/week",
                    p.id,
                    phase.label
                );
            }
        }
    }

    fn has_criterion(id: PlanId, week: u32, metric: Metric, value: f64) -> bool {
        plan(id).checkpoints.iter().filter(|c| c.week == week).flat_map(|c| &c.criteria).any(|c| {
            matches!(c, Criterion::Measurable { metric: m, comparison: Comparison::AtLeast, value: v, .. } if *m == metric && *v == value)
        })
    }

    fn has_text(id: PlanId, needle: &str) -> bool {
        toml::to_string(plan(id)).unwrap().contains(needle)
    }

    fn minutes_of(id: PlanId, title_start: &str) -> u32 {
        plan(id)
            .phases
            .iter()
            .flat_map(|p| &p.blocks)
            .flat_map(|b| &b.activities)
            .find(|a| a.title.starts_with(title_start))
            .unwrap_or_else(|| panic!("{id}: no activity {title_start}"))
            .minutes
    }

    fn quantity_of(id: PlanId, title_start: &str) -> Option<u32> {
        plan(id)
            .phases
            .iter()
            .flat_map(|p| &p.blocks)
            .flat_map(|b| &b.activities)
            .find(|a| a.title.starts_with(title_start))
            .and_then(|a| a.quantity)
            .map(|q| q.count)
    }

    #[test]
    fn timeline_matrix_numbers_are_in_the_data() {
        let rows = [
            (
                PlanId::Emergency2w,
                2,
                35,
                40,
                None,
                "Interview already scheduled",
            ),
            (
                PlanId::Intensive6w,
                6,
                65,
                20,
                Some(25),
                "Strong technical background",
            ),
            (PlanId::Strategic8w, 8, 75, 15, Some(20), "Current managers"),
            (
                PlanId::Comprehensive12w,
                12,
                85,
                12,
                Some(15),
                "Thorough preparation",
            ),
            (
                PlanId::Mastery6m,
                26,
                90,
                8,
                Some(10),
                "Career transition prep",
            ),
        ];
        for (id, weeks, rate, min, max, best) in rows {
            let p = plan(id);
            assert_eq!(
                (
                    p.weeks,
                    p.success_rate_percent,
                    p.hours_per_week.min,
                    p.hours_per_week.max
                ),
                (weeks, rate, min, max)
            );
            assert_eq!(p.best_for, best);
            assert_eq!(p.when_to_use.len(), 4);
        }
        assert_eq!(
            plan(PlanId::Emergency2w).hours_per_day,
            Some(HoursRange { min: 6, max: None })
        );
        assert_eq!(
            plan(PlanId::Intensive6w).hours_per_day,
            Some(HoursRange {
                min: 3,
                max: Some(4)
            })
        );
    }

    #[test]
    fn emergency_plan_numbers_are_in_the_data() {
        let e = PlanId::Emergency2w;
        for (title, hours) in [
            ("Complete comprehensive self-assessment", 2),
            ("Map experiences", 4),
            ("Draft core STAR", 8),
            ("Solve medium coding", 6),
            ("Complete system design problems", 8),
            ("Review AWS", 2),
            ("First mock", 2),
            ("Refine stories based", 4),
            ("Technical deep dive", 6),
            ("Additional mock", 6),
            ("System design time", 4),
            ("Behavioral rapid-fire", 4),
            ("Complete system design walkthrough", 3),
            ("Practice all stories", 3),
            ("Review Leadership Principles", 2),
            ("Interview logistics", 2),
        ] {
            assert_eq!(minutes_of(e, title), hours * 60, "{title}");
        }
        assert!(has_text(e, "Strong technical background (8+ years)"));
        assert!(has_criterion(e, 2, Metric::StoriesDrafted, 8.0));
        for (title, count) in [
            ("Map experiences", 15),
            ("Draft core STAR", 8),
            ("Solve medium coding", 20),
            ("Complete system design problems", 4),
            ("Additional mock", 3),
        ] {
            assert_eq!(quantity_of(e, title), Some(count), "{title}");
        }
        assert!(has_criterion(e, 2, Metric::DesignsCompleted, 4.0));
        assert!(has_criterion(e, 2, Metric::CodingProblems, 20.0));
        assert!(has_criterion(e, 2, Metric::MocksTaken, 3.0));
    }

    #[test]
    fn intensive_plan_numbers_are_in_the_data() {
        let i = PlanId::Intensive6w;
        assert_eq!(minutes_of(i, "Leadership Principles study"), 60);
        assert_eq!(minutes_of(i, "Technical practice"), 90);
        assert_eq!(minutes_of(i, "Progress review"), 30);
        assert!(has_text(i, "6-8 weeks until interview"));
        assert!(has_text(i, "draft 12 STAR stories") && has_text(i, "solve 30 coding problems"));
        assert!(has_text(i, "Pass 80% of mock interview criteria"));
        assert!(has_criterion(i, 2, Metric::StoriesDrafted, 12.0));
        assert!(has_criterion(i, 2, Metric::CodingProblems, 30.0));
        assert!(has_criterion(i, 4, Metric::DesignsCompleted, 5.0));
        assert!(has_criterion(i, 4, Metric::CodingProblems, 50.0));
        assert!(has_criterion(i, 4, Metric::MocksTaken, 1.0));
        assert!(has_criterion(i, 5, Metric::MockPassRatePercent, 80.0));
        assert!(has_criterion(i, 6, Metric::MocksTaken, 3.0));
        assert!(has_criterion(i, 6, Metric::MockAverageScore, 4.0));
        assert!(has_text(i, "System design in 45-60 minutes consistently"));
    }

    #[test]
    fn strategic_plan_numbers_are_in_the_data() {
        let s = PlanId::Strategic8w;
        let phase1: u32 = plan(s).phases[0]
            .blocks
            .iter()
            .flat_map(|b| &b.activities)
            .map(|a| a.minutes)
            .sum();
        assert_eq!(phase1, 15 * 60);
        for (title, hours) in [
            ("Comprehensive skills", 3),
            ("Readiness evaluation", 2),
            ("Personalized", 2),
            ("Initial story", 4),
            ("Technical baseline", 4),
        ] {
            assert_eq!(minutes_of(s, title), hours * 60, "{title}");
        }
        let p2 = &plan(s).phases[1];
        assert_eq!((p2.first_week, p2.last_week), (2, 4));
        let share = |t| f64::from(minutes_of(s, t)) / 1000.0;
        assert_eq!(
            (
                share("Story development"),
                share("System design pattern"),
                share("Coding pattern recognition")
            ),
            (0.40, 0.35, 0.25)
        );
        assert!(has_text(s, "Weekly Structure (15-18 hours/week)"));
        assert_eq!(minutes_of(s, "Mock interview segment"), 60);
        let weeks: Vec<_> = plan(s)
            .phases
            .iter()
            .map(|p| (p.first_week, p.last_week))
            .collect();
        assert_eq!(weeks, vec![(1, 1), (2, 4), (5, 6), (7, 8)]);
        assert!(has_text(s, "8-12 weeks until interview"));
    }

    #[test]
    fn comprehensive_plan_numbers_are_in_the_data() {
        let c = PlanId::Comprehensive12w;
        assert!(has_text(c, "all 16 Leadership Principles"));
        assert!(
            has_text(c, "(16+ stories)")
                && has_text(c, "100+ coding problems")
                && has_text(c, "15+ systems")
        );
        assert!(has_criterion(
            c,
            4,
            Metric::PrinciplesComprehensionPercent,
            90.0
        ));
        assert!(has_criterion(c, 4, Metric::DesignsCompleted, 5.0));
        assert!(has_criterion(c, 4, Metric::CodingProblems, 40.0));
        assert!(has_criterion(c, 4, Metric::StoriesDrafted, 12.0));
        assert!(has_criterion(c, 8, Metric::StoriesPolished, 16.0));
        assert!(has_criterion(c, 8, Metric::CodingProblems, 80.0));
        assert!(has_criterion(c, 8, Metric::DesignsCompleted, 10.0));
        assert!(has_criterion(c, 8, Metric::MocksTaken, 2.0));
        assert!(has_criterion(c, 12, Metric::MockPassRatePercent, 95.0));
        let weeks: Vec<_> = plan(c)
            .phases
            .iter()
            .map(|p| (p.first_week, p.last_week))
            .collect();
        assert_eq!(weeks, vec![(1, 4), (5, 8), (9, 12)]);
    }

    #[test]
    fn mastery_plan_has_three_two_month_stages() {
        let labels: Vec<_> = plan(PlanId::Mastery6m)
            .phases
            .iter()
            .map(|p| p.label.as_str())
            .collect();
        assert_eq!(
            labels,
            vec![
                "Months 1-2: Foundation Building",
                "Months 3-4: Interview Competency",
                "Months 5-6: Mastery & Readiness"
            ]
        );
    }

    #[test]
    fn shared_practice_minimums_match_the_seed() {
        let m = &catalog().minimums;
        assert_eq!(
            (
                m.daily.star_minutes,
                m.daily.technical_minutes,
                m.daily.lp_minutes
            ),
            (30, 45, 15)
        );
        assert_eq!(
            m.daily.weekdays,
            vec![
                Weekday::Mon,
                Weekday::Tue,
                Weekday::Wed,
                Weekday::Thu,
                Weekday::Fri
            ]
        );
        assert_eq!(
            (
                m.weekly.mocks,
                m.weekly.system_designs,
                m.weekly.coding_problems,
                m.weekly.story_refinements
            ),
            (1, 2, 10, 3)
        );
    }

    #[test]
    fn catalog_serialises_in_camel_case_with_kebab_enums() {
        let json = serde_json::to_string(catalog()).unwrap();
        assert!(json.contains("\"successRatePercent\":65"));
        assert!(json.contains("\"category\":\"system-design\""));
        assert!(json.contains("\"kind\":\"measurable\""));
    }
}
