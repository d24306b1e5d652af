//! The headless command line, run as a real process on a temporary data dir.

use std::process::{Command, Output};

use serde_json::Value;

fn loopready(dir: &std::path::Path, args: &[&str]) -> Output {
    loopready_with(dir, &[], args)
}

/// `loopready` with `env` added to its environment (a time zone, say).
pub fn loopready_with(dir: &std::path::Path, env: &[(&str, &str)], args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_loopready"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("LOOPREADY_DATA_DIR")
        .envs(env.iter().copied())
        .output()
        .expect("the loopready binary runs")
}

/// Runs `loopready` and asserts it succeeded, showing its stderr if not.
fn succeeds(dir: &std::path::Path, args: &[&str]) -> Output {
    let out = loopready(dir, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

pub fn json(out: &Output) -> Value {
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

#[test]
fn stories_and_coverage_print_json_for_an_empty_bank() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(
        json(&loopready(dir.path(), &["stories", "--json"])),
        serde_json::json!([])
    );
    let cov = json(&loopready(dir.path(), &["coverage", "--json"]));
    assert_eq!(cov["rows"].as_array().unwrap().len(), 16);
    assert_eq!(cov["gaps"].as_array().unwrap().len(), 16);
}

#[test]
fn mocks_json_is_an_empty_list_before_any_round() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(
        json(&loopready(dir.path(), &["mocks", "--json"])),
        serde_json::json!([])
    );
}

#[test]
fn log_add_coding_counts_toward_todays_technical_minimum() {
    let dir = tempfile::tempdir().unwrap();
    let added = json(&loopready(
        dir.path(),
        &[
            "log",
            "add",
            "coding",
            "--name",
            "Two sum",
            "--minutes",
            "45",
            "--pattern",
            "hashing",
        ],
    ));
    assert_eq!(added["kind"], "coding");
    assert_eq!(added["pattern"], "hashing");
    json(&loopready(
        dir.path(),
        &[
            "log",
            "add",
            "design",
            "--name",
            "URL shortener",
            "--minutes",
            "50",
        ],
    ));
    json(&loopready(
        dir.path(),
        &["log", "add", "lp", "--minutes", "15"],
    ));

    let stats = json(&loopready(dir.path(), &["stats", "--json"]));
    assert_eq!(stats["counts"]["coding"], 1);
    assert_eq!(stats["counts"]["design"], 1);
    assert_eq!(stats["counts"]["lp-study"], 1);
    assert_eq!(stats["minutes"]["total"], 110);
    let technical = stats["status"]["daily"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["kind"] == "technical-minutes")
        .unwrap()
        .clone();
    assert_eq!(technical["actual"], 95);
    let parts = stats["readiness"]["parts"].as_array().unwrap();
    assert_eq!(parts.len(), 5);
    assert!(stats["readiness"]["total"].as_u64().unwrap() <= 100);
    assert!(stats["status"]["streak"]["days"].is_u64());
}

#[test]
fn log_add_takes_a_date_and_files_the_entry_under_it() {
    let dir = tempfile::tempdir().unwrap();
    let added = json(&loopready(
        dir.path(),
        &[
            "log",
            "add",
            "coding",
            "--name",
            "LRU",
            "--minutes",
            "20",
            "--date",
            "2026-01-05",
        ],
    ));
    assert_eq!(added["date"], "2026-01-05");
}

#[test]
fn refused_log_values_exit_non_zero_name_the_field_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [&[&str]; 5] = [
        &["log", "add", "coding", "--name", "x", "--minutes", "0"],
        &["log", "add", "coding", "--name", "  ", "--minutes", "10"],
        &[
            "log",
            "add",
            "coding",
            "--name",
            "x",
            "--minutes",
            "10",
            "--pattern",
            "sorting",
        ],
        &["log", "add", "lp", "--minutes", "601"],
        &["log", "add", "lp", "--minutes", "10", "--date", "yesterday"],
    ];
    let fields = ["Minutes", "Name", "pattern", "Minutes", "date"];
    for (args, field) in cases.iter().zip(fields) {
        let out = loopready(dir.path(), args);
        assert!(!out.status.success(), "{args:?} was accepted");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(field), "{args:?}: {err}");
    }
    let stats = json(&loopready(dir.path(), &["stats", "--json"]));
    assert_eq!(stats["minutes"]["total"], 0);
}

fn given_profile(dir: &std::path::Path) {
    let args = set_args(&in_days(45), "12");
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    assert!(loopready(dir, &args).status.success());
}

#[test]
fn export_and_import_move_everything_to_a_fresh_data_dir() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let file = a.path().join("everything.json");
    given_profile(a.path());
    assert!(loopready(
        a.path(),
        &[
            "log",
            "add",
            "coding",
            "--name",
            "Two sum",
            "--minutes",
            "25"
        ]
    )
    .status
    .success());
    succeeds(a.path(), &["export", "--out", file.to_str().unwrap()]);

    succeeds(b.path(), &["import", file.to_str().unwrap()]);
    let stats_a = json(&loopready(a.path(), &["stats", "--json"]));
    let stats_b = json(&loopready(b.path(), &["stats", "--json"]));
    assert_eq!(stats_a["counts"], stats_b["counts"]);
    assert_eq!(
        json(&loopready(a.path(), &["profile", "--json"])),
        json(&loopready(b.path(), &["profile", "--json"]))
    );

    // A second import into a database with data must say how.
    let out = loopready(b.path(), &["import", file.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("merge"));
    succeeds(b.path(), &["import", file.to_str().unwrap(), "--merge"]);
    assert_eq!(
        json(&loopready(b.path(), &["stats", "--json"]))["counts"],
        stats_a["counts"],
        "merging the same file twice adds nothing"
    );
    // Each import was preceded by a backup of its own.
    let backups = loopready::store::backup::list(&b.path().join("backups")).unwrap();
    assert!(backups.len() >= 2, "{} backups", backups.len());
}

#[test]
fn the_schedule_exports_as_icalendar_that_an_independent_parser_reads() {
    let dir = tempfile::tempdir().unwrap();
    given_profile(dir.path());
    let file = dir.path().join("plan.ics");
    succeeds(
        dir.path(),
        &["export", "--format", "ics", "--out", file.to_str().unwrap()],
    );
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.lines().all(|l| l.len() <= 75), "lines are folded");
    assert!(text.contains("\r\n"), "lines end in CRLF");

    let reader = std::io::BufReader::new(std::fs::File::open(&file).unwrap());
    let calendars: Vec<_> = ical::IcalParser::new(reader)
        .collect::<Result<_, _>>()
        .expect("the file parses");
    assert_eq!(calendars.len(), 1);
    let events = &calendars[0].events;
    assert!(events.len() > 10, "{} events", events.len());
    let value = |e: &ical::parser::ical::component::IcalEvent, name: &str| {
        e.properties
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.value.clone())
            .unwrap_or_default()
    };
    let first = &events[0];
    assert!(value(first, "SUMMARY").starts_with("Interview prep:"));
    assert_eq!(value(first, "DTSTART").len(), 8, "an all-day date");
    assert!(events
        .iter()
        .any(|e| value(e, "SUMMARY").starts_with("Checkpoint:")));
    let uids: std::collections::HashSet<_> = events.iter().map(|e| value(e, "UID")).collect();
    assert_eq!(uids.len(), events.len(), "every event has its own UID");
    let interview = events
        .iter()
        .find(|e| value(e, "SUMMARY").contains("interview"))
        .expect("the interview itself is an event");
    assert_eq!(
        value(interview, "DTSTART"),
        in_days(45).replace('-', ""),
        "on the interview date"
    );
}

#[test]
fn the_problem_bank_lists_every_problem_with_the_candidates_history() {
    let dir = tempfile::tempdir().unwrap();
    given_profile(dir.path());
    succeeds(
        dir.path(),
        &[
            "log",
            "add",
            "coding",
            "--name",
            "1. two sum",
            "--minutes",
            "15",
            "--optimal",
        ],
    );
    let bank = json(&loopready(dir.path(), &["problems", "--json"]));
    let coding = bank["coding"].as_array().unwrap();
    assert_eq!(coding.len(), 92);
    assert_eq!(bank["design"].as_array().unwrap().len(), 22);
    let two_sum = coding.iter().find(|p| p["number"] == 1).unwrap();
    assert_eq!(two_sum["name"], "Two Sum");
    assert_eq!(two_sum["attempts"].as_array().unwrap().len(), 1);
    assert_eq!(two_sum["solvedWell"], true);
    let untried = coding.iter().find(|p| p["number"] == 42).unwrap();
    assert!(untried["attempts"].as_array().unwrap().is_empty());
}

#[test]
fn the_schedule_names_every_item() {
    let dir = tempfile::tempdir().unwrap();
    let out = json(&loopready(
        dir.path(),
        &[
            "schedule",
            "--interview",
            &in_days(42),
            "--level",
            "L7",
            "--current",
            "manager",
            "--hours",
            "12",
            "--risk",
            "medium",
            "--json",
        ],
    ));
    let days = out["schedule"]["days"].as_array().unwrap();
    assert!(!days.is_empty());
    for item in days.iter().flat_map(|d| d["items"].as_array().unwrap()) {
        let task = &item["task"];
        assert!(
            task["title"].as_str().is_some_and(|t| !t.is_empty()),
            "{item}"
        );
        assert!(!task["targets"].as_array().unwrap().is_empty(), "{item}");
        if item["category"] == "coding" {
            assert!(task["targets"][0]["kind"] == "problem", "{item}");
        }
    }
}

/// Without `--json` the read commands print text, and the schedule's text
/// says what its JSON says: every day, and each item's minutes and name.
#[test]
fn the_read_commands_print_text_unless_asked_for_json() {
    let dir = tempfile::tempdir().unwrap();
    let args = [
        "schedule",
        "--interview",
        &in_days(30),
        "--level",
        "L6",
        "--current",
        "senior-engineer",
        "--hours",
        "10",
        "--risk",
        "medium",
    ];
    let text = String::from_utf8(loopready(dir.path(), &args).stdout).unwrap();
    let out = json(&loopready(dir.path(), &[&args[..], &["--json"]].concat()));
    let mut expected = Vec::new();
    for day in out["schedule"]["days"].as_array().unwrap() {
        for item in day["items"].as_array().unwrap() {
            expected.push(format!(
                "{:>3} min  {}",
                item["minutes"].as_u64().unwrap(),
                item["task"]["title"].as_str().unwrap()
            ));
        }
    }
    let printed: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("  ") && l.contains(" min  "))
        .map(|l| &l[2..])
        .collect();
    assert_eq!(printed, expected);
    for command in ["plans", "stories", "problems", "coverage"] {
        let out = loopready(dir.path(), &[command]);
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(out.status.success(), "{command}");
        assert!(
            serde_json::from_str::<Value>(&text).is_err() && !text.trim().is_empty(),
            "{command} printed JSON or nothing: {text}"
        );
    }
}

#[test]
fn the_practice_log_exports_as_csv() {
    let dir = tempfile::tempdir().unwrap();
    given_profile(dir.path());
    assert!(loopready(
        dir.path(),
        &[
            "log",
            "add",
            "coding",
            "--name",
            "Merge, then \"sort\"",
            "--minutes",
            "30"
        ]
    )
    .status
    .success());
    let file = dir.path().join("log.csv");
    succeeds(
        dir.path(),
        &["export", "--format", "csv", "--out", file.to_str().unwrap()],
    );
    let text = std::fs::read_to_string(&file).unwrap();
    let mut lines = text.split("\r\n");
    assert_eq!(lines.next(), Some("date,kind,minutes,summary,source"));
    let row = lines.next().unwrap();
    assert!(row.contains("\"Merge, then \"\"sort\"\""), "{row}");
    assert!(row.ends_with(",logged"), "{row}");
}

/// Two machines through one shared folder on the command line: what one
/// logs, the other has after `sync now` on both; the status names the
/// other machine as up to date; a folder holding the data is refused.
#[test]
fn sync_carries_a_log_entry_between_two_data_folders() {
    let root = tempfile::tempdir().unwrap();
    let (a, b, shared) = (
        root.path().join("a"),
        root.path().join("b"),
        root.path().join("shared"),
    );
    for d in [&a, &b, &shared] {
        std::fs::create_dir_all(d).unwrap();
    }
    let refused = loopready(
        &a,
        &["sync", "folder", a.parent().unwrap().to_str().unwrap()],
    );
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("inside"));

    for d in [&a, &b] {
        succeeds(d, &["sync", "folder", shared.to_str().unwrap()]);
    }
    json(&loopready(&a, &["log", "add", "lp", "--minutes", "25"]));
    succeeds(&a, &["sync", "now"]);
    let status = json(&loopready(&b, &["sync", "now", "--json"]));
    assert_eq!(status["devices"].as_array().unwrap().len(), 1, "{status}");
    assert_eq!(
        status["devices"][0]["stream"]["state"], "upToDate",
        "{status}"
    );
    assert_eq!(status["devices"][0]["applied"], 2, "{status}");
    let stats = json(&loopready(&b, &["stats", "--json"]));
    assert_eq!(stats["counts"]["lp-study"], 1, "{stats}");
    let status = json(&loopready(&a, &["sync", "status", "--json"]));
    assert_eq!(status["pending"], 0, "{status}");
    assert_eq!(status["sentSeq"], 2, "{status}");
}

/// Output piped into a reader that stops (`| head`) ends the command
/// without a panic, for a command's own output and for clap's help alike.
#[test]
fn a_closed_pipe_ends_the_command_quietly() {
    let dir = tempfile::tempdir().unwrap();
    given_profile(dir.path());
    for args in [&["stats", "--json"][..], &["log", "--help"][..]] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_loopready"))
            .arg("--data-dir")
            .arg(dir.path())
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // The reader goes away before the command has printed anything.
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}
