//! End to end: desktop behaviour in the real window. The window keeps its
//! size across a restart; the main actions work from the keyboard alone
//! (switch views, new story, the shortcuts list, start and pause a round);
//! the chosen theme applies at once and after a restart; a start that
//! cannot go on says why in a message box.

mod support;

use std::time::Duration;

use fantoccini::key::Key;
use fantoccini::Locator;
use support::{given_profile, App};

/// Sends a key chord to the page: modifiers stay down until NULL.
async fn chord(app: &App, keys: &str) {
    let body = app.client.find(Locator::Css("body")).await.unwrap();
    body.send_keys(&format!("{keys}{}", char::from(Key::Null)))
        .await
        .unwrap();
}

fn ctrl(key: &str) -> String {
    format!("{}{key}", char::from(Key::Control))
}

#[tokio::test(flavor = "multi_thread")]
async fn the_window_keeps_its_size_across_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    given_profile(dir.path(), 30);
    let app = App::launch(dir.path()).await;
    app.client.set_window_size(1000, 700).await.unwrap();
    tokio::time::sleep(Duration::from_millis(500)).await;
    let (w, h) = app.client.get_window_size().await.unwrap();
    assert_eq!((w, h), (1000, 700), "the resize took");
    app.quit().await;
    assert!(dir.path().join("window-state.json").exists());

    let app = App::launch(dir.path()).await;
    let (w, h) = app.client.get_window_size().await.unwrap();
    assert_eq!((w, h), (1000, 700), "the size came back");
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_saved_size_larger_than_the_screen_opens_inside_it() {
    let dir = tempfile::tempdir().unwrap();
    given_profile(dir.path(), 30);
    // As left by a larger monitor: 3000×2000 from (200, 100).
    std::fs::write(
        dir.path().join("window-state.json"),
        r#"{"main":{"width":3000,"height":2000,"x":200,"y":100,"prev_x":200,"prev_y":100,
            "maximized":false,"visible":true,"decorated":true,"fullscreen":false}}"#,
    )
    .unwrap();
    let app = App::launch(dir.path()).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let (x, y, w, h) = app.client.get_window_rect().await.unwrap();
    // The test display is 1280×900 (scripts/test.sh).
    assert!(w <= 1280 && h <= 900, "{w}x{h}");
    assert!(x + w <= 1280 && y + h <= 900, "{x},{y} {w}x{h}");
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_main_actions_work_from_the_keyboard() {
    let dir = tempfile::tempdir().unwrap();
    given_profile(dir.path(), 30);
    let app = App::launch(dir.path()).await;

    // Switch views.
    chord(&app, &ctrl("3")).await;
    app.wait_for_text("h1", "Stories").await;
    chord(&app, &ctrl("7")).await;
    app.wait_for_text("h1", "Dashboard").await;

    // New story, typed without the mouse: the title field has focus next
    // to the editor's first control after one Tab from the story list.
    chord(&app, &ctrl("n")).await;
    app.wait_for_text("#save-status", "Saved").await;
    app.fill("Title", "Keyboard story").await;
    app.wait_for_text(".story-link.active .story-title", "Keyboard story")
        .await;

    // The shortcuts list opens with ? and closes with Escape.
    chord(&app, &ctrl("1")).await;
    app.wait_for_text("h1", "Today").await;
    chord(&app, "?").await;
    app.wait_for_text("dialog.shortcuts", "Keyboard shortcuts")
        .await;
    let listed = app
        .js("return document.querySelector('dialog.shortcuts').textContent;")
        .await;
    assert!(listed.as_str().unwrap().contains("New story"), "{listed}");
    let focused = app.client.active_element().await.unwrap();
    focused
        .send_keys(&char::from(Key::Escape).to_string())
        .await
        .unwrap();
    let open = app
        .js("return document.querySelector('dialog.shortcuts').open;")
        .await;
    assert_eq!(open, false);

    // Start a round: the shortcut opens the timer on its start button,
    // Enter starts it, the shortcut pauses it.
    let shift_p = format!("{}{}p", char::from(Key::Control), char::from(Key::Shift));
    chord(&app, &shift_p).await;
    app.wait_for_text("h1", "Mock timer").await;
    // The focus moves to the start button once the view has drawn it.
    let started = std::time::Instant::now();
    while app
        .js("return document.activeElement?.id === 'start-round';")
        .await
        != true
    {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(10),
            "the start button never took the focus"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let start = app.client.active_element().await.unwrap();
    start
        .send_keys(&char::from(Key::Enter).to_string())
        .await
        .unwrap();
    app.wait_for_text(".timer-state", "Running").await;
    chord(&app, &shift_p).await;
    app.wait_for_text(".timer-state", "Paused").await;
    app.click_button("Stop").await;
    app.click_button("Click again to stop").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_chosen_theme_applies_and_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    given_profile(dir.path(), 30);
    let app = App::launch(dir.path()).await;
    app.link("Settings").await.click().await.unwrap();
    app.choose("Theme", "dark").await;
    let theme = "return document.documentElement.dataset.theme;";
    let started = std::time::Instant::now();
    while app.js(theme).await != "dark" {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "theme not applied"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let bg = app
        .js("return getComputedStyle(document.body).backgroundColor;")
        .await;
    assert_eq!(bg, "rgb(20, 25, 27)", "the dark palette is in use");
    app.quit().await;

    let app = App::launch(dir.path()).await;
    let started = std::time::Instant::now();
    while app.js(theme).await != "dark" {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "theme lost on restart"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    app.quit().await;
}

/// A window that cannot start says why in a message box as well as on
/// standard error, which nobody reads after a launch from the desktop; the
/// start ends when the box is closed.
#[test]
fn a_start_that_cannot_go_on_says_why_in_a_message_box() {
    use std::process::{Command, Stdio};
    use std::time::Instant;

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a-file");
    std::fs::write(&file, b"").unwrap();
    let mut app = Command::new(env!("CARGO_BIN_EXE_loopready"))
        .arg("--data-dir")
        .arg(file.join("data"))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let xdotool = |args: &[&str]| support::xdotool(None, args);
    let window = support::wait_for_x_window(
        None,
        &["--name", "Loopready could not start"],
        "message box",
    );
    // The start waits for the box to be read.
    std::thread::sleep(Duration::from_millis(300));
    assert!(app.try_wait().unwrap().is_none(), "it did not wait");
    xdotool(&["windowfocus", "--sync", &window]);
    xdotool(&["key", "Return"]);
    let started = Instant::now();
    let status = loop {
        if let Some(status) = app.try_wait().unwrap() {
            break status;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "OK did not end it"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(status.code(), Some(2));
    let mut said = String::new();
    std::io::Read::read_to_string(&mut app.stderr.take().unwrap(), &mut said).unwrap();
    assert!(said.contains("Not a directory"), "{said}");
}
