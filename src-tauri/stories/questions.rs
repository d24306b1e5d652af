//! The behavioral question bank used in rehearsal: at least three questions
//! per Leadership Principle, each aimed at the L6 or the L7 scope. The bank
//! is our own text in `questions.toml`, compiled in and checked by the tests
//! below, so a bad edit fails the build's tests rather than a user's session.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::model::Scope;
use super::principles::Principle;

const SOURCE: &str = include_str!("questions.toml");

/// One question of the bank.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Question {
    /// Stable id; rehearsal history refers to it.
    pub id: String,
    pub principle: Principle,
    pub level: Scope,
    pub text: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Bank {
    question: Vec<Question>,
}

/// Every question, in file order (principle by principle).
pub fn bank() -> &'static [Question] {
    static BANK: OnceLock<Vec<Question>> = OnceLock::new();
    BANK.get_or_init(|| {
        let bank: Bank = toml::from_str(SOURCE).expect("questions.toml is checked by its tests");
        bank.question
    })
}

/// The question with this id, if the bank has it.
pub fn find(id: &str) -> Option<&'static Question> {
    bank().iter().find(|q| q.id == id)
}

/// The questions for one principle, those at `level` first.
pub fn for_principle(principle: Principle, level: Scope) -> Vec<&'static Question> {
    let mut out: Vec<&Question> = bank().iter().filter(|q| q.principle == principle).collect();
    out.sort_by_key(|q| q.level != level);
    out
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn bank_parses_with_unique_ids_and_plain_text() {
        let bank = bank();
        let ids: HashSet<&str> = bank.iter().map(|q| q.id.as_str()).collect();
        assert_eq!(ids.len(), bank.len(), "duplicate question ids");
        for q in bank {
            assert!(!q.text.trim().is_empty(), "{} is empty", q.id);
            assert!(
                q.text.len() < 200,
                "{} is too long to read at a glance",
                q.id
            );
            assert!(
                q.text.ends_with(['.', '?']),
                "{} does not end a sentence",
                q.id
            );
        }
    }

    #[test]
    fn every_principle_has_three_questions_at_both_levels() {
        for &p in Principle::all() {
            let qs: Vec<_> = bank().iter().filter(|q| q.principle == p).collect();
            assert!(qs.len() >= 3, "{p:?} has {} questions", qs.len());
            assert!(
                qs.iter().any(|q| q.level == Scope::L6),
                "{p:?} lacks an L6 question"
            );
            assert!(
                qs.iter().any(|q| q.level == Scope::L7),
                "{p:?} lacks an L7 question"
            );
        }
    }

    #[test]
    fn questions_at_the_asked_level_come_first() {
        let l7 = for_principle(Principle::Ownership, Scope::L7);
        assert_eq!(l7[0].level, Scope::L7);
        let l6 = for_principle(Principle::Ownership, Scope::L6);
        assert_eq!(l6[0].level, Scope::L6);
        assert_eq!(l6.len(), l7.len());
    }

    #[test]
    fn find_returns_the_question_or_none() {
        assert_eq!(find("dd-2").unwrap().principle, Principle::DiveDeep);
        assert!(find("nope").is_none());
    }
}
