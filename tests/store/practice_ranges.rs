//! The narrow reads the status, readiness, agenda and dashboard use give the
//! same figures as reading every day: a date range of the day totals, the
//! totals of every day, the days that met the minimums (and the streak from
//! them), the first day, and the last few mock scores, on five years of data.
//! A page of the log, filtered or not, is the head of the whole log.

use std::collections::BTreeSet;

use chrono::{Days, Local, NaiveDate};
use loopready::practice::ledger::{sum_all, Ledger};
use loopready::practice::streak::{streak, streak_of_met};
use loopready::practice::{Activity, EntryKind, Minimums, Pattern};
use loopready::service::practice::log_rows;
use loopready::store::practice::EntryFilter;
use loopready::store::{self, sample, Store};

fn five_years() -> (tempfile::TempDir, Store, NaiveDate) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite3");
    let today = Local::now().date_naive();
    sample::five_years(&Store::open(&path).unwrap(), today).unwrap();
    (dir, Store::open(&path).unwrap(), today)
}

fn range(all: &Ledger, from: NaiveDate, to: NaiveDate) -> Ledger {
    all.range(from..=to).map(|(d, t)| (*d, *t)).collect()
}

#[test]
fn narrow_reads_equal_the_whole_ledger() {
    let (_dir, s, today) = five_years();
    let all = store::practice::ledger(&s).unwrap();
    assert!(all.len() > 1_500);

    let totals = store::practice::totals(&s).unwrap();
    let summed = sum_all(&all);
    assert_eq!(totals, summed);
    assert_eq!(
        totals.mock_score_sum.to_bits(),
        summed.mock_score_sum.to_bits()
    );

    assert_eq!(
        store::practice::first_day(&s).unwrap(),
        all.keys().next().copied()
    );

    let met = store::practice::met_days(&s, &Minimums::default()).unwrap();
    let expected: Vec<NaiveDate> = all
        .iter()
        .filter(|(_, t)| t.minutes().meets(&Minimums::default()))
        .map(|(d, _)| *d)
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(met.iter().copied().collect::<Vec<_>>(), expected);

    for back in [0u64, 1, 2, 5, 6, 30, 400, 1_000, 1_900] {
        let day = today - Days::new(back);
        assert_eq!(
            streak_of_met(&met, day, Minimums::default().prep_days),
            streak(&all, day),
            "streak on {day}"
        );
        let (from, to) = (day - Days::new(31), day + Days::new(6));
        assert_eq!(
            store::practice::ledger_between(&s, from, to).unwrap(),
            range(&all, from, to)
        );
    }
}

/// The query `recent_scores` ran before it read only the newest rows.
const EVERY_SCORE: &str = "SELECT score FROM (
        SELECT date AS d, id AS k, CAST(json_extract(data, '$.score') AS REAL) AS score
        FROM practice_entry
        WHERE kind = 'external-mock' AND deleted_at IS NULL AND date <= ?1
        UNION ALL
        SELECT date(started_at, 'localtime'), id, weighted_score
        FROM mock_session WHERE weighted_score IS NOT NULL AND started_at < ?2)
    ORDER BY d DESC LIMIT ?3";

#[test]
fn recent_scores_equal_the_scores_sorted_from_every_mock() {
    let (dir, s, today) = five_years();
    let conn = rusqlite::Connection::open(dir.path().join("db.sqlite3")).unwrap();
    for back in (0..1_900u64).step_by(37) {
        let day = today - Days::new(back);
        for n in [1usize, 3, 10] {
            let mut every: Vec<f32> = conn
                .prepare(EVERY_SCORE)
                .unwrap()
                .query_map(
                    rusqlite::params![day.to_string(), (day + Days::new(1)).to_string(), n as i64],
                    |r| r.get::<_, f64>(0),
                )
                .unwrap()
                .map(|x| x.unwrap() as f32)
                .collect();
            every.reverse();
            assert_eq!(
                store::practice::recent_scores(&s, day, n).unwrap(),
                every,
                "{n} scores through {day}"
            );
        }
    }
}

fn met_from_ledger(s: &Store) -> Vec<NaiveDate> {
    store::practice::ledger(s)
        .unwrap()
        .iter()
        .filter(|(_, t)| t.minutes().meets(&Minimums::default()))
        .map(|(d, _)| *d)
        .collect()
}

fn assert_fresh(s: &Store, when: &str) {
    let all = store::practice::ledger(s).unwrap();
    assert_eq!(store::practice::totals(s).unwrap(), sum_all(&all), "{when}");
    let met = store::practice::met_days(s, &Minimums::default()).unwrap();
    assert_eq!(
        met.into_iter().collect::<Vec<_>>(),
        met_from_ledger(s),
        "{when}"
    );
}

#[test]
fn kept_totals_and_met_days_follow_writes_from_this_and_another_connection() {
    use loopready::practice::{Activity, Entry};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite3");
    let s = Store::open(&path).unwrap();
    let day = NaiveDate::from_ymd_opt(2026, 3, 4).unwrap();
    assert_fresh(&s, "empty");
    let full_day = [
        Activity::LpStudy { minutes: 15 },
        Activity::StoryPractice { minutes: 30 },
        Activity::Design {
            name: "Feed".into(),
            minutes: 45,
            completeness_pct: 90,
            tradeoffs: true,
        },
    ];
    for a in &full_day {
        store::practice::add(&s, &Entry::new(day, a.clone()), None).unwrap();
        assert_fresh(&s, "after a write through this connection");
    }
    assert_eq!(
        store::practice::met_days(&s, &Minimums::default())
            .unwrap()
            .len(),
        1
    );
    let other = Store::open(&path).unwrap();
    let next = day + Days::new(1);
    for a in &full_day {
        store::practice::add(&other, &Entry::new(next, a.clone()), None).unwrap();
    }
    assert_fresh(&s, "after writes through another connection");
    assert_eq!(
        store::practice::met_days(&s, &Minimums::default())
            .unwrap()
            .len(),
        2
    );
    let id = store::practice::list(&s).unwrap()[0].id.clone();
    store::practice::set_deleted(&s, &id, true).unwrap();
    assert_fresh(&s, "after a delete");
    assert_eq!(
        store::practice::met_days(&s, &Minimums::default())
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn restoring_a_backup_drops_the_kept_totals() {
    use loopready::practice::{Activity, Entry};
    let dir = tempfile::tempdir().unwrap();
    let backups = dir.path().join("backups");
    let mut s = Store::open(&dir.path().join("db.sqlite3")).unwrap();
    let day = NaiveDate::from_ymd_opt(2026, 3, 4).unwrap();
    let lp = |m| Entry::new(day, Activity::LpStudy { minutes: m });
    store::practice::add(&s, &lp(15), None).unwrap();
    let before = store::practice::totals(&s).unwrap();
    let backup = store::backup::create(&s, &backups, chrono::Utc::now(), "manual").unwrap();
    store::practice::add(&s, &lp(20), None).unwrap();
    assert_eq!(store::practice::totals(&s).unwrap().lp_minutes, 35);
    store::backup::restore(&mut s, &backups, &backup.file).unwrap();
    assert_eq!(store::practice::totals(&s).unwrap(), before);
    assert_fresh(&s, "after a restore");
}

#[test]
fn a_page_of_the_log_is_the_head_of_the_whole_log() {
    let (_dir, s, _) = five_years();
    let whole = log_rows(&s, -1, &EntryFilter::default()).unwrap();
    assert!(whole.iter().any(|r| r.derived) && whole.iter().any(|r| !r.derived));
    for limit in [1usize, 30, 200, 5_000] {
        let page = log_rows(&s, limit as i64, &EntryFilter::default()).unwrap();
        assert_eq!(page.len(), limit);
        if limit >= 200 {
            assert!(
                page.iter().any(|r| r.derived) && page.iter().any(|r| !r.derived),
                "both kinds are among the newest {limit}"
            );
        }
        assert_eq!(
            serde_json::to_value(&page).unwrap(),
            serde_json::to_value(&whole[..limit]).unwrap(),
            "the newest {limit} lines"
        );
    }
}

#[test]
fn a_page_of_the_filtered_log_is_the_head_of_the_whole_filtered_log() {
    let (_dir, s, today) = five_years();
    let back = |days| Some(today - Days::new(days));
    let filters = [
        // Typed-in STAR practice and rehearsals.
        EntryFilter {
            kind: Some(EntryKind::StoryPractice),
            ..EntryFilter::default()
        },
        // Typed-in coding problems only.
        EntryFilter {
            pattern: Some(Pattern::SlidingWindow),
            ..EntryFilter::default()
        },
        // Every source, between two dates.
        EntryFilter {
            from: back(400),
            to: back(300),
            ..EntryFilter::default()
        },
        // Timer rounds up to a date.
        EntryFilter {
            kind: Some(EntryKind::MockSession),
            to: back(30),
            ..EntryFilter::default()
        },
        // Story refinements from a date.
        EntryFilter {
            kind: Some(EntryKind::StoryRefinement),
            from: back(200),
            ..EntryFilter::default()
        },
    ];
    for filter in filters {
        let whole = log_rows(&s, -1, &filter).unwrap();
        assert!(whole.len() > 30, "{filter:?} matches {}", whole.len());
        for row in &whole {
            let activity = &row.entry.activity;
            assert!(filter.admits(activity.kind()), "{filter:?}: {activity:?}");
            assert!(
                filter.covers(row.entry.date),
                "{filter:?}: {}",
                row.entry.date
            );
            if let (Some(p), Activity::Coding { pattern, .. }) = (filter.pattern, activity) {
                assert_eq!(*pattern, p);
            }
        }
        assert_eq!(
            store::practice::log_count(&s, &filter).unwrap(),
            whole.len() as u64,
            "the count under {filter:?}"
        );
        for limit in [1usize, 30] {
            let page = log_rows(&s, limit as i64, &filter).unwrap();
            assert_eq!(
                serde_json::to_value(&page).unwrap(),
                serde_json::to_value(&whole[..limit]).unwrap(),
                "the newest {limit} lines under {filter:?}"
            );
        }
    }
    // The kind filter keeps rehearsals with typed-in STAR practice, and a
    // date range alone keeps every kind, derived ones too.
    let star = log_rows(&s, -1, &filters[0]).unwrap();
    assert!(star.iter().any(|r| r.derived) && star.iter().any(|r| !r.derived));
    let kinds: BTreeSet<EntryKind> = log_rows(&s, -1, &filters[2])
        .unwrap()
        .iter()
        .map(|r| r.entry.activity.kind())
        .collect();
    assert_eq!(kinds.len(), EntryKind::ALL.len(), "{kinds:?}");
}

#[test]
fn the_trend_reads_its_span_and_the_few_scores_before_it() {
    let (_dir, s, today) = five_years();
    let all = store::practice::scored_mocks(&s, today - Days::new(2_000)).unwrap();
    assert!(all.len() > 1_000);
    assert!(all.windows(2).all(|w| w[0].date <= w[1].date));
    for back in [0u64, 3, 30, 400, 1_500] {
        let first = today - Days::new(back);
        let n = 2;
        let before = store::practice::scored_mocks_before(&s, first, n).unwrap();
        let since = store::practice::scored_mocks(&s, first).unwrap();
        let split = all
            .iter()
            .position(|m| m.date >= first)
            .unwrap_or(all.len());
        assert_eq!(
            format!("{before:?}"),
            format!("{:?}", &all[split.saturating_sub(n)..split]),
            "the {n} before {first}"
        );
        assert_eq!(
            format!("{since:?}"),
            format!("{:?}", &all[split..]),
            "from {first}"
        );
    }
}

#[test]
fn the_dashboard_agrees_with_itself_on_five_years_of_data() {
    use loopready::practice::readiness::PartKind;
    let (_dir, s, today) = five_years();
    let d = loopready::service::practice::dashboard_of(&s, today).unwrap();
    // The trend shows the latest scored rounds even when the plan began
    // today, as readiness averages them.
    assert!(
        d.mock_trend.points.len() >= 20,
        "{} points on the trend",
        d.mock_trend.points.len()
    );
    let mock = d
        .readiness
        .parts
        .iter()
        .find(|p| p.kind == PartKind::Mocks)
        .unwrap();
    assert!(!mock.missing, "{}", mock.explanation);
    // Consistency and the streak come from the same days: a streak longer
    // than the two-week window means every preparation day in it was met.
    let consistency = d
        .readiness
        .parts
        .iter()
        .find(|p| p.kind == PartKind::Consistency)
        .unwrap();
    if d.status.streak.days >= 14 {
        assert_eq!(consistency.value, 1.0, "{}", consistency.explanation);
    }
    assert!(!consistency.missing, "{}", consistency.explanation);
}
