//! SARIF 2.1.0 output (`--format sarif`), for GitHub code scanning and other SARIF
//! viewers: one result per diagnostic, one rule entry per code that occurs, with its
//! title, meaning and how to fix it.
//!
//! A departed violation is a result with an in-source suppression carrying the reason,
//! so viewers show it as explained. Files of the standard library are addressed through
//! the base `REGARD_STDLIB`, as they are not files of the user's repository.

use std::collections::{BTreeMap, HashMap};

use serde_sarif::sarif;

use super::lines::Lines;
use super::render::{Context, RuleText};
use super::{Code, Diagnostic, Severity};
use crate::base::{Origin, SourceFile};
use crate::syntax::Span;

const STDLIB_BASE: &str = "REGARD_STDLIB";

/// What a rule entry says about a code: a built-in code's from the code table and its
/// explanation, a rule's as the session described it.
fn rule_text(code: &Code, rules: &HashMap<Code, RuleText>) -> RuleText {
    match code {
        Code::Builtin(b) => {
            let e = super::Explanation::of(*b);
            RuleText {
                title: e.title().to_string(),
                meaning: e.meaning().to_string(),
                help: e.fix().to_string(),
            }
        }
        Code::Rule { .. } => rules.get(code).cloned().unwrap_or_else(|| RuleText {
            title: code.to_string(),
            ..RuleText::default()
        }),
    }
}

fn level(severity: Severity) -> sarif::ResultLevel {
    match severity {
        Severity::Error => sarif::ResultLevel::Error,
        Severity::Warning => sarif::ResultLevel::Warning,
        Severity::Info | Severity::Note => sarif::ResultLevel::Note,
    }
}

/// A path as a URI: a relative URI reference for a relative path, a `file:///` URI for an
/// absolute one; `/` separators, and every byte outside the unreserved characters
/// percent-encoded (so a name with a control or a line break names the real file).
fn uri(path: &str) -> String {
    let path = path.strip_prefix("./").unwrap_or(path);
    let mut out = String::new();
    if path.starts_with('/') {
        out.push_str("file://");
    }
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => out.push(byte as char),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

struct Locator<'db> {
    db: &'db dyn salsa::Database,
    lines: HashMap<SourceFile, Lines<'db>>,
}

impl<'db> Locator<'db> {
    fn location(&mut self, file: SourceFile, span: Span, message: Option<&str>) -> sarif::Location {
        let db = self.db;
        let lines = self.lines.entry(file).or_insert_with(|| Lines::new(file.text(db)));
        let start = lines.clamp(span.start as usize);
        let end = lines.clamp(span.end as usize).max(start);
        let (from, to) = (lines.position(start), lines.position(end));
        let region = sarif::Region::builder()
            .start_line(i64::from(from.line))
            .start_column(i64::from(from.column))
            .end_line(i64::from(to.line))
            .end_column(i64::from(to.column))
            .byte_offset(start as i64)
            .byte_length((end - start) as i64)
            .build();
        let path = file.path(db);
        let artifact = match file.origin(db) {
            Origin::Stdlib => sarif::ArtifactLocation::builder()
                .uri(uri(path.strip_prefix(crate::stdlib::PREFIX).unwrap_or(path)))
                .uri_base_id(STDLIB_BASE)
                .build(),
            Origin::User => sarif::ArtifactLocation::builder().uri(uri(path)).build(),
        };
        let physical = sarif::PhysicalLocation::builder()
            .artifact_location(artifact)
            .region(region)
            .build();
        match message {
            Some(text) => sarif::Location::builder()
                .physical_location(physical)
                .message(sarif::Message::builder().text(text).build())
                .build(),
            None => sarif::Location::builder().physical_location(physical).build(),
        }
    }
}

/// Renders diagnostics as one SARIF 2.1.0 log.
pub fn render(context: &Context<'_>, diagnostics: &[Diagnostic]) -> String {
    let db = context.db;
    let mut codes: Vec<&Code> = diagnostics.iter().map(|d| &d.code).collect();
    codes.sort();
    codes.dedup();
    let index: HashMap<&Code, usize> = codes.iter().enumerate().map(|(i, c)| (*c, i)).collect();
    let rules: Vec<sarif::ReportingDescriptor> = codes
        .iter()
        .map(|code| {
            let text = rule_text(code, &context.rules);
            let default_level = match code {
                Code::Builtin(b) => level(b.severity()),
                Code::Rule { .. } => level(
                    diagnostics
                        .iter()
                        .filter(|d| &d.code == *code)
                        .map(|d| d.severity)
                        .min()
                        .unwrap_or(Severity::Warning),
                ),
            };
            let mut rule = sarif::ReportingDescriptor::builder()
                .id(code.to_string())
                .short_description(sarif::MultiformatMessageString::builder().text(text.title).build())
                .default_configuration(
                    sarif::ReportingConfiguration::builder()
                        .level(serde_json::to_value(default_level).unwrap_or_default())
                        .build(),
                )
                .build();
            if !text.meaning.is_empty() {
                rule.full_description = Some(
                    sarif::MultiformatMessageString::builder()
                        .text(text.meaning.clone())
                        .build(),
                );
            }
            if !text.help.is_empty() {
                // The whole explanation as Markdown, for viewers that show it (GitHub code
                // scanning does), and the fix as plain text.
                let markdown = match code {
                    Code::Builtin(b) => b.explanation().to_string(),
                    Code::Rule { .. } => format!("{}\n\n## How to fix it\n\n{}", text.meaning, text.help),
                };
                rule.help = Some(
                    sarif::MultiformatMessageString::builder()
                        .text(text.help)
                        .markdown(markdown)
                        .build(),
                );
            }
            rule
        })
        .collect();

    let mut locator = Locator {
        db,
        lines: HashMap::new(),
    };
    let results: Vec<sarif::Result> = diagnostics
        .iter()
        .map(|d| {
            let mut text = d.message.clone();
            if let Some(help) = &d.help {
                text.push_str(&format!("\nhelp: {help}"));
            }
            let related: Vec<sarif::Location> = d
                .labels
                .iter()
                .enumerate()
                .map(|(i, l)| {
                    let mut location = locator.location(l.file, l.span, Some(&l.message));
                    location.id = Some(i as i64);
                    location
                })
                .collect();
            let mut properties = BTreeMap::new();
            if let Some(council) = &d.council {
                properties.insert("council".to_string(), serde_json::Value::from(council.clone()));
            }
            if !d.notes.is_empty() {
                properties.insert("notes".to_string(), serde_json::Value::from(d.notes.clone()));
            }
            let mut result = sarif::Result::builder()
                .rule_id(d.code.to_string())
                .rule_index(index[&d.code] as i64)
                .level(level(d.severity))
                .message(sarif::Message::builder().text(text).build())
                .locations(vec![locator.location(d.file, d.span, None)])
                .build();
            if !related.is_empty() {
                result.related_locations = Some(related);
            }
            if !properties.is_empty() {
                result.properties = Some(sarif::PropertyBag::builder().additional_properties(properties).build());
            }
            if let Some(dep) = &d.departure {
                result.suppressions = Some(vec![
                    sarif::Suppression::builder()
                        .kind(serde_json::Value::from("inSource"))
                        .justification(dep.reason.clone())
                        .location(locator.location(dep.file, dep.span, None))
                        .build(),
                ]);
            }
            result
        })
        .collect();

    let driver = sarif::ToolComponent::builder()
        .name("regard")
        .full_name(format!("regard {}", env!("CARGO_PKG_VERSION")))
        .version(env!("CARGO_PKG_VERSION"))
        .semantic_version(env!("CARGO_PKG_VERSION"))
        .rules(rules)
        .build();
    let stdlib_base = sarif::ArtifactLocation::builder()
        .description(
            sarif::Message::builder()
                .text("the regard standard library, built into regard")
                .build(),
        )
        .build();
    let run = sarif::Run::builder()
        .tool(sarif::Tool::builder().driver(driver).build())
        .results(results)
        .column_kind(serde_json::Value::from("unicodeCodePoints"))
        .original_uri_base_ids(BTreeMap::from([(STDLIB_BASE.to_string(), stdlib_base)]))
        .build();
    let log = sarif::Sarif::builder()
        .schema("https://json.schemastore.org/sarif-2.1.0.json")
        .version(serde_json::Value::from("2.1.0"))
        .runs(vec![run])
        .build();
    super::escape::json(&log)
}

#[cfg(test)]
mod tests {
    use super::uri;

    #[test]
    fn paths_become_relative_uri_references() {
        assert_eq!(uri("./examples/a b.regard"), "examples/a%20b.regard");
        assert_eq!(uri("councils/café.regard"), "councils/caf%C3%A9.regard");
        assert_eq!(uri("/srv/councils/a b.regard"), "file:///srv/councils/a%20b.regard");
        assert_eq!(uri("e\u{1b}[31m\n.regard"), "e%1B%5B31m%0A.regard");
    }
}
