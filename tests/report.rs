//! `regard report` and `regard graph`: the statements say who holds each role, where the
//! reporting lines go and what the check found; the Markdown and JSON are snapshotted;
//! the HTML and SVG are well-formed XML with a chart node for every post; the chart of a
//! large council does not overlap itself; and, with Chromium installed (as `.ci/run`
//! does), the HTML renders with its chart on the page.

use std::path::{Path, PathBuf};
use std::process::Command;

use regard::generate::{self, Config};
use regard::report::{self, Report, chart};
use regard::{Input, Options, Session};

const AS_OF: &str = "2026-11-23";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn report_of(paths: &[&str], only: Option<&str>) -> Result<Report, String> {
    let paths: Vec<PathBuf> = paths.iter().map(|p| root().join(p)).collect();
    let mut inputs = regard::files::collect(&paths).unwrap();
    // Paths as a user in the project folder would see them, whatever the working folder.
    let prefix = format!("{}/", root().display());
    for input in &mut inputs {
        input.path = input.path.trim_start_matches(&prefix).to_string();
    }
    let options = Options {
        as_of: AS_OF.parse().unwrap(),
        stdlib: true,
    };
    let mut session = Session::new(inputs, options);
    report::build(&mut session, only)
}

fn report_of_text(path: &str, text: String) -> Report {
    let options = Options {
        as_of: AS_OF.parse().unwrap(),
        stdlib: true,
    };
    let mut session = Session::new(vec![Input::text(path, text)], options);
    report::build(&mut session, None).unwrap()
}

fn regard(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_regard"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("regard runs")
}

#[test]
fn the_markdown_and_json_of_the_examples() {
    let report = report_of(&["examples"], None).unwrap();
    insta::assert_snapshot!("examples.md", report::markdown::render(&report));
    insta::assert_snapshot!("examples.json", report::to_json(&report));
    let one = report_of(&["tests/report/circle.regard"], None).unwrap();
    insta::assert_snapshot!("circle.md", report::markdown::render(&one));
}

#[test]
fn statements_say_who_holds_the_roles_and_where_the_lines_go() {
    let report = report_of(&["examples", "tests/report"], None).unwrap();
    let council = |id: &str| report.councils.iter().find(|c| c.id == id).unwrap();
    let roles = |id: &str, role: &str| {
        council(id)
            .statutory_roles
            .iter()
            .find(|r| r.role == role)
            .map(|r| r.holders.iter().map(|h| h.post.clone()).collect::<Vec<_>>())
    };

    // An interim Chief Executive who is also the DCS: both roles, one post, the Chief
    // Executive's role held on an interim basis and the DCS role not.
    let eastwick = council("eastwick");
    assert_eq!(roles("eastwick", "DCS"), Some(vec!["chief_executive".to_string()]));
    let dcs = &eastwick.statutory_roles[0].holders[0];
    assert!(!dcs.interim);
    let chief = eastwick
        .statutory_roles
        .iter()
        .find(|r| r.role == "ChiefExecutive")
        .unwrap();
    assert!(chief.holders[0].interim);
    assert_eq!(chief.holders[0].basis(), "interim");
    assert_eq!(dcs.other_roles, ["ChiefExecutive"]);
    assert_eq!(dcs.holder.as_deref(), Some("Sam <Okafor>"));
    // The DCS line reaches at once; the LMCS line goes round a circle.
    let lines = &eastwick.reporting_lines;
    assert!(lines[0].reaches && lines[0].path.len() == 1, "{lines:?}");
    assert!(lines[1].reaches, "the LMCS reports to the leader: {lines:?}");
    assert_eq!(eastwick.verdict.outcome, report::Outcome::Errors);
    assert!(eastwick.findings.iter().any(|f| f.code == "E0202"));
    // The combined post and its assurance record, with its age at the check date.
    let combined = &eastwick.combined_roles[0];
    assert_eq!(combined.assurance[0].record, "interim_2025");
    assert_eq!(combined.assurance[0].age.as_deref(), Some("1 year 8 months"));
    assert_eq!(combined.assurance[0].age_days, Some(632));
    // A post shared between councils is marked, in the statement and on the chart.
    let millbrook = council("millbrook");
    let shared = millbrook.posts.iter().find(|p| !p.shared_with.is_empty()).unwrap();
    assert_eq!(shared.shared_with, ["stanford_on_sea"]);
    let dcs = &millbrook.statutory_roles[0].holders[0];
    assert_eq!(dcs.shared_with, ["stanford_on_sea"]);

    // An elected Mayor gets a row of its own, in place of a Leader nobody holds, and is
    // where the LMCS's line goes; councils without one have no Mayor row.
    assert!(roles("riverside", "Mayor").is_some_and(|h| !h.is_empty()));
    assert_eq!(roles("riverside", "Leader"), None);
    assert_eq!(council("riverside").reporting_lines[1].to_role, "Mayor");
    assert_eq!(roles("fenmarsh", "Mayor"), None);

    // Departures with their reasons; findings they excuse are counted as departed.
    let harbourside = council("harbourside");
    assert_eq!(harbourside.departures.len(), 2);
    assert!(harbourside.departures[0].reason.contains("restructure"));
    assert!(harbourside.verdict.departed >= 1);

    // The overview counts every council once.
    let o = &report.overview;
    assert_eq!(o.councils, report.councils.len());
    assert_eq!(o.with_errors + o.with_warnings + o.meeting_the_guidance, o.councils);
    assert!(o.common_problems.windows(2).all(|w| w[0].councils >= w[1].councils));
}

/// Every `<g class="post ...">` of an SVG element, by its `data-post`.
fn chart_posts(svg: roxmltree::Node<'_, '_>) -> Vec<String> {
    svg.descendants()
        .filter(|n| {
            n.tag_name().name() == "g" && n.attribute("class").is_some_and(|c| c.split(' ').any(|w| w == "post"))
        })
        .map(|n| n.attribute("data-post").unwrap().to_string())
        .collect()
}

#[test]
fn the_html_is_well_formed_with_a_chart_node_for_every_post() {
    let report = report_of(&["examples", "tests/report"], None).unwrap();
    let html = report::html::render(&report);
    // The page starts `<!DOCTYPE html>`, which XML reads as a (harmless) DTD.
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let document = roxmltree::Document::parse_with_options(&html, options)
        .unwrap_or_else(|e| panic!("the HTML is not well-formed: {e}"));
    let sections: Vec<_> = document
        .descendants()
        .filter(|n| n.tag_name().name() == "section" && n.attribute("class") == Some("statement"))
        .collect();
    assert_eq!(sections.len(), report.councils.len());
    for (section, council) in sections.iter().zip(&report.councils) {
        assert_eq!(
            section.attribute("id"),
            Some(format!("council-{}", council.id).as_str())
        );
        let svg = section
            .descendants()
            .find(|n| n.tag_name().name() == "svg")
            .expect("a chart");
        let expected: Vec<String> = council.posts.iter().map(|p| p.id.clone()).collect();
        assert_eq!(chart_posts(svg), expected, "{}", council.id);
    }
    // The overview links to every statement.
    let links: Vec<&str> = document
        .descendants()
        .filter_map(|n| n.attribute("href"))
        .filter(|h| h.starts_with("#council-"))
        .collect();
    assert_eq!(links.len(), report.councils.len());
    // Nothing is fetched from elsewhere.
    for attr in ["src=", "<link", "<script", "@import", "url("] {
        assert!(!html.contains(attr), "the page must be self-contained, but has {attr}");
    }
    // The user's text is escaped.
    assert!(html.contains("Sam &lt;Okafor&gt;"));
    assert!(html.contains("Interim Chief Executive &amp; DCS"));
}

#[test]
fn the_chart_of_a_large_council_is_valid_svg_and_does_not_overlap() {
    for (posts, seed) in [(60, 4), (60, 9), (200, 2)] {
        let mut config = Config::national(1, seed);
        config.extra_posts = posts;
        let text = generate::councils(config).remove(0).text;
        let report = report_of_text("big.regard", text);
        let council = &report.councils[0];
        assert!(council.posts.len() >= posts);
        let svg = chart::svg(&council.name, &council.posts);
        let document = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("the SVG is not valid XML: {e}"));
        assert_eq!(chart_posts(document.root_element()).len(), council.posts.len());

        let layout = chart::layout(&council.posts);
        let boxes = &layout.boxes;
        for i in 0..boxes.len() {
            for j in i + 1..boxes.len() {
                let (a, b) = (boxes[i], boxes[j]);
                let apart = (a.0 - b.0).abs() >= chart::BOX_W || (a.1 - b.1).abs() >= chart::BOX_H;
                assert!(apart, "posts {i} and {j} overlap at {a:?} and {b:?}");
            }
        }
        assert!(
            boxes
                .iter()
                .all(|b| b.0 >= 0 && b.1 >= 0 && b.0 < layout.width && b.1 < layout.height)
        );
        // Readable: far narrower than a row of every post side by side.
        if posts == 60 {
            assert!(
                layout.width < 60 * 220 / 3,
                "{} posts take {} px",
                council.posts.len(),
                layout.width
            );
        }
    }
}

#[test]
fn a_chain_ten_thousand_posts_deep_is_drawn_without_recursion() {
    let mut text = String::from("council deep {\n  officer p0 {\n    holds ChiefExecutive\n  }\n");
    for i in 1..10_000 {
        text.push_str(&format!("  officer p{i} {{\n    reports_to p{}\n  }}\n", i - 1));
    }
    text.push_str("}\n");
    let report = report_of_text("deep.regard", text);
    let started = std::time::Instant::now();
    let svg = chart::svg("deep", &report.councils[0].posts);
    let dot = chart::dot("deep", &report.councils[0].posts);
    assert!(started.elapsed().as_secs() < 5);
    assert_eq!(svg.matches("data-post=").count(), 10_000);
    assert_eq!(dot.matches(" -> ").count(), 9_999);
}

#[test]
fn the_command_line_writes_each_format_and_refuses_unknown_councils() {
    let out = regard(&["report", "examples", "--council", "fenmarch", "--as-of", AS_OF]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("no council `fenmarch`") && stderr.contains("did you mean `fenmarsh`"),
        "{stderr}"
    );

    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("fenmarsh.html");
    let out = regard(&[
        "report",
        "examples",
        "--council",
        "fenmarsh",
        "--as-of",
        AS_OF,
        "--out",
        html.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let written = std::fs::read_to_string(&html).unwrap();
    assert!(written.starts_with("<!DOCTYPE html>") && written.contains("Fenmarsh"));

    let out = regard(&[
        "report",
        "examples/fenmarsh.regard",
        "--format",
        "json",
        "--as-of",
        AS_OF,
    ]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["councils"][0]["id"], "fenmarsh");
    assert_eq!(json["version"], 1);

    let out = regard(&[
        "graph",
        "examples",
        "--council",
        "fenmarsh",
        "--format",
        "dot",
        "--as-of",
        AS_OF,
    ]);
    let dot = String::from_utf8(out.stdout).unwrap();
    assert!(dot.starts_with("// The reporting lines of `fenmarsh`"));
    assert!(
        dot.contains("\"chief_executive\" -> \"director_people\" [dir=back]"),
        "{dot}"
    );

    let out = regard(&["graph", "examples", "--council", "fenmarsh", "--as-of", AS_OF]);
    let svg = String::from_utf8(out.stdout).unwrap();
    roxmltree::Document::parse(&svg).expect("valid SVG");
}

/// Renders the report of an example in headless Chromium: to a PNG (which must not be
/// blank), and to its DOM, where the chart must have a node for each post. Skipped when
/// Chromium is not installed, except in CI, where `.ci/run` installs it.
#[test]
fn chromium_renders_the_report_with_its_chart() {
    let Some(chromium) = ["chromium", "chromium-browser", "google-chrome"].iter().find(|b| {
        Command::new(b)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    }) else {
        assert!(std::env::var_os("CI").is_none(), "CI must install Chromium (.ci/run)");
        eprintln!("skipped: no Chromium");
        return;
    };
    let report = report_of(&["examples/ashby_vale.regard"], None).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("ashby_vale.html");
    std::fs::write(&page, report::html::render(&report)).unwrap();
    let url = format!("file://{}", page.display());
    let headless = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"];

    let png = dir.path().join("ashby_vale.png");
    let out = Command::new(chromium)
        .args(headless)
        .args([
            "--window-size=1280,1800",
            &format!("--screenshot={}", png.display()),
            &url,
        ])
        .output()
        .unwrap();
    let image =
        std::fs::read(&png).unwrap_or_else(|_| panic!("no screenshot: {}", String::from_utf8_lossy(&out.stderr)));
    assert!(image.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    // A blank page compresses to a few kilobytes; a rendered report is far larger.
    assert!(
        image.len() > 50_000,
        "the screenshot is nearly empty ({} bytes)",
        image.len()
    );

    let out = Command::new(chromium)
        .args(headless)
        .args(["--dump-dom", &url])
        .output()
        .unwrap();
    let dom = String::from_utf8_lossy(&out.stdout);
    let council = &report.councils[0];
    for post in &council.posts {
        assert!(
            dom.contains(&format!("data-post=\"{}\"", post.id)),
            "the chart has no node for `{}`",
            post.id
        );
    }
    assert_eq!(dom.matches("<g class=\"post").count(), council.posts.len());
    assert!(dom.contains("<svg"), "the chart is not on the page");
}

#[test]
fn reporting_lines_that_stop_short_say_why() {
    let text = "council a {\n  officer ce {\n    holds ChiefExecutive\n  }\n  officer deputy {\n  }\n  officer dcs {\n    holds DCS\n    reports_to deputy\n  }\n  member lmcs {\n    holds LMCS\n    reports_to x\n  }\n  member x {\n    reports_to lmcs\n  }\n}\n";
    let report = report_of_text("a.regard", text.to_string());
    let lines = &report.councils[0].reporting_lines;
    let path = |i: usize| lines[i].path.iter().map(|p| p.post.as_str()).collect::<Vec<_>>();
    assert!(!lines[0].reaches);
    assert_eq!(path(0), ["dcs", "deputy"]);
    assert_eq!(lines[0].note.as_deref(), Some("`deputy` has no `reports_to` line"));
    assert!(!lines[1].reaches);
    assert_eq!(path(1), ["lmcs", "x", "lmcs"]);
    assert_eq!(
        lines[1].note.as_deref(),
        Some("the reporting lines go round in a circle")
    );
    assert_eq!(lines[1].to_role, "Leader");
    // No Leader is declared: its row says so.
    let leader = report.councils[0]
        .statutory_roles
        .iter()
        .find(|r| r.role == "Leader")
        .unwrap();
    assert!(leader.holders.is_empty());
    let md = report::markdown::render(&report);
    assert!(
        md.contains("| Leader: Leader of the Council | *no post holds this role* |"),
        "{md}"
    );
}

#[test]
fn posts_in_no_reporting_line_are_set_in_columns_not_one_long_row() {
    let mut text = String::from("council c {\n  officer ce {\n    holds ChiefExecutive\n  }\n");
    for i in 0..24 {
        text.push_str(&format!("  member cabinet_{i} \"Cabinet Member {i}\" {{\n  }}\n"));
    }
    text.push_str("}\n");
    let report = report_of_text("c.regard", text);
    let layout = chart::layout(&report.councils[0].posts);
    // 25 posts in no line: four columns, not a row of 25.
    assert!(layout.width < 5 * (chart::BOX_W + 40), "{} px wide", layout.width);
    let columns: std::collections::BTreeSet<i64> = layout.boxes.iter().map(|b| b.0).collect();
    assert_eq!(columns.len(), 4);
}
