//! LanguageTool's HTTP API (`/v2/check`, `/v2/languages`), as its clients read it.
//!
//! - **Positions**: tadqiq's spans are byte ranges; LanguageTool counts `offset` and `length` in
//!   UTF-16 code units (Java `char`s), so an emoji counts two and an Arabic letter one. Clients
//!   rely on it: `language_tool_python` moves offsets back by one per character outside the
//!   Basic Multilingual Plane before the match, and a browser's JavaScript string indexes in
//!   UTF-16 directly. The conversion is done here, at the edge, in one pass over the text.
//! - **Rules**: `rule.id` is tadqiq's id in LanguageTool's spelling (`tadqiq/hamza-wasl` is
//!   `TADQIQ_HAMZA_WASL`); `enabledRules`/`disabledRules` take that form, `tadqiq/hamza-wasl` or
//!   `hamza-wasl`. Each rule has a LanguageTool category (`TYPOS` for spelling, so a client's
//!   "disable spell checking" works through `disabledCategories=TYPOS`) and issue type.
//! - **Matches** carry one field LanguageTool does not have, `tadqiq`: the rule as tadqiq names
//!   it, the severity, and whether the first replacement is safe to apply unseen
//!   (`"fix": "safe"`, as `tadqiq fix` decides). Clients ignore fields they do not know.
//! - **Errors** are plain text starting with `Error: `, with LanguageTool's wording where it
//!   has one (an unknown language).

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::OnceLock;

use serde_json::{json, Value};

use crate::annotated::Annotated;
use crate::core::{all_rules, find_rule, Applicability, Diagnostic, Severity};

/// The one language this server checks.
pub const LANGUAGE_NAME: &str = "Arabic";
pub const LANGUAGE_CODE: &str = "ar";

/// Characters of context on each side of a match, as LanguageTool gives.
const CONTEXT_CHARS: usize = 40;
/// A sentence is looked for at most this many characters on each side of a match.
const SENTENCE_CHARS: usize = 400;

/// An error answered to the client: an HTTP status and a message (sent as `Error: message`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiError {
    pub status: u16,
    pub message: String,
}

impl ApiError {
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self {
            status: 400,
            message: message.into(),
        }
    }
}

/// A rule's place in LanguageTool's scheme: category id, category name, ITS issue type, and a
/// short Arabic label (`shortMessage`, and the proofreading page's heading for a finding).
struct LtRule {
    category: &'static str,
    issue_type: &'static str,
    short: &'static str,
}

/// LanguageTool category ids (the ones its own rules use) and their names in Arabic.
const CATEGORIES: &[(&str, &str)] = &[
    ("TYPOS", "أخطاء إملائية"),
    ("CONFUSED_WORDS", "كلمات ملتبسة"),
    ("STYLE", "أسلوب"),
    ("REDUNDANCY", "حشو"),
    ("REPETITIONS", "تكرار"),
    ("PUNCTUATION", "علامات الترقيم"),
    ("TYPOGRAPHY", "طباعة"),
    ("MISC", "متفرقات"),
];

/// Each rule of tadqiq, by bare id.
const RULES: &[(&str, LtRule)] = &[
    ("spelling", lt("TYPOS", "misspelling", "خطأ إملائي")),
    ("hamza", lt("TYPOS", "misspelling", "همزة")),
    ("hamza-wasl", lt("TYPOS", "misspelling", "همزة وصل")),
    ("taa-marbuta", lt("TYPOS", "misspelling", "تاء مربوطة")),
    ("alef-maqsura", lt("TYPOS", "misspelling", "ألف مقصورة")),
    (
        "squeezed-double",
        lt("TYPOS", "misspelling", "حرف مضعّف ساقط"),
    ),
    (
        "unknown-word",
        lt("TYPOS", "misspelling", "كلمة غير معروفة"),
    ),
    (
        "confusion",
        lt("CONFUSED_WORDS", "misspelling", "كلمة في غير موضعها"),
    ),
    ("consistency", lt("STYLE", "inconsistency", "رسم غير موحّد")),
    ("number-unit", lt("REDUNDANCY", "duplication", "وحدة مكررة")),
    (
        "repeated-word",
        lt("REPETITIONS", "duplication", "كلمة مكررة"),
    ),
    (
        "repeated-sentence",
        lt("REPETITIONS", "duplication", "جملة مكررة"),
    ),
    ("boilerplate", lt("MISC", "addition", "بقايا صفحة ويب")),
    ("punctuation", lt("PUNCTUATION", "typographical", "ترقيم")),
    ("mixed-digits", lt("TYPOGRAPHY", "numbers", "أرقام مختلطة")),
    ("whitespace", lt("TYPOGRAPHY", "whitespace", "مسافات")),
    (
        "missing-space",
        lt("TYPOS", "whitespace", "كلمتان ملتصقتان"),
    ),
    ("invisible", lt("TYPOGRAPHY", "characters", "حرف خفي")),
    ("tatweel", lt("TYPOGRAPHY", "typographical", "تطويل")),
];

/// A rule the table above does not know yet.
const OTHER: LtRule = lt("MISC", "uncategorized", "ملاحظة");

const fn lt(category: &'static str, issue_type: &'static str, short: &'static str) -> LtRule {
    LtRule {
        category,
        issue_type,
        short,
    }
}

fn lt_rule(id: &str) -> &'static LtRule {
    RULES
        .iter()
        .find(|(r, _)| *r == id)
        .map(|(_, l)| l)
        .unwrap_or(&OTHER)
}

fn category_name(id: &str) -> &'static str {
    CATEGORIES
        .iter()
        .find(|(c, _)| *c == id)
        .map(|(_, n)| *n)
        .unwrap_or("")
}

/// `tadqiq/hamza-wasl` → `TADQIQ_HAMZA_WASL`.
pub fn lt_rule_id(bare: &str) -> String {
    format!("TADQIQ_{}", bare.to_ascii_uppercase().replace('-', "_"))
}

/// The bare id of a rule named in any of the accepted forms, if tadqiq has such a rule.
pub fn rule_from_lt(id: &str) -> Option<&'static str> {
    let lower = id.trim().to_ascii_lowercase();
    let bare = lower
        .strip_prefix("tadqiq/")
        .or_else(|| lower.strip_prefix("tadqiq_"))
        .unwrap_or(&lower)
        .replace('_', "-");
    find_rule(&bare).map(|r| r.meta().id)
}

/// One line about each rule (`tadqiq rules`), by bare id.
fn summary(id: &str) -> &'static str {
    static SUMMARIES: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    SUMMARIES
        .get_or_init(|| {
            all_rules()
                .iter()
                .map(|r| (r.meta().id, r.meta().summary))
                .collect()
        })
        .get(id)
        .copied()
        .unwrap_or("")
}

/// What to check.
#[derive(Clone, Debug)]
pub enum Input {
    Text(String),
    Data(Annotated),
}

impl Input {
    /// The text the linter checks.
    pub fn checked(&self) -> &str {
        match self {
            Input::Text(t) => t,
            Input::Data(a) => &a.plain,
        }
    }

    /// The document offsets count on.
    pub fn document(&self) -> &str {
        match self {
            Input::Text(t) => t,
            Input::Data(a) => &a.original,
        }
    }
}

/// Which rules a request keeps.
#[derive(Clone, Debug, Default)]
pub struct RuleFilter {
    enabled: HashSet<&'static str>,
    disabled: HashSet<&'static str>,
    enabled_categories: HashSet<String>,
    disabled_categories: HashSet<String>,
    enabled_only: bool,
}

impl RuleFilter {
    pub fn keeps(&self, rule: &str) -> bool {
        let category = lt_rule(rule).category;
        if self.enabled_only {
            return self.enabled.contains(rule) || self.enabled_categories.contains(category);
        }
        !self.disabled.contains(rule) && !self.disabled_categories.contains(category)
    }

    /// Whether the request names a rule that only shows with hints on (`unknown-word`).
    fn names_a_hint_rule(&self) -> bool {
        self.enabled
            .iter()
            .any(|r| find_rule(r).is_some_and(|r| r.meta().default_severity == Severity::Hint))
    }
}

/// A `/v2/check` request.
#[derive(Clone, Debug)]
pub struct CheckRequest {
    pub input: Input,
    /// `language=auto`: the answer says what was detected.
    pub auto: bool,
    /// Check with hints: `level=picky`, or a hint rule named in `enabledRules`.
    pub hints: bool,
    pub filter: RuleFilter,
}

/// Check a `language` value: `ar`, `ar-XX` (any region, any case, `-` or `_`) or `auto`.
/// Returns whether it is `auto`.
pub fn parse_language(code: &str) -> Result<bool, ApiError> {
    let lower = code.trim().to_ascii_lowercase();
    if lower == "auto" {
        return Ok(true);
    }
    let ok = lower == LANGUAGE_CODE
        || lower
            .strip_prefix("ar-")
            .or_else(|| lower.strip_prefix("ar_"))
            .is_some_and(|rest| {
                !rest.is_empty() && rest.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            });
    if ok {
        Ok(false)
    } else {
        Err(ApiError::bad_request(format!(
            "'{code}' is not a language code known to LanguageTool. Supported language codes \
             are: ar, auto. (This server is tadqiq, which checks Arabic: any ar-XX variant is \
             checked as ar.)"
        )))
    }
}

fn flag(v: &str) -> bool {
    matches!(v.trim().to_ascii_lowercase().as_str(), "true" | "yes" | "1")
}

fn list(v: &str) -> impl Iterator<Item = &str> {
    v.split(',').map(str::trim).filter(|s| !s.is_empty())
}

/// Read a `/v2/check` request from its parameters (form body or query string).
pub fn parse_check(params: &[(String, String)]) -> Result<CheckRequest, ApiError> {
    let get = |name: &str| {
        params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    let input = match (get("text"), get("data")) {
        (Some(_), Some(_)) => {
            return Err(ApiError::bad_request(
                "Set only 'text' or 'data' parameter, not both",
            ))
        }
        (Some(t), None) => Input::Text(t.to_string()),
        (None, Some(d)) => Input::Data(Annotated::parse(d).map_err(ApiError::bad_request)?),
        (None, None) => return Err(ApiError::bad_request("Missing 'text' or 'data' parameter")),
    };
    let language = get("language").ok_or_else(|| {
        ApiError::bad_request(
            "Missing 'language' parameter, e.g. 'language=ar' for Arabic, or 'language=auto'",
        )
    })?;
    let auto = parse_language(language)?;
    let mut filter = RuleFilter {
        enabled_only: get("enabledOnly").is_some_and(flag),
        ..Default::default()
    };
    for (name, set) in [
        ("enabledRules", &mut filter.enabled),
        ("disabledRules", &mut filter.disabled),
    ] {
        // Rules tadqiq does not have are ignored, as LanguageTool ignores unknown rule ids.
        set.extend(
            get(name)
                .into_iter()
                .flat_map(list)
                .filter_map(rule_from_lt),
        );
    }
    for (name, set) in [
        ("enabledCategories", &mut filter.enabled_categories),
        ("disabledCategories", &mut filter.disabled_categories),
    ] {
        set.extend(
            get(name)
                .into_iter()
                .flat_map(list)
                .map(|c| c.to_ascii_uppercase()),
        );
    }
    if filter.enabled_only
        && get("enabledRules").is_none_or(|v| list(v).next().is_none())
        && filter.enabled_categories.is_empty()
    {
        return Err(ApiError::bad_request(
            "'enabledOnly=true' needs 'enabledRules' or 'enabledCategories'",
        ));
    }
    let picky = get("level").is_some_and(|l| l.trim().eq_ignore_ascii_case("picky"));
    Ok(CheckRequest {
        hints: picky || filter.names_a_hint_rule(),
        input,
        auto,
        filter,
    })
}

/// UTF-16 code units in a UTF-8 string: one per char, two for a char of four bytes.
pub fn utf16_len(s: &str) -> usize {
    s.bytes()
        .map(|b| usize::from((b & 0xC0) != 0x80) + usize::from(b >= 0xF0))
        .sum()
}

/// The UTF-16 offset of each byte offset, computed in one pass over the text. The byte offsets
/// must be on char boundaries; their order does not matter.
pub fn utf16_offsets(text: &str, bytes: &[usize]) -> HashMap<usize, usize> {
    let mut sorted = bytes.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let (mut at, mut units) = (0, 0);
    let mut out = HashMap::with_capacity(sorted.len());
    for b in sorted {
        units += utf16_len(&text[at..b]);
        at = b;
        out.insert(b, units);
    }
    out
}

/// The window of text LanguageTool shows around a match: up to [`CONTEXT_CHARS`] characters on
/// each side, line breaks and tabs as spaces, `...` where the text goes on. Returns the window
/// and the match's UTF-16 offset in it.
fn context(text: &str, span: &Range<usize>) -> (String, usize) {
    let from = text[..span.start]
        .char_indices()
        .rev()
        .take(CONTEXT_CHARS)
        .last()
        .map_or(span.start, |(i, _)| i);
    let to = text[span.end..]
        .char_indices()
        .nth(CONTEXT_CHARS)
        .map_or(text.len(), |(i, _)| span.end + i);
    let mut s = String::with_capacity(to - from + 6);
    if from > 0 {
        s.push_str("...");
    }
    let offset = utf16_len(&s) + utf16_len(&text[from..span.start]);
    s.extend(text[from..to].chars().map(|c| match c {
        '\n' | '\r' | '\t' => ' ',
        c => c,
    }));
    if to < text.len() {
        s.push_str("...");
    }
    (s, offset)
}

/// Does the character at byte `i` end a sentence? A full stop between digits (`3.5`) does not.
fn ends_sentence(text: &str, i: usize, c: char) -> bool {
    match c {
        '!' | '?' | '؟' | '…' | '\n' => true,
        '.' => {
            let before = text[..i].chars().next_back();
            let after = text[i + 1..].chars().next();
            !(before.is_some_and(|c| c.is_numeric()) && after.is_some_and(|c| c.is_numeric()))
        }
        _ => false,
    }
}

/// The sentence holding a match: from after the last sentence end before it to the next
/// sentence end after it (included, unless a line break), at most [`SENTENCE_CHARS`]
/// characters on each side, trimmed.
fn sentence<'t>(text: &'t str, span: &Range<usize>) -> &'t str {
    let mut from = span.start;
    for (i, c) in text[..span.start].char_indices().rev().take(SENTENCE_CHARS) {
        if ends_sentence(text, i, c) {
            break;
        }
        from = i;
    }
    let mut to = span.end;
    for (k, c) in text[span.end..].char_indices().take(SENTENCE_CHARS) {
        let i = span.end + k;
        if ends_sentence(text, i, c) {
            if c != '\n' {
                to = i + c.len_utf8();
            }
            break;
        }
        to = i + c.len_utf8();
    }
    text[from..to].trim()
}

fn applicability(a: Applicability) -> &'static str {
    match a {
        Applicability::Safe => "safe",
        Applicability::Unsafe => "unsafe",
        Applicability::Manual => "manual",
    }
}

fn type_name(d: &Diagnostic, category: &str) -> &'static str {
    if category == "TYPOS" {
        "UnknownWord"
    } else if matches!(d.severity, Severity::Hint | Severity::Info) {
        "Hint"
    } else {
        "Other"
    }
}

/// The `language` object of an answer.
/// Is `c` an Arabic letter (basic, extended, presentation forms)?
fn is_arabic_letter(c: char) -> bool {
    matches!(c,
        '\u{0621}'..='\u{064A}'
        | '\u{066E}'..='\u{06D3}'
        | '\u{06FA}'..='\u{06FF}'
        | '\u{0750}'..='\u{077F}'
        | '\u{08A0}'..='\u{08C9}'
        | '\u{FB50}'..='\u{FDFB}'
        | '\u{FE70}'..='\u{FEFC}')
}

/// What share of the letters of a text are Arabic: how sure "Arabic" is, for `language=auto`.
fn arabic_share(text: &str) -> f64 {
    let (mut letters, mut arabic) = (0usize, 0usize);
    for c in text.chars() {
        if is_arabic_letter(c) {
            arabic += 1;
            letters += 1;
        } else if c.is_ascii_alphabetic() || (!c.is_ascii() && c.is_alphabetic()) {
            letters += 1;
        }
    }
    if letters == 0 {
        0.0
    } else {
        (arabic as f64 / letters as f64 * 1000.0).round() / 1000.0
    }
}

/// The `language` object of an answer.
fn language(req: &CheckRequest) -> Value {
    let confidence = if req.auto {
        arabic_share(req.input.checked())
    } else {
        1.0
    };
    let detected = json!({
        "name": LANGUAGE_NAME,
        "code": LANGUAGE_CODE,
        "confidence": confidence,
    });
    json!({"name": LANGUAGE_NAME, "code": LANGUAGE_CODE, "detectedLanguage": detected})
}

/// The `software` object of every answer.
pub fn software() -> Value {
    json!({
        "name": "tadqiq",
        "version": env!("CARGO_PKG_VERSION"),
        "apiVersion": 1,
        "premium": false,
        "status": "",
    })
}

/// The answer to a check: the request's findings (as the checker returned them, spans on the
/// checked text) kept by its rule filter, in LanguageTool's shape.
pub fn respond(req: &CheckRequest, diagnostics: Vec<Diagnostic>) -> Value {
    let doc = req.input.document();
    let kept: Vec<(Range<usize>, Diagnostic)> = diagnostics
        .into_iter()
        .filter(|d| req.filter.keeps(d.rule))
        .map(|d| {
            let span = match &req.input {
                Input::Text(_) => d.span.clone(),
                Input::Data(a) => a.to_original(&d.span),
            };
            (span, d)
        })
        .collect();
    let starts: Vec<usize> = kept.iter().map(|(s, _)| s.start).collect();
    let offsets = utf16_offsets(doc, &starts);
    let matches: Vec<Value> = kept
        .iter()
        .map(|(span, d)| {
            let rule = lt_rule(d.rule);
            let (context_text, context_offset) = context(doc, span);
            let length = utf16_len(&doc[span.clone()]);
            json!({
                "message": d.message,
                "shortMessage": rule.short,
                "replacements": d.suggestions.iter().map(|s| json!({"value": s})).collect::<Vec<_>>(),
                "offset": offsets[&span.start],
                "length": length,
                "context": {"text": context_text, "offset": context_offset, "length": length},
                "sentence": sentence(doc, span),
                "type": {"typeName": type_name(d, rule.category)},
                "rule": {
                    "id": lt_rule_id(d.rule),
                    "description": summary(d.rule),
                    "issueType": rule.issue_type,
                    "category": {"id": rule.category, "name": category_name(rule.category)},
                },
                "ignoreForIncompleteSentence": false,
                "contextForSureMatch": 0,
                "tadqiq": {
                    "rule": d.rule_id(),
                    "severity": d.severity.as_str(),
                    "fix": applicability(d.applicability),
                    "note": d.note,
                },
            })
        })
        .collect();
    json!({
        "software": software(),
        "warnings": {"incompleteResults": false},
        "language": language(req),
        "matches": matches,
    })
}

/// The answer to `/v2/languages`.
pub fn languages() -> Value {
    json!([{"name": LANGUAGE_NAME, "code": LANGUAGE_CODE, "longCode": LANGUAGE_CODE}])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn every_rule_has_a_place_in_languagetool_terms() {
        for r in all_rules() {
            let id = r.meta().id;
            assert!(
                RULES.iter().any(|(x, _)| *x == id),
                "rule {id} has no category in lt.rs RULES"
            );
            assert!(!category_name(lt_rule(id).category).is_empty());
            assert_eq!(rule_from_lt(&lt_rule_id(id)), Some(id));
            assert_eq!(rule_from_lt(&format!("tadqiq/{id}")), Some(id));
        }
        assert_eq!(lt_rule_id("hamza-wasl"), "TADQIQ_HAMZA_WASL");
        assert_eq!(rule_from_lt(" hamza_wasl "), Some("hamza-wasl"));
        assert_eq!(rule_from_lt("MORFOLOGIK_RULE_EN_US"), None);
    }

    #[test]
    fn utf16_counts_an_emoji_twice() {
        let text = "📰 قال القاء";
        assert_eq!(utf16_len(text), text.encode_utf16().count());
        let at = text.find("القاء").unwrap();
        let o = utf16_offsets(text, &[at, 0, text.len()]);
        let units: Vec<u16> = text.encode_utf16().collect();
        assert_eq!(String::from_utf16(&units[o[&at]..]).unwrap(), "القاء");
        assert_eq!(o[&0], 0);
        assert_eq!(o[&text.len()], units.len());
    }

    #[test]
    fn context_and_sentence() {
        let text = format!(
            "{}الجملة الأولى انتهت. وفي العام 2.5 قال القاء\nسطر آخر",
            "كلمة ".repeat(20)
        );
        let text = text.as_str();
        let at = text.find("القاء").unwrap();
        let span = at..at + "القاء".len();
        assert_eq!(sentence(text, &span), "وفي العام 2.5 قال القاء");
        let (c, off) = context(text, &span);
        let units: Vec<u16> = c.encode_utf16().collect();
        assert_eq!(
            String::from_utf16(&units[off..off + utf16_len("القاء")]).unwrap(),
            "القاء"
        );
        assert!(c.starts_with("...") && !c.ends_with("..."), "{c}");
        assert!(!c.contains('\n'));
    }

    #[test]
    fn arabic_share_counts_letters_only() {
        assert_eq!(arabic_share("قال: 2024!"), 1.0);
        assert_eq!(arabic_share("قال said"), 0.429);
        assert_eq!(arabic_share("Ωμέγα"), 0.0);
        assert_eq!(arabic_share("123 ..."), 0.0);
    }

    #[test]
    fn languages_and_missing_parameters() {
        assert_eq!(parse_language("ar"), Ok(false));
        assert_eq!(parse_language("ar-SA"), Ok(false));
        assert_eq!(parse_language("AR_eg"), Ok(false));
        assert_eq!(parse_language("auto"), Ok(true));
        for bad in ["en-US", "ara", "ar-", "", "arabic"] {
            let e = parse_language(bad).unwrap_err();
            assert_eq!(e.status, 400);
            assert!(
                e.message.starts_with(&format!(
                    "'{bad}' is not a language code known to LanguageTool."
                )),
                "{}",
                e.message
            );
        }
        let e = parse_check(&params(&[("language", "ar")])).unwrap_err();
        assert_eq!(e.message, "Missing 'text' or 'data' parameter");
        let e = parse_check(&params(&[("text", "x")])).unwrap_err();
        assert!(e.message.starts_with("Missing 'language' parameter"));
        let e = parse_check(&params(&[
            ("text", "x"),
            ("data", "{}"),
            ("language", "ar"),
        ]))
        .unwrap_err();
        assert!(e.message.contains("not both"));
        let e = parse_check(&params(&[
            ("text", "x"),
            ("language", "ar"),
            ("enabledOnly", "true"),
        ]))
        .unwrap_err();
        assert!(e.message.contains("enabledOnly"));
    }

    #[test]
    fn rule_filters() {
        let req = parse_check(&params(&[
            ("text", "x"),
            ("language", "ar-SA"),
            ("disabledRules", "TADQIQ_HAMZA, tadqiq/tatweel,NOT_A_RULE"),
            ("disabledCategories", "punctuation"),
        ]))
        .unwrap();
        assert!(!req.hints);
        assert!(!req.filter.keeps("hamza") && !req.filter.keeps("tatweel"));
        assert!(!req.filter.keeps("punctuation"));
        assert!(req.filter.keeps("spelling"));
        let req = parse_check(&params(&[
            ("text", "x"),
            ("language", "auto"),
            ("enabledRules", "TADQIQ_UNKNOWN_WORD"),
            ("enabledOnly", "true"),
        ]))
        .unwrap();
        assert!(req.auto && req.hints);
        assert!(req.filter.keeps("unknown-word") && !req.filter.keeps("spelling"));
        let req = parse_check(&params(&[
            ("text", "x"),
            ("language", "ar"),
            ("enabledCategories", "TYPOS"),
            ("enabledOnly", "yes"),
            ("level", "picky"),
        ]))
        .unwrap();
        assert!(req.hints && req.filter.keeps("hamza") && !req.filter.keeps("whitespace"));
    }
}
