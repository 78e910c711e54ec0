//! Throughput of the temporal tagger and of the whole `check` pipeline, on
//! one core. Run with `cargo bench --bench extract`; pass file or folder
//! paths after `--` to measure other text (default: every report under
//! `fixtures/`).
//!
//! It prints sentences per second and MB/s for the tagger alone (sentences
//! already split, as the pipeline hands them over), and reports per second
//! for `analyse` over each fixture folder as a run. `BENCH_ONLY=tagger`
//! measures the tagger alone (for a profiler); `BENCH_ITERS=N` makes every
//! measurement exactly `N` passes instead of a time budget, so that
//! instruction counts (`valgrind --tool=callgrind`) compare across builds.

use crosscheck::document::paragraphs;
use crosscheck::normalize::Normalized;
use crosscheck::rules::Rules;
use crosscheck::segment::split;
use crosscheck::timex::Tagger;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn files(root: &Path, out: &mut Vec<PathBuf>) {
    if root.is_file() {
        out.push(root.to_path_buf());
        return;
    }
    let Ok(entries) = std::fs::read_dir(root) else { return };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|e| e == "jsonl") {
            // JSONL corpora are read only when named.
        } else if p.extension().is_some_and(|e| e == "txt" || e == "md" || e == "jsonl") {
            out.push(p);
        }
    }
}

/// Runs `f` until `budget` has passed, or exactly `BENCH_ITERS` times when
/// that is set; returns iterations and elapsed time.
fn time(budget: Duration, mut f: impl FnMut()) -> (u64, Duration) {
    let fixed: Option<u64> = std::env::var("BENCH_ITERS").ok().and_then(|v| v.parse().ok());
    let start = Instant::now();
    let mut n = 0;
    while fixed.map_or(start.elapsed() < budget, |k| n < k) {
        f();
        n += 1;
    }
    (n, start.elapsed())
}

/// Writes what every stage finds in every sentence (and in its lowercase and
/// uppercase forms), with and without a creation date, to `out`: two dumps
/// from two builds must be byte-identical when a change is only for speed.
fn dump(rules: &Rules, tagger: &Tagger, sentences: &[String], out: &Path) {
    use std::fmt::Write;
    let dates = crosscheck::extract::dates::DateFinder::new(&rules.dates).expect("dates");
    let numbers = crosscheck::extract::numbers::NumberFinder::new(&rules.numbers).expect("numbers");
    let times = crosscheck::extract::times::TimeFinder::new(&rules.timex).expect("times");
    let mut text = String::new();
    for s in sentences {
        for s in [s.clone(), s.to_lowercase(), s.to_uppercase()] {
            writeln!(text, "## {s}").unwrap();
            for dct in [chrono::NaiveDate::from_ymd_opt(2025, 12, 4), chrono::NaiveDate::from_ymd_opt(1998, 3, 1), None]
            {
                writeln!(text, "dates {:?}", dates.find(&s, dct)).unwrap();
                let n = numbers.find(&s, &[]);
                writeln!(text, "numbers {n:?}").unwrap();
                for day_first in [false, true] {
                    writeln!(text, "times {:?}", times.find(&s, &n, dct, day_first)).unwrap();
                    writeln!(text, "tagger {:?}", tagger.tag_sentence_in(&s, dct, day_first)).unwrap();
                }
                writeln!(text, "anaphora {:?}", times.anaphora(&s)).unwrap();
            }
        }
    }
    std::fs::write(out, text).expect("dump written");
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    let roots: Vec<PathBuf> =
        if args.is_empty() { vec![PathBuf::from("fixtures")] } else { args.iter().map(PathBuf::from).collect() };
    let mut paths = Vec::new();
    for r in &roots {
        files(r, &mut paths);
    }
    let rules = Rules::built_in().expect("built-in rules");
    let tagger = Tagger::new(&rules).expect("tagger");
    let dct = chrono::NaiveDate::from_ymd_opt(2025, 12, 4);
    let mut sentences: Vec<String> = Vec::new();
    for p in &paths {
        let text = std::fs::read_to_string(p).unwrap_or_default();
        // A JSONL corpus (`crosscheck eval timex` shape): the `text` of each line.
        let texts: Vec<String> = if p.extension().is_some_and(|e| e == "jsonl") {
            text.lines()
                .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
                .filter_map(|v| v.get("text").and_then(|t| t.as_str()).map(str::to_string))
                .collect()
        } else {
            vec![text]
        };
        for text in &texts {
            let norm = Normalized::plain(text);
            for para in paragraphs(&norm.text) {
                for s in split(&norm.text, para, &rules.segment) {
                    sentences.push(s.of(&norm.text).to_string());
                }
            }
        }
    }
    if let Ok(out) = std::env::var("BENCH_DUMP") {
        dump(&rules, &tagger, &sentences, Path::new(&out));
        return;
    }
    let bytes: usize = sentences.iter().map(String::len).sum();
    // Stage by stage, to see where the time goes.
    let dates = crosscheck::extract::dates::DateFinder::new(&rules.dates).expect("dates");
    let numbers = crosscheck::extract::numbers::NumberFinder::new(&rules.numbers).expect("numbers");
    let times = crosscheck::extract::times::TimeFinder::new(&rules.timex).expect("times");
    let per = |name: &str, f: &dyn Fn(&str) -> usize| {
        let mut k = 0usize;
        let (n, elapsed) = time(Duration::from_secs(1), || {
            for s in &sentences {
                k += f(s);
            }
        });
        std::hint::black_box(k);
        println!("  {name}: {:.0} sentences/s", (n as f64 * sentences.len() as f64) / elapsed.as_secs_f64());
    };
    // BENCH_ONLY=tagger skips the stages and the pipeline, for profiling
    // the tagger alone.
    let only_tagger = std::env::var("BENCH_ONLY").is_ok_and(|v| v == "tagger");
    if !only_tagger {
        per("dates", &|s| dates.find(s, dct).len());
        per("numbers", &|s| numbers.find(s, &[]).len());
        per("times", &|s| times.find(s, &[], dct, false).len());
    }
    let mut found = 0usize;
    let (n, elapsed) = time(Duration::from_secs(3), || {
        for s in &sentences {
            found += tagger.tag_sentence(s, dct).len();
        }
    });
    let per_s = (n as f64 * sentences.len() as f64) / elapsed.as_secs_f64();
    let mb_s = (n as f64 * bytes as f64) / elapsed.as_secs_f64() / 1e6;
    println!(
        "timex tagger: {} sentences ({} bytes) from {} files; {:.0} sentences/s, {:.2} MB/s on one core ({} expressions per pass)",
        sentences.len(),
        bytes,
        paths.len(),
        per_s,
        mb_s,
        found as u64 / n.max(1)
    );

    if only_tagger {
        return;
    }
    let mut groups: Vec<Vec<PathBuf>> = Vec::new();
    for p in &paths {
        match groups.last_mut() {
            Some(g) if g[0].parent() == p.parent() => g.push(p.clone()),
            _ => groups.push(vec![p.clone()]),
        }
    }
    let inputs: Vec<Vec<(PathBuf, Vec<u8>)>> =
        groups.iter().map(|g| g.iter().map(|p| (p.clone(), std::fs::read(p).unwrap_or_default())).collect()).collect();
    let total: usize = inputs.iter().flatten().map(|(_, b)| b.len()).sum();
    let checker = crosscheck::Checker::new(&rules).expect("checker");
    let (n, elapsed) = time(Duration::from_secs(3), || {
        for group in &inputs {
            let docs = group
                .iter()
                .enumerate()
                .filter_map(|(i, (p, b))| crosscheck::document::from_bytes(p, b.clone(), i).ok())
                .collect();
            let run = checker.analyse(docs);
            std::hint::black_box(run.findings.len());
        }
    });
    println!(
        "check pipeline: {} runs, {} reports, {} bytes; {:.2} MB/s, {:.0} reports/s on one core",
        inputs.len(),
        paths.len(),
        total,
        (n as f64 * total as f64) / elapsed.as_secs_f64() / 1e6,
        (n as f64 * paths.len() as f64) / elapsed.as_secs_f64()
    );
}
