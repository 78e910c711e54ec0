//! Integration tests: one binary, a module per concern.

mod bad_input;
mod baseline;
mod batch;
mod cases;
mod clusters;
mod common;
mod eval;
mod formats;
mod group;
mod html;
mod properties;
mod seeds;
mod sources;
