//! The one error type the backend hands to the UI and the command line.
//! It serialises as `{ "kind": "...", "message": "..." }`, plus `"field"`
//! when the refusal is about one input, so the window can put the message
//! beside that input and tests can match on `kind`. Every conversion from
//! a domain's error lives here, so a refusal keeps its field on every path.

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use crate::plan::profile::ProfileError;
use crate::practice::PracticeError;
use crate::stories::principles::UnknownPrinciple;
use crate::stories::StoryError;
use crate::timer::review::CardError;
use crate::timer::scoring::ScoreError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The user's input was refused; nothing was written.
    #[error("{0}")]
    Invalid(String),
    /// One input was refused (`field` is the form's name for it, as the
    /// window and the command line's flags know it); nothing was written.
    #[error("{message}")]
    Field { field: String, message: String },
    /// Several inputs of one form were refused at once (each a `Field`), so
    /// the window can say everything that is wrong in one go.
    #[error("{}", .0.iter().map(|e| e.to_string()).collect::<Vec<_>>().join(" "))]
    Fields(Vec<AppError>),
    #[error("{0} was not found.")]
    NotFound(String),
    #[error("The database could not be read or written: {0}")]
    Database(#[from] rusqlite::Error),
    #[error("The database could not be upgraded: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    #[error("A file could not be read or written: {0}")]
    Io(#[from] std::io::Error),
    #[error("{0}")]
    Notification(String),
    /// The database was written by a newer version of the app.
    #[error("{0}")]
    TooNew(String),
    /// The database file is damaged or not a database.
    #[error("{0}")]
    Corrupt(String),
    /// Shared state was left inconsistent by a panic elsewhere.
    #[error("Internal error: {0}")]
    Internal(String),
}

impl AppError {
    /// Stable, machine-readable name of the variant.
    pub fn kind(&self) -> &'static str {
        match self {
            AppError::Invalid(_) | AppError::Field { .. } | AppError::Fields(_) => "invalid",
            AppError::NotFound(_) => "not-found",
            AppError::Database(_) => "database",
            AppError::Migration(_) => "migration",
            AppError::Io(_) => "io",
            AppError::Notification(_) => "notification",
            AppError::TooNew(_) => "too-new",
            AppError::Corrupt(_) => "corrupt",
            AppError::Internal(_) => "internal",
        }
    }

    /// A refusal of one input, worded as a sentence.
    pub fn field(field: impl Into<String>, message: impl Into<String>) -> Self {
        AppError::Field {
            field: field.into(),
            message: sentence(&message.into()),
        }
    }

    /// The input the error is about, if it is about one (the first, when
    /// it is about several).
    pub fn field_name(&self) -> Option<&str> {
        match self {
            AppError::Field { field, .. } => Some(field),
            AppError::Fields(all) => all.first().and_then(AppError::field_name),
            _ => None,
        }
    }

    /// The refusals of one form as one error: none is `Ok`, one is itself,
    /// several are [`AppError::Fields`].
    pub fn all(mut refused: Vec<AppError>) -> AppResult<()> {
        match refused.len() {
            0 => Ok(()),
            1 => Err(refused.remove(0)),
            _ => Err(AppError::Fields(refused)),
        }
    }
}

/// `text` with a capital first letter and a full stop, as the window shows
/// every message (domain errors are written in lower case, like Rust's).
pub fn sentence(text: &str) -> String {
    let text = text.trim();
    let mut chars = text.chars();
    let Some(first) = chars.next() else {
        return String::new();
    };
    let end = if text.ends_with(['.', '?', '!']) {
        ""
    } else {
        "."
    };
    format!("{}{}{end}", first.to_uppercase(), chars.as_str())
}

impl From<ProfileError> for AppError {
    fn from(e: ProfileError) -> Self {
        AppError::field(e.field(), e.to_string())
    }
}

impl From<PracticeError> for AppError {
    fn from(e: PracticeError) -> Self {
        match e.field() {
            Some(field) => AppError::field(field.as_str(), e.to_string()),
            None => AppError::Invalid(sentence(&e.to_string())),
        }
    }
}

impl From<StoryError> for AppError {
    fn from(e: StoryError) -> Self {
        match e.field() {
            Some(field) => AppError::field(field.id(), e.to_string()),
            None => AppError::Invalid(sentence(&e.to_string())),
        }
    }
}

impl From<UnknownPrinciple> for AppError {
    fn from(e: UnknownPrinciple) -> Self {
        StoryError::from(e).into()
    }
}

impl From<ScoreError> for AppError {
    fn from(e: ScoreError) -> Self {
        CardError::Score(e).into()
    }
}

impl From<CardError> for AppError {
    fn from(e: CardError) -> Self {
        match e.field() {
            Some(field) => AppError::field(field, e.to_string()),
            None => AppError::Invalid(e.to_string()),
        }
    }
}

impl Serialize for AppError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("AppError", 4)?;
        s.serialize_field("kind", self.kind())?;
        s.serialize_field("message", &self.to_string())?;
        match self.field_name() {
            Some(field) => s.serialize_field("field", field)?,
            None => s.skip_field("field")?,
        }
        match self {
            AppError::Fields(all) => s.serialize_field("fields", all)?,
            _ => s.skip_field("fields")?,
        }
        s.end()
    }
}

pub type AppResult<T> = Result<T, AppError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_as_kind_and_message() {
        let json = serde_json::to_value(AppError::Invalid(
            "Hours per week must be between 1 and 80 (got 0).".into(),
        ))
        .unwrap();
        assert_eq!(json["kind"], "invalid");
        assert_eq!(
            json["message"],
            "Hours per week must be between 1 and 80 (got 0)."
        );
        assert!(json.get("field").is_none());
    }

    #[test]
    fn refusals_of_several_inputs_name_each_one() {
        let json = serde_json::to_value(
            AppError::all(vec![
                AppError::field("interviewDate", "pick the date of your interview"),
                AppError::field("prepDays", "choose at least one preparation day"),
            ])
            .unwrap_err(),
        )
        .unwrap();
        assert_eq!(json["kind"], "invalid");
        assert_eq!(json["field"], "interviewDate");
        assert_eq!(
            json["message"],
            "Pick the date of your interview. Choose at least one preparation day."
        );
        let fields: Vec<&str> = json["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["field"].as_str().unwrap())
            .collect();
        assert_eq!(fields, ["interviewDate", "prepDays"]);
        assert!(AppError::all(Vec::new()).is_ok());
        let one = AppError::all(vec![AppError::field("minutes", "enter the minutes")]);
        assert!(matches!(one, Err(AppError::Field { .. })));
    }

    #[test]
    fn a_field_refusal_names_its_input_and_reads_as_a_sentence() {
        let json = serde_json::to_value(AppError::field(
            "minutes",
            "minutes must be between 1 and 600, not -5",
        ))
        .unwrap();
        assert_eq!(json["kind"], "invalid");
        assert_eq!(json["field"], "minutes");
        assert_eq!(
            json["message"],
            "Minutes must be between 1 and 600, not -5."
        );
    }
}
