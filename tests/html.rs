//! The HTML report (`--format html`): well-formed, self-contained, escaped,
//! deterministic, on the seeds and every eval cluster; and in a real
//! headless Chromium (tests/browser/check.mjs), on the seed reports.

use crate::common::{check_json, root, run};
use crosscheck::report::{self, Format};
use crosscheck::{eval::clusters, rules::Rules, Checker};
use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

/// Elements without an end tag.
const VOID: [&str; 6] = ["meta", "br", "input", "hr", "img", "link"];

/// Checks that every element the page opens is closed, in order, and that
/// nothing but our one style sheet and one script is raw text; returns the
/// tag names seen.
#[track_caller]
fn well_formed(html: &str) -> Vec<String> {
    let mut stack: Vec<String> = Vec::new();
    let mut seen = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        let text = &rest[..open];
        assert!(!text.contains('>'), "a stray '>' in text: {:?}", &text[text.len().saturating_sub(80)..]);
        for (i, _) in text.match_indices('&') {
            let entity = &text[i..text.len().min(i + 8)];
            assert!(
                ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"].iter().any(|e| entity.starts_with(e)),
                "a bare '&' in text: {entity:?}"
            );
        }
        let close = rest[open..].find('>').expect("an unclosed tag") + open;
        let tag = &rest[open + 1..close];
        rest = &rest[close + 1..];
        if tag.starts_with('!') {
            assert_eq!(tag, "!DOCTYPE html");
            continue;
        }
        if let Some(name) = tag.strip_prefix('/') {
            let top = stack.pop().unwrap_or_else(|| panic!("</{name}> closes nothing"));
            assert_eq!(top, name, "</{name}> closes <{top}>");
            continue;
        }
        let name: String = tag.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        assert!(!name.is_empty(), "an empty tag name in <{tag}>");
        assert_eq!(tag.matches('"').count() % 2, 0, "unbalanced quotes in <{tag}>");
        seen.push(name.clone());
        if name == "script" || name == "style" {
            let end = format!("</{name}>");
            let at = rest.find(&end).unwrap_or_else(|| panic!("<{name}> is never closed"));
            rest = &rest[at + end.len()..];
            continue;
        }
        if !VOID.contains(&name.as_str()) {
            stack.push(name);
        }
    }
    assert!(stack.is_empty(), "never closed: {stack:?}");
    assert!(rest.trim().is_empty(), "text after </html>");
    seen
}

/// The start tags of a page (name and the whole tag), outside the text of
/// elements.
fn start_tags(html: &str) -> Vec<(String, String)> {
    let mut tags = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        let close = rest[open..].find('>').map_or(rest.len(), |c| c + open);
        let tag = &rest[open + 1..close];
        rest = &rest[(close + 1).min(rest.len())..];
        let name: String = tag.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        if !name.is_empty() {
            tags.push((name.clone(), tag.to_string()));
        }
        if name == "script" || name == "style" {
            let end = format!("</{name}>");
            rest = rest.find(&end).map_or("", |at| &rest[at..]);
        }
    }
    tags
}

/// Checks that the page loads nothing: no element has a `src`, there is no
/// `<link>`, `<img>`, `<iframe>` or `<object>`, the style sheet has no
/// `url()` or `@import`, and every `href` is a fragment of the page or, on
/// a report's own URL, an `http(s)` link; and a Content-Security-Policy
/// forbids any source.
#[track_caller]
fn self_contained(html: &str) {
    let style = &html[html.find("<style>").unwrap()..html.find("</style>").unwrap()];
    assert!(!style.contains("@import") && !style.contains("url("), "the style sheet loads something");
    assert!(html.contains("Content-Security-Policy\" content=\"default-src 'none'"));
    for (name, tag) in start_tags(html) {
        assert!(!["link", "img", "iframe", "object", "embed", "base"].contains(&name.as_str()), "<{tag}>");
        assert!(!tag.contains(" src=") && !tag.contains(" srcset="), "an element loads a source: <{tag}>");
        if let Some(at) = tag.find(" href=\"") {
            let value = &tag[at + 7..];
            let value = &value[..value.find('"').unwrap()];
            let link = tag.contains("class=\"url\"") && (value.starts_with("https://") || value.starts_with("http://"));
            assert!(value.starts_with('#') || link, "an href other than a fragment or a report's URL: <{tag}>");
        }
    }
}

fn html_of(run: &crosscheck::Run) -> String {
    let mut out = Vec::new();
    report::write(Format::Html, run, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// The seed reports, relative to the repository (where the binary runs).
fn seeds() -> Vec<PathBuf> {
    let dir = root().join("fixtures/seeds");
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(dir).unwrap().map(|e| PathBuf::from("fixtures/seeds").join(e.unwrap().file_name())).collect();
    files.sort();
    files
}

#[test]
fn every_eval_cluster_renders_whole_and_self_contained() {
    let checker = Checker::new(&Rules::built_in().unwrap()).unwrap();
    let dirs = clusters::cluster_dirs(&root().join("fixtures/eval")).unwrap();
    assert!(dirs.len() >= 30, "the eval clusters are there: {}", dirs.len());
    let mut findings = 0;
    for dir in dirs {
        let (_, documents) = clusters::read_cluster(&dir).unwrap();
        let n = documents.len();
        let run = checker.analyse(documents);
        let html = html_of(&run);
        let tags = well_formed(&html);
        self_contained(&html);
        assert_eq!(tags.iter().filter(|t| *t == "script").count(), 1);
        assert_eq!(tags.iter().filter(|t| *t == "style").count(), 1);
        for f in &run.findings {
            assert!(html.contains(&format!("id=\"f-{}\"", f.id)), "{}: finding {} is on the page", dir.display(), f.id);
        }
        findings += run.findings.len();
        assert_eq!(html.matches("<div class=\"column\"").count(), n, "{}: a column per report", dir.display());
        // Every sentence is in its column exactly once.
        for (i, _) in run.sentences.iter().enumerate() {
            assert_eq!(html.matches(&format!("id=\"s-{i}\"")).count(), 1, "{}: sentence {i}", dir.display());
        }
        // Every column has one cell per row, so rows line up.
        let cells = html.matches("<div class=\"cell\"").count();
        assert_eq!(cells % n.max(1), 0, "{}: cells {cells} for {n} columns", dir.display());
        assert_eq!(html_of(&run), html, "{}: the same run gives the same bytes", dir.display());
    }
    assert!(findings > 30, "the clusters give findings to show: {findings}");
}

#[test]
fn article_text_is_escaped_and_links_are_only_http() {
    let dir = tempfile::tempdir().unwrap();
    let evil = "Dec 4, 2025\nThe leaders met at the SCO Summit <script>alert(\"x\")</script> in Tianjin in June 2025. \
                A note </style><b onmouseover='x'>bold</b> & more.\n";
    let a = serde_json::json!({"id": "a", "title": "</title><script>alert(1)</script>", "source": "<i>Wire</i>",
        "url": "javascript:alert(1)", "published": "2025-12-04", "text": evil});
    let b = serde_json::json!({"id": "b", "title": "B", "source": "Paper", "url": "https://example.com/b?x=1&y=\"2\"",
        "published": "2025-12-04",
        "text": "The leaders last met on September 1 this year in Tianjin, on the sidelines of the SCO Summit."});
    let (pa, pb) = (dir.path().join("a.json"), dir.path().join("b.json"));
    std::fs::write(&pa, a.to_string()).unwrap();
    std::fs::write(&pb, b.to_string()).unwrap();
    let out = run(&["check", "--format", "html", pa.to_str().unwrap(), pb.to_str().unwrap()]);
    assert_eq!(out.code, 1, "the summit conflict fails the run: {}", out.stderr);
    let html = out.stdout;
    let tags = well_formed(&html);
    self_contained(&html);
    assert_eq!(tags.iter().filter(|t| *t == "script").count(), 1, "only the page's own script");
    assert_eq!(html.matches("</style>").count(), 1);
    assert_eq!(html.matches("</title>").count(), 1);
    assert!(!tags.contains(&"i".to_string()), "the outlet's <i> is not an element");
    // (The raw bytes of a JSON document are its JSON text: the quotes are escaped.)
    assert!(html.contains("&lt;script&gt;alert(\\&quot;x\\&quot;)&lt;/script&gt;"), "the article's script is text");
    assert!(html.contains("&lt;/style&gt;&lt;b onmouseover=&#39;x&#39;&gt;bold&lt;/b&gt; &amp; more."));
    assert!(html.contains("&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;"), "the title is text");
    assert!(html.contains("&lt;i&gt;Wire&lt;/i&gt;"), "the outlet is text");
    assert!(!html.contains("javascript:"), "a javascript: URL is not a link");
    assert!(html.contains("href=\"https://example.com/b?x=1&amp;y=&quot;2&quot;\""), "the report's URL is a link");
    assert!(html.contains("class=\"finding sev-conflict\""), "the conflict is listed");
}

#[test]
fn seeds_page_is_deterministic_and_lists_everything() {
    let files = seeds();
    let args: Vec<&str> =
        ["check", "--format", "html"].into_iter().chain(files.iter().map(|p| p.to_str().unwrap())).collect();
    let (first, second) = (run(&args), run(&args));
    assert_eq!(first.code, 1, "{}", first.stderr);
    assert_eq!(first.stdout, second.stdout, "byte-identical");
    let html = first.stdout;
    well_formed(&html);
    self_contained(&html);
    let (_, report) = check_json(&files.iter().map(|p| p.as_path()).collect::<Vec<_>>());
    assert!(!report.findings.is_empty());
    for f in &report.findings {
        assert!(html.contains(&format!("id=\"f-{}\"", f.id)));
        assert!(html.contains(&format!("data-rule=\"{}\"", f.rule)));
    }
    let conflicts = report.findings.iter().filter(|f| f.severity == "conflict").count();
    assert!(
        html.contains(&format!("data-count=\"conflict\" title=\"show only conflicts\"><b>{conflicts}</b>")),
        "the summary counts conflicts"
    );
    // Both reports with where their dates came from.
    assert!(html.contains("<span class=\"source-tag\">dateline</span>"));
    assert!(html.contains("<span class=\"source-tag\">inferred</span>"));
    // The first seed repeats its body: the repeats are shown greyed, not lost.
    let dropped: usize = report.documents.iter().map(|d| d.dropped_duplicates).sum();
    assert!(dropped > 0);
    let shown = html.matches("<div class=\"dropped\"").count()
        + html.matches("class=\"sentence repeat").count()
        + html.matches("class=\"sentence aligned repeat").count();
    assert_eq!(shown, dropped, "every dropped paragraph and repeated sentence is on the page");
    // Quotations come with their word diff, as in the JSON report.
    let quote = report.findings.iter().find(|f| f.kind == "quote").expect("a quote finding");
    let diff = quote.diff.as_ref().expect("a quote finding carries its diff");
    assert!(diff.as_array().is_some_and(|d| d.iter().any(|op| op["op"] == "insert" || op["op"] == "replace")));
    assert!(html.contains("<div class=\"diff\">") && html.contains("<ins>") && html.contains("<del"));
    assert!(report.findings.iter().filter(|f| f.kind != "quote").all(|f| f.diff.is_none()));
}

/// The generated part of the page (no style sheet, no script) for the two
/// reports of the summit, compared with `tests/snapshots/html_summit.html`.
/// `CROSSCHECK_UPDATE_SNAPSHOTS=1` rewrites it.
#[test]
fn summit_page_matches_its_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.txt");
    let b = dir.path().join("b.txt");
    std::fs::write(&a, "Dec 4, 2025\nThe leaders met at the SCO Summit in Tianjin in June 2025.\n").unwrap();
    std::fs::write(
        &b,
        "Dec 4, 2025\nOther news from Delhi.\nThe leaders last met on September 1 this year in Tianjin, \
         on the sidelines of the SCO Summit.\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .current_dir(dir.path())
        .args(["check", "--format", "html", "a.txt", "b.txt"])
        .output()
        .unwrap();
    let html = String::from_utf8(out.stdout).unwrap();
    let start = html.find("<body>").unwrap();
    let end = html.find("<script>").unwrap();
    let body = &html[start..end];
    let path = root().join("tests/snapshots/html_summit.html");
    if std::env::var_os("CROSSCHECK_UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, body).unwrap();
    }
    let expected = std::fs::read_to_string(&path).expect("the snapshot (CROSSCHECK_UPDATE_SNAPSHOTS=1 writes it)");
    assert!(
        body == expected,
        "the page differs from {}; review and rewrite it with CROSSCHECK_UPDATE_SNAPSHOTS=1",
        path.display()
    );
}

/// What the browser needs, or why it cannot run.
fn browser() -> Result<(PathBuf, PathBuf), String> {
    let chromium =
        std::env::var_os("CROSSCHECK_CHROMIUM").map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
    if !chromium.exists() {
        return Err(format!("no Chromium at {}", chromium.display()));
    }
    let node = Command::new("node").arg("--version").output();
    if !node.is_ok_and(|o| o.status.success()) {
        return Err("no node".into());
    }
    let script = root().join("tests/browser");
    if !script.join("node_modules/playwright-core").exists() {
        return Err("tests/browser/node_modules is missing (npm ci in tests/browser)".into());
    }
    Ok((chromium, script))
}

/// Renders the seeds' page in headless Chromium: no console or page
/// errors, no requests, the SCO conflict listed, clicking it brings both
/// sentences into view in their columns, filters hide and show findings,
/// the keyboard moves from finding to finding, and print drops the
/// controls. Saves target/html-report.png (and -print.png).
#[test]
fn seeds_page_works_in_headless_chromium() {
    let required = std::env::var("CROSSCHECK_BROWSER_TEST").is_ok_and(|v| v == "1");
    let (chromium, script) = match browser() {
        Ok(found) => found,
        Err(why) if required => panic!("CROSSCHECK_BROWSER_TEST=1 but {why}"),
        Err(why) => {
            eprintln!("skipped the browser test: {why} (set CROSSCHECK_BROWSER_TEST=1 to require it)");
            return;
        }
    };
    let target = root().join("target");
    std::fs::create_dir_all(&target).unwrap();
    let page = target.join("html-report.html");
    let shot = target.join("html-report.png");
    let print = target.join("html-report-print.png");
    let _ = std::fs::remove_file(&shot);
    let files = seeds();
    let mut args: Vec<&str> = vec!["check", "--format", "html", "-o", page.to_str().unwrap()];
    args.extend(files.iter().map(|p| p.to_str().unwrap()));
    let out = run(&args);
    assert_eq!(out.code, 1, "{}", out.stderr);
    // And every eval cluster's page.
    let checker = Checker::new(&Rules::built_in().unwrap()).unwrap();
    let pages_dir = target.join("html-eval");
    std::fs::create_dir_all(&pages_dir).unwrap();
    let mut pages = Vec::new();
    for dir in clusters::cluster_dirs(&root().join("fixtures/eval")).unwrap() {
        let (cluster, documents) = clusters::read_cluster(&dir).unwrap();
        let html = html_of(&checker.analyse(documents));
        let path = pages_dir.join(format!("{}.html", cluster.name));
        std::fs::write(&path, html).unwrap();
        pages.push(serde_json::json!({"name": cluster.name, "html": path}));
    }
    let work = tempfile::tempdir().unwrap();
    let config = serde_json::json!({
        "html": page, "screenshot": shot, "print_screenshot": print, "chromium": chromium,
        "profile": work.path().join("profile"),
        "finding": {"rule": "date-conflict", "subject": "SCO Summit"},
        "pages": pages,
    });
    let config_path = work.path().join("config.json");
    std::fs::write(&config_path, config.to_string()).unwrap();
    let out = Command::new("node").current_dir(&script).arg("check.mjs").arg(&config_path).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "the browser script failed:\n{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    let seen: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    judge(&seen, &files);
    let png = std::fs::read(&shot).expect("the screenshot");
    assert!(png.starts_with(b"\x89PNG") && png.len() > 20_000, "a real screenshot: {} bytes", png.len());
    eprintln!("screenshot: {}", shot.display());
}

fn ids(v: &Value) -> Vec<String> {
    v.as_array().unwrap().iter().map(|x| x.as_str().unwrap().to_string()).collect()
}

#[track_caller]
fn in_view(place: &Value) -> bool {
    place["found"] == true && place["in_column"] == true && place["in_viewport"] == true && place["target"] == true
}

fn judge(seen: &Value, files: &[PathBuf]) {
    assert_eq!(seen["console_errors"], serde_json::json!([]), "console errors");
    assert_eq!(seen["page_errors"], serde_json::json!([]), "page errors");
    assert_eq!(seen["requests"], serde_json::json!([]), "the page asked the network for something");
    assert_eq!(seen["columns"], files.len());
    let (_, report) = check_json(&files.iter().map(|p| p.as_path()).collect::<Vec<_>>());
    let listed: Vec<&str> = seen["findings"].as_array().unwrap().iter().map(|f| f["id"].as_str().unwrap()).collect();
    let expected: Vec<String> = report.findings.iter().map(|f| format!("f-{}", f.id)).collect();
    assert_eq!(listed, expected, "every finding of the run, in order");

    // The SCO date conflict across the two reports.
    let steps = &seen["steps"];
    let wanted = steps["wanted"].as_str().expect("the SCO date conflict is listed");
    let finding = seen["findings"].as_array().unwrap().iter().find(|f| f["id"] == wanted).unwrap();
    assert_eq!(finding["severity"], "conflict");
    let before = steps["before_click"].as_array().unwrap();
    let after = steps["after_click"].as_array().unwrap();
    assert_eq!(after.len(), 2);
    assert_ne!(after[0]["column"], after[1]["column"], "one sentence in each report's column");
    assert!(!before.iter().all(in_view), "before the click the sentences were not both in view: {before:?}");
    assert!(after.iter().all(in_view), "after the click both sentences are in view: {after:?}");
    assert!(after[0]["text"].as_str().unwrap().contains("June 2025"), "{}", after[0]["text"]);
    assert!(after[1]["text"].as_str().unwrap().contains("September 1 this year"), "{}", after[1]["text"]);
    assert_eq!(steps["active_after_click"], wanted);
    assert_eq!(steps["marked_claims"], 2, "both claims are marked");

    // Filters.
    let filters = &steps["filters"];
    let all = ids(&filters["all"]);
    assert_eq!(all, expected);
    let severity_of = |id: &str| report.findings.iter().find(|f| format!("f-{}", f.id) == id).unwrap();
    let without: Vec<String> = all.iter().filter(|id| severity_of(id).severity != "conflict").cloned().collect();
    assert_eq!(ids(&filters["without_conflict"]), without, "unticking conflicts hides exactly the conflicts");
    assert!(without.len() < all.len());
    let kind = filters["kind"].as_str().unwrap();
    let without: Vec<String> = all.iter().filter(|id| severity_of(id).kind != kind).cloned().collect();
    assert_eq!(ids(&filters["without_kind"]), without, "unticking {kind} hides exactly its findings");
    let infos: Vec<String> = all.iter().filter(|id| severity_of(id).severity == "info").cloned().collect();
    assert_eq!(ids(&filters["only_info"]), infos, "the summary's info count shows only infos");
    assert_eq!(ids(&filters["restored"]), all);
    assert_eq!(filters["shown_text"], format!("{} of {} findings shown", all.len(), all.len()));

    // Keyboard: j j k ArrowDown from a fresh page.
    assert_eq!(steps["active_after_reload"], Value::Null);
    let expect = [&all[0], &all[1], &all[0], &all[1]];
    for (step, want) in steps["keys"].as_array().unwrap().iter().zip(expect) {
        assert_eq!(&step["active"], want, "{step}");
        assert_eq!(&step["focused"], want, "the selected finding has the focus");
        let places = step["sentences"].as_array().unwrap();
        assert!(in_view(&places[0]), "its first sentence is in view: {step}");
        if places.len() == 2 && places[0]["column"] != places[1]["column"] {
            assert!(in_view(&places[1]), "a cross-report finding has both sentences in view: {step}");
        }
    }

    // Every eval cluster's page: no errors; a click on a finding selects
    // it and brings its first sentence into view, and the sentences of
    // other reports into view in their columns.
    let pages = seen["pages"].as_array().unwrap();
    assert!(pages.len() >= 30, "every eval cluster was loaded: {}", pages.len());
    let mut clicked = 0;
    for p in pages {
        assert_eq!(p["console_errors"], serde_json::json!([]), "{}", p["name"]);
        assert_eq!(p["page_errors"], serde_json::json!([]), "{}", p["name"]);
        for click in p["clicks"].as_array().unwrap() {
            assert_eq!(click["active"], click["id"], "{}: {click}", p["name"]);
            let places = click["sentences"].as_array().unwrap();
            assert!(in_view(&places[0]), "{}: the first sentence is in view: {click}", p["name"]);
            for place in &places[1..] {
                if place["column"] != places[0]["column"] {
                    assert!(place["in_column"] == true, "{}: in view in its column: {click}", p["name"]);
                }
            }
            clicked += 1;
        }
    }
    assert!(clicked > 30, "findings clicked on the eval pages: {clicked}");

    // Printed: no controls, columns in one flow, every finding.
    let print = &steps["print"];
    assert_eq!(print["controls"], "none");
    assert_eq!(print["column_overflow"], "visible");
    assert_eq!(print["columns_display"], "block");
    assert_eq!(print["findings_shown"], all.len());
}

/// The checks above can fail: a page loading a script, a page with an
/// element left open.
#[test]
#[should_panic(expected = "an element loads a source")]
fn a_page_loading_a_script_is_not_self_contained() {
    self_contained(
        "<html><head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\"><style>p{}</style>\
         <script src=\"https://cdn.example/x.js\"></script></head></html>",
    );
}

#[test]
#[should_panic(expected = "closes <b>")]
fn a_page_with_an_open_element_is_not_well_formed() {
    well_formed("<!DOCTYPE html><html><p><b>text</p></html>");
}
