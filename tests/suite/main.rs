//! Integration tests: build fixture sites with the real binary and look at the output.

mod build;
mod errors;
mod harness;
