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
    use crosscheck::baseline::Baseline;
    let settings = check.settings()?;
    // Baselines are read first: a bad one stops the run before any work.
    let baseline = settings.baseline.as_deref().map(Baseline::load).transpose()?;
    let previous = match &settings.write_baseline {
        Some(path) if path.exists() => Some(Baseline::load(path)?),
        _ => None,
    };
    let rules = crosscheck::rules::Rules::load(settings.rules.as_deref())?;
    let run = crosscheck::check(&settings.inputs, &rules)?;
    for e in &run.errors {
        eprintln!("crosscheck: error: {e}");
    }
    // Suppression is a step after analysis.
    let applied = baseline.as_ref().zip(settings.baseline.as_deref()).map(|(b, path)| b.apply(&run, path));
    for (a, e) in applied.iter().flat_map(|a| a.stale.iter().map(move |e| (a, e))) {
        eprintln!(
            "crosscheck: note: {}: stale baseline entry {} ({}: {}) matches no finding; remove it or rewrite the baseline with --write-baseline",
            a.path.display(),
            e.fingerprint,
            e.rule,
            e.message
        );
    }
    let color = match settings.color {
        cli::ColorArg::Always => true,
        cli::ColorArg::Never => false,
        cli::ColorArg::Auto => {
            settings.output.is_none()
                && anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never
        }
    };
    let options = crosscheck::report::Options { baseline: applied.as_ref(), color };
    let mut buffer = Vec::new();
    crosscheck::report::write_with(settings.format, &run, &options, &mut buffer)?;
    match &settings.output {
        Some(path) => std::fs::write(path, &buffer)
            .map_err(|e| anyhow::anyhow!("{}: cannot write the report: {e}", path.display()))?,
        None => write_stdout(&buffer)?,
    }
    if !run.errors.is_empty() {
        if let Some(path) = &settings.write_baseline {
            eprintln!("crosscheck: error: {}: baseline not written: some inputs could not be read", path.display());
        }
        return Ok(ExitCode::from(2));
    }
    if let Some(path) = &settings.write_baseline {
        let known: Vec<&Baseline> = previous.iter().chain(baseline.iter()).collect();
        let written = Baseline::from_run(&run, &known);
        std::fs::write(path, written.to_json())
            .map_err(|e| anyhow::anyhow!("{}: cannot write the baseline: {e}", path.display()))?;
        let todo = written.entries.iter().filter(|e| e.reason == crosscheck::baseline::PLACEHOLDER).count();
        let n = written.entries.len();
        eprintln!(
            "crosscheck: wrote {n} {} to the baseline {} ({todo} with a TODO reason to edit)",
            if n == 1 { "entry" } else { "entries" },
            path.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    let suppressed = |i: usize| applied.as_ref().is_some_and(|a| a.reasons[i].is_some());
    let failing = settings
        .fail_on
        .is_some_and(|level| run.findings.iter().enumerate().any(|(i, f)| f.severity >= level && !suppressed(i)));
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
