//! The problem bank with the candidate's history of each problem.

use crate::error::AppResult;
use crate::problems::{self, BankView};
use crate::store::{self, Store};

/// The bank as the Problems view and `loopready problems` show it.
pub fn bank_view(store: &Store) -> AppResult<BankView> {
    Ok(problems::view(
        problems::bank(),
        &*store::tasks::problem_history(store)?,
    ))
}
