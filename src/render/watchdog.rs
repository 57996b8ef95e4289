//! A time limit per page render.
//!
//! Tera 2 limits only how deep components may call themselves (20 levels);
//! a template with a huge nested loop, or a component calling itself twice
//! per level, renders for hours. It offers no step counter or cancellation,
//! and a thread cannot be stopped from outside. So every render registers
//! here, and a watchdog thread checks them: when one runs longer than
//! `[build] render_timeout_secs`, the handler the program installed
//! ([`on_timeout`]) is called with the template and the page. The command
//! line's handler removes the staging folder, reports the template and ends
//! the process: the stuck thread is abandoned, never joined. Without a
//! handler (library use), nothing is stopped.

use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

/// A render that took too long.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TimedOut {
    /// The template being rendered (`article.html`).
    pub template: String,
    /// The file of the site shown for the template (`templates/article.html (built-in)`).
    pub file: String,
    /// The page it was rendering.
    pub page: String,
    /// The limit it went past.
    pub limit: Duration,
}

struct Running {
    id: u64,
    started: Instant,
    limit: Duration,
    template: String,
    file: String,
    page: String,
}

static RUNNING: Mutex<Vec<Running>> = Mutex::new(Vec::new());
static HANDLER: OnceLock<fn(&TimedOut)> = OnceLock::new();
static WATCHER: OnceLock<()> = OnceLock::new();
static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

fn running() -> std::sync::MutexGuard<'static, Vec<Running>> {
    RUNNING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Installs what happens when a render runs past its limit (once per process).
pub(crate) fn on_timeout(handler: fn(&TimedOut)) {
    let _ = HANDLER.set(handler);
}

/// While the returned guard lives, the render of `template` (from the
/// site's file `file()`) for `page` is watched.
pub(crate) fn watch(
    template: &str,
    file: impl FnOnce() -> String,
    page: &str,
    limit: Duration,
) -> Guard {
    if HANDLER.get().is_none() {
        return Guard(None);
    }
    WATCHER.get_or_init(|| {
        std::thread::spawn(check_forever);
    });
    let id = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    running().push(Running {
        id,
        started: Instant::now(),
        limit,
        template: template.to_owned(),
        file: file(),
        page: page.to_owned(),
    });
    Guard(Some(id))
}

/// Ends the watch of one render when dropped.
pub(crate) struct Guard(Option<u64>);

impl Drop for Guard {
    fn drop(&mut self) {
        if let Some(id) = self.0 {
            running().retain(|r| r.id != id);
        }
    }
}

fn check_forever() {
    loop {
        std::thread::sleep(Duration::from_millis(100));
        let late = running()
            .iter()
            .find(|r| r.started.elapsed() > r.limit)
            .map(|r| TimedOut {
                template: r.template.clone(),
                file: r.file.clone(),
                page: r.page.clone(),
                limit: r.limit,
            });
        if let (Some(late), Some(handler)) = (late, HANDLER.get()) {
            handler(&late);
        }
    }
}
