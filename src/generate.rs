//! A seeded generator of realistic councils, for benchmarks, randomized tests and the
//! language server's scale tests. Not used by `regard` itself.
//!
//! Every council has the statutory posts (Chief Executive, DCS, Leader or Mayor, LMCS),
//! the usual other directors, a head of safeguarding, boards, a number of further
//! officers and cabinet members, and sometimes a combined DCS/DASS post with its
//! assurance record or a joint DCS shared with the next council. With probability
//! `problem_rate` per kind, a council also gets one of the problems real councils have
//! (see [`Problem`]), so the checker has something to find.

/// What to generate.
#[derive(Clone, Copy, Debug)]
pub struct Config {
    pub councils: usize,
    pub seed: u64,
    /// The chance, for each kind of problem, that a council has it (0.0 to 1.0).
    pub problem_rate: f64,
    /// Officers and members beyond the statutory and usual posts, per council.
    pub extra_posts: usize,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            councils: 10,
            seed: 1,
            problem_rate: 0.1,
            extra_posts: 8,
        }
    }
}

impl Config {
    /// `councils` councils the size of real ones (about 4 KB of source each, some 30
    /// posts), one in ten with each kind of problem: the workload of the benchmarks.
    pub fn national(councils: usize, seed: u64) -> Config {
        Config {
            councils,
            seed,
            problem_rate: 0.1,
            extra_posts: 22,
        }
    }
}

/// The problems a generated council may have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    /// The DCS reports to a deputy rather than the Chief Executive.
    DcsReportsToDeputy,
    /// The LMCS is not a member of the Executive (in a council with one).
    LmcsOffExecutive,
    /// The DCS is not on the Health and Wellbeing Board (a statutory `must`).
    DcsOffHealthBoard,
    /// Every assurance record is older than twelve months.
    StaleAssurance,
    /// A role's name is misspelt.
    MisspeltRole,
    /// Two officers report to each other.
    ReportingCycle,
    /// A line that does not parse.
    SyntaxError,
    /// A departure from a rule the council meets.
    StaleDeparture,
    /// The DCS post is vacant and nobody covers it, so the council has no DCS.
    VacantDcs,
}

impl Problem {
    pub const ALL: [Problem; 9] = [
        Problem::DcsReportsToDeputy,
        Problem::LmcsOffExecutive,
        Problem::DcsOffHealthBoard,
        Problem::StaleAssurance,
        Problem::MisspeltRole,
        Problem::ReportingCycle,
        Problem::SyntaxError,
        Problem::StaleDeparture,
        Problem::VacantDcs,
    ];
}

/// One generated file.
#[derive(Clone, Debug)]
pub struct Generated {
    pub path: String,
    pub council: String,
    pub text: String,
    pub problems: Vec<Problem>,
}

const PLACES: &[&str] = &[
    "Ashford",
    "Bramley",
    "Carrow",
    "Dunmere",
    "Elmstead",
    "Farley",
    "Glenmoor",
    "Hollins",
    "Ivybridge",
    "Kelso",
    "Langdon",
    "Marwood",
    "Northam",
    "Oakhurst",
    "Pelham",
    "Quarry",
    "Redhill",
    "Saltash",
    "Thornbury",
    "Upton",
    "Westcliff",
    "Yarrow",
];
const KINDS: &[&str] = &[
    "County Council",
    "City Council",
    "Borough Council",
    "Metropolitan Borough Council",
    "Council",
];
const NAMES: &[&str] = &[
    "A. Patel",
    "B. Okoro",
    "C. Lindqvist",
    "D. O'Neill",
    "E. Haddad",
    "F. Nowak",
    "G. Mensah",
    "H. Brennan",
    "I. Kowalczyk",
    "J. Achebe",
    "K. Duffy",
    "L. Ferreira",
];
const DIRECTORATES: &[&str] = &[
    "Education and Skills",
    "Early Help",
    "Children in Care",
    "Quality Assurance",
    "Commissioning",
    "Finance",
    "Housing",
    "Highways",
    "Legal Services",
    "Human Resources",
    "Customer Services",
    "Planning",
];
const PORTFOLIOS: &[&str] = &[
    "Finance",
    "Housing",
    "Environment",
    "Transport",
    "Adult Social Care",
    "Health",
    "Culture",
    "Communities",
];

/// Generates `config.councils` councils, one a file, named `council_NNNNN.regard`.
pub fn councils(config: Config) -> Vec<Generated> {
    let mut rng = fastrand::Rng::with_seed(config.seed);
    (0..config.councils).map(|i| council(&mut rng, i, config)).collect()
}

fn council(rng: &mut fastrand::Rng, i: usize, config: Config) -> Generated {
    let id = format!("council_{i:05}");
    let title = format!(
        "{} {}",
        PLACES[rng.usize(..PLACES.len())],
        KINDS[rng.usize(..KINDS.len())]
    );
    let mut problems = Vec::new();
    for p in Problem::ALL {
        if rng.f64() < config.problem_rate {
            problems.push(p);
        }
    }
    let name = |rng: &mut fastrand::Rng| NAMES[rng.usize(..NAMES.len())];
    let mayoral = rng.u8(..6) == 0;
    // A joint DCS with the neighbouring council: pairs (0, 1), (10, 11)... when both exist.
    let joint_partner = if i % 10 < 2 && (i % 2 == 1 || i + 1 < config.councils) {
        Some(if i.is_multiple_of(2) { i + 1 } else { i - 1 })
    } else {
        None
    };
    // Both views of a joint post must hold the same roles, so joint posts are not combined.
    let combined = joint_partner.is_none() && rng.u8(..4) == 0;
    // A joint post is declared by two councils: neither leaves it vacant alone.
    if joint_partner.is_some() {
        problems.retain(|&p| p != Problem::VacantDcs);
    }
    let has = |p: Problem| problems.contains(&p);
    // Language version 2's forms, in some councils and without drawing on the random
    // stream: an interim DCS, a DCS who chairs the safeguarding partnership (`chairs`
    // implies `member_of`), a vacant post of no statutory role.
    let interim_dcs = i % 5 == 2;
    let chairs_partnership = i % 6 == 5;
    let vacant_officer = i % 4 == 1;
    // A committee-system council has no Executive and no elected mayor (facts of law).
    let committee_system = i % 7 == 3 && !mayoral;

    let mut t = String::with_capacity(4096 + config.extra_posts * 160);
    t.push_str(&format!(
        "/// {title}, generated for testing.\ncouncil {id} \"{title}\" {{\n"
    ));
    if committee_system {
        t.push_str("  is committee_system\n\n");
    }
    t.push_str(&format!(
        "  officer chief_executive \"Chief Executive\" {{\n    holds ChiefExecutive, LeadSafeguardingPartner\n    holder \"{}\"\n  }}\n\n",
        name(rng)
    ));
    t.push_str(
        "  officer deputy_chief_executive \"Deputy Chief Executive\" {\n    reports_to chief_executive\n  }\n\n",
    );

    // The DCS is the council's delegated safeguarding partner (Working Together 2023),
    // named first so that `interim` stays with the DCS role.
    let dcs_roles = if combined {
        "DelegatedSafeguardingPartner, DASS, DCS"
    } else {
        "DelegatedSafeguardingPartner, DCS"
    };
    let role = if has(Problem::MisspeltRole) {
        "DelegatedSafeguardingPartner, DSC"
    } else {
        dcs_roles
    };
    let dcs_boss = if has(Problem::DcsReportsToDeputy) {
        "deputy_chief_executive"
    } else {
        "chief_executive"
    };
    let boards = match (has(Problem::DcsOffHealthBoard), chairs_partnership) {
        (true, false) => "member_of SafeguardingPartnership",
        (true, true) => "chairs SafeguardingPartnership",
        (false, false) => "member_of SafeguardingPartnership, HealthAndWellbeingBoard",
        (false, true) => "chairs SafeguardingPartnership\n    member_of HealthAndWellbeingBoard",
    };
    let basis = if interim_dcs && !combined && !has(Problem::MisspeltRole) {
        " interim"
    } else {
        ""
    };
    let vacant = if has(Problem::VacantDcs) { "    is vacant\n" } else { "" };
    t.push_str(&format!(
        "  officer director_childrens \"Director of Children's Services\" {{\n    holds {role}{basis}\n    holder \"{}\"\n{vacant}    reports_to {dcs_boss}\n    {boards}\n    responsible_for education, childrens_social_care, send{}\n",
        name(rng),
        if combined { ", adult_social_care" } else { "" }
    ));
    if let Some(partner) = joint_partner {
        t.push_str(&format!("    shared with council_{partner:05}\n"));
    }
    t.push_str("  }\n\n");
    if !combined {
        t.push_str("  officer director_adults \"Director of Adult Social Services\" {\n    holds DASS\n    reports_to chief_executive\n    member_of HealthAndWellbeingBoard\n    responsible_for adult_social_care\n  }\n\n");
    }
    t.push_str("  officer director_public_health \"Director of Public Health\" {\n    holds DPH\n    reports_to chief_executive\n    member_of HealthAndWellbeingBoard\n    responsible_for public_health\n  }\n\n");
    t.push_str("  officer head_of_safeguarding \"Head of Children's Safeguarding\" {\n    holds HeadOfChildrensSafeguarding\n    reports_to director_childrens\n    member_of SafeguardingPartnership\n  }\n\n");

    extra_posts(&mut t, rng, config.extra_posts, vacant_officer, committee_system);
    councillors_and_assurance(&mut t, &problems, mayoral, committee_system, combined);
    if t.ends_with("\n\n") {
        t.pop();
    }
    t.push_str("}\n");
    Generated {
        path: format!("council_{i:05}.regard"),
        council: id,
        text: t,
        problems,
    }
}

/// The further posts of `config.extra_posts`: cabinet members and assistant directors in
/// reporting lines, drawing on the random stream in order.
fn extra_posts(t: &mut String, rng: &mut fastrand::Rng, extra: usize, vacant_officer: bool, committee_system: bool) {
    let name = |rng: &mut fastrand::Rng| NAMES[rng.usize(..NAMES.len())];
    for k in 0..extra {
        if k % 3 == 2 {
            let portfolio = PORTFOLIOS[rng.usize(..PORTFOLIOS.len())];
            t.push_str(&match committee_system {
                false => format!(
                    "  member cabinet_{k} \"Cabinet Member for {portfolio}\" {{\n    reports_to leader\n    member_of Executive\n  }}\n\n"
                ),
                true => format!(
                    "  member cabinet_{k} \"Chair of the Committee for {portfolio}\" {{\n    reports_to leader\n  }}\n\n"
                ),
            });
        } else {
            let area = DIRECTORATES[rng.usize(..DIRECTORATES.len())];
            // Officers report to a director, or to the officer above them.
            let boss = match k {
                0 | 1 => "director_childrens".to_string(),
                _ if rng.bool() => "deputy_chief_executive".to_string(),
                _ => format!("officer_{}", if (k - 1) % 3 == 2 { k - 2 } else { k - 1 }),
            };
            let holder = name(rng);
            if vacant_officer && k == 0 {
                t.push_str(&format!(
                    "  officer officer_{k} \"Assistant Director, {area}\" {{\n    is vacant\n    reports_to {boss}\n  }}\n\n"
                ));
            } else {
                t.push_str(&format!(
                    "  officer officer_{k} \"Assistant Director, {area}\" {{\n    holder \"{holder}\"\n    reports_to {boss}\n  }}\n\n"
                ));
            }
        }
    }
}

/// The reporting circle of its problem, the Leader or Mayor, the Lead Member, the
/// assurance records and a stale departure: the rest of a council, with no randomness.
fn councillors_and_assurance(
    t: &mut String,
    problems: &[Problem],
    mayoral: bool,
    committee_system: bool,
    combined: bool,
) {
    let has = |p: Problem| problems.contains(&p);
    if has(Problem::ReportingCycle) {
        t.push_str("  officer cycle_a \"Head of Service A\" {\n    reports_to cycle_b\n  }\n\n");
        t.push_str("  officer cycle_b \"Head of Service B\" {\n    reports_to cycle_a\n  }\n\n");
    }

    let (leader_role, leader_title) = if mayoral {
        ("Mayor", "Elected Mayor")
    } else {
        ("Leader", "Leader of the Council")
    };
    let executive = if committee_system {
        ""
    } else {
        "\n    member_of Executive"
    };
    t.push_str(&format!(
        "  member leader \"{leader_title}\" {{\n    holds {leader_role}{executive}\n  }}\n\n"
    ));
    let lmcs_bodies = if has(Problem::LmcsOffExecutive) || committee_system {
        ""
    } else {
        "    member_of Executive\n"
    };
    t.push_str(&format!(
        "  member lead_member \"Cabinet Member for Children and Young People\" {{\n    holds LMCS\n    reports_to leader\n{lmcs_bodies}    observer_of SafeguardingPartnership\n    responsible_for education, childrens_social_care, send\n  }}\n\n"
    ));
    if has(Problem::SyntaxError) {
        t.push_str("  officer broken \"Broken\" {\n    holds DCS,\n  }\n\n");
    }
    let date = if has(Problem::StaleAssurance) {
        "2023-02-01"
    } else {
        "2025-03-01"
    };
    // The council's review of its arrangements (paras 14 and 16), which also assures
    // the DCS post (para 10, and the guide's point on shared posts).
    t.push_str(&format!(
        "  assurance annual_review \"Annual review of the DCS and LMCS arrangements\" {{\n    covers director_childrens\n    dated {date}\n    by \"Children's Services Scrutiny Committee\"\n    addresses priority, accountability, seniority, participation, child_protection, partnerships\n  }}\n\n"
    ));
    if combined {
        t.push_str(&format!(
            "  assurance combined_post \"Local test of assurance for the combined post\" {{\n    covers director_childrens\n    dated {date}\n    by \"Scrutiny Committee\"\n    addresses priority, accountability, seniority, participation, child_protection, partnerships\n  }}\n\n"
        ));
    }
    if has(Problem::StaleDeparture) {
        t.push_str("  depart lmcs_reports_to_leader because \"The Lead Member reports to the Leader through the cabinet, as the constitution sets out\"\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_councils() {
        let config = Config {
            councils: 5,
            seed: 42,
            ..Config::default()
        };
        let a: Vec<String> = councils(config).into_iter().map(|g| g.text).collect();
        let b: Vec<String> = councils(config).into_iter().map(|g| g.text).collect();
        assert_eq!(a, b);
        let c: Vec<String> = councils(Config { seed: 43, ..config })
            .into_iter()
            .map(|g| g.text)
            .collect();
        assert_ne!(a, c);
    }
}
