//! End to end: the study plan in the real window — recommendation, today's
//! agenda, a ticked item surviving a restart and a re-plan.

mod support;

use support::{cli, in_days, App};

/// A profile 6 weeks out that prepares every day, so today always has items
/// whatever weekday the test runs on.
fn given_six_weeks_out(dir: &std::path::Path) {
    cli(
        dir,
        &[
            "profile",
            "set",
            "--interview",
            &in_days(42),
            "--level",
            "L6",
            "--track",
            "ic",
            "--current",
            "senior-engineer",
            "--hours",
            "21",
            "--risk",
            "medium",
            "--days",
            "mon,tue,wed,thu,fri,sat,sun",
            "--json",
        ],
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn six_weeks_out_recommends_the_intensive_plan_and_a_tick_survives_restart_and_replan() {
    let dir = tempfile::tempdir().unwrap();
    given_six_weeks_out(dir.path());

    let app = App::launch(dir.path()).await;
    app.link("Plan").await.click().await.unwrap();
    let rec = app
        .wait_for_text(
            "section[aria-label='Recommendation'] h2",
            "6-Week Intensive",
        )
        .await;
    assert!(rec.starts_with("Recommended"), "{rec}");
    let reasons = app
        .wait_for_css("section[aria-label='Recommendation'] .reasons")
        .await
        .text()
        .await
        .unwrap();
    assert!(reasons.contains("6.0 weeks"), "{reasons}");
    app.shot("plan").await;
    app.link("Reference").await.click().await.unwrap();
    app.wait_for_text("h1", "Reference").await;
    app.shot("reference").await;
    app.link("Assessment").await.click().await.unwrap();
    app.wait_for_text("h1", "Self-assessment").await;
    app.shot("assessment").await;

    app.link("Today").await.click().await.unwrap();
    app.wait_for_text("h1", "Today").await;
    let first = app
        .wait_for_css(".agenda-item .agenda-title")
        .await
        .text()
        .await
        .unwrap();
    app.control(&first).await.click().await.unwrap();
    app.wait_for_text("#minutes-left", "left of").await;
    app.shot("today").await;
    app.quit().await;

    let app = App::launch(dir.path()).await;
    app.wait_for_text("h1", "Today").await;
    assert!(
        app.is_checked(&first).await,
        "the ticked item is ticked after a restart"
    );

    // Move the interview two weeks later: the schedule is regenerated.
    app.link("Settings").await.click().await.unwrap();
    app.wait_for_text("h1", "Settings").await;
    app.fill_date("Interview date", &in_days(56)).await;
    app.click_button("Save profile").await;
    app.wait_for_text(".banner", "Profile saved").await;
    app.link("Plan").await.click().await.unwrap();
    app.wait_for_text(".view-head .lede", "to the interview")
        .await;
    let head = app.wait_for_css(".view-head").await;
    assert_eq!(
        head.attr("data-interview").await.unwrap(),
        Some(in_days(56))
    );
    app.link("Today").await.click().await.unwrap();
    app.wait_for_text("h1", "Today").await;
    assert!(
        app.is_checked(&first).await,
        "the ticked item is kept by the re-plan"
    );
    app.quit().await;

    let days = cli(dir.path(), &["profile", "--json"])["daysLeft"].clone();
    assert_eq!(days, 56);
}

/// The profile of the issue: L7, engineering manager, 42 days, 12 hours a
/// week; every day a preparation day, so today has items on any weekday.
fn given_l7_manager(dir: &std::path::Path) {
    cli(
        dir,
        &[
            "profile",
            "set",
            "--interview",
            &in_days(42),
            "--level",
            "L7",
            "--track",
            "manager",
            "--current",
            "manager",
            // Above the 12 h the minimums alone take on seven days, so the
            // plan's own work has time for the assessment to steer.
            "--hours",
            "16",
            "--risk",
            "medium",
            "--days",
            "mon,tue,wed,thu,fri,sat,sun",
            "--json",
        ],
    );
}

/// Minutes of the days after today that go to `category`.
fn minutes_after_today(overview: &serde_json::Value, category: &str) -> u64 {
    let today = overview["today"].as_str().unwrap().to_string();
    overview["days"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["date"].as_str().unwrap() > today.as_str())
        .flat_map(|d| d["items"].as_array().unwrap())
        .filter(|i| i["category"] == category)
        .map(|i| i["minutes"].as_u64().unwrap())
        .sum()
}

#[tokio::test(flavor = "multi_thread")]
async fn every_item_is_named_opens_its_place_and_ticks_itself_and_the_assessment_steers_the_plan() {
    let dir = tempfile::tempdir().unwrap();
    given_l7_manager(dir.path());
    let app = App::launch(dir.path()).await;
    app.wait_for_text("h1", "Today").await;
    app.wait_for_css(".agenda-item").await;
    app.shot("named-today").await;

    // Every item names something and links to where it is done.
    let items = app
        .js("return [...document.querySelectorAll('.agenda-item')].map((li) => ({
               title: li.querySelector('.agenda-title').textContent,
               links: [...li.querySelectorAll('a.task-link')].map((a) => a.getAttribute('href')) }))")
        .await;
    let items = items.as_array().unwrap();
    assert!(!items.is_empty());
    for item in items {
        assert!(
            !item["links"].as_array().unwrap().is_empty(),
            "{item} links nowhere"
        );
    }
    let coding = items
        .iter()
        .find(|i| i["title"].as_str().unwrap().starts_with("Solve "))
        .expect("a coding item names its problems");
    let hrefs: Vec<String> = coding["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h.as_str().unwrap().to_string())
        .collect();
    assert!(
        hrefs.iter().all(|h| h.starts_with("#problems?n=")),
        "{hrefs:?}"
    );

    // The first problem opens in the Problems view; it is logged from there.
    let first = app
        .wait_for_css(&format!("a.task-link[href='{}']", hrefs[0]))
        .await;
    let name = first.text().await.unwrap();
    first.click().await.unwrap();
    app.wait_for_text("h1", "Problems").await;
    app.wait_for_text(".problem-detail", &name).await;
    app.shot("named-problem").await;
    app.link("Log an attempt").await.click().await.unwrap();
    app.wait_for_text("h1", "Practice log").await;
    app.fill("Minutes", "25").await;
    app.click_button("Log practice").await;
    app.wait_for_text(".banner", "Practice logged").await;
    // The other problems of the item, from the command line.
    let bank = cli(dir.path(), &["problems", "--json"]);
    for href in &hrefs[1..] {
        let n: u64 = href.trim_start_matches("#problems?n=").parse().unwrap();
        let other = bank["coding"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["number"] == n)
            .unwrap()["name"]
            .as_str()
            .unwrap()
            .to_string();
        cli(
            dir.path(),
            &["log", "add", "coding", "--name", &other, "--minutes", "30"],
        );
    }
    app.link("Today").await.click().await.unwrap();
    app.wait_for_text("h1", "Today").await;
    let coding_title = coding["title"].as_str().unwrap();
    assert!(
        app.is_checked(coding_title).await,
        "logging the named problems ticked '{coding_title}'"
    );
    // Its minutes are in the log already: no offer to log them twice.
    let offer = format!(
        "return [...document.querySelectorAll('.agenda-item')]
           .find((li) => li.querySelector('.agenda-title').textContent === {coding_title:?})
           ?.querySelector('.log-offer')?.textContent ?? '';"
    );
    let started = std::time::Instant::now();
    while app.js(&offer).await != "Logged in your practice log" {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(10),
            "the ticked item says: {}",
            app.js(&offer).await
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }

    // A self-assessment weak in coding moves plan time to coding and says so.
    let before = app
        .js("return window.__TAURI__.core.invoke('plan_overview')")
        .await;
    let coding_before = minutes_after_today(&before, "coding");
    let answers = (0..20)
        .map(|i| if i == 1 { 1 } else { 4 })
        .collect::<Vec<_>>();
    app.js(&format!(
        "return window.__TAURI__.core.invoke('submit_assessment', {{ answers: {answers:?} }})"
    ))
    .await;
    app.link("Plan").await.click().await.unwrap();
    let focus = app.wait_for_text("#weak-focus", "Coding").await;
    assert!(focus.contains("% of the plan's practice time"), "{focus}");
    app.shot("named-plan").await;
    let after = app
        .js("return window.__TAURI__.core.invoke('plan_overview')")
        .await;
    let coding_after = minutes_after_today(&after, "coding");
    assert!(
        coding_after > coding_before,
        "coding minutes after today: {coding_before} before the assessment, {coding_after} after"
    );
    app.assert_no_csp_violations().await;
    app.quit().await;
}

/// Five weeks out the 6-week plan is compressed, so calendar weeks and plan
/// weeks part: the schedule's week headings name every plan week between
/// them, up to the sixth the Dashboard charts.
#[tokio::test(flavor = "multi_thread")]
async fn a_compressed_plan_names_every_plan_week_in_its_calendar_weeks() {
    let dir = tempfile::tempdir().unwrap();
    support::given_profile(dir.path(), 35);
    let app = App::launch(dir.path()).await;
    app.link("Plan").await.click().await.unwrap();
    app.wait_for_text(".week h3", "Week of").await;
    let headings = app
        .js("return [...document.querySelectorAll('.week h3')].map(h => h.textContent).join('\\n');")
        .await;
    let headings = headings.as_str().unwrap().to_owned();
    let mut named = std::collections::BTreeSet::new();
    for line in headings.lines() {
        let span = line.split(" · ").nth(1).unwrap_or_default();
        let numbers = span
            .trim_start_matches("plan weeks ")
            .trim_start_matches("plan week ");
        let (first, last) = numbers.split_once('–').unwrap_or((numbers, numbers));
        let (first, last): (u32, u32) = (first.parse().unwrap(), last.parse().unwrap());
        named.extend(first..=last);
    }
    assert_eq!(named, (1..=6).collect(), "{headings}");
    app.quit().await;
}
