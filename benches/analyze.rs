//! `regard analyze` at scale (language-v3 3.7, issue 27): a draft grown from the 2013
//! guidance's rules with synthetic rules over new roles, of 60, 120 and 200 rules,
//! analysed as a drafter runs it (every period, kinds of council, the default bound).
//! Reports the wall time and peak memory of the `regard` process for each size.
//!
//! `cargo bench --bench analyze` (or `-- 200` for one size).

use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

/// The 2013 guidance's rules (as a drafter copies them into a new edition), then
/// synthetic rules over `new_roles` roles of the draft's own: lines between them,
/// combinations ruled out, boards, kinds of post and exemptions, the shapes the real
/// rules have.
fn draft(rules: usize) -> String {
    let library = regard::stdlib::FILES
        .iter()
        .find(|(name, _)| *name == "dcs_lmcs_2013")
        .expect("the 2013 guidance")
        .1;
    // The real rules, renamed into the draft.
    let start = library.find("  rule dcs_appointed").expect("its first rule");
    let end = library.rfind('}').expect("its end");
    let real = &library[start..end];
    let real_rules = real.matches("\n  rule ").count() + 1;
    let synthetic = rules.saturating_sub(real_rules);
    let new_roles = (synthetic / 2).max(2);
    let mut text = String::new();
    for r in 0..new_roles {
        text.push_str(&format!("/// A role of the draft.\nrole Role{r} \"Role {r}\"\n\n"));
    }
    text.push_str("guidance draft_scale \"A large draft\" {\n  status statutory\n  in_force 2027-09-01\n  replaces dcs_lmcs_2013\n\n");
    text.push_str(real);
    let mut rng = fastrand::Rng::with_seed(27);
    for i in 0..synthetic {
        let a = rng.usize(..new_roles);
        let b = (a + 1 + rng.usize(..new_roles - 1)) % new_roles;
        let clause = match i % 6 {
            0 => format!("should Role{a} reports_to Role{b} unless holds Role{b}"),
            1 => format!("should not combine(Role{a}, Role{b})"),
            2 => format!("should Role{a} is officer"),
            3 => format!("should Role{a} member_of HealthAndWellbeingBoard unless council is committee_system"),
            4 => format!("should Role{a} requires assurance when holds other_than childrens_roles"),
            _ => format!("should not Role{a} member_of Executive when is officer"),
        };
        text.push_str(&format!(
            "\n  rule synthetic_{i} \"Synthetic rule {i}\" {{\n    cite \"para {}\"\n    {clause}\n  }}\n",
            1 + i % 28
        ));
    }
    text.push_str("}\n");
    text
}

fn main() {
    let sizes: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let sizes = if sizes.is_empty() { vec![60, 120, 200] } else { sizes };
    let regard = PathBuf::from(env!("CARGO_BIN_EXE_regard"));
    let dir = std::env::temp_dir().join("regard-analyze-bench");
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    for rules in sizes {
        let path = dir.join(format!("draft_{rules}.regard"));
        std::fs::write(&path, draft(rules)).expect("the draft is written");
        let time = std::path::Path::new("/usr/bin/time").exists();
        let started = Instant::now();
        let output = match time {
            true => Command::new("/usr/bin/time")
                .args(["-f", "%M"])
                .arg(&regard)
                .args(["analyze", "--format", "json"])
                .arg(&path)
                .output(),
            false => Command::new(&regard)
                .args(["analyze", "--format", "json"])
                .arg(&path)
                .output(),
        }
        .expect("regard runs");
        let took = started.elapsed();
        let memory = String::from_utf8_lossy(&output.stderr)
            .lines()
            .last()
            .and_then(|l| l.trim().parse::<u64>().ok())
            .map_or("unknown".to_string(), |kb| format!("{} MB", kb / 1024));
        let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap_or_default();
        let periods = json["periods"].as_array().map_or(0, Vec::len);
        let bound = &json["periods"][periods.saturating_sub(1)]["bound"];
        println!(
            "analyze {rules} rules: {:.2} s, {memory} peak, {periods} periods, bound {} posts and {} records, {} diagnostics",
            took.as_secs_f64(),
            bound["posts"],
            bound["records"],
            json["diagnostics"].as_array().map_or(0, Vec::len)
        );
    }
}
