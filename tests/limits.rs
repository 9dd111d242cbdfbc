//! Inputs at the edges of what regard accepts: councils of thousands of posts, reporting
//! chains thousands deep, circles through all of them, and clauses of many thousands of
//! `not`s and `and`s. Each must be checked without a stack overflow and in time that
//! grows linearly: the work for four times the input must be well under the sixteen
//! times a quadratic algorithm would take. (Files over 16 MiB and nesting past 256
//! levels are E0003: `tests/cli.rs`.)

use std::time::{Duration, Instant};

use regard::diagnostics::{Builtin, Code};
use regard::generate::{self, Config};
use regard::{Input, Options, Session};

fn check(text: &str) -> (Duration, Vec<regard::diagnostics::Diagnostic>, String) {
    let started = Instant::now();
    let options = Options {
        as_of: "2025-06-01".parse().unwrap(),
        stdlib: true,
    };
    let mut session = Session::new(vec![Input::text("big.regard", text)], options);
    let diagnostics = session.diagnostics();
    let human = session.render_human(&diagnostics, false);
    (started.elapsed(), diagnostics, human)
}

/// The fastest of five checks of `text`.
fn time(text: &str) -> Duration {
    (0..5).map(|_| check(text).0).min().unwrap()
}

/// Asserts that `input(4n)` takes well under sixteen times as long as `input(n)`.
/// Timings are taken one test at a time, so that tests running in parallel on a small
/// machine do not skew each other's ratios.
fn assert_linear(what: &str, input: impl Fn(usize) -> String) {
    static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let (small, large) = (time(&input(2_500)), time(&input(10_000)));
    let ratio = large.as_secs_f64() / small.as_secs_f64();
    assert!(
        ratio < 9.0,
        "{what}: 2,500 took {small:?}, 10,000 took {large:?} ({ratio:.1} times): not linear"
    );
}

fn council_of(posts: usize) -> String {
    let mut config = Config::national(1, 11);
    config.extra_posts = posts;
    generate::councils(config).remove(0).text
}

/// A chain of `n` posts, each reporting to the one before; with `circle`, the first
/// reports to the last.
fn chain(n: usize, circle: bool) -> String {
    let mut text =
        String::from("council deep \"Deep\" {\n  officer p0 \"Chief Executive\" {\n    holds ChiefExecutive\n");
    if circle {
        text.push_str(&format!("    reports_to p{}\n", n - 1));
    }
    text.push_str("  }\n");
    for i in 1..n {
        text.push_str(&format!("  officer p{i} {{\n    reports_to p{}\n  }}\n", i - 1));
    }
    text.push_str(&format!(
        "  officer dcs {{\n    holds DCS\n    reports_to p{}\n  }}\n}}\n",
        n - 1
    ));
    text
}

#[test]
fn a_council_of_ten_thousand_posts_is_checked_in_linear_time() {
    assert_linear("posts", council_of);
    let (_, diagnostics, _) = check(&council_of(10_000));
    // The generated council is sound apart from the advice it always gets.
    assert!(diagnostics.len() < 5, "{diagnostics:?}");
}

#[test]
fn a_reporting_chain_ten_thousand_deep_is_checked_in_linear_time() {
    assert_linear("chain", |n| chain(n, false));
    let (_, diagnostics, _) = check(&chain(10_000, false));
    assert!(!diagnostics.iter().any(|d| d.code == Code::Builtin(Builtin::E0202)));
}

#[test]
fn a_circle_through_ten_thousand_posts_is_one_readable_report() {
    assert_linear("circle", |n| chain(n, true));
    let (_, diagnostics, human) = check(&chain(10_000, true));
    let circles: Vec<_> = diagnostics
        .iter()
        .filter(|d| d.code == Code::Builtin(Builtin::E0202))
        .collect();
    assert_eq!(circles.len(), 1);
    let circle = circles[0];
    assert!(
        circle
            .message
            .starts_with("reporting lines go round in a circle of 10000 posts: `p0` → `p9999` → `p9998` → "),
        "{}",
        circle.message
    );
    assert!(circle.message.ends_with(" → … → `p0`"), "{}", circle.message);
    assert_eq!(circle.labels.len(), 11);
    assert!(circle.notes.iter().any(|n| n.contains("the first 12 are marked")));
    // The whole terminal report stays short.
    assert!(human.len() < 20_000, "{} bytes", human.len());
}

#[test]
fn clauses_of_many_thousands_of_nots_and_ands_check_without_overflow() {
    let nots = "not ".repeat(100_001);
    let ands = vec!["holds DCS"; 50_000].join(" and ");
    let ors = vec!["is interim"; 50_000].join(" or ");
    let text = format!(
        "guidance g {{\n  rule nots {{\n    should DCS {nots}is interim\n  }}\n\n  rule ands {{\n    should DCS {ands}\n  }}\n\n  rule ors {{\n    should DCS {ors}\n  }}\n}}\n\ncouncil c {{\n  follows g\n\n  officer d {{\n    holds DCS\n  }}\n}}\n"
    );
    let (elapsed, diagnostics, _) = check(&text);
    // An odd number of `not`s: the DCS must not be interim, and is not.
    let broken: Vec<&str> = diagnostics
        .iter()
        .filter_map(|d| match &d.code {
            Code::Rule { rule, .. } => Some(rule.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(broken, ["ors"], "{diagnostics:?}");
    assert!(elapsed < Duration::from_secs(20), "{elapsed:?}");
}
