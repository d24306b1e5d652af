//! Mock-round commands through Tauri's mock runtime (custom templates, the
//! reminder setting), and the daily reminder's check on a real store.

use std::sync::Arc;

use crate::ipc;
use chrono::Weekday;
use loopready::commands::reminder::check_once;

use loopready::commands::{self, AppState};
use loopready::plan::profile::{CurrentLevel, Profile, Risk, TargetLevel, Track};
use loopready::shell::notify::RecordingNotifier;
use loopready::store::{self, Store};
use serde_json::{json, Value};

use ipc::Harness;

fn harness() -> Harness {
    Harness::new(AppState::new(
        Store::open_in_memory().unwrap(),
        "/tmp/loopready-test".into(),
        Arc::new(RecordingNotifier::default()),
    ))
}

fn invoke(h: &Harness, cmd: &str, body: Value) -> Result<Value, Value> {
    h.invoke(cmd, body)
}

fn template(phase_two_minutes: Value) -> Value {
    json!({ "template": {
        "baseId": "coding-45",
        "name": " Quick drill ",
        "phases": [
            { "name": "Code", "minutes": 10 },
            { "name": "Test", "minutes": phase_two_minutes },
        ]
    }})
}

#[test]
fn a_refused_template_says_why_and_writes_nothing() {
    let h = harness();
    for bad in [json!(0), json!(null), json!(2.5), json!(241)] {
        let err = invoke(&h, "save_timer_template", template(bad.clone())).unwrap_err();
        assert_eq!(err["kind"], "invalid", "{bad}");
        assert!(
            err["message"]
                .as_str()
                .unwrap()
                .starts_with("Phase 2 lasts"),
            "{err}"
        );
    }
    assert_eq!(
        invoke(&h, "timer_custom_templates", json!({})).unwrap(),
        json!([])
    );
}

#[test]
fn a_saved_template_keeps_its_base_kind_is_listed_and_can_be_deleted() {
    let h = harness();
    let saved = invoke(&h, "save_timer_template", template(json!(5))).unwrap();
    assert_eq!(saved["name"], "Quick drill");
    assert_eq!(saved["kind"], "coding");
    let listed = invoke(&h, "timer_custom_templates", json!({})).unwrap();
    assert_eq!(listed, json!([saved.clone()]));
    invoke(&h, "delete_timer_template", json!({ "id": saved["id"] })).unwrap();
    let err = invoke(&h, "delete_timer_template", json!({ "id": saved["id"] })).unwrap_err();
    assert_eq!(err["kind"], "not-found");
}

#[test]
fn the_reminder_time_is_hours_and_minutes_or_nothing() {
    let h = harness();
    assert_eq!(invoke(&h, "reminder_time", json!({})).unwrap(), Value::Null);
    let set = invoke(&h, "set_reminder_time", json!({ "time": "18:30" })).unwrap();
    assert_eq!(set, "18:30");
    let err = invoke(&h, "set_reminder_time", json!({ "time": "25:00" })).unwrap_err();
    assert_eq!(err["kind"], "invalid");
    assert_eq!(invoke(&h, "reminder_time", json!({})).unwrap(), "18:30");
    invoke(&h, "set_reminder_time", json!({ "time": "" })).unwrap();
    assert_eq!(invoke(&h, "reminder_time", json!({})).unwrap(), Value::Null);
}

fn every_day_profile() -> Profile {
    Profile {
        interview_date: chrono::Local::now().date_naive() + chrono::Duration::days(30),
        target_level: TargetLevel::L6,
        track: Track::Ic,
        current_level: CurrentLevel::SeniorEngineer,
        hours_per_week: 14,
        prep_days: vec![
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri,
            Weekday::Sat,
            Weekday::Sun,
        ],
        risk: Risk::Medium,
    }
}

#[test]
fn the_reminder_goes_out_once_a_day_with_what_is_left() {
    let store = Store::open_in_memory().unwrap();
    store::profile::save(&store, &every_day_profile()).unwrap();
    let notifier = RecordingNotifier::default();
    let today = chrono::Local::now().date_naive();
    let evening = today.and_hms_opt(23, 59, 0).unwrap();

    // Off until a time is set.
    assert_eq!(check_once(&store, &notifier, evening).unwrap(), None);
    store::settings::set(&store, commands::reminder::REMINDER_SETTING, "18:30").unwrap();
    let early = today.and_hms_opt(18, 29, 0).unwrap();
    assert_eq!(check_once(&store, &notifier, early).unwrap(), None);

    let sent = check_once(&store, &notifier, evening).unwrap().unwrap();
    assert!(sent.reminder.minutes_left > 0);
    assert_eq!(
        sent.reminder.title,
        format!("Loopready: {} min left today", sent.reminder.minutes_left)
    );
    assert!(sent.reminder.body.starts_with("Still to do: "));
    assert!(sent.notified);
    assert_eq!(check_once(&store, &notifier, evening).unwrap(), None);
    let desktop = notifier.sent.lock().unwrap();
    assert_eq!(desktop.len(), 1);
    assert_eq!(desktop[0].0, sent.reminder.title);
}
