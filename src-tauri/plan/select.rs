//! The plan selector: the seed's `select_study_plan` done right. Levels are
//! compared by seniority (not as strings), the weeks left come from the
//! interview date, and no plan longer than the time left is recommended
//! as is: it is compressed and the reasons say so. Also applies the seed's
//! "accelerate if / extend if" guidance to the profile.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::catalog::{catalog, PlanId};
use super::profile::{CurrentLevel, Profile, Risk, TargetLevel, Track};

/// Whether the profile suggests going faster or slower than the plan's pace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Pace {
    AsPlanned,
    Accelerate,
    Extend,
    /// Signals both ways; the advice lists each.
    Mixed,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Recommendation {
    /// `None` only when the interview date has passed.
    pub plan_id: Option<PlanId>,
    pub postpone_advised: bool,
    /// The plan is longer than the time left and will be squeezed into it.
    pub compressed: bool,
    pub weeks_available: f64,
    pub pace: Pace,
    pub reasons: Vec<String>,
    pub advice: Vec<String>,
}

impl Recommendation {
    /// The plan to follow: the recommended one, or the shortest once the
    /// interview date has passed (there is still a schedule to show).
    pub fn plan_to_follow(&self) -> PlanId {
        self.plan_id.unwrap_or(PlanId::Emergency2w)
    }
}

fn level_name(level: CurrentLevel) -> &'static str {
    match level {
        CurrentLevel::Engineer => "engineer",
        CurrentLevel::SeniorEngineer => "senior engineer",
        CurrentLevel::Principal => "principal engineer",
        CurrentLevel::Manager => "manager",
        CurrentLevel::SeniorManager => "senior manager",
    }
}

/// Recommends a plan for `profile` as of `today` (the caller reads the clock).
pub fn recommend(profile: &Profile, today: NaiveDate) -> Recommendation {
    let days = profile.days_left(today);
    let weeks = days as f64 / 7.0;
    let mut reasons = Vec::new();
    let mut postpone_advised = false;
    if days < 0 {
        return Recommendation {
            plan_id: None,
            postpone_advised: false,
            compressed: false,
            weeks_available: 0.0,
            pace: Pace::AsPlanned,
            reasons: vec![format!(
                "The interview date {} has passed.",
                profile.interview_date
            )],
            advice: vec!["Set the date of your next interview to get a plan.".to_string()],
        };
    }
    let level = profile.current_level;
    let plan = if weeks <= 2.0 {
        reasons.push(format!(
            "{weeks:.1} weeks left: only the 2-week emergency plan fits."
        ));
        if profile.risk != Risk::High {
            postpone_advised = true;
            reasons.push(
                "Your risk tolerance is not high: consider postponing the interview; the emergency plan succeeds about 35% of the time."
                    .to_string(),
            );
        }
        PlanId::Emergency2w
    } else if weeks <= 6.0 {
        if level >= CurrentLevel::SeniorEngineer {
            reasons.push(format!(
                "{weeks:.1} weeks left and you are a {}: with at most six weeks, senior engineers and above take the 6-week intensive plan.",
                level_name(level)
            ));
            PlanId::Intensive6w
        } else {
            reasons.push(format!(
                "{weeks:.1} weeks left and you are an engineer below senior level: the 12-week comprehensive plan builds the foundations you need."
            ));
            PlanId::Comprehensive12w
        }
    } else if weeks <= 12.0 {
        reasons.push(format!(
            "{weeks:.1} weeks left: the 8-week strategic plan balances every dimension."
        ));
        PlanId::Strategic8w
    } else if level >= CurrentLevel::Manager {
        reasons.push(format!(
            "{weeks:.1} weeks left and you are already a {}: the 12-week comprehensive plan is enough.",
            level_name(level)
        ));
        PlanId::Comprehensive12w
    } else {
        reasons.push(format!(
            "{weeks:.1} weeks left and you are a {}: the 6-month mastery plan covers the move to the next level.",
            level_name(level)
        ));
        PlanId::Mastery6m
    };
    let plan_weeks = f64::from(plan.weeks());
    let compressed = weeks < plan_weeks;
    if compressed {
        reasons.push(format!(
            "The plan normally takes {} weeks; it is compressed into your {weeks:.1} weeks, so each week holds more and the least essential work is trimmed.",
            plan.weeks()
        ));
    }
    if let Some(reason) = hours_reason(profile.hours_per_week, profile.prep_days.len(), plan) {
        reasons.push(reason);
    }
    let (pace, advice) = pace_advice(profile, plan);
    Recommendation {
        plan_id: Some(plan),
        postpone_advised,
        compressed,
        weeks_available: weeks,
        pace,
        reasons,
        advice,
    }
}

/// What the candidate's hours mean for the plan, in numbers: how much of
/// its weekly work fits and what the schedule keeps first. When the hours
/// do not hold the practice minimums themselves, it says what the schedule
/// does then (`schedule::place_weekly_sittings`).
pub fn hours_reason(hours: u32, prep_days: usize, plan: PlanId) -> Option<String> {
    let p = catalog().plan(plan)?;
    let range = p.hours_per_week;
    let span = match range.max {
        Some(max) => format!("{}-{max} h", range.min),
        None => format!("{}+ h", range.min),
    };
    Some(if hours < range.min {
        let share = hours * 100 / range.min.max(1);
        let need = catalog().minimums.week_need(prep_days as u32);
        let keeps = if hours * 60 >= need {
            format!(
                "Your schedule keeps the daily minimums and each week's mock and system designs whole first, and trims the plan's own work to your {hours} h; its notes say what else did not fit."
            )
        } else {
            format!(
                "The practice minimums alone take {} a week on your {prep_days} days, more than your {hours} h: \
                 the schedule keeps each week's mock and system designs whole (a design is that day's technical practice) \
                 and shortens the daily practice to fit; its notes say what did not fit.",
                hours_text(need)
            )
        };
        format!(
            "You give {hours} h a week; the {} plan is built for {span}, so about {share}% of its weekly work fits. {keeps}",
            p.name
        )
    } else if range.max.is_some_and(|max| hours > max) {
        format!(
            "You give {hours} h a week, more than the {} plan's {span}; the extra time goes to practice, most of it in your weakest areas.",
            p.name
        )
    } else {
        format!(
            "Your {hours} h a week are within the {} plan's {span}.",
            p.name
        )
    })
}

/// What to say when the latest self-assessment asks for a longer
/// preparation than the weeks left: the two ways forward, with numbers.
pub fn assessment_note(
    suggested: PlanId,
    total: u32,
    weeks_left: f64,
    weak: &[super::catalog::Category],
) -> Option<String> {
    let suggested_weeks = f64::from(suggested.weeks());
    if suggested_weeks <= weeks_left {
        return None;
    }
    let name = catalog()
        .plan(suggested)
        .map_or_else(|| suggested.to_string(), |p| p.name.clone());
    let focus = if weak.is_empty() {
        "your lowest-scored areas".to_string()
    } else {
        weak.iter()
            .map(|c| c.label())
            .collect::<Vec<_>>()
            .join(", ")
    };
    Some(format!(
        "Your self-assessment ({total}/100) suggests the {name} plan, longer than the {weeks_left:.1} weeks left. \
         Either move the interview date (Settings), or keep it: your schedule already gives {share}% of the plan's practice time to {focus}.",
        share = (super::schedule::GAP_SHARE * 100.0).round()
    ))
}

/// The seed's "accelerate if / extend if" lists, applied to what the profile
/// tells us; the signals it cannot know are offered as questions.
fn pace_advice(profile: &Profile, plan: PlanId) -> (Pace, Vec<String>) {
    let mut accelerate = Vec::new();
    let mut extend = Vec::new();
    let hours = catalog().plan(plan).map(|p| p.hours_per_week);
    if profile.track == Track::Manager && profile.current_level >= CurrentLevel::Manager {
        accelerate.push("Accelerate: you are in a management role already; spend less time on people-leadership basics.");
    }
    if profile.current_level >= CurrentLevel::Principal && profile.track == Track::Ic {
        accelerate.push("Accelerate: your technical background is strong; move through the fundamentals quickly.");
    }
    if let Some(range) = hours {
        if range.max.is_some_and(|max| profile.hours_per_week > max) {
            accelerate.push("Accelerate: you have more hours a week than the plan needs; finish early and use the rest on mocks.");
        }
        if f64::from(profile.hours_per_week) < f64::from(range.min) * 0.9 {
            extend.push("Extend: you prepare part-time, below the plan's weekly hours; start earlier or move the interview if you can.");
        }
    }
    if profile.track == Track::Manager && profile.current_level < CurrentLevel::Manager {
        extend.push("Extend: you are moving from individual contributor to manager; allow time to gather management stories.");
    }
    if profile.target_level == TargetLevel::L7 && profile.current_level < CurrentLevel::Manager {
        extend.push("Extend: you target L7 with limited organisation-wide experience; build stories of cross-team and org-level impact.");
    }
    let pace = match (accelerate.is_empty(), extend.is_empty()) {
        (true, true) => Pace::AsPlanned,
        (false, true) => Pace::Accelerate,
        (true, false) => Pace::Extend,
        (false, false) => Pace::Mixed,
    };
    let mut advice: Vec<String> = accelerate
        .into_iter()
        .chain(extend)
        .map(str::to_string)
        .collect();
    advice.push("If you interviewed at Amazon before, you can go faster; if you have little technical-interview experience, add mocks early.".to_string());
    (pace, advice)
}

/// Minutes as hours, to a tenth where they are not whole ("10.5 h").
fn hours_text(minutes: u32) -> String {
    if minutes.is_multiple_of(60) {
        format!("{} h", minutes / 60)
    } else {
        format!("{:.1} h", f64::from(minutes) / 60.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Days, Weekday};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()
    }

    /// Below the minimums' own hours the reason says what the schedule does
    /// then, with the figure the minimums add up to; above, that they come
    /// first.
    #[test]
    fn the_hours_reason_says_when_the_minimums_themselves_do_not_fit() {
        // 5 days of 90 minutes and a 60-minute mock; each of the two
        // 60-minute designs is its day's 45 minutes of technical practice.
        let short = hours_reason(8, 5, PlanId::Intensive6w).unwrap();
        assert!(short.contains("take 9 h a week on your 5 days"), "{short}");
        assert!(!short.contains("keeps the daily minimums"), "{short}");
        let enough = hours_reason(9, 5, PlanId::Intensive6w).unwrap();
        assert!(
            enough.contains(
                "keeps the daily minimums and each week's mock and system designs whole first"
            ),
            "{enough}"
        );
        assert_eq!(hours_text(120), "2 h");
    }

    fn profile(days_left: u64, level: CurrentLevel, risk: Risk) -> Profile {
        Profile {
            interview_date: today().checked_add_days(Days::new(days_left)).unwrap(),
            target_level: TargetLevel::L6,
            track: Track::Ic,
            current_level: level,
            hours_per_week: 20,
            prep_days: vec![
                Weekday::Mon,
                Weekday::Tue,
                Weekday::Wed,
                Weekday::Thu,
                Weekday::Fri,
            ],
            risk,
        }
    }

    /// Every branch of the decision table: (days left, level, risk) →
    /// (plan, postpone advised, compressed).
    #[test]
    fn decision_table_covers_every_branch() {
        use CurrentLevel::*;
        use PlanId::*;
        let rows: [(u64, CurrentLevel, Risk, PlanId, bool, bool); 16] = [
            (14, SeniorEngineer, Risk::High, Emergency2w, false, false),
            (14, SeniorEngineer, Risk::Medium, Emergency2w, true, false),
            (7, Manager, Risk::Low, Emergency2w, true, true),
            (0, Engineer, Risk::High, Emergency2w, false, true),
            (42, SeniorEngineer, Risk::Low, Intensive6w, false, false),
            (35, Principal, Risk::Low, Intensive6w, false, true),
            (42, Manager, Risk::Low, Intensive6w, false, false),
            (42, Engineer, Risk::Low, Comprehensive12w, false, true),
            (21, Engineer, Risk::High, Comprehensive12w, false, true),
            (56, Engineer, Risk::Low, Strategic8w, false, false),
            (49, SeniorManager, Risk::Low, Strategic8w, false, true),
            (84, Principal, Risk::Low, Strategic8w, false, false),
            (91, Manager, Risk::Low, Comprehensive12w, false, false),
            (91, SeniorManager, Risk::Low, Comprehensive12w, false, false),
            (91, Principal, Risk::Low, Mastery6m, false, true),
            (182, SeniorEngineer, Risk::Low, Mastery6m, false, false),
        ];
        for (days, level, risk, plan, postpone, compressed) in rows {
            let r = recommend(&profile(days, level, risk), today());
            assert_eq!(r.plan_id, Some(plan), "{days} days, {level:?}, {risk:?}");
            assert_eq!(
                r.postpone_advised, postpone,
                "{days} days, {level:?}, {risk:?}"
            );
            assert_eq!(r.compressed, compressed, "{days} days, {level:?}, {risk:?}");
        }
    }

    /// The seed compared "manager" >= "senior_engineer" as strings, which is
    /// false, and would have sent a manager with 6 weeks to the 12-week plan.
    #[test]
    fn manager_with_six_weeks_gets_the_intensive_plan_not_the_string_order_one() {
        assert!("manager" < "senior_engineer");
        let r = recommend(&profile(42, CurrentLevel::Manager, Risk::Medium), today());
        assert_eq!(r.plan_id, Some(PlanId::Intensive6w));
    }

    /// As strings "principal" >= "manager" and "senior_engineer" >= "manager"
    /// are true; by seniority neither is a manager.
    #[test]
    fn ic_with_long_runway_gets_mastery_not_the_string_order_plan() {
        assert!("principal" >= "manager" && "senior_engineer" >= "manager");
        for level in [CurrentLevel::Principal, CurrentLevel::SeniorEngineer] {
            let r = recommend(&profile(200, level, Risk::Low), today());
            assert_eq!(r.plan_id, Some(PlanId::Mastery6m));
        }
    }

    #[test]
    fn never_recommends_a_plan_longer_than_the_time_left_without_compressing() {
        for days in 0..400 {
            for level in [
                CurrentLevel::Engineer,
                CurrentLevel::SeniorEngineer,
                CurrentLevel::Manager,
            ] {
                let r = recommend(&profile(days, level, Risk::High), today());
                let plan = r.plan_id.unwrap();
                assert_eq!(
                    r.compressed,
                    (days as f64) < f64::from(plan.weeks() * 7),
                    "{days} {level:?}"
                );
                if r.compressed {
                    assert!(r.reasons.iter().any(|s| s.contains("compressed")));
                }
            }
        }
    }

    #[test]
    fn low_risk_with_two_weeks_says_consider_postponing() {
        let r = recommend(
            &profile(10, CurrentLevel::SeniorEngineer, Risk::Low),
            today(),
        );
        assert!(r.postpone_advised);
        assert!(r.reasons.iter().any(|s| s.contains("consider postponing")));
    }

    #[test]
    fn past_interview_gives_no_plan() {
        let mut p = profile(0, CurrentLevel::Manager, Risk::High);
        p.interview_date = today().pred_opt().unwrap();
        assert_eq!(recommend(&p, today()).plan_id, None);
    }

    #[test]
    fn current_manager_on_manager_track_is_told_to_accelerate() {
        let mut p = profile(60, CurrentLevel::Manager, Risk::Low);
        p.track = Track::Manager;
        let r = recommend(&p, today());
        assert_eq!(r.pace, Pace::Accelerate);
        assert!(r.advice[0].starts_with("Accelerate"));
    }

    #[test]
    fn l7_target_below_manager_is_told_to_extend() {
        let mut p = profile(60, CurrentLevel::SeniorEngineer, Risk::Low);
        p.target_level = TargetLevel::L7;
        let r = recommend(&p, today());
        assert_eq!(r.pace, Pace::Extend);
        assert!(r.advice.iter().any(|a| a.contains("L7")));
    }

    #[test]
    fn part_time_hours_below_the_plan_range_say_extend() {
        let mut p = profile(42, CurrentLevel::SeniorEngineer, Risk::Low);
        p.hours_per_week = 5;
        let r = recommend(&p, today());
        assert_eq!(r.pace, Pace::Extend);
        assert!(r.advice.iter().any(|a| a.contains("part-time")));
    }
}
