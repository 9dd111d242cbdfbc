//! The chart's layout: a forest of reporting lines, each post's team sized children
//! first, then placed parents first; linear in the posts, without recursion.

use super::*;

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

/// Lays out the posts with boxes of the given heights: the tree, the size of each
/// post's team, where each box goes, then the lines.
pub(super) fn layout_with(posts: &[PostEntry], heights: &[i64]) -> Layout {
    let tree = Tree::of(posts);
    let sizes = Sizes::of(&tree, heights);
    let (boxes, trunk, bottom) = positions(&tree, &sizes, heights);
    let mut edges = Vec::new();
    for (i, ts) in tree.targets.iter().enumerate() {
        for (k, &t) in ts.iter().enumerate() {
            let on_tree = k == 0 && tree.parent[i] == Some(t);
            edges.push(Edge {
                from: i,
                to: t,
                tree: on_tree,
                trunk: if on_tree { trunk[i] } else { None },
            });
        }
    }
    let right = boxes.iter().map(|b| b.0 + BOX_W).max().unwrap_or(0);
    Layout {
        boxes,
        heights: heights.to_vec(),
        parent: tree.parent,
        edges,
        width: right + MARGIN,
        height: bottom + MARGIN,
    }
}

/// The posts as a forest of reporting lines: each post under the first post it reports
/// to, unless that would close a circle; roots in declaration order.
struct Tree {
    /// The posts each reports to, by index.
    targets: Vec<Vec<usize>>,
    parent: Vec<Option<usize>>,
    children: Vec<Vec<usize>>,
    /// Parents before children.
    order: Vec<usize>,
    roots: Vec<usize>,
}

impl Tree {
    fn of(posts: &[PostEntry]) -> Tree {
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
        // Two cursors that only move forward, so that finding every root takes linear
        // time however many trees there are: a post passed over is placed, or is not a
        // root and never becomes one.
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
        Tree {
            targets,
            parent,
            children,
            order,
            roots,
        }
    }
}

/// The space each post and its team take, and how its reports are placed.
struct Sizes {
    width: Vec<i64>,
    /// The height of the post with its team below it.
    height: Vec<i64>,
    /// The width the children take, which may be less than the post's own.
    inner: Vec<i64>,
    plan: Vec<Plan>,
}

impl Sizes {
    /// Sizes, children before parents. A manager's narrow reports (those who manage
    /// nobody, or only a short line of posts) are stacked in columns under it; reports who
    /// manage wider teams spread sideways. A team of up to three is drawn side by side,
    /// as in a plain tree.
    fn of(tree: &Tree, heights: &[i64]) -> Sizes {
        let n = heights.len();
        let mut width = vec![BOX_W; n];
        let mut height: Vec<i64> = heights.to_vec();
        let mut inner = vec![0; n];
        let mut plan: Vec<Plan> = (0..n).map(|_| Plan::default()).collect();
        for &i in tree.order.iter().rev() {
            let children = &tree.children[i];
            if children.is_empty() {
                continue;
            }
            let narrow = |c: usize| width[c] <= BOX_W + 2 * STACK_INDENT;
            let small_team = children.len() <= 3;
            let (stacked, row): (Vec<usize>, Vec<usize>) = if small_team {
                (Vec::new(), children.clone())
            } else {
                children.iter().partition(|&&c| narrow(c))
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
            height[i] = heights[i] + V_GAP + stacks_height.max(row_height);
            plan[i] = Plan {
                stacks,
                stack_widths,
                row,
            };
        }
        Sizes {
            width,
            height,
            inner,
            plan,
        }
    }
}

/// Positions, parents before children: each box's top-left corner, for a stacked post
/// the x of the line down its stack, and the bottom of the lowest box.
fn positions(tree: &Tree, sizes: &Sizes, heights: &[i64]) -> (Vec<(i64, i64)>, Vec<Option<i64>>, i64) {
    let n = heights.len();
    let Sizes {
        width,
        height,
        inner,
        plan,
    } = sizes;
    let mut boxes = vec![(0, 0); n];
    let mut left = vec![0; n];
    let mut x = MARGIN;
    for &r in tree.roots.iter().filter(|&&r| !tree.children[r].is_empty()) {
        left[r] = x;
        boxes[r].1 = MARGIN;
        x += width[r] + H_GAP * 2;
    }
    // Posts in no reporting line at all (councillors often declare none) go after the
    // trees in columns of up to eight, rather than in one long row.
    let lone: Vec<usize> = tree
        .roots
        .iter()
        .copied()
        .filter(|&r| tree.children[r].is_empty())
        .collect();
    for column in lone.chunks(8) {
        let mut y = MARGIN;
        for &r in column {
            left[r] = x;
            boxes[r].1 = y;
            y += heights[r] + STACK_GAP;
        }
        x += BOX_W + H_GAP;
    }
    let mut trunk: Vec<Option<i64>> = vec![None; n];
    let mut bottom = MARGIN;
    for &i in &tree.order {
        let (x0, y) = (left[i], boxes[i].1);
        boxes[i].0 = if trunk[i].is_some() {
            x0
        } else {
            x0 + (width[i] - BOX_W) / 2
        };
        bottom = bottom.max(y + heights[i]);
        let below = y + heights[i] + V_GAP;
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
    (boxes, trunk, bottom)
}
