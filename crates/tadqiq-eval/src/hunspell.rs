//! Running Hunspell (`hunspell -d ar`) on the same text, for comparison.
//!
//! Detection uses `hunspell -l`, which lists the words it rejects in order; lines are fed with
//! a sentinel word between them so that each listed word is known to come from its line, and
//! each is then found in its line (the first whole-token occurrence after the previous one).
//! Hunspell reads a line at a time and knows no context, so a line's result is cached and an
//! injected text only costs the lines the injection changed.
//!
//! Suggestions (`hunspell -a`, the first one is Hunspell's fix) take Hunspell tens of
//! milliseconds a word, so they are asked only for the words the caller needs, once each.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::ops::Range;
use std::process::{Command, Stdio};
use std::time::Instant;

/// A word Hunspell always rejects, written between lines.
const SENTINEL: &str = "qzxjqtadqiqsentinelqzxj";

pub struct Hunspell {
    dict: String,
    jobs: usize,
    /// Line → byte spans of the words Hunspell rejects in it.
    lines: HashMap<String, Vec<Range<usize>>>,
    /// Word → Hunspell's first suggestion (`None`: it has none, or accepts the word alone).
    suggestions: HashMap<String, Option<String>>,
    /// Time spent waiting for Hunspell, in seconds: detection and suggestions.
    pub detect_seconds: f64,
    pub suggest_seconds: f64,
    /// Bytes of text Hunspell was given for detection.
    pub detect_bytes: usize,
    /// Listed words that could not be found in their line (should stay 0), and a few of them.
    pub unaligned: usize,
    pub unaligned_examples: Vec<String>,
}

/// Run `hunspell args` on `input`, returning its standard output.
fn run(dict: &str, mode: &str, input: String) -> Result<String, String> {
    let mut child = Command::new("hunspell")
        .args([mode, "-d", dict, "-i", "UTF-8"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run hunspell: {e}"))?;
    let mut stdin = child.stdin.take().expect("piped");
    let mut stdout = child.stdout.take().expect("piped");
    let mut out = String::new();
    std::thread::scope(|s| {
        s.spawn(move || {
            // A write error means hunspell died; its status says why.
            let _ = stdin.write_all(input.as_bytes());
        });
        stdout
            .read_to_string(&mut out)
            .map_err(|e| format!("reading hunspell's output: {e}"))
    })?;
    let status = child
        .wait_with_output()
        .map_err(|e| format!("waiting for hunspell: {e}"))?;
    if !status.status.success() {
        return Err(format!(
            "hunspell {mode} -d {dict} failed ({}): {}",
            status.status,
            String::from_utf8_lossy(&status.stderr).trim()
        ));
    }
    Ok(out)
}

/// Run `f` on `items` split into at most `jobs` chunks, one thread (one Hunspell) each.
fn in_parallel<T: Sync, R: Send>(
    items: &[T],
    jobs: usize,
    f: impl Fn(&[T]) -> Result<R, String> + Sync,
) -> Result<Vec<R>, String> {
    if items.is_empty() {
        return Ok(Vec::new());
    }
    let size = items.len().div_ceil(jobs.max(1));
    std::thread::scope(|s| {
        let handles: Vec<_> = items.chunks(size).map(|c| s.spawn(|| f(c))).collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("hunspell thread panicked"))
            .collect()
    })
}

/// A char that Hunspell reads as part of a word: letters and the marks it ignores. Digits and
/// invisible controls are not (it reads `دبليو1000` as `دبليو`, and splits at a ZWNJ).
fn is_word_char(c: char) -> bool {
    use tadqiq_core::keymap::{is_ignorable, is_invisible_control};
    c.is_alphabetic() || (is_ignorable(c) && !is_invisible_control(c))
}

/// Find `word` in `line` at or after `from`: the first occurrence that is a whole token, else
/// the first that starts one, else the first.
fn find_word(line: &str, from: usize, word: &str) -> Option<usize> {
    let rest = &line[from..];
    let starts = |i: usize| !line[..i].chars().next_back().is_some_and(is_word_char);
    let ends = |i: usize| {
        !line[i + word.len()..]
            .chars()
            .next()
            .is_some_and(is_word_char)
    };
    let all: Vec<usize> = rest.match_indices(word).map(|(i, _)| from + i).collect();
    all.iter()
        .copied()
        .find(|&i| starts(i) && ends(i))
        .or_else(|| all.iter().copied().find(|&i| starts(i)))
        .or_else(|| all.first().copied())
}

impl Hunspell {
    /// Hunspell with dictionary `dict`, if it runs and has the dictionary.
    pub fn new(dict: &str, jobs: usize) -> Result<Self, String> {
        let out = run(dict, "-l", format!("{SENTINEL}\n"))?;
        if out.trim() != SENTINEL {
            return Err(format!(
                "hunspell -l -d {dict} did not reject a nonsense word (said {:?})",
                out.trim()
            ));
        }
        Ok(Self {
            dict: dict.to_string(),
            jobs: jobs.max(1),
            lines: HashMap::new(),
            suggestions: HashMap::new(),
            detect_seconds: 0.0,
            suggest_seconds: 0.0,
            detect_bytes: 0,
            unaligned: 0,
            unaligned_examples: Vec::new(),
        })
    }

    /// Hunspell processes run at once.
    pub fn jobs(&self) -> usize {
        self.jobs
    }

    /// Hunspell's version line (`Hunspell 1.7.1`).
    pub fn version() -> Option<String> {
        let out = Command::new("hunspell").arg("-v").output().ok()?;
        let s = String::from_utf8_lossy(&out.stdout);
        s.lines()
            .next()
            .and_then(|l| l.split("(but really ").nth(1))
            .map(|v| v.trim_end_matches(')').to_string())
            .or_else(|| s.lines().next().map(str::to_string))
    }

    /// The flags of each text: byte spans of the words Hunspell rejects.
    pub fn flags(&mut self, texts: &[&str]) -> Result<Vec<Vec<Range<usize>>>, String> {
        // The lines not seen before, once each.
        let mut todo: Vec<&str> = Vec::new();
        let mut queued: std::collections::HashSet<&str> = Default::default();
        for t in texts {
            for line in t.split('\n') {
                let line = line.strip_suffix('\r').unwrap_or(line);
                if !line.trim().is_empty() && !self.lines.contains_key(line) && queued.insert(line)
                {
                    todo.push(line);
                }
            }
        }
        let start = Instant::now();
        let dict = self.dict.clone();
        let results = in_parallel(&todo, self.jobs, |chunk: &[&str]| {
            let mut input = String::with_capacity(chunk.iter().map(|l| l.len() + 30).sum());
            for l in chunk {
                input.push_str(l);
                input.push('\n');
                input.push_str(SENTINEL);
                input.push('\n');
            }
            let out = run(&dict, "-l", input)?;
            let mut per_line: Vec<Vec<String>> = vec![Vec::new()];
            for w in out.lines() {
                if w == SENTINEL {
                    per_line.push(Vec::new());
                } else if !w.is_empty() {
                    per_line
                        .last_mut()
                        .expect("never empty")
                        .push(w.to_string());
                }
            }
            per_line.pop();
            if per_line.len() != chunk.len() {
                return Err(format!(
                    "hunspell -l: {} lines in, {} out",
                    chunk.len(),
                    per_line.len()
                ));
            }
            Ok(per_line)
        })?;
        self.detect_seconds += start.elapsed().as_secs_f64();
        self.detect_bytes += todo.iter().map(|l| l.len() + 1).sum::<usize>();
        for (line, words) in todo.iter().zip(results.into_iter().flatten()) {
            let mut spans = Vec::with_capacity(words.len());
            let mut at = 0;
            for w in &words {
                match find_word(line, at, w) {
                    Some(i) => {
                        spans.push(i..i + w.len());
                        at = i + w.len();
                    }
                    None => {
                        self.unaligned += 1;
                        if self.unaligned_examples.len() < 8 {
                            self.unaligned_examples.push(w.clone());
                        }
                    }
                }
            }
            self.lines.insert(line.to_string(), spans);
        }
        Ok(texts
            .iter()
            .map(|t| {
                let mut out = Vec::new();
                let mut base = 0;
                for line in t.split('\n') {
                    let l = line.strip_suffix('\r').unwrap_or(line);
                    if let Some(spans) = self.lines.get(l) {
                        out.extend(spans.iter().map(|s| base + s.start..base + s.end));
                    }
                    base += line.len() + 1;
                }
                out
            })
            .collect())
    }

    /// Hunspell's first suggestion for each word (asked once per word, ever).
    pub fn suggest(&mut self, words: &[&str]) -> Result<Vec<Option<String>>, String> {
        let mut todo: Vec<&str> = words
            .iter()
            .copied()
            .filter(|w| !self.suggestions.contains_key(*w))
            .collect();
        todo.sort_unstable();
        todo.dedup();
        let start = Instant::now();
        let dict = self.dict.clone();
        let results = in_parallel(&todo, self.jobs, |chunk: &[&str]| {
            let mut input = String::new();
            for w in chunk {
                // `^` keeps a word from being read as a command.
                input.push('^');
                input.push_str(w);
                input.push('\n');
            }
            let out = run(&dict, "-a", input)?;
            let mut res = Vec::with_capacity(chunk.len());
            let mut first: Option<Option<String>> = None;
            for line in BufReader::new(out.as_bytes()).lines().skip(1) {
                let line = line.map_err(|e| e.to_string())?;
                if line.is_empty() {
                    res.push(first.take().unwrap_or(None));
                    continue;
                }
                if first.is_none() {
                    first = Some(
                        line.strip_prefix("& ")
                            .and_then(|r| r.split_once(": "))
                            .and_then(|(_, s)| s.split(", ").next())
                            .map(str::to_string),
                    );
                }
            }
            if res.len() != chunk.len() {
                return Err(format!(
                    "hunspell -a: {} words in, {} answers out",
                    chunk.len(),
                    res.len()
                ));
            }
            Ok(res)
        })?;
        self.suggest_seconds += start.elapsed().as_secs_f64();
        for (w, s) in todo.iter().zip(results.into_iter().flatten()) {
            self.suggestions.insert(w.to_string(), s);
        }
        Ok(words
            .iter()
            .map(|w| self.suggestions.get(*w).cloned().flatten())
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_start_is_a_char_boundary() {
        // Multi-byte letters, marks, tatweel, ZWNJ, emoji and digits around a repeated word: from
        // any char boundary, the answer is a char boundary at or after it, on the word.
        let line = "😀القاء «ال\u{200c}قاء» المـــحترف القاءً القاء٣ GPW1000 القاء";
        let mut from = 0;
        while from <= line.len() {
            if let Some(i) = find_word(line, from, "القاء") {
                assert!(i >= from && line.is_char_boundary(i));
                assert_eq!(&line[i..i + "القاء".len()], "القاء");
            }
            from += line[from..].chars().next().map_or(1, char::len_utf8);
        }
    }

    /// On the real Hunspell, when installed (it is not on CI): every flag is a char-aligned
    /// span holding a word Hunspell listed, and nothing is left unplaced.
    #[test]
    fn real_hunspell_spans_are_aligned() {
        let Ok(mut h) = Hunspell::new("ar", 1) else {
            eprintln!("hunspell -d ar is not installed: skipped");
            return;
        };
        let texts = [
            "تطرق القاء إلى التحديات، وقال المـــحترف إن «ال\u{200c}مرورية» لم تعقد.\n\
             😀القاء دبليو1000 و GPW1000 والقاء٣ xyzq\n\nالمدرسهِ الجديده",
            "",
            "سطر واحد بلا خطأ",
        ];
        let flags = h.flags(&texts).expect("hunspell runs");
        assert_eq!(h.unaligned, 0, "{:?}", h.unaligned_examples);
        let words: Vec<&str> = flags[0].iter().map(|s| &texts[0][s.clone()]).collect();
        for w in ["القاء", "دبليو", "GPW", "ال", "xyzq", "المدرسهِ", "الجديده"]
        {
            assert!(words.contains(&w), "{w} not in {words:?}");
        }
        assert!(!words.contains(&"التحديات"), "{words:?}");
        assert!(flags[1].is_empty());
        // The first suggestion for a squeezed word, and none for a word it accepts.
        let s = h.suggest(&["الجديده", "سطر"]).expect("hunspell -a runs");
        assert_eq!(s[0].as_deref(), Some("الجديدة"));
        assert_eq!(s[1], None);
    }

    #[test]
    fn words_are_found_as_whole_tokens_in_order() {
        let line = "قال الوزير إن القاء، والقاء القاء";
        let a = find_word(line, 0, "القاء").unwrap();
        assert_eq!(&line[a..a + "القاء".len()], "القاء");
        let b = find_word(line, a + "القاء".len(), "القاء").unwrap();
        // Skips the `القاء` inside `والقاء`.
        assert_eq!(&line[b - 1..b], " ");
        assert!(b > line.find("والقاء").unwrap());
        // A word glued to digits is still a token; a later whole occurrence does not win.
        let line = "«جي بي دبليو1000» GPW1000 ساعة دبليو";
        let a = find_word(line, 0, "دبليو").unwrap();
        assert!(a < line.find("»").unwrap());
        assert!(find_word(line, a, "GPW").is_some());
        // Nor is a word after a zero-width non-joiner.
        let line = "المـ\u{200c}رورية ثم رورية";
        assert_eq!(
            find_word(line, 0, "رورية"),
            line.find("\u{200c}").map(|i| i + 3)
        );
    }
}
