//! The `crosscheck` command: parse arguments, run, map the outcome to an
//! exit code (0 clean, 1 findings at or above `--fail-on`, 2 bad input).

mod cli;

use clap::Parser;
use cli::{Args, Command};
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = match Args::try_parse() {
        Ok(a) => a,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { ExitCode::from(2) } else { ExitCode::SUCCESS };
        }
    };
    match run(args) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("crosscheck: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(args: Args) -> anyhow::Result<ExitCode> {
    let Command::Check(check) = args.command;
    let settings = check.settings()?;
    let rules = crosscheck::rules::Rules::load(settings.rules.as_deref())?;
    let run = crosscheck::check(&settings.inputs, &rules)?;
    for e in &run.errors {
        eprintln!("crosscheck: error: {e}");
    }
    let mut buffer = Vec::new();
    crosscheck::report::write(settings.format, &run, &mut buffer)?;
    match &settings.output {
        Some(path) => std::fs::write(path, &buffer)
            .map_err(|e| anyhow::anyhow!("{}: cannot write the report: {e}", path.display()))?,
        None => {
            let mut out = std::io::stdout().lock();
            if let Err(e) = out.write_all(&buffer).and_then(|_| out.flush()) {
                if e.kind() != std::io::ErrorKind::BrokenPipe {
                    return Err(e.into());
                }
            }
        }
    }
    if !run.errors.is_empty() {
        return Ok(ExitCode::from(2));
    }
    let failing = settings.fail_on.is_some_and(|level| run.findings.iter().any(|f| f.severity >= level));
    Ok(if failing { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
