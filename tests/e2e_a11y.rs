//! End to end: axe-core's rules run inside the real window on every view,
//! at 900×600 and 1280×800, in the light and the dark theme; any serious or
//! critical violation fails the test with the rule, the impact and the
//! elements. A keyboard walk tabs through every view at both sizes: each
//! stop shows its focus and is on screen. axe-core is fetched by
//! `scripts/install-deps.sh test`.

mod support;

use std::time::Duration;

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use serde_json::{json, Value};
use support::{given_profile, App};

/// The window sizes the issue names: a small laptop and a common one.
const SIZES: [(u32, u32); 2] = [(900, 600), (1280, 800)];

/// More Tab presses than any view has stops before focus wraps.
const MAX_TABS: usize = 120;

const VIEWS: [&str; 12] = [
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
    "problems",
    "settings",
];

/// Switches the theme and the view, and waits for the view to be drawn.
async fn show(app: &App, theme: &str, view: &str) {
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
}

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
    app.start_story().await;

    app.client
        .execute(&format!("{}\nreturn true;", axe_source()), vec![])
        .await
        .unwrap();
    let mut found = Vec::new();
    for (w, h) in SIZES {
        app.client.set_window_size(w, h).await.unwrap();
        for theme in ["light", "dark"] {
            for view in VIEWS {
                show(&app, theme, view).await;
                for v in violations(&app).await {
                    found.push(format!("{w}x{h} {theme} #{view}: {v}"));
                }
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

/// Where focus is after a Tab: what it is, whether its focus shows, and
/// whether it is on screen (WebKit scrolls a focused control into view).
const FOCUS_PROBE: &str = "const el = document.activeElement;
  if (!el || el === document.body) return null;
  const s = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  // :focus styles apply only while the window has the keyboard, which a
  // desktop with no window manager does not always give: unknown then.
  const ring = !document.hasFocus() ? null
    : (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
  const onScreen = r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth;
  const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.textContent ? ' ' + el.textContent.trim().slice(0, 30) : '');
  const order = Number(el.getAttribute('tabindex') ?? 0);
  if (!el.dataset.walked) el.dataset.walked = String(window.__walk = (window.__walk ?? 0) + 1);
  return { name, ring, onScreen, positive: order > 0, seen: Number(el.dataset.walked) };";

#[tokio::test(flavor = "multi_thread")]
async fn the_keyboard_reaches_every_view_with_focus_always_shown_and_on_screen() {
    let dir = tempfile::tempdir().unwrap();
    given_profile(dir.path(), 30);
    let app = App::launch(dir.path()).await;
    app.start_story().await;

    // Tab as a key press on whatever has focus (WebDriver's Actions): an
    // element's send_keys would set a date input's value instead.
    let tab = char::from(Key::Tab);
    let mut found = Vec::new();
    for (w, h) in SIZES {
        app.client.set_window_size(w, h).await.unwrap();
        // The page matches :focus only while its window has the keyboard;
        // with no window manager nothing gives it, so the test does.
        let focused = std::process::Command::new("xdotool")
            .args([
                "search",
                "--onlyvisible",
                "--name",
                "Loopready",
                "windowfocus",
                "--sync",
            ])
            .status()
            .expect("xdotool runs");
        assert!(focused.success(), "xdotool found the window");
        for view in VIEWS {
            show(&app, "light", view).await;
            app.js("document.activeElement?.blur(); window.__walk = 0; \
                    document.querySelectorAll('[data-walked]').forEach(e => delete e.dataset.walked); \
                    return true;")
                .await;
            let mut stops = 0;
            let mut walked = Vec::new();
            for _ in 0..MAX_TABS {
                let press = KeyActions::new("keyboard".into())
                    .then(KeyAction::Down { value: tab })
                    .then(KeyAction::Up { value: tab });
                app.client.perform_actions(press).await.unwrap();
                let at = app.js(FOCUS_PROBE).await;
                if at.is_null() {
                    break;
                }
                let seen = at["seen"].as_u64().unwrap_or(0);
                // Still on the last stop: a date input's month, day and year
                // take a Tab each.
                if seen == stops {
                    continue;
                }
                // Focus came back to a stop already seen: the walk wrapped.
                if seen < stops {
                    break;
                }
                stops += 1;
                let name = at["name"].as_str().unwrap_or_default();
                walked.push(name.to_owned());
                if at["ring"] == false {
                    found.push(format!("{w}x{h} #{view}: no visible focus on {name}"));
                }
                // The skip link shows only under :focus (see above).
                if at["onScreen"] != true && at["ring"] != Value::Null {
                    found.push(format!("{w}x{h} #{view}: focus off screen on {name}"));
                }
                if at["positive"] == true {
                    found.push(format!(
                        "{w}x{h} #{view}: a positive tabindex reorders {name}"
                    ));
                }
            }
            assert!(
                stops > 3,
                "{w}x{h} #{view}: only {stops} keyboard stops: {walked:?}"
            );
        }
    }
    assert!(
        found.is_empty(),
        "keyboard walk problems:\n{}",
        found.join("\n")
    );
    app.quit().await;
}

/// What sticks out of the view sideways: `main`'s overflow, and the
/// elements whose right edge passes `main`'s content box; and, with the
/// side bar beside the view, whether the window itself scrolls.
const SIDEWAYS_PROBE: &str = "const m = document.querySelector('main');
  const edge = m.getBoundingClientRect().right - parseFloat(getComputedStyle(m).paddingRight);
  const out = [...m.querySelectorAll('*')]
    .filter((e) => e.getClientRects().length && e.getBoundingClientRect().right > edge + 1)
    .filter((e) => !e.closest('.table-scroll, [role=region]'))
    .slice(0, 5)
    .map((e) => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ').join('.') : '') + ' ' + Math.round(e.getBoundingClientRect().right - edge) + 'px');
  let widest = null; let r = 0;
  for (const e of document.querySelectorAll('body *')) { const b = e.getBoundingClientRect(); if (b.right > r) { r = b.right; widest = e.tagName + '.' + e.className + '#' + e.id + ' ' + b.left + '-' + b.right; } }
  const page = innerWidth > 820 ? document.scrollingElement.scrollHeight - innerHeight : 0;
  return { scroll: m.scrollWidth - m.clientWidth, page, out };";

/// No view scrolls sideways or draws past its edge at either size: wide
/// content (a table) scrolls inside its own region, and only the view (or
/// the side bar) scrolls, never the window as a whole.
#[tokio::test(flavor = "multi_thread")]
async fn no_view_runs_past_its_edge_at_either_size() {
    let dir = tempfile::tempdir().unwrap();
    given_profile(dir.path(), 30);
    let app = App::launch(dir.path()).await;
    app.start_story().await;
    // A round stopped on a linked design leaves its scoring form on the
    // timer's view, with the design's long name in a select.
    show(
        &app,
        "light",
        "timer?design=ml-platform&template=system-design-60",
    )
    .await;
    app.click_button("Start round").await;
    app.click_button("Stop").await;
    app.click_button("Click again to stop").await;
    app.wait_for_css(".score-form select[data-field=problem]")
        .await;
    let mut found = Vec::new();
    for (w, h) in SIZES {
        app.client.set_window_size(w, h).await.unwrap();
        for view in VIEWS {
            show(&app, "light", view).await;
            let at = app.js(SIDEWAYS_PROBE).await;
            let out = at["out"].as_array().cloned().unwrap_or_default();
            let page = at["page"].as_i64().unwrap_or(0);
            if at["scroll"].as_i64().unwrap_or(0) > 0 || page > 0 || !out.is_empty() {
                found.push(format!("{w}x{h} #{view}: {at}"));
            }
        }
    }
    assert!(
        found.is_empty(),
        "views past their edge:\n{}",
        found.join("\n")
    );
    app.quit().await;
}
