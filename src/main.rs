//! The `crosscheck` command: parse arguments, run, map the outcome to an
//! exit code (0 clean, 1 findings at or above `--fail-on`, 2 bad input;
//! `eval`: 0 scored, 2 bad input; `group`: 0 grouped, 2 bad input).

mod cli;

use clap::Parser;
use cli::{Args, Command, EvalCommand, EvalFormat};
use std::io::Write;
use std::process::ExitCode;

/// mimalloc: the pipeline makes and drops many small strings, and with the
/// system allocator malloc and free took a fifth of the run's instructions.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
        Command::Batch(batch) => run_batch(batch),
        Command::Group(group) => run_group(group),
    }
}

/// `crosscheck group`: 0 when grouped, 2 on bad input.
fn run_group(args: cli::GroupArgs) -> anyhow::Result<ExitCode> {
    use crosscheck::batch::{group, groups_file};
    threads(args.jobs)?;
    let rules = crosscheck::rules::Rules::load(args.rules.as_deref())?;
    let grouper = group::Grouper::new(&rules)?;
    let feed = read_feed(&args.inputs, &grouper)?;
    let (grouping, _) = group::group(&feed.features, grouper.rules());
    let mut buffer = Vec::new();
    groups_file::write(&feed, &grouping, &mut buffer)?;
    match &args.output {
        Some(path) => std::fs::write(path, &buffer)
            .map_err(|e| anyhow::anyhow!("{}: cannot write the grouping: {e}", path.display()))?,
        None => write_stdout(&buffer)?,
    }
    Ok(if feed.errors.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(2) })
}

/// `crosscheck batch`: like `check`, over every group of a feed.
fn run_batch(args: cli::BatchArgs) -> anyhow::Result<ExitCode> {
    use crosscheck::batch::{self, group, groups_file, report};
    threads(args.jobs)?;
    let rules = crosscheck::rules::Rules::load(args.rules.as_deref())?;
    let grouper = group::Grouper::new(&rules)?;
    // The checker's finders compile while the feed is read and grouped.
    let checker = std::thread::spawn({
        let rules = rules.clone();
        move || crosscheck::Checker::new(&rules)
    });
    // An unwritable --output is a usage error before any work.
    let mut out: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(path)
                .map_err(|e| anyhow::anyhow!("{}: cannot write the report: {e}", path.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let mut feed = read_feed(&args.inputs, &grouper)?;
    let grouping = match &args.groups {
        Some(path) => groups_file::read(path, &feed, grouper.rules())?,
        None => group::group(&feed.features, grouper.rules()).0,
    };
    let checker = checker.join().map_err(|_| anyhow::anyhow!("the checker's rules could not be compiled"))??;
    let format = match args.format {
        cli::BatchFormatArg::Text => report::BatchFormat::Text,
        cli::BatchFormatArg::Json => report::BatchFormat::Json,
        cli::BatchFormatArg::Jsonl => report::BatchFormat::Jsonl,
        cli::BatchFormatArg::Sarif => report::BatchFormat::Sarif,
        cli::BatchFormatArg::Github => report::BatchFormat::Github,
    };
    let checked = grouping.groups.iter().filter(|g| g.reports.len() >= 2).count();
    let bar = progress_bar(checked as u64, "checking groups");
    let result = (|| -> std::io::Result<batch::Outcome> {
        report::header(format, &feed, &grouping, &mut out)?;
        out.flush()?;
        let outcome = batch::check(
            &mut feed,
            &grouping,
            &checker,
            |section| report::section(format, section),
            &|| bar.inc(1),
            |checked| {
                out.write_all(&checked.output)?;
                out.flush()
            },
        )?;
        report::footer(format, &feed, &grouping, &outcome, &mut out)?;
        out.flush()?;
        Ok(outcome)
    })();
    bar.finish_and_clear();
    let outcome = match result {
        Ok(o) => o,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(ExitCode::SUCCESS),
        Err(e) => return Err(anyhow::anyhow!("cannot write the report: {e}")),
    };
    if !feed.errors.is_empty() || !outcome.errors.is_empty() {
        return Ok(ExitCode::from(2));
    }
    let failing = args.fail_level().is_some_and(|level| outcome.worst.is_some_and(|w| w >= level));
    Ok(if failing { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// Reads a feed, with a spinner on a terminal; prints every unreadable
/// report on standard error.
fn read_feed(
    inputs: &[std::path::PathBuf],
    grouper: &crosscheck::batch::group::Grouper,
) -> anyhow::Result<crosscheck::batch::input::Feed> {
    use crosscheck::batch::input;
    let sources: Vec<input::Source> = inputs.iter().map(|p| input::Source::parse(p)).collect();
    let bar = progress_bar(0, "reading reports");
    let feed = input::read(&sources, &mut std::io::stdin().lock(), grouper, &|n| bar.set_position(n as u64));
    bar.finish_and_clear();
    let feed = feed?;
    for e in &feed.errors {
        eprintln!("crosscheck: error: {e}");
    }
    if feed.reports.is_empty() {
        anyhow::bail!(
            "no report could be read from {}",
            inputs.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
        );
    }
    Ok(feed)
}

/// A progress bar on standard error when it is a terminal; hidden
/// otherwise. `len` 0 makes a spinner counting reports.
fn progress_bar(len: u64, message: &'static str) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = if len == 0 {
        indicatif::ProgressBar::new_spinner().with_style(
            indicatif::ProgressStyle::with_template("{spinner} {msg}: {pos} ({per_sec})").expect("a valid template"),
        )
    } else {
        indicatif::ProgressBar::new(len).with_style(
            indicatif::ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} ({per_sec}, {eta} left)")
                .expect("a valid template"),
        )
    };
    bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
    bar.with_message(message)
}

/// Sets the number of worker threads.
fn threads(jobs: Option<usize>) -> anyhow::Result<()> {
    if let Some(n) = jobs {
        if n == 0 {
            anyhow::bail!("--jobs 0: give at least one thread");
        }
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global()
            .map_err(|e| anyhow::anyhow!("cannot start {n} threads: {e}"))?;
    }
    Ok(())
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
