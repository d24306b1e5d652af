//! The Reference view's content: L6 and L7 side by side, typical loops, round
//! timings, scoring rubrics, STAR guidance and the Leadership Principles, as
//! data in `reference.toml` (embedded at build time), resolved for the
//! profile's track. Any text there may be split `{ manager, ic }`; resolution
//! keeps one side before the typed parse, so the types below hold plain text.
//! Principle names and STAR timing targets come from `stories`, their one
//! source. Guidance only, never Amazon's official process.

use std::collections::HashSet;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::plan::profile::{TargetLevel, Track};
use crate::stories::speaking::{self, AnswerLength, Targets};
use crate::stories::{Focus, Principle, Scope};

const SOURCE: &str = include_str!("reference.toml");

/// Why the embedded reference content could not be served. Only a broken
/// build can produce it (the tests parse the same file), so the UI shows it
/// as an internal error.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReferenceError {
    #[error("The reference content could not be read: {0}")]
    Parse(String),
    #[error("The reference content is inconsistent: {0}")]
    Invalid(String),
}

/// Everything the Reference view shows, for one track.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReferenceView {
    pub track: Track,
    /// The visible "guidance, not official process" note.
    pub note: String,
    pub comparison: Comparison,
    pub loops: Loops,
    pub timings: Timings,
    pub scoring: Scoring,
    pub star: StarView,
    pub principles: PrinciplesView,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Comparison {
    pub caption: String,
    pub rows: Vec<ComparisonRow>,
}

/// What the L6/L7 comparison compares; a closed set so tests can find rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Aspect {
    Scope,
    ReportsTo,
    PlanningHorizon,
    DecisionScope,
    Impact,
    SystemDesign,
    Coding,
    StoryFocus,
    TypicalMistake,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ComparisonRow {
    pub aspect: Aspect,
    pub label: String,
    pub l6: String,
    pub l7: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Loops {
    pub items: Vec<Loop>,
    pub notes: Vec<String>,
}

/// A sequence of rounds: the screens before the loop, or one level's loop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Loop {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub level: Option<TargetLevel>,
    pub rounds: Vec<Round>,
}

/// The kinds of interview round the loops contain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RoundKind {
    RecruiterScreen,
    PhoneScreen,
    Coding,
    SystemDesign,
    Behavioral,
    BarRaiser,
    HiringManager,
    TechnicalStrategy,
    Leadership,
    Executive,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Round {
    pub kind: RoundKind,
    pub name: String,
    pub minutes: u32,
    /// Upper end when the length varies (a hiring-manager round of 45-60).
    #[serde(default)]
    pub max_minutes: Option<u32>,
    /// Common but not always part of the loop.
    #[serde(default)]
    pub optional: bool,
    /// Id of the round timing in `timings` that breaks this round down.
    #[serde(default)]
    pub timing: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Timings {
    pub items: Vec<RoundTiming>,
    pub rules_of_thumb: Vec<String>,
}

/// How one round's minutes are usually spent, phase by phase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RoundTiming {
    pub id: String,
    pub title: String,
    pub kind: RoundKind,
    #[serde(default)]
    pub level: Option<TargetLevel>,
    pub minutes: u32,
    pub phases: Vec<Phase>,
}

/// A phase from `start` to `end`, minutes from the start of the round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Phase {
    pub name: String,
    pub start: u32,
    pub end: u32,
    #[serde(default)]
    pub detail: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Scoring {
    /// The 1-5 verdict scale, 5 first.
    pub scale: Vec<ScalePoint>,
    pub target: String,
    pub rubrics: Vec<Rubric>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ScalePoint {
    pub score: u8,
    pub label: String,
    pub meaning: String,
}

/// What a round is scored on. Either every dimension has a weight (in
/// percent, summing to 100) or none has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Rubric {
    pub id: String,
    pub title: String,
    pub kind: RoundKind,
    #[serde(default)]
    pub level: Option<TargetLevel>,
    pub dimensions: Vec<Dimension>,
    #[serde(default)]
    pub red_flags: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Dimension {
    pub name: String,
    #[serde(default)]
    pub weight: Option<u32>,
    pub detail: String,
}

/// How many stories to bank for a level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BankSize {
    pub level: TargetLevel,
    pub min: u32,
    pub max: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StarView {
    pub banks: Vec<BankSize>,
    pub bank_notes: Vec<String>,
    /// Where the track's stories usually come from.
    pub focus: String,
    pub rules: Vec<String>,
    pub versions: Vec<StarVersion>,
}

/// One spoken version of a story with its per-part targets in seconds
/// (parts absent where the reference gives no split).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StarVersion {
    pub length: AnswerLength,
    pub scope: Option<Scope>,
    pub title: String,
    pub when: String,
    pub targets: Targets,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PrinciplesView {
    pub intro: String,
    /// All 16, in the official order.
    pub items: Vec<PrincipleEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PrincipleEntry {
    pub principle: Principle,
    pub number: u8,
    pub name: String,
    pub description: String,
    /// Where guides stress it: `l6`, `l7`, `bar-raiser`.
    pub stressed_at: Vec<Focus>,
    /// What a story for it looks like on this track, where we say more.
    pub track_note: Option<String>,
}

/// The file's shape after track resolution.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Document {
    note: String,
    comparison: Comparison,
    loops: Loops,
    timings: Timings,
    scoring: Scoring,
    star: StarSource,
    principles: PrinciplesSource,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct StarSource {
    banks: Vec<BankSize>,
    bank_notes: Vec<String>,
    focus: String,
    rules: Vec<String>,
    versions: Vec<StarVersionSource>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct StarVersionSource {
    length: AnswerLength,
    #[serde(default)]
    scope: Option<Scope>,
    title: String,
    when: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct PrinciplesSource {
    intro: String,
    notes: Vec<PrincipleNote>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct PrincipleNote {
    principle: Principle,
    note: String,
}

/// The reference content for `track`, parsed and checked once per run.
pub fn reference(track: Track) -> Result<ReferenceView, ReferenceError> {
    static VIEWS: OnceLock<Result<[ReferenceView; 2], ReferenceError>> = OnceLock::new();
    let views = VIEWS.get_or_init(|| Ok([load(Track::Manager)?, load(Track::Ic)?]));
    match views {
        Ok([manager, ic]) => Ok(match track {
            Track::Manager => manager.clone(),
            Track::Ic => ic.clone(),
        }),
        Err(e) => Err(e.clone()),
    }
}

fn load(track: Track) -> Result<ReferenceView, ReferenceError> {
    let raw: toml::Table =
        toml::from_str(SOURCE).map_err(|e| ReferenceError::Parse(e.to_string()))?;
    let doc: Document = resolve(toml::Value::Table(raw), track)?
        .try_into()
        .map_err(|e: toml::de::Error| ReferenceError::Parse(e.to_string()))?;
    validate(&doc)?;
    Ok(view(doc, track))
}

fn track_key(track: Track) -> &'static str {
    match track {
        Track::Manager => "manager",
        Track::Ic => "ic",
    }
}

/// Replaces every `{ manager, ic }` table with the side for `track`. A table
/// naming only one side, or mixing them with other keys, is refused.
fn resolve(value: toml::Value, track: Track) -> Result<toml::Value, ReferenceError> {
    match value {
        toml::Value::Table(mut table) => {
            let sides = ["manager", "ic"];
            let named = sides.iter().filter(|k| table.contains_key(**k)).count();
            if named == 0 {
                let resolved = table
                    .into_iter()
                    .map(|(k, v)| Ok((k, resolve(v, track)?)))
                    .collect::<Result<toml::Table, ReferenceError>>()?;
                return Ok(toml::Value::Table(resolved));
            }
            if named != 2 || table.len() != 2 {
                let keys: Vec<&String> = table.keys().collect();
                return Err(ReferenceError::Invalid(format!(
                    "a track split needs exactly `manager` and `ic`, found {keys:?}"
                )));
            }
            match table.remove(track_key(track)) {
                Some(side) => resolve(side, track),
                None => Err(ReferenceError::Invalid("a track split lost a side".into())),
            }
        }
        toml::Value::Array(items) => items
            .into_iter()
            .map(|v| resolve(v, track))
            .collect::<Result<Vec<_>, _>>()
            .map(toml::Value::Array),
        other => Ok(other),
    }
}

fn validate(doc: &Document) -> Result<(), ReferenceError> {
    let bad = |msg: String| Err(ReferenceError::Invalid(msg));

    let mut timing_ids = HashSet::new();
    for t in &doc.timings.items {
        if !timing_ids.insert(t.id.as_str()) {
            return bad(format!("timing {} appears twice", t.id));
        }
        let mut at = 0;
        for p in &t.phases {
            if p.start != at || p.end <= p.start {
                return bad(format!(
                    "timing {}: phase \"{}\" runs {}-{} but should start at {at}",
                    t.id, p.name, p.start, p.end
                ));
            }
            at = p.end;
        }
        if at != t.minutes {
            return bad(format!(
                "timing {}: phases end at {at}, not {}",
                t.id, t.minutes
            ));
        }
    }

    for l in &doc.loops.items {
        for r in &l.rounds {
            if r.max_minutes.is_some_and(|max| max <= r.minutes) {
                return bad(format!(
                    "{} / {}: maxMinutes must exceed minutes",
                    l.id, r.name
                ));
            }
            let Some(id) = &r.timing else { continue };
            match doc.timings.items.iter().find(|t| &t.id == id) {
                None => return bad(format!("{} / {}: no timing {id}", l.id, r.name)),
                Some(t) if t.minutes != r.minutes || t.kind != r.kind => {
                    return bad(format!("{} / {}: timing {id} does not match", l.id, r.name));
                }
                Some(_) => {}
            }
        }
    }

    let scores: Vec<u8> = doc.scoring.scale.iter().map(|s| s.score).collect();
    if scores != [5, 4, 3, 2, 1] {
        return bad(format!("the scale must list 5 to 1, found {scores:?}"));
    }
    for r in &doc.scoring.rubrics {
        let weights: Vec<u32> = r.dimensions.iter().filter_map(|d| d.weight).collect();
        let sum: u32 = weights.iter().sum();
        if !weights.is_empty() && (weights.len() != r.dimensions.len() || sum != 100) {
            return bad(format!(
                "rubric {}: weights must cover every dimension and sum to 100",
                r.id
            ));
        }
    }

    if let Some(b) = doc.star.banks.iter().find(|b| b.min > b.max) {
        return bad(format!("story bank for {:?}: min above max", b.level));
    }
    let mut noted = HashSet::new();
    if let Some(n) = doc
        .principles
        .notes
        .iter()
        .find(|n| !noted.insert(n.principle))
    {
        return bad(format!("{} has two notes", n.principle));
    }
    Ok(())
}

fn view(doc: Document, track: Track) -> ReferenceView {
    let star = doc.star;
    let versions = star
        .versions
        .into_iter()
        .map(|v| StarVersion {
            targets: speaking::targets(v.length, v.scope.unwrap_or_default()),
            length: v.length,
            scope: v.scope,
            title: v.title,
            when: v.when,
        })
        .collect();
    let notes = doc.principles.notes;
    let items = Principle::all()
        .iter()
        .map(|&p| PrincipleEntry {
            principle: p,
            number: p.number(),
            name: p.name().to_owned(),
            description: p.description().to_owned(),
            stressed_at: [Focus::L6, Focus::L7, Focus::BarRaiser]
                .into_iter()
                .filter(|&f| p.is_stressed_for(f))
                .collect(),
            track_note: notes
                .iter()
                .find(|n| n.principle == p)
                .map(|n| n.note.clone()),
        })
        .collect();
    ReferenceView {
        track,
        note: doc.note,
        comparison: doc.comparison,
        loops: doc.loops,
        timings: doc.timings,
        scoring: doc.scoring,
        star: StarView {
            banks: star.banks,
            bank_notes: star.bank_notes,
            focus: star.focus,
            rules: star.rules,
            versions,
        },
        principles: PrinciplesView {
            intro: doc.principles.intro,
            items,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The 16 names exactly as `shared/seed/reference.md` lists them.
    const NAMES: [&str; 16] = [
        "Customer Obsession",
        "Ownership",
        "Invent and Simplify",
        "Are Right, A Lot",
        "Learn and Be Curious",
        "Hire and Develop the Best",
        "Insist on the Highest Standards",
        "Think Big",
        "Bias for Action",
        "Frugality",
        "Earn Trust",
        "Dive Deep",
        "Have Backbone; Disagree and Commit",
        "Deliver Results",
        "Strive to be Earth's Best Employer",
        "Success and Scale Bring Broad Responsibility",
    ];

    fn both() -> (ReferenceView, ReferenceView) {
        (
            reference(Track::Manager).unwrap(),
            reference(Track::Ic).unwrap(),
        )
    }

    fn row(view: &ReferenceView, aspect: Aspect) -> &ComparisonRow {
        view.comparison
            .rows
            .iter()
            .find(|r| r.aspect == aspect)
            .unwrap()
    }

    #[test]
    fn embedded_toml_parses_and_resolves_for_both_tracks() {
        let (manager, ic) = both();
        assert_eq!(manager.track, Track::Manager);
        assert_eq!(ic.track, Track::Ic);
        assert_eq!(manager.comparison.rows.len(), 9);
        assert_eq!(manager.loops.items.len(), 3);
        assert_eq!(manager.scoring.scale.len(), 5);
    }

    #[test]
    fn note_says_guidance_not_official_process() {
        let (manager, _) = both();
        assert!(manager.note.contains("not Amazon's official process"));
    }

    #[test]
    fn all_sixteen_principles_appear_with_their_exact_names_in_order() {
        for view in [both().0, both().1] {
            let names: Vec<&str> = view
                .principles
                .items
                .iter()
                .map(|p| p.name.as_str())
                .collect();
            assert_eq!(names, NAMES);
        }
    }

    #[test]
    fn stressed_principles_follow_the_reference() {
        let (manager, _) = both();
        let at = |focus: Focus| -> Vec<&str> {
            manager
                .principles
                .items
                .iter()
                .filter(|p| p.stressed_at.contains(&focus))
                .map(|p| p.name.as_str())
                .collect()
        };
        assert_eq!(at(Focus::L6).len(), 5);
        assert!(at(Focus::L7).contains(&"Think Big"));
        assert!(at(Focus::BarRaiser).contains(&"Customer Obsession"));
        assert!(!at(Focus::BarRaiser).contains(&"Frugality"));
    }

    #[test]
    fn round_timing_phases_fill_the_round_exactly() {
        let (manager, _) = both();
        let lengths: Vec<u32> = manager.timings.items.iter().map(|t| t.minutes).collect();
        for expected in [45, 60, 90] {
            assert!(lengths.contains(&expected), "no {expected}-minute timing");
        }
        for t in &manager.timings.items {
            let total: u32 = t.phases.iter().map(|p| p.end - p.start).sum();
            assert_eq!(total, t.minutes, "{}", t.id);
            assert_eq!(t.phases.first().unwrap().start, 0, "{}", t.id);
            assert!(
                t.phases.windows(2).all(|w| w[0].end == w[1].start),
                "{}",
                t.id
            );
        }
    }

    #[test]
    fn weighted_rubrics_sum_to_one_hundred() {
        let (manager, _) = both();
        let weighted: Vec<&Rubric> = manager
            .scoring
            .rubrics
            .iter()
            .filter(|r| r.dimensions.iter().any(|d| d.weight.is_some()))
            .collect();
        assert_eq!(weighted.len(), 2);
        for r in weighted {
            let sum: u32 = r.dimensions.iter().filter_map(|d| d.weight).sum();
            assert_eq!(sum, 100, "{}", r.id);
        }
    }

    #[test]
    fn loop_rounds_link_to_timings_of_the_same_length() {
        let (manager, _) = both();
        let l6 = manager
            .loops
            .items
            .iter()
            .find(|l| l.id == "loop-l6")
            .unwrap();
        let design = l6
            .rounds
            .iter()
            .find(|r| r.kind == RoundKind::SystemDesign)
            .unwrap();
        assert_eq!(design.minutes, 60);
        assert_eq!(design.timing.as_deref(), Some("system-design-60"));
    }

    #[test]
    fn manager_and_ic_differ_on_scope_but_share_the_horizon() {
        let (manager, ic) = both();
        assert_eq!(
            row(&manager, Aspect::Scope).l6,
            "2-4 teams, about 10-50 engineers"
        );
        assert!(row(&ic, Aspect::Scope)
            .l6
            .starts_with("Technical lead across 2-4 teams' systems"));
        assert_ne!(row(&manager, Aspect::Scope).l7, row(&ic, Aspect::Scope).l7);
        assert_eq!(
            row(&manager, Aspect::PlanningHorizon),
            row(&ic, Aspect::PlanningHorizon)
        );
        assert_eq!(row(&ic, Aspect::PlanningHorizon).l7, "2-5 years");
    }

    #[test]
    fn manager_and_ic_differ_on_leadership_rounds_and_story_focus() {
        let (manager, ic) = both();
        let round_names = |v: &ReferenceView| -> Vec<String> {
            v.loops.items[2]
                .rounds
                .iter()
                .map(|r| r.name.clone())
                .collect()
        };
        assert!(round_names(&manager).contains(&"Organisational leadership".to_owned()));
        assert!(round_names(&ic).contains(&"Cross-org technical leadership".to_owned()));
        assert_ne!(manager.star.focus, ic.star.focus);
        let hire = |v: &ReferenceView| v.principles.items[5].track_note.clone().unwrap();
        assert!(hire(&ic).contains("Mentoring"));
        assert_ne!(hire(&manager), hire(&ic));
    }

    #[test]
    fn star_versions_carry_the_speaking_targets() {
        let (manager, _) = both();
        let l6 = manager
            .star
            .versions
            .iter()
            .find(|v| v.length == AnswerLength::Standard && v.scope == Some(Scope::L6))
            .unwrap();
        assert_eq!((l6.targets.total.min, l6.targets.total.max), (120, 180));
        assert_eq!(manager.star.banks[0].min, 15);
        assert_eq!(manager.star.banks[1].max, 25);
    }

    #[test]
    fn view_serialises_camel_case_with_kebab_enums() {
        let json = serde_json::to_value(reference(Track::Ic).unwrap()).unwrap();
        assert_eq!(json["track"], "ic");
        assert_eq!(json["comparison"]["rows"][1]["aspect"], "reports-to");
        assert_eq!(json["timings"]["rulesOfThumb"].as_array().unwrap().len(), 2);
        assert_eq!(json["loops"]["items"][1]["level"], "L6");
        assert_eq!(json["loops"]["items"][1]["rounds"][6]["maxMinutes"], 60);
        assert_eq!(
            json["principles"]["items"][0]["stressedAt"][0],
            "bar-raiser"
        );
        assert_eq!(json["star"]["versions"][0]["length"], "sixty-second");
    }

    #[test]
    fn a_split_with_one_side_is_refused() {
        let value: toml::Value = toml::from_str("x = { manager = \"a\" }").unwrap();
        assert!(matches!(
            resolve(value, Track::Ic),
            Err(ReferenceError::Invalid(_))
        ));
    }

    #[test]
    fn phases_that_leave_a_gap_are_refused() {
        let text = SOURCE.replacen("start = 5, end = 35", "start = 6, end = 35", 1);
        let raw: toml::Table = toml::from_str(&text).unwrap();
        let doc: Document = resolve(toml::Value::Table(raw), Track::Manager)
            .unwrap()
            .try_into()
            .unwrap();
        assert!(matches!(validate(&doc), Err(ReferenceError::Invalid(_))));
    }
}
