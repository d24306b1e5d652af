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
        app.control(&first).await.is_selected().await.unwrap(),
        "the ticked item is ticked after a restart"
    );

    // Move the interview two weeks later: the schedule is regenerated.
    app.link("Settings").await.click().await.unwrap();
    app.wait_for_text("h1", "Settings").await;
    app.fill_date("Interview date", &in_days(56)).await;
    app.button("Save profile").await.click().await.unwrap();
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
        app.control(&first).await.is_selected().await.unwrap(),
        "the ticked item is kept by the re-plan"
    );
    app.quit().await;

    let days = cli(dir.path(), &["profile", "--json"])["daysLeft"].clone();
    assert_eq!(days, 56);
}
