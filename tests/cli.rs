//! The headless command line, run as a real process on a temporary data dir.

use std::process::{Command, Output};

use serde_json::Value;

fn loopready(dir: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_loopready"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("LOOPREADY_DATA_DIR")
        .output()
        .expect("the loopready binary runs")
}

fn json(out: &Output) -> Value {
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn in_days(n: i64) -> String {
    (chrono::Local::now().date_naive() + chrono::Duration::days(n)).to_string()
}

fn set_args(date: &str, hours: &str) -> Vec<String> {
    [
        "profile",
        "set",
        "--interview",
        date,
        "--level",
        "L7",
        "--track",
        "manager",
        "--current",
        "manager",
    ]
    .iter()
    .map(|s| s.to_string())
    .chain([
        "--hours".into(),
        hours.into(),
        "--risk".into(),
        "high".into(),
        "--days".into(),
        "mon,tue,sat".into(),
        "--json".into(),
    ])
    .collect()
}

#[test]
fn version_prints_the_package_version() {
    let out = Command::new(env!("CARGO_BIN_EXE_loopready"))
        .arg("--version")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!("loopready {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn profile_json_is_empty_before_the_first_run() {
    let dir = tempfile::tempdir().unwrap();
    let v = json(&loopready(dir.path(), &["profile", "--json"]));
    assert_eq!(v["profile"], Value::Null);
}

#[test]
fn profile_set_stores_what_profile_json_prints() {
    let dir = tempfile::tempdir().unwrap();
    let args = set_args(&in_days(70), "25");
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    json(&loopready(dir.path(), &args));
    let v = json(&loopready(dir.path(), &["profile", "--json"]));
    assert_eq!(v["daysLeft"], 70);
    assert_eq!(v["profile"]["targetLevel"], "L7");
    assert_eq!(
        v["profile"]["prepDays"],
        serde_json::json!(["Mon", "Tue", "Sat"])
    );
}

#[test]
fn refused_values_exit_non_zero_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    for (date, hours, message) in [
        (in_days(-3), "10", "is in the past"),
        (in_days(10), "0", "between 1 and 80"),
        (in_days(10), "-4", "between 1 and 80"),
        ("2026-13-40".to_string(), "10", "must be a date"),
    ] {
        let args = set_args(&date, hours);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = loopready(dir.path(), &args);
        assert!(!out.status.success());
        assert!(
            String::from_utf8_lossy(&out.stderr).contains(message),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let v = json(&loopready(dir.path(), &["profile", "--json"]));
    assert_eq!(v["profile"], Value::Null);
}

#[test]
fn an_unknown_level_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut args = set_args(&in_days(10), "10");
    args[9] = "director".into();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = loopready(dir.path(), &args);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("Unknown current level: 'director'"));
}
