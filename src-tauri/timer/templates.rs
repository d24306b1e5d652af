//! Mock-round templates: named sequences of timed phases. The built-in ones
//! are data (`templates.toml`, embedded at build time); a full loop is built
//! from its rounds with breaks between them, each phase naming its round.
//! Custom templates pass through the same `validate` as the built-in ones.

use serde::{Deserialize, Serialize};

/// The embedded catalog; see the file's header for where its numbers come from.
const CATALOG: &str = include_str!("templates.toml");

/// Limits for a template the user edits; the built-in ones respect them too.
pub const MIN_PHASE_MINUTES: u32 = 1;
pub const MAX_PHASE_MINUTES: u32 = 240;
pub const MAX_PHASES: usize = 60;
/// Longest name accepted for a template or a phase, in characters.
pub const MAX_NAME_CHARS: usize = 80;

/// What kind of round a template rehearses; picks the scoring rubric.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RoundKind {
    SystemDesign,
    Coding,
    Behavioral,
    BarRaiser,
    PhoneScreen,
    /// L7 technical strategy round.
    TechnicalStrategy,
    /// L7 organizational leadership, leadership case and executive rounds.
    Leadership,
    /// A full loop: several rounds with breaks.
    Loop,
    /// A free-form template of the user's own.
    Custom,
}

/// A template's stable id: a slug for the built-in ones, whatever the store
/// assigns (a UUID) for custom ones.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TemplateId(pub String);

/// One timed stretch of a round ("Deep dive", 20 minutes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Phase {
    pub name: String,
    pub minutes: u32,
    /// In a loop, the round this phase belongs to ("Round 2 of 6 · Coding
    /// 45"); `None` for breaks and for the phases of a single round.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub round: Option<String>,
}

/// A round (or loop) the timer can run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Template {
    pub id: TemplateId,
    pub name: String,
    pub kind: RoundKind,
    pub phases: Vec<Phase>,
}

impl Template {
    /// Length of the whole template in minutes.
    pub fn total_minutes(&self) -> u32 {
        self.phases.iter().map(|p| p.minutes).sum()
    }
}

/// Why a template was refused; the message is shown to the user as is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    #[error("Give the template a name.")]
    EmptyName,
    #[error("Template and phase names are limited to {MAX_NAME_CHARS} characters.")]
    NameTooLong,
    #[error("A template needs between 1 and {MAX_PHASES} phases (got {0}).")]
    PhaseCount(usize),
    #[error("Phase {position} needs a name.")]
    EmptyPhaseName { position: usize },
    #[error(
        "Phase {position} lasts {minutes} min; a phase lasts between \
         {MIN_PHASE_MINUTES} and {MAX_PHASE_MINUTES} minutes."
    )]
    PhaseMinutes { position: usize, minutes: u32 },
}

/// Checks a template (custom or built-in) and returns it with names trimmed.
/// Positions in errors count from 1, as the user sees them.
pub fn validate(mut template: Template) -> Result<Template, TemplateError> {
    template.name = template.name.trim().to_owned();
    if template.name.is_empty() {
        return Err(TemplateError::EmptyName);
    }
    if template.name.chars().count() > MAX_NAME_CHARS {
        return Err(TemplateError::NameTooLong);
    }
    if template.phases.is_empty() || template.phases.len() > MAX_PHASES {
        return Err(TemplateError::PhaseCount(template.phases.len()));
    }
    for (i, phase) in template.phases.iter_mut().enumerate() {
        let position = i + 1;
        phase.name = phase.name.trim().to_owned();
        if phase.name.is_empty() {
            return Err(TemplateError::EmptyPhaseName { position });
        }
        if phase.name.chars().count() > MAX_NAME_CHARS {
            return Err(TemplateError::NameTooLong);
        }
        if !(MIN_PHASE_MINUTES..=MAX_PHASE_MINUTES).contains(&phase.minutes) {
            return Err(TemplateError::PhaseMinutes {
                position,
                minutes: phase.minutes,
            });
        }
    }
    Ok(template)
}

/// A template the user made from a built-in one: their name and phases
/// (without round labels), the base's kind so it is scored on the same
/// rubric (a loop flattened into one sequence becomes a custom round),
/// checked by `validate`.
pub fn customised(
    id: TemplateId,
    base_kind: RoundKind,
    name: String,
    phases: Vec<(String, u32)>,
) -> Result<Template, TemplateError> {
    validate(Template {
        id,
        name,
        kind: match base_kind {
            RoundKind::Loop => RoundKind::Custom,
            kind => kind,
        },
        phases: phases
            .into_iter()
            .map(|(name, minutes)| Phase {
                name,
                minutes,
                round: None,
            })
            .collect(),
    })
}

/// The embedded catalog could not be read: a build defect the tests catch.
#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    #[error("The built-in round templates are unreadable: {0}")]
    Parse(#[from] toml::de::Error),
    #[error("The loop {loop_id} names an unknown round {round_id}.")]
    UnknownRound { loop_id: String, round_id: String },
    #[error("The built-in template {id} is invalid: {source}")]
    Invalid {
        id: String,
        #[source]
        source: TemplateError,
    },
}

#[derive(Deserialize)]
struct Catalog {
    round: Vec<Template>,
    #[serde(rename = "loop", default)]
    loops: Vec<LoopSpec>,
}

#[derive(Deserialize)]
struct LoopSpec {
    id: String,
    name: String,
    break_minutes: u32,
    rounds: Vec<String>,
}

/// The embedded catalog, parsed once.
fn catalog() -> Result<&'static Catalog, CatalogError> {
    static PARSED: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
    if let Some(c) = PARSED.get() {
        return Ok(c);
    }
    let parsed: Catalog = toml::from_str(CATALOG)?;
    Ok(PARSED.get_or_init(|| parsed))
}

/// Every built-in template: the single rounds in catalog order, then the loops.
pub fn builtin() -> Result<Vec<Template>, CatalogError> {
    let catalog = catalog()?;
    let mut loops = Vec::with_capacity(catalog.loops.len());
    for spec in &catalog.loops {
        loops.push(build_loop(spec, &catalog.round)?);
    }
    catalog
        .round
        .iter()
        .cloned()
        .chain(loops)
        .map(|t| {
            let id = t.id.0.clone();
            validate(t).map_err(|source| CatalogError::Invalid { id, source })
        })
        .collect()
}

/// The built-in template with this id, if there is one.
pub fn builtin_by_id(id: &str) -> Result<Option<Template>, CatalogError> {
    Ok(builtin()?.into_iter().find(|t| t.id.0 == id))
}

/// The longest built-in single round of `kind` that takes at most `minutes`:
/// the round a sitting of that length has time for. `None` when even the
/// shortest is longer (or the catalog is unreadable, which the tests catch).
pub fn longest_round_within(kind: RoundKind, minutes: u32) -> Option<&'static Template> {
    catalog()
        .ok()?
        .round
        .iter()
        .filter(|t| t.kind == kind && t.total_minutes() <= minutes)
        .max_by_key(|t| t.total_minutes())
}

/// The built-in single round with this id.
pub fn builtin_round(id: &str) -> Option<&'static Template> {
    catalog().ok()?.round.iter().find(|t| t.id.0 == id)
}

/// One round of a loop: the label its phases carry, and what it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LoopRound {
    /// "Round 2 of 6 · Technical strategy 60", as on its phases.
    pub label: String,
    pub name: String,
    pub kind: RoundKind,
}

/// The rounds of a built-in loop, in order; empty for anything else (a
/// loop the user customised is one flat custom round).
pub fn loop_rounds(template: &Template) -> Result<Vec<LoopRound>, CatalogError> {
    if template.kind != RoundKind::Loop {
        return Ok(Vec::new());
    }
    loop_rounds_by_id(&template.id.0)
}

/// The rounds of the built-in loop `id`; empty when there is none.
pub fn loop_rounds_by_id(id: &str) -> Result<Vec<LoopRound>, CatalogError> {
    let catalog = catalog()?;
    let Some(spec) = catalog.loops.iter().find(|l| l.id == id) else {
        return Ok(Vec::new());
    };
    let count = spec.rounds.len();
    spec.rounds
        .iter()
        .enumerate()
        .map(|(i, round_id)| {
            let round = catalog
                .round
                .iter()
                .find(|r| r.id.0 == *round_id)
                .ok_or_else(|| CatalogError::UnknownRound {
                    loop_id: spec.id.clone(),
                    round_id: round_id.clone(),
                })?;
            Ok(LoopRound {
                label: round_label(i, count, &round.name),
                name: round.name.clone(),
                kind: round.kind,
            })
        })
        .collect()
}

fn round_label(index: usize, count: usize, name: &str) -> String {
    format!("Round {} of {count} · {name}", index + 1)
}

/// Concatenates the rounds' phases, labelling each with its round, and puts
/// a break between consecutive rounds.
fn build_loop(spec: &LoopSpec, rounds: &[Template]) -> Result<Template, CatalogError> {
    let count = spec.rounds.len();
    let mut phases = Vec::new();
    for (i, round_id) in spec.rounds.iter().enumerate() {
        let round = rounds.iter().find(|r| r.id.0 == *round_id).ok_or_else(|| {
            CatalogError::UnknownRound {
                loop_id: spec.id.clone(),
                round_id: round_id.clone(),
            }
        })?;
        if i > 0 {
            phases.push(Phase {
                name: "Break".to_owned(),
                minutes: spec.break_minutes,
                round: None,
            });
        }
        let label = round_label(i, count, &round.name);
        phases.extend(round.phases.iter().map(|p| Phase {
            name: p.name.clone(),
            minutes: p.minutes,
            round: Some(label.clone()),
        }));
    }
    Ok(Template {
        id: TemplateId(spec.id.clone()),
        name: spec.name.clone(),
        kind: RoundKind::Loop,
        phases,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn minutes(id: &str) -> Vec<u32> {
        builtin_by_id(id)
            .unwrap()
            .unwrap()
            .phases
            .iter()
            .map(|p| p.minutes)
            .collect()
    }

    #[test]
    fn every_builtin_template_is_valid_and_ids_are_unique() {
        let all = builtin().unwrap();
        let mut ids: Vec<_> = all.iter().map(|t| t.id.0.clone()).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), all.len());
        for id in [
            "system-design-45",
            "system-design-60",
            "system-design-90",
            "coding-45",
            "behavioral-45",
            "bar-raiser-60",
            "phone-screen-45",
            "loop-l6",
            "loop-l7",
        ] {
            assert!(ids.iter().any(|i| i == id), "missing {id}");
        }
    }

    #[test]
    fn round_phases_follow_the_reference_timings() {
        assert_eq!(minutes("system-design-45"), [8, 7, 20, 7, 3]);
        assert_eq!(minutes("system-design-60"), [5, 5, 15, 20, 10, 5]);
        assert_eq!(minutes("system-design-90"), [15, 15, 35, 15, 10]);
        assert_eq!(minutes("coding-45"), [5, 5, 20, 5, 5, 5]);
        assert_eq!(minutes("behavioral-45"), [5, 35, 5]);
        assert_eq!(minutes("bar-raiser-60"), [5, 15, 15, 15, 10]);
        assert_eq!(minutes("phone-screen-45"), [5, 30, 10]);
    }

    #[test]
    fn round_lengths_match_their_names() {
        for t in builtin().unwrap() {
            if let Some(n) = t
                .name
                .rsplit(' ')
                .next()
                .and_then(|n| n.parse::<u32>().ok())
            {
                assert_eq!(t.total_minutes(), n, "{}", t.name);
            }
        }
    }

    #[test]
    fn l6_loop_is_six_rounds_with_fifteen_minute_breaks() {
        let l6 = builtin_by_id("loop-l6").unwrap().unwrap();
        assert_eq!(l6.kind, RoundKind::Loop);
        let breaks: Vec<_> = l6.phases.iter().filter(|p| p.round.is_none()).collect();
        assert_eq!(breaks.len(), 5);
        assert!(breaks.iter().all(|b| b.minutes == 15 && b.name == "Break"));
        assert_eq!(l6.total_minutes(), 45 + 45 + 60 + 45 + 45 + 60 + 5 * 15);
        assert_eq!(
            l6.phases[0].round.as_deref(),
            Some("Round 1 of 6 · Coding 45")
        );
        assert_eq!(l6.phases[6].name, "Break");
        assert_eq!(
            l6.phases[7].round.as_deref(),
            Some("Round 2 of 6 · Coding 45")
        );
    }

    #[test]
    fn a_loops_rounds_carry_the_labels_of_its_phases_and_their_kinds() {
        let l7 = builtin_by_id("loop-l7").unwrap().unwrap();
        let rounds = loop_rounds(&l7).unwrap();
        assert_eq!(rounds.len(), 6);
        assert_eq!(rounds[0].kind, RoundKind::SystemDesign);
        assert_eq!(rounds[4].kind, RoundKind::BarRaiser);
        for r in &rounds {
            assert!(l7
                .phases
                .iter()
                .any(|p| p.round.as_deref() == Some(&*r.label)));
        }
        let single = builtin_by_id("coding-45").unwrap().unwrap();
        assert!(loop_rounds(&single).unwrap().is_empty());
    }

    #[test]
    fn l7_loop_opens_with_the_ninety_minute_design_round() {
        let l7 = builtin_by_id("loop-l7").unwrap().unwrap();
        assert_eq!(l7.total_minutes(), 90 + 60 + 60 + 60 + 60 + 45 + 5 * 15);
        assert_eq!(
            l7.phases[0].round.as_deref(),
            Some("Round 1 of 6 · L7 system design 90")
        );
    }

    fn custom(phases: Vec<(&str, u32)>) -> Template {
        Template {
            id: TemplateId("mine".into()),
            name: " My drill ".into(),
            kind: RoundKind::Custom,
            phases: phases
                .into_iter()
                .map(|(n, m)| Phase {
                    name: n.into(),
                    minutes: m,
                    round: None,
                })
                .collect(),
        }
    }

    #[test]
    fn valid_custom_template_comes_back_trimmed() {
        let t = validate(custom(vec![(" Warm-up ", 1), ("Main", 240)])).unwrap();
        assert_eq!(t.name, "My drill");
        assert_eq!(t.phases[0].name, "Warm-up");
    }

    #[test]
    fn blank_names_are_refused() {
        let mut t = custom(vec![("A", 5)]);
        t.name = "  ".into();
        assert_eq!(validate(t), Err(TemplateError::EmptyName));
        assert_eq!(
            validate(custom(vec![("A", 5), (" ", 5)])),
            Err(TemplateError::EmptyPhaseName { position: 2 })
        );
    }

    #[test]
    fn phase_minutes_outside_one_to_240_are_refused() {
        for m in [0, 241] {
            assert_eq!(
                validate(custom(vec![("A", m)])),
                Err(TemplateError::PhaseMinutes {
                    position: 1,
                    minutes: m
                })
            );
        }
    }

    #[test]
    fn phase_count_must_be_one_to_sixty() {
        assert_eq!(validate(custom(vec![])), Err(TemplateError::PhaseCount(0)));
        let many = vec![("P", 1); 61];
        assert_eq!(validate(custom(many)), Err(TemplateError::PhaseCount(61)));
        assert!(validate(custom(vec![("P", 1); 60])).is_ok());
    }

    #[test]
    fn a_customised_loop_becomes_a_custom_round_and_keeps_other_kinds() {
        let phases = || vec![("Design".to_owned(), 30)];
        let id = || TemplateId("x".into());
        let t = customised(id(), RoundKind::Loop, "Mine".into(), phases()).unwrap();
        assert_eq!(t.kind, RoundKind::Custom);
        let t = customised(id(), RoundKind::Coding, "Mine".into(), phases()).unwrap();
        assert_eq!(t.kind, RoundKind::Coding);
        assert_eq!(
            customised(id(), RoundKind::Coding, "Mine".into(), vec![]),
            Err(TemplateError::PhaseCount(0))
        );
    }

    #[test]
    fn template_round_trips_through_json_in_kebab_case() {
        let t = builtin_by_id("bar-raiser-60").unwrap().unwrap();
        let json = serde_json::to_string(&t).unwrap();
        assert!(json.contains("\"kind\":\"bar-raiser\""));
        assert_eq!(serde_json::from_str::<Template>(&json).unwrap(), t);
    }
}
