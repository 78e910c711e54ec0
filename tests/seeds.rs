//! The two reports the project started from: the SCO Summit date conflict,
//! across the reports and inside the second, and nothing else.

use crate::common::{assert_spans_slice_files, check_json, files_in, root, run};

const A: &str = "000_8df2014312879b32.txt";
const B: &str = "001_3bb6fdf6df903105.txt";

fn seeds() -> Vec<std::path::PathBuf> {
    files_in(&root().join("fixtures/seeds"))
        .into_iter()
        .map(|p| p.strip_prefix(root()).unwrap().to_path_buf())
        .collect()
}

#[test]
fn sco_summit_date_conflict_is_found_across_and_inside() {
    let files = seeds();
    let paths: Vec<&std::path::Path> = files.iter().map(|p| p.as_path()).collect();
    let (out, report) = check_json(&paths);
    assert_eq!(out.code, 1, "findings make exit code 1; stderr: {}", out.stderr);
    assert!(report.errors.is_empty());
    // The quotations differ only where one report elides or writes out
    // "SCO": information, not conflicts.
    let (conflicts, infos): (Vec<_>, Vec<_>) = report.findings.iter().partition(|f| f.severity == "conflict");
    assert!(!infos.is_empty(), "the quote differences are reported");
    for f in &infos {
        assert_eq!((f.kind.as_str(), f.rule.as_str(), f.severity.as_str()), ("quote", "quote-elided", "info"));
    }
    assert_eq!(conflicts.len(), 2, "exactly the SCO conflict, twice: {:#?}", report.findings);
    let mut scopes = Vec::new();
    for f in conflicts {
        assert_eq!((f.kind.as_str(), f.rule.as_str(), f.severity.as_str()), ("date", "date-conflict", "conflict"));
        assert!(
            f.subject.contains("SCO") || f.subject.contains("Shanghai Cooperation"),
            "names the summit: {}",
            f.subject
        );
        assert!(f.confidence > 0.5 && f.confidence <= 1.0);
        let june = f.claims.iter().find(|c| c.text == "June 2025").expect("June 2025 claim");
        let sept = f.claims.iter().find(|c| c.text == "September 1 this year").expect("September 1 claim");
        assert_eq!((june.value.as_deref(), june.precision.as_deref()), (Some("2025-06"), Some("month")));
        assert_eq!((sept.value.as_deref(), sept.precision.as_deref()), (Some("2025-09-01"), Some("day")));
        assert_eq!(sept.doc, B);
        assert!(f.reason.contains("2025-06") && f.reason.contains("2025-09-01"));
        scopes.push((f.scope.clone(), june.doc.clone()));
    }
    scopes.sort();
    assert_eq!(
        scopes,
        vec![("cross-document".to_string(), A.to_string()), ("intra-document".to_string(), B.to_string())]
    );
    assert_spans_slice_files(&report);
}

#[test]
fn seed_dates_are_read_against_their_publication_dates() {
    let files = seeds();
    let paths: Vec<&std::path::Path> = files.iter().map(|p| p.as_path()).collect();
    let (_, report) = check_json(&paths);
    let a = &report.documents[0];
    let b = &report.documents[1];
    assert_eq!((a.published.as_deref(), a.published_from.as_str()), (Some("2025-12-04"), "dateline"));
    assert_eq!((b.published.as_deref(), b.published_from.as_str()), (Some("2025-12-04"), "inferred"));
    // The first report holds its body twice: the repeat is dropped and said.
    assert!(a.dropped_duplicates >= 7, "dropped {}", a.dropped_duplicates);
    assert_eq!(b.dropped_duplicates, 0);
    let value = |doc: &str, text: &str| -> Vec<Option<String>> {
        report.claims.iter().filter(|c| c.doc == doc && c.text == text).map(|c| c.value.clone()).collect()
    };
    let day = |s: &str| vec![Some(s.to_string())];
    assert_eq!(value(A, "Thursday"), day("2025-12-04"), "Thursday is the publication day");
    assert_eq!(value(A, "Friday"), day("2025-12-05"), "will meet on Friday: the coming one");
    assert_eq!(value(B, "last month"), vec![Some("2025-11".to_string()); 2]);
    assert_eq!(value(A, "2021"), day("2021/.."), "since 2021 is the start of an interval");
    let kinds = |text: &str| -> Vec<String> {
        report.claims.iter().filter(|c| c.text == text).map(|c| c.kind.clone()).collect()
    };
    assert!(kinds("22nd").iter().all(|k| k == "ordinal") && !kinds("22nd").is_empty());
    assert!(kinds("23rd").iter().all(|k| k == "ordinal") && !kinds("23rd").is_empty());
    assert!(
        report.claims.iter().filter(|c| c.kind == "date").all(|c| !c.text.starts_with("We")),
        "no pronoun read as a date"
    );
    assert_spans_slice_files(&report);
}

#[test]
fn reports_are_byte_identical_across_runs() {
    let files = seeds();
    let mut args = vec!["check".to_string()];
    args.extend(files.iter().map(|p| p.display().to_string()));
    for format in ["text", "json"] {
        let mut argv: Vec<&str> = args.iter().map(String::as_str).collect();
        argv.extend(["--format", format]);
        let first = run(&argv);
        let second = run(&argv);
        assert_eq!(first.stdout, second.stdout, "{format} output differs between runs");
        assert!(!first.stdout.is_empty());
    }
}

#[test]
fn text_report_points_at_file_line_and_column() {
    let files = seeds();
    let mut argv = vec!["check".to_string()];
    argv.extend(files.iter().map(|p| p.display().to_string()));
    let argv: Vec<&str> = argv.iter().map(String::as_str).collect();
    let out = run(&argv);
    assert_eq!(out.code, 1);
    let text = std::fs::read_to_string(root().join("fixtures/seeds").join(B)).unwrap();
    let at = text.find("September 1 this year").unwrap();
    let line = text[..at].matches('\n').count() + 1;
    let column = text[text[..at].rfind('\n').map_or(0, |i| i + 1)..at].chars().count() + 1;
    let want = format!("fixtures/seeds/{B}:{line}:{column}");
    assert!(out.stdout.contains(&want), "text report lacks {want}:\n{}", out.stdout);
    assert!(out.stdout.contains("conflict[date-conflict]"));
    assert!(out.stdout.contains("^^^^^^^^^ 2025-06 (month)"), "{}", out.stdout);
}

#[test]
fn fail_on_never_exits_zero_and_published_flag_overrides() {
    let files = seeds();
    let mut argv = vec!["check".to_string(), "--fail-on".into(), "never".into()];
    argv.extend(files.iter().map(|p| p.display().to_string()));
    let args: Vec<&str> = argv.iter().map(String::as_str).collect();
    assert_eq!(run(&args).code, 0);

    let mut argv = vec!["check".to_string(), "--format".into(), "json".into()];
    argv.extend(["--published".to_string(), format!("{B}=2025-12-05")]);
    argv.extend(files.iter().map(|p| p.display().to_string()));
    let args: Vec<&str> = argv.iter().map(String::as_str).collect();
    let out = run(&args);
    let report: crate::common::Report = serde_json::from_str(&out.stdout).unwrap();
    let b = &report.documents[1];
    assert_eq!((b.published.as_deref(), b.published_from.as_str()), (Some("2025-12-05"), "flag"));
}

/// Issue 3's check on the seed reports: every date, time and duration with
/// its value, and no ordinal or pronoun read as a date.
#[test]
fn seed_temporal_expressions_have_their_values() {
    let rules = crosscheck::rules::Rules::built_in().unwrap();
    let tagger = crosscheck::timex::Tagger::new(&rules).unwrap();
    let dct = chrono::NaiveDate::from_ymd_opt(2025, 12, 4);
    let tag = |file: &str| -> Vec<(String, &'static str, String)> {
        let text = std::fs::read_to_string(root().join("fixtures/seeds").join(file)).unwrap();
        tagger.tag(&text, dct).into_iter().map(|t| (t.span.of(&text).to_string(), t.kind.name(), t.value)).collect()
    };
    let want = |list: &[(&str, &'static str, &str)]| -> Vec<(String, &'static str, String)> {
        list.iter().map(|(a, b, c)| (a.to_string(), *b, c.to_string())).collect()
    };
    let body = [
        ("Thursday", "DATE", "2025-12-04"),
        ("June 2025", "DATE", "2025-06"),
        ("last month", "DATE", "2025-11"),
        ("two-day", "DURATION", "P2D"),
        ("2021", "DATE", "2021"),
        ("2022", "DATE", "2022"),
        ("Friday", "DATE", "2025-12-05"),
    ];
    let mut a = vec![("Dec 4, 2025", "DATE", "2025-12-04"), ("Dec 4, 2025 11:18 PM IST", "TIME", "2025-12-04T23:18")];
    a.extend(body); // the body, and its repeat
    a.extend(body);
    assert_eq!(tag(A), want(&a));
    assert_eq!(
        tag(B),
        want(&[
            ("December 4", "DATE", "2025-12-04"),
            ("Thursday", "DATE", "2025-12-04"),
            ("June 2025", "DATE", "2025-06"),
            ("today", "DATE", "2025-12-04"),
            ("last month", "DATE", "2025-11"),
            ("last month", "DATE", "2025-11"),
            ("evening today", "TIME", "2025-12-04TEV"),
            ("Thursday", "DATE", "2025-12-04"),
            ("two-day", "DURATION", "P2D"),
            ("2021", "DATE", "2021"),
            ("2022", "DATE", "2022"),
            ("September 1 this year", "DATE", "2025-09-01"),
        ])
    );
}

/// A scraped copy with a byte-order mark and Windows line ends reads the
/// same: the same findings, with offsets into its own bytes.
#[test]
fn bom_and_crlf_do_not_change_findings() {
    let dir = tempfile::tempdir().unwrap();
    let mut paths = Vec::new();
    for name in [A, B] {
        let text = std::fs::read_to_string(root().join("fixtures/seeds").join(name)).unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, format!("\u{feff}{}", text.replace('\n', "\r\n"))).unwrap();
        paths.push(path);
    }
    let refs: Vec<&std::path::Path> = paths.iter().map(|p| p.as_path()).collect();
    let (out, report) = check_json(&refs);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(report.findings.iter().filter(|f| f.severity == "conflict").count(), 2);
    assert_eq!(report.documents[0].published.as_deref(), Some("2025-12-04"));
    for f in &report.findings {
        for c in &f.claims {
            let text = std::fs::read_to_string(&c.path).unwrap();
            assert_eq!(&text[c.start..c.end], c.text);
        }
    }
}
