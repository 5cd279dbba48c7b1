//! The slow analyses, run off the UI thread: the Monte Carlo bands of the
//! live variant and of the baseline, and the tornado. Each run works on a
//! copy of the plan and is cancelled when the plan changes; the window keeps
//! drawing the last finished result until the new one arrives. The
//! computations themselves are in `model::monte_carlo` and
//! `model::sensitivity`; this file only schedules them.

use crate::model::Scenario;
use crate::model::monte_carlo::{self, Bands};
use crate::model::sensitivity::{self, Tornado};
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, mpsc};

/// Seconds a plan must stay unchanged before a run starts: dragging a value
/// starts no run until the drag rests.
pub const SETTLE_S: f64 = 0.25;

/// One job on a worker thread.
struct Job<T> {
    cancel: Arc<AtomicBool>,
    progress: Arc<AtomicU32>,
    total: u32,
    receiver: mpsc::Receiver<Option<T>>,
}

impl<T: Send + 'static> Job<T> {
    fn start(
        total: u32,
        repaint: impl Fn() + Send + 'static,
        work: impl FnOnce(&AtomicBool, &AtomicU32) -> Option<T> + Send + 'static,
    ) -> Self {
        let cancel = Arc::new(AtomicBool::new(false));
        let progress = Arc::new(AtomicU32::new(0));
        let (sender, receiver) = mpsc::channel();
        let (c, p) = (cancel.clone(), progress.clone());
        std::thread::spawn(move || {
            let result = work(&c, &p);
            // The window may be gone; nothing to do then.
            let _ = sender.send(result);
            repaint();
        });
        Self {
            cancel,
            progress,
            total,
            receiver,
        }
    }

    /// The result once the job is done: `Some(Some(_))` finished,
    /// `Some(None)` cancelled or failed, `None` still running.
    fn poll(&self) -> Option<Option<T>> {
        match self.receiver.try_recv() {
            Ok(result) => Some(result),
            Err(mpsc::TryRecvError::Empty) => None,
            Err(mpsc::TryRecvError::Disconnected) => Some(None),
        }
    }

    fn progress_pct(&self) -> f32 {
        if self.total == 0 {
            return 0.0;
        }
        100.0 * self.progress.load(Ordering::Relaxed) as f32 / self.total as f32
    }
}

impl<T> Drop for Job<T> {
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

/// What the bands are for: the live plan and the baseline's plan.
#[derive(Clone, PartialEq)]
struct BandsInput {
    live: Scenario,
    baseline: Option<Scenario>,
}

/// The Monte Carlo bands and the tornado, with their runs.
#[derive(Default)]
pub struct Analysis {
    /// Start no run (what is running finishes). Window tests that take
    /// snapshots pause it, so a band never lands in one by chance.
    pub paused: bool,
    /// Bands of the live variant, from the last finished run.
    pub bands: Option<Arc<Bands>>,
    /// Bands of the baseline, from the same run.
    pub baseline_bands: Option<Arc<Bands>>,
    /// Whether the bands shown are for the plan on screen (false while a
    /// newer run is pending or running).
    pub bands_current: bool,
    bands_for: Option<BandsInput>,
    /// The plan seen last frame, to tell when it last changed.
    seen: Option<BandsInput>,
    bands_job: Option<Job<(Bands, Option<Bands>)>>,
    /// When the plan last changed (egui time, seconds).
    changed_at: f64,
    /// The tornado of the last finished run, and what it was asked for.
    pub tornado: Option<Arc<Tornado>>,
    tornado_for: Option<(Scenario, Option<usize>)>,
    tornado_job: Option<Job<Tornado>>,
}

impl Analysis {
    /// Percentage done of the bands' run, when one is running.
    pub fn bands_progress_pct(&self) -> Option<f32> {
        self.bands_job.as_ref().map(Job::progress_pct)
    }

    pub fn tornado_running(&self) -> bool {
        self.tornado_job.is_some()
    }

    /// Bring the bands up to date with `live` and `baseline` (`None` when
    /// a plan has problems: the last valid plan's bands stay, as its
    /// projection does; a plan with nothing uncertain shows no band):
    /// collect a finished run, cancel one for an older plan, and start one
    /// once the plan has rested [`SETTLE_S`]. Returns the seconds after
    /// which it wants another look (a run to start later), if any.
    pub fn update_bands(
        &mut self,
        now: f64,
        live: Option<&Scenario>,
        baseline: Option<&Scenario>,
        repaint: impl Fn() + Send + 'static,
    ) -> Option<f64> {
        if let Some(job) = &self.bands_job
            && let Some(result) = job.poll()
        {
            self.bands_job = None;
            if let Some((live_bands, baseline_bands)) = result {
                self.bands = Some(Arc::new(live_bands));
                self.baseline_bands = baseline_bands.map(Arc::new);
            }
        }
        // A scenario with problems: the screen keeps its last valid
        // projection, and the bands (and any run for it) stay with it.
        let live = live?;
        let uncertain = |s: &&Scenario| monte_carlo::has_uncertainty(s);
        let Some(live) = Some(live).filter(uncertain) else {
            self.bands_job = None;
            self.bands = None;
            self.baseline_bands = None;
            self.bands_for = None;
            self.seen = None;
            self.bands_current = false;
            return None;
        };
        let baseline = baseline.filter(uncertain);
        let same_as_seen = self
            .seen
            .as_ref()
            .is_some_and(|s| s.live == *live && s.baseline.as_ref() == baseline);
        if !same_as_seen {
            self.seen = Some(BandsInput {
                live: live.clone(),
                baseline: baseline.cloned(),
            });
            self.changed_at = now;
        }
        if self.bands_for.is_some() && self.bands_for == self.seen {
            self.bands_current = self.bands_job.is_none() && self.bands.is_some();
            return None;
        }
        // The plan moved on: a run for an older plan is stopped, and a new
        // one waits for the plan to rest.
        self.bands_job = None;
        self.bands_current = false;
        let waited = now - self.changed_at;
        if self.paused {
            return None;
        }
        if waited < SETTLE_S {
            return Some(SETTLE_S - waited);
        }
        let wanted = self.seen.clone()?;
        let total = monte_carlo::default_samples(&wanted.live).0
            + wanted
                .baseline
                .as_ref()
                .map_or(0, |b| monte_carlo::default_samples(b).0);
        let input = wanted.clone();
        self.bands_job = Some(Job::start(total, repaint, move |cancel, progress| {
            let live = monte_carlo::run(&input.live, cancel, progress)?;
            let baseline = match &input.baseline {
                Some(b) => Some(monte_carlo::run(b, cancel, progress)?),
                None => None,
            };
            Some((live, baseline))
        }));
        self.bands_for = Some(wanted);
        None
    }

    /// Bring the tornado up to date with `plan` and `mineral` (`None`: the
    /// average of all minerals). Called only while the tornado is on
    /// screen.
    pub fn update_tornado(
        &mut self,
        plan: Option<&Scenario>,
        mineral: Option<usize>,
        repaint: impl Fn() + Send + 'static,
    ) {
        if let Some(job) = &self.tornado_job
            && let Some(result) = job.poll()
        {
            self.tornado_job = None;
            if let Some(t) = result {
                self.tornado = Some(Arc::new(t));
            }
        }
        let Some(plan) = plan else {
            self.tornado_job = None;
            self.tornado = None;
            self.tornado_for = None;
            return;
        };
        if self
            .tornado_for
            .as_ref()
            .is_some_and(|(p, m)| *m == mineral && p == plan)
        {
            return;
        }
        if self.paused {
            return;
        }
        let input = plan.clone();
        self.tornado_job = Some(Job::start(0, repaint, move |cancel, _| {
            sensitivity::tornado(&input, mineral, cancel)
        }));
        self.tornado_for = Some((plan.clone(), mineral));
    }
}
