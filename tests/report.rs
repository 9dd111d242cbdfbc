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
        as_of_given: false,
    };
    let mut session = Session::new(inputs, options);
    report::build(&mut session, only)
}

fn report_of_text(path: &str, text: String) -> Report {
    let options = Options {
        as_of: AS_OF.parse().unwrap(),
        stdlib: true,
        as_of_given: false,
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
            .find(|r| r.role.id == role)
            .map(|r| r.holders.iter().map(|h| h.post.id.clone()).collect::<Vec<_>>())
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
        .find(|r| r.role.id == "ChiefExecutive")
        .unwrap();
    assert!(chief.holders[0].interim);
    assert_eq!(chief.holders[0].basis(), "interim");
    assert_eq!(dcs.other_roles[0].id, "ChiefExecutive");
    assert_eq!(
        dcs.other_roles[0].label(),
        "Chief Executive (Head of Paid Service)",
        "roles by their titles"
    );
    assert_eq!(dcs.holder.as_deref(), Some("Sam <Okafor>"));
    // The lines as declared, each with what the check said: the Chief Executive who is
    // the DCS reports to nobody, and the check is content; the LMCS's line goes round a
    // circle, and the check's E0202 stands beside it.
    let lines = &eastwick.reporting_lines;
    assert!(
        lines[0].reports_to.is_empty() && lines[0].mark == report::Mark::NoFinding,
        "{lines:?}"
    );
    assert_eq!(lines[1].reports_to[0].id, "leader");
    assert_eq!(lines[1].mark, report::Mark::Finding);
    assert_eq!(eastwick.finding(lines[1].findings[0]).unwrap().code, "E0202");
    assert_eq!(eastwick.verdict.outcome, report::Outcome::Errors);
    // The combined post and its assurance record, with its age at the check date.
    let combined = &eastwick.combined_roles[0];
    assert_eq!(combined.records[0].id, "interim_2025");
    let record = &eastwick.assurance[0];
    assert_eq!(record.record.label(), "Assurance for the interim arrangement");
    assert_eq!(record.age.as_deref(), Some("1 year 8 months"));
    assert_eq!(record.age_days, Some(632));
    // A post shared between councils is marked, in the statement and on the chart.
    let millbrook = council("millbrook");
    let shared = millbrook.posts.iter().find(|p| !p.shared_with.is_empty()).unwrap();
    assert_eq!(shared.shared_with[0].id, "stanford_on_sea");
    let dcs = &millbrook.statutory_roles[0].holders[0];
    assert_eq!(dcs.shared_with[0].id, "stanford_on_sea");
    assert_eq!(dcs.shared_with[0].label(), "Stanford-on-Sea District Council");

    // An elected Mayor gets a row of its own, in place of a Leader nobody holds, and is
    // where the LMCS's line goes; councils without one have no Mayor row.
    assert!(roles("riverside", "Mayor").is_some_and(|h| !h.is_empty()));
    assert_eq!(roles("riverside", "Leader"), None);
    assert_eq!(council("riverside").reporting_lines[1].reports_to[0].id, "mayor");
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
        assert_eq!(section.attribute("id"), Some(report::html::anchor(council).as_str()));
        // Every post is drawn, in one chart or in the parts of a chart split for print.
        let mut drawn: Vec<String> = section
            .descendants()
            .filter(|n| n.tag_name().name() == "svg")
            .flat_map(chart_posts)
            .collect();
        drawn.sort();
        drawn.dedup();
        let mut expected: Vec<String> = council.posts.iter().map(|p| p.id.clone()).collect();
        expected.sort();
        assert_eq!(drawn, expected, "{}", council.id);
    }
    // The overview links to every statement.
    let links: Vec<&str> = document
        .descendants()
        .filter_map(|n| n.attribute("href"))
        .filter(|h| h.starts_with("#council-") && !h.contains("-finding-"))
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
                let (ha, hb) = (layout.heights[i], layout.heights[j]);
                let apart = (a.0 - b.0).abs() >= chart::BOX_W || a.1 + ha <= b.1 || b.1 + hb <= a.1;
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
    assert_eq!(json["version"], 2);

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
/// The first of `programs` that runs; `None` (and a note) when none does, except in CI,
/// where `.ci/run` installs them and their absence fails the test.
fn program(programs: &[&'static str]) -> Option<&'static str> {
    let found = programs.iter().copied().find(|b| {
        Command::new(b)
            .arg("-v")
            .output()
            .is_ok_and(|o| o.status.success() || !o.stdout.is_empty() || !o.stderr.is_empty())
    });
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install {programs:?} (.ci/run)"
        );
        eprintln!("skipped: no {programs:?}");
    }
    found
}

#[test]
fn chromium_renders_the_report_with_its_chart() {
    let Some(chromium) = program(&["chromium", "chromium-browser", "google-chrome"]) else {
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

/// The report never judges a reporting line itself: a DCS who reports through a deputy is
/// shown with the line as declared and the check's para 6 finding beside it (the first
/// version drew "reaches" next to the warning), and the LMCS's circle with E0202.
#[test]
fn reporting_lines_are_shown_as_declared_with_the_checks_findings() {
    let text = "council a {\n  officer ce {\n    holds ChiefExecutive\n  }\n  officer deputy {\n    reports_to ce\n  }\n  officer dcs {\n    holds DCS\n    reports_to deputy\n  }\n  member lmcs {\n    holds LMCS\n    reports_to x\n  }\n  member x {\n    reports_to lmcs\n  }\n}\n";
    let report = report_of_text("a.regard", text.to_string());
    let council = &report.councils[0];
    let lines = &council.reporting_lines;
    assert_eq!(lines[0].post.id, "dcs");
    assert_eq!(
        lines[0].reports_to.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(),
        ["deputy"]
    );
    assert_eq!(lines[0].mark, report::Mark::Finding);
    let codes = |line: &report::ReportingLine| -> Vec<String> {
        line.findings
            .iter()
            .map(|&n| council.finding(n).unwrap().code.clone())
            .collect()
    };
    assert_eq!(codes(&lines[0]), ["dcs_lmcs_2013.dcs_reports_to_chief_executive"]);
    assert_eq!(lines[1].post.id, "lmcs");
    assert!(
        codes(&lines[1]).contains(&"E0202".to_string()),
        "{:?}",
        codes(&lines[1])
    );
    // No Leader is declared: its row says so.
    let leader = council.statutory_roles.iter().find(|r| r.role.id == "Leader").unwrap();
    assert!(leader.holders.is_empty());
    let md = report::markdown::render(&report);
    assert!(
        md.contains("| Leader of the Council | *no post holds this role*"),
        "{md}"
    );
    assert!(md.contains("| ✗ finding "), "{md}");
    assert!(!md.contains("reaches"), "{md}");
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

/// What `regard check --format json` and `regard report --format json` say about the same
/// files on the same date.
fn check_and_report(paths: &[&str], as_of: &str) -> (serde_json::Value, serde_json::Value) {
    let run = |command: &str| {
        let mut args = vec![command];
        args.extend_from_slice(paths);
        args.extend_from_slice(&["--format", "json", "--as-of", as_of]);
        let out = regard(&args);
        serde_json::from_slice::<serde_json::Value>(&out.stdout)
            .unwrap_or_else(|e| panic!("{command}: {e}: {}", String::from_utf8_lossy(&out.stderr)))
    };
    (run("check"), run("report"))
}

/// A diagnostic of either output, by where it points and what it says.
type Key = (String, u64, u64, String, String);

/// The report agrees with the check: every finding the check made in the files is in the
/// report (in its council's statement, or among the findings outside any council) and
/// nothing else is; each statement's verdict is the one the check's own diagnostics give
/// it; every council the files declare has a statement; and every mark beside a reporting
/// line or a combined post is a finding of the check (✗), a departed one (↷), or stands
/// where the check made no finding about that post's reporting (✓).
fn assert_report_agrees_with_check(paths: &[&str], as_of: &str) {
    let (check, report) = check_and_report(paths, as_of);
    let check_key = |d: &serde_json::Value| -> Key {
        (
            d["file"].as_str().unwrap().to_string(),
            d["range"]["start"]["line"].as_u64().unwrap(),
            d["range"]["start"]["column"].as_u64().unwrap(),
            d["code"].as_str().unwrap().to_string(),
            d["message"].as_str().unwrap().to_string(),
        )
    };
    let report_key = |f: &serde_json::Value| -> Key {
        (
            f["file"].as_str().unwrap().to_string(),
            f["line"].as_u64().unwrap(),
            f["column"].as_u64().unwrap(),
            f["code"].as_str().unwrap().to_string(),
            f["message"].as_str().unwrap().to_string(),
        )
    };
    let diagnostics = check["diagnostics"].as_array().unwrap();
    let by_key: std::collections::HashMap<Key, &serde_json::Value> =
        diagnostics.iter().map(|d| (check_key(d), d)).collect();
    let mut from_check: Vec<Key> = diagnostics
        .iter()
        .filter(|d| !d["file"].as_str().unwrap().starts_with("<stdlib>"))
        .map(check_key)
        .collect();
    from_check.sort();
    from_check.dedup();
    let councils = report["councils"].as_array().unwrap();
    let mut in_report: Vec<Key> = councils
        .iter()
        .flat_map(|c| c["findings"].as_array().unwrap())
        .chain(report["other_findings"].as_array().unwrap())
        .map(report_key)
        .collect();
    in_report.sort();
    in_report.dedup();
    assert_eq!(
        in_report, from_check,
        "{paths:?}: the report's findings are the check's"
    );
    assert_eq!(
        councils.len() as u64,
        check["summary"]["councils"].as_u64().unwrap(),
        "{paths:?}: a statement for every council declared"
    );

    for c in councils {
        let id = c["id"].as_str().unwrap();
        let findings = c["findings"].as_array().unwrap();
        // The verdict, from the check's own severities of this council's diagnostics.
        let severities: Vec<&str> = findings
            .iter()
            .map(|f| by_key[&report_key(f)]["severity"].as_str().unwrap())
            .collect();
        let count = |s: &str| severities.iter().filter(|&&x| x == s).count() as u64;
        let outcome = match (count("error"), count("warning")) {
            (0, 0) => "meets_the_guidance",
            (0, _) => "warnings",
            _ => "errors",
        };
        assert_eq!(c["verdict"]["outcome"], outcome, "{paths:?}: the verdict on `{id}`");
        assert_eq!(c["verdict"]["errors"], count("error"), "{id}");
        assert_eq!(c["verdict"]["warnings"], count("warning"), "{id}");
        for f in findings {
            let d = by_key[&report_key(f)];
            let departed = d["departure"]["reason"].as_str();
            assert_eq!(
                f["departure"].as_str(),
                departed,
                "{id}: a departed finding is shown as departed"
            );
            if departed.is_some() {
                assert!(f["advice"].is_null(), "{id}: no advice on a departed finding");
            }
        }
        // Every diagnostic the check made about this council is in its statement.
        if c["checked"] == true {
            let mine: std::collections::HashSet<Key> = findings.iter().map(report_key).collect();
            for d in diagnostics.iter().filter(|d| d["council"] == id) {
                assert!(
                    mine.contains(&check_key(d)),
                    "{paths:?}: `{id}` lacks {:?}",
                    check_key(d)
                );
            }
        }
        let finding = |n: &serde_json::Value| &findings[n.as_u64().unwrap() as usize - 1];
        let marked = c["reporting_lines"]
            .as_array()
            .unwrap()
            .iter()
            .chain(c["combined_roles"].as_array().unwrap());
        for line in marked {
            let post = line["post"]["id"].as_str().unwrap();
            for n in line["findings"].as_array().unwrap() {
                assert!(finding(n)["departure"].is_null(), "{id}: ✗ is a standing finding");
            }
            for n in line["departed"].as_array().unwrap() {
                assert!(!finding(n)["departure"].is_null(), "{id}: ↷ is a departed finding");
            }
            let expected = match (
                line["findings"].as_array().unwrap().is_empty(),
                line["departed"].as_array().unwrap().is_empty(),
            ) {
                (false, _) => "finding",
                (true, false) => "departed",
                (true, true) => "no_finding",
            };
            assert_eq!(line["mark"], expected, "{id}: {post}");
        }
        for line in c["reporting_lines"].as_array().unwrap() {
            if line["mark"] != "no_finding" {
                continue;
            }
            // ✓: the check found nothing standing about this post's reporting.
            let post = line["post"]["id"].as_str().unwrap();
            let named = format!("`{post}`");
            let about_reporting = |d: &&serde_json::Value| {
                let code = d["code"].as_str().unwrap();
                code == "E0202" || code.contains("reports_to")
            };
            let against = diagnostics
                .iter()
                .filter(about_reporting)
                .filter(|d| d["council"] == id && d["departure"].is_null())
                .find(|d| {
                    // A rule's message starts with the post it is about; a circle names
                    // every post in it.
                    let message = d["message"].as_str().unwrap();
                    message.starts_with(&named) || d["code"] == "E0202" && message.contains(&named)
                });
            assert!(
                against.is_none(),
                "{paths:?}: `{id}` shows ✓ beside the line of `{post}`, but the check said {against:?}"
            );
        }
    }
}

#[test]
fn the_report_agrees_with_the_check_on_the_examples_and_the_fixtures() {
    assert_report_agrees_with_check(&["examples"], AS_OF);
    assert_report_agrees_with_check(&["examples"], "2018-06-01");
    assert_report_agrees_with_check(&["tests/ui"], "2025-06-01");
    assert_report_agrees_with_check(&["tests/report"], AS_OF);
}

#[test]
fn the_report_agrees_with_the_check_on_two_hundred_generated_councils() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = Config::national(200, 15);
    config.problem_rate = 0.3;
    for council in generate::councils(config) {
        std::fs::write(dir.path().join(&council.path), &council.text).unwrap();
    }
    let path = dir.path().display().to_string();
    assert_report_agrees_with_check(&[&path], "2025-06-01");
}

/// The trial cases of the report's review (tests/report/trials), each snapshotted as
/// Markdown, with what each showed wrong asserted outright.
#[test]
fn the_trial_cases_report_what_the_check_says() {
    let as_of = "2026-01-01";
    let of = |file: &str| {
        let options = Options {
            as_of: as_of.parse().unwrap(),
            stdlib: true,
            as_of_given: false,
        };
        let path = format!("tests/report/trials/{file}.regard");
        let text = std::fs::read_to_string(root().join(&path)).unwrap();
        let mut session = Session::new(vec![Input::text(&path, text)], options);
        let report = report::build(&mut session, None).unwrap();
        let md = report::markdown::render(&report);
        insta::assert_snapshot!(format!("trial_{file}.md"), md);
        (report, md)
    };

    // A mayoral council the check passes: no cross anywhere.
    let (report, md) = of("mayoral");
    assert_eq!(report.councils[0].verdict.outcome, report::Outcome::MeetsTheGuidance);
    assert!(!md.contains('✗') && !md.contains("does not reach"), "{md}");

    // Through a deputy: the line as declared, and the check's para 6 warning beside it.
    let (report, md) = of("through_deputy");
    let line = &report.councils[0].reporting_lines[0];
    assert_eq!(line.reports_to[0].id, "deputy");
    assert_eq!(line.mark, report::Mark::Finding);
    assert!(!md.contains("reaches"), "{md}");

    // The Chief Executive as DCS: the check's warning stands beside the combined post.
    let (report, _) = of("chief_executive_as_dcs");
    let combined = &report.councils[0].combined_roles[0];
    assert_eq!(combined.mark, report::Mark::Finding);
    assert!(
        combined
            .findings
            .iter()
            .any(|&n| report.councils[0].finding(n).unwrap().code == "dcs_lmcs_2013.dcs_not_chief_executive")
    );

    // Two councils of one id: both shown, the second not checked and with its E0103.
    let (report, md) = of("duplicate_id");
    assert_eq!(report.councils.len(), 2);
    let second = report
        .councils
        .iter()
        .find(|c| !c.checked)
        .expect("the second declaration");
    assert!(second.findings.iter().any(|f| f.code == "E0103"));
    assert_eq!(second.verdict.outcome, report::Outcome::Errors);
    assert!(md.contains("**Not checked.**"), "{md}");
    // The first is not shown as meeting the guidance: the check's E0103 names it too.
    let first = report.councils.iter().find(|c| c.checked).unwrap();
    assert!(first.findings.iter().any(|f| f.code == "E0103"));
    assert_eq!(first.verdict.outcome, report::Outcome::Errors);

    // Departed: no cross, no advice, and "with 1 recorded departure".
    let (report, md) = of("departed");
    let c = &report.councils[0];
    assert_eq!(c.verdict.describe(), "meets the guidance, with 1 recorded departure");
    let departed = c.findings.iter().find(|f| f.departure.is_some()).unwrap();
    assert!(departed.advice.is_none());
    assert!(
        !md.contains('✗') && !md.contains("What to do: change the arrangements so that the LMCS"),
        "{md}"
    );
    let html = report::html::render(&report);
    assert!(html.contains("class=\"departed\""));
    assert!(
        !html.contains("class=\"post member problem"),
        "a departed post is not drawn as a problem"
    );

    // Everything declared appears: interim, vacant, committee system, the record's title
    // and `by`, and that it covers no post.
    let (_, md) = of("declared");
    for words in [
        "interim",
        "vacant",
        "Committee system of governance",
        "Annual review of the DCS and LMCS arrangements",
        "Children's Services Scrutiny Committee",
        "⚑ *no post",
    ] {
        assert!(md.contains(words), "`{words}` is not in the report:\n{md}");
    }

    // A file whose council cannot be read keeps its error in the report.
    let (report, md) = of("unreadable");
    assert!(report.councils.is_empty());
    assert_eq!(report.other_findings[0].code, "E0001");
    assert!(md.contains("Findings outside any council's declaration"), "{md}");
}

/// Visible text of the report's HTML as words: what should reach paper. The text
/// alternative of the chart (folded away and left out of print), tooltips and the style
/// are not.
fn visible_text(html: &str) -> String {
    let mut text = html.to_string();
    for (open, close) in [
        ("<style>", "</style>"),
        ("<title>", "</title>"),
        ("<details class=\"chart-text\"", "</details>"),
    ] {
        while let Some(start) = text.find(open) {
            let end = text[start..]
                .find(close)
                .map_or(text.len(), |e| start + e + close.len());
            text.replace_range(start..end, " ");
        }
    }
    let mut out = String::new();
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    words(
        &out.replace("&amp;", "&")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'"),
    )
}

fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Printed to A4 by headless Chromium, the report of a 36-, a 77- and a 150-post council
/// keeps every post on paper: each post's title appears in full in the PDF's text (read
/// by `pdftotext`) at least as often as on the screen, so no box of the chart is cut off
/// or truncated. The charts of the larger councils are split by directorate, with marks
/// saying where each team continues.
#[test]
fn the_printed_report_keeps_every_post_of_a_large_council() {
    let Some(chromium) = program(&["chromium", "chromium-browser", "google-chrome"]) else {
        return;
    };
    let Some(pdftotext) = program(&["pdftotext"]) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    for (size, seed) in [(36, 1), (77, 2), (150, 3)] {
        let mut config = Config::national(1, seed);
        config.extra_posts = size - 8;
        let text = generate::councils(config).remove(0).text;
        let report = report_of_text("county.regard", text);
        let council = &report.councils[0];
        assert!(council.posts.len() >= size - 2, "{} posts", council.posts.len());
        let html = report::html::render(&report);
        if size > 36 {
            assert!(
                html.contains("Team continues in chart 2 of"),
                "a {size}-post chart is split"
            );
        }
        let page = dir.path().join(format!("county_{size}.html"));
        let pdf = dir.path().join(format!("county_{size}.pdf"));
        std::fs::write(&page, &html).unwrap();
        let out = Command::new(chromium)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-pdf-header-footer",
            ])
            .arg(format!("--user-data-dir={}", dir.path().join("profile").display()))
            .arg(format!("--print-to-pdf={}", pdf.display()))
            .arg(format!("file://{}", page.display()))
            .output()
            .unwrap();
        assert!(pdf.exists(), "no PDF: {}", String::from_utf8_lossy(&out.stderr));
        let out = Command::new(pdftotext).arg(&pdf).arg("-").output().unwrap();
        let paper = words(&String::from_utf8_lossy(&out.stdout));
        // The text of each box the charts draw. (Tables are left out of the count: a
        // cell that wraps can interleave with its neighbours in `pdftotext`'s reading
        // order, while each box's lines stay together.)
        let options = roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        };
        let document = roxmltree::Document::parse_with_options(&html, options).unwrap();
        let boxes: Vec<String> = document
            .descendants()
            .filter(|n| n.tag_name().name() == "g" && n.attribute("class").is_some_and(|c| c.starts_with("post")))
            .map(|g| {
                let lines: Vec<&str> = g
                    .children()
                    .filter(|n| n.tag_name().name() == "text")
                    .filter_map(|n| n.text())
                    .collect();
                words(&lines.join(" "))
            })
            .collect();
        let screen = boxes.join(" | ");
        assert!(visible_text(&html).len() > screen.len());
        let mut titles: Vec<&str> = council.posts.iter().map(|p| p.label()).collect();
        titles.sort();
        titles.dedup();
        for title in titles {
            let title = words(title);
            let posts = council.posts.iter().filter(|p| words(p.label()) == title).count();
            let shown = screen.matches(&title).count();
            assert!(
                shown >= posts,
                "{size} posts: `{title}` is drawn {shown} times for {posts} posts"
            );
            let printed = paper.matches(&title).count();
            assert!(
                printed >= shown,
                "{size} posts: `{title}` is on the page {shown} times but on paper {printed} times"
            );
        }
        assert!(!paper.contains('…'), "{size} posts: nothing is truncated");
    }
}

/// `regard report --guidance ID`: every part the guidance declares, with the rules that
/// encode it or the reason it was set aside, and for each rule the councils that meet,
/// break or have departed from it, which are the check's findings counted.
#[test]
fn the_guidance_view_counts_the_checks_findings_by_rule() {
    let dir = tempfile::tempdir().unwrap();
    for council in generate::councils(Config::national(153, 21)) {
        std::fs::write(dir.path().join(&council.path), &council.text).unwrap();
    }
    let generated = dir.path().display().to_string();
    let paths = ["examples", generated.as_str()];
    let (check, _) = check_and_report(&paths, "2025-06-01");
    let mut args = vec!["report", "--guidance", "dcs_lmcs_2013"];
    args.extend_from_slice(&paths);
    args.extend_from_slice(&["--as-of", "2025-06-01"]);
    let run = |format: &str| {
        let mut args = args.clone();
        args.extend_from_slice(&["--format", format]);
        let out = regard(&args);
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let view: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    assert_eq!(view["councils"], 159);
    // Every part of the 2013 text: the key points and paragraphs 1 to 28.
    let parts = view["parts"].as_array().unwrap();
    assert_eq!(parts.len(), 29);
    assert!(parts.iter().all(|p| p["status"] != "missing"));
    assert!(
        parts
            .iter()
            .filter(|p| p["status"] == "aside")
            .all(|p| p["reason"].as_str().is_some_and(|r| r.len() > 20))
    );
    let diagnostics = check["diagnostics"].as_array().unwrap();
    for rule in view["rules"].as_array().unwrap() {
        let code = format!("dcs_lmcs_2013.{}", rule["id"].as_str().unwrap());
        let councils_with = |departed: bool| {
            let mut councils: Vec<&str> = diagnostics
                .iter()
                .filter(|d| d["code"] == code.as_str() && d["departure"].is_null() != departed)
                .filter_map(|d| d["council"].as_str())
                .collect();
            councils.sort();
            councils.dedup();
            councils
        };
        let breaking = councils_with(false);
        assert_eq!(rule["break_it"], breaking.len(), "{code}");
        let departed = councils_with(true)
            .into_iter()
            .filter(|c| !breaking.contains(c))
            .count();
        assert_eq!(rule["departed"], departed, "{code}");
        if rule["in_force"] == true {
            let sum = rule["meet"].as_u64().unwrap() + breaking.len() as u64 + departed as u64;
            assert_eq!(sum, view["following"].as_u64().unwrap(), "{code}");
        }
    }
    // Harbourside's departure from para 6, with its reason, under its rule.
    let para_6 = view["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "dcs_reports_to_chief_executive")
        .unwrap();
    assert!(para_6["reasons"][0]["reason"].as_str().unwrap().contains("restructure"));
    assert_eq!(para_6["reasons"][0]["councils"][0], "Harbourside City Council");

    let md = run("md");
    assert!(md.contains("| para 18 | aside | set aside: "), "{md}");
    assert!(
        md.contains("### The DCS reports directly to the Chief Executive"),
        "{md}"
    );
    let html = run("html");
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    roxmltree::Document::parse_with_options(&html, options).expect("well-formed");
    assert!(html.contains("<main>"));

    let out = regard(&["report", "--guidance", "dcs_lmcs_2031", "examples"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean `dcs_lmcs_2013`?"));
}

/// The headings of a report page, in order: Markdown's `#` lines, or the HTML's `<h1>` to
/// `<h4>` as visible text. The organisation chart is a drawing in HTML and a list in
/// Markdown, so its heading is the one that differs.
fn headings(page: &str, html: bool) -> Vec<String> {
    let chart = ["Organisation chart", "Posts and reporting lines"];
    let found: Vec<String> = if html {
        let mut out = Vec::new();
        let mut rest = page;
        while let Some(start) = rest.find("<h") {
            let tail = &rest[start + 2..];
            let level = tail.chars().next().filter(|c| ('1'..='4').contains(c));
            let Some(level) = level else {
                rest = tail;
                continue;
            };
            let close = format!("</h{level}>");
            let open_end = tail.find('>').unwrap();
            let end = tail.find(&close).unwrap();
            out.push(visible_text(&tail[open_end + 1..end]));
            rest = &tail[end..];
        }
        out
    } else {
        page.lines()
            .filter(|l| l.starts_with('#'))
            .map(|l| l.trim_start_matches('#').trim().replace('\\', ""))
            .collect()
    };
    found.into_iter().filter(|h| !chart.contains(&h.as_str())).collect()
}

/// The HTML page and the Markdown are one document laid out twice: the same sections
/// under the same headings, the same findings with the same words, for a national report
/// and for the view of one guidance. (Before, each had its own renderer, and the
/// Markdown guidance view lacked the table of rules that the page had.)
#[test]
fn the_html_and_the_markdown_say_the_same() {
    let report = report_of(&["examples", "tests/report"], None).unwrap();
    let (html, md) = (report::html::render(&report), report::markdown::render(&report));
    let (h, m) = (headings(&html, true), headings(&md, false));
    assert!(h.len() > 40, "{h:?}");
    assert_eq!(h, m);
    // Every finding's words, in both.
    let text = visible_text(&html);
    for council in &report.councils {
        for f in &council.findings {
            let said = words(&f.said.replace('`', ""));
            assert!(text.contains(&said), "the page lacks {said}");
            assert!(md.replace(['`', '\\'], "").contains(&said), "the Markdown lacks {said}");
        }
    }
    let run = |format: &str| {
        let out = regard(&[
            "report",
            "--guidance",
            "dcs_lmcs_2013",
            "examples",
            "--as-of",
            "2025-06-01",
            "--format",
            format,
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let (html, md) = (run("html"), run("md"));
    let (h, m) = (headings(&html, true), headings(&md, false));
    assert!(h.iter().any(|h| h == "The rules over the councils given"), "{h:?}");
    assert_eq!(h, m);
}

/// Language version 3 in the statement: findings of facts of law first, under their own
/// heading, the numbers running on from them in the HTML's list; and what the council's
/// own file adds to the children's services groups with `in`, so that a reader sees the
/// claim.
#[test]
fn facts_of_law_have_their_heading_and_a_council_says_what_it_counts_as_childrens() {
    let text = r#"
function healthy_child_programme "0-19 public health" in childrens_functions

council oakdale "Oakdale County Council" {
  follows dcs_lmcs_2013

  officer chief_exec "Chief Executive" {
    holds ChiefExecutive
  }

  officer director "Director of Children's Services" {
    holds DCS
    reports_to chief_exec
    member_of LSCB, HealthAndWellbeingBoard, Executive
    responsible_for education, childrens_social_care, healthy_child_programme
  }

  officer leader "Leader of the Council" {
    holds Leader
  }
}
"#;
    let report = report_of_text("oakdale.regard", text.to_string());
    let c = &report.councils[0];
    let counted: Vec<&str> = c.counted_as_childrens_services.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(counted, ["healthy_child_programme"]);
    let law: Vec<&str> = c
        .findings
        .iter()
        .take_while(|f| f.guidance_status == Some("law"))
        .map(|f| f.code.as_str())
        .collect();
    assert_eq!(
        law,
        [
            "local_government_law.executive_members_are_councillors",
            "local_government_law.leader_is_councillor"
        ],
        "{:?}",
        c.findings.iter().map(|f| &f.code).collect::<Vec<_>>()
    );
    assert!(c.findings[law.len()..].iter().all(|f| f.guidance_status != Some("law")));
    assert!(c.findings.len() > law.len(), "the council breaks the guidance too");
    let (html, md) = (report::html::render(&report), report::markdown::render(&report));
    for page in [&html, &md] {
        assert!(page.contains("Counted as children's services by the council's own file: 0-19 public health"));
        let facts = page.find("Facts of law").expect("a heading for the facts of law");
        let findings = page[facts..].find("Findings").expect("the other findings after them");
        assert!(findings > 0);
    }
    assert!(html.contains(&format!("<ol class=\"findings\" start=\"{}\">", law.len() + 1)));
}

/// The date the facts describe (language-v3.md 3.6): a council with `as_of` is checked as
/// of it, its statement says "Facts as of", and the overview groups councils by the date
/// they were checked as of; `--as-of` overrides it, and the statement shows both.
#[test]
fn a_council_is_reported_as_of_the_date_its_facts_describe() {
    let text = r#"
council oldshire "Oldshire District Council" {
  as_of 2018-05-01
  is lower_tier

  officer chief_exec "Chief Executive" {
    holds ChiefExecutive
  }
}

council newshire "Newshire District Council" {
  is lower_tier

  officer chief_exec "Chief Executive" {
    holds ChiefExecutive
  }
}
"#;
    let report = report_of_text("dates.regard", text.to_string());
    let named = |id: &str| report.councils.iter().find(|c| c.id == id).unwrap();
    let old = named("oldshire");
    assert_eq!(
        (old.as_of.as_deref(), old.checked_as_of.as_str()),
        (Some("2018-05-01"), "2018-05-01")
    );
    let new = named("newshire");
    assert_eq!((new.as_of.as_deref(), new.checked_as_of.as_str()), (None, AS_OF));
    let md = report::markdown::render(&report);
    assert!(md.contains("Facts as of 2018-05-01."), "{md}");
    assert!(md.contains("Checked as of 2018-05-01: "), "{md}");
    assert!(
        md.contains(&format!("2018-05-01 (1 council); {AS_OF} (1 council)")),
        "{md}"
    );
    // `--as-of` overrides the council's date; the statement shows both.
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("report-as-of");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("dates.regard");
    std::fs::write(&file, text).unwrap();
    let out = regard(&[
        "report",
        file.to_str().unwrap(),
        "--as-of",
        "2025-06-01",
        "--format",
        "md",
    ]);
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.contains("Facts as of 2018-05-01; checked as of 2025-06-01."), "{md}");
    let check = regard(&[
        "check",
        file.to_str().unwrap(),
        "--as-of",
        "2025-06-01",
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    assert_eq!(json["councils"][0]["as_of"], "2018-05-01");
    assert_eq!(json["councils"][0]["checked_as_of"], "2025-06-01");
    assert_eq!(json["councils"][1]["as_of"], serde_json::Value::Null);
    let human = regard(&["check", file.to_str().unwrap(), "--as-of", "2025-06-01"]);
    let said = String::from_utf8(human.stdout).unwrap();
    assert!(
        said.contains("checked as of 2025-06-01 (--as-of); 1 council describes other dates"),
        "{said}"
    );
}
