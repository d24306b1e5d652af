//! The story bank as one Markdown document, grouped by Leadership Principle
//! in the official order. A story is written out in full under its primary
//! principle and referred to by title under its secondary ones, so the file
//! reads like the bank without repeating every story several times.

use std::fmt::Write;

use super::{Principle, StoryDraft};

/// One line of user text, safe as a Markdown heading or list item.
fn line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn story_block(out: &mut String, draft: &StoryDraft) {
    let _ = writeln!(out, "### {}\n", line(&draft.title));
    let mut facts = vec![format!("Scope: {}", draft.scope.label())];
    if !draft.secondary.is_empty() {
        let names: Vec<&str> = draft.secondary.iter().map(|p| p.name()).collect();
        facts.push(format!("Also shows: {}", names.join(", ")));
    }
    if !draft.tags.is_empty() {
        facts.push(format!("Tags: {}", draft.tags.join(", ")));
    }
    let _ = writeln!(out, "*{}*\n", facts.join(" · "));
    for (label, text) in [
        ("Situation", &draft.situation),
        ("Task", &draft.task),
        ("Action", &draft.action),
        ("Result", &draft.result),
        ("Metrics", &draft.metrics),
    ] {
        let body = text.trim();
        let _ = writeln!(
            out,
            "**{label}.** {}\n",
            if body.is_empty() {
                "_(not written yet)_"
            } else {
                body
            }
        );
    }
}

/// The Markdown document for `stories` (live stories, in bank order).
/// `generated` is the date line under the title.
pub fn markdown(stories: &[StoryDraft], generated: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# STAR story bank\n");
    let _ = writeln!(
        out,
        "Exported from Loopready on {generated}: {} {}, grouped by Leadership Principle.\n",
        stories.len(),
        if stories.len() == 1 {
            "story"
        } else {
            "stories"
        }
    );
    for &p in Principle::all() {
        let primary: Vec<&StoryDraft> = stories.iter().filter(|s| s.primary == Some(p)).collect();
        let secondary: Vec<&StoryDraft> = stories
            .iter()
            .filter(|s| s.secondary.contains(&p))
            .collect();
        let _ = writeln!(out, "## {}\n", p.name());
        if primary.is_empty() && secondary.is_empty() {
            let _ = writeln!(out, "_No story yet._\n");
            continue;
        }
        for s in &primary {
            story_block(&mut out, s);
        }
        if !secondary.is_empty() {
            let titles: Vec<String> = secondary.iter().map(|s| line(&s.title)).collect();
            let _ = writeln!(out, "Also told with: {}.\n", titles.join("; "));
        }
    }
    let loose: Vec<&StoryDraft> = stories.iter().filter(|s| s.primary.is_none()).collect();
    if !loose.is_empty() {
        let _ = writeln!(out, "## Not tagged with a principle yet\n");
        for s in loose {
            story_block(&mut out, s);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stories::Scope;

    fn story(title: &str, primary: Option<Principle>, secondary: Vec<Principle>) -> StoryDraft {
        StoryDraft {
            title: title.into(),
            situation: "Checkout was slow.".into(),
            action: "I rewrote the cache.".into(),
            result: "p99 fell 40%.".into(),
            primary,
            secondary,
            scope: Scope::L7,
            tags: vec!["latency".into()],
            ..StoryDraft::default()
        }
    }

    #[test]
    fn groups_stories_under_their_principles_in_official_order() {
        let md = markdown(
            &[
                story(
                    "Cache rewrite",
                    Some(Principle::DiveDeep),
                    vec![Principle::Ownership],
                ),
                story(
                    "Hiring loop",
                    Some(Principle::HireAndDevelopTheBest),
                    vec![],
                ),
                story("Loose one", None, vec![]),
            ],
            "2026-11-25",
        );
        let pos = |needle: &str| {
            md.find(needle)
                .unwrap_or_else(|| panic!("{needle} missing"))
        };
        assert!(pos("## Ownership") < pos("## Hire and Develop the Best"));
        assert!(pos("## Hire and Develop the Best") < pos("### Hiring loop"));
        assert!(pos("## Dive Deep") < pos("### Cache rewrite"));
        assert!(pos("### Cache rewrite") < pos("## Have Backbone; Disagree and Commit"));
        // Under Ownership the story is referred to, not repeated.
        let ownership = &md[pos("## Ownership")..pos("## Invent and Simplify")];
        assert!(ownership.contains("Also told with: Cache rewrite."));
        assert!(!ownership.contains("###"));
        assert!(md.contains("## Not tagged with a principle yet\n\n### Loose one"));
        assert_eq!(md.matches("### Cache rewrite").count(), 1);
    }

    #[test]
    fn writes_every_part_and_marks_empty_ones() {
        let md = markdown(
            &[story("A", Some(Principle::Frugality), vec![])],
            "2026-11-25",
        );
        assert!(md.contains("**Situation.** Checkout was slow."));
        assert!(md.contains("**Task.** _(not written yet)_"));
        assert!(md.contains("**Result.** p99 fell 40%."));
        assert!(md.contains("*Scope: L7 · Tags: latency*"));
        assert!(md.contains("1 story, grouped"));
        assert!(md.contains("## Think Big\n\n_No story yet._"));
    }

    #[test]
    fn a_title_with_line_breaks_stays_one_heading() {
        let md = markdown(
            &[story("Two\nlines", Some(Principle::Frugality), vec![])],
            "d",
        );
        assert!(md.contains("### Two lines\n"));
    }
}
