//! End to end: the window's messages under one policy. A refused input is
//! told under that input and costs nothing else; a running round has one
//! live line that never covers its clock or buttons, and a clock on every
//! view; a search lists only its matches.

mod support;

use std::time::{Duration, Instant};

use support::{given_profile, App, WAIT};

/// A minute of the mock timer in milliseconds: rounds pass in seconds.
const FAST: [(&str, &str); 1] = [("LOOPREADY_TIMER_MINUTE_MS", "150")];

const TASK: &str = "I had to cut p99 latency below 300 ms within one quarter.";

/// Puts `text` into the control labelled `label` as one paste would: the
/// value at once, then a single input event.
async fn paste(app: &App, id: &str, text_len: usize) {
    app.js(&format!(
        "const el = document.getElementById('{id}'); el.focus(); \
         el.value = 'x'.repeat({text_len}); \
         el.dispatchEvent(new InputEvent('input', {{ bubbles: true, inputType: 'insertFromPaste' }})); \
         return true;"
    ))
    .await;
}

/// The message under the input named `name`, once it contains `expected`.
async fn field_error(app: &App, name: &str, expected: &str) -> String {
    let started = Instant::now();
    loop {
        let text = app
            .js(&format!(
                "const c = document.querySelector('[name=\"{name}\"]'); \
                 const e = c && document.getElementById(c.id + '-error'); \
                 return e ? e.textContent : '';"
            ))
            .await;
        let text = text.as_str().unwrap_or_default().to_owned();
        if text.contains(expected) {
            return text;
        }
        assert!(
            started.elapsed() < WAIT,
            "no message under {name}: {text:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_long_paste_is_refused_under_its_part_and_the_text_typed_after_it_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    given_profile(dir.path(), 30);
    let app = App::launch(dir.path()).await;
    app.start_story().await;
    app.fill("Title", "Checkout latency").await;

    paste(&app, "part-situation", 50_000).await;
    // The limit is said before any save: the count sits under the part.
    let count = app.wait_for_text("#part-situation-count", "over").await;
    assert!(count.contains("50,000 of 10,000"), "{count}");
    app.fill("Task", TASK).await;

    let status = app.wait_for_text("#save-status", "Saved, except").await;
    assert!(status.contains("Situation"), "{status}");
    let note = app.wait_for_text("#part-situation-error", "too long").await;
    assert!(note.contains("50000") || note.contains("50,000"), "{note}");
    let invalid = app
        .js("return document.getElementById('part-situation').getAttribute('aria-invalid');")
        .await;
    assert_eq!(invalid, "true");
    let toasts = app
        .js("return document.querySelectorAll('.banner.error').length;")
        .await;
    assert_eq!(toasts, 0, "a refused part is not a toast");
    app.shot("refused-part").await;
    app.quit().await;

    let app = App::launch(dir.path()).await;
    app.link("Stories").await.click().await.unwrap();
    app.wait_for_text(".story-link.active .story-title", "Checkout latency")
        .await;
    let task = app.control("Task").await.prop("value").await.unwrap();
    assert_eq!(
        task.as_deref(),
        Some(TASK),
        "the Task typed after the paste"
    );
    let situation = app.control("Situation").await.prop("value").await.unwrap();
    assert_eq!(
        situation.as_deref(),
        Some(""),
        "the refused part kept its stored text"
    );
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_bad_backup_count_and_bad_hours_are_told_under_their_fields() {
    let dir = tempfile::tempdir().unwrap();
    given_profile(dir.path(), 30);
    let app = App::launch(dir.path()).await;
    app.link("Settings").await.click().await.unwrap();
    app.wait_for_text("h1", "Settings").await;

    app.fill("Daily backups kept", "0").await;
    app.js("document.querySelector('#backup-keeping button').click(); return true;")
        .await;
    let message = field_error(&app, "daily", "Keep 1 to").await;
    assert!(message.contains("daily backups"), "{message}");
    let focused = app
        .js("return document.activeElement.getAttribute('name');")
        .await;
    assert_eq!(focused, "daily", "focus moves to the refused input");
    let toasts = app
        .js("return document.querySelectorAll('.banner.error').length;")
        .await;
    assert_eq!(toasts, 0, "an input's refusal is not a toast");

    // A fraction of an hour is refused by name, not cut to a whole hour.
    app.fill("Hours per week", "7.5").await;
    app.click_button("Save profile").await;
    let hours = field_error(&app, "hoursPerWeek", "whole number").await;
    assert!(hours.contains("7.5"), "{hours}");
    app.shot("refused-field").await;
    app.quit().await;

    let stored = support::cli(dir.path(), &["profile", "--json"]);
    assert_eq!(stored["profile"]["hoursPerWeek"], 20, "nothing was saved");
}

/// The welcome form left with no date, no hours and no days says all three
/// at once, each under its own input, and the first takes the focus; an
/// empty hours box is asked for, not refused as "0".
#[tokio::test(flavor = "multi_thread")]
async fn a_form_with_several_refused_inputs_says_each_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let app = App::launch(dir.path()).await;
    app.wait_for_text("h1", "Welcome to Loopready").await;
    app.fill_date("Interview date", "").await;
    app.control("Hours per week").await.clear().await.unwrap();
    app.js("document.querySelectorAll('input[name=prepDays]').forEach((c) => { c.checked = false; }); return true;")
        .await;
    app.click_button("Start preparing").await;
    field_error(&app, "interviewDate", "Pick the date of your interview").await;
    let hours = field_error(
        &app,
        "hoursPerWeek",
        "Enter the hours you can give each week",
    )
    .await;
    assert!(!hours.contains("got 0"), "{hours}");
    let days = app
        .js("const f = document.querySelector('fieldset[data-field=prepDays]'); \
             const e = f && document.getElementById(f.id + '-error'); return e ? e.textContent : '';")
        .await;
    assert!(
        days.as_str()
            .unwrap_or_default()
            .contains("at least one preparation day"),
        "{days}"
    );
    let focused = app
        .js("return document.activeElement.getAttribute('name');")
        .await;
    assert_eq!(
        focused, "interviewDate",
        "the first refused input takes the focus"
    );
    let toasts = app
        .js("return document.querySelectorAll('.banner.error').length;")
        .await;
    assert_eq!(toasts, 0, "the inputs' refusals are not toasts");
    app.shot("welcome-refused").await;
    app.quit().await;
    assert!(
        !dir.path().join("loopready.sqlite3").exists()
            || support::cli(dir.path(), &["profile", "--json"])["profile"].is_null(),
        "nothing was saved"
    );
}

/// The coverage minimum is an input like any other: out of range, it is
/// told under the input, not as a toast, and the stored minimum stays.
#[tokio::test(flavor = "multi_thread")]
async fn a_refused_coverage_minimum_is_told_under_its_input() {
    let dir = tempfile::tempdir().unwrap();
    given_profile(dir.path(), 30);
    let before = support::cli(dir.path(), &["coverage", "--json"])["min_per_principle"].clone();
    assert!(before.is_u64(), "{before}");
    let app = App::launch(dir.path()).await;
    app.link("Stories").await.click().await.unwrap();
    app.wait_for_text("h1", "Stories").await;
    app.fill("Minimum stories per principle", "9").await;
    app.js("document.querySelector('[name=min]').dispatchEvent(new Event('change')); return true;")
        .await;
    field_error(&app, "min", "1 to 5 stories (got 9)").await;
    let toasts = app
        .js("return document.querySelectorAll('.banner.error').length;")
        .await;
    assert_eq!(toasts, 0, "an input's refusal is not a toast");
    app.quit().await;
    let after = support::cli(dir.path(), &["coverage", "--json"])["min_per_principle"].clone();
    assert_eq!(after, before, "nothing was saved");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_search_lists_only_its_matches_and_says_how_many() {
    let dir = tempfile::tempdir().unwrap();
    given_profile(dir.path(), 30);
    let app = App::launch(dir.path()).await;
    app.link("Stories").await.click().await.unwrap();
    app.wait_for_text("h1", "Stories").await;
    // Three stories, two of them about the ledger.
    app.js(
        "const inv = window.__TAURI__.core.invoke; \
         const make = async (title, action) => { \
           const s = await inv('create_story', { session: title }); \
           await inv('save_story', { id: s.id, session: title, draft: { ...s.draft, title, action } }); }; \
         return (async () => { \
           await make('Ledger rescue', 'I split the ledger writes.'); \
           await make('Ledger audit', 'I audited the ledger for a week.'); \
           await make('Hiring drive', 'I hired nine engineers.'); \
           return true; })();",
    )
    .await;
    app.link("Today").await.click().await.unwrap();
    app.link("Stories").await.click().await.unwrap();
    app.wait_for_text(".stories", "Hiring drive").await;

    app.fill("Search stories", "ledger").await;
    app.wait_for_text("#search-count", "2 matches").await;
    let listed = app
        .js("return [...document.querySelectorAll('.search-results li button')].map(b => b.textContent);")
        .await;
    let listed: Vec<String> = serde_json::from_value(listed).unwrap();
    assert_eq!(listed.len(), 2, "{listed:?}");
    assert!(listed.iter().all(|t| t.starts_with("Ledger")), "{listed:?}");
    let whole_list_shown = app
        .js("const l = document.querySelector('ul.stories'); return !!l && l.offsetParent !== null;")
        .await;
    assert_eq!(
        whole_list_shown, false,
        "the full list gives way to the matches"
    );
    app.shot("search").await;

    app.js(
        "const s = document.querySelector('input[type=search]'); s.value = ''; \
         s.dispatchEvent(new Event('input', { bubbles: true })); return true;",
    )
    .await;
    let started = Instant::now();
    while app
        .js("const l = document.querySelector('ul.stories'); return !!l && !l.hidden;")
        .await
        != true
    {
        assert!(started.elapsed() < WAIT, "the whole list never came back");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_round_at_900_by_600_keeps_one_live_line_off_its_clock_and_a_clock_on_every_view() {
    let dir = tempfile::tempdir().unwrap();
    given_profile(dir.path(), 30);
    let app = App::launch_with_env(dir.path(), &FAST).await;
    app.client.set_window_size(900, 600).await.unwrap();
    app.link("Mock timer").await.click().await.unwrap();
    app.wait_for_text("h1", "Mock timer").await;
    app.choose("Round", "coding-45").await;
    app.click_button("Start round").await;
    app.wait_for_text(".timer-state", "Running").await;

    // Phases change and warnings arrive every fraction of a second; the
    // window is sampled all the while.
    let started = Instant::now();
    let mut samples = 0;
    let mut lines_seen = 0;
    while started.elapsed() < Duration::from_secs(4) {
        let v = app
            .js(
                "const rect = (el) => el.getBoundingClientRect(); \
                 const hit = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom; \
                 const keep = [...document.querySelectorAll('#phase-left, .timer-card .actions button')].map(rect); \
                 const banners = [...document.querySelectorAll('#banners .banner')]; \
                 const covering = banners.filter(b => keep.some(k => hit(rect(b), k))).length; \
                 return { timerLines: document.querySelectorAll('.banner.timer').length, covering, finished: document.querySelector('.timer-state')?.textContent ?? '' };",
            )
            .await;
        assert!(v["timerLines"].as_u64().unwrap() <= 1, "one live line: {v}");
        assert_eq!(
            v["covering"], 0,
            "no banner covers the clock or its buttons: {v}"
        );
        lines_seen = lines_seen.max(v["timerLines"].as_u64().unwrap());
        samples += 1;
        if started.elapsed() > Duration::from_millis(1500) && samples == 8 {
            app.shot("timer-round-900").await;
        }
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
    assert!(lines_seen == 1, "the round's announcements showed");

    // Another view keeps the round's clock; a click goes back to the timer.
    app.link("Today").await.click().await.unwrap();
    let started = Instant::now();
    loop {
        let shown = app
            .js("const c = document.getElementById('round-clock'); return !c.hidden && /\\d:\\d\\d/.test(c.textContent);")
            .await;
        if shown == true {
            break;
        }
        assert!(started.elapsed() < WAIT, "the clock never showed on Today");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    app.js("document.getElementById('round-clock').click(); return true;")
        .await;
    app.wait_for_text("h1", "Mock timer").await;
    app.quit().await;
}
