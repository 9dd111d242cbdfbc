//! The standard library against its sources: every `quote` is verbatim from the text its
//! guidance encodes (the copies in `tests/sources`), and no date stands in the library
//! without a `reading` that says where it comes from, as no source gives a day.

use regard::stdlib;

/// The source text each guidance quotes; `None` for guidance that must quote nothing.
fn source_of(guidance: &str) -> Option<&'static str> {
    match guidance {
        "dcs_lmcs_2013" | "dcs_lmcs_2009" => Some(include_str!("sources/dcs-lmcs-statutory-guidance-draft.txt")),
        "chief_executive_guide" => Some(include_str!("sources/chief-executive-guide-extract.txt")),
        "ministerial_letter_2009" => Some(include_str!("sources/2009-ministerial-letter-report.txt")),
        _ => None,
    }
}

/// The text with every run of whitespace made one space, and none before a comma or a
/// full stop: the extracted texts break lines where a footnote mark stood ("boards\n,").
fn squeeze(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(" ,", ",")
        .replace(" .", ".")
}

/// The string a line opens with after `keyword`, e.g. the text of `quote "..."`.
fn string_after<'a>(line: &'a str, keyword: &str) -> Option<&'a str> {
    let rest = line.trim().strip_prefix(keyword)?.strip_prefix(" \"")?;
    rest.strip_suffix('"')
}

/// A block of a guidance file: the guidance itself or one of its rules, with its
/// readings and the dates its `issued` and `in_force` lines give.
#[derive(Default)]
struct Block {
    name: String,
    readings: Vec<String>,
    dates: Vec<String>,
}

/// The guidance block and the rule blocks of a file, by brace depth.
fn blocks(text: &str) -> Vec<Block> {
    let mut out = vec![Block::default()];
    let mut in_rule = false;
    for line in text.lines() {
        let t = line.trim();
        if t.starts_with("//") {
            continue;
        }
        if t.starts_with("rule ") && t.ends_with('{') {
            in_rule = true;
            out.push(Block {
                name: t.split_whitespace().nth(1).unwrap_or_default().to_string(),
                ..Block::default()
            });
            continue;
        }
        if in_rule && t == "}" {
            in_rule = false;
            continue;
        }
        if t.starts_with("guidance ") {
            out[0].name = t.split_whitespace().nth(1).unwrap_or_default().to_string();
        }
        let block = if in_rule { out.last_mut().unwrap() } else { &mut out[0] };
        if let Some(reading) = string_after(t, "reading") {
            block.readings.push(reading.to_string());
        }
        if t.starts_with("issued ") || t.starts_with("in_force ") {
            block.dates.extend(
                t.split_whitespace()
                    .filter(|w| w.len() == 10 && w.as_bytes()[4] == b'-' && w.as_bytes()[7] == b'-')
                    .map(str::to_string),
            );
        }
    }
    out
}

/// `2013-04-08` as a reading may write it: `8 April 2013`.
fn in_words(date: &str) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let year = &date[..4];
    let month: usize = date[5..7].parse().expect("a month");
    let day: u32 = date[8..10].parse().expect("a day");
    format!("{day} {} {year}", MONTHS[month - 1])
}

#[test]
fn every_quote_is_verbatim_from_the_text_its_guidance_encodes() {
    let mut checked = 0;
    let mut wrong = Vec::new();
    for (name, text) in stdlib::FILES {
        for (i, line) in text.lines().enumerate() {
            let Some(quote) = string_after(line, "quote") else {
                continue;
            };
            checked += 1;
            match source_of(name) {
                Some(source) if squeeze(source).contains(&squeeze(quote)) => {}
                Some(_) => wrong.push(format!("{name}.regard:{}: not in its source: {quote}", i + 1)),
                None => wrong.push(format!(
                    "{name}.regard:{}: this guidance has no source text to quote: {quote}",
                    i + 1
                )),
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // The library quotes the guidance throughout: a scan that found nothing is broken.
    assert!(checked >= 30, "only {checked} quotes found");
}

#[test]
fn every_date_in_the_library_has_a_reading_that_gives_it() {
    let mut dates = 0;
    let mut unexplained = Vec::new();
    for (name, text) in stdlib::FILES {
        for block in blocks(text) {
            for date in &block.dates {
                dates += 1;
                let words = in_words(date);
                if !block
                    .readings
                    .iter()
                    .any(|r| r.contains(date.as_str()) || r.contains(&words))
                {
                    unexplained.push(format!(
                        "{name}.regard: `{}` gives {date} with no reading saying where it comes from ({words})",
                        block.name
                    ));
                }
            }
        }
    }
    assert!(unexplained.is_empty(), "{}", unexplained.join("\n"));
    assert!(dates >= 10, "only {dates} dates found");
}

#[test]
fn the_working_together_rules_each_say_what_they_rest_on() {
    for name in ["working_together_2018", "working_together_2023"] {
        let text = stdlib::FILES.iter().find(|(n, _)| *n == name).expect("the guidance").1;
        let rules: Vec<Block> = blocks(text).into_iter().skip(1).collect();
        assert!(!rules.is_empty(), "{name} has rules");
        for rule in rules {
            assert!(
                rule.readings
                    .iter()
                    .any(|r| r.contains("Partnership") || r.contains("minutes")),
                "{name}.{}: no reading names the published summary it rests on",
                rule.name
            );
        }
    }
}
