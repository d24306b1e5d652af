//! The daily reminder, pure: whether one is due (the local time, the time
//! the user chose, the day one last went out and what today's agenda still
//! holds come in as arguments) and what it says. The thread that reads the
//! clock and sends it lives with the commands.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::Serialize;

use super::tracking::Agenda;

/// Why a reminder time was refused; the message is shown to the user as is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("The reminder time must look like 18:30 (got '{0}').")]
pub struct ReminderTimeError(pub String);

/// "18:30" → a time; empty means no reminder.
pub fn parse_reminder_time(text: &str) -> Result<Option<NaiveTime>, ReminderTimeError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    // A time input may add seconds; the reminder keeps hours and minutes.
    NaiveTime::parse_from_str(text, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(text, "%H:%M:%S"))
        .map(|t| Some(t - chrono::Duration::seconds(i64::from(chrono::Timelike::second(&t)))))
        .map_err(|_| ReminderTimeError(text.to_owned()))
}

/// A reminder goes out once a day, at or after the chosen time, and only
/// while today's agenda has minutes left.
pub fn reminder_due(
    now_local: NaiveDateTime,
    reminder_time: Option<NaiveTime>,
    last_sent_date: Option<NaiveDate>,
    minutes_left_today: u32,
) -> bool {
    let Some(at) = reminder_time else {
        return false;
    };
    let today = now_local.date();
    now_local.time() >= at && last_sent_date.is_none_or(|d| d < today) && minutes_left_today > 0
}

/// What the reminder says, on the desktop and in the window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Reminder {
    pub title: String,
    pub body: String,
    pub minutes_left: u32,
}

/// "Loopready: 75 min left today", then what is left with its minutes.
pub fn reminder(agenda: &Agenda) -> Reminder {
    let left: Vec<String> = agenda
        .items
        .iter()
        .filter(|i| i.minutes_left > 0)
        .map(|i| {
            let title = i.task.as_ref().map_or(&i.item.title, |t| &t.title);
            format!("{title} ({} min)", i.minutes_left)
        })
        .collect();
    Reminder {
        title: format!("Loopready: {} min left today", agenda.minutes_left),
        body: format!("Still to do: {}.", left.join("; ")),
        minutes_left: agenda.minutes_left,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 3, 2)
            .unwrap()
            .and_hms_opt(h, m, 0)
            .unwrap()
    }

    fn time(h: u32, m: u32) -> Option<NaiveTime> {
        NaiveTime::from_hms_opt(h, m, 0)
    }

    #[test]
    fn due_from_the_chosen_time_while_work_is_left() {
        assert!(reminder_due(at(18, 30), time(18, 30), None, 45));
        assert!(reminder_due(at(22, 0), time(18, 30), None, 45));
    }

    #[test]
    fn not_due_before_the_chosen_time() {
        assert!(!reminder_due(at(18, 29), time(18, 30), None, 45));
    }

    #[test]
    fn not_due_without_a_reminder_time() {
        assert!(!reminder_due(at(18, 30), None, None, 45));
    }

    #[test]
    fn not_due_when_the_agenda_is_done() {
        assert!(!reminder_due(at(18, 30), time(18, 30), None, 0));
    }

    #[test]
    fn once_a_day() {
        let today = at(0, 0).date();
        let yesterday = today.pred_opt().unwrap();
        assert!(!reminder_due(at(19, 0), time(18, 30), Some(today), 45));
        assert!(reminder_due(at(19, 0), time(18, 30), Some(yesterday), 45));
    }

    #[test]
    fn reminder_times_are_hours_and_minutes_or_empty() {
        assert_eq!(parse_reminder_time(" "), Ok(None));
        assert_eq!(parse_reminder_time("07:05"), Ok(time(7, 5)));
        assert_eq!(parse_reminder_time("07:05:42"), Ok(time(7, 5)));
        assert_eq!(
            parse_reminder_time("25:00"),
            Err(ReminderTimeError("25:00".into()))
        );
        assert_eq!(
            parse_reminder_time("25:00").unwrap_err().to_string(),
            "The reminder time must look like 18:30 (got '25:00')."
        );
    }
}
