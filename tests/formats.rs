//! The formats for CI and scripts: SARIF validated against the SARIF 2.1.0
//! schema, the JSON report and JSON Lines against `schema/`, GitHub
//! annotations, colour, `--fail-on`, and golden files of the seeds.
//!
//! Golden files: `tests/snapshots/seeds.*` hold every format of the two seed
//! reports. When a change to the output is intended, rewrite them with
//! `UPDATE_SNAPSHOTS=1 cargo test --test main formats::` and review the diff.

use crate::common::{root, run, Output};
use serde_json::Value;

const SEEDS: [&str; 2] = ["fixtures/seeds/000_8df2014312879b32.txt", "fixtures/seeds/001_3bb6fdf6df903105.txt"];

/// A compiled JSON Schema.
pub struct Schema {
    schemas: boon::Schemas,
    index: boon::SchemaIndex,
    name: String,
}

impl Schema {
    /// Compiles the schema file at `path` (relative to the repository),
    /// asserting `format`s too.
    pub fn load(path: &str) -> Schema {
        let value: Value = serde_json::from_str(&std::fs::read_to_string(root().join(path)).unwrap()).unwrap();
        let mut schemas = boon::Schemas::new();
        let mut compiler = boon::Compiler::new();
        compiler.enable_format_assertions();
        let url = format!("file:///{path}");
        compiler.add_resource(&url, value).unwrap();
        let index = compiler.compile(&url, &mut schemas).unwrap_or_else(|e| panic!("{path}: {e}"));
        Schema { schemas, index, name: path.to_string() }
    }

    /// Whether `value` is valid, with boon's explanation when not.
    pub fn check(&self, value: &Value) -> Result<(), String> {
        self.schemas.validate(value, self.index).map_err(|e| format!("{e}"))
    }

    /// Panics with the explanation unless `value` is valid.
    #[track_caller]
    pub fn assert_valid(&self, value: &Value, what: &str) {
        if let Err(e) = self.check(value) {
            panic!("{what} does not match {}:\n{e}", self.name);
        }
    }
}

/// Runs `check --fail-on never --format FORMAT` on `files` with `extra`.
pub fn check(format: &str, files: &[String], extra: &[&str]) -> Output {
    let mut args = vec!["check", "--fail-on", "never", "--format", format];
    args.extend_from_slice(extra);
    args.extend(files.iter().map(String::as_str));
    let out = run(&args);
    assert_eq!(out.code, 0, "check {format} {files:?}: {}", out.stderr);
    out
}

fn seeds() -> Vec<String> {
    SEEDS.iter().map(|s| s.to_string()).collect()
}

/// Every cluster of `fixtures/eval`: its name, its reports, and
/// `--published FILE=DATE` flags from its `meta.json`.
pub fn clusters() -> Vec<(String, Vec<String>, Vec<String>)> {
    let mut dirs: Vec<_> =
        std::fs::read_dir(root().join("fixtures/eval")).unwrap().map(|e| e.unwrap().path()).collect();
    dirs.sort();
    let clusters: Vec<_> = dirs
        .iter()
        .filter(|d| d.join("meta.json").is_file())
        .map(|dir| {
            let meta: Value = serde_json::from_str(&std::fs::read_to_string(dir.join("meta.json")).unwrap()).unwrap();
            let name = dir.file_name().unwrap().to_string_lossy().into_owned();
            let mut files = Vec::new();
            let mut published = Vec::new();
            for doc in meta["docs"].as_array().unwrap() {
                let file = doc["file"].as_str().unwrap();
                files.push(format!("fixtures/eval/{name}/{file}"));
                if let Some(date) = doc["published"].as_str() {
                    published.push(format!("--published={file}={date}"));
                }
            }
            (name, files, published)
        })
        .collect();
    assert!(clusters.len() >= 30, "the eval clusters are found: {}", clusters.len());
    clusters
}

/// Each input set: the seeds, then every cluster.
fn inputs() -> Vec<(String, Vec<String>, Vec<String>)> {
    let mut all = vec![("seeds".to_string(), seeds(), Vec::new())];
    all.extend(clusters());
    all
}

fn flags(published: &[String]) -> Vec<&str> {
    published.iter().map(String::as_str).collect()
}

/// Column (1-based, in UTF-16 code units) of byte `offset` of `text`.
fn utf16_column(text: &str, offset: usize) -> usize {
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    text[start..offset].encode_utf16().count() + 1
}

#[test]
fn sarif_of_the_seeds_and_every_eval_cluster_is_valid_sarif_2_1_0() {
    let sarif_schema = Schema::load("tests/sarif-schema-2.1.0.json");
    let mut results = 0;
    for (name, files, published) in inputs() {
        let sarif: Value = serde_json::from_str(&check("sarif", &files, &flags(&published)).stdout).unwrap();
        sarif_schema.assert_valid(&sarif, &format!("SARIF of {name}"));
        let report: Value = serde_json::from_str(&check("json", &files, &flags(&published)).stdout).unwrap();
        let run = &sarif["runs"][0];
        assert_eq!(run["columnKind"], "utf16CodeUnits");
        assert_eq!(run["invocations"][0]["executionSuccessful"], true);
        let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
        let findings = report["findings"].as_array().unwrap();
        let sarif_results = run["results"].as_array().unwrap();
        assert_eq!(sarif_results.len(), findings.len(), "{name}: one result per finding");
        for (r, f) in sarif_results.iter().zip(findings) {
            results += 1;
            // GitHub: the rule id is stable and the index points at it.
            assert_eq!(r["ruleId"], f["rule"]);
            assert_eq!(rules[r["ruleIndex"].as_u64().unwrap() as usize]["id"], f["rule"]);
            let level = match f["severity"].as_str().unwrap() {
                "conflict" => "error",
                "warning" => "warning",
                _ => "note",
            };
            assert_eq!(r["level"], level);
            assert_eq!(r["partialFingerprints"]["crosscheckFingerprint/v1"], f["id"]);
            assert!(r["message"]["text"].as_str().unwrap().starts_with(f["message"].as_str().unwrap()));
            assert!(r.get("suppressions").is_none(), "no baseline, no suppression");
            let claims = f["claims"].as_array().unwrap();
            let mut places = vec![&r["locations"][0]];
            places.extend(r["relatedLocations"].as_array().into_iter().flatten());
            assert_eq!(places.len(), claims.len(), "{name}: the first claim is the location, the others related");
            for (i, (place, claim)) in places.iter().zip(claims).enumerate() {
                if i > 0 {
                    assert_eq!(place["id"], i);
                    assert!(place["message"]["text"].as_str().unwrap().contains(claim["text"].as_str().unwrap()));
                }
                let physical = &place["physicalLocation"];
                let path = claim["path"].as_str().unwrap();
                assert_eq!(physical["artifactLocation"]["uri"], path, "plain relative paths stay as given");
                assert_eq!(physical["artifactLocation"]["uriBaseId"], "%SRCROOT%");
                let region = &physical["region"];
                let text = std::fs::read_to_string(root().join(path)).unwrap();
                let (start, end) = (claim["start"].as_u64().unwrap() as usize, claim["end"].as_u64().unwrap() as usize);
                assert_eq!(region["startLine"], claim["line"]);
                assert_eq!(region["endLine"], claim["end_line"]);
                assert_eq!(region["startColumn"], utf16_column(&text, start));
                assert_eq!(region["endColumn"], utf16_column(&text, end));
                assert_eq!(
                    (region["byteOffset"].as_u64(), region["byteLength"].as_u64()),
                    (Some(start as u64), Some((end - start) as u64))
                );
                assert_eq!(region["snippet"]["text"], claim["text"]);
                assert_eq!(physical["contextRegion"]["snippet"]["text"], claim["sentence"]);
            }
        }
    }
    assert!(results > 50, "the clusters give findings to check: {results}");
}

#[test]
fn sarif_schema_validation_can_fail() {
    let schema = Schema::load("tests/sarif-schema-2.1.0.json");
    let mut sarif: Value = serde_json::from_str(&check("sarif", &seeds(), &[]).stdout).unwrap();
    schema.assert_valid(&sarif, "the seeds' SARIF");
    let good = sarif.clone();
    sarif["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(schema.check(&sarif).is_err(), "a level outside the enum is caught");
    let mut sarif = good.clone();
    sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0.into();
    assert!(schema.check(&sarif).is_err(), "lines are 1-based");
    let mut sarif = good;
    sarif["runs"][0]["tool"]["driver"].as_object_mut().unwrap().remove("name");
    assert!(schema.check(&sarif).is_err(), "the driver needs a name");
}

#[test]
fn sarif_columns_count_utf16_code_units_on_a_non_ascii_line() {
    let dir = tempfile::tempdir().unwrap();
    // 🇮🇳 is two code points, four UTF-16 code units, eight bytes; “ ” are one unit each.
    let a = "Dec 4, 2025\n🇮🇳 “Big news”: the leaders met at the SCO Summit in Tianjin in June 2025.\n";
    let b = "Dec 4, 2025\nThe leaders last met on September 1 this year in Tianjin, at the SCO Summit.\n";
    std::fs::write(dir.path().join("a.txt"), a).unwrap();
    std::fs::write(dir.path().join("b.txt"), b).unwrap();
    let files: Vec<String> = ["a.txt", "b.txt"].iter().map(|f| dir.path().join(f).display().to_string()).collect();
    let sarif: Value = serde_json::from_str(&check("sarif", &files, &[]).stdout).unwrap();
    Schema::load("tests/sarif-schema-2.1.0.json").assert_valid(&sarif, "SARIF of a non-ASCII line");
    let result = &sarif["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "date-conflict");
    let physical = &result["locations"][0]["physicalLocation"];
    // An absolute path is a file URI without a base.
    assert!(physical["artifactLocation"]["uri"].as_str().unwrap().starts_with("file:///"));
    assert!(physical["artifactLocation"].get("uriBaseId").is_none());
    let region = &physical["region"];
    let line = a.lines().nth(1).unwrap();
    let before = &line[..line.find("June 2025").unwrap()];
    assert_eq!(before.chars().count() + 1, 64, "characters before the claim");
    assert_eq!(before.encode_utf16().count() + 1, 66, "UTF-16 code units before the claim");
    assert_eq!((region["startLine"].as_u64(), region["startColumn"].as_u64()), (Some(2), Some(66)));
    assert_eq!(region["endColumn"], 66 + "June 2025".len());
    assert_eq!(region["byteOffset"], a.find("June 2025").unwrap());
    // The JSON report counts characters, as documented.
    let report: Value = serde_json::from_str(&check("json", &files, &[]).stdout).unwrap();
    assert_eq!(report["findings"][0]["claims"][0]["column"], 64);
    // GitHub annotations use SARIF's columns.
    let github = check("github", &files, &[]).stdout;
    assert!(github.starts_with("::error file="), "{github}");
    assert!(github.contains(",line=2,endLine=2,col=66,endColumn=75,"), "{github}");
}

#[test]
fn json_reports_of_the_seeds_and_every_eval_cluster_match_the_schema() {
    let schema = Schema::load("schema/report.schema.json");
    let mut findings = 0;
    for (name, files, published) in inputs() {
        let report: Value = serde_json::from_str(&check("json", &files, &flags(&published)).stdout).unwrap();
        schema.assert_valid(&report, &format!("JSON report of {name}"));
        findings += report["findings"].as_array().unwrap().len();
    }
    assert!(findings > 50, "{findings}");
}

#[test]
fn the_report_schema_catches_mistakes() {
    let schema = Schema::load("schema/report.schema.json");
    let good: Value = serde_json::from_str(&check("json", &seeds(), &[]).stdout).unwrap();
    schema.assert_valid(&good, "the seeds' report");
    type Breaking = fn(&mut Value);
    let broken: [(&str, Breaking); 7] = [
        ("a missing field", |r| {
            r["findings"][0].as_object_mut().unwrap().remove("reason");
        }),
        ("an unknown field", |r| r["findings"][0]["claims"][0]["colum"] = 3.into()),
        ("a severity outside the enum", |r| r["findings"][0]["severity"] = "error".into()),
        ("a rule that does not exist", |r| r["findings"][0]["rule"] = "date-mismatch".into()),
        ("a line of 0", |r| r["findings"][0]["claims"][0]["line"] = 0.into()),
        ("a string for a number", |r| r["summary"]["documents"] = "2".into()),
        ("another schema version", |r| r["schema"] = "crosscheck.report/2".into()),
    ];
    for (what, breaking) in broken {
        let mut report = good.clone();
        breaking(&mut report);
        assert!(schema.check(&report).is_err(), "the schema catches {what}");
    }
}

#[test]
fn the_report_schema_lists_every_rule_and_kind() {
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("schema/report.schema.json")).unwrap()).unwrap();
    let rules: Vec<&str> =
        schema["$defs"]["rule"]["enum"].as_array().unwrap().iter().map(|r| r.as_str().unwrap()).collect();
    assert_eq!(rules, crosscheck::rules::RULE_IDS);
    let kinds: Vec<&str> =
        schema["$defs"]["kind"]["enum"].as_array().unwrap().iter().map(|r| r.as_str().unwrap()).collect();
    let names: Vec<&str> = crosscheck::extract::ClaimKind::ALL.iter().map(|k| k.name()).collect();
    assert_eq!(kinds, names);
}

#[test]
fn jsonl_has_one_finding_a_line_that_stands_alone() {
    let schema = Schema::load("schema/jsonl.schema.json");
    for (name, files, published) in inputs() {
        let lines = check("jsonl", &files, &flags(&published)).stdout;
        let report: Value = serde_json::from_str(&check("json", &files, &flags(&published)).stdout).unwrap();
        let objects: Vec<Value> = lines.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        for o in &objects {
            schema.assert_valid(o, &format!("a JSON line of {name}"));
        }
        let (last, findings) = objects.split_last().unwrap();
        assert_eq!(last["type"], "summary", "{name}: the summary is last");
        assert_eq!(last["findings"], report["summary"]["findings"]);
        assert_eq!(last["documents"], report["documents"].as_array().unwrap().len());
        let expected = report["findings"].as_array().unwrap();
        assert_eq!(findings.len(), expected.len(), "{name}: one line a finding");
        for (line, finding) in findings.iter().zip(expected) {
            let mut line = line.clone();
            let object = line.as_object_mut().unwrap();
            assert_eq!(object.remove("schema").unwrap(), "crosscheck.jsonl/1");
            assert_eq!(object.remove("type").unwrap(), "finding");
            assert_eq!(&line, finding, "{name}: a line is the report's finding");
        }
        // GitHub annotations of the same run: one well-formed command a finding.
        let github = check("github", &files, &flags(&published)).stdout;
        assert_eq!(github.lines().count(), expected.len(), "{name}: one annotation a finding\n{github}");
        for (line, finding) in github.lines().zip(expected) {
            let (command, rest) = line[2..].split_once(' ').unwrap();
            assert!(["error", "warning", "notice"].contains(&command), "{line}");
            let (properties, message) = rest.split_once("::").unwrap();
            assert!(
                properties.starts_with(&format!(
                    "file={},line={},",
                    finding["claims"][0]["path"].as_str().unwrap(),
                    finding["claims"][0]["line"]
                )),
                "{line}"
            );
            assert!(!message.is_empty() && !message.contains('\r'));
        }
    }
    let mut bad: Value = serde_json::from_str(check("jsonl", &seeds(), &[]).stdout.lines().next().unwrap()).unwrap();
    bad.as_object_mut().unwrap().remove("schema");
    assert!(schema.check(&bad).is_err(), "a line without its schema is caught");
}

#[test]
fn github_annotations_are_one_command_per_finding() {
    let out = check("github", &seeds(), &[]).stdout;
    let report: Value = serde_json::from_str(&check("json", &seeds(), &[]).stdout).unwrap();
    let findings = report["findings"].as_array().unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), findings.len(), "one line a finding: newlines are escaped\n{out}");
    for (line, f) in lines.iter().zip(findings) {
        let command = match f["severity"].as_str().unwrap() {
            "conflict" => "error",
            "warning" => "warning",
            _ => "notice",
        };
        let rest = line.strip_prefix(&format!("::{command} ")).unwrap_or_else(|| panic!("{command}: {line}"));
        let (properties, message) = rest.split_once("::").unwrap();
        let properties: Vec<(&str, &str)> = properties.split(',').map(|p| p.split_once('=').unwrap()).collect();
        let get = |k: &str| properties.iter().find(|(key, _)| *key == k).map(|(_, v)| *v).unwrap();
        let claim = &f["claims"][0];
        assert_eq!(get("file"), claim["path"]);
        assert_eq!(get("line"), claim["line"].to_string());
        assert_eq!(get("endLine"), claim["end_line"].to_string());
        assert_eq!(get("title"), format!("crosscheck {}", f["rule"].as_str().unwrap()));
        let message = message.replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%");
        assert!(message.starts_with(f["message"].as_str().unwrap()), "{message}");
        assert!(message.contains(&format!("fingerprint: {}", f["id"].as_str().unwrap())));
    }
}

#[test]
fn github_escapes_paths_and_messages() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("50%, a: report.txt");
    let b = dir.path().join("b.txt");
    std::fs::write(&a, "Dec 4, 2025\nThe leaders met at the SCO Summit in Tianjin in June 2025.\n").unwrap();
    std::fs::write(&b, "Dec 4, 2025\nThe leaders last met on September 1 this year in Tianjin, at the SCO Summit.\n")
        .unwrap();
    let files = vec![a.display().to_string(), b.display().to_string()];
    let out = check("github", &files, &[]).stdout;
    let line = out.lines().find(|l| l.starts_with("::error ")).unwrap_or_else(|| panic!("{out}"));
    let escaped = a.display().to_string().replace('%', "%25").replace(':', "%3A").replace(',', "%2C");
    assert!(line.contains(&format!("file={escaped},line=2,")), "{line}");
    // Properties escape `:`, so the message follows the second `::`.
    let (properties, message) = line[2..].split_once("::").unwrap();
    assert!(properties.ends_with(",title=crosscheck date-conflict"), "{properties}");
    assert!(!message.contains('\n') && message.contains("%0A"), "{message}");
    // The message is data: `:` and `,` stay, `%` is escaped.
    assert!(message.contains("50%25, a: report.txt"), "{message}");
}

#[test]
fn fail_on_decides_the_exit_code() {
    let code = |level: &str| {
        let mut args = vec!["check", "--format", "json", "--fail-on", level];
        args.extend(SEEDS);
        run(&args).code
    };
    // The seeds have conflicts and infos, no warnings.
    assert_eq!(code("conflict"), 1);
    assert_eq!(code("warning"), 1);
    assert_eq!(code("info"), 1);
    assert_eq!(code("never"), 0);
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.txt");
    std::fs::write(&a, "Dec 4, 2025\nThe ministers met in Geneva on Thursday.\n").unwrap();
    let out = run(&["check", "--fail-on", "info", a.to_str().unwrap()]);
    assert_eq!(out.code, 0, "no finding, exit 0: {}", out.stderr);
    let out = run(&["check", "--fail-on", "sometimes", a.to_str().unwrap()]);
    assert_eq!(out.code, 2, "a bad level is a usage error");
    let help = run(&["check", "--help"]).stdout;
    assert!(help.contains("Exit codes: 0") && help.contains("2 usage or input error"), "{help}");
}

fn text_with(env: &[(&str, &str)], extra: &[&str]) -> String {
    let mut command = assert_cmd::Command::cargo_bin("crosscheck").unwrap();
    command.current_dir(root()).env_remove("NO_COLOR").env_remove("CLICOLOR_FORCE").env_remove("CLICOLOR");
    for (k, v) in env {
        command.env(k, v);
    }
    let out = command.args(["check", "--fail-on", "never"]).args(extra).args(SEEDS).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn colour_follows_the_flag_no_color_and_clicolor_force() {
    let plain = text_with(&[], &["--color", "never"]);
    assert!(!plain.contains('\x1b'));
    let coloured = text_with(&[], &["--color", "always"]);
    assert!(coloured.contains("\x1b[1m\x1b[31mconflict\x1b[0m"), "conflicts in bold red");
    assert!(coloured.contains("\x1b[1m\x1b[36minfo\x1b[0m"), "infos in bold cyan");
    assert_eq!(strip_ansi(&coloured), plain, "colour adds escapes and nothing else");
    assert!(!text_with(&[], &[]).contains('\x1b'), "auto: a pipe gets no colour");
    assert!(text_with(&[("CLICOLOR_FORCE", "1")], &[]).contains('\x1b'), "CLICOLOR_FORCE forces it under auto");
    assert!(!text_with(&[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")], &[]).contains('\x1b'), "NO_COLOR wins");
    assert!(text_with(&[("NO_COLOR", "1")], &["--color", "always"]).contains('\x1b'), "the flag wins");
    assert!(!text_with(&[("CLICOLOR_FORCE", "1")], &["--color", "never"]).contains('\x1b'));
    // Only the text report is ever coloured.
    let json = text_with(&[], &["--color", "always", "--format", "json"]);
    assert!(!json.contains('\x1b'));
}

/// The text without ANSI escape sequences (`ESC [ ... m`).
fn strip_ansi(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for c in chars.by_ref() {
                if c == 'm' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn every_format_is_deterministic_and_matches_its_golden_file() {
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    for (format, extension) in
        [("text", "txt"), ("json", "json"), ("jsonl", "jsonl"), ("sarif", "sarif"), ("github", "github")]
    {
        let out = check(format, &seeds(), &[]).stdout;
        assert_eq!(check(format, &seeds(), &[]).stdout, out, "{format} is byte-identical across runs");
        let golden = root().join(format!("tests/snapshots/seeds.{extension}"));
        if update {
            std::fs::create_dir_all(golden.parent().unwrap()).unwrap();
            std::fs::write(&golden, &out).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&golden)
            .unwrap_or_else(|e| panic!("{}: {e}; write it with UPDATE_SNAPSHOTS=1", golden.display()));
        assert!(
            want == out,
            "{format} differs from {}; if intended, UPDATE_SNAPSHOTS=1 cargo test --test main formats::\n{}",
            golden.display(),
            first_difference(&want, &out)
        );
    }
}

fn first_difference(want: &str, got: &str) -> String {
    for (i, (w, g)) in want.lines().zip(got.lines()).enumerate() {
        if w != g {
            return format!("line {}:\n- {w}\n+ {g}", i + 1);
        }
    }
    format!("{} lines vs {} lines", want.lines().count(), got.lines().count())
}
