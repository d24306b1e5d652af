//! Sync between the candidate's own machines through a folder another
//! program already syncs (Syncthing, Dropbox, iCloud Drive, OneDrive, git).
//!
//! Each device writes only its own immutable files, so no sync engine ever
//! has two versions of one file to reconcile:
//!
//! ```text
//! <folder>/Loopready-sync/v1/<device>/device.json     name and versions
//! <folder>/Loopready-sync/v1/<device>/0000000001.json the first change file
//! ```
//!
//! A change file holds the records changed since the one before, in the
//! export's form, with a SHA-256 of them; the first holds everything. Files
//! of the other devices are applied in order from the last one applied, one
//! transaction each (see `store::sync::apply`); a missing number, a bad
//! checksum or a half-written file means "not arrived yet", and the device
//! is tried again later. Anything else in a device's folder (a sync
//! engine's conflict copy, a temporary file) is listed and left alone.

use std::path::{Path, PathBuf};

use chrono::Utc;
use serde::Serialize;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::error::{AppError, AppResult};
use crate::store::files::write_atomic;
use crate::store::{self, transfer, Store};

/// Marks a change file as ours.
pub const FORMAT: &str = "loopready-sync";
pub const FORMAT_VERSION: i64 = 1;
/// Where the devices' folders sit inside the chosen folder.
pub const ROOT: &str = "Loopready-sync/v1";

fn device_dir(folder: &Path, device: &str) -> PathBuf {
    folder.join(ROOT).join(device)
}

fn file_name(seq: u64) -> String {
    format!("{seq:010}.json")
}

/// The sequence number a change file's name carries, if it is one.
fn seq_of(name: &str) -> Option<u64> {
    let digits = name.strip_suffix(".json")?;
    (digits.len() == 10 && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.parse().ok())
        .flatten()
}

/// The number of this device's next file: after the last one it recorded
/// and after any already in its folder, so a restored backup (which brings
/// back an older count) never writes over a file the others have applied.
fn next_seq(dir: &Path, sent: u64) -> u64 {
    let highest = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .filter_map(|e| e.file_name().to_str().and_then(seq_of))
                .max()
                .unwrap_or(0)
        })
        .unwrap_or(0);
    sent.max(highest) + 1
}

fn checksum(records: &Value) -> String {
    let digest = Sha256::digest(records.to_string().as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Whether `inner` is `outer` or inside it.
fn is_within(inner: &Path, outer: &Path) -> bool {
    match (inner.canonicalize(), outer.canonicalize()) {
        (Ok(i), Ok(o)) => i.starts_with(o),
        _ => false,
    }
}

/// Chooses the folder to sync through and writes this device's first file
/// (everything it holds). Refused when the folder does not exist, or when
/// the data folder is inside it: the live database must never travel as a
/// file, which is how SQLite files get damaged.
pub fn set_folder(store: &Store, folder: &Path, data_dir: &Path) -> AppResult<Status> {
    if !folder.is_dir() {
        return Err(AppError::field(
            "syncFolder",
            format!("{} is not a folder on this computer.", folder.display()),
        ));
    }
    if is_within(data_dir, folder) {
        return Err(AppError::field(
            "syncFolder",
            format!(
                "Loopready's data folder ({}) is inside {}: a sync program would copy the live database and could damage it. Choose a folder outside it.",
                data_dir.display(),
                folder.display()
            ),
        ));
    }
    let text = folder.to_string_lossy().into_owned();
    store::sync::set_folder(store, Some(&text))?;
    let local = store::sync::local(store)?;
    let dir = write_device(store, folder)?;
    let seq = next_seq(&dir, local.sent_seq);
    write_file(store, &dir, seq, transfer::export(store)?, &[])?;
    status(store)
}

/// Names this machine as the others list it (1 to 60 characters).
pub fn set_name(store: &Store, name: &str) -> AppResult<()> {
    let name = name.trim();
    let chars = name.chars().count();
    if chars == 0 || chars > 60 || name.chars().any(char::is_control) {
        return Err(AppError::field(
            "syncName",
            format!("A machine's name is 1 to 60 characters (got {chars})."),
        ));
    }
    store::sync::set_name(store, name)?;
    if let Some(folder) = store::sync::local(store)?.folder {
        write_device(store, Path::new(&folder))?;
    }
    Ok(())
}

/// One background step: "Sync now" when a folder is set. Whether another
/// machine's file was applied.
pub fn tick(store: &Store) -> AppResult<bool> {
    if store::sync::local(store)?.folder.is_none() {
        return Ok(false);
    }
    let before = store::sync::applied_total(store)?;
    now(store)?;
    Ok(store::sync::applied_total(store)? != before)
}

/// Writes this device's `device.json` (its name and versions) and returns
/// its folder.
fn write_device(store: &Store, folder: &Path) -> AppResult<PathBuf> {
    let local = store::sync::local(store)?;
    let dir = device_dir(folder, &local.device);
    std::fs::create_dir_all(&dir)?;
    let about = json!({
        "format": FORMAT,
        "device": local.device,
        "name": local.name,
        "appVersion": env!("CARGO_PKG_VERSION"),
        "schemaVersion": store.schema_version()?,
    });
    write_atomic(&dir.join("device.json"), about.to_string().as_bytes())?;
    Ok(dir)
}

/// Stops syncing: nothing more is captured, written or read.
pub fn leave(store: &Store) -> AppResult<()> {
    store::sync::set_folder(store, None)
}

/// Change file `seq` (or the snapshot at `seq`) of this device holding
/// `records`, with its header.
fn file_doc(store: &Store, seq: u64, records: Value) -> AppResult<Value> {
    let local = store::sync::local(store)?;
    let count: usize = records["tables"].as_object().map_or(0, |t| {
        t.values().filter_map(Value::as_array).map(Vec::len).sum()
    });
    Ok(json!({
        "format": FORMAT,
        "formatVersion": FORMAT_VERSION,
        "schemaVersion": store.schema_version()?,
        "appVersion": env!("CARGO_PKG_VERSION"),
        "device": local.device,
        "seq": seq,
        // The last file of each other device applied here when this one
        // was written: what they need to tell a concurrent edit from a
        // later one.
        "seen": store::sync::seen(store)?,
        "writtenAt": Utc::now().to_rfc3339(),
        "count": count,
        "sha256": checksum(&records),
        "records": records,
    }))
}

/// Writes change file `seq` holding `records`, then takes `sent` out of the
/// outbox. A crash in between leaves the outbox as it was, and the next
/// send writes these records again in the next file (applying a record
/// twice changes nothing); a written file is never written over.
fn write_file(
    store: &Store,
    dir: &Path,
    seq: u64,
    records: Value,
    sent: &[(&'static str, &'static str, String)],
) -> AppResult<()> {
    let file = file_doc(store, seq, records)?;
    write_atomic(&dir.join(file_name(seq)), file.to_string().as_bytes())?;
    store::sync::mark_sent(store, seq, sent)
}

/// Every this many change files, a device also writes a snapshot: all it
/// holds once file `seq` is written, which a joining device applies
/// instead of every file before it.
pub const SNAPSHOT_EVERY: u64 = 200;
/// A device not heard from for this long no longer holds back the removal
/// of old files; if it comes back, it starts from the newest snapshot.
pub const SILENT_DAYS: i64 = 90;

fn snapshot_name(seq: u64) -> String {
    format!("snapshot-{seq:010}.json")
}

fn snapshot_seq(name: &str) -> Option<u64> {
    seq_of(name.strip_prefix("snapshot-")?)
}

/// The numbers of the files in `dir` that `parse` recognises, in order.
fn numbered(dir: &Path, parse: fn(&str) -> Option<u64>) -> Vec<u64> {
    let mut seqs: Vec<u64> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .filter_map(|e| e.file_name().to_str().and_then(parse))
                .collect()
        })
        .unwrap_or_default();
    seqs.sort_unstable();
    seqs
}

/// Removes this device's change files that every device heard from in the
/// last [`SILENT_DAYS`] has applied, up to its newest snapshot (a device
/// that joins later starts there), and the snapshots before the newest.
/// Returns how many files went.
pub fn compact(store: &Store) -> AppResult<usize> {
    let (folder, local) = folder_of(store)?;
    let dir = device_dir(&folder, &local.device);
    let Some(&newest) = numbered(&dir, snapshot_seq).last() else {
        return Ok(0);
    };
    let since = (Utc::now() - chrono::Duration::days(SILENT_DAYS)).to_rfc3339();
    let floor = store::sync::applied_by_all(store, &since)?
        .unwrap_or(newest)
        .min(newest);
    let mut removed = 0;
    for seq in numbered(&dir, seq_of).into_iter().filter(|s| *s <= floor) {
        std::fs::remove_file(dir.join(file_name(seq)))?;
        removed += 1;
    }
    for seq in numbered(&dir, snapshot_seq)
        .into_iter()
        .filter(|s| *s < newest)
    {
        std::fs::remove_file(dir.join(snapshot_name(seq)))?;
        removed += 1;
    }
    Ok(removed)
}

fn folder_of(store: &Store) -> AppResult<(PathBuf, store::sync::Local)> {
    let local = store::sync::local(store)?;
    let folder = local.folder.clone().ok_or_else(|| {
        AppError::Invalid("Sync is off: choose a folder to sync through first.".into())
    })?;
    Ok((PathBuf::from(folder), local))
}

/// Writes the records changed since the last file as the next one; `None`
/// when nothing changed.
pub fn send(store: &Store) -> AppResult<Option<u64>> {
    let (folder, local) = folder_of(store)?;
    let pending = store::sync::pending(store)?;
    if pending.is_empty() {
        return Ok(None);
    }
    let dir = device_dir(&folder, &local.device);
    std::fs::create_dir_all(&dir)?;
    let seq = next_seq(&dir, local.sent_seq);
    let records = transfer::records(store, &pending)?;
    write_file(store, &dir, seq, records, &pending)?;
    if seq.is_multiple_of(SNAPSHOT_EVERY) {
        let snapshot = file_doc(store, seq, transfer::export(store)?)?;
        write_atomic(
            &dir.join(snapshot_name(seq)),
            snapshot.to_string().as_bytes(),
        )?;
    }
    Ok(Some(seq))
}

/// Writes what changed since the last file, when sync is on: at exit and
/// right after a conflict is settled, so the others need not wait for the
/// next minute.
pub fn flush(store: &Store) -> AppResult<Option<u64>> {
    if store::sync::local(store)?.folder.is_none() {
        return Ok(None);
    }
    send(store)
}

/// Where another device's stream stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", tag = "state")]
pub enum Stream {
    /// Every file there is applied.
    UpToDate,
    /// File `next` is not there yet, or not whole; later ones wait for it.
    Waiting { next: u64 },
    /// File `next` has arrived and is applied at the next sync.
    Ready { next: u64 },
    /// File `seq` comes from a newer Loopready; nothing after it is applied.
    NeedsNewerApp { seq: u64 },
    /// File `seq` was refused (`reason`); nothing after it is applied.
    Refused { seq: u64, reason: String },
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Device {
    pub device: String,
    pub name: String,
    pub applied: u64,
    pub stream: Stream,
    /// Files in its folder that are not its change files, left alone.
    pub ignored: Vec<String>,
    /// How far ahead of this computer's clock its files claim to be
    /// written, in minutes, when that is more than [`CLOCK_AHEAD_MINUTES`]:
    /// the later edit wins a conflict, so a clock far ahead wins unfairly.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub clock_ahead_minutes: Option<i64>,
}

/// How far ahead another computer's clock may be before it is said.
pub const CLOCK_AHEAD_MINUTES: i64 = 5;

/// Minutes by which a file's `writtenAt` is ahead of now, past the bound.
fn clock_ahead(file: &Value) -> Option<i64> {
    let written = chrono::DateTime::parse_from_rfc3339(file["writtenAt"].as_str()?).ok()?;
    let ahead = (written.with_timezone(&Utc) - Utc::now()).num_minutes();
    (ahead > CLOCK_AHEAD_MINUTES).then_some(ahead)
}

/// Reads one change file of `device`; `None` while it is not whole (missing,
/// still being written, a placeholder, a bad checksum).
fn read_file(dir: &Path, device: &str, seq: u64) -> Option<Value> {
    read_named(dir, &file_name(seq), device, seq)
}

/// [`read_file`] for a file of any name (a snapshot) that claims `seq`.
fn read_named(dir: &Path, name: &str, device: &str, seq: u64) -> Option<Value> {
    let text = std::fs::read_to_string(dir.join(name)).ok()?;
    let file: Value = serde_json::from_str(&text).ok()?;
    let whole = file["format"] == FORMAT
        && file["device"] == device
        && file["seq"].as_u64() == Some(seq)
        && file["sha256"].as_str() == Some(checksum(&file["records"]).as_str());
    whole.then_some(file)
}

/// The name another device gave itself in its `device.json`, or its id.
fn device_name(dir: &Path, device: &str) -> String {
    std::fs::read_to_string(dir.join("device.json"))
        .ok()
        .and_then(|t| serde_json::from_str::<Value>(&t).ok())
        .and_then(|v| v["name"].as_str().map(str::to_owned))
        .unwrap_or_else(|| device.to_owned())
}

/// Applies every whole file of every other device, in order, and says where
/// each stream stands.
pub fn receive(store: &Store) -> AppResult<Vec<Device>> {
    let (folder, local) = folder_of(store)?;
    let root = folder.join(ROOT);
    let ours = store.schema_version()?;
    let mut devices = Vec::new();
    let Ok(entries) = std::fs::read_dir(&root) else {
        return Ok(devices);
    };
    let mut dirs: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    for dir in dirs {
        let Some(device) = dir.file_name().and_then(|n| n.to_str()).map(str::to_owned) else {
            continue;
        };
        if device == local.device {
            continue;
        }
        let name = device_name(&dir, &device);
        let ignored = std::fs::read_dir(&dir)
            .map(|rd| {
                let mut names: Vec<String> = rd
                    .filter_map(Result::ok)
                    .filter_map(|e| e.file_name().to_str().map(str::to_owned))
                    .filter(|n| {
                        n != "device.json" && seq_of(n).is_none() && snapshot_seq(n).is_none()
                    })
                    .collect();
                names.sort();
                names
            })
            .unwrap_or_default();
        let mut applied = store::sync::applied(store, &device)?;
        let mut clock_ahead_minutes = None;
        // Joining, or back after its old files were removed: start from its
        // newest whole snapshot, which holds everything up to it.
        if applied == 0 || !dir.join(file_name(applied + 1)).exists() {
            let snapshot = numbered(&dir, snapshot_seq)
                .into_iter()
                .rev()
                .filter(|s| *s > applied)
                .find_map(|s| read_named(&dir, &snapshot_name(s), &device, s).map(|f| (s, f)));
            if let Some((s, file)) = snapshot {
                if file["schemaVersion"].as_i64().unwrap_or(i64::MAX) <= ours {
                    let seen_here = file["seen"][local.device.as_str()].as_u64().unwrap_or(0);
                    match store::sync::apply(
                        store,
                        &device,
                        s,
                        &file["records"],
                        seen_here,
                        file["writtenAt"].as_str(),
                    ) {
                        Ok(_) => applied = s,
                        // Its change files are still tried one by one.
                        Err(e) => log::warn!("snapshot {s} of {device} was refused: {e}"),
                    }
                }
            }
        }
        let stream = loop {
            let next = applied + 1;
            let Some(file) = read_file(&dir, &device, next) else {
                let later = std::fs::read_dir(&dir).ok().is_some_and(|rd| {
                    rd.filter_map(Result::ok)
                        .filter_map(|e| e.file_name().to_str().and_then(seq_of))
                        .any(|s| s > next)
                });
                break if later || dir.join(file_name(next)).exists() {
                    Stream::Waiting { next }
                } else {
                    Stream::UpToDate
                };
            };
            if let Some(ahead) = clock_ahead(&file) {
                log::warn!(
                    "sync file {next} of {device} is written {ahead} minutes ahead of this clock"
                );
                clock_ahead_minutes = Some(ahead);
            }
            if file["schemaVersion"].as_i64().unwrap_or(i64::MAX) > ours {
                break Stream::NeedsNewerApp { seq: next };
            }
            let seen_here = file["seen"][local.device.as_str()].as_u64().unwrap_or(0);
            if let Err(e) = store::sync::apply(
                store,
                &device,
                next,
                &file["records"],
                seen_here,
                file["writtenAt"].as_str(),
            ) {
                log::warn!("sync file {next} of {device} was refused: {e}");
                break Stream::Refused {
                    seq: next,
                    reason: e.to_string(),
                };
            }
            applied = next;
        };
        devices.push(Device {
            device,
            name,
            applied,
            stream,
            ignored,
            clock_ahead_minutes,
        });
    }
    Ok(devices)
}

/// What Settings and `loopready sync status` show.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Status {
    #[serde(flatten)]
    pub local: store::sync::Local,
    /// Records changed since the last file written.
    pub pending: usize,
    pub devices: Vec<Device>,
    /// Records changed here and on another computer at once, to look at.
    pub conflicts: Vec<ConflictView>,
}

/// Where sync stands, without writing or applying anything.
pub fn status(store: &Store) -> AppResult<Status> {
    let local = store::sync::local(store)?;
    let pending = store::sync::pending(store)?.len();
    let mut devices = Vec::new();
    if let Some(folder) = &local.folder {
        let root = Path::new(folder).join(ROOT);
        if let Ok(entries) = std::fs::read_dir(&root) {
            for e in entries.filter_map(Result::ok) {
                let Some(device) = e.file_name().to_str().map(str::to_owned) else {
                    continue;
                };
                if device == local.device || !e.path().is_dir() {
                    continue;
                }
                let applied = store::sync::applied(store, &device)?;
                let next_there = read_file(&e.path(), &device, applied + 1).is_some();
                devices.push(Device {
                    name: device_name(&e.path(), &device),
                    applied,
                    stream: if next_there {
                        Stream::Ready { next: applied + 1 }
                    } else {
                        Stream::UpToDate
                    },
                    ignored: Vec::new(),
                    clock_ahead_minutes: None,
                    device,
                });
            }
        }
    }
    devices.sort_by(|a, b| a.device.cmp(&b.device));
    Ok(Status {
        local,
        pending,
        conflicts: conflict_views(store, &devices)?,
        devices,
    })
}

/// "Sync now": writes what changed here, then applies what arrived.
pub fn now(store: &Store) -> AppResult<Status> {
    send(store)?;
    let before = store::sync::applied_total(store)?;
    let devices = receive(store)?;
    // What arrived may have changed the plan's inputs (ticks, blackouts).
    if store::sync::applied_total(store)? != before {
        super::plan::replan(store, super::today())?;
    }
    if let Err(e) = compact(store) {
        log::warn!("old sync files could not be removed: {e}");
    }
    Ok(Status {
        local: store::sync::local(store)?,
        pending: store::sync::pending(store)?.len(),
        conflicts: conflict_views(store, &devices)?,
        devices,
    })
}

/// One field on which the two versions of a conflict differ.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldDiff {
    pub name: String,
    pub kept: String,
    pub lost: String,
}

/// A conflict as Settings shows it: what the record is, where each version
/// was made, and the fields on which they differ, side by side.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConflictView {
    pub id: i64,
    /// "Story", "Log entry", …
    pub what: String,
    /// The story's title, the entry's name, …
    pub title: String,
    /// The other computer's name.
    pub other: String,
    /// Whether the version in use is this computer's.
    pub kept_here: bool,
    pub fields: Vec<FieldDiff>,
}

/// What a synced table's records are called.
fn kind_of(table: &str) -> &'static str {
    match table {
        "story" => "Story",
        "practice_entry" => "Log entry",
        "assessment" => "Self-assessment",
        "mock_session" => "Mock round",
        "rehearsal" => "Rehearsal",
        "custom_template" => "Custom round",
        _ => "Record",
    }
}

/// A record's fields for showing: a JSON text field (a log entry's data)
/// is opened into its own fields; the record's identity and times and the
/// figures each computer derives are left out.
fn shown_fields(rec: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let Some(obj) = rec.as_object() else {
        return out;
    };
    for (key, value) in obj {
        // What is not the candidate's content, and a log entry's kind
        // (the record's title already says what it is).
        if store::sync::NOT_CONTENT.contains(&key.as_str()) || key == "kind" {
            continue;
        }
        let inner = value
            .as_str()
            .and_then(|t| serde_json::from_str::<serde_json::Map<String, Value>>(t).ok());
        match inner {
            Some(fields) => out.extend(shown_fields(&Value::Object(fields))),
            None => out.push((field_label(key), field_text(value))),
        }
    }
    out
}

/// "primary_lp" → "Primary principle", "completenessPct" → "Completeness pct".
fn field_label(key: &str) -> String {
    let named = match key {
        "primary_lp" => "primary principle",
        "secondary_lps" => "other principles",
        "deleted_at" => "in the trash since",
        "scores_json" => "scores",
        "weighted_score" => "score",
        other => other,
    };
    let mut words = String::new();
    for c in named.chars() {
        match c {
            '_' => words.push(' '),
            c if c.is_uppercase() => {
                words.push(' ');
                words.extend(c.to_lowercase());
            }
            c => words.push(c),
        }
    }
    let mut chars = words.chars();
    chars
        .next()
        .map(|f| f.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn field_text(value: &Value) -> String {
    match value {
        Value::Null => "(none)".into(),
        Value::String(s) if s.is_empty() => "(empty)".into(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn conflict_views(store: &Store, devices: &[Device]) -> AppResult<Vec<ConflictView>> {
    let views = store::sync::conflicts(store)?
        .into_iter()
        .map(|c| {
            let kept = shown_fields(&c.kept);
            let lost = shown_fields(&c.lost);
            let title = kept
                .iter()
                .find(|(k, _)| k == "Title" || k == "Name")
                .map_or_else(|| kind_of(&c.table).to_owned(), |(_, v)| v.clone());
            let fields = kept
                .iter()
                .filter_map(|(name, k)| {
                    let l = lost
                        .iter()
                        .find(|(n, _)| n == name)
                        .map_or_else(|| "(none)".to_owned(), |(_, v)| v.clone());
                    (*k != l).then(|| FieldDiff {
                        name: name.clone(),
                        kept: k.clone(),
                        lost: l,
                    })
                })
                .collect();
            let other = devices
                .iter()
                .find(|d| d.device == c.device)
                .map_or_else(|| c.device.clone(), |d| d.name.clone());
            ConflictView {
                id: c.id,
                what: kind_of(&c.table).to_owned(),
                title,
                other,
                kept_here: c.kept_here,
                fields,
            }
        })
        .collect();
    Ok(views)
}

/// "Keep this one": with `keep_set_aside`, the version the merge set aside
/// becomes the record's current one, as a new edit that travels to the
/// other computers; otherwise the version in use stays. Either way the
/// conflict leaves the list.
pub fn settle(store: &Store, id: i64, keep_set_aside: bool) -> AppResult<Status> {
    let conflict = store::sync::conflict(store, id)?.ok_or_else(|| {
        AppError::NotFound(format!("No sync conflict {id}: it was settled already."))
    })?;
    let restore = keep_set_aside.then(|| {
        let mut rec = conflict.lost.clone();
        rec["updated_at"] = Value::String(Utc::now().to_rfc3339());
        json!({
            "format": transfer::FORMAT,
            "formatVersion": transfer::FORMAT_VERSION,
            "tables": { conflict.table.clone(): [rec] },
        })
    });
    store::sync::settle(store, id, restore.as_ref())?;
    flush(store)?;
    status(store)
}
