//! `crosscheck eval DIR`: small labelled clusters built in a temporary
//! folder, scored through the binary; bad clusters are one-line errors.

use crate::common::run;
use serde_json::{json, Value};
use std::path::Path;

/// The seed pair's conflict, as in the date tests of `src/compare`: June
/// 2025 against September 1 (of the publication year) for one summit.
const JUNE: &str = "The leaders met at the SCO Summit in Tianjin in June 2025.\n";
const SEPTEMBER: &str =
    "Other news from Delhi.\nThe leaders last met on September 1 this year in Tianjin, on the sidelines of the SCO Summit.\n";

/// The labelled pair of texts, as `a` and `b` of a label.
fn summit_pair(kind: &str) -> Value {
    json!({"kind": kind, "a": {"file": "a.txt", "text": "June 2025"},
           "b": {"file": "b.txt", "text": "September 1 this year"}, "note": "one summit"})
}

/// Writes cluster `name` under `root`: `a.txt` and `b.txt` (the summit
/// pair), their `meta.json` (published 2025-12-04 when `dated`) and
/// `labels`.
fn summit(root: &Path, name: &str, dated: bool, labels: Value) {
    let dir = root.join(name);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("a.txt"), JUNE).unwrap();
    std::fs::write(dir.join("b.txt"), SEPTEMBER).unwrap();
    let published = if dated { json!("2025-12-04") } else { Value::Null };
    let meta = json!({"event": "SCO Summit", "docs": [
        {"file": "a.txt", "outlet": "Wire", "url": "https://example.com/a", "published": published},
        {"file": "b.txt", "outlet": "Paper", "url": "https://example.com/b", "published": published}]});
    std::fs::write(dir.join("meta.json"), meta.to_string()).unwrap();
    std::fs::write(dir.join("labels.json"), labels.to_string()).unwrap();
}

/// Runs `eval --format json DIR` (and `extra`), checks the schema.
#[track_caller]
fn eval_json(dir: &Path, extra: &[&str]) -> Value {
    let mut args = vec!["eval", "--format", "json"];
    args.extend_from_slice(extra);
    args.push(dir.to_str().unwrap());
    let out = run(&args);
    assert_eq!(out.code, 0, "stderr: {}", out.stderr);
    let v: Value = serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("not JSON: {e}\n{}", out.stdout));
    assert_eq!(v["schema"], "crosscheck.eval/1");
    v
}

#[track_caller]
fn counts(v: &Value, keys: &[&str]) -> Vec<u64> {
    keys.iter().map(|k| v[k].as_u64().unwrap_or_else(|| panic!("{k} is not a count: {v}"))).collect()
}

#[test]
fn a_planted_date_conflict_found_scores_recall_and_precision_one() {
    let dir = tempfile::tempdir().unwrap();
    summit(dir.path(), "sco", true, json!({"conflicts": [summit_pair("date")]}));
    // A report the meta does not list is not read: it would add flags.
    std::fs::write(dir.path().join("sco/extra.txt"), JUNE.replace("June", "March")).unwrap();
    let v = eval_json(dir.path(), &[]);
    let o = &v["overall"];
    assert_eq!(counts(o, &["conflict_labels", "found", "flags", "matched", "false_alarms"]), [1, 1, 1, 1, 0]);
    assert_eq!([&o["precision"], &o["recall"], &o["f1"]], [1.0, 1.0, 1.0]);
    assert_eq!([&v["by_kind"]["date"]["precision"], &v["by_kind"]["date"]["recall"]], [1.0, 1.0]);
    assert_eq!(counts(&v["counts"], &["clusters", "reports", "flags"]), [1, 2, 1]);
    assert!(v.get("errors").is_none(), "errors only with --errors");
}

#[test]
fn the_publication_dates_come_from_meta_json() {
    // Without them "September 1 this year" has no year: nothing to flag.
    let dir = tempfile::tempdir().unwrap();
    summit(dir.path(), "sco", false, json!({"conflicts": [summit_pair("date")]}));
    let v = eval_json(dir.path(), &["--errors"]);
    assert_eq!(counts(&v["overall"], &["found", "flags"]), [0, 0]);
    assert_eq!(v["overall"]["recall"], 0.0);
    let missed = &v["errors"]["missed"][0];
    assert_eq!(
        (&missed["cluster"], &missed["a"]["text"], &missed["b"]["line"]),
        (&json!("sco"), &json!("June 2025"), &json!(2))
    );
}

#[test]
fn a_flagged_trap_is_a_trap_false_alarm() {
    let dir = tempfile::tempdir().unwrap();
    summit(dir.path(), "sco", true, json!({"conflicts": [], "consistent": [summit_pair("date")]}));
    let v = eval_json(dir.path(), &["--errors"]);
    let o = &v["overall"];
    assert_eq!(counts(o, &["traps", "flags", "matched", "false_alarms", "trap_false_alarms"]), [1, 1, 0, 1, 1]);
    assert_eq!(o["precision"], 0.0);
    assert_eq!(v["by_kind"]["date"]["trap_false_alarms"], 1);
    let alarm = &v["errors"]["false_alarms"][0];
    assert_eq!((&alarm["kind"], &alarm["rule"]), (&json!("date"), &json!("date-conflict")));
    assert_eq!(alarm["labels"][0]["section"], "consistent");

    let out = run(&["eval", "--errors", dir.path().to_str().unwrap()]);
    assert_eq!(out.code, 0, "stderr: {}", out.stderr);
    let line = out.stdout.lines().find(|l| l.starts_with("sco: FALSE")).unwrap_or_else(|| panic!("{}", out.stdout));
    let a = dir.path().join("sco/a.txt").display().to_string();
    let b = dir.path().join("sco/b.txt").display().to_string();
    assert_eq!(
        line,
        format!(
            "sco: FALSE date [date-conflict] \"June 2025\" {a}:1:49 / \"September 1 this year\" {b}:2:25; \
             trap consistent #1 (one summit)"
        )
    );
    let row = out.stdout.lines().find(|l| l.starts_with("date")).unwrap();
    let cells: Vec<&str> = row.split_whitespace().collect();
    // kind, *, conflicts, found, traps, ambig, flags, matched, excluded, false, trap FA, P, R, F1
    assert_eq!(cells, ["date", "*", "0", "0", "1", "0", "1", "0", "0", "1", "1", "0.00", "0.00", "0.00"]);
}

#[test]
fn an_ambiguous_label_takes_its_flag_out_of_precision() {
    let dir = tempfile::tempdir().unwrap();
    summit(dir.path(), "b-unsure", true, json!({"conflicts": [], "ambiguous": [summit_pair("date")]}));
    summit(dir.path(), "a-sure", true, json!({"conflicts": [summit_pair("date")]}));
    let v = eval_json(dir.path(), &[]);
    let o = &v["overall"];
    assert_eq!(counts(o, &["flags", "matched", "excluded", "false_alarms", "ambiguous_labels"]), [2, 1, 1, 0, 1]);
    assert_eq!([&o["precision"], &o["recall"]], [1.0, 1.0], "1 matched of 2 flags less 1 excluded");
    let names: Vec<&str> = v["clusters"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["a-sure", "b-unsure"], "sorted by folder name");
    assert_eq!(v["clusters"][1]["excluded"], 1);
}

#[test]
fn a_flag_of_another_kind_matches_and_is_listed() {
    let dir = tempfile::tempdir().unwrap();
    summit(dir.path(), "sco", true, json!({"conflicts": [summit_pair("time")]}));
    let v = eval_json(dir.path(), &[]);
    assert_eq!(counts(&v["overall"], &["found", "matched", "kind_mismatches"]), [1, 1, 1]);
    assert_eq!(v["by_kind"]["time"]["recall"], 1.0);
    assert_eq!(v["by_kind"]["date"]["precision"], 1.0);
    let m = &v["kind_mismatches"][0];
    assert_eq!((&m["kind"], &m["labels"][0]["kind"]), (&json!("date"), &json!("time")));
    assert!(m["line"].as_str().unwrap().starts_with("sco: KIND date [date-conflict] matched conflicts #1 (time)"));
}

#[test]
fn copies_are_scored_against_the_detector() {
    let dir = tempfile::tempdir().unwrap();
    summit(dir.path(), "sco", true, json!({"conflicts": [], "copies": [{"file": "b.txt", "source": "a.txt"}]}));
    let v = eval_json(dir.path(), &[]);
    assert_eq!(v["counts"]["labelled"]["copies"].as_u64().or(v["counts"]["labels"]["copies"].as_u64()), Some(1));
    // The two one-sentence reports share no wire passage: the labelled copy
    // is missed.
    let scores = &v["copies"]["scores"];
    assert_eq!((&scores["labelled"], &scores["detected"], &scores["recall"]), (&json!(1), &json!(0), &json!(0.0)));
    assert_eq!(v["copies"].as_object().unwrap().len(), 2, "labelled and scores only: {}", v["copies"]);
}

/// Runs `eval DIR` on a bad input: exit 2, one line naming `names`, saying
/// each of `says`.
#[track_caller]
fn assert_bad(dir: &Path, names: &str, says: &[&str]) {
    let out = run(&["eval", dir.to_str().unwrap()]);
    assert_eq!(out.code, 2, "bad input exits 2; stdout: {}", out.stdout);
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "one line of error: {:?}", out.stderr);
    assert!(lines[0].contains(names), "names {names}: {}", lines[0]);
    for s in says {
        assert!(lines[0].contains(s), "says {s:?}: {}", lines[0]);
    }
    assert!(out.stdout.is_empty(), "no report: {}", out.stdout);
}

#[test]
fn a_label_text_not_in_its_file_is_an_input_error() {
    let dir = tempfile::tempdir().unwrap();
    let mut pair = summit_pair("date");
    pair["b"]["text"] = json!("September 2 this year");
    summit(dir.path(), "sco", true, json!({"conflicts": [summit_pair("date")], "consistent": [pair]}));
    let labels = dir.path().join("sco/labels.json").display().to_string();
    assert_bad(dir.path(), &labels, &["consistent #1", "b.text", "\"September 2 this year\"", "is not in b.txt"]);
}

#[test]
fn bad_clusters_are_input_errors() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    assert_bad(root, &root.display().to_string(), &["holds no cluster folders"]);
    let missing = root.join("nope");
    assert_bad(&missing, &missing.display().to_string(), &["no such folder"]);

    let mut pair = summit_pair("dates");
    summit(root, "sco", true, json!({"conflicts": [pair.clone()]}));
    let labels = root.join("sco/labels.json").display().to_string();
    assert_bad(root, &labels, &["conflicts #1", "kind \"dates\" is not one of date, time"]);
    pair["kind"] = json!("date");
    pair["a"]["file"] = json!("c.txt");
    summit(root, "sco", true, json!({"conflicts": [pair]}));
    assert_bad(root, &labels, &["conflicts #1", "a.file \"c.txt\" is not one of the docs"]);
    summit(root, "sco", true, json!({"conflict": [summit_pair("date")]}));
    assert_bad(root, &labels, &["unknown field `conflict`"]);

    summit(root, "sco", true, json!({"conflicts": []}));
    let meta = root.join("sco/meta.json");
    std::fs::write(&meta, r#"{"event": "x", "docs": [{"file": "a.txt", "published": "Dec 4"}]}"#).unwrap();
    assert_bad(root, &meta.display().to_string(), &["docs #1", "\"Dec 4\" is not a date"]);
    std::fs::write(&meta, r#"{"event": "x", "docs": [{"file": "gone.txt"}]}"#).unwrap();
    assert_bad(root, &root.join("sco/gone.txt").display().to_string(), &["no such file"]);
    std::fs::remove_file(&meta).unwrap();
    assert_bad(root, &meta.display().to_string(), &["missing"]);
}

#[test]
fn eval_without_a_folder_is_a_usage_error() {
    let out = run(&["eval"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("<DIR>"), "{}", out.stderr);
}
