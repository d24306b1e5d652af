//! End to end in the real window: the app binary under Xvfb, driven through
//! tauri-driver and WebKitWebDriver by labels, as a person would.

mod support;

use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::Value;
use support::{given_profile, in_days, App, WAIT};

#[tokio::test(flavor = "multi_thread")]
async fn first_run_profile_survives_a_restart_and_today_counts_the_days() {
    let dir = tempfile::tempdir().unwrap();
    let app = App::launch(dir.path()).await;
    app.wait_for_text("h1", "Welcome to Loopready").await;
    app.fill_date("Interview date", &in_days(45)).await;
    app.choose("Target level", "L7").await;
    app.choose("Role track", "manager").await;
    app.choose("Current level", "manager").await;
    app.fill("Hours per week", "18").await;
    app.control("Saturday").await.click().await.unwrap();
    app.choose("Risk tolerance", "low").await;
    app.click_button("Start preparing").await;
    app.wait_for_text("#days-left", "45 days left").await;
    app.quit().await;

    let app = App::launch(dir.path()).await;
    app.wait_for_text("#days-left", "45 days left").await;
    // The profile card is drawn just after the agenda.
    let profile = app
        .wait_for_text("section[aria-label='Your profile']", "L7")
        .await;
    assert!(profile.contains("Sat"), "{profile}");
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_invalid_interview_date_shows_the_error_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    given_profile(dir.path(), 30);
    let app = App::launch(dir.path()).await;
    app.link("Settings").await.click().await.unwrap();
    app.wait_for_text("h1", "Settings").await;
    app.fill_date("Interview date", &in_days(-2)).await;
    app.fill("Hours per week", "40").await;
    app.click_button("Save profile").await;
    // The message sits under the date it is about (messages.js).
    let note = app.wait_for_text(".field-error", "is in the past").await;
    assert!(note.contains(&in_days(-2)), "{note}");
    let invalid = app
        .js("return document.querySelector('[name=interviewDate]').getAttribute('aria-invalid');")
        .await;
    assert_eq!(invalid, "true");
    app.quit().await;

    let stored = support::cli(dir.path(), &["profile", "--json"]);
    assert_eq!(stored["daysLeft"], 30);
    assert_eq!(stored["profile"]["hoursPerWeek"], 20);
}

/// Summaries and bodies dunst has received, read from its history.
fn dunst_history() -> Vec<(String, String)> {
    let _ = Command::new("dunstctl").arg("close-all").status();
    let out = Command::new("dunstctl")
        .arg("history")
        .output()
        .expect("dunstctl runs");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    let field = |n: &Value, k: &str| n[k]["data"].as_str().unwrap_or_default().to_owned();
    v["data"][0]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|n| (field(n, "summary"), field(n, "body")))
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread")]
async fn test_notification_reaches_the_desktop_notification_daemon() {
    let dir = tempfile::tempdir().unwrap();
    given_profile(dir.path(), 20);
    let expected = (
        loopready::commands::system::TEST_TITLE.to_owned(),
        loopready::commands::system::TEST_BODY.to_owned(),
    );
    // The daemon may have seen earlier runs; count what this one adds.
    let before = dunst_history()
        .into_iter()
        .filter(|n| *n == expected)
        .count();
    let app = App::launch(dir.path()).await;
    app.link("Settings").await.click().await.unwrap();
    app.wait_for_text("h1", "Settings").await;
    app.click_button("Send test notification").await;
    app.wait_for_text(".banner", "Test notification sent").await;

    let started = Instant::now();
    loop {
        let received = dunst_history()
            .into_iter()
            .filter(|n| *n == expected)
            .count()
            - before;
        if received == 1 {
            break;
        }
        assert!(
            received == 0 && started.elapsed() < WAIT,
            "dunst received the test notification {received} times"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    app.quit().await;
}
