//! The problem bank with the candidate's history of each problem.

use tauri::State;

use super::AppState;
use crate::error::AppResult;
use crate::problems::BankView;
use crate::service::problems::bank_view;

#[tauri::command]
pub fn problem_bank(state: State<'_, AppState>) -> AppResult<BankView> {
    bank_view(&*state.store()?)
}
