//! The preview's HTTP server: hyper's HTTP/1.1 connections under an axum
//! router, on a small tokio runtime of its own.
//!
//! Limits, so that a careless client (or a hostile page's many requests)
//! cannot exhaust the process: at most [`MAX_CONNECTIONS`] connections at
//! once, each closed if its request head does not arrive within
//! [`HEAD_TIMEOUT`]; request lines over [`MAX_URI_BYTES`] get 414, heads
//! over [`MAX_HEADER_BYTES`] get 431, bodies over [`MAX_BODY_BYTES`] get 413.
//! A failed `accept` (out of file descriptors, say) waits a moment instead
//! of retrying at once, so the server neither spins nor stops answering.

use std::net::TcpListener;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::sync::Semaphore;

use crate::error::{Error, Result};

/// Connections served at once; more wait in the listen queue. Well below the
/// usual 1,024 file descriptors, which the build needs some of too.
pub(crate) const MAX_CONNECTIONS: usize = 512;
/// How long a connection may take to send its request head.
pub(crate) const HEAD_TIMEOUT: Duration = Duration::from_secs(5);
/// The longest request target (path and query).
pub(crate) const MAX_URI_BYTES: usize = 8 * 1024;
/// The most header bytes a request may carry.
pub(crate) const MAX_HEADER_BYTES: usize = 16 * 1024;
/// hyper's read buffer: a longer head than this is refused by hyper itself
/// (431) before the limits above can answer.
const READ_BUFFER_BYTES: usize = 64 * 1024;
/// The largest request body (the desk's JSON saves).
pub(crate) const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;
/// How long to wait after a failed `accept` before the next one.
const ACCEPT_BACKOFF: Duration = Duration::from_millis(100);

/// Serves `app` on `listener` from a background thread, until the process ends.
pub(crate) fn spawn(listener: TcpListener, app: Router) -> Result<()> {
    listener
        .set_nonblocking(true)
        .map_err(|e| Error::io("failed to configure", "the listening socket", e))?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::Invalid(format!("cannot start the HTTP server: {e}")))?;
    let app = app
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(middleware::from_fn(limit_head));
    std::thread::spawn(move || {
        runtime.block_on(async move {
            match tokio::net::TcpListener::from_std(listener) {
                Ok(listener) => accept(listener, app).await,
                Err(e) => crate::report::status(false, &format!("error: cannot serve: {e}")),
            }
        });
    });
    Ok(())
}

async fn accept(listener: tokio::net::TcpListener, app: Router) {
    let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    loop {
        let Ok(slot) = Arc::clone(&slots).acquire_owned().await else {
            return;
        };
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            // EMFILE, ENFILE, ECONNABORTED…: nothing to do but try again later.
            Err(_) => {
                tokio::time::sleep(ACCEPT_BACKOFF).await;
                continue;
            }
        };
        let service = TowerToHyperService::new(app.clone());
        tokio::spawn(async move {
            let connection = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEAD_TIMEOUT)
                .max_buf_size(READ_BUFFER_BYTES)
                // One request per connection, as browsers handle fine: idle
                // keep-alive connections would hold descriptors for nothing.
                .keep_alive(false)
                .title_case_headers(true)
                .serve_connection(TokioIo::new(stream), service);
            // A client that went away is nothing to report.
            let _ = connection.await;
            drop(slot);
        });
    }
}

/// Answers 414 and 431 for request heads that are too long but still fit
/// hyper's read buffer.
async fn limit_head(request: Request, next: Next) -> Response {
    let uri = request
        .uri()
        .path_and_query()
        .map_or(0, |p| p.as_str().len());
    if uri > MAX_URI_BYTES {
        return (StatusCode::URI_TOO_LONG, "request target too long\n").into_response();
    }
    let headers: usize = request
        .headers()
        .iter()
        .map(|(name, value)| name.as_str().len() + value.len() + 4)
        .sum();
    if headers > MAX_HEADER_BYTES {
        return (
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            "request headers too large\n",
        )
            .into_response();
    }
    next.run(request).await
}
