//! End to end: axe-core's rules run inside the real window on every view,
//! in the light and the dark theme; any serious or critical violation fails
//! the test with the rule, the impact and the elements. axe-core is fetched
//! by `scripts/install-deps.sh test`.

mod support;

use std::time::Duration;

use serde_json::{json, Value};
use support::{given_profile, App};

const VIEWS: [&str; 11] = [
    "today",
    "plan",
    "stories",
    "rehearse",
    "timer",
    "log",
    "dashboard",
    "sheet",
    "assessment",
    "reference",
    "settings",
];

fn axe_source() -> String {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/axe-core/4.10.2/axe.min.js");
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{} is missing ({e}): run scripts/install-deps.sh test",
            path.display()
        )
    })
}

async fn violations(app: &App) -> Vec<Value> {
    let result = app
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, { resultTypes: ['violations'] })
               .then((r) => done(r.violations
                 .filter((v) => v.impact === 'serious' || v.impact === 'critical')
                 .map((v) => ({ id: v.id, impact: v.impact, help: v.help,
                                nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }))))
               .catch((e) => done([{ id: 'axe-error', help: String(e) }]));",
            vec![],
        )
        .await
        .unwrap();
    result.as_array().cloned().unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread")]
async fn every_view_passes_axe_in_both_themes() {
    let dir = tempfile::tempdir().unwrap();
    given_profile(dir.path(), 30);
    let app = App::launch(dir.path()).await;
    // A story, so the editor and the sheet have content to check.
    app.link("Stories").await.click().await.unwrap();
    app.button("New story").await.click().await.unwrap();
    app.wait_for_text("#save-status", "Saved").await;

    app.client
        .execute(&format!("{}\nreturn true;", axe_source()), vec![])
        .await
        .unwrap();
    let mut found = Vec::new();
    for theme in ["light", "dark"] {
        for view in VIEWS {
            app.client
                .execute(
                    "document.documentElement.dataset.theme = arguments[0];
                     location.hash = arguments[1];",
                    vec![json!(theme), json!(view)],
                )
                .await
                .unwrap();
            app.wait_for_css("#view h1").await;
            tokio::time::sleep(Duration::from_millis(300)).await;
            for v in violations(&app).await {
                found.push(format!("{theme} #{view}: {v}"));
            }
        }
    }
    assert!(
        found.is_empty(),
        "serious or critical accessibility problems:\n{}",
        found.join("\n")
    );
    app.quit().await;
}
