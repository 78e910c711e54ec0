//! The HTML report, for editors: one self-contained page to open in a
//! browser.
//!
//! Nothing is loaded from the network: the style sheet (`style.css`) and
//! the script (`script.js`) are embedded in the page, there are no images
//! or fonts, and a Content-Security-Policy forbids any other source. A
//! report's own URL appears as a link (only `http:` and `https:` ones).
//! Every piece of article text is escaped. The same run gives the same
//! bytes.
//!
//! The page has:
//! - a summary: the reports with their outlet, title, publication date and
//!   where that date came from, the reports that copy others, counts of
//!   conflicts, warnings and infos, and the facts stated by several reports
//!   ([`crate::Run::corroborations`]);
//! - the findings, each with its rule, severity, reason, claims with their
//!   normalised values and the independent reports behind each, and for
//!   quotations the word diff ([`crate::compare::Finding::diff`]);
//! - the reports side by side, one column each, aligned sentence by
//!   sentence ([`layout`]), claims highlighted by kind, claims of findings
//!   marked by severity, repeated paragraphs and sentences greyed;
//! - filters by severity and kind, highlight toggles by claim kind,
//!   keyboard navigation (`j`/`k` or the arrow keys, `Enter`), and a print
//!   style sheet that lays everything out in one flow.
//!
//! Selecting a finding (click, keyboard) scrolls every column that holds
//! one of its claims so that the claim's sentence is in view, and marks it.

mod layout;

use super::Located;
use crate::compare::quotes::{DiffOp, Op};
use crate::compare::{Finding, Severity};
use crate::extract::{ClaimKind, ClaimValue};
use crate::span::Span;
use crate::Run;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io;

const STYLE: &str = include_str!("style.css");
const SCRIPT: &str = include_str!("script.js");

/// The severities, most serious first.
const SEVERITIES: [Severity; 3] = [Severity::Conflict, Severity::Warning, Severity::Info];

/// Writes the page.
pub fn write(located: &Located, out: &mut dyn io::Write) -> io::Result<()> {
    let run = located.run;
    let mut by_sentence = vec![Vec::new(); run.sentences.len()];
    for c in &run.claims {
        by_sentence[c.sentence].push(c.id);
    }
    let mut page = Page { located, run, html: String::new(), flags: flags(run), by_sentence };
    page.write();
    out.write_all(page.html.as_bytes())
}

/// Text made safe for element content and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Per claim, the findings it is part of (indices into the run's findings).
fn flags(run: &Run) -> Vec<Vec<usize>> {
    let mut flags = vec![Vec::new(); run.claims.len()];
    for (i, f) in run.findings.iter().enumerate() {
        for &c in &f.claims {
            flags[c].push(i);
        }
    }
    flags
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

struct Page<'a> {
    located: &'a Located<'a>,
    run: &'a Run,
    html: String,
    flags: Vec<Vec<usize>>,
    /// Per sentence, its claims.
    by_sentence: Vec<Vec<usize>>,
}

impl Page<'_> {
    fn push(&mut self, s: &str) {
        self.html.push_str(s);
    }

    fn text(&mut self, s: &str) {
        let e = escape(s);
        self.html.push_str(&e);
    }

    fn count(&self, s: Severity) -> usize {
        self.run.findings.iter().filter(|f| f.severity == s).count()
    }

    /// "[2]", the label of a report everywhere on the page.
    fn label(&self, doc: usize) -> String {
        format!("[{}]", doc + 1)
    }

    fn write(&mut self) {
        let run = self.run;
        let title = format!(
            "crosscheck: {} — {}, {}, {}",
            plural(run.documents.len(), "report", "reports"),
            plural(self.count(Severity::Conflict), "conflict", "conflicts"),
            plural(self.count(Severity::Warning), "warning", "warnings"),
            plural(self.count(Severity::Info), "info", "infos"),
        );
        self.push("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        self.push("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        self.push(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
             style-src 'unsafe-inline'; script-src 'unsafe-inline'; \
             base-uri 'none'; form-action 'none'\">\n",
        );
        let _ = writeln!(
            self.html,
            "<meta name=\"generator\" content=\"{} {}\">",
            env!("CARGO_PKG_NAME"),
            env!("CARGO_PKG_VERSION")
        );
        self.push("<title>");
        self.text(&title);
        self.push("</title>\n<style>\n");
        self.push(STYLE);
        self.push("</style>\n</head>\n<body>\n");
        self.push("<header class=\"masthead\">\n<h1>Cross-check of ");
        self.text(&plural(run.documents.len(), "report", "reports"));
        let _ = writeln!(
            self.html,
            "</h1>\n<p class=\"tool\">crosscheck {} · report schema {}</p>\n</header>",
            env!("CARGO_PKG_VERSION"),
            super::SCHEMA
        );
        self.summary();
        self.controls();
        self.push("<main id=\"workspace\">\n");
        self.findings();
        self.columns();
        self.push("</main>\n<script>\n");
        self.push(SCRIPT);
        self.push("</script>\n</body>\n</html>\n");
    }

    fn summary(&mut self) {
        let run = self.run;
        self.push("<section id=\"summary\" aria-label=\"Summary\">\n<h2>Summary</h2>\n<p class=\"counts\">");
        for s in SEVERITIES {
            let n = self.count(s);
            let name = s.name();
            let _ = write!(
                self.html,
                "<button type=\"button\" class=\"count sev-{name}\" data-count=\"{name}\" title=\"show only {name}s\"><b>{n}</b> {}</button> ",
                if n == 1 { name.to_string() } else { format!("{name}s") }
            );
        }
        let t = run.tally;
        let _ = writeln!(
            self.html,
            "<span class=\"tally\">{} compared in {}: {} agree, {} compatible, {} conflict</span></p>",
            plural(t.agree + t.compatible + t.conflict, "claim", "claims"),
            plural(run.pairs.len(), "aligned sentence pair", "aligned sentence pairs"),
            t.agree,
            t.compatible,
            t.conflict
        );
        self.push("<div class=\"table-wrap\"><table class=\"reports\">\n<thead><tr><th>#</th><th>Report</th><th>Outlet</th><th>Published</th><th>Date from</th><th>Sentences</th><th>Independent group</th></tr></thead>\n<tbody>\n");
        for d in &run.documents {
            let _ = write!(
                self.html,
                "<tr id=\"doc-{}\"><td class=\"doc-label d{}\">{}</td><td>",
                d.index,
                d.index % 8,
                self.label(d.index)
            );
            if let Some(title) = &d.title {
                self.push("<span class=\"doc-title\">");
                self.text(title);
                self.push("</span><br>");
            }
            self.push("<code>");
            self.text(&d.path.display().to_string());
            self.push("</code>");
            if let Some(url) = d.url.as_deref().filter(|u| u.starts_with("https://") || u.starts_with("http://")) {
                self.push("<br><a class=\"url\" rel=\"noreferrer noopener\" href=\"");
                self.text(url);
                self.push("\">");
                self.text(url);
                self.push("</a>");
            }
            for c in run.credits.get(d.index).into_iter().flatten() {
                self.push("<br><span class=\"credit\">credit: “");
                self.text(&c.text);
                self.push("”</span>");
            }
            self.push("</td><td>");
            self.text(d.source.as_deref().unwrap_or("—"));
            self.push("</td><td>");
            match d.published {
                Some(p) => self.text(&p.to_string()),
                None => self.push("<span class=\"unknown\">unknown</span>"),
            }
            let _ = write!(self.html, "</td><td><span class=\"source-tag\">{}</span> ", d.published_from.name());
            self.text(&d.published_note);
            if let Some(span) = d.published_span {
                let at = self.located.locate(d.index, span);
                let _ = write!(self.html, " <span class=\"loc\">(line {}:{})</span>", at.line, at.column);
            }
            let live = run.sentences.iter().filter(|s| s.doc == d.index && s.duplicate_of.is_none()).count();
            let repeats = run.sentences.iter().filter(|s| s.doc == d.index && s.duplicate_of.is_some()).count();
            let _ = write!(self.html, "</td><td>{live}");
            if !d.dropped.is_empty() || repeats > 0 {
                let _ = write!(
                    self.html,
                    "<br><span class=\"dropped-note\">dropped as repeats: {}, {}</span>",
                    plural(d.dropped.len(), "paragraph", "paragraphs"),
                    plural(repeats, "sentence", "sentences")
                );
            }
            let group = run.groups.get(d.index).copied().unwrap_or(d.index);
            let mates: Vec<String> = run
                .documents
                .iter()
                .filter(|o| o.index != d.index && run.groups.get(o.index) == Some(&group))
                .map(|o| self.label(o.index))
                .collect();
            let _ = write!(self.html, "</td><td>{}", group_name(group));
            if !mates.is_empty() {
                let _ = write!(self.html, " <span class=\"mates\">(with {})</span>", mates.join(", "));
            }
            self.push("</td></tr>\n");
        }
        self.push("</tbody></table></div>\n");
        if !run.copies.is_empty() {
            self.push("<h3>Not independent</h3>\n<ul class=\"copies\">\n");
            for c in &run.copies {
                let _ = write!(
                    self.html,
                    "<li><b>{} copies {}</b>: {} of {} words ({:.0}%) in {}. ",
                    self.label(c.doc),
                    self.label(c.source),
                    c.shared_words,
                    c.words,
                    c.share * 100.0,
                    plural(c.passages.len(), "passage", "passages")
                );
                self.text(&c.reason);
                self.push("</li>\n");
            }
            self.push("</ul>\n");
        }
        if !run.errors.is_empty() {
            self.push("<h3>Not read</h3>\n<ul class=\"errors\">\n");
            for e in &run.errors {
                self.push("<li>");
                self.text(&e.to_string());
                self.push("</li>\n");
            }
            self.push("</ul>\n");
        }
        self.corroborations();
        self.push("</section>\n");
    }

    fn corroborations(&mut self) {
        let run = self.run;
        let several = run.corroborations.iter().filter(|c| c.independent >= 2).count();
        let _ = writeln!(
            self.html,
            "<details class=\"corroborated\" id=\"corroborated\"{}>\n<summary><h3>Corroborated: {} stated alike by several reports, {} of them by several independent reports</h3></summary>",
            if run.corroborations.len() <= 12 { " open" } else { "" },
            plural(run.corroborations.len(), "fact", "facts"),
            several
        );
        if run.corroborations.is_empty() {
            self.push("<p class=\"none\">No claim was stated alike by two reports.</p>\n");
        } else {
            self.push("<ul>\n");
            for c in &run.corroborations {
                let first = &run.claims[c.claims[0]];
                let kind = first.value.kind().name();
                let value = first.value.normalised().unwrap_or_else(|| "unresolved".into());
                let strength = if c.independent >= 2 { "strong" } else { "weak" };
                let _ =
                    write!(self.html, "<li class=\"{strength}\"><span class=\"kind-tag k-{kind}\">{kind}</span> <b>");
                self.text(&value);
                let _ = write!(
                    self.html,
                    "</b> — {}, {}: ",
                    plural(c.reports, "report", "reports"),
                    plural(c.independent, "independent", "independent")
                );
                for (i, &id) in c.claims.iter().enumerate() {
                    let claim = &run.claims[id];
                    let doc = &run.documents[claim.doc];
                    let (at, _) = self.located.claims[id];
                    if i > 0 {
                        self.push(", ");
                    }
                    let _ = write!(
                        self.html,
                        "<a class=\"goto\" href=\"#s-{}\" data-sentence=\"{}\">{} “",
                        claim.sentence,
                        claim.sentence,
                        self.label(claim.doc)
                    );
                    self.text(claim.span.of(&doc.raw));
                    let _ = write!(self.html, "” <span class=\"loc\">{}:{}</span></a>", at.line, at.column);
                }
                self.push("</li>\n");
            }
            self.push("</ul>\n");
        }
        self.push("</details>\n");
    }

    fn controls(&mut self) {
        let run = self.run;
        self.push("<nav id=\"controls\" aria-label=\"Filters\">\n<fieldset class=\"filter\" id=\"filter-severity\"><legend>Severity</legend>");
        for s in SEVERITIES {
            let name = s.name();
            let _ = write!(
                self.html,
                "<label class=\"sev-{name}\"><input type=\"checkbox\" data-filter=\"severity\" value=\"{name}\" checked> {name} ({})</label>",
                self.count(s)
            );
        }
        self.push("</fieldset>\n<fieldset class=\"filter\" id=\"filter-kind\"><legend>Finding kind</legend>");
        let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
        for f in &run.findings {
            *kinds.entry(f.kind.name()).or_default() += 1;
        }
        for (kind, n) in &kinds {
            let _ = write!(
                self.html,
                "<label><input type=\"checkbox\" data-filter=\"kind\" value=\"{kind}\" checked> {kind} ({n})</label>"
            );
        }
        if kinds.is_empty() {
            self.push("<span class=\"none\">no findings</span>");
        }
        self.push("</fieldset>\n<fieldset class=\"filter\" id=\"highlight\"><legend>Highlight claims</legend>");
        let mut present: BTreeMap<&str, usize> = BTreeMap::new();
        for c in &run.claims {
            *present.entry(c.value.kind().name()).or_default() += 1;
        }
        for kind in ClaimKind::ALL.iter().map(|k| k.name()) {
            if let Some(n) = present.get(kind) {
                let _ = write!(
                    self.html,
                    "<label class=\"k-{kind}\"><input type=\"checkbox\" data-highlight=\"{kind}\" checked> {kind} ({n})</label>"
                );
            }
        }
        self.push("</fieldset>\n<p class=\"keys\"><kbd>j</kbd>/<kbd>k</kbd> or <kbd>↓</kbd>/<kbd>↑</kbd> next/previous finding · <label><input type=\"checkbox\" id=\"link-scroll\" checked> scroll columns together</label> · <span id=\"shown\"></span></p>\n</nav>\n");
    }

    fn findings(&mut self) {
        let run = self.run;
        let _ = writeln!(
            self.html,
            "<section id=\"findings\" aria-label=\"Findings\">\n<h2>Findings <span class=\"n\">{}</span></h2>",
            run.findings.len()
        );
        if run.findings.is_empty() {
            self.push(
                "<p class=\"none\">No findings: the reports do not contradict one another on anything compared.</p>\n",
            );
        }
        self.push("<ol class=\"findings\">\n");
        for (i, f) in run.findings.iter().enumerate() {
            self.finding(i, f);
        }
        self.push("</ol>\n</section>\n");
    }

    fn finding(&mut self, index: usize, f: &Finding) {
        let run = self.run;
        let sev = f.severity.name();
        let kind = f.kind.name();
        let sentences: Vec<String> = f.claims.iter().map(|&c| format!("s-{}", run.claims[c].sentence)).collect();
        let claims: Vec<String> = f.claims.iter().map(|c| format!("c-{c}")).collect();
        let _ = writeln!(
            self.html,
            "<li class=\"finding sev-{sev}\" id=\"f-{}\" data-index=\"{index}\" data-severity=\"{sev}\" data-kind=\"{kind}\" data-rule=\"{}\" data-sentences=\"{}\" data-claims=\"{}\" tabindex=\"0\">",
            escape(&f.id),
            f.rule,
            sentences.join(" "),
            claims.join(" ")
        );
        let _ = write!(
            self.html,
            "<p class=\"head\"><span class=\"sev-badge sev-{sev}\">{sev}</span> <code class=\"rule\">{}</code> <span class=\"kind-tag k-{kind}\">{kind}</span> <span class=\"scope\">{}</span> <span class=\"confidence\" title=\"confidence\">{:.2}</span></p>\n<h3 class=\"subject\">",
            f.rule,
            f.scope.name(),
            f.confidence
        );
        self.text(&f.subject);
        self.push("</h3>\n<ul class=\"evidence\">\n");
        for (i, &id) in f.claims.iter().enumerate() {
            let c = &run.claims[id];
            let doc = &run.documents[c.doc];
            let (at, sentence) = self.located.claims[id];
            let value = c.value.normalised().unwrap_or_else(|| "unresolved".into());
            let _ = write!(
                self.html,
                "<li data-sentence=\"s-{}\" title=\"show this sentence\"><span class=\"doc-label d{}\">{}</span> <span class=\"loc\">",
                c.sentence,
                c.doc % 8,
                self.label(c.doc)
            );
            self.text(&doc.path.display().to_string());
            let _ = write!(self.html, ":{}:{}</span> ", at.line, at.column);
            if value.chars().count() > 80 {
                self.push("<span class=\"value long\" title=\"");
                self.text(&value);
                self.push("\">→ <b>");
            } else {
                self.push("<span class=\"value\">→ <b>");
            }
            self.text(&value);
            self.push("</b>");
            if let Some(p) = c.value.precision() {
                let _ = write!(self.html, " <span class=\"precision\">({})</span>", p.name());
            }
            self.push("</span>");
            if let Some(&n) = f.support.get(i) {
                let _ = write!(
                    self.html,
                    " <span class=\"support\" title=\"independent reports behind this claim\">{}</span>",
                    plural(n, "independent report", "independent reports")
                );
            }
            self.push("<blockquote class=\"excerpt\">");
            self.excerpt(&doc.raw, sentence.span, c.span, c.value.kind().name());
            self.push("</blockquote></li>\n");
        }
        self.push("</ul>\n");
        if let Some(diff) = &f.diff {
            self.push("<div class=\"diff\"><span class=\"diff-label\">Word diff ");
            let (a, b) = (f.claims.first().map(|&c| run.claims[c].doc), f.claims.get(1).map(|&c| run.claims[c].doc));
            if let (Some(a), Some(b)) = (a, b) {
                let _ = write!(self.html, "<del>{}</del> → <ins>{}</ins>", self.label(a), self.label(b));
            }
            self.push(":</span> ");
            self.diff(diff);
            self.push("</div>\n");
        }
        self.push("<p class=\"reason\">");
        self.text(&f.reason);
        self.push("</p>\n<p class=\"id\">id <code>");
        self.text(&f.id);
        self.push("</code></p>\n</li>\n");
    }

    /// A sentence with one claim marked.
    fn excerpt(&mut self, raw: &str, sentence: Span, claim: Span, kind: &str) {
        self.text(&raw[sentence.start..claim.start.max(sentence.start)]);
        let _ = write!(self.html, "<mark class=\"hit k-{kind}\">");
        self.text(claim.of(raw));
        self.push("</mark>");
        self.text(&raw[claim.end.min(sentence.end)..sentence.end]);
    }

    fn diff(&mut self, diff: &[DiffOp]) {
        for (i, d) in diff.iter().enumerate() {
            if i > 0 {
                self.push(" ");
            }
            let explained = d.explained.map(|e| format!("{e:?}").to_lowercase());
            let class =
                explained.as_ref().map_or(String::new(), |e| format!(" class=\"explained\" title=\"fine: {e}\""));
            match d.op {
                Op::Equal => self.text(&d.a),
                Op::Delete => {
                    let _ = write!(self.html, "<del{class}>");
                    self.text(&d.a);
                    self.push("</del>");
                }
                Op::Insert => {
                    let _ = write!(self.html, "<ins{class}>");
                    self.text(&d.b);
                    self.push("</ins>");
                }
                Op::Replace => {
                    let _ = write!(self.html, "<del{class}>");
                    self.text(&d.a);
                    let _ = write!(self.html, "</del> <ins{class}>");
                    self.text(&d.b);
                    self.push("</ins>");
                }
            }
        }
    }

    fn columns(&mut self) {
        let run = self.run;
        let rows = layout::rows(run);
        let n = run.documents.len();
        let _ = writeln!(
            self.html,
            "<section id=\"reports\" aria-label=\"Reports side by side\" style=\"--columns: {n}\">\n<h2 class=\"print-only\">Reports</h2>\n<div class=\"columns\">"
        );
        for d in &run.documents {
            let _ = write!(self.html, "<div class=\"column\" id=\"col-{}\" data-doc=\"{}\">\n<header class=\"col-head\"><span class=\"doc-label d{}\">{}</span> ", d.index, d.index, d.index % 8, self.label(d.index));
            // The file's name, or its path when another report has that name.
            let path = d.path.display().to_string();
            let unique = run.documents.iter().filter(|o| o.path.file_name() == d.path.file_name()).count() == 1;
            let name = match d.path.file_name() {
                Some(n) if unique => n.to_string_lossy().into_owned(),
                _ => path.clone(),
            };
            self.push("<span class=\"col-title\" title=\"");
            self.text(&path);
            self.push("\">");
            self.text(d.title.as_deref().unwrap_or(&name));
            self.push("</span><br><span class=\"meta\">");
            if let Some(s) = &d.source {
                self.text(s);
                self.push(" · ");
            }
            match d.published {
                Some(p) => {
                    let _ = write!(self.html, "{p} ({})", d.published_from.phrase());
                }
                None => self.push("publication date unknown"),
            }
            self.push("</span></header>\n<div class=\"rows\">\n");
            for (r, row) in rows.iter().enumerate() {
                let _ = write!(self.html, "<div class=\"cell\" data-row=\"{r}\"");
                match row[d.index] {
                    None => self.push(" aria-hidden=\"true\"></div>\n"),
                    Some(layout::Item::Sentence(s)) => {
                        self.push(">");
                        self.sentence(s, row.iter().filter(|x| x.is_some()).count() > 1);
                        self.push("</div>\n");
                    }
                    Some(layout::Item::Dropped(x)) => {
                        let dropped = d.dropped[x];
                        let at = self.located.locate(d.index, dropped.span);
                        let first = self.located.locate(d.index, dropped.repeats);
                        let _ = write!(
                            self.html,
                            "><div class=\"dropped\" title=\"dropped: repeats the paragraph on line {}\"><span class=\"why\">repeated paragraph (line {}, repeats line {}), not read</span> ",
                            first.line, at.line, first.line
                        );
                        self.text(dropped.span.of(&d.raw));
                        self.push("</div></div>\n");
                    }
                }
            }
            self.push("</div>\n</div>\n");
        }
        self.push("</div>\n</section>\n");
    }

    /// A sentence of a column with its claims highlighted.
    fn sentence(&mut self, id: usize, aligned: bool) {
        let run = self.run;
        let s = &run.sentences[id];
        let doc = &run.documents[s.doc];
        let at = self.located.locate(s.doc, s.span);
        let mut class = String::from("sentence");
        if aligned {
            class.push_str(" aligned");
        }
        if s.duplicate_of.is_some() {
            class.push_str(" repeat");
        }
        let _ = write!(self.html, "<p class=\"{class}\" id=\"s-{id}\" data-line=\"{}\">", at.line);
        let _ = write!(self.html, "<span class=\"ln\" aria-hidden=\"true\">{}</span>", at.line);
        if let Some(first) = s.duplicate_of {
            let line = self.located.locate(s.doc, run.sentences[first].span).line;
            let _ = write!(self.html, "<span class=\"why\">repeated sentence (repeats line {line}), not read</span> ");
        }
        let claims = self.by_sentence[id].clone();
        self.marked(&doc.raw, s.span, &claims);
        self.push("</p>");
    }

    /// The text of `span` with `claims` marked: one `<mark>` per claim,
    /// nested as the claims are (a name inside a quotation); a claim that
    /// only overlaps another is closed and opened again around its end.
    fn marked(&mut self, raw: &str, span: Span, claims: &[usize]) {
        let run = self.run;
        let clip = |x: usize| x.clamp(span.start, span.end);
        let mut order: Vec<usize> = claims.to_vec();
        order.sort_by_key(|&c| (clip(run.claims[c].span.start), std::cmp::Reverse(clip(run.claims[c].span.end)), c));
        let end_of = |c: usize| clip(run.claims[c].span.end);
        let mut cuts: Vec<usize> = vec![span.start, span.end];
        for &c in &order {
            cuts.push(clip(run.claims[c].span.start));
            cuts.push(end_of(c));
        }
        cuts.sort_unstable();
        cuts.dedup();
        let mut open: Vec<usize> = Vec::new();
        let mut next = 0;
        let mut pos = span.start;
        for &cut in &cuts {
            self.text(&raw[pos..cut]);
            pos = cut;
            // Close the claims ending here, and whatever is open inside them.
            if let Some(k) = open.iter().position(|&c| end_of(c) <= cut) {
                let above: Vec<usize> = open.split_off(k);
                for _ in &above {
                    self.push("</mark>");
                }
                for &c in above.iter().filter(|&&c| end_of(c) > cut) {
                    self.open_mark(c);
                    open.push(c);
                }
            }
            while next < order.len() && clip(run.claims[order[next]].span.start) == cut {
                let c = order[next];
                next += 1;
                if end_of(c) > cut {
                    self.open_mark(c);
                    open.push(c);
                }
            }
        }
        for _ in &open {
            self.push("</mark>");
        }
    }

    fn open_mark(&mut self, c: usize) {
        let run = self.run;
        let claim = &run.claims[c];
        let kind = claim.value.kind().name();
        let mut class = format!("k-{kind}");
        // A statement that something did not happen, rather than one that
        // it did.
        if matches!(&claim.value, ClaimValue::Polarity(p) if !p.positive) {
            class.push_str(" negated");
        }
        let flags = self.flags[c].clone();
        if let Some(worst) = flags.iter().map(|&f| run.findings[f].severity).max() {
            let _ = write!(class, " flag flag-{}", worst.name());
        }
        let value = claim.value.normalised().unwrap_or_else(|| "unresolved".into());
        let _ = write!(self.html, "<mark class=\"{class}\" data-claims=\"c-{c}\" title=\"{kind}: ");
        self.text(&value);
        self.push("\"");
        if !flags.is_empty() {
            let ids: Vec<String> = flags.iter().map(|&f| format!("f-{}", escape(&run.findings[f].id))).collect();
            let _ = write!(self.html, " data-findings=\"{}\"", ids.join(" "));
        }
        self.push(">");
    }
}

/// "A", "B", ..., "Z", "AA": the name of an independent group.
fn group_name(group: usize) -> String {
    let mut n = group;
    let mut name = Vec::new();
    loop {
        name.push(b'A' + (n % 26) as u8);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape("<script>a & 'b' \"c\"</script>"),
            "&lt;script&gt;a &amp; &#39;b&#39; &quot;c&quot;&lt;/script&gt;"
        );
    }

    #[test]
    fn groups_are_lettered() {
        assert_eq!(group_name(0), "A");
        assert_eq!(group_name(25), "Z");
        assert_eq!(group_name(26), "AA");
        assert_eq!(group_name(27), "AB");
    }
}
