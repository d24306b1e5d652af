//! How long a story takes to say, part by part, against the reference's
//! targets: the 60-second version, the standard answer (2-3 minutes at L6,
//! 3-4 at L7, with per-part ranges) and the 4-5 minute deep dive. Speaking
//! time is estimated from words at a stated, fixed pace so the figure never
//! depends on who is typing.

use serde::{Deserialize, Serialize};

use super::model::{Scope, StarPart, StoryDraft};
use super::text::word_count;

/// Assumed speaking pace: 150 words a minute, a calm interview pace
/// (conversational English runs about 140-160).
pub const WORDS_PER_MINUTE: u32 = 150;

/// Estimated seconds to say `words` at [`WORDS_PER_MINUTE`], rounded to the
/// nearest second.
pub fn seconds_for_words(words: u32) -> u32 {
    let half_seconds = u64::from(words) * 60 * 2 / u64::from(WORDS_PER_MINUTE);
    u32::try_from(half_seconds.div_ceil(2)).unwrap_or(u32::MAX)
}

/// Which version of the answer is being timed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AnswerLength {
    /// The elevator version: S 15 s, T 10 s, A 25 s, R 10 s. These are
    /// budgets (upper bounds), not ranges, so nothing is "under".
    SixtySecond,
    /// The answer given in a behavioral round, ranges set by level.
    Standard,
    /// The long version for follow-ups: 4-5 minutes, no per-part split.
    DeepDive,
}

/// An inclusive range of seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SecondsRange {
    pub min: u32,
    pub max: u32,
}

impl SecondsRange {
    const fn new(min: u32, max: u32) -> Self {
        SecondsRange { min, max }
    }

    /// Where `seconds` falls against this range.
    pub fn judge(self, seconds: u32) -> Fit {
        Fit::of(seconds, self.min, self.max)
    }
}

/// Where a spoken length falls against its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Fit {
    Under,
    Within,
    Over,
}

impl Fit {
    /// Where `value` falls against the inclusive range `min..=max`.
    pub fn of(value: u32, min: u32, max: u32) -> Fit {
        if value < min {
            Fit::Under
        } else if value > max {
            Fit::Over
        } else {
            Fit::Within
        }
    }
}

/// Targets for one answer length at one level. Parts are `None` where the
/// reference gives no split (the deep dive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Targets {
    pub situation: Option<SecondsRange>,
    pub task: Option<SecondsRange>,
    pub action: Option<SecondsRange>,
    pub result: Option<SecondsRange>,
    pub total: SecondsRange,
}

impl Targets {
    /// The target for one STAR part, if the reference gives one.
    pub fn part(&self, part: StarPart) -> Option<SecondsRange> {
        match part {
            StarPart::Situation => self.situation,
            StarPart::Task => self.task,
            StarPart::Action => self.action,
            StarPart::Result => self.result,
        }
    }
}

/// The reference's targets for `length` at `scope`. Only the standard
/// answer differs by level.
pub fn targets(length: AnswerLength, scope: Scope) -> Targets {
    let r = SecondsRange::new;
    match (length, scope) {
        (AnswerLength::SixtySecond, _) => Targets {
            situation: Some(r(0, 15)),
            task: Some(r(0, 10)),
            action: Some(r(0, 25)),
            result: Some(r(0, 10)),
            total: r(0, 60),
        },
        (AnswerLength::Standard, Scope::L6) => Targets {
            situation: Some(r(30, 45)),
            task: Some(r(20, 30)),
            action: Some(r(60, 90)),
            result: Some(r(30, 45)),
            total: r(120, 180),
        },
        (AnswerLength::Standard, Scope::L7) => Targets {
            situation: Some(r(45, 60)),
            task: Some(r(30, 45)),
            action: Some(r(90, 120)),
            result: Some(r(60, 75)),
            total: r(180, 240),
        },
        (AnswerLength::DeepDive, _) => Targets {
            situation: None,
            task: None,
            action: None,
            result: None,
            total: r(240, 300),
        },
    }
}

/// Spoken length of one STAR part and how it fits its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartTiming {
    pub part: StarPart,
    pub words: u32,
    pub seconds: u32,
    pub target: Option<SecondsRange>,
    pub fit: Option<Fit>,
}

/// The editor's live timing panel: each part, the total, the targets used
/// and the pace assumed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpeakingReport {
    pub words_per_minute: u32,
    pub length: AnswerLength,
    pub scope: Scope,
    /// Situation, Task, Action, Result, in that order.
    pub parts: Vec<PartTiming>,
    pub total_words: u32,
    /// From the total word count, so it may differ by a second or two from
    /// the sum of the rounded part times.
    pub total_seconds: u32,
    pub total_target: SecondsRange,
    pub total_fit: Fit,
}

impl SpeakingReport {
    /// The timing of one part.
    pub fn part(&self, part: StarPart) -> Option<&PartTiming> {
        self.parts.iter().find(|t| t.part == part)
    }
}

/// Times `draft` against the targets of `length` at the draft's own scope.
pub fn timing(draft: &StoryDraft, length: AnswerLength) -> SpeakingReport {
    let t = targets(length, draft.scope);
    let parts: Vec<PartTiming> = StarPart::ALL
        .iter()
        .map(|&part| {
            let words = word_count(draft.part(part));
            let seconds = seconds_for_words(words);
            let target = t.part(part);
            PartTiming {
                part,
                words,
                seconds,
                target,
                fit: target.map(|range| range.judge(seconds)),
            }
        })
        .collect();
    let total_words = parts.iter().map(|p| p.words).sum();
    let total_seconds = seconds_for_words(total_words);
    SpeakingReport {
        words_per_minute: WORDS_PER_MINUTE,
        length,
        scope: draft.scope,
        parts,
        total_words,
        total_seconds,
        total_target: t.total,
        total_fit: t.total.judge(total_seconds),
    }
}

/// Times `draft` against the standard answer for its level, the figure the
/// editor shows by default and the lint checks.
pub fn standard_timing(draft: &StoryDraft) -> SpeakingReport {
    timing(draft, AnswerLength::Standard)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(n: usize) -> String {
        vec!["word"; n].join(" ")
    }

    fn draft(s: usize, t: usize, a: usize, r: usize, scope: Scope) -> StoryDraft {
        StoryDraft {
            title: "t".into(),
            situation: words(s),
            task: words(t),
            action: words(a),
            result: words(r),
            scope,
            ..StoryDraft::default()
        }
    }

    #[test]
    fn one_hundred_fifty_words_take_a_minute() {
        assert_eq!(seconds_for_words(150), 60);
        assert_eq!(seconds_for_words(0), 0);
    }

    #[test]
    fn seconds_round_to_the_nearest_second() {
        // 1 word = 0.4 s, 2 = 0.8 s, 4 = 1.6 s, 5 = 2.0 s
        assert_eq!(seconds_for_words(1), 0);
        assert_eq!(seconds_for_words(2), 1);
        assert_eq!(seconds_for_words(4), 2);
        assert_eq!(seconds_for_words(5), 2);
    }

    #[test]
    fn standard_l6_story_within_every_range_is_within() {
        // 100 words = 40 s, 63 = 25 s, 188 = 75 s, 100 = 40 s
        let report = standard_timing(&draft(100, 63, 188, 100, Scope::L6));
        for p in &report.parts {
            assert_eq!(p.fit, Some(Fit::Within), "{:?}", p);
        }
        assert_eq!(report.total_words, 451);
        assert_eq!(report.total_seconds, 180);
        assert_eq!(report.total_fit, Fit::Within);
        assert_eq!(report.words_per_minute, 150);
    }

    #[test]
    fn short_action_and_long_situation_are_reported_per_part() {
        let report = standard_timing(&draft(150, 60, 50, 90, Scope::L6));
        let fit = |p| report.part(p).and_then(|t| t.fit);
        assert_eq!(fit(StarPart::Situation), Some(Fit::Over));
        assert_eq!(fit(StarPart::Task), Some(Fit::Within));
        assert_eq!(fit(StarPart::Action), Some(Fit::Under));
        assert_eq!(fit(StarPart::Result), Some(Fit::Within));
    }

    #[test]
    fn l7_ranges_are_longer_than_l6() {
        // Result of 40 s is within at L6, under at L7.
        let l6 = standard_timing(&draft(0, 0, 0, 100, Scope::L6));
        let l7 = standard_timing(&draft(0, 0, 0, 100, Scope::L7));
        assert_eq!(l6.part(StarPart::Result).unwrap().fit, Some(Fit::Within));
        assert_eq!(l7.part(StarPart::Result).unwrap().fit, Some(Fit::Under));
        assert_eq!(l7.total_target, SecondsRange { min: 180, max: 240 });
    }

    #[test]
    fn sixty_second_version_only_flags_parts_over_budget() {
        let report = timing(&draft(10, 10, 60, 10, Scope::L6), AnswerLength::SixtySecond);
        let fit = |p| report.part(p).and_then(|t| t.fit);
        assert_eq!(fit(StarPart::Situation), Some(Fit::Within));
        assert_eq!(fit(StarPart::Action), Some(Fit::Within));
        let long = timing(&draft(10, 10, 70, 10, Scope::L6), AnswerLength::SixtySecond);
        assert_eq!(long.part(StarPart::Action).unwrap().fit, Some(Fit::Over));
    }

    #[test]
    fn deep_dive_has_a_total_target_but_no_part_targets() {
        let report = timing(
            &draft(200, 100, 300, 100, Scope::L7),
            AnswerLength::DeepDive,
        );
        assert!(report
            .parts
            .iter()
            .all(|p| p.target.is_none() && p.fit.is_none()));
        assert_eq!(report.total_seconds, 280);
        assert_eq!(report.total_fit, Fit::Within);
    }

    #[test]
    fn empty_story_is_under_the_standard_total() {
        let report = standard_timing(&draft(0, 0, 0, 0, Scope::L6));
        assert_eq!(report.total_seconds, 0);
        assert_eq!(report.total_fit, Fit::Under);
    }

    #[test]
    fn parts_come_in_speaking_order() {
        let report = standard_timing(&draft(1, 2, 3, 4, Scope::L6));
        let order: Vec<StarPart> = report.parts.iter().map(|p| p.part).collect();
        assert_eq!(order, StarPart::ALL.to_vec());
    }
}
