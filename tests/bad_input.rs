//! Bad input: a one-line error naming the file, exit code 2, and the good
//! files still checked.

use crate::common::run;
use std::path::Path;

const GOOD: &str = "Dec 4, 2025\nThe ministers met in Geneva on Thursday.\n";

#[track_caller]
fn assert_rejected(bad: &Path, expect: &str) {
    let dir = bad.parent().unwrap();
    let good = dir.join("good.txt");
    std::fs::write(&good, GOOD).unwrap();
    let out = run(&["check", "--format", "json", good.to_str().unwrap(), bad.to_str().unwrap()]);
    assert_eq!(out.code, 2, "bad input exits 2; stderr: {}", out.stderr);
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "one line of error: {:?}", out.stderr);
    assert!(lines[0].contains(&bad.display().to_string()), "names the file: {}", lines[0]);
    assert!(lines[0].contains(expect), "says {expect:?}: {}", lines[0]);
    let report: crate::common::Report = serde_json::from_str(&out.stdout).expect("the good file is still reported");
    assert_eq!(report.documents.len(), 1, "the good file is still checked");
    assert_eq!(report.errors.len(), 1);
    assert_eq!(report.errors[0].path.as_deref(), Some(bad.to_str().unwrap()));
}

#[test]
fn missing_file() {
    let dir = tempfile::tempdir().unwrap();
    assert_rejected(&dir.path().join("nope.txt"), "no such file");
}

#[test]
fn directory() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("folder");
    std::fs::create_dir(&sub).unwrap();
    assert_rejected(&sub, "is a directory");
}

#[test]
fn invalid_utf8() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("latin1.txt");
    std::fs::write(&bad, b"Caf\xe9 opened on Monday.").unwrap();
    assert_rejected(&bad, "not valid UTF-8 at byte 3");
}

#[test]
fn empty_file() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("empty.txt");
    std::fs::write(&bad, b" \n\n").unwrap();
    assert_rejected(&bad, "is empty");
    std::fs::write(&bad, "\u{feff}\r\n".as_bytes()).unwrap();
    assert_rejected(&bad, "is empty");
}

#[test]
fn binary_data() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("image.txt");
    std::fs::write(&bad, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR").unwrap();
    assert_rejected(&bad, "binary data");
}

#[test]
fn json_without_text() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("doc.json");
    std::fs::write(&bad, br#"{"id": "x", "published": "2025-12-04"}"#).unwrap();
    assert_rejected(&bad, "no `text` field");
}

#[test]
fn malformed_json_and_bad_published() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("broken.json");
    std::fs::write(&bad, b"{\"text\": \"abc\",\n \"id\": }").unwrap();
    assert_rejected(&bad, "line 2");
    std::fs::write(&bad, br#"{"text": "abc", "published": "4 Dec 2025"}"#).unwrap();
    assert_rejected(&bad, "not a date as YYYY-MM-DD");
}

#[test]
fn usage_errors_exit_2() {
    let out = run(&["check"]);
    assert_eq!(out.code, 2);
    let out = run(&["check", "--format", "yaml", "x.txt"]);
    assert_eq!(out.code, 2);
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.txt");
    std::fs::write(&good, GOOD).unwrap();
    let out = run(&["check", good.to_str().unwrap(), "--published", "good.txt=yesterday"]);
    assert_eq!(out.code, 2);
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    let rules = dir.path().join("rules");
    std::fs::create_dir(&rules).unwrap();
    std::fs::write(rules.join("aliases.toml"), "[[alias]]\ncanonical = 3\n").unwrap();
    let out = run(&["check", good.to_str().unwrap(), "--rules", rules.to_str().unwrap()]);
    assert_eq!(out.code, 2);
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    assert!(out.stderr.contains("aliases.toml"), "{}", out.stderr);
}

#[test]
fn json_documents_report_offsets_into_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.json");
    std::fs::write(
        &a,
        "{\"id\": \"wire-1\", \"published\": \"2025-12-04\", \"title\": \"T\",\n \"text\": \"\\u201cThe leaders met at the SCO Summit in Tianjin in June 2025,\\u201d he said.\\nMore text.\"}",
    )
    .unwrap();
    let b = dir.path().join("b.txt");
    std::fs::write(&b, "Dec 4, 2025\nThe leaders last met on September 1 this year at the SCO Summit in Tianjin.\n")
        .unwrap();
    let (out, report) = crate::common::check_json(&[&a, &b]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(report.documents[0].id, "wire-1");
    assert_eq!(report.documents[0].published_from, "metadata");
    let f = &report.findings[0];
    let raw = std::fs::read_to_string(&a).unwrap();
    let june = f.claims.iter().find(|c| c.doc == "wire-1").unwrap();
    assert_eq!(&raw[june.start..june.end], "June 2025");
    assert_eq!(june.text, "June 2025");
    assert_eq!(june.line, 2);
}
