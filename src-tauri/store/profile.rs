//! Queries for the candidate's profile (a single row).

use chrono::{NaiveDate, Utc, Weekday};
use rusqlite::{params, OptionalExtension};

use super::codec::{from_text, to_text};
use super::Store;
use crate::error::{AppError, AppResult};
use crate::plan::profile::Profile;

fn days_to_text(days: &[Weekday]) -> String {
    days.iter()
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join(",")
}

fn days_from_text(text: &str) -> AppResult<Vec<Weekday>> {
    text.split(',')
        .map(|d| {
            d.parse::<Weekday>()
                .map_err(|_| AppError::Invalid(format!("Unknown weekday: '{d}'.")))
        })
        .collect()
}

/// The stored profile, or `None` before the first run is completed.
pub fn get(store: &Store) -> AppResult<Option<Profile>> {
    let row = store
        .conn()
        .query_row(
            "SELECT interview_date, target_level, track, current_level, hours_per_week, prep_days, risk
             FROM profile WHERE id = 1",
            [],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, u32>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, String>(6)?,
                ))
            },
        )
        .optional()?;
    let Some((date, target, track, current, hours, days, risk)) = row else {
        return Ok(None);
    };
    Ok(Some(Profile {
        interview_date: date.parse::<NaiveDate>().map_err(|_| {
            AppError::Invalid(format!("Stored interview date '{date}' is not a date."))
        })?,
        target_level: from_text(&target, "target level")?,
        track: from_text(&track, "track")?,
        current_level: from_text(&current, "current level")?,
        hours_per_week: hours,
        prep_days: days_from_text(&days)?,
        risk: from_text(&risk, "risk tolerance")?,
    }))
}

/// Inserts or replaces the profile. The caller validates it first.
pub fn save(store: &Store, profile: &Profile) -> AppResult<()> {
    let now = Utc::now().to_rfc3339();
    store.conn().execute(
        "INSERT INTO profile (id, uuid, interview_date, target_level, track, current_level,
                              hours_per_week, prep_days, risk, created_at, updated_at)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)
         ON CONFLICT (id) DO UPDATE SET
             interview_date = excluded.interview_date, target_level = excluded.target_level,
             track = excluded.track, current_level = excluded.current_level,
             hours_per_week = excluded.hours_per_week, prep_days = excluded.prep_days,
             risk = excluded.risk, updated_at = excluded.updated_at",
        params![
            uuid::Uuid::now_v7().to_string(),
            profile.interview_date.to_string(),
            to_text(&profile.target_level)?,
            to_text(&profile.track)?,
            to_text(&profile.current_level)?,
            profile.hours_per_week,
            days_to_text(&profile.prep_days),
            to_text(&profile.risk)?,
            now,
        ],
    )?;
    Ok(())
}
