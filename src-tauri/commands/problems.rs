//! The problem bank with the candidate's history of each problem.

use tauri::State;

use super::AppState;
use crate::error::AppResult;
use crate::problems::{BankView, CodingProblem};
use crate::service::problems::bank_view;

#[tauri::command]
pub fn problem_bank(state: State<'_, AppState>) -> AppResult<BankView> {
    bank_view(&*state.store()?)
}

/// The bank's coding problem a log line named `name` is an attempt at, by
/// the log's own rule (`Bank::match_coding`: the name, or its number first),
/// so the entry form can bring its difficulty and pattern.
#[tauri::command]
pub fn match_coding_problem(name: String) -> Option<CodingProblem> {
    crate::problems::bank().match_coding(&name).cloned()
}
