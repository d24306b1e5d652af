//! Study plans: the catalog of five plans (data), the plan selector, the
//! self-assessment, checkpoint criteria and the dated schedule. Pure domain
//! code: no Tauri, no SQL, no clock; today's date always comes in as an argument.

pub mod assessment;
pub mod catalog;
pub mod criteria;
pub mod profile;
pub mod reference;
pub mod reminder;
pub mod schedule;
pub mod select;
pub mod tasks;
pub mod tracking;
