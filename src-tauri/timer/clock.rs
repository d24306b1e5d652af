//! Where the timer gets the time and how its thread waits. The engine never
//! reads a clock; the driver asks a `Clock` for "now" and to wait on its
//! command channel until an instant. `SystemClock` is the real wall clock;
//! `FakeClock` is simulated time for tests: it only moves when the test lets
//! it flow (as real time would, through every planned wake-up) or jumps it
//! (as a suspended laptop would).

use std::sync::mpsc::{Receiver, RecvTimeoutError, TryRecvError};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::Duration as StdDuration;

use chrono::{DateTime, Utc};

/// A source of wall-clock time, and a way to wait for it.
pub trait Clock: Send + Sync + 'static {
    fn now(&self) -> DateTime<Utc>;

    /// Waits for a message on `rx` until the clock reads `until` (`None`:
    /// until a message arrives). `Timeout` means `until` was reached.
    fn recv_until<T>(
        &self,
        rx: &Receiver<T>,
        until: Option<DateTime<Utc>>,
    ) -> Result<T, RecvTimeoutError>;
}

/// The machine's clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }

    fn recv_until<T>(
        &self,
        rx: &Receiver<T>,
        until: Option<DateTime<Utc>>,
    ) -> Result<T, RecvTimeoutError> {
        match until {
            None => rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
            Some(until) => {
                let wait = (until - Utc::now()).to_std().unwrap_or(StdDuration::ZERO);
                rx.recv_timeout(wait)
            }
        }
    }
}

/// Simulated time shared between a test and the driver thread (clones share
/// the same time).
#[derive(Debug, Clone)]
pub struct FakeClock {
    inner: Arc<(Mutex<FakeState>, Condvar)>,
}

#[derive(Debug)]
struct FakeState {
    now: DateTime<Utc>,
    /// How far time may flow while a waiter is waiting.
    target: DateTime<Utc>,
    /// A waiter has caught up with `target` and has nothing to do.
    idle: bool,
    /// Time as a monotonic clock counts it: it moves only as time flows,
    /// never with a jump, so a wait still ends when the wall clock is set
    /// back (as `recv_timeout` does on the real one).
    flowed: DateTime<Utc>,
}

/// How often a fake waiter looks at its channel while time stands still.
const FAKE_POLL: StdDuration = StdDuration::from_millis(1);

impl FakeClock {
    pub fn new(at: DateTime<Utc>) -> Self {
        FakeClock {
            inner: Arc::new((
                Mutex::new(FakeState {
                    now: at,
                    target: at,
                    idle: false,
                    flowed: at,
                }),
                Condvar::new(),
            )),
        }
    }

    fn state(&self) -> MutexGuard<'_, FakeState> {
        self.inner.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Jumps the clock to `at` at once. Forward, as a wake from suspend
    /// does: a waiter sees its planned wake-up long gone. Back, as a
    /// clock set back does: a waiter still wakes after the time it meant
    /// to wait.
    pub fn set(&self, at: DateTime<Utc>) {
        let mut st = self.state();
        st.now = at;
        st.target = at;
        st.idle = false;
        self.inner.1.notify_all();
    }

    /// Jumps the clock forward by `by` (see `set`).
    pub fn advance(&self, by: chrono::Duration) {
        let at = self.now() + by;
        self.set(at);
    }

    /// Lets time flow to `at` the way real time does: a waiting driver
    /// wakes at each instant it planned, in order. Returns once the driver
    /// has caught up and waits idle, or `false` if that took over `guard` of
    /// real time (a hung driver; only a failing test gets there).
    pub fn flow_to(&self, at: DateTime<Utc>, guard: StdDuration) -> bool {
        let (lock, cv) = &*self.inner;
        let mut st = lock.lock().unwrap_or_else(PoisonError::into_inner);
        if at > st.now {
            st.target = at;
            st.idle = false;
            cv.notify_all();
        }
        let deadline = std::time::Instant::now() + guard;
        while !(st.idle && st.now == st.target) {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            if left.is_zero() {
                return false;
            }
            st = cv
                .wait_timeout(st, left)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
        true
    }

    /// Lets time flow by `by`; see `flow_to`.
    pub fn flow(&self, by: chrono::Duration, guard: StdDuration) -> bool {
        let at = self.now() + by;
        self.flow_to(at, guard)
    }
}

impl Clock for FakeClock {
    fn now(&self) -> DateTime<Utc> {
        self.state().now
    }

    fn recv_until<T>(
        &self,
        rx: &Receiver<T>,
        until: Option<DateTime<Utc>>,
    ) -> Result<T, RecvTimeoutError> {
        let (lock, cv) = &*self.inner;
        let mut st = lock.lock().unwrap_or_else(PoisonError::into_inner);
        // The wait, as a length of time from now (what a real wait is).
        let wake = until.map(|u| st.flowed + (u - st.now));
        loop {
            match rx.try_recv() {
                Ok(msg) => {
                    st.idle = false;
                    return Ok(msg);
                }
                Err(TryRecvError::Disconnected) => return Err(RecvTimeoutError::Disconnected),
                Err(TryRecvError::Empty) => {}
            }
            if until.is_some_and(|u| st.now >= u) || wake.is_some_and(|w| st.flowed >= w) {
                st.idle = false;
                return Err(RecvTimeoutError::Timeout);
            }
            if st.target > st.now {
                let step = match wake {
                    Some(w) => (w - st.flowed).min(st.target - st.now),
                    None => st.target - st.now,
                };
                st.now += step;
                st.flowed += step;
                st.idle = false;
                continue;
            }
            if !st.idle {
                st.idle = true;
                cv.notify_all();
            }
            st = cv
                .wait_timeout(st, FAKE_POLL)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use std::sync::mpsc;

    #[test]
    fn fake_clock_stops_at_the_waiters_deadline_then_reports_timeout() {
        let t0 = Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0).unwrap();
        let clock = FakeClock::new(t0);
        let (_tx, rx) = mpsc::channel::<()>();
        let flowing = clock.clone();
        let waiter = std::thread::spawn(move || {
            let until = t0 + chrono::Duration::seconds(10);
            let r = flowing.recv_until(&rx, Some(until));
            (r, flowing.now())
        });
        // Nothing else waits afterwards, so flow_to cannot see an idle
        // waiter; just let it run and check where the waiter stopped.
        let _ = clock.flow_to(
            t0 + chrono::Duration::minutes(5),
            StdDuration::from_millis(50),
        );
        let (r, at) = waiter.join().unwrap();
        assert_eq!(r, Err(RecvTimeoutError::Timeout));
        assert_eq!(at, t0 + chrono::Duration::seconds(10));
    }

    #[test]
    fn fake_clock_delivers_messages_without_moving_time() {
        let t0 = Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0).unwrap();
        let clock = FakeClock::new(t0);
        let (tx, rx) = mpsc::channel();
        tx.send(7).unwrap();
        assert_eq!(clock.recv_until(&rx, None), Ok(7));
        assert_eq!(clock.now(), t0);
    }
}
