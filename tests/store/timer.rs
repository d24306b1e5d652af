//! Store tests for mock rounds on a temporary SQLite file: a scored round
//! survives reopening with its phase times, and custom templates are saved,
//! listed and deleted.

use chrono::{Duration, TimeZone, Utc};
use loopready::plan::profile::TargetLevel;
use loopready::store::{self, Store};
use loopready::timer::review::{score_card, CardInput};
use loopready::timer::scoring::{rubric, DimensionScore, Verdict};
use loopready::timer::templates::{customised, RoundKind, TemplateId};
use loopready::timer::{Ending, Pace, Session};

fn drill(id: &str) -> loopready::timer::Template {
    customised(
        TemplateId(id.into()),
        RoundKind::Coding,
        "Quick drill".into(),
        vec![("Code".into(), 10), ("Test".into(), 5)],
    )
    .unwrap()
}

fn ended_round() -> Session {
    let t0 = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap();
    let mut s = Session::start(drill("d"), t0, Pace::REAL).unwrap();
    s.add_minutes(5, t0).unwrap();
    s.stop(t0 + Duration::minutes(14)).unwrap();
    s
}

fn all_fours() -> Vec<DimensionScore> {
    rubric(RoundKind::Coding, TargetLevel::L7, None)
        .iter()
        .map(|w| DimensionScore {
            dimension: w.dimension,
            score: 4,
        })
        .collect()
}

#[test]
fn scores_of_an_ended_round_survive_reopening_with_its_phase_overruns() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite3");
    let round = ended_round();
    let card = score_card(
        RoundKind::Coding,
        &[],
        TargetLevel::L7,
        CardInput::single(all_fours(), 5, "Good pace"),
    )
    .unwrap();
    {
        let store = Store::open(&path).unwrap();
        store::timer::save(&store, &round).unwrap();
        assert!(store::timer::save_scores(&store, round.started_at, &card, false).unwrap());
    }

    let history = store::timer::history(&Store::open(&path).unwrap()).unwrap();
    assert_eq!(history.len(), 1);
    let m = &history[0];
    assert_eq!(m.template_name, "Quick drill");
    assert_eq!(m.ending, Ending::Stopped);
    assert_eq!(m.phase_notes, ["Code overran by 4 min"]);
    assert_eq!(m.phase_times[0].actual_ms, 14 * 60_000);
    let score = m.score.as_ref().unwrap();
    assert_eq!(score.scores, all_fours());
    assert_eq!(score.level, TargetLevel::L7);
    assert_eq!(score.weighted_score, 4.0);
    assert_eq!(score.verdict.verdict, Verdict::StrongHire);
    assert_eq!(score.notes, "Good pace");
}

#[test]
fn a_scored_round_stopped_after_a_second_is_partial_and_counts_nowhere_until_confirmed() {
    let store = Store::open_in_memory().unwrap();
    let t0 = chrono::Local::now().with_timezone(&Utc) - Duration::minutes(30);
    let mut s = Session::start(drill("d"), t0, Pace::REAL).unwrap();
    s.stop(t0 + Duration::seconds(1)).unwrap();
    store::timer::save(&store, &s).unwrap();
    let card = score_card(
        RoundKind::Coding,
        &[],
        TargetLevel::L6,
        CardInput::single(all_fours(), 5, ""),
    )
    .unwrap();
    assert!(store::timer::save_scores(&store, s.started_at, &card, false).unwrap());

    let history = store::timer::history(&store).unwrap();
    assert!(!history[0].full_round, "one second of fifteen minutes");
    assert!(history[0].score.is_some(), "the scores are kept");
    assert_eq!(store::timer::ended_count(&store).unwrap(), 0);
    let mocks = |store: &Store| -> u32 {
        store::practice::ledger(store)
            .unwrap()
            .values()
            .map(|t| t.mocks)
            .sum()
    };
    assert_eq!(mocks(&store), 0, "not in the weekly mock minimum");
    let day = (t0 + Duration::seconds(1))
        .with_timezone(&chrono::Local)
        .date_naive();
    let rounds = |store: &Store| store::tasks::day_work(store, day).unwrap().rounds;
    assert!(
        rounds(&store).is_empty(),
        "no agenda's mock item is done by it"
    );
    let since = t0.date_naive() - chrono::Days::new(1);
    assert!(
        store::practice::scored_mocks(&store, since)
            .unwrap()
            .is_empty(),
        "not in readiness"
    );

    // The candidate says it was a full round after all.
    assert!(store::timer::save_scores(&store, s.started_at, &card, true).unwrap());
    let history = store::timer::history(&store).unwrap();
    assert!(history[0].full_round && history[0].confirmed_full);
    assert_eq!(store::timer::ended_count(&store).unwrap(), 1);
    assert_eq!(mocks(&store), 1);
    assert_eq!(rounds(&store), ["coding"]);
    assert_eq!(
        store::practice::scored_mocks(&store, since).unwrap().len(),
        1
    );
}

#[test]
fn a_round_that_ran_most_of_its_time_is_a_full_round() {
    let store = Store::open_in_memory().unwrap();
    // Fifteen minutes planned, five added, stopped at fourteen.
    store::timer::save(&store, &ended_round()).unwrap();
    assert!(store::timer::history(&store).unwrap()[0].full_round);
    assert_eq!(store::timer::ended_count(&store).unwrap(), 1);
}

#[test]
fn an_unscored_round_is_listed_without_scores_and_scores_need_a_recorded_round() {
    let store = Store::open_in_memory().unwrap();
    let round = ended_round();
    let card = score_card(
        RoundKind::Coding,
        &[],
        TargetLevel::L6,
        CardInput::single(all_fours(), 4, ""),
    )
    .unwrap();
    assert!(!store::timer::save_scores(&store, round.started_at, &card, false).unwrap());
    store::timer::save(&store, &round).unwrap();
    let history = store::timer::history(&store).unwrap();
    assert_eq!(history[0].score, None);
}

#[test]
fn history_lists_the_newest_round_first() {
    let store = Store::open_in_memory().unwrap();
    let first = ended_round();
    let mut later = Session::start(
        drill("d"),
        first.started_at + Duration::hours(2),
        Pace::REAL,
    )
    .unwrap();
    later.stop(later.started_at + Duration::minutes(1)).unwrap();
    store::timer::save(&store, &first).unwrap();
    store::timer::save(&store, &later).unwrap();
    let starts: Vec<_> = store::timer::history(&store)
        .unwrap()
        .iter()
        .map(|m| m.started_at)
        .collect();
    assert_eq!(starts, [later.started_at, first.started_at]);
}

#[test]
fn custom_templates_are_saved_listed_found_and_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite3");
    {
        let store = Store::open(&path).unwrap();
        store::timer::save_template(&store, &drill("a")).unwrap();
        store::timer::save_template(&store, &drill("b")).unwrap();
    }
    let store = Store::open(&path).unwrap();
    let all = store::timer::templates(&store).unwrap();
    assert_eq!(all, [drill("a"), drill("b")]);
    assert_eq!(
        store::timer::template_by_id(&store, "b").unwrap(),
        Some(drill("b"))
    );
    assert!(store::timer::delete_template(&store, "a").unwrap());
    assert!(!store::timer::delete_template(&store, "a").unwrap());
    assert_eq!(store::timer::templates(&store).unwrap(), [drill("b")]);
}

#[test]
fn saving_a_template_id_again_replaces_it() {
    let store = Store::open_in_memory().unwrap();
    store::timer::save_template(&store, &drill("a")).unwrap();
    let mut renamed = drill("a");
    renamed.name = "Renamed".into();
    store::timer::save_template(&store, &renamed).unwrap();
    assert_eq!(store::timer::templates(&store).unwrap(), [renamed]);
}

#[test]
fn upgrading_applies_the_rules_of_evidence_to_rounds_and_revisions_already_there() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite3");
    let t0 = chrono::Local::now().with_timezone(&Utc) - Duration::hours(3);
    {
        Store::create_at_version(&path, 14).unwrap();
        let conn = rusqlite::Connection::open(&path).unwrap();
        // A fifteen-minute round stopped after a second and scored 4.0, and
        // a full one: before the rules both counted.
        for (i, ran) in [Duration::seconds(1), Duration::minutes(14)]
            .into_iter()
            .enumerate()
        {
            let start = t0 + Duration::minutes(20 * i as i64);
            let mut s = Session::start(drill("d"), start, Pace::REAL).unwrap();
            s.stop(start + ran).unwrap();
            conn.execute(
                "INSERT INTO mock_session (uuid, started_at, template_id, template_name, kind, ending, ended_at,
                                           elapsed_ms, session_json, created_at, updated_at, minute_ms, weighted_score)
                 VALUES (?1, ?2, 'd', 'Quick drill', 'coding', 'stopped', ?3, ?4, ?5, ?2, ?2, 60000, 4.0)",
                rusqlite::params![
                    format!("round-{i}"),
                    start.to_rfc3339(),
                    (start + ran).to_rfc3339(),
                    ran.num_milliseconds(),
                    serde_json::to_string(&s).unwrap(),
                ],
            )
            .unwrap();
        }
    }
    let before: i64 = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row("SELECT sum(mock_n) FROM practice_day", [], |r| r.get(0))
        .unwrap();
    assert_eq!(before, 2, "the old rule counted the one-second round");

    let store = Store::open(&path).unwrap();
    let history = store::timer::history(&store).unwrap();
    let partial: Vec<bool> = history.iter().map(|m| m.full_round).collect();
    assert_eq!(
        partial,
        [true, false],
        "newest first: the full one, then the second-long one"
    );
    let mocks: u32 = store::practice::ledger(&store)
        .unwrap()
        .values()
        .map(|t| t.mocks)
        .sum();
    assert_eq!(mocks, 1);
    assert_eq!(store::timer::ended_count(&store).unwrap(), 1);
}

/// The design problem a linked round was started on stays with the round,
/// so a restart between the round and its scoring keeps the problem (and
/// the weights its focus sets).
#[test]
fn a_round_keeps_its_design_problem_across_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite3");
    let t0 = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap();
    let design = loopready::problems::bank().design[0].id.clone();
    {
        let store = Store::open(&path).unwrap();
        let mut s = Session::start(drill("d"), t0, Pace::REAL).unwrap();
        s.design = Some(design.clone());
        s.stop(t0 + Duration::minutes(3)).unwrap();
        store::timer::save(&store, &s).unwrap();
    }
    let store = Store::open(&path).unwrap();
    let live = store::timer::live(&store).unwrap().unwrap();
    assert_eq!(live.design.as_deref(), Some(design.as_str()));
    let form = loopready::timer::review::score_form(&live, &[], t0, TargetLevel::L6);
    assert_eq!(form.problem, Some(design));
}
