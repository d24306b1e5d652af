//! The problem bank: the coding problems and the system-design problems the
//! plan's items name, with what the practice log says of each. Pure domain
//! code: the bank is data (`bank.toml`), the history is read from log entries
//! the caller passes in.

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::plan::profile::TargetLevel;
use crate::practice::log::{Activity, Difficulty, Entry, Pattern, DESIGN_COMPLETE_PCT};
use crate::timer::scoring::DesignFocus;

/// The bank's ten coding categories, as the source counts them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Topic {
    ArraysStrings,
    TwoPointers,
    SlidingWindow,
    HashTables,
    TreesGraphs,
    DynamicProgramming,
    StackQueue,
    BinarySearch,
    Design,
    Math,
}

impl Topic {
    pub const ALL: [Topic; 10] = [
        Topic::ArraysStrings,
        Topic::TwoPointers,
        Topic::SlidingWindow,
        Topic::HashTables,
        Topic::TreesGraphs,
        Topic::DynamicProgramming,
        Topic::StackQueue,
        Topic::BinarySearch,
        Topic::Design,
        Topic::Math,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Topic::ArraysStrings => "Arrays & strings",
            Topic::TwoPointers => "Two pointers",
            Topic::SlidingWindow => "Sliding window",
            Topic::HashTables => "Hash tables",
            Topic::TreesGraphs => "Trees & graphs",
            Topic::DynamicProgramming => "Dynamic programming",
            Topic::StackQueue => "Stack & queue",
            Topic::BinarySearch => "Binary search",
            Topic::Design => "Design",
            Topic::Math => "Mathematical",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CodingProblem {
    /// The problem's number on LeetCode, its id here too.
    pub number: u32,
    pub name: String,
    pub difficulty: Difficulty,
    pub categories: Vec<Topic>,
    /// The technique the log files an attempt under.
    pub pattern: Pattern,
    pub prompt: String,
    pub hint: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DesignProblem {
    pub id: String,
    /// L6 problems are services (60-minute round), L7 ones platforms (90).
    pub level: TargetLevel,
    /// What it mainly tests, which weighs the design rubric.
    pub focus: DesignFocus,
    pub name: String,
    pub scale: String,
    pub prompt: String,
    /// What a strong answer covers at L6, and what L7 adds.
    pub l6: Vec<String>,
    pub l7: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BankFile {
    coding: Vec<CodingProblem>,
    design: Vec<DesignProblem>,
}

#[derive(Debug)]
pub struct Bank {
    pub coding: Vec<CodingProblem>,
    pub design: Vec<DesignProblem>,
    /// Folded names (and design ids) to positions, for matching log lines.
    coding_by_name: HashMap<String, usize>,
    design_by_name: HashMap<String, usize>,
}

/// The built-in bank, parsed once. The tests check it parses, so a broken
/// file never ships.
pub fn bank() -> &'static Bank {
    static BANK: OnceLock<Bank> = OnceLock::new();
    BANK.get_or_init(|| {
        let file: BankFile =
            toml::from_str(include_str!("bank.toml")).expect("the built-in problem bank parses");
        let coding_by_name = file
            .coding
            .iter()
            .enumerate()
            .map(|(i, p)| (folded(&p.name), i))
            .collect();
        let design_by_name = file
            .design
            .iter()
            .enumerate()
            .flat_map(|(i, p)| [(folded(&p.name), i), (folded(&p.id), i)])
            .collect();
        Bank {
            coding: file.coding,
            design: file.design,
            coding_by_name,
            design_by_name,
        }
    })
}

/// Lower-case letters and digits only, for matching names typed by hand.
fn folded(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

impl Bank {
    pub fn coding(&self, number: u32) -> Option<&CodingProblem> {
        self.coding.iter().find(|p| p.number == number)
    }

    pub fn design(&self, id: &str) -> Option<&DesignProblem> {
        self.design.iter().find(|p| p.id == id)
    }

    /// The problem a log line names: its exact name (case, spaces and
    /// punctuation aside), or its number written first ("1. Two Sum",
    /// "#42", "LC 146").
    pub fn match_coding(&self, name: &str) -> Option<&CodingProblem> {
        if let Some(&i) = self.coding_by_name.get(&folded(name)) {
            return Some(&self.coding[i]);
        }
        let rest = name.trim().trim_start_matches(['#', ' ']);
        let rest = rest
            .strip_prefix("LC")
            .or_else(|| rest.strip_prefix("lc"))
            .unwrap_or(rest)
            .trim_start();
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let after = rest[digits.len()..].chars().next();
        if digits.is_empty() || after.is_some_and(|c| c.is_alphanumeric()) {
            return None;
        }
        digits.parse().ok().and_then(|n| self.coding(n))
    }

    /// The design problem a log line names, by its name or id.
    pub fn match_design(&self, name: &str) -> Option<&DesignProblem> {
        self.design_by_name
            .get(&folded(name))
            .map(|&i| &self.design[i])
    }

    /// The bank problem a log line is an attempt at, as the log stores it
    /// (`coding:1`, `design:url-shortener`), or `None`.
    pub fn problem_key(&self, activity: &Activity) -> Option<String> {
        match activity {
            Activity::Coding { name, .. } => self
                .match_coding(name)
                .map(|p| format!("coding:{}", p.number)),
            Activity::Design { name, .. } => {
                self.match_design(name).map(|p| format!("design:{}", p.id))
            }
            _ => None,
        }
    }

    /// The design problems for a level: the services for L6, the
    /// platforms for L7.
    pub fn designs_for(&self, level: TargetLevel) -> impl Iterator<Item = &DesignProblem> {
        self.design.iter().filter(move |p| p.level == level)
    }
}

/// Minutes a problem of this difficulty should take at the bar: the seed's
/// 30-40 minutes for a medium at L6; easy and hard are Loopready's defaults.
pub fn target_minutes(difficulty: Difficulty) -> u32 {
    match difficulty {
        Difficulty::Easy => 20,
        Difficulty::Medium => 40,
        Difficulty::Hard => 60,
    }
}

/// A problem solved well is due again after this many days; one solved
/// slowly or not optimally sooner; no problem is named twice inside its gap.
pub const REDO_DAYS_WELL: i64 = 28;
pub const REDO_DAYS_WEAK: i64 = 7;

/// One logged attempt at a bank problem.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Attempt {
    pub date: NaiveDate,
    pub minutes: u32,
    /// Coding: optimal complexity. Design: the checklist's completeness
    /// reached [`DESIGN_COMPLETE_PCT`].
    pub optimal: bool,
    /// Within the target time and optimal (coding), or complete with
    /// trade-offs discussed (design).
    pub well: bool,
}

/// Every logged attempt at a bank problem, oldest first.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct History {
    pub coding: BTreeMap<u32, Vec<Attempt>>,
    pub design: BTreeMap<String, Vec<Attempt>>,
}

impl History {
    /// Reads the log. Lines that name no bank problem are not history of
    /// one (they still count as practice everywhere else).
    pub fn from_entries<'a>(bank: &Bank, entries: impl IntoIterator<Item = &'a Entry>) -> Self {
        let mut history = History::default();
        for entry in entries {
            match &entry.activity {
                Activity::Coding {
                    name,
                    minutes,
                    optimal,
                    ..
                } => {
                    if let Some(p) = bank.match_coding(name) {
                        history.coding.entry(p.number).or_default().push(Attempt {
                            date: entry.date,
                            minutes: *minutes,
                            optimal: *optimal,
                            well: *optimal && *minutes <= target_minutes(p.difficulty),
                        });
                    }
                }
                Activity::Design {
                    name,
                    minutes,
                    completeness_pct,
                    tradeoffs,
                } => {
                    if let Some(p) = bank.match_design(name) {
                        let complete = *completeness_pct >= DESIGN_COMPLETE_PCT;
                        history
                            .design
                            .entry(p.id.clone())
                            .or_default()
                            .push(Attempt {
                                date: entry.date,
                                minutes: *minutes,
                                optimal: complete,
                                well: complete && *tradeoffs,
                            });
                    }
                }
                _ => {}
            }
        }
        for attempts in history
            .coding
            .values_mut()
            .chain(history.design.values_mut())
        {
            attempts.sort_by_key(|a| a.date);
        }
        history
    }

    /// Only the attempts before `day`: what the coach knew when the day began.
    pub fn before(&self, day: NaiveDate) -> History {
        History {
            coding: attempts_before(&self.coding, day),
            design: attempts_before(&self.design, day),
        }
    }
}

fn attempts_before<K: Clone + Ord>(
    by_problem: &BTreeMap<K, Vec<Attempt>>,
    day: NaiveDate,
) -> BTreeMap<K, Vec<Attempt>> {
    by_problem
        .iter()
        .filter_map(|(k, v)| {
            let kept: Vec<Attempt> = v.iter().filter(|a| a.date < day).cloned().collect();
            (!kept.is_empty()).then(|| (k.clone(), kept))
        })
        .collect()
}

/// When an attempted problem may be named again: its last attempt plus the
/// gap its result earns.
pub fn due_again(attempts: &[Attempt]) -> Option<NaiveDate> {
    let last = attempts.last()?;
    let gap = if last.well {
        REDO_DAYS_WELL
    } else {
        REDO_DAYS_WEAK
    };
    Some(last.date + chrono::Duration::days(gap))
}

/// A coding problem with the candidate's record of it, for the Problems
/// view and `loopready problems --json`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CodingRow {
    #[serde(flatten)]
    pub problem: CodingProblem,
    pub category_labels: Vec<&'static str>,
    pub target_minutes: u32,
    pub attempts: Vec<Attempt>,
    /// Solved well at least once.
    pub solved_well: bool,
    pub due_again: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DesignRow {
    #[serde(flatten)]
    pub problem: DesignProblem,
    /// The timer round of its level's design round (`TargetLevel::design_round`).
    pub round: &'static str,
    pub attempts: Vec<Attempt>,
    pub solved_well: bool,
    pub due_again: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BankView {
    pub coding: Vec<CodingRow>,
    pub design: Vec<DesignRow>,
    pub topics: Vec<(Topic, &'static str)>,
}

/// The bank with the candidate's history of each problem.
pub fn view(bank: &Bank, history: &History) -> BankView {
    let none = Vec::new();
    BankView {
        coding: bank
            .coding
            .iter()
            .map(|p| {
                let attempts = history.coding.get(&p.number).unwrap_or(&none).clone();
                CodingRow {
                    category_labels: p.categories.iter().map(|c| c.label()).collect(),
                    target_minutes: target_minutes(p.difficulty),
                    solved_well: attempts.iter().any(|a| a.well),
                    due_again: due_again(&attempts),
                    attempts,
                    problem: p.clone(),
                }
            })
            .collect(),
        design: bank
            .design
            .iter()
            .map(|p| {
                let attempts = history.design.get(&p.id).unwrap_or(&none).clone();
                DesignRow {
                    round: p.level.design_round(),
                    solved_well: attempts.iter().any(|a| a.well),
                    due_again: due_again(&attempts),
                    attempts,
                    problem: p.clone(),
                }
            })
            .collect(),
        topics: Topic::ALL.iter().map(|t| (*t, t.label())).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    #[test]
    fn bank_holds_the_seed_counts() {
        let b = bank();
        assert_eq!(b.coding.len(), 92);
        let numbers: HashSet<u32> = b.coding.iter().map(|p| p.number).collect();
        assert_eq!(numbers.len(), 92);
        assert_eq!(b.designs_for(TargetLevel::L6).count(), 10);
        assert_eq!(b.designs_for(TargetLevel::L7).count(), 12);
        for p in &b.design {
            assert_eq!(p.focus.level(), p.level, "{}'s focus is of its level", p.id);
        }
        let ids: HashSet<&str> = b.design.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids.len(), 22);
        assert!(b
            .coding
            .iter()
            .all(|p| !p.categories.is_empty() && !p.prompt.is_empty() && !p.hint.is_empty()));
        let two_sum = b.coding(1).unwrap();
        assert_eq!(two_sum.name, "Two Sum");
        assert_eq!(
            two_sum.categories,
            [Topic::ArraysStrings, Topic::HashTables]
        );
        assert_eq!(b.coding(209).unwrap().difficulty, Difficulty::Medium);
        assert!(b
            .design_by_name("Rate limiter service")
            .is_some_and(|p| p.scale.contains("10 ms")));
    }

    impl Bank {
        fn design_by_name(&self, name: &str) -> Option<&DesignProblem> {
            self.design.iter().find(|p| p.name == name)
        }
    }

    #[test]
    fn log_names_match_by_name_or_number() {
        let b = bank();
        assert_eq!(b.match_coding("two sum").map(|p| p.number), Some(1));
        assert_eq!(b.match_coding("  Two-Sum ").map(|p| p.number), Some(1));
        assert_eq!(
            b.match_coding("146. LRU Cache").map(|p| p.number),
            Some(146)
        );
        assert_eq!(b.match_coding("#42").map(|p| p.number), Some(42));
        assert_eq!(b.match_coding("LC 200").map(|p| p.number), Some(200));
        assert_eq!(b.match_coding("3Sum").map(|p| p.number), Some(15));
        assert_eq!(b.match_coding("my own puzzle").map(|p| p.number), None);
        assert_eq!(b.match_coding("9999").map(|p| p.number), None);
        assert_eq!(
            b.match_design("URL shortener").map(|p| p.id.as_str()),
            b.design
                .iter()
                .find(|p| p.name == "URL shortener")
                .map(|p| p.id.as_str())
        );
    }

    #[test]
    fn history_judges_attempts_by_the_target_time_and_optimality() {
        let b = bank();
        let coding = |name: &str, minutes, optimal, date| {
            Entry::new(
                date,
                Activity::Coding {
                    name: name.into(),
                    pattern: Pattern::Hashing,
                    difficulty: Difficulty::Easy,
                    minutes,
                    optimal,
                },
            )
        };
        let entries = [
            coding("Two Sum", 15, true, d(3, 2)),
            coding("LRU Cache", 55, true, d(3, 1)),
            coding("Valid Anagram", 10, false, d(3, 3)),
            coding("not in the bank", 10, true, d(3, 3)),
        ];
        let h = History::from_entries(b, &entries);
        assert_eq!(h.coding.len(), 3);
        assert!(h.coding[&1][0].well);
        assert!(!h.coding[&146][0].well, "55 minutes is over a medium's 40");
        assert!(!h.coding[&242][0].well, "not optimal");
        assert_eq!(due_again(&h.coding[&1]), Some(d(3, 30)));
        assert_eq!(due_again(&h.coding[&242]), Some(d(3, 10)));
        assert!(h.before(d(3, 2)).coding.contains_key(&146));
        assert!(!h.before(d(3, 2)).coding.contains_key(&1));
    }
}
