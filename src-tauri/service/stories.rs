//! Story bank use cases shared by the window, the CLI and the dashboard:
//! the level stories are written for and the bank's coverage.

use chrono::{DateTime, Local, NaiveDate};

use crate::error::{AppError, AppResult};
use crate::store::stories::StoryRecord;
use crate::store::{self, Store};
use crate::stories::coverage::{self, Coverage, StoryPrinciples};
use crate::stories::{Scope, StoryDraft};

/// Settings key for the coverage minimum per principle.
pub const MIN_SETTING: &str = "stories.min_per_principle";

/// The scope new stories get, and the level rehearsal aims at: the
/// profile's target level.
pub fn default_scope(store: &Store) -> AppResult<Scope> {
    Ok(match store::profile::get(store)?.map(|p| p.target_level) {
        Some(crate::plan::profile::TargetLevel::L7) => Scope::L7,
        _ => Scope::L6,
    })
}

/// Each principle's stories against the minimum, and the bank against the level's target.
pub fn coverage_of(store: &Store) -> AppResult<Coverage<String>> {
    let min = store::settings::get(store, MIN_SETTING)?
        .and_then(|v| v.parse().ok())
        .unwrap_or(coverage::DEFAULT_MIN_PER_PRINCIPLE);
    let stories: Vec<StoryPrinciples<String>> = store::stories::principles(store)?;
    Ok(coverage::coverage(&stories, default_scope(store)?, min))
}

/// Sets the minimum stories per principle (1-5) and returns the coverage.
pub fn set_coverage_minimum(store: &Store, min: i64) -> AppResult<Coverage<String>> {
    if !(1..=5).contains(&min) {
        return Err(AppError::field(
            "min",
            format!("The minimum per principle is 1 to 5 stories (got {min})."),
        ));
    }
    store::settings::set(store, MIN_SETTING, &min.to_string())?;
    coverage_of(store)
}

/// A new story with the placeholder title, or the bank's blank one when
/// there is one (a link followed twice, "New story" pressed and left), so
/// blank stories do not pile up.
pub fn start(store: &Store, session: &str) -> AppResult<StoryRecord> {
    if let Some(blank) = store::stories::blank(store)? {
        return Ok(blank);
    }
    let draft = StoryDraft {
        title: crate::stories::model::UNTITLED.into(),
        scope: default_scope(store)?,
        ..StoryDraft::default()
    };
    store::stories::create(store, &draft, session)
}

/// Ticks today's work after `draft` was saved over `before`, when the save
/// can change what is ticked ([`save_can_tick`]).
pub fn tick_after_save(store: &Store, before: &StoryRecord, draft: &StoryDraft, today: NaiveDate) {
    if save_can_tick(before, draft, today) {
        super::plan::tick_after_write(store, today);
    }
}

/// Whether saving `draft` over `before` can change what today's agenda
/// ticks (a story revised today, a story with a principle written today):
/// the first edit of the day, or a change to the story's completeness or
/// principles. The autosaves after that change neither, so the tick, which
/// names the day's tasks from every story, is not run again for each.
pub fn save_can_tick(before: &StoryRecord, draft: &StoryDraft, today: NaiveDate) -> bool {
    let edited_today = DateTime::parse_from_rfc3339(&before.updated_at)
        .is_ok_and(|t| t.with_timezone(&Local).date_naive() == today);
    let old = &before.draft;
    !edited_today
        || old.is_complete() != draft.is_complete()
        || old.primary != draft.primary
        || old.secondary != draft.secondary
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stories::Principle;

    /// A link followed twice opens the same blank story, and a blank story
    /// whose principle a link picked covers nothing, is not rehearsed and is
    /// not on the sheet until it has STAR text.
    #[test]
    fn blank_stories_are_reused_and_cover_nothing() {
        let store = Store::open_in_memory().unwrap();
        let first = start(&store, "a").unwrap();
        let mut picked = first.draft.clone();
        picked.primary = Some(Principle::Ownership);
        store::stories::update(&store, &first.id, &picked, "a").unwrap();
        assert_eq!(start(&store, "b").unwrap().id, first.id);
        assert_eq!(store::stories::list(&store).unwrap().len(), 1);
        let count = |store: &Store| {
            let cov = coverage_of(store).unwrap();
            cov.rows
                .iter()
                .find(|r| r.principle == Principle::Ownership)
                .unwrap()
                .count
        };
        let rehearsed = |store: &Store| store::rehearsal::fresh_stories(store, 3).unwrap().len();
        let on_sheet = |store: &Store| store::stories::sheet_candidates(store).unwrap().len();
        assert_eq!(
            (count(&store), rehearsed(&store), on_sheet(&store)),
            (0, 0, 0)
        );

        picked.situation = "A migration under a deadline.".into();
        store::stories::update(&store, &first.id, &picked, "a").unwrap();
        assert_eq!(
            (count(&store), rehearsed(&store), on_sheet(&store)),
            (1, 1, 1)
        );
        let second = start(&store, "c").unwrap();
        assert_ne!(second.id, first.id, "a written story is not blank");
    }

    fn record(updated_at: &str, draft: StoryDraft) -> StoryRecord {
        StoryRecord {
            id: "s".into(),
            draft,
            created_at: updated_at.into(),
            updated_at: updated_at.into(),
            deleted_at: None,
        }
    }

    #[test]
    fn only_the_first_edit_of_the_day_or_a_change_the_tick_sees_can_tick() {
        let now = Local::now();
        let today = now.date_naive();
        let draft = StoryDraft {
            title: "T".into(),
            situation: "S".into(),
            task: "T".into(),
            action: "A".into(),
            primary: Some(Principle::Ownership),
            ..StoryDraft::default()
        };
        let earlier = record("2020-01-01T10:00:00+00:00", draft.clone());
        let this_morning = record(&now.to_rfc3339(), draft.clone());
        let mut more_text = draft.clone();
        more_text.situation.push_str(" and more");
        assert!(save_can_tick(&earlier, &more_text, today));
        assert!(!save_can_tick(&this_morning, &more_text, today));
        let mut complete = draft.clone();
        complete.result = "R".into();
        assert!(save_can_tick(&this_morning, &complete, today));
        let mut other = draft.clone();
        other.primary = Some(Principle::DiveDeep);
        assert!(save_can_tick(&this_morning, &other, today));
        let mut second = draft;
        second.secondary = vec![Principle::EarnTrust];
        assert!(save_can_tick(&this_morning, &second, today));
    }
}
