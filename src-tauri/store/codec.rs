//! Text forms of the domain's closed sets for storage, taken from their serde
//! names so the database, the wire and the command line spell them alike.

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::{AppError, AppResult};

/// The serde name of a unit enum variant (`CurrentLevel::SeniorEngineer` → `senior-engineer`).
pub fn to_text<T: Serialize>(value: &T) -> AppResult<String> {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => Ok(s),
        _ => Err(AppError::Internal("value has no text form".into())),
    }
}

/// Parses a serde name back; `what` names the field in the error.
pub fn from_text<T: DeserializeOwned>(text: &str, what: &str) -> AppResult<T> {
    serde_json::from_value(serde_json::Value::String(text.to_owned()))
        .map_err(|_| AppError::Invalid(format!("Unknown {what}: '{text}'.")))
}

/// A calendar date as stored (`YYYY-MM-DD`); an unreadable one is an
/// internal error naming the value.
pub fn stored_date(text: &str) -> AppResult<chrono::NaiveDate> {
    text.parse()
        .map_err(|e| AppError::Internal(format!("stored date '{text}' is unreadable: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::profile::CurrentLevel;

    #[test]
    fn round_trips_kebab_case_names() {
        let text = to_text(&CurrentLevel::SeniorEngineer).unwrap();
        assert_eq!(text, "senior-engineer");
        assert_eq!(
            from_text::<CurrentLevel>(&text, "level").unwrap(),
            CurrentLevel::SeniorEngineer
        );
    }

    #[test]
    fn unknown_name_is_a_clear_error() {
        let err = from_text::<CurrentLevel>("wizard", "current level").unwrap_err();
        assert_eq!(err.to_string(), "Unknown current level: 'wizard'.");
    }
}
