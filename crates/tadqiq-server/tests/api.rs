//! The HTTP API of the `tadqiq-server` binary over a socket: LanguageTool's `/v2/check` and
//! `/v2/languages` on seed articles, annotated text, rule switches, configuration, the page's
//! files and `/api/fix`, and every kind of bad input answered with an HTTP error.

mod common;

use common::{check, get, request, utf16_slice, Server};
use serde_json::{json, Value};
use tadqiq_core::{Linter, SourceKind};

fn matches(v: &Value) -> &Vec<Value> {
    v["matches"].as_array().expect("matches")
}

#[test]
fn check_reports_what_the_library_finds_at_utf16_offsets() {
    let server = Server::start(&[]);
    let text = common::seed_with_emoji();
    let r = check(server.addr, &[("text", &text), ("language", "ar")]);
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(r
        .header("content-type")
        .unwrap()
        .starts_with("application/json"));
    let v = r.json();
    assert_eq!(v["software"]["name"], "tadqiq");
    assert_eq!(v["language"]["code"], "ar");
    assert_eq!(v["language"]["name"], "Arabic");

    // The library's findings, with their byte spans turned into UTF-16 here.
    let expected: Vec<(usize, usize, String)> = Linter::new()
        .lint(&text, SourceKind::Plain)
        .iter()
        .map(|d| {
            let offset = text[..d.span.start].encode_utf16().count();
            let length = text[d.span.clone()].encode_utf16().count();
            (offset, length, d.rule_id())
        })
        .collect();
    let got: Vec<(usize, usize, String)> = matches(&v)
        .iter()
        .map(|m| {
            (
                m["offset"].as_u64().unwrap() as usize,
                m["length"].as_u64().unwrap() as usize,
                m["tadqiq"]["rule"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(got, expected);
    assert!(got.len() > 10);

    let alqaa: Vec<&Value> = matches(&v)
        .iter()
        .filter(|m| {
            utf16_slice(
                &text,
                m["offset"].as_u64().unwrap(),
                m["length"].as_u64().unwrap(),
            ) == "القاء"
        })
        .collect();
    assert!(alqaa.len() >= 3);
    for m in &alqaa {
        assert_eq!(m["replacements"][0]["value"], "اللقاء");
        assert_eq!(m["rule"]["id"], "TADQIQ_SPELLING");
        assert_eq!(m["rule"]["issueType"], "misspelling");
        assert_eq!(m["rule"]["category"]["id"], "TYPOS");
        assert_eq!(m["type"]["typeName"], "UnknownWord");
        assert_eq!(m["tadqiq"]["fix"], "safe");
        assert!(m["sentence"].as_str().unwrap().contains("القاء"));
        assert!(!m["message"].as_str().unwrap().is_empty());
        assert!(!m["shortMessage"].as_str().unwrap().is_empty());
    }
    // Every context shows the match where it says (offsets in UTF-16 in the context too).
    for m in matches(&v) {
        let c = &m["context"];
        let in_context = utf16_slice(
            c["text"].as_str().unwrap(),
            c["offset"].as_u64().unwrap(),
            c["length"].as_u64().unwrap(),
        );
        let in_text = utf16_slice(
            &text,
            m["offset"].as_u64().unwrap(),
            m["length"].as_u64().unwrap(),
        );
        assert_eq!(in_context, in_text.replace(['\n', '\r', '\t'], " "));
    }
}

#[test]
fn languages_healthcheck_and_query_strings() {
    let server = Server::start(&[]);
    let r = get(server.addr, "/v2/languages");
    assert_eq!(r.status, 200);
    assert_eq!(
        r.json(),
        json!([{"name": "Arabic", "code": "ar", "longCode": "ar"}])
    );
    assert_eq!(get(server.addr, "/v2/healthcheck").status, 200);
    // GET with a query string, as LanguageTool also takes it; a regional variant is Arabic.
    let q = format!(
        "/v2/check?language=ar-EG&text={}",
        common::encode("تطرق القاء إلى التحديات")
    );
    let r = get(server.addr, &q);
    assert_eq!(r.status, 200, "{}", r.text());
    let v = r.json();
    assert_eq!(matches(&v)[0]["offset"], 5);
    assert_eq!(matches(&v)[0]["replacements"][0]["value"], "اللقاء");
    // `auto` says how sure it is that the text is Arabic.
    let r = check(
        server.addr,
        &[
            ("text", "قال إن القاء كان in English too"),
            ("language", "auto"),
        ],
    );
    let v = r.json();
    let confidence = v["language"]["detectedLanguage"]["confidence"]
        .as_f64()
        .unwrap();
    assert!(confidence > 0.4 && confidence < 0.8, "{confidence}");
}

#[test]
fn annotated_data_skips_markup_and_keeps_offsets() {
    let server = Server::start(&[]);
    let data = json!({"annotation": [
        {"markup": "<p>"},
        {"text": "📰 تطرق "},
        {"markup": "<b class=\"x\">"},
        {"text": "القا"},
        {"markup": "</b>"},
        {"text": "ء إلى التحديات."},
        {"markup": "</p><p>", "interpretAs": "\n\n"},
        {"text": "وقال إن القاء مهم."},
        {"markup": "</p>"},
    ]});
    let r = check(
        server.addr,
        &[("data", &data.to_string()), ("language", "ar")],
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let v = r.json();
    let original: String = data["annotation"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["text"].as_str().or(p["markup"].as_str()).unwrap())
        .collect();
    let found: Vec<String> = matches(&v)
        .iter()
        .map(|m| {
            utf16_slice(
                &original,
                m["offset"].as_u64().unwrap(),
                m["length"].as_u64().unwrap(),
            )
        })
        .collect();
    // The word split by <b> is one word; its span covers the markup inside it.
    assert_eq!(found, vec!["القا</b>ء", "القاء"], "{v}");
    assert!(matches(&v)
        .iter()
        .all(|m| m["replacements"][0]["value"] == "اللقاء"));

    let r = check(
        server.addr,
        &[
            ("data", "{\"annotation\": [{\"text\": 1}]}"),
            ("language", "ar"),
        ],
    );
    assert_eq!(r.status, 400);
    assert!(
        r.text()
            .starts_with("Error: could not parse JSON from 'data'"),
        "{}",
        r.text()
    );
}

#[test]
fn rule_switches() {
    let server = Server::start(&[]);
    let text = std::fs::read_to_string(common::repo(common::SEED_WITH_ALQAA)).unwrap();
    let rules = |extra: &[(&str, &str)]| -> Vec<String> {
        let mut pairs = vec![("text", text.as_str()), ("language", "ar")];
        pairs.extend_from_slice(extra);
        let r = check(server.addr, &pairs);
        assert_eq!(r.status, 200, "{}", r.text());
        matches(&r.json())
            .iter()
            .map(|m| m["rule"]["id"].as_str().unwrap().to_string())
            .collect()
    };
    let all = rules(&[]);
    assert!(all.iter().any(|r| r == "TADQIQ_SPELLING"));
    assert!(all.iter().any(|r| r == "TADQIQ_SQUEEZED_DOUBLE"));
    assert!(!all.iter().any(|r| r == "TADQIQ_UNKNOWN_WORD"));

    let no_spelling = rules(&[("disabledRules", "TADQIQ_SPELLING")]);
    assert!(!no_spelling.iter().any(|r| r == "TADQIQ_SPELLING"));
    assert_eq!(
        no_spelling.len(),
        all.iter().filter(|r| *r != "TADQIQ_SPELLING").count()
    );
    let only = rules(&[("enabledRules", "tadqiq/spelling"), ("enabledOnly", "true")]);
    assert!(!only.is_empty() && only.iter().all(|r| r == "TADQIQ_SPELLING"));
    let no_typos = rules(&[("disabledCategories", "TYPOS")]);
    assert!(!no_typos.is_empty());
    assert!(no_typos
        .iter()
        .all(|r| r != "TADQIQ_SPELLING" && r != "TADQIQ_SQUEEZED_DOUBLE"));
    // Hints: by `level=picky`, or by naming the hint rule.
    let picky = rules(&[("level", "picky")]);
    assert!(picky.len() >= all.len());
    let named = rules(&[
        ("enabledRules", "TADQIQ_UNKNOWN_WORD"),
        ("enabledOnly", "true"),
    ]);
    assert!(named.iter().all(|r| r == "TADQIQ_UNKNOWN_WORD"));
    assert_eq!(
        named.len(),
        picky.iter().filter(|r| *r == "TADQIQ_UNKNOWN_WORD").count()
    );
}

#[test]
fn configuration_is_read_as_the_cli_reads_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("tadqiq.toml"),
        "words = [\"words.txt\"]\n[rules]\nsqueezed-double = \"off\"\n",
    )
    .unwrap();
    // A word the project accepts.
    std::fs::write(dir.path().join("words.txt"), "المؤسات\n").unwrap();
    let sub = dir.path().join("desk");
    std::fs::create_dir(&sub).unwrap();
    let server = Server::start_in(&sub, &[]);
    assert!(server.log().contains("tadqiq.toml"), "{}", server.log());
    let text = std::fs::read_to_string(common::repo(common::SEED_WITH_ALQAA)).unwrap();
    let v = check(server.addr, &[("text", &text), ("language", "ar")]).json();
    let words: Vec<String> = matches(&v)
        .iter()
        .map(|m| {
            utf16_slice(
                &text,
                m["offset"].as_u64().unwrap(),
                m["length"].as_u64().unwrap(),
            )
        })
        .collect();
    assert!(words.iter().any(|w| w == "القاء"));
    assert!(!words.iter().any(|w| w == "المؤسات"), "{words:?}");
    assert!(!matches(&v)
        .iter()
        .any(|m| m["rule"]["id"] == "TADQIQ_SQUEEZED_DOUBLE"));
    drop(server);

    // --no-config: the defaults, whatever is on disk.
    let server = Server::start_in(&sub, &["--no-config"]);
    let v = check(server.addr, &[("text", &text), ("language", "ar")]).json();
    assert!(matches(&v)
        .iter()
        .any(|m| m["rule"]["id"] == "TADQIQ_SQUEEZED_DOUBLE"));
    drop(server);

    // A bad configuration stops the server at start-up, naming the file.
    std::fs::write(
        dir.path().join("tadqiq.toml"),
        "[rules]\nspeling = \"off\"\n",
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_tadqiq-server"))
        .args(["--port", "0"])
        .current_dir(&sub)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("tadqiq.toml") && err.contains("unknown rule `speling`"),
        "{err}"
    );
}

#[test]
fn the_page_and_fix_all_safe() {
    let server = Server::start(&[]);
    let page = get(server.addr, "/");
    assert_eq!(page.status, 200);
    assert!(page
        .header("content-type")
        .unwrap()
        .starts_with("text/html"));
    let csp = page.header("content-security-policy").unwrap();
    assert!(csp.contains("default-src 'none'") && csp.contains("connect-src 'self'"));
    let html = page.text();
    assert!(html.contains("<html lang=\"ar\" dir=\"rtl\">"));
    for asset in ["/page.css", "/page.js"] {
        assert!(html.contains(asset));
        let r = get(server.addr, asset);
        assert_eq!(r.status, 200);
        // Nothing from the internet: no address of another server anywhere in the page.
        assert!(
            !r.text().contains("http://") && !r.text().contains("https://"),
            "{asset}"
        );
    }
    assert!(!html.contains("http://") && !html.contains("https://"));

    let text = std::fs::read_to_string(common::repo(common::SEED_WITH_ALQAA)).unwrap();
    let r = request(
        server.addr,
        "POST",
        "/api/fix",
        Some("application/x-www-form-urlencoded"),
        &common::form(&[("text", &text)]),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let v = r.json();
    let expected = tadqiq_core::fix::fix(
        &Linter::new(),
        &text,
        SourceKind::Plain,
        &tadqiq_core::fix::FixOptions::default(),
    );
    assert_eq!(v["text"], expected.text.as_str());
    assert!(v["text"].as_str().unwrap().contains("أن اللقاء أرسى"));
    assert_eq!(
        v["applied"].as_array().unwrap().len(),
        expected.applied.len()
    );
    let applied: Vec<(&str, &str)> = v["applied"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["before"].as_str().unwrap(), a["after"].as_str().unwrap()))
        .collect();
    let wanted: Vec<(&str, &str)> = expected
        .applied
        .iter()
        .map(|a| (a.before.as_str(), a.after.as_str()))
        .collect();
    assert_eq!(applied, wanted);
    assert!(applied.contains(&("القاء", "اللقاء")));
}

#[test]
fn bad_input_gets_an_http_error() {
    let server = Server::start(&["--max-body", "2000"]);
    let a = server.addr;
    let form_ct = Some("application/x-www-form-urlencoded");
    let error = |r: &common::Response, status: u16, start: &str| {
        assert_eq!(r.status, status, "{}", String::from_utf8_lossy(&r.body));
        let body = r.text();
        assert!(body.starts_with(&format!("Error: {start}")), "{body}");
    };

    // No text: 400, in LanguageTool's words.
    error(
        &check(a, &[("language", "ar")]),
        400,
        "Missing 'text' or 'data' parameter",
    );
    error(
        &check(a, &[("text", "نص")]),
        400,
        "Missing 'language' parameter",
    );
    // Another language: 400, in LanguageTool's words.
    error(
        &check(a, &[("text", "Hello"), ("language", "en-US")]),
        400,
        "'en-US' is not a language code known to LanguageTool. Supported language codes are: ar",
    );
    // Not UTF-8: raw, and percent-escaped; a broken escape.
    error(
        &request(
            a,
            "POST",
            "/v2/check",
            form_ct,
            b"language=ar&text=\xD8\xA7\xFF",
        ),
        400,
        "parameter 'text' is not valid UTF-8",
    );
    error(
        &request(a, "POST", "/v2/check", form_ct, b"language=ar&text=%D8%FF"),
        400,
        "parameter 'text' is not valid UTF-8",
    );
    error(
        &request(a, "POST", "/v2/check", form_ct, b"language=ar&text=%D8%G1"),
        400,
        "malformed form data",
    );
    // Not a form.
    error(
        &request(
            a,
            "POST",
            "/v2/check",
            Some("application/json"),
            b"{\"text\": \"x\"}",
        ),
        415,
        "expected the parameters as application/x-www-form-urlencoded",
    );
    // Too large: said in advance, and found while reading a chunked body.
    let big = common::form(&[("text", &"قال ".repeat(600)), ("language", "ar")]);
    assert!(big.len() > 2000);
    error(
        &request(a, "POST", "/v2/check", form_ct, &big),
        413,
        "the request body exceeds",
    );
    let mut chunked = format!(
        "POST /v2/check HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: \
         application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n{:x}\r\n",
        big.len()
    )
    .into_bytes();
    chunked.extend_from_slice(&big);
    chunked.extend_from_slice(b"\r\n0\r\n\r\n");
    error(&common::raw(a, &chunked), 413, "the request body exceeds");
    // A text just under the limit is checked.
    let under = "قال ".repeat(100);
    assert!(common::form(&[("text", &under), ("language", "ar")]).len() < 2000);
    let ok = check(a, &[("text", &under), ("language", "ar")]);
    assert_eq!(ok.status, 200, "{}", ok.text());
    // A malformed request line or header: hyper answers 400 and closes.
    let r = common::raw(a, b"NOT HTTP AT ALL\r\n\r\n");
    assert_eq!(r.status, 400);
    // Unknown endpoint, wrong method.
    error(&get(a, "/v2/nothing"), 404, "no such endpoint: /v2/nothing");
    assert_eq!(request(a, "DELETE", "/v2/check", None, b"").status, 405);
    error(
        &request(a, "POST", "/api/fix", form_ct, b"language=ar"),
        400,
        "Missing 'text'",
    );

    // After all that, the server still answers.
    let r = check(
        a,
        &[("text", "تطرق القاء إلى التحديات"), ("language", "ar")],
    );
    assert_eq!(r.status, 200);
    assert_eq!(matches(&r.json()).len(), 1);
}

#[test]
fn cors_only_when_asked_for() {
    let preflight = |addr| {
        common::raw(
            addr,
            b"OPTIONS /v2/check HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\
              Origin: app://obsidian.md\r\nAccess-Control-Request-Method: POST\r\n\r\n",
        )
    };
    let server = Server::start(&["--allow-origin", "app://obsidian.md"]);
    let r = preflight(server.addr);
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some("app://obsidian.md")
    );
    assert!(r
        .header("access-control-allow-methods")
        .unwrap()
        .contains("POST"));
    let r = check(server.addr, &[("text", "نص"), ("language", "ar")]);
    assert_eq!(r.status, 200);
    drop(server);
    // By default, no page of another origin may read the answers.
    let server = Server::start(&[]);
    let r = preflight(server.addr);
    assert_eq!(r.header("access-control-allow-origin"), None);
}

#[cfg(unix)]
#[test]
fn sigterm_stops_the_server_cleanly() {
    let mut server = Server::start(&[]);
    assert_eq!(get(server.addr, "/v2/healthcheck").status, 200);
    let status = server.terminate();
    assert_eq!(status.code(), Some(0), "{}", server.log());
    assert!(
        server.log().contains("tadqiq serve: stopped"),
        "{}",
        server.log()
    );
}
