//! The IPC surface through Tauri's mock runtime: what the window sends and
//! what it gets back, errors included.

use std::sync::Arc;

use crate::ipc;

use loopready::commands::{self, AppState};
use loopready::shell::notify::RecordingNotifier;
use loopready::store::Store;
use serde_json::{json, Value};

struct Harness {
    ipc: ipc::Harness,
    notifier: Arc<RecordingNotifier>,
}

fn harness(notifier: RecordingNotifier) -> Harness {
    let notifier = Arc::new(notifier);
    let state = AppState::new(
        Store::open_in_memory().unwrap(),
        "/tmp/loopready-test".into(),
        notifier.clone(),
    );
    Harness {
        ipc: ipc::Harness::new(state),
        notifier,
    }
}

fn invoke(h: &Harness, cmd: &str, body: Value) -> Result<Value, Value> {
    h.ipc.invoke(cmd, body)
}

fn future_date(days: i64) -> String {
    (chrono::Local::now().date_naive() + chrono::Duration::days(days)).to_string()
}

fn profile_input(date: &str) -> Value {
    json!({ "profile": {
        "interviewDate": date, "targetLevel": "L6", "track": "ic", "currentLevel": "senior-engineer",
        "hoursPerWeek": 20, "prepDays": ["Mon", "Wed", "Fri"], "risk": "medium"
    }})
}

#[test]
fn first_run_has_no_profile() {
    let h = harness(RecordingNotifier::default());
    assert_eq!(invoke(&h, "get_profile", json!({})).unwrap(), Value::Null);
}

#[test]
fn saved_profile_comes_back_with_days_left() {
    let h = harness(RecordingNotifier::default());
    let saved = invoke(&h, "save_profile", profile_input(&future_date(42))).unwrap();
    assert_eq!(saved["daysLeft"], 42);
    let read = invoke(&h, "get_profile", json!({})).unwrap();
    assert_eq!(read["profile"]["interviewDate"], future_date(42));
    assert_eq!(read["profile"]["prepDays"], json!(["Mon", "Wed", "Fri"]));
}

#[test]
fn past_interview_date_is_refused_with_kind_and_message() {
    let h = harness(RecordingNotifier::default());
    let err = invoke(&h, "save_profile", profile_input(&future_date(-1))).unwrap_err();
    assert_eq!(err["kind"], "invalid");
    assert!(
        err["message"].as_str().unwrap().contains("is in the past"),
        "{err}"
    );
    assert_eq!(invoke(&h, "get_profile", json!({})).unwrap(), Value::Null);
}

#[test]
fn unknown_level_is_refused_and_the_stored_profile_is_unchanged() {
    let h = harness(RecordingNotifier::default());
    invoke(&h, "save_profile", profile_input(&future_date(30))).unwrap();
    let mut bad = profile_input(&future_date(60));
    bad["profile"]["targetLevel"] = json!("L9");
    let err = invoke(&h, "save_profile", bad).unwrap_err();
    assert_eq!(err["kind"], "invalid");
    assert_eq!(err["message"], "Unknown target level: 'L9'.");
    let read = invoke(&h, "get_profile", json!({})).unwrap();
    assert_eq!(read["daysLeft"], 30);
}

#[test]
fn hours_out_of_range_are_refused() {
    let h = harness(RecordingNotifier::default());
    for hours in [0, 81, -5] {
        let mut bad = profile_input(&future_date(30));
        bad["profile"]["hoursPerWeek"] = json!(hours);
        let err = invoke(&h, "save_profile", bad).unwrap_err();
        assert_eq!(
            err["message"],
            format!("Hours per week must be between 1 and 80 (got {hours}).")
        );
    }
}

#[test]
fn test_notification_goes_through_the_notifier() {
    let h = harness(RecordingNotifier::default());
    invoke(&h, "send_test_notification", json!({})).unwrap();
    let sent = h.notifier.sent.lock().unwrap();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].0, commands::system::TEST_TITLE);
}

#[test]
fn a_refused_notification_reaches_the_window_as_an_error() {
    let h = harness(RecordingNotifier {
        fail_with: Some("No notification service answered".into()),
        ..Default::default()
    });
    let err = invoke(&h, "send_test_notification", json!({})).unwrap_err();
    assert_eq!(
        err,
        json!({ "kind": "notification", "message": "No notification service answered" })
    );
}

#[test]
fn the_log_filter_refuses_a_kind_pattern_or_date_that_is_not_ours() {
    let h = harness(RecordingNotifier::default());
    let refused = |cmd: &str, filter: Value| {
        let err = invoke(&h, cmd, json!({ "filter": filter })).unwrap_err();
        assert_eq!(err["kind"], "invalid", "{err}");
        err["message"].as_str().unwrap().to_string()
    };
    assert_eq!(
        refused("practice_log", json!({ "kind": "juggling" })),
        "Unknown entry kind \"juggling\"."
    );
    assert_eq!(
        refused("practice_log_count", json!({ "pattern": "sorting" })),
        "Unknown pattern \"sorting\"."
    );
    assert_eq!(
        refused("practice_log", json!({ "from": "last week" })),
        "The from date must be a date like 2026-12-31 (got 'last week')."
    );
}

#[test]
fn the_log_filter_narrows_the_page_and_the_count_the_window_shows() {
    let h = harness(RecordingNotifier::default());
    for (date, name, pattern) in [
        ("2026-03-02", "Two sum", "hashing"),
        ("2026-03-03", "Sliding maximum", "sliding-window"),
        ("2026-03-04", "Longest substring", "sliding-window"),
    ] {
        let entry = json!({ "date": date, "kind": "coding", "name": name, "pattern": pattern,
                            "difficulty": "easy", "minutes": 20, "optimal": true });
        invoke(&h, "add_practice", json!({ "entry": entry })).unwrap();
    }
    let lp = json!({ "date": "2026-03-04", "kind": "lp-study", "minutes": 15 });
    invoke(&h, "add_practice", json!({ "entry": lp })).unwrap();

    // Blank parts, as cleared inputs send them, leave that part open.
    let filter =
        json!({ "kind": "coding", "pattern": "sliding-window", "from": "", "to": "2026-03-03" });
    let rows = invoke(&h, "practice_log", json!({ "limit": 10, "filter": filter })).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 1, "{rows}");
    assert_eq!(rows[0]["name"], "Sliding maximum");
    let count = invoke(&h, "practice_log_count", json!({ "filter": filter })).unwrap();
    assert_eq!(count, 1);

    // The filter applies before the page is cut: the first page of one
    // line is the newest match, not the newest line.
    let coding = json!({ "kind": "coding" });
    let first = invoke(&h, "practice_log", json!({ "limit": 1, "filter": coding })).unwrap();
    assert_eq!(first[0]["name"], "Longest substring");
    assert_eq!(
        invoke(&h, "practice_log_count", json!({ "filter": coding })).unwrap(),
        3
    );
    assert_eq!(invoke(&h, "practice_log_count", json!({})).unwrap(), 4);
}

/// A refusal as the window receives it: `kind`, `message` and the `field`
/// it is about, and nothing else.
fn assert_field_refusal(err: &Value, field: &str) {
    let keys: Vec<&str> = err
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, ["field", "kind", "message"], "{err}");
    assert_eq!(err["kind"], "invalid", "{err}");
    assert_eq!(err["field"], field, "{err}");
    let message = err["message"].as_str().unwrap();
    assert!(
        message.ends_with('.') && message.starts_with(char::is_uppercase),
        "{err}"
    );
}

#[test]
fn profile_hours_of_zero_are_refused_naming_the_hours_field() {
    let h = harness(RecordingNotifier::default());
    let mut bad = profile_input(&future_date(30));
    bad["profile"]["hoursPerWeek"] = json!(0);
    let err = invoke(&h, "save_profile", bad).unwrap_err();
    assert_field_refusal(&err, "hoursPerWeek");
    assert_eq!(invoke(&h, "get_profile", json!({})).unwrap(), Value::Null);
}

#[test]
fn a_log_entry_of_zero_minutes_is_refused_naming_the_minutes_field() {
    let h = harness(RecordingNotifier::default());
    let entry = json!({ "date": "2026-03-02", "kind": "lp-study", "minutes": 0 });
    let err = invoke(&h, "add_practice", json!({ "entry": entry })).unwrap_err();
    assert_field_refusal(&err, "minutes");
    let count = invoke(&h, "practice_log_count", json!({ "filter": null })).unwrap();
    assert_eq!(count, 0, "nothing was written");
}

#[test]
fn a_story_title_over_the_limit_is_refused_by_name_and_the_rest_is_saved() {
    let h = harness(RecordingNotifier::default());
    let story = invoke(&h, "create_story", json!({ "session": "s1" })).unwrap();
    let limit = invoke(&h, "story_limits", json!({})).unwrap()["title"]
        .as_u64()
        .unwrap();
    let mut draft = story["draft"].clone();
    draft["title"] = json!("t".repeat(limit as usize + 1));
    draft["situation"] = json!("The payments team had two weeks before the freeze.");
    let saved = invoke(
        &h,
        "save_story",
        json!({ "id": story["id"], "draft": draft, "session": "s1" }),
    )
    .unwrap();
    let refused = saved["refused"].as_array().unwrap();
    assert_eq!(refused.len(), 1, "{saved}");
    assert_eq!(refused[0]["field"], "title", "{saved}");
    assert!(
        refused[0]["message"]
            .as_str()
            .unwrap()
            .contains(&limit.to_string()),
        "the message gives the limit: {saved}"
    );
    // The title kept its stored text; the situation beside it was saved.
    assert_eq!(saved["draft"]["title"], story["draft"]["title"]);
    assert_eq!(
        saved["draft"]["situation"],
        "The payments team had two weeks before the freeze."
    );
}
