//! The `crosscheck` command: parse arguments, run, map the outcome to an
//! exit code (0 clean, 1 findings at or above `--fail-on`, 2 bad input;
//! `eval`: 0 scored, 2 bad input).

mod cli;

use clap::Parser;
use cli::{Args, Command, EvalCommand, EvalFormat};
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
    match args.command {
        Command::Check(check) => run_check(check),
        Command::Eval(cli::EvalArgs { command: Some(EvalCommand::Timex(eval)), .. }) => run_eval_timex(eval),
        Command::Eval(cli::EvalArgs { command: None, clusters }) => run_eval_clusters(clusters),
    }
}

fn run_check(check: cli::CheckArgs) -> anyhow::Result<ExitCode> {
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
        None => write_stdout(&buffer)?,
    }
    if !run.errors.is_empty() {
        return Ok(ExitCode::from(2));
    }
    let failing = settings.fail_on.is_some_and(|level| run.findings.iter().any(|f| f.severity >= level));
    Ok(if failing { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// `crosscheck eval timex`: 0 when scored, 2 on bad input.
fn run_eval_timex(args: cli::EvalTimexArgs) -> anyhow::Result<ExitCode> {
    let rules = crosscheck::rules::Rules::load(args.rules.as_deref())?;
    let tagger = crosscheck::timex::Tagger::new(&rules)?;
    let evaluation = crosscheck::eval::timex::run(&args.files, &tagger)?;
    if let Some(path) = &args.dump {
        let mut dump = Vec::new();
        evaluation.write_dump(&mut dump)?;
        std::fs::write(path, dump).map_err(|e| anyhow::anyhow!("{}: cannot write the dump: {e}", path.display()))?;
    }
    let mut buffer = Vec::new();
    match args.format {
        EvalFormat::Text => evaluation.write_text(&mut buffer, args.errors)?,
        EvalFormat::Json => evaluation.write_json(&mut buffer, args.errors)?,
    }
    write_stdout(&buffer)?;
    Ok(ExitCode::SUCCESS)
}

/// `crosscheck eval DIR`: 0 when scored, 2 on bad input.
fn run_eval_clusters(args: cli::EvalClustersArgs) -> anyhow::Result<ExitCode> {
    let dir =
        args.dir.ok_or_else(|| anyhow::anyhow!("eval: give a folder of labelled clusters, or `eval timex FILE...`"))?;
    let rules = crosscheck::rules::Rules::load(args.rules.as_deref())?;
    let checker = crosscheck::Checker::new(&rules)?;
    let evaluation = crosscheck::eval::clusters::evaluate(&dir, &checker)?;
    let mut buffer = Vec::new();
    match args.format {
        cli::ClustersFormat::Text => evaluation.write_text(&mut buffer, args.errors)?,
        cli::ClustersFormat::Json => evaluation.write_json(&mut buffer, args.errors)?,
    }
    write_stdout(&buffer)?;
    Ok(ExitCode::SUCCESS)
}

/// Writes to standard output; a closed pipe (`| head`) is not an error.
fn write_stdout(buffer: &[u8]) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(buffer).and_then(|_| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e),
        _ => Ok(()),
    }
}
