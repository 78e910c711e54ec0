//! Independence of sources through the binary: which report copies which,
//! in the JSON report's `copies` and the text report's "Not independent"
//! section, written to a temporary folder.

use crate::common::{assert_spans_slice_files, check_json, run};
use std::path::{Path, PathBuf};

/// A wire paragraph of 45 words, shared word for word.
const WIRE: &str = "The two ministers reviewed progress on major defence contracts, licensed production and \
technology transfer, and agreed to meet again in Moscow next year to take stock of the military cooperation \
between the two countries, which has grown steadily over the past decade despite sanctions.";

/// `a.txt`: the agency's report; `b.txt`: an outlet's copy of it, the same
/// day, crediting the agency; `c.txt`: an independent report quoting the
/// same minister.
fn cluster(dir: &Path) -> Vec<PathBuf> {
    let files = [
        ("a.txt", format!("New Delhi, Dec 4, 2025 (ANI): Defence Minister Rajnath Singh met his Russian counterpart.\n\n{WIRE}\n\n\"Russia is India's strategic partner in technology and defence,\" Singh said.\n")),
        ("b.txt", format!("Dec 4, 2025\n\nSingh hosts Belousov in Delhi\n\n{WIRE}\n\n(With inputs from ANI)\n")),
        ("c.txt", "Dec 4, 2025\n\nOur correspondent at the Manekshaw Centre watched the two delegations arrive in the rain. \"Russia is India's strategic partner in technology and defence,\" Singh said, before the talks moved behind closed doors.\n".to_string()),
    ];
    files
        .iter()
        .map(|(name, text)| {
            let path = dir.join(name);
            std::fs::write(&path, text).unwrap();
            path
        })
        .collect()
}

#[test]
fn json_report_lists_who_copies_whom() {
    let dir = tempfile::tempdir().unwrap();
    let files = cluster(dir.path());
    let paths: Vec<&Path> = files.iter().map(|p| p.as_path()).collect();
    let (out, report) = check_json(&paths);
    assert!(report.errors.is_empty(), "{}", out.stderr);
    assert_eq!(report.copies.len(), 1, "{:#?}", report.copies);
    let copy = &report.copies[0];
    assert_eq!((copy.doc.as_str(), copy.source.as_str(), copy.decided_by.as_str()), ("b.txt", "a.txt", "credit"));
    assert_eq!(copy.markers, vec!["With inputs from ANI"]);
    assert!(copy.shared_words >= 40 && copy.shared_words <= copy.words, "{copy:?}");
    assert!(copy.share > 0.5 && copy.share <= 1.0);
    assert!(copy.reason.contains("a.txt is ANI's own report"), "{}", copy.reason);
    assert_eq!(copy.passages.len(), 1);
    let p = &copy.passages[0];
    assert_eq!(p.copy.text, WIRE.trim_end_matches('.'));
    assert_eq!(p.source.text, p.copy.text);
    assert!(p.copy.path.ends_with("b.txt") && p.source.path.ends_with("a.txt"));
    assert_eq!((p.copy.line, p.copy.column), (5, 1));
    let groups: Vec<(&str, usize)> = report.documents.iter().map(|d| (d.id.as_str(), d.group)).collect();
    assert_eq!(groups, vec![("a.txt", 0), ("b.txt", 0), ("c.txt", 1)], "the quote alone does not join c");
    let b = &report.documents[1];
    assert_eq!(b.credits.len(), 1);
    assert_eq!(
        (b.credits[0].text.as_str(), b.credits[0].agencies.as_slice()),
        ("With inputs from ANI", &["ANI".to_string()][..])
    );
    assert!(report.documents[2].credits.is_empty());
    assert_spans_slice_files(&report);
}

#[test]
fn text_report_has_a_not_independent_section() {
    let dir = tempfile::tempdir().unwrap();
    let files = cluster(dir.path());
    let mut argv = vec!["check".to_string()];
    argv.extend(files.iter().map(|p| p.display().to_string()));
    let argv: Vec<&str> = argv.iter().map(String::as_str).collect();
    let out = run(&argv);
    assert!(out.stdout.contains("\nNot independent:\n"), "{}", out.stdout);
    let line = out.stdout.lines().find(|l| l.contains("b.txt copies a.txt")).expect("the copy line");
    assert!(line.contains(" in 1 passage; credit \"With inputs from ANI\""), "{line}");
    assert!(out.stdout.contains("; credit \"With inputs from ANI\"\n"), "the document line names its credit");
}

#[test]
fn rules_dir_extends_credits_and_changes_thresholds() {
    let dir = tempfile::tempdir().unwrap();
    let files = cluster(dir.path());
    let rules = tempfile::tempdir().unwrap();
    std::fs::write(
        rules.path().join("sources.toml"),
        "min_passage_words = 100\nmin_share = 0.99\ncredits = ['courtesy: \\w+']\n",
    )
    .unwrap();
    let mut c = std::fs::read_to_string(&files[2]).unwrap();
    c.push_str("Courtesy: Sputnik\n");
    std::fs::write(&files[2], c).unwrap();
    let mut argv = vec!["check".to_string(), "--format".into(), "json".into(), "--rules".into()];
    argv.push(rules.path().display().to_string());
    argv.extend(files.iter().map(|p| p.display().to_string()));
    let argv: Vec<&str> = argv.iter().map(String::as_str).collect();
    let out = run(&argv);
    let report: crate::common::Report = serde_json::from_str(&out.stdout).expect(&out.stderr);
    assert!(report.copies.is_empty(), "a 45-word passage is under the user's 100 words");
    let credits: Vec<&str> = report.documents.iter().flat_map(|d| d.credits.iter().map(|c| c.text.as_str())).collect();
    assert_eq!(credits, vec!["With inputs from ANI", "Courtesy: Sputnik"], "built-in and user patterns");

    std::fs::write(rules.path().join("sources.toml"), "credits = ['(unclosed']\n").unwrap();
    let mut argv = vec!["check".to_string(), "--rules".into(), rules.path().display().to_string()];
    argv.push(files[0].display().to_string());
    let argv: Vec<&str> = argv.iter().map(String::as_str).collect();
    let out = run(&argv);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("sources.toml") && out.stderr.contains("(unclosed"), "{}", out.stderr);
}
