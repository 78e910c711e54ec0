//! `crosscheck batch`: the report in every format, streaming order,
//! standard input, bad lines, determinism and exit codes.

use crate::common::{root, run, Report};
use assert_cmd::Command;

const FEED: &str = "fixtures/batch/feed.jsonl";

fn json_lines(stdout: &str) -> Vec<serde_json::Value> {
    stdout.lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"))).collect()
}

#[test]
fn text_report_has_a_section_per_group_and_lists_the_unchecked() {
    let out = run(&["batch", FEED]);
    assert_eq!(out.code, 1, "a conflict fails the run by default: {}", out.stderr);
    let text = &out.stdout;
    assert!(text.starts_with("crosscheck batch: 10 reports (5.9 KiB) in 5 groups: 4 checked, 1 unchecked"), "{text}");
    let headings: Vec<&str> = text.lines().filter(|l| l.starts_with("=== group")).collect();
    assert_eq!(headings.len(), 4, "{headings:?}");
    for (i, h) in headings.iter().enumerate() {
        assert!(h.starts_with(&format!("=== group {}: ", i + 1)), "group order: {h}");
    }
    assert!(headings[0].contains("3 reports") && headings[0].contains("antofagasta"), "{}", headings[0]);
    // Each section is the check report of its group.
    assert!(text.contains("[3] fixtures/batch/feed.jsonl:3: published 2025-12-05"), "{text}");
    assert!(text.contains("=== unchecked: 1 report, each the only one of its event ===\n  lyon-strike-1 (fixtures/batch/feed.jsonl:10): Lyon bus drivers strike"), "{text}");
    assert!(text.trim_end().ends_with("in 4 groups checked; 1 report unchecked; 0 errors"), "{text}");
}

#[test]
fn json_report_embeds_a_check_report_per_group() {
    let out = run(&["batch", "--format", "json", "--fail-on", "never", FEED]);
    assert_eq!(out.code, 0, "--fail-on never: {}", out.stderr);
    let batch: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(batch["schema"], "crosscheck.batch/1");
    assert_eq!(batch["feed"]["reports"], 10);
    assert_eq!(batch["feed"]["checked"], 4);
    let groups = batch["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 4);
    let mut findings = 0;
    for (i, g) in groups.iter().enumerate() {
        assert_eq!(g["group"], i + 1);
        // The embedded report is a full crosscheck.report/1 report.
        let report: Report = serde_json::from_value(g["report"].clone()).unwrap();
        assert_eq!(report.schema, "crosscheck.report/1");
        let ids: Vec<&str> = report.documents.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(serde_json::json!(ids), g["reports"]);
        findings += report.findings.len();
    }
    assert_eq!(batch["unchecked"][0]["id"], "lyon-strike-1");
    let summary = &batch["summary"];
    let total = ["conflict", "warning", "info"].iter().map(|k| summary["findings"][k].as_u64().unwrap()).sum::<u64>();
    assert_eq!(total as usize, findings, "the summary counts every group's findings");
    assert_eq!(summary["errors"], 0);
}

#[test]
fn jsonl_streams_feed_groups_unchecked_and_summary_in_order() {
    let out = run(&["batch", "--format", "jsonl", FEED]);
    let lines = json_lines(&out.stdout);
    let types: Vec<&str> = lines.iter().map(|l| l["type"].as_str().unwrap()).collect();
    assert_eq!(types, ["feed", "group", "group", "group", "group", "unchecked", "summary"]);
    assert!(lines.iter().all(|l| l["schema"] == "crosscheck.batch/1"));
    let numbers: Vec<u64> = lines[1..5].iter().map(|l| l["group"].as_u64().unwrap()).collect();
    assert_eq!(numbers, [1, 2, 3, 4]);
    // The same groups and reports as the JSON report.
    let json: serde_json::Value = serde_json::from_str(&run(&["batch", "--format", "json", FEED]).stdout).unwrap();
    for (line, group) in lines[1..5].iter().zip(json["groups"].as_array().unwrap()) {
        assert_eq!(line["reports"], group["reports"]);
        assert_eq!(line["report"], group["report"]);
    }
}

#[test]
fn stdin_gives_the_same_report_as_the_file() {
    let feed = std::fs::read(root().join(FEED)).unwrap();
    let out = Command::cargo_bin("crosscheck")
        .unwrap()
        .current_dir(root())
        .args(["batch", "--format", "json", "-"])
        .write_stdin(feed)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let from_stdin = String::from_utf8(out.stdout).unwrap();
    assert!(from_stdin.contains("\"<stdin>:10\""), "reports from stdin are named <stdin>:LINE");
    let from_file = run(&["batch", "--format", "json", FEED]).stdout;
    assert_eq!(from_stdin.replace("<stdin>:", "fixtures/batch/feed.jsonl:"), from_file);
}

#[test]
fn output_is_byte_identical_whatever_the_threads() {
    let one = run(&["batch", "--format", "jsonl", "-j", "1", FEED, "fixtures/batch/folder"]);
    for _ in 0..3 {
        let two = run(&["batch", "--format", "jsonl", "-j", "2", FEED, "fixtures/batch/folder"]);
        assert_eq!(one.stdout, two.stdout);
    }
    let text_a = run(&["batch", FEED, "fixtures/batch/folder"]).stdout;
    let text_b = run(&["batch", FEED, "fixtures/batch/folder"]).stdout;
    assert_eq!(text_a, text_b);
    assert!(text_a.contains("harbour-fire-a.txt"), "folders and files mix in one feed");
}

#[test]
fn a_bad_line_names_the_file_and_line_and_the_rest_is_checked() {
    let out = run(&["batch", "--format", "json", "fixtures/batch/bad.jsonl"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{:?}", out.stderr);
    assert!(
        lines[0].starts_with("crosscheck: error: fixtures/batch/bad.jsonl:2: not a JSON report document"),
        "{}",
        lines[0]
    );
    let batch: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(batch["feed"]["reports"], 2, "lines 1 and 3 are still read");
    assert_eq!(batch["errors"][0]["path"], "fixtures/batch/bad.jsonl:2");
    assert_eq!(batch["summary"]["errors"], 1);
}

#[test]
fn duplicate_ids_and_missing_inputs_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("twice.jsonl");
    let line = r#"{"id": "same", "published": "2025-12-04", "text": "The council met in Lyon on Thursday."}"#;
    std::fs::write(&feed, format!("{line}\n\n{line}\n")).unwrap();
    let out = run(&["batch", feed.to_str().unwrap()]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("twice.jsonl:3: id \"same\" is already used by"), "{}", out.stderr);
    assert!(out.stdout.contains("1 report unchecked"), "the first one is kept: {}", out.stdout);

    let out = run(&["batch", "no-such-feed.jsonl"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("no-such-feed.jsonl: no such file"), "{}", out.stderr);

    let out = run(&["batch", "-", "-"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("standard input"), "{}", out.stderr);
}

#[test]
fn no_progress_bar_when_stderr_is_not_a_terminal() {
    let out = run(&["batch", "--format", "jsonl", FEED]);
    assert!(out.stderr.is_empty(), "{:?}", out.stderr);
}

#[test]
fn sarif_is_one_valid_log_with_a_run_per_checked_group() {
    let out = run(&["batch", "--format", "sarif", "--fail-on", "never", FEED]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let sarif: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    crate::formats::Schema::load("tests/sarif-schema-2.1.0.json").assert_valid(&sarif, "batch SARIF");
    let runs = sarif["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 4, "one run per checked group");
    // Each run is the one `check` writes for that group's reports.
    let json: serde_json::Value =
        serde_json::from_str(&run(&["batch", "--format", "json", "--fail-on", "never", FEED]).stdout).unwrap();
    for (r, g) in runs.iter().zip(json["groups"].as_array().unwrap()) {
        assert_eq!(r["results"].as_array().unwrap().len(), g["report"]["findings"].as_array().unwrap().len());
    }
}

#[test]
fn github_annotations_come_group_by_group_then_the_totals() {
    let out = run(&["batch", "--format", "github", FEED]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert!(lines.iter().any(|l| l.starts_with("::error file=")), "{}", out.stdout);
    assert!(lines.iter().all(|l| l.starts_with("::")), "only workflow commands: {}", out.stdout);
    let last = lines.last().unwrap();
    assert!(last.starts_with("::notice title=crosscheck batch::") && last.contains("in 4 groups checked"), "{last}");
}
