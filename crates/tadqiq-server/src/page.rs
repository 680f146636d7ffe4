//! The proofreading page at `/`: plain HTML, CSS and JavaScript built into the binary. It loads
//! nothing from elsewhere (its Content-Security-Policy forbids it) and talks only to this
//! server: `POST /v2/check` for the findings, `POST /api/fix` for "fix all safe".

use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::http::HeaderName;
use axum::response::{IntoResponse, Response};

const INDEX: &str = include_str!("page/index.html");
const CSS: &str = include_str!("page/page.css");
const JS: &str = include_str!("page/page.js");

/// Only this origin, for everything: no font, script or request goes anywhere else.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; \
                   img-src 'self' data:; base-uri 'none'; form-action 'none'; \
                   frame-ancestors 'none'";

fn asset(content_type: &'static str, body: &'static str) -> Response {
    (
        [
            (CONTENT_TYPE, content_type),
            (CACHE_CONTROL, "no-cache"),
            (HeaderName::from_static("content-security-policy"), CSP),
            (HeaderName::from_static("x-content-type-options"), "nosniff"),
        ],
        body,
    )
        .into_response()
}

pub fn index() -> Response {
    asset("text/html; charset=utf-8", INDEX)
}

pub fn css() -> Response {
    asset("text/css; charset=utf-8", CSS)
}

pub fn js() -> Response {
    asset("text/javascript; charset=utf-8", JS)
}
