//! Serving the preview folder: files, the site's 404 page, byte ranges, and
//! the reload script and error overlay added to every HTML page.
//!
//! Ours rather than tower-http's `ServeDir`: every HTML page is changed as
//! it is served, and a missing path gets the site's own 404 page (whole,
//! even when a range was asked for).

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::{Shared, files, range, reload};

/// The fallback route: any path that is not the desk or an event stream.
pub(crate) async fn handler(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    if request.method() != Method::GET && request.method() != Method::HEAD {
        return (StatusCode::METHOD_NOT_ALLOWED, "only GET and HEAD\n").into_response();
    }
    let path = request.uri().path().to_owned();
    let range = request
        .headers()
        .get(header::RANGE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    // File reads block: off the server's thread.
    tokio::task::spawn_blocking(move || respond(&shared, &path, range.as_deref()))
        .await
        .unwrap_or_else(|_| (StatusCode::INTERNAL_SERVER_ERROR, "internal error\n").into_response())
}

fn respond(shared: &Shared, path: &str, range: Option<&str>) -> Response {
    let (status, file) = match files::resolve(&shared.out_dir, path) {
        Some(file) => (StatusCode::OK, file),
        None => match files::resolve(&shared.out_dir, "/404.html") {
            Some(page) => (StatusCode::NOT_FOUND, page),
            None => return not_built(shared),
        },
    };
    let Ok(mut body) = crate::fs::read(&file) else {
        return (StatusCode::NOT_FOUND, "not found\n").into_response();
    };
    let content_type = files::mime_type(&file);
    if content_type.starts_with("text/html") {
        body = reload::inject(&body, shared.error().as_deref());
    }
    let mut status = status;
    let mut content_range = None;
    // Only a found file has ranges: a missing one is a 404, whole.
    if let (StatusCode::OK, Some(range)) = (status, range) {
        let len = body.len();
        match range::parse(range, len) {
            Some((start, end)) => {
                status = StatusCode::PARTIAL_CONTENT;
                content_range = Some(format!("bytes {start}-{end}/{len}"));
                body = body[start..=end].to_vec();
            }
            None => {
                let mut r =
                    (StatusCode::RANGE_NOT_SATISFIABLE, "range not satisfiable\n").into_response();
                insert(&mut r, header::CONTENT_RANGE, &format!("bytes */{len}"));
                return r;
            }
        }
    }
    let mut response = (status, Body::from(body)).into_response();
    insert(&mut response, header::CONTENT_TYPE, content_type);
    insert(&mut response, header::CACHE_CONTROL, "no-store");
    insert(&mut response, header::ACCEPT_RANGES, "bytes");
    if let Some(value) = content_range {
        insert(&mut response, header::CONTENT_RANGE, &value);
    }
    response
}

/// The answer when the site has no page to serve: the problems of a site
/// that never built (with the overlay and its reload script), or a bare
/// `not found`.
fn not_built(shared: &Shared) -> Response {
    match shared.error() {
        Some(error) => {
            let mut response = (
                StatusCode::SERVICE_UNAVAILABLE,
                Body::from(reload::error_page(&error)),
            )
                .into_response();
            insert(
                &mut response,
                header::CONTENT_TYPE,
                "text/html; charset=utf-8",
            );
            insert(&mut response, header::CACHE_CONTROL, "no-store");
            response
        }
        None => (StatusCode::NOT_FOUND, "not found\n").into_response(),
    }
}

fn insert(response: &mut Response, name: header::HeaderName, value: &str) {
    if let Ok(value) = HeaderValue::from_str(value) {
        response.headers_mut().insert(name, value);
    }
}
