//! End to end: a mock round in the real window, announced by the backend
//! thread to the window and to the desktop's notification daemon, and still
//! there after a restart. Template minutes are shortened to 150 ms.

mod support;

use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::Value;
use support::{given_profile, App, WAIT};

const FAST: [(&str, &str); 1] = [("LOOPREADY_TIMER_MINUTE_MS", "150")];

fn dunst_summaries() -> Vec<String> {
    let out = Command::new("dunstctl")
        .arg("history")
        .output()
        .expect("dunstctl runs");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    let _ = Command::new("dunstctl").arg("close-all").status();
    let now: Vec<String> = v["data"][0]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|n| n["summary"]["data"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    now
}

#[tokio::test(flavor = "multi_thread")]
async fn a_round_announces_its_phases_and_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    given_profile(dir.path(), 30);
    let app = App::launch_with_env(dir.path(), &FAST).await;
    app.link("Mock timer").await.click().await.unwrap();
    app.wait_for_text("h1", "Mock timer").await;
    app.choose("Round", "coding-45").await;
    app.button("Start round").await.click().await.unwrap();
    app.wait_for_text("#phase-name", "Understand the problem")
        .await;

    // The backend thread moves to the next phase on its own deadline and
    // says so in the window.
    app.wait_for_text("#phase-name", "Approach").await;
    app.wait_for_text(".banner.timer", "Approach — 5 min").await;
    app.shot("timer").await;

    // ... and on the desktop.
    let started = Instant::now();
    loop {
        let seen = dunst_summaries();
        if seen.iter().any(|s| s == "Approach — 5 min") {
            break;
        }
        assert!(
            started.elapsed() < WAIT,
            "dunst never showed the phase; it saw {seen:?}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    app.quit().await;

    // After a restart the round is still there (running, or finished while
    // the app was closed), computed from its saved deadlines.
    let app = App::launch_with_env(dir.path(), &FAST).await;
    app.link("Mock timer").await.click().await.unwrap();
    app.wait_for_text("h1", "Mock timer").await;
    app.wait_for_text("#timer-state", "Coding 45").await;
    app.wait_for_text("#timer-state", "Finished").await;
    app.quit().await;
}
