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

use std::collections::HashMap;

use super::PostEntry;

/// The width of a post's box; its height grows with the lines its text wraps to.
pub const BOX_W: i64 = 240;
/// The height of a box of one line, and of each further line.
const PAD: i64 = 10;
const LINE_H: i64 = 16;
const H_GAP: i64 = 28;
const V_GAP: i64 = 44;
const STACK_GAP: i64 = 14;
const STACK_INDENT: i64 = 26;
const MARGIN: i64 = 16;
/// Charts wider than this are split by directorate for print: scaled to an A4 page, a
/// wider one would set its text below a legible size.
pub const SPLIT_WIDTH: i64 = 1200;

/// Where each post is drawn, and the lines between them.
pub struct Layout {
    /// The top-left corner of each post's box, in the order of the posts.
    pub boxes: Vec<(i64, i64)>,
    /// The height of each post's box.
    pub heights: Vec<i64>,
    /// Each post's manager in the tree (its first `reports_to` line, unless that closes
    /// a circle).
    pub parent: Vec<Option<usize>>,
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
    let heights: Vec<i64> = posts.iter().map(|p| box_height(&lines_of(p, None))).collect();
    layout_with(posts, &heights)
}

/// Lays out the posts with boxes of the given heights.
fn layout_with(posts: &[PostEntry], heights: &[i64]) -> Layout {
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

    let heights = heights.to_vec();
    let height_of = |i: usize| heights[i];

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
        let target = tallest.max(8 * (box_height(&[]) + 2 * LINE_H + STACK_GAP));
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
        heights,
        parent,
        edges,
        width: right + MARGIN,
        height: bottom + MARGIN,
    }
}

/// A line of text in a post's box, with its class.
struct Line {
    class: &'static str,
    text: String,
}

/// What a post's box says, wrapped to its width: the title in full, the holder, the roles
/// by their titles (and whether the post is vacant), the partner councils, and the
/// numbers of the findings about it; then `note` (where its team continues, in a chart
/// split for print).
fn lines_of(post: &PostEntry, note: Option<&str>) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut add = |class: &'static str, text: &str, width: usize| {
        lines.extend(wrap(text, width).into_iter().map(|text| Line { class, text }));
    };
    add("title", post.label(), 28);
    if let Some(holder) = &post.holder {
        add("holder", holder, 34);
    }
    let mut roles = post.roles_shown.join(" · ");
    if post.vacant {
        roles = match roles.is_empty() {
            true => "Vacant".into(),
            false => format!("{roles} · vacant"),
        };
    }
    if !roles.is_empty() {
        add(if post.is_combined() { "roles combined" } else { "roles" }, &roles, 30);
    }
    if !post.shared_with.is_empty() {
        let partners: Vec<&str> = post.shared_with.iter().map(|p| p.label()).collect();
        add("shared", &format!("Shared with {}", partners.join(", ")), 34);
    }
    if !post.findings.is_empty() {
        add("codes", &format!("⚠ {}", numbers("finding", &post.findings)), 32);
    }
    if !post.departed.is_empty() {
        add(
            "departed",
            &format!("Departed: {}", numbers("finding", &post.departed)),
            34,
        );
    }
    if let Some(note) = note {
        add("note", note, 34);
    }
    lines
}

/// "finding 3", "findings 2, 4".
pub fn numbers(word: &str, numbers: &[usize]) -> String {
    let list: Vec<String> = numbers.iter().map(|n| n.to_string()).collect();
    match numbers.len() {
        1 => format!("{word} {}", list[0]),
        _ => format!("{word}s {}", list.join(", ")),
    }
}

fn box_height(lines: &[Line]) -> i64 {
    2 * PAD + LINE_H * (lines.len().max(1) as i64)
}

/// `text` in lines of at most about `width` characters, broken between words (a word
/// longer than a line is broken where it must be). Nothing is left out.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let mut word = word.to_string();
        loop {
            let room = width.saturating_sub(line.chars().count() + usize::from(!line.is_empty()));
            if word.chars().count() <= room {
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(&word);
                break;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                continue;
            }
            // A word longer than a whole line.
            let head: String = word.chars().take(width).collect();
            word = word.chars().skip(width).collect();
            lines.push(head);
            if word.is_empty() {
                break;
            }
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// One drawing of a chart split for print: a caption and the SVG.
pub struct Part {
    pub caption: String,
    pub svg: String,
}

/// The chart as a standalone SVG document (no scripts, no external resources).
pub fn svg(council: &str, posts: &[PostEntry]) -> String {
    draw(&format!("Organisation chart of {council}"), posts, &HashMap::new())
}

/// The chart as it is printed: whole where it fits a page, else split by directorate (the
/// top of the council, then the team of each post at its second level, and so on while a
/// team is still too wide), each with marks saying where the rest continues. Every post is
/// in exactly one part.
pub fn parts(council: &str, posts: &[PostEntry]) -> Vec<Part> {
    let whole = layout(posts);
    if whole.width <= SPLIT_WIDTH {
        return vec![Part {
            caption: format!("Organisation chart of {council}"),
            svg: draw(&format!("Organisation chart of {council}"), posts, &HashMap::new()),
        }];
    }
    let n = posts.len();
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, p) in whole.parent.iter().enumerate() {
        if let Some(p) = *p {
            children[p].push(i);
        }
    }
    // Each part: its top posts (drawn with their teams as far as they fit) and the
    // chart it continues from.
    struct Plan {
        tops: Vec<usize>,
        from: Option<(usize, usize)>,
    }
    let roots: Vec<usize> = (0..n).filter(|&i| whole.parent[i].is_none()).collect();
    let mut plans = vec![Plan {
        tops: roots,
        from: None,
    }];
    // Teams drawn in a later part, by their head.
    let mut cut = vec![false; n];
    let members_of = |tops: &[usize], cut: &[bool]| {
        let mut members = Vec::new();
        let mut stack: Vec<usize> = tops.to_vec();
        while let Some(i) = stack.pop() {
            members.push(i);
            stack.extend(children[i].iter().copied().filter(|&c| !cut[c]));
        }
        members
    };
    let subtree_size = |head: usize| members_of(&[head], &vec![false; n]).len();
    let width_of = |members: &[usize]| {
        let subset: Vec<PostEntry> = members.iter().map(|&i| posts[i].clone()).collect();
        layout(&subset).width
    };
    let mut k = 0;
    while k < plans.len() {
        // While the part is too wide, the largest team under one of its tops' direct
        // reports goes to a later part.
        let mut heads: Vec<(usize, usize)> = Vec::new();
        loop {
            let members = members_of(&plans[k].tops, &cut);
            if width_of(&members) <= SPLIT_WIDTH {
                break;
            }
            let candidate = plans[k]
                .tops
                .iter()
                .flat_map(|&t| children[t].iter().map(move |&c| (t, c)))
                .filter(|&(_, c)| !cut[c] && !children[c].is_empty())
                .max_by_key(|&(_, c)| subtree_size(c));
            let Some((manager, head)) = candidate else { break };
            cut[head] = true;
            heads.push((manager, head));
        }
        // Teams under the same manager share a part while they fit side by side.
        heads.sort_by_key(|&(manager, head)| (manager, head));
        let mut group: Vec<usize> = Vec::new();
        let mut group_manager = None;
        for (manager, head) in heads {
            let mut tried = group.clone();
            tried.push(head);
            let fits = group_manager == Some(manager) && width_of(&members_of(&tried, &cut)) <= SPLIT_WIDTH;
            if !fits && !group.is_empty() {
                plans.push(Plan {
                    tops: std::mem::take(&mut group),
                    from: group_manager.map(|m| (k, m)),
                });
            }
            group.push(head);
            group_manager = Some(manager);
        }
        if !group.is_empty() {
            plans.push(Plan {
                tops: group,
                from: group_manager.map(|m| (k, m)),
            });
        }
        k += 1;
    }
    let total = plans.len();
    let mut out = Vec::with_capacity(total);
    for (at, plan) in plans.iter().enumerate() {
        // The part's posts, and the heads of the teams continued in later parts (drawn
        // here too, with a mark saying where their team is).
        let mut mine = members_of(&plan.tops, &cut);
        let mut notes: HashMap<usize, String> = HashMap::new();
        for (later, next) in plans.iter().enumerate().skip(at + 1) {
            if next.from.is_some_and(|(from, _)| from == at) {
                for &head in &next.tops {
                    mine.push(head);
                    notes.insert(head, format!("↓ Team continues in chart {} of {total}", later + 1));
                }
            }
        }
        if let Some((from, manager)) = plan.from {
            for &top in &plan.tops {
                notes.insert(
                    top,
                    format!(
                        "↑ Reports to {}, in chart {} of {total}",
                        posts[manager].label(),
                        from + 1
                    ),
                );
            }
        }
        mine.sort_unstable();
        let shown: Vec<PostEntry> = mine
            .iter()
            .map(|&i| {
                let mut post = posts[i].clone();
                if plan.tops.contains(&i) && plan.from.is_some() {
                    // Its manager is drawn in another part.
                    post.reports_to.clear();
                }
                post
            })
            .collect();
        let notes: HashMap<usize, String> = mine
            .iter()
            .enumerate()
            .filter_map(|(j, i)| notes.get(i).map(|note| (j, note.clone())))
            .collect();
        let caption = match plan.from {
            None => format!("Organisation chart of {council}, chart 1 of {total}: the top of the council"),
            Some(_) => {
                let heads: Vec<&str> = plan.tops.iter().map(|&t| posts[t].label()).collect();
                let teams = match heads.as_slice() {
                    [one] => format!("the team of {one}"),
                    [rest @ .., last] => format!("the teams of {}; and {last}", rest.join("; ")),
                    [] => String::new(),
                };
                format!("Organisation chart of {council}, chart {} of {total}: {teams}", at + 1)
            }
        };
        out.push(Part {
            svg: draw(&caption, &shown, &notes),
            caption,
        });
    }
    out
}

/// Draws `posts` as one SVG, with `notes` (by position in `posts`) under their boxes.
fn draw(label: &str, posts: &[PostEntry], notes: &HashMap<usize, String>) -> String {
    let mut layout = layout(posts);
    let texts: Vec<Vec<Line>> = posts
        .iter()
        .enumerate()
        .map(|(i, p)| lines_of(p, notes.get(&i).map(String::as_str)))
        .collect();
    if !notes.is_empty() {
        // The notes make boxes taller: lay out again with room for them.
        let extra: Vec<i64> = texts.iter().map(|t| box_height(t)).collect();
        layout = layout_with(posts, &extra);
    }
    let mut out = String::new();
    let (w, h) = (
        layout.width.max(BOX_W + 2 * MARGIN),
        layout.height.max(2 * MARGIN + LINE_H),
    );
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img" aria-label="{label}">"#,
        label = escape(label),
    );
    out.push_str(STYLE);
    out.push_str(r#"<g class="lines">"#);
    for edge in &layout.edges {
        let (fx, fy) = layout.boxes[edge.from];
        let (tx, ty) = layout.boxes[edge.to];
        let to_bottom = ty + layout.heights[edge.to];
        let path = if let Some(trunk) = edge.trunk {
            // Down the side of the stack, then across to the post.
            format!(
                "M{} {to_bottom} V{} H{trunk} V{} H{fx}",
                tx + BOX_W / 2,
                to_bottom + V_GAP / 2,
                fy + (PAD + LINE_H)
            )
        } else if edge.tree {
            let mid = to_bottom + V_GAP / 2;
            format!("M{} {to_bottom} V{mid} H{} V{fy}", tx + BOX_W / 2, fx + BOX_W / 2)
        } else {
            // Another reporting line, or one that closes a circle: a curve between centres.
            let (ax, ay) = (fx + BOX_W / 2, fy + layout.heights[edge.from] / 2);
            let (bx, by) = (tx + BOX_W / 2, ty + layout.heights[edge.to] / 2);
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
    for ((post, &(x, y)), (lines, &height)) in posts.iter().zip(&layout.boxes).zip(texts.iter().zip(&layout.heights)) {
        post_box(&mut out, post, lines, x, y, height);
    }
    out.push_str("</svg>");
    out
}

fn post_box(out: &mut String, post: &PostEntry, lines: &[Line], x: i64, y: i64, height: i64) {
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
    if !post.findings.is_empty() {
        classes.push("problem");
    }
    if post.vacant {
        classes.push("vacant");
    }
    let _ = write!(
        out,
        r#"<g class="{}" data-post="{}" transform="translate({x} {y})">"#,
        classes.join(" "),
        escape(&post.id)
    );
    // The tooltip keeps the names as declared, for whoever maintains the file.
    let mut tip = format!("{} (as declared: {}, {})", post.label(), post.id, post.kind);
    if !post.roles.is_empty() {
        let _ = write!(tip, "\nholds {}", post.roles.join(", "));
    }
    if !post.shared_with.is_empty() {
        let ids: Vec<&str> = post.shared_with.iter().map(|p| p.id.as_str()).collect();
        let _ = write!(tip, "\nshared with {}", ids.join(", "));
    }
    let _ = write!(out, "<title>{}</title>", escape(&tip));
    let _ = write!(out, r#"<rect class="box" width="{BOX_W}" height="{height}" rx="6"/>"#);
    for (k, line) in lines.iter().enumerate() {
        let _ = write!(
            out,
            r#"<text class="{}" x="10" y="{}">{}</text>"#,
            line.class,
            PAD + LINE_H * (k as i64 + 1) - 4,
            escape(&line.text)
        );
    }
    out.push_str("</g>");
}

const STYLE: &str = "<style>\
.chart{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif}\
.chart .box{fill:#fff;stroke:#8a94a6;stroke-width:1.2}\
.chart .member .box{fill:#fbfaf5}\
.chart .statutory .box{fill:#e6effc;stroke:#1d4ed8;stroke-width:2}\
.chart .shared .box{stroke-dasharray:6 3}\
.chart .vacant .box{stroke-dasharray:2 3}\
.chart .problem .box{stroke:#b91c1c;stroke-width:2.4}\
.chart .title{font-size:13px;font-weight:600;fill:#111827}\
.chart .holder,.chart .shared,.chart .note{font-size:11px;fill:#374151}\
.chart .roles{font-size:12px;font-weight:600;fill:#1e3a8a}\
.chart .roles.combined{fill:#92400e}\
.chart .codes{font-size:11px;font-weight:600;fill:#b91c1c}\
.chart .departed{font-size:11px;fill:#374151}\
.chart .note{font-style:italic}\
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
