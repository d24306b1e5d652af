//! Full export and import: every table that holds the user's data as one
//! versioned JSON document, and back.
//!
//! Import never writes before the whole document has been checked: it is
//! first loaded into a private in-memory database with the same schema, so
//! SQLite's own rules (STRICT column types, CHECK ranges, UNIQUE ids,
//! foreign keys) and the domain's (a story, a log entry) refuse a bad
//! record with its table, position and field, and only then is it applied
//! to the real database in one transaction: all of it, or none.

use std::collections::HashMap;

use chrono::Utc;
use rusqlite::types::Value as SqlValue;
use rusqlite::{params_from_iter, Connection};
use serde_json::{Map, Number, Value};

use super::Store;
use crate::error::{AppError, AppResult};

/// Marks the document as ours.
pub const FORMAT: &str = "loopready-export";
/// The document layout; bumped when tables or their meaning change.
pub const FORMAT_VERSION: i64 = 1;
/// Longest text value accepted in a document (a story part is far shorter).
pub const MAX_TEXT: usize = 200_000;
/// Most records accepted per table.
pub const MAX_ROWS: usize = 1_000_000;

/// The tables exported, parents before children. `timer_live` (a round in
/// progress), `practice_day` (totals the triggers rebuild) and
/// `rehearsal_state` (schedules an import rebuilds) are left out.
pub const TABLES: [&str; 12] = [
    "profile",
    "settings",
    "plan_state",
    "schedule_done",
    "blackout",
    "assessment",
    "custom_template",
    "mock_session",
    "story",
    "story_revision",
    "practice_entry",
    "rehearsal",
];

/// Columns that point at a story's row id; exported as the story's uuid.
const STORY_REFS: [(&str, &str); 2] = [("story_revision", "story_id"), ("rehearsal", "story_id")];

/// How an import treats what is already there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Empty every table first.
    Replace,
    /// Keep what is there; add what is new; for a record present on both
    /// sides (same id), keep the one changed last; for two records of one
    /// natural key, keep the one made first (a day blocked, an item ticked)
    /// or the one changed last (a session's revision, an item's entry).
    Merge,
}

/// Records per table, as imported.
pub type Counts = Vec<(String, usize)>;

fn columns(conn: &Connection, table: &str) -> AppResult<Vec<String>> {
    let mut stmt = conn.prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))?;
    let names = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(names)
}

fn to_json(v: SqlValue) -> Value {
    match v {
        SqlValue::Null => Value::Null,
        SqlValue::Integer(i) => Value::from(i),
        SqlValue::Real(f) => Number::from_f64(f).map_or(Value::Null, Value::Number),
        SqlValue::Text(t) => Value::String(t),
        SqlValue::Blob(_) => Value::Null,
    }
}

/// Every story's uuid by its row id.
fn story_uuids(conn: &Connection) -> AppResult<HashMap<i64, String>> {
    let mut stmt = conn.prepare_cached("SELECT id, uuid FROM story")?;
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// The rows of `table` that `filter` (a WHERE clause with one `?1`, or
/// none for every row) selects, in the export's form.
fn rows_of(
    conn: &Connection,
    table: &str,
    filter: Option<(&str, &str)>,
    story_uuid: &HashMap<i64, String>,
) -> AppResult<Vec<Value>> {
    let cols = columns(conn, table)?;
    let sql = match filter {
        Some((clause, _)) => format!("SELECT * FROM {table} WHERE {clause} ORDER BY rowid"),
        None => format!("SELECT * FROM {table} ORDER BY rowid"),
    };
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = match filter {
        Some((_, arg)) => stmt.query([arg])?,
        None => stmt.query([])?,
    };
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let mut rec = Map::new();
        for (i, col) in cols.iter().enumerate() {
            // A row id is internal; the uuid identifies the record.
            if col == "id" && table != "profile" && table != "plan_state" {
                continue;
            }
            let value: SqlValue = row.get(i)?;
            let is_ref = STORY_REFS.contains(&(table, col.as_str()));
            let value = match (is_ref, value) {
                (true, SqlValue::Integer(id)) => story_uuid
                    .get(&id)
                    .map_or(Value::Null, |u| Value::String(u.clone())),
                (_, v) => to_json(v),
            };
            rec.insert(col.clone(), value);
        }
        out.push(Value::Object(rec));
    }
    Ok(out)
}

/// A document with `tables` and the header every export carries.
fn document(store: &Store, tables: Map<String, Value>) -> AppResult<Value> {
    let mut doc = Map::new();
    doc.insert("format".into(), FORMAT.into());
    doc.insert("formatVersion".into(), FORMAT_VERSION.into());
    doc.insert("schemaVersion".into(), store.schema_version()?.into());
    doc.insert("appVersion".into(), env!("CARGO_PKG_VERSION").into());
    doc.insert("exportedAt".into(), Utc::now().to_rfc3339().into());
    doc.insert("tables".into(), Value::Object(tables));
    Ok(Value::Object(doc))
}

/// The whole store as one document.
pub fn export(store: &Store) -> AppResult<Value> {
    let conn = store.conn();
    let story_uuid = story_uuids(conn)?;
    let mut tables = Map::new();
    for table in TABLES {
        tables.insert(
            table.to_string(),
            Value::Array(rows_of(conn, table, None, &story_uuid)?),
        );
    }
    document(store, tables)
}

/// One record of `table` whose `key_col` is `key`, in the export's form.
pub(crate) fn record(
    conn: &Connection,
    table: &str,
    key_col: &str,
    key: &str,
) -> AppResult<Option<Value>> {
    let story_uuid = story_uuids(conn)?;
    let clause = format!("{key_col} = ?1");
    Ok(rows_of(conn, table, Some((&clause, key)), &story_uuid)?
        .into_iter()
        .next())
}

/// Whether `table` keeps the time of its last change (`updated_at`), so
/// that two versions of one record can be told apart by it.
pub(crate) fn has_change_time(conn: &Connection, table: &str) -> AppResult<bool> {
    Ok(columns(conn, table)?.iter().any(|c| c == "updated_at"))
}

/// The records named by `(table, key column, key)`, as a document `import`
/// reads: a revision or a rehearsal travels with its story, so the
/// document stands on its own. Keys with no row are left out.
pub fn records(store: &Store, keys: &[(&str, &str, String)]) -> AppResult<Value> {
    let conn = store.conn();
    let story_uuid = story_uuids(conn)?;
    let mut chosen: std::collections::BTreeMap<&str, Vec<Value>> = Default::default();
    let mut stories_in = std::collections::BTreeSet::new();
    for (table, col, key) in keys {
        let clause = format!("{col} = ?1");
        let rows = rows_of(conn, table, Some((&clause, key)), &story_uuid)?;
        for row in &rows {
            if let Some((_, ref_col)) = STORY_REFS.iter().find(|(t, _)| t == table) {
                if let Some(uuid) = row.get(*ref_col).and_then(Value::as_str) {
                    stories_in.insert(uuid.to_owned());
                }
            }
        }
        if *table == "story" {
            stories_in.remove(key);
        }
        chosen.entry(table).or_default().extend(rows);
    }
    for uuid in stories_in {
        let already = chosen
            .get("story")
            .is_some_and(|rows| rows.iter().any(|r| r["uuid"] == uuid.as_str()));
        if !already {
            let rows = rows_of(conn, "story", Some(("uuid = ?1", &uuid)), &story_uuid)?;
            chosen.entry("story").or_default().extend(rows);
        }
    }
    let mut tables = Map::new();
    for table in TABLES {
        if let Some(rows) = chosen.remove(table) {
            tables.insert(table.to_string(), Value::Array(rows));
        }
    }
    document(store, tables)
}

fn invalid(msg: String) -> AppError {
    AppError::Invalid(msg)
}

fn to_sql(table: &str, index: usize, col: &str, v: &Value) -> AppResult<SqlValue> {
    Ok(match v {
        Value::Null => SqlValue::Null,
        Value::Bool(b) => SqlValue::Integer(i64::from(*b)),
        Value::Number(n) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => SqlValue::Integer(i),
            (None, Some(f)) => SqlValue::Real(f),
            _ => return Err(invalid(format!("{table}[{index}].{col}: the number is out of range."))),
        },
        Value::String(s) if s.len() > MAX_TEXT => {
            return Err(invalid(format!(
                "{table}[{index}].{col}: the text is {} characters long; at most {MAX_TEXT} are accepted.",
                s.chars().count()
            )))
        }
        Value::String(s) => SqlValue::Text(s.clone()),
        Value::Array(_) | Value::Object(_) => {
            return Err(invalid(format!(
                "{table}[{index}].{col}: expected a plain value, found a nested list or object."
            )))
        }
    })
}

/// The document's tables, checked for shape: known version, every table an
/// array of objects, every field a column of that table.
fn tables_of<'a>(conn: &Connection, doc: &'a Value) -> AppResult<Vec<(&'static str, &'a [Value])>> {
    let obj = doc.as_object().ok_or_else(|| {
        invalid("The file is not a Loopready export: expected a JSON object.".into())
    })?;
    if obj.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return Err(invalid(
            "The file is not a Loopready export (no \"format\": \"loopready-export\").".into(),
        ));
    }
    match obj.get("formatVersion").and_then(Value::as_i64) {
        Some(FORMAT_VERSION) => {}
        Some(v) if v > FORMAT_VERSION => {
            return Err(invalid(format!(
                "This export is format version {v}, written by a newer Loopready; this version reads version {FORMAT_VERSION}. Update Loopready to import it."
            )))
        }
        other => {
            return Err(invalid(format!(
                "Unknown export format version {}.",
                other.map_or("(missing)".to_string(), |v| v.to_string())
            )))
        }
    }
    let tables = obj
        .get("tables")
        .and_then(Value::as_object)
        .ok_or_else(|| invalid("The export has no \"tables\" object.".into()))?;
    if let Some(unknown) = tables.keys().find(|k| !TABLES.contains(&k.as_str())) {
        return Err(invalid(format!(
            "Unknown table \"{unknown}\" in the export."
        )));
    }
    let mut out = Vec::new();
    for table in TABLES {
        let rows = match tables.get(table) {
            None => &[][..],
            Some(Value::Array(rows)) => &rows[..],
            Some(_) => return Err(invalid(format!("{table}: expected a list of records."))),
        };
        if rows.len() > MAX_ROWS {
            return Err(invalid(format!(
                "{table}: {} records; at most {MAX_ROWS} are accepted.",
                rows.len()
            )));
        }
        let cols = columns(conn, table)?;
        for (i, row) in rows.iter().enumerate() {
            let rec = row.as_object().ok_or_else(|| {
                invalid(format!("{table}[{i}]: expected a record (a JSON object)."))
            })?;
            if let Some(unknown) = rec.keys().find(|k| !cols.contains(k)) {
                return Err(invalid(format!(
                    "{table}[{i}]: unknown field \"{unknown}\"."
                )));
            }
        }
        out.push((table, rows));
    }
    Ok(out)
}

/// Checks one record with the domain's own rules where SQL has none.
fn check_domain(table: &str, i: usize, rec: &Map<String, Value>) -> AppResult<()> {
    let text = |k: &str| rec.get(k).and_then(Value::as_str);
    match table {
        "practice_entry" => {
            let data =
                text("data").ok_or_else(|| invalid(format!("{table}[{i}].data: missing.")))?;
            let mut entry: Map<String, Value> = serde_json::from_str(data)
                .map_err(|e| invalid(format!("{table}[{i}].data: {e}.")))?;
            entry.insert(
                "date".into(),
                rec.get("date").cloned().unwrap_or(Value::Null),
            );
            let entry: crate::practice::Entry = serde_json::from_value(Value::Object(entry))
                .map_err(|e| invalid(format!("{table}[{i}].data: {e}.")))?;
            entry
                .validated()
                .map_err(|e| invalid(format!("{table}[{i}]: {e}.")))?;
        }
        "story" => {
            let draft = crate::stories::StoryDraft {
                title: text("title").unwrap_or_default().to_string(),
                situation: text("situation").unwrap_or_default().to_string(),
                task: text("task").unwrap_or_default().to_string(),
                action: text("action").unwrap_or_default().to_string(),
                result: text("result").unwrap_or_default().to_string(),
                metrics: text("metrics").unwrap_or_default().to_string(),
                ..crate::stories::StoryDraft::default()
            };
            draft
                .validated()
                .map_err(|e| invalid(format!("{table}[{i}]: {e}.")))?;
        }
        _ => {}
    }
    Ok(())
}

/// Inserts `rows` of `table`, mapping story references through `story_ids`
/// (uuid → row id in `conn`). In merge mode a record whose id exists is
/// replaced only when the incoming one changed later.
fn insert_rows(
    conn: &Connection,
    table: &str,
    rows: &[Value],
    mode: Mode,
    story_ids: &mut HashMap<String, i64>,
) -> AppResult<usize> {
    let cols = columns(conn, table)?;
    let has_uuid = cols.iter().any(|c| c == "uuid");
    let has_updated = cols.iter().any(|c| c == "updated_at");
    let mut written = 0;
    for (i, row) in rows.iter().enumerate() {
        let rec = row.as_object().expect("shape checked");
        check_domain(table, i, rec)?;
        let mut names = Vec::new();
        let mut values = Vec::new();
        for (col, v) in rec {
            if col == "id" && !matches!(table, "profile" | "plan_state") {
                continue;
            }
            let value = if STORY_REFS.contains(&(table, col.as_str())) && !v.is_null() {
                let uuid = v.as_str().ok_or_else(|| {
                    invalid(format!("{table}[{i}].{col}: expected the id of a story."))
                })?;
                SqlValue::Integer(*story_ids.get(uuid).ok_or_else(|| {
                    invalid(format!("{table}[{i}].{col}: no story with id \"{uuid}\" in the export or the database."))
                })?)
            } else {
                to_sql(table, i, col, v)?
            };
            names.push(col.clone());
            values.push(value);
        }
        let placeholders = vec!["?"; names.len()].join(", ");
        let conflict = match (mode, table) {
            (Mode::Replace, _) => String::new(),
            (Mode::Merge, "settings") => " ON CONFLICT (key) DO NOTHING".into(),
            // The same day blocked on two machines, or the same item ticked
            // on both, is one record: the one made first (ties by id) wins
            // on each side, so both end up with the same row whichever way
            // the files travel.
            (Mode::Merge, "blackout") => " ON CONFLICT (day) DO UPDATE SET created_at = excluded.created_at \
                 WHERE excluded.created_at < blackout.created_at"
                .into(),
            (Mode::Merge, "schedule_done") => " ON CONFLICT (item_key) DO UPDATE SET \
                 uuid = excluded.uuid, done_on = excluded.done_on, created_at = excluded.created_at \
                 WHERE (excluded.created_at, excluded.uuid) < (schedule_done.created_at, schedule_done.uuid)"
                .into(),
            (Mode::Merge, _) if has_uuid && has_updated => {
                let sets: Vec<String> = names
                    .iter()
                    .filter(|c| c.as_str() != "uuid" && c.as_str() != "id")
                    .map(|c| format!("{c} = excluded.{c}"))
                    .collect();
                // The same record (same uuid) keeps the version changed
                // last. Two records of one second key (a story's editing
                // session, a scheduled item's entry, a round's start) are
                // one record made twice: the one changed last wins whole,
                // its uuid too, with ties broken by uuid, so every machine
                // keeps the same row whichever way the files travel.
                let sets = sets.join(", ");
                format!(
                    " ON CONFLICT (uuid) DO UPDATE SET {sets} WHERE excluded.updated_at > {table}.updated_at \
                     ON CONFLICT DO UPDATE SET uuid = excluded.uuid, {sets} \
                     WHERE (excluded.updated_at, excluded.uuid) > ({table}.updated_at, {table}.uuid)"
                )
            }
            (Mode::Merge, _) => " ON CONFLICT DO NOTHING".into(),
        };
        let sql = format!(
            "INSERT INTO {table} ({}) VALUES ({placeholders}){conflict}",
            names.join(", ")
        );
        // Records of a table share their columns, so the statement is
        // prepared once and reused.
        conn.prepare_cached(&sql)
            .and_then(|mut stmt| stmt.execute(params_from_iter(values.iter())))
            .map_err(|e| invalid(format!("{table}[{i}]: {}.", sql_reason(&e))))?;
        written += 1;
        if table == "story" {
            let uuid = rec.get("uuid").and_then(Value::as_str).ok_or_else(|| {
                invalid(format!(
                    "{table}[{i}].uuid: expected the story's id as text."
                ))
            })?;
            let id: i64 = conn
                .prepare_cached("SELECT id FROM story WHERE uuid = ?1")
                .and_then(|mut stmt| stmt.query_row([uuid], |r| r.get(0)))
                .map_err(|e| invalid(format!("{table}[{i}].uuid: {}.", sql_reason(&e))))?;
            story_ids.insert(uuid.to_string(), id);
        }
    }
    Ok(written)
}

fn sql_reason(e: &rusqlite::Error) -> String {
    match e {
        rusqlite::Error::SqliteFailure(_, Some(msg)) => msg.clone(),
        other => other.to_string(),
    }
}

fn load(conn: &Connection, tables: &[(&'static str, &[Value])], mode: Mode) -> AppResult<Counts> {
    let mut story_ids: HashMap<String, i64> = {
        let mut stmt = conn.prepare("SELECT uuid, id FROM story")?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        rows
    };
    let mut counts = Vec::new();
    for (table, rows) in tables {
        counts.push((
            table.to_string(),
            insert_rows(conn, table, rows, mode, &mut story_ids)?,
        ));
    }
    Ok(counts)
}

/// Reads every kind of record the way the app does.
fn readable(store: &Store) -> AppResult<()> {
    super::profile::get(store)?;
    super::plan::state(store)?;
    super::plan::assessments(store)?;
    super::timer::history(store)?;
    super::timer::templates(store)?;
    super::stories::list(store)?;
    super::stories::trash(store)?;
    super::practice::list(store)?;
    super::rehearsal::list(store)?;
    Ok(())
}

/// Empties every exported table (children first) and the day totals.
fn clear(conn: &Connection) -> AppResult<()> {
    for table in TABLES.iter().rev() {
        conn.execute(&format!("DELETE FROM {table}"), [])?;
    }
    conn.execute("DELETE FROM practice_day", [])?;
    Ok(())
}

/// Checks the whole document against a scratch database; nothing is
/// written to `store`. Returns the records per table.
pub fn check(doc: &Value) -> AppResult<Counts> {
    // Migrating a scratch database costs far more than checking a small
    // sync file, so each thread keeps one; every check rolls its records
    // back, which leaves it empty for the next.
    thread_local! {
        static SCRATCH: std::cell::RefCell<Option<Store>> = const { std::cell::RefCell::new(None) };
    }
    SCRATCH.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.is_none() {
            *slot = Some(Store::open_in_memory()?);
        }
        let scratch = slot.as_ref().expect("just opened");
        let tables = tables_of(scratch.conn(), doc)?;
        let tx = scratch.conn().unchecked_transaction()?;
        let counts = load(&tx, &tables, Mode::Replace)?;
        // Everything the app reads back must read: stored JSON included.
        readable(scratch).map_err(|e| {
            invalid(format!(
                "The export holds a record Loopready cannot read: {e}"
            ))
        })?;
        drop(tx);
        Ok(counts)
    })
}

/// Imports `doc` into `store`: checked completely first, then applied in one
/// transaction. On any error the database is unchanged.
pub fn import(store: &Store, doc: &Value, mode: Mode) -> AppResult<Counts> {
    import_with(store, doc, mode, |_| Ok(()), |_| Ok(()))
}

/// [`import`], with `before` and `after` run in the same transaction
/// around the records (a sync step stops capturing its own writes and
/// records which file it applied).
pub fn import_with(
    store: &Store,
    doc: &Value,
    mode: Mode,
    before: impl FnOnce(&Connection) -> AppResult<()>,
    after: impl FnOnce(&Connection) -> AppResult<()>,
) -> AppResult<Counts> {
    check(doc)?;
    let tables = tables_of(store.conn(), doc)?;
    let tx = store.conn().unchecked_transaction()?;
    before(&tx)?;
    if mode == Mode::Replace {
        clear(&tx)?;
    }
    let counts = load(&tx, &tables, mode)?;
    // What is derived from the records is brought up to date for the kinds
    // of record the document holds (a sync file holds a few; a whole
    // export, all of them).
    let rows = |table: &str| {
        tables
            .iter()
            .find(|(t, _)| *t == table)
            .map_or(&[][..], |(_, rows)| *rows)
    };
    let whole = mode == Mode::Replace;
    if whole || !rows("rehearsal").is_empty() {
        super::rehearsal::rebuild_states(&tx)?;
    }
    // The file may come from a version without the rules of evidence; a
    // story moved to the trash changes the refinements counted.
    if whole
        || ["mock_session", "story_revision", "story"]
            .iter()
            .any(|t| !rows(t).is_empty())
    {
        super::evidence::rebuild(&tx)?;
    }
    if whole {
        super::tasks::fill_problem_keys(&tx)?;
    } else {
        let lines: Vec<&str> = rows("practice_entry")
            .iter()
            .filter_map(|r| r.get("uuid").and_then(Value::as_str))
            .collect();
        super::tasks::fill_problem_keys_of(&tx, &lines)?;
    }
    after(&tx)?;
    tx.commit()?;
    super::stories::fill_findings(store)?;
    Ok(counts)
}

/// Whether the store holds any of the user's records.
pub fn is_empty(store: &Store) -> AppResult<bool> {
    for table in TABLES {
        let any: bool =
            store
                .conn()
                .query_row(&format!("SELECT EXISTS (SELECT 1 FROM {table})"), [], |r| {
                    r.get(0)
                })?;
        if any {
            return Ok(false);
        }
    }
    Ok(true)
}
