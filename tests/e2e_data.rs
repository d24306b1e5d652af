//! End to end: a damaged database is noticed at start, the newest good
//! backup is restored, and the window says what happened.

mod support;

use support::{cli, given_profile, App};

#[tokio::test(flavor = "multi_thread")]
async fn a_scribbled_database_is_replaced_by_the_last_backup_and_the_window_says_so() {
    let dir = tempfile::tempdir().unwrap();
    given_profile(dir.path(), 30);
    let app = App::launch(dir.path()).await;
    app.link("Settings").await.click().await.unwrap();
    app.wait_for_text("h1", "Settings").await;
    app.button("Back up now").await.click().await.unwrap();
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
