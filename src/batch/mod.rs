//! Batch mode: a day's feed of reports about many events, grouped by event
//! and each group checked as `check` would.
//!
//! ```text
//!  folders, *.jsonl, stdin ──read──▶ Feed ──group──▶ Grouping ──check──▶ one Run per group
//!  (streamed, in chunks)   (bytes + features)  (inverted index,   (rayon, over groups;
//!                                               average link)      sections in group order)
//! ```
//!
//! [`input`] reads the feed, [`group`] partitions it into events (or
//! [`groups_file`] reads a partition a person corrected), [`check`] runs
//! the checker over every group of two or more reports in parallel and
//! hands each group's [`Run`] to a renderer on the worker thread, then
//! delivers the rendered sections to the caller **in group order** through
//! a reorder buffer: output streams as groups finish and is byte-identical
//! from run to run. [`report`] renders batches; [`synth`] writes synthetic
//! feeds for the benchmark and the tests.

pub mod group;
pub mod groups_file;
pub mod input;
pub mod report;
pub mod synth;

use crate::compare::Severity;
use crate::{Checker, Run, Stages};
use group::Grouping;
use input::Feed;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::io;
use std::time::Duration;

/// One group checked, as a renderer sees it.
#[derive(Debug)]
pub struct Section<'a> {
    /// The group's number in the grouping, from 1.
    pub number: usize,
    /// Its place among the groups checked, from 0 (the first section of a
    /// report is rank 0).
    pub rank: usize,
    /// The ids of its reports, in feed order.
    pub ids: Vec<&'a str>,
    /// Its reports' average similarity.
    pub similarity: Option<f32>,
    /// The features its reports share.
    pub shared: &'a [String],
    /// The check.
    pub run: &'a Run,
}

/// What a checked group sends back.
#[derive(Debug, Default, Clone)]
pub struct Checked {
    /// The group's number, from 1.
    pub number: usize,
    /// The rendered section.
    pub output: Vec<u8>,
    /// Findings by severity: conflict, warning, info.
    pub findings: [usize; 3],
    /// Reports of the group that could not be rebuilt (not expected: they
    /// were read once already).
    pub errors: Vec<String>,
}

/// Totals over a checked batch.
#[derive(Debug, Default, Clone)]
pub struct Outcome {
    /// Groups checked.
    pub checked: usize,
    /// Findings by severity: conflict, warning, info.
    pub findings: [usize; 3],
    /// The highest severity found, if any.
    pub worst: Option<Severity>,
    /// Time per stage, summed over threads.
    pub stages: Stages,
    /// Time spent rendering, summed over threads.
    pub render: Duration,
    /// Errors rebuilding reports.
    pub errors: Vec<String>,
}

/// Checks every group of two or more reports, in parallel. `render` turns a
/// checked group into bytes on the worker that checked it; `emit` receives
/// those sections in group order, as soon as every earlier one is done;
/// `progress` is called as each group finishes. The reports' bytes are
/// handed over to the groups' documents and dropped with them.
pub fn check<R, E>(
    feed: &mut Feed,
    grouping: &Grouping,
    checker: &Checker,
    render: R,
    progress: &(dyn Fn() + Sync),
    mut emit: E,
) -> io::Result<Outcome>
where
    R: Fn(&Section) -> io::Result<Vec<u8>> + Sync,
    E: FnMut(Checked) -> io::Result<()>,
{
    // The jobs own their reports' bytes (moved, not copied); the feed
    // keeps the metadata. Documents are rebuilt on the worker.
    let mut jobs = Vec::new();
    for (number, g) in grouping.groups.iter().enumerate().filter(|(_, g)| g.reports.len() >= 2) {
        let pending: Vec<input::Pending> = g.reports.iter().map(|&r| feed.reports[r].take()).collect();
        jobs.push((jobs.len(), number, pending));
    }
    let reports = &feed.reports;
    let mut outcome = Outcome { checked: jobs.len(), ..Outcome::default() };
    let (tx, rx) = std::sync::mpsc::channel::<io::Result<(usize, Checked, Stages, Duration)>>();
    std::thread::scope(|scope| -> io::Result<()> {
        scope.spawn(|| {
            // Workers take groups in order, so that sections come out
            // nearly in order and the reorder buffer stays small.
            jobs.into_iter().par_bridge().for_each_with(tx, |tx, (rank, number, pending)| {
                let group = &grouping.groups[number];
                let mut docs = Vec::new();
                let mut errors = Vec::new();
                for (i, p) in pending.into_iter().enumerate() {
                    match p.document(i) {
                        Ok(d) => docs.push(d),
                        Err(e) => errors.push(e.to_string()),
                    }
                }
                let mut stages = Stages::default();
                let run = checker.analyse_timed(docs, &mut stages);
                let clock = std::time::Instant::now();
                let section = Section {
                    number: number + 1,
                    rank,
                    ids: group.reports.iter().map(|&r| reports[r].id.as_str()).collect(),
                    similarity: group.similarity,
                    shared: &group.shared,
                    run: &run,
                };
                let result = render(&section).map(|output| {
                    let mut findings = [0; 3];
                    for f in &run.findings {
                        findings[severity_slot(f.severity)] += 1;
                    }
                    (rank, Checked { number: number + 1, output, findings, errors }, stages, clock.elapsed())
                });
                drop(run);
                progress();
                let _ = tx.send(result);
            });
        });
        // The reorder buffer: sections wait until every earlier one is out.
        let mut waiting: BTreeMap<usize, Checked> = BTreeMap::new();
        let mut next = 0;
        for result in rx {
            let (rank, checked, stages, render) = result?;
            outcome.stages.add(&stages);
            outcome.render += render;
            waiting.insert(rank, checked);
            while let Some(checked) = waiting.remove(&next) {
                for (slot, n) in checked.findings.iter().enumerate() {
                    outcome.findings[slot] += n;
                }
                outcome.errors.extend(checked.errors.iter().cloned());
                emit(checked)?;
                next += 1;
            }
        }
        Ok(())
    })?;
    outcome.worst = [Severity::Conflict, Severity::Warning, Severity::Info]
        .into_iter()
        .zip(outcome.findings)
        .find(|&(_, n)| n > 0)
        .map(|(s, _)| s);
    Ok(outcome)
}

fn severity_slot(s: Severity) -> usize {
    match s {
        Severity::Conflict => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    }
}
