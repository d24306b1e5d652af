//! Engine behaviour on hand-picked instants: every "now" is explicit, so
//! boundaries are checked to the millisecond.

use chrono::{Duration, TimeZone};

use super::*;
use crate::timer::templates::{builtin_by_id, Phase, TemplateId};

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap()
}

fn min(m: i64) -> Duration {
    Duration::minutes(m)
}

fn template(id: &str) -> Template {
    builtin_by_id(id).unwrap().unwrap()
}

/// System design 60: 5 / 5 / 15 / 20 / 10 / 5.
fn sd60() -> Session {
    Session::start(template("system-design-60"), t0(), Pace::REAL).unwrap()
}

fn titles(events: &[TimerEvent]) -> Vec<&str> {
    events.iter().map(|e| e.title.as_str()).collect()
}

#[test]
fn status_at_start_shows_first_phase_and_full_round() {
    let s = sd60();
    let st = s.status(t0());
    assert_eq!(st.phase_index, 0);
    assert_eq!(st.phase_name, "Requirements");
    assert_eq!(st.phase_remaining_ms, 5 * 60_000);
    assert_eq!(st.round_remaining_ms, 60 * 60_000);
    assert_eq!(st.next_phase.as_deref(), Some("Estimation"));
    assert_eq!(st.progress, 0.0);
    assert_eq!(st.phase_ends_at, Some(t0() + min(5)));
    assert!(!st.finished);
}

#[test]
fn phase_boundary_is_exact_to_the_millisecond() {
    let s = sd60();
    let before = s.status(t0() + min(10) - Duration::milliseconds(1));
    assert_eq!(before.phase_name, "Estimation");
    assert_eq!(before.phase_remaining_ms, 1);
    let at = s.status(t0() + min(10));
    assert_eq!(at.phase_name, "High-level design");
    assert_eq!(at.phase_remaining_ms, 15 * 60_000);
    assert_eq!(at.round_remaining_ms, 50 * 60_000);
}

#[test]
fn sub_millisecond_instants_are_truncated() {
    let s = sd60();
    let st = s.status(t0() + Duration::microseconds(1_999));
    assert_eq!(st.elapsed_ms, 1);
}

#[test]
fn first_call_announces_the_first_phase_once() {
    let mut s = sd60();
    let ev = s.due_events(t0());
    assert_eq!(titles(&ev), ["Requirements — 5 min"]);
    assert_eq!(ev[0].body, "System design 60 · next: Estimation");
    assert_eq!(ev[0].due_at, t0());
    assert!(s.due_events(t0()).is_empty());
    assert!(s.due_events(t0() + min(4)).is_empty());
}

#[test]
fn each_boundary_is_announced_at_its_deadline_and_never_twice() {
    let mut s = sd60();
    let mut seen = Vec::new();
    let mut now = t0();
    while let Some(b) = s.next_boundary(now) {
        now = b;
        for e in s.due_events(now) {
            assert_eq!(e.due_at, now, "{}", e.title);
            seen.push(e.title);
        }
        assert!(s.due_events(now).is_empty());
    }
    assert_eq!(
        seen,
        [
            "Requirements — 5 min",
            "Estimation — 5 min",
            "High-level design — 15 min",
            "Deep dive — 20 min",
            "Scale and optimise — 10 min",
            "Wrap-up — 5 min",
            "5 minutes left",
            "Round over",
        ]
    );
    assert_eq!(now, t0() + min(60));
}

#[test]
fn next_boundary_points_at_the_next_phase_end() {
    let mut s = sd60();
    s.due_events(t0());
    assert_eq!(s.next_boundary(t0() + min(1)), Some(t0() + min(5)));
}

#[test]
fn five_minutes_left_comes_five_minutes_before_the_end() {
    let mut s = Session::start(template("system-design-45"), t0(), Pace::REAL).unwrap();
    s.due_events(t0());
    let mut now = t0();
    for _ in 0..3 {
        now = s.next_boundary(now).unwrap();
        s.due_events(now);
    }
    // Scale and reliability began at 35; the warning is due at 40.
    assert_eq!(s.next_boundary(now), Some(t0() + min(40)));
    let ev = s.due_events(t0() + min(40));
    assert_eq!(titles(&ev), ["5 minutes left"]);
    assert_eq!(
        ev[0].body,
        "System design 45 ends in 5 minutes. Now: Scale and reliability."
    );
}

#[test]
fn pause_and_resume_cycles_do_not_drift() {
    let mut s = sd60();
    let mut now = t0();
    for _ in 0..100 {
        now += Duration::milliseconds(7_001);
        s.pause(now).unwrap();
        now += Duration::milliseconds(123_457);
        s.resume(now).unwrap();
    }
    let running = 100 * 7_001;
    let st = s.status(now);
    assert_eq!(st.elapsed_ms, running);
    assert_eq!(st.round_remaining_ms, 60 * 60_000 - running);
    let paused_total = Duration::milliseconds(100 * 123_457);
    assert_eq!(
        s.status(t0() + min(60) + paused_total).state,
        RunState::Finished {
            at: t0() + min(60) + paused_total,
            elapsed_ms: 60 * 60_000,
            ending: Ending::Completed
        }
    );
}

#[test]
fn paused_round_does_not_advance() {
    let mut s = sd60();
    s.pause(t0() + min(3)).unwrap();
    let st = s.status(t0() + min(300));
    assert_eq!(st.elapsed_ms, 3 * 60_000);
    assert_eq!(st.phase_remaining_ms, 2 * 60_000);
    assert_eq!(st.phase_ends_at, None);
    assert_eq!(s.next_boundary(t0() + min(300)), None);
}

#[test]
fn pause_twice_and_resume_while_running_are_refused() {
    let mut s = sd60();
    assert_eq!(s.resume(t0()), Err(EngineError::NotPaused));
    s.pause(t0()).unwrap();
    assert_eq!(s.pause(t0()), Err(EngineError::NotRunning));
}

#[test]
fn skip_ends_the_phase_now_and_keeps_later_lengths() {
    let mut s = sd60();
    s.due_events(t0());
    s.skip(t0() + min(2)).unwrap();
    let st = s.status(t0() + min(2));
    assert_eq!(st.phase_name, "Estimation");
    assert_eq!(st.phase_remaining_ms, 5 * 60_000);
    assert_eq!(st.round_remaining_ms, 55 * 60_000);
    let ev = s.due_events(t0() + min(2));
    assert_eq!(titles(&ev), ["Estimation — 5 min"]);
    assert_eq!(s.next_boundary(t0() + min(2)), Some(t0() + min(7)));
}

#[test]
fn skip_while_paused_moves_to_the_next_phase_still_paused() {
    let mut s = sd60();
    s.due_events(t0());
    s.pause(t0() + min(1)).unwrap();
    s.skip(t0() + min(20)).unwrap();
    let st = s.status(t0() + min(30));
    assert_eq!(st.phase_name, "Estimation");
    assert_eq!(st.phase_remaining_ms, 5 * 60_000);
    assert!(matches!(st.state, RunState::Paused { .. }));
    assert_eq!(
        titles(&s.due_events(t0() + min(30))),
        ["Estimation — 5 min"]
    );
}

#[test]
fn skipping_the_last_phase_completes_the_round() {
    let mut s = Session::start(template("behavioral-45"), t0(), Pace::REAL).unwrap();
    s.skip(t0() + min(1)).unwrap();
    s.skip(t0() + min(2)).unwrap();
    s.skip(t0() + min(3)).unwrap();
    assert_eq!(
        s.state,
        RunState::Finished {
            at: t0() + min(3),
            elapsed_ms: 3 * 60_000,
            ending: Ending::Completed
        }
    );
    assert_eq!(s.skip(t0() + min(4)), Err(EngineError::Finished));
}

#[test]
fn add_minutes_extends_the_current_phase_and_the_round() {
    let mut s = sd60();
    s.add_minutes(5, t0() + min(4)).unwrap();
    let st = s.status(t0() + min(4));
    assert_eq!(st.phase_name, "Requirements");
    assert_eq!(st.phase_remaining_ms, 6 * 60_000);
    assert_eq!(st.round_remaining_ms, 61 * 60_000);
    assert_eq!(s.extra_minutes, 5);
    assert_eq!(
        s.status(t0() + min(65)).state,
        RunState::Finished {
            at: t0() + min(65),
            elapsed_ms: 65 * 60_000,
            ending: Ending::Completed
        }
    );
}

#[test]
fn add_minutes_out_of_range_is_refused() {
    let mut s = sd60();
    assert_eq!(
        s.add_minutes(0, t0()),
        Err(EngineError::MinutesOutOfRange(0))
    );
    assert_eq!(
        s.add_minutes(61, t0()),
        Err(EngineError::MinutesOutOfRange(61))
    );
}

#[test]
fn extension_after_the_warning_warns_again_at_the_new_time() {
    let mut s = sd60();
    s.due_events(t0() + min(55));
    assert_eq!(titles(&s.due_events(t0() + min(56))), Vec::<&str>::new());
    s.add_minutes(5, t0() + min(57)).unwrap();
    assert_eq!(s.next_boundary(t0() + min(57)), Some(t0() + min(60)));
    assert_eq!(titles(&s.due_events(t0() + min(60))), ["5 minutes left"]);
    assert_eq!(titles(&s.due_events(t0() + min(65))), ["Round over"]);
}

#[test]
fn stop_finishes_early_and_is_announced_once() {
    let mut s = sd60();
    s.due_events(t0());
    s.stop(t0() + min(12)).unwrap();
    let ev = s.due_events(t0() + min(12));
    assert_eq!(titles(&ev), ["Round stopped"]);
    assert_eq!(
        ev[0].body,
        "System design 60 stopped after 12:00. Score what you covered."
    );
    assert!(s.due_events(t0() + min(13)).is_empty());
    assert_eq!(s.stop(t0() + min(13)), Err(EngineError::Finished));
    assert_eq!(s.next_boundary(t0() + min(13)), None);
    assert!(s.status(t0() + min(13)).finished);
}

#[test]
fn phase_times_show_overruns_and_cuts() {
    let mut s = sd60();
    s.add_minutes(5, t0() + min(4)).unwrap(); // Requirements 10 min
    s.skip(t0() + min(12)).unwrap(); // Estimation 2 min
    s.stop(t0() + min(20)).unwrap(); // 8 min into High-level design
    let times = s.phase_times(t0() + min(99));
    let over: Vec<i64> = times.iter().map(|t| t.overrun_ms() / 60_000).collect();
    assert_eq!(over, [5, -3, -7, -20, -10, -5]);
    assert_eq!(times[2].actual_ms, 8 * 60_000);
}

#[test]
fn restart_mid_round_resumes_from_the_persisted_schedule() {
    let mut s = sd60();
    s.due_events(t0());
    s.pause(t0() + min(2)).unwrap();
    s.resume(t0() + min(4)).unwrap();
    let json = serde_json::to_string(&s).unwrap();
    let mut back: Session = serde_json::from_str(&json).unwrap();
    assert_eq!(back, s);
    let later = t0() + min(30);
    back.recover(later);
    let st = back.status(later);
    assert_eq!(st.elapsed_ms, 28 * 60_000);
    assert_eq!(st.phase_name, "Deep dive");
    // Only the current phase is announced, not the ones missed while closed.
    assert_eq!(titles(&back.due_events(later)), ["Deep dive — 20 min"]);
}

#[test]
fn round_that_ended_while_closed_shows_as_finished_while_closed() {
    let mut s = sd60();
    s.due_events(t0());
    let mut back: Session = serde_json::from_str(&serde_json::to_string(&s).unwrap()).unwrap();
    back.recover(t0() + min(500));
    assert_eq!(
        back.state,
        RunState::Finished {
            at: t0() + min(60),
            elapsed_ms: 60 * 60_000,
            ending: Ending::CompletedWhileClosed
        }
    );
    let ev = back.due_events(t0() + min(500));
    assert_eq!(titles(&ev), ["Round finished while Loopready was closed"]);
    assert!(back.due_events(t0() + min(501)).is_empty());
    back.recover(t0() + min(502));
    assert!(back.due_events(t0() + min(502)).is_empty());
}

#[test]
fn sleep_pauses_the_round_when_it_began_and_says_so() {
    let mut s = sd60();
    s.due_events(t0());
    let expected = t0() + min(3);
    let woke = expected + min(40);
    let ev = s.observe_tick(expected, woke, Duration::seconds(30));
    assert_eq!(titles(&ev), ["Paused while your computer slept"]);
    assert_eq!(
        ev[0].body,
        "System design 60: paused in Requirements with 2:00 left in the phase. \
         Resume when you are ready."
    );
    assert_eq!(
        s.state,
        RunState::Paused {
            elapsed_ms: 3 * 60_000,
            reason: PauseReason::Suspend,
            since: expected
        }
    );
    s.resume(woke + min(1)).unwrap();
    assert_eq!(s.status(woke + min(1)).elapsed_ms, 3 * 60_000);
}

#[test]
fn a_late_wake_within_the_threshold_is_not_a_sleep() {
    let mut s = sd60();
    let expected = t0() + min(3);
    let ev = s.observe_tick(
        expected,
        expected + Duration::seconds(30),
        Duration::seconds(30),
    );
    assert!(ev.is_empty());
    assert!(matches!(s.state, RunState::Running { .. }));
}

#[test]
fn announcements_due_before_the_sleep_come_before_the_pause() {
    let mut s = sd60();
    s.due_events(t0());
    let ev = s.observe_tick(t0() + min(5), t0() + min(90), Duration::seconds(30));
    assert_eq!(
        titles(&ev),
        ["Estimation — 5 min", "Paused while your computer slept"]
    );
    assert_eq!(s.status(t0() + min(90)).elapsed_ms, 5 * 60_000);
}

#[test]
fn sleep_is_ignored_while_paused() {
    let mut s = sd60();
    s.pause(t0()).unwrap();
    assert!(s
        .observe_tick(t0(), t0() + min(60), Duration::seconds(30))
        .is_empty());
}

#[test]
fn loop_warns_before_each_round_but_not_before_breaks() {
    let mut s = Session::start(template("loop-l6"), t0(), Pace::REAL).unwrap();
    let mut seen = Vec::new();
    let mut now = t0();
    while let Some(b) = s.next_boundary(now) {
        now = b;
        for e in s.due_events(now) {
            seen.push((e.title, (now - t0()).num_minutes()));
        }
    }
    let warnings: Vec<i64> = seen
        .iter()
        .filter(|(t, _)| t == "5 minutes left")
        .map(|(_, m)| *m)
        .collect();
    // Rounds end at 45, 105, 180, 240, 300, 375.
    assert_eq!(warnings, [40, 100, 175, 235, 295, 370]);
    assert!(seen.contains(&("Break — 15 min".to_owned(), 45)));
    assert_eq!(
        seen.last().map(|(t, m)| (t.as_str(), *m)),
        Some(("Round over", 375))
    );
}

#[test]
fn loop_status_counts_the_round_and_the_whole_loop_apart() {
    let s = Session::start(template("loop-l6"), t0(), Pace::REAL).unwrap();
    let st = s.status(t0() + min(50));
    assert_eq!(st.phase_name, "Break");
    assert_eq!(st.round, None);
    assert_eq!(st.round_remaining_ms, 10 * 60_000);
    assert_eq!(st.total_remaining_ms, (375 - 50) * 60_000);
    let st = s.status(t0() + min(61));
    assert_eq!(st.round.as_deref(), Some("Round 2 of 6 · Coding 45"));
    assert_eq!(st.round_remaining_ms, 44 * 60_000);
}

#[test]
fn short_rounds_get_no_five_minute_warning() {
    let t = Template {
        id: TemplateId("drill".into()),
        name: "Drill".into(),
        kind: RoundKind::Custom,
        phases: vec![
            Phase {
                name: "A".into(),
                minutes: 2,
                round: None,
            },
            Phase {
                name: "B".into(),
                minutes: 3,
                round: None,
            },
        ],
    };
    let mut s = Session::start(t, t0(), Pace::REAL).unwrap();
    let mut seen = Vec::new();
    let mut now = t0();
    while let Some(b) = s.next_boundary(now) {
        now = b;
        seen.extend(s.due_events(now).into_iter().map(|e| e.title));
    }
    assert_eq!(seen, ["A — 2 min", "B — 3 min", "Round over"]);
}

#[test]
fn a_fast_pace_runs_template_minutes_as_seconds() {
    let pace = Pace::from_minute_ms(1_000).unwrap();
    let mut s = Session::start(template("behavioral-45"), t0(), pace).unwrap();
    s.due_events(t0());
    assert_eq!(s.next_boundary(t0()), Some(t0() + Duration::seconds(5)));
    assert!(s.status(t0() + Duration::seconds(45)).finished);
    assert_eq!(Pace::from_minute_ms(0), None);
}

#[test]
fn invalid_template_cannot_start() {
    let mut t = template("coding-45");
    t.phases.clear();
    assert!(Session::start(t, t0(), Pace::REAL).is_err());
}

#[test]
fn session_json_uses_kebab_case_states() {
    let mut s = sd60();
    s.pause(t0()).unwrap();
    let v = serde_json::to_value(&s).unwrap();
    assert_eq!(v["state"]["state"], "paused");
    assert_eq!(v["state"]["reason"], "user");
    assert_eq!(v["state"]["elapsedMs"], 0);
}

#[test]
fn clock_text_rounds_up_to_the_second() {
    assert_eq!(clock_text(0), "0:00");
    assert_eq!(clock_text(1), "0:01");
    assert_eq!(clock_text(65_000), "1:05");
    assert_eq!(clock_text(3_723_000), "1:02:03");
}
