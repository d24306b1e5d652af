//! End to end: a coding problem logged from Today's quick entry moves the
//! daily technical minimum, survives a restart, shows on the Dashboard's
//! chart and readiness, and `loopready stats --json` run beside the open
//! window agrees with what it shows.

mod support;

use support::{cli, given_profile, App};

#[tokio::test(flavor = "multi_thread")]
async fn a_coding_problem_logged_on_today_moves_the_minimum_and_the_dashboard() {
    let dir = tempfile::tempdir().unwrap();
    given_profile(dir.path(), 42);

    let app = App::launch(dir.path()).await;
    app.wait_for_text("h1", "Today").await;
    app.wait_for_text(
        "#daily-minimums li[data-kind='technical-minutes']",
        "0 of 45",
    )
    .await;
    app.choose("Kind", "coding").await;
    app.fill("Name", "76. Minimum window substring").await;
    // A problem of the bank, named by its number as the log matches it,
    // brings its difficulty and pattern.
    let mut brought = serde_json::Value::Null;
    for _ in 0..50 {
        brought = app
            .js("const f = document.querySelector('form.practice-form'); \
                 return [...f.querySelectorAll('select')].map((s) => s.value).join(' ');")
            .await;
        if brought.as_str().is_some_and(|v| v.contains("hard")) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let brought = brought.as_str().unwrap_or_default().to_owned();
    assert!(
        brought.contains("sliding-window") && brought.contains("hard"),
        "the bank's Hard sliding-window problem, got {brought}"
    );
    app.fill("Minutes", "45").await;
    app.choose("Pattern", "sliding-window").await;
    app.click_button("Log practice").await;
    app.wait_for_text(
        "#daily-minimums li[data-kind='technical-minutes']",
        "45 of 45",
    )
    .await;
    app.shot("practice-today").await;

    // A logged entry leaves a fresh form, so it is not sent twice.
    let name = app.control("Name").await.prop("value").await.unwrap();
    assert_eq!(
        name.as_deref(),
        Some(""),
        "the name is cleared after logging"
    );
    // A refused value is told under its input and writes nothing.
    app.fill("Name", "Minimum window substring").await;
    app.click_button("Log practice").await;
    app.wait_for_text(".field-error", "Enter how many minutes it took")
        .await;
    app.fill("Minutes", "0").await;
    app.click_button("Log practice").await;
    app.wait_for_text(".field-error", "Minutes must be between 1 and 600")
        .await;
    app.assert_no_csp_violations().await;
    app.quit().await;

    let app = App::launch(dir.path()).await;
    app.wait_for_text(
        "#daily-minimums li[data-kind='technical-minutes']",
        "45 of 45",
    )
    .await;
    app.link("Dashboard").await.click().await.unwrap();
    app.wait_for_text("h1", "Dashboard").await;
    let bar_total = app
        .js("const b = document.querySelector('.week-bar.current'); return b && Number(b.getAttribute('data-total'));")
        .await;
    assert_eq!(bar_total, 45, "this week's bar carries the logged minutes");
    let weekly = app
        .wait_for_text(
            "#weekly-minimums li[data-kind='coding-problems']",
            "1 of 10",
        )
        .await;
    assert!(weekly.contains("10%"), "{weekly}");
    let shown: u64 = app
        .wait_for_css("#readiness-total")
        .await
        .text()
        .await
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let parts = app
        .js("return document.querySelectorAll('table.parts tr.part').length;")
        .await;
    assert_eq!(parts, 5);
    app.shot("practice-dashboard").await;

    // The command line beside the open window reads the same database.
    let stats = cli(dir.path(), &["stats", "--json"]);
    assert_eq!(stats["counts"]["coding"], 1);
    assert_eq!(stats["minutes"]["total"], 45);
    assert_eq!(stats["readiness"]["total"], shown);
    let volume = stats["readiness"]["parts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["kind"] == "volume")
        .unwrap()
        .clone();
    let shown_volume = app
        .js("return document.querySelector(\"tr[data-part='volume'] .points\").textContent;")
        .await;
    let figures: Vec<f64> = shown_volume
        .as_str()
        .unwrap()
        .split(" / ")
        .map(|n| n.parse().unwrap())
        .collect();
    assert_eq!(
        figures,
        vec![
            volume["points"].as_f64().unwrap(),
            volume["weight"].as_f64().unwrap()
        ]
    );
    app.assert_no_csp_violations().await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_log_filters_by_kind_pattern_and_dates_and_a_late_date_is_flagged() {
    let dir = tempfile::tempdir().unwrap();
    given_profile(dir.path(), 30);
    let earlier = support::in_days(-3);
    for args in [
        vec![
            "log",
            "add",
            "coding",
            "--name",
            "Two sum",
            "--minutes",
            "30",
            "--pattern",
            "hashing",
            "--date",
            earlier.as_str(),
        ],
        vec![
            "log",
            "add",
            "coding",
            "--name",
            "Course schedule",
            "--minutes",
            "40",
            "--pattern",
            "graph",
        ],
        vec!["log", "add", "lp", "--minutes", "15"],
    ] {
        cli(dir.path(), &args);
    }
    let app = App::launch(dir.path()).await;
    app.link("Log").await.click().await.unwrap();
    app.wait_for_text("main", "Course schedule").await;

    app.choose("Filter by kind", "coding").await;
    app.wait_for_text("main", "2 entries match").await;
    app.choose("Filter by pattern", "hashing").await;
    app.wait_for_text("main", "1 entry matches").await;
    let listed = app
        .js("return [...document.querySelectorAll('.log-entry')].map(e => e.textContent).join(' | ');")
        .await;
    let listed = listed.as_str().unwrap_or_default();
    assert!(
        listed.contains("Two sum") && !listed.contains("Course schedule"),
        "{listed}"
    );
    app.fill_date("From date", &support::in_days(0)).await;
    app.wait_for_text("main", "No entries match these filters.")
        .await;
    app.click_button("Clear filters").await;
    app.wait_for_text("main", "Course schedule").await;
    app.wait_for_text("main", "Two sum").await;

    // A date after the interview is allowed, and said.
    app.fill_date("Date", &support::in_days(31)).await;
    app.wait_for_text("main", "This is after your interview")
        .await;
    app.quit().await;
}
