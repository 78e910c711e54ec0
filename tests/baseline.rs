//! Baselines: `--write-baseline` then `--baseline` suppresses every
//! finding in every format and exits 0; stale entries and bad files are
//! reported; fingerprints survive unrelated edits of the reports and change
//! with the claims.

use crate::common::{root, run, Output};
use crate::formats::Schema;
use serde_json::Value;
use std::path::{Path, PathBuf};

const SEEDS: [&str; 2] = ["000_8df2014312879b32.txt", "001_3bb6fdf6df903105.txt"];
const TODO: &str = "TODO: say why this finding is accepted";

/// A copy of the seed reports in a temporary folder, under their names.
fn seed_copy() -> (tempfile::TempDir, Vec<PathBuf>) {
    let dir = tempfile::tempdir().unwrap();
    let files = SEEDS
        .iter()
        .map(|name| {
            let to = dir.path().join(name);
            std::fs::copy(root().join("fixtures/seeds").join(name), &to).unwrap();
            to
        })
        .collect();
    (dir, files)
}

fn check(files: &[PathBuf], args: &[&str]) -> Output {
    let mut argv = vec!["check".to_string()];
    argv.extend(args.iter().map(|a| a.to_string()));
    argv.extend(files.iter().map(|f| f.display().to_string()));
    run(&argv.iter().map(String::as_str).collect::<Vec<_>>())
}

fn json(out: &Output) -> Value {
    serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}\n{}", out.stdout, out.stderr))
}

fn read(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The findings' ids, sorted.
fn ids(report: &Value) -> Vec<String> {
    let mut ids: Vec<String> =
        report["findings"].as_array().unwrap().iter().map(|f| f["id"].as_str().unwrap().to_string()).collect();
    ids.sort();
    ids.dedup();
    ids
}

#[test]
fn write_then_baseline_suppresses_everything_in_every_format() {
    let (dir, files) = seed_copy();
    let baseline = dir.path().join("baseline.json");
    let b = baseline.to_str().unwrap();
    let before = json(&check(&files, &["--format", "json"]));
    assert!(!before["findings"].as_array().unwrap().is_empty());

    let out = check(&files, &["--format", "json", "--write-baseline", b]);
    assert_eq!(out.code, 0, "writing a baseline accepts the findings: {}", out.stderr);
    assert!(out.stderr.contains("wrote") && out.stderr.contains("TODO reason"), "{}", out.stderr);
    let written = read(&baseline);
    Schema::load("schema/baseline.schema.json").assert_valid(&written, "the written baseline");
    let entries = written["entries"].as_array().unwrap();
    let mut fingerprints: Vec<String> = entries.iter().map(|e| e["fingerprint"].as_str().unwrap().into()).collect();
    assert_eq!(
        {
            fingerprints.sort();
            fingerprints
        },
        ids(&before),
        "every finding, once"
    );
    let keys: Vec<(String, String)> = entries
        .iter()
        .map(|e| (e["rule"].as_str().unwrap().into(), e["fingerprint"].as_str().unwrap().into()))
        .collect();
    assert!(keys.windows(2).all(|w| w[0] < w[1]), "sorted by rule then fingerprint: {keys:?}");
    assert!(entries.iter().all(|e| e["reason"] == TODO));
    let text = std::fs::read_to_string(&baseline).unwrap();
    check(&files, &["--write-baseline", b]);
    assert_eq!(std::fs::read_to_string(&baseline).unwrap(), text, "rewriting is deterministic");

    // JSON: every finding carries the reason; exit 0 although there are conflicts.
    let out = check(&files, &["--format", "json", "--baseline", b]);
    assert_eq!(out.code, 0, "suppressed findings do not fail the run: {}", out.stderr);
    let report = json(&out);
    Schema::load("schema/report.schema.json").assert_valid(&report, "a report with a baseline");
    for f in report["findings"].as_array().unwrap() {
        assert_eq!(f["suppressed"]["reason"], TODO);
    }
    assert_eq!(report["baseline"]["suppressed"], report["findings"].as_array().unwrap().len());
    assert_eq!(report["baseline"]["stale"], serde_json::json!([]));
    assert!(out.stderr.is_empty(), "no stale entry, no note: {}", out.stderr);
    // --fail-on info counts only findings that are not suppressed.
    assert_eq!(check(&files, &["--baseline", b, "--fail-on", "info"]).code, 0);

    // Text: listed as suppressed and left out of the counts.
    let text = check(&files, &["--baseline", b]).stdout;
    assert!(text.contains("Suppressed by the baseline"), "{text}");
    assert!(text.contains("0 conflicts, 0 warnings, 0 infos, 4 suppressed by the baseline"), "{text}");
    assert!(!text.contains("= id:"), "suppressed findings are not shown in full");

    // SARIF: suppressions with the justification; still valid.
    let sarif: Value = serde_json::from_str(&check(&files, &["--format", "sarif", "--baseline", b]).stdout).unwrap();
    Schema::load("tests/sarif-schema-2.1.0.json").assert_valid(&sarif, "SARIF with suppressions");
    for r in sarif["runs"][0]["results"].as_array().unwrap() {
        assert_eq!(
            r["suppressions"],
            serde_json::json!([{"kind": "external", "status": "accepted", "justification": TODO}])
        );
    }

    // JSON Lines: each finding line says so.
    let lines = check(&files, &["--format", "jsonl", "--baseline", b]).stdout;
    let jsonl = Schema::load("schema/jsonl.schema.json");
    for line in lines.lines() {
        let o: Value = serde_json::from_str(line).unwrap();
        jsonl.assert_valid(&o, "a JSON line with a baseline");
        match o["type"].as_str().unwrap() {
            "finding" => assert_eq!(o["suppressed"]["reason"], TODO),
            "summary" => assert_eq!(o["suppressed"], entries.len()),
            other => panic!("unexpected line {other}"),
        }
    }

    // GitHub: no annotation for a suppressed finding, a debug line and a count.
    let github = check(&files, &["--format", "github", "--baseline", b]).stdout;
    assert!(!github.contains("::error") && !github.contains("::warning"), "{github}");
    assert_eq!(github.lines().filter(|l| l.starts_with("::debug::suppressed")).count(), entries.len());
    assert!(github.contains("4 findings suppressed by the baseline"), "{github}");
}

#[test]
fn rewriting_keeps_reasons_and_partial_baselines_still_fail() {
    let (dir, files) = seed_copy();
    let baseline = dir.path().join("baseline.json");
    let b = baseline.to_str().unwrap();
    check(&files, &["--write-baseline", b]);
    // An editor accepts the date conflicts only, with a reason.
    let mut edited = read(&baseline);
    let entries = edited["entries"].as_array_mut().unwrap();
    entries.retain(|e| e["rule"] == "date-conflict");
    assert_eq!(entries.len(), 2);
    for e in entries.iter_mut() {
        e["reason"] = "checked with the ministry: June is right".into();
    }
    std::fs::write(&baseline, serde_json::to_string_pretty(&edited).unwrap()).unwrap();
    let out = check(&files, &["--format", "json", "--baseline", b, "--fail-on", "info"]);
    assert_eq!(out.code, 1, "the quote infos are not in the baseline");
    assert_eq!(check(&files, &["--baseline", b]).code, 0, "the conflicts are");
    let report = json(&out);
    for f in report["findings"].as_array().unwrap() {
        assert_eq!(f["suppressed"].is_null(), f["rule"] != "date-conflict", "{f}");
    }
    // Rewriting keeps the editor's reasons and gives the new entries a TODO.
    let out = check(&files, &["--write-baseline", b]);
    assert!(out.stderr.contains("wrote 4 entries") && out.stderr.contains("(2 with a TODO"), "{}", out.stderr);
    for e in read(&baseline)["entries"].as_array().unwrap() {
        let expected = if e["rule"] == "date-conflict" { "checked with the ministry: June is right" } else { TODO };
        assert_eq!(e["reason"], expected);
    }
}

#[test]
fn stale_entries_are_reported_and_do_not_fail() {
    let (dir, files) = seed_copy();
    let baseline = dir.path().join("baseline.json");
    let b = baseline.to_str().unwrap();
    check(&files, &["--write-baseline", b]);
    let mut edited = read(&baseline);
    edited["entries"].as_array_mut().unwrap().push(serde_json::json!({
        "fingerprint": "00000000deadbeef", "rule": "number-conflict", "kind": "number",
        "message": "toll: \"12\" vs \"15\"", "reason": "fixed upstream"}));
    std::fs::write(&baseline, serde_json::to_string_pretty(&edited).unwrap()).unwrap();
    let out = check(&files, &["--format", "json", "--baseline", b]);
    assert_eq!(out.code, 0);
    let notes: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(notes.len(), 1, "{}", out.stderr);
    assert!(notes[0].contains(b) && notes[0].contains("stale") && notes[0].contains("00000000deadbeef"));
    let report = json(&out);
    assert_eq!(report["baseline"]["stale"][0]["fingerprint"], "00000000deadbeef");
    assert_eq!(report["baseline"]["stale"].as_array().unwrap().len(), 1);
    let text = check(&files, &["--baseline", b]).stdout;
    assert!(text.contains("Stale entries of the baseline") && text.contains("00000000deadbeef"), "{text}");
    let sarif: Value = serde_json::from_str(&check(&files, &["--format", "sarif", "--baseline", b]).stdout).unwrap();
    let notes = &sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"];
    assert_eq!(notes[0]["level"], "note");
    assert!(notes[0]["message"]["text"].as_str().unwrap().contains("00000000deadbeef"));
    let lines = check(&files, &["--format", "jsonl", "--baseline", b]).stdout;
    assert!(lines.lines().any(|l| l.contains(r#""type":"stale","fingerprint":"00000000deadbeef""#)), "{lines}");
    let github = check(&files, &["--format", "github", "--baseline", b]).stdout;
    assert!(github.contains("::notice title=crosscheck baseline::") && github.contains("00000000deadbeef"));
    // Rewriting drops the stale entry.
    check(&files, &["--write-baseline", b]);
    assert!(!std::fs::read_to_string(&baseline).unwrap().contains("deadbeef"));
}

#[test]
fn a_bad_baseline_is_a_one_line_error_and_exit_2() {
    let (dir, files) = seed_copy();
    let baseline = dir.path().join("baseline.json");
    let b = baseline.to_str().unwrap();
    let cases: [(&str, &str); 5] = [
        ("{\"schema\": \"crosscheck.baseline/1\", \"entries\": [", "not JSON"),
        ("{\"entries\": []}", "no \"schema\""),
        ("{\"schema\": \"crosscheck.report/1\", \"entries\": []}", "is not \"crosscheck.baseline/1\""),
        (
            r#"{"schema": "crosscheck.baseline/1", "entries": [{"fingerprint": "abc", "rule": "r", "kind": "k", "message": "m", "reason": "r"}]}"#,
            "16 lowercase hex",
        ),
        (
            r#"{"schema": "crosscheck.baseline/1", "entries": [{"fingerprint": "0123456789abcdef", "rule": "r", "kind": "k", "message": "m"}]}"#,
            "missing field `reason`",
        ),
    ];
    for (text, expect) in cases {
        std::fs::write(&baseline, text).unwrap();
        for flag in ["--baseline", "--write-baseline"] {
            let out = check(&files, &[flag, b]);
            assert_eq!(out.code, 2, "{flag} {text}: {}", out.stderr);
            let lines: Vec<&str> = out.stderr.lines().collect();
            assert_eq!(lines.len(), 1, "one line: {}", out.stderr);
            assert!(lines[0].contains(b) && lines[0].contains(expect), "{expect}: {}", lines[0]);
            assert!(out.stdout.is_empty(), "nothing is reported with a bad baseline");
        }
        assert_eq!(std::fs::read_to_string(&baseline).unwrap(), text, "a bad baseline is never overwritten");
    }
    let out = check(&files, &["--baseline", dir.path().join("missing.json").to_str().unwrap()]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("missing.json: no such baseline file"), "{}", out.stderr);
}

#[test]
fn no_baseline_is_written_when_an_input_cannot_be_read() {
    let (dir, mut files) = seed_copy();
    let baseline = dir.path().join("baseline.json");
    files.push(dir.path().join("missing.txt"));
    let out = check(&files, &["--write-baseline", baseline.to_str().unwrap()]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("baseline not written"), "{}", out.stderr);
    assert!(!baseline.exists());
}

/// Changes `from` to `to` in `file` (the seeds repeat some paragraphs,
/// which the checker drops: every copy is changed).
fn edit(file: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(file).unwrap();
    assert!(text.contains(from), "{from:?} is in {}", file.display());
    std::fs::write(file, text.replace(from, to)).unwrap();
}

/// (id, rule, path:line:column of each claim) of every finding.
fn findings(files: &[PathBuf]) -> Vec<(String, String, Vec<String>)> {
    let report = json(&check(files, &["--format", "json"]));
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let places =
                f["claims"].as_array().unwrap().iter().map(|c| format!("{}:{}", c["doc"], c["line"])).collect();
            (f["id"].as_str().unwrap().to_string(), f["rule"].as_str().unwrap().to_string(), places)
        })
        .collect()
}

#[test]
fn fingerprints_survive_unrelated_edits_and_change_with_the_claims() {
    let (dir, files) = seed_copy();
    let original = findings(&files);
    let baseline = dir.path().join("baseline.json");
    check(&files, &["--write-baseline", baseline.to_str().unwrap()]);

    // A paragraph at the top of each report, and an unrelated sentence edited.
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        std::fs::write(
            f,
            format!("Our newsroom follows these talks closely and will keep readers informed.\n\n{text}"),
        )
        .unwrap();
    }
    edit(&files[0], "welcomed recent progress in trade talks", "welcomed the latest progress in trade talks");
    let edited = findings(&files);
    assert_eq!(edited.len(), original.len());
    for (before, after) in original.iter().zip(&edited) {
        assert_eq!((&before.0, &before.1), (&after.0, &after.1), "same finding, same fingerprint");
        assert_ne!(before.2, after.2, "the lines moved: {before:?} {after:?}");
    }
    let out = check(&files, &["--baseline", baseline.to_str().unwrap()]);
    assert_eq!((out.code, out.stderr.as_str()), (0, ""), "the baseline still suppresses everything");

    // A claim's value changed: the findings on it are new, the others stay.
    edit(&files[0], "in China in June 2025, both", "in China in May 2025, both");
    let changed = findings(&files);
    let date_conflicts = |f: &[(String, String, Vec<String>)], doc: &str| -> Vec<String> {
        f.iter()
            .filter(|x| x.1 == "date-conflict" && x.2.iter().any(|p| p.contains(doc)))
            .map(|x| x.0.clone())
            .collect()
    };
    let (old_cross, new_cross) = (date_conflicts(&edited, SEEDS[0]), date_conflicts(&changed, SEEDS[0]));
    assert_eq!(old_cross.len(), 1);
    assert!(!new_cross.is_empty(), "{changed:?}");
    for id in &new_cross {
        assert!(!old_cross.contains(id), "a new value, a new fingerprint: {changed:?}");
    }
    let all_before: Vec<&String> = edited.iter().map(|x| &x.0).collect();
    assert!(!changed.iter().any(|x| x.0 == old_cross[0]), "the old conflict is gone");
    assert!(changed.iter().any(|x| !all_before.contains(&&x.0)), "and new ones are there");
    let inside = |f: &[(String, String, Vec<String>)]| -> Vec<String> {
        f.iter().filter(|x| x.2.iter().all(|p| p.contains(SEEDS[1]))).map(|x| x.0.clone()).collect()
    };
    assert_eq!(inside(&edited), inside(&changed), "findings inside the other report keep theirs");
    assert!(!inside(&changed).is_empty());
    let out = check(&files, &["--format", "json", "--baseline", baseline.to_str().unwrap()]);
    assert_eq!(out.code, 1, "the new conflict fails the run");
    assert!(out.stderr.contains("stale baseline entry"), "the old one is stale: {}", out.stderr);
}
