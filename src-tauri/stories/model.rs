//! What a user writes: a STAR story draft, its level scope and the names of
//! its fields. `StoryDraft::validated` is the single gate every save passes
//! through (window and command line alike); it trims and normalises rather
//! than refusing wherever a fix is obvious, and refuses with the field name
//! otherwise. Empty STAR parts are allowed, since autosave keeps half-written
//! stories; lint reports them instead.

use serde::{Deserialize, Serialize};

use super::error::{Field, StoryError};
use super::principles::{Focus, Principle};

/// Search matches shown at first; "Show more" asks for the next as many.
pub const SEARCH_PAGE: u32 = 50;
/// Stories the list shows at first and adds by "Show more". A list of
/// titles reads faster than matches with snippets, so its page is longer;
/// a bank of the usual size (12 to 30 stories) fits in one.
pub const LIST_PAGE: usize = 100;
/// Longest title accepted, in characters.
pub const TITLE_MAX_CHARS: usize = 200;
/// Longest STAR part accepted, in characters: a 5-minute answer is about
/// 4,500 characters, so this leaves room for drafting and notes.
pub const PART_MAX_CHARS: usize = 10_000;
/// Longest metrics field accepted, in characters.
pub const METRICS_MAX_CHARS: usize = 2_000;
/// Longest single tag, in characters.
pub const TAG_MAX_CHARS: usize = 40;
/// Most tags on one story.
pub const TAGS_MAX: usize = 20;
/// Most principles one story should claim: the reference says a story
/// usually shows 2-3; beyond that it reads as one story reused for
/// everything. Lint and coverage warn above it; saving still works.
pub const MAX_PRINCIPLES_PER_STORY: usize = 3;

/// The level a story is pitched at; sets the timing targets and lint limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Scope {
    #[default]
    L6,
    L7,
}

impl Scope {
    /// The level as the user reads it: "L6" or "L7".
    pub fn label(self) -> &'static str {
        match self {
            Scope::L6 => "L6",
            Scope::L7 => "L7",
        }
    }

    /// The principle emphasis that matches this level.
    pub fn focus(self) -> Focus {
        match self {
            Scope::L6 => Focus::L6,
            Scope::L7 => Focus::L7,
        }
    }
}

/// The four spoken parts of a STAR answer, in speaking order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum StarPart {
    Situation,
    Task,
    Action,
    Result,
}

impl StarPart {
    /// All four, in speaking order.
    pub const ALL: [StarPart; 4] = [
        StarPart::Situation,
        StarPart::Task,
        StarPart::Action,
        StarPart::Result,
    ];

    /// The heading shown in the editor and in lint messages.
    pub fn label(self) -> &'static str {
        match self {
            StarPart::Situation => "Situation",
            StarPart::Task => "Task",
            StarPart::Action => "Action",
            StarPart::Result => "Result",
        }
    }
}

impl From<StarPart> for Field {
    fn from(part: StarPart) -> Self {
        match part {
            StarPart::Situation => Field::Situation,
            StarPart::Task => Field::Task,
            StarPart::Action => Field::Action,
            StarPart::Result => Field::Result,
        }
    }
}

/// The text and tagging of a story, without ids or timestamps (the store
/// adds those).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct StoryDraft {
    pub title: String,
    pub situation: String,
    pub task: String,
    pub action: String,
    pub result: String,
    /// The numbers that prove the result, as notes (not timed as speech).
    pub metrics: String,
    pub primary: Option<Principle>,
    pub secondary: Vec<Principle>,
    pub scope: Scope,
    pub tags: Vec<String>,
}

/// How long a story must rest after its last edit before a new editing
/// session on it counts as a refinement: a pause inside one sitting is
/// not a second pass over the story.
pub const REFINEMENT_GAP_MINUTES: i64 = 30;

/// Whether a new editing session refines the story: the story was complete
/// (all four STAR parts) before the session began, and its last edit is
/// at least [`REFINEMENT_GAP_MINUTES`] old. The autosaves of a first draft
/// never count.
pub fn session_refines(
    before: &StoryDraft,
    last_edit: chrono::DateTime<chrono::Utc>,
    now: chrono::DateTime<chrono::Utc>,
) -> bool {
    before.is_complete() && now - last_edit >= chrono::Duration::minutes(REFINEMENT_GAP_MINUTES)
}

/// The title a new story starts with, before the candidate names it.
pub const UNTITLED: &str = "Untitled story";

impl StoryDraft {
    /// Nothing written yet: the placeholder title (or none), no STAR text,
    /// no metrics and no tags. Principles and scope may be set: a link
    /// picks the principle before anything is typed.
    pub fn is_blank(&self) -> bool {
        let title = self.title.trim();
        (title.is_empty() || title == UNTITLED)
            && StarPart::ALL
                .iter()
                .all(|p| self.part(*p).trim().is_empty())
            && self.metrics.trim().is_empty()
            && self.tags.is_empty()
    }

    /// All four STAR parts have text.
    pub fn is_complete(&self) -> bool {
        StarPart::ALL
            .iter()
            .all(|p| !self.part(*p).trim().is_empty())
    }

    /// The text of one STAR part.
    pub fn part(&self, part: StarPart) -> &str {
        match part {
            StarPart::Situation => &self.situation,
            StarPart::Task => &self.task,
            StarPart::Action => &self.action,
            StarPart::Result => &self.result,
        }
    }

    /// Every principle the story shows, primary first, without repeats.
    pub fn principles(&self) -> Vec<Principle> {
        let mut out: Vec<Principle> = Vec::with_capacity(1 + self.secondary.len());
        for p in self.primary.iter().chain(self.secondary.iter()) {
            if !out.contains(p) {
                out.push(*p);
            }
        }
        out
    }

    /// Checks and normalises the draft for saving: the title is trimmed and
    /// required; lengths are capped; secondary principles lose repeats but
    /// may not repeat the primary; tags are trimmed, lower-cased, inner
    /// whitespace collapsed, empty ones dropped and duplicates removed
    /// (first spelling wins). STAR text is kept as typed.
    pub fn validated(mut self) -> Result<StoryDraft, StoryError> {
        self.title = self.title.trim().to_owned();
        if self.title.is_empty() {
            return Err(StoryError::Required {
                field: Field::Title,
            });
        }
        check_len(Field::Title, &self.title, TITLE_MAX_CHARS)?;
        for part in StarPart::ALL {
            check_len(part.into(), self.part(part), PART_MAX_CHARS)?;
        }
        check_len(Field::Metrics, &self.metrics, METRICS_MAX_CHARS)?;

        if let Some(primary) = self.primary {
            if self.secondary.contains(&primary) {
                return Err(StoryError::PrimaryAlsoSecondary { principle: primary });
            }
        }
        let mut secondary: Vec<Principle> = Vec::with_capacity(self.secondary.len());
        for p in self.secondary {
            if !secondary.contains(&p) {
                secondary.push(p);
            }
        }
        self.secondary = secondary;

        self.tags = normalize_tags(&self.tags)?;
        Ok(self)
    }
}

impl StoryDraft {
    fn part_mut(&mut self, part: StarPart) -> &mut String {
        match part {
            StarPart::Situation => &mut self.situation,
            StarPart::Task => &mut self.task,
            StarPart::Action => &mut self.action,
            StarPart::Result => &mut self.result,
        }
    }

    /// What an autosave stores when some parts are refused: every refused
    /// part keeps its `stored` value and is reported, every other part is
    /// taken, so one over-long field never costs the text typed around it.
    /// The draft returned passes [`validated`](Self::validated) whenever
    /// `stored` does.
    pub fn accept_valid(mut self, stored: &StoryDraft) -> (StoryDraft, Vec<StoryError>) {
        let mut refused = Vec::new();
        let title = self.title.trim().to_owned();
        self.title = if title.is_empty() {
            refused.push(StoryError::Required {
                field: Field::Title,
            });
            stored.title.clone()
        } else if let Err(e) = check_len(Field::Title, &title, TITLE_MAX_CHARS) {
            refused.push(e);
            stored.title.clone()
        } else {
            title
        };
        for part in StarPart::ALL {
            if let Err(e) = check_len(part.into(), self.part(part), PART_MAX_CHARS) {
                refused.push(e);
                *self.part_mut(part) = stored.part(part).to_owned();
            }
        }
        if let Err(e) = check_len(Field::Metrics, &self.metrics, METRICS_MAX_CHARS) {
            refused.push(e);
            self.metrics = stored.metrics.clone();
        }
        if let Some(primary) = self.primary {
            if self.secondary.contains(&primary) {
                refused.push(StoryError::PrimaryAlsoSecondary { principle: primary });
                self.secondary.retain(|p| *p != primary);
            }
        }
        if let Err(e) = normalize_tags(&self.tags) {
            refused.push(e);
            self.tags = stored.tags.clone();
        }
        (self, refused)
    }
}

fn check_len(field: Field, text: &str, max: usize) -> Result<(), StoryError> {
    let len = text.chars().count();
    if len > max {
        return Err(StoryError::TooLong { field, len, max });
    }
    Ok(())
}

/// Tag normalisation, shared by validation and by callers that filter or
/// search by tag.
pub fn normalize_tag(tag: &str) -> String {
    tag.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn normalize_tags(tags: &[String]) -> Result<Vec<String>, StoryError> {
    let mut out: Vec<String> = Vec::with_capacity(tags.len());
    for raw in tags {
        let tag = normalize_tag(raw);
        if tag.is_empty() || out.contains(&tag) {
            continue;
        }
        if tag.chars().count() > TAG_MAX_CHARS {
            return Err(StoryError::TagTooLong {
                tag,
                max: TAG_MAX_CHARS,
            });
        }
        out.push(tag);
    }
    if out.len() > TAGS_MAX {
        return Err(StoryError::TooManyTags {
            count: out.len(),
            max: TAGS_MAX,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> StoryDraft {
        StoryDraft {
            title: "Cut checkout latency".into(),
            ..StoryDraft::default()
        }
    }

    #[test]
    fn a_refused_part_keeps_its_stored_text_and_the_other_parts_are_taken() {
        let stored = StoryDraft {
            situation: "We were on call for checkout.".into(),
            ..draft()
        };
        let typed = StoryDraft {
            title: "   ".into(),
            situation: "x".repeat(PART_MAX_CHARS + 1),
            task: "Halve p99 latency before the sale.".into(),
            tags: vec!["y".repeat(TAG_MAX_CHARS + 1)],
            ..draft()
        };
        let (kept, refused) = typed.accept_valid(&stored);
        let fields: Vec<_> = refused.iter().filter_map(StoryError::field).collect();
        assert_eq!(fields, [Field::Title, Field::Situation, Field::Tags]);
        assert_eq!(kept.title, stored.title);
        assert_eq!(kept.situation, stored.situation);
        assert_eq!(kept.task, "Halve p99 latency before the sale.");
        assert!(kept.tags.is_empty());
        assert!(kept.validated().is_ok());
    }

    #[test]
    fn blank_title_is_refused_naming_the_title_field() {
        let err = StoryDraft {
            title: "   ".into(),
            ..draft()
        }
        .validated()
        .unwrap_err();
        assert_eq!(err.field(), Some(Field::Title));
        assert_eq!(err.to_string(), "title is required");
    }

    #[test]
    fn title_is_trimmed() {
        let ok = StoryDraft {
            title: "  Outage  ".into(),
            ..draft()
        }
        .validated()
        .unwrap();
        assert_eq!(ok.title, "Outage");
    }

    #[test]
    fn empty_star_parts_are_accepted_so_autosave_keeps_drafts() {
        assert!(draft().validated().is_ok());
    }

    #[test]
    fn overlong_title_is_refused_with_its_length() {
        let err = StoryDraft {
            title: "x".repeat(TITLE_MAX_CHARS + 1),
            ..draft()
        }
        .validated()
        .unwrap_err();
        assert_eq!(
            err,
            StoryError::TooLong {
                field: Field::Title,
                len: TITLE_MAX_CHARS + 1,
                max: TITLE_MAX_CHARS
            }
        );
    }

    #[test]
    fn overlong_star_part_names_that_part() {
        let err = StoryDraft {
            action: "é".repeat(PART_MAX_CHARS + 1),
            ..draft()
        }
        .validated()
        .unwrap_err();
        assert_eq!(err.field(), Some(Field::Action));
    }

    #[test]
    fn length_limit_counts_characters_not_bytes() {
        let ok = StoryDraft {
            title: "é".repeat(TITLE_MAX_CHARS),
            ..draft()
        }
        .validated();
        assert!(ok.is_ok());
    }

    #[test]
    fn overlong_metrics_are_refused() {
        let err = StoryDraft {
            metrics: "9".repeat(METRICS_MAX_CHARS + 1),
            ..draft()
        }
        .validated()
        .unwrap_err();
        assert_eq!(err.field(), Some(Field::Metrics));
    }

    #[test]
    fn primary_repeated_in_secondary_is_refused_on_the_secondary_field() {
        let err = StoryDraft {
            primary: Some(Principle::Ownership),
            secondary: vec![Principle::DiveDeep, Principle::Ownership],
            ..draft()
        }
        .validated()
        .unwrap_err();
        assert_eq!(
            err,
            StoryError::PrimaryAlsoSecondary {
                principle: Principle::Ownership
            }
        );
        assert_eq!(err.field(), Some(Field::Secondary));
    }

    #[test]
    fn repeated_secondary_principles_are_collapsed_in_order() {
        let ok = StoryDraft {
            secondary: vec![
                Principle::DiveDeep,
                Principle::EarnTrust,
                Principle::DiveDeep,
            ],
            ..draft()
        }
        .validated()
        .unwrap();
        assert_eq!(
            ok.secondary,
            vec![Principle::DiveDeep, Principle::EarnTrust]
        );
    }

    #[test]
    fn tags_are_trimmed_lowercased_and_deduplicated() {
        let ok = StoryDraft {
            tags: vec![
                " Conflict ".into(),
                "conflict".into(),
                "".into(),
                "  ".into(),
                "Cross  Team".into(),
                "hiring".into(),
            ],
            ..draft()
        }
        .validated()
        .unwrap();
        assert_eq!(ok.tags, vec!["conflict", "cross team", "hiring"]);
    }

    #[test]
    fn too_many_tags_are_refused_on_the_tags_field() {
        let err = StoryDraft {
            tags: (0..=TAGS_MAX).map(|i| format!("t{i}")).collect(),
            ..draft()
        }
        .validated()
        .unwrap_err();
        assert_eq!(err.field(), Some(Field::Tags));
    }

    #[test]
    fn overlong_tag_is_refused() {
        let err = StoryDraft {
            tags: vec!["x".repeat(TAG_MAX_CHARS + 1)],
            ..draft()
        }
        .validated()
        .unwrap_err();
        assert!(matches!(err, StoryError::TagTooLong { .. }));
    }

    #[test]
    fn principles_lists_primary_first_without_repeats() {
        let d = StoryDraft {
            primary: Some(Principle::ThinkBig),
            secondary: vec![Principle::DiveDeep, Principle::ThinkBig],
            ..draft()
        };
        assert_eq!(
            d.principles(),
            vec![Principle::ThinkBig, Principle::DiveDeep]
        );
    }

    #[test]
    fn scope_serialises_as_level_names() {
        assert_eq!(serde_json::to_string(&Scope::L6).unwrap(), "\"L6\"");
        assert_eq!(serde_json::from_str::<Scope>("\"L7\"").unwrap(), Scope::L7);
    }

    #[test]
    fn draft_round_trips_through_json_with_kebab_principles() {
        let d = StoryDraft {
            primary: Some(Principle::CustomerObsession),
            secondary: vec![Principle::HaveBackbone],
            scope: Scope::L7,
            tags: vec!["failure".into()],
            ..draft()
        };
        let json = serde_json::to_value(&d).unwrap();
        assert_eq!(json["primary"], "customer-obsession");
        assert_eq!(json["scope"], "L7");
        let back: StoryDraft = serde_json::from_value(json).unwrap();
        assert_eq!(back, d);
    }

    #[test]
    fn missing_fields_in_json_take_defaults() {
        let d: StoryDraft = serde_json::from_str(r#"{"title":"t"}"#).unwrap();
        assert_eq!(d.scope, Scope::L6);
        assert!(d.secondary.is_empty());
    }
}
