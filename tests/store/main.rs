//! The store's tests, one crate: each module is one area of the database
//! (opening and migrations, backups, the practice log and its day totals,
//! rehearsals, stories, rounds, export and import) on temporary files.

#[path = "../support/soak.rs"]
mod soak;

mod backup;
mod damaged;
mod open;
mod practice;
mod practice_days;
mod practice_ranges;
mod rehearsal;
mod stories;
mod sync;
mod timer;
mod transfer;
