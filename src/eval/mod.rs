//! Evaluation of crosscheck's stages against annotated data.
//!
//! Each kind of evaluation is a module with pure scoring functions over
//! gold and system annotations, a reader for its data and renderers for
//! its report; the binary only wires them to `crosscheck eval KIND`.
//!
//! - [`timex`]: the temporal tagger against TIMEX3 gold in the TempEval-3
//!   Task A style (`crosscheck eval timex FILE.jsonl`).
//! - [`clusters`]: the whole checker against clusters of reports with
//!   labelled conflicts and traps (`crosscheck eval DIR`).

pub mod clusters;
pub mod timex;
