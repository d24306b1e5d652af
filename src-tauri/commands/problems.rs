//! The problem bank with the candidate's history of each problem.

use tauri::State;

use super::AppState;
use crate::error::AppResult;
use crate::problems::{self, BankView, History};
use crate::store::{self, Store};

/// The bank as the Problems view and `loopready problems` show it.
pub fn bank_view(store: &Store) -> AppResult<BankView> {
    let bank = problems::bank();
    let history = History::from_entries(bank, &store::tasks::attempt_entries(store)?);
    Ok(problems::view(bank, &history))
}

#[tauri::command]
pub fn problem_bank(state: State<'_, AppState>) -> AppResult<BankView> {
    bank_view(&*state.store()?)
}
