//! The chart as SVG, and split by directorate for print.

use super::*;

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
