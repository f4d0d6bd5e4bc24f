//! The hostile-input suite (issue 12): what a careless user or an attacker would feed
//! `bulletin`, each case asserting its exact outcome — an error with its code and
//! location, or a successful build with the output intact — and, after every failing
//! case, that the previous output is byte for byte what it was (a sha256 of the tree).
//! Every case runs the real binary under a time limit, so a hang fails instead of
//! stalling the suite.
//!
//! One module per category; `support` holds the tree digest and the time-limited run.

#[path = "../suite/harness.rs"]
#[allow(
    dead_code,
    reason = "the suite's harness; not every helper is used here"
)]
mod harness;
#[path = "../suite/server.rs"]
#[allow(
    dead_code,
    reason = "shared with the suite, which reads what this one does not"
)]
mod server;
mod support;

mod bounded;
mod crosscheck;
mod figures;
mod import;
mod links;
mod locate;
mod output;
mod package;
mod pdf;
mod scripts;
mod serve;
mod sheet;
mod sources;
