//! A generated "five years of heavy use" database for benchmarks and the
//! performance harness: 500 stories with 20 revisions each (10,000), 50,000
//! practice-log rows, 2,000 scored mock rounds, 5,000 rehearsals, a profile
//! and three self-assessments. Deterministic (a fixed linear congruential
//! sequence, no randomness), so every run measures the same data.

use chrono::{Days, Duration, NaiveDate, TimeZone, Utc, Weekday};
use rusqlite::params;

use super::Store;
use crate::error::AppResult;
use crate::plan::profile::{CurrentLevel, Profile, Risk, TargetLevel, Track};
use crate::practice::{Activity, Difficulty, Entry, Pattern, RoundKind};
use crate::stories::review::Rating;
use crate::stories::{Principle, Scope, StoryDraft};
use crate::timer::scoring::{rubric, DimensionScore};
use crate::timer::templates::RoundKind as TimerKind;

pub const STORIES: usize = 500;
pub const REVISIONS_PER_STORY: usize = 20;
pub const LOG_ROWS: usize = 50_000;
pub const MOCKS: usize = 2_000;
pub const REHEARSALS: usize = 5_000;
pub const DAYS: u64 = 5 * 365;

/// A small deterministic sequence (Knuth's MMIX constants).
struct Seq(u64);

impl Seq {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

fn story(i: usize, rev: usize) -> StoryDraft {
    StoryDraft {
        title: format!("Story {i}: moving service {i} to the new platform (v{rev})"),
        situation: format!(
            "Team {i} ran a legacy billing service with {} outages a quarter.",
            i % 7 + 1
        ),
        task: "I had to move it to a new platform without downtime for customers.".into(),
        action: format!(
            "I mapped {} dependencies, wrote the cutover plan, ran shadow traffic for {} days \
             and coached two engineers through the riskiest steps.",
            i % 40 + 3,
            i % 14 + 2
        ),
        result: format!(
            "Outages fell by {}% and costs dropped ${}k a year for customers (revision {rev}).",
            50 + i % 40,
            100 + i
        ),
        metrics: format!("{}% fewer outages", 50 + i % 40),
        primary: Some(Principle::all()[i % 16]),
        secondary: vec![Principle::all()[(i + 5) % 16]],
        scope: if i.is_multiple_of(2) {
            Scope::L6
        } else {
            Scope::L7
        },
        tags: vec!["migration".into()],
    }
}

fn activity(seq: &mut Seq, n: usize) -> Activity {
    match n % 10 {
        0..=4 => Activity::Coding {
            name: format!("Problem {}", seq.next(3000)),
            pattern: Pattern::ALL[seq.next(Pattern::ALL.len())],
            difficulty: [Difficulty::Easy, Difficulty::Medium, Difficulty::Hard][seq.next(3)],
            minutes: 20 + seq.next(40) as u32,
            optimal: seq.next(2) == 0,
        },
        5 | 6 => Activity::Design {
            name: format!("Design {}", seq.next(200)),
            minutes: 45 + seq.next(30) as u32,
            completeness_pct: 50 + seq.next(51) as u8,
            tradeoffs: seq.next(3) > 0,
        },
        7 => Activity::LpStudy {
            minutes: 15 + seq.next(30) as u32,
        },
        8 => Activity::StoryPractice {
            minutes: 20 + seq.next(30) as u32,
        },
        _ => Activity::ExternalMock {
            round: [
                RoundKind::SystemDesign,
                RoundKind::Coding,
                RoundKind::Behavioral,
            ][seq.next(3)],
            score: 2 + seq.next(4) as u8,
            minutes: 45 + seq.next(15) as u32,
        },
    }
}

/// Fills an empty, migrated store with five years of use ending `today`.
pub fn five_years(store: &Store, today: NaiveDate) -> AppResult<()> {
    let start = today - Days::new(DAYS);
    let mut seq = Seq(42);
    crate::store::profile::save(
        store,
        &Profile {
            interview_date: today + Days::new(60),
            target_level: TargetLevel::L6,
            track: Track::Ic,
            current_level: CurrentLevel::SeniorEngineer,
            hours_per_week: 15,
            prep_days: vec![
                Weekday::Mon,
                Weekday::Tue,
                Weekday::Wed,
                Weekday::Thu,
                Weekday::Fri,
            ],
            risk: Risk::Medium,
        },
    )?;

    let tx = store.conn().unchecked_transaction()?;
    // Stories and revisions, spread over the five years.
    for i in 0..STORIES {
        let created = Utc.from_utc_datetime(
            &(start + Days::new((i as u64 * DAYS) / STORIES as u64))
                .and_hms_opt(9, 0, 0)
                .expect("valid time"),
        );
        let uuid = format!("00000000-0000-7000-8000-{i:012}");
        let last = story(i, REVISIONS_PER_STORY - 1);
        tx.execute(
            "INSERT INTO story (uuid, title, situation, task, action, result, metrics, primary_lp,
                                secondary_lps, scope, tags, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
            params![
                uuid,
                last.title,
                last.situation,
                last.task,
                last.action,
                last.result,
                last.metrics,
                last.primary.map(|p| p.id()),
                serde_json::to_string(&last.secondary).expect("json"),
                if last.scope == Scope::L6 { "L6" } else { "L7" },
                serde_json::to_string(&last.tags).expect("json"),
                created.to_rfc3339(),
            ],
        )?;
        let story_id = tx.last_insert_rowid();
        // Every three days, or closer for the newest stories, so that no
        // revision is dated after `today`.
        let end = Utc.from_utc_datetime(&today.and_hms_opt(8, 0, 0).expect("valid time"));
        let step = Duration::days(3).min((end - created) / REVISIONS_PER_STORY as i32);
        for rev in 0..REVISIONS_PER_STORY {
            let at = created + step * rev as i32;
            tx.execute(
                "INSERT INTO story_revision (uuid, story_id, session, first, snapshot, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
                params![
                    uuid::Uuid::now_v7().to_string(),
                    story_id,
                    format!("s{i}-{rev}"),
                    rev == 0,
                    serde_json::to_string(&story(i, rev)).expect("json"),
                    at.to_rfc3339(),
                ],
            )?;
        }
    }

    // The practice log: about 27 rows a day.
    let now = Utc::now().to_rfc3339();
    for n in 0..LOG_ROWS {
        let date = start + Days::new((n as u64 * DAYS) / LOG_ROWS as u64);
        let entry = Entry::new(date, activity(&mut seq, n));
        tx.execute(
            "INSERT INTO practice_entry (uuid, date, kind, minutes, data, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
            params![
                uuid::Uuid::now_v7().to_string(),
                date.to_string(),
                entry.activity.kind().as_str(),
                entry.activity.minutes(),
                serde_json::to_string(&entry.activity).expect("json"),
                now,
            ],
        )?;
    }

    // Scored mock rounds, about one a day.
    let kinds = [
        TimerKind::SystemDesign,
        TimerKind::Coding,
        TimerKind::Behavioral,
    ];
    for n in 0..MOCKS {
        let kind = kinds[n % 3];
        let started = Utc.from_utc_datetime(
            &(start + Days::new((n as u64 * DAYS) / MOCKS as u64))
                .and_hms_opt(18, 0, 0)
                .expect("valid time"),
        ) + Duration::seconds(n as i64);
        let scores: Vec<DimensionScore> = rubric(kind, TargetLevel::L6, None)
            .iter()
            .map(|w| DimensionScore {
                dimension: w.dimension,
                score: 2 + seq.next(4) as u8,
            })
            .collect();
        let weighted =
            crate::timer::scoring::weighted_score(rubric(kind, TargetLevel::L6, None), &scores)
                .expect("scores fit the rubric");
        tx.execute(
            "INSERT INTO mock_session (uuid, started_at, template_id, template_name, kind, ending, ended_at,
                                       elapsed_ms, session_json, created_at, updated_at, minute_ms,
                                       target_level, scores_json, weighted_score, verdict, notes, scored_at,
                                       full_round)
             VALUES (?1, ?2, ?3, ?4, ?5, 'completed', ?6, ?7, '{}', ?8, ?8, 60000, 'L6', ?9, ?10, ?11, '', ?8, 1)",
            params![
                uuid::Uuid::now_v7().to_string(),
                started.to_rfc3339(),
                format!("builtin-{}", n % 3),
                "Mock round",
                crate::store::codec::to_text(&kind)?,
                (started + Duration::minutes(60)).to_rfc3339(),
                3_600_000,
                now,
                serde_json::to_string(&scores).expect("json"),
                weighted,
                (weighted.round() as i64).clamp(1, 5),
            ],
        )?;
    }

    // Rehearsals of stories.
    for n in 0..REHEARSALS {
        let date = start + Days::new((n as u64 * DAYS) / REHEARSALS as u64);
        tx.execute(
            "INSERT INTO rehearsal (uuid, story_id, rating, seconds, date, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                uuid::Uuid::now_v7().to_string(),
                (n % STORIES) as i64 + 1,
                Rating::ALL[seq.next(4)].id(),
                60 + seq.next(200) as u32,
                date.to_string(),
                now,
            ],
        )?;
    }
    super::rehearsal::rebuild_states(&tx)?;
    // The revisions above count as refinements only where the rules say so.
    super::evidence::rebuild(&tx)?;
    tx.commit()?;
    Ok(())
}
