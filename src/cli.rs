//! Command-line arguments: clap's raw [`Args`] become validated
//! [`Settings`].

use clap::{Parser, Subcommand, ValueEnum};
use crosscheck::compare::Severity;
use crosscheck::report::Format;
use crosscheck::{Error, Input};
use std::path::PathBuf;

/// Finds where reports of one event conflict, with evidence.
#[derive(Debug, Parser)]
#[command(name = "crosscheck", version, about, propagate_version = true)]
pub struct Args {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check reports of one event against each other.
    ///
    /// Exit codes: 0 no finding at or above --fail-on (findings suppressed by
    /// --baseline do not count; --write-baseline gives 0), 1 findings at or
    /// above --fail-on, 2 usage or input error (a bad flag, a bad baseline or
    /// rules file, or a report that cannot be read; the readable reports are
    /// still checked and reported).
    Check(CheckArgs),
    /// Score the checker against labelled clusters of reports, or a stage of it against annotated data.
    ///
    /// `crosscheck eval DIR`: DIR holds one folder per event, each with meta.json
    /// ({"event", "docs": [{"file", "outlet", "url", "published"}]}), the reports it
    /// lists, and labels.json ({"conflicts": [{"kind", "a": {"file", "text"}, "b":
    /// {"file", "text"}, "note"}], "consistent": [...], "ambiguous": [...], "copies":
    /// [{"file", "source"}]}). Each folder's reports are checked together, with the
    /// publication dates of meta.json; a finding of severity warning or conflict
    /// matches a label when its two claims overlap the label's two texts.
    ///
    /// Exit codes: 0 scored, 2 usage or input error.
    Eval(EvalArgs),
    /// Check a day's feed: group its reports by event, then check every group as `check` would.
    ///
    /// INPUT: a folder of reports (read recursively; *.jsonl files in it as JSON Lines),
    /// a JSON Lines file (*.jsonl) of documents {"id","title","source","url","published","text"},
    /// a single report, or `-` for JSON Lines on standard input. A report alone in its group
    /// is listed as unchecked. A report that cannot be read is an error naming the file and
    /// line; the others are still checked.
    ///
    /// Exit codes: 0 no finding at or above --fail-on, 1 findings, 2 usage or input error.
    Batch(BatchArgs),
    /// Print how a feed's reports group by event (JSON, schema crosscheck.groups/1), to
    /// inspect the grouping and correct it for `batch --groups FILE`.
    ///
    /// Exit codes: 0 grouped, 2 usage or input error.
    Group(GroupArgs),
}

/// `crosscheck group`.
#[derive(Debug, clap::Args)]
pub struct GroupArgs {
    /// Folders of reports, JSON Lines files, report files, or `-` for JSON Lines on standard input.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// A folder of rules files extending or replacing the built-in ones (rules/group.toml holds the grouping's).
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
    /// Write the grouping to this file instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Worker threads (default: one per core).
    #[arg(long, short, value_name = "N")]
    pub jobs: Option<usize>,
}

/// `crosscheck batch`.
#[derive(Debug, clap::Args)]
pub struct BatchArgs {
    /// Folders of reports, JSON Lines files, report files, or `-` for JSON Lines on standard input.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = BatchFormatArg::Text)]
    pub format: BatchFormatArg,
    /// Fail (exit 1) when a finding of any group has this severity or a higher one.
    #[arg(long, value_enum, default_value_t = FailOn::Conflict, value_name = "LEVEL")]
    pub fail_on: FailOn,
    /// Use this grouping (as `crosscheck group` prints it, possibly corrected) instead of grouping anew.
    #[arg(long, value_name = "FILE")]
    pub groups: Option<PathBuf>,
    /// A folder of rules files extending or replacing the built-in ones.
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
    /// Write the report to this file instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Worker threads (default: one per core).
    #[arg(long, short, value_name = "N")]
    pub jobs: Option<usize>,
}

/// `batch --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BatchFormatArg {
    /// For a person: one check report per group.
    Text,
    /// For scripts (schema crosscheck.batch/1, embedding crosscheck.report/1 per group).
    Json,
    /// For pipelines: one JSON object a line, streamed group by group as they finish.
    Jsonl,
    /// SARIF 2.1.0 for code scanning: one log, one run per group.
    Sarif,
    /// GitHub Actions annotations, group by group.
    Github,
}

impl BatchArgs {
    /// The lowest severity that fails the run, if any.
    pub fn fail_level(&self) -> Option<Severity> {
        fail_level(self.fail_on)
    }
}

/// The lowest severity `--fail-on` fails on.
pub fn fail_level(fail_on: FailOn) -> Option<Severity> {
    match fail_on {
        FailOn::Conflict => Some(Severity::Conflict),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Info => Some(Severity::Info),
        FailOn::Never => None,
    }
}

/// `crosscheck eval`: `eval DIR` scores the whole checker on labelled
/// clusters; `eval KIND ...` scores one stage on its kind of data.
#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct EvalArgs {
    /// A stage to score instead of the whole checker.
    #[command(subcommand)]
    pub command: Option<EvalCommand>,
    /// `eval DIR`.
    #[command(flatten)]
    pub clusters: EvalClustersArgs,
}

/// `crosscheck eval DIR`.
#[derive(Debug, clap::Args)]
pub struct EvalClustersArgs {
    /// A folder of labelled clusters: one folder per event with meta.json, labels.json and the reports.
    #[arg(required = true, value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ClustersFormat::Text)]
    pub format: ClustersFormat,
    /// List every missed conflict and every false alarm.
    #[arg(long)]
    pub errors: bool,
    /// A folder of rules files extending or replacing the built-in ones.
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
}

/// `eval DIR --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ClustersFormat {
    /// A table for a person.
    Text,
    /// For scripts (schema crosscheck.eval/1).
    Json,
}

/// `crosscheck eval KIND`: one subcommand per kind of annotated data.
#[derive(Debug, Subcommand)]
pub enum EvalCommand {
    /// Score the temporal tagger against TIMEX3 gold, TempEval-3 Task A style.
    ///
    /// FILE: JSONL, one document a line: {"doc", "dct": "YYYY-MM-DD", "text",
    /// "timexes": [{"start", "end", "text", "type", "value"}]} with code point
    /// offsets. Exit codes: 0 scored, 2 usage or input error.
    Timex(EvalTimexArgs),
}

/// `crosscheck eval timex`.
#[derive(Debug, clap::Args)]
pub struct EvalTimexArgs {
    /// Gold JSONL files; the figures are over all of them.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = EvalFormat::Text)]
    pub format: EvalFormat,
    /// Also write the tagger's timexes to this file, as JSONL in the input's shape.
    #[arg(long, value_name = "FILE")]
    pub dump: Option<PathBuf>,
    /// List every miss, false alarm, wrong type, wrong value and inexact span.
    #[arg(long)]
    pub errors: bool,
    /// A folder of rules files extending or replacing the built-in ones.
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
}

/// `eval timex --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EvalFormat {
    /// A table for a person.
    Text,
    /// For scripts (schema crosscheck.eval-timex/1).
    Json,
}

/// `crosscheck check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Report files: plain text, Markdown, or JSON documents
    /// {"id","title","source","url","published","text"} (and an optional
    /// "locale" such as "en-GB" for numeric dates).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Text)]
    pub format: FormatArg,
    /// Fail (exit 1) when a finding not suppressed by --baseline has this
    /// severity or a higher one.
    #[arg(long, value_enum, default_value_t = FailOn::Conflict, value_name = "LEVEL")]
    pub fail_on: FailOn,
    /// Findings accepted by an editor (a file written by --write-baseline):
    /// shown as suppressed, they do not fail the run; entries matching no
    /// finding are reported as stale.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Write every finding to this baseline file (keeping the reasons of
    /// entries already in it or in --baseline; new entries get a TODO reason
    /// to edit), then exit 0 unless an input could not be read.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Colour the text report: auto colours when standard output is a
    /// terminal, unless NO_COLOR is set (CLICOLOR_FORCE forces it).
    #[arg(long, value_enum, default_value_t = ColorArg::Auto, value_name = "WHEN")]
    pub color: ColorArg,
    /// Publication date of a report, overriding what the report says:
    /// FILE=YYYY-MM-DD. Repeat for several reports.
    #[arg(long, value_name = "FILE=DATE")]
    pub published: Vec<String>,
    /// A folder of rules files extending or replacing the built-in ones.
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
    /// Write the report to this file instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// For a person.
    Text,
    /// For scripts (schema crosscheck.report/1).
    Json,
    /// For scripts reading a stream: one finding a line (schema crosscheck.jsonl/1).
    Jsonl,
    /// SARIF 2.1.0 for code scanning (GitHub upload-sarif).
    Sarif,
    /// GitHub Actions annotations (::error file=...::message).
    Github,
    /// For editors: a self-contained HTML page.
    Html,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    /// When standard output is a terminal and NO_COLOR is not set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// `--fail-on`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// Conflicts fail the run.
    Conflict,
    /// Warnings and conflicts fail the run.
    Warning,
    /// Any finding fails the run.
    Info,
    /// Nothing fails the run.
    Never,
}

/// Validated settings of `check`.
#[derive(Debug)]
pub struct Settings {
    /// Files with their publication dates from the user.
    pub inputs: Vec<Input>,
    /// Output format.
    pub format: Format,
    /// Lowest severity that fails the run, if any.
    pub fail_on: Option<Severity>,
    /// Extra rules.
    pub rules: Option<PathBuf>,
    /// Where to write.
    pub output: Option<PathBuf>,
    /// `--baseline`.
    pub baseline: Option<PathBuf>,
    /// `--write-baseline`.
    pub write_baseline: Option<PathBuf>,
    /// `--color`.
    pub color: ColorArg,
}

impl CheckArgs {
    /// Validates the arguments.
    pub fn settings(self) -> Result<Settings, Error> {
        let mut inputs: Vec<Input> = self.files.iter().map(|p| Input { path: p.clone(), published: None }).collect();
        for flag in &self.published {
            let (file, date) = flag
                .rsplit_once('=')
                .ok_or_else(|| Error::Usage(format!("--published {flag:?}: expected FILE=YYYY-MM-DD")))?;
            let date = crosscheck::calendar::parse_iso_day(date)
                .ok_or_else(|| Error::Usage(format!("--published {flag:?}: {date:?} is not a date as YYYY-MM-DD")))?;
            let matches = |p: &PathBuf| {
                p.as_os_str() == file
                    || p.file_name().is_some_and(|n| n == file)
                    || p.canonicalize()
                        .ok()
                        .zip(std::path::Path::new(file).canonicalize().ok())
                        .is_some_and(|(a, b)| a == b)
            };
            let mut hit = false;
            for input in inputs.iter_mut().filter(|i| matches(&i.path)) {
                input.published = Some(date);
                hit = true;
            }
            if !hit {
                return Err(Error::Usage(format!("--published {flag:?}: {file} is not one of the files to check")));
            }
        }
        Ok(Settings {
            inputs,
            format: match self.format {
                FormatArg::Text => Format::Text,
                FormatArg::Json => Format::Json,
                FormatArg::Jsonl => Format::Jsonl,
                FormatArg::Sarif => Format::Sarif,
                FormatArg::Github => Format::Github,
                FormatArg::Html => Format::Html,
            },
            fail_on: match self.fail_on {
                FailOn::Conflict => Some(Severity::Conflict),
                FailOn::Warning => Some(Severity::Warning),
                FailOn::Info => Some(Severity::Info),
                FailOn::Never => None,
            },
            rules: self.rules,
            output: self.output,
            baseline: self.baseline,
            write_baseline: self.write_baseline,
            color: self.color,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_consistent() {
        Args::command().debug_assert();
    }

    #[test]
    fn published_flags_are_validated() {
        let parse = |extra: &[&str]| {
            let mut argv = vec!["crosscheck", "check", "a.txt", "b.txt"];
            argv.extend_from_slice(extra);
            match Args::try_parse_from(argv).unwrap().command {
                Command::Check(c) => c.settings(),
                other => panic!("not check: {other:?}"),
            }
        };
        let s = parse(&["--published", "b.txt=2025-12-04"]).unwrap();
        assert_eq!(s.inputs[1].published, chrono::NaiveDate::from_ymd_opt(2025, 12, 4));
        assert_eq!(s.inputs[0].published, None);
        assert!(parse(&["--published", "b.txt"]).unwrap_err().to_string().contains("FILE=YYYY-MM-DD"));
        assert!(parse(&["--published", "b.txt=Dec 4"]).unwrap_err().to_string().contains("not a date"));
        assert!(parse(&["--published", "c.txt=2025-12-04"]).unwrap_err().to_string().contains("not one of"));
    }

    #[test]
    fn batch_takes_inputs_and_options() {
        let args = Args::try_parse_from([
            "crosscheck",
            "batch",
            "--format",
            "jsonl",
            "--groups",
            "g.json",
            "-j",
            "2",
            "--fail-on",
            "warning",
            "feed.jsonl",
            "-",
        ])
        .unwrap();
        let Command::Batch(b) = args.command else { panic!("not batch") };
        assert_eq!(b.inputs, vec![PathBuf::from("feed.jsonl"), PathBuf::from("-")]);
        assert_eq!((b.format, b.jobs, b.fail_level()), (BatchFormatArg::Jsonl, Some(2), Some(Severity::Warning)));
        assert_eq!(b.groups, Some(PathBuf::from("g.json")));
        assert!(Args::try_parse_from(["crosscheck", "batch"]).is_err(), "an input is required");
        assert!(Args::try_parse_from(["crosscheck", "group"]).is_err(), "an input is required");
    }

    #[test]
    fn eval_timex_is_a_nested_subcommand() {
        let args = Args::try_parse_from([
            "crosscheck",
            "eval",
            "timex",
            "--format",
            "json",
            "--dump",
            "out.jsonl",
            "--errors",
            "a.jsonl",
            "b.jsonl",
        ])
        .unwrap();
        let Command::Eval(EvalArgs { command: Some(EvalCommand::Timex(t)), .. }) = args.command else {
            panic!("not eval timex")
        };
        assert_eq!(t.files, vec![PathBuf::from("a.jsonl"), PathBuf::from("b.jsonl")]);
        assert_eq!((t.format, t.errors), (EvalFormat::Json, true));
        assert_eq!(t.dump, Some(PathBuf::from("out.jsonl")));
        assert!(Args::try_parse_from(["crosscheck", "eval", "timex"]).is_err(), "a file is required");
    }

    #[test]
    fn eval_dir_takes_the_place_of_a_subcommand() {
        let args =
            Args::try_parse_from(["crosscheck", "eval", "--format", "json", "--errors", "--rules", "r", "clusters"])
                .unwrap();
        let Command::Eval(EvalArgs { command: None, clusters: c }) = args.command else { panic!("not eval DIR") };
        assert_eq!((c.dir, c.format, c.errors), (Some(PathBuf::from("clusters")), ClustersFormat::Json, true));
        assert_eq!(c.rules, Some(PathBuf::from("r")));
        assert!(Args::try_parse_from(["crosscheck", "eval"]).is_err(), "DIR or a subcommand is required");
        assert!(Args::try_parse_from(["crosscheck", "eval", "a", "b"]).is_err(), "one DIR");
        assert!(
            Args::try_parse_from(["crosscheck", "eval", "--errors", "timex", "a.jsonl"]).is_err(),
            "the options of eval DIR are not those of eval timex"
        );
    }
}
