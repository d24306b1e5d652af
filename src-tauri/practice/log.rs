//! The practice log: one dated entry per thing the candidate did. Five kinds
//! are typed in (coding, design, LP study, STAR practice, external mock); two
//! are derived by the caller from other records (story revisions and timer
//! sessions) so nothing is entered twice. Dates are local calendar dates,
//! never instants, which is what makes every aggregation DST-proof.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::error::{Field, PracticeError};

/// Fewest minutes a typed-in session may last.
pub const MIN_MINUTES: u32 = 1;
/// Most minutes one entry may claim: ten hours is already a marathon, more
/// is a typo.
pub const MAX_MINUTES: u32 = 600;
/// Longest problem or design name, in characters.
pub const MAX_NAME_CHARS: usize = 200;
/// A mock verdict runs from 1 (strong no hire) to 5 (strong hire).
pub const MIN_SCORE: f32 = 1.0;
pub const MAX_SCORE: f32 = 5.0;
/// A design counts as *completed* (for the weekly minimum and the
/// `designs-completed` checkpoint) from this completeness on. The seed asks
/// for "complete solution development"; a design abandoned after the
/// requirements is practice, but not a completed design.
pub const DESIGN_COMPLETE_PCT: u8 = 80;

/// Defines a closed set with its kebab-case wire name and a human label, so
/// the CLI (`--pattern sliding-window`), serde and the UI's select all agree.
macro_rules! named_enum {
    (
        $(#[$meta:meta])*
        $name:ident, $what:literal {
            $( $(#[$vmeta:meta])* $variant:ident => $slug:literal, $label:literal; )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "kebab-case")]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The kebab-case wire and command-line name.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $slug),+ }
            }

            /// The name shown to people.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = PracticeError;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                let wanted = s.trim();
                $name::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str().eq_ignore_ascii_case(wanted))
                    .ok_or_else(|| PracticeError::Unknown { what: $what, value: s.to_string() })
            }
        }
    };
}

named_enum! {
    /// The common coding-interview patterns a problem is filed under.
    Pattern, "pattern" {
        ArraysStrings => "arrays-strings", "Arrays and strings";
        TwoPointers => "two-pointers", "Two pointers";
        SlidingWindow => "sliding-window", "Sliding window";
        BinarySearch => "binary-search", "Binary search";
        Bfs => "bfs", "Breadth-first search";
        Dfs => "dfs", "Depth-first search";
        Backtracking => "backtracking", "Backtracking";
        DynamicProgramming => "dynamic-programming", "Dynamic programming";
        Greedy => "greedy", "Greedy";
        Heap => "heap", "Heap / priority queue";
        Graph => "graph", "Graph";
        TopologicalSort => "topological-sort", "Topological sort";
        UnionFind => "union-find", "Union-find";
        Trie => "trie", "Trie";
        Intervals => "intervals", "Intervals";
        LinkedList => "linked-list", "Linked list";
        Tree => "tree", "Tree";
        StackQueue => "stack-queue", "Stack / queue";
        Hashing => "hashing", "Hashing";
        BitManipulation => "bit-manipulation", "Bit manipulation";
        Math => "math", "Math";
        Design => "design", "Data-structure design";
        Other => "other", "Other";
    }
}

named_enum! {
    /// How hard a coding problem was, as the problem sites grade it.
    Difficulty, "difficulty" {
        Easy => "easy", "Easy";
        Medium => "medium", "Medium";
        Hard => "hard", "Hard";
    }
}

named_enum! {
    /// The kind of round an external mock simulated (the loops in
    /// `reference.md`).
    RoundKind, "round kind" {
        Coding => "coding", "Coding";
        SystemDesign => "system-design", "System design";
        Behavioral => "behavioral", "Behavioral";
        BarRaiser => "bar-raiser", "Bar raiser";
        HiringManager => "hiring-manager", "Hiring manager";
        PhoneScreen => "phone-screen", "Technical phone screen";
        FullLoop => "full-loop", "Full loop";
        Other => "other", "Other";
    }
}

named_enum! {
    /// The kind of an entry without its data: for filters, counts and the
    /// command line.
    EntryKind, "entry kind" {
        Coding => "coding", "Coding problem";
        Design => "design", "System design";
        LpStudy => "lp-study", "Leadership Principles study";
        StoryPractice => "story-practice", "STAR story practice";
        ExternalMock => "external-mock", "External mock";
        StoryRefinement => "story-refinement", "Story refinement";
        MockSession => "mock-session", "Mock session";
    }
}

impl EntryKind {
    /// The label inside a sentence ("Log 30 min of STAR story practice"):
    /// an ordinary first word loses its capital; "STAR" and the Leadership
    /// Principles, names wherever they appear, keep theirs.
    pub fn label_in_sentence(self) -> String {
        let label = self.label();
        let first = label.split(' ').next().unwrap_or_default();
        if first.chars().all(char::is_uppercase) || label.starts_with("Leadership Principles") {
            return label.to_string();
        }
        let mut chars = label.chars();
        chars
            .next()
            .map(|c| c.to_lowercase().chain(chars).collect())
            .unwrap_or_default()
    }
}

impl From<crate::timer::RoundKind> for RoundKind {
    /// The kind a timed round counts as on the dashboard's trend: the L7
    /// strategy round is a design round, the L7 leadership rounds are
    /// behavioral ones, a custom round is "other".
    fn from(kind: crate::timer::RoundKind) -> Self {
        use crate::timer::RoundKind as T;
        match kind {
            T::SystemDesign | T::TechnicalStrategy => RoundKind::SystemDesign,
            T::Coding => RoundKind::Coding,
            T::Behavioral | T::Leadership => RoundKind::Behavioral,
            T::BarRaiser => RoundKind::BarRaiser,
            T::PhoneScreen => RoundKind::PhoneScreen,
            T::Loop => RoundKind::FullLoop,
            T::Custom => RoundKind::Other,
        }
    }
}

/// What was practised, with the data its kind needs. Serialised with a
/// `kind` tag beside camelCase fields:
/// `{"kind":"design","name":"URL shortener","minutes":50,"completenessPct":90,"tradeoffs":true}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(
    tag = "kind",
    rename_all = "kebab-case",
    rename_all_fields = "camelCase"
)]
pub enum Activity {
    Coding {
        name: String,
        pattern: Pattern,
        difficulty: Difficulty,
        minutes: u32,
        /// Solved with the optimal complexity, not just solved.
        optimal: bool,
    },
    Design {
        name: String,
        minutes: u32,
        /// How much of the round's checklist the design covered, 0-100.
        completeness_pct: u8,
        /// Trade-offs were discussed explicitly.
        tradeoffs: bool,
    },
    LpStudy {
        minutes: u32,
    },
    /// Saying STAR stories aloud, timed.
    StoryPractice {
        minutes: u32,
    },
    /// A mock run by someone else (a peer, a paid service).
    ExternalMock {
        round: RoundKind,
        /// Overall verdict, 1-5.
        score: u8,
        /// Length of the mock, when known (0 = not recorded).
        #[serde(default)]
        minutes: u32,
    },
    /// Derived from a story revision: one revision, one refinement.
    StoryRefinement {
        /// Time spent, when the editor measured it (0 = not recorded).
        #[serde(default)]
        minutes: u32,
    },
    /// Derived from a finished timer round.
    MockSession {
        /// The weighted overall score, or `None` when the form was skipped.
        score: Option<f32>,
        #[serde(default)]
        minutes: u32,
    },
}

impl Activity {
    pub fn kind(&self) -> EntryKind {
        match self {
            Activity::Coding { .. } => EntryKind::Coding,
            Activity::Design { .. } => EntryKind::Design,
            Activity::LpStudy { .. } => EntryKind::LpStudy,
            Activity::StoryPractice { .. } => EntryKind::StoryPractice,
            Activity::ExternalMock { .. } => EntryKind::ExternalMock,
            Activity::StoryRefinement { .. } => EntryKind::StoryRefinement,
            Activity::MockSession { .. } => EntryKind::MockSession,
        }
    }

    /// Minutes spent; 0 when a derived entry did not record them.
    pub fn minutes(&self) -> u32 {
        match self {
            Activity::Coding { minutes, .. }
            | Activity::Design { minutes, .. }
            | Activity::LpStudy { minutes }
            | Activity::StoryPractice { minutes }
            | Activity::ExternalMock { minutes, .. }
            | Activity::StoryRefinement { minutes }
            | Activity::MockSession { minutes, .. } => *minutes,
        }
    }

    /// The mock verdict on the 1-5 scale, for mocks that were scored.
    pub fn mock_score(&self) -> Option<f32> {
        match self {
            Activity::ExternalMock { score, .. } => Some(f32::from(*score)),
            Activity::MockSession { score, .. } => *score,
            _ => None,
        }
    }

    /// Any mock, scored or not.
    pub fn is_mock(&self) -> bool {
        matches!(
            self,
            Activity::ExternalMock { .. } | Activity::MockSession { .. }
        )
    }

    /// A design that reached [`DESIGN_COMPLETE_PCT`].
    pub fn is_completed_design(&self) -> bool {
        matches!(self, Activity::Design { completeness_pct, .. } if *completeness_pct >= DESIGN_COMPLETE_PCT)
    }

    /// Entries the caller derives from story revisions and timer sessions;
    /// the Log view shows them read-only.
    pub fn is_derived(&self) -> bool {
        matches!(
            self,
            Activity::StoryRefinement { .. } | Activity::MockSession { .. }
        )
    }
}

/// One row of the log: a local calendar date and what was done that day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Entry {
    pub date: NaiveDate,
    #[serde(flatten)]
    pub activity: Activity,
}

impl Entry {
    pub fn new(date: NaiveDate, activity: Activity) -> Self {
        Entry { date, activity }
    }

    /// Checks every field and returns the entry with its name trimmed, or
    /// the first refusal, naming the field. The window and the CLI both call
    /// this, so they refuse exactly the same input.
    pub fn validated(mut self) -> Result<Self, PracticeError> {
        match &mut self.activity {
            Activity::Coding { name, minutes, .. } => {
                *name = checked_name(name)?;
                check_minutes(*minutes, MIN_MINUTES)?;
            }
            Activity::Design {
                name,
                minutes,
                completeness_pct,
                ..
            } => {
                *name = checked_name(name)?;
                check_minutes(*minutes, MIN_MINUTES)?;
                if *completeness_pct > 100 {
                    return Err(out_of_range(
                        Field::CompletenessPct,
                        f64::from(*completeness_pct),
                        0.0,
                        100.0,
                    ));
                }
            }
            Activity::LpStudy { minutes } | Activity::StoryPractice { minutes } => {
                check_minutes(*minutes, MIN_MINUTES)?;
            }
            Activity::ExternalMock { score, minutes, .. } => {
                check_score(f32::from(*score))?;
                check_minutes(*minutes, 0)?;
            }
            Activity::StoryRefinement { minutes } => check_minutes(*minutes, 0)?,
            Activity::MockSession { score, minutes } => {
                if let Some(score) = score {
                    check_score(*score)?;
                }
                check_minutes(*minutes, 0)?;
            }
        }
        Ok(self)
    }
}

fn checked_name(name: &str) -> Result<String, PracticeError> {
    let trimmed = name.trim();
    if trimmed.is_empty() {
        return Err(PracticeError::Required { field: Field::Name });
    }
    let len = trimmed.chars().count();
    if len > MAX_NAME_CHARS {
        return Err(PracticeError::TooLong {
            field: Field::Name,
            len,
            max: MAX_NAME_CHARS,
        });
    }
    Ok(trimmed.to_string())
}

/// Typed-in sessions need at least a minute; derived ones may say 0 for
/// "not recorded".
fn check_minutes(minutes: u32, min: u32) -> Result<(), PracticeError> {
    if (min..=MAX_MINUTES).contains(&minutes) {
        Ok(())
    } else {
        Err(out_of_range(
            Field::Minutes,
            f64::from(minutes),
            f64::from(min),
            f64::from(MAX_MINUTES),
        ))
    }
}

fn check_score(score: f32) -> Result<(), PracticeError> {
    // `contains` is false for NaN, which is what we want.
    if (MIN_SCORE..=MAX_SCORE).contains(&score) {
        Ok(())
    } else {
        Err(out_of_range(
            Field::Score,
            f64::from(score),
            f64::from(MIN_SCORE),
            f64::from(MAX_SCORE),
        ))
    }
}

fn out_of_range(field: Field, value: f64, min: f64, max: f64) -> PracticeError {
    PracticeError::OutOfRange {
        field,
        value,
        min,
        max,
    }
}

/// Mock scores in the order they happened (by date; entries of the same day
/// keep the caller's order), unscored mocks left out.
pub fn mock_scores(entries: &[Entry]) -> Vec<(NaiveDate, f32)> {
    let mut scores: Vec<(NaiveDate, f32)> = entries
        .iter()
        .filter_map(|e| e.activity.mock_score().map(|s| (e.date, s)))
        .collect();
    scores.sort_by_key(|(date, _)| *date);
    scores
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn labels_in_a_sentence_keep_their_names() {
        assert_eq!(
            EntryKind::StoryPractice.label_in_sentence(),
            "STAR story practice"
        );
        assert_eq!(
            EntryKind::LpStudy.label_in_sentence(),
            "Leadership Principles study"
        );
        assert_eq!(EntryKind::Coding.label_in_sentence(), "coding problem");
    }

    pub(crate) fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    pub(crate) fn coding(date: NaiveDate, minutes: u32) -> Entry {
        Entry::new(
            date,
            Activity::Coding {
                name: "Two sum".into(),
                pattern: Pattern::Hashing,
                difficulty: Difficulty::Easy,
                minutes,
                optimal: true,
            },
        )
    }

    pub(crate) fn design(date: NaiveDate, minutes: u32, pct: u8) -> Entry {
        Entry::new(
            date,
            Activity::Design {
                name: "URL shortener".into(),
                minutes,
                completeness_pct: pct,
                tradeoffs: true,
            },
        )
    }

    pub(crate) fn star(date: NaiveDate, minutes: u32) -> Entry {
        Entry::new(date, Activity::StoryPractice { minutes })
    }

    pub(crate) fn lp(date: NaiveDate, minutes: u32) -> Entry {
        Entry::new(date, Activity::LpStudy { minutes })
    }

    pub(crate) fn mock(date: NaiveDate, score: f32) -> Entry {
        Entry::new(
            date,
            Activity::MockSession {
                score: Some(score),
                minutes: 45,
            },
        )
    }

    pub(crate) fn refinement(date: NaiveDate) -> Entry {
        Entry::new(date, Activity::StoryRefinement { minutes: 0 })
    }

    /// A weekday's full daily minimum: 30 STAR, 45 technical, 15 LP.
    pub(crate) fn full_day(date: NaiveDate) -> Vec<Entry> {
        vec![star(date, 30), coding(date, 45), lp(date, 15)]
    }

    #[test]
    fn entry_serialises_with_kind_tag_and_camel_case_fields() {
        let json = serde_json::to_value(design(d(2025, 3, 10), 50, 90)).expect("serialise");
        assert_eq!(
            json,
            serde_json::json!({
                "date": "2025-03-10", "kind": "design", "name": "URL shortener",
                "minutes": 50, "completenessPct": 90, "tradeoffs": true
            })
        );
    }

    #[test]
    fn every_kind_round_trips_through_json() {
        let date = d(2025, 1, 2);
        let entries = vec![
            coding(date, 20),
            design(date, 60, 100),
            lp(date, 15),
            star(date, 30),
            Entry::new(
                date,
                Activity::ExternalMock {
                    round: RoundKind::BarRaiser,
                    score: 4,
                    minutes: 60,
                },
            ),
            refinement(date),
            Entry::new(
                date,
                Activity::MockSession {
                    score: None,
                    minutes: 45,
                },
            ),
            mock(date, 3.5),
        ];
        let json = serde_json::to_string(&entries).expect("serialise");
        let back: Vec<Entry> = serde_json::from_str(&json).expect("deserialise");
        assert_eq!(back, entries);
    }

    #[test]
    fn derived_entries_may_omit_minutes() {
        let e: Entry = serde_json::from_str(r#"{"date":"2025-01-02","kind":"story-refinement"}"#)
            .expect("parse");
        assert_eq!(e.activity, Activity::StoryRefinement { minutes: 0 });
    }

    #[test]
    fn pattern_parses_its_kebab_name_from_the_command_line() {
        assert_eq!(
            "sliding-window".parse::<Pattern>(),
            Ok(Pattern::SlidingWindow)
        );
        assert_eq!(" BFS ".parse::<Pattern>(), Ok(Pattern::Bfs));
        assert_eq!(Pattern::ALL.len(), 23);
        for p in Pattern::ALL {
            let wire = serde_json::to_value(p).expect("serialise");
            assert_eq!(wire, serde_json::Value::String(p.as_str().into()));
        }
    }

    #[test]
    fn unknown_pattern_is_refused_with_its_name() {
        let err = "sorting".parse::<Pattern>().expect_err("unknown");
        assert_eq!(err.to_string(), "unknown pattern \"sorting\"");
    }

    #[test]
    fn validation_trims_the_name() {
        let mut e = coding(d(2025, 1, 2), 20);
        if let Activity::Coding { name, .. } = &mut e.activity {
            *name = "  LRU cache ".into();
        }
        let ok = e.validated().expect("valid");
        assert!(matches!(ok.activity, Activity::Coding { ref name, .. } if name == "LRU cache"));
    }

    #[test]
    fn blank_name_is_required() {
        let mut e = design(d(2025, 1, 2), 20, 50);
        if let Activity::Design { name, .. } = &mut e.activity {
            *name = "   ".into();
        }
        let err = e.validated().expect_err("blank");
        assert_eq!(err, PracticeError::Required { field: Field::Name });
        assert_eq!(err.field(), Some(Field::Name));
    }

    #[test]
    fn name_over_200_characters_is_too_long() {
        let mut e = coding(d(2025, 1, 2), 20);
        if let Activity::Coding { name, .. } = &mut e.activity {
            *name = "é".repeat(201);
        }
        assert_eq!(
            e.validated(),
            Err(PracticeError::TooLong {
                field: Field::Name,
                len: 201,
                max: 200
            })
        );
        let mut e = coding(d(2025, 1, 2), 20);
        if let Activity::Coding { name, .. } = &mut e.activity {
            *name = "é".repeat(200);
        }
        assert!(e.validated().is_ok());
    }

    #[test]
    fn minutes_must_be_1_to_600() {
        for bad in [0, 601] {
            let err = lp(d(2025, 1, 2), bad)
                .validated()
                .expect_err("out of range");
            assert_eq!(err.field(), Some(Field::Minutes));
        }
        assert!(lp(d(2025, 1, 2), 1).validated().is_ok());
        assert!(lp(d(2025, 1, 2), 600).validated().is_ok());
    }

    #[test]
    fn derived_entries_accept_zero_minutes() {
        assert!(refinement(d(2025, 1, 2)).validated().is_ok());
    }

    #[test]
    fn completeness_over_100_is_refused() {
        let err = design(d(2025, 1, 2), 30, 101).validated().expect_err("pct");
        assert_eq!(err.field(), Some(Field::CompletenessPct));
        assert_eq!(
            err.to_string(),
            "completeness (%) must be between 0 and 100, not 101"
        );
    }

    #[test]
    fn mock_scores_outside_1_to_5_are_refused() {
        let ext = |score| {
            Entry::new(
                d(2025, 1, 2),
                Activity::ExternalMock {
                    round: RoundKind::Coding,
                    score,
                    minutes: 45,
                },
            )
        };
        assert_eq!(
            ext(0).validated().expect_err("0").field(),
            Some(Field::Score)
        );
        assert_eq!(
            ext(6).validated().expect_err("6").field(),
            Some(Field::Score)
        );
        assert!(ext(5).validated().is_ok());
        for bad in [0.5, 5.5, f32::NAN] {
            assert_eq!(
                mock(d(2025, 1, 2), bad)
                    .validated()
                    .expect_err("bad")
                    .field(),
                Some(Field::Score)
            );
        }
    }
}
