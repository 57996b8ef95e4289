//! The desk: curating editions in the browser while previewing, at
//! [`PATH`] on the preview server. Nothing of it is ever written into a
//! build's output: its page, styles and script are in the binary, and its
//! API reads the serve session's model and writes inside `content/` only.
//!
//! See `docs/desk.md` for what it does and how it is secured.

mod api;
mod edit;
mod guard;
mod model;
mod paths;

use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;

use self::guard::Guard;
use self::model::{SimhashCache, Snapshot};
use crate::config::Config;
use crate::model::Site;

/// Where the desk is served.
pub(crate) const PATH: &str = "/_desk/";

const PAGE: &str = include_str!("assets/index.html");
const STYLE: &str = include_str!("assets/desk.css");
const SCRIPT: &str = include_str!("assets/desk.js");

/// The desk of one serve session.
pub(crate) struct Desk {
    /// The site's root folder.
    root: PathBuf,
    guard: Guard,
    snapshot: RwLock<Arc<Snapshot>>,
    cache: Mutex<SimhashCache>,
    /// Held while a save checks and writes its file.
    saving: Mutex<()>,
}

impl Desk {
    /// A desk for the site at `root`, served at `addr`, with a new session token.
    ///
    /// Creates `content/editions/` if it is missing: a folder made after the
    /// watcher started may be watched too late to see the first edition
    /// saved into it.
    pub(crate) fn new(root: &std::path::Path, addr: std::net::SocketAddr) -> Result<Desk, String> {
        let editions = root.join(api::EDITIONS_DIR);
        if root.join(crate::source::CONTENT_DIR).is_dir() && !editions.exists() {
            crate::fs::create_dir_all(&editions).map_err(|e| e.to_string())?;
        }
        Ok(Desk {
            root: root.to_path_buf(),
            guard: Guard::new(addr, guard::new_token()?),
            snapshot: RwLock::default(),
            cache: Mutex::default(),
            saving: Mutex::new(()),
        })
    }

    /// Takes a new snapshot of the model after a successful build.
    pub(crate) fn refresh(&self, site: &Site, config: &Config) {
        let mut cache = self
            .cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let snapshot = Arc::new(Snapshot::of(site, config, &mut cache));
        *self
            .snapshot
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = snapshot;
    }

    fn snapshot(&self) -> Arc<Snapshot> {
        Arc::clone(
            &self
                .snapshot
                .read()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        )
    }

    /// The desk's routes, each behind the [`Guard`].
    pub(crate) fn router<S: Clone + Send + Sync + 'static>(self: &Arc<Self>) -> Router<S> {
        Router::new()
            .route(PATH, get(page))
            .route(
                "/_desk/desk.css",
                get(|| asset("text/css; charset=utf-8", STYLE)),
            )
            .route(
                "/_desk/desk.js",
                get(|| asset("text/javascript; charset=utf-8", SCRIPT)),
            )
            .route("/_desk/api/stories", get(api::stories))
            .route(
                "/_desk/api/stories/{slug}",
                get(api::story).put(api::save_story),
            )
            .route(
                "/_desk/api/editions/{date}",
                get(api::edition).put(api::save_edition),
            )
            .route("/_desk", get(|| async { Redirect::permanent(PATH) }))
            .route_layer(middleware::from_fn_with_state(Arc::clone(self), check))
            .with_state(Arc::clone(self))
    }
}

/// Refuses what the guard refuses, with 403 and the reason.
async fn check(State(desk): State<Arc<Desk>>, request: Request, next: Next) -> Response {
    match desk.guard.check(request.method(), request.headers()) {
        Ok(()) => next.run(request).await,
        Err(why) => api::error(StatusCode::FORBIDDEN, why),
    }
}

/// The desk page, with the session token for the script.
async fn page(State(desk): State<Arc<Desk>>) -> Response {
    let html = PAGE.replace("{{TOKEN}}", desk.guard.token());
    let mut response = asset("text/html; charset=utf-8", &html).await;
    // The page may not be framed by another site (clickjacking).
    response.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
        ),
    );
    response
}

async fn asset(content_type: &'static str, body: &str) -> Response {
    let mut response = body.to_owned().into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert("referrer-policy", HeaderValue::from_static("no-referrer"));
    response
}
