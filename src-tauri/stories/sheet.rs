//! The interview-day sheet: for each of the 16 principles, the stories
//! chosen for it with a one-line hook and their key numbers, and questions
//! to ask the interviewers. Readable at a glance and printable.

use serde::Serialize;

use super::Principle;

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

/// The most stories a principle lists: the sheet is read at a glance on the
/// morning of the loop, and an interviewer asks for one or two per principle.
pub const STORIES_PER_PRINCIPLE: usize = 3;

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
    /// Stories in the bank for this principle beyond those listed.
    pub more: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Sheet {
    pub rows: Vec<SheetRow>,
    pub questions: Vec<&'static str>,
}

/// What choosing needs to know of a story in the bank.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate<K> {
    pub key: K,
    pub primary: Option<Principle>,
    pub secondary: Vec<Principle>,
    /// Major story-check findings at the last save.
    pub major_findings: u32,
}

/// The stories a principle lists, as (key, primary for it), and how many
/// more the bank has for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice<K> {
    pub principle: Principle,
    pub picked: Vec<(K, bool)>,
    pub more: usize,
}

/// For each principle, up to [`STORIES_PER_PRINCIPLE`] of the `candidates`
/// (given newest first): those with it as primary before those with it as
/// secondary, then the ones with fewer major findings, then the newest.
pub fn choose<K: Clone>(candidates: &[Candidate<K>]) -> Vec<Choice<K>> {
    Principle::all()
        .iter()
        .map(|&p| {
            let mut matching: Vec<(usize, &Candidate<K>)> = candidates
                .iter()
                .enumerate()
                .filter(|(_, c)| c.primary == Some(p) || c.secondary.contains(&p))
                .collect();
            matching.sort_by_key(|(newest, c)| (c.primary != Some(p), c.major_findings, *newest));
            let more = matching.len().saturating_sub(STORIES_PER_PRINCIPLE);
            Choice {
                principle: p,
                picked: matching
                    .into_iter()
                    .take(STORIES_PER_PRINCIPLE)
                    .map(|(_, c)| (c.key.clone(), c.primary == Some(p)))
                    .collect(),
                more,
            }
        })
        .collect()
}

/// The text of a chosen story that the sheet shows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Shown {
    pub id: String,
    pub title: String,
    pub action: String,
    pub result: String,
    pub metrics: String,
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

/// Builds the sheet from the choice and the text of the chosen stories
/// (`shown` finds it by key; a key it does not know is left out).
pub fn sheet<K>(choices: Vec<Choice<K>>, shown: impl Fn(&K) -> Option<Shown>) -> Sheet {
    let rows = choices
        .into_iter()
        .map(|choice| SheetRow {
            principle: choice.principle,
            name: choice.principle.name(),
            stories: choice
                .picked
                .iter()
                .filter_map(|(key, primary)| {
                    let s = shown(key)?;
                    Some(SheetStory {
                        hook: first_sentence(if s.result.trim().is_empty() {
                            &s.action
                        } else {
                            &s.result
                        }),
                        metrics: s.metrics.trim().to_owned(),
                        id: s.id,
                        title: s.title,
                        primary: *primary,
                    })
                })
                .collect(),
            more: choice.more,
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

    fn candidate(key: u32, primary: Principle, secondary: Vec<Principle>) -> Candidate<u32> {
        Candidate {
            key,
            primary: Some(primary),
            secondary,
            major_findings: 0,
        }
    }

    fn shown<'a>(result: &'a str, action: &'a str) -> impl Fn(&u32) -> Option<Shown> + 'a {
        move |k| {
            Some(Shown {
                id: k.to_string(),
                title: format!("Story {k}"),
                action: action.into(),
                result: result.into(),
                metrics: " 30% ".into(),
            })
        }
    }

    fn row(sheet: &Sheet, p: Principle) -> &SheetRow {
        sheet.rows.iter().find(|r| r.principle == p).unwrap()
    }

    #[test]
    fn every_principle_has_a_row_with_primary_stories_first() {
        let choices = choose(&[
            candidate(1, Principle::DiveDeep, vec![Principle::Ownership]),
            candidate(2, Principle::Ownership, vec![]),
        ]);
        let s = sheet(choices, shown("Cut cost 30%. Then more.", ""));
        assert_eq!(s.rows.len(), 16);
        let ownership = row(&s, Principle::Ownership);
        let ids: Vec<(&str, bool)> = ownership
            .stories
            .iter()
            .map(|x| (x.id.as_str(), x.primary))
            .collect();
        assert_eq!(ids, [("2", true), ("1", false)]);
        assert_eq!(ownership.stories[1].hook, "Cut cost 30%.");
        assert_eq!(ownership.stories[1].metrics, "30%");
        assert!(row(&s, Principle::Frugality).stories.is_empty());
    }

    #[test]
    fn a_principle_lists_three_stories_fewest_findings_then_newest_and_counts_the_rest() {
        let mut candidates: Vec<Candidate<u32>> = (0..6)
            .map(|k| candidate(k, Principle::EarnTrust, vec![]))
            .collect();
        candidates[0].major_findings = 2; // the newest, but with problems
        candidates[4].major_findings = 0;
        candidates[1].major_findings = 1;
        let choice = &choose(&candidates)[Principle::all()
            .iter()
            .position(|p| *p == Principle::EarnTrust)
            .unwrap()];
        let keys: Vec<u32> = choice.picked.iter().map(|(k, _)| *k).collect();
        assert_eq!(keys, [2, 3, 4]);
        assert_eq!(choice.more, 3);
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
        let choices = choose(&[candidate(1, Principle::Frugality, vec![])]);
        let s = sheet(
            choices,
            shown(
                "",
                "I rebuilt the pipeline on spot instances. It took a month.",
            ),
        );
        assert_eq!(
            row(&s, Principle::Frugality).stories[0].hook,
            "I rebuilt the pipeline on spot instances."
        );
    }
}
