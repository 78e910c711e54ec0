//! Integration tests: one binary, a module per concern.

mod bad_input;
mod batch;
mod cases;
mod clusters;
mod common;
mod eval;
mod group;
mod properties;
mod seeds;
mod sources;
