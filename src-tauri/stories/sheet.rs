//! The interview-day sheet: for each of the 16 principles, the stories
//! chosen for it with a one-line hook and their key numbers, and questions
//! to ask the interviewers. Readable at a glance and printable.

use serde::Serialize;

use super::{Principle, StoryDraft};

/// Questions worth asking at the end of a round, in our own words.
const QUESTIONS: &[&str] = &[
    "What would make someone in this role clearly successful after a year?",
    "Which decision of the last six months would you make differently now, and why?",
    "How does the team decide between shipping sooner and raising the bar on quality?",
    "Where do the hardest technical problems of the next two years sit?",
    "How are disagreements between teams settled once the data runs out?",
    "What does this group's planning cycle look like, and who writes the documents?",
    "Which Leadership Principle does the team find hardest to live by?",
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SheetStory {
    pub id: String,
    pub title: String,
    /// The first sentence of the Result (or of the Action when there is no Result yet).
    pub hook: String,
    pub metrics: String,
    pub primary: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SheetRow {
    pub principle: Principle,
    pub name: &'static str,
    pub stories: Vec<SheetStory>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Sheet {
    pub rows: Vec<SheetRow>,
    pub questions: Vec<&'static str>,
}

/// Up to the first full stop, question or exclamation mark that ends a
/// sentence (followed by a space or the end), so "0.2%" is not cut.
fn first_sentence(text: &str) -> String {
    let text = text.trim();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        if c == '\n' || (matches!(c, '.' | '!' | '?') && next.is_none_or(char::is_whitespace)) {
            return text[..i + c.len_utf8()].trim().to_owned();
        }
    }
    text.to_owned()
}

/// Builds the sheet from `(id, draft)` pairs; primary stories come first
/// under each principle.
pub fn sheet(stories: &[(String, StoryDraft)]) -> Sheet {
    let rows = Principle::all()
        .iter()
        .map(|&p| {
            let mut picked: Vec<SheetStory> = stories
                .iter()
                .filter(|(_, d)| d.primary == Some(p) || d.secondary.contains(&p))
                .map(|(id, d)| SheetStory {
                    id: id.clone(),
                    title: d.title.clone(),
                    hook: first_sentence(if d.result.trim().is_empty() {
                        &d.action
                    } else {
                        &d.result
                    }),
                    metrics: d.metrics.trim().to_owned(),
                    primary: d.primary == Some(p),
                })
                .collect();
            picked.sort_by_key(|s| !s.primary);
            SheetRow {
                principle: p,
                name: p.name(),
                stories: picked,
            }
        })
        .collect();
    Sheet {
        rows,
        questions: QUESTIONS.to_vec(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(primary: Principle, secondary: Vec<Principle>, result: &str) -> StoryDraft {
        StoryDraft {
            title: "T".into(),
            result: result.into(),
            primary: Some(primary),
            secondary,
            ..Default::default()
        }
    }

    #[test]
    fn every_principle_has_a_row_with_primary_stories_first() {
        let s = sheet(&[
            (
                "a".into(),
                draft(
                    Principle::DiveDeep,
                    vec![Principle::Ownership],
                    "Cut cost 30%. Then more.",
                ),
            ),
            ("b".into(), draft(Principle::Ownership, vec![], "Shipped.")),
        ]);
        assert_eq!(s.rows.len(), 16);
        let ownership = s
            .rows
            .iter()
            .find(|r| r.principle == Principle::Ownership)
            .unwrap();
        assert_eq!(
            ownership
                .stories
                .iter()
                .map(|x| x.id.as_str())
                .collect::<Vec<_>>(),
            ["b", "a"]
        );
        assert_eq!(ownership.stories[1].hook, "Cut cost 30%.");
    }

    #[test]
    fn decimals_do_not_end_the_hook() {
        assert_eq!(
            first_sentence("Errors fell to 0.2% in a week. Then more."),
            "Errors fell to 0.2% in a week."
        );
    }

    #[test]
    fn the_hook_falls_back_to_the_action() {
        let mut d = draft(Principle::Frugality, vec![], "");
        d.action = "I rebuilt the pipeline on spot instances. It took a month.".into();
        let s = sheet(&[("a".into(), d)]);
        let row = s
            .rows
            .iter()
            .find(|r| r.principle == Principle::Frugality)
            .unwrap();
        assert_eq!(
            row.stories[0].hook,
            "I rebuilt the pipeline on spot instances."
        );
    }
}
