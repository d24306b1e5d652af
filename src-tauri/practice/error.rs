//! The one error type of the practice domain. Every variant names the form
//! field it concerns, so the Log view can put the message beside the right
//! input and the command layer maps it to its own error without parsing text.

use std::fmt;

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// A field of a practice-log entry, as the entry form and the CLI name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Field {
    Name,
    Minutes,
    CompletenessPct,
    Score,
}

impl Field {
    /// The wire name (`completeness-pct`), also used in messages.
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Minutes => "minutes",
            Field::CompletenessPct => "completeness-pct",
            Field::Score => "score",
        }
    }
}

/// The field as a sentence names it ("completeness (%) must be ...").
impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Field::CompletenessPct => "completeness (%)",
            other => other.as_str(),
        })
    }
}

/// Why a log entry (or a value typed for one) was refused.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum PracticeError {
    #[error("{field} is required")]
    Required { field: Field },

    #[error("{field} is too long: {len} characters, at most {max}")]
    TooLong {
        field: Field,
        len: usize,
        max: usize,
    },

    /// `value` is kept as `f64` so one variant serves minutes, percentages
    /// and fractional mock scores alike.
    #[error("{field} must be between {min} and {max}, not {value}")]
    OutOfRange {
        field: Field,
        value: f64,
        min: f64,
        max: f64,
    },

    /// A whole number was expected (minutes, a percentage) and the form
    /// sent a fraction or a negative number.
    #[error("{field} must be a whole number from {min} to {max}, not {value}")]
    NotWhole {
        field: Field,
        value: f64,
        min: u32,
        max: u32,
    },

    /// A name typed on the command line or in a filter that is not one of
    /// ours (`--pattern sorting`).
    #[error("unknown {what} \"{value}\"")]
    Unknown { what: &'static str, value: String },
}

impl PracticeError {
    /// The form field the error is about, when there is one.
    pub fn field(&self) -> Option<Field> {
        match self {
            PracticeError::Required { field }
            | PracticeError::TooLong { field, .. }
            | PracticeError::OutOfRange { field, .. }
            | PracticeError::NotWhole { field, .. } => Some(*field),
            PracticeError::Unknown { .. } => None,
        }
    }
}
