//! End to end: a damaged database is noticed at start, the newest good
//! backup is restored, and the window says what happened; an automatic
//! backup that fails is in the log file with its cause and said once; an
//! export made in one window imports into a fresh data dir from the
//! first-run screen; a garbled window state and saved round, and a
//! read-only data folder, still open the window, which says what happened;
//! quitting backs up what changed.

mod support;

use serde_json::json;
use support::{cli, given_profile, App};

#[tokio::test(flavor = "multi_thread")]
async fn a_scribbled_database_is_replaced_by_the_last_backup_and_the_window_says_so() {
    let dir = tempfile::tempdir().unwrap();
    given_profile(dir.path(), 30);
    let app = App::launch(dir.path()).await;
    app.link("Settings").await.click().await.unwrap();
    app.wait_for_text("h1", "Settings").await;
    app.click_button("Back up now").await;
    app.wait_for_text(".backups", "manual").await;
    app.quit().await;

    let db = dir.path().join("loopready.sqlite3");
    std::fs::write(&db, b"scribbled over by a faulty disk").unwrap();
    for side in ["loopready.sqlite3-wal", "loopready.sqlite3-shm"] {
        let _ = std::fs::remove_file(dir.path().join(side));
    }

    let app = App::launch(dir.path()).await;
    app.wait_for_text(".banner.error", "restored the backup")
        .await;
    // The profile came back with the backup.
    app.wait_for_text("#days-left", "30 days left").await;
    app.quit().await;
    assert_eq!(cli(dir.path(), &["profile", "--json"])["daysLeft"], 30);
}

/// A window-state file and a running round left garbled (a disk error, a
/// half-synced folder), and the lock file of a window that died, do not
/// stop the window: it opens with the data, and says the round was dropped.
#[tokio::test(flavor = "multi_thread")]
async fn a_garbled_window_state_and_saved_round_still_open_the_window_and_say_so() {
    let dir = tempfile::tempdir().unwrap();
    given_profile(dir.path(), 30);
    std::fs::write(dir.path().join("window-state.json"), b"\x00{{ not json").unwrap();
    // The lock file of a window that died: its lock went with the process.
    std::fs::write(dir.path().join("loopready.lock"), b"4242").unwrap();
    rusqlite::Connection::open(dir.path().join("loopready.sqlite3"))
        .unwrap()
        .execute(
            "INSERT OR REPLACE INTO timer_live (id, session_json, updated_at)
             VALUES (1, '{\"template\": 3}', '2026-11-20T09:00:00Z')",
            [],
        )
        .unwrap();
    let app = App::launch(dir.path()).await;
    app.wait_for_text(".banner", "could not be read, so it was dropped")
        .await;
    app.wait_for_text("#days-left", "30 days left").await;
    app.quit().await;
}

/// A data folder that cannot be written (a read-only disk, a folder the
/// user may not write) opens to read, and the window says nothing will be
/// saved there, instead of a start that fails without a word.
#[tokio::test(flavor = "multi_thread")]
async fn a_read_only_data_folder_opens_to_read_and_says_nothing_will_be_saved() {
    let dir = tempfile::tempdir().unwrap();
    given_profile(dir.path(), 30);
    support::soak::make_read_only(dir.path());
    let app = App::launch(dir.path()).await;
    app.wait_for_text(".banner", "nothing you change will be saved")
        .await;
    app.wait_for_text("#days-left", "30 days left").await;
    for (w, h) in [(1280, 800), (900, 600)] {
        app.client.set_window_size(w, h).await.unwrap();
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        app.shot(&format!("read-only-{w}-light")).await;
    }
    support::soak::make_writable(dir.path());
    app.quit().await;
}

/// Quitting backs up what changed while the window was open (here, an
/// entry logged from the command line), so the last session is never only
/// in the live file. Quit from the native menu's key, as a person does (a
/// WebDriver session ends the process without a quit), on an X server of
/// the test's own: the other end-to-end tests share the suite's display,
/// and a key sent there could reach one of their windows.
#[test]
fn quitting_backs_up_what_changed() {
    use loopready::store::backup;
    use std::io::BufRead;
    use std::process::{Child, Command, Stdio};
    use std::time::{Duration, Instant};

    /// A child process that is ended however the test ends.
    struct Ended(Child);
    impl Drop for Ended {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }

    // Xvfb picks a free display number and writes it to the given fd.
    let mut server = Command::new("Xvfb")
        .args([
            "-displayfd",
            "1",
            "-screen",
            "0",
            "1280x900x24",
            "-nolisten",
            "tcp",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("Xvfb runs (scripts/install-deps.sh installs it)");
    let mut number = String::new();
    std::io::BufReader::new(server.stdout.take().unwrap())
        .read_line(&mut number)
        .unwrap();
    let _server = Ended(server);
    let display = format!(":{}", number.trim());

    let dir = tempfile::tempdir().unwrap();
    given_profile(dir.path(), 30);
    let mut app = Ended(
        Command::new(env!("CARGO_BIN_EXE_loopready"))
            .arg("--data-dir")
            .arg(dir.path())
            .env("DISPLAY", &display)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let xdotool = |args: &[&str]| support::xdotool(Some(&display), args);
    let window = support::wait_for_x_window(
        Some(&display),
        &["--onlyvisible", "--name", "^Loopready$"],
        "window",
    );
    // The window is up before its setup ends; the change must come after.
    std::thread::sleep(Duration::from_secs(1));
    cli(dir.path(), &["log", "add", "lp", "--minutes", "15"]);
    xdotool(&["windowfocus", "--sync", &window]);
    xdotool(&["key", "ctrl+q"]);
    let started = Instant::now();
    while app.0.try_wait().unwrap().is_none() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "Ctrl+Q did not quit"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let backups = backup::list(&backup::backup_dir(dir.path())).unwrap();
    let reasons: Vec<&str> = backups.iter().map(|b| b.reason.as_str()).collect();
    assert!(reasons.contains(&"exit"), "{reasons:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_failed_automatic_backup_is_logged_with_its_cause_and_said_once() {
    let dir = tempfile::tempdir().unwrap();
    given_profile(dir.path(), 30);
    // A file where the backups folder should be: no backup can be written,
    // whoever runs the test (root ignores a read-only folder).
    std::fs::write(dir.path().join("backups"), b"not a folder").unwrap();
    let app = App::launch_with_env(dir.path(), &[("LOOPREADY_BACKUP_POLL_MS", "200")]).await;
    app.link("Settings").await.click().await.unwrap();
    app.wait_for_text("h1", "Settings").await;
    let change = "return window.__TAURI__.core.invoke('set_theme', { theme: arguments[0] });";
    app.client
        .execute(change, vec![json!("dark")])
        .await
        .unwrap();
    app.wait_for_text(".banner.error", "automatic backup failed")
        .await;
    app.shot("backup-failed").await;
    // Later failures (the retry after 30 minutes) go to the log only; the
    // unit test of AutoBackup checks that the window is told once.

    // Settings names the log file, and the diagnostics carry the failure.
    let log_file = dir.path().join("logs").join("loopready.log");
    app.wait_for_text("#log-file", &log_file.display().to_string())
        .await;
    app.click_button("Copy diagnostics").await;
    let started = std::time::Instant::now();
    let summary = loop {
        let value = app
            .js("return document.querySelector('#diagnostics').value;")
            .await;
        let value = value.as_str().unwrap_or_default().to_owned();
        if !value.is_empty() || started.elapsed() > std::time::Duration::from_secs(10) {
            break value;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    };
    let summary = summary.as_str();
    assert!(summary.contains("Loopready 0.1.0"), "{summary}");
    assert!(summary.contains("automatic backup into"), "{summary}");
    app.shot("diagnostics").await;
    if let Some(dir) = std::env::var_os("LOOPREADY_SHOTS") {
        std::fs::write(std::path::Path::new(&dir).join("diagnostics.txt"), summary).unwrap();
    }
    app.quit().await;

    let log = std::fs::read_to_string(&log_file).unwrap();
    let failures: Vec<&str> = log
        .lines()
        .filter(|l| l.contains("automatic backup into"))
        .collect();
    assert!(!failures.is_empty(), "the failure is logged: {log}");
    assert!(failures[0].contains("[ERROR]"), "{log}");
    // The cause, not only that it failed.
    assert!(
        failures[0].contains("backups") && failures[0].contains("failed: "),
        "{log}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn an_export_from_the_window_imports_into_a_fresh_data_dir() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let exports = tempfile::tempdir().unwrap();
    given_profile(a.path(), 30);
    let app = App::launch_with_env(
        a.path(),
        &[("LOOPREADY_EXPORT_DIR", exports.path().to_str().unwrap())],
    )
    .await;
    app.link("Stories").await.click().await.unwrap();
    app.click_button("New story").await;
    app.wait_for_text("#save-status", "Saved").await;
    app.fill("Title", "Moved with me").await;
    app.fill("Action", "I carried the whole bank across.").await;
    app.wait_for_text("#save-status", "Saved").await;
    app.link("Settings").await.click().await.unwrap();
    app.click_button("Export everything (JSON)").await;
    app.wait_for_text(".banners", "Exported to").await;
    app.quit().await;
    let file = std::fs::read_dir(exports.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "json"))
        .expect("the export was written");

    // A fresh data dir: the first-run screen offers the import.
    let app = App::launch_with_env(
        b.path(),
        &[("LOOPREADY_IMPORT_FILE", file.to_str().unwrap())],
    )
    .await;
    app.wait_for_text("h1", "Welcome").await;
    app.click_button("Import an export…").await;
    app.wait_for_text("h1", "Today").await;
    app.link("Stories").await.click().await.unwrap();
    app.wait_for_text(".story-list", "Moved with me").await;
    app.quit().await;
}

/// Two computers: the other one (driven from the command line) logs a
/// problem and syncs; in this window, Settings chooses the same folder and
/// "Sync now" brings the entry into the Log and lists the other computer as
/// up to date.
#[tokio::test(flavor = "multi_thread")]
async fn sync_now_brings_another_computers_log_entry_into_the_window() {
    let root = tempfile::tempdir().unwrap();
    let (here, there, shared) = (
        root.path().join("here"),
        root.path().join("there"),
        root.path().join("shared"),
    );
    for d in [&here, &there, &shared] {
        std::fs::create_dir_all(d).unwrap();
    }
    given_profile(&here, 30);
    given_profile(&there, 30);
    let folder = shared.to_str().unwrap();
    cli(&there, &["sync", "folder", folder]);
    cli(&there, &["sync", "name", "Home desktop"]);
    cli(
        &there,
        &[
            "log",
            "add",
            "coding",
            "--name",
            "Course schedule",
            "--minutes",
            "40",
        ],
    );
    cli(&there, &["sync", "now"]);

    let app = App::launch_with_env(&here, &[("LOOPREADY_SYNC_FOLDER", folder)]).await;
    app.link("Settings").await.click().await.unwrap();
    app.wait_for_text("h1", "Settings").await;
    app.click_button("Choose a sync folder…").await;
    app.wait_for_text("#sync-state", folder).await;
    app.click_button("Sync now").await;
    app.wait_for_text("#sync-devices", "Home desktop").await;
    app.wait_for_text("#sync-devices", "up to date").await;
    app.shot("settings-sync").await;
    app.link("Log").await.click().await.unwrap();
    app.wait_for_text("main", "Course schedule").await;
    app.quit().await;

    // And back: what was synced here counts on the command line too.
    let stats = cli(&here, &["stats", "--json"]);
    assert_eq!(stats["counts"]["coding"], 1, "{stats}");
}

/// Two computers edit the same story before either has the other's edit:
/// the other one (driven through the library on its own data folder)
/// writes a story and syncs; here "Sync now" brings it into the Stories
/// view; then both change its result, the other one last. Sync now keeps
/// the other's text, lists one conflict with both versions side by side,
/// keeps both texts in the story's history, and "Keep this one" under the
/// version set aside brings this computer's text back.
#[tokio::test(flavor = "multi_thread")]
async fn a_story_edited_on_two_computers_is_listed_as_a_conflict_with_both_texts() {
    use loopready::service::sync;
    use loopready::store::{self, Store};
    use loopready::stories::StoryDraft;

    let root = tempfile::tempdir().unwrap();
    let (here, there, shared) = (
        root.path().join("here"),
        root.path().join("there"),
        root.path().join("shared"),
    );
    for d in [&here, &there, &shared] {
        std::fs::create_dir_all(d).unwrap();
    }
    given_profile(&here, 30);
    given_profile(&there, 30);
    let other = Store::open(&there.join("loopready.sqlite3")).unwrap();
    sync::set_folder(&other, &shared, &there).unwrap();
    sync::set_name(&other, "Home desktop").unwrap();
    let draft = StoryDraft {
        title: "Fleet move".into(),
        situation: "Two regions had to move to new hardware without downtime.".into(),
        task: "I owned the cut-over plan.".into(),
        action: "I staged the move behind a traffic switch.".into(),
        result: "No customer saw an error.".into(),
        ..StoryDraft::default()
    };
    let id = store::stories::create(&other, &draft, "desktop-1")
        .unwrap()
        .id;
    sync::now(&other).unwrap();

    let folder = shared.to_str().unwrap();
    let app = App::launch_with_env(&here, &[("LOOPREADY_SYNC_FOLDER", folder)]).await;
    app.link("Settings").await.click().await.unwrap();
    app.wait_for_text("h1", "Settings").await;
    app.click_button("Choose a sync folder…").await;
    app.wait_for_text("#sync-state", folder).await;
    app.click_button("Sync now").await;
    app.wait_for_text("#sync-devices", "Home desktop").await;

    // Written there, it is here now; edited here...
    app.link("Stories").await.click().await.unwrap();
    app.wait_for_text(".story-link.active .story-title", "Fleet move")
        .await;
    app.fill("Result", "Latency fell by 40 % (laptop).").await;
    app.wait_for_text("#save-status", "Saved").await;
    // ...and there, a little later, before either has synced.
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    let mut later = store::stories::get(&other, &id).unwrap().unwrap().draft;
    later.result = "Latency fell by 55 % (desktop).".into();
    store::stories::update(&other, &id, &later, "desktop-2").unwrap();
    sync::now(&other).unwrap();

    app.link("Settings").await.click().await.unwrap();
    app.wait_for_text("h1", "Settings").await;
    app.click_button("Sync now").await;
    let listed = app.wait_for_text("#sync-conflicts", "Fleet move").await;
    assert!(listed.contains("Home desktop"), "{listed}");
    assert!(
        listed.contains("Latency fell by 55 % (desktop)."),
        "{listed}"
    );
    assert!(
        listed.contains("Latency fell by 40 % (laptop)."),
        "{listed}"
    );
    assert_eq!(
        app.js("return document.querySelectorAll('#sync-conflicts .sync-conflict').length;")
            .await,
        json!(1)
    );
    for (w, h) in [(1280, 800), (900, 600)] {
        app.client.set_window_size(w, h).await.unwrap();
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        app.js("document.getElementById('sync-conflicts').scrollIntoView(); return null;")
            .await;
        app.shot(&format!("settings-sync-conflict-{w}")).await;
    }

    // The story reads the text changed last, with both in its history.
    app.link("Stories").await.click().await.unwrap();
    app.wait_for_text(".story-link.active .story-title", "Fleet move")
        .await;
    let result = app.control("Result").await.prop("value").await.unwrap();
    assert_eq!(result.as_deref(), Some("Latency fell by 55 % (desktop)."));

    // Keep this computer's text after all.
    app.link("Settings").await.click().await.unwrap();
    app.wait_for_text("#sync-conflicts", "Fleet move").await;
    // Back to the usual size to choose.
    app.client.set_window_size(1280, 800).await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    app.click_button("Keep this one: the version set aside")
        .await;
    // The card repaints without the conflict.
    let started = std::time::Instant::now();
    while app
        .js("return document.querySelectorAll('#sync-conflicts').length;")
        .await
        != json!(0)
    {
        assert!(
            started.elapsed().as_secs() < 10,
            "the conflict stayed listed"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    app.link("Stories").await.click().await.unwrap();
    app.wait_for_text(".story-link.active .story-title", "Fleet move")
        .await;
    let result = app.control("Result").await.prop("value").await.unwrap();
    assert_eq!(result.as_deref(), Some("Latency fell by 40 % (laptop)."));
    app.quit().await;

    let mine = Store::open(&here.join("loopready.sqlite3")).unwrap();
    let history: Vec<String> = store::stories::revisions(&mine, &id)
        .unwrap()
        .into_iter()
        .map(|r| r.draft.result)
        .collect();
    assert!(history.iter().any(|t| t.contains("laptop")), "{history:?}");
    assert!(history.iter().any(|t| t.contains("desktop")), "{history:?}");
    // The choice travels: the other computer takes it at its next sync.
    let here_dev = store::sync::local(&mine).unwrap();
    drop(mine);
    let status = sync::now(&other).unwrap();
    assert!(status.devices.iter().any(|d| d.device == here_dev.device));
    let there_now = store::stories::get(&other, &id).unwrap().unwrap();
    assert_eq!(there_now.draft.result, "Latency fell by 40 % (laptop).");
    assert!(status.conflicts.is_empty(), "{:?}", status.conflicts);
}
