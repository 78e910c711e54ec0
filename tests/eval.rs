//! `crosscheck eval timex`: figures on a tiny hand-checked fixture, the
//! dump read back as gold, and bad input.

use crate::common::{root, run};
use serde_json::Value;

const SAMPLE: &str = "fixtures/eval_timex/sample.jsonl";

#[track_caller]
fn eval_json(files: &[&str], extra: &[&str]) -> Value {
    let mut args = vec!["eval", "timex", "--format", "json"];
    args.extend_from_slice(extra);
    args.extend_from_slice(files);
    let out = run(&args);
    assert_eq!(out.code, 0, "stderr: {}", out.stderr);
    let v: Value = serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("not JSON: {e}\n{}", out.stdout));
    assert_eq!(v["schema"], "crosscheck.eval-timex/1");
    v
}

#[track_caller]
fn close(v: &Value, expect: f64) {
    let got = v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"));
    assert!((got - expect).abs() < 1e-9, "{got} != {expect}");
}

/// The fixture, by hand. Gold: a "December 4, 2025" (after "Zürich": code
/// points are not bytes), a "June" inside the tagger's "June 2025"; b
/// "March 3, 2024" with a wrong gold value, "harvest" that no tagger finds;
/// c nothing. The tagger also finds b "May 2023", not in the gold.
/// Strict 2 of 4 both ways; relaxed 3 of 4; types 3 of 3; values 2 of 3.
#[test]
fn figures_are_the_hand_computed_ones() {
    let v = eval_json(&[SAMPLE], &["--errors"]);
    assert_eq!(v["files"], serde_json::json!([SAMPLE]));
    let c = &v["counts"];
    assert_eq!(
        [
            &c["documents"],
            &c["gold"],
            &c["system"],
            &c["strict"],
            &c["relaxed"],
            &c["type_correct"],
            &c["value_correct"]
        ],
        [3, 4, 4, 2, 3, 3, 2]
    );
    for k in ["precision", "recall", "f1"] {
        close(&v["strict"][k], 0.5);
        close(&v["relaxed"][k], 0.75);
    }
    close(&v["type"]["accuracy"], 1.0);
    close(&v["type"]["f1"], 0.75);
    close(&v["value"]["accuracy"], 2.0 / 3.0);
    close(&v["value"]["f1"], 0.5);
    let date = &v["by_type"]["DATE"];
    assert_eq!([&date["gold"], &date["relaxed"], &date["system"]], [4, 3, 4]);
    close(&date["recall"], 0.75);
    close(&date["value_accuracy"], 2.0 / 3.0);
    let types: Vec<&str> = v["by_type"].as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(types.len(), 4, "{types:?}");
    let lines: Vec<&str> = v["errors"].as_array().unwrap().iter().map(|e| e["line"].as_str().unwrap()).collect();
    assert_eq!(
        lines,
        [
            r#"a: SPAN "June" got "June 2025" [DATE 2025-06]"#,
            r#"b: VALUE "March 3, 2024" gold=1999-01-01 got=2024-03-03"#,
            r#"b: MISS "harvest" [DATE 2024-09]"#,
            r#"b: FALSE "May 2023" [DATE 2023-05]"#,
        ]
    );
}

#[test]
fn text_report_is_a_table_with_the_error_lines() {
    let out = run(&["eval", "timex", "--errors", SAMPLE]);
    assert_eq!(out.code, 0, "stderr: {}", out.stderr);
    assert!(out.stdout.contains("3 documents, 4 gold timexes, 4 system timexes"), "{}", out.stdout);
    let row = |name: &str| out.stdout.lines().find(|l| l.starts_with(name)).unwrap_or_default().to_string();
    assert!(row("strict ").contains("50.00"), "{}", out.stdout);
    assert!(row("relaxed ").contains("75.00"), "{}", out.stdout);
    assert!(row("value ").contains("66.67") && row("value ").contains("50.00"), "{}", out.stdout);
    assert!(out.stdout.lines().any(|l| l == r#"b: MISS "harvest" [DATE 2024-09]"#), "{}", out.stdout);
    let plain = run(&["eval", "timex", SAMPLE]);
    assert!(!plain.stdout.contains("MISS"), "no error lines without --errors");
}

#[test]
fn dump_read_back_as_gold_scores_perfectly() {
    let dir = tempfile::tempdir().unwrap();
    let dump = dir.path().join("system.jsonl");
    let first = eval_json(&[SAMPLE], &["--dump", dump.to_str().unwrap()]);
    let dumped = std::fs::read_to_string(&dump).unwrap();
    assert_eq!(dumped.lines().count(), 3, "one line per document, even without timexes:\n{dumped}");
    let a: Value = serde_json::from_str(dumped.lines().next().unwrap()).unwrap();
    // Code points, not bytes: "ü" before the date is one code point, two bytes.
    assert_eq!(
        a["timexes"][0],
        serde_json::json!({"start": 31, "end": 47, "text": "December 4, 2025", "type": "DATE", "value": "2025-12-04"})
    );
    let sample = std::fs::read_to_string(root().join(SAMPLE)).unwrap();
    let gold_a: Value = serde_json::from_str(sample.lines().next().unwrap()).unwrap();
    assert_eq!((&a["doc"], &a["dct"], &a["text"]), (&gold_a["doc"], &gold_a["dct"], &gold_a["text"]));

    let again = eval_json(&[dump.to_str().unwrap()], &["--errors"]);
    assert_eq!(again["counts"]["gold"], first["counts"]["system"]);
    for part in ["strict", "relaxed"] {
        for k in ["precision", "recall", "f1"] {
            close(&again[part][k], 1.0);
        }
    }
    close(&again["value"]["f1"], 1.0);
    close(&again["type"]["f1"], 1.0);
    assert_eq!(again["errors"], serde_json::json!([]));

    // Several files: the figures are over all of them.
    let both = eval_json(&[SAMPLE, dump.to_str().unwrap()], &[]);
    assert_eq!([&both["counts"]["documents"], &both["counts"]["gold"], &both["counts"]["relaxed"]], [6, 8, 7]);
}

#[track_caller]
fn assert_bad(args: &[&str], names: &str, says: &str) {
    let out = run(args);
    assert_eq!(out.code, 2, "bad input exits 2; stderr: {}", out.stderr);
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "one line of error: {:?}", out.stderr);
    assert!(lines[0].contains(names), "names {names}: {}", lines[0]);
    assert!(lines[0].contains(says), "says {says:?}: {}", lines[0]);
    assert!(out.stdout.is_empty(), "no report: {}", out.stdout);
}

#[test]
fn bad_input_is_one_line_naming_the_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.jsonl");
    let sample = std::fs::read_to_string(root().join(SAMPLE)).unwrap();
    // Line 2 with byte offsets instead of code points ("é" is two bytes).
    let shifted = sample.replace(r#""start": 19, "end": 32"#, r#""start": 20, "end": 33"#);
    assert_ne!(shifted, sample);
    std::fs::write(&bad, &shifted).unwrap();
    let path = bad.to_str().unwrap();
    assert_bad(&["eval", "timex", SAMPLE, path], path, "line 2: doc \"b\": timex 1");

    std::fs::write(&bad, format!("{}\n{{\"doc\": \"x\", \"text\": \n", sample.trim_end())).unwrap();
    assert_bad(&["eval", "timex", "--format", "json", path], path, "line 4");

    let missing = dir.path().join("missing.jsonl");
    assert_bad(&["eval", "timex", missing.to_str().unwrap()], missing.to_str().unwrap(), "no such file");
}
