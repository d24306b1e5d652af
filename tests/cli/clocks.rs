//! Clocks a real process meets: the time zone changes between two starts
//! (a flight from Kiritimati, UTC+14, to Pago Pago, UTC−11). Each day's
//! practice keeps the day it was logged on; today, its minimums and the
//! streak are counted on the calendar of the zone the machine is in.

use std::path::Path;

use serde_json::Value;

use crate::usage::{json, loopready_with};

const EAST: &str = "Pacific/Kiritimati";
const WEST: &str = "Pacific/Pago_Pago";

/// `loopready args` on `dir` in time zone `tz`, which must succeed: its JSON.
fn loopready(dir: &Path, tz: &str, args: &[&str]) -> Value {
    json(&loopready_with(dir, &[("TZ", tz)], args))
}

/// A day's practice that meets every daily minimum; returns its date.
fn full_day(dir: &Path, tz: &str) -> chrono::NaiveDate {
    loopready(dir, tz, &["log", "add", "star", "--minutes", "30"]);
    loopready(dir, tz, &["log", "add", "lp", "--minutes", "15"]);
    let coding = loopready(
        dir,
        tz,
        &[
            "log",
            "add",
            "coding",
            "--name",
            "Two Sum",
            "--minutes",
            "45",
        ],
    );
    coding["date"].as_str().unwrap().parse().unwrap()
}

#[test]
fn a_time_zone_change_between_two_starts_keeps_each_day_on_its_date() {
    let dir = tempfile::tempdir().unwrap();
    // Every weekday a preparation day, so that any date has its minimums.
    let interview = (chrono::Utc::now().date_naive() + chrono::Days::new(60)).to_string();
    loopready(
        dir.path(),
        EAST,
        &[
            "profile",
            "set",
            "--interview",
            &interview,
            "--level",
            "L6",
            "--current",
            "senior-engineer",
            "--hours",
            "20",
            "--risk",
            "medium",
            "--days",
            "mon,tue,wed,thu,fri,sat,sun",
            "--json",
        ],
    );
    let east_day = full_day(dir.path(), EAST);
    let west_day = full_day(dir.path(), WEST);
    // 25 hours apart: the west is one or two calendar days behind.
    let behind = (east_day - west_day).num_days();
    assert!((1..=2).contains(&behind), "{east_day} {west_day}");

    // In the west, today is the west's date; the east's day is still ahead.
    // Back in the east, both days count, in a row when they are adjacent.
    for (tz, today, streak) in [
        (WEST, west_day, 1),
        (EAST, east_day, if behind == 1 { 2 } else { 1 }),
    ] {
        let stats = loopready(dir.path(), tz, &["stats", "--json"]);
        assert_eq!(
            stats["minutes"]["total"], 180,
            "in {tz}: every entry counts"
        );
        let status = &stats["status"];
        assert_eq!(status["today"], today.to_string(), "in {tz}");
        assert_eq!(status["daily"]["date"], today.to_string(), "in {tz}");
        assert_eq!(status["daily"]["met"], true, "in {tz}: {}", status["daily"]);
        assert_eq!(
            status["streak"]["days"], streak,
            "in {tz}: {}",
            status["streak"]
        );
    }
}
