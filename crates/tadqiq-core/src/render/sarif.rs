//! SARIF 2.1.0: one run, `tool.driver.rules` from the rule registry, one result a diagnostic
//! with a `physicalLocation` region and, where there are suggestions, `fixes` (best first).
//!
//! Columns: the run sets `"columnKind": "unicodeCodePoints"` and regions use char columns, the
//! same numbers as the other formats (1-based, `endColumn` exclusive as SARIF defines it; a
//! leading BOM is not counted). Artifact URIs are the displayed paths, percent-encoded as URI
//! references (relative paths stay relative; absolute ones become `file://` URIs).
//!
//! SARIF is one JSON document, so results are gathered per file ([`Sarif::results`], which may
//! run in parallel) and written once at the end ([`Sarif::write`]).

use std::io::{self, Write};

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::render::{docs_text, FileReport, Location};
use crate::rules::{self, RuleMeta};

pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

pub struct Sarif {
    rules: Vec<&'static RuleMeta>,
}

impl Default for Sarif {
    fn default() -> Self {
        Self::new()
    }
}

// The SARIF objects tadqiq writes, fields in the order they are written.

#[derive(Serialize)]
pub struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    column_kind: &'static str,
    results: Vec<SarifResult>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    rules: Vec<ReportingDescriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportingDescriptor {
    id: String,
    name: &'static str,
    short_description: Text,
    full_description: Text,
    help: Text,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Clone, Serialize)]
struct Text {
    text: String,
}

/// One SARIF `result`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SarifResult {
    rule_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Text,
    locations: [ResultLocation; 1],
    /// The other places of a folded finding (see `crate::fold`), each with its first fix.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<ResultLocation>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<Fix>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultLocation {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Clone, Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Clone, Copy, Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Fix {
    description: Text,
    artifact_changes: [ArtifactChange; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange {
    artifact_location: ArtifactLocation,
    replacements: [Replacement; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement {
    deleted_region: Region,
    inserted_content: Text,
}

impl Sarif {
    /// A SARIF renderer describing every rule tadqiq has.
    pub fn new() -> Self {
        Self::with_rules(rules::all().iter().map(|r| r.meta()).collect())
    }

    pub fn with_rules(rules: Vec<&'static RuleMeta>) -> Self {
        Self { rules }
    }

    /// The SARIF `result` objects of one file.
    pub fn results(&self, file: &FileReport<'_>) -> Vec<SarifResult> {
        let uri = path_to_uri(file.path);
        file.diagnostics
            .iter()
            .map(|d| self.result(file, d, &uri))
            .collect()
    }

    fn result(&self, file: &FileReport<'_>, d: &Diagnostic, uri: &str) -> SarifResult {
        let region = region(&file.location(d));
        let artifact = ArtifactLocation {
            uri: uri.to_string(),
        };
        let word = &file.text[file.span(d)];
        let fixes = d
            .suggestions
            .iter()
            .map(|s| Fix {
                description: Text {
                    text: format!("Replace «{word}» with «{s}»"),
                },
                artifact_changes: [ArtifactChange {
                    artifact_location: artifact.clone(),
                    replacements: [Replacement {
                        deleted_region: region,
                        inserted_content: Text { text: s.clone() },
                    }],
                }],
            })
            .collect();
        let related_locations = d
            .others
            .iter()
            .enumerate()
            .map(|(i, o)| {
                let word = &file.text[file.clamp(&o.span)];
                ResultLocation {
                    id: Some(i + 1),
                    physical_location: PhysicalLocation {
                        artifact_location: artifact.clone(),
                        region: self::region(&file.location_of(&o.span)),
                    },
                    message: Some(Text {
                        text: match o.suggestions.first() {
                            Some(s) => format!("also «{word}»: «{s}»"),
                            None => format!("also «{word}»"),
                        },
                    }),
                }
            })
            .collect();
        let mut message = d.message.clone();
        if let Some(note) = file.fold_note(d) {
            message.push_str(&format!(" ({note})"));
        }
        SarifResult {
            rule_id: d.rule_id(),
            rule_index: self.rules.iter().position(|r| r.id == d.rule),
            level: level(d.severity),
            message: Text { text: message },
            locations: [ResultLocation {
                id: None,
                physical_location: PhysicalLocation {
                    artifact_location: artifact,
                    region,
                },
                message: None,
            }],
            related_locations,
            fixes,
        }
    }

    /// The whole SARIF log around `results`.
    pub fn log(&self, results: Vec<SarifResult>) -> Log {
        let rules = self
            .rules
            .iter()
            .map(|r| {
                let docs = Text {
                    text: docs_text(r.docs),
                };
                ReportingDescriptor {
                    id: format!("tadqiq/{}", r.id),
                    name: r.id,
                    short_description: Text {
                        text: r.summary.to_string(),
                    },
                    full_description: docs.clone(),
                    help: docs,
                    default_configuration: Configuration {
                        level: level(r.default_severity),
                    },
                }
            })
            .collect();
        Log {
            schema: SCHEMA,
            version: "2.1.0",
            runs: [Run {
                tool: Tool {
                    driver: Driver {
                        name: "tadqiq",
                        version: env!("CARGO_PKG_VERSION"),
                        semantic_version: env!("CARGO_PKG_VERSION"),
                        rules,
                    },
                },
                column_kind: "unicodeCodePoints",
                results,
            }],
        }
    }

    /// Write the SARIF log (pretty-printed, with a final newline).
    pub fn write(&self, results: Vec<SarifResult>, out: &mut impl Write) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, &self.log(results))?;
        out.write_all(b"\n")
    }
}

fn region(loc: &Location) -> Region {
    Region {
        start_line: loc.line,
        start_column: loc.column,
        end_line: loc.end_line,
        end_column: loc.end_column,
    }
}

/// SARIF has no hint level: infos and hints are notes.
fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    }
}

/// A displayed path as a URI reference: `/` separators, RFC 3986 unreserved characters kept,
/// everything else percent-encoded (UTF-8); absolute paths become `file://` URIs.
pub fn path_to_uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let path = path.strip_prefix("./").unwrap_or(&path);
    let mut out = String::with_capacity(path.len() + 8);
    let windows_drive = path.len() >= 2
        && path.as_bytes()[0].is_ascii_alphabetic()
        && path.as_bytes()[1] == b':'
        && (path.len() == 2 || path.as_bytes()[2] == b'/');
    if path.starts_with('/') {
        out.push_str("file://");
    } else if windows_drive {
        out.push_str("file:///");
    }
    for (i, b) in path.bytes().enumerate() {
        let keep = b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/')
            || (windows_drive && i == 1);
        if keep {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Applicability;
    use serde_json::json;

    #[test]
    fn uris_are_encoded() {
        assert_eq!(path_to_uri("dir/a b.txt"), "dir/a%20b.txt");
        assert_eq!(path_to_uri("./x.md"), "x.md");
        assert_eq!(
            path_to_uri("/tmp/خبر.txt"),
            "file:///tmp/%D8%AE%D8%A8%D8%B1.txt"
        );
        assert_eq!(path_to_uri("C:\\a\\b.txt"), "file:///C:/a/b.txt");
        assert_eq!(path_to_uri("<stdin>"), "%3Cstdin%3E");
    }

    #[test]
    fn results_carry_regions_and_fixes() {
        let text = "\u{FEFF}سطر\r\n😀 أن القاء";
        let s = text.find("القاء").unwrap();
        let diags = vec![Diagnostic::new(
            "spelling",
            Severity::Error,
            s..s + "القاء".len(),
            "«القاء» is not a known word; did you mean «اللقاء»?",
        )
        .with_suggestions(vec!["اللقاء".into()], Applicability::Safe)];
        let f = FileReport::new("news/a.txt", text, &diags);
        let sarif = Sarif::new();
        let log = serde_json::to_value(sarif.log(sarif.results(&f))).unwrap();
        let run = &log["runs"][0];
        assert_eq!(log["version"], "2.1.0");
        assert_eq!(run["columnKind"], "unicodeCodePoints");
        let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
        assert!(rules.iter().any(|r| r["id"] == "tadqiq/spelling"));
        let r = &run["results"][0];
        assert_eq!(r["ruleId"], "tadqiq/spelling");
        assert_eq!(
            rules[r["ruleIndex"].as_u64().unwrap() as usize]["id"],
            "tadqiq/spelling"
        );
        assert_eq!(r["level"], "error");
        let region = &r["locations"][0]["physicalLocation"]["region"];
        assert_eq!(
            region,
            &json!({"startLine": 2, "startColumn": 6, "endLine": 2, "endColumn": 11})
        );
        assert_eq!(
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "news/a.txt"
        );
        let rep = &r["fixes"][0]["artifactChanges"][0]["replacements"][0];
        assert_eq!(rep["deletedRegion"], *region);
        assert_eq!(rep["insertedContent"]["text"], "اللقاء");
    }
}
