//! A progress bar on stderr (`indicatif`) for `check` runs that last: shown once a run has
//! taken more than [`DELAY`], only when stderr is a terminal and `CI` is unset, never
//! otherwise (a pipe, a log file, a CI job get nothing from it). It counts bytes: files as they
//! are checked, large files piece by piece. Reports written to stdout meanwhile suspend it, so
//! the two never mix on a shared terminal.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long a run goes before the bar appears.
pub const DELAY: Duration = Duration::from_secs(1);

pub struct Progress {
    /// `None` when progress is never shown (not a terminal, or `CI` set).
    bar: Option<ProgressBar>,
    started: Instant,
    delay: Duration,
    shown: AtomicBool,
}

impl Progress {
    /// Progress over `total` bytes, if stderr is a terminal and `CI` is unset.
    pub fn new(total: u64) -> Self {
        let enabled =
            std::io::stderr().is_terminal() && std::env::var_os("CI").is_none_or(|v| v.is_empty());
        Self::with(enabled, total, delay())
    }

    fn with(enabled: bool, total: u64, delay: Duration) -> Self {
        let bar = enabled.then(|| {
            let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::hidden());
            bar.set_style(
                ProgressStyle::with_template(
                    "{spinner} checking [{bar:30}] {bytes}/{total_bytes} {elapsed} (eta {eta})",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
            );
            bar
        });
        Self {
            bar,
            started: Instant::now(),
            delay,
            shown: AtomicBool::new(false),
        }
    }

    /// `bytes` more were checked; the bar appears once the run has lasted [`DELAY`].
    pub fn inc(&self, bytes: u64) {
        let Some(bar) = &self.bar else { return };
        bar.inc(bytes);
        if !self.shown.load(Ordering::Relaxed) && self.started.elapsed() >= self.delay {
            self.shown.store(true, Ordering::Relaxed);
            bar.set_draw_target(ProgressDrawTarget::stderr_with_hz(10));
            bar.enable_steady_tick(Duration::from_millis(200));
        }
    }

    /// Whether the bar is on the screen (writes to the terminal must then be flushed inside
    /// [`Progress::suspend`]).
    pub fn showing(&self) -> bool {
        self.bar.is_some() && self.shown.load(Ordering::Relaxed)
    }

    /// Run `f` (writing to the terminal) with the bar out of the way.
    pub fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        match &self.bar {
            Some(bar) if self.shown.load(Ordering::Relaxed) => bar.suspend(f),
            _ => f(),
        }
    }

    /// Take the bar off the screen (before the summary).
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// [`DELAY`], or `TADQIQ_PROGRESS_DELAY_MS` (for tests: a bar on a short run).
fn delay() -> Duration {
    std::env::var("TADQIQ_PROGRESS_DELAY_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .map_or(DELAY, Duration::from_millis)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn disabled_progress_never_draws() {
        let p = Progress::with(false, 100, Duration::ZERO);
        p.inc(50);
        assert!(p.bar.is_none() && !p.shown.load(Ordering::Relaxed));
        assert_eq!(p.suspend(|| 7), 7);
    }

    #[test]
    fn the_bar_waits_for_the_delay() {
        let p = Progress::with(true, 100, Duration::from_secs(3600));
        p.inc(50);
        assert!(!p.shown.load(Ordering::Relaxed));
        assert_eq!(p.bar.as_ref().unwrap().position(), 50);
        p.finish();
    }
}
