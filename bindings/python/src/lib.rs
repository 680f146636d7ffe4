//! tadqiq's Python binding (`tadqiq._tadqiq`, re-exported by the `tadqiq` package).
//!
//! ```text
//! Python str ─ (copied out under the GIL) ─▶ tadqiq_core::Linter (GIL released; rayon for
//!   check_many) ─▶ diagnostics (byte spans) ─▶ Finding (byte and code-point spans, line, column)
//! config: None │ path to tadqiq.toml (tadqiq_workspace) │ dict (as TOML) ─▶ Config ─▶ Linter
//! ```
//!
//! Spans: the core's byte ranges on the UTF-8 text are kept as `byte_start`/`byte_end`; `start`
//! and `end` are the same range as Python string indices (code points), so `text[f.start:f.end]`
//! is the text flagged. `line` and `column` are 1-based and count code points, as `tadqiq check
//! --format json` does (a byte-order mark at the very start is not a column). Findings are not
//! folded: each place is its own finding (as `tadqiq check --no-fold`).
//!
//! No panic crosses into Python: each lint runs under `catch_unwind` and a panic becomes a
//! `tadqiq.TadqiqError` naming the text it happened on.

use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use rayon::prelude::*;

use tadqiq_core::chunked;
use tadqiq_core::fix::{self as core_fix, FixOptions};
use tadqiq_core::render::FileReport;
use tadqiq_core::{Applicability, Diagnostic, LintOptions, SourceKind};
use tadqiq_workspace::config::{Config, ConfigFiles};

create_exception!(
    tadqiq,
    TadqiqError,
    PyException,
    "Base class of tadqiq's errors; raised as such for an internal error (a bug in tadqiq)."
);
create_exception!(
    tadqiq,
    ConfigError,
    TadqiqError,
    "A configuration (a tadqiq.toml file, a dict, or a word list it names) could not be used."
);

/// One finding on a text.
///
/// `start`/`end` are Python string indices (code points), so `text[f.start:f.end]` is the text
/// flagged; `byte_start`/`byte_end` are the same range in bytes of the UTF-8 text (as the
/// command line's JSON `start`/`end`). `line`, `column`, `end_line`, `end_column` are 1-based;
/// columns count code points; the end is exclusive. `suggestions` are replacements for the
/// span, best first; `fix` says whether `Linter.fix` applies the first one: `"safe"` (always),
/// `"unsafe"` (with `unsafe=True`) or `"manual"` (never).
#[pyclass(module = "tadqiq", frozen, get_all, eq)]
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// The rule's id, e.g. `"tadqiq/spelling"`.
    rule: String,
    /// `"error"`, `"warning"`, `"info"` or `"hint"`.
    severity: &'static str,
    /// One sentence saying what is wrong.
    message: String,
    start: usize,
    end: usize,
    byte_start: usize,
    byte_end: usize,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    suggestions: Vec<String>,
    fix: &'static str,
    /// A longer note on why the rule fired, or None.
    note: Option<String>,
}

#[pymethods]
impl Finding {
    /// The finding as a dict of its fields (what `tadqiq.spark` puts in its column).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("rule", &self.rule)?;
        d.set_item("severity", self.severity)?;
        d.set_item("message", &self.message)?;
        d.set_item("start", self.start)?;
        d.set_item("end", self.end)?;
        d.set_item("byte_start", self.byte_start)?;
        d.set_item("byte_end", self.byte_end)?;
        d.set_item("line", self.line)?;
        d.set_item("column", self.column)?;
        d.set_item("end_line", self.end_line)?;
        d.set_item("end_column", self.end_column)?;
        d.set_item("suggestions", &self.suggestions)?;
        d.set_item("fix", self.fix)?;
        d.set_item("note", &self.note)?;
        Ok(d)
    }

    fn __repr__(&self) -> String {
        format!(
            "Finding(rule={:?}, severity={:?}, start={}, end={}, line={}, column={}, \
             suggestions={:?}, fix={:?})",
            self.rule,
            self.severity,
            self.start,
            self.end,
            self.line,
            self.column,
            self.suggestions,
            self.fix
        )
    }
}

fn fix_name(a: Applicability) -> &'static str {
    match a {
        Applicability::Safe => "safe",
        Applicability::Unsafe => "unsafe",
        Applicability::Manual => "manual",
    }
}

/// Code-point indices of byte `offsets` (each on a char boundary of `text`), in their order.
/// One pass over the text, however many offsets.
fn char_indices(text: &str, offsets: &[usize]) -> Vec<usize> {
    if text.is_ascii() {
        return offsets.to_vec();
    }
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_unstable_by_key(|&i| offsets[i]);
    let mut out = vec![0; offsets.len()];
    let (mut byte, mut chars) = (0, 0);
    for i in order {
        let to = offsets[i];
        chars += text[byte..to].chars().count();
        byte = to;
        out[i] = chars;
    }
    out
}

/// The findings of `diagnostics` (spans on `text`), with every position derived.
fn findings(text: &str, diagnostics: &[Diagnostic]) -> Vec<Finding> {
    let report = FileReport::new("", text, diagnostics);
    let spans: Vec<_> = diagnostics.iter().map(|d| report.offsets(d)).collect();
    let bytes: Vec<usize> = spans.iter().flat_map(|s| [s.start, s.end]).collect();
    let chars = char_indices(text, &bytes);
    diagnostics
        .iter()
        .zip(&spans)
        .enumerate()
        .map(|(i, (d, span))| {
            let loc = report.location_of(span);
            Finding {
                rule: d.rule_id(),
                severity: d.severity.as_str(),
                message: d.message.clone(),
                start: chars[2 * i],
                end: chars[2 * i + 1],
                byte_start: span.start,
                byte_end: span.end,
                line: loc.line,
                column: loc.column,
                end_line: loc.end_line,
                end_column: loc.end_column,
                suggestions: d.suggestions.clone(),
                fix: fix_name(d.applicability),
                note: d.note.clone(),
            }
        })
        .collect()
}

/// Lint as `tadqiq check` does: a text larger than the CLI's threshold is linted in pieces.
fn lint(linter: &tadqiq_core::Linter, text: &str, kind: SourceKind) -> Vec<Diagnostic> {
    if text.len() > chunked::THRESHOLD {
        chunked::lint(linter, text, kind, chunked::PIECE_BYTES)
    } else {
        linter.lint(text, kind)
    }
}

/// Run `f`, turning a panic into an error message.
fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic with no message".to_string())
    })
}

fn internal(what: &str, message: String) -> PyErr {
    TadqiqError::new_err(format!(
        "internal error in tadqiq while {what}: {message} (please report it with the text)"
    ))
}

fn kind_of(markdown: bool) -> SourceKind {
    if markdown {
        SourceKind::Markdown
    } else {
        SourceKind::Plain
    }
}

/// One rayon pool for each thread count, made when first asked for (and again in a forked
/// child: a pool's threads do not survive `fork`, which Spark's Python workers use).
fn pool(threads: usize) -> PyResult<Arc<rayon::ThreadPool>> {
    type Pools = HashMap<usize, (u32, Arc<rayon::ThreadPool>)>;
    static POOLS: OnceLock<Mutex<Pools>> = OnceLock::new();
    let pid = std::process::id();
    let mut pools = POOLS
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    if let Some((owner, p)) = pools.get(&threads) {
        if *owner == pid {
            return Ok(p.clone());
        }
    }
    let p = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("tadqiq-{i}"))
        .build()
        .map_err(|e| TadqiqError::new_err(format!("could not start {threads} threads: {e}")))?;
    let p = Arc::new(p);
    pools.insert(threads, (pid, p.clone()));
    Ok(p)
}

/// A Python value of a configuration dict as TOML; `at` names it in errors.
fn to_toml(value: &Bound<'_, PyAny>, at: &str) -> PyResult<toml::Value> {
    if value.is_instance_of::<PyBool>() {
        return Ok(toml::Value::Boolean(value.extract()?));
    }
    if value.is_instance_of::<PyInt>() {
        return Ok(toml::Value::Integer(value.extract()?));
    }
    if value.is_instance_of::<PyFloat>() {
        return Ok(toml::Value::Float(value.extract()?));
    }
    if value.is_instance_of::<PyString>() {
        return Ok(toml::Value::String(value.extract()?));
    }
    if let Ok(d) = value.downcast::<PyDict>() {
        let mut table = toml::Table::new();
        for (k, v) in d.iter() {
            let key: String = k.extract().map_err(|_| {
                PyTypeError::new_err(format!(
                    "config: the keys of {at} must be str, not {}",
                    type_name(&k)
                ))
            })?;
            let inner = if at == "the dict" {
                key.clone()
            } else {
                format!("{at}.{key}")
            };
            table.insert(key, to_toml(&v, &inner)?);
        }
        return Ok(toml::Value::Table(table));
    }
    if value.is_instance_of::<PyList>() || value.is_instance_of::<PyTuple>() {
        let items = value
            .try_iter()?
            .enumerate()
            .map(|(i, v)| to_toml(&v?, &format!("{at}[{i}]")))
            .collect::<PyResult<Vec<_>>>()?;
        return Ok(toml::Value::Array(items));
    }
    Err(PyTypeError::new_err(format!(
        "config: {at} is a {}; a configuration holds only str, bool, int, float, list and dict",
        type_name(value)
    )))
}

fn type_name(value: &Bound<'_, PyAny>) -> String {
    value
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".to_string())
}

fn config_error(e: tadqiq_workspace::config::ConfigError) -> PyErr {
    ConfigError::new_err(e.to_string())
}

/// The core linter for a `config` argument: None, a path (file or directory) or a dict.
fn core_linter(config: Option<&Bound<'_, PyAny>>) -> PyResult<(tadqiq_core::Linter, String)> {
    let Some(config) = config.filter(|c| !c.is_none()) else {
        return Ok((tadqiq_core::Linter::new(), "defaults".to_string()));
    };
    let (config, dir, source) = if let Ok(d) = config.downcast::<PyDict>() {
        let table = to_toml(d.as_any(), "the dict")?;
        let text =
            toml::to_string(&table).map_err(|e| PyValueError::new_err(format!("config: {e}")))?;
        let name = Path::new("<config dict>");
        let parsed = Config::parse(&text, name).map_err(|mut e| {
            // The line and column would be those of the TOML made from the dict.
            e.location = None;
            config_error(e)
        })?;
        let cwd = std::env::current_dir()
            .map_err(|e| ConfigError::new_err(format!("config: the current directory: {e}")))?;
        (parsed, cwd, "a dict".to_string())
    } else if let Ok(path) = config.extract::<PathBuf>() {
        if path.is_dir() {
            match Config::discover(&path).map_err(config_error)? {
                Some((file, c)) => {
                    let dir = file.parent().map(Path::to_path_buf).unwrap_or_default();
                    (c, dir, file.display().to_string())
                }
                None => {
                    return Ok((
                        tadqiq_core::Linter::new(),
                        format!("defaults (no tadqiq.toml at or above {})", path.display()),
                    ))
                }
            }
        } else {
            let c = Config::load(&path).map_err(config_error)?;
            let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
            (c, dir, path.display().to_string())
        }
    } else {
        return Err(PyTypeError::new_err(format!(
            "config must be None, a path to a tadqiq.toml (str or os.PathLike) or a dict, not {}",
            type_name(config)
        )));
    };
    let dict = config.dictionary(&dir).map_err(config_error)?;
    let options: LintOptions = config.lint_options();
    Ok((tadqiq_core::Linter::with_options(dict, options), source))
}

/// Checks Arabic text. Made once (loading the dictionary and the configuration takes a few
/// milliseconds), then used for any number of texts, from any number of threads.
///
/// `config`: None for the defaults; a path (str or os.PathLike) to a `tadqiq.toml`, or to a
/// directory whose nearest `tadqiq.toml` or `.tadqiq.toml` at or above it is used (the
/// defaults if there is none); or a dict with the same keys as the file, e.g.
/// `{"rules": {"tatweel": "off"}}` (word lists in a dict are relative to the current
/// directory). A configuration that cannot be used raises `tadqiq.ConfigError` naming the
/// file and the fault.
#[pyclass(module = "tadqiq", frozen)]
pub struct Linter {
    inner: Arc<tadqiq_core::Linter>,
    source: String,
}

#[pymethods]
impl Linter {
    #[new]
    #[pyo3(signature = (config=None))]
    fn new(config: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let (linter, source) = core_linter(config)?;
        Ok(Self {
            inner: Arc::new(linter),
            source,
        })
    }

    /// The findings on `text`, in text order. `markdown=True` checks only the prose of a
    /// Markdown text (not code, links' targets, HTML...).
    #[pyo3(signature = (text, *, markdown=false))]
    fn check(&self, py: Python<'_>, text: String, markdown: bool) -> PyResult<Vec<Finding>> {
        let linter = &self.inner;
        py.allow_threads(|| guarded(|| findings(&text, &lint(linter, &text, kind_of(markdown)))))
            .map_err(|m| internal("checking a text", m))
    }

    /// `text` with its safe fixes applied (and its unsafe ones too with `unsafe=True`), as
    /// `tadqiq fix` would leave it: lint and fix again until nothing changes (at most four
    /// rounds). Everything outside the fixed words is kept exactly.
    #[pyo3(signature = (text, *, r#unsafe=false, markdown=false))]
    fn fix(
        &self,
        py: Python<'_>,
        text: String,
        r#unsafe: bool,
        markdown: bool,
    ) -> PyResult<String> {
        let linter = &self.inner;
        let options = FixOptions {
            unsafe_too: r#unsafe,
            ..FixOptions::default()
        };
        py.allow_threads(|| {
            guarded(|| core_fix::fix(linter, &text, kind_of(markdown), &options).text)
        })
        .map_err(|m| internal("fixing a text", m))
    }

    /// The findings on each of `texts` (any iterable of str), as a list in the same order.
    /// Texts are checked in parallel on `threads` threads (default: one per core) with the GIL
    /// released.
    #[pyo3(signature = (texts, threads=None, *, markdown=false))]
    fn check_many(
        &self,
        py: Python<'_>,
        texts: &Bound<'_, PyAny>,
        threads: Option<usize>,
        markdown: bool,
    ) -> PyResult<Vec<Vec<Finding>>> {
        let threads = match threads {
            Some(0) => return Err(PyValueError::new_err("threads must be at least 1")),
            Some(n) => n,
            None => std::thread::available_parallelism().map_or(1, |n| n.get()),
        };
        if texts.is_instance_of::<PyString>() {
            return Err(PyTypeError::new_err(
                "check_many takes an iterable of texts, not one str: use check(text)",
            ));
        }
        let texts: Vec<String> = texts
            .try_iter()
            .map_err(|_| {
                PyTypeError::new_err(format!(
                    "texts must be an iterable of str, not {}",
                    type_name(texts)
                ))
            })?
            .enumerate()
            .map(|(i, t)| {
                let t = t?;
                t.extract::<String>().map_err(|e| {
                    if t.is_instance_of::<PyString>() {
                        // Not encodable as UTF-8 (a lone surrogate): keep Python's reason.
                        PyValueError::new_err(format!("texts[{i}]: {e}"))
                    } else {
                        PyTypeError::new_err(format!(
                            "texts[{i}] is a {}, not a str",
                            type_name(&t)
                        ))
                    }
                })
            })
            .collect::<PyResult<_>>()?;
        let pool = pool(threads)?;
        let linter = &self.inner;
        let kind = kind_of(markdown);
        let results: Vec<Result<Vec<Finding>, String>> = py.allow_threads(|| {
            pool.install(|| {
                texts
                    .par_iter()
                    .map(|t| guarded(|| findings(t, &lint(linter, t, kind))))
                    .collect()
            })
        });
        results
            .into_iter()
            .enumerate()
            .map(|(i, r)| r.map_err(|m| internal(&format!("checking texts[{i}]"), m)))
            .collect()
    }

    fn __repr__(&self) -> String {
        format!("tadqiq.Linter(config: {})", self.source)
    }
}

/// For tests of the panic guard only: panics inside it, as a bug in a rule would.
#[pyfunction]
fn _panic_in_guard(py: Python<'_>) -> PyResult<()> {
    py.allow_threads(|| guarded(|| panic!("a test of the panic guard")))
        .map_err(|m| internal("running a test", m))
}

#[pymodule]
fn _tadqiq(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Linter>()?;
    m.add_class::<Finding>()?;
    m.add("TadqiqError", m.py().get_type::<TadqiqError>())?;
    m.add("ConfigError", m.py().get_type::<ConfigError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_function(wrap_pyfunction!(_panic_in_guard, m)?)?;
    Ok(())
}
