//! User text never acts on the reader: control characters never reach a terminal raw,
//! Markdown never carries live HTML, images or broken code spans, XML stays well-formed
//! whatever a name holds; and every output puts a finding on the same line, whatever
//! ends the file's lines.

mod common;

use common::{regard, scratch};

/// The characters that must not reach a terminal: C0 controls but tab and line feed,
/// ESC among them, DEL, C1 controls and the bidirectional overrides.
fn raw_controls(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| {
            (c.is_control() && c != '\n' && c != '\t') || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        })
        .collect()
}

/// A council whose strings and reasons carry terminal escape sequences.
const HOSTILE: &str = "council evil \"Evil \u{1b}]0;pwned\u{7} \u{1b}]8;;http://x\u{7}link\u{1b}]8;;\u{7}\" {\n  officer ceo \"Chief \u{202e}evituc\u{8}\u{85}\" {\n    holds ChiefExecutive\n  }\n  officer dcs \"DCS\" {\n    holds DSC\n  }\n  depart dcs_reports_to_chief_executive for ceo because \"\u{1b}[2J\u{1b}[Hcleared\u{9b}31m\"\n}\n";

#[test]
fn control_characters_never_reach_the_terminal() {
    let dir = scratch("terminal");
    std::fs::write(dir.join("evil.regard"), HOSTILE).unwrap();
    let o = regard(&["check", ".", "--as-of", "2025-06-01", "--color", "never"], &dir);
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(raw_controls(&out).is_empty(), "{:?} in\n{out}", raw_controls(&out));
    assert!(out.contains("E0101"), "{out}");
    // Shown, not dropped: the escape is visible as a control picture.
    assert!(out.contains('\u{241b}'), "{out}");

    // Colour on: only regard's own colour sequences, `ESC [ ... m`.
    let o = regard(&["check", ".", "--as-of", "2025-06-01", "--color", "always"], &dir);
    let out = String::from_utf8(o.stdout).unwrap();
    let without_colours = strip_sgr(&out);
    assert!(
        raw_controls(&without_colours).is_empty(),
        "{:?}",
        raw_controls(&without_colours)
    );

    // `fmt --check` shows the lines of a file: escaped too.
    std::fs::write(
        dir.join("evil.regard"),
        HOSTILE.replace(" {\n  officer", "   {\n  officer"),
    )
    .unwrap();
    let o = regard(&["fmt", "--check", "."], &dir);
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.contains("\\u{1b}]0;pwned"), "{out}");
    assert!(raw_controls(&out).is_empty(), "{:?} in\n{out}", raw_controls(&out));
}

fn strip_sgr(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' && chars.peek() == Some(&'[') {
            for c in chars.by_ref() {
                if c == 'm' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn a_terminal_report_of_the_same_spans_keeps_its_columns() {
    // Control characters before a finding on the same line: the marker still points at
    // the right word, one column per character.
    let dir = scratch("columns");
    let text = "council c \"C\" {\n  officer p \"\u{1b}\u{7}\" { holds DSC }\n}\n";
    std::fs::write(dir.join("c.regard"), text).unwrap();
    let o = regard(
        &[
            "check",
            "c.regard",
            "--as-of",
            "2025-06-01",
            "--color",
            "never",
            "--no-stdlib",
        ],
        &dir,
    );
    let out = String::from_utf8(o.stdout).unwrap();
    let source = out
        .lines()
        .find(|l| l.contains("holds DSC"))
        .expect("the line is shown");
    let marker = out.lines().skip_while(|l| !l.contains("holds DSC")).nth(1).unwrap();
    let column = |line: &str, at: usize| line[..at].chars().count();
    // The line is not valid (a block on one line): the error points at `holds`.
    let holds = column(source, source.find("holds").unwrap());
    let caret = marker.chars().position(|c| c != ' ' && c != '│' && c != '·').unwrap();
    assert_eq!(caret, holds, "{out}");
}

const MARKUP: &str = "council ashford \"Ashford <img src=z onerror=alert(1)> ![pixel](http://tracker.example/p.png)\" {\n  officer ceo \"<script>x</script>\" {\n    holds ChiefExecutive\n  }\n  depart dcs_appointed because \"see ![x](http://tracker.example/q.png) and <b>this</b>\"\n}\n";

#[test]
fn markdown_reports_show_user_text_as_text() {
    let dir = scratch("markdown");
    // A file name with a backtick, which would close a code span early.
    let name = "ash`ford.regard";
    std::fs::write(dir.join(name), MARKUP).unwrap();
    let o = regard(&["report", name, "--format", "md", "--as-of", "2025-06-01"], &dir);
    assert_eq!(o.status.code(), Some(0));
    let md = String::from_utf8(o.stdout).unwrap();
    assert!(
        !md.contains("<img") && !md.contains("<script") && !md.contains("<b>"),
        "{md}"
    );
    assert!(!md.contains("![pixel](") && !md.contains("![x]("), "{md}");
    assert!(md.contains("&lt;img src=z onerror=alert(1)&gt;"), "{md}");
    assert!(md.contains("``ash`ford.regard``"), "{md}");
}

#[test]
fn explaining_a_users_rule_shows_its_text_as_text() {
    let dir = scratch("explain");
    std::fs::write(
        dir.join("mine.regard"),
        "guidance mine \"Mine <img src=z onerror=alert(1)>\" {\n  status advisory\n  rule r \"![pixel](http://tracker.example/p.png) \u{1b}]0;t\u{7}\" {\n    cite \"para 1 <b>\"\n    quote \"```\"\n    should DCS reports_to ChiefExecutive\n  }\n}\n",
    )
    .unwrap();
    let o = regard(&["explain", "mine.r", "mine.regard"], &dir);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let md = String::from_utf8(o.stdout).unwrap();
    assert!(
        !md.contains("<img") && !md.contains("<b>") && !md.contains("![pixel]("),
        "{md}"
    );
    assert!(raw_controls(&md).is_empty(), "{md}");
}

#[test]
fn html_reports_and_charts_are_well_formed_whatever_a_name_holds() {
    let dir = scratch("xml");
    let text = "council odd \"Odd \u{ffff}\u{fffe}\u{1} & <b>\" {\n  officer ceo \"Chief \u{ffff}\" {\n    holds ChiefExecutive\n  }\n  officer dcs \"Director \u{fffe}\" {\n    holds DCS\n    reports_to ceo\n  }\n}\n";
    std::fs::write(dir.join("odd.regard"), text).unwrap();
    let o = regard(
        &["report", "odd.regard", "--format", "html", "--as-of", "2025-06-01"],
        &dir,
    );
    let html = String::from_utf8(o.stdout).unwrap();
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    roxmltree::Document::parse_with_options(&html, options).expect("the report is well-formed XML");
    let o = regard(
        &["graph", "odd.regard", "--council", "odd", "--as-of", "2025-06-01"],
        &dir,
    );
    let svg = String::from_utf8(o.stdout).unwrap();
    roxmltree::Document::parse(&svg).expect("the chart is well-formed XML");
    assert!(svg.contains("Chief \u{fffd}"), "{svg}");
}

#[test]
fn every_output_puts_a_finding_on_the_same_line_whatever_ends_lines() {
    let dir = scratch("line-ends");
    let body = [
        "council c \"C\" {",
        "  officer p \"P\" {",
        "    holds DSC",
        "  }",
        "}",
        "",
    ];
    for (name, end) in [("lf", "\n"), ("crlf", "\r\n"), ("cr", "\r")] {
        std::fs::write(dir.join(format!("{name}.regard")), body.join(end)).unwrap();
        let file = format!("{name}.regard");
        let run = |format: &str| {
            let o = regard(
                &[
                    "check",
                    &file,
                    "--no-stdlib",
                    "--as-of",
                    "2025-06-01",
                    "--color",
                    "never",
                    "--format",
                    format,
                ],
                &dir,
            );
            String::from_utf8(o.stdout).unwrap()
        };
        assert!(
            run("human").contains(&format!("{file}:3:11")),
            "{name}: {}",
            run("human")
        );
        let json: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
        assert_eq!(json["diagnostics"][0]["range"]["start"]["line"], 3, "{name}");
        let sarif: serde_json::Value = serde_json::from_str(&run("sarif")).unwrap();
        let region = &sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
        assert_eq!(region["startLine"], 3, "{name}");
        assert!(run("github").contains(",line=3,col=11,"), "{name}: {}", run("github"));
    }
}

/// A council whose titles, holder and departure reason carry terminal controls, bidi
/// overrides and markup, with a departure that excuses a finding (so its reason is shown)
/// and a post whose `holds` line does not resolve.
const EVERY_EDGE: &str = "council evil \"Evil \u{1b}]0;pwned\u{7} <img src=x onerror=y>\" {\n  officer ceo \"Chief \u{202e}evituc\u{8}\u{85} ![p](http://tracker.example/p.png)\" {\n    holds ChiefExecutive\n    holder \"Ann \u{1b}[31mRed\u{9b}0m <b>x</b>\"\n  }\n  officer dcs \"Director \u{2066}x\u{2069}\" {\n    holds DCS\n    reports_to ceo_deputy\n  }\n  officer ceo_deputy \"Deputy\" {\n    holds DSC\n  }\n  depart dcs_reports_to_chief_executive for dcs because \"\u{1b}[2J\u{1b}[Hcleared \u{202e}reversed\u{9b}31m <script>x</script>\"\n}\n";

/// Every output format of `regard check`, as `Format::ALL` lists them (a format added
/// there is tested here without another edit), carries no control character from the
/// file raw; the machine formats are still well-formed JSON.
#[test]
fn every_check_format_carries_no_raw_control_character() {
    let dir = scratch("every-format");
    std::fs::write(dir.join("evil.regard"), EVERY_EDGE).unwrap();
    for format in regard::Format::ALL {
        let o = regard(
            &[
                "check",
                ".",
                "--as-of",
                "2025-06-01",
                "--color",
                "never",
                "--format",
                format.name(),
            ],
            &dir,
        );
        let out = String::from_utf8(o.stdout).unwrap();
        assert!(out.contains("E0101"), "{}: {out}", format.name());
        assert!(
            raw_controls(&out).is_empty(),
            "{}: {:?} in\n{out}",
            format.name(),
            raw_controls(&out)
        );
        if matches!(format, regard::Format::Json | regard::Format::Sarif) {
            serde_json::from_str::<serde_json::Value>(&out).expect("machine output is JSON");
        }
    }
    // The departure's reason is in GitHub's annotation, escaped, not dropped.
    let o = regard(&["check", ".", "--as-of", "2025-06-01", "--format", "github"], &dir);
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.contains("departed from: \\u{1b}[2J"), "{out}");
}

/// Hover shows titles, holders, departure reasons and messages as text: no raw control
/// character, no live image, link or HTML.
#[test]
fn hover_shows_user_text_as_text() {
    use regard::{Input, Options, Session};
    let options = Options {
        as_of: jiff::civil::date(2025, 6, 1),
        stdlib: true,
        as_of_given: false,
    };
    let session = Session::new(vec![Input::text("evil.regard", EVERY_EDGE.to_string())], options);
    let file = *session.workspace.files(&session.db).last().unwrap();
    let mut shown = Vec::new();
    for word in ["evil", "ceo ", "dcs ", "ceo_deputy\n", "DCS"] {
        let offset = EVERY_EDGE.find(word).unwrap() as u32 + 1;
        let hover = regard::ide::hover(&session.db, session.workspace, file, offset)
            .unwrap_or_else(|| panic!("a hover over {word:?}"));
        shown.push(hover.markdown);
    }
    let all = shown.join("\n\n");
    assert!(all.contains("Chief"), "{all}");
    assert!(raw_controls(&all).is_empty(), "{:?} in\n{all}", raw_controls(&all));
    assert!(
        !all.contains("<img") && !all.contains("<b>") && !all.contains("![p]("),
        "{all}"
    );
}

/// File names with a line break, a carriage return, an escape sequence or a bidi
/// override: the text formats keep each finding on one line starting with its real
/// location (no forged `file:line:col: error` line, no line overwritten), while JSON and
/// SARIF carry the real name (JSON-escaped; a percent-encoded URI, `file:///` for an
/// absolute path), so that a tool reading them finds the file.
#[test]
#[cfg(unix)]
fn file_names_cannot_forge_lines_and_machine_formats_name_the_real_file() {
    let dir = scratch("file-names");
    let council = "council x \"X\" {\n}\n";
    let names = [
        "a\nb.regard:1:1: error[E0000] forged\n.regard",
        "c\rd.regard",
        "e\u{1b}[31m.regard",
        "f\u{202e}gnp.regard",
    ];
    for name in names {
        std::fs::write(dir.join(name), council).unwrap();
    }
    for format in ["concise", "human"] {
        let o = regard(
            &[
                "check",
                ".",
                "--as-of",
                "2025-06-01",
                "--color",
                "never",
                "--format",
                format,
            ],
            &dir,
        );
        let out = String::from_utf8(o.stdout).unwrap();
        assert!(
            !out.contains('\r') && raw_controls(&out).is_empty(),
            "{format}: {out:?}"
        );
        assert!(
            !out.lines().any(|l| l.starts_with("b.regard") || l.contains("forged\n")),
            "{format}: {out}"
        );
        if format == "concise" {
            for line in out.lines().filter(|l| !l.starts_with("checked")) {
                assert!(
                    line.starts_with("./"),
                    "a finding's line starts with its file: {line:?}"
                );
            }
        }
    }
    let o = regard(&["check", ".", "--as-of", "2025-06-01", "--format", "json"], &dir);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let mut files: Vec<String> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["file"].as_str().unwrap().trim_start_matches("./").to_string())
        .filter(|f| !f.starts_with("<stdlib>"))
        .collect();
    files.sort();
    files.dedup();
    let mut expected: Vec<String> = names.iter().map(|n| n.to_string()).collect();
    expected.sort();
    assert_eq!(files, expected);
    for file in &files {
        assert!(dir.join(file).is_file(), "JSON names a file that exists: {file:?}");
    }
    let absolute = dir.display().to_string();
    let o = regard(
        &["check", &absolute, "--as-of", "2025-06-01", "--format", "sarif"],
        &dir,
    );
    let sarif: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let uris: Vec<String> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .filter(|u| u.starts_with("file:"))
        .collect();
    assert!(!uris.is_empty());
    for uri in uris {
        let path = url::Url::parse(&uri).unwrap().to_file_path().unwrap();
        assert!(path.is_file(), "SARIF names a file that exists: {uri}");
    }
}

/// A title holding a bidirectional override is never drawn reversed: the HTML report,
/// the SVG chart, the DOT chart and the Markdown report show the override as a visible
/// placeholder, and carry no escape or other control either.
#[test]
fn bidirectional_overrides_and_controls_are_shown_not_obeyed_in_reports_and_charts() {
    let dir = scratch("bidi");
    let text = "council bidi \"Bidi \u{1b}]0;pwned\u{7}\" {\n  member lead \"Lead \u{202e}rebmem\u{202c} \u{2067}x\u{2069}\" {\n    holds LMCS\n  }\n}\n";
    std::fs::write(dir.join("bidi.regard"), text).unwrap();
    let run = |args: &[&str]| {
        let o = regard(args, &dir);
        String::from_utf8(o.stdout).unwrap()
    };
    for (what, out) in [
        (
            "html",
            run(&["report", "bidi.regard", "--format", "html", "--as-of", "2025-06-01"]),
        ),
        (
            "md",
            run(&["report", "bidi.regard", "--format", "md", "--as-of", "2025-06-01"]),
        ),
        (
            "svg",
            run(&["graph", "bidi.regard", "--council", "bidi", "--as-of", "2025-06-01"]),
        ),
        (
            "dot",
            run(&[
                "graph",
                "bidi.regard",
                "--council",
                "bidi",
                "--format",
                "dot",
                "--as-of",
                "2025-06-01",
            ]),
        ),
    ] {
        assert!(out.contains("rebmem"), "{what}: {out}");
        assert!(raw_controls(&out).is_empty(), "{what}: {:?}", raw_controls(&out));
        assert!(!out.contains(['\u{2067}', '\u{2069}', '\u{202c}']), "{what}");
    }
}
