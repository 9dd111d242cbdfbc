//! The organisation chart: a council's reporting lines as a tree, drawn as SVG (for the
//! HTML report and `regard graph`) or written as Graphviz DOT.
//!
//! The layout is a tidy tree in the style of an organisation chart, of our own: general
//! graph layout crates (layered, Sugiyama-style) put every post reporting to the same
//! manager on one row, which for a Chief Executive with twenty reports makes a chart
//! thousands of pixels wide. Here a manager's reports who manage nobody are stacked in a
//! column under it, and only those who manage others spread sideways, so a council of 60
//! posts stays a few screens wide at most. Each post's first `reports_to` line makes the
//! tree; further lines, and a line that closes a circle, are drawn dashed. Nothing here
//! recurses: a chain of 10,000 posts is laid out in linear time.

use std::fmt::Write;

use super::PostEntry;

/// The size of a post's box.
pub const BOX_W: i64 = 240;
pub const BOX_H: i64 = 70;
/// The height of the line of problem codes under a post that has problems.
const PROBLEM_H: i64 = 16;
const H_GAP: i64 = 28;
const V_GAP: i64 = 44;
const STACK_GAP: i64 = 14;
const STACK_INDENT: i64 = 26;
const MARGIN: i64 = 16;

/// Where each post is drawn, and the lines between them.
pub struct Layout {
    /// The top-left corner of each post's box, in the order of the posts.
    pub boxes: Vec<(i64, i64)>,
    pub edges: Vec<Edge>,
    pub width: i64,
    pub height: i64,
}

pub struct Edge {
    pub from: usize,
    pub to: usize,
    /// Part of the tree (the post's first `reports_to` line), or drawn dashed.
    pub tree: bool,
    /// For a report stacked under its manager, the x of the line down the stack's side.
    pub trunk: Option<i64>,
}

/// How a post's reports are placed: columns of stacked reports, then a row of reports
/// with wider teams of their own.
#[derive(Default)]
struct Plan {
    stacks: Vec<Vec<usize>>,
    stack_widths: Vec<i64>,
    row: Vec<usize>,
}

/// Lays out the posts as a tree of reporting lines.
pub fn layout(posts: &[PostEntry]) -> Layout {
    let n = posts.len();
    let index: std::collections::HashMap<&str, usize> =
        posts.iter().enumerate().map(|(i, p)| (p.id.as_str(), i)).collect();
    let targets: Vec<Vec<usize>> = posts
        .iter()
        .map(|p| {
            p.reports_to
                .iter()
                .filter_map(|t| index.get(t.as_str()).copied())
                .collect()
        })
        .collect();

    // The tree: each post under the first post it reports to, unless that would close a
    // circle; roots in declaration order.
    let mut parent: Vec<Option<usize>> = vec![None; n];
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut placed = vec![false; n];
    let mut order = Vec::with_capacity(n);
    let mut queue = std::collections::VecDeque::new();
    let mut first_parent: Vec<Option<usize>> = targets.iter().map(|t| t.first().copied()).collect();
    let mut reports: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, p) in first_parent.iter().enumerate() {
        if let Some(p) = *p
            && p != i
        {
            reports[p].push(i);
        }
    }
    let mut roots = Vec::new();
    // Two cursors that only move forward, so that finding every root takes linear time
    // however many trees there are: a post passed over is placed, or is not a root and
    // never becomes one.
    let (mut next_root, mut next_unplaced) = (0, 0);
    loop {
        while next_root < n && (placed[next_root] || first_parent[next_root].is_some_and(|p| p != next_root)) {
            next_root += 1;
        }
        let start = if next_root < n {
            next_root
        } else {
            // Posts only in circles: the first of them not placed starts a tree of its own.
            while next_unplaced < n && placed[next_unplaced] {
                next_unplaced += 1;
            }
            match next_unplaced < n {
                true => next_unplaced,
                false => break,
            }
        };
        first_parent[start] = None;
        roots.push(start);
        placed[start] = true;
        queue.push_back(start);
        while let Some(at) = queue.pop_front() {
            order.push(at);
            for &child in &reports[at] {
                if !placed[child] && first_parent[child] == Some(at) {
                    placed[child] = true;
                    parent[child] = Some(at);
                    children[at].push(child);
                    queue.push_back(child);
                }
            }
        }
    }

    let height_of = |i: usize| BOX_H + if posts[i].problems.is_empty() { 0 } else { PROBLEM_H };

    // Sizes, children before parents. A manager's narrow reports (those who manage
    // nobody, or only a short line of posts) are stacked in columns under it; reports who
    // manage wider teams spread sideways. A team of up to three is drawn side by side, as
    // in a plain tree.
    let mut width = vec![BOX_W; n];
    let mut height: Vec<i64> = (0..n).map(height_of).collect();
    // The width the children take, which may be less than the post's own.
    let mut inner = vec![0; n];
    let mut plan: Vec<Plan> = (0..n).map(|_| Plan::default()).collect();
    for &i in order.iter().rev() {
        if children[i].is_empty() {
            continue;
        }
        let narrow = |c: usize| width[c] <= BOX_W + 2 * STACK_INDENT;
        let small_team = children[i].len() <= 3;
        let (stacked, row): (Vec<usize>, Vec<usize>) = if small_team {
            (Vec::new(), children[i].clone())
        } else {
            children[i].iter().partition(|&&c| narrow(c))
        };
        // Stacks of about eight posts' height each, filled in order.
        let total: i64 = stacked.iter().map(|&c| height[c] + STACK_GAP).sum();
        let tallest = stacked.iter().map(|&c| height[c] + STACK_GAP).max().unwrap_or(0);
        let target = tallest.max(8 * (BOX_H + STACK_GAP));
        let columns = ((total + target - 1) / target).max(1) as usize;
        let per_column = total / columns as i64;
        let mut stacks: Vec<Vec<usize>> = Vec::new();
        let mut filled = i64::MAX;
        for &c in &stacked {
            if filled >= per_column && stacks.len() < columns {
                stacks.push(Vec::new());
                filled = 0;
            }
            stacks.last_mut().expect("a column was just opened").push(c);
            filled += height[c] + STACK_GAP;
        }
        let stack_widths: Vec<i64> = stacks
            .iter()
            .map(|s| STACK_INDENT + s.iter().map(|&c| width[c]).max().unwrap_or(BOX_W))
            .collect();
        let columns_used = stacks.len() + row.len();
        inner[i] = stack_widths.iter().sum::<i64>()
            + row.iter().map(|&c| width[c]).sum::<i64>()
            + H_GAP * (columns_used as i64 - 1).max(0);
        width[i] = inner[i].max(BOX_W);
        let stacks_height = stacks
            .iter()
            .map(|s| s.iter().map(|&c| height[c] + STACK_GAP).sum::<i64>() - STACK_GAP)
            .max()
            .unwrap_or(0);
        let row_height = row.iter().map(|&c| height[c]).max().unwrap_or(0);
        height[i] = height_of(i) + V_GAP + stacks_height.max(row_height);
        plan[i] = Plan {
            stacks,
            stack_widths,
            row,
        };
    }

    // Positions, parents before children.
    let mut boxes = vec![(0, 0); n];
    let mut left = vec![0; n];
    let mut x = MARGIN;
    for &r in roots.iter().filter(|&&r| !children[r].is_empty()) {
        left[r] = x;
        boxes[r].1 = MARGIN;
        x += width[r] + H_GAP * 2;
    }
    // Posts in no reporting line at all (councillors often declare none) go after the
    // trees in columns of up to eight, rather than in one long row.
    let lone: Vec<usize> = roots.iter().copied().filter(|&r| children[r].is_empty()).collect();
    for column in lone.chunks(8) {
        let mut y = MARGIN;
        for &r in column {
            left[r] = x;
            boxes[r].1 = y;
            y += height_of(r) + STACK_GAP;
        }
        x += BOX_W + H_GAP;
    }
    // For a stacked post, the x of the line running down its stack.
    let mut trunk: Vec<Option<i64>> = vec![None; n];
    let mut bottom = MARGIN;
    for &i in &order {
        let (x0, y) = (left[i], boxes[i].1);
        boxes[i].0 = if trunk[i].is_some() {
            x0
        } else {
            x0 + (width[i] - BOX_W) / 2
        };
        bottom = bottom.max(y + height_of(i));
        let below = y + height_of(i) + V_GAP;
        // Centre the children under the post when the post is wider than they are.
        let mut cx = x0 + (width[i] - inner[i]) / 2;
        let Plan {
            stacks,
            stack_widths,
            row,
        } = &plan[i];
        for (stack, w) in stacks.iter().zip(stack_widths) {
            let mut sy = below;
            for &c in stack {
                left[c] = cx + STACK_INDENT;
                boxes[c].1 = sy;
                trunk[c] = Some(cx + STACK_INDENT / 2);
                sy += height[c] + STACK_GAP;
            }
            cx += w + H_GAP;
        }
        for &c in row {
            left[c] = cx;
            boxes[c].1 = below;
            cx += width[c] + H_GAP;
        }
    }

    let mut edges = Vec::new();
    for (i, ts) in targets.iter().enumerate() {
        for (k, &t) in ts.iter().enumerate() {
            let tree = k == 0 && parent[i] == Some(t);
            edges.push(Edge {
                from: i,
                to: t,
                tree,
                trunk: if tree { trunk[i] } else { None },
            });
        }
    }
    let right = boxes.iter().map(|b| b.0 + BOX_W).max().unwrap_or(0);
    Layout {
        boxes,
        edges,
        width: right + MARGIN,
        height: bottom + MARGIN,
    }
}

/// The chart as a standalone SVG document (no scripts, no external resources).
pub fn svg(council: &str, posts: &[PostEntry]) -> String {
    let layout = layout(posts);
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img" aria-label="{label}">"#,
        w = layout.width.max(BOX_W + 2 * MARGIN),
        h = layout.height.max(BOX_H + 2 * MARGIN),
        label = escape(&format!("Organisation chart of {council}")),
    );
    out.push_str(STYLE);
    out.push_str(r#"<g class="lines">"#);
    for edge in &layout.edges {
        let (fx, fy) = layout.boxes[edge.from];
        let (tx, ty) = layout.boxes[edge.to];
        let to_bottom = ty
            + BOX_H
            + if posts[edge.to].problems.is_empty() {
                0
            } else {
                PROBLEM_H
            };
        let path = if let Some(trunk) = edge.trunk {
            // Down the side of the stack, then across to the post.
            format!(
                "M{} {to_bottom} V{} H{trunk} V{} H{fx}",
                tx + BOX_W / 2,
                to_bottom + V_GAP / 2,
                fy + BOX_H / 2
            )
        } else if edge.tree {
            let mid = to_bottom + V_GAP / 2;
            format!("M{} {to_bottom} V{mid} H{} V{fy}", tx + BOX_W / 2, fx + BOX_W / 2)
        } else {
            // Another reporting line, or one that closes a circle: a curve between centres.
            let (ax, ay, bx, by) = (fx + BOX_W / 2, fy + BOX_H / 2, tx + BOX_W / 2, ty + BOX_H / 2);
            format!("M{ax} {ay} C{} {ay} {} {by} {bx} {by}", ax + 80, bx + 80)
        };
        let class = if edge.tree { "line" } else { "line extra" };
        let _ = write!(
            out,
            r#"<path class="{class}" d="{path}" data-from="{}" data-to="{}"/>"#,
            escape(&posts[edge.from].id),
            escape(&posts[edge.to].id)
        );
    }
    out.push_str("</g>");
    for (post, &(x, y)) in posts.iter().zip(&layout.boxes) {
        post_box(&mut out, post, x, y);
    }
    out.push_str("</svg>");
    out
}

fn post_box(out: &mut String, post: &PostEntry, x: i64, y: i64) {
    let mut classes = vec!["post", post.kind];
    if post.is_statutory() {
        classes.push("statutory");
    }
    if post.is_combined() {
        classes.push("combined");
    }
    if !post.shared_with.is_empty() {
        classes.push("shared");
    }
    if !post.problems.is_empty() {
        classes.push("problem");
    }
    let _ = write!(
        out,
        r#"<g class="{}" data-post="{}" transform="translate({x} {y})">"#,
        classes.join(" "),
        escape(&post.id)
    );
    let mut tip = format!("{} ({}, {})", post.label(), post.id, post.kind);
    if !post.roles.is_empty() {
        let _ = write!(tip, "\nholds {}", post.roles.join(", "));
    }
    if let Some(holder) = &post.holder {
        let _ = write!(tip, "\nheld by {holder}");
    }
    if !post.shared_with.is_empty() {
        let _ = write!(tip, "\nshared with {}", post.shared_with.join(", "));
    }
    for code in &post.problems {
        let _ = write!(tip, "\nproblem: {code}");
    }
    let _ = write!(out, "<title>{}</title>", escape(&tip));
    let _ = write!(out, r#"<rect class="box" width="{BOX_W}" height="{BOX_H}" rx="6"/>"#);
    let _ = write!(
        out,
        r#"<text class="title" x="10" y="20">{}</text>"#,
        escape(&truncate(post.label(), 26))
    );
    let mut second = post.id.clone();
    if let Some(holder) = &post.holder {
        second = format!("{second} · {holder}");
    }
    let _ = write!(
        out,
        r#"<text class="id" x="10" y="38">{}</text>"#,
        escape(&truncate(&second, 32))
    );
    let mut third = post.roles_shown().join(" · ");
    if post.vacant {
        third = if third.is_empty() {
            "vacant".into()
        } else {
            format!("{third} (vacant)")
        };
    }
    if !post.shared_with.is_empty() {
        third = format!(
            "{third}{}shared with {}",
            if third.is_empty() { "" } else { " · " },
            post.shared_with.join(", ")
        );
    }
    let room = if post.is_combined() { 19 } else { 28 };
    let _ = write!(
        out,
        r#"<text class="roles" x="10" y="58">{}</text>"#,
        escape(&truncate(&third, room))
    );
    if post.is_combined() {
        let _ = write!(
            out,
            r#"<text class="badge" x="{}" y="58" text-anchor="end">COMBINED</text>"#,
            BOX_W - 8
        );
    }
    if !post.problems.is_empty() {
        let codes: Vec<&str> = post.problems.iter().map(|c| short_code(c)).collect();
        let _ = write!(
            out,
            r#"<text class="codes" x="2" y="{}">⚠ {}</text>"#,
            BOX_H + PROBLEM_H - 4,
            escape(&truncate(&codes.join(", "), 33))
        );
    }
    out.push_str("</g>");
}

/// `dcs_reports_to_chief_executive` for `dcs_lmcs_2013.dcs_reports_to_chief_executive`;
/// built-in codes as they are.
fn short_code(code: &str) -> &str {
    code.rsplit_once('.').map_or(code, |(_, rule)| rule)
}

const STYLE: &str = "<style>\
.chart{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif}\
.chart .box{fill:#fff;stroke:#8a94a6;stroke-width:1.2}\
.chart .member .box{fill:#fbfaf5}\
.chart .statutory .box{fill:#e6effc;stroke:#1d4ed8;stroke-width:2}\
.chart .shared .box{stroke-dasharray:6 3}\
.chart .problem .box{stroke:#b91c1c;stroke-width:2.4}\
.chart .title{font-size:13px;font-weight:600;fill:#111827}\
.chart .id{font-size:11px;font-family:ui-monospace,Menlo,Consolas,monospace;fill:#4b5563}\
.chart .roles{font-size:12px;font-weight:600;fill:#1e3a8a}\
.chart .badge{font-size:10px;font-weight:700;fill:#b45309}\
.chart .codes{font-size:11px;font-weight:600;fill:#b91c1c}\
.chart .line{fill:none;stroke:#6b7280;stroke-width:1.4}\
.chart .extra{stroke:#b45309;stroke-dasharray:5 4}\
</style>";

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
        label.push('\n');
        label.push_str(&post.id);
        if !post.roles.is_empty() {
            label.push('\n');
            label.push_str(&post.roles_shown().join(", "));
        }
        if post.vacant {
            label.push_str("\nvacant");
        }
        if !post.shared_with.is_empty() {
            label.push_str(&format!("\nshared with {}", post.shared_with.join(", ")));
        }
        if !post.problems.is_empty() {
            let codes: Vec<&str> = post.problems.iter().map(|c| short_code(c)).collect();
            label.push_str(&format!("\n⚠ {}", codes.join(", ")));
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
        if !post.problems.is_empty() {
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

/// A DOT string literal.
fn quote(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Text for XML and HTML: markup escaped, characters XML forbids replaced.
pub use crate::diagnostics::escape::xml as escape;

/// At most `max` characters, with an ellipsis when cut.
fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(max - 1).collect();
    cut.push('…');
    cut
}
