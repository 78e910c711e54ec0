//! Integration tests: one binary, a module per concern.

mod bad_input;
mod cases;
mod common;
mod eval;
mod properties;
mod seeds;
