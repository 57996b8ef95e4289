//! Live reload over Server-Sent Events, and what serve mode adds to pages.
//!
//! Every HTML response in serve mode gets a small script that listens on
//! [`EVENTS_PATH`] and reloads the page (or only its stylesheets) after a
//! rebuild; while the last rebuild failed, the response also carries an
//! overlay with the error. Nothing of this is ever written to a build's
//! output: it is added to the response as it is served.

use std::convert::Infallible;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::State;
use axum::http::Uri;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::stream::{self, Stream, StreamExt};
use tokio::sync::mpsc::{self, UnboundedReceiver, UnboundedSender};

use super::Shared;

/// The path browsers listen on for reload events.
pub(crate) const EVENTS_PATH: &str = "/__broadsheet/events";

/// What a rebuild asks open pages to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reload {
    /// Reload the page.
    Page,
    /// Only stylesheets changed: reload them in place.
    Css,
}

/// An open page: where to send its events, and its address (empty when the
/// page did not say).
type Client = (UnboundedSender<Reload>, String);

/// The open event streams.
#[derive(Debug, Default)]
pub(crate) struct Hub {
    clients: Mutex<Vec<Client>>,
}

impl Hub {
    /// Tells every open page to reload; forgets pages that went away.
    pub(crate) fn broadcast(&self, reload: Reload) {
        self.broadcast_to(reload, |_| true);
    }

    /// Tells the open pages whose address `wants` (and those whose address
    /// is unknown) to reload; forgets pages that went away.
    pub(crate) fn broadcast_to(&self, reload: Reload, wants: impl Fn(&str) -> bool) {
        self.lock().retain(|(client, page)| {
            if page.is_empty() || wants(page) {
                client.send(reload).is_ok()
            } else {
                true
            }
        });
    }

    /// Registers a new page at address `page`.
    fn subscribe(&self, page: &str) -> UnboundedReceiver<Reload> {
        let (tx, rx) = mpsc::unbounded_channel();
        self.lock().push((tx, page.to_owned()));
        rx
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Client>> {
        self.clients.lock().expect("no panics while locked")
    }
}

/// `GET /__broadsheet/events/<page's path>`: the page's own event stream,
/// open until the page goes away. A comment every 15 s keeps idle
/// connections open and finds closed ones.
pub(crate) async fn events(
    State(shared): State<Arc<Shared>>,
    uri: Uri,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let page = uri.path().strip_prefix(EVENTS_PATH).unwrap_or_default();
    let rx = shared.hub.subscribe(page);
    let first = stream::once(async { Ok(Event::default().retry(Duration::from_millis(500))) });
    let reloads = stream::unfold(rx, |mut rx| async move {
        let event = match rx.recv().await? {
            Reload::Page => Event::default().event("reload").data("page"),
            Reload::Css => Event::default().event("css").data("css"),
        };
        Some((Ok(event), rx))
    });
    Sse::new(first.chain(reloads)).keep_alive(
        KeepAlive::new()
            .interval(Duration::from_secs(15))
            .text("ping"),
    )
}

const SCRIPT: &str = r#"<script>(()=>{const s=new EventSource("/__broadsheet/events"+location.pathname);s.addEventListener("reload",()=>location.reload());s.addEventListener("css",()=>{for(const l of document.querySelectorAll('link[rel=stylesheet]')){const u=new URL(l.href);u.searchParams.set("reload",Date.now());l.href=u.href}});})();</script>"#;

/// Adds the reload script, and the error overlay when `error` is set, to an HTML page.
pub(crate) fn inject(html: &[u8], error: Option<&str>) -> Vec<u8> {
    let mut extra = String::from(SCRIPT);
    if let Some(error) = error {
        extra.push_str(r#"<div id="broadsheet-error" role="alert" style="position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;margin:0;padding:1rem 1.25rem;background:#2b0f0f;color:#ffe9e9;font:14px/1.5 ui-monospace,monospace;border-top:4px solid #e5484d;white-space:pre-wrap"><strong>The last rebuild failed; this is the last good version of the page.</strong>"#);
        extra.push('\n');
        extra.push_str(&escape(error));
        extra.push_str("</div>");
    }
    let text = String::from_utf8_lossy(html);
    let at = text.rfind("</body>").unwrap_or(text.len());
    let mut out = String::with_capacity(text.len() + extra.len());
    out.push_str(&text[..at]);
    out.push_str(&extra);
    out.push_str(&text[at..]);
    out.into_bytes()
}

/// A page of its own for `error`, when no version of the site exists to
/// show it over; it reloads once a build succeeds.
pub(crate) fn error_page(error: &str) -> Vec<u8> {
    let page = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>The site does not build</title></head><body><div id=\"broadsheet-error\" role=\"alert\" style=\"font:14px/1.5 ui-monospace,monospace;white-space:pre-wrap\"><strong>The site does not build yet: fix these problems and save.</strong>\n{}</div></body></html>",
        escape(error)
    );
    inject(page.as_bytes(), None)
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_goes_before_the_body_ends_and_errors_are_escaped() {
        let page = b"<html><body><p>x</p></body></html>";
        let out = String::from_utf8(inject(page, None)).unwrap();
        assert!(out.contains(EVENTS_PATH));
        assert!(out.ends_with("</script></body></html>"));
        let out = String::from_utf8(inject(page, Some("error: <b>bad</b>"))).unwrap();
        assert!(out.contains("broadsheet-error") && out.contains("error: &lt;b&gt;bad&lt;/b&gt;"));
    }

    #[test]
    fn the_error_page_shows_the_problems_and_reloads() {
        let page = String::from_utf8(error_page("a.md:2: <bad>")).unwrap();
        let doc = scraper::Html::parse_document(&page);
        let alert = scraper::Selector::parse("#broadsheet-error").unwrap();
        let text: String = doc.select(&alert).flat_map(|e| e.text()).collect();
        assert!(text.contains("a.md:2: <bad>"), "{text}");
        assert!(page.contains(EVENTS_PATH));
    }

    #[test]
    fn broadcast_reaches_subscribers_and_forgets_closed_ones() {
        let hub = Hub::default();
        let mut a = hub.subscribe("/a/");
        drop(hub.subscribe("/b/"));
        hub.broadcast(Reload::Css);
        assert_eq!(a.try_recv(), Ok(Reload::Css));
        assert_eq!(hub.lock().len(), 1);
    }

    #[test]
    fn pages_hear_only_of_their_own_changes() {
        let hub = Hub::default();
        let mut article = hub.subscribe("/articles/a/");
        let mut home = hub.subscribe("/");
        let mut unknown = hub.subscribe("");
        hub.broadcast_to(Reload::Page, |page| page == "/articles/a/");
        assert_eq!(article.try_recv(), Ok(Reload::Page));
        assert!(home.try_recv().is_err());
        assert_eq!(
            unknown.try_recv(),
            Ok(Reload::Page),
            "a page that did not say"
        );
        assert_eq!(hub.lock().len(), 3);
    }
}
