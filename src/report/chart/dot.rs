//! The chart as Graphviz DOT.

use super::*;
use crate::diagnostics::escape;

/// The chart in Graphviz's DOT language: managers above their reports, an arrow from
/// each post to the post it reports to.
pub fn dot(council: &str, posts: &[PostEntry]) -> String {
    let mut out = format!(
        "// The reporting lines of `{council}`, from `regard graph`.\n// Render with: dot -Tsvg FILE > chart.svg\ndigraph {} {{\n",
        quote(council)
    );
    out.push_str(
        "  rankdir=TB;\n  node [shape=box, style=\"rounded,filled\", fillcolor=\"white\", fontname=\"Helvetica\"];\n",
    );
    for post in posts {
        let mut label = post.label().to_string();
        if !post.roles.is_empty() {
            label.push('\n');
            label.push_str(&post.roles_shown.join(", "));
        }
        if post.vacant {
            label.push_str("\nvacant");
        }
        if !post.shared_with.is_empty() {
            let partners: Vec<&str> = post.shared_with.iter().map(|p| p.label()).collect();
            label.push_str(&format!("\nshared with {}", partners.join(", ")));
        }
        if !post.findings.is_empty() {
            label.push_str(&format!("\n⚠ {}", numbers("finding", &post.findings)));
        }
        let mut attrs = vec![format!("label={}", quote(&label))];
        if post.is_statutory() {
            attrs.push("fillcolor=\"#e6effc\"".into());
            attrs.push("penwidth=2".into());
        }
        let mut styles = vec!["rounded", "filled"];
        if !post.shared_with.is_empty() {
            styles.push("dashed");
        }
        if styles.len() > 2 {
            attrs.push(format!("style=\"{}\"", styles.join(",")));
        }
        if !post.findings.is_empty() {
            attrs.push("color=\"#b91c1c\"".into());
        }
        if post.is_combined() {
            attrs.push("peripheries=2".into());
        }
        let _ = writeln!(out, "  {} [{}];", quote(&post.id), attrs.join(", "));
    }
    let layout_edges = layout(posts).edges;
    for edge in layout_edges {
        let (report, manager) = (&posts[edge.from].id, &posts[edge.to].id);
        let style = if edge.tree {
            ""
        } else {
            ", style=dashed, constraint=false"
        };
        let _ = writeln!(out, "  {} -> {} [dir=back{style}];", quote(manager), quote(report));
    }
    out.push_str("}\n");
    out
}

/// A DOT string literal. A character that could act on a terminal showing the file (an
/// escape, a C1 control, a bidirectional override) or that DOT cannot hold is written as
/// its visible placeholder (`␛`), as terminal reports do.
fn quote(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if escape::is_unsafe_in_terminal(c) || !escape::is_xml_char(c) => out.push(escape::placeholder(c)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
