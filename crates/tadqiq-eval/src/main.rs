//! `tadqiq-eval`: inject realistic errors into clean Arabic text with a fixed seed, run tadqiq
//! (and Hunspell, when installed) on the result, and print precision, recall, F1 and the share
//! of right first suggestions, per error kind and overall, with the false alarms on the text
//! before injection. The work is in `tadqiq_eval::harness`.
//!
//! ```sh
//! cargo run --release -p tadqiq-eval                      # the repository's fixtures/clean
//! cargo run --release -p tadqiq-eval -- ../shared/corpus/edited.txt.gz --max-words 300000
//! cargo run --release -p tadqiq-eval -- --gold fixtures/seeds       # score against a gold TSV
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use tadqiq_core::Linter;
use tadqiq_eval::goldset;
use tadqiq_eval::harness::{self, Config};
use tadqiq_eval::hunspell::Hunspell;
use tadqiq_eval::inject::ErrorKind;

#[derive(Debug, Parser)]
#[command(
    name = "tadqiq-eval",
    about = "Measure tadqiq (and Hunspell) on errors injected into clean text",
    after_help = "A directory gives one document a *.txt file; a file (.gz accepted) is split \
                  into documents at blank lines.\nError kinds: squeeze, drop, hamza-dropped, \
                  hamza-misplaced, taa-marbuta, alef-maqsura, transpose, number-unit, \
                  repeated-word, comma-space, latin-comma."
)]
struct Args {
    /// Clean text: files or directories [default: the repository's fixtures/clean]
    paths: Vec<PathBuf>,

    /// Errors injected a word
    #[arg(long, default_value_t = 0.02)]
    rate: f64,

    /// Seed of the injection
    #[arg(long, default_value_t = 1)]
    seed: u64,

    /// Kinds to inject, comma-separated [default: all]
    #[arg(long, value_delimiter = ',')]
    kinds: Vec<String>,

    /// Take at most this many words of the input (whole documents, in order)
    #[arg(long)]
    max_words: Option<usize>,

    /// Only the mixed run, not one run a kind
    #[arg(long)]
    no_per_kind: bool,

    /// Do not run Hunspell even if it is installed
    #[arg(long)]
    no_hunspell: bool,

    /// Hunspell dictionary
    #[arg(long, default_value = "ar")]
    hunspell_dict: String,

    /// Hunspell processes run at once [default: one per core]
    #[arg(long)]
    hunspell_jobs: Option<usize>,

    /// Check Hunspell's first suggestion on at most this many detected errors a kind and run
    /// (its suggestions take tens of milliseconds a word)
    #[arg(long, default_value_t = 400)]
    hunspell_fix_sample: usize,

    /// Write every injected error and its outcome, and the clean text's false alarms, as TSV
    #[arg(long, value_name = "PATH")]
    dump: Option<PathBuf>,

    /// Score against a gold annotation instead of injecting errors: DIR holds gold.tsv (the
    /// seeds' columns) and the texts it names, beside it or in DIR/texts
    #[arg(long, value_name = "DIR")]
    gold: Option<PathBuf>,

    /// With --gold: list every must row missed or not fixed first, and every finding outside
    /// the gold
    #[arg(long, short)]
    verbose: bool,
}

fn hunspell(args: &Args) -> Option<Hunspell> {
    if args.no_hunspell {
        return None;
    }
    let jobs = args.hunspell_jobs.unwrap_or_else(|| {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    });
    match Hunspell::new(&args.hunspell_dict, jobs) {
        Ok(h) => Some(h),
        Err(e) => {
            eprintln!(
                "tadqiq-eval: Hunspell is left out: {e} (Debian: apt-get install hunspell \
                 hunspell-ar)"
            );
            None
        }
    }
}

/// `--gold DIR`: score tadqiq (and Hunspell) against an annotation.
fn gold(args: &Args, dir: &std::path::Path) -> ExitCode {
    let set = match goldset::load(dir) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("tadqiq-eval: {e}");
            return ExitCode::from(2);
        }
    };
    let mut h = hunspell(args);
    match goldset::run(&set, &Linter::new(), h.as_mut()) {
        Ok(r) => {
            print!("{}", r.render(args.verbose));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("tadqiq-eval: {e}");
            ExitCode::FAILURE
        }
    }
}

fn main() -> ExitCode {
    let args = Args::parse();
    let mut kinds = Vec::new();
    for k in &args.kinds {
        match ErrorKind::parse(k) {
            Some(k) => kinds.push(k),
            None => {
                eprintln!("tadqiq-eval: unknown error kind {k:?} (see --help)");
                return ExitCode::from(2);
            }
        }
    }
    if kinds.is_empty() {
        kinds = ErrorKind::ALL.to_vec();
    }
    if !(args.rate > 0.0 && args.rate < 0.5) {
        eprintln!("tadqiq-eval: --rate must be between 0 and 0.5");
        return ExitCode::from(2);
    }
    if let Some(dir) = &args.gold {
        return gold(&args, dir);
    }
    let paths = if args.paths.is_empty() {
        vec![harness::default_input()]
    } else {
        args.paths.clone()
    };
    let corpus = match harness::load(&paths, args.max_words) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("tadqiq-eval: {e}");
            return ExitCode::from(2);
        }
    };
    let mut hunspell = hunspell(&args);
    let cfg = Config {
        rate: args.rate,
        seed: args.seed,
        kinds,
        per_kind: !args.no_per_kind,
        hunspell_fix_sample: args.hunspell_fix_sample,
    };
    let linter = Linter::new();
    let report = match harness::run(&corpus, &linter, hunspell.as_mut(), &cfg) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("tadqiq-eval: {e}");
            return ExitCode::FAILURE;
        }
    };
    print!("{}", report.render());
    if let Some(p) = &args.dump {
        let mut s = report.dump.join("\n");
        s.push('\n');
        if let Err(e) = std::fs::write(p, s) {
            eprintln!("tadqiq-eval: {}: {e}", p.display());
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
