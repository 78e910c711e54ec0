//! Our own short reports with planted conflicts and traps
//! (`fixtures/cases/*/expect.toml`): every planted conflict is reported,
//! nothing else is reported as a conflict, and no trap is flagged.

use crate::common::{assert_spans_slice_files, check_json, files_in, root, Finding};
use serde::Deserialize;
use std::path::Path;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    description: String,
    #[serde(default)]
    conflict: Vec<Pair>,
    #[serde(default)]
    trap: Vec<Pair>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Pair {
    a: Side,
    b: Side,
    values: [String; 2],
    note: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Side {
    file: String,
    text: String,
}

/// Whether a finding's two claims are the labelled pair, in either order.
fn is_pair(f: &Finding, p: &Pair) -> bool {
    let hit = |s: &Side, c: &crate::common::Claim| {
        Path::new(&c.path).file_name().is_some_and(|n| n == s.file.as_str()) && c.text == s.text
    };
    f.claims.len() == 2
        && ((hit(&p.a, &f.claims[0]) && hit(&p.b, &f.claims[1]))
            || (hit(&p.b, &f.claims[0]) && hit(&p.a, &f.claims[1])))
}

/// Problems found in one case folder, and (found, planted) conflicts.
fn check_case(dir: &Path) -> (Vec<String>, usize, usize) {
    let expect: Expect = toml::from_str(&std::fs::read_to_string(dir.join("expect.toml")).unwrap())
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let files: Vec<_> = files_in(dir).into_iter().map(|p| p.strip_prefix(root()).unwrap().to_path_buf()).collect();
    let paths: Vec<&Path> = files.iter().map(|p| p.as_path()).collect();
    let (out, report) = check_json(&paths);
    assert_spans_slice_files(&report);
    let name = dir.file_name().unwrap().to_string_lossy().to_string();
    let mut problems = Vec::new();
    let mut found = 0;
    if !report.errors.is_empty() {
        problems.push(format!("{name}: input errors {:?}", report.errors));
    }
    let conflicts: Vec<&Finding> = report.findings.iter().filter(|f| f.severity == "conflict").collect();
    let want_code = if expect.conflict.is_empty() { 0 } else { 1 };
    if out.code != want_code {
        problems.push(format!("{name}: exit code {} (want {want_code})", out.code));
    }
    for p in &expect.conflict {
        match conflicts.iter().find(|f| is_pair(f, p)) {
            None => problems.push(format!("{name}: missed conflict {:?} / {:?} ({})", p.a.text, p.b.text, p.note)),
            Some(f) => {
                found += 1;
                let mut got: Vec<String> = f.claims.iter().filter_map(|c| c.value.clone()).collect();
                let mut want = p.values.to_vec();
                got.sort();
                want.sort();
                if got != want {
                    problems.push(format!("{name}: conflict {:?} has values {got:?}, want {want:?}", p.a.text));
                }
            }
        }
    }
    for f in &conflicts {
        if !expect.conflict.iter().any(|p| is_pair(f, p)) {
            problems.push(format!("{name}: unexpected conflict: {}", f.message));
        }
    }
    for p in &expect.trap {
        if let Some(f) = conflicts.iter().find(|f| is_pair(f, p)) {
            problems.push(format!("{name}: trap flagged ({}): {}", p.note, f.message));
        }
    }
    assert!(!expect.description.is_empty());
    (problems, found, expect.conflict.len())
}

fn folders(under: &str) -> Vec<std::path::PathBuf> {
    let dir = root().join(under);
    let mut cases: Vec<_> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()).collect();
    cases.sort();
    cases
}

#[test]
fn every_case_finds_its_conflicts_and_no_trap() {
    let cases = folders("fixtures/cases");
    assert!(cases.len() >= 8, "at least 8 cases, found {}", cases.len());
    let problems: Vec<String> = cases.iter().flat_map(|c| check_case(c).0).collect();
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}

/// `fixtures/holdout/` was written apart from the rules, by someone who had
/// not seen them or `fixtures/cases/`. It is held to no false alarm at all;
/// its recall is a ratchet at the figure measured when it landed (3 of 7
/// planted conflicts), so that it can only go up.
#[test]
fn holdout_cases_raise_no_false_alarm() {
    let mut problems = Vec::new();
    let (mut found, mut planted) = (0, 0);
    for case in folders("fixtures/holdout") {
        let (p, f, n) = check_case(&case);
        problems.extend(p.into_iter().filter(|p| !p.contains("missed conflict") && !p.contains("exit code")));
        found += f;
        planted += n;
    }
    assert!(problems.is_empty(), "{} false alarms:\n{}", problems.len(), problems.join("\n"));
    assert_eq!(planted, 7);
    assert!(found >= 3, "recall fell to {found} of {planted}");
}
