//! Rehearsal storage: rehearsals of stories and bank questions are stored
//! and replayed into an FSRS schedule; refusals write nothing; the queue
//! follows the trash; a version-6 file (stories, no rehearsals) upgrades
//! with its stories intact; and each item's stored schedule (migration 010)
//! equals the replay of its rehearsals, however they were written, so the
//! queue read from it is the queue replayed from every rehearsal.

use chrono::{Days, NaiveDate};
use loopready::commands::rehearsal::{
    queue, queue_first, queue_page, record, QueueItem, NEW_STORIES_PER_DAY,
};
use loopready::store::rehearsal::{self, Target};
use loopready::store::{self, Store};
use loopready::stories::questions;
use loopready::stories::review::{self, Rating};
use loopready::stories::{Principle, Scope, StoryDraft};

fn date(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
}

fn story(s: &Store, title: &str) -> String {
    let draft = StoryDraft {
        title: title.into(),
        action: "I led the rollout.".into(),
        primary: Some(Principle::Ownership),
        scope: Scope::L6,
        ..StoryDraft::default()
    };
    store::stories::create(s, &draft, "s").unwrap().id
}

fn count(s: &Store) -> usize {
    rehearsal::list(s).unwrap().len()
}

#[test]
fn a_rehearsal_is_stored_and_sets_the_next_due_date() {
    let s = Store::open_in_memory().unwrap();
    let id = story(&s, "Rollout");
    let out = record(&s, Target::Story(id.clone()), "good", 150, date(1)).unwrap();
    assert_eq!(out.record.seconds, 150);
    assert_eq!(
        out.state.due,
        Some(date(4)),
        "FSRS: good first review → 3 days"
    );
    let history = rehearsal::history(&s, &Target::Story(id)).unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].rating, Rating::Good);
    assert_eq!(history[0].date, date(1));
}

#[test]
fn refused_rehearsals_write_nothing() {
    let s = Store::open_in_memory().unwrap();
    let id = story(&s, "Rollout");
    assert!(record(&s, Target::Story(id.clone()), "great", 60, date(1)).is_err());
    assert!(record(&s, Target::Story(id), "good", 7_200, date(1)).is_err());
    assert!(record(&s, Target::Story("no-such".into()), "good", 60, date(1)).is_err());
    assert!(record(&s, Target::Question("zz-9".into()), "good", 60, date(1)).is_err());
    assert_eq!(count(&s), 0);
}

#[test]
fn the_queue_offers_new_stories_then_due_ones_and_drops_trashed_stories() {
    let s = Store::open_in_memory().unwrap();
    let a = story(&s, "A");
    let b = story(&s, "B");
    let q = queue(&s, date(1)).unwrap();
    assert_eq!(q.due_count, 0);
    assert_eq!(q.items.len(), 2, "both stories are new");

    record(&s, Target::Story(a.clone()), "again", 60, date(1)).unwrap();
    record(&s, Target::Question("dd-2".into()), "hard", 90, date(1)).unwrap();
    let q = queue(&s, date(1)).unwrap();
    assert_eq!(q.due_count, 0, "nothing is due on the day it was rehearsed");
    let q = queue(&s, date(5)).unwrap();
    let ids: Vec<&Target> = q.items.iter().map(|i| &i.target).collect();
    assert!(ids.contains(&&Target::Story(a.clone())));
    assert!(ids.contains(&&Target::Question("dd-2".into())));
    assert_eq!(q.due_count, 2);
    assert_eq!(
        ids.last(),
        Some(&&Target::Story(b.clone())),
        "new ones last"
    );

    store::stories::set_deleted(&s, &a, true).unwrap();
    let q = queue(&s, date(5)).unwrap();
    assert!(q.items.iter().all(|i| i.target != Target::Story(a.clone())));
    // Its history is kept: restoring the story brings it back with it.
    store::stories::set_deleted(&s, &a, false).unwrap();
    assert_eq!(rehearsal::history(&s, &Target::Story(a)).unwrap().len(), 1);
}

#[test]
fn rehearsals_show_in_the_practice_log_as_star_minutes() {
    let s = Store::open_in_memory().unwrap();
    let id = story(&s, "Rollout");
    record(&s, Target::Story(id), "good", 150, date(1)).unwrap();
    let rows = loopready::service::practice::log_rows(&s, -1, &Default::default()).unwrap();
    let row = rows
        .iter()
        .find(|r| r.summary.contains("Rollout"))
        .expect("the rehearsal is in the log");
    assert!(row.derived);
    assert_eq!(row.entry.activity.minutes(), 3, "150 s rounds up to 3 min");
}

#[test]
fn migrating_a_version_six_file_keeps_its_stories() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite3");
    {
        Store::create_at_version(&path, 6).unwrap();
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute(
            "INSERT INTO story (uuid, title, action, primary_lp, scope, created_at, updated_at)
             VALUES ('old-1', 'Old story', 'I did it.', 'ownership', 'L6', 't', 't')",
            [],
        )
        .unwrap();
    }
    let s = Store::open(&path).unwrap();
    assert!(s.schema_version().unwrap() >= 7);
    let stories = store::stories::list(&s).unwrap();
    assert_eq!(stories.len(), 1);
    assert_eq!(stories[0].draft.action, "I did it.");
    record(&s, Target::Story("old-1".into()), "easy", 100, date(2)).unwrap();
    assert_eq!(count(&s), 1);
}

/// Every rehearsed or never-rehearsed live story and every question of the
/// bank, with its stored schedule next to the replay of its rehearsals.
fn stored_and_replayed(s: &Store) -> Vec<(Target, review::ReviewState, review::ReviewState)> {
    let mut out = Vec::new();
    for h in rehearsal::story_histories(s).unwrap() {
        let target = Target::Story(h.id);
        let stored = rehearsal::state(s, &target).unwrap();
        out.push((target, stored, review::schedule(&h.history)));
    }
    for q in questions::bank() {
        let target = Target::Question(q.id.clone());
        let replayed = review::schedule(&rehearsal::history(s, &target).unwrap());
        out.push((
            target.clone(),
            rehearsal::state(s, &target).unwrap(),
            replayed,
        ));
    }
    out
}

fn assert_stored_equals_replay(s: &Store) {
    for (target, stored, replayed) in stored_and_replayed(s) {
        assert_eq!(stored, replayed, "{target:?}");
    }
}

/// A deterministic mix: stories rehearsed on scattered days with every
/// rating (several on one day too), questions likewise, one story trashed.
fn busy_store() -> (Store, Vec<String>) {
    let s = Store::open_in_memory().unwrap();
    let ids: Vec<String> = (0..12).map(|i| story(&s, &format!("Story {i}"))).collect();
    let qs = ["dd-1", "dd-2", "ow-1", "co-1"];
    let mut seed = 7u64;
    let mut next = |n: u64| {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        (seed >> 33) % n
    };
    for k in 0..160u64 {
        let day = date(1) - Days::new(200) + Days::new(next(200));
        let rating = ["again", "hard", "good", "easy"][next(4) as usize];
        let target = if k % 3 == 0 {
            let q = qs[next(4) as usize];
            Target::Question(q.into())
        } else {
            // Stories 9-11 stay new.
            Target::Story(ids[next(9) as usize].clone())
        };
        record(&s, target, rating, 60, day).unwrap();
    }
    store::stories::set_deleted(&s, &ids[4], true).unwrap();
    (s, ids)
}

#[test]
fn the_stored_schedule_equals_the_replay_after_every_rehearsal() {
    let (s, _) = busy_store();
    let rehearsed = stored_and_replayed(&s)
        .into_iter()
        .filter(|(_, _, replayed)| replayed.due.is_some())
        .count();
    assert!(rehearsed >= 10, "the mix rehearses most items");
    assert_stored_equals_replay(&s);
}

#[test]
fn recording_returns_the_stored_schedule() {
    let s = Store::open_in_memory().unwrap();
    let id = story(&s, "Rollout");
    record(&s, Target::Story(id.clone()), "good", 60, date(1)).unwrap();
    let out = record(&s, Target::Story(id.clone()), "hard", 60, date(4)).unwrap();
    let target = Target::Story(id);
    assert_eq!(out.state, rehearsal::state(&s, &target).unwrap());
    assert_eq!(
        out.state,
        review::schedule(&rehearsal::history(&s, &target).unwrap())
    );
}

/// The queue as it was computed before the schedules were stored: every
/// item's rehearsals replayed through FSRS.
fn replayed_queue(s: &Store, day: NaiveDate) -> Vec<QueueItem> {
    let stories = store::stories::list(s).unwrap();
    let mut items = Vec::new();
    let qh = rehearsal::question_histories(s).unwrap();
    for due in review::due_queue(&qh, day, 0) {
        let Some(q) = questions::find(&due.id) else {
            continue;
        };
        items.push(QueueItem {
            target: Target::Question(due.id),
            prompt: q.text.clone(),
            principles: vec![q.principle.name()],
            due: due.due,
            days_overdue: due.days_overdue,
            state: due.state,
        });
    }
    let sh = rehearsal::story_histories(s).unwrap();
    for due in review::due_queue(&sh, day, NEW_STORIES_PER_DAY) {
        let story = stories.iter().find(|x| x.id == due.id).unwrap();
        items.push(QueueItem {
            target: Target::Story(due.id),
            prompt: story.draft.title.clone(),
            principles: story
                .draft
                .primary
                .iter()
                .chain(&story.draft.secondary)
                .map(|p| p.name())
                .collect(),
            due: due.due,
            days_overdue: due.days_overdue,
            state: due.state,
        });
    }
    items.sort_by_key(|i| (i.due.is_none(), i.due));
    items
}

#[test]
fn the_queue_from_stored_schedules_is_the_replayed_queue() {
    let (s, _) = busy_store();
    for offset in [0u64, 3, 10, 40] {
        let day = date(1) - Days::new(30) + Days::new(offset);
        let stored = serde_json::to_value(queue(&s, day).unwrap().items).unwrap();
        let replayed = serde_json::to_value(replayed_queue(&s, day)).unwrap();
        assert_eq!(stored, replayed, "queue on {day}");
    }
    let q = queue(&s, date(10)).unwrap();
    assert!(q.due_count > 0 && q.items.len() > q.due_count);
}

#[test]
fn the_first_items_of_the_queue_are_the_head_of_the_whole_queue() {
    let (s, _) = busy_store();
    let mut longest = 0;
    for offset in [0u64, 3, 10, 40] {
        let day = date(1) - Days::new(30) + Days::new(offset);
        let whole = queue(&s, day).unwrap();
        assert_eq!(whole.total, whole.items.len());
        longest = longest.max(whole.items.len());
        for n in [0usize, 1, 3, 5, 30] {
            let head = queue_first(&s, day, Some(n)).unwrap();
            let expected = &whole.items[..n.min(whole.items.len())];
            assert_eq!(
                serde_json::to_value(&head.items).unwrap(),
                serde_json::to_value(expected).unwrap(),
                "first {n} on {day}"
            );
            assert_eq!(head.due_count, whole.due_count, "due count on {day}");
            assert_eq!(head.total, whole.total, "total on {day}");
        }
        // Pages of 4, as "Show more" fetches them, add up to the whole queue.
        let mut paged = Vec::new();
        loop {
            let page = queue_page(&s, day, paged.len(), Some(4)).unwrap();
            assert_eq!(page.total, whole.total, "total of a page on {day}");
            if page.items.is_empty() {
                break;
            }
            paged.extend(page.items);
        }
        assert_eq!(
            serde_json::to_value(&paged).unwrap(),
            serde_json::to_value(&whole.items).unwrap(),
            "pages on {day}"
        );
    }
    assert!(longest > 5, "some queue is longer than the heads taken");
}

#[test]
fn migrating_a_version_nine_file_fills_the_stored_schedules() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite3");
    {
        Store::create_at_version(&path, 9).unwrap();
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            "INSERT INTO story (uuid, title, action, primary_lp, scope, created_at, updated_at)
             VALUES ('old-1', 'Old story', 'I did it.', 'ownership', 'L6', 't', 't');
             INSERT INTO rehearsal (uuid, story_id, rating, seconds, date, created_at) VALUES
               ('r1', 1, 'good', 60, '2026-11-01', 't'),
               ('r2', 1, 'again', 60, '2026-11-04', 't'),
               ('r3', 1, 'easy', 60, '2026-11-04', 't');
             INSERT INTO rehearsal (uuid, question, rating, seconds, date, created_at) VALUES
               ('r4', 'dd-1', 'hard', 60, '2026-11-02', 't');",
        )
        .unwrap();
    }
    let s = Store::open(&path).unwrap();
    assert!(s.schema_version().unwrap() >= 10);
    let story = rehearsal::state(&s, &Target::Story("old-1".into())).unwrap();
    assert_eq!(
        story.reviews, 2,
        "the second rehearsal of a day does not count"
    );
    assert_eq!(story.lapses, 1);
    assert!(rehearsal::state(&s, &Target::Question("dd-1".into()))
        .unwrap()
        .due
        .is_some());
    assert_stored_equals_replay(&s);
}

#[test]
fn an_import_rebuilds_the_stored_schedules() {
    let (from, _) = busy_store();
    let doc = store::transfer::export(&from).unwrap();
    let to = Store::open_in_memory().unwrap();
    let other = story(&to, "Replaced by the import");
    record(&to, Target::Question("dd-1".into()), "again", 60, date(2)).unwrap();
    record(&to, Target::Story(other), "good", 60, date(2)).unwrap();
    store::transfer::import(&to, &doc, store::transfer::Mode::Replace).unwrap();
    assert_stored_equals_replay(&to);
    assert_eq!(
        serde_json::to_value(queue(&to, date(5)).unwrap().items).unwrap(),
        serde_json::to_value(queue(&from, date(5)).unwrap().items).unwrap()
    );
}

#[test]
fn the_kept_queue_counts_follow_rehearsals_renames_and_the_trash() {
    let s = Store::open_in_memory().unwrap();
    let a = story(&s, "A");
    let b = story(&s, "B");
    let head = |day| queue_first(&s, day, Some(1)).unwrap();
    assert_eq!((head(date(1)).due_count, head(date(1)).total), (0, 2));

    record(&s, Target::Story(a.clone()), "again", 60, date(1)).unwrap();
    assert_eq!((head(date(5)).due_count, head(date(5)).total), (1, 2));
    assert_eq!(head(date(1)).due_count, 0, "another day, another count");

    let mut draft = store::stories::get(&s, &b).unwrap().unwrap().draft;
    draft.title = "B renamed".into();
    store::stories::update(&s, &b, &draft, "rename").unwrap();
    let whole = queue_page(&s, date(5), 1, Some(1)).unwrap();
    assert_eq!(
        whole.items[0].prompt, "B renamed",
        "the new story's new title"
    );

    store::stories::set_deleted(&s, &a, true).unwrap();
    assert_eq!((head(date(5)).due_count, head(date(5)).total), (0, 1));
}
