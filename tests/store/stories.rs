//! Story bank storage: every field round trips, editing sessions become
//! revisions, search is ranked, and the trash gives stories back.

use loopready::store::{self, Store};
use loopready::stories::{Principle, Scope, StoryDraft};

fn draft(title: &str) -> StoryDraft {
    StoryDraft {
        title: title.into(),
        situation: "A payments outage hit our largest customer.".into(),
        task: "I owned the recovery plan.".into(),
        action: "I split the ledger writes and added idempotency keys.".into(),
        result: "Errors dropped 90% and the customer renewed for $2M.".into(),
        metrics: "90% fewer errors; $2M renewal".into(),
        primary: Some(Principle::Ownership),
        secondary: vec![Principle::DiveDeep, Principle::DeliverResults],
        scope: Scope::L7,
        tags: vec!["incident".into(), "customer".into()],
    }
}

#[test]
fn every_field_round_trips_through_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite3");
    let created =
        store::stories::create(&Store::open(&path).unwrap(), &draft("Ledger rescue"), "s1")
            .unwrap();
    let read = store::stories::get(&Store::open(&path).unwrap(), &created.id)
        .unwrap()
        .unwrap();
    assert_eq!(read.draft, draft("Ledger rescue"));
}

#[test]
fn saves_in_one_session_make_one_revision_and_a_new_session_another() {
    let s = Store::open_in_memory().unwrap();
    let story = store::stories::create(&s, &draft("A"), "s1").unwrap();
    for title in ["A1", "A12", "A123"] {
        store::stories::update(&s, &story.id, &draft(title), "s2").unwrap();
    }
    store::stories::update(&s, &story.id, &draft("B"), "s3").unwrap();
    let revs = store::stories::revisions(&s, &story.id).unwrap();
    let titles: Vec<&str> = revs.iter().map(|r| r.draft.title.as_str()).collect();
    assert_eq!(titles, ["B", "A123", "A"]);
    assert!(revs[2].first && !revs[1].first);
}

#[test]
fn an_unchanged_save_writes_no_revision() {
    let s = Store::open_in_memory().unwrap();
    let story = store::stories::create(&s, &draft("A"), "s1").unwrap();
    store::stories::update(&s, &story.id, &draft("A"), "s2").unwrap();
    assert_eq!(store::stories::revisions(&s, &story.id).unwrap().len(), 1);
}

#[test]
fn a_refinement_is_a_later_session_on_a_complete_story_not_the_first_drafts_autosaves() {
    use chrono::{Duration, Utc};
    let s = Store::open_in_memory().unwrap();
    let refinements = |s: &Store| {
        let today = chrono::Local::now().date_naive();
        store::stories::refinements_between(s, today - chrono::Days::new(1), today).unwrap()
    };
    let t0 = Utc::now() - Duration::hours(5);
    // A first draft: created with a title only, then typed in over several
    // sessions minutes apart; none of it is a refinement.
    let empty = StoryDraft {
        title: "Draft".into(),
        ..StoryDraft::default()
    };
    let story = store::stories::create(&s, &empty, "s1").unwrap();
    let mut partial = empty.clone();
    partial.situation = "A payments outage.".into();
    store::stories::update_at(&s, &story.id, &partial, "s1", t0).unwrap();
    store::stories::update_at(&s, &story.id, &draft("A"), "s2", t0 + Duration::minutes(50))
        .unwrap();
    assert_eq!(refinements(&s), 0, "autosaves of a first draft");
    // Complete now; a new session five minutes later is the same sitting.
    store::stories::update_at(&s, &story.id, &draft("B"), "s3", t0 + Duration::minutes(55))
        .unwrap();
    assert_eq!(refinements(&s), 0, "a pause inside one sitting");
    // Two hours later, a second pass over the complete story.
    store::stories::update_at(&s, &story.id, &draft("C"), "s4", t0 + Duration::hours(3)).unwrap();
    store::stories::update_at(
        &s,
        &story.id,
        &draft("CC"),
        "s4",
        t0 + Duration::hours(3) + Duration::minutes(1),
    )
    .unwrap();
    assert_eq!(refinements(&s), 1, "one later session on a complete story");
}

#[test]
fn search_finds_words_from_any_part_ranked_with_marks() {
    let s = Store::open_in_memory().unwrap();
    store::stories::create(&s, &draft("Ledger rescue"), "s1").unwrap();
    let mut other = draft("Hiring drive");
    other.action = "I hired nine engineers.".into();
    other.situation = "Growth".into();
    store::stories::create(&s, &other, "s2").unwrap();
    let hits = store::stories::search(&s, "idempot", 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].title, "Ledger rescue");
    assert!(hits[0].snippet.contains('\u{2}'));
}

#[test]
fn search_ranks_the_title_above_the_body_and_the_newer_of_equals_first() {
    let s = Store::open_in_memory().unwrap();
    let mut body = draft("Payments outage");
    body.action = "I led the ledger migration and the ledger cutover.".into();
    store::stories::create(&s, &body, "s1").unwrap();
    store::stories::create(&s, &draft("Ledger rescue"), "s2").unwrap();
    store::stories::create(&s, &draft("Older twin"), "s3").unwrap();
    store::stories::create(&s, &draft("Newer twin"), "s4").unwrap();
    let titles: Vec<String> = store::stories::search(&s, "ledger", 10)
        .unwrap()
        .into_iter()
        .map(|h| h.title)
        .collect();
    // The title hit first; two body hits outrank one; equal twins newest first.
    assert_eq!(
        titles,
        [
            "Ledger rescue",
            "Payments outage",
            "Newer twin",
            "Older twin"
        ]
    );
    // A page of two still knows how many match in all.
    assert_eq!(store::stories::search(&s, "ledger", 2).unwrap().len(), 2);
    assert_eq!(store::stories::search_count(&s, "ledger").unwrap(), 4);
    assert_eq!(store::stories::search_count(&s, "hiring").unwrap(), 0);
    assert_eq!(store::stories::search_count(&s, "  ").unwrap(), 0);
}

#[test]
fn a_deleted_story_leaves_the_bank_and_search_and_comes_back() {
    let s = Store::open_in_memory().unwrap();
    let story = store::stories::create(&s, &draft("Ledger rescue"), "s1").unwrap();
    store::stories::set_deleted(&s, &story.id, true).unwrap();
    assert!(store::stories::list(&s).unwrap().is_empty());
    assert_eq!(store::stories::trash(&s).unwrap().len(), 1);
    assert!(store::stories::search(&s, "ledger", 10).unwrap().is_empty());
    store::stories::set_deleted(&s, &story.id, false).unwrap();
    assert_eq!(store::stories::list(&s).unwrap().len(), 1);
    assert_eq!(store::stories::search(&s, "ledger", 10).unwrap().len(), 1);
}

#[test]
fn the_trash_leaves_the_search_index_when_a_version_twelve_file_is_upgraded() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite3");
    let trashed = {
        Store::create_at_version(&path, 12).unwrap();
        let old = Store::open_unmigrated(&path).unwrap();
        store::stories::create(&old, &draft("Ledger kept"), "s1").unwrap();
        let gone = store::stories::create(&old, &draft("Ledger binned"), "s2").unwrap();
        store::stories::set_deleted(&old, &gone.id, true).unwrap();
        gone.id
    };
    let s = Store::open(&path).unwrap();
    assert!(s.schema_version().unwrap() >= 13);
    let titles = |s: &Store| -> Vec<String> {
        store::stories::search(s, "ledger", 10)
            .unwrap()
            .into_iter()
            .map(|h| h.title)
            .collect()
    };
    assert_eq!(titles(&s), ["Ledger kept"]);
    // Only the bank is indexed, not one row more (FTS5 checks the index
    // against the rows it is told of).
    let indexed: i64 = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row("SELECT count(*) FROM story_fts_docsize", [], |r| r.get(0))
        .unwrap();
    assert_eq!(indexed, 1);
    store::stories::set_deleted(&s, &trashed, false).unwrap();
    let mut both = titles(&s);
    both.sort();
    assert_eq!(both, ["Ledger binned", "Ledger kept"]);
}

#[test]
fn a_story_in_the_trash_cannot_be_edited() {
    let s = Store::open_in_memory().unwrap();
    let story = store::stories::create(&s, &draft("A"), "s1").unwrap();
    store::stories::set_deleted(&s, &story.id, true).unwrap();
    assert!(store::stories::update(&s, &story.id, &draft("B"), "s2").is_err());
}

#[test]
fn migrating_a_version_three_file_keeps_the_profile() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite3");
    {
        Store::create_at_version(&path, 3).unwrap();
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute(
            "INSERT INTO profile VALUES (1, 'u', '2030-01-01', 'L6', 'ic', 'principal', 10, 'Mon', 'low', 't', 't')",
            [],
        )
        .unwrap();
    }
    let s = Store::open(&path).unwrap();
    assert!(s.schema_version().unwrap() >= 4);
    assert_eq!(store::profile::get(&s).unwrap().unwrap().hours_per_week, 10);
    assert!(store::stories::list(&s).unwrap().is_empty());
}

/// A story whose findings the check has not counted yet (NULL, as an older
/// file or an import leaves it until the next start) still names the day's
/// tasks: naming used to fail on it, and with it every automatic tick.
#[test]
fn a_story_without_counted_findings_still_names_the_days_tasks() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite3");
    let s = Store::open(&path).unwrap();
    let story = store::stories::create(&s, &draft("Uncounted"), "a").unwrap();
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute("UPDATE story SET major_findings = NULL", [])
        .unwrap();
    let tomorrow = chrono::Local::now().date_naive() + chrono::Days::new(1);
    let facts = store::tasks::story_facts(&s, tomorrow).unwrap();
    assert_eq!(facts.len(), 1);
    assert_eq!(facts[0].id, story.id);
    assert_eq!(facts[0].major_findings, 0);
}
