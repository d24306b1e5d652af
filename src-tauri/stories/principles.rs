//! Amazon's 16 Leadership Principles as a closed set, in their published
//! order, with a one-line reminder of each (our wording) and the ones the
//! reference stresses at L6, at L7 and for the bar raiser. Everything that
//! tags, counts or sorts stories by principle goes through this enum.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// One of the 16 Leadership Principles. The declaration order is the
/// official order, so `Ord` sorts them the way the interview-day sheet and
/// the coverage matrix list them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Principle {
    CustomerObsession,
    Ownership,
    InventAndSimplify,
    AreRightALot,
    LearnAndBeCurious,
    HireAndDevelopTheBest,
    InsistOnTheHighestStandards,
    ThinkBig,
    BiasForAction,
    Frugality,
    EarnTrust,
    DiveDeep,
    HaveBackbone,
    DeliverResults,
    StriveToBeEarthsBestEmployer,
    SuccessAndScaleBringBroadResponsibility,
}

/// Whose expectations a principle is stressed for: the two levels and the
/// bar raiser, who sits in both loops.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Focus {
    L6,
    L7,
    BarRaiser,
}

use Principle::*;

const ALL: [Principle; 16] = [
    CustomerObsession,
    Ownership,
    InventAndSimplify,
    AreRightALot,
    LearnAndBeCurious,
    HireAndDevelopTheBest,
    InsistOnTheHighestStandards,
    ThinkBig,
    BiasForAction,
    Frugality,
    EarnTrust,
    DiveDeep,
    HaveBackbone,
    DeliverResults,
    StriveToBeEarthsBestEmployer,
    SuccessAndScaleBringBroadResponsibility,
];

const STRESSED_L6: [Principle; 5] = [
    HireAndDevelopTheBest,
    Ownership,
    DeliverResults,
    EarnTrust,
    InsistOnTheHighestStandards,
];

const STRESSED_L7: [Principle; 5] = [
    ThinkBig,
    InventAndSimplify,
    AreRightALot,
    HaveBackbone,
    SuccessAndScaleBringBroadResponsibility,
];

const STRESSED_BAR_RAISER: [Principle; 6] = [
    CustomerObsession,
    Ownership,
    HireAndDevelopTheBest,
    HaveBackbone,
    DeliverResults,
    ThinkBig,
];

impl Principle {
    /// All 16, in the official order.
    pub fn all() -> &'static [Principle; 16] {
        &ALL
    }

    /// The exact published name, for display and export.
    pub fn name(self) -> &'static str {
        match self {
            CustomerObsession => "Customer Obsession",
            Ownership => "Ownership",
            InventAndSimplify => "Invent and Simplify",
            AreRightALot => "Are Right, A Lot",
            LearnAndBeCurious => "Learn and Be Curious",
            HireAndDevelopTheBest => "Hire and Develop the Best",
            InsistOnTheHighestStandards => "Insist on the Highest Standards",
            ThinkBig => "Think Big",
            BiasForAction => "Bias for Action",
            Frugality => "Frugality",
            EarnTrust => "Earn Trust",
            DiveDeep => "Dive Deep",
            HaveBackbone => "Have Backbone; Disagree and Commit",
            DeliverResults => "Deliver Results",
            StriveToBeEarthsBestEmployer => "Strive to be Earth's Best Employer",
            SuccessAndScaleBringBroadResponsibility => {
                "Success and Scale Bring Broad Responsibility"
            }
        }
    }

    /// The stable wire and command-line id (`"customer-obsession"`), the
    /// same string serde writes.
    pub fn id(self) -> &'static str {
        match self {
            CustomerObsession => "customer-obsession",
            Ownership => "ownership",
            InventAndSimplify => "invent-and-simplify",
            AreRightALot => "are-right-a-lot",
            LearnAndBeCurious => "learn-and-be-curious",
            HireAndDevelopTheBest => "hire-and-develop-the-best",
            InsistOnTheHighestStandards => "insist-on-the-highest-standards",
            ThinkBig => "think-big",
            BiasForAction => "bias-for-action",
            Frugality => "frugality",
            EarnTrust => "earn-trust",
            DiveDeep => "dive-deep",
            HaveBackbone => "have-backbone",
            DeliverResults => "deliver-results",
            StriveToBeEarthsBestEmployer => "strive-to-be-earths-best-employer",
            SuccessAndScaleBringBroadResponsibility => {
                "success-and-scale-bring-broad-responsibility"
            }
        }
    }

    /// 1-based position in the official list.
    pub fn number(self) -> u8 {
        self as u8 + 1
    }

    /// A one-line reminder of what a story for this principle should show,
    /// in Loopready's own words (not Amazon's text).
    pub fn description(self) -> &'static str {
        match self {
            CustomerObsession => {
                "Start from what the customer needs and work backwards, even when it costs you."
            }
            Ownership => {
                "Act for the long term and for the whole company; never say \"not my job\"."
            }
            InventAndSimplify => {
                "Find a new or simpler way, and accept being misunderstood for a while."
            }
            AreRightALot => {
                "Make good calls from sound judgment, and seek views that could prove you wrong."
            }
            LearnAndBeCurious => "Keep learning, explore new ideas and act on what you learn.",
            HireAndDevelopTheBest => {
                "Raise the bar with every hire and grow the people around you."
            }
            InsistOnTheHighestStandards => {
                "Hold a bar others find unreasonably high and fix defects so they stay fixed."
            }
            ThinkBig => "Set a bold direction that inspires, and look for wider ways to serve.",
            BiasForAction => {
                "Move fast when a decision can be undone; calculated risk beats delay."
            }
            Frugality => "Do more with less; constraints breed resourcefulness.",
            EarnTrust => {
                "Listen, speak candidly, admit your own mistakes and treat others with respect."
            }
            DiveDeep => "Stay close to the details, check the data, and question what looks off.",
            HaveBackbone => {
                "Challenge a decision you disagree with, then commit fully once it is made."
            }
            DeliverResults => {
                "Focus on the inputs that matter and deliver on time despite setbacks."
            }
            StriveToBeEarthsBestEmployer => {
                "Make the workplace safer, fairer and more rewarding for the people in it."
            }
            SuccessAndScaleBringBroadResponsibility => {
                "Weigh the wider effects of your work on people, communities and the future."
            }
        }
    }

    /// Principles the reference says matter most for `focus`, in its order.
    pub fn stressed_for(focus: Focus) -> &'static [Principle] {
        match focus {
            Focus::L6 => &STRESSED_L6,
            Focus::L7 => &STRESSED_L7,
            Focus::BarRaiser => &STRESSED_BAR_RAISER,
        }
    }

    /// Whether this principle is one the reference stresses for `focus`.
    pub fn is_stressed_for(self, focus: Focus) -> bool {
        Self::stressed_for(focus).contains(&self)
    }
}

/// A principle id or name that is not one of the sixteen.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown Leadership Principle \"{0}\"")]
pub struct UnknownPrinciple(pub String);

impl fmt::Display for Principle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Accepts the kebab-case id or the exact name (case-insensitive), so the
/// command line takes either `dive-deep` or `"Dive Deep"`.
impl FromStr for Principle {
    type Err = UnknownPrinciple;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim();
        ALL.iter()
            .copied()
            .find(|p| p.id() == wanted || p.name().eq_ignore_ascii_case(wanted))
            .ok_or_else(|| UnknownPrinciple(wanted.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_lists_sixteen_principles_in_official_order() {
        let names: Vec<&str> = Principle::all().iter().map(|p| p.name()).collect();
        assert_eq!(names.len(), 16);
        assert_eq!(names[0], "Customer Obsession");
        assert_eq!(names[3], "Are Right, A Lot");
        assert_eq!(names[12], "Have Backbone; Disagree and Commit");
        assert_eq!(names[14], "Strive to be Earth's Best Employer");
        assert_eq!(names[15], "Success and Scale Bring Broad Responsibility");
    }

    #[test]
    fn numbers_run_from_one_to_sixteen() {
        let numbers: Vec<u8> = Principle::all().iter().map(|p| p.number()).collect();
        assert_eq!(numbers, (1..=16).collect::<Vec<u8>>());
    }

    #[test]
    fn serde_id_matches_id_method_for_every_principle() {
        for p in Principle::all() {
            let json = serde_json::to_string(p).unwrap();
            assert_eq!(json, format!("\"{}\"", p.id()));
            let back: Principle = serde_json::from_str(&json).unwrap();
            assert_eq!(back, *p);
        }
    }

    #[test]
    fn parses_from_id_or_exact_name() {
        assert_eq!("dive-deep".parse::<Principle>().unwrap(), DiveDeep);
        assert_eq!(" think big ".parse::<Principle>().unwrap(), ThinkBig);
        assert_eq!(
            "Have Backbone; Disagree and Commit"
                .parse::<Principle>()
                .unwrap(),
            HaveBackbone
        );
    }

    #[test]
    fn unknown_principle_is_refused_with_its_text() {
        let err = "be-nice".parse::<Principle>().unwrap_err();
        assert_eq!(err, UnknownPrinciple("be-nice".into()));
    }

    #[test]
    fn every_principle_has_a_short_description() {
        for p in Principle::all() {
            let d = p.description();
            assert!(!d.is_empty() && d.len() <= 100, "{p}: {d}");
        }
    }

    #[test]
    fn stressed_principles_follow_the_reference() {
        assert!(HireAndDevelopTheBest.is_stressed_for(Focus::L6));
        assert!(!ThinkBig.is_stressed_for(Focus::L6));
        assert!(ThinkBig.is_stressed_for(Focus::L7));
        assert!(SuccessAndScaleBringBroadResponsibility.is_stressed_for(Focus::L7));
        assert!(CustomerObsession.is_stressed_for(Focus::BarRaiser));
        assert!(!Frugality.is_stressed_for(Focus::BarRaiser));
        assert_eq!(Principle::stressed_for(Focus::BarRaiser).len(), 6);
    }
}
