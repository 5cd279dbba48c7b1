//! A line per frame, for measuring the window's cost where it runs (a
//! virtual desktop without a GPU): with `STOCKPILE_PLANNER_FRAME_LOG=FILE`
//! set, each pass of the UI appends "pass number, the pass's index in its
//! frame (0 starts a drawn frame), seconds since the process started,
//! CPU-seconds of the process, seconds the frame's UI took to build, peak
//! resident memory in MB, and where the code that asked for the frame is
//! (egui's repaint causes, `file:line`), and the kinds of input events the
//! frame had" to FILE.
//! `.ci/measure-cpu` reads it. Off (and free) without the variable.

use std::io::Write;
use std::time::Instant;

/// The variable that names the log file.
pub const FRAME_LOG_VAR: &str = "STOCKPILE_PLANNER_FRAME_LOG";

pub struct FrameLog {
    file: Option<std::fs::File>,
    started: Instant,
    /// The process's age when `started` was taken (loading a file comes
    /// before the window).
    started_s: f64,
    frames: u64,
}

impl FrameLog {
    /// The log named by [`FRAME_LOG_VAR`], or none.
    pub fn from_env() -> Self {
        let file = std::env::var_os(FRAME_LOG_VAR).and_then(|path| {
            std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)
                .ok()
        });
        Self {
            file,
            started: Instant::now(),
            started_s: process_age_s().unwrap_or(0.0),
            frames: 0,
        }
    }

    /// Note a frame whose UI took `built_s` seconds to build: why the
    /// frame before asked for it (egui's repaint causes) and what came in
    /// (the kinds of this frame's input events, after a `|`).
    pub fn frame(&mut self, ctx: &egui::Context, built_s: f64) {
        let Some(file) = &mut self.file else {
            return;
        };
        let why: Vec<String> = ctx
            .repaint_causes()
            .iter()
            .map(|c| {
                let file = c.file.rsplit('/').next().unwrap_or(c.file);
                format!("{file}:{}", c.line)
            })
            .collect();
        let came_in: Vec<String> = ctx.input(|i| {
            i.raw
                .events
                .iter()
                .map(|e| {
                    let debug = format!("{e:?}");
                    let end = debug.find(|c: char| !c.is_alphanumeric());
                    debug[..end.unwrap_or(debug.len())].to_owned()
                })
                .collect()
        });
        self.frames += 1;
        let _ = writeln!(
            file,
            "{} {} {:.3} {:.2} {:.4} {:.0} {} | {}",
            self.frames,
            ctx.current_pass_index(),
            self.started_s + self.started.elapsed().as_secs_f64(),
            process_cpu_s().unwrap_or(f64::NAN),
            built_s,
            peak_memory_mb().unwrap_or(f64::NAN),
            why.join(","),
            came_in.join(",")
        );
    }
}

/// Seconds since this process started, to a hundredth (Linux).
fn process_age_s() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let rest = &stat[stat.rfind(')')? + 2..];
    let start_ticks: f64 = rest.split(' ').nth(19)?.parse().ok()?;
    let uptime: f64 = std::fs::read_to_string("/proc/uptime")
        .ok()?
        .split(' ')
        .next()?
        .parse()
        .ok()?;
    Some(uptime - start_ticks / 100.0)
}

/// The most resident memory this process has held, MB (`VmHWM`, Linux).
fn peak_memory_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// CPU-seconds (user + system) of this process so far, from
/// `/proc/self/stat` (Linux; `None` elsewhere).
fn process_cpu_s() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which may hold spaces) in brackets.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split(' ').collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    // USER_HZ is 100 on every Linux build.
    Some((utime + stime) / 100.0)
}
