//! Start-up marks for the performance harness (`perf/run.py`): lines
//! `STARTUP-NAME` on stderr, which the harness times as they arrive. They
//! print only when `LOOPREADY_STARTUP_MARK` asks; otherwise nothing happens.

/// Environment switch: `1` prints the marks, `tour` also has the page visit
/// every view after its first paint.
pub const STARTUP_MARK_ENV: &str = "LOOPREADY_STARTUP_MARK";

/// What the harness asked for: `""` (nothing: the normal case), `"1"` or
/// `"tour"`.
fn mode() -> &'static str {
    match std::env::var(STARTUP_MARK_ENV).as_deref() {
        Ok("1") => "1",
        Ok("tour") => "tour",
        _ => "",
    }
}

/// A mark of the process's own (`MAIN`, `STORE`, `SETUP`).
pub fn mark(stage: &str) {
    print_mark(stage, None);
}

/// A mark from the page, at `at` ms of its clock when it says; returns
/// [`mode`], so the page knows whether to send its other marks and tour.
pub fn page_mark(stage: &str, at: Option<f64>) -> String {
    print_mark(stage, at);
    mode().to_owned()
}

/// A stage is capital letters; anything else (the page can send what it
/// likes) prints nothing.
fn print_mark(stage: &str, at: Option<f64>) {
    let well_formed = !stage.is_empty() && stage.chars().all(|c| c.is_ascii_uppercase());
    if mode().is_empty() || !well_formed {
        return;
    }
    match at.filter(|ms| ms.is_finite()) {
        Some(ms) => eprintln!("STARTUP-{stage} {ms:.1}"),
        None => eprintln!("STARTUP-{stage}"),
    }
}
