//! The command line and the processes behind it: every subcommand on a
//! temporary data folder, and crash safety with killed writers.

#[path = "../support/proc.rs"]
mod proc;

mod clocks;
mod crash;
mod sync_crash;
mod usage;
