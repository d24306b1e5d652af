//! How late the timer thread announces a boundary: the real driver on the
//! real clock runs rounds of short phases, and a recording sink notes when
//! each announcement is handed over (where the app hands it to the OS)
//! against the instant it was due. Prints the median and the maximum delay,
//! which must stay under 100 ms. Then the end of a 60-minute round on the
//! simulated clock, which must land on its deadline; and, when
//! TIMER_LATENCY_REAL_MINUTES=N is set, the end of an N-minute round in real
//! time. Run with `cargo bench --bench timer_latency`.

use std::sync::{Arc, Mutex};
use std::time::Duration as StdDuration;

use chrono::{DateTime, Utc};
use loopready::timer::templates::{builtin_by_id, customised, RoundKind, TemplateId};
use loopready::timer::{
    Clock, Command, DriverConfig, EventKind, FakeClock, Pace, Session, Sink, Status, SystemClock,
    TimerEvent, TimerHandle,
};

/// Minutes last this many milliseconds in the short rounds.
const MINUTE_MS: i64 = 200;
const ROUNDS: usize = 3;
const PHASES: usize = 12;

#[derive(Debug, Clone)]
struct Emitted {
    title: String,
    finished: bool,
    due_at: DateTime<Utc>,
    emitted_at: DateTime<Utc>,
}

/// Notes every announcement with the time `now` gives when it arrives.
#[derive(Clone)]
struct RecordingSink {
    now: Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>,
    emitted: Arc<Mutex<Vec<Emitted>>>,
}

impl RecordingSink {
    fn new(now: impl Fn() -> DateTime<Utc> + Send + Sync + 'static) -> Self {
        RecordingSink {
            now: Arc::new(now),
            emitted: Arc::default(),
        }
    }

    fn taken(&self) -> Vec<Emitted> {
        self.emitted.lock().map(|e| e.clone()).unwrap_or_default()
    }

    fn finished(&self) -> bool {
        self.taken().iter().any(|e| e.finished)
    }
}

impl Sink for RecordingSink {
    fn emit(&self, event: &TimerEvent, _status: &Status) {
        let emitted_at = (self.now)();
        if let Ok(mut e) = self.emitted.lock() {
            e.push(Emitted {
                title: event.title.clone(),
                finished: matches!(event.kind, EventKind::Finished { .. }),
                due_at: event.due_at,
                emitted_at,
            });
        }
    }

    fn persist(&self, _session: &Session) {}
}

fn delay_ms(e: &Emitted) -> f64 {
    (e.emitted_at - e.due_at)
        .num_microseconds()
        .unwrap_or(i64::MAX) as f64
        / 1000.0
}

fn short_round(n: usize) -> loopready::timer::Template {
    let phases = (1..=PHASES).map(|i| (format!("Phase {i}"), 1)).collect();
    customised(
        TemplateId(format!("bench-{n}")),
        RoundKind::Custom,
        format!("Bench round {n}"),
        phases,
    )
    .unwrap_or_else(|e| panic!("the bench template is valid: {e}"))
}

/// Waits (in real time) until the sink saw the round end, at most `limit`.
fn wait_finished(sink: &RecordingSink, limit: StdDuration) {
    let started = std::time::Instant::now();
    while !sink.finished() {
        assert!(started.elapsed() < limit, "the round never ended");
        std::thread::sleep(StdDuration::from_millis(20));
    }
}

fn short_rounds_on_the_real_clock() {
    let pace = Pace::from_minute_ms(MINUTE_MS).unwrap_or_default();
    let mut delays = Vec::new();
    for n in 0..ROUNDS {
        let sink = RecordingSink::new(Utc::now);
        let config = DriverConfig {
            pace,
            ..DriverConfig::default()
        };
        let handle = TimerHandle::spawn(SystemClock, sink.clone(), None, config)
            .unwrap_or_else(|e| panic!("the timer thread starts: {e}"));
        handle
            .send(Command::Start(short_round(n), None))
            .unwrap_or_else(|e| panic!("the round starts: {e}"));
        let round_ms = PHASES as u64 * MINUTE_MS as u64;
        wait_finished(&sink, StdDuration::from_millis(round_ms * 3 + 2000));
        let _ = handle.shutdown();
        // The first phase is announced by the start command itself, not at a
        // boundary the thread slept until.
        for e in sink.taken().iter().skip(1) {
            delays.push((e.title.clone(), delay_ms(e)));
        }
    }
    println!(
        "real clock, {ROUNDS} rounds of {PHASES} phases of {MINUTE_MS} ms ({} boundaries):",
        delays.len()
    );
    for (title, d) in &delays {
        println!("  {title:<24} {d:>8.3} ms late");
    }
    let mut sorted: Vec<f64> = delays.iter().map(|(_, d)| *d).collect();
    sorted.sort_by(f64::total_cmp);
    let median = sorted.get(sorted.len() / 2).copied().unwrap_or(f64::NAN);
    let max = sorted.last().copied().unwrap_or(f64::NAN);
    println!("  median {median:.3} ms, max {max:.3} ms (must be under 100 ms)");
}

fn sixty_minutes_on_the_fake_clock() {
    let t0 = DateTime::parse_from_rfc3339("2026-03-02T09:00:00Z")
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_default();
    let clock = FakeClock::new(t0);
    let reader = clock.clone();
    let sink = RecordingSink::new(move || reader.now());
    let template = builtin_by_id("system-design-60")
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("the 60-minute round is built in"));
    let handle = TimerHandle::spawn(clock.clone(), sink.clone(), None, DriverConfig::default())
        .unwrap_or_else(|e| panic!("the timer thread starts: {e}"));
    let real = std::time::Instant::now();
    if handle.send(Command::Start(template, None)).is_err() {
        panic!("the round starts");
    }
    let flowed = clock.flow(chrono::Duration::minutes(61), StdDuration::from_secs(120));
    let _ = handle.shutdown();
    let end = sink.taken().into_iter().find(|e| e.finished);
    match end {
        Some(e) if flowed => println!(
            "fake clock, 60-minute round: ended {} ms after its deadline ({} announcements, simulated in {:.0} ms of real time)",
            (e.emitted_at - e.due_at).num_milliseconds(),
            sink.taken().len(),
            real.elapsed().as_secs_f64() * 1000.0
        ),
        _ => println!("fake clock, 60-minute round: did not end"),
    }
}

fn one_real_round(minutes: u32) {
    let template = customised(
        TemplateId("bench-real".into()),
        RoundKind::Custom,
        "Real-time round".into(),
        vec![("Whole round".into(), minutes)],
    )
    .unwrap_or_else(|e| panic!("the bench template is valid: {e}"));
    let sink = RecordingSink::new(Utc::now);
    let handle = TimerHandle::spawn(SystemClock, sink.clone(), None, DriverConfig::default())
        .unwrap_or_else(|e| panic!("the timer thread starts: {e}"));
    if handle.send(Command::Start(template, None)).is_err() {
        panic!("the round starts");
    }
    wait_finished(&sink, StdDuration::from_secs(u64::from(minutes) * 60 + 10));
    let _ = handle.shutdown();
    for e in sink.taken().iter().skip(1) {
        println!(
            "real time, {minutes}-minute round: {:<24} {:>8.3} ms late",
            e.title,
            delay_ms(e)
        );
    }
}

fn main() {
    // `cargo test --benches` runs benches with --bench absent; keep it quick then.
    if !std::env::args().any(|a| a == "--bench") {
        println!("timer_latency: run with `cargo bench --bench timer_latency`");
        return;
    }
    short_rounds_on_the_real_clock();
    sixty_minutes_on_the_fake_clock();
    if let Some(minutes) = std::env::var("TIMER_LATENCY_REAL_MINUTES")
        .ok()
        .and_then(|m| m.parse::<u32>().ok())
    {
        one_real_round(minutes);
    }
}
