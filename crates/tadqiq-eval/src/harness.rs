//! The accuracy harness behind `tadqiq-eval`: load clean text, inject errors, run tadqiq (and
//! Hunspell, when it is installed) on the same injected text, and tabulate.
//!
//! Runs, each on the whole input:
//! - `clean`: the text before injection; every flag is a false alarm (reported per 1,000 words);
//! - `all kinds`: errors of every kind mixed, `rate` errors a word in all, the kinds taken in turn;
//! - one run per kind (unless `per_kind` is off): only that kind, at the same rate (or as many as
//!   the text has sites for). Each row's precision is that run's.

use std::fmt::Write as _;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

use crate::hunspell::Hunspell;
use crate::inject::{inject, ErrorKind, InjectedDoc, Rng};
use crate::score::{match_flags, pre_existing, ratio, tally_doc, ErrorOutcome, Flag, Tally};
use tadqiq_core::document::{Document, SourceKind};
use tadqiq_core::linter::Linter;

/// The text to inject into: documents, linted one by one.
pub struct Corpus {
    pub docs: Vec<String>,
    /// What was read, for the report.
    pub description: String,
    pub words: usize,
    pub bytes: usize,
}

/// The repository's own clean text (`fixtures/clean` at its top level).
pub fn default_input() -> PathBuf {
    // crates/tadqiq-eval → the repository's top level.
    let top = Path::new(env!("CARGO_MANIFEST_DIR")).ancestors().nth(2);
    top.unwrap_or(Path::new(".")).join("fixtures/clean")
}

fn read_text(path: &Path) -> Result<String, String> {
    let raw = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let bytes = if path.extension().is_some_and(|e| e == "gz") {
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(&raw[..])
            .read_to_end(&mut out)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        out
    } else {
        raw
    };
    let s = String::from_utf8(bytes).map_err(|e| format!("{}: not UTF-8: {e}", path.display()))?;
    Ok(s.strip_prefix('\u{feff}')
        .unwrap_or(&s)
        .replace("\r\n", "\n"))
}

/// Load documents: each `*.txt` file of a directory is one document; a file (`.gz` or not) is
/// split into documents at blank lines (the corpus's format: one article a block). At most
/// `max_words` Arabic words are taken (whole documents, in order).
pub fn load(paths: &[PathBuf], max_words: Option<usize>) -> Result<Corpus, String> {
    let mut docs: Vec<String> = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(p)
                .map_err(|e| format!("{}: {e}", p.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| f.extension().is_some_and(|e| e == "txt"))
                .collect();
            files.sort();
            for f in files {
                docs.push(read_text(&f)?);
            }
        } else {
            let text = read_text(p)?;
            docs.extend(
                text.split("\n\n")
                    .map(|d| d.trim_matches('\n'))
                    .filter(|d| !d.trim().is_empty())
                    .map(|d| format!("{d}\n")),
            );
        }
    }
    let counts: Vec<usize> = docs
        .par_iter()
        .map(|d| Document::new(d, SourceKind::Plain).words().len())
        .collect();
    let mut words = 0;
    let mut keep = docs.len();
    for (i, n) in counts.iter().enumerate() {
        if max_words.is_some_and(|m| words >= m) {
            keep = i;
            break;
        }
        words += n;
    }
    docs.truncate(keep);
    let bytes = docs.iter().map(String::len).sum();
    let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    Ok(Corpus {
        description: format!(
            "{} ({} documents, {} words, {:.2} MB{})",
            names.join(" "),
            docs.len(),
            words,
            bytes as f64 / 1e6,
            if keep < counts.len() {
                format!(", the first {keep} of {}", counts.len())
            } else {
                String::new()
            }
        ),
        docs,
        words,
        bytes,
    })
}

pub struct Config {
    pub rate: f64,
    pub seed: u64,
    pub kinds: Vec<ErrorKind>,
    /// One run per kind besides the mixed one.
    pub per_kind: bool,
    /// Hunspell's suggestions are slow: check the fix of at most this many detected errors a
    /// kind and run (a deterministic sample).
    pub hunspell_fix_sample: usize,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            rate: 0.02,
            seed: 1,
            kinds: ErrorKind::ALL.to_vec(),
            per_kind: true,
            hunspell_fix_sample: 400,
        }
    }
}

/// One tool's figures on one run.
#[derive(Clone, Debug)]
pub struct ToolRow {
    pub tool: &'static str,
    pub tally: Tally,
}

/// One run: its label (a kind, or `all kinds`) and each tool's figures.
#[derive(Clone, Debug)]
pub struct RunRow {
    pub label: String,
    pub kind: Option<ErrorKind>,
    pub tools: Vec<ToolRow>,
}

/// False alarms on the clean text.
#[derive(Clone, Debug)]
pub struct CleanRow {
    pub tool: &'static str,
    pub flags: usize,
}

pub struct Report {
    pub corpus: String,
    pub words: usize,
    pub bytes: usize,
    pub config_line: String,
    pub clean: Vec<CleanRow>,
    /// The mixed run first, then one a kind.
    pub runs: Vec<RunRow>,
    pub notes: Vec<String>,
    /// Lines for `--dump`: one an injected error, then the clean text's false alarms.
    pub dump: Vec<String>,
}

impl Report {
    /// A tool's figures on the mixed run.
    pub fn mixed(&self, tool: &str) -> Option<&Tally> {
        self.runs
            .first()
            .and_then(|r| r.tools.iter().find(|t| t.tool == tool))
            .map(|t| &t.tally)
    }

    /// A tool's false alarms per 1,000 words of clean text.
    pub fn false_alarms_per_1000(&self, tool: &str) -> Option<f64> {
        self.clean
            .iter()
            .find(|c| c.tool == tool)
            .map(|c| 1000.0 * ratio(c.flags, self.words))
    }
}

/// tadqiq's flags on each document.
fn lint_all(linter: &Linter, texts: &[&str]) -> Vec<Vec<Flag>> {
    texts
        .par_iter()
        .map(|t| {
            linter
                .lint(t, SourceKind::Plain)
                .into_iter()
                .map(|d| Flag {
                    rule: d.rule,
                    span: d.span,
                    suggestion: d.suggestions.into_iter().next(),
                })
                .collect()
        })
        .collect()
}

fn short(s: &str) -> String {
    s.replace(['\n', '\t'], " ")
}

/// Run the harness. `hunspell`, when given, is run on the same texts.
pub fn run(
    corpus: &Corpus,
    linter: &Linter,
    mut hunspell: Option<&mut Hunspell>,
    cfg: &Config,
) -> Result<Report, String> {
    let docs: Vec<&str> = corpus.docs.iter().map(String::as_str).collect();
    let mut report = Report {
        corpus: corpus.description.clone(),
        words: corpus.words,
        bytes: corpus.bytes,
        config_line: format!(
            "rate {} errors a word, seed {}, kinds: {}",
            cfg.rate,
            cfg.seed,
            if cfg.kinds.len() == ErrorKind::ALL.len() {
                "all".to_string()
            } else {
                cfg.kinds
                    .iter()
                    .map(|k| k.name())
                    .collect::<Vec<_>>()
                    .join(",")
            }
        ),
        clean: Vec::new(),
        runs: Vec::new(),
        notes: Vec::new(),
        dump: vec![
            "run\tkind\tdoc\tstart\tinjected\toriginal\treal_word\ttadqiq\ttadqiq_first\thunspell\thunspell_first"
                .into(),
        ],
    };
    let mut lint_seconds = 0.0;
    let mut linted_bytes = 0usize;

    // The clean text.
    let t0 = Instant::now();
    let clean_flags = lint_all(linter, &docs);
    lint_seconds += t0.elapsed().as_secs_f64();
    linted_bytes += corpus.bytes;
    report.clean.push(CleanRow {
        tool: "tadqiq",
        flags: clean_flags
            .iter()
            .map(|f| {
                let mut s: Vec<_> = f.iter().map(|f| (f.span.start, f.span.end)).collect();
                s.dedup();
                s.len()
            })
            .sum(),
    });
    let mut by_rule: std::collections::BTreeMap<&str, usize> = Default::default();
    for (di, flags) in clean_flags.iter().enumerate() {
        for f in flags {
            *by_rule.entry(f.rule).or_default() += 1;
            report.dump.push(format!(
                "clean\t{}\t{di}\t{}\t{}\t-\t-\tflagged\t{}\t-\t-",
                f.rule,
                f.span.start,
                short(&docs[di][f.span.clone()]),
                f.suggestion.as_deref().map(short).unwrap_or_default()
            ));
        }
    }
    if !by_rule.is_empty() {
        let mut v: Vec<_> = by_rule.into_iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        report.notes.push(format!(
            "tadqiq's flags on the clean text, by rule: {}",
            v.iter()
                .map(|(r, n)| format!("{r} {n}"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let as_flags = |spans: &[std::ops::Range<usize>]| -> Vec<Flag> {
        spans
            .iter()
            .map(|s| Flag {
                rule: "hunspell",
                span: s.clone(),
                suggestion: None,
            })
            .collect()
    };
    let mut hs_clean: Vec<Vec<Flag>> = Vec::new();
    if let Some(h) = hunspell.as_deref_mut() {
        hs_clean = h.flags(&docs)?.iter().map(|s| as_flags(s)).collect();
        report.clean.push(CleanRow {
            tool: "hunspell",
            flags: hs_clean.iter().map(Vec::len).sum(),
        });
    }

    // The runs: mixed, then one a kind.
    let mut runs: Vec<(String, Option<ErrorKind>, Vec<ErrorKind>, u64)> =
        vec![("all kinds".into(), None, cfg.kinds.clone(), cfg.seed)];
    if cfg.per_kind {
        for (i, &k) in cfg.kinds.iter().enumerate() {
            let seed = Rng::fork(cfg.seed, i as u64 + 1).next_u64();
            runs.push((k.name().to_string(), Some(k), vec![k], seed));
        }
    }
    for (ri, (label, kind, kinds, seed)) in runs.into_iter().enumerate() {
        let injected: Vec<InjectedDoc> = inject(&docs, linter.dictionary(), &kinds, cfg.rate, seed);
        let texts: Vec<&str> = injected.iter().map(|d| d.text.as_str()).collect();
        let t0 = Instant::now();
        let tq_flags = lint_all(linter, &texts);
        lint_seconds += t0.elapsed().as_secs_f64();
        linted_bytes += texts.iter().map(|t| t.len()).sum::<usize>();

        let mut tq = Tally::default();
        let mut tq_out: Vec<Vec<ErrorOutcome>> = Vec::with_capacity(texts.len());
        for ((d, flags), clean) in injected.iter().zip(&tq_flags).zip(&clean_flags) {
            let m = match_flags(&d.errors, flags, &pre_existing(clean, &d.errors));
            let (t, o) = tally_doc(&d.text, &d.errors, flags, &m, |_| true);
            tq.add(&t);
            tq_out.push(o);
        }
        let mut tools = vec![ToolRow {
            tool: "tadqiq",
            tally: tq,
        }];

        let mut hs_out: Option<Vec<Vec<ErrorOutcome>>> = None;
        if let Some(h) = hunspell.as_deref_mut() {
            let spans = h.flags(&texts)?;
            // Match first, then ask for suggestions only for the flags on a sample of the
            // detected errors of each kind.
            let matched: Vec<_> = injected
                .iter()
                .zip(&spans)
                .zip(&hs_clean)
                .map(|((d, s), clean)| {
                    let flags = as_flags(s);
                    let m = match_flags(&d.errors, &flags, &pre_existing(clean, &d.errors));
                    (flags, m)
                })
                .collect();
            let mut detected: Vec<(usize, usize)> = Vec::new();
            for (di, (d, (_, m))) in injected.iter().zip(&matched).enumerate() {
                for ei in 0..d.errors.len() {
                    if !m.hits[ei].is_empty() {
                        detected.push((di, ei));
                    }
                }
            }
            let mut rng = Rng::fork(seed, 0x5EED);
            rng.shuffle(&mut detected);
            let mut per_kind: std::collections::HashMap<ErrorKind, usize> = Default::default();
            let mut sample: std::collections::HashSet<(usize, usize)> = Default::default();
            for &(di, ei) in &detected {
                let c = per_kind.entry(injected[di].errors[ei].kind).or_default();
                if *c < cfg.hunspell_fix_sample {
                    *c += 1;
                    sample.insert((di, ei));
                }
            }
            let mut words: Vec<&str> = Vec::new();
            for &(di, ei) in &sample {
                for &fi in &matched[di].1.hits[ei] {
                    words.push(&texts[di][matched[di].0[fi].span.clone()]);
                }
            }
            let sugg = h.suggest(&words)?;
            let by_word: std::collections::HashMap<&str, Option<String>> =
                words.iter().copied().zip(sugg).collect();
            let mut hs = Tally::default();
            let mut outs = Vec::with_capacity(texts.len());
            for (di, (d, (mut flags, m))) in injected.iter().zip(matched).enumerate() {
                for f in flags.iter_mut() {
                    f.suggestion = by_word.get(&texts[di][f.span.clone()]).cloned().flatten();
                }
                let (t, o) = tally_doc(&d.text, &d.errors, &flags, &m, |ei| {
                    sample.contains(&(di, ei))
                });
                hs.add(&t);
                outs.push(o);
            }
            tools.push(ToolRow {
                tool: "hunspell",
                tally: hs,
            });
            hs_out = Some(outs);
        }

        let mark = |o: &ErrorOutcome| match (o.detected, o.fixed) {
            (false, _) => "missed",
            (true, Some(true)) => "fixed",
            (true, Some(false)) => "detected",
            (true, None) => "detected (fix not checked)",
        };
        for (di, d) in injected.iter().enumerate() {
            for (ei, e) in d.errors.iter().enumerate() {
                let t = &tq_out[di][ei];
                let (hm, hf) = match &hs_out {
                    Some(h) => (
                        mark(&h[di][ei]),
                        h[di][ei].suggestion.clone().unwrap_or_default(),
                    ),
                    None => ("-", String::new()),
                };
                report.dump.push(format!(
                    "{}\t{}\t{di}\t{}\t{}\t{}\t{}\t{}\t{}\t{hm}\t{}",
                    if ri == 0 { "mixed" } else { "kind" },
                    e.kind.name(),
                    e.span.start,
                    short(&d.text[e.span.clone()]),
                    short(&e.original),
                    e.real_word,
                    mark(t),
                    short(t.suggestion.as_deref().unwrap_or("")),
                    short(&hf)
                ));
            }
        }
        report.runs.push(RunRow { label, kind, tools });
    }

    if let Some(mixed) = report.runs.first() {
        let pre: Vec<String> = mixed
            .tools
            .iter()
            .map(|t| format!("{} {}", t.tool, t.tally.flags_pre_existing))
            .collect();
        report.notes.push(format!(
            "flags raised on the clean text already (same rule and place) detect no injected \
             error and count as false alarms in P; on the mixed run: {}",
            pre.join(", ")
        ));
    }
    report.notes.push(format!(
        "tadqiq linted {:.1} MB in {:.2} s wall ({:.1} MB/s, all threads, documents in parallel)",
        linted_bytes as f64 / 1e6,
        lint_seconds,
        linted_bytes as f64 / 1e6 / lint_seconds.max(1e-9)
    ));
    if let Some(h) = hunspell.as_deref() {
        report.notes.push(format!(
            "hunspell: {} ({} processes): detection {:.1} MB in {:.1} s (changed lines only after \
             the clean run), suggestions {:.1} s; fix@1 checked on at most {} detected errors a \
             kind and run",
            Hunspell::version().unwrap_or_else(|| "hunspell".into()),
            h.jobs(),
            h.detect_bytes as f64 / 1e6,
            h.detect_seconds,
            h.suggest_seconds,
            cfg.hunspell_fix_sample
        ));
        if h.unaligned > 0 {
            report.notes.push(format!(
                "hunspell: {} rejected words could not be placed in their line (e.g. {})",
                h.unaligned,
                h.unaligned_examples.join(" ")
            ));
        }
    }
    Ok(report)
}

fn pct(x: f64) -> String {
    format!("{:.3}", x)
}

impl Report {
    /// The report as Markdown: the clean-text false alarms, then one table row a run and tool.
    pub fn render(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "Text: {}", self.corpus);
        let _ = writeln!(s, "Injection: {}", self.config_line);
        let _ = writeln!(s);
        let _ = writeln!(s, "| clean text | flags | false alarms / 1,000 words |");
        let _ = writeln!(s, "|---|--:|--:|");
        for c in &self.clean {
            let _ = writeln!(
                s,
                "| {} | {} | {:.2} |",
                c.tool,
                c.flags,
                1000.0 * ratio(c.flags, self.words)
            );
        }
        let _ = writeln!(
            s,
            "\nEvery flag on the text before injection counts as a false alarm: on text with real \
             errors of its own (a corpus) this is an upper bound."
        );
        let _ = writeln!(s);
        let _ = writeln!(
            s,
            "| errors injected | tool | errors | real-word | P | R | F1 | R non-word | fix@1 |"
        );
        let _ = writeln!(s, "|---|---|--:|--:|--:|--:|--:|--:|--:|");
        let row = |s: &mut String, label: &str, t: &ToolRow| {
            let (p, r, f) = t.tally.prf();
            let (_, rn, _) = t.tally.prf_non_word();
            let _ = writeln!(
                s,
                "| {label} | {} | {} | {} | {} | {} | {} | {} | {} |",
                t.tool,
                t.tally.errors,
                t.tally.real_word,
                pct(p),
                pct(r),
                pct(f),
                pct(rn),
                pct(t.tally.fix_rate())
            );
        };
        for (i, run) in self.runs.iter().enumerate() {
            let label = match run.kind {
                Some(k) => format!("{} ({})", k.name(), k.example()),
                None => "**all kinds, mixed**".to_string(),
            };
            for (j, t) in run.tools.iter().enumerate() {
                row(&mut s, if j == 0 { &label } else { "" }, t);
            }
            if i == 0 {
                for (j, t) in run.tools.iter().enumerate() {
                    let (p, r, f) = t.tally.prf_non_word();
                    let n = t.tally.errors - t.tally.real_word;
                    let _ = writeln!(
                        s,
                        "| {} | {} | {n} | – | {} | {} | {} | {} | – |",
                        if j == 0 {
                            "**all kinds, non-word errors only**"
                        } else {
                            ""
                        },
                        t.tool,
                        pct(p),
                        pct(r),
                        pct(f),
                        pct(r),
                    );
                }
            }
        }
        if !self.notes.is_empty() {
            let _ = writeln!(s);
            for n in &self.notes {
                let _ = writeln!(s, "- {n}");
            }
        }
        s
    }
}
