//! The driver on simulated time: the fake clock only moves when a test lets
//! it flow (the thread then wakes at each instant it planned) or jumps it
//! (a suspend). Nothing here sleeps or depends on real timing; the real-time
//! guard only bounds how long a broken driver can hang a test.

use std::sync::{Arc, Mutex};
use std::time::Duration as StdDuration;

use chrono::{Duration, TimeZone};

use super::*;
use crate::timer::clock::FakeClock;
use crate::timer::engine::{Ending, PauseReason};
use crate::timer::templates::{builtin_by_id, Phase, RoundKind, TemplateId};

const GUARD: StdDuration = StdDuration::from_secs(20);

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap()
}

#[derive(Debug, Clone, PartialEq)]
struct Emitted {
    title: String,
    due_at: DateTime<Utc>,
    emitted_at: DateTime<Utc>,
}

#[derive(Clone)]
struct RecordingSink {
    clock: FakeClock,
    emitted: Arc<Mutex<Vec<Emitted>>>,
    persisted: Arc<Mutex<Vec<Session>>>,
    cleared: Arc<Mutex<u32>>,
}

impl RecordingSink {
    fn new(clock: &FakeClock) -> Self {
        RecordingSink {
            clock: clock.clone(),
            emitted: Arc::default(),
            persisted: Arc::default(),
            cleared: Arc::default(),
        }
    }

    fn titles(&self) -> Vec<String> {
        self.emitted
            .lock()
            .unwrap()
            .iter()
            .map(|e| e.title.clone())
            .collect()
    }

    fn last_persisted(&self) -> Option<Session> {
        self.persisted.lock().unwrap().last().cloned()
    }
}

impl Sink for RecordingSink {
    fn emit(&self, event: &TimerEvent, _status: &Status) {
        self.emitted.lock().unwrap().push(Emitted {
            title: event.title.clone(),
            due_at: event.due_at,
            emitted_at: self.clock.now(),
        });
    }

    fn persist(&self, session: &Session) {
        self.persisted.lock().unwrap().push(session.clone());
    }

    fn cleared(&self) {
        *self.cleared.lock().unwrap() += 1;
    }
}

fn drill() -> Template {
    Template {
        id: TemplateId("drill".into()),
        name: "Drill".into(),
        kind: RoundKind::Custom,
        phases: ["One", "Two", "Three"]
            .into_iter()
            .map(|n| Phase {
                name: n.into(),
                minutes: 1,
                round: None,
            })
            .collect(),
    }
}

fn spawn(restored: Option<Session>) -> (FakeClock, RecordingSink, TimerHandle) {
    let clock = FakeClock::new(t0());
    let sink = RecordingSink::new(&clock);
    let handle = TimerHandle::spawn(
        clock.clone(),
        sink.clone(),
        restored,
        DriverConfig::default(),
    )
    .unwrap();
    (clock, sink, handle)
}

#[test]
fn phases_are_announced_in_order_exactly_at_their_deadlines() {
    let (clock, sink, timer) = spawn(None);
    timer.send(Command::Start(drill(), None)).unwrap();
    assert!(clock.flow(Duration::minutes(10), GUARD));
    assert_eq!(
        sink.titles(),
        ["One — 1 min", "Two — 1 min", "Three — 1 min", "Round over"]
    );
    for e in sink.emitted.lock().unwrap().iter() {
        assert_eq!(e.emitted_at, e.due_at, "{} was late", e.title);
    }
    let due: Vec<_> = sink
        .emitted
        .lock()
        .unwrap()
        .iter()
        .map(|e| e.due_at)
        .collect();
    assert_eq!(due[3], t0() + Duration::minutes(3));
    timer.shutdown().unwrap();
}

#[test]
fn end_of_a_sixty_minute_round_lands_on_its_deadline() {
    let (clock, sink, timer) = spawn(None);
    let sd60 = builtin_by_id("system-design-60").unwrap().unwrap();
    timer.send(Command::Start(sd60, None)).unwrap();
    assert!(clock.flow(Duration::minutes(61), GUARD));
    let emitted = sink.emitted.lock().unwrap().clone();
    let end = emitted.last().unwrap();
    assert_eq!(end.title, "Round over");
    assert_eq!(end.emitted_at, t0() + Duration::minutes(60));
    assert!(emitted
        .iter()
        .any(|e| e.title == "5 minutes left" && e.emitted_at == t0() + Duration::minutes(55)));
}

#[test]
fn commands_answer_with_the_status_and_are_persisted() {
    let (clock, sink, timer) = spawn(None);
    timer.send(Command::Start(drill(), None)).unwrap();
    assert!(clock.flow(Duration::seconds(30), GUARD));
    let st = timer.send(Command::Pause).unwrap().unwrap();
    assert!(matches!(
        st.state,
        RunState::Paused {
            reason: PauseReason::User,
            ..
        }
    ));
    assert!(clock.flow(Duration::minutes(30), GUARD));
    let st = timer.send(Command::Resume).unwrap().unwrap();
    assert_eq!(st.elapsed_ms, 30_000);
    let st = timer.send(Command::AddMinutes(5)).unwrap().unwrap();
    assert_eq!(st.phase_remaining_ms, 5 * 60_000 + 30_000);
    let st = timer.send(Command::Skip).unwrap().unwrap();
    assert_eq!(st.phase_name, "Two");
    assert_eq!(st.phase_remaining_ms, 60_000);
    let saved = sink.last_persisted().unwrap();
    assert_eq!(saved.status(clock.now()), st);
    let st = timer.send(Command::Stop).unwrap().unwrap();
    assert!(st.finished);
    assert_eq!(
        sink.titles().last().map(String::as_str),
        Some("Round stopped")
    );
}

#[test]
fn commands_that_do_not_apply_fail_with_typed_errors() {
    let (_clock, _sink, timer) = spawn(None);
    assert_eq!(timer.send(Command::Pause), Err(DriverError::NoRound));
    assert_eq!(timer.send(Command::Status), Ok(None));
    timer.send(Command::Start(drill(), None)).unwrap();
    assert_eq!(
        timer.send(Command::Start(drill(), None)),
        Err(DriverError::RoundInProgress)
    );
    assert_eq!(
        timer.send(Command::Resume),
        Err(DriverError::Engine(EngineError::NotPaused))
    );
    assert_eq!(
        timer.send(Command::Clear),
        Err(DriverError::RoundInProgress)
    );
    let mut bad = drill();
    bad.phases.clear();
    timer.send(Command::Stop).unwrap();
    assert_eq!(
        timer.send(Command::Start(bad, None)),
        Err(DriverError::Template(TemplateError::PhaseCount(0)))
    );
}

#[test]
fn clear_forgets_a_finished_round() {
    let (_clock, sink, timer) = spawn(None);
    timer.send(Command::Start(drill(), None)).unwrap();
    timer.send(Command::Stop).unwrap();
    assert_eq!(timer.send(Command::Clear), Ok(None));
    assert_eq!(*sink.cleared.lock().unwrap(), 1);
    assert_eq!(timer.send(Command::Status), Ok(None));
}

#[test]
fn a_clock_jump_pauses_the_round_where_the_machine_fell_asleep() {
    let (clock, sink, timer) = spawn(None);
    let sd60 = builtin_by_id("system-design-60").unwrap().unwrap();
    timer.send(Command::Start(sd60, None)).unwrap();
    assert!(clock.flow(Duration::minutes(2), GUARD));
    clock.advance(Duration::minutes(40));
    assert!(clock.flow(Duration::zero(), GUARD));
    assert_eq!(
        sink.titles().last().map(String::as_str),
        Some("Paused while your computer slept")
    );
    let st = timer.send(Command::Status).unwrap().unwrap();
    // The thread was waiting for 9:02:01 (one slice) when the jump came.
    assert_eq!(st.elapsed_ms, 2 * 60_000 + 1_000);
    assert!(matches!(
        st.state,
        RunState::Paused {
            reason: PauseReason::Suspend,
            ..
        }
    ));
    let saved = sink.last_persisted().unwrap();
    assert!(matches!(
        saved.state,
        RunState::Paused {
            reason: PauseReason::Suspend,
            ..
        }
    ));
}

#[test]
fn restored_running_session_carries_on_from_its_deadlines() {
    let mut session = Session::start(drill(), t0() - Duration::seconds(90), Pace::REAL).unwrap();
    session.due_events(t0() - Duration::seconds(90));
    let (clock, sink, timer) = spawn(Some(session));
    assert!(clock.flow(Duration::zero(), GUARD));
    assert_eq!(sink.titles(), ["Two — 1 min"]);
    assert!(clock.flow(Duration::minutes(5), GUARD));
    assert_eq!(
        sink.titles(),
        ["Two — 1 min", "Three — 1 min", "Round over"]
    );
    let end = sink.emitted.lock().unwrap().last().unwrap().emitted_at;
    assert_eq!(end, t0() + Duration::seconds(90));
    drop(timer);
}

#[test]
fn restored_session_that_ended_while_closed_is_announced_once() {
    let mut session = Session::start(drill(), t0() - Duration::hours(3), Pace::REAL).unwrap();
    session.due_events(t0() - Duration::hours(3));
    let (clock, sink, timer) = spawn(Some(session));
    assert!(clock.flow(Duration::minutes(1), GUARD));
    assert_eq!(sink.titles(), ["Round finished while Loopready was closed"]);
    let st = timer.send(Command::Status).unwrap().unwrap();
    assert_eq!(
        st.state,
        RunState::Finished {
            at: t0() - Duration::hours(3) + Duration::minutes(3),
            elapsed_ms: 3 * 60_000,
            ending: Ending::CompletedWhileClosed
        }
    );
}

#[test]
fn a_fast_pace_runs_a_round_in_seconds() {
    let clock = FakeClock::new(t0());
    let sink = RecordingSink::new(&clock);
    let config = DriverConfig {
        pace: Pace::from_minute_ms(1_000).unwrap(),
        ..DriverConfig::default()
    };
    let timer = TimerHandle::spawn(clock.clone(), sink.clone(), None, config).unwrap();
    timer.send(Command::Start(drill(), None)).unwrap();
    assert!(clock.flow(Duration::seconds(4), GUARD));
    assert_eq!(sink.titles().len(), 4);
    assert_eq!(
        sink.emitted.lock().unwrap()[1].emitted_at,
        t0() + Duration::seconds(1)
    );
    timer.shutdown().unwrap();
}

/// The titles announced and the time run after `minutes` of a 60-minute
/// design round, with `jump` applied to the clock after its second minute.
fn design_round_with(jump: impl Fn(&FakeClock), minutes: i64) -> (Vec<String>, Status) {
    let (clock, sink, timer) = spawn(None);
    let sd60 = builtin_by_id("system-design-60").unwrap().unwrap();
    timer.send(Command::Start(sd60, None)).unwrap();
    assert!(clock.flow(Duration::minutes(2), GUARD));
    jump(&clock);
    assert!(clock.flow(Duration::minutes(minutes - 2), GUARD));
    let st = timer.send(Command::Status).unwrap().unwrap();
    (sink.titles(), st)
}

#[test]
fn a_clock_set_back_an_hour_mid_round_changes_nothing_the_round_says() {
    let (plain_titles, plain) = design_round_with(|_| {}, 27);
    let (titles, st) = design_round_with(|c| c.set(c.now() - Duration::hours(1)), 27);
    assert_eq!(titles, plain_titles, "the same phases were announced");
    assert!(matches!(st.state, RunState::Running { .. }));
    assert_eq!(st.phase_index, plain.phase_index);
    // Up to one slice (a second) of the moment the clock moved is lost.
    let lost = plain.elapsed_ms - st.elapsed_ms;
    assert!((0..=1_000).contains(&lost), "{lost} ms");
}

#[test]
fn a_clock_set_forward_a_day_mid_round_pauses_it_with_its_time_kept() {
    let (titles, st) = design_round_with(|c| c.advance(Duration::days(1)), 3);
    assert_eq!(
        titles.last().map(String::as_str),
        Some("Paused while your computer slept")
    );
    assert!(matches!(
        st.state,
        RunState::Paused {
            reason: PauseReason::Suspend,
            ..
        }
    ));
    // Two minutes and the slice it was waiting on; not a day.
    assert_eq!(st.elapsed_ms, 2 * 60_000 + 1_000);
}

/// The round runs on UTC instants, so a daylight-saving change in the
/// middle (New York, 2026-03-08: 02:00 EST becomes 03:00 EDT at 07:00 UTC)
/// neither adds nor takes an hour: a 60-minute round started at 01:30 EST
/// ends 60 real minutes later, at 03:30 EDT.
#[test]
fn a_round_across_a_daylight_saving_change_runs_its_real_minutes() {
    let start = Utc.with_ymd_and_hms(2026, 3, 8, 6, 30, 0).unwrap();
    let clock = FakeClock::new(start);
    let sink = RecordingSink::new(&clock);
    let timer =
        TimerHandle::spawn(clock.clone(), sink.clone(), None, DriverConfig::default()).unwrap();
    let sd60 = builtin_by_id("system-design-60").unwrap().unwrap();
    timer.send(Command::Start(sd60, None)).unwrap();
    assert!(clock.flow(Duration::minutes(61), GUARD));
    let end = sink.emitted.lock().unwrap().last().unwrap().clone();
    assert_eq!(end.title, "Round over");
    assert_eq!(end.emitted_at, start + Duration::minutes(60));
    let st = timer.send(Command::Status).unwrap().unwrap();
    assert_eq!(st.elapsed_ms, 60 * 60_000);
}
