//! The use cases: what the window's commands, the command line, the tray and
//! the background threads ask of Loopready. Each reads and writes through
//! `store` and leaves the rules to the domain folders; the front ends only
//! parse their input, call one function here and present its answer.

pub mod export;
pub mod plan;
pub mod practice;
pub mod problems;
pub mod profile;
pub mod stories;
pub mod sync;

/// The local date: the one clock read of the use cases, for the front ends
/// to pass in.
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}
