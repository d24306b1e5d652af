//! Spaced repetition for story practice: a small SM-2 scheduler over calendar
//! dates. The state is never stored; it is replayed from the practice
//! history (date + self-rating 1-5) each time, so the history is the single
//! source of truth and the same history always gives the same due date.
//! Ease is kept in thousandths so the arithmetic is exact integers.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::error::StoryError;

/// Ease a story starts with (2.5, as in SM-2), in thousandths.
pub const START_EASE: u32 = 2_500;
/// Lowest ease (1.3, as in SM-2), in thousandths.
pub const MIN_EASE: u32 = 1_300;
/// Longest gap between rehearsals. Preparation lasts weeks to months, and a
/// story left unspoken for more than a month comes out rusty, so intervals
/// stop growing here.
pub const MAX_INTERVAL_DAYS: u32 = 30;

/// How a practice run went, 1 to 5: 1 blanked, 2 struggled badly, 3 got
/// through with effort, 4 good, 5 easy. 3 and above count as recalled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Rating(u8);

impl Rating {
    /// A rating from 1 to 5; anything else is refused.
    pub fn new(value: u8) -> Result<Rating, StoryError> {
        if (1..=5).contains(&value) {
            Ok(Rating(value))
        } else {
            Err(StoryError::RatingOutOfRange(value))
        }
    }

    pub fn value(self) -> u8 {
        self.0
    }

    /// A word for the rating buttons.
    pub fn label(self) -> &'static str {
        match self.0 {
            1 => "blank",
            2 => "again",
            3 => "hard",
            4 => "good",
            _ => "easy",
        }
    }

    /// Whether the story was delivered well enough to lengthen the gap.
    pub fn is_pass(self) -> bool {
        self.0 >= 3
    }

    /// SM-2's ease change for this rating, in thousandths:
    /// 5 → +100, 4 → 0, 3 → −140, 2 → −320, 1 → −540.
    fn ease_delta(self) -> i64 {
        let miss = 5 - i64::from(self.0);
        100 - miss * (80 + miss * 20)
    }
}

impl TryFrom<u8> for Rating {
    type Error = StoryError;

    fn try_from(value: u8) -> Result<Self, Self::Error> {
        Rating::new(value)
    }
}

impl From<Rating> for u8 {
    fn from(r: Rating) -> u8 {
        r.0
    }
}

/// One practice run of a story.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Practice {
    pub date: NaiveDate,
    pub rating: Rating,
}

/// Where a story stands after its history is replayed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewState {
    /// Passes in a row since the last failure.
    pub repetitions: u32,
    /// Days from the last practice to the next.
    pub interval_days: u32,
    /// Ease factor in thousandths (2500 = 2.5).
    pub ease_milli: u32,
    pub last_practiced: Option<NaiveDate>,
    /// `None` until the story has been practiced once.
    pub due: Option<NaiveDate>,
}

impl Default for ReviewState {
    fn default() -> Self {
        ReviewState {
            repetitions: 0,
            interval_days: 0,
            ease_milli: START_EASE,
            last_practiced: None,
            due: None,
        }
    }
}

/// Replays `history` (any order) and returns the story's schedule. Several
/// runs on one calendar day count as one, the first listed: later runs that
/// day are rehearsal, not recall.
pub fn schedule(history: &[Practice]) -> ReviewState {
    let mut runs: Vec<Practice> = history.to_vec();
    runs.sort_by_key(|p| p.date);
    runs.dedup_by_key(|p| p.date);

    let mut state = ReviewState::default();
    for run in runs {
        if run.rating.is_pass() {
            state.interval_days = match state.repetitions {
                0 => 1,
                1 => 6,
                _ => {
                    let grown = u64::from(state.interval_days) * u64::from(state.ease_milli);
                    u32::try_from(grown.saturating_add(500) / 1000).unwrap_or(u32::MAX)
                }
            };
            state.repetitions += 1;
        } else {
            state.repetitions = 0;
            state.interval_days = 1;
        }
        state.interval_days = state.interval_days.min(MAX_INTERVAL_DAYS);
        let ease = i64::from(state.ease_milli) + run.rating.ease_delta();
        state.ease_milli = u32::try_from(ease.max(i64::from(MIN_EASE))).unwrap_or(MIN_EASE);
        state.last_practiced = Some(run.date);
        state.due = Some(
            run.date
                .checked_add_days(Days::new(u64::from(state.interval_days)))
                .unwrap_or(NaiveDate::MAX),
        );
    }
    state
}

/// The next date `history` says the story should be practiced, or `None`
/// if it never has been.
pub fn next_due(history: &[Practice]) -> Option<NaiveDate> {
    schedule(history).due
}

/// A story and its practice history, as the store hands them over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoryHistory<Id> {
    pub id: Id,
    pub history: Vec<Practice>,
}

/// One entry of the "due today" queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DueStory<Id> {
    pub id: Id,
    /// `None` for a story never practiced.
    pub due: Option<NaiveDate>,
    /// Days past due (0 when due today; 0 for a new story).
    pub days_overdue: i64,
    pub state: ReviewState,
}

/// The stories to practice on `today`: those due on or before it, oldest
/// due date first (ties: lower ease first, then the order given), followed,
/// if `include_new`, by never-practiced stories in the order given.
pub fn due_queue<Id: Clone>(
    stories: &[StoryHistory<Id>],
    today: NaiveDate,
    include_new: bool,
) -> Vec<DueStory<Id>> {
    let mut due = Vec::new();
    let mut fresh = Vec::new();
    for story in stories {
        let state = schedule(&story.history);
        match state.due {
            Some(date) if date <= today => due.push(DueStory {
                id: story.id.clone(),
                due: Some(date),
                days_overdue: (today - date).num_days(),
                state,
            }),
            Some(_) => {}
            None if include_new => fresh.push(DueStory {
                id: story.id.clone(),
                due: None,
                days_overdue: 0,
                state,
            }),
            None => {}
        }
    }
    due.sort_by_key(|d| (d.due, d.state.ease_milli));
    due.extend(fresh);
    due
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 1).unwrap() + Days::new(u64::from(d))
    }

    fn run(d: u32, rating: u8) -> Practice {
        Practice {
            date: day(d),
            rating: Rating::new(rating).unwrap(),
        }
    }

    #[test]
    fn never_practiced_story_has_no_due_date() {
        let s = schedule(&[]);
        assert_eq!(s, ReviewState::default());
        assert_eq!(next_due(&[]), None);
    }

    #[test]
    fn first_good_practice_is_due_the_next_day() {
        assert_eq!(next_due(&[run(0, 4)]), Some(day(1)));
    }

    #[test]
    fn second_pass_waits_six_days() {
        assert_eq!(next_due(&[run(0, 4), run(1, 4)]), Some(day(7)));
    }

    #[test]
    fn third_pass_multiplies_the_interval_by_the_ease() {
        // good keeps ease at 2.5: 6 × 2.5 = 15
        let s = schedule(&[run(0, 4), run(1, 4), run(7, 4)]);
        assert_eq!(s.interval_days, 15);
        assert_eq!(s.due, Some(day(22)));
        assert_eq!(s.ease_milli, 2_500);
    }

    #[test]
    fn easy_ratings_raise_the_ease_and_lengthen_the_gap() {
        // ease 2.6 → 2.7 before the third run: 6 × 2.7 = 16.2 → 16
        let s = schedule(&[run(0, 5), run(1, 5), run(7, 5)]);
        assert_eq!(s.interval_days, 16);
        assert_eq!(s.ease_milli, 2_800);
    }

    #[test]
    fn hard_rating_passes_but_lowers_the_ease() {
        let s = schedule(&[run(0, 3)]);
        assert_eq!(s.repetitions, 1);
        assert_eq!(s.ease_milli, 2_360);
    }

    #[test]
    fn failed_practice_resets_to_one_day() {
        let s = schedule(&[run(0, 4), run(1, 4), run(7, 4), run(22, 2)]);
        assert_eq!(s.repetitions, 0);
        assert_eq!(s.interval_days, 1);
        assert_eq!(s.due, Some(day(23)));
        assert_eq!(s.ease_milli, 2_180);
    }

    #[test]
    fn ease_never_drops_below_the_floor() {
        let history: Vec<Practice> = (0..10).map(|d| run(d, 1)).collect();
        assert_eq!(schedule(&history).ease_milli, MIN_EASE);
    }

    #[test]
    fn interval_is_capped_at_thirty_days() {
        let mut history = Vec::new();
        let mut d = 0;
        for _ in 0..8 {
            history.push(run(d, 5));
            d = (next_due(&history).unwrap() - day(0)).num_days() as u32;
        }
        let s = schedule(&history);
        assert_eq!(s.interval_days, MAX_INTERVAL_DAYS);
    }

    #[test]
    fn history_order_does_not_change_the_schedule() {
        let sorted = [run(0, 4), run(1, 3), run(7, 5)];
        let shuffled = [run(7, 5), run(0, 4), run(1, 3)];
        assert_eq!(schedule(&sorted), schedule(&shuffled));
    }

    #[test]
    fn only_the_first_run_of_a_day_counts() {
        let crammed = schedule(&[run(0, 2), run(0, 5), run(0, 5)]);
        let single = schedule(&[run(0, 2)]);
        assert_eq!(crammed, single);
    }

    #[test]
    fn rating_outside_one_to_five_is_refused() {
        assert_eq!(Rating::new(0), Err(StoryError::RatingOutOfRange(0)));
        assert_eq!(Rating::new(6), Err(StoryError::RatingOutOfRange(6)));
        assert!(serde_json::from_str::<Rating>("6").is_err());
        assert_eq!(serde_json::from_str::<Rating>("3").unwrap().value(), 3);
    }

    #[test]
    fn practice_serialises_with_iso_date_and_numeric_rating() {
        let json = serde_json::to_string(&run(0, 4)).unwrap();
        assert_eq!(json, r#"{"date":"2026-03-01","rating":4}"#);
    }

    fn story(id: &'static str, history: Vec<Practice>) -> StoryHistory<&'static str> {
        StoryHistory { id, history }
    }

    #[test]
    fn due_queue_lists_due_stories_oldest_first_and_skips_future_ones() {
        let stories = [
            story("later", vec![run(0, 4), run(1, 4)]), // due day 7
            story("oldest", vec![run(0, 4)]),           // due day 1
            story("today", vec![run(4, 4)]),            // due day 5
            story("future", vec![run(5, 4)]),           // due day 6
        ];
        let q = due_queue(&stories, day(5), false);
        let ids: Vec<&str> = q.iter().map(|d| d.id).collect();
        assert_eq!(ids, vec!["oldest", "today"]);
        assert_eq!(q[0].days_overdue, 4);
        assert_eq!(q[1].days_overdue, 0);
    }

    #[test]
    fn due_queue_puts_harder_stories_first_on_the_same_day() {
        let stories = [
            story("easy", vec![run(0, 5)]),
            story("hard", vec![run(0, 3)]),
        ];
        let ids: Vec<&str> = due_queue(&stories, day(1), false)
            .iter()
            .map(|d| d.id)
            .collect();
        assert_eq!(ids, vec!["hard", "easy"]);
    }

    #[test]
    fn new_stories_follow_due_ones_only_when_asked() {
        let stories = [story("new", vec![]), story("due", vec![run(0, 4)])];
        let without: Vec<&str> = due_queue(&stories, day(1), false)
            .iter()
            .map(|d| d.id)
            .collect();
        assert_eq!(without, vec!["due"]);
        let with = due_queue(&stories, day(1), true);
        let ids: Vec<&str> = with.iter().map(|d| d.id).collect();
        assert_eq!(ids, vec!["due", "new"]);
        assert_eq!(with[1].due, None);
    }
}
