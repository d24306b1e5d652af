//! Sync figures on the five-year data (500 stories × 20 revisions, 50,000
//! log rows, 2,000 scored mocks, 5,000 rehearsals): the first change file
//! (everything) and a new machine joining from it; 1,000 changes applied as
//! one file and as 1,000 files; the bytes one story edit puts in a change
//! file; and what capturing an edit for sync adds to a story autosave
//! (p50/p99 with sync off and on).
//!
//! Run: cargo bench --bench sync

use std::path::Path;
use std::time::{Duration, Instant};

use loopready::practice::{Activity, Entry};
use loopready::service::sync;
use loopready::store::{sample, Store};

const AUTOSAVES: usize = 300;

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn machine(root: &Path, name: &str) -> (Store, std::path::PathBuf) {
    let data = root.join(name);
    std::fs::create_dir_all(&data).unwrap();
    (Store::open(&data.join("loopready.sqlite3")).unwrap(), data)
}

/// The size of `device`'s change file `seq` in `shared`.
fn file_bytes(shared: &Path, device: &str, seq: u64) -> u64 {
    std::fs::metadata(
        shared
            .join(sync::ROOT)
            .join(device)
            .join(format!("{seq:010}.json")),
    )
    .unwrap()
    .len()
}

/// p50 and p99 of `AUTOSAVES` autosaves of one story (one editing session).
fn autosaves(store: &Store, id: &str, tag: &str) -> (Duration, Duration) {
    let mut draft = loopready::store::stories::get(store, id)
        .unwrap()
        .unwrap()
        .draft;
    let mut times = Vec::with_capacity(AUTOSAVES);
    for n in 0..AUTOSAVES {
        draft.result = format!("The p99 fell from 900 to {n} ms ({tag}).");
        let t = Instant::now();
        loopready::store::stories::update(store, id, &draft, tag).unwrap();
        times.push(t.elapsed());
    }
    times.sort();
    (times[AUTOSAVES / 2], times[AUTOSAVES * 99 / 100])
}

fn add_entries(store: &Store, n: usize) {
    let day = chrono::Local::now().date_naive();
    for i in 0..n {
        let entry = Entry::new(
            day,
            Activity::LpStudy {
                minutes: 10 + (i % 50) as u32,
            },
        );
        loopready::store::practice::add(store, &entry, None).unwrap();
    }
}

fn main() {
    let root = tempfile::tempdir().unwrap();
    let shared = root.path().join("shared");
    std::fs::create_dir_all(&shared).unwrap();
    let today = chrono::Local::now().date_naive();
    let (a, a_data) = machine(root.path(), "a");
    sample::five_years(&a, today).unwrap();
    let a_dev = loopready::store::sync::local(&a).unwrap().device;
    let story = loopready::store::stories::list(&a).unwrap()[0].id.clone();

    // What capture adds to an autosave: the same story, capture off and on
    // in turn, three rounds each; the median round of each.
    let (mut off, mut on) = (Vec::new(), Vec::new());
    let folder = shared.to_string_lossy().into_owned();
    for round in 0..3 {
        loopready::store::sync::set_folder(&a, None).unwrap();
        off.push(autosaves(&a, &story, &format!("off-{round}")));
        loopready::store::sync::set_folder(&a, Some(&folder)).unwrap();
        on.push(autosaves(&a, &story, &format!("on-{round}")));
    }
    loopready::store::sync::set_folder(&a, None).unwrap();
    let median = |mut v: Vec<(Duration, Duration)>| {
        v.sort_by_key(|r| r.1);
        v[v.len() / 2]
    };
    let (off, on) = (median(off), median(on));

    let t = Instant::now();
    sync::set_folder(&a, &shared, &a_data).unwrap();
    let first_write = t.elapsed();
    let first_bytes = file_bytes(&shared, &a_dev, 1);
    autosaves(&a, &story, "edit");
    let edit_seq = sync::send(&a).unwrap().unwrap();
    let edit_bytes = file_bytes(&shared, &a_dev, edit_seq);

    let (b, b_data) = machine(root.path(), "b");
    let t = Instant::now();
    sync::set_folder(&b, &shared, &b_data).unwrap();
    sync::receive(&b).unwrap();
    let join = t.elapsed();

    add_entries(&a, 1000);
    sync::send(&a).unwrap();
    let t = Instant::now();
    sync::receive(&b).unwrap();
    let one_file = t.elapsed();

    for _ in 0..1000 {
        add_entries(&a, 1);
        sync::send(&a).unwrap();
    }
    let t = Instant::now();
    sync::receive(&b).unwrap();
    let many_files = t.elapsed();

    println!("sync on the five-year data");
    println!(
        "  first change file (everything): {} written in {}",
        human(first_bytes),
        ms(first_write)
    );
    println!(
        "  a new machine joins from it (apply everything): {}",
        ms(join)
    );
    println!(
        "  one story edit (an editing session of {AUTOSAVES} autosaves) in a change file: {}",
        human(edit_bytes)
    );
    println!("  1,000 log entries applied as one file: {}", ms(one_file));
    println!(
        "  1,000 log entries applied as 1,000 files: {} ({:.2} ms a file)",
        ms(many_files),
        many_files.as_secs_f64()
    );
    println!(
        "  story autosave p50 / p99 (median of 3 rounds of {AUTOSAVES}), sync off: {:.3} / {:.3} ms; on (captured): {:.3} / {:.3} ms",
        off.0.as_secs_f64() * 1000.0,
        off.1.as_secs_f64() * 1000.0,
        on.0.as_secs_f64() * 1000.0,
        on.1.as_secs_f64() * 1000.0
    );
}

fn human(bytes: u64) -> String {
    if bytes >= 1 << 20 {
        format!("{:.1} MiB", bytes as f64 / (1u64 << 20) as f64)
    } else if bytes >= 1 << 10 {
        format!("{:.1} KiB", bytes as f64 / 1024.0)
    } else {
        format!("{bytes} bytes")
    }
}
