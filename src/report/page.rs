//! What a report says, written once: the [`Document`] of a report (the national overview,
//! each council's statement, the findings about no council) and of a guidance view. The
//! renderers (`html.rs`, `markdown.rs`) only lay it out.

use super::document::*;
use super::guidance::GuidanceView;
use super::{Finding, Named, Report, Statement, labels};

/// The document of a report. With more than one council it opens with the national
/// overview, linking to each statement below it.
pub fn report(report: &Report) -> Document<'_> {
    let title = match report.councils.as_slice() {
        [only] => format!("{}: statement of arrangements for children's services", only.name),
        councils => format!("{} councils: arrangements for children's services", councils.len()),
    };
    let mut sections = Vec::new();
    if report.councils.len() != 1 {
        sections.push(overview(report));
    }
    sections.extend(report.councils.iter().map(statement));
    if !report.other_findings.is_empty() {
        sections.push(Section {
            class: "statement other",
            id: "other-findings".into(),
            level: 1,
            heading: vec![words("Findings outside any council's declaration")],
            blocks: vec![
                Block::Paragraph {
                    kind: Paragraph::Lede,
                    text: vec![words(
                        "These files declare no council that could be read; what the check found in them is below.",
                    )],
                },
                findings("other", &report.other_findings),
            ],
        });
    }
    Document {
        title,
        sections,
        footer: footer(&report.as_of, vec![plain(report.sources())]),
    }
}

/// "Made by `regard report` on the declarations as they stood, checked as of DATE." and
/// where the findings come from.
fn footer(as_of: &str, sources: Text) -> Text {
    let mut text = vec![
        words("Made by "),
        Inline::Code("regard report".into()),
        words(" on the declarations as they stood, checked as of "),
        plain(as_of),
        words(". "),
    ];
    text.extend(sources);
    text
}

fn heading(level: u8, text: &str) -> Block<'static> {
    Block::Heading {
        level,
        text: vec![words(text)],
    }
}

fn paragraph(kind: Paragraph, text: Text) -> Block<'static> {
    Block::Paragraph { kind, text }
}

fn nothing(text: &str) -> Block<'static> {
    paragraph(Paragraph::Nothing, vec![words(text)])
}

fn columns(titles: &[(&'static str, bool)]) -> Vec<Column> {
    titles
        .iter()
        .map(|&(title, numeric)| Column { title, numeric })
        .collect()
}

fn row(cells: Vec<Text>) -> Row {
    Row {
        missing: false,
        cells: cells.into_iter().map(Cell::new).collect(),
    }
}

fn count(n: usize) -> Text {
    vec![words(n.to_string())]
}

fn named(n: &Named) -> Text {
    vec![Inline::Named(n.clone())]
}

/// Names, one a line (or "none" words where there are none).
fn lines(names: &[Named]) -> Inline {
    Inline::Lines(names.iter().map(named).collect())
}

fn overview(report: &Report) -> Section<'_> {
    let o = &report.overview;
    let mut blocks = vec![paragraph(
        Paragraph::Lede,
        vec![
            words("Checked as of "),
            plain(&report.as_of),
            words(format!(
                ". {} with errors, {} with warnings only, {} meeting the guidance; {} recording departures from it.",
                o.with_errors, o.with_warnings, o.meeting_the_guidance, o.with_departures
            )),
        ],
    )];
    // Councils checked as of other dates than the report's (their `as_of`), by date.
    let mut dates: Vec<(&str, usize)> = Vec::new();
    for c in &report.councils {
        match dates.iter_mut().find(|(d, _)| *d == c.checked_as_of) {
            Some((_, n)) => *n += 1,
            None => dates.push((&c.checked_as_of, 1)),
        }
    }
    if dates.len() > 1 || dates.first().is_some_and(|(d, _)| *d != report.as_of) {
        dates.sort();
        let mut text = vec![words(
            "Councils by the date they were checked as of (the date their facts describe): ",
        )];
        for (i, (date, n)) in dates.iter().enumerate() {
            if i > 0 {
                text.push(words("; "));
            }
            text.push(plain(*date));
            text.push(words(format!(
                " ({n} {})",
                if *n == 1 { "council" } else { "councils" }
            )));
        }
        text.push(words("."));
        blocks.push(paragraph(Paragraph::Plain, text));
    }
    blocks.extend([
        heading(2, "Councils by verdict"),
        Block::Table(Table {
            class: Some("councils"),
            columns: columns(&[
                ("Council", false),
                ("Verdict", false),
                ("Errors", true),
                ("Warnings", true),
                ("Departures", true),
            ]),
            rows: report
                .by_verdict()
                .into_iter()
                .map(|c| {
                    row(vec![
                        vec![Inline::Link {
                            name: c.name.clone(),
                            anchor: anchor(c),
                        }],
                        vec![Inline::Verdict {
                            verdict: c.verdict,
                            strong: false,
                        }],
                        count(c.verdict.errors),
                        count(c.verdict.warnings),
                        count(c.departures.len()),
                    ])
                })
                .collect(),
        }),
    ]);
    if !o.common_problems.is_empty() {
        blocks.push(heading(2, "Most common problems"));
        blocks.push(Block::Table(Table {
            class: None,
            columns: columns(&[
                ("Problem", false),
                ("Severity", false),
                ("Councils", true),
                ("Times", true),
            ]),
            rows: o
                .common_problems
                .iter()
                .map(|p| {
                    row(vec![
                        vec![
                            plain(p.title.as_deref().unwrap_or(&p.code)),
                            Inline::Aside {
                                text: vec![Inline::Code(p.code.clone())],
                                declared: true,
                            },
                        ],
                        vec![Inline::Severity(p.severity)],
                        count(p.councils),
                        count(p.occurrences),
                    ])
                })
                .collect(),
        }));
    }
    Section {
        class: "overview",
        id: "overview".into(),
        level: 1,
        heading: vec![words(format!(
            "Arrangements for children's services: {} councils",
            o.councils
        ))],
        blocks,
    }
}

fn statement<'a>(c: &'a Statement) -> Section<'a> {
    let id = anchor(c);
    let mut blocks = vec![
        paragraph(
            Paragraph::Lede,
            vec![
                words("Checked as of "),
                plain(&c.checked_as_of),
                words(": "),
                Inline::Verdict {
                    verdict: c.verdict,
                    strong: true,
                },
                words(" "),
                Inline::Small(vec![plain(format!("({})", c.verdict.counts()))]),
                words("."),
            ],
        ),
        paragraph(
            Paragraph::Declared,
            vec![
                words("As declared: "),
                Inline::Code(c.id.clone()),
                words(" in "),
                Inline::Code(c.file.clone()),
                words("."),
            ],
        ),
    ];
    if let Some(note) = c.unchecked_note() {
        blocks.push(paragraph(
            Paragraph::Notice,
            vec![
                Inline::Strong(vec![words("Not checked.")]),
                words(" "),
                Inline::Message(note),
            ],
        ));
    }
    // The date the facts describe, and the date checked as of when `--as-of` differs.
    if let Some(as_of) = &c.as_of {
        let mut text = vec![words("Facts as of "), plain(as_of)];
        if *as_of != c.checked_as_of {
            text.push(words("; checked as of "));
            text.push(plain(&c.checked_as_of));
        }
        text.push(words("."));
        blocks.push(paragraph(Paragraph::Plain, text));
    }
    let counted = &c.counted_as_childrens_services;
    blocks.extend(named_list(
        "Counted as children's services by the council's own file: ",
        counted,
    ));
    blocks.extend(named_list("The council declares: ", &c.properties));
    if c.checked {
        blocks.extend(roles(c, &id));
        blocks.extend(reporting(c));
    }
    blocks.push(Block::Chart(Chart {
        id: format!("{id}-chart-text"),
        council: &c.name,
        drawn: &c.posts,
        posts: c.posts.iter().map(|p| post_line(c, p, &id)).collect(),
    }));
    if c.checked {
        blocks.extend(boards(c));
        blocks.extend(combined(c));
        blocks.extend(assurance(c, &id));
        blocks.extend(departures(c, &id));
    }
    // Findings of facts of law come first (the numbering runs on from them), under their
    // own heading.
    let law = c
        .findings
        .iter()
        .take_while(|f| f.guidance_status == Some("law"))
        .count();
    if law > 0 {
        blocks.push(heading(2, "Facts of law"));
        blocks.push(findings(&id, &c.findings[..law]));
    }
    if law == 0 || law < c.findings.len() {
        blocks.push(heading(2, "Findings"));
        blocks.push(findings(&id, &c.findings[law..]));
    }
    Section {
        class: "statement",
        id,
        level: 1,
        heading: vec![plain(&c.name)],
        blocks,
    }
}

/// A post in words: its title, roles, vacancy, whom it reports to and its findings.
fn post_line(c: &Statement, p: &super::PostEntry, id: &str) -> Text {
    let mut text = vec![Inline::Named(Named {
        id: p.id.clone(),
        title: p.title.clone(),
    })];
    if !p.roles_shown.is_empty() {
        text.push(words(": "));
        text.push(plain(p.roles_shown.join(", ")));
    }
    if p.vacant {
        text.push(words(" (vacant)"));
    }
    match p.reports_to.is_empty() {
        true => text.push(words("; no reporting line")),
        false => {
            text.push(words("; reports to "));
            for (i, t) in p.reports_to.iter().enumerate() {
                if i > 0 {
                    text.push(words(" and "));
                }
                text.push(match c.posts.iter().find(|q| &q.id == t) {
                    Some(q) => plain(q.label()),
                    None => Inline::Code(t.clone()),
                });
            }
        }
    }
    if !p.findings.is_empty() {
        text.push(words(" ⚠ "));
        text.push(refs(id, &p.findings));
    }
    if !p.departed.is_empty() {
        text.push(words(" (departed: "));
        text.push(refs(id, &p.departed));
        text.push(words(")"));
    }
    text
}

/// "LEAD: A; B." of the names, or nothing when there are none.
fn named_list(lead: &'static str, names: &[Named]) -> Option<Block<'static>> {
    if names.is_empty() {
        return None;
    }
    let mut text = vec![words(lead)];
    for (i, n) in names.iter().enumerate() {
        if i > 0 {
            text.push(words("; "));
        }
        text.push(Inline::Named(n.clone()));
    }
    text.push(words("."));
    Some(paragraph(Paragraph::Plain, text))
}

fn refs(anchor: &str, numbers: &[usize]) -> Inline {
    Inline::Findings {
        anchor: anchor.to_string(),
        numbers: numbers.to_vec(),
    }
}

fn roles(c: &Statement, id: &str) -> Vec<Block<'static>> {
    let mut rows = Vec::new();
    for role in &c.statutory_roles {
        if role.holders.is_empty() {
            let mut text = vec![Inline::Nothing("no post holds this role")];
            if !role.findings.is_empty() {
                text.extend([words(" ("), refs(id, &role.findings), words(")")]);
            }
            rows.push(Row {
                missing: true,
                cells: vec![Cell::new(named(&role.role)), Cell { text, span: 6 }],
            });
        }
        for h in &role.holders {
            rows.push(row(vec![
                named(&role.role),
                named(&h.post),
                vec![match &h.holder {
                    Some(holder) => plain(holder),
                    None => Inline::Nothing("not named"),
                }],
                vec![words(h.kind)],
                vec![words(h.basis())],
                vec![plain(labels(&h.shared_with))],
                vec![plain(labels(&h.other_roles))],
            ]));
        }
    }
    vec![
        heading(2, "Who holds the statutory roles"),
        Block::Table(Table {
            class: None,
            columns: columns(&[
                ("Role", false),
                ("Post", false),
                ("Holder", false),
                ("Kind", false),
                ("Basis", false),
                ("Shared with", false),
                ("Also holds", false),
            ]),
            rows,
        }),
    ]
}

fn reporting(c: &Statement) -> Vec<Block<'static>> {
    let mut blocks = vec![heading(2, "Reporting lines")];
    if c.reporting_lines.is_empty() {
        blocks.push(nothing("No post holds the DCS or the LMCS."));
        return blocks;
    }
    blocks.push(paragraph(
        Paragraph::Key,
        vec![words(
            "Each line as the council declares it, and what the check found about it.",
        )],
    ));
    let rows = c
        .reporting_lines
        .iter()
        .map(|line| {
            let mut post = named(&line.post);
            if line.vacant {
                post.extend([words(" "), Inline::Emphasis(vec![words("(vacant)")])]);
            }
            row(vec![
                named(&line.role),
                post,
                vec![match line.reports_to.is_empty() {
                    true => Inline::Nothing("no reporting line declared"),
                    false => lines(&line.reports_to),
                }],
                vec![Inline::Checks(c.check_phrases(&line.findings, &line.departed))],
            ])
        })
        .collect();
    blocks.push(Block::Table(Table {
        class: None,
        columns: columns(&[
            ("Role", false),
            ("Post", false),
            ("Reports to (as declared)", false),
            ("The check", false),
        ]),
        rows,
    }));
    blocks
}

fn boards(c: &Statement) -> Vec<Block<'static>> {
    let mut blocks = vec![heading(2, "Boards")];
    if c.boards.is_empty() {
        blocks.push(nothing("No post is declared on a board."));
        return blocks;
    }
    let rows = c
        .boards
        .iter()
        .flat_map(|board| {
            board
                .members
                .iter()
                .map(|m| row(vec![named(&board.body), named(&m.post), vec![plain(&m.relation)]]))
        })
        .collect();
    blocks.push(Block::Table(Table {
        class: None,
        columns: columns(&[("Board", false), ("Post", false), ("As", false)]),
        rows,
    }));
    blocks
}

fn combined(c: &Statement) -> Vec<Block<'static>> {
    let mut blocks = vec![heading(2, "Combined roles")];
    if c.combined_roles.is_empty() {
        blocks.push(nothing("No post holds more than one role."));
        return blocks;
    }
    let rows = c
        .combined_roles
        .iter()
        .map(|p| {
            row(vec![
                named(&p.post),
                vec![plain(labels(&p.roles))],
                vec![match p.records.is_empty() {
                    true => Inline::Nothing("none declared"),
                    false => lines(&p.records),
                }],
                vec![Inline::Checks(c.check_phrases(&p.findings, &p.departed))],
            ])
        })
        .collect();
    blocks.push(Block::Table(Table {
        class: None,
        columns: columns(&[
            ("Post", false),
            ("Roles", false),
            ("Assurance records covering it", false),
            ("The check", false),
        ]),
        rows,
    }));
    blocks
}

fn assurance(c: &Statement, id: &str) -> Vec<Block<'static>> {
    let mut blocks = vec![heading(2, "Assurance records")];
    if c.assurance.is_empty() {
        blocks.push(nothing("The council declares no assurance record."));
        return blocks;
    }
    let rows = c
        .assurance
        .iter()
        .map(|a| {
            let dated = match (&a.dated, &a.age) {
                (Some(d), Some(age)) => vec![
                    plain(d),
                    Inline::Aside {
                        text: vec![plain(age)],
                        declared: false,
                    },
                ],
                (Some(d), None) => vec![plain(d)],
                (None, _) => vec![Inline::Nothing("not dated")],
            };
            row(vec![
                named(&a.record),
                vec![match &a.by {
                    Some(by) => plain(by),
                    None => Inline::Nothing("not said"),
                }],
                dated,
                vec![match a.covers.is_empty() {
                    true => Inline::Flag(a.covers_phrase()),
                    false => lines(&a.covers),
                }],
                vec![plain(labels(&a.addresses))],
                vec![match a.findings.is_empty() {
                    true => words("none"),
                    false => refs(id, &a.findings),
                }],
            ])
        })
        .collect();
    blocks.push(Block::Table(Table {
        class: None,
        columns: columns(&[
            ("Record", false),
            ("By", false),
            ("Dated", false),
            ("Covers", false),
            ("Addresses", false),
            ("Findings", false),
        ]),
        rows,
    }));
    blocks
}

fn departures(c: &Statement, id: &str) -> Vec<Block<'static>> {
    let mut blocks = vec![heading(2, "Departures from the guidance")];
    if c.departures.is_empty() {
        blocks.push(nothing("The council records no departure."));
        return blocks;
    }
    let items = c
        .departures
        .iter()
        .map(|d| {
            let mut text = vec![Inline::Strong(vec![plain(d.rule_title.as_deref().unwrap_or(&d.rule))])];
            if let Some(p) = &d.post {
                text.extend([words(", for "), plain(p.label())]);
            }
            text.extend([words(": “"), plain(&d.reason), words("” ")]);
            let mut small = match d.excuses.is_empty() {
                true => vec![words("(it excuses no finding")],
                false => vec![words("(it excuses "), refs(id, &d.excuses)],
            };
            small.extend([words("; as declared: "), Inline::Code(d.rule.clone()), words(")")]);
            text.push(Inline::Small(small));
            text
        })
        .collect();
    blocks.push(Block::List {
        class: Some("departures"),
        items,
    });
    blocks
}

fn findings(anchor: &str, findings: &[Finding]) -> Block<'static> {
    Block::Findings {
        anchor: anchor.to_string(),
        findings: findings
            .iter()
            .map(|f| FindingItem {
                number: f.number,
                word: match f.departure {
                    Some(_) => "departed",
                    None => f.severity,
                },
                rule_title: f.rule_title.clone(),
                advisory: f.guidance_status == Some("advisory"),
                message: f.message.clone(),
                said: f.said.clone(),
                code: f.code.clone(),
                place: f.place(),
                citations: f.citations.clone(),
                departure: f.departure.clone(),
                advice: f.advice.clone(),
            })
            .collect(),
    }
}

/// The anchor of a council's statement: unique even where two declarations share a name.
pub fn anchor(c: &Statement) -> String {
    let base = format!("council-{}", c.id);
    match c.checked {
        true => base,
        false => format!("{base}-repeated-{}", c.findings.first().map_or(0, |f| f.line)),
    }
}

/// The document of a guidance view.
pub fn guidance(view: &GuidanceView) -> Document<'static> {
    let heading_text = view.title.clone().unwrap_or_else(|| view.id.clone());
    let mut blocks = vec![
        paragraph(
            Paragraph::Declared,
            vec![words("As declared: "), Inline::Code(view.id.clone())],
        ),
        paragraph(Paragraph::Lede, vec![plain(view.lede())]),
    ];
    if let Some(about) = &view.about {
        blocks.push(paragraph(Paragraph::Plain, vec![plain(about)]));
    }
    for reading in &view.readings {
        blocks.push(paragraph(
            Paragraph::Plain,
            vec![words("How regard reads it: "), plain(reading)],
        ));
    }
    blocks.push(heading(2, "The rules over the councils given"));
    blocks.push(Block::Table(Table {
        class: None,
        columns: columns(&[
            ("Rule", false),
            ("Kind", false),
            ("Meet it", true),
            ("Break it", true),
            ("Departed", true),
        ]),
        rows: view
            .rules
            .iter()
            .map(|r| {
                let mut cells = vec![
                    Cell::new(vec![Inline::Link {
                        name: r.title.clone().unwrap_or_else(|| r.id.clone()),
                        anchor: format!("rule-{}", r.id),
                    }]),
                    Cell::new(vec![words(r.modality)]),
                ];
                match r.in_force {
                    true => cells.extend([r.meet, r.break_it, r.departed].map(|n| Cell::new(count(n)))),
                    false => cells.push(Cell {
                        text: vec![words("not in force on the check date")],
                        span: 3,
                    }),
                }
                Row { missing: false, cells }
            })
            .collect(),
    }));
    if !view.parts.is_empty() {
        blocks.push(heading(2, "The text, part by part"));
        blocks.push(Block::Table(Table {
            class: None,
            columns: columns(&[("Part", false), ("Accounted for", false), ("By", false)]),
            rows: view
                .parts
                .iter()
                .map(|p| {
                    let by = match (p.status, &p.reason) {
                        ("aside", Some(reason)) => vec![words("set aside: "), Inline::Message(reason.clone())],
                        ("missing", _) => vec![Inline::Strong(vec![words("neither encoded nor set aside")])],
                        _ => vec![plain(p.rules.join("; "))],
                    };
                    row(vec![vec![plain(&p.part)], vec![words(p.status)], by])
                })
                .collect(),
        }));
    }
    blocks.push(heading(2, "The rules"));
    for r in &view.rules {
        let mut rule = vec![
            paragraph(
                Paragraph::Declared,
                vec![
                    words("As declared: "),
                    Inline::Code(r.id.clone()),
                    words(format!(" ({})", r.modality)),
                ],
            ),
            paragraph(Paragraph::Strong, vec![plain(format!("{}.", GuidanceView::counts(r)))]),
        ];
        for (i, cite) in r.cites.iter().enumerate() {
            let mut text = vec![plain(cite)];
            if let Some(q) = r.quotes.get(i) {
                text.extend([words(": "), plain(q)]);
            }
            rule.push(Block::Quote(text));
        }
        for reading in &r.readings {
            rule.push(paragraph(
                Paragraph::Plain,
                vec![words("How regard reads it: "), Inline::Message(reading.clone())],
            ));
        }
        if !r.reasons.is_empty() {
            rule.push(heading(4, "Departures, by reason"));
            rule.push(Block::List {
                class: Some("departures"),
                items: r
                    .reasons
                    .iter()
                    .map(|reason| {
                        let n = reason.councils.len();
                        vec![
                            words("“"),
                            plain(&reason.reason),
                            words(format!("”: {n} council{} (", if n == 1 { "" } else { "s" })),
                            plain(reason.councils.join(", ")),
                            words(")"),
                        ]
                    })
                    .collect(),
            });
        }
        blocks.push(Block::Section(Section {
            class: "rule",
            id: format!("rule-{}", r.id),
            level: 3,
            heading: vec![plain(r.title.as_deref().unwrap_or(&r.id))],
            blocks: rule,
        }));
    }
    Document {
        title: heading_text.clone(),
        sections: vec![Section {
            class: "guidance",
            id: "guidance".into(),
            level: 1,
            heading: vec![plain(heading_text)],
            blocks,
        }],
        footer: footer(
            &view.as_of,
            vec![
                words("The counts are the findings of "),
                Inline::Code("regard check".into()),
                words(" on the councils given, counted by rule."),
            ],
        ),
    }
}
