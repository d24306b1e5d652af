//! Benchmarks the dated schedule: building the 6-month plan from scratch and
//! re-planning it mid-way (interview moved, some work done, some missed).
//! Both must stay well under a millisecond.

use std::collections::{BTreeSet, HashSet};
use std::hint::black_box;

use chrono::{NaiveDate, Weekday};
use criterion::{criterion_group, criterion_main, Criterion};
use loopready::plan::catalog::PlanId;
use loopready::plan::schedule::{build, replan, ScheduleInput};

fn six_month_input() -> ScheduleInput {
    let start = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap_or_default();
    ScheduleInput {
        plan: PlanId::Mastery6m,
        start,
        interview: start + chrono::Duration::weeks(26),
        hours_per_week: 10,
        prep_days: vec![
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri,
            Weekday::Sat,
        ],
        blackouts: BTreeSet::new(),
        weak_categories: Vec::new(),
    }
}

fn bench_schedule(c: &mut Criterion) {
    let input = six_month_input();
    c.bench_function("build 6-month schedule", |b| {
        b.iter(|| build(black_box(&input)))
    });

    let previous = build(&input);
    let today = input.start + chrono::Duration::weeks(8);
    let done: HashSet<String> = previous
        .days
        .iter()
        .filter(|d| d.date < today)
        .flat_map(|d| &d.items)
        .enumerate()
        .filter(|(i, _)| i % 3 != 0)
        .map(|(_, item)| item.key.clone())
        .collect();
    let mut moved = input.clone();
    moved.interview = input.interview + chrono::Duration::weeks(2);
    moved.hours_per_week = 8;
    c.bench_function("replan 6-month schedule", |b| {
        b.iter(|| {
            replan(
                black_box(&previous),
                black_box(&done),
                today,
                black_box(&moved),
            )
        })
    });
}

criterion_group!(benches, bench_schedule);
criterion_main!(benches);
