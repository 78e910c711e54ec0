//! The text report, for a person at a terminal: every finding with both
//! sentences, the claims marked, `path:line:column`, values and a reason.
//!
//! With colour on, severities and carets are coloured by severity (conflict
//! red, warning yellow, info cyan) and the gutter is blue. Findings a
//! baseline suppresses are listed after the others, one line each with the
//! baseline's reason, and are left out of the counts; stale baseline
//! entries are listed last.

use super::Located;
use crate::compare::{Finding, Severity};
use anstyle::{AnsiColor, Style};
use std::io;

/// What is coloured, or plain styles when colour is off.
#[derive(Clone, Copy, Default)]
struct Palette {
    conflict: Style,
    warning: Style,
    info: Style,
    gutter: Style,
    bold: Style,
}

impl Palette {
    fn new(color: bool) -> Palette {
        if !color {
            return Palette::default();
        }
        Palette {
            conflict: AnsiColor::Red.on_default().bold(),
            warning: AnsiColor::Yellow.on_default().bold(),
            info: AnsiColor::Cyan.on_default().bold(),
            gutter: AnsiColor::Blue.on_default().bold(),
            bold: Style::new().bold(),
        }
    }

    fn severity(&self, s: Severity) -> Style {
        match s {
            Severity::Conflict => self.conflict,
            Severity::Warning => self.warning,
            Severity::Info => self.info,
        }
    }
}

/// Sentences longer than this many characters are cut around the claim.
const WIDTH: usize = 150;

/// Writes the report, coloured or not.
pub fn write(located: &Located, color: bool, out: &mut dyn io::Write) -> io::Result<()> {
    let run = located.run;
    let paint = Palette::new(color);
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
    copies(located, &paint, out)?;
    for (i, f) in run.findings.iter().enumerate() {
        if !located.is_suppressed(i) {
            writeln!(out)?;
            finding(located, f, &paint, out)?;
        }
    }
    baseline(located, &paint, out)?;
    let count = |s: Severity| {
        run.findings.iter().enumerate().filter(|&(i, f)| f.severity == s && !located.is_suppressed(i)).count()
    };
    let t = run.tally;
    writeln!(out)?;
    let counted = |n: usize, s: Severity, what: &str| {
        let style = if n > 0 { paint.severity(s) } else { Style::new() };
        format!("{style}{n} {what}{style:#}")
    };
    write!(
        out,
        "{}, {}, {}",
        counted(count(Severity::Conflict), Severity::Conflict, "conflicts"),
        counted(count(Severity::Warning), Severity::Warning, "warnings"),
        counted(count(Severity::Info), Severity::Info, "infos"),
    )?;
    if let Some(b) = located.baseline {
        write!(out, ", {} suppressed by the baseline", b.suppressed())?;
    }
    writeln!(
        out,
        "; {} claims compared in {} aligned sentence pairs ({} agree, {} compatible, {} conflict)",
        t.agree + t.compatible + t.conflict,
        run.pairs.len(),
        t.agree,
        t.compatible,
        t.conflict,
    )
}

/// The findings a baseline suppresses, one line each, and its stale entries.
fn baseline(located: &Located, paint: &Palette, out: &mut dyn io::Write) -> io::Result<()> {
    let Some(b) = located.baseline else { return Ok(()) };
    let run = located.run;
    if b.suppressed() > 0 {
        writeln!(out)?;
        writeln!(out, "Suppressed by the baseline {}:", b.path.display())?;
        for (i, f) in run.findings.iter().enumerate() {
            let Some(reason) = located.suppressed[i] else { continue };
            let place = f.claims.first().map_or(String::new(), |&id| {
                let (at, _) = located.claims[id];
                format!(" at {}:{}:{}", run.documents[run.claims[id].doc].path.display(), at.line, at.column)
            });
            let style = paint.severity(f.severity);
            writeln!(
                out,
                "  {style}{}{style:#}[{}]: {}{place} (id {}; {reason})",
                f.severity.name(),
                f.rule,
                f.message,
                f.id
            )?;
        }
    }
    if !b.stale.is_empty() {
        writeln!(out)?;
        writeln!(out, "Stale entries of the baseline {} (they match no finding):", b.path.display())?;
        for e in &b.stale {
            writeln!(out, "  {} [{}]: {} ({})", e.fingerprint, e.rule, e.message, e.reason)?;
        }
    }
    Ok(())
}

fn finding(located: &Located, f: &Finding, paint: &Palette, out: &mut dyn io::Write) -> io::Result<()> {
    let run = located.run;
    let (style, gutter, bold) = (paint.severity(f.severity), paint.gutter, paint.bold);
    writeln!(
        out,
        "{style}{}{style:#}{bold}[{}]: {}{bold:#}  ({}, confidence {:.2})",
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
        writeln!(out, "  {gutter}-->{gutter:#} {}:{}:{}", doc.path.display(), at.line, at.column)?;
        let text = sentence.span.of(&doc.raw);
        let before: String = text[..c.span.start - sentence.span.start].chars().map(flat).collect();
        let claim: String = c.span.of(&doc.raw).chars().map(flat).collect();
        let after: String = text[c.span.end - sentence.span.start..].chars().map(flat).collect();
        let (before, after) = cut(&before, &claim, &after);
        writeln!(out, "   {gutter}|{gutter:#} {before}{claim}{after}")?;
        let value = c.value.normalised().unwrap_or_else(|| "unresolved".into());
        let precision = c.value.precision().map(|p| format!(" ({})", p.name())).unwrap_or_default();
        writeln!(
            out,
            "   {gutter}|{gutter:#} {}{style}{}{style:#} {value}{precision}",
            " ".repeat(before.chars().count()),
            "^".repeat(claim.chars().count().max(1))
        )?;
    }
    writeln!(out, "  {gutter}={gutter:#} why: {}", f.reason)?;
    writeln!(out, "  {gutter}={gutter:#} id: {}", f.id)
}

/// The "Not independent" section: which report copies which, how much,
/// the credit lines of the copier, and why the direction is what it is.
fn copies(located: &Located, paint: &Palette, out: &mut dyn io::Write) -> io::Result<()> {
    let run = located.run;
    let gutter = paint.gutter;
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
                "  {gutter}-->{gutter:#} {}:{}:{} = {}:{}:{}",
                doc.path.display(),
                a.line,
                a.column,
                source.path.display(),
                b.line,
                b.column
            )?;
        }
        writeln!(out, "  {gutter}={gutter:#} why: {}", c.reason)?;
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
