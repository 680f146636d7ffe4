//! The HTTP server: routes, limits and the connection loop.
//!
//! - Connections are served by hyper (HTTP/1.1, keep-alive) on tokio; routes are an axum
//!   [`Router`]. A client that does not send its request headers within the timeout is
//!   disconnected by hyper; one that does not send its body within the timeout gets 408. Both
//!   only ever wait on a socket: no thread is held by a slow or vanished client.
//! - At most `max_connections` connections are open at once; past that, new ones wait in the
//!   kernel's queue until one closes.
//! - Linting runs on tokio's blocking threads, at most one job per core at a time (the others
//!   wait their turn without holding a thread). A panic while linting becomes a 500 for that
//!   request; the server goes on serving (the linter's caches survive a panic).
//! - Bodies over `max_body` bytes get 413, before they are read when they say their length.

use std::any::Any;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::header::{CACHE_CONTROL, CONTENT_LENGTH, CONTENT_TYPE};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use http_body_util::{BodyExt, LengthLimitError, Limited};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use serde_json::{json, Value};
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::cors::{AllowOrigin, Any as AnyOrigin, CorsLayer};

use crate::engine::Checker;
use crate::lt::{self, ApiError};
use crate::{form, page};

/// How the server treats its clients.
#[derive(Clone, Debug)]
pub struct Limits {
    /// Largest request body accepted, in bytes.
    pub max_body: usize,
    /// Time a client has to send a request's headers, and then its body.
    pub timeout: Duration,
    /// Connections open at once.
    pub max_connections: usize,
    /// Linting jobs at once (the others wait their turn).
    pub jobs: usize,
    /// `Access-Control-Allow-Origin` for pages of other origins (`*` for any); `None`: only the
    /// server's own page may call it from a browser.
    pub allow_origin: Option<String>,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_body: 1_000_000,
            timeout: Duration::from_secs(10),
            max_connections: 512,
            jobs: std::thread::available_parallelism().map_or(2, |n| n.get()),
            allow_origin: None,
        }
    }
}

struct AppState {
    checker: Arc<dyn Checker>,
    limits: Limits,
    jobs: Arc<Semaphore>,
}

type Shared = Arc<AppState>;

/// The routes, with their limits.
pub fn router(checker: Arc<dyn Checker>, limits: Limits) -> Result<Router, String> {
    let cors = match limits.allow_origin.as_deref() {
        None => None,
        Some("*") => Some(AllowOrigin::from(AnyOrigin)),
        Some(o) => Some(AllowOrigin::exact(
            HeaderValue::from_str(o)
                .map_err(|_| format!("--allow-origin {o:?}: not a header value"))?,
        )),
    };
    let state = Arc::new(AppState {
        checker,
        jobs: Arc::new(Semaphore::new(limits.jobs.max(1))),
        limits,
    });
    let mut app = Router::new()
        .route("/", get(|| async { page::index() }))
        .route("/page.css", get(|| async { page::css() }))
        .route("/page.js", get(|| async { page::js() }))
        .route("/v2/check", get(check_query).post(check_form))
        .route(
            "/v2/languages",
            get(|| async { json_response(&lt::languages()) }),
        )
        .route("/v2/healthcheck", get(|| async { "OK" }))
        .route("/api/fix", post(fix_form))
        .fallback(|uri: Uri| async move {
            error_response(ApiError {
                status: 404,
                message: format!("no such endpoint: {}", uri.path()),
            })
        })
        .with_state(state)
        .layer(CatchPanicLayer::custom(panic_response));
    if let Some(origin) = cors {
        app = app.layer(
            CorsLayer::new()
                .allow_origin(origin)
                .allow_methods([Method::GET, Method::POST])
                .allow_headers([CONTENT_TYPE]),
        );
    }
    Ok(app)
}

/// Serve `app` on `listener` until `shutdown` completes; then stop accepting, and give the
/// requests in flight a few seconds to finish.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: &Limits,
    shutdown: impl Future<Output = ()>,
) {
    let graceful = GracefulShutdown::new();
    let slots = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let timeout = limits.timeout;
    tokio::pin!(shutdown);
    loop {
        let slot = tokio::select! {
            s = slots.clone().acquire_owned() => s.expect("the semaphore is never closed"),
            () = &mut shutdown => break,
        };
        let stream = tokio::select! {
            r = listener.accept() => match r {
                Ok((stream, _)) => stream,
                Err(e) => {
                    // Out of file descriptors and the like: wait a little rather than spin.
                    eprintln!("tadqiq serve: accept: {e}");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let service = TowerToHyperService::new(app.clone());
        let conn = hyper::server::conn::http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(timeout)
            .keep_alive(true)
            .serve_connection(TokioIo::new(stream), service);
        let conn = graceful.watch(conn);
        tokio::spawn(async move {
            // Errors here are the client's (it went away, sent garbage, or was too slow).
            let _ = conn.await;
            drop(slot);
        });
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(Duration::from_secs(5)) => {}
    }
}

/// A plain-text error in LanguageTool's form: `Error: message`.
pub fn error_response(e: ApiError) -> Response {
    let status = StatusCode::from_u16(e.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (
        status,
        [(CONTENT_TYPE, "text/plain; charset=utf-8")],
        format!("Error: {}\n", e.message),
    )
        .into_response()
}

fn json_response(v: &Value) -> Response {
    match serde_json::to_vec(v) {
        Ok(body) => (
            [
                (CONTENT_TYPE, "application/json; charset=utf-8"),
                (CACHE_CONTROL, "no-store"),
            ],
            body,
        )
            .into_response(),
        Err(e) => error_response(ApiError {
            status: 500,
            message: format!("could not write the answer: {e}"),
        }),
    }
}

fn panic_message(p: &(dyn Any + Send)) -> &str {
    p.downcast_ref::<&str>()
        .copied()
        .or_else(|| p.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("panic")
}

fn internal_error() -> ApiError {
    ApiError {
        status: 500,
        message: "internal error while checking this text (the server goes on; please report \
                  it with the text)"
            .to_string(),
    }
}

fn panic_response(p: Box<dyn Any + Send + 'static>) -> Response {
    eprintln!("tadqiq serve: internal error: {}", panic_message(&*p));
    error_response(internal_error())
}

/// Run `f` on a blocking thread when a job slot is free.
async fn job<T: Send + 'static>(
    state: &AppState,
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T, ApiError> {
    let permit = state
        .jobs
        .clone()
        .acquire_owned()
        .await
        .expect("the semaphore is never closed");
    match tokio::task::spawn_blocking(move || {
        let _permit = permit;
        f()
    })
    .await
    {
        Ok(v) => Ok(v),
        Err(e) => {
            let why = if e.is_panic() {
                panic_message(&*e.into_panic()).to_string()
            } else {
                e.to_string()
            };
            eprintln!("tadqiq serve: internal error: {why}");
            Err(internal_error())
        }
    }
}

/// The body, within the size limit and the timeout.
async fn read_body(body: Body, headers: &HeaderMap, limits: &Limits) -> Result<Bytes, ApiError> {
    let too_large = || ApiError {
        status: 413,
        message: format!(
            "the request body exceeds the limit of {} bytes (tadqiq serve --max-body)",
            limits.max_body
        ),
    };
    let declared = headers
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limits.max_body as u64) {
        return Err(too_large());
    }
    let read = Limited::new(body, limits.max_body).collect();
    match tokio::time::timeout(limits.timeout, read).await {
        Err(_) => Err(ApiError {
            status: 408,
            message: format!(
                "the request body did not arrive within {} s",
                limits.timeout.as_secs_f64()
            ),
        }),
        Ok(Err(e)) if e.downcast_ref::<LengthLimitError>().is_some() => Err(too_large()),
        Ok(Err(e)) => Err(ApiError::bad_request(format!(
            "could not read the request body: {e}"
        ))),
        Ok(Ok(collected)) => Ok(collected.to_bytes()),
    }
}

/// A form body's parameters; the content type, when given, must be a form's.
async fn form_body(
    headers: &HeaderMap,
    body: Body,
    limits: &Limits,
) -> Result<Vec<(String, String)>, ApiError> {
    if let Some(ct) = headers.get(CONTENT_TYPE) {
        let ct = ct.to_str().unwrap_or("");
        let essence = ct.split(';').next().unwrap_or("").trim();
        if !essence.eq_ignore_ascii_case("application/x-www-form-urlencoded") {
            return Err(ApiError {
                status: 415,
                message: format!(
                    "expected the parameters as application/x-www-form-urlencoded, not {ct:?}"
                ),
            });
        }
    }
    let body = read_body(body, headers, limits).await?;
    form::parse(&body).map_err(|e| ApiError::bad_request(e.to_string()))
}

async fn check(state: &Shared, params: Vec<(String, String)>) -> Response {
    let req = match lt::parse_check(&params) {
        Ok(r) => r,
        Err(e) => return error_response(e),
    };
    drop(params);
    let checker = state.checker.clone();
    let answer = job(state, move || {
        let diagnostics = checker.check(req.input.checked(), req.hints);
        serde_json::to_vec(&lt::respond(&req, diagnostics))
    })
    .await;
    match answer {
        Ok(Ok(body)) => (
            [
                (CONTENT_TYPE, "application/json; charset=utf-8"),
                (CACHE_CONTROL, "no-store"),
            ],
            body,
        )
            .into_response(),
        Ok(Err(e)) => error_response(ApiError {
            status: 500,
            message: format!("could not write the answer: {e}"),
        }),
        Err(e) => error_response(e),
    }
}

/// `POST /v2/check`, parameters in a form body.
async fn check_form(State(state): State<Shared>, headers: HeaderMap, body: Body) -> Response {
    match form_body(&headers, body, &state.limits).await {
        Ok(params) => check(&state, params).await,
        Err(e) => error_response(e),
    }
}

/// `GET /v2/check?text=...&language=...`.
async fn check_query(State(state): State<Shared>, uri: Uri) -> Response {
    let query = uri.query().unwrap_or("");
    if query.len() > state.limits.max_body {
        return error_response(ApiError {
            status: 413,
            message: format!(
                "the query exceeds the limit of {} bytes",
                state.limits.max_body
            ),
        });
    }
    match form::parse(query.as_bytes()) {
        Ok(params) => check(&state, params).await,
        Err(e) => error_response(ApiError::bad_request(e.to_string())),
    }
}

/// `POST /api/fix` (the proofreading page's "fix all safe"): form field `text`; answers
/// `{"text": fixed, "applied": [{"rule", "before", "after"}...], "converged": bool}`.
async fn fix_form(State(state): State<Shared>, headers: HeaderMap, body: Body) -> Response {
    let params = match form_body(&headers, body, &state.limits).await {
        Ok(p) => p,
        Err(e) => return error_response(e),
    };
    let Some((_, text)) = params.into_iter().find(|(k, _)| k == "text") else {
        return error_response(ApiError::bad_request("Missing 'text' parameter"));
    };
    let checker = state.checker.clone();
    match job(&state, move || checker.fix_safe(&text)).await {
        Ok(fixed) => json_response(&json!({
            "text": fixed.text,
            "applied": fixed.applied.iter().map(|(rule, before, after)| json!({
                "rule": rule, "before": before, "after": after,
            })).collect::<Vec<_>>(),
            "converged": fixed.converged,
        })),
        Err(e) => error_response(e),
    }
}
