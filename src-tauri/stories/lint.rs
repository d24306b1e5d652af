//! Story lint: the behavioral red flags from the reference (no numbers,
//! only "we", too much background, too long, no business outcome) checked
//! offline on the draft's text. Each finding names the part it is about and
//! tells the user why it matters and what to change; the checks are simple
//! word counts so their verdicts are predictable and explainable.

use serde::{Deserialize, Serialize};

use super::model::{StarPart, StoryDraft, MAX_PRINCIPLES_PER_STORY};
use super::speaking::{seconds_for_words, standard_timing, targets, AnswerLength};
use super::text::{word_count, words};

/// Most Situation a listener sits through before losing interest.
pub const MAX_BACKGROUND_SECONDS: u32 = 90;

/// Which check produced a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LintCode {
    EmptyPart,
    NoNumber,
    WeOutnumbersI,
    SituationLongerThanAction,
    BackgroundTooLong,
    ResultWithoutImpact,
    TooLongSpoken,
    TooShortSpoken,
    NoPrimaryPrinciple,
    TooManyPrinciples,
}

/// What a finding is about, so the editor can show it beside that field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Target {
    Situation,
    Task,
    Action,
    Result,
    Metrics,
    Principles,
    /// The answer as a whole (its spoken length).
    Story,
}

impl From<StarPart> for Target {
    fn from(part: StarPart) -> Self {
        match part {
            StarPart::Situation => Target::Situation,
            StarPart::Task => Target::Task,
            StarPart::Action => Target::Action,
            StarPart::Result => Target::Result,
        }
    }
}

/// How much a finding weighs: `Major` ones are red flags interviewers
/// name (missing part, no numbers, only "we", too much background);
/// `Minor` ones are polish.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    Major,
    Minor,
}

/// One lint result, ready to show the user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub code: LintCode,
    pub target: Target,
    pub severity: Severity,
    /// Why it matters and what to do, in plain words.
    pub message: String,
}

const WE_WORDS: &[&str] = &[
    "we",
    "our",
    "ours",
    "us",
    "ourselves",
    "we're",
    "we've",
    "we'll",
    "we'd",
];

const I_WORDS: &[&str] = &[
    "i", "my", "me", "mine", "myself", "i'm", "i've", "i'll", "i'd",
];

/// Words that quantify without digits ("halved the cost").
const NUMBER_WORDS: &[&str] = &[
    "half",
    "halved",
    "double",
    "doubled",
    "tripled",
    "quadrupled",
    "twice",
    "dozen",
    "dozens",
    "hundred",
    "hundreds",
    "thousand",
    "thousands",
    "million",
    "millions",
    "billion",
    "billions",
    "percent",
];

/// Words that show a result landed with customers or the business.
const IMPACT_WORDS: &[&str] = &[
    "customer",
    "customers",
    "customer's",
    "client",
    "clients",
    "user",
    "users",
    "buyer",
    "buyers",
    "seller",
    "sellers",
    "revenue",
    "revenues",
    "sales",
    "orders",
    "profit",
    "profits",
    "margin",
    "margins",
    "cost",
    "costs",
    "spend",
    "budget",
    "saving",
    "savings",
    "saved",
    "roi",
    "dollars",
    "million",
    "billion",
    "latency",
    "p99",
    "p95",
    "p50",
    "throughput",
    "availability",
    "uptime",
    "downtime",
    "reliability",
    "outage",
    "outages",
    "incident",
    "incidents",
    "sla",
    "slas",
    "slo",
    "slos",
    "errors",
    "defects",
    "tickets",
    "complaints",
    "adoption",
    "adopted",
    "retention",
    "retained",
    "churn",
    "conversion",
    "conversions",
    "engagement",
    "signups",
    "growth",
    "satisfaction",
    "nps",
    "csat",
    "business",
    "market",
    "percent",
];

/// Symbols that carry money or a rate on their own.
const IMPACT_SYMBOLS: &[char] = &['$', '€', '£', '¥', '%'];

/// Runs every check on `draft` and returns the findings in the order of
/// the form (Situation first, the whole story last). An empty result means
/// the story passes.
pub fn lint(draft: &StoryDraft) -> Vec<Finding> {
    let mut out = Vec::new();
    empty_parts(draft, &mut out);
    no_number(draft, &mut out);
    we_outnumbers_i(draft, &mut out);
    situation_vs_action(draft, &mut out);
    background_too_long(draft, &mut out);
    result_without_impact(draft, &mut out);
    too_long_spoken(draft, &mut out);
    too_short_spoken(draft, &mut out);
    principles(draft, &mut out);
    out.sort_by_key(|f| (f.target, f.code));
    out
}

fn push(out: &mut Vec<Finding>, code: LintCode, target: Target, severity: Severity, msg: String) {
    out.push(Finding {
        code,
        target,
        severity,
        message: msg,
    });
}

fn count_in(text: &str, set: &[&str]) -> usize {
    words(text).filter(|w| set.contains(&w.as_str())).count()
}

fn has_word_in(text: &str, set: &[&str]) -> bool {
    words(text).any(|w| set.contains(&w.as_str()))
}

fn is_blank(text: &str) -> bool {
    text.trim().is_empty()
}

fn times(n: usize) -> String {
    if n == 1 {
        "once".to_owned()
    } else {
        format!("{n} times")
    }
}

fn minutes(seconds: u32) -> String {
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

fn empty_parts(draft: &StoryDraft, out: &mut Vec<Finding>) {
    for part in StarPart::ALL {
        if !is_blank(draft.part(part)) {
            continue;
        }
        let why = match part {
            StarPart::Situation => "Give the interviewer just enough context to follow: where, when, what was at stake.",
            StarPart::Task => "Say what you personally had to achieve or decide; it sets up the bar your actions are judged against.",
            StarPart::Action => "The Action is what the interviewer scores: the steps you took, the decisions you made and why.",
            StarPart::Result => "Without a result the story has no ending; say what changed, with numbers.",
        };
        push(
            out,
            LintCode::EmptyPart,
            part.into(),
            Severity::Major,
            format!("{} is empty. {why}", part.label()),
        );
    }
}

fn no_number(draft: &StoryDraft, out: &mut Vec<Finding>) {
    let quantified =
        |t: &str| t.chars().any(|c| c.is_ascii_digit()) || has_word_in(t, NUMBER_WORDS);
    if quantified(&draft.result) || quantified(&draft.metrics) {
        return;
    }
    push(
        out,
        LintCode::NoNumber,
        Target::Result,
        Severity::Major,
        "No number in the Result or the metrics. \"No numbers\" is a red flag in behavioral \
         rounds: add the figures that prove the outcome (before and after, money, time, \
         percentages, people or systems affected)."
            .into(),
    );
}

fn we_outnumbers_i(draft: &StoryDraft, out: &mut Vec<Finding>) {
    let we = count_in(&draft.action, WE_WORDS);
    let i = count_in(&draft.action, I_WORDS);
    if we <= i {
        return;
    }
    push(
        out,
        LintCode::WeOutnumbersI,
        Target::Action,
        Severity::Major,
        format!(
            "The Action says \"we/our/us\" {} and \"I/my/me\" {}. Interviewers \
             assess what you did; a team story hides your part. Say \"I\" for your own \
             decisions and steps, and name the team only where it acted without you.",
            times(we),
            times(i)
        ),
    );
}

fn situation_vs_action(draft: &StoryDraft, out: &mut Vec<Finding>) {
    let situation = word_count(&draft.situation);
    let action = word_count(&draft.action);
    if action == 0 || situation <= action {
        return;
    }
    push(
        out,
        LintCode::SituationLongerThanAction,
        Target::Situation,
        Severity::Minor,
        format!(
            "The Situation ({situation} words) is longer than the Action ({action} words). \
             Action should be the longest part; cut background to what the listener needs \
             and spend the time on what you did."
        ),
    );
}

fn background_too_long(draft: &StoryDraft, out: &mut Vec<Finding>) {
    let seconds = seconds_for_words(word_count(&draft.situation));
    if seconds <= MAX_BACKGROUND_SECONDS {
        return;
    }
    push(
        out,
        LintCode::BackgroundTooLong,
        Target::Situation,
        Severity::Major,
        format!(
            "The Situation takes about {} to say; more than {} of background loses the \
             interviewer before you reach your part. Keep the stakes and drop the history.",
            minutes(seconds),
            minutes(MAX_BACKGROUND_SECONDS)
        ),
    );
}

fn result_without_impact(draft: &StoryDraft, out: &mut Vec<Finding>) {
    let result = &draft.result;
    if is_blank(result) || result.contains(IMPACT_SYMBOLS) || has_word_in(result, IMPACT_WORDS) {
        return;
    }
    push(
        out,
        LintCode::ResultWithoutImpact,
        Target::Result,
        Severity::Minor,
        "The Result does not come back to the customer or the business. Finish with what \
         changed for them: customers or users, revenue or cost, latency or availability, \
         adoption or retention."
            .into(),
    );
}

fn too_long_spoken(draft: &StoryDraft, out: &mut Vec<Finding>) {
    let report = standard_timing(draft);
    let max = targets(AnswerLength::Standard, draft.scope).total.max;
    if report.total_seconds <= max {
        return;
    }
    let level = draft.scope.label();
    push(
        out,
        LintCode::TooLongSpoken,
        Target::Story,
        Severity::Minor,
        format!(
            "Spoken at {} words a minute this story takes about {}, over the {} of a \
             standard {level} answer. Interviewers want three or four stories in a round; \
             trim the Situation first, and keep detail for the follow-up questions.",
            report.words_per_minute,
            minutes(report.total_seconds),
            minutes(max)
        ),
    );
}

/// A complete story that ends well before the standard answer's length:
/// the same target the editor's timing line shows, so the check and the
/// line never disagree. A story still missing a part is told that first.
fn too_short_spoken(draft: &StoryDraft, out: &mut Vec<Finding>) {
    if !draft.is_complete() {
        return;
    }
    let report = standard_timing(draft);
    let min = report.total_target.min;
    if report.total_seconds >= min {
        return;
    }
    push(
        out,
        LintCode::TooShortSpoken,
        Target::Story,
        Severity::Minor,
        format!(
            "Spoken at {} words a minute this story takes about {}, under the {} to {} of a \
             standard {} answer. Say more about what you did and what came of it: the \
             interviewer scores the Action and the Result.",
            report.words_per_minute,
            minutes(report.total_seconds),
            minutes(min),
            minutes(report.total_target.max),
            report.scope.label(),
        ),
    );
}

fn principles(draft: &StoryDraft, out: &mut Vec<Finding>) {
    if draft.primary.is_none() {
        push(
            out,
            LintCode::NoPrimaryPrinciple,
            Target::Principles,
            Severity::Minor,
            "No primary Leadership Principle. Choose the one this story proves best so it \
             counts in coverage and comes to mind when that principle is asked."
                .into(),
        );
    }
    let n = draft.principles().len();
    if n > MAX_PRINCIPLES_PER_STORY {
        push(
            out,
            LintCode::TooManyPrinciples,
            Target::Principles,
            Severity::Minor,
            format!(
                "This story is tagged with {n} principles; a story usually shows 2-3 well. \
                 One story used for everything is a red flag, and it hides gaps in \
                 coverage. Keep the strongest ones and find other stories for the rest."
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::model::Scope;
    use super::super::principles::Principle;
    use super::*;

    fn filler(n: usize) -> String {
        vec!["word"; n].join(" ")
    }

    /// A story that passes every check, long enough for a standard L6
    /// answer (about 2 min 10 s).
    fn clean() -> StoryDraft {
        StoryDraft {
            title: "Checkout latency".into(),
            situation: "Checkout p99 latency had doubled after a migration.".into(),
            task: "I owned bringing it back under the SLO before peak.".into(),
            action: format!(
                "I profiled the service, found the N+1 query and rewrote it; \
                 I ran a load test and I rolled it out behind a flag. {}",
                filler(270)
            ),
            result: "p99 fell from 900 ms to 250 ms and customer complaints stopped.".into(),
            metrics: "p99 900 -> 250 ms".into(),
            primary: Some(Principle::DiveDeep),
            secondary: vec![Principle::CustomerObsession],
            ..StoryDraft::default()
        }
    }

    fn codes(d: &StoryDraft) -> Vec<LintCode> {
        lint(d).into_iter().map(|f| f.code).collect()
    }

    #[test]
    fn clean_story_has_no_findings() {
        assert_eq!(lint(&clean()), vec![]);
    }

    #[test]
    fn each_empty_star_part_is_reported_on_that_part() {
        let d = StoryDraft {
            task: " \n".into(),
            action: String::new(),
            ..clean()
        };
        let empty: Vec<Target> = lint(&d)
            .into_iter()
            .filter(|f| f.code == LintCode::EmptyPart)
            .map(|f| f.target)
            .collect();
        assert_eq!(empty, vec![Target::Task, Target::Action]);
    }

    #[test]
    fn result_without_any_number_is_reported() {
        let d = StoryDraft {
            result: "Customers were much happier.".into(),
            metrics: String::new(),
            ..clean()
        };
        let f = lint(&d);
        let finding = f.iter().find(|f| f.code == LintCode::NoNumber).unwrap();
        assert_eq!(finding.target, Target::Result);
        assert_eq!(finding.severity, Severity::Major);
    }

    #[test]
    fn a_number_in_metrics_alone_is_enough() {
        let d = StoryDraft {
            result: "Customers were much happier.".into(),
            metrics: "NPS +12".into(),
            ..clean()
        };
        assert!(!codes(&d).contains(&LintCode::NoNumber));
    }

    #[test]
    fn number_words_count_as_numbers() {
        let d = StoryDraft {
            result: "We halved the cost for customers.".into(),
            metrics: String::new(),
            ..clean()
        };
        assert!(!codes(&d).contains(&LintCode::NoNumber));
    }

    #[test]
    fn we_outnumbering_i_in_action_is_reported_with_counts() {
        let d = StoryDraft {
            action: "We designed it, our team built it, they asked us, and I reviewed it.".into(),
            ..clean()
        };
        let f = lint(&d);
        let finding = f
            .iter()
            .find(|f| f.code == LintCode::WeOutnumbersI)
            .unwrap();
        assert_eq!(finding.target, Target::Action);
        assert!(finding.message.contains("3 times"), "{}", finding.message);
        assert!(
            finding.message.contains("\"I/my/me\" once"),
            "{}",
            finding.message
        );
    }

    #[test]
    fn we_count_is_case_insensitive_and_respects_word_boundaries() {
        // "wedge", "user", "Iowa", "mine" (counted as I) – only whole words count.
        let d = StoryDraft {
            action: "WE used a wedge; the user in Iowa said OUR fix was mine. I'm sure.".into(),
            ..clean()
        };
        // we: WE, OUR = 2; I: mine, I'm = 2 -> not reported
        assert!(!codes(&d).contains(&LintCode::WeOutnumbersI));
    }

    #[test]
    fn equal_we_and_i_is_not_reported() {
        let d = StoryDraft {
            action: "We agreed and I built it.".into(),
            ..clean()
        };
        assert!(!codes(&d).contains(&LintCode::WeOutnumbersI));
    }

    #[test]
    fn situation_longer_than_action_is_reported_on_situation() {
        let d = StoryDraft {
            situation: filler(40),
            action: "I fixed it myself.".into(),
            ..clean()
        };
        let f = lint(&d);
        let finding = f
            .iter()
            .find(|f| f.code == LintCode::SituationLongerThanAction)
            .unwrap();
        assert_eq!(finding.target, Target::Situation);
    }

    #[test]
    fn situation_vs_action_is_not_reported_when_action_is_empty() {
        let d = StoryDraft {
            action: String::new(),
            ..clean()
        };
        assert!(!codes(&d).contains(&LintCode::SituationLongerThanAction));
    }

    #[test]
    fn background_over_ninety_seconds_is_reported() {
        // 230 words = 92 s
        let d = StoryDraft {
            situation: filler(230),
            action: format!("I {}", filler(400)),
            ..clean()
        };
        assert!(codes(&d).contains(&LintCode::BackgroundTooLong));
        let ok = StoryDraft {
            situation: filler(225), // 90 s
            ..d
        };
        assert!(!codes(&ok).contains(&LintCode::BackgroundTooLong));
    }

    #[test]
    fn story_over_the_standard_l6_length_is_reported_on_the_whole_story() {
        // 460 words = 184 s > 180 s
        let d = StoryDraft {
            action: format!("I {}", filler(440)),
            ..clean()
        };
        let f = lint(&d);
        let finding = f
            .iter()
            .find(|f| f.code == LintCode::TooLongSpoken)
            .unwrap();
        assert_eq!(finding.target, Target::Story);
        assert!(finding.message.contains("3:00"), "{}", finding.message);
    }

    #[test]
    fn a_complete_story_under_the_standard_length_is_reported_with_the_editors_target() {
        let d = StoryDraft {
            action: "I profiled the service and rewrote the slow query.".into(),
            ..clean()
        };
        let f = lint(&d);
        let finding = f
            .iter()
            .find(|f| f.code == LintCode::TooShortSpoken)
            .expect("a short story is reported");
        assert_eq!(finding.target, Target::Story);
        let target = standard_timing(&d).total_target;
        assert!(
            finding.message.contains(&minutes(target.min)),
            "{}",
            finding.message
        );
        // A story missing a part hears about the part, not its length.
        let partial = StoryDraft {
            result: String::new(),
            ..d
        };
        assert!(!codes(&partial).contains(&LintCode::TooShortSpoken));
    }

    #[test]
    fn same_length_fits_the_longer_l7_standard() {
        let d = StoryDraft {
            action: format!("I {}", filler(440)),
            scope: Scope::L7,
            ..clean()
        };
        assert!(!codes(&d).contains(&LintCode::TooLongSpoken));
    }

    #[test]
    fn result_without_business_or_customer_words_is_reported() {
        let d = StoryDraft {
            result: "The refactor was merged in 3 weeks and the code is cleaner.".into(),
            ..clean()
        };
        let f = lint(&d);
        let finding = f
            .iter()
            .find(|f| f.code == LintCode::ResultWithoutImpact)
            .unwrap();
        assert_eq!(finding.target, Target::Result);
    }

    #[test]
    fn money_or_percent_symbol_counts_as_business_impact() {
        for result in ["Saves $2M a year.", "Build time down 40%."] {
            let d = StoryDraft {
                result: result.into(),
                ..clean()
            };
            assert!(
                !codes(&d).contains(&LintCode::ResultWithoutImpact),
                "{result}"
            );
        }
    }

    #[test]
    fn more_than_three_principles_is_reported() {
        let d = StoryDraft {
            secondary: vec![
                Principle::CustomerObsession,
                Principle::Ownership,
                Principle::ThinkBig,
            ],
            ..clean()
        };
        let f = lint(&d);
        let finding = f
            .iter()
            .find(|f| f.code == LintCode::TooManyPrinciples)
            .unwrap();
        assert_eq!(finding.target, Target::Principles);
        assert!(finding.message.contains("4 principles"));
    }

    #[test]
    fn three_principles_are_fine() {
        let d = StoryDraft {
            secondary: vec![Principle::CustomerObsession, Principle::Ownership],
            ..clean()
        };
        assert!(!codes(&d).contains(&LintCode::TooManyPrinciples));
    }

    #[test]
    fn missing_primary_principle_is_reported() {
        let d = StoryDraft {
            primary: None,
            ..clean()
        };
        assert_eq!(codes(&d), vec![LintCode::NoPrimaryPrinciple]);
    }

    #[test]
    fn findings_follow_the_order_of_the_form() {
        let d = StoryDraft {
            title: "t".into(),
            ..StoryDraft::default()
        };
        let targets: Vec<Target> = lint(&d).into_iter().map(|f| f.target).collect();
        let mut sorted = targets.clone();
        sorted.sort();
        assert_eq!(targets, sorted);
        assert_eq!(targets.first(), Some(&Target::Situation));
    }

    #[test]
    fn every_message_explains_itself() {
        let d = StoryDraft {
            title: "t".into(),
            situation: filler(300),
            action: "we we we".into(),
            result: "done".into(),
            secondary: Principle::all()[..5].to_vec(),
            ..StoryDraft::default()
        };
        let findings = lint(&d);
        assert!(findings.len() >= 6);
        for f in findings {
            assert!(f.message.len() > 60, "{:?}", f);
        }
    }
}
