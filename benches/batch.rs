//! Throughput of `crosscheck batch` on a synthetic day's feed, end to end:
//! read (JSON Lines, parsed and grouping features found), group (inverted
//! index + average link), check every group and render it (text report to
//! a sink), with rayon's default threads (one per core).
//!
//! Run with `cargo bench --bench batch`; pass report counts after `--`
//! (default `1000 10000`). For each it writes the feed (seed 1, about 4
//! reports of ~3 KB per event) to `target/bench-batch/feed-N.jsonl` and
//! prints: MB/s and reports/s; wall time by phase and, inside the check,
//! time by stage summed over threads (thread wall time: inflated when a
//! thread waits for a core) and the process's CPU time; peak memory (VmHWM, reset before
//! each size); the number of candidate pairs the index produced against
//! all pairs; and pairwise precision and recall of the grouping against
//! the generator's gold events. Last, how time grows with the feed.
//! `BENCH_WRITE=FILE` writes the first feed to FILE and stops, for trying
//! `crosscheck batch FILE` by hand, with its gold grouping in FILE.gold.json
//! (`crosscheck batch FILE --groups FILE.gold.json` checks the true events);
//! `BENCH_SEED=N` changes the seed.

use crosscheck::batch::{self, group, input, report, synth};
use crosscheck::rules::Rules;
use std::io::Write;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// mimalloc: the pipeline makes and drops many small strings, and with the
/// system allocator malloc and free took a fifth of the run's instructions.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Peak resident memory of this process, in bytes (Linux).
fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse::<u64>().ok().map(|kb| kb * 1024)
}

/// CPU time of this process so far, user and system, from
/// `/proc/self/stat` (Linux; clock ticks of 1/100 s, the kernel's USER_HZ on
/// every common platform). Unlike the stage timers, it does not count time
/// a thread waited for a core, so it is the steadier figure on a busy
/// machine.
fn cpu_time() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    // After the command come the state (not a number) and fields 4.. of
    // proc(5): utime and stime are fields 14 and 15.
    let fields: Vec<&str> = after.split_whitespace().collect();
    let field = |n: usize| fields.get(n - 3).and_then(|f| f.parse::<u64>().ok()).unwrap_or(0);
    Duration::from_millis((field(14) + field(15)) * 10)
}

/// Resets the peak to the current size (Linux 4.0 and later).
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

struct Measured {
    reports: usize,
    bytes: usize,
    total: Duration,
    cpu: Duration,
}

fn secs(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}

fn run(target: usize, seed: u64, rules: &Rules) -> Measured {
    let dir = PathBuf::from("target/bench-batch");
    std::fs::create_dir_all(&dir).expect("bench folder");
    let path = dir.join(format!("feed-{target}-seed{seed}.jsonl"));
    let options = synth::Options { events: target / 4, seed, ..synth::Options::default() };
    let mut file = std::io::BufWriter::new(std::fs::File::create(&path).expect("feed file"));
    let gold = synth::write(&options, &mut file).expect("feed written");
    file.flush().expect("feed written");
    drop(file);

    // Start-up, outside the end-to-end figure: `crosscheck batch` compiles
    // the checker while it reads and groups the feed.
    let clock = Instant::now();
    let grouper = group::Grouper::new(rules).expect("grouper");
    let checker = crosscheck::Checker::new(rules).expect("checker");
    let startup = clock.elapsed();
    reset_peak();
    let base = peak_rss().unwrap_or(0);
    let cpu_start = cpu_time();
    let start = Instant::now();
    let mut feed =
        input::read(&[input::Source::Path(path.clone())], &mut std::io::empty(), &grouper, &|_| {}).expect("feed read");
    assert!(feed.errors.is_empty(), "{:?}", feed.errors.first().map(|e| e.to_string()));
    let read = start.elapsed();
    let clock = Instant::now();
    let (grouping, stats) = group::group(&feed.features, grouper.rules());
    let grouped = clock.elapsed();
    let clock = Instant::now();
    let format = report::BatchFormat::Text;
    let mut out = std::io::sink();
    report::header(format, &feed, &grouping, &mut out).expect("header");
    let outcome = batch::check(
        &mut feed,
        &grouping,
        &checker,
        |s| report::section(format, s),
        &|| {},
        |c| out.write_all(&c.output),
    )
    .expect("checked");
    report::footer(format, &feed, &grouping, &outcome, &mut out).expect("footer");
    let checked = clock.elapsed();
    let total = start.elapsed();
    let cpu = cpu_time().saturating_sub(cpu_start);
    let peak = peak_rss().unwrap_or(0);

    let labels = grouping.labels(feed.reports.len());
    let (precision, recall) = group::pairwise_scores(&labels, &gold);
    let n = feed.reports.len();
    let mb = feed.bytes as f64 / 1e6;
    let s = outcome.stages;
    println!("\n## {n} reports ({:.1} MB, {} events), {} threads", mb, options.events, rayon::current_num_threads());
    println!(
        "end to end: {} -> {:.2} MB/s, {:.0} reports/s",
        secs(total),
        mb / total.as_secs_f64(),
        n as f64 / total.as_secs_f64()
    );
    println!("process cpu time: {} ({:.2} MB/s per core)", secs(cpu), mb / cpu.as_secs_f64().max(1e-9));
    println!(
        "wall by phase: read {} | group {} | check+render {} (start-up before: {})",
        secs(read),
        secs(grouped),
        secs(checked),
        secs(startup)
    );
    println!(
        "cpu by stage (summed over threads): load {} | features {} | prepare {} | segment {} | extract {} | align {} | compare {} | render {}",
        secs(feed.load_time),
        secs(feed.feature_time),
        secs(s.prepare),
        secs(s.segment),
        secs(s.extract),
        secs(s.align),
        secs(s.compare),
        secs(outcome.render)
    );
    println!(
        "peak memory: {:.0} MiB (VmHWM; {:.0} MiB before reading)",
        peak as f64 / f64::from(1 << 20),
        base as f64 / f64::from(1 << 20)
    );
    println!(
        "grouping: {} groups ({} checked), {} features, {} candidate pairs of {} possible ({:.4}%), {} links; pairwise precision {:.4}, recall {:.4}",
        grouping.groups.len(),
        outcome.checked,
        stats.features,
        stats.candidates,
        n * (n - 1) / 2,
        100.0 * stats.candidates as f64 / (n * (n - 1) / 2).max(1) as f64,
        stats.links,
        precision,
        recall
    );
    println!(
        "findings: {} conflicts, {} warnings, {} infos",
        outcome.findings[0], outcome.findings[1], outcome.findings[2]
    );
    Measured { reports: n, bytes: feed.bytes, total, cpu }
}

fn main() {
    let seed: u64 = std::env::var("BENCH_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(1);
    let sizes: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let sizes = if sizes.is_empty() { vec![1000, 10000] } else { sizes };
    if let Ok(out) = std::env::var("BENCH_WRITE") {
        let options = synth::Options { events: sizes[0] / 4, seed, ..synth::Options::default() };
        let mut file = std::io::BufWriter::new(std::fs::File::create(&out).expect("feed file"));
        let gold = synth::write(&options, &mut file).expect("feed written");
        file.flush().expect("feed written");
        // The gold events, as a grouping file `crosscheck batch --groups` reads.
        let mut events: Vec<Vec<String>> = vec![Vec::new(); options.events];
        for (i, &e) in gold.iter().enumerate() {
            events[e].push(format!("r{i:05}"));
        }
        let groups: Vec<_> = events.iter().map(|ids| serde_json::json!({"reports": ids})).collect();
        let gold_path = format!("{out}.gold.json");
        let wire = serde_json::json!({"schema": batch::groups_file::SCHEMA, "reports": gold.len(), "groups": groups});
        std::fs::write(&gold_path, serde_json::to_string_pretty(&wire).expect("json")).expect("gold written");
        println!(
            "{out}: {} reports of {} events (seed {seed}); gold grouping in {gold_path}",
            gold.len(),
            options.events
        );
        return;
    }
    let rules = Rules::built_in().expect("built-in rules");
    let measured: Vec<Measured> = sizes.iter().map(|&n| run(n, seed, &rules)).collect();
    if let (Some(first), Some(last)) = (measured.first(), measured.last()) {
        if measured.len() > 1 {
            let size = last.reports as f64 / first.reports as f64;
            let time = last.total.as_secs_f64() / first.total.as_secs_f64();
            let cpu = last.cpu.as_secs_f64() / first.cpu.as_secs_f64().max(1e-9);
            println!(
                "\ngrowth: {:.1}x the reports ({:.1}x the bytes) took {:.2}x the wall time (exponent {:.2}) and {:.2}x the cpu time (exponent {:.2}); 1.00 is linear",
                size,
                last.bytes as f64 / first.bytes as f64,
                time,
                time.ln() / size.ln(),
                cpu,
                cpu.ln() / size.ln()
            );
        }
    }
}
