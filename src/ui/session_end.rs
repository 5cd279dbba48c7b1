//! The desktop or a terminal asks the program to end: SIGTERM (logout,
//! `kill`, a virtual desktop's session timing out), SIGHUP (the terminal
//! went) or Ctrl+C. The window copies its unsaved work for recovery and
//! closes without asking, so the next start offers it back; preferences are
//! kept as on any close. A second signal while that runs ends at once.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// Whether an end was asked for, shared with the thread that hears signals.
#[derive(Clone, Default)]
pub struct EndRequest(Arc<AtomicBool>);

impl EndRequest {
    /// An end was asked for since the window started.
    pub fn requested(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }

    /// Ask for the end, as a signal does (also for tests).
    pub fn request(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    /// Listen for SIGTERM, SIGHUP and SIGINT and wake the window on each.
    /// Where signals cannot be caught the defaults stay (the program ends,
    /// and the last recovery copy is what a restart offers).
    #[cfg(unix)]
    pub fn listen(ctx: &egui::Context) -> Self {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let end = Self::default();
        let signals = [SIGTERM, SIGHUP, SIGINT];
        for signal in signals {
            // Registered first, so it sees the flag as the earlier signal
            // left it: a second signal ends the program with no more ado.
            let _ = signal_hook::flag::register_conditional_shutdown(signal, 1, end.0.clone());
        }
        if let Ok(mut heard) = signal_hook::iterator::Signals::new(signals) {
            let (end, ctx) = (end.clone(), ctx.clone());
            let _ = std::thread::Builder::new()
                .name("session end".into())
                .spawn(move || {
                    for _ in heard.forever() {
                        end.request();
                        ctx.request_repaint();
                    }
                });
        }
        end
    }

    #[cfg(not(unix))]
    pub fn listen(_ctx: &egui::Context) -> Self {
        Self::default()
    }
}
