//! `serve`: build the site into a temporary folder, serve it on
//! 127.0.0.1, watch the sources and rebuild what a change touches.
//!
//! The preview never touches `public/`. Rebuilds run the stages of
//! `build` through an [`IncrementalCache`], so a saved article re-renders
//! only the pages that show it. A failed rebuild keeps serving the last
//! good site and shows the error over every page until it is fixed.

mod cache;
mod desk;
mod files;
mod http;
mod range;
mod reload;
mod site;
mod watch;

pub use cache::IncrementalCache;
pub use watch::Changes;

use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use self::watch::{ChangeKind, classify};
use crate::build::{BuildOptions, BuildSummary};
use crate::config::BaseUrl;
use crate::error::{Error, Result};
use crate::report;

use self::reload::{Hub, Reload};

/// How to serve.
#[derive(Debug, Clone)]
pub(crate) struct ServeOptions {
    /// The address to listen on (127.0.0.1 unless told otherwise).
    pub interface: IpAddr,
    /// The port; 0 picks a free one.
    pub port: u16,
    /// Include drafts.
    pub drafts: bool,
    /// Include future-dated articles.
    pub future: bool,
    /// Open the site in a browser once it is built.
    pub open: bool,
    /// Print the duration of each stage of every rebuild.
    pub timings: bool,
    /// Print only errors and warnings.
    pub quiet: bool,
    /// Whether to serve the desk at `/_desk/`.
    pub desk: DeskChoice,
}

/// Whether `serve` has a desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum DeskChoice {
    /// On a loopback interface only.
    #[default]
    Loopback,
    /// On any interface (`--desk`), with a warning off loopback.
    On,
    /// Never (`--no-desk`).
    Off,
}

/// What the server threads share.
struct Shared {
    out_dir: PathBuf,
    error: Mutex<Option<String>>,
    /// Whether some build succeeded, so that a version of the site is served.
    built: std::sync::atomic::AtomicBool,
    hub: Hub,
}

impl Shared {
    fn set_error(&self, error: Option<String>) {
        *self.error.lock().expect("no panics while locked") = error;
    }

    fn error(&self) -> Option<String> {
        self.error.lock().expect("no panics while locked").clone()
    }

    /// Reloads the open pages that show one of the `written` files (relative
    /// to the output folder), and those whose file no longer exists.
    fn reload_pages(&self, written: &[String]) {
        let Ok(root) = self.out_dir.canonicalize() else {
            return self.hub.broadcast(Reload::Page);
        };
        let written: std::collections::HashSet<PathBuf> =
            written.iter().map(|w| root.join(w)).collect();
        self.hub.broadcast_to(Reload::Page, |page| {
            files::resolve(&self.out_dir, page).is_none_or(|file| written.contains(&file))
        });
    }
}

/// Serves the site at `root` until the process is interrupted.
pub(crate) fn serve(root: &Path, options: &ServeOptions) -> Result<()> {
    // File events name absolute paths: a relative root (`--root .`) would
    // match none of them.
    let root = &root
        .canonicalize()
        .map_err(|e| Error::io("failed to read", root, e))?;
    let listener = TcpListener::bind(SocketAddr::new(options.interface, options.port))
        .map_err(|e| Error::Invalid(format!("cannot listen on {}:{}: {e}\n  help: pick another port with `--port`, or `--port 0` for any free one", options.interface, options.port)))?;
    let addr = listener
        .local_addr()
        .map_err(|e| Error::io("failed to read", ".", e))?;
    let url = format!("http://{addr}/");
    let desk = desk_for(root, addr, options.desk)?;
    let temp = tempfile::Builder::new()
        .prefix("broadsheet-serve-")
        .tempdir()
        .map_err(|e| Error::io("failed to create", std::env::temp_dir(), e))?;
    let temp_path = temp.path().to_path_buf();
    // Ctrl-C ends the process: remove the preview on the way out.
    let _ = ctrlc::set_handler(move || {
        let _ = crate::fs::remove_dir_all(&temp_path);
        std::process::exit(0);
    });
    let shared = Arc::new(Shared {
        out_dir: temp.path().join("site"),
        error: Mutex::new(None),
        built: std::sync::atomic::AtomicBool::new(false),
        hub: Hub::default(),
    });
    let build_options = BuildOptions {
        drafts: options.drafts,
        future: options.future,
        now: None,
        output_dir: Some(shared.out_dir.clone()),
        base_url: Some(BaseUrl::parse(&url).map_err(Error::Invalid)?),
        progress: !options.quiet,
        force: false,
        follow_links: false,
    };
    let mut cache = IncrementalCache::new(root, build_options);
    // Watching starts before the first build: a save during it, or right
    // after the first page is served, is not lost.
    let events = watch::start(root)?;
    let started = Instant::now();
    let first = cache.build(&Changes::All);
    report_build(&shared, &first, started, options);
    refresh_desk(desk.as_deref(), &cache);
    http::spawn(listener, router(&shared, desk.as_ref()))?;
    report::status(options.quiet, &format!("Serving {url} (Ctrl-C to stop)"));
    if desk.is_some() {
        report::status(
            options.quiet,
            &format!("The desk: {url}{}", &desk::PATH[1..]),
        );
    }
    if options.open {
        open_browser(&url);
    }
    while let Some(paths) = events.next_batch() {
        let started = Instant::now();
        let kinds: Vec<ChangeKind> = paths.iter().filter_map(|p| classify(root, p)).collect();
        if kinds.is_empty() {
            continue;
        }
        let changes = Changes::Paths(paths);
        // Edited articles first: their own pages are served before the rest
        // of the site (listings, feeds, related stories, search) catches up.
        if let Ok(Some(pages)) = cache.preview(&changes)
            && !pages.is_empty()
        {
            shared.reload_pages(&pages);
            let ms = started.elapsed().as_secs_f64() * 1000.0;
            let pages: Vec<&str> = pages
                .iter()
                .map(|p| p.strip_suffix("index.html").unwrap_or(p))
                .collect();
            report::status(
                options.quiet,
                &format!("Updated {} in {ms:.0} ms", pages.join(", ")),
            );
        }
        let failed_before = shared.error().is_some();
        let result = cache.build(&changes);
        report_build(&shared, &result, started, options);
        refresh_desk(desk.as_deref(), &cache);
        match &result {
            // The error overlay comes and goes on every page.
            Err(_) => shared.hub.broadcast(Reload::Page),
            Ok(_) if failed_before => shared.hub.broadcast(Reload::Page),
            Ok(s) if s.output.written + s.output.removed == 0 => {}
            Ok(s) if kinds.iter().all(|k| *k == ChangeKind::Static) && s.rendered.is_empty() => {
                shared.hub.broadcast(Reload::Css);
            }
            Ok(s) => shared.reload_pages(&s.written),
        }
    }
    drop(temp);
    Ok(())
}

fn report_build(
    shared: &Shared,
    result: &Result<BuildSummary>,
    started: Instant,
    options: &ServeOptions,
) {
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    match result {
        Ok(summary) => {
            shared.set_error(None);
            shared
                .built
                .store(true, std::sync::atomic::Ordering::Relaxed);
            report::diagnostics(&summary.warnings);
            if options.timings {
                report::timings(summary.timings.stages());
            }
            report::status(
                options.quiet,
                &format!(
                    "Built {} articles: {} pages rendered, {} files written, {} removed, in {ms:.0} ms",
                    summary.articles,
                    summary.rendered.len(),
                    summary.output.written,
                    summary.output.removed
                ),
            );
        }
        Err(err) => {
            let text = match err {
                Error::Site(diagnostics) => diagnostics.to_string(),
                other => format!("error: {other}"),
            };
            // Problems are printed even when quiet.
            report::status(false, text.trim_end());
            let built = shared.built.load(std::sync::atomic::Ordering::Relaxed);
            report::status(
                false,
                if built {
                    "The last good version of the site is still served."
                } else {
                    "Nothing is served until the site builds: every page shows the problems."
                },
            );
            shared.set_error(Some(text));
        }
    }
}

/// The desk `choice` asks for at `addr`, or none.
fn desk_for(root: &Path, addr: SocketAddr, choice: DeskChoice) -> Result<Option<Arc<desk::Desk>>> {
    let loopback = addr.ip().is_loopback();
    match choice {
        DeskChoice::Off => return Ok(None),
        DeskChoice::Loopback if !loopback => {
            report::status(
                false,
                &format!(
                    "The desk is off: {} is not a loopback interface (`--desk` turns it on).",
                    addr.ip()
                ),
            );
            return Ok(None);
        }
        DeskChoice::On if !loopback => report::status(
            false,
            &format!(
                "warning: the desk is on at {addr}: anyone who can reach it and load the desk page can change content/. Use it on trusted networks only."
            ),
        ),
        _ => {}
    }
    desk::Desk::new(root, addr)
        .map(|d| Some(Arc::new(d)))
        .map_err(Error::Invalid)
}

/// Shows the desk the model of the last successful build.
fn refresh_desk(desk: Option<&desk::Desk>, cache: &IncrementalCache) {
    if let (Some(desk), Some((site, config))) = (desk, cache.last_site()) {
        desk.refresh(site, config);
    }
}

/// Every route of the preview: event streams, the desk, then the site's files.
fn router(shared: &Arc<Shared>, desk: Option<&Arc<desk::Desk>>) -> axum::Router {
    use axum::routing::get;
    let events = format!("{}/{{*page}}", reload::EVENTS_PATH);
    let mut router = axum::Router::new();
    if let Some(desk) = desk {
        router = router.merge(desk.router());
    }
    router
        .route(reload::EVENTS_PATH, get(reload::events))
        .route(&events, get(reload::events))
        .fallback(site::handler)
        .with_state(Arc::clone(shared))
}

fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(opener).arg(url).spawn().is_err() {
        report::status(
            false,
            &format!("Could not start a browser; open {url} yourself."),
        );
    }
}
