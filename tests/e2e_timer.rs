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
    // With nothing chosen yet, the timer offers the level's design round.
    let offered = app.control("Round").await.prop("value").await.unwrap();
    assert_eq!(
        offered.as_deref(),
        Some("system-design-60"),
        "L6's design round first"
    );
    app.choose("Round", "coding-45").await;
    // A phase lasts 750 ms here, less than a loaded machine may take
    // between two polls, so the texts are recorded as they change.
    app.record_texts("#phase-name").await;
    app.record_texts(".banner.timer").await;
    app.click_button("Start round").await;
    app.wait_for_recorded("#phase-name", "Understand the problem")
        .await;

    // The backend thread moves to the next phase on its own deadline and
    // says so in the window.
    app.wait_for_recorded("#phase-name", "Approach").await;
    app.wait_for_recorded(".banner.timer", "Approach — 5 min")
        .await;
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

/// Every notification dunst has received so far, by id (oldest first): the
/// ones on screen are closed into the history first.
fn dunst_received(seen: &mut std::collections::BTreeMap<i64, (String, String)>) {
    let _ = Command::new("dunstctl").arg("close-all").status();
    let out = Command::new("dunstctl")
        .arg("history")
        .output()
        .expect("dunstctl runs");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    let text = |n: &Value, k: &str| n[k]["data"].as_str().unwrap_or_default().to_owned();
    for n in v["data"][0].as_array().into_iter().flatten() {
        if let Some(id) = n["id"]["data"].as_i64() {
            seen.insert(id, (text(n, "summary"), text(n, "body")));
        }
    }
}

/// Picks an option the way a person does in a long form: with the control
/// scrolled to the middle of the window, clear of the messages in the corner.
async fn choose_in_view(app: &App, label: &str, value: &str) {
    let el = in_view(app, label).await;
    el.select_by_value(value).await.unwrap();
}

async fn in_view(app: &App, label: &str) -> fantoccini::elements::Element {
    let el = app.control(label).await;
    let arg = serde_json::to_value(&el).unwrap();
    app.client
        .execute(
            "arguments[0].scrollIntoView({ block: 'center' });",
            vec![arg],
        )
        .await
        .unwrap();
    el
}

const SECOND_MINUTES: [(&str, &str); 1] = [("LOOPREADY_TIMER_MINUTE_MS", "1000")];

#[tokio::test(flavor = "multi_thread")]
async fn a_custom_round_is_announced_in_order_scored_and_listed_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    given_profile(dir.path(), 30);
    let app = App::launch_with_env(dir.path(), &SECOND_MINUTES).await;
    app.link("Mock timer").await.click().await.unwrap();
    app.wait_for_text("h1", "Mock timer").await;

    // A copy of a built-in round, cut to three one-minute phases.
    app.choose("Round", "behavioral-45").await;
    app.click_button("Customise round").await;
    app.fill("Template name", "Quick drill").await;
    app.click_button("Add phase").await;
    app.click_button("Remove phase 4").await;
    for (n, name) in [(1, "Warm-up"), (2, "Story"), (3, "Wrap")] {
        app.fill(&format!("Phase {n} name"), name).await;
        app.fill(&format!("Phase {n} minutes"), "1").await;
    }
    // A phase of 0 minutes is refused under that phase's minutes, with the
    // reason, and nothing is saved.
    app.fill("Phase 2 minutes", "0").await;
    app.click_button("Save template").await;
    app.wait_for_text(".field-error", "Phase 2 lasts 0 min")
        .await;
    let marked = app
        .js("return document.querySelector('[data-field=\"phase-2-minutes\"]').getAttribute('aria-invalid');")
        .await;
    assert_eq!(marked, "true");
    let saved = app
        .js("return document.querySelectorAll('optgroup[label=\"Your templates\"] option').length;")
        .await;
    assert_eq!(saved, serde_json::json!(0));
    app.fill("Phase 2 minutes", "1").await;
    app.click_button("Save template").await;
    app.wait_for_text(".phase-list", "Wrap — 1 min").await;
    app.shot("timer-custom").await;

    // Run it; five more minutes in the current phase make an overrun.
    app.click_button("Start round").await;
    app.wait_for_text("#timer-state", "Quick drill").await;
    app.click_button("+5 minutes").await;
    let mut seen = std::collections::BTreeMap::new();
    let started = Instant::now();
    let ours = loop {
        dunst_received(&mut seen);
        let ours: Vec<String> = seen
            .values()
            .filter(|(_, body)| body.contains("Quick drill"))
            .map(|(summary, _)| summary.clone())
            .collect();
        if ours.iter().any(|s| s == "Round over") {
            break ours;
        }
        assert!(
            started.elapsed() < Duration::from_secs(40),
            "dunst never showed the end of the round; it saw {ours:?}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    let phases: Vec<&str> = ours
        .iter()
        .map(String::as_str)
        .filter(|s| s.ends_with("— 1 min"))
        .collect();
    assert_eq!(
        phases,
        ["Warm-up — 1 min", "Story — 1 min", "Wrap — 1 min"],
        "all: {ours:?}"
    );
    assert_eq!(ours.last().map(String::as_str), Some("Round over"));

    // The scoring form: the behavioral rubric, the score weighed by the backend.
    app.wait_for_text("#phase-name", "Round over").await;
    app.wait_for_text(".score-form", "overran by 5 min").await;
    for label in [
        "Leadership Principle depth",
        "STAR structure",
        "Scope and impact for the level",
    ] {
        choose_in_view(&app, label, "4").await;
    }
    app.wait_for_text("#weighted-score", "Score Communication too")
        .await;
    choose_in_view(&app, "Communication", "5").await;
    app.wait_for_text("#weighted-score", "4.25").await;
    let verdict = app.control("Overall verdict").await;
    assert_eq!(verdict.prop("value").await.unwrap().as_deref(), Some("4"));
    in_view(&app, "Notes")
        .await
        .send_keys("Tighten the opening story.")
        .await
        .unwrap();
    app.shot("timer-score").await;
    app.click_button("Save scores").await;
    app.wait_for_text(".mock-history", "4 — Hire · weighted score 4.25")
        .await;
    app.quit().await;

    // After a restart the round is in the history, not waiting to be scored.
    let app = App::launch_with_env(dir.path(), &SECOND_MINUTES).await;
    app.link("Mock timer").await.click().await.unwrap();
    let listed = app.wait_for_text(".mock-history", "Quick drill").await;
    assert!(
        listed.contains("4 — Hire · weighted score 4.25"),
        "{listed}"
    );
    assert!(listed.contains("overran by 5 min"), "{listed}");
    assert!(listed.contains("Tighten the opening story."), "{listed}");
    let forms = app
        .js("return document.querySelectorAll('.score-form').length;")
        .await;
    assert_eq!(forms, serde_json::json!(0));
    app.shot("timer-history").await;
    app.quit().await;

    let mocks = support::cli(dir.path(), &["mocks", "--json"]);
    assert_eq!(mocks[0]["templateName"], "Quick drill");
    assert_eq!(mocks[0]["score"]["verdict"]["label"], "Hire");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_round_stopped_early_is_scored_but_partial_and_counts_only_when_confirmed() {
    let dir = tempfile::tempdir().unwrap();
    given_profile(dir.path(), 30);
    let app = App::launch_with_env(dir.path(), &SECOND_MINUTES).await;
    app.link("Mock timer").await.click().await.unwrap();
    app.wait_for_text("h1", "Mock timer").await;
    app.choose("Round", "coding-45").await;
    app.click_button("Start round").await;
    app.wait_for_text("#phase-name", "Understand the problem")
        .await;
    let start_disabled = "return document.getElementById('start-round').disabled;";
    assert_eq!(app.js(start_disabled).await, true, "one round at a time");
    // Stop asks first: one click leaves the round running.
    app.click_button("Stop").await;
    app.wait_for_text("#stop-round", "Click again to stop")
        .await;
    app.wait_for_text(".timer-state", "Running").await;
    app.click_button("Click again to stop").await;

    // The clock says how long the round ran, the bar stays where it
    // stopped, and the round is in the history before it is scored.
    app.wait_for_text("#phase-name", "Stopped early").await;
    app.wait_for_text("#round-left", "ran ").await;
    assert_eq!(app.js(start_disabled).await, false, "a new round can start");
    let progress = app
        .js("return Number(document.querySelector('.timer-card [aria-valuenow]').getAttribute('aria-valuenow'));")
        .await;
    assert!(progress.as_u64().is_some_and(|p| p < 100), "{progress}");
    app.wait_for_text(".mock-history", "Not scored").await;

    // The form says the round is partial, in the rule's own figures.
    let note = app.wait_for_text("#partial-note", "marked partial").await;
    assert!(note.contains("of its 45 planned minutes"), "{note}");
    assert!(note.contains("80%"), "{note}");
    app.js(
        "for (const s of document.querySelectorAll('.score-form select[data-dimension]')) {
           s.value = '4'; s.dispatchEvent(new Event('change', { bubbles: true }));
         }",
    )
    .await;
    app.wait_for_text("#weighted-score", "Weighted score").await;
    app.shot("timer-partial").await;
    app.click_button("Save scores").await;
    app.wait_for_text(".mock-history", "Partial").await;
    app.quit().await;

    let mocks = support::cli(dir.path(), &["mocks", "--json"]);
    assert_eq!(mocks[0]["fullRound"], false);
    assert!(mocks[0]["score"].is_object(), "the scores are kept");
    let stats = support::cli(dir.path(), &["stats", "--json"]);
    let weekly = stats["status"]["weekly"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["kind"] == "mocks")
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        weekly["actual"], 0,
        "not a mock for the weekly minimum: {weekly}"
    );
}

/// A full L7 loop, timed and scored round by round (#17): each round on its
/// own rubric, a design round on a named problem, the principles it probed;
/// the loop's verdict derived (here the bar raiser's veto) and shown in the
/// history, on the dashboard after a restart and by the CLI.
#[tokio::test(flavor = "multi_thread")]
async fn a_full_l7_loop_is_scored_round_by_round_and_its_verdict_reaches_the_dashboard() {
    let dir = tempfile::tempdir().unwrap();
    let date = support::in_days(40);
    support::cli(
        dir.path(),
        &[
            "profile",
            "set",
            "--interview",
            &date,
            "--level",
            "L7",
            "--track",
            "manager",
            "--current",
            "senior-manager",
            "--hours",
            "20",
            "--risk",
            "medium",
            "--json",
        ],
    );
    // 450 template minutes at 20 ms each: the whole loop runs in about 9 s.
    let app = App::launch_with_env(dir.path(), &[("LOOPREADY_TIMER_MINUTE_MS", "20")]).await;
    app.link("Mock timer").await.click().await.unwrap();
    app.wait_for_text("h1", "Mock timer").await;
    app.choose("Round", "loop-l7").await;
    app.click_button("Start round").await;
    app.wait_for_text("#timer-state", "Round 1 of 6").await;

    // One part per round, each with its kind's rubric.
    app.wait_for_text(".score-form", "Score this loop").await;
    let parts = app
        .js("return [...document.querySelectorAll('.loop-round')].map((f) => f.textContent);")
        .await;
    let parts: Vec<String> = serde_json::from_value(parts).unwrap();
    assert_eq!(parts.len(), 6, "{parts:?}");
    assert!(parts[0].contains("Multi-tenancy"), "{}", parts[0]);
    assert!(parts[4].contains("Bar raiser 60"), "{}", parts[4]);
    assert!(
        parts[4].contains("Leadership Principle depth"),
        "{}",
        parts[4]
    );
    assert!(!parts[4].contains("Multi-tenancy"), "{}", parts[4]);

    // The design round on the payments problem: multi-tenancy weighs little.
    app.js(
        "const p = document.querySelector('[data-field=\"round-1-problem\"]');
         p.value = 'payment-processing'; p.dispatchEvent(new Event('change', { bubbles: true }));",
    )
    .await;
    app.wait_for_text(".loop-round[data-round='1']", "5 % of the score")
        .await;
    // Every round a 4 but the bar raiser's, a 2; the bar raiser probed two principles.
    app.js(
        "for (const s of document.querySelectorAll('.loop-round select[data-dimension]')) {
           s.value = s.dataset.field.startsWith('round-5-') ? '2' : '4';
           s.dispatchEvent(new Event('change', { bubbles: true }));
         }
         for (const id of ['ownership', 'have-backbone']) {
           const box = document.querySelector(`.loop-round[data-round='5'] input[value='${id}']`);
           box.checked = true;
         }",
    )
    .await;
    let verdict = app
        .wait_for_text("#weighted-score", "Loop verdict: No hire")
        .await;
    assert!(verdict.contains("average 3.67"), "{verdict}");
    app.wait_for_text(".score-form .loop-reasons", "the bar raiser can veto")
        .await;
    app.shot("timer-loop-score").await;
    app.click_button("Save scores").await;
    app.wait_for_text(".mock-history", "Loop verdict 2 — No hire")
        .await;
    app.shot("timer-loop-history").await;
    app.quit().await;

    // After a restart the dashboard shows the loop, round by round.
    let app = App::launch(dir.path()).await;
    app.link("Dashboard").await.click().await.unwrap();
    let shown = app
        .wait_for_text(
            "#dashboard-loops",
            "Loop verdict 2 — No hire · average 3.67",
        )
        .await;
    assert!(shown.contains("Bar raiser 60 · 2 — No hire"), "{shown}");
    assert!(
        shown.contains("probed Ownership, Have Backbone; Disagree and Commit"),
        "{shown}"
    );
    assert!(shown.contains("the bar raiser can veto"), "{shown}");
    app.shot("dashboard-loop").await;
    app.quit().await;

    let mocks = support::cli(dir.path(), &["mocks", "--json"]);
    let rounds = mocks[0]["score"]["rounds"].as_array().unwrap();
    assert_eq!(rounds.len(), 6);
    assert_eq!(
        rounds[0]["problemName"],
        "Global payment processing platform"
    );
    assert_eq!(mocks[0]["score"]["verdict"]["label"], "No hire");
    assert_eq!(mocks[0]["fullRound"], true);
}
