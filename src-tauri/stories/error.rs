//! The one error type of the stories domain. Each variant that concerns a
//! form field names it, so the editor can put the message beside the right
//! input and the command layer can map it to its own error without parsing.

use std::fmt;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::principles::{Principle, UnknownPrinciple};

/// Why a story, a principle id or a practice rating was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum StoryError {
    #[error("{field} is required")]
    Required { field: Field },

    #[error("{field} is too long: {len} characters, at most {max}")]
    TooLong {
        field: Field,
        len: usize,
        max: usize,
    },

    #[error("{principle} is the primary principle; it cannot also be secondary")]
    PrimaryAlsoSecondary { principle: Principle },

    #[error("too many tags: {count}, at most {max}")]
    TooManyTags { count: usize, max: usize },

    #[error("tag \"{tag}\" is too long: at most {max} characters")]
    TagTooLong { tag: String, max: usize },

    #[error(transparent)]
    UnknownPrinciple(#[from] UnknownPrinciple),

    #[error("a rehearsal is rated again, hard, good or easy, not \"{0}\"")]
    UnknownRating(String),
}

impl StoryError {
    /// The form field the error is about, when there is one.
    pub fn field(&self) -> Option<Field> {
        match self {
            StoryError::Required { field } | StoryError::TooLong { field, .. } => Some(*field),
            StoryError::PrimaryAlsoSecondary { .. } => Some(Field::Secondary),
            StoryError::TooManyTags { .. } | StoryError::TagTooLong { .. } => Some(Field::Tags),
            StoryError::UnknownPrinciple(_) | StoryError::UnknownRating(_) => None,
        }
    }
}

/// A field of the story form; validation errors name one of these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Field {
    Title,
    Situation,
    Task,
    Action,
    Result,
    Metrics,
    Primary,
    Secondary,
    Scope,
    Tags,
}

impl Field {
    /// The kebab-case id, as serde writes it.
    pub fn id(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Situation => "situation",
            Field::Task => "task",
            Field::Action => "action",
            Field::Result => "result",
            Field::Metrics => "metrics",
            Field::Primary => "primary",
            Field::Secondary => "secondary",
            Field::Scope => "scope",
            Field::Tags => "tags",
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}
