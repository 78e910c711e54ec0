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

/// Whether a finding's two claims are the labelled pair, in either order: a
/// claim matches a label when it is in the labelled file and its span
/// overlaps the labelled text ("Tuesday morning" matches "Tuesday").
fn is_pair(f: &Finding, p: &Pair) -> bool {
    let hit = |s: &Side, c: &crate::common::Claim| {
        if Path::new(&c.path).file_name().is_none_or(|n| n != s.file.as_str()) {
            return false;
        }
        let text = std::fs::read_to_string(root().join(&c.path)).unwrap();
        let at = text.find(&s.text).unwrap_or_else(|| panic!("{:?} is not in {}", s.text, c.path));
        c.start < at + s.text.len() && at < c.end
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

/// `fixtures/holdout/` and `fixtures/holdout2/` were written apart from the
/// rules, by someone who had seen neither them nor `fixtures/cases/`. Their
/// figures are ratchets at what was measured after the rules were last
/// changed (they can only improve): planted conflicts found, and false
/// alarms allowed. holdout2's one false alarm is "Ibu last forced the
/// closure of the airport in May 2024" against "forced its closure on 25
/// August": "last" marks an earlier closure, which the checker cannot tell.
/// holdout's eighth conflict (hostage_release: "June 7" against c.md's
/// "freed on Saturday") was added when the checker first paired the two; it
/// follows from the labels already there.
#[test]
fn holdout_cases_hold_their_ratchets() {
    for (folder, planted_want, found_min, false_max) in [("fixtures/holdout", 8, 4, 0), ("fixtures/holdout2", 6, 2, 1)]
    {
        let mut false_alarms = Vec::new();
        let (mut found, mut planted) = (0, 0);
        for case in folders(folder) {
            let (p, f, n) = check_case(&case);
            // A flagged trap is also an unexpected conflict: count each once.
            false_alarms.extend(p.into_iter().filter(|p| p.contains("unexpected conflict")));
            found += f;
            planted += n;
        }
        assert_eq!(planted, planted_want, "{folder}");
        assert!(found >= found_min, "{folder}: recall fell to {found} of {planted}");
        assert!(
            false_alarms.len() <= false_max,
            "{folder}: {} false alarms:\n{}",
            false_alarms.len(),
            false_alarms.join("\n")
        );
    }
}
