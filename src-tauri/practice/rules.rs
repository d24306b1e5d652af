//! What counts as practice, said once, from the constants the code applies:
//! the Dashboard shows these lines under "What counts".

use super::log::{Difficulty, DESIGN_COMPLETE_PCT};
use super::minimums::Minimums;
use crate::problems::target_minutes;
use crate::stories::model::REFINEMENT_GAP_MINUTES;
use crate::timer::engine::FULL_ROUND_SHARE;

/// The rules of evidence, one sentence each.
pub fn what_counts() -> Vec<String> {
    let m = Minimums::default();
    vec![
        format!(
            "A timed round counts as a mock interview when it ran at least {:.0}% of its planned time, \
             or when you say a round cut short was a full one. A shorter round keeps its scores and is marked partial; \
             it does not count toward the weekly minimum, the checkpoints or readiness.",
            FULL_ROUND_SHARE * 100.0
        ),
        format!(
            "A story refinement is a later editing session on a story whose four STAR parts were already written, \
             at least {REFINEMENT_GAP_MINUTES} minutes after its previous edit. The saves of a first draft are not refinements."
        ),
        format!(
            "A system design counts as completed from {DESIGN_COMPLETE_PCT}% of the round's checklist."
        ),
        format!(
            "A bank problem counts as solved well when your solution was optimal and took at most {} min (easy), {} min (medium) or {} min (hard).",
            target_minutes(Difficulty::Easy),
            target_minutes(Difficulty::Medium),
            target_minutes(Difficulty::Hard)
        ),
        format!(
            "A preparation day meets the daily minimums with {} min of STAR practice, {} min of coding or design and {} min of Leadership Principles.",
            m.star_minutes, m.technical_minutes, m.lp_minutes
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rules_state_the_figures_the_code_applies() {
        let lines = what_counts().join("\n");
        assert!(lines.contains(&format!("{:.0}%", FULL_ROUND_SHARE * 100.0)));
        assert!(lines.contains(&format!("{REFINEMENT_GAP_MINUTES} minutes")));
        assert!(lines.contains(&format!("{DESIGN_COMPLETE_PCT}%")));
    }
}
