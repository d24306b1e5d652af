//! Spaced repetition for rehearsal (a story told aloud, or a behavioral
//! question answered) with FSRS, through the `rs-fsrs` crate.
//!
//! Nothing but the history is stored: the schedule is replayed from the
//! rehearsals (calendar date + rating) each time, so the same history always
//! gives the same due date and an edited history needs no migration of
//! derived state. Reviews are placed at midnight UTC of their local date and
//! FSRS runs without its same-day learning steps (the long-term scheduler),
//! so every interval is a whole number of days and every due date is a
//! calendar date.

use chrono::{DateTime, Days, NaiveDate, Utc};
use rs_fsrs::{Card, Parameters, FSRS};
use serde::{Deserialize, Serialize};

use super::error::StoryError;

/// Longest gap between rehearsals. Preparation lasts weeks to months and a
/// story left unspoken for more than a month comes out rusty, so FSRS's
/// intervals stop growing here.
pub const MAX_INTERVAL_DAYS: i32 = 30;

/// How a rehearsal went, FSRS's four grades: again (blanked or rambled),
/// hard (got through with effort), good, easy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Rating {
    Again,
    Hard,
    Good,
    Easy,
}

impl Rating {
    pub const ALL: [Rating; 4] = [Rating::Again, Rating::Hard, Rating::Good, Rating::Easy];

    /// The stored and serialised word.
    pub fn id(self) -> &'static str {
        match self {
            Rating::Again => "again",
            Rating::Hard => "hard",
            Rating::Good => "good",
            Rating::Easy => "easy",
        }
    }

    /// Parses a stored word; anything else is refused.
    pub fn parse(word: &str) -> Result<Rating, StoryError> {
        Rating::ALL
            .into_iter()
            .find(|r| r.id() == word)
            .ok_or_else(|| StoryError::UnknownRating(word.to_string()))
    }

    fn fsrs(self) -> rs_fsrs::Rating {
        match self {
            Rating::Again => rs_fsrs::Rating::Again,
            Rating::Hard => rs_fsrs::Rating::Hard,
            Rating::Good => rs_fsrs::Rating::Good,
            Rating::Easy => rs_fsrs::Rating::Easy,
        }
    }
}

/// One rehearsal: the local calendar date and the self-rating.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rehearsal {
    pub date: NaiveDate,
    pub rating: Rating,
}

/// Where an item stands after its history is replayed.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReviewState {
    pub reviews: u32,
    /// Times it was rated "again" after having been learned.
    pub lapses: u32,
    /// FSRS stability: days until recall probability falls to 90 %.
    pub stability: f64,
    /// FSRS difficulty, 1 (easy) to 10 (hard).
    pub difficulty: f64,
    pub interval_days: i64,
    pub last_rehearsed: Option<NaiveDate>,
    /// `None` until the item has been rehearsed once.
    pub due: Option<NaiveDate>,
}

impl Default for ReviewState {
    fn default() -> Self {
        ReviewState {
            reviews: 0,
            lapses: 0,
            stability: 0.0,
            difficulty: 0.0,
            interval_days: 0,
            last_rehearsed: None,
            due: None,
        }
    }
}

/// FSRS with its published default weights, no fuzz (the same history must
/// give the same date), whole-day steps, and our interval cap.
fn scheduler(maximum_interval: i32) -> FSRS {
    FSRS::new(Parameters {
        enable_short_term: false,
        enable_fuzz: false,
        maximum_interval,
        ..Parameters::default()
    })
}

fn midnight(date: NaiveDate) -> DateTime<Utc> {
    date.and_hms_opt(0, 0, 0)
        .expect("midnight exists")
        .and_utc()
}

/// Replays `history` (any order) and returns the schedule. Several
/// rehearsals on one calendar day count as one, the first listed: saying a
/// story twice in an afternoon is rehearsal, not recall.
pub fn schedule(history: &[Rehearsal]) -> ReviewState {
    replay(history, MAX_INTERVAL_DAYS)
}

fn replay(history: &[Rehearsal], maximum_interval: i32) -> ReviewState {
    let mut runs: Vec<Rehearsal> = history.to_vec();
    runs.sort_by_key(|r| r.date);
    runs.dedup_by_key(|r| r.date);
    let Some(first) = runs.first() else {
        return ReviewState::default();
    };

    let fsrs = scheduler(maximum_interval);
    let start = midnight(first.date);
    let mut card = Card {
        due: start,
        last_review: start,
        ..Card::default()
    };
    let mut state = ReviewState::default();
    for run in runs {
        card = fsrs.next(card, midnight(run.date), run.rating.fsrs()).card;
        state = ReviewState {
            reviews: u32::try_from(card.reps).unwrap_or(0),
            lapses: u32::try_from(card.lapses).unwrap_or(0),
            stability: card.stability,
            difficulty: card.difficulty,
            interval_days: card.scheduled_days.min(i64::from(maximum_interval)),
            last_rehearsed: Some(run.date),
            due: run
                .date
                .checked_add_days(Days::new(
                    card.scheduled_days
                        .clamp(1, i64::from(maximum_interval))
                        .unsigned_abs(),
                ))
                .or(Some(NaiveDate::MAX)),
        };
    }
    state
}

/// An item (story or question) and its rehearsals, as the store hands them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemHistory<Id> {
    pub id: Id,
    pub history: Vec<Rehearsal>,
}

/// One entry of the "due today" queue.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Due<Id> {
    pub id: Id,
    /// `None` for an item never rehearsed.
    pub due: Option<NaiveDate>,
    /// Days past due (0 when due today or new).
    pub days_overdue: i64,
    pub state: ReviewState,
}

/// The items to rehearse on `today`: those due on or before it, oldest due
/// date first (ties: the harder item first, then the order given), followed
/// by at most `new_limit` never-rehearsed items in the order given.
pub fn due_queue<Id: Clone>(
    items: &[ItemHistory<Id>],
    today: NaiveDate,
    new_limit: usize,
) -> Vec<Due<Id>> {
    due_of(
        items.iter().map(|i| (i.id.clone(), schedule(&i.history))),
        today,
        new_limit,
    )
}

/// [`due_queue`] from schedules already replayed (the store keeps one per
/// rehearsed item): the same selection and order.
pub fn due_of<Id>(
    items: impl IntoIterator<Item = (Id, ReviewState)>,
    today: NaiveDate,
    new_limit: usize,
) -> Vec<Due<Id>> {
    let mut due = Vec::new();
    let mut fresh = Vec::new();
    for (id, state) in items {
        match state.due {
            Some(date) if date <= today => due.push(Due {
                id,
                due: Some(date),
                days_overdue: (today - date).num_days(),
                state,
            }),
            Some(_) => {}
            None if fresh.len() < new_limit => fresh.push(Due {
                id,
                due: None,
                days_overdue: 0,
                state,
            }),
            None => {}
        }
    }
    due.sort_by(|a, b| {
        a.due
            .cmp(&b.due)
            .then(b.state.difficulty.total_cmp(&a.state.difficulty))
    });
    due.extend(fresh);
    due
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u64) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 1).unwrap() + Days::new(d)
    }

    fn run(d: u64, rating: Rating) -> Rehearsal {
        Rehearsal {
            date: day(d),
            rating,
        }
    }

    fn round4(x: f64) -> f64 {
        (x * 10_000.0).round() / 10_000.0
    }

    /// FSRS-5's published reference sequence (the one the open-spaced-
    /// repetition implementations test against): with the weights below,
    /// long-term scheduling, each review on its due day, these ratings give
    /// these intervals, stabilities and difficulties. Run through our replay
    /// (dates, dedup, midnight placement) with the interval cap lifted.
    #[test]
    fn replay_matches_the_fsrs_reference_values() {
        const W: [f64; 19] = [
            0.4197, 1.1869, 3.0412, 15.2441, 7.1434, 0.6477, 1.0007, 0.0674, 1.6597, 0.1712,
            1.1178, 2.0225, 0.0904, 0.3025, 2.1214, 0.2498, 2.9466, 0.4891, 0.6468,
        ];
        use Rating::{Again, Good};
        let ratings = [
            Good, Good, Good, Good, Good, Good, Again, Again, Good, Good, Good, Good, Good,
        ];
        let fsrs = FSRS::new(Parameters {
            w: W,
            enable_short_term: false,
            enable_fuzz: false,
            ..Parameters::default()
        });
        let mut card = Card {
            due: midnight(day(0)),
            last_review: midnight(day(0)),
            ..Card::default()
        };
        let mut now = midnight(day(0));
        let (mut intervals, mut stability, mut difficulty) = (vec![], vec![], vec![]);
        for r in ratings {
            card = fsrs.next(card, now, r.fsrs()).card;
            intervals.push(card.scheduled_days);
            stability.push(round4(card.stability));
            difficulty.push(round4(card.difficulty));
            now = card.due;
        }
        assert_eq!(
            intervals,
            [3, 13, 48, 155, 445, 1158, 17, 3, 9, 27, 74, 190, 457]
        );
        assert_eq!(
            stability,
            [
                3.0412, 13.0913, 48.1585, 154.9373, 445.0556, 1158.0778, 16.6306, 2.9888, 9.4633,
                26.9474, 73.9723, 189.7037, 457.4379
            ]
        );
        assert_eq!(
            difficulty,
            [
                4.4909, 4.2666, 4.0575, 3.8624, 3.6804, 3.5108, 5.219, 6.8122, 6.4314, 6.0763,
                5.7452, 5.4363, 5.1483
            ]
        );
    }

    #[test]
    fn default_weights_give_the_published_first_intervals() {
        // FSRS-5 default initial stabilities: again 0.41, hard 1.18,
        // good 3.13, easy 15.47 days; rounded, at least one day, and the
        // long-term scheduler keeps hard < good < easy, so hard becomes 2.
        let first = |r| replay(&[run(0, r)], 36_500).interval_days;
        assert_eq!(first(Rating::Again), 1);
        assert_eq!(first(Rating::Hard), 2);
        assert_eq!(first(Rating::Good), 3);
        assert_eq!(first(Rating::Easy), 15);
    }

    #[test]
    fn never_rehearsed_item_has_no_due_date() {
        assert_eq!(schedule(&[]), ReviewState::default());
    }

    #[test]
    fn due_date_is_the_rehearsal_date_plus_the_interval() {
        let s = schedule(&[run(0, Rating::Good)]);
        assert_eq!(s.due, Some(day(3)));
        assert_eq!(s.last_rehearsed, Some(day(0)));
        let s = schedule(&[run(0, Rating::Good), run(3, Rating::Good)]);
        // Stability 11.4 days after the second good review.
        assert_eq!(s.interval_days, 11);
        assert_eq!(s.due, Some(day(3 + 11)));
    }

    #[test]
    fn again_brings_the_item_back_soon_and_counts_a_lapse() {
        let s = schedule(&[
            run(0, Rating::Good),
            run(3, Rating::Good),
            run(16, Rating::Again),
        ]);
        // Stability falls from 11.4 to 2.4 days; difficulty rises.
        assert_eq!(s.due, Some(day(18)));
        assert!(s.stability < 3.0 && s.difficulty > 7.0, "{s:?}");
        assert_eq!(s.lapses, 1);
        assert_eq!(s.reviews, 3);
    }

    #[test]
    fn better_ratings_never_give_shorter_intervals() {
        let base = [run(0, Rating::Good), run(3, Rating::Good)];
        let next = |r| {
            let mut h = base.to_vec();
            h.push(run(16, r));
            schedule(&h).interval_days
        };
        let i: Vec<i64> = Rating::ALL.into_iter().map(next).collect();
        assert!(i.windows(2).all(|w| w[0] <= w[1]), "{i:?}");
        assert!(i[0] < i[3], "{i:?}");
    }

    #[test]
    fn intervals_stop_at_thirty_days() {
        let history: Vec<Rehearsal> = (0..8).map(|k| run(k * 40, Rating::Easy)).collect();
        let s = schedule(&history);
        assert_eq!(s.interval_days, 30);
        assert_eq!(s.due, Some(day(7 * 40 + 30)));
    }

    #[test]
    fn history_order_does_not_change_the_schedule() {
        let a = [
            run(0, Rating::Good),
            run(3, Rating::Hard),
            run(9, Rating::Easy),
        ];
        let b = [a[2], a[0], a[1]];
        assert_eq!(schedule(&a), schedule(&b));
    }

    #[test]
    fn only_the_first_rehearsal_of_a_day_counts() {
        let once = schedule(&[run(0, Rating::Again)]);
        let twice = schedule(&[run(0, Rating::Again), run(0, Rating::Easy)]);
        assert_eq!(once, twice);
    }

    #[test]
    fn ratings_parse_from_their_words_only() {
        for r in Rating::ALL {
            assert_eq!(Rating::parse(r.id()), Ok(r));
            assert_eq!(serde_json::to_value(r).unwrap(), r.id());
        }
        assert_eq!(
            Rating::parse("great"),
            Err(StoryError::UnknownRating("great".into()))
        );
    }

    fn item(id: &'static str, history: Vec<Rehearsal>) -> ItemHistory<&'static str> {
        ItemHistory { id, history }
    }

    #[test]
    fn queue_lists_due_items_oldest_first_and_skips_future_ones() {
        let items = [
            item("later", vec![run(10, Rating::Easy)]),
            item("recent", vec![run(8, Rating::Again)]),
            item("old", vec![run(2, Rating::Again)]),
        ];
        let q = due_queue(&items, day(10), 0);
        let ids: Vec<_> = q.iter().map(|d| d.id).collect();
        assert_eq!(ids, ["old", "recent"]);
        assert_eq!(q[0].days_overdue, 7);
        assert_eq!(q[1].days_overdue, 1);
    }

    #[test]
    fn queue_puts_the_harder_item_first_on_the_same_day() {
        let items = [
            item("easier", vec![run(0, Rating::Good), run(3, Rating::Good)]),
            item("harder", vec![run(0, Rating::Hard), run(3, Rating::Hard)]),
        ];
        // Both reviewed on day 3; ask on a day both are due.
        let q = due_queue(&items, day(60), 0);
        let ids: Vec<_> = q.iter().map(|d| d.id).collect();
        assert_eq!(ids.len(), 2);
        if q[0].due == q[1].due {
            assert_eq!(ids, ["harder", "easier"]);
        } else {
            assert!(q[0].due < q[1].due);
        }
    }

    #[test]
    fn new_items_follow_due_ones_up_to_the_limit() {
        let items = [
            item("new-a", vec![]),
            item("due", vec![run(0, Rating::Again)]),
            item("new-b", vec![]),
            item("new-c", vec![]),
        ];
        let ids = |limit| -> Vec<&str> {
            due_queue(&items, day(5), limit)
                .iter()
                .map(|d| d.id)
                .collect()
        };
        assert_eq!(ids(0), ["due"]);
        assert_eq!(ids(2), ["due", "new-a", "new-b"]);
    }
}
