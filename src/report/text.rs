//! The text report, for a person at a terminal: every finding with both
//! sentences, the claims marked, `path:line:column`, values and a reason.

use super::Located;
use crate::compare::{Finding, Severity};
use std::io;

/// Sentences longer than this many characters are cut around the claim.
const WIDTH: usize = 150;

/// Writes the report.
pub fn write(located: &Located, out: &mut dyn io::Write) -> io::Result<()> {
    let run = located.run;
    let live = |doc: usize| run.sentences.iter().filter(|s| s.doc == doc && s.duplicate_of.is_none()).count();
    for d in &run.documents {
        let published = d.published.map_or("date unknown".to_string(), |p| format!("published {p}"));
        write!(
            out,
            "[{}] {}: {published} ({}: {})",
            d.index + 1,
            d.path.display(),
            d.published_from.name(),
            d.published_note
        )?;
        let repeats = run.sentences.iter().filter(|s| s.doc == d.index && s.duplicate_of.is_some()).count();
        write!(out, "; {} sentences", live(d.index))?;
        if !d.dropped.is_empty() || repeats > 0 {
            let plural = |n: usize, what: &str| format!("{n} repeated {what}{}", if n == 1 { "" } else { "s" });
            write!(out, "; dropped {} and {}", plural(d.dropped.len(), "paragraph"), plural(repeats, "sentence"))?;
        }
        for c in run.credits.get(d.index).into_iter().flatten() {
            write!(out, "; credit {:?}", c.text)?;
        }
        writeln!(out)?;
    }
    copies(located, out)?;
    for f in &run.findings {
        writeln!(out)?;
        finding(located, f, out)?;
    }
    let count = |s: Severity| run.findings.iter().filter(|f| f.severity == s).count();
    let t = run.tally;
    writeln!(out)?;
    writeln!(
        out,
        "{} conflicts, {} warnings, {} infos; {} claims compared in {} aligned sentence pairs ({} agree, {} compatible, {} conflict)",
        count(Severity::Conflict),
        count(Severity::Warning),
        count(Severity::Info),
        t.agree + t.compatible + t.conflict,
        run.pairs.len(),
        t.agree,
        t.compatible,
        t.conflict,
    )
}

fn finding(located: &Located, f: &Finding, out: &mut dyn io::Write) -> io::Result<()> {
    let run = located.run;
    writeln!(
        out,
        "{}[{}]: {}  ({}, confidence {:.2})",
        f.severity.name(),
        f.rule,
        f.message,
        f.scope.name(),
        f.confidence
    )?;
    for &id in &f.claims {
        let c = &run.claims[id];
        let doc = &run.documents[c.doc];
        let (at, sentence) = located.claims[id];
        writeln!(out, "  --> {}:{}:{}", doc.path.display(), at.line, at.column)?;
        let text = sentence.span.of(&doc.raw);
        let before: String = text[..c.span.start - sentence.span.start].chars().map(flat).collect();
        let claim: String = c.span.of(&doc.raw).chars().map(flat).collect();
        let after: String = text[c.span.end - sentence.span.start..].chars().map(flat).collect();
        let (before, after) = cut(&before, &claim, &after);
        writeln!(out, "   | {before}{claim}{after}")?;
        let value = c.value.normalised().unwrap_or_else(|| "unresolved".into());
        let precision = c.value.precision().map(|p| format!(" ({})", p.name())).unwrap_or_default();
        writeln!(
            out,
            "   | {}{} {value}{precision}",
            " ".repeat(before.chars().count()),
            "^".repeat(claim.chars().count().max(1))
        )?;
    }
    writeln!(out, "  = why: {}", f.reason)?;
    writeln!(out, "  = id: {}", f.id)
}

/// The "Not independent" section: which report copies which, how much,
/// the credit lines of the copier, and why the direction is what it is.
fn copies(located: &Located, out: &mut dyn io::Write) -> io::Result<()> {
    let run = located.run;
    if run.copies.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(out, "Not independent:")?;
    for c in &run.copies {
        let (doc, source) = (&run.documents[c.doc], &run.documents[c.source]);
        let n = c.passages.len();
        write!(
            out,
            "  {} copies {}: {} of {} words ({:.0}%) in {n} passage{}",
            doc.id,
            source.id,
            c.shared_words,
            c.words,
            100.0 * c.share,
            if n == 1 { "" } else { "s" }
        )?;
        for m in &c.markers {
            write!(out, "; credit {m:?}")?;
        }
        writeln!(out)?;
        if let Some(&(mine, theirs)) = c.passages.first() {
            let (a, b) = (located.locate(c.doc, mine), located.locate(c.source, theirs));
            writeln!(
                out,
                "  --> {}:{}:{} = {}:{}:{}",
                doc.path.display(),
                a.line,
                a.column,
                source.path.display(),
                b.line,
                b.column
            )?;
        }
        writeln!(out, "  = why: {}", c.reason)?;
    }
    Ok(())
}

/// Line breaks and tabs shown as spaces, so the caret line stays aligned.
fn flat(c: char) -> char {
    if c.is_whitespace() {
        ' '
    } else {
        c
    }
}

/// Cuts the text around a claim to fit [`WIDTH`], marking cuts with `…`.
fn cut(before: &str, claim: &str, after: &str) -> (String, String) {
    let total = before.chars().count() + claim.chars().count() + after.chars().count();
    if total <= WIDTH {
        return (before.to_string(), after.to_string());
    }
    let room = WIDTH.saturating_sub(claim.chars().count()) / 2;
    let n = before.chars().count();
    let before =
        if n > room { format!("…{}", before.chars().skip(n - room).collect::<String>()) } else { before.to_string() };
    let after = if after.chars().count() > room {
        format!("{}…", after.chars().take(room).collect::<String>())
    } else {
        after.to_string()
    };
    (before, after)
}
