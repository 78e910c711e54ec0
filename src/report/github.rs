//! GitHub Actions workflow commands: one annotation a finding, shown on the
//! changed file of a pull request and in the run's summary.
//!
//! ```text
//! ::error file=PATH,line=L,col=C,endLine=L,endColumn=C,title=crosscheck RULE::MESSAGE
//! ```
//! `conflict` findings are `::error`, `warning` ones `::warning`, `info`
//! ones `::notice`. The place is the finding's first claim (the path as
//! given, without a leading `./`); the message gives the values, the reason,
//! the other claims as `path:line:column` and the fingerprint. Columns count
//! UTF-16 code units, as GitHub does; `col`/`endColumn` are written only
//! when the claim is on one line, which is all GitHub accepts. Data is
//! escaped as GitHub's toolkit does (`%` `%25`, CR `%0D`, LF `%0A`), and
//! property values also escape `:` (`%3A`) and `,` (`%2C`).
//!
//! Findings suppressed by a baseline are not annotated: each is a
//! `::debug::` line (shown when step debug logging is on) and one
//! `::notice` counts them. A stale baseline entry is a `::notice`; an input
//! that could not be read is an `::error` on that file.

use super::Located;
use crate::compare::Severity;
use std::io;

/// Writes one workflow command a line.
pub fn write(located: &Located, out: &mut dyn io::Write) -> io::Result<()> {
    let run = located.run;
    for e in &run.errors {
        let file = e.path().map(|p| format!("file={},", property(&path(p)))).unwrap_or_default();
        writeln!(out, "::error {file}title={}::{}", property("crosscheck input"), data(&e.to_string()))?;
    }
    let mut suppressed = 0;
    for (i, f) in run.findings.iter().enumerate() {
        let Some(&first) = f.claims.first() else { continue };
        let claim = &run.claims[first];
        let doc = &run.documents[claim.doc];
        let at = located.locate_utf16(claim.doc, claim.span);
        let mut message = format!("{}\n{}", f.message, f.reason);
        for &other in &f.claims[1..] {
            let c = &run.claims[other];
            let o = located.locate_utf16(c.doc, c.span);
            let text = c.span.of(&run.documents[c.doc].raw);
            message.push_str(&format!(
                "\nother claim: {}:{}:{} {text:?}",
                path(&run.documents[c.doc].path),
                o.line,
                o.column
            ));
        }
        message.push_str(&format!("\nfingerprint: {}", f.id));
        let file = path(&doc.path);
        if let Some(reason) = located.suppressed.get(i).copied().flatten() {
            suppressed += 1;
            let text = format!(
                "suppressed by the baseline ({reason}): {} {} at {file}:{}:{}",
                f.rule, f.message, at.line, at.column
            );
            writeln!(out, "::debug::{}", data(&text))?;
            continue;
        }
        let command = match f.severity {
            Severity::Conflict => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let columns = if at.line == at.end_line {
            format!(",col={},endColumn={}", at.column, at.end_column)
        } else {
            String::new()
        };
        writeln!(
            out,
            "::{command} file={},line={},endLine={}{columns},title={}::{}",
            property(&file),
            at.line,
            at.end_line,
            property(&format!("crosscheck {}", f.rule)),
            data(&message)
        )?;
    }
    if let Some(b) = located.baseline {
        let file = b.path.display().to_string();
        if suppressed > 0 {
            let text = format!(
                "{suppressed} finding{} suppressed by the baseline {file}",
                if suppressed == 1 { "" } else { "s" }
            );
            writeln!(out, "::notice title={}::{}", property("crosscheck baseline"), data(&text))?;
        }
        for e in &b.stale {
            let text = format!(
                "{file}: stale entry {} ({}: {}) matches no finding; remove it or rewrite the baseline with --write-baseline",
                e.fingerprint, e.rule, e.message
            );
            writeln!(out, "::notice title={}::{}", property("crosscheck baseline"), data(&text))?;
        }
    }
    Ok(())
}

/// A path as GitHub matches it against the repository: `/` separators, no
/// leading `./`.
pub(crate) fn path(p: &std::path::Path) -> String {
    let text = p.display().to_string().replace('\\', "/");
    let mut rest = text.as_str();
    while let Some(r) = rest.strip_prefix("./") {
        rest = r;
    }
    rest.to_string()
}

/// Escapes the message of a workflow command.
pub(crate) fn data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a property value of a workflow command.
pub(crate) fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_and_properties_are_escaped_as_the_toolkit_does() {
        assert_eq!(data("50% of 2:30,\r\nnext"), "50%25 of 2:30,%0D%0Anext");
        assert_eq!(property("a:b,c%d\ne"), "a%3Ab%2Cc%25d%0Ae");
        // `%` first: an escape is never escaped twice.
        assert_eq!(data("%0A"), "%250A");
    }

    proptest::proptest! {
        /// Whatever the text, a command stays on one line, a property has no
        /// `:` or `,` left to end it, and unescaping gives the text back.
        #[test]
        fn escaping_is_reversible_and_keeps_one_line(text in "\\PC*|[%:,\r\n a]*") {
            let unescape = |s: &str| {
                s.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")
            };
            let d = data(&text);
            proptest::prop_assert!(!d.contains('\n') && !d.contains('\r'));
            let p = property(&text);
            proptest::prop_assert!(!p.contains(':') && !p.contains(','));
            proptest::prop_assert_eq!(unescape(&p), text.clone());
            proptest::prop_assert_eq!(unescape(&d), text);
        }
    }

    #[test]
    fn paths_lose_a_leading_dot_slash() {
        assert_eq!(path("./a/b.txt".as_ref()), "a/b.txt");
        assert_eq!(path("././b.txt".as_ref()), "b.txt");
        assert_eq!(path("/abs/b.txt".as_ref()), "/abs/b.txt");
    }
}
