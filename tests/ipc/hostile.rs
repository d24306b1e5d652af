//! The soak's hostile calls: every command the window can call, called with
//! arguments a broken or malicious page could send (wrong types, missing and
//! extra fields, empty and 1 MB strings, control characters, right-to-left
//! text, negative, zero and huge numbers, ids that do not exist or are in
//! the trash, dates at the ends of the calendar). Each call must answer with
//! a refusal or a valid result, never a panic, and the next ordinary call
//! must still work.
//!
//! The valid arguments each mutation starts from are the ones the first-week
//! walk (`every_command`) used. `LOOPREADY_SOAK_HOSTILE` calls per command
//! (CI runs a few; `scripts/soak.sh` 200).

use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;
use std::time::Instant;

use loopready::commands::AppState;
use loopready::shell::notify::RecordingNotifier;
use loopready::store::Store;
use serde_json::{json, Map, Value};

use crate::every_command::{first_week, registered, Week, ENV};
use crate::ipc::Harness;
use crate::soak::{self, Rng};

/// Values no command expects, with the ids and dates `ids` adds.
fn hostile_values(ids: &[String]) -> Vec<Value> {
    let mut deep = json!(1);
    for _ in 0..200 {
        deep = json!([deep]);
    }
    let mut values = vec![
        Value::Null,
        json!(true),
        json!(0),
        json!(-1),
        json!(1),
        json!(-2_147_483_649_i64),
        json!(4_294_967_296_u64),
        json!(i64::MAX),
        json!(i64::MIN),
        json!(u64::MAX),
        json!(1e308),
        json!(-1e308),
        json!(0.5),
        json!(-0.0),
        json!(5e-324),
        json!(""),
        json!(" "),
        json!("x".repeat(1 << 20)),
        json!("\u{0}\u{7}\u{1b}[2J\r\n\t\u{7f}"),
        json!("\u{202e}مرحبا بالعالم \u{202b}שלום עולם\u{202c}"),
        json!("\u{fffd}\u{feff}\u{200b}"),
        json!("🙂".repeat(1000)),
        json!("0000-01-01"),
        json!("9999-12-31"),
        json!("2026-02-30"),
        json!("-0001-01-01"),
        json!("24:61"),
        json!("../../../../etc/passwd"),
        json!("'; DROP TABLE story; --"),
        json!("%s%n%x"),
        json!("NaN"),
        json!("Infinity"),
        json!("018f0000-0000-7000-8000-000000000000"),
        json!([]),
        json!([null, 1, "two"]),
        json!({}),
        json!({ "kind": "story", "id": "nope" }),
        deep,
    ];
    values.extend(ids.iter().map(|id| json!(id)));
    values.extend(ids.iter().map(|id| json!({ "kind": "story", "id": id })));
    values
}

/// Every path to a value in `v` ("" is `v` itself).
fn paths(v: &Value, at: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    out.push(at.clone());
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                at.push(k.clone());
                paths(child, at, out);
                at.pop();
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                at.push(i.to_string());
                paths(child, at, out);
                at.pop();
            }
        }
        _ => {}
    }
}

fn at_mut<'a>(v: &'a mut Value, path: &[String]) -> Option<&'a mut Value> {
    path.iter().try_fold(v, |v, key| match v {
        Value::Object(map) => map.get_mut(key),
        Value::Array(items) => key.parse::<usize>().ok().and_then(|i| items.get_mut(i)),
        _ => None,
    })
}

/// One to three changes to `body`.
fn mutate(rng: &mut Rng, body: &Value, pool: &[Value]) -> Value {
    let mut body = body.clone();
    for _ in 0..1 + rng.below(3) {
        let mut all = Vec::new();
        paths(&body, &mut Vec::new(), &mut all);
        let path = rng.pick(&all).clone();
        match rng.below(5) {
            // A value replaced (the whole body when the path is empty).
            0 | 1 => {
                if let Some(v) = at_mut(&mut body, &path) {
                    *v = rng.pick(pool).clone();
                }
            }
            // A field left out.
            2 => {
                if let Some((last, parent)) = path.split_last() {
                    match at_mut(&mut body, parent) {
                        Some(Value::Object(map)) => {
                            map.remove(last);
                        }
                        Some(Value::Array(items)) if !items.is_empty() => {
                            items.pop();
                        }
                        _ => {}
                    }
                }
            }
            // A field no command has.
            3 => {
                if let Some(Value::Object(map)) = at_mut(&mut body, &path) {
                    map.insert(format!("extra{}", rng.below(4)), rng.pick(pool).clone());
                }
            }
            // The same field with a value of another JSON type.
            _ => {
                if let Some(v) = at_mut(&mut body, &path) {
                    *v = match v {
                        Value::String(s) => json!(s.len()),
                        Value::Number(n) => json!(n.to_string()),
                        Value::Bool(b) => json!(if *b { 1 } else { 0 }),
                        Value::Null => json!({}),
                        Value::Array(_) => Value::Object(Map::new()),
                        Value::Object(_) => json!([]),
                    };
                }
            }
        }
    }
    body
}

/// A refusal the window can show: ours (`{ kind, message }`), or Tauri's own
/// when the arguments do not fit the command at all (a sentence).
fn is_typed(err: &Value) -> bool {
    (err["kind"].is_string() && err["message"].is_string())
        || err
            .as_str()
            .is_some_and(|s| s.starts_with("invalid args") || s.contains("missing required key"))
}

#[test]
fn soak_hostile_calls_are_answered_and_the_next_call_works() {
    let per_command = soak::count("hostile", 8) as usize;
    let _env = ENV.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("loopready.sqlite3");
    let notifier = Arc::new(RecordingNotifier::default());
    let week = Week::new(Harness::with_timer(
        &db,
        dir.path().to_owned(),
        notifier.clone(),
        60_000,
    ));
    first_week(&week, dir.path());
    let bodies = week.called.borrow().clone();
    drop(week);

    // A second window on the same data, with something in the trash.
    let h = Harness::with_timer(&db, dir.path().to_owned(), notifier.clone(), 60_000);
    let story = h.invoke("create_story", json!({ "session": "h" })).unwrap();
    h.invoke("delete_story", json!({ "id": story["id"] }))
        .unwrap();
    let entry = h
        .invoke(
            "add_practice",
            json!({ "entry": { "date": "2026-11-20", "kind": "lp-study", "minutes": 15 } }),
        )
        .unwrap();
    h.invoke("delete_practice", json!({ "id": entry["id"] }))
        .unwrap();
    let ids: Vec<String> = [&story["id"], &entry["id"]]
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect();
    let pool = hostile_values(&ids);

    let started = Instant::now();
    let mut rng = Rng::new(0x100b_5eed);
    let mut answered: BTreeMap<&str, u64> = BTreeMap::new();
    let mut failures = Vec::new();
    let mut calls = 0u64;
    for cmd in registered() {
        let valid = &bodies[&cmd];
        for case in 0..per_command {
            let base = rng.pick(valid).clone();
            let body = mutate(&mut rng, &base, &pool);
            calls += 1;
            // Closing destroys the window by design: each close gets its own.
            let closing = cmd == "finish_close";
            let own;
            let target = if closing {
                own = Harness::new(AppState::new(
                    Store::open(&db).unwrap(),
                    dir.path().to_owned(),
                    notifier.clone(),
                ));
                &own
            } else {
                &h
            };
            match catch_unwind(AssertUnwindSafe(|| target.invoke(&cmd, body.clone()))) {
                Err(_) => failures.push(format!("{cmd} #{case} panicked on {}", brief(&body))),
                Ok(Ok(_)) => *answered.entry("accepted").or_default() += 1,
                Ok(Err(e)) if is_typed(&e) => *answered.entry("refused").or_default() += 1,
                Ok(Err(e)) => failures.push(format!("{cmd} #{case}: untyped error {e}")),
            }
            if !closing {
                let next = catch_unwind(AssertUnwindSafe(|| h.invoke("data_version", json!({}))));
                if !matches!(next, Ok(Ok(_))) {
                    failures.push(format!(
                        "after {cmd} #{case} ({}) the next call failed: {next:?}",
                        brief(&body)
                    ));
                }
            }
        }
        let agenda = catch_unwind(AssertUnwindSafe(|| h.invoke("today_agenda", json!({}))));
        if !matches!(agenda, Ok(Ok(_))) {
            failures.push(format!("after {cmd}, today_agenda failed: {agenda:?}"));
        }
    }
    let check: String = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    let secs = started.elapsed().as_secs_f64();
    let commands = bodies.len();
    println!(
        "{calls} hostile calls over {commands} commands ({per_command} each): {answered:?}, \
         {} failures, {secs:.0} s",
        failures.len()
    );
    assert!(failures.is_empty(), "{failures:#?}");
    assert_eq!(check, "ok");
    soak::report(
        "hostile",
        json!({ "commands": commands, "per_command": per_command, "calls": calls,
            "accepted": answered.get("accepted"), "refused": answered.get("refused"),
            "panics": 0, "seconds": secs.round() }),
    );
}

fn brief(v: &Value) -> String {
    let text = v.to_string();
    match text.char_indices().nth(200) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text,
    }
}
