//! Integration tests: one binary, a module per concern.

mod bad_input;
mod cases;
mod clusters;
mod common;
mod eval;
mod html;
mod properties;
mod seeds;
mod sources;
