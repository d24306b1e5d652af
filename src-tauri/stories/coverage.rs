//! Leadership Principle coverage across the story bank: a 16 × stories
//! matrix, the count per principle against a user-adjustable minimum, the
//! gaps, the bank's size against the level's target (L6 15-20, L7 20-25)
//! and the stories that claim too many principles. Generic over the story
//! id so the store can pass whatever id it keeps.

use serde::{Deserialize, Serialize};

use super::model::{Scope, MAX_PRINCIPLES_PER_STORY};
use super::principles::Principle;
use super::speaking::Fit;

/// Default minimum number of stories per principle.
pub const DEFAULT_MIN_PER_PRINCIPLE: u32 = 2;

/// The part of a story coverage needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoryPrinciples<Id> {
    pub id: Id,
    pub primary: Option<Principle>,
    pub secondary: Vec<Principle>,
}

/// How a story relates to a principle in the matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Mark {
    None,
    Primary,
    Secondary,
}

/// One principle's row of the matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrincipleRow {
    pub principle: Principle,
    /// One mark per story, aligned with `Coverage::story_ids`.
    pub cells: Vec<Mark>,
    /// Stories showing this principle, as primary or secondary.
    pub count: u32,
    /// Of those, the stories where it is primary.
    pub primary_count: u32,
    /// `count` is below the minimum.
    pub gap: bool,
    /// The reference stresses this principle at the bank's level.
    pub stressed: bool,
}

/// The bank's size against the reference's target for the level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct BankSize {
    pub stories: u32,
    pub target_min: u32,
    pub target_max: u32,
    pub fit: Fit,
}

/// The whole coverage picture, for the matrix view and `coverage --json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coverage<Id> {
    pub scope: Scope,
    pub min_per_principle: u32,
    /// Column order of the matrix: the stories in the order given.
    pub story_ids: Vec<Id>,
    /// All 16 principles, in the official order.
    pub rows: Vec<PrincipleRow>,
    /// Principles under the minimum, in the official order.
    pub gaps: Vec<Principle>,
    pub bank: BankSize,
    /// Stories with more than [`MAX_PRINCIPLES_PER_STORY`] principles.
    pub overloaded: Vec<Id>,
    /// That limit, for the window's words about it.
    pub max_principles_per_story: usize,
    /// Whether `story_ids` and the rows' `cells` are filled: the window
    /// leaves them out for a bank larger than [`MATRIX_MAX_STORIES`].
    pub matrix: bool,
}

/// The largest bank the window shows story by story. Past it the matrix
/// is a table hundreds of columns wide that no one reads, and a reply of
/// tens of kilobytes; the counts per principle say what matters.
pub const MATRIX_MAX_STORIES: usize = 40;

impl<Id> Coverage<Id> {
    /// The coverage as the window shows it: without the story-by-story
    /// matrix when the bank is larger than [`MATRIX_MAX_STORIES`]. The
    /// counts, gaps and warnings stay.
    pub fn for_window(mut self) -> Self {
        if self.story_ids.len() > MATRIX_MAX_STORIES {
            self.story_ids.clear();
            for row in &mut self.rows {
                row.cells.clear();
            }
            self.matrix = false;
        }
        self
    }
}

/// The reference's bank-size target for a level, as (min, max) stories.
pub fn bank_target(scope: Scope) -> (u32, u32) {
    match scope {
        Scope::L6 => (15, 20),
        Scope::L7 => (20, 25),
    }
}

fn mark(story: &StoryPrinciples<impl Sized>, principle: Principle) -> Mark {
    if story.primary == Some(principle) {
        Mark::Primary
    } else if story.secondary.contains(&principle) {
        Mark::Secondary
    } else {
        Mark::None
    }
}

fn distinct_principles(story: &StoryPrinciples<impl Sized>) -> usize {
    Principle::all()
        .iter()
        .filter(|p| mark(story, **p) != Mark::None)
        .count()
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Computes coverage for `stories` at `scope` with `min_per_principle`
/// stories wanted per principle. A story counts once per principle even if
/// it lists it twice.
pub fn coverage<Id: Clone>(
    stories: &[StoryPrinciples<Id>],
    scope: Scope,
    min_per_principle: u32,
) -> Coverage<Id> {
    let rows: Vec<PrincipleRow> = Principle::all()
        .iter()
        .map(|&principle| {
            let cells: Vec<Mark> = stories.iter().map(|s| mark(s, principle)).collect();
            let count = to_u32(cells.iter().filter(|m| **m != Mark::None).count());
            let primary_count = to_u32(cells.iter().filter(|m| **m == Mark::Primary).count());
            PrincipleRow {
                principle,
                cells,
                count,
                primary_count,
                gap: count < min_per_principle,
                stressed: principle.is_stressed_for(scope.focus()),
            }
        })
        .collect();
    let gaps = rows.iter().filter(|r| r.gap).map(|r| r.principle).collect();
    let (target_min, target_max) = bank_target(scope);
    let size = to_u32(stories.len());
    let overloaded = stories
        .iter()
        .filter(|s| distinct_principles(s) > MAX_PRINCIPLES_PER_STORY)
        .map(|s| s.id.clone())
        .collect();
    Coverage {
        scope,
        min_per_principle,
        story_ids: stories.iter().map(|s| s.id.clone()).collect(),
        rows,
        gaps,
        bank: BankSize {
            stories: size,
            target_min,
            target_max,
            fit: Fit::of(size, target_min, target_max),
        },
        overloaded,
        max_principles_per_story: MAX_PRINCIPLES_PER_STORY,
        matrix: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Principle::*;

    fn story(id: u32, primary: Option<Principle>, secondary: &[Principle]) -> StoryPrinciples<u32> {
        StoryPrinciples {
            id,
            primary,
            secondary: secondary.to_vec(),
        }
    }

    fn row(c: &Coverage<u32>, p: Principle) -> &PrincipleRow {
        &c.rows[usize::from(p.number() - 1)]
    }

    #[test]
    fn empty_bank_has_every_principle_as_a_gap() {
        let c = coverage::<u32>(&[], Scope::L6, DEFAULT_MIN_PER_PRINCIPLE);
        assert_eq!(c.rows.len(), 16);
        assert_eq!(c.gaps.len(), 16);
        assert_eq!(c.bank.fit, Fit::Under);
    }

    #[test]
    fn matrix_marks_primary_and_secondary_per_story_column() {
        let c = coverage(
            &[
                story(7, Some(Ownership), &[DiveDeep]),
                story(9, Some(DiveDeep), &[]),
            ],
            Scope::L6,
            2,
        );
        assert_eq!(c.story_ids, vec![7, 9]);
        assert_eq!(row(&c, Ownership).cells, vec![Mark::Primary, Mark::None]);
        assert_eq!(
            row(&c, DiveDeep).cells,
            vec![Mark::Secondary, Mark::Primary]
        );
        assert_eq!(row(&c, DiveDeep).count, 2);
        assert_eq!(row(&c, DiveDeep).primary_count, 1);
    }

    #[test]
    fn principles_under_the_minimum_are_gaps_in_official_order() {
        let mut bank = Vec::new();
        for (i, p) in Principle::all().iter().enumerate() {
            let id = u32::try_from(i).unwrap();
            bank.push(story(id * 2, Some(*p), &[]));
            if *p != Frugality && *p != CustomerObsession {
                bank.push(story(id * 2 + 1, Some(*p), &[]));
            }
        }
        let c = coverage(&bank, Scope::L7, 2);
        assert_eq!(c.gaps, vec![CustomerObsession, Frugality]);
        assert!(row(&c, Frugality).gap);
        assert!(!row(&c, Ownership).gap);
    }

    #[test]
    fn minimum_is_adjustable() {
        let bank = [story(1, Some(Ownership), &[])];
        let c = coverage(&bank, Scope::L6, 1);
        assert!(!c.gaps.contains(&Ownership));
        let c0 = coverage(&bank, Scope::L6, 0);
        assert!(c0.gaps.is_empty());
    }

    #[test]
    fn a_principle_listed_twice_in_one_story_counts_once() {
        let c = coverage(
            &[story(1, Some(Ownership), &[Ownership, DiveDeep, DiveDeep])],
            Scope::L6,
            2,
        );
        assert_eq!(row(&c, Ownership).count, 1);
        assert_eq!(row(&c, Ownership).cells, vec![Mark::Primary]);
        assert_eq!(row(&c, DiveDeep).count, 1);
    }

    #[test]
    fn bank_size_is_judged_against_the_level_target() {
        let bank: Vec<_> = (0..18).map(|i| story(i, None, &[])).collect();
        let l6 = coverage(&bank, Scope::L6, 2);
        assert_eq!(
            l6.bank,
            BankSize {
                stories: 18,
                target_min: 15,
                target_max: 20,
                fit: Fit::Within
            }
        );
        let l7 = coverage(&bank, Scope::L7, 2);
        assert_eq!(l7.bank.fit, Fit::Under);
        let big: Vec<_> = (0..26).map(|i| story(i, None, &[])).collect();
        assert_eq!(coverage(&big, Scope::L7, 2).bank.fit, Fit::Over);
    }

    #[test]
    fn stories_with_more_than_three_principles_are_listed_as_overloaded() {
        let c = coverage(
            &[
                story(1, Some(Ownership), &[DiveDeep, ThinkBig]),
                story(2, Some(Ownership), &[DiveDeep, ThinkBig, EarnTrust]),
                story(3, None, &[DiveDeep, ThinkBig, EarnTrust, Frugality]),
            ],
            Scope::L6,
            2,
        );
        assert_eq!(c.overloaded, vec![2, 3]);
        // The window words its warning with the limit the rule used.
        assert_eq!(c.max_principles_per_story, 3);
    }

    #[test]
    fn rows_flag_principles_stressed_at_the_level() {
        let l6 = coverage::<u32>(&[], Scope::L6, 2);
        assert!(row(&l6, HireAndDevelopTheBest).stressed);
        assert!(!row(&l6, ThinkBig).stressed);
        let l7 = coverage::<u32>(&[], Scope::L7, 2);
        assert!(row(&l7, ThinkBig).stressed);
    }

    #[test]
    fn coverage_serialises_with_kebab_marks_and_string_ids() {
        let c = coverage(
            &[StoryPrinciples {
                id: "0190-abc".to_string(),
                primary: Some(EarnTrust),
                secondary: vec![],
            }],
            Scope::L6,
            2,
        );
        let json = serde_json::to_value(&c).unwrap();
        assert_eq!(json["story_ids"][0], "0190-abc");
        assert_eq!(json["rows"][10]["principle"], "earn-trust");
        assert_eq!(json["rows"][10]["cells"][0], "primary");
        assert_eq!(json["bank"]["fit"], "under");
    }

    #[test]
    fn the_window_drops_the_matrix_past_forty_stories_and_keeps_the_counts() {
        let bank = |n: u32| -> Vec<StoryPrinciples<u32>> {
            (0..n)
                .map(|i| story(i, Some(Ownership), &[DiveDeep]))
                .collect()
        };
        let small = coverage(&bank(40), Scope::L6, 2).for_window();
        assert!(small.matrix);
        assert_eq!(small.story_ids.len(), 40);
        assert_eq!(row(&small, Ownership).cells.len(), 40);

        let large = coverage(&bank(41), Scope::L6, 2).for_window();
        assert!(!large.matrix);
        assert!(large.story_ids.is_empty());
        assert!(large.rows.iter().all(|r| r.cells.is_empty()));
        assert_eq!(row(&large, Ownership).count, 41);
        assert_eq!(row(&large, Ownership).primary_count, 41);
        assert_eq!(row(&large, DiveDeep).count, 41);
        assert_eq!(large.gaps, coverage(&bank(41), Scope::L6, 2).gaps);
        assert_eq!(large.bank.stories, 41);
    }
}
