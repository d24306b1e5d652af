//! Every command the window can call, called through the mock runtime in
//! the order a candidate's first week reaches them (profile, plan, log,
//! stories, rehearsals, a timed round and its scores, backups, export and
//! import, settings), with the shape of each answer checked. A command
//! registered in `commands::handlers` without a call here fails the walk.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::ipc;
use loopready::shell::notify::RecordingNotifier;
use serde_json::{json, Value};

/// A JSON type an answer's field must have.
#[derive(Clone, Copy, Debug)]
enum Is {
    Str,
    Num,
    Bool,
    Arr,
    Obj,
    Null,
}

impl Is {
    fn matches(self, v: &Value) -> bool {
        match self {
            Is::Str => v.is_string(),
            Is::Num => v.is_number(),
            Is::Bool => v.is_boolean(),
            Is::Arr => v.is_array(),
            Is::Obj => v.is_object(),
            Is::Null => v.is_null(),
        }
    }
}

/// Held while a test walks the week: the walk points the export, import and
/// sync seams (process-wide variables) at its own folder.
pub static ENV: std::sync::Mutex<()> = std::sync::Mutex::new(());

pub struct Week {
    pub h: ipc::Harness,
    /// The arguments each command was called with, in order.
    pub called: RefCell<BTreeMap<String, Vec<Value>>>,
}

impl Week {
    pub fn new(h: ipc::Harness) -> Week {
        Week {
            h,
            called: RefCell::new(BTreeMap::new()),
        }
    }

    fn note(&self, cmd: &str, body: &Value) {
        self.called
            .borrow_mut()
            .entry(cmd.to_owned())
            .or_default()
            .push(body.clone());
    }

    /// Calls `cmd`, which must succeed, and checks each `(pointer, type)`
    /// of `shape` in the answer ("" is the answer itself).
    fn call(&self, cmd: &str, body: Value, shape: &[(&str, Is)]) -> Value {
        self.note(cmd, &body);
        let answer = self
            .h
            .invoke(cmd, body)
            .unwrap_or_else(|e| panic!("{cmd} was refused: {e}"));
        for (pointer, is) in shape {
            let field = answer
                .pointer(pointer)
                .unwrap_or_else(|| panic!("{cmd}: no {pointer:?} in {}", brief(&answer)));
            assert!(
                is.matches(field),
                "{cmd}: {pointer:?} should be {is:?}, is {}",
                brief(field)
            );
        }
        answer
    }

    /// Calls `cmd`, which must be refused with `{ kind, message }`.
    fn refused(&self, cmd: &str, body: Value) -> Value {
        self.note(cmd, &body);
        let err = self
            .h
            .invoke(cmd, body)
            .expect_err(&format!("{cmd} should be refused"));
        assert!(
            err["kind"].is_string() && err["message"].is_string(),
            "{cmd}: {err}"
        );
        err
    }
}

/// The start of an answer, for a failure message.
fn brief(v: &Value) -> String {
    let text = v.to_string();
    match text.char_indices().nth(400) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text,
    }
}

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// The commands `commands::handlers` registers, read from its list.
pub fn registered() -> BTreeSet<String> {
    let text = include_str!("../../src-tauri/commands/mod.rs");
    let list = text
        .split("generate_handler![")
        .nth(1)
        .and_then(|rest| rest.split(']').next())
        .expect("commands/mod.rs has a handler list");
    list.split(',')
        .filter_map(|item| item.trim().rsplit("::").next())
        .filter(|name| !name.is_empty())
        .map(str::to_owned)
        .collect()
}

pub fn first_week(week: &Week, dir: &std::path::Path) {
    use Is::*;
    let w = week;
    let day = today();
    let date = |days: u64| (day + chrono::Days::new(days)).to_string();

    // First run, the profile form and its sets.
    w.call("startup_notices", json!({}), &[("", Arr)]);
    w.call(
        "app_info",
        json!({}),
        &[("/version", Str), ("/dataDir", Str)],
    );
    w.call(
        "startup_mark",
        json!({ "stage": "READY", "at": 812.5 }),
        &[("", Str)],
    );
    w.call("get_profile", json!({}), &[("", Null)]);
    let opts = w.call(
        "profile_options",
        json!({}),
        &[
            ("/currentLevels/0/0", Str),
            ("/currentLevels/0/1", Str),
            ("/weekdays", Arr),
            ("/maxHours", Num),
            ("/defaults/prepDays", Arr),
        ],
    );
    let d = &opts["defaults"];
    // Every weekday, so that today has items whatever day the test runs on.
    let every_day: Vec<Value> = opts["weekdays"]
        .as_array()
        .expect("weekdays")
        .iter()
        .map(|pair| pair[0].clone())
        .collect();
    let profile = json!({ "profile": {
        "interviewDate": date(42), "targetLevel": d["targetLevel"], "track": d["track"],
        "currentLevel": d["currentLevel"], "hoursPerWeek": d["hoursPerWeek"],
        "prepDays": every_day, "risk": d["risk"],
    }});
    let saved = w.call(
        "save_profile",
        profile,
        &[("/daysLeft", Num), ("/profile/interviewDate", Str)],
    );
    assert_eq!(saved["daysLeft"], 42);

    // The plan and today's agenda.
    let agenda = w.call(
        "today_agenda",
        json!({}),
        &[("/items", Arr), ("/plannedMinutes", Num)],
    );
    let key = agenda["items"]
        .as_array()
        .and_then(|items| items.iter().find(|i| i["kind"] == "daily-minimum"))
        .and_then(|i| i["key"].as_str())
        .expect("a first weekday has its daily minimums")
        .to_owned();
    w.call(
        "plan_overview",
        json!({}),
        &[("/planId", Str), ("/plans", Arr), ("/days/0/items", Arr)],
    );
    w.call(
        "choose_plan",
        json!({ "planId": "intensive-6w" }),
        &[("/planId", Str)],
    );
    w.call(
        "choose_plan",
        json!({ "planId": null }),
        &[("/planId", Str)],
    );
    w.call(
        "set_blackout",
        json!({ "date": date(3), "blocked": true }),
        &[("/blackouts/0", Str)],
    );
    w.call("reference", json!({}), &[("", Obj)]);
    w.call("problem_bank", json!({}), &[("", Obj)]);
    w.call(
        "match_coding_problem",
        json!({ "name": "LC 76" }),
        &[("/difficulty", Str), ("/pattern", Str)],
    );
    w.call(
        "match_coding_problem",
        json!({ "name": "My own puzzle" }),
        &[("", Null)],
    );
    let form = w.call(
        "assessment_form",
        json!({}),
        &[
            ("/questions", Arr),
            ("/words/about", Str),
            ("/words/readiness/nearly-ready", Str),
        ],
    );
    let answers = vec![3; form["questions"].as_array().unwrap().len()];
    w.call(
        "submit_assessment",
        json!({ "answers": answers }),
        &[("", Obj)],
    );

    // Ticking an item, and logging what it asked for.
    w.call(
        "set_item_done",
        json!({ "key": key, "done": true }),
        &[("/items", Arr)],
    );
    w.call("practice_offer", json!({ "key": key }), &[]);
    w.call(
        "set_item_done",
        json!({ "key": key, "done": false }),
        &[("/items", Arr)],
    );

    // The practice log.
    w.call(
        "practice_options",
        json!({}),
        &[("/kinds", Arr), ("/maxMinutes", Num)],
    );
    let entry = json!({ "date": day.to_string(), "kind": "lp-study", "minutes": 15 });
    let added = w.call(
        "add_practice",
        json!({ "entry": entry }),
        &[("/id", Str), ("/kind", Str), ("/minutes", Num)],
    );
    let id = added["id"].as_str().unwrap().to_owned();
    let longer = json!({ "date": day.to_string(), "kind": "lp-study", "minutes": 25 });
    w.call(
        "edit_practice",
        json!({ "id": id, "entry": longer }),
        &[("/id", Str), ("/minutes", Num)],
    );
    w.call("delete_practice", json!({ "id": id }), &[("", Null)]);
    w.call("restore_practice", json!({ "id": id }), &[("", Null)]);
    w.call(
        "practice_log",
        json!({ "limit": 20, "filter": null }),
        &[("", Arr), ("/0", Obj)],
    );
    w.call(
        "practice_log_count",
        json!({ "filter": null }),
        &[("", Num)],
    );
    w.call(
        "practice_status",
        json!({}),
        &[
            ("/daily/items", Arr),
            ("/weekly/items", Arr),
            ("/streak", Obj),
        ],
    );
    w.call("practice_dashboard", json!({}), &[("", Obj)]);

    // Stories.
    w.call("story_limits", json!({}), &[("", Obj)]);
    w.call("principles", json!({}), &[("", Arr), ("/0", Obj)]);
    let story = w.call("create_story", json!({ "session": "s1" }), &[("/id", Str)]);
    let story_id = story["id"].as_str().unwrap().to_owned();
    let draft = json!({
        "title": "Shadow traffic for the billing cut-over",
        "situation": "Billing moved to a new ledger with no downtime window.",
        "task": "I owned the cut-over plan and its rollback.",
        "action": "I mirrored live traffic to the new ledger for two weeks and diffed every write.",
        "result": "We switched with zero mismatches and retired the old ledger a quarter early.",
        "primary": "dive-deep",
    });
    w.call(
        "save_story",
        json!({ "id": story_id, "draft": draft, "session": "s1" }),
        &[("", Obj)],
    );
    w.call("story_feedback", json!({ "draft": draft }), &[("", Obj)]);
    w.call("get_story", json!({ "id": story_id }), &[("/id", Str)]);
    w.call("list_stories", json!({}), &[("", Obj)]);
    let revisions = w.call(
        "story_revisions",
        json!({ "id": story_id }),
        &[("", Arr), ("/0/id", Str)],
    );
    let revision = revisions[0]["id"].as_str().unwrap().to_owned();
    w.call(
        "restore_revision",
        json!({ "revisionId": revision, "session": "s2" }),
        &[("/id", Str)],
    );
    w.call(
        "search_stories",
        json!({ "query": "shadow", "limit": 10 }),
        &[("", Obj)],
    );
    w.call("story_coverage", json!({}), &[("", Obj)]);
    w.call("set_coverage_minimum", json!({ "min": 2 }), &[("", Obj)]);
    w.call("interview_sheet", json!({}), &[("", Obj)]);
    w.call("delete_story", json!({ "id": story_id }), &[("", Null)]);
    w.call("restore_story", json!({ "id": story_id }), &[("/id", Str)]);

    // Rehearsals.
    w.call(
        "rehearsal_queue",
        json!({ "limit": 10, "offset": 0 }),
        &[("", Obj)],
    );
    w.call(
        "rehearsal_question",
        json!({ "principle": "dive-deep" }),
        &[("", Obj)],
    );
    w.call(
        "record_rehearsal",
        json!({ "target": { "kind": "story", "id": story_id }, "rating": "good", "seconds": 95 }),
        &[("", Obj)],
    );

    // A timed round: its controls, a stop, its scores.
    w.call("timer_templates", json!({}), &[("", Arr), ("/0/id", Str)]);
    w.call("timer_notifications", json!({}), &[("", Bool)]);
    w.call(
        "set_timer_notifications",
        json!({ "enabled": true }),
        &[("", Bool)],
    );
    let custom = w.call(
        "save_timer_template",
        json!({ "template": { "baseId": "coding-45", "name": "Drill",
            "phases": [{ "name": "Code", "minutes": 10 }, { "name": "Test", "minutes": 5 }] } }),
        &[("/id", Str)],
    );
    w.call(
        "timer_custom_templates",
        json!({}),
        &[("", Arr), ("/0", Obj)],
    );
    w.call(
        "delete_timer_template",
        json!({ "id": custom["id"] }),
        &[("", Null)],
    );
    w.call("timer_status", json!({}), &[("", Null)]);
    w.call(
        "timer_start",
        json!({ "templateId": "behavioral-45" }),
        &[("/state", Obj)],
    );
    w.call("timer_pause", json!({}), &[("/state", Obj)]);
    w.call("timer_resume", json!({}), &[("/state", Obj)]);
    w.call(
        "timer_add_minutes",
        json!({ "minutes": 5 }),
        &[("/state", Obj)],
    );
    w.call("timer_skip", json!({}), &[("/state", Obj)]);
    w.call("timer_stop", json!({}), &[("/state", Obj)]);
    // The thread saves the ended round on its own connection.
    let started = Instant::now();
    let form = loop {
        let form = w.call("mock_score_form", json!({}), &[]);
        if !form.is_null() {
            for (pointer, is) in [
                ("/kind", Str),
                ("/dimensions/0/anchors/five", Str),
                ("/evidence/fullRound", Bool),
            ] {
                assert!(
                    form.pointer(pointer).is_some_and(|v| is.matches(v)),
                    "{pointer}"
                );
            }
        }
        if !form.is_null() {
            break form;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "no round to score"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    let kind = form["kind"].clone();
    let scores: Vec<Value> = form["dimensions"]
        .as_array()
        .expect("the form lists its dimensions")
        .iter()
        .map(|d| json!({ "dimension": d["dimension"], "score": 4 }))
        .collect();
    w.call(
        "mock_score",
        json!({ "kind": kind, "scores": scores, "problem": null }),
        &[("", Obj)],
    );
    w.call("mock_loop_preview", json!({ "rounds": [] }), &[("", Obj)]);
    w.call(
        "save_mock_scores",
        json!({ "card": { "scores": scores, "verdict": 4 }, "fullRound": true }),
        &[("", Arr)],
    );
    w.call(
        "mock_history",
        json!({ "limit": 10 }),
        &[("", Arr), ("/0", Obj)],
    );
    w.call("timer_clear", json!({}), &[]);

    // The item logged from the agenda, after the round.
    w.call("log_agenda_item", json!({ "key": key }), &[("/id", Str)]);

    // Settings: reminder, theme, backups, diagnostics.
    w.call("reminder_time", json!({}), &[("", Null)]);
    w.call(
        "set_reminder_time",
        json!({ "time": "19:30" }),
        &[("", Str)],
    );
    w.call("theme", json!({}), &[("", Str)]);
    w.call("set_theme", json!({ "theme": "dark" }), &[("", Str)]);
    w.call("send_test_notification", json!({}), &[("", Null)]);
    w.call("set_unsaved", json!({ "unsaved": false }), &[("", Null)]);
    w.call("data_version", json!({}), &[("", Num)]);
    w.call("backup_policy", json!({}), &[("/daily", Num)]);
    w.call(
        "set_backup_policy",
        json!({ "daily": 7, "weekly": 4, "monthly": 6 }),
        &[("/daily", Num)],
    );
    let backup = w.call("backup_now", json!({}), &[("/file", Str)]);
    w.call("list_backups", json!({}), &[("", Arr), ("/0/file", Str)]);
    w.call(
        "restore_backup",
        json!({ "file": backup["file"] }),
        &[("/file", Str)],
    );
    w.call(
        "diagnostics",
        json!({}),
        &[("/version", Str), ("/dataDir", Str)],
    );

    // Export every format, then import the JSON back.
    let out = dir.join("exports");
    std::fs::create_dir_all(&out).unwrap();
    std::env::set_var("LOOPREADY_EXPORT_DIR", &out);
    for format in ["json", "markdown", "csv", "ics"] {
        w.call("export_data", json!({ "format": format }), &[("", Str)]);
    }
    let json_file = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "json"))
        .expect("the JSON export was written");
    std::env::set_var("LOOPREADY_IMPORT_FILE", &json_file);
    w.call("import_data", json!({ "mode": "merge" }), &[("", Str)]);
    w.refused("import_data", json!({ "mode": "sideways" }));

    // Sync through a folder (the dialog's choice given by its test seam).
    w.call(
        "sync_status",
        json!({}),
        &[("/device", Str), ("/folder", Null), ("/devices", Arr)],
    );
    w.call(
        "set_sync_name",
        json!({ "name": "Work laptop" }),
        &[("/name", Str)],
    );
    w.refused("set_sync_name", json!({ "name": "" }));
    let shared = dir.join("shared");
    std::fs::create_dir_all(&shared).unwrap();
    std::env::set_var("LOOPREADY_SYNC_FOLDER", &shared);
    w.call(
        "sync_choose_folder",
        json!({}),
        &[("/folder", Str), ("/sentSeq", Num)],
    );
    w.call(
        "sync_now",
        json!({}),
        &[("/pending", Num), ("/devices", Arr), ("/conflicts", Arr)],
    );
    // No conflict here: settling one that is not there is refused.
    w.refused(
        "settle_sync_conflict",
        json!({ "id": 1, "keepSetAside": true }),
    );
    w.call("sync_leave", json!({}), &[("/folder", Null)]);

    // Closing: the last thing the window does.
    w.call("finish_close", json!({}), &[("", Null)]);
}

#[test]
fn a_first_week_calls_every_command_and_each_answer_has_its_shape() {
    let _env = ENV.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("loopready.sqlite3");
    let notifier = Arc::new(RecordingNotifier::default());
    let week = Week::new(ipc::Harness::with_timer(
        &db,
        dir.path().to_owned(),
        notifier.clone(),
        60_000,
    ));
    first_week(&week, dir.path());
    let called: BTreeSet<String> = week.called.borrow().keys().cloned().collect();
    let missing: Vec<_> = registered().difference(&called).cloned().collect();
    assert!(missing.is_empty(), "not called: {missing:?}");
    assert!(
        !notifier.sent.lock().unwrap().is_empty(),
        "the round and the test notification reached the notifier"
    );
}

/// The walk above is only as good as the list it is checked against.
#[test]
fn the_registered_list_is_read_whole() {
    let names = registered();
    let text = include_str!("../../src-tauri/commands/mod.rs");
    let lines = text
        .lines()
        .skip_while(|l| !l.contains("generate_handler!["))
        .skip(1)
        .take_while(|l| !l.trim_start().starts_with(']'))
        .count();
    assert_eq!(names.len(), lines, "{names:?}");
    assert!(names.contains("profile_options") && names.contains("log_agenda_item"));
}
