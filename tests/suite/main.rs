//! Integration tests: build fixture sites with the real binary and look at the output.

mod build;
mod check;
mod crlf;
mod crosscheck;
mod errors;
mod harness;
mod import;
mod incremental;
mod lang;
mod new;
mod phone;
mod plan;
mod positions;
mod print;
mod proof;
mod search;
mod serve;
#[allow(
    dead_code,
    reason = "shared with the hostile suite, which reads what this one does not"
)]
mod server;
mod sheet;
mod structure;
mod web;
