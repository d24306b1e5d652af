//! Story bank speed on a realistic large bank: 500 stories with 20
//! revisions each, in a real file set up as the window's connection is
//! (WAL, synchronous=NORMAL with the log flushed by a thread right after each
//! save, checkpoints on another connection). Prints p50 / p99 / max for
//! saving an edit (the autosave path: validate, compare, update, upsert the
//! revision, commit, hand the flush over) and for a ranked full-text search.
//!
//! Run: cargo bench --bench stories

use std::time::{Duration, Instant};

use loopready::store::{self, Store};
use loopready::stories::{Principle, Scope, StoryDraft};

const STORIES: usize = 500;
const REVISIONS: usize = 20;
const SAMPLES: usize = 1000;

fn draft(i: usize, rev: usize) -> StoryDraft {
    StoryDraft {
        title: format!("Story {i}: migration of service {i} revision {rev}"),
        situation: format!(
            "Team {i} ran a legacy billing service with {} outages a quarter.",
            i % 7 + 1
        ),
        task: "I had to move it to a new platform without downtime for customers.".into(),
        action: format!(
            "I mapped {} dependencies, wrote the cutover plan, ran shadow traffic for {} days and \
             coached two engineers through the riskiest steps (revision {rev}).",
            i % 40 + 3,
            i % 14 + 2
        ),
        result: format!(
            "Outages fell by {}% and cost dropped ${}k a year for customers.",
            50 + i % 40,
            100 + i
        ),
        metrics: format!("{}% fewer outages", 50 + i % 40),
        primary: Some(Principle::all()[i % 16]),
        secondary: vec![Principle::all()[(i + 3) % 16]],
        scope: if i.is_multiple_of(2) {
            Scope::L6
        } else {
            Scope::L7
        },
        tags: vec!["migration".into()],
    }
}

fn percentiles(mut samples: Vec<Duration>) -> String {
    samples.sort();
    let at = |q: f64| samples[((samples.len() as f64 - 1.0) * q).round() as usize];
    format!(
        "p50 {:>7.3} ms  p99 {:>7.3} ms  max {:>7.3} ms  ({} samples)",
        at(0.50).as_secs_f64() * 1e3,
        at(0.99).as_secs_f64() * 1e3,
        samples[samples.len() - 1].as_secs_f64() * 1e3,
        samples.len()
    )
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` passes nothing to do.
    if std::env::args().any(|a| a == "--list" || a == "--test") {
        return;
    }
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut store = Store::open(&dir.path().join("bench.sqlite3")).expect("the database opens");
    let started = Instant::now();
    let mut ids = Vec::with_capacity(STORIES);
    for i in 0..STORIES {
        let story =
            store::stories::create(&store, &draft(i, 0), &format!("s{i}-0")).expect("create");
        for rev in 1..REVISIONS {
            store::stories::update(&store, &story.id, &draft(i, rev), &format!("s{i}-{rev}"))
                .expect("update");
        }
        ids.push(story.id);
    }
    println!(
        "set-up: {STORIES} stories x {REVISIONS} revisions in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    // As in the window: the editing connection never checkpoints; another
    // connection does, and merges the search index after changes, here
    // every second (the app: every minute).
    store.defer_checkpoints().expect("pragma");
    store.sync_in_background().expect("the flushing thread");
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let checkpointer = {
        let stop = stop.clone();
        let path = dir.path().join("bench.sqlite3");
        std::thread::spawn(move || {
            let other = Store::open(&path).expect("second connection");
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                std::thread::sleep(Duration::from_secs(1));
                other.checkpoint().expect("checkpoint");
                other.tidy_search_index().expect("search index");
            }
            // The saves take well under a second: merge what they left, as
            // the app's next minute would, before searching.
            other.checkpoint().expect("checkpoint");
            other.tidy_search_index().expect("search index");
        })
    };

    let mut saves = Vec::with_capacity(SAMPLES);
    for n in 0..SAMPLES {
        let id = &ids[n % STORIES];
        let edited = draft(n % STORIES, REVISIONS + n)
            .validated()
            .expect("valid");
        let t = Instant::now();
        store::stories::update(&store, id, &edited, "bench-session").expect("save");
        store.sync_if_changed();
        saves.push(t.elapsed());
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    checkpointer.join().expect("checkpoint thread");
    println!("save an edit (autosave): {}", percentiles(saves));

    let queries = [
        "shadow traffic",
        "billing",
        "outages",
        "coached engineers",
        "cutover plan",
        "migra",
    ];
    let mut searches = Vec::with_capacity(SAMPLES);
    let mut by_query = vec![Vec::new(); queries.len()];
    for n in 0..SAMPLES {
        let t = Instant::now();
        let hits = store::stories::search(&store, queries[n % queries.len()], 50).expect("search");
        let took = t.elapsed();
        searches.push(took);
        by_query[n % queries.len()].push(took);
        assert!(!hits.is_empty());
    }
    println!("ranked search (50 hits):  {}", percentiles(searches));
    for (query, samples) in queries.iter().zip(by_query) {
        println!("  {:<22} {}", format!("{query:?}"), percentiles(samples));
    }
}
