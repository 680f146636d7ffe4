//! Scoring tadqiq (and Hunspell) against any gold annotation in the seeds' format: a directory
//! holding `gold.tsv` (`file line col wrong fix kind tier`, see [`crate::gold`]) and the
//! texts it names, beside it or under `texts/`. Used by `tadqiq-eval --gold DIR` on the seeds
//! (`fixtures/seeds`) and on any development set given by path.
//!
//! A row is *found* when a finding overlaps it and *fixed first* when the finding's first
//! suggestion gives the gold line ([`crate::gold::fixes`]). Findings that overlap no row
//! are counted per 1,000 words as "outside the gold": often false alarms, sometimes real errors
//! the annotation lacks. For Hunspell a finding is a word it rejects, and its fix is its first
//! suggestion (`hunspell -a`).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::gold::{self, GoldRow};
use crate::hunspell::Hunspell;
use tadqiq_core::diagnostic::{Applicability, Diagnostic, Severity};
use tadqiq_core::document::SourceKind;
use tadqiq_core::linter::Linter;
use tadqiq_core::text::TokenKind;

/// The texts and rows of a gold directory.
pub struct GoldSet {
    pub dir: PathBuf,
    pub rows: Vec<GoldRow>,
    /// (file name, text), sorted by name; every file a row names.
    pub files: Vec<(String, String)>,
}

/// Load `dir/gold.tsv` and the files it names (from `dir/texts/` when that exists, else `dir`).
pub fn load(dir: &Path) -> Result<GoldSet, String> {
    let tsv_path = dir.join("gold.tsv");
    let tsv =
        std::fs::read_to_string(&tsv_path).map_err(|e| format!("{}: {e}", tsv_path.display()))?;
    let rows = gold::parse(&tsv).map_err(|e| format!("{}: {e}", tsv_path.display()))?;
    let texts = if dir.join("texts").is_dir() {
        dir.join("texts")
    } else {
        dir.to_path_buf()
    };
    let mut names: Vec<String> = rows.iter().map(|r| r.file.clone()).collect();
    // Texts with no row are part of the set too (they count for findings outside the gold).
    if let Ok(rd) = std::fs::read_dir(&texts) {
        for e in rd.flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "txt") {
                if let Some(n) = p.file_name().and_then(|n| n.to_str()) {
                    names.push(n.to_string());
                }
            }
        }
    }
    names.sort();
    names.dedup();
    let mut files = Vec::new();
    for n in names {
        let p = texts.join(&n);
        let text = std::fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()))?;
        files.push((n, text));
    }
    Ok(GoldSet {
        dir: dir.to_path_buf(),
        rows,
        files,
    })
}

/// Found / fixed first out of `rows`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Count {
    pub rows: usize,
    pub found: usize,
    pub fixed: usize,
}

impl Count {
    fn add(&mut self, found: bool, fixed: bool) {
        self.rows += 1;
        self.found += found as usize;
        self.fixed += fixed as usize;
    }
}

/// One tool's score on a gold set.
#[derive(Debug, Default)]
pub struct ToolScore {
    pub by_tier: BTreeMap<String, Count>,
    /// Rows of tier `must`, by kind.
    pub must_by_kind: BTreeMap<String, Count>,
    /// Findings overlapping no row, and the same by rule (tadqiq) .
    pub outside: usize,
    pub outside_by_rule: BTreeMap<String, usize>,
    /// Per row (in the gold's order): found, fixed.
    pub per_row: Vec<(bool, bool)>,
    /// Findings outside the gold: (file, line, word, rule, first suggestion).
    pub outside_list: Vec<(String, usize, String, String, String)>,
}

/// The report of a gold run.
pub struct GoldReport {
    pub dir: PathBuf,
    pub files: usize,
    pub words: usize,
    pub tools: Vec<(String, ToolScore)>,
    pub rows: Vec<GoldRow>,
}

/// Arabic words of a text.
pub fn count_words(text: &str) -> usize {
    tadqiq_core::text::tokenize(text)
        .iter()
        .filter(|t| t.kind == TokenKind::Arabic)
        .count()
}

fn score(set: &GoldSet, diags: &[Vec<Diagnostic>]) -> ToolScore {
    let mut s = ToolScore {
        per_row: vec![(false, false); set.rows.len()],
        ..ToolScore::default()
    };
    for ((name, text), diags) in set.files.iter().zip(diags) {
        let mine: Vec<(usize, &GoldRow)> = set
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| &r.file == name)
            .collect();
        let fs = gold::score_file(text, &mine, diags);
        for (i, found, fixed) in fs.rows {
            s.per_row[i] = (found, fixed);
        }
        let lines = tadqiq_core::text::LineIndex::new(text);
        for d in fs.false_alarms {
            s.outside += 1;
            *s.outside_by_rule
                .entry(d.rule_id().to_string())
                .or_default() += 1;
            let line = lines.line_of(d.span.start) + 1;
            s.outside_list.push((
                name.clone(),
                line,
                text[d.span.clone()].to_string(),
                d.rule_id().to_string(),
                d.suggestions.first().cloned().unwrap_or_default(),
            ));
        }
    }
    for (r, &(found, fixed)) in set.rows.iter().zip(&s.per_row) {
        s.by_tier
            .entry(r.tier.clone())
            .or_default()
            .add(found, fixed);
        if r.tier == "must" {
            s.must_by_kind
                .entry(r.kind.clone())
                .or_default()
                .add(found, fixed);
        }
    }
    s
}

/// Lint every text of the set with `linter` (unfolded, as `--no-fold`).
pub fn lint_all(set: &GoldSet, linter: &Linter) -> Vec<Vec<Diagnostic>> {
    use rayon::prelude::*;
    set.files
        .par_iter()
        .map(|(_, text)| linter.lint(text, SourceKind::Plain))
        .collect()
}

/// Hunspell's findings on every text: each rejected word, with Hunspell's first suggestion.
pub fn hunspell_all(set: &GoldSet, h: &mut Hunspell) -> Result<Vec<Vec<Diagnostic>>, String> {
    let texts: Vec<&str> = set.files.iter().map(|(_, t)| t.as_str()).collect();
    let flags = h.flags(&texts)?;
    let words: Vec<&str> = texts
        .iter()
        .zip(&flags)
        .flat_map(|(t, f)| f.iter().map(move |s| &t[s.clone()]))
        .collect();
    let sugg = h.suggest(&words)?;
    let mut sugg = sugg.into_iter();
    Ok(flags
        .iter()
        .map(|f| {
            f.iter()
                .map(|s| {
                    let first = sugg.next().flatten();
                    Diagnostic::new("hunspell", Severity::Error, s.clone(), "rejected")
                        .with_suggestions(first.into_iter().collect(), Applicability::Unsafe)
                })
                .collect()
        })
        .collect())
}

/// Score tadqiq (and Hunspell, if given) on the set.
pub fn run(
    set: &GoldSet,
    linter: &Linter,
    hunspell: Option<&mut Hunspell>,
) -> Result<GoldReport, String> {
    let words = set.files.iter().map(|(_, t)| count_words(t)).sum();
    let mut tools = vec![("tadqiq".to_string(), score(set, &lint_all(set, linter)))];
    if let Some(h) = hunspell {
        tools.push(("hunspell".to_string(), score(set, &hunspell_all(set, h)?)));
    }
    Ok(GoldReport {
        dir: set.dir.clone(),
        files: set.files.len(),
        words,
        tools,
        rows: set.rows.clone(),
    })
}

fn pct(a: usize, b: usize) -> String {
    if b == 0 {
        "-".into()
    } else {
        format!("{:.1}%", 100.0 * a as f64 / b as f64)
    }
}

impl GoldReport {
    pub fn render(&self, verbose: bool) -> String {
        let mut o = String::new();
        let _ = writeln!(
            o,
            "gold: {} ({} files, {} words, {} rows)",
            self.dir.display(),
            self.files,
            self.words,
            self.rows.len()
        );
        let per_k = |n: usize| 1000.0 * n as f64 / self.words.max(1) as f64;
        let _ = writeln!(
            o,
            "\n{:10} {:8} {:>6} {:>8} {:>12} {:>22}",
            "tool", "tier", "rows", "found", "fixed first", "outside gold /1,000 w"
        );
        for (tool, s) in &self.tools {
            for (tier, c) in &s.by_tier {
                let _ = writeln!(
                    o,
                    "{:10} {:8} {:>6} {:>8} {:>12} {:>22}",
                    tool,
                    tier,
                    c.rows,
                    pct(c.found, c.rows),
                    pct(c.fixed, c.rows),
                    if tier == "must" {
                        format!("{:.1} ({})", per_k(s.outside), s.outside)
                    } else {
                        String::new()
                    }
                );
            }
        }
        let _ = writeln!(o, "\nmust rows by kind (found / fixed first):");
        let kinds: std::collections::BTreeSet<&String> = self
            .tools
            .iter()
            .flat_map(|(_, s)| s.must_by_kind.keys())
            .collect();
        let _ = write!(o, "{:20} {:>5}", "kind", "rows");
        for (tool, _) in &self.tools {
            let _ = write!(o, " {:>22}", tool);
        }
        let _ = writeln!(o);
        for k in kinds {
            let n = self.tools[0].1.must_by_kind.get(k).map_or(0, |c| c.rows);
            let _ = write!(o, "{:20} {:>5}", k, n);
            for (_, s) in &self.tools {
                let c = s.must_by_kind.get(k).copied().unwrap_or_default();
                let _ = write!(
                    o,
                    " {:>22}",
                    format!("{} / {}", pct(c.found, c.rows), pct(c.fixed, c.rows))
                );
            }
            let _ = writeln!(o);
        }
        if let Some((_, s)) = self.tools.first() {
            let _ = writeln!(o, "\ntadqiq findings outside the gold, by rule:");
            let mut v: Vec<_> = s.outside_by_rule.iter().collect();
            v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            for (rule, n) in v {
                let _ = writeln!(o, "  {rule:20} {n}");
            }
        }
        if verbose {
            for (tool, s) in &self.tools {
                let _ = writeln!(o, "\n{tool}: must rows missed or not fixed first:");
                for (r, &(found, fixed)) in self.rows.iter().zip(&s.per_row) {
                    if r.tier == "must" && !fixed {
                        let _ = writeln!(
                            o,
                            "  [{}] {:18} {}:{}:{} «{}» → «{}»",
                            if found { "found" } else { "MISS " },
                            r.kind,
                            r.file,
                            r.line,
                            r.col,
                            r.wrong,
                            r.fixes.join("|")
                        );
                    }
                }
                let _ = writeln!(o, "\n{tool}: findings outside the gold:");
                for (f, line, w, rule, sugg) in &s.outside_list {
                    let _ = writeln!(o, "  {f}:{line} {rule} «{w}» → «{sugg}»");
                }
            }
        }
        o
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_the_seed_gold_by_tier_and_kind() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/seeds");
        let set = load(&dir).unwrap();
        assert_eq!(set.files.len(), 5);
        let linter = Linter::new();
        let report = run(&set, &linter, None).unwrap();
        let (_, s) = &report.tools[0];
        let must = s.by_tier["must"];
        // Every row scored once, and the tiers add up to the gold.
        assert_eq!(
            s.by_tier.values().map(|c| c.rows).sum::<usize>(),
            set.rows.len()
        );
        assert!(must.found >= must.fixed && must.rows >= must.found);
        assert_eq!(
            s.must_by_kind.values().map(|c| c.rows).sum::<usize>(),
            must.rows
        );
        let text = report.render(true);
        assert!(text.contains("must"), "{text}");
        assert!(report.words > 2_000, "{}", report.words);
    }
}
